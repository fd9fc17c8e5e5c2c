"""The comparison of a report with the previous period's: deltas, percents, rendering."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest

import callanalytics as ca
from callanalytics._views.compare import (
    Change,
    Comparison,
    Delta,
    Percent,
    compare,
    format_change,
    percent_change,
)

AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
ANNA = ca.Manager(1, "Anna")
BORIS = ca.Manager(2, "Boris")
GLEB = ca.Manager(4, "Gleb")
VERA = ca.Manager(3, "Vera", active=False)
MANAGERS = [ANNA, BORIS, VERA, GLEB]


def calls(*specs: tuple[str, int, int | None], at: datetime = AT) -> list[ca.Call]:
    """Calls in a contact card from ``(direction, duration, manager)`` triples."""
    return [
        ca.Call(
            f"c{i}",
            direction,
            at + timedelta(minutes=i),
            duration,
            manager_id=manager,
            card_id=10,
            entity_type="contacts",
        )
        for i, (direction, duration, manager) in enumerate(specs)
    ]


# Current: Anna 3 in (60+60+120 s) and 1 out (30 s); Boris 1 out (60 s); one unassigned in (10 s).
CURRENT = calls(
    ("inbound", 60, 1),
    ("inbound", 60, 1),
    ("inbound", 120, 1),
    ("outbound", 30, 1),
    ("outbound", 60, 2),
    ("inbound", 10, None),
)
# Previous: Anna 2 in (60+60 s) and 2 out (30+30 s); Vera (inactive) 1 in (40 s).
PREVIOUS = calls(
    ("inbound", 60, 1),
    ("inbound", 60, 1),
    ("outbound", 30, 1),
    ("outbound", 30, 1),
    ("inbound", 40, 3),
)


@pytest.fixture
def comparison() -> Comparison:
    return compare(ca.build_report(CURRENT, MANAGERS), ca.build_report(PREVIOUS, MANAGERS))


def test_rows_are_every_manager_of_either_report_by_name(comparison: Comparison) -> None:
    """Anna, Boris and Gleb have rows now, Vera (inactive) only before: all four, by name."""
    assert [row.manager.name for row in comparison.rows] == ["Anna", "Boris", "Gleb", "Vera"]
    assert len(comparison) == 4
    assert [row.manager for row in comparison] == [ANNA, BORIS, GLEB, VERA]


def test_manager_row_holds_both_sides_the_delta_and_the_percent(comparison: Comparison) -> None:
    """Anna: 3/1 calls of 240/30 s now against 2/2 calls of 120/60 s before."""
    anna = comparison.row(1)
    assert anna.current == ca.Figures(3, 1, 4, 240, 30, 270)
    assert anna.previous == ca.Figures(2, 2, 4, 120, 60, 180)
    assert anna.delta == Delta(1, -1, 0, 120, -30, 90)
    assert anna.percent == Percent(50.0, -50.0, 0.0, 100.0, -50.0, 50.0)


def test_a_manager_without_calls_before_has_no_percent_where_he_has_calls_now(
    comparison: Comparison,
) -> None:
    """Boris had no row before (zeros): percent is None where he has calls now, 0.0 elsewhere."""
    boris = comparison.row(2)
    assert boris.previous == ca.ZERO
    assert boris.delta == Delta(0, 1, 1, 0, 60, 60)
    assert boris.percent == Percent(0.0, None, None, 0.0, None, None)


def test_a_manager_with_a_row_only_before_has_zeros_now(comparison: Comparison) -> None:
    """Vera (inactive) has no row now: her current side is zeros and she lost 100 %."""
    vera = comparison.row(3)
    assert vera.current == ca.ZERO
    assert vera.previous == ca.Figures(1, 0, 1, 40, 0, 40)
    assert vera.delta == Delta(-1, 0, -1, -40, 0, -40)
    assert vera.percent == Percent(-100.0, 0.0, -100.0, -100.0, 0.0, -100.0)


def test_zero_against_zero_is_no_change(comparison: Comparison) -> None:
    """Gleb has no calls in either period: every delta is 0 and every percent 0.0."""
    gleb = comparison.row(4)
    assert gleb.delta == Delta()
    assert gleb.percent == Percent(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_total_compares_the_two_totals(comparison: Comparison) -> None:
    """Totals 3/2 calls of 240/90 s against 3/2 calls of 160/60 s: +80 s, +30 s, +50 %."""
    assert comparison.total.current == ca.Figures(3, 2, 5, 240, 90, 330)
    assert comparison.total.previous == ca.Figures(3, 2, 5, 160, 60, 220)
    assert comparison.total.delta == Delta(0, 0, 0, 80, 30, 110)
    assert comparison.total.percent == Percent(0.0, 0.0, 0.0, 50.0, 50.0, 50.0)


def test_average_compares_each_report_over_its_own_rows(comparison: Comparison) -> None:
    """Now 3 rows (240/3 = 80 s), before 4 rows (160/4 = 40 s): the average doubled."""
    assert comparison.average.current == ca.Figures(1, 1, 2, 80, 30, 110)
    assert comparison.average.previous == ca.Figures(1, 1, 2, 40, 15, 55)
    assert comparison.average.delta == Delta(0, 0, 0, 40, 15, 55)
    assert comparison.average.percent == Percent(0.0, 0.0, 0.0, 100.0, 100.0, 100.0)


def test_unassigned_calls_are_compared_apart(comparison: Comparison) -> None:
    """One call without a manager now, none before: +1 with no percent (R13)."""
    assert comparison.unassigned.delta == Delta(1, 0, 1, 10, 0, 10)
    assert comparison.unassigned.percent == Percent(None, 0.0, None, None, 0.0, None)


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [(60, 48, 25.0), (36, 48, -25.0), (0, 7, -100.0), (3, 0, None), (0, 0, 0.0), (10, 10, 0.0)],
)
def test_percent_change_against_the_previous_value(
    current: int, previous: int, expected: float | None
) -> None:
    """The change is (current - previous) / previous in percent; None with no base, 0 for 0→0."""
    assert percent_change(current, previous) == expected


def test_a_change_computes_its_delta_and_percent() -> None:
    """`Change(current, previous)` fills in the delta and the percent itself."""
    change = Change(ca.Figures.of(incoming=60), ca.Figures.of(incoming=48))
    assert change.delta == Delta(12, 0, 12, 0, 0, 0)
    assert change.percent == Percent(25.0, 0.0, 25.0, 0.0, 0.0, 0.0)


def test_deltas_may_be_negative_but_must_be_ints() -> None:
    """A delta is any int, negative included; a float is a type error naming the field."""
    assert Delta(-3).incoming == -3
    with pytest.raises(ca.InvalidTypeError, match=r"'outgoing' must be an int \(got 1.5"):
        Delta(0, 1.5)  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match=r"'total' must be a float or None \(got 'x'"):
        Percent(0.0, 0.0, "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("delta", "percent", "duration", "lang", "expected"),
    [
        (12, 25.0, False, "en", "+12 (+25.0%)"),
        (-3, -20.0, False, "en", "-3 (-20.0%)"),
        (0, 0.0, False, "en", "0 (0.0%)"),
        (5, None, False, "en", "+5 (n/a)"),
        (5, None, False, "ru", "+5 (н/д)"),
        (-5, -2.5, False, "ru", "-5 (-2,5%)"),
        (600, 50.0, True, "en", "+00:10:00 (+50.0%)"),
        (-3725, -12.25, True, "en", "-01:02:05 (-12.2%)"),
        (1, 0.04, False, "en", "+1 (0.0%)"),
        (-1, -0.04, False, "en", "-1 (0.0%)"),
    ],
)
def test_format_change(
    delta: int, percent: float | None, duration: bool, lang: str, expected: str
) -> None:
    """A change reads `+12 (+25.0%)`: signed, HH:MM:SS for durations, one decimal, no -0.0."""
    assert format_change(delta, percent, duration=duration, lang=lang) == expected


def test_format_change_rejects_a_float_delta_and_an_unknown_language() -> None:
    """The delta must be an int and the language ru or en."""
    with pytest.raises(ca.InvalidTypeError, match=r"'delta' must be an int \(got 1.5"):
        format_change(1.5, None)  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidValueError, match=r"'lang' must be one of 'ru', 'en'"):
        format_change(1, None, lang="de")


def test_table_in_english(comparison: Comparison) -> None:
    """The table has a title, one line per manager, then total, average and unassigned."""
    lines = comparison.table().splitlines()
    assert lines[0] == "Change against the previous period"
    assert lines[5].split()[:3] == ["Manager", "Incoming", "Outgoing"]
    anna = next(line for line in lines if line.startswith("Anna"))
    assert anna.split("  ")[0] == "Anna"
    cells = [cell.strip() for cell in anna[len("Anna") :].split("  ") if cell.strip()]
    assert cells == [
        "+1 (+50.0%)",
        "-1 (-50.0%)",
        "0 (0.0%)",
        "+00:02:00 (+100.0%)",
        "-00:00:30 (-50.0%)",
        "+00:01:30 (+50.0%)",
    ]
    labels = [line.split("  ")[0].strip() for line in lines[7:] if not line.startswith("-")]
    assert labels == ["Anna", "Boris", "Gleb", "Vera (inactive)", "Total", "Average", "No manager"]
    assert str(comparison) == comparison.table()


def test_table_in_russian(comparison: Comparison) -> None:
    """`lang="ru"` gives the Russian words and decimal commas."""
    table = comparison.table(lang="ru")
    assert table.startswith("Динамика относительно предыдущего периода")
    for word in ("Менеджер", "Итого", "Среднее", "Без менеджера", "Vera (неактивен)", "+50,0%"):
        assert word in table
    assert "(н/д)" in table


def test_table_without_rows_says_so() -> None:
    """With no managers at all, the table says there is nothing to show."""
    empty = compare(ca.build_report([], []), ca.build_report([], []))
    assert "No managers to show." in empty.table()
    assert empty.rows == ()
    assert empty.total.percent == Percent(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_this_month_against_the_previous_month() -> None:
    """With `Period.previous()`, each side counts only its own month's calls."""
    now = datetime(2026, 11, 20, 15, tzinfo=UTC)
    month = ca.Period.preset("this_month", now=now, tz="Europe/Moscow")
    november = calls(("inbound", 100, 1), ("inbound", 50, 1), at=datetime(2026, 11, 5, tzinfo=UTC))
    october = calls(("inbound", 100, 1), at=datetime(2026, 10, 5, tzinfo=UTC))
    log = [*november, *(attrs.evolve(c, id=f"oct-{c.id}") for c in october)]
    current = ca.build_report(log, [ANNA], filter=ca.Filter(period=month))
    previous = ca.build_report(log, [ANNA], filter=ca.Filter(period=month.previous()))
    comparison = compare(current, previous)
    assert comparison.total.delta == Delta(1, 0, 1, 50, 0, 50)
    assert comparison.total.percent == Percent(100.0, 0.0, 100.0, 50.0, 0.0, 50.0)
    lines = comparison.table().splitlines()
    assert lines[1] == "Current period: [2026-11-01 00:00, 2026-12-01 00:00) (Europe/Moscow)"
    assert lines[2] == "Previous period: [2026-10-01 00:00, 2026-11-01 00:00) (Europe/Moscow)"
    assert lines[3] == "Filters: none"


def test_reports_of_different_managers_cannot_be_compared() -> None:
    """Different manager ids mean different accounts: an error naming the ids on each side."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"same managers \(got managers only in 'current': 4; only in 'previous': 3\)",
    ):
        compare(ca.build_report([], [ANNA, GLEB]), ca.build_report([], [ANNA, VERA]))


def test_a_renamed_manager_shows_the_current_name() -> None:
    """Names may change between the builds: the ids match, the current name is shown."""
    renamed = ca.Manager(1, "Anna Petrova")
    comparison = compare(
        ca.build_report(CURRENT[:1], [renamed]), ca.build_report(PREVIOUS[:1], [ANNA])
    )
    assert [row.manager.name for row in comparison.rows] == ["Anna Petrova"]


def test_reports_with_other_filters_than_the_period_cannot_be_compared() -> None:
    """Only the period may differ: another status filter compares unlike things."""
    day = ca.Period.days(date(2026, 11, 2), date(2026, 11, 2), tz="UTC")
    talked = ca.Filter(period=day, statuses=[4])
    before = ca.Filter(period=day.previous())
    with pytest.raises(ca.InvalidValueError, match=r"same filters as 'current', apart from"):
        compare(
            ca.build_report(CURRENT, MANAGERS, filter=talked),
            ca.build_report(PREVIOUS, MANAGERS, filter=before),
        )
    # No filter and an empty filter are the same filter.
    assert compare(
        ca.build_report(CURRENT, MANAGERS, filter=ca.Filter(period=day)),
        ca.build_report(PREVIOUS, MANAGERS),
    ).total.current == ca.Figures(3, 2, 5, 240, 90, 330)


def test_compare_takes_reports_only() -> None:
    """Anything but a CallsReport is a type error naming the argument."""
    report = ca.build_report([], [ANNA])
    with pytest.raises(ca.InvalidTypeError, match=r"'previous' must be a CallsReport"):
        compare(report, [])  # type: ignore[arg-type]


def test_row_of_an_unknown_manager_is_a_lookup_error(comparison: Comparison) -> None:
    """Asking for a manager with no row in either report raises LookupError."""
    with pytest.raises(LookupError, match=r"no row in this comparison \(got 99\)"):
        comparison.row(99)


def test_comparison_is_immutable(comparison: Comparison) -> None:
    """A comparison is a frozen value."""
    with pytest.raises(AttributeError):
        comparison.total = comparison.average  # type: ignore[misc]


def test_compare_refuses_reports_built_with_other_settings() -> None:
    """Reports matched with other cards (or other settings) would compare the settings."""
    at = datetime(2026, 11, 2, 9, tzinfo=UTC)
    calls = [ca.Call("a", "outbound", at, 60, manager_id=1, phone="+7 912 345-67-89")]
    managers = [ca.Manager(1, "Anna")]
    cards = [ca.Card(5, "contacts", phones=["89123456789"])]
    with pytest.raises(ca.InvalidValueError, match="same cards as 'current'"):
        ca.compare(ca.build_report(calls, managers, cards=cards), ca.build_report(calls, managers))
    with pytest.raises(ca.InvalidValueError, match="same unsorted_incoming as 'current'"):
        ca.compare(
            ca.build_report(calls, managers),
            ca.build_report(calls, managers, unsorted_incoming=False),
        )


@pytest.mark.parametrize(
    ("percent", "error", "message"),
    [
        ("x", ca.InvalidTypeError, "'percent' must be a float or None.*'x'"),
        (True, ca.InvalidTypeError, "'percent' must be a float or None.*True"),
        (float("nan"), ca.InvalidValueError, "'percent' must be finite or None.*nan"),
        (float("inf"), ca.InvalidValueError, "'percent' must be finite or None.*inf"),
    ],
)
def test_format_change_rejects_a_percent_that_is_not_a_finite_number(
    percent: object, error: type[Exception], message: str
) -> None:
    """A percent is a finite number or None ("n/a"); anything else is a library error."""
    with pytest.raises(error, match=message):
        ca.format_change(5, percent)  # type: ignore[arg-type]
