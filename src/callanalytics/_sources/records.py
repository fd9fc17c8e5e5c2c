"""Records to calls: a mapping with the library's own field names becomes a :class:`Call`.

The fields, their defaults and how a record's value becomes each are the call schema's
(``docs/schema.md``): nothing here spells a field out again. A record comes from a file (a CSV
row, a JSON object) or from a host; this module opens nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from callanalytics._kit import checks
from callanalytics._model.models import Call
from callanalytics._model.schema import schema
from callanalytics._model.text import absent, parse_int
from callanalytics._sources.amocrm import call_from_api
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = ["CALL_FIELDS", "RECORD_FIELDS", "REQUIRED", "call_from_record", "own_call"]

_SCHEMA: Final = schema(Call)

CALL_FIELDS: Final = tuple(field.name for field in _SCHEMA)
"""The library's own field names of a call record: the fields of :class:`Call`."""

RECORD_FIELDS: Final = (*CALL_FIELDS, "created_at")
"""What a record may hold: the fields, or ``created_at`` (Unix seconds) for ``started_at``."""

REQUIRED: Final = tuple(f.name for f in _SCHEMA if f.required and f.name != "started_at")
"""The fields a record must give; the start is ``started_at`` or ``created_at``."""


def _unix(value: object) -> datetime:
    seconds = parse_int("created_at", value)
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise checks.value_error("created_at", "be a Unix time in seconds", value) from None


def own_call(record: Mapping[str, object]) -> Call:
    """A call from a record with the library's own field names (unset fields take defaults).

    A value is unset when it is missing, ``None`` or blank text; each set value is read by its
    field's schema conversion (text for numbers, ``HH:MM:SS`` durations, ``yes``/``no``).
    """
    unknown = [field for field in record if field not in RECORD_FIELDS]
    if unknown:
        msg = (
            f"{checks.shown(unknown[0])} is not a field of a call record (the fields are "
            f"{', '.join(CALL_FIELDS)})."
        )
        raise InvalidValueError(msg)
    for name in REQUIRED:
        if absent(record.get(name)):
            msg = f"{name!r} is required (got {checks.shown(record.get(name))})."
            raise InvalidValueError(msg)
    iso, unix = record.get("started_at"), record.get("created_at")
    if not absent(iso) and not absent(unix):
        msg = (
            "'started_at' and 'created_at' must not both be set: one time per call "
            f"(got {checks.shown(iso)} and {checks.shown(unix)})."
        )
        raise InvalidValueError(msg)
    values: dict[str, Any] = {}
    for field in _SCHEMA:
        raw = record.get(field.name)
        if not absent(raw):
            values[field.name] = field.spec.read(raw, field.name)
    if "started_at" not in values:
        if absent(unix):
            msg = f"'started_at' is required (got {checks.shown(iso)})."
            raise InvalidValueError(msg)
        values["started_at"] = _unix(unix)
    return Call(**values)


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
        msg = (
            "a call record must be a JSON object "
            f"(got {checks.shown(record)} of type {type(record).__name__})."
        )
        raise InvalidTypeError(msg)
    if "started_at" in record:
        return own_call(record)
    return call_from_api(record)
