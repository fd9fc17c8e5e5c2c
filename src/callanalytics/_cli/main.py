"""The command line: ``callanalytics demo`` and ``callanalytics report FILE``; it alone prints.

The command line is the edge of the library: it reads files and, unless ``--now`` is given, the
clock. ``docs/cli.md`` describes every option; keep the two in step.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Final, TextIO

from callanalytics._model.models import Manager
from callanalytics._model.period import PRESET_NAMES
from callanalytics._model.text import parse_int, parse_zone
from callanalytics._rules.filter import Filter
from callanalytics._sources.fast import report_of_csv
from callanalytics._sources.files import (
    BadRecord,
    InputFormat,
    managers_named_by_id,
    read_calls,
    read_managers,
)
from callanalytics._sources.sample import iter_sample_calls, sample_account
from callanalytics._views.export import FIELDS
from callanalytics._views.i18n import LANGUAGES, text
from callanalytics._views.report import CallsReport, build_report
from callanalytics.exceptions import CallAnalyticsError, InvalidValueError

__all__ = ["SHOWN_BAD_RECORDS", "main"]

SHOWN_BAD_RECORDS: Final = 20
"""How many bad records ``report`` prints one by one; the rest are only counted."""

EXIT_OK: Final = 0
EXIT_BAD_RECORDS: Final = 1
EXIT_ERROR: Final = 2


def _whole_number(text: str) -> int:
    """A whole-number option, read as the library reads every whole number in text."""
    try:
        return parse_int("value", text)
    except InvalidValueError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("'value' ")) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callanalytics",
        description="The calls analytics report of a CRM account.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="print the report of the built-in sample account",
        description="Print the calls report of a built-in, deterministic sample account.",
    )
    demo.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
    demo.add_argument(
        "--size", type=_whole_number, default=400, help="number of calls (default: 400)"
    )
    demo.add_argument("--seed", type=_whole_number, default=0, help="random seed (default: 0)")
    _report_parser(commands)
    return parser


def _report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="print the report of a CSV, JSON or JSON Lines file of calls",
        description=(
            "Print the calls report of a file of calls. Bad records are reported on stderr "
            "and skipped; the exit code is 0 when every record was read, 1 when some were "
            "skipped, 2 when there is no report. See docs/cli.md."
        ),
    )
    report.add_argument("file", metavar="FILE", help="the calls: .csv, .json, .jsonl or .ndjson")
    report.add_argument(
        "--input-format",
        choices=("csv", "json", "jsonl"),
        help="the format of FILE (default: from its suffix)",
    )
    report.add_argument(
        "--managers",
        metavar="FILE",
        help="the account's managers: id,name,group,active (default: every manager id of the "
        "calls, named by its id)",
    )
    when = report.add_argument_group("date filter (local days of --tz)")
    when.add_argument(
        "--period",
        choices=PRESET_NAMES,
        metavar="NAME",
        help=f"a ready-made period: {', '.join(PRESET_NAMES)}",
    )
    when.add_argument("--from", dest="first", metavar="DATE", help="first day, YYYY-MM-DD")
    when.add_argument("--to", dest="last", metavar="DATE", help="last day, included")
    when.add_argument("--tz", default="UTC", help="the account's timezone (default: UTC)")
    when.add_argument(
        "--now",
        metavar="ISO",
        help="the current moment, ISO 8601; without an offset, a wall time of --tz "
        "(default: the clock)",
    )
    which = report.add_argument_group("filters (each takes a comma-separated list or repeats)")
    which.add_argument("--entity", action="append", help="contacts, companies")
    which.add_argument("--manager-ids", action="append", metavar="IDS", help="manager ids")
    which.add_argument(
        "--status",
        "--statuses",
        dest="status",
        action="append",
        metavar="STATUSES",
        help="call status codes 1..7 or names (talked, busy, ...)",
    )
    which.add_argument("--direction", action="append", help="inbound, outbound")
    which.add_argument("--min-duration", metavar="SECONDS", help="seconds or HH:MM:SS")
    which.add_argument("--max-duration", metavar="SECONDS", help="seconds or HH:MM:SS")
    out = report.add_argument_group("output")
    out.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
    out.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table (default), or the rows as CSV or JSON",
    )


def _demo(args: argparse.Namespace) -> int:
    account = sample_account(0, seed=args.seed)  # its managers and cards; calls streamed
    calls = iter_sample_calls(args.size, seed=args.seed, cards=account.cards, now=account.now)
    report = build_report(calls, account.managers, cards=account.cards, now=account.now)
    local = account.now.astimezone(parse_zone("tz", account.tz))
    print(text("report_at", args.lang, now=f"{local:%Y-%m-%d %H:%M}", tz=account.tz) + "\n")
    print(report.table(lang=args.lang))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# report FILE: options


def _now(value: str | None, zone: tzinfo) -> datetime:
    """``--now``, or the clock: the command line is the edge, where reading it is allowed."""
    if value is None:
        return datetime.now(UTC).astimezone(zone)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        msg = f"'--now' must be an ISO 8601 date and time (got {value!r})."
        raise InvalidValueError(msg) from None
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    try:
        moment.astimezone(UTC)  # the report measures the grace window in UTC
    except OverflowError:
        msg = f"'--now' must be an instant between years 1 and 9999 in UTC (got {value!r})."
        raise InvalidValueError(msg) from None
    return moment


def _query(args: argparse.Namespace) -> dict[str, str | list[str]]:
    """The filter options as the query parameters of :meth:`Filter.from_query`."""
    query: dict[str, str | list[str]] = {}
    for name, value in (
        ("period", args.period),
        ("from", args.first),
        ("to", args.last),
        ("entity", args.entity),
        ("managers", args.manager_ids),
        ("statuses", args.status),
        ("min_duration", args.min_duration),
        ("max_duration", args.max_duration),
        ("direction", args.direction),
    ):
        if value is not None:
            query[name] = value
    return query


def _filter(args: argparse.Namespace, *, now: datetime, zone: tzinfo) -> Filter | None:
    """The report's filter from the options, read as :meth:`Filter.from_query` reads a UI's.

    ``None`` when no filter option is given.
    """
    flt = Filter.from_query(_query(args), now=now, tz=zone)
    return None if flt.is_empty else flt


# ---------------------------------------------------------------------------------------------
# report FILE: bad records, output


class _BadRecords:
    """Counts the bad records and prints the first :data:`SHOWN_BAD_RECORDS` to stderr."""

    def __init__(self, lang: str, stream: TextIO) -> None:
        self.lang = lang
        self.stream = stream
        self.count = 0

    def __call__(self, bad: BadRecord) -> None:
        self.count += 1
        if self.count <= SHOWN_BAD_RECORDS:
            line = text("cli.bad_record", self.lang, line=bad.line, error=bad.message)
            print(f"callanalytics: {line}", file=self.stream)

    def summary(self) -> None:
        if self.count > SHOWN_BAD_RECORDS:
            more = text("cli.more_bad_records", self.lang, count=self.count - SHOWN_BAD_RECORDS)
            print(f"callanalytics: {more}", file=self.stream)
        if self.count:
            done = text("cli.bad_records", self.lang, count=self.count)
            print(f"callanalytics: {done}", file=self.stream)


def _ignore(bad: BadRecord) -> None:
    """Skip a bad record silently (the pass that only collects manager ids)."""


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _shown_path(name: str) -> str:
    r"""*name* as text any terminal prints: bytes that are not UTF-8 show as ``\xff``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _print_report(report: CallsReport, args: argparse.Namespace, now: datetime) -> None:
    lang = args.lang
    if args.format == "json":
        print(json.dumps(report.to_dicts(lang=lang), ensure_ascii=False, indent=2))
        return
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(FIELDS)
        for record in report.to_dicts(lang=lang):
            fields: Mapping[str, object] = record
            writer.writerow([_cell(fields[field]) for field in FIELDS])
        return
    period = None if report.filter is None else report.filter.period
    print(f"{text('title', lang)}: {_shown_path(args.file)}")
    print(f"{text('cli.period', lang)}: {text('cli.all_time', lang) if period is None else period}")
    print(f"{text('cli.now', lang)}: {now.isoformat(timespec='seconds')} ({args.tz})\n")
    print(report.table(lang=lang))


def _report(args: argparse.Namespace) -> int:
    zone = parse_zone("--tz", args.tz)
    now = _now(args.now, zone)
    flt = _filter(args, now=now, zone=zone)
    path = Path(args.file)
    form: InputFormat | None = args.input_format
    fast = report_of_csv(path, format=form, managers=args.managers, filter=flt, now=now)
    if fast is not None:  # the columnar engine read every record: none was bad
        _print_report(fast, args, now.astimezone(zone))
        return EXIT_OK
    managers: tuple[Manager, ...]
    if args.managers is not None:
        managers = read_managers(args.managers)
    else:  # a first pass over the file, for the manager ids
        managers = managers_named_by_id(read_calls(path, format=form, on_error=_ignore))
    bad = _BadRecords(args.lang, sys.stderr)
    report = build_report(
        read_calls(path, format=form, on_error=bad), managers, filter=flt, now=now
    )
    _print_report(report, args, now.astimezone(zone))
    bad.summary()
    return EXIT_BAD_RECORDS if bad.count else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code.

    ``0``: done; ``1`` (``report``): done, but some records were bad and skipped; ``2``: an
    error, no report.
    """
    args = _parser().parse_args(argv)
    try:
        if args.command == "report":
            return _report(args)
        return _demo(args)
    except CallAnalyticsError as error:
        print(f"callanalytics: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader left (`| head`): stop quietly, like other tools
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        print(f"callanalytics: error: {error}", file=sys.stderr)
        return EXIT_ERROR
