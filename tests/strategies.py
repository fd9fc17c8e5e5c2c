"""Hypothesis strategies for the models, shared by every property test."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._model.period import Period

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)

manager_ids = st.integers(min_value=1, max_value=6)
"""Small id spaces, so that calls collide on managers, cards and phones."""

phones = st.sampled_from(
    [
        "+7 912 345-67-89",
        "8 (912) 345 67 89",
        "79123456789",
        "+7 495 000-00-01",
        "84950000001",
        "204",
        "ext. 205",
        "",
        "unknown",
        "+7 999 111-22-33",
    ]
)

offsets = st.sampled_from([UTC, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5))])


@st.composite
def instants(draw: st.DrawFn, *, days: int = 30) -> datetime:
    """An aware instant within *days* before :data:`NOW`, in one of a few fixed offsets."""
    seconds = draw(st.integers(min_value=0, max_value=days * 86400))
    return (NOW - timedelta(seconds=seconds)).astimezone(draw(offsets))


def managers(max_size: int = 6) -> st.SearchStrategy[list[ca.Manager]]:
    """Managers with unique ids 1..6, some inactive."""
    return st.lists(
        st.builds(
            ca.Manager,
            id=manager_ids,
            name=st.sampled_from(["Anna", "Boris", "Vera", "Anna"]),
            active=st.booleans(),
        ),
        max_size=max_size,
        unique_by=lambda m: m.id,
    )


cards = st.lists(
    st.builds(
        ca.Card,
        id=st.integers(min_value=1, max_value=5),
        entity_type=st.sampled_from(sorted(ca.CLIENT_CARDS)),
        phones=st.lists(phones, max_size=2),
        manager_id=st.none() | manager_ids,
    ),
    max_size=6,
    unique_by=lambda c: c.key,
)


@st.composite
def calls(draw: st.DrawFn) -> ca.Call:
    """Any valid call: with or without a card, manager (possibly unknown: 7..8), status."""
    has_card = draw(st.booleans())
    via_app = draw(st.booleans())
    return ca.Call(
        id=draw(st.text("abcdef0123456789", min_size=1, max_size=8)),
        direction=draw(st.sampled_from(ca.Direction)),
        started_at=draw(instants()),
        duration=draw(st.integers(min_value=0, max_value=4 * 3600)),
        phone=draw(phones),
        manager_id=draw(st.none() | st.integers(min_value=1, max_value=8)),
        card_id=draw(st.integers(min_value=1, max_value=5)) if has_card else None,
        entity_type=draw(st.sampled_from(ca.EntityType)) if has_card else None,
        status=draw(st.none() | st.sampled_from(ca.CallStatus)),
        recording_url=None if via_app else draw(st.none() | st.just("https://rec.example/1.mp3")),
        via_app=via_app,
    )


call_lists = st.lists(calls(), max_size=40, unique_by=lambda c: c.id)
"""Calls with distinct ids: a repeated id is a duplicate (R28), which its own tests pin."""


# --- Filters and calls steered towards them ------------------------------------------------

_BERLIN = ZoneInfo("Europe/Berlin")
_NEW_YORK = ZoneInfo("America/New_York")
ZONES: tuple[tzinfo, ...] = (
    UTC,
    timezone(timedelta(hours=3)),
    ZoneInfo("Europe/Moscow"),
    _BERLIN,
    _NEW_YORK,
)
FALL_BACKS = (
    (datetime(2026, 10, 25, 1, tzinfo=UTC), _BERLIN),  # 03:00 CEST -> 02:00 CET
    (datetime(2026, 11, 1, 6, tzinfo=UTC), _NEW_YORK),  # 02:00 EDT -> 01:00 EST
)


@st.composite
def zoned_instants(draw: st.DrawFn) -> datetime:
    """An instant in one of ZONES, often within 90 minutes of a fall-back in its zone.

    In the hour after a fall-back, the zone's wall time repeats: those instants have fold=1.
    """
    if draw(st.booleans()):
        zone: tzinfo
        moment, zone = draw(st.sampled_from(FALL_BACKS))
        moment += timedelta(minutes=draw(st.integers(min_value=-90, max_value=90)))
    else:
        moment, zone = draw(instants()), draw(st.sampled_from(ZONES))
    return moment.astimezone(zone)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A plain period between two instants in any zones, a range of local days, or a preset."""
    kind = draw(st.sampled_from(["plain", "days", "preset"]))
    zone = draw(st.sampled_from(ZONES))
    if kind == "plain":
        start, end = draw(zoned_instants()), draw(zoned_instants())
        if start.timestamp() == end.timestamp():
            end += timedelta(minutes=1)
        # By timestamp: two datetimes sharing a ZoneInfo compare by wall time.
        if start.timestamp() > end.timestamp():
            start, end = end, start
        return Period(start, end)
    if kind == "days":
        first = date(2026, 10, 20) + timedelta(days=draw(st.integers(0, 31)))
        return Period.days(first, first + timedelta(days=draw(st.integers(0, 10))), tz=zone)
    return Period.preset(
        draw(st.sampled_from(["today", "last_7_days", "this_month"])), now=NOW, tz=zone
    )


def selections(values: list[Any]) -> st.SearchStrategy[frozenset[Any] | None]:
    """None, every value (the simplified case) or any non-empty part of *values*."""
    return (
        st.none() | st.just(frozenset(values)) | st.frozensets(st.sampled_from(values), min_size=1)
    )


@st.composite
def filters(draw: st.DrawFn, manager_ids: tuple[ca.Id, ...] = tuple(range(1, 9))) -> ca.Filter:
    """Any filter; ``min_duration`` is often 0 (the simplified case); managers from the pool."""
    bounds = st.none() | st.just(0) | st.integers(min_value=0, max_value=4 * 3600)
    low, high = draw(bounds), draw(bounds)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return ca.Filter(
        period=draw(st.none() | periods()),
        entity_types=draw(selections(sorted(ca.CLIENT_CARDS))),
        manager_ids=draw(selections(list(manager_ids))) if manager_ids else None,
        min_duration=low,
        max_duration=high,
        statuses=draw(selections(list(ca.CallStatus))),
        directions=draw(selections(list(ca.Direction))),
    )


@st.composite
def zoned_calls(draw: st.DrawFn) -> ca.Call:
    """A call of the shared strategy, its start moved to an instant in any zone."""
    return attrs.evolve(draw(calls()), started_at=draw(zoned_instants()))


@st.composite
def steered_calls(draw: st.DrawFn, flt: ca.Filter) -> ca.Call:
    """A call that often passes some of *flt*'s checks, so that later checks are reached too.

    Each check the filter sets is, at random, steered (3 times in 4) or left to chance: the
    start put on a bound of the period or inside it, the duration on a bound or next to it,
    the entity, manager, status and direction taken from the selection.
    """
    call = draw(st.one_of(calls(), zoned_calls()))

    def steer() -> bool:
        return draw(st.integers(min_value=0, max_value=3)) > 0  # steered 3 times in 4

    changes: dict[str, Any] = {}
    if flt.period is not None and steer():
        start, end = flt.period.start, flt.period.end
        middle = start.astimezone(UTC) + (end.astimezone(UTC) - start.astimezone(UTC)) / 2
        changes["started_at"] = draw(st.sampled_from([start, end, middle]))
    if flt.entity_types is not None and steer():
        changes["entity_type"] = draw(st.sampled_from(sorted(flt.entity_types)))
        changes["card_id"] = call.card_id or 1
    if flt.manager_ids is not None and steer():
        changes["manager_id"] = draw(st.sampled_from(sorted(flt.manager_ids, key=str)))
    bounds = [b for b in (flt.min_duration, flt.max_duration) if b is not None]
    if bounds and steer():
        near = [b + step for b in bounds for step in (-1, 0, 1)]
        changes["duration"] = draw(st.sampled_from([d for d in near if d >= 0]))
    if flt.statuses is not None and steer():
        changes["status"] = draw(st.sampled_from(sorted(flt.statuses)))
    if flt.directions is not None and steer():
        changes["direction"] = draw(st.sampled_from(sorted(flt.directions)))
    return attrs.evolve(call, **changes)


@st.composite
def filter_and_calls(
    draw: st.DrawFn, manager_ids: tuple[ca.Id, ...] = tuple(range(1, 9)), max_size: int = 25
) -> tuple[ca.Filter, list[ca.Call]]:
    """A filter, and calls steered towards it."""
    flt = draw(filters(manager_ids))
    return flt, draw(st.lists(steered_calls(flt), max_size=max_size, unique_by=lambda c: c.id))
