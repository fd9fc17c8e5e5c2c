"""The columnar engine against the same rules written by hand in polars and in pandas.

The two references below implement the report's rules (R6–R22) directly in each library, as
a data engineer would without callanalytics: the phone key only for the calls without a card,
the cards' key table with the R7 tie rule, one reason per call in the report's order, one
group-by. Their result is checked against the library's report before anything is timed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC
from typing import Any

import callanalytics as ca
from benchmarks.common import Account, Table, account, in_turns
from benchmarks.objects import wide_filter

REASONS = tuple(ca.Exclusion)
CODE = {reason: i for i, reason in enumerate(REASONS)}
NOT_DIGITS = "[^0-9]+"


def call_columns(calls: Iterable[ca.Call]) -> dict[str, list[Any]]:
    """The calls as columns named as their fields (enums as their values)."""
    columns: dict[str, list[Any]] = {
        name: []
        for name in ("id", "direction", "started_at", "duration", "phone", "manager_id",
                     "card_id", "entity_type", "status", "via_app", "recording_url")
    }  # fmt: skip
    for c in calls:
        columns["id"].append(c.id)
        columns["direction"].append(c.direction.value)
        columns["started_at"].append(c.started_at)
        columns["duration"].append(c.duration)
        columns["phone"].append(c.phone)
        columns["manager_id"].append(c.manager_id)
        columns["card_id"].append(c.card_id)
        columns["entity_type"].append(None if c.entity_type is None else c.entity_type.value)
        columns["status"].append(None if c.status is None else int(c.status))
        columns["via_app"].append(c.via_app)
        columns["recording_url"].append(c.recording_url)
    return columns


def card_columns(cards: Iterable[ca.Card]) -> dict[str, list[Any]]:
    """One row per card phone."""
    columns: dict[str, list[Any]] = {"id": [], "entity_type": [], "phone": []}
    for card in cards:
        for phone in card.phones:
            columns["id"].append(card.id)
            columns["entity_type"].append(card.entity_type.value)
            columns["phone"].append(phone)
    return columns


# --- polars, by hand --------------------------------------------------------------------------


def ref_polars(
    calls: Any, cards: Any, data: Account, flt: ca.Filter | None, *, duplicates: bool = True
) -> dict[Any, Any]:
    """The report's aggregate in hand-written polars: {(reason code, manager): (4 sums, n)}.

    With *duplicates*, a call whose id came before is excluded as a duplicate (R28), as the
    report does by default; without, every row counts (the report's ``duplicates=False``).
    """
    import polars as pl

    def key(expr: pl.Expr) -> pl.Expr:
        return expr.str.replace_all(NOT_DIGITS, "").str.tail(10)

    preference = [pl.col("entity_type") == "companies", pl.col("id")]
    table = (
        cards.lazy()
        .select(key(pl.col("phone")).alias("key"), "entity_type", "id")
        .filter(pl.col("key") != "")
        .unique()
        .group_by("key")
        .agg(entity=pl.col("entity_type").sort_by(preference).first(), shared=pl.len() > 1)
    )
    lf = calls.lazy().with_columns(
        first=pl.col("id").is_first_distinct() if duplicates else pl.lit(True)
    )
    keep = ["first", "direction", "started_at", "duration", "manager_id", "status", "via_app"]
    own = lf.filter(pl.col("card_id").is_not_null()).select(
        *keep, pl.col("entity_type").alias("entity"), pl.lit(False).alias("tie")
    )
    loose = (
        lf.filter(pl.col("card_id").is_null())
        .with_columns(key=key(pl.col("phone")))
        .join(table, on="key", how="left")
        .select(*keep, "entity", pl.col("shared").fill_null(False).alias("tie"))
    )
    inbound = pl.col("direction") == "inbound"
    oldest = data.now.astimezone(UTC) - ca.GRACE_WINDOW
    unmatched = pl.col("entity").is_null()
    known = [m.id for m in data.managers]
    m = pl.col("manager_id")
    reason = (
        pl.when(~pl.col("first"))
        .then(CODE[ca.Exclusion.DUPLICATE])
        .when(unmatched & (pl.col("started_at") > oldest))
        .then(CODE[ca.Exclusion.PENDING])
        .when(unmatched & inbound & ~pl.col("via_app"))
        .then(CODE[ca.Exclusion.UNSORTED])
        .when(unmatched)
        .then(CODE[ca.Exclusion.NOT_SAVED])
        .when(m.is_not_null() & ~m.is_in(known))
        .then(CODE[ca.Exclusion.UNKNOWN_MANAGER])
    )
    if flt is not None:
        assert flt.period is not None
        assert flt.entity_types is not None
        assert flt.manager_ids is not None
        assert flt.statuses is not None
        start, end = flt.period.start.astimezone(UTC), flt.period.end.astimezone(UTC)
        at, d = pl.col("started_at"), pl.col("duration")
        reason = (
            reason.when((at < start) | (at >= end))
            .then(CODE[ca.Exclusion.PERIOD])
            .when(~pl.col("entity").is_in([e.value for e in flt.entity_types]).fill_null(False))
            .then(CODE[ca.Exclusion.ENTITY])
            .when(~m.is_in(list(flt.manager_ids)).fill_null(False))
            .then(CODE[ca.Exclusion.MANAGER])
            .when((d < (flt.min_duration or 0)) | (d > (flt.max_duration or 2**62)))
            .then(CODE[ca.Exclusion.DURATION])
            .when(~pl.col("status").is_in([int(s) for s in flt.statuses]).fill_null(False))
            .then(CODE[ca.Exclusion.STATUS])
        )
    d = pl.col("duration")
    out = (
        pl.concat([own, loose])
        .with_columns(reason=reason.otherwise(-1))
        .group_by("reason", "manager_id")
        .agg(
            inbound.sum().alias("i"),
            (~inbound).sum().alias("o"),
            d.filter(inbound).sum().alias("di"),
            d.filter(~inbound).sum().alias("do"),
            pl.len().alias("n"),
        )
        .collect()
    )
    return {(r[0], r[1]): r[2:] for r in out.iter_rows()}


# --- pandas, by hand --------------------------------------------------------------------------


def ref_pandas(calls: Any, cards: Any, data: Account, flt: ca.Filter | None) -> dict[Any, Any]:
    """The report's aggregate in hand-written, vectorised pandas (R28 as in `ref_polars`)."""
    import numpy as np
    import pandas as pd

    def key(phones: pd.Series) -> pd.Series:
        return phones.str.replace(NOT_DIGITS, "", regex=True).str[-10:]

    k = pd.DataFrame(
        {"key": key(cards["phone"]), "entity": cards["entity_type"], "id": cards["id"]}
    )
    k = k[k["key"] != ""].drop_duplicates()
    k["company"] = k["entity"] == "companies"
    k = k.sort_values(["key", "company", "id"])
    first = k.drop_duplicates("key").set_index("key")
    n = len(calls)
    inbound = (calls["direction"] == "inbound").to_numpy()
    loose = calls["card_id"].isna().to_numpy()
    pos = first.index.get_indexer(pd.Index(key(calls["phone"][loose])))
    found = pos >= 0
    entity = calls["entity_type"].to_numpy(dtype=object).copy()
    chosen = first["entity"].to_numpy(dtype=object)[np.where(found, pos, 0)]
    entity[loose] = np.where(found, chosen, np.array(None, dtype=object))
    unmatched = np.zeros(n, dtype=bool)
    unmatched[loose] = ~found
    m = calls["manager_id"]
    at = calls["started_at"]
    oldest = pd.Timestamp(data.now.astimezone(UTC) - ca.GRACE_WINDOW)
    via_app = calls["via_app"].to_numpy(dtype=bool)
    conditions = [
        calls["id"].duplicated(keep="first").to_numpy(),
        unmatched & (at > oldest).to_numpy(),
        unmatched & inbound & ~via_app,
        unmatched,
        (m.notna() & ~m.isin([x.id for x in data.managers])).to_numpy(dtype=bool),
    ]
    codes = [CODE[ca.Exclusion.DUPLICATE], CODE[ca.Exclusion.PENDING], CODE[ca.Exclusion.UNSORTED]]
    codes += [CODE[ca.Exclusion.NOT_SAVED], CODE[ca.Exclusion.UNKNOWN_MANAGER]]
    if flt is not None:
        assert flt.period is not None
        assert flt.entity_types is not None
        assert flt.manager_ids is not None
        assert flt.statuses is not None
        start, end = pd.Timestamp(flt.period.start), pd.Timestamp(flt.period.end)
        d = calls["duration"].to_numpy()
        conditions += [
            ~((at >= start) & (at < end)).to_numpy(),
            ~pd.Series(entity).isin([e.value for e in flt.entity_types]).to_numpy(),
            ~m.isin(list(flt.manager_ids)).to_numpy(dtype=bool),
            (d < (flt.min_duration or 0)) | (d > (flt.max_duration or 2**62)),
            ~calls["status"].isin([int(s) for s in flt.statuses]).to_numpy(dtype=bool),
        ]
        codes += [CODE[ca.Exclusion(name)] for name in ("period", "entity", "manager")]
        codes += [CODE[ca.Exclusion.DURATION], CODE[ca.Exclusion.STATUS]]
    reason = np.select(conditions, codes, default=-1)
    d = calls["duration"].to_numpy()
    frame = pd.DataFrame(
        {
            "reason": reason,
            "manager_id": m.array,
            "i": inbound.astype(np.int64),
            "o": (~inbound).astype(np.int64),
            "di": np.where(inbound, d, 0),
            "do": np.where(inbound, 0, d),
            "n": np.ones(n, dtype=np.int64),
        }
    )
    out = frame.groupby(["reason", "manager_id"], dropna=False, sort=False).sum()
    return {
        (int(r), None if pd.isna(mid) else int(mid)): tuple(int(v) for v in values)
        for (r, mid), values in zip(out.index, out.to_numpy(), strict=True)
    }


def _as_tally(aggregate: dict[Any, Any]) -> ca.Tally:
    """A reference's aggregate as a tally, to compare with the library's."""
    cells: dict[tuple[Any, ...], ca.Figures] = {}
    excluded: dict[ca.Exclusion, int] = {}
    for (code, manager), (i, o, di, do, n) in aggregate.items():
        if code == -1:
            cells[(manager,)] = ca.Figures.of(
                incoming=i, outgoing=o, incoming_duration=di, outgoing_duration=do
            )
        else:
            excluded[REASONS[code]] = excluded.get(REASONS[code], 0) + n
    return ca.Tally(cells, excluded)


def columnar_vs_hand_written(calls: int, repeat: int) -> Table:
    """(b) `build_report` on a polars and a pandas frame vs the rules by hand in each."""
    import polars as pl

    data = account(calls)
    columns = call_columns(data.calls)
    polars_calls = pl.DataFrame(columns).with_columns(pl.col("started_at").dt.cast_time_unit("us"))
    pandas_calls = polars_calls.to_pandas()
    polars_cards = pl.DataFrame(card_columns(data.cards))
    pandas_cards = polars_cards.to_pandas()
    flt = wide_filter(data)

    def library(frame: Any, with_filter: bool) -> Callable[[], ca.CallsReport]:
        return lambda: ca.build_report(
            frame,
            data.managers,
            cards=data.cards,
            now=data.now,
            filter=flt if with_filter else None,
        )

    for with_filter in (False, True):
        expected = library(data.calls, with_filter)().tally
        chosen = flt if with_filter else None
        for frame in (polars_calls, polars_calls.lazy(), pandas_calls):
            assert library(frame, with_filter)().tally == expected
        ties_free = without_ties(expected)
        assert _as_tally(ref_polars(polars_calls, polars_cards, data, chosen)) == ties_free
        assert _as_tally(ref_pandas(pandas_calls, pandas_cards, data, chosen)) == ties_free
    # The references' R28 checked on resent calls (the account has none), and without it.
    resent = pl.concat([polars_calls, polars_calls.head(1000)])
    report = ca.build_report(resent, data.managers, cards=data.cards, now=data.now)
    assert report.excluded[ca.Exclusion.DUPLICATE] == 1000
    assert _as_tally(ref_polars(resent, polars_cards, data, None)) == without_ties(report.tally)
    assert _as_tally(ref_pandas(resent.to_pandas(), pandas_cards, data, None)) == without_ties(
        report.tally
    )
    report = ca.build_report(
        resent, data.managers, cards=data.cards, now=data.now, duplicates=False
    )
    assert _as_tally(ref_polars(resent, polars_cards, data, None, duplicates=False)) == (
        without_ties(report.tally)
    )
    medians = in_turns(
        {
            "polars by hand": lambda: ref_polars(polars_calls, polars_cards, data, None),
            "polars by hand, without R28": lambda: ref_polars(
                polars_calls, polars_cards, data, None, duplicates=False
            ),
            "report, polars frame, duplicates=False": lambda: ca.build_report(
                polars_calls, data.managers, cards=data.cards, now=data.now, duplicates=False
            ),
            "report, polars frame": library(polars_calls, False),
            "report, polars lazy frame": library(polars_calls.lazy(), False),
            "pandas by hand": lambda: ref_pandas(pandas_calls, pandas_cards, data, None),
            "report, pandas frame": library(pandas_calls, False),
            "polars by hand, five filters": lambda: ref_polars(
                polars_calls, polars_cards, data, flt
            ),
            "report, polars frame, five filters": library(polars_calls, True),
            "pandas by hand, five filters": lambda: ref_pandas(
                pandas_calls, pandas_cards, data, flt
            ),
            "report, pandas frame, five filters": library(pandas_calls, True),
            "report, Call objects": library(data.calls, False),
        },
        repeat,
    )
    table = Table(
        f"(b) columnar report vs the same rules by hand: {calls:,} calls, 50 managers",
        "polars by hand",
        calls,
        medians=medians,
    )
    for lib in ("polars", "pandas"):
        for variant in ("", ", five filters"):
            ratio = medians[f"report, {lib} frame{variant}"] / medians[f"{lib} by hand{variant}"]
            table.notes.append(f"report on a {lib} frame / {lib} by hand{variant}: {ratio:.2f}x")
    ratio = (
        medians["report, polars frame, duplicates=False"] / medians["polars by hand, without R28"]
    )
    table.notes.append(f"report on a polars frame / polars by hand, both without R28: {ratio:.2f}x")
    ratio = medians["pandas by hand"] / medians["report, polars frame"]
    table.notes.append(f"pandas by hand / report on a polars frame: {ratio:.2f}x")
    return table


def without_ties(tally: ca.Tally) -> ca.Tally:
    """*tally* without its ties: the references do not count them."""
    return ca.Tally(tally.cells, tally.excluded, 0, tally.dimensions)
