"""Hypothesis strategies for the models, shared by every property test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

import callanalytics as ca

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)

manager_ids = st.integers(min_value=1, max_value=6)
"""Small id spaces, so that calls collide on managers, cards and phones."""

phones = st.sampled_from(
    [
        "+7 912 345-67-89",
        "8 (912) 345 67 89",
        "79123456789",
        "+7 495 000-00-01",
        "84950000001",
        "204",
        "ext. 205",
        "",
        "unknown",
        "+7 999 111-22-33",
    ]
)

offsets = st.sampled_from([UTC, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5))])


@st.composite
def instants(draw: st.DrawFn, *, days: int = 30) -> datetime:
    """An aware instant within *days* before :data:`NOW`, in one of a few fixed offsets."""
    seconds = draw(st.integers(min_value=0, max_value=days * 86400))
    return (NOW - timedelta(seconds=seconds)).astimezone(draw(offsets))


def managers(max_size: int = 6) -> st.SearchStrategy[list[ca.Manager]]:
    """Managers with unique ids 1..6, some inactive."""
    return st.lists(
        st.builds(
            ca.Manager,
            id=manager_ids,
            name=st.sampled_from(["Anna", "Boris", "Vera", "Anna"]),
            active=st.booleans(),
        ),
        max_size=max_size,
        unique_by=lambda m: m.id,
    )


cards = st.lists(
    st.builds(
        ca.Card,
        id=st.integers(min_value=1, max_value=5),
        entity_type=st.sampled_from(ca.EntityType),
        phones=st.lists(phones, max_size=2),
        manager_id=st.none() | manager_ids,
    ),
    max_size=6,
    unique_by=lambda c: c.key,
)


@st.composite
def calls(draw: st.DrawFn) -> ca.Call:
    """Any valid call: with or without a card, manager (possibly unknown: 7..8), status."""
    has_card = draw(st.booleans())
    via_app = draw(st.booleans())
    return ca.Call(
        id=draw(st.text("abcdef0123456789", min_size=1, max_size=8)),
        direction=draw(st.sampled_from(ca.Direction)),
        started_at=draw(instants()),
        duration=draw(st.integers(min_value=0, max_value=4 * 3600)),
        phone=draw(phones),
        manager_id=draw(st.none() | st.integers(min_value=1, max_value=8)),
        card_id=draw(st.integers(min_value=1, max_value=5)) if has_card else None,
        entity_type=draw(st.sampled_from(ca.EntityType)) if has_card else None,
        status=draw(st.none() | st.sampled_from(ca.CallStatus)),
        recording_url=None if via_app else draw(st.none() | st.just("https://rec.example/1.mp3")),
        via_app=via_app,
    )


call_lists = st.lists(calls(), max_size=40)
