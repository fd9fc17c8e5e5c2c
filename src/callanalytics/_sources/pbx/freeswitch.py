"""FreeSWITCH ``mod_cdr_csv`` records (docs/pbx.md).

The columns are the template's: ``mod_cdr_csv`` substitutes channel variables into a line of
text, so a site chooses them. The default is the ``example`` template, the
``default-template`` of every configuration FreeSWITCH ships; ``template=`` gives another,
as the template text (``"${uuid}","${bleg_uuid}",...``) or as the list of variable names.

The legs of one call: the A-leg's ``bleg_uuid`` is the B-leg's ``uuid``; a B-leg has an empty
``bleg_uuid``, and may be written before its A-leg (``legs=ab``). No column says which leg a
row is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import tzinfo
from typing import Final, TextIO

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus, Direction, Id
from callanalytics._sources.pbx.legs import (
    CALLEE,
    CALLER,
    PLUMBING,
    Leg,
    Row,
    context_direction,
    csv_rows,
    sides,
)
from callanalytics._sources.reading import Rejected
from callanalytics.exceptions import InvalidValueError

__all__ = ["EXAMPLE", "REQUIRED", "freeswitch_legs", "template_columns"]

EXAMPLE: Final = (
    '"${caller_id_name}","${caller_id_number}","${destination_number}","${context}",'
    '"${start_stamp}","${answer_stamp}","${end_stamp}","${duration}","${billsec}",'
    '"${hangup_cause}","${uuid}","${bleg_uuid}","${accountcode}","${read_codec}",'
    '"${write_codec}"'
)
"""The ``example`` template of ``cdr_csv.conf.xml``, the default."""

REQUIRED: Final = (
    "caller_id_number",
    "destination_number",
    "start_stamp",
    "end_stamp",
    "billsec",
    "uuid",
)
"""The variables a template must have for its records to be read."""

_ORIGIN: Final = "originating_leg_uuid"
_VARIABLE: Final = re.compile(r"\$\{([A-Za-z0-9_]+)\}")

_BUSY: Final = frozenset({"USER_BUSY", "BUSY_EVERYWHERE", "CALL_REJECTED", "DECLINE"})
_WRONG: Final = frozenset(
    {"UNALLOCATED_NUMBER", "INVALID_NUMBER_FORMAT", "NUMBER_CHANGED", "NO_ROUTE_DESTINATION"}
)
_ABSENT: Final = frozenset(
    {"SUBSCRIBER_ABSENT", "USER_NOT_REGISTERED", "DESTINATION_OUT_OF_ORDER", "GATEWAY_DOWN"}
)
_CAUSE: Final = re.compile(r"[A-Z][A-Z0-9_]*")


def status_of(cause: str) -> CallStatus:
    """The status of an unanswered leg from its hangup cause (R2).

    >>> status_of("USER_BUSY"), status_of("UNALLOCATED_NUMBER"), status_of("NO_ANSWER")
    (<CallStatus.BUSY: 7>, <CallStatus.WRONG_NUMBER: 5>, <CallStatus.NO_ANSWER: 6>)
    """
    if cause in _BUSY:
        return CallStatus.BUSY
    if cause in _WRONG:
        return CallStatus.WRONG_NUMBER
    if cause in _ABSENT:
        return CallStatus.NOT_AVAILABLE
    return CallStatus.NO_ANSWER


def template_columns(template: object) -> tuple[str, ...]:
    """The variables of a template, in order: its text, or the list of their names.

    >>> template_columns(EXAMPLE)[:3]
    ('caller_id_name', 'caller_id_number', 'destination_number')
    >>> template_columns('"${uuid}", "${billsec}"')
    Traceback (most recent call last):
    ...
    callanalytics.exceptions.InvalidValueError: 'template' must have the variables \
caller_id_number, destination_number, start_stamp, end_stamp, billsec, uuid (missing \
caller_id_number, destination_number, start_stamp, end_stamp; got '"${uuid}", "${billsec}"').
    """
    if template is None:
        template = EXAMPLE
    if isinstance(template, str):
        names = tuple(_VARIABLE.findall(template))
    elif isinstance(template, Sequence):
        names = tuple(
            checks.nonblank(name, "template", "a str or a list of str").strip() for name in template
        )
    else:
        raise checks.type_error("template", "a str or a list of str", template)
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise InvalidValueError.from_parts(
            "'template' must have the variables {variables} (missing {missing}; got {value}).",
            variables=", ".join(REQUIRED),
            missing=", ".join(missing),
            value=checks.shown(template),
        )
    return names


def freeswitch_legs(
    stream: TextIO, *, zone: tzinfo, extensions: Mapping[str, Id], columns: tuple[str, ...]
) -> Iterator[tuple[int, Leg | Rejected]]:
    """The legs of a ``Master.csv`` of *columns*, or the rejection of each bad row."""
    for line, values in csv_rows(stream, skipinitialspace=True):  # the built-in has ", "
        if isinstance(values, Rejected):
            yield line, values
            continue
        if len(values) != len(columns):
            found = InvalidValueError.from_parts(
                "the row has {count} columns, the template {width} ({columns}).",
                count=str(len(values)),
                width=str(len(columns)),
                columns=", ".join(columns),
            )
            yield line, Rejected.of(line, found)
            continue
        yield line, _leg(Row(line, dict(zip(columns, values, strict=True))), zone, extensions)


def _leg(row: Row, zone: tzinfo, extensions: Mapping[str, Id]) -> Leg | Rejected:
    text = row.text
    start = row.moment("start_stamp", zone)
    answer = row.moment("answer_stamp", zone, required=False)
    end = row.moment("end_stamp", zone)
    billsec = row.seconds("billsec")
    uuid, bleg = text("uuid"), text("bleg_uuid")
    if not uuid:
        row.problem("uuid", "be the leg's uuid, not empty")
    cause = text("hangup_cause").upper()
    if cause and not _CAUSE.fullmatch(cause):
        row.problem("hangup_cause", "be a hangup cause such as NORMAL_CLEARING")
    if start is None or end is None or row.problems:
        return row.rejected()
    # An A-leg is answered in person only if it was bridged (it has a bleg_uuid): else the
    # dialplan answered it (an IVR, a queue's music, voicemail).
    a_rank = CALLER if bleg else PLUMBING
    if _ORIGIN in row.values:  # a B-leg names its A-leg: the link does not need a bridge
        origin = text(_ORIGIN)
        b_leg, group = bool(origin), origin or uuid
        rank = lone = CALLEE if b_leg else a_rank
    else:  # only a bridged A-leg names its B-leg; a row without bleg_uuid may be a B-leg
        b_leg, group = not bleg, bleg or uuid
        rank, lone = (CALLEE if b_leg else a_rank), a_rank
    caller, callee = text("caller_id_number"), text("destination_number")
    side = sides(
        caller,
        callee,
        caller_ext=caller if caller in extensions else None,
        callee_ext=callee if callee in extensions else None,
        context_direction=context_direction(text("context")),
        guess=Direction.INCOMING,
    )
    return Leg(
        line=row.line,
        group=group,
        call_id=uuid,
        primary=not b_leg,
        started_at=start,
        ended_at=end,
        answered_at=answer,
        talk=billsec,
        rank=rank,
        answered=answer is not None,
        status=status_of(cause),
        side=side,
        lone_rank=lone,
    )
