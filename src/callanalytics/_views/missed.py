"""Missed calls, callbacks, wait and service level, per manager (R31–R33, R38).

Which calls count is the routing spec's decision (:mod:`callanalytics._rules.routing`), the
same as the calls report's: the incoming calls the report counts are the ones that are missed
or answered here, and every other call given is accounted for with the report's reasons.
What followed a missed call is found by the callback pass (:mod:`callanalytics._rules.callbacks`).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, TypedDict, cast

import attrs

from callanalytics._engines.detect import is_frame
from callanalytics._kit import checks
from callanalytics._model.enums import Direction, EntityType, Exclusion, Id
from callanalytics._model.hms import ceil_average, format_hms
from callanalytics._model.models import Call, Card, Manager
from callanalytics._model.phone import PhoneKey, normalize_phone
from callanalytics._rules.callbacks import (
    ANSWERED_WITHIN,
    CALLBACK,
    CALLBACK_WITHIN,
    MISS,
    REACH,
    Event,
    Trace,
    check_answered,
    check_window,
    follow,
    in_order,
    sort_events,
)
from callanalytics._rules.matching import GRACE_WINDOW, CardIndex
from callanalytics._rules.routing import Routing
from callanalytics._views.explain import Explanation, explain_with
from callanalytics._views.i18n import check_lang, count_words, text
from callanalytics._views.report import sort_key
from callanalytics._views.table import align, manager_label

if TYPE_CHECKING:
    import pandas as pd
    from narwhals.typing import IntoFrame

    from callanalytics._rules.filter import Filter

__all__ = [
    "Miss",
    "MissState",
    "MissedCalls",
    "MissedFigures",
    "MissedRecord",
    "MissedRow",
    "missed_calls",
]

MissState = Literal["reached", "open", "lost"]
"""What became of a missed call: the client was reached, not yet, or given up (R32)."""

_PASSED: Final = frozenset({Exclusion.DUPLICATE, Exclusion.UNKNOWN_MANAGER})
"""The reasons of calls that cannot call back nor reach anyone: a call counted already, and
another account's call (R13)."""


@attrs.frozen
class MissedFigures:
    """The figures of missed calls, callbacks and answer times of a manager or a total.

    Attributes:
        incoming: Incoming calls counted (the calls report's incoming): answered + missed.
        answered: Incoming calls answered (R31).
        missed: Incoming calls not answered (R31).
        called_back: Missed calls followed by an outgoing call to the client (R32).
        called_back_in_time: Of those, called back within the window (``within``).
        reached: Missed calls after which the client was reached, in either direction.
        open: Missed calls not reached and not given up.
        lost: Missed calls not reached for longer than the give-up window, as of "now".
        median_callback: The median time to callback in seconds, ``None`` with none.
        waited: Answered calls whose answer time (``Call.wait``) is known (R33).
        no_wait: Answered calls without an answer time: not in the wait nor the service level.
        answered_within: Answered calls answered within the service level's threshold.
        average_wait: The average answer time in whole seconds, rounded up (as R15).
        median_wait: The median answer time in seconds.
        service_level: ``answered_within / waited``, ``None`` when no wait is known.
    """

    incoming: int = 0
    answered: int = 0
    missed: int = 0
    called_back: int = 0
    called_back_in_time: int = 0
    reached: int = 0
    open: int = 0
    lost: int = 0
    median_callback: float | None = None
    waited: int = 0
    no_wait: int = 0
    answered_within: int = 0
    average_wait: int | None = None
    median_wait: float | None = None
    service_level: float | None = None


FIGURES: Final = tuple(field.name for field in attrs.fields(MissedFigures))
"""The names of the figures, in order."""


@attrs.frozen
class MissedRow(MissedFigures):
    """One manager's row: the manager and the figures of the missed calls credited to them."""

    manager: Manager = attrs.field(kw_only=True)


@attrs.frozen
class Miss:
    """One missed call and what followed it (R32).

    Attributes:
        call: The missed call as the report sees it (attached to its card when matched).
        manager: The manager it is credited to, or ``None`` (no manager, no card's).
        by_card: Whether it is credited to its card's responsible manager (it has none).
        callback: The first outgoing call to the client after it, before the client was
            reached; ``None`` if it was not called back.
        reached_by: The first answered call with the client after it, in either direction.
        state: ``"reached"``, ``"open"`` or ``"lost"`` (given up).
        in_time: Whether it was called back within the window.
        age: How long before "now" it started (``None`` without "now").
    """

    call: Call
    manager: Manager | None
    by_card: bool
    callback: Call | None
    reached_by: Call | None
    state: MissState
    in_time: bool
    age: timedelta | None

    @property
    def callback_after(self) -> timedelta | None:
        """The time from the missed call to its callback (R32), or ``None``."""
        return None if self.callback is None else _after(self.call, self.callback)

    @property
    def reached_after(self) -> timedelta | None:
        """The time from the missed call to the call that reached the client, or ``None``."""
        return None if self.reached_by is None else _after(self.call, self.reached_by)


def _after(first: Call, then: Call) -> timedelta:
    """The time between two starts, as instants (two datetimes of one zone subtract walls)."""
    return then.started_at.astimezone(UTC) - first.started_at.astimezone(UTC)


class _Sums:
    """The running figures of a row, before medians and shares are taken."""

    __slots__ = (
        "answered",
        "callbacks",
        "in_time",
        "lost",
        "missed",
        "no_wait",
        "open",
        "reached",
        "waits",
    )

    def __init__(self) -> None:
        self.answered = self.missed = self.in_time = self.reached = 0
        self.open = self.lost = self.no_wait = 0
        self.callbacks: list[float] = []
        self.waits: Counter[int] = Counter()

    def merge(self, other: _Sums) -> None:
        self.answered += other.answered
        self.missed += other.missed
        self.in_time += other.in_time
        self.reached += other.reached
        self.open += other.open
        self.lost += other.lost
        self.no_wait += other.no_wait
        self.callbacks += other.callbacks
        self.waits.update(other.waits)

    def figures(self, answer_within: timedelta) -> dict[str, Any]:
        waited = sum(self.waits.values())
        within = sum(n for wait, n in self.waits.items() if wait <= answer_within.total_seconds())
        return {
            "incoming": self.answered + self.missed,
            "answered": self.answered,
            "missed": self.missed,
            "called_back": len(self.callbacks),
            "called_back_in_time": self.in_time,
            "reached": self.reached,
            "open": self.open,
            "lost": self.lost,
            "median_callback": (
                float(statistics.median(self.callbacks)) if self.callbacks else None
            ),
            "waited": waited,
            "no_wait": self.no_wait,
            "answered_within": within,
            "average_wait": (
                ceil_average(sum(w * n for w, n in self.waits.items()), waited) if waited else None
            ),
            "median_wait": float(statistics.median(self.waits.elements())) if waited else None,
            "service_level": within / waited if waited else None,
        }


class MissedRecord(TypedDict):
    """One line of :meth:`MissedCalls.to_dicts`: the keys are stable English identifiers."""

    kind: Literal["manager", "total", "unassigned"]
    manager_id: Id | None
    manager: str
    group: str | None
    active: bool | None
    incoming: int
    answered: int
    missed: int
    called_back: int
    called_back_in_time: int
    reached: int
    open: int
    lost: int
    median_callback: float | None
    waited: int
    no_wait: int
    answered_within: int
    average_wait: int | None
    median_wait: float | None
    service_level: float | None


RECORD_FIELDS: Final = tuple(MissedRecord.__annotations__)

_COLUMNS: Final = (
    "incoming",
    "answered",
    "missed",
    "called_back",
    "called_back_in_time",
    "reached",
    "open",
    "lost",
    "median_callback",
    "average_wait",
    "service_level",
    "no_wait",
)
"""The figures the table shows, in order."""


def _cell(name: str, figures: MissedFigures) -> str:
    value = getattr(figures, name)
    if value is None:
        return "—"
    if name == "median_callback":
        return format_hms(math.floor(value + 0.5))
    if name == "average_wait":
        return format_hms(value)
    if name == "service_level":
        return f"{value * 100:.1f}%"
    return str(value)


@attrs.frozen
class MissedCalls:
    """Missed calls and callbacks (R31, R32), wait and service level (R33), every call kept (R38).

    Build it with :func:`missed_calls`.

    Attributes:
        rows: One row per manager, as the calls report's rows (by name, then id).
        unassigned: The missed calls credited to nobody (no manager, no card's), and the
            answered calls of no manager.
        total: The rows and the unassigned line together: every incoming call counted.
        outgoing: The outgoing calls the calls report counts (not missed, nor answered).
        excluded: The calls the calls report leaves out, by reason: every reason is a key.
        calls: How many calls were given:
            ``total.incoming + outgoing + sum(excluded.values()) == calls``.
        misses: Every missed call and what followed it, in the order of their start.
        within: The window of "called back in time".
        give_up: The give-up window, or ``None`` (never given up).
        answer_within: The service level's threshold.
        routing: The account's settings and the routing steps the calls went through.
        key: The phone key function a missed call and its callback are matched by (R7).
    """

    rows: tuple[MissedRow, ...]
    unassigned: MissedFigures
    total: MissedFigures
    outgoing: int
    excluded: Mapping[Exclusion, int]
    calls: int
    misses: tuple[Miss, ...] = attrs.field(repr=False)
    within: timedelta = attrs.field(repr=False)
    give_up: timedelta | None = attrs.field(repr=False)
    answer_within: timedelta = attrs.field(repr=False)
    routing: Routing = attrs.field(repr=False, eq=False)
    key: PhoneKey = attrs.field(repr=False, eq=False)
    """The phone key the calls were matched by (R7)."""
    _index: Mapping[str, Miss] = attrs.field(init=False, repr=False, eq=False)
    """The missed calls by id (the first of an id given twice with ``duplicates=False``)."""

    def __attrs_post_init__(self) -> None:
        index: dict[str, Miss] = {}
        for miss in self.misses:
            index.setdefault(miss.call.id, miss)
        object.__setattr__(self, "_index", index)

    @property
    def now(self) -> datetime | None:
        """The "now" the missed calls are seen from."""
        return self.routing.now

    def row(self, manager_id: Id) -> MissedRow:
        """The row of *manager_id*; :class:`LookupError` if there is none."""
        for row in self.rows:
            if checks.equal(row.manager.id, manager_id):  # pd.NA: no match, no error
                return row
        from callanalytics.exceptions import UnknownManagerError

        raise UnknownManagerError.from_parts(
            "'manager_id' has no row in the missed calls (got {value}).",
            value=checks.shown(manager_id),
        )

    def miss(self, call: Call | str) -> Miss | None:
        """The missed call *call* (a call or its id) and what followed it, or ``None``."""
        ident = call.id if isinstance(call, Call) else checks.text(call, "call", "a Call or an id")
        return self._index.get(ident)

    def __iter__(self) -> Iterator[MissedRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    # -----------------------------------------------------------------------------------------
    # Views.

    def explain(self, call: Call, *, lang: str = "en") -> Explanation:
        """What happened after *call*, if it is a missed call; why it is not one otherwise.

        The sentence says who called back and how long after, whether the client was
        reached, and how long it has been open or when it was given up (R32).
        """
        lang = check_lang(lang)
        if not isinstance(call, Call):
            raise checks.type_error("call", "a Call", call)
        miss = self.miss(call.id)
        if miss is not None:
            return Explanation(miss.call, True, None, True, _story(self, miss, lang))
        answer = explain_with(self.routing, call, lang=lang)
        if answer.reason is None:
            kind = "outgoing" if answer.call.direction is Direction.OUTGOING else "answered"
            return attrs.evolve(answer, text=text(f"missed.explain.{kind}", lang))
        return answer

    def to_dicts(self, *, lang: str | None = None) -> list[MissedRecord]:
        """The rows, then the total and the unassigned line, as plain records (``kind``)."""
        language = "en" if lang is None else check_lang(lang)
        records: list[MissedRecord] = []

        def record(kind: str, figures: MissedFigures, label: str, manager: Manager | None) -> None:
            line: dict[str, Any] = {
                "kind": kind,
                "manager_id": None if manager is None else manager.id,
                "manager": label,
                "group": None if manager is None else manager.group,
                "active": None if manager is None else manager.active,
            }
            line.update((name, getattr(figures, name)) for name in FIGURES)
            records.append(cast("MissedRecord", line))

        for row in self.rows:
            record("manager", row, row.manager.name, row.manager)
        record("total", self.total, text("total", language), None)
        record("unassigned", self.unassigned, text("unassigned", language), None)
        return records

    def to_pandas(self, *, lang: str | None = None) -> pd.DataFrame:
        """The records of :meth:`to_dicts` as a ``pandas.DataFrame`` (extra ``pandas``).

        Counts are ``int64``, medians and the service level ``float64`` (NaN for none), the
        average wait the nullable ``Int64``.
        """
        records = self.to_dicts(lang=lang)
        try:
            import pandas as pd
        except ImportError:
            raise checks.missing_extra("to_pandas()", "pandas", "pandas") from None
        frame = pd.DataFrame.from_records(records, columns=list(RECORD_FIELDS))
        dtypes = dict.fromkeys(FIGURES, "int64")
        dtypes.update(
            median_callback="float64",
            median_wait="float64",
            service_level="float64",
            average_wait="Int64",
            active="boolean",
        )
        ids = [r["manager_id"] for r in records if r["manager_id"] is not None]
        dtypes["manager_id"] = "Int64" if all(isinstance(i, int) for i in ids) else "object"
        return frame.astype(dtypes)

    def _cells(self, lang: str) -> tuple[list[str], list[list[str]], int]:
        header = [text("manager", lang), *(text(f"missed.column.{c}", lang) for c in _COLUMNS)]
        body = [
            [manager_label(row.manager, lang), *(_cell(c, row) for c in _COLUMNS)]
            for row in self.rows
        ]
        for label, figures in (("total", self.total), ("unassigned", self.unassigned)):
            body.append([text(label, lang), *(_cell(c, figures) for c in _COLUMNS)])
        return header, body, len(self.rows)

    def summary(self, *, lang: str = "en") -> str:
        """The settings and where every call given went (R38), in one line of *lang*."""
        lang = check_lang(lang)
        settings = text(
            "missed.settings",
            lang,
            within=_words(self.within.total_seconds(), lang),
            answer_within=_words(self.answer_within.total_seconds(), lang),
        )
        if self.give_up is not None:
            settings += text(
                "missed.settings.give_up", lang, give_up=_words(self.give_up.total_seconds(), lang)
            )
        if self.now is not None:
            settings += text("missed.settings.now", lang, now=self.now.isoformat(" "))
        line = f"{text('calls', lang, count=self.calls)}; "
        line += text("missed.outgoing", lang, count=self.outgoing)
        excluded = [
            f"{text(f'reason.{reason.value}', lang)}: {count}"
            for reason, count in self.excluded.items()
            if count
        ]
        if excluded:
            line += f"; {text('excluded', lang)}: {sum(self.excluded.values())} ("
            line += ", ".join(excluded) + ")"
        return f"{settings}.\n{line}"

    def table(self, *, lang: str = "en") -> str:
        """The rows, total and unassigned line as an aligned text table in *lang*."""
        lang = check_lang(lang)
        header, body, rows = self._cells(lang)
        lines = [text("missed.title", lang), "", *align(header, body, rows, lang)]
        return "\n".join([*lines, "", self.summary(lang=lang)])

    def __str__(self) -> str:
        return self.table()

    def to_html(self, *, lang: str = "en") -> str:
        """The table as HTML: figures right-aligned, the summary as its caption; names escaped."""
        from html import escape

        lang = check_lang(lang)
        header, body, rows = self._cells(lang)
        cell = "padding: 2px 8px;"

        def line(cells: list[str], tag: str, style: str = "") -> str:
            parts = [
                f'<{tag} style="text-align: {"left" if i == 0 else "right"}; {cell}">'
                f"{escape(value)}</{tag}>"
                for i, value in enumerate(cells)
            ]
            shown = f' style="{style}"' if style else ""
            return f"<tr{shown}>{''.join(parts)}</tr>"

        caption = escape(self.summary(lang=lang)).replace("\n", "<br>")
        lines = [
            '<table class="callanalytics-missed" style="border-collapse: collapse; '
            'font-variant-numeric: tabular-nums;">',
            f'<caption style="caption-side: bottom; text-align: left;">{caption}</caption>',
            f"<thead>{line(header, 'th')}</thead>",
            "<tbody>",
            *(line(cells, "td") for cells in body[:rows]),
            line(body[rows], "td", "border-top: 2px solid currentColor; font-weight: bold;"),
            line(body[rows + 1], "td", "font-style: italic;"),
            "</tbody>",
            "</table>",
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.to_html()


def _words(seconds: float, lang: str) -> str:
    """A span of time in words, in its one or two largest units: "1 hour 5 minutes"."""
    whole = max(int(seconds), 0)
    if whole < 60:
        return count_words(whole, "second", lang)
    units = (("day", 86400), ("hour", 3600), ("minute", 60))
    for i, (unit, size) in enumerate(units):
        if whole >= size:
            words = count_words(whole // size, unit, lang)
            if i < len(units) - 1:
                smaller, smaller_size = units[i + 1]
                rest = whole % size // smaller_size
                if rest:
                    words += " " + count_words(rest, smaller, lang)
            return words
    raise AssertionError(whole)  # pragma: no cover - every span of a minute or more has a unit


def _who(missed: MissedCalls, call: Call, lang: str) -> str:
    if call.manager_id is None:
        return text("missed.by_nobody", lang)
    return missed.routing.managers[call.manager_id].name


def _story(missed: MissedCalls, miss: Miss, lang: str) -> str:
    """The sentences of :meth:`MissedCalls.explain` for a missed call."""
    call = miss.call
    manager = text("unassigned", lang) if miss.manager is None else miss.manager.name
    if call.phone:
        source = text("missed.source", lang, phone=call.phone)
    else:
        source = text("missed.source.none", lang)
    started = call.started_at.isoformat(" ")
    head = "missed.explain.head.card" if miss.by_card else "missed.explain.head"
    sentences = [text(head, lang, source=source, started=started, manager=manager)]
    if not missed.key(call.phone):
        sentences.append(text("missed.explain.no_phone", lang))
    within = _words(missed.within.total_seconds(), lang)
    if miss.callback is not None:
        after = _words(_after(call, miss.callback).total_seconds(), lang)
        key = "missed.explain.called_back" if miss.in_time else "missed.explain.called_back.late"
        sentences.append(
            text(key, lang, by=_who(missed, miss.callback, lang), after=after, within=within)
        )
    else:
        sentences.append(text("missed.explain.not_called_back", lang))
    if miss.reached_by is not None:
        if miss.reached_by is miss.callback:
            sentences.append(text("missed.explain.reached.callback", lang))
        else:
            after = _words(_after(call, miss.reached_by).total_seconds(), lang)
            by = _who(missed, miss.reached_by, lang)
            key = (
                "missed.explain.reached.again"
                if miss.reached_by.direction is Direction.INCOMING
                else "missed.explain.reached.later"
            )
            sentences.append(text(key, lang, after=after, by=by))
    elif miss.age is None:
        sentences.append(text("missed.explain.open.no_now", lang))
    elif miss.state == "lost":
        assert missed.give_up is not None
        give_up = _words(missed.give_up.total_seconds(), lang)
        sentences.append(
            text(
                "missed.explain.lost",
                lang,
                age=_words(miss.age.total_seconds(), lang),
                give_up=give_up,
            )
        )
    else:
        sentences.append(
            text("missed.explain.open", lang, age=_words(miss.age.total_seconds(), lang))
        )
    return " ".join(sentences)


def missed_calls(
    calls: Iterable[Call] | IntoFrame,
    managers: Iterable[Manager],
    *,
    cards: Iterable[Card] | CardIndex | IntoFrame | None = None,
    filter: Filter | None = None,
    now: datetime | None = None,
    within: timedelta = CALLBACK_WITHIN,
    answered: Any = None,
    give_up: timedelta | None = None,
    answer_within: timedelta = ANSWERED_WITHIN,
    ordered: bool = False,
    grace: timedelta = GRACE_WINDOW,
    unsorted_incoming: bool = True,
    key: PhoneKey = normalize_phone,
    duplicates: bool = True,
    columns: Mapping[str, str] | None = None,
) -> MissedCalls:
    """Missed calls and callbacks per manager (R31, R32), wait and service level (R33).

    The calls counted are the calls report's (the same routing, the same arguments); its
    incoming calls are answered (*answered*, by default R31) or missed. A missed call from
    the phone key K at t is called back by the first outgoing call to K at or after t, and
    reached by the first answered call with K at or after t, in either direction. Callbacks
    are looked for among all the calls given, whatever the filter: a missed call of Anna's
    this week called back by Boris next week was called back.

    *calls* are read in their order and then sorted by start (``O(n log n)`` time, the
    calls in memory); with ``ordered=True`` they must come in the order of their start and
    are read as a stream, holding only the missed calls not reached yet. A data frame is
    checked as :func:`build_report` checks one, then read row by row (extra ``frames``).

    A missed call with no manager is credited to its card's responsible manager (R32): the
    card is looked up in *cards*; a prebuilt :class:`CardIndex` knows only cards with a phone.

    >>> from datetime import datetime, timezone
    >>> at = lambda minute: datetime(2026, 11, 2, 9, minute, tzinfo=timezone.utc)
    >>> calls = [Call("m", "inbound", at(0), 0, phone="+7 912 345-67-89", manager_id=1,
    ...               card_id=5, entity_type="contacts"),
    ...          Call("b", "outbound", at(7), 95, phone="89123456789", manager_id=2,
    ...               card_id=5, entity_type="contacts")]
    >>> missed = missed_calls(calls, [Manager(1, "Anna"), Manager(2, "Boris")])
    >>> row = missed.row(1)
    >>> row.missed, row.called_back, row.called_back_in_time, row.reached, row.median_callback
    (1, 1, 1, 1, 420.0)
    >>> print(missed.explain(calls[0]).text)  # doctest: +NORMALIZE_WHITESPACE
    A missed incoming call from +7 912 345-67-89 at 2026-11-02 09:00:00+00:00, counted under
    Anna. Called back by Boris after 7 minutes, in time (within 15 minutes). The callback was
    answered: the client was reached.
    """
    window = cast("timedelta", check_window(within, "within"))
    giving_up = check_window(give_up, "give_up", optional=True)
    threshold = cast("timedelta", check_window(answer_within, "answer_within"))
    rule = check_answered(answered)
    streamed = checks.flag(ordered, "ordered")
    if is_frame(cards):
        from callanalytics._engines.frames import cards_of_frame

        cards = cards_of_frame(cards)
    if is_frame(calls):
        from callanalytics._engines.frames import calls_of_frame

        calls = calls_of_frame(calls, columns=columns)
    elif columns is not None:
        raise checks.value_error("columns", "be None unless 'calls' is a data frame", columns)
    if cards is not None and not isinstance(cards, CardIndex):
        if isinstance(cards, Card | str | bytes):
            raise checks.type_error("cards", "an iterable of Card", cards)
        cards = list(checks.iterable(cards, "cards", "Card"))
    routing = Routing(
        managers,
        cards=cast("Iterable[Card] | CardIndex | None", cards),
        filter=filter,
        now=now,
        grace=grace,
        unsorted_incoming=unsorted_incoming,
        key=key,
        duplicates=duplicates,
    )
    index = routing.cards
    owners: dict[tuple[EntityType, Id], Id | None] = {}
    if index is not None:
        known: Iterable[Card] = (
            cards
            if isinstance(cards, list)
            else [
                *index.by_key.values(),
                *(card for group in index.ambiguous.values() for card in group),
            ]
        )
        owners = {card.key: card.manager_id for card in known}
    phone_key = key if index is None else index.key_function
    if not callable(phone_key):
        raise checks.type_error("key", "a callable str -> str", phone_key)
    excluded = dict.fromkeys(Exclusion, 0)
    sums: dict[Id | None, _Sums] = {}
    active_ids: set[Id | None] = set()
    traces: list[Trace] = []
    counter = [0, 0]  # calls read, outgoing calls counted
    now_utc = None if routing.now is None else routing.now.astimezone(UTC)

    def sums_of(manager_id: Id | None) -> _Sums:
        found = sums.get(manager_id)
        if found is None:
            found = sums[manager_id] = _Sums()
        return found

    def events() -> Iterator[Event]:
        seen: set[str] | None = set() if routing.duplicates else None
        for given in checks.iterable(calls, "calls", "Call"):
            counter[0] += 1
            route = routing.route(given, seen)
            call, reason = route.call, route.reason
            if reason is not None:
                excluded[reason] += 1
                if reason in _PASSED:
                    continue
            start = call.started_at.astimezone(UTC)
            incoming = call.direction is Direction.INCOMING
            talked = rule(call)
            if reason is None:
                active_ids.add(call.manager_id)
                if not incoming:
                    counter[1] += 1
                elif talked:
                    row = sums_of(call.manager_id)
                    row.answered += 1
                    if call.wait is None:
                        row.no_wait += 1
                    else:
                        row.waits[call.wait] += 1
                else:
                    credited, by_card = call.manager_id, False
                    if credited is None:
                        card = route.card
                        owner = (
                            card.manager_id
                            if card is not None
                            else owners.get(cast("tuple[EntityType, Id]", call.card_key))
                        )
                        if owner is not None and owner in routing.managers:
                            credited, by_card = owner, True
                    trace = Trace(call, start, phone_key(call.phone), credited, by_card)
                    traces.append(trace)
                    yield (start, MISS, call.id, call, trace.key, trace, False)
                    continue
            if now_utc is not None and start > now_utc:
                continue  # as of now, a later call has not happened yet
            if not incoming:
                yield (start, CALLBACK, call.id, call, phone_key(call.phone), None, talked)
            elif talked:
                yield (start, REACH, call.id, call, phone_key(call.phone), None, True)

    follow(in_order(events()) if streamed else sort_events(events()))
    traces.sort(key=lambda trace: (trace.start, trace.call.id))
    misses = []
    for trace in traces:
        row = sums_of(cast("Id | None", trace.manager_id))
        row.missed += 1
        in_time = False
        if trace.callback is not None:
            after = _after(trace.call, trace.callback)
            row.callbacks.append(after.total_seconds())
            in_time = after <= window
            row.in_time += in_time
        age = None if now_utc is None else max(now_utc - trace.start, timedelta(0))
        state: MissState
        if trace.reached_by is not None:
            state = "reached"
            row.reached += 1
        elif age is not None and giving_up is not None and age > giving_up:
            state = "lost"
            row.lost += 1
        else:
            state = "open"
            row.open += 1
        manager = routing.managers.get(cast("Id", trace.manager_id))
        misses.append(
            Miss(
                trace.call,
                manager,
                trace.by_card,
                trace.callback,
                trace.reached_by,
                state,
                in_time,
                age,
            )
        )
    selected = None if routing.filter is None else routing.filter.manager_ids
    rows = []
    everyone = _Sums()
    for manager in sorted(routing.managers.values(), key=sort_key):
        if selected is not None:
            shown = manager.id in selected  # R20: the rows of the managers selected
        else:
            shown = manager.active or manager.id in active_ids or manager.id in sums
        if shown:
            row_sums = sums.get(manager.id, _Sums())
            everyone.merge(row_sums)
            rows.append(MissedRow(**row_sums.figures(threshold), manager=manager))
    unassigned = sums.get(None, _Sums())
    everyone.merge(unassigned)
    return MissedCalls(
        rows=tuple(rows),
        unassigned=MissedFigures(**unassigned.figures(threshold)),
        total=MissedFigures(**everyone.figures(threshold)),
        outgoing=counter[1],
        excluded=MappingProxyType(excluded),
        calls=counter[0],
        misses=tuple(misses),
        within=window,
        give_up=giving_up,
        answer_within=threshold,
        routing=routing,
        key=phone_key,
    )
