"""The report as plain records and as a pandas frame (R12–R16)."""

from __future__ import annotations

import sys
import typing

import pandas as pd
import pytest
from hypothesis import given

import callanalytics as ca
from callanalytics._views.export import FIELDS, Record, to_dicts
from tests import strategies as cst
from tests.builders import call

ANNA = ca.Manager(1, "Anna", group="Sales")
BORIS = ca.Manager(2, "Boris")
VERA = ca.Manager(3, "Vera", group="Sales", active=False)


CALLS = [
    call(1, "inbound", 100, 1),
    call(2, "inbound", 3700, 1),
    call(3, "outbound", 20, 1),
    call(4, "outbound", 45, 2),
    call(5, "inbound", 7, 3),
    call(6, "outbound", 600, None),
    call(7, "outbound", 15, 99),
]
# By hand: Anna 2 in (3800 s) + 1 out (20 s); Boris 1 out (45 s); Vera (inactive) 1 in (7 s).
# Total 3 in / 2 out / 5, 3807 s / 65 s / 3872 s. Average over 3 rows, rounded up:
# 1 / 1 / 2, 1269 s / 22 s / 1291 s. Unassigned: 1 out of 600 s. Call 7 is excluded.


@pytest.fixture
def report() -> ca.CallsReport:
    return ca.build_report(CALLS, [BORIS, VERA, ANNA])


def summary(kind: str, label: str, *figures: int, hms: tuple[str, str, str]) -> Record:
    incoming, outgoing, total, incoming_s, outgoing_s, total_s = figures
    return {
        "kind": kind,  # type: ignore[typeddict-item]
        "manager_id": None,
        "manager": label,
        "group": None,
        "active": None,
        "incoming": incoming,
        "outgoing": outgoing,
        "total": total,
        "incoming_duration": incoming_s,
        "outgoing_duration": outgoing_s,
        "total_duration": total_s,
        "incoming_hms": hms[0],
        "outgoing_hms": hms[1],
        "total_hms": hms[2],
    }


def test_r12_records_are_the_manager_rows_then_total_average_unassigned(
    report: ca.CallsReport,
) -> None:
    """One record per manager row in the report's order, then the three summary records."""
    records = report.to_dicts()
    assert [(r["kind"], r["manager"]) for r in records] == [
        ("manager", "Anna"),
        ("manager", "Boris"),
        ("manager", "Vera"),
        ("total", "Total"),
        ("average", "Average"),
        ("unassigned", "No manager"),
    ]


def test_r12_r16_a_manager_record_holds_the_manager_and_the_six_figures(
    report: ca.CallsReport,
) -> None:
    """A manager's record has its id, name, group, active flag, figures and HH:MM:SS texts."""
    assert report.to_dicts()[0] == {
        "kind": "manager",
        "manager_id": 1,
        "manager": "Anna",
        "group": "Sales",
        "active": True,
        "incoming": 2,
        "outgoing": 1,
        "total": 3,
        "incoming_duration": 3800,
        "outgoing_duration": 20,
        "total_duration": 3820,
        "incoming_hms": "01:03:20",
        "outgoing_hms": "00:00:20",
        "total_hms": "01:03:40",
    }


def test_r12_an_inactive_manager_with_calls_is_marked_not_active(report: ca.CallsReport) -> None:
    """The inactive manager's record says ``active: False``, its name is left as it is."""
    vera = report.to_dicts()[2]
    assert (vera["manager"], vera["active"], vera["group"], vera["total"]) == (
        "Vera",
        False,
        "Sales",
        1,
    )


def test_r14_r15_the_total_and_average_records(report: ca.CallsReport) -> None:
    """The total sums the rows; the average divides by the 3 rows, rounded up (R15)."""
    records = report.to_dicts()
    assert records[3] == summary(
        "total", "Total", 3, 2, 5, 3807, 65, 3872, hms=("01:03:27", "00:01:05", "01:04:32")
    )
    assert records[4] == summary(
        "average", "Average", 1, 1, 2, 1269, 22, 1291, hms=("00:21:09", "00:00:22", "00:21:31")
    )


def test_r13_the_unassigned_record_is_apart_from_the_total(report: ca.CallsReport) -> None:
    """The calls without a manager are their own record and not in the total's 5 calls."""
    assert report.to_dicts()[5] == summary(
        "unassigned", "No manager", 0, 1, 1, 0, 600, 600, hms=("00:00:00", "00:10:00", "00:10:00")
    )


def test_lang_changes_only_the_labels_of_the_summary_records(report: ca.CallsReport) -> None:
    """In Russian the summary rows read Итого, Среднее, Без менеджера; nothing else changes."""
    english, russian = report.to_dicts(lang="en"), report.to_dicts(lang="ru")
    assert [r["manager"] for r in russian[3:]] == ["Итого", "Среднее", "Без менеджера"]
    for en, ru in zip(english, russian, strict=True):
        assert {k: v for k, v in en.items() if k != "manager"} == {
            k: v for k, v in ru.items() if k != "manager"
        }
    assert [r["manager"] for r in russian[:3]] == ["Anna", "Boris", "Vera"]


def test_lang_none_is_english(report: ca.CallsReport) -> None:
    """Without a language the summary labels are English."""
    assert report.to_dicts() == report.to_dicts(lang="en") == to_dicts(report, lang=None)


def test_an_unknown_lang_is_an_error_naming_lang(report: ca.CallsReport) -> None:
    """A language other than ru / en is an ``InvalidValueError`` naming ``lang``."""
    with pytest.raises(ca.InvalidValueError, match=r"'lang' must be one of 'ru', 'en' \(got 'de'"):
        report.to_dicts(lang="de")


def test_the_keys_are_the_documented_fields_in_order(report: ca.CallsReport) -> None:
    """Every record has exactly the keys of ``FIELDS``, in that order, as ``Record`` declares."""
    assert tuple(typing.get_type_hints(Record)) == FIELDS
    for record in report.to_dicts():
        assert tuple(record) == FIELDS


def test_r15_a_report_without_rows_still_has_the_three_summary_records() -> None:
    """With no manager rows the total and average are zero (R15) and unassigned is kept."""
    empty = ca.build_report([call(1, "inbound", 30, None)], [])
    records = empty.to_dicts()
    assert [(r["kind"], r["total"], r["total_duration"]) for r in records] == [
        ("total", 0, 0),
        ("average", 0, 0),
        ("unassigned", 1, 30),
    ]


@given(cst.call_lists, cst.managers())
def test_r14_the_total_record_is_the_sum_of_the_manager_records(
    calls: list[ca.Call], managers: list[ca.Manager]
) -> None:
    """For any calls, each figure of the total record sums the manager records' figures."""
    records = ca.build_report(calls, managers).to_dicts()
    rows = [r for r in records if r["kind"] == "manager"]
    total = next(r for r in records if r["kind"] == "total")
    assert len(rows) == len(records) - 3
    for field in ("incoming", "outgoing", "total", "incoming_duration", "total_duration"):
        assert total[field] == sum(r[field] for r in rows)


# pandas


def test_to_pandas_has_the_documented_columns_and_a_default_index(report: ca.CallsReport) -> None:
    """The frame's columns are ``FIELDS`` and its index is 0..n-1, one line per record."""
    frame = report.to_pandas()
    assert tuple(frame.columns) == FIELDS
    assert isinstance(frame.index, pd.RangeIndex)
    assert list(frame.index) == [0, 1, 2, 3, 4, 5]


def test_to_pandas_figures_are_int64_and_match_the_records(report: ca.CallsReport) -> None:
    """The six figures are ``int64`` columns holding the hand-computed values."""
    frame = report.to_pandas()
    for column in ("incoming", "outgoing", "total", "incoming_duration", "outgoing_duration"):
        assert frame[column].dtype == "int64"
    assert frame["total_duration"].dtype == "int64"
    assert frame["total"].tolist() == [3, 1, 1, 5, 2, 1]
    assert frame["total_duration"].tolist() == [3820, 45, 7, 3872, 1291, 600]
    assert frame["total_hms"].tolist()[3] == "01:04:32"


def test_to_pandas_selects_the_managers_by_kind(report: ca.CallsReport) -> None:
    """``df[df.kind == "manager"]`` is the manager rows; their totals sum to the total row."""
    frame = report.to_pandas()
    managers = frame[frame.kind == "manager"]
    assert managers["manager"].tolist() == ["Anna", "Boris", "Vera"]
    assert managers["total"].sum() == 5
    assert frame.loc[frame.kind == "total", "total"].item() == 5


def test_to_pandas_ids_and_flags_are_nullable(report: ca.CallsReport) -> None:
    """``manager_id`` is ``Int64`` and ``active`` ``boolean``, missing on the summary lines."""
    frame = report.to_pandas()
    assert frame["manager_id"].dtype == "Int64"
    assert frame["active"].dtype == "boolean"
    assert frame["manager_id"].tolist()[:3] == [1, 2, 3]
    assert frame["active"].tolist()[:3] == [True, True, False]
    assert frame["manager_id"].isna().tolist() == [False, False, False, True, True, True]
    assert frame["active"].isna().tolist()[3:] == [True, True, True]


def test_to_pandas_keeps_string_ids_as_objects() -> None:
    """Managers with string ids keep them as they are, in an ``object`` column."""
    report = ca.build_report([], [ca.Manager("u-7", "Ira")])
    frame = report.to_pandas(lang="ru")
    assert frame["manager_id"].dtype == "object"
    assert frame["manager_id"].tolist()[0] == "u-7"
    assert frame["manager"].tolist() == ["Ira", "Итого", "Среднее", "Без менеджера"]


def test_to_pandas_without_pandas_names_the_extra(
    report: ca.CallsReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pandas, ``to_pandas`` raises ``MissingExtraError`` saying what to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ca.MissingExtraError, match=r"pip install 'callanalytics\[pandas\]'"):
        report.to_pandas()


def test_missing_extra_is_an_import_error(
    report: ca.CallsReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The missing-extra error is also an ``ImportError`` for callers that catch that."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="to_pandas"):
        report.to_pandas()


def test_r16_figures_beyond_int64_keep_their_exact_value_in_the_frame() -> None:
    """A duration too large for int64 (read from a file) stays exact, as an object column."""
    huge = 2**70
    report = ca.build_report([call(1, "inbound", huge, 1)], [ANNA])
    frame = report.to_pandas()
    assert frame.loc[frame.kind == "manager", "incoming_duration"].tolist() == [huge]
    assert frame["incoming_duration"].dtype == object
    assert frame["incoming"].dtype == "int64"
