"""Named constructors for the call data an amoCRM host really receives (R1, R2).

The mapping of every field is documented in ``docs/amocrm.md``; keep the two in step.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.parse
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from typing import Any, Final

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus, Direction, EntityType
from callanalytics._model.models import Call, Id, call_status
from callanalytics._model.text import parse_id, parse_int, parse_zone, read_moment
from callanalytics._sources.problems import Problems
from callanalytics.exceptions import CallAnalyticsError, InvalidValueError

__all__ = [
    "call_from_api",
    "call_from_note",
    "call_from_unsorted",
    "call_from_webhook_note",
    "derived_id",
    "webhook_notes",
]

_NOTE_DIRECTIONS = {"call_in": Direction.INCOMING, "call_out": Direction.OUTGOING}


def _str(field: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(checks.printable(value, field))
    raise checks.type_error(field, "a string", value)


def _absent(value: object) -> bool:
    """Whether an optional amoCRM value is not given: ``None``, or ``""`` as forms send it."""
    return value is None or (isinstance(value, str) and value == "")


def _user(field: str, value: object) -> Id | None:
    """A user reference; ``0``, ``None`` and ``""`` mean no user (amoCRM's robot)."""
    if _absent(value):
        return None
    user = parse_id(field, value)  # a user given by name or e-mail stays a str id
    return None if user == 0 else user


def _timestamp(field: str, value: object) -> datetime:
    if value is None:
        raise InvalidValueError.from_parts(
            "{field!r} is required: the library never reads the clock (got None).", field=field
        )
    seconds = parse_int(field, value)
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise checks.value_error(field, "be a Unix time in seconds", value) from None


def _required(payload: Mapping[str, Any], field: str, where: str = "") -> Any:
    try:
        return payload[field]
    except KeyError:
        raise InvalidValueError.from_parts(
            "{field!r} is required (got a payload without it).", field=where + field
        ) from None


def _mapping(field: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise checks.type_error(field, "a mapping", value)
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
        raise InvalidValueError.from_parts(
            "'entity_type' is required with 'entity_id' (got entity_id={value}).",
            value=checks.shown(entity_id),
        )
    kind = _ENTITY_TYPES.get(entity_type) if isinstance(entity_type, str) else None
    if kind is None:
        allowed = ", ".join(repr(e.value) for e in EntityType)
        raise checks.value_error("entity_type", f"be one of {allowed}", entity_type)
    return card_id, kind


def _call_id(payload: Mapping[str, Any], field: str, uniq: object) -> str:
    """The call's id: *uniq*, named *field*, else the object's own ``id``; never blank."""
    if _absent(uniq):
        if _absent(payload.get("id")):
            raise InvalidValueError.from_parts(
                "{field!r} is required: it is the call's id (got neither {field!r} nor 'id').",
                field=field,
            )
        field, uniq = "id", payload["id"]
    text = _str(field, uniq)
    if not text.strip():
        must = "be a non-empty string: it is the call's id"
        raise checks.value_error(field, must, uniq)
    return text


def _recording(field: str, value: object, via_app: bool) -> str | None:
    """The recording link; a call from the app without telephony has none (R10)."""
    link = _str(field, value) or None
    if via_app and link:
        raise InvalidValueError.from_parts(
            "{field!r} must be empty for a call made from the app without telephony "
            "(via_app=True, got {name}={value}).",
            field=field,
            name=field,
            value=checks.shown(value),
        )
    return link


def _received(field: str, value: object, received_at: datetime | None) -> datetime:
    """The start: *value* in Unix seconds, else the host's *received_at*, else an error."""
    if value is None and received_at is not None:
        return checks.moment(received_at, "received_at")
    return _timestamp(field, value)


def derived_id(payload: Mapping[str, Any]) -> str:
    """The id of a call sent without ``uniq`` or ``id``: a digest of what the call says.

    The same call resent (amoCRM integrations resend) gets the same id, so it is a duplicate
    (R28); ``request_id``, an echo of the request's position, is left out.

    >>> derived_id({"phone": "+7 912", "duration": 5, "request_id": "0"}) == derived_id(
    ...     {"duration": 5, "phone": "+7 912", "request_id": "3"})
    True
    """
    kept = {str(k): v for k, v in payload.items() if k != "request_id"}
    for key, value in kept.items():
        if isinstance(value, int):
            checks.printable(value, key)  # a number too long to write has no digest
    try:
        text = json.dumps(kept, sort_keys=True, ensure_ascii=False, default=checks.shown)
    except ValueError:  # such a number deeper down
        raise checks.value_error(
            "payload", f"hold numbers of at most {checks.MAX_DIGITS} digits", payload
        ) from None
    except RecursionError:
        raise checks.value_error("payload", "be nested less deeply", payload) from None
    return "amocrm-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _responsible(payload: Mapping[str, Any], fields: tuple[str, ...]) -> Id | None:
    """The manager: the first user id of *fields* that is a number, else a name given as text.

    ``call_responsible`` may be a user id or free text (a name, an extension); text does not
    win over a numeric ``responsible_user_id`` or ``created_by``: it is kept as a string id
    (mapped to a manager by name where the host gives the managers) only when no field holds
    a number.
    """
    named: Id | None = None
    for field in fields:
        if field in payload:
            user = _user(field, payload[field])
            if isinstance(user, int):
                return user
            named = user if named is None else named
    return named


def call_from_api(
    payload: Mapping[str, Any], *, via_app: bool = False, received_at: datetime | None = None
) -> Call:
    """Build a :class:`Call` from an amoCRM ``POST /api/v4/calls`` object.

    Every problem of the payload is reported at once, each naming the payload's field. A
    payload without ``created_at`` (amoCRM stamps such a call with the time it received it)
    takes *received_at*, the time the host received it; without that it is an error: the
    library never reads the clock. A payload without ``uniq`` (and ``id``) gets the id
    :func:`derived_id` makes of its content.

    >>> call = call_from_api({"direction": "outbound", "uniq": "8f52d38a", "duration": 61,
    ...     "source": "onlinePBX", "phone": "+7 912 345-67-89", "call_status": 4,
    ...     "call_responsible": 504141, "created_at": 1767261600})
    >>> call.direction, call.duration, call.manager_id, call.started_at.isoformat()
    (<Direction.OUTGOING: 'outbound'>, 61, 504141, '2026-01-01T10:00:00+00:00')
    """
    payload = _mapping("payload", payload)
    problems = Problems()
    if _absent(payload.get("uniq")) and _absent(payload.get("id")):
        call_id = derived_id(payload)
    else:
        call_id = problems.read("uniq", _call_id, payload, "uniq", payload.get("uniq"), default="")
    card_id, entity_type = problems.read(
        "entity_id", _card, payload, payload.get("entity_type"), default=(None, None)
    )
    direction = problems.read("direction", _required, payload, "direction", default=None)
    started = problems.read(
        "created_at", _received, "created_at", payload.get("created_at"), received_at, default=None
    )
    duration = problems.read(
        "duration",
        lambda: parse_int("duration", _required(payload, "duration"), minimum=0),
        default=0,
    )
    phone = problems.read("phone", _str, "phone", payload.get("phone"), default="")
    manager = problems.read(
        "call_responsible",
        _responsible,
        payload,
        ("call_responsible", "responsible_user_id", "created_by"),
        default=None,
    )
    status = problems.read(
        "call_status", _status, "call_status", payload.get("call_status"), default=None
    )
    result = problems.read(
        "call_result", _str, "call_result", payload.get("call_result"), default=""
    )
    source = problems.read("source", _str, "source", payload.get("source"), default="")
    link = problems.read("link", _recording, "link", payload.get("link"), via_app, default=None)
    problems.raise_any()
    return _call(
        id=call_id,
        direction=direction,
        started_at=started,
        duration=duration,
        phone=phone,
        manager_id=manager,
        card_id=card_id,
        entity_type=entity_type,
        status=status,
        result=result,
        source=source,
        recording_url=link,
        via_app=via_app,
    )


def _call(**fields: Any) -> Call:
    """The call of checked *fields*; a field the constructor rejects names amoCRM's field."""
    try:
        return Call(**fields)
    except CallAnalyticsError as error:
        error.fields = (str(error).split("'", 2)[1],)
        raise


def _status(field: str, value: object) -> CallStatus | None:
    """A call status code 1..7 (R2); missing, ``""`` or ``0`` is no status."""
    code = None if _absent(value) else parse_int(field, value)
    return None if code == 0 else call_status(code, field)


def _href_entity(note: Mapping[str, Any]) -> str | None:
    """The entity a note read back from amoCRM names in its ``_links.self.href``, if any."""
    links = note.get("_links")
    link = links.get("self") if isinstance(links, Mapping) else None
    href = link.get("href") if isinstance(link, Mapping) else None
    if isinstance(href, str):
        for part in href.split("/"):
            if part in _ENTITY_TYPES:
                return part
    return None


def call_from_note(
    note: Mapping[str, Any],
    *,
    entity_type: EntityType | str | None = None,
    via_app: bool = False,
) -> Call:
    """Build a :class:`Call` from an amoCRM ``call_in`` / ``call_out`` note.

    Notes are read per entity (``GET /api/v4/contacts/notes``), so the note's body may not
    say which entity it belongs to: pass *entity_type* to attach the call to the note's
    ``entity_id``; without it, the note's own ``entity_type`` or the entity its
    ``_links.self.href`` names is taken. A note whose ``params.duration`` is ``null`` is a
    missed call: it lasted 0 seconds, and has the status "no answer" unless it says another.

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
    problems = Problems()
    call_id = problems.read(
        "params.uniq", _call_id, note, "params.uniq", params.get("uniq"), default=""
    )
    if entity_type is None:
        entity_type = note.get("entity_type") or _href_entity(note)
    card_id, card_type = problems.read(
        "entity_id",
        _card,
        note,
        entity_type.value if isinstance(entity_type, EntityType) else entity_type,
        default=(None, None),
    )
    raw = problems.read("params.duration", _required, params, "duration", "params.", default=0)
    missed = raw is None
    duration = (
        0
        if missed
        else problems.read(
            "params.duration", lambda: parse_int("params.duration", raw, minimum=0), default=0
        )
    )
    status = problems.read(
        "params.call_status",
        _status,
        "params.call_status",
        params.get("call_status"),
        default=None,
    )
    started = problems.read(
        "created_at", _timestamp, "created_at", note.get("created_at"), default=None
    )
    phone = problems.read("params.phone", _str, "params.phone", params.get("phone"), default="")
    manager = problems.read(
        "responsible_user_id",
        _responsible,
        {**params, **note},
        ("call_responsible", "responsible_user_id", "created_by"),
        default=None,
    )
    result = problems.read(
        "params.call_result", _str, "params.call_result", params.get("call_result"), default=""
    )
    source = problems.read("params.source", _str, "params.source", params.get("source"), default="")
    link = problems.read(
        "params.link", _recording, "params.link", params.get("link"), via_app, default=None
    )
    problems.raise_any()
    return _call(
        id=call_id,
        direction=direction,
        started_at=started,
        duration=duration,
        phone=phone,
        manager_id=manager,
        card_id=card_id,
        entity_type=card_type,
        status=CallStatus.NO_ANSWER if missed and status is None else status,
        result=result,
        source=source,
        recording_url=link,
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
        must = "be 'sip': only a call can be read as a call"
        raise checks.value_error("category", must, category)
    metadata = _mapping("metadata", _required(payload, "metadata"))
    uniq = _str("metadata.uniq", _required(metadata, "uniq", "metadata."))
    if not uniq.strip():
        must = "be a non-empty string: it is the call's id"
        raise checks.value_error("metadata.uniq", must, uniq)
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


# ---------------------------------------------------------------------------------------------
# Note webhooks: form-encoded, flat, every value a string.

_WEBHOOK_KEY: Final = re.compile(
    r"(?P<entity>[a-z_]+)\[note\]\[(?P<n>[0-9]+)\](?:\[note\])?\[(?P<key>[A-Za-z_]+)\]"
)
"""``leads[note][0][note][element_id]`` (and ``contacts[note][0][element_id]``)."""
_WEBHOOK_DIRECTIONS: Final = {
    "10": Direction.INCOMING,
    "11": Direction.OUTGOING,
    **_NOTE_DIRECTIONS,
}
_ELEMENT_TYPES: Final = {"1": "contacts", "2": "leads", "3": "companies", "12": "customers"}
"""amoCRM's numeric ``element_type`` of a note (API v2): the entity the note is in."""


def webhook_notes(body: object) -> list[tuple[str, dict[str, str]]]:
    """``(entity, fields)`` of each note of a "note added" webhook, in the body's order.

    *body* is the form as sent (``x-www-form-urlencoded`` text or bytes) or already decoded
    (a mapping of keys to values, or ``(key, value)`` pairs). Keys that are not a note's
    (``account[subdomain]``) are left aside.

    >>> webhook_notes("contacts%5Bnote%5D%5B0%5D%5Bnote%5D%5Bnote_type%5D=10&account%5Bid%5D=1")
    [('contacts', {'note_type': '10'})]
    """
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            raise checks.value_error("body", "be UTF-8 form-encoded text", body) from None
    if isinstance(body, str):
        pairs: list[tuple[object, object]] = list(
            urllib.parse.parse_qsl(body.strip(), keep_blank_values=True)
        )
    elif isinstance(body, Mapping):
        pairs = list(body.items())
    elif isinstance(body, list | tuple):
        pairs = []
        for pair in body:
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise checks.type_error("body", "(key, value) pairs", pair)
            pairs.append((pair[0], pair[1]))
    else:
        raise checks.type_error("body", "form-encoded text, a mapping or (key, value) pairs", body)
    notes: dict[tuple[str, str], dict[str, str]] = {}
    for key, value in pairs:
        match = _WEBHOOK_KEY.fullmatch(key) if isinstance(key, str) else None
        if match is not None:
            fields = notes.setdefault((match["entity"], match["n"]), {})
            fields[match["key"]] = value  # type: ignore[assignment]
    return [(entity, fields) for (entity, _), fields in notes.items()]


def _note_text(value: object) -> dict[str, Any]:
    """The call a webhook note's ``text`` holds: JSON with ``UNIQ``, ``DURATION``, ``SRC``..."""
    if _absent(value):
        return {}
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        must = "be JSON with the call's UNIQ, DURATION, SRC, LINK and PHONE"
        raise checks.value_error("text", must, value) from None
    if not isinstance(data, Mapping):
        raise checks.value_error("text", "be a JSON object", value)
    return {str(key).lower(): item for key, item in data.items()}


def _wall_time(field: str, value: object, tz: tzinfo | None) -> datetime:
    """``date_create``: the account's wall time ``2020-09-28 00:26:51``, read in *tz*."""
    return read_moment(value, field, tz)


def call_from_webhook_note(
    fields: Mapping[str, Any], *, entity: str | None = None, tz: str | tzinfo | None = None
) -> Call:
    """Build a :class:`Call` from one note of a "note added" webhook (see ``docs/amocrm.md``).

    *fields* are the note's keys without their prefix (``note_type``, ``element_id``, ...),
    as :func:`webhook_notes` gives them; *entity* the prefix (``contacts``), used when the
    note has no ``element_type``. The start is ``created_at`` (Unix seconds) where the note
    has it, else ``date_create``, the account's wall time, read in *tz*.

    >>> call = call_from_webhook_note({"note_type": "11", "element_type": "3",
    ...     "element_id": "77", "main_user_id": "504141", "created_at": "1767261600",
    ...     "text": '{"UNIQ": "w1", "DURATION": "65", "SRC": "Zadarma", "PHONE": "+7912"}'})
    >>> call.direction, call.card_key, call.duration, call.manager_id
    (<Direction.OUTGOING: 'outbound'>, (<EntityType.COMPANY: 'companies'>, 77), 65, 504141)
    """
    fields = _mapping("note", fields)
    zone = None if tz is None else parse_zone("tz", tz)
    note_type = fields.get("note_type")
    direction = _WEBHOOK_DIRECTIONS.get(note_type) if isinstance(note_type, str) else None
    if direction is None:
        must = "be 10 (an incoming call) or 11 (an outgoing call): the note is not a call"
        raise checks.value_error("note_type", must, note_type)
    problems = Problems()
    empty: dict[str, Any] = {}
    text = problems.read("text", _note_text, fields.get("text"), default=empty)
    element = fields.get("element_type")
    kind = entity if _absent(element) else _ELEMENT_TYPES.get(str(element).strip(), element)
    card_id, card_type = problems.read(
        "element_id", _card, {"entity_id": fields.get("element_id")}, kind, default=(None, None)
    )
    uniq = text.get("uniq")
    call_id = problems.read(
        "text.UNIQ", _call_id, fields, "text.UNIQ", None if uniq is None else uniq, default=""
    )
    raw = text.get("duration", ...)
    if raw is ...:
        required = InvalidValueError.from_parts("{field!r} is required.", field="text.DURATION")
        problems.add("text.DURATION", required)
    missed = raw is None or raw is ...
    duration = (
        0
        if missed
        else problems.read(
            "text.DURATION", lambda: parse_int("text.DURATION", raw, minimum=0), default=0
        )
    )
    if _absent(fields.get("created_at")):
        started = problems.read(
            "date_create", _wall_time, "date_create", fields.get("date_create"), zone, default=None
        )
    else:
        started = problems.read(
            "created_at", _timestamp, "created_at", fields.get("created_at"), default=None
        )
    manager = problems.read(
        "main_user_id",
        _responsible,
        fields,
        ("main_user_id", "responsible_user_id", "created_by"),
        default=None,
    )
    status = problems.read(
        "text.call_status", _status, "text.call_status", text.get("call_status"), default=None
    )
    phone = problems.read("text.PHONE", _str, "text.PHONE", text.get("phone"), default="")
    source = problems.read("text.SRC", _str, "text.SRC", text.get("src"), default="")
    result = problems.read(
        "text.call_result", _str, "text.call_result", text.get("call_result"), default=""
    )
    link = problems.read("text.LINK", _str, "text.LINK", text.get("link"), default="")
    problems.raise_any()
    return _call(
        id=call_id,
        direction=direction,
        started_at=started,
        duration=duration,
        phone=phone,
        manager_id=manager,
        card_id=card_id,
        entity_type=card_type,
        status=CallStatus.NO_ANSWER if missed and status is None else status,
        result=result,
        source=source,
        recording_url=link or None,
    )
