"""The report in notebooks: an HTML table and IPython's pretty printing (R12–R16)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Final, Protocol

from callanalytics._views.export import Record, record_cells, to_dicts
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.table import COLUMNS, scope_line, summary_line

if TYPE_CHECKING:
    from callanalytics._views.report import CallsReport

__all__ = ["Printer", "render_html", "render_pretty"]

_CELL: Final = "padding: 2px 8px; border: none;"
_LEFT: Final = f'style="text-align: left; {_CELL}"'
_RIGHT: Final = f'style="text-align: right; {_CELL}"'
_TABLE: Final = (
    'class="callanalytics-report" '
    'style="border-collapse: collapse; font-variant-numeric: tabular-nums;"'
)
_ROW_STYLE: Final = {
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
    cells = [f"<td {_LEFT}>{label}</td>"]
    cells += [f"<td {_RIGHT}>{value}</td>" for value in record_cells(record)]
    row_style = _ROW_STYLE[style]
    attrs = f' data-kind="{record["kind"]}"' + (f' style="{row_style}"' if row_style else "")
    return f"<tr{attrs}>{''.join(cells)}</tr>"


def render_html(report: CallsReport, *, lang: str = "en") -> str:
    """*report* as an HTML ``<table>``: the managers, then total and average, unassigned apart.

    Durations are HH:MM:SS, numbers right-aligned, inactive managers greyed and marked; the
    caption tells how many calls were given and why some are not in the report, then which
    calls the table covers (period, timezone, filters, "now"). Manager names are escaped.
    """
    lang = check_lang(lang)
    records = to_dicts(report, lang=lang)
    header = [
        f"<th {_LEFT if i == 0 else _RIGHT}>{escape(text(column, lang))}</th>"
        for i, column in enumerate(COLUMNS)
    ]
    managers = [_row(r, lang) for r in records if r["kind"] == "manager"]
    if not managers:
        managers = [
            f'<tr data-kind="none"><td colspan="{len(COLUMNS)}" {_LEFT}>'
            f"{escape(text('no_rows', lang))}</td></tr>"
        ]
    summary = [_row(r, lang) for r in records if r["kind"] in ("total", "average")]
    apart = [_row(r, lang) for r in records if r["kind"] == "unassigned"]
    caption = (
        '<caption style="caption-side: bottom; text-align: left; padding: 4px 8px;">'
        f"{escape(summary_line(report, lang))}<br>{escape(scope_line(report, lang))}</caption>"
    )
    return "\n".join(
        [
            f"<table {_TABLE}>",
            caption,
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
