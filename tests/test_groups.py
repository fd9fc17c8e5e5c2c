"""Departments (R36): a row per group, the sum of its managers, its own average, the same total."""

from __future__ import annotations

import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from tests import strategies as cst
from tests.builders import call

TEAM = [
    ca.Manager(1, "Anna", group="Sales"),
    ca.Manager(2, "Boris", group="Sales"),
    ca.Manager(3, "Vera", group="Support"),
    ca.Manager(4, "Gleb"),
    ca.Manager(5, "Dana", group="Sales", active=False),
]
CALLS = [
    call(1, "inbound", 100, 1),
    call(2, "outbound", 61, 1),
    call(3, "inbound", 40, 2),
    call(4, "outbound", 3600, 3),
    call(5, "inbound", 5, None),
]


@pytest.fixture
def groups() -> ca.GroupReport:
    return ca.build_report(CALLS, TEAM).by_group()


def test_r36_a_department_is_the_sum_of_its_managers_with_its_own_average(
    groups: ca.GroupReport,
) -> None:
    """Sales: Anna and Boris (Dana inactive, no calls); averages rounded up inside the group."""
    assert [row.group for row in groups] == ["Sales", "Support", None]
    sales = groups.group("Sales")
    assert [line.manager.name for line in sales.managers] == ["Anna", "Boris"]
    assert sales.figures == ca.Figures.of(
        incoming=2, outgoing=1, incoming_duration=140, outgoing_duration=61
    )
    assert sales.average == ca.Figures(1, 1, 2, 70, 31, 101)  # 3/2 and 201/2 rounded up
    assert groups.group("Support").average.total_duration == 3600
    assert groups.group(None).total == 0
    assert len(groups.group(None).managers) == 1
    assert groups.total == ca.build_report(CALLS, TEAM).total
    assert groups.average == ca.build_report(CALLS, TEAM).average
    assert groups.unassigned.total == 1
    assert len(groups) == 3
    with pytest.raises(ca.InvalidValueError, match="'name' is not a department"):
        groups.group("Marketing")


def test_r36_the_table_shows_departments_with_their_managers_under_them(
    groups: ca.GroupReport,
) -> None:
    """Each department line, its managers indented under it, its average; then the company."""
    lines = groups.table().splitlines()
    assert lines[0].split()[:3] == ["Department", "/", "Manager"]
    labels = [line[:22].rstrip() for line in lines[2:13]]
    assert labels == [
        "Sales",
        "  Anna",
        "  Boris",
        "  Average per manager",
        "Support",
        "  Vera",
        "  Average per manager",
        "No department",
        "  Gleb",
        "  Average per manager",
        "-" * 21,  # the first column is as wide as its header
    ]
    assert lines[2].split()[1:] == ["2", "1", "3", "00:02:20", "00:01:01", "00:03:21"]
    assert [line.split()[0] for line in lines[13:16]] == ["Total", "Average", "No"]
    assert lines[-1].startswith("5 calls given")
    russian = groups.table(lang="ru")
    assert "Отдел / Менеджер" in russian
    assert "Без отдела" in russian
    assert "  Среднее на менеджера" in russian
    assert str(groups) == groups.table()


def test_r36_the_html_table_nests_managers_and_escapes_names() -> None:
    """Departments in bold rows, managers indented; a name is escaped."""
    team = [ca.Manager(1, "<b>Anna</b>", group="R&D")]
    html = ca.build_report([call(1, "inbound", 5, 1)], team).by_group()._repr_html_()
    assert '<tr data-kind="group" style="font-weight: bold;' in html
    assert "R&amp;D" in html
    assert "&lt;b&gt;Anna&lt;/b&gt;" in html
    assert html.count('data-kind="manager"') == 1
    assert html.count("padding-left: 24px") == 2
    assert '<tr data-kind="total"' in html
    assert "1 call given" in html
    assert "Среднее на менеджера" in ca.build_report([], team).by_group().to_html(lang="ru")


def test_r36_records_and_frame_keep_the_department_of_every_line(
    groups: ca.GroupReport,
) -> None:
    """Records: group, its managers, its average, then total, average, unassigned."""
    records = groups.to_dicts(lang="ru")
    assert [(r["kind"], r["group"], r["manager"]) for r in records[:4]] == [
        ("group", "Sales", "Sales"),
        ("manager", "Sales", "Anna"),
        ("manager", "Sales", "Boris"),
        ("group_average", "Sales", "Среднее"),
    ]
    assert records[7]["manager"] == "Без отдела"
    assert records[7]["group"] is None
    assert [r["kind"] for r in records[-3:]] == ["total", "average", "unassigned"]
    assert records[0]["total_hms"] == "00:03:21"
    frame = groups.to_pandas()
    assert list(frame["kind"]).count("manager") == 4
    assert frame["total"].tolist()[0] == 3


def test_r36_the_frame_needs_pandas(
    groups: ca.GroupReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pandas, the frame says which extra to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ca.MissingExtraError, match=r"callanalytics\[pandas\]"):
        groups.to_pandas()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.builds(
            ca.Manager,
            id=cst.manager_ids,
            name=st.sampled_from(["Anna", "Boris"]),
            group=st.none() | st.sampled_from(["Sales", "Support"]),
            active=st.booleans(),
        ),
        max_size=6,
        unique_by=lambda m: m.id,
    ),
    cst.call_lists,
)
def test_r36_r38_departments_move_no_call(managers: list[ca.Manager], calls: list[ca.Call]) -> None:
    """Rows sum to the company total; each row sums its managers; averages are R15 in the group."""
    report = ca.build_report(calls, managers)
    groups = report.by_group()
    assert ca.Figures.sum(row.figures for row in groups) == report.total == groups.total
    assert sum(len(row.managers) for row in groups) == len(report.rows)
    for row in groups:
        assert row.figures == ca.Figures.sum(line.figures for line in row.managers)
        assert {line.manager.group for line in row.managers} == {row.group}
        n = len(row.managers)
        assert row.average.as_tuple() == tuple(math.ceil(v / n) for v in row.as_tuple())
    assert groups.total.total + groups.unassigned.total + sum(report.excluded.values()) == len(
        calls
    )
