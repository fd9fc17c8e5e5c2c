"""What every benchmark shares: the data, timing in turns, and the printed tables.

The machines these run on are noisy, so no single time means much: each section times its
contenders in turns (one round runs each once, a burst of load slows one run of several of them
rather than every run of one), takes the median of the rounds, and prints each contender's
ratio to the section's baseline, measured in the same run.
"""

from __future__ import annotations

import gc
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import callanalytics as ca

NOW = ca.SAMPLE_NOW
"""The benchmark's "now": the sample account's."""


@dataclass
class Account:
    """Managers, cards and calls of a benchmark account, built once, outside every timing."""

    managers: tuple[ca.Manager, ...]
    cards: tuple[ca.Card, ...]
    calls: list[ca.Call]
    now = NOW
    tz = ca.SAMPLE_TZ


def account(calls: int, *, managers: int = 50, seed: int = 1) -> Account:
    """The sample account's call mix, spread over *managers* managers (one in ten inactive).

    The calls are those of :func:`callanalytics.iter_sample_calls` (cards, numbers to match,
    unknown numbers, calls without a manager, one of another account), their manager ids
    mapped onto *managers* managers, deterministically.
    """
    rng = random.Random(seed)
    team = tuple(
        ca.Manager(1000 + i, f"Manager {i:02d}", group=f"Team {i % 5}", active=i % 10 != 9)
        for i in range(managers)
    )
    base = ca.sample_account(0, seed=seed)
    ids = [m.id for m in team]
    mapped = []
    for call in ca.iter_sample_calls(calls, seed=seed, cards=base.cards, now=NOW):
        manager_id = call.manager_id
        if manager_id is not None and manager_id != 777001:  # keep the other account's user
            manager_id = ids[rng.randrange(managers)]
        mapped.append(
            ca.Call(
                call.id,
                call.direction,
                call.started_at,
                call.duration,
                call.phone,
                manager_id,
                call.card_id,
                call.entity_type,
                call.status,
                call.result,
                call.source,
                call.recording_url,
                call.via_app,
            )
        )
    return Account(team, base.cards, mapped)


def in_turns(contenders: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The median seconds of each contender over *repeat* rounds (after one warm-up round).

    Each run's result is dropped before the next run starts; the garbage collector runs
    between runs, not during them.
    """
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for round_ in range(repeat + 1):
        for name, run in contenders.items():
            gc.collect()
            start = time.perf_counter()
            result = run()
            elapsed = time.perf_counter() - start
            del result
            if round_:
                times[name].append(elapsed)
    return {name: statistics.median(runs) for name, runs in times.items()}


@dataclass
class Table:
    """A section's printed result: one line per contender, its median, per item, ratio."""

    title: str
    baseline: str
    items: int
    unit: str = "call"
    medians: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def ratio(self, name: str) -> float:
        """*name*'s median over the baseline's."""
        return self.medians[name] / self.medians[self.baseline]

    def render(self) -> str:
        """The table as text."""
        width = max(len(name) for name in self.medians) + 2
        lines = [
            f"## {self.title}",
            f"{'contender':<{width}}{'median s':>10}{f'ns/{self.unit}':>12}{'ratio':>8}",
        ]
        for name, seconds in self.medians.items():
            per = seconds * 1e9 / self.items if self.items else float("nan")
            lines.append(f"{name:<{width}}{seconds:>10.4f}{per:>12.0f}{self.ratio(name):>8.2f}")
        lines += self.notes
        return "\n".join(lines)


def machine() -> str:
    """One line naming the machine and the interpreter."""
    return (
        f"{platform.machine()}, {platform.processor() or 'cpu'}, python "
        f"{sys.version.split()[0]} ({platform.python_implementation()}), "
        f"callanalytics {ca.__version__}"
    )
