"""The graph of the report: stacked bars per manager and the company average (R15–R17)."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

import callanalytics as ca
from tests.builders import call

ANNA = ca.Manager(1, "Anna")
BORIS = ca.Manager(2, "Boris")
VERA = ca.Manager(3, "Vera", active=False)


CALLS = [
    call(1, "inbound", 100, 1),
    call(2, "inbound", 3700, 1),
    call(3, "outbound", 20, 1),
    call(4, "outbound", 45, 2),
    call(5, "inbound", 7, 3),
    call(6, "outbound", 600, None),
]
# By hand: Anna 2 in (3800 s) + 1 out (20 s) = 3 calls, 3820 s; Boris 1 out, 45 s; Vera
# (inactive) 1 in, 7 s. Total 5 calls, 3872 s; the average over 3 rows, rounded up (R15):
# 2 calls, 1291 s (00:21:31). The unassigned call is not drawn.


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def report() -> ca.CallsReport:
    return ca.build_report(CALLS, [ANNA, BORIS, VERA])


def bars(ax: Axes) -> list[BarContainer]:
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def heights(container: BarContainer) -> list[float]:
    return [patch.get_height() for patch in container.patches]


def average_line(ax: Axes) -> list[float]:
    (line,) = ax.get_lines()
    values: list[float] = np.asarray(line.get_ydata(), dtype=float).tolist()
    return values


def test_r17_plot_draws_a_stacked_bar_per_manager(report: ca.CallsReport) -> None:
    """Per manager, the incoming bar and the outgoing bar stacked on it: 3 managers, 6 parts."""
    ax = report.plot()
    incoming, outgoing = bars(ax)
    assert heights(incoming) == [2, 0, 1]
    assert heights(outgoing) == [1, 1, 0]
    assert [patch.get_y() for patch in outgoing.patches] == [2, 0, 1]
    assert len(ax.patches) == 6


def test_r17_plot_draws_the_average_line(report: ca.CallsReport) -> None:
    """The company average is one horizontal line at the report's average count, 2 (R15)."""
    ax = report.plot()
    assert average_line(ax) == [2, 2]
    assert report.average.total == 2


def test_r17_the_totals_are_written_on_top_of_the_bars(report: ca.CallsReport) -> None:
    """Each stacked bar carries its total: 3, 1 and 1 calls; the scope text comes last."""
    ax = report.plot()
    assert [t.get_text() for t in ax.texts] == ["3", "1", "1", "All calls given, no filter"]


def test_r17_r16_the_duration_graph_is_in_seconds_labelled_hms(report: ca.CallsReport) -> None:
    """Bars and average are whole seconds; the value axis and totals read HH:MM:SS."""
    ax = report.plot(metric="duration")
    incoming, outgoing = bars(ax)
    assert heights(incoming) == [3800, 0, 7]
    assert heights(outgoing) == [20, 45, 0]
    assert average_line(ax) == [1291, 1291]
    assert [t.get_text() for t in ax.texts][:3] == ["01:03:40", "00:00:45", "00:00:07"]
    ax.figure.canvas.draw()
    # Axis up to 3820 s * 1.1 = 4202 s: ticks every 10 minutes, at most 8 of them.
    low, high = ax.get_ylim()
    assert low == 0
    assert high == pytest.approx(4202)
    shown = zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
    assert [t.get_text() for at, t in shown if low <= at <= high] == [
        "00:00:00",
        "00:10:00",
        "00:20:00",
        "00:30:00",
        "00:40:00",
        "00:50:00",
        "01:00:00",
        "01:10:00",
    ]


def test_r17_the_graph_is_labelled_in_english(report: ca.CallsReport) -> None:
    """Title, axis names, legend and manager names, the inactive one marked."""
    ax = report.plot(metric="duration", lang="en")
    assert ax.get_title() == "Call duration by manager"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Manager", "Duration, HH:MM:SS")
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "Incoming",
        "Outgoing",
        "Company average: 00:21:31",
    ]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Anna", "Boris", "Vera (inactive)"]


def test_r17_the_graph_is_labelled_in_russian(report: ca.CallsReport) -> None:
    """In Russian: the page's words for incoming, outgoing, manager and the average."""
    ax = report.plot(lang="ru")
    assert ax.get_title() == "Количество звонков по менеджерам"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Менеджер", "Звонки")
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "Входящие",
        "Исходящие",
        "Среднее по компании: 2",
    ]
    assert [t.get_text() for t in ax.get_xticklabels()][2] == "Vera (неактивен)"


def test_plot_draws_on_the_axes_given(report: ca.CallsReport) -> None:
    """Given axes, the graph is drawn there and no pyplot figure is opened."""
    ax = Figure().subplots()
    assert report.plot(ax) is ax
    assert plt.get_fignums() == []
    assert len(bars(ax)) == 2


def test_plot_without_axes_opens_one_new_figure(report: ca.CallsReport) -> None:
    """Without axes, one new pyplot figure holds the graph (notebooks show it inline)."""
    before = plt.get_fignums()
    ax = report.plot()
    assert len(plt.get_fignums()) == len(before) + 1
    assert ax.figure is plt.gcf()


def test_r15_r17_a_report_without_rows_plots_no_bar_and_a_zero_average() -> None:
    """With no manager row there is no bar, and the average line is at zero."""
    ax = ca.build_report([call(1, "inbound", 30, None)], []).plot(metric="duration")
    assert [len(c.patches) for c in bars(ax)] == [0, 0]
    assert average_line(ax) == [0, 0]


def test_an_unknown_metric_is_an_error_naming_metric(report: ca.CallsReport) -> None:
    """A metric other than count / duration is an ``InvalidValueError`` naming ``metric``."""
    with pytest.raises(
        ca.InvalidValueError, match=r"'metric' must be one of 'count', 'duration' \(got 'calls'\)"
    ):
        report.plot(metric="calls")  # type: ignore[arg-type]


def test_an_unknown_lang_is_an_error_for_plot(report: ca.CallsReport) -> None:
    """A language other than ru / en is an ``InvalidValueError`` naming ``lang``."""
    with pytest.raises(ca.InvalidValueError, match="'lang'"):
        report.plot(lang="de")


def test_plot_without_matplotlib_names_the_extra(
    report: ca.CallsReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without matplotlib, ``plot`` raises ``MissingExtraError`` saying what to install."""
    for module in ("matplotlib", "matplotlib.ticker", "matplotlib.pyplot"):
        monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ca.MissingExtraError, match=r"pip install 'callanalytics\[plot\]'"):
        report.plot()


def test_r17_manager_names_are_never_read_as_math() -> None:
    """A name with dollar signs is drawn as written, and the figure renders."""
    odd = "Ivan $\\frac{$ Petrov"
    report = ca.build_report([call(1, "inbound", 60, 1)], [ca.Manager(1, odd)])
    ax = report.plot()
    assert [label.get_text() for label in ax.get_xticklabels()] == [odd]
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    figure.savefig(io.BytesIO(), format="png")
    plt.close(figure)
