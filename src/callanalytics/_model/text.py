"""Readers of the values users type or send: whole numbers, ids, durations and timezones.

Every edge that reads outside input — the amoCRM payloads, the call and manager files, the
query parameters of a UI, the command line — reads these values here, so that ``"504141"``
means the same everywhere. Errors name the field as the user sent it and the value as given.
"""

from __future__ import annotations

import re
import sys
from datetime import tzinfo
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callanalytics._model.hms import parse_hms
from callanalytics._model.models import Id
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = ["integer_in", "parse_id", "parse_int", "parse_seconds", "parse_zone"]

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
