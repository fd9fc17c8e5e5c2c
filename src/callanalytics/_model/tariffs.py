"""Tariffs and what they include (R5, R23–R25)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from callanalytics._kit import checks
from callanalytics.exceptions import FeatureUnavailableError, InvalidTypeError, InvalidValueError

__all__ = [
    "BASE",
    "CALLS_REPORT",
    "EVENTS_LIST",
    "EXTENDED",
    "PROFESSIONAL",
    "TARIFFS",
    "Tariff",
    "is_available",
    "require",
]

CALLS_REPORT: Final = "calls_report"
"""The feature "Analytics → Calls" (the calls report)."""
EVENTS_LIST: Final = "events_list"
"""The feature "Analytics → Events list"; every built-in tariff has it (R24)."""


def _to_features(value: object) -> frozenset[str]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        msg = f"'features' must be an iterable of str (got {checks.shown(value)})."
        raise InvalidTypeError(msg)
    features: set[str] = set()
    for feature in value:
        if not isinstance(feature, str) or not feature:
            msg = f"'features' must hold non-empty strings (got {checks.shown(feature)})."
            raise InvalidValueError(msg)
        features.add(feature)
    return frozenset(features)


def _check_name(inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"'name' must be a non-empty string (got {checks.shown(value)})."
        raise InvalidValueError(msg)


@attrs.frozen
class Tariff:
    """A tariff: a name and the features it includes (R5).

    Hosts define their own tariffs with the feature names :data:`CALLS_REPORT` and
    :data:`EVENTS_LIST`:

    >>> startup = Tariff("Startup", {CALLS_REPORT, EVENTS_LIST})
    >>> is_available(startup), is_available(BASE)
    (True, False)
    """

    name: str = attrs.field(validator=_check_name)
    features: frozenset[str] = attrs.field(converter=_to_features, factory=frozenset)

    def has(self, feature: str) -> bool:
        """Whether the tariff includes *feature* (a str)."""
        return checks.text(feature, "feature") in self.features


BASE: Final = Tariff("Базовый", {EVENTS_LIST})
"""Base (Базовый): no calls report; calls are seen in the events list (R23, R24)."""
EXTENDED: Final = Tariff("Расширенный", {CALLS_REPORT, EVENTS_LIST})
"""Extended (Расширенный): the first tariff with the calls report (R23)."""
PROFESSIONAL: Final = Tariff("Профессиональный", {CALLS_REPORT, EVENTS_LIST})
"""Professional (Профессиональный): the calls report (R23)."""
TARIFFS: Final = (BASE, EXTENDED, PROFESSIONAL)
"""The built-in catalogue, cheapest first."""


def _check_tariff(tariff: object) -> Tariff:
    if not isinstance(tariff, Tariff):
        msg = (
            f"'tariff' must be a Tariff "
            f"(got {checks.shown(tariff)} of type {type(tariff).__name__})."
        )
        raise InvalidTypeError(msg)
    return tariff


def is_available(tariff: Tariff, feature: str = CALLS_REPORT) -> bool:
    """Whether *tariff* includes *feature* — by default the calls report (R23).

    >>> is_available(EXTENDED), is_available(BASE)
    (True, False)
    """
    return _check_tariff(tariff).has(feature)


def require(tariff: Tariff, feature: str = CALLS_REPORT) -> None:
    """Raise :class:`FeatureUnavailableError` unless *tariff* includes *feature* (R23).

    Availability gates the view, never the data: once the tariff includes the report, it covers
    every call it is given, however old (R25).

    >>> require(BASE)
    Traceback (most recent call last):
    ...
    callanalytics.exceptions.FeatureUnavailableError: The calls report is not available on ...
    """
    tariff = _check_tariff(tariff)
    if tariff.has(feature):
        return
    if feature == CALLS_REPORT:
        # R24: the events list works on every tariff, so it is always the fallback.
        fallback: str | None = EVENTS_LIST
        upgrade = ", ".join(repr(t.name) for t in TARIFFS if t.has(CALLS_REPORT))
        error = FeatureUnavailableError.from_parts(
            "The calls report is not available on the tariff {tariff} (it is on {upgrade}); "
            "the calls can be seen in the events list (Analytics → Events list, "
            "filter 'incoming call' / 'outgoing call'): use events_list().",
            tariff=checks.shown(tariff.name),
            upgrade=upgrade,
        )
    else:
        fallback = None
        error = FeatureUnavailableError.from_parts(
            "The feature {name} is not available on the tariff {tariff}.",
            name=checks.shown(feature),
            tariff=checks.shown(tariff.name),
        )
    error.tariff, error.feature, error.fallback = tariff.name, feature, fallback
    raise error
