"""The graph stays readable with many managers: horizontal bars by value, nothing overlapping."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import callanalytics as ca
from callanalytics._views.plot import MAX_BARS, NAME_CHARS, SCOPE_GID, VERTICAL_MAX
from tests.builders import call


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def team_report(n: int, *, name: str = "Manager {i:02d}") -> ca.CallsReport:
    """*n* managers; manager i makes i + 1 calls (most incoming), each of (n - i) minutes.

    So the counts grow with i and the durations first grow, then fall: the two metrics sort
    the managers differently. Every tenth manager is inactive (with calls, so shown).
    """
    managers = [ca.Manager(i, name.format(i=i), active=i % 10 != 9) for i in range(n)]
    calls: list[ca.Call] = []
    for i in range(n):
        for k in range(i + 1):
            direction = "outbound" if k % 3 == 2 else "inbound"
            calls.append(call(len(calls), direction, (n - i) * 60, i))
    return ca.build_report(calls, managers)


def bars(ax: Axes) -> list[BarContainer]:
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def figure_of(ax: Axes) -> Figure:
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    return figure


def drawn(ax: Axes) -> RendererBase:
    """Draw the figure (running its layout) and give the renderer that measured the texts."""
    figure = figure_of(ax)
    figure.canvas.draw()
    renderer: RendererBase = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    return renderer


def boxes(texts: Sequence[Text], renderer: RendererBase) -> list[Bbox]:
    return [t.get_window_extent(renderer) for t in texts if t.get_text()]


def assert_apart(found: list[Bbox]) -> None:
    """No two boxes share a pixel."""
    for one, other in itertools.combinations(found, 2):
        assert not one.overlaps(other), (one, other)


def assert_inside(found: list[Bbox], figure: Figure) -> None:
    """Every box is within the figure: nothing is cut at its edges."""
    whole = figure.bbox
    for box in found:
        assert whole.x0 <= box.x0
        assert box.x1 <= whole.x1
        assert whole.y0 <= box.y0
        assert box.y1 <= whole.y1


def value_ticks(ax: Axes, *, horizontal: bool) -> list[Text]:
    """The value axis' tick labels within its limits: those drawn."""
    axis = ax.xaxis if horizontal else ax.yaxis
    low, high = sorted(axis.get_view_interval())
    located = zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=True)
    return [label for at, label in located if low <= at <= high]


def totals(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_gid() != SCOPE_GID]


@pytest.mark.parametrize("n", [1, 5, VERTICAL_MAX])
def test_r17_up_to_a_dozen_managers_stand_side_by_side(n: int) -> None:
    """Up to 12 managers: vertical stacked bars in the report's order, names under them."""
    report = team_report(n)
    ax = report.plot()
    incoming, outgoing = bars(ax)
    assert [p.get_height() for p in incoming.patches] == [r.incoming for r in report.rows]
    assert [p.get_y() for p in outgoing.patches] == [r.incoming for r in report.rows]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        f"Manager {i:02d}" + (" (inactive)" if i % 10 == 9 else "") for i in range(n)
    ]
    assert ax.get_ylabel() == "Calls"


@pytest.mark.parametrize(("n", "metric"), [(VERTICAL_MAX + 1, "count"), (50, "duration")])
def test_r17_beyond_a_dozen_the_bars_lie_down_sorted_by_value(n: int, metric: str) -> None:
    """13 or more managers: horizontal bars, the largest on top, in the metric drawn."""
    report = team_report(n)
    ax = report.plot(metric=metric)  # type: ignore[arg-type]
    incoming, outgoing = bars(ax)

    def key(row: ca.Row) -> int:
        return row.total if metric == "count" else row.total_duration

    ranked = sorted(report.rows, key=lambda r: -key(r))
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == [r.manager.name + ("" if r.manager.active else " (inactive)") for r in ranked]
    widths = [a.get_width() + b.get_width() for a, b in zip(incoming, outgoing, strict=True)]
    assert widths == [key(r) for r in ranked]
    assert widths == sorted(widths, reverse=True)
    # Position 0 is drawn at the top: the y axis runs downward.
    low, high = ax.get_ylim()
    assert low > high
    assert ax.get_ylabel() == "Manager"
    assert ax.get_xlabel() == ("Calls" if metric == "count" else "Duration, HH:MM:SS")


def test_r15_r17_the_average_stands_across_horizontal_bars() -> None:
    """Horizontal bars: the company average is a vertical line at the report's average."""
    report = team_report(20)
    ax = report.plot(metric="duration")
    (line,) = ax.get_lines()
    assert np.asarray(line.get_xdata(), dtype=float).tolist() == [report.average.total_duration] * 2
    legend = ax.get_legend()
    assert legend is not None
    assert legend.get_texts()[2].get_text() == (
        f"Company average: {ca.format_hms(report.average.total_duration)}"
    )


def test_r17_horizontal_bars_carry_their_totals_and_grey_the_inactive() -> None:
    """Each bar's end has its total; inactive managers' names are grey there too."""
    report = team_report(15)
    ax = report.plot()
    ranked = sorted(report.rows, key=lambda r: -r.total)
    assert totals(ax) == [str(r.total) for r in ranked]
    grey = [t.get_text() for t in ax.get_yticklabels() if t.get_color() == "grey"]
    assert grey == ["Manager 09 (inactive)"]


def test_the_figure_grows_with_the_number_of_bars() -> None:
    """A new figure is as tall as its horizontal bars need: 50 managers, a taller one."""
    heights = {n: figure_of(team_report(n).plot()).get_figheight() for n in (5, 15, 50)}
    assert heights[5] == pytest.approx(4.8)
    assert heights[15] < heights[50]
    per_bar = (heights[50] - heights[15]) / 35
    assert per_bar == pytest.approx(0.24)


def test_given_axes_keep_their_figure_size() -> None:
    """On the caller's axes nothing is resized, whatever the number of managers."""
    figure = Figure(figsize=(7, 5))
    team_report(50).plot(figure.subplots())
    assert tuple(figure.get_size_inches()) == (7, 5)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("metric", ["count", "duration"])
@pytest.mark.parametrize("n", [5, 15, 50])
def test_r17_no_label_overlaps_another_or_leaves_the_figure(n: int, metric: str, lang: str) -> None:
    """Names, totals, axis labels, title, legend and scope: each apart, each inside."""
    ax = team_report(n).plot(metric=metric, lang=lang)  # type: ignore[arg-type]
    renderer = drawn(ax)
    figure = figure_of(ax)
    horizontal = n > VERTICAL_MAX
    names = boxes(ax.get_yticklabels() if horizontal else ax.get_xticklabels(), renderer)
    values = boxes(value_ticks(ax, horizontal=horizontal), renderer)
    written = boxes([t for t in ax.texts if t.get_gid() != SCOPE_GID], renderer)
    (scope,) = boxes([t for t in ax.texts if t.get_gid() == SCOPE_GID], renderer)
    legend = ax.get_legend()
    assert legend is not None
    labels = [ax.title, ax.xaxis.label, ax.yaxis.label]
    assert len(names) == n
    assert_apart(names)
    assert_apart(values)
    assert_apart(written)
    assert_apart([*boxes(labels, renderer), legend.get_window_extent(renderer), scope])
    assert all(not scope.overlaps(box) for box in [*names, *values])
    assert_inside([*names, *values, *written, *boxes(labels, renderer), scope], figure)


def test_r17_many_managers_are_capped_and_the_middle_summarised() -> None:
    """70 managers: 60 bars, the highest and the lowest named, the 11 between as their mean."""
    report = team_report(70)
    ax = report.plot()
    incoming, outgoing = bars(ax)
    assert len(incoming.patches) == MAX_BARS
    names = [t.get_text() for t in ax.get_yticklabels()]
    ranked = sorted(report.rows, key=lambda r: -r.total)
    head, tail = ranked[:29], ranked[-30:]
    middle = ranked[29:-30]
    assert len(middle) == 11
    shown = [r.manager.name + ("" if r.manager.active else " (inactive)") for r in ranked]
    assert names[:29] == shown[:29]
    assert names[30:] == shown[-30:]
    assert names[29] == "… 11 other managers (mean)"
    mean = sum(r.total for r in middle) / 11
    assert incoming.patches[29].get_width() + outgoing.patches[29].get_width() == (
        pytest.approx(mean)
    )
    assert totals(ax)[29] == str(math.ceil(sum(r.total for r in middle) / 11))
    assert incoming.patches[29].get_hatch() == "///"
    assert ax.get_yticklabels()[29].get_fontstyle() == "italic"
    assert len(head) + len(middle) + len(tail) == 70
    ru = team_report(70).plot(lang="ru")
    assert ru.get_yticklabels()[29].get_text() == "… ещё 11 менеджеров (в среднем)"


def test_r17_long_names_are_shortened_and_stay_apart() -> None:
    """A name past 32 characters is cut with "…", on horizontal and on vertical bars."""
    long = "Konstantin Konstantinopolsky-Rimsky-Korsakov {i:02d}"
    for n in (6, 20):
        ax = team_report(n, name=long).plot(lang="ru")
        names = ax.get_yticklabels() if n > VERTICAL_MAX else ax.get_xticklabels()
        texts = [t.get_text() for t in names]
        assert all(len(t) <= NAME_CHARS + len(" (неактивен)") for t in texts)
        assert texts[0].startswith("Konstantin Konstantinopolsky-Ri")
        assert texts[0].endswith("…")
        renderer = drawn(ax)
        if n > VERTICAL_MAX:
            assert_apart(boxes(names, renderer))
        assert_inside(boxes(names, renderer), figure_of(ax))
