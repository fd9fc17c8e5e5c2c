"""The phone key (R7): the last 10 ASCII digits by default, or E.164 with ``phonenumbers``."""

from __future__ import annotations

import sys

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._model.e164 import e164_key


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("+7 912 345-67-89", "9123456789"),
        ("8 (912) 345 67 89", "9123456789"),
        ("79123456789", "9123456789"),
        ("9123456789", "9123456789"),
        ("+7(912)345-6789", "9123456789"),
        ("  +7 912 345 67 89  ", "9123456789"),
        ("8 800 555-35-35", "8005553535"),
        ("+1 912 345 6789", "9123456789"),
        ("204", "204"),
        ("ext. 204", "204"),
        ("доб. 204", "204"),
        ("+7 912 345-67-89 доб. 204", "3456789204"),
        ("", ""),
        ("   ", ""),
        ("unknown", ""),
        ("+", ""),
        ("٩١٢٣٤٥٦٧٨٩", ""),
        ("９１２３４５６７８９", ""),
        ("+7 ９１２ 345-67-89", "73456789"),
        ("²³", ""),
        ("0000000000000", "0000000000"),
    ],
)
def test_r7_key_is_the_last_ten_ascii_digits(raw: str, key: str) -> None:
    """The default key keeps only ASCII digits, the last ten of them; no digit gives no key."""
    assert ca.normalize_phone(raw) == key


def test_r7_one_number_written_three_ways_is_one_key() -> None:
    """`+7 912 345-67-89`, `8 (912) 345 67 89` and `79123456789` are one number."""
    keys = {ca.normalize_phone(p) for p in ("+7 912 345-67-89", "8 (912) 345 67 89", "79123456789")}
    assert keys == {"9123456789"}


@pytest.mark.parametrize("raw", [None, 79123456789, b"79123456789", ["79123456789"]])
def test_r7_key_of_a_non_string_is_a_type_error(raw: object) -> None:
    """Anything but a str is a TypeError naming 'phone', bytes included (never bytes back)."""
    with pytest.raises(ca.InvalidTypeError, match=r"'phone' must be a str"):
        ca.normalize_phone(raw)  # type: ignore[arg-type]


@given(st.text())
def test_r7_key_never_raises_and_is_at_most_ten_ascii_digits(raw: str) -> None:
    """Any text has a key: ASCII digits only, at most ten of them, possibly none."""
    key = ca.normalize_phone(raw)
    assert len(key) <= 10
    assert all(c in "0123456789" for c in key)


@given(st.text())
def test_r7_key_is_idempotent(raw: str) -> None:
    """The key of a key is the key itself."""
    key = ca.normalize_phone(raw)
    assert ca.normalize_phone(key) == key


@given(st.text(alphabet="0123456789", min_size=10), st.text(alphabet=" -()+.", max_size=6))
def test_r7_formatting_does_not_change_the_key(digits: str, noise: str) -> None:
    """Punctuation between the digits never changes the key: the last ten digits stay."""
    written = noise.join(digits)
    assert ca.normalize_phone(written) == digits[-10:]


# --- E.164 (the optional extra 'phone') ------------------------------------------------------

RU = e164_key("RU")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("+7 912 345-67-89", "+79123456789"),
        ("8 912 345-67-89", "+79123456789"),
        ("8 (912) 345 67 89", "+79123456789"),
        ("79123456789", "+79123456789"),
        ("9123456789", "+79123456789"),
        ("8 800 555-35-35", "+78005553535"),
        ("+7 701 123 45 67", "+77011234567"),
        ("8 701 123 45 67", "+77011234567"),
        ("+1 912 345 6789", "+19123456789"),
        ("+7 912 345-67-89 доб. 204", "+79123456789"),
        ("+7 912 345-67-89 ext. 204", "+79123456789"),
        ("+7 ９１２ ３４５-６７-８９", "+79123456789"),
        ("204", "204"),
        ("ext. 204", "204"),
        ("", ""),
        ("unknown", ""),
    ],
)
def test_r7_e164_key_table(raw: str, key: str) -> None:
    """The E.164 key reads the number as dialled in Russia; short extensions keep their digits."""
    assert RU(raw) == key


def test_r7_e164_russian_trunk_8_is_the_country_code_7() -> None:
    """The Russian trunk prefix `8` is dropped: `8 912 345-67-89` is `+7 912 345-67-89`."""
    assert RU("8 912 345-67-89") == RU("+7 912 345-67-89")


def test_r7_e164_toll_free_8_800_is_plus_7_800() -> None:
    """`8 800 555-35-35` is the toll-free `+7 800 555-35-35`, not `+8 800 ...`."""
    assert RU("8 800 555-35-35") == "+78005553535"


def test_r7_e164_kazakh_number_shares_plus_7_and_matches_itself() -> None:
    """A `+7 7xx` number is Kazakh; dialled from Russia with `8` it is still the same number."""
    assert phonenumbers.region_code_for_number(phonenumbers.parse("+7 701 123 45 67")) == "KZ"
    assert RU("+7 701 123 45 67") == RU("8 701 123 45 67") == e164_key("KZ")("8 701 123 45 67")


def test_r7_e164_tells_countries_apart_where_ten_digits_do_not() -> None:
    """`+1 912 345 6789` and `+7 912 345-67-89` share the last ten digits, not the E.164 key."""
    us, ru = "+1 912 345 6789", "+7 912 345-67-89"
    assert ca.normalize_phone(us) == ca.normalize_phone(ru)
    assert RU(us) != RU(ru)


def test_r7_e164_short_extension_has_a_key_of_its_own() -> None:
    """Decision: `204` keeps the default key `204` and never equals an E.164 key."""
    assert RU("204") == RU("ext. 204") == "204"
    assert not RU("204").startswith("+")


def test_r7_e164_matches_calls_to_cards() -> None:
    """`match_calls(key=e164_key())` attaches `8 912 ...` to a card typed `+7 912 ...`."""
    at = ca.SAMPLE_NOW
    card = ca.Card(1, "contacts", phones=["+7 912 345-67-89"])
    us = ca.Card(2, "contacts", phones=["+1 912 345 6789"])
    calls = [ca.Call("a", "outbound", at, 5, phone="8 912 345-67-89")]
    result = ca.match_calls(calls, [us, card], key=RU)
    assert [c.card_id for c in result.attached] == [1]
    assert result.ambiguous == ()


@given(st.text(max_size=40))
def test_r7_e164_key_never_raises(raw: str) -> None:
    """Any text has an E.164 key or a fallback key; none raises."""
    key = RU(raw)
    assert key == "" or key.startswith("+") or key.isdigit()


def test_r7_e164_region_is_checked() -> None:
    """An unknown region or a non-string region is an error naming 'default_region'."""
    with pytest.raises(ca.InvalidValueError, match=r"'default_region'.*'XX'"):
        e164_key("XX")
    with pytest.raises(ca.InvalidTypeError, match=r"'default_region'"):
        e164_key(7)  # type: ignore[arg-type]
    assert e164_key("kz")("8 701 123 45 67") == "+77011234567"


def test_r7_e164_key_of_a_non_string_is_a_type_error() -> None:
    """The E.164 key function also names 'phone' for a non-string."""
    with pytest.raises(ca.InvalidTypeError, match=r"'phone' must be a str"):
        RU(None)  # type: ignore[arg-type]


def test_r7_e164_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without `phonenumbers`, e164_key() raises MissingExtraError with the pip command."""
    monkeypatch.setitem(sys.modules, "phonenumbers", None)
    with pytest.raises(ca.MissingExtraError, match=r"pip install 'callanalytics\[phone\]'"):
        e164_key()
    with pytest.raises(ImportError):
        e164_key()
