"""The period of the date filter: half-open, built on local days of the account (R18).

Expected instants are written by hand, in UTC or at a fixed offset, from the tz database's
published transitions: they never come from the code under test.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz as dateutil_tz
from hypothesis import given, settings
from hypothesis import strategies as st

from callanalytics._model.period import PRESET_NAMES, Period
from callanalytics.exceptions import CallAnalyticsError, InvalidTypeError, InvalidValueError

UTC = dt.UTC
MSK = dt.timezone(dt.timedelta(hours=3))
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A UTC instant."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def msk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A Moscow instant (UTC+3 all year since 2014)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=MSK)


def moscow_days(first: tuple[int, int, int], end: tuple[int, int, int]) -> Period:
    """The plain period from Moscow midnight of ``first`` to Moscow midnight of ``end``."""
    return Period(msk(*first), msk(*end))


# --- The value: half-open, aware, absolute ---------------------------------------------------


def test_r18_period_is_half_open() -> None:
    """A period contains its start and the instants before its end, but not its end."""
    period = Period(utc(2026, 1, 1), utc(2026, 2, 1))
    assert utc(2026, 1, 1) in period
    assert utc(2026, 2, 1) - dt.timedelta(microseconds=1) in period
    assert utc(2026, 2, 1) not in period
    assert utc(2025, 12, 31, 23, 59) not in period


def test_r18_membership_uses_absolute_time_across_zones() -> None:
    """A moment given in another zone is placed by its instant, not by its wall clock."""
    period = Period(msk(2026, 4, 1), msk(2026, 4, 2))
    assert utc(2026, 3, 31, 21) in period  # 00:00 in Moscow
    assert utc(2026, 3, 31, 20, 59) not in period  # 23:59 on 31 March in Moscow


def test_r18_membership_tells_the_two_repeated_hours_apart() -> None:
    """In Berlin's repeated hour, the second 02:10 is after a period ending at the first 02:30."""
    berlin = ZoneInfo("Europe/Berlin")
    period = Period(
        dt.datetime(2026, 10, 25, 2, 0, tzinfo=berlin),  # 00:00Z, still summer time
        dt.datetime(2026, 10, 25, 2, 30, tzinfo=berlin),  # 00:30Z
    )
    assert dt.datetime(2026, 10, 25, 2, 10, tzinfo=berlin) in period  # 00:10Z
    assert dt.datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=berlin) not in period  # 01:10Z


def test_r18_periods_are_equal_when_they_cover_the_same_instants() -> None:
    """Equality and hashing compare instants, whatever the zone, and ignore the calendar record."""
    in_utc = Period(utc(2026, 3, 31, 21), utc(2026, 4, 1, 21))
    in_moscow = Period(msk(2026, 4, 1), msk(2026, 4, 2))
    today = Period.preset("today", now=msk(2026, 4, 1, 12), tz="Europe/Moscow")
    assert in_utc == in_moscow == today
    assert len({in_utc, in_moscow, today}) == 1
    assert Period(utc(2026, 4, 1), utc(2026, 4, 2)) != in_utc


def test_r18_equality_holds_for_an_ambiguous_midnight() -> None:
    """Havana's repeated midnight (1 Nov 2026) equals its first occurrence given in UTC."""
    day = Period.days(dt.date(2026, 11, 1), dt.date(2026, 11, 1), tz="America/Havana")
    assert day == Period(utc(2026, 11, 1, 4), utc(2026, 11, 2, 5))
    assert hash(day) == hash(Period(utc(2026, 11, 1, 4), utc(2026, 11, 2, 5)))


def test_r18_duration_is_absolute_time() -> None:
    """Berlin midnight to midnight on 25 Oct 2026 lasts 25 hours, though both ends share a zone."""
    berlin = ZoneInfo("Europe/Berlin")
    period = Period(
        dt.datetime(2026, 10, 25, tzinfo=berlin), dt.datetime(2026, 10, 26, tzinfo=berlin)
    )
    assert period.duration == 25 * HOUR


def test_r18_str_shows_the_half_open_interval_in_local_time() -> None:
    """``str`` shows ``[start, end)`` as the account's local times."""
    period = Period.preset("today", now=utc(2026, 3, 31, 22, 30), tz="Europe/Moscow")
    assert str(period) == "[2026-04-01 00:00:00+03:00, 2026-04-02 00:00:00+03:00)"


def test_r18_repr_shows_the_calendar_shape() -> None:
    """``repr`` shows the bounds and, for a calendar period, its units and timezone."""
    period = Period.preset("last_7_days", now=msk(2026, 3, 31, 10), tz="Europe/Moscow")
    assert repr(period) == (
        "<Period [2026-03-25T00:00:00+03:00, 2026-04-01T00:00:00+03:00) 7 day(s) in Europe/Moscow>"
    )
    assert repr(Period(utc(2026, 1, 1), utc(2026, 1, 2))) == (
        "<Period [2026-01-01T00:00:00+00:00, 2026-01-02T00:00:00+00:00)>"
    )


def test_r18_plain_period_has_no_calendar_record() -> None:
    """``Period(start, end)`` records no timezone, unit or count."""
    period = Period(utc(2026, 1, 1), utc(2026, 1, 2))
    assert (period.tz, period.unit, period.count) == (None, None, None)


def test_r18_a_calendar_record_may_be_given_explicitly() -> None:
    """A record that describes the bounds is accepted and drives ``previous()``."""
    moscow = ZoneInfo("Europe/Moscow")
    march = Period(msk(2026, 3, 1), msk(2026, 4, 1), tz=moscow, unit="month", count=1)
    assert march.previous() == moscow_days((2026, 2, 1), (2026, 3, 1))


# --- Presets: a table written by hand ---------------------------------------------------------

TUESDAY_31_MARCH = msk(2026, 3, 31, 10)
WEDNESDAY_1_APRIL = utc(2026, 3, 31, 22, 30)  # still 31 March in UTC, 01:30 on 1 April in Moscow


@pytest.mark.parametrize(
    ("name", "now", "first", "end"),
    [
        ("today", TUESDAY_31_MARCH, (2026, 3, 31), (2026, 4, 1)),
        ("yesterday", TUESDAY_31_MARCH, (2026, 3, 30), (2026, 3, 31)),
        ("this_week", TUESDAY_31_MARCH, (2026, 3, 30), (2026, 4, 6)),
        ("last_week", TUESDAY_31_MARCH, (2026, 3, 23), (2026, 3, 30)),
        ("this_month", TUESDAY_31_MARCH, (2026, 3, 1), (2026, 4, 1)),
        ("last_month", TUESDAY_31_MARCH, (2026, 2, 1), (2026, 3, 1)),
        ("this_quarter", TUESDAY_31_MARCH, (2026, 1, 1), (2026, 4, 1)),
        ("this_year", TUESDAY_31_MARCH, (2026, 1, 1), (2027, 1, 1)),
        ("last_7_days", TUESDAY_31_MARCH, (2026, 3, 25), (2026, 4, 1)),
        ("last_30_days", TUESDAY_31_MARCH, (2026, 3, 2), (2026, 4, 1)),
        ("today", WEDNESDAY_1_APRIL, (2026, 4, 1), (2026, 4, 2)),
        ("yesterday", WEDNESDAY_1_APRIL, (2026, 3, 31), (2026, 4, 1)),
        ("this_week", WEDNESDAY_1_APRIL, (2026, 3, 30), (2026, 4, 6)),
        ("this_month", WEDNESDAY_1_APRIL, (2026, 4, 1), (2026, 5, 1)),
        ("last_month", WEDNESDAY_1_APRIL, (2026, 3, 1), (2026, 4, 1)),
        ("this_quarter", WEDNESDAY_1_APRIL, (2026, 4, 1), (2026, 7, 1)),
        ("last_7_days", WEDNESDAY_1_APRIL, (2026, 3, 26), (2026, 4, 2)),
        ("last_30_days", WEDNESDAY_1_APRIL, (2026, 3, 3), (2026, 4, 2)),
    ],
)
def test_r18_presets_in_moscow(
    name: str, now: dt.datetime, first: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    """Each preset is the hand-computed run of whole Moscow days around ``now``."""
    assert Period.preset(name, now=now, tz="Europe/Moscow") == moscow_days(first, end)


def test_r18_now_in_utc_is_placed_on_the_local_date() -> None:
    """2026-03-31T22:30Z is 31 March in UTC but already 1 April in Moscow."""
    assert Period.preset("today", now=WEDNESDAY_1_APRIL, tz="UTC") == Period(
        utc(2026, 3, 31), utc(2026, 4, 1)
    )
    assert Period.preset("today", now=WEDNESDAY_1_APRIL, tz="Europe/Moscow") == Period(
        utc(2026, 3, 31, 21), utc(2026, 4, 1, 21)
    )


@pytest.mark.parametrize(
    ("fold", "start", "end"),
    [
        # 00:30 read with the offset after the jump (-4) is 04:30Z: 23:30 on 7 March.
        (1, utc(2026, 3, 7, 5), utc(2026, 3, 8, 5)),
        # 00:30 read with the offset before the jump (-5) is 05:30Z: 01:30 on 8 March.
        (0, utc(2026, 3, 8, 5), utc(2026, 3, 9, 4)),
    ],
)
def test_r18_now_in_a_dst_gap_is_placed_by_its_instant(
    fold: int, start: dt.datetime, end: dt.datetime
) -> None:
    """A ``now`` on Havana's skipped 00:30 falls on the local day of the instant it stands for."""
    now = dt.datetime(2026, 3, 8, 0, 30, fold=fold, tzinfo=ZoneInfo("America/Havana"))
    today = Period.preset("today", now=now, tz="America/Havana")
    assert today == Period(start, end)
    assert now in today


def test_r18_preset_bounds_are_expressed_in_the_account_zone() -> None:
    """A preset's start and end carry the account's zone, so they read as local midnights."""
    berlin = ZoneInfo("Europe/Berlin")
    period = Period.preset("this_month", now=utc(2026, 3, 15), tz="Europe/Berlin")
    assert period.start.tzinfo is berlin
    assert period.end.tzinfo is berlin
    assert (period.start.hour, period.end.hour) == (0, 0)
    assert (period.tz, period.unit, period.count) == (berlin, "month", 1)


def test_r18_tz_may_be_a_tzinfo() -> None:
    """``tz`` accepts a ZoneInfo or any tzinfo as well as a zoneinfo key."""
    now = utc(2026, 3, 31, 22, 30)
    expected = Period(utc(2026, 3, 31, 21), utc(2026, 4, 1, 21))
    assert Period.preset("today", now=now, tz=ZoneInfo("Europe/Moscow")) == expected
    assert Period.preset("today", now=now, tz=MSK) == expected


def test_r18_this_periods_run_to_the_end_of_the_unit() -> None:
    """``this_month`` on 10 March covers the whole of March, past ``now``."""
    period = Period.preset("this_month", now=msk(2026, 3, 10, 9), tz="Europe/Moscow")
    assert period == moscow_days((2026, 3, 1), (2026, 4, 1))
    assert msk(2026, 3, 31, 23, 59) in period


# --- Weeks start on Monday --------------------------------------------------------------------


def test_r18_week_of_a_late_sunday_evening_started_on_monday() -> None:
    """Sunday 29 March 2026 at 23:59 belongs to the week from Monday 23 March."""
    now = msk(2026, 3, 29, 23, 59)
    assert Period.preset("this_week", now=now, tz="Europe/Moscow") == moscow_days(
        (2026, 3, 23), (2026, 3, 30)
    )


def test_r18_monday_midnight_starts_a_new_week() -> None:
    """Monday 30 March 2026 at 00:00 starts the week to Sunday 5 April."""
    now = msk(2026, 3, 30)
    assert Period.preset("this_week", now=now, tz="Europe/Moscow") == moscow_days(
        (2026, 3, 30), (2026, 4, 6)
    )


def test_r18_sunday_in_utc_can_be_monday_locally() -> None:
    """Sunday 21:30Z is Monday 00:30 in Moscow: the weeks differ by zone."""
    now = utc(2026, 3, 29, 21, 30)
    assert Period.preset("this_week", now=now, tz="Europe/Moscow") == moscow_days(
        (2026, 3, 30), (2026, 4, 6)
    )
    assert Period.preset("this_week", now=now, tz="UTC") == Period(
        utc(2026, 3, 23), utc(2026, 3, 30)
    )


# --- Month ends, quarters, year boundary ------------------------------------------------------


def test_r18_last_month_on_31_march_is_the_whole_of_february() -> None:
    """On 31 March, last_month is 1–28 February, not 28 February–31 March."""
    period = Period.preset("last_month", now=msk(2026, 3, 31, 23), tz="Europe/Moscow")
    assert period == moscow_days((2026, 2, 1), (2026, 3, 1))
    assert period.duration == 28 * DAY


def test_r18_last_month_in_a_leap_year_has_29_days() -> None:
    """On 31 March 2024, last_month is the 29 days of February 2024."""
    period = Period.preset("last_month", now=msk(2024, 3, 31, 12), tz="Europe/Moscow")
    assert period == moscow_days((2024, 2, 1), (2024, 3, 1))
    assert period.duration == 29 * DAY


def test_r18_month_on_31_january_then_back_through_february() -> None:
    """From 31 January, this_month is January and the months before it are whole."""
    january = Period.preset("this_month", now=msk(2026, 1, 31, 12), tz="Europe/Moscow")
    assert january == moscow_days((2026, 1, 1), (2026, 2, 1))
    assert january.previous() == moscow_days((2025, 12, 1), (2026, 1, 1))
    assert january.previous().previous() == moscow_days((2025, 11, 1), (2025, 12, 1))


def test_r18_months_before_a_31st_do_not_clamp() -> None:
    """March's previous months are the whole of February, then the whole of January."""
    march = Period.preset("this_month", now=msk(2026, 3, 31, 12), tz="Europe/Moscow")
    assert march.previous() == moscow_days((2026, 2, 1), (2026, 3, 1))
    assert march.previous().previous() == moscow_days((2026, 1, 1), (2026, 2, 1))


@pytest.mark.parametrize(
    ("now", "first", "end"),
    [
        (msk(2026, 1, 1), (2026, 1, 1), (2026, 4, 1)),
        (msk(2026, 3, 31, 23, 59), (2026, 1, 1), (2026, 4, 1)),
        (msk(2026, 4, 1), (2026, 4, 1), (2026, 7, 1)),
        (msk(2026, 6, 30, 12), (2026, 4, 1), (2026, 7, 1)),
        (msk(2026, 7, 1), (2026, 7, 1), (2026, 10, 1)),
        (msk(2026, 8, 15, 12), (2026, 7, 1), (2026, 10, 1)),
        (msk(2026, 10, 1), (2026, 10, 1), (2027, 1, 1)),
        (msk(2026, 12, 31, 23, 59), (2026, 10, 1), (2027, 1, 1)),
    ],
)
def test_r18_quarter_edges(
    now: dt.datetime, first: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    """this_quarter is Q1..Q4 from 1 January, April, July, October, edges included."""
    assert Period.preset("this_quarter", now=now, tz="Europe/Moscow") == moscow_days(first, end)


def test_r18_quarter_before_q1_is_q4_of_the_previous_year() -> None:
    """The quarter before Q1 2026 is October–December 2025."""
    q1 = Period.preset("this_quarter", now=msk(2026, 2, 10), tz="Europe/Moscow")
    assert q1.previous() == moscow_days((2025, 10, 1), (2026, 1, 1))


def test_r18_new_year_day() -> None:
    """On 1 January, yesterday is 31 December and the weeks straddle the years."""
    now = msk(2026, 1, 1, 0, 30)  # a Thursday
    tz = "Europe/Moscow"
    assert Period.preset("today", now=now, tz=tz) == moscow_days((2026, 1, 1), (2026, 1, 2))
    assert Period.preset("yesterday", now=now, tz=tz) == moscow_days((2025, 12, 31), (2026, 1, 1))
    assert Period.preset("this_week", now=now, tz=tz) == moscow_days((2025, 12, 29), (2026, 1, 5))
    assert Period.preset("last_week", now=now, tz=tz) == moscow_days((2025, 12, 22), (2025, 12, 29))
    assert Period.preset("last_month", now=now, tz=tz) == moscow_days((2025, 12, 1), (2026, 1, 1))
    assert Period.preset("this_year", now=now, tz=tz) == moscow_days((2026, 1, 1), (2027, 1, 1))


def test_r18_year_before_is_the_whole_previous_year() -> None:
    """The year before this_year 2026 is 2025."""
    year = Period.preset("this_year", now=msk(2026, 7, 1), tz="Europe/Moscow")
    assert year.previous() == moscow_days((2025, 1, 1), (2026, 1, 1))


# --- DST --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "day", "start", "end", "hours"),
    [
        # Berlin: CET (+1) -> CEST (+2) on 29 March 2026, back on 25 October 2026.
        ("Europe/Berlin", dt.date(2026, 3, 29), utc(2026, 3, 28, 23), utc(2026, 3, 29, 22), 23),
        ("Europe/Berlin", dt.date(2026, 10, 25), utc(2026, 10, 24, 22), utc(2026, 10, 25, 23), 25),
        ("Europe/Berlin", dt.date(2026, 3, 30), utc(2026, 3, 29, 22), utc(2026, 3, 30, 22), 24),
        # New York: EST (-5) -> EDT (-4) on 8 March 2026, back on 1 November 2026.
        ("America/New_York", dt.date(2026, 3, 8), utc(2026, 3, 8, 5), utc(2026, 3, 9, 4), 23),
        ("America/New_York", dt.date(2026, 11, 1), utc(2026, 11, 1, 4), utc(2026, 11, 2, 5), 25),
        # Moscow: UTC+3 all year, no DST.
        ("Europe/Moscow", dt.date(2026, 3, 29), utc(2026, 3, 28, 21), utc(2026, 3, 29, 21), 24),
        ("Europe/Moscow", dt.date(2026, 10, 25), utc(2026, 10, 24, 21), utc(2026, 10, 25, 21), 24),
    ],
)
def test_r18_dst_days_last_23_or_25_hours(
    tz: str, day: dt.date, start: dt.datetime, end: dt.datetime, hours: int
) -> None:
    """A local day runs from midnight to midnight: 23 h on spring-forward, 25 h on fall-back."""
    period = Period.days(day, day, tz=tz)
    assert period == Period(start, end)
    assert period.duration == hours * HOUR


def test_r18_spring_forward_day_lasts_23_hours_as_today() -> None:
    """``today`` on Berlin's spring-forward day is the 23-hour day."""
    period = Period.preset("today", now=utc(2026, 3, 29, 12), tz="Europe/Berlin")
    assert period == Period(utc(2026, 3, 28, 23), utc(2026, 3, 29, 22))
    assert period.duration == 23 * HOUR


def test_r18_fall_back_day_lasts_25_hours_as_yesterday() -> None:
    """``yesterday`` the day after New York's fall-back is the 25-hour day."""
    period = Period.preset("yesterday", now=utc(2026, 11, 2, 15), tz="America/New_York")
    assert period == Period(utc(2026, 11, 1, 4), utc(2026, 11, 2, 5))
    assert period.duration == 25 * HOUR


def test_r18_month_with_a_dst_change_lasts_one_hour_less() -> None:
    """March 2026 in Berlin is 31 days minus the hour lost on the 29th, and April follows it."""
    march = Period.preset("this_month", now=utc(2026, 3, 15), tz="Europe/Berlin")
    assert march == Period(utc(2026, 2, 28, 23), utc(2026, 3, 31, 22))
    assert march.duration == 31 * DAY - HOUR
    april = Period.preset("this_month", now=utc(2026, 4, 15), tz="Europe/Berlin")
    assert april.previous() == march


def test_r18_half_hour_dst_shift() -> None:
    """Lord Howe Island falls back by 30 minutes: 5 April 2026 lasts 24.5 hours."""
    period = Period.days(dt.date(2026, 4, 5), dt.date(2026, 4, 5), tz="Australia/Lord_Howe")
    assert period == Period(utc(2026, 4, 4, 13), utc(2026, 4, 5, 13, 30))
    assert period.duration == 24 * HOUR + dt.timedelta(minutes=30)


@pytest.mark.parametrize(
    ("tz", "day", "start", "end", "local_start"),
    [
        # Clocks jump from 00:00 (-4) to 01:00 (-3) on 11 September 2022.
        ("America/Santiago", dt.date(2022, 9, 11), utc(2022, 9, 11, 4), utc(2022, 9, 12, 3), 1),
        # Clocks jump from 00:00 (-5) to 01:00 (-4) on 8 March 2026.
        ("America/Havana", dt.date(2026, 3, 8), utc(2026, 3, 8, 5), utc(2026, 3, 9, 4), 1),
        # Clocks jump from 00:00 (+2) to 01:00 (+3) on 29 March 2026.
        ("Asia/Beirut", dt.date(2026, 3, 29), utc(2026, 3, 28, 22), utc(2026, 3, 29, 21), 1),
    ],
)
def test_r18_missing_midnight_starts_the_day_at_its_first_instant(
    tz: str, day: dt.date, start: dt.datetime, end: dt.datetime, local_start: int
) -> None:
    """When local midnight falls in a DST gap, the day starts at the transition (01:00)."""
    period = Period.days(day, day, tz=tz)
    assert period == Period(start, end)
    assert period.duration == 23 * HOUR
    assert (period.start.date(), period.start.hour, period.start.minute) == (day, local_start, 0)


def test_r18_day_before_a_missing_midnight_ends_at_the_transition() -> None:
    """Santiago's 10 September 2022 ends at the instant its next day starts, 04:00Z."""
    period = Period.days(dt.date(2022, 9, 10), dt.date(2022, 9, 10), tz="America/Santiago")
    assert period == Period(utc(2022, 9, 10, 4), utc(2022, 9, 11, 4))
    assert period.previous().end == period.start


def test_r18_repeated_midnight_starts_the_day_at_its_first_occurrence() -> None:
    """Havana repeats 00:00–01:00 on 1 November 2026: the day starts at the first midnight."""
    period = Period.days(dt.date(2026, 11, 1), dt.date(2026, 11, 1), tz="America/Havana")
    assert period == Period(utc(2026, 11, 1, 4), utc(2026, 11, 2, 5))
    assert period.duration == 25 * HOUR


def test_r18_fall_back_at_midnight_makes_the_day_before_25_hours() -> None:
    """Santiago went back from 00:00 (-3) to 23:00 (-4) on 3 April 2022: 2 April lasted 25 h."""
    period = Period.days(dt.date(2022, 4, 2), dt.date(2022, 4, 2), tz="America/Santiago")
    assert period == Period(utc(2022, 4, 2, 3), utc(2022, 4, 3, 4))
    assert period.duration == 25 * HOUR


# --- days() and previous() ---------------------------------------------------------------------


def test_r18_days_include_both_ends() -> None:
    """days(2 March, 4 March) runs from midnight of the 2nd to midnight after the 4th."""
    period = Period.days(dt.date(2026, 3, 2), dt.date(2026, 3, 4), tz="Europe/Moscow")
    assert period == moscow_days((2026, 3, 2), (2026, 3, 5))
    assert (period.unit, period.count) == ("day", 3)


@pytest.mark.parametrize(
    ("name", "first", "end"),
    [
        ("today", (2026, 3, 30), (2026, 3, 31)),
        ("yesterday", (2026, 3, 29), (2026, 3, 30)),
        ("this_week", (2026, 3, 23), (2026, 3, 30)),
        ("last_week", (2026, 3, 16), (2026, 3, 23)),
        ("this_month", (2026, 2, 1), (2026, 3, 1)),
        ("last_month", (2026, 1, 1), (2026, 2, 1)),
        ("this_quarter", (2025, 10, 1), (2026, 1, 1)),
        ("this_year", (2025, 1, 1), (2026, 1, 1)),
        ("last_7_days", (2026, 3, 18), (2026, 3, 25)),
        ("last_30_days", (2026, 1, 31), (2026, 3, 2)),
    ],
)
def test_r18_previous_of_each_preset(
    name: str, first: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    """previous() is the same calendar shape just before, as of Tuesday 31 March 2026."""
    period = Period.preset(name, now=TUESDAY_31_MARCH, tz="Europe/Moscow")
    previous = period.previous()
    assert previous == moscow_days(first, end)
    assert (previous.tz, previous.unit, previous.count) == (period.tz, period.unit, period.count)


def test_r18_previous_of_custom_days_is_as_many_days_before() -> None:
    """The 3 days before 2–4 March 2026 are 27 February to 1 March."""
    period = Period.days(dt.date(2026, 3, 2), dt.date(2026, 3, 4), tz="Europe/Moscow")
    assert period.previous() == moscow_days((2026, 2, 27), (2026, 3, 2))


def test_r18_previous_of_a_plain_period_is_the_same_duration_before() -> None:
    """Without a calendar record, previous() is the same duration just before."""
    period = Period(utc(2026, 1, 1, 10), utc(2026, 1, 1, 12))
    previous = period.previous()
    assert previous == Period(utc(2026, 1, 1, 8), utc(2026, 1, 1, 10))
    assert previous.unit is None


def test_r18_previous_of_a_plain_period_counts_absolute_hours() -> None:
    """A plain 25-hour Berlin period is preceded by 25 hours, not by a calendar day."""
    berlin = ZoneInfo("Europe/Berlin")
    period = Period(
        dt.datetime(2026, 10, 25, tzinfo=berlin), dt.datetime(2026, 10, 26, tzinfo=berlin)
    )
    assert period.previous() == Period(utc(2026, 10, 23, 21), utc(2026, 10, 24, 22))


# --- Errors ------------------------------------------------------------------------------------


def test_r18_errors_are_library_and_builtin_errors() -> None:
    """Period errors are CallAnalyticsError and ValueError / TypeError."""
    with pytest.raises(CallAnalyticsError):
        Period(utc(2026, 1, 2), utc(2026, 1, 1))
    with pytest.raises(ValueError, match="'end' must be after 'start'"):
        Period(utc(2026, 1, 2), utc(2026, 1, 1))
    with pytest.raises(TypeError, match="'start'"):
        Period("2026-01-01", utc(2026, 1, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "error", "message"),
    [
        (
            "2026-01-01",
            utc(2026, 1, 2),
            InvalidTypeError,
            r"'start' must be a timezone-aware datetime \(got '2026-01-01' of type str\)",
        ),
        (
            utc(2026, 1, 1),
            dt.date(2026, 1, 2),
            InvalidTypeError,
            r"'end' must be a timezone-aware datetime \(got datetime.date\(2026, 1, 2\)",
        ),
        (
            dt.datetime(2026, 1, 1),
            utc(2026, 1, 2),
            InvalidValueError,
            r"'start' must be timezone-aware .*\(got datetime.datetime\(2026, 1, 1, 0, 0\)\)",
        ),
        (
            utc(2026, 1, 1),
            dt.datetime(2026, 1, 2),
            InvalidValueError,
            r"'end' must be timezone-aware .*\(got datetime.datetime\(2026, 1, 2, 0, 0\)\)",
        ),
        (
            utc(2026, 1, 2),
            utc(2026, 1, 1),
            InvalidValueError,
            r"'end' must be after 'start' "
            r"\(got start=2026-01-02 00:00:00\+00:00, end=2026-01-01 00:00:00\+00:00\)",
        ),
        (
            utc(2026, 1, 1),
            utc(2026, 1, 1),
            InvalidValueError,
            r"'end' must be after 'start' "
            r"\(got start=2026-01-01 00:00:00\+00:00, end=2026-01-01 00:00:00\+00:00\)",
        ),
        (
            msk(2026, 1, 1, 3),
            utc(2026, 1, 1),
            InvalidValueError,
            r"'end' must be after 'start' "
            r"\(got start=2026-01-01 03:00:00\+03:00, end=2026-01-01 00:00:00\+00:00\)",
        ),
    ],
)
def test_r18_invalid_bounds_are_rejected(
    start: object, end: object, error: type[Exception], message: str
) -> None:
    """Bounds must be aware datetimes with end strictly after start, in absolute time."""
    with pytest.raises(error, match=message):
        Period(start, end)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("record", "error", "message"),
    [
        (
            {"unit": "day"},
            InvalidValueError,
            r"'tz', 'unit' and 'count' must be given together or not at all "
            r"\(got tz=None, unit='day', count=None\)",
        ),
        (
            {"tz": "Europe/Moscow", "unit": "day", "count": 1},
            InvalidTypeError,
            r"'tz' must be a tzinfo \(got 'Europe/Moscow' of type str\)",
        ),
        (
            {"tz": MSK, "unit": "fortnight", "count": 1},
            InvalidValueError,
            r"'unit' must be one of day, week, month, quarter, year \(got 'fortnight'\)",
        ),
        (
            {"tz": MSK, "unit": "day", "count": True},
            InvalidTypeError,
            r"'count' must be an int \(got True of type bool\)",
        ),
        (
            {"tz": MSK, "unit": "day", "count": 0},
            InvalidValueError,
            r"'count' must be >= 1 \(got 0\)",
        ),
        (
            {"tz": MSK, "unit": "day", "count": 2},
            InvalidValueError,
            r"'start' and 'end' must bound 2 whole calendar day\(s\) in UTC\+03:00 "
            r"\(got start=2026-03-02 00:00:00\+03:00, end=2026-03-03 00:00:00\+03:00\)",
        ),
        (
            {"tz": MSK, "unit": "week", "count": 1},
            InvalidValueError,
            r"'start' and 'end' must bound 1 whole calendar week\(s\) in UTC\+03:00",
        ),
    ],
)
def test_r18_invalid_calendar_record_is_rejected(
    record: dict[str, object], error: type[Exception], message: str
) -> None:
    """A calendar record is all three of tz, unit, count, and must describe the bounds."""
    with pytest.raises(error, match=message):
        Period(msk(2026, 3, 2), msk(2026, 3, 3), **record)  # type: ignore[arg-type]


def test_r18_month_record_must_start_on_the_first() -> None:
    """A month record on a period from the 15th is rejected: months start on the 1st."""
    with pytest.raises(
        InvalidValueError, match=r"must bound 1 whole calendar month\(s\) in UTC\+03:00"
    ):
        Period(msk(2026, 3, 15), msk(2026, 4, 15), tz=MSK, unit="month", count=1)


@pytest.mark.parametrize(
    ("moment", "error", "message"),
    [
        (
            dt.datetime(2026, 1, 1, 12),
            InvalidValueError,
            r"'moment' must be timezone-aware .*\(got datetime.datetime\(2026, 1, 1, 12, 0\)\)",
        ),
        (
            dt.date(2026, 1, 1),
            InvalidTypeError,
            r"'moment' must be a timezone-aware datetime \(got datetime.date\(2026, 1, 1\)",
        ),
    ],
)
def test_r18_membership_needs_an_aware_datetime(
    moment: object, error: type[Exception], message: str
) -> None:
    """``in`` refuses a naive datetime or a date instead of answering by guess."""
    period = Period(utc(2026, 1, 1), utc(2026, 1, 2))
    with pytest.raises(error, match=message):
        _ = moment in period


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"name": "tomorrow"},
            InvalidValueError,
            r"'name' must be one of today, yesterday, this_week, last_week, this_month, "
            r"last_month, this_quarter, this_year, last_7_days, last_30_days \(got 'tomorrow'\)",
        ),
        (
            {"now": dt.datetime(2026, 1, 1, 12)},
            InvalidValueError,
            r"'now' must be timezone-aware .*\(got datetime.datetime\(2026, 1, 1, 12, 0\)\)",
        ),
        (
            {"now": dt.date(2026, 1, 1)},
            InvalidTypeError,
            r"'now' must be a timezone-aware datetime \(got datetime.date\(2026, 1, 1\)",
        ),
        (
            {"tz": None},
            InvalidTypeError,
            r"'tz' must be a zoneinfo key \(str\) or a tzinfo \(got None of type NoneType\)",
        ),
        (
            {"tz": 3},
            InvalidTypeError,
            r"'tz' must be a zoneinfo key \(str\) or a tzinfo \(got 3 of type int\)",
        ),
        (
            {"tz": "Mars/Olympus_Mons"},
            InvalidValueError,
            r"'tz' must be a known zoneinfo key such as 'Europe/Moscow' "
            r"\(got 'Mars/Olympus_Mons'\)",
        ),
        (
            {"tz": ""},
            InvalidValueError,
            r"'tz' must be a known zoneinfo key such as 'Europe/Moscow' \(got ''\)",
        ),
        (
            {"tz": "Europe"},
            InvalidValueError,
            r"'tz' must be a known zoneinfo key such as 'Europe/Moscow' \(got 'Europe'\)",
        ),
    ],
)
def test_r18_invalid_preset_arguments_are_rejected(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """A preset needs a known name, an aware ``now`` and a known timezone."""
    arguments: dict[str, object] = {"name": "today", "now": utc(2026, 1, 1), "tz": "UTC"}
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        Period.preset(**arguments)  # type: ignore[arg-type]


def test_r18_preset_needs_tz() -> None:
    """Leaving out ``tz`` is an error: the library has no default account timezone."""
    with pytest.raises(TypeError, match="tz"):
        Period.preset("today", now=utc(2026, 1, 1))  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("first", "last", "tz", "error", "message"),
    [
        (
            dt.datetime(2026, 1, 1, tzinfo=UTC),
            dt.date(2026, 1, 2),
            "UTC",
            InvalidTypeError,
            r"'first' must be a date \(not a datetime\) \(got datetime.datetime\(2026, 1, 1, 0, 0, "
            r"tzinfo=datetime.timezone.utc\) of type datetime\)",
        ),
        (
            dt.date(2026, 1, 1),
            "2026-01-02",
            "UTC",
            InvalidTypeError,
            r"'last' must be a date \(not a datetime\) \(got '2026-01-02' of type str\)",
        ),
        (
            dt.date(2026, 1, 2),
            dt.date(2026, 1, 1),
            "UTC",
            InvalidValueError,
            r"'last' must not be before 'first' \(got first=2026-01-02, last=2026-01-01\)",
        ),
        (
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 1),
            "Nowhere/Town",
            InvalidValueError,
            r"'tz' must be a known zoneinfo key such as 'Europe/Moscow' \(got 'Nowhere/Town'\)",
        ),
    ],
)
def test_r18_invalid_days_arguments_are_rejected(
    first: object, last: object, tz: object, error: type[Exception], message: str
) -> None:
    """days() needs two dates in order and a known timezone."""
    with pytest.raises(error, match=message):
        Period.days(first, last, tz=tz)  # type: ignore[arg-type]


# --- Properties -------------------------------------------------------------------------------

ZONES = (
    "UTC",
    "Europe/Moscow",
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "America/Havana",
    "Asia/Beirut",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
)
CURRENT = ("today", "this_week", "this_month", "this_quarter", "this_year")
TRAILING = ("last_7_days", "last_30_days")
BEFORE = {"today": "yesterday", "this_week": "last_week", "this_month": "last_month"}
# One local day lasts 24 h give or take the DST shift of these zones: 1 h, or 30 min on Lord Howe.
HALF_HOUR = dt.timedelta(minutes=30)
DAY_LENGTHS = {23 * HOUR, 23 * HOUR + HALF_HOUR, 24 * HOUR, 24 * HOUR + HALF_HOUR, 25 * HOUR}

zones = st.sampled_from(ZONES)
nows = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2040, 12, 31),
    timezones=st.sampled_from([ZoneInfo(key) for key in ZONES]),
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
quick = settings(max_examples=150, deadline=None, database=None)


@quick
@given(now=nows, tz=zones)
def test_r18_now_is_in_the_current_and_trailing_presets(now: dt.datetime, tz: str) -> None:
    """``now`` lies in today, this week/month/quarter/year and the last 7 and 30 days."""
    for name in CURRENT + TRAILING:
        assert now in Period.preset(name, now=now, tz=tz), name


@quick
@given(now=nows, tz=zones)
def test_r18_past_presets_end_where_the_current_ones_start(now: dt.datetime, tz: str) -> None:
    """yesterday, last_week and last_month end where today, this week and this month start."""
    for current, past in BEFORE.items():
        this = Period.preset(current, now=now, tz=tz)
        last = Period.preset(past, now=now, tz=tz)
        assert last.end == this.start
        assert this.previous() == last
        assert now not in last


@quick
@given(now=nows, tz=zones, name=st.sampled_from(PRESET_NAMES))
def test_r18_previous_periods_tile_without_gaps(now: dt.datetime, tz: str, name: str) -> None:
    """Each previous() ends where the later period starts, keeping the calendar shape."""
    period = Period.preset(name, now=now, tz=tz)
    previous = period.previous()
    assert previous.end == period.start
    assert previous.previous().end == previous.start
    assert (previous.unit, previous.count) == (period.unit, period.count)


@quick
@given(now=nows, tz=zones, name=st.sampled_from(PRESET_NAMES))
def test_r18_the_zone_of_now_does_not_matter(now: dt.datetime, tz: str, name: str) -> None:
    """The same instant given in UTC or in its own zone gives the same preset."""
    assert Period.preset(name, now=now, tz=tz) == Period.preset(
        name, now=now.astimezone(UTC), tz=ZoneInfo(tz)
    )


@quick
@given(first=dates, length=st.integers(min_value=0, max_value=400), tz=zones)
def test_r18_days_spans_last_minus_first_plus_one_local_days(
    first: dt.date, length: int, tz: str
) -> None:
    """days(first, last) runs from the local date ``first`` to the local date after ``last``."""
    last = first + dt.timedelta(days=length)
    zone = ZoneInfo(tz)
    period = Period.days(first, last, tz=tz)
    assert period.start.astimezone(zone).date() == first
    assert period.end.astimezone(zone).date() == last + DAY
    assert (period.unit, period.count) == ("day", length + 1)
    assert period.start in period
    assert period.end not in period


@quick
@given(day=dates, tz=zones)
def test_r18_one_local_day_lasts_24_hours_give_or_take_a_dst_shift(day: dt.date, tz: str) -> None:
    """A single local day lasts 23, 23.5, 24, 24.5 or 25 hours in the sampled zones."""
    assert Period.days(day, day, tz=tz).duration in DAY_LENGTHS


# --- The years datetime holds: 1 to 9999 ----------------------------------------------------

EAST = dt.timezone(dt.timedelta(hours=5))
WEST = dt.timezone(dt.timedelta(hours=-5))


@pytest.mark.parametrize(
    ("first", "last", "tz", "message"),
    [
        (
            dt.date(9999, 12, 31),
            dt.date(9999, 12, 31),
            "UTC",
            r"^'last' must leave the period within the years 1\.\.9999 that datetime holds, "
            r"in UTC \(got datetime\.date\(9999, 12, 31\)\)\.$",
        ),
        (
            dt.date(1, 1, 1),
            dt.date(1, 1, 1),
            "Asia/Tokyo",
            r"^'first' must .* in Asia/Tokyo \(got datetime\.date\(1, 1, 1\)\)\.$",
        ),
    ],
)
def test_r18_days_beyond_datetime_name_the_day(
    first: dt.date, last: dt.date, tz: str, message: str
) -> None:
    """A day whose bound datetime cannot hold is an InvalidValueError naming it, not a crash."""
    with pytest.raises(InvalidValueError, match=message):
        Period.days(first, last, tz=tz)


def test_r18_the_first_and_last_days_datetime_can_bound_are_periods() -> None:
    """1 January of year 1 (in UTC) and 30 December 9999 are whole days with both bounds."""
    assert Period.days(dt.date(1, 1, 1), dt.date(1, 1, 1), tz="UTC").start == utc(1, 1, 1)
    assert Period.days(dt.date(9999, 12, 30), dt.date(9999, 12, 30), tz="UTC").end == utc(
        9999, 12, 31
    )


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_r18_presets_on_the_last_day_of_9999(name: str) -> None:
    """On 31 December 9999 the past presets exist; those ending with today name 'now'."""
    now = utc(9999, 12, 31, 12)
    if name in ("yesterday", "last_week", "last_month"):
        assert Period.preset(name, now=now, tz="UTC").end <= now
    else:
        with pytest.raises(InvalidValueError, match=r"^'now' must leave the period within"):
            Period.preset(name, now=now, tz="UTC")


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_r18_presets_on_the_first_day_of_year_1(name: str) -> None:
    """On 1 January of year 1 the current presets exist; those reaching back name 'now'."""
    now = utc(1, 1, 1, 12)
    if name in ("today", "this_week", "this_month", "this_quarter", "this_year"):
        assert now in Period.preset(name, now=now, tz="UTC")
    else:
        with pytest.raises(InvalidValueError, match=r"^'now' must .*\(got datetime\.datetime\(1,"):
            Period.preset(name, now=now, tz="UTC")


def test_r18_a_now_that_utc_cannot_hold_names_now() -> None:
    """Midnight of year 1 at UTC+5 lies before year 1 in UTC: an error naming 'now'."""
    with pytest.raises(InvalidValueError, match=r"^'now' must"):
        Period.preset("today", now=dt.datetime(1, 1, 1, tzinfo=EAST), tz="UTC")


@pytest.mark.parametrize(
    "period",
    [
        Period.days(dt.date(1, 1, 1), dt.date(1, 1, 1), tz="UTC"),
        Period(utc(1, 1, 1), utc(1, 1, 2)),
    ],
)
def test_r18_no_period_before_year_1(period: Period) -> None:
    """previous() of a period starting on 1 January of year 1 is an error naming 'start'."""
    with pytest.raises(InvalidValueError, match=r"^'start' must leave room for the period before"):
        period.previous()


@pytest.mark.parametrize(
    ("start", "end", "name"),
    [
        (dt.datetime(1, 1, 1, tzinfo=EAST), utc(2026, 1, 1), "start"),
        (utc(2026, 1, 1), dt.datetime(9999, 12, 31, 23, tzinfo=WEST), "end"),
    ],
)
def test_r18_bounds_must_be_instants_utc_can_hold(
    start: dt.datetime, end: dt.datetime, name: str
) -> None:
    """A bound that UTC cannot express (outside years 1..9999) is an error naming it."""
    with pytest.raises(
        InvalidValueError, match=rf"^'{name}' must be an instant between years 1 and 9999"
    ):
        Period(start, end)


def test_r18_a_calendar_record_beyond_datetime_does_not_describe_the_period() -> None:
    """A record whose count runs past year 9999 is the usual 'must bound' error."""
    with pytest.raises(InvalidValueError, match=r"must bound 5 whole calendar year\(s\) in UTC"):
        Period(utc(9999, 1, 1), utc(9999, 12, 31), tz=UTC, unit="year", count=5)


ALL_ZONES = ("UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Asia/Tokyo", "America/New_York")


edge_dates = st.one_of(
    st.dates(max_value=dt.date(1, 2, 15)), st.dates(min_value=dt.date(9999, 11, 15)), st.dates()
)
edge_nows = st.builds(
    lambda day, seconds, zone: (
        dt.datetime.combine(day, dt.time(), zone) + dt.timedelta(seconds=seconds)
    ),
    edge_dates,
    st.integers(min_value=0, max_value=86_399),
    st.sampled_from([UTC, EAST, WEST]),
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    first=edge_dates,
    last=edge_dates,
    now=edge_nows,
    tz=st.sampled_from(ALL_ZONES),
    name=st.sampled_from(PRESET_NAMES),
)
def test_r18_any_day_or_now_gives_a_period_or_an_invalid_value(
    first: dt.date, last: dt.date, now: dt.datetime, tz: str, name: str
) -> None:
    """Over all of datetime's range, days() and preset() never raise anything but library errors."""
    first, last = min(first, last), max(first, last)
    builds: tuple[Callable[[], Period], ...] = (
        lambda: Period.days(first, last, tz=tz),
        lambda: Period.preset(name, now=now, tz=tz),
        lambda: Period.days(first, first, tz=tz).previous(),
    )
    for build in builds:
        with contextlib.suppress(InvalidValueError):
            build()


def test_r18_a_day_whose_midnight_falls_in_a_gap_that_starts_before_it() -> None:
    """A spring-forward from 23:30 to 00:30 skips midnight: the day starts at 00:30.

    With a dateutil zone, whose folds in a gap read the offsets the other way round from
    zoneinfo's, the day still starts at the transition, never an hour before it.
    """
    zone = dateutil_tz.tzstr("EST+5EDT,M3.2.0/23:30,M11.1.0")
    day = Period.days(dt.date(2026, 3, 9), dt.date(2026, 3, 9), tz=zone)
    assert day.start.astimezone(dt.UTC) == dt.datetime(2026, 3, 9, 4, 30, tzinfo=dt.UTC)
    assert day.duration == dt.timedelta(hours=23, minutes=30)
    assert Period.days(dt.date(2026, 3, 8), dt.date(2026, 3, 8), tz=zone).end == day.start
