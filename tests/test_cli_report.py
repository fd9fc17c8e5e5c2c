"""`callanalytics report FILE`: the report of a file of calls, on the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from callanalytics._cli.main import SHOWN_BAD_RECORDS, main

NOW = ["--now", "2026-11-20T18:00:00+03:00", "--tz", "Europe/Moscow"]
SUMMARY = (
    "callanalytics: records read: 8; calls: 8; legs merged: 0; internal: 0; duplicates: 0; "
    "rejected: 0.\n"
)
MANAGERS = "id,name,group,active\n1,Anna,Sales,\n2,Boris,Sales,\n3,Vera,Support,false\n"
CALLS = """\
id,direction,started_at,duration,manager_id,card_id,entity_type,status
c1,inbound,2026-11-02T10:00:00+03:00,60,1,10,contacts,4
c2,outbound,2026-11-03T11:00:00+03:00,3725,1,10,contacts,4
c3,inbound,2026-11-05T09:00:00+03:00,30,2,20,companies,6
c4,outbound,2026-10-31T23:59:59+03:00,100,2,20,companies,4
c5,inbound,2026-11-06T12:00:00+03:00,15,,10,contacts,
c6,outbound,2026-11-07T12:00:00+03:00,40,777,10,contacts,4
c7,inbound,2026-11-08T12:00:00+03:00,50,3,10,contacts,1
c8,outbound,2026-11-09T12:00:00+03:00,20,1,,,
"""
# c4 is in October (Moscow time); c5 has no manager; c6's manager is not in the account;
# c7 is Vera's, who is inactive; c8 is in no card, an outgoing call: not saved.


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    calls = tmp_path / "calls.csv"
    calls.write_text(CALLS, encoding="utf-8")
    managers = tmp_path / "managers.csv"
    managers.write_text(MANAGERS, encoding="utf-8")
    return str(calls), str(managers)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def records(out: str) -> dict[str, list[object]]:
    """JSON output as ``label -> [in, out, total, in s, out s, total s]``."""
    return {
        r["manager"]: [
            r[k]
            for k in (
                "incoming",
                "outgoing",
                "total",
                "incoming_duration",
                "outgoing_duration",
                "total_duration",
            )
        ]
        for r in json.loads(out)
    }


def test_table_of_a_csv_file(capsys: pytest.CaptureFixture[str], files: tuple[str, str]) -> None:
    """The table has the file, the period, "now", the managers' rows, total, average, footer."""
    calls, managers = files
    code, out, err = run(capsys, calls, "--managers", managers, *NOW)
    assert (code, err) == (0, SUMMARY)
    lines = out.splitlines()
    assert lines[:3] == [
        f"Calls: {calls}",
        "Period: all calls in the file",
        "Now: 2026-11-20T18:00:00+03:00 (Europe/Moscow)",
    ]
    table = {line.split("  ")[0].strip(): line.split()[-6:] for line in lines[6:] if line}
    assert table["Anna"] == ["1", "1", "2", "00:01:00", "01:02:05", "01:03:05"]
    assert table["Boris"] == ["1", "1", "2", "00:00:30", "00:01:40", "00:02:10"]
    assert table["Vera (inactive)"] == ["1", "0", "1", "00:00:50", "00:00:00", "00:00:50"]
    assert table["Total"] == ["3", "2", "5", "00:02:20", "01:03:45", "01:06:05"]
    # 5/3 calls and 140/3, 3825/3, 3965/3 seconds, rounded up (R15).
    assert table["Average"] == ["1", "1", "2", "00:00:47", "00:21:15", "00:22:02"]
    assert table["No manager"] == ["1", "0", "1", "00:00:15", "00:00:00", "00:00:15"]
    assert lines[-2:] == [
        "8 calls given; not in the report: 2 "
        "(not saved (no card): 1, manager not in the account: 1)",
        "All calls given, no filter; now: 2026-11-20 18:00 (UTC+03:00)",
    ]


def test_table_in_russian(capsys: pytest.CaptureFixture[str], files: tuple[str, str]) -> None:
    """`--lang ru` prints every word in Russian."""
    calls, managers = files
    code, out, _ = run(
        capsys, calls, "--managers", managers, *NOW, "--lang", "ru", "--period", "this_month"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        f"Звонки: {calls}",
        "Период: [2026-11-01 00:00:00+03:00, 2026-12-01 00:00:00+03:00)",
        "Сейчас: 2026-11-20T18:00:00+03:00 (Europe/Moscow)",
    ]
    for word in ("Менеджер", "Итого", "Среднее", "Без менеджера", "Vera (неактивен)"):
        assert word in out
    assert "вне периода: 1" in out


def test_json_output_has_the_records_of_to_dicts(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    """`--format json` prints the report's records; this month leaves October's call out."""
    calls, managers = files
    code, out, _ = run(
        capsys, calls, "--managers", managers, *NOW, "--period", "this_month", "--format", "json"
    )
    assert code == 0
    rows = json.loads(out)
    assert rows[0] == {
        "kind": "manager",
        "manager_id": 1,
        "manager": "Anna",
        "group": "Sales",
        "active": True,
        "incoming": 1,
        "outgoing": 1,
        "total": 2,
        "incoming_duration": 60,
        "outgoing_duration": 3725,
        "total_duration": 3785,
        "incoming_hms": "00:01:00",
        "outgoing_hms": "01:02:05",
        "total_hms": "01:03:05",
    }
    assert records(out) == {
        "Anna": [1, 1, 2, 60, 3725, 3785],
        "Boris": [1, 0, 1, 30, 0, 30],
        "Vera": [1, 0, 1, 50, 0, 50],
        "Total": [3, 1, 4, 140, 3725, 3865],
        "Average": [1, 1, 2, 47, 1242, 1289],
        "No manager": [1, 0, 1, 15, 0, 15],
    }
    assert [r["kind"] for r in rows] == [
        "manager",
        "manager",
        "manager",
        "total",
        "average",
        "unassigned",
    ]


def test_csv_output(capsys: pytest.CaptureFixture[str], files: tuple[str, str]) -> None:
    """`--format csv` prints the same records with a header; booleans as true/false."""
    calls, managers = files
    code, out, _ = run(
        capsys, calls, "--managers", managers, *NOW, "--format", "csv", "--lang", "ru"
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:5] == ["kind", "manager_id", "manager", "group", "active"]
    assert rows[0][-3:] == ["incoming_hms", "outgoing_hms", "total_hms"]
    assert rows[3] == [
        "manager", "3", "Vera", "Support", "false", "1", "0", "1", "50", "0", "50",
        "00:00:50", "00:00:00", "00:00:50",
    ]  # fmt: skip
    assert rows[4][:3] == ["total", "", "Итого"]
    assert len(rows) == 7


def test_without_managers_each_manager_id_is_a_manager(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    """Without `--managers` every manager id of the file is a manager named by its id."""
    calls, _ = files
    code, out, _ = run(capsys, calls, *NOW, "--format", "json")
    assert code == 0
    assert records(out) == {
        "1": [1, 1, 2, 60, 3725, 3785],
        "2": [1, 1, 2, 30, 100, 130],
        "3": [1, 0, 1, 50, 0, 50],
        "777": [0, 1, 1, 0, 40, 40],
        "Total": [3, 3, 6, 140, 3865, 4005],
        "Average": [1, 1, 2, 35, 967, 1002],
        "No manager": [1, 0, 1, 15, 0, 15],
    }


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            ["--status", "4", "--direction", "outbound"],
            {"Anna": [0, 1, 1, 0, 3725, 3725], "Boris": [0, 1, 1, 0, 100, 100]},
        ),
        (["--entity", "companies"], {"Anna": [0] * 6, "Boris": [1, 1, 2, 30, 100, 130]}),
        (
            ["--min-duration", "00:01:00", "--max-duration", "100"],
            {"Anna": [1, 0, 1, 60, 0, 60], "Boris": [0, 1, 1, 0, 100, 100]},
        ),
        (
            ["--from", "2026-11-02", "--to", "2026-11-03"],
            {"Anna": [1, 1, 2, 60, 3725, 3785], "Boris": [0] * 6},
        ),
        (
            ["--from", "2026-11-05", "--to", "2026-11-20"],
            {"Anna": [0] * 6, "Boris": [1, 0, 1, 30, 0, 30]},
        ),
        (["--status", "1,6", "--status", "2"], {"Anna": [0] * 6, "Boris": [1, 0, 1, 30, 0, 30]}),
        (
            ["--statuses", "talked", "--direction", "outgoing"],
            {"Anna": [0, 1, 1, 0, 3725, 3725], "Boris": [0, 1, 1, 0, 100, 100]},
        ),
    ],
)
def test_filters(
    capsys: pytest.CaptureFixture[str],
    files: tuple[str, str],
    options: list[str],
    expected: dict[str, list[int]],
) -> None:
    """Each filter option keeps only the calls it selects; lists are comma-separated or repeated."""
    calls, managers = files
    code, out, _ = run(capsys, calls, "--managers", managers, *NOW, "--format", "json", *options)
    assert code == 0
    got = records(out)
    assert {name: got[name] for name in expected} == expected


def test_the_manager_filter_shows_only_those_managers(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    """`--manager-ids 1` gives Anna's row only, and leaves out the calls without a manager."""
    calls, managers = files
    code, out, _ = run(
        capsys, calls, "--managers", managers, *NOW, "--format", "json", "--manager-ids", "1"
    )
    assert code == 0
    assert records(out) == {
        "Anna": [1, 1, 2, 60, 3725, 3785],
        "Total": [1, 1, 2, 60, 3725, 3785],
        "Average": [1, 1, 2, 60, 3725, 3785],
        "No manager": [0] * 6,
    }


def test_a_now_without_offset_is_a_wall_time_of_tz(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    """`--now 2026-11-02T23:30` in Moscow is 2 November there: today holds c1 only."""
    calls, managers = files
    args = ["--now", "2026-11-02T23:30", "--tz", "Europe/Moscow", "--period", "today"]
    code, out, _ = run(capsys, calls, "--managers", managers, *args, "--format", "json")
    assert code == 0
    assert records(out)["Total"] == [1, 0, 1, 60, 0, 60]


def test_without_now_the_clock_is_read(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    """The command line is the edge: with no `--now` it reads the clock, and still runs."""
    calls, managers = files
    before = datetime.now(UTC)
    code, out, _ = run(capsys, calls, "--managers", managers, "--period", "last_30_days")
    after = datetime.now(UTC)
    assert code == 0
    now = next(line for line in out.splitlines() if line.startswith("Now: "))
    assert now.endswith(" (UTC)")
    assert before.replace(microsecond=0) <= datetime.fromisoformat(now.split()[1]) <= after


def test_bad_records_are_reported_and_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each bad record is named on stderr with its line; the rest is reported; exit code 1."""
    path = tmp_path / "calls.csv"
    path.write_text(
        "id,direction,started_at,duration,manager_id,card_id,entity_type\n"
        "a,inbound,2026-11-02T10:00:00+03:00,60,1,10,contacts\n"
        "b,inbound,2026-11-02T10:00:00+03:00,-5,1,10,contacts\n"
        "c,inbound,2026-11-02T10:00:00+03:00,5,1,10,deals\n"
        "d,outbound,2026-11-02T10:00:00+03:00,30,1,10,contacts\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, str(path), *NOW, "--format", "json")
    assert code == 1
    assert records(out)["Total"] == [1, 1, 2, 60, 30, 90]
    assert err.splitlines() == [
        "callanalytics: line 3: 'duration' must be >= 0 (got -5).",
        "callanalytics: line 4: 'entity_type' must be one of 'contacts', 'companies', "
        "'leads', 'customers' (got 'deals').",
        "callanalytics: 2 bad records skipped: not in the report.",
        "callanalytics: records read: 4; calls: 2; legs merged: 0; internal: 0; duplicates: 0; "
        "rejected: 2.",
    ]
    code, _, err = run(capsys, str(path), *NOW, "--lang", "ru")
    assert code == 1
    assert err.splitlines()[:2] == [
        "callanalytics: строка 3: 'duration': ожидается значение ≥ 0 (получено -5).",
        "callanalytics: строка 4: 'entity_type': ожидается одно из значений: 'contacts', "
        "'companies', 'leads', 'customers' (получено 'deals').",
    ]
    assert err.splitlines()[-2] == (
        "callanalytics: Пропущены 2 записи с ошибками: в отчёт они не вошли."
    )


def test_only_the_first_bad_records_are_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Past the first 20, bad records are only counted, so stderr stays readable."""
    path = tmp_path / "calls.jsonl"
    bad = json.dumps(
        {"id": "x", "direction": "inbound", "started_at": "2026-11-02", "duration": -1}
    )
    path.write_text("\n".join([bad] * (SHOWN_BAD_RECORDS + 5)) + "\n", encoding="utf-8")
    code, _, err = run(capsys, str(path), *NOW)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == SHOWN_BAD_RECORDS + 3
    assert lines[-3:] == [
        "callanalytics: … and 5 more bad records not shown.",
        "callanalytics: 25 bad records skipped: not in the report.",
        "callanalytics: records read: 25; calls: 0; legs merged: 0; internal: 0; duplicates: 0; "
        "rejected: 25.",
    ]


def test_json_lines_of_amocrm_calls(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A JSON Lines file of amoCRM call objects is read record by record."""
    path = tmp_path / "calls.jsonl"
    amo = {"direction": "inbound", "duration": 61, "created_at": 1793611800}
    lines = [
        {**amo, "uniq": "a", "call_responsible": 504141, "entity_id": 1, "entity_type": "contacts"},
        {**amo, "uniq": "b", "call_responsible": 504141, "entity_id": 1, "entity_type": "contacts"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, out, _ = run(capsys, str(path), *NOW, "--format", "json")
    assert code == 0
    assert records(out)["504141"] == [2, 0, 2, 122, 0, 122]


@pytest.mark.parametrize(
    ("options", "fragments"),
    [
        (["--tz", "Mars/Olympus"], ["'--tz' must be a known zoneinfo key", "'Mars/Olympus'"]),
        (["--now", "soon"], ["'--now' must be an ISO 8601 date and time (got 'soon')"]),
        (["--period", "today", "--from", "2026-11-01"], ["'--period' must not be combined"]),
        (["--to", "2026-11-01"], ["'--from'", "(got to='2026-11-01')"]),
        (["--from", "1 Nov", "--to", "2026-11-02"], ["'--from' must be a date", "(got '1 Nov')"]),
        (["--from", "2026-11-05", "--to", "2026-11-01"], ["'--to' must not be before '--from'"]),
        (["--status", "chatted"], ["'--status' must hold call status codes 1..7", "'chatted'"]),
        (["--status", "9"], ["'--status' must hold call status codes 1..7", "(got '9')"]),
        (["--entity", "leads"], ["'--entity' must hold contacts, companies", "(got 'leads')"]),
        (["--direction", "up"], ["'--direction' must hold inbound, outbound", "(got 'up')"]),
        (["--min-duration", "a minute"], ["'--min-duration' must be", "(got 'a minute')"]),
        (
            ["--min-duration", "9", "--max-duration", "1"],
            ["'--min-duration' must be <= '--max-duration'"],
        ),
        (["--manager-ids", "42"], ["'--manager-ids' must be managers of the account", "42"]),
    ],
)
def test_bad_options_are_errors_with_exit_code_2(
    capsys: pytest.CaptureFixture[str],
    files: tuple[str, str],
    options: list[str],
    fragments: list[str],
) -> None:
    """A bad option gives no report: one error line on stderr, naming it, and exit code 2."""
    calls, managers = files
    code, out, err = run(capsys, calls, "--managers", managers, *NOW, *options)
    assert (code, out) == (2, "")
    assert err.startswith("callanalytics: error: ")
    assert len(err.splitlines()) == 1
    for fragment in fragments:
        assert fragment in err


def test_files_that_cannot_be_read_are_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: tuple[str, str]
) -> None:
    """A missing file, an unknown suffix, a bad header or managers file: exit code 2."""
    calls, _ = files
    missing = str(tmp_path / "nope.csv")
    code, _, err = run(capsys, missing, *NOW)
    assert code == 2
    assert err == f"callanalytics: error: [Errno 2] No such file or directory: {missing!r}\n"
    odd = tmp_path / "calls.dat"  # no known suffix: the content says CSV
    odd.write_text(CALLS, encoding="utf-8")
    code, out, _ = run(capsys, str(odd), *NOW, "--format", "json")
    assert (code, records(out)["Total"]) == (0, [3, 3, 6, 140, 3865, 4005])
    code, out, _ = run(capsys, str(odd), *NOW, "--input-format", "csv", "--format", "json")
    assert (code, records(out)["Total"]) == (0, [3, 3, 6, 140, 3865, 4005])
    broken = tmp_path / "managers.csv"
    broken.write_text("id,name\n1,Anna\n1,Anna\n", encoding="utf-8")
    code, _, err = run(capsys, calls, "--managers", str(broken), *NOW)
    assert code == 2
    assert (
        err == "callanalytics: error: line 3: 'id' must be unique (got 1 again, first on line 2).\n"
    )


def test_python_dash_m_runs_the_report(files: tuple[str, str]) -> None:
    """`python -m callanalytics report FILE` works as a user would type it."""
    calls, managers = files
    done = subprocess.run(
        [sys.executable, "-m", "callanalytics", "report", calls, "--managers", managers, *NOW],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, SUMMARY)
    assert "Average" in done.stdout
    assert "Vera (inactive)" in done.stdout


# --- No input gives a traceback: a bad record is skipped (1), a bad option stops (2) ----------

AMO_LINE = {"uniq": "a", "direction": "inbound", "duration": 5, "created_at": 1793611800}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({**AMO_LINE, "duration": "--5"}, "'duration' must be a whole number (got '--5')."),
        ({**AMO_LINE, "call_responsible": -3}, "'call_responsible' must be >= 0 (got -3)."),
        ({**AMO_LINE, "call_responsible": "\ud800"}, "a string must be Unicode text"),
        (
            '{"uniq": "a", "direction": "inbound", "created_at": 1, "duration": '
            + "9" * 5000
            + "}",
            "'duration' must be a whole number of at most 4300 digits (got 5000 digits).",
        ),
        ("[" * 100_000, "not valid JSON: nested too deeply."),
        (
            {
                "id": "a",
                "direction": "inbound",
                "duration": 5,
                "started_at": "0001-01-01T00:00+05:00",
            },
            "'started_at' must be an instant between years 1 and 9999 in UTC",
        ),
    ],
)
def test_a_bad_record_of_any_kind_is_skipped_with_exit_code_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, line: object, message: str
) -> None:
    """Each of these once crashed with a traceback; each is now named by its line and skipped."""
    if isinstance(line, dict):
        line = json.dumps(line)
    card = {"entity_id": 1, "entity_type": "contacts"}
    good = json.dumps({**AMO_LINE, **card, "uniq": "b", "call_responsible": 7})
    path = tmp_path / "m.jsonl"
    path.write_text(f"{line}\n{good}\n", encoding="utf-8")
    code, out, err = run(capsys, str(path), *NOW, "--period", "this_month", "--format", "json")
    assert (code, records(out)["7"]) == (1, [1, 0, 1, 5, 0, 5])
    assert err.startswith(f"callanalytics: line 1: {message}")


@pytest.mark.parametrize(
    ("options", "fragments"),
    [
        (
            ["--now", "0001-01-01T00:00:00+05:00"],
            ["'--now' must be an instant between years 1 and 9999"],
        ),
        (["--from", "9999-12-31", "--to", "9999-12-31"], ["'--to' must leave the period", "'9999"]),
        (["--from", "0001-01-01", "--to", "0001-01-02"], ["'--from' must leave the period"]),
        (["--period", "this_year", "--now", "9999-12-31T12:00:00+03:00"], ["'--now' must leave"]),
        (["--min-duration", "9" * 5000], ["'--min-duration' must be a whole number of at most"]),
        (["--max-duration", "9" * 5000 + ":00:00"], ["'--max-duration' must be a whole number"]),
        (["--manager-ids", "-1"], ["'--manager-ids' must be >= 0 (got '-1')"]),
        (["--tz", "Europe/\x00"], ["'--tz' must be a known zoneinfo key"]),
    ],
)
def test_a_bad_option_at_the_edges_of_the_parsers_is_exit_code_2(
    capsys: pytest.CaptureFixture[str],
    files: tuple[str, str],
    options: list[str],
    fragments: list[str],
) -> None:
    """Options that once raised OverflowError or ValueError are one error line and exit code 2."""
    calls, managers = files
    code, out, err = run(capsys, calls, "--managers", managers, *NOW, *options)
    assert (code, out, len(err.splitlines())) == (2, "", 1)
    for fragment in fragments:
        assert fragment in err


def test_a_programming_error_is_not_taken_for_bad_input(
    monkeypatch: pytest.MonkeyPatch, files: tuple[str, str]
) -> None:
    """Only the library's input errors are mapped to exit codes: a bug still raises."""
    import callanalytics._cli.main as cli

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("a bug")

    monkeypatch.setattr(cli, "build", broken)
    with pytest.raises(ValueError, match="a bug"):
        main(["report", files[0], *NOW, "--input-format", "jsonl"])  # streamed: not the CSV path
    monkeypatch.setattr(cli, "report_of_csv", broken)  # the fast path's bug raises too
    with pytest.raises(ValueError, match="a bug"):
        main(["report", files[0], *NOW])


def test_a_file_name_that_is_not_utf8_is_printed_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file named with a byte that is not UTF-8 (0xff) is shown escaped, not a crash."""
    path = tmp_path / "\udcff.csv"  # the byte 0xff, as Python reads such a name from the system
    path.write_text(CALLS, encoding="utf-8")
    code, out, _ = run(capsys, str(path), *NOW)
    assert code == 0
    assert out.splitlines()[0] == f"Calls: {tmp_path}/\\xff.csv"


def test_report_reads_csv_from_a_pipe_and_shows_now_in_the_account_zone(tmp_path: Path) -> None:
    """A CSV piped to /dev/stdin is read (no seeking), and "now" is shown in --tz's time."""
    managers = tmp_path / "managers.csv"
    managers.write_text("id,name\n1,Anna\n", encoding="utf-8")
    calls = (
        "id,direction,started_at,duration,manager_id,card_id,entity_type\n"
        "a,inbound,2026-11-20T10:00:00+00:00,60,1,5,contacts\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "callanalytics",
            "report",
            "/dev/stdin",
            "--input-format",
            "csv",
            "--managers",
            str(managers),
            "--now",
            "2026-11-20T12:00:00Z",
            "--tz",
            "Europe/Moscow",
        ],
        input=calls,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Now: 2026-11-20T15:00:00+03:00 (Europe/Moscow)" in done.stdout  # 12:00 UTC
    anna = next(line for line in done.stdout.splitlines() if line.startswith("Anna"))
    assert anna.split()[1:4] == ["1", "0", "1"]


def test_r27_a_missing_column_is_named_as_in_the_file_not_as_an_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The column 'direction' of a file is not the option '--direction', in either language."""
    path = tmp_path / "calls.csv"
    path.write_text("id,started_at,duration\nu1,2026-11-02T10:00:00+03:00,5\n", encoding="utf-8")
    code, _, err = run(capsys, str(path))
    assert code == 2
    expected = f"line 1: the column 'direction' is required in '{path}'"
    assert err.startswith(f"callanalytics: error: {expected}")
    _, _, err = run(capsys, str(path), "--lang", "ru")
    assert err.startswith(f"callanalytics: ошибка: строка 1: в '{path}' нужен столбец 'direction'")
    _, _, err = run(capsys, str(path), "--direction", "sideways")  # an option: named as typed
    assert err.startswith("callanalytics: error: '--direction' must hold inbound, outbound")
