"""The command line's fast path: a CSV file reported by the columnar engine, or streamed.

The fast path (`callanalytics._sources.fast.report_of_csv`) must print exactly what the
streaming path prints — the same report, the same exit code, the same messages — so every test
here runs the command line twice, with the fast path and with it switched off, and compares.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import callanalytics._cli.main as cli
from callanalytics._sources import fast
from callanalytics._sources.fast import report_of_csv

NOW = ["--now", "2026-11-20T18:00:00+03:00"]
HEADER = (
    "id,direction,started_at,duration,phone,manager_id,card_id,entity_type,status,"
    "result,source,recording_url,via_app,wait"
)
ROWS = [
    "c1,inbound,2026-11-02T10:00:00+03:00,60,+7 912,1,10,contacts,4,ok,UIS,,false,3",
    "c2,outbound,2026-11-03T11:00:00Z,3725,,1,10,contacts,4,,,https://r/2,0,",
    "c3,inbound,2026-11-05 09:00:00.5+01:00,30,,2,20,companies,6,,,,no,",
    "c4,outbound,2026-10-31T23:59:59+03:00,100,,2,20,companies,,,,,,",
    "c5,inbound,2026-11-06T12:00:00-05:00,15,,,10,contacts,,,,,n,",
    "c6,outbound,2026-11-19T12:00:00+03:00,40,777,777,,,4,,,,true,",
    "c7,inbound,2026-11-20T17:00:00+03:00,50,204,3,,,1,,,,yes,",
    "c8,outbound,2026-11-09T12:00:00+03:00,20,,1,30,leads,2,,,,да,",
    "c1,outbound,2026-11-09T12:00:00+03:00,99,,1,10,contacts,2,,,,нет,",
    "c9,inbound,2026-11-01T00:30:00.123456+01:00,0,,1,10,contacts,7,,,,1,",
]
"""Valid rows in the plainest spellings, of every kind: no card, a lead's card, a duplicate
id (c1), a pending call (c7, younger than the grace window), fractions of a second, Z, a space
instead of T, every word of via_app."""
MANAGERS = "id,name,group,active\n1,Anna,Sales,\n2,Boris,Sales,false\n"


def run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str, str]:
    code = cli.main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def both(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> tuple[int, str, str]:
    """The command line's output with the fast path, checked equal to the streaming path's."""
    fast_output = run(capsys, args)
    with monkeypatch.context() as patched:
        patched.setattr(cli, "report_of_csv", lambda *_, **__: None)
        streamed = run(capsys, args)
    assert fast_output == streamed
    return fast_output


def write(folder: Path, rows: list[str], header: str = HEADER, name: str = "calls.csv") -> str:
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


OPTIONS = [
    [],
    ["--tz", "Europe/Berlin", "--period", "this_month"],
    ["--tz", "America/New_York", "--from", "2026-11-01", "--to", "2026-11-05", "--format", "csv"],
    ["--entity", "companies", "--status", "4,6", "--format", "json"],
    ["--manager-ids", "1,2", "--min-duration", "20", "--max-duration", "01:00:00"],
    ["--direction", "inbound", "--lang", "ru"],
]


@pytest.mark.parametrize("options", OPTIONS)
def test_r11_a_valid_file_reports_alike_on_both_paths(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    options: list[str],
) -> None:
    """Filters, time zones (DST), formats: the fast path takes the file and prints the same."""
    unique = [row for row in ROWS if not row.startswith("c1,outbound")]
    path = write(tmp_path, unique)
    managers = tmp_path / "managers.csv"
    managers.write_text(MANAGERS, encoding="utf-8")
    assert report_of_csv(path, now=None) is not None
    summary = "callanalytics: records read: 9; calls: 9; legs merged: 0; internal: 0; "
    summary += "duplicates: 0; rejected: 0."
    if "ru" in options:
        summary = "callanalytics: прочитано записей: 9; звонков: 9; слитых плеч: 0; "
        summary += "внутренних: 0; дублей: 0; отклонено: 0."
    for extra in ([], ["--managers", str(managers)]):
        code, _, err = both(capsys, monkeypatch, [path, *NOW, *options, *extra])
        assert (code, err) == (0, summary + "\n")
    # a repeated id: the reader drops it when streaming, so the file is streamed (R28)
    code, _, err = both(capsys, monkeypatch, [write(tmp_path, ROWS), *NOW, *options])
    assert code == 0
    assert ("duplicates: 1;" in err) or ("дублей: 1;" in err)


def test_r11_the_fast_path_counts_what_a_hand_count_gives(tmp_path: Path) -> None:
    """The figures of the sample rows, counted by hand (R6, R8, R9, R28)."""
    from datetime import UTC, datetime

    now = datetime(2026, 11, 20, 18, tzinfo=UTC)
    report = report_of_csv(write(tmp_path, ROWS), now=now)
    assert report is not None
    by_id = {
        row.manager.id: (row.incoming, row.outgoing, row.total_duration) for row in report.rows
    }
    # c1 (60 in), c2 (3725 out), c9 (0 in) for 1; c3 (30 in), c4 (100 out) for 2;
    # c6 has no card (outbound: not saved); c7 is pending; c8 is in a lead (other card);
    # the second c1 is a duplicate; c5 has no manager.
    assert by_id[1] == (2, 1, 3785)
    assert by_id[2] == (1, 1, 130)
    assert (report.unassigned.incoming, report.unassigned.total_duration) == (1, 15)
    assert report.tally.calls == len(ROWS)


BAD_ROWS = [
    "d1,inbound,2026-11-02T10:00:00+03:00,-5,,1,,,,,,,,",  # a negative duration
    "d2,sideways,2026-11-02T10:00:00+03:00,5,,1,,,,,,,,",  # no such direction
    "d4,inbound,2026-02-30T10:00:00+03:00,5,,1,,,,,,,,",  # no such day
    "d5,inbound,2026-11-02T10:00:00+03:00,5,,1,10,,,,,,,",  # a card without its type
    "d6,inbound,2026-11-02T10:00:00+03:00,5,,1,,,9,,,,,",  # no such status
    "d7,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,http://r,true,",  # app call recorded
    "d8,inbound,2026-11-02T10:00:00+03:00,5,,-1,,,,,,,,",  # a negative manager id
    "d9,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,maybe,",  # not a flag
    "d10,inbound,2026-11-02T10:00:00+03:00",  # too few cells
    "d14,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,",  # one cell too few: no empty 'wait'
    "d15,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,",  # the last optional cells missing
    "d12,inbound,0001-01-01T00:30:00+01:00,5,,1,,,,,,,,",  # before year 1 in UTC
    "d13,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,,-3",  # a negative wait
]


@pytest.mark.parametrize("bad", BAD_ROWS)
def test_r27_a_bad_record_sends_the_file_to_the_stream_for_its_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bad: str
) -> None:
    """The fast path takes no file with a bad record: the stream names it, exit code 1."""
    path = write(tmp_path, [*ROWS[:3], bad, *ROWS[3:]])
    assert report_of_csv(path) is None
    code, _, err = both(capsys, monkeypatch, [path, *NOW])
    assert code == 1
    assert "line 5" in err


ODD_BUT_VALID = [
    "d3,inbound,2026-11-02T10:00:00,5,,1,,,,,,,,",  # no offset: a wall time of --tz
    " ,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,,",  # no id: the row's cells name it
    "d11,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,,,",  # an empty column at the end
    "e1,inbound,2026-11-02T10:00:00+03:00, 61 ,,1,,,,,,,,",  # spaces around a number
    "e2,inbound,2026-11-02T10:00:00+03:00,00:01:01,,1,,,,,,,,",  # HH:MM:SS
    "e3,inbound,02.11.2026 10:00:00,5,,1,,,,,,,,",  # day first, no offset: a bad record
    "e4,inbound,2026-11-02T10:00:00+03:00,5,,anna,,,,,,,,",  # a text manager id
    "e5,inbound,2026-11-02T10:00:00+03:00,5,,+1,,,,,,,,",  # a signed id
    'e6,inbound,2026-11-02T10:00:00+03:00,5,"+7 912, ext 5",1,,,,,,,,',  # a quoted cell
    " e7 ,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,,",  # an id with spaces around
    "e8,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,TRUE,",  # a flag in capitals
    "e9,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,,",  # a blank line follows
    "",
    "c1,inbound,2026-11-02T10:00:00+03:00,5,,1,,,,,,,,",  # a duplicate
]


@pytest.mark.parametrize("odd", ODD_BUT_VALID)
def test_r27_a_spelling_the_fast_path_does_not_take_goes_to_the_stream(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, odd: str
) -> None:
    """Either path may take the file, and the output is the same: every record a call."""
    path = write(tmp_path, [*ROWS, odd])
    code, _, err = both(capsys, monkeypatch, [path, *NOW])
    assert code == 0
    assert "rejected: 0." in err


def test_r27_files_the_fast_path_cannot_take(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other formats, a header the stream refuses, Unix times, pipes, bad UTF-8, no polars."""
    assert report_of_csv(write(tmp_path, ROWS, name="calls.txt")) is None
    assert report_of_csv(write(tmp_path, ROWS, name="calls.txt"), format="csv") is not None
    assert report_of_csv(write(tmp_path, ROWS), format="jsonl") is None
    assert report_of_csv(write(tmp_path, ROWS, header=HEADER + ",duraton")) is None
    unix = "id,direction,created_at,duration\nu1,inbound,1793611800,5\n"
    (tmp_path / "unix.csv").write_text(unix, encoding="utf-8")
    assert report_of_csv(tmp_path / "unix.csv") is None
    no_start = "id,direction,duration\nu1,inbound,5\n"
    (tmp_path / "none.csv").write_text(no_start, encoding="utf-8")
    assert report_of_csv(tmp_path / "none.csv") is None
    (tmp_path / "latin.csv").write_bytes((HEADER + "\n" + ROWS[0] + ",\xe9\n").encode("latin-1"))
    assert report_of_csv(tmp_path / "latin.csv") is None
    assert report_of_csv(tmp_path / "missing.csv") is None
    assert report_of_csv(tmp_path / "bad\0name.csv") is None
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.csv")
        assert report_of_csv(tmp_path / "pipe.csv") is None
    monkeypatch.setitem(sys.modules, "polars", None)
    assert report_of_csv(write(tmp_path, ROWS)) is None


def test_r27_a_semicolon_file_with_a_byte_order_mark_takes_the_fast_path(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A spreadsheet's export: `;`, and a byte order mark before the header."""
    path = tmp_path / "sheet.csv"
    rows = [row.replace(",", ";") for row in [HEADER, *ROWS]]
    path.write_text("\ufeff" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    assert report_of_csv(path) is not None
    assert both(capsys, monkeypatch, [str(path), *NOW])[0] == 0


def test_r11_a_file_of_only_a_header_and_of_few_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No calls at all; only the required columns."""
    assert both(capsys, monkeypatch, [write(tmp_path, [], name="empty.csv"), *NOW])[0] == 0
    few = ["id,direction,started_at,duration", "a,inbound,2026-11-02T10:00:00+03:00,5"]
    path = write(tmp_path, few[1:], header=few[0], name="few.csv")
    assert report_of_csv(path) is not None
    assert both(capsys, monkeypatch, [path, *NOW])[0] == 0
    cards = "id,direction,started_at,duration,entity_type\na,inbound,2026-11-02T10:00:00Z,5,\n"
    (tmp_path / "types.csv").write_text(cards, encoding="utf-8")
    assert both(capsys, monkeypatch, [str(tmp_path / "types.csv"), *NOW])[0] == 0


def test_r11_the_engine_refusing_the_frame_sends_it_to_the_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the engine refuse a frame the checks took, the file is streamed, not lost."""
    from callanalytics.exceptions import InvalidValueError

    def refuse(*_: object, **__: object) -> None:
        raise InvalidValueError("refused")

    monkeypatch.setattr(fast, "tally_of_frame", refuse)
    assert report_of_csv(write(tmp_path, ROWS)) is None


CELLS = {
    "id": ["a", "b", " a", "a ", "", "звонок", "c\u00a0"],
    "direction": ["inbound", "outbound", "Inbound", " inbound", "in"],
    "started_at": [
        "2026-11-02T10:00:00+03:00",
        "2026-11-19T16:00:00Z",
        "2026-11-02 10:00:00.25-01:00",
        "2026-11-02T10:00+03:00",
        "2026-11-02T24:00:00+03:00",
        "2026-11-02T10:00:60+03:00",
        "2026-11-02T10:00:00+24:00",
        "2026-11-02T10:00:00",
        "2026-13-02T10:00:00+03:00",
        "0000-01-01T10:00:00+00:00",
        "9999-12-31T23:00:00-03:00",
        "2026-11-02T10:00:00.1234567+03:00",
        "2026-11-02t10:00:00z",
    ],
    "duration": ["0", "61", "007", " 5", "+5", "5.0", "1:00:00", "00:00:05", "-1", "", "9" * 12],
    "manager_id": ["", "1", "2", "01", "anna", "-1", " 1", "9" * 19],
    "card_id": ["", "10", "x"],
    "entity_type": ["", "contacts", "companies", "leads", "Contacts"],
    "status": ["", "1", "4", "7", "0", "8", "04", " 4"],
    "recording_url": ["", "http://r", " "],
    "via_app": ["", "true", "false", "1", "0", "да", "нет", "True", " ", "maybe"],
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.fixed_dictionaries(
                {name: st.sampled_from(values) for name, values in CELLS.items()}
            ),
            st.sampled_from([0, 0, 0, 1, 3]),  # cells missing at the end of the line
        ),
        max_size=6,
    ),
    tz=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"]),
)
def test_r11_r27_any_cells_print_the_same_on_both_paths(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[dict[str, str], int]],
    tz: str,
) -> None:
    """Property: whichever path takes a file of these cells, the output is the streaming one.

    Lines may lack their last cells: polars reads those as empty, the stream rejects the line.
    """
    folder = tmp_path_factory.mktemp("cells")
    header = ",".join(CELLS)
    lines = [",".join(list(row.values())[: len(row) - cut]) for row, cut in rows]
    path = write(folder, lines, header=header)
    both(capsys, monkeypatch, [path, "--tz", tz, "--period", "this_month", *NOW])


def test_the_stripped_spaces_of_python_are_spaces_of_the_fast_path() -> None:
    """Every character `str.strip` removes is one the fast path's id test sees."""
    import polars as pl

    spaces = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]
    found = pl.Series([f"a{c}" for c in spaces]).str.contains(fast._EDGE_SPACE)
    assert found.all()
