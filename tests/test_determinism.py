"""The same input gives the same report, byte for byte: across runs, hash seeds and threads.

A report's order must not come from a set's or a dict's iteration order, which changes with
``PYTHONHASHSEED`` for strings; and building reports in several threads at once must not
share state between them (the generated code, the caches of the routing spec).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random

import pandas as pd

import callanalytics as ca

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def account() -> tuple[list[ca.Call], list[ca.Manager], list[ca.Card], ca.Filter]:
    """Calls, managers with str ids (whose hashes change with the seed), cards and a filter."""
    rng = Random(7)
    managers = [
        ca.Manager(f"m{i}", name, group=rng.choice(["Sales", "Support", None]))
        for i, name in enumerate(["Anna", "Boris", "Vera", "Anna", "Gleb", "Dina"])
    ]
    cards = [
        ca.Card(f"k{i}", rng.choice(["contacts", "companies"]), phones=[f"+7 912 000-00-{i:02d}"])
        for i in range(30)
    ]
    calls = []
    for _ in range(400):
        card = rng.choice([None, *cards])
        calls.append(
            ca.Call(
                id=f"c{rng.randrange(380)}",  # some duplicates
                direction=rng.choice(["inbound", "outbound"]),
                started_at=NOW - timedelta(minutes=rng.randrange(60 * 24 * 40)),
                duration=rng.randrange(0, 4000),
                phone=f"8 912 000 00 {rng.randrange(40):02d}",
                manager_id=rng.choice([None, "m9", *[m.id for m in managers]]),
                card_id=None if card is None else card.id,
                entity_type=None if card is None else card.entity_type,
                status=rng.choice([None, *range(1, 8)]),
            )
        )
    flt = ca.Filter(
        period=ca.Period.preset("last_30_days", now=NOW, tz="Europe/Berlin"),
        manager_ids={m.id for m in managers[:5]},
        statuses={1, 4, 6, 7},
        min_duration=1,
    )
    return calls, managers, cards, flt


def fingerprint() -> str:
    """The report's records, excluded counts and table, and the frame engine's, as one hash."""
    calls, managers, cards, flt = account()
    report = ca.build_report(calls, managers, cards=cards, filter=flt, now=NOW)
    frame = pd.DataFrame(
        [
            {
                "id": c.id,
                "direction": c.direction.value,
                "started_at": c.started_at,
                "duration": c.duration,
                "phone": c.phone,
                "manager_id": c.manager_id,
                "card_id": c.card_id,
                "entity_type": None if c.entity_type is None else c.entity_type.value,
                "status": None if c.status is None else int(c.status),
            }
            for c in calls
        ]
    )
    columnar = ca.build_report(frame, managers, cards=cards, filter=flt, now=NOW)
    parts = [
        json.dumps(r.to_dicts(lang="ru"), ensure_ascii=False)
        + json.dumps([(k.value, n) for k, n in r.excluded.items()])
        + r.table()
        for r in (report, columnar)
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def test_to_dicts_is_byte_identical_across_runs_and_hash_seeds() -> None:
    """Three interpreters with different PYTHONHASHSEED print the same report, both engines."""
    here = fingerprint()
    prints = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), str(ROOT)]))
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from tests.test_determinism import fingerprint as f; print(f())",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        prints.add(done.stdout.strip())
    assert prints == {here}


def test_eight_threads_building_one_report_at_once_equal_one_build() -> None:
    """Eight threads started together on shared inputs each get the single-thread report."""
    calls, managers, cards, flt = account()
    index = ca.CardIndex(cards)
    expected = ca.build_report(calls, managers, cards=index, filter=flt, now=NOW)
    start = threading.Barrier(8)

    def build(_: int) -> ca.CallsReport:
        start.wait()
        return ca.build_report(iter(calls), managers, cards=index, filter=flt, now=NOW)

    with ThreadPoolExecutor(max_workers=8) as pool:
        reports = list(pool.map(build, range(8)))
    assert all(report == expected for report in reports)
    assert all(report.to_dicts() == expected.to_dicts() for report in reports)
