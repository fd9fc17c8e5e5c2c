"""The code base stays typed and linted: mypy --strict and ruff run as part of the suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_mypy_strict_is_clean() -> None:
    """`mypy --strict` finds no error in src, tests and benchmarks."""
    done = run(sys.executable, "-m", "mypy", "--strict", "--no-incremental")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_check_and_format_are_clean() -> None:
    """`ruff check` and `ruff format --check` find nothing to change."""
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    lint = run(ruff, "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = run(ruff, "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_layers_import_downward_and_modules_form_no_cycle() -> None:
    """import-linter keeps the contracts of `pyproject.toml`: layers, no import cycles."""
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    done = run(lint, "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_runs_exactly_the_readme_test_command() -> None:
    """`.ci/run` runs the README's test command, so the README's promise is what CI checks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"```sh\n{ci}\n```" in readme
