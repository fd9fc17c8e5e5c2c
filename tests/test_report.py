"""The calls report: rows, total, average, unassigned, exclusions (R6, R11–R17, R26)."""

from __future__ import annotations

import random
from collections import namedtuple
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._aggregate.tally import Counts
from tests import strategies as cst
from tests.builders import AT, call

ANNA = ca.Manager(1, "Anna")
BORIS = ca.Manager(2, "Boris")
VERA = ca.Manager(3, "Vera", active=False)
GLEB = ca.Manager(4, "Gleb")


CALLS = [
    call(1, "inbound", 100, 1),
    call(2, "inbound", 3700, 1),
    call(3, "outbound", 20, 1),
    call(4, "outbound", 45, 2, entity="companies"),
    call(5, "inbound", 7, 3),
    call(6, "outbound", 600, None),
    call(7, "outbound", 15, 99),
    call(8, "inbound", 30, 2, card=None, phone="+7 912 345-67-89"),
    call(9, "outbound", 30, 2, card=None, phone="+7 912 345-67-89"),
]


def test_r12_one_row_per_manager_with_the_six_figures() -> None:
    """Each row holds incoming, outgoing and total counts and durations of its manager."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    anna = report.row(1)
    assert anna.manager is ANNA
    assert (anna.incoming, anna.outgoing, anna.total) == (2, 1, 3)
    assert (anna.incoming_duration, anna.outgoing_duration, anna.total_duration) == (
        3800,
        20,
        3820,
    )
    boris = report.row(2)
    assert boris.as_tuple() == (0, 1, 1, 0, 45, 45)


def test_r12_rows_are_ordered_by_name_then_id() -> None:
    """Rows come by manager name, then id, whatever the order of the managers given."""
    twin = ca.Manager(0, "Boris")
    report = ca.build_report([], [GLEB, BORIS, ANNA, twin])
    assert [(r.manager.name, r.manager.id) for r in report.rows] == [
        ("Anna", 1),
        ("Boris", 0),
        ("Boris", 2),
        ("Gleb", 4),
    ]


def test_r12_active_manager_without_calls_has_a_zero_row() -> None:
    """Active managers appear even with no calls (R12 decision)."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    assert report.row(4).as_tuple() == (0, 0, 0, 0, 0, 0)


def test_r12_inactive_manager_appears_only_with_calls() -> None:
    """An inactive manager has a row when they have calls, and none otherwise."""
    with_calls = ca.build_report(CALLS, [ANNA, VERA])
    assert with_calls.row(3).total == 1
    without = ca.build_report(CALLS[:4], [ANNA, BORIS, VERA])
    assert [r.manager.id for r in without.rows] == [1, 2]


def test_r12_inactive_manager_row_counts_in_the_average() -> None:
    """An inactive manager shown with calls is a row like any other for the average."""
    report = ca.build_report(CALLS[:5], [ANNA, BORIS, VERA])
    assert len(report.rows) == 3
    assert report.average.total == 2  # ceil(5 / 3)


def test_r14_total_is_incoming_outgoing_and_their_sum() -> None:
    """Итого: all incoming, all outgoing, and their sum, for counts and durations."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    assert report.total.as_tuple() == (3, 2, 5, 3807, 65, 3872)


def test_r15_average_divides_each_total_by_the_rows_rounding_up() -> None:
    """Среднее: each total over the number of manager rows, rounded up, durations included."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    assert len(report.rows) == 4
    # totals (3, 2, 5, 3807, 65, 3872) over 4 rows, each rounded up
    assert report.average.as_tuple() == (1, 1, 2, 952, 17, 968)


def test_r15_average_total_is_not_the_sum_of_averages() -> None:
    """The average total is ceil(total / rows), which may differ from the averages' sum."""
    calls = [call(1, "inbound", 1, 1), call(2, "outbound", 1, 2)]
    report = ca.build_report(calls, [ANNA, BORIS, GLEB])
    assert (report.average.incoming, report.average.outgoing, report.average.total) == (1, 1, 1)


def test_r15_no_rows_means_zero_average() -> None:
    """An account with no manager rows has a zero average, not a division error."""
    report = ca.build_report([call(1, "inbound", 10, None)], [VERA])
    assert report.rows == ()
    assert report.average == ca.ZERO
    assert report.unassigned.total == 1


def test_r15_empty_account() -> None:
    """No managers and no calls: an empty report, all zero, reconciled."""
    report = ca.build_report([], [])
    assert (report.rows, report.total, report.average, report.unassigned) == (
        (),
        ca.ZERO,
        ca.ZERO,
        ca.ZERO,
    )
    assert report.calls == 0
    assert set(report.excluded) == set(ca.Exclusion)


def test_r13_calls_without_manager_are_shown_apart() -> None:
    """Robot calls are in the unassigned line, not in any row, total or average."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    assert report.unassigned.as_tuple() == (0, 1, 1, 0, 600, 600)
    assert report.total.total == sum(r.total for r in report.rows)


def test_r13_calls_of_unknown_managers_are_excluded_and_counted() -> None:
    """Another account's user never leaks in: the call is excluded as UNKNOWN_MANAGER."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    assert report.excluded[ca.Exclusion.UNKNOWN_MANAGER] == 1
    assert 99 not in {r.manager.id for r in report.rows}


def test_r6_calls_without_a_card_are_not_in_the_report() -> None:
    """Only calls in a card count; with no cards known, others are unsorted or not saved."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    assert report.excluded[ca.Exclusion.UNSORTED] == 1  # c8: incoming, unknown number
    assert report.excluded[ca.Exclusion.NOT_SAVED] == 1  # c9: outgoing
    assert report.row(2).total == 1


def test_r7_calls_matched_to_a_card_count() -> None:
    """With the account's cards, calls without a card are matched by phone and counted."""
    cards = [ca.Card(5, "contacts", phones=["8 912 345 67 89"])]
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB], cards=cards)
    assert report.row(2).as_tuple() == (1, 2, 3, 30, 75, 105)
    assert report.excluded[ca.Exclusion.UNSORTED] == 0


def test_r11_reconciliation_on_the_fixed_example() -> None:
    """Every call is counted once: total + unassigned + excluded == calls given."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    assert report.calls == len(CALLS) == 9
    assert report.total.total + report.unassigned.total + sum(report.excluded.values()) == 9


def test_r11_generator_is_consumed_once() -> None:
    """A generator works and is read exactly once, never copied or re-read."""
    pulled = 0

    def generate() -> Iterator[ca.Call]:
        nonlocal pulled
        for c in CALLS:
            pulled += 1
            yield c

    gen = generate()
    report = ca.build_report(gen, [ANNA, BORIS, VERA, GLEB])
    assert pulled == len(CALLS)
    assert report.calls == len(CALLS)
    assert next(gen, None) is None


def test_r11_non_call_items_are_a_clear_error() -> None:
    """A dict in the calls is named in the error, not an AttributeError deep inside."""
    with pytest.raises(ca.InvalidTypeError, match=r"'calls' must hold Call objects.*'x'.*dict"):
        ca.build_report([CALLS[0], {"id": "x"}], [ANNA])  # type: ignore[list-item]


def test_r20_filter_with_a_manager_outside_the_account_is_an_error() -> None:
    """A manager id in the filter that is not among the account's managers is invalid."""
    with pytest.raises(ca.UnknownManagerError, match=r"'manager_ids'.*unknown 42"):
        ca.build_report(CALLS, [ANNA], filter=ca.Filter(manager_ids=[1, 42]))


def test_r20_manager_filter_shows_the_selected_managers_only() -> None:
    """With a manager filter, rows are the selected managers, and other calls are excluded."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB], filter=ca.Filter(manager_ids=[2, 4]))
    assert [r.manager.id for r in report.rows] == [2, 4]
    assert report.excluded[ca.Exclusion.MANAGER] == 5  # Anna's 3, Vera's 1, the robot's 1
    assert report.unassigned == ca.ZERO


def test_r3_duplicate_manager_ids_are_an_error() -> None:
    """Two different managers with one id cannot both be rows."""
    with pytest.raises(ca.InvalidValueError, match="'managers' must have unique ids.*1"):
        ca.build_report([], [ANNA, ca.Manager(1, "Anya")])


def test_r3_managers_must_be_an_iterable_of_managers() -> None:
    """A single manager instead of a list is named in the error."""
    with pytest.raises(ca.InvalidTypeError, match="'managers'"):
        ca.build_report([], ANNA)  # type: ignore[arg-type]


def test_r17_chart_has_counts_and_durations_next_to_the_average() -> None:
    """The graph data gives each manager's count and duration and the company average."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    chart = report.chart()
    assert [(b.manager.name, b.count, b.duration) for b in chart.bars] == [
        ("Anna", 3, 3820),
        ("Boris", 1, 45),
        ("Gleb", 0, 0),
        ("Vera", 1, 7),
    ]
    assert (chart.average_count, chart.average_duration) == (2, 968)
    anna = chart.bars[0]
    assert chart.ratio(anna) == 1.5
    assert chart.ratio(anna, "duration") == 3820 / 968
    assert (anna.incoming, anna.outgoing, anna.incoming_duration, anna.outgoing_duration) == (
        2,
        1,
        3800,
        20,
    )


def test_r17_chart_ratio_is_none_with_zero_average() -> None:
    """With a zero average there is no ratio to show."""
    chart = ca.build_report([], [ANNA]).chart()
    assert chart.ratio(chart.bars[0]) is None


def test_r26_adding_a_call_equals_rebuilding() -> None:
    """A call added to a built report gives the report built from all calls."""
    managers = [ANNA, BORIS, VERA, GLEB]
    built = ca.build_report(CALLS[:5], managers)
    for extra in CALLS[5:]:
        built = built.add(extra)
    assert built == ca.build_report(CALLS, managers)


def test_r26_merging_reports_of_parts_equals_the_whole() -> None:
    """Reports of two halves of the call log merge into the report of the whole log."""
    managers = [ANNA, BORIS, VERA, GLEB]
    first = ca.build_report(CALLS[:4], managers)
    second = ca.build_report(CALLS[4:], managers)
    assert first.merge(second) == ca.build_report(CALLS, managers)


def test_r16_table_shows_hms_and_the_summary_lines() -> None:
    """The text table has the HH:MM:SS durations, the Total, Average and No manager lines."""
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB])
    table = str(report)
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["Manager", "Incoming", "Outgoing", "Total"]
    anna = next(line for line in lines if line.startswith("Anna"))
    assert anna.split() == ["Anna", "2", "1", "3", "01:03:20", "00:00:20", "01:03:40"]
    assert next(line for line in lines if line.startswith("Total")).split()[1:4] == ["3", "2", "5"]
    assert next(line for line in lines if line.startswith("Average")).split()[1:] == [
        "1",
        "1",
        "2",
        "00:15:52",
        "00:00:17",
        "00:16:08",
    ]
    assert "Vera (inactive)" in table
    assert "9 calls given" in table


def test_r16_table_in_russian_uses_the_original_words() -> None:
    """In Russian the summary lines are «Итого» and «Среднее», as on the original page."""
    table = ca.build_report(CALLS, [ANNA, BORIS]).table(lang="ru")
    assert "Итого" in table
    assert "Среднее" in table
    assert "Входящие" in table
    assert "Без менеджера" in table


def test_table_rejects_an_unknown_language() -> None:
    """Only Russian and English are available."""
    with pytest.raises(ca.InvalidValueError, match="'lang' must be one of 'ru', 'en'.*'de'"):
        ca.build_report([], [ANNA]).table(lang="de")


def test_r12_table_of_an_account_with_no_rows_says_so() -> None:
    """An account without rows prints a line saying there is nothing to show."""
    assert "No managers to show." in str(ca.build_report([], []))


# --- properties -------------------------------------------------------------------------------


@given(cst.call_lists, cst.managers(), cst.cards, st.booleans())
def test_r11_reconciliation_holds_for_any_input(
    calls: list[ca.Call], managers: list[ca.Manager], cards: list[ca.Card], with_now: bool
) -> None:
    """total + unassigned + excluded == number of calls, for any calls, cards and managers."""
    report = ca.build_report(calls, managers, cards=cards, now=cst.NOW if with_now else None)
    assert report.calls == len(calls)
    assert report.total.total + report.unassigned.total + sum(report.excluded.values()) == len(
        calls
    )


@given(cst.call_lists, cst.managers())
def test_r14_totals_are_the_sums_of_the_rows(
    calls: list[ca.Call], managers: list[ca.Manager]
) -> None:
    """Each figure of the total is the sum of that figure over the rows; totals add up."""
    report = ca.build_report(calls, managers)
    for i in range(6):
        assert report.total.as_tuple()[i] == sum(r.as_tuple()[i] for r in report.rows)
    for figures in (*report.rows, report.total, report.unassigned):
        assert figures.total == figures.incoming + figures.outgoing
        assert figures.total_duration == figures.incoming_duration + figures.outgoing_duration


@given(cst.call_lists, cst.managers())
def test_r15_average_is_ceil_of_total_over_rows(
    calls: list[ca.Call], managers: list[ca.Manager]
) -> None:
    """Each average figure is ceil(total / rows), or zero with no rows."""
    report = ca.build_report(calls, managers)
    rows = len(report.rows)
    for total, average in zip(report.total.as_tuple(), report.average.as_tuple(), strict=True):
        assert average == (0 if rows == 0 else -(-total // rows))


@given(cst.call_lists, cst.managers(), st.randoms(use_true_random=False))
def test_r11_order_does_not_matter(
    calls: list[ca.Call], managers: list[ca.Manager], rnd: random.Random
) -> None:
    """Shuffling the calls or the managers gives the same report."""
    shuffled_calls, shuffled_managers = calls[:], managers[:]
    rnd.shuffle(shuffled_calls)
    rnd.shuffle(shuffled_managers)
    assert ca.build_report(shuffled_calls, shuffled_managers) == ca.build_report(calls, managers)


@given(cst.call_lists, cst.managers(), st.integers(min_value=0, max_value=40))
def test_r26_incremental_equals_rebuild(
    calls: list[ca.Call], managers: list[ca.Manager], split: int
) -> None:
    """Building from a prefix and adding the rest equals building from everything."""
    partial = ca.build_report(calls[:split], managers)
    assert partial.update(calls[split:]) == ca.build_report(calls, managers)


@given(cst.call_lists, cst.managers())
def test_r12_rows_are_exactly_active_managers_and_those_with_calls(
    calls: list[ca.Call], managers: list[ca.Manager]
) -> None:
    """A manager has a row iff active or with a call in a contact's or company's card (R6)."""
    report = ca.build_report(calls, managers)
    with_calls = {c.manager_id for c in calls if c.entity_type in ca.CLIENT_CARDS}
    expected = {m.id for m in managers if m.active or m.id in with_calls}
    assert {r.manager.id for r in report.rows} == expected


# --- bad input and merging ----------------------------------------------------------------


def test_r11_look_alike_rows_are_rejected_not_miscounted() -> None:
    """A row shaped like a Call (a named tuple, a frame row) is an error, never miscounted."""
    Row = namedtuple(
        "Row", "id direction started_at duration phone manager_id card_id entity_type status"
    )
    rows = [Row("a", "inbound", AT, 60, "", 1, 10, "contacts", None)]
    with pytest.raises(ca.InvalidTypeError, match=r"'calls' must hold Call objects.*type Row"):
        ca.build_report(rows, [ANNA])  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match=r"'calls' must hold Call objects.*type Row"):
        ca.match_calls(rows, [])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"calls": None, "managers": [ANNA]}, "calls"),
        ({"calls": CALLS[0], "managers": [ANNA]}, "calls"),
        ({"calls": "abc", "managers": [ANNA]}, "calls"),
        ({"calls": [], "managers": None}, "managers"),
        ({"calls": [], "managers": 5}, "managers"),
        ({"calls": [], "managers": [ANNA], "cards": 5}, "cards"),
        ({"calls": [], "managers": [ANNA], "cards": [ANNA]}, "cards"),
    ],
)
def test_r11_non_iterable_input_names_the_argument(kwargs: dict[str, object], field: str) -> None:
    """A single item or a non-iterable where a collection belongs is an error naming it."""
    with pytest.raises(ca.InvalidTypeError, match=f"'{field}' must"):
        ca.build_report(**kwargs)  # type: ignore[arg-type]


def test_r11_a_loop_that_loses_a_call_is_an_error_not_a_wrong_total() -> None:
    """The report refuses a result that does not account for every call it read."""
    from callanalytics._rules.routing import Routing

    routing = Routing([ANNA])

    def lossy_loop(calls: object, counts: Counts, seen: set[str]) -> None:
        counts.read = 1  # read one call, counted none

    routing._loops[()] = lossy_loop
    with pytest.raises(ca.CallAnalyticsError, match="lost calls: read 1, accounted for 0"):
        routing.tally([CALLS[0]])


def test_r26_merge_refuses_reports_of_different_accounts_or_filters() -> None:
    """Merging reports whose managers, filters or tariffs differ would lose calls: an error."""
    c1 = call(1, "inbound", 10, 1)
    c2 = call(2, "inbound", 10, 2)
    with pytest.raises(ca.InvalidValueError, match="different managers"):
        ca.build_report([c1], [ANNA]).merge(ca.build_report([c2], [ANNA, BORIS]))
    with pytest.raises(ca.InvalidValueError, match="different filter"):
        ca.build_report([c1], [ANNA, BORIS], filter=ca.Filter(manager_ids=[1])).merge(
            ca.build_report([c2], [ANNA, BORIS], filter=ca.Filter(manager_ids=[2]))
        )
    with pytest.raises(ca.InvalidValueError, match="different tariff"):
        ca.build_report([c1], [ANNA], tariff=ca.EXTENDED).merge(ca.build_report([c2], [ANNA]))
    with pytest.raises(ca.InvalidValueError, match="different cards"):
        ca.build_report([c1], [ANNA], cards=[]).merge(ca.build_report([c2], [ANNA]))
    with pytest.raises(ca.InvalidTypeError, match="'other' must be a CallsReport"):
        ca.build_report([c1], [ANNA]).merge(5)  # type: ignore[arg-type]


def test_r26_merge_accepts_equal_card_indexes_built_apart() -> None:
    """Two reports given the same cards (indexed separately) merge."""
    cards = [ca.Card(5, "contacts", phones=["+7 912 345-67-89"])]
    first = ca.build_report(CALLS[:4], [ANNA, BORIS, VERA], cards=cards)
    second = ca.build_report(CALLS[4:], [ANNA, BORIS, VERA], cards=list(cards))
    assert first.merge(second) == ca.build_report(CALLS, [ANNA, BORIS, VERA], cards=cards)


def test_r11_a_tally_with_figures_of_a_manager_without_row_is_refused() -> None:
    """Figures that no row would show are an error, never silently dropped from the total."""
    report = ca.build_report([], [ANNA])
    tally = ca.Tally.of({2: ca.Figures.of(incoming=1)})
    with pytest.raises(ca.InvalidValueError, match="no row for.*2"):
        ca.CallsReport.from_tally(tally, report.routing, report.tariff)


def test_r7_report_counts_calls_matched_through_a_shared_phone() -> None:
    """A tie between cards is never silent: the report counts such calls and says so."""
    cards = [
        ca.Card(2, "contacts", phones=["89123456789"]),
        ca.Card(1, "contacts", phones=["+7 912 345-67-89"]),
    ]
    report = ca.build_report(CALLS, [ANNA, BORIS, VERA, GLEB], cards=cards)
    assert report.ties == 2  # c8 and c9 match the shared number
    assert report.row(2).total == 3
    assert "2 calls matched by a phone several cards share" in report.table()
    assert ca.build_report(CALLS, [ANNA, BORIS], cards=cards[:1]).ties == 0


def test_r17_chart_ratio_rejects_an_unknown_metric() -> None:
    """A typo in the metric is an error, not the other metric's ratio."""
    chart = ca.build_report(CALLS, [ANNA]).chart()
    with pytest.raises(ca.InvalidValueError, match="'metric' must be 'count' or 'duration'"):
        chart.ratio(chart.bars[0], "counts")  # type: ignore[arg-type]


def test_r12_control_characters_in_names_cannot_break_the_table() -> None:
    """A newline or a terminal escape in a name is shown escaped, on the manager's own line."""
    odd = ca.Manager(1, "Anna\nSmirnova\x1b[2J")
    table = ca.build_report([call(1, "inbound", 60, 1)], [odd]).table()
    assert "\x1b" not in table
    line = next(line for line in table.splitlines() if line.startswith("Anna"))
    assert line.split()[0] == "Anna\\nSmirnova\\x1b[2J"


def test_r12_a_report_is_its_rows_and_knows_its_now() -> None:
    """A report iterates over its rows, has their number as length, keeps its "now"."""
    report = ca.build_report(CALLS, [ANNA, BORIS], now=AT)
    assert list(report) == list(report.rows)
    assert len(report) == 2
    assert report.now == AT
    with pytest.raises(ca.UnknownManagerError, match=r"has no row in this report \(got 99\)"):
        report.row(99)


def test_r28_a_repeated_id_is_a_duplicate_and_the_first_counts() -> None:
    """A call sent twice is counted once, the first time; the second is a duplicate."""
    first, again = call(1, "inbound", 60, 1), call(1, "inbound", 95, 1)
    report = ca.build_report([first, again], [ANNA])
    assert report.row(1).incoming_duration == 60
    assert report.excluded[ca.Exclusion.DUPLICATE] == 1
    assert report.calls == 2
    assert "duplicate (id seen before): 1" in report.table()
    flat = ca.build_report([first, again], [ANNA], duplicates=False)
    assert (flat.row(1).incoming, flat.excluded[ca.Exclusion.DUPLICATE]) == (2, 0)
    assert flat.seen is None


def test_r28_calls_added_later_are_checked_against_those_read() -> None:
    """Adding a call whose id the report read is a duplicate, as in a rebuild (R26)."""
    report = ca.build_report([call(1, "inbound", 60, 1)], [ANNA])
    updated = report.add(call(1, "inbound", 95, 1), call(2, "inbound", 5, 1))
    rebuilt = ca.build_report(
        [call(1, "inbound", 60, 1), call(1, "inbound", 95, 1), call(2, "inbound", 5, 1)], [ANNA]
    )
    assert updated == rebuilt
    assert report.seen == frozenset({"c1"})


def test_r28_reports_that_share_calls_do_not_merge() -> None:
    """Merging reports holding the same call would count it twice: an error naming it."""
    first = ca.build_report([call(1, "inbound", 60, 1)], [ANNA])
    second = ca.build_report([call(1, "inbound", 60, 1), call(2, "inbound", 5, 1)], [ANNA])
    with pytest.raises(ca.InvalidValueError, match=r"share calls.*1 shared, e.g. 'c1'"):
        first.merge(second)
    with pytest.raises(ca.InvalidValueError, match="different duplicates"):
        first.merge(ca.build_report([call(3, "inbound", 5, 1)], [ANNA], duplicates=False))


def test_r28_a_report_without_its_ids_merges_unchecked() -> None:
    """A live report's snapshot keeps no ids: merged with another, nothing can be checked."""
    live = ca.LiveReport([ANNA])
    live.add(call(1, "inbound", 60, 1))
    merged = live.report().merge(ca.build_report([call(2, "inbound", 5, 1)], [ANNA]))
    assert (merged.row(1).incoming, merged.seen) == (2, None)
