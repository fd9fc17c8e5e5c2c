"""The routing spec: where one call goes, and why (R6–R11, R13, R18–R22).

Every consumer decides with the same steps, in the same order, written once — here:

0. **duplicate** (R28): a call whose id came before in the same input is excluded, the first
   one counts (with ``duplicates=False``, no id is remembered: flat memory);
1. **card** (R6–R10, :class:`~callanalytics._rules.matching.CardStep`): the call is in a card
   of its own or matched to one by phone; otherwise it is pending, unsorted or not saved;
2. **known manager** (R13): a call of a manager who is not among the account's is excluded;
3. the **filter's** steps (R18–R22, :meth:`~callanalytics.Filter.steps`), in the filter's
   order: period, entity, manager, duration, status, direction.

A call that fails a step is excluded for that step's reason and goes no further, so a call that
fails several is counted under the first (R11). A call that passes every step is counted in
the cell of its manager (``None``: no manager, R13) and of its values of the tally's other
dimensions.

:meth:`Routing.route` runs the steps as plain Python, one call at a time: :func:`explain`, the
events list, :func:`match_calls` and the live report use it. :meth:`Routing.count` runs the
report's loop, which is generated from the same steps (each step carries its test as an
expression too) and registered with :mod:`linecache`, so that a traceback shows its source; a
property test keeps the two equal on generated accounts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from callanalytics._aggregate.figures import COUNTED
from callanalytics._aggregate.tally import POSITION, Counts, Key, Tally
from callanalytics._kit import checks
from callanalytics._kit.codegen import generate
from callanalytics._model.enums import CLIENT_CARDS, Direction, EntityType, Exclusion, Id
from callanalytics._model.models import Call, Card, Manager, managers_by_id, not_a_call
from callanalytics._model.phone import PhoneKey, normalize_phone
from callanalytics._rules.matching import (
    GRACE_WINDOW,
    CardIndex,
    CardStep,
    as_index,
    check_grace,
    check_unsorted_incoming,
)
from callanalytics._rules.steps import Check, ColumnTest, Dimension
from callanalytics.exceptions import CallAnalyticsError, UnknownManagerError

if TYPE_CHECKING:
    from collections.abc import Callable

    from callanalytics._rules.filter import Filter

__all__ = ["Route", "Routing", "check_filter"]


@attrs.frozen
class Route:
    """Where one call goes.

    Attributes:
        call: The call as the report sees it: attached to its card when it was matched.
        reason: Why it is not counted, or ``None`` when it is.
        card: The card it was matched to by phone (R7), or ``None``.
        tie: Whether it was matched by a phone several cards share (R7 decision).
        entity: The type of the card it is in (its own, or the matched one), or ``None``.
    """

    call: Call
    reason: Exclusion | None
    card: Card | None
    tie: bool
    entity: EntityType | None

    @property
    def counted(self) -> bool:
        """Whether the call is counted (in a manager's row or as unassigned)."""
        return self.reason is None


def check_filter(value: object) -> Filter | None:
    """*value* if it is a :class:`~callanalytics.Filter` or ``None``."""
    from callanalytics._rules.filter import Filter

    if value is not None and not isinstance(value, Filter):
        raise checks.type_error("filter", "a Filter or None", value)
    return value


def _known_manager_check(managers: Mapping[Id, Manager]) -> Check:
    """R13: a call of a manager who is not among the account's is excluded."""

    def known(call: Call, entity: EntityType | None) -> bool:
        return call.manager_id is None or call.manager_id in managers

    return Check(
        "known manager",
        "R13",
        Exclusion.UNKNOWN_MANAGER,
        known,
        "c.manager_id is None or c.manager_id in known_managers",
        ColumnTest("member", "manager_id", frozenset(managers), null_passes=True),
        {"known_managers": managers},
    )


_USES_ENTITY: Final = re.compile(r"\bentity\b")


class Routing:
    """The account's settings and the routing steps they make; see the module's text.

    Args:
        managers: The account's managers.
        cards: The account's cards (or a prebuilt :class:`CardIndex`), to match calls without
            a card by phone (R7); ``None``: calls without a card match nothing.
        filter: The report's filters (R18–R22), or ``None``.
        now: The current moment, for the grace window (R9).
        grace: How long an unmatched call waits for its card (R9).
        unsorted_incoming: Whether the telephony sends unknown incoming calls to Unsorted (R8).
        key: The phone key function (R7), when *cards* is not a prebuilt index.
        duplicates: Whether a call whose id came before is excluded as a duplicate (R28);
            ``False`` remembers no id, for inputs known to have none, in flat memory.
    """

    __slots__ = ("_known", "_loops", "card_step", "duplicates", "filter", "managers", "steps")

    def __init__(
        self,
        managers: Iterable[Manager],
        *,
        cards: Iterable[Card] | CardIndex | None = None,
        filter: Filter | None = None,
        now: datetime | None = None,
        grace: timedelta = GRACE_WINDOW,
        unsorted_incoming: bool = True,
        key: PhoneKey = normalize_phone,
        duplicates: bool = True,
    ) -> None:
        if isinstance(managers, Manager | str | bytes):
            raise checks.type_error("managers", "an iterable of Manager", managers)
        self.managers: Mapping[Id, Manager] = MappingProxyType(managers_by_id(managers))
        self.filter = check_filter(filter)
        if self.filter is not None:
            unknown = self.filter.unknown_managers(self.managers)
            if unknown:
                listed = ", ".join(checks.shown(m) for m in sorted(unknown, key=str))
                raise UnknownManagerError.from_parts(
                    "'manager_ids' must be managers of the account (got unknown {listed}).",
                    listed=listed,
                )
        self.card_step = CardStep(
            None if cards is None else as_index(cards, key),
            None if now is None else checks.moment(now, "now"),
            check_grace(grace),
            check_unsorted_incoming(unsorted_incoming),
        )
        self.duplicates = checks.flag(duplicates, "duplicates")
        self._known = _known_manager_check(self.managers)
        self.steps: tuple[Check, ...] = (
            self._known,
            *(() if self.filter is None else self.filter.steps()),
        )
        """The steps after the card's: the known manager (R13), then the filter's (R18–R22)."""
        self._loops: dict[tuple[object, ...], Callable[..., Any]] = {}

    @property
    def cards(self) -> CardIndex | None:
        """The account's cards, indexed by phone key (R7)."""
        return self.card_step.cards

    @property
    def now(self) -> datetime | None:
        """The "now" of the grace window (R9)."""
        return self.card_step.now

    @property
    def grace(self) -> timedelta:
        """The grace window (R9)."""
        return self.card_step.grace

    @property
    def unsorted_incoming(self) -> bool:
        """Whether unknown incoming telephony calls go to Unsorted (R8)."""
        return self.card_step.unsorted_incoming

    # -----------------------------------------------------------------------------------------
    # One call at a time: the plain spec.

    def decide(
        self, call: Call, seen: set[str] | None = None
    ) -> tuple[Exclusion | None, Card | None, bool, EntityType | None]:
        """``(reason, card, tie, entity)`` of *call*: the steps in order, as plain Python.

        *seen* holds the ids that came before in the same input (R28); *call*'s is added.
        ``None`` (one call alone, or ``duplicates=False``) finds no duplicate.
        """
        if seen is not None and self.duplicates:  # 0. duplicate (R28)
            if call.id in seen:
                return Exclusion.DUPLICATE, None, False, None
            seen.add(call.id)
        card, reason, tie = self.card_step.find(call)  # 1. card (R6–R10)
        if reason is not None:
            return reason, None, False, None
        entity = call.entity_type if card is None else card.entity_type
        for step in self.steps:  # 2. known manager (R13), 3. the filter (R18–R22)
            if not step.passes(call, entity):
                return step.reason, card, tie, entity
        return None, card, tie, entity

    def route(self, call: Call, seen: set[str] | None = None) -> Route:
        """Where *call* goes, and why, as the report counts it.

        *seen* holds the ids of the calls that came before it in the same input (R28).

        >>> from datetime import datetime, timezone
        >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
        >>> routing = Routing([Manager(1, "Anna")], cards=[Card(5, "contacts", phones="204")])
        >>> routing.route(Call("a", "outbound", at, 60, phone="204", manager_id=1)).call.card_id
        5
        >>> routing.route(Call("b", "outbound", at, 60, phone="205", manager_id=1)).reason
        <Exclusion.NOT_SAVED: 'not_saved'>
        """
        if not isinstance(call, Call):
            not_a_call(call)
        reason, card, tie, entity = self.decide(call, seen)
        routed = call if card is None else call.attach(card)
        return Route(routed, reason, card, tie, entity)

    @staticmethod
    def key(call: Call, dimensions: tuple[Dimension, ...] = ()) -> Key:
        """The key of *call*'s cell: its manager, then its value of each dimension."""
        return (call.manager_id, *(dimension.value(call) for dimension in dimensions))

    # -----------------------------------------------------------------------------------------
    # Many calls: the report's loop, generated from the same steps.

    def count(
        self,
        calls: Iterable[Call],
        counts: Counts,
        dimensions: tuple[Dimension, ...] = (),
        seen: set[str] | None = None,
    ) -> None:
        """Route every call of *calls* and count it into *counts*; *calls* is read once.

        *seen* holds the ids that came before (R28) and gets those of *calls*; ``None`` starts
        with none.
        """
        loop = self._loops.get(dimensions)
        if loop is None:
            loop = self._loops[dimensions] = self._generate(dimensions)
        loop(iter(checks.iterable(calls, "calls", "Call")), counts, set() if seen is None else seen)

    def tally(
        self,
        calls: Iterable[Call],
        dimensions: tuple[Dimension, ...] = (),
        seen: set[str] | None = None,
    ) -> Tally:
        """Route and count every call once (R11); *calls* is consumed once, never copied."""
        counts = Counts(tuple(dimension.name for dimension in dimensions))
        self.count(calls, counts, dimensions, seen)
        tally = counts.to_tally()
        if tally.calls != counts.read:  # every call read is counted or excluded, exactly once
            msg = f"The report lost calls: read {counts.read}, accounted for {tally.calls}."
            raise CallAnalyticsError(msg)
        return tally

    def one(
        self, dimensions: tuple[Dimension, ...] = ()
    ) -> Callable[[Call, Counts], Exclusion | None]:
        """``one(call, counts) -> reason``: the report's loop for a single call.

        The live report counts calls one at a time with it: the same steps, generated the same
        way, without the loop. It returns why the call is not counted, or ``None``; a tie adds
        one to ``counts.ties``. With no dimension, *counts* must hold a row for each of the
        account's managers and for no manager (:meth:`prepare`); ``counts.read`` is left to
        the caller. Nothing is allocated per call, so that holding millions of calls does not
        wake the garbage collector.
        """
        key = ("one", *dimensions)
        function = self._loops.get(key)
        if function is None:
            function = self._loops[key] = self._generate(dimensions, single=True)
        return function

    def prepare(self, counts: Counts) -> None:
        """Give *counts* a row for each of the account's managers and for no manager."""
        for manager_id in (None, *self.managers):
            if manager_id not in counts.cells:
                counts.cells[manager_id] = [0, 0, 0, 0]

    def _generate(
        self, dimensions: tuple[Dimension, ...], *, single: bool = False
    ) -> Callable[..., Any]:
        """The report's loop for these steps and *dimensions*, compiled once per routing.

        One pass, no function call per step, plain lists as counters. With no dimension, the
        cells are keyed by the manager id and hold a row for each of the account's managers
        and for no manager from the start: the lookup of the row is the known-manager step.
        With *single*, the function routes and counts one call and says where it went.
        """
        cards = self.cards
        namespace: dict[str, Any] = {
            "Call": Call,
            "not_a_call": not_a_call,
            "POSITION": POSITION,
            "INCOMING": Direction.INCOMING,
            "key_of": None if cards is None else cards.key_function,
            "find": None if cards is None else cards.find,
            "shared": {} if cards is None else cards.ambiguous,
            "now_utc": None if self.now is None else self.now.astimezone(UTC),
            "grace": self.grace,
            **{reason.name: reason for reason in Exclusion},
            "known": tuple(self.managers),
            "client_cards": CLIENT_CARDS,
            "reasons": tuple(step.reason for step in self.steps),
        }
        parts: tuple[Check | Dimension, ...] = (*self.steps, *dimensions)
        for part in parts:
            for name, value in part.names.items():
                if name in namespace:
                    msg = f"The name {name!r} of {part.name!r} is taken in the report's loop."
                    raise CallAnalyticsError(msg)
                namespace[name] = value
        bare = not dimensions
        tied = ("counts.ties += 1",) if single else ("ties += 1",)
        if single:
            head = ["def one(c, counts):", "    cells, excluded = counts.cells, counts.excluded"]
            body = self._body(dimensions, "    ", "return {reason}", "return reasons[{i}]", tied)
            lines = [*head, *body, "    return None"]
            label = "report loop, one call"
            name = "one"
        else:
            lines = [
                "def loop(calls, counts, seen):",
                "    cells, excluded, remember = counts.cells, counts.excluded, seen.add",
            ]
            if bare:
                lines += [
                    "    for manager_id in (None, *known):",
                    "        if manager_id not in cells:",
                    "            cells[manager_id] = [0, 0, 0, 0]",
                ]
            lines += [
                "    read = ties = 0",
                "    try:",
                "        for read, c in enumerate(calls, 1):",
                "            if c.__class__ is not Call and not isinstance(c, Call):",
                "                not_a_call(c)",
                *self._duplicate(),
                *self._body(dimensions, " " * 12, "continue", "continue", tied),
                "    finally:",
                "        counts.read += read",
                "        counts.ties += ties",
            ]
            label = "report loop"
            name = "loop"
        label += f" ({', '.join(d.name for d in dimensions) or 'no dimension'})"
        return generate("\n".join(lines) + "\n", name, namespace, label=label)

    def _duplicate(self) -> list[str]:
        """The lines of step 0 (R28), when duplicates are found: an id seen before is one."""
        if not self.duplicates:
            return []
        return [
            "            # 0. duplicate (R28)",
            "            if c.id in seen:",
            f"                excluded[{POSITION[Exclusion.DUPLICATE]}] += 1",
            "                continue",
            "            remember(c.id)",
        ]

    def _unmatched(self, unmatched: str) -> list[str]:
        """The lines of a call that matches no card (R8–R10), from the settings.

        :func:`~callanalytics._rules.matching.unmatched_reason` inline: without "now" no call
        is pending, and without Unsorted routing none is unsorted, so those tests go.
        """
        outcomes = []
        if self.now is not None:  # R9: younger than the grace window
            outcomes.append(("now_utc - c.started_at < grace", Exclusion.PENDING))
        if self.unsorted_incoming:  # R8, R10: an incoming telephony call
            outcomes.append(("c.direction is INCOMING and not c.via_app", Exclusion.UNSORTED))
        outcomes.append(("", Exclusion.NOT_SAVED))
        lines = []
        for i, (test, reason) in enumerate(outcomes):
            keyword = "if" if i == 0 else "elif"
            if test:
                lines.append(f"        {keyword} {test}:")
            elif i:
                lines.append("        else:")
            pad = "            " if test or i else "        "
            lines.append(f"{pad}excluded[{POSITION[reason]}] += 1")
            lines.append(f"{pad}{unmatched.format(reason=reason.name)}")
        return lines

    def _body(
        self,
        dimensions: tuple[Dimension, ...],
        pad: str,
        unmatched: str,
        failed: str,
        tied: tuple[str, ...],
    ) -> list[str]:
        """The lines that route and count the call ``c``, indented by *pad*.

        *unmatched* ends the call that matches no card, *failed* (with ``{i}``, the step's
        index) one that fails a step; *tied* are the statements for a call matched through a
        phone several cards share.
        """
        needs_entity = any(_USES_ENTITY.search(step.inline) for step in self.steps)
        bare = not dimensions
        incoming, outgoing = COUNTED.index("incoming"), COUNTED.index("outgoing")
        in_seconds = COUNTED.index("incoming_duration")
        out_seconds = COUNTED.index("outgoing_duration")
        lines = [
            "# 1. card (R6–R10)",
            "if c.card_id is None:",
            "    card = None",
            "    if key_of is not None:",
            "        phone_key = key_of(c.phone)",
            "        card = find(phone_key)",
            "    if card is None:",
            *self._unmatched(unmatched),
            "    if phone_key in shared:",
            *(f"        {statement}" for statement in tied),
            *(["    entity = card.entity_type"] if needs_entity else []),
            "elif c.entity_type not in client_cards:  # a lead's or a customer's (R6)",
            f"    excluded[{POSITION[Exclusion.OTHER_CARD]}] += 1",
            f"    {unmatched.format(reason='OTHER_CARD')}",
        ]
        if needs_entity:
            lines += ["else:", "    entity = c.entity_type"]
        for i, step in enumerate(self.steps):
            lines.append(f"# {i + 2}. {step.name} ({step.rule})")
            if step is self._known and bare:
                lines += ["row = cells.get(c.manager_id)", "if row is None:"]
            else:
                lines.append(f"if not ({step.inline}):")
            lines += [f"    excluded[{POSITION[step.reason]}] += 1", f"    {failed.format(i=i)}"]
        if not bare:
            values = "".join(f", {dimension.inline}" for dimension in dimensions)
            lines += [
                f"key = (c.manager_id{values})",
                "row = cells.get(key)",
                "if row is None:",
                "    row = cells[key] = [0, 0, 0, 0]",
            ]
        lines += [
            "if c.direction is INCOMING:",
            f"    row[{incoming}] += 1",
            f"    row[{in_seconds}] += c.duration",
            "else:",
            f"    row[{outgoing}] += 1",
            f"    row[{out_seconds}] += c.duration",
        ]
        return [pad + line for line in lines]

    # -----------------------------------------------------------------------------------------
    # Settings.

    def difference(self, other: Routing, *, ignore: Collection[str] = ()) -> str | None:
        """The first setting that differs from *other*'s, by name, or ``None``.

        The settings are ``managers``, ``filter``, ``cards``, ``now``, ``grace``,
        ``unsorted_incoming`` and ``duplicates``; those named in *ignore* are not compared.
        """
        if not isinstance(other, Routing):
            raise checks.type_error("other", "a Routing", other)
        mine, theirs = self.cards, other.cards
        same_cards = mine is theirs or (
            mine is not None
            and theirs is not None
            and mine.key_function is theirs.key_function
            and mine.by_key == theirs.by_key
        )
        same: tuple[tuple[str, Callable[[], bool]], ...] = (
            ("managers", lambda: dict(self.managers) == dict(other.managers)),
            ("filter", lambda: self.filter == other.filter),
            ("cards", lambda: same_cards),
            ("now", lambda: self.now == other.now),
            ("grace", lambda: self.grace == other.grace),
            ("unsorted_incoming", lambda: self.unsorted_incoming == other.unsorted_incoming),
            ("duplicates", lambda: self.duplicates == other.duplicates),
        )
        for name, equal in same:
            if name not in ignore and not equal():
                return name
        return None
