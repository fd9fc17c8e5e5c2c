"""The validation kit: converters, their messages, and values shown within bounds."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._kit import checks
from callanalytics._kit.checks import Choice


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"


class Code(enum.IntEnum):
    ONE = 1
    TWO = 2


class BrokenRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr for you")


def nested(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("x" * 1_000_000, "'" + "x" * 37 + "..." + "x" * 38 + "'"),
        (10**5000, "<an int of about 5001 digits>"),
        (-(10**5000), "<an int of about 5001 digits>"),
        (nested(100_000), "[[[[...]]]]"),
        (BrokenRepr(), "<BrokenRepr object>"),
        ([BrokenRepr()], "[<BrokenRepr object>]"),
        ("\ud800", "'\\ud800'"),
        ("a\x1b[31mb", "'a\\x1b[31mb'"),
        (12, "12"),
    ],
    ids=[
        "1MB str",
        "huge int",
        "huge negative int",
        "deep list",
        "broken repr",
        "list of broken repr",
        "surrogate",
        "terminal escape",
        "small int",
    ],
)
def test_shown_values_are_bounded_and_never_fail(value: object, expected: str) -> None:
    """Huge, deep, broken or hostile values show as a short text, never an error."""
    text = checks.shown(value)
    assert text == expected
    assert len(text) <= 160


def test_shown_bounds_a_long_repr_of_any_object() -> None:
    """An object whose repr is a megabyte shows as its first characters."""

    class Long:
        def __repr__(self) -> str:
            return "L" * 1_000_000

    assert checks.shown(Long()) == "L" * 77 + "..."


def test_messages_of_huge_values_are_short() -> None:
    """A 1 MB string or a 5,000-digit int in an error message keeps the message short."""
    with pytest.raises(ca.InvalidValueError) as caught:
        checks.whole(-(10**5000), "duration", minimum=0)
    assert str(caught.value) == "'duration' must be >= 0 (got <an int of about 5001 digits>)."
    with pytest.raises(ca.InvalidTypeError) as typed:
        checks.whole("9" * 1_000_000, "duration")
    assert len(str(typed.value)) < 200


@pytest.mark.parametrize("value", [np.int64(61), np.int32(61), np.uint16(61), 61])
def test_whole_takes_any_integral_type_as_an_int(value: object) -> None:
    """numpy integers are integers: they come back as Python ints."""
    result = checks.whole(value, "duration")
    assert result == 61
    assert type(result) is int


@pytest.mark.parametrize("value", [True, np.True_, 61.0, np.float64(61), "61", None])
def test_whole_refuses_booleans_floats_and_text(value: object) -> None:
    """A bool, a float (even integral) or text is not an int: a type error naming the field."""
    with pytest.raises(ca.InvalidTypeError, match=r"^'duration' must be an int \(got "):
        checks.whole(value, "duration")


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("", ca.InvalidValueError, r"'id' must be a non-empty string \(got ''\)"),
        (" ", ca.InvalidValueError, r"'id' must be a non-empty string"),
        (-1, ca.InvalidValueError, r"'id' must be >= 0 \(got -1\)"),
        (1.0, ca.InvalidTypeError, r"'id' must be an int or a str \(got 1.0 of type float\)"),
        (None, ca.InvalidTypeError, r"'id' must be an int or a str \(got None of type NoneType"),
    ],
)
def test_identifier_is_an_int_or_a_nonblank_str(
    value: object, error: type[Exception], message: str
) -> None:
    """Ids are ints >= 0 or non-empty strings."""
    with pytest.raises(error, match=message):
        checks.identifier(value, "id")


def test_identifier_keeps_text_and_normalises_numpy() -> None:
    """A string id stays as it is; a numpy id becomes a Python int."""
    assert checks.identifier("u-1", "id") == "u-1"
    assert type(checks.identifier(np.int64(7), "id")) is int


def test_choice_converts_members_values_and_aliases() -> None:
    """A member, its value or an alias becomes the member, by one lookup."""
    colour = Choice(Colour, aliases={"rouge": Colour.RED})
    assert colour(Colour.RED, "colour") is Colour.RED
    assert colour("blue", "colour") is Colour.BLUE
    assert colour("rouge", "colour") is Colour.RED


def test_choice_messages_list_the_allowed_values() -> None:
    """A wrong value is a value error, a wrong type a type error; both list the values."""
    colour = Choice(Colour)
    with pytest.raises(ca.InvalidValueError, match=r"'colour' must be one of 'red', 'blue'"):
        colour("green", "colour")
    with pytest.raises(ca.InvalidTypeError, match=r"'colour' must be one of.*of type int"):
        colour(1, "colour")


@pytest.mark.parametrize("value", [2, np.int8(2), Code.TWO])
def test_integral_choice_takes_any_integral_code(value: object) -> None:
    """Codes come as ints of any integral type."""
    assert Choice(Code, integral=True)(value, "code") is Code.TWO


@pytest.mark.parametrize("value", [True, "2", 2.0, np.float32(2), np.True_, [2]])
def test_integral_choice_refuses_other_types(value: object) -> None:
    """A bool, text, a float or a list is not a code."""
    with pytest.raises(ca.InvalidTypeError, match="'code'"):
        Choice(Code, integral=True)(value, "code")


def test_integral_choice_refuses_unknown_codes() -> None:
    """A code that is not a member is a value error."""
    with pytest.raises(ca.InvalidValueError, match=r"'code' must be one of 1, 2 \(got 3\)"):
        Choice(Code, integral=True)(3, "code")


def test_choice_refuses_an_unhashable_string() -> None:
    """A str subclass that cannot be hashed is refused, not a crash."""

    class Unhashable(str):
        __hash__ = None  # type: ignore[assignment]

    with pytest.raises(ca.InvalidValueError, match="'colour'"):
        Choice(Colour)(Unhashable("red!"), "colour")


def test_flag_takes_booleans_only() -> None:
    """True and False (numpy's too) are flags; 1 and "yes" are not."""
    assert checks.flag(np.True_, "via_app") is True
    assert checks.flag(False, "via_app") is False
    with pytest.raises(ca.InvalidTypeError, match=r"'via_app' must be a bool \(got 1 of type"):
        checks.flag(1, "via_app")


def test_moment_needs_an_instant() -> None:
    """Naive datetimes, non-datetimes and instants beyond UTC's range are refused."""
    assert checks.moment(datetime(2026, 1, 1, tzinfo=UTC), "at").year == 2026
    with pytest.raises(ca.InvalidValueError, match="'at' must be timezone-aware"):
        checks.moment(datetime(2026, 1, 1), "at")
    with pytest.raises(ca.InvalidTypeError, match="'at' must be a timezone-aware datetime"):
        checks.moment("2026-01-01", "at")
    with pytest.raises(ca.InvalidValueError, match="between years 1 and 9999"):
        checks.moment(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))), "at")


def test_optional_lets_none_through() -> None:
    """An optional converter passes None and describes both cases in its message."""
    convert: Callable[[object, str], str | None] = checks.optional(checks.text, "a str or None")
    assert convert(None, "group") is None
    with pytest.raises(ca.InvalidTypeError, match=r"'group' must be a str or None \(got 5"):
        convert(5, "group")


def test_iterable_refuses_one_value_and_mappings() -> None:
    """A str, bytes, a mapping or a non-iterable is not a collection of items."""
    for value in ("calls", b"calls", {"a": 1}, 5):
        with pytest.raises(ca.InvalidTypeError, match="'calls' must be an iterable of Call"):
            checks.iterable(value, "calls", "Call")
    assert checks.iterable([1], "calls", "Call") == [1]


@given(st.from_type(type).flatmap(st.from_type) | st.text() | st.integers() | st.none())
def test_shown_never_raises(value: object) -> None:
    """Whatever the value, it shows as a bounded string."""
    assert len(checks.shown(value)) <= 160


def test_shown_survives_a_value_that_breaks_reprlib() -> None:
    """A str subclass named like str, whose slicing raises, shows as its type."""

    def refuse(self: str, index: object) -> str:
        raise ValueError("no slicing")

    hostile = type("str", (str,), {"__getitem__": refuse})("abc")
    assert checks.shown(hostile) == "<str object>"


def test_shown_bounds_a_container_of_long_items() -> None:
    """Many long items, each within bounds, still make a short text in all."""
    text = checks.shown(dict.fromkeys(range(10), "x" * 100))
    assert len(text) == 160
    assert text.endswith("...")


def test_converters_say_what_they_are() -> None:
    """The converters show as what they convert to, in reprs and debuggers."""
    assert repr(Choice(Colour)) == "Choice(Colour)"
    assert repr(checks.optional(Choice(Colour))) == "optional(Choice(Colour))"
