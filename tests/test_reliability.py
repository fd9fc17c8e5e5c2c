"""Regression tests for what the reliability pass found (``docs/reliability.md``).

Each test names the defect it pins; the fuzz suite (``tests/fuzz``) looks for more.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import pandas as pd
import pytest

import callanalytics as ca

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def test_from_query_with_many_unknown_names_lists_a_few_and_counts_the_rest() -> None:
    """Quadratic `Filter.from_query`: 100,000 unknown names take linear time; six are listed."""
    query = {f"p{i:06d}": "x" for i in range(100_000)}
    with pytest.raises(ca.InvalidValueError) as caught:
        ca.Filter.from_query(query, now=NOW, tz="UTC")
    message = str(caught.value)
    assert message.endswith(
        "(got unknown 'p000000', 'p000001', 'p000002', 'p000003', 'p000004', 'p000005' "
        "and 99994 more)."
    )


def test_from_query_ignores_many_names_passed_in_ignore() -> None:
    """Names passed in `ignore` are looked up in a set: 100,000 of them are fine."""
    names = [f"utm_{i}" for i in range(100_000)]
    query = dict.fromkeys(names, "x") | {"period": "today"}
    flt = ca.Filter.from_query(query, now=NOW, tz="UTC", ignore=names)
    assert flt.period == ca.Period.preset("today", now=NOW, tz=UTC)


class _RaisingOffset(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        raise RuntimeError("no offset")

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


class _GarbageOffset(tzinfo):
    def __init__(self, offset: Any) -> None:
        self.offset = offset

    def utcoffset(self, dt: datetime | None) -> Any:
        return self.offset

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


@pytest.mark.parametrize(
    "zone", [_RaisingOffset(), _GarbageOffset("+03:00"), _GarbageOffset(timedelta(hours=30))]
)
def test_r1_a_broken_tzinfo_is_a_value_error_naming_the_field(zone: tzinfo) -> None:
    """Broken tzinfo: a utcoffset() that raises or returns garbage is refused by value.

    It was a bare RuntimeError, TypeError or ValueError out of Call, Period, match_calls and
    Filter.from_query.
    """
    moment = datetime(2026, 11, 2, 9, 30, tzinfo=zone)
    must = r"must have a tzinfo whose utcoffset\(\) is a timedelta within a day"
    with pytest.raises(ca.InvalidValueError, match="'started_at' " + must):
        ca.Call("c1", "inbound", moment, 5)
    with pytest.raises(ca.InvalidValueError, match="'start' " + must):
        ca.Period(moment, NOW)
    with pytest.raises(ca.InvalidValueError, match="'now' " + must):
        ca.match_calls([], [], now=moment)
    with pytest.raises(ca.InvalidValueError, match="'now' " + must):
        ca.Filter.from_query({}, now=moment, tz="UTC")


@pytest.mark.parametrize("value", [pd.NA, ["en"], {"a": 1}, None, 5])
def test_a_choice_of_another_type_is_a_type_error_not_a_crash(value: object) -> None:
    """A choice (lang, a preset's name, note_type, a feature) given another type: a type error.

    Membership tests on pd.NA (no truth value) or a dict (no hash) raised bare TypeErrors.
    """
    report = ca.build_report([], [ca.Manager(1, "Anna")])
    cases: list[tuple[str, Callable[[], object]]] = [
        ("lang", lambda: ca.format_change(1, None, lang=value)),  # type: ignore[arg-type]
        ("lang", lambda: report.table(lang=value)),  # type: ignore[arg-type]
        ("name", lambda: ca.Period.preset(value, now=NOW, tz="UTC")),  # type: ignore[arg-type]
        ("note_type", lambda: ca.call_from_note({"note_type": value})),
        ("feature", lambda: ca.is_available(ca.BASE, value)),  # type: ignore[arg-type]
    ]
    for field, call in cases:
        with pytest.raises(ca.InvalidTypeError, match=f"'{field}' must be "):
            call()


def test_plot_metric_of_another_type_is_a_type_error() -> None:
    """`report.plot(metric=pd.NA)` raised a bare TypeError from a membership test."""
    import matplotlib

    matplotlib.use("Agg")
    report = ca.build_report([], [ca.Manager(1, "Anna")])
    with pytest.raises(ca.InvalidTypeError, match="'metric' must be one of 'count', 'duration'"):
        report.plot(metric=pd.NA)  # type: ignore[arg-type]


def test_cards_that_are_a_librarys_non_frame_value_are_a_type_error() -> None:
    """`cards=pd.Timestamp(...)` is a pandas value but no frame: narwhals' bare TypeError."""
    with pytest.raises(ca.InvalidTypeError, match="'cards' must be Card objects or a data frame"):
        ca.build_report([], [], cards=pd.Timestamp(0))  # type: ignore[arg-type]


def test_records_columns_must_be_a_mapping_or_a_sequence_of_field_names() -> None:
    """`calls_from_records`: columns of the wrong kind are refused naming 'columns'.

    A set (no order), a non-str name or a sequence of columns for records that are mappings
    raised bare AttributeError / TypeError.
    """
    record = {"id": "a", "direction": "inbound", "started_at": NOW, "duration": 5}
    with pytest.raises(ca.InvalidTypeError, match="'columns' must be a mapping or a sequence"):
        ca.calls_from_records([record], columns={"id"})  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidValueError, match="'columns' must name fields of a call"):
        ca.calls_from_records([record], columns=[pd.NA])  # type: ignore[list-item]
    reader = ca.calls_from_records([record], columns=["id", "direction"])
    assert list(reader) == []
    [rejected] = reader.rejected
    assert "'columns' must be a mapping {their key: field} for records that are mappings" in (
        rejected.message
    )


@pytest.mark.parametrize(("field", "value"), [("cells", 5), ("excluded", "x"), ("cells", pd.NA)])
def test_tally_maps_of_another_type_are_a_type_error(field: str, value: object) -> None:
    """`Tally(cells=5)` raised a bare TypeError / ValueError out of dict(); now it names it."""
    arguments: dict[str, Any] = {field: value}
    with pytest.raises(ca.InvalidTypeError, match=f"'{field}' must be a mapping or None"):
        ca.Tally(**arguments)


def test_merge_refusals_name_the_other_report() -> None:
    """`report.merge(other)` of another account said no field; it names 'other' now."""
    anna = ca.build_report([], [ca.Manager(1, "Anna")])
    boris = ca.build_report([], [ca.Manager(2, "Boris")])
    with pytest.raises(ca.InvalidValueError, match="^'other' must be built with the same"):
        anna.merge(boris)


def test_r20_a_manager_id_too_long_to_write_is_refused_naming_the_field() -> None:
    """A 5,000-digit manager id in a filter: the library's error, not int→str's."""
    with pytest.raises(ca.InvalidValueError, match="'manager_ids' must have at most 4000 digits"):
        ca.Filter(manager_ids=[10**5000])


def test_r27_json_too_deep_to_sniff_is_read_as_json_and_refused() -> None:
    """A first line nested 10,000 deep: not JSON Lines; read as JSON, refused with a reason."""
    reader = ca.read_calls(io.BytesIO(b'{"a": ' * 10_000))
    with pytest.raises(ca.CallAnalyticsError):
        list(reader)


@pytest.mark.parametrize("field", ["name", "group"])
def test_r3_a_manager_name_with_a_lone_surrogate_is_refused(field: str) -> None:
    """Names are shown in every view and written to files: they must be Unicode text."""
    bad = "An\ud800na"
    name, group = (bad, None) if field == "name" else ("Anna", bad)
    with pytest.raises(ca.InvalidValueError, match=f"'{field}' must be Unicode text"):
        ca.Manager(1, name, group=group)
    assert ca.Manager(1, "Анна", group="Продажи").name == "Анна"
