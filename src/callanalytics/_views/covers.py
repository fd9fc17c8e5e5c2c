"""What a view covers, in words: its period in local time and the timezone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from callanalytics._rules.dimensions import local_moment
from callanalytics._views.i18n import text

if TYPE_CHECKING:
    import datetime as dt

    from callanalytics._model.period import Period

__all__ = ["covers"]


def covers(period: Period, zone: dt.tzinfo, lang: str) -> str:
    """*period* on the wall clocks of *zone*, and the zone, in *lang*.

    >>> from datetime import date
    >>> from callanalytics import Period
    >>> covers(Period.days(date(2026, 3, 29), date(2026, 3, 29), tz="Europe/Berlin"),
    ...        Period.days(date(2026, 3, 29), date(2026, 3, 29), tz="Europe/Berlin").tz, "en")
    '[2026-03-29 00:00, 2026-03-30 00:00), time zone Europe/Berlin'
    """
    start = local_moment(period.start, zone).strftime("%Y-%m-%d %H:%M")
    end = local_moment(period.end, zone).strftime("%Y-%m-%d %H:%M")
    return text("covers", lang, period=f"[{start}, {end})", tz=zone)
