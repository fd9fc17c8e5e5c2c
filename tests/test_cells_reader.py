"""The generated reader of a CSV row: whenever it gives a call, it is `own_call`'s (R27).

`cells_reader(header)` reads the plainest spellings of a row's cells inline and leaves every
other row to `own_call`; these tests hold it to `own_call` cell by cell.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._sources.files import BadRecord, read_calls, read_managers
from callanalytics._sources.records import CALL_FIELDS, cells_reader, own_call, values_reader
from callanalytics.exceptions import CallAnalyticsError, InvalidValueError

CELLS = {
    "id": ["a", " a ", "", " ", "звонок"],
    "direction": ["inbound", "outbound", " inbound", "in", ""],
    "started_at": [
        "2026-11-02T10:00:00+03:00",
        "2026-11-02T10:00:00Z",
        "2026-11-02T10:00:00+00:00",
        " 2026-11-02T10:00:00+00:00 ",
        "2026-11-02T10:00:00",
        "02.11.2026 10:00:05",
        "0001-01-01T00:30:00+01:00",
        "",
    ],
    "duration": ["0", "61", "007", " 5", "+5", "00:01:05", "0:01:05", "-1", "", "٥", "5.0"],
    "phone": ["", " ", "+7 912", " 204 "],
    "manager_id": ["", "1", "01", " 1", "anna", "-1", " ", "+2", "٣"],
    "card_id": ["", "10", "x"],
    "entity_type": ["", "contacts", "companies", "leads", " contacts", "Contacts", "deals"],
    "status": ["", "1", "7", "0", "8", "04", " 4", "talked"],
    "result": ["", " ", "ok"],
    "source": ["", "\t", "UIS"],
    "recording_url": ["", " ", "http://r", " http://r "],
    "via_app": ["", "true", "false", "1", "0", "да", "НЕТ", " yes ", "maybe", " "],
    "wait": ["", "3", " 3", "-3", "00:00:03"],
}


def test_every_field_has_cells_to_test() -> None:
    """The cells below cover every column a CSV file may have (but created_at, left out)."""
    assert set(CELLS) == set(CALL_FIELDS)


def expected(header: list[str], cells: list[str]) -> ca.Call | None:
    """What the streaming reader made of the row before the generated reader: own_call's."""
    try:
        return own_call({name: cell for name, cell in zip(header, cells, strict=True) if cell})
    except CallAnalyticsError:
        return None


@settings(max_examples=400, deadline=None)
@given(
    columns=st.lists(st.sampled_from(list(CELLS)), unique=True, min_size=1),
    data=st.data(),
)
def test_r27_the_generated_reader_gives_own_calls_call_or_leaves_the_row(
    columns: list[str], data: st.DataObject
) -> None:
    """Property: for any header and cells, the reader gives own_call's call, or None."""
    cells = [data.draw(st.sampled_from(CELLS[name]), label=name) for name in columns]
    got = cells_reader(columns)(cells)
    if got is not None:
        assert got == expected(columns, cells)
        assert type(got.started_at.tzinfo) is type(expected(columns, cells).started_at.tzinfo)  # type: ignore[union-attr]


def test_r27_plain_rows_are_read_inline_and_others_left() -> None:
    """The plain spellings give the call; a bad or unusual row gives None; so does created_at."""
    header = ["id", "direction", "started_at", "duration", "manager_id", "status", "via_app"]
    read = cells_reader(header)
    call = read(["a", "inbound", "2026-11-02T10:00:00+03:00", "61", "7", "4", "true"])
    at = datetime(2026, 11, 2, 10, tzinfo=timezone(timedelta(hours=3)))
    assert call == ca.Call("a", "inbound", at, 61, manager_id=7, status=4, via_app=True)
    assert read(["a", "inbound", "2026-11-02T10:00:00", "61", "", "", ""]) is None
    assert read(["a", "inbound", "2026-11-02T10:00:00Z", "-1", "", "", ""]) is None
    assert read(["a", "inbound"]) is None  # too few cells
    mixed = read([" b ", "outbound", "2026-11-02T07:00:00Z", " 1:00 ", "anna", " 4", " yes"])
    assert mixed is None  # duration 1:00 is neither seconds nor HH:MM:SS
    spaced = read([" b ", "outbound", "2026-11-02T07:00:00Z", "01:00:00", "anna", " 4", " yes"])
    assert spaced == ca.Call(
        "b", "outbound", datetime(2026, 11, 2, 7, tzinfo=UTC), 3600, manager_id="anna",
        status=4, via_app=True,
    )  # fmt: skip
    unix = cells_reader(["id", "direction", "created_at", "duration"])
    assert unix(["a", "inbound", "1793611800", "5"]) is None  # left to own_call


def test_a_managers_file_still_names_the_line_of_a_bad_row(tmp_path: Path) -> None:
    """A managers' CSV file: blank lines skipped, a ragged or broken row names its line."""
    path = tmp_path / "managers.csv"
    path.write_text("id,name\n1,Anna\n\n2,Boris\n", encoding="utf-8")
    assert [m.name for m in read_managers(path)] == ["Anna", "Boris"]
    for body, line in (("1,Anna\n2\n", 3), ('1,Anna\n"2"x,Boris\n', 3)):
        path.write_text("id,name\n" + body, encoding="utf-8")
        with pytest.raises(InvalidValueError, match=f"^line {line}: "):
            read_managers(path)


def test_r27_the_csv_reader_names_the_first_line_of_each_bad_record(tmp_path: Path) -> None:
    """Bad rows among plain ones, a quoted cell over two lines, broken CSV, a blank line."""
    path = tmp_path / "calls.csv"
    path.write_text(
        "id,direction,started_at,duration,result\n"
        "a,inbound,2026-11-02T10:00:00Z,5,\n"  # line 2
        'b,inbound,2026-11-02T10:00:00Z,5,"two\nlines"\n'  # lines 3-4
        "c,inbound,2026-11-02T10:00:00Z,-5,\n"  # line 5: bad
        "\n"  # line 6: blank
        'd,inbound,2026-11-02T10:00:00Z,5,"x"y\n'  # line 7: not valid CSV
        "e,inbound\n"  # line 8: ragged
        "f,inbound,2026-11-02T10:00:00Z,5,\n",  # line 9
        encoding="utf-8",
    )
    bad: list[BadRecord] = []
    calls = list(read_calls(path, on_error=bad.append))
    assert [c.id for c in calls] == ["a", "b", "f"]
    assert calls[1].result == "two\nlines"
    assert [b.line for b in bad] == [5, 7, 8]


VALUES: dict[str, list[object]] = {
    "id": ["a", " a ", "", " ", 7, None],
    "direction": ["inbound", "outbound", " inbound", "in", ca.Direction.INCOMING, None, 1],
    "started_at": [
        datetime(2026, 11, 2, 10, tzinfo=UTC),
        datetime(2026, 11, 2, 10, tzinfo=timezone(timedelta(hours=3))),
        datetime(2026, 11, 2, 10),
        datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))),
        "2026-11-02T10:00:00Z",
        float("nan"),
        None,
    ],
    "duration": [0, 61, -1, 5.0, 5.5, "61", True, None],
    "phone": ["", " ", "+7 912", 79123456789, None],
    "manager_id": [None, 1, -1, "anna", " ", 2.0, float("nan")],
    "card_id": [None, 10, "x"],
    "entity_type": [None, "contacts", "leads", " contacts", ca.EntityType.COMPANY, ""],
    "status": [None, 1, 7, 0, 8, "4", ca.CallStatus.TALKED],
    "result": ["", " ", "ok", None],
    "source": ["", "UIS", None],
    "recording_url": [None, "", " ", "http://r", " http://r "],
    "via_app": [None, True, False, "yes", 1, 0],
    "wait": [None, 3, -3, "3"],
}


@settings(max_examples=400, deadline=None)
@given(
    columns=st.lists(st.sampled_from([*VALUES, None]), unique=True, min_size=1),
    tz=st.sampled_from([None, UTC, timezone(timedelta(hours=-5))]),
    data=st.data(),
)
def test_r27_the_row_reader_gives_own_calls_call_or_leaves_the_row(
    columns: list[str | None], tz: timezone | None, data: st.DataObject
) -> None:
    """Property: for any columns and host values, the reader gives own_call's call, or None."""
    row = tuple(
        data.draw(st.sampled_from(VALUES[name] if name else ["skipped"]), label=str(name))
        for name in columns
    )
    got = values_reader(columns, tz)(row)
    if got is not None:
        record = {name: value for name, value in zip(columns, row, strict=True) if name}
        assert got == own_call(record, tz=tz)
    assert values_reader(columns, tz)((*row, "one too many")) is None


def test_r27_calls_from_records_reads_plain_tuples_inline_and_the_rest_in_full() -> None:
    """Tuples in plain values, and others (a list, a bad row) in one reader, counted (R27)."""
    at = datetime(2026, 11, 2, 10, tzinfo=UTC)
    rows = [("a", "inbound", at, 5, 7), ["b", "outbound", at, 6, 7], ("c", "inbound", at, -1, 7)]
    reader = ca.calls_from_records(
        rows, columns=["id", "direction", "started_at", "duration", "manager_id"]
    )
    assert [c.id for c in reader] == ["a", "b"]
    assert reader.counts.rejected == 1
    assert values_reader(["id", "direction", "created_at", "duration"])(("a",) * 4) is None
