"""Readers of the values users type or send: whole numbers, ids, durations and timezones.

Every edge that reads outside input — the amoCRM payloads, the call and manager files, the
query parameters of a UI, the command line — reads these values here, so that ``"504141"``
means the same everywhere. Errors name the field as the user sent it and the value as given.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime, tzinfo
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
        msg = f"{field!r} must be a whole number of at most {limit} digits (got {digits} digits)."
        raise InvalidValueError(msg) from None


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
    if isinstance(value, bool):
        msg = f"{field!r} must be a whole number (got {value!r} of type bool)."
        raise InvalidTypeError(msg)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        number = integer_in(field, value)
    if number is None:
        msg = f"{field!r} must be a whole number (got {value!r})."
        raise InvalidValueError(msg) if isinstance(value, str | float) else InvalidTypeError(msg)
    if minimum is not None and number < minimum:
        msg = f"{field!r} must be >= {minimum} (got {value!r})."
        raise InvalidValueError(msg)
    return number


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
            msg = f"{field!r} must be a non-empty string (got {value!r})."
            raise InvalidValueError(msg)
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        kind = type(value).__name__
        msg = f"{field!r} must be a number or a string (got {value!r} of type {kind})."
        raise InvalidTypeError(msg)
    return parse_int(field, value, minimum=0)


def parse_seconds(field: str, value: object) -> int:
    """A duration: a whole number of seconds (as :func:`parse_int` reads it) or ``HH:MM:SS`` (R16).

    >>> parse_seconds("min_duration", "90"), parse_seconds("min_duration", "01:02:05")
    (90, 3725)
    """
    if isinstance(value, str) and integer_in(field, value) is None:
        try:
            return parse_hms(value)
        except ValueError:  # also a plain one: hours of more digits than int() converts
            msg = f"{field!r} must be a whole number of seconds or HH:MM:SS (got {value!r})."
            raise InvalidValueError(msg) from None
    return parse_int(field, value)


def parse_zone(field: str, tz: object) -> tzinfo:
    """A timezone: a tzinfo as it is, or a zoneinfo key such as ``"Europe/Moscow"``.

    >>> parse_zone("tz", "Europe/Moscow")
    zoneinfo.ZoneInfo(key='Europe/Moscow')
    """
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str):
        kind = type(tz).__name__
        msg = f"{field!r} must be a zoneinfo key (str) or a tzinfo (got {tz!r} of type {kind})."
        raise InvalidTypeError(msg)
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        msg = f"{field!r} must be a known zoneinfo key such as 'Europe/Moscow' (got {tz!r})."
        raise InvalidValueError(msg) from None


# ---------------------------------------------------------------------------------------------
# The lenient conversions of the call schema: a value as a file or a host holds it, to what
# the constructor takes. Each is ``read(value, field)``; "not set" is decided before (absent).

_TRUE: Final = frozenset({"true", "1", "yes", "y"})
_FALSE: Final = frozenset({"false", "0", "no", "n"})


def absent(value: object) -> bool:
    """Whether a file or a host leaves the value unset: ``None`` or blank text.

    >>> absent(None), absent("  "), absent(0)
    (True, True, False)
    """
    return value is None or (isinstance(value, str) and not value.strip())


def read_text(value: object, field: str) -> str:
    """Text as it is; a whole number (a phone number written as a JSON number) as its digits."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
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
    """``true``/``false``, ``1``/``0``, ``yes``/``no`` (any case), or a ``bool``."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, str | int) else None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise checks.value_error(field, "be true or false", value)


def read_moment(value: object, field: str) -> datetime:
    """An ISO 8601 date and time with a UTC offset; an aware ``datetime`` as it is."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise checks.type_error(field, "an ISO 8601 date and time with a UTC offset", value)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise checks.value_error(
            field, "be an ISO 8601 date and time with a UTC offset", value
        ) from None
    if moment.tzinfo is None:
        raise checks.value_error(
            field,
            "have a UTC offset, e.g. 2026-11-02T09:30:00+03:00: a time without one names no "
            "instant",
            value,
        )
    try:
        moment.astimezone(UTC)  # the report compares instants in UTC
    except OverflowError:
        must = "be an instant between years 1 and 9999 in UTC"
        raise checks.value_error(field, must, value) from None
    return moment
