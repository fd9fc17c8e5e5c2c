"""Calls from amoCRM payloads: the calls API object and the call notes (R1, R2)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

import callanalytics as ca

T = 1767261600  # 2026-01-01T10:00:00Z
API: dict[str, Any] = {
    "direction": "inbound",
    "uniq": "8f52d38a-aaaa",
    "duration": 3725,
    "source": "onlinePBX",
    "link": "https://rec.example/8f52.mp3",
    "phone": "+7 912 345-67-89",
    "call_result": "Agreed to a demo",
    "call_status": 4,
    "call_responsible": 504141,
    "created_by": 504142,
    "created_at": T,
}


def api(**changes: object) -> dict[str, Any]:
    payload = dict(API)
    for key, value in changes.items():
        if value is ...:
            payload.pop(key, None)
        else:
            payload[key] = value
    return payload


def test_r1_api_call_maps_every_field() -> None:
    """Every field of a POST /api/v4/calls object lands in the matching Call field."""
    call = ca.call_from_api(API)
    assert call == ca.Call(
        id="8f52d38a-aaaa",
        direction=ca.Direction.INCOMING,
        started_at=datetime(2026, 1, 1, 10, 0, tzinfo=UTC),
        duration=3725,
        phone="+7 912 345-67-89",
        manager_id=504141,
        status=ca.CallStatus.TALKED,
        result="Agreed to a demo",
        source="onlinePBX",
        recording_url="https://rec.example/8f52.mp3",
    )


def test_r1_classmethod_is_the_same_constructor() -> None:
    """Call.from_amocrm is the named constructor on the model."""
    assert ca.Call.from_amocrm(API) == ca.call_from_api(API)


@pytest.mark.parametrize(
    ("changes", "manager"),
    [
        ({}, 504141),
        ({"call_responsible": ...}, 504142),
        ({"call_responsible": ..., "responsible_user_id": 504143}, 504143),
        ({"call_responsible": ..., "created_by": ...}, None),
        ({"call_responsible": ..., "created_by": 0}, None),
        ({"call_responsible": 0, "created_by": 0}, None),
        ({"call_responsible": "504144"}, 504144),
        ({"call_responsible": "anna@example.com"}, 504142),  # text does not win (R13)
        ({"call_responsible": "anna@example.com", "created_by": ...}, "anna@example.com"),
    ],
)
def test_r13_manager_comes_from_responsible_then_creator(
    changes: dict[str, object], manager: object
) -> None:
    """call_responsible, then responsible_user_id, then created_by; none or 0 is the robot."""
    assert ca.call_from_api(api(**changes)).manager_id == manager


def test_r1_form_encoded_numbers_are_accepted() -> None:
    """Webhooks send numbers as strings: digits are read as integers."""
    call = ca.call_from_api(api(duration="61", created_at=str(T), call_status="2"))
    assert (call.duration, call.status) == (61, ca.CallStatus.CALL_BACK_LATER)


def test_r2_missing_or_empty_status_is_none() -> None:
    """No call_status (or an empty one) is a call without a status."""
    assert ca.call_from_api(api(call_status=...)).status is None
    assert ca.call_from_api(api(call_status="")).status is None


def test_r1_uniq_falls_back_to_the_id() -> None:
    """A payload read back from amoCRM may carry only its id."""
    assert ca.call_from_api(api(uniq=..., id=77)).id == "77"


def test_r1_entity_in_the_payload_attaches_the_call() -> None:
    """Objects read back from amoCRM carry entity_id and entity_type: the call is attached."""
    call = ca.call_from_api(api(entity_id=1001, entity_type="contacts"))
    assert call.card_key == (ca.EntityType.CONTACT, 1001)


@pytest.mark.parametrize(
    ("given", "entity"),
    [
        ("contact", ca.EntityType.CONTACT),
        ("company", ca.EntityType.COMPANY),
        ("lead", ca.EntityType.LEAD),
        ("leads", ca.EntityType.LEAD),
        ("customer", ca.EntityType.CUSTOMER),
    ],
)
def test_r6_singular_and_plural_entity_names_are_read(given: str, entity: ca.EntityType) -> None:
    """The PHP SDK and webhooks say ``contact``, the API ``contacts``: both are read."""
    assert ca.call_from_api(api(entity_id=7, entity_type=given)).card_key == (entity, 7)


def test_r6_a_call_in_a_lead_is_excluded_with_its_own_reason() -> None:
    """A call noted on a lead is no error: the report leaves it out as in another card (R6)."""
    lead_call = ca.call_from_api(api(entity_id=7, entity_type="leads"))
    report = ca.build_report([lead_call], [ca.Manager(504141, "Anna")])
    assert report.excluded[ca.Exclusion.OTHER_CARD] == 1
    assert report.included == 0
    answer = ca.explain(lead_call, [ca.Manager(504141, "Anna")])
    assert answer.reason is ca.Exclusion.OTHER_CARD
    assert "card of a lead (#7)" in answer.text


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"direction": ...}, ca.InvalidValueError, "'direction' is required"),
        ({"direction": "in"}, ca.InvalidValueError, "'direction' must be one of"),
        ({"duration": ...}, ca.InvalidValueError, "'duration' is required"),
        ({"duration": -3}, ca.InvalidValueError, r"'duration' must be >= 0 \(got -3\)"),
        ({"duration": 1.5}, ca.InvalidValueError, r"'duration' must be a whole number.*1\.5"),
        ({"duration": "12.5"}, ca.InvalidValueError, "'duration' must be a whole number"),
        ({"duration": True}, ca.InvalidTypeError, "'duration' must be a whole number"),
        ({"created_at": ...}, ca.InvalidValueError, "'created_at' is required"),
        ({"created_at": "yesterday"}, ca.InvalidValueError, "'created_at'.*'yesterday'"),
        ({"created_at": 10**20}, ca.InvalidValueError, "'created_at' must be a Unix time"),
        ({"call_status": 9}, ca.InvalidValueError, "'call_status' must be a call status.*9"),
        ({"phone": [1]}, ca.InvalidTypeError, "'phone' must be a string"),
        ({"entity_id": 5}, ca.InvalidValueError, "'entity_type' is required with 'entity_id'"),
        (
            {"entity_id": 5, "entity_type": "deals"},
            ca.InvalidValueError,
            "'entity_type' must be one of 'contacts', 'companies', 'leads', 'customers'.*'deals'",
        ),
    ],
)
def test_r1_bad_api_payload_names_the_field(
    changes: dict[str, object], error: type[Exception], message: str
) -> None:
    """A bad payload is an error naming the field and the value, never a wrong number."""
    with pytest.raises(error, match=message):
        ca.call_from_api(api(**changes))


def test_r1_payload_must_be_a_mapping() -> None:
    """A list is not a payload."""
    with pytest.raises(ca.InvalidTypeError, match="'payload' must be a mapping"):
        ca.call_from_api([1, 2])  # type: ignore[arg-type]


def test_r10_app_calls_from_the_api_have_no_recording() -> None:
    """A payload flagged as an app call with a recording link is invalid input."""
    with pytest.raises(
        ca.InvalidValueError, match=r"'link' must be empty .*via_app=True, got link="
    ):
        ca.call_from_api(API, via_app=True)
    assert ca.call_from_api(api(link=...), via_app=True).via_app


NOTE: dict[str, Any] = {
    "id": 42,
    "entity_id": 1001,
    "created_by": 0,
    "responsible_user_id": 504141,
    "created_at": T,
    "note_type": "call_out",
    "params": {
        "uniq": "n-1",
        "duration": 65,
        "source": "Zadarma",
        "link": "https://rec.example/n1.mp3",
        "phone": "89123456789",
        "call_status": 6,
        "call_result": "",
    },
}


def test_r1_note_maps_every_field() -> None:
    """A call_out note becomes an outgoing call attached to the note's entity."""
    call = ca.Call.from_amocrm_note(NOTE, entity_type="contacts")
    assert call == ca.Call(
        id="n-1",
        direction="outbound",
        started_at=datetime(2026, 1, 1, 10, 0, tzinfo=UTC),
        duration=65,
        phone="89123456789",
        manager_id=504141,
        card_id=1001,
        entity_type="contacts",
        status=6,
        source="Zadarma",
        recording_url="https://rec.example/n1.mp3",
    )


def test_r1_call_in_note_is_incoming() -> None:
    """call_in is an incoming call."""
    note = {**NOTE, "note_type": "call_in"}
    assert ca.call_from_note(note, entity_type="companies").direction is ca.Direction.INCOMING


def test_r13_note_without_a_user_is_the_robot() -> None:
    """No responsible user and created_by 0: the call has no manager."""
    note = {**NOTE, "responsible_user_id": 0}
    assert ca.call_from_note(note, entity_type="contacts").manager_id is None


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ({**NOTE, "note_type": "common"}, "'note_type' must be 'call_in' or 'call_out'.*'common'"),
        ({k: v for k, v in NOTE.items() if k != "params"}, "'params' is required"),
        ({**NOTE, "params": {"uniq": "x"}}, "'params.duration' is required"),
    ],
)
def test_r1_bad_note_names_the_field(note: dict[str, Any], message: str) -> None:
    """A bad note is an error naming the field and the value."""
    with pytest.raises(ca.InvalidValueError, match=message):
        ca.call_from_note(note, entity_type="contacts")


def test_r4_note_without_entity_type_is_an_error() -> None:
    """The note does not say its entity: the caller must."""
    with pytest.raises(ca.InvalidValueError, match="'entity_type' is required with 'entity_id'"):
        ca.call_from_note(NOTE)


def test_r2_note_with_zero_status_has_no_status() -> None:
    """amoCRM sends 0 for "no status": the call has none."""
    note = {**NOTE, "params": {**NOTE["params"], "call_status": 0}}
    assert ca.call_from_note(note, entity_type="contacts").status is None


# --- Review findings: strict numbers, the payload's field names -------------------------------


@pytest.mark.parametrize("text", ["--5", "-+5", "5-", "1_000", "٥", "0x10", "1e3", " ", "5 5"])
def test_r1_a_malformed_number_is_an_invalid_value_naming_the_field(text: str) -> None:
    """Text that is not an optional sign and ASCII digits is an InvalidValueError, not a crash."""
    with pytest.raises(ca.InvalidValueError) as caught:
        ca.call_from_api(api(duration=text))
    assert str(caught.value) == f"'duration' must be a whole number (got {text!r})."


@pytest.mark.parametrize(("text", "seconds"), [(" 61 ", 61), ("+61", 61), ("061", 61)])
def test_r1_integer_text_is_a_sign_and_digits_with_spaces_around(text: str, seconds: int) -> None:
    """A form-encoded number may carry a plus sign, leading zeros and spaces around it."""
    assert ca.call_from_api(api(duration=text)).duration == seconds


def test_r1_a_number_of_too_many_digits_is_an_invalid_value() -> None:
    """More digits than Python converts is an InvalidValueError naming the field."""
    with pytest.raises(ca.InvalidValueError, match=r"'duration' must be a whole number of at most"):
        ca.call_from_api(api(duration="1" * 5000))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"call_responsible": -3}, "'call_responsible' must be >= 0 (got -3)."),
        ({"call_responsible": "-3"}, "'call_responsible' must be >= 0 (got '-3')."),
        ({"call_responsible": " "}, "'call_responsible' must be a non-empty string (got ' ')."),
        (
            {"call_responsible": ..., "responsible_user_id": -2},
            "'responsible_user_id' must be >= 0 (got -2).",
        ),
        (
            {"entity_id": -1, "entity_type": "contacts"},
            "'entity_id' must be >= 0 (got -1).",
        ),
        (
            {"uniq": " "},
            "'uniq' must be a non-empty string: it is the call's id (got ' ').",
        ),
        (
            {"uniq": ..., "id": " "},
            "'id' must be a non-empty string: it is the call's id (got ' ').",
        ),
        ({"duration": "-3"}, "'duration' must be >= 0 (got '-3')."),
        ({"call_status": True}, "'call_status' must be a whole number (got True of type bool)."),
    ],
)
def test_r1_api_errors_name_the_payload_field_and_the_value_as_sent(
    changes: dict[str, object], message: str
) -> None:
    """An error names amoCRM's field (never the Call field it maps to) and the value as sent."""
    with pytest.raises(ca.CallAnalyticsError) as caught:
        ca.call_from_api(api(**changes))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("note", "message"),
    [
        (
            {**NOTE, "params": {**NOTE["params"], "uniq": " "}},
            "'params.uniq' must be a non-empty string: it is the call's id (got ' ').",
        ),
        (
            {**NOTE, "params": {**NOTE["params"], "duration": -1}},
            "'params.duration' must be >= 0 (got -1).",
        ),
        ({**NOTE, "responsible_user_id": -4}, "'responsible_user_id' must be >= 0 (got -4)."),
        ({**NOTE, "entity_id": "-7"}, "'entity_id' must be >= 0 (got '-7')."),
    ],
)
def test_r1_note_errors_name_the_note_field_and_the_value_as_sent(
    note: dict[str, Any], message: str
) -> None:
    """A note's error names the note's field (``params.uniq``, ``entity_id``), not Call's."""
    with pytest.raises(ca.InvalidValueError) as caught:
        ca.call_from_note(note, entity_type="contacts")
    assert str(caught.value) == message


def test_r10_an_app_note_with_a_recording_names_params_link() -> None:
    """A note flagged as an app call with ``params.link`` names that field (R10)."""
    with pytest.raises(ca.InvalidValueError, match=r"^'params\.link' must be empty"):
        ca.call_from_note(NOTE, entity_type="contacts", via_app=True)
