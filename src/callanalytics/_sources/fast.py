"""The command line's fast path: a CSV file of calls reported by the columnar engine.

A CSV file in the library's own column layout (``docs/cli.md``) is read by polars, every cell
as text, checked column by column against the same rules the streaming reader applies, and
reported by the columnar engine (extra ``frames``), which does not check the rows again. The
checks here are stricter than the streaming reader's: a cell is taken only in the plainest
spelling of its value (``61``, not `` +61 `` or ``00:01:01``), so that whatever is
taken here is read exactly as the streaming reader reads it. A file with any cell the checks do
not take — a bad record, an unusual spelling, a quote, another delimiter or encoding — is not
reported here at all: :func:`report_of_csv` returns ``None`` and the caller streams the file,
which gives the same report with the exact message of every bad record. The report is the
same either way: same rows, same exclusions, same exit code.
"""

from __future__ import annotations

import io
import mmap
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from callanalytics._engines.frames import tally_of_frame
from callanalytics._model.enums import CallStatus, Direction, EntityType
from callanalytics._model.models import Manager
from callanalytics._model.tariffs import PROFESSIONAL
from callanalytics._model.text import _FALSE, _TRUE
from callanalytics._rules.routing import Routing
from callanalytics._sources.files import _csv_reader, _open, read_managers
from callanalytics._sources.records import CALL_FIELDS, REQUIRED
from callanalytics._views.report import CallsReport
from callanalytics.exceptions import CallAnalyticsError

if TYPE_CHECKING:
    from datetime import datetime

    from callanalytics._rules.filter import Filter

__all__ = ["report_of_csv"]

_ID: Final = r"^[0-9]{1,18}$"
"""An id as the fast path takes it: ASCII digits that fit an Int64, nothing else."""
_SECONDS: Final = r"^[0-9]{1,9}$"
"""Seconds as the fast path takes them: up to 31 years, so that a billion of them sum in Int64."""
_MOMENT: Final = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(?:\.[0-9]{1,6})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"
)
"""An ISO 8601 instant as the fast path takes it: what ``datetime.fromisoformat`` reads alike."""
_EDGE_SPACE: Final = r"^[\s\x1c-\x1f\x85]|[\s\x1c-\x1f\x85]$"
"""Text with spaces around it (Python's ``str.strip`` removes these): the streaming path strips
an id, so such ids go there."""
_ODD: Final = (b'"', b"\x00")
"""A quote or a NUL: Python's ``csv`` and polars may split such a file differently, so it goes
to the streaming path (and so does a carriage return that does not end a line)."""


_CHUNK: Final = 1 << 22
"""Bytes of the file counted at a time (4 MiB)."""


def _polars() -> Any:
    """polars, or ``None`` without the ``frames`` extra (then the file is streamed)."""
    try:
        import narwhals  # noqa: F401  # the columnar engine's
        import polars as pl
    except ImportError:
        return None
    return pl


def _header(path: Path) -> tuple[list[str], str] | None:
    """The header and the delimiter, or ``None`` for a header the streaming path must judge.

    The header is checked by the streaming reader's own check, with the columns of
    ``started_at`` (``created_at`` is left to the streaming path).
    """
    try:
        with _open(path) as stream:
            first = stream.readline()
        header, _ = _csv_reader(io.StringIO(first), str(path), CALL_FIELDS, REQUIRED)
    except (CallAnalyticsError, OSError, UnicodeDecodeError):
        return None
    if "started_at" not in header:
        return None
    return header, ";" if first.count(";") > first.count(",") else ","


def _frame(pl: Any, path: Path, header: list[str], delimiter: str) -> Any:
    """The calls of the file as a polars frame of the fields' types, or ``None``."""
    odd = _odd_bytes(path)
    if odd is None:
        return None
    try:  # every column: polars reads a line of too many cells without a word when it reads
        # only some (the report reads neither phone, result nor source: the CLI has no cards)
        raw = pl.read_csv(
            path,
            schema=dict.fromkeys(header, pl.String),
            separator=delimiter,
            quote_char=None,
            empty_string_is_null=False,
            encoding="utf8",
        )
    except Exception:  # polars' read errors (a ragged line, bad UTF-8) have no common base
        return None
    col = pl.col
    first, last = header[0], header[-1]
    raw = raw.filter(col(first).is_not_null())  # a blank line: the streaming path skips it
    if not _whole_lines(path, delimiter, raw, header):
        return None
    problems = [col(last).is_null()]  # a line whose last cell is missing
    if odd:  # a carriage return: only those that end a line (polars drops them) are plain
        problems += [col(name).str.contains("\r", literal=True) for name in raw.columns]
    columns: list[Any] = []
    for name in raw.columns:
        value = col(name)
        empty = value == ""
        if name == "id":
            problems.append(empty | value.str.contains(_EDGE_SPACE))
            columns.append(value)
        elif name == "direction":
            problems.append(~value.is_in([d.value for d in Direction]))
            columns.append(value)
        elif name == "started_at":
            problems.append(~value.str.contains(_MOMENT) | value.str.starts_with("0000"))
            columns.append(_instant(pl, value).alias(name))
        elif name in ("duration", "wait", "manager_id", "card_id"):
            optional = name != "duration"
            bad = ~value.str.contains(_ID if name.endswith("_id") else _SECONDS)
            problems.append(bad & ~empty if optional else bad)
            number = pl.when(empty).then(None).otherwise(value)
            columns.append(number.cast(pl.Int64, strict=False).alias(name))
        elif name == "status":
            codes = [str(int(s)) for s in CallStatus]
            problems.append(~empty & ~value.is_in(codes))
            number = pl.when(empty).then(None).otherwise(value)
            columns.append(number.cast(pl.Int64, strict=False).alias(name))
        elif name == "entity_type":
            problems.append(~empty & ~value.is_in([e.value for e in EntityType]))
            columns.append(pl.when(empty).then(None).otherwise(value).alias(name))
        elif name == "via_app":
            problems.append(~value.is_in([*_TRUE, *_FALSE, ""]))
            columns.append(value.is_in(list(_TRUE)).alias(name))
        elif name == "recording_url":
            columns.append(pl.when(empty).then(None).otherwise(value).alias(name))
    frame = raw.select(*columns, problem=pl.any_horizontal(*problems))
    at = col("started_at")  # a day that does not exist, an instant beyond years 1..9999 in UTC
    frame = frame.with_columns(
        problem=col("problem") | at.is_null() | (at.dt.year() > 9999) | (at.dt.year() < 1)
    )
    if "card_id" in header or "entity_type" in header:
        card = col("card_id") if "card_id" in header else pl.lit(None)
        entity = col("entity_type") if "entity_type" in header else pl.lit(None)
        frame = frame.with_columns(problem=col("problem") | (card.is_null() != entity.is_null()))
    if "via_app" in header and "recording_url" in header:
        recorded = col("via_app") & col("recording_url").is_not_null()
        frame = frame.with_columns(problem=col("problem") | recorded)
    if frame["problem"].any():
        return None
    return frame.drop("problem")


def _odd_bytes(path: Path) -> bool | None:
    """``None`` if the file holds a quote or a NUL; else whether it holds a carriage return."""
    with (  # not empty: it has a header
        path.open("rb") as stream,
        mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        if any(data.find(byte) >= 0 for byte in _ODD):
            return None
        return data.find(b"\r") >= 0


def _whole_lines(path: Path, delimiter: str, raw: Any, header: list[str]) -> bool:
    """Whether every line of the file (read as *raw*) has as many cells as the header.

    polars refuses a line of more cells than the header, and gives ``""`` for the cells a
    shorter line lacks. So a file whose last column holds no ``""`` has no shorter line;
    otherwise the delimiters are counted: in a file without quotes, a line of as many cells as
    the header has one delimiter fewer, and any other total means a line of fewer cells.
    Counted in chunks, so that the file is not copied whole.
    """
    if not (raw.get_column(header[-1]) == "").any():
        return True
    mark = delimiter.encode()
    with path.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
        size = len(data)
        count = sum(data[at : at + _CHUNK].count(mark) for at in range(0, size, _CHUNK))
    return bool(count == (raw.height + 1) * (len(header) - 1))


def _instant(pl: Any, text: Any) -> Any:
    """The UTC instant of text that :data:`_MOMENT` matches, from its fixed positions.

    Faster than a format with an offset; a day that does not exist is null. (Text that does not
    match gives any value: its row is a problem, and the file goes to the streaming path.)
    """
    utc = text.str.ends_with("Z")
    offset = pl.when(utc).then(1).otherwise(6)
    fraction = text.str.len_bytes() - 19 - offset  # ".5": 2
    wall = (text.str.slice(0, 10) + "T" + text.str.slice(11, 8)).str.to_datetime(
        "%Y-%m-%dT%H:%M:%S", strict=False, time_unit="us"
    )
    digits = (text.str.slice(20, fraction - 1) + "000000").str.slice(0, 6)
    micro = pl.when(fraction > 0).then(digits.cast(pl.Int64, strict=False)).otherwise(0)
    sign = pl.when(text.str.slice(-6, 1) == "-").then(-1).otherwise(1)
    hours = text.str.slice(-5, 2).cast(pl.Int64, strict=False)  # null for Z, and unused
    minutes = text.str.slice(-2, 2).cast(pl.Int64, strict=False)
    shift = pl.when(utc).then(0).otherwise(sign * (hours * 60 + minutes))
    moment = wall + pl.duration(microseconds=micro) - pl.duration(minutes=shift)
    return moment.dt.replace_time_zone("UTC")


def report_of_csv(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    managers: str | os.PathLike[str] | None = None,
    filter: Filter | None = None,
    now: datetime | None = None,
) -> CallsReport | None:
    """The report of a CSV file of calls through the columnar engine, or ``None`` if it cannot.

    ``None`` means: stream the file instead (no polars or narwhals, not a regular file, not
    ``.csv``, another delimiter or encoding, a cell this path does not take, a bad record).
    *managers* is the file of the account's managers; without it every manager id of the calls
    is a manager named by its id, as the command line does. When a report is returned, every
    record of the file was read as a call: there were no bad records.
    """
    pl = _polars()
    path = Path(path)
    suffix_csv = format is None and path.suffix.lower() == ".csv"
    if pl is None or not (format == "csv" or suffix_csv) or not _regular(path):
        return None
    team = None if managers is None else read_managers(managers)
    header = _header(path)
    if header is None:  # also an empty file, which mmap cannot map
        return None
    frame = _frame(pl, path, *header)
    if frame is None:
        return None
    if team is None:
        ids = frame["manager_id"].drop_nulls().unique().sort() if "manager_id" in header[0] else []
        team = tuple(Manager(i, str(i)) for i in ids)
    try:  # every row was checked above, by stricter rules than a call's: not again
        routing = Routing(team, filter=filter, now=now)
        tally = tally_of_frame(routing, frame, checked=True)
        return CallsReport.from_tally(tally, routing, PROFESSIONAL)
    except CallAnalyticsError:  # not expected (the checks above are stricter): stream it
        return None


def _regular(path: Path) -> bool:
    """Whether *path* is a regular file: a pipe or ``/dev/stdin`` is read once, by the stream."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
