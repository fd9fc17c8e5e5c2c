"""Readers of calls: every record taken in ends as exactly one outcome, and is counted (R27).

A source — a file's rows, a list of database rows, a batch of amoCRM payloads, a PBX's
call-detail records — yields one *item* per record it reads: a :class:`~callanalytics.Call`,
a leg merged into another call (:class:`Merged`, R29), a call between the account's own
extensions (:class:`Internal`, R30), or a :class:`Rejected` record with its line, its fields
and every problem found in it. A :class:`CallReader` turns those items into the calls a report
reads, lazily, dropping the duplicates (R28), and keeps the count of each outcome, so that
reconciliation runs from the raw input:

    records == calls + merged_legs + internal + duplicates + rejected
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Final

import attrs

from callanalytics._kit import checks
from callanalytics._model.models import Call
from callanalytics.exceptions import CallAnalyticsError

__all__ = ["SHOWN_REJECTS", "CallReader", "Internal", "Item", "Merged", "ReadCounts", "Rejected"]

SHOWN_REJECTS: Final = 1000
"""How many rejected records a reader keeps in :attr:`CallReader.rejected`; all are counted."""


@attrs.frozen
class Rejected:
    """A record that could not be read as a call: where it is and everything wrong with it.

    >>> print(Rejected(17, "'duration' must be >= 0 (got -5).", ("duration",)))
    line 17: 'duration' must be >= 0 (got -5).
    """

    line: int
    """Where the record starts: its line in a file (1 is the first), or its number (from 1)."""
    message: str
    """Every problem of the record, each naming its field and value."""
    fields: tuple[str, ...] = ()
    """The fields at fault, as the record names them (empty: the record as a whole)."""
    error: CallAnalyticsError | None = attrs.field(default=None, eq=False, repr=False)
    """The error whose message is :attr:`message`, with the parts it is made of (so that it
    can be written in another language); ``None`` when the message is plain text."""

    @classmethod
    def of(cls, line: int, error: CallAnalyticsError) -> Rejected:
        """The record at *line*, rejected for *error* (its message, fields and parts)."""
        return cls(line, str(error), error.fields, error)

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@attrs.frozen
class Merged:
    """A record that is a leg of another call, merged into it (R29)."""

    line: int
    call_id: str
    """The id of the call the leg belongs to."""


@attrs.frozen
class Internal:
    """A call between two of the account's own extensions: not a call with a client (R30)."""

    line: int
    call_id: str


Item = Call | Rejected | Merged | Internal
"""What a source makes of one record."""


@attrs.frozen
class ReadCounts:
    """How many records a reader took in, and what each became (R27).

    >>> counts = ReadCounts(records=5, calls=2, merged_legs=1, internal=1, duplicates=0,
    ...                     rejected=1)
    >>> counts.reconciles
    True
    """

    records: int = 0
    calls: int = 0
    merged_legs: int = 0
    internal: int = 0
    duplicates: int = 0
    rejected: int = 0

    @property
    def reconciles(self) -> bool:
        """Whether every record is accounted for exactly once."""
        outcomes = self.calls + self.merged_legs + self.internal + self.duplicates
        return self.records == outcomes + self.rejected


class CallReader(Iterator[Call]):
    """The calls of a source, read lazily, with what became of every record (R27, R28).

    Iterate over it for the calls (pass it to :func:`~callanalytics.build_report`); the
    source is read once, as the calls are asked for. :attr:`counts` says what each record
    became, :attr:`rejected` holds the rejected records (the first :data:`SHOWN_REJECTS`;
    every one is counted), and *on_reject* is told of each as it is read.

    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> items = [(1, Call("a", "inbound", at, 5)), (2, Rejected(2, "'duration' is required.")),
    ...          (3, Call("a", "inbound", at, 5))]
    >>> reader = CallReader(items)
    >>> [call.id for call in reader], reader.counts.duplicates, reader.counts.rejected
    (['a'], 1, 1)
    """

    def __init__(
        self,
        items: Iterable[tuple[int, Item]],
        *,
        duplicates: bool = True,
        on_reject: Callable[[Rejected], None] | None = None,
    ) -> None:
        self._items = iter(items)
        self._seen: set[str] | None = set() if checks.flag(duplicates, "duplicates") else None
        self._on_reject = on_reject
        self.rejected: list[Rejected] = []
        self.duplicate_lines: list[int] = []
        """The lines of the first :data:`SHOWN_REJECTS` duplicates."""
        self._records = self._calls = self._merged = self._internal = 0
        self._duplicates = self._rejects = 0

    def __iter__(self) -> CallReader:
        return self

    def __next__(self) -> Call:
        seen = self._seen
        for line, item in self._items:
            self._records += 1
            if isinstance(item, Call):
                if seen is not None:
                    if item.id in seen:
                        self._duplicates += 1
                        if len(self.duplicate_lines) < SHOWN_REJECTS:
                            self.duplicate_lines.append(line)
                        continue
                    seen.add(item.id)
                self._calls += 1
                return item
            if isinstance(item, Rejected):
                self._rejects += 1
                if len(self.rejected) < SHOWN_REJECTS:
                    self.rejected.append(item)
                if self._on_reject is not None:
                    self._on_reject(item)
            elif isinstance(item, Merged):
                self._merged += 1
            else:
                self._internal += 1
        raise StopIteration

    @property
    def counts(self) -> ReadCounts:
        """What the records read so far became."""
        return ReadCounts(
            records=self._records,
            calls=self._calls,
            merged_legs=self._merged,
            internal=self._internal,
            duplicates=self._duplicates,
            rejected=self._rejects,
        )
