"""The table of public entry points the fuzz suite calls with hostile arguments.

One :class:`Entry` per entry point: a name, a strategy of (mostly hostile) arguments and a
call that uses them to the end (a reader is read, a report is shown). To cover a new entry
point, add one line to :data:`ENTRIES`, usually ``Entry("name", mutated(VALID), call)``.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import math
import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
from hypothesis import reject
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._cli.main import main
from tests.fuzz.hostile import BrokenRepr, absent, datetimes, hostile, mutated, numbers, texts

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@attrs.frozen
class Entry:
    """An entry point: *call* is given one example of *arguments*."""

    name: str
    arguments: st.SearchStrategy[Any]
    call: Callable[[Any], object]
    weight: float = 1.0
    """The share of the run's examples this entry gets (slow ones less)."""


# ---------------------------------------------------------------------------------------------
# Valid arguments, from which the hostile ones are mutated.

CALL: dict[str, Any] = {
    "id": "c1",
    "direction": "inbound",
    "started_at": AT,
    "duration": 185,
    "phone": "+7 912 345-67-89",
    "manager_id": 1,
    "card_id": 12,
    "entity_type": "contacts",
    "status": 4,
    "result": "",
    "source": "PBX",
    "recording_url": None,
    "via_app": False,
    "wait": None,
}
CARD: dict[str, Any] = {
    "id": 12,
    "entity_type": "contacts",
    "name": "Acme",
    "phones": ["+7 912 345-67-89"],
    "manager_id": 1,
}
MANAGER: dict[str, Any] = {"id": 1, "name": "Anna", "group": "Sales", "active": True}
FILTER: dict[str, Any] = {
    "period": None,
    "entity_types": ["contacts"],
    "manager_ids": [1],
    "min_duration": 0,
    "max_duration": 1000,
    "statuses": [4],
    "directions": ["inbound"],
}
API: dict[str, Any] = {
    "direction": "inbound",
    "uniq": "8f52d38a",
    "duration": 3725,
    "source": "onlinePBX",
    "link": "https://rec.example/8f52.mp3",
    "phone": "+7 912 345-67-89",
    "call_result": "Agreed",
    "call_status": 4,
    "call_responsible": 504141,
    "created_by": 504142,
    "created_at": 1767261600,
}
NOTE_PARAMS: dict[str, Any] = {
    "uniq": "n-1",
    "duration": 65,
    "source": "Zadarma",
    "link": "https://rec.example/n1.mp3",
    "phone": "89123456789",
    "call_status": 6,
    "call_result": "",
}
NOTE: dict[str, Any] = {
    "id": 42,
    "entity_id": 1001,
    "created_by": 0,
    "responsible_user_id": 504141,
    "created_at": 1767261600,
    "note_type": "call_out",
}
SIP: dict[str, Any] = {
    "uniq": "a1fe",
    "duration": 54,
    "link": "https://example.com/a1.mp3",
    "phone": 79998888856,
    "called_at": 1510261200,
    "from": "onlinePBX",
    "call_responsible": 504141,
}
RECORD: dict[str, Any] = {
    "id": "r1",
    "direction": "outbound",
    "started_at": "2026-11-02T10:00:00+03:00",
    "duration": "0:01:05",
    "manager_id": 1,
    "card_id": 12,
    "entity_type": "contacts",
    "status": "да",
}

zone_names = st.sampled_from(["UTC", "Europe/Berlin", "Nope/Zone", "../../etc/passwd", ""])
wrong_keys = st.sampled_from([lambda p: 5, lambda p: None, lambda p: b"x", lambda p: [p], "key"])


def calls(**changes: Any) -> st.SearchStrategy[ca.Call]:
    """Valid calls with a few ids, managers and cards, so that duplicates and ties occur."""
    return st.builds(
        lambda n, m, d, s, card: ca.Call(
            **{
                **CALL,
                "id": f"c{n}",
                "manager_id": m,
                "duration": d,
                "status": s,
                "card_id": card,
                "entity_type": None if card is None else "contacts",
                **changes,
            }
        ),
        st.integers(0, 3),
        st.one_of(st.none(), st.integers(1, 3)),
        st.integers(0, 10**6),
        st.one_of(st.none(), st.integers(1, 7)),
        st.one_of(st.none(), st.just(12)),
    )


names = texts.filter(lambda t: t.encode("utf-8", "surrogatepass").decode("utf-8", "replace") == t)
"""Texts a manager can be named: Unicode text (a lone surrogate is refused, R3)."""

managers = st.lists(
    st.builds(
        ca.Manager,
        id=st.integers(1, 3),
        name=st.one_of(st.just("Anna"), names.filter(lambda t: t.strip() != "")),
        group=st.one_of(st.none(), names),
        active=st.booleans(),
    ),
    max_size=4,
    unique_by=lambda manager: manager.id,
)
filters = st.builds(
    ca.Filter,
    entity_types=st.none() | st.just(["companies"]),
    manager_ids=st.none() | st.just([1, 2]),
    min_duration=st.none() | st.integers(0, 100),
    statuses=st.none() | st.just([4, 6]),
)
call_lists = st.lists(st.one_of(calls(), calls(), hostile()), max_size=5)
reports = st.builds(
    lambda c, m: ca.build_report(c, m, now=NOW), st.lists(calls(), max_size=6), managers
)


def kwargs_of(entry: Callable[..., object]) -> Callable[[Mapping[str, Any]], object]:
    return lambda arguments: entry(**arguments)


# ---------------------------------------------------------------------------------------------
# Calls that use a result to the end.


def read_all(arguments: Mapping[str, Any]) -> object:
    reader = ca.calls_from_records(**arguments)
    found = list(reader)
    assert reader.counts.records == reader.counts.calls + reader.counts.duplicates + (
        reader.counts.rejected + reader.counts.merged_legs + reader.counts.internal
    )
    return found, reader.rejected


def views(arguments: Mapping[str, Any]) -> object:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    report: ca.CallsReport = arguments["report"]
    lang = arguments["lang"]
    shown = (
        report.to_dicts(lang=lang),
        report.table(lang=lang),
        report.to_html(lang=lang),
        report.to_pandas(lang=lang),
        report.chart(),
    )
    try:
        report.plot(metric=arguments["metric"], lang=lang)
    finally:
        plt.close("all")
    return shown


def report_methods(arguments: Mapping[str, Any]) -> object:
    report: ca.CallsReport = arguments["report"]
    done: list[object] = []
    for method, value in arguments["calls"]:
        if method == "row":
            done.append(report.row(value))
        elif method == "merge":
            done.append(report.merge(value))
        elif method == "explain":
            done.append(report.explain(value))
        elif method == "update":
            done.append(report.update(value))
        else:
            done.append(report.add(value))
    return done


def live(arguments: Mapping[str, Any]) -> object:
    report = ca.LiveReport(**arguments["init"])
    for method, call in arguments["operations"]:
        getattr(report, method)(call)
    return report.report().to_dicts()


datetimes_near_now = st.datetimes(timezones=st.just(UTC)).map(lambda d: d.replace(year=2026))


def period_method(arguments: tuple[ca.Period, str, Any]) -> object:
    period, method, value = arguments
    if method == "previous":
        return period.previous()
    return value in period


def run_cli(arguments: Mapping[str, Any]) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"calls.{arguments['suffix']}"
        path.write_bytes(arguments["content"])
        argv = ["report", str(path), "--now", "2026-11-20T12:00:00+00:00", *arguments["options"]]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    assert code in (0, 1, 2), code
    assert "Traceback" not in err.getvalue()
    return code


def json_values() -> st.SearchStrategy[Any]:
    scalar = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=6)
    )
    return st.recursive(
        scalar,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
        max_leaves=8,
    )


def cli_content() -> st.SearchStrategy[bytes]:
    header = "id,direction,started_at,duration,manager_id,card_id,entity_type,status,phone\n"
    cell = st.one_of(texts.filter(lambda t: len(t) < 100), st.sampled_from(["", "1", "inbound"]))
    row = st.lists(cell, min_size=0, max_size=11).map(
        lambda cells: ",".join(c.replace("\n", " ") for c in cells)
    )
    csv_text = st.lists(row, max_size=4).map(lambda rows: header + "\n".join(rows))
    records = st.lists(
        st.fixed_dictionaries({}, optional={k: json_values() | hostile_json for k in CALL}),
        max_size=3,
    )
    return st.one_of(
        st.binary(max_size=200),
        csv_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        records.map(lambda r: json.dumps(r).encode()),
        records.map(lambda r: "\n".join(json.dumps(x) for x in r).encode()),
        json_values().map(lambda v: json.dumps(v).encode()),
        st.just(b'{"a": ' * 10_000),
        st.just(('[{"id": "\\ud800", "duration": 1' + "0" * 5000 + "}]").encode()),
    )


def read_source(arguments: Mapping[str, Any]) -> object:
    """``read_calls`` of bytes as a file, read to the end."""
    options = dict(arguments)
    content = options.pop("content")
    if isinstance(content, bytes | str):  # the content, never a path of this machine
        source: Any = io.BytesIO(content) if isinstance(content, bytes) else io.StringIO(content)
    else:
        source = content
    reader = ca.read_calls(source, **options)
    return list(reader), reader.counts


def read_pbx_text(arguments: Mapping[str, Any]) -> object:
    """``read_pbx`` of text as a stream, read to the end."""
    options = dict(arguments)
    content = options.pop("content")
    stream = io.StringIO(content) if isinstance(content, str) else content
    reader = ca.read_pbx(stream, **options)
    return list(reader), reader.counts


def webhook(body: object) -> object:
    """Every call note of a webhook body, each read."""
    return [
        ca.call_from_webhook_note(fields, entity=entity)
        for entity, fields in ca.webhook_notes(body)
    ]


def analysis(function: Callable[..., Any]) -> Callable[[Mapping[str, Any]], object]:
    """An analysis, shown as a table and as records: used to the end."""

    def call(arguments: Mapping[str, Any]) -> object:
        result = function(**arguments)
        return result.table(), result.to_dicts()

    return call


def groups(report: ca.CallsReport) -> object:
    result = report.by_group()
    return result.table(), result.to_dicts(), result.to_html()


# ---------------------------------------------------------------------------------------------
# Dask collections: a frame of hostile columns cut into partitions, on the synchronous scheduler.

frame_cells = st.one_of(
    absent,
    numbers,
    texts,
    datetimes,
    st.dates(),
    st.sampled_from([b"bytes", timedelta(-1), BrokenRepr(), object(), [1], {"a": 1}]),
    st.sampled_from([*ca.Direction, *ca.EntityType, *ca.CallStatus]),
)
"""What an object column of a host's frame may hold."""

TYPED_COLUMNS: list[Callable[[int], pd.Series[Any]]] = [
    lambda n: pd.Series([math.nan, 1.5, math.inf, 2.0][:n] + [1.0] * (n - 4), dtype="float64"),
    lambda n: pd.Series([pd.NA, 2**62, -1][:n] + [1] * (n - 3), dtype="Int64"),
    lambda n: pd.Series([2**64 - 1] * n, dtype="uint64"),
    lambda n: pd.Series([pd.NA, "x", "inbound"][:n] + ["1"] * (n - 3), dtype="string"),
    lambda n: pd.Series([pd.Timestamp("2026-11-02 09:30")] * n),  # naive
    lambda n: pd.Series([pd.Timestamp("2026-03-29 01:30Z").tz_convert("Europe/Berlin")] * n),
    lambda n: pd.Series([pd.NaT] * n, dtype="datetime64[ns, UTC]"),
    lambda n: pd.Series([timedelta(seconds=65)] * n),
    lambda n: pd.Series([True, False] * n, dtype="bool")[:n],
    lambda n: pd.Series(["contacts", "leads"] * n, dtype="category")[:n],
    lambda n: pd.Series([-5] * n, dtype="int64"),
]
"""Columns of a type no field of a call has, or of values a field refuses, typed."""


def valid_frame_column(name: str, n: int) -> pd.Series[Any]:
    """*n* valid values of the call field *name*: ids repeat, so duplicates cross partitions."""
    if name == "id":
        return pd.Series([f"c{i % 3}" for i in range(n)], dtype=object)
    if name == "started_at":
        return pd.Series([pd.Timestamp(AT) + timedelta(minutes=i) for i in range(n)])
    if name == "direction":
        return pd.Series([("inbound", "outbound")[i % 2] for i in range(n)], dtype=object)
    if name == "manager_id":
        return pd.Series([1 + i % 2 for i in range(n)], dtype="int64")
    if name == "duration":
        return pd.Series([65 * i for i in range(n)], dtype="int64")
    return pd.Series([CALL[name]] * n, dtype="int64" if name in ("card_id", "status") else object)


FRAME_FIELDS = ["id", "direction", "started_at", "duration", "manager_id", "card_id"]
FRAME_FIELDS += ["entity_type", "status", "phone"]


@st.composite
def host_frames(draw: st.DrawFn) -> pd.DataFrame:
    """A pandas frame of calls whose columns are valid, hostile, of a wrong type, or missing."""
    n = draw(st.integers(0, 5))
    broken = draw(st.sets(st.sampled_from(FRAME_FIELDS), max_size=3))  # the rest are valid
    columns: dict[Any, pd.Series[Any]] = {}
    for name in FRAME_FIELDS:
        kind = draw(st.sampled_from(["cells", "typed", "missing"])) if name in broken else "valid"
        if kind == "valid":
            columns[name] = valid_frame_column(name, n)
        elif kind == "cells":
            cells = draw(st.lists(frame_cells, min_size=n, max_size=n))
            columns[name] = pd.Series(cells, dtype=object)
        elif kind == "typed":
            columns[name] = draw(st.sampled_from(TYPED_COLUMNS))(n)
    extra = st.sampled_from(["extra", 5, "wait", "via_app", "source", "Id", "", None])
    for other in draw(st.lists(extra, max_size=2, unique=True)):
        cells = draw(st.lists(frame_cells, min_size=n, max_size=n))
        columns[other] = pd.Series(cells, dtype=object)
    return pd.DataFrame({name: column.reset_index(drop=True) for name, column in columns.items()})


def dask_frame(frame: pd.DataFrame, cuts: list[int], npartitions: int) -> Any:
    """*frame* as a Dask DataFrame: ``npartitions`` by Dask, or cut at *cuts* (empty parts too)."""
    import dask.dataframe as dd
    from dask.delayed import delayed

    if not cuts:
        return dd.from_pandas(frame, npartitions=npartitions, sort=False)
    bounds = [0, *sorted(min(cut, len(frame)) for cut in cuts), len(frame)]
    parts = [delayed(frame.iloc[a:b]) for a, b in itertools.pairwise(bounds)]
    return dd.from_delayed(parts, meta=frame.iloc[:0], verify_meta=False)


def sometimes_mutated(
    valid: Mapping[str, Any], extra: Mapping[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """*valid* as it is, or :func:`mutated`: an entry whose first argument is hostile already."""
    return st.just(dict(valid)) | mutated(valid, extra)


dask_layouts = st.fixed_dictionaries(
    {
        "cuts": st.lists(st.integers(0, 5), max_size=3),
        "npartitions": st.integers(1, 3),
        "strings": st.booleans(),  # Dask's dataframe.convert-string: object columns as text
    }
)


def on_dask(layout: Mapping[str, Any]) -> contextlib.AbstractContextManager[object]:
    """Dask's synchronous scheduler (deterministic, in this thread) with the layout's strings."""
    import dask

    strings = layout["strings"]
    return dask.config.set({"scheduler": "synchronous", "dataframe.convert-string": strings})


def computed(make: Callable[[], Any]) -> tuple[Any, Any]:
    """The collection *make* builds, and what it computes to; Dask's own failure is no example.

    Dask's conversions are its own: a lone surrogate fails its conversion to Arrow text. Such
    an example is rejected, so that every example counted reaches the library.
    """
    try:
        collection = make()
        return collection, collection.compute()
    except Exception:
        reject()


def in_process(function: Callable[..., Any], calls: Any, options: Mapping[str, Any]) -> Any:
    """*function* of the computed collection, which must not refuse what Dask took."""
    try:
        return function(calls, **options)
    except ca.CallAnalyticsError as error:
        msg = f"Dask took the calls, the in-process {function.__name__} refused: {error}"
        raise AssertionError(msg) from error


def dask_report(arguments: Mapping[str, Any]) -> object:
    """``build_report`` of a Dask DataFrame: the report of its computed frame, or refused."""
    layout, options = arguments["layout"], dict(arguments["options"])
    with on_dask(layout):
        calls, frame = computed(
            lambda: dask_frame(arguments["frame"], layout["cuts"], layout["npartitions"])
        )
        if arguments["cards"] is not None:
            options["cards"], _ = computed(lambda: dask_frame(arguments["cards"], [], 1))
        report = ca.build_report(calls, **options)
        expected = in_process(ca.build_report, frame, options)
    assert report == expected, (report.to_dicts(), expected.to_dicts())
    return report.table()


def dask_bag_report(arguments: Mapping[str, Any]) -> object:
    """``build_report`` of a Dask Bag: the report of its items in order, or refused."""
    import dask.bag as db
    from dask.delayed import delayed

    items, cuts, options = arguments["calls"], arguments["cuts"], arguments["options"]
    with on_dask({"strings": True}):
        bounds = [0, *sorted(min(cut, len(items)) for cut in cuts), len(items)]
        bag, _ = computed(  # Dask walks a delayed list: a list nested 2,000 deep is too deep
            lambda: db.from_delayed([delayed(items[a:b]) for a, b in itertools.pairwise(bounds)])
        )
        report = ca.build_report(bag, **options)
        expected = in_process(ca.build_report, items, options)
    assert report == expected, (report.to_dicts(), expected.to_dicts())
    return report.table()


def dask_analysis(arguments: Mapping[str, Any]) -> object:
    """An analysis of a Dask DataFrame: missed calls as of the computed frame; the others refuse."""
    layout, name = arguments["layout"], arguments["analysis"]
    options: dict[str, Any] = {"managers": arguments["managers"]}
    if name == "missed_calls":
        options["now"] = NOW
    elif name == "trend":
        options.update(every="day", period=ca.Period.preset("this_month", now=NOW, tz="UTC"))
    if name in ("trend", "heatmap"):
        options["tz"] = "Europe/Berlin"
    if name == "split_hours":
        options["hours"] = ca.BusinessHours.weekdays("09:00", "18:00", tz="Europe/Berlin")
    function = getattr(ca, name)
    with on_dask(layout):
        calls, frame = computed(
            lambda: dask_frame(arguments["frame"], layout["cuts"], layout["npartitions"])
        )
        result = function(calls, **options)
        expected = in_process(function, frame, options)
    assert name == "missed_calls", f"{name} took a Dask DataFrame"
    assert result.to_dicts() == expected.to_dicts()
    return result.table()


CARD_FIELDS = ("id", "entity_type", "phone", "name", "manager_id")


@st.composite
def host_card_frames(draw: st.DrawFn) -> pd.DataFrame:
    """A pandas frame of card phones whose columns are valid, hostile, typed or missing."""
    n = draw(st.integers(0, 3))
    valid = {"id": 12, "entity_type": "contacts", "phone": "+7 912 345-67-89", "name": "Acme"}
    columns: dict[str, pd.Series[Any]] = {}
    broken = draw(st.sets(st.sampled_from(CARD_FIELDS), max_size=2))
    for name in CARD_FIELDS:
        kind = draw(st.sampled_from(["cells", "typed", "missing"])) if name in broken else "valid"
        if kind == "valid":
            columns[name] = pd.Series([valid.get(name, 1)] * n, dtype=object)
        elif kind == "cells":
            cells = draw(st.lists(frame_cells, min_size=n, max_size=n))
            columns[name] = pd.Series(cells, dtype=object)  # pandas' own text refuses surrogates
        elif kind == "typed":
            columns[name] = draw(st.sampled_from(TYPED_COLUMNS))(n)
    return pd.DataFrame({name: column.reset_index(drop=True) for name, column in columns.items()})


hostile_json = st.sampled_from(["\ud800", "٣", "1" * 5000, "-1", "2026-13-45", "00:99:00"])

# ---------------------------------------------------------------------------------------------
# The table.

ENTRIES: list[Entry] = [
    Entry("Call", mutated(CALL), kwargs_of(ca.Call)),
    Entry("Card", mutated(CARD), kwargs_of(ca.Card)),
    Entry("Manager", mutated(MANAGER), kwargs_of(ca.Manager)),
    Entry("Tariff", mutated({"name": "T", "features": ["calls_report"]}), kwargs_of(ca.Tariff)),
    Entry("Period", mutated({"start": AT, "end": NOW}), kwargs_of(ca.Period)),
    Entry(
        "Period.preset",
        mutated({"name": "this_week", "now": NOW, "tz": "Europe/Berlin"}, {"tz": zone_names}),
        kwargs_of(ca.Period.preset),
    ),
    Entry(
        "Period.days",
        mutated(
            {"first": date(2026, 3, 1), "last": date(2026, 3, 31), "tz": "Europe/Berlin"},
            {"tz": zone_names, "first": st.dates(), "last": st.dates()},
        ),
        kwargs_of(ca.Period.days),
    ),
    Entry("Filter", mutated(FILTER), kwargs_of(ca.Filter)),
    Entry(
        "Filter.from_query",
        mutated(
            {"query": {"period": "today", "managers": "1,2"}, "now": NOW, "tz": "UTC"},
            {
                "query": st.dictionaries(
                    st.sampled_from(["period", "from", "to", "entity", "managers", "statuses"])
                    | st.sampled_from(["min_duration", "max_duration", "direction"])
                    | texts,
                    texts | st.lists(texts, max_size=3) | hostile(),
                    max_size=4,
                ),
                "tz": zone_names,
            },
        ),
        kwargs_of(ca.Filter.from_query),
    ),
    Entry(
        "Filter.matches",
        st.tuples(filters, st.just(ca.Call(**CALL)) | calls() | hostile()),
        lambda a: a[0].matches(a[1]),
    ),
    Entry("format_hms", mutated({"seconds": 3725}), kwargs_of(ca.format_hms)),
    Entry("parse_hms", mutated({"text": "01:02:05"}, {"text": texts}), kwargs_of(ca.parse_hms)),
    Entry("ceil_average", mutated({"total": 7, "count": 2}), kwargs_of(ca.ceil_average)),
    Entry(
        "normalize_phone", mutated({"raw": "+7 912"}, {"raw": texts}), kwargs_of(ca.normalize_phone)
    ),
    Entry(
        "e164_key",
        mutated({"default_region": "RU", "phone": "+7 912 345-67-89"}, {"phone": texts}),
        lambda a: ca.e164_key(a["default_region"])(a["phone"]),
    ),
    Entry(
        "match_calls",
        mutated(
            {
                "calls": [ca.Call(**{**CALL, "card_id": None, "entity_type": None})],
                "cards": [ca.Card(**CARD)],
                "now": NOW,
                "unsorted_incoming": True,
                "grace": timedelta(hours=18),
                "key": ca.normalize_phone,
            },
            {"calls": call_lists, "key": wrong_keys},
        ),
        kwargs_of(ca.match_calls),
    ),
    Entry(
        "CardIndex",
        mutated({"cards": [ca.Card(**CARD)], "key": ca.normalize_phone}, {"key": wrong_keys}),
        kwargs_of(ca.CardIndex),
    ),
    Entry(
        "is_available",
        mutated({"tariff": ca.BASE, "feature": "calls_report"}),
        kwargs_of(ca.is_available),
    ),
    Entry(
        "build_report",
        mutated(
            {
                "calls": [ca.Call(**CALL)],
                "managers": [ca.Manager(**MANAGER)],
                "cards": None,
                "filter": None,
                "tariff": ca.PROFESSIONAL,
                "now": NOW,
                "grace": timedelta(hours=18),
                "unsorted_incoming": True,
                "key": ca.normalize_phone,
                "duplicates": True,
                "columns": None,
            },
            {"calls": call_lists, "managers": managers, "key": wrong_keys},
        ),
        kwargs_of(ca.build_report),
    ),
    Entry(
        "events_list",
        mutated({"calls": [ca.Call(**CALL)], "filter": None}, {"calls": call_lists}),
        kwargs_of(ca.events_list),
    ),
    Entry(
        "explain",
        mutated(
            {
                "call": ca.Call(**CALL),
                "managers": [ca.Manager(**MANAGER)],
                "cards": None,
                "filter": ca.Filter(**FILTER),
                "now": NOW,
                "lang": "ru",
                "before": (),
            },
            {"managers": managers, "call": calls()},
        ),
        kwargs_of(ca.explain),
    ),
    Entry(
        "compare",
        mutated({"current": ca.build_report([], []), "previous": ca.build_report([], [])}),
        kwargs_of(ca.compare),
    ),
    Entry(
        "format_change",
        mutated({"delta": -5, "percent": -2.5, "duration": True, "lang": "ru"}),
        kwargs_of(ca.format_change),
    ),
    Entry(
        "LiveReport",
        st.fixed_dictionaries(
            {
                "init": mutated(
                    {"managers": [ca.Manager(**MANAGER)], "now": NOW, "duplicates": True},
                    {"managers": managers},
                ),
                "operations": st.lists(
                    st.tuples(st.sampled_from(["add", "remove", "replace"]), calls() | hostile()),
                    max_size=5,
                ),
            }
        ),
        live,
    ),
    Entry(
        "Tally",
        mutated({"cells": {}, "excluded": {}, "ties": 0, "dimensions": ()}),
        kwargs_of(ca.Tally),
    ),
    Entry(
        "Period methods",
        st.tuples(
            st.sampled_from(
                [
                    ca.Period(AT, NOW),
                    ca.Period.preset("this_month", now=NOW, tz="Europe/Berlin"),
                    ca.Period.days(date(2026, 3, 1), date(2026, 3, 31), tz="Europe/Berlin"),
                ]
            ),
            st.sampled_from(["previous", "contains"]),
            hostile() | datetimes_near_now,
        ),
        period_method,
    ),
    Entry("call_from_api", mutated(API), lambda a: ca.call_from_api(a)),
    Entry(
        "call_from_note",
        st.builds(lambda n, p: {**n, "params": p}, mutated(NOTE), mutated(NOTE_PARAMS)),
        lambda a: ca.call_from_note(a, entity_type="contacts"),
    ),
    Entry(
        "call_from_unsorted",
        mutated(SIP).map(lambda m: {"source_name": "PBX", "metadata": m}),
        ca.call_from_unsorted,
    ),
    Entry(
        "calls_from_records",
        mutated(
            {"records": [RECORD, RECORD], "columns": None, "tz": "Europe/Berlin"},
            {"records": st.lists(mutated(RECORD) | hostile(), max_size=3), "tz": zone_names},
        ),
        read_all,
    ),
    Entry(
        "report views",
        st.fixed_dictionaries(
            {
                "report": reports,
                "lang": st.sampled_from(["ru", "en"]) | hostile(),
                "metric": st.sampled_from(["count", "duration"]) | hostile(),
            }
        ),
        views,
        weight=0.2,
    ),
    Entry(
        "report methods",
        st.fixed_dictionaries(
            {
                "report": reports,
                "calls": st.lists(
                    st.tuples(
                        st.sampled_from(["row", "merge", "explain", "update", "add"]),
                        hostile() | calls() | reports | st.lists(calls(), max_size=2),
                    ),
                    max_size=3,
                ),
            }
        ),
        report_methods,
    ),
    Entry(
        "command line",
        st.fixed_dictionaries(
            {
                "suffix": st.sampled_from(["csv", "json", "jsonl"]),
                "content": cli_content(),
                "options": st.lists(
                    st.sampled_from(
                        [
                            "--format=csv",
                            "--format=json",
                            "--lang=ru",
                            "--tz=Europe/Berlin",
                            "--period=this_month",
                            "--min-duration=10",
                        ]
                    ),
                    max_size=3,
                    unique=True,
                ),
            }
        ),
        run_cli,
        weight=0.3,
    ),
    Entry(
        "read_calls",
        mutated(
            {
                "content": b"id,direction,started_at,duration\nc1,inbound,2026-11-02T10:00:00Z,5\n",
                "format": None,
                "encoding": None,
                "tz": "Europe/Berlin",
                "extensions": None,
                "duplicates": True,
                "managers": None,
            },
            {
                "content": cli_content(),
                "tz": zone_names,
                "format": st.sampled_from(["csv", "json", "jsonl", "amocrm", "asterisk"])
                | hostile(),
                "encoding": st.sampled_from(["utf-8", "cp1251", "utf-16"]) | hostile(),
            },
        ),
        read_source,
        weight=0.3,
    ),
    Entry(
        "read_pbx",
        mutated(
            {
                "content": '"","201","79123456789","from-internal","","SIP/201-1","SIP/trunk-2",'
                '"Dial","","2026-11-02 10:00:00","2026-11-02 10:00:05","2026-11-02 10:01:05",65,60,'
                '"ANSWERED","DOCUMENTATION"\n',
                "format": "asterisk",
                "tz": "Europe/Berlin",
                "extensions": {"201": 1},
                "duplicates": True,
            },
            {
                "content": texts,
                "tz": zone_names,
                "format": st.sampled_from(["asterisk", "freepbx", "freeswitch", "3cx"]) | hostile(),
            },
        ),
        read_pbx_text,
        weight=0.3,
    ),
    Entry(
        "webhook_notes",
        st.one_of(
            texts,
            st.dictionaries(texts, texts | hostile(), max_size=4),
            st.just("contacts[note][0][note][note_type]=10&contacts[note][0][note][text]=%7B"),
            hostile(),
        ),
        webhook,
    ),
    Entry(
        "missed_calls",
        mutated(
            {
                "calls": [ca.Call(**CALL)],
                "managers": [ca.Manager(**MANAGER)],
                "now": NOW,
                "within": timedelta(minutes=15),
                "answered": None,
                "give_up": None,
                "answer_within": timedelta(seconds=20),
                "ordered": False,
            },
            {"calls": call_lists, "managers": managers},
        ),
        analysis(ca.missed_calls),
        weight=0.3,
    ),
    Entry(
        "trend",
        mutated(
            {
                "calls": [ca.Call(**CALL)],
                "managers": [ca.Manager(**MANAGER)],
                "every": "day",
                "period": ca.Period.preset("this_month", now=NOW, tz="Europe/Berlin"),
                "tz": "Europe/Berlin",
            },
            {"calls": call_lists, "managers": managers, "tz": zone_names},
        ),
        analysis(ca.trend),
        weight=0.3,
    ),
    Entry(
        "heatmap",
        mutated(
            {
                "calls": [ca.Call(**CALL)],
                "managers": [ca.Manager(**MANAGER)],
                "tz": "Europe/Berlin",
                "hours": ca.BusinessHours.weekdays("09:00", "18:00", tz="Europe/Berlin"),
            },
            {"calls": call_lists, "managers": managers, "tz": zone_names},
        ),
        lambda a: ca.heatmap(**a).to_dicts(),
        weight=0.3,
    ),
    Entry(
        "split_hours",
        mutated(
            {
                "calls": [ca.Call(**CALL)],
                "managers": [ca.Manager(**MANAGER)],
                "hours": ca.BusinessHours.weekdays("09:00", "18:00", tz="Europe/Berlin"),
            },
            {"calls": call_lists, "managers": managers},
        ),
        analysis(ca.split_hours),
        weight=0.3,
    ),
    Entry(
        "BusinessHours",
        mutated(
            {"week": {0: [("09:00", "18:00")]}, "tz": "Europe/Berlin", "holidays": ()},
            {"tz": zone_names},
        ),
        kwargs_of(ca.BusinessHours),
    ),
    Entry("by_group", reports, groups, weight=0.3),
    Entry(
        "Dask DataFrame",
        st.fixed_dictionaries(
            {
                "frame": host_frames(),
                "layout": dask_layouts,
                "cards": st.none() | host_card_frames(),
                "options": sometimes_mutated(
                    {
                        "managers": [ca.Manager(**MANAGER), ca.Manager(2, "Boris")],
                        "now": NOW,
                        "duplicates": True,
                        "filter": None,
                        "columns": None,
                    },
                    {
                        "managers": managers,
                        "duplicates": st.booleans(),
                        "filter": filters,
                        "columns": st.sampled_from(
                            [{"id": "uniq"}, {"duration": "id"}, {5: "id"}, {"id": "id"}]
                        ),
                    },
                ),
            }
        ),
        dask_report,
        weight=0.3,
    ),
    Entry(
        "Dask Bag",
        st.fixed_dictionaries(
            {
                "calls": call_lists,
                "cuts": st.lists(st.integers(0, 5), max_size=3),
                "options": sometimes_mutated(
                    {"managers": [ca.Manager(**MANAGER)], "now": NOW, "duplicates": True},
                    {"managers": managers, "duplicates": st.booleans()},
                ),
            }
        ),
        dask_bag_report,
        weight=0.3,
    ),
    Entry(
        "Dask analyses",
        st.fixed_dictionaries(
            {
                "analysis": st.sampled_from(
                    ["missed_calls"] * 3 + ["trend", "heatmap", "split_hours"]
                ),
                "frame": host_frames(),
                "layout": dask_layouts,
                "managers": st.just([ca.Manager(**MANAGER)]) | managers,
            }
        ),
        dask_analysis,
        weight=0.2,
    ),
]
