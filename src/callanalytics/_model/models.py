"""The data of the report: calls, managers, cards and the enums they use (R1–R4, R10)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from callanalytics.exceptions import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "Call",
    "CallStatus",
    "Card",
    "Direction",
    "EntityType",
    "Exclusion",
    "Id",
    "Manager",
]

Id = int | str
"""An id of a manager or a card: a non-negative ``int`` (amoCRM) or a non-empty ``str``."""


class Direction(enum.StrEnum):
    """The direction of a call; the values are amoCRM's API strings (R1)."""

    INCOMING = "inbound"
    OUTGOING = "outbound"


class EntityType(enum.StrEnum):
    """The kind of card a call is attached to; the values are amoCRM's entity types (R4)."""

    CONTACT = "contacts"
    COMPANY = "companies"


class CallStatus(enum.IntEnum):
    """amoCRM's ``call_status`` codes (R2). A call may also have no status at all."""

    LEFT_MESSAGE = 1
    CALL_BACK_LATER = 2
    NOT_AVAILABLE = 3
    TALKED = 4
    WRONG_NUMBER = 5
    NO_ANSWER = 6
    BUSY = 7


class Exclusion(enum.StrEnum):
    """Why a call is not in the report (R11).

    When a call fails several checks, its reason is the first in the order of this enum:
    matching (pending, unsorted, not saved), unknown manager, then the filters.
    """

    PENDING = "pending"
    """No card yet, but the call is younger than the grace window (R9)."""
    UNSORTED = "unsorted"
    """An incoming telephony call from an unknown number: it went to Unsorted (R8)."""
    NOT_SAVED = "not_saved"
    """No card matches the call, and it is not one that goes to Unsorted (R8, R10)."""
    UNKNOWN_MANAGER = "unknown_manager"
    """The call's manager is not among the account's managers (R13)."""
    PERIOD = "period"
    """The call started outside the filter's period (R18)."""
    ENTITY = "entity"
    """The call's card is not of a selected entity type (R19)."""
    MANAGER = "manager"
    """The call's manager is not among the selected managers (R20)."""
    DURATION = "duration"
    """The call's duration is outside the filter's bounds (R21)."""
    STATUS = "status"
    """The call's status is not among the selected statuses, or it has none (R22)."""
    DIRECTION = "direction"
    """The call's direction is not among the selected directions."""


def _field_error(field: str, must: str, value: object) -> InvalidValueError:
    return InvalidValueError(f"{field!r} must {must} (got {value!r}).")


def _type_error(field: str, must: str, value: object) -> InvalidTypeError:
    return InvalidTypeError(
        f"{field!r} must be {must} (got {value!r} of type {type(value).__name__})."
    )


def check_id(field: str, value: object) -> Id:
    """Return *value* if it is a valid id, or raise naming *field*."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _type_error(field, "an int or a str", value)
    if isinstance(value, int):
        if value < 0:
            raise _field_error(field, "be >= 0", value)
    elif not value.strip():
        raise _field_error(field, "be a non-empty string", value)
    return value


def check_optional_id(field: str, value: object) -> Id | None:
    """Like :func:`check_id`, but ``None`` is allowed."""
    return None if value is None else check_id(field, value)


def _validate_id(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_id(attribute.name, value)


def _validate_optional_id(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_optional_id(attribute.name, value)


def _validate_str(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise _type_error(attribute.name, "a str", value)


def _validate_optional_str(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise _type_error(attribute.name, "a str or None", value)


def _validate_bool(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise _type_error(attribute.name, "a bool", value)


def _enum_converter(enum_type: type[enum.Enum], field: str) -> Any:
    def convert(value: object) -> object:
        if isinstance(value, enum_type):
            return value
        allowed = ", ".join(repr(m.value) for m in enum_type)
        if not isinstance(value, str):
            kind = type(value).__name__
            msg = f"{field!r} must be one of {allowed} (got {value!r} of type {kind})."
            raise InvalidTypeError(msg)
        try:
            return enum_type(value)
        except ValueError:
            msg = f"{field!r} must be one of {allowed} (got {value!r})."
            raise InvalidValueError(msg) from None

    return convert


def to_status(value: object, field: str = "status") -> CallStatus | None:
    """Convert an amoCRM ``call_status`` (1..7, or ``None``) to a :class:`CallStatus` (R2)."""
    if value is None or isinstance(value, CallStatus):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(field, "a CallStatus, an int 1..7 or None", value)
    try:
        return CallStatus(value)
    except ValueError:
        msg = f"{field!r} must be a call status code 1..7 or None (got {value!r})."
        raise InvalidValueError(msg) from None


def _to_status(value: object) -> CallStatus | None:
    return to_status(value)


def check_duration(field: str, value: object) -> int:
    """Return *value* if it is a whole, non-negative number of seconds (R1, R16)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(field, "a whole number of seconds (int)", value)
    if value < 0:
        raise _field_error(field, "be >= 0", value)
    return value


def _validate_duration(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_duration(attribute.name, value)


def check_aware(field: str, value: object) -> datetime:
    """Return *value* if it is a timezone-aware datetime, or raise naming *field*.

    It must also be an instant UTC can express (not past year 9999 or before year 1 there),
    since the report compares instants.
    """
    if not isinstance(value, datetime):
        raise _type_error(field, "a timezone-aware datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise _field_error(field, "be timezone-aware (naive datetimes are ambiguous)", value)
    try:
        value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise _field_error(field, "be an instant between years 1 and 9999 in UTC", value) from None
    return value


def _validate_aware(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_aware(attribute.name, value)


def _to_phones(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if value is None:
        return ()
    if not isinstance(value, Iterable):
        raise _type_error("phones", "a str or an iterable of str", value)
    phones: list[str] = []
    for phone in value:
        if not isinstance(phone, str):
            raise _type_error("phones", "a str or an iterable of str", phone)
        phones.append(phone)
    return tuple(phones)


def _to_entity(value: object) -> EntityType:
    result: EntityType = _enum_converter(EntityType, "entity_type")(value)
    return result


def _optional_entity(value: object) -> EntityType | None:
    return None if value is None else _to_entity(value)


def _to_direction(value: object) -> Direction:
    result: Direction = _enum_converter(Direction, "direction")(value)
    return result


@attrs.frozen
class Manager:
    """A manager (user) of the account (R3).

    Inactive managers appear in the report only when they have calls (R12).

    >>> Manager(7, "Anna", group="Sales")
    Manager(id=7, name='Anna', group='Sales', active=True)
    """

    id: Id = attrs.field(validator=_validate_id)
    name: str = attrs.field(validator=_validate_str)
    group: str | None = attrs.field(default=None, validator=_validate_optional_str)
    active: bool = attrs.field(default=True, validator=_validate_bool)


@attrs.frozen
class Card:
    """A contact or a company card (R4): ``(entity_type, id)`` is its identity.

    A single phone string is accepted for ``phones`` and becomes a one-item tuple.

    >>> Card(12, EntityType.CONTACT, "Ivan", phones="+7 912 345-67-89").phones
    ('+7 912 345-67-89',)
    """

    id: Id = attrs.field(validator=_validate_id)
    entity_type: EntityType = attrs.field(converter=_to_entity)
    name: str = attrs.field(default="", validator=_validate_str)
    phones: tuple[str, ...] = attrs.field(default=(), converter=_to_phones)
    manager_id: Id | None = attrs.field(default=None, validator=_validate_optional_id)

    @property
    def key(self) -> tuple[EntityType, Id]:
        """The card's identity: contacts and companies have separate id spaces."""
        return (self.entity_type, self.id)


@attrs.frozen
class Call:
    """One call of the account's call log (R1).

    ``card_id`` and ``entity_type`` are set together or not at all; a call without a card is
    matched by its phone (R7) or excluded (R8). ``status`` takes a :class:`CallStatus` or an
    amoCRM code 1..7. A call from the mobile app without telephony (``via_app=True``) never has
    a recording (R10).

    >>> from datetime import datetime, timezone
    >>> call = Call("c1", Direction.INCOMING, datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc),
    ...             185, manager_id=7, card_id=12, entity_type="contacts", status=4)
    >>> call.status, call.entity_type
    (<CallStatus.TALKED: 4>, <EntityType.CONTACT: 'contacts'>)
    """

    id: str = attrs.field()
    direction: Direction = attrs.field(converter=_to_direction)
    started_at: datetime = attrs.field(validator=_validate_aware)
    duration: int = attrs.field(validator=_validate_duration)
    phone: str = attrs.field(default="", validator=_validate_str)
    manager_id: Id | None = attrs.field(default=None, validator=_validate_optional_id)
    card_id: Id | None = attrs.field(default=None, validator=_validate_optional_id)
    entity_type: EntityType | None = attrs.field(default=None, converter=_optional_entity)
    status: CallStatus | None = attrs.field(default=None, converter=_to_status)
    result: str = attrs.field(default="", validator=_validate_str)
    source: str = attrs.field(default="", validator=_validate_str)
    recording_url: str | None = attrs.field(default=None, validator=_validate_optional_str)
    via_app: bool = attrs.field(default=False, validator=_validate_bool)

    @id.validator
    def _check_call_id(self, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str):
            raise _type_error("id", "a str", value)
        if not value.strip():
            raise _field_error("id", "be a non-empty string", value)

    def __attrs_post_init__(self) -> None:
        if (self.card_id is None) != (self.entity_type is None):
            msg = (
                "'card_id' and 'entity_type' must be set together or not at all "
                f"(got card_id={self.card_id!r}, entity_type={self.entity_type!r})."
            )
            raise InvalidValueError(msg)
        if self.via_app and self.recording_url:
            msg = (
                "'recording_url' must be empty for a call made from the app without telephony "
                f"(via_app=True, got recording_url={self.recording_url!r})."
            )
            raise InvalidValueError(msg)

    @property
    def card_key(self) -> tuple[EntityType, Id] | None:
        """``(entity_type, card_id)`` of the card the call is attached to, or ``None``."""
        if self.entity_type is None or self.card_id is None:
            return None
        return (self.entity_type, self.card_id)

    @property
    def incoming(self) -> bool:
        """Whether the call is incoming."""
        return self.direction is Direction.INCOMING

    def attach(self, card: Card) -> Call:
        """Return this call attached to *card* (its ``card_id`` and ``entity_type`` set)."""
        if type(self) is Call and type(card) is Card:
            return _copy_with_card(self, card)
        return attrs.evolve(self, card_id=card.id, entity_type=card.entity_type)

    @classmethod
    def from_amocrm(cls, payload: Mapping[str, Any]) -> Call:
        """Build a call from an amoCRM ``POST /api/v4/calls`` object; see :doc:`amocrm`."""
        from callanalytics._sources.amocrm import call_from_api

        return call_from_api(payload)

    @classmethod
    def from_amocrm_note(
        cls, note: Mapping[str, Any], *, entity_type: EntityType | str | None = None
    ) -> Call:
        """Build a call from an amoCRM ``call_in`` / ``call_out`` note; see :doc:`amocrm`."""
        from callanalytics._sources.amocrm import call_from_note

        return call_from_note(note, entity_type=entity_type)

    @classmethod
    def from_amocrm_unsorted(cls, payload: Mapping[str, Any]) -> Call:
        """Build a call from amoCRM's unsorted ``sip`` metadata; see :doc:`matching`."""
        from callanalytics._sources.amocrm import call_from_unsorted

        return call_from_unsorted(payload)


def _make_copy_with_card() -> Callable[[Call, Card], Call]:
    """Build ``copy(call, card)``: the call attached to the card, without re-validating.

    ``attrs.evolve`` runs every converter and validator again (~6 µs); a valid call with a
    valid card's ``(id, entity_type)`` stays valid, so the copy sets the slots directly
    (~1 µs), which matters when a million calls are matched. The code is generated from the
    fields of :class:`Call`, so it follows them.
    """
    from_card = {"card_id": "card.id", "entity_type": "card.entity_type"}
    env: dict[str, object] = {"new": object.__new__, "Call": Call}
    lines = ["def copy(call, card):", "    result = new(Call)"]
    for field in attrs.fields(Call):
        env[f"set_{field.name}"] = getattr(Call, field.name).__set__
        lines.append(
            f"    set_{field.name}(result, {from_card.get(field.name, 'call.' + field.name)})"
        )
    lines.append("    return result")
    exec(compile("\n".join(lines), "<callanalytics attach>", "exec"), env)
    copy: Callable[[Call, Card], Call] = env["copy"]  # type: ignore[assignment]
    return copy


_copy_with_card = _make_copy_with_card()


def iterate(field: str, values: object, item: type) -> Iterator[Any]:
    """``iter(values)``, or an error naming *field* when *values* is one item or no iterable."""
    if isinstance(values, item | str | bytes) or not isinstance(values, Iterable):
        msg = (
            f"{field!r} must be an iterable of {item.__name__} "
            f"(got {values!r} of type {type(values).__name__})."
        )
        raise InvalidTypeError(msg)
    return iter(values)


def not_a_call(item: object) -> NoReturn:
    """Raise the error for an item of *calls* that is not a :class:`Call`."""
    msg = f"'calls' must hold Call objects (got {item!r} of type {type(item).__name__})."
    raise InvalidTypeError(msg)


def managers_by_id(managers: Iterable[Manager]) -> dict[Id, Manager]:
    """Index *managers* by id; a duplicate id is an error (two managers cannot share one)."""
    index: dict[Id, Manager] = {}
    for manager in iterate("managers", managers, Manager):
        if not isinstance(manager, Manager):
            raise _type_error("managers", "an iterable of Manager", manager)
        if manager.id in index and index[manager.id] != manager:
            msg = f"'managers' must have unique ids (got id {manager.id!r} twice)."
            raise InvalidValueError(msg)
        index[manager.id] = manager
    return index
