"""Business hours (R37): the report and the missed calls split into in hours and after hours.

A view of the one aggregate: the calls are counted once into a tally keyed by the manager,
whether the call started within the schedule
(:func:`~callanalytics._rules.dimensions.in_hours`) and whether it was missed (R31's default
rule). The two reports are the tally's two halves; they add up to the report of all the calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from callanalytics._aggregate.tally import Tally
from callanalytics._kit import checks
from callanalytics._model.hours import BusinessHours
from callanalytics._model.models import Id
from callanalytics._model.tariffs import PROFESSIONAL, Tariff
from callanalytics._rules.dimensions import MISSED, in_hours
from callanalytics._views.groups import frame_of
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.report import CallsReport, count_calls

if TYPE_CHECKING:
    import pandas as pd

    from callanalytics._model.models import Call, Manager

__all__ = ["HoursSplit", "split_hours"]

_ALL: Any = object()


@attrs.frozen
class HoursSplit:
    """The calls report in business hours and after hours (R37); from :func:`split_hours`.

    Attributes:
        hours: The schedule.
        report: The report of all the calls: ``in_hours`` and ``after_hours`` add up to it.
        in_hours: The report of the counted calls that started within business hours.
        after_hours: The report of those that started outside them (or on a holiday).
        tally: The aggregate, keyed by manager, in hours, and missed.

    The calls not counted (R11) are the whole report's ``excluded``: they are in neither half.
    """

    hours: BusinessHours
    report: CallsReport
    in_hours: CallsReport
    after_hours: CallsReport
    tally: Tally = attrs.field(repr=False)

    def missed(self, *, in_hours: bool, manager_id: Id | None = _ALL) -> int:
        """Missed calls (R31's default rule) in or after hours, of one manager or of all.

        ``manager_id=None`` counts the missed calls without a manager (R13); by default every
        counted call is.
        """
        checks.flag(in_hours, "in_hours")
        return sum(
            figures.total
            for (manager, inside, missed), figures in self.tally.cells.items()
            if missed is True and inside is in_hours and manager_id in (_ALL, manager)
        )

    @property
    def missed_in_hours(self) -> int:
        """Missed calls that started in business hours."""
        return self.missed(in_hours=True)

    @property
    def missed_after_hours(self) -> int:
        """Missed calls that started after business hours: reported apart (R37)."""
        return self.missed(in_hours=False)

    def to_dicts(self, *, lang: str | None = None) -> list[dict[str, Any]]:
        """The records of both reports' ``to_dicts``, each with its ``part`` and ``missed``.

        ``part`` is ``"in_hours"`` or ``"after_hours"``; ``missed`` is the row's missed calls
        (``None`` for the average).
        """
        records = []
        for part, report in (("in_hours", self.in_hours), ("after_hours", self.after_hours)):
            inside = part == "in_hours"
            for record in report.to_dicts(lang=lang):
                line: dict[str, Any] = {"part": part, **record}
                kind = record["kind"]
                if kind == "manager":
                    line["missed"] = self.missed(in_hours=inside, manager_id=record["manager_id"])
                elif kind == "unassigned":
                    line["missed"] = self.missed(in_hours=inside, manager_id=None)
                elif kind == "total":
                    line["missed"] = self.missed(in_hours=inside) - self.missed(
                        in_hours=inside, manager_id=None
                    )
                else:
                    line["missed"] = None
                records.append(line)
        return records

    def to_pandas(self, *, lang: str | None = None) -> pd.DataFrame:
        """The records of :meth:`to_dicts` as a ``pandas.DataFrame`` (extra ``pandas``)."""
        return frame_of(self.to_dicts(lang=lang), "to_pandas()")

    def table(self, *, lang: str = "en") -> str:
        """Both reports as text tables, each under its heading, and the missed calls."""
        lang = check_lang(lang)
        missed = text(
            "hours.missed", lang, inside=self.missed_in_hours, after=self.missed_after_hours
        )
        return "\n".join(
            [
                text("hours.in", lang),
                self.in_hours.table(lang=lang),
                "",
                text("hours.after", lang),
                self.after_hours.table(lang=lang),
                "",
                missed,
            ]
        )

    def __str__(self) -> str:
        return self.table()


def split_hours(
    calls: Iterable[Call] | Any,
    managers: Iterable[Manager],
    *,
    hours: BusinessHours,
    tariff: Tariff = PROFESSIONAL,
    **options: Any,
) -> HoursSplit:
    """The calls report split by business *hours* (R37), missed calls in and after hours.

    *calls* and *options* are :func:`~callanalytics.build_report`'s (objects or a frame).

    >>> from datetime import datetime, timezone
    >>> from callanalytics import BusinessHours, Call, Manager
    >>> hours = BusinessHours.weekdays("09:00", "18:00", tz="Europe/Berlin")
    >>> def call(n, hour, duration):  # Monday 2 November 2026, *hour* UTC (+1 in Berlin)
    ...     at = datetime(2026, 11, 2, hour, tzinfo=timezone.utc)
    ...     return Call(str(n), "inbound", at, duration, manager_id=1, card_id=1,
    ...                 entity_type="contacts")
    >>> split = split_hours([call(1, 9, 60), call(2, 9, 0), call(3, 19, 0)], [Manager(1, "Anna")],
    ...                     hours=hours)
    >>> split.in_hours.total.total, split.after_hours.total.total
    (2, 1)
    >>> split.missed_in_hours, split.missed_after_hours
    (1, 1)
    """
    if not isinstance(hours, BusinessHours):
        raise checks.type_error("hours", "a BusinessHours", hours)
    dimensions = (in_hours(hours), MISSED)
    tally, routing, seen = count_calls(calls, managers, dimensions, tariff=tariff, **options)
    halves = tally.split("in_hours")
    inside, after = (
        CallsReport.from_tally(halves.get(key, Tally.empty(("missed",))).rollup(), routing, tariff)
        for key in (True, False)
    )
    report = CallsReport.from_tally(tally.rollup(), routing, tariff, seen)
    return HoursSplit(hours, report, inside, after, tally)
