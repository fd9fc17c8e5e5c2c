"""CSV written by the project is read as data by a spreadsheet, never run as a formula.

Regression tests for the formula injection of ``--format csv``: manager names, groups and text
ids such as ``=HYPERLINK(...)``, ``+1+1``, ``-2+3`` and ``@SUM(1)`` were written verbatim.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from callanalytics._cli.main import main
from callanalytics._views.export import FORMULA_STARTS, csv_cell

HOSTILE = ['=HYPERLINK("http://x.example","click")', "+1+1", "-2+3", "@SUM(1)", "\tA", "\rB"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_cell_that_starts_like_a_formula_gets_a_quote(text: str) -> None:
    """OWASP: text starting with = + - @ tab or CR is prefixed with a single quote."""
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Anna", "", "1+1", "a=b", "'=x", 0, 5, -5, 10**30, None])
def test_data_and_numbers_are_written_as_they_are(value: object) -> None:
    """Plain text and numbers (negative ones too: they are numbers, not text) are unchanged."""
    assert csv_cell(value) == value


def test_booleans_are_words_and_the_formula_starts_are_owasps() -> None:
    """true/false for booleans; the starts are exactly OWASP's six characters."""
    assert (csv_cell(True), csv_cell(False)) == ("true", "false")
    assert FORMULA_STARTS == ("=", "+", "-", "@", "\t", "\r")


def test_report_format_csv_neutralises_names_groups_and_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`report --format csv`: hostile manager names, groups and ids come out quoted."""
    managers = tmp_path / "managers.csv"
    with managers.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "name", "group", "active"])
        writer.writerow(["-2+3", '=HYPERLINK("http://x.example")', "@SUM(1)", "true"])
        writer.writerow(["m2", "+1+1", "-sales", "true"])
    calls = tmp_path / "calls.csv"
    calls.write_text(
        "id,direction,started_at,duration,manager_id,card_id,entity_type\n"
        "c1,inbound,2026-11-02T10:00:00+03:00,60,-2+3,10,contacts\n",
        encoding="utf-8",
    )
    code = main(
        [
            *("report", str(calls), "--managers", str(managers), "--format", "csv"),
            *("--now", "2026-11-20T18:00:00+03:00", "--tz", "Europe/Moscow"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert err == (
        "callanalytics: records read: 1; calls: 1; legs merged: 0; internal: 0; duplicates: 0; "
        "rejected: 0.\n"
    )
    rows = list(csv.reader(io.StringIO(out)))
    by_kind = [row[:5] for row in rows[1:3]]
    assert sorted(by_kind) == sorted(
        [
            ["manager", "'-2+3", '\'=HYPERLINK("http://x.example")', "'@SUM(1)", "true"],
            ["manager", "m2", "'+1+1", "'-sales", "true"],
        ]
    )
    figures = {row[1]: row[5:11] for row in rows[1:3]}
    assert figures["'-2+3"] == ["1", "0", "1", "60", "0", "60"]
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
