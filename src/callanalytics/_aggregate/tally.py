"""The mergeable aggregate every report and analysis is a view of (R11–R14, R26, R34–R36).

A :class:`Tally` holds the six figures of the counted calls in *cells*, each keyed by the
manager (``None`` for calls without one) and by the values of the tally's other
*dimensions* — whether a call was answered, the local day or the hour and weekday it started
in, whether it started in business hours — and the number of calls excluded, by reason. The
calls report rolls the cells up to the managers; trends split them by day, the heatmap by hour
and weekday, departments group the managers' rows. Tallies of any split of the calls merge
into the tally of all of them.

:class:`Counts` is the same aggregate while it is being counted: plain lists, changed in
place by the report's loop and by the live report.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from callanalytics._aggregate.figures import ZERO, Figures, count
from callanalytics._kit import checks
from callanalytics._model.enums import Exclusion, Id
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from callanalytics._model.models import Call

__all__ = ["POSITION", "Counts", "Key", "Tally"]

Key = tuple[Hashable, ...]
"""A cell's key: the manager id (or ``None``), then one value per other dimension."""

POSITION: Final[dict[Exclusion, int]] = {reason: i for i, reason in enumerate(Exclusion)}
"""The index of each exclusion in a list of counts by reason."""


def _frozen_map(value: object, field: str) -> Mapping[Any, Any]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise checks.type_error(field, "a mapping or None", value)
    return MappingProxyType(dict(value))


def _cells(value: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    return _frozen_map(value, "cells")


def _excluded(value: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    return _frozen_map(value, "excluded")


def _dimensions(value: object) -> tuple[str, ...]:
    names = tuple(checks.iterable(value, "dimensions", "str"))
    for name in names:
        checks.nonblank(name, "dimensions")
    if len(set(names)) != len(names) or "manager" in names:
        raise checks.value_error("dimensions", "hold distinct names other than 'manager'", value)
    return names


@attrs.frozen
class Tally:
    """Figures per cell, the exclusions and the ties: the report's raw, mergeable data.

    A ``Tally`` is a mergeable value: ``a.merge(b)`` (or ``a + b``) is associative and
    commutative with :meth:`empty` as identity, so partial tallies of any split of the calls
    (chunks, shards, days) merge into the tally of all of them (R26). Zero entries are never
    stored, so equal data gives equal tallies.

    >>> from datetime import datetime, timezone
    >>> from callanalytics import Call
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> a = Tally.empty().add(Call("1", "inbound", at, 60, manager_id=7))
    >>> b = Tally.empty().add(Call("2", "outbound", at, 30)).exclude(Exclusion.NOT_SAVED)
    >>> merged = a + b
    >>> merged.by_manager[7].incoming, merged.unassigned.outgoing, merged.calls
    (1, 1, 3)

    Attributes:
        cells: The figures of each cell, keyed by ``(manager_id, *values)``; the manager is
            ``None`` for calls without one (R13).
        excluded: How many calls are not counted, by reason (R11).
        ties: How many counted calls were matched by a phone several cards share (R7).
        dimensions: The names of the key's values after the manager, e.g. ``("day",)``.
    """

    cells: Mapping[Key, Figures] = attrs.field(factory=dict, converter=_cells)
    excluded: Mapping[Exclusion, int] = attrs.field(factory=dict, converter=_excluded)
    ties: int = attrs.field(default=0)
    dimensions: tuple[str, ...] = attrs.field(default=(), converter=_dimensions)

    def __attrs_post_init__(self) -> None:
        checks.whole(self.ties, "ties", minimum=0)
        counts: Mapping[Any, object] = self.excluded
        for reason, number in counts.items():
            if not isinstance(reason, Exclusion):
                msg = f"'excluded' must be keyed by Exclusion (got {checks.shown(reason)})."
                raise InvalidTypeError(msg)
            if isinstance(number, bool) or not isinstance(number, int) or number < 0:
                msg = (
                    f"'excluded' must hold counts >= 0 "
                    f"(got {checks.shown(number)} for {reason.value!r})."
                )
                raise InvalidValueError(msg)
        size = 1 + len(self.dimensions)
        cells: Mapping[Any, object] = self.cells
        for key, figures in cells.items():
            if not isinstance(key, tuple) or len(key) != size:
                msg = (
                    f"'cells' must be keyed by tuples of {size} values (the manager, then "
                    f"{', '.join(self.dimensions) or 'nothing else'}) (got {checks.shown(key)})."
                )
                raise InvalidValueError(msg)
            if not isinstance(figures, Figures):
                raise checks.type_error("cells", "a mapping of keys to Figures", figures)
        # Canonical form: no zero entries, so equality does not depend on history.
        if any(f == ZERO for f in self.cells.values()):
            kept = {key: f for key, f in self.cells.items() if f != ZERO}
            object.__setattr__(self, "cells", MappingProxyType(kept))
        if any(n == 0 for n in self.excluded.values()):
            kept_reasons = {reason: n for reason, n in self.excluded.items() if n}
            object.__setattr__(self, "excluded", MappingProxyType(kept_reasons))

    @classmethod
    def empty(cls, dimensions: Iterable[str] = ()) -> Tally:
        """The tally of no calls: the identity of :meth:`merge`."""
        return _EMPTY if not dimensions else cls(dimensions=tuple(dimensions))

    @classmethod
    def of(
        cls,
        by_manager: Mapping[Id, Figures] | None = None,
        unassigned: Figures = ZERO,
        excluded: Mapping[Exclusion, int] | None = None,
        ties: int = 0,
    ) -> Tally:
        """A tally with no other dimension than the manager, from its parts.

        >>> Tally.of({7: Figures.of(incoming=1)}, Figures.of(outgoing=2)).counted
        3
        """
        cells: dict[Key, Figures] = {(m,): f for m, f in (by_manager or {}).items()}
        if not isinstance(unassigned, Figures):
            raise checks.type_error("unassigned", "Figures", unassigned)
        if unassigned != ZERO:
            cells[(None,)] = unassigned
        return cls(cells, excluded or {}, ties)

    @property
    def by_manager(self) -> Mapping[Id, Figures]:
        """The figures of each manager with calls, summed over the other dimensions."""
        totals: dict[Id, list[int]] = {}
        for key, figures in self.cells.items():
            manager = key[0]
            if manager is not None:
                line = totals.setdefault(manager, [0] * 6)  # type: ignore[arg-type]
                for i, value in enumerate(figures.as_tuple()):
                    line[i] += value
        return MappingProxyType({m: Figures(*line) for m, line in totals.items()})

    @property
    def unassigned(self) -> Figures:
        """The figures of the calls without a manager (R13), summed over the other dimensions."""
        return Figures.sum(f for key, f in self.cells.items() if key[0] is None)

    @property
    def counted(self) -> int:
        """How many calls are counted: in a manager's row or unassigned."""
        return sum(f.total for f in self.cells.values())

    @property
    def calls(self) -> int:
        """How many calls the tally accounts for: counted plus excluded (R11)."""
        return self.counted + sum(self.excluded.values())

    def add(self, call: Call, *values: Hashable) -> Tally:
        """This tally with *call* counted under its manager (or unassigned, R13).

        *values* are the call's values of the other dimensions, in order.
        """
        if len(values) != len(self.dimensions):
            msg = (
                f"'values' must give one value per dimension {self.dimensions!r} "
                f"(got {checks.shown(values)})."
            )
            raise InvalidValueError(msg)
        key = (call.manager_id, *values)
        counters = [0, 0, 0, 0]
        count(counters, call)
        cells = dict(self.cells)
        cells[key] = cells.get(key, ZERO) + Figures.of_counters(counters)
        return attrs.evolve(self, cells=cells)

    def exclude(self, reason: Exclusion, count: int = 1) -> Tally:
        """This tally with *count* more calls excluded for *reason* (R11)."""
        excluded = dict(self.excluded)
        excluded[reason] = excluded.get(reason, 0) + count
        return attrs.evolve(self, excluded=excluded)

    def merge(self, other: Tally) -> Tally:
        """The tally of the calls of both (R26); both must have the same dimensions."""
        if not isinstance(other, Tally):
            raise checks.type_error("other", "a Tally", other)
        if other.dimensions != self.dimensions:
            msg = (
                "'other' must have the same dimensions "
                f"(got {checks.shown(other.dimensions)} and {self.dimensions!r})."
            )
            raise InvalidValueError(msg)
        cells = dict(self.cells)
        for key, figures in other.cells.items():
            cells[key] = cells.get(key, ZERO) + figures
        excluded = dict(self.excluded)
        for reason, number in other.excluded.items():
            excluded[reason] = excluded.get(reason, 0) + number
        return Tally(cells, excluded, self.ties + other.ties, self.dimensions)

    def __add__(self, other: Tally) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        return self.merge(other)

    def __reduce__(self) -> tuple[type[Tally], tuple[Any, ...]]:
        # Plain dicts: a tally travels between processes (Dask, Spark) with pickle.
        return Tally, (dict(self.cells), dict(self.excluded), self.ties, self.dimensions)

    def rollup(self, *keep: str) -> Tally:
        """The tally with only the dimensions *keep*, in that order, the others summed over.

        >>> tally = Tally({(1, "mon"): Figures.of(incoming=1), (1, "tue"): Figures.of(incoming=2)},
        ...               dimensions=("day",))
        >>> tally.rollup().cells
        mappingproxy({(1,): Figures(incoming=3, outgoing=0, total=3, incoming_duration=0,
                      outgoing_duration=0, total_duration=0)})
        """
        unknown = [name for name in keep if name not in self.dimensions]
        if unknown:
            msg = (
                f"'keep' must name dimensions of the tally {self.dimensions!r} "
                f"(got {checks.shown(unknown)})."
            )
            raise InvalidValueError(msg)
        positions = [1 + self.dimensions.index(name) for name in keep]
        cells: dict[Key, Figures] = {}
        for key, figures in self.cells.items():
            kept = (key[0], *(key[i] for i in positions))
            cells[kept] = cells.get(kept, ZERO) + figures
        return Tally(cells, self.excluded, self.ties, keep)

    def split(self, dimension: str) -> dict[Hashable, Tally]:
        """One tally per value of *dimension*, without it; the exclusions are not split.

        The calls excluded before they had a cell (not in a card, outside the filter…) have no
        value of the dimension: they stay with the whole tally, not with a part.
        """
        if dimension not in self.dimensions:
            msg = (
                f"'dimension' must be one of the tally's dimensions {self.dimensions!r} "
                f"(got {checks.shown(dimension)})."
            )
            raise InvalidValueError(msg)
        i = 1 + self.dimensions.index(dimension)
        rest = tuple(name for name in self.dimensions if name != dimension)
        parts: dict[Hashable, dict[Key, Figures]] = {}
        for key, figures in self.cells.items():
            parts.setdefault(key[i], {})[key[:i] + key[i + 1 :]] = figures
        return {value: Tally(cells, dimensions=rest) for value, cells in parts.items()}


_EMPTY: Final = Tally()


class Counts:
    """A tally while it is being counted: plain mutable lists, no object per call.

    ``cells`` maps each key to its counters (:data:`~callanalytics._aggregate.figures.COUNTED`
    order); with no other dimension than the manager, the key is the manager id itself (the
    report's loop looks it up once per call). ``excluded`` holds the count of each reason at
    its :data:`POSITION`; ``read`` is how many items were read, to check that every one of them
    is accounted for (R11).
    """

    __slots__ = ("bare", "cells", "dimensions", "excluded", "read", "ties")

    def __init__(self, dimensions: tuple[str, ...] = ()) -> None:
        self.dimensions = dimensions
        self.bare = not dimensions  # keys are manager ids, not tuples
        self.cells: dict[Hashable, list[int]] = {}
        self.excluded = [0] * len(POSITION)
        self.read = 0
        self.ties = 0

    def count(self, key: Key, call: Call, times: int = 1) -> None:
        """Count *call* in the cell *key* (``times=-1`` takes it out again)."""
        cell = key[0] if self.bare else key
        counters = self.cells.get(cell)
        if counters is None:
            counters = self.cells[cell] = [0, 0, 0, 0]
        count(counters, call, times)

    def exclude(self, reason: Exclusion, times: int = 1) -> None:
        """Count one more call (or ``times`` more) excluded for *reason*."""
        self.excluded[POSITION[reason]] += times

    def to_tally(self) -> Tally:
        """The counted figures as a frozen :class:`Tally`."""
        cells = {
            (key,) if self.bare else key: Figures.of_counters(counters)
            for key, counters in self.cells.items()
        }
        excluded = dict(zip(Exclusion, self.excluded, strict=True))
        return Tally(cells, excluded, self.ties, self.dimensions)
