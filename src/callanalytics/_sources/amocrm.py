"""Named constructors for the call data an amoCRM host really receives (R1, R2).

The mapping of every field is documented in ``docs/amocrm.md``; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus, Direction, EntityType
from callanalytics._model.models import Call, Id, call_status
from callanalytics._model.text import parse_id, parse_int
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = ["call_from_api", "call_from_note", "call_from_unsorted"]

_NOTE_DIRECTIONS = {"call_in": Direction.INCOMING, "call_out": Direction.OUTGOING}


def _str(field: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(checks.printable(value, field))
    msg = f"{field!r} must be a string (got {checks.shown(value)} of type {type(value).__name__})."
    raise InvalidTypeError(msg)


def _absent(value: object) -> bool:
    """Whether an optional amoCRM value is not given: ``None``, or ``""`` as forms send it."""
    return value is None or (isinstance(value, str) and value == "")


def _user(field: str, value: object) -> Id | None:
    """A user reference; ``0``, ``None`` and ``""`` mean no user (amoCRM's robot)."""
    if _absent(value):
        return None
    user = parse_id(field, value)  # a user given by name or e-mail stays a str id
    return None if user == 0 else user


def _manager(payload: Mapping[str, Any], fields: tuple[str, ...]) -> Id | None:
    for field in fields:
        if field in payload:
            user = _user(field, payload[field])
            if user is not None:
                return user
    return None


def _timestamp(field: str, value: object) -> datetime:
    if value is None:
        msg = f"{field!r} is required: the library never reads the clock (got None)."
        raise InvalidValueError(msg)
    seconds = parse_int(field, value)
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        msg = f"{field!r} must be a Unix time in seconds (got {checks.shown(value)})."
        raise InvalidValueError(msg) from None


def _required(payload: Mapping[str, Any], field: str, where: str = "") -> Any:
    try:
        return payload[field]
    except KeyError:
        msg = f"{where + field!r} is required (got a payload without it)."
        raise InvalidValueError(msg) from None


def _mapping(field: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        msg = (
            f"{field!r} must be a mapping "
            f"(got {checks.shown(value)} of type {type(value).__name__})."
        )
        raise InvalidTypeError(msg)
    return value


_ENTITY_TYPES: Final[dict[str, EntityType]] = {
    **{entity.value: entity for entity in EntityType},
    # the singular names the official PHP SDK and webhooks use
    "contact": EntityType.CONTACT,
    "company": EntityType.COMPANY,
    "lead": EntityType.LEAD,
    "customer": EntityType.CUSTOMER,
}
"""amoCRM's names of the entities a call can be in; leads' and customers' calls are then
excluded from the report with their own reason (R6)."""


def _card(payload: Mapping[str, Any], entity_type: object) -> tuple[Id | None, Any]:
    entity_id = payload.get("entity_id")
    card_id = None if _absent(entity_id) else parse_int("entity_id", entity_id, minimum=0)
    if card_id in (None, 0):
        return None, None
    if entity_type is None:
        msg = (
            f"'entity_type' is required with 'entity_id' (got entity_id={checks.shown(entity_id)})."
        )
        raise InvalidValueError(msg)
    kind = _ENTITY_TYPES.get(entity_type) if isinstance(entity_type, str) else None
    if kind is None:
        allowed = ", ".join(repr(e.value) for e in EntityType)
        msg = f"'entity_type' must be one of {allowed} (got {checks.shown(entity_type)})."
        raise InvalidValueError(msg)
    return card_id, kind


def _call_id(payload: Mapping[str, Any], field: str, uniq: object) -> str:
    """The call's id: *uniq*, named *field*, else the object's own ``id``; never blank."""
    if _absent(uniq):
        if _absent(payload.get("id")):
            msg = f"{field!r} is required: it is the call's id (got neither {field!r} nor 'id')."
            raise InvalidValueError(msg)
        field, uniq = "id", payload["id"]
    text = _str(field, uniq)
    if not text.strip():
        msg = (
            f"{field!r} must be a non-empty string: it is the call's id (got {checks.shown(uniq)})."
        )
        raise InvalidValueError(msg)
    return text


def _recording(field: str, value: object, via_app: bool) -> str | None:
    """The recording link; a call from the app without telephony has none (R10)."""
    link = _str(field, value) or None
    if via_app and link:
        msg = (
            f"{field!r} must be empty for a call made from the app without telephony "
            f"(via_app=True, got {field}={checks.shown(value)})."
        )
        raise InvalidValueError(msg)
    return link


def call_from_api(payload: Mapping[str, Any], *, via_app: bool = False) -> Call:
    """Build a :class:`Call` from an amoCRM ``POST /api/v4/calls`` object.

    >>> call = call_from_api({"direction": "outbound", "uniq": "8f52d38a", "duration": 61,
    ...     "source": "onlinePBX", "phone": "+7 912 345-67-89", "call_status": 4,
    ...     "call_responsible": 504141, "created_at": 1767261600})
    >>> call.direction, call.duration, call.manager_id, call.started_at.isoformat()
    (<Direction.OUTGOING: 'outbound'>, 61, 504141, '2026-01-01T10:00:00+00:00')
    """
    payload = _mapping("payload", payload)
    call_id = _call_id(payload, "uniq", payload.get("uniq"))
    card_id, entity_type = _card(payload, payload.get("entity_type"))
    return Call(
        id=call_id,
        direction=_required(payload, "direction"),
        started_at=_timestamp("created_at", payload.get("created_at")),
        duration=parse_int("duration", _required(payload, "duration"), minimum=0),
        phone=_str("phone", payload.get("phone")),
        manager_id=_manager(payload, ("call_responsible", "responsible_user_id", "created_by")),
        card_id=card_id,
        entity_type=entity_type,
        status=_status("call_status", payload.get("call_status")),
        result=_str("call_result", payload.get("call_result")),
        source=_str("source", payload.get("source")),
        recording_url=_recording("link", payload.get("link"), via_app),
        via_app=via_app,
    )


def _status(field: str, value: object) -> CallStatus | None:
    """A call status code 1..7 (R2); missing, ``""`` or ``0`` is no status."""
    code = None if _absent(value) else parse_int(field, value)
    return None if code == 0 else call_status(code, field)


def call_from_note(
    note: Mapping[str, Any],
    *,
    entity_type: EntityType | str | None = None,
    via_app: bool = False,
) -> Call:
    """Build a :class:`Call` from an amoCRM ``call_in`` / ``call_out`` note.

    Notes are read per entity (``GET /api/v4/contacts/notes``), so the note does not say which
    entity it belongs to: pass *entity_type* to attach the call to the note's ``entity_id``.

    >>> note = {"id": 42, "entity_id": 1001, "note_type": "call_in", "created_by": 0,
    ...     "responsible_user_id": 504141, "created_at": 1767261600,
    ...     "params": {"uniq": "a1", "duration": 3725, "source": "Zadarma",
    ...                "phone": "89123456789", "link": "https://rec.example/a1.mp3"}}
    >>> call = call_from_note(note, entity_type="contacts")
    >>> call.direction, call.card_key, call.manager_id
    (<Direction.INCOMING: 'inbound'>, (<EntityType.CONTACT: 'contacts'>, 1001), 504141)
    """
    note = _mapping("note", note)
    note_type = _required(note, "note_type")
    direction = _NOTE_DIRECTIONS[
        checks.member(note_type, "note_type", _NOTE_DIRECTIONS, "'call_in' or 'call_out'")
    ]
    params = _mapping("params", _required(note, "params"))
    call_id = _call_id(note, "params.uniq", params.get("uniq"))
    card_id, card_type = _card(
        note, entity_type.value if isinstance(entity_type, EntityType) else entity_type
    )
    duration = _required(params, "duration", "params.")
    return Call(
        id=call_id,
        direction=direction,
        started_at=_timestamp("created_at", note.get("created_at")),
        duration=parse_int("params.duration", duration, minimum=0),
        phone=_str("params.phone", params.get("phone")),
        manager_id=_manager(note, ("responsible_user_id", "created_by")),
        card_id=card_id,
        entity_type=card_type,
        status=_status("params.call_status", params.get("call_status")),
        result=_str("params.call_result", params.get("call_result")),
        source=_str("params.source", params.get("source")),
        recording_url=_recording("params.link", params.get("link"), via_app),
        via_app=via_app,
    )


def call_from_unsorted(payload: Mapping[str, Any]) -> Call:
    """Build a :class:`Call` from an amoCRM Unsorted item of category ``sip`` (R8).

    An unsorted call is an incoming telephony call from a number no card has: it is incoming,
    it has no card and no call status. The call is in the item's ``metadata``, as
    ``POST /api/v4/leads/unsorted/sip`` takes it and ``GET /api/v4/leads/unsorted`` returns it:
    ``uniq`` is the id, ``phone`` the caller's number (``from``, the caller as the telephony
    names it, stands in when ``phone`` is empty and ``from`` has digits), ``called_at`` the
    start in Unix seconds, ``duration`` whole seconds, ``link`` the recording,
    ``service_code`` the telephony (else the item's ``source_name``) and ``call_responsible``
    the user who took it. Errors name the field as ``'metadata.duration'``.

    >>> call = call_from_unsorted({"source_name": "onlinePBX", "metadata": {
    ...     "uniq": "a1fe231c", "from": "onlinePBX", "phone": 79998888856,
    ...     "called_at": 1767261600, "duration": 54, "service_code": "CkAvbEwPam6sad",
    ...     "link": "https://rec.example/a1.mp3", "call_responsible": 504141}})
    >>> call.direction, call.phone, call.card_key, call.started_at.isoformat()
    (<Direction.INCOMING: 'inbound'>, '79998888856', None, '2026-01-01T10:00:00+00:00')
    """
    payload = _mapping("payload", payload)
    category = payload.get("category", "sip")
    if category != "sip":
        msg = (
            f"'category' must be 'sip': only a call can be read as a call "
            f"(got {checks.shown(category)})."
        )
        raise InvalidValueError(msg)
    metadata = _mapping("metadata", _required(payload, "metadata"))
    uniq = _str("metadata.uniq", _required(metadata, "uniq", "metadata."))
    if not uniq.strip():
        msg = (
            f"'metadata.uniq' must be a non-empty string: it is the call's id "
            f"(got {checks.shown(uniq)})."
        )
        raise InvalidValueError(msg)
    phone = _str("metadata.phone", metadata.get("phone"))
    if not phone.strip():
        caller = _str("metadata.from", metadata.get("from"))
        phone = caller if any(c in "0123456789" for c in caller) else phone
    duration = _required(metadata, "duration", "metadata.")
    return Call(
        id=uniq,
        direction=Direction.INCOMING,
        started_at=_timestamp("metadata.called_at", _required(metadata, "called_at", "metadata.")),
        duration=parse_int("metadata.duration", duration, minimum=0),
        phone=phone,
        manager_id=_user("metadata.call_responsible", metadata.get("call_responsible")),
        source=_str("metadata.service_code", metadata.get("service_code"))
        or _str("source_name", payload.get("source_name")),
        recording_url=_str("metadata.link", metadata.get("link")) or None,
    )
