"""The call schema: what each field of a call holds and how a value becomes one (docs/schema.md).

A model's fields are declared once, in its class, each with a :class:`FieldSpec` in its attrs
``metadata``: the type a caller may pass, a sentence for the docs, the strict conversion of the
constructor, the cheap test of a value that needs none, and the lenient conversion of the
values hosts and files hold (text for numbers, ``12.0``, ``NaN`` for "not set"). Everything
that handles calls reads the fields from here — the constructor, the readers, the command
line, the columnar engine and ``docs/schema.md`` — so none of them spells them out again.

The constructor is generated from the specs (:func:`generate_init`): for each field one test
of the common case inline, the spec's conversion only when that test fails, then the slots set
directly. That costs about what a ``NamedTuple`` does, with every value checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import attrs

from callanalytics._kit.checks import Convert
from callanalytics._kit.codegen import generate

__all__ = [
    "REQUIRED",
    "FieldSpec",
    "SchemaField",
    "generate_init",
    "generate_replace",
    "schema",
    "slots_in_a_base",
    "spec",
]

REQUIRED: Final = attrs.NOTHING
"""The default of a field that has none: the caller must give it."""

_KEY: Final = "callanalytics.schema"
_T = TypeVar("_T")


@attrs.frozen
class FieldSpec:
    """What one field of a model holds and how values become it.

    Attributes:
        annotation: The type a caller may pass, as the typed signature writes it.
        doc: One sentence for ``docs/schema.md``.
        convert: The constructor's conversion: ``convert(value, field)`` returns the value
            to store or raises naming the field.
        ready: A Python expression over ``{v}``, true when the value needs no conversion
            (the common case, tested inline by the generated constructor); it must imply
            that ``convert`` would return the value as it is.
        read: The conversion of a value as a host or a file holds it (text, host scalars,
            "absent" markers), to what ``convert`` takes.
        column: The logical type of the field's column in a data frame: ``str``, ``int``,
            ``datetime``, ``bool``, ``enum`` or ``id`` (an int or a str).
    """

    annotation: str
    doc: str
    convert: Convert[Any]
    ready: str
    read: Convert[Any]
    column: str


def spec(
    *,
    annotation: str,
    doc: str,
    convert: Convert[Any],
    ready: str,
    read: Convert[Any],
    column: str,
) -> dict[str, Any]:
    """The arguments of ``attrs.field`` for a field with this spec.

    The spec goes in the field's ``metadata``; its conversion is also the field's attrs
    converter, which the ``__init__`` attrs generates for a subclass runs.
    """

    def run(value: object, field: attrs.Attribute[Any]) -> object:
        return convert(value, field.name)

    return {
        "metadata": {_KEY: FieldSpec(annotation, doc, convert, ready, read, column)},
        "converter": attrs.Converter(run, takes_field=True),
    }


@attrs.frozen
class SchemaField:
    """A field of a model: its name, its default (or :data:`REQUIRED`) and its spec."""

    name: str
    default: object
    spec: FieldSpec

    @property
    def required(self) -> bool:
        """Whether the caller must give the field."""
        return self.default is REQUIRED


def schema(cls: type) -> tuple[SchemaField, ...]:
    """The fields of the attrs class *cls*, in order, with their specs."""
    return tuple(SchemaField(f.name, f.default, f.metadata[_KEY]) for f in attrs.fields(cls))


def slots_in_a_base(cls: type[_T]) -> type[_T]:
    """*cls* made again on a base class that holds the slots of its annotated fields.

    Use it under ``@attrs.frozen``: attrs reuses the base's slots, so the frozen class and the
    plain twin :func:`generate_init` fills instances through share one base and one memory
    layout. The class body is kept as it is.
    """
    names = tuple(cls.__annotations__)
    base = type(
        f"_{cls.__name__}Slots",
        (),
        {"__slots__": (*names, "__weakref__"), "__module__": cls.__module__},
    )
    body = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    return type(cls.__name__, (base,), body)


_TWINS: Final[dict[type, type]] = {}


def _twin(cls: type) -> type:
    """The plain class that shares *cls*'s base, so its layout: instances are filled as one."""
    twin = _TWINS.get(cls)
    if twin is None:
        base = cls.__mro__[1]
        if base.__name__ != f"_{cls.__name__}Slots":
            msg = f"{cls.__name__} must be decorated with slots_in_a_base under attrs.frozen."
            raise TypeError(msg)
        twin = _TWINS[cls] = type(f"_{cls.__name__}Filling", (base,), {"__slots__": ()})
    return twin


def generate_init(
    cls: type,
    *,
    refuse_if: str,
    refuse: Callable[..., None],
    names: Mapping[str, object],
) -> Callable[..., None]:
    """The ``__init__`` of the frozen, slotted attrs class *cls*, generated from its specs.

    Each field is tested by its spec's ``ready`` expression and converted only when that
    fails. Then *refuse_if*, an expression over the converted values, is tested, and when it
    holds *refuse* is called with every value by name: it raises for the combination of fields
    the model does not allow. *names* are the names the expressions use (``Direction``).

    The slots are set directly: the instance takes, for the time it is filled, the class of a
    plain twin of *cls* — a class on the same base (see :func:`slots_in_a_base`), so of the
    same memory layout, but without the frozen ``__setattr__`` — then gets its class back.
    Instances of subclasses, whose layout may differ, are filled with ``object.__setattr__``.
    """
    twin = _twin(cls)
    fields = schema(cls)
    slots = [field.name for field in fields]
    namespace: dict[str, Any] = {
        **names,
        "cls": cls,
        "twin": twin,
        "set_attribute": object.__setattr__,
        "set_class": object.__dict__["__class__"].__set__,
        "refuse": refuse,
    }
    params = []
    for field in fields:
        if field.required:
            params.append(field.name)
        else:
            namespace[f"default_{field.name}"] = field.default
            params.append(f"{field.name}=default_{field.name}")
    lines = [f"def __init__(self, {', '.join(params)}):"]
    for field in fields:
        namespace[f"convert_{field.name}"] = field.spec.convert
        ready = field.spec.ready.format(v=field.name)
        lines.append(f"    if not ({ready}):")
        lines.append(f"        {field.name} = convert_{field.name}({field.name}, {field.name!r})")
    lines.append(f"    if {refuse_if}:")
    lines.append(f"        refuse({', '.join(f'{n}={n}' for n in slots)})")
    lines.append("    if self.__class__ is cls:")
    lines.append("        set_class(self, twin)")
    lines += [f"        self.{name} = {name}" for name in slots]
    lines.append("        self.__class__ = cls")
    lines.append("    else:")
    lines += [f"        set_attribute(self, {name!r}, {name})" for name in slots]
    init = generate(
        "\n".join(lines) + "\n", "__init__", namespace, label=f"{cls.__name__}.__init__"
    )
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {field.name: field.spec.annotation for field in fields}
    init.__annotations__["return"] = "None"
    return init


def generate_replace(cls: type, changed: tuple[str, ...]) -> Callable[..., Any]:
    """``replace(instance, *values)``: a copy of an instance of *cls* with *changed* fields set.

    The values are not checked: the caller vouches for them (a call attached to a valid card
    takes the card's id and entity type, valid by construction). Only for *cls* itself, not
    for subclasses, whose other fields this copy would not know.
    """
    slots = [field.name for field in schema(cls)]
    lines = [f"def replace(instance, {', '.join(changed)}):"]
    lines.append("    new = new_object(cls)")
    lines.append("    set_attribute(new, '__class__', twin)")
    for name in slots:
        lines.append(f"    new.{name} = {name if name in changed else 'instance.' + name}")
    lines.append("    new.__class__ = cls")
    lines.append("    return new")
    namespace = {
        "cls": cls,
        "twin": _twin(cls),
        "new_object": object.__new__,
        "set_attribute": object.__setattr__,
    }
    label = f"{cls.__name__} replace {', '.join(changed)}"
    return generate("\n".join(lines) + "\n", "replace", namespace, label=label)
