"""Calls read from amoCRM Unsorted `sip` items: incoming, no card, fields named (R1, R8)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

import callanalytics as ca
from callanalytics._sources.amocrm import call_from_unsorted


def item(**metadata: Any) -> dict[str, Any]:
    """An Unsorted item as `POST /api/v4/leads/unsorted/sip` takes it, with *metadata* changes."""
    fields: dict[str, Any] = {
        "is_call_event_needed": True,
        "uniq": "a1fe231cc88e64ba2e8822ba2b3ewrw",
        "duration": 54,
        "service_code": "CkAvbEwPam6sad",
        "link": "https://example.com/a1.mp3",
        "phone": 79998888856,
        "called_at": 1510261200,
        "from": "onlinePBX",
        "call_responsible": 504141,
    }
    fields.update(metadata)
    return {
        "source_name": "Acme telephony",
        "source_uid": "a1fee7c0fc436088e64ba2e8822ba2b3",
        "created_at": 1510261300,
        "metadata": {k: v for k, v in fields.items() if v is not ...},
    }


def test_r8_unsorted_item_is_an_incoming_call_without_card() -> None:
    """Every field maps; the call is incoming, in no card, with no status."""
    call = call_from_unsorted(item())
    assert call == ca.Call(
        id="a1fe231cc88e64ba2e8822ba2b3ewrw",
        direction=ca.Direction.INCOMING,
        started_at=datetime(2017, 11, 9, 21, 0, tzinfo=UTC),
        duration=54,
        phone="79998888856",
        manager_id=504141,
        source="CkAvbEwPam6sad",
        recording_url="https://example.com/a1.mp3",
    )


def test_r8_called_at_is_the_start_not_the_item_creation() -> None:
    """The start is `metadata.called_at` in Unix seconds, not the item's `created_at`."""
    assert call_from_unsorted(item(called_at=0)).started_at == datetime(1970, 1, 1, tzinfo=UTC)


def test_r8_unsorted_call_stays_unsorted_in_the_report() -> None:
    """An unsorted call with no matching card is counted as unsorted by the report."""
    call = call_from_unsorted(item())
    report = ca.build_report([call], [ca.Manager(504141, "Anna")], cards=[])
    assert report.excluded[ca.Exclusion.UNSORTED] == 1


def test_r7_unsorted_call_is_attached_when_its_card_exists() -> None:
    """If a card with the number exists, the call is matched like any call without a card."""
    call = call_from_unsorted(item(phone="+7 999 888-88-56"))
    card = ca.Card(5, "contacts", phones=["89998888856"])
    assert ca.match_calls([call], [card]).attached[0].card_id == 5


@pytest.mark.parametrize(
    ("changes", "phone"),
    [
        ({"phone": ..., "from": "+7 912 345-67-89"}, "+7 912 345-67-89"),
        ({"phone": "", "from": "89123456789"}, "89123456789"),
        ({"phone": ..., "from": "onlinePBX"}, ""),
        ({"phone": ..., "from": ...}, ""),
        ({"phone": "+7 912 345-67-89", "from": "Ivan"}, "+7 912 345-67-89"),
    ],
)
def test_r1_phone_falls_back_to_from_when_it_has_digits(
    changes: dict[str, Any], phone: str
) -> None:
    """`phone` is the number; `from` stands in only when `phone` is empty and it has digits."""
    assert call_from_unsorted(item(**changes)).phone == phone


def test_r1_source_falls_back_to_the_source_name() -> None:
    """Without `service_code` the telephony is the item's `source_name`."""
    assert call_from_unsorted(item(service_code=...)).source == "Acme telephony"


@pytest.mark.parametrize(
    ("responsible", "manager_id"),
    [
        (..., None),
        (0, None),
        ("", None),
        ("504141", 504141),
        ("anna@example.com", "anna@example.com"),
    ],
)
def test_r13_call_responsible_is_the_manager(responsible: object, manager_id: object) -> None:
    """`call_responsible` is the manager: an id, digits, a name or e-mail; 0 or none is no one."""
    assert call_from_unsorted(item(call_responsible=responsible)).manager_id == manager_id


def test_r1_optional_fields_may_be_absent() -> None:
    """Without link, service code and responsible the call has no recording, source or manager."""
    call = call_from_unsorted(item(link=..., service_code=..., call_responsible=..., phone=None))
    assert call.recording_url is None
    assert call.manager_id is None
    assert call.phone == ""


def test_r1_numbers_sent_as_strings_are_accepted() -> None:
    """Form-encoded numbers (`"54"`, `"1510261200"`) are read as integers."""
    call = call_from_unsorted(item(duration="54", called_at="1510261200"))
    assert call.duration == 54
    assert call.started_at == datetime(2017, 11, 9, 21, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("uniq", r"'metadata\.uniq' is required"),
        ("duration", r"'metadata\.duration' is required"),
        ("called_at", r"'metadata\.called_at' is required"),
    ],
)
def test_r1_missing_field_is_named(field: str, message: str) -> None:
    """A missing required field is an error naming it with its `metadata.` path."""
    with pytest.raises(ca.InvalidValueError, match=message):
        call_from_unsorted(item(**{field: ...}))


def test_r1_missing_metadata_is_named() -> None:
    """An item without `metadata` is an error naming it."""
    with pytest.raises(ca.InvalidValueError, match=r"'metadata' is required"):
        call_from_unsorted({"source_name": "x"})


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"duration": -5}, ca.InvalidValueError, r"'metadata\.duration' must be >= 0 \(got -5\)"),
        ({"duration": "-5"}, ca.InvalidValueError, r"'metadata\.duration' must be >= 0"),
        ({"duration": 5.5}, ca.InvalidValueError, r"'metadata\.duration' must be a whole number"),
        ({"duration": "long"}, ca.InvalidValueError, r"'metadata\.duration'.*'long'"),
        ({"duration": True}, ca.InvalidTypeError, r"'metadata\.duration' must be a whole number"),
        ({"duration": None}, ca.InvalidTypeError, r"'metadata\.duration'"),
        ({"called_at": "yesterday"}, ca.InvalidValueError, r"'metadata\.called_at'"),
        ({"called_at": None}, ca.InvalidValueError, r"'metadata\.called_at' is required"),
        ({"called_at": 10**20}, ca.InvalidValueError, r"'metadata\.called_at' must be a Unix"),
        ({"uniq": ""}, ca.InvalidValueError, r"'metadata\.uniq' must be a non-empty string"),
        ({"uniq": "  "}, ca.InvalidValueError, r"'metadata\.uniq' must be a non-empty string"),
        ({"uniq": ["a"]}, ca.InvalidTypeError, r"'metadata\.uniq' must be a string"),
        ({"phone": ["1"]}, ca.InvalidTypeError, r"'metadata\.phone' must be a string"),
        ({"link": 5.0}, ca.InvalidTypeError, r"'metadata\.link' must be a string"),
        ({"call_responsible": -3}, ca.InvalidValueError, r"'metadata\.call_responsible'.*-3"),
        (
            {"call_responsible": " "},
            ca.InvalidValueError,
            r"^'metadata\.call_responsible' must be a non-empty string \(got ' '\)\.$",
        ),
        (
            {"call_responsible": "-3"},
            ca.InvalidValueError,
            r"^'metadata\.call_responsible' must be >= 0 \(got '-3'\)\.$",
        ),
        ({"duration": "--5"}, ca.InvalidValueError, r"'metadata\.duration'.*'--5'"),
    ],
)
def test_r1_bad_value_is_named(
    changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    """A bad value is an error naming the field as `metadata.<field>` and the value."""
    with pytest.raises(error, match=message):
        call_from_unsorted(item(**changes))


@pytest.mark.parametrize(
    ("payload", "error", "message"),
    [
        ([], ca.InvalidTypeError, r"'payload' must be a mapping"),
        ({"metadata": "x"}, ca.InvalidTypeError, r"'metadata' must be a mapping"),
        ({**item(), "category": "forms"}, ca.InvalidValueError, r"'category' must be 'sip'"),
    ],
)
def test_r1_bad_item_is_named(payload: object, error: type[Exception], message: str) -> None:
    """Not a mapping, metadata not a mapping, or an Unsorted item of another category."""
    with pytest.raises(error, match=message):
        call_from_unsorted(payload)  # type: ignore[arg-type]


def test_r8_listed_sip_item_is_accepted() -> None:
    """An item from `GET /api/v4/leads/unsorted` with `category: sip` is read the same way."""
    listed = {**item(), "uid": "400c5eb6", "category": "sip"}
    assert call_from_unsorted(listed) == call_from_unsorted(item())
