"""Records to calls: a mapping with the library's own field names becomes a :class:`Call`.

The fields, their defaults and how a record's value becomes each are the call schema's
(``docs/schema.md``): nothing here spells a field out again. A record comes from a file (a CSV
row, a JSON object) or from a host; this module opens nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any, Final

from callanalytics._kit import checks
from callanalytics._kit.codegen import generate
from callanalytics._model.enums import CallStatus, Direction, EntityType
from callanalytics._model.models import Call
from callanalytics._model.schema import schema
from callanalytics._model.text import absent, parse_int, parse_zone, read_moment
from callanalytics._sources.amocrm import call_from_api
from callanalytics._sources.problems import (
    RecordError,
    RecordTypeError,
    RecordValueError,
    record_error,
)
from callanalytics._sources.reading import CallReader, Item, Rejected
from callanalytics.exceptions import CallAnalyticsError, InvalidTypeError, InvalidValueError

__all__ = [
    "CALL_FIELDS",
    "RECORD_FIELDS",
    "REQUIRED",
    "RecordError",
    "RecordTypeError",
    "RecordValueError",
    "call_from_record",
    "calls_from_records",
    "cells_reader",
    "own_call",
    "record_error",
    "record_items",
    "values_reader",
]

_SCHEMA: Final = schema(Call)

CALL_FIELDS: Final = tuple(field.name for field in _SCHEMA)
"""The library's own field names of a call record: the fields of :class:`Call`."""

RECORD_FIELDS: Final = (*CALL_FIELDS, "created_at")
"""What a record may hold: the fields, or ``created_at`` (Unix seconds) for ``started_at``."""

REQUIRED: Final = tuple(f.name for f in _SCHEMA if f.required and f.name != "started_at")
"""The fields a record must give; the start is ``started_at`` or ``created_at``."""


def _required(field: str, value: object) -> InvalidValueError:
    """The error for a record without *field*: ``'id' is required (got '').``."""
    return InvalidValueError.from_parts(
        "{field!r} is required (got {value}).", field=field, value=checks.shown(value)
    )


def _unix(value: object) -> datetime:
    seconds = parse_int("created_at", value)
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise checks.value_error("created_at", "be a Unix time in seconds", value) from None


def own_call(record: Mapping[str, object], *, tz: tzinfo | None = None) -> Call:
    """A call from a record with the library's own field names (unset fields take defaults).

    A value is unset when it is missing, ``None``, blank text, NaN, or pandas' ``NA`` or
    ``NaT``; each set value is read by its field's schema conversion (text for numbers,
    ``HH:MM:SS`` durations, ``yes``/``no``, numpy's scalars); a time without an offset is a
    wall time of *tz*. Every problem of the record is reported at once, in one
    :class:`RecordError`.
    """
    problems: list[tuple[str, CallAnalyticsError]] = []

    for name in [key for key in record if key not in RECORD_FIELDS]:
        unknown = InvalidValueError.from_parts(
            "{name} is not a field of a call record (the fields are {fields}).",
            name=checks.shown(name),
            fields=", ".join(CALL_FIELDS),
        )
        problems.append((str(name), unknown))
    for name in REQUIRED:
        if absent(record.get(name)):
            problems.append((name, _required(name, record.get(name))))
    iso, unix = record.get("started_at"), record.get("created_at")
    values: dict[str, Any] = {}
    if not absent(iso) and not absent(unix):
        both = InvalidValueError.from_parts(
            "'started_at' and 'created_at' must not both be set: one time per call "
            "(got {value} and {other}).",
            value=checks.shown(iso),
            other=checks.shown(unix),
        )
        problems.append(("started_at", both))
    elif absent(iso) and absent(unix):
        problems.append(("started_at", _required("started_at", iso)))
    else:
        try:
            values["started_at"] = (
                _unix(unix) if absent(iso) else read_moment(iso, "started_at", tz)
            )
        except CallAnalyticsError as error:
            problems.append(("created_at" if absent(iso) else "started_at", error))
    for field in _SCHEMA:
        raw = record.get(field.name)
        if field.name != "started_at" and not absent(raw):
            try:  # read as a file holds it, then checked as the constructor checks it
                values[field.name] = field.spec.convert(
                    field.spec.read(raw, field.name), field.name
                )
            except CallAnalyticsError as error:
                problems.append((field.name, error))
    if problems:
        raise record_error(problems)
    try:
        return Call(**values)
    except CallAnalyticsError as error:  # a field's value, or two fields that cannot go together
        raise record_error([(_field_of(error), error)]) from None


def _field_of(error: Exception) -> str:
    """The field an error's message names first (the messages start with ``'field'``)."""
    return str(error).split("'", 2)[1]


def call_from_record(record: object) -> Call:
    """Build a :class:`Call` from one JSON record, in either of the two shapes it may have.

    A record with a ``started_at`` field uses the library's own field names (see
    :data:`CALL_FIELDS`); any other record is an amoCRM ``POST /api/v4/calls`` object, read by
    :func:`call_from_api` (``uniq``, ``created_at`` in Unix seconds, ``call_status``, ...).

    >>> own = call_from_record({"id": "c1", "direction": "inbound", "duration": 61,
    ...                         "started_at": "2026-11-02T12:30:00+03:00", "manager_id": 7})
    >>> amo = call_from_record({"uniq": "c1", "direction": "inbound", "duration": 61,
    ...                         "created_at": 1793611800, "call_responsible": 7})
    >>> own == amo
    True
    """
    if not isinstance(record, Mapping):
        raise InvalidTypeError.from_parts(
            "a call record must be a JSON object (got {value} of type {kind}).",
            value=checks.shown(record),
            kind=type(record).__name__,
        )
    if "started_at" in record:
        return own_call(record)
    return call_from_api(record)


# ---------------------------------------------------------------------------------------------
# A host's records: database rows, dicts, tuples, a frame's itertuples().


def _as_mapping(record: object, columns: object) -> Mapping[str, object]:
    """*record* as a mapping of field names to values, *columns* naming its fields."""
    if isinstance(record, Mapping):
        if columns is None:
            return record
        if not isinstance(columns, Mapping):
            raise checks.type_error(
                "columns", "a mapping {their key: field} for records that are mappings", columns
            )
        names: Mapping[Any, object] = columns
        return {
            str(names.get(key, key)): value
            for key, value in record.items()
            if key in names or key in RECORD_FIELDS
        }
    if columns is None and hasattr(record, "keys"):  # sqlite3.Row: by name, iterated by value
        row: Any = record
        return {key: row[key] for key in row.keys()}  # noqa: SIM118
    if isinstance(record, str | bytes) or not isinstance(record, Sequence):
        raise checks.type_error("record", "a mapping or a sequence of values", record)
    if columns is None:
        fields = getattr(record, "_fields", None)  # a named tuple names its values
        if fields is None:
            msg = (
                "a record that is a plain sequence of values needs columns= naming the field "
                f"of each position (got {checks.shown(record)})."
            )
            raise InvalidValueError(msg)
        return dict(zip(fields, record, strict=True))
    positions: Sequence[object] = columns  # type: ignore[assignment]
    if len(positions) != len(record):
        msg = (
            f"a record must have one value per column of columns= ({len(positions)}) "
            f"(got {len(record)} values: {checks.shown(record)})."
        )
        raise InvalidValueError(msg)
    return {str(name): value for name, value in zip(positions, record, strict=True) if name}


def _check_columns(columns: object) -> object:
    """*columns*: ``None``, a mapping of keys to fields, or a sequence of fields (or ``None``)."""
    if columns is None:
        return None
    if isinstance(columns, str | bytes) or not isinstance(columns, Mapping | Sequence):
        raise checks.type_error("columns", "a mapping or a sequence of field names", columns)
    targets: Iterable[object] = columns.values() if isinstance(columns, Mapping) else columns
    for name in targets:
        if name is not None and (not isinstance(name, str) or name not in RECORD_FIELDS):
            msg = (
                f"'columns' must name fields of a call ({', '.join(RECORD_FIELDS)}) "
                f"(got {checks.shown(name)})."
            )
            raise InvalidValueError(msg)
    return dict(columns) if isinstance(columns, Mapping) else tuple(targets)


def record_items(
    records: Iterable[object], *, columns: object = None, tz: tzinfo | None = None
) -> Iterator[tuple[int, Item]]:
    """``(number, item)`` for each record: its call, or its rejection with every problem.

    The arguments are checked at once, before the first record is asked for.
    """
    names = _check_columns(columns)
    return _items(iter(checks.iterable(records, "records", "record")), names, tz)


def _items(
    records: Iterator[object], names: object, tz: tzinfo | None
) -> Iterator[tuple[int, Item]]:
    read = values_reader(names, tz) if isinstance(names, tuple) else None
    for number, record in enumerate(records, 1):
        if read is not None and record.__class__ is tuple:  # a cursor's row: the common case
            call = read(record)
            if call is not None:
                yield number, call
                continue
        try:
            yield number, own_call(_as_mapping(record, names), tz=tz)
        except RecordError as error:
            yield number, Rejected.of(number, error)
        except CallAnalyticsError as error:
            yield number, Rejected(number, str(error), error=error)


def calls_from_records(
    records: Iterable[object],
    *,
    columns: Mapping[str, str] | Sequence[str | None] | None = None,
    tz: str | tzinfo | None = None,
    duplicates: bool = True,
    on_reject: Callable[[Rejected], None] | None = None,
) -> CallReader:
    """The calls of a host's records — database rows, dicts, tuples — read lazily (R27).

    *columns* names which value is which field: for mappings ``{"their key": "field"}``
    (other keys are left aside), for tuples one field name per position (``None`` to skip
    one). Named tuples (``DataFrame.itertuples(index=False)``) and mappings keyed by the
    fields need none. Values are taken as hosts hold them: numpy's and pandas' scalars,
    integral floats, ``None``/NaN/``pd.NA``/``NaT`` for "not set", times without an offset
    read in *tz*. A record that is not a call is rejected with every problem it has, and
    counted; the reader's :attr:`~CallReader.counts` account for every record.

    >>> from datetime import datetime
    >>> rows = [("u1", "inbound", datetime(2026, 11, 2, 12, 30), 61, 7),
    ...         ("u2", "outbound", datetime(2026, 11, 2, 12, 40), -5, 7)]
    >>> reader = calls_from_records(
    ...     rows, columns=["id", "direction", "started_at", "duration", "manager_id"],
    ...     tz="Europe/Moscow")
    >>> [(c.id, c.started_at.isoformat()) for c in reader]
    [('u1', '2026-11-02T12:30:00+03:00')]
    >>> print(reader.rejected[0])
    line 2: 'duration' must be >= 0 (got -5).
    >>> reader.counts.reconciles
    True
    """
    zone = None if tz is None else parse_zone("tz", tz)
    items = record_items(records, columns=columns, tz=zone)
    return CallReader(items, duplicates=duplicates, on_reject=on_reject)


# ---------------------------------------------------------------------------------------------
# A file's rows: the cells of a CSV row, in the order of its header.

_WORDS: Final[dict[str, dict[str, object]]] = {
    "direction": {d.value: d for d in Direction},
    "entity_type": {"": None, **{e.value: e for e in EntityType}},
    "status": {"": None, **{str(int(s)): s for s in CallStatus}},
    "via_app": {"true": True, "false": False, "1": True, "0": False, "": False},
}
"""The plainest spellings of a few fields' cells, and the value each reads as."""
_COMMON: Final = {
    "id": ["x = {c}.strip()", "if not x: return None"],
    "started_at": ["x = fromisoformat({c})", "if x.tzinfo is None: x = local(x)"],
    "duration": ["x = int({c}) if {c}.isdigit() and {c}.isascii() else slow({c})"],
    "phone": ['x = "" if {c}.isspace() else {c}'],
    "result": ['x = "" if {c}.isspace() else {c}'],
    "source": ['x = "" if {c}.isspace() else {c}'],
    "recording_url": ["x = {c}.strip() or None"],
}
"""The common case of a cell as statements setting ``x``; ``slow(cell)`` reads any other."""
_IDS: Final = ("manager_id", "card_id", "wait")


def _cell_code(field: str, cell: str) -> list[str]:
    """The statements that read the cell named *cell* as *field* into ``f_<field>``.

    A plain spelling is read inline; any other cell is read by the field's own schema reading
    (``slow``), exactly as :func:`own_call` reads it; an empty required cell gives up.
    """
    if field in _WORDS:
        lines = [f"x = words_{field}.get({cell}, missing)", f"if x is missing: x = slow({cell})"]
    elif field in _IDS:
        lines = [
            f"if not {cell}: x = None",
            f"elif {cell}.isdigit() and {cell}.isascii(): x = int({cell})",
            f"else: x = slow({cell})",
        ]
    else:
        lines = _COMMON[field]
    body = [line.format(c=cell).replace("slow(", f"slow_{field}(") for line in lines]
    return [*body, f"f_{field} = x"]


def cells_reader(header: Sequence[str]) -> Callable[[Sequence[str]], Call | None]:
    """A reader of a CSV row's cells (in *header*'s order) that gives its call, or ``None``.

    ``None`` means the row needs :func:`own_call` (``own_call(dict(zip(header, cells)))``,
    empty cells left out): for its error, or for a spelling the reader gives up on. Whenever
    the reader gives a call, it is the one :func:`own_call` gives. It is generated for the
    header, one inline test per column, at about a tenth of :func:`own_call`'s cost.
    """
    if "created_at" in header:  # one time per call, of two columns: own_call decides
        return lambda cells: None
    namespace: dict[str, Any] = {
        "Call": Call,
        "missing": object(),
        "fromisoformat": datetime.fromisoformat,
        "local": _naive,
    }
    cells = [f"c{index}" for index in range(len(header))]
    lines = ["def read(cells):", "    try:", f"        {', '.join(cells)}, = cells"]
    for cell, name in zip(cells, header, strict=True):
        namespace[f"slow_{name}"] = _slow(name)
        if name in _WORDS:
            namespace[f"words_{name}"] = _WORDS[name]
        lines += [f"        {line}" for line in _cell_code(name, cell)]
    arguments = []
    for field in _SCHEMA:  # positionally, in the constructor's order
        if field.name not in header:
            namespace[f"f_{field.name}"] = field.default
        arguments.append(f"f_{field.name}")
    lines += [f"        return Call({', '.join(arguments)})", "    except Exception:"]
    lines.append("        return None")
    return generate("\n".join(lines) + "\n", "read", namespace, label="CSV row reader")


def _naive(moment: datetime) -> datetime:
    """A time without an offset, in a file read without a timezone: own_call refuses it."""
    raise checks.value_error("started_at", "have a UTC offset", moment)


def _slow(name: str) -> Callable[[str], object]:
    """How :func:`own_call` reads a set cell of the field *name*; an absent one is its default."""
    field = next(f for f in _SCHEMA if f.name == name)

    def read(cell: str) -> object:
        if absent(cell):
            if field.required:
                raise checks.value_error(name, "be set", cell)
            return field.default
        return field.spec.read(cell, name)

    return read


# ---------------------------------------------------------------------------------------------
# A host's rows: tuples of values, one field per position (calls_from_records with columns=).

_HOST: Final = {
    "id": ("v.__class__ is str", "v.strip()"),
    "direction": ("v.__class__ is str and v in words_direction", "words_direction[v]"),
    "entity_type": ("v.__class__ is str and v in words_entity_type", "words_entity_type[v]"),
    "started_at": ("v.__class__ is datetime and v.tzinfo is not None", "v"),
    "duration": ("v.__class__ is int", "v"),
    "manager_id": ("v.__class__ is int", "v"),
    "card_id": ("v.__class__ is int", "v"),
    "wait": ("v.__class__ is int", "v"),
    "status": ("v.__class__ is int", "v"),
    "phone": ("v.__class__ is str", '"" if v.isspace() else v'),
    "result": ("v.__class__ is str", '"" if v.isspace() else v'),
    "source": ("v.__class__ is str", '"" if v.isspace() else v'),
    "recording_url": ("v.__class__ is str", "v.strip() or None"),
    "via_app": ("v is True or v is False", "v"),
}
"""The common case of a host's value of each field: a test, and the value it reads as."""


def values_reader(
    columns: Sequence[str | None], tz: tzinfo | None = None
) -> Callable[[Sequence[object]], Call | None]:
    """A reader of a tuple of host values (one per column) that gives its call, or ``None``.

    ``None`` means the row needs :func:`own_call`: for its rejection, or for a value the
    reader leaves to the schema's full reading (a numpy scalar, a pandas ``Timestamp``, text for
    a number). Whenever the reader gives a call, it is the one :func:`own_call` gives for
    ``dict(zip(columns, row))`` (``None`` columns left out).
    """
    if "created_at" in columns:
        return lambda row: None
    namespace: dict[str, Any] = {"Call": Call, "datetime": datetime, "width": len(columns)}
    namespace.update({f"words_{name}": words for name, words in _WORDS.items()})
    lines = ["def read(row):", "    if len(row) != width: return None", "    try:"]
    for index, name in enumerate(columns):
        if name is None:
            continue
        field = next(f for f in _SCHEMA if f.name == name)
        namespace[f"slow_{name}"] = _slow_value(name, tz)
        namespace[f"default_{name}"] = field.default
        test, value = _HOST[name]
        absent_value = "return None" if field.required else f"x = default_{name}"
        lines += [
            f"        v = row[{index}]",
            f"        if v is None: {absent_value}",
            f"        elif {test}: x = {value}",
            f"        else: x = slow_{name}(v)",
        ]
        if name == "id":
            lines.append("        if not x: return None")
        lines.append(f"        f_{name} = x")
    arguments = []
    for field in _SCHEMA:
        if field.name not in columns:
            namespace[f"f_{field.name}"] = field.default
        arguments.append(f"f_{field.name}")
    lines += [f"        return Call({', '.join(arguments)})", "    except Exception:"]
    lines.append("        return None")
    return generate("\n".join(lines) + "\n", "read", namespace, label="row reader")


def _slow_value(name: str, tz: tzinfo | None) -> Callable[[object], object]:
    """How :func:`own_call` reads a host's value of *name*: absent is the default."""
    if name == "started_at":

        def moment(value: object) -> object:
            if absent(value):
                raise checks.value_error(name, "be set", value)
            return read_moment(value, name, tz)

        return moment
    return _slow(name)  # type: ignore[return-value]
