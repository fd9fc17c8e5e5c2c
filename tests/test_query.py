"""Filters from a web request: Filter.from_query parses the strings a host's UI sends (R18–R22).

Expected filters are written by hand with the constructor, and expected instants in UTC from
the tz database's published offsets; they never come from the parser under test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._model.period import PRESET_NAMES, Period
from callanalytics._rules.query import QUERY_PARAMETERS

NOW = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)  # already 1 April in Moscow
TZ = "Europe/Moscow"
S = ca.CallStatus
E = ca.EntityType
D = ca.Direction
quick = settings(max_examples=80, deadline=None, database=None)


def parse(query: Mapping[str, Any], **kwargs: Any) -> ca.Filter:
    """Filter.from_query with the fixed now and timezone."""
    return ca.Filter.from_query(query, now=NOW, tz=TZ, **kwargs)


class MultiDict(Mapping[str, str]):
    """A multi-dict as web frameworks have: ``[]`` gives one value, ``getall`` all of them."""

    def __init__(self, *pairs: tuple[str, str]) -> None:
        self.pairs = pairs

    def __getitem__(self, name: str) -> str:
        for key, value in self.pairs:
            if key == name:
                return value
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.pairs)  # repeated keys, as multidict does

    def __len__(self) -> int:
        return len(self.pairs)

    def getall(self, name: str, default: list[str]) -> list[str]:
        return [value for key, value in self.pairs if key == name] or default


class ListMultiDict(MultiDict):
    """A multi-dict with Werkzeug's, Django's and Starlette's ``getlist`` instead."""

    getall = None  # type: ignore[assignment]

    def getlist(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]


# --- Nothing set -----------------------------------------------------------------------------


def test_empty_query_is_no_filter() -> None:
    """No parameter at all gives the empty filter."""
    assert parse({}) == ca.Filter()
    assert parse({}).is_empty


@pytest.mark.parametrize("name", QUERY_PARAMETERS)
@pytest.mark.parametrize("blank", ["", "  ", [], [""], ["", " "]])
def test_empty_values_mean_not_set(name: str, blank: object) -> None:
    """An empty string, blank or an empty list leaves that filter unset."""
    assert parse({name: blank}) == ca.Filter()


@pytest.mark.parametrize("name", ["entity", "managers", "statuses", "direction"])
@pytest.mark.parametrize("blank", [",", " , ", [",", ""]])
def test_lists_of_empty_items_mean_not_set(name: str, blank: object) -> None:
    """A comma-separated parameter with only empty items selects nothing: it is unset."""
    assert parse({name: blank}) == ca.Filter()


# --- R18: period and from/to -----------------------------------------------------------------


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_r18_period_takes_every_preset_name(name: str) -> None:
    """Each preset name gives that preset, as of now, in the account's timezone."""
    assert parse({"period": name}) == ca.Filter(period=Period.preset(name, now=NOW, tz=TZ))


def test_r18_period_is_computed_in_the_account_timezone() -> None:
    """'today' at 22:30 UTC on 31 March is 1 April in Moscow: from 21:00 UTC the day before."""
    period = parse({"period": "today"}).period
    assert period is not None
    assert period.start == datetime(2026, 3, 31, 21, tzinfo=UTC)
    assert period.end == datetime(2026, 4, 1, 21, tzinfo=UTC)


def test_r18_period_name_ignores_case_and_spaces() -> None:
    """' This_Month ' is this_month: a UI's capitals and padding are harmless."""
    assert parse({"period": " This_Month "}) == parse({"period": "this_month"})


def test_r18_unknown_period_name_is_an_error_listing_the_names() -> None:
    """A period name that is not a preset is named, and the presets are listed."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'period' must be one of today, yesterday, .*last_30_days \(got 'last_year'\)",
    ):
        parse({"period": "last_year"})


def test_r18_from_to_are_whole_local_days_both_included() -> None:
    """from=2026-03-02&to=2026-03-04 is Moscow midnight of the 2nd to Moscow midnight of the 5th."""
    period = parse({"from": "2026-03-02", "to": "2026-03-04"}).period
    assert period is not None
    assert period.start == datetime(2026, 3, 1, 21, tzinfo=UTC)
    assert period.end == datetime(2026, 3, 4, 21, tzinfo=UTC)


def test_r18_from_equal_to_is_one_day() -> None:
    """The same date twice is that one local day (here a 23-hour Berlin DST day)."""
    flt = ca.Filter.from_query(
        {"from": "2026-03-29", "to": "2026-03-29"}, now=NOW, tz="Europe/Berlin"
    )
    assert flt.period is not None
    assert flt.period.start == datetime(2026, 3, 28, 23, tzinfo=UTC)
    assert flt.period.end == datetime(2026, 3, 29, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ({"from": "2026-03-01"}, r"'to' must be given with 'from' \(got from='2026-03-01'\)"),
        (
            {"to": "2026-03-01", "from": ""},
            r"'from' must be given with 'to' \(got to='2026-03-01'\)",
        ),
    ],
)
def test_r18_from_and_to_go_together(query: dict[str, str], match: str) -> None:
    """A range with one end is an error naming the missing parameter (no open-ended range)."""
    with pytest.raises(ca.InvalidValueError, match=match):
        parse(query)


def test_r18_period_and_from_to_are_exclusive() -> None:
    """A preset and a range of dates at once is ambiguous: an error naming both."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'period' must not be combined with 'from'/'to' \(got period='today', to='2026-03",
    ):
        parse({"period": "today", "to": "2026-03-01"})


@pytest.mark.parametrize(
    "text",
    [
        "2026-3-1",
        "2026-02-30",
        "01.03.2026",
        "20260301",
        "2026-03-01T10:00",
        "yesterday",
        "２０２６-03-01",
    ],
)
@pytest.mark.parametrize("name", ["from", "to"])
def test_r18_dates_must_be_yyyy_mm_dd(name: str, text: str) -> None:
    """Only real calendar dates written YYYY-MM-DD are dates; the error names the parameter."""
    query = {"from": "2026-03-01", "to": "2026-03-02", name: text}
    with pytest.raises(
        ca.InvalidValueError, match=rf"'{name}' must be a date YYYY-MM-DD \(got '{text}'\)"
    ):
        parse(query)


def test_r18_to_before_from_is_an_error() -> None:
    """A range that ends before it starts names both dates."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'to' must not be before 'from' \(got from='2026-03-05', to='2026-03-01'\)",
    ):
        parse({"from": "2026-03-05", "to": "2026-03-01"})


def test_r18_a_day_the_zone_skipped_is_an_error_naming_the_range() -> None:
    """Samoa skipped 30 December 2011: a range starting on it names 'from' and 'to'."""
    with pytest.raises(ca.InvalidValueError, match=r"'from' and 'to' must be days that exist"):
        ca.Filter.from_query({"from": "2011-12-30", "to": "2011-12-30"}, now=NOW, tz="Pacific/Apia")


@pytest.mark.parametrize("name", ["period", "from", "to", "min_duration", "max_duration"])
def test_single_valued_parameters_must_be_given_once(name: str) -> None:
    """Two values for a one-value parameter is an error naming it and the values."""
    with pytest.raises(ca.InvalidValueError, match=rf"'{name}' must be given once \(got \['"):
        parse({name: ["1", "2"]})


def test_single_valued_parameter_as_a_one_item_list() -> None:
    """A one-item list (and empty items around it) is the same as the plain string."""
    assert parse({"period": ["", "today"], "min_duration": ["60"]}) == parse(
        {"period": "today", "min_duration": "60"}
    )


# --- R19: entity -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("contacts", {E.CONTACT}),
        ("companies", {E.COMPANY}),
        ("contacts,companies", {E.CONTACT, E.COMPANY}),
        (" Contacts , companies, ", {E.CONTACT, E.COMPANY}),
        (["contacts", "companies"], {E.CONTACT, E.COMPANY}),
    ],
)
def test_r19_entity_is_a_comma_separated_list(value: object, expected: set[E]) -> None:
    """Comma-separated amoCRM entity types, in any case, with spaces and empty items ignored."""
    assert parse({"entity": value}) == ca.Filter(entity_types=expected)


@pytest.mark.parametrize("value", ["leads", "contact", "contacts,leads"])
def test_r19_unknown_entity_is_an_error(value: str) -> None:
    """Only contacts and companies have calls in the report; the error names the bad item."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'entity' must hold contacts, companies \(got '(leads|contact)'\)",
    ):
        parse({"entity": value})


# --- R20: managers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("504141", {504141}),
        ("1,2, 3", {1, 2, 3}),
        (["1", "2,3"], {1, 2, 3}),
        ("007", {7}),
        ("u-7,12", {"u-7", 12}),
        ("+12", {12}),
        ("١٢", {"١٢"}),
    ],
)
def test_r20_managers_are_ids_digits_become_ints(value: object, expected: set[object]) -> None:
    """Whole numbers of ASCII digits are ints (amoCRM user ids); anything else is a str id."""
    assert parse({"managers": value}) == ca.Filter(manager_ids=expected)


def test_r20_manager_from_the_query_not_in_the_account_fails_in_the_report() -> None:
    """The query cannot know the account; the report rejects an id that is not in it (R20)."""
    flt = parse({"managers": "1,42"})
    with pytest.raises(ca.UnknownManagerError, match=r"'manager_ids'.*unknown 42"):
        ca.build_report([], [ca.Manager(1, "Anna")], filter=flt)


# --- R21: durations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("0", 0),
        ("60", 60),
        (" 90 ", 90),
        ("00:01:00", 60),
        ("01:02:05", 3725),
        ("100/00/00", 360000),
    ],
)
@pytest.mark.parametrize("name", ["min_duration", "max_duration"])
def test_r21_durations_are_seconds_or_hh_mm_ss(name: str, value: str, seconds: int) -> None:
    """Whole seconds, or HH:MM:SS as the report shows durations (R16)."""
    expected: dict[str, Any] = {name: seconds}
    assert parse({name: value}) == ca.Filter(**expected)


@pytest.mark.parametrize("value", ["12a", "--5", "+-5", "1.5", "1e3", "00:60:00", "1:00", "٣"])
@pytest.mark.parametrize("name", ["min_duration", "max_duration"])
def test_r21_bad_duration_is_an_error_naming_the_parameter(name: str, value: str) -> None:
    """Anything but whole seconds or HH:MM:SS is refused, naming the parameter and the value."""
    with pytest.raises(
        ca.InvalidValueError,
        match=rf"'{name}' must be a whole number of seconds or HH:MM:SS "
        rf"\(got '{re.escape(value)}'\)",
    ):
        parse({name: value})


def test_r21_min_above_max_is_an_error_naming_both() -> None:
    """The parameters have the constructor's names, so its error names them as sent."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'min_duration' must be <= 'max_duration' \(got min_duration=61, max_duration=60\)",
    ):
        parse({"min_duration": "61", "max_duration": "00:01:00"})


# --- R22: statuses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4", {S.TALKED}),
        ("1,7", {S.LEFT_MESSAGE, S.BUSY}),
        ("talked,busy", {S.TALKED, S.BUSY}),
        ("NO_ANSWER, 2", {S.NO_ANSWER, S.CALL_BACK_LATER}),
        (["left_message", "3"], {S.LEFT_MESSAGE, S.NOT_AVAILABLE}),
        ("1,2,3,4,5,6,7", set(S)),
    ],
)
def test_r22_statuses_are_codes_or_names(value: object, expected: set[S]) -> None:
    """amoCRM codes 1..7 or CallStatus names in any case, comma-separated."""
    assert parse({"statuses": value}) == ca.Filter(statuses=expected)


@pytest.mark.parametrize("value", ["0", "8", "4.0", "talk", "none", "4,9"])
def test_r22_unknown_status_is_an_error(value: str) -> None:
    """A code outside 1..7 or an unknown name is refused, and the names are listed."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'statuses' must hold call status codes 1..7 or names left_message, .*busy \(got '",
    ):
        parse({"statuses": value})


def test_r22_status_filter_from_the_query_leaves_out_calls_without_status() -> None:
    """Selecting every status by query still leaves out a call with no status."""
    flt = parse({"statuses": "1,2,3,4,5,6,7"})
    call = ca.Call("c", "inbound", NOW, 5, card_id=1, entity_type="contacts")
    assert flt.first_failure(call) is ca.Exclusion.STATUS


# --- Direction -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("inbound", {D.INCOMING}),
        ("outgoing", {D.OUTGOING}),
        ("Incoming,outbound", {D.INCOMING, D.OUTGOING}),
    ],
)
def test_direction_takes_api_values_and_words(value: str, expected: set[D]) -> None:
    """amoCRM's inbound/outbound, or the words incoming/outgoing."""
    assert parse({"direction": value}) == ca.Filter(directions=expected)


def test_unknown_direction_is_an_error() -> None:
    """'in' is not a direction; the error names the parameter and the accepted words."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'direction' must hold inbound, outbound \(or incoming, outgoing\) \(got 'in'\)",
    ):
        parse({"direction": "in"})


# --- Parameter names, value types, multi-dicts -----------------------------------------------


def test_unknown_parameters_are_an_error_naming_them() -> None:
    """A typo is not silently dropped: every unknown name is in the message, sorted."""
    with pytest.raises(
        ca.InvalidValueError,
        match=r"'query' must hold only the filter's parameters period, from, .*direction "
        r"\(or names passed in 'ignore'\) \(got unknown 'manager', 'status'\)",
    ):
        parse({"status": "4", "manager": "1", "period": "today"})


def test_ignore_skips_the_pages_other_parameters() -> None:
    """Names passed in ignore are skipped, whatever their values; a single str is one name."""
    assert parse({"page": "x", "sort": [""], "period": "today"}, ignore={"page", "sort"}) == parse(
        {"period": "today"}
    )
    assert parse({"page": "2"}, ignore="page") == ca.Filter()


def test_the_query_names_are_the_documented_ones() -> None:
    """The parameters are the ones in docs/filters.md, in the filter panel's order."""
    assert QUERY_PARAMETERS == (
        "period",
        "from",
        "to",
        "entity",
        "managers",
        "statuses",
        "min_duration",
        "max_duration",
        "direction",
    )


@pytest.mark.parametrize("kind", [MultiDict, ListMultiDict])
def test_multi_dicts_are_read_in_full(kind: type[MultiDict]) -> None:
    """A repeated parameter of a multi-dict (getall or getlist) gives all its values, not one."""
    query = kind(("managers", "1"), ("managers", "2,3"), ("statuses", "4"), ("period", "today"))
    assert parse(query) == ca.Filter(
        period=Period.preset("today", now=NOW, tz=TZ), manager_ids={1, 2, 3}, statuses=[4]
    )


def test_multi_dict_repeating_a_single_parameter_is_an_error() -> None:
    """period=today&period=yesterday is refused, not read as one of them."""
    with pytest.raises(ca.InvalidValueError, match=r"'period' must be given once"):
        parse(MultiDict(("period", "today"), ("period", "yesterday")))


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ({"managers": 5}, r"'managers' must be a str or a list of str \(got 5 of type int\)"),
        ({"statuses": ["4", 7]}, r"'statuses' must be a str or a list of str \(got 7 of type int"),
        ({"period": None}, r"'period' must be a str or a list of str \(got None"),
        ({1: "x"}, r"'query' must have str names \(got 1 of type int\)"),
    ],
)
def test_values_must_be_strings(query: Mapping[Any, Any], match: str) -> None:
    """Only strings (or lists of strings) arrive from a web request; the error names the name."""
    with pytest.raises(ca.InvalidTypeError, match=match):
        parse(query)


def test_query_must_be_a_mapping() -> None:
    """Pairs are not a mapping: the error says what was given."""
    with pytest.raises(ca.InvalidTypeError, match=r"'query' must be a mapping.*list"):
        parse([("period", "today")])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"now": datetime(2026, 3, 31), "tz": TZ},
            ca.InvalidValueError,
            "'now' must be timezone-aware",
        ),
        (
            {"now": "2026-03-31", "tz": TZ},
            ca.InvalidTypeError,
            "'now' must be a timezone-aware datetime",
        ),
        (
            {"now": NOW, "tz": "Mars/Olympus"},
            ca.InvalidValueError,
            "'tz' must be a known zoneinfo key",
        ),
    ],
)
def test_now_and_tz_are_checked_even_when_unused(
    kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    """A bad now or tz fails on every request, not only on those with a period."""
    with pytest.raises(error, match=match):
        ca.Filter.from_query({}, **kwargs)


def test_bad_values_are_value_errors_for_any_caller() -> None:
    """Hosts catching ValueError (to answer 400 Bad Request) catch every bad parameter."""
    for query in ({"min_duration": "12a"}, {"period": "x"}, {"typo": "1"}, {"from": "2026-01-01"}):
        with pytest.raises(ValueError, match="must"):
            parse(query)


def test_a_full_query() -> None:
    """Every parameter at once gives the filter a user set in the panel."""
    query = {
        "from": "2026-03-02",
        "to": "2026-03-08",
        "entity": "contacts",
        "managers": "504141,504142",
        "statuses": "talked,2",
        "min_duration": "00:00:30",
        "max_duration": "3600",
        "direction": "incoming",
    }
    assert parse(query) == ca.Filter(
        period=Period(datetime(2026, 3, 1, 21, tzinfo=UTC), datetime(2026, 3, 8, 21, tzinfo=UTC)),
        entity_types=[E.CONTACT],
        manager_ids=[504141, 504142],
        statuses=[S.TALKED, S.CALL_BACK_LATER],
        min_duration=30,
        max_duration=3600,
        directions=[D.INCOMING],
    )


# --- Round trip ------------------------------------------------------------------------------


@st.composite
def filters_and_queries(draw: st.DrawFn) -> tuple[ca.Filter, dict[str, Any]]:
    """A filter made with the constructor, and a query a UI could send for it."""
    flt: dict[str, Any] = {}
    query: dict[str, Any] = {}

    def items(values: list[str]) -> str | list[str]:
        return ",".join(values) if draw(st.booleans()) else values

    if draw(st.booleans()):
        first = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 365)))
        last = first + timedelta(days=draw(st.integers(0, 40)))
        flt["period"] = Period.days(first, last, tz=TZ)
        query["from"], query["to"] = first.isoformat(), last.isoformat()
    if draw(st.booleans()):
        entities = draw(st.lists(st.sampled_from(sorted(ca.CLIENT_CARDS)), min_size=1, unique=True))
        flt["entity_types"] = entities
        query["entity"] = items([e.value for e in entities])
    if draw(st.booleans()):
        ids = draw(
            st.lists(
                st.integers(0, 10**9) | st.text("abcxyz-_", min_size=1, max_size=5),
                min_size=1,
                unique=True,
            )
        )
        flt["manager_ids"] = ids
        query["managers"] = items([str(i) for i in ids])
    low, high = draw(st.none() | st.integers(0, 10**6)), draw(st.none() | st.integers(0, 10**6))
    if low is not None and high is not None and low > high:
        low, high = high, low
    for name, seconds in (("min_duration", low), ("max_duration", high)):
        if seconds is not None:
            flt[name] = seconds
            query[name] = draw(st.sampled_from([str(seconds), ca.format_hms(seconds)]))
    if draw(st.booleans()):
        statuses = draw(st.lists(st.sampled_from(S), min_size=1, unique=True))
        flt["statuses"] = statuses
        query["statuses"] = items(
            [draw(st.sampled_from([str(s.value), s.name.lower(), s.name])) for s in statuses]
        )
    if draw(st.booleans()):
        directions = draw(st.lists(st.sampled_from(D), min_size=1, unique=True))
        flt["directions"] = directions
        words = {D.INCOMING: "incoming", D.OUTGOING: "outgoing"}
        query["direction"] = items([draw(st.sampled_from([d.value, words[d]])) for d in directions])
    return ca.Filter(**flt), query


@quick
@given(drawn=filters_and_queries())
def test_any_filter_round_trips_through_its_query(drawn: tuple[ca.Filter, dict[str, Any]]) -> None:
    """Whatever the UI selects, the query it sends parses back into that filter."""
    flt, query = drawn
    assert parse(query) == flt


# --- Review findings: the edges of datetime, ids and numbers as everywhere -------------------


@pytest.mark.parametrize(
    ("query", "tz", "message"),
    [
        ({"from": "9999-12-31", "to": "9999-12-31"}, "UTC", r"^'to' must .*\(got '9999-12-31'\)"),
        ({"from": "9999-12-30", "to": "9999-12-31"}, "UTC", r"^'to' must .*\(got '9999-12-31'\)"),
        (
            {"from": "0001-01-01", "to": "0001-01-02"},
            "Asia/Tokyo",
            r"^'from' must .*in Asia/Tokyo \(got '0001-01-01'\)",
        ),
    ],
)
def test_r18_dates_beyond_datetime_name_the_parameter(
    query: dict[str, str], tz: str, message: str
) -> None:
    """A range datetime cannot hold is an InvalidValueError naming 'from' or 'to' and the text."""
    with pytest.raises(ca.InvalidValueError, match=message):
        ca.Filter.from_query(query, now=NOW, tz=tz)


def test_r18_the_first_and_last_days_datetime_holds_are_accepted() -> None:
    """Year 1 in UTC and 9999-12-30 are still whole days that datetime can bound."""
    first = ca.Filter.from_query({"from": "0001-01-01", "to": "0001-01-01"}, now=NOW, tz="UTC")
    last = ca.Filter.from_query({"from": "9999-12-30", "to": "9999-12-30"}, now=NOW, tz="UTC")
    assert first.period == Period(datetime(1, 1, 1, tzinfo=UTC), datetime(1, 1, 2, tzinfo=UTC))
    assert last.period is not None
    assert last.period.end == datetime(9999, 12, 31, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "name"),
    [
        (datetime(9999, 12, 31, tzinfo=UTC), "this_year"),
        (datetime(1, 1, 1, tzinfo=UTC), "yesterday"),
    ],
)
def test_r18_a_preset_beyond_datetime_names_now(now: datetime, name: str) -> None:
    """A preset whose period datetime cannot hold is an InvalidValueError naming 'now'."""
    with pytest.raises(
        ca.InvalidValueError, match=rf"^'now' must .*\(got {re.escape(repr(now))}\)"
    ):
        ca.Filter.from_query({"period": name}, now=now, tz="UTC")


def test_r20_a_negative_manager_id_names_the_parameter() -> None:
    """``-1`` is a negative number, as everywhere else: an error naming 'managers' (R20)."""
    with pytest.raises(ca.InvalidValueError, match=r"^'managers' must be >= 0 \(got '-1'\)\.$"):
        parse({"managers": "1,-1"})


@pytest.mark.parametrize("name", ["min_duration", "max_duration"])
def test_r21_signed_seconds_are_read_as_numbers(name: str) -> None:
    """``+5`` is five seconds and ``-5`` a negative bound, named as such (R21)."""
    expected: dict[str, Any] = {name: 5}
    assert parse({name: "+5"}) == ca.Filter(**expected)
    with pytest.raises(ca.InvalidValueError, match=rf"^'{name}' must be >= 0 \(got -5\)\.$"):
        parse({name: "-5"})


@pytest.mark.parametrize("value", ["9" * 5000, "9" * 5000 + ":00:00"])
def test_r21_too_many_digits_is_an_invalid_value(value: str) -> None:
    """Digits beyond what Python converts are an InvalidValueError naming the parameter."""
    with pytest.raises(ca.InvalidValueError, match=r"^'min_duration' must be a whole number"):
        parse({"min_duration": value})
