"""The legs of PBX calls, and how the legs of one call become one call (R29, R30).

Each PBX reader turns a record into a :class:`Leg` (or a :class:`Rejected` record with every
problem of it); :func:`merge` groups the legs of one call and makes the call of each group.

**Memory.** A PBX writes a call's records when the call ends, so the legs of one call are
close in the file. :func:`merge` keeps a group open while legs may still come: it closes a
group when a leg that ended more than *window* seconds after the group's last leg is read, or
when more than *max_open* groups are open (the oldest first), and at the end of the file.
Memory is therefore bounded by the calls of one window, never by the file. A leg that comes
after its group was closed starts a new call with the same id, which the reader then counts
as a duplicate (R28).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Final

import attrs

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus, Direction, Id
from callanalytics._model.models import Call
from callanalytics._model.text import integer_in, parse_zone
from callanalytics._sources.problems import record_error
from callanalytics._sources.reading import Internal, Item, Merged, Rejected
from callanalytics.exceptions import CallAnalyticsError, InvalidValueError

__all__ = [
    "CALLEE",
    "CALLER",
    "MAX_OPEN",
    "PLUMBING",
    "WINDOW",
    "Leg",
    "Row",
    "Side",
    "check_extensions",
    "check_window",
    "context_direction",
    "csv_rows",
    "merge",
    "sides",
    "zones",
]

WINDOW: Final = 3600
"""How long after a call's last leg ended its group stays open for more legs, in seconds."""
MAX_OPEN: Final = 10_000
"""At most this many calls are open at once; the oldest is closed first."""

PLUMBING: Final = 0
"""A leg nobody answered in person (an IVR, a ``Local/`` hop): it is never the talk."""
CALLER: Final = 1
"""The caller's leg: its talk time counts only when no callee leg was answered."""
CALLEE: Final = 2
"""A leg that rang a person (an agent, a phone, an outside number): its billsec is the talk."""


@attrs.frozen
class Side:
    """Which way a leg goes: its direction (``None``: between two own extensions, R30).

    *sure* ranks how it was found: 2 a known extension, 1 the dialplan context, 0 a guess.
    *extension* is the account's side of the leg, *phone* the other party.
    """

    direction: Direction | None
    sure: int
    phone: str
    extension: str | None


@attrs.frozen
class Leg:
    """One record of a PBX: one leg of a call."""

    line: int
    group: str
    """Legs with the same group are one call."""
    call_id: str
    """The id this leg gives the call."""
    primary: bool
    """Whether this leg's :attr:`call_id` names the call (the A-leg)."""
    started_at: datetime
    """The start, in UTC."""
    ended_at: datetime
    answered_at: datetime | None
    talk: int
    """The billed seconds: from the answer to the end."""
    rank: int
    """:data:`PLUMBING`, :data:`CALLER` or :data:`CALLEE`: which legs' billsec is the talk."""
    answered: bool
    status: CallStatus | None
    """The call's status if this leg decides it and nobody answered."""
    side: Side
    lone_rank: int = attrs.field(default=attrs.Factory(lambda leg: leg.rank, takes_self=True))
    """The rank when the leg is its call's only one (FreeSWITCH: an unbridged A-leg)."""


class Row:
    """The values of one record by column name, and every problem found in them."""

    __slots__ = ("line", "problems", "values")

    def __init__(self, line: int, values: Mapping[str, str]) -> None:
        self.line = line
        self.values = values
        self.problems: list[tuple[str, CallAnalyticsError]] = []

    def problem(self, column: str, must: str) -> None:
        """Note that *column*'s value must be something else."""
        self.problems.append(
            (column, checks.value_error(column, must, self.values.get(column, "")))
        )

    def text(self, column: str) -> str:
        """The column's text, stripped (``""`` when the record lacks the column)."""
        value = self.values.get(column, "").strip()
        return "" if value == "NULL" else value

    def seconds(self, column: str) -> int:
        """A whole number of seconds >= 0 (0 when the value is wrong, with its problem)."""
        try:
            number = integer_in(column, self.text(column))
        except InvalidValueError:  # more digits than int() reads
            number = None
        if number is None or number < 0:
            self.problem(column, "be a whole number of seconds >= 0")
            return 0
        return number

    def hms(self, column: str) -> int:
        """A duration written ``HH:MM:SS`` (3CX) or as whole seconds."""
        value = self.text(column)
        match = _HMS.fullmatch(value)
        if match is not None:
            hours, minutes, secs = (int(part) for part in match.groups())
            return hours * 3600 + minutes * 60 + secs
        return self.seconds(column)

    def moment(self, column: str, zone: tzinfo, *, required: bool = True) -> datetime | None:
        """A wall time ``YYYY-MM-DD HH:MM:SS`` (or with ``/``) of *zone*, as UTC.

        A blank value is ``None`` when the column is not *required*.
        """
        value = self.text(column)
        if not value and not required:
            return None
        if len(value) == _ISO_LENGTH and value[4] == "-" and value[10] == " ":
            try:  # the common case, YYYY-MM-DD HH:MM:SS, parsed in C
                return datetime.fromisoformat(value).replace(tzinfo=zone).astimezone(UTC)
            except (ValueError, OverflowError):
                pass
        match = _WALL.fullmatch(value)
        if match is not None:
            try:
                year, month, day, hour, minute, second = (int(part) for part in match.groups())
                wall = datetime(year, month, day, hour, minute, second, tzinfo=zone)
                return wall.astimezone(UTC)
            except (ValueError, OverflowError):
                pass
        self.problem(column, "be a date and time YYYY-MM-DD HH:MM:SS")
        return None

    def rejected(self) -> Rejected:
        """The rejection of this record, with every problem."""
        error = record_error(self.problems)
        return Rejected.of(self.line, error)


_ISO_LENGTH: Final = len("2026-11-02 10:00:00")
_HMS: Final = re.compile(r"([0-9]{1,6}):([0-5][0-9]):([0-5][0-9])")
_WALL: Final = re.compile(
    r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})[ T]([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
)


def csv_rows(stream: Iterable[str], **options: Any) -> Iterator[tuple[int, list[str] | Rejected]]:
    """``(line, values)`` of each row of a CSV stream (its first line), blank lines skipped.

    A line the ``csv`` module cannot read (a field over its size limit) is a rejection, and
    the reading goes on with the next line.
    """
    reader = csv.reader(stream, **options)
    previous = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line, previous = previous + 1, reader.line_num
            found = InvalidValueError.from_parts(
                "the line cannot be read as CSV: {reason}.", reason=str(error)
            )
            yield line, Rejected.of(line, found)
            continue
        line, previous = previous + 1, reader.line_num
        if values:
            yield line, values


def check_extensions(extensions: object) -> dict[str, Id]:
    """The extension → manager id map, keys stripped; every id checked."""
    if extensions is None:
        return {}
    if not isinstance(extensions, Mapping):
        raise checks.type_error("extensions", "a mapping of extension to manager id", extensions)
    result: dict[str, Id] = {}
    for extension, manager in extensions.items():
        key = checks.nonblank(extension, "extensions", "a mapping with str keys").strip()
        result[key] = checks.identifier(manager, "extensions")
    return result


def check_window(window: object, max_open: object) -> tuple[timedelta, int]:
    """The merging window in seconds (>= 0) and the most open calls (>= 1)."""
    seconds = checks.whole(window, "window", "a whole number of seconds (int)", minimum=0)
    most = checks.whole(max_open, "max_open", "an int", minimum=1)
    return timedelta(seconds=seconds), most


def zones(tz: object, usegmtime: object, fmt: str) -> tuple[tzinfo, tzinfo]:
    """The zone the file's wall times are in, and the zone the calls start in.

    A PBX writes wall times without an offset: the account's *tz* says which, unless the PBX
    writes UTC (Asterisk's ``usegmtime``).
    """
    gmt = checks.flag(usegmtime, "usegmtime")
    zone = None if tz is None else parse_zone("tz", tz)
    if zone is None:
        if not gmt:
            raise InvalidValueError.from_parts(
                "'tz' is required to read {format} records: their times carry no UTC offset "
                "(give the PBX's timezone, e.g. tz='Europe/Berlin', or usegmtime=True).",
                format=fmt,
            )
        return UTC, UTC
    return (UTC if gmt else zone), zone


def merge(
    legs: Iterable[tuple[int, Leg | Rejected]],
    *,
    extensions: Mapping[str, Id],
    zone: tzinfo,
    source: str,
    window: timedelta,
    max_open: int,
) -> Iterator[tuple[int, Item]]:
    """The items of the records: rejects as they come, each call when its group closes."""
    groups: dict[str, list[Leg]] = {}
    last_end: dict[str, datetime] = {}
    clock: datetime | None = None
    for line, leg in legs:
        if isinstance(leg, Rejected):
            yield line, leg
            continue
        clock = leg.ended_at if clock is None else max(clock, leg.ended_at)
        group = groups.pop(leg.group, None)
        if group is None:
            group = []
        group.append(leg)
        groups[leg.group] = group  # the groups are kept in the order they were last added to
        last_end[leg.group] = max(last_end.get(leg.group, leg.ended_at), leg.ended_at)
        while groups:
            oldest = next(iter(groups))
            if len(groups) <= max_open and last_end[oldest] + window >= clock:
                break
            del last_end[oldest]
            yield from _call_of(groups.pop(oldest), extensions, zone, source)
    for group in groups.values():
        yield from _call_of(group, extensions, zone, source)


def _talk(legs: list[Leg]) -> int:
    """The seconds of talk of answered legs: the union of their answered intervals."""
    spans = sorted((leg.answered_at or leg.started_at, leg.talk) for leg in legs)
    total, reach = 0, None
    for start, seconds in spans:
        end = start + timedelta(seconds=seconds)
        if reach is None or start >= reach:
            total += seconds
            reach = end
        elif end > reach:
            total += int((end - reach).total_seconds())
            reach = end
    return total


def _call_of(
    legs: list[Leg], extensions: Mapping[str, Id], zone: tzinfo, source: str
) -> Iterator[tuple[int, Item]]:
    """The items of one call's legs: the call (or internal call) and its merged legs (R29)."""
    first = legs[0]
    call_id = next((leg.call_id for leg in legs if leg.primary), first.call_id)
    by_start = sorted(legs, key=lambda leg: (leg.started_at, leg.line))
    start = by_start[0].started_at
    side = max(by_start, key=lambda leg: leg.side.sure).side  # the first of the surest
    if len(legs) == 1 and first.lone_rank != first.rank:
        legs = [attrs.evolve(first, rank=first.lone_rank)]
    answered = [leg for leg in legs if leg.answered and leg.rank > PLUMBING]
    if side.direction is None:
        yield first.line, Internal(first.line, call_id)
    elif answered:
        rank = max(leg.rank for leg in answered)
        talking = [leg for leg in answered if leg.rank == rank]
        managed = [leg for leg in talking if _manager(leg, extensions) is not None]
        credited = max(  # the last answer by a manager; by anyone if no manager answered
            managed or talking, key=lambda leg: (leg.answered_at or leg.started_at, leg.line)
        )
        answer = min(leg.answered_at or leg.started_at for leg in talking)
        yield (
            first.line,
            Call(
                call_id,
                side.direction,
                start.astimezone(zone),
                _talk(talking),
                phone=side.phone,
                manager_id=_manager(credited, extensions),
                status=CallStatus.TALKED,
                source=source,
                wait=max(0, int((answer - start).total_seconds())),
            ),
        )
    else:
        rang = [leg for leg in by_start if _manager(leg, extensions) is not None]
        credited = (rang or by_start)[0]
        yield (
            first.line,
            Call(
                call_id,
                side.direction,
                start.astimezone(zone),
                0,
                phone=side.phone,
                manager_id=_manager(credited, extensions),
                status=credited.status,
                source=source,
            ),
        )
    for leg in legs[1:]:
        yield leg.line, Merged(leg.line, call_id)


def _manager(leg: Leg, extensions: Mapping[str, Id]) -> Id | None:
    extension = leg.side.extension
    return None if extension is None else extensions.get(extension)


def sides(
    caller: str,
    callee: str,
    *,
    caller_ext: str | None,
    callee_ext: str | None,
    context_direction: Direction | None,
    guess: Direction,
) -> Side:
    """The side of a leg from which of its parties are the account's own extensions.

    Both: an internal leg (R30); the callee: incoming, the other party is the caller; the
    caller: outgoing, the other party is the number dialled. Neither: the dialplan context
    says (*context_direction*), else *guess*.
    """
    if caller_ext is not None and callee_ext is not None:
        return Side(None, 2, callee, callee_ext)
    if callee_ext is not None:
        return Side(Direction.INCOMING, 2, caller, callee_ext)
    if caller_ext is not None:
        return Side(Direction.OUTGOING, 2, callee, caller_ext)
    direction, sure = (guess, 0) if context_direction is None else (context_direction, 1)
    return Side(direction, sure, caller if direction is Direction.INCOMING else callee, None)


_INBOUND: Final = re.compile(r"pstn|trunk|did|inbound|incoming|public|external|provider", re.I)
_OUTBOUND: Final = re.compile(r"internal|outbound|outgoing|default|users", re.I)


def context_direction(context: str) -> Direction | None:
    """The direction a dialplan context's name tells, if any.

    ``from-pstn``, ``from-trunk``, ``from-did``, ``public`` (FreeSWITCH), ``inbound`` ...:
    incoming; ``from-internal``, ``default`` (FreeSWITCH), ``outbound`` ...: outgoing.
    """
    if _INBOUND.search(context):
        return Direction.INCOMING
    if _OUTBOUND.search(context):
        return Direction.OUTGOING
    return None
