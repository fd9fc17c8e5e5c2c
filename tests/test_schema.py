"""The call schema: one declaration per field, and the constructor generated from it (R1)."""

from __future__ import annotations

import ast
import inspect
import linecache
import traceback
from datetime import UTC, datetime
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._kit import checks
from callanalytics._model.schema import schema
from tests import strategies as cst
from tests.builders import AT, make_call

FIELDS = schema(ca.Call)
MODELS = Path(ca.__file__).parent / "_model" / "models.py"


def test_r1_the_schema_is_the_fields_of_call_in_order() -> None:
    """The schema lists every attrs field of Call, in order, each with a spec."""
    assert [f.name for f in FIELDS] == [f.name for f in attrs.fields(ca.Call)]
    assert [f.name for f in FIELDS if f.required] == ["id", "direction", "started_at", "duration"]


def test_r1_the_constructor_signature_is_the_schema() -> None:
    """The generated __init__ takes the schema's fields, with its defaults and annotations."""
    params = list(inspect.signature(ca.Call).parameters.values())
    assert [p.name for p in params] == [f.name for f in FIELDS]
    for param, field in zip(params, FIELDS, strict=True):
        assert param.annotation == field.spec.annotation
        if field.required:
            assert param.default is inspect.Parameter.empty
        else:
            assert param.default == field.default


def test_r1_the_typed_signature_for_type_checkers_is_the_schema() -> None:
    """The __init__ declared for type checkers has the schema's names, types and defaults."""
    tree = ast.parse(MODELS.read_text(encoding="utf-8"))
    call = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Call")
    stub = next(
        n for n in ast.walk(call) if isinstance(n, ast.FunctionDef) and n.name == "__init__"
    )
    args = stub.args.args[1:]
    assert [a.arg for a in args] == [f.name for f in FIELDS]
    assert [ast.unparse(a.annotation) for a in args if a.annotation] == [
        f.spec.annotation for f in FIELDS
    ]
    defaults = [ast.literal_eval(d) for d in stub.args.defaults]
    assert defaults == [f.default for f in FIELDS if not f.required]


def test_r1_the_generated_source_shows_in_tracebacks() -> None:
    """The constructor's source is in linecache: a traceback shows the line that refused."""
    source = inspect.getsource(ca.Call.__init__)
    assert source.startswith("def __init__(self, id, direction, started_at, duration,")
    with pytest.raises(ca.InvalidValueError) as caught:
        make_call(duration=-1)
    frames = traceback.extract_tb(caught.value.__traceback__)
    generated = next(f for f in frames if f.filename == ca.Call.__init__.__code__.co_filename)
    assert generated.line == "duration = convert_duration(duration, 'duration')"
    assert generated.lineno is not None
    assert linecache.getline(generated.filename, generated.lineno).strip() == generated.line


@given(cst.calls())
def test_r1_a_call_rebuilt_from_its_fields_is_equal(call: ca.Call) -> None:
    """The constructor keeps every value: rebuilding from the fields gives an equal call."""
    rebuilt = ca.Call(**{f.name: getattr(call, f.name) for f in FIELDS})
    assert rebuilt == call
    assert hash(rebuilt) == hash(call)
    assert attrs.evolve(call) == call


@given(cst.calls())
def test_r1_ready_values_are_stored_as_the_conversion_would_store_them(call: ca.Call) -> None:
    """Every value that passes a field's inline test is what its conversion returns."""
    namespace = {
        "Direction": ca.Direction,
        "EntityType": ca.EntityType,
        "CallStatus": ca.CallStatus,
        "datetime": datetime,
        "UTC": UTC,
        "TOO_LONG": checks.TOO_LONG,
    }
    for field in FIELDS:
        value = getattr(call, field.name)
        ready = eval(field.spec.ready.format(v="v"), namespace, {"v": value})
        if ready:
            assert field.spec.convert(value, field.name) is value


def test_r1_values_that_are_not_ready_are_converted() -> None:
    """Strings for enums, numpy ints and codes become members and ints, as the slow path says."""
    call = ca.Call(
        "c1",
        "outbound",
        AT,
        np.int64(61),
        manager_id=np.int32(7),
        card_id=np.uint8(3),
        entity_type="companies",
        status=np.int16(4),
    )
    assert call.direction is ca.Direction.OUTGOING
    assert call.entity_type is ca.EntityType.COMPANY
    assert call.status is ca.CallStatus.TALKED
    assert (type(call.duration), type(call.manager_id), type(call.card_id)) == (int, int, int)


def test_r1_calls_stay_immutable() -> None:
    """A call is frozen after construction."""
    call = make_call()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        call.duration = 5  # type: ignore[misc]
    assert type(call) is ca.Call


def test_r1_a_subclass_is_converted_and_checked_too() -> None:
    """A subclass made with attrs converts and checks the inherited fields as Call does."""

    @attrs.frozen
    class TaggedCall(ca.Call):
        tag: str = "vip"

    tagged = TaggedCall("t", "inbound", AT, np.int64(5))  # type: ignore[arg-type]
    assert tagged.direction is ca.Direction.INCOMING
    assert type(tagged.duration) is int
    with pytest.raises(ca.InvalidValueError, match="'duration' must be >= 0"):
        TaggedCall("t", ca.Direction.INCOMING, AT, -5)


def test_r1_a_call_outside_the_fast_path_is_checked_in_full() -> None:
    """A start in another zone takes the full check, which refuses what UTC cannot hold."""
    local = datetime(
        2026,
        11,
        2,
        12,
        30,
        tzinfo=ca.Period.days(AT.date(), AT.date(), tz="Europe/Moscow").start.tzinfo,
    )
    assert make_call(started_at=local).started_at == local
    with pytest.raises(ca.InvalidTypeError, match="'started_at' must be a timezone-aware"):
        make_call(started_at=AT.timestamp())


@pytest.mark.parametrize("field", [f.name for f in FIELDS])
def test_r1_every_field_refuses_a_wrong_type_by_name(field: str) -> None:
    """Whatever the field, a value of a wrong type is an error naming that field."""
    with pytest.raises(ca.CallAnalyticsError, match=f"^'{field}'"):
        make_call(**{field: object()})


@given(st.sampled_from([f for f in FIELDS if not f.required]))
def test_r1_defaults_are_immutable(field: object) -> None:
    """Defaults are immutable values, shared safely by every call."""
    assert isinstance(field.default, str | bool | type(None))  # type: ignore[attr-defined]


def test_r1_the_schema_page_lists_every_field_as_declared() -> None:
    """docs/schema.md shows each field's type, default, column and sentence as the code has it."""
    page = (Path(__file__).parent.parent / "docs" / "schema.md").read_text(encoding="utf-8")
    rows = [
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in page.splitlines()
        if line.startswith("| `") and line.count(" | ") == 4
    ]
    expected = [
        [
            f"`{f.name}`",
            f"`{f.spec.annotation.replace('|', chr(92) + '|')}`",
            "required" if f.required else f"`{f.default!r}`".replace("''", '""'),
            f.spec.column,
            f.spec.doc,
        ]
        for f in FIELDS
    ]
    assert rows == expected


def test_r1_generated_init_needs_the_slots_base() -> None:
    """A class without its slots in a base cannot get the fast constructor: a clear error."""
    from callanalytics._model.schema import generate_init

    @attrs.frozen(init=False)
    class Plain:
        x: int = attrs.field()

    with pytest.raises(TypeError, match="Plain must be decorated with slots_in_a_base"):
        generate_init(Plain, refuse_if="False", refuse=print, names={})


def test_r1_a_datetime_read_from_a_host_is_kept() -> None:
    """A host value that already is an aware datetime is the start as it is."""
    field = next(f for f in FIELDS if f.name == "started_at")
    assert field.spec.read(AT, "started_at") is AT
