"""Reading calls and managers from CSV, JSON and JSON Lines files (the command line's edge)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import callanalytics as ca
from callanalytics._sources.files import (
    BadRecord,
    call_from_record,
    managers_named_by_id,
    read_calls,
    read_managers,
)

MSK = timezone(timedelta(hours=3))
HEADER = (
    "id,direction,started_at,duration,phone,manager_id,card_id,entity_type,status,result,"
    "source,recording_url,via_app"
)


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding=encoding)
    return path


def collect(path: Path, **options: object) -> tuple[list[ca.Call], list[BadRecord]]:
    bad: list[BadRecord] = []
    calls = list(read_calls(path, on_error=bad.append, **options))  # type: ignore[arg-type]
    return calls, bad


# ---------------------------------------------------------------------------------------------
# CSV


def test_csv_with_every_column_gives_the_calls(tmp_path: Path) -> None:
    """Each column fills the Call field of the same name; digits become int ids."""
    path = write(
        tmp_path,
        "calls.csv",
        f"{HEADER}\n"
        "a1,inbound,2026-11-02T12:30:00+03:00,61,+7 912 345-67-89,504141,10,contacts,4,"
        "Agreed,Zadarma,https://rec.example/a1.mp3,false\n"
        "a2,outbound,2026-11-02T09:45:00Z,0,89123456789,anna@example.com,,,,,,,true\n",
    )
    calls, bad = collect(path)
    assert bad == []
    assert calls == [
        ca.Call(
            "a1",
            "inbound",
            datetime(2026, 11, 2, 12, 30, tzinfo=MSK),
            61,
            phone="+7 912 345-67-89",
            manager_id=504141,
            card_id=10,
            entity_type="contacts",
            status=4,
            result="Agreed",
            source="Zadarma",
            recording_url="https://rec.example/a1.mp3",
        ),
        ca.Call(
            "a2",
            "outbound",
            datetime(2026, 11, 2, 9, 45, tzinfo=UTC),
            0,
            phone="89123456789",
            manager_id="anna@example.com",
            via_app=True,
        ),
    ]


def test_csv_needs_only_the_required_columns(tmp_path: Path) -> None:
    """`id, direction, started_at, duration` suffice; the other fields take their defaults."""
    path = write(
        tmp_path, "calls.csv", "id,direction,started_at,duration\nx,outbound,2026-11-02T10:00Z,5\n"
    )
    assert collect(path) == (
        [ca.Call("x", "outbound", datetime(2026, 11, 2, 10, tzinfo=UTC), 5)],
        [],
    )


def test_csv_created_at_is_unix_seconds(tmp_path: Path) -> None:
    """A `created_at` column (Unix seconds, as amoCRM) replaces `started_at`."""
    path = write(
        tmp_path, "calls.csv", "id,direction,created_at,duration\nx,inbound,1793611800,5\n"
    )
    [call], _ = collect(path)
    assert call.started_at == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def test_csv_duration_may_be_hh_mm_ss(tmp_path: Path) -> None:
    """A duration written as the report shows it, HH:MM:SS, is read back in seconds (R16)."""
    path = write(
        tmp_path,
        "calls.csv",
        "id,direction,started_at,duration\nx,inbound,2026-11-02T10:00Z,01:02:05\n",
    )
    [call], _ = collect(path)
    assert call.duration == 3725


def test_csv_from_a_spreadsheet_with_a_bom_and_semicolons(tmp_path: Path) -> None:
    """A byte order mark is skipped and `;` is the delimiter when the header uses it."""
    path = write(
        tmp_path,
        "calls.csv",
        "\ufeffid;direction;started_at;duration;phone\n"
        "x;inbound;2026-11-02T10:00Z;5;+7 (912) 1,2\n",
    )
    [call], bad = collect(path)
    assert (call.id, call.phone, bad) == ("x", "+7 (912) 1,2", [])


def test_csv_bad_records_name_their_line_and_the_rest_is_read(tmp_path: Path) -> None:
    """Each bad record is reported with its line and field; the good ones are all read."""
    path = write(
        tmp_path,
        "calls.csv",
        "id,direction,started_at,duration,status,via_app\n"
        "a,inbound,2026-11-02T10:00Z,5,,\n"
        "b,inbound,2026-11-02T10:00Z,-5,,\n"
        "\n"
        "c,sideways,2026-11-02T10:00Z,5,,\n"
        "d,inbound,2026-11-02T10:00,5,,\n"
        "e,inbound,2026-11-02T10:00Z,5,9,\n"
        "f,inbound,2026-11-02T10:00Z,1.5,,\n"
        "g,inbound,2026-11-02T10:00Z,5,,maybe\n"
        ",inbound,2026-11-02T10:00Z,5,,\n"
        "i,inbound,2026-11-02T10:00Z,5\n"
        "j,outbound,2026-11-02T10:00Z,7,,\n",
    )
    calls, bad = collect(path)
    assert [call.id for call in calls] == ["a", "j"]
    assert [str(b) for b in bad] == [
        "line 3: 'duration' must be >= 0 (got -5).",
        "line 5: 'direction' must be one of 'inbound', 'outbound' (got 'sideways').",
        "line 6: 'started_at' must have a UTC offset, e.g. 2026-11-02T09:30:00+03:00, or be "
        "read with the account's timezone (tz=, --tz): a time without one names no instant "
        "(got '2026-11-02T10:00').",
        "line 7: 'status' must be a call status code 1..7 or None (got 9).",
        "line 8: 'duration' must be a whole number of seconds or HH:MM:SS (got '1.5').",
        "line 9: 'via_app' must be true or false (got 'maybe').",
        "line 10: 'id' is required (got None).",
        "line 11: the record has 4 cells, the header 6.",
    ]


def test_csv_line_numbers_count_multiline_cells(tmp_path: Path) -> None:
    """A quoted cell over two lines shifts the next record's line, as an editor shows it."""
    path = write(
        tmp_path,
        "calls.csv",
        'id,direction,started_at,duration,result\na,inbound,2026-11-02T10:00Z,5,"two\nlines"\n'
        "b,inbound,2026-11-02T10:00Z,-1,\n",
    )
    calls, bad = collect(path)
    assert calls[0].result == "two\nlines"
    assert [b.line for b in bad] == [4]


def test_csv_broken_quoting_is_a_bad_record(tmp_path: Path) -> None:
    """A row the `csv` module cannot parse is reported, and the next row is read."""
    path = write(
        tmp_path,
        "calls.csv",
        'id,direction,started_at,duration\na,inbound,2026-11-02T10:00Z,"5"x\n'
        "b,inbound,2026-11-02T10:00Z,6\n",
    )
    calls, bad = collect(path)
    assert [call.id for call in calls] == ["b"]
    assert [str(b) for b in bad] == ["line 2: not valid CSV (',' expected after '\"')."]


def test_csv_is_streamed(tmp_path: Path) -> None:
    """The first call comes before the bad record of line 3 is even read."""
    path = write(
        tmp_path,
        "calls.csv",
        "id,direction,started_at,duration\na,inbound,2026-11-02T10:00Z,5\n"
        "b,inbound,2026-11-02T10:00Z,-5\n",
    )
    bad: list[BadRecord] = []
    calls = read_calls(path, on_error=bad.append)
    assert next(calls).id == "a"
    assert bad == []
    assert list(calls) == []
    assert [b.line for b in bad] == [3]


def test_without_on_error_the_first_bad_record_raises(tmp_path: Path) -> None:
    """With no `on_error`, a bad record is an InvalidValueError naming its line."""
    path = write(
        tmp_path, "calls.csv", "id,direction,started_at,duration\na,inbound,2026-11-02T10:00Z,-5\n"
    )
    with pytest.raises(ca.InvalidValueError, match=r"^line 2: 'duration' must be >= 0 \(got -5\)"):
        list(read_calls(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", r"is empty: the first line must be the header"),
        ("id,direction,started_at,duraton\n", r"line 1: 'duraton' is not a column of"),
        ("id,direction,started_at\n", r"line 1: the column 'duration' is required"),
        ("id,direction,duration\n", r"line 1: the column 'started_at' \(or 'created_at'\)"),
        ("id,id,direction,started_at,duration\n", r"line 1: the column 'id' .* must appear once"),
    ],
)
def test_csv_header_errors_stop_the_reading(tmp_path: Path, content: str, message: str) -> None:
    """A header that cannot be read stops everything: no record could be read right."""
    path = write(tmp_path, "calls.csv", content)
    with pytest.raises(ca.InvalidValueError, match=message):
        collect(path)


def test_a_record_cannot_have_both_times(tmp_path: Path) -> None:
    """`started_at` and `created_at` together would be two times for one call."""
    path = write(
        tmp_path,
        "calls.csv",
        "id,direction,started_at,created_at,duration\n"
        "a,inbound,2026-11-02T10:00Z,1793611800,5\nb,inbound,,1793611800,5\n",
    )
    calls, bad = collect(path)
    assert [call.id for call in calls] == ["b"]
    assert str(bad[0]).startswith("line 2: 'started_at' and 'created_at' must not both be set")


# ---------------------------------------------------------------------------------------------
# JSON and JSON Lines

AMO = {
    "uniq": "8f52d38a",
    "direction": "outbound",
    "duration": 61,
    "phone": "+7 912 345-67-89",
    "call_status": 4,
    "call_responsible": 504141,
    "created_at": 1793611800,
}
OWN = {
    "id": "own-1",
    "direction": "inbound",
    "started_at": "2026-11-02T12:30:00+03:00",
    "duration": 30,
    "manager_id": 504141,
    "card_id": 10,
    "entity_type": "contacts",
    "status": None,
    "via_app": False,
}


def test_json_list_of_amocrm_and_own_records(tmp_path: Path) -> None:
    """Each record is read in its own shape: `started_at` means the library's field names."""
    path = write(tmp_path, "calls.json", json.dumps([AMO, OWN], indent=2))
    calls, bad = collect(path)
    assert bad == []
    assert calls == [
        ca.call_from_api(AMO),
        ca.Call(
            "own-1",
            "inbound",
            datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
            30,
            manager_id=504141,
            card_id=10,
            entity_type="contacts",
        ),
    ]


def test_json_bad_records_name_the_line_where_they_start(tmp_path: Path) -> None:
    """Records over several lines are reported at their first line; the others are read."""
    text = json.dumps([AMO, {**AMO, "duration": -5}, 7, {**OWN, "duraton": 1}, OWN], indent=2)
    path = write(tmp_path, "calls.json", text)
    calls, bad = collect(path)
    assert len(calls) == 2
    lines = text.splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if line in ("  {", "  7,")]
    assert [b.line for b in bad] == starts[1:4]
    assert [b.message for b in bad] == [
        "'duration' must be >= 0 (got -5).",
        "a call record must be a JSON object (got 7 of type int).",
        "'duraton' is not a field of a call record (the fields are id, direction, started_at, "
        "duration, phone, manager_id, card_id, entity_type, status, result, source, "
        "recording_url, via_app, wait).",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"calls": []}', r"line 1: .* must hold a JSON list of records \(got '\{\"calls\": '\)"),
        ('[\n{"uniq": "a"},\n{"uniq": }\n]', r"line 3: .* is not valid JSON: Expecting value"),
        ('[{"uniq": "a"} {"uniq": "b"}]', r"line 1: .* must hold ',' or '\]' after a record"),
        ("[]\n[]", r"line 2: .* must hold nothing after the list"),
        ("", r"line 1: .* must hold a JSON list of records \(got 'the end of the file'\)"),
    ],
)
def test_json_that_is_not_a_list_stops_the_reading(
    tmp_path: Path, content: str, message: str
) -> None:
    """A JSON file must be a list; broken syntax cannot be skipped and stops the reading."""
    path = write(tmp_path, "calls.json", content)
    with pytest.raises(ca.InvalidValueError, match=message):
        collect(path)


def test_an_empty_json_list_has_no_calls(tmp_path: Path) -> None:
    """`[]` is a valid file with no calls."""
    assert collect(write(tmp_path, "calls.json", " [ ] \n")) == ([], [])


def test_json_lines_are_streamed_and_a_broken_line_is_skipped(tmp_path: Path) -> None:
    """In JSON Lines each line is a record: broken JSON on one line does not stop the rest."""
    path = write(
        tmp_path,
        "calls.jsonl",
        f"{json.dumps(AMO)}\n\n{{broken\n"
        f"{json.dumps({**OWN, 'duration': -1})}\n{json.dumps(OWN)}\n",
    )
    bad: list[BadRecord] = []
    calls = read_calls(path, on_error=bad.append)
    assert next(calls).id == "8f52d38a"
    assert bad == []
    assert [call.id for call in calls] == ["own-1"]
    assert [str(b) for b in bad] == [
        "line 3: not valid JSON: Expecting property name enclosed in double quotes (column 2).",
        "line 4: 'duration' must be >= 0 (got -1).",
    ]


def test_the_format_comes_from_the_suffix_or_is_given(tmp_path: Path) -> None:
    """`.ndjson` is JSON Lines; another suffix needs `format=`."""
    line = json.dumps(OWN) + "\n"
    assert len(collect(write(tmp_path, "calls.ndjson", line))[0]) == 1
    odd = write(tmp_path, "calls.txt", line)
    with pytest.raises(ca.InvalidValueError, match=r"'path' must end in .csv, .json, .jsonl"):
        collect(odd)
    assert len(collect(odd, format="jsonl")[0]) == 1
    with pytest.raises(ca.InvalidValueError, match=r"'format' must be one of 'csv', 'json'"):
        collect(odd, format="xml")


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    """A Windows-1251 file is rejected, naming the encoding to use."""
    path = write(
        tmp_path,
        "calls.csv",
        "id,direction,started_at,duration,result\na,inbound,2026-11-02T10:00Z,5,Договорились\n",
        encoding="cp1251",
    )
    with pytest.raises(ca.InvalidValueError, match=r"'path' must be a UTF-8 text file"):
        collect(path)


def test_call_from_record_reads_both_shapes_alike() -> None:
    """The same call in amoCRM's shape and in the library's is the same Call."""
    own = {**OWN, "id": "8f52d38a", "direction": "outbound", "duration": 61}
    own |= {"phone": "+7 912 345-67-89", "status": 4, "card_id": None, "entity_type": None}
    assert call_from_record(own) == ca.call_from_api(AMO)
    with pytest.raises(ca.InvalidTypeError, match=r"a call record must be a JSON object"):
        call_from_record(["a"])


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (
            {"phone": ["x"]},
            ca.InvalidTypeError,
            "'phone' must be a string (got ['x'] of type list).",
        ),
        ({"duration": True}, ca.InvalidTypeError, "'duration' must be a whole number (got True"),
        ({"duration": [1]}, ca.InvalidTypeError, "'duration' must be a whole number (got [1])."),
        ({"duration": 1.5}, ca.InvalidValueError, "'duration' must be a whole number (got 1.5)."),
        (
            {"duration": "1:2"},
            ca.InvalidValueError,
            "'duration' must be a whole number of seconds or HH:MM:SS (got '1:2').",
        ),
        (
            {"manager_id": 1.5},
            ca.InvalidValueError,
            "'manager_id' must be a whole number (got 1.5).",
        ),
        ({"manager_id": [1]}, ca.InvalidTypeError, "'manager_id' must be a number or a string"),
        ({"started_at": 1793611800}, ca.InvalidTypeError, "'started_at' must be an ISO 8601"),
        ({"started_at": "yesterday"}, ca.InvalidValueError, "UTC offset (got 'yesterday')."),
        ({"via_app": 2}, ca.InvalidValueError, "'via_app' must be true or false (got 2)."),
        ({"direction": None}, ca.InvalidValueError, "'direction' is required (got None)."),
    ],
)
def test_own_records_name_the_bad_field(
    change: dict[str, object], error: type[Exception], message: str
) -> None:
    """Each field's value is checked, and the error names the field and the value."""
    with pytest.raises(error) as caught:
        call_from_record({**OWN, **change})
    assert message in str(caught.value)


def test_own_records_take_json_numbers_where_text_is_usual() -> None:
    """A phone written as a number, a duration as 60.0 and `via_app` as 1 are read as meant."""
    call = call_from_record({**OWN, "phone": 79123456789, "duration": 60.0, "via_app": 1})
    assert (call.phone, call.duration, call.via_app) == ("79123456789", 60, True)


def test_a_unix_time_out_of_range_is_a_bad_record(tmp_path: Path) -> None:
    """`created_at` must be a Unix time a datetime can hold."""
    path = write(
        tmp_path, "calls.csv", "id,direction,created_at,duration\na,inbound,99999999999999999,5\n"
    )
    _, bad = collect(path)
    assert [str(b) for b in bad] == [
        "line 2: 'created_at' must be a Unix time in seconds (got '99999999999999999')."
    ]


# ---------------------------------------------------------------------------------------------
# Managers


def test_managers_csv(tmp_path: Path) -> None:
    """`id,name,group,active`: empty group is none, empty active is active."""
    path = write(
        tmp_path,
        "managers.csv",
        "id,name,group,active\n504141,Anna Smirnova,Sales,\n504143,Viktor Kuznetsov,,false\n",
    )
    assert read_managers(path) == (
        ca.Manager(504141, "Anna Smirnova", "Sales", True),
        ca.Manager(504143, "Viktor Kuznetsov", None, False),
    )


def test_managers_json(tmp_path: Path) -> None:
    """A JSON list of objects with the same fields; only id and name are required."""
    path = write(
        tmp_path,
        "managers.json",
        json.dumps([{"id": 1, "name": "Anna"}, {"id": "2", "name": "Boris", "active": False}]),
    )
    assert read_managers(path) == (ca.Manager(1, "Anna"), ca.Manager(2, "Boris", active=False))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "id,name\n1,Anna\n1,Anna\n",
            r"^line 3: 'id' must be unique \(got 1 again, first on line 2",
        ),
        ("id,name\n1,\n", r"^line 2: 'name' is required \(got ''\)"),
        ("id,name,active\n1,Anna,often\n", r"^line 2: 'active' must be true or false"),
        ("id,name\n1\n", r"^line 2: the record has 1 cells, the header 2"),
        ("id,name,boss\n", r"^line 1: 'boss' is not a column of"),
    ],
)
def test_a_bad_manager_stops_the_reading(tmp_path: Path, content: str, message: str) -> None:
    """Managers are reference data: any bad record is an error naming its line."""
    with pytest.raises(ca.InvalidValueError, match=message):
        read_managers(write(tmp_path, "managers.csv", content))


def test_a_bad_manager_in_json_lines(tmp_path: Path) -> None:
    """JSON Lines managers: broken JSON and unknown fields both name the line."""
    good = json.dumps({"id": 1, "name": "Anna"})
    with pytest.raises(ca.InvalidValueError, match=r"^line 2: not valid JSON"):
        read_managers(write(tmp_path, "m.jsonl", f"{good}\n{{\n"))
    with pytest.raises(
        ca.InvalidValueError, match=r"^line 2: 'rights' is not a field of a manager"
    ):
        read_managers(
            write(tmp_path, "m.jsonl", f'{good}\n{{"id": 2, "name": "B", "rights": 1}}\n')
        )
    with pytest.raises(ca.InvalidValueError, match=r"^line 1: 'id' is required \(got None\)"):
        read_managers(write(tmp_path, "m.jsonl", '{"name": "B"}\n'))


def test_a_managers_file_must_hold_objects_in_utf8(tmp_path: Path) -> None:
    """A JSON list of ids, or a file in another encoding, is an error."""
    with pytest.raises(ca.InvalidValueError, match=r"^line 1: a manager record must be a JSON"):
        read_managers(write(tmp_path, "m.json", "[1, 2]"))
    with pytest.raises(ca.InvalidValueError, match=r"'path' must be a UTF-8 text file"):
        read_managers(write(tmp_path, "m.csv", "id,name\n1,Анна\n", encoding="cp1251"))


def test_managers_named_by_id_are_sorted_ints_then_strings() -> None:
    """Without a managers file, each manager id of the calls is a manager named by its id."""
    at = datetime(2026, 11, 2, tzinfo=UTC)
    ids: list[int | str] = [7, "x", 3, 7]
    calls = [ca.Call(str(i), "inbound", at, 1, manager_id=m) for i, m in enumerate(ids)]
    assert managers_named_by_id(calls) == (
        ca.Manager(3, "3"),
        ca.Manager(7, "7"),
        ca.Manager("x", "x"),
    )


# ---------------------------------------------------------------------------------------------
# Review findings: one reading of numbers and ids, and no input that crashes the reading

AMO_MIN = {"uniq": "u", "direction": "inbound", "created_at": 1793611800}
OWN_MIN = {"id": "u", "direction": "inbound", "started_at": "2026-11-02T07:30:00Z"}
QUERY_NOW = datetime(2026, 11, 20, tzinfo=UTC)


def outcome(read: Callable[[], object]) -> object:
    """What *read* returns, or ``InvalidValueError`` when it raises one (anything else escapes)."""
    try:
        return read()
    except ca.InvalidValueError:
        return ca.InvalidValueError


@pytest.mark.parametrize(
    "text",
    ["61", " 61 ", "+61", "061", "-61", "--61", "+-61", "6 1", "٦١", "61.0", "1_000", "0x3d"],
)
def test_every_edge_reads_a_number_the_same_way(text: str) -> None:
    """amoCRM payloads, own records and query durations accept and refuse the same texts."""
    amo = outcome(lambda: ca.call_from_api({**AMO_MIN, "duration": text}).duration)
    own = outcome(lambda: call_from_record({**OWN_MIN, "duration": text}).duration)
    query = outcome(
        lambda: ca.Filter.from_query({"max_duration": text}, now=QUERY_NOW, tz="UTC").max_duration
    )
    assert amo == own == query


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("504141", 504141),
        (" 504141 ", 504141),
        ("+7", 7),
        ("007", 7),
        (" anna@example.com ", "anna@example.com"),
        ("u-7", "u-7"),
        ("١٢", "١٢"),
        ("-3", ca.InvalidValueError),
        ("--3", "--3"),
    ],
)
def test_every_edge_reads_an_id_the_same_way(text: str, expected: object) -> None:
    """An own record's manager_id, amoCRM's call_responsible and the query's managers agree."""
    amo = {**AMO_MIN, "duration": 1, "call_responsible": text}
    own = {**OWN_MIN, "duration": 1, "manager_id": text}
    query = {"managers": text}
    assert outcome(lambda: ca.call_from_api(amo).manager_id) == expected
    assert outcome(lambda: call_from_record(own).manager_id) == expected
    selected = outcome(lambda: ca.Filter.from_query(query, now=QUERY_NOW, tz="UTC").manager_ids)
    assert selected == (expected if expected is ca.InvalidValueError else frozenset({expected}))


def test_a_malformed_number_in_an_amocrm_line_is_a_bad_record(tmp_path: Path) -> None:
    """``"--5"`` in an amoCRM record is reported by its line and the next record is read."""
    good = json.dumps({**AMO_MIN, "duration": 5})
    path = write(
        tmp_path, "calls.jsonl", json.dumps({**AMO_MIN, "duration": "--5"}) + f"\n{good}\n"
    )
    calls, bad = collect(path)
    assert [call.duration for call in calls] == [5]
    assert [str(b) for b in bad] == ["line 1: 'duration' must be a whole number (got '--5')."]


def test_own_ids_are_read_as_amocrm_ids(tmp_path: Path) -> None:
    """A signed whole number is a number id, a negative one an error naming the field."""
    path = write(
        tmp_path,
        "calls.csv",
        "id,direction,started_at,duration,manager_id\n"
        "a,inbound,2026-11-02T10:00Z,5,+7\n"
        "b,inbound,2026-11-02T10:00Z,5, -7 \n",
    )
    calls, bad = collect(path)
    assert [call.manager_id for call in calls] == [7]
    assert [str(b) for b in bad] == ["line 3: 'manager_id' must be >= 0 (got ' -7 ')."]


def test_a_negative_manager_id_stops_the_managers_file(tmp_path: Path) -> None:
    """A managers file reads ids as the calls do: ``-1`` is an error, not a str id."""
    path = write(tmp_path, "managers.csv", "id,name\n-1,Anna\n")
    with pytest.raises(ca.InvalidValueError, match=r"^line 2: 'id' must be >= 0 \(got '-1'\)\.$"):
        read_managers(path)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_json_number_of_too_many_digits_is_a_bad_record(tmp_path: Path, suffix: str) -> None:
    """A 5000-digit JSON number is a bad record naming its field, never a crash."""
    record = '{"uniq": "u", "direction": "inbound", "created_at": 1, "duration": %s}' % ("9" * 5000)
    good = json.dumps({**AMO_MIN, "duration": 5})
    text = f"[{record},\n{good}]" if suffix == ".json" else f"{record}\n{good}\n"
    calls, bad = collect(write(tmp_path, "calls" + suffix, text))
    assert [call.duration for call in calls] == [5]
    assert [str(b) for b in bad] == [
        "line 1: 'duration' must be a whole number of at most 4300 digits (got 5000 digits)."
    ]


def test_hours_of_too_many_digits_are_a_bad_record(tmp_path: Path) -> None:
    """HH:MM:SS whose hours Python cannot convert is a bad record naming 'duration'."""
    hours = "1" * 5000
    path = write(
        tmp_path,
        "calls.csv",
        f"id,direction,started_at,duration\na,inbound,{OWN_MIN['started_at']},{hours}:00:00\n",
    )
    _, bad = collect(path)
    assert [b.message[:58] for b in bad] == [
        "'duration' must be a whole number of seconds or HH:MM:SS ("
    ]


def test_json_nested_too_deeply_is_a_bad_line_or_a_stop(tmp_path: Path) -> None:
    """A JSON Lines record nested too deeply is a bad record; in a JSON list it stops, by line."""
    deep = "[" * 100_000
    good = json.dumps({**AMO_MIN, "duration": 5})
    calls, bad = collect(write(tmp_path, "calls.jsonl", f"{good}\n{deep}\n{good}\n"))
    assert len(calls) == 2
    assert [str(b) for b in bad] == ["line 2: not valid JSON: nested too deeply."]
    with pytest.raises(
        ca.InvalidValueError, match=r"^line 2: .* is not valid JSON: a record nested"
    ):
        collect(write(tmp_path, "calls.json", f"[{good},\n{deep}]"))


def test_a_lone_surrogate_is_a_bad_record_and_a_pair_is_text(tmp_path: Path) -> None:
    r"""A lone ``\ud800`` escape is no text: a bad record; an escaped surrogate pair is read."""
    head = '{"direction": "inbound", "created_at": 1, "duration": 5, '
    lone = head + '"uniq": "a", "call_responsible": "\\ud800"}'
    pair = head + '"uniq": "b", "call_responsible": "\\ud83d\\ude00"}'
    calls, bad = collect(write(tmp_path, "calls.jsonl", f"{lone}\n{pair}\n"))
    assert [call.manager_id for call in calls] == ["\U0001f600"]
    assert [str(b) for b in bad] == ["line 1: a string must be Unicode text (got '\\ud800')."]
    calls, bad = collect(write(tmp_path, "calls.json", f"[{lone},\n{pair}]"))
    assert ([call.id for call in calls], [b.line for b in bad]) == (["b"], [1])
    managers = write(tmp_path, "managers.json", '[{"id": 1, "name": "\\udc00"}]')
    with pytest.raises(ca.InvalidValueError, match=r"^line 1: a string must be Unicode text"):
        read_managers(managers)


def test_a_start_beyond_utc_is_a_bad_record(tmp_path: Path) -> None:
    """A ``started_at`` that UTC cannot express (before year 1) is a bad record, not a crash."""
    path = write(
        tmp_path,
        "calls.csv",
        "id,direction,started_at,duration\n"
        "a,inbound,0001-01-01T00:00:00+05:00,5\n"
        "b,inbound,0001-01-01T05:00:00+05:00,5\n",
    )
    calls, bad = collect(path)
    assert [call.id for call in calls] == ["b"]
    assert [str(b) for b in bad] == [
        "line 2: 'started_at' must be an instant between years 1 and 9999 in UTC "
        "(got '0001-01-01T00:00:00+05:00')."
    ]


def test_a_path_with_a_nul_is_an_invalid_value(tmp_path: Path) -> None:
    """A path holding a NUL character is an InvalidValueError naming it, for calls and managers."""
    with pytest.raises(ca.InvalidValueError, match=r"^'path' must not hold a NUL character"):
        list(read_calls(tmp_path / "a\x00.csv"))
    with pytest.raises(ca.InvalidValueError, match=r"^'path' must not hold a NUL character"):
        read_managers(tmp_path / "a\x00.csv")


def test_a_record_with_no_start_names_the_field(tmp_path: Path) -> None:
    """A record whose start is null and that has no created_at is a bad record: no time."""
    record = json.dumps({"id": "a", "direction": "inbound", "duration": 5, "started_at": None})
    calls, bad = collect(write(tmp_path, "calls.jsonl", record + "\n"))
    assert calls == []
    assert [str(b) for b in bad] == ["line 1: 'started_at' is required (got None)."]


def test_a_lone_surrogate_deep_in_a_record_is_found(tmp_path: Path) -> None:
    r"""A lone surrogate inside nested lists and objects makes the record bad, not a crash."""
    record = '{"uniq": "a", "direction": "inbound", "duration": 5, "created_at": 1, '
    record += '"extra": [1, {"k": ["x", "\\udfff"]}]}'
    calls, bad = collect(write(tmp_path, "calls.jsonl", record + "\n"))
    assert (calls, [b.line for b in bad]) == ([], [1])


def test_managers_read_numbers_and_flags_as_their_text(tmp_path: Path) -> None:
    """A manager named by a number is that text; active takes yes/no and 1/0."""
    path = write(
        tmp_path,
        "managers.json",
        '[{"id": "7", "name": 2024, "active": "no"}, {"id": 8, "name": "Vera", "active": 1}]',
    )
    assert read_managers(path) == (
        ca.Manager(7, "2024", active=False),
        ca.Manager(8, "Vera", active=True),
    )


def test_a_header_that_is_not_csv_stops_the_reading(tmp_path: Path) -> None:
    """A header with broken quoting cannot be read: an error naming the line and the file."""
    path = write(tmp_path, "calls.csv", 'id,"direction"x,started_at,duration\n')
    with pytest.raises(ca.InvalidValueError, match="line 1: the header of .* is not valid CSV"):
        collect(path)
