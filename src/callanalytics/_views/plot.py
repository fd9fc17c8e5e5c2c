"""The graph of the report (R17): per manager, incoming and outgoing stacked, and the average."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

from callanalytics._kit import checks
from callanalytics._model.hms import format_hms
from callanalytics._views.export import missing_extra
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.table import manager_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from callanalytics._views.report import CallsReport

__all__ = ["METRICS", "Metric", "hms_step", "hms_tick", "plot_report"]

Metric = Literal["count", "duration"]
METRICS: Final[tuple[Metric, ...]] = ("count", "duration")

_STEPS: Final = (
    *(1, 2, 5, 10, 15, 30),  # seconds
    *(60, 120, 300, 600, 900, 1800),  # minutes
    *(3600, 7200, 10800, 21600, 43200),  # hours
)
"""Tick steps a reader of HH:MM:SS finds natural: seconds, minutes, hours, then whole days."""
_DAY: Final = 86400
_MAX_TICKS: Final = 8


def hms_step(top: int) -> int:
    """The tick step, in seconds, for a duration axis from 0 to *top*: at most 8 ticks.

    >>> hms_step(50), hms_step(400), hms_step(5000), hms_step(40 * 3600)
    (10, 60, 900, 21600)
    >>> hms_step(10 * 86400) // 86400, hms_step(100 * 86400) // 86400
    (2, 20)
    """
    for step in _STEPS:
        if top <= step * _MAX_TICKS:
            return step
    decade = 1
    while True:  # 1, 2, 5, 10, 20, 50… days
        for days in (decade, 2 * decade, 5 * decade):
            if top <= days * _DAY * _MAX_TICKS:
                return days * _DAY
        decade *= 10


def hms_tick(value: float, _position: int | None = None) -> str:
    """A duration tick label: whole seconds as HH:MM:SS; nothing below zero.

    >>> hms_tick(5400.0), hms_tick(-60.0)
    ('01:30:00', '')
    """
    return "" if value < 0 else format_hms(round(value))


def plot_report(
    report: CallsReport,
    ax: Axes | None = None,
    *,
    metric: Metric = "count",
    lang: str = "en",
) -> Axes:
    """Draw the graph of *report* on *ax* (a new figure if ``None``) and return the axes.

    One stacked bar per manager row (incoming below, outgoing above, the total on top), the
    company average (R15) as a dashed horizontal line, in the report's order. *metric* is
    ``"count"`` or ``"duration"`` (labelled HH:MM:SS, R16).
    """
    checks.member(metric, "metric", METRICS)
    lang = check_lang(lang)
    try:
        from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator
    except ImportError:
        raise missing_extra("plot()", "matplotlib", "plot") from None

    chart = report.chart()
    show: Callable[[int], str]
    if metric == "count":
        incoming = [bar.incoming for bar in chart.bars]
        outgoing = [bar.outgoing for bar in chart.bars]
        totals = [bar.count for bar in chart.bars]
        average = chart.average_count
        show = str
    else:
        incoming = [bar.incoming_duration for bar in chart.bars]
        outgoing = [bar.outgoing_duration for bar in chart.bars]
        totals = [bar.duration for bar in chart.bars]
        average = chart.average_duration
        show = format_hms

    if ax is None:
        ax = _new_axes(len(totals))
    positions = list(range(len(totals)))
    low = ax.bar(positions, incoming, color="C0", label=text("incoming", lang))
    top = ax.bar(positions, outgoing, bottom=incoming, color="C1", label=text("outgoing", lang))
    ax.bar_label(
        top,
        labels=[show(total) for total in totals],
        padding=2,
        fontsize="small",
        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
    )
    line = ax.axhline(
        average,
        color="C3",
        linestyle="--",
        linewidth=1.5,
        label=text("chart.average", lang, value=show(average)),
    )
    names = [manager_label(bar.manager, lang) for bar in chart.bars]
    # Names are user data: never read as math ($...$) by matplotlib.
    ax.set_xticks(
        positions, names, rotation=30, ha="right", rotation_mode="anchor", parse_math=False
    )
    for tick, bar in zip(ax.get_xticklabels(), chart.bars, strict=True):
        if not bar.manager.active:
            tick.set_color("grey")
    ax.set_xlabel(text("manager", lang))
    ax.set_ylabel(text(f"chart.axis.{metric}", lang))
    ax.set_title(text(f"chart.title.{metric}", lang), pad=28)
    highest = max([average, *totals])
    if metric == "count":
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    else:
        ax.yaxis.set_major_locator(MultipleLocator(hms_step(highest)))
        ax.yaxis.set_major_formatter(FuncFormatter(hms_tick))
    ax.set_ylim(0, max(highest * 1.1, 1))  # room for the totals above the bars
    ax.legend(
        handles=[low, top, line],
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=3,
        frameon=False,
    )
    return ax


def _new_axes(bars: int) -> Axes:
    """Axes on a new pyplot figure wide enough for *bars* bars (notebooks show it inline)."""
    import matplotlib.pyplot as plt

    width = min(max(6.4, 1.1 * bars + 2.5), 16.0)
    fig = plt.figure(figsize=(width, 4.8), layout="constrained")
    return fig.add_subplot()
