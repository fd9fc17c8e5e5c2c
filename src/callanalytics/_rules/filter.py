"""The report's filters, combined with AND (R18–R22)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus, Direction, EntityType, Exclusion
from callanalytics._model.models import Call, Id
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from callanalytics._model.period import Period

__all__ = ["Check", "Filter"]

Check = Callable[[Call], Exclusion | None]
"""A compiled filter: the first failing check of a call, or ``None`` when it passes."""

_E = TypeVar("_E", bound=enum.Enum)


def _kind(value: object) -> str:
    return type(value).__name__


def _items(field: str, value: object) -> list[object]:
    """The values of a selection: one value, or the items of a collection (not empty).

    A single ``str`` is one value (one id, one enum value), never a sequence of letters.
    ``bytes`` and mappings are refused rather than iterated (into ints, into keys).
    """
    if isinstance(value, str | int | enum.Enum):
        return [value]
    if isinstance(value, bytes | bytearray | memoryview | Mapping) or not isinstance(
        value, Iterable
    ):
        msg = (
            f"{field!r} must be None, one value or a collection of values "
            f"(got {value!r} of type {_kind(value)})."
        )
        raise InvalidTypeError(msg)
    items = list(value)
    if not items:
        msg = f"{field!r} must not be empty: use None for 'any' (got {value!r})."
        raise InvalidValueError(msg)
    return items


def _enum_selection(field: str, enum_type: type[_E]) -> Callable[[object], frozenset[_E] | None]:
    """A converter: ``None`` stays ``None``; members or their string values become a frozenset."""
    allowed = ", ".join(repr(m.value) for m in enum_type)

    def item(value: object) -> _E:
        if isinstance(value, enum_type):
            return value
        if not isinstance(value, str) or isinstance(value, enum.Enum):
            msg = f"{field!r} must hold {allowed} (got {value!r} of type {_kind(value)})."
            raise InvalidTypeError(msg)
        try:
            return enum_type(value)
        except ValueError:
            msg = f"{field!r} must hold {allowed} (got {value!r})."
            raise InvalidValueError(msg) from None

    def convert(value: object) -> frozenset[_E] | None:
        return None if value is None else frozenset(item(v) for v in _items(field, value))

    return convert


def _status(value: object) -> CallStatus:
    """A status of the selection: a :class:`CallStatus` or its amoCRM code 1..7 (R2)."""
    if isinstance(value, CallStatus):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        msg = (
            "'statuses' must hold call statuses: CallStatus members or codes 1..7 "
            f"(got {value!r} of type {_kind(value)})."
        )
        raise InvalidTypeError(msg)
    try:
        return CallStatus(value)
    except ValueError:
        msg = f"'statuses' must hold call status codes 1..7 (got {value!r})."
        raise InvalidValueError(msg) from None


def _manager_id(value: object) -> Id:
    """A manager id of the selection: an ``int`` >= 0 or a non-empty ``str``."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        msg = (
            "'manager_ids' must hold manager ids, ints or strs "
            f"(got {value!r} of type {_kind(value)})."
        )
        raise InvalidTypeError(msg)
    if isinstance(value, int) and value < 0:
        msg = f"'manager_ids' must hold ids >= 0 (got {value!r})."
        raise InvalidValueError(msg)
    if isinstance(value, str) and not value.strip():
        msg = f"'manager_ids' must hold non-empty ids (got {value!r})."
        raise InvalidValueError(msg)
    return value


def _to_entities(value: object) -> frozenset[EntityType] | None:
    return _enum_selection("entity_types", EntityType)(value)


def _to_directions(value: object) -> frozenset[Direction] | None:
    return _enum_selection("directions", Direction)(value)


def _to_statuses(value: object) -> frozenset[CallStatus] | None:
    return None if value is None else frozenset(_status(v) for v in _items("statuses", value))


def _to_manager_ids(value: object) -> frozenset[Id] | None:
    if value is None:
        return None
    ids = frozenset(_manager_id(v) for v in _items("manager_ids", value))
    # Ids compare exactly (1 != "1"); holding both is a parsing slip, not a selection.
    twins = sorted(i for i in ids if isinstance(i, int) and str(i) in ids)
    if twins:
        msg = (
            "'manager_ids' must not hold one id both as an int and as a str "
            f"(got {twins[0]!r} and {str(twins[0])!r})."
        )
        raise InvalidValueError(msg)
    return ids


def _seconds(value: object, field: str) -> int:
    return checks.whole(value, field, "a whole number of seconds (int)", minimum=0)


def _to_min(value: object) -> int | None:
    return None if value is None else _seconds(value, "min_duration")


def _to_max(value: object) -> int | None:
    return None if value is None else _seconds(value, "max_duration")


def _check_period(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    from callanalytics._model.period import Period

    if value is not None and not isinstance(value, Period):
        msg = f"'period' must be a Period or None (got {value!r} of type {_kind(value)})."
        raise InvalidTypeError(msg)


@attrs.frozen
class Filter:
    """The report's filters (R18–R22); ``None`` means "any", the filters combine with AND.

    >>> f = Filter(statuses=[4], min_duration=60, entity_types="contacts")
    >>> f.statuses, f.entity_types
    (frozenset({<CallStatus.TALKED: 4>}), frozenset({<EntityType.CONTACT: 'contacts'>}))

    Each selection takes one value or a collection of values and is stored as a frozenset;
    strings become enums and ints 1..7 become :class:`CallStatus`. An empty selection, a
    negative bound or ``min_duration > max_duration`` is an error naming the field.

    Attributes:
        period: The calls whose start falls in this half-open period (R18).
        entity_types: The calls attached to a contact and/or a company card (R19).
        manager_ids: The calls of these managers; a call with no manager is left out (R20).
        min_duration: The calls lasting at least this many seconds, inclusive (R21).
        max_duration: The calls lasting at most this many seconds, inclusive (R21).
        statuses: The calls with one of these statuses; a call with no status never matches
            (R22), and is not affected when ``statuses`` is ``None``.
        directions: The incoming and/or the outgoing calls.
    """

    period: Period | None = attrs.field(default=None, validator=_check_period)
    entity_types: frozenset[EntityType] | None = attrs.field(default=None, converter=_to_entities)
    manager_ids: frozenset[Id] | None = attrs.field(default=None, converter=_to_manager_ids)
    min_duration: int | None = attrs.field(default=None, converter=_to_min)
    max_duration: int | None = attrs.field(default=None, converter=_to_max)
    statuses: frozenset[CallStatus] | None = attrs.field(default=None, converter=_to_statuses)
    directions: frozenset[Direction] | None = attrs.field(default=None, converter=_to_directions)
    _check: Check | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False, alias="_check"
    )

    def __attrs_post_init__(self) -> None:
        low, high = self.min_duration, self.max_duration
        if low is not None and high is not None and low > high:
            msg = (
                "'min_duration' must be <= 'max_duration' "
                f"(got min_duration={low!r}, max_duration={high!r})."
            )
            raise InvalidValueError(msg)

    @classmethod
    def from_query(
        cls,
        query: Mapping[str, str | Sequence[str]],
        *,
        now: datetime,
        tz: str | tzinfo,
        ignore: Iterable[str] = (),
    ) -> Filter:
        """The filter a host's UI sends as query parameters (strings); see :doc:`filters`.

        >>> from datetime import datetime, timezone
        >>> now = datetime(2026, 11, 20, 15, tzinfo=timezone.utc)
        >>> f = Filter.from_query({"period": "this_week", "statuses": "4,busy",
        ...                        "min_duration": "00:01:00"}, now=now, tz="Europe/Moscow")
        >>> print(f.period)
        [2026-11-16 00:00:00+03:00, 2026-11-23 00:00:00+03:00)
        >>> sorted(f.statuses), f.min_duration
        ([<CallStatus.TALKED: 4>, <CallStatus.BUSY: 7>], 60)

        Args:
            query: The parameters, each a string or a list of strings (a multi-dict with
                ``getall`` or ``getlist`` is read in full). An empty string means "not set".
            now: The current moment, for the ``period`` presets (the clock is never read).
            tz: The account's timezone, for ``period`` and ``from``/``to``.
            ignore: Other parameters of the host's page to skip; any other unknown name is
                an error.

        Raises:
            InvalidValueError: A parameter is unknown or holds a bad value; the message names
                the parameter.
            InvalidTypeError: ``query`` is not a mapping of strings, or ``now``/``tz`` has the
                wrong type.
        """
        from callanalytics._rules.query import filter_from_query

        return filter_from_query(query, now=now, tz=tz, ignore=ignore)

    @property
    def is_empty(self) -> bool:
        """Whether the filter sets nothing, so that it lets every call through."""
        return self == _NO_FILTER

    def matches(self, call: Call) -> bool:
        """Whether *call* passes every filter (R18–R22).

        Only the filters are checked: whether the call is in a card and whether its manager
        is one of the account's is the report's business (:func:`build_report`).
        """
        return self.first_failure(call) is None

    def first_failure(self, call: Call) -> Exclusion | None:
        """The first filter *call* fails, in the report's order, or ``None`` if it passes.

        The order is period, entity, manager, duration, status, direction: a call failing
        several filters is counted by the report under the first of them.
        """
        if not isinstance(call, Call):
            msg = f"'call' must be a Call (got {call!r} of type {_kind(call)})."
            raise InvalidTypeError(msg)
        check = self._check
        if check is None:  # compiled once per filter, kept on the (immutable) instance
            check = self.compile()
            object.__setattr__(self, "_check", check)
        return check(call)

    def compile(self) -> Check:
        """One function ``check(call) -> Exclusion | None`` for only what this filter sets."""
        tests, env = self.conditions()
        return _generate(tests, env)

    def conditions(self) -> tuple[list[tuple[str, str]], dict[str, object]]:
        """The filter as ``(Exclusion name, condition on c)`` pairs in the report's order.

        The report generates its loop with these conditions inline, once per report, so the
        per-call cost of a filter is a few comparisons. The conditions are fixed text; the
        values they use live in the returned namespace, under names that start with
        ``filter_`` (the loop's own names never do).

        Two simplifications keep the loop short, and are exactly equivalent: a selection of
        every value of an enum is "the value is set" (a call with no status or no card still
        fails it; every call has a direction, so a selection of both is no test at all), and
        ``min_duration=0`` is no bound (durations are never negative).

        The period compares instants. Its bounds are in UTC, so a call stored in UTC shares
        their tzinfo: the fastest comparison, by wall time, exact in UTC. A call in another
        zone is converted to UTC first: never a comparison of wall times across a DST change
        (a call in a repeated hour is placed by its ``fold``), and cheaper than comparing
        datetimes of two different tzinfos.
        """
        env: dict[str, object] = {}
        tests: list[tuple[str, str]] = []
        if self.period is not None:
            start, end = self.period.start.astimezone(UTC), self.period.end.astimezone(UTC)
            env["filter_start"], env["filter_end"], env["filter_utc"] = start, end, UTC
            tests.append(
                (
                    "PERIOD",
                    "filter_start <= (filter_at if (filter_at := c.started_at).tzinfo is filter_utc"
                    " else filter_at.astimezone(filter_utc)) < filter_end",
                )
            )
        if self.entity_types == _ALL_ENTITIES:
            tests.append(("ENTITY", "entity is not None"))
        elif self.entity_types is not None:
            env["filter_entities"] = self.entity_types
            tests.append(("ENTITY", "entity in filter_entities"))
        if self.manager_ids is not None:
            env["filter_managers"] = self.manager_ids
            tests.append(("MANAGER", "c.manager_id in filter_managers"))
        low = self.min_duration or None  # every duration is >= 0
        high = self.max_duration
        if low is not None and high is not None:
            env["filter_low"], env["filter_high"] = low, high
            tests.append(("DURATION", "filter_low <= c.duration <= filter_high"))
        elif low is not None:
            env["filter_low"] = low
            tests.append(("DURATION", "c.duration >= filter_low"))
        elif high is not None:
            env["filter_high"] = high
            tests.append(("DURATION", "c.duration <= filter_high"))
        if self.statuses == _ALL_STATUSES:
            tests.append(("STATUS", "c.status is not None"))
        elif self.statuses is not None:
            env["filter_statuses"] = self.statuses
            tests.append(("STATUS", "c.status in filter_statuses"))
        if self.directions is not None and self.directions != _ALL_DIRECTIONS:
            env["filter_directions"] = self.directions
            tests.append(("DIRECTION", "c.direction in filter_directions"))
        return tests, env

    def unknown_managers(self, known: Iterable[Id]) -> frozenset[Id]:
        """The filter's manager ids that are not in *known* (R20)."""
        if self.manager_ids is None:
            return frozenset()
        return self.manager_ids - frozenset(known)


_SAFE_SPAN: Final = timedelta(hours=48)
_SAFE_STEP: Final = timedelta(minutes=30)


def _generate(tests: list[tuple[str, str]], env: dict[str, object]) -> Check:
    """Generate ``check(c)`` from ``(reason, condition)`` pairs; the conditions are fixed text."""
    env = {**env, "Exclusion": Exclusion}
    lines = ["def check(c):", "    entity = c.entity_type"]
    lines += [f"    if not ({test}): return Exclusion.{reason}" for reason, test in tests]
    lines.append("    return None")
    exec(compile("\n".join(lines), "<callanalytics filter>", "exec"), env)
    check: Check = env["check"]  # type: ignore[assignment]
    return check


_NO_FILTER = Filter()
_ALL_ENTITIES: frozenset[EntityType] = frozenset(EntityType)
_ALL_STATUSES: frozenset[CallStatus] = frozenset(CallStatus)
_ALL_DIRECTIONS: frozenset[Direction] = frozenset(Direction)
