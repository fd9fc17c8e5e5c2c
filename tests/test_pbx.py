"""PBX call-detail records in (R27, R29, R30): Asterisk, FreePBX, FreeSWITCH and 3CX.

The expected calls of each fixture were worked out by reading the file (see
tests/fixtures/pbx/ORIGIN.md), not by running the readers.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._sources.pbx import READERS, sniff
from callanalytics._sources.pbx.asterisk import peer

FIXTURES = Path(__file__).parent / "fixtures" / "pbx"
TALKED, NO_ANSWER, BUSY = ca.CallStatus.TALKED, ca.CallStatus.NO_ANSWER, ca.CallStatus.BUSY
IN, OUT = ca.Direction.INCOMING, ca.Direction.OUTGOING


def read(fmt: str, name: str, **options: Any) -> ca.CallReader:
    """The reader of one fixture file."""
    stream = io.StringIO((FIXTURES / fmt / name).read_text(encoding="utf-8"), newline="")
    options.setdefault("tz", None)
    options.setdefault("extensions", None)
    options.setdefault("duplicates", True)
    return READERS[fmt](stream, **options)


def utc(text: str) -> datetime:
    """An instant written in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def summary(call: ca.Call) -> tuple[object, ...]:
    """What a test checks of a call: id, direction, start, talk, phone, manager, status, wait."""
    return (
        call.id,
        call.direction,
        call.started_at.astimezone(UTC),
        call.duration,
        call.phone,
        call.manager_id,
        call.status,
        call.wait,
    )


def master(*rows: str) -> io.StringIO:
    """A Master.csv of these lines."""
    return io.StringIO("".join(row + "\n" for row in rows))


def cdr_line(
    src: str = "+4930123456",
    dst: str = "600",
    context: str = "from-pstn",
    channel: str = "PJSIP/trunk-00000001",
    dstchannel: str = "PJSIP/204-00000002",
    start: str = "2026-11-02 10:00:00",
    answer: str = "2026-11-02 10:00:12",
    end: str = "2026-11-02 10:03:12",
    duration: str = "192",
    billsec: str = "180",
    disposition: str = "ANSWERED",
    uniqueid: str = "1793613600.1",
    linkedid: str | None = None,
) -> str:
    """A cdr_csv line as Asterisk writes it: 18 columns, or 21 with a linkedid."""
    quoted = [
        "",
        src,
        dst,
        context,
        f'""Client"" <{src}>',
        channel,
        dstchannel,
        "Dial",
        "PJSIP/204",
        start,
    ]
    line = ",".join(f'"{value}"' for value in quoted)
    line += f',"{answer}"' if answer else ","
    line += f',"{end}",{duration},{billsec},"{disposition}","DOCUMENTATION","{uniqueid}",""'
    if linkedid is not None:
        line += f',"","{linkedid}",1'
    return line


# ---------------------------------------------------------------------------------------------
# Asterisk cdr_csv


def test_r29_asterisk_21_columns_ring_group_legs_become_calls() -> None:
    """The real ring-group file: 23 legs, 8 calls by linkedid, each worked out by hand."""
    reader = read(
        "asterisk",
        "master_csv_cdr_csv_21col_ringgroup.csv",
        tz="Asia/Irkutsk",
        usegmtime=True,
        extensions={"301": 1, "200": 2},
    )
    calls = [summary(call) for call in reader]
    client = "89245555937"
    assert calls == [
        # an IVR answered (Hangup, no dstchannel): nobody in person; no leg rang a manager
        ("1706368044.0", IN, utc("2024-01-27 15:07:24"), 0, client, None, NO_ANSWER, None),
        # ring-all 301 & stadionpbx, NO ANSWER: credited to 301, the first leg that rang one
        ("1706369600.6", IN, utc("2024-01-27 15:33:20"), 0, client, 1, NO_ANSWER, None),
        # seven Local/ fan-out legs, none answered; Local/ch1;2 -> SIP/301 rang manager 1
        ("1706372196.12", IN, utc("2024-01-27 16:16:36"), 0, client, 1, NO_ANSWER, None),
        # answered by 301 at 02:04:12 after ringing from 02:04:06; the bridge leg billsec 17
        ("1706407446.50", IN, utc("2024-01-28 02:04:06"), 17, "89025348783", 1, TALKED, 6),
        ("1706413165.93", IN, utc("2024-01-28 03:39:25"), 43, "89085951008", 1, TALKED, 5),
        # answered on the remote PBX's leg (SIP/stadionpbx): no manager of the account
        ("1706415046.98", IN, utc("2024-01-28 04:10:46"), 30, "81079246516548", None, TALKED, 6),
        (
            "mainserverdss-1706420300.0",
            IN,
            utc("2024-01-28 05:38:20"),
            16,
            "81079243525786",
            1,
            TALKED,
            4,
        ),
        (
            "mainserverdss-1706443058.100",
            IN,
            utc("2024-01-28 11:57:38"),
            0,
            "89021675872",
            None,
            BUSY,
            None,
        ),
    ]
    assert reader.counts == ca.ReadCounts(records=23, calls=8, merged_legs=15)
    assert reader.counts.reconciles


def test_r29_asterisk_usegmtime_reads_utc_and_shows_the_account_zone() -> None:
    """usegmtime=True: the columns are UTC; without it they are wall times of tz."""
    gmt = read(
        "asterisk", "master_csv_cdr_csv_21col_ringgroup.csv", tz="Asia/Irkutsk", usegmtime=True
    )
    first = next(gmt)
    assert first.started_at == utc("2024-01-27 15:07:24")
    assert first.started_at.isoformat() == "2024-01-27T23:07:24+08:00"
    local = read("asterisk", "master_csv_cdr_csv_21col_ringgroup.csv", tz="Asia/Irkutsk")
    assert next(local).started_at == utc("2024-01-27 07:07:24")
    only_gmt = read("asterisk", "master_csv_cdr_csv_21col_ringgroup.csv", usegmtime=True)
    assert next(only_gmt).started_at.utcoffset() == timedelta(0)


def test_r29_asterisk_18_columns_merge_by_the_a_channel_uniqueid() -> None:
    """Without linkedid the legs of a call share the A channel's uniqueid (the 2018 rows)."""
    reader = read(
        "asterisk",
        "master_csv_cdr_csv_18col_unattributed.csv",
        tz="UTC",
        extensions={"2889": 5, "1110": 6},
    )
    calls = {call.id: summary(call) for call in reader}
    # SIP/2889 -> Local;1 (a hop, billsec 0) then SIP/2889 -> the Avaya trunk, 183 s:
    # dialled at 11:05:01, answered at 11:05:20
    assert calls["1536293101.12458"] == (
        "1536293101.12458",
        OUT,
        utc("2018-09-07 11:05:01"),
        183,
        "09243820431",
        5,
        TALKED,
        19,
    )
    # a call from the Avaya to extension 1110, NO ANSWER
    assert calls["1536293283.12653"][1:] == (
        IN,
        utc("2018-09-07 11:08:03"),
        0,
        "3711",
        6,
        NO_ANSWER,
        None,
    )
    assert calls["1598518960.99"][6] is BUSY
    assert reader.counts == ca.ReadCounts(records=7, calls=6, merged_legs=1)


def test_r29_asterisk_without_extensions_a_leg_from_its_own_phone_is_outgoing() -> None:
    """No extension map: a channel that is the caller's own phone (SIP/2889 for 2889)."""
    reader = read("asterisk", "master_csv_cdr_csv_18col_unattributed.csv", tz="UTC")
    calls = {call.id: call for call in reader}
    assert calls["1536293101.12458"].direction is OUT
    assert calls["1536293101.12458"].manager_id is None
    assert calls["1536293283.12653"].direction is IN  # SIP/1110 rang for 1110
    assert calls["1496260158.0"].direction is IN  # context "inbound"


def test_r30_asterisk_calls_between_own_extensions_are_internal() -> None:
    """KelySaina's file: client1 and client2 call each other: six internal calls."""
    reader = read(
        "asterisk",
        "master_csv_cdr_custom_19col.csv",
        tz="Europe/Moscow",
        extensions={"client1": 1, "client2": 2},
    )
    assert list(reader) == []
    assert reader.counts == ca.ReadCounts(records=6, internal=6)


def test_r29_asterisk_cdr_custom_layout_is_recognised() -> None:
    """The cdr_custom sample mapping (clid first): the first call, read in local time."""
    reader = read("asterisk", "master_csv_cdr_custom_19col.csv", tz="Europe/Moscow")
    first = next(reader)
    # 2023-07-26 01:51:32 in Moscow (UTC+3), answered at 01:51:50, billsec 13
    assert summary(first) == (
        "1690325492.2",
        OUT,
        utc("2023-07-25 22:51:32"),
        13,
        "6789",
        None,
        TALKED,
        18,
    )


def test_r29_asterisk_wait_across_a_dst_change_is_absolute_time() -> None:
    """Ringing from 01:59:50 to 03:00:05 on Berlin's spring-forward night is 15 s."""
    line = cdr_line(
        start="2026-03-29 01:59:50",
        answer="2026-03-29 03:00:05",
        end="2026-03-29 03:01:05",
        duration="75",
        billsec="60",
    )
    [call] = READERS["asterisk"](
        master(line), tz="Europe/Berlin", extensions={"204": 7}, duplicates=True
    )
    assert call.started_at == utc("2026-03-29 00:59:50")
    assert (call.wait, call.duration, call.manager_id) == (15, 60, 7)
    fall = cdr_line(
        start="2026-10-25 02:30:00",
        answer="2026-10-25 02:30:10",
        end="2026-10-25 02:31:10",
        duration="70",
        billsec="60",
    )
    [late] = ca.read_pbx(master(fall), format="asterisk", tz="America/New_York")
    assert late.started_at == utc("2026-10-25 06:30:00")  # New York is still on EDT
    [repeated] = ca.read_pbx(master(fall), format="asterisk", tz="Europe/Berlin")
    # the first 02:30 (CEST); == across zones is False for a repeated wall time (PEP 495)
    assert repeated.started_at.astimezone(UTC) == utc("2026-10-25 00:30:00")


def test_r27_asterisk_bad_rows_are_rejected_with_every_problem() -> None:
    """A row's every bad column is named with its value; a wrong count says the count."""
    bad = cdr_line(billsec="x", start="yesterday", disposition="MAYBE")
    short = '"a","b","c"'
    reader = ca.read_pbx(master(cdr_line(), bad, "", short), format="asterisk", tz="UTC")
    assert [call.id for call in reader] == ["1793613600.1"]
    first, second = reader.rejected
    assert first.line == 2
    assert set(first.fields) == {"billsec", "disposition", "start"}
    assert "'billsec' must be a whole number of seconds >= 0 (got 'x')." in first.message
    assert "'start' must be a date and time YYYY-MM-DD HH:MM:SS (got 'yesterday')." in (
        first.message
    )
    assert "'disposition' must be one of ANSWERED, NO ANSWER" in first.message
    assert "(got 'MAYBE')" in first.message
    assert (second.line, second.fields) == (4, ())
    assert "16 to 21 columns (got 3)" in second.message
    assert reader.counts == ca.ReadCounts(records=3, calls=1, rejected=2)


def test_r27_asterisk_without_tz_is_a_clear_error() -> None:
    """Times without an offset need the PBX's zone: an error naming tz, before any reading."""
    with pytest.raises(ca.InvalidValueError, match="'tz' is required to read asterisk"):
        ca.read_pbx(master(cdr_line()), format="asterisk")


def test_r29_asterisk_16_and_17_column_layouts() -> None:
    """The bare 16 columns (grouped by the A channel) and 17 with uniqueid or userfield."""
    full = cdr_line().split(",")
    bare = ",".join(full[:16])
    with_id = ",".join(full[:17])
    with_field = ",".join([*full[:16], '"note"'])
    reader = ca.read_pbx(master(bare, with_id, with_field), format="asterisk", tz="UTC")
    ids = {call.id for call in reader}
    assert ids == {"PJSIP/trunk-00000001 2026-11-02T10:00:00+00:00", "1793613600.1"}
    assert reader.counts == ca.ReadCounts(records=3, calls=2, merged_legs=1, duplicates=0)


def test_peer_names_the_device_of_a_channel() -> None:
    """Channel names to devices; Local hops are named Local."""
    assert peer("SIP/301-00000004") == "301"
    assert peer("OOH323/avayaG700-1919") == "avayaG700"
    assert peer("PJSIP/desperate_poitras-00000000") == "desperate_poitras"
    assert peer("Local/ch1@TimeDelay-00000000;2") == "Local"
    assert peer("DAHDI/1") == "1"
    assert peer("nonsense") == ""


# ---------------------------------------------------------------------------------------------
# FreePBX


def test_r29_freepbx_export_derives_the_answer_from_duration_and_billsec() -> None:
    """FreePBX's export: calldate is local, the answer calldate + duration - billsec."""
    reader = read(
        "freepbx",
        "cdr_export_ringgroup_DERIVED.csv",
        tz="Asia/Irkutsk",
        extensions={"301": 1, "200": 2},
    )
    assert [summary(call) for call in reader] == [
        ("1706407446.50", IN, utc("2024-01-28 02:04:06"), 17, "89025348783", 1, TALKED, 6),
        (
            "mainserverdss-1706443058.100",
            IN,
            utc("2024-01-28 11:57:38"),
            0,
            "89021675872",
            None,
            BUSY,
            None,
        ),
    ]
    assert reader.counts == ca.ReadCounts(records=6, calls=2, merged_legs=4)


def test_r29_freepbx_table_with_other_columns_and_null_text() -> None:
    """A cdr table of other columns (srinimonster): NULL is empty; three trunks, one call."""
    reader = read(
        "freepbx",
        "custom_cdr_table_export_srinimonster.csv",
        tz="America/New_York",
        extensions={"1115": 1, "1125": 2},
    )
    calls = {call.id: summary(call) for call in reader}
    # VIOrig and VITerm failed (NO ANSWER, 0 s), thinQ answered: 121 s, billsec 120
    assert calls["1543596521.9"] == (
        "1543596521.9",
        OUT,
        utc("2018-11-30 16:48:41"),
        120,
        "12484363600",
        1,
        TALKED,
        2,  # 11:48:41 to 11:48:43 (11:48:42 + 121 - 120)
    )
    # an AGI answered the first row: no dstchannel, nobody in person
    assert calls["1543540774.0"][3:7] == (0, "2484363600", 1, NO_ANSWER)
    assert calls["1543596497.7"][1] is IN  # Local/1115 callback to extension 1115
    assert reader.counts == ca.ReadCounts(records=7, calls=5, merged_legs=2)


def test_r27_freepbx_header_without_the_needed_columns_is_an_error() -> None:
    """The header is checked: the missing columns are named."""
    reader = ca.read_pbx(io.StringIO("calldate,src\n"), format="freepbx", tz="UTC")
    with pytest.raises(ca.InvalidValueError, match="missing dst, duration, billsec"):
        list(reader)
    assert list(ca.read_pbx(io.StringIO(""), format="freepbx", tz="UTC")) == []


def test_r27_freepbx_a_row_of_another_width_is_rejected() -> None:
    """A row with more or fewer values than the header, and blank lines skipped."""
    header = (FIXTURES / "freepbx" / "cdr_reports_export_header.csv").read_text("utf-8")
    reader = ca.read_pbx(io.StringIO(header + "\na,b\n"), format="freepbx", tz="UTC")
    assert list(reader) == []
    [bad] = reader.rejected
    assert (bad.line, bad.message) == (3, "the row has 2 columns, the header 26.")


# ---------------------------------------------------------------------------------------------
# FreeSWITCH


MADRID = "Europe/Madrid"


def test_r29_freeswitch_b_leg_first_then_its_a_leg() -> None:
    """legs=ab: the B-leg (bleg_uuid empty) comes first; its A-leg names it in bleg_uuid."""
    reader = read(
        "freeswitch",
        "master_csv_example_template_legs_ab_raspberry.csv",
        tz=MADRID,
        extensions={"1001": 1, "1002": 2},
    )
    # 91342657 dialled *1003, extension 1001 answered 23:43:59 (CEST), billsec 7
    assert [summary(call) for call in reader] == [
        (
            "99205d8f-5ec4-402e-b174-7a8bb8c23a61",
            IN,
            utc("2023-10-10 21:43:58"),
            7,
            "91342657",
            1,
            TALKED,
            1,
        )
    ]
    # 1001 called 1002: internal (R30), its two legs one internal call
    assert reader.counts == ca.ReadCounts(records=4, calls=1, merged_legs=2, internal=1)


def test_r29_freeswitch_queue_talk_time_is_the_agent_leg() -> None:
    """The queue answered the caller at 08:43:13; agent 1001 at 08:43:18 and talked 4 s."""
    reader = read(
        "freeswitch",
        "master_csv_example_template_callcenter_queue_raspberry.csv",
        tz=MADRID,
        extensions={"1001": 1},
    )
    assert [summary(call) for call in reader] == [
        (
            "d26a29f9-60e7-4df5-9eed-e42bac8c7096",
            IN,
            utc("2023-10-11 06:43:13"),
            4,
            "19083426",
            1,
            TALKED,
            5,
        )
    ]


def test_r29_freeswitch_legs_a_only() -> None:
    """legs=a: one row per call; the bridged A-leg's billsec is the talk."""
    reader = read(
        "freeswitch",
        "master_csv_example_template_legs_a_raspberry.csv",
        tz=MADRID,
        extensions={"1001": 1, "1002": 2},
    )
    [call] = reader
    assert summary(call)[2:] == (utc("2023-10-10 21:24:01"), 8, "91342657", None, TALKED, 2)
    assert reader.counts == ca.ReadCounts(records=2, calls=1, internal=1)


def test_r29_freeswitch_unanswered_calls_from_the_docs() -> None:
    """NORMAL_CLEARING with no answer_stamp is not answered: could not get through."""
    reader = read(
        "freeswitch",
        "master_csv_example_template_signalwire_docs.csv",
        tz=MADRID,
        extensions={"9007": 1, "9008": 2},
    )
    calls = [(c.direction, c.phone, c.manager_id, c.duration, c.status) for c in reader]
    assert calls == [
        (OUT, "0034688886392", 1, 0, NO_ANSWER),
        (OUT, "+34688886392", 2, 0, NO_ANSWER),
        (OUT, "34688886392", 2, 0, NO_ANSWER),
        (OUT, "0034688886392", 2, 0, NO_ANSWER),
        (OUT, "00034688886392", 2, 0, NO_ANSWER),
    ]


def test_r2_freeswitch_hangup_causes_to_statuses() -> None:
    """Busy, wrong number, not available, and the rest could not get through."""
    template = [
        "uuid",
        "caller_id_number",
        "destination_number",
        "start_stamp",
        "end_stamp",
        "billsec",
        "hangup_cause",
    ]
    lines = [
        f'"u{n}","204","+4930123456","2026-11-02 10:0{n}:00","2026-11-02 10:0{n}:09","0","{c}"'
        for n, c in enumerate(["USER_BUSY", "UNALLOCATED_NUMBER", "USER_NOT_REGISTERED", ""])
    ]
    reader = ca.read_pbx(
        master(*lines), format="freeswitch", tz="UTC", extensions={"204": 3}, template=template
    )
    assert [call.status for call in reader] == [
        BUSY,
        ca.CallStatus.WRONG_NUMBER,
        ca.CallStatus.NOT_AVAILABLE,
        NO_ANSWER,
    ]


def test_r27_freeswitch_template_and_bad_rows() -> None:
    """A template's text gives the columns; a bad row names every column at fault."""
    template = '"${uuid}","${bleg_uuid}", "${caller_id_number}","${destination_number}",' + (
        '"${start_stamp}","${answer_stamp}","${end_stamp}","${billsec}","${hangup_cause}"'
    )
    good = '"a1","", "204","+4930123456","2026-11-02 10:00:00","","2026-11-02 10:00:09","0",'
    rows = [
        good + '"NO_ANSWER"',
        '"","","204","x","soon","","2026-11-02 10:00:09","-1","no answer"',
        '"only","three","values"',
    ]
    reader = ca.read_pbx(master(*rows), format="freeswitch", tz="UTC", template=template)
    assert [call.id for call in reader] == ["a1"]
    bad, short = reader.rejected
    assert set(bad.fields) == {"uuid", "start_stamp", "billsec", "hangup_cause"}
    assert "'billsec' must be a whole number of seconds >= 0 (got '-1')." in bad.message
    assert "the template 9" in short.message
    with pytest.raises(ca.InvalidTypeError, match="'template' must be a str or a list"):
        ca.read_pbx(master(), format="freeswitch", tz="UTC", template=3)


# ---------------------------------------------------------------------------------------------
# 3CX


def test_r29_3cx_outgoing_call_of_27_fields() -> None:
    """dorel14's record: Ext.10016 called +46703014082, answered after 9 s, 00:00:25 talk."""
    reader = read(
        "3cx", "cdr_line_dorel14_2024.csv", tz="Europe/Stockholm", extensions={"10016": 3}
    )
    assert [summary(call) for call in reader] == [
        ("288831", OUT, utc("2024-06-17 03:59:49"), 25, "+46703014082", 3, TALKED, 9)
    ]
    assert reader.counts == ca.ReadCounts(records=1, calls=1)


def test_r29_3cx_queue_call_stopping_at_chain() -> None:
    """A 20-field record: a queue call answered at its start, agent 504 in final-dn."""
    reader = read(
        "3cx", "cdr_line_unattributed_2023_queue.csv", tz="Europe/Dublin", extensions={"504": 4}
    )
    assert [summary(call) for call in reader] == [
        ("612504", IN, utc("2023-09-19 12:33:54"), 336, "+353861777149", 4, TALKED, 0)
    ]


def test_r27_3cx_fields_option_and_bad_records() -> None:
    """fields= gives the order; an unanswered busy call; bad records name their fields."""
    fields = "callid,time-start,time-answered,time-end,duration,from-no,to-no,reason-terminated"
    rows = [
        "c1,2026/11/02 10:00:00,,2026/11/02 10:00:20,00:00:00,+4930123456,Ext.204,DstBusy",
        "c2,2026/11/02 10:05:00,,2026/11/02 10:05:20,0,Ext.204,Ext.205,Failed",
        "c1,2026/11/02 10:00:00,,2026/11/02 10:00:20,00:00:00,+4930123456,Ext.204,DstBusy",
        ",2026/11/02,,2026/11/02 10:00:20,1:2,+4930123456,Ext.204,x",
        "too,few",
    ]
    reader = ca.read_pbx(
        master(*rows), format="3cx", tz="UTC", extensions={"204": 3}, fields=fields
    )
    [call] = reader
    assert (call.id, call.direction, call.phone, call.manager_id, call.status) == (
        "c1",
        IN,
        "+4930123456",
        3,
        BUSY,
    )
    bad, few = reader.rejected
    assert set(bad.fields) == {"callid", "time-start", "duration"}
    assert "'duration' must be a whole number of seconds >= 0 (got '1:2')." in bad.message
    assert "has 7 to 8 values (got 2)" in few.message
    assert reader.counts == ca.ReadCounts(records=5, calls=1, internal=1, duplicates=1, rejected=2)
    with pytest.raises(ca.InvalidValueError, match="missing time-end, historyid or callid"):
        ca.read_pbx(
            master(), format="3cx", tz="UTC", fields=["time-start", "duration", "from-no", "to-no"]
        )
    with pytest.raises(ca.InvalidTypeError, match="'fields' must be a str or a list"):
        ca.read_pbx(master(), format="3cx", tz="UTC", fields=7)


# ---------------------------------------------------------------------------------------------
# The readers together


def test_sniff_names_each_fixture_format() -> None:
    """Each fixture's first KB names its format; other files name none."""
    for path in sorted(FIXTURES.glob("*/*.csv")):
        assert sniff(path.read_text("utf-8")[:4096]) == path.parent.name, path.name
    assert sniff("") is None
    assert sniff("id,direction,started_at,duration\nc1,inbound,2026-11-02T10:00:00Z,5\n") is None
    assert sniff(cdr_line() + "\n" + cdr_line()[:30]) == "asterisk"


def test_read_pbx_refuses_an_unknown_format_and_bad_options() -> None:
    """The format is one of four; extensions, window and max_open are checked at once."""
    with pytest.raises(ca.InvalidValueError, match="'format' must be one of 'asterisk'"):
        ca.read_pbx(master(), format="avaya", tz="UTC")
    with pytest.raises(ca.InvalidTypeError, match="'extensions' must be a mapping"):
        ca.read_pbx(master(), format="asterisk", tz="UTC", extensions=["204"])  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidValueError, match="'extensions' must be >= 0"):
        ca.read_pbx(master(), format="asterisk", tz="UTC", extensions={"204": -1})
    with pytest.raises(ca.InvalidValueError, match="'window' must be >= 0"):
        ca.read_pbx(master(), format="asterisk", tz="UTC", window=-1)
    with pytest.raises(ca.InvalidTypeError, match="'tz' must be a zoneinfo key"):
        ca.read_pbx(master(), format="asterisk", tz=3)  # type: ignore[arg-type]
    reader = ca.read_pbx(
        master(cdr_line()), format="asterisk", tz=UTC, extensions={" 204 ": "anna"}
    )
    assert [call.manager_id for call in reader] == ["anna"]


def test_r29_legs_are_merged_in_a_window_not_the_whole_file() -> None:
    """An endless file: calls come out while it is read; a late leg is a new call (R28)."""

    def endless() -> Iterator[str]:
        for n in itertools.count():
            start = datetime(2026, 11, 2, tzinfo=UTC) + timedelta(minutes=n)
            at = start.strftime("%Y-%m-%d %H:%M:%S")
            yield (
                cdr_line(
                    start=at,
                    answer="",
                    end=at,
                    duration="0",
                    billsec="0",
                    disposition="NO ANSWER",
                    uniqueid=f"{n}.0",
                    linkedid=f"{n}.0",
                )
                + "\n"
            )

    reader = ca.read_pbx(endless(), format="asterisk", tz="UTC", window=120)  # type: ignore[arg-type]
    first = list(itertools.islice(reader, 3))
    assert [call.id for call in first] == ["0.0", "1.0", "2.0"]
    assert reader.counts.records <= 6  # at most the window's 3 minutes more were read
    legs = [
        cdr_line(linkedid="L", uniqueid="a"),
        cdr_line(
            linkedid="M",
            uniqueid="b",
            start="2026-11-02 12:00:00",
            answer="2026-11-02 12:00:01",
            end="2026-11-02 12:01:00",
        ),
        cdr_line(linkedid="L", uniqueid="c"),
    ]
    late = ca.read_pbx(master(*legs), format="asterisk", tz="UTC", window=60)
    assert [call.id for call in late] == ["L", "M"]
    assert late.counts == ca.ReadCounts(records=3, calls=2, duplicates=1)
    crowded = ca.read_pbx(master(*legs), format="asterisk", tz="UTC", max_open=1)
    assert [call.id for call in crowded] == ["L", "M"]
    assert crowded.counts.duplicates == 1


DISPOSITIONS = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"]


@st.composite
def cdr_files(draw: st.DrawFn) -> tuple[list[str], int, set[str]]:
    """Lines of a Master.csv: legs of a few calls, some bad rows; the bad count, the ids."""
    lines: list[str] = []
    bad = 0
    linked: set[str] = set()
    for n in range(draw(st.integers(min_value=0, max_value=25))):
        kind = draw(st.sampled_from(["leg", "leg", "leg", "bad", "short", "blank"]))
        if kind == "blank":
            lines.append("")
            continue
        if kind == "short":
            lines.append('"a",1,2')
            bad += 1
            continue
        linkedid = draw(st.sampled_from(["A", "B", "C", "D"]))
        answered = draw(st.booleans())
        at = f"2026-11-02 10:{n:02d}:00"
        line = cdr_line(
            src=draw(st.sampled_from(["204", "205", "+4930123456"])),
            dst=draw(st.sampled_from(["204", "205", "600", "+4930999999"])),
            dstchannel=draw(st.sampled_from(["PJSIP/204-1", "PJSIP/205-2", "", "Local/x@y-1;1"])),
            start=at,
            answer=at if answered else "",
            end=at,
            duration="0",
            billsec=draw(st.sampled_from(["0", "7", "x"])) if kind == "bad" else "0",
            disposition=draw(st.sampled_from(DISPOSITIONS)),
            uniqueid=f"{n}.1",
            linkedid=linkedid,
        )
        if kind == "bad":  # a start that is no time, maybe a billsec that is no number
            line = line.replace(f'"{at}"', '"never"', 1)
        bad += kind == "bad"
        if kind != "bad":
            linked.add(linkedid)
        lines.append(line)
    return lines, bad, linked


@settings(max_examples=60, deadline=None)
@given(cdr_files(), st.booleans())
def test_r27_every_cdr_record_is_accounted_for(
    generated: tuple[list[str], int, set[str]], known: bool
) -> None:
    """records = calls + merged legs + internal + duplicates + rejected, from raw lines."""
    lines, bad, linked = generated
    extensions = {"204": 1, "205": 2} if known else None
    reader = ca.read_pbx(
        master(*lines), format="asterisk", tz="Europe/Berlin", extensions=extensions
    )
    calls = list(reader)
    counts = reader.counts
    assert counts.reconciles
    assert counts.records == sum(1 for line in lines if line)
    assert counts.rejected == bad
    assert counts.calls + counts.internal == len(linked)  # one per linkedid, in one window
    assert {call.id for call in calls} <= linked
    assert counts.duplicates == 0


def test_r29_talk_of_overlapping_legs_is_counted_once_and_the_last_answer_credited() -> None:
    """Answered legs' talk is the union of their answered spans; the last answer gets it."""
    legs = [
        cdr_line(linkedid="T", answer="2026-11-02 10:00:12", billsec="60"),  # 12..72
        cdr_line(linkedid="T", answer="2026-11-02 10:00:30", billsec="60"),  # 30..90: +18
        cdr_line(linkedid="T", answer="2026-11-02 10:00:20", billsec="5"),  # inside: +0
        cdr_line(
            linkedid="T",
            answer="2026-11-02 10:02:00",
            billsec="10",
            dstchannel="PJSIP/205-00000009",
        ),  # transferred to 205: +10
    ]
    [call] = ca.read_pbx(
        master(*legs), format="asterisk", tz="UTC", extensions={"204": 7, "205": 8}
    )
    assert (call.duration, call.wait, call.manager_id) == (88, 12, 8)


def test_r27_impossible_dates_and_blank_lines() -> None:
    """30 February is named as a bad time; blank lines are no records."""
    header = (FIXTURES / "freepbx" / "cdr_reports_export_header.csv").read_text("utf-8")
    row = '"2026-02-30 10:00:00",x,204,600,from-internal,PJSIP/204-1,,Dial,,5,0,"NO ANSWER"'
    row += ",3,,1.1,,,,,,,,,1.1,,1"
    freepbx = ca.read_pbx(io.StringIO(header + row + "\n"), format="freepbx", tz="UTC")
    assert list(freepbx) == []
    assert freepbx.rejected[0].fields == ("calldate",)
    line = '"x","204","600","default","2026-11-02 10:00:00","","2026-11-02 10:00:09","9","0",'
    line += '"NO_ANSWER","u1","","","",""'
    freeswitch = ca.read_pbx(master("", line, ""), format="freeswitch", tz="UTC")
    assert [call.id for call in freeswitch] == ["u1"]
    assert freeswitch.counts.records == 1


def test_r29_a_transfer_to_an_outside_number_stays_with_the_last_manager() -> None:
    """204 answered, then the call went to a mobile: the last answer by a manager is 204's."""
    legs = [
        cdr_line(linkedid="X", answer="2026-11-02 10:00:12", billsec="60"),
        cdr_line(
            linkedid="X",
            answer="2026-11-02 10:01:12",
            billsec="30",
            dstchannel="PJSIP/trunk-00000007",
        ),
    ]
    [call] = ca.read_pbx(master(*legs), format="asterisk", tz="UTC", extensions={"204": 7})
    assert (call.duration, call.manager_id, call.direction) == (90, 7, IN)


def test_r27_a_number_of_too_many_digits_is_a_rejection() -> None:
    """A billsec of 5,000 digits is named as a bad value, not an error of the reader."""
    reader = ca.read_pbx(master(cdr_line(billsec="9" * 5000)), format="asterisk", tz="UTC")
    assert list(reader) == []
    assert reader.rejected[0].fields == ("billsec",)
    assert sniff("\ufeffcalldate,src,dst,duration,billsec,disposition\n") == "freepbx"


EXAMPLE_FS = [
    "caller_id_name",
    "caller_id_number",
    "destination_number",
    "context",
    "start_stamp",
    "answer_stamp",
    "end_stamp",
    "duration",
    "billsec",
    "hangup_cause",
    "uuid",
    "bleg_uuid",
    "accountcode",
    "read_codec",
    "write_codec",
]
CAUSES = ["NORMAL_CLEARING", "NO_ANSWER", "USER_BUSY", "ORIGINATOR_CANCEL"]
STATUS_OF = {"NORMAL_CLEARING": NO_ANSWER, "NO_ANSWER": NO_ANSWER, "USER_BUSY": BUSY,
             "ORIGINATOR_CANCEL": NO_ANSWER}  # fmt: skip

fs_calls = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=300),  # the A-leg's billsec
        st.sampled_from(CAUSES),  # the A-leg's cause
        st.none() | st.tuples(st.booleans(), st.integers(0, 300), st.sampled_from(CAUSES)),
    ),
    max_size=6,
)


def fs_rows(
    calls: list[tuple[int, str, tuple[bool, int, str] | None]], origin: bool
) -> list[dict[str, str]]:
    """The A-leg and B-leg rows of each call: the B-leg rang extension 204."""
    rows = []
    for i, (a_bill, a_cause, b) in enumerate(calls):
        at = datetime(2026, 11, 2, 10, i, tzinfo=UTC)

        def stamp(seconds: int, at: datetime = at) -> str:
            return (at + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")

        bridged = b is not None and b[0]
        a = {"caller_id_number": f"+4930{i:07d}", "destination_number": "600",
             "context": "public", "start_stamp": stamp(0), "answer_stamp": stamp(0),
             "end_stamp": stamp(400), "billsec": str(a_bill), "hangup_cause": a_cause,
             "uuid": f"a{i}", "bleg_uuid": f"b{i}" if bridged else ""}  # fmt: skip
        rows.append(a)
        if b is not None:
            answered, b_bill, b_cause = b
            rows.append({**a, "destination_number": "204", "context": "default",
                         "start_stamp": stamp(1), "answer_stamp": stamp(3) if answered else "",
                         "billsec": str(b_bill if answered else 0), "hangup_cause": b_cause,
                         "uuid": f"b{i}", "bleg_uuid": "",
                         "originating_leg_uuid": f"a{i}" if origin else ""})  # fmt: skip
    return rows


@settings(max_examples=60, deadline=None)
@given(fs_calls, st.booleans(), st.randoms(use_true_random=False))
def test_r29_freeswitch_legs_merge_in_any_order(
    calls: list[tuple[int, str, tuple[bool, int, str] | None]], origin: bool, rng: Any
) -> None:
    """A- and B-legs in any order give the calls the rules say, every record accounted for."""
    columns = [*EXAMPLE_FS, "originating_leg_uuid"] if origin else EXAMPLE_FS
    rows = fs_rows(calls, origin)
    rng.shuffle(rows)
    text = "".join(",".join(f'"{row.get(c, "")}"' for c in columns) + "\n" for row in rows)
    reader = ca.read_pbx(io.StringIO(text), format="freeswitch", tz="UTC",
                         extensions={"204": 1}, template=columns)  # fmt: skip
    got = {call.id: (call.duration, call.manager_id, call.status, call.wait) for call in reader}
    expected: dict[str, tuple[object, ...]] = {}
    for i, (_, a_cause, b) in enumerate(calls):
        if b is not None and b[0]:  # the agent answered: its billsec, its manager
            expected[f"a{i}"] = (b[1], 1, TALKED, 3)
        elif b is not None and origin:  # linked: the agent's leg rang a manager
            expected[f"a{i}"] = (0, 1, STATUS_OF[b[2]], None)
        else:  # the A-leg alone (and a B-leg nothing links to it, a call of its own)
            expected[f"a{i}"] = (0, None, STATUS_OF[a_cause], None)
            if b is not None:
                expected[f"b{i}"] = (0, 1, STATUS_OF[b[2]], None)
    assert got == expected
    assert reader.counts.reconciles
    assert reader.counts.records == len(rows)


def test_r27_a_line_the_csv_module_cannot_read_is_rejected_and_reading_goes_on() -> None:
    """A field over the csv module's size limit: that line is rejected, the next ones read."""
    huge = '"' + "x" * 200_000 + '"'
    for fmt in ["asterisk", "freeswitch", "3cx"]:
        reader = ca.read_pbx(master(huge, cdr_line()), format=fmt, tz="UTC")
        list(reader)
        assert reader.rejected[0].line == 1, fmt
        assert "cannot be read as CSV: field larger than field limit" in (
            reader.rejected[0].message
        )
        assert reader.counts.records == 2
    header = (FIXTURES / "freepbx" / "cdr_reports_export_header.csv").read_text("utf-8")
    freepbx = ca.read_pbx(io.StringIO(header + huge + "\n"), format="freepbx", tz="UTC")
    assert list(freepbx) == []
    assert str(freepbx.rejected[0]).startswith("line 2: the line cannot be read as CSV")
    with pytest.raises(ca.InvalidValueError, match="must start with its header: the line"):
        list(ca.read_pbx(io.StringIO(huge + "\n"), format="freepbx", tz="UTC"))


def test_sniff_needs_more_than_one_sign_of_a_format() -> None:
    """A disposition word or a slash date alone does not make a file a PBX's."""
    assert sniff("a,b,c,d,e,f,g,h,i,j,k,l,m,n,BUSY,p\n") is None
    assert sniff("x,2026/11/02 10:00:00,y\n") is None
    assert sniff("x,2026/11/02 10:00:00,00:01:05\n") == "3cx"


def test_r27_read_pbx_needs_a_text_stream() -> None:
    """Not a stream: an error naming it, not a crash inside the csv module."""
    with pytest.raises(ca.InvalidTypeError, match="'stream' must be a text stream .* or lines"):
        ca.read_pbx(None, format="asterisk", tz="UTC")  # type: ignore[arg-type]
