"""Matching calls to cards by phone, and what happens to calls with no card (R6–R10)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Final

import attrs

from callanalytics._kit import checks
from callanalytics._model.enums import CLIENT_CARDS, Direction, EntityType, Exclusion
from callanalytics._model.models import Call, Card, Id, not_a_call
from callanalytics._model.phone import PhoneKey, normalize_phone
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "GRACE_WINDOW",
    "Ambiguity",
    "CardIndex",
    "CardStep",
    "Matching",
    "match_calls",
    "unmatched_reason",
]

GRACE_WINDOW: Final = timedelta(hours=18)
"""How long an unmatched call waits for its card to appear (R9)."""

_ENTITY_ORDER: Final = {EntityType.CONTACT: 0, EntityType.COMPANY: 1}


def _preference(card: Card) -> tuple[int, bool, int | str]:
    """Sort key of the R7 decision: contacts before companies, then the lowest id.

    Ids of one kind compare as they are (ints by value, strings by text); int ids come first.
    """
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

    When several cards share a key, contacts win over companies, then the lowest id wins
    (R7 decision); :attr:`ambiguous` lists every such key with its cards.

    >>> index = CardIndex([Card(1, "companies", phones=["+7 495 000-00-01"]),
    ...                    Card(9, "contacts", phones=["84950000001"])])
    >>> index.lookup("74950000001").id
    9
    >>> [card.id for card in index.candidates("74950000001")]
    [9, 1]
    """

    __slots__ = ("_ambiguous", "_by_key", "_find", "_key", "size")

    def __init__(self, cards: Iterable[Card], *, key: PhoneKey = normalize_phone) -> None:
        if not callable(key):
            msg = f"'key' must be a callable str -> str (got {checks.shown(key)})."
            raise InvalidTypeError(msg)
        if isinstance(cards, Card | str | bytes):
            msg = f"'cards' must be an iterable of Card (got {checks.shown(cards)})."
            raise InvalidTypeError(msg)
        by_key: dict[str, Card] = {}
        shared: dict[str, dict[tuple[EntityType, Id], Card]] = {}
        seen: dict[tuple[EntityType, Id], Card] = {}
        for card in checks.iterable(cards, "cards", "Card"):
            if not isinstance(card, Card):
                msg = f"'cards' must hold Card objects (got {checks.shown(card)})."
                raise InvalidTypeError(msg)
            known = seen.setdefault(card.key, card)
            if known is not card:
                if known == card:
                    continue
                msg = (
                    f"'cards' must have unique (entity_type, id) "
                    f"(got {checks.shown(card.key)} twice)."
                )
                raise InvalidValueError(msg)
            for phone in card.phones:
                phone_key = key(phone)
                if not isinstance(phone_key, str):
                    msg = (
                        f"'key' must return a str "
                        f"(got {checks.shown(phone_key)} for {checks.shown(phone)})."
                    )
                    raise InvalidTypeError(msg)
                if not phone_key:
                    continue
                held = by_key.setdefault(phone_key, card)
                if held is not card:  # a key of several cards: a dict per key, so no O(n²)
                    shared.setdefault(phone_key, {held.key: held})[card.key] = card
        ambiguous: dict[str, tuple[Card, ...]] = {}
        for phone_key, group in shared.items():
            ambiguous[phone_key] = ranked = tuple(sorted(group.values(), key=_preference))
            by_key[phone_key] = ranked[0]
        self._key: PhoneKey = key
        self._by_key: Mapping[str, Card] = MappingProxyType(by_key)
        self._find = by_key.get  # the dictionary's own lookup: faster than the proxy's
        self._ambiguous: Mapping[str, tuple[Card, ...]] = MappingProxyType(ambiguous)
        self.size = len(seen)

    @property
    def key_function(self) -> PhoneKey:
        """The function this index computes phone keys with."""
        return self._key

    @property
    def by_key(self) -> Mapping[str, Card]:
        """The card chosen for every key (read-only)."""
        return self._by_key

    @property
    def ambiguous(self) -> Mapping[str, tuple[Card, ...]]:
        """Every key that belongs to several cards, with its cards, the chosen one first."""
        return self._ambiguous

    @property
    def ambiguous_keys(self) -> int:
        """How many keys belong to more than one card."""
        return len(self._ambiguous)

    def key(self, phone: str) -> str:
        """The matching key of *phone* under this index's key function."""
        return self._key(phone)

    def lookup(self, phone: str) -> Card | None:
        """The card a call from or to *phone* is attached to, or ``None`` (R7)."""
        return self._find(self._key(phone))  # "" (no key) is never in the index

    @property
    def find(self) -> Callable[[str], Card | None]:
        """The card of a phone *key* (not a phone), or ``None``: one dictionary lookup."""
        return self._find

    def candidates(self, phone: str) -> tuple[Card, ...]:
        """Every card whose key equals *phone*'s, the chosen one first; ``()`` if unambiguous."""
        return self._ambiguous.get(self._key(phone), ())


def newest_first(calls: list[Call]) -> None:
    """Sort *calls* in place as the events list shows them: newest first by instant, ties by id.

    By instant: two datetimes sharing a ZoneInfo compare by wall time, which would put a call
    of a repeated DST hour (fold=1) before an older one of the first pass.
    """
    calls.sort(key=lambda c: c.id)
    calls.sort(key=lambda c: c.started_at.astimezone(UTC), reverse=True)


def call_age(call: Call, now: datetime) -> timedelta:
    """How long before *now* the call started, in absolute time (negative if after *now*).

    *now* goes to UTC first: two datetimes that share a tzinfo subtract by wall time, which is
    an hour off across a DST change.
    """
    return now.astimezone(UTC) - call.started_at


def unmatched_reason(
    call: Call,
    *,
    now: datetime | None = None,
    grace: timedelta = GRACE_WINDOW,
    unsorted_incoming: bool = True,
) -> Exclusion:
    """Why a call that matches no card is not in the report (R8–R10).

    Younger than *grace* at *now* (``now - started_at < grace``, so a call that starts after
    *now* too): pending (R9). Otherwise an incoming telephony call goes to Unsorted when the
    host's telephony routes unknown calls there (R8); anything else — outgoing calls, app calls
    (R10) — is not saved.
    """
    if now is not None and call_age(call, now) < grace:
        return Exclusion.PENDING
    if unsorted_incoming and call.direction is Direction.INCOMING and not call.via_app:
        return Exclusion.UNSORTED
    return Exclusion.NOT_SAVED


@attrs.frozen
class CardStep:
    """The first step of the routing spec (R6–R10): the card a call is in, or why it has none.

    A call with a card of its own is in it. A call without one is matched by its phone key to
    the card :class:`CardIndex` chooses (R7), and counts as a tie when several cards share the
    key; with no card it is pending, unsorted or not saved (R8–R10, :func:`unmatched_reason`).

    Attributes:
        cards: The account's cards, or ``None`` when the host gives none (nothing is matched).
        now: The current moment, for the grace window; ``None``: no call is pending.
        grace: How long an unmatched call waits for its card (R9).
        unsorted_incoming: Whether the telephony sends unknown incoming calls to Unsorted (R8).
    """

    cards: CardIndex | None
    now: datetime | None = None
    grace: timedelta = GRACE_WINDOW
    unsorted_incoming: bool = True

    def find(self, call: Call) -> tuple[Card | None, Exclusion | None, bool]:
        """``(card, reason, tie)``: the card matched by phone, why there is none, a shared key.

        A call in a contact's or a company's card of its own gives ``(None, None, False)``:
        nothing to match; one in a lead's or a customer's card is not in the report (R6).
        """
        if call.card_id is not None:
            if call.entity_type in CLIENT_CARDS:
                return None, None, False
            return None, Exclusion.OTHER_CARD, False
        if self.cards is not None:
            phone_key = self.cards.key(call.phone)
            card = self.cards.find(phone_key)
            if card is not None:
                return card, None, phone_key in self.cards.ambiguous
        reason = unmatched_reason(
            call, now=self.now, grace=self.grace, unsorted_incoming=self.unsorted_incoming
        )
        return None, reason, False


@attrs.frozen
class Matching:
    """The outcome of :func:`match_calls`; every input call is in exactly one of the five tuples.

    Attributes:
        attached: Calls in a card: those that had one, and those matched (card filled in),
            in the order given.
        pending: Unmatched calls still inside the grace window (R9), in the order given.
        unsorted: Unmatched incoming telephony calls, as in Unsorted (R8), newest first
            (ties by id), as the dashboard's events list shows them.
        not_saved: Unmatched calls that amoCRM does not save (R8, R10), in the order given.
        ambiguous: The matched calls whose key belongs to several cards (R7).
        other_card: Calls in a lead's or a customer's card, which the report does not count
            (R6), in the order given.
    """

    attached: tuple[Call, ...]
    pending: tuple[Call, ...]
    unsorted: tuple[Call, ...]
    not_saved: tuple[Call, ...]
    ambiguous: tuple[Ambiguity, ...]
    other_card: tuple[Call, ...] = ()

    def __len__(self) -> int:
        kept = len(self.attached) + len(self.pending) + len(self.unsorted)
        return kept + len(self.not_saved) + len(self.other_card)


def check_grace(grace: object) -> timedelta:
    """Return *grace* if it is a non-negative timedelta, or raise naming it."""
    if not isinstance(grace, timedelta):
        msg = (
            f"'grace' must be a timedelta "
            f"(got {checks.shown(grace)} of type {type(grace).__name__})."
        )
        raise InvalidTypeError(msg)
    if grace < timedelta(0):
        msg = f"'grace' must be >= 0 (got {checks.shown(grace)})."
        raise InvalidValueError(msg)
    return grace


def check_unsorted_incoming(value: object) -> bool:
    """Return *value* if it is a bool, or raise naming ``unsorted_incoming``."""
    if not isinstance(value, bool):
        msg = f"'unsorted_incoming' must be a bool (got {checks.shown(value)})."
        raise InvalidTypeError(msg)
    return value


def as_index(cards: Iterable[Card] | CardIndex, key: PhoneKey) -> CardIndex:
    """*cards* as a :class:`CardIndex`; an index is used as it is.

    A prebuilt index has its own key function: another *key* with it is an error, never
    silently ignored.
    """
    if not isinstance(cards, CardIndex):
        return CardIndex(cards, key=key)
    if key is not normalize_phone and key is not cards.key_function:
        msg = (
            "'key' must not differ from the key of a prebuilt CardIndex: build the index with it "
            f"(got key={checks.shown(key)}, index key={checks.shown(cards.key_function)})."
        )
        raise InvalidValueError(msg)
    return cards


attach: Final = Call.attach
"""``attach(call, card)``: :meth:`Call.attach` as a function, for the loops."""


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
    Calls that already carry a card stay as they are. A call that matches no card is pending
    (given *now*, younger than *grace*, R9), unsorted (an incoming telephony call, unless
    *unsorted_incoming* is false, R8) or not saved (R8, R10).

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
        checks.moment(now, "now")
    grace = check_grace(grace)
    unsorted_incoming = check_unsorted_incoming(unsorted_incoming)
    index = as_index(cards, key)
    step = CardStep(index, now, grace, unsorted_incoming)
    attached: list[Call] = []
    excluded: dict[Exclusion, list[Call]] = {
        Exclusion.PENDING: [],
        Exclusion.UNSORTED: [],
        Exclusion.NOT_SAVED: [],
        Exclusion.OTHER_CARD: [],
    }
    ambiguous: list[Ambiguity] = []
    for call in checks.iterable(calls, "calls", "Call"):
        if call.__class__ is not Call and not isinstance(call, Call):
            not_a_call(call)
        card, reason, tie = step.find(call)
        if reason is not None:
            excluded[reason].append(call)
        elif card is None:
            attached.append(call)
        else:
            attached.append(attach(call, card))
            if tie:
                ambiguous.append(Ambiguity(call, card, index.candidates(call.phone)))
    unsorted = excluded[Exclusion.UNSORTED]
    newest_first(unsorted)
    return Matching(
        attached=tuple(attached),
        pending=tuple(excluded[Exclusion.PENDING]),
        unsorted=tuple(unsorted),
        not_saved=tuple(excluded[Exclusion.NOT_SAVED]),
        ambiguous=tuple(ambiguous),
        other_card=tuple(excluded[Exclusion.OTHER_CARD]),
    )
