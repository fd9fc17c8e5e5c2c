"""Host records in, every record accounted for (R27, R28): calls_from_records and CallReader."""

from __future__ import annotations

import re
import sqlite3
from collections import namedtuple
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from tests.builders import AT

FIELDS = ["id", "direction", "started_at", "duration", "manager_id"]


def test_r27_every_record_is_a_call_a_duplicate_or_rejected() -> None:
    """A reader yields the calls; the others are counted under what they became."""
    rows = [
        ("a", "inbound", AT, 5, 1),
        ("b", "sideways", AT, -1, 1),
        ("a", "inbound", AT, 9, 1),
        ("c", "outbound", AT, 7, None),
    ]
    reader = ca.calls_from_records(rows, columns=FIELDS)
    assert [c.id for c in reader] == ["a", "c"]
    assert reader.counts == ca.ReadCounts(records=4, calls=2, duplicates=1, rejected=1)
    assert reader.counts.reconciles
    assert reader.duplicate_lines == [3]


def test_r27_a_record_reports_all_its_problems_at_once() -> None:
    """Every problem of a record is in its rejection, each naming its field and value."""
    reader = ca.calls_from_records([("b", "sideways", AT, -1, "")], columns=FIELDS)
    assert list(reader) == []
    [bad] = reader.rejected
    assert bad.line == 1
    assert bad.fields == ("direction", "duration")
    assert "'direction' must be one of 'inbound', 'outbound' (got 'sideways')." in bad.message
    assert "'duration' must be >= 0 (got -1)." in bad.message


def test_r27_host_values_are_taken_as_hosts_hold_them() -> None:
    """numpy and pandas scalars, integral floats, NaN/NA/NaT as "not set", timedeltas."""
    record = {
        "id": "a",
        "direction": "outbound",
        "started_at": pd.Timestamp("2026-11-02 09:30", tz="UTC"),
        "duration": np.int64(61),
        "manager_id": np.float64(7.0),
        "card_id": float("nan"),
        "entity_type": pd.NA,
        "status": np.int8(4),
        "phone": 79123456789.0,
        "via_app": np.bool_(False),
        "recording_url": pd.NaT,
    }
    [call] = ca.calls_from_records([record])
    assert (call.duration, call.manager_id, call.card_id, call.status) == (61, 7, None, 4)
    assert (call.phone, call.via_app, call.recording_url) == ("79123456789", False, None)
    [timed] = ca.calls_from_records([{**record, "duration": timedelta(minutes=2)}])
    assert timed.duration == 120


def test_r27_times_without_an_offset_are_read_in_the_given_zone() -> None:
    """Naive times are wall times of tz; without tz they are a rejection naming the field."""
    row = ("a", "inbound", datetime(2026, 11, 2, 12, 0), 5, None)
    [call] = ca.calls_from_records([row], columns=FIELDS, tz="Europe/Moscow")
    assert call.started_at.astimezone(UTC) == datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    reader = ca.calls_from_records([row], columns=FIELDS)
    assert list(reader) == []
    assert "read with the account's timezone (tz=, --tz)" in reader.rejected[0].message


def test_r27_spreadsheet_dates_and_durations_are_read() -> None:
    """A day-first date (Russian Excel) and an H:MM:SS duration are a start and seconds."""
    record = {"id": "a", "direction": "inbound", "started_at": "26.11.2026 12:00:05",
              "duration": "0:01:05"}  # fmt: skip
    [call] = ca.calls_from_records([record], tz="Europe/Moscow")
    assert call.started_at == datetime(2026, 11, 26, 9, 0, 5, tzinfo=UTC)
    assert call.duration == 65


def test_r27_records_of_every_shape() -> None:
    """Mappings with other keys, named tuples, sqlite rows and itertuples() are records."""
    Row = namedtuple("Row", ["id", "direction", "started_at", "duration", "manager_id"])
    named = Row("a", "inbound", AT, 5, 1)
    keyed = {"uniq": "b", "dir": "outbound", "at": AT, "sec": 6, "extra": "x"}
    db = sqlite3.connect(":memory:")
    db.row_factory = sqlite3.Row
    db.execute("create table calls (id, direction, started_at, duration)")
    db.execute("insert into calls values ('c', 'inbound', '2026-11-02T09:30:00+00:00', 7)")
    frame = pd.DataFrame([{"id": "d", "direction": "inbound", "started_at": AT, "duration": 8}])
    calls = [
        *ca.calls_from_records([named]),
        *ca.calls_from_records(
            [keyed],
            columns={"uniq": "id", "dir": "direction", "at": "started_at", "sec": "duration"},
        ),
        *ca.calls_from_records(db.execute("select * from calls")),
        *ca.calls_from_records(frame.itertuples(index=False)),
    ]
    assert [(c.id, c.duration) for c in calls] == [("a", 5), ("b", 6), ("c", 7), ("d", 8)]


@pytest.mark.parametrize(
    ("records", "columns", "message"),
    [
        ([("a", "inbound", AT, 5)], None, "needs columns= naming the field of each position"),
        ([("a", "inbound", AT)], FIELDS, r"one value per column of columns= \(5\)"),
        ([5], None, "'record' must be a mapping or a sequence of values"),
        ([{"id": "a", "durtion": 5}], None, "'durtion' is not a field of a call record"),
    ],
)
def test_r27_records_that_are_no_calls_are_rejected(
    records: list[Any], columns: Any, message: str
) -> None:
    """A record of the wrong shape is a rejection saying why, never a crash."""
    reader = ca.calls_from_records(records, columns=columns)
    assert list(reader) == []
    assert reader.rejected[0].line == 1
    assert re.search(message, reader.rejected[0].message)


def test_r27_columns_must_name_fields() -> None:
    """columns= naming something that is not a field is an error at once."""
    with pytest.raises(ca.InvalidValueError, match="'columns' must name fields of a call"):
        ca.calls_from_records([], columns=["id", "uniq"])
    with pytest.raises(ca.InvalidTypeError, match="'columns' must be a mapping or a sequence"):
        ca.calls_from_records([], columns="id")
    with pytest.raises(ca.InvalidTypeError, match="'records' must be an iterable of record"):
        ca.calls_from_records(5)  # type: ignore[arg-type]


def test_r28_duplicates_may_be_left_to_the_host() -> None:
    """duplicates=False remembers no id: every call is yielded, in flat memory."""
    rows = [("a", "inbound", AT, 5, 1), ("a", "inbound", AT, 5, 1)]
    assert len(list(ca.calls_from_records(rows, columns=FIELDS, duplicates=False))) == 2


def test_r27_a_reader_tells_of_each_rejection_and_keeps_a_bounded_list() -> None:
    """on_reject hears of every rejected record; the list keeps the first thousand."""
    heard: list[ca.Rejected] = []
    rows = [("a", "inbound", AT, -1, 1)] * 1005
    reader = ca.calls_from_records(rows, columns=FIELDS, on_reject=heard.append)
    assert list(reader) == []
    assert (len(heard), len(reader.rejected), reader.counts.rejected) == (1005, 1000, 1005)


def test_r29_r30_merged_legs_and_internal_calls_are_counted() -> None:
    """A source's merged legs and internal calls are records accounted for, not calls."""
    call = ca.Call("a", "inbound", AT, 5)
    items: list[tuple[int, ca.Call | ca.Merged | ca.Internal | ca.Rejected]] = [
        (1, call),
        (2, ca.Merged(2, "a")),
        (3, ca.Internal(3, "x")),
    ]
    reader = ca.CallReader(items)
    assert list(reader) == [call]
    assert reader.counts == ca.ReadCounts(records=3, calls=1, merged_legs=1, internal=1)


@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(-2, 5)), max_size=20))
def test_r27_reconciliation_holds_for_any_records(rows: list[tuple[str, int]]) -> None:
    """Whatever the records, each is a call, a duplicate or a rejection: counts add up."""
    records = [(i, "inbound", AT, d, None) for i, d in rows]
    reader = ca.calls_from_records(records, columns=FIELDS)
    calls = list(reader)
    assert reader.counts.reconciles
    assert reader.counts.records == len(rows)
    assert reader.counts.calls == len(calls) == len({c.id for c in calls})


def test_r4_r10_fields_that_cannot_go_together_reject_the_record() -> None:
    """A card id without its entity type, an app call with a recording: rejected by field."""
    records = [
        {"id": "a", "direction": "inbound", "started_at": AT, "duration": 5, "card_id": 3},
        {"id": "b", "direction": "outbound", "started_at": AT, "duration": 5, "via_app": "yes",
         "recording_url": "https://r/1.mp3"},
    ]  # fmt: skip
    reader = ca.calls_from_records(records)
    assert list(reader) == []
    assert [r.fields for r in reader.rejected] == [("card_id",), ("recording_url",)]


def test_r16_a_duration_of_a_fraction_of_a_second_is_rejected() -> None:
    """A host's timedelta with a fraction of a second is no whole number of seconds."""
    record = {"id": "a", "direction": "inbound", "started_at": AT,
              "duration": timedelta(seconds=1.5)}  # fmt: skip
    reader = ca.calls_from_records([record])
    assert list(reader) == []
    assert "'duration' must be a whole number of seconds" in reader.rejected[0].message


def test_r28_a_reader_keeps_the_lines_of_the_first_thousand_duplicates() -> None:
    """Every duplicate is counted; the lines of the first thousand are kept."""
    rows = [("a", "inbound", AT, 5, 1)] * 1002
    reader = ca.calls_from_records(rows, columns=FIELDS)
    assert len(list(reader)) == 1
    assert (reader.counts.duplicates, len(reader.duplicate_lines)) == (1001, 1000)
