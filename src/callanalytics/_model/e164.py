"""An E.164 matching key backed by ``phonenumbers`` (the optional extra ``phone``, R7)."""

from __future__ import annotations

from functools import lru_cache

from callanalytics._kit import checks
from callanalytics._model.phone import PhoneKey, normalize_phone
from callanalytics.exceptions import InvalidTypeError, InvalidValueError, MissingExtraError

__all__ = ["E164_CACHE_SIZE", "e164_key"]

E164_CACHE_SIZE = 1 << 16
"""How many distinct numbers one :func:`e164_key` remembers (parsing one costs ~30 µs)."""


def e164_key(default_region: str = "RU") -> PhoneKey:
    """A matching key that reads each number as E.164 (``+79123456789``) with ``phonenumbers``.

    Numbers without a ``+`` are read as dialled in *default_region*, so its trunk prefix goes
    (the Russian ``8``: ``8 912 345-67-89`` is ``+79123456789``, ``8 800 555-35-35`` is
    ``+78005553535``) and an extension is dropped (``... доб. 204`` is the main number).
    Unlike the last 10 digits, the country counts: ``+1 912 345 6789`` is not
    ``+7 912 345-67-89``. A value ``phonenumbers`` cannot read as a possible number — a short
    internal extension such as ``204`` — keeps the default key (:func:`normalize_phone`): it
    matches only the same digits, and never an E.164 key (those start with ``+``).

    Needs the extra: ``pip install 'callanalytics[phone]'``.

    >>> key = e164_key("RU")
    >>> key("8 (912) 345-67-89"), key("+7 912 345 67 89 доб. 204"), key("204"), key("unknown")
    ('+79123456789', '+79123456789', '204', '')
    """
    try:
        import phonenumbers
    except ImportError:
        msg = (
            "e164_key() needs the optional package 'phonenumbers': "
            "pip install 'callanalytics[phone]'"
        )
        raise MissingExtraError(msg) from None
    if not isinstance(default_region, str):
        msg = (
            "'default_region' must be a region code such as 'RU' "
            f"(got {checks.shown(default_region)} of type {type(default_region).__name__})."
        )
        raise InvalidTypeError(msg)
    region = default_region.upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        msg = (
            f"'default_region' must be a region code such as 'RU' or 'KZ' "
            f"(got {checks.shown(default_region)})."
        )
        raise InvalidValueError(msg)

    parse, possible, format_number = (
        phonenumbers.parse,
        phonenumbers.is_possible_number,
        phonenumbers.format_number,
    )
    e164, not_a_number = phonenumbers.PhoneNumberFormat.E164, phonenumbers.NumberParseException

    @lru_cache(maxsize=E164_CACHE_SIZE)
    def cached(raw: str) -> str:
        try:
            number = parse(raw, region)
        except not_a_number:
            return normalize_phone(raw)
        return format_number(number, e164) if possible(number) else normalize_phone(raw)

    def key(raw: str) -> str:
        if not isinstance(raw, str):
            msg = f"'phone' must be a str (got {checks.shown(raw)} of type {type(raw).__name__})."
            raise InvalidTypeError(msg)
        return cached(raw)

    key.__name__ = key.__qualname__ = f"e164_key({checks.shown(region)})"
    key.__doc__ = f"The E.164 key of a phone number, read as dialled in {region} (R7)."
    return key
