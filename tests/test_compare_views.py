"""The comparison as people read it: records, a frame, an HTML table, the periods it covers."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from datetime import UTC, datetime

import pandas as pd
import pytest

import callanalytics as ca
from callanalytics._views.compare import COMPARISON_FIELDS, Comparison, compare
from tests.test_compare import CURRENT, MANAGERS, PREVIOUS
from tests.test_html import parse

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # 18:00 in Moscow
MONTH = ca.Period.preset("this_month", now=NOW, tz="Europe/Moscow")


@pytest.fixture
def comparison() -> Comparison:
    return compare(ca.build_report(CURRENT, MANAGERS), ca.build_report(PREVIOUS, MANAGERS))


def by_month(**options: object) -> Comparison:
    """This month against the last, both with *options* as the other filters."""
    now = ca.Filter(period=MONTH, **options)
    before = ca.Filter(period=MONTH.previous(), **options)
    return compare(
        ca.build_report([], MANAGERS, filter=now, now=NOW),
        ca.build_report([], MANAGERS, filter=before, now=NOW),
    )


def test_records_hold_both_sides_the_delta_and_the_percent_of_every_figure(
    comparison: Comparison,
) -> None:
    """Anna's and Boris's records, by hand from the calls of tests/test_compare.py."""
    records = comparison.to_dicts()
    assert [(r["kind"], r["manager"]) for r in records] == [
        ("manager", "Anna"),
        ("manager", "Boris"),
        ("manager", "Gleb"),
        ("manager", "Vera"),
        ("total", "Total"),
        ("average", "Average"),
        ("unassigned", "No manager"),
    ]
    anna, boris = records[0], records[1]
    assert (anna["manager_id"], anna["group"], anna["active"]) == (1, None, True)
    assert records[3]["active"] is False
    # Anna: 3 in (240 s) and 1 out (30 s) now; 2 in (120 s) and 2 out (60 s) before.
    assert (
        anna["incoming_current"],
        anna["incoming_previous"],
        anna["incoming_delta"],
        anna["incoming_percent"],
    ) == (3, 2, 1, 50.0)
    assert (anna["outgoing_delta"], anna["outgoing_percent"]) == (-1, -50.0)
    assert (anna["total_delta"], anna["total_percent"]) == (0, 0.0)
    assert (anna["total_duration_current"], anna["total_duration_previous"]) == (270, 180)
    assert (anna["total_duration_delta"], anna["total_duration_percent"]) == (90, 50.0)
    # Boris made one call of 60 s now and none before: no percent.
    assert (boris["outgoing_current"], boris["outgoing_previous"]) == (1, 0)
    assert boris["outgoing_percent"] is None
    assert boris["incoming_percent"] == 0.0
    total, unassigned = records[4], records[6]
    assert (total["incoming_delta"], total["outgoing_delta"], total["total_delta"]) == (0, 0, 0)
    assert total["incoming_duration_percent"] == 50.0  # 240 s against 160 s
    assert total["manager_id"] is None
    assert (unassigned["incoming_current"], unassigned["incoming_percent"]) == (1, None)
    assert list(anna) == list(COMPARISON_FIELDS)


def test_records_in_russian_change_only_the_summary_labels(comparison: Comparison) -> None:
    """``lang="ru"``: Итого, Среднее, Без менеджера; every other value as in English."""
    english, russian = comparison.to_dicts(), comparison.to_dicts(lang="ru")
    assert [r["manager"] for r in russian[-3:]] == ["Итого", "Среднее", "Без менеджера"]
    for en, ru in zip(english, russian, strict=True):
        assert {k: v for k, v in en.items() if k != "manager"} == {
            k: v for k, v in ru.items() if k != "manager"
        }
    with pytest.raises(ca.InvalidValueError, match=r"'lang' must be one of 'ru', 'en'"):
        comparison.to_dicts(lang="de")


def test_the_frame_has_the_records_and_typed_columns(comparison: Comparison) -> None:
    """One row per record; counts int64, percents Float64 with <NA> where no base, ids Int64."""
    frame = comparison.to_pandas()
    assert list(frame.columns) == list(COMPARISON_FIELDS)
    assert len(frame) == 7
    assert frame["incoming_current"].dtype == "int64"
    assert frame["total_duration_delta"].dtype == "int64"
    assert frame["outgoing_percent"].dtype == "Float64"
    assert frame["manager_id"].dtype == "Int64"
    assert frame["active"].dtype == "boolean"
    assert frame["outgoing_percent"].isna().tolist() == [
        False,
        True,  # Boris: 1 now, 0 before
        False,
        False,
        False,
        False,
        False,
    ]
    assert frame.loc[0, "total_duration_percent"] == 50.0
    assert frame["manager_id"].isna().tolist() == [False] * 4 + [True] * 3


def test_the_frame_keeps_text_ids_and_huge_figures() -> None:
    """Text manager ids stay ``object``; a duration beyond int64 is kept exact, ``object``."""
    huge = 2**63 + 5
    at = datetime(2026, 11, 2, tzinfo=UTC)
    big = ca.Call("x", "inbound", at, huge, manager_id="a", card_id=1, entity_type="contacts")
    anna = [ca.Manager("a", "Anna")]
    frame = compare(ca.build_report([big], anna), ca.build_report([], anna)).to_pandas()
    assert frame["manager_id"].dtype == object
    assert frame["incoming_duration_current"].dtype == object
    assert frame.loc[0, "incoming_duration_current"] == huge
    assert frame["incoming_current"].dtype == "int64"


def test_the_html_table_shows_each_figure_and_its_change(comparison: Comparison) -> None:
    """A header, one line per manager then the summaries; each cell the figure, its change."""
    html = comparison._repr_html_()
    table = parse(html)
    assert table.rows[0] == (
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
    )
    kinds = [kind for kind, _ in table.rows[1:]]
    assert kinds == ["manager"] * 4 + ["total", "average", "unassigned"]
    anna = table.rows[1][1]
    assert anna == [
        "Anna",
        "3+1 (+50.0%)",
        "1-1 (-50.0%)",
        "40 (0.0%)",
        "00:04:00+00:02:00 (+100.0%)",
        "00:00:30-00:00:30 (-50.0%)",
        "00:04:30+00:01:30 (+50.0%)",
    ]
    assert re.search(r">3<br><span [^>]*>\+1 \(\+50\.0%\)</span></td>", html)
    assert table.rows[4][1][0] == "Vera (inactive)"
    (vera,) = [line for line in html.splitlines() if "Vera" in line]
    assert 'data-kind="manager" style="color: #888;"' in vera
    assert table.rows[7][1][:3] == ["No manager", "1+1 (n/a)", "00 (0.0%)"]
    assert html.startswith('<table class="callanalytics-comparison"')


def test_the_html_caption_gives_both_periods_their_zone_and_the_filters() -> None:
    """The caption: the title, each period in Moscow time, the filters and "now"."""
    html = by_month(min_duration=10).to_html(lang="ru")
    assert parse(html).caption.splitlines() == [
        "Динамика относительно предыдущего периода. "
        "В каждой ячейке: текущее значение, под ним изменение",
        "Текущий период: [2026-11-01 00:00, 2026-12-01 00:00) (Europe/Moscow)",
        "Предыдущий период: [2026-10-01 00:00, 2026-11-01 00:00) (Europe/Moscow)",
        "Фильтры: продолжительность: не меньше 10 с; сейчас: 2026-11-20 18:00 (Europe/Moscow)",
    ]


def test_the_text_table_says_which_calls_it_compares() -> None:
    """Above the table: both periods with their zone, then the filters and "now"."""
    lines = by_month(directions=["inbound"]).table().splitlines()
    assert lines[:5] == [
        "Change against the previous period",
        "Current period: [2026-11-01 00:00, 2026-12-01 00:00) (Europe/Moscow)",
        "Previous period: [2026-10-01 00:00, 2026-11-01 00:00) (Europe/Moscow)",
        "Filters: directions: incoming; now: 2026-11-20 18:00 (Europe/Moscow)",
        "",
    ]


def test_without_filters_the_comparison_says_any_period_and_no_filter(
    comparison: Comparison,
) -> None:
    """Reports of every call given: "any" period, "none" for the filters, no "now"."""
    assert comparison.table(lang="ru").splitlines()[1:4] == [
        "Текущий период: любой",
        "Предыдущий период: любой",
        "Фильтры: нет",
    ]
    assert comparison.table().splitlines()[3] == "Filters: none"


def test_a_long_html_comparison_shows_head_and_tail() -> None:
    """60 managers: 25 first, a line counting 10, 25 last; ``max_rows=None`` shows all."""
    managers = [ca.Manager(i, f"M{i:03d}") for i in range(60)]
    long = compare(ca.build_report([], managers), ca.build_report([], managers))
    table = parse(long.to_html())
    names = [cells[0] for kind, cells in table.rows if kind == "manager"]
    assert names == [f"M{i:03d}" for i in [*range(25), *range(35, 60)]]
    assert [cells for kind, cells in table.rows if kind == "hidden"] == [
        ["… 10 more managers not shown; to_html(max_rows=None) shows every row"]
    ]
    everything = parse(long.to_html(max_rows=None, lang="ru"))
    assert [kind for kind, _ in everything.rows].count("manager") == 60
    with pytest.raises(ca.InvalidValueError, match=r"'max_rows' must be >= 1 \(got 0\)"):
        long.to_html(max_rows=0)


def test_an_empty_html_comparison_says_so_and_escapes_names() -> None:
    """No manager rows: a line saying so; a name with markup is shown as text."""
    empty = compare(ca.build_report([], []), ca.build_report([], []))
    assert [kind for kind, _ in parse(empty.to_html()).rows[1:]] == [
        "none",
        "total",
        "average",
        "unassigned",
    ]
    odd = [ca.Manager(1, "<b>Anna</b>")]
    html = compare(ca.build_report([], odd), ca.build_report([], odd)).to_html()
    assert "&lt;b&gt;Anna&lt;/b&gt;" in html
    assert "<b>" not in html


class Printer:
    def __init__(self) -> None:
        self.printed: list[str] = []

    def text(self, obj: str) -> None:
        self.printed.append(obj)


def test_ipython_pretty_prints_the_comparison_as_its_text_table(comparison: Comparison) -> None:
    """In IPython's terminal a comparison reads as its table; a cycle is short."""
    printer = Printer()
    comparison._repr_pretty_(printer, False)
    comparison._repr_pretty_(printer, True)
    assert printer.printed == [comparison.table(), "Comparison(...)"]


def test_the_frame_equals_the_records(comparison: Comparison) -> None:
    """The frame's rows are the records, value for value (``None`` as <NA>)."""
    frame = comparison.to_pandas()
    records: list[Mapping[str, object]] = list(comparison.to_dicts())
    for record, row in zip(records, frame.to_dict("records"), strict=True):
        for key, value in record.items():
            assert pd.isna(row[key]) if value is None else row[key] == value, key


def test_to_pandas_without_pandas_names_the_extra(
    comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pandas, ``Comparison.to_pandas`` says which extra to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ca.MissingExtraError, match=r"pip install 'callanalytics\[pandas\]'"):
        comparison.to_pandas()
