"""The errors :mod:`callanalytics` raises.

Every error derives from :class:`CallAnalyticsError` *and* from the matching built-in
exception, so ``except ValueError`` keeps working for callers that do not know this library.
Every message names the field (or parameter) and the offending value.

An error also keeps the parts of its message, so that it can be written in another language
(``--lang ru`` on the command line): :attr:`~CallAnalyticsError.template` is the English
message with ``{placeholders}``, :attr:`~CallAnalyticsError.params` the text that fills them,
and ``str(error)`` is always ``template.format(**params)``:

>>> error = InvalidValueError.from_parts(
...     "{field!r} must {must} (got {value}).", field="duration", must="be >= 0", value="-5"
... )
>>> str(error), error.field, error.params["must"]
("'duration' must be >= 0 (got -5).", 'duration', 'be >= 0')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Self

__all__ = [
    "CallAnalyticsError",
    "FeatureUnavailableError",
    "InvalidTypeError",
    "InvalidValueError",
    "MissingExtraError",
    "UnknownManagerError",
]


_NO_PARAMS: Final[Mapping[str, str | CallAnalyticsError]] = MappingProxyType({})


class CallAnalyticsError(Exception):
    """The base class of every error raised by :mod:`callanalytics`."""

    fields: tuple[str, ...] = ()
    """The fields of a record at fault, where the error is a record's (empty otherwise)."""
    template: str | None = None
    """The message with ``{placeholders}`` (``str.format`` syntax), or ``None`` for plain text.

    It is the message's identity for a translation: messages of one template differ only in
    their :attr:`params`.
    """
    params: Mapping[str, str | CallAnalyticsError] = _NO_PARAMS
    """What fills the :attr:`template`: texts (a value as messages show it, a phrase such as
    ``"be >= 0"``), or the error a message wraps (``line 7: <error>``)."""
    problems: tuple[CallAnalyticsError, ...] = ()
    """The errors this one is made of (every problem of one record), whose messages, joined
    by spaces, are its message; empty for an error of one problem."""

    @property
    def field(self) -> str | None:
        """The field or parameter at fault, when the message names one (``params["field"]``)."""
        field = self.params.get("field")
        return field if isinstance(field, str) else None

    @classmethod
    def from_parts(cls, template: str, /, **params: str | CallAnalyticsError) -> Self:
        """The error whose message is *template* filled with *params*, which it keeps."""
        return cls(template.format(**params)).with_parts(template, **params)

    def with_parts(self, template: str, /, **params: str | CallAnalyticsError) -> Self:
        """This error, keeping *template* and *params*; they must spell its message.

        Raises:
            ValueError: ``template.format(**params)`` is not ``str(self)``.
        """
        if template.format(**params) != str(self):
            msg = f"the parts {template!r} do not spell the message {str(self)!r}"
            raise ValueError(msg)
        self.template = template
        self.params = params  # a dict, not a proxy: an error must pickle (Dask sends errors)
        return self

    @classmethod
    def joined(cls, problems: tuple[CallAnalyticsError, ...]) -> Self:
        """The error of several *problems*: their messages joined by spaces, each kept."""
        error = cls(" ".join(str(problem) for problem in problems))
        error.problems = problems
        return error


class InvalidValueError(CallAnalyticsError, ValueError):
    """A value has the right type but breaks a rule (a negative duration, a naive datetime…)."""


class InvalidTypeError(CallAnalyticsError, TypeError):
    """A value has the wrong type (a float duration, a boolean where a number is expected…)."""


class UnknownManagerError(InvalidValueError, LookupError):
    """A manager id is not among the account's managers (R20)."""


class FeatureUnavailableError(CallAnalyticsError, LookupError):
    """The account's tariff does not include the requested feature (R23).

    Attributes:
        tariff: The name of the tariff.
        feature: The feature that was asked for.
        fallback: What the account can use instead, if anything.
    """

    def __init__(
        self, message: str, *, tariff: str = "", feature: str = "", fallback: str | None = None
    ) -> None:
        super().__init__(message)
        self.tariff = tariff
        self.feature = feature
        self.fallback = fallback


class MissingExtraError(CallAnalyticsError, ImportError):
    """An optional integration needs a package that is not installed.

    The message names the extra to install, e.g. ``pip install 'callanalytics[pandas]'``.
    """
