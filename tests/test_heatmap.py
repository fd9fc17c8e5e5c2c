"""Hour × weekday (R35): counts, durations and missed calls by local hour, DST-true, reconciled."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import matplotlib
import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from tests import strategies as cst
from tests.test_frames import polars_frame

matplotlib.use("Agg")

BERLIN = ZoneInfo("Europe/Berlin")
ANNA = ca.Manager(1, "Anna")


def at(text: str) -> datetime:
    """A UTC instant written as ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def call(
    n: int, start: datetime, duration: int = 60, *, direction: str = "inbound", **more: object
) -> ca.Call:
    """Call ``c{n}`` of Anna in contact 1."""
    fields: dict[str, object] = {"manager_id": 1, "card_id": 1, "entity_type": "contacts"}
    fields.update(more)
    return ca.Call(f"c{n}", direction, start, duration, **fields)  # type: ignore[arg-type]


def reference_missed(c: ca.Call) -> bool:
    """R31's default, written again: incoming, and neither talked nor (no status and > 0 s)."""
    if c.direction is not ca.Direction.INCOMING:
        return False
    if c.status is None:
        return c.duration == 0
    return c.status is not ca.CallStatus.TALKED


def test_r35_cells_are_local_weekday_and_hour_with_missed_calls() -> None:
    """Hand-computed: Monday 2 Nov 2026 08:30 UTC is 09:30 in Berlin, weekday 0, hour 9."""
    calls = [
        call(1, at("2026-11-02 08:30"), 0),  # missed: no status, 0 s
        call(2, at("2026-11-02 08:59"), 125, status=4),
        call(3, at("2026-11-02 09:00"), 30, status=3),  # 10:00, missed: not available
        call(4, at("2026-11-08 22:59"), 0, direction="outbound"),  # Sunday 23:59, not missed
        call(5, at("2026-11-02 08:40"), 10, manager_id=None),  # unassigned: counted in cells
        call(6, at("2026-11-02 08:40"), 10, card_id=None, entity_type=None),  # unsorted
    ]
    grid = ca.heatmap(calls, [ANNA], tz="Europe/Berlin")
    assert grid.cell(0, 9) == ca.HeatCell(0, 9, calls=3, duration=135, missed=1)
    assert grid.cell(0, 10) == ca.HeatCell(0, 10, calls=1, duration=30, missed=1)
    assert grid.cell(6, 23) == ca.HeatCell(6, 23, calls=1, duration=0, missed=0)
    assert sum(cell.calls for cell in grid.cells) == 5 == grid.report.included
    assert grid.report.excluded[ca.Exclusion.UNSORTED] == 1
    assert grid.missed == 2
    assert grid.missed_in_hours is None
    assert grid.missed_after_hours is None
    assert len(grid.cells) == 168
    assert grid.cells[0] == ca.HeatCell(0, 0)


def test_r35_dst_days_read_the_wall_clock_hour() -> None:
    """Spring: Berlin has no 02:00 on 29 March; autumn: 02:00 on 25 October happens twice."""
    calls = [
        call(1, at("2026-03-29 00:59")),  # 01:59 CET
        call(2, at("2026-03-29 01:00")),  # 03:00 CEST
        call(3, at("2026-10-25 00:30")),  # 02:30 CEST
        call(4, at("2026-10-25 01:30")),  # 02:30 CET
    ]
    grid = ca.heatmap(calls, [ANNA], tz=BERLIN)
    assert [grid.cell(6, h).calls for h in (1, 2, 3)] == [1, 2, 1]


def test_r35_cells_and_metrics_are_checked() -> None:
    """A weekday outside 0..6, an hour outside 0..23 or an unknown metric is an error."""
    grid = ca.heatmap([], [ANNA], tz="UTC")
    with pytest.raises(ca.InvalidValueError, match="'weekday' must be 0..6"):
        grid.cell(7, 0)
    with pytest.raises(ca.InvalidValueError, match="'hour' must be 0..23"):
        grid.cell(0, 24)
    with pytest.raises(ca.InvalidTypeError, match="'hour' must be an int"):
        grid.cell(0, 1.5)  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidValueError, match="'metric' must be one of 'calls'"):
        grid.values("seconds")  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match="'hours' must be a BusinessHours or None"):
        ca.heatmap([], [ANNA], tz="UTC", hours="9-18")  # type: ignore[arg-type]


def test_r37_the_heatmap_splits_calls_and_missed_calls_by_business_hours() -> None:
    """With a schedule, each cell says how many of its calls and missed calls were after hours."""
    hours = ca.BusinessHours({0: [("09:30", "18:00")]}, tz=BERLIN)
    calls = [
        call(1, at("2026-11-02 08:10"), 0),  # 09:10: before opening, missed
        call(2, at("2026-11-02 08:40"), 0),  # 09:40: in hours, missed
        call(3, at("2026-11-02 08:50"), 20),  # 09:50: in hours
    ]
    grid = ca.heatmap(calls, [ANNA], tz=BERLIN, hours=hours)
    assert grid.cell(0, 9) == ca.HeatCell(0, 9, 3, 20, 2, after_hours=1, missed_after_hours=1)
    assert (grid.missed_in_hours, grid.missed_after_hours) == (1, 1)
    assert grid.to_dicts()[9] == {
        "weekday": 0,
        "hour": 9,
        "calls": 3,
        "duration": 20,
        "missed": 2,
        "after_hours": 1,
        "missed_after_hours": 1,
    }
    assert "after_hours" not in ca.heatmap(calls, [ANNA], tz=BERLIN).to_dicts()[9]


def test_r35_the_frame_and_the_text_grid() -> None:
    """168 records, weekday 0 first; the text grid has a row per weekday, Monday first."""
    grid = ca.heatmap([call(1, at("2026-11-02 08:30"), 3725)], [ANNA], tz=BERLIN)
    frame = grid.to_pandas()
    assert frame.shape == (168, 5)
    assert frame.loc[9].to_dict() == {
        "weekday": 0,
        "hour": 9,
        "calls": 1,
        "duration": 3725,
        "missed": 0,
    }
    lines = grid.table(lang="ru").splitlines()
    assert lines[0] == "Звонки по дням недели и часам"
    assert lines[2].split() == ["Пн", *(["."] * 9), "1", *(["."] * 14)]
    assert [line.split()[0] for line in lines[2:]] == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    assert "01:02:05" in grid.table("duration")
    assert str(grid).startswith("Calls by weekday and hour")


def test_r35_frames_give_the_same_heatmap_as_objects() -> None:
    """Polars and pandas frames of the calls: the same cells, with business hours too."""
    hours = ca.BusinessHours.weekdays("09:00", "17:30", tz=BERLIN)
    calls = [
        call(n, at("2026-10-24 20:00") + timedelta(minutes=97 * n), 60 * (n % 3), status=None)
        for n in range(40)
    ]
    expected = ca.heatmap(calls, [ANNA], tz=BERLIN, hours=hours)
    frame = polars_frame(calls)
    for native in (frame, frame.to_pandas()):
        got = ca.heatmap(native, [ANNA], tz=BERLIN, hours=hours)
        assert got.cells == expected.cells


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(cst.calls(), cst.zoned_calls()), max_size=30, unique_by=lambda c: c.id),
    st.sampled_from([BERLIN, ZoneInfo("America/New_York"), UTC]),
)
def test_r38_the_cells_sum_to_the_calls_report_and_missed_follows_r31(
    calls: list[ca.Call], zone: ZoneInfo
) -> None:
    """Cells + exclusions = the calls; cells = the report's included; missed = the reference."""
    managers = [ca.Manager(m, f"M{m}") for m in range(1, 7)]
    grid = ca.heatmap(calls, managers, tz=zone)
    report = ca.build_report(calls, managers)
    assert grid.report == report
    assert sum(c.calls for c in grid.cells) + sum(report.excluded.values()) == len(calls)
    assert sum(c.calls for c in grid.cells) == report.included
    assert sum(c.duration for c in grid.cells) == (
        report.total.total_duration + report.unassigned.total_duration
    )
    missed = ca.build_report([c for c in calls if reference_missed(c)], managers)
    assert grid.missed == missed.included


def test_r35_the_plot_has_weekday_rows_monday_first_and_hours_across() -> None:
    """Seven rows labelled Monday first, 24 hour columns, each non-zero value written."""
    calls = [call(1, at("2026-11-02 08:30"), 4000), call(2, at("2026-11-08 22:30"), 50)]
    flt = ca.Filter(period=ca.Period.days(date(2026, 11, 2), date(2026, 11, 8), tz=BERLIN))
    grid = ca.heatmap(calls, [ANNA], tz=BERLIN, filter=flt)
    ax = grid.plot()
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
    ]  # fmt: skip
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"{h:02d}" for h in range(24)]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1"]
    assert "[2026-11-02 00:00, 2026-11-09 00:00)" in ax.get_title()
    ax = grid.plot(metric="duration", lang="ru")
    assert sorted(t.get_text() for t in ax.texts) == ["1h07", "50s"]
    assert "Часовой пояс" not in ax.get_title()
    assert "часовой пояс" in ax.get_title()
    three = ca.heatmap([call(1, at("2026-11-02 08:30"), 1500)], [ANNA], tz=BERLIN)
    ax = three.plot(metric="duration")
    assert [t.get_text() for t in ax.texts] == ["25m"]
    assert "Time zone Europe/Berlin" in ax.get_title()
    assert len(three.plot(metric="missed").texts) == 0
    figure, axes = plt.subplots(1, 2)
    assert three.plot(axes[1]) is axes[1]
    plt.close(figure)


def test_r35_the_plot_needs_the_plot_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, the heatmap plot says which extra to install."""
    monkeypatch.setitem(sys.modules, "matplotlib.ticker", None)
    with pytest.raises(ca.MissingExtraError, match=r"callanalytics\[plot\]"):
        ca.heatmap([], [ANNA], tz="UTC").plot()


def test_the_texts_of_the_analyses_exist_in_both_languages() -> None:
    """Every text key is given in Russian and in English."""
    from callanalytics._views.i18n import _TEXT

    assert set(_TEXT["ru"]) == set(_TEXT["en"])
