"""The phone key calls and cards are matched by (R7)."""

from __future__ import annotations

import re
from collections.abc import Callable

from callanalytics._kit import checks
from callanalytics.exceptions import InvalidTypeError

__all__ = ["KEY_DIGITS", "PhoneKey", "normalize_phone"]

PhoneKey = Callable[[str], str]
"""A function from a raw phone number to its matching key; ``""`` means "no key".

A key function must accept any ``str`` without raising and be pure (the same number always
gives the same key): :func:`normalize_phone` (the default) and :func:`e164_key` are two.
"""

KEY_DIGITS = 10
"""amoCRM searches by the last 10 digits of a number (R7)."""

_NOT_DIGIT = re.compile(r"[^0-9]+", re.ASCII)


def normalize_phone(raw: str) -> str:
    """Return the matching key of a phone number: its last 10 ASCII digits (R7).

    A number with fewer than 10 digits (an internal extension) is its own key; a value with no
    digit at all has no key (``""``) and matches nothing. Only the ASCII digits ``0-9`` count
    (not Arabic-Indic or fullwidth ones), and every digit counts, an extension's too. Never
    raises on a ``str``; anything else is an :class:`~callanalytics.InvalidTypeError`.

    >>> normalize_phone("+7 912 345-67-89"), normalize_phone("8 (912) 345 67 89")
    ('9123456789', '9123456789')
    >>> normalize_phone("ext. 204"), normalize_phone("unknown")
    ('204', '')
    """
    if not isinstance(raw, str):
        msg = f"'phone' must be a str (got {checks.shown(raw)} of type {type(raw).__name__})."
        raise InvalidTypeError(msg)
    if raw.isascii() and raw.isdigit():  # the common case: a number stored as digits
        return raw[-KEY_DIGITS:]
    return _NOT_DIGIT.sub("", raw)[-KEY_DIGITS:]
