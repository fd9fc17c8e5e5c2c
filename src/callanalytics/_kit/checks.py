"""The validation kit: small converters that check and normalise one value, combined per field.

A converter is called as ``convert(value, field)``: it returns the value (normalised: an enum
member for its string, a Python ``int`` for a numpy integer) or raises an error that names the
field and shows the value. Converters combine (``optional(text)``), and every model's fields
use them, so that each value is checked the same way and refused in the same words::

    'duration' must be >= 0 (got -5).
    'direction' must be one of 'inbound', 'outbound' (got 'in').

Messages are built only when a value is refused, and they show the value through
:func:`shown`, which is bounded: a 1 MB string, a 5,000-digit integer, a deeply nested list or
an object whose ``repr`` raises never makes the message itself fail or explode.

>>> whole(-5, "duration", minimum=0)
Traceback (most recent call last):
...
callanalytics.exceptions.InvalidValueError: 'duration' must be >= 0 (got -5).
>>> shown("x" * 10**6)[:12], len(shown("x" * 10**6)) < 200
("'xxxxxxxxxxx", True)
"""

from __future__ import annotations

import enum
import math
import operator
import reprlib
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Final, Generic, TypeVar

from callanalytics.exceptions import InvalidTypeError, InvalidValueError, MissingExtraError

__all__ = [
    "MAX_DIGITS",
    "MISSING_EXTRA",
    "PHRASES",
    "TOO_LONG",
    "TYPE_ERROR",
    "VALUE_ERROR",
    "Choice",
    "Convert",
    "equal",
    "flag",
    "identifier",
    "iterable",
    "member",
    "missing_extra",
    "moment",
    "nonblank",
    "optional",
    "printable",
    "shown",
    "text",
    "type_error",
    "value_error",
    "whole",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

Convert = Callable[[Any, str], T]
"""A converter: ``convert(value, field)`` returns the checked value or raises naming *field*."""

_LONGEST: Final = 160
"""How many characters of a value a message shows at most."""
_BIG_INT_BITS: Final = 256
"""Integers longer than this are shown by their number of digits, never converted to text."""
MAX_DIGITS: Final = 4000
"""The most decimal digits a whole number may have: Python turns ints of up to 4,300 digits
into text (``sys.get_int_max_str_digits()``), and a report must be able to print its sums."""
TOO_LONG: Final = 10**MAX_DIGITS
"""The smallest whole number of more than :data:`MAX_DIGITS` digits."""
_MAX_BITS: Final = TOO_LONG.bit_length()


class _Bounded(reprlib.Repr):
    """``reprlib`` with every limit small and integers shown by size when they are huge."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxstring = self.maxother = self.maxlong = 80
        self.maxdict = self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = 6
        self.maxdeque = self.maxarray = 6

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > _BIG_INT_BITS:
            return f"<an int of about {_digits(x)} digits>"
        return super().repr_int(x, level)

    def repr_instance(self, x: object, level: int) -> str:
        try:
            text = repr(x)
        except Exception:  # a broken __repr__ must not break the message that shows it
            return f"<{type(x).__name__} object>"
        if len(text) > self.maxother:
            return text[: self.maxother - 3] + "..."
        return text


_REPR: Final = _Bounded()


def _digits(x: int) -> int:
    """About how many decimal digits *x* has, without converting it to text (quadratic)."""
    return math.floor(x.bit_length() * math.log10(2)) + 1


def shown(value: object) -> str:
    r"""*value* as an error message shows it: its ``repr``, bounded in length and depth.

    >>> shown("a\\nb"), shown(None), shown(10**2000)
    ("'a\\\\nb'", 'None', '<an int of about 2001 digits>')
    >>> shown([[[[1]]]]), shown(list(range(100)))
    ('[[[[...]]]]', '[0, 1, 2, 3, 4, 5, ...]')
    """
    try:
        text = _REPR.repr(value)
    except Exception:  # a container whose items fail to show
        text = f"<{type(value).__name__} object>"
    if len(text) > _LONGEST:
        text = text[: _LONGEST - 3] + "..."
    return text


def _numpy_bool(value: object) -> bool:
    """Whether *value* is numpy's boolean scalar (``numpy.bool``, formerly ``numpy.bool_``)."""
    kind = value.__class__
    return kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")


def _kind(value: object) -> str:
    return type(value).__name__


TYPE_ERROR: Final = "{field!r} must be {expected} (got {value} of type {kind})."
"""The template of :func:`type_error`'s messages; ``expected`` is a phrase (``"a str"``)."""
VALUE_ERROR: Final = "{field!r} must {must} (got {value})."
"""The template of :func:`value_error`'s messages; ``must`` is a phrase (``"be >= 0"``)."""
MISSING_EXTRA: Final = "{feature} needs {module!r}, which is not installed: pip install {command}"
"""The template of :func:`missing_extra`'s messages; ``feature`` is a phrase (``"plot()"``)."""
PHRASES: Final = ("expected", "must", "feature", "reason")
"""The parameters of a message's template that are English phrases, to be translated (a
``reason`` is the words of Python's ``json``, ``csv`` or ``codecs``); the others (a field's
name, a value as shown, a type's name) are written as they are."""


def type_error(field: str, expected: str, value: object) -> InvalidTypeError:
    """The error for a value of the wrong type: ``'f' must be X (got v of type T).``.

    >>> error = type_error("name", "a str", 5)
    >>> str(error), dict(error.params)
    ("'name' must be a str (got 5 of type int).", \
{'field': 'name', 'expected': 'a str', 'value': '5', 'kind': 'int'})
    """
    return InvalidTypeError.from_parts(
        TYPE_ERROR, field=field, expected=expected, value=shown(value), kind=_kind(value)
    )


def value_error(field: str, must: str, value: object) -> InvalidValueError:
    """The error for a value that breaks a rule: ``'f' must M (got v).``."""
    return InvalidValueError.from_parts(VALUE_ERROR, field=field, must=must, value=shown(value))


# ---------------------------------------------------------------------------------------------
# Converters of one value.


def text(value: object, field: str, expected: str = "a str") -> str:
    """A ``str`` as it is."""
    if isinstance(value, str):
        return value
    raise type_error(field, expected, value)


def unicode(value: object, field: str, expected: str = "a str") -> str:
    """A ``str`` that is Unicode text: no lone surrogate, so that it can be written anywhere.

    >>> unicode("Анна", "name")
    'Анна'
    """
    result = text(value, field, expected)
    if not result.isascii():
        try:
            result.encode("utf-8")
        except UnicodeEncodeError:
            raise value_error(field, "be Unicode text, without a lone surrogate", value) from None
    return result


def nonblank(value: object, field: str, expected: str = "a str") -> str:
    """A ``str`` with something other than spaces in it."""
    result = text(value, field, expected)
    if not result.strip():
        raise value_error(field, "be a non-empty string", value)
    return result


def whole(
    value: object,
    field: str,
    expected: str = "an int",
    *,
    minimum: int | None = None,
) -> int:
    """An integer as a Python ``int``: any integral type (numpy's too), never a ``bool``.

    Integral types are those with ``__index__`` (:func:`operator.index`): a float, even
    ``12.0``, is not one; readers of text and host values convert those first.

    >>> import numpy
    >>> whole(numpy.int64(61), "duration")
    61
    """
    if value.__class__ is int:
        number: int = value
    elif isinstance(value, bool) or _numpy_bool(value):
        raise type_error(field, expected, value)
    else:
        try:
            number = operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            raise type_error(field, expected, value) from None
    if minimum is not None and number < minimum:
        raise value_error(field, f"be >= {minimum}", value)
    return printable(number, field, value)


def printable(number: int, field: str, value: object = None) -> int:
    """*number* if it has at most :data:`MAX_DIGITS` digits, so that it can be written as text.

    *value* is what the caller was given, for the message (by default *number*).

    >>> printable(10**MAX_DIGITS, "duration")
    Traceback (most recent call last):
    ...
    callanalytics.exceptions.InvalidValueError: 'duration' must have at most 4000 digits \
(got <an int of about 4001 digits>).
    """
    if number.bit_length() >= _MAX_BITS and abs(number) >= TOO_LONG:
        shown_value = number if value is None else value
        raise value_error(field, f"have at most {MAX_DIGITS} digits", shown_value)
    return number


def equal(known: object, given: object) -> bool:
    """Whether *given* equals *known*; never, where ``==`` has no truth value.

    ``pd.NA == 1`` is ``NA`` and a numpy array's ``==`` an array, neither of which is true or
    false: a value given to look something up by is then no match, instead of an error.

    >>> import pandas as pd
    >>> equal(1, 1), equal(1, pd.NA), equal(1, "1")
    (True, False, False)
    """
    try:
        return bool(known == given)
    except (TypeError, ValueError):
        return False


def member(value: object, field: str, choices: Iterable[str], must: str | None = None) -> str:
    """*value* if it is one of the strings *choices*; any other type is a type error.

    A membership test of a value of any type can raise (``pd.NA`` has no truth value, a list
    no hash): only a ``str`` is looked up. *must* says what is allowed (default: the list).

    >>> member("en", "lang", ("ru", "en"))
    'en'
    >>> member(["en"], "lang", ("ru", "en"))
    Traceback (most recent call last):
    ...
    callanalytics.exceptions.InvalidTypeError: 'lang' must be one of 'ru', 'en' \
(got ['en'] of type list).
    """
    allowed = tuple(choices)
    must = must or f"one of {', '.join(map(repr, allowed))}"
    if not isinstance(value, str):
        raise type_error(field, must, value)
    if value not in allowed:
        raise value_error(field, f"be {must}", value)
    return value


def identifier(value: object, field: str, expected: str = "an int or a str") -> int | str:
    """An id: an ``int`` >= 0 (amoCRM's ids) or a non-empty ``str``."""
    if value.__class__ is str or isinstance(value, str):
        return nonblank(value, field, expected)
    return whole(value, field, expected, minimum=0)


def flag(value: object, field: str, expected: str = "a bool") -> bool:
    """``True`` or ``False`` (numpy's booleans too); nothing else is read as one."""
    if value is True or value is False:
        return value
    if _numpy_bool(value):
        return bool(value)
    raise type_error(field, expected, value)


def moment(value: object, field: str, expected: str = "a timezone-aware datetime") -> datetime:
    """A timezone-aware ``datetime`` that UTC can express (years 1..9999 there).

    The report compares instants, so a naive datetime (a wall time of no zone) is refused.
    """
    if not isinstance(value, datetime):
        raise type_error(field, expected, value)
    try:
        offset = value.utcoffset()
    except Exception:  # a host's tzinfo whose utcoffset() raises or returns garbage
        must = "have a tzinfo whose utcoffset() is a timedelta within a day"
        raise value_error(field, must, value) from None
    if offset is None:
        raise value_error(field, "be timezone-aware (naive datetimes are ambiguous)", value)
    try:
        value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise value_error(field, "be an instant between years 1 and 9999 in UTC", value) from None
    return value


class _Optional(Generic[T]):
    __slots__ = ("_convert", "expected")

    def __init__(self, convert: Callable[..., T], expected: str | None) -> None:
        self._convert = convert
        self.expected = expected

    def __call__(self, value: object, field: str) -> T | None:
        if value is None:
            return None
        if self.expected is None:
            return self._convert(value, field)
        return self._convert(value, field, self.expected)

    def __repr__(self) -> str:
        return f"optional({self._convert!r})"


def optional(convert: Callable[..., T], expected: str | None = None) -> Convert[T | None]:
    """*convert*, with ``None`` let through as "not set"; *expected* describes both.

    Without *expected*, *convert* describes what it expects itself (a :class:`Choice`).

    >>> optional(text, "a str or None")(None, "group") is None
    True
    """
    return _Optional(convert, expected)


class Choice(Generic[E]):
    """A converter to a member of *enum_type*, by one dictionary lookup.

    The members, their values and any *aliases* are the keys of one dictionary built once, so a
    conversion costs a lookup and the message listing the allowed values is built only when a
    value is refused. *members* keeps only some of the enum's members. The keys are strings,
    or with *integral* codes (any integral type,
    numpy's too, but never a ``bool``); a key of the right type that is not in the dictionary
    is a value error, any other type a type error.

    >>> from callanalytics._model.enums import Direction
    >>> direction = Choice(Direction)
    >>> direction("inbound", "direction")
    <Direction.INCOMING: 'inbound'>
    >>> direction("in", "direction")
    Traceback (most recent call last):
    ...
    callanalytics.exceptions.InvalidValueError: 'direction' must be one of 'inbound', \
'outbound' (got 'in').
    """

    __slots__ = ("_expected", "_integral", "_lookup", "_must", "enum_type")

    def __init__(
        self,
        enum_type: type[E],
        *,
        integral: bool = False,
        aliases: Mapping[object, E] | None = None,
        expected: str | None = None,
        must: str | None = None,
        members: Iterable[E] | None = None,
    ) -> None:
        self.enum_type = enum_type
        self._integral = integral
        chosen = list(enum_type) if members is None else [m for m in enum_type if m in members]
        self._lookup: dict[object, E] = {member: member for member in chosen}
        self._lookup.update({member.value: member for member in chosen})
        self._lookup.update(aliases or {})
        allowed = ", ".join(repr(member.value) for member in chosen)
        self._expected = expected or f"one of {allowed}"
        self._must = must or f"be one of {allowed}"

    def __call__(self, value: object, field: str) -> E:
        """The member *value* stands for."""
        if value.__class__ is self.enum_type and value in self._lookup:
            return value
        key: object = value
        if not self._integral:
            if not isinstance(value, str):
                raise type_error(field, self._expected, value)
        elif isinstance(value, bool | str):
            raise type_error(field, self._expected, value)
        elif value.__class__ is not int:
            try:
                key = operator.index(value)  # type: ignore[arg-type]
            except TypeError:  # not an integral type (a float, numpy's bool)
                raise type_error(field, self._expected, value) from None
        try:
            return self._lookup[key]
        except (KeyError, TypeError):  # TypeError: a str subclass that cannot be hashed
            raise value_error(field, self._must, value) from None

    def __repr__(self) -> str:
        return f"Choice({self.enum_type.__name__})"


def iterable(value: object, field: str, item: str) -> Iterable[Any]:
    """*value* if it is an iterable of several values: a ``str``, ``bytes`` or mapping is not.

    *item* names what the items should be (``"Call"``), for the message.
    """
    if isinstance(value, str | bytes | bytearray | memoryview | Mapping) or not isinstance(
        value, Iterable
    ):
        raise type_error(field, f"an iterable of {item}", value)
    return value


def missing_extra(feature: str, module: str, extra: str) -> MissingExtraError:
    """The error for *feature* needing *module*, which the extra *extra* installs."""
    command = f"'callanalytics[{extra}]'"
    return MissingExtraError.from_parts(
        MISSING_EXTRA, feature=feature, module=module, command=command
    )
