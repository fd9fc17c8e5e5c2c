"""The report in notebooks: the HTML table and IPython's pretty printing (R12–R16)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import callanalytics as ca
from tests.builders import call

ANNA = ca.Manager(1, "Anna")
VERA = ca.Manager(3, "Vera", active=False)
ODD = '<script>alert(1)</script> & "Co"'


CALLS = [
    call(1, "inbound", 3725, 1),
    call(2, "outbound", 60, 1),
    call(3, "inbound", 8, 3),
    call(4, "outbound", 600, None),
    call(5, "outbound", 15, 99),
]
# By hand: Anna 1 in (3725 s) + 1 out (60 s); Vera (inactive) 1 in (8 s); total 2 / 1 / 3,
# 3733 s / 60 s / 3793 s; average over 2 rows, rounded up: 1 / 1 / 2, 1867 s / 30 s / 1897 s;
# unassigned 1 out of 600 s; call 5 (manager 99, not in the account) is excluded.


class Cells(HTMLParser):
    """The text of each table row's cells, with its ``data-kind``, and the caption's lines."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str | None, list[str]]] = []
        self.styles: list[list[str]] = []
        self.caption = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append((dict(attrs).get("data-kind"), []))
            self.styles.append([])
        elif tag in ("td", "th"):
            self.rows[-1][1].append("")
            self.styles[-1].append(dict(attrs).get("style") or "")
            self._in = "cell"
        elif tag == "caption":
            self._in = "caption"
        elif tag == "br" and self._in == "caption":
            self.caption += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "caption"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "cell":
            self.rows[-1][1][-1] += data
        elif self._in == "caption":
            self.caption += data


def parse(html: str) -> Cells:
    cells = Cells()
    cells.feed(html)
    cells.close()
    return cells


@pytest.fixture
def report() -> ca.CallsReport:
    return ca.build_report(CALLS, [VERA, ANNA])


def test_r12_r16_the_html_table_has_the_header_rows_and_hms_durations(
    report: ca.CallsReport,
) -> None:
    """A header, the managers, total, average and unassigned, durations as HH:MM:SS."""
    table = parse(report._repr_html_())
    assert table.rows == [
        (
            None,
            [
                "Manager",
                "Incoming",
                "Outgoing",
                "Total",
                "Incoming time",
                "Outgoing time",
                "Total time",
            ],
        ),
        ("manager", ["Anna", "1", "1", "2", "01:02:05", "00:01:00", "01:03:05"]),
        ("manager", ["Vera (inactive)", "1", "0", "1", "00:00:08", "00:00:00", "00:00:08"]),
        ("total", ["Total", "2", "1", "3", "01:02:13", "00:01:00", "01:03:13"]),
        ("average", ["Average", "1", "1", "2", "00:31:07", "00:00:30", "00:31:37"]),
        ("unassigned", ["No manager", "0", "1", "1", "00:00:00", "00:10:00", "00:10:00"]),
    ]


def test_the_html_numbers_are_right_aligned_and_names_left(report: ca.CallsReport) -> None:
    """Every cell but the first of a line is right-aligned; the names are left-aligned."""
    table = parse(report.to_html())
    for styles in table.styles:
        assert "text-align: left" in styles[0]
        assert all("text-align: right" in style for style in styles[1:])


def test_r12_an_inactive_manager_is_marked_in_html(report: ca.CallsReport) -> None:
    """The inactive manager's line says so and is greyed; the active one's is not."""
    html = report.to_html()
    vera = next(line for line in html.splitlines() if ">Vera " in line)
    anna = next(line for line in html.splitlines() if ">Anna<" in line)
    assert "<em>(inactive)</em>" in vera
    assert 'style="color: #888;"' in vera
    assert "inactive" not in anna
    assert "#888" not in anna


def test_manager_names_are_escaped_in_html() -> None:
    """A name holding markup is shown as text, never run: ``<``, ``&`` and ``"`` are escaped."""
    report = ca.build_report([], [ca.Manager(1, ODD)])
    html = report._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in html
    assert parse(html).rows[1] == (
        "manager",
        [ODD, "0", "0", "0", "00:00:00", "00:00:00", "00:00:00"],
    )


def test_r11_the_html_caption_tells_the_calls_given_and_excluded(report: ca.CallsReport) -> None:
    """The caption counts the 5 calls given and the 1 excluded, with its reason, then the scope."""
    assert parse(report.to_html()).caption == (
        "5 calls given; not in the report: 1 (manager not in the account: 1)\n"
        "All calls given, no filter"
    )


def test_the_html_table_in_russian(report: ca.CallsReport) -> None:
    """In Russian: the page's column words and Итого, Среднее, Без менеджера, неактивен."""
    table = parse(report.to_html(lang="ru"))
    assert table.rows[0][1][:4] == ["Менеджер", "Входящие", "Исходящие", "Всего"]
    assert [cells[0] for _, cells in table.rows[1:]] == [
        "Anna",
        "Vera (неактивен)",
        "Итого",
        "Среднее",
        "Без менеджера",
    ]
    assert table.caption.startswith("Всего 5 звонков; не попали в отчёт: 1 (")
    assert table.caption.endswith(")\nВсе переданные звонки, без фильтров")


def test_the_html_table_without_rows_says_so() -> None:
    """With no manager rows the body says there is none, and the summary lines follow."""
    table = parse(ca.build_report([], []).to_html())
    assert table.rows[1] == ("none", ["No managers to show."])
    assert [kind for kind, _ in table.rows[2:]] == ["total", "average", "unassigned"]
    assert table.caption == "0 calls given\nAll calls given, no filter"


def test_an_unknown_lang_is_an_error_for_html(report: ca.CallsReport) -> None:
    """A language other than ru / en is an ``InvalidValueError`` naming ``lang``."""
    with pytest.raises(ca.InvalidValueError, match="'lang'"):
        report.to_html(lang="fr")


class Printer:
    """What IPython's pretty printer is given, collected."""

    def __init__(self) -> None:
        self.printed: list[str] = []

    def text(self, obj: str) -> None:
        self.printed.append(obj)


def test_repr_pretty_prints_the_text_table(report: ca.CallsReport) -> None:
    """IPython prints the report as its text table, the same as ``str(report)``."""
    printer = Printer()
    report._repr_pretty_(printer, False)
    assert printer.printed == [report.table()]
    assert printer.printed[0].splitlines()[2].split() == [
        "Anna",
        "1",
        "1",
        "2",
        "01:02:05",
        "00:01:00",
        "01:03:05",
    ]


def test_repr_pretty_of_a_cycle_is_short(report: ca.CallsReport) -> None:
    """Inside a reference cycle IPython gets a short placeholder, not the table."""
    printer = Printer()
    report._repr_pretty_(printer, True)
    assert printer.printed == ["CallsReport(...)"]


def crowd(n: int) -> ca.CallsReport:
    """*n* managers, M000 first; each takes one call of 60 s; one call without a manager."""
    managers = [ca.Manager(i, f"M{i:03d}") for i in range(n)]
    calls = [call(i, "inbound", 60, i) for i in range(n)]
    return ca.build_report([*calls, call(n, "outbound", 30, None)], managers)


def test_a_long_html_table_shows_its_head_and_tail_and_counts_the_others() -> None:
    """60 managers: rows 1-25, a line saying 10 more, rows 36-60, total, average, unassigned."""
    table = parse(crowd(60)._repr_html_())
    kinds = [kind for kind, _ in table.rows[1:]]
    assert kinds == ["manager"] * 25 + ["hidden"] + ["manager"] * 25 + [
        "total",
        "average",
        "unassigned",
    ]
    names = [cells[0] for kind, cells in table.rows if kind == "manager"]
    assert names == [f"M{i:03d}" for i in [*range(25), *range(35, 60)]]
    assert table.rows[26][1] == [
        "… 10 more managers not shown; to_html(max_rows=None) shows every row"
    ]
    # The summary lines are of all 60 managers, not of the rows shown.
    assert table.rows[52][1][:4] == ["Total", "60", "0", "60"]
    assert table.rows[53][1][:4] == ["Average", "1", "0", "1"]
    assert table.rows[54][1][:4] == ["No manager", "0", "1", "1"]


def test_two_thousand_managers_show_fifty_rows() -> None:
    """2,000 managers: 25 first, 1,950 counted, 25 last; the hidden line spans the table."""
    html = crowd(2000).to_html(lang="ru")
    table = parse(html)
    names = [cells[0] for kind, cells in table.rows if kind == "manager"]
    by_name = sorted(f"M{i:03d}" for i in range(2000))  # "M1000" comes before "M101"
    assert names == by_name[:25] + by_name[-25:]
    assert '<tr data-kind="hidden"><td colspan="7" ' in html
    assert [cells for kind, cells in table.rows if kind == "hidden"] == [
        ["… ещё 1950 менеджеров не показано; все строки: to_html(max_rows=None)"]
    ]


def test_an_odd_max_rows_shows_one_more_at_the_head() -> None:
    """``max_rows=5`` of 8 managers: 3 first, the line, 2 last."""
    table = parse(crowd(8).to_html(max_rows=5))
    shown = [kind if kind == "hidden" else cells[0] for kind, cells in table.rows[1:-3]]
    assert shown == ["M000", "M001", "M002", "hidden", "M006", "M007"]
    one = parse(crowd(2).to_html(max_rows=1))
    assert [kind for kind, _ in one.rows[1:3]] == ["manager", "hidden"]


def test_fifty_one_managers_hide_one_row_by_default() -> None:
    """The default is 50 rows: a 51st is counted, in the singular."""
    table = parse(crowd(51).to_html())
    assert [cells for kind, cells in table.rows if kind == "hidden"] == [
        ["… 1 more manager not shown; to_html(max_rows=None) shows every row"]
    ]
    assert parse(crowd(50).to_html()).rows[-3][0] == "total"
    assert "hidden" not in [kind for kind, _ in parse(crowd(50).to_html()).rows]


def test_max_rows_none_shows_every_row() -> None:
    """``to_html(max_rows=None)`` has all 60 managers and no hidden line."""
    kinds = [kind for kind, _ in parse(crowd(60).to_html(max_rows=None)).rows[1:]]
    assert kinds == ["manager"] * 60 + ["total", "average", "unassigned"]


@pytest.mark.parametrize(
    ("hidden", "words"),
    [
        (1, "… ещё 1 менеджер не показан"),
        (3, "… ещё 3 менеджера не показаны"),
        (5, "… ещё 5 менеджеров не показано"),
        (21, "… ещё 21 менеджер не показан"),
    ],
)
def test_the_hidden_rows_line_in_russian_agrees_with_its_count(hidden: int, words: str) -> None:
    """In Russian the noun and the participle agree with how many rows are hidden."""
    table = parse(crowd(2 + hidden).to_html(lang="ru", max_rows=2))
    (line,) = [cells for kind, cells in table.rows if kind == "hidden"]
    assert line == [f"{words}; все строки: to_html(max_rows=None)"]


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (0, ca.InvalidValueError, r"'max_rows' must be >= 1 \(got 0\)"),
        (-5, ca.InvalidValueError, r"'max_rows' must be >= 1 \(got -5\)"),
        (True, ca.InvalidTypeError, r"'max_rows' must be an int or None \(got True"),
        (2.5, ca.InvalidTypeError, r"'max_rows' must be an int or None \(got 2.5"),
        ("10", ca.InvalidTypeError, r"'max_rows' must be an int or None \(got '10'"),
    ],
)
def test_max_rows_must_be_a_positive_int_or_none(
    value: object, error: type[Exception], message: str
) -> None:
    """Anything but a whole number >= 1 or None is an error naming ``max_rows``."""
    with pytest.raises(error, match=message):
        crowd(3).to_html(max_rows=value)  # type: ignore[arg-type]
