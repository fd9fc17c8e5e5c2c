"""The report's filters, combined with AND (R18–R22)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from callanalytics._kit import checks
from callanalytics._model.enums import CLIENT_CARDS, CallStatus, Direction, EntityType, Exclusion
from callanalytics._model.models import Call, Id
from callanalytics._rules.steps import Check, ColumnTest
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from callanalytics._model.period import Period

__all__ = ["Filter"]

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
            f"(got {checks.shown(value)} of type {_kind(value)})."
        )
        raise InvalidTypeError(msg)
    items = list(value)
    if not items:
        msg = f"{field!r} must not be empty: use None for 'any' (got {checks.shown(value)})."
        raise InvalidValueError(msg)
    return items


def _enum_selection(
    field: str, enum_type: type[_E], members: Iterable[_E] | None = None
) -> Callable[[object], frozenset[_E] | None]:
    """A converter: ``None`` stays ``None``; members or their string values become a frozenset.

    *members* are the members a selection may hold (all by default).
    """
    chosen = list(enum_type) if members is None else [m for m in enum_type if m in members]
    allowed = ", ".join(repr(m.value) for m in chosen)

    def item(value: object) -> _E:
        if isinstance(value, enum_type) and value in chosen:
            return value
        if not isinstance(value, str) or (isinstance(value, enum.Enum) and value not in chosen):
            kind = _kind(value)
            msg = f"{field!r} must hold {allowed} (got {checks.shown(value)} of type {kind})."
            raise InvalidTypeError(msg)
        for member in chosen:
            if value == member.value:
                return member
        msg = f"{field!r} must hold {allowed} (got {checks.shown(value)})."
        raise InvalidValueError(msg)

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
            f"(got {checks.shown(value)} of type {_kind(value)})."
        )
        raise InvalidTypeError(msg)
    try:
        return CallStatus(value)
    except ValueError:
        msg = f"'statuses' must hold call status codes 1..7 (got {checks.shown(value)})."
        raise InvalidValueError(msg) from None


def _manager_id(value: object) -> Id:
    """A manager id of the selection: an ``int`` >= 0 or a non-empty ``str``."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        msg = (
            "'manager_ids' must hold manager ids, ints or strs "
            f"(got {checks.shown(value)} of type {_kind(value)})."
        )
        raise InvalidTypeError(msg)
    if isinstance(value, int) and value < 0:
        msg = f"'manager_ids' must hold ids >= 0 (got {checks.shown(value)})."
        raise InvalidValueError(msg)
    if isinstance(value, int):
        checks.printable(value, "manager_ids")
    if isinstance(value, str) and not value.strip():
        msg = f"'manager_ids' must hold non-empty ids (got {checks.shown(value)})."
        raise InvalidValueError(msg)
    return value


def _to_entities(value: object) -> frozenset[EntityType] | None:
    return _enum_selection("entity_types", EntityType, CLIENT_CARDS)(value)


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
            f"(got {checks.shown(twins[0])} and {checks.shown(str(twins[0]))})."
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
        msg = (
            f"'period' must be a Period or None (got {checks.shown(value)} of type {_kind(value)})."
        )
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
    _steps: tuple[Check, ...] | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False, alias="_steps"
    )

    def __attrs_post_init__(self) -> None:
        low, high = self.min_duration, self.max_duration
        if low is not None and high is not None and low > high:
            msg = (
                "'min_duration' must be <= 'max_duration' "
                f"(got min_duration={checks.shown(low)}, max_duration={checks.shown(high)})."
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
            raise checks.type_error("call", "a Call", call)
        entity = call.entity_type
        for step in self.steps():
            if not step.passes(call, entity):
                return step.reason
        return None

    def steps(self) -> tuple[Check, ...]:
        """The filter as steps of the routing spec, in the report's order, for what it sets.

        Each step holds its test twice (see :class:`~callanalytics._rules.steps.Check`): as
        plain Python, and as an expression the report's loop runs inline. Two simplifications
        keep the expressions short, and are exactly equivalent: a selection of every value of
        an enum is "the value is set" (a call with no status or no card still fails it; every
        call has a direction, so a selection of both is no test at all), and
        ``min_duration=0`` is no bound (durations are never negative).

        The period compares instants. Its bounds are in UTC, so a call stored in UTC shares
        their tzinfo: the fastest comparison, by wall time, exact in UTC. A call in another
        zone is converted to UTC first: never a comparison of wall times across a DST change
        (a call in a repeated hour is placed by its ``fold``).
        """
        steps = self._steps
        if steps is None:  # built once per filter, kept on the (immutable) instance
            steps = tuple(self._build_steps())
            object.__setattr__(self, "_steps", steps)
        return steps

    def _build_steps(self) -> Iterator[Check]:
        if self.period is not None:
            yield _period_check(self.period)
        if self.entity_types is not None:
            yield _entity_check(self.entity_types)
        if self.manager_ids is not None:
            yield _manager_check(self.manager_ids)
        if (self.min_duration or None) is not None or self.max_duration is not None:
            yield _duration_check(self.min_duration or 0, self.max_duration)
        if self.statuses is not None:
            yield _status_check(self.statuses)
        if self.directions is not None and self.directions != _ALL_DIRECTIONS:
            yield _direction_check(self.directions)

    def unknown_managers(self, known: Iterable[Id]) -> frozenset[Id]:
        """The filter's manager ids that are not in *known* (R20)."""
        if self.manager_ids is None:
            return frozenset()
        return self.manager_ids - frozenset(known)


def _period_check(period: Period) -> Check:
    """R18: the call started in the period, compared as instants."""
    start, end = period.start.astimezone(UTC), period.end.astimezone(UTC)

    def in_period(call: Call, entity: EntityType | None) -> bool:
        return start <= call.started_at.astimezone(UTC) < end

    return Check(
        "period",
        "R18",
        Exclusion.PERIOD,
        in_period,
        "period_start <= (period_at if (period_at := c.started_at).tzinfo is period_utc"
        " else period_at.astimezone(period_utc)) < period_end",
        ColumnTest("period", "started_at", low=start, high=end),
        {"period_start": start, "period_end": end, "period_utc": UTC},
    )


def _entity_check(selected: frozenset[EntityType]) -> Check:
    """R19: the call is in a card of a selected entity type (its own card or the matched one)."""

    def of_entity(call: Call, entity: EntityType | None) -> bool:
        return entity in selected

    if selected == _ALL_ENTITIES:
        present = ColumnTest("present", "entity")
        return Check("entity", "R19", Exclusion.ENTITY, of_entity, "entity is not None", present)
    return Check(
        "entity",
        "R19",
        Exclusion.ENTITY,
        of_entity,
        "entity in entity_selected",
        ColumnTest("member", "entity", frozenset(e.value for e in selected)),
        {"entity_selected": selected},
    )


def _manager_check(selected: frozenset[Id]) -> Check:
    """R20: the call's manager is selected; a call with no manager is not."""

    def of_manager(call: Call, entity: EntityType | None) -> bool:
        return call.manager_id in selected

    return Check(
        "manager",
        "R20",
        Exclusion.MANAGER,
        of_manager,
        "c.manager_id in manager_selected",
        ColumnTest("member", "manager_id", frozenset(selected)),
        {"manager_selected": selected},
    )


def _duration_check(low: int, high: int | None) -> Check:
    """R21: the duration is within the bounds, both inclusive."""

    def within(call: Call, entity: EntityType | None) -> bool:
        return low <= call.duration and (high is None or call.duration <= high)

    names = {"duration_low": low, "duration_high": high}
    if high is None:
        inline = "c.duration >= duration_low"
    elif low == 0:  # every duration is >= 0
        inline = "c.duration <= duration_high"
    else:
        inline = "duration_low <= c.duration <= duration_high"
    columns = ColumnTest("between", "duration", low=low, high=high)
    return Check("duration", "R21", Exclusion.DURATION, within, inline, columns, names)


def _status_check(selected: frozenset[CallStatus]) -> Check:
    """R22: the call has one of the selected statuses; a call with none never has."""

    def of_status(call: Call, entity: EntityType | None) -> bool:
        return call.status in selected

    if selected == _ALL_STATUSES:
        present = ColumnTest("present", "status")
        return Check("status", "R22", Exclusion.STATUS, of_status, "c.status is not None", present)
    return Check(
        "status",
        "R22",
        Exclusion.STATUS,
        of_status,
        "c.status in status_selected",
        ColumnTest("member", "status", frozenset(int(s) for s in selected)),
        {"status_selected": selected},
    )


def _direction_check(selected: frozenset[Direction]) -> Check:
    """The call's direction is selected (the page's filters combine with the report's columns)."""

    def of_direction(call: Call, entity: EntityType | None) -> bool:
        return call.direction in selected

    return Check(
        "direction",
        "—",
        Exclusion.DIRECTION,
        of_direction,
        "c.direction in direction_selected",
        ColumnTest("member", "direction", frozenset(d.value for d in selected)),
        {"direction_selected": selected},
    )


_NO_FILTER = Filter()
_ALL_ENTITIES: frozenset[EntityType] = CLIENT_CARDS
_ALL_STATUSES: frozenset[CallStatus] = frozenset(CallStatus)
_ALL_DIRECTIONS: frozenset[Direction] = frozenset(Direction)
