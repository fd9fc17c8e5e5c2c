"""Every error message shows the offending value bounded: it never fails or explodes itself.

Regression tests for the messages that printed values with an unbounded ``repr``: a 1 MB
string, an integer beyond Python's int -> str limit (4,300 digits), a deeply nested list and
an object whose ``repr`` raises must each end as the library's own error, with a short message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import callanalytics as ca

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
LONGEST = 1_000
"""No message here is longer than this, whatever the value."""


class BrokenRepr:
    """A value whose ``repr`` raises."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def nested(depth: int) -> object:
    value: object = []
    for _ in range(depth):
        value = [value]
    return value


HUGE_INT = 10**5000
HOSTILE: list[object] = ["x" * 10**6, HUGE_INT, nested(10_000), BrokenRepr()]

CALLS: list[tuple[str, Callable[[Any], object]]] = [
    ("parse_hms", ca.parse_hms),
    ("tariff", lambda v: ca.build_report([], [], tariff=v)),
    ("tariff features", lambda v: ca.Tariff("T", [v, None])),
    ("period", lambda v: ca.Filter(period=v)),
    ("query", lambda v: ca.Filter.from_query(v, now=NOW, tz="UTC")),
    ("query value", lambda v: ca.Filter.from_query({"period": v}, now=NOW, tz="UTC")),
    ("tz", lambda v: ca.Filter.from_query({}, now=NOW, tz=v)),
    ("grace", lambda v: ca.match_calls([], [], grace=v)),
    ("cards", lambda v: ca.match_calls([], [v])),
    ("compare", lambda v: ca.compare(v, v)),
    ("format_change", lambda v: ca.format_change(v, None)),
    ("call_from_api", lambda v: ca.call_from_api(v)),
    ("call_from_unsorted", lambda v: ca.call_from_unsorted({"category": v})),
    ("call_from_api uniq", lambda v: ca.call_from_api({"uniq": v})),
]


@pytest.mark.parametrize(("where", "call"), CALLS, ids=[name for name, _ in CALLS])
@pytest.mark.parametrize("value", HOSTILE, ids=["1MB-str", "5000-digit-int", "deep", "broken-repr"])
def test_a_hostile_value_gives_a_short_library_error(
    where: str, call: Callable[[Any], object], value: object
) -> None:
    """The error for a hostile value is a CallAnalyticsError whose message is short."""
    with pytest.raises(ca.CallAnalyticsError) as caught:
        call(value)
    assert len(str(caught.value)) < LONGEST, where


def test_the_grace_message_is_bounded_for_a_negative_timedelta() -> None:
    """A negative grace window is refused by value, with the value shown."""
    with pytest.raises(ca.InvalidValueError, match=r"'grace' must be >= 0"):
        ca.match_calls([], [], grace=timedelta(seconds=-1))


def test_a_huge_int_is_refused_where_it_would_be_written_as_text() -> None:
    """An int of more than 4,000 digits is a value error naming the field, not a crash."""
    with pytest.raises(ca.InvalidValueError, match=r"'uniq' must have at most 4000 digits"):
        ca.call_from_api({"uniq": HUGE_INT})
    with pytest.raises(ca.InvalidValueError, match=r"'duration' must have at most 4000 digits"):
        ca.Call("a", "inbound", NOW, HUGE_INT)
    with pytest.raises(ca.InvalidValueError, match=r"'delta' must have at most 4000 digits"):
        ca.format_change(-HUGE_INT, None)
    assert len(ca.format_hms(10**3999)) > 3990  # the largest durations still print
