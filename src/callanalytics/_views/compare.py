"""Two calls reports side by side: the change against the previous period ("dynamics").

A host builds the report of a period and of :meth:`Period.previous`, then calls
:func:`compare` on them: per manager and for the total, the average and the calls without a
manager, the six figures of both reports, their difference and that difference in percent.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from html import escape
from typing import TYPE_CHECKING, Final, TypedDict

import attrs

from callanalytics._aggregate.figures import (
    FIGURES,
    ZERO,
    Delta,
    Figures,
    Percent,
    percent_change,
)
from callanalytics._kit import checks
from callanalytics._kit.checks import missing_extra
from callanalytics._model.hms import format_hms
from callanalytics._rules.filter import Filter
from callanalytics._views.export import Kind
from callanalytics._views.html import (
    LEFT,
    MAX_ROWS,
    RIGHT,
    ROW_STYLE,
    TABLE,
    Printer,
    caption,
    check_max_rows,
    shown_rows,
)
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.report import CallsReport, sort_key
from callanalytics._views.table import (
    COLUMNS,
    align,
    filter_parts,
    manager_label,
    now_part,
    period_span,
    zone_name,
)
from callanalytics.exceptions import InvalidTypeError, InvalidValueError, UnknownManagerError

if TYPE_CHECKING:
    import pandas as pd

    from callanalytics._model.models import Id, Manager

__all__ = [
    "COMPARISON_FIELDS",
    "Change",
    "Comparison",
    "ComparisonRecord",
    "ComparisonRow",
    "Delta",
    "Percent",
    "compare",
    "comparison_scope",
    "comparison_to_dicts",
    "comparison_to_pandas",
    "format_change",
    "percent_change",
    "render_comparison_html",
]


def _delta(change: Change) -> Delta:
    return Delta.between(change.current, change.previous)


def _percent(change: Change) -> Percent:
    return Percent.between(change.current, change.previous)


@attrs.frozen
class Change:
    """One line of a comparison: the figures of both reports, their delta and its percent.

    ``delta`` and ``percent`` are computed from ``current`` and ``previous``, so they always
    agree with them.

    >>> from callanalytics import Figures
    >>> change = Change(Figures.of(incoming=60), Figures.of(incoming=48))
    >>> change.delta.incoming, change.percent.incoming, change.percent.outgoing
    (12, 25.0, 0.0)
    """

    current: Figures
    previous: Figures
    delta: Delta = attrs.field(init=False, default=attrs.Factory(_delta, takes_self=True))
    percent: Percent = attrs.field(init=False, default=attrs.Factory(_percent, takes_self=True))


@attrs.frozen
class ComparisonRow(Change):
    """A manager's line of a comparison; zeros on the side where the manager has no row."""

    manager: Manager = attrs.field(kw_only=True)


@attrs.frozen
class Comparison:
    """The current report against the previous one. Build it with :func:`compare`.

    Attributes:
        rows: One line per manager with a row in either report, by name then id; a manager
            with a row in only one report has zeros on the other side.
        total: The totals of both reports (R14).
        average: The averages of both reports, each over its own rows (R15).
        unassigned: The calls without a manager of both reports (R13).
        current: The current report.
        previous: The previous report.
    """

    rows: tuple[ComparisonRow, ...]
    total: Change
    average: Change
    unassigned: Change
    current: CallsReport = attrs.field(repr=False)
    previous: CallsReport = attrs.field(repr=False)

    def row(self, manager_id: Id) -> ComparisonRow:
        """The line of *manager_id*; :class:`LookupError` if neither report has a row for it."""
        for row in self.rows:
            if checks.equal(row.manager.id, manager_id):  # pd.NA: no match, no error
                return row
        raise UnknownManagerError.from_parts(
            "'manager_id' has no row in this comparison (got {value}).",
            value=checks.shown(manager_id),
        )

    def __iter__(self) -> Iterator[ComparisonRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def table(self, *, lang: str = "en") -> str:
        """The changes as an aligned text table, each cell like ``+12 (+25.0%)``, in *lang*.

        Above it, both periods with their timezone, then the filters and "now" they share.
        """
        return render_comparison(self, lang=lang)

    def __str__(self) -> str:
        return self.table()

    def to_dicts(self, *, lang: str | None = None) -> list[ComparisonRecord]:
        """The comparison as records: one per manager line, then total, average, unassigned.

        Each figure has four keys: ``<figure>_current``, ``_previous``, ``_delta`` and
        ``_percent`` (a float, or ``None`` when there is nothing to compare with). *lang*
        only changes the summary lines' ``manager`` label.
        """
        return comparison_to_dicts(self, lang=lang)

    def to_pandas(self, *, lang: str | None = None) -> pd.DataFrame:
        """The records of :meth:`to_dicts` as a ``pandas.DataFrame`` (extra ``pandas``)."""
        return comparison_to_pandas(self, lang=lang)

    def to_html(self, *, lang: str = "en", max_rows: int | None = 50) -> str:
        """The comparison as an HTML ``<table>``: each cell the current figure and its change.

        The caption gives both periods, their timezone and the filters; long tables show the
        first and last halves of *max_rows* manager rows (``None``: all), as the report does.
        """
        return render_comparison_html(self, lang=lang, max_rows=max_rows)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, p: Printer, cycle: bool) -> None:
        p.text("Comparison(...)" if cycle else self.table())


def _same_filters(current: Filter | None, previous: Filter | None) -> bool:
    """Whether the two filters are the same apart from their periods."""
    now = attrs.evolve(current or Filter(), period=None)
    before = attrs.evolve(previous or Filter(), period=None)
    return now == before


def _check_same_account(current: CallsReport, previous: CallsReport) -> None:
    """**Decision:** same manager ids, same filters but the period, same other settings.

    Otherwise the rows and the averages count different things and the change means nothing.
    Names, groups and the active flag may differ (a manager renamed between the two builds):
    the comparison shows the current report's managers.
    """
    now, before = set(current.managers), set(previous.managers)
    if now != before:
        only_now = ", ".join(map(repr, sorted(now - before, key=str))) or "none"
        only_before = ", ".join(map(repr, sorted(before - now, key=str))) or "none"
        msg = (
            "'previous' must be a report of the same account as 'current', with the same "
            f"managers (got managers only in 'current': {only_now}; "
            f"only in 'previous': {only_before})."
        )
        raise InvalidValueError(msg)
    if not _same_filters(current.filter, previous.filter):
        msg = (
            "'previous' must be built with the same filters as 'current', apart from the "
            f"period (got {checks.shown(previous.filter)} and {checks.shown(current.filter)})."
        )
        raise InvalidValueError(msg)
    differs = current.routing.difference(previous.routing, ignore=("managers", "filter"))
    if differs is not None:
        msg = (
            f"'previous' must be built with the same {differs} as 'current': otherwise the "
            "change would come from the settings, not from the calls."
        )
        raise InvalidValueError(msg)


def compare(current: CallsReport, previous: CallsReport) -> Comparison:
    """Compare the *current* report with the *previous* one, manager by manager.

    Both reports must be of the same account (the same manager ids) and built with the same
    filters apart from the period; any other difference is an :class:`InvalidValueError`.

    >>> from datetime import datetime, timezone
    >>> import callanalytics as ca
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> def calls(*durations):
    ...     return [ca.Call(f"c{i}", "inbound", at, d, manager_id=1, card_id=1,
    ...                     entity_type="contacts") for i, d in enumerate(durations)]
    >>> anna = [ca.Manager(1, "Anna")]
    >>> comparison = compare(ca.build_report(calls(60, 60, 60), anna),
    ...                      ca.build_report(calls(60, 60), anna))
    >>> row = comparison.row(1)
    >>> row.delta.incoming, row.percent.incoming, row.delta.incoming_duration
    (1, 50.0, 60)
    >>> print(format_change(row.delta.incoming, row.percent.incoming))
    +1 (+50.0%)
    """
    for name, value in (("current", current), ("previous", previous)):
        if not isinstance(value, CallsReport):
            msg = (
                f"{name!r} must be a CallsReport "
                f"(got {checks.shown(value)} of type {type(value).__name__})."
            )
            raise InvalidTypeError(msg)
    _check_same_account(current, previous)
    now = {row.manager.id: row.figures for row in current.rows}
    before = {row.manager.id: row.figures for row in previous.rows}
    managers = current.managers
    rows = [
        ComparisonRow(
            now.get(manager_id, ZERO),
            before.get(manager_id, ZERO),
            manager=managers[manager_id],
        )
        for manager_id in sorted(now.keys() | before.keys(), key=lambda i: sort_key(managers[i]))
    ]
    return Comparison(
        rows=tuple(rows),
        total=Change(current.total, previous.total),
        average=Change(current.average, previous.average),
        unassigned=Change(current.unassigned, previous.unassigned),
        current=current,
        previous=previous,
    )


def _format_percent(percent: float | None, lang: str) -> str:
    if percent is None:
        return text("compare.no_base", lang)
    shown = f"{percent:+.1f}"
    if float(shown) == 0:
        shown = "0.0"
    if lang == "ru":
        shown = shown.replace(".", ",")
    return f"{shown}%"


def format_change(
    delta: int, percent: float | None, *, duration: bool = False, lang: str = "en"
) -> str:
    """A delta and its percent as the comparison shows them: ``+12 (+25.0%)``.

    Durations (*duration* true) are signed ``HH:MM:SS`` (R16). A percent of ``None`` (nothing
    in the previous period) reads "n/a"; Russian writes a decimal comma.

    >>> format_change(12, 25.0), format_change(-3, -20.0), format_change(0, 0.0)
    ('+12 (+25.0%)', '-3 (-20.0%)', '0 (0.0%)')
    >>> format_change(600, None, duration=True), format_change(-5, -2.5, lang="ru")
    ('+00:10:00 (n/a)', '-5 (-2,5%)')
    """
    lang = check_lang(lang)
    delta = checks.whole(delta, "delta")
    if percent is not None and (isinstance(percent, bool) or not isinstance(percent, int | float)):
        msg = (
            f"'percent' must be a float or None "
            f"(got {checks.shown(percent)} of type {type(percent).__name__})."
        )
        raise InvalidTypeError(msg)
    if percent is not None and not math.isfinite(percent):
        msg = f"'percent' must be finite or None (got {checks.shown(percent)})."
        raise InvalidValueError(msg)
    sign = "+" if delta > 0 else "-" if delta < 0 else ""
    size = format_hms(abs(delta)) if duration else str(abs(delta))
    return f"{sign}{size} ({_format_percent(percent, lang)})"


def _cells(label: str, change: Change, lang: str) -> list[str]:
    durations = (False, False, False, True, True, True)
    return [
        label,
        *(
            format_change(delta, percent, duration=is_duration, lang=lang)
            for delta, percent, is_duration in zip(
                change.delta.as_tuple(), change.percent.as_tuple(), durations, strict=True
            )
        ),
    ]


def render_comparison(comparison: Comparison, *, lang: str = "en") -> str:
    """Render *comparison* as a text table: a title, the periods, manager lines, then totals."""
    lang = check_lang(lang)
    header = [text(column, lang) for column in COLUMNS]
    body = []
    for row in comparison.rows:
        body.append(_cells(manager_label(row.manager, lang), row, lang))
    rows = len(body)
    body.append(_cells(text("total", lang), comparison.total, lang))
    body.append(_cells(text("average", lang), comparison.average, lang))
    body.append(_cells(text("unassigned", lang), comparison.unassigned, lang))
    lines = [text("compare.title", lang), *comparison_scope(comparison, lang)]
    lines += ["", *align(header, body, rows, lang)]
    return "\n".join(lines)


class ComparisonRecord(TypedDict):
    """One line of a comparison as plain data; the keys are stable English identifiers.

    As in the report's records, summary lines (``kind`` other than ``"manager"``) have
    ``manager_id``, ``group`` and ``active`` set to ``None``. Durations are whole seconds.
    """

    kind: Kind
    manager_id: Id | None
    manager: str
    group: str | None
    active: bool | None
    incoming_current: int
    incoming_previous: int
    incoming_delta: int
    incoming_percent: float | None
    outgoing_current: int
    outgoing_previous: int
    outgoing_delta: int
    outgoing_percent: float | None
    total_current: int
    total_previous: int
    total_delta: int
    total_percent: float | None
    incoming_duration_current: int
    incoming_duration_previous: int
    incoming_duration_delta: int
    incoming_duration_percent: float | None
    outgoing_duration_current: int
    outgoing_duration_previous: int
    outgoing_duration_delta: int
    outgoing_duration_percent: float | None
    total_duration_current: int
    total_duration_previous: int
    total_duration_delta: int
    total_duration_percent: float | None


COMPARISON_FIELDS: Final[tuple[str, ...]] = tuple(ComparisonRecord.__annotations__)
"""The keys of a :class:`ComparisonRecord` and the columns of its frame, in order."""

_PARTS: Final = ("current", "previous", "delta", "percent")


def _comparison_record(
    kind: Kind,
    change: Change,
    *,
    manager: str,
    manager_id: Id | None = None,
    group: str | None = None,
    active: bool | None = None,
) -> ComparisonRecord:
    record: dict[str, object] = {
        "kind": kind,
        "manager_id": manager_id,
        "manager": manager,
        "group": group,
        "active": active,
    }
    for part in _PARTS:
        values = getattr(change, part).as_tuple()
        record.update(
            (f"{name}_{part}", value) for name, value in zip(FIGURES, values, strict=True)
        )
    return {field: record[field] for field in COMPARISON_FIELDS}  # type: ignore[return-value]


def comparison_to_dicts(
    comparison: Comparison, *, lang: str | None = None
) -> list[ComparisonRecord]:
    """The lines of *comparison* as records (:meth:`Comparison.to_dicts`).

    >>> import callanalytics as ca
    >>> anna = [ca.Manager(1, "Anna")]
    >>> first, total, *_ = compare(ca.build_report([], anna), ca.build_report([], anna)).to_dicts()
    >>> first["kind"], first["manager"], first["total_current"], first["total_percent"]
    ('manager', 'Anna', 0, 0.0)
    """
    language = check_lang("en" if lang is None else lang)
    records = [
        _comparison_record(
            "manager",
            row,
            manager=row.manager.name,
            manager_id=row.manager.id,
            group=row.manager.group,
            active=row.manager.active,
        )
        for row in comparison.rows
    ]
    for kind, change in (
        ("total", comparison.total),
        ("average", comparison.average),
        ("unassigned", comparison.unassigned),
    ):
        records.append(_comparison_record(kind, change, manager=text(kind, language)))  # type: ignore[arg-type]
    return records


def comparison_to_pandas(comparison: Comparison, *, lang: str | None = None) -> pd.DataFrame:
    """The records of :func:`comparison_to_dicts` as a frame (extra ``pandas``).

    Counts, seconds and deltas are ``int64`` (``object`` for a figure beyond it), percents the
    nullable ``Float64`` (``<NA>`` where there is nothing to compare with), ``active`` the
    nullable ``boolean``, ``manager_id`` ``Int64`` when every id is an ``int``.
    """
    records = comparison_to_dicts(comparison, lang=lang)
    try:
        import pandas as pd
    except ImportError:
        raise missing_extra("to_pandas()", "pandas", "pandas") from None

    frame = pd.DataFrame.from_records(records, columns=list(COMPARISON_FIELDS))
    lines: list[Mapping[str, object]] = records  # type: ignore[assignment]
    ids = [r["manager_id"] for r in lines if r["manager_id"] is not None]

    def fits(field: str) -> bool:
        return all(abs(v) < 2**63 for r in lines if isinstance(v := r[field], int))

    dtypes: dict[str, str] = {}
    for name in FIGURES:
        for part in _PARTS[:3]:
            field = f"{name}_{part}"
            dtypes[field] = "int64" if fits(field) else "object"
        dtypes[f"{name}_percent"] = "Float64"
    dtypes["active"] = "boolean"
    dtypes["manager_id"] = "Int64" if all(isinstance(i, int) for i in ids) else "object"
    return frame.astype(dtypes)


def comparison_scope(comparison: Comparison, lang: str) -> list[str]:
    """Which calls *comparison* covers: each period in its zone, then the filters and "now".

    The two reports share their filters apart from the period (:func:`compare` checks it).
    """
    lang = check_lang(lang)
    lines = []
    for key, report in (
        ("compare.current", comparison.current),
        ("compare.previous", comparison.previous),
    ):
        span = period_span(report.filter)
        shown = text("compare.any", lang) if span is None else f"{span[0]} ({zone_name(span[1])})"
        lines.append(f"{text(key, lang)}: {shown}")
    current = comparison.current
    parts = filter_parts(current.filter, current.managers, lang)
    values = "; ".join(parts) if parts else text("compare.none", lang)
    span = period_span(current.filter)
    now = now_part(current.now, None if span is None else span[1], lang)
    lines.append("; ".join([text("compare.filters", lang, values=values), *now]))
    return lines


_CHANGE: Final = 'style="font-size: smaller; color: #666; white-space: nowrap;"'
_DURATION: Final = (False, False, False, True, True, True)


def _change_row(
    kind: str, label: str, change: Change, lang: str, *, active: bool | None = None
) -> str:
    """One line of a comparison: each figure's current value, its change below it."""
    if active is False:
        label += f" <em>({escape(text('inactive', lang))})</em>"
    cells = [f"<td {LEFT}>{label}</td>"]
    for now, delta, percent, is_duration in zip(
        change.current.as_tuple(),
        change.delta.as_tuple(),
        change.percent.as_tuple(),
        _DURATION,
        strict=True,
    ):
        shown = format_hms(now) if is_duration else str(now)
        moved = format_change(delta, percent, duration=is_duration, lang=lang)
        cells.append(f"<td {RIGHT}>{shown}<br><span {_CHANGE}>{escape(moved)}</span></td>")
    row_style = ROW_STYLE["inactive" if active is False else kind]
    attrs = f' data-kind="{kind}"' + (f' style="{row_style}"' if row_style else "")
    return f"<tr{attrs}>{''.join(cells)}</tr>"


def render_comparison_html(
    comparison: Comparison, *, lang: str = "en", max_rows: int | None = MAX_ROWS
) -> str:
    """*comparison* as an HTML ``<table>`` laid out as the report's (:func:`render_html`).

    Each cell has the current figure and, below it, its change (``+12 (+25.0%)``); the
    caption gives the title, both periods with their timezone, the filters and "now".
    """
    lang = check_lang(lang)
    max_rows = check_max_rows(max_rows)
    header = [
        f"<th {LEFT if i == 0 else RIGHT}>{escape(text(column, lang))}</th>"
        for i, column in enumerate(COLUMNS)
    ]
    managers = [
        _change_row("manager", escape(row.manager.name), row, lang, active=row.manager.active)
        for row in comparison.rows
    ]
    managers = shown_rows(managers, max_rows, lang, columns=len(COLUMNS))
    if not managers:
        managers = [
            f'<tr data-kind="none"><td colspan="{len(COLUMNS)}" {LEFT}>'
            f"{escape(text('no_rows', lang))}</td></tr>"
        ]
    summary = [
        _change_row(kind, escape(text(kind, lang)), change, lang)
        for kind, change in (
            ("total", comparison.total),
            ("average", comparison.average),
            ("unassigned", comparison.unassigned),
        )
    ]
    title = f"{text('compare.title', lang)}. {text('compare.cells', lang)}"
    return "\n".join(
        [
            f"<table {TABLE.replace('callanalytics-report', 'callanalytics-comparison')}>",
            caption([title, *comparison_scope(comparison, lang)]),
            f'<thead><tr style="border-bottom: 1px solid currentColor;">{"".join(header)}'
            "</tr></thead>",
            "<tbody>",
            *managers,
            *summary,
            "</tbody>",
            "</table>",
        ]
    )
