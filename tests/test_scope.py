"""Every view says which calls it covers: the period and its timezone, the filters, "now"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import callanalytics as ca
from callanalytics._views.plot import SCOPE_GID
from callanalytics._views.table import scope_line
from tests.builders import call

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # 18:00 in Moscow
ANNA, BORIS = ca.Manager(1, "Anna"), ca.Manager(2, "Boris")
MANAGERS = [ANNA, BORIS]
MONTH = ca.Period.preset("this_month", now=NOW, tz="Europe/Moscow")
FULL = ca.Filter(
    period=MONTH,
    entity_types=["contacts"],
    manager_ids=[2, 1],
    min_duration=60,
    max_duration=600,
    statuses=[ca.CallStatus.BUSY, ca.CallStatus.TALKED],
    directions=["inbound"],
)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def report(flt: ca.Filter | None = None, *, now: datetime | None = None) -> ca.CallsReport:
    return ca.build_report([call(1, "inbound", 100, 1)], MANAGERS, filter=flt, now=now)


def test_without_a_filter_the_scope_says_every_call_given_counts() -> None:
    """No filter and no "now": the scope is one phrase saying so, in both languages."""
    assert scope_line(report(), "en") == "All calls given, no filter"
    assert scope_line(report(), "ru") == "Все переданные звонки, без фильтров"


def test_an_empty_filter_is_no_filter() -> None:
    """``Filter()`` lets every call through, and the scope says the same as with no filter."""
    assert scope_line(report(ca.Filter()), "en") == "All calls given, no filter"


def test_the_scope_names_every_filter_in_english() -> None:
    """Period in the account's local time and zone, then entities, managers, bounds, statuses."""
    assert scope_line(report(FULL, now=NOW), "en") == (
        "Period: [2026-11-01 00:00, 2026-12-01 00:00) (Europe/Moscow); entities: contacts; "
        "managers: Anna, Boris; duration: 60 to 600 s; "
        "statuses: had a conversation, line busy; directions: incoming; "
        "now: 2026-11-20 18:00 (Europe/Moscow)"
    )


def test_the_scope_names_every_filter_in_russian() -> None:
    """The same scope in Russian, with the page's words for the statuses."""
    assert scope_line(report(FULL, now=NOW), "ru") == (
        "Период: [2026-11-01 00:00, 2026-12-01 00:00) (Europe/Moscow); сущности: контакты; "
        "менеджеры: Anna, Boris; продолжительность: от 60 до 600 с; "
        "статусы: разговор состоялся, номер занят; направления: входящие; "
        "сейчас: 2026-11-20 18:00 (Europe/Moscow)"
    )


def test_a_filter_without_a_period_covers_any_time() -> None:
    """Without a period the scope says so; "now" is shown in its own zone."""
    at = NOW.astimezone(timezone(timedelta(hours=5)))
    flt = ca.Filter(min_duration=30)
    assert scope_line(report(flt, now=at), "en") == (
        "Period: any; duration: at least 30 s; now: 2026-11-20 20:00 (UTC+05:00)"
    )
    assert scope_line(report(ca.Filter(max_duration=30)), "ru") == (
        "Период: любой; продолжительность: не больше 30 с"
    )


def test_a_period_of_instants_shows_its_own_zone_and_seconds() -> None:
    """A period built from UTC instants reads in UTC, to the second when it has seconds."""
    start = datetime(2026, 11, 2, 9, 0, 30, tzinfo=UTC)
    period = ca.Period(start, datetime(2026, 11, 3, tzinfo=UTC))
    assert scope_line(report(ca.Filter(period=period), now=NOW), "en") == (
        "Period: [2026-11-02 09:00:30, 2026-11-03 00:00) (UTC); now: 2026-11-20 15:00 (UTC)"
    )


def test_now_is_shown_in_the_periods_zone() -> None:
    """With a calendar period, "now" is the account's wall time, not the instant's zone."""
    day = ca.Period.days(date(2026, 11, 20), date(2026, 11, 20), tz="Asia/Vladivostok")
    line = scope_line(report(ca.Filter(period=day), now=NOW), "en")
    assert line == (
        "Period: [2026-11-20 00:00, 2026-11-21 00:00) (Asia/Vladivostok); "
        "now: 2026-11-21 01:00 (Asia/Vladivostok)"
    )


def test_a_long_manager_filter_names_five_and_counts_the_rest() -> None:
    """Seven managers selected: the first five by name, then how many more."""
    team = [ca.Manager(i, f"M{i}") for i in range(1, 8)]
    built = ca.build_report([], team, filter=ca.Filter(manager_ids=range(1, 8)))
    assert scope_line(built, "en") == "Period: any; managers: M1, M2, M3, M4, M5 and 2 more"
    assert scope_line(built, "ru") == "Период: любой; менеджеры: M1, M2, M3, M4, M5 и ещё 2"


def test_manager_names_in_the_scope_cannot_break_the_line() -> None:
    """A newline in a selected manager's name is shown escaped, as in the table's rows."""
    odd = ca.Manager(1, "Anna\nPetrova")
    built = ca.build_report([], [odd], filter=ca.Filter(manager_ids=[1]))
    assert scope_line(built, "en") == "Period: any; managers: Anna\\nPetrova"


def test_the_text_table_ends_with_the_scope() -> None:
    """``table()`` gives the summary line, then the scope line, last."""
    lines = report(FULL, now=NOW).table().splitlines()
    assert lines[-2] == "1 call given; not in the report: 1 (other call status: 1)"
    assert lines[-1] == scope_line(report(FULL, now=NOW), "en")


def test_the_html_caption_ends_with_the_scope_escaped() -> None:
    """The HTML caption's second line is the scope; a selected name is escaped there."""
    odd = ca.Manager(1, "<b>Anna</b>")
    built = ca.build_report([], [odd], filter=ca.Filter(manager_ids=[1]))
    html = built.to_html(lang="ru")
    whole = '<span style="white-space: nowrap;">'
    assert (
        f"<br>{whole}Период: любой</span>; {whole}менеджеры: &lt;b&gt;Anna&lt;/b&gt;</span>"
        "</caption>"
    ) in html
    assert "<b>" not in html


def test_the_html_caption_keeps_each_short_part_whole() -> None:
    """A period or a "now" never wraps inside; a part too long for one line may wrap."""
    managers = [ca.Manager(i, f"Manager number {i:02d}") for i in range(6)]
    flt = ca.Filter(
        period=ca.Period.days(date(2026, 11, 1), date(2026, 11, 30), tz="Europe/Moscow"),
        manager_ids=range(6),
    )
    html = ca.build_report([], managers, filter=flt).to_html()
    (caption,) = re.findall(r"<caption[^>]*>(.*)</caption>", html)
    period = "Period: [2026-11-01 00:00, 2026-12-01 00:00) (Europe/Moscow)"
    names = (
        "managers: Manager number 00, Manager number 01, Manager number 02, "
        "Manager number 03, Manager number 04 and 1 more"
    )
    assert caption == (
        '<span style="white-space: nowrap;">0 calls given</span><br>'
        f'<span style="white-space: nowrap;">{period}</span>; {names}'
    )


def scope_text(ax: Axes) -> Text:
    (found,) = [t for t in ax.texts if t.get_gid() == SCOPE_GID]
    return found


def test_the_graph_says_its_scope_under_the_axes_inside_the_figure() -> None:
    """The scope hangs below the axis label, left-aligned, wrapped, and fits in the figure."""
    ax = report(FULL, now=NOW).plot(lang="ru")
    text = scope_text(ax)
    assert text.get_text().replace("\n", " ") == scope_line(report(FULL, now=NOW), "ru")
    assert "\n" in text.get_text()  # too long for one line of a 6.4-inch figure
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    box = text.get_window_extent(renderer)
    label = ax.xaxis.label.get_window_extent(renderer)
    ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels()]
    assert box.y1 <= label.y0
    assert all(not box.overlaps(tick) for tick in ticks)
    assert box.x0 == pytest.approx(ax.get_window_extent(renderer).x0)
    whole = figure.bbox
    assert whole.x0 <= box.x0
    assert box.x1 <= whole.x1
    assert whole.y0 <= box.y0


def test_the_graph_on_given_axes_says_its_scope_too() -> None:
    """On the caller's axes the scope is there as well, in the language asked for."""
    figure = Figure()
    FigureCanvasAgg(figure)
    ax = report().plot(figure.subplots(), lang="en")
    assert scope_text(ax).get_text() == "All calls given, no filter"
