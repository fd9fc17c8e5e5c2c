"""Readers of the values users type or send: whole numbers, ids, durations and timezones.

Every edge that reads outside input — the amoCRM payloads, the call and manager files, the
query parameters of a UI, the command line — reads these values here, so that ``"504141"``
means the same everywhere. Errors name the field as the user sent it and the value as given.
"""

from __future__ import annotations

import math
import operator
import re
import sys
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callanalytics._kit import checks
from callanalytics._model.enums import Id
from callanalytics._model.hms import parse_hms
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "absent",
    "integer_in",
    "parse_id",
    "parse_int",
    "parse_seconds",
    "parse_zone",
    "read_flag",
    "read_id",
    "read_int",
    "read_moment",
    "read_seconds",
    "read_text",
    "read_word",
]

_INTEGER: Final = re.compile(r"[+-]?[0-9]+")


def integer_in(field: str, text: str) -> int | None:
    """The whole number *text* spells (a sign, ASCII digits, spaces around), else ``None``.

    >>> integer_in("duration", " -5 "), integer_in("duration", "--5"), integer_in("id", "٥")
    (-5, None, None)
    """
    core = text.strip()
    if _INTEGER.fullmatch(core) is None:
        return None
    try:
        return int(core)
    except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits())
        limit, digits = sys.get_int_max_str_digits(), len(core.lstrip("+-"))
        raise InvalidValueError.from_parts(
            "{field!r} must be a whole number of at most {limit} digits (got {digits} digits).",
            field=field,
            limit=str(limit),
            digits=str(digits),
        ) from None


def parse_int(field: str, value: object, *, minimum: int | None = None) -> int:
    """A whole number: a JSON number without a fraction, or text that :func:`integer_in` reads.

    >>> parse_int("duration", "61"), parse_int("duration", 61.0)
    (61, 61)
    >>> parse_int("duration", "-3", minimum=0)
    Traceback (most recent call last):
    ...
    callanalytics.exceptions.InvalidValueError: 'duration' must be >= 0 (got '-3').
    """
    number: int | None = None
    if isinstance(value, bool) or _numpy_bool(value):
        raise InvalidTypeError.from_parts(  # numpy's bool too, named as Python's
            checks.TYPE_ERROR,
            field=field,
            expected="a whole number",
            value=checks.shown(value),
            kind="bool",
        )
    if isinstance(value, int):
        number = value
    elif hasattr(type(value), "__index__") and not isinstance(value, str | float):
        number = operator.index(value)  # type: ignore[arg-type]  # numpy's integers
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        number = integer_in(field, value)
    if number is None:
        kind = InvalidValueError if isinstance(value, str | float) else InvalidTypeError
        raise kind.from_parts(
            checks.VALUE_ERROR, field=field, must="be a whole number", value=checks.shown(value)
        )
    if minimum is not None and number < minimum:
        raise checks.value_error(field, f"be >= {minimum}", value)
    return checks.printable(number, field, value)


def parse_id(field: str, value: object) -> Id:
    """An id: a whole number (see :func:`parse_int`) is an ``int`` >= 0, other text a stripped str.

    >>> parse_id("manager_id", " 504141 "), parse_id("manager_id", "+7"), parse_id("x", " anna ")
    (504141, 7, 'anna')
    >>> parse_id("call_responsible", "-3")
    Traceback (most recent call last):
    ...
    callanalytics.exceptions.InvalidValueError: 'call_responsible' must be >= 0 (got '-3').
    """
    if isinstance(value, str) and integer_in(field, value) is None:
        if not value.strip():
            raise checks.value_error(field, "be a non-empty string", value)
        return value.strip()
    integral = hasattr(type(value), "__index__") and not _numpy_bool(value)
    if isinstance(value, bool) or not (isinstance(value, int | float | str) or integral):
        raise checks.type_error(field, "a number or a string", value)
    return parse_int(field, value, minimum=0)


def parse_seconds(field: str, value: object) -> int:
    """A duration: a whole number of seconds (as :func:`parse_int` reads it) or ``HH:MM:SS`` (R16).

    >>> parse_seconds("min_duration", "90"), parse_seconds("min_duration", "01:02:05")
    (90, 3725)
    """
    if isinstance(value, str) and integer_in(field, value) is None:
        text = value.strip()
        if _SHORT_HMS.fullmatch(text):  # a spreadsheet's 0:01:05
            text = "0" + text
        try:
            return parse_hms(text)
        except ValueError:  # also a plain one: hours of more digits than int() converts
            must = "be a whole number of seconds or HH:MM:SS"
            raise checks.value_error(field, must, value) from None
    if isinstance(value, timedelta):  # a host's duration (pandas' Timedelta too)
        seconds, rest = divmod(value, timedelta(seconds=1))
        if rest:
            raise checks.value_error(field, "be a whole number of seconds", value)
        return int(seconds)
    return parse_int(field, value)


def parse_zone(field: str, tz: object) -> tzinfo:
    """A timezone: a tzinfo as it is, or a zoneinfo key such as ``"Europe/Moscow"``.

    >>> parse_zone("tz", "Europe/Moscow")
    zoneinfo.ZoneInfo(key='Europe/Moscow')
    """
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str):
        raise checks.type_error(field, "a zoneinfo key (str) or a tzinfo", tz)
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        must = "be a known zoneinfo key such as 'Europe/Moscow'"
        raise checks.value_error(field, must, tz) from None


# ---------------------------------------------------------------------------------------------
# The lenient conversions of the call schema: a value as a file or a host holds it, to what
# the constructor takes. Each is ``read(value, field)``; "not set" is decided before (absent).

_TRUE: Final = frozenset({"true", "1", "yes", "y", "да"})
_FALSE: Final = frozenset({"false", "0", "no", "n", "нет"})
_ABSENT_TYPES: Final = frozenset({"NAType", "NaTType"})
"""The types of pandas' "no value" markers, known by name: pandas is not imported."""
_SHORT_HMS: Final = re.compile(r"[0-9]:[0-5][0-9]:[0-5][0-9]")
_DAY_FIRST: Final = re.compile(
    r"(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})"
    r"(?:[ T](?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2}))?)?"
)
"""A date as Russian spreadsheets write it: 26.11.2026 12:00:05 (seconds optional)."""


def _numpy_bool(value: object) -> bool:
    kind = type(value)
    return kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")


def absent(value: object) -> bool:
    """Whether a file or a host leaves the value unset.

    ``None``, blank text, a float NaN (what pandas puts in a gap of numbers), and pandas'
    ``NA`` and ``NaT`` are "not set".

    >>> absent(None), absent("  "), absent(float("nan")), absent(0)
    (True, True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in _ABSENT_TYPES


def read_text(value: object, field: str) -> str:
    """Text as it is; a whole number (a phone number written as a JSON number) as its digits.

    A float that holds a whole number (a phone in a spreadsheet's numeric column) is its
    digits too.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if hasattr(type(value), "__index__") and not isinstance(value, bool) and not _numpy_bool(value):
        number = operator.index(value)  # type: ignore[arg-type]
        return str(checks.printable(number, field, value))  # 5,000 digits: no str()
    raise checks.type_error(field, "a string", value)


def read_word(value: object, field: str) -> str:
    """Text without the spaces around it: an id, a direction, an entity type."""
    return read_text(value, field).strip()


def read_id(value: object, field: str) -> Id:
    """An id as :func:`parse_id` reads it: ``"504141"`` and ``504141`` are one id."""
    return parse_id(field, value)


def read_int(value: object, field: str) -> int:
    """A whole number as :func:`parse_int` reads it (``"4"``, ``4.0``)."""
    return parse_int(field, value)


def read_seconds(value: object, field: str) -> int:
    """A duration as :func:`parse_seconds` reads it: seconds or ``HH:MM:SS``."""
    return parse_seconds(field, value)


def read_flag(value: object, field: str) -> bool:
    """``true``/``false``, ``1``/``0``, ``yes``/``no``, ``да``/``нет`` (any case), or a ``bool``."""
    if isinstance(value, bool):
        return value
    if _numpy_bool(value):
        return bool(value)
    word = str(value).strip().lower() if isinstance(value, str | int) else None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise checks.value_error(field, "be true or false", value)


def read_moment(value: object, field: str, tz: tzinfo | None = None) -> datetime:
    """A date and time: ISO 8601 or day-first (``26.11.2026 12:00:05``), or a ``datetime``.

    A time written without an offset is a wall time of *tz*, the account's zone; without
    *tz* it names no instant and is an error. A wall time repeated by a fall-back (DST) is
    read as its first occurrence; one skipped by a spring-forward as if the clock had not
    moved (as :mod:`zoneinfo` reads it).
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        moment = _parse_moment(value.strip(), field, value)
    else:
        raise checks.type_error(field, "an ISO 8601 date and time with a UTC offset", value)
    if moment.tzinfo is None or moment.utcoffset() is None:
        if tz is None:
            raise checks.value_error(
                field,
                "have a UTC offset, e.g. 2026-11-02T09:30:00+03:00, or be read with the "
                "account's timezone (tz=, --tz): a time without one names no instant",
                value,
            )
        moment = moment.replace(tzinfo=tz)
    try:
        moment.astimezone(UTC)  # the report compares instants in UTC
    except (OverflowError, ValueError):
        must = "be an instant between years 1 and 9999 in UTC"
        raise checks.value_error(field, must, value) from None
    return moment


def _parse_moment(text: str, field: str, value: object) -> datetime:
    match = _DAY_FIRST.fullmatch(text)
    try:
        if match is not None:
            parts = match.groupdict()
            return datetime(
                int(parts["y"]),
                int(parts["m"]),
                int(parts["d"]),
                int(parts["H"] or 0),
                int(parts["M"] or 0),
                int(parts["S"] or 0),
            )
        return datetime.fromisoformat(text)
    except ValueError:
        must = "be 26.11.2026 12:00:05 or an ISO 8601 date and time with a UTC offset"
        raise checks.value_error(field, must, value) from None
