"""Why one call is or is not in the report, in words a support person can send (R6–R23)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING, Final

import attrs

from callanalytics._kit import checks
from callanalytics._model.enums import Direction, Exclusion
from callanalytics._model.hms import format_hms
from callanalytics._model.models import Call, Card, Manager
from callanalytics._model.phone import KEY_DIGITS, PhoneKey, normalize_phone
from callanalytics._model.tariffs import CALLS_REPORT, PROFESSIONAL, Tariff, is_available
from callanalytics._rules.matching import GRACE_WINDOW, CardIndex, call_age
from callanalytics._rules.routing import Routing
from callanalytics._views.i18n import check_lang, text
from callanalytics._views.table import period_span, wall_time, zone_name

__all__ = ["Explanation", "explain", "explain_with"]

if TYPE_CHECKING:
    from callanalytics._rules.filter import Filter
    from callanalytics._views.html import Printer


@attrs.frozen
class Explanation:
    """The answer to "why is (or isn't) my call in the report?".

    Attributes:
        call: The call as the report sees it (attached to its card when it was matched).
        included: Whether the call is counted in the report (in a row or as unassigned).
        reason: Why it is not, as the report counts it; ``None`` when it is included.
        available: Whether the tariff has the calls report at all (R23).
        text: One sentence (or two) for a person, in the language asked for.
    """

    call: Call
    included: bool
    reason: Exclusion | None
    available: bool
    text: str

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        """In a notebook, the sentence (escaped: it holds names), its reason as data.

        HTML rather than Markdown: a name's ``*`` or ``_`` would turn into emphasis there.
        ``repr()`` stays the full value (the reason, the call) for a programmer.
        """
        reason = "" if self.reason is None else self.reason.value
        return (
            f'<p class="callanalytics-explanation" data-included="{str(self.included).lower()}"'
            f' data-reason="{reason}">{escape(self.text, quote=False)}</p>'
        )

    def _repr_pretty_(self, p: Printer, cycle: bool) -> None:
        """In IPython's terminal, the sentence."""
        p.text(self.text)


_NO_CARD: Final = frozenset({Exclusion.PENDING, Exclusion.UNSORTED, Exclusion.NOT_SAVED})
"""The reasons of a call that matches no card (R8–R10)."""


def _plain(value: object) -> str:
    return str(getattr(value, "value", value))


def _key(routing: Routing, phone: str) -> tuple[str, str]:
    """*phone*'s key, and ``""`` if sentences say "ending in" it or ``".exact"`` if not (R7)."""
    cards = routing.cards
    key = normalize_phone(phone) if cards is None else cards.key(phone)
    ending = (cards is None or cards.key_function is normalize_phone) and len(key) == KEY_DIGITS
    return key, "" if ending else ".exact"


def _no_card(routing: Routing, call: Call, reason: Exclusion, lang: str) -> str:
    """The sentence of a call that matches no card: pending, unsorted or not saved (R8–R10)."""
    key, variant = _key(routing, call.phone)
    if routing.cards is None:
        nocard = text("explain.nocards", lang)
    elif not key:
        nocard = text("explain.nokey", lang)
    else:
        nocard = text(f"explain.nocard{variant}", lang, key=key)
    if reason is Exclusion.PENDING:
        assert routing.now is not None
        age = max(int(call_age(call, routing.now).total_seconds()), 0)
        grace = int(routing.grace.total_seconds())
        return text(
            "explain.pending", lang, nocard=nocard, age=format_hms(age), grace=format_hms(grace)
        )
    if reason is Exclusion.UNSORTED:
        return text("explain.unsorted", lang, nocard=nocard)
    if call.via_app:
        return text("explain.not_saved.app", lang, nocard=nocard)
    if call.direction is Direction.INCOMING:
        return text("explain.not_saved.incoming", lang, nocard=nocard)
    return text("explain.not_saved.outgoing", lang, nocard=nocard)


def _counted(routing: Routing, given: Call, call: Call, lang: str) -> str:
    """The sentence of a call in the report, and how it got its card if it was matched (R7)."""
    entity = text(f"entity.{_plain(call.entity_type)}", lang)
    if call.manager_id is None:
        sentence = text("explain.unassigned", lang)
    else:
        sentence = text(
            "explain.counted",
            lang,
            entity=entity,
            card=call.card_id,
            direction=text(f"direction.{call.direction.value}", lang),
            manager=routing.managers[call.manager_id].name,
        )
    if given.card_id is not None or routing.cards is None:
        return sentence
    key, variant = _key(routing, given.phone)
    sentence += " " + text(f"explain.matched{variant}", lang, key=key)
    candidates = routing.cards.candidates(given.phone)
    if candidates:
        sentence += " " + text(
            "explain.ambiguous", lang, count=len(candidates), entity=entity, card=call.card_id
        )
    return sentence


def _sentence(
    routing: Routing, given: Call, call: Call, reason: Exclusion | None, lang: str
) -> str:
    if reason is None:
        return _counted(routing, given, call, lang)
    if reason is Exclusion.DUPLICATE:
        return text("explain.duplicate", lang, id=checks.shown(call.id))
    if reason is Exclusion.OTHER_CARD:
        entity = text(f"entity.{_plain(call.entity_type)}", lang)
        return text("explain.other_card", lang, entity=entity, card=call.card_id)
    if reason in _NO_CARD:
        return _no_card(routing, call, reason, lang)
    if reason is Exclusion.UNKNOWN_MANAGER:
        return text("explain.unknown_manager", lang, manager=call.manager_id)
    flt = routing.filter
    assert flt is not None
    if reason is Exclusion.PERIOD:
        span = period_span(flt)
        assert span is not None
        shown, zone = span
        started = wall_time(call.started_at, zone)
        return text("explain.period", lang, started=started, period=shown, tz=zone_name(zone))
    if reason is Exclusion.ENTITY:
        assert flt.entity_types is not None
        selected = text("or", lang).join(
            text(f"entities.{e.value}", lang) for e in sorted(flt.entity_types)
        )
        return text(
            "explain.entity",
            lang,
            entity=text(f"entity.{_plain(call.entity_type)}", lang),
            selected=selected,
        )
    if reason is Exclusion.MANAGER:
        if call.manager_id is None:
            return text("explain.manager.none", lang)
        return text("explain.manager", lang, manager=routing.managers[call.manager_id].name)
    if reason is Exclusion.DURATION:
        low, high = flt.min_duration, flt.max_duration
        if low is not None and high is not None:
            bounds = text("bounds.both", lang, low=low, high=high)
        elif low is not None:
            bounds = text("bounds.min", lang, low=low)
        else:
            bounds = text("bounds.max", lang, high=high)
        return text(
            "explain.duration",
            lang,
            duration=format_hms(call.duration),
            seconds=call.duration,
            bounds=bounds,
        )
    if reason is Exclusion.STATUS:
        if call.status is None:
            return text("explain.status.none", lang)
        return text("explain.status", lang, status=text(f"status.{int(call.status)}", lang))
    assert reason is Exclusion.DIRECTION
    assert flt.directions is not None
    selected = text("or", lang).join(
        text(f"directions.{d.value}", lang) for d in sorted(flt.directions)
    )
    return text(
        "explain.direction",
        lang,
        direction=text(f"direction.{call.direction.value}", lang),
        selected=selected,
    )


def explain_with(
    routing: Routing,
    call: Call,
    *,
    tariff: Tariff = PROFESSIONAL,
    lang: str = "en",
    before: Iterable[str] = (),
) -> Explanation:
    """Explain *call* with the routing of an existing report.

    *before* are the ids of the calls that came before it in the same input: one of them
    makes it a duplicate (R28). On a tariff without the calls report (R23) the sentence says
    so and where the call is seen instead (R24); a call that is not saved, or still pending,
    is not there either, so that sentence follows.
    """
    lang = check_lang(lang)
    seen = {checks.text(i, "before") for i in checks.iterable(before, "before", "str")}
    route = routing.route(call, seen)
    routed, reason = route.call, route.reason
    sentence = _sentence(routing, call, routed, reason, lang)
    available = is_available(tariff, CALLS_REPORT)
    if not available:
        gate = text("explain.tariff", lang, tariff=tariff.name)
        keep = reason is Exclusion.NOT_SAVED or reason is Exclusion.PENDING
        sentence = f"{gate} {sentence}" if keep else gate
    return Explanation(
        call=routed,
        included=available and reason is None,
        reason=reason,
        available=available,
        text=sentence,
    )


def explain(
    call: Call,
    managers: Iterable[Manager],
    *,
    cards: Iterable[Card] | CardIndex | None = None,
    filter: Filter | None = None,
    tariff: Tariff = PROFESSIONAL,
    now: datetime | None = None,
    grace: timedelta = GRACE_WINDOW,
    unsorted_incoming: bool = True,
    key: PhoneKey = normalize_phone,
    lang: str = "en",
    before: Iterable[str] = (),
) -> Explanation:
    """Why *call* is or is not in the report built with the same arguments.

    The reason is the one :func:`build_report` counts the call under — one source of truth.
    *before* are the ids of the calls that came before it, to tell a duplicate (R28).

    >>> from datetime import datetime, timezone
    >>> call = Call("x", "outbound", datetime(2026, 11, 2, 9, tzinfo=timezone.utc), 42,
    ...             phone="+7 912 345-67-89", manager_id=1)
    >>> answer = explain(call, [Manager(1, "Anna")], cards=[])
    >>> answer.reason
    <Exclusion.NOT_SAVED: 'not_saved'>
    >>> print(answer.text)
    The call was not saved: no contact or company has a phone ending in 9123456789, and an
    outgoing call with no card is not saved. Add the number to a contact or company card for
    future calls to count.
    """
    routing = Routing(
        managers,
        cards=cards,
        filter=filter,
        now=now,
        grace=grace,
        unsorted_incoming=unsorted_incoming,
        key=key,
    )
    return explain_with(routing, call, tariff=tariff, lang=lang, before=before)
