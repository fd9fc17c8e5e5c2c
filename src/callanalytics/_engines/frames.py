"""The columnar engine: the report of a data frame, computed with frame expressions (R6–R22).

A frame of calls — pandas, polars (eager or lazy), a pyarrow Table, a DuckDB relation, a
partition of a Dask DataFrame — is routed by the same steps as :class:`~callanalytics.Call`
objects (:mod:`callanalytics._rules.routing`), each rendered as an expression of the frame's own
library through narwhals, written once for all of them. The frame is checked first, column by
column, as the constructor of a call checks a field: a value that no call could hold is an
error naming the field, the value and the row. The per-call work ends in an aggregate of a few
dozen rows — per reason and manager, the four counters, the number of calls and of ties — that
becomes the same :class:`~callanalytics.Tally` the object engine counts, finished by the same
code into the report.

Matching by phone (R7) uses the account's :class:`~callanalytics.CardIndex`: its choice among
the cards of a shared key is exported as a small table and joined, so the tie rule is written
once. The default key (the last 10 digits) is computed in the frame; another key function runs
in Python on the distinct numbers of the calls without a card.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from datetime import UTC
from typing import TYPE_CHECKING, Any, Final, cast

from callanalytics._aggregate.figures import Figures
from callanalytics._aggregate.tally import POSITION, Tally
from callanalytics._engines.detect import is_dask
from callanalytics._kit import checks
from callanalytics._model.enums import CLIENT_CARDS, CallStatus, Direction, EntityType, Exclusion
from callanalytics._model.hours import zone_key
from callanalytics._model.models import Call, Card
from callanalytics._model.phone import KEY_DIGITS, normalize_phone
from callanalytics._model.schema import schema
from callanalytics._model.text import absent
from callanalytics.exceptions import CallAnalyticsError, InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    import narwhals as nw

    from callanalytics._rules.routing import Routing
    from callanalytics._rules.steps import ColumnTest, ColumnValue, Dimension

__all__ = ["calls_of_frame", "cards_of_frame", "tally_of_frame"]

_FIELDS: Final = schema(Call)
_NAMES: Final = tuple(field.name for field in _FIELDS)
_REQUIRED: Final = tuple(field.name for field in _FIELDS if field.required)
_FEW: Final = 8
"""Up to this many values, a membership test is a chain of equalities."""
_SHORT: Final = 40
"""A column name this long or shorter is shown in a message as it is."""
_SHOWN_NAMES: Final = 20
"""A message lists this many of a frame's column names, and counts the rest."""
_COUNTED: Final = -1
"""The reason code of a counted call (the others are the :data:`POSITION` of a reason)."""
_USED: Final = (
    "direction",
    "started_at",
    "duration",
    "phone",
    "manager_id",
    "card_id",
    "entity_type",
    "status",
    "via_app",
)
"""The columns routing reads; the others (id, result, source, recording) are only checked."""


def _narwhals() -> Any:
    try:
        import narwhals as nw
    except ImportError:
        raise checks.missing_extra("A report of a data frame", "narwhals", "frames") from None
    return nw


# ---------------------------------------------------------------------------------------------
# The frame, with the columns named as Call's fields and checked.


def _on_polars(calls: Any) -> Any:
    """A pandas frame or a pyarrow table as a polars frame, when polars is installed.

    The same expressions run several times faster on polars, which takes the columns of
    pyarrow (and of pandas' Arrow-backed strings) without copying them. A frame polars cannot
    take as it is (an object column of mixed types) stays as it is, and is checked there.
    """
    nw = _narwhals()
    pandas = nw.dependencies.is_pandas_dataframe(calls)
    if not (pandas or nw.dependencies.is_pyarrow_table(calls)):
        return calls
    try:
        import polars as pl
    except ImportError:
        return calls
    try:
        return pl.from_pandas(calls) if pandas else pl.from_arrow(calls)
    except Exception:  # polars' and pyarrow's conversion errors have no common base
        return calls


_NULL_AS: Final = {
    **dict.fromkeys(("id", "direction", "phone", "entity_type"), "String"),
    **dict.fromkeys(("result", "source", "recording_url"), "String"),
    **dict.fromkeys(("duration", "status", "manager_id", "card_id", "wait"), "Int64"),
    "via_app": "Boolean",
}
"""The type a column of nothing but nulls (polars' ``Null``) is read as, by its field."""


def _listed(names: Iterable[object]) -> str:
    """A frame's column names for a message, bounded, in order of their text.

    pandas' names may be ints or anything else; each is shown bounded, and a frame of many
    columns shows the first few and counts the rest.
    """
    texts = sorted(
        name if isinstance(name, str) and len(name) <= _SHORT else checks.shown(name)
        for name in names
    )
    more = len(texts) - _SHOWN_NAMES
    shown = ", ".join(texts[:_SHOWN_NAMES])
    return f"{shown} and {more} more" if more > 0 else shown


def _renamed(
    frame: nw.LazyFrame[Any], columns: Mapping[str, str] | None
) -> tuple[nw.LazyFrame[Any], list[Any]]:
    """*frame* with its columns named as the call's fields, and the defaults of absent ones.

    The defaults are added after the checks: a column the frame does not have holds nothing
    to check, and a literal ``None`` has no type of its own in every library.
    """
    nw = _narwhals()
    names = list(frame.collect_schema().names())
    if columns is not None and not isinstance(columns, Mapping):
        raise checks.type_error("columns", "a mapping of column names to call fields", columns)
    mapping = {} if columns is None else dict(columns)
    given = cast("dict[object, object]", mapping)  # as given: a host's names, any type
    for source, target in given.items():
        if not (isinstance(source, str | int) and source in names):  # pd.NA has no truth
            msg = (
                f"'columns' names a column the frame does not have: "
                f"{checks.shown(source)} (it has {_listed(names)})."
            )
            raise InvalidValueError(msg)
        if not (isinstance(target, str) and target in _NAMES):
            msg = (
                f"'columns' must map onto the fields of a call ({', '.join(_NAMES)}) "
                f"(got {checks.shown(source)} -> {checks.shown(target)})."
            )
            raise InvalidValueError(msg)
    frame = frame.rename(mapping) if mapping else frame
    present = set(frame.collect_schema().names())
    missing = [name for name in _REQUIRED if name not in present]
    if missing:
        msg = (
            f"the frame of calls must have the column {missing[0]!r} (a field of a call, see "
            f"docs/schema.md; name yours with columns=) (got {_listed(present)})."
        )
        raise InvalidValueError(msg)
    defaults = [
        nw.lit(field.default).alias(field.name)
        for field in _FIELDS
        if field.name not in present and field.name in _USED
    ]
    kept = [name for name in _NAMES if name in present]
    frame = frame.select(*kept)
    if isinstance(frame, nw.DataFrame) and len(frame) == 0:
        # No rows say nothing of their columns' types: pandas holds an empty query's columns
        # as objects. Each column is made anew as its field's type; the frame has no calls.
        empty = [nw.lit(None, dtype=_empty_type(name)).alias(name) for name in kept]
        return frame.with_columns(*empty), defaults
    kinds = frame.collect_schema()
    untyped = [  # a column of nothing but nulls (polars' Null) takes no typed expression
        nw.col(name).cast(getattr(nw, kind)())
        for name, kind in _NULL_AS.items()
        if kinds.get(name) == nw.Unknown
    ]
    untyped += [  # categories (pandas' "category", polars' Categorical) take no text expression
        nw.col(name).cast(nw.String())
        for name, kind in kinds.items()
        if isinstance(kind, nw.Categorical | nw.Enum)
    ]
    untyped += [  # pandas' objects: nulls as floats, the numbers pandas holds nulls in (made
        # anew: pandas casts no pd.NA to a float)
        nw.lit(None, dtype=nw.Float64()).alias(name)
        for name, kind in _NULL_AS.items()
        if kind == "Int64" and _only_nulls(frame, name, kinds.get(name))
    ]
    return (frame.with_columns(*untyped) if untyped else frame), defaults


def _empty_type(name: str) -> Any:
    """The type of a field's column in a frame of no rows."""
    nw = _narwhals()
    if name == "started_at":
        return nw.Datetime("us", "UTC")
    return getattr(nw, _NULL_AS[name])()


def _only_nulls(frame: Any, name: str, kind: Any) -> bool:
    """A column of text that holds nothing: pandas types a column of ``None`` as objects.

    Such a column is a field's absent values, not text where numbers are wanted. Looked at
    only for a column of text where the field is a number, which is refused else. (A column
    of booleans is not read so: pandas casts ``None`` to ``False``; it is refused as text.)
    """
    nw = _narwhals()
    if kind != nw.String:
        return False
    found: Any = frame.select(nw.col(name).is_null().all())
    found = found.collect() if isinstance(found, nw.LazyFrame) else found
    return bool(found[name][0])


def _check_types(schema_: Mapping[str, Any]) -> None:
    """Each column is of a type its field can hold: an error naming the column otherwise."""
    nw = _narwhals()

    def refuse(name: str, must: str) -> None:
        msg = f"the column {name!r} must hold {must} (got {schema_[name]})."
        raise InvalidTypeError(msg)

    started = schema_["started_at"]
    if not isinstance(started, nw.Datetime):
        refuse("started_at", "timezone-aware datetimes")
    if started.time_zone is None:
        msg = (
            "the column 'started_at' must hold timezone-aware datetimes: naive ones name no "
            "instant (localize them first, e.g. tz_localize / replace_time_zone) "
            f"(got {started})."
        )
        raise InvalidValueError(msg)
    for name in ("duration", "status"):
        if name in schema_ and not (schema_[name].is_numeric() or schema_[name] == nw.Unknown):
            refuse(name, "whole numbers")
    for name in ("direction", "phone", "entity_type", "id"):
        kind = schema_.get(name)
        text = kind in (nw.String, nw.Unknown) or isinstance(kind, nw.Categorical | nw.Enum)
        if kind is not None and not text:
            refuse(name, "text")
    if "via_app" in schema_ and schema_["via_app"] not in (nw.Boolean, nw.Unknown):
        refuse("via_app", "booleans")


def _problems(frame: nw.LazyFrame[Any], present: Iterable[str]) -> list[tuple[str, str, Any]]:
    """``(field, must, condition)``: each rule of a call's fields as a test of the rows."""
    nw = _narwhals()
    col = nw.col
    directions = [d.value for d in Direction]
    entities = [e.value for e in EntityType]  # leads' and customers' too: excluded, not errors
    codes = [int(s) for s in CallStatus]
    tests: list[tuple[str, str, Any]] = [
        ("id", "be a non-empty string", col("id").is_null() | (col("id").str.strip_chars() == "")),
        ("direction", "be one of 'inbound', 'outbound'", ~_member(col("direction"), directions)),
        ("started_at", "be a timezone-aware datetime", col("started_at").is_null()),
        ("started_at", "be an instant between years 1 and 9999 in UTC", _beyond_python()),
        ("duration", "be a whole number of seconds >= 0", _bad_whole(col("duration"), 0)),
    ]
    present = set(present)
    if "manager_id" in present:
        tests.append(("manager_id", "be a whole number >= 0", _bad_id(frame, "manager_id")))
    if "card_id" in present:
        tests.append(("card_id", "be a whole number >= 0", _bad_id(frame, "card_id")))
    if "entity_type" in present:
        bad_entity = ~col("entity_type").is_null()
        tests.append(
            (
                "entity_type",
                "be one of 'contacts', 'companies'",
                bad_entity & ~_member(col("entity_type"), entities),
            )
        )
    if "card_id" in present or "entity_type" in present:
        tests.append(
            (
                "card_id",
                "be set together with 'entity_type' or not at all",
                col("card_id").is_null() != col("entity_type").is_null(),
            )
        )
    if "status" in present:
        status = col("status")
        tests.append(
            (
                "status",
                "be a call status code 1..7 or None",
                ~status.is_null() & (_bad_whole(status, min(codes)) | (status > max(codes))),
            )
        )
    if "via_app" in present:
        tests.append(("via_app", "be true or false", col("via_app").is_null()))
        if "recording_url" in present:
            recorded = ~col("recording_url").is_null() & (col("recording_url") != "")
            tests.append(
                (
                    "recording_url",
                    "be empty for a call made from the app without telephony",
                    col("via_app").fill_null(False) & recorded,
                )
            )
    return tests


def _beyond_python() -> Any:
    """A start no Python ``datetime`` can hold: a frame's library holds instants past year 9999.

    9999-12-31 23:00 at UTC-05:00 is in year 10000 in UTC; the column is read in UTC here, as
    a call's start is an instant UTC can hold (R1), so the year is UTC's.
    """
    year = _narwhals().col("started_at").dt.year()
    return ((year < 1) | (year > 9999)).fill_null(False)


def _member(expr: Any, values: Iterable[object], kind: Any = None) -> Any:
    """*expr* is one of *values*; a null is not (``is_in`` gives null or False, by library).

    A few values are compared one by one (several times faster than ``is_in`` on text). With
    a column of whole numbers held as floats (a pandas column with gaps), integer
    *values* are compared as floats: some libraries compare only like with like.

    *kind*, the column's type, keeps only the values it could hold: ids compare exactly, so a
    text id never equals a number, and some libraries refuse to compare them at all.
    """
    listed = list(values)
    if kind is not None and kind.is_numeric():
        numbers = [v for v in listed if isinstance(v, int | float) and not isinstance(v, bool)]
        listed = [float(v) for v in numbers] if kind.is_float() else list(numbers)
    elif kind is not None and kind == _narwhals().String:
        listed = [v for v in listed if isinstance(v, str)]
    if not listed:
        return _narwhals().lit(False)
    if len(listed) > _FEW:
        return expr.is_in(listed).fill_null(False)
    first, *rest = listed
    test = expr == first
    for value in rest:
        test = test | (expr == value)
    return test.fill_null(False)


def _bad_whole(expr: Any, minimum: int) -> Any:
    """*expr* is not a whole number >= *minimum* (a null is bad; floats must be integral)."""
    return expr.is_null() | (expr < minimum) | (expr.cast(_narwhals().Float64) % 1 != 0)


def _bad_id(frame: nw.LazyFrame[Any], name: str) -> Any:
    """An id column's value is neither null nor a whole number >= 0 nor a non-empty string."""
    nw = _narwhals()
    kind = frame.collect_schema()[name]
    expr = nw.col(name)
    if kind.is_numeric():
        return ~expr.is_null() & ((expr < 0) | (expr.cast(nw.Float64) % 1 != 0))
    if kind == nw.String:
        return ~expr.is_null() & (expr.str.strip_chars() == "")
    if kind == nw.Object:  # a pandas column of Python objects: each value checked as a call's
        values = frame.select(name).collect()[name].to_list()
        for value in values:
            if _plain(value) is not None:
                checks.identifier(_plain(value), name)
        return nw.lit(False)
    msg = f"the column {name!r} must hold ids: whole numbers or text (got {kind})."
    raise InvalidTypeError(msg)


def _first_seen(routing: Routing, frame: Any, before: Collection[str]) -> Any:
    """*frame* with ``first``: whether each call's id comes there for the first time (R28).

    In an eager frame, "first" follows the rows' order, as for calls given one after another.
    A lazy frame (polars lazy, DuckDB) has no order of its rows: the first of the calls of one
    id is the one that started first. A call whose id is in *before* (ids of calls that came
    before the frame, such as those of earlier partitions) is never the first.
    """
    nw = _narwhals()
    if not routing.duplicates:
        return frame.with_columns(first=nw.lit(True))
    first = nw.col("id").is_first_distinct()
    if _all_distinct(frame.to_native()):
        first = nw.lit(True)
    elif isinstance(frame, nw.LazyFrame):
        first = first.over(order_by="started_at")
    if before:
        first = first & ~nw.col("id").is_in(list(before)).fill_null(False)
    return frame.with_columns(first=first)


def _all_distinct(native: Any) -> bool:
    """Whether a polars frame's ids are surely all distinct (its calls then hold no duplicate).

    The 64-bit hashes of the ids are told apart several times faster than the ids themselves:
    as many distinct hashes as rows proves the ids distinct. Equal hashes of distinct ids (or
    another kind of frame) prove nothing, and the ids are compared as they are.

    A polars lazy frame's ids are computed for this on their own (a projection: a file is
    read for its ids only): else "first" of a lazy frame is a window ordered by start, which
    costs several times as much as the whole report.
    """
    dependencies = _narwhals().dependencies
    if dependencies.is_polars_lazyframe(native):
        ids = native.select("id").collect().get_column("id")
    elif dependencies.is_polars_dataframe(native):
        ids = native.get_column("id")
    else:
        return False
    return bool(ids.hash().n_unique() == ids.len())


def _problem(tests: list[tuple[str, str, Any]]) -> Any:
    """Each row's first problem, as the index of its test, or -1 for a row that could be a call.

    Computed in the same pass as the report (a column of the aggregate's key), so that a frame
    of valid calls is read once.
    """
    nw = _narwhals()
    if not tests:
        return nw.lit(-1)
    (_, _, first), *rest = tests
    chain = nw.when(first).then(nw.lit(0))
    for i, (_, _, condition) in enumerate(rest, 1):
        chain = chain.when(condition).then(nw.lit(i))
    return chain.otherwise(nw.lit(-1))


def _refuse(frame: Any, tests: list[tuple[str, str, Any]], problems: Mapping[int, int]) -> None:
    """Raise for the first test some rows fail: its field, a value and how many rows."""
    code = min(problems)
    field, must, condition = tests[code]
    bad = problems[code]
    found = frame.filter(condition).head(1)
    try:
        value = checks.shown(_plain(found.select(field).collect()[field][0]))
    except (OverflowError, ValueError):  # an instant Python cannot hold, as its library writes it
        text = _narwhals().col(field).dt.to_string("%Y-%m-%d %H:%M:%S")
        value = f"{found.select(text).collect()[field][0]} UTC"
    rows = f"{bad} row{'s' if bad > 1 else ''}"
    msg = f"{field!r} must {must} (got {value}, in {rows} of the frame of calls)."
    raise InvalidValueError(msg)


def _plain(value: object) -> object:
    """A frame's scalar as Python shows it (numpy's and pandas' nulls as None).

    pandas' ``NA`` and ``NaT`` in an object column are nulls too: ``NA`` has no truth value.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):  # known by name: pandas is not imported
        return None
    item = getattr(value, "item", None)
    return item() if callable(item) else value


# ---------------------------------------------------------------------------------------------
# Routing, rendered as frame expressions.


def _key_table(routing: Routing, backend: Any, lazy_backend: Any) -> nw.LazyFrame[Any] | None:
    """The card chosen for each phone key (R7), from the account's index, as a small frame."""
    nw = _narwhals()
    cards = routing.cards
    if cards is None or not cards.by_key:
        return None
    keys = list(cards.by_key)
    chosen = [cards.by_key[key] for key in keys]
    data = {
        "key": keys,
        "card_entity": [card.entity_type.value for card in chosen],
        "shared": [key in cards.ambiguous for key in keys],
    }
    schema_ = {"key": nw.String(), "card_entity": nw.String(), "shared": nw.Boolean()}
    table = nw.from_dict(data, schema=schema_, backend=backend)
    lazy: Any = table.lazy(lazy_backend) if lazy_backend else table.lazy()
    return lazy  # type: ignore[no-any-return]


def _render(test: ColumnTest, kinds: Mapping[str, Any]) -> Any:
    """A step's :class:`~callanalytics._rules.steps.ColumnTest` as a narwhals expression.

    *kinds* are the types of the frame's columns.
    """
    nw = _narwhals()
    value = nw.col(test.column)
    if test.kind == "member":
        member = _member(value, sorted(test.values, key=str), kinds.get(test.column))
        return (value.is_null() | member) if test.null_passes else member
    if test.kind == "present":
        return ~value.is_null()
    if test.kind == "between":
        passes = nw.lit(True) if test.low is None else value >= test.low
        return passes if test.high is None else passes & (value <= test.high)
    assert test.kind == "period", test.kind  # the rules make these four kinds only
    return (value >= test.low) & (value < test.high)


def _routed(routing: Routing, frame: nw.LazyFrame[Any], native: Any) -> nw.LazyFrame[Any]:
    """The calls with the type of the card each is in (own or matched) and its match."""
    nw = _narwhals()
    col = nw.col
    keep = (
        "problem",
        "first",
        "direction",
        "started_at",
        "duration",
        "manager_id",
        "status",
        "via_app",
    )
    own = frame.filter(~col("card_id").is_null()).select(
        *keep,
        entity=col("entity_type").cast(nw.String()),
        unmatched=nw.lit(False),
        tie=nw.lit(0).cast(nw.Int64()),
    )
    loose = frame.filter(col("card_id").is_null())
    backend, lazy_backend = _backends(native)
    table = _key_table(routing, backend, lazy_backend)
    if table is None:
        matched = loose.select(
            *keep,
            entity=nw.lit(None).cast(nw.String()),
            unmatched=nw.lit(True),
            tie=nw.lit(0).cast(nw.Int64()),
        )
    else:
        keyed = loose.select(*keep, key=_phone_key(routing, loose, backend))
        matched = keyed.join(table, on="key", how="left").select(
            *keep,
            entity=col("card_entity").cast(nw.String()),
            unmatched=col("card_entity").is_null(),
            tie=nw.when(col("shared").fill_null(False)).then(nw.lit(1)).otherwise(nw.lit(0)),
        )
        matched = matched.with_columns(col("tie").cast(nw.Int64()))
    return nw.concat([own, matched], how="vertical")  # type: ignore[no-any-return]


def _phone_key(routing: Routing, loose: nw.LazyFrame[Any], backend: Any) -> Any:
    """The phone key of the calls without a card (R7) as an expression."""
    nw = _narwhals()
    cards = routing.cards
    assert cards is not None
    phone = nw.col("phone").cast(nw.String()).fill_null("")
    if cards.key_function is normalize_phone:  # the default key: the last 10 ASCII digits
        return phone.str.replace_all("[^0-9]+", "").str.tail(KEY_DIGITS)
    # Another key function runs in Python, once per distinct number.
    numbers = loose.select(phone.alias("phone")).unique().collect()["phone"].to_list()
    keys = {number: cards.key(number) for number in numbers}
    return phone.replace_strict(keys, default="", return_dtype=nw.String())


def _backends(native: Any) -> tuple[Any, Any]:
    """The eager library to build small frames with, and the lazy one to convert them to."""
    nw = _narwhals()
    if nw.dependencies.is_polars_lazyframe(native):
        return "polars", "polars"
    if nw.dependencies.is_duckdb_relation(native):
        return "pyarrow", "duckdb"
    return nw.from_native(native).implementation, None


def _reason(routing: Routing, kinds: Mapping[str, Any]) -> Any:
    """Each call's reason code: the first step it fails, in the spec's order (R11)."""
    nw = _narwhals()
    col = nw.col
    unmatched = col("unmatched")
    outcomes: list[tuple[Any, Exclusion]] = []
    if routing.duplicates:  # R28: an id that came before
        outcomes.append((~col("first"), Exclusion.DUPLICATE))
    if routing.now is not None:  # R9: younger than the grace window
        now = routing.now.astimezone(UTC)
        try:
            oldest = now - routing.grace
        except OverflowError:  # the window reaches before year 1: every unmatched call
            outcomes.append((unmatched, Exclusion.PENDING))
        else:
            outcomes.append((unmatched & (col("started_at") > oldest), Exclusion.PENDING))
    if routing.unsorted_incoming:  # R8, R10: an incoming telephony call goes to Unsorted
        incoming = (col("direction") == Direction.INCOMING.value) & ~col("via_app")
        outcomes.append((unmatched & incoming, Exclusion.UNSORTED))
    outcomes.append((unmatched, Exclusion.NOT_SAVED))
    clients = [entity.value for entity in CLIENT_CARDS]
    outcomes.append((~_member(col("entity"), clients), Exclusion.OTHER_CARD))  # R6
    outcomes += [(~_render(step.columns, kinds), step.reason) for step in routing.steps]
    (first, reason), *rest = outcomes
    chain = nw.when(first).then(nw.lit(POSITION[reason]))
    for condition, reason in rest:
        chain = chain.when(condition).then(nw.lit(POSITION[reason]))
    return chain.otherwise(nw.lit(_COUNTED))


def _parts(value: ColumnValue, name: str) -> dict[str, Any]:
    """A dimension's :class:`~callanalytics._rules.steps.ColumnValue` as named expressions.

    ``"local"`` parts are read on the wall clocks of the dimension's zone (weekday 0 is
    Monday); ``"missed"`` is R31's default rule; ``"in_hours"`` tests each weekday's intervals
    in seconds after local midnight, a holiday having none (R37).
    """
    nw = _narwhals()
    col = nw.col
    if value.kind == "missed":
        answered = (col("status") == int(CallStatus.TALKED)).fill_null(False) | (
            col("status").is_null() & (col("duration") > 0)
        )
        return {name: (col("direction") == Direction.INCOMING.value) & ~answered}
    assert value.tz is not None, value.kind  # "local" and "in_hours" are read in a zone
    local = col("started_at").dt.convert_time_zone(zone_key("tz", value.tz))
    weekday = local.dt.weekday() - 1  # ISO: Monday is 1
    if value.kind == "local":
        exprs = {"date": local.dt.date(), "weekday": weekday, "hour": local.dt.hour()}
        return {f"{name}_{part}": exprs[part] for part in value.parts}
    assert value.kind == "in_hours", value.kind  # the rules make these three kinds only
    whole = nw.Int64()  # a library's hour may be a small type that 3600 times overflows
    second = (
        local.dt.hour().cast(whole) * 3600
        + local.dt.minute().cast(whole) * 60
        + local.dt.second().cast(whole)
    )
    inside = nw.lit(False)
    for day, intervals in enumerate(value.schedule):
        for start, end in intervals:
            inside = inside | ((weekday == day) & (second >= start) & (second < end))
    if value.holidays:
        inside = inside & ~local.dt.date().is_in(sorted(value.holidays, key=str))
    return {name: inside}


def _dimension_columns(
    dimensions: tuple[Dimension, ...],
) -> list[tuple[Callable[..., Hashable], dict[str, Any]]]:
    """Per dimension, its ``finish`` and the expressions of its parts by name, in order."""
    columns = []
    for i, dimension in enumerate(dimensions):
        if dimension.columns is None:
            msg = f"The dimension {dimension.name!r} cannot be computed over a data frame."
            raise InvalidValueError(msg)
        columns.append((dimension.columns.finish, _parts(dimension.columns, f"dimension{i}")))
    return columns


def _aggregate(
    routing: Routing,
    routed: nw.LazyFrame[Any],
    kinds: Mapping[str, Any],
    dimensions: list[tuple[Callable[..., Hashable], dict[str, Any]]],
) -> nw.DataFrame[Any]:
    """Per problem, reason, manager and dimension: the four counters, the calls and the ties.

    A few dozen rows (more with dimensions: one per local day, or weekday and hour, …). The
    durations are summed as the frame holds them (whole numbers, as integers or as floats),
    and made Python integers after.
    """
    parts = {name: expr for _, columns in dimensions for name, expr in columns.items()}
    nw = _narwhals()
    col = nw.col
    incoming = col("direction") == Direction.INCOMING.value
    seconds = col("duration")
    zero = nw.lit(0).cast(nw.Int64())
    one = nw.lit(1).cast(nw.Int64())
    return (
        routed.with_columns(
            reason=_reason(routing, kinds),
            incoming=nw.when(incoming).then(one).otherwise(zero),
            outgoing=nw.when(incoming).then(zero).otherwise(one),
            incoming_duration=nw.when(incoming).then(seconds).otherwise(zero),
            outgoing_duration=nw.when(incoming).then(zero).otherwise(seconds),
            tie=nw.when(col("first")).then(col("tie")).otherwise(zero),  # R28 before R7
            **parts,
        )
        .group_by("problem", "reason", "manager_id", *parts, drop_null_keys=False)
        .agg(
            col("incoming").sum(),
            col("outgoing").sum(),
            col("incoming_duration").sum(),
            col("outgoing_duration").sum(),
            col("tie").sum(),
            nw.len().alias("calls"),
        )
        .collect()
    )


def _whole(value: object) -> int:
    """A sum of whole seconds as an int (a sum of a float column is a float)."""
    plain: Any = _plain(value)
    return int(plain or 0)


def _manager(value: object) -> Hashable:
    """A manager id of the aggregate as the object engine keys it: an int, a str or None.

    Only a whole float is an int: ``inf`` or ``1.5`` (a card's id in a float column) stays as
    it is, for the card to refuse naming the field.
    """
    value = _plain(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def tally_of_frame(
    routing: Routing,
    calls: Any,
    *,
    columns: Mapping[str, str] | None = None,
    dimensions: tuple[Dimension, ...] = (),
    before: Collection[str] = (),
    checked: bool = False,
) -> Tally:
    """Route and count the calls of a data frame, as :meth:`Routing.tally` counts objects.

    The cells are keyed by the manager and by the value of each of *dimensions*, computed
    with the frame's expressions (:class:`~callanalytics._rules.steps.ColumnValue`).
    *before* are the ids of calls that came before the frame: its calls with those ids are
    duplicates (R28), as with the ``seen`` of :meth:`Routing.tally`. *checked* says that every
    row was checked before, by rules at least as strict as a call's (the command line's fast
    path): the rows are not tested again.

    >>> import pandas as pd
    >>> from callanalytics import Manager
    >>> from callanalytics._rules.routing import Routing
    >>> frame = pd.DataFrame({"uniq": ["a", "b"], "direction": ["inbound", "outbound"],
    ...     "started_at": pd.to_datetime(["2026-11-02 09:30", "2026-11-02 10:00"], utc=True),
    ...     "duration": [61, 30], "manager_id": [1, 1], "card_id": [10, None],
    ...     "entity_type": ["contacts", None]})
    >>> tally = tally_of_frame(Routing([Manager(1, "Anna")]), frame, columns={"uniq": "id"})
    >>> tally.by_manager[1].incoming_duration, dict(tally.excluded)
    (61, {<Exclusion.NOT_SAVED: 'not_saved'>: 1})
    """
    nw = _narwhals()
    keyed = routing.cards is not None and bool(routing.cards.by_key)
    if (dimensions or keyed) and nw.dependencies.is_duckdb_relation(calls):
        calls = _relation_in_memory(calls)
    calls = _on_polars(calls)
    try:
        native = nw.from_native(calls)
    except TypeError:
        raise checks.type_error("calls", "Call objects or a data frame", calls) from None
    frame, defaults = _renamed(native, columns)
    kinds = frame.collect_schema()
    _check_types(kinds)  # before any expression: ids of the wrong type are named, not used
    if isinstance(frame, nw.DataFrame):
        frame = _first_seen(routing, frame, before).lazy()
    if isinstance(native, nw.LazyFrame):
        frame = _first_seen(routing, frame, before)
    started = kinds.get("started_at")
    local = isinstance(started, nw.Datetime) and started.time_zone not in (None, "UTC")
    if local and not nw.dependencies.is_duckdb_relation(calls):
        # Instants in the column's own zone (Europe/Berlin…): compared with "now" and the
        # period's bounds in UTC, the same instants, which polars will not compare across zones.
        frame = frame.with_columns(nw.col("started_at").dt.convert_time_zone("UTC"))
    tests = [] if checked else _problems(frame, kinds.names())
    frame = frame.with_columns(*defaults) if defaults else frame
    tested = frame.with_columns(problem=_problem(tests))
    parts = _dimension_columns(dimensions)
    routed = _routed(routing, tested, calls)
    aggregate = _aggregate(routing, routed, tested.collect_schema(), parts)
    problems: dict[int, int] = {}
    for line in aggregate.filter(nw.col("problem") >= 0).iter_rows(named=True):
        problems[int(line["problem"])] = problems.get(int(line["problem"]), 0) + int(line["calls"])
    if problems:
        _refuse(frame, tests, problems)
    cells: dict[tuple[Hashable, ...], Figures] = {}
    excluded: dict[Exclusion, int] = {}
    reasons = list(Exclusion)
    ties = read = 0
    for line in aggregate.iter_rows(named=True):
        counted = int(line["calls"])
        read += counted
        ties += int(line["tie"])
        code = int(line["reason"])
        if code == _COUNTED:
            key = (
                _manager(line["manager_id"]),
                *(finish(*(_plain(line[name]) for name in names)) for finish, names in parts),
            )
            figures = Figures.of(
                incoming=int(line["incoming"]),
                outgoing=int(line["outgoing"]),
                incoming_duration=_whole(line["incoming_duration"]),
                outgoing_duration=_whole(line["outgoing_duration"]),
            )
            cells[key] = cells[key] + figures if key in cells else figures
        else:
            reason = reasons[code]
            excluded[reason] = excluded.get(reason, 0) + counted
    names = tuple(dimension.name for dimension in dimensions)
    return Tally(cells, excluded, ties, names)


def _relation_in_memory(relation: Any) -> Any:
    """A DuckDB relation read as Arrow (in memory), as a polars lazy frame when polars is there.

    DuckDB keeps the time zone in the connection: narwhals cannot read a relation's instants
    in another zone, which the analyses need (read as Arrow, they come in the connection's
    zone, "Etc/UTC" say, and are read in UTC as any frame's). And a relation of a connection
    of the host's (``duckdb.connect(path)``) cannot be joined with the cards' key table, which
    is made in DuckDB's default connection. A lazy frame keeps what "first" is in a relation,
    which has no order of its rows: the call that started first (R28).
    """
    arrow = _narwhals().from_native(relation).collect(backend="pyarrow").to_native()
    try:
        import polars as pl
    except ImportError:
        return arrow
    frame: Any = pl.from_arrow(arrow)  # a table's frame, never a Series
    return frame.lazy()


def _in_memory(value: Any) -> Any:
    """A Dask collection computed on Dask's current scheduler; any other value as it is.

    The passes that read every row into this process (the cards, the calls of an analysis that
    reads them one by one) take a Dask DataFrame as the pandas frame it computes to, rather
    than through narwhals' Dask support, which is leaving narwhals (a ``FutureWarning``).
    """
    return value.compute() if is_dask(value) else value


def cards_of_frame(cards: Any) -> list[Card]:
    """The cards of a frame with one row per card phone; one card per ``(entity_type, id)``.

    The columns are ``id``, ``entity_type``, ``phone``, and optionally ``name`` and
    ``manager_id``.

    >>> import pandas as pd
    >>> [card] = cards_of_frame(pd.DataFrame({"id": [5, 5], "entity_type": ["contacts"] * 2,
    ...                                       "phone": ["+7 912 345-67-89", "204"]}))
    >>> card.key, card.phones
    ((<EntityType.CONTACT: 'contacts'>, 5), ('+7 912 345-67-89', '204'))
    """
    nw = _narwhals()
    cards = _in_memory(cards)
    try:
        frame = nw.from_native(cards)
    except TypeError:  # a library's value that is not a frame (a pandas Timestamp, a Series)
        raise checks.type_error("cards", "Card objects or a data frame", cards) from None
    frame = frame.collect() if isinstance(frame, nw.LazyFrame) else frame
    names = set(frame.columns)
    for name in ("id", "entity_type", "phone"):
        if name not in names:
            msg = f"the frame of cards must have the column {name!r} (got {_listed(names)})."
            raise InvalidValueError(msg)
    grouped: dict[tuple[EntityType, int | str], dict[str, Any]] = {}
    for row in frame.iter_rows(named=True):
        # The card's identity, checked before it is a key: a column of objects may hold a list.
        given = cast("int | str", _manager(row["id"])), cast("str", _plain(row["entity_type"]))
        entity, ident = Card(*given).key
        card = grouped.setdefault(
            (entity, ident),
            {
                "id": ident,
                "entity_type": entity,
                "name": _plain(row.get("name")) or "",
                "manager_id": _manager(row.get("manager_id")),
                "phones": [],
            },
        )
        # A number is its digits: a whole float too (a column of numbers with gaps holds
        # floats), not "89123456789.0". Any other value is left for the card to refuse.
        phone = _manager(row["phone"])
        if phone is not None:
            number = isinstance(phone, int) and not isinstance(phone, bool)
            card["phones"].append(str(phone) if number else phone)
    return [Card(**fields) for fields in grouped.values()]


def calls_of_frame(calls: Any, *, columns: Mapping[str, str] | None = None) -> Iterator[Call]:
    """The rows of a frame of calls as :class:`Call` objects, for passes that read calls one by one.

    The frame is checked first as :func:`tally_of_frame` checks it, with the same errors (the
    field, a value and how many rows); then each row's values are read by the call schema's
    conversions, as a host's records are. The rows of an eager frame come in its order; a lazy
    frame's (which have none) in the order of their start, so that the first call of a
    repeated id is the one the columnar engine takes (R28). Each row becomes a Python object:
    this costs what building the calls would.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["a"], "direction": ["inbound"], "duration": [61],
    ...     "started_at": pd.to_datetime(["2026-11-02 09:30"], utc=True), "wait": [12.0]})
    >>> [(call.id, call.duration, call.wait) for call in calls_of_frame(frame)]
    [('a', 61, 12)]
    """
    nw = _narwhals()
    calls = _on_polars(_in_memory(calls))
    try:
        native = nw.from_native(calls)
    except TypeError:
        raise checks.type_error("calls", "Call objects or a data frame", calls) from None
    frame, defaults = _renamed(native, columns)
    lazy = isinstance(native, nw.LazyFrame)
    frame = frame.lazy() if isinstance(frame, nw.DataFrame) else frame
    kinds = frame.collect_schema()
    _check_types(kinds)
    tests = _problems(frame, kinds.names())
    completed = frame.with_columns(*defaults) if defaults else frame  # a pair's absent half
    found = (
        completed.with_columns(problem=_problem(tests))
        .filter(nw.col("problem") >= 0)
        .group_by("problem")
        .agg(nw.len().alias("calls"))
        .collect()
    )
    problems = {int(line["problem"]): int(line["calls"]) for line in found.iter_rows(named=True)}
    if problems:
        _refuse(completed, tests, problems)
    if lazy:
        frame = frame.sort("started_at")
    return _rows_as_calls(_python_rows(frame.collect()))


def _python_rows(frame: nw.DataFrame[Any]) -> Iterator[dict[str, Any]]:
    """The rows of *frame* as Python values; an instant Python cannot hold is refused.

    A frame's library holds instants past Python's: 9999-12-31 23:59 at UTC-05:00 is in year
    10000 in UTC, which no ``datetime`` of Python can be (a call's start is an instant UTC
    can hold, R1).
    """
    rows = frame.iter_rows(named=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except OverflowError:  # the library's instant, made a Python datetime
            msg = (
                "'started_at' must be an instant UTC can hold, in years 1 to 9999 "
                "(got a later or earlier one in the frame of calls)."
            )
            raise InvalidValueError(msg) from None
        yield row


def _rows_as_calls(rows: Iterable[Mapping[str, Any]]) -> Iterator[Call]:
    """Each row as a call: its set values as they are, or read by the schema if that fails.

    Most rows of a checked frame hold values a call takes as they are (ints, text, aware
    datetimes); a row that does not (a float id, a NaN) is read as a host's record is.
    """
    fields = {field.name: field.spec for field in _FIELDS}
    for row in rows:
        try:
            yield Call(**{name: value for name, value in row.items() if value is not None})
            continue
        except CallAnalyticsError:
            pass
        values: dict[str, Any] = {}
        for name, raw in row.items():
            value = _plain(raw)
            if not absent(value):
                spec = fields[name]
                values[name] = spec.convert(spec.read(value, name), name)
        yield Call(**values)
