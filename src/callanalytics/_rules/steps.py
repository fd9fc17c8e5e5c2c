"""The kinds of steps the routing spec is made of (see :mod:`callanalytics._rules.routing`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from datetime import tzinfo
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from callanalytics._model.enums import EntityType, Exclusion
    from callanalytics._model.models import Call

__all__ = ["Check", "ColumnTest", "ColumnValue", "Dimension"]

# Steps compare by identity (``eq=False``): two steps with the same text may hold other values.


@attrs.frozen
class ColumnTest:
    """A step's test over the columns of a frame of calls, which the columnar engine renders.

    Plain data, so that the rules need no frame library: the engine turns each kind into an
    expression of its own (:mod:`callanalytics._engines.frames`).

    Attributes:
        kind: ``"member"`` (the value is one of *values*), ``"present"`` (the value is set),
            ``"between"`` (*low* <= value <= *high*, either bound ``None`` for none) or
            ``"period"`` (*low* <= value < *high*, instants in UTC).
        column: A field of the call, or ``"entity"``: the type of the card the call is in.
        values: The values of ``"member"``.
        null_passes: Whether a call with no value passes a ``"member"`` test.
        low: The lower bound of ``"between"`` and ``"period"``.
        high: The upper bound of ``"between"`` and ``"period"``.
    """

    kind: str
    column: str
    values: frozenset[Hashable] = frozenset()
    null_passes: bool = False
    low: object = None
    high: object = None


@attrs.frozen(eq=False)
class Check:
    """A step a call passes or fails; a call that fails it is excluded for :attr:`reason`.

    The step is written three times, and property tests keep them the same: :attr:`passes`
    is the rule as plain Python, which :func:`~callanalytics.explain` and the events list run;
    :attr:`inline` is the same test as an expression, which the report's generated loop runs
    in place, without a call per step; :attr:`columns` is the test over a frame's columns,
    which the columnar engine renders.

    Attributes:
        name: What the step checks, e.g. ``"period"``.
        rule: The rule of the rule book it implements, e.g. ``"R18"``.
        reason: Why a call that fails the step is not in the report.
        passes: ``passes(call, entity)``: whether *call* passes, *entity* being the type of
            the card it is in (its own, or the one matched by phone), or ``None``.
        inline: The same test as a Python expression over ``c`` (the call) and ``entity``.
        columns: The same test over a frame's columns.
        names: The values :attr:`inline` uses, by name; each name starts with the step's.
    """

    name: str
    rule: str
    reason: Exclusion
    passes: Callable[[Call, EntityType | None], bool]
    inline: str
    columns: ColumnTest
    names: Mapping[str, object] = attrs.field(factory=dict)


@attrs.frozen(eq=False)
class ColumnValue:
    """A dimension's value over the columns of a frame of calls, which the columnar engine renders.

    Plain data, like :class:`ColumnTest`: the engine computes the named *parts* of each call
    with the frame's own expressions, groups by them, and :attr:`finish` turns each group's
    parts (as Python values) into the dimension's value, the same as :attr:`Dimension.value`.

    Attributes:
        kind: ``"missed"`` (an incoming call not answered, R31: no parts), ``"local"`` (parts
            of the start on the wall clocks of :attr:`tz`) or ``"in_hours"`` (whether the
            start is within the weekly schedule :attr:`schedule`, R37: no parts).
        parts: For ``"local"``: ``"date"``, ``"weekday"`` (0 is Monday) and ``"hour"``.
        tz: The zone of ``"local"`` and ``"in_hours"`` (the engine names it by its key).
        schedule: For ``"in_hours"``: per weekday (0 is Monday), the ``[start, end)``
            intervals in seconds after local midnight; and the holidays.
        holidays: For ``"in_hours"``: the local dates with no business hours.
        finish: From the parts' values to the dimension's value (one argument per part;
            ``"missed"`` and ``"in_hours"`` give their boolean as the only part).
    """

    kind: str
    finish: Callable[..., Hashable]
    parts: tuple[str, ...] = ()
    tz: tzinfo | None = None
    schedule: tuple[tuple[tuple[int, int], ...], ...] = ()
    holidays: frozenset[object] = frozenset()


@attrs.frozen(eq=False)
class Dimension:
    """A value of a counted call that its cell is keyed by, besides its manager.

    Like a :class:`Check`, a dimension is written as plain Python (:attr:`value`) and as an
    expression for the generated loop (:attr:`inline`, over ``c``), the same by a property test.

    Attributes:
        name: The dimension's name in the tally, e.g. ``"day"``.
        value: ``value(call)``: the call's value of the dimension.
        inline: The same as a Python expression over ``c``.
        names: The values :attr:`inline` uses, by name; each name starts with the dimension's.
        columns: The same over a frame's columns, for the columnar engine; ``None``: the
            dimension has none, and a frame cannot be counted by it.
    """

    name: str
    value: Callable[[Call], Hashable]
    inline: str
    names: Mapping[str, object] = attrs.field(factory=dict)
    columns: ColumnValue | None = None
