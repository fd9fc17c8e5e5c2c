"""The graph of the report (R17): per manager, incoming and outgoing stacked, and the average."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

import attrs

from callanalytics._kit import checks
from callanalytics._model.hms import ceil_average, format_hms
from callanalytics._views.export import missing_extra
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.table import manager_label, scope_line

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from callanalytics._views.report import CallsReport, Chart

__all__ = [
    "MAX_BARS",
    "METRICS",
    "NAME_CHARS",
    "SCOPE_GID",
    "VERTICAL_MAX",
    "Metric",
    "hms_step",
    "hms_tick",
    "plot_report",
    "shorten",
    "wrap_parts",
]

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
VERTICAL_MAX: Final = 12
"""Up to this many managers the bars stand side by side; more lie down, sorted by value."""
MAX_BARS: Final = 60
"""The most bars a graph draws; the managers in the middle of the order share one beyond."""
NAME_CHARS: Final = 32
"""Manager names longer than this are cut (``…``) so the bars keep their room."""
_INCHES_PER_BAR: Final = 0.24
"""The height of one horizontal bar's row on a new figure: room for a name and its gap."""
_SLANTED_INCHES_PER_CHAR: Final = 0.04
"""How much taller a name slanted at 30° makes the space under vertical bars, per character."""
_LINE_INCHES: Final = 0.16
"""The height of one line of the scope text under the graph."""
SCOPE_GID: Final = "callanalytics-scope"
"""The ``gid`` of the text under the graph that says which calls it covers."""
_POINTS_PER_CHAR: Final = 5.4
"""About how wide a character of the scope text is, in points (small sans-serif), rounded up."""


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


@attrs.frozen
class _Bar:
    """One bar as drawn: its label, its two stacked parts and the total written at its end."""

    label: str
    incoming: float
    outgoing: float
    total: int
    active: bool = True
    summary: bool = False


def _bars(chart: Chart, metric: Metric, lang: str, *, horizontal: bool) -> list[_Bar]:
    """The bars of *chart*: the report's order, or by value (largest first) when horizontal.

    Beyond :data:`MAX_BARS` the managers in the middle of that order are summarised in one
    bar standing for their mean, so the highest and the lowest stay in sight.
    """
    bars = []
    for bar in chart.bars:
        if metric == "count":
            parts = (bar.incoming, bar.outgoing, bar.count)
        else:
            parts = (bar.incoming_duration, bar.outgoing_duration, bar.duration)
        label = shorten(manager_label(bar.manager, lang))
        bars.append(_Bar(label, *parts, active=bar.manager.active))
    if not horizontal:
        return bars
    bars.sort(key=lambda bar: -bar.total)  # stable: equal values keep the report's order
    if len(bars) <= MAX_BARS:
        return bars
    head = (MAX_BARS - 1) // 2
    tail = MAX_BARS - 1 - head
    middle = bars[head : len(bars) - tail]
    count = len(middle)
    summary = _Bar(
        text("chart.others", lang, count=count),
        sum(bar.incoming for bar in middle) / count,
        sum(bar.outgoing for bar in middle) / count,
        ceil_average(sum(bar.total for bar in middle), count),
        summary=True,
    )
    return [*bars[:head], summary, *bars[len(bars) - tail :]]


def shorten(name: str) -> str:
    """*name* cut to :data:`NAME_CHARS` characters, ``…`` marking the cut.

    >>> shorten("Anna"), shorten("Konstantin Konstantinopolsky-Rimsky-Korsakov")
    ('Anna', 'Konstantin Konstantinopolsky-Ri…')
    """
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def plot_report(
    report: CallsReport,
    ax: Axes | None = None,
    *,
    metric: Metric = "count",
    lang: str = "en",
) -> Axes:
    """Draw the graph of *report* on *ax* (a new figure if ``None``) and return the axes.

    Up to :data:`VERTICAL_MAX` managers: one vertical stacked bar per manager row (incoming
    below, outgoing above, the total on top) in the report's order, the company average (R15)
    as a dashed horizontal line. More managers: horizontal bars sorted by value, largest on
    top, the average a dashed vertical line, on a new figure as tall as the bars need; beyond
    :data:`MAX_BARS` the managers in the middle are one bar of their mean. *metric* is
    ``"count"`` or ``"duration"`` (labelled HH:MM:SS, R16). Under the axes, which calls the
    graph covers.
    """
    checks.member(metric, "metric", METRICS)
    lang = check_lang(lang)
    try:
        from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator
    except ImportError:
        raise missing_extra("plot()", "matplotlib", "plot") from None

    chart = report.chart()
    horizontal = len(chart.bars) > VERTICAL_MAX
    bars = _bars(chart, metric, lang, horizontal=horizontal)
    show: Callable[[int], str] = str if metric == "count" else format_hms
    average = chart.average_count if metric == "count" else chart.average_duration
    new = ax is None
    if ax is None:
        ax = _new_axes(len(bars), horizontal=horizontal)

    positions = list(range(len(bars)))
    incoming = [bar.incoming for bar in bars]
    outgoing = [bar.outgoing for bar in bars]
    inward, outward = text("incoming", lang), text("outgoing", lang)
    if horizontal:
        low = ax.barh(positions, incoming, color="C0", label=inward)
        top = ax.barh(positions, outgoing, left=incoming, color="C1", label=outward)
    else:
        low = ax.bar(positions, incoming, color="C0", label=inward)
        top = ax.bar(positions, outgoing, bottom=incoming, color="C1", label=outward)
    for bar, parts in zip(bars, zip(low.patches, top.patches, strict=True), strict=True):
        if bar.summary:
            for patch in parts:
                patch.set_hatch("///")
                patch.set_alpha(0.6)
    ax.bar_label(
        top,
        labels=[show(bar.total) for bar in bars],
        padding=3 if horizontal else 2,
        fontsize="small",
        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
    )
    legend = text("chart.average", lang, value=show(average))
    draw_line = ax.axvline if horizontal else ax.axhline
    line = draw_line(average, color="C3", linestyle="--", linewidth=1.5, label=legend)

    names = ax.yaxis if horizontal else ax.xaxis
    values = ax.xaxis if horizontal else ax.yaxis
    # Names are user data: never read as math ($...$) by matplotlib.
    if horizontal:
        names.set_ticks(positions, [bar.label for bar in bars], parse_math=False)
        ax.set_ylim(len(bars) - 0.4, -0.6)  # the largest on top, no room wasted
        ax.grid(axis="x", color="0.9", linewidth=0.8)
        ax.set_axisbelow(True)
    else:
        ax.set_xticks(
            positions,
            [bar.label for bar in bars],
            rotation=30,
            ha="right",
            rotation_mode="anchor",
            parse_math=False,
        )
    for tick, bar in zip(names.get_ticklabels(), bars, strict=True):
        if not bar.active:
            tick.set_color("grey")
        if bar.summary:
            tick.set_fontstyle("italic")
    names.set_label_text(text("manager", lang))
    values.set_label_text(text(f"chart.axis.{metric}", lang))
    ax.set_title(text(f"chart.title.{metric}", lang), pad=28)
    highest = max([average, *(bar.total for bar in bars)])
    if metric == "count":
        values.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    else:
        values.set_major_locator(MultipleLocator(hms_step(highest)))
        values.set_major_formatter(FuncFormatter(hms_tick))
    # Room for the totals past the bars' ends: a wider label needs more beside a bar.
    room = (1.18 if metric == "duration" else 1.1) if horizontal else 1.1
    (ax.set_xlim if horizontal else ax.set_ylim)(0, max(highest * room, 1))
    ax.legend(
        handles=[low, top, line],
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=3,
        frameon=False,
    )
    lines = _scope(ax, report, lang)
    if new:  # a figure of our own: taller for what hangs below the axes
        longest = max((len(bar.label) for bar in bars), default=0)
        names_extra = 0 if horizontal else max(longest - 12, 0) * _SLANTED_INCHES_PER_CHAR
        figure = ax.get_figure(root=True)
        assert figure is not None  # the one _new_axes made
        figure.set_figheight(figure.get_figheight() + (lines - 1) * _LINE_INCHES + names_extra)
    return ax


def wrap_parts(line: str, width: int) -> str:
    """*line*'s ``"; "``-separated parts on lines of at most *width* characters.

    Parts share a line while they fit; a part longer than a line is broken between words.

    >>> print(wrap_parts("Period: [a, b) (UTC); entities: contacts; now: c (UTC)", 30))
    Period: [a, b) (UTC);
    entities: contacts; now: c (UTC)
    >>> print(wrap_parts("managers: Anna Petrova, Boris Ivanov; now: c", 20))
    managers: Anna
    Petrova, Boris
    Ivanov; now: c
    """
    lines: list[str] = []
    for number, part in enumerate(line.split("; ")):
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += f"; {part}"
            continue
        if number:
            lines[-1] += ";"
        lines += textwrap.wrap(part, width, break_on_hyphens=False)
    return "\n".join(lines)


def _scope(ax: Axes, report: CallsReport, lang: str) -> int:
    """Say under the graph which calls it covers: period, timezone, filters, "now".

    The text hangs below the axis label, left-aligned with the axes, wrapped to their width;
    names are shortened as on the axis. Returns how many lines it takes.
    """
    from matplotlib.text import Annotation

    figure = ax.get_figure(root=True)
    assert figure is not None  # axes that draw are on a figure
    # The axes' width before the layout, less what long names may take from it.
    inches = figure.get_size_inches()[0] * ax.get_position().width * 0.85
    width = max(int(inches * 72 / _POINTS_PER_CHAR), 40)
    lines = wrap_parts(scope_line(report, lang, names=shorten), width)
    caption = Annotation(
        lines,
        xy=(0, 0),
        xycoords=("axes fraction", ax.xaxis.label),
        xytext=(0, -6),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize="small",
        color="dimgrey",
        parse_math=False,
        gid=SCOPE_GID,
    )
    ax.add_artist(caption)
    caption.set_clip_on(False)  # outside the axes, where the layout makes room for it
    return lines.count("\n") + 1


def _new_axes(bars: int, *, horizontal: bool) -> Axes:
    """Axes on a new pyplot figure that fits *bars* bars (notebooks show it inline).

    Vertical bars widen the figure up to 16 inches; horizontal bars make it taller, a fixed
    height per bar, so that the names never crowd.
    """
    import matplotlib.pyplot as plt

    if horizontal:
        size = (9.6, max(4.8, _INCHES_PER_BAR * bars + 2.4))
    else:
        size = (min(max(6.4, 1.1 * bars + 2.5), 16.0), 4.8)
    fig = plt.figure(figsize=size, layout="constrained")
    return fig.add_subplot()
