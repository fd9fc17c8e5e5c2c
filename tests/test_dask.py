"""Dask: the report of a Dask DataFrame or Bag is the in-process report (R11, R26, R28)."""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import attrs
import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from dask.base import compute as dask_compute
from dask.delayed import delayed
from distributed import Client, LocalCluster, get_task_stream
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._engines import dask as engine
from callanalytics._engines.detect import is_dask, is_frame
from callanalytics._rules.routing import Routing
from tests import strategies as cst
from tests.builders import AT
from tests.test_frames import polars_frame


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """A local cluster of two worker processes, one thread each, for the whole module."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


def frame_of(calls: list[ca.Call], partitions: int) -> Any:
    """The calls as a Dask DataFrame, in their order, cut into *partitions* partitions."""
    return dd.from_pandas(polars_frame(calls).to_pandas(), npartitions=partitions, sort=False)


@attrs.frozen
class Realistic:
    """An account with every case: cards, a shared phone, unknown managers, duplicates."""

    calls: list[ca.Call]
    options: dict[str, Any]
    duplicates: int


def realistic() -> Realistic:
    """The sample account, a company sharing a contact's number, and resent calls.

    The last 40 calls resend calls of the first ones (another partition), and call 10 is sent
    twice in a row (the same partition): 41 duplicates.
    """
    account = ca.sample_account(1_200, seed=3)
    contact = next(c for c in account.cards if c.entity_type is ca.EntityType.CONTACT and c.phones)
    shared = ca.Card(90_001, "companies", phones=contact.phones[:1])
    calls = list(account.calls)
    calls.insert(11, calls[10])
    calls += [attrs.evolve(c, duration=c.duration + 1) for c in calls[:80:2]]  # other figures
    options: dict[str, Any] = {
        "managers": account.managers,
        "cards": (*account.cards, shared),
        "now": account.now,
    }
    return Realistic(calls, options, 41)


WIDE = ca.Filter(
    period=ca.Period.days(date(2026, 10, 1), date(2026, 11, 30), tz=ca.SAMPLE_TZ),
    min_duration=1,
    directions=[ca.Direction.INCOMING, ca.Direction.OUTGOING],
)


def test_r26_a_cluster_of_two_worker_processes_reports_exactly_the_in_process_report(
    client: Client,
) -> None:
    """Rows, total, average, unassigned, every exclusion and the ties, on two processes."""
    data = realistic()
    expected = ca.build_report(data.calls, **data.options)
    assert expected.excluded[ca.Exclusion.DUPLICATE] == data.duplicates  # by construction
    assert expected.ties > 0
    assert expected.excluded[ca.Exclusion.UNKNOWN_MANAGER] > 0
    frame = frame_of(data.calls, 6)
    with dask.config.set(scheduler=client.get), get_task_stream(client) as stream:
        report = ca.build_report(frame, **data.options)
        bagged = ca.build_report(db.from_sequence(data.calls, npartitions=5), **data.options)
        filtered = ca.build_report(frame, filter=WIDE, **data.options)
    assert report == expected
    assert (report.tally, report.ties, report.calls) == (expected.tally, expected.ties, 1241)
    assert bagged == expected
    assert filtered == ca.build_report(data.calls, filter=WIDE, **data.options)
    assert filtered.excluded[ca.Exclusion.DURATION] > 0
    workers = {task["worker"] for task in stream.data if "callanalytics" in str(task["key"])}
    assert workers
    assert workers <= set(client.scheduler_info()["workers"])


def test_r28_without_duplicates_the_ids_are_not_read_first(client: Client) -> None:
    """duplicates=False skips the pass over the ids: resent calls count twice, as in-process."""
    data = realistic()
    frame = frame_of(data.calls, 4)
    with dask.config.set(scheduler=client.get):
        report = ca.build_report(frame, duplicates=False, **data.options)
    assert report == ca.build_report(data.calls, duplicates=False, **data.options)
    assert report.excluded[ca.Exclusion.DUPLICATE] == 0


def test_r28_the_first_of_an_id_is_the_first_in_partition_order() -> None:
    """Of calls sharing an id in partitions 0, 1 and 2, the one in partition 0 counts."""
    base = ca.Call("u1", "inbound", AT, 10, manager_id=1, card_id=1, entity_type="contacts")
    calls = [
        attrs.evolve(base, id="x"),
        base,
        attrs.evolve(base, id="y"),
        attrs.evolve(base, duration=20),
        attrs.evolve(base, duration=30),
        attrs.evolve(base, id="y", duration=40),
    ]
    managers = [ca.Manager(1, "Anna")]
    with dask.config.set(scheduler="synchronous"):
        for collection in (frame_of(calls, 3), db.from_sequence(calls, npartitions=3)):
            report = ca.build_report(collection, managers)
            assert report.row(1).incoming_duration == 10 + 10 + 10  # x, u1 (first), y (first)
            assert report.excluded[ca.Exclusion.DUPLICATE] == 3


@st.composite
def accounts(draw: st.DrawFn) -> tuple[dict[str, Any], list[ca.Call], int]:
    """Generated accounts, their calls with some resent at random places, and partitions."""
    managers = draw(cst.managers())
    flt, calls = draw(cst.filter_and_calls(tuple(m.id for m in managers)))
    for original in draw(st.lists(st.sampled_from(calls), max_size=4)) if calls else []:
        calls.insert(draw(st.integers(0, len(calls))), original)
    options = {
        "managers": managers,
        "cards": draw(st.none() | cst.cards),
        "filter": draw(st.none() | st.just(flt)),
        "now": draw(st.none() | st.just(cst.NOW)),
        "grace": draw(st.sampled_from([ca.GRACE_WINDOW, timedelta(0)])),
        "unsorted_incoming": draw(st.booleans()),
    }
    return options, calls, draw(st.integers(1, 4))


@settings(max_examples=15, deadline=None)
@given(accounts())
def test_r11_a_dask_report_equals_the_object_report(
    account: tuple[dict[str, Any], list[ca.Call], int],
) -> None:
    """On generated accounts, a Dask DataFrame and a Bag report what their calls report."""
    options, calls, partitions = account
    expected = ca.build_report(calls, **options)
    with dask.config.set(scheduler="synchronous"):
        assert ca.build_report(frame_of(calls, partitions), **options) == expected
        bag = db.from_sequence(calls, npartitions=partitions) if calls else db.from_delayed([])
        assert ca.build_report(bag, **options) == expected


def test_r1_frame_columns_are_checked_before_anything_runs() -> None:
    """A missing column, a renamed one, or a column of the wrong type: the field is named."""
    calls = [ca.Call("a", "inbound", AT, 5, manager_id=1, card_id=1, entity_type="contacts")]
    pandas = polars_frame(calls).to_pandas().rename(columns={"duration": "seconds"})
    frame = dd.from_pandas(pandas, npartitions=1)
    with pytest.raises(ca.InvalidValueError, match="must have the column 'duration'"):
        ca.build_report(frame, [ca.Manager(1, "Anna")])
    report = ca.build_report(frame, [ca.Manager(1, "Anna")], columns={"seconds": "duration"})
    assert report.row(1).incoming_duration == 5
    renamed = dd.from_pandas(pandas.rename(columns={"id": "uniq"}), npartitions=2)
    both = ca.build_report(renamed, [], columns={"uniq": "id", "seconds": "duration"})
    assert both.excluded[ca.Exclusion.UNKNOWN_MANAGER] == 1
    text = dd.from_pandas(pandas.assign(seconds=pandas["seconds"].astype(str)), npartitions=1)
    with pytest.raises(ca.InvalidTypeError, match="'duration' must hold whole numbers"):
        ca.build_report(text, [], columns={"seconds": "duration"})


def test_r1_a_bad_row_in_a_partition_is_an_error_naming_the_field() -> None:
    """A row no call could hold, in any partition, is the columnar engine's error."""
    calls = [ca.Call(f"c{i}", "inbound", AT, 5) for i in range(4)]
    pandas = polars_frame(calls).to_pandas()
    pandas.loc[3, "duration"] = -5
    with (
        dask.config.set(scheduler="synchronous"),
        pytest.raises(ca.InvalidValueError, match=r"'duration' must be a whole number .*got -5"),
    ):
        ca.build_report(dd.from_pandas(pandas, npartitions=2, sort=False), [])


def test_r1_a_bag_holds_calls_and_takes_no_columns() -> None:
    """A Bag item that is not a call names 'calls'; columns= has no meaning for a Bag."""
    with (
        dask.config.set(scheduler="synchronous"),
        pytest.raises(ca.InvalidTypeError, match="'calls' must hold Call objects"),
    ):
        ca.build_report(db.from_sequence([ca.Call("a", "inbound", AT, 5), 7], npartitions=2), [])
    with pytest.raises(ca.InvalidValueError, match="'columns' must be None for a Dask Bag"):
        ca.build_report(db.from_sequence([]), [], columns={"uniq": "id"})


def test_r1_a_dask_collection_that_holds_no_calls_is_a_type_error() -> None:
    """A Dask Series (or an array) is not calls: the error names the field and the type."""
    series = frame_of([ca.Call("a", "inbound", AT, 5)], 1)["id"]
    assert is_dask(series)
    with pytest.raises(ca.InvalidTypeError, match="'calls' must be a Dask DataFrame or a Dask"):
        ca.build_report(series, [])


def test_dask_collections_are_told_apart_without_importing_dask() -> None:
    """Detection reads the type's module: a plain value never imports Dask."""
    assert is_dask(db.from_sequence([1]))
    assert is_frame(db.from_sequence([1]))
    assert not is_dask(pd.DataFrame())
    assert not is_dask(dask)
    assert not is_dask([])
    assert not is_dask(None)


def test_dask_needs_the_dask_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without dask.dataframe, the error names the extra to install."""
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ca.MissingExtraError, match=r"callanalytics\[dask\]"):
        engine.tally_of_dask(Routing([]), db.from_sequence([]))


def last_seven(phone: str) -> str:
    """A host's own phone key: the last seven characters."""
    return phone[-7:]


def test_r7_the_settings_travel_and_the_routing_is_rebuilt_once() -> None:
    """Pickled, the routing's settings become the same routing (cards, ties, filter, key)."""
    cards = [
        ca.Card(2, "companies", phones=["+7 912 345-67-89"]),
        ca.Card(9, "contacts", phones=["8 912 345 67 89"]),
        ca.Card(4, "contacts", phones=["+7 495 111-22-33"]),
    ]
    flt = ca.Filter(min_duration=1)
    flt.steps()  # the filter's cached steps do not pickle; the settings leave them out
    routing = Routing([ca.Manager(1, "Anna")], cards=ca.CardIndex(cards, key=last_seven),
                      filter=flt, now=AT, duplicates=False)  # fmt: skip
    shipped = engine.Shipped(routing)
    assert shipped.routing is routing  # in the client's process: the routing itself
    there = pickle.loads(pickle.dumps(shipped))
    rebuilt = there.routing
    assert rebuilt is not routing
    assert there.routing is rebuilt
    assert rebuilt.difference(routing) is None
    assert engine.Settings.of(Routing([])).cards is None


def test_the_routing_is_one_object_of_the_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings are one key every partition task depends on, not a copy per task."""
    graphs: list[Any] = []

    def compute(*values: Any) -> Any:
        graphs.append(dict(values[0].__dask_graph__()))
        return dask_compute(*values, scheduler="synchronous")

    monkeypatch.setattr(engine, "_dask", lambda: (_Spy(compute), db, dd))
    calls = [ca.Call(f"c{i}", "inbound", AT, 5) for i in range(40)]
    ca.build_report(frame_of(calls, 20), [], cards=[ca.Card(1, "contacts", phones=["204"])])
    (graph,) = graphs
    keys = [key for key in graph if str(key).startswith("callanalytics-routing-")]
    assert len(keys) == 1
    tasks = [str(key).partition("-")[0] for key in graph]
    assert tasks.count("tally_of_partition") == 20  # each depends on that one key
    # 20 partition tallies merged 8 at a time: 3 merges, then 1.
    assert tasks.count("merge_tallies") == 4
    # The ids of each partition cut into 20 buckets; each bucket's 20 shares merged likewise.
    assert tasks.count("ids_of") == 20
    assert tasks.count("merge_firsts") == 20 * 4
    assert tasks.count("repeated_ids") == 20
    assert tasks.count("all_repeated") == 1


def test_r28_equal_ids_fall_in_the_same_bucket_in_every_process() -> None:
    """The buckets come from the ids' text by a hash that is not salted per process."""
    ids = [f"call-{i}" for i in range(200)]
    script = (
        "from callanalytics._engines.dask import ids_of\n"
        f"parts = ids_of({ids!r}, 0, 7)\n"
        "print([sorted(first) for first, _ in parts])"
    )
    printed = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(printed) == 1
    parts = engine.ids_of(ids, 3, 7)
    assert sorted(i for first, _ in parts for i in first) == sorted(ids)  # each once
    assert all(len(first) > 0 and set(first.values()) == {3} for first, _ in parts)
    assert [sorted(first) for first, _ in parts] == ast.literal_eval(printed.pop())


def test_r28_ids_that_are_not_ids_are_left_to_the_partitions_tally() -> None:
    """An id whose text fails, or a list, is refused with its field by the columnar engine."""

    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no text")

        def __repr__(self) -> str:
            return "<broken>"

    assert engine.ids_of(["a", Broken()], 0, 3) == (({}, set()),) * 3
    kept = engine.ids_of([None, "a", float("nan"), pd.NA, " "], 4, 1)
    assert kept == (({"a": 4}, set()),)  # absent ids repeat nothing
    assert engine.ids_of(["a", ["b"]], 0, 2) == (({}, set()),) * 2
    base = ca.Call("a", "inbound", AT, 10, manager_id=1, card_id=1, entity_type="contacts")
    frame = polars_frame([base, base]).to_pandas()
    frame["id"] = pd.Series(["a", ["b"]], dtype=object)
    with (
        dask.config.set({"scheduler": "synchronous", "dataframe.convert-string": False}),
        pytest.raises(ca.CallAnalyticsError) as error,
    ):
        ca.build_report(dd.from_pandas(frame, npartitions=2, sort=False), [ca.Manager(1, "A")])
    assert "'id'" in str(error.value)


class _Spy:
    """Dask, with ``compute`` replaced."""

    def __init__(self, spy: Any) -> None:
        self.compute = spy
        self.delayed = delayed


def test_r26_a_tally_travels_with_plain_pickle() -> None:
    """A partial tally pickles (a Spark executor's serializer is pickle) and stays equal."""
    tally = ca.Tally(
        {(1, "mon"): ca.Figures.of(incoming=2, incoming_duration=61)},
        {ca.Exclusion.DUPLICATE: 1},
        ties=1,
        dimensions=("day",),
    )
    assert pickle.loads(pickle.dumps(tally)) == tally


def test_r34_the_analyses_of_a_dask_collection_ask_for_it_computed() -> None:
    """A trend's buckets are not counted on Dask yet: the error says so, naming 'calls'."""
    calls = [ca.Call("a", "inbound", AT, 5, manager_id=1, card_id=1, entity_type="contacts")]
    frame = dd.from_pandas(polars_frame(calls).to_pandas(), npartitions=1)
    period = ca.Period.preset("this_month", now=AT, tz="UTC")
    with pytest.raises(ca.InvalidValueError, match="'calls' must be counted by manager only"):
        ca.trend(frame, [ca.Manager(1, "Anna")], every="day", period=period, tz="UTC")
