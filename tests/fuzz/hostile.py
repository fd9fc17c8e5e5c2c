"""Hostile values for the fuzz suite: everything a host, a file or an attacker may pass.

:func:`hostile` draws one value of any kind; :func:`mutated` takes the valid arguments of an
entry point and replaces some of them with hostile values, so that most examples reach the
check of one field instead of failing at the first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

import callanalytics as ca

HUGE_INT = 10**5000
"""Beyond Python's int -> str limit (4,300 digits)."""
MEGABYTE = "9" * 10**6
"""A 1 MB string (of digits: it also looks like a phone number, a duration, an id)."""


class RaisingOffset(tzinfo):
    """A tzinfo whose ``utcoffset`` raises."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        raise RuntimeError("no offset")

    def dst(self, dt: datetime | None) -> timedelta | None:
        raise RuntimeError("no dst")

    def tzname(self, dt: datetime | None) -> str | None:
        raise RuntimeError("no name")


class GarbageOffset(tzinfo):
    """A tzinfo whose ``utcoffset`` returns something that is not an offset."""

    def __init__(self, offset: object) -> None:
        self.offset = offset

    def utcoffset(self, dt: datetime | None) -> Any:
        return self.offset

    def dst(self, dt: datetime | None) -> Any:
        return self.offset

    def tzname(self, dt: datetime | None) -> Any:
        return self.offset


class BrokenRepr:
    """A value whose ``repr`` and ``str`` raise."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __str__(self) -> str:
        raise RuntimeError("no str")


def nested(depth: int) -> list[Any]:
    """A list nested *depth* deep."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


BROKEN_TZINFOS: list[tzinfo] = [
    RaisingOffset(),
    GarbageOffset("+03:00"),
    GarbageOffset(timedelta(hours=30)),
    GarbageOffset(timedelta(microseconds=1)),
    GarbageOffset(3),
]

zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)), *BROKEN_TZINFOS]
)

datetimes = st.one_of(
    st.datetimes(),  # naive
    st.datetimes(timezones=st.just(UTC)),
    st.datetimes(timezones=zones),
    st.sampled_from(
        [
            datetime.min,
            datetime.max,
            datetime.min.replace(tzinfo=timezone(timedelta(hours=5))),  # before year 1 in UTC
            datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))),  # after 9999 in UTC
            datetime.min.replace(tzinfo=UTC),
            datetime.max.replace(tzinfo=UTC),
            pd.Timestamp("2026-11-20T12:00", tz="UTC"),
        ]
    ),
)

texts = st.one_of(
    st.text(max_size=12),
    st.text(st.characters(codec=None, categories=["Cc", "Cs", "Nd", "Zs", "Co"]), max_size=8),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\ud800",  # a lone surrogate
            "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits
            "１２３",  # full-width digits
            "00:01:05",
            "٠٠:٠١:٠٥",
            "-5",
            "1e3",
            "nan",
            "inbound",
            "contacts",
            "=HYPERLINK(1)",
            MEGABYTE,
            "+7 (912) 345-67-89" * 1000,
        ]
    ),
)

numbers = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, HUGE_INT, -HUGE_INT, True, False]),
    st.floats(),
    st.sampled_from([math.nan, math.inf, -math.inf, 12.0, -0.0, 0.5]),
    st.sampled_from([np.int64(7), np.uint64(2**64 - 1), np.float64("nan"), np.bool_(True)]),
)

absent = st.sampled_from([None, pd.NA, pd.NaT, np.nan])

scalars = st.one_of(
    absent,
    numbers,
    texts,
    datetimes,
    st.dates(),
    st.sampled_from([date.min, date.max, timedelta(-1), timedelta.max, b"bytes", bytearray(3)]),
    st.sampled_from([*ca.Direction, *ca.EntityType, *ca.CallStatus, *ca.Exclusion]),
    st.sampled_from([BrokenRepr(), object(), len, Ellipsis, NotImplemented]),
)


def hostile() -> st.SearchStrategy[Any]:
    """Any value: a scalar of every kind, or a container of them, unhashable or deep."""
    return st.one_of(
        scalars,
        st.lists(scalars, max_size=4),
        st.dictionaries(st.text(max_size=4), scalars, max_size=4),
        st.sets(st.integers(), max_size=3),
        st.sampled_from([nested(2000), [BrokenRepr()], {"a": [[[[[]]]]]}, frozenset({1})]),
    )


def mutated(
    valid: Mapping[str, Any], extra: Mapping[str, st.SearchStrategy[Any]] | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """*valid* keyword arguments with some replaced by hostile values (or *extra*'s)."""
    extra = extra or {}

    def one(name: str, value: Any) -> st.SearchStrategy[Any]:
        options = [st.just(value), hostile()]
        if name in extra:
            options.append(extra[name])
        return st.one_of(*options)

    return st.fixed_dictionaries({name: one(name, value) for name, value in valid.items()})
