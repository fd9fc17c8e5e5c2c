"""The dimensions the analyses split the aggregate by (R31, R34, R35, R37).

Each is a :class:`~callanalytics._rules.steps.Dimension`, written once as plain Python (its
``value``), once as an expression the report's generated loop computes in place (its
``inline``), and once over a frame's columns (its ``columns``, rendered by the columnar
engine); property tests keep the three the same.

- :data:`MISSED`: whether the call is an incoming call that was not answered (R31's default
  rule, :func:`missed_by_default`);
- :func:`bucket`: the local day, week (its Monday) or month (its first day) the call started
  in, in the account's timezone (R34); a call is never split at midnight;
- :func:`slot`: the local ``(weekday, hour)`` it started in, weekday 0 being Monday (R35);
- :func:`in_hours`: whether it started within business hours (R37).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Final, Literal, get_args

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus, Direction
from callanalytics._model.hours import BusinessHours
from callanalytics._model.text import parse_zone
from callanalytics._rules.callbacks import is_answered
from callanalytics._rules.steps import ColumnValue, Dimension

if TYPE_CHECKING:
    from callanalytics._model.models import Call

__all__ = [
    "EVERY",
    "MISSED",
    "Every",
    "answered_by_default",
    "bucket",
    "bucket_start",
    "in_hours",
    "local_moment",
    "missed_by_default",
    "slot",
]

Every = Literal["day", "week", "month"]
"""The length of a trend's buckets (R34)."""
EVERY: Final[tuple[Every, ...]] = get_args(Every)

_BACK: Final = tuple(timedelta(days=n) for n in range(7))
"""How far back each weekday's Monday is."""


answered_by_default: Final = is_answered
"""R31's default rule, written once in :func:`~callanalytics._rules.callbacks.is_answered`.

The missed-calls analysis lets the host replace it; the heatmap and the business hours split
count missed calls by this default (the inline form of :data:`MISSED` is the same test, which a
property keeps equal)."""


def missed_by_default(call: Call) -> bool:
    """Whether *call* is missed by R31's default rule: incoming and not answered."""
    return call.direction is Direction.INCOMING and not is_answered(call)


MISSED: Final = Dimension(
    "missed",
    missed_by_default,
    "(c.direction is INCOMING and not "
    "(c.status is missed_talked or (c.status is None and c.duration > 0)))",
    {"missed_talked": CallStatus.TALKED},
    ColumnValue("missed", bool),
)
"""Whether a counted call is missed (R31's default rule)."""


def local_moment(moment: datetime, zone: tzinfo) -> datetime:
    """*moment* on the wall clocks of *zone*, through UTC.

    (``astimezone`` keeps a datetime already in *zone* as it is, even a wall time that a DST
    gap skipped, whose instant lies on the other side of the gap.)
    """
    return moment.astimezone(UTC).astimezone(zone)


def bucket_start(day: date, every: Every) -> date:
    """The first local day of the bucket of *every* that *day* is in (weeks start on Monday).

    >>> bucket_start(date(2026, 12, 31), "week"), bucket_start(date(2026, 12, 31), "month")
    (datetime.date(2026, 12, 28), datetime.date(2026, 12, 1))
    """
    if every == "week":
        return day - _BACK[day.weekday()]
    if every == "month":
        return day.replace(day=1)
    return day


def check_every(value: object) -> Every:
    """*value* if it is ``"day"``, ``"week"`` or ``"month"``."""
    checks.member(value, "every", EVERY)
    return value  # type: ignore[return-value]


def bucket(every: Every, tz: str | tzinfo) -> Dimension:
    """The dimension ``"bucket"``: the first local day of the call's day, week or month (R34).

    >>> from zoneinfo import ZoneInfo
    >>> from callanalytics import Call
    >>> late = Call("a", "inbound", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), 5)
    >>> bucket("day", "Europe/Berlin").value(late), bucket("week", "UTC").value(late)
    (datetime.date(2027, 1, 1), datetime.date(2026, 12, 28))
    """
    every = check_every(every)
    zone = parse_zone("tz", tz)
    day = "c.started_at.astimezone(bucket_utc).astimezone(bucket_zone).date()"
    inline = {
        "day": day,
        "week": f"(bucket_day := {day}) - bucket_back[bucket_day.weekday()]",
        "month": f"{day}.replace(day=1)",
    }[every]

    def value(call: Call) -> date:
        return bucket_start(local_moment(call.started_at, zone).date(), every)

    def finish(day: date) -> date:
        return bucket_start(day, every)

    return Dimension(
        "bucket",
        value,
        inline,
        {"bucket_utc": UTC, "bucket_zone": zone, "bucket_back": _BACK},
        ColumnValue("local", finish, ("date",), zone),
    )


def _weekday_hour(weekday: int, hour: int) -> tuple[int, int]:
    return (weekday, hour)


def slot(tz: str | tzinfo) -> Dimension:
    """The dimension ``"slot"``: the local ``(weekday, hour)`` the call started in (R35).

    >>> from callanalytics import Call
    >>> call = Call("a", "inbound", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), 5)
    >>> slot("Europe/Berlin").value(call)  # Friday, 00:30 in Berlin
    (4, 0)
    """
    zone = parse_zone("tz", tz)

    def value(call: Call) -> tuple[int, int]:
        local = local_moment(call.started_at, zone)
        return (local.weekday(), local.hour)

    return Dimension(
        "slot",
        value,
        "((slot_t := c.started_at.astimezone(slot_utc).astimezone(slot_zone)).weekday(), "
        "slot_t.hour)",
        {"slot_utc": UTC, "slot_zone": zone},
        ColumnValue("local", _weekday_hour, ("weekday", "hour"), zone),
    )


def in_hours(hours: BusinessHours) -> Dimension:
    """The dimension ``"in_hours"``: whether the call started within *hours* (R37)."""
    if not isinstance(hours, BusinessHours):
        raise checks.type_error("hours", "a BusinessHours", hours)

    def value(call: Call) -> bool:
        return hours.contains(call.started_at)

    return Dimension(
        "in_hours",
        value,
        "in_hours_contains(c.started_at)",
        {"in_hours_contains": hours.contains},
        ColumnValue("in_hours", bool, (), hours.tz, hours.week, frozenset(hours.holidays)),
    )
