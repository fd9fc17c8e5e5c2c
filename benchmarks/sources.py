"""Getting the data in: database rows, the command line on a CSV file, and streamed memory.

(c) rows (tuples, as a database cursor gives them) → report, against pandas ``from_records`` and
the same rules by hand; (d) ``python -m callanalytics report FILE`` in a subprocess against
pandas, polars and DuckDB scripts of the same rules on the same file, with each process's peak
memory; (h) the peak memory of a streamed report, at N and 5 N calls. The hand-written references
are checked against the library's numbers before anything is timed.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

import callanalytics as ca
from benchmarks.common import NOW, Table, account, in_turns
from benchmarks.frames import _as_tally, card_columns, ref_pandas, without_ties

ROW_COLUMNS = (
    "id", "direction", "started_at", "duration", "phone", "manager_id", "card_id",
    "entity_type", "status", "via_app", "recording_url",
)  # fmt: skip
"""The columns of a database row of a call, in the order of the tuples."""
CSV_COLUMNS = (
    "id", "direction", "started_at", "duration", "phone", "manager_id", "card_id",
    "entity_type", "status", "result", "source", "recording_url", "via_app",
)  # fmt: skip
NOW_OPTION = ("--now", NOW.isoformat())
TIME = "/usr/bin/time"
"""GNU time, which measures a process's peak memory (Debian's package ``time``)."""


def rows_of(calls: Iterable[ca.Call]) -> list[tuple[Any, ...]]:
    """The calls as a database cursor gives them: tuples of plain values, ``None`` for NULL."""
    return [
        (
            c.id,
            c.direction.value,
            c.started_at,
            c.duration,
            c.phone,
            c.manager_id,
            c.card_id,
            None if c.entity_type is None else c.entity_type.value,
            None if c.status is None else int(c.status),
            c.via_app,
            c.recording_url,
        )
        for c in calls
    ]


# --- (c) rows → report -----------------------------------------------------------------------


def rows_vs_from_records(calls: int, repeat: int) -> Table:
    """(c) Database rows → report, against pandas ``from_records`` + the rules + groupby."""
    import pandas as pd

    data = account(calls)
    rows = rows_of(data.calls)
    cards = pd.DataFrame(card_columns(data.cards))

    def library() -> ca.CallsReport:
        reader = ca.calls_from_records(rows, columns=ROW_COLUMNS)
        return ca.build_report(reader, data.managers, cards=data.cards, now=data.now)

    def frame() -> pd.DataFrame:
        return pd.DataFrame.from_records(rows, columns=ROW_COLUMNS)

    def by_hand() -> dict[Any, Any]:
        return ref_pandas(frame(), cards, data, None)

    def columnar() -> ca.CallsReport:
        return ca.build_report(frame(), data.managers, cards=data.cards, now=data.now)

    expected = ca.build_report(data.calls, data.managers, cards=data.cards, now=data.now).tally
    assert library().tally == expected
    assert columnar().tally == expected
    assert _as_tally(by_hand()) == without_ties(expected)
    medians = in_turns(
        {
            "pandas from_records + rules by hand": by_hand,
            "calls_from_records -> report": library,
            "from_records -> report of the frame": columnar,
            "pandas from_records alone": frame,
        },
        repeat,
    )
    table = Table(
        f"(c) database rows -> report: {calls:,} tuples of 11 columns, 50 managers",
        "pandas from_records + rules by hand",
        calls,
        unit="row",
        medians=medians,
    )
    ratio = medians["calls_from_records -> report"] / medians["pandas from_records + rules by hand"]
    table.notes.append(f"calls_from_records -> report / pandas by hand: {ratio:.2f}x")
    return table


# --- (d) the command line on a CSV file ------------------------------------------------------


def write_csv(path: Path, calls: Iterable[ca.Call]) -> None:
    """The calls as a CSV file in the library's own columns (``docs/cli.md``)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for c in calls:
            writer.writerow(
                [
                    c.id,
                    c.direction.value,
                    c.started_at.isoformat(),
                    c.duration,
                    c.phone,
                    "" if c.manager_id is None else c.manager_id,
                    "" if c.card_id is None else c.card_id,
                    "" if c.entity_type is None else c.entity_type.value,
                    "" if c.status is None else int(c.status),
                    c.result,
                    c.source,
                    c.recording_url or "",
                    "true" if c.via_app else "false",
                ]
            )


_GRACE_HOURS = ca.GRACE_WINDOW / timedelta(hours=1)
_REFERENCE_PRELUDE = f"""
import json, sys
path, now = sys.argv[1], sys.argv[2]
GRACE_HOURS = {_GRACE_HOURS!r}
def emit(rows):
    print(json.dumps(sorted([list(r) for r in rows], key=str)))
"""
# The rules of `callanalytics report FILE` without --managers and without cards: every manager
# id of the file is a manager; a call without a card is pending (younger than the grace window),
# in Unsorted (incoming telephony) or not saved; a call in a lead's or a customer's card is left
# out (R6); the rest counted per manager: (manager, incoming, outgoing, in s, out s).

POLARS = """
import polars as pl
lf = pl.scan_csv(path, schema_overrides={"started_at": pl.String})
inbound = pl.col("direction") == "inbound"
d = pl.col("duration")
out = (lf.filter(FIRST pl.col("card_id").is_not_null()
                 & pl.col("entity_type").is_in(["contacts", "companies"]))
       .group_by("manager_id")
       .agg(inbound.sum().alias("i"), (~inbound).sum().alias("o"),
            d.filter(inbound).sum().alias("di"), d.filter(~inbound).sum().alias("do"))
       .collect())
emit(out.iter_rows())
"""
"""The polars reference; with R28, ``FIRST`` keeps only the first call of each id."""

REFERENCES = {
    "pandas read_csv + rules + groupby": """
import pandas as pd
f = pd.read_csv(path, usecols=["direction", "started_at", "duration", "manager_id",
                               "card_id", "entity_type", "via_app"])
at = pd.to_datetime(f["started_at"], utc=True, format="ISO8601")
oldest = pd.Timestamp(now) - pd.Timedelta(hours=GRACE_HOURS)
loose = f["card_id"].isna()
keep = ~loose & f["entity_type"].isin(["contacts", "companies"])
f = f[keep]
inbound = f["direction"] == "inbound"
g = pd.DataFrame({"m": f["manager_id"], "i": inbound.astype("int64"),
                  "o": (~inbound).astype("int64"), "di": f["duration"].where(inbound, 0),
                  "do": f["duration"].where(~inbound, 0)})
out = g.groupby("m", dropna=False).sum()
emit((None if pd.isna(m) else int(m), *map(int, r)) for m, r in zip(out.index, out.to_numpy()))
""",
    "polars scan_csv + rules + group_by": POLARS.replace("FIRST ", ""),
    "polars, the same with R28": POLARS.replace("FIRST ", 'pl.col("id").is_first_distinct() & '),
    "DuckDB read_csv + SQL": """
import duckdb
duckdb.sql("set enable_progress_bar = false")  # it prints to stdout
out = duckdb.sql(f'''
select manager_id, count(*) filter (where direction = 'inbound'),
       count(*) filter (where direction <> 'inbound'),
       coalesce(sum(duration) filter (where direction = 'inbound'), 0),
       coalesce(sum(duration) filter (where direction <> 'inbound'), 0)
from read_csv('{path}')
where card_id is not null and entity_type in ('contacts', 'companies')
group by manager_id''').fetchall()
emit(out)
""",
}
"""Each reference, as the script a data engineer would run on the file."""
# The pending rule (R9) touches only calls without a card, which every reference leaves out
# before counting; the references therefore need no time arithmetic to count the same rows.

STREAMING = (
    "import sys, callanalytics._cli.main as cli; "
    "cli.report_of_csv = lambda *a, **k: None; sys.exit(cli.main(sys.argv[1:]))"
)
"""The command line with its fast path switched off: the streaming reader."""


def run_process(command: list[str]) -> tuple[float, int, str]:
    """Run *command*; its wall seconds, its peak resident memory in bytes, and its stdout.

    The peak is measured by ``/usr/bin/time`` (GNU time's ``%M``), which starts the command
    from its own small process: a process forked from this one would count this one's memory.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        timed = [TIME, "-f", "peak %M", *command] if os.path.exists(TIME) else command
        done = subprocess.run(timed, stdout=out, stderr=err, env=env, check=False)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        printed, errors = out.read().decode(), err.read().decode()
    if done.returncode not in (0, 1):
        msg = f"{command[:4]} failed with exit code {done.returncode}: {errors[-500:]}"
        raise RuntimeError(msg)
    peak = int(errors.rsplit("peak ", 1)[1].split()[0]) if "peak " in errors else 0
    return elapsed, peak * 1024, printed  # %M is in KiB; 0: not measured, no GNU time


def _cli_rows(printed: str) -> list[list[Any]]:
    """The rows of ``report --format json`` with calls, as the references print them."""
    rows = [
        [r["manager_id"], r["incoming"], r["outgoing"], r["incoming_duration"],
         r["outgoing_duration"]]
        for r in json.loads(printed)
        if r["kind"] in ("manager", "unassigned") and r["total"]
    ]  # fmt: skip
    return sorted(rows, key=str)


def cli_vs_references(calls: int, repeat: int) -> Table:
    """(d) The command line on a CSV file, against pandas, polars and DuckDB scripts."""
    data = account(calls)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls.csv"
        write_csv(path, data.calls)
        del data
        file, size = str(path), path.stat().st_size
        cli = [sys.executable, "-m", "callanalytics", "report", file, *NOW_OPTION]
        commands = {
            "callanalytics report (fast path)": [*cli, "--format", "json"],
            **{
                name: [sys.executable, "-c", _REFERENCE_PRELUDE + script, file, NOW.isoformat()]
                for name, script in REFERENCES.items()
            },
        }
        streamed = [sys.executable, "-c", STREAMING, "report", file, *NOW_OPTION, "--format"]
        streamed.append("json")
        expected = _check_cli(commands, streamed)
        memory: dict[str, int] = {}

        def timed(name: str, command: list[str]) -> Callable[[], float]:
            def run() -> float:
                seconds, peak, _ = run_process(command)
                memory[name] = max(memory.get(name, 0), peak)
                return seconds

            return run

        medians = _process_medians({n: timed(n, c) for n, c in commands.items()}, repeat)
        slow = "callanalytics report (streaming path)"
        medians.update(_process_medians({slow: timed(slow, streamed)}, min(repeat, 3)))
    table = Table(
        f"(d) the command line on a {calls:,}-row CSV file of {size / 2**20:.0f} MiB "
        f"({expected} managers with calls): wall time and peak memory of each process",
        "polars scan_csv + rules + group_by",
        calls,
        unit="row",
        medians=medians,
    )
    for name in medians:
        table.notes.append(f"peak memory, {name}: {memory[name] / 2**20:.0f} MiB")
    fast = (
        medians["callanalytics report (fast path)"] / medians["polars scan_csv + rules + group_by"]
    )
    table.notes.append(f"callanalytics report (fast path) / polars: {fast:.2f}x")
    fast = medians["callanalytics report (fast path)"] / medians["polars, the same with R28"]
    table.notes.append(f"callanalytics report (fast path) / polars with R28: {fast:.2f}x")
    table.notes.append(f"the streaming path ran {min(repeat, 3)} rounds, the others {repeat}")
    return table


def _check_cli(commands: dict[str, list[str]], streamed: list[str]) -> int:
    """Every reference and both paths of the command line print the same rows."""
    outputs = {name: run_process(command)[2] for name, command in commands.items()}
    library = _cli_rows(outputs.pop("callanalytics report (fast path)"))
    assert _cli_rows(run_process(streamed)[2]) == library
    for name, printed in outputs.items():
        reference = sorted((r for r in json.loads(printed) if r[1] or r[2]), key=str)
        assert reference == library, name
    return len(library)


def _process_medians(contenders: dict[str, Callable[[], float]], repeat: int) -> dict[str, float]:
    """Like :func:`in_turns`, with the seconds each process measured for itself."""
    import statistics

    runs: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, run in contenders.items():
            runs[name].append(run())
    return {name: statistics.median(seconds) for name, seconds in runs.items()}


# --- (h) streamed memory ---------------------------------------------------------------------

_GENERATED = """
import resource, sys
import callanalytics as ca
n = int(sys.argv[1])
base = ca.sample_account(0, seed=1)
report = ca.build_report(ca.iter_sample_calls(n, seed=1, cards=base.cards, now=base.now),
                         base.managers, cards=base.cards, now=base.now)
assert report.tally.calls == n
"""


def streamed_memory(calls: int, repeat: int) -> Table:
    """(h) Peak memory of a streamed report of *calls* and of five times as many."""
    sizes = (calls, 5 * calls)
    base = account(calls)
    memory: dict[str, int] = {}
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for size in sizes:
            path = Path(folder) / f"calls-{size}.csv"
            _write_copies(path, base.calls, size // calls)
            files[size] = str(path)
        del base
        contenders: dict[str, list[str]] = {}
        for size in sizes:
            contenders[f"generator of calls, {size:,}"] = [
                sys.executable, "-c", _GENERATED, str(size)
            ]  # fmt: skip
            contenders[f"CSV, streaming path, {size:,}"] = [
                sys.executable, "-c", STREAMING, "report", files[size], *NOW_OPTION
            ]  # fmt: skip
        rounds = max(1, min(repeat, 3))
        for _ in range(rounds):
            for name, command in contenders.items():
                elapsed, peak, _ = run_process(command)
                memory[name] = max(memory.get(name, 0), peak)
                seconds[name] = min(seconds.get(name, elapsed), elapsed)
    table = Table(
        f"(h) peak memory of a streamed report: {sizes[0]:,} and {sizes[1]:,} calls",
        f"generator of calls, {sizes[0]:,}",
        calls,
        unit="call",
        medians=seconds,
    )
    table.notes.append("(times: the fastest of the rounds; ratios: of those times)")
    for kind in ("generator of calls", "CSV, streaming path"):
        small, large = memory[f"{kind}, {sizes[0]:,}"], memory[f"{kind}, {sizes[1]:,}"]
        table.notes.append(
            f"{kind}: peak {small / 2**20:.0f} MiB at {sizes[0]:,}, {large / 2**20:.0f} MiB at "
            f"{sizes[1]:,} ({large / max(small, 1):.2f}x the memory for 5x the calls)"
        )
    return table


def _write_copies(path: Path, calls: list[ca.Call], copies: int) -> None:
    """*copies* copies of the calls as one CSV file, each copy's ids made its own."""
    write_csv(path, calls)
    if copies == 1:
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    with path.open("a", encoding="utf-8") as stream:
        for copy in range(1, copies):
            stream.writelines(f"{copy}{line}" for line in lines[1:])
