"""The routing spec: one order of steps, the generated loop equal to the plain steps (R6–R22)."""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Hashable
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._aggregate.tally import Counts
from callanalytics._rules.routing import Routing
from callanalytics._rules.steps import Dimension
from tests import strategies as cst
from tests.builders import call

ANNA, BORIS = ca.Manager(1, "Anna"), ca.Manager(2, "Boris")
Account = tuple[Routing, list[ca.Call]]


def plain_tally(
    routing: Routing, calls: list[ca.Call], dimensions: tuple[Dimension, ...] = ()
) -> ca.Tally:
    """The tally as the plain steps give it, one call at a time: the reference of the loop."""
    counts = Counts(tuple(d.name for d in dimensions))
    seen: set[str] = set()
    for c in calls:
        reason, _card, tie, _entity = routing.decide(c, seen)
        counts.ties += tie
        if reason is None:
            counts.count(routing.key(c, dimensions), c)
        else:
            counts.exclude(reason)
    return counts.to_tally()


def talked(call: ca.Call) -> Hashable:
    return call.status is ca.CallStatus.TALKED or (call.status is None and call.duration > 0)


ANSWERED = Dimension(
    "answered",
    talked,
    "(c.status is answered_talked or (c.status is None and c.duration > 0))",
    {"answered_talked": ca.CallStatus.TALKED},
)
DIRECTION = Dimension("side", lambda c: c.direction.value, "c.direction.value")


@st.composite
def routed_accounts(draw: st.DrawFn) -> Account:
    """An account with cards, a filter steered at its calls, now and the Unsorted setting."""
    managers = draw(cst.managers())
    flt, calls = draw(cst.filter_and_calls(tuple(m.id for m in managers)))
    routing = Routing(
        managers,
        cards=draw(st.none() | cst.cards),
        filter=draw(st.none() | st.just(flt)),
        now=draw(st.none() | st.just(cst.NOW)),
        grace=draw(st.sampled_from([ca.GRACE_WINDOW, timedelta(0), timedelta(days=40)])),
        unsorted_incoming=draw(st.booleans()),
    )
    return routing, calls


@settings(max_examples=200)
@given(routed_accounts())
def test_r11_the_generated_loop_equals_the_plain_steps(
    account: Account,
) -> None:
    """For any account, filter and calls, the report's loop counts what the plain steps say."""
    routing, calls = account
    assert routing.tally(calls) == plain_tally(routing, calls)


@settings(max_examples=100)
@given(routed_accounts(), st.sampled_from([(ANSWERED,), (DIRECTION, ANSWERED)]))
def test_r11_the_generated_loop_equals_the_plain_steps_with_dimensions(
    account: Account, dimensions: tuple[Dimension, ...]
) -> None:
    """With dimensions, each counted call lands in the cell its plain key names."""
    routing, calls = account
    tally = routing.tally(calls, dimensions)
    assert tally == plain_tally(routing, calls, dimensions)
    assert tally.rollup() == routing.tally(calls)


@given(routed_accounts())
def test_r11_route_gives_the_reason_the_report_counts(
    account: Account,
) -> None:
    """Each call's route reason is what the report counts it under, one call at a time."""
    routing, calls = account
    for c in calls:
        route = routing.route(c)
        tally = routing.tally([c])
        assert (route.reason is None) == (tally.counted == 1)
        if route.reason is not None:
            assert dict(tally.excluded) == {route.reason: 1}
        if route.card is not None:
            assert route.call.card_key == route.card.key


def test_r11_the_precedence_is_card_then_manager_then_the_filter() -> None:
    """The steps after the card's are the known manager, then the filter's, in its order."""
    flt = ca.Filter(
        statuses=[4],
        min_duration=5,
        manager_ids=[1],
        entity_types="contacts",
        period=ca.Period.days(cst.NOW.date(), cst.NOW.date(), tz="UTC"),
        directions="inbound",
    )
    routing = Routing([ANNA], filter=flt)
    assert [(s.name, s.rule) for s in routing.steps] == [
        ("known manager", "R13"),
        ("period", "R18"),
        ("entity", "R19"),
        ("manager", "R20"),
        ("duration", "R21"),
        ("status", "R22"),
        ("direction", "—"),
    ]


def test_r11_the_report_loop_shows_its_source_in_tracebacks() -> None:
    """The generated loop is registered with linecache: a traceback shows the failing line."""
    routing = Routing([ANNA])
    with pytest.raises(ca.InvalidTypeError) as caught:
        routing.tally([call(1, "inbound", 5, 1), "not a call"])  # type: ignore[list-item]
    frames = traceback.extract_tb(caught.value.__traceback__)
    loop = next(f for f in frames if f.filename.startswith("<callanalytics generated report loop"))
    assert loop.line == "not_a_call(c)"
    assert "for read, c in enumerate(calls, 1):" in inspect.getsource(routing._loops[()])


def test_r11_a_name_taken_twice_in_the_loop_is_an_error() -> None:
    """Two steps giving the same name to different values would mix them up: refused."""
    clash = Dimension("clash", lambda c: 0, "known", {"known": ()})
    with pytest.raises(ca.CallAnalyticsError, match="'known' of 'clash' is taken"):
        Routing([ANNA]).tally([], (clash,))


def test_r13_unknown_manager_is_checked_before_the_filter() -> None:
    """A call of another account's manager is excluded as such, whatever the filter says."""
    routing = Routing([ANNA, BORIS], filter=ca.Filter(min_duration=100))
    assert routing.route(call(1, "inbound", 5, 99)).reason is ca.Exclusion.UNKNOWN_MANAGER
    assert routing.route(call(2, "inbound", 5, 1)).reason is ca.Exclusion.DURATION


def test_r11_a_route_says_whether_the_call_counts() -> None:
    """A route is counted exactly when it has no reason; a non-call cannot be routed."""
    routing = Routing([ANNA])
    assert routing.route(call(1, "inbound", 5, 1)).counted
    assert not routing.route(call(2, "inbound", 5, 9)).counted
    with pytest.raises(ca.InvalidTypeError, match="'calls' must hold Call objects"):
        routing.route("c1")  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match="'other' must be a Routing"):
        routing.difference(5)  # type: ignore[arg-type]


def test_r26_the_single_call_loop_is_built_once_per_routing() -> None:
    """Asking twice for the single-call loop gives the same function; rows are kept."""
    routing = Routing([ANNA, BORIS])
    assert routing.one() is routing.one()
    counts = Counts()
    counts.cells[1] = [1, 0, 5, 0]
    routing.prepare(counts)
    assert counts.cells == {1: [1, 0, 5, 0], 2: [0, 0, 0, 0], None: [0, 0, 0, 0]}
