"""A :class:`Filter` from the query parameters a host receives from its UI (R18–R22)."""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from typing import Final, TypeVar

from callanalytics._kit import checks
from callanalytics._model.enums import CLIENT_CARDS, CallStatus, Direction
from callanalytics._model.period import PRESET_NAMES, Period, day_bounds
from callanalytics._model.text import parse_id, parse_seconds, parse_zone
from callanalytics._rules.filter import Filter
from callanalytics.exceptions import InvalidTypeError, InvalidValueError

__all__ = ["QUERY_PARAMETERS", "filter_from_query"]

QUERY_PARAMETERS: Final = (
    "period",
    "from",
    "to",
    "entity",
    "managers",
    "statuses",
    "min_duration",
    "max_duration",
    "direction",
)
"""The names :meth:`Filter.from_query` reads, in the order of the report's filter panel."""

_T = TypeVar("_T")

_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ENTITIES: Final = {e.value: e for e in sorted(CLIENT_CARDS)}
_DIRECTIONS: Final = {
    **{d.value: d for d in Direction},
    "incoming": Direction.INCOMING,
    "outgoing": Direction.OUTGOING,
}
_STATUSES: Final = {
    **{str(s.value): s for s in CallStatus},
    **{s.name.lower(): s for s in CallStatus},
}


def _bad(name: str, must: str, got: object) -> InvalidValueError:
    return checks.value_error(name, must, got)


def _raw(query: Mapping[str, str | Sequence[str]], name: str) -> list[object]:
    """Every value given for *name*: a multi-dict is read in full, a list is its items."""
    getall: Callable[..., object] | None = getattr(query, "getall", None)
    getlist: Callable[..., object] | None = getattr(query, "getlist", None)
    if callable(getall):  # multidict, aiohttp
        values = getall(name, [])
    elif callable(getlist):  # Werkzeug / Flask, Django, Starlette
        values = getlist(name)
    else:
        values = query[name]
    if isinstance(values, str):
        return [values]
    if isinstance(values, list | tuple):
        return list(values)
    return [values]


def _strings(query: Mapping[str, str | Sequence[str]], name: str) -> list[str]:
    """The non-empty values of *name*, stripped; each must be a string."""
    strings = []
    for value in _raw(query, name):
        if not isinstance(value, str):
            raise checks.type_error(name, "a str or a list of str", value)
        if value.strip():
            strings.append(value.strip())
    return strings


def _single(query: Mapping[str, str | Sequence[str]], name: str) -> str | None:
    """The one value of *name*, or ``None`` when it is absent or empty."""
    if name not in query:
        return None
    values = _strings(query, name)
    if len(values) > 1:
        raise _bad(name, "be given once", values)
    return values[0] if values else None


def _items(query: Mapping[str, str | Sequence[str]], name: str) -> list[str] | None:
    """The comma-separated items of *name*, or ``None`` when there are none."""
    if name not in query:
        return None
    items = [i.strip() for v in _strings(query, name) for i in v.split(",") if i.strip()]
    return items or None


def _choose(name: str, items: list[str] | None, table: Mapping[str, _T], must: str) -> list[_T]:
    """The values of *table* the items name (case-insensitive); an unknown item is an error."""
    chosen = []
    for item in items or ():
        try:
            chosen.append(table[item.lower()])
        except KeyError:
            raise _bad(name, must, item) from None
    return chosen


def _day(name: str, text: str) -> date:
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise _bad(name, "be a date YYYY-MM-DD", text)


def _seconds(query: Mapping[str, str | Sequence[str]], name: str) -> int | None:
    """The duration bound *name*, in whole seconds or ``HH:MM:SS``; ``None`` when not set."""
    text = _single(query, name)
    return None if text is None else parse_seconds(name, text)


def _period(query: Mapping[str, str | Sequence[str]], now: datetime, zone: tzinfo) -> Period | None:
    name = _single(query, "period")
    first, last = _single(query, "from"), _single(query, "to")
    if name is not None:
        if first is not None or last is not None:
            given, value = ("from", first) if first is not None else ("to", last)
            raise InvalidValueError.from_parts(
                "'period' must not be combined with 'from'/'to' "
                "(got period={value}, {given}={other}).",
                value=checks.shown(name),
                given=given,
                other=checks.shown(value),
            )
        if name.lower() not in PRESET_NAMES:
            raise _bad("period", f"be one of {', '.join(PRESET_NAMES)}", name)
        return Period.preset(name.lower(), now=now, tz=zone)
    if first is None and last is None:
        return None
    if first is None or last is None:
        given, missing = ("from", "to") if first is not None else ("to", "from")
        raise InvalidValueError.from_parts(
            "{field!r} must be given with {given!r} (got {given}={value}).",
            field=missing,
            given=given,
            value=checks.shown(first or last),
        )
    start, end = _day("from", first), _day("to", last)
    if end < start:
        raise InvalidValueError.from_parts(
            "'to' must not be before 'from' (got from={value}, to={other}).",
            value=checks.shown(first),
            other=checks.shown(last),
        )
    day_bounds(start, end, zone, names=("from", "to"), shown=(first, last))
    try:
        return Period.days(start, end, tz=zone)
    except InvalidValueError as error:
        msg = (
            f"'from' and 'to' must be days that exist in {zone} "
            f"(got from={checks.shown(first)}): {error}"
        )
        raise InvalidValueError(msg) from None


_LISTED: Final = 6
"""How many unknown parameter names a message lists; the rest are counted."""


def _check_names(query: Mapping[str, str | Sequence[str]], ignore: Iterable[str]) -> None:
    """Refuse a query with a name that is not a filter parameter, in time linear in the names."""
    if isinstance(ignore, str):
        ignore = (ignore,)
    known = {*QUERY_PARAMETERS, *ignore}
    unknown: dict[str, None] = {}  # a dict: unique, in order, and a set's lookups
    for name in query:
        if not isinstance(name, str):
            msg = (
                f"'query' must have str names "
                f"(got {checks.shown(name)} of type {type(name).__name__})."
            )
            raise InvalidTypeError(msg)
        if name not in known:
            unknown[name] = None
    if unknown:
        listed = ", ".join(checks.shown(n) for n in heapq.nsmallest(_LISTED, unknown))
        if len(unknown) > _LISTED:
            listed += f" and {len(unknown) - _LISTED} more"
        msg = (
            f"'query' must hold only the filter's parameters {', '.join(QUERY_PARAMETERS)} "
            f"(or names passed in 'ignore') (got unknown {listed})."
        )
        raise InvalidValueError(msg)


def filter_from_query(
    query: Mapping[str, str | Sequence[str]],
    *,
    now: datetime,
    tz: str | tzinfo,
    ignore: Iterable[str] = (),
) -> Filter:
    """The :class:`Filter` of *query*; see :meth:`Filter.from_query` and ``docs/filters.md``."""
    if not isinstance(query, Mapping):
        msg = (
            f"'query' must be a mapping (got {checks.shown(query)} of type {type(query).__name__})."
        )
        raise InvalidTypeError(msg)
    checks.moment(now, "now")
    zone = parse_zone("tz", tz)
    _check_names(query, ignore)
    entities = _choose("entity", _items(query, "entity"), _ENTITIES, "hold contacts, companies")
    statuses = _choose(
        "statuses",
        _items(query, "statuses"),
        _STATUSES,
        f"hold call status codes 1..7 or names {', '.join(s.name.lower() for s in CallStatus)}",
    )
    directions = _choose(
        "direction",
        _items(query, "direction"),
        _DIRECTIONS,
        "hold inbound, outbound (or incoming, outgoing)",
    )
    managers = _items(query, "managers")
    return Filter(
        period=_period(query, now, zone),
        entity_types=entities or None,
        manager_ids=None if managers is None else [parse_id("managers", m) for m in managers],
        min_duration=_seconds(query, "min_duration"),
        max_duration=_seconds(query, "max_duration"),
        statuses=statuses or None,
        directions=directions or None,
    )
