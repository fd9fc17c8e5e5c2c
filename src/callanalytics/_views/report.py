"""The calls report: rows, total, average, unassigned and exclusions (R11–R17, R23–R26)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import attrs

from callanalytics._aggregate.tally import POSITION, ZERO, Accumulator, Figures, Tally
from callanalytics._kit import checks
from callanalytics._model.enums import Direction, Exclusion
from callanalytics._model.hms import ceil_average
from callanalytics._model.models import Call, Card, Id, Manager, managers_by_id, not_a_call
from callanalytics._model.phone import PhoneKey, normalize_phone
from callanalytics._model.tariffs import PROFESSIONAL, Tariff, require
from callanalytics._rules.matching import (
    GRACE_WINDOW,
    CardIndex,
    as_index,
    attach,
    check_grace,
    check_unsorted_incoming,
    newest_first,
    unmatched_reason,
)
from callanalytics.exceptions import (
    CallAnalyticsError,
    InvalidTypeError,
    InvalidValueError,
    UnknownManagerError,
)

if TYPE_CHECKING:
    from callanalytics._rules.filter import Filter

__all__ = ["CallsReport", "Chart", "ChartBar", "Pipeline", "Row", "build_report", "events_list"]


@attrs.frozen
class Row(Figures):
    """One manager's row of the report (R12): the manager and the six figures."""

    manager: Manager = attrs.field(kw_only=True)


def _sort_key(manager: Manager) -> tuple[str, bool, int | str]:
    """Rows are ordered by manager name, then id (ints before strings)."""
    return (manager.name, isinstance(manager.id, str), manager.id)


def _check_filter(value: object) -> Filter | None:
    from callanalytics._rules.filter import Filter

    if value is not None and not isinstance(value, Filter):
        msg = f"'filter' must be a Filter or None (got {value!r} of type {type(value).__name__})."
        raise InvalidTypeError(msg)
    return value


class Pipeline:
    """Everything that decides where one call goes: matching, managers, filters (R6–R22).

    The report, :func:`explain` and the incremental :meth:`CallsReport.add` share it, so the
    reasons they give are the same by construction.
    """

    __slots__ = (
        "_loop",
        "cards",
        "filter",
        "grace",
        "managers",
        "now",
        "unsorted_incoming",
    )

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
    ) -> None:
        if isinstance(managers, Manager | str | bytes):
            msg = f"'managers' must be an iterable of Manager (got {managers!r})."
            raise InvalidTypeError(msg)
        self.managers: Mapping[Id, Manager] = MappingProxyType(managers_by_id(managers))
        self.filter = _check_filter(filter)
        if self.filter is not None:
            unknown = self.filter.unknown_managers(self.managers)
            if unknown:
                listed = ", ".join(repr(m) for m in sorted(unknown, key=str))
                msg = f"'manager_ids' must be managers of the account (got unknown {listed})."
                raise UnknownManagerError(msg)
        self.cards: CardIndex | None = None if cards is None else as_index(cards, key)
        self.now = None if now is None else checks.moment(now, "now")
        self.grace = check_grace(grace)
        self.unsorted_incoming = check_unsorted_incoming(unsorted_incoming)
        tests, env = ([], {}) if self.filter is None else self.filter.conditions()
        self._loop = _generate_loop(self, tests, env)

    def difference(self, other: Pipeline, *, ignore: Collection[str] = ()) -> str | None:
        """The first setting that differs from *other*'s, by name, or ``None``.

        The settings are ``managers``, ``filter``, ``cards``, ``now``, ``grace`` and
        ``unsorted_incoming``; those named in *ignore* are not compared.
        """
        mine, theirs = self.cards, other.cards
        same_cards = mine is theirs or (
            mine is not None
            and theirs is not None
            and mine.key_function is theirs.key_function
            and mine.by_key == theirs.by_key
        )
        checks: tuple[tuple[str, Callable[[], bool]], ...] = (
            ("managers", lambda: dict(self.managers) == dict(other.managers)),
            ("filter", lambda: self.filter == other.filter),
            ("cards", lambda: same_cards),
            ("now", lambda: self.now == other.now),
            ("grace", lambda: self.grace == other.grace),
            ("unsorted_incoming", lambda: self.unsorted_incoming == other.unsorted_incoming),
        )
        for name, same in checks:
            if name not in ignore and not same():
                return name
        return None

    def route(self, call: Call) -> tuple[Call, Exclusion | None]:
        """The call as the report sees it (attached to its card if matched) and its exclusion.

        The reason comes from running the report's own loop on this one call, so it is the
        reason the report counts the call under, by construction.
        """
        if not isinstance(call, Call):
            msg = f"'calls' must hold Call objects (got {call!r} of type {type(call).__name__})."
            raise InvalidTypeError(msg)
        tally = self.tally((call,))
        reason = next(iter(tally.excluded), None)
        if call.card_id is None and self.cards is not None:
            card = self.cards.lookup(call.phone)
            if card is not None:
                call = attach(call, card)
        return call, reason

    def tally(self, calls: Iterable[Call]) -> Tally:
        """Route every call once and count it (R11). *calls* is consumed once, never copied."""
        items = iter(checks.iterable(calls, "calls", "Call"))
        acc = Accumulator()
        self._loop(items, acc)
        tally = acc.to_tally()
        if tally.calls != acc.read:  # every call read is counted or excluded, exactly once
            msg = f"The report lost calls: read {acc.read}, accounted for {tally.calls}."
            raise CallAnalyticsError(msg)
        return tally


# The report loop, generated once per pipeline with the filter's conditions inline (see
# Filter.conditions): one pass, no function call per filter, plain lists as counters. A call
# matched by phone is not copied: only its card's entity type is needed, as `entity`.
_LOOP = """
def loop(calls, acc):
    by_manager, unassigned, excluded = acc.by_manager, acc.unassigned, acc.excluded
    read = ties = 0
    try:
        for c in calls:
            read += 1
            if c.__class__ is not Call and not isinstance(c, Call):
                not_a_call(c)
            if c.card_id is None:
                card = None
                if key_of is not None:
                    phone_key = key_of(c.phone)
                    card = find(phone_key)
                if card is None:
                    reason = unmatched_reason(
                        c, now=now, grace=grace, unsorted_incoming=unsorted_incoming
                    )
                    excluded[POSITION[reason]] += 1
                    continue
                if phone_key in shared:
                    ties += 1
                entity = card.entity_type
            else:
                entity = @ENTITY@
            manager_id = c.manager_id
            if manager_id is not None and manager_id not in known:
                excluded[@UNKNOWN_MANAGER@] += 1
                continue
@FILTERS@
            if manager_id is None:
                row = unassigned
            else:
                row = by_manager.get(manager_id)
                if row is None:
                    row = by_manager[manager_id] = [0, 0, 0, 0]
            if c.direction is INCOMING:
                row[0] += 1
                row[2] += c.duration
            else:
                row[1] += 1
                row[3] += c.duration
    finally:
        acc.read, acc.ties = read, ties
"""


def _generate_loop(
    pipeline: Pipeline, tests: list[tuple[str, str]], env: dict[str, object]
) -> Callable[[Iterable[Call], Accumulator], None]:
    lines = []
    for reason, test in tests:
        lines.append(f"            if not ({test}):")
        lines.append(f"                excluded[{POSITION[Exclusion[reason]]}] += 1")
        lines.append("                continue")
    uses_entity = any(reason == Exclusion.ENTITY.name for reason, _ in tests)
    source = (
        _LOOP.replace("@FILTERS@", "\n".join(lines))
        .replace("@UNKNOWN_MANAGER@", str(POSITION[Exclusion.UNKNOWN_MANAGER]))
        .replace("@ENTITY@", "c.entity_type" if uses_entity else "None")
    )
    cards = pipeline.cards
    namespace: dict[str, object] = {
        **env,
        "Call": Call,
        "not_a_call": not_a_call,
        "POSITION": POSITION,
        "INCOMING": Direction.INCOMING,
        "unmatched_reason": unmatched_reason,
        "key_of": None if cards is None else cards.key_function,
        "find": None if cards is None else cards.by_key.get,
        "shared": {} if cards is None else cards.ambiguous,
        "known": pipeline.managers,
        "now": pipeline.now,
        "grace": pipeline.grace,
        "unsorted_incoming": pipeline.unsorted_incoming,
    }
    exec(compile(source, "<callanalytics report loop>", "exec"), namespace)
    loop: Callable[[Iterable[Call], Accumulator], None] = namespace["loop"]  # type: ignore[assignment]
    return loop


@attrs.frozen
class ChartBar:
    """One manager's bar of the graph (R17): counts and durations next to the average."""

    manager: Manager
    incoming: int
    outgoing: int
    count: int
    incoming_duration: int
    outgoing_duration: int
    duration: int


@attrs.frozen
class Chart:
    """The data of the report's graph (R17): a bar per manager and the company average.

    ``average_count`` and ``average_duration`` are the report's average total count and total
    duration (R15), so each bar compares with the same line the table shows.
    """

    bars: tuple[ChartBar, ...]
    average_count: int
    average_duration: int

    def ratio(self, bar: ChartBar, metric: Literal["count", "duration"] = "count") -> float | None:
        """*bar*'s count (or duration) as a multiple of the average; ``None`` if it is zero."""
        if metric == "count":
            value, average = bar.count, self.average_count
        elif metric == "duration":
            value, average = bar.duration, self.average_duration
        else:
            msg = f"'metric' must be 'count' or 'duration' (got {metric!r})."
            raise InvalidValueError(msg)
        return None if average == 0 else value / average


def _average(total: Figures, rows: int) -> Figures:
    """Each total divided by the number of rows, rounded up (R15); zero with no rows."""
    return Figures(*(ceil_average(value, rows) for value in total.as_tuple()))


@attrs.frozen
class CallsReport:
    """The calls report (R12–R17). Build it with :func:`build_report`.

    Attributes:
        rows: One row per manager, by name then id (R12).
        total: The sums of the rows (R14).
        average: Each total divided by the number of rows, rounded up (R15).
        unassigned: Calls with no manager, shown apart; not in total nor average (R13).
        excluded: How many calls are not in the report, by reason; every reason is a key.
        calls: How many calls the report was given (R11):
            ``total.total + unassigned.total + sum(excluded.values()) == calls``.
        tally: The raw, mergeable figures the report is made of.
        tariff: The tariff the report was built for.
    """

    rows: tuple[Row, ...]
    total: Figures
    average: Figures
    unassigned: Figures
    excluded: Mapping[Exclusion, int]
    calls: int
    tally: Tally = attrs.field(repr=False)
    tariff: Tariff = attrs.field(repr=False)
    _pipeline: Pipeline = attrs.field(repr=False, eq=False, alias="pipeline")

    @classmethod
    def from_tally(cls, tally: Tally, pipeline: Pipeline, tariff: Tariff) -> CallsReport:
        """The report of *tally* for the account and filters of *pipeline*."""
        managers = pipeline.managers
        selected = None if pipeline.filter is None else pipeline.filter.manager_ids
        rows = []
        for manager in sorted(managers.values(), key=_sort_key):
            figures = tally.by_manager.get(manager.id)
            if selected is not None:
                shown = manager.id in selected  # R20: the rows of the managers selected
            else:
                shown = manager.active or figures is not None  # R12 decision
            if shown:
                rows.append(Row(*(figures or ZERO).as_tuple(), manager=manager))
        hidden = set(tally.by_manager) - {row.manager.id for row in rows}
        if hidden:  # figures with no row would be lost: never a silent wrong total (R11)
            listed = ", ".join(sorted(map(repr, hidden)))
            msg = f"'tally' has calls of managers this report shows no row for (got {listed})."
            raise InvalidValueError(msg)
        total = Figures.sum(rows)
        excluded = dict.fromkeys(Exclusion, 0)
        excluded.update(tally.excluded)
        return cls(
            rows=tuple(rows),
            total=total,
            average=_average(total, len(rows)),
            unassigned=tally.unassigned,
            excluded=MappingProxyType(excluded),
            calls=tally.calls,
            tally=tally,
            tariff=tariff,
            pipeline=pipeline,
        )

    @property
    def managers(self) -> Mapping[Id, Manager]:
        """The account's managers, by id."""
        return self._pipeline.managers

    @property
    def filter(self) -> Filter | None:
        """The filter the report was built with."""
        return self._pipeline.filter

    @property
    def now(self) -> datetime | None:
        """The "now" the report was built with (for the grace window, R9)."""
        return self._pipeline.now

    @property
    def included(self) -> int:
        """How many calls are in the report: in a manager's row or unassigned."""
        return self.total.total + self.unassigned.total

    def row(self, manager_id: Id) -> Row:
        """The row of *manager_id*; :class:`LookupError` if the report has none."""
        for row in self.rows:
            if row.manager.id == manager_id:
                return row
        msg = f"'manager_id' has no row in this report (got {manager_id!r})."
        raise UnknownManagerError(msg)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, *calls: Call) -> CallsReport:
        """The report with *calls* added: the same as rebuilding from all the calls (R26)."""
        return self.update(calls)

    def update(self, calls: Iterable[Call]) -> CallsReport:
        """The report with every call of *calls* added (R26); the iterable is consumed once."""
        return CallsReport.from_tally(
            self.tally + self._pipeline.tally(calls), self._pipeline, self.tariff
        )

    def merge(self, other: CallsReport) -> CallsReport:
        """The report of the calls of both: for reports built over parts of one call log.

        Both must be built with the same managers, cards, filter, "now", grace window,
        Unsorted setting and tariff; otherwise their figures do not add up, and this is an
        error saying what differs.
        """
        if not isinstance(other, CallsReport):
            msg = f"'other' must be a CallsReport (got {other!r} of type {type(other).__name__})."
            raise InvalidTypeError(msg)
        differs = self._pipeline.difference(other._pipeline)
        if differs is None and self.tariff != other.tariff:
            differs = "tariff"
        if differs is not None:
            msg = f"Reports built with a different {differs} cannot be merged."
            raise InvalidValueError(msg)
        return CallsReport.from_tally(self.tally + other.tally, self._pipeline, self.tariff)

    @property
    def ties(self) -> int:
        """How many calls were matched by a phone that several cards share (R7 decision).

        Each went to the preferred card (contacts first, then the lowest id);
        :func:`match_calls` lists them and :meth:`explain` names the candidates.
        """
        return self.tally.ties

    def chart(self) -> Chart:
        """The data for the graph (R17): per manager, counts and durations, and the average."""
        bars = tuple(
            ChartBar(
                row.manager,
                row.incoming,
                row.outgoing,
                row.total,
                row.incoming_duration,
                row.outgoing_duration,
                row.total_duration,
            )
            for row in self.rows
        )
        return Chart(bars, self.average.total, self.average.total_duration)

    def explain(self, call: Call, *, lang: str = "en") -> Explanation:
        """Why *call* is or is not in this report, in words and as an :class:`Exclusion`."""
        from callanalytics._views.explain import explain_with

        return explain_with(self._pipeline, call, tariff=self.tariff, lang=lang)

    def table(self, *, lang: str = "en") -> str:
        """The report as an aligned text table with HH:MM:SS durations, in *lang*."""
        from callanalytics._views.table import render_table

        return render_table(self, lang=lang)

    def __str__(self) -> str:
        return self.table()

    def to_dicts(self, *, lang: str | None = None) -> list[Record]:
        """The report as plain records: managers, then total, average, unassigned (``kind``)."""
        from callanalytics._views.export import to_dicts

        return to_dicts(self, lang=lang)

    def to_pandas(self, *, lang: str | None = None) -> pd.DataFrame:
        """The records of :meth:`to_dicts` as a ``pandas.DataFrame`` (extra ``pandas``)."""
        from callanalytics._views.export import to_pandas

        return to_pandas(self, lang=lang)

    def to_html(self, *, lang: str = "en") -> str:
        """The report as an HTML ``<table>`` in *lang*; names are escaped."""
        from callanalytics._views.html import render_html

        return render_html(self, lang=lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, p: Printer, cycle: bool) -> None:
        from callanalytics._views.html import render_pretty

        render_pretty(self, p, cycle)

    def plot(
        self,
        ax: Axes | None = None,
        *,
        metric: Literal["count", "duration"] = "count",
        lang: str = "en",
    ) -> Axes:
        """The graph (R17): a stacked bar per manager and the average line (extra ``plot``)."""
        from callanalytics._views.plot import plot_report

        return plot_report(self, ax, metric=metric, lang=lang)


if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from callanalytics._views.explain import Explanation
    from callanalytics._views.export import Record
    from callanalytics._views.html import Printer


def build_report(
    calls: Iterable[Call],
    managers: Iterable[Manager],
    *,
    cards: Iterable[Card] | CardIndex | None = None,
    filter: Filter | None = None,
    tariff: Tariff = PROFESSIONAL,
    now: datetime | None = None,
    grace: timedelta = GRACE_WINDOW,
    unsorted_incoming: bool = True,
    key: PhoneKey = normalize_phone,
) -> CallsReport:
    """Build the calls report of an account (R6–R26).

    *calls* is any iterable and is consumed once. Calls without a card are matched to *cards*
    by phone (R7); unmatched ones are pending (given *now*, R9), unsorted or not saved (R8).

    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> anna, boris = Manager(1, "Anna"), Manager(2, "Boris")
    >>> calls = [Call("a", "inbound", at, 125, manager_id=1, card_id=10, entity_type="contacts"),
    ...          Call("b", "outbound", at, 40, manager_id=1, card_id=10, entity_type="contacts"),
    ...          Call("c", "outbound", at, 0, manager_id=2, card_id=11, entity_type="companies"),
    ...          Call("d", "outbound", at, 99, phone="+7 000 000-00-00")]
    >>> report = build_report(calls, [anna, boris])
    >>> [(row.manager.name, row.total, row.total_duration) for row in report.rows]
    [('Anna', 2, 165), ('Boris', 1, 0)]
    >>> report.total.total, report.average.total, report.average.total_duration
    (3, 2, 83)
    >>> report.excluded[Exclusion.NOT_SAVED], report.calls
    (1, 4)
    """
    require(tariff)
    pipeline = Pipeline(
        managers,
        cards=cards,
        filter=filter,
        now=now,
        grace=grace,
        unsorted_incoming=unsorted_incoming,
        key=key,
    )
    return CallsReport.from_tally(pipeline.tally(calls), pipeline, tariff)


def events_list(
    calls: Iterable[Call],
    *,
    filter: Filter | None = None,
) -> tuple[Call, ...]:
    """The calls as the events list shows them, newest first, on every tariff (R24).

    The same filters as the report apply; the events list has no tariff gate and no cut-off.
    It lists the calls it is given: pass the calls amoCRM saved — in a card or in Unsorted,
    such as ``match_calls(...).attached + match_calls(...).unsorted`` — not those it would
    not save (R8).

    >>> from datetime import datetime, timezone
    >>> calls = [Call("a", "inbound", datetime(2026, 11, 2, 9, tzinfo=timezone.utc), 5),
    ...          Call("b", "outbound", datetime(2026, 11, 2, 10, tzinfo=timezone.utc), 7)]
    >>> [call.id for call in events_list(calls)]
    ['b', 'a']
    """
    flt = _check_filter(filter)
    check = None if flt is None or flt.is_empty else flt.compile()
    selected = []
    for call in checks.iterable(calls, "calls", "Call"):
        if not isinstance(call, Call):
            not_a_call(call)
        if check is None or check(call) is None:
            selected.append(call)
    newest_first(selected)
    return tuple(selected)
