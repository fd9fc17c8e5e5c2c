"""Matching calls to cards by phone, and where calls with no card go (R6–R11)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._rules.matching import attach, unmatched_reason

from . import strategies as s

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=2)


def call(
    id: str = "c1",
    direction: str = "inbound",
    *,
    at: datetime = OLD,
    phone: str = "+7 912 345-67-89",
    **fields: object,
) -> ca.Call:
    return ca.Call(id, direction, at, 60, phone=phone, **fields)  # type: ignore[arg-type]


IVAN = ca.Card(12, "contacts", "Ivan", phones=["8 (912) 345-67-89"])


# --- R7: the key and the index ----------------------------------------------------------------


def test_r7_call_without_card_is_attached_by_its_key() -> None:
    """A call typed `+7 912 ...` is attached to the card typed `8 (912) ...`."""
    result = ca.match_calls([call()], [IVAN])
    (attached,) = result.attached
    assert attached.card_key == (ca.EntityType.CONTACT, 12)
    assert attrs.evolve(attached, card_id=None, entity_type=None) == call()


def test_r7_call_with_a_card_stays_as_it_is() -> None:
    """A call that already carries a card is kept as it is, even if its phone is another card's."""
    carried = call(card_id=99, entity_type="companies")
    result = ca.match_calls([carried], [IVAN])
    assert result.attached[0] is carried
    assert result.ambiguous == ()


def test_r7_short_extension_matches_only_exactly() -> None:
    """`204` matches a card with the extension `204`, not one ending in ...204."""
    desk = ca.Card(1, "contacts", phones=["ext. 204"])
    other = ca.Card(2, "contacts", phones=["+7 495 000-02-04"])
    result = ca.match_calls([call(phone="204")], [other, desk])
    assert [c.card_id for c in result.attached] == [1]


def test_r7_call_without_digits_matches_nothing() -> None:
    """A phone with no digit has no key and never matches, even a card with no digits."""
    blank = ca.Card(1, "contacts", phones=["unknown", ""])
    result = ca.match_calls([call(phone="unknown"), call("c2", phone="")], [blank])
    assert result.attached == ()
    assert len(result.unsorted) == 2


def test_r7_contact_wins_over_company_and_the_tie_is_reported() -> None:
    """Decision: a contact wins over a company with the same key, and the tie is reported."""
    office = ca.Card(1, "companies", phones=["+7 912 345-67-89"])
    person = ca.Card(40, "contacts", phones=["89123456789"])
    given_call = call()
    result = ca.match_calls([given_call], [office, person])
    assert result.attached[0].card_key == person.key
    (tie,) = result.ambiguous
    assert tie == ca.Ambiguity(given_call, person, (person, office))


def test_r7_lowest_id_wins_among_cards_of_one_kind() -> None:
    """Decision: among contacts (or companies) the lowest id wins, whatever the input order."""
    cards = [ca.Card(i, "contacts", phones=["79123456789"]) for i in (30, 7, 12)]
    for order in (cards, cards[::-1]):
        result = ca.match_calls([call()], order)
        assert result.attached[0].card_id == 7
        assert [c.id for c in result.ambiguous[0].candidates] == [7, 12, 30]


def test_r7_int_ids_come_before_string_ids() -> None:
    """Decision: int ids and string ids never compare: int ids come first, strings by text."""
    cards = [
        ca.Card("b", "contacts", phones=["79123456789"]),
        ca.Card("a", "contacts", phones=["79123456789"]),
        ca.Card(900, "contacts", phones=["79123456789"]),
    ]
    index = ca.CardIndex(cards)
    assert [c.id for c in index.candidates("9123456789")] == [900, "a", "b"]


def test_r7_a_card_with_one_number_twice_is_not_ambiguous() -> None:
    """A card with the same number written twice is one candidate, not a tie with itself."""
    twice = ca.Card(1, "contacts", phones=["+7 912 345-67-89", "8 912 345 67 89"])
    index = ca.CardIndex([twice])
    assert index.ambiguous == {}
    assert index.ambiguous_keys == 0
    assert ca.match_calls([call()], index).ambiguous == ()


def test_r7_three_cards_on_one_key_are_listed_once_each() -> None:
    """Each card of a shared key is a candidate once, however many of its phones share it."""
    a = ca.Card(1, "companies", phones=["79123456789", "89123456789"])
    b = ca.Card(2, "contacts", phones=["+7 912 345-67-89"])
    c = ca.Card(3, "contacts", phones=["9123456789", "+79123456789"])
    index = ca.CardIndex([a, b, c])
    assert index.ambiguous == {"9123456789": (b, c, a)}
    assert index.lookup("8 912 345 67 89") is b


def test_r7_index_exposes_read_only_mappings() -> None:
    """`by_key` and `ambiguous` are read-only views of the index."""
    index = ca.CardIndex([IVAN])
    assert dict(index.by_key) == {"9123456789": IVAN}
    with pytest.raises(TypeError):
        index.by_key["1"] = IVAN  # type: ignore[index]
    assert index.key_function is ca.normalize_phone
    assert index.size == 1


def test_r7_index_is_reused_as_it_is() -> None:
    """A prebuilt CardIndex is used as given: the same matching as the card list."""
    calls = [call(), call("c2", phone="+7 999 000-00-00")]
    index = ca.CardIndex([IVAN])
    assert ca.match_calls(calls, index) == ca.match_calls(calls, [IVAN])


def test_r7_a_key_other_than_the_index_key_is_an_error() -> None:
    """Passing another key with a prebuilt index is an error, never silently ignored."""

    def digits(raw: str) -> str:
        return raw

    with pytest.raises(ca.InvalidValueError, match=r"'key'.*prebuilt CardIndex"):
        ca.match_calls([call()], ca.CardIndex([IVAN]), key=digits)
    own = ca.CardIndex([IVAN], key=digits)
    assert ca.match_calls([call()], own, key=digits).attached == ()


def test_r7_custom_key_replaces_the_default() -> None:
    """A pluggable key decides what matches: here only identical strings do."""
    index = ca.CardIndex([IVAN], key=str.strip)
    assert index.lookup(" 8 (912) 345-67-89 ") is IVAN
    assert index.lookup("+7 912 345-67-89") is None


def test_r4_duplicate_card_identity_is_an_error() -> None:
    """Two different cards with one (entity_type, id) are an error; an exact repeat is not."""
    ca.CardIndex([IVAN, IVAN])
    with pytest.raises(ca.InvalidValueError, match=r"unique \(entity_type, id\)"):
        ca.CardIndex([IVAN, attrs.evolve(IVAN, name="Ivan II")])


def test_r4_contact_and_company_with_one_id_are_two_cards() -> None:
    """A contact and a company may share an id: the pair is the identity."""
    index = ca.CardIndex([IVAN, ca.Card(12, "companies", phones=["+7 495 000-00-01"])])
    assert index.size == 2


@pytest.mark.parametrize(
    ("cards", "error", "message"),
    [
        ([object()], ca.InvalidTypeError, r"'cards' must hold Card objects"),
        (IVAN, ca.InvalidTypeError, r"'cards' must be an iterable of Card"),
    ],
)
def test_r7_index_rejects_what_is_not_cards(
    cards: object, error: type[Exception], message: str
) -> None:
    """Cards that are not Card objects are a TypeError naming 'cards'."""
    with pytest.raises(error, match=message):
        ca.CardIndex(cards)  # type: ignore[arg-type]


def test_r7_key_must_be_a_function_returning_str() -> None:
    """A key that is not callable, or returns something else than a str, is a TypeError."""
    with pytest.raises(ca.InvalidTypeError, match=r"'key' must be a callable"):
        ca.CardIndex([IVAN], key="digits")  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match=r"'key' must return a str"):
        ca.CardIndex([IVAN], key=len)  # type: ignore[arg-type]


def test_r7_calls_must_be_calls() -> None:
    """A non-call among the calls is a TypeError naming 'calls'."""
    with pytest.raises(ca.InvalidTypeError, match=r"'calls' must hold Call objects"):
        ca.match_calls([call(), "c2"], [IVAN])  # type: ignore[list-item]


def test_r7_calls_are_consumed_once() -> None:
    """A generator of calls is read once and fully."""
    result = ca.match_calls((call(f"c{i}") for i in range(3)), [IVAN])
    assert [c.id for c in result.attached] == ["c0", "c1", "c2"]


@given(s.calls(), st.sampled_from([IVAN, ca.Card("x", "companies")]))
def test_r7_fast_attach_equals_attrs_evolve(given_call: ca.Call, card: ca.Card) -> None:
    """The private fast copy gives exactly the call `attrs.evolve` validates, and a valid one."""
    fast = attach(given_call, card)
    slow = attrs.evolve(given_call, card_id=card.id, entity_type=card.entity_type)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert type(fast) is ca.Call
    attrs.validate(fast)
    assert fast.card_key == card.key


def test_r7_fast_attach_defers_to_a_subclass() -> None:
    """A subclass of Call is attached by its own `attach`, so its extra fields are kept."""

    @attrs.frozen
    class TaggedCall(ca.Call):
        tag: str = "vip"

    tagged = TaggedCall("t", ca.Direction.INCOMING, OLD, 5, phone="79123456789")
    attached = attach(tagged, IVAN)
    assert isinstance(attached, TaggedCall)
    assert attached.tag == "vip"
    assert attached.card_id == 12


# --- R8, R10: no card -------------------------------------------------------------------------


def test_r8_unknown_incoming_call_goes_to_unsorted() -> None:
    """An incoming telephony call from an unknown number goes to Unsorted."""
    result = ca.match_calls([call(phone="+7 999 000-00-00")], [IVAN])
    assert [c.id for c in result.unsorted] == ["c1"]
    assert result.not_saved == result.pending == result.attached == ()


def test_r8_host_without_unsorted_routing_does_not_save_unknown_incoming_calls() -> None:
    """Decision: with `unsorted_incoming=False` an unknown incoming call is not saved."""
    result = ca.match_calls([call(phone="+7 999 000-00-00")], [IVAN], unsorted_incoming=False)
    assert [c.id for c in result.not_saved] == ["c1"]
    assert result.unsorted == ()


def test_r8_unknown_outgoing_call_is_not_saved() -> None:
    """An outgoing call to a number no card has is not saved."""
    result = ca.match_calls([call(direction="outbound", phone="+7 999 000-00-00")], [IVAN])
    assert [c.id for c in result.not_saved] == ["c1"]


@pytest.mark.parametrize("direction", ["inbound", "outbound"])
def test_r10_app_call_without_card_is_not_saved_and_never_unsorted(direction: str) -> None:
    """A call made from the app without telephony and no card is not saved, never unsorted."""
    app = call(direction=direction, phone="+7 999 000-00-00", via_app=True)
    result = ca.match_calls([app], [IVAN])
    assert result.not_saved == (app,)
    assert result.unsorted == ()


def test_r10_app_call_with_a_card_is_recorded() -> None:
    """An app call whose card exists is attached like any other call."""
    app = call(direction="outbound", via_app=True)
    assert ca.match_calls([app], [IVAN]).attached[0].card_id == 12


def test_r8_unsorted_is_newest_first_ties_by_id() -> None:
    """Unsorted calls come newest first, as the events list shows them; ties by id."""
    calls = [
        call("b", at=OLD, phone="1"),
        call("a", at=OLD, phone="2"),
        call("n", at=OLD + timedelta(hours=1), phone="3"),
        call("o", at=OLD - timedelta(hours=1), phone="4"),
    ]
    assert [c.id for c in ca.match_calls(calls, []).unsorted] == ["n", "a", "b", "o"]


def test_r8_unsorted_order_is_absolute_time_across_offsets() -> None:
    """Newest first compares instants, not wall clocks of different offsets."""
    moscow = timezone(timedelta(hours=3))
    early = call("early", at=datetime(2026, 11, 2, 12, 0, tzinfo=moscow), phone="1")  # 09:00 UTC
    late = call("late", at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC), phone="2")
    assert [c.id for c in ca.match_calls([early, late], []).unsorted] == ["late", "early"]


def test_r8_unsorted_incoming_must_be_a_bool() -> None:
    """`unsorted_incoming` must be a bool, not a truthy value."""
    with pytest.raises(ca.InvalidTypeError, match=r"'unsorted_incoming' must be a bool"):
        ca.match_calls([], [], unsorted_incoming="no")  # type: ignore[arg-type]


# --- R9: the grace window ---------------------------------------------------------------------


def test_r9_young_unmatched_call_is_pending() -> None:
    """An unmatched call younger than 18 hours at `now` is pending, whatever its direction."""
    young = [
        call("in", at=NOW - timedelta(hours=5), phone="1"),
        call("out", "outbound", at=NOW - timedelta(hours=5), phone="2"),
        call("app", "outbound", at=NOW - timedelta(hours=5), phone="3", via_app=True),
    ]
    result = ca.match_calls(young, [IVAN], now=NOW)
    assert [c.id for c in result.pending] == ["in", "out", "app"]
    assert result.unsorted == result.not_saved == ()


def test_r9_call_exactly_eighteen_hours_old_is_no_longer_pending() -> None:
    """The window is `now - started < grace`: at exactly 18 h the call is unsorted, not pending."""
    at_edge = call(at=NOW - timedelta(hours=18), phone="1")
    inside = call("c2", at=NOW - timedelta(hours=18) + timedelta(microseconds=1), phone="2")
    result = ca.match_calls([at_edge, inside], [], now=NOW)
    assert [c.id for c in result.unsorted] == ["c1"]
    assert [c.id for c in result.pending] == ["c2"]


@pytest.mark.parametrize(
    ("now", "started", "pending"),
    [
        # Autumn: 19:00 CEST to 12:00 CET is 18 h of absolute time (17 h on the wall clock).
        (datetime(2026, 10, 25, 12, 0), datetime(2026, 10, 24, 19, 0), False),
        # Spring: 17:30 CET to 12:00 CEST is 17 h 30 min (18 h 30 min on the wall clock).
        (datetime(2026, 3, 29, 12, 0), datetime(2026, 3, 28, 17, 30), True),
    ],
)
def test_r9_grace_window_counts_absolute_time_across_dst(
    now: datetime, started: datetime, pending: bool
) -> None:
    """The age of a call is absolute time, even when "now" and the call share a DST zone."""
    berlin = ZoneInfo("Europe/Berlin")
    young = call(at=started.replace(tzinfo=berlin), phone="1")
    reason = unmatched_reason(young, now=now.replace(tzinfo=berlin))
    assert (reason is ca.Exclusion.PENDING) is pending


def test_r8_unsorted_order_is_absolute_time_across_a_dst_fold() -> None:
    """In the repeated hour of a DST change, the later instant (fold=1) comes first."""
    berlin = ZoneInfo("Europe/Berlin")
    first = call("first", at=datetime(2026, 10, 25, 2, 40, tzinfo=berlin), phone="1")
    second = call("second", at=datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=berlin), phone="2")
    assert [c.id for c in ca.match_calls([first, second], []).unsorted] == ["second", "first"]


def test_r9_grace_window_is_eighteen_hours_by_default() -> None:
    """The default window is the 18 hours amoCRM waits for a contact."""
    assert timedelta(hours=18) == ca.GRACE_WINDOW


def test_r9_grace_window_is_configurable() -> None:
    """A host may set its own window; zero means nothing is ever pending."""
    five_hours = call(at=NOW - timedelta(hours=5), phone="1")
    assert ca.match_calls([five_hours], [], now=NOW, grace=timedelta(hours=6)).pending
    assert not ca.match_calls([five_hours], [], now=NOW, grace=timedelta(hours=4)).pending
    assert not ca.match_calls([five_hours], [], now=NOW, grace=timedelta(0)).pending


def test_r9_without_now_nothing_is_pending() -> None:
    """The library never reads the clock: without `now`, no call is pending."""
    assert ca.match_calls([call(at=NOW, phone="1")], []).unsorted


def test_r9_call_after_now_is_pending() -> None:
    """A call that starts after `now` (a clock skew) waits like a young call."""
    future = call(at=NOW + timedelta(minutes=1), phone="1")
    assert unmatched_reason(future, now=NOW) is ca.Exclusion.PENDING


def test_r9_matched_young_call_is_attached_not_pending() -> None:
    """Matching comes first: a young call with a card is attached."""
    assert ca.match_calls([call(at=NOW)], [IVAN], now=NOW).attached


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"grace": timedelta(hours=-1)}, ca.InvalidValueError, r"'grace' must be >= 0"),
        ({"grace": 18}, ca.InvalidTypeError, r"'grace' must be a timedelta"),
        ({"now": datetime(2026, 11, 20)}, ca.InvalidValueError, r"'now' must be timezone-aware"),
    ],
)
def test_r9_bad_grace_or_now_is_an_error(
    changes: dict[str, object], error: type[Exception], message: str
) -> None:
    """A negative or non-timedelta grace, or a naive now, is an error naming it."""
    with pytest.raises(error, match=message):
        ca.match_calls([], [], **changes)  # type: ignore[arg-type]


# --- R11: every call once, one source of truth ------------------------------------------------

nows = st.none() | st.just(s.NOW)


@given(s.call_lists, s.cards, nows, st.booleans())
def test_r11_every_call_lands_in_exactly_one_tuple(
    calls: list[ca.Call], cards: list[ca.Card], now: datetime | None, unsorted: bool
) -> None:
    """Each input call is in exactly one of attached, pending, unsorted, not saved, other card."""
    result = ca.match_calls(calls, cards, now=now, unsorted_incoming=unsorted)
    out = [*result.attached, *result.pending, *result.unsorted, *result.not_saved]
    out += result.other_card
    assert len(result) == len(out) == len(calls)
    assert Counter(c.id for c in out) == Counter(c.id for c in calls)
    stripped = [attrs.evolve(c, card_id=None, entity_type=None) for c in out]
    assert Counter(stripped) == Counter(
        attrs.evolve(c, card_id=None, entity_type=None) for c in calls
    )
    assert all(c.card_id is not None for c in result.attached)
    assert all(c.card_id is None for c in [*result.pending, *result.unsorted, *result.not_saved])
    assert not any(c.via_app for c in result.unsorted)
    assert all(c.entity_type in ca.CLIENT_CARDS for c in result.attached)
    assert all(c.entity_type not in ca.CLIENT_CARDS for c in result.other_card)  # R6
    for tie in result.ambiguous:
        assert tie.candidates[0] == tie.chosen
        assert len(tie.candidates) > 1


@given(s.call_lists, s.cards, nows)
def test_r7_matching_twice_changes_nothing(
    calls: list[ca.Call], cards: list[ca.Card], now: datetime | None
) -> None:
    """Matching the attached calls again gives them back unchanged, and nothing else."""
    first = ca.match_calls(calls, cards, now=now)
    again = ca.match_calls(first.attached, cards, now=now)
    assert again.attached == first.attached
    assert again.pending == again.unsorted == again.not_saved == again.other_card == ()
    assert again.ambiguous == ()


@given(s.call_lists, s.cards, nows, st.booleans())
def test_r11_report_counts_equal_matching_tuples(
    calls: list[ca.Call], cards: list[ca.Card], now: datetime | None, unsorted: bool
) -> None:
    """The report's pending / unsorted / not-saved counts are the lengths of match_calls' tuples."""
    result = ca.match_calls(calls, cards, now=now, unsorted_incoming=unsorted)
    managers = [ca.Manager(i, f"M{i}") for i in range(1, 7)]
    report = ca.build_report(calls, managers, cards=cards, now=now, unsorted_incoming=unsorted)
    assert report.excluded[ca.Exclusion.PENDING] == len(result.pending)
    assert report.excluded[ca.Exclusion.UNSORTED] == len(result.unsorted)
    assert report.excluded[ca.Exclusion.NOT_SAVED] == len(result.not_saved)


@given(s.call_lists, s.managers(), s.cards, nows, st.booleans())
def test_r11_report_reconciles_with_the_input(
    calls: list[ca.Call],
    managers: list[ca.Manager],
    cards: list[ca.Card],
    now: datetime | None,
    unsorted: bool,
) -> None:
    """Included + excluded = input, for any calls, managers and cards."""
    report = ca.build_report(calls, managers, cards=cards, now=now, unsorted_incoming=unsorted)
    total = report.total.total + report.unassigned.total + sum(report.excluded.values())
    assert total == len(calls) == report.calls


def test_r4_the_same_card_given_twice_is_indexed_once() -> None:
    """A card listed twice (equal in every field) is one card, not a tie with itself."""
    card = ca.Card(1, "contacts", phones=["204"])
    index = ca.CardIndex([card, ca.Card(1, "contacts", phones=["204"])])
    assert (index.size, index.ambiguous_keys, index.lookup("204")) == (1, 0, card)
