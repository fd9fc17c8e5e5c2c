"""The command line's way in: cards, formats, encodings, stdin, one pass, the closing summary."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

import callanalytics as ca
from callanalytics._cli.main import main
from callanalytics._sources.files import read_cards, read_extensions

NOW = ["--now", "2026-11-30T18:00:00+03:00", "--tz", "Europe/Moscow"]
SHEET = (
    "Дата звонка;Направление;Длительность;Статус;Менеджер;Телефон\r\n"
    "26.11.2026 12:00:05;Входящий;0:01:05;Разговор состоялся;Иванова Анна;+7 912 345-67-89\r\n"
    "26.11.2026 12:03:40;Исходящий;0:00:30;Занято;Петров Олег;8 (495) 000-00-01\r\n"
    "26.11.2026 12:10:00;Исходящий;15;Занято;Петров Олег;+7 999 000-00-00\r\n"
    "26.11.2026 12:10:00;Исходящий;15;Занято;Петров Олег;+7 999 000-00-00\r\n"
)
CARDS = (
    "id,entity_type,name,phones,manager_id\n"
    '10,contacts,Ivan,"+7 912 345-67-89;+7 912 000-00-00",1\n'
    "20,companies,Acme,84950000001,\n"
)
MANAGERS = "id,name\n1,Иванова Анна\n2,Петров Олег\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def totals(out: str) -> dict[str, int]:
    return {r["manager"]: r["total"] for r in json.loads(out)}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "calls.csv").write_bytes(SHEET.encode("cp1251"))
    (tmp_path / "cards.csv").write_text(CARDS, encoding="utf-8")
    (tmp_path / "managers.csv").write_text(MANAGERS, encoding="utf-8")
    return tmp_path


def test_r7_a_russian_spreadsheet_with_cards_gives_a_real_report(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """cp1251, `;`, Russian headers and words, names as managers, cards by phone: hand-checked.

    Anna's call matches Ivan's contact, Oleg's first call Acme's company; his last call is
    to no card (outgoing: not saved) and then the same row again (a duplicate).
    """
    code, out, err = run(
        capsys,
        str(folder / "calls.csv"),
        "--cards",
        str(folder / "cards.csv"),
        "--managers",
        str(folder / "managers.csv"),
        *NOW,
        "--format",
        "json",
    )
    assert code == 0, err
    assert totals(out) == {
        "Иванова Анна": 1,
        "Петров Олег": 1,
        "Total": 2,
        "Average": 1,
        "No manager": 0,
    }
    assert err.splitlines()[-1] == (
        "callanalytics: records read: 4; calls: 3; legs merged: 0; internal: 0; "
        "duplicates: 1; rejected: 0."
    )
    code, out, err = run(
        capsys,
        str(folder / "calls.csv"),
        "--cards",
        str(folder / "cards.csv"),
        *NOW,
        "--format",
        "json",
        "--no-dedupe",
        "--encoding",
        "cp1251",
        "--input-format",
        "csv",
    )
    assert totals(out)["Total"] == 2  # the repeated row is not saved either way
    assert "calls: 4;" in err


def test_stdin_is_read_once_with_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    """`-` reads standard input (its bytes: the encoding is found as for a file)."""
    stdin = io.TextIOWrapper(io.BytesIO(SHEET.encode("cp1251")))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, err = run(
        capsys, "-", "--cards", str(folder / "cards.csv"), *NOW, "--format", "json"
    )
    assert code == 0, err
    assert totals(out) == {
        "Иванова Анна": 1,
        "Петров Олег": 1,
        "Total": 2,
        "Average": 1,
        "No manager": 0,
    }


def test_the_manager_filter_without_managers(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """`--manager-ids` without `--managers`: those managers' rows, even with no call."""
    code, out, _ = run(
        capsys,
        str(folder / "calls.csv"),
        "--cards",
        str(folder / "cards.csv"),
        *NOW,
        "--format",
        "json",
        "--manager-ids",
        "Петров Олег,Nobody",
    )
    assert code == 0
    assert totals(out) == {"Nobody": 0, "Петров Олег": 1, "Total": 1, "Average": 1, "No manager": 0}


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`--version` prints the package's version."""
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"callanalytics {ca.__version__}\n"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--encoding", "klingon"], "'--encoding' must be a known encoding"),
    ],
)
def test_errors_name_the_option_typed(
    capsys: pytest.CaptureFixture[str], folder: Path, options: list[str], message: str
) -> None:
    """The message names the option the user typed, not the library's parameter."""
    code, out, err = run(capsys, str(folder / "calls.csv"), *NOW, *options)
    assert (code, out) == (2, "")
    assert message in err


def test_fatal_messages_in_russian(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """`--lang ru` translates the fatal message, its frame and its text, naming the file."""
    missing = folder / "missing.csv"
    code, _, err = run(capsys, str(missing), *NOW, "--lang", "ru")
    assert code == 2
    assert err == f"callanalytics: ошибка: файл не найден: {missing}\n"


def test_cards_and_extensions_files(tmp_path: Path) -> None:
    """Cards from CSV or JSON (phones split on `;`); extensions from CSV; bad records stop."""
    path = tmp_path / "cards.json"
    path.write_text(
        json.dumps(
            [
                {"id": 10, "entity_type": "contacts", "name": "Ivan", "phones": ["+7 912", "204"]},
                {"id": "x", "entity_type": "companies", "phones": "1; 2 ;", "manager_id": 7},
                {"id": 11, "entity_type": "contacts"},
            ]
        ),
        encoding="utf-8",
    )
    assert read_cards(path) == (
        ca.Card(10, "contacts", "Ivan", ("+7 912", "204")),
        ca.Card("x", "companies", "", ("1", "2"), 7),
        ca.Card(11, "contacts"),
    )
    for bad, message in [
        ([1], "'card' must be a JSON object"),
        ([{"id": 1}], "line 1: 'entity_type' is required"),
        ([{"id": 1, "entity_type": "contacts", "tel": "1"}], "'tel' is not a field"),
        ([{"id": 1, "entity_type": "contacts", "phones": 5}], "'phones' must be text"),
    ]:
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(
            ca.InvalidValueError
            if "line" in message or "field" in message
            else ca.CallAnalyticsError,
            match=message,
        ):
            read_cards(path)
    path.write_text("[1, {", encoding="utf-8")
    with pytest.raises(ca.InvalidValueError):
        read_cards(path)
    lines = tmp_path / "cards.jsonl"
    lines.write_text('{"id": 1, "entity_type": "contacts"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ca.InvalidValueError, match="line 2: not valid JSON"):
        read_cards(lines)
    broken = tmp_path / "cards.csv"
    broken.write_text("id,entity_type\n1,contacts,3\n", encoding="utf-8")
    with pytest.raises(ca.InvalidValueError, match="line 2: the record has 3 cells"):
        read_cards(broken)
    broken.write_bytes(b"id,entity_type\n1,\xff\n")
    with pytest.raises(ca.InvalidValueError, match="must be a UTF-8 text file"):
        read_cards(broken)
    extensions = tmp_path / "ext.csv"
    extensions.write_text("extension,manager_id\n101,504141\n 102 ,anna\n", encoding="utf-8")
    assert read_extensions(extensions) == {"101": 504141, "102": "anna"}
    extensions.write_text("extension,manager_id\n101,-1\n", encoding="utf-8")
    with pytest.raises(ca.InvalidValueError, match="line 2: 'manager_id' must be >= 0"):
        read_extensions(extensions)
    extensions.write_bytes(b"extension,manager_id\n1,\xff\n")
    with pytest.raises(ca.InvalidValueError, match="UTF-8"):
        read_extensions(extensions)


def test_the_cli_takes_an_extensions_file(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """`--extensions FILE` is read (for the PBX formats) and does not change other formats."""
    (folder / "ext.csv").write_text("extension,manager_id\n101,1\n", encoding="utf-8")
    code, out, _ = run(
        capsys,
        str(folder / "calls.csv"),
        "--extensions",
        str(folder / "ext.csv"),
        *NOW,
        "--format",
        "json",
    )
    assert code == 0
    assert totals(out)["Total"] == 0  # no --cards: every call is unsorted or not saved


def test_r29_a_pbx_file_with_extensions_accounts_for_every_leg(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Asterisk's Master.csv is found by its content; its merged legs are in the summary."""
    master = Path(__file__).parent / "fixtures" / "pbx" / "asterisk"
    master = master / "master_csv_cdr_csv_18col_unattributed.csv"
    extensions = tmp_path / "extensions.csv"
    extensions.write_text("extension,manager_id\n2889,5\n1110,6\n", encoding="utf-8")
    code, out, err = run(
        capsys,
        str(master),
        "--tz",
        "UTC",
        "--now",
        "2026-12-01T00:00:00+00:00",
        "--extensions",
        str(extensions),
    )
    assert code == 0
    assert "6 calls given; not in the report: 6 (in Unsorted: 5, not saved (no card): 1)" in out
    assert err.splitlines()[-1] == (
        "callanalytics: records read: 7; calls: 6; legs merged: 1; internal: 0; duplicates: 0; "
        "rejected: 0."
    )


def test_r29_pbx_options_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--usegmtime reads Asterisk's UTC columns; an option the format lacks names the option."""
    master = Path(__file__).parent / "fixtures" / "pbx" / "asterisk"
    master = master / "master_csv_cdr_csv_21col_ringgroup.csv"
    args = [str(master), "--tz", "Asia/Irkutsk", "--now", "2024-02-01T00:00:00+08:00"]
    code, out, err = run(capsys, *args, "--usegmtime", "--format", "json")
    assert code == 0
    assert "rejected: 0." in err.splitlines()[-1]
    code, out, err = run(capsys, *args, "--fields", "historyid,callid")
    assert (code, out) == (2, "")
    assert "'--fields' must be an option of the asterisk format" in err
    code, out, err = run(capsys, *args, "--template", '"${uuid}"')
    assert (code, out) == (2, "")
    assert "'--template' must be an option of the asterisk format" in err
