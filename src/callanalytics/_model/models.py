"""The data of the report: calls, managers and cards (R1, R3, R4, R10).

A call's fields are its schema (:mod:`callanalytics._model.schema`): each is declared here once,
with what it holds, how the constructor checks it and how a file or a host's value becomes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs

from callanalytics._kit import checks
from callanalytics._kit.checks import Choice
from callanalytics._model import text
from callanalytics._model.enums import CLIENT_CARDS, CallStatus, Direction, EntityType, Id
from callanalytics._model.schema import generate_init, generate_replace, slots_in_a_base, spec
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import SupportsIndex

__all__ = ["Call", "Card", "Id", "Manager", "call_status", "managers_by_id", "not_a_call"]

_identifier: Final = checks.optional(checks.identifier, "an int, a str or None")
_optional_text: Final = checks.optional(checks.text, "a str or None")
_card_entity: Final = Choice(EntityType, members=CLIENT_CARDS)
_optional_entity: Final = checks.optional(Choice(EntityType))
_direction: Final = Choice(Direction)
_status: Final = Choice(
    CallStatus,
    integral=True,
    expected="a CallStatus, an int 1..7 or None",
    must="be a call status code 1..7 or None",
)
_optional_status: Final = checks.optional(_status)


def call_status(value: object, field: str = "status") -> CallStatus | None:
    """An amoCRM ``call_status`` (1..7, or ``None``) as a :class:`CallStatus` (R2)."""
    return _optional_status(value, field)


def _seconds(value: object, field: str) -> int:
    return checks.whole(value, field, "a whole number of seconds (int)", minimum=0)


def _optional_seconds(value: object, field: str) -> int | None:
    return None if value is None else _seconds(value, field)


def _phones(value: object, field: str) -> tuple[str, ...]:
    """One phone (a ``str``) or an iterable of them, as a tuple."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    expected = "a str or an iterable of str"
    if not isinstance(value, Iterable):
        raise checks.type_error(field, expected, value)
    return tuple(checks.text(phone, field, expected) for phone in value)


# attrs converters: named functions, so that type checkers see the types each field takes.


def _to_id(value: Id) -> Id:
    return checks.identifier(value, "id")


def _to_name(value: str) -> str:
    return checks.unicode(value, "name")  # shown in every view and file (R3)


def _to_group(value: str | None) -> str | None:
    return None if value is None else checks.unicode(value, "group", "a str or None")


def _to_active(value: bool) -> bool:
    return checks.flag(value, "active")


def _to_entity_type(value: EntityType | str) -> EntityType:
    return _card_entity(value, "entity_type")


def _to_phones(value: str | Iterable[str] | None) -> tuple[str, ...]:
    return _phones(value, "phones")


def _to_manager_id(value: Id | None) -> Id | None:
    return _identifier(value, "manager_id")


@attrs.frozen
class Manager:
    """A manager (user) of the account (R3).

    Inactive managers appear in the report only when they have calls (R12).

    >>> Manager(7, "Anna", group="Sales")
    Manager(id=7, name='Anna', group='Sales', active=True)
    """

    id: Id = attrs.field(converter=_to_id)
    name: str = attrs.field(converter=_to_name)
    group: str | None = attrs.field(default=None, converter=_to_group)
    active: bool = attrs.field(default=True, converter=_to_active)


@attrs.frozen
class Card:
    """A contact or a company card (R4): ``(entity_type, id)`` is its identity.

    A single phone string is accepted for ``phones`` and becomes a one-item tuple.

    >>> Card(12, EntityType.CONTACT, "Ivan", phones="+7 912 345-67-89").phones
    ('+7 912 345-67-89',)
    """

    id: Id = attrs.field(converter=_to_id)
    entity_type: EntityType = attrs.field(converter=_to_entity_type)
    name: str = attrs.field(default="", converter=_to_name)
    phones: tuple[str, ...] = attrs.field(default=(), converter=_to_phones)
    manager_id: Id | None = attrs.field(default=None, converter=_to_manager_id)

    @property
    def key(self) -> tuple[EntityType, Id]:
        """The card's identity: contacts and companies have separate id spaces."""
        return (self.entity_type, self.id)


def _optional(read: checks.Convert[Any]) -> checks.Convert[Any]:
    """*read*, with blank text read as "not set"."""

    def run(value: object, field: str) -> object:
        return None if text.absent(value) else read(value, field)

    return run


_ID_READY: Final = "{v} is None or ({v}.__class__ is int and 0 <= {v} < TOO_LONG)"
_TEXT_READY: Final = "{v}.__class__ is str"


@attrs.frozen(init=False)
@slots_in_a_base
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

    Every field is checked; integers of any integral type (numpy's too) are stored as ``int``.
    The fields, what each holds and how a file's or a host's value becomes it are listed in
    ``docs/schema.md``.
    """

    id: str = attrs.field(
        **spec(
            annotation="str",
            doc="The call's unique id: the telephony's `uniq`. Not blank.",
            convert=checks.nonblank,
            ready="{v}.__class__ is str and {v} and not {v}.isspace()",
            read=text.read_word,
            column="str",
        )
    )
    direction: Direction = attrs.field(
        **spec(
            annotation="Direction | str",
            doc="`inbound` or `outbound` (amoCRM's values), or a `Direction`.",
            convert=_direction,
            ready="{v}.__class__ is Direction",
            read=text.read_word,
            column="enum",
        )
    )
    started_at: datetime = attrs.field(
        **spec(
            annotation="datetime",
            doc="When the call started: a timezone-aware datetime (an instant UTC can hold).",
            convert=checks.moment,
            ready="{v}.__class__ is datetime and {v}.tzinfo is UTC",
            read=text.read_moment,
            column="datetime",
        )
    )
    duration: int = attrs.field(
        **spec(
            annotation="SupportsIndex",
            doc="The talk time in whole seconds, >= 0 (0: nobody talked).",
            convert=_seconds,
            ready="{v}.__class__ is int and 0 <= {v} < TOO_LONG",
            read=text.read_seconds,
            column="int",
        )
    )
    phone: str = attrs.field(
        default="",
        **spec(
            annotation="str",
            doc="The other side's number as the telephony wrote it; matched by its key (R7).",
            convert=checks.text,
            ready=_TEXT_READY,
            read=text.read_text,
            column="str",
        ),
    )
    manager_id: Id | None = attrs.field(
        default=None,
        **spec(
            annotation="Id | SupportsIndex | None",
            doc="The manager who made or took the call; none for amoCRM's robot (R13).",
            convert=_identifier,
            ready=_ID_READY,
            read=_optional(text.read_id),
            column="id",
        ),
    )
    card_id: Id | None = attrs.field(
        default=None,
        **spec(
            annotation="Id | SupportsIndex | None",
            doc="The id of the card the call is in; set with `entity_type`, or neither (R6).",
            convert=_identifier,
            ready=_ID_READY,
            read=_optional(text.read_id),
            column="id",
        ),
    )
    entity_type: EntityType | None = attrs.field(
        default=None,
        **spec(
            annotation="EntityType | str | None",
            doc=(
                "`contacts`, `companies`, `leads` or `customers`: the kind of card the call is in"
                " (R4, R6)."
            ),
            convert=_optional_entity,
            ready="{v} is None or {v}.__class__ is EntityType",
            read=_optional(text.read_word),
            column="enum",
        ),
    )
    status: CallStatus | None = attrs.field(
        default=None,
        **spec(
            annotation="CallStatus | SupportsIndex | None",
            doc="amoCRM's `call_status` 1..7, or none: not every PBX gives one (R2).",
            convert=_optional_status,
            ready="{v} is None or {v}.__class__ is CallStatus",
            read=_optional(text.read_int),
            column="enum",
        ),
    )
    result: str = attrs.field(
        default="",
        **spec(
            annotation="str",
            doc="The free-text call result a manager wrote.",
            convert=checks.text,
            ready=_TEXT_READY,
            read=text.read_text,
            column="str",
        ),
    )
    source: str = attrs.field(
        default="",
        **spec(
            annotation="str",
            doc="The telephony's name, as amoCRM's `source`.",
            convert=checks.text,
            ready=_TEXT_READY,
            read=text.read_text,
            column="str",
        ),
    )
    recording_url: str | None = attrs.field(
        default=None,
        **spec(
            annotation="str | None",
            doc="A link to the recording; never on an app call (R10).",
            convert=_optional_text,
            ready="{v} is None or {v}.__class__ is str",
            read=_optional(text.read_word),
            column="str",
        ),
    )
    via_app: bool = attrs.field(
        default=False,
        **spec(
            annotation="bool",
            doc="Made from the mobile app without telephony (R10).",
            convert=checks.flag,
            ready="{v} is False or {v} is True",
            read=text.read_flag,
            column="bool",
        ),
    )
    wait: int | None = attrs.field(
        default=None,
        **spec(
            annotation="SupportsIndex | None",
            doc="Seconds from the start to the answer, where the telephony tells (R29, R33).",
            convert=_optional_seconds,
            ready="{v} is None or ({v}.__class__ is int and 0 <= {v} < TOO_LONG)",
            read=_optional(text.read_seconds),
            column="int",
        ),
    )

    if TYPE_CHECKING:  # the signature generate_init gives the class, for type checkers

        def __init__(
            self,
            id: str,
            direction: Direction | str,
            started_at: datetime,
            duration: SupportsIndex,
            phone: str = "",
            manager_id: Id | SupportsIndex | None = None,
            card_id: Id | SupportsIndex | None = None,
            entity_type: EntityType | str | None = None,
            status: CallStatus | SupportsIndex | None = None,
            result: str = "",
            source: str = "",
            recording_url: str | None = None,
            via_app: bool = False,
            wait: SupportsIndex | None = None,
        ) -> None: ...

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
        if self.__class__ is Call and card.__class__ is Card:  # both valid: a copy, unchecked
            return _with_card(self, card.id, card.entity_type)  # type: ignore[no-any-return]
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


def _refuse(**values: Any) -> NoReturn:
    """Raise for a combination of a call's fields that cannot be (R4, R10)."""
    card_id, entity_type = values["card_id"], values["entity_type"]
    if (card_id is None) is not (entity_type is None):
        raise InvalidValueError.from_parts(
            "'card_id' and 'entity_type' must be set together or not at all "
            "(got card_id={card}, entity_type={entity}).",
            card=checks.shown(card_id),
            entity=checks.shown(entity_type),
        )
    raise InvalidValueError.from_parts(
        "'recording_url' must be empty for a call made from the app without telephony "
        "(via_app=True, got recording_url={value}).",
        value=checks.shown(values["recording_url"]),
    )


Call.__init__ = generate_init(  # type: ignore[method-assign]
    Call,
    refuse_if="(card_id is None) is not (entity_type is None) or (via_app and recording_url)",
    refuse=_refuse,
    names={
        "Direction": Direction,
        "EntityType": EntityType,
        "CallStatus": CallStatus,
        "datetime": datetime,
        "UTC": UTC,
        "TOO_LONG": checks.TOO_LONG,
    },
)

_with_card: Final = generate_replace(Call, ("card_id", "entity_type"))


def not_a_call(item: object) -> NoReturn:
    """Raise the error for an item of *calls* that is not a :class:`Call`."""
    msg = (
        f"'calls' must hold Call objects (got {checks.shown(item)} of type {type(item).__name__})."
    )
    raise InvalidTypeError(msg)


def managers_by_id(managers: object) -> dict[Id, Manager]:
    """Index *managers* by id; a duplicate id is an error (two managers cannot share one)."""
    index: dict[Id, Manager] = {}
    for manager in checks.iterable(managers, "managers", "Manager"):
        if not isinstance(manager, Manager):
            raise checks.type_error("managers", "an iterable of Manager", manager)
        if manager.id in index and index[manager.id] != manager:
            msg = f"'managers' must have unique ids (got id {checks.shown(manager.id)} twice)."
            raise InvalidValueError(msg)
        index[manager.id] = manager
    return index
