"""Hour × weekday (R35): counts, durations and missed calls by the local hour they started in.

A view of the one aggregate: the calls are counted once into a tally keyed by the manager, the
local ``(weekday, hour)`` of the start (:func:`~callanalytics._rules.dimensions.slot`) and
whether the call was missed (R31's default rule,
:func:`~callanalytics._rules.dimensions.missed_by_default`), and with business hours also by
whether it started within them (R37). The cells hold every counted call: the managers' rows
and the calls without a manager (R13), so that the cells sum to the report's ``included``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import attrs

from callanalytics._aggregate.tally import Tally
from callanalytics._kit import checks
from callanalytics._model.hms import format_hms
from callanalytics._model.hours import BusinessHours
from callanalytics._model.tariffs import PROFESSIONAL, Tariff
from callanalytics._model.text import parse_zone
from callanalytics._rules.dimensions import MISSED, in_hours, slot
from callanalytics._views.groups import frame_of
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.report import CallsReport, count_calls

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from callanalytics._model.models import Call, Manager

__all__ = ["HeatCell", "Heatmap", "heatmap"]

HeatMetric = Literal["calls", "duration", "missed"]
HEAT_METRICS: Final[tuple[HeatMetric, ...]] = ("calls", "duration", "missed")


@attrs.frozen
class HeatCell:
    """One hour of one weekday (R35).

    Attributes:
        weekday: 0 is Monday, 6 is Sunday.
        hour: The local wall-clock hour, 0–23.
        calls: The calls that started in it.
        duration: Their seconds.
        missed: How many of them were missed (R31's default rule).
        after_hours: How many started after business hours (R37); ``None`` without a schedule.
        missed_after_hours: How many of the missed ones started after hours; ``None`` likewise.
    """

    weekday: int
    hour: int
    calls: int = 0
    duration: int = 0
    missed: int = 0
    after_hours: int | None = None
    missed_after_hours: int | None = None


@attrs.frozen
class Heatmap:
    """Calls by local weekday and hour (R35); build it with :func:`heatmap`.

    Attributes:
        tz: The account's timezone, whose wall clocks the hours are read on.
        cells: The 168 cells, Monday 00:00 first, then by hour, then by weekday.
        report: The calls report of the same calls: the cells sum to its ``included``.
        tally: The aggregate, keyed by manager, ``(weekday, hour)``, missed (and in hours).
        hours: The business hours the cells are split by, or ``None``.
    """

    tz: dt.tzinfo
    cells: tuple[HeatCell, ...] = attrs.field(repr=False)
    report: CallsReport = attrs.field(repr=False)
    tally: Tally = attrs.field(repr=False)
    hours: BusinessHours | None = None

    def cell(self, weekday: int, hour: int) -> HeatCell:
        """The cell of *weekday* (0 is Monday) and local *hour* (0–23)."""
        day = checks.whole(weekday, "weekday")
        if not 0 <= day <= 6:
            raise checks.value_error("weekday", "be 0..6 (0 is Monday)", weekday)
        wall = checks.whole(hour, "hour")
        if not 0 <= wall <= 23:
            raise checks.value_error("hour", "be 0..23", hour)
        return self.cells[day * 24 + wall]

    @property
    def missed(self) -> int:
        """All missed calls (R31's default rule)."""
        return sum(cell.missed for cell in self.cells)

    @property
    def missed_after_hours(self) -> int | None:
        """The missed calls that started after business hours (R37); ``None`` without hours."""
        if self.hours is None:
            return None
        return sum(cell.missed_after_hours or 0 for cell in self.cells)

    @property
    def missed_in_hours(self) -> int | None:
        """The missed calls that started in business hours (R37); ``None`` without hours."""
        after = self.missed_after_hours
        return None if after is None else self.missed - after

    def values(self, metric: HeatMetric = "calls") -> list[list[int]]:
        """The grid of *metric*: 7 rows (Monday first) of 24 hours."""
        if metric not in HEAT_METRICS:
            must = f"be one of {', '.join(map(repr, HEAT_METRICS))}"
            raise checks.value_error("metric", must, metric)
        return [[getattr(self.cells[d * 24 + h], metric) for h in range(24)] for d in range(7)]

    def to_dicts(self) -> list[dict[str, Any]]:
        """One record per cell: weekday, hour, calls, duration, missed (and after hours).

        With business hours, ``after_hours`` and ``missed_after_hours`` too.
        """
        records = []
        for cell in self.cells:
            record = attrs.asdict(cell)
            if self.hours is None:
                del record["after_hours"], record["missed_after_hours"]
            records.append(record)
        return records

    def to_pandas(self) -> pd.DataFrame:
        """The records of :meth:`to_dicts` as a ``pandas.DataFrame`` (extra ``pandas``)."""
        return frame_of(self.to_dicts(), "to_pandas()")

    def table(self, metric: HeatMetric = "calls", *, lang: str = "en") -> str:
        """The grid of *metric* as text: a row per weekday, a column per hour."""
        lang = check_lang(lang)
        grid = self.values(metric)
        show = format_hms if metric == "duration" else str
        cells = [[show(v) if v else "." for v in row] for row in grid]
        width = max(2, *(len(c) for row in cells for c in row))
        head = " " * 4 + " ".join(f"{h:>{width}}" for h in range(24))
        lines = [text(f"heatmap.title.{metric}", lang), head]
        for day, row in enumerate(cells):
            lines.append(
                f"{text(f'weekday.{day}', lang):<3} " + " ".join(c.rjust(width) for c in row)
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()

    def plot(
        self, ax: Axes | None = None, *, metric: HeatMetric = "calls", lang: str = "en"
    ) -> Axes:
        """The heatmap (extra ``plot``): weekday rows Monday first, hours 0–23, values written."""
        from callanalytics._views.plots import plot_heatmap

        return plot_heatmap(self, ax, metric=metric, lang=lang)


def _cells(tally: Tally, split: bool) -> tuple[HeatCell, ...]:
    grid = [[0, 0, 0, 0, 0] for _ in range(168)]  # calls, seconds, missed, after, missed after
    for key, figures in tally.cells.items():
        weekday, hour = cast("tuple[int, int]", key[1])
        missed = key[2] is True
        line = grid[weekday * 24 + hour]
        line[0] += figures.total
        line[1] += figures.total_duration
        if missed:
            line[2] += figures.total
        if split and key[3] is False:
            line[3] += figures.total
            if missed:
                line[4] += figures.total
    return tuple(
        HeatCell(
            i // 24,
            i % 24,
            calls,
            seconds,
            missed,
            after if split else None,
            missed_after if split else None,
        )
        for i, (calls, seconds, missed, after, missed_after) in enumerate(grid)
    )


def heatmap(
    calls: Iterable[Call] | Any,
    managers: Iterable[Manager],
    *,
    tz: str | dt.tzinfo,
    hours: BusinessHours | None = None,
    tariff: Tariff = PROFESSIONAL,
    **options: Any,
) -> Heatmap:
    """Counts, durations and missed calls by local weekday and hour in *tz* (R35).

    *calls* and *options* are :func:`~callanalytics.build_report`'s (objects or a frame). With
    *hours* (R37), each cell also says how many of its calls, and of its missed calls,
    started after business hours.

    >>> from datetime import datetime, timezone
    >>> from callanalytics import Call, Manager
    >>> at = datetime(2026, 11, 2, 8, 30, tzinfo=timezone.utc)  # Monday, 09:30 in Berlin
    >>> calls = [Call("a", "inbound", at, 0, manager_id=1, card_id=1, entity_type="contacts"),
    ...          Call("b", "outbound", at, 75, manager_id=1, card_id=1, entity_type="contacts")]
    >>> grid = heatmap(calls, [Manager(1, "Anna")], tz="Europe/Berlin")
    >>> grid.cell(0, 9)
    HeatCell(weekday=0, hour=9, calls=2, duration=75, missed=1, after_hours=None,
             missed_after_hours=None)
    """
    zone = parse_zone("tz", tz)
    if hours is not None and not isinstance(hours, BusinessHours):
        raise checks.type_error("hours", "a BusinessHours or None", hours)
    dimensions = (slot(zone), MISSED) + (() if hours is None else (in_hours(hours),))
    tally, routing, seen = count_calls(calls, managers, dimensions, tariff=tariff, **options)
    report = CallsReport.from_tally(tally.rollup(), routing, tariff, seen)
    return Heatmap(zone, _cells(tally, hours is not None), report, tally, hours)
