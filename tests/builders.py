"""Small builders for hand-written test data, shared by the test modules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
