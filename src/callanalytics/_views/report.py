"""The calls report: rows, total, average, unassigned and exclusions (R11–R17, R23–R26)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, cast

import attrs

from callanalytics._aggregate.figures import ZERO, Figures, SixFigures
from callanalytics._aggregate.tally import Tally
from callanalytics._engines.detect import is_dask, is_frame
from callanalytics._kit import checks
from callanalytics._model.enums import Exclusion, Id
from callanalytics._model.hms import ceil_average
from callanalytics._model.models import Call, Card, Manager, not_a_call
from callanalytics._model.phone import PhoneKey, normalize_phone
from callanalytics._model.tariffs import PROFESSIONAL, Tariff, require
from callanalytics._rules.matching import GRACE_WINDOW, CardIndex, newest_first
from callanalytics._rules.routing import Routing, check_filter
from callanalytics.exceptions import InvalidValueError, UnknownManagerError

if TYPE_CHECKING:
    from narwhals.typing import IntoFrame

    from callanalytics._rules.filter import Filter
    from callanalytics._rules.steps import Dimension

__all__ = [
    "CallsReport",
    "Chart",
    "ChartBar",
    "Row",
    "average",
    "build_report",
    "count_calls",
    "events_list",
    "sort_key",
]


@attrs.frozen
class Row(SixFigures[int]):
    """One manager's row of the report (R12): the manager and the six figures."""

    manager: Manager = attrs.field(kw_only=True)

    @classmethod
    def of(cls, figures: Figures, manager: Manager) -> Row:
        """The row of *manager* with *figures*."""
        return cls(*figures.as_tuple(), manager=manager)

    @property
    def figures(self) -> Figures:
        """The six figures alone, without the manager."""
        return Figures(*self.as_tuple())


def sort_key(manager: Manager) -> tuple[str, bool, int | str]:
    """Rows are ordered by manager name, then id (ints before strings)."""
    return (manager.name, isinstance(manager.id, str), manager.id)


@attrs.frozen
class ChartBar(Row):
    """One manager's bar of the graph (R17): the row's figures, next to the average."""

    @property
    def count(self) -> int:
        """How many calls the bar stands for: the row's total."""
        return self.total

    @property
    def duration(self) -> int:
        """How many seconds the bar stands for: the row's total duration."""
        return self.total_duration


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
            msg = f"'metric' must be 'count' or 'duration' (got {checks.shown(metric)})."
            raise InvalidValueError(msg)
        return None if average == 0 else value / average


def average(total: Figures, rows: int) -> Figures:
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
        routing: The account's settings and the routing steps the calls went through.
    """

    rows: tuple[Row, ...]
    total: Figures
    average: Figures
    unassigned: Figures
    excluded: Mapping[Exclusion, int]
    calls: int
    tally: Tally = attrs.field(repr=False)
    tariff: Tariff = attrs.field(repr=False)
    routing: Routing = attrs.field(repr=False, eq=False)
    seen: Set[str] | None = attrs.field(default=None, repr=False, eq=False)
    """The ids of the calls read, to find duplicates among calls added later (R28); ``None``
    when they are not kept (``duplicates=False``, or a report of a data frame). The set the
    report's pass filled, kept as it is (not copied: nothing changes it afterwards)."""

    @classmethod
    def from_tally(
        cls,
        tally: Tally,
        routing: Routing,
        tariff: Tariff,
        seen: Set[str] | None = None,
    ) -> CallsReport:
        """The report of *tally* for the account and filters of *routing*."""
        managers = routing.managers
        selected = None if routing.filter is None else routing.filter.manager_ids
        by_manager = tally.by_manager  # summed over the tally's other dimensions, once
        rows = []
        for manager in sorted(managers.values(), key=sort_key):
            figures = by_manager.get(manager.id)
            if selected is not None:
                shown = manager.id in selected  # R20: the rows of the managers selected
            else:
                shown = manager.active or figures is not None  # R12 decision
            if shown:
                rows.append(Row.of(figures or ZERO, manager))
        hidden = set(by_manager) - {row.manager.id for row in rows}
        if hidden:  # figures with no row would be lost: never a silent wrong total (R11)
            listed = ", ".join(sorted(map(checks.shown, hidden)))
            msg = f"'tally' has calls of managers this report shows no row for (got {listed})."
            raise InvalidValueError(msg)
        total = Figures.sum(rows)
        excluded = dict.fromkeys(Exclusion, 0)
        excluded.update(tally.excluded)
        return cls(
            rows=tuple(rows),
            total=total,
            average=average(total, len(rows)),
            unassigned=tally.unassigned,
            excluded=MappingProxyType(excluded),
            calls=tally.calls,
            tally=tally,
            tariff=tariff,
            routing=routing,
            seen=seen,
        )

    @property
    def managers(self) -> Mapping[Id, Manager]:
        """The account's managers, by id."""
        return self.routing.managers

    @property
    def filter(self) -> Filter | None:
        """The filter the report was built with."""
        return self.routing.filter

    @property
    def now(self) -> datetime | None:
        """The "now" the report was built with (for the grace window, R9)."""
        return self.routing.now

    @property
    def included(self) -> int:
        """How many calls are in the report: in a manager's row or unassigned."""
        return self.total.total + self.unassigned.total

    def row(self, manager_id: Id) -> Row:
        """The row of *manager_id*; :class:`LookupError` if the report has none."""
        for row in self.rows:
            if checks.equal(row.manager.id, manager_id):  # pd.NA: no match, no error
                return row
        raise UnknownManagerError.from_parts(
            "'manager_id' has no row in this report (got {value}).", value=checks.shown(manager_id)
        )

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, *calls: Call) -> CallsReport:
        """The report with *calls* added: the same as rebuilding from all the calls (R26)."""
        return self.update(calls)

    def update(self, calls: Iterable[Call]) -> CallsReport:
        """The report with every call of *calls* added (R26); the iterable is consumed once.

        A call whose id the report has read already is a duplicate (R28), as in a rebuild. The
        ids are copied into the new report: for calls arriving one by one, a
        :class:`~callanalytics.LiveReport` costs less.
        """
        seen = None if self.seen is None else set(self.seen)
        more = self.routing.tally(calls, seen=seen)
        return CallsReport.from_tally(self.tally + more, self.routing, self.tariff, seen)

    def merge(self, other: CallsReport) -> CallsReport:
        """The report of the calls of both: for reports built over parts of one call log.

        Both must be built with the same managers, cards, filter, "now", grace window,
        Unsorted setting and tariff; otherwise their figures do not add up, and this is an
        error saying what differs. A call in both would be counted twice: when both reports
        kept their ids (R28), calls they share are an error naming them.
        """
        if not isinstance(other, CallsReport):
            raise checks.type_error("other", "a CallsReport", other)
        differs = self.routing.difference(other.routing)
        if differs is None and self.tariff != other.tariff:
            differs = "tariff"
        if differs is not None:
            msg = (
                f"'other' must be built with the same {differs}: reports built with a "
                f"different {differs} cannot be merged."
            )
            raise InvalidValueError(msg)
        seen = None
        if self.seen is not None and other.seen is not None:
            shared = self.seen & other.seen
            if shared:
                listed = ", ".join(checks.shown(i) for i in sorted(shared)[:5])
                msg = (
                    f"'other' must not share calls with this report: they would be counted "
                    f"twice, so the reports cannot be merged "
                    f"({len(shared)} shared, e.g. {listed})."
                )
                raise InvalidValueError(msg)
            seen = self.seen | other.seen
        return CallsReport.from_tally(self.tally + other.tally, self.routing, self.tariff, seen)

    @property
    def ties(self) -> int:
        """How many calls were matched by a phone that several cards share (R7 decision).

        Each went to the preferred card (contacts first, then the lowest id);
        :func:`match_calls` lists them and :meth:`explain` names the candidates.
        """
        return self.tally.ties

    def by_group(self) -> GroupReport:
        """The report by department (R36): a row per group of managers, the sum of theirs.

        Each department's average is per manager inside it (R15 in the group); the total
        and the average are the company's, as in this report.
        """
        from callanalytics._views.groups import group_report

        return group_report(self)

    def chart(self) -> Chart:
        """The data for the graph (R17): per manager, counts and durations, and the average."""
        bars = tuple(ChartBar(*row.as_tuple(), manager=row.manager) for row in self.rows)
        return Chart(bars, self.average.total, self.average.total_duration)

    def explain(self, call: Call, *, lang: str = "en", before: Iterable[str] = ()) -> Explanation:
        """Why *call* is or is not in this report, in words and as an :class:`Exclusion`.

        *before* are the ids of the calls that came before it, to tell a duplicate (R28).
        """
        from callanalytics._views.explain import explain_with

        return explain_with(self.routing, call, tariff=self.tariff, lang=lang, before=before)

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

    def to_html(self, *, lang: str = "en", max_rows: int | None = 50) -> str:
        """The report as an HTML ``<table>`` in *lang*; names are escaped.

        Beyond *max_rows* manager rows, the first and the last half of them around a line
        counting the others; the total, average and unassigned lines always.
        ``max_rows=None`` shows every row.
        """
        from callanalytics._views.html import render_html

        return render_html(self, lang=lang, max_rows=max_rows)

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
    from callanalytics._views.groups import GroupReport
    from callanalytics._views.html import Printer


def build_report(
    calls: Iterable[Call] | IntoFrame,
    managers: Iterable[Manager],
    *,
    cards: Iterable[Card] | CardIndex | IntoFrame | None = None,
    filter: Filter | None = None,
    tariff: Tariff = PROFESSIONAL,
    now: datetime | None = None,
    grace: timedelta = GRACE_WINDOW,
    unsorted_incoming: bool = True,
    key: PhoneKey = normalize_phone,
    duplicates: bool = True,
    columns: Mapping[str, str] | None = None,
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

    A call whose id came before in *calls* is a duplicate (R28): it is excluded and counted
    under :attr:`Exclusion.DUPLICATE`, the first one counts. That needs memory for each
    distinct id; ``duplicates=False`` remembers none, for inputs known to hold no duplicate.

    *calls* may also be a data frame — pandas, polars (eager or lazy), a pyarrow Table, a
    DuckDB relation — with the columns named as :class:`Call`'s fields (or renamed by
    *columns*, ``{"your column": "field"}``), and *cards* a frame with one row per card phone
    (``id``, ``entity_type``, ``phone``, optional ``name`` and ``manager_id``): the report is
    computed with the frame's own expressions (extra ``frames``), figure for figure and reason
    for reason the same as from :class:`Call` objects.

    *calls* may also be a Dask DataFrame (columns as above) or a Dask Bag of :class:`Call`
    objects: each partition is counted where it lies and the partial tallies are merged
    (extra ``dask``, docs/dask.md); duplicates are found across partitions (R28).
    """
    tally, routing, seen = count_calls(
        calls,
        managers,
        cards=cards,
        filter=filter,
        tariff=tariff,
        now=now,
        grace=grace,
        unsorted_incoming=unsorted_incoming,
        key=key,
        duplicates=duplicates,
        columns=columns,
    )
    return CallsReport.from_tally(tally, routing, tariff, seen)


def count_calls(
    calls: Iterable[Call] | IntoFrame,
    managers: Iterable[Manager],
    dimensions: tuple[Dimension, ...] = (),
    *,
    cards: Iterable[Card] | CardIndex | IntoFrame | None = None,
    filter: Filter | None = None,
    tariff: Tariff = PROFESSIONAL,
    now: datetime | None = None,
    grace: timedelta = GRACE_WINDOW,
    unsorted_incoming: bool = True,
    key: PhoneKey = normalize_phone,
    duplicates: bool = True,
    columns: Mapping[str, str] | None = None,
) -> tuple[Tally, Routing, Set[str] | None]:
    """The tally of *calls* keyed by *dimensions*, the routing and the ids read (R28).

    The one pass every report and analysis is a view of: :func:`build_report`'s arguments,
    objects or a data frame, and the dimensions the analysis splits the cells by.
    """
    require(tariff)
    if is_frame(cards):
        from callanalytics._engines.frames import cards_of_frame

        cards = cards_of_frame(cards)
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
    if is_dask(calls):  # before the frames: a Dask DataFrame is reported partition by partition
        from callanalytics._engines.dask import tally_of_dask

        if dimensions:
            must = "be counted by manager only on Dask (compute it first for this analysis)"
            raise checks.value_error("calls", must, calls)
        return tally_of_dask(routing, calls, columns=columns), routing, None
    if is_frame(calls):
        from callanalytics._engines.frames import tally_of_frame

        tally = tally_of_frame(routing, calls, columns=columns, dimensions=dimensions)
        return tally, routing, None
    if columns is not None:
        raise checks.value_error("columns", "be None unless 'calls' is a data frame", columns)
    seen: set[str] | None = set() if routing.duplicates else None
    tally = routing.tally(cast("Iterable[Call]", calls), dimensions, seen=seen)
    return tally, routing, seen


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
    flt = check_filter(filter)
    steps = () if flt is None else flt.steps()  # the routing spec's filter steps
    selected = []
    for call in checks.iterable(calls, "calls", "Call"):
        if not isinstance(call, Call):
            not_a_call(call)
        if all(step.passes(call, call.entity_type) for step in steps):
            selected.append(call)
    newest_first(selected)
    return tuple(selected)
