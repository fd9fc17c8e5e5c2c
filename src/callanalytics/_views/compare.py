"""Two calls reports side by side: the change against the previous period ("dynamics").

A host builds the report of a period and of :meth:`Period.previous`, then calls
:func:`compare` on them: per manager and for the total, the average and the calls without a
manager, the six figures of both reports, their difference and that difference in percent.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from callanalytics._aggregate.figures import ZERO, Delta, Figures, Percent, percent_change
from callanalytics._kit import checks
from callanalytics._model.hms import format_hms
from callanalytics._rules.filter import Filter
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.report import CallsReport, sort_key
from callanalytics._views.table import COLUMNS, align, manager_label
from callanalytics.exceptions import InvalidTypeError, InvalidValueError, UnknownManagerError

if TYPE_CHECKING:
    from callanalytics._model.models import Id, Manager

__all__ = [
    "Change",
    "Comparison",
    "ComparisonRow",
    "Delta",
    "Percent",
    "compare",
    "format_change",
    "percent_change",
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
            if row.manager.id == manager_id:
                return row
        msg = f"'manager_id' has no row in this comparison (got {checks.shown(manager_id)})."
        raise UnknownManagerError(msg)

    def __iter__(self) -> Iterator[ComparisonRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def table(self, *, lang: str = "en") -> str:
        """The changes as an aligned text table, each cell like ``+12 (+25.0%)``, in *lang*."""
        return render_comparison(self, lang=lang)

    def __str__(self) -> str:
        return self.table()


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
    lines = [text("compare.title", lang)]
    for key, report in (
        ("compare.current", comparison.current),
        ("compare.previous", comparison.previous),
    ):
        period = None if report.filter is None else report.filter.period
        if period is not None:
            lines.append(f"{text(key, lang)}: {period}")
    lines += ["", *align(header, body, rows, lang)]
    return "\n".join(lines)
