"""The report's filters: validated at construction, combined with AND, in one order (R18–R22).

Expected results come from the rules: a plain reference check written here from RULES.md
(instants compared by POSIX timestamp), never from the generated code under test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil import tz as dateutil_tz
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._model.period import Period
from tests import strategies as cst
from tests.builders import AT, make_call

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
ANNA, BORIS, VERA = (
    ca.Manager(1, "Anna"),
    ca.Manager(2, "Boris"),
    ca.Manager(3, "Vera", active=False),
)
MANAGERS = [ANNA, BORIS, VERA]
E = ca.EntityType
S = ca.CallStatus
D = ca.Direction
X = ca.Exclusion
FILTER_REASONS = (X.PERIOD, X.ENTITY, X.MANAGER, X.DURATION, X.STATUS, X.DIRECTION)
quick = settings(max_examples=60, deadline=None, database=None)


# The filter of every kind that make_call() passes, and for each check in the report's order
# the change that makes the call fail it (the manager, Boris, is still of the account).
FULL = ca.Filter(
    period=Period.days(date(2026, 11, 2), date(2026, 11, 2), tz="Europe/Moscow"),
    entity_types=["contacts"],
    manager_ids=[1],
    min_duration=60,
    max_duration=600,
    statuses=[4],
    directions=["inbound"],
)
FAILURES: tuple[tuple[ca.Exclusion, dict[str, Any]], ...] = (
    (X.PERIOD, {"started_at": AT + timedelta(days=1)}),
    (X.ENTITY, {"entity_type": "companies"}),
    (X.MANAGER, {"manager_id": 2}),
    (X.DURATION, {"duration": 30}),
    (X.STATUS, {"status": None}),
    (X.DIRECTION, {"direction": "outbound"}),
)


def failing_from(index: int, **more: Any) -> ca.Call:
    """make_call() failing every check of FULL from FAILURES[index] on (and *more*)."""
    changes: dict[str, Any] = {}
    for _, change in FAILURES[index:]:
        changes.update(change)
    changes.update(more)
    return make_call(**changes)


def bound(field: str, value: object) -> dict[str, Any]:
    """Keyword arguments setting one duration bound of a filter."""
    return {field: value}


def rule_failure(flt: ca.Filter, call: ca.Call) -> ca.Exclusion | None:
    """The first filter *call* fails, straight from the rules (the reference)."""
    period = flt.period
    if period is not None and not (
        period.start.timestamp() <= call.started_at.timestamp() < period.end.timestamp()
    ):
        return X.PERIOD
    if flt.entity_types is not None and call.entity_type not in flt.entity_types:
        return X.ENTITY
    if flt.manager_ids is not None and call.manager_id not in flt.manager_ids:
        return X.MANAGER
    if (flt.min_duration is not None and call.duration < flt.min_duration) or (
        flt.max_duration is not None and call.duration > flt.max_duration
    ):
        return X.DURATION
    if flt.statuses is not None and call.status not in flt.statuses:
        return X.STATUS
    if flt.directions is not None and call.direction not in flt.directions:
        return X.DIRECTION
    return None


# --- Strategies ------------------------------------------------------------------------------

ZONES, FALL_BACKS = cst.ZONES, cst.FALL_BACKS
zoned_instants, periods, filters = cst.zoned_instants, cst.periods, cst.filters
zoned_calls, steered_calls, filter_and_calls = (
    cst.zoned_calls,
    cst.steered_calls,
    cst.filter_and_calls,
)


@st.composite
def accounts(draw: st.DrawFn) -> tuple[list[ca.Manager], list[ca.Call], ca.Filter]:
    """Managers, calls, and a filter whose managers are among the account's (R20)."""
    managers = draw(cst.managers())
    flt, calls = draw(filter_and_calls(tuple(m.id for m in managers)))
    return managers, calls, flt


def eligible(call: ca.Call, managers: list[ca.Manager]) -> bool:
    """Whether the filters decide the call: in a client's card (R6), of no unknown manager."""
    known = {m.id for m in managers}
    in_client_card = call.card_id is not None and call.entity_type in ca.CLIENT_CARDS
    return in_client_card and (call.manager_id is None or call.manager_id in known)


# --- R19: entity -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        "contacts",
        E.CONTACT,
        ["contacts"],
        ("contacts", E.CONTACT),
        {"contacts"},
        iter(["contacts"]),
    ],
)
def test_r19_entity_types_take_one_value_or_a_collection(given: object) -> None:
    """A string, a member or any collection of them becomes a frozenset of EntityType."""
    flt = ca.Filter(entity_types=given)
    assert flt.entity_types == frozenset({E.CONTACT})
    assert type(flt.entity_types) is frozenset


@pytest.mark.parametrize("given", [[], (), set(), frozenset()])
def test_r19_empty_entity_selection_is_an_error(given: object) -> None:
    """Selecting no entity is invalid input, not "no calls": None means any."""
    with pytest.raises(ca.InvalidValueError, match=r"'entity_types' must not be empty.*None"):
        ca.Filter(entity_types=given)


def test_r19_unknown_entity_type_is_an_error_naming_it() -> None:
    """Leads are not a card of the calls report: the message lists the allowed values."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'entity_types' must hold 'contacts', 'companies' \(got 'leads'\)",
    ):
        ca.Filter(entity_types=["contacts", "leads"])


@pytest.mark.parametrize("given", [[1], [D.INCOMING], True, [None]])
def test_r19_entity_of_another_type_is_a_type_error(given: object) -> None:
    """Only EntityType members and their string values are entity types."""
    with pytest.raises(ca.InvalidTypeError, match=r"'entity_types' must hold .*of type"):
        ca.Filter(entity_types=given)


def test_r19_entity_filter_selects_the_card_kind() -> None:
    """Contacts only: a call in a company card fails the entity check."""
    flt = ca.Filter(entity_types="contacts")
    assert flt.matches(make_call())
    assert flt.first_failure(make_call(entity_type="companies")) is X.ENTITY


def test_r19_every_entity_selected_keeps_calls_in_a_card() -> None:
    """Both kinds selected keeps every call in a card, and no call without one."""
    flt = ca.Filter(entity_types=sorted(ca.CLIENT_CARDS))
    assert flt.matches(make_call(entity_type="companies"))
    assert flt.matches(make_call())
    assert flt.first_failure(make_call(card_id=None, entity_type=None)) is X.ENTITY


# --- R20: manager ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (7, {7}),
        ("u-7", {"u-7"}),
        ([1, 2, 2], {1, 2}),
        ((1, "u-2"), {1, "u-2"}),
        (range(1, 3), {1, 2}),
    ],
)
def test_r20_manager_ids_take_one_id_or_a_collection(given: object, expected: set[object]) -> None:
    """One id (a str is one id, not its letters) or a collection of ints and strs."""
    assert ca.Filter(manager_ids=given).manager_ids == frozenset(expected)


@pytest.mark.parametrize(
    ("given", "match"),
    [
        ([], r"'manager_ids' must not be empty"),
        ("", r"'manager_ids' must hold non-empty ids \(got ''\)"),
        ([" "], r"'manager_ids' must hold non-empty ids \(got ' '\)"),
        ([-1], r"'manager_ids' must hold ids >= 0 \(got -1\)"),
        (
            {1, "1"},
            r"'manager_ids' must not hold one id both as an int and as a str \(got 1 and '1'\)",
        ),
    ],
)
def test_r20_bad_manager_selection_is_an_error(given: object, match: str) -> None:
    """Empty, blank or negative ids, and one id written both as int and str, are invalid."""
    with pytest.raises(ca.InvalidValueError, match=match):
        ca.Filter(manager_ids=given)


@pytest.mark.parametrize(
    ("given", "match"),
    [
        (True, r"'manager_ids' must hold manager ids, ints or strs \(got True of type bool\)"),
        ([1, False], r"\(got False of type bool\)"),
        ([1.0], r"\(got 1.0 of type float\)"),
        (1.5, r"'manager_ids' must be None, one value or a collection.*float"),
        (b"12", r"'manager_ids' must be None, one value or a collection.*bytes"),
        ({1: "Anna"}, r"'manager_ids' must be None, one value or a collection.*dict"),
    ],
)
def test_r20_manager_ids_of_another_type_are_a_type_error(given: object, match: str) -> None:
    """A bool is not an id, and bytes or a mapping are refused rather than iterated."""
    with pytest.raises(ca.InvalidTypeError, match=match):
        ca.Filter(manager_ids=given)


def test_r20_manager_filter_leaves_out_other_managers_and_the_robot() -> None:
    """Only the selected managers' calls match; a call with no manager never does."""
    flt = ca.Filter(manager_ids=[1])
    assert flt.matches(make_call())
    assert flt.first_failure(make_call(manager_id=2)) is X.MANAGER
    assert flt.first_failure(make_call(manager_id=None)) is X.MANAGER


def test_r20_manager_outside_the_account_is_an_error_in_the_report() -> None:
    """Ids compare exactly: '1' is not the account's manager 1, and the report says so."""
    with pytest.raises(ca.UnknownManagerError, match=r"'manager_ids'.*unknown '1'"):
        ca.build_report([make_call()], MANAGERS, filter=ca.Filter(manager_ids=["1", 2]))


def test_r20_unknown_manager_error_is_a_value_and_lookup_error() -> None:
    """Callers catching the built-ins catch the R20 error too."""
    with pytest.raises(ValueError, match="unknown 9"):
        ca.build_report([], MANAGERS, filter=ca.Filter(manager_ids=[9]))
    with pytest.raises(LookupError, match="unknown 9"):
        ca.build_report([], MANAGERS, filter=ca.Filter(manager_ids=[9]))


def test_r20_manager_filter_rows_are_the_selected_managers() -> None:
    """With a manager filter the rows are exactly the selected managers, idle or inactive."""
    report = ca.build_report([make_call()], MANAGERS, filter=ca.Filter(manager_ids=[1, 3]))
    assert [row.manager.id for row in report.rows] == [1, 3]


# --- R21: duration ---------------------------------------------------------------------------


def test_r21_bounds_are_inclusive() -> None:
    """A call lasting exactly the minimum or the maximum matches; one second more or less not."""
    flt = ca.Filter(min_duration=60, max_duration=600)
    assert flt.matches(make_call(duration=60))
    assert flt.matches(make_call(duration=600))
    assert flt.first_failure(make_call(duration=59)) is X.DURATION
    assert flt.first_failure(make_call(duration=601)) is X.DURATION


def test_r21_equal_bounds_select_one_duration() -> None:
    """min_duration == max_duration is valid and keeps exactly that duration."""
    flt = ca.Filter(min_duration=0, max_duration=0)
    assert flt.matches(make_call(duration=0))
    assert not flt.matches(make_call(duration=1))


def test_r21_each_bound_alone() -> None:
    """A minimum alone has no maximum, and a maximum alone has no minimum."""
    assert ca.Filter(min_duration=100).matches(make_call(duration=10**9))
    assert ca.Filter(max_duration=100).matches(make_call(duration=0))


def test_r21_min_duration_zero_is_no_bound() -> None:
    """A minimum of 0 keeps every call, zero-second ones included (durations are never < 0)."""
    assert ca.Filter(min_duration=0).matches(make_call(duration=0))


def test_r21_min_above_max_is_an_error_naming_both() -> None:
    """min_duration > max_duration selects nothing: invalid input, both values named."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'min_duration' must be <= 'max_duration' \(got min_duration=61, max_duration=60\)",
    ):
        ca.Filter(min_duration=61, max_duration=60)


@pytest.mark.parametrize("field", ["min_duration", "max_duration"])
def test_r21_negative_bound_is_an_error(field: str) -> None:
    """A negative bound is invalid input; the message names the bound and the value."""
    with pytest.raises(ca.InvalidValueError, match=rf"'{field}' must be >= 0 \(got -1\)"):
        ca.Filter(**bound(field, -1))


@pytest.mark.parametrize("value", [1.5, True, "60"])
@pytest.mark.parametrize("field", ["min_duration", "max_duration"])
def test_r21_bounds_must_be_whole_seconds(field: str, value: object) -> None:
    """A float, a bool or a string is not a whole number of seconds."""
    with pytest.raises(ca.InvalidTypeError, match=rf"'{field}' must be a whole number of seconds"):
        ca.Filter(**bound(field, value))


# --- R22: status -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (4, {S.TALKED}),
        (S.BUSY, {S.BUSY}),
        ([1, S.LEFT_MESSAGE, 7], {S.LEFT_MESSAGE, S.BUSY}),
        (range(1, 8), set(S)),
    ],
)
def test_r22_statuses_take_codes_and_call_statuses(given: object, expected: set[object]) -> None:
    """amoCRM codes 1..7 become CallStatus members."""
    flt = ca.Filter(statuses=given)
    assert flt.statuses == frozenset(expected)
    assert flt.statuses is not None
    assert all(type(status) is S for status in flt.statuses)


@pytest.mark.parametrize("code", [0, 8, -4])
def test_r22_unknown_status_code_is_an_error(code: int) -> None:
    """Any code outside 1..7 is invalid input (R2)."""
    with pytest.raises(
        ca.InvalidValueError, match=rf"'statuses' must hold call status codes 1..7 \(got {code}\)"
    ):
        ca.Filter(statuses=[4, code])


@pytest.mark.parametrize("given", ["4", ["talked"], [None], [True], [4.0]])
def test_r22_status_of_another_type_is_a_type_error(given: object) -> None:
    """Strings, None, bools and floats are not statuses (from_query parses strings)."""
    with pytest.raises(ca.InvalidTypeError, match=r"'statuses' must hold call statuses"):
        ca.Filter(statuses=given)


def test_r22_empty_status_selection_is_an_error() -> None:
    """Selecting no status is invalid input: None means any."""
    with pytest.raises(ca.InvalidValueError, match=r"'statuses' must not be empty"):
        ca.Filter(statuses=[])


@pytest.mark.parametrize("statuses", [[4], [1, 2, 3], list(S)])
def test_r22_call_without_status_never_matches_a_status_filter(statuses: list[S]) -> None:
    """With any status selected, even all seven, a call with no status is left out."""
    flt = ca.Filter(statuses=statuses)
    assert flt.first_failure(make_call(status=None)) is X.STATUS


def test_r22_call_without_status_is_unaffected_without_a_status_filter() -> None:
    """With no status filter, a call with no status passes the other filters as any call."""
    flt = attrs.evolve(FULL, statuses=None)
    assert flt.matches(make_call(status=None))


def test_r22_every_status_selected_keeps_every_call_with_a_status() -> None:
    """All seven statuses keep each call that has one."""
    flt = ca.Filter(statuses=list(S))
    assert all(flt.matches(make_call(status=status)) for status in S)


def test_r22_status_filter_in_the_report() -> None:
    """The report counts a call with no status under STATUS when statuses are filtered."""
    calls = [make_call(id="a"), make_call(id="b", status=None), make_call(id="c", status=7)]
    report = ca.build_report(calls, MANAGERS, filter=ca.Filter(statuses=[4]))
    assert report.total.total == 1
    assert report.excluded[X.STATUS] == 2
    assert ca.build_report(calls, MANAGERS).total.total == 3


# --- Directions, period ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("inbound", {"inbound"}),
        ([D.OUTGOING], {"outbound"}),
        (["inbound", "outbound"], {"inbound", "outbound"}),
    ],
)
def test_directions_select_incoming_and_or_outgoing(given: object, kept: set[str]) -> None:
    """Incoming, outgoing or both; a call of the other direction fails last, as DIRECTION."""
    flt = ca.Filter(directions=given)
    for direction in D:
        expected = None if direction.value in kept else X.DIRECTION
        assert flt.first_failure(make_call(direction=direction)) is expected


@pytest.mark.parametrize(
    ("given", "error", "match"),
    [
        (["incoming"], ca.InvalidValueError, r"'directions' must hold 'inbound', 'outbound'"),
        ([E.CONTACT], ca.InvalidTypeError, r"'directions' must hold .*of type EntityType"),
        ([], ca.InvalidValueError, r"'directions' must not be empty"),
    ],
)
def test_directions_are_the_api_values(given: object, error: type[Exception], match: str) -> None:
    """The constructor takes Direction members or amoCRM's strings (from_query takes words)."""
    with pytest.raises(error, match=match):
        ca.Filter(directions=given)


def test_r18_period_must_be_a_period() -> None:
    """A preset name is not a period: build it with Period.preset (or use from_query)."""
    with pytest.raises(ca.InvalidTypeError, match=r"'period' must be a Period or None.*'today'"):
        ca.Filter(period="today")  # type: ignore[arg-type]


def test_r18_period_keeps_its_start_and_not_its_end() -> None:
    """The period is half-open: a call at its start matches, one at its end does not."""
    period = Period(AT, AT + timedelta(hours=1))
    flt = ca.Filter(period=period)
    assert flt.matches(make_call(started_at=AT))
    assert flt.first_failure(make_call(started_at=AT + timedelta(hours=1))) is X.PERIOD
    assert flt.first_failure(make_call(started_at=AT - timedelta(microseconds=1))) is X.PERIOD


def test_r18_period_places_a_repeated_dst_hour_by_its_fold() -> None:
    """Berlin's 02:30 happens twice on 25 Oct 2026, and a period in Berlin time tells them apart."""
    # The period is the second pass of 02:00–03:00 (01:00–02:00 UTC), given as Berlin wall
    # times; the first 02:30 (00:30 UTC) is before it, the second (01:30 UTC) in it.
    period = Period(
        datetime(2026, 10, 25, 2, 0, fold=1, tzinfo=BERLIN),
        datetime(2026, 10, 25, 3, 0, tzinfo=BERLIN),
    )
    first = make_call(id="first", started_at=datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN))
    second = make_call(id="second", started_at=datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN))
    flt = ca.Filter(period=period)
    assert flt.first_failure(first) is X.PERIOD
    assert flt.matches(second)
    report = ca.build_report([first, second], MANAGERS, filter=flt)
    assert (report.total.total, report.excluded[X.PERIOD]) == (1, 1)
    assert [c.id for c in ca.events_list([first, second], filter=flt)] == ["second"]


def test_r18_the_same_period_in_any_timezone_selects_the_same_calls() -> None:
    """A Moscow day given in Moscow, UTC or New York time is the same instants."""
    moscow = Period.days(date(2026, 11, 2), date(2026, 11, 2), tz="Europe/Moscow")
    calls = [
        make_call(id="before", started_at=datetime(2026, 11, 1, 20, 59, tzinfo=UTC)),
        make_call(id="first", started_at=datetime(2026, 11, 1, 21, 0, tzinfo=UTC)),
        make_call(id="last", started_at=datetime(2026, 11, 2, 20, 59, tzinfo=UTC)),
        make_call(id="after", started_at=datetime(2026, 11, 2, 21, 0, tzinfo=UTC)),
    ]
    for zone in (UTC, NEW_YORK, BERLIN):
        period = Period(moscow.start.astimezone(zone), moscow.end.astimezone(zone))
        kept = ca.events_list(calls, filter=ca.Filter(period=period))
        assert [c.id for c in kept] == ["last", "first"]


class OneOffset(tzinfo):
    """A tzinfo like pytz's: one fixed offset, whose ``fromutc`` answers with another instance."""

    def __init__(self, hours: int) -> None:
        self.hours = hours

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=self.hours)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return f"UTC{self.hours:+d}"

    def fromutc(self, dt: datetime) -> datetime:
        return (dt + timedelta(hours=self.hours)).replace(tzinfo=OneOffset(self.hours))


@pytest.mark.parametrize(
    "zone",
    [
        BERLIN,
        dateutil_tz.gettz("Europe/Berlin"),
        timezone(timedelta(hours=1)),
        ZoneInfo("UTC"),
        OneOffset(3),
    ],
    ids=["zoneinfo", "dateutil", "fixed-offset", "zoneinfo-utc", "pytz-like"],
)
def test_r18_period_check_is_by_instant_whatever_the_calls_tzinfo(zone: tzinfo) -> None:
    """A call in any kind of tzinfo is in a period exactly when its instant is."""
    # Calls every 10 minutes of Berlin's fall-back night and of a quiet night. The periods: a
    # Berlin day with the DST change, part of the repeated hour given in Berlin time, and three
    # quiet Berlin days (far from any change: the bounds may be compared in the calls' zone).
    nights = (datetime(2026, 10, 24, 22, tzinfo=UTC), datetime(2026, 11, 9, 22, tzinfo=UTC))
    instants = [night + timedelta(minutes=10 * k) for night in nights for k in range(30)]
    calls = [make_call(id=f"c{k}", started_at=i.astimezone(zone)) for k, i in enumerate(instants)]
    for period in (
        Period.days(date(2026, 10, 25), date(2026, 10, 25), tz="Europe/Berlin"),
        Period(
            datetime(2026, 10, 25, 2, 0, fold=1, tzinfo=BERLIN),
            datetime(2026, 10, 25, 2, 40, fold=1, tzinfo=BERLIN),
        ),
        Period.days(date(2026, 11, 10), date(2026, 11, 12), tz="Europe/Berlin"),
    ):
        flt = ca.Filter(period=period)
        inside = [
            c
            for c in calls
            if period.start.timestamp() <= c.started_at.timestamp() < period.end.timestamp()
        ]
        assert inside  # each period holds some of the calls, and leaves out others
        assert len(inside) < len(calls)
        assert [c for c in calls if flt.matches(c)] == inside
        assert ca.build_report(calls, MANAGERS, filter=flt).included == len(inside)


def test_r18_period_check_with_a_tzinfo_object_per_call() -> None:
    """Calls parsed from ISO strings, each with a tzinfo object of its own, are all placed."""
    # More distinct tzinfo objects than the check learns bounds for: the others go through UTC.
    texts = [
        f"2026-11-{day:02d}T{hour:02d}:30:00{offset}"
        for day in (1, 2, 3)
        for hour in (0, 2, 22)
        for offset in ("+03:00", "-05:00", "+00:00")
    ]
    calls = [make_call(id=t, started_at=datetime.fromisoformat(t)) for t in texts]
    assert len({id(c.started_at.tzinfo) for c in calls}) > 8
    period = Period.days(date(2026, 11, 2), date(2026, 11, 2), tz="Europe/Moscow")
    start, end = datetime(2026, 11, 1, 21, tzinfo=UTC), datetime(2026, 11, 2, 21, tzinfo=UTC)
    inside = [c.id for c in calls if start <= c.started_at.astimezone(UTC) < end]
    flt = ca.Filter(period=period)
    assert [c.id for c in calls if flt.matches(c)] == inside
    assert ca.build_report(calls, MANAGERS, filter=flt).included == len(inside)


# --- The value -------------------------------------------------------------------------------


def test_filter_is_an_immutable_hashable_value() -> None:
    """Equal selections given as different collections give equal, hashable, frozen filters."""
    a = ca.Filter(statuses=[4, 7], entity_types=("contacts",), manager_ids={1})
    b = ca.Filter(statuses={S.BUSY, S.TALKED}, entity_types=E.CONTACT, manager_ids=1)
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.statuses = None  # type: ignore[misc]


def test_filter_evolve_validates_again() -> None:
    """attrs.evolve goes through the same converters: an empty selection is still refused."""
    with pytest.raises(ca.InvalidValueError, match="'statuses' must not be empty"):
        attrs.evolve(FULL, statuses=[])


def test_is_empty_only_when_nothing_is_set() -> None:
    """The default filter is empty; a filter selecting every value is not (R22: no status)."""
    assert ca.Filter().is_empty
    assert not ca.Filter(statuses=list(S)).is_empty
    assert not ca.Filter(min_duration=0).is_empty


def test_first_failure_rejects_what_is_not_a_call() -> None:
    """A dict is named in the error, not an AttributeError from generated code."""
    with pytest.raises(ca.InvalidTypeError, match=r"'call' must be a Call \(got \{\} of type dict"):
        FULL.first_failure({})  # type: ignore[arg-type]


def test_filters_combine_with_and() -> None:
    """A call passing every filter matches; failing any single one of them, it does not."""
    assert FULL.matches(make_call())
    for reason, change in FAILURES:
        assert FULL.first_failure(make_call(**change)) is reason


# --- R11: the order of the exclusion reasons -------------------------------------------------


@pytest.mark.parametrize("index", range(len(FAILURES)))
def test_r11_first_failure_is_the_first_in_the_report_order(index: int) -> None:
    """A call failing every check from one on is excluded for that first one."""
    assert FULL.first_failure(failing_from(index)) is FAILURES[index][0]


def test_r11_report_counts_calls_failing_several_checks_under_the_first() -> None:
    """In the report, matching and an unknown manager come before every filter, then the order."""
    calls = [failing_from(i, id=f"f{i}") for i in range(len(FAILURES))]
    calls += [
        failing_from(0, id="unsaved", card_id=None, entity_type=None, phone="+7 999 1"),
        failing_from(0, id="unsorted", card_id=None, entity_type=None, direction="inbound"),
        failing_from(0, id="stranger", manager_id=99),
        make_call(id="ok"),
    ]
    report = ca.build_report(calls, MANAGERS, filter=FULL)
    assert {reason: n for reason, n in report.excluded.items() if n} == {
        X.PERIOD: 1,
        X.ENTITY: 1,
        X.MANAGER: 1,
        X.DURATION: 1,
        X.STATUS: 1,
        X.DIRECTION: 1,
        X.NOT_SAVED: 1,
        X.UNSORTED: 1,
        X.UNKNOWN_MANAGER: 1,
    }
    assert report.total.total == 1
    assert report.calls == len(calls)


def test_r11_a_matched_call_is_filtered_with_its_card() -> None:
    """A call matched by phone takes its card's entity before the entity filter is checked."""
    call = make_call(card_id=None, entity_type=None)
    cards = [ca.Card(5, "companies", phones=["89123456789"])]
    flt = ca.Filter(entity_types=["contacts"])
    report = ca.build_report([call], MANAGERS, cards=cards, filter=flt)
    assert report.excluded[X.ENTITY] == 1
    companies = ca.build_report(
        [call], MANAGERS, cards=cards, filter=ca.Filter(entity_types=["companies"])
    )
    assert companies.total.total == 1


# --- The events list with filters (R24) ------------------------------------------------------


def test_r24_events_list_keeps_the_matching_calls_newest_first() -> None:
    """The events list applies the whole filter and shows the newest call first."""
    calls = [failing_from(i, id=f"f{i}") for i in range(len(FAILURES))]
    calls += [make_call(id="early"), make_call(id="late", started_at=AT + timedelta(hours=1))]
    assert [c.id for c in ca.events_list(calls, filter=FULL)] == ["late", "early"]


def test_r24_events_list_orders_a_repeated_dst_hour_by_instant() -> None:
    """The second 02:30 of a fall-back night is newer than the first 02:45, and listed first."""
    older = make_call(id="older", started_at=datetime(2026, 10, 25, 2, 45, tzinfo=BERLIN))
    newer = make_call(id="newer", started_at=datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN))
    assert [c.id for c in ca.events_list([older, newer])] == ["newer", "older"]


def test_r24_events_list_checks_no_account() -> None:
    """Without an account there is no R20 check: an id matches only itself ('1' is not 1)."""
    assert ca.events_list([make_call()], filter=ca.Filter(manager_ids=["1"])) == ()
    assert ca.events_list([make_call()], filter=ca.Filter(manager_ids=[99])) == ()


def test_r24_events_list_entity_filter_leaves_out_calls_without_a_card() -> None:
    """A call with no card (Unsorted) is in the events list unless an entity is selected."""
    unsorted = make_call(card_id=None, entity_type=None)
    assert ca.events_list([unsorted]) == (unsorted,)
    assert ca.events_list([unsorted], filter=ca.Filter(entity_types=sorted(ca.CLIENT_CARDS))) == ()


def test_r24_events_list_rejects_another_filter_type() -> None:
    """A mapping is not a Filter: from_query builds one."""
    with pytest.raises(ca.InvalidTypeError, match=r"'filter' must be a Filter or None"):
        ca.events_list([], filter={"statuses": "4"})  # type: ignore[arg-type]


# --- Properties ------------------------------------------------------------------------------


@quick
@given(drawn=filter_and_calls(max_size=12))
def test_first_failure_is_the_rules_in_order(drawn: tuple[ca.Filter, list[ca.Call]]) -> None:
    """For any filter and call, first_failure is the reference check, simplifications and all."""
    flt, calls = drawn
    for call in calls:
        assert flt.first_failure(call) is rule_failure(flt, call)
        assert flt.matches(call) is (rule_failure(flt, call) is None)


@quick
@given(
    zone_and_fall_back=st.sampled_from([(BERLIN, FALL_BACKS[0][0]), (NEW_YORK, FALL_BACKS[1][0])]),
    minutes=st.lists(st.integers(min_value=-75, max_value=75), min_size=3, max_size=3),
)
def test_r18_period_check_is_by_instant_around_a_fall_back(
    zone_and_fall_back: tuple[tzinfo, datetime], minutes: list[int]
) -> None:
    """With bounds and call in one zone around its repeated hour, the check follows instants."""
    # Half the instants drawn fall in the first pass of the repeated wall hour (fold=0) and
    # half in the second (fold=1), where comparing wall times would give the wrong answer.
    zone, fall_back = zone_and_fall_back
    start, end, at = (
        (fall_back + timedelta(minutes=m)).astimezone(zone)
        for m in (min(minutes[:2]), max(minutes[:2]) + 1, minutes[2])
    )
    flt = ca.Filter(period=Period(start, end))
    call = make_call(started_at=at)
    inside = start.timestamp() <= at.timestamp() < end.timestamp()
    assert flt.first_failure(call) is (None if inside else X.PERIOD)
    assert ca.build_report([call], MANAGERS, filter=flt).included == inside


@quick
@given(account=accounts())
def test_r11_report_counts_each_call_under_its_first_failure(
    account: tuple[list[ca.Manager], list[ca.Call], ca.Filter],
) -> None:
    """Filter reasons count first_failure of the calls the filters decide; the others are kept."""
    managers, calls, flt = account
    report = ca.build_report(calls, managers, filter=flt)
    unfiltered = ca.build_report(calls, managers)
    decided = Counter(flt.first_failure(c) for c in calls if eligible(c, managers))
    assert {r: report.excluded[r] for r in FILTER_REASONS} == {
        r: decided[r] for r in FILTER_REASONS
    }
    for reason in set(X) - set(FILTER_REASONS):
        assert report.excluded[reason] == unfiltered.excluded[reason]
    assert report.included == decided[None]


@quick
@given(account=accounts(), cards=cst.cards, hours=st.integers(0, 48))
def test_r11_reconciliation_holds_with_any_filter(
    account: tuple[list[ca.Manager], list[ca.Call], ca.Filter], cards: list[ca.Card], hours: int
) -> None:
    """Whatever the filter, cards and now: rows + unassigned + excluded == calls given."""
    managers, calls, flt = account
    now = cst.NOW + timedelta(hours=hours)
    report = ca.build_report(calls, managers, cards=cards, filter=flt, now=now)
    assert report.total.total + report.unassigned.total + sum(report.excluded.values()) == len(
        calls
    )
    assert report.calls == len(calls)


@quick
@given(account=accounts())
def test_r20_report_with_a_filter_is_the_report_of_the_calls_it_keeps(
    account: tuple[list[ca.Manager], list[ca.Call], ca.Filter],
) -> None:
    """Filtering is keeping the calls that match; a manager filter also picks the rows."""
    managers, calls, flt = account
    kept = [c for c in calls if eligible(c, managers) and flt.matches(c)]
    rows = None if flt.manager_ids is None else ca.Filter(manager_ids=flt.manager_ids)
    expected = ca.build_report(kept, managers, filter=rows)
    actual = ca.build_report(calls, managers, filter=flt)
    assert (actual.rows, actual.total, actual.average, actual.unassigned) == (
        expected.rows,
        expected.total,
        expected.average,
        expected.unassigned,
    )


@quick
@given(drawn=filter_and_calls(tuple(m.id for m in MANAGERS), max_size=4))
def test_one_call_report_has_the_call_iff_it_matches(
    drawn: tuple[ca.Filter, list[ca.Call]],
) -> None:
    """A call in a card of a known (or no) manager is in the report iff the rules keep it."""
    flt, calls = drawn
    for call in calls:
        call = attrs.evolve(
            call, card_id=call.card_id or 1, entity_type=call.entity_type or "contacts"
        )
        if call.manager_id not in {None, 1, 2, 3}:
            call = attrs.evolve(call, manager_id=None)
        report = ca.build_report([call], MANAGERS, filter=flt)
        in_client_card = call.entity_type in ca.CLIENT_CARDS
        expected = rule_failure(flt, call) if in_client_card else X.OTHER_CARD  # R6 first
        assert report.included == (expected is None)
        assert {r for r, n in report.excluded.items() if n} == (
            set() if expected is None else {expected}
        )


@quick
@given(drawn=filter_and_calls(max_size=15))
def test_r24_events_list_is_the_matching_calls_newest_first(
    drawn: tuple[ca.Filter, list[ca.Call]],
) -> None:
    """The events list holds exactly the calls the rules keep, by instant, newest first."""
    flt, calls = drawn
    listed = ca.events_list(calls, filter=flt)
    assert Counter(c.id for c in listed) == Counter(
        c.id for c in calls if rule_failure(flt, c) is None
    )
    instants = [c.started_at.timestamp() for c in listed]
    assert instants == sorted(instants, reverse=True)


@pytest.mark.parametrize(
    "case",
    [
        lambda f, m: f.statuses == frozenset(S),
        lambda f, m: f.entity_types == ca.CLIENT_CARDS,
        lambda f, m: f.directions == frozenset(D),
        lambda f, m: f.min_duration == 0,
        lambda f, m: m.fold == 1,
    ],
    ids=["all-statuses", "all-entities", "all-directions", "min-duration-0", "fold-1"],
)
def test_strategies_reach_the_simplified_cases(case: Callable[[ca.Filter, datetime], bool]) -> None:
    """The property tests draw every-value selections, min_duration=0 and fold=1 instants."""
    found = find(
        st.tuples(filters(), zoned_instants()),
        lambda drawn: case(*drawn),
        settings=settings(database=None, max_examples=500, phases=[Phase.generate]),
    )
    assert case(*found)
