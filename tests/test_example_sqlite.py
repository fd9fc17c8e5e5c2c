"""`examples/sqlite_host.py`: a host keeping its calls in SQLite gets the same report."""

from __future__ import annotations

import importlib.util
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import callanalytics as ca

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sqlite_host.py"


@pytest.fixture(scope="module")
def host() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sqlite_host", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def db(host: ModuleType) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    host.create_schema(connection)
    host.store_account(connection, ca.sample_account())
    yield connection
    connection.close()


def test_main_runs_and_shows_both_month_reports_agree(
    host: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    """`main()` prints both reports and says the SQL pre-filter gives the library's figures."""
    assert host.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Every call in the database\n")
    assert "This month, [2026-11-01 00:00:00+03:00, 2026-12-01 00:00:00+03:00)" in out
    assert out.rstrip().endswith("The same figures as with the library's date filter: ✓")
    assert host.main(["--lang", "ru"]) == 0
    assert "Те же цифры, что и с фильтром даты библиотеки: ✓" in capsys.readouterr().out


def test_report_from_sqlite_equals_the_report_of_the_sample_account(
    host: ModuleType, db: sqlite3.Connection
) -> None:
    """Calls read back row by row from SQLite give the very report of the sample account."""
    account = ca.sample_account()
    direct = ca.build_report(account.calls, account.managers, cards=account.cards, now=account.now)
    assert host.report_from(db, now=account.now) == direct
    assert direct.calls == 400


def test_rows_convert_back_to_the_same_calls(host: ModuleType, db: sqlite3.Connection) -> None:
    """Every field survives the round trip through the `calls` table."""
    cursor = db.execute(f"SELECT {host.CALL_COLUMNS} FROM calls ORDER BY rowid")
    assert list(host.calls_from(cursor)) == list(ca.sample_account().calls)
    assert list(host.cards_from(db)) == list(ca.sample_account().cards)
    assert host.managers_from(db) == list(ca.sample_account().managers)


def test_calls_from_reads_the_cursor_lazily(host: ModuleType, db: sqlite3.Connection) -> None:
    """The generator converts one row at a time: the rest stays in the cursor."""
    cursor = db.execute(f"SELECT {host.CALL_COLUMNS} FROM calls ORDER BY rowid")
    calls = host.calls_from(cursor)
    assert next(calls) == ca.sample_account().calls[0]
    assert len(cursor.fetchall()) == 399


def test_sql_where_gives_the_figures_of_the_library_filter(
    host: ModuleType, db: sqlite3.Connection
) -> None:
    """This month by SQL WHERE and by `Filter(period=...)`: same rows, fewer calls read."""
    account = ca.sample_account()
    month = ca.Period.preset("this_month", now=account.now, tz=account.tz)
    filtered = host.report_from(db, now=account.now, period=month)
    pre_filtered = host.report_from(db, now=account.now, where_period=month)
    direct = ca.build_report(
        account.calls,
        account.managers,
        cards=account.cards,
        now=account.now,
        filter=ca.Filter(period=month),
    )
    assert filtered == direct
    assert host.same_figures(pre_filtered, filtered)
    in_month = sum(1 for call in account.calls if call.started_at in month)
    assert pre_filtered.calls == in_month
    assert pre_filtered.excluded[ca.Exclusion.PERIOD] == 0
    assert filtered.calls == 400
    assert filtered.excluded[ca.Exclusion.PERIOD] > 0


def test_runs_as_a_script_with_a_database_file(tmp_path: Path) -> None:
    """`python examples/sqlite_host.py --db FILE` works, and again on the same file."""
    database = tmp_path / "calls.sqlite3"
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, str(EXAMPLE), "--db", str(database)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, "")
        assert "Average" in done.stdout
