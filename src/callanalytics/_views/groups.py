"""Departments (R36): the report's rows grouped by the managers' group, each with its average.

A department is the managers with the same :attr:`~callanalytics.Manager.group`: its row is the
sum of their rows, its average each of its totals divided by the number of its manager rows,
rounded up (R15 inside the group). Managers with no group form a department of their own,
shown last. The company's total, average and unassigned calls are the report's, unchanged:
grouping moves no call.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import TYPE_CHECKING, Any, Final

import attrs

from callanalytics._aggregate.figures import DURATIONS, FIGURES, Figures, SixFigures
from callanalytics._kit import checks
from callanalytics._model.hms import format_hms
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.report import Row, average
from callanalytics._views.table import COLUMNS, align, figure_cells, manager_label, summary_line
from callanalytics.exceptions import InvalidValueError

if TYPE_CHECKING:
    import pandas as pd

    from callanalytics._views.report import CallsReport

__all__ = ["GroupReport", "GroupRow", "frame_of", "group_report"]


@attrs.frozen
class GroupRow(SixFigures[int]):
    """One department (R36): the sum of its managers' rows, and their rows.

    Attributes:
        group: The department's name; ``None`` for the managers with no group.
        managers: The rows of its managers, in the report's order.
        average: Each of its totals divided by the number of its managers, rounded up (R15).
    """

    group: str | None = attrs.field(kw_only=True)
    managers: tuple[Row, ...] = attrs.field(kw_only=True)
    average: Figures = attrs.field(kw_only=True)

    @property
    def figures(self) -> Figures:
        """The six figures alone."""
        return Figures(*self.as_tuple())


def _order(group: str | None) -> tuple[bool, str]:
    return (group is None, group or "")


@attrs.frozen
class GroupReport:
    """The calls report by department (R36); from :meth:`CallsReport.by_group`.

    Attributes:
        rows: One row per department, by name; the managers with no group last.
        total: The company's total: the report's, the sum of the departments' rows.
        average: The company's average per manager: the report's.
        unassigned: Calls with no manager (R13): in no department.
        report: The report it groups.
    """

    rows: tuple[GroupRow, ...]
    total: Figures
    average: Figures
    unassigned: Figures
    report: CallsReport = attrs.field(repr=False)

    def __iter__(self) -> Iterator[GroupRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def group(self, name: str | None) -> GroupRow:
        """The department *name* (``None``: the managers with no group)."""
        for row in self.rows:
            if row.group == name:
                return row
        msg = f"'name' is not a department of this report (got {checks.shown(name)})."
        raise InvalidValueError(msg)

    def to_dicts(self, *, lang: str | None = None) -> list[dict[str, Any]]:
        """Plain records: per department its row, its managers, its average; then the company.

        ``kind`` is ``"group"``, ``"manager"``, ``"group_average"``, then ``"total"``,
        ``"average"`` and ``"unassigned"``; ``group`` is the department (``None``: no group).
        *lang* changes only the labels in ``manager``.
        """
        language = check_lang("en" if lang is None else lang)
        records = []
        for row in self.rows:
            label = _group_label(row.group, language)
            records.append(_record("group", row, row.group, None, label))
            records += [
                _record("manager", line, row.group, line.manager.id, line.manager.name)
                for line in row.managers
            ]
            records.append(
                _record("group_average", row.average, row.group, None, text("average", language))
            )
        for kind, figures in (
            ("total", self.total),
            ("average", self.average),
            ("unassigned", self.unassigned),
        ):
            records.append(_record(kind, figures, None, None, text(kind, language)))
        return records

    def to_pandas(self, *, lang: str | None = None) -> pd.DataFrame:
        """The records of :meth:`to_dicts` as a ``pandas.DataFrame`` (extra ``pandas``)."""
        return frame_of(self.to_dicts(lang=lang), "to_pandas()")

    def table(self, *, lang: str = "en") -> str:
        """A text table: each department, its managers indented under it, and its average."""
        lang = check_lang(lang)
        header = [f"{text('group.department', lang)} / {text('manager', lang)}"]
        header += [text(column, lang) for column in COLUMNS[1:]]
        body = []
        for row in self.rows:
            body.append([_group_label(row.group, lang), *figure_cells(row)])
            body += [
                [f"  {manager_label(line.manager, lang)}", *figure_cells(line)]
                for line in row.managers
            ]
            body.append([f"  {text('group.average', lang)}", *figure_cells(row.average)])
        lines = len(body)
        body.append([text("total", lang), *figure_cells(self.total)])
        body.append([text("average", lang), *figure_cells(self.average)])
        body.append([text("unassigned", lang), *figure_cells(self.unassigned)])
        table = align(header, body, lines, lang)
        return "\n".join([*table, "", summary_line(self.report, lang)])

    def __str__(self) -> str:
        return self.table()

    def to_html(self, *, lang: str = "en") -> str:
        """An HTML table: departments in bold, their managers indented, names escaped."""
        lang = check_lang(lang)
        header = [f"{text('group.department', lang)} / {text('manager', lang)}"]
        header += [text(column, lang) for column in COLUMNS[1:]]
        head = "".join(
            f'<th style="text-align: {"left" if i == 0 else "right"}; {_CELL}">{escape(h)}</th>'
            for i, h in enumerate(header)
        )
        body = []
        for row in self.rows:
            body.append(_html_row("group", _group_label(row.group, lang), row))
            body += [
                _html_row("manager", manager_label(line.manager, lang), line)
                for line in row.managers
            ]
            body.append(_html_row("group_average", text("group.average", lang), row.average))
        body.append(_html_row("total", text("total", lang), self.total))
        body.append(_html_row("average", text("average", lang), self.average))
        body.append(_html_row("unassigned", text("unassigned", lang), self.unassigned))
        caption = escape(summary_line(self.report, lang))
        return "\n".join(
            [
                '<table class="callanalytics-groups" style="border-collapse: collapse; '
                'font-variant-numeric: tabular-nums;">',
                f'<caption style="caption-side: bottom; text-align: left;">{caption}</caption>',
                f'<thead><tr style="border-bottom: 1px solid currentColor;">{head}</tr></thead>',
                "<tbody>",
                *body,
                "</tbody>",
                "</table>",
            ]
        )

    def _repr_html_(self) -> str:
        return self.to_html()


_CELL: Final = "padding: 2px 8px; border: none;"
_STYLE: Final = {
    "group": ("font-weight: bold; border-top: 1px solid currentColor;", ""),
    "manager": ("", "padding-left: 24px;"),
    "group_average": ("font-style: italic; color: #555;", "padding-left: 24px;"),
    "total": ("border-top: 2px solid currentColor; font-weight: bold;", ""),
    "average": ("", ""),
    "unassigned": ("border-top: 1px dashed currentColor; font-style: italic;", ""),
}


def _html_row(kind: str, label: str, figures: SixFigures[int]) -> str:
    row_style, indent = _STYLE[kind]
    cells = [f'<td style="text-align: left; {_CELL} {indent}">{escape(label)}</td>']
    cells += [f'<td style="text-align: right; {_CELL}">{v}</td>' for v in figure_cells(figures)]
    style = f' style="{row_style}"' if row_style else ""
    return f'<tr data-kind="{kind}"{style}>{"".join(cells)}</tr>'


def _group_label(group: str | None, lang: str) -> str:
    return text("group.none", lang) if group is None else group


def _record(
    kind: str, figures: SixFigures[int], group: str | None, manager_id: object, label: str
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": kind,
        "group": group,
        "manager_id": manager_id,
        "manager": label,
    }
    record.update(zip(FIGURES, figures.as_tuple(), strict=True))
    record.update(
        (name.replace("_duration", "_hms"), format_hms(getattr(figures, name)))
        for name in FIGURES
        if name in DURATIONS
    )
    return record


def frame_of(records: list[dict[str, Any]], feature: str) -> pd.DataFrame:
    """*records* as a ``pandas.DataFrame`` (extra ``pandas``), the columns in their order."""
    try:
        import pandas as pd
    except ImportError:
        raise checks.missing_extra(feature, "pandas", "pandas") from None
    return pd.DataFrame.from_records(records)


def group_report(report: CallsReport) -> GroupReport:
    """The departments of *report* (R36); see :class:`GroupReport`.

    >>> from datetime import datetime, timezone
    >>> from callanalytics import Call, Manager, build_report
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> team = [Manager(1, "Anna", group="Sales"), Manager(2, "Boris", group="Sales"),
    ...         Manager(3, "Vera")]
    >>> calls = [Call(str(n), "inbound", at, 60 * n, manager_id=1 + n % 3, card_id=1,
    ...               entity_type="contacts") for n in range(1, 6)]
    >>> groups = build_report(calls, team).by_group()
    >>> [(row.group, row.total, row.average.total, row.average.total_duration) for row in groups]
    [('Sales', 3, 2, 240), (None, 2, 2, 420)]
    >>> groups.total == build_report(calls, team).total
    True
    """
    by_group: dict[str | None, list[Row]] = {}
    for row in report.rows:
        by_group.setdefault(row.manager.group, []).append(row)
    rows = []
    for group in sorted(by_group, key=_order):
        managers = tuple(by_group[group])
        figures = Figures.sum(managers)
        rows.append(
            GroupRow(
                *figures.as_tuple(),
                group=group,
                managers=managers,
                average=average(figures, len(managers)),
            )
        )
    return GroupReport(tuple(rows), report.total, report.average, report.unassigned, report)
