"""``read_calls``: the calls of a file or a stream, in any format a CRM or a telephony writes.

The edge where files are opened (with :mod:`files`): the source is read once, lazily, in
flat memory; its encoding and format are found from its first bytes when not given, and
each record ends as one outcome of :class:`~callanalytics.CallReader` (R27). The formats are
documented in ``docs/cli.md``, ``docs/spreadsheets.md`` and ``docs/amocrm.md``.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import inspect
import io
import itertools
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import tzinfo
from pathlib import Path
from typing import IO, Any, Final, Protocol, cast

import attrs

from callanalytics._kit import checks
from callanalytics._model.models import Call, Id, Manager
from callanalytics._model.text import parse_zone
from callanalytics._sources import pbx, sheets
from callanalytics._sources.amocrm import (
    call_from_api,
    call_from_note,
    call_from_unsorted,
    call_from_webhook_note,
    webhook_notes,
)
from callanalytics._sources.files import (
    _DECODER,
    COLUMN_REQUIRED,
    COLUMN_TWICE,
    HEADER_NOT_CSV,
    START_REQUIRED,
    _not_text,
    cells_error,
    must_hold,
    not_csv,
    not_json,
)
from callanalytics._sources.files import _jsonl_values as files_jsonl_values
from callanalytics._sources.reading import CallReader, Internal, Item, ReadCounts, Rejected
from callanalytics._sources.records import RECORD_FIELDS, cells_reader, own_call
from callanalytics.exceptions import CallAnalyticsError, InvalidTypeError, InvalidValueError

__all__ = [
    "FORMATS",
    "PBX_FORMATS",
    "FileCallReader",
    "detect_encoding",
    "read_calls",
    "sniff_format",
]

HEAD: Final = 64 * 1024
"""How many bytes the encoding and the format are found from."""

PBX_FORMATS: Final = tuple(pbx.READERS)
"""The telephony formats (their readers are in ``_sources/pbx/``)."""


class Reader(Protocol):
    """A format's reader: the calls of a text stream (see ``docs/contract``)."""

    def __call__(
        self,
        stream: IO[str],
        *,
        tz: tzinfo | None,
        extensions: Mapping[str, Id] | None,
        duplicates: bool,
    ) -> CallReader: ...


_pbx_sniff: Final = pbx.sniff
"""The PBX format of a file's head, or ``None``."""


# ---------------------------------------------------------------------------------------------
# Encoding: given, or found from the first bytes.


def detect_encoding(head: bytes, *, complete: bool = False) -> str:
    r"""The encoding of a text that starts with *head*: a BOM's, else UTF-8 if valid, else cp1251.

    *complete*: *head* is the whole text (its last character cannot be cut in two).

    >>> detect_encoding(b"\xef\xbb\xbfid"), detect_encoding("Дата".encode())
    ('utf-8-sig', 'utf-8')
    >>> detect_encoding("Дата".encode("cp1251"))
    'cp1251'
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


class _RawReplay(io.RawIOBase):
    """A binary stream that gives *head* again, then the rest of *stream*: no seek needed."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            size = min(len(view), len(self._head))
            view[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)


class _TextReplay(io.TextIOBase):
    """A text stream that gives *head* again, then the rest of *stream*."""

    def __init__(self, head: str, stream: IO[str], name: str = "<stream>") -> None:
        self._head = head
        self._stream = stream
        self.name = name

    def read(self, size: int | None = -1) -> str:
        head = self._head
        if not head:
            return self._stream.read(-1 if size is None else size)
        if size is None or size < 0:
            self._head = ""
            return head + self._stream.read()
        self._head = head[size:]
        return head[:size]

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        head = self._head
        if not head:
            return self._stream.readline()
        end = head.find("\n")
        if end >= 0:
            self._head = head[end + 1 :]
            return head[: end + 1]
        self._head = ""
        return head + self._stream.readline()


def _encoding(encoding: object) -> str | None:
    if encoding is None:
        return None
    if not isinstance(encoding, str):
        raise checks.type_error("encoding", "a str such as 'utf-8' or 'cp1251'", encoding)
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise checks.value_error(
            "encoding", "be a known encoding such as 'cp1251'", encoding
        ) from None


def _text(source: object, encoding: str | None) -> tuple[IO[str], str, str, IO[Any] | None]:
    """``(text stream, name, suffix, the file to close)`` of *source*: a path or an open file."""
    opened: IO[Any] | None = None
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            opened = binary = open(path, "rb")  # noqa: SIM115  # closed when read
        except ValueError:  # a NUL character: no file has such a name
            raise checks.value_error(
                "source", "be a path without a NUL character", str(path)
            ) from None
        except IsADirectoryError:
            raise checks.value_error("source", "be a file, not a directory", str(path)) from None
        name, suffix = str(path), path.suffix.lower()
    elif hasattr(source, "read"):
        stream: Any = source
        name = str(getattr(stream, "name", "<stream>"))
        suffix = Path(name).suffix.lower() if isinstance(getattr(stream, "name", None), str) else ""
        sample = stream.read(0)
        if isinstance(sample, str):
            return stream, name, suffix, None
        if not isinstance(sample, bytes):
            raise checks.type_error("source", "a path or a file open for reading", source)
        binary = stream
    else:
        raise checks.type_error("source", "a path or a file open for reading", source)
    head = binary.read(HEAD)
    chosen = encoding or detect_encoding(head, complete=len(head) < HEAD)
    if chosen == "utf-8" and head.startswith(codecs.BOM_UTF8):
        chosen = "utf-8-sig"
    raw = io.BufferedReader(_RawReplay(head, binary))
    return io.TextIOWrapper(raw, encoding=chosen, newline=""), name, suffix, opened


# ---------------------------------------------------------------------------------------------
# Format: given, or from the suffix, or from the content.

_SUFFIXES: Final = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_WEBHOOK_HINTS: Final = ("[note][", "%5Bnote%5D%5B")


def sniff_format(head: str, suffix: str = "") -> str:
    r"""The format of a text that starts with *head*, from the file's *suffix* or its content.

    >>> sniff_format('[{"uniq": "a"}]'), sniff_format('{"id": 1}\n{"id": 2}\n')
    ('json', 'jsonl')
    >>> sniff_format("leads%5Bnote%5D%5B0%5D%5Bnote%5D%5Bid%5D=1"), sniff_format("id;Дата\n")
    ('amocrm', 'csv')
    """
    text = head.lstrip("\ufeff \t\r\n")
    if any(hint in text[:4096] for hint in _WEBHOOK_HINTS) and not text.startswith(("[", "{")):
        return "amocrm"
    return _pbx_sniff(head) or _SUFFIXES.get(suffix) or _by_content(text)


def _by_content(text: str) -> str:
    """The format of *text* (its spaces stripped) from what it starts with."""
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first, _, rest = text.partition("\n")
        try:
            _DECODER.decode(first)
        except (ValueError, RecursionError):  # not one object per line (or too deep to tell)
            return "json"
        return "jsonl" if rest.lstrip().startswith("{") or not rest.strip() else "json"
    return "csv"


# ---------------------------------------------------------------------------------------------
# Records → items: each JSON value in the shape it has.


def not_an_object(value: object) -> InvalidTypeError:
    """The error for a call record that is not a JSON object."""
    return InvalidTypeError.from_parts(
        "a call record must be a JSON object (got {value} of type {kind}).",
        value=checks.shown(value),
        kind=type(value).__name__,
    )


def wrong_encoding(shown_name: str, error: UnicodeDecodeError) -> InvalidValueError:
    """The error for a file that is not text of the encoding it was read with."""
    return InvalidValueError.from_parts(
        "'encoding' must be the file's: {file} is not {encoding} text ({reason}); "
        "give it (encoding=, --encoding).",
        file=shown_name,
        encoding=error.encoding,
        reason=error.reason,
    )


def _pages(
    value: Mapping[Any, Any], entity: str | None
) -> tuple[Iterable[object], str | None] | None:
    """The records of an amoCRM page (``{"_embedded": {"notes": [...]}}``) and its entity."""
    embedded = value.get("_embedded")
    holder = embedded if isinstance(embedded, Mapping) else value
    lists = [item for item in holder.values() if isinstance(item, list)]
    if len(lists) != 1 or (holder is value and "_embedded" not in value and len(value) > 3):
        return None
    links = value.get("_links")
    link = links.get("self") if isinstance(links, Mapping) else None
    href = link.get("href") if isinstance(link, Mapping) else None
    if isinstance(href, str):
        for name in ("contacts", "companies", "leads", "customers"):
            if f"/{name}/" in href or href.rstrip("/").endswith(f"/{name}/notes"):
                entity = name
    return lists[0], entity


def record_items(
    line: int, value: object, *, tz: tzinfo | None, entity: str | None = None, own: bool = True
) -> Iterator[tuple[int, Item]]:
    """The item of each record *value* holds: a call in the library's names or amoCRM's.

    *own*: a record with ``started_at`` is in the library's own field names.
    """
    try:
        if not isinstance(value, Mapping):
            raise not_an_object(value)
        page = _pages(value, entity)
        if page is not None:
            records, kind = page
            for record in records:
                yield from record_items(line, record, tz=tz, entity=kind, own=own)
            return
        if any(isinstance(key, str) and "[note][" in key for key in value):
            notes = webhook_notes(value)
            for prefix, fields in notes:
                yield from _webhook_item(line, prefix, fields, tz)
            return
        if own and "started_at" in value:
            yield line, own_call(value, tz=tz)
        elif "note_type" in value and "params" in value:
            yield line, call_from_note(value, entity_type=entity)
        elif "note_type" in value:
            yield line, call_from_webhook_note(value, entity=entity, tz=tz)
        elif "metadata" in value or value.get("category") == "sip":
            yield line, call_from_unsorted(value)
        else:
            yield line, call_from_api(value)
    except CallAnalyticsError as error:
        yield line, Rejected.of(line, error)


def _webhook_item(
    line: int, entity: str, fields: Mapping[str, str], tz: tzinfo | None
) -> Iterator[tuple[int, Item]]:
    try:
        yield line, call_from_webhook_note(fields, entity=entity, tz=tz)
    except CallAnalyticsError as error:
        yield line, Rejected.of(line, error)


# ---------------------------------------------------------------------------------------------
# JSON, streamed: a list is decoded one record at a time from chunks of the text.

_SPACE: Final = re.compile(r"[ \t\n\r\ufeff]*")
_CHUNK: Final = 64 * 1024


class _Chunks:
    """The text of a stream in chunks, with a cursor: what has been decoded is let go."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.text = ""
        self.pos = 0
        self.base = 1  # the line of text[0]
        self.counted = 0
        self.line = 1  # the line of text[counted]
        self.eof = False

    def fill(self) -> bool:
        if self.eof:
            return False
        data = self.stream.read(max(_CHUNK, len(self.text) - self.pos))
        if not data:
            self.eof = True
            return False
        self.line_at()
        self.base += self.text.count("\n", 0, self.pos)
        self.text = self.text[self.pos :] + data
        self.pos = self.counted = 0
        return True

    def line_at(self) -> int:
        self.line += self.text.count("\n", self.counted, self.pos)
        self.counted = self.pos
        return self.line

    def peek(self) -> str:
        while True:
            match = _SPACE.match(self.text, self.pos)
            self.pos = match.end() if match is not None else self.pos
            if self.pos < len(self.text) or not self.fill():
                return self.text[self.pos : self.pos + 1]

    def fail(self, name: str, expected: str) -> InvalidValueError:
        return must_hold(self.line_at(), name, expected, self.text[self.pos : self.pos + 10])

    def decode(self, name: str) -> tuple[object, int, int]:
        """The next JSON value, and where it starts and ends in :attr:`text`."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                near_end = error.pos >= len(self.text) - 64  # a literal or a number cut short
                cut = near_end or error.msg.startswith("Unterminated")
                if cut and self.fill():
                    continue
                line = self.base + self.text.count("\n", 0, error.pos)
                raise not_json(line, name, error.msg) from None
            except RecursionError:
                raise not_json(self.line_at(), name, "nested too deeply") from None
            if end == len(self.text) and self.fill():  # a number may go on in the next chunk
                continue
            start, self.pos = self.pos, end
            return value, start, end


def _json_values(stream: IO[str], name: str) -> Iterator[tuple[int, object]]:
    """``(line, value)`` of each record of a JSON list (or of objects one after another)."""
    chunks = _Chunks(stream)
    first = chunks.peek()
    if first == "[":
        chunks.pos += 1
        if chunks.peek() == "]":
            chunks.pos += 1
        else:
            while True:
                chunks.peek()
                line = chunks.line_at()
                value, start, end = chunks.decode(name)
                problem = _not_text(value, chunks.text, start, end)
                yield line, value if problem is None else Rejected.of(line, problem)
                after = chunks.peek()
                chunks.pos += 1
                if after == "]":
                    break
                if after != ",":
                    chunks.pos -= 1
                    raise chunks.fail(name, "',' or ']' after a record")
    else:
        while chunks.peek() == "{":
            line = chunks.line_at()
            value, start, end = chunks.decode(name)
            problem = _not_text(value, chunks.text, start, end)
            yield line, value if problem is None else Rejected.of(line, problem)
    if chunks.peek():
        raise chunks.fail(name, "a JSON list of records" if first not in "[{" else "nothing more")


def _jsonl_values(stream: IO[str]) -> Iterator[tuple[int, object]]:
    return files_jsonl_values(stream, Rejected.of)


def _json_items(
    values: Iterable[tuple[int, object]], tz: tzinfo | None, *, own: bool = True
) -> Iterator[tuple[int, Item]]:
    for line, value in values:
        if isinstance(value, Rejected):
            yield line, value
        else:
            yield from record_items(line, value, tz=tz, own=own)


def _amocrm_values(stream: IO[str], name: str) -> Iterator[tuple[int, object]]:
    """amoCRM's payloads: JSON (a list, a page), JSON Lines, or webhook bodies one per line."""
    head = stream.read(HEAD)
    stream = cast("IO[str]", _TextReplay(head, stream, name))
    kind = sniff_format(head)
    if kind in ("json", "jsonl"):
        yield from (_json_values(stream, name) if kind == "json" else _jsonl_values(stream))
        return
    for line, raw in enumerate(stream, start=1):
        if raw.strip():
            notes = webhook_notes(raw)
            if not notes:
                must = "be a note webhook: form fields such as leads[note][0][note][note_type]"
                yield line, Rejected.of(line, checks.value_error("body", must, raw.strip()))
            else:
                yield line, dict(raw_pairs(raw))


def raw_pairs(body: str) -> list[tuple[str, str]]:
    """The ``(key, value)`` pairs of a form-encoded body."""
    import urllib.parse

    return urllib.parse.parse_qsl(body.strip(), keep_blank_values=True)


# ---------------------------------------------------------------------------------------------
# CSV: the library's own columns, or a spreadsheet's headers and words.

_DELIMITERS: Final = (",", ";", "\t")
_API_DIRECTIONS: Final = frozenset(("inbound", "outbound"))


def _delimiter(first: str) -> str:
    """The delimiter of a header line: the one of ``,`` ``;`` tab it has most of."""
    counts = {d: first.count(d) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: (counts[d], d == ","))


def _row_id(record: Mapping[str, str]) -> str:
    """The id of a spreadsheet row without one: a digest of its cells (R28, see the docs)."""
    text = "\x1f".join(f"{k}={v}" for k, v in sorted(record.items()))
    return "row-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _csv_items(stream: IO[str], name: str, tz: tzinfo | None) -> Iterator[tuple[int, Item]]:
    first = stream.readline()
    delimiter = _delimiter(first)
    lines = itertools.chain([first], stream) if first else stream
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = [cell.strip().lstrip("\ufeff") for cell in next(reader)]
    except StopIteration:
        return  # an empty file: no records
    except csv.Error as error:
        raise InvalidValueError.from_parts(HEADER_NOT_CSV, file=name, reason=str(error)) from None
    while header and not header[-1]:
        header.pop()  # the empty columns a spreadsheet leaves at the end
    fields = _header_fields(header, name)
    width = len(header)
    # the library's own columns: a reader generated for them takes the plain rows at a tenth
    # of the cost, and gives every other row (None) to the full reading below
    fast = cells_reader(header) if fields == header else None
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, Rejected.of(line, not_csv(error))
            continue
        if not cells or not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            cells = cells[:width]
        if len(cells) != width:
            yield line, Rejected.of(line, cells_error(len(cells), width))
            continue
        call = None if fast is None else fast(cells)
        yield (line, call) if call is not None else _row_item(line, fields, cells, tz)


def _header_fields(header: list[str], name: str) -> list[str | None]:
    """The call field of each column (``None``: left aside); a bad header is an error."""
    own = all(column in RECORD_FIELDS for column in header)
    if own:
        fields: list[str | None] = list(header)
    else:
        talk = sheets.talk_time_header(header)
        fields = []
        for column in header:
            field = column if column in RECORD_FIELDS else sheets.field_of_header(column)
            if field == "duration" and talk and not sheets.is_talk_time(column):
                field = None
            fields.append(field)
        if not any(
            field is not None and column not in RECORD_FIELDS
            for field, column in zip(fields, header, strict=True)
        ):
            unknown = next(c for c in header if c not in RECORD_FIELDS)
            raise InvalidValueError.from_parts(
                "line 1: {column!r} is not a column of {file!r} (the columns are {columns}, "
                "or a spreadsheet's headers: docs/spreadsheets.md).",
                column=unknown,
                file=name,
                columns=", ".join(RECORD_FIELDS),
            )
    for column in header:
        if own and header.count(column) > 1:
            raise InvalidValueError.from_parts(COLUMN_TWICE, column=column, file=name)
    named = set(fields)
    for field in ("direction", "duration", *(("id",) if own else ())):
        if field not in named:
            raise InvalidValueError.from_parts(
                COLUMN_REQUIRED, column=field, file=name, value=checks.shown(header)
            )
    if "started_at" not in named and "created_at" not in named:
        raise InvalidValueError.from_parts(START_REQUIRED, file=name, value=checks.shown(header))
    return fields


def _row_item(
    line: int, fields: list[str | None], cells: list[str], tz: tzinfo | None
) -> tuple[int, Item]:
    record: dict[str, str] = {}
    for field, cell in zip(fields, cells, strict=True):
        value = cell.strip()
        if field is None or not value:
            continue
        if field in record:
            if field == "started_at":  # a date column and a time column
                record[field] += " " + value
            continue
        record[field] = value
    direction = record.get("direction")
    if direction is not None and direction not in _API_DIRECTIONS:
        if sheets.folded(direction) in sheets.INTERNAL_WORDS:
            return line, Internal(line, record.get("id") or _row_id(record))
        record["direction"] = sheets.read_direction(direction)
    if "status" in record:
        record["status"] = sheets.read_status(record["status"])
    if "id" not in record:
        record["id"] = _row_id(record)
    try:
        return line, own_call(record, tz=tz)
    except CallAnalyticsError as error:
        return line, Rejected.of(line, error)


# ---------------------------------------------------------------------------------------------
# The readers, one per format, and read_calls.


def _guarded(items: Iterator[tuple[int, Item]], name: str) -> Iterator[tuple[int, Item]]:
    """*items*, with a text that is not in its encoding turned into an error naming it."""
    try:
        yield from items
    except UnicodeDecodeError as error:
        raise wrong_encoding(repr(name), error) from None


def _reader(items: Callable[[IO[str], str, tzinfo | None], Iterator[tuple[int, Item]]]) -> Reader:
    def read(
        stream: IO[str],
        *,
        tz: tzinfo | None = None,
        extensions: Mapping[str, Id] | None = None,
        duplicates: bool = True,
    ) -> CallReader:
        name = str(getattr(stream, "name", "<stream>"))
        return CallReader(_guarded(items(stream, name, tz), name), duplicates=duplicates)

    return read


_READERS: Final[dict[str, Reader]] = {
    "csv": _reader(_csv_items),
    "json": _reader(lambda s, n, tz: _json_items(_json_values(s, n), tz)),
    "jsonl": _reader(lambda s, n, tz: _json_items(_jsonl_values(s), tz)),
    "amocrm": _reader(lambda s, n, tz: _json_items(_amocrm_values(s, n), tz, own=False)),
    **pbx.READERS,
}
"""Each format's reader: the library's own and amoCRM's here, the PBXs' in ``_sources/pbx/``."""

FORMATS: Final = tuple(_READERS)
"""Every format ``read_calls`` names."""


class FileCallReader(CallReader):
    """The reader of :func:`read_calls`: a :class:`CallReader` that closes its file.

    It closes the file it opened once read to the end (or on :meth:`close`), and credits a
    call naming its manager by name to that manager's id. :attr:`share_read` says how far into
    that file it has come.
    """

    def __init__(self, inner: CallReader, names: Mapping[str, Id], close: IO[Any] | None) -> None:
        self._inner = inner
        self._names = names
        self._close = close
        self._size = None if close is None else _regular_size(close)
        self._share_closed: float | None = None  # share_read when the file was closed
        self.rejected = inner.rejected
        self.duplicate_lines = inner.duplicate_lines

    def __next__(self) -> Call:
        try:
            call = next(self._inner)
        except BaseException:
            self.close()
            raise
        manager = call.manager_id
        if isinstance(manager, str):
            known = self._names.get(sheets.folded(manager))
            if known is not None:
                return attrs.evolve(call, manager_id=known)
        return call

    @property
    def counts(self) -> ReadCounts:
        return self._inner.counts

    @property
    def share_read(self) -> float | None:
        """The share of the file's bytes read so far, from 0 to 1, for a progress display.

        The position in the file it opened, a few buffers ahead of the calls given; once the
        file is closed, the share at that moment (``1.0`` when read to the end). ``None`` when
        it is not known: a stream was given (a pipe, standard input), or the path is not a
        regular file, or is empty.
        """
        if self._close is None or not self._size:
            return self._share_closed
        return min(1.0, self._close.tell() / self._size)

    def close(self) -> None:
        """Close the file the reader opened (it closes itself once read to the end)."""
        if self._close is not None:
            self._share_closed = self.share_read
            self._close.close()
            self._close = None


def _regular_size(file: IO[Any]) -> int | None:
    """The size of *file* in bytes if it is a regular file (a pipe has none)."""
    status = os.fstat(file.fileno())
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def read_calls(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    format: str | None = None,
    encoding: str | None = None,
    tz: str | tzinfo | None = None,
    extensions: Mapping[str, Id] | None = None,
    duplicates: bool = True,
    managers: Iterable[Manager] | None = None,
    **options: object,
) -> FileCallReader:
    r"""The calls of a file or an open stream, read lazily, every record accounted for (R27).

    *source* is a path, or a file open for reading in text or binary mode (a pipe too: it is
    read once, never sought). *encoding*: the text's; by default a byte order mark's, else
    UTF-8 when the first 64 KiB are valid UTF-8, else cp1251 (Russian Excel). *format*: one of
    :data:`FORMATS`; by default from the suffix, else from the content. *tz*: the zone of
    times written without an offset (spreadsheets, webhooks' ``date_create``).
    *extensions*: a PBX extension → manager id. *duplicates*: drop a call whose id came
    before (R28); ``False`` remembers no id, for flat memory. *managers*: a manager named by
    name in the data (a spreadsheet's ``Менеджер``, amoCRM's text ``call_responsible``) is
    credited to the manager of that name. *options* are a PBX format's own (``usegmtime=``
    for Asterisk and FreePBX, ``template=`` for FreeSWITCH, ``fields=`` for 3CX, ``window=``
    and ``max_open=`` for the merging of legs; see docs/pbx.md); other formats take none.

    >>> import io
    >>> data = ("Дата звонка;Направление;Длительность;Статус\n"
    ...         "26.11.2026 12:00:05;Входящий;0:01:05;Занято\n")
    >>> reader = read_calls(io.BytesIO(data.encode("cp1251")), tz="Europe/Moscow")
    >>> [(c.direction.value, c.duration, c.status, c.started_at.isoformat()) for c in reader]
    [('inbound', 65, <CallStatus.BUSY: 7>, '2026-11-26T12:00:05+03:00')]
    >>> reader.counts.reconciles
    True
    """
    zone = None if tz is None else parse_zone("tz", tz)
    chosen = _encoding(encoding)
    if format is not None:
        checks.member(format, "format", FORMATS)
    names = _manager_names(managers)
    checks.flag(duplicates, "duplicates")
    stream, name, suffix, opened = _text(source, chosen)
    try:
        head = "" if format is not None else _head(stream, name)
        stream = cast("IO[str]", _TextReplay(head, stream, name))
        kind = format if format is not None else sniff_format(head, suffix)
        read = _READERS[kind]
        _check_options(kind, read, options)
        inner = read(stream, tz=zone, extensions=extensions, duplicates=duplicates, **options)
    except BaseException:
        if opened is not None:
            opened.close()
        raise
    return FileCallReader(inner, names, opened)


def _check_options(kind: str, read: Reader, options: Mapping[str, object]) -> None:
    """Refuse an option the format's reader does not take, naming it."""
    taken = [
        name
        for name, parameter in inspect.signature(read).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        and name not in ("tz", "extensions", "duplicates")
    ]
    for name in options:
        if name not in taken:
            must = f"be an option of the {kind} format ({', '.join(taken) or 'it takes none'})"
            raise checks.value_error(name, must, options[name])


def _head(stream: IO[str], name: str) -> str:
    """The first characters of *stream*, to find its format from; bad text names the encoding."""
    try:
        return stream.read(HEAD)
    except UnicodeDecodeError as error:
        raise wrong_encoding(checks.shown(name), error) from None


def _manager_names(managers: Iterable[Manager] | None) -> dict[str, Id]:
    if managers is None:
        return {}
    names: dict[str, Id] = {}
    for manager in checks.iterable(managers, "managers", "Manager"):
        if not isinstance(manager, Manager):
            raise checks.type_error("managers", "an iterable of Manager", manager)
        names.setdefault(sheets.folded(manager.name), manager.id)
    return names
