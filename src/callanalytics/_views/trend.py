"""Trends (R34): the calls report per local day, week or month, a view of the one aggregate.

The calls are counted once, into a tally keyed by the manager and by the bucket each call
*started* in (:func:`~callanalytics._rules.dimensions.bucket`): a call is never split at
midnight. The buckets tile the period in the account's timezone — local midnights, so a DST
day lasts 23 or 25 hours — with no gap and no overlap; the first and the last are cut to the
period. A bucket without calls is there, with zeros.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs
from dateutil.relativedelta import relativedelta

from callanalytics._aggregate.figures import FIGURES, ZERO, Figures
from callanalytics._aggregate.tally import Tally
from callanalytics._kit import checks
from callanalytics._model.period import Period, day_bounds
from callanalytics._model.tariffs import PROFESSIONAL, Tariff
from callanalytics._model.text import parse_zone
from callanalytics._rules.dimensions import Every, bucket, bucket_start, check_every, local_moment
from callanalytics._views.covers import covers
from callanalytics._views.groups import frame_of
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.report import CallsReport, count_calls
from callanalytics._views.table import align, figure_cells
from callanalytics.exceptions import InvalidValueError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from callanalytics._model.enums import Exclusion
    from callanalytics._model.models import Call, Manager
    from callanalytics._rules.filter import Filter

__all__ = ["Trend", "buckets_of", "trend"]

_STEP = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
}


def buckets_of(period: Period, every: Every, zone: dt.tzinfo) -> list[tuple[dt.date, Period]]:
    """The buckets that tile *period*: each one's first local day and its part of the period.

    >>> from zoneinfo import ZoneInfo
    >>> berlin = ZoneInfo("Europe/Berlin")
    >>> period = Period.days(dt.date(2026, 3, 28), dt.date(2026, 3, 30), tz=berlin)
    >>> hours = dt.timedelta(hours=1)
    >>> [(day.day, p.duration / hours) for day, p in buckets_of(period, "day", berlin)]
    [(28, 24.0), (29, 23.0), (30, 24.0)]
    """
    first = bucket_start(local_moment(period.start, zone).date(), every)
    start_utc, end_utc = period.start.astimezone(dt.UTC), period.end.astimezone(dt.UTC)
    buckets = []
    while True:
        following = first + _STEP[every]
        begin, end = day_bounds(first, following - dt.timedelta(days=1), zone)
        whole = begin.astimezone(dt.UTC) >= start_utc and end.astimezone(dt.UTC) <= end_utc
        if whole:
            part = Period(begin, end, tz=zone, unit=every, count=1)
        else:
            lower = max(begin.astimezone(dt.UTC), start_utc).astimezone(zone)
            upper = min(end.astimezone(dt.UTC), end_utc).astimezone(zone)
            part = Period(lower, upper)
        buckets.append((first, part))
        if end.astimezone(dt.UTC) >= end_utc:
            return buckets
        first = following


@attrs.frozen
class Trend:
    """The calls report per bucket of a period (R34); build it with :func:`trend`.

    Attributes:
        every: ``"day"``, ``"week"`` or ``"month"``.
        period: The period the buckets tile.
        tz: The account's timezone, whose local days the buckets follow.
        buckets: ``(Period, CallsReport)`` per bucket, in time order; a bucket without calls
            has a report of zeros. A bucket's report counts the calls that started in it; the
            calls not counted (outside the period, not in a card, filtered out…) are
            :attr:`excluded` of the whole trend, as :meth:`Tally.split` leaves them.
        report: The calls report of the whole period: the sum of the buckets (R38).
        tally: The aggregate, keyed by manager and bucket (its first local day).
    """

    every: Every
    period: Period
    tz: dt.tzinfo
    buckets: tuple[tuple[Period, CallsReport], ...]
    report: CallsReport = attrs.field(repr=False)
    tally: Tally = attrs.field(repr=False)

    @property
    def excluded(self) -> Mapping[Exclusion, int]:
        """The calls not in any bucket, by reason (R11): the whole report's exclusions."""
        return self.report.excluded

    @property
    def calls(self) -> int:
        """How many calls the trend was given: in the buckets plus excluded (R11)."""
        return self.report.calls

    def __iter__(self) -> Iterator[tuple[Period, CallsReport]]:
        return iter(self.buckets)

    def __len__(self) -> int:
        return len(self.buckets)

    def label(self, period: Period) -> str:
        """A bucket's label: its first local day (``2026-03``: a month)."""
        day = local_moment(period.start, self.tz).date()
        return day.strftime("%Y-%m") if self.every == "month" else day.isoformat()

    def to_dicts(self, *, lang: str | None = None) -> list[dict[str, Any]]:
        """One record per bucket × manager of the whole report's rows, then unassigned calls.

        Keys: ``start``, ``end`` (the bucket's bounds in the account's timezone), ``bucket``
        (its label), ``kind`` (``"manager"`` or ``"unassigned"``), ``manager_id``,
        ``manager``, ``group`` and the six figures. A manager has a record in every bucket,
        with zeros where it had no calls; the unassigned calls have one per bucket when the
        period has any. *lang* changes only the ``manager`` label of unassigned records.
        """
        language = check_lang("en" if lang is None else lang)
        managers = [row.manager for row in self.report.rows]
        unassigned = self.report.unassigned != ZERO
        records = []
        for period, report in self.buckets:
            base = {"start": period.start, "end": period.end, "bucket": self.label(period)}
            by_manager = report.tally.by_manager
            for manager in managers:
                records.append(
                    {
                        **base,
                        "kind": "manager",
                        "manager_id": manager.id,
                        "manager": manager.name,
                        "group": manager.group,
                        **_figures(by_manager.get(manager.id, ZERO)),
                    }
                )
            if unassigned:
                records.append(
                    {
                        **base,
                        "kind": "unassigned",
                        "manager_id": None,
                        "manager": text("unassigned", language),
                        "group": None,
                        **_figures(report.unassigned),
                    }
                )
        return records

    def to_pandas(self, *, lang: str | None = None) -> pd.DataFrame:
        """The records of :meth:`to_dicts` as a ``pandas.DataFrame`` (extra ``pandas``)."""
        return frame_of(self.to_dicts(lang=lang), "to_pandas()")

    def table(self, *, lang: str = "en") -> str:
        """A text table: per bucket, the company's total (managers' rows), HH:MM:SS."""
        lang = check_lang(lang)
        header = [text("trend.bucket", lang), *(text(f"column.{n}", lang) for n in FIGURES)]
        body = [[self.label(p), *figure_cells(report.total)] for p, report in self.buckets]
        total = [text("total", lang), *figure_cells(self.report.total)]
        lines = align(header, [*body, total], len(body), lang)
        return "\n".join([*lines, "", covers(self.period, self.tz, lang)])

    def __str__(self) -> str:
        return self.table()

    def plot(
        self,
        ax: Axes | None = None,
        *,
        metric: Literal["count", "duration"] = "count",
        by: Literal["total", "manager"] = "total",
        kind: Literal["line", "bar"] = "line",
        lang: str = "en",
    ) -> Axes:
        """The trend as a chart (extra ``plot``): lines or bars per bucket, in total or per manager.

        Per manager, beyond 8 managers the 7 with the most calls (or seconds) are drawn and
        the others summed into one line, so that the legend stays readable.
        """
        from callanalytics._views.plots import plot_trend

        return plot_trend(self, ax, metric=metric, by=by, kind=kind, lang=lang)


def _figures(figures: Figures) -> dict[str, int]:
    return dict(zip(FIGURES, figures.as_tuple(), strict=True))


def trend(
    calls: Iterable[Call] | Any,
    managers: Iterable[Manager],
    *,
    every: Every,
    period: Period,
    tz: str | dt.tzinfo,
    filter: Filter | None = None,
    tariff: Tariff = PROFESSIONAL,
    **options: Any,
) -> Trend:
    """The calls report per local day, week or month of *period* in *tz* (R34).

    *calls* and *options* are :func:`~callanalytics.build_report`'s (objects or a frame);
    *filter* may set anything but the period, which is *period*.

    >>> from datetime import date, datetime, timezone
    >>> from callanalytics import Call, Manager
    >>> def call(n, at):
    ...     return Call(str(n), "inbound", at, 60, manager_id=1, card_id=1, entity_type="contacts")
    >>> calls = [call(1, datetime(2026, 12, 31, 22, 30, tzinfo=timezone.utc)),  # 23:30 Berlin
    ...          call(2, datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc))]  # 1 Jan, 00:30
    >>> days = Period.days(date(2026, 12, 30), date(2027, 1, 1), tz="Europe/Berlin")
    >>> result = trend(calls, [Manager(1, "Anna")], every="day", period=days, tz="Europe/Berlin")
    >>> [(result.label(p), report.total.total) for p, report in result.buckets]
    [('2026-12-30', 0), ('2026-12-31', 1), ('2027-01-01', 1)]
    """
    from callanalytics._rules.filter import Filter

    every = check_every(every)
    zone = parse_zone("tz", tz)
    if not isinstance(period, Period):
        raise checks.type_error("period", "a Period", period)
    if filter is None:
        flt = Filter(period=period)
    elif not isinstance(filter, Filter):
        raise checks.type_error("filter", "a Filter or None", filter)
    elif filter.period is not None:
        msg = (
            "'filter' must not set a period: the trend's period is 'period' "
            f"(got {checks.shown(filter.period)})."
        )
        raise InvalidValueError(msg)
    else:
        flt = attrs.evolve(filter, period=period)
    dimension = bucket(every, zone)
    tally, routing, seen = count_calls(
        calls, managers, (dimension,), filter=flt, tariff=tariff, **options
    )
    parts = tally.split("bucket")
    buckets = tuple(
        (part, CallsReport.from_tally(parts.get(first, Tally.empty()), routing, tariff))
        for first, part in buckets_of(period, every, zone)
    )
    whole = CallsReport.from_tally(tally.rollup(), routing, tariff, seen)
    return Trend(every, period, zone, buckets, whole, tally)
