"""The report in notebooks: an HTML table and IPython's pretty printing (R12–R16)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Final, Protocol

from callanalytics._kit import checks
from callanalytics._views.export import Record, record_cells, to_dicts
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.table import COLUMNS, scope_line, summary_line

if TYPE_CHECKING:
    from callanalytics._views.report import CallsReport

__all__ = [
    "LEFT",
    "MAX_ROWS",
    "RIGHT",
    "ROW_STYLE",
    "TABLE",
    "Printer",
    "caption",
    "check_max_rows",
    "render_html",
    "render_pretty",
    "shown_rows",
]

_CELL: Final = "padding: 2px 8px; border: none;"
LEFT: Final = f'style="text-align: left; {_CELL}"'
RIGHT: Final = f'style="text-align: right; {_CELL}"'
_HIDDEN: Final = f'style="text-align: left; font-style: italic; color: #888; {_CELL}"'
TABLE: Final = (
    'class="callanalytics-report" '
    'style="border-collapse: collapse; font-variant-numeric: tabular-nums;"'
)
ROW_STYLE: Final = {
    "manager": "",
    "inactive": "color: #888;",
    "total": "border-top: 2px solid currentColor; font-weight: bold;",
    "average": "",
    "unassigned": "border-top: 1px dashed currentColor; font-style: italic;",
}


def _row(record: Record, lang: str) -> str:
    label = escape(record["manager"])
    style: str = record["kind"]
    if record["active"] is False:
        label += f" <em>({escape(text('inactive', lang))})</em>"
        style = "inactive"
    cells = [f"<td {LEFT}>{label}</td>"]
    cells += [f"<td {RIGHT}>{value}</td>" for value in record_cells(record)]
    row_style = ROW_STYLE[style]
    attrs = f' data-kind="{record["kind"]}"' + (f' style="{row_style}"' if row_style else "")
    return f"<tr{attrs}>{''.join(cells)}</tr>"


MAX_ROWS: Final = 50
"""How many manager rows an HTML table shows by default; the others are counted."""


def check_max_rows(max_rows: object) -> int | None:
    """*max_rows* if it is a whole number >= 1 or ``None``; an error naming it otherwise."""
    if max_rows is None:
        return None
    return checks.whole(max_rows, "max_rows", "an int or None", minimum=1)


def shown_rows(rows: list[str], max_rows: int | None, lang: str, *, columns: int) -> list[str]:
    """*rows* (HTML ``<tr>``) as shown: all, or the first and last of *max_rows* and a count.

    Beyond *max_rows* rows, the first half of *max_rows* (the larger when odd), a line saying
    how many rows are left out, then the last half. The head and the tail both show: the
    table's order (by name) has no "top" to keep.
    """
    if max_rows is None or len(rows) <= max_rows:
        return rows
    head = (max_rows + 1) // 2
    tail = max_rows - head
    hidden = len(rows) - max_rows
    line = (
        f'<tr data-kind="hidden"><td colspan="{columns}" {_HIDDEN}>'
        f"{escape(text('html.hidden', lang, count=hidden))}</td></tr>"
    )
    return [*rows[:head], line, *rows[len(rows) - tail :]]


_WHOLE_PART: Final = 60
"""The longest part of a caption line that is kept on one line."""


def _part(part: str) -> str:
    if len(part) > _WHOLE_PART:
        return escape(part)
    return f'<span style="white-space: nowrap;">{escape(part)}</span>'


def caption(lines: list[str]) -> str:
    """A table's ``<caption>`` below it: *lines* escaped, one per line.

    Each short ``"; "``-separated part of a line (a period, "now") is kept whole
    (``white-space: nowrap``), so a narrow table wraps the line between its parts, never
    inside a date; a long part (a list of names) may wrap.
    """
    shown = "<br>".join("; ".join(map(_part, line.split("; "))) for line in lines)
    return (
        '<caption style="caption-side: bottom; text-align: left; padding: 4px 8px;">'
        f"{shown}</caption>"
    )


def render_html(report: CallsReport, *, lang: str = "en", max_rows: int | None = MAX_ROWS) -> str:
    """*report* as an HTML ``<table>``: the managers, then total and average, unassigned apart.

    With more than *max_rows* managers the table shows the first and the last halves of
    *max_rows* and between them a line saying how many are not shown; the total, average and
    unassigned lines are always shown, for all the managers. ``max_rows=None`` shows every row.

    Durations are HH:MM:SS, numbers right-aligned, inactive managers greyed and marked; the
    caption tells how many calls were given and why some are not in the report, then which
    calls the table covers (period, timezone, filters, "now"). Manager names are escaped.
    """
    lang = check_lang(lang)
    max_rows = check_max_rows(max_rows)
    records = to_dicts(report, lang=lang)
    header = [
        f"<th {LEFT if i == 0 else RIGHT}>{escape(text(column, lang))}</th>"
        for i, column in enumerate(COLUMNS)
    ]
    managers = [_row(r, lang) for r in records if r["kind"] == "manager"]
    managers = shown_rows(managers, max_rows, lang, columns=len(COLUMNS))
    if not managers:
        managers = [
            f'<tr data-kind="none"><td colspan="{len(COLUMNS)}" {LEFT}>'
            f"{escape(text('no_rows', lang))}</td></tr>"
        ]
    summary = [_row(r, lang) for r in records if r["kind"] in ("total", "average")]
    apart = [_row(r, lang) for r in records if r["kind"] == "unassigned"]
    return "\n".join(
        [
            f"<table {TABLE}>",
            caption([summary_line(report, lang), scope_line(report, lang)]),
            f'<thead><tr style="border-bottom: 1px solid currentColor;">{"".join(header)}'
            "</tr></thead>",
            "<tbody>",
            *managers,
            *summary,
            *apart,
            "</tbody>",
            "</table>",
        ]
    )


class Printer(Protocol):
    """The part of IPython's ``RepresentationPrinter`` that :func:`render_pretty` uses."""

    def text(self, obj: str) -> None:
        """Print *obj*."""


def render_pretty(report: CallsReport, p: Printer, cycle: bool) -> None:
    """IPython's pretty printing of *report*: its text table (``report.table()``)."""
    if cycle:
        p.text("CallsReport(...)")
    else:
        p.text(report.table())
