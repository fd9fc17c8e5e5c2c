"""The report as an aligned text table, durations in HH:MM:SS (R12–R16)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Final

from callanalytics._aggregate.figures import DURATIONS, FIGURES, SixFigures
from callanalytics._model.hms import format_hms
from callanalytics._views.i18n import check_lang, text

if TYPE_CHECKING:
    from callanalytics._model.models import Id, Manager
    from callanalytics._rules.filter import Filter
    from callanalytics._views.report import CallsReport

__all__ = [
    "COLUMNS",
    "SCOPE_NAMES",
    "align",
    "figure_cells",
    "filter_parts",
    "manager_label",
    "now_part",
    "period_span",
    "render_table",
    "safe_name",
    "scope_line",
    "summary_line",
    "table_cells",
    "wall_time",
    "zone_name",
]

COLUMNS: Final = ("manager", *(f"column.{name}" for name in FIGURES))
"""The text keys of the table's columns: the manager, then the six figures (R12)."""


def figure_cells(figures: SixFigures[int]) -> list[str]:
    """The six figures as a table shows them: counts as numbers, durations as HH:MM:SS (R16)."""
    return [
        format_hms(value) if name in DURATIONS else str(value)
        for name, value in zip(FIGURES, figures.as_tuple(), strict=True)
    ]


def _cells(label: str, figures: SixFigures[int]) -> list[str]:
    return [label, *figure_cells(figures)]


def table_cells(report: CallsReport, lang: str) -> tuple[list[str], list[list[str]], int]:
    """The header, the body rows (managers, total, average, unassigned) and the row count."""
    lang = check_lang(lang)
    header = [text(column, lang) for column in COLUMNS]
    body = []
    for row in report.rows:
        body.append(_cells(manager_label(row.manager, lang), row))
    body.append(_cells(text("total", lang), report.total))
    body.append(_cells(text("average", lang), report.average))
    body.append(_cells(text("unassigned", lang), report.unassigned))
    return header, body, len(report.rows)


def render_table(report: CallsReport, *, lang: str = "en") -> str:
    """Render *report* as a text table with the total, average and unassigned rows."""
    header, body, rows = table_cells(report, lang)
    lines = align(header, body, rows, lang)
    lines += ["", summary_line(report, lang), scope_line(report, lang)]
    return "\n".join(lines)


def safe_name(name: str) -> str:
    r"""A name (user data) with its control characters (a newline, a terminal escape) escaped.

    >>> print(safe_name("Anna\nPetrova"))
    Anna\nPetrova
    """
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) == "Cc" else ch for ch in name)


def manager_label(manager: Manager, lang: str) -> str:
    """A manager's name as a row shows it, inactive managers marked.

    Names are user data: control characters (a newline, a terminal escape) are shown escaped,
    so a name can neither break the table's lines nor drive the terminal.
    """
    name = safe_name(manager.name)
    if manager.active:
        return name
    return f"{name} ({text('inactive', lang)})"


def align(header: list[str], body: list[list[str]], rows: int, lang: str) -> list[str]:
    """Lines of an aligned table: the header, *rows* manager lines, a rule, the summary lines.

    The first column is left-aligned, the figures right-aligned.
    """
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    lines = [line(header), rule]
    if rows == 0:
        lines.append(text("no_rows", lang))
    lines += [line(cells) for cells in body[:rows]]
    lines.append(rule)
    lines += [line(cells) for cells in body[rows:]]
    return lines


def summary_line(report: CallsReport, lang: str) -> str:
    """How many calls were given and how many are not in the report, by reason (R11).

    Calls matched through a phone several cards share are mentioned too (R7 decision).
    """
    excluded = [
        f"{text(f'reason.{reason.value}', lang)}: {count}"
        for reason, count in report.excluded.items()
        if count
    ]
    line = text("calls", lang, count=report.calls)
    if excluded:
        line += f"; {text('excluded', lang)}: {sum(report.excluded.values())} ("
        line += ", ".join(excluded) + ")"
    if report.ties:
        line += f"; {text('ties', lang, count=report.ties)}"
    return line


SCOPE_NAMES: Final = 5
"""How many managers of a manager filter the scope line names; the rest are counted."""


def zone_name(zone: tzinfo) -> str:
    """A timezone as people know it: its key (``Europe/Moscow``), else ``UTC+03:00``."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else str(zone)


def wall_time(moment: datetime, zone: tzinfo) -> str:
    """*moment* as a wall time of *zone*, to the minute (to the second when it has seconds)."""
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M:%S}" if local.second else f"{local:%Y-%m-%d %H:%M}"


def filter_parts(
    flt: Filter | None,
    managers: Mapping[Id, Manager],
    lang: str,
    *,
    names: Callable[[str], str] = str,
) -> list[str]:
    """What *flt* selects besides the period, one part per filter set (R19–R22).

    Selected managers are named by their safe names, passed through *names*.
    """
    parts: list[str] = []
    if flt is None:
        return parts
    if flt.entity_types is not None:
        values = ", ".join(text(f"entities.{e.value}", lang) for e in sorted(flt.entity_types))
        parts.append(text("scope.entities", lang, values=values))
    if flt.manager_ids is not None:
        chosen = sorted(
            (managers[i] for i in flt.manager_ids if i in managers),
            key=lambda m: (m.name, isinstance(m.id, str), m.id),
        )
        listed = ", ".join(names(safe_name(m.name)) for m in chosen[:SCOPE_NAMES])
        if len(chosen) > SCOPE_NAMES:
            listed += text("scope.more", lang, count=len(chosen) - SCOPE_NAMES)
        parts.append(text("scope.managers", lang, values=listed))
    if flt.min_duration is not None or flt.max_duration is not None:
        low, high = flt.min_duration, flt.max_duration
        if low is not None and high is not None:
            bounds = text("bounds.both", lang, low=low, high=high)
        elif low is not None:
            bounds = text("bounds.min", lang, low=low)
        else:
            bounds = text("bounds.max", lang, high=high)
        parts.append(text("scope.duration", lang, bounds=bounds))
    if flt.statuses is not None:
        values = ", ".join(text(f"status.{int(code)}", lang) for code in sorted(flt.statuses))
        parts.append(text("scope.statuses", lang, values=values))
    if flt.directions is not None:
        values = ", ".join(text(f"directions.{d.value}", lang) for d in sorted(flt.directions))
        parts.append(text("scope.directions", lang, values=values))
    return parts


def period_span(flt: Filter | None) -> tuple[str, tzinfo] | None:
    """*flt*'s period as a reader sees it: ``[start, end)`` in its local time, and its zone.

    ``None`` when *flt* has no period.
    """
    span = None if flt is None else flt.period
    if span is None:
        return None
    zone = span.tz or span.start.tzinfo
    assert zone is not None  # a period's bounds are aware
    return f"[{wall_time(span.start, zone)}, {wall_time(span.end, zone)})", zone


def now_part(now: datetime | None, zone: tzinfo | None, lang: str) -> list[str]:
    """The scope's "now" (in *zone*, else its own), or nothing without one."""
    if now is None:
        return []
    zone = zone or now.tzinfo
    assert zone is not None  # "now" is aware
    return [text("scope.now", lang, now=wall_time(now, zone), tz=zone_name(zone))]


def scope_line(report: CallsReport, lang: str, *, names: Callable[[str], str] = str) -> str:
    """Which calls *report* covers: its period and timezone, its filters and its "now".

    Without a filter it says that every call given is covered. *names* may shorten the names
    of the managers a filter selects (a graph has less room than a table).
    """
    lang = check_lang(lang)
    flt = report.filter
    span = period_span(flt)
    zone = None
    parts = []
    if span is not None:
        shown, zone = span
        parts.append(text("scope.period", lang, period=shown, tz=zone_name(zone)))
    elif flt is not None and not flt.is_empty:
        parts.append(text("scope.any_period", lang))
    parts += filter_parts(flt, report.managers, lang, names=names)
    if not parts:
        parts.append(text("scope.all", lang))
    parts += now_part(report.now, zone, lang)
    return "; ".join(parts)
