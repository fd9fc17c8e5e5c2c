"""Inputs that could make an entry point super-linear, timed at two sizes (docs/reliability.md).

    python -m benchmarks.hostile            # the sizes of docs/reliability.md, 5 rounds
    python -m benchmarks.hostile --smoke    # small sizes, 1 round: does it run?

Each case runs at a size n and at 10 n, and so does a bare Python baseline doing the least
work of the same kind on the same input. Linear time grows about 10x; quadratic, 100x. On a
loaded machine, or when the input outgrows the CPU's caches, both grow more than 10x: the
library is linear when its growth is about the baseline's. No timing is asserted: the figures
go in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

import callanalytics as ca
from benchmarks.common import NOW, machine
from callanalytics._rules.query import QUERY_PARAMETERS

Work = Callable[[], object]
Case = Callable[[int], tuple[Work, Work]]
"""A case: given a size, build the input (untimed) and return the library's work and a bare
Python baseline doing the least work of the same kind, on the same input."""

_DIGITS = re.compile(r"[^0-9]")
_HMS = re.compile(r"[0-9]{2,}:[0-5][0-9]:[0-5][0-9]")


def _refused(work: Callable[[], object]) -> Work:
    def run() -> object:
        try:
            return work()
        except ca.InvalidValueError as error:
            return error

    return run


def phone(size: int) -> tuple[Work, Work]:
    raw = "+7 (912) " + "9" * size
    return lambda: ca.normalize_phone(raw), lambda: _DIGITS.sub("", raw)[-10:]


def hms(size: int) -> tuple[Work, Work]:
    text = "9" * size  # no separator: the pattern must fail without backtracking forever
    return _refused(lambda: ca.parse_hms(text)), lambda: _HMS.fullmatch(text.strip())


def unknown_names(size: int) -> tuple[Work, Work]:
    query = {f"p{i}": "x" for i in range(size)}

    def bare() -> object:
        unknown = [name for name in query if name not in QUERY_PARAMETERS]
        return heapq.nsmallest(6, unknown)

    return _refused(lambda: ca.Filter.from_query(query, now=NOW, tz="UTC")), bare


def ignored_names(size: int) -> tuple[Work, Work]:
    names = [f"utm_{i}" for i in range(size)]
    query = dict.fromkeys(names, "x") | {"period": "today"}

    def bare() -> object:
        known = {*names, "period"}
        return [name for name in query if name not in known]

    return lambda: ca.Filter.from_query(query, now=NOW, tz="UTC", ignore=names), bare


def many_managers(size: int) -> tuple[Work, Work]:
    text = ",".join(str(i) for i in range(size))
    query = {"managers": text}

    def bare() -> object:
        return frozenset(int(item.strip()) for item in text.split(",") if item.strip())

    return lambda: ca.Filter.from_query(query, now=NOW, tz="UTC"), bare


def shared_key(size: int) -> tuple[Work, Work]:
    """*size* cards sharing one phone key, and 1,000 calls from that number to match."""
    cards = [ca.Card(i, "contacts", phones=["+7 912 345-67-89"]) for i in range(size)]
    calls = [
        ca.Call(f"c{i}", "inbound", NOW - timedelta(days=1), 5, phone="89123456789")
        for i in range(1000)
    ]
    managers = [ca.Manager(1, "Anna")]

    def bare() -> object:
        by_key: dict[str, list[ca.Card]] = {}
        for card in cards:
            for number in card.phones:
                by_key.setdefault(_DIGITS.sub("", number)[-10:], []).append(card)
        chosen = {key: min(group, key=lambda c: c.id) for key, group in by_key.items()}
        return [chosen.get(_DIGITS.sub("", call.phone)[-10:]) for call in calls]

    return lambda: ca.build_report(calls, managers, cards=cards, now=NOW), bare


def long_phones_matched(size: int) -> tuple[Work, Work]:
    """1,000 calls whose phone is *size* characters, matched against 1,000 cards."""
    cards = [ca.Card(i, "contacts", phones=[f"8912000{i:04d}"]) for i in range(1000)]
    calls = [
        ca.Call(f"c{i}", "outbound", NOW - timedelta(days=1), 5, phone="9" * size)
        for i in range(1000)
    ]

    def bare() -> object:
        by_key = {_DIGITS.sub("", p)[-10:]: card for card in cards for p in card.phones}
        return [by_key.get(_DIGITS.sub("", call.phone)[-10:]) for call in calls]

    return lambda: ca.match_calls(calls, cards, now=NOW), bare


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
    print("| case | n | at n | at 10 n | growth | baseline growth | 10 n is |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, (case, size, label) in CASES.items():
        small = max(size // scale, 10)
        times = []
        for n in (small, small * 10):
            work, bare = case(n)
            times.append((median_seconds(work, repeat), median_seconds(bare, repeat)))
        (first, first_bare), (second, second_bare) = times
        print(
            f"| {name} | {small:,} | {first * 1000:.1f} ms | {second * 1000:.1f} ms "
            f"| {second / first:.1f}x | {second_bare / first_bare:.1f}x "
            f"| {label if scale == 1 else '(smoke)'} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
