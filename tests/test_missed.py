"""Missed calls and callbacks (R31, R32), wait and service level (R33), reconciliation (R38).

Expected figures are computed by hand in each scenario, or by the reference of R32 written
here (a quadratic search of the calls after each missed call), never by the code under test.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._views.i18n import _TEXT, count_words
from tests import strategies as strat

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ANNA, BORIS, VERA = ca.Manager(1, "Anna"), ca.Manager(2, "Boris"), ca.Manager(3, "Vera")
MANAGERS = [ANNA, BORIS, VERA]
PHONE = "+7 912 345-67-89"


def mk(
    id: str,
    direction: str,
    minute: float,
    duration: int = 0,
    manager: ca.Id | None = 1,
    *,
    phone: str = PHONE,
    card: ca.Id | None = 10,
    at: datetime = AT,
    **more: Any,
) -> ca.Call:
    """A call *minute* minutes after *at* (in absolute time), in contact card *card*."""
    return ca.Call(
        id=id,
        direction=direction,
        started_at=(at.astimezone(UTC) + timedelta(minutes=minute)).astimezone(at.tzinfo),
        duration=duration,
        phone=phone,
        manager_id=manager,
        card_id=card,
        entity_type=None if card is None else "contacts",
        **more,
    )


# --- R31: answered ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "duration", "answered"),
    [
        (None, 0, False),
        (None, 1, True),
        (4, 0, True),
        (4, 60, True),
        (1, 30, False),
        (3, 30, False),
        (6, 30, False),
        (7, 30, False),
        (2, 30, False),
        (5, 30, False),
    ],
)
def test_r31_answered_by_default(status: int | None, duration: int, answered: bool) -> None:
    """Status 4 is answered; with no status a duration above zero; any other status is not."""
    call = mk("a", "inbound", 0, duration, status=status)
    assert ca.is_answered(call) is answered
    missed = ca.missed_calls([call], MANAGERS)
    assert (missed.total.answered, missed.total.missed) == ((1, 0) if answered else (0, 1))


def test_r31_the_host_replaces_the_answered_rule() -> None:
    """A host rule (answered when it lasted 10 s or more) decides instead of R31's default."""
    calls = [mk("a", "inbound", 0, 9, status=4), mk("b", "inbound", 1, 10, status=6)]
    missed = ca.missed_calls(calls, MANAGERS, answered=lambda call: call.duration >= 10)
    assert [m.call.id for m in missed.misses] == ["a"]
    assert missed.row(1).answered == 1


def test_r31_answered_must_be_callable_and_say_yes_or_no() -> None:
    """A rule that is not callable, or answers other than True/False, is an error naming it."""
    with pytest.raises(ca.InvalidTypeError, match="'answered' must be a callable"):
        ca.missed_calls([], MANAGERS, answered=True)
    with pytest.raises(ca.InvalidTypeError, match=r"'answered' must return True or False .*'a'"):
        ca.missed_calls([mk("a", "inbound", 0)], MANAGERS, answered=lambda call: 1)


# --- R32: callbacks ---------------------------------------------------------------------------


def test_r32_called_back_by_boris_after_7_minutes_and_reached() -> None:
    """A callback answered 7 minutes later: called back in time, reached, median 420 s."""
    calls = [mk("m", "inbound", 0), mk("b", "outbound", 7, 95, 2, phone="89123456789")]
    missed = ca.missed_calls(calls, MANAGERS)
    anna = missed.row(1)
    assert (anna.missed, anna.called_back, anna.called_back_in_time, anna.reached) == (1, 1, 1, 1)
    assert (anna.open, anna.lost, anna.median_callback) == (0, 0, 420.0)
    assert missed.row(2).missed == 0  # the callback is counted under the missed call's row
    [miss] = missed.misses
    assert (miss.state, miss.callback_after, miss.reached_after) == (
        "reached",
        timedelta(minutes=7),
        timedelta(minutes=7),
    )
    sentence = missed.explain(calls[0]).text
    assert "Called back by Boris after 7 minutes, in time (within 15 minutes)." in sentence
    assert "The callback was answered" in sentence
    russian = missed.explain(calls[0], lang="ru").text
    assert "Перезвонили через 7 минут (Boris), вовремя (в течение 15 минут)." in russian


def test_r32_late_callback_then_the_client_rings_again() -> None:
    """Called back unanswered after 20 min (late), reached when the client rang at 60 min."""
    calls = [
        mk("m", "inbound", 0),
        mk("cb", "outbound", 20, 0, 2),
        mk("again", "inbound", 60, 30, 3),
    ]
    missed = ca.missed_calls(calls, MANAGERS)
    total = missed.total
    assert (total.missed, total.called_back, total.called_back_in_time, total.reached) == (
        1,
        1,
        0,
        1,
    )
    assert total.median_callback == 1200.0
    assert total.answered == 1
    assert total.incoming == 2
    miss = missed.miss("m")
    assert miss is not None
    assert miss.reached_by == calls[2]
    sentence = missed.explain(calls[0]).text
    assert "Called back by Boris after 20 minutes, later than 15 minutes." in sentence
    assert "The client called again after 1 hour and Vera answered" in sentence


def test_r32_still_open_for_3_hours() -> None:
    """Not called back, "now" 3 hours later: open; the sentence says for how long."""
    call = mk("m", "inbound", 0)
    missed = ca.missed_calls([call], MANAGERS, now=AT + timedelta(hours=3))
    assert (missed.total.missed, missed.total.open, missed.total.called_back) == (1, 1, 0)
    assert missed.total.median_callback is None
    text = missed.explain(call).text
    assert "Not called back. Still open for 3 hours." in text
    assert "Открыт уже 3 часа." in missed.explain(call, lang="ru").text
    without_now = ca.missed_calls([call], MANAGERS)
    assert without_now.total.open == 1
    assert "Not reached in the calls given" in without_now.explain(call).text


def test_r32_given_up_after_the_give_up_window() -> None:
    """Not reached for 3 days with a 1-day give-up window: lost, not open."""
    calls = [mk("m", "inbound", 0), mk("cb", "outbound", 5, 0, 2)]
    now = AT + timedelta(days=3, minutes=1)
    missed = ca.missed_calls(calls, MANAGERS, now=now, give_up=timedelta(days=1))
    assert (missed.total.lost, missed.total.open, missed.total.called_back) == (1, 0, 1)
    assert "Given up: not reached for 3 days, longer than the give-up window of 1 day." in (
        missed.explain(calls[0]).text
    )
    assert "given up after 1 day" in missed.table()
    young = ca.missed_calls(calls, MANAGERS, now=now, give_up=timedelta(days=4))
    assert (young.total.lost, young.total.open) == (0, 1)


def test_r32_an_outgoing_call_after_the_client_was_reached_is_no_callback() -> None:
    """The client rang again and was answered; a later outgoing call is a new conversation."""
    calls = [mk("m", "inbound", 0), mk("in", "inbound", 3, 40), mk("out", "outbound", 9, 0, 2)]
    missed = ca.missed_calls(calls, MANAGERS)
    assert (missed.total.called_back, missed.total.reached) == (0, 1)


def test_r32_one_callback_calls_back_every_missed_call_before_it() -> None:
    """Two misses at 0 and 4 min, a callback at 10: times 10 and 6 min, median 8 min."""
    calls = [mk("m1", "inbound", 0), mk("m2", "inbound", 4), mk("cb", "outbound", 10, 0, 2)]
    missed = ca.missed_calls(list(reversed(calls)), MANAGERS)
    assert missed.total.called_back == 2
    assert missed.total.called_back_in_time == 2
    assert missed.total.median_callback == 480.0
    assert missed.total.reached == 0
    assert missed.total.open == 2
    [first, second] = missed.misses
    assert (first.call.id, second.call.id) == ("m1", "m2")


def test_r32_other_numbers_do_not_call_back() -> None:
    """A call to another number, or a missed call with no number, calls back nothing."""
    calls = [
        mk("m", "inbound", 0),
        mk("x", "outbound", 1, 50, phone="+7 999 111-22-33"),
        mk("nophone", "inbound", 2, phone=""),
        mk("y", "outbound", 3, 50, phone=""),
    ]
    missed = ca.missed_calls(calls, MANAGERS)
    assert (missed.total.missed, missed.total.called_back) == (2, 0)
    assert "It has no phone number" in missed.explain(calls[2]).text
    assert "A missed incoming call from an unknown number at" in missed.explain(calls[2]).text
    assert "звонок с неизвестного номера в" in missed.explain(calls[2], lang="ru").text


def test_r32_a_leg_at_the_same_instant_reaches_the_missed_call() -> None:
    """An answered call starting at the same second as the miss reaches it, in any order."""
    calls = [mk("z-miss", "inbound", 0), mk("a-leg", "inbound", 0, 30, 2)]
    for order in (calls, calls[::-1]):
        missed = ca.missed_calls(order, MANAGERS)
        assert missed.total.reached == 1
        miss = missed.misses[0]
        assert miss.reached_after == timedelta(0)
        assert "after 0 seconds" in missed.explain(calls[0]).text


def test_r32_a_call_after_now_has_not_happened_yet() -> None:
    """With "now", a callback that starts after it does not call back (as of now)."""
    calls = [mk("m", "inbound", 0), mk("cb", "outbound", 30, 20, 2)]
    missed = ca.missed_calls(calls, MANAGERS, now=AT + timedelta(minutes=10))
    assert (missed.total.called_back, missed.total.open) == (0, 1)


def test_r32_credited_to_the_cards_responsible_manager() -> None:
    """A missed call with no manager goes to its card's responsible; with none, unassigned."""
    cards = [
        ca.Card(10, "contacts", phones=[PHONE], manager_id=2),
        ca.Card(11, "contacts", phones=["+7 495 000-00-01"], manager_id=99),
        ca.Card(12, "companies", phones=["204"], manager_id=3),
    ]
    calls = [
        mk("own", "inbound", 0, manager=None),  # in card 10: Boris
        mk("matched", "inbound", 1, manager=None, card=None, phone="204"),  # matched: Vera
        mk("foreign", "inbound", 2, manager=None, card=11, phone="+7 495 000-00-01"),
        mk("mine", "inbound", 3, manager=1),
    ]
    managers = [ANNA, BORIS, ca.Manager(3, "Vera", active=False)]
    missed = ca.missed_calls(calls, managers, cards=cards)
    assert [(row.manager.name, row.missed) for row in missed.rows] == [
        ("Anna", 1),
        ("Boris", 1),
        ("Vera", 1),
    ]
    assert missed.unassigned.missed == 1  # card 11's manager 99 is not in the account (R13)
    assert missed.total.missed == 4
    assert "the responsible manager of its card" in missed.explain(calls[0]).text
    assert "counted under No manager" in missed.explain(calls[2]).text
    by_index = ca.missed_calls(calls, managers, cards=ca.CardIndex(cards))
    assert by_index.to_dicts() == missed.to_dicts()


def test_r32_callbacks_are_found_whatever_the_filter() -> None:
    """The filter chooses the missed calls; a callback by another manager still counts."""
    calls = [mk("m", "inbound", 0, manager=1), mk("cb", "outbound", 5, 20, 2)]
    only_anna = ca.Filter(manager_ids=[1])
    missed = ca.missed_calls(calls, MANAGERS, filter=only_anna)
    assert [row.manager.name for row in missed.rows] == ["Anna"]
    assert (missed.total.called_back, missed.excluded[ca.Exclusion.MANAGER]) == (1, 1)
    incoming_only = ca.missed_calls(calls, MANAGERS, filter=ca.Filter(directions=["inbound"]))
    assert incoming_only.total.called_back == 1
    assert incoming_only.outgoing == 0


def test_r32_duplicates_and_other_accounts_do_not_call_back() -> None:
    """A resent call (R28) and a call of a manager outside the account (R13) call nobody back."""
    calls = [mk("m", "inbound", 0), mk("m", "outbound", 2, 10, 2), mk("x", "outbound", 3, 10, 99)]
    missed = ca.missed_calls(calls, MANAGERS)
    assert missed.total.called_back == 0
    assert missed.excluded[ca.Exclusion.DUPLICATE] == 1
    assert missed.excluded[ca.Exclusion.UNKNOWN_MANAGER] == 1
    assert missed.calls == 3


def test_r32_unmatched_calls_still_call_back() -> None:
    """An outgoing call with no card is not in the report but did call the client back."""
    calls = [mk("m", "inbound", 0), mk("cb", "outbound", 4, 30, 2, card=None)]
    missed = ca.missed_calls(calls, MANAGERS, cards=[])
    assert missed.excluded[ca.Exclusion.NOT_SAVED] == 1
    assert (missed.total.called_back, missed.total.reached, missed.outgoing) == (1, 1, 0)


def test_r32_callback_across_the_dst_fall_back() -> None:
    """Berlin, 25 Oct 2026: a miss at 02:55 CEST, a callback at 02:05 CET is 10 minutes later."""
    berlin = ZoneInfo("Europe/Berlin")
    miss_at = datetime(2026, 10, 25, 2, 55, tzinfo=berlin)  # fold=0: CEST, 00:55 UTC
    back_at = datetime(2026, 10, 25, 2, 5, fold=1, tzinfo=berlin)  # CET, 01:05 UTC
    calls = [mk("m", "inbound", 0, at=miss_at), mk("cb", "outbound", 0, 30, 2, at=back_at)]
    for order in (calls, calls[::-1]):
        missed = ca.missed_calls(order, MANAGERS)
        assert missed.total.called_back_in_time == 1
        assert missed.total.median_callback == 600.0
    day = ca.Period.days(datetime(2026, 10, 25).date(), datetime(2026, 10, 25).date(), tz=berlin)
    in_day = ca.missed_calls(calls, MANAGERS, filter=ca.Filter(period=day))
    assert in_day.total.missed == 1
    assert in_day.total.called_back == 1


def test_r32_callback_across_the_year_boundary() -> None:
    """A miss at 23:55 on 31 Dec, called back at 00:03 on 1 Jan, outside the year's period."""
    moscow = ZoneInfo("Europe/Moscow")
    calls = [
        mk("m", "inbound", 0, at=datetime(2026, 12, 31, 23, 55, tzinfo=moscow)),
        mk("cb", "outbound", 0, 12, 2, at=datetime(2027, 1, 1, 0, 3, tzinfo=moscow)),
    ]
    year = ca.Period.preset("this_year", now=datetime(2026, 12, 31, 12, tzinfo=UTC), tz=moscow)
    missed = ca.missed_calls(calls, MANAGERS, filter=ca.Filter(period=year))
    assert missed.excluded[ca.Exclusion.PERIOD] == 1
    assert (missed.total.missed, missed.total.called_back_in_time) == (1, 1)
    assert missed.total.median_callback == 480.0


# --- R33: wait and service level ---------------------------------------------------------------


def test_r33_wait_and_service_level() -> None:
    """Waits 5, 20, 30 s and one unknown: 2 of 3 within 20 s, average 19 s (55/3 up), median 20."""
    calls = [
        mk("a", "inbound", 0, 60, wait=5),
        mk("b", "inbound", 1, 60, wait=20),
        mk("c", "inbound", 2, 60, wait=30),
        mk("d", "inbound", 3, 60),
        mk("e", "inbound", 4, 0, wait=40),  # missed: its wait is not an answer time
        mk("f", "inbound", 5, 60, 2, wait=8),
        mk("g", "inbound", 6, 60, 2, wait=12),
    ]
    missed = ca.missed_calls(calls, MANAGERS)
    anna = missed.row(1)
    assert (anna.answered, anna.waited, anna.no_wait, anna.answered_within) == (4, 3, 1, 2)
    assert (anna.average_wait, anna.median_wait) == (19, 20.0)
    assert anna.service_level == pytest.approx(2 / 3)
    boris = missed.row(2)
    assert (boris.median_wait, boris.average_wait, boris.service_level) == (10.0, 10, 1.0)
    vera = missed.row(3)
    assert (vera.waited, vera.average_wait, vera.median_wait, vera.service_level) == (
        0,
        None,
        None,
        None,
    )
    total = missed.total
    assert (total.waited, total.answered_within, total.no_wait) == (5, 4, 1)
    assert total.median_wait == 12.0
    strict = ca.missed_calls(calls, MANAGERS, answer_within=timedelta(seconds=10))
    assert strict.total.answered_within == 2
    assert "answered within 10 seconds" in strict.table()


# --- Bad arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"within": timedelta(minutes=-1)}, ca.InvalidValueError, "'within' must be >= 0"),
        ({"within": 15}, ca.InvalidTypeError, "'within' must be a timedelta"),
        ({"give_up": timedelta(-1)}, ca.InvalidValueError, "'give_up' must be >= 0"),
        ({"give_up": "1d"}, ca.InvalidTypeError, "'give_up' must be a timedelta or None"),
        ({"answer_within": None}, ca.InvalidTypeError, "'answer_within' must be a timedelta"),
        ({"ordered": "yes"}, ca.InvalidTypeError, "'ordered' must be a bool"),
        ({"columns": {"a": "id"}}, ca.InvalidValueError, "'columns' must be None"),
        ({"cards": ca.Card(1, "contacts")}, ca.InvalidTypeError, "'cards' must be an iterable"),
        ({"key": "digits"}, ca.InvalidTypeError, "'key' must be a callable"),
    ],
)
def test_bad_arguments_name_the_parameter(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    """Each bad argument is an error naming the parameter and the value."""
    with pytest.raises(error, match=message):
        ca.missed_calls([], MANAGERS, **options)


def test_ordered_calls_must_come_in_time_order() -> None:
    """With ordered=True, a call that starts before the one before it is an error."""
    calls = [mk("late", "inbound", 5), mk("early", "outbound", 1)]
    with pytest.raises(ca.InvalidValueError, match=r"'calls' must be in the order.*'early'"):
        ca.missed_calls(calls, MANAGERS, ordered=True)


def test_ordered_reads_a_generator_once() -> None:
    """A generator in time order is read as a stream: the same figures as the sorted path."""
    calls = [mk("m", "inbound", 0), mk("cb", "outbound", 7, 30, 2), mk("n", "inbound", 8)]
    streamed = ca.missed_calls((call for call in calls), MANAGERS, ordered=True)
    assert streamed.to_dicts() == ca.missed_calls(calls, MANAGERS).to_dicts()
    assert streamed.total.missed == 2
    assert streamed.total.reached == 1


# --- Views --------------------------------------------------------------------------------------


def scenario() -> ca.MissedCalls:
    calls = [
        mk("m", "inbound", 0),
        mk("cb", "outbound", 7, 95, 2),
        mk("a", "inbound", 9, 60, 2, wait=10),
        mk("robot", "inbound", 10, 0, None, card=None, phone="555"),
        mk("ghost", "outbound", 11, 0, None, card=None, phone="556"),
    ]
    managers = [ca.Manager(1, "Anna <b>"), BORIS, ca.Manager(4, "Old", active=False)]
    return ca.missed_calls(calls, managers, cards=[ca.Card(20, "contacts", phones=["555"])])


def test_views_records_table_html_and_pandas() -> None:
    """to_dicts, the table, HTML and pandas show the same rows, total and unassigned line."""
    missed = scenario()
    records = missed.to_dicts()
    assert [(r["kind"], r["manager"], r["missed"], r["answered"]) for r in records] == [
        ("manager", "Anna <b>", 1, 0),
        ("manager", "Boris", 0, 1),
        ("total", "Total", 2, 1),
        ("unassigned", "No manager", 1, 0),
    ]
    assert records[1]["service_level"] == 1.0
    assert records[1]["average_wait"] == 10
    assert missed.to_dicts(lang="ru")[2]["manager"] == "Итого"
    assert missed.calls == 5
    assert missed.outgoing == 1
    assert missed.excluded[ca.Exclusion.NOT_SAVED] == 1
    table = missed.table()
    assert table.startswith("Missed calls and callbacks\n")
    assert "00:07:00" in table
    assert "100.0%" in table
    assert "5 calls given; outgoing: 1; not in the report: 1 (not saved (no card): 1)" in table
    assert str(missed) == table
    assert "Пропущено" in missed.table(lang="ru")
    html = missed._repr_html_()
    assert "Anna &lt;b&gt;" in html
    assert "<b>" not in html
    assert html.count("<tr") == 5
    frame = missed.to_pandas()
    assert list(frame.columns)[:6] == [
        "kind",
        "manager_id",
        "manager",
        "group",
        "active",
        "incoming",
    ]
    assert str(frame["missed"].dtype) == "int64"
    assert str(frame["median_callback"].dtype) == "float64"
    assert str(frame["average_wait"].dtype) == "Int64"
    assert str(frame["manager_id"].dtype) == "Int64"
    assert frame["median_callback"].tolist()[0] == 420.0
    assert len(missed) == 2
    assert [row.manager.id for row in missed] == [1, 2]


def test_views_string_ids_and_no_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text manager ids stay objects; without pandas, to_pandas names the extra."""
    missed = ca.missed_calls([], [ca.Manager("u1", "Anna")])
    assert str(missed.to_pandas()["manager_id"].dtype) == "object"
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ca.MissingExtraError, match="pandas"):
        missed.to_pandas()


def test_explain_calls_that_are_not_missed() -> None:
    """An answered call, an outgoing one and an excluded one each get their own sentence."""
    calls = [mk("in", "inbound", 0, 30), mk("out", "outbound", 1, 0), mk("x", "outbound", 2, 5, 99)]
    missed = ca.missed_calls(calls, MANAGERS)
    answered = missed.explain(calls[0])
    assert answered.included
    assert answered.reason is None
    assert (
        answered.text == "The call is not a missed call: it is an incoming call that was answered."
    )
    assert "outgoing call" in missed.explain(calls[1]).text
    assert "Это не пропущенный звонок" in missed.explain(calls[1], lang="ru").text
    excluded = missed.explain(calls[2])
    assert excluded.reason is ca.Exclusion.UNKNOWN_MANAGER
    assert not excluded.included
    with pytest.raises(ca.InvalidTypeError, match="'call' must be a Call"):
        missed.explain("in")  # type: ignore[arg-type]
    assert missed.miss("in") is None
    assert missed.miss(calls[0]) is None
    with pytest.raises(ca.UnknownManagerError, match="'manager_id' has no row"):
        missed.row(42)


def test_explain_a_callback_by_nobody_and_a_reach_by_an_outgoing_call() -> None:
    """A callback with no manager, and a later answered outgoing call that reaches the client."""
    calls = [mk("m", "inbound", 0), mk("cb", "outbound", 2, 0, None), mk("r", "outbound", 90, 9, 3)]
    missed = ca.missed_calls(calls, MANAGERS)
    sentence = missed.explain(calls[0]).text
    assert "Called back by a call with no manager after 2 minutes" in sentence
    assert "The client was reached after 1 hour 30 minutes, by a call of Vera." in sentence
    ru = missed.explain(calls[0], lang="ru").text
    assert "(без менеджера)" in ru
    assert "С клиентом связались через 1 час 30 минут (Vera)." in ru


def test_texts_exist_in_both_languages() -> None:
    """Every text key has a Russian and an English text."""
    assert set(_TEXT["ru"]) == set(_TEXT["en"])


@pytest.mark.parametrize(
    ("count", "ru", "en"),
    [
        (1, "1 минуту", "1 minute"),
        (2, "2 минуты", "2 minutes"),
        (4, "4 минуты", "4 minutes"),
        (5, "5 минут", "5 minutes"),
        (11, "11 минут", "11 minutes"),
        (12, "12 минут", "12 minutes"),
        (21, "21 минуту", "21 minutes"),
        (22, "22 минуты", "22 minutes"),
        (25, "25 минут", "25 minutes"),
        (111, "111 минут", "111 minutes"),
    ],
)
def test_russian_plural_forms(count: int, ru: str, en: str) -> None:
    """1 минуту, 2 минуты, 5 минут; 11–14 take the many form, 21 the one form."""
    assert count_words(count, "minute", "ru") == ru
    assert count_words(count, "minute", "en") == en


# --- Frames -------------------------------------------------------------------------------------


def frame_calls() -> list[ca.Call]:
    return [
        mk("m", "inbound", 0),
        mk("cb", "outbound", 7, 95, 2, wait=3),
        mk("a", "inbound", 9, 60, 2, wait=10),
        mk("n", "inbound", 10, 0, None, card=None, phone="204"),
        mk("m", "inbound", 11),  # a duplicate
        mk("late", "inbound", 40, 0, 3, phone="+7 999 111-22-33"),
    ]


def as_columns(calls: list[ca.Call]) -> dict[str, list[Any]]:
    """The columns of a frame of *calls*: the fields they set."""
    return {
        "id": [c.id for c in calls],
        "direction": [c.direction.value for c in calls],
        "started_at": [c.started_at for c in calls],
        "duration": [c.duration for c in calls],
        "phone": [c.phone for c in calls],
        "manager_id": [c.manager_id for c in calls],
        "card_id": [c.card_id for c in calls],
        "entity_type": [None if c.entity_type is None else c.entity_type.value for c in calls],
        "wait": [c.wait for c in calls],
    }


def test_frames_give_the_same_result_as_objects() -> None:
    """A pandas frame, a polars frame and a polars lazy frame give the objects' figures."""
    import pandas as pd
    import polars as pl

    calls = frame_calls()
    cards = [ca.Card(30, "companies", phones=["204"], manager_id=3)]
    expected = ca.missed_calls(calls, MANAGERS, cards=cards)
    columns = as_columns(calls)
    panda = pd.DataFrame(columns)
    panda["started_at"] = pd.to_datetime(panda["started_at"], utc=True)
    polar = pl.from_pandas(panda)
    card_frame = pd.DataFrame(
        {"id": [30], "entity_type": ["companies"], "phone": ["204"], "manager_id": [3]}
    )
    for frame in (panda, polar, polar.lazy()):
        missed = ca.missed_calls(frame, MANAGERS, cards=card_frame)
        assert missed.to_dicts() == expected.to_dicts()
        assert dict(missed.excluded) == dict(expected.excluded)
        assert [m.call.id for m in missed.misses] == [m.call.id for m in expected.misses]
    renamed = panda.rename(columns={"id": "uniq"})
    by_name = ca.missed_calls(renamed, MANAGERS, columns={"uniq": "id"})
    assert by_name.to_dicts() == ca.missed_calls(calls, MANAGERS).to_dicts()


def test_frames_are_checked_as_the_report_checks_them() -> None:
    """A bad value in a frame is the columnar engine's error: field, value, rows."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "id": ["a"],
            "direction": ["sideways"],
            "duration": [1],
            "started_at": pd.to_datetime(["2026-11-02"], utc=True),
        }
    )
    with pytest.raises(ca.InvalidValueError, match=r"'direction' must be one of .*1 row"):
        ca.missed_calls(frame, MANAGERS)
    from callanalytics._engines.frames import calls_of_frame

    with pytest.raises(ca.InvalidTypeError, match="'calls' must be Call objects or a data frame"):
        calls_of_frame(object())


# --- R38: every call accounted for, and the calls report's figures -----------------------------


def reference(
    calls: list[ca.Call], routing: Any, now: datetime | None
) -> dict[str, tuple[str | None, str | None]]:
    """R32 by brute force: per missed call id, (callback id, reaching call id)."""
    seen: set[str] = set()
    routed = [routing.route(call, seen) for call in calls]
    usable = [
        r for r in routed if r.reason not in (ca.Exclusion.DUPLICATE, ca.Exclusion.UNKNOWN_MANAGER)
    ]

    def utc(call: ca.Call) -> datetime:
        return call.started_at.astimezone(UTC)

    out: dict[str, tuple[str | None, str | None]] = {}
    for r in usable:
        miss = r.call
        if r.reason is not None or not miss.incoming or ca.is_answered(miss):
            continue
        key = ca.normalize_phone(miss.phone)
        after = []
        for o in usable:
            c = o.call
            if o is r or not key or ca.normalize_phone(c.phone) != key or utc(c) < utc(miss):
                continue
            if now is not None and utc(c) > now.astimezone(UTC):
                continue
            if c.incoming and not ca.is_answered(c):
                continue
            after.append((utc(c), 1 if not c.incoming else 2, c.id, c))
        after.sort(key=lambda item: item[:3])
        reach = next((i for i, item in enumerate(after) if ca.is_answered(item[3])), None)
        upto = after if reach is None else after[: reach + 1]
        back = next((item[3].id for item in upto if not item[3].incoming), None)
        out[miss.id] = (back, None if reach is None else after[reach][3].id)
    return out


@st.composite
def waited_calls(draw: st.DrawFn) -> ca.Call:
    """A call of the shared strategies, in any zone (DST days too), often with a wait."""
    call = draw(st.one_of(strat.calls(), strat.zoned_calls()))
    return attrs.evolve(call, wait=draw(st.none() | st.integers(min_value=0, max_value=60)))


accounts = st.tuples(
    strat.managers(),
    st.none() | strat.cards,
    st.lists(waited_calls(), max_size=30, unique_by=lambda c: c.id),
    st.none() | strat.filters(),
    st.none() | st.just(strat.NOW),
    st.none() | st.sampled_from([timedelta(0), timedelta(days=3)]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accounts, st.randoms(use_true_random=False))
def test_r38_every_call_is_accounted_for_and_agrees_with_the_report(
    account: tuple[Any, ...], rnd: random.Random
) -> None:
    """Missed + answered + outgoing + excluded = calls; the report's figures; order-free; R32."""
    managers, cards, calls, flt, now, give_up = account
    known = {m.id for m in managers}
    if flt is not None and flt.manager_ids is not None and not flt.manager_ids <= known:
        flt = attrs.evolve(flt, manager_ids=None)
    options: dict[str, Any] = {"cards": cards, "filter": flt, "now": now}
    missed = ca.missed_calls(calls, managers, give_up=give_up, **options)
    report = ca.build_report(calls, managers, **options)
    total = missed.total
    # R38: every call given is somewhere, with the report's reasons
    assert total.missed + total.answered + missed.outgoing + sum(missed.excluded.values()) == len(
        calls
    )
    assert missed.calls == report.calls == len(calls)
    assert dict(missed.excluded) == dict(report.excluded)
    assert total.incoming == report.total.incoming + report.unassigned.incoming
    assert missed.outgoing == report.total.outgoing + report.unassigned.outgoing
    report_rows = {row.manager.id for row in report.rows}
    assert report_rows <= {row.manager.id for row in missed.rows}
    # totals are the rows and the unassigned line; the states split the missed calls
    for name in ("incoming", "answered", "missed", "called_back", "reached", "open", "lost"):
        rows = sum(getattr(row, name) for row in missed.rows)
        assert getattr(total, name) == rows + getattr(missed.unassigned, name)
    assert total.reached + total.open + total.lost == total.missed == len(missed.misses)
    assert total.called_back_in_time <= total.called_back <= total.missed
    assert total.waited + total.no_wait == total.answered
    assert total.answered_within <= total.waited
    if give_up is None or now is None:
        assert total.lost == 0
    # R32 against the brute-force reference
    expected = reference(calls, missed.routing, now)
    got = {
        m.call.id: (
            None if m.callback is None else m.callback.id,
            None if m.reached_by is None else m.reached_by.id,
        )
        for m in missed.misses
    }
    assert got == expected
    # order independence, and the stream of calls in time order
    shuffled = list(calls)
    rnd.shuffle(shuffled)
    again = ca.missed_calls(shuffled, managers, give_up=give_up, **options)
    assert again.to_dicts() == missed.to_dicts()
    assert [m.call.id for m in again.misses] == [m.call.id for m in missed.misses]
    in_time = sorted(calls, key=lambda c: c.started_at.astimezone(UTC))
    streamed = ca.missed_calls(iter(in_time), managers, give_up=give_up, ordered=True, **options)
    assert streamed.to_dicts() == missed.to_dicts()


def test_r38_the_sample_account_reconciles() -> None:
    """On the sample account, every call is counted or excluded, as in the calls report."""
    account = ca.sample_account(600, seed=3)
    missed = ca.missed_calls(account.calls, account.managers, cards=account.cards, now=account.now)
    report = ca.build_report(account.calls, account.managers, cards=account.cards, now=account.now)
    assert missed.total.incoming == report.total.incoming + report.unassigned.incoming
    assert missed.calls == 600
    assert missed.total.incoming + missed.outgoing + sum(missed.excluded.values()) == missed.calls


def test_other_zones_and_offsets_agree() -> None:
    """The same calls written in another offset give the same figures (instants compare)."""
    calls = [mk("m", "inbound", 0), mk("cb", "outbound", 7, 30, 2)]
    shifted = [
        attrs.evolve(c, started_at=c.started_at.astimezone(timezone(timedelta(hours=-5))))
        for c in calls
    ]
    assert (
        ca.missed_calls(shifted, MANAGERS).to_dicts() == ca.missed_calls(calls, MANAGERS).to_dicts()
    )
