"""Answered and missed calls, and what followed each missed call (R31, R32).

The callback pass reads the calls in the order of their start, once. It holds only the missed
calls nobody has reached yet, by phone key: a call to or from a key looks up that key's list,
so the pass costs one dictionary lookup per call and its memory grows with the unreached
missed calls, not with the calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from itertools import groupby
from typing import Final

import attrs

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus
from callanalytics._model.models import Call
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "ANSWERED_WITHIN",
    "CALLBACK_WITHIN",
    "Answered",
    "Event",
    "Trace",
    "check_answered",
    "check_window",
    "follow",
    "in_order",
    "is_answered",
    "sort_events",
]

Answered = Callable[[Call], bool]
"""A host's rule of which calls are answered (R31): ``answered(call) -> bool``."""

CALLBACK_WITHIN: Final = timedelta(minutes=15)
"""The default window of "called back in time" (R32)."""

ANSWERED_WITHIN: Final = timedelta(seconds=20)
"""The default threshold of the service level (R33)."""

MISS: Final = 0
"""The rank of a missed call among the calls of one instant: first, so that a call at the same
instant (an unmerged leg of a ring-all queue) can follow it."""
CALLBACK: Final = 1
"""The rank of an outgoing call: it calls back before an answered incoming call reaches."""
REACH: Final = 2
"""The rank of an answered incoming call."""


def is_answered(call: Call) -> bool:
    """Whether *call* was answered, by default (R31 decision).

    A call is answered when its status is "had a conversation" (4), or, with no status, when
    its duration is above zero. Any other status (left a message, not available, could not
    get through, busy…) is not answered.

    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> is_answered(Call("a", "inbound", at, 0, status=4)), is_answered(Call("b", "inbound", at, 9))
    (True, True)
    >>> is_answered(Call("c", "inbound", at, 9, status=6)), is_answered(Call("d", "inbound", at, 0))
    (False, False)
    """
    if call.status is None:
        return call.duration > 0
    return call.status is CallStatus.TALKED


def check_answered(value: object) -> Answered:
    """*value* as the answered rule: ``None`` is :func:`is_answered`; else it must be callable."""
    if value is None:
        return is_answered
    if not callable(value):
        raise checks.type_error("answered", "a callable Call -> bool, or None", value)

    def answered(call: Call) -> bool:
        verdict = value(call)
        if verdict is not True and verdict is not False:
            msg = (
                f"'answered' must return True or False (got {checks.shown(verdict)} of type "
                f"{type(verdict).__name__} for the call {checks.shown(call.id)})."
            )
            raise InvalidTypeError(msg)
        return verdict

    return answered


def check_window(value: object, field: str, *, optional: bool = False) -> timedelta | None:
    """*value* if it is a non-negative ``timedelta`` (or ``None`` when *optional*)."""
    if value is None and optional:
        return None
    if not isinstance(value, timedelta):
        expected = "a timedelta or None" if optional else "a timedelta"
        raise checks.type_error(field, expected, value)
    if value < timedelta(0):
        raise checks.value_error(field, "be >= 0", value)
    return value


@attrs.define(slots=True, eq=False)
class Trace:
    """A missed call and what followed it (R32), filled in by :func:`follow`.

    Attributes:
        call: The missed call, as the report sees it (attached to its card).
        start: Its start, in UTC.
        key: The phone key of the client (R7); ``""``: no number, nothing can follow it.
        manager_id: The manager it is credited to: its own, or its card's responsible.
        by_card: Whether it is credited to its card's responsible manager.
        callback: The first outgoing call to the key at or after the start, before the client
            was reached.
        reached_by: The first answered call with the key, in either direction.
    """

    call: Call
    start: datetime
    key: str
    manager_id: object
    by_card: bool = False
    callback: Call | None = None
    reached_by: Call | None = None


Event = tuple[datetime, int, str, Call, str, Trace | None, bool]
"""One call of the pass: ``(start in UTC, rank, id, call, phone key, trace, answered)``.

A missed call carries its :class:`Trace` and rank :data:`MISS`; any other call has no trace,
rank :data:`CALLBACK` (outgoing) or :data:`REACH` (answered incoming).
"""


def _order(event: Event) -> tuple[datetime, int, str]:
    return event[0], event[1], event[2]


def in_order(events: Iterable[Event]) -> Iterator[Event]:
    """*events* as they come, which must be in the order of their start; each instant sorted.

    An event that starts before the one before it is an error naming ``calls``. The calls of
    one instant are held and put in rank order (missed calls first), then by id, so that
    the outcome does not depend on the order of calls that started together.
    """
    last: datetime | None = None
    for start, group in groupby(events, key=lambda event: event[0]):
        held = sorted(group, key=_order)
        if last is not None and start < last:
            msg = (
                "'calls' must be in the order of their start with ordered=True (got "
                f"{checks.shown(held[0][3].id)} at {start.isoformat()} after a call at "
                f"{last.isoformat()})."
            )
            raise InvalidValueError(msg)
        last = start
        yield from held


def sort_events(events: Iterable[Event]) -> list[Event]:
    """*events* in the order of the pass: by start, rank, then id (stable for equal ids)."""
    return sorted(events, key=_order)


class _Waiting:
    """The unreached missed calls of one phone key, oldest first."""

    __slots__ = ("called", "traces")

    def __init__(self) -> None:
        self.traces: list[Trace] = []
        self.called = 0
        """How many of :attr:`traces` have a callback: always a prefix, since a callback
        calls back every missed call before it."""


def follow(events: Iterable[Event]) -> None:
    """Fill in the :class:`Trace` of every missed call of *events*, which are in pass order.

    The first outgoing call to a key at or after a missed call is its callback; the first
    answered call with the key, in either direction, reaches it, and the missed call is
    dropped from memory: a later outgoing call is a new conversation, not its callback.
    """
    waiting: dict[str, _Waiting] = {}
    for _, rank, _, call, key, trace, answered in events:
        if trace is not None:
            if key:
                waiting.setdefault(key, _Waiting()).traces.append(trace)
            continue
        held = waiting.get(key)
        if held is None:
            continue
        if rank == CALLBACK:
            for pending in held.traces[held.called :]:
                pending.callback = call
            held.called = len(held.traces)
        if answered:
            for pending in held.traces:
                pending.reached_by = call
            del waiting[key]
