"""A deterministic sample account: managers, cards and calls for demos, tests and benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Final

import attrs

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus, Direction, EntityType
from callanalytics._model.models import Call, Card, Id, Manager

__all__ = ["SAMPLE_NOW", "SAMPLE_TZ", "SampleAccount", "iter_sample_calls", "sample_account"]

SAMPLE_NOW: Final = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
"""The fixed "now" of the sample account (18:00 in Moscow)."""
SAMPLE_TZ: Final = "Europe/Moscow"
"""The sample account's timezone."""

_MANAGERS: Final = (
    Manager(504141, "Anna Smirnova", group="Sales"),
    Manager(504142, "Boris Ivanov", group="Sales"),
    Manager(504143, "Viktor Kuznetsov", group="Sales", active=False),
    Manager(504144, "Galina Popova", group="Support"),
    Manager(504145, "Dmitry Sokolov", group="Support"),
)
# How often each manager takes a call; Galina (active) has none, Viktor (inactive) some.
_WEIGHTS: Final = (34, 27, 6, 0, 25)
_UNKNOWN_MANAGER: Final = 777001
"""A user of another account: its calls are excluded and counted (R13)."""
_FORMATS: Final = (
    "+7 {a} {b}-{c}-{d}",
    "8 ({a}) {b} {c} {d}",
    "7{a}{b}{c}{d}",
    "+7({a}){b}-{c}{d}",
)
_SOURCES: Final = ("Zadarma", "onlinePBX", "Mango Office", "UIS")
_RESULTS: Final = (
    "",
    "Agreed to a demo",
    "Asked for a quote",
    "Not interested",
    "Call back Monday",
)


@attrs.frozen
class SampleAccount:
    """A sample account: its managers, its cards, its calls and the moment they are seen at."""

    managers: tuple[Manager, ...]
    cards: tuple[Card, ...]
    calls: tuple[Call, ...]
    now: datetime
    tz: str


def _phone(rng: random.Random) -> tuple[str, str]:
    """A Russian mobile number as ``(digits, how a person typed it)``."""
    a = f"9{rng.randrange(10, 100)}"
    b, c, d = f"{rng.randrange(1000):03d}", f"{rng.randrange(100):02d}", f"{rng.randrange(100):02d}"
    return a + b + c + d, rng.choice(_FORMATS).format(a=a, b=b, c=c, d=d)


def _cards(rng: random.Random, contacts: int, companies: int) -> tuple[Card, ...]:
    cards = []
    for i in range(contacts):
        _, typed = _phone(rng)
        phones = [typed] if rng.random() < 0.85 else [typed, _phone(rng)[1]]
        cards.append(Card(10001 + i, EntityType.CONTACT, f"Contact {i + 1}", phones))
    for i in range(companies):
        _, typed = _phone(rng)
        cards.append(Card(20001 + i, EntityType.COMPANY, f"Company {i + 1}", [typed]))
    return tuple(cards)


def _duration(rng: random.Random, status: CallStatus | None) -> int:
    if status in (None, CallStatus.TALKED):
        roll = rng.random()
        if roll < 0.04:
            return rng.randrange(3600, 3 * 3600)  # a long negotiation, beyond an hour
        if roll < 0.1:
            return 0
        return rng.randrange(20, 1500)
    if status is CallStatus.LEFT_MESSAGE:
        return rng.randrange(10, 90)
    return rng.randrange(0, 30)


def iter_sample_calls(
    size: int,
    *,
    seed: int = 0,
    cards: tuple[Card, ...] | None = None,
    now: datetime = SAMPLE_NOW,
    days: int = 30,
) -> Iterator[Call]:
    """Yield *size* sample calls lazily (for streaming and benchmarks), deterministic by *seed*.

    About 75 % carry their card, 15 % have none but a card's number (matching attaches them),
    10 % come from unknown numbers (one in 50 of them just hours before *now*: pending); some
    have no manager, and one belongs to another account's user.

    >>> calls = list(iter_sample_calls(3, seed=1))
    >>> len(calls), calls == list(iter_sample_calls(3, seed=1))
    (3, True)
    """
    checks.whole(size, "size", "a whole number (int)", minimum=0)
    rng = random.Random(seed)
    if cards is None:
        cards = _cards(random.Random(seed), 60, 15)
    managers = [m.id for m in _MANAGERS]
    statuses = [*CallStatus, None]
    for i in range(size):
        started = now - timedelta(seconds=rng.randrange(days * 86400))
        direction = Direction.INCOMING if rng.random() < 0.45 else Direction.OUTGOING
        status = rng.choice(statuses)
        via_app = direction is Direction.OUTGOING and rng.random() < 0.05
        roll = rng.random()
        card = rng.choice(cards) if cards else None
        if card is not None and roll < 0.75:
            phone, card_id, entity = rng.choice(card.phones), card.id, card.entity_type
        elif card is not None and roll < 0.9:
            phone, card_id, entity = rng.choice(card.phones), None, None
        else:
            phone, card_id, entity = _phone(rng)[1], None, None
        if i % 50 == 13:  # a call from a new number a few hours ago: pending (R9)
            started = now - timedelta(seconds=rng.randrange(12 * 3600))
            phone, card_id, entity = _phone(rng)[1], None, None
        manager: Id | None = rng.choices(managers, _WEIGHTS)[0]
        if rng.random() < 0.06:
            manager = None  # the robot: no responsible user (R13)
        if i == 7:
            manager = _UNKNOWN_MANAGER
        duration = _duration(rng, status)
        telephony_record = not via_app and duration > 0 and rng.random() < 0.8
        yield Call(
            id=f"{seed}-{i:07d}",
            direction=direction,
            started_at=started,
            duration=duration,
            phone=phone,
            manager_id=manager,
            card_id=card_id,
            entity_type=entity,
            status=status,
            result=rng.choice(_RESULTS) if status is CallStatus.TALKED else "",
            source="" if via_app else rng.choice(_SOURCES),
            recording_url=f"https://records.example/{seed}/{i}.mp3" if telephony_record else None,
            via_app=via_app,
        )


def sample_account(size: int = 400, *, seed: int = 0) -> SampleAccount:
    """A deterministic sample account with *size* calls over the 30 days before its ``now``.

    Five managers (one inactive with calls, one active with none), 75 cards, both directions,
    every call status and calls with none, calls without a manager, durations beyond an hour,
    calls to match by phone and calls from unknown numbers.

    >>> account = sample_account(200, seed=3)
    >>> len(account.calls), len(account.managers), account.tz
    (200, 5, 'Europe/Moscow')
    """
    cards = _cards(random.Random(seed), 60, 15)
    calls = tuple(iter_sample_calls(size, seed=seed, cards=cards))
    return SampleAccount(_MANAGERS, cards, calls, SAMPLE_NOW, SAMPLE_TZ)
