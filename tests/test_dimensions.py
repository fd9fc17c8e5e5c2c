"""The dimensions of the analyses: plain value, generated loop and frame engine agree (R31–R37)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._engines.frames import tally_of_frame
from callanalytics._model.hours import BusinessHours, zone_key
from callanalytics._rules import dimensions as dims
from callanalytics._rules.routing import Routing
from callanalytics._rules.steps import Dimension
from tests import strategies as cst
from tests.builders import make_call
from tests.test_frames import polars_frame
from tests.test_routing import plain_tally, routed_accounts

BERLIN = ZoneInfo("Europe/Berlin")
HOURS = BusinessHours(
    {0: [("09:00", "13:00"), ("14:00", "18:00")], 5: [(time(10), "24:00")]},
    tz=BERLIN,
    holidays=[date(2026, 11, 16)],
)
BUCKETS = (
    dims.bucket("day", BERLIN),
    dims.bucket("week", "America/New_York"),
    dims.bucket("month", "Europe/Berlin"),
)
OTHERS = (dims.slot(BERLIN), dims.MISSED, dims.in_hours(HOURS))


def at(text: str) -> datetime:
    """A UTC instant written as ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@settings(max_examples=100, deadline=None)
@given(
    routed_accounts(),
    st.lists(st.sampled_from(BUCKETS), max_size=1),
    st.lists(st.sampled_from(OTHERS), max_size=3, unique=True),
)
def test_r34_r35_r37_the_loop_computes_each_dimension_as_its_plain_value(
    account: tuple[Routing, list[ca.Call]], bucket: list[Dimension], others: list[Dimension]
) -> None:
    """Any dimensions, any account: the generated loop keys each call as the plain values do."""
    routing, calls = account
    chosen = (*bucket, *others)
    tally = routing.tally(calls, chosen)
    assert tally == plain_tally(routing, calls, chosen)
    assert tally.rollup() == routing.tally(calls)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.one_of(cst.calls(), cst.zoned_calls()), max_size=25, unique_by=lambda c: c.id),
    st.sampled_from(BUCKETS),
)
def test_r34_r35_r37_frames_compute_the_same_dimensions_as_objects(
    calls: list[ca.Call], bucket: Dimension
) -> None:
    """Polars (eager, lazy), pandas and pyarrow frames give the tally of the same objects."""
    routing = Routing([ca.Manager(m, f"M{m}") for m in range(1, 7)])
    chosen = (bucket, *OTHERS)
    expected = routing.tally(calls, chosen)
    frame = polars_frame(calls)
    for native in (frame, frame.lazy(), frame.to_pandas(), frame.to_arrow()):
        assert tally_of_frame(routing, native, dimensions=chosen) == expected


def test_r31_missed_is_incoming_and_not_answered_by_the_default_rule() -> None:
    """Talked, or no status and over 0 s, is answered; an incoming call not answered is missed."""
    cases: list[tuple[dict[str, object], bool, bool]] = [  # changes, answered, missed
        ({"status": 4, "duration": 0}, True, False),
        ({"status": None, "duration": 1}, True, False),
        ({"status": None, "duration": 0}, False, True),
        ({"status": 1, "duration": 30}, False, True),
        ({"status": 3, "duration": 30}, False, True),
        ({"status": 6, "duration": 0}, False, True),
        ({"status": 7, "duration": 5}, False, True),
        ({"status": None, "duration": 0, "direction": "outbound"}, False, False),
    ]
    for changes, answered, missed in cases:
        c = make_call(**changes)
        assert dims.answered_by_default(c) is answered, changes
        assert dims.missed_by_default(c) is missed, changes


def test_r34_a_call_belongs_to_the_local_day_week_and_month_it_started_in() -> None:
    """Hand-computed: 23:30 UTC on 31 Dec is 1 Jan in Berlin; weeks start on Monday."""
    c = make_call(started_at=at("2026-12-31 23:30"))
    assert dims.bucket("day", "Europe/Berlin").value(c) == date(2027, 1, 1)
    assert dims.bucket("day", "UTC").value(c) == date(2026, 12, 31)
    assert dims.bucket("week", "Europe/Berlin").value(c) == date(2026, 12, 28)
    assert dims.bucket("month", "Europe/Berlin").value(c) == date(2027, 1, 1)
    assert dims.bucket("month", "America/New_York").value(c) == date(2026, 12, 1)
    with pytest.raises(ca.InvalidValueError, match="'every' must be one of 'day', 'week'"):
        dims.bucket("year", "UTC")  # type: ignore[arg-type]


def test_r35_the_slot_is_the_local_weekday_and_wall_clock_hour_on_dst_days() -> None:
    """Berlin, 29 Mar 2026 (spring) has no 02:00 hour; 25 Oct 2026 (autumn) has 02:00 twice."""
    slot = dims.slot("Europe/Berlin")
    assert slot.value(make_call(started_at=at("2026-03-29 00:59"))) == (6, 1)
    assert slot.value(make_call(started_at=at("2026-03-29 01:00"))) == (6, 3)
    assert slot.value(make_call(started_at=at("2026-10-25 00:30"))) == (6, 2)
    assert slot.value(make_call(started_at=at("2026-10-25 01:30"))) == (6, 2)
    assert slot.value(make_call(started_at=at("2026-10-25 02:30"))) == (6, 3)


def test_r37_business_hours_read_wall_clocks_intervals_and_holidays() -> None:
    """Monday 09–13 and 14–18, Saturday from 10 to midnight, Monday 16 Nov a holiday."""
    inside = [at("2026-11-09 08:00"), at("2026-11-09 16:59"), at("2026-11-14 22:59")]
    outside = [
        at("2026-11-09 07:59"),  # 08:59 Berlin
        at("2026-11-09 12:00"),  # the lunch break
        at("2026-11-09 17:00"),  # 18:00: the end is not included
        at("2026-11-10 09:00"),  # Tuesday: no hours
        at("2026-11-16 09:00"),  # a holiday
        at("2026-11-14 23:00"),  # Sunday 00:00 in Berlin
    ]
    assert [HOURS.contains(m) for m in inside] == [True] * 3
    assert [HOURS.contains(m) for m in outside] == [False] * 6
    assert HOURS.week[5] == ((36000, 86400),)
    weekdays = BusinessHours.weekdays("08:30:15", time(17), tz="UTC", days=[0, 2])
    assert weekdays.week == (((30615, 61200),), (), ((30615, 61200),), (), (), (), ())


@pytest.mark.parametrize(
    ("week", "holidays", "error", "match"),
    [
        ([], (), ca.InvalidTypeError, "'week' must be a mapping of weekdays"),
        ({7: []}, (), ca.InvalidValueError, "'week' must be keyed by weekdays 0..6"),
        ({True: []}, (), ca.InvalidValueError, "'week' must be keyed by weekdays"),
        ({0: ["09:00"]}, (), ca.InvalidTypeError, r"'week\[0\]' must be \(start, end\) pairs"),
        ({0: [("09:00",)]}, (), ca.InvalidTypeError, r"'week\[0\]' must be \(start, end\)"),
        ({0: [(9, 18)]}, (), ca.InvalidTypeError, "must be a datetime.time or an 'HH:MM'"),
        ({0: [("9h", "18:00")]}, (), ca.InvalidValueError, "must be a time 'HH:MM'"),
        ({0: [("09:00:00.5", "18:00")]}, (), ca.InvalidValueError, "must be a time 'HH:MM'"),
        ({0: [("24:00", "18:00")]}, (), ca.InvalidValueError, "must be a time 'HH:MM'"),
        ({0: [("18:00", "09:00")]}, (), ca.InvalidValueError, "start is before their end"),
        (
            {0: [("09:00", "13:00"), ("12:00", "18:00")]},
            (),
            ca.InvalidValueError,
            "do not overlap",
        ),
        (
            {0: [(time(9, tzinfo=UTC), "18:00")]},
            (),
            ca.InvalidValueError,
            "without a timezone",
        ),
        ({}, [datetime(2026, 1, 1, tzinfo=UTC)], ca.InvalidTypeError, "'holidays' must be dates"),
    ],
)
def test_r37_a_bad_schedule_is_an_error_naming_the_field(
    week: object, holidays: object, error: type[Exception], match: str
) -> None:
    """Each mistake in a schedule is refused with the field and the value, never guessed."""
    with pytest.raises(error, match=match):
        BusinessHours(week, tz="UTC", holidays=holidays)


def test_r37_in_hours_needs_a_schedule_and_moments_must_be_aware() -> None:
    """The dimension takes a BusinessHours; a naive moment is refused by the schedule."""
    with pytest.raises(ca.InvalidTypeError, match="'hours' must be a BusinessHours"):
        dims.in_hours("09-18")  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidValueError, match="'moment' must be timezone-aware"):
        HOURS.contains(datetime(2026, 11, 9, 10))


def test_r34_frames_name_zones_by_key() -> None:
    """A frame library knows zones by name: a fixed offset without one is refused clearly."""
    from datetime import timezone

    assert zone_key("tz", UTC) == "UTC"
    odd = timezone(timedelta(hours=3))
    with pytest.raises(ca.InvalidValueError, match="'tz' must be a zoneinfo zone"):
        zone_key("tz", odd)
    routing = Routing([ca.Manager(1, "Anna")])
    frame = polars_frame([make_call()])
    with pytest.raises(ca.InvalidValueError, match="'tz' must be a zoneinfo zone"):
        tally_of_frame(routing, frame, dimensions=(dims.slot(odd),))
    bare = Dimension("side", lambda c: c.direction.value, "c.direction.value")
    with pytest.raises(ca.InvalidValueError, match="'side' cannot be computed over a data"):
        tally_of_frame(routing, frame, dimensions=(bare,))
