"""The columnar engine: a report of a data frame equals the report of the same calls (R6–R22)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from tests import strategies as cst
from tests.builders import AT

FIELDS = (
    "id",
    "direction",
    "started_at",
    "duration",
    "phone",
    "manager_id",
    "card_id",
    "entity_type",
    "status",
    "result",
    "source",
    "recording_url",
    "via_app",
)
SCHEMA: dict[str, Any] = {
    "id": pl.String,
    "direction": pl.String,
    "started_at": pl.Datetime("us", "UTC"),
    "duration": pl.Int64,
    "phone": pl.String,
    "manager_id": pl.Int64,
    "card_id": pl.Int64,
    "entity_type": pl.String,
    "status": pl.Int64,
    "result": pl.String,
    "source": pl.String,
    "recording_url": pl.String,
    "via_app": pl.Boolean,
}


def polars_frame(calls: list[ca.Call]) -> pl.DataFrame:
    """The calls as a polars frame with the fields as columns, instants in UTC."""
    rows: dict[str, list[Any]] = {name: [] for name in FIELDS}
    for c in calls:
        for name in FIELDS:
            value = getattr(c, name)
            if name == "started_at":
                value = value.astimezone(UTC)
            elif name in ("direction", "entity_type") and value is not None:
                value = value.value
            elif name == "status" and value is not None:
                value = int(value)
            rows[name].append(value)
    return pl.DataFrame(rows, schema=SCHEMA)


def card_frame(cards: list[ca.Card]) -> pd.DataFrame:
    """One row per card phone, as a host exports them."""
    rows = [
        {"id": c.id, "entity_type": c.entity_type.value, "phone": p, "manager_id": c.manager_id}
        for c in cards
        for p in c.phones
    ]
    return pd.DataFrame(rows, columns=["id", "entity_type", "phone", "manager_id"])


def both(calls: list[ca.Call]) -> list[Any]:
    frame = polars_frame(calls)
    return [frame, frame.lazy(), frame.to_pandas(), frame.to_arrow()]


@st.composite
def accounts(draw: st.DrawFn) -> tuple[dict[str, Any], list[ca.Call]]:
    managers = draw(cst.managers())
    flt, calls = draw(cst.filter_and_calls(tuple(m.id for m in managers)))
    options = {
        "managers": managers,
        "cards": draw(st.none() | cst.cards),
        "filter": draw(st.none() | st.just(flt)),
        "now": draw(st.none() | st.just(cst.NOW)),
        "grace": draw(st.sampled_from([ca.GRACE_WINDOW, timedelta(0), timedelta(days=40)])),
        "unsorted_incoming": draw(st.booleans()),
    }
    return options, calls


@settings(max_examples=60, deadline=None)
@given(accounts())
def test_r11_a_frame_reports_what_its_calls_report(
    account: tuple[dict[str, Any], list[ca.Call]],
) -> None:
    """On pandas, polars (eager and lazy) and pyarrow: rows, totals, exclusions, ties alike."""
    options, calls = account
    expected = ca.build_report(calls, **options)
    for frame in both(calls):
        report = ca.build_report(frame, **options)
        assert report == expected
        assert report.tally == expected.tally


def test_r7_cards_given_as_a_frame_match_as_cards_do() -> None:
    """A frame of card phones is the same cards: contacts before companies on a shared key."""
    cards = [
        ca.Card(2, "companies", phones=["+7 912 345-67-89"]),
        ca.Card(9, "contacts", phones=["8 912 345 67 89", "204"]),
    ]
    calls = [ca.Call("a", "inbound", AT, 60, phone="79123456789", manager_id=1)]
    frame = polars_frame(calls)
    report = ca.build_report(frame, [ca.Manager(1, "Anna")], cards=card_frame(cards))
    assert report == ca.build_report(calls, [ca.Manager(1, "Anna")], cards=cards)
    assert report.ties == 1


def test_r7_another_phone_key_runs_on_the_distinct_numbers() -> None:
    """A host's key function works on frames too: computed once per distinct number."""
    seen: list[str] = []

    def last4(phone: str) -> str:
        seen.append(phone)
        return phone[-4:]

    cards = [ca.Card(1, "contacts", phones=["x-1234"])]
    calls = [
        ca.Call(f"c{i}", "outbound", AT, 10, phone=p, manager_id=1)
        for i, p in enumerate(["551234", "551234", "999"])
    ]
    index = ca.CardIndex(cards, key=last4)
    seen.clear()
    report = ca.build_report(polars_frame(calls), [ca.Manager(1, "A")], cards=index)
    assert report.row(1).total == 2
    assert sorted(seen) == ["551234", "999"]


def test_r1_a_frame_with_its_own_column_names() -> None:
    """columns= names which of the frame's columns is which field; absent fields default."""
    frame = pd.DataFrame(
        {
            "uniq": ["a", "b"],
            "dir": ["inbound", "outbound"],
            "at": pd.to_datetime(["2026-11-02 09:30", "2026-11-02 09:40"], utc=True),
            "seconds": [61, 5],
            "user": [1, 1],
            "contact": [10, 11],
            "kind": ["contacts", "contacts"],
        }
    )
    names = {"uniq": "id", "dir": "direction", "at": "started_at", "seconds": "duration",
             "user": "manager_id", "contact": "card_id", "kind": "entity_type"}  # fmt: skip
    report = ca.build_report(frame, [ca.Manager(1, "Anna")], columns=names)
    assert (report.row(1).incoming_duration, report.row(1).outgoing_duration) == (61, 5)


def test_r13_pandas_gaps_in_whole_numbers_are_no_values() -> None:
    """A pandas column of ids with gaps is float (NaN): the gaps are "no manager", no card."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "direction": ["inbound"] * 3,
            "started_at": pd.to_datetime(["2026-11-02 09:30"] * 3, utc=True),
            "duration": [5, 6, 7],
            "manager_id": [1, None, 1],
            "card_id": [3, 3, None],
            "entity_type": ["contacts", "contacts", None],
            "status": [4, None, None],
        }
    )
    report = ca.build_report(frame, [ca.Manager(1, "Anna")])
    assert report.row(1).incoming == 1
    assert report.unassigned.incoming == 1
    assert report.excluded[ca.Exclusion.UNSORTED] == 1
    filtered = ca.build_report(frame, [ca.Manager(1, "Anna")], filter=ca.Filter(statuses=[4]))
    assert (filtered.row(1).incoming, filtered.excluded[ca.Exclusion.STATUS]) == (1, 1)


def test_r13_string_ids_are_ids_of_frames_too() -> None:
    """Managers with string ids are matched by a text column."""
    frame = pl.DataFrame(
        {
            "id": ["a", "b"],
            "direction": ["inbound", "inbound"],
            "started_at": [AT, AT],
            "duration": [5, 6],
            "manager_id": ["u-1", "u-9"],
            "card_id": ["k1", "k1"],
            "entity_type": ["contacts", "contacts"],
        }
    )
    report = ca.build_report(frame, [ca.Manager("u-1", "Anna")])
    assert report.row("u-1").incoming == 1
    assert report.excluded[ca.Exclusion.UNKNOWN_MANAGER] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"direction": ["in", "inbound"]}, r"'direction' must be one of .* \(got 'in', in 1 row"),
        ({"duration": [-5, 5]}, r"'duration' must be a whole number of seconds >= 0 \(got -5"),
        ({"duration": [1.5, 5.0]}, r"'duration' must be a whole number .* \(got 1.5"),
        ({"status": [9, None]}, r"'status' must be a call status code 1..7 or None \(got 9"),
        ({"id": [" ", "b"]}, r"'id' must be a non-empty string \(got ' '"),
        ({"entity_type": ["deals", None], "card_id": [1, None]}, r"'entity_type' must be one of"),
        ({"card_id": [1, None]}, r"'card_id' must be set together with 'entity_type'"),
        ({"manager_id": [-1, 2]}, r"'manager_id' must be a whole number >= 0 \(got -1"),
        (
            {"via_app": [True, False], "recording_url": ["https://r/1.mp3", None]},
            r"'recording_url' must be empty for a call made from the app",
        ),
    ],
)
def test_r1_a_row_no_call_could_hold_is_an_error(
    change: dict[str, list[Any]], message: str
) -> None:
    """Every row is checked as the constructor checks a call: the error names field and value."""
    columns: dict[str, list[Any]] = {
        "id": ["a", "b"],
        "direction": ["inbound", "outbound"],
        "started_at": [AT, AT],
        "duration": [5, 6],
    }
    columns.update(change)
    for frame in (pl.DataFrame(columns, strict=False), pd.DataFrame(columns)):
        with pytest.raises(ca.InvalidValueError, match=message):
            ca.build_report(frame, [ca.Manager(1, "Anna"), ca.Manager(2, "Boris")])


def test_r1_a_frame_needs_the_four_fields_and_instants() -> None:
    """A missing required column, a naive start or a column of the wrong type is an error."""
    base = {"id": ["a"], "direction": ["inbound"], "started_at": [AT], "duration": [5]}
    with pytest.raises(ca.InvalidValueError, match="must have the column 'duration'"):
        ca.build_report(pl.DataFrame({k: v for k, v in base.items() if k != "duration"}), [])
    naive = pl.DataFrame({**base, "started_at": [AT.replace(tzinfo=None)]})
    with pytest.raises(ca.InvalidValueError, match="'started_at' must hold timezone-aware"):
        ca.build_report(naive, [])
    with pytest.raises(ca.InvalidTypeError, match="'duration' must hold whole numbers"):
        ca.build_report(pl.DataFrame({**base, "duration": ["5"]}), [])
    with pytest.raises(ca.InvalidTypeError, match="'started_at' must hold timezone-aware"):
        ca.build_report(pl.DataFrame({**base, "started_at": ["2026-11-02"]}), [])
    with pytest.raises(ca.InvalidValueError, match="names a column the frame does not have"):
        ca.build_report(pl.DataFrame(base), [], columns={"nope": "id"})
    with pytest.raises(ca.InvalidValueError, match="must map onto the fields of a call"):
        ca.build_report(pl.DataFrame(base), [], columns={"id": "uniq"})
    with pytest.raises(ca.InvalidValueError, match="'columns' must be None unless"):
        ca.build_report([], [], columns={"id": "id"})


def test_r11_a_duckdb_relation_reports_like_the_calls() -> None:
    """A DuckDB relation goes through the same expressions, lazily."""
    import duckdb

    account = ca.sample_account(300, seed=4)
    arrow = polars_frame(list(account.calls)).to_arrow()
    relation = duckdb.from_arrow(arrow)
    options: dict[str, Any] = {"cards": account.cards, "now": account.now}
    assert ca.build_report(relation, account.managers, **options) == ca.build_report(
        account.calls, account.managers, **options
    )


def test_r11_r28_a_duckdb_relation_without_cards_is_reported_in_duckdb() -> None:
    """Without cards to match, a relation is reported by DuckDB itself, lazily.

    Its calls' own cards, the unmatched ones (Unsorted, not saved, pending) and a resent call
    (the one that started first counts, R28) are DuckDB's expressions, as polars' are.
    """
    import duckdb

    account = ca.sample_account(300, seed=7)
    calls = list(account.calls)
    resent = attrs.evolve(calls[0], started_at=calls[0].started_at - timedelta(days=1))
    relation = duckdb.from_arrow(polars_frame([*calls, resent]).to_arrow())
    report = ca.build_report(relation, account.managers, now=account.now)
    assert report == ca.build_report([resent, *calls], account.managers, now=account.now)
    assert report.excluded[ca.Exclusion.DUPLICATE] == 1
    assert report.excluded[ca.Exclusion.UNSORTED] + report.excluded[ca.Exclusion.NOT_SAVED] > 0


def test_r11_without_polars_pandas_frames_run_on_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine runs on pandas itself when polars is not installed: the same report."""
    import sys

    account = ca.sample_account(200, seed=5)
    frame = polars_frame(list(account.calls)).to_pandas()
    monkeypatch.setitem(sys.modules, "polars", None)
    options: dict[str, Any] = {"cards": account.cards, "now": account.now}
    assert ca.build_report(frame, account.managers, **options) == ca.build_report(
        account.calls, account.managers, **options
    )


def test_frames_need_the_frames_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without narwhals, a frame is refused with the extra to install."""
    import sys

    monkeypatch.setitem(sys.modules, "narwhals", None)
    with pytest.raises(ca.MissingExtraError, match=r"pip install 'callanalytics\[frames\]'"):
        ca.build_report(pl.DataFrame({"id": ["a"]}), [])


def test_r1_columns_of_the_wrong_kind_are_type_errors() -> None:
    """Directions as numbers, flags as numbers, ids of mixed types: errors naming the column."""
    base: dict[str, list[Any]] = {
        "id": ["a"], "direction": ["inbound"], "started_at": [AT], "duration": [5],
    }  # fmt: skip
    with pytest.raises(ca.InvalidTypeError, match="the column 'direction' must hold text"):
        ca.build_report(pl.DataFrame({**base, "direction": [1]}), [])
    with pytest.raises(ca.InvalidTypeError, match="the column 'via_app' must hold booleans"):
        ca.build_report(pl.DataFrame({**base, "via_app": [1]}), [])
    lists = pd.DataFrame({**base, "started_at": pd.to_datetime([AT]), "manager_id": [[1]]})
    with pytest.raises(ca.InvalidTypeError, match="the column 'manager_id' must hold ids"):
        ca.build_report(lists, [])


def test_r13_ids_of_both_kinds_in_one_column_are_ids() -> None:
    """A pandas column holding int and str ids (polars cannot take it) is read as it is."""
    mixed = pd.DataFrame(
        {"id": ["a", "b", "c"], "direction": ["inbound"] * 3, "duration": [5, 6, 7],
         "started_at": pd.to_datetime([AT] * 3), "manager_id": [1, "x", None],
         "card_id": [7] * 3, "entity_type": ["contacts"] * 3}
    )  # fmt: skip
    calls = [
        ca.Call(c, "inbound", AT, d, manager_id=m, card_id=7, entity_type="contacts")
        for c, d, m in (("a", 5, 1), ("b", 6, "x"), ("c", 7, None))
    ]
    managers = [ca.Manager(1, "A"), ca.Manager("x", "X")]
    assert ca.build_report(mixed, managers) == ca.build_report(calls, managers)
    mixed.loc[1, "manager_id"] = [2]  # a list: no id
    with pytest.raises(ca.InvalidTypeError, match=r"'manager_id' must be an int or a str"):
        ca.build_report(mixed, managers)
    mixed.loc[1, "manager_id"] = 1.5
    with pytest.raises(ca.InvalidValueError, match=r"'manager_id' must be a whole number >= 0"):
        ca.build_report(mixed, managers)
    with pytest.raises(ca.InvalidTypeError, match="'calls' must be Call objects or a data frame"):
        ca.build_report(pd.Series([1, 2]), [])  # type: ignore[arg-type]


def test_r9_a_grace_window_older_than_time_makes_every_unmatched_call_pending() -> None:
    """A "now" near year 1 with a long window: every unmatched call is pending, as objects say."""
    early = AT.replace(year=2)
    calls = [ca.Call("a", "inbound", early, 5, phone="1")]
    frame = polars_frame(calls)
    options: dict[str, Any] = {"cards": [], "now": early, "grace": timedelta(days=3650)}
    report = ca.build_report(frame, [], **options)
    assert report == ca.build_report(calls, [], **options)
    assert report.excluded[ca.Exclusion.PENDING] == 1


def test_r4_a_frame_of_cards_needs_its_columns_and_skips_empty_phones() -> None:
    """Cards without a phone are cards that match nothing; the three columns are required."""
    cards = pd.DataFrame({"id": [1, 1], "entity_type": ["contacts"] * 2, "phone": ["204", None]})
    calls = polars_frame([ca.Call("a", "outbound", AT, 5, phone="204", manager_id=1)])
    assert ca.build_report(calls, [ca.Manager(1, "A")], cards=cards).row(1).outgoing == 1
    with pytest.raises(ca.InvalidValueError, match="cards must have the column 'phone'"):
        ca.build_report(calls, [ca.Manager(1, "A")], cards=cards.drop(columns="phone"))


def test_r10_app_calls_in_a_frame_without_recordings() -> None:
    """A flag column without a recording column is fine: app calls have no recording anyway."""
    frame = pl.DataFrame(
        {"id": ["a"], "direction": ["outbound"], "started_at": [AT], "duration": [5],
         "via_app": [True], "manager_id": [1], "card_id": [1], "entity_type": ["contacts"]}
    )  # fmt: skip
    assert ca.build_report(frame, [ca.Manager(1, "A")]).row(1).outgoing == 1


def test_r13_many_managers_are_looked_up_as_a_set() -> None:
    """With more managers than a few, the membership test is a set lookup: the same report."""
    managers = [ca.Manager(i, f"M{i}") for i in range(1, 13)]
    calls = [
        ca.Call(f"c{i}", "inbound", AT, i, manager_id=i, card_id=1, entity_type="contacts")
        for i in range(1, 16)
    ]
    flt = ca.Filter(manager_ids=range(2, 12))
    choices: list[dict[str, Any]] = [{}, {"filter": flt}]
    for options in choices:
        expected = ca.build_report(calls, managers, **options)
        assert ca.build_report(polars_frame(calls), managers, **options) == expected


def test_r13_an_account_without_managers_refuses_every_manager() -> None:
    """With no manager in the account, a call with a manager is another account's."""
    frame = polars_frame([ca.Call("a", "inbound", AT, 5, manager_id=5, card_id=1,
                                  entity_type="contacts")])  # fmt: skip
    assert ca.build_report(frame, []).excluded[ca.Exclusion.UNKNOWN_MANAGER] == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(cst.calls(), max_size=25), cst.managers())
def test_r28_duplicates_in_an_eager_frame_are_those_of_its_calls(
    calls: list[ca.Call], managers: list[ca.Manager]
) -> None:
    """Repeated ids in a frame's rows are duplicates as in the calls given in that order."""
    expected = ca.build_report(calls, managers)
    frame = polars_frame(calls)
    for eager in (frame, frame.to_pandas()):
        assert ca.build_report(eager, managers) == expected
    flat = ca.build_report(frame, managers, duplicates=False)
    assert flat == ca.build_report(calls, managers, duplicates=False)
    assert flat.excluded[ca.Exclusion.DUPLICATE] == 0


def test_r28_distinct_ids_are_proven_by_their_hashes_and_repeated_ones_compared() -> None:
    """A polars frame whose ids hash apart has no duplicate; equal hashes send it to the ids.

    A lazy frame's ids are proven apart the same way (its "first" is otherwise a window
    ordered by start); with a repeated id, the call that started first counts there, the
    first row in an eager frame.
    """
    from callanalytics._engines.frames import _all_distinct

    base = ca.Call("u1", "inbound", AT, 30, manager_id=1, card_id=1, entity_type="contacts")
    distinct = polars_frame([base, attrs.evolve(base, id="u2")])
    later = attrs.evolve(base, started_at=AT + timedelta(hours=1), duration=90)
    repeated = polars_frame([later, base])
    assert _all_distinct(distinct)
    assert _all_distinct(distinct.lazy())
    assert not _all_distinct(repeated)
    assert not _all_distinct(repeated.lazy())
    assert not _all_distinct(distinct.to_pandas())  # pandas: the ids are compared as they are
    shapes: list[tuple[Any, int, int]] = [
        (repeated, 90, 1),
        (repeated.lazy(), 30, 1),
        (distinct.lazy(), 60, 0),
    ]
    for frame, duration, duplicates in shapes:  # eager: the first row; lazy: the first start
        report = ca.build_report(frame, [ca.Manager(1, "Anna")], now=AT + timedelta(days=1))
        counted = (report.row(1).incoming_duration, report.excluded[ca.Exclusion.DUPLICATE])
        assert counted == (duration, duplicates)


def test_r9_r18_instants_in_a_zone_of_their_own_are_compared_as_instants() -> None:
    """A frame's ``started_at`` in Europe/Berlin is reported as the same instants in UTC.

    polars does not compare instants across zones: "now" (the grace window, R9) and the
    period's bounds (R18) are in UTC, and the column was compared as it was.
    """
    from datetime import date

    berlin = "Europe/Berlin"
    zone = ZoneInfo(berlin)
    starts = [
        datetime(2026, 10, 24, 23, 30, tzinfo=zone),
        datetime(2026, 10, 25, 2, 30, tzinfo=zone),  # the hour that repeats: the first one
        datetime(2026, 11, 19, 10, 0, tzinfo=zone),
        datetime(2026, 11, 19, 19, 30, tzinfo=zone),
    ]
    rows = zip("abcd", ["inbound", "outbound"] * 2, starts, [5, 6, 7, 8], "1114", strict=True)
    phones = {"1": "123", "4": "456"}
    calls = [
        ca.Call(i, d, at, seconds, manager_id=1, phone=phones[p]) for i, d, at, seconds, p in rows
    ]
    frame = pd.DataFrame(
        {
            "id": [c.id for c in calls],
            "direction": [c.direction.value for c in calls],
            "started_at": pd.Series(starts).dt.tz_convert(berlin),
            "duration": [c.duration for c in calls],
            "manager_id": [1, 1, 1, 1],
            "phone": [c.phone for c in calls],
        }
    )
    assert str(frame["started_at"].dtype).endswith("Europe/Berlin]")
    options: dict[str, Any] = {
        "managers": [ca.Manager(1, "Anna")],
        "cards": [ca.Card(7, "contacts", phones=["123"])],
        "now": AT.replace(year=2026, month=11, day=19, hour=18, minute=0, tzinfo=UTC),
        "filter": ca.Filter(
            period=ca.Period.days(date(2026, 10, 25), date(2026, 11, 30), tz=berlin)
        ),
    }
    expected = ca.build_report(calls, **options)
    # a: before the period; b: the DST night, in it; c: counted; d: after "now", pending.
    assert expected.excluded[ca.Exclusion.PERIOD] == 1
    assert expected.excluded[ca.Exclusion.PENDING] == 1
    assert expected.total.total == 2
    polars = pl.from_pandas(frame)
    for each in (frame, polars, polars.lazy()):
        assert ca.build_report(each, **options) == expected
        assert ca.heatmap(each, tz=berlin, **options) == ca.heatmap(calls, tz=berlin, **options)


def test_r28_in_a_lazy_frame_the_call_that_started_first_counts() -> None:
    """A lazy frame has no order of rows: of two calls of one id, the earlier start counts."""
    later = ca.Call("u1", "inbound", AT + timedelta(hours=1), 90, manager_id=1, card_id=1,
                    entity_type="contacts")  # fmt: skip
    earlier = attrs.evolve(later, started_at=AT, duration=30)
    report = ca.build_report(polars_frame([later, earlier]).lazy(), [ca.Manager(1, "Anna")])
    assert report.row(1).incoming_duration == 30
    assert report.excluded[ca.Exclusion.DUPLICATE] == 1


def test_r28_a_duplicate_matched_by_a_shared_phone_is_no_second_tie() -> None:
    """A resent call is excluded before matching (R28 before R7): its tie counts once."""
    cards = [ca.Card(4, "companies", phones=["79123456789"]),
             ca.Card(4, "contacts", phones=["79123456789"])]  # fmt: skip
    call = ca.Call("a", "outbound", AT, 10, phone="89123456789", manager_id=1)
    report = ca.build_report(polars_frame([call, call]), [ca.Manager(1, "Anna")], cards=cards)
    assert (report.ties, report.excluded[ca.Exclusion.DUPLICATE]) == (1, 1)


@pytest.mark.parametrize(
    ("shift", "shown", "local"),
    [
        (
            "2h",
            "+10000-01-01 01:00:00 UTC",
            datetime(9999, 12, 31, 20, tzinfo=ZoneInfo("America/New_York")),
        ),
        (
            "-2h",
            "0000-12-31 23:00:00 UTC",
            datetime(1, 1, 1, 1, tzinfo=timezone(timedelta(hours=2))),
        ),
    ],
)
def test_r1_a_start_past_pythons_years_is_refused_as_a_call_of_objects_is(
    shift: str, shown: str, local: datetime
) -> None:
    """A frame's library holds instants past year 9999 (or before year 1) in UTC; a call cannot.

    Such a row was counted (as an exclusion) by the frame engine, while the object engine
    refuses the same call (R1); the message shows the instant as the library writes it.
    """
    edge = (
        datetime(9999, 12, 31, 23, tzinfo=UTC)
        if shift == "2h"
        else datetime(1, 1, 1, 1, tzinfo=UTC)
    )
    frame = pl.DataFrame(
        {
            "id": ["a", "b"],
            "direction": ["inbound", "outbound"],
            "started_at": [AT, edge],
            "duration": [10, 20],
            "manager_id": [1, 1],
        }
    ).with_columns(pl.col("started_at").dt.offset_by(shift))
    must = "'started_at' must be an instant between years 1 and 9999 in UTC"
    zoned = frame.with_columns(pl.col("started_at").dt.convert_time_zone("America/New_York"))
    for calls in (frame, frame.lazy(), zoned, frame.to_pandas()):
        with pytest.raises(ca.InvalidValueError) as caught:
            ca.build_report(calls, [ca.Manager(1, "Anna")])
        assert str(caught.value) == f"{must} (got {shown}, in 1 row of the frame of calls)."
    with pytest.raises(ca.InvalidValueError, match=rf"^{must} \(got datetime"):
        ca.build_report([ca.Call("b", "outbound", local, 20)], [ca.Manager(1, "Anna")], now=AT)


def test_r2_r22_a_pandas_column_of_none_is_absent_statuses_not_text() -> None:
    """pandas types a column of ``None`` as objects, which reads as text: absent statuses (R2).

    A call with no status never matches a status filter (R22).

    ``status`` (whole numbers) of nothing but ``None`` was refused as "(got String)"; a
    column that holds text is still refused.
    """
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "direction": ["inbound", "outbound"],
            "started_at": [AT, AT],
            "duration": [10, 20],
            "manager_id": [1, 1],
            "phone": ["123", "123"],
            "status": [None, None],
        }
    )
    assert frame["status"].dtype == object
    managers = [ca.Manager(1, "Anna")]
    calls = [
        ca.Call("a", "inbound", AT, 10, manager_id=1, phone="123"),
        ca.Call("b", "outbound", AT, 20, manager_id=1, phone="123"),
    ]
    options: dict[str, Any] = {
        "now": AT + timedelta(days=1),
        "cards": [ca.Card(7, "contacts", phones=["123"])],
        "filter": ca.Filter(statuses=[4]),
    }
    expected = ca.build_report(calls, managers, **options)
    for shape in (frame, pl.from_pandas(frame).lazy()):
        report = ca.build_report(shape, managers, **options)
        assert report.excluded == expected.excluded
        assert report.total == expected.total
    assert expected.excluded[ca.Exclusion.STATUS] == 2
    assert ca.build_report(frame, managers, **{**options, "filter": None}).total.total == 2
    with pytest.raises(
        ca.InvalidTypeError, match=r"^the column 'status' must hold whole numbers \(got String\)"
    ):
        ca.build_report(frame.assign(status=pd.Series([None, "4"], dtype=object)), managers)


TEXT_DTYPES = ["object", "category", "string[python]", "string[pyarrow]"]
"""pandas' ways of holding text: objects, categories, and both kinds of its string type."""
NUMBER_DTYPES = ["Int64", "float64", "object", "Int32"]
"""pandas' ways of holding whole numbers with gaps: nullable ints, floats with NaN, objects."""
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]


def pandas_in(frame: pl.DataFrame, dtypes: dict[str, Any], zone: str) -> pd.DataFrame:
    """The frame in pandas, each column held as *dtypes* says, instants in *zone*."""
    native = frame.to_pandas()
    native["started_at"] = native["started_at"].dt.tz_convert(zone)
    for name, dtype in dtypes.items():
        column = native[name].astype(object).where(native[name].notna(), None)
        native[name] = column.astype(dtype)
    return native


@settings(max_examples=60, deadline=None)
@given(accounts(), st.data())
def test_r11_a_frame_of_any_dtypes_reports_what_its_calls_report(
    account: tuple[dict[str, Any], list[ca.Call]], data: st.DataObject
) -> None:
    """Property: the column types a host's frame happens to have do not change the report.

    Text as objects, categories or strings; numbers with gaps as nullable ints, floats or
    objects; flags as booleans, nullable ones or objects; instants in any zone and unit; on
    pandas and on the polars frame made from it. The heatmap by local hours and the missed
    calls alike.
    """
    options, calls = account
    expected = ca.build_report(calls, **options)
    dtypes: dict[str, Any] = {
        name: data.draw(st.sampled_from(TEXT_DTYPES), label=name)
        for name in ("id", "direction", "phone", "entity_type", "result", "source")
    }
    dtypes |= {
        name: data.draw(st.sampled_from(NUMBER_DTYPES), label=name)
        for name in ("duration", "manager_id", "card_id", "status")
    }
    dtypes["via_app"] = data.draw(st.sampled_from(["bool", "object", "boolean"]), label="via_app")
    zone = data.draw(st.sampled_from(ZONES), label="zone")
    native = pandas_in(polars_frame(calls), dtypes, zone)
    unit = data.draw(st.sampled_from(["us", "ns"]), label="unit of the instants")
    native["started_at"] = native["started_at"].dt.as_unit(unit)
    polars = pl.from_pandas(native)
    assert ca.build_report(native, **options) == expected
    assert ca.build_report(polars, **options) == expected
    grid = ca.heatmap(calls, tz=zone, **options)  # the instants' hours in a zone of the host's
    assert ca.heatmap(native, tz=zone, **options) == grid
    assert ca.heatmap(polars, tz=zone, **options) == grid
    missed = {name: options[name] for name in ("cards", "filter", "now", "grace")}
    expected_missed = ca.missed_calls(calls, options["managers"], **missed).to_dicts()
    # as records: a frame's instants come back in UTC, and Python holds 02:30 (fold=1) in
    # Berlin unequal to the same instant in UTC (PEP 495), though they are one instant
    assert ca.missed_calls(native, options["managers"], **missed).to_dicts() == expected_missed


def test_r11_an_empty_frame_of_object_columns_is_a_report_of_no_calls() -> None:
    """An empty query read by pandas holds every column as objects: no calls, no refusal.

    No row says what its columns hold, so ``started_at``, ``duration`` and ``via_app`` of
    objects were refused as text. A frame with rows and such columns still is.
    """
    names = ["id", "direction", "started_at", "duration", "manager_id", "status", "via_app"]
    empty = pd.DataFrame({name: pd.Series([], dtype=object) for name in names})
    managers = [ca.Manager(1, "Anna")]
    options: dict[str, Any] = {"now": AT, "filter": ca.Filter(statuses=[4], min_duration=5)}
    expected = ca.build_report([], managers, **options)
    for frame in (empty, pl.from_pandas(empty)):
        assert ca.build_report(frame, managers, **options) == expected
        assert ca.missed_calls(frame, managers, now=AT) == ca.missed_calls([], managers, now=AT)
    one = pd.DataFrame({name: pd.Series(["x"], dtype=object) for name in names})
    with pytest.raises(ca.InvalidTypeError, match=r"^the column 'started_at' must hold"):
        ca.build_report(one, managers)


def test_r7_r28_a_duckdb_relation_of_a_hosts_connection_is_matched_to_cards() -> None:
    """A relation of the host's own connection (``duckdb.connect()``) reports with cards.

    The cards' key table is made in DuckDB's default connection, which cannot be joined with
    a relation of another: it ended in DuckDB's "Cannot combine LEFT and RIGHT relations of
    different connections". Such a relation is read as Arrow, as the analyses read one; the
    call that started first is still the one of a resent id that counts (R28).
    """
    import duckdb

    account = ca.sample_account(300, seed=4)
    calls = list(account.calls)
    resent = attrs.evolve(calls[0], started_at=calls[0].started_at - timedelta(days=1))
    given = [*calls, resent]  # the earlier start counts: the resent one, given last
    arrow = polars_frame(given).to_arrow()
    connection = duckdb.connect()
    connection.register("calls", arrow)
    relation = connection.sql("select * from calls")
    options: dict[str, Any] = {"cards": account.cards, "now": account.now}
    expected = ca.build_report([resent, *calls], account.managers, **options)
    assert expected.excluded[ca.Exclusion.DUPLICATE] == 1
    for each in (relation, duckdb.from_arrow(arrow)):
        assert ca.build_report(each, account.managers, **options) == expected
        grid = ca.heatmap(each, account.managers, tz="Europe/Moscow", **options)
        assert grid == ca.heatmap([resent, *calls], account.managers, tz="Europe/Moscow", **options)


def test_r7_a_duckdb_relation_with_cards_runs_on_arrow_without_polars(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without polars, the relation read as Arrow is reported on pyarrow: the same report."""
    import sys

    import duckdb

    account = ca.sample_account(200, seed=6)
    relation = duckdb.from_arrow(polars_frame(list(account.calls)).to_arrow())
    options: dict[str, Any] = {"cards": account.cards, "now": account.now}
    expected = ca.build_report(account.calls, account.managers, **options)
    monkeypatch.setitem(sys.modules, "polars", None)
    assert ca.build_report(relation, account.managers, **options) == expected
