"""The command line and the sample account behind the demo."""

from __future__ import annotations

import subprocess
import sys

import pytest

import callanalytics as ca
from callanalytics._cli.main import main


def test_demo_prints_the_report_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """`callanalytics demo` prints the table with the total, average and unassigned lines."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for word in ("Manager", "Incoming", "Total", "Average", "No manager", "400 calls given"):
        assert word in out
    assert "Viktor Kuznetsov (inactive)" in out
    assert "Galina Popova" in out
    assert out.startswith("Calls report as of 2026-11-20 18:00 (Europe/Moscow)")  # 15:00 UTC


def test_demo_prints_the_report_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    """`--lang ru` prints the original page's words."""
    assert main(["demo", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    for word in ("Менеджер", "Входящие", "Исходящие", "Итого", "Среднее", "Без менеджера"):
        assert word in out


def test_demo_figures_are_the_report_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """The printed total line is the report's total for the same sample account."""
    main(["demo", "--size", "250", "--seed", "4"])
    out = capsys.readouterr().out
    account = ca.sample_account(250, seed=4)
    report = ca.build_report(account.calls, account.managers, cards=account.cards, now=account.now)
    total = next(line for line in out.splitlines() if line.startswith("Total"))
    assert total.split()[1:] == [
        str(report.total.incoming),
        str(report.total.outgoing),
        str(report.total.total),
        ca.format_hms(report.total.incoming_duration),
        ca.format_hms(report.total.outgoing_duration),
        ca.format_hms(report.total.total_duration),
    ]


def test_demo_rejects_a_negative_size(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad option is an error on stderr and exit code 2, not a traceback."""
    assert main(["demo", "--size", "-1"]) == 2
    assert "'size' must be >= 0 (got -1)" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["٥", "1_0", "--5", "5.0", "9" * 5000])
def test_demo_numbers_are_read_as_everywhere(capsys: pytest.CaptureFixture[str], text: str) -> None:
    """``--size`` takes an optional sign and ASCII digits only, as every whole number in text."""
    with pytest.raises(SystemExit) as done:
        main(["demo", f"--size={text}"])
    assert done.value.code == 2
    assert "argument --size: must be a whole number" in capsys.readouterr().err


def test_demo_numbers_may_have_a_sign_and_spaces(capsys: pytest.CaptureFixture[str]) -> None:
    """``--size " +5 "`` is five calls, as ``" +5 "`` is 5 in a file or a query."""
    assert main(["demo", "--size", " +5 ", "--seed", "-1"]) == 0
    assert "5 calls given" in capsys.readouterr().out


def test_python_dash_m_runs_the_demo() -> None:
    """`python -m callanalytics demo` works as a newcomer would type it."""
    done = subprocess.run(
        [sys.executable, "-m", "callanalytics", "demo", "--size", "50"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Average" in done.stdout


def test_sample_account_has_what_the_demo_promises() -> None:
    """The sample has what a real account has: every case the report must show.

    Five managers (one inactive with calls, one active with none), all statuses, both
    directions, calls without a manager, durations beyond an hour; deterministic by seed.
    """
    account = ca.sample_account()
    assert account == ca.sample_account()
    assert account != ca.sample_account(seed=1)
    calls = account.calls
    assert len(calls) == 400
    inactive = [m for m in account.managers if not m.active]
    assert len(inactive) == 1
    assert any(c.manager_id == inactive[0].id for c in calls)
    idle = [m for m in account.managers if m.active and all(c.manager_id != m.id for c in calls)]
    assert len(idle) == 1
    assert {c.status for c in calls} == {*ca.CallStatus, None}
    assert {c.direction for c in calls} == set(ca.Direction)
    assert any(c.manager_id is None for c in calls)
    assert any(c.duration > 3600 for c in calls)
    assert any(c.card_id is None for c in calls)
    assert any(c.via_app for c in calls)


def test_sample_account_exercises_every_matching_outcome() -> None:
    """The demo account has calls matched by phone, pending, unsorted and not saved."""
    account = ca.sample_account()
    matching = ca.match_calls(account.calls, account.cards, now=account.now)
    assert matching.pending
    assert matching.unsorted
    assert matching.not_saved
    matched = [c for c in account.calls if c.card_id is None]
    assert len(matching.attached) > len(account.calls) - len(matched)


def test_iter_sample_calls_is_lazy() -> None:
    """The generator yields calls one by one, so benchmarks can stream a million."""
    gen = ca.iter_sample_calls(10**9)
    first = next(gen)
    assert isinstance(first, ca.Call)


def test_python_dash_m_callanalytics_is_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m callanalytics` runs the same main() with the process's arguments."""
    import runpy

    monkeypatch.setattr(sys, "argv", ["callanalytics", "demo", "--size", "10"])
    with pytest.raises(SystemExit) as done:
        runpy.run_module("callanalytics", run_name="__main__")
    assert done.value.code == 0
    assert "10 calls given" in capsys.readouterr().out


def test_a_reader_that_leaves_ends_the_output_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the reader of the output leaves (`| head`), the command stops with exit code 0."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone: every write is a broken pipe
    with os.fdopen(write_end, "w", buffering=1) as stdout:  # each line written at once
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["demo", "--size", "10"]) == 0
        # The standard output now writes to the null device, so nothing fails at exit.
        assert os.fstat(write_end).st_rdev == os.stat(os.devnull).st_rdev
