"""Benchmark the report loop: with and without filters, against a bare loop over the calls.

Run separately from the test suite (numbers are medians of several runs, on the same data,
in the same process, so the ratios are what to read on a noisy machine)::

    python benchmarks/bench_report.py --calls 1000000 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import date

import callanalytics as ca


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of *repeat* runs of *run*."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_loop(calls: Sequence[ca.Call]) -> dict[object, list[int]]:
    """The least a report can do: per manager, count calls and add durations by direction."""
    rows: dict[object, list[int]] = {}
    incoming = ca.Direction.INCOMING
    for call in calls:
        row = rows.get(call.manager_id)
        if row is None:
            row = rows[call.manager_id] = [0, 0, 0, 0]
        if call.direction is incoming:
            row[0] += 1
            row[2] += call.duration
        else:
            row[1] += 1
            row[3] += call.duration
    return rows


def wide_filter(account: ca.SampleAccount) -> ca.Filter:
    """All five filters of the page, each letting (almost) every call through."""
    last = account.now.date()
    return ca.Filter(
        period=ca.Period.days(date.fromordinal(last.toordinal() - 29), last, tz=account.tz),
        entity_types=[ca.EntityType.CONTACT, ca.EntityType.COMPANY],
        manager_ids=[m.id for m in account.managers],
        min_duration=1,
        max_duration=24 * 3600,
        statuses=list(ca.CallStatus),
    )


def narrow_filter(account: ca.SampleAccount) -> ca.Filter:
    """All five filters of the page, as a user sets them: each one leaves calls out."""
    last = account.now.date()
    return ca.Filter(
        period=ca.Period.days(date.fromordinal(last.toordinal() - 13), last, tz=account.tz),
        entity_types=[ca.EntityType.CONTACT],
        manager_ids=[m.id for m in account.managers[:3]],
        min_duration=10,
        max_duration=3600,
        statuses=[ca.CallStatus.TALKED, ca.CallStatus.CALL_BACK_LATER, ca.CallStatus.BUSY],
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Build the data once, then time each variant and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    account = ca.sample_account(0)
    print(f"generating {args.calls:,} calls…", flush=True)
    calls = tuple(ca.iter_sample_calls(args.calls, seed=1, cards=account.cards))
    managers = account.managers
    wide, narrow = wide_filter(account), narrow_filter(account)

    baseline = median_seconds(lambda: bare_loop(calls), args.repeat)
    plain = median_seconds(lambda: ca.build_report(calls, managers), args.repeat)
    matched = median_seconds(
        lambda: ca.build_report(calls, managers, cards=account.cards, now=account.now),
        args.repeat,
    )
    filtered = median_seconds(lambda: ca.build_report(calls, managers, filter=wide), args.repeat)
    narrowed = median_seconds(lambda: ca.build_report(calls, managers, filter=narrow), args.repeat)

    per_call = 1e9 / args.calls
    print(f"{'variant':<34}{'median s':>10}{'ns/call':>10}{'ratio':>8}")
    for name, seconds, against in [
        ("bare loop (baseline)", baseline, baseline),
        ("report, no filter", plain, baseline),
        ("report, matching + now", matched, baseline),
        ("report, five filters, wide", filtered, baseline),
        ("report, five filters, narrow", narrowed, baseline),
    ]:
        print(f"{name:<34}{seconds:>10.3f}{seconds * per_call:>10.0f}{seconds / against:>8.2f}")
    print(f"\nfive filters, wide / no filter:   {filtered / plain:.2f}x")
    print(f"five filters, narrow / no filter: {narrowed / plain:.2f}x")


if __name__ == "__main__":
    main()
