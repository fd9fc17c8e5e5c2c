"""The models validate at construction and name the field and the value (R1–R5, R10)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import attrs
import pytest

import callanalytics as ca

AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def make_call(**changes: object) -> ca.Call:
    fields: dict[str, object] = {
        "id": "c1",
        "direction": ca.Direction.INCOMING,
        "started_at": AT,
        "duration": 60,
    }
    fields.update(changes)
    return ca.Call(**fields)  # type: ignore[arg-type]


def test_r1_call_keeps_every_field() -> None:
    """A call built with every field keeps them, converted to the library's types."""
    call = ca.Call(
        id="uniq-1",
        direction="outbound",
        started_at=AT,
        duration=3725,
        phone="+7 912 345-67-89",
        manager_id=7,
        card_id=12,
        entity_type="companies",
        status=2,
        result="Call back on Monday",
        source="Zadarma",
        recording_url="https://rec.example/1.mp3",
        via_app=False,
    )
    assert call.direction is ca.Direction.OUTGOING
    assert call.entity_type is ca.EntityType.COMPANY
    assert call.status is ca.CallStatus.CALL_BACK_LATER
    assert call.card_key == (ca.EntityType.COMPANY, 12)
    assert (call.phone, call.result, call.source) == (
        "+7 912 345-67-89",
        "Call back on Monday",
        "Zadarma",
    )


def test_r1_call_is_immutable_and_hashable() -> None:
    """Calls are frozen values: equal calls are equal and hash alike, fields cannot change."""
    call = make_call()
    assert call == make_call()
    assert hash(call) == hash(make_call())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        call.duration = 5  # type: ignore[misc]


def test_r1_enum_values_are_amocrm_strings() -> None:
    """Directions and entity types carry amoCRM's API strings as values."""
    assert [d.value for d in ca.Direction] == ["inbound", "outbound"]
    assert [e.value for e in ca.EntityType] == ["contacts", "companies", "leads", "customers"]
    assert {e.value for e in ca.CLIENT_CARDS} == {"contacts", "companies"}  # R6


def test_r2_call_status_has_exactly_the_seven_amocrm_codes() -> None:
    """CallStatus is an IntEnum with the codes 1..7 in amoCRM's order."""
    assert [(s.name, int(s)) for s in ca.CallStatus] == [
        ("LEFT_MESSAGE", 1),
        ("CALL_BACK_LATER", 2),
        ("NOT_AVAILABLE", 3),
        ("TALKED", 4),
        ("WRONG_NUMBER", 5),
        ("NO_ANSWER", 6),
        ("BUSY", 7),
    ]


@pytest.mark.parametrize("code", [1, 2, 3, 4, 5, 6, 7])
def test_r2_int_status_is_converted(code: int) -> None:
    """An amoCRM status code 1..7 becomes the matching CallStatus."""
    assert make_call(status=code).status is ca.CallStatus(code)


def test_r2_absent_status_is_normal_data() -> None:
    """A call without a status is valid: not every PBX provides one."""
    assert make_call(status=None).status is None


@pytest.mark.parametrize("code", [0, 8, -1, 100])
def test_r2_status_outside_1_to_7_is_rejected(code: int) -> None:
    """Any other status code is invalid input, named with its value."""
    with pytest.raises(ca.InvalidValueError, match=rf"'status' must be .*1\.\.7.*got {code}"):
        make_call(status=code)


@pytest.mark.parametrize("value", [True, "4", 4.0])
def test_r2_status_of_another_type_is_a_type_error(value: object) -> None:
    """A boolean, a string or a float is not a status code."""
    with pytest.raises(ca.InvalidTypeError, match="'status'"):
        make_call(status=value)


def test_r1_naive_start_is_rejected() -> None:
    """A naive datetime is ambiguous: the error names 'started_at' and the value."""
    with pytest.raises(ca.InvalidValueError, match=r"'started_at' must be timezone-aware.*2026"):
        make_call(started_at=datetime(2026, 11, 2, 9, 30))


def test_r1_start_must_be_a_datetime() -> None:
    """A string or a number is not a start time."""
    with pytest.raises(ca.InvalidTypeError, match="'started_at'.*'2026-11-02'"):
        make_call(started_at="2026-11-02")


def test_r1_any_fixed_offset_is_accepted() -> None:
    """Aware datetimes in any offset are valid starts."""
    call = make_call(started_at=AT.astimezone(timezone(timedelta(hours=5))))
    assert call.started_at == AT


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (-5, ca.InvalidValueError, r"'duration' must be >= 0 \(got -5\)"),
        (1.5, ca.InvalidTypeError, r"'duration' must be a whole number of seconds.*1\.5"),
        (60.0, ca.InvalidTypeError, r"'duration'.*60\.0"),
        (True, ca.InvalidTypeError, r"'duration'.*True"),
        ("60", ca.InvalidTypeError, r"'duration'.*'60'"),
        (None, ca.InvalidTypeError, r"'duration'.*None"),
    ],
)
def test_r16_bad_duration_is_rejected(value: object, error: type[Exception], message: str) -> None:
    """Negative, fractional, boolean or non-numeric durations are invalid input (R1, R16)."""
    with pytest.raises(error, match=message):
        make_call(duration=value)


def test_r1_zero_duration_is_valid() -> None:
    """A call of zero seconds (nobody answered) is valid data."""
    assert make_call(duration=0).duration == 0


@pytest.mark.parametrize(
    "changes",
    [{"card_id": 5}, {"entity_type": "contacts"}],
)
def test_r4_card_id_and_entity_type_go_together(changes: dict[str, object]) -> None:
    """A card id without an entity type (or the reverse) cannot say which card it is."""
    with pytest.raises(ca.InvalidValueError, match="'card_id' and 'entity_type' must be set"):
        make_call(**changes)


def test_r10_app_call_with_recording_is_rejected() -> None:
    """A call from the app without telephony never has a recording."""
    with pytest.raises(ca.InvalidValueError, match=r"'recording_url'.*via_app=True.*rec\.mp3"):
        make_call(via_app=True, recording_url="https://x/rec.mp3")


def test_r10_app_call_without_recording_is_valid() -> None:
    """An app call with no recording is normal data."""
    assert make_call(via_app=True, direction="outbound").via_app is True


@pytest.mark.parametrize("value", ["", "   "])
def test_r1_empty_call_id_is_rejected(value: str) -> None:
    """A call needs an id (the telephony's uniq)."""
    with pytest.raises(ca.InvalidValueError, match="'id' must be a non-empty string"):
        make_call(id=value)


def test_r1_call_id_must_be_a_string() -> None:
    """Call ids are strings, as telephony uniq values are."""
    with pytest.raises(ca.InvalidTypeError, match="'id' must be a str"):
        make_call(id=17)


def test_r1_unknown_direction_is_rejected_with_the_allowed_values() -> None:
    """The direction error lists the allowed values."""
    with pytest.raises(
        ca.InvalidValueError, match=r"'direction' must be one of 'inbound', 'outbound'.*'in'"
    ):
        make_call(direction="in")


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("manager_id", "", ca.InvalidValueError),
        ("manager_id", -1, ca.InvalidValueError),
        ("manager_id", True, ca.InvalidTypeError),
        ("manager_id", 1.0, ca.InvalidTypeError),
    ],
)
def test_r1_bad_manager_reference_is_rejected(
    field: str, value: object, error: type[Exception]
) -> None:
    """Manager references are non-negative ints or non-empty strings."""
    with pytest.raises(error, match=f"'{field}'"):
        make_call(**{field: value})


def test_r3_manager_defaults() -> None:
    """A manager is active with no group unless told otherwise."""
    manager = ca.Manager(1, "Anna")
    assert (manager.group, manager.active) == (None, True)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"id": "", "name": "A"}, ca.InvalidValueError, "'id' must be a non-empty string"),
        ({"id": None, "name": "A"}, ca.InvalidTypeError, "'id' must be an int or a str"),
        ({"id": 1, "name": None}, ca.InvalidTypeError, "'name' must be a str"),
        ({"id": 1, "name": "A", "active": 1}, ca.InvalidTypeError, "'active' must be a bool"),
        ({"id": 1, "name": "A", "group": 5}, ca.InvalidTypeError, "'group' must be a str or None"),
    ],
)
def test_r3_bad_manager_is_rejected(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """Manager fields are checked at construction."""
    with pytest.raises(error, match=message):
        ca.Manager(**kwargs)  # type: ignore[arg-type]


def test_r4_card_identity_is_entity_type_and_id() -> None:
    """Contacts and companies have separate id spaces: the pair is the identity."""
    contact = ca.Card(5, "contacts")
    company = ca.Card(5, "companies")
    assert contact.key != company.key
    assert contact.key == (ca.EntityType.CONTACT, 5)


def test_r4_card_phones_become_a_tuple() -> None:
    """Phones given as a list (or one string) are stored as a tuple."""
    assert ca.Card(1, "contacts", phones=["1", "2"]).phones == ("1", "2")
    assert ca.Card(1, "contacts", phones="204").phones == ("204",)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": 1, "entity_type": "leads"}, "'entity_type' must be one of 'contacts', 'companies'"),
        ({"id": 1, "entity_type": "contacts", "phones": [79120000000]}, "'phones'"),
        ({"id": 1, "entity_type": "contacts", "phones": 79120000000}, "'phones'"),
    ],
)
def test_r4_bad_card_is_rejected(kwargs: dict[str, object], message: str) -> None:
    """Card entity types are contacts or companies; phones are strings."""
    with pytest.raises(ca.CallAnalyticsError, match=message):
        ca.Card(**kwargs)  # type: ignore[arg-type]


def test_errors_derive_from_the_library_base_and_the_builtins() -> None:
    """Callers can catch either the library's base class or the built-in exception."""
    assert issubclass(ca.InvalidValueError, ValueError)
    assert issubclass(ca.InvalidTypeError, TypeError)
    assert issubclass(ca.UnknownManagerError, LookupError)
    assert issubclass(ca.UnknownManagerError, ValueError)
    assert issubclass(ca.FeatureUnavailableError, LookupError)
    assert issubclass(ca.MissingExtraError, ImportError)
    for error in (
        ca.InvalidValueError,
        ca.InvalidTypeError,
        ca.UnknownManagerError,
        ca.FeatureUnavailableError,
        ca.MissingExtraError,
    ):
        assert issubclass(error, ca.CallAnalyticsError)


def test_r1_attach_fills_in_the_card() -> None:
    """Attaching a call to a card sets card_id and entity_type and keeps the rest."""
    call = make_call(phone="204")
    attached = call.attach(ca.Card(9, "companies"))
    assert attached.card_key == (ca.EntityType.COMPANY, 9)
    assert attrs.evolve(attached, card_id=None, entity_type=None) == call


def test_r1_direction_of_another_type_is_a_type_error() -> None:
    """A number is not a direction: a type error listing the allowed values."""
    with pytest.raises(ca.InvalidTypeError, match=r"'direction' must be one of.*got 1 of type int"):
        make_call(direction=1)


def test_r1_start_that_utc_cannot_express_is_rejected() -> None:
    """A start on 1 January of year 1 at +05:00 is before any UTC instant: an error, not a crash."""
    early = datetime(1, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=5)))
    with pytest.raises(ca.InvalidValueError, match="'started_at' must be an instant between"):
        make_call(started_at=early)


def test_r4_card_without_phones() -> None:
    """No phones (None) is an empty tuple: a card that matches no call by phone."""
    assert ca.Card(1, "contacts", phones=None).phones == ()


def test_r1_incoming_says_the_direction() -> None:
    """`incoming` is true for inbound calls only."""
    assert make_call(direction="inbound").incoming
    assert not make_call(direction="outbound").incoming


def test_r3_managers_must_be_managers() -> None:
    """A list of managers holding something else is a type error naming 'managers'."""
    with pytest.raises(ca.InvalidTypeError, match="'managers' must be an iterable of Manager"):
        ca.build_report([], [ca.Manager(1, "A"), "Boris"])  # type: ignore[list-item]
