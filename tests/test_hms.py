"""HH:MM:SS formatting and parsing (R16) and the rounded-up average (R15)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00:00"),
        (5, "00:00:05"),
        (59, "00:00:59"),
        (60, "00:01:00"),
        (3599, "00:59:59"),
        (3600, "01:00:00"),
        (3725, "01:02:05"),
        (86399, "23:59:59"),
        (86400, "24:00:00"),
        (90061, "25:01:01"),
        (360000, "100:00:00"),
        (3600 * 1234 + 61, "1234:01:01"),
    ],
)
def test_r16_format_and_parse_table(seconds: int, text: str) -> None:
    """Each part has two digits at least; hours never wrap into days; parse is the inverse."""
    assert ca.format_hms(seconds) == text
    assert ca.parse_hms(text) == seconds


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (-1, ca.InvalidValueError, r"'seconds' must be >= 0 \(got -1\)"),
        (1.5, ca.InvalidTypeError, r"'seconds' must be a whole number.*1\.5"),
        (True, ca.InvalidTypeError, "'seconds'.*True"),
    ],
)
def test_r16_format_rejects_negative_or_fractional(
    value: object, error: type[Exception], message: str
) -> None:
    """Negative, fractional and boolean durations are invalid input."""
    with pytest.raises(error, match=message):
        ca.format_hms(value)  # type: ignore[arg-type]


def test_r16_parse_accepts_the_original_page_separator() -> None:
    """The original page writes ЧЧ/ММ/СС: slashes parse like colons."""
    assert ca.parse_hms("01/02/05") == ca.parse_hms("01:02:05") == 3725


@pytest.mark.parametrize(
    "text",
    [
        "1:02:05",
        "01:2:05",
        "01:60:00",
        "01:00:60",
        "-01:00:00",
        "01:00",
        "",
        "aa:bb:cc",
        "٠١:٠٢:٠٥",
    ],
)
def test_r16_parse_rejects_malformed_text(text: str) -> None:
    """Anything but HH:MM:SS with minutes and seconds below 60 is an error naming the text."""
    with pytest.raises(ca.InvalidValueError, match="'text' must look like HH:MM:SS"):
        ca.parse_hms(text)


def test_r16_parse_rejects_non_strings() -> None:
    """parse_hms takes text only."""
    with pytest.raises(ca.InvalidTypeError, match="'text' must be a str"):
        ca.parse_hms(3725)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**9))
def test_r16_round_trip_is_exact(seconds: int) -> None:
    """parse_hms(format_hms(s)) == s for any whole, non-negative number of seconds."""
    assert ca.parse_hms(ca.format_hms(seconds)) == seconds


@given(st.integers(min_value=0, max_value=10**9))
def test_r16_format_shape(seconds: int) -> None:
    """The text has three parts, minutes and seconds of two digits, hours of two or more."""
    hours, minutes, secs = ca.format_hms(seconds).split(":")
    assert len(minutes) == len(secs) == 2
    assert len(hours) >= 2
    assert int(hours) == seconds // 3600


@pytest.mark.parametrize(
    ("total", "count", "average"),
    [(0, 0, 0), (5, 0, 0), (0, 3, 0), (6, 3, 2), (7, 3, 3), (1, 4, 1), (9, 4, 3), (3601, 2, 1801)],
)
def test_r15_average_rounds_up(total: int, count: int, average: int) -> None:
    """The average is the total divided by the rows, rounded up; zero with no rows."""
    assert ca.ceil_average(total, count) == average


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=10**6))
def test_r15_average_is_the_ceiling(total: int, count: int) -> None:
    """ceil_average agrees with the exact rational ceiling for any sizes (no float error)."""
    average = ca.ceil_average(total, count)
    assert (average - 1) * count < total <= average * count
    if total < 2**52:
        assert average == math.ceil(total / count)


def test_r15_average_rejects_negative_input() -> None:
    """Totals and counts are never negative."""
    with pytest.raises(ca.InvalidValueError, match="'count' must be >= 0"):
        ca.ceil_average(5, -1)


def test_r16_parse_rejects_hours_beyond_what_python_converts() -> None:
    """Five thousand digits of hours are an error naming the text, not a crash."""
    with pytest.raises(ca.InvalidValueError, match="'text' has too many digits of hours"):
        ca.parse_hms("9" * 5000 + ":00:00")
