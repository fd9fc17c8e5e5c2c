"""Trends (R34): the report per local day, week or month; DST-true, across a year, reconciled."""

from __future__ import annotations

import itertools
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import duckdb
import matplotlib
import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.text import Text

import callanalytics as ca
from tests import strategies as cst
from tests.test_frames import polars_frame

matplotlib.use("Agg")

BERLIN = ZoneInfo("Europe/Berlin")
ANNA, BORIS = ca.Manager(1, "Anna", group="Sales"), ca.Manager(2, "Boris")
HOUR = timedelta(hours=1)


def at(text: str) -> datetime:
    """A UTC instant written as ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def call(n: int, start: datetime, duration: int = 60, manager: int | None = 1) -> ca.Call:
    """An incoming call ``c{n}`` in contact 1."""
    return ca.Call(f"c{n}", "inbound", start, duration, manager_id=manager, card_id=1,
                   entity_type="contacts")  # fmt: skip


def legend(ax: Axes) -> list[Text]:
    """The texts of the legend of *ax*."""
    box = ax.get_legend()
    assert box is not None
    return list(box.get_texts())


def totals(trend: ca.Trend) -> list[tuple[str, int]]:
    """Each bucket's label and the number of its calls in the managers' rows."""
    return [(trend.label(p), r.total.total) for p, r in trend.buckets]


def test_r34_a_spring_dst_day_is_one_23_hour_bucket() -> None:
    """Berlin, 29 March 2026: 23 hours, 00:00 CET to 00:00 CEST; a call belongs to its start."""
    calls = [
        call(1, at("2026-03-28 23:00")),  # 00:00 CET on the 29th
        call(2, at("2026-03-29 21:59")),  # 23:59 CEST on the 29th
        call(3, at("2026-03-29 22:00")),  # 00:00 CEST on the 30th
        call(4, at("2026-03-28 22:59"), duration=3600),  # 23:59 on the 28th, runs past midnight
    ]
    period = ca.Period.days(date(2026, 3, 28), date(2026, 3, 30), tz=BERLIN)
    trend = ca.trend(calls, [ANNA], every="day", period=period, tz="Europe/Berlin")
    assert totals(trend) == [("2026-03-28", 1), ("2026-03-29", 2), ("2026-03-30", 1)]
    assert [p.duration / HOUR for p, _ in trend.buckets] == [24, 23, 24]
    assert trend.buckets[0][1].total.total_duration == 3600  # never split at midnight


def test_r34_an_autumn_dst_day_is_one_25_hour_bucket() -> None:
    """Berlin, 25 October 2026: 25 hours, from 22:00 UTC the day before to 23:00 UTC."""
    calls = [
        call(1, at("2026-10-24 21:59")),  # 23:59 CEST on the 24th
        call(2, at("2026-10-24 22:00")),
        call(3, at("2026-10-25 00:30")),  # 02:30 CEST
        call(4, at("2026-10-25 01:30")),  # 02:30 CET, the repeated hour
        call(5, at("2026-10-25 22:59")),  # 23:59 CET
        call(6, at("2026-10-25 23:00")),  # 00:00 on the 26th
    ]
    period = ca.Period.days(date(2026, 10, 24), date(2026, 10, 26), tz=BERLIN)
    trend = ca.trend(calls, [ANNA], every="day", period=period, tz=BERLIN)
    assert totals(trend) == [("2026-10-24", 1), ("2026-10-25", 4), ("2026-10-26", 1)]
    assert [p.duration / HOUR for p, _ in trend.buckets] == [24, 25, 24]


def test_r34_weeks_start_on_monday_across_the_year_boundary_and_are_cut_to_the_period() -> None:
    """24 Dec 2026 (Thursday) to 10 Jan 2027: a cut week, two whole weeks from Monday."""
    calls = [call(1, at("2026-12-31 23:30")), call(2, at("2027-01-03 22:59"))]
    period = ca.Period.days(date(2026, 12, 24), date(2027, 1, 10), tz=BERLIN)
    trend = ca.trend(calls, [ANNA], every="week", period=period, tz=BERLIN)
    bounds = [(p.start.date(), p.end.date()) for p, _ in trend.buckets]
    assert bounds == [
        (date(2026, 12, 24), date(2026, 12, 28)),
        (date(2026, 12, 28), date(2027, 1, 4)),
        (date(2027, 1, 4), date(2027, 1, 11)),
    ]
    assert totals(trend) == [("2026-12-24", 0), ("2026-12-28", 2), ("2027-01-04", 0)]
    assert trend.buckets[1][0] == ca.Period.days(date(2026, 12, 28), date(2027, 1, 3), tz=BERLIN)


def test_r34_months_across_the_year_boundary_with_empty_buckets_as_zeros() -> None:
    """15 Nov 2026 to 15 Feb 2027 by month: four buckets, the empty ones with zero rows."""
    calls = [call(1, at("2026-12-31 23:30")), call(2, at("2026-12-31 22:30"), manager=2)]
    period = ca.Period.days(date(2026, 11, 15), date(2027, 2, 15), tz=BERLIN)
    trend = ca.trend(calls, [ANNA, BORIS], every="month", period=period, tz=BERLIN)
    assert totals(trend) == [("2026-11", 0), ("2026-12", 1), ("2027-01", 1), ("2027-02", 0)]
    november = trend.buckets[0][1]
    assert [(row.manager.name, row.total) for row in november.rows] == [("Anna", 0), ("Boris", 0)]
    assert trend.buckets[2][1].row(1).incoming == 1
    assert trend.buckets[1][1].row(2).incoming == 1


def test_r38_calls_outside_the_period_and_filtered_out_are_the_trends_exclusions() -> None:
    """A bucket counts the calls started in it; the rest are excluded with the report's reasons."""
    calls = [
        call(1, at("2026-11-02 10:00")),
        call(2, at("2026-11-30 10:00")),  # outside the period
        call(3, at("2026-11-03 10:00"), duration=5),  # shorter than the filter's minimum
        call(4, at("2026-11-03 11:00"), manager=None),
        call(5, at("2026-11-03 12:00"), manager=9),  # not a manager of the account
    ]
    period = ca.Period.days(date(2026, 11, 2), date(2026, 11, 3), tz=BERLIN)
    flt = ca.Filter(min_duration=10)
    trend = ca.trend(calls, [ANNA], every="day", period=period, tz=BERLIN, filter=flt)
    assert trend.excluded[ca.Exclusion.PERIOD] == 1
    assert trend.excluded[ca.Exclusion.DURATION] == 1
    assert trend.excluded[ca.Exclusion.UNKNOWN_MANAGER] == 1
    assert [r.included for _, r in trend.buckets] == [1, 1]
    assert trend.calls == 5 == sum(r.calls for _, r in trend.buckets) + sum(trend.excluded.values())
    assert trend.report.filter == ca.Filter(period=period, min_duration=10)
    assert len(trend) == 2
    assert [p for p, _ in trend] == [p for p, _ in trend.buckets]


def test_r34_the_trend_checks_its_arguments() -> None:
    """A bad unit, period, filter or a filter with its own period is refused, naming it."""
    period = ca.Period.days(date(2026, 11, 2), date(2026, 11, 3), tz=BERLIN)
    with pytest.raises(ca.InvalidValueError, match="'every' must be one of"):
        ca.trend([], [ANNA], every="hour", period=period, tz=BERLIN)  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match="'period' must be a Period"):
        ca.trend([], [ANNA], every="day", period="today", tz=BERLIN)  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match="'filter' must be a Filter or None"):
        ca.trend([], [ANNA], every="day", period=period, tz=BERLIN, filter=5)  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidValueError, match="'filter' must not set a period"):
        ca.trend([], [ANNA], every="day", period=period, tz=BERLIN, filter=ca.Filter(period=period))
    with pytest.raises(ca.FeatureUnavailableError):
        ca.trend([], [ANNA], every="day", period=period, tz=BERLIN, tariff=ca.BASE)


def test_r34_the_frame_has_one_row_per_bucket_and_manager() -> None:
    """Records for every manager row in every bucket, zeros included; unassigned apart."""
    calls = [call(1, at("2026-11-02 10:00")), call(2, at("2026-11-03 10:00"), manager=None)]
    period = ca.Period.days(date(2026, 11, 2), date(2026, 11, 3), tz=BERLIN)
    trend = ca.trend(calls, [ANNA, BORIS], every="day", period=period, tz=BERLIN)
    records = trend.to_dicts(lang="ru")
    assert [(r["bucket"], r["kind"], r["manager"], r["total"]) for r in records] == [
        ("2026-11-02", "manager", "Anna", 1),
        ("2026-11-02", "manager", "Boris", 0),
        ("2026-11-02", "unassigned", "Без менеджера", 0),
        ("2026-11-03", "manager", "Anna", 0),
        ("2026-11-03", "manager", "Boris", 0),
        ("2026-11-03", "unassigned", "Без менеджера", 1),
    ]
    assert records[0]["start"] == period.start
    assert records[0]["group"] == "Sales"
    frame = trend.to_pandas()
    assert frame.shape == (6, 13)
    assert int(frame["total"].sum()) == 2
    without = ca.trend(calls[:1], [ANNA], every="day", period=period, tz=BERLIN)
    assert [r["kind"] for r in without.to_dicts()] == ["manager", "manager"]


def test_r34_the_table_lists_each_bucket_and_the_total() -> None:
    """One line per bucket with the managers' total, then the whole period, and what it covers."""
    calls = [call(1, at("2026-11-02 10:00"), duration=3725)]
    period = ca.Period.days(date(2026, 11, 2), date(2026, 11, 3), tz=BERLIN)
    trend = ca.trend(calls, [ANNA], every="day", period=period, tz=BERLIN)
    lines = str(trend).splitlines()
    assert lines[0].split() == ["Period", "Incoming", "Outgoing", "Total", "Incoming", "time",
                                "Outgoing", "time", "Total", "time"]  # fmt: skip
    assert lines[2].split() == ["2026-11-02", "1", "0", "1", "01:02:05", "00:00:00", "01:02:05"]
    assert lines[3].split()[:4] == ["2026-11-03", "0", "0", "0"]
    assert lines[5].split()[:2] == ["Total", "1"]
    assert lines[-1] == "[2026-11-02 00:00, 2026-11-04 00:00), time zone Europe/Berlin"
    assert trend.table(lang="ru").splitlines()[-1].endswith("часовой пояс Europe/Berlin")


def test_r34_frames_give_the_same_trend_as_objects() -> None:
    """A polars and a pandas frame of the calls give the same buckets, figure for figure."""
    calls = [call(n, at("2026-10-24 20:00") + n * 7 * HOUR, manager=1 + n % 2) for n in range(12)]
    period = ca.Period.days(date(2026, 10, 24), date(2026, 10, 27), tz=BERLIN)
    expected = ca.trend(calls, [ANNA, BORIS], every="day", period=period, tz=BERLIN)
    frame = polars_frame(calls)
    relation = duckdb.from_arrow(frame.to_arrow())
    for native in (frame, frame.to_pandas(), relation):
        got = ca.trend(native, [ANNA, BORIS], every="day", period=period, tz=BERLIN)
        assert got.buckets == expected.buckets
        assert got.tally == expected.tally


@st.composite
def trend_cases(draw: st.DrawFn) -> tuple[list[ca.Call], ca.Period, str, ZoneInfo]:
    """Calls around the autumn DST change and the end of the year, and a period of local days."""
    zone = draw(st.sampled_from([BERLIN, ZoneInfo("America/New_York"), ZoneInfo("UTC")]))
    first = draw(st.sampled_from([date(2026, 10, 20), date(2026, 12, 20)]))
    first += timedelta(days=draw(st.integers(0, 10)))
    last = first + timedelta(days=draw(st.integers(0, 40)))
    base = datetime.combine(first, datetime.min.time(), tzinfo=UTC) - timedelta(days=2)
    calls = draw(st.lists(cst.calls(), max_size=30, unique_by=lambda c: c.id))
    offsets = draw(st.lists(st.integers(0, 50 * 24 * 60), min_size=len(calls), max_size=len(calls)))
    moved = [
        attrs.evolve(c, started_at=base + timedelta(minutes=m))
        for c, m in zip(calls, offsets, strict=True)
    ]
    every = draw(st.sampled_from(["day", "week", "month"]))
    return moved, ca.Period.days(first, last, tz=zone), every, zone


@settings(max_examples=60, deadline=None)
@given(trend_cases())
def test_r38_the_buckets_tile_the_period_and_sum_to_the_report_of_the_period(
    case: tuple[list[ca.Call], ca.Period, str, ZoneInfo],
) -> None:
    """No gap, no overlap; buckets + exclusions = the calls; the sum = the period's report."""
    calls, period, every, zone = case
    managers = [ca.Manager(m, f"M{m}", active=m % 2 == 0) for m in range(1, 7)]
    trend = ca.trend(iter(calls), managers, every=every, period=period, tz=zone)  # type: ignore[arg-type]
    periods = [p for p, _ in trend.buckets]
    assert periods[0].start == period.start
    assert periods[-1].end == period.end
    assert all(a.end == b.start for a, b in itertools.pairwise(periods))
    whole = ca.build_report(calls, managers, filter=ca.Filter(period=period))
    assert trend.report == whole
    counted = sum(r.included for _, r in trend.buckets)
    assert counted + sum(whole.excluded.values()) == len(calls)
    for row in whole.rows:
        figures = [r.tally.by_manager.get(row.manager.id, ca.ZERO) for _, r in trend.buckets]
        assert ca.Figures.sum(figures) == row.figures
    assert ca.Figures.sum(r.unassigned for _, r in trend.buckets) == whole.unassigned
    for p, report in trend.buckets:  # each call counted in the bucket its start is in
        assert report.included == sum(
            1 for c in calls if c.started_at in p and whole.routing.route(c).counted
        )


def test_r34_the_chart_draws_lines_or_bars_in_total_or_per_manager() -> None:
    """A line or stacked bars per bucket; beyond 8 managers, 7 and the others, averaged in lines."""
    managers = [ca.Manager(m, f"Manager {m}") for m in range(1, 13)]
    calls = [call(n, at("2026-11-02 10:00") + n * 5 * HOUR, manager=1 + n % 12) for n in range(60)]
    period = ca.Period.days(date(2026, 11, 2), date(2026, 11, 15), tz=BERLIN)
    trend = ca.trend(calls, managers, every="day", period=period, tz=BERLIN)
    ax = trend.plot()
    [line] = ax.get_lines()
    ys: Any = line.get_ydata()
    assert list(ys) == [r.total.total for _, r in trend.buckets]
    assert "Europe/Berlin" in ax.get_title()
    ax = trend.plot(by="manager", kind="line", lang="ru")
    assert len(ax.get_lines()) == 8
    labels = [t.get_text() for t in legend(ax)]
    assert labels[-1] == "Остальные (5), среднее на менеджера"
    others: Any = ax.get_lines()[-1].get_ydata()
    assert sum(others) == pytest.approx(25 / 5)  # five managers of five calls each
    ax = trend.plot(by="manager", kind="bar", metric="duration")
    assert next(t.get_text() for t in legend(ax)) == "Others (5)"
    assert ax.yaxis.get_major_formatter()(3600, 0) == "01:00:00"
    small = ca.trend(calls, managers[:3], every="week", period=period, tz=BERLIN,
                     filter=ca.Filter(manager_ids=[1, 2, 3]))  # fmt: skip
    ax = small.plot(by="manager", kind="bar")
    assert len(legend(ax)) == 3
    figure, axes = plt.subplots(1, 2)
    assert small.plot(axes[0], by="manager") is axes[0]
    plt.close(figure)
    for bad in ({"metric": "calls"}, {"by": "group"}, {"kind": "pie"}):
        with pytest.raises(ca.InvalidValueError):
            trend.plot(**bad)  # type: ignore[arg-type]


def test_r34_the_chart_needs_the_plot_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, the chart says which extra to install."""
    period = ca.Period.days(date(2026, 11, 2), date(2026, 11, 3), tz=BERLIN)
    trend = ca.trend([], [ANNA], every="day", period=period, tz=BERLIN)
    monkeypatch.setitem(sys.modules, "matplotlib.ticker", None)
    with pytest.raises(ca.MissingExtraError, match=r"callanalytics\[plot\]"):
        trend.plot()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ca.MissingExtraError, match=r"callanalytics\[pandas\]"):
        trend.to_pandas()
