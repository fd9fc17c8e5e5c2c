"""The progress line of `callanalytics report` on a terminal, and `FileCallReader.share_read`."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._cli import main as cli
from callanalytics._cli.progress import EVERY, INTERVAL, Progress
from callanalytics._views.i18n import text

HEADER = "id,direction,started_at,duration,manager_id,card_id,entity_type\n"
NOW = ["--now", "2026-11-20T18:00:00+03:00"]
CLEAR_READING = "\r" + " " * len("callanalytics: reading…") + "\r"


class Terminal(io.StringIO):
    """What a terminal is shown; it says it is one, as ``sys.stderr`` does on a console."""

    def isatty(self) -> bool:
        return True


def rows(count: int) -> str:
    """A CSV file of *count* calls in the library's own columns, one a line."""
    call = "inbound,2026-11-02T10:00:00+03:00,60,1,10,contacts"  # manager 1's, in a card
    lines = [f"c{i},{call}\n" for i in range(1, count + 1)]
    return HEADER + "".join(lines)


def piped(count: int) -> ca.FileCallReader:
    """The reader of *count* calls given as a stream: the share of bytes is not known."""
    return ca.read_calls(io.BytesIO(rows(count).encode()), format="csv")


def seconds(*times: float) -> Callable[[], float]:
    """A clock that gives *times*, one a call, and fails when asked once too often."""
    return iter(times).__next__


def ticking() -> Callable[[], float]:
    """A clock one second further at every call: every look at it updates the line."""
    return itertools.count().__next__


# ---------------------------------------------------------------------------------------------
# The line itself, written by hand


def test_nothing_is_written_when_the_stream_is_not_a_terminal() -> None:
    """Not a terminal (a pipe, a file, a CI log): no line at all, and the calls are the reader."""
    stream = io.StringIO()
    progress = Progress(stream, "en", clock=ticking(), every=2)
    reader = piped(5)
    assert not progress.shown
    assert progress.watch(reader) is reader
    assert [call.id for call in reader] == ["c1", "c2", "c3", "c4", "c5"]
    with progress.reading():
        pass
    progress.clear()
    assert stream.getvalue() == ""


def test_a_terminal_is_shown_the_count_every_few_calls_and_then_a_blank_line() -> None:
    """Each update rewrites the line from its start; the clear blanks it and goes back."""
    terminal = Terminal()
    progress = Progress(terminal, "en", clock=ticking(), every=2)
    calls = [call.id for call in progress.watch(piped(5))]
    assert calls == ["c1", "c2", "c3", "c4", "c5"]
    assert terminal.getvalue() == (
        "\rcallanalytics: 2 records read"
        "\rcallanalytics: 4 records read"
        "\rcallanalytics: 5 records read"
    )
    progress.clear()
    assert terminal.getvalue().endswith("\r" + " " * 29 + "\r")
    progress.clear()  # nothing on the screen any more: nothing written
    assert terminal.getvalue().count("\r") == 5


def test_the_line_is_updated_at_most_once_per_interval_of_the_clock() -> None:
    """The clock is read once a batch of calls; a look before 0.2 s have passed writes nothing."""
    terminal = Terminal()
    # started at 10.0, then a look after each of the 6 calls
    clock = seconds(10.0, 10.125, 10.25, 10.375, 10.4375, 10.5, 11.0)  # exact in binary
    progress = Progress(terminal, "en", clock=clock, every=1)
    assert len(list(progress.watch(piped(6)))) == 6
    assert terminal.getvalue() == (
        "\rcallanalytics: 2 records read"  # 10.25: 0.25 s after the start
        "\rcallanalytics: 5 records read"  # 10.5 (10.375, 10.4375: too soon after 10.25)
        "\rcallanalytics: 6 records read"
    )
    assert INTERVAL == 0.2
    assert EVERY == 8192


def test_a_shorter_line_is_padded_over_the_longer_one_it_replaces() -> None:
    """прочитано 20 записей, then прочитана 21 запись: a space covers the old last letter."""
    terminal = Terminal()
    progress = Progress(terminal, "ru", clock=ticking(), every=20)
    assert len(list(progress.watch(piped(21)))) == 21
    progress.clear()
    assert terminal.getvalue() == (
        "\rcallanalytics: прочитано 20 записей"
        "\rcallanalytics: прочитана 21 запись "
        "\r" + " " * 35 + "\r"
    )


def test_the_share_of_the_file_is_shown_rounded_down() -> None:
    """The percent never says more than was read: 34.9 % reads 34%, 99.99 % reads 99%."""

    class Scripted(ca.FileCallReader):
        """A reader whose share of bytes read is given: 0.349 at first, then 0.9999."""

        shares = iter([0.349, 0.9999])

        @property
        def share_read(self) -> float | None:
            return next(self.shares)

    inner = piped(4)
    reader = Scripted(inner, {}, None)
    terminal = Terminal()
    progress = Progress(terminal, "en", clock=ticking(), every=2)
    assert len(list(progress.watch(reader))) == 4
    assert terminal.getvalue() == (
        "\rcallanalytics: 2 records read (34%)\rcallanalytics: 4 records read (99%)"
    )


def test_the_line_in_russian_agrees_with_the_count() -> None:
    """Russian: прочитана 1 запись, прочитано 2 записи, прочитано 5 записей, прочитана 21 запись."""
    assert [text("cli.progress", "ru", count=n) for n in (1, 2, 5, 11, 21)] == [
        "прочитана 1 запись",
        "прочитано 2 записи",
        "прочитано 5 записей",
        "прочитано 11 записей",
        "прочитана 21 запись",
    ]
    assert text("cli.progress_share", "ru", count=120000, share=34) == (
        "прочитано 120000 записей (34%)"
    )
    assert text("cli.progress_share", "en", count=1, share=0) == "1 record read (0%)"
    assert text("cli.reading", "ru") == "чтение…"


def test_reading_in_one_go_shows_one_line_and_clears_it_even_on_an_error() -> None:
    """The fast path's ``reading…`` line is blanked whether the block ends or raises."""
    terminal = Terminal()
    progress = Progress(terminal, "ru")
    with pytest.raises(ZeroDivisionError), progress.reading():
        _ = 1 / 0
    assert terminal.getvalue() == "\rcallanalytics: чтение…\r" + " " * 22 + "\r"


def test_an_error_while_reading_reaches_the_caller_through_the_line() -> None:
    """A file that breaks after some calls raises its error; the calls before it were given."""
    broken = io.BytesIO(b'[{"id": "a", "direction": "inbound", "duration": 1, '
                        b'"started_at": "2026-11-02T10:00:00Z"}, {"id": ')  # fmt: skip
    terminal = Terminal()
    progress = Progress(terminal, "en", clock=ticking(), every=1)
    taken: list[str] = []
    with pytest.raises(ca.InvalidValueError, match="not valid JSON"):
        taken.extend(call.id for call in progress.watch(ca.read_calls(broken)))
    assert taken == ["a"]
    assert terminal.getvalue() == "\rcallanalytics: 1 record read"


@given(count=st.integers(0, 40), every=st.integers(1, 9))
def test_the_calls_pass_unchanged_and_each_batch_updates_the_line_once(
    count: int, every: int
) -> None:
    """Any count, any batch: the same calls in order, one update a batch, the last one whole."""
    terminal = Terminal()
    progress = Progress(terminal, "en", clock=ticking(), every=every)
    taken = [call.id for call in progress.watch(piped(count))]
    assert taken == [f"c{i}" for i in range(1, count + 1)]
    updates = terminal.getvalue().split("\r")[1:]
    assert len(updates) == -(-count // every)
    if count:
        assert updates[-1].rstrip() == f"callanalytics: {count} record{'s' * (count != 1)} read"


# ---------------------------------------------------------------------------------------------
# FileCallReader.share_read: the position in the file, from 0 to 1


def test_share_read_follows_the_file_and_is_whole_once_read_to_the_end(tmp_path: Path) -> None:
    """A file larger than the buffers is read a part at a time, all of it at the end (1.0)."""
    path = tmp_path / "calls.csv"
    path.write_text(rows(20_000), encoding="utf-8")  # 1 MB: much more than the buffers
    reader = ca.read_calls(path)
    first = reader.share_read
    assert first is not None
    assert 0 < first < 0.2
    shares: list[float] = []
    for index, _ in enumerate(reader):
        if index % 1000 == 0:
            share = reader.share_read
            assert share is not None
            shares.append(share)
    assert shares == sorted(shares)
    assert shares[0] == first
    assert 0.9 < shares[-1] < 1
    assert reader.share_read == 1.0  # closed at the end
    reader.close()
    assert reader.share_read == 1.0


def test_share_read_when_closed_early_is_where_it_stopped(tmp_path: Path) -> None:
    """A reader closed before the end keeps the share it had reached."""
    path = tmp_path / "calls.csv"
    path.write_text(rows(20_000), encoding="utf-8")
    reader = ca.read_calls(path)
    next(reader)
    reached = reader.share_read
    reader.close()
    assert reader.share_read == reached
    assert reached is not None
    assert reached < 1


def test_share_read_is_not_known_for_a_stream_or_an_empty_file(tmp_path: Path) -> None:
    """A stream given (standard input, a pipe) and an empty file have no share of bytes."""
    reader = piped(3)
    assert reader.share_read is None
    assert len(list(reader)) == 3
    assert reader.share_read is None
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    reader = ca.read_calls(empty)
    assert reader.share_read is None
    assert list(reader) == []
    assert reader.share_read is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_share_read_is_not_known_for_a_named_pipe(tmp_path: Path) -> None:
    """A path that is a pipe (``<(zcat calls.csv.gz)``) has no size: only the count is known."""
    fifo = tmp_path / "calls.csv"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as stream:
            stream.write(rows(3))

    writer = threading.Thread(target=write)
    writer.start()
    reader = ca.read_calls(fifo)
    assert reader.share_read is None
    assert len(list(reader)) == 3
    writer.join()
    assert reader.share_read is None


# ---------------------------------------------------------------------------------------------
# The command line


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """A terminal for stderr (see `report`); the line's clock ticks 1 s a look, every 4 calls."""
    monkeypatch.setattr(cli, "Progress", functools.partial(Progress, clock=ticking(), every=4))
    return Terminal()


def report(
    capsys: pytest.CaptureFixture[str], *args: str, stderr: Terminal | None = None
) -> tuple[int, str]:
    """The exit code and stdout of ``callanalytics report ARGS``, stderr to *stderr* if given."""
    with contextlib.redirect_stderr(stderr) if stderr is not None else contextlib.nullcontext():
        code = cli.main(["report", *args, *NOW])
    return code, capsys.readouterr().out


def summary(records: int, lang: str = "en") -> str:
    done = text(
        "cli.summary",
        lang,
        records=records,
        calls=records,
        merged=0,
        internal=0,
        duplicates=0,
        rejected=0,
    )
    return f"callanalytics: {done}\n"


def test_cli_a_streamed_file_shows_the_count_and_share_then_clears_before_the_summary(
    capsys: pytest.CaptureFixture[str], terminal: Terminal, tmp_path: Path
) -> None:
    """Streamed on a terminal: count and share, a blank line, the summary; stdout unchanged."""
    path = tmp_path / "calls.csv"
    path.write_text(rows(10), encoding="utf-8")  # --no-dedupe: streamed, not the fast path
    code, out = report(capsys, str(path), "--no-dedupe", "--format", "json", stderr=terminal)
    assert code == 0
    last = "callanalytics: 10 records read (100%)"
    assert terminal.getvalue() == (
        "\rcallanalytics: 4 records read (100%)"  # a small file is read whole by the buffers
        "\rcallanalytics: 8 records read (100%)"
        "\r" + last + "\r" + " " * len(last) + "\r" + summary(10)
    )
    args = [str(path), "--no-dedupe", "--format", "json", "--no-progress"]
    code, plain = report(capsys, *args, stderr=Terminal())
    assert code == 0
    assert out == plain
    assert [row["total"] for row in json.loads(out)] == [10, 10, 10, 0]  # Anna, Σ, mean, none


def test_cli_standard_input_shows_the_count_only_in_russian(
    capsys: pytest.CaptureFixture[str],
    terminal: Terminal,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``-`` (a pipe): no size, so the count alone, in the language of ``--lang``."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(rows(6).encode())))
    code, out = report(capsys, "-", "--lang", "ru", "--format", "csv", stderr=terminal)
    assert code == 0
    last = "callanalytics: прочитано 6 записей"
    assert terminal.getvalue() == (
        "\rcallanalytics: прочитано 4 записи"
        "\r" + last + "\r" + " " * len(last) + "\r" + summary(6, "ru")
    )
    assert out.splitlines()[2] == "total,,Итого,,,6,0,6,360,0,360,00:06:00,00:00:00,00:06:00"


def test_cli_the_fast_path_shows_one_reading_line(
    capsys: pytest.CaptureFixture[str], terminal: Terminal, tmp_path: Path
) -> None:
    """polars reads the file in one go: ``reading…``, blanked before the report is printed."""
    pytest.importorskip("polars")
    path = tmp_path / "calls.csv"
    path.write_text(rows(10), encoding="utf-8")
    code, out = report(capsys, str(path), "--format", "json", stderr=terminal)
    assert code == 0
    assert terminal.getvalue() == "\rcallanalytics: reading…" + CLEAR_READING + summary(10)
    plain = Terminal()
    assert report(capsys, str(path), "--format", "json", "--no-progress", stderr=plain) == (0, out)
    assert plain.getvalue() == summary(10)


def test_cli_no_progress_on_a_terminal_writes_only_the_summary(
    capsys: pytest.CaptureFixture[str], terminal: Terminal, tmp_path: Path
) -> None:
    """``--no-progress`` turns the line off on a terminal too."""
    path = tmp_path / "calls.jsonl"
    path.write_text(
        "".join(
            f'{{"id": "c{i}", "direction": "outbound", "duration": 5, '
            f'"started_at": "2026-11-02T10:00:00Z"}}\n'
            for i in range(9)
        ),
        encoding="utf-8",
    )
    assert report(capsys, str(path), "--no-progress", stderr=terminal)[0] == 0
    assert terminal.getvalue() == summary(9)


def test_cli_progress_forces_the_line_when_standard_error_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Not a terminal: nothing by default; ``--progress`` writes the line all the same."""
    monkeypatch.setattr(cli, "Progress", functools.partial(Progress, clock=ticking(), every=4))
    path = tmp_path / "calls.csv"
    path.write_text(rows(5), encoding="utf-8")
    code, out = report(capsys, str(path), "--no-dedupe")
    assert (code, capsys.readouterr().err) == (0, "")
    cli.main(["report", str(path), "--no-dedupe", *NOW])
    assert capsys.readouterr().err == summary(5)
    cli.main(["report", str(path), "--no-dedupe", "--progress", *NOW])
    printed = capsys.readouterr()
    last = "callanalytics: 5 records read (100%)"
    assert printed.err == (
        "\rcallanalytics: 4 records read (100%)"
        "\r" + last + "\r" + " " * len(last) + "\r" + summary(5)
    )
    assert printed.out == out


def test_cli_an_error_while_reading_comes_after_the_line_is_cleared(
    capsys: pytest.CaptureFixture[str], terminal: Terminal, tmp_path: Path
) -> None:
    """Broken JSON after some calls: the line is blanked, then the error; no report."""
    path = tmp_path / "calls.json"
    good = '{"id": "c1", "direction": "inbound", "duration": 1, "started_at": "2026-11-02T10:00Z"}'
    path.write_text("[" + ", ".join([good.replace("c1", f"c{i}") for i in range(5)]) + ", {")
    code, out = report(capsys, str(path), stderr=terminal)
    assert (code, out) == (2, "")
    assert terminal.getvalue() == (
        "\rcallanalytics: reading…" + CLEAR_READING  # the fast path is tried, and declines
        + "\rcallanalytics: 4 records read (100%)\r" + " " * 36 + "\r"
        f"callanalytics: error: line 1: {str(path)!r} is not valid JSON: "
        "Expecting property name enclosed in double quotes.\n"
    )  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_cli_a_real_terminal_is_told_apart_from_a_pipe(tmp_path: Path) -> None:
    """Standard error on a pseudo-terminal gets the line; the same run into a pipe does not."""
    import pty

    path = tmp_path / "calls.csv"
    path.write_text(rows(3), encoding="utf-8")
    command = [sys.executable, "-m", "callanalytics", "report", str(path), *NOW]
    env = {**os.environ, "PYTHONPATH": str(Path(ca.__file__).parents[1])}
    master, slave = pty.openpty()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=slave, env=env, check=True)
    os.close(slave)
    shown = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # Linux: the other side is closed
            break
        if not data:
            break
        shown += data
    os.close(master)
    piped_run = subprocess.run(command, capture_output=True, env=env, check=True)
    assert piped_run.stdout == done.stdout
    assert piped_run.stderr == summary(3).encode()
    start = shown.index(b"callanalytics: records read")
    assert shown[start:] == summary(3).replace("\n", "\r\n").encode()  # the terminal's newline
    tried = importlib.util.find_spec("polars") is not None  # the fast path: one line
    assert shown[:start] == (("\rcallanalytics: reading…" + CLEAR_READING) * tried).encode()
