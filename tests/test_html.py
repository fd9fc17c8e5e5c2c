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
