"""The errors :mod:`callanalytics` raises.

Every error derives from :class:`CallAnalyticsError` *and* from the matching built-in
exception, so ``except ValueError`` keeps working for callers that do not know this library.
Every message names the field (or parameter) and the offending value.
"""

from __future__ import annotations

__all__ = [
    "CallAnalyticsError",
    "FeatureUnavailableError",
    "InvalidTypeError",
    "InvalidValueError",
    "MissingExtraError",
    "UnknownManagerError",
]


class CallAnalyticsError(Exception):
    """The base class of every error raised by :mod:`callanalytics`."""

    fields: tuple[str, ...] = ()
    """The fields of a record at fault, where the error is a record's (empty otherwise)."""


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

    def __init__(self, message: str, *, tariff: str, feature: str, fallback: str | None) -> None:
        super().__init__(message)
        self.tariff = tariff
        self.feature = feature
        self.fallback = fallback


class MissingExtraError(CallAnalyticsError, ImportError):
    """An optional integration needs a package that is not installed.

    The message names the extra to install, e.g. ``pip install 'callanalytics[pandas]'``.
    """
