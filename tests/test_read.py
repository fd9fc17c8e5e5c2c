"""read_calls: any source, encoding and format, every record accounted for (R27, R28)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._sources.read import detect_encoding, sniff_format
from tests.strategies import call_lists

FIXTURES = Path(__file__).parent / "fixtures"
MOSCOW = ZoneInfo("Europe/Moscow")
OWN = "id,direction,started_at,duration,manager_id\n"


def moscow(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=MOSCOW)


def read(data: str | bytes, **options: object) -> tuple[list[ca.Call], ca.FileCallReader]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    reader = ca.read_calls(io.BytesIO(raw), **options)  # type: ignore[arg-type]
    calls = list(reader)
    assert reader.counts.reconciles  # R27: every record accounted for
    return calls, reader


# --- Encodings ------------------------------------------------------------------------------

SHEET = (
    "Дата звонка;Направление;Длительность;Статус;Менеджер;Телефон;;\r\n"
    "26.11.2026 12:00:05;Входящий;0:01:05;Разговор состоялся;Иванова Анна;+7 912 345-67-89;;\r\n"
    "26.11.2026 12:03:40;Исходящий;0:00:00;Не дозвонился;Петров Олег;89123456789;;\r\n"
    "26.11.2026 12:10:00;Исходящий;15;Занято;;+79123456789;;\r\n"
)


@pytest.mark.parametrize(
    ("encoded", "name"),
    [
        (SHEET.encode("cp1251"), "cp1251"),
        (SHEET.encode("utf-8-sig"), "utf-8 with a BOM"),
        (SHEET.encode("utf-8"), "utf-8"),
        (SHEET.encode("utf-16"), "utf-16 with its BOM"),
    ],
)
def test_r27_a_russian_spreadsheet_in_any_encoding_reads_the_same(
    encoded: bytes, name: str
) -> None:
    """Russian Excel's cp1251, UTF-8 with or without a BOM, UTF-16: the same three calls."""
    calls, reader = read(encoded, tz="Europe/Moscow")
    assert [(c.direction, c.started_at, c.duration, c.status, c.manager_id) for c in calls] == [
        (
            ca.Direction.INCOMING,
            moscow(2026, 11, 26, 12, 0, 5),
            65,
            ca.CallStatus.TALKED,
            "Иванова Анна",
        ),
        (
            ca.Direction.OUTGOING,
            moscow(2026, 11, 26, 12, 3, 40),
            0,
            ca.CallStatus.NO_ANSWER,
            "Петров Олег",
        ),
        (ca.Direction.OUTGOING, moscow(2026, 11, 26, 12, 10), 15, ca.CallStatus.BUSY, None),
    ], name
    assert reader.counts == ca.ReadCounts(records=3, calls=3)


def test_detect_encoding_of_heads() -> None:
    """BOM first, then valid UTF-8 (a character cut at the end of the head is still UTF-8)."""
    text = "Дата".encode()
    assert detect_encoding(text[:-1]) == "utf-8"  # the last letter cut in two
    assert detect_encoding(text[:-1], complete=True) == "cp1251"
    assert detect_encoding(codecs_bom_le() + "a".encode("utf-16-le")) == "utf-16"


def codecs_bom_le() -> bytes:
    import codecs

    return codecs.BOM_UTF16_LE


def test_an_encoding_given_is_used_and_checked() -> None:
    """encoding= overrides the guess; an unknown one names the parameter."""
    calls, _ = read(SHEET.encode("cp1251"), encoding="cp1251", tz="Europe/Moscow")
    assert calls[0].manager_id == "Иванова Анна"
    with pytest.raises(ca.InvalidValueError, match="'encoding' must be a known encoding"):
        ca.read_calls(io.BytesIO(b""), encoding="klingon")
    with pytest.raises(ca.InvalidTypeError, match="'encoding' must be a str"):
        ca.read_calls(io.BytesIO(b""), encoding=1251)  # type: ignore[arg-type]


def test_a_text_past_the_head_in_another_encoding_is_an_error_naming_encoding() -> None:
    """The guess looks at 64 KiB; cp1251 after that in a 'UTF-8' file is a clear error."""
    head = OWN + "".join(f"c{i},inbound,2026-11-02T10:00:00+03:00,5,1\n" for i in range(3000))
    data = head.encode() + "x,inbound,2026-11-02T10:00:00+03:00,5,Анна\n".encode("cp1251")
    reader = ca.read_calls(io.BytesIO(data))
    with pytest.raises(ca.InvalidValueError, match="'encoding' must be the file's.*utf-8"):
        list(reader)


# --- Spreadsheets ---------------------------------------------------------------------------


def test_r27_the_constructed_excel_fixture() -> None:
    """The cp1251 fixture (`Тип звонка`, `Отвечен`, `Пропущен`): three hand-checked calls."""
    reader = ca.read_calls(
        FIXTURES / "spreadsheets" / "CONSTRUCTED_excel_ru_cp1251_semicolon.csv",
        tz="Europe/Moscow",
    )
    got = [(c.direction.value, c.duration, c.status, c.phone, c.manager_id) for c in reader]
    assert got == [
        ("inbound", 65, ca.CallStatus.TALKED, "+7 912 345-67-89", "Иванова Анна"),
        ("outbound", 0, ca.CallStatus.NO_ANSWER, "89123456789", "Петров Олег"),
        ("inbound", 3725, ca.CallStatus.NO_ANSWER, "+79123456789", None),
    ]


def test_the_sipuni_header_takes_the_talk_time_and_leaves_other_columns() -> None:
    """Sipuni's real header: `Длительность разговора` is the duration, not the ringing."""
    header = (
        (FIXTURES / "spreadsheets" / "sipuni_statistic_export_header_REAL.csv")
        .read_text(encoding="utf-8")
        .strip()
    )
    cells = [""] * 24
    cells[:3] = ["Входящий", "Отвечен", "06.06.2026 13:50:45"]
    cells[8], cells[9], cells[10], cells[23] = "205", "15", "9", "Анна"
    calls, _ = read(f"{header}\n{';'.join(cells)}\n", tz="Asia/Almaty")
    assert len(calls) == 1
    call = calls[0]
    assert (call.direction, call.duration, call.status, call.manager_id) == (
        ca.Direction.INCOMING,
        9,
        ca.CallStatus.TALKED,
        205,
    )
    assert call.started_at == datetime(2026, 6, 6, 8, 50, 45, tzinfo=UTC)


def test_english_headers_a_date_and_a_time_column_and_tabs() -> None:
    """English headers, tab-delimited, a date column and a time column joined."""
    data = (
        "Call ID\tDate\tTime\tType\tTalk time\tStatus\tAgent\tRecording\n"
        "u1\t26.11.2026\t09:30:00\tOutgoing\t01:02:05\tBusy\t7\thttps://r/1.mp3\n"
    )
    calls, _ = read(data, tz=timezone(timedelta(hours=3)))
    assert calls == [
        ca.Call(
            "u1",
            "outbound",
            datetime(2026, 11, 26, 6, 30, tzinfo=UTC),
            3725,
            manager_id=7,
            status=7,
            recording_url="https://r/1.mp3",
        )
    ]


def test_r30_an_internal_call_of_a_spreadsheet_is_counted_apart() -> None:
    """`Внутренний` is a call between the account's own people: internal, not a call."""
    data = "Дата;Тип;Длительность\n26.11.2026 12:00;Внутренний;5\n26.11.2026 12:00;вход.;5\n"
    calls, reader = read(data, tz="Europe/Moscow")
    assert len(calls) == 1
    assert reader.counts == ca.ReadCounts(records=2, calls=1, internal=1)


def test_r28_a_row_pasted_twice_is_a_duplicate() -> None:
    """A spreadsheet row has no id: the digest of its cells is one, so a repeat is a duplicate."""
    row = "26.11.2026 12:00:05;Входящий;0:01:05\n"
    other = "26.11.2026 12:00:06;Входящий;0:01:05\n"
    calls, reader = read("Дата;Тип;Длительность\n" + row + other + row, tz="Europe/Moscow")
    assert len(calls) == 2
    assert reader.counts.duplicates == 1
    assert reader.duplicate_lines == [4]
    calls, reader = read(
        "Дата;Тип;Длительность\n" + row + row, tz="Europe/Moscow", duplicates=False
    )
    assert (len(calls), reader.counts.duplicates) == (2, 0)


def test_r27_a_bad_spreadsheet_row_names_every_problem() -> None:
    """All problems of a row at once, each naming its field."""
    data = "Дата;Тип;Длительность;Статус\n26.11.2026 12:00;сбоку;-5;Странный\n"
    calls, reader = read(data, tz="Europe/Moscow")
    assert calls == []
    (rejected,) = reader.rejected
    assert rejected.line == 2
    assert rejected.fields == ("direction", "duration", "status")
    assert "'direction' must be one of" in rejected.message
    assert "'duration' must be >= 0" in rejected.message
    assert "'status'" in rejected.message


def test_naive_times_need_tz() -> None:
    """A day-first time without tz names no instant: rejected, naming `started_at` and tz=."""
    calls, reader = read("Дата;Тип;Длительность\n26.11.2026 12:00;Входящий;5\n")
    assert calls == []
    assert "tz=" in reader.rejected[0].message


def test_trailing_cells_and_blank_lines() -> None:
    """Empty cells past the header are ignored; a row with more filled cells is rejected."""
    good, bad = "a,inbound,2026-11-02T10:00:00Z,5,1,,", "b,inbound,2026-11-02T10:00:00Z,5,1,x"
    data = f"{OWN}{good}\n\n,,,,\n{bad}\n"
    calls, reader = read(data)
    assert [c.id for c in calls] == ["a"]
    assert reader.rejected[0].message == "the record has 6 cells, the header 5."


def test_own_columns_read_words_too() -> None:
    """The library's own CSV columns take `talked` and `incoming` as the filters do."""
    data = "id,direction,started_at,duration,status\na,incoming,2026-11-02T10:00:00Z,5,talked\n"
    calls, _ = read(data)
    assert (calls[0].direction, calls[0].status) == (ca.Direction.INCOMING, ca.CallStatus.TALKED)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("id,direction,started_at,duraton\n", "'duraton' is not a column"),
        ("id,direction,duration\n", "'started_at' (or 'created_at') is required"),
        ("direction,started_at,duration\n", "the column 'id' is required"),
        ("id,id,direction,started_at,duration\n", "must appear once"),
        ("Дата;Тип\n", "the column 'duration' is required"),
        ('"a\n', "the header of '<stream>' is not valid CSV"),
    ],
)
def test_a_bad_header_is_an_error(header: str, message: str) -> None:
    """A header that cannot hold calls stops the reading, naming the column."""
    with pytest.raises(ca.InvalidValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(ca.read_calls(io.StringIO(header), format="csv"))


def test_an_empty_file_and_bad_csv_rows() -> None:
    """No line at all: no record. A row that is not CSV is rejected, the next one read."""
    assert read("")[0] == []
    calls, reader = read(OWN + 'a,inbound,"2026,5\n', format="csv")
    assert calls == []
    assert "not valid CSV" in reader.rejected[0].message


# --- JSON and JSON Lines ----------------------------------------------------------------------

AMO = {"direction": "inbound", "duration": 61, "created_at": 1793611800, "call_responsible": 7}
CARD = {"entity_id": 10, "entity_type": "contact"}


def test_json_list_streamed_in_chunks() -> None:
    """A JSON list longer than a chunk is decoded record by record, lines kept."""
    records = [{**AMO, "uniq": f"u{i}", "source": "x" * 50} for i in range(3000)]
    text = "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n"
    calls, reader = read(text)
    assert [c.id for c in calls] == [f"u{i}" for i in range(3000)]
    assert reader.counts.calls == 3000


def test_json_bad_records_and_syntax() -> None:
    """A record that is not a call is rejected with its line; broken syntax stops, naming it."""
    calls, reader = read('[1, {"uniq": "a"}, {"uniq": "b", "x": "\\ud800"}]')
    assert calls == []
    assert [r.message[:30] for r in reader.rejected] == [
        "a call record must be a JSON o",
        "'direction' is required (got a",
        "a string must be Unicode text ",
    ]
    for text, message in [
        ("[1 2]", "',' or ']' after a record"),
        ("[1] x", "nothing more"),
        ('[{"a": tru}]', "is not valid JSON"),
        ("[" * 100000 + "]" * 100000, "nested too deeply"),
    ]:
        with pytest.raises(ca.InvalidValueError, match=message):
            read(text, format="json")
    assert read("[]")[0] == []
    assert read("  [ ]  ", format="json")[0] == []


def test_json_object_with_a_list_and_objects_one_after_another() -> None:
    """An API page `{"_embedded": {"calls": [...]}}`, `{"calls": [...]}`, or bare objects."""
    page = {"_embedded": {"calls": [{**AMO, "uniq": "a"}, {**AMO, "uniq": "b"}]}, "_page": 1}
    assert [c.id for c in read(json.dumps(page))[0]] == ["a", "b"]
    assert [c.id for c in read(json.dumps({"calls": [{**AMO, "uniq": "c"}]}))[0]] == ["c"]
    two = json.dumps({**AMO, "uniq": "d"}) + json.dumps({**AMO, "uniq": "e"})
    assert [c.id for c in read(two, format="json")[0]] == ["d", "e"]


def test_jsonl_rejects_bad_lines_and_goes_on() -> None:
    """A JSON Lines line that is not JSON, too deep, or not text is rejected; the rest read."""
    lines = [json.dumps({**AMO, "uniq": "a"}), "{oops", "[" * 100000, '{"uniq": "\\ud800"}', ""]
    calls, reader = read("\n".join(lines) + "\n", format="jsonl")
    assert [c.id for c in calls] == ["a"]
    assert [r.line for r in reader.rejected] == [2, 3, 4]


def test_own_json_records_with_naive_times_read_in_tz() -> None:
    """The library's own names, a naive `started_at` read in tz."""
    record = {"id": "a", "direction": "inbound", "started_at": "2026-11-02 10:00", "duration": 5}
    calls, _ = read(json.dumps(record) + "\n", tz="Europe/Moscow")
    assert calls[0].started_at == moscow(2026, 11, 2, 10, 0)


def test_sniff_format() -> None:
    """The suffix decides; without one, the content."""
    assert sniff_format("a,b\n", ".json") == "json"
    assert sniff_format('{"a": 1}') == "jsonl"
    assert sniff_format('{"a":\n 1}') == "json"
    assert sniff_format('{"a": 1}\n[') == "json"


def test_format_is_checked() -> None:
    """An unknown format names the parameter and the formats there are."""
    with pytest.raises(ca.InvalidValueError, match="'format' must be one of 'csv', 'json'"):
        ca.read_calls(io.StringIO(""), format="xml")
    with pytest.raises(ca.InvalidTypeError, match="'format' must be one of"):
        ca.read_calls(io.StringIO(""), format=["csv"])  # type: ignore[arg-type]


def test_r29_a_pbx_file_is_found_by_its_content_and_read_by_its_reader() -> None:
    """Master.csv has no header and no telling suffix: read_calls finds Asterisk by content."""
    path = Path(__file__).parent / "fixtures" / "pbx" / "asterisk"
    path = path / "master_csv_cdr_csv_18col_unattributed.csv"
    extensions = {"2889": 5, "1110": 6}
    reader = ca.read_calls(path, tz="UTC", extensions=extensions)
    calls = list(reader)
    with path.open(encoding="utf-8", newline="") as stream:
        direct = list(ca.read_pbx(stream, format="asterisk", tz="UTC", extensions=extensions))
    assert calls == direct
    assert len(calls) > 0
    assert reader.counts.reconciles
    assert reader.counts.records == sum(1 for line in path.read_text().splitlines() if line)


def test_sources_paths_text_and_binary(tmp_path: Path) -> None:
    """A path, a text file and a binary file read the same; anything else is a type error."""
    path = tmp_path / "calls.ndjson"
    path.write_text(json.dumps({**AMO, "uniq": "a"}) + "\n", encoding="utf-8")
    with path.open(encoding="utf-8") as text, path.open("rb") as binary:
        got = [[c.id for c in ca.read_calls(src)] for src in (path, str(path), text, binary)]
    assert got == [["a"]] * 4
    with pytest.raises(ca.InvalidTypeError, match="'source' must be a path or a file"):
        ca.read_calls(42)  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidValueError, match="NUL"):
        ca.read_calls(tmp_path / "a\x00.csv")
    with pytest.raises(FileNotFoundError):
        ca.read_calls(tmp_path / "missing.csv")


class Odd(io.RawIOBase):
    """A stream whose read(0) gives neither text nor bytes."""

    def read(self, size: int = -1) -> None:
        return None


def test_a_stream_of_neither_text_nor_bytes_is_a_type_error() -> None:
    """read(0) must give '' or b''."""
    with pytest.raises(ca.InvalidTypeError, match="'source'"):
        ca.read_calls(Odd())  # type: ignore[arg-type]


def test_the_reader_closes_its_file(tmp_path: Path) -> None:
    """Read to the end, or closed early: the file is closed either way."""
    path = tmp_path / "calls.csv"
    path.write_text(OWN + "a,inbound,2026-11-02T10:00:00Z,5,1\n", encoding="utf-8")
    reader = ca.read_calls(path)
    reader.close()
    reader.close()
    reader = ca.read_calls(path)
    assert len(list(reader)) == 1
    reader.close()


def test_managers_by_name() -> None:
    """A manager named by name in the data is credited to the manager of that name."""
    data = "Дата;Тип;Длительность;Менеджер\n26.11.2026 12:00;Входящий;5;иванова  анна\n"
    managers = [ca.Manager(7, "Иванова Анна"), ca.Manager(8, "Иванова Анна")]
    calls, _ = read(data, tz="Europe/Moscow", managers=managers)
    assert calls[0].manager_id == 7
    calls, _ = read(data.replace("иванова  анна", "Пётр"), tz="Europe/Moscow", managers=managers)
    assert calls[0].manager_id == "Пётр"
    with pytest.raises(ca.InvalidTypeError, match="'managers'"):
        ca.read_calls(io.StringIO(""), managers=["Anna"])  # type: ignore[list-item]


# --- Invariants ---------------------------------------------------------------------------


def own_rows(calls: list[ca.Call]) -> Iterator[dict[str, object]]:
    for call in calls:
        yield {
            "id": call.id,
            "direction": call.direction.value,
            "started_at": call.started_at.isoformat(),
            "duration": call.duration,
            "phone": call.phone,
            "manager_id": call.manager_id,
            "card_id": call.card_id,
            "entity_type": None if call.entity_type is None else call.entity_type.value,
            "status": None if call.status is None else int(call.status),
            "recording_url": call.recording_url,
            "via_app": call.via_app,
        }


@settings(max_examples=60, deadline=None)
@given(calls=call_lists, delimiter=st.sampled_from([",", ";", "\t"]), bom=st.booleans())
def test_r27_round_trip_through_csv(calls: list[ca.Call], delimiter: str, bom: bool) -> None:
    """Calls written as CSV by the test read back as the same calls, in order."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=list(
            next(own_rows([ca.Call("x", "inbound", datetime(2026, 1, 1, tzinfo=UTC), 0)]))
        ),
        delimiter=delimiter,
    )
    writer.writeheader()
    for row in own_rows(calls):
        writer.writerow(
            {
                k: "" if v is None else str(v).lower() if isinstance(v, bool) else v
                for k, v in row.items()
            }
        )
    data = out.getvalue().encode("utf-8-sig" if bom else "utf-8")
    got, reader = read(data, format="csv")
    assert got == calls
    assert reader.counts.calls == len(calls)


@settings(max_examples=60, deadline=None)
@given(calls=call_lists)
def test_r27_round_trip_through_jsonl(calls: list[ca.Call]) -> None:
    """Calls written as JSON Lines by the test read back as the same calls."""
    text = "".join(json.dumps(row) + "\n" for row in own_rows(calls))
    assert read(text)[0] == calls


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.sampled_from(
            [
                "a,inbound,2026-11-02T10:00:00Z,5,1",
                "b,outbound,2026-11-02T10:00:00Z,-5,1",
                "c,inbound,2026-11-02T10:00:00Z,5",
                'd,"inbound,2026',
                "e,inbound,2026-11-02T10:00:00Z,5,x",
            ]
        ),
        max_size=30,
    )
)
def test_r27_every_record_is_accounted_for(lines: list[str]) -> None:
    """Calls + duplicates + rejected == records, whatever the mix of good and bad lines."""
    calls, reader = read(OWN + "\n".join(lines) + "\n")
    counts = reader.counts
    assert counts.records == counts.calls + counts.duplicates + counts.rejected
    assert counts.calls == len(calls) == len({c.id for c in calls})


def peak_memory(path: Path) -> tuple[int, int]:
    """How many calls ``read_calls(path, duplicates=False)`` gives, and its peak memory."""
    tracemalloc.start()
    try:
        count = sum(1 for _ in ca.read_calls(path, duplicates=False))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv"])
def test_r28_a_file_streams_in_flat_memory_without_dedupe(tmp_path: Path, suffix: str) -> None:
    """Ten times the records, about the same peak memory: nothing grows with the file."""
    record = {"direction": "inbound", "started_at": "2026-11-02T10:00:00Z", "duration": 5}

    def write(count: int) -> Path:
        path = tmp_path / f"calls{count}{suffix}"
        rows = ({"id": f"c{i}", **record} for i in range(count))
        with path.open("w", encoding="utf-8") as out:
            if suffix == ".csv":
                out.write("id,direction,started_at,duration\n")
                out.writelines(",".join(map(str, row.values())) + "\n" for row in rows)
            elif suffix == ".json":
                out.write("[" + ",\n".join(json.dumps(row) for row in rows) + "]")
            else:
                out.writelines(json.dumps(row) + "\n" for row in rows)
        return path

    small, big = peak_memory(write(1_000)), peak_memory(write(10_000))
    assert (small[0], big[0]) == (1_000, 10_000)
    assert big[1] < small[1] * 1.5 + 64 * 1024, (small, big)


def test_a_pipe_is_read_once() -> None:
    """`cat calls.jsonl | python -m callanalytics report -` reports every call (one pass)."""
    lines = "".join(
        json.dumps({**AMO, **CARD, "uniq": f"u{i}", "call_responsible": 7 + i % 2}) + "\n"
        for i in range(5)
    )
    env_path = str(Path(__file__).parent.parent / "src")
    for target in ("-", "/dev/stdin"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "callanalytics",
                "report",
                target,
                "--format",
                "json",
                "--now",
                "2026-11-20T18:00:00+03:00",
            ],
            input=lines,
            capture_output=True,
            text=True,
            check=False,
            env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
        )
        assert done.returncode == 0, done.stderr
        rows = {r["manager"]: r["total"] for r in json.loads(done.stdout)}
        assert rows == {"7": 3, "8": 2, "Total": 5, "Average": 3, "No manager": 0}
        assert "records read: 5; calls: 5" in done.stderr


class Trickle(io.StringIO):
    """A pipe that hands out at most seven characters a read."""

    def read(self, size: int | None = -1) -> str:
        return super().read(7 if size is None or size < 0 else min(size, 7))


def test_json_from_a_stream_that_gives_a_few_characters_at_a_time() -> None:
    """Numbers, literals and strings cut between reads are decoded whole."""
    records = [{**AMO, "uniq": f"u{i}", "duration": 12345 + i, "via": None} for i in range(20)]
    reader = ca.read_calls(Trickle(json.dumps(records)), format="json")
    assert [c.duration for c in reader] == [12345 + i for i in range(20)]
    assert read("[1234]", format="json")[1].rejected[0].message.startswith("a call record")


def test_text_replay_reads_everything_after_its_head() -> None:
    """read() with no size gives the head and the rest."""
    from callanalytics._sources.read import _TextReplay

    assert _TextReplay("ab", io.StringIO("cd")).read() == "abcd"
    assert _TextReplay("", io.StringIO("cd")).read() == "cd"


def test_utf8_given_for_a_file_with_a_bom() -> None:
    """encoding='utf-8' on a file that starts with a BOM still leaves the BOM out."""
    calls, _ = read(SHEET.encode("utf-8-sig"), encoding="utf-8", tz="Europe/Moscow")
    assert len(calls) == 3


def test_flat_webhook_fields_as_a_json_record_and_an_empty_direction() -> None:
    """A logged webhook note as JSON (`note_type` without `params`); a row without direction."""
    note = {
        "note_type": "10",
        "element_type": "1",
        "element_id": "5",
        "created_at": "1767261600",
        "text": '{"UNIQ": "w", "DURATION": 3}',
    }
    (call,) = read(json.dumps(note) + "\n")[0]
    assert (call.id, call.card_key) == ("w", (ca.EntityType.CONTACT, 5))
    _, reader = read("Дата;Тип;Длительность\n26.11.2026 12:00;;5\n", tz="Europe/Moscow")
    assert reader.rejected[0].fields == ("direction",)


def test_r27_a_directory_or_a_reader_that_refuses_names_the_source(tmp_path: Path) -> None:
    """A directory is no file; a reader that refuses at once leaves no file open."""
    with pytest.raises(ca.InvalidValueError, match="'source' must be a file, not a directory"):
        ca.read_calls(tmp_path)
    master = tmp_path / "Master.csv"
    master.write_text('"","201","79123456789","from-internal"\n', encoding="utf-8")
    with pytest.raises(ca.InvalidValueError, match="tz"):
        ca.read_calls(master, format="asterisk")  # a PBX file needs its zone


def test_r27_bytes_no_encoding_has_name_the_encoding() -> None:
    """0x98 is neither UTF-8 nor cp1251: the error says to give the encoding."""
    with pytest.raises(ca.InvalidValueError, match="'encoding' must be the file's.*give it"):
        list(ca.read_calls(io.BytesIO(b"\x98")))


def test_r29_a_pbx_format_takes_its_own_options_and_no_other() -> None:
    """usegmtime= reaches the Asterisk reader; an option a format does not take is named."""
    path = Path(__file__).parent / "fixtures" / "pbx" / "asterisk"
    path = path / "master_csv_cdr_csv_21col_ringgroup.csv"
    calls = list(ca.read_calls(path, tz="Asia/Irkutsk", usegmtime=True))
    with path.open(encoding="utf-8", newline="") as stream:
        direct = ca.read_pbx(stream, format="asterisk", tz="Asia/Irkutsk", usegmtime=True)
        assert calls == list(direct)
    assert calls[0].started_at == datetime(2024, 1, 27, 15, 7, 24, tzinfo=UTC)  # UTC columns
    with pytest.raises(ca.InvalidValueError, match="'usegmtime' must be an option of the csv"):
        ca.read_calls(io.StringIO("id,direction\n"), format="csv", usegmtime=True)
    with pytest.raises(ca.InvalidValueError, match="'window' must be an option of the 3cx format"):
        ca.read_calls(io.StringIO(""), format="3cx", tz="UTC", window=5)
