"""Run the benchmarks and print one table per section, with ratios measured in the same run.

    python -m benchmarks                      # every section, 1,000,000 calls, 5 rounds
    python -m benchmarks --only a,f,g         # some sections
    python -m benchmarks --smoke              # every section on a few calls: does it run?
    python -m benchmarks --only i --repeat 3  # Dask: 4,000,000 calls on a 2-process cluster

Outside the test suite: the suite runs only the smoke run. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from benchmarks import dask, frames, objects, sources
from benchmarks.common import Table, machine

SECTIONS: dict[str, tuple[Callable[[int, int], Table], int]] = {
    "a": (objects.report_vs_bare_loop, 1),
    "b": (frames.columnar_vs_hand_written, 1),
    "c": (sources.rows_vs_from_records, 1),
    "d": (sources.cli_vs_references, 1),
    "e": (objects.matching_vs_dict_loop, 1),
    "f": (objects.construction, 1),
    "g": (objects.live_adds, 1),
    "h": (sources.streamed_memory, 1),
    "i": (dask.cluster_vs_one_process, 4),
}
"""Each section's function (calls, repeat) and the share of ``--calls`` it runs on."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sections asked for; print each table as it is done."""
    parser = argparse.ArgumentParser(description="The benchmarks of callanalytics.")
    parser.add_argument("--calls", type=int, default=1_000_000, help="calls per section")
    parser.add_argument("--repeat", type=int, default=5, help="rounds, at least 5 for a median")
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections, e.g. a,f")
    parser.add_argument("--smoke", action="store_true", help="a few calls, 1 round: it runs")
    args = parser.parse_args(argv)
    calls, repeat = (2_000, 1) if args.smoke else (args.calls, args.repeat)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown sections {', '.join(unknown)} (known: {', '.join(SECTIONS)})")
    print(machine())
    print(f"{calls:,} calls, median of {repeat} rounds, contenders in turns\n", flush=True)
    for name in chosen:
        run, share = SECTIONS[name]
        started = time.perf_counter()
        table = run(max(int(calls * share), 100), repeat)
        print(table.render())
        print(f"(section took {time.perf_counter() - started:.0f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
