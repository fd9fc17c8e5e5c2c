"""The mergeable per-manager figures the report is made of (R12–R14, R11)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from callanalytics._model.enums import Direction, Exclusion
from callanalytics._model.models import Call, Id
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = ["ZERO", "Figures", "Tally"]


def _count(inst: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"{attribute.name!r} must be an int >= 0 (got {value!r})."
        raise InvalidValueError(msg)


@attrs.frozen
class Figures:
    """The six figures of a report row: counts and whole seconds, incoming / outgoing / total.

    ``Figures`` add up (``a + b``), so rows, totals and partial results merge.

    >>> Figures.of(incoming=2, outgoing=1, incoming_duration=90, outgoing_duration=30)
    Figures(incoming=2, outgoing=1, total=3, incoming_duration=90, outgoing_duration=30,
            total_duration=120)
    """

    incoming: int = attrs.field(default=0, validator=_count)
    outgoing: int = attrs.field(default=0, validator=_count)
    total: int = attrs.field(default=0, validator=_count)
    incoming_duration: int = attrs.field(default=0, validator=_count)
    outgoing_duration: int = attrs.field(default=0, validator=_count)
    total_duration: int = attrs.field(default=0, validator=_count)

    @classmethod
    def of(
        cls,
        *,
        incoming: int = 0,
        outgoing: int = 0,
        incoming_duration: int = 0,
        outgoing_duration: int = 0,
    ) -> Figures:
        """Figures whose totals are the sums of their incoming and outgoing parts (R14)."""
        return cls(
            incoming,
            outgoing,
            incoming + outgoing,
            incoming_duration,
            outgoing_duration,
            incoming_duration + outgoing_duration,
        )

    @classmethod
    def of_call(cls, call: Call) -> Figures:
        """The figures of one call."""
        if call.direction is Direction.INCOMING:
            return cls.of(incoming=1, incoming_duration=call.duration)
        return cls.of(outgoing=1, outgoing_duration=call.duration)

    def __add__(self, other: Figures) -> Figures:
        if not isinstance(other, Figures):
            return NotImplemented
        return Figures(
            self.incoming + other.incoming,
            self.outgoing + other.outgoing,
            self.total + other.total,
            self.incoming_duration + other.incoming_duration,
            self.outgoing_duration + other.outgoing_duration,
            self.total_duration + other.total_duration,
        )

    def as_tuple(self) -> tuple[int, int, int, int, int, int]:
        """The six figures in the report's column order."""
        return (
            self.incoming,
            self.outgoing,
            self.total,
            self.incoming_duration,
            self.outgoing_duration,
            self.total_duration,
        )

    @classmethod
    def sum(cls, figures: Iterable[Figures]) -> Figures:
        """The sum of *figures*; :data:`ZERO` for none."""
        result = ZERO
        for item in figures:
            result = result + item
        return result


ZERO = Figures()
"""Figures of no calls: the identity of ``+``."""


def _frozen_map(value: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value or {}))


@attrs.frozen
class Tally:
    """Per-manager figures, the unassigned calls and the exclusions: the report's raw data.

    A ``Tally`` is a mergeable value: ``a.merge(b)`` (or ``a + b``) is associative and
    commutative with :meth:`empty` as identity, so partial tallies of any split of the calls
    (chunks, shards, days) merge into the tally of all of them (R26). Zero entries are never
    stored, so equal data gives equal tallies.

    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> a = Tally.empty().add(Call("1", "inbound", at, 60, manager_id=7))
    >>> b = Tally.empty().add(Call("2", "outbound", at, 30)).exclude(Exclusion.NOT_SAVED)
    >>> merged = a + b
    >>> merged.by_manager[7].incoming, merged.unassigned.outgoing, merged.calls
    (1, 1, 3)
    """

    by_manager: Mapping[Id, Figures] = attrs.field(factory=dict, converter=_frozen_map)
    unassigned: Figures = ZERO
    excluded: Mapping[Exclusion, int] = attrs.field(factory=dict, converter=_frozen_map)
    ties: int = attrs.field(default=0, validator=_count)
    """How many calls were matched by a phone that several cards share (R7 decision)."""

    def __attrs_post_init__(self) -> None:
        counts: Mapping[Any, object] = self.excluded
        for reason, count in counts.items():
            if not isinstance(reason, Exclusion):
                msg = f"'excluded' must be keyed by Exclusion (got {reason!r})."
                raise InvalidTypeError(msg)
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                msg = f"'excluded' must hold counts >= 0 (got {count!r} for {reason.value!r})."
                raise InvalidValueError(msg)
        held: tuple[object, ...] = (*self.by_manager.values(), self.unassigned)
        for figures in held:
            if not isinstance(figures, Figures):
                msg = f"'by_manager' and 'unassigned' must hold Figures (got {figures!r})."
                raise InvalidTypeError(msg)
        # Canonical form: no zero entries, so equality does not depend on history.
        if any(f == ZERO for f in self.by_manager.values()) or any(
            n == 0 for n in self.excluded.values()
        ):
            object.__setattr__(
                self,
                "by_manager",
                MappingProxyType({k: f for k, f in self.by_manager.items() if f != ZERO}),
            )
            object.__setattr__(
                self,
                "excluded",
                MappingProxyType({k: n for k, n in self.excluded.items() if n}),
            )

    @classmethod
    def empty(cls) -> Tally:
        """The tally of no calls: the identity of :meth:`merge`."""
        return _EMPTY

    @property
    def counted(self) -> int:
        """How many calls are counted: in a manager's row or unassigned."""
        return sum(f.total for f in self.by_manager.values()) + self.unassigned.total

    @property
    def calls(self) -> int:
        """How many calls the tally accounts for: counted plus excluded (R11)."""
        return self.counted + sum(self.excluded.values())

    def add(self, call: Call) -> Tally:
        """This tally with *call* counted under its manager, or as unassigned (R13)."""
        figures = Figures.of_call(call)
        if call.manager_id is None:
            return attrs.evolve(self, unassigned=self.unassigned + figures)
        by_manager = dict(self.by_manager)
        by_manager[call.manager_id] = by_manager.get(call.manager_id, ZERO) + figures
        return attrs.evolve(self, by_manager=by_manager)

    def exclude(self, reason: Exclusion, count: int = 1) -> Tally:
        """This tally with *count* more calls excluded for *reason* (R11)."""
        excluded = dict(self.excluded)
        excluded[reason] = excluded.get(reason, 0) + count
        return attrs.evolve(self, excluded=excluded)

    def merge(self, other: Tally) -> Tally:
        """The tally of the calls of both (R26)."""
        if not isinstance(other, Tally):
            msg = f"'other' must be a Tally (got {other!r} of type {type(other).__name__})."
            raise InvalidTypeError(msg)
        by_manager = dict(self.by_manager)
        for manager_id, figures in other.by_manager.items():
            by_manager[manager_id] = by_manager.get(manager_id, ZERO) + figures
        excluded = dict(self.excluded)
        for reason, count in other.excluded.items():
            excluded[reason] = excluded.get(reason, 0) + count
        return Tally(
            by_manager, self.unassigned + other.unassigned, excluded, self.ties + other.ties
        )

    def __add__(self, other: Tally) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        return self.merge(other)


_EMPTY = Tally()


POSITION: dict[Exclusion, int] = {reason: i for i, reason in enumerate(Exclusion)}
"""The index of each exclusion in the accumulator's list of counts."""


class Accumulator:
    """A mutable tally for the report loop: plain lists, no object per call."""

    __slots__ = ("by_manager", "excluded", "read", "ties", "unassigned")

    def __init__(self) -> None:
        self.read = 0  # items read from the input, to check reconciliation (R11)
        self.ties = 0  # calls matched through a phone key several cards share (R7)
        # [incoming, outgoing, incoming_duration, outgoing_duration]
        self.by_manager: dict[Id, list[int]] = {}
        self.unassigned = [0, 0, 0, 0]
        self.excluded = [0] * len(POSITION)  # counts by POSITION of the Exclusion

    def to_tally(self) -> Tally:
        """Freeze the accumulated figures."""

        def figures(v: list[int]) -> Figures:
            return Figures.of(
                incoming=v[0], outgoing=v[1], incoming_duration=v[2], outgoing_duration=v[3]
            )

        return Tally(
            {k: figures(v) for k, v in self.by_manager.items()},
            figures(self.unassigned),
            dict(zip(Exclusion, self.excluded, strict=True)),
            self.ties,
        )
