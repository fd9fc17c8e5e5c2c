"""The mergeable value behind the report: Figures and Tally (R11, R14, R26)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from tests import strategies as cst

AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

figures = st.builds(
    ca.Figures.of,
    incoming=st.integers(0, 50),
    outgoing=st.integers(0, 50),
    incoming_duration=st.integers(0, 10**6),
    outgoing_duration=st.integers(0, 10**6),
)

tallies = st.builds(
    ca.Tally.of,
    by_manager=st.dictionaries(st.integers(1, 5) | st.sampled_from(["u-1", "u-2"]), figures),
    unassigned=figures,
    excluded=st.dictionaries(st.sampled_from(ca.Exclusion), st.integers(0, 20)),
)


def test_r14_figures_of_sets_the_totals() -> None:
    """Figures.of derives the two totals from the incoming and outgoing parts."""
    f = ca.Figures.of(incoming=2, outgoing=3, incoming_duration=10, outgoing_duration=5)
    assert f.as_tuple() == (2, 3, 5, 10, 5, 15)


def test_r14_figures_of_one_call() -> None:
    """One incoming call counts one incoming and its seconds; outgoing alike."""
    incoming = ca.Call("1", "inbound", AT, 42)
    outgoing = ca.Call("2", "outbound", AT, 7)
    assert ca.Figures.of_call(incoming).as_tuple() == (1, 0, 1, 42, 0, 42)
    assert ca.Figures.of_call(outgoing).as_tuple() == (0, 1, 1, 0, 7, 7)


def test_r14_figures_reject_negative_counts() -> None:
    """Figures are counts and seconds: never negative, never booleans."""
    with pytest.raises(ca.InvalidValueError, match=r"'incoming' must be an int >= 0 \(got -1\)"):
        ca.Figures(incoming=-1)
    with pytest.raises(ca.InvalidValueError, match="'total'"):
        ca.Figures(total=True)


def test_r11_tally_add_and_exclude() -> None:
    """Adding a call counts it under its manager or as unassigned; excluding counts a reason."""
    tally = (
        ca.Tally.empty()
        .add(ca.Call("1", "inbound", AT, 60, manager_id=7))
        .add(ca.Call("2", "outbound", AT, 30, manager_id=7))
        .add(ca.Call("3", "outbound", AT, 5))
        .exclude(ca.Exclusion.UNSORTED, 2)
    )
    assert tally.by_manager[7].as_tuple() == (1, 1, 2, 60, 30, 90)
    assert tally.unassigned.as_tuple() == (0, 1, 1, 0, 5, 5)
    assert dict(tally.excluded) == {ca.Exclusion.UNSORTED: 2}
    assert (tally.counted, tally.calls) == (3, 5)


def test_r11_tally_is_canonical() -> None:
    """Zero entries are dropped, so a tally's equality does not depend on its history."""
    assert ca.Tally.of({1: ca.ZERO}, ca.ZERO, {ca.Exclusion.PERIOD: 0}) == ca.Tally.empty()


def test_r11_tally_is_read_only() -> None:
    """The tally's mappings cannot be changed behind its back."""
    tally = ca.Tally.of({1: ca.Figures.of(incoming=1)})
    with pytest.raises(TypeError):
        tally.by_manager[2] = ca.ZERO  # type: ignore[index]
    with pytest.raises(TypeError):
        tally.cells[(2,)] = ca.ZERO  # type: ignore[index]


@given(tallies, tallies, tallies)
def test_r26_merge_is_associative(a: ca.Tally, b: ca.Tally, c: ca.Tally) -> None:
    """(a + b) + c == a + (b + c)."""
    assert (a + b) + c == a + (b + c)


@given(tallies, tallies)
def test_r26_merge_is_commutative(a: ca.Tally, b: ca.Tally) -> None:
    """a + b == b + a."""
    assert a + b == b + a


@given(tallies)
def test_r26_empty_tally_is_the_identity(a: ca.Tally) -> None:
    """a + empty == empty + a == a."""
    assert a + ca.Tally.empty() == ca.Tally.empty() + a == a


@given(figures, figures, figures)
def test_r14_figures_addition_laws(a: ca.Figures, b: ca.Figures, c: ca.Figures) -> None:
    """Figures add associatively and commutatively with ZERO as identity."""
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert a + ca.ZERO == a


@given(cst.call_lists)
def test_r26_tally_of_calls_one_by_one_equals_the_report_tally(calls: list[ca.Call]) -> None:
    """Adding calls to a tally one at a time gives the same figures as the report's loop."""
    managers = [ca.Manager(i, f"M{i}") for i in range(1, 9)]
    attached = [c for c in calls if c.entity_type in ca.CLIENT_CARDS]  # R6
    tally = ca.Tally.empty()
    for c in attached:
        tally = tally.add(c)
    assert ca.build_report(attached, managers).tally == tally


@given(cst.call_lists, st.integers(min_value=1, max_value=5))
def test_r26_tallies_of_chunks_merge_into_the_whole(calls: list[ca.Call], parts: int) -> None:
    """Reports over any split of the calls merge into the report of all of them."""
    managers = [ca.Manager(i, f"M{i}") for i in range(1, 7)]
    chunks = [calls[i::parts] for i in range(parts)]
    merged = ca.build_report(chunks[0], managers)
    for chunk in chunks[1:]:
        merged = merged.merge(ca.build_report(chunk, managers))
    assert merged == ca.build_report(calls, managers)


def test_r11_tally_refuses_negative_or_foreign_exclusions() -> None:
    """Exclusion counts are never negative and are keyed by Exclusion."""
    with pytest.raises(ca.InvalidValueError, match=r"counts >= 0 \(got -3 for 'pending'\)"):
        ca.Tally.empty().exclude(ca.Exclusion.PENDING, -3)
    with pytest.raises(ca.InvalidTypeError, match="keyed by Exclusion.*'pending'"):
        ca.Tally.empty().exclude("pending")  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match="'other' must be a Tally"):
        ca.Tally.empty().merge(5)  # type: ignore[arg-type]


def test_r11_tally_dimensions_are_distinct_names() -> None:
    """Dimensions are named once each, and "manager" is the key's first part already."""
    with pytest.raises(ca.InvalidValueError, match="distinct names other than 'manager'"):
        ca.Tally(dimensions=("day", "day"))
    with pytest.raises(ca.InvalidValueError, match="'dimensions'"):
        ca.Tally(dimensions=("manager",))


def test_r11_tally_cells_are_keyed_by_the_manager_and_each_dimension() -> None:
    """A cell's key has one value per dimension after the manager; its value is Figures."""
    with pytest.raises(ca.InvalidValueError, match=r"tuples of 2 values \(the manager, then day\)"):
        ca.Tally({(1,): ca.Figures.of(incoming=1)}, dimensions=("day",))
    with pytest.raises(ca.InvalidValueError, match="the manager, then nothing else"):
        ca.Tally({1: ca.Figures.of(incoming=1)})
    with pytest.raises(ca.InvalidTypeError, match="'cells' must be a mapping of keys to Figures"):
        ca.Tally({(1,): 5})
    with pytest.raises(ca.InvalidTypeError, match="'unassigned' must be Figures"):
        ca.Tally.of(unassigned=5)  # type: ignore[arg-type]


def test_r34_tally_with_a_dimension_adds_rolls_up_and_splits() -> None:
    """A call lands in the cell of its values; rollup sums them away; split parts by value."""
    tally = (
        ca.Tally.empty(["day"])
        .add(ca.Call("1", "inbound", AT, 60, manager_id=7), "mon")
        .add(ca.Call("2", "outbound", AT, 30, manager_id=7), "tue")
        .add(ca.Call("3", "inbound", AT, 5), "tue")
        .exclude(ca.Exclusion.PERIOD)
    )
    assert tally.dimensions == ("day",)
    assert tally.rollup() == ca.Tally.of(
        {7: ca.Figures.of(incoming=1, outgoing=1, incoming_duration=60, outgoing_duration=30)},
        ca.Figures.of(incoming=1, incoming_duration=5),
        {ca.Exclusion.PERIOD: 1},
    )
    parts = tally.split("day")
    assert parts["mon"].by_manager[7].incoming == 1
    assert parts["tue"].unassigned.incoming == 1
    assert parts["tue"].excluded == {}  # exclusions have no day: they stay with the whole
    with pytest.raises(ca.InvalidValueError, match="one value per dimension"):
        tally.add(ca.Call("4", "inbound", AT, 5))
    with pytest.raises(ca.InvalidValueError, match=r"'keep' must name dimensions.*\['hour'\]"):
        tally.rollup("hour")
    with pytest.raises(ca.InvalidValueError, match="'dimension' must be one of"):
        tally.split("hour")


def test_r26_only_tallies_of_the_same_dimensions_merge() -> None:
    """Tallies keyed differently do not add up: merging them is an error."""
    with pytest.raises(ca.InvalidValueError, match="must have the same dimensions"):
        ca.Tally.empty().merge(ca.Tally.empty(["day"]))
    assert ca.Tally.empty().__add__(5) is NotImplemented  # type: ignore[operator]


def test_r14_figures_add_only_to_figures() -> None:
    """Adding something other than Figures is not defined."""
    assert ca.ZERO.__add__(5) is NotImplemented  # type: ignore[operator]


def test_r11_a_tally_of_no_parts_is_the_empty_tally() -> None:
    """``None`` cells and exclusions are none at all: the identity of merge."""
    assert ca.Tally(None, None) == ca.Tally.empty()
