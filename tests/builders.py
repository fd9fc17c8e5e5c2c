"""Small builders for hand-written test data, shared by the test modules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import callanalytics as ca

AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
"""The start of call number 0; call ``n`` starts ``n`` minutes later."""


def call(
    n: int,
    direction: str,
    duration: int,
    manager: ca.Id | None,
    *,
    card: ca.Id | None = 1,
    entity: str = "contacts",
    **more: object,
) -> ca.Call:
    """Call ``c{n}``, in card *card* (a contact unless told otherwise) unless *card* is None."""
    return ca.Call(
        id=f"c{n}",
        direction=direction,
        started_at=AT + timedelta(minutes=n),
        duration=duration,
        manager_id=manager,
        card_id=card,
        entity_type=entity if card is not None else None,
        **more,  # type: ignore[arg-type]
    )


def make_call(**changes: Any) -> ca.Call:
    """A call in contact card 12, of manager 1, inbound, 185 s, talked; *changes* override."""
    fields: dict[str, Any] = {
        "id": "c1",
        "direction": "inbound",
        "started_at": AT,
        "duration": 185,
        "phone": "+7 912 345-67-89",
        "manager_id": 1,
        "card_id": 12,
        "entity_type": "contacts",
        "status": 4,
    }
    fields.update(changes)
    return ca.Call(**fields)
