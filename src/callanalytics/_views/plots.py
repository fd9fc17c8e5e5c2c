"""The charts of the analyses (extra ``plot``): the trend (R34) and the heatmap (R35).

matplotlib is imported when a chart is drawn, never at import time. Every chart says which
period and timezone it covers.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import TYPE_CHECKING, Final

from callanalytics._aggregate.figures import ZERO, Figures
from callanalytics._kit import checks
from callanalytics._views.covers import covers
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.plot import hms_step, hms_tick
from callanalytics._views.table import manager_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from callanalytics._model.models import Id
    from callanalytics._views.heatmap import Heatmap
    from callanalytics._views.trend import Trend

__all__ = ["plot_heatmap", "plot_trend"]

_SHOWN: Final = 8
"""Up to this many managers are drawn one by one; beyond, the busiest and "others"."""


def _ticker() -> ModuleType:
    """``matplotlib.ticker``, or the error naming the extra ``plot``."""
    try:
        import matplotlib.ticker
    except ImportError:
        raise checks.missing_extra("plot()", "matplotlib", "plot") from None
    return matplotlib.ticker


def _value(figures: Figures, metric: str) -> int:
    return figures.total if metric == "count" else figures.total_duration


def _series(
    trend: Trend, metric: str, by: str, kind: str, lang: str
) -> list[tuple[str, list[float]]]:
    """The series to draw: the total, or one per manager (the busiest, then the others).

    The others are summed in stacked bars (the stack stays the total) and averaged per
    manager in lines (one sum would dwarf every manager's line).
    """
    if by == "total":
        return [(text("total", lang), [_value(r.total, metric) for _, r in trend.buckets])]
    rows = trend.report.rows
    ranked = sorted(rows, key=lambda row: -_value(row.figures, metric))
    shown = ranked if len(ranked) <= _SHOWN else ranked[: _SHOWN - 1]
    rest: list[Id] = [row.manager.id for row in ranked[len(shown) :]]
    series: list[tuple[str, list[float]]] = []
    for row in shown:
        values: list[float] = [
            _value(report.tally.by_manager.get(row.manager.id, ZERO), metric)
            for _, report in trend.buckets
        ]
        series.append((manager_label(row.manager, lang), values))
    if rest:
        share = 1 if kind == "bar" else len(rest)
        values = [
            sum(_value(report.tally.by_manager.get(m, ZERO), metric) for m in rest) / share
            for _, report in trend.buckets
        ]
        series.append((text(f"trend.others.{kind}", lang, count=len(rest)), values))
    return series


def plot_trend(
    trend: Trend,
    ax: Axes | None = None,
    *,
    metric: str = "count",
    by: str = "total",
    kind: str = "line",
    lang: str = "en",
) -> Axes:
    """Draw *trend* on *ax* (a new figure if ``None``): lines or stacked bars per bucket."""
    if metric not in ("count", "duration"):
        raise checks.value_error("metric", "be 'count' or 'duration'", metric)
    if by not in ("total", "manager"):
        raise checks.value_error("by", "be 'total' or 'manager'", by)
    if kind not in ("line", "bar"):
        raise checks.value_error("kind", "be 'line' or 'bar'", kind)
    lang = check_lang(lang)
    ticker = _ticker()
    series = _series(trend, metric, by, kind, lang)
    labels = [trend.label(period) for period, _ in trend.buckets]
    if ax is None:
        import matplotlib.pyplot as plt

        legend_room = 0.0 if by == "total" else 2.6
        width = min(max(6.4, 0.28 * len(labels) + 3.0), 16.0) + legend_room
        ax = plt.figure(figsize=(width, 4.8), layout="constrained").add_subplot()
    positions = list(range(len(labels)))
    bottom: list[float] = [0] * len(labels)
    others = by == "manager" and len(trend.report.rows) > _SHOWN
    for i, (name, values) in enumerate(series):
        last = others and i == len(series) - 1
        color = "grey" if last else f"C{i}"
        if kind == "line":
            style = "--" if last else "-"
            ax.plot(positions, values, style, marker="o", markersize=3, label=name, color=color)
        else:
            ax.bar(positions, values, bottom=bottom, label=name, color=color, width=0.8)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    step = max(1, len(labels) // 20)  # at most about 20 labels, never overlapping
    ax.set_xticks(
        positions[::step], labels[::step], rotation=45, ha="right", rotation_mode="anchor"
    )
    ax.set_xlim(-0.6, len(labels) - 0.4)
    every = text(f"trend.every.{trend.every}", lang)
    ax.set_title(
        f"{text(f'trend.title.{metric}', lang, every=every)}\n"
        f"{covers(trend.period, trend.tz, lang)}",
        fontsize="medium",
    )
    ax.set_ylabel(text(f"chart.axis.{metric}", lang))
    top = max([1, *(v for _, values in series for v in values), *bottom])
    if metric == "count":
        ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    else:
        ax.yaxis.set_major_locator(ticker.MultipleLocator(hms_step(math.ceil(top))))
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(hms_tick))
    ax.set_ylim(0, top * 1.08)
    ax.grid(axis="y", alpha=0.3)
    if by == "manager":
        handles, names = ax.get_legend_handles_labels()
        if kind == "bar":  # listed as stacked: the top of the stack first
            handles, names = handles[::-1], names[::-1]
        ax.legend(
            handles,
            names,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize="small",
        )
    return ax


def _cell_text(value: int, metric: str) -> str:
    """A non-zero cell's value, short enough to fit: durations as ``45s``, ``21m`` or ``1h35``."""
    if metric != "duration":
        return str(value)
    if value < 60:
        return f"{value}s"
    minutes = (value + 30) // 60
    if minutes < 60:
        return f"{minutes}m"
    return f"{minutes // 60}h{minutes % 60:02d}"


def _heat_covers(heatmap: Heatmap, lang: str) -> str:
    """The period the heatmap's filter sets, if any, and its timezone."""
    flt = heatmap.report.filter
    if flt is None or flt.period is None:
        return text("covers.tz", lang, tz=heatmap.tz)
    return covers(flt.period, heatmap.tz, lang)


def plot_heatmap(
    heatmap: Heatmap, ax: Axes | None = None, *, metric: str = "calls", lang: str = "en"
) -> Axes:
    """Draw *heatmap* on *ax* (a new figure if ``None``): weekdays down, hours across."""
    grid = heatmap.values(metric)  # type: ignore[arg-type]
    lang = check_lang(lang)
    ticker = _ticker()
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.figure(figsize=(13.0, 4.4), layout="constrained").add_subplot()
    top = max(1, *(v for row in grid for v in row))
    image = ax.imshow(grid, cmap="YlOrRd", vmin=0, vmax=top, aspect="auto")
    for day, row in enumerate(grid):
        for hour, value in enumerate(row):
            if value:
                ax.text(
                    hour,
                    day,
                    _cell_text(value, metric),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if value > 0.6 * top else "black",
                )
    ax.set_xticks(range(24), [f"{h:02d}" for h in range(24)])
    ax.set_yticks(range(7), [text(f"weekday.{d}", lang) for d in range(7)])
    ax.set_xticks([x - 0.5 for x in range(25)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(8)], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.0)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel(text("heatmap.hour", lang))
    ax.set_ylabel(text("heatmap.weekday", lang))
    ax.set_title(
        f"{text(f'heatmap.title.{metric}', lang)}\n{_heat_covers(heatmap, lang)}",
        fontsize="medium",
    )
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
    if metric == "duration":
        bar.ax.yaxis.set_major_locator(ticker.MultipleLocator(hms_step(top)))
        bar.ax.yaxis.set_major_formatter(ticker.FuncFormatter(hms_tick))
    else:
        bar.ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    return ax
