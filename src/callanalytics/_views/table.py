"""The report as an aligned text table, durations in HH:MM:SS (R12–R16)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Final

from callanalytics._aggregate.figures import DURATIONS, FIGURES, SixFigures
from callanalytics._model.hms import format_hms
from callanalytics._views.i18n import check_lang, text

if TYPE_CHECKING:
    from callanalytics._model.models import Manager
    from callanalytics._views.report import CallsReport

__all__ = [
    "COLUMNS",
    "align",
    "figure_cells",
    "manager_label",
    "render_table",
    "summary_line",
    "table_cells",
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
    lines += ["", summary_line(report, lang)]
    return "\n".join(lines)


def manager_label(manager: Manager, lang: str) -> str:
    """A manager's name as a row shows it, inactive managers marked.

    Names are user data: control characters (a newline, a terminal escape) are shown escaped,
    so a name can neither break the table's lines nor drive the terminal.
    """
    name = "".join(
        repr(ch)[1:-1] if unicodedata.category(ch) == "Cc" else ch for ch in manager.name
    )
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
