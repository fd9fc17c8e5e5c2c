"""The object engine: the report on `Call` objects, matching, construction and the live report.

Each section's baseline is the least code that computes the same thing by hand, written here and
checked against the library's result before anything is timed, so a ratio compares equal work.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, timedelta
from typing import Any, NamedTuple

import attrs

import callanalytics as ca
from benchmarks.common import Account, Table, account, in_turns

INCOMING = ca.Direction.INCOMING


# --- (a) the report against a bare loop ----------------------------------------------------


def bare_report(
    calls: list[ca.Call], known: set[Any], *, duplicates: bool = True
) -> tuple[dict[Any, list[int]], list[int]]:
    """The report's figures by hand: rows per manager, and the excluded calls by reason.

    A call whose id came before is a duplicate (R28, the report's default: the ids seen are
    kept in a set; *duplicates* false skips that, as ``duplicates=False`` does); a call without
    a card is unsorted (incoming telephony) or not saved; a call of a manager who is not the
    account's is excluded; the rest is counted by manager and direction.
    """
    rows: dict[Any, list[int]] = {m: [0, 0, 0, 0] for m in known}
    rows[None] = [0, 0, 0, 0]
    excluded = [0, 0, 0, 0]  # unsorted, not saved, unknown manager, duplicate
    seen: set[str] = set()
    for c in calls:
        if duplicates:
            if c.id in seen:
                excluded[3] += 1
                continue
            seen.add(c.id)
        if c.card_id is None:
            if c.direction is INCOMING and not c.via_app:
                excluded[0] += 1
            else:
                excluded[1] += 1
            continue
        row = rows.get(c.manager_id)
        if row is None:
            excluded[2] += 1
            continue
        if c.direction is INCOMING:
            row[0] += 1
            row[2] += c.duration
        else:
            row[1] += 1
            row[3] += c.duration
    return rows, excluded


def bare_filtered(
    calls: list[ca.Call], known: set[Any], flt: ca.Filter
) -> tuple[dict[Any, list[int]], list[int]]:
    """:func:`bare_report` with the five filters of the page, in the report's order."""
    assert flt.period is not None
    assert flt.entity_types is not None
    assert flt.manager_ids is not None
    assert flt.statuses is not None
    # The calls start in UTC, as the period's bounds: datetimes compare as instants.
    start, end = flt.period.start.astimezone(UTC), flt.period.end.astimezone(UTC)
    entities, selected, statuses = flt.entity_types, flt.manager_ids, flt.statuses
    low, high = flt.min_duration or 0, flt.max_duration or 2**63
    rows: dict[Any, list[int]] = {m: [0, 0, 0, 0] for m in known}
    rows[None] = [0, 0, 0, 0]
    excluded = [0] * 9  # unsorted, not saved, unknown, period, entity, manager, duration,
    seen: set[str] = set()  # status, duplicate
    for c in calls:
        if c.id in seen:
            excluded[8] += 1
            continue
        seen.add(c.id)
        if c.card_id is None:
            excluded[0 if c.direction is INCOMING and not c.via_app else 1] += 1
            continue
        row = rows.get(c.manager_id)
        if row is None:
            excluded[2] += 1
        elif not start <= c.started_at < end:
            excluded[3] += 1
        elif c.entity_type not in entities:
            excluded[4] += 1
        elif c.manager_id not in selected:
            excluded[5] += 1
        elif not low <= c.duration <= high:
            excluded[6] += 1
        elif c.status not in statuses:
            excluded[7] += 1
        elif c.direction is INCOMING:
            row[0] += 1
            row[2] += c.duration
        else:
            row[1] += 1
            row[3] += c.duration
    return rows, excluded


def bare_matched(
    calls: list[ca.Call], known: set[Any], index: dict[str, ca.Card], now_seconds: float
) -> tuple[dict[Any, list[int]], list[int]]:
    """:func:`bare_report` with calls without a card matched by phone, and pending ones."""
    key = ca.normalize_phone
    grace = ca.GRACE_WINDOW.total_seconds()
    rows: dict[Any, list[int]] = {m: [0, 0, 0, 0] for m in known}
    rows[None] = [0, 0, 0, 0]
    excluded = [0, 0, 0, 0, 0]  # pending, unsorted, not saved, unknown manager, duplicate
    seen: set[str] = set()
    for c in calls:
        if c.id in seen:
            excluded[4] += 1
            continue
        seen.add(c.id)
        if c.card_id is None and index.get(key(c.phone)) is None:
            if now_seconds - c.started_at.timestamp() < grace:
                excluded[0] += 1
            elif c.direction is INCOMING and not c.via_app:
                excluded[1] += 1
            else:
                excluded[2] += 1
            continue
        row = rows.get(c.manager_id)
        if row is None:
            excluded[3] += 1
            continue
        if c.direction is INCOMING:
            row[0] += 1
            row[2] += c.duration
        else:
            row[1] += 1
            row[3] += c.duration
    return rows, excluded


def _agrees(report: ca.CallsReport, rows: dict[Any, list[int]]) -> None:
    """The bare loop's rows are the report's (the check before anything is timed)."""
    for row in report.rows:
        counted = rows[row.manager.id]
        assert (row.incoming, row.outgoing) == (counted[0], counted[1]), row.manager
        assert (row.incoming_duration, row.outgoing_duration) == (counted[2], counted[3])
    assert report.unassigned.total == rows[None][0] + rows[None][1]


def wide_filter(data: Account) -> ca.Filter:
    """All five filters of the page, each letting (almost) every call through."""
    last = data.now.date()
    return ca.Filter(
        period=ca.Period.days(date.fromordinal(last.toordinal() - 29), last, tz=data.tz),
        entity_types=[ca.EntityType.CONTACT, ca.EntityType.COMPANY],
        manager_ids=[m.id for m in data.managers],
        min_duration=1,
        max_duration=24 * 3600,
        statuses=list(ca.CallStatus),
    )


def report_vs_bare_loop(calls: int, repeat: int) -> Table:
    """(a) The report on ready `Call` objects against the bare loops of the same figures."""
    data = account(calls)
    known = {m.id for m in data.managers}
    flt = wide_filter(data)
    index = {ca.normalize_phone(p): card for card in data.cards for p in card.phones}
    now_seconds = data.now.timestamp()

    def report() -> ca.CallsReport:
        return ca.build_report(data.calls, data.managers)

    def no_ids() -> ca.CallsReport:
        return ca.build_report(data.calls, data.managers, duplicates=False)

    def filtered() -> ca.CallsReport:
        return ca.build_report(data.calls, data.managers, filter=flt)

    def matched() -> ca.CallsReport:
        return ca.build_report(data.calls, data.managers, cards=data.cards, now=data.now)

    _agrees(report(), bare_report(data.calls, known)[0])
    _agrees(no_ids(), bare_report(data.calls, known, duplicates=False)[0])
    _agrees(filtered(), bare_filtered(data.calls, known, flt)[0])
    _agrees(matched(), bare_matched(data.calls, known, index, now_seconds)[0])
    medians = in_turns(
        {
            "bare loop": lambda: bare_report(data.calls, known),
            "report": report,
            "bare loop, no ids kept": lambda: bare_report(data.calls, known, duplicates=False),
            "report, duplicates=False": no_ids,
            "bare loop, five filters": lambda: bare_filtered(data.calls, known, flt),
            "report, five filters": filtered,
            "bare loop, matching + now": lambda: bare_matched(
                data.calls, known, index, now_seconds
            ),
            "report, matching + now": matched,
        },
        repeat,
    )
    table = Table(
        f"(a) report on Call objects vs a bare loop: {calls:,} calls, 50 managers",
        "bare loop",
        calls,
        medians=medians,
    )
    pairs = {
        "no filter": ("report", "bare loop"),
        "no filter, no ids kept": ("report, duplicates=False", "bare loop, no ids kept"),
        "five filters": ("report, five filters", "bare loop, five filters"),
        "matching + now": ("report, matching + now", "bare loop, matching + now"),
    }
    for variant, (mine, bare) in pairs.items():
        table.notes.append(f"report / bare loop, {variant}: {medians[mine] / medians[bare]:.2f}x")
    return table


# --- (e) matching against a dictionary loop ------------------------------------------------

_FORMATS = ("+7 {a} {b}-{c}-{d}", "8 ({a}) {b} {c} {d}", "7{a}{b}{c}{d}", "+7({a}){b}-{c}{d}")


def _number(rng: random.Random) -> tuple[str, str, str, str]:
    a = f"9{rng.randrange(100):02d}"
    return a, f"{rng.randrange(1000):03d}", f"{rng.randrange(100):02d}", f"{rng.randrange(100):02d}"


def _typed(rng: random.Random, groups: tuple[str, str, str, str]) -> str:
    a, b, c, d = groups
    return rng.choice(_FORMATS).format(a=a, b=b, c=c, d=d)


def matching_data(calls: int, cards: int, *, seed: int = 1) -> tuple[list[ca.Call], list[ca.Card]]:
    """Calls none of which has a card (90 % from a card's number, typed again) and the cards.

    Contacts and companies 4 : 1, 15 % with two numbers, 5 % of contacts sharing the number of
    the company before them (ties, R7).
    """
    rng = random.Random(seed)
    numbers: list[tuple[str, str, str, str]] = []
    made: list[ca.Card] = []
    company: list[tuple[str, str, str, str]] = []
    for i in range(cards):
        groups = [_number(rng)] if rng.random() < 0.85 else [_number(rng), _number(rng)]
        numbers.extend(groups)
        entity = ca.EntityType.CONTACT if i % 5 else ca.EntityType.COMPANY
        if entity is ca.EntityType.COMPANY:
            company = groups[:1]
        elif rng.random() < 0.05:
            groups += company
        made.append(ca.Card(i + 1, entity, f"Card {i + 1}", [_typed(rng, g) for g in groups]))
    now = ca.SAMPLE_NOW
    dialled = [rng.choice(numbers) if rng.random() < 0.9 else _number(rng) for _ in range(calls)]
    return [
        ca.Call(
            f"call-{i}",
            ca.Direction.INCOMING if rng.random() < 0.45 else ca.Direction.OUTGOING,
            now - timedelta(seconds=rng.randrange(30 * 86400)),
            rng.randrange(600),
            _typed(rng, number),
            rng.randrange(1, 6),
        )
        for i, number in enumerate(dialled)
    ], made


def matching_vs_dict_loop(calls: int, repeat: int) -> Table:
    """(e) `match_calls` against the cheapest loop doing the same lookups."""
    data, cards = matching_data(calls, max(calls // 5, 10))
    index = ca.CardIndex(cards)
    plain = {ca.normalize_phone(p): card for card in cards for p in card.phones}
    key = ca.normalize_phone

    def lookups() -> list[ca.Card | None]:
        get = plain.get
        return [get(key(c.phone)) for c in data]

    found = sum(card is not None for card in lookups())
    assert found == len(ca.match_calls(data, index).attached)
    medians = in_turns(
        {"dict lookup loop": lookups, "match_calls": lambda: ca.match_calls(data, index)},
        repeat,
    )
    table = Table(
        f"(e) match_calls vs a dict lookup loop: {calls:,} calls, {len(cards):,} cards",
        "dict lookup loop",
        calls,
        medians=medians,
    )
    table.notes.append(
        "match_calls also copies each matched call with its card, sorts the others into "
        "pending / unsorted / not saved and records the ties."
    )
    return table


# --- (f) constructing a call ----------------------------------------------------------------


class CallTuple(NamedTuple):
    """A call as a NamedTuple of the same fields: no checks at all."""

    id: str
    direction: object
    started_at: object
    duration: int
    phone: str = ""
    manager_id: object = None
    card_id: object = None
    entity_type: object = None
    status: object = None
    result: str = ""
    source: str = ""
    recording_url: object = None
    via_app: bool = False
    wait: object = None


@attrs.frozen
class PlainCall:
    """A call as a frozen attrs class of the same fields, without validators."""

    id: str
    direction: object
    started_at: object
    duration: int
    phone: str = ""
    manager_id: object = None
    card_id: object = None
    entity_type: object = None
    status: object = None
    result: str = ""
    source: str = ""
    recording_url: object = None
    via_app: bool = False
    wait: object = None


def construction(calls: int, repeat: int) -> Table:
    """(f) Building a `Call`, every field checked, against containers that check nothing."""
    at = ca.SAMPLE_NOW
    contact, talked, incoming = ca.EntityType.CONTACT, ca.CallStatus.TALKED, ca.Direction.INCOMING
    n = range(calls)

    # Each object is dropped as soon as it is built: the cost of building, not of holding a
    # million objects (which is the garbage collector's, the same for every container).
    def build(make: Callable[..., object]) -> Callable[[], None]:
        def run() -> None:
            for _ in n:
                make("u1", incoming, at, 61, phone="+7 912 345-67-89", manager_id=5,
                     card_id=7, entity_type=contact, status=talked)  # fmt: skip

        return run

    def as_tuples() -> None:
        phone = "+7 912 345-67-89"
        for i in n:
            ("u1", incoming, at, i, phone, 5, 7, contact, talked, "", "", None, False, None)  # noqa: B018

    def from_strings() -> None:
        for _ in n:
            ca.Call("u1", "inbound", at, 61, phone="+7 912 345-67-89", manager_id=5,
                    card_id=7, entity_type="contacts", status=4)  # fmt: skip

    medians = in_turns(
        {
            "tuple": as_tuples,
            "NamedTuple": build(CallTuple),
            "attrs, no checks": build(PlainCall),
            "Call": build(ca.Call),
            "Call, enums as text": from_strings,
        },
        repeat,
    )
    table = Table(
        f"(f) constructing a call, 14 fields: {calls:,} calls",
        "NamedTuple",
        calls,
        medians=medians,
    )
    table.notes.append(f"Call: {medians['Call'] / calls * 1e6:.2f} us each, every field checked")
    return table


# --- (g) the live report ----------------------------------------------------------------------


def live_adds(calls: int, repeat: int) -> Table:
    """(g) Calls added one at a time to a live report, with 5 and with 2,000 managers."""
    small, large = account(calls, managers=5), account(calls, managers=2000)

    def counters(data: Account) -> Callable[[], dict[Any, int]]:
        def run() -> dict[Any, int]:
            count: dict[Any, int] = {}
            for c in data.calls:
                count[c.manager_id] = count.get(c.manager_id, 0) + 1
            return count

        return run

    def live(data: Account) -> Callable[[], ca.LiveReport]:
        def run() -> ca.LiveReport:
            report = ca.LiveReport(data.managers, cards=data.cards, now=data.now)
            add = report.add
            for c in data.calls:
                add(c)
            return report

        return run

    built = live(large)()
    expected = ca.build_report(large.calls, large.managers, cards=large.cards, now=large.now)
    assert built.report() == expected
    medians = in_turns(
        {
            "dict of counters": counters(small),
            "live adds, 5 managers": live(small),
            "live adds, 2,000 managers": live(large),
        },
        repeat,
    )
    table = Table(
        f"(g) live report: {calls:,} calls added one at a time (matching + now)",
        "dict of counters",
        calls,
        medians=medians,
    )
    for name in ("live adds, 5 managers", "live adds, 2,000 managers"):
        table.notes.append(f"{name}: {calls / medians[name]:,.0f} adds/s")
    return table
