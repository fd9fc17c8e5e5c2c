"""Why a call is or is not in the report, in English and in Russian (R6–R25)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._model.e164 import e164_key
from callanalytics._model.period import Period
from tests.builders import make_call

from . import strategies as s

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
ANNA, BORIS = ca.Manager(1, "Anna"), ca.Manager(2, "Boris")
MANAGERS = [ANNA, BORIS]
IVAN = ca.Card(12, "contacts", "Ivan", phones=["8 (912) 345-67-89"])
ACME = ca.Card(7, "companies", "Acme", phones=["+7 495 000-00-01"])


NO_CARD: dict[str, Any] = {"card_id": None, "entity_type": None}
UNKNOWN: dict[str, Any] = {**NO_CARD, "phone": "+7 999 000-00-00"}

# One call and the explain() arguments that exclude it for each reason (R11).
SCENARIOS: dict[ca.Exclusion, tuple[ca.Call, dict[str, Any]]] = {
    ca.Exclusion.DUPLICATE: (make_call(), {"before": ["c0", "c1"]}),
    ca.Exclusion.PENDING: (
        make_call(**UNKNOWN, started_at=NOW - timedelta(hours=5)),
        {"cards": [IVAN], "now": NOW},
    ),
    ca.Exclusion.UNSORTED: (make_call(**UNKNOWN), {"cards": [IVAN]}),
    ca.Exclusion.NOT_SAVED: (make_call(**UNKNOWN, direction="outbound"), {"cards": [IVAN]}),
    ca.Exclusion.OTHER_CARD: (make_call(card_id=4242, entity_type="leads"), {}),
    ca.Exclusion.UNKNOWN_MANAGER: (make_call(manager_id=777001), {}),
    ca.Exclusion.PERIOD: (
        make_call(),
        {"filter": ca.Filter(period=Period(NOW - timedelta(days=7), NOW))},
    ),
    ca.Exclusion.ENTITY: (make_call(), {"filter": ca.Filter(entity_types=["companies"])}),
    ca.Exclusion.MANAGER: (make_call(), {"filter": ca.Filter(manager_ids=[2])}),
    ca.Exclusion.DURATION: (make_call(), {"filter": ca.Filter(min_duration=300)}),
    ca.Exclusion.STATUS: (make_call(), {"filter": ca.Filter(statuses=[ca.CallStatus.BUSY])}),
    ca.Exclusion.DIRECTION: (make_call(), {"filter": ca.Filter(directions=["outbound"])}),
}


def explain(call: ca.Call, lang: str = "en", **kwargs: Any) -> ca.Explanation:
    return ca.explain(call, MANAGERS, lang=lang, **kwargs)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("reason", list(ca.Exclusion))
def test_r11_every_exclusion_has_its_sentence(reason: ca.Exclusion, lang: str) -> None:
    """Each reason a call can be left out for is explained, in both languages, fully filled in."""
    call, kwargs = SCENARIOS[reason]
    answer = explain(call, lang, **kwargs)
    assert answer.reason is reason
    assert not answer.included
    assert answer.available
    assert "{" not in answer.text
    assert str(answer) == answer.text
    assert answer.text != explain(call, "en" if lang == "ru" else "ru", **kwargs).text


@pytest.mark.parametrize("reason", list(ca.Exclusion))
def test_r11_explain_gives_the_reason_the_report_counts(reason: ca.Exclusion) -> None:
    """The report built with the same arguments counts the call under the explained reason."""
    call, kwargs = SCENARIOS[reason]
    kwargs = dict(kwargs)
    before = kwargs.pop("before", ())
    earlier = [make_call(id=i, duration=1) for i in before]
    report = ca.build_report([*earlier, call], MANAGERS, **kwargs)
    assert report.excluded[reason] == 1
    assert report.explain(call, before=before) == explain(call, before=before, **kwargs)


# --- In the report ----------------------------------------------------------------------------


def test_r6_call_in_a_card_is_counted_in_its_manager_row() -> None:
    """A call in a card is in the report, in its manager's row, with its card and direction."""
    answer = explain(make_call())
    assert answer.included
    assert answer.reason is None
    assert "contact card #12" in answer.text
    assert "incoming call in the row of Anna" in answer.text
    ru = explain(make_call(direction="outbound"), "ru").text
    assert "карточке контакта №12" in ru
    assert "исходящий звонок в строке менеджера Anna" in ru


def test_r13_call_without_manager_is_shown_apart() -> None:
    """A call with no manager is in the report, apart: neither in Итого nor in Среднее."""
    answer = explain(make_call(manager_id=None))
    assert answer.included
    assert '"No manager"' in answer.text
    assert "neither in the total nor in the average" in answer.text
    ru = explain(make_call(manager_id=None), "ru").text
    assert "«Без менеджера»" in ru
    assert "«Итого»" in ru
    assert "«Среднее»" in ru


def test_r7_matched_call_says_how_it_got_its_card() -> None:
    """A call attached by matching says it came without a card and which number matched."""
    answer = explain(make_call(**NO_CARD), cards=[IVAN])
    assert answer.included
    assert answer.call.card_id == 12
    assert "came without a card" in answer.text
    assert "ends in 9123456789" in answer.text
    ru = explain(make_call(**NO_CARD), "ru", cards=[IVAN]).text
    assert "пришёл без карточки" in ru
    assert "оканчивающемуся на 9123456789" in ru


def test_r7_ambiguous_match_is_explained_never_silent() -> None:
    """With several cards on one number, the sentence says how many and which one was chosen."""
    office = ca.Card(3, "companies", phones=["79123456789"])
    answer = explain(make_call(**NO_CARD), cards=[office, IVAN])
    assert "2 cards have this number" in answer.text
    assert "contacts come before companies, then the lowest id" in answer.text
    assert "contact card #12 was chosen" in answer.text
    ru = explain(make_call(**NO_CARD), "ru", cards=[office, IVAN]).text
    assert "в 2 карточках" in ru
    assert "выбрана карточка контакта №12" in ru


def test_r7_matched_call_under_the_e164_key_names_the_whole_number() -> None:
    """With the E.164 key the sentence names the whole number, not "ending in"."""
    answer = explain(make_call(**NO_CARD), cards=[IVAN], key=e164_key())
    assert "phone number +79123456789." in answer.text
    assert "ending" not in answer.text
    ru = explain(make_call(**NO_CARD), "ru", cards=[IVAN], key=e164_key()).text
    assert "по номеру телефона +79123456789." in ru


# --- No card (R8–R10) -------------------------------------------------------------------------


def test_r9_pending_call_says_its_age_and_the_window() -> None:
    """A pending call names its age and the 18 h window, and that it will be attached in time."""
    call, kwargs = SCENARIOS[ca.Exclusion.PENDING]
    text = explain(call, **kwargs).text
    assert "not in the report yet" in text
    assert "started 05:00:00 before now" in text
    assert "18:00:00 grace window" in text
    ru = explain(call, "ru", **kwargs).text
    assert "пока не в отчёте" in ru
    assert "прошло 05:00:00" in ru
    assert "окна ожидания 18:00:00" in ru


def test_r8_unsorted_call_points_to_the_events_list() -> None:
    """An unsorted call went to Unsorted and is in the dashboard's events list, not the report."""
    call, kwargs = SCENARIOS[ca.Exclusion.UNSORTED]
    text = explain(call, **kwargs).text
    assert "no contact or company has a phone ending in 9990000000" in text
    assert "went to Unsorted" in text
    assert "events list of the dashboard" in text
    ru = explain(call, "ru", **kwargs).text
    assert "«Неразобранное»" in ru
    assert "на рабочем столе в списке событий" in ru
    assert "оканчивающегося на 9990000000" in ru


def test_r8_unsaved_outgoing_call_says_to_add_the_number_to_a_card() -> None:
    """An outgoing call with no card was not saved; adding the number to a card fixes the next."""
    call, kwargs = SCENARIOS[ca.Exclusion.NOT_SAVED]
    text = explain(call, **kwargs).text
    assert text.startswith("The call was not saved")
    assert "Add the number to a contact or company card" in text
    ru = explain(call, "ru", **kwargs).text
    assert ru.startswith("Звонок не сохранён")
    assert "исходящий звонок без карточки не сохраняется" in ru
    assert "в карточку контакта или компании" in ru


def test_r8_unknown_incoming_without_unsorted_routing_says_so() -> None:
    """With `unsorted_incoming=False` the sentence says the telephony does not route there."""
    kwargs: dict[str, Any] = {"cards": [IVAN], "unsorted_incoming": False}
    answer = explain(make_call(**UNKNOWN), **kwargs)
    assert answer.reason is ca.Exclusion.NOT_SAVED
    assert "does not route unknown incoming calls to Unsorted" in answer.text
    assert "«Неразобранное»" in explain(make_call(**UNKNOWN), "ru", **kwargs).text


def test_r10_app_call_without_card_is_not_saved() -> None:
    """An app call with no card is not saved: app calls are recorded only in an existing card."""
    app = make_call(**UNKNOWN, via_app=True)
    answer = explain(app, cards=[IVAN])
    assert answer.reason is ca.Exclusion.NOT_SAVED
    assert "mobile app without telephony" in answer.text
    assert "only when its card already exists" in answer.text
    ru = explain(app, "ru", cards=[IVAN]).text
    assert "из приложения без телефонии" in ru
    assert "карточка клиента уже существует" in ru
    assert "без записи" in ru


def test_r7_call_without_digits_cannot_be_matched() -> None:
    """A call with no digit in its phone says it has no number to find a card by."""
    answer = explain(make_call(**NO_CARD, phone="unknown"), cards=[IVAN])
    assert "no phone number with digits" in answer.text
    assert "нет номера телефона с цифрами" in explain(answer.call, "ru", cards=[IVAN]).text


def test_r7_short_number_is_named_whole() -> None:
    """A short extension is named as it is (it matches only exactly), not as "ending in"."""
    text = explain(make_call(**NO_CARD, phone="ext. 204"), cards=[IVAN]).text
    assert "has the phone number 204," in text
    ru = explain(make_call(**NO_CARD, phone="ext. 204"), "ru", cards=[IVAN]).text
    assert "нет номера телефона 204," in ru


def test_r6_without_cards_the_sentence_says_none_were_given() -> None:
    """Without cards to match against, the sentence says the call is in no card and why."""
    answer = explain(make_call(**UNKNOWN))
    assert answer.reason is ca.Exclusion.UNSORTED
    assert "no cards were given" in answer.text
    assert "карточек для поиска" in explain(make_call(**UNKNOWN), "ru").text


# --- Managers and filters (R13, R18–R22) ------------------------------------------------------


def test_r13_unknown_manager_is_named() -> None:
    """A call of another account's user names the user id."""
    call, kwargs = SCENARIOS[ca.Exclusion.UNKNOWN_MANAGER]
    assert "(id 777001) is not among the account's managers" in explain(call, **kwargs).text
    assert "(id 777001) нет среди менеджеров аккаунта" in explain(call, "ru", **kwargs).text


def test_r18_period_sentence_shows_the_start_in_the_period_offset() -> None:
    """The start is shown in the period's offset, next to the period, so the gap is visible."""
    moscow = timezone(timedelta(hours=3))
    period = Period(datetime(2026, 11, 3, tzinfo=moscow), datetime(2026, 11, 4, tzinfo=moscow))
    flt = ca.Filter(period=period)
    text = explain(make_call(), filter=flt).text
    assert text == (
        "The call is not in the report: it started at 2026-11-02 12:30, outside the filter's "
        "period [2026-11-03 00:00, 2026-11-04 00:00) (UTC+03:00)."
    )
    ru = explain(make_call(), "ru", filter=flt).text
    assert ru == (
        "Звонок не попал в отчёт: он начался 2026-11-02 12:30, вне периода фильтра "
        "«Дата звонка» [2026-11-03 00:00, 2026-11-04 00:00) (UTC+03:00)."
    )


def test_r18_period_sentence_names_the_zone_of_a_preset_and_keeps_seconds() -> None:
    """A preset's period reads in its zone, by name, across DST; a start's seconds are kept."""
    march = ca.Period.days(date(2026, 3, 29), date(2026, 3, 29), tz="Europe/Berlin")
    late = datetime(2026, 3, 29, 22, 0, 5, tzinfo=UTC)  # 00:00:05 on the 30th in Berlin (CEST)
    text = explain(make_call(started_at=late), filter=ca.Filter(period=march)).text
    assert text == (
        "The call is not in the report: it started at 2026-03-30 00:00:05, outside the "
        "filter's period [2026-03-29 00:00, 2026-03-30 00:00) (Europe/Berlin)."
    )


def test_r19_entity_sentence_names_the_card_kind_and_the_selection() -> None:
    """A company call under a contacts-only filter names both."""
    call = make_call(card_id=7, entity_type="companies")
    flt = ca.Filter(entity_types=["contacts"])
    assert "it is in a company card, and the filter selects only contacts" in (
        explain(call, filter=flt).text
    )
    assert "в карточке компании, а в фильтре «Сущность» выбраны только контакты" in (
        explain(call, "ru", filter=flt).text
    )


def test_r20_manager_sentence_names_the_manager() -> None:
    """A call of a manager the filter does not select names that manager."""
    call, kwargs = SCENARIOS[ca.Exclusion.MANAGER]
    assert "its manager Anna is not among the managers" in explain(call, **kwargs).text
    assert "менеджер Anna не выбран в фильтре «Ответственный менеджер»" in (
        explain(call, "ru", **kwargs).text
    )


def test_r20_manager_filter_leaves_out_calls_without_manager() -> None:
    """A call with no manager under a manager filter says so."""
    flt = ca.Filter(manager_ids=[1])
    answer = explain(make_call(manager_id=None), filter=flt)
    assert answer.reason is ca.Exclusion.MANAGER
    assert "it has no manager" in answer.text
    ru = explain(make_call(manager_id=None), "ru", filter=flt).text
    assert "нет ответственного менеджера" in ru


@pytest.mark.parametrize(
    ("bounds", "en", "ru"),
    [
        ({"min_duration": 300}, "at least 300 s", "не меньше 300 с"),
        ({"max_duration": 60}, "at most 60 s", "не больше 60 с"),
        ({"min_duration": 10, "max_duration": 60}, "10 to 60 s", "от 10 до 60 с"),
    ],
)
def test_r21_duration_sentence_shows_the_duration_and_the_bounds(
    bounds: dict[str, int], en: str, ru: str
) -> None:
    """A call outside the duration bounds shows its HH:MM:SS, its seconds and the bounds."""
    flt = ca.Filter(
        min_duration=bounds.get("min_duration"), max_duration=bounds.get("max_duration")
    )
    text = explain(make_call(), filter=flt).text
    assert "lasted 00:03:05 (185 s)" in text
    assert en in text
    ru_text = explain(make_call(), "ru", filter=flt).text
    assert "«Продолжительность звонка»" in ru_text
    assert ru in ru_text


def test_r22_status_sentence_names_the_status() -> None:
    """A call of an unselected status names its status in words."""
    call, kwargs = SCENARIOS[ca.Exclusion.STATUS]
    assert 'its status is "had a conversation"' in explain(call, **kwargs).text
    assert "статус «разговор состоялся»" in explain(call, "ru", **kwargs).text


def test_r22_call_without_status_never_matches_a_status_filter() -> None:
    """A call with no status under a status filter says telephony may not provide one."""
    flt = ca.Filter(statuses=[4])
    answer = explain(make_call(status=None), filter=flt)
    assert answer.reason is ca.Exclusion.STATUS
    assert "it has no call status" in answer.text
    assert "не для каждой АТС" in explain(make_call(status=None), "ru", filter=flt).text


def test_r11_direction_sentence_names_both_directions() -> None:
    """An incoming call under an outgoing-only filter says both."""
    call, kwargs = SCENARIOS[ca.Exclusion.DIRECTION]
    assert "an incoming call, and the filter selects only outgoing calls" in (
        explain(call, **kwargs).text
    )
    assert "это входящий звонок, а фильтр выбирает только исходящие" in (
        explain(call, "ru", **kwargs).text
    )


# --- Tariffs (R23–R25) ------------------------------------------------------------------------


def test_r24_base_tariff_points_to_the_events_list() -> None:
    """On Base there is no calls report: the sentence points to the events list."""
    answer = explain(make_call(), tariff=ca.BASE)
    assert not answer.available
    assert not answer.included
    assert answer.reason is None
    assert '"Базовый" has no calls report' in answer.text
    assert "Analytics → Events list" in answer.text
    ru = explain(make_call(), "ru", tariff=ca.BASE).text
    assert "«Аналитика» — «Список событий»" in ru
    assert "«входящий/исходящий звонок»" in ru


def test_r25_base_tariff_sentence_says_past_calls_appear_after_upgrade() -> None:
    """The tariff sentence says the report shows past calls too after an upgrade."""
    assert "shows past calls too" in explain(make_call(), tariff=ca.BASE).text
    assert "звонки за прошлые даты" in explain(make_call(), "ru", tariff=ca.BASE).text


@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        (ca.Exclusion.NOT_SAVED, "The call was not saved"),
        (ca.Exclusion.PENDING, "The call is not in the report yet"),
    ],
)
def test_r24_unsaved_or_pending_call_on_base_says_so_too(
    reason: ca.Exclusion, sentence: str
) -> None:
    """On Base a call that is not saved (or not yet) is in no events list: its sentence follows."""
    call, kwargs = SCENARIOS[reason]
    answer = explain(call, tariff=ca.BASE, **kwargs)
    assert answer.reason is reason
    assert "has no calls report" in answer.text
    assert sentence in answer.text


def test_r24_unsorted_call_on_base_gets_the_tariff_sentence_only() -> None:
    """On Base an unsorted call is in the events list like any call: the tariff sentence only."""
    call, kwargs = SCENARIOS[ca.Exclusion.UNSORTED]
    assert explain(call, tariff=ca.BASE, **kwargs).text == explain(make_call(), tariff=ca.BASE).text


def test_r23_extended_tariff_has_the_report() -> None:
    """On Extended the call is explained as in the report."""
    assert explain(make_call(), tariff=ca.EXTENDED).included


def test_r11_explain_rejects_an_unknown_language() -> None:
    """Only 'en' and 'ru' are languages of the sentences."""
    with pytest.raises(ca.InvalidValueError, match=r"'lang' must be one of 'ru', 'en'"):
        explain(make_call(), "de")


# --- One source of truth (R11) ----------------------------------------------------------------

filters = st.builds(
    ca.Filter,
    entity_types=st.none() | st.sampled_from([["contacts"], ["companies"]]),
    manager_ids=st.none() | st.sampled_from([[1], [2, 3]]),
    min_duration=st.none() | st.sampled_from([0, 60, 600]),
    statuses=st.none() | st.sampled_from([[4], [1, 6]]),
    directions=st.none() | st.sampled_from([["inbound"], ["outbound"]]),
)


@given(s.call_lists, s.cards, filters, st.none() | st.just(s.NOW), st.booleans())
def test_r11_explain_reason_is_the_reported_reason(
    calls: list[ca.Call],
    cards: list[ca.Card],
    flt: ca.Filter,
    now: datetime | None,
    unsorted: bool,
) -> None:
    """For any call, the report of that call alone counts it where explain() says it is."""
    managers = [ca.Manager(i, f"M{i}") for i in range(1, 7)]
    kwargs: dict[str, Any] = {
        "cards": cards,
        "filter": flt,
        "now": now,
        "unsorted_incoming": unsorted,
    }
    report = ca.build_report(calls, managers, **kwargs)
    assert report.included + sum(report.excluded.values()) == len(calls)
    for call in calls:
        answer = ca.explain(call, managers, **kwargs)
        alone = ca.build_report([call], managers, **kwargs)
        if answer.included:
            assert alone.included == 1
        else:
            assert answer.reason is not None
            assert alone.excluded[answer.reason] == 1
        assert report.explain(call) == answer


class _Printer:
    def __init__(self) -> None:
        self.printed: list[str] = []

    def text(self, obj: str) -> None:
        self.printed.append(obj)


def test_an_explanation_shows_as_its_sentence_in_a_notebook() -> None:
    """``_repr_html_`` is the sentence in a paragraph, escaped; the reason rides as data."""
    odd = ca.Manager(1, 'Anna <b>"A"</b> & Co')
    answer = ca.explain(make_call(), [odd])
    assert answer._repr_html_() == (
        '<p class="callanalytics-explanation" data-included="true" data-reason="">'
        "The call is in the report: it is in the contact card #12 and counts as an incoming "
        'call in the row of Anna &lt;b&gt;"A"&lt;/b&gt; &amp; Co.</p>'
    )
    call, options = SCENARIOS[ca.Exclusion.STATUS]
    status = explain(call, "ru", **options)
    assert status._repr_html_() == (
        '<p class="callanalytics-explanation" data-included="false" data-reason="status">'
        "Звонок не попал в отчёт: его статус «разговор состоялся» не выбран в фильтре "
        "«Статус звонка».</p>"
    )


def test_ipython_prints_an_explanation_as_its_sentence_and_repr_keeps_the_reason() -> None:
    """In IPython's terminal the sentence; ``repr()`` still shows the reason and the call."""
    call, options = SCENARIOS[ca.Exclusion.DURATION]
    answer = explain(call, **options)
    printer = _Printer()
    answer._repr_pretty_(printer, False)
    assert printer.printed == [answer.text]
    assert printer.printed[0].startswith("The call is not in the report: it lasted ")
    assert repr(answer).startswith("Explanation(call=Call(")
    assert "reason=<Exclusion.DURATION: 'duration'>" in repr(answer)
