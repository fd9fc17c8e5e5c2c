"""Reading calls and managers from CSV, JSON and JSON Lines files, for the command line.

This module is the edge of the library: the only one that opens files. The core never does;
a host that keeps its calls elsewhere builds :class:`Call` objects itself. The formats are
described in ``docs/cli.md``; keep the two in step.

Calls are read lazily, one record at a time: a CSV or JSON Lines file of any size is streamed,
never held in memory. A bad record does not stop the reading: it is handed to ``on_error`` as a
:class:`BadRecord` naming its line, and the next record is read.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final, Literal, TextIO

import attrs

from callanalytics._kit import checks
from callanalytics._model.models import Call, Card, Id, Manager
from callanalytics._model.text import absent, read_flag, read_id, read_word
from callanalytics._sources.records import (
    CALL_FIELDS,
    RECORD_FIELDS,
    REQUIRED,
    call_from_record,
    cells_reader,
    own_call,
)
from callanalytics.exceptions import CallAnalyticsError, InvalidTypeError, InvalidValueError

__all__ = [
    "CALL_FIELDS",
    "CARD_FIELDS",
    "MANAGER_FIELDS",
    "BadRecord",
    "InputFormat",
    "call_from_record",
    "managers_named_by_id",
    "read_calls",
    "read_cards",
    "read_extensions",
    "read_managers",
]

InputFormat = Literal["csv", "json", "jsonl"]
"""The file formats :func:`read_calls` and :func:`read_managers` read."""

MANAGER_FIELDS: Final = ("id", "name", "group", "active")
"""The field names of a manager record: the fields of :class:`Manager`."""

_SUFFIXES: Final[dict[str, InputFormat]] = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_TRUE: Final = frozenset({"true", "1", "yes", "y"})
_FALSE: Final = frozenset({"false", "0", "no", "n"})
_SPACE: Final = re.compile(r"[ \t\n\r]*")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


@attrs.frozen
class BadRecord:
    """A record that could not be read as a call: where it is and what is wrong with it.

    >>> print(BadRecord(17, "'duration' must be >= 0 (got -5)."))
    line 17: 'duration' must be >= 0 (got -5).
    """

    line: int
    """The line of the file where the record starts (1 is the first line)."""
    message: str
    """The error, naming the field and the value."""
    error: CallAnalyticsError | None = attrs.field(default=None, eq=False, repr=False)
    """The error whose message is :attr:`message`, with its parts (``None``: plain text)."""

    @classmethod
    def of(cls, line: int, error: CallAnalyticsError) -> BadRecord:
        """The record at *line*, bad for *error*."""
        return cls(line, str(error), error)

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"

    def as_error(self) -> InvalidValueError:
        """The error of this record, naming its line: ``line 7: <its error>``."""
        if self.error is None:
            return InvalidValueError(str(self))
        return at_line(self.line, self.error)


LINE: Final = "line {line}: {error}"
"""The template of an error of one line of a file."""


def at_line(line: int, error: CallAnalyticsError) -> InvalidValueError:
    """*error*, of the record at *line*: ``line 7: 'duration' must be >= 0 (got -5).``."""
    return InvalidValueError.from_parts(LINE, line=str(line), error=error)


HEADER_NOT_CSV: Final = "line 1: the header of {file!r} is not valid CSV ({reason})."
COLUMN_TWICE: Final = "line 1: the column {column!r} of {file!r} must appear once (got it twice)."
COLUMN_REQUIRED: Final = "line 1: the column {column!r} is required in {file!r} (got {value})."
START_REQUIRED: Final = (
    "line 1: the column 'started_at' (or 'created_at') is required in {file!r} (got {value})."
)
MUST_HOLD: Final = "line {line}: {file!r} must hold {expected} (got {value})."
"""The templates of a file's errors that both file readers write."""


def must_hold(line: int, file: str, expected: str, found: str) -> InvalidValueError:
    """The error for a JSON file that holds *found* where *expected* should be."""
    if not found:
        return InvalidValueError.from_parts(
            "line {line}: {file!r} must hold {expected} (got 'the end of the file').",
            line=str(line),
            file=file,
            expected=expected,
        )
    return InvalidValueError.from_parts(
        MUST_HOLD, line=str(line), file=file, expected=expected, value=checks.shown(found)
    )


def required(field: str, value: object) -> InvalidValueError:
    """The error for a record without *field*: ``'id' is required (got '').``."""
    return InvalidValueError.from_parts(
        "{field!r} is required (got {value}).", field=field, value=checks.shown(value)
    )


def not_csv(error: csv.Error) -> InvalidValueError:
    """The error for a record the ``csv`` module cannot read."""
    return InvalidValueError.from_parts("not valid CSV ({reason}).", reason=str(error))


def cells_error(cells: int, width: int) -> InvalidValueError:
    """The error for a CSV record of *cells* cells under a header of *width*."""
    return InvalidValueError.from_parts(
        "the record has {cells} cells, the header {width}.", cells=str(cells), width=str(width)
    )


def not_json(line: int, file: str, reason: str) -> InvalidValueError:
    """The error for a file whose JSON breaks at *line*."""
    return InvalidValueError.from_parts(
        "line {line}: {file!r} is not valid JSON: {reason}.",
        line=str(line),
        file=file,
        reason=reason,
    )


def not_utf8(shown_path: str, error: UnicodeDecodeError) -> InvalidValueError:
    """The error for a file that is not UTF-8 text."""
    return InvalidValueError.from_parts(
        "'path' must be a UTF-8 text file (got {value}: {reason}).",
        value=shown_path,
        reason=error.reason,
    )


OnError = Callable[[BadRecord], None]
"""What to do with a bad record; without it, the first bad record raises."""


def _fail(bad: BadRecord) -> None:
    raise bad.as_error()


def _format(path: Path, format: str | None) -> InputFormat:
    if format is None:
        try:
            return _SUFFIXES[path.suffix.lower()]
        except KeyError:
            raise InvalidValueError.from_parts(
                "'path' must end in .csv, .json, .jsonl or .ndjson, or 'format' must be given "
                "(got {value}).",
                value=checks.shown(str(path)),
            ) from None
    if format not in ("csv", "json", "jsonl"):
        raise checks.value_error("format", "be one of 'csv', 'json', 'jsonl'", format)
    return format  # type: ignore[return-value]


# ---------------------------------------------------------------------------------------------
# Records: (line, record) pairs from each format.


def _csv_header(
    stream: TextIO, name: str, columns: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[str], Any]:
    """The checked header, and the ``csv`` reader of the records after it.

    The delimiter is a comma, or a semicolon when the header has more of those (spreadsheets
    set to Russian write ``;``).
    """
    first = stream.readline()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    # The first line is fed back rather than sought: pipes and /dev/stdin cannot seek.
    lines = itertools.chain([first], stream) if first else stream
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise InvalidValueError.from_parts(
            "{file!r} is empty: the first line must be the header (got no lines).", file=name
        ) from None
    except csv.Error as error:
        raise InvalidValueError.from_parts(HEADER_NOT_CSV, file=name, reason=str(error)) from None
    for column in header:
        if column not in columns:
            raise InvalidValueError.from_parts(
                "line 1: {column!r} is not a column of {file!r} (the columns are {columns}).",
                column=column,
                file=name,
                columns=", ".join(columns),
            )
        if header.count(column) > 1:
            raise InvalidValueError.from_parts(COLUMN_TWICE, column=column, file=name)
    for column in required:
        if column not in header:
            raise InvalidValueError.from_parts(
                COLUMN_REQUIRED, column=column, file=name, value=checks.shown(header)
            )
    return header, reader


def _csv_reader(
    stream: TextIO, name: str, columns: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[str], Iterator[tuple[int, list[str] | BadRecord]]]:
    """The checked header, and ``(line, cells)`` for each record or a :class:`BadRecord`."""
    header, reader = _csv_header(stream, name, columns, required)

    def rows() -> Iterator[tuple[int, list[str] | BadRecord]]:
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield line, BadRecord.of(line, not_csv(error))
            else:
                if cells and len(cells) != len(header):
                    yield line, BadRecord.of(line, cells_error(len(cells), len(header)))
                elif cells:  # not a blank line
                    yield line, cells

    return header, rows()


def _json_int(digits: str) -> int | str:
    """A JSON integer; one of more digits than int() converts stays text, for its field to name."""
    try:
        return int(digits)
    except ValueError:
        return digits


_DECODER: Final = json.JSONDecoder(parse_int=_json_int)


def _lone_surrogate(value: object) -> str | None:
    """The first string of the decoded JSON *value* that holds a lone surrogate, if any."""
    pending = [value]  # a stack, not recursion: the value may be nested as deep as JSON allows
    while pending:
        item = pending.pop()
        if isinstance(item, str) and _SURROGATE.search(item) is not None:
            return item
        if isinstance(item, dict):
            pending.extend(reversed([part for pair in item.items() for part in pair]))
        elif isinstance(item, list):
            pending.extend(reversed(item))
    return None


def _not_text(
    value: object, source: str, start: int = 0, end: int | None = None
) -> InvalidValueError | None:
    r"""Why the JSON *value*, decoded from ``source[start:end]``, is not text; ``None`` if it is.

    A ``\ud800`` escape without its pair decodes to a lone surrogate: no UTF-8 text holds one,
    so it could be neither compared with the managers' names nor printed.
    """
    if _SURROGATE_ESCAPE.search(source, start, len(source) if end is None else end) is None:
        return None
    bad = _lone_surrogate(value)
    if bad is None:
        return None
    return InvalidValueError.from_parts(
        "a string must be Unicode text (got {value}).", value=checks.shown(bad)
    )


def _json_values(text: str, name: str) -> Iterator[tuple[int, object | BadRecord]]:
    """``(line, value)`` for each item of the JSON list in *text*, decoded one at a time."""

    def skip(pos: int) -> int:
        match = _SPACE.match(text, pos)
        return pos if match is None else match.end()

    def syntax(pos: int, expected: str) -> InvalidValueError:
        return must_hold(text.count("\n", 0, pos) + 1, name, expected, text[pos : pos + 10])

    pos = skip(0)
    if not text.startswith("[", pos):
        raise syntax(pos, "a JSON list of records")
    pos = skip(pos + 1)
    line, counted = 1, 0
    if text.startswith("]", pos):
        pos = skip(pos + 1)
    else:
        while True:
            line += text.count("\n", counted, pos)
            counted = pos
            try:
                value, end = _DECODER.raw_decode(text, pos)
            except json.JSONDecodeError as error:
                raise not_json(error.lineno, name, error.msg) from None
            except RecursionError:
                raise not_json(line, name, "a record nested too deeply") from None
            problem = _not_text(value, text, pos, end)
            yield line, value if problem is None else BadRecord.of(line, problem)
            pos = skip(end)
            if text.startswith(",", pos):
                pos = skip(pos + 1)
                continue
            if text.startswith("]", pos):
                pos = skip(pos + 1)
                break
            raise syntax(pos, "',' or ']' after a record")
    if pos != len(text):
        raise syntax(pos, "nothing after the list")


def _jsonl_values(
    stream: Iterable[str], bad: Callable[[int, CallAnalyticsError], object] = BadRecord.of
) -> Iterator[tuple[int, object]]:
    """``(line, value)`` of each JSON Lines record; a bad line is ``bad(line, error)``."""
    for line, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            value = _DECODER.decode(raw)
        except json.JSONDecodeError as error:
            found = InvalidValueError.from_parts(
                "not valid JSON: {reason} (column {column}).",
                reason=error.msg,
                column=str(error.colno),
            )
            yield line, bad(line, found)
            continue
        except RecursionError:
            yield (
                line,
                bad(line, InvalidValueError.from_parts("not valid JSON: nested too deeply.")),
            )
            continue
        problem = _not_text(value, raw)
        yield line, value if problem is None else bad(line, problem)


def _open(path: Path) -> TextIO:
    """The file at *path* as text (utf-8-sig: spreadsheets start CSV with a byte order mark)."""
    try:
        return open(path, encoding="utf-8-sig", newline="")
    except ValueError:  # a NUL character: no file has such a name
        raise checks.value_error("path", "not hold a NUL character", str(path)) from None


# ---------------------------------------------------------------------------------------------
# Calls.


def _json_calls(values: Iterable[tuple[int, object | BadRecord]]) -> Iterator[Call | BadRecord]:
    """The call of each decoded JSON record, or the :class:`BadRecord` it is."""
    for line, item in values:
        if isinstance(item, BadRecord):
            yield item
            continue
        try:
            yield call_from_record(item)
        except CallAnalyticsError as error:
            yield BadRecord.of(line, error)


def _calls(path: Path, format: InputFormat, report: OnError) -> Iterator[Call]:
    name = str(path)
    if format == "json":
        with _open(path) as stream:
            text = stream.read()
        yield from _reported(_json_calls(_json_values(text, name)), report)
        return
    with _open(path) as stream:
        if format == "jsonl":
            yield from _reported(_json_calls(_jsonl_values(stream)), report)
            return
        yield from _csv_calls(stream, name, report)


def _reported(items: Iterable[Call | BadRecord], report: OnError) -> Iterator[Call]:
    """The calls of *items*; each bad record is handed to *report*."""
    for item in items:
        if isinstance(item, BadRecord):
            report(item)
        else:
            yield item


def _csv_calls(stream: TextIO, name: str, report: OnError) -> Iterator[Call]:
    """The calls of a CSV file; each bad record is handed to *report*, with its first line.

    A row in the common spellings is read by a reader generated for the header
    (:func:`~callanalytics._sources.records.cells_reader`); any other row by
    :func:`~callanalytics._sources.records.own_call`, which names every problem of a bad one.
    """
    header, reader = _csv_header(stream, name, RECORD_FIELDS, REQUIRED)
    if "started_at" not in header and "created_at" not in header:
        raise InvalidValueError.from_parts(START_REQUIRED, file=name, value=checks.shown(header))
    read, width = cells_reader(header), len(header)
    end = reader.line_num  # the last line of the record before: a record starts after it
    while True:
        try:
            for cells in reader:
                call = read(cells) if len(cells) == width else None
                if call is None:
                    call = _slow_row(end + 1, header, cells, report)
                end = reader.line_num
                if call is not None:
                    yield call
        except csv.Error as error:
            report(BadRecord.of(end + 1, not_csv(error)))
            end = reader.line_num
            continue
        return


def _slow_row(line: int, header: list[str], cells: list[str], report: OnError) -> Call | None:
    """The call of a row the generated reader gave up on, or ``None`` (reported, or blank)."""
    if not cells:
        return None  # a blank line
    if len(cells) != len(header):
        report(BadRecord.of(line, cells_error(len(cells), len(header))))
        return None
    record = {column: cell for column, cell in zip(header, cells, strict=True) if cell}
    try:
        return own_call(record)
    except CallAnalyticsError as error:
        report(BadRecord.of(line, error))
        return None


def read_calls(
    path: str | os.PathLike[str],
    *,
    format: InputFormat | None = None,
    on_error: OnError | None = None,
) -> Iterator[Call]:
    """Yield the calls of a CSV, JSON or JSON Lines file, one at a time.

    The format comes from the file's suffix (``.csv``, ``.json``, ``.jsonl`` or ``.ndjson``)
    unless *format* is given. A record that is not a valid call is handed to *on_error* as a
    :class:`BadRecord` and skipped; without *on_error* the first one raises
    :class:`InvalidValueError`. A file that cannot be read at all (no header, JSON that is
    not a list, broken JSON syntax in a list) raises, naming the line.

    Args:
        path: The file.
        format: ``"csv"``, ``"json"`` or ``"jsonl"``; by default, from the suffix.
        on_error: Called with each bad record; the reading goes on after it.

    Yields:
        The calls, in the file's order.

    Raises:
        InvalidValueError: The file cannot be read as calls; a bad record without *on_error*.
        OSError: The file cannot be opened.
    """
    path = Path(path)
    kind = _format(path, format)
    report = _fail if on_error is None else on_error
    try:
        yield from _calls(path, kind, report)
    except UnicodeDecodeError as error:
        raise not_utf8(checks.shown(str(path)), error) from None


# ---------------------------------------------------------------------------------------------
# Managers.


def _manager(record: object) -> Manager:
    if not isinstance(record, Mapping):
        raise InvalidTypeError.from_parts(
            "a manager record must be a JSON object (got {value} of type {kind}).",
            value=checks.shown(record),
            kind=type(record).__name__,
        )
    unknown = [field for field in record if field not in MANAGER_FIELDS]
    if unknown:
        raise InvalidValueError.from_parts(
            "{name} is not a field of a manager record (the fields are {fields}).",
            name=checks.shown(unknown[0]),
            fields=", ".join(MANAGER_FIELDS),
        )
    raw_id, raw_name = record.get("id"), record.get("name")
    if absent(raw_id):
        raise required("id", raw_id)
    if absent(raw_name):
        raise required("name", raw_name)
    group, active = record.get("group"), record.get("active")
    return Manager(
        read_id(raw_id, "id"),
        read_word(raw_name, "name"),
        None if absent(group) else read_word(group, "group"),
        True if absent(active) else read_flag(active, "active"),
    )


def _manager_records(path: Path, format: InputFormat) -> Iterator[tuple[int, object]]:
    name = str(path)
    with _open(path) as stream:
        if format in ("json", "jsonl"):
            values = (
                _json_values(stream.read(), name) if format == "json" else _jsonl_values(stream)
            )
            for line, item in values:
                if isinstance(item, BadRecord):
                    raise item.as_error()
                yield line, item
        else:
            header, rows = _csv_reader(stream, name, MANAGER_FIELDS, ("id", "name"))
            for line, cells in rows:
                if isinstance(cells, BadRecord):
                    raise cells.as_error()
                yield line, dict(zip(header, cells, strict=True))


def read_managers(
    path: str | os.PathLike[str], *, format: InputFormat | None = None
) -> tuple[Manager, ...]:
    """The managers of a CSV, JSON or JSON Lines file (fields ``id, name, group, active``).

    Managers are the account's reference data, so a bad record stops the reading: the error
    names its line. An empty ``group`` is no group; an empty ``active`` is active.

    Raises:
        InvalidValueError: A record is not a valid manager, or two records share an id.
        OSError: The file cannot be opened.
    """
    path = Path(path)
    kind = _format(path, format)
    managers: dict[Id, tuple[int, Manager]] = {}
    try:
        for line, record in _manager_records(path, kind):
            try:
                manager = _manager(record)
            except CallAnalyticsError as error:
                raise at_line(line, error) from None
            if manager.id in managers:
                first = managers[manager.id][0]
                again = InvalidValueError.from_parts(
                    "'id' must be unique (got {value} again, first on line {first}).",
                    value=checks.shown(manager.id),
                    first=str(first),
                )
                raise at_line(line, again)
            managers[manager.id] = (line, manager)
    except UnicodeDecodeError as error:
        raise not_utf8(checks.shown(str(path)), error) from None
    return tuple(manager for _, manager in managers.values())


def managers_named_by_id(calls: Iterable[Call]) -> tuple[Manager, ...]:
    """One active manager per manager id found in *calls*, named by its id.

    For a call log without a list of managers: every user who made or took a call is a
    manager of the account.

    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> managers_named_by_id([Call("a", "inbound", at, 5, manager_id=7),
    ...                       Call("b", "inbound", at, 5),
    ...                       Call("c", "inbound", at, 5, manager_id=7)])
    (Manager(id=7, name='7', group=None, active=True),)
    """
    ids: set[Id] = {call.manager_id for call in calls if call.manager_id is not None}
    ordered = sorted(ids, key=lambda i: (isinstance(i, str), str(i) if isinstance(i, str) else i))
    return tuple(Manager(i, str(i)) for i in ordered)


# ---------------------------------------------------------------------------------------------
# Cards and extensions, for the command line.

CARD_FIELDS: Final = ("id", "entity_type", "name", "phones", "manager_id")
"""The fields of a card record; ``phones`` holds several numbers separated by ``;``."""


def _card(record: object) -> Card:
    if not isinstance(record, Mapping):
        raise checks.type_error("card", "a JSON object", record)
    unknown = [field for field in record if field not in CARD_FIELDS]
    if unknown:
        raise InvalidValueError.from_parts(
            "{field!r} is not a field of a card record (the fields are {fields}).",
            field=unknown[0],
            fields=", ".join(CARD_FIELDS),
        )
    for field in ("id", "entity_type"):
        if absent(record.get(field)):
            raise required(field, record.get(field))
    phones = record.get("phones")
    if isinstance(phones, str):
        numbers: tuple[str, ...] = tuple(p.strip() for p in phones.split(";") if p.strip())
    elif isinstance(phones, list):
        numbers = tuple(read_word(p, "phones") for p in phones)
    elif absent(phones):
        numbers = ()
    else:
        raise checks.type_error("phones", "text (numbers separated by ';') or a list", phones)
    manager = record.get("manager_id")
    name = record.get("name")
    return Card(
        read_id(record["id"], "id"),
        read_word(record["entity_type"], "entity_type"),
        "" if absent(name) else read_word(name, "name"),
        numbers,
        None if absent(manager) else read_id(manager, "manager_id"),
    )


def _reference_records(
    path: Path, format: InputFormat, columns: tuple[str, ...], required: tuple[str, ...]
) -> Iterator[tuple[int, object]]:
    name = str(path)
    with _open(path) as stream:
        if format in ("json", "jsonl"):
            values = (
                _json_values(stream.read(), name) if format == "json" else _jsonl_values(stream)
            )
            for line, item in values:
                if isinstance(item, BadRecord):
                    raise item.as_error()
                yield line, item
        else:
            header, rows = _csv_reader(stream, name, columns, required)
            for line, cells in rows:
                if isinstance(cells, BadRecord):
                    raise cells.as_error()
                yield line, {k: v for k, v in zip(header, cells, strict=True) if v.strip()}


def read_cards(
    path: str | os.PathLike[str], *, format: InputFormat | None = None
) -> tuple[Card, ...]:
    """The cards of a CSV, JSON or JSON Lines file, a bad record stopping the reading.

    The fields are ``id, entity_type, name, phones, manager_id``; ``phones`` holds the
    numbers separated by ``;`` (or is a JSON list). The error names the bad record's line.

    Raises:
        InvalidValueError: A record is not a valid card.
        OSError: The file cannot be opened.
    """
    path = Path(path)
    kind = _format(path, format)
    cards: list[Card] = []
    try:
        for line, record in _reference_records(path, kind, CARD_FIELDS, ("id", "entity_type")):
            try:
                cards.append(_card(record))
            except CallAnalyticsError as error:
                raise at_line(line, error) from None
    except UnicodeDecodeError as error:
        raise not_utf8(repr(str(path)), error) from None
    return tuple(cards)


def read_extensions(path: str | os.PathLike[str]) -> dict[str, Id]:
    """``{extension: manager id}`` of a CSV file with the columns ``extension,manager_id``."""
    path = Path(path)
    found: dict[str, Id] = {}
    try:
        records = _reference_records(
            path, "csv", ("extension", "manager_id"), ("extension", "manager_id")
        )
        for line, record in records:
            row: Mapping[str, str] = record  # type: ignore[assignment]
            try:
                found[read_word(row.get("extension", ""), "extension")] = read_id(
                    row.get("manager_id", ""), "manager_id"
                )
            except CallAnalyticsError as error:
                raise at_line(line, error) from None
    except UnicodeDecodeError as error:
        raise not_utf8(repr(str(path)), error) from None
    return found
