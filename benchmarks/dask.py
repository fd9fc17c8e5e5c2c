"""(i) Dask: the report on a local cluster of two worker processes against one process.

The calls are generated inside the partitions (vectorised, deterministic per partition), so no
row travels from the client: each worker makes its partitions, counts a tally of each and sends
back a few dozen cells. Every partition after the first resends 100 calls of the one before it
(duplicates across partitions, R28), and one company shares a contact's number (ties, R7).
The one-process contenders generate the same partitions in the same process and report them
with the columnar engine, or report a frame generated beforehand; the object engine is
measured on an eighth of the calls and its figure is per call.
"""

from __future__ import annotations

from typing import Any

import callanalytics as ca
from benchmarks.common import NOW, Table, in_turns

MANAGERS = tuple(ca.Manager(1000 + i, f"Manager {i:02d}", active=i % 10 != 9) for i in range(50))
RESENT = 100
"""How many calls of the partition before each partition resends."""


def cards() -> tuple[ca.Card, ...]:
    """The sample account's cards, and a company sharing the first contact's number."""
    base = ca.sample_account(0).cards
    contact = next(c for c in base if c.entity_type is ca.EntityType.CONTACT and c.phones)
    return (*base, ca.Card(90_001, "companies", phones=contact.phones[:1]))


def partition(index: int, rows: int) -> Any:
    """Partition *index*: *rows* calls as a pandas frame, the same for the same arguments."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(index)
    ids = [f"p{index}-{i}" for i in range(rows)]
    resent = min(RESENT, rows // 2)
    if index:  # resend calls of the partition before (its own, not those it resent)
        ids[:resent] = [f"p{index - 1}-{i}" for i in range(resent, 2 * resent)]
    phones = [p for card in cards() for p in card.phones]
    has_card = rng.random(rows) < 0.75
    known_phone = rng.random(rows) < 0.6
    phone = np.where(
        known_phone, np.array(phones, dtype=object)[rng.integers(0, len(phones), rows)], "unknown"
    )
    manager = np.array([m.id for m in MANAGERS])[rng.integers(0, len(MANAGERS), rows)]
    no_manager = rng.random(rows) < 0.05
    other = rng.random(rows) < 0.01
    managers = pd.array(np.where(other, 777001, manager), dtype="Int64")
    managers[no_manager] = pd.NA
    cards_ = pd.array(rng.integers(1, 5000, rows), dtype="Int64")
    cards_[~has_card] = pd.NA
    entity = np.where(rng.random(rows) < 0.8, "contacts", "companies").astype(object)
    entity[~has_card] = None
    start = pd.Timestamp(NOW) - pd.to_timedelta(rng.integers(0, 30 * 86400, rows), unit="s")
    return pd.DataFrame(
        {
            "id": pd.Series(ids, dtype=object),
            "direction": np.where(rng.random(rows) < 0.5, "inbound", "outbound").astype(object),
            "started_at": start,
            "duration": rng.integers(0, 900, rows),
            "phone": phone,
            "manager_id": managers,
            "card_id": cards_,
            "entity_type": entity,
            "status": pd.array(np.where(rng.random(rows) < 0.7, 4, 6), dtype="Int64"),
            "via_app": rng.random(rows) < 0.02,
        }
    )


def options() -> dict[str, Any]:
    """The report's settings: the managers, the cards, "now" for the grace window."""
    return {"managers": MANAGERS, "cards": cards(), "now": NOW}


def objects_of(frame: Any) -> list[ca.Call]:
    """The rows of *frame* as `Call` objects (outside every timing)."""
    calls = []
    for row in frame.itertuples(index=False):
        card = None if row.card_id is _na() else int(row.card_id)
        calls.append(
            ca.Call(
                row.id,
                row.direction,
                row.started_at.to_pydatetime(),
                int(row.duration),
                phone=row.phone,
                manager_id=None if row.manager_id is _na() else int(row.manager_id),
                card_id=card,
                entity_type=None if card is None else row.entity_type,
                status=None if row.status is _na() else int(row.status),
                via_app=bool(row.via_app),
            )
        )
    return calls


def _na() -> Any:
    import pandas as pd

    return pd.NA


def cluster_vs_one_process(calls: int, repeat: int) -> Table:
    """(i) The report of *calls* generated in partitions: a 2-process cluster vs one process."""
    import dask
    import dask.dataframe as dd
    import pandas as pd
    import polars as pl
    from distributed import Client, LocalCluster

    parts = 16 if calls >= 1_000_000 else 4
    rows = calls // parts
    total = rows * parts
    meta = partition(0, 0)
    frame = dd.from_map(partition, range(parts), rows=rows, meta=meta, enforce_metadata=False)
    settings = options()

    def in_process() -> ca.CallsReport:
        generated = pd.concat([partition(i, rows) for i in range(parts)], ignore_index=True)
        return ca.build_report(generated, **settings)

    ready = pl.from_pandas(pd.concat([partition(i, rows) for i in range(parts)]))
    some = objects_of(pd.concat([partition(i, rows // 8) for i in range(parts)]))
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
        dask.config.set(scheduler=client.get),
    ):
        expected = ca.build_report(ready, **settings)
        assert expected.excluded[ca.Exclusion.DUPLICATE] == RESENT * (parts - 1)
        assert ca.build_report(frame, **settings) == expected
        assert in_process() == expected
        held = client.persist(frame)  # generated once, kept in the workers' memory
        assert ca.build_report(held, **settings) == expected
        medians = in_turns(
            {
                "one process: generate + report": in_process,
                "one process: report of a ready polars frame": lambda: ca.build_report(
                    ready, **settings
                ),
                "cluster: generate + report": lambda: ca.build_report(frame, **settings),
                "cluster: generate + report, duplicates=False": lambda: ca.build_report(
                    frame, duplicates=False, **settings
                ),
                "cluster: generate only (count rows)": lambda: len(frame),
                "cluster: report of a persisted frame": lambda: ca.build_report(held, **settings),
                "cluster: report of a persisted frame, duplicates=False": lambda: ca.build_report(
                    held, duplicates=False, **settings
                ),
                "one process: object engine, 1/8 of the calls": lambda: ca.build_report(
                    some, **settings
                ),
            },
            repeat,
        )
    per_object = medians.pop("one process: object engine, 1/8 of the calls") / len(some)
    table = Table(
        f"(i) Dask: {total:,} calls generated in {parts} partitions, 2 worker processes",
        "one process: generate + report",
        total,
        medians=medians,
    )
    speedup = medians["one process: generate + report"] / medians["cluster: generate + report"]
    table.notes.append(f"speed-up of the cluster, generate + report: {speedup:.2f}x")
    ready_ratio = (
        medians["cluster: generate + report"]
        / medians["one process: report of a ready polars frame"]
    )
    table.notes.append(f"cluster (generating) / one process on a ready frame: {ready_ratio:.2f}x")
    held_ratio = (
        medians["cluster: report of a persisted frame"]
        / medians["cluster: report of a persisted frame, duplicates=False"]
    )
    table.notes.append(f"the duplicates pass on a persisted frame: {held_ratio:.2f}x its report")
    table.notes.append(
        f"object engine: {per_object * 1e9:.0f} ns/call, "
        f"{per_object * total:.2f} s for {total:,} calls (measured on {len(some):,})"
    )
    return table
