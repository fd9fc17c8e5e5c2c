"""amoCRM completely: call objects, notes, note webhooks and unsorted items, from real examples."""

from __future__ import annotations

import io
import json
import urllib.parse
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import callanalytics as ca
from callanalytics._sources.amocrm import derived_id

AMO = Path(__file__).parent / "fixtures" / "amocrm"
WEBHOOK = json.loads((AMO / "CONSTRUCTED_call_note_added_contact_formfields.json").read_text())[
    "form"
]


def fixture(name: str) -> Any:
    return json.loads((AMO / name).read_text(encoding="utf-8"))


def read(data: str, **options: Any) -> tuple[list[ca.Call], ca.FileCallReader]:
    reader = ca.read_calls(io.StringIO(data), **options)
    calls = list(reader)
    assert reader.counts.reconciles
    return calls, reader


# --- POST /api/v4/calls -----------------------------------------------------------------------


def test_r1_the_kommo_call_logging_example() -> None:
    """Kommo's documented request body: one incoming call, the creator as manager."""
    (call,) = ca.read_calls(AMO / "request_kommo_call_logging_doc.json")
    assert call == ca.Call(
        id="394427aaf821879e29efbc4eb78er22171530",
        direction="inbound",
        started_at=datetime(2022, 9, 7, 9, 53, 43, tzinfo=UTC),  # 1662544423
        duration=20,
        phone="18305803077",
        manager_id=8375357,
        status=ca.CallStatus.CALL_BACK_LATER,
        source="kommo_custom_widget",
    )


def test_r1_an_asterisk_uniqueid_and_the_creator() -> None:
    """A Brazilian PBX's body: `uniq` is an Asterisk uniqueid, `created_by` the manager."""
    (call,) = ca.read_calls(AMO / "request_public_vip_ipbx_integration.json")
    assert (call.id, call.direction, call.duration, call.manager_id) == (
        "11452541.115654",
        ca.Direction.OUTGOING,
        144,
        11235431,
    )
    assert call.started_at == datetime(2024, 7, 8, 19, 58, 29, tzinfo=UTC)  # 1720468709


def test_r27_bodies_without_created_at_are_rejected_naming_it() -> None:
    """The SDK's body (#52) has no `created_at`: rejected, naming the field, with its line."""
    reader = ca.read_calls(AMO / "request_issue52_sdk_body.json")
    assert list(reader) == []
    (rejected,) = reader.rejected
    assert (rejected.line, rejected.fields) == (2, ("created_at",))
    assert "'created_at' is required" in rejected.message


def test_r1_a_host_passes_the_time_it_received_the_call() -> None:
    """received_at stands in for a missing `created_at`, as amoCRM stamps such a call."""
    body = fixture("request_issue52_sdk_body.json")[0]
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    call = ca.call_from_api(body, received_at=at)
    assert (call.started_at, call.id, call.status) == (
        at,
        "b3429754-faf8-4ff1-b797-4c92687861b4",
        ca.CallStatus.TALKED,
    )
    with pytest.raises(ca.InvalidValueError, match="received_at"):
        ca.call_from_api(body, received_at=datetime(2026, 11, 2))  # naive


def test_r13_a_name_in_call_responsible_does_not_win_over_the_user_id() -> None:
    """`call_responsible: "Шаев Андрей"` and `responsible_user_id: 8736109`: the id wins."""
    body = fixture("request_public_js_call_responsible_name.json")[0]
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    assert ca.call_from_api(body, received_at=at).manager_id == 8736109
    alone = {k: v for k, v in body.items() if k != "responsible_user_id"}
    assert ca.call_from_api(alone, received_at=at).manager_id == "Шаев Андрей"


def test_r28_a_body_without_uniq_gets_an_id_of_its_content() -> None:
    """No `uniq`, no `id`: the same body resent has the same id, so it is a duplicate."""
    body = {**fixture("request_public_js_call_responsible_name.json")[0], "created_at": 1793611800}
    lines = "".join(json.dumps({**body, "request_id": str(i)}) + "\n" for i in range(3))
    calls, reader = read(lines)
    assert len(calls) == 1
    assert calls[0].id == derived_id(body)
    assert calls[0].id.startswith("amocrm-")
    assert reader.counts.duplicates == 2


def test_r27_every_problem_of_an_api_object_at_once() -> None:
    """A body with three bad fields names all three."""
    with pytest.raises(ca.InvalidValueError) as caught:
        ca.call_from_api(
            {
                "direction": "inbound",
                "duration": -1,
                "created_at": "x",
                "call_status": 9,
                "uniq": "a",
            }
        )
    message = str(caught.value)
    for part in (
        "'duration' must be >= 0",
        "'created_at' must be a whole number",
        "'call_status' must be a call status",
    ):
        assert part in message
    assert caught.value.fields == ("created_at", "duration", "call_status")


# --- Notes ----------------------------------------------------------------------------------


def test_r1_the_sdk_call_in_note() -> None:
    """The PHP SDK's CallInNoteTest note, in a contact: every field hand-checked."""
    call = ca.call_from_note(fixture("call_in_note_sdk_test_fixture.json"), entity_type="contact")
    assert call == ca.Call(
        id="865a950a-cec3-435f-9ee9-409c6d2be4b7",
        direction="inbound",
        started_at=datetime(2020, 4, 24, 12, 29, 13, tzinfo=UTC),  # 1587731353
        duration=130,
        phone="+7912312321",
        manager_id=501,
        card_id=8694432,
        entity_type="contacts",
        status=4,
        result="Разговор состоялся",
        source="test integration",
        recording_url="https://example.test/test.mp3",
    )


def test_r6_a_note_on_a_lead_is_excluded_as_other_card() -> None:
    """The mobile-app note of #383 was read from a lead: OTHER_CARD, not an error."""
    note = fixture("call_out_note_issue383_mobile_app.json")
    call = ca.call_from_note(note, entity_type="leads", via_app=True)
    assert (call.id, call.duration, call.status, call.recording_url) == (
        "C29786EF-B4B5-4519-8D72-961FB321B5AA",
        160,
        None,
        None,
    )
    report = ca.build_report([call], [ca.Manager(7031037, "Anna")])
    assert report.excluded[ca.Exclusion.OTHER_CARD] == 1


def test_r31_a_note_with_a_null_duration_is_a_missed_call() -> None:
    """`duration: null` is a call nobody answered: 0 seconds, "no answer" — not dropped."""
    note = fixture("call_in_note_public_test_contact_notes.json")
    note["params"]["duration"] = None
    note["params"].pop("call_status")
    call = ca.call_from_note(note, entity_type="contacts")
    assert (call.duration, call.status) == (0, ca.CallStatus.NO_ANSWER)
    note["params"]["call_status"] = 7
    assert ca.call_from_note(note, entity_type="contacts").status is ca.CallStatus.BUSY


def test_r1_a_notes_page_names_its_entity() -> None:
    """`GET /api/v4/companies/notes`: the page's `_links.self.href` says the entity."""
    note = fixture("call_in_note_public_test_contact_notes.json")  # no uniq: the note's id
    page = {
        "_links": {"self": {"href": "https://x.amocrm.ru/api/v4/companies/notes?page=1"}},
        "_embedded": {"notes": [note]},
    }
    (call,) = read(json.dumps(page), format="amocrm")[0]
    assert (call.id, call.card_key) == ("291194447", (ca.EntityType.COMPANY, 30526549))
    one = {**note, "_links": {"self": {"href": "https://x.amocrm.ru/api/v4/leads/1/notes/2"}}}
    assert ca.call_from_note(one).entity_type is ca.EntityType.LEAD
    assert (
        ca.call_from_note({**note, "entity_type": "contacts"}).entity_type is ca.EntityType.CONTACT
    )
    elsewhere = {**note, "_links": {"self": {"href": "https://x.amocrm.ru/api/v4/events"}}}
    with pytest.raises(ca.InvalidValueError, match="'entity_type' is required"):
        ca.call_from_note(elsewhere)


def test_a_note_without_uniq_and_id_is_an_error() -> None:
    """The call's id must come from somewhere."""
    note = {
        k: v for k, v in fixture("call_in_note_public_test_contact_notes.json").items() if k != "id"
    }
    with pytest.raises(ca.InvalidValueError, match="'params.uniq' is required"):
        ca.call_from_note(note, entity_type="contacts")


# --- Webhooks -------------------------------------------------------------------------------


def test_r1_a_call_note_webhook_form_encoded() -> None:
    """The note webhook, urlencoded as amoCRM posts it: an incoming call in a contact."""
    body = urllib.parse.urlencode(WEBHOOK)
    ((entity, fields),) = ca.webhook_notes(body)
    call = ca.call_from_webhook_note(fields, entity=entity)
    assert call == ca.Call(
        id="865a950a-cec3-435f-9ee9-409c6d2be4b7",
        direction="inbound",
        started_at=datetime(2020, 4, 24, 12, 29, 13, tzinfo=UTC),
        duration=130,
        phone="+7912312321",
        manager_id=501,
        card_id=8694432,
        entity_type="contacts",
        source="test integration",
        recording_url="https://example.test/test.mp3",
    )
    assert ca.webhook_notes(body.encode()) == ca.webhook_notes(list(WEBHOOK.items()))


def test_r1_date_create_is_the_accounts_wall_time() -> None:
    """Without `created_at`, `date_create` is read in tz (Moscow: UTC+3)."""
    fields = {k.rsplit("[", 1)[1].rstrip("]"): v for k, v in WEBHOOK.items() if "[note]" in k}
    del fields["created_at"]
    call = ca.call_from_webhook_note(fields, tz=timezone(timedelta(hours=3)))
    assert call.started_at == datetime(2020, 4, 24, 12, 29, 13, tzinfo=UTC)
    with pytest.raises(ca.InvalidValueError, match="'date_create' must have a UTC offset"):
        ca.call_from_webhook_note(fields)


def test_r27_a_webhook_file_every_note_accounted_for() -> None:
    """Webhook bodies one per line: a lead's call note, the captured common note, a bad line."""
    lead = {k.replace("contacts[", "leads["): v for k, v in WEBHOOK.items()}
    lead["leads[note][0][note][element_type]"] = "2"
    lead["leads[note][0][note][note_type]"] = "11"
    lead["leads[note][0][note][text]"] = json.dumps({"UNIQ": "w2", "DURATION": None})
    captured = (AMO / "note_added_lead_captured_DERIVED.urlencoded").read_text().strip()
    lines = [urllib.parse.urlencode(lead), captured, "hello=world", "", " "]
    calls, reader = read("\n".join(lines), format="amocrm")
    (call,) = calls
    assert (call.id, call.direction, call.entity_type, call.duration, call.status) == (
        "w2",
        ca.Direction.OUTGOING,
        ca.EntityType.LEAD,
        0,
        ca.CallStatus.NO_ANSWER,
    )
    assert [(r.line, r.message[:40]) for r in reader.rejected] == [
        (2, "'note_type' must be 10 (an incoming call"),
        (3, "'body' must be a note webhook: form fiel"),
    ]
    assert ca.build_report(calls, []).excluded[ca.Exclusion.OTHER_CARD] == 1


def test_the_format_of_a_webhook_file_is_found_from_its_content() -> None:
    """No format given: the `[note][` keys say amoCRM."""
    calls, _ = read(urllib.parse.urlencode(WEBHOOK) + "\n")
    assert [c.id for c in calls] == ["865a950a-cec3-435f-9ee9-409c6d2be4b7"]


def test_a_webhook_already_decoded_in_a_json_file() -> None:
    """A host that logged the decoded form as JSON: each note is a record."""
    two = {**WEBHOOK, **{k.replace("[0]", "[1]"): v for k, v in WEBHOOK.items() if "[0]" in k}}
    two["contacts[note][1][note][text]"] = json.dumps({"UNIQ": "x", "DURATION": "-4"})
    calls, reader = read(json.dumps([two]))
    assert len(calls) == 1
    assert reader.rejected[0].message == "'text.DURATION' must be >= 0 (got '-4')."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "not json"}, "'text' must be JSON with the call's UNIQ"),
        ({"text": "[1]"}, "'text' must be a JSON object"),
        ({"text": "{}"}, "'text.DURATION' is required"),
        ({"text": ""}, "'text.DURATION' is required"),
        ({"note_type": None}, "'note_type' must be 10"),
        ({"element_type": "9"}, "'entity_type' must be one of"),
    ],
)
def test_a_bad_webhook_note_names_its_field(changes: dict[str, Any], message: str) -> None:
    """Each problem names the webhook's field."""
    fields = {k.rsplit("[", 1)[1].rstrip("]"): v for k, v in WEBHOOK.items() if "[note]" in k}
    fields.update(changes)
    with pytest.raises(ca.InvalidValueError, match=message.replace("(", r"\(")):
        ca.call_from_webhook_note(fields)


def test_webhook_notes_takes_text_mappings_or_pairs() -> None:
    """Anything else is a type error naming `body`."""
    with pytest.raises(ca.InvalidTypeError, match="'body' must be form-encoded text"):
        ca.webhook_notes(42)
    assert ca.webhook_notes({"account[id]": "1"}) == []


# --- Unsorted ---------------------------------------------------------------------------------


def test_r8_an_unsorted_sip_item_in_a_list() -> None:
    """The SDK's sip item (runtime values filled in): an incoming call with no card."""
    item = fixture("CONSTRUCTED_sip_unsorted_as_serialized_by_sdk.json")["body"][0]
    item["metadata"].update(called_at=1554897600, uniq="4f7d")
    (call,) = read(json.dumps([item]))[0]
    assert (call.id, call.direction, call.duration, call.card_key, call.source) == (
        "4f7d",
        ca.Direction.INCOMING,
        135,
        None,
        "my_best_telephony",
    )


def test_r28_a_number_too_long_to_write_names_its_field_not_a_digest_crash() -> None:
    """A call without uniq gets a digest of its content; a 5,000-digit number has none."""
    body = {"direction": "inbound", "duration": 5, "phone": "1", "created_at": 1767261600}
    with pytest.raises(ca.InvalidValueError, match="'call_result' must have at most 4000 digits"):
        ca.call_from_api({**body, "call_result": 10**5000})
    with pytest.raises(ca.InvalidValueError, match="'payload' must hold numbers of at most 4000"):
        ca.call_from_api({**body, "extra": {"deep": 10**5000}})
    deep: dict[str, object] = {}
    for _ in range(100_000):
        deep = {"a": deep}
    with pytest.raises(ca.InvalidValueError, match="'payload' must be nested less deeply"):
        ca.call_from_api({**body, "extra": deep})


@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        (b"\xff\xfe", ca.InvalidValueError, "'body' must be UTF-8 form-encoded text"),
        ([None], ca.InvalidTypeError, r"'body' must be \(key, value\) pairs \(got None"),
        ([("a", "b", "c")], ca.InvalidTypeError, r"'body' must be \(key, value\) pairs"),
    ],
)
def test_r27_a_webhook_body_that_is_no_form_names_the_body(
    body: object, error: type[Exception], message: str
) -> None:
    """Bytes that are not UTF-8, or items that are not pairs: an error naming 'body'."""
    with pytest.raises(error, match=message):
        ca.webhook_notes(body)
    assert ca.webhook_notes([("account[id]", "1")]) == []


def test_r28_a_value_whose_repr_fails_still_gets_a_digest_id() -> None:
    """The digest of a body without uniq writes odd values bounded, never by their repr."""

    class Odd:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    body = {"direction": "inbound", "duration": 5, "phone": "1", "created_at": 1767261600}
    call = ca.call_from_api({**body, "extra": Odd()})
    assert call.id.startswith("amocrm-")
    assert call.id == ca.call_from_api({**body, "extra": Odd()}).id
