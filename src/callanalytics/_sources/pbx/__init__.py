"""PBX call-detail records: Asterisk, FreePBX, FreeSWITCH and 3CX (R27, R29, R30; docs/pbx.md).

Each reader takes an open text stream of one PBX's records and gives a
:class:`~callanalytics.CallReader`: one call per call, however many legs the PBX wrote for it
(R29), calls between the account's own extensions counted apart (R30), and every bad row
rejected with all its problems (R27). :data:`READERS` names them; :func:`sniff` tells a file's
format from its first lines. Streams are read lazily, once; see
:mod:`callanalytics._sources.pbx.legs` for how the legs are merged in bounded memory.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import tzinfo
from typing import Final, TextIO

from callanalytics._kit import checks
from callanalytics._model.enums import Id
from callanalytics._sources.pbx import asterisk, freeswitch, threecx
from callanalytics._sources.pbx.legs import (
    MAX_OPEN,
    WINDOW,
    Leg,
    check_extensions,
    check_window,
    merge,
    zones,
)
from callanalytics._sources.reading import CallReader, Rejected

__all__ = [
    "MAX_OPEN",
    "READERS",
    "WINDOW",
    "PbxReader",
    "read_3cx",
    "read_asterisk",
    "read_freepbx",
    "read_freeswitch",
    "read_pbx",
    "sniff",
]

PbxReader = Callable[..., CallReader]
"""``reader(stream, *, tz, extensions, duplicates, **options) -> CallReader``."""

_Legs = Callable[[TextIO, tzinfo, Mapping[str, Id]], Iterator[tuple[int, Leg | Rejected]]]


def _reader(
    legs: _Legs,
    stream: TextIO,
    *,
    fmt: str,
    tz: tzinfo | str | None,
    extensions: Mapping[str, Id] | None,
    duplicates: bool,
    usegmtime: bool,
    window: int,
    max_open: int,
) -> CallReader:
    read_in, calls_in = zones(tz, usegmtime, fmt)
    known = check_extensions(extensions)
    span, most = check_window(window, max_open)
    items = merge(
        legs(stream, read_in, known),
        extensions=known,
        zone=calls_in,
        source=fmt,
        window=span,
        max_open=most,
    )
    return CallReader(items, duplicates=duplicates)


def read_asterisk(
    stream: TextIO,
    *,
    tz: tzinfo | str | None = None,
    extensions: Mapping[str, Id] | None = None,
    duplicates: bool = True,
    usegmtime: bool = False,
    window: int = WINDOW,
    max_open: int = MAX_OPEN,
) -> CallReader:
    """The calls of an Asterisk ``cdr_csv`` ``Master.csv`` (16 to 21 columns, no header).

    *tz* is the zone of the PBX's clock; with ``usegmtime=True`` (``cdr.conf``) the times are
    UTC and *tz* only says the zone the calls are shown in. *extensions* maps the account's
    extensions to their managers.
    """

    def legs(
        stream: TextIO, zone: tzinfo, known: Mapping[str, Id]
    ) -> Iterator[tuple[int, Leg | Rejected]]:
        return asterisk.master_csv_legs(stream, zone=zone, extensions=known)

    return _reader(
        legs,
        stream,
        fmt="asterisk",
        tz=tz,
        extensions=extensions,
        duplicates=duplicates,
        usegmtime=usegmtime,
        window=window,
        max_open=max_open,
    )


def read_freepbx(
    stream: TextIO,
    *,
    tz: tzinfo | str | None = None,
    extensions: Mapping[str, Id] | None = None,
    duplicates: bool = True,
    usegmtime: bool = False,
    window: int = WINDOW,
    max_open: int = MAX_OPEN,
) -> CallReader:
    """The calls of a FreePBX ``cdr`` table as CSV with its header (the CDR Reports export).

    ``calldate`` is the PBX's local time (FreePBX logs no ``usegmtime``): give its *tz*.
    """

    def legs(
        stream: TextIO, zone: tzinfo, known: Mapping[str, Id]
    ) -> Iterator[tuple[int, Leg | Rejected]]:
        return asterisk.freepbx_legs(stream, zone=zone, extensions=known)

    return _reader(
        legs,
        stream,
        fmt="freepbx",
        tz=tz,
        extensions=extensions,
        duplicates=duplicates,
        usegmtime=usegmtime,
        window=window,
        max_open=max_open,
    )


def read_freeswitch(
    stream: TextIO,
    *,
    tz: tzinfo | str | None = None,
    extensions: Mapping[str, Id] | None = None,
    duplicates: bool = True,
    template: str | Sequence[str] | None = None,
    window: int = WINDOW,
    max_open: int = MAX_OPEN,
) -> CallReader:
    """The calls of a FreeSWITCH ``mod_cdr_csv`` ``Master.csv``.

    *template* is the ``cdr_csv.conf.xml`` template the file was written with (its text, or
    its variable names in order); the default is the shipped ``example`` template.
    """
    columns = freeswitch.template_columns(template)

    def legs(
        stream: TextIO, zone: tzinfo, known: Mapping[str, Id]
    ) -> Iterator[tuple[int, Leg | Rejected]]:
        return freeswitch.freeswitch_legs(stream, zone=zone, extensions=known, columns=columns)

    return _reader(
        legs,
        stream,
        fmt="freeswitch",
        tz=tz,
        extensions=extensions,
        duplicates=duplicates,
        usegmtime=False,
        window=window,
        max_open=max_open,
    )


def read_3cx(
    stream: TextIO,
    *,
    tz: tzinfo | str | None = None,
    extensions: Mapping[str, Id] | None = None,
    duplicates: bool = True,
    fields: str | Sequence[str] | None = None,
) -> CallReader:
    """The calls of a 3CX CDR log: one record per call, the fields in *fields*' order.

    The default *fields* are 3CX's documented order (:data:`threecx.FIELDS`); a record may
    stop early, as a configuration with only the first fields writes it.
    """
    names = threecx.field_names(fields)

    def legs(
        stream: TextIO, zone: tzinfo, known: Mapping[str, Id]
    ) -> Iterator[tuple[int, Leg | Rejected]]:
        return threecx.threecx_legs(stream, zone=zone, extensions=known, fields=names)

    return _reader(
        legs,
        stream,
        fmt="3cx",
        tz=tz,
        extensions=extensions,
        duplicates=duplicates,
        usegmtime=False,
        window=0,
        max_open=1,
    )


READERS: Final[dict[str, PbxReader]] = {
    "asterisk": read_asterisk,
    "freepbx": read_freepbx,
    "freeswitch": read_freeswitch,
    "3cx": read_3cx,
}
"""The PBX formats by name, each ``reader(stream, *, tz, extensions, duplicates, **options)``."""


def read_pbx(
    stream: TextIO,
    *,
    format: str,  # the name read_calls gives it
    tz: tzinfo | str | None = None,
    extensions: Mapping[str, Id] | None = None,
    duplicates: bool = True,
    **options: object,
) -> CallReader:
    r"""The calls of a PBX's call-detail records: the reader behind ``read_calls`` for PBXs.

    *format* is ``"asterisk"``, ``"freepbx"``, ``"freeswitch"`` or ``"3cx"``; *options* are
    the format's own (``usegmtime=``, ``template=``, ``fields=``, ``window=``). See
    ``docs/pbx.md``.

    >>> import io
    >>> line = ('"","+4930123456","600","from-pstn","<+4930123456>",'
    ...         '"PJSIP/trunk-00000001","PJSIP/204-00000002","Dial","PJSIP/204",'
    ...         '"2026-11-02 10:00:00","2026-11-02 10:00:12","2026-11-02 10:03:12",'
    ...         '192,180,"ANSWERED","DOCUMENTATION","1793613600.1",""\n')
    >>> reader = read_pbx(io.StringIO(line), format="asterisk", tz="Europe/Berlin",
    ...                   extensions={"204": 7})
    >>> [(c.direction.value, c.phone, c.manager_id, c.duration, c.wait) for c in reader]
    [('inbound', '+4930123456', 7, 180, 12)]
    """
    reader = READERS[checks.member(format, "format", READERS)]
    if isinstance(stream, str | bytes) or not hasattr(stream, "__iter__"):
        must = "a text stream (an open file, io.StringIO) or lines of text"
        raise checks.type_error("stream", must, stream)
    return reader(stream, tz=tz, extensions=extensions, duplicates=duplicates, **options)


_UUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SLASH_DATE: Final = re.compile(r"[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
_HISTORY: Final = re.compile(r"Call [0-9]+")
_HMS: Final = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
_DISPOSITIONS: Final = frozenset({"ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"})


def sniff(head: str) -> str | None:
    """The PBX format of a file from its first few KB of text, or ``None``.

    >>> sniff('Call 612504,00000C21DE5C2470_6531,00:05:36,2023/09/19 13:33:54,...')
    '3cx'
    >>> sniff("id,direction,started_at,duration") is None
    True
    """
    lines = head.lstrip("\ufeff").splitlines()
    if len(lines) > 1 and not head.endswith(("\n", "\r")):
        lines.pop()  # cut in the middle
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        return None
    values = [value.strip() for value in next(csv.reader([first]))]
    if {"calldate", "billsec", "disposition"} <= {value.lower() for value in values}:
        return "freepbx"
    if _HISTORY.fullmatch(values[0]) or (
        any(_SLASH_DATE.fullmatch(v) for v in values) and any(_HMS.fullmatch(v) for v in values)
    ):
        return "3cx"
    columns = asterisk.layout(values)
    if (
        columns is not None
        and _DISPOSITIONS & set(values)
        and _DATE.fullmatch(values[columns.index("start")])
    ):
        return "asterisk"
    if any(_UUID.fullmatch(value) for value in values):
        return "freeswitch"
    return None
    return None
