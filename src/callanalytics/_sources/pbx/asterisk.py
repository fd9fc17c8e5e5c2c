"""Asterisk ``cdr_csv`` (``Master.csv``) and FreePBX ``cdr`` records (docs/pbx.md).

``Master.csv`` has no header; its columns are those of ``cdr/cdr_csv.c``
(``build_csv_record``): 16 always, then ``uniqueid`` (``loguniqueid``), ``userfield``
(``loguserfield``), and ``peeraccount``, ``linkedid``, ``sequence`` (``newcdrcolumns``), so a
row has 16 to 21 columns and its count says which were logged (17 and 20 by whether the
17th looks like a ``uniqueid``). The ``cdr_custom`` sample mapping (19 columns, ``clid``
first) is recognised too. FreePBX's ``cdr`` table and its CSV export have a header and name
their columns; ``calldate`` is the start, the answer is ``duration - billsec`` after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import timedelta, tzinfo
from typing import Final, TextIO

from callanalytics._model.enums import CallStatus, Direction, Id
from callanalytics._sources.pbx.legs import (
    CALLEE,
    PLUMBING,
    Leg,
    Row,
    context_direction,
    csv_rows,
    sides,
)
from callanalytics._sources.reading import Rejected
from callanalytics.exceptions import InvalidValueError

__all__ = [
    "CDR_CSV",
    "CDR_CUSTOM",
    "FREEPBX_REQUIRED",
    "freepbx_legs",
    "layout",
    "master_csv_legs",
    "peer",
]

_BASE: Final = (
    "accountcode",
    "src",
    "dst",
    "dcontext",
    "clid",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "start",
    "answer",
    "end",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
)
_NEW: Final = ("peeraccount", "linkedid", "sequence")

CDR_CSV: Final[dict[tuple[int, bool], tuple[str, ...]]] = {
    (16, False): _BASE,
    (17, True): (*_BASE, "uniqueid"),
    (17, False): (*_BASE, "userfield"),
    (18, True): (*_BASE, "uniqueid", "userfield"),
    (19, False): (*_BASE, *_NEW),
    (20, True): (*_BASE, "uniqueid", *_NEW),
    (20, False): (*_BASE, "userfield", *_NEW),
    (21, True): (*_BASE, "uniqueid", "userfield", *_NEW),
}
"""The columns of a ``cdr_csv`` row by its count and whether its 17th is a ``uniqueid``."""

CDR_CUSTOM: Final = (
    "clid",
    "src",
    "dst",
    "dcontext",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "start",
    "answer",
    "end",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
    "accountcode",
    "uniqueid",
    "userfield",
    "sequence",
)
"""The columns of ``cdr_custom``'s sample ``Master.csv`` mapping."""

FREEPBX_REQUIRED: Final = ("calldate", "src", "dst", "duration", "billsec", "disposition")
"""The columns a FreePBX ``cdr`` file must have."""

_UNIQUEID: Final = re.compile(r"(?:.+-)?[0-9]+\.[0-9]+")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")

_STATUS: Final[dict[str, CallStatus]] = {
    "ANSWERED": CallStatus.NO_ANSWER,  # answered by no one in person (an IVR, a hop)
    "NO ANSWER": CallStatus.NO_ANSWER,
    "NOANSWER": CallStatus.NO_ANSWER,
    "BUSY": CallStatus.BUSY,
    "FAILED": CallStatus.NOT_AVAILABLE,
    "CONGESTION": CallStatus.NO_ANSWER,
    "CANCEL": CallStatus.NO_ANSWER,
}
"""A disposition, as the status of a call whose legs nobody answered in person (R2)."""
_DISPOSITIONS: Final = "ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION or CANCEL"


def peer(channel: str) -> str:
    """The device of a channel name: ``SIP/301-00000004`` → ``301`` (``Local`` for hops).

    >>> peer("PJSIP/client1-00000002"), peer("Local/ch1@TimeDelay-00000000;2"), peer("")
    ('client1', 'Local', '')
    """
    tech, slash, rest = channel.partition("/")
    if not slash:
        return ""
    if tech.lower() == "local":
        return "Local"
    rest = rest.split(";", 1)[0]
    if "-" in rest:
        rest = rest.rsplit("-", 1)[0]
    return rest.split("@", 1)[0]


def master_csv_legs(
    stream: TextIO, *, zone: tzinfo, extensions: Mapping[str, Id]
) -> Iterator[tuple[int, Leg | Rejected]]:
    """The legs of a ``Master.csv``, or the rejection of each bad row."""
    for line, values in csv_rows(stream):
        if isinstance(values, Rejected):
            yield line, values
            continue
        names = layout(values)
        if names is None:
            found = InvalidValueError.from_parts(
                "a cdr_csv row has 16 to 21 columns (got {count}): "
                "the columns of cdr_csv.c, see docs/pbx.md.",
                count=str(len(values)),
            )
            yield line, Rejected.of(line, found)
            continue
        row = Row(line, dict(zip(names, values, strict=True)))
        yield line, _leg(row, zone, extensions, answer_column=True)


def layout(values: list[str]) -> tuple[str, ...] | None:
    count = len(values)
    if count == len(CDR_CUSTOM) and _DATE.fullmatch(values[8]):  # lastdata is no date
        return CDR_CUSTOM
    logged = count > len(_BASE) and _UNIQUEID.fullmatch(values[len(_BASE)]) is not None
    return CDR_CSV.get((count, logged)) or CDR_CSV.get((count, not logged))


def freepbx_legs(
    stream: TextIO, *, zone: tzinfo, extensions: Mapping[str, Id]
) -> Iterator[tuple[int, Leg | Rejected]]:
    """The legs of a FreePBX ``cdr`` table export (a header, then one row per leg)."""
    rows = csv_rows(stream)
    first = next(rows, None)
    if first is None:
        return
    _, header = first
    if isinstance(header, Rejected):
        raise InvalidValueError.from_parts(
            "a FreePBX cdr file must start with its header: {error}",
            error=header.error or InvalidValueError(header.message),
        )
    names = [name.strip().lower().lstrip("\ufeff") for name in header]
    missing = [name for name in FREEPBX_REQUIRED if name not in names]
    if missing:
        raise InvalidValueError.from_parts(
            "a FreePBX cdr file must have the columns {columns} "
            "in its header (missing {missing}; got {names}).",
            columns=", ".join(FREEPBX_REQUIRED),
            missing=", ".join(missing),
            names=", ".join(names),
        )
    for line, values in rows:
        if isinstance(values, Rejected):
            yield line, values
            continue
        if len(values) != len(names):
            found = InvalidValueError.from_parts(
                "the row has {count} columns, the header {width}.",
                count=str(len(values)),
                width=str(len(names)),
            )
            yield line, Rejected.of(line, found)
            continue
        row = Row(line, dict(zip(names, values, strict=True)))
        yield line, _leg(row, zone, extensions, answer_column=False)


def _leg(
    row: Row, zone: tzinfo, extensions: Mapping[str, Id], *, answer_column: bool
) -> Leg | Rejected:
    """The leg of one row (its columns by name), or its rejection with every problem."""
    text = row.text
    billsec = row.seconds("billsec")
    duration = row.seconds("duration")
    disposition = text("disposition").upper()
    if disposition not in _STATUS:
        row.problem("disposition", f"be one of {_DISPOSITIONS}")
    if answer_column:
        start = row.moment("start", zone)
        answer = row.moment("answer", zone, required=False)
        end = row.moment("end", zone)
    else:
        start = row.moment("calldate", zone)
        answer = end = None
        if start is not None:
            end = start + timedelta(seconds=duration)
            answer = end - timedelta(seconds=billsec) if disposition == "ANSWERED" else None
    if start is None or end is None or row.problems:
        return row.rejected()
    channel, dstchannel = text("channel"), text("dstchannel")
    src, dst = text("src"), text("dst")
    caller_device, callee_device = peer(channel), peer(dstchannel)
    if extensions:
        caller_ext = next((n for n in (src, caller_device) if n in extensions), None)
        callee_ext = next((n for n in (callee_device, dst) if n in extensions), None)
    else:  # a leg from or to a phone: its channel is the phone's own (SIP/204 dialled 204)
        caller_ext = src if src and caller_device == src else None
        callee_ext = dst if dst and callee_device == dst else None
    side = sides(
        src,
        dst,
        caller_ext=caller_ext,
        callee_ext=callee_ext,
        context_direction=context_direction(text("dcontext")),
        guess=Direction.INCOMING,
    )
    uniqueid, linkedid = text("uniqueid"), text("linkedid")
    group = linkedid or uniqueid or f"{channel} {start.isoformat()}"
    person = bool(dstchannel) and callee_device != "Local"
    return Leg(
        line=row.line,
        group=group,
        call_id=group,
        primary=False,
        started_at=start,
        ended_at=end,
        answered_at=answer,
        talk=billsec,
        rank=CALLEE if person else PLUMBING,
        answered=disposition == "ANSWERED" and answer is not None,
        status=_STATUS[disposition],
        side=side,
    )
