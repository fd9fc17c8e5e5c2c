"""The report's filters, combined with AND (R18–R22)."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable
from datetime import UTC
from typing import TYPE_CHECKING, Any

import attrs

from ._models import (
    Call,
    CallStatus,
    Direction,
    EntityType,
    Exclusion,
    Id,
    check_duration,
    check_id,
    to_status,
)
from .exceptions import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from ._period import Period

__all__ = ["Check", "Filter"]

Check = Callable[[Call], Exclusion | None]
"""A compiled filter: the first failing check of a call, or ``None`` when it passes."""


def _selection(field: str, item: Callable[[object], Any]) -> Callable[[object], Any]:
    """A converter: ``None`` stays ``None``; one item or an iterable becomes a frozenset."""

    def convert(value: object) -> frozenset[Any] | None:
        if value is None:
            return None
        if isinstance(value, str | int | enum.Enum):
            value = (value,)
        try:
            items = list(value)  # type: ignore[call-overload]
        except TypeError:
            msg = f"{field!r} must be None or a collection (got {value!r})."
            raise InvalidTypeError(msg) from None
        if not items:
            msg = f"{field!r} must not be empty: use None for 'any' (got {value!r})."
            raise InvalidValueError(msg)
        return frozenset(item(v) for v in items)

    return convert


def _enum_item(enum_type: type[enum.Enum], field: str) -> Callable[[object], Any]:
    def convert(value: object) -> enum.Enum:
        try:
            return enum_type(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in enum_type)
            msg = f"{field!r} must hold values among {allowed} (got {value!r})."
            raise InvalidValueError(msg) from None

    return convert


def _status_item(value: object) -> CallStatus:
    status = to_status(value, "statuses")
    if status is None:
        msg = "'statuses' must hold call statuses 1..7 (got None)."
        raise InvalidValueError(msg)
    return status


def _bound(field: str) -> Callable[[object], int | None]:
    def convert(value: object) -> int | None:
        return None if value is None else check_duration(field, value)

    return convert


def _to_entities(value: object) -> frozenset[EntityType] | None:
    return _selection("entity_types", _enum_item(EntityType, "entity_types"))(value)  # type: ignore[no-any-return]


def _to_manager_ids(value: object) -> frozenset[Id] | None:
    return _selection("manager_ids", lambda v: check_id("manager_ids", v))(value)  # type: ignore[no-any-return]


def _to_min(value: object) -> int | None:
    return _bound("min_duration")(value)


def _to_max(value: object) -> int | None:
    return _bound("max_duration")(value)


def _to_statuses(value: object) -> frozenset[CallStatus] | None:
    return _selection("statuses", _status_item)(value)  # type: ignore[no-any-return]


def _to_directions(value: object) -> frozenset[Direction] | None:
    return _selection("directions", _enum_item(Direction, "directions"))(value)  # type: ignore[no-any-return]


def _check_period(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    from ._period import Period

    if value is not None and not isinstance(value, Period):
        msg = f"'period' must be a Period or None (got {value!r} of type {type(value).__name__})."
        raise InvalidTypeError(msg)


@attrs.frozen
class Filter:
    """The report's filters (R18–R22); ``None`` means "any", the filters combine with AND.

    Collections become frozensets and ints become :class:`CallStatus` at construction; an empty
    selection, a negative bound or ``min_duration > max_duration`` is an error.

    >>> f = Filter(statuses=[4], min_duration=60)
    >>> f.statuses
    frozenset({<CallStatus.TALKED: 4>})

    A call with no status never matches a status filter (R22); the durations are inclusive (R21).
    """

    period: Period | None = attrs.field(default=None, validator=_check_period)
    entity_types: frozenset[EntityType] | None = attrs.field(default=None, converter=_to_entities)
    manager_ids: frozenset[Id] | None = attrs.field(default=None, converter=_to_manager_ids)
    min_duration: int | None = attrs.field(default=None, converter=_to_min)
    max_duration: int | None = attrs.field(default=None, converter=_to_max)
    statuses: frozenset[CallStatus] | None = attrs.field(default=None, converter=_to_statuses)
    directions: frozenset[Direction] | None = attrs.field(default=None, converter=_to_directions)

    def __attrs_post_init__(self) -> None:
        low, high = self.min_duration, self.max_duration
        if low is not None and high is not None and low > high:
            msg = (
                "'min_duration' must be <= 'max_duration' "
                f"(got min_duration={low!r}, max_duration={high!r})."
            )
            raise InvalidValueError(msg)

    @property
    def is_empty(self) -> bool:
        """Whether the filter lets every call through."""
        return self == _NO_FILTER

    def matches(self, call: Call) -> bool:
        """Whether *call* passes every filter (R18–R22)."""
        return self.first_failure(call) is None

    def first_failure(self, call: Call) -> Exclusion | None:
        """The first filter *call* fails, in the report's order, or ``None``."""
        return _compiled(self)(call)

    def compile(self) -> Check:
        """One function ``check(call) -> Exclusion | None`` for only what this filter sets."""
        tests, env = self.conditions()
        return _generate(tests, env)

    def conditions(self) -> tuple[list[tuple[str, str]], dict[str, object]]:
        """The filter as ``(Exclusion name, condition on c)`` pairs in the report's order.

        The report generates its loop with these conditions inline, once per report, so the
        per-call cost of a filter is a few comparisons and no function call. The period's
        bounds are in UTC: comparing two datetimes with the same tzinfo object skips the
        offset look-ups, and call logs are usually stored in UTC. The conditions are fixed
        text; values live in the returned namespace.
        """
        env: dict[str, object] = {}
        tests: list[tuple[str, str]] = []
        # A selection of every value is the same as "the value is set": tested as such.
        if self.period is not None:
            env["start"] = self.period.start.astimezone(UTC)
            env["end"] = self.period.end.astimezone(UTC)
            tests.append(("PERIOD", "start <= c.started_at < end"))
        if self.entity_types == _ALL_ENTITIES:
            tests.append(("ENTITY", "c.entity_type is not None"))
        elif self.entity_types is not None:
            env["entities"] = self.entity_types
            tests.append(("ENTITY", "c.entity_type in entities"))
        if self.manager_ids is not None:
            env["managers"] = self.manager_ids
            tests.append(("MANAGER", "c.manager_id in managers"))
        low = self.min_duration or None  # every duration is >= 0
        high = self.max_duration
        if low is not None and high is not None:
            env["low"], env["high"] = low, high
            tests.append(("DURATION", "low <= c.duration <= high"))
        elif low is not None:
            env["low"] = low
            tests.append(("DURATION", "c.duration >= low"))
        elif high is not None:
            env["high"] = high
            tests.append(("DURATION", "c.duration <= high"))
        if self.statuses == _ALL_STATUSES:
            tests.append(("STATUS", "c.status is not None"))
        elif self.statuses is not None:
            env["statuses"] = self.statuses
            tests.append(("STATUS", "c.status in statuses"))
        if self.directions is not None and self.directions != _ALL_DIRECTIONS:
            env["directions"] = self.directions
            tests.append(("DIRECTION", "c.direction in directions"))
        return tests, env

    def unknown_managers(self, known: Iterable[Id]) -> frozenset[Id]:
        """The filter's manager ids that are not in *known*."""
        if self.manager_ids is None:
            return frozenset()
        return self.manager_ids - frozenset(known)


def _generate(tests: list[tuple[str, str]], env: dict[str, object]) -> Check:
    """Generate ``check(c)`` from ``(reason, condition)`` pairs; the conditions are fixed text."""
    env = {**env, "Exclusion": Exclusion}
    lines = ["def check(c):"]
    lines += [f"    if not ({test}): return Exclusion.{reason}" for reason, test in tests]
    lines.append("    return None")
    exec(compile("\n".join(lines), "<callanalytics filter>", "exec"), env)
    check: Check = env["check"]  # type: ignore[assignment]
    return check


@functools.lru_cache(maxsize=64)
def _compiled(flt: Filter) -> Check:
    return flt.compile()


_NO_FILTER = Filter()
_ALL_ENTITIES: frozenset[EntityType] = frozenset(EntityType)
_ALL_STATUSES: frozenset[CallStatus] = frozenset(CallStatus)
_ALL_DIRECTIONS: frozenset[Direction] = frozenset(Direction)
