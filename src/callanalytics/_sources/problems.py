"""Every problem of one record, reported at once (R27): the errors of a record and a collector."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from callanalytics.exceptions import CallAnalyticsError, InvalidTypeError, InvalidValueError

__all__ = ["Problems", "RecordError", "RecordTypeError", "RecordValueError", "record_error"]

_T = TypeVar("_T")
_D = TypeVar("_D")


class RecordError(CallAnalyticsError):
    """Every problem of one record, each naming its field; :attr:`fields` lists them.

    It is an :class:`~callanalytics.InvalidTypeError` when every problem is a value of the
    wrong type, an :class:`~callanalytics.InvalidValueError` otherwise.
    """

    fields: tuple[str, ...]


class RecordValueError(RecordError, InvalidValueError):
    """A record with a value that breaks a rule."""


class RecordTypeError(RecordError, InvalidTypeError):
    """A record whose every problem is a value of the wrong type."""


def record_error(problems: list[tuple[str, CallAnalyticsError]]) -> RecordError:
    """The error of a record with these ``(field, error)`` problems."""
    kind = (
        RecordTypeError if all(isinstance(e, TypeError) for _, e in problems) else RecordValueError
    )
    error = kind.joined(tuple(e for _, e in problems))
    error.fields = tuple(dict.fromkeys(field for field, _ in problems))
    return error


class Problems:
    """Collects the problems of one record, so that all are reported, not only the first.

    >>> problems = Problems()
    >>> from callanalytics._model.text import parse_int
    >>> problems.read("d", parse_int, "d", "x", default=0)
    0
    >>> problems.add("p", InvalidValueError("'p' is odd."))
    >>> problems.raise_any()
    Traceback (most recent call last):
    ...
    callanalytics._sources.problems.RecordValueError: 'd' must be ... (got 'x'). 'p' is odd.
    """

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[tuple[str, CallAnalyticsError]] = []

    def add(self, field: str, error: CallAnalyticsError) -> None:
        """Note *error* of *field*."""
        self.items.append((field, error))

    def read(self, field: str, read: Callable[..., _T], *args: object, default: _D) -> _T | _D:
        """``read(*args)``, or *default* with its error noted under *field*."""
        try:
            return read(*args)
        except CallAnalyticsError as error:
            self.add(field, error)
            return default

    def raise_any(self) -> None:
        """Raise the error of the problem noted, or the :class:`RecordError` of several.

        One problem is raised as it is (its :attr:`~CallAnalyticsError.fields` set), so that
        its type and message are those of the check that found it.
        """
        if len(self.items) == 1:
            field, error = self.items[0]
            error.fields = (field,)
            raise error
        if self.items:
            raise record_error(self.items)
