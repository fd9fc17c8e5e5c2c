"""The kinds of values of the model: ids, directions, entity types, statuses, exclusions."""

from __future__ import annotations

import enum

__all__ = ["CLIENT_CARDS", "CallStatus", "Direction", "EntityType", "Exclusion", "Id"]

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
    LEAD = "leads"
    """A lead (deal): amoCRM notes calls there too, but the calls report counts only calls in
    a contact's or a company's card (R6)."""
    CUSTOMER = "customers"
    """A customer (amoCRM's repeat-sales entity): not in the calls report either (R6)."""


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
    a duplicate, matching (pending, unsorted, not saved), unknown manager, then the filters.
    """

    DUPLICATE = "duplicate"
    """The call's id was seen before in the same input: the first one counts (R28)."""
    PENDING = "pending"
    """No card yet, but the call is younger than the grace window (R9)."""
    UNSORTED = "unsorted"
    """An incoming telephony call from an unknown number: it went to Unsorted (R8)."""
    NOT_SAVED = "not_saved"
    """No card matches the call, and it is not one that goes to Unsorted (R8, R10)."""
    OTHER_CARD = "other_card"
    """The call is in a lead's or a customer's card, not a contact's or a company's (R6)."""
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


CLIENT_CARDS: frozenset[EntityType] = frozenset({EntityType.CONTACT, EntityType.COMPANY})
"""The cards the calls report counts calls in: contacts and companies (R4, R6)."""
