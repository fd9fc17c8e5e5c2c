"""Inputs that could make an entry point super-linear, timed at two sizes (docs/reliability.md).

    python -m benchmarks.hostile            # the sizes of docs/reliability.md, 5 rounds
    python -m benchmarks.hostile --smoke    # small sizes, 1 round: does it run?

Each case runs at a size and at ten times that size; the ratio of the medians is about 10
when the time is linear in the size (about 100 if it were quadratic). No timing is asserted:
the figures go in the docs.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

import callanalytics as ca
from benchmarks.common import NOW, machine

Case = Callable[[int], Callable[[], object]]
"""A case: given a size, build the input (untimed) and return the timed work."""


def phone(size: int) -> Callable[[], object]:
    raw = "+7 (912) " + "9" * size
    return lambda: ca.normalize_phone(raw)


def hms(size: int) -> Callable[[], object]:
    text = "9" * size  # no separator: the pattern must fail without backtracking forever

    def work() -> object:
        try:
            return ca.parse_hms(text)
        except ca.InvalidValueError as error:
            return error

    return work


def unknown_names(size: int) -> Callable[[], object]:
    query = {f"p{i}": "x" for i in range(size)}

    def work() -> object:
        try:
            return ca.Filter.from_query(query, now=NOW, tz="UTC")
        except ca.InvalidValueError as error:
            return error

    return work


def ignored_names(size: int) -> Callable[[], object]:
    names = [f"utm_{i}" for i in range(size)]
    query = dict.fromkeys(names, "x") | {"period": "today"}
    return lambda: ca.Filter.from_query(query, now=NOW, tz="UTC", ignore=names)


def many_managers(size: int) -> Callable[[], object]:
    query = {"managers": ",".join(str(i) for i in range(size))}
    return lambda: ca.Filter.from_query(query, now=NOW, tz="UTC")


def shared_key(size: int) -> Callable[[], object]:
    """*size* cards sharing one phone key, and 1,000 calls from that number to match."""
    cards = [ca.Card(i, "contacts", phones=["+7 912 345-67-89"]) for i in range(size)]
    calls = [
        ca.Call(f"c{i}", "inbound", NOW - timedelta(days=1), 5, phone="89123456789")
        for i in range(1000)
    ]
    managers = [ca.Manager(1, "Anna")]
    return lambda: ca.build_report(calls, managers, cards=cards, now=NOW)


def long_phones_matched(size: int) -> Callable[[], object]:
    """1,000 calls whose phone is *size* characters, matched against 1,000 cards."""
    cards = [ca.Card(i, "contacts", phones=[f"8912000{i:04d}"]) for i in range(1000)]
    calls = [
        ca.Call(f"c{i}", "outbound", NOW - timedelta(days=1), 5, phone="9" * size)
        for i in range(1000)
    ]
    return lambda: ca.match_calls(calls, cards, now=NOW)


CASES: dict[str, tuple[Case, int, str]] = {
    "normalize_phone, characters": (phone, 100_000, "1 MB phone"),
    "parse_hms, characters": (hms, 100_000, "1 MB text"),
    "from_query, unknown names": (unknown_names, 10_000, "100,000 names"),
    "from_query, ignored names": (ignored_names, 10_000, "100,000 names"),
    "from_query, manager ids": (many_managers, 10_000, "100,000 ids"),
    "build_report, cards on one key": (shared_key, 10_000, "100,000 cards"),
    "match_calls, phone characters": (long_phones_matched, 1_000, "10 KB phones x 1,000"),
}
"""Each case, its first size (the second is ten times it), and what the second size is."""


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """The median time of *work*; the collector's passes are left out of it.

    A full collection walks every live object, so with the collector on, building 100,000
    objects costs more than ten times building 10,000: that is the interpreter's cost, the
    same for any code that builds them, not the library's.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    """Time every case at two sizes and print a Markdown table with the ratio."""
    parser = argparse.ArgumentParser(description="Hostile inputs, timed at two sizes.")
    parser.add_argument("--repeat", type=int, default=5, help="rounds per size")
    parser.add_argument("--smoke", action="store_true", help="sizes / 100, 1 round")
    args = parser.parse_args(argv)
    scale, repeat = (100, 1) if args.smoke else (1, args.repeat)
    print(machine())
    print(f"median of {repeat} rounds\n")
    print("| case | size n | time at n | time at 10 n | ratio | 10 n is |")
    print("|---|---:|---:|---:|---:|---|")
    for name, (case, size, label) in CASES.items():
        small = max(size // scale, 10)
        first = median_seconds(case(small), repeat)
        second = median_seconds(case(small * 10), repeat)
        ratio = second / first if first else float("inf")
        print(
            f"| {name} | {small:,} | {first * 1000:.1f} ms | {second * 1000:.1f} ms "
            f"| {ratio:.1f} | {label if scale == 1 else '(smoke)'} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
