"""Benchmark the report loop: with and without filters, against a bare loop over the calls.

Run separately from the test suite (numbers are medians of several runs, on the same data,
in the same process, the variants taking turns, so the ratios are what to read on a noisy
machine)::

    python benchmarks/bench_report.py --calls 1000000 --repeat 5

The sample calls start in UTC, as a host storing amoCRM's unix times has them; the "local
time" variants hold the same calls with ``started_at`` in the account's timezone.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import date
from zoneinfo import ZoneInfo

import attrs

import callanalytics as ca


def median_seconds_in_turns(
    variants: dict[str, Callable[[], object]], repeat: int
) -> dict[str, float]:
    """The median wall time of *repeat* runs of each variant, run in turns.

    One round runs every variant once, and there are *repeat* rounds (after one untimed warm-up
    round): a burst of load from another process slows one run of several variants rather
    than every run of one, so the medians and their ratios stay comparable.
    """
    times: dict[str, list[float]] = {name: [] for name in variants}
    for round_ in range(repeat + 1):
        for name, run in variants.items():
            start = time.perf_counter()
            run()
            if round_:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(runs) for name, runs in times.items()}


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


def local_time(calls: Sequence[ca.Call], tz: str) -> tuple[ca.Call, ...]:
    """The same calls with ``started_at`` in the account's timezone instead of UTC."""
    zone = ZoneInfo(tz)
    return tuple(attrs.evolve(call, started_at=call.started_at.astimezone(zone)) for call in calls)


def main(argv: Sequence[str] | None = None) -> None:
    """Build the data once, then time the variants in turns and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    account = ca.sample_account(0)
    print(f"generating {args.calls:,} calls…", flush=True)
    calls = tuple(ca.iter_sample_calls(args.calls, seed=1, cards=account.cards))
    local = local_time(calls, account.tz)
    managers = account.managers
    wide, narrow = wide_filter(account), narrow_filter(account)
    # The data lives as long as the process: keep it out of the garbage collector's full
    # collections, which would otherwise land on whichever variant happens to trigger one.
    gc.collect()
    gc.freeze()

    variants: dict[str, Callable[[], object]] = {
        "bare loop (baseline)": lambda: bare_loop(calls),
        "report, no filter": lambda: ca.build_report(calls, managers),
        "report, matching + now": lambda: ca.build_report(
            calls, managers, cards=account.cards, now=account.now
        ),
        "report, five filters, wide": lambda: ca.build_report(calls, managers, filter=wide),
        "report, five filters, narrow": lambda: ca.build_report(calls, managers, filter=narrow),
        "local time, no filter": lambda: ca.build_report(local, managers),
        "local time, five filters, wide": lambda: ca.build_report(local, managers, filter=wide),
    }
    times = median_seconds_in_turns(variants, args.repeat)

    baseline = times["bare loop (baseline)"]
    per_call = 1e9 / args.calls
    print(f"{'variant':<34}{'median s':>10}{'ns/call':>10}{'ratio':>8}")
    for name, seconds in times.items():
        print(f"{name:<34}{seconds:>10.3f}{seconds * per_call:>10.0f}{seconds / baseline:>8.2f}")
    plain = times["report, no filter"]
    print(f"\nfive filters, wide / no filter:   {times['report, five filters, wide'] / plain:.2f}x")
    print(f"five filters, narrow / no filter: {times['report, five filters, narrow'] / plain:.2f}x")
    local_ratio = times["local time, five filters, wide"] / times["local time, no filter"]
    print(f"local time, wide / no filter:     {local_ratio:.2f}x")


if __name__ == "__main__":
    main()
