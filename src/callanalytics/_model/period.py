"""Periods of time for the date filter (R18).

A :class:`Period` is a half-open interval ``[start, end)`` of absolute time. The calendar
periods of the report (today, last week, this quarter, ...) are computed on local dates in the
account's timezone and only then turned into instants, so a DST day lasts 23 or 25 hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final, Literal, get_args

import attrs
from dateutil.relativedelta import MO, relativedelta

from callanalytics._kit import checks
from callanalytics._model.text import parse_zone
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = ["PRESET_NAMES", "Period", "PeriodUnit", "PresetName"]

PeriodUnit = Literal["day", "week", "month", "quarter", "year"]
"""The calendar unit a period is made of."""

PresetName = Literal[
    "today",
    "yesterday",
    "this_week",
    "last_week",
    "this_month",
    "last_month",
    "this_quarter",
    "this_year",
    "last_7_days",
    "last_30_days",
]
"""The name of a ready-made period of the report's date filter."""

PRESET_NAMES: Final[tuple[PresetName, ...]] = get_args(PresetName)
"""Every preset name, in the order the report's date filter lists them."""

_STEP: Final[dict[PeriodUnit, relativedelta]] = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}
_UTC: Final = dt.UTC
_DAY: Final = dt.timedelta(days=1)
_RANGE_ERRORS: Final = (OverflowError, ValueError)
"""What date arithmetic raises beyond the years 1..9999 that :mod:`datetime` holds."""


def _monday(today: dt.date) -> dt.date:
    """The Monday of the week of *today* (weeks start on Monday)."""
    return today + relativedelta(weekday=MO(-1))


_PRESETS: Final[dict[str, tuple[Callable[[dt.date], dt.date], PeriodUnit, int]]] = {
    "today": (lambda today: today, "day", 1),
    "yesterday": (lambda today: today - _DAY, "day", 1),
    "this_week": (_monday, "week", 1),
    "last_week": (lambda today: _monday(today) - relativedelta(weeks=1), "week", 1),
    "this_month": (lambda today: today.replace(day=1), "month", 1),
    "last_month": (lambda today: today.replace(day=1) - relativedelta(months=1), "month", 1),
    "this_quarter": (
        lambda today: today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1),
        "quarter",
        1,
    ),
    "this_year": (lambda today: today.replace(month=1, day=1), "year", 1),
    "last_7_days": (lambda today: today - relativedelta(days=6), "day", 7),
    "last_30_days": (lambda today: today - relativedelta(days=29), "day", 30),
}
"""Each preset's first day (from *today*, the local date of ``now``), unit and count."""


def _beyond(name: str, value: object, zone: dt.tzinfo) -> InvalidValueError:
    """The error for a period that *name* = *value* would put beyond datetime's years."""
    must = f"leave the period within the years 1..9999 that datetime holds, in {zone}"
    return checks.value_error(name, must, value)


def _check_date(name: str, value: object) -> dt.date:
    """Return ``value`` if it is a calendar date (a datetime is not one), else raise."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        kind = type(value).__name__
        msg = (
            f"{name!r} must be a date (not a datetime) (got {checks.shown(value)} of type {kind})."
        )
        raise InvalidTypeError(msg)
    return value


def _utc(moment: dt.datetime) -> dt.datetime:
    """The same instant in UTC, so that comparing and subtracting use absolute time.

    (Python compares and subtracts two datetimes sharing one tzinfo by wall time.)
    """
    return moment.astimezone(_UTC)


def _local_date(moment: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """The date of ``moment`` on the wall clocks of ``zone``.

    Through UTC: ``astimezone`` returns a datetime already in ``zone`` unchanged, even a wall
    time that a DST gap skipped, whose instant lies on the other side of the gap.
    """
    return _utc(moment).astimezone(zone).date()


def _first_instant(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """The first instant of the local ``day`` in ``zone``, expressed in ``zone``.

    That is local midnight; when midnight is repeated (a fall-back at 01:00 to 00:00), its
    first occurrence. When midnight does not exist (a spring-forward at 00:00, as in
    America/Santiago, America/Havana or Asia/Beirut), it is the moment of the transition:
    the first instant whose local date is ``day`` (e.g. 01:00).
    """
    wall = dt.datetime.combine(day, dt.time())
    midnight = wall.replace(tzinfo=zone)
    if _utc(midnight).astimezone(zone).replace(tzinfo=None) == wall:
        return midnight
    # In a gap, zoneinfo's two folds read the wall time with the offsets before and after
    # the transition: the earlier instant is still on the day before, the later one already
    # on ``day``. dateutil's zones read both with the offset after it, an instant on the day
    # before: then the search runs to the end of ``day``. The first instant of ``day`` lies
    # between, found to the second.
    before, after = sorted((_utc(midnight.replace(fold=1)), _utc(midnight)))
    if _local_date(after, zone) < day:
        after = _utc(dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=zone))
    second = dt.timedelta(seconds=1)
    while after - before > second:
        middle = before + max((after - before) // 2 // second, 1) * second
        if _local_date(middle, zone) < day:
            before = middle
        else:
            after = middle
    return after.astimezone(zone)


def _is_unit_start(day: dt.date, unit: PeriodUnit) -> bool:
    """Whether a period of ``unit`` may start on ``day`` (weeks start on Monday)."""
    return _UNIT_STARTS[unit](day)


_UNIT_STARTS: Final[dict[PeriodUnit, Callable[[dt.date], bool]]] = {
    "day": lambda day: True,
    "week": lambda day: day.weekday() == 0,
    "month": lambda day: day.day == 1,
    "quarter": lambda day: day.day == 1 and day.month in {1, 4, 7, 10},
    "year": lambda day: day.day == 1 and day.month == 1,
}
"""Whether a period of each unit may start on a day."""


def _check_instant(name: str, value: object) -> dt.datetime:
    """*value* in UTC, if it is an aware datetime that UTC can express (years 1..9999)."""
    return _utc(checks.moment(value, name))


def _check_end(instance: Period, attribute: attrs.Attribute[dt.datetime], end: object) -> None:
    """Check ``end``: aware, and strictly after ``start``."""
    if _check_instant(attribute.name, end) <= _utc(instance.start):
        msg = f"'end' must be after 'start' (got start={instance.start}, end={end})."
        raise InvalidValueError(msg)


def _check_start(_: Period, attribute: attrs.Attribute[dt.datetime], start: object) -> None:
    """Check ``start``: an aware datetime that UTC can express."""
    _check_instant(attribute.name, start)


def day_bounds(
    first: dt.date,
    last: dt.date,
    zone: dt.tzinfo,
    *,
    names: tuple[str, str] = ("first", "last"),
    shown: tuple[object, object] | None = None,
) -> tuple[dt.datetime, dt.datetime]:
    """The first instants of local day *first* and of the day after *last* in *zone*.

    A bound beyond the years datetime holds is an error naming ``names`` and ``shown``
    (by default the days themselves), so a caller can name its own parameters.
    """
    shown = (first, last) if shown is None else shown
    try:
        start = _first_instant(first, zone)
    except _RANGE_ERRORS:
        raise _beyond(names[0], shown[0], zone) from None
    try:
        end = _first_instant(last + _DAY, zone)
    except _RANGE_ERRORS:
        raise _beyond(names[1], shown[1], zone) from None
    return start, end


@attrs.frozen(repr=False)
class Period:
    """A half-open interval ``[start, end)`` of absolute time (R18).

    >>> from datetime import datetime, timezone
    >>> jan = Period(
    ...     datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2026, 2, 1, tzinfo=timezone.utc)
    ... )
    >>> datetime(2026, 1, 31, 23, 59, tzinfo=timezone.utc) in jan
    True
    >>> datetime(2026, 2, 1, tzinfo=timezone.utc) in jan
    False

    ``start`` belongs to the period, ``end`` does not, so consecutive periods tile without
    gaps or overlaps. Build calendar periods with :meth:`preset` and :meth:`days`: they also
    record the account's timezone and the calendar shape they were built with (``tz``,
    ``unit``, ``count``), which :meth:`previous` uses. That record takes no part in equality:
    two periods are equal when they cover the same instants.

    Attributes:
        start: The first instant of the period; a timezone-aware datetime.
        end: The first instant after the period; timezone-aware and after ``start``.
        tz: The account's timezone, for a calendar period; ``None`` otherwise.
        unit: The calendar unit of a calendar period: ``day``, ``week`` (from Monday),
            ``month``, ``quarter`` or ``year``; ``None`` otherwise.
        count: How many units the calendar period spans; ``None`` otherwise.

    Raises:
        InvalidTypeError: ``start`` or ``end`` is not a datetime; a record field has the
            wrong type.
        InvalidValueError: ``start`` or ``end`` is naive, or outside the years 1..9999 in
            UTC; ``end`` is not after ``start``; the record is partial, or does not describe
            ``[start, end)``.
    """

    start: dt.datetime = attrs.field(validator=_check_start, eq=_utc)
    end: dt.datetime = attrs.field(validator=_check_end, eq=_utc)
    tz: dt.tzinfo | None = attrs.field(default=None, eq=False, kw_only=True)
    unit: PeriodUnit | None = attrs.field(default=None, eq=False, kw_only=True)
    count: int | None = attrs.field(default=None, eq=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Check the calendar record: all three fields or none, describing ``[start, end)``."""
        if self.tz is None and self.unit is None and self.count is None:
            return
        if self.tz is None or self.unit is None or self.count is None:
            msg = (
                "'tz', 'unit' and 'count' must be given together or not at all"
                f" (got tz={checks.shown(self.tz)}, unit={checks.shown(self.unit)},"
                f" count={checks.shown(self.count)})."
            )
            raise InvalidValueError(msg)
        tz: object = self.tz  # the annotations are promises the caller may not keep
        count: object = self.count
        if not isinstance(tz, dt.tzinfo):
            msg = f"'tz' must be a tzinfo (got {checks.shown(tz)} of type {type(tz).__name__})."
            raise InvalidTypeError(msg)
        if self.unit not in _STEP:
            msg = f"'unit' must be one of {', '.join(_STEP)} (got {checks.shown(self.unit)})."
            raise InvalidValueError(msg)
        if isinstance(count, bool) or not isinstance(count, int):
            msg = (
                f"'count' must be an int "
                f"(got {checks.shown(count)} of type {type(count).__name__})."
            )
            raise InvalidTypeError(msg)
        if count < 1:
            msg = f"'count' must be >= 1 (got {checks.shown(count)})."
            raise InvalidValueError(msg)
        try:
            first = _local_date(self.start, tz)
            bounds = (
                _first_instant(first, tz),
                _first_instant(first + _STEP[self.unit] * count, tz),
            )
        except _RANGE_ERRORS:  # then these bounds are not this period's
            bounds = None
        if not (
            bounds is not None
            and _is_unit_start(first, self.unit)
            and _utc(self.start) == _utc(bounds[0])
            and _utc(self.end) == _utc(bounds[1])
        ):
            msg = (
                f"'start' and 'end' must bound {count} whole calendar {self.unit}(s) in {tz}"
                f" (got start={self.start}, end={self.end})."
            )
            raise InvalidValueError(msg)

    @classmethod
    def preset(cls, name: str, *, now: dt.datetime, tz: str | dt.tzinfo) -> Period:
        """The ready-made period ``name`` of the report's date filter, as of ``now`` in ``tz``.

        >>> from datetime import datetime, timezone
        >>> now = datetime(2026, 3, 31, 22, 30, tzinfo=timezone.utc)  # 1 April in Moscow
        >>> print(Period.preset("this_month", now=now, tz="Europe/Moscow"))
        [2026-04-01 00:00:00+03:00, 2026-05-01 00:00:00+03:00)
        >>> print(Period.preset("last_7_days", now=now, tz="Europe/Moscow"))
        [2026-03-26 00:00:00+03:00, 2026-04-02 00:00:00+03:00)

        Each preset is a run of whole local days of ``tz``, from local midnight to local
        midnight, with ``today`` the local date of ``now``:

        ``today``, ``yesterday``
            that day.
        ``this_week``, ``last_week``
            the week (Monday to Sunday) of today, the week before it.
        ``this_month``, ``last_month``
            the calendar month of today, the whole month before it.
        ``this_quarter``, ``this_year``
            the calendar quarter (from January, April, July, October) and year of today.
        ``last_7_days``, ``last_30_days``
            the 7 (30) days that end with today, today included.

        The ``this_*`` periods cover the whole unit, up to its end, not only up to ``now``:
        calls cannot lie in the future, so the counts are the same and the period is stable.
        On a DST change a day lasts 23 or 25 hours; where a DST gap skips local midnight
        (clocks jumping from 00:00 to 01:00), the day starts at its first instant, 01:00.

        Args:
            name: One of :data:`PRESET_NAMES`.
            now: The current moment, timezone-aware in any zone (the library never reads
                the clock).
            tz: The account's timezone: a zoneinfo key such as ``"Europe/Moscow"``, or a
                tzinfo. The period's ``start`` and ``end`` are expressed in it.

        Returns:
            The period, recording ``tz`` and its calendar shape for :meth:`previous`.

        Raises:
            InvalidTypeError: ``now`` is not a datetime; ``tz`` is neither a key nor a tzinfo.
            InvalidValueError: ``name`` is not a preset; ``now`` is naive, or puts the period
                beyond the years 1..9999 that datetime holds; ``tz`` is not a known key.
        """
        checks.member(name, "name", PRESET_NAMES, f"one of {', '.join(PRESET_NAMES)}")
        zone = parse_zone("tz", tz)
        checks.moment(now, "now")
        first_day, unit, count = _PRESETS[name]
        try:
            first = first_day(_local_date(now, zone))
            start = _first_instant(first, zone)
            end = _first_instant(first + _STEP[unit] * count, zone)
        except _RANGE_ERRORS:
            raise _beyond("now", now, zone) from None
        return cls(start, end, tz=zone, unit=unit, count=count)

    @classmethod
    def days(cls, first: dt.date, last: dt.date, *, tz: str | dt.tzinfo) -> Period:
        """The whole local days ``first`` to ``last`` of ``tz``, both included.

        >>> from datetime import date
        >>> print(Period.days(date(2026, 3, 29), date(2026, 3, 29), tz="Europe/Berlin"))
        [2026-03-29 00:00:00+01:00, 2026-03-30 00:00:00+02:00)

        Args:
            first: The first day, a :class:`~datetime.date` (not a datetime).
            last: The last day, included; not before ``first``.
            tz: The account's timezone: a zoneinfo key or a tzinfo.

        Returns:
            The period from local midnight of ``first`` to local midnight after ``last``.

        Raises:
            InvalidTypeError: ``first`` or ``last`` is not a date; ``tz`` has the wrong type.
            InvalidValueError: ``last`` is before ``first``; ``tz`` is not a known key;
                ``first`` or ``last`` puts a bound beyond the years 1..9999 (named so).
        """
        _check_date("first", first)
        _check_date("last", last)
        if last < first:
            msg = f"'last' must not be before 'first' (got first={first}, last={last})."
            raise InvalidValueError(msg)
        zone = parse_zone("tz", tz)
        start, end = day_bounds(first, last, zone)
        return cls(start, end, tz=zone, unit="day", count=(last - first).days + 1)

    @property
    def duration(self) -> dt.timedelta:
        """The length of the period in absolute time (a DST day lasts 23 or 25 hours)."""
        return _utc(self.end) - _utc(self.start)

    def previous(self) -> Period:
        """The period of the same shape that ends where this one starts.

        A calendar period gives the same number of its units just before: the day before a
        day, the week before a week, the whole calendar month before a month, the quarter
        or year before, the N days before N days. A period without a calendar record gives
        the same duration just before. Either way ``p.previous().end == p.start``.

        >>> from datetime import datetime, timezone
        >>> now = datetime(2026, 3, 31, 12, tzinfo=timezone.utc)
        >>> print(Period.preset("this_month", now=now, tz="Europe/Moscow").previous())
        [2026-02-01 00:00:00+03:00, 2026-03-01 00:00:00+03:00)

        Raises:
            InvalidValueError: The period before would start before year 1 (names ``start``).
        """
        try:
            if self.tz is None or self.unit is None or self.count is None:
                return Period(
                    (_utc(self.start) - self.duration).astimezone(self.start.tzinfo), self.start
                )
            first = _local_date(self.start, self.tz) - _STEP[self.unit] * self.count
            start = _first_instant(first, self.tz)
        except _RANGE_ERRORS:
            msg = (
                "'start' must leave room for the period before it within the years 1..9999 "
                f"that datetime holds (got start={self.start})."
            )
            raise InvalidValueError(msg) from None
        return Period(start, self.start, tz=self.tz, unit=self.unit, count=self.count)

    def __contains__(self, moment: object) -> bool:
        """Whether the aware datetime ``moment`` is in ``[start, end)``."""
        instant = checks.moment(moment, "moment")
        # Bounds in UTC: two datetimes sharing a tzinfo would be compared by wall time.
        return _utc(self.start) <= instant < _utc(self.end)

    def __str__(self) -> str:
        return f"[{self.start}, {self.end})"

    def __repr__(self) -> str:
        shape = "" if self.unit is None else f" {self.count} {self.unit}(s) in {self.tz}"
        return f"<Period [{self.start.isoformat()}, {self.end.isoformat()}){shape}>"
