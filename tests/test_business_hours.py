"""Business hours (R37): the report and the missed calls split into in hours and after hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from tests import strategies as cst
from tests.test_frames import polars_frame

BERLIN = ZoneInfo("Europe/Berlin")
ANNA, BORIS = ca.Manager(1, "Anna"), ca.Manager(2, "Boris")
HOURS = ca.BusinessHours.weekdays("09:00", "18:00", tz=BERLIN, holidays=[date(2026, 12, 24)])


def at(text: str) -> datetime:
    """A UTC instant written as ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def call(n: int, start: datetime, duration: int, manager: int | None = 1) -> ca.Call:
    """An incoming call ``c{n}`` in contact 1, no status (missed when 0 s, R31)."""
    return ca.Call(f"c{n}", "inbound", start, duration, manager_id=manager, card_id=1,
                   entity_type="contacts")  # fmt: skip


CALLS = [
    call(1, at("2026-12-22 08:00"), 60),  # Tuesday 09:00 in Berlin: in hours
    call(2, at("2026-12-22 16:59"), 0),  # 17:59: in hours, missed
    call(3, at("2026-12-22 17:00"), 0),  # 18:00: after hours, missed
    call(4, at("2026-12-24 10:00"), 0, manager=2),  # a holiday: after hours, missed
    call(5, at("2026-12-26 10:00"), 30, manager=None),  # Saturday: after hours, unassigned
    call(6, at("2026-12-22 10:00"), 0, manager=9),  # another account's manager: excluded
]


def test_r37_the_report_splits_into_in_hours_and_after_hours() -> None:
    """Hand-computed: two calls of Anna in hours, one after; Boris's holiday call after hours."""
    split = ca.split_hours(CALLS, [ANNA, BORIS], hours=HOURS)
    assert (split.in_hours.row(1).incoming, split.after_hours.row(1).incoming) == (2, 1)
    assert (split.in_hours.row(2).incoming, split.after_hours.row(2).incoming) == (0, 1)
    assert split.after_hours.unassigned.incoming == 1
    assert split.report.excluded[ca.Exclusion.UNKNOWN_MANAGER] == 1
    assert (split.missed_in_hours, split.missed_after_hours) == (1, 2)
    assert split.missed(in_hours=False, manager_id=2) == 1
    assert split.missed(in_hours=True, manager_id=None) == 0
    with pytest.raises(ca.InvalidTypeError, match="'in_hours' must be a bool"):
        split.missed(in_hours="yes")  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match="'hours' must be a BusinessHours"):
        ca.split_hours(CALLS, [ANNA], hours={0: []})  # type: ignore[arg-type]


def test_r37_records_and_table_say_which_part_and_how_many_missed() -> None:
    """Records carry the part and the missed calls of each line; the table names both parts."""
    split = ca.split_hours(CALLS, [ANNA, BORIS], hours=HOURS)
    records = split.to_dicts()
    assert [(r["part"], r["kind"], r["missed"]) for r in records] == [
        ("in_hours", "manager", 1),
        ("in_hours", "manager", 0),
        ("in_hours", "total", 1),
        ("in_hours", "average", None),
        ("in_hours", "unassigned", 0),
        ("after_hours", "manager", 1),
        ("after_hours", "manager", 1),
        ("after_hours", "total", 2),
        ("after_hours", "average", None),
        ("after_hours", "unassigned", 0),
    ]
    assert split.to_pandas().shape == (10, 16)
    text = split.table(lang="ru")
    assert text.startswith("В рабочее время\n")
    assert "\nВне рабочего времени\n" in text
    assert text.endswith("Пропущено в рабочее время: 1; вне рабочего времени: 2")
    assert str(split).endswith("Missed in business hours: 1; missed after hours: 2")


def test_r37_an_empty_half_is_a_report_of_zeros() -> None:
    """With every call after hours, the in-hours report has rows of zeros."""
    split = ca.split_hours(CALLS[2:3], [ANNA], hours=HOURS)
    assert split.in_hours.total == ca.ZERO
    assert split.after_hours.total.total == 1


def test_r37_frames_give_the_same_split_as_objects() -> None:
    """Polars and pandas frames: the same two halves, a schedule without holidays too."""
    calls = [
        call(n, at("2026-10-24 20:00") + timedelta(minutes=53 * n), 30 * (n % 2), 1 + n % 2)
        for n in range(50)
    ]
    for hours in (HOURS, ca.BusinessHours({6: [("00:00", "24:00")]}, tz="America/New_York")):
        expected = ca.split_hours(calls, [ANNA, BORIS], hours=hours)
        frame = polars_frame(calls)
        for native in (frame, frame.to_pandas()):
            got = ca.split_hours(native, [ANNA, BORIS], hours=hours)
            assert got.tally == expected.tally
            assert (got.in_hours, got.after_hours) == (expected.in_hours, expected.after_hours)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(cst.calls(), cst.zoned_calls()), max_size=30, unique_by=lambda c: c.id),
    st.sampled_from([HOURS, ca.BusinessHours({}, tz="UTC")]),
)
def test_r38_the_two_halves_add_up_to_the_calls_report(
    calls: list[ca.Call], hours: ca.BusinessHours
) -> None:
    """In + after = the report, row by row; + exclusions = the calls; each call in its half."""
    managers = [ca.Manager(m, f"M{m}") for m in range(1, 7)]
    split = ca.split_hours(calls, managers, hours=hours)
    report = ca.build_report(calls, managers)
    assert split.report == report
    for row in report.rows:
        inside = split.in_hours.tally.by_manager.get(row.manager.id, ca.ZERO)
        after = split.after_hours.tally.by_manager.get(row.manager.id, ca.ZERO)
        assert inside + after == row.figures
    assert split.in_hours.included + split.after_hours.included == report.included
    assert report.included + sum(report.excluded.values()) == len(calls)
    expected = ca.build_report([c for c in calls if hours.contains(c.started_at)], managers)
    assert split.in_hours.included == expected.included
