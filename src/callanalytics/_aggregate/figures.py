"""The six figures of a report line, defined once (R12–R14).

Every line of the report — a manager's row, the total, the average, the calls without a
manager — has the same six figures: incoming, outgoing and total counts, and the same three
for durations in whole seconds. :class:`SixFigures` declares them; everything that holds six
figures (the counts themselves, a row, a bar of the graph, the change between two reports
and that change in percent) is a :class:`SixFigures` of its own value type, and the records,
the columns of the tables and the counters of the report's loop are derived from
:data:`FIGURES` and :data:`COUNTED`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar

import attrs

from callanalytics._kit import checks
from callanalytics._model.enums import Direction

if TYPE_CHECKING:
    from callanalytics._model.models import Call

__all__ = [
    "COUNTED",
    "DURATIONS",
    "FIGURES",
    "ZERO",
    "Delta",
    "Figures",
    "Percent",
    "SixFigures",
    "count",
    "percent_change",
]

T = TypeVar("T")


def _zero(line: SixFigures[Any]) -> Any:
    return line.NOTHING


@attrs.frozen
class SixFigures(Generic[T]):
    """Six values, one per figure of a report line, in the report's column order.

    Each kind of line says what a figure holds (``T``) and what "nothing" is
    (:attr:`NOTHING`, the default of every figure).
    """

    NOTHING: ClassVar[object] = 0

    incoming: T = attrs.field(default=attrs.Factory(_zero, takes_self=True))
    """Incoming calls."""
    outgoing: T = attrs.field(default=attrs.Factory(_zero, takes_self=True))
    """Outgoing calls."""
    total: T = attrs.field(default=attrs.Factory(_zero, takes_self=True))
    """All calls: incoming + outgoing (R14)."""
    incoming_duration: T = attrs.field(default=attrs.Factory(_zero, takes_self=True))
    """Seconds of incoming calls."""
    outgoing_duration: T = attrs.field(default=attrs.Factory(_zero, takes_self=True))
    """Seconds of outgoing calls."""
    total_duration: T = attrs.field(default=attrs.Factory(_zero, takes_self=True))
    """Seconds of all calls (R14)."""

    def as_tuple(self) -> tuple[T, ...]:
        """The six figures in the report's column order (:data:`FIGURES`)."""
        return tuple(getattr(self, name) for name in FIGURES)


FIGURES: Final[tuple[str, ...]] = tuple(field.name for field in attrs.fields(SixFigures))
"""The names of the six figures, in the report's column order."""

DURATIONS: Final[frozenset[str]] = frozenset(name for name in FIGURES if name.endswith("_duration"))
"""The three figures that are durations in seconds (shown as HH:MM:SS, R16)."""

COUNTED: Final = ("incoming", "outgoing", "incoming_duration", "outgoing_duration")
"""What is counted call by call, in the order of a counter list; the totals follow (R14)."""


def _check_counts(line: Figures) -> None:
    for name in FIGURES:
        value = getattr(line, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise checks.value_error(name, "be an int >= 0", value)


@attrs.frozen
class Figures(SixFigures[int]):
    """The six figures as counts and whole seconds; they add up (``a + b``).

    >>> Figures.of(incoming=2, outgoing=1, incoming_duration=90, outgoing_duration=30)
    Figures(incoming=2, outgoing=1, total=3, incoming_duration=90, outgoing_duration=30,
            total_duration=120)
    """

    def __attrs_post_init__(self) -> None:
        _check_counts(self)

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
    def of_counters(cls, counters: Sequence[int]) -> Figures:
        """The figures of a counter list, in the order of :data:`COUNTED`."""
        incoming, outgoing, incoming_duration, outgoing_duration = counters
        return cls.of(
            incoming=incoming,
            outgoing=outgoing,
            incoming_duration=incoming_duration,
            outgoing_duration=outgoing_duration,
        )

    @classmethod
    def of_call(cls, call: Call) -> Figures:
        """The figures of one call."""
        counters = [0, 0, 0, 0]
        count(counters, call)
        return cls.of_counters(counters)

    def __add__(self, other: Figures) -> Figures:
        if not isinstance(other, Figures):
            return NotImplemented
        return Figures(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    @classmethod
    def sum(cls, figures: Iterable[SixFigures[int]]) -> Figures:
        """The sum of *figures* (rows too); :data:`ZERO` for none."""
        totals = [0] * len(FIGURES)
        for line in figures:
            for i, value in enumerate(line.as_tuple()):
                totals[i] += value
        return cls(*totals)


ZERO: Final = Figures()
"""Figures of no calls: the identity of ``+``."""

_INCOMING: Final = COUNTED.index("incoming")
_OUTGOING: Final = COUNTED.index("outgoing")
_INCOMING_DURATION: Final = COUNTED.index("incoming_duration")
_OUTGOING_DURATION: Final = COUNTED.index("outgoing_duration")


def count(counters: list[int], call: Call, times: int = 1) -> None:
    """Count *call* into a counter list (:data:`COUNTED`): its direction, its seconds.

    *times* ``-1`` takes the call out again (the live report, R26).
    """
    if call.direction is Direction.INCOMING:
        counters[_INCOMING] += times
        counters[_INCOMING_DURATION] += times * call.duration
    else:
        counters[_OUTGOING] += times
        counters[_OUTGOING_DURATION] += times * call.duration


def _check_int(line: Delta) -> None:
    for name in FIGURES:
        value = getattr(line, name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise checks.type_error(name, "an int", value)


@attrs.frozen
class Delta(SixFigures[int]):
    """The six figures of the current report minus those of the previous one.

    Unlike :class:`Figures`, a delta may be negative: fewer calls than before.

    >>> Delta.between(Figures.of(incoming=3, incoming_duration=90), Figures.of(incoming=5))
    Delta(incoming=-2, outgoing=0, total=-2, incoming_duration=90, outgoing_duration=0,
          total_duration=90)
    """

    def __attrs_post_init__(self) -> None:
        _check_int(self)

    @classmethod
    def between(cls, current: SixFigures[int], previous: SixFigures[int]) -> Delta:
        """``current - previous``, figure by figure."""
        pairs = zip(current.as_tuple(), previous.as_tuple(), strict=True)
        return cls(*(now - before for now, before in pairs))


def percent_change(current: int, previous: int) -> float | None:
    """``current`` against ``previous`` in percent: ``(current - previous) / previous * 100``.

    **Decision:** with nothing before (``previous == 0``) there is no base to divide by: the
    change is ``None`` ("n/a"), never infinity, when something happened now, and ``0.0`` when
    nothing happened in either period (no change, as the delta ``0`` says).

    >>> percent_change(60, 48), percent_change(36, 48), percent_change(5, 0), percent_change(0, 0)
    (25.0, -25.0, None, 0.0)
    """
    if previous == 0:
        return 0.0 if current == 0 else None
    return (current - previous) * 100 / previous


def _check_ratio(line: Percent) -> None:
    for name in FIGURES:
        value = getattr(line, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, float | int)):
            raise checks.type_error(name, "a float or None", value)


@attrs.frozen
class Percent(SixFigures[float | None]):
    """The six deltas in percent of the previous figures; ``None`` where there was no base.

    See :func:`percent_change` for the case of a previous figure of zero.
    """

    NOTHING: ClassVar[object] = None

    def __attrs_post_init__(self) -> None:
        _check_ratio(self)

    @classmethod
    def between(cls, current: SixFigures[int], previous: SixFigures[int]) -> Percent:
        """The percent change of each figure of *current* against *previous*."""
        pairs = zip(current.as_tuple(), previous.as_tuple(), strict=True)
        return cls(*(percent_change(now, before) for now, before in pairs))
