"""Matching calls to cards by phone, and what happens to calls with no card (R6–R10)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Final

import attrs

from ._models import Call, Card, Direction, EntityType, Exclusion, Id, check_aware
from ._phone import PhoneKey, normalize_phone
from .exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "GRACE_WINDOW",
    "Ambiguity",
    "CardIndex",
    "Matching",
    "match_calls",
    "unmatched_reason",
]

GRACE_WINDOW: Final = timedelta(hours=18)
"""How long an unmatched call waits for its card to appear (R9)."""

_ENTITY_ORDER: Final = {EntityType.CONTACT: 0, EntityType.COMPANY: 1}


def _preference(card: Card) -> tuple[int, int, int | str]:
    """Sort key of the R7 decision: contacts before companies, then the lowest id."""
    ident = card.id
    return (_ENTITY_ORDER[card.entity_type], isinstance(ident, str), ident)


@attrs.frozen
class Ambiguity:
    """A call whose phone key belongs to several cards (R7 decision).

    Attributes:
        call: The call as it was given (without a card).
        chosen: The card the call was attached to: contacts first, then the lowest id.
        candidates: Every card with the key, the chosen one first.
    """

    call: Call
    chosen: Card
    candidates: tuple[Card, ...]


class CardIndex:
    """The account's cards indexed once by phone key, for one lookup per call (R7).

    >>> index = CardIndex([Card(1, "companies", phones=["+7 495 000-00-01"]),
    ...                    Card(9, "contacts", phones=["84950000001"])])
    >>> index.lookup("74950000001").id
    9
    >>> [card.id for card in index.candidates("74950000001")]
    [9, 1]
    """

    __slots__ = ("_by_key", "_candidates", "_key", "size")

    def __init__(self, cards: Iterable[Card], *, key: PhoneKey = normalize_phone) -> None:
        if not callable(key):
            msg = f"'key' must be a callable str -> str (got {key!r})."
            raise InvalidTypeError(msg)
        self._key: PhoneKey = key
        by_key: dict[str, Card] = {}
        candidates: dict[str, list[Card]] = {}
        seen: dict[tuple[EntityType, Id], Card] = {}
        for card in cards:
            if not isinstance(card, Card):
                msg = f"'cards' must hold Card objects (got {card!r})."
                raise InvalidTypeError(msg)
            known = seen.setdefault(card.key, card)
            if known is not card:
                if known == card:
                    continue
                msg = f"'cards' must have unique (entity_type, id) (got {card.key!r} twice)."
                raise InvalidValueError(msg)
            for phone in card.phones:
                phone_key = key(phone)
                if not phone_key:
                    continue
                held = by_key.get(phone_key)
                if held is None:
                    by_key[phone_key] = card
                elif held is not card:
                    group = candidates.setdefault(phone_key, [held])
                    if card not in group:
                        group.append(card)
                    if _preference(card) < _preference(held):
                        by_key[phone_key] = card
        self._by_key = by_key
        self._candidates = {
            k: tuple(sorted(group, key=_preference)) for k, group in candidates.items()
        }
        self.size = len(seen)

    def key(self, phone: str) -> str:
        """The matching key of *phone* under this index's key function."""
        return self._key(phone)

    def lookup(self, phone: str) -> Card | None:
        """The card a call from or to *phone* is attached to, or ``None`` (R7)."""
        phone_key = self._key(phone)
        return self._by_key.get(phone_key) if phone_key else None

    def candidates(self, phone: str) -> tuple[Card, ...]:
        """Every card whose key equals *phone*'s, the chosen one first; ``()`` if unambiguous."""
        return self._candidates.get(self._key(phone), ())

    @property
    def ambiguous_keys(self) -> int:
        """How many keys belong to more than one card."""
        return len(self._candidates)


def unmatched_reason(
    call: Call,
    *,
    now: datetime | None = None,
    grace: timedelta = GRACE_WINDOW,
    unsorted_incoming: bool = True,
) -> Exclusion:
    """Why a call that matches no card is not in the report (R8–R10).

    Younger than *grace* at *now*: pending (R9). Otherwise an incoming telephony call goes to
    Unsorted when the host's telephony routes unknown calls there (R8); anything else — outgoing
    calls, app calls (R10) — is not saved.
    """
    if now is not None and now - call.started_at < grace:
        return Exclusion.PENDING
    if unsorted_incoming and call.direction is Direction.INCOMING and not call.via_app:
        return Exclusion.UNSORTED
    return Exclusion.NOT_SAVED


@attrs.frozen
class Matching:
    """The outcome of :func:`match_calls`; every input call is in exactly one of the four tuples.

    Attributes:
        attached: Calls in a card: those that had one, and those matched (card filled in).
        pending: Unmatched calls still inside the grace window (R9).
        unsorted: Unmatched incoming telephony calls, as in Unsorted (R8), newest first:
            the dashboard's events list shows them.
        not_saved: Unmatched calls that amoCRM does not save (R8, R10).
        ambiguous: The matched calls whose key belongs to several cards (R7).
    """

    attached: tuple[Call, ...]
    pending: tuple[Call, ...]
    unsorted: tuple[Call, ...]
    not_saved: tuple[Call, ...]
    ambiguous: tuple[Ambiguity, ...]

    def __len__(self) -> int:
        return len(self.attached) + len(self.pending) + len(self.unsorted) + len(self.not_saved)


def check_grace(grace: object) -> timedelta:
    """Return *grace* if it is a non-negative timedelta, or raise naming it."""
    if not isinstance(grace, timedelta):
        msg = f"'grace' must be a timedelta (got {grace!r} of type {type(grace).__name__})."
        raise InvalidTypeError(msg)
    if grace < timedelta(0):
        msg = f"'grace' must be >= 0 (got {grace!r})."
        raise InvalidValueError(msg)
    return grace


def as_index(cards: Iterable[Card] | CardIndex, key: PhoneKey) -> CardIndex:
    """*cards* as a :class:`CardIndex`; an index is used as it is."""
    return cards if isinstance(cards, CardIndex) else CardIndex(cards, key=key)


def match_calls(
    calls: Iterable[Call],
    cards: Iterable[Card] | CardIndex,
    *,
    now: datetime | None = None,
    unsorted_incoming: bool = True,
    grace: timedelta = GRACE_WINDOW,
    key: PhoneKey = normalize_phone,
) -> Matching:
    """Attach calls without a card to the card with the same phone key (R7–R10).

    Cards are indexed once (pass a :class:`CardIndex` to reuse one); each call is one lookup.
    Calls that already carry a card stay as they are.

    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> calls = [Call("a", "outbound", at, 60, phone="8 912 345-67-89"),
    ...          Call("b", "inbound", at, 30, phone="+7 999 000-00-00"),
    ...          Call("c", "outbound", at, 10, phone="+7 999 000-00-00")]
    >>> result = match_calls(calls, [Card(5, "contacts", phones=["+79123456789"])])
    >>> [(c.id, c.card_id) for c in result.attached], result.unsorted[0].id, result.not_saved[0].id
    ([('a', 5)], 'b', 'c')
    """
    if now is not None:
        check_aware("now", now)
    grace = check_grace(grace)
    index = as_index(cards, key)
    attached: list[Call] = []
    excluded: dict[Exclusion, list[Call]] = {
        Exclusion.PENDING: [],
        Exclusion.UNSORTED: [],
        Exclusion.NOT_SAVED: [],
    }
    ambiguous: list[Ambiguity] = []
    lookup = index.lookup
    for call in calls:
        if call.card_id is not None:
            attached.append(call)
            continue
        card = lookup(call.phone)
        if card is None:
            reason = unmatched_reason(
                call, now=now, grace=grace, unsorted_incoming=unsorted_incoming
            )
            excluded[reason].append(call)
            continue
        attached.append(call.attach(card))
        if index._candidates:
            candidates = index.candidates(call.phone)
            if candidates:
                ambiguous.append(Ambiguity(call, card, candidates))
    unsorted = excluded[Exclusion.UNSORTED]
    unsorted.sort(key=lambda c: c.started_at, reverse=True)
    return Matching(
        attached=tuple(attached),
        pending=tuple(excluded[Exclusion.PENDING]),
        unsorted=tuple(unsorted),
        not_saved=tuple(excluded[Exclusion.NOT_SAVED]),
        ambiguous=tuple(ambiguous),
    )
