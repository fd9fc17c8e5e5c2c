"""Named constructors for the call data an amoCRM host really receives (R1, R2).

The mapping of every field is documented in ``docs/amocrm.md``; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ._models import (
    Call,
    Direction,
    EntityType,
    Id,
    check_duration,
    check_optional_id,
    to_status,
)
from .exceptions import InvalidTypeError, InvalidValueError

__all__ = ["call_from_api", "call_from_note", "call_from_unsorted"]

_NOTE_DIRECTIONS = {"call_in": Direction.INCOMING, "call_out": Direction.OUTGOING}


def _int(field: str, value: object) -> int:
    """An integer as amoCRM sends it: a JSON number or, from form-encoded webhooks, digits."""
    if isinstance(value, bool):
        msg = f"{field!r} must be an integer (got {value!r} of type bool)."
        raise InvalidTypeError(msg)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdecimal() and value.isascii():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    msg = f"{field!r} must be a whole number (got {value!r})."
    raise InvalidValueError(msg) if isinstance(value, str | float) else InvalidTypeError(msg)


def _str(field: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    msg = f"{field!r} must be a string (got {value!r} of type {type(value).__name__})."
    raise InvalidTypeError(msg)


def _user(field: str, value: object) -> Id | None:
    """A user reference; ``0``, ``None`` and ``""`` mean no user (amoCRM's robot)."""
    if value is None or value == "" or value == 0:
        return None
    if isinstance(value, str) and not (value.isascii() and value.strip().isdecimal()):
        return value.strip()  # a user given by name or e-mail; resolved against the managers
    user = _int(field, value)
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
    seconds = _int(field, value)
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        msg = f"{field!r} must be a Unix time in seconds (got {value!r})."
        raise InvalidValueError(msg) from None


def _required(payload: Mapping[str, Any], field: str, where: str = "") -> object:
    try:
        return payload[field]
    except KeyError:
        msg = f"{where + field!r} is required (got a payload without it)."
        raise InvalidValueError(msg) from None


def _mapping(field: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        msg = f"{field!r} must be a mapping (got {value!r} of type {type(value).__name__})."
        raise InvalidTypeError(msg)
    return value


def _card(payload: Mapping[str, Any], entity_type: object) -> tuple[Id | None, object]:
    entity_id = payload.get("entity_id")
    if entity_id in (None, 0, ""):
        return None, None
    if entity_type is None:
        msg = f"'entity_type' is required with 'entity_id' (got entity_id={entity_id!r})."
        raise InvalidValueError(msg)
    if entity_type not in (EntityType.CONTACT.value, EntityType.COMPANY.value, *EntityType):
        msg = (
            "'entity_type' must be 'contacts' or 'companies': the calls report counts only "
            f"calls in a contact or company card (R6) (got {entity_type!r})."
        )
        raise InvalidValueError(msg)
    return _int("entity_id", entity_id), entity_type


def call_from_api(payload: Mapping[str, Any], *, via_app: bool = False) -> Call:
    """Build a :class:`Call` from an amoCRM ``POST /api/v4/calls`` object.

    >>> call = call_from_api({"direction": "outbound", "uniq": "8f52d38a", "duration": 61,
    ...     "source": "onlinePBX", "phone": "+7 912 345-67-89", "call_status": 4,
    ...     "call_responsible": 504141, "created_at": 1767261600})
    >>> call.direction, call.duration, call.manager_id, call.started_at.isoformat()
    (<Direction.OUTGOING: 'outbound'>, 61, 504141, '2026-01-01T10:00:00+00:00')
    """
    payload = _mapping("payload", payload)
    uniq = payload.get("uniq")
    if uniq in (None, ""):
        uniq = payload.get("id")
    if uniq in (None, ""):
        msg = (
            "'uniq' is required: it is the call's id (got a payload with neither 'uniq' nor 'id')."
        )
        raise InvalidValueError(msg)
    card_id, entity_type = _card(payload, payload.get("entity_type"))
    return Call(
        id=_str("uniq", uniq),
        direction=_required(payload, "direction"),
        started_at=_timestamp("created_at", payload.get("created_at")),
        duration=_int("duration", _required(payload, "duration")),
        phone=_str("phone", payload.get("phone")),
        manager_id=_manager(payload, ("call_responsible", "responsible_user_id", "created_by")),
        card_id=card_id,
        entity_type=entity_type,
        status=to_status(_status(payload.get("call_status")), "call_status"),
        result=_str("call_result", payload.get("call_result")),
        source=_str("source", payload.get("source")),
        recording_url=_str("link", payload.get("link")) or None,
        via_app=via_app,
    )


def _status(value: object) -> object:
    if value in (None, "", 0):
        return None
    return _int("call_status", value)


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
    try:
        direction = _NOTE_DIRECTIONS[note_type]  # type: ignore[index]
    except (KeyError, TypeError):
        msg = f"'note_type' must be 'call_in' or 'call_out' (got {note_type!r})."
        raise InvalidValueError(msg) from None
    params = _mapping("params", _required(note, "params"))
    uniq = params.get("uniq")
    if uniq in (None, ""):
        uniq = note.get("id")
    if uniq in (None, ""):
        msg = "'params.uniq' is required: it is the call's id (got a note without it or an 'id')."
        raise InvalidValueError(msg)
    card_id, card_type = _card(
        note, entity_type.value if isinstance(entity_type, EntityType) else entity_type
    )
    return Call(
        id=_str("params.uniq", uniq),
        direction=direction,
        started_at=_timestamp("created_at", note.get("created_at")),
        duration=_int("params.duration", _required(params, "duration", "params.")),
        phone=_str("params.phone", params.get("phone")),
        manager_id=_manager(note, ("responsible_user_id", "created_by")),
        card_id=card_id,
        entity_type=card_type,
        status=to_status(_status(params.get("call_status")), "params.call_status"),
        result=_str("params.call_result", params.get("call_result")),
        source=_str("params.source", params.get("source")),
        recording_url=_str("params.link", params.get("link")) or None,
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
        msg = f"'category' must be 'sip': only a call can be read as a call (got {category!r})."
        raise InvalidValueError(msg)
    metadata = _mapping("metadata", _required(payload, "metadata"))
    uniq = _str("metadata.uniq", _required(metadata, "uniq", "metadata."))
    if not uniq.strip():
        msg = f"'metadata.uniq' must be a non-empty string: it is the call's id (got {uniq!r})."
        raise InvalidValueError(msg)
    phone = _str("metadata.phone", metadata.get("phone"))
    if not phone.strip():
        caller = _str("metadata.from", metadata.get("from"))
        phone = caller if any(c in "0123456789" for c in caller) else phone
    manager = _user("metadata.call_responsible", metadata.get("call_responsible"))
    duration = _int("metadata.duration", _required(metadata, "duration", "metadata."))
    return Call(
        id=uniq,
        direction=Direction.INCOMING,
        started_at=_timestamp("metadata.called_at", _required(metadata, "called_at", "metadata.")),
        duration=check_duration("metadata.duration", duration),
        phone=phone,
        manager_id=check_optional_id("metadata.call_responsible", manager),
        source=_str("metadata.service_code", metadata.get("service_code"))
        or _str("source_name", payload.get("source_name")),
        recording_url=_str("metadata.link", metadata.get("link")) or None,
    )
