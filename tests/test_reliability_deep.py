"""Regression tests for what the fuzz suite's Dask entries and its deep run found.

Each test names the defect it pins (``docs/reliability.md``, "What was found and fixed").
Dask runs on its synchronous scheduler, in the test's thread.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

import callanalytics as ca

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
AT = pd.Timestamp("2026-11-02 09:30", tz="UTC")
ANNA, BORIS = ca.Manager(1, "Anna"), ca.Manager(2, "Boris")


@pytest.fixture(autouse=True)
def synchronous() -> Iterator[None]:
    """Every Dask graph of this module runs in the test's thread."""
    with dask.config.set(scheduler="synchronous"):
        yield


def frame(**columns: object) -> pd.DataFrame:
    """Three calls of Anna's (ids a, b, c, answered, 10/20/30 s), with *columns* replaced."""
    base: dict[str, object] = {
        "id": ["a", "b", "c"],
        "direction": "inbound",
        "started_at": AT,
        "duration": [10, 20, 30],
        "manager_id": 1,
        "card_id": 7,
        "entity_type": "contacts",
    }
    return pd.DataFrame(base | columns)


@pytest.mark.parametrize("strings", [True, False])
def test_r28_absent_ids_in_several_dask_partitions_are_refused_naming_the_id(
    strings: bool,
) -> None:
    """An id of None in one partition and NaN in another: 'id' is refused, not pandas' mask."""
    ids = pd.Series(["a", None, np.nan], dtype=object)
    with dask.config.set({"dataframe.convert-string": strings}):
        calls = dd.from_pandas(frame(id=ids), npartitions=2, sort=False)
        with pytest.raises(ca.InvalidValueError, match="'id' must be a non-empty string"):
            ca.build_report(calls, [ANNA])


def test_missed_calls_of_a_dask_frame_are_those_of_its_computed_frame() -> None:
    """A Dask DataFrame is read as the pandas frame it computes to (no narwhals Dask warning)."""
    calls = frame(
        id=["m", "b", "x"],
        direction=["inbound", "outbound", "outbound"],
        started_at=[AT, AT + pd.Timedelta(minutes=7), AT + pd.Timedelta(hours=2)],
        duration=[0, 95, 5],
        manager_id=[1, 2, 2],
        card_id=5,
        phone=["+7 912 345-67-89", "89123456789", "+7 495 000-00-00"],
    )
    missed = ca.missed_calls(dd.from_pandas(calls, npartitions=2, sort=False), [ANNA, BORIS])
    row = missed.row(1)  # Anna missed "m"; Boris called back after 7 minutes, in time
    assert (row.missed, row.called_back, row.called_back_in_time) == (1, 1, 1)
    assert missed.to_dicts() == ca.missed_calls(calls, [ANNA, BORIS]).to_dicts()


def test_cards_as_a_dask_frame_are_the_cards_of_its_computed_frame() -> None:
    """Cards given as a Dask DataFrame match calls by phone as the same cards as objects."""
    at = AT.to_pydatetime()
    call = ca.Call("u", "inbound", at, 40, phone="+7 912 345-67-89", manager_id=1)
    cards = pd.DataFrame({"id": [7], "entity_type": ["contacts"], "phone": ["89123456789"]})
    report = ca.build_report([call], [ANNA], cards=dd.from_pandas(cards, npartitions=1))
    assert (report.row(1).incoming, report.row(1).incoming_duration) == (1, 40)


@pytest.mark.parametrize("columns", [pd.NA, pd.NaT, 5, ["id"]])
def test_columns_of_another_type_than_a_mapping_are_a_type_error(columns: object) -> None:
    """`columns=pd.NA` (or NaT, a list): 'columns' is refused, not NA's truth or NaT's iter."""
    with pytest.raises(ca.InvalidTypeError, match="'columns' must be a mapping"):
        ca.build_report(frame(), [ANNA], columns=columns)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({pd.NA: "id"}, "'columns' names a column the frame does not have: <NA>"),
        ({("id",): "id"}, r"'columns' names a column the frame does not have: \('id',\)"),
        ({"id": pd.NA}, "'columns' must map onto the fields of a call"),
        ({"id": ["id"]}, "'columns' must map onto the fields of a call"),
    ],
)
def test_columns_naming_with_values_no_truth_is_a_value_error(
    columns: dict[object, object], message: str
) -> None:
    """A name or field of `columns` that is NA or a list is refused naming 'columns'."""
    with pytest.raises(ca.InvalidValueError, match=message):
        ca.build_report(frame(), [ANNA], columns=columns)  # type: ignore[arg-type]


def test_a_frame_with_int_column_names_lists_them_when_a_column_is_missing() -> None:
    """pandas' column names may be ints: the missing-column message lists them, bounded."""
    calls = frame(mixed=pd.Series([1, "x", None], dtype=object)).rename(columns={"duration": 5})
    calls["x" * 1000] = 1
    with pytest.raises(ca.InvalidValueError, match="must have the column 'duration'") as caught:
        ca.build_report(calls, [ANNA])
    assert "(got 'xxxxx" in str(caught.value)
    assert "', 5, card_id, direction, entity_type, id, manager_id, mixed" in str(caught.value)
    assert len(str(caught.value)) < 500


def test_a_frame_of_many_columns_lists_twenty_and_counts_the_rest() -> None:
    """A frame of 1,000 extra columns and no 'duration': 20 names listed, the rest counted."""
    calls = frame().drop(columns="duration")
    calls = pd.concat([calls, pd.DataFrame({f"c{i:04d}": [0] * 3 for i in range(1000)})], axis=1)
    with pytest.raises(ca.InvalidValueError, match="must have the column 'duration'") as caught:
        ca.build_report(calls, [ANNA])
    assert str(caught.value).endswith("c0019 and 986 more).")


def test_a_card_frame_with_int_column_names_lists_them_when_a_column_is_missing() -> None:
    """A frame of cards with an int column name and no 'phone' is refused listing its names."""
    cards = pd.DataFrame({"id": [7], "entity_type": ["contacts"], 3: ["89123456789"]})
    with pytest.raises(ca.InvalidValueError, match=r"must have the column 'phone' \(got 3, "):
        ca.build_report([], [ANNA], cards=cards)


@pytest.mark.parametrize("cells", [[np.nan, np.nan, np.nan], [pd.NA, None, np.nan]])
@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("id", "'id' must be a non-empty string (got None, in 3 rows"),
        ("direction", "'direction' must be one of 'inbound', 'outbound' (got None, in 3 rows"),
        ("via_app", "'via_app' must be true or false (got None, in 3 rows"),
    ],
)
def test_a_column_of_nothing_but_nulls_is_refused_row_by_row(
    field: str, message: str, cells: list[object]
) -> None:
    """An object column of NaN/NA only (polars' Null type): the field is named, no polars error."""
    calls = frame(**{field: pd.Series(cells, dtype=object)})
    with pytest.raises(ca.InvalidValueError, match=re.escape(message)):
        ca.build_report(calls, [ANNA])
    with pytest.raises(ca.InvalidValueError, match=re.escape(message)):
        list(ca.missed_calls(calls, [ANNA]).to_dicts())


@pytest.mark.parametrize("field", ["manager_id", "status", "phone", "wait", "source"])
def test_an_optional_column_of_nothing_but_nulls_is_as_absent(field: str) -> None:
    """An optional field's column of NaN/NA only counts as if the field were not given."""
    calls = frame(**{field: pd.Series([np.nan, pd.NA, None], dtype=object)})
    expected = ca.build_report(frame().drop(columns=[field], errors="ignore"), [ANNA])
    assert ca.build_report(calls, [ANNA]) == expected
    if field == "manager_id":
        assert expected.unassigned is not None
    else:
        assert (expected.row(1).incoming, expected.row(1).incoming_duration) == (3, 60)


@pytest.mark.parametrize(("given", "shown"), [("card_id", "7"), ("entity_type", "None")])
def test_missed_calls_of_a_frame_with_half_a_card_pair_name_the_pair(
    given: str, shown: str
) -> None:
    """A frame with `card_id` but no `entity_type` (or the reverse) is refused naming the pair."""
    calls = frame().drop(columns=["entity_type" if given == "card_id" else "card_id"])
    message = f"'card_id' must be set together with 'entity_type' or not at all (got {shown},"
    with pytest.raises(ca.InvalidValueError, match=re.escape(message)):
        ca.missed_calls(calls, [ANNA])
    with pytest.raises(ca.InvalidValueError, match=re.escape(message)):
        ca.build_report(calls, [ANNA])


@pytest.mark.parametrize("field", ["id", "entity_type", "phone", "direction"])
def test_r27_a_record_field_of_5000_digits_read_as_text_is_rejected_naming_it(field: str) -> None:
    """An int of 5,000 digits where text is read: the record is rejected, not str()'s error."""
    record: dict[str, object] = {"id": "r1", "direction": "outbound"}
    record |= {"started_at": "2026-11-02T10:00:00+03:00"}
    record |= {"duration": 5, "card_id": 12, "entity_type": "contacts", field: 10**5000}
    reader = ca.calls_from_records([record])
    assert list(reader) == []
    [rejected] = reader.rejected
    assert rejected.fields == (field,)
    assert (
        rejected.message
        == f"'{field}' must have at most 4000 digits (got <an int of about 5001 digits>)."
    )


def test_r20_the_row_of_na_is_no_row_not_a_truth_value_error() -> None:
    """`row(pd.NA)` of a report, its missed calls, a comparison: no row, naming 'manager_id'."""
    calls = frame()
    report = ca.build_report(calls, [ANNA])
    views: list[Any] = [report, ca.missed_calls(calls, [ANNA]), ca.compare(report, report)]
    for view in views:
        assert view.row(1).manager == ANNA
        with pytest.raises(ca.UnknownManagerError, match=r"'manager_id' has no row .*\(got <NA>\)"):
            view.row(pd.NA)
        with pytest.raises(ca.UnknownManagerError, match=r"'manager_id' has no row"):
            view.row(np.array([1, 1]))


def test_r1_missed_calls_of_a_frame_with_an_instant_past_year_9999_in_utc_name_started_at() -> None:
    """9999-12-31 23:59 at UTC-05:00 is in year 10000 in UTC: refused, not datetime's overflow."""
    late = datetime.max.replace(tzinfo=timezone(timedelta(hours=-5)))
    calls = frame(started_at=pd.Series([late, late, late], dtype=object))
    message = "'started_at' must be an instant UTC can hold, in years 1 to 9999"
    with pytest.raises(ca.InvalidValueError, match=re.escape(message)):
        ca.missed_calls(calls, [ANNA])
    with (
        dask.config.set({"dataframe.convert-string": False}),  # the column stays datetimes
        pytest.raises(ca.InvalidValueError, match=re.escape(message)),
    ):
        ca.missed_calls(dd.from_pandas(calls, npartitions=2, sort=False), [ANNA])


@pytest.mark.parametrize("null", [pd.NA, pd.NaT])
def test_r7_a_card_frame_with_na_in_an_object_column_reads_it_as_no_value(null: object) -> None:
    """A card's name or manager of pd.NA (an object column): no name, no manager, not NA's truth."""
    cards = pd.DataFrame(
        {
            "id": [7, 8],
            "entity_type": ["contacts", "contacts"],
            "phone": ["89123456789", "84950000000"],
            "name": pd.Series([null, "x"], dtype=object),
            "manager_id": pd.Series([null, 1], dtype=object),
        }
    )
    at = AT.to_pydatetime()
    call = ca.Call("u", "inbound", at, 40, phone="+7 912 345-67-89", manager_id=1)
    for given in (cards, dd.from_pandas(cards, npartitions=1)):
        report = ca.build_report([call], [ANNA], cards=given)
        assert (report.row(1).incoming, report.row(1).incoming_duration) == (1, 40)
    index = ca.build_report([], [ANNA], cards=cards).routing.cards
    assert index is not None
    card = index.by_key[ca.normalize_phone("89123456789")]
    assert (card.name, card.manager_id) == ("", None)


@pytest.mark.parametrize(
    ("field", "value"), [("id", math.inf), ("id", 1.5), ("manager_id", -math.inf)]
)
def test_r7_a_card_frame_with_a_float_id_that_is_no_whole_number_is_refused(
    field: str, value: float
) -> None:
    """A card's id of inf or 1.5 in a float column: refused naming it, not int()'s overflow."""
    cards = pd.DataFrame({"id": [7.0], "entity_type": ["contacts"], "phone": ["89123456789"]})
    cards[field] = [value]
    with pytest.raises(ca.CallAnalyticsError, match=f"'{field}'"):
        ca.build_report([], [ANNA], cards=cards)


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("id", [1], "'id' must be an int or a str (got [1] of type list)."),
        ("id", {"a": 1}, "'id' must be an int or a str (got {'a': 1} of type dict)."),
        (
            "entity_type",
            ["contacts"],
            "'entity_type' must be one of 'contacts', 'companies' (got ['contacts'] of type list).",
        ),
    ],
)
def test_r4_a_card_frame_with_a_list_for_its_identity_is_refused_naming_the_field(
    field: str, value: object, shown: str
) -> None:
    """A list in a column of objects is no card's id or type: refused, not "unhashable type".

    The identity ``(entity_type, id)`` groups a card's rows (R4); it is checked before it is
    a key. Rows of one card given as ``5`` and ``5.0`` are still one card. (Dask turns a
    column of objects into text: there the list is the text ``"[1]"``, a card's id.)
    """
    cards = pd.DataFrame({"id": [7], "entity_type": ["contacts"], "phone": ["89123456789"]})
    cards[field] = pd.Series([value], dtype=object)
    with pytest.raises(ca.InvalidTypeError) as caught:
        ca.build_report([], [ANNA], cards=cards)
    assert str(caught.value) == shown
    same = pd.DataFrame(
        {"id": [5, 5.0], "entity_type": ["contacts"] * 2, "phone": ["89123456789", "204"]},
        dtype=object,
    )
    index = ca.build_report([], [ANNA], cards=same).routing.cards
    assert index is not None
    assert index.by_key[ca.normalize_phone("204")].phones == ("89123456789", "204")


def test_r28_ids_of_numbers_repeated_across_dask_partitions_are_refused_naming_the_column() -> None:
    """Number ids in two partitions: each partition names the column's type (R1).

    A partition is told the ids of earlier ones it repeats (as text): they were looked up in
    its column of Int64 before the column's type was checked, so the partition that came
    second failed with polars' "'is_in' cannot check for Int64 values in List(String)" — and
    which error the report ended in depended on the order the partitions ran in.
    """
    from callanalytics._engines.frames import tally_of_frame
    from callanalytics._rules.routing import Routing

    calls = frame(id=[0, 0, 5])
    message = "the column 'id' must hold text (got Int64)."
    for earlier in ([], ["0"]):
        with pytest.raises(ca.InvalidTypeError) as caught:
            tally_of_frame(Routing([ANNA]), calls, before=earlier)
        assert str(caught.value) == message
    with pytest.raises(ca.InvalidTypeError) as caught:
        ca.build_report(dd.from_pandas(calls, npartitions=2, sort=False), [ANNA])
    assert str(caught.value) == message


@pytest.mark.parametrize("field", ["manager_id", "status", "wait", "card_id"])
def test_r2_a_column_of_none_in_a_frame_polars_cannot_take_is_as_absent(field: str) -> None:
    """A number field's column of ``None`` in a frame that stays pandas is absent values (R2).

    A pandas frame polars cannot take (a column of mixed objects) is reported on pandas. The
    column was cast to whole numbers by pandas, which cannot hold a null in them (a
    ``TypeError`` from ``int(None)``; found by the deep run of `Dask DataFrame`). A column of
    ``None`` as ``via_app`` is refused: pandas would make each ``None`` a ``False``.
    """
    from callanalytics._engines.frames import _on_polars

    mixed = pd.Series(["ok", 5, "no"], dtype=object)  # polars takes no column of str and int
    nulls = pd.Series([None, pd.NA, np.nan], dtype=object)  # pandas casts no NA to a float
    calls = frame(result=mixed, **{field: nulls})
    if field == "card_id":
        calls = calls.assign(entity_type=nulls)
    assert isinstance(_on_polars(calls), pd.DataFrame)
    gone = ["card_id", "entity_type"] if field == "card_id" else [field]
    absent = frame(result=mixed).drop(columns=gone, errors="ignore")
    expected = ca.build_report(absent, [ANNA], now=AT + timedelta(days=1))
    assert ca.build_report(calls, [ANNA], now=AT + timedelta(days=1)) == expected
    with pytest.raises(ca.InvalidTypeError, match=r"^the column 'via_app' must hold booleans"):
        ca.build_report(calls.assign(via_app=pd.Series([None] * 3, dtype=object)), [ANNA])


@pytest.mark.parametrize("shape", ["pandas", "pandas kept", "polars", "polars lazy", "dask"])
def test_r1_columns_of_categories_are_read_as_their_text(shape: str) -> None:
    """pandas' ``category`` columns (polars' Categorical) report as the same text would.

    Text expressions do not take categories: every frame with a column of them ended in
    narwhals' error, in the report and in the missed calls (found by the deep run of `Dask
    analyses`). "pandas kept" is a frame polars cannot take, reported on pandas.
    """
    import polars as pl

    def categories(values: list[object]) -> pd.Series:
        return pd.Series(values, dtype="category")

    calls = frame(
        id=categories(["a", "b", "c"]),
        direction=categories(["inbound", "outbound", "inbound"]),
        phone=categories(["89123456789", None, "204"]),
        card_id=[None, None, 8],
        entity_type=categories([None, None, "contacts"]),
    )
    if shape == "pandas kept":
        calls = calls.assign(result=pd.Series(["ok", 5, None], dtype=object))
    plain = calls.astype(dict.fromkeys(("id", "direction", "phone", "entity_type"), object))
    given: Any = {
        "polars": lambda: pl.from_pandas(calls),
        "polars lazy": lambda: pl.from_pandas(calls).lazy(),
        "dask": lambda: dd.from_pandas(calls, npartitions=2, sort=False),
    }.get(shape, lambda: calls)()
    options: dict[str, Any] = {
        "cards": [ca.Card(7, "contacts", phones=["89123456789"])],
        "now": AT + timedelta(days=1),
    }
    expected = ca.build_report(plain, [ANNA], **options)
    assert (expected.row(1).incoming, expected.excluded[ca.Exclusion.NOT_SAVED]) == (2, 1)
    assert ca.build_report(given, [ANNA], **options) == expected
    missed = ca.missed_calls(given, [ANNA], **options).to_dicts()
    assert missed == ca.missed_calls(plain, [ANNA], **options).to_dicts()


def test_r7_a_card_phone_in_a_column_of_numbers_with_gaps_is_its_digits() -> None:
    """A frame of cards whose phones are numbers with a gap (a float column) matches by them.

    ``89123456789.0`` was read as the text it prints as, whose key (its last ten digits) is
    ``1234567890``: the call of that number went to Unsorted, a wrong number. A phone that is
    no text and no whole number (a float of a fraction, a flag, an object whose ``str``
    raises) is refused naming the field, not turned into text.
    """
    from tests.fuzz.hostile import BrokenRepr

    at = AT.to_pydatetime()
    call = ca.Call("u", "inbound", at, 40, phone="+7 912 345-67-89", manager_id=1)
    options: dict[str, Any] = {"now": at + timedelta(days=1)}
    for phones in ([89123456789, np.nan], [89123456789, 204]):
        cards = pd.DataFrame({"id": [7, 8], "entity_type": ["contacts"] * 2, "phone": phones})
        report = ca.build_report([call], [ANNA], cards=cards, **options)
        assert (report.row(1).incoming, report.row(1).incoming_duration) == (1, 40)
    for bad in (BrokenRepr(), 1.5, True):
        cards = pd.DataFrame(
            {"id": [7], "entity_type": ["contacts"], "phone": pd.Series([bad], dtype=object)}
        )
        with pytest.raises(ca.InvalidTypeError, match=r"^'phones' must be a str"):
            ca.build_report([call], [ANNA], cards=cards, **options)
