"""The benchmarks run: a smoke run on a few calls, outside any timing assertion."""

from __future__ import annotations

import pytest
from benchmarks.__main__ import main


def test_the_benchmark_suite_runs_on_a_few_calls(capsys: pytest.CaptureFixture[str]) -> None:
    """Every section runs, checks its baseline against the library and prints its table."""
    assert main(["--smoke"]) == 0
    printed = capsys.readouterr().out
    for section in ("(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)"):
        assert f"## {section}" in printed
    assert "adds/s" in printed
    assert "callanalytics report (fast path) / polars" in printed
    assert "x the memory for 5x the calls" in printed
    assert "speed-up of the cluster" in printed


def test_an_unknown_section_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Asking for a section that does not exist says which exist."""
    with pytest.raises(SystemExit):
        main(["--only", "z"])
    assert "unknown sections z (known: a, b, c, d, e, f, g, h, i)" in capsys.readouterr().err


def test_the_hostile_input_timings_run_on_small_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m benchmarks.hostile --smoke` times every case at two sizes and prints a table."""
    from benchmarks.hostile import CASES
    from benchmarks.hostile import main as hostile

    assert hostile(["--smoke"]) == 0
    printed = capsys.readouterr().out
    for name in CASES:
        assert f"| {name} |" in printed
