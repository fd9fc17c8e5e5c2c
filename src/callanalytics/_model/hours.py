"""Business hours: a weekly schedule in the account's timezone, with holidays (R37)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from callanalytics._kit import checks
from callanalytics._model.text import parse_zone
from callanalytics.exceptions import InvalidValueError

__all__ = ["BusinessHours", "zone_key"]

_DAY_SECONDS: Final = 86400
Interval = tuple[int, int]
"""``[start, end)`` in seconds after local midnight; ``end`` may be 86400 (``"24:00"``)."""


def zone_key(field: str, zone: dt.tzinfo) -> str:
    """The IANA key of *zone* (``"UTC"`` for UTC), which frame libraries name zones by.

    >>> from zoneinfo import ZoneInfo
    >>> zone_key("tz", ZoneInfo("Europe/Berlin")), zone_key("tz", dt.UTC)
    ('Europe/Berlin', 'UTC')
    """
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    if zone is dt.UTC:
        return "UTC"
    msg = (
        f"{field!r} must be a zoneinfo zone (e.g. 'Europe/Berlin') for a data frame: frame "
        f"libraries know zones by name (got {checks.shown(zone)})."
    )
    raise InvalidValueError(msg)


def _seconds(value: object, field: str, *, end: bool) -> int:
    """A wall-clock time as seconds after midnight: a ``time`` or ``"HH:MM[:SS]"``.

    ``"24:00"`` is the end of the day, allowed as an interval's end only.
    """
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise checks.value_error(field, "be a wall-clock time without a timezone", value)
        return value.hour * 3600 + value.minute * 60 + value.second
    if not isinstance(value, str):
        raise checks.type_error(field, "a datetime.time or an 'HH:MM' string", value)
    if end and value.strip() in ("24:00", "24:00:00"):
        return _DAY_SECONDS
    try:
        wall = dt.time.fromisoformat(value.strip())
    except ValueError:
        raise checks.value_error(field, "be a time 'HH:MM' or 'HH:MM:SS'", value) from None
    if wall.tzinfo is not None or wall.microsecond:
        raise checks.value_error(field, "be a time 'HH:MM' or 'HH:MM:SS'", value)
    return wall.hour * 3600 + wall.minute * 60 + wall.second


def _intervals(value: object, day: int) -> tuple[Interval, ...]:
    """One weekday's intervals, sorted; each ``start < end``, none overlapping another."""
    field = f"week[{day}]"
    pairs = []
    for pair in checks.iterable(value, field, "(start, end) pair"):
        if isinstance(pair, str) or not isinstance(pair, tuple | list) or len(pair) != 2:
            raise checks.type_error(field, "(start, end) pairs", pair)
        start = _seconds(pair[0], field, end=False)
        finish = _seconds(pair[1], field, end=True)
        if start >= finish:
            raise checks.value_error(field, "hold intervals whose start is before their end", pair)
        pairs.append((start, finish))
    pairs.sort()
    for (_, end), (start, _) in itertools.pairwise(pairs):
        if start < end:
            raise checks.value_error(field, "hold intervals that do not overlap", value)
    return tuple(pairs)


def _week(value: object) -> tuple[tuple[Interval, ...], ...]:
    """The schedule as seven days (0 is Monday) of intervals; a day not given has none."""
    if not isinstance(value, Mapping):
        raise checks.type_error("week", "a mapping of weekdays (0 is Monday) to intervals", value)
    days: list[tuple[Interval, ...]] = [()] * 7
    for day, intervals in value.items():
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
            raise checks.value_error("week", "be keyed by weekdays 0..6 (0 is Monday)", day)
        days[day] = _intervals(intervals, day)
    return tuple(days)


def _holidays(value: object) -> frozenset[dt.date]:
    days = frozenset(checks.iterable(value, "holidays", "date"))
    for day in days:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise checks.type_error("holidays", "dates (not datetimes)", day)
    return days


def _zone(value: object) -> dt.tzinfo:
    return parse_zone("tz", value)


@attrs.frozen
class BusinessHours:
    """A weekly schedule of business hours in the account's timezone, with holidays (R37).

    A call is *in hours* when its start, on the wall clocks of :attr:`tz`, falls on a day that
    is not a holiday, within one of that weekday's ``[start, end)`` intervals. The schedule is
    read in wall-clock time, so on a DST day "09:00–18:00" is still nine o'clock to six.

    >>> from datetime import date, datetime, timezone
    >>> hours = BusinessHours.weekdays("09:00", "18:00", tz="Europe/Berlin",
    ...                                holidays=[date(2026, 12, 25)])
    >>> hours.contains(datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc))  # 09:30 in Berlin
    True
    >>> hours.contains(datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc))  # 18:00: closed
    False
    >>> hours.contains(datetime(2026, 12, 25, 10, 0, tzinfo=timezone.utc))  # a holiday
    False

    Attributes:
        week: Per weekday (0 is Monday, 6 is Sunday), the ``[start, end)`` intervals in
            seconds after local midnight; construct it from a mapping of weekdays to pairs of
            ``datetime.time`` or ``"HH:MM"`` (``"24:00"`` as an end: until midnight).
        tz: The account's timezone: a zoneinfo key or a tzinfo.
        holidays: Local dates with no business hours at all.
    """

    week: tuple[tuple[Interval, ...], ...] = attrs.field(converter=_week)
    tz: dt.tzinfo = attrs.field(kw_only=True, converter=_zone)
    holidays: frozenset[dt.date] = attrs.field(
        default=frozenset(), kw_only=True, converter=_holidays
    )

    @classmethod
    def weekdays(
        cls,
        start: str | dt.time = "09:00",
        end: str | dt.time = "18:00",
        *,
        tz: str | dt.tzinfo,
        holidays: Iterable[dt.date] = (),
        days: Iterable[int] = range(5),
    ) -> BusinessHours:
        """The same hours on each of *days* (Monday to Friday by default).

        >>> BusinessHours.weekdays(tz="UTC").week[0], BusinessHours.weekdays(tz="UTC").week[5]
        (((32400, 64800),), ())
        """
        return cls({day: [(start, end)] for day in days}, tz=tz, holidays=holidays)

    def contains(self, moment: dt.datetime) -> bool:
        """Whether *moment* (an aware datetime) is within business hours."""
        local = checks.moment(moment, "moment").astimezone(dt.UTC).astimezone(self.tz)
        if local.date() in self.holidays:
            return False
        second = local.hour * 3600 + local.minute * 60 + local.second
        return any(start <= second < end for start, end in self.week[local.weekday()])
