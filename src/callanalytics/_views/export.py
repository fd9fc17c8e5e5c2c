"""The report as plain data: a list of dicts, and a pandas frame built from it (R12–R16).

:func:`to_dicts` is the one place that flattens a report; every other export (the pandas frame,
the HTML table) is built from its records, so they all show the same rows and figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal, TypedDict

from callanalytics._aggregate.figures import DURATIONS, FIGURES, SixFigures
from callanalytics._kit.checks import missing_extra
from callanalytics._model.hms import format_hms
from callanalytics._model.models import Id
from callanalytics._views.i18n import text

if TYPE_CHECKING:
    import pandas as pd

    from callanalytics._views.report import CallsReport

__all__ = [
    "FIELDS",
    "FIGURES",
    "FORMULA_STARTS",
    "HMS",
    "KINDS",
    "Kind",
    "Record",
    "csv_cell",
    "missing_extra",
    "record_cells",
    "to_dicts",
    "to_pandas",
]

Kind = Literal["manager", "total", "average", "unassigned"]
KINDS: Final[tuple[Kind, ...]] = ("manager", "total", "average", "unassigned")
"""The kinds of records, in the order :func:`to_dicts` gives them."""


class Record(TypedDict):
    """One line of the report as plain data; the keys are stable English identifiers.

    Summary records (``kind`` other than ``"manager"``) have ``manager_id``, ``group`` and
    ``active`` set to ``None`` and the summary's label (Total, Average, No manager) as
    ``manager``.
    """

    kind: Kind
    manager_id: Id | None
    manager: str
    group: str | None
    active: bool | None
    incoming: int
    outgoing: int
    total: int
    incoming_duration: int
    outgoing_duration: int
    total_duration: int
    incoming_hms: str
    outgoing_hms: str
    total_hms: str


FIELDS: Final[tuple[str, ...]] = tuple(Record.__annotations__)
"""The keys of a :class:`Record` and the columns of :func:`to_pandas`, in order."""

HMS: Final[dict[str, str]] = {name: name.replace("_duration", "_hms") for name in DURATIONS}
"""The key of each duration's ``HH:MM:SS`` text in a record."""

_SUMMARY_LABEL: Final[dict[Kind, str]] = {
    "total": "total",
    "average": "average",
    "unassigned": "unassigned",
}


def _record(
    kind: Kind,
    figures: SixFigures[int],
    *,
    manager: str,
    manager_id: Id | None = None,
    group: str | None = None,
    active: bool | None = None,
) -> Record:
    record: dict[str, object] = {
        "kind": kind,
        "manager_id": manager_id,
        "manager": manager,
        "group": group,
        "active": active,
    }
    record.update(zip(FIGURES, figures.as_tuple(), strict=True))
    record.update((hms, format_hms(getattr(figures, name))) for name, hms in HMS.items())
    return {field: record[field] for field in FIELDS}  # type: ignore[return-value]


FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""How a text cell starts when a spreadsheet would run it as a formula (OWASP, CSV injection)."""


def csv_cell(value: object) -> object:
    """*value* as a cell of a CSV file that a spreadsheet reads as data, never as a formula.

    Text that starts with one of :data:`FORMULA_STARTS` gets a leading ``'``, as OWASP
    recommends against CSV injection; numbers stay numbers (a figure is written as one, and a
    negative number is not text), booleans are written ``true`` / ``false``. Every CSV the
    project writes passes its cells through here.

    >>> [csv_cell(v) for v in ("=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(1)", "Anna", -5, True)]
    ["'=HYPERLINK(1)", "'+1+1", "'-2+3", "'@SUM(1)", 'Anna', -5, 'true']
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def record_cells(record: Record) -> list[str]:
    """The six figures of *record* as a table shows them: numbers, durations as HH:MM:SS."""
    fields: Mapping[str, object] = record
    return [str(fields[HMS[name]] if name in DURATIONS else fields[name]) for name in FIGURES]


def to_dicts(report: CallsReport, *, lang: str | None = None) -> list[Record]:
    """The report as records: one per manager row, then the total, average and unassigned.

    *lang* (``"ru"`` or ``"en"``; ``None`` is English) only changes the ``manager`` label of
    the three summary records; the keys and every other value are the same in any language.

    >>> from datetime import datetime, timezone
    >>> from callanalytics import Call, Manager, build_report
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> report = build_report(
    ...     [Call("a", "inbound", at, 3725, manager_id=1, card_id=10, entity_type="contacts")],
    ...     [Manager(1, "Anna", group="Sales")],
    ... )
    >>> first, *summary = to_dicts(report, lang="ru")
    >>> first["kind"], first["manager"], first["group"], first["incoming"], first["incoming_hms"]
    ('manager', 'Anna', 'Sales', 1, '01:02:05')
    >>> [(r["kind"], r["manager"], r["total"]) for r in summary]
    [('total', 'Итого', 1), ('average', 'Среднее', 1), ('unassigned', 'Без менеджера', 0)]
    """
    language = "en" if lang is None else lang
    labels = {kind: text(key, language) for kind, key in _SUMMARY_LABEL.items()}
    records = [
        _record(
            "manager",
            row,
            manager=row.manager.name,
            manager_id=row.manager.id,
            group=row.manager.group,
            active=row.manager.active,
        )
        for row in report.rows
    ]
    records.append(_record("total", report.total, manager=labels["total"]))
    records.append(_record("average", report.average, manager=labels["average"]))
    records.append(_record("unassigned", report.unassigned, manager=labels["unassigned"]))
    return records


def to_pandas(report: CallsReport, *, lang: str | None = None) -> pd.DataFrame:
    """The records of :func:`to_dicts` as a ``pandas.DataFrame`` (extra ``pandas``).

    The columns are :data:`FIELDS` in order, the index a default ``RangeIndex``; the six figures
    are ``int64``, ``active`` is the nullable ``boolean``, ``manager_id`` the nullable ``Int64``
    when every id is an ``int`` (``object`` otherwise), the rest text.

    >>> from callanalytics import Manager, build_report
    >>> frame = to_pandas(build_report([], [Manager(1, "Anna")]))
    >>> frame[["kind", "manager", "total"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'kind': 'manager', 'manager': 'Anna', 'total': 0},
     {'kind': 'total', 'manager': 'Total', 'total': 0},
     {'kind': 'average', 'manager': 'Average', 'total': 0},
     {'kind': 'unassigned', 'manager': 'No manager', 'total': 0}]
    """
    records = to_dicts(report, lang=lang)
    try:
        import pandas as pd
    except ImportError:
        raise missing_extra("to_pandas()", "pandas", "pandas") from None

    frame = pd.DataFrame.from_records(records, columns=list(FIELDS))
    ids = [r["manager_id"] for r in records if r["manager_id"] is not None]

    # int64 unless a figure is beyond it (a huge duration read from a file): then object,
    # which keeps the exact Python int rather than failing or wrapping around.
    lines: list[Mapping[str, object]] = records  # type: ignore[assignment]

    def fits(field: str) -> bool:
        return all(not isinstance(v := r[field], int) or v < 2**63 for r in lines)

    dtypes: dict[str, str] = {field: "int64" if fits(field) else "object" for field in FIGURES}
    dtypes["active"] = "boolean"
    dtypes["manager_id"] = "Int64" if all(isinstance(i, int) for i in ids) else "object"
    return frame.astype(dtypes)
