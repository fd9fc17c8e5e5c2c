"""3CX call data records (CDR logs, v15 to v18; docs/pbx.md).

The 3CX CDR service writes one record per call, no header, values never quoted; the admin
chooses the fields and their order. ``fields=`` gives them; the default is 3CX's documented
order, of which a record may have only the first ones (a configuration that stops early).
Durations are ``HH:MM:SS``, times ``YYYY/MM/DD HH:MM:SS``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from datetime import tzinfo
from typing import Final, TextIO

from callanalytics._kit import checks
from callanalytics._model.enums import CallStatus, Direction, Id
from callanalytics._sources.pbx.legs import CALLEE, Leg, Row, csv_rows, sides
from callanalytics._sources.reading import Rejected
from callanalytics.exceptions import InvalidValueError

__all__ = ["FIELDS", "REQUIRED", "field_names", "threecx_legs"]

FIELDS: Final = (
    "historyid",
    "callid",
    "duration",
    "time-start",
    "time-answered",
    "time-end",
    "reason-terminated",
    "from-no",
    "to-no",
    "from-dn",
    "to-dn",
    "dial-no",
    "reason-changed",
    "final-number",
    "final-dn",
    "bill-code",
    "bill-rate",
    "bill-cost",
    "bill-name",
    "chain",
    "from-type",
    "to-type",
    "final-type",
    "from-dispname",
    "to-dispname",
    "final-dispname",
    "missed-queue-calls",
)
"""3CX's CDR fields in the order its documentation lists them: the default of ``fields=``."""

REQUIRED: Final = ("time-start", "time-end", "duration", "from-no", "to-no")
"""The fields a configuration must have for its records to be read (and an id field)."""


def field_names(fields: object) -> tuple[str, ...]:
    """The fields of the records, in order: a list of names, or one comma-separated string.

    >>> field_names("historyid, duration,time-start,time-end,from-no,to-no")[:2]
    ('historyid', 'duration')
    """
    if fields is None:
        return FIELDS
    if isinstance(fields, str):
        fields = fields.split(",")
    if not isinstance(fields, Sequence):
        raise checks.type_error("fields", "a str or a list of str", fields)
    names = tuple(
        checks.nonblank(name, "fields", "a str or a list of str").strip().lower() for name in fields
    )
    missing = [name for name in REQUIRED if name not in names]
    if not {"historyid", "callid"} & set(names):
        missing.append("historyid or callid")
    if missing:
        raise InvalidValueError.from_parts(
            "'fields' must have {fields} and historyid or callid (missing {missing}; got {names}).",
            fields=", ".join(REQUIRED),
            missing=", ".join(missing),
            names=", ".join(names),
        )
    return names


def threecx_legs(
    stream: TextIO, *, zone: tzinfo, extensions: Mapping[str, Id], fields: tuple[str, ...]
) -> Iterator[tuple[int, Leg | Rejected]]:
    """The calls of a 3CX CDR log (one leg each), or the rejection of each bad record."""
    needed = max(fields.index(name) for name in REQUIRED) + 1
    for line, values in csv_rows(stream, quoting=csv.QUOTE_NONE):
        if isinstance(values, Rejected):
            yield line, values
            continue
        if not needed <= len(values) <= len(fields):
            found = InvalidValueError.from_parts(
                "a 3CX record of these fields has {low} to {high} values "
                "(got {count}): give the CDR configuration's fields with fields=.",
                low=str(needed),
                high=str(len(fields)),
                count=str(len(values)),
            )
            yield line, Rejected.of(line, found)
            continue
        yield line, _leg(Row(line, dict(zip(fields, values, strict=False))), zone, extensions)


def _number(text: str) -> tuple[str, bool]:
    """A 3CX number without its ``Ext.`` prefix, and whether it had one (an extension)."""
    if text.startswith("Ext."):
        return text[4:], True
    return text, False


def _leg(row: Row, zone: tzinfo, extensions: Mapping[str, Id]) -> Leg | Rejected:
    text = row.text
    start = row.moment("time-start", zone)
    answer = row.moment("time-answered", zone, required=False)
    end = row.moment("time-end", zone)
    talk = row.hms("duration")
    record = text("historyid").removeprefix("Call ").strip() or text("callid")
    if not record:
        row.problem("historyid" if "historyid" in row.values else "callid", "be the call's id")
    if start is None or end is None or row.problems:
        return row.rejected()
    caller, caller_is_ext = _number(text("from-no"))
    final = text("final-number") or text("to-no")
    callee, callee_is_ext = _number(final)
    caller_dn = text("from-dn") or caller
    callee_dn = text("final-dn") or text("to-dn") or callee
    caller_ours = caller_is_ext or text("from-type") == "Extension" or caller_dn in extensions
    final_type = text("final-type") or text("to-type")
    callee_ours = callee_is_ext or final_type == "Extension" or callee_dn in extensions
    side = sides(
        caller,
        callee,
        caller_ext=caller_dn if caller_ours else None,
        callee_ext=callee_dn if callee_ours else None,
        context_direction=None,
        guess=Direction.INCOMING,
    )
    reason = text("reason-terminated").lower()
    status = CallStatus.BUSY if "busy" in reason else CallStatus.NO_ANSWER
    if "fail" in reason:
        status = CallStatus.NOT_AVAILABLE
    return Leg(
        line=row.line,
        group=f"{record} {row.line}",  # one record per call: never merged, a resent one is a
        call_id=record,  # duplicate (R28)
        primary=True,
        started_at=start,
        ended_at=end,
        answered_at=answer,
        talk=talk,
        rank=CALLEE,
        answered=answer is not None,
        status=status,
        side=side,
    )
