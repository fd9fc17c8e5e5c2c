"""Durations as HH:MM:SS (R16) and the rounded-up average (R15)."""

from __future__ import annotations

import re

from callanalytics._kit import checks
from callanalytics._kit.checks import whole
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = ["ceil_average", "format_hms", "parse_hms"]

_HMS = re.compile(r"(?P<h>[0-9]{2,})[:/](?P<m>[0-5][0-9])[:/](?P<s>[0-5][0-9])", re.ASCII)


def format_hms(seconds: int) -> str:
    """Format a whole number of seconds as ``HH:MM:SS`` (R16).

    Each part has at least two digits and hours never wrap into days.

    >>> format_hms(3725)
    '01:02:05'
    >>> format_hms(360000)
    '100:00:00'
    """
    seconds = whole(seconds, "seconds", "a whole number of seconds (int)", minimum=0)
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def parse_hms(text: str) -> int:
    """Parse ``HH:MM:SS`` back into seconds; the exact inverse of :func:`format_hms` (R16).

    The original page writes the format as ``ЧЧ/ММ/СС``, so ``/`` is accepted as a separator
    too. Minutes and seconds must be ``00``–``59``; hours have two digits or more.

    >>> parse_hms("01:02:05")
    3725
    >>> parse_hms("100/00/00")
    360000
    """
    if not isinstance(text, str):
        msg = f"'text' must be a str (got {checks.shown(text)} of type {type(text).__name__})."
        raise InvalidTypeError(msg)
    match = _HMS.fullmatch(text.strip())
    if match is None:
        msg = (
            f"'text' must look like HH:MM:SS, with MM and SS in 00..59 (got {checks.shown(text)})."
        )
        raise InvalidValueError(msg)
    try:
        hours = int(match["h"])
    except ValueError:  # more digits than Python converts
        msg = f"'text' has too many digits of hours (got {len(match['h'])} digits)."
        raise InvalidValueError(msg) from None
    return hours * 3600 + int(match["m"]) * 60 + int(match["s"])


def ceil_average(total: int, count: int) -> int:
    """Divide *total* by *count*, rounding up (R15); ``0`` when *count* is ``0``.

    >>> ceil_average(7, 2)
    4
    >>> ceil_average(0, 0)
    0
    """
    total = whole(total, "total", "a whole number (int)", minimum=0)
    count = whole(count, "count", "a whole number (int)", minimum=0)
    if count == 0:
        return 0
    return -(-total // count)
