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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Final, TextIO

from callanalytics._cli.args import Parser, wanted_language
from callanalytics._cli.progress import Progress
from callanalytics._kit import checks
from callanalytics._model.enums import Exclusion
from callanalytics._model.models import Call, Card, Id, Manager
from callanalytics._model.period import PRESET_NAMES
from callanalytics._model.tariffs import PROFESSIONAL
from callanalytics._model.text import parse_int, parse_zone
from callanalytics._rules.filter import Filter
from callanalytics._rules.routing import Routing
from callanalytics._rules.steps import Dimension
from callanalytics._sources.fast import report_of_csv
from callanalytics._sources.files import (
    read_cards,
    read_extensions,
    read_managers,
)
from callanalytics._sources.read import FORMATS, FileCallReader, read_calls
from callanalytics._sources.reading import ReadCounts
from callanalytics._sources.sample import iter_sample_calls, sample_account
from callanalytics._views.export import FIELDS, csv_cell
from callanalytics._views.i18n import LANGUAGES, error_text, text
from callanalytics._views.report import CallsReport, build_report
from callanalytics.exceptions import CallAnalyticsError, InvalidValueError

__all__ = ["SHOWN_BAD_RECORDS", "main"]

SHOWN_BAD_RECORDS: Final = 20
"""How many bad records ``report`` prints one by one; the rest are only counted."""

EXIT_OK: Final = 0
EXIT_BAD_RECORDS: Final = 1
EXIT_ERROR: Final = 2


def _whole_number(lang: str) -> Callable[[str], int]:
    """A whole-number option, read as the library reads every whole number in text."""

    def whole(text: str) -> int:
        try:
            return parse_int("value", text)
        except InvalidValueError as error:
            refusal = error_text(error, lang)  # "'value' must be …" / "'value': ожидается …"
            raise argparse.ArgumentTypeError(refusal.removeprefix("'value'").lstrip(": ")) from None

    return whole


def _parser(lang: str = "en") -> argparse.ArgumentParser:
    """The parser of the command line; its own usage and refusals in *lang*."""
    parser = Parser(
        lang=lang,
        prog="callanalytics",
        description="The calls analytics report of a CRM account.",
    )
    from callanalytics import __version__

    parser.add_argument("--version", action="version", version=f"callanalytics {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        lang=lang,
        help="print the report of the built-in sample account",
        description="Print the calls report of a built-in, deterministic sample account.",
    )
    demo.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
    demo.add_argument(
        "--size", type=_whole_number(lang), default=400, help="number of calls (default: 400)"
    )
    demo.add_argument(
        "--seed", type=_whole_number(lang), default=0, help="random seed (default: 0)"
    )
    _report_parser(commands, lang)
    return parser


def _report_parser(commands: argparse._SubParsersAction[Parser], lang: str) -> None:
    report = commands.add_parser(
        "report",
        lang=lang,
        help="print the report of a CSV, JSON or JSON Lines file of calls",
        description=(
            "Print the calls report of a file of calls. Bad records are reported on stderr "
            "and skipped; the exit code is 0 when every record was read, 1 when some were "
            "skipped, 2 when there is no report. See docs/cli.md."
        ),
    )
    report.add_argument(
        "file", metavar="FILE", help="the calls (.csv, .json, .jsonl, ...), or - for stdin"
    )
    report.add_argument(  # checked by the library, so that its refusal speaks --lang
        "--input-format",
        metavar="FORMAT",
        help=f"the format of FILE: {', '.join(FORMATS)} (default: from its suffix and content)",
    )
    report.add_argument(
        "--encoding", help="the encoding of FILE (default: a BOM's, UTF-8, else cp1251)"
    )
    report.add_argument(
        "--cards",
        metavar="FILE",
        help="the account's contacts and companies: id,entity_type,name,phones,manager_id",
    )
    report.add_argument(
        "--extensions", metavar="FILE", help="PBX extension → manager: extension,manager_id"
    )
    pbx = report.add_argument_group("PBX records (see docs/pbx.md)")
    pbx.add_argument(
        "--usegmtime",
        action="store_true",
        help="Asterisk / FreePBX: the times are UTC (cdr.conf usegmtime=yes)",
    )
    pbx.add_argument(
        "--template",
        metavar="TEMPLATE",
        help="FreeSWITCH: the mod_cdr_csv template the file was written with",
    )
    pbx.add_argument(
        "--fields", metavar="NAMES", help="3CX: the CDR's fields, comma-separated, in order"
    )
    report.add_argument(
        "--no-dedupe",
        action="store_true",
        help="keep calls whose id came before (flat memory; default: count them as duplicates)",
    )
    report.add_argument(
        "--managers",
        metavar="FILE",
        help="the account's managers: id,name,group,active (default: every manager id of the "
        "calls, named by its id)",
    )
    when = report.add_argument_group("date filter (local days of --tz)")
    when.add_argument(  # checked by Filter.from_query, in the words of --lang
        "--period",
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
    out.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        help="a progress line on stderr while the file is read (default: if stderr is a terminal)",
    )


def _demo(args: argparse.Namespace) -> int:
    account = sample_account(0, seed=args.seed)  # its managers and cards; calls streamed
    calls = iter_sample_calls(args.size, seed=args.seed, cards=account.cards, now=account.now)
    local = account.now.astimezone(parse_zone("tz", account.tz))  # "now" in the account's zone
    report = build_report(calls, account.managers, cards=account.cards, now=local)
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
        raise checks.value_error("--now", "be an ISO 8601 date and time", value) from None
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    try:
        moment.astimezone(UTC)  # the report measures the grace window in UTC
    except OverflowError:
        must = "be an instant between years 1 and 9999 in UTC"
        raise checks.value_error("--now", must, value) from None
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


def _summary(reader: FileCallReader, lang: str, stream: TextIO) -> None:
    """What became of every record (R27), and the first rejected ones with their lines."""
    for rejected in reader.rejected[:SHOWN_BAD_RECORDS]:
        problem = rejected.message if rejected.error is None else error_text(rejected.error, lang)
        line = text("cli.bad_record", lang, line=rejected.line, error=problem)
        print(f"callanalytics: {line}", file=stream)
    _counts(reader.counts, lang, stream)


def _counts(counts: ReadCounts, lang: str, stream: TextIO) -> None:
    """How many records were read, and what each became (R27)."""
    if counts.rejected > SHOWN_BAD_RECORDS:
        more = text("cli.more_bad_records", lang, count=counts.rejected - SHOWN_BAD_RECORDS)
        print(f"callanalytics: {more}", file=stream)
    if counts.rejected:
        print(f"callanalytics: {text('cli.bad_records', lang, count=counts.rejected)}", file=stream)
    done = text(
        "cli.summary",
        lang,
        records=counts.records,
        calls=counts.calls,
        merged=counts.merged_legs,
        internal=counts.internal,
        duplicates=counts.duplicates,
        rejected=counts.rejected,
    )
    print(f"callanalytics: {done}", file=stream)


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
            writer.writerow([csv_cell(fields[field]) for field in FIELDS])
        return
    period = None if report.filter is None else report.filter.period
    print(f"{text('title', lang)}: {_shown_path(args.file)}")
    print(f"{text('cli.period', lang)}: {text('cli.all_time', lang) if period is None else period}")
    print(f"{text('cli.now', lang)}: {now.isoformat(timespec='seconds')} ({args.tz})\n")
    print(report.table(lang=lang))


def build(
    calls: Iterable[Call],
    managers: tuple[Manager, ...] | None,
    *,
    cards: tuple[Card, ...] | None,
    flt: Filter | None,
    now: datetime,
) -> CallsReport:
    """The report of *calls*, read once: the one place the command line builds it.

    Without *managers*, every manager id of the calls is a manager, named by its id: the
    known-manager step (R13) is left out of the routing, which then excludes no call for it,
    and the ids are collected as the calls pass, in the same pass. The reader has already
    dropped the duplicates (R28).
    """
    if managers is not None:
        return build_report(calls, managers, cards=cards, filter=flt, now=now, duplicates=False)
    selected = () if flt is None or flt.manager_ids is None else tuple(flt.manager_ids)
    routing = Routing(_named(selected), cards=cards, filter=flt, now=now, duplicates=False)
    routing.steps = routing.steps[1:]  # every manager is known: no call fails R13
    seen: set[Id] = set()
    tally = routing.tally(_noting_managers(calls, seen), (_ONE_CELL,))  # cells as they come
    ids = {*selected, *seen}
    final = Routing(_named(ids), cards=routing.cards, filter=flt, now=now, duplicates=False)
    return CallsReport.from_tally(tally, final, PROFESSIONAL)


def _noting_managers(calls: Iterable[Call], seen: set[Id]) -> Iterator[Call]:
    """The calls, each manager id among them added to *seen* as it passes (one pass)."""
    for call in calls:
        if call.manager_id is not None:
            seen.add(call.manager_id)
        yield call


_ONE_CELL: Final = Dimension("one", lambda call: None, "None")
"""A dimension of one value: the loop then makes each manager's cell as it first comes."""


def _named(ids: Iterable[Id]) -> tuple[Manager, ...]:
    ordered = sorted(
        set(ids), key=lambda i: (isinstance(i, str), i if isinstance(i, int) else 0, str(i))
    )
    return tuple(Manager(i, str(i)) for i in ordered)


_OPTIONS: Final = {
    "'min_duration'": "'--min-duration'",
    "'max_duration'": "'--max-duration'",
    "'managers'": "'--manager-ids'",
    "'manager_ids'": "'--manager-ids'",
    "'statuses'": "'--status'",
    "'entity'": "'--entity'",
    "'direction'": "'--direction'",
    "'period'": "'--period'",
    "'from'": "'--from'",
    "'to'": "'--to'",
    "'tz'": "'--tz'",
    "'now'": "'--now'",
    "'encoding'": "'--encoding'",
    "'format'": "'--input-format'",
    "'usegmtime'": "'--usegmtime'",
    "'template'": "'--template'",
    "'fields'": "'--fields'",
}
"""The library's parameter names in messages → the options the user typed."""


def _as_typed(message: str) -> str:
    """*message* with the library's parameter names as the options typed, if it is about one.

    A message about an option starts with its name (``'period' must be …``); one about the
    input (``line 1: the column 'direction' is required …``) names columns and fields of the
    file, which keep their names.
    """
    if not message.startswith(tuple(_OPTIONS)):
        return message
    for name, option in _OPTIONS.items():
        message = message.replace(name, option)
    return message


class _OptionError(InvalidValueError):
    """An error of the library, with its parameters named as the options the user typed."""

    def __init__(self, error: CallAnalyticsError) -> None:
        super().__init__(_as_typed(str(error)))
        self.error = error

    def text(self, lang: str) -> str:
        """The message in *lang*, the options named as typed."""
        return _as_typed(error_text(self.error, lang))


def _error_line(error: Exception, lang: str) -> str:
    """What the command line prints for *error*, in *lang*: ``callanalytics: error: …``."""
    message = error.text(lang) if isinstance(error, _OptionError) else error_text(error, lang)
    return f"callanalytics: {text('cli.error', lang, error=message)}"


def _source(name: str) -> object:
    return sys.stdin.buffer if name == "-" else Path(name)


def _fast(
    args: argparse.Namespace, flt: Filter | None, now: datetime, progress: Progress
) -> CallsReport | None:
    """The report through the columnar engine, when it can give exactly the streamed one.

    Only a CSV file of the library's own columns, every record a call, none repeated, and
    no option the columnar path does not take (cards, extensions, an encoding, no dedupe);
    anything else (``None``) is streamed, with the same report, messages and exit code.
    """
    plain = args.cards is None and args.extensions is None and not args.no_dedupe
    plain = plain and not _pbx_options(args)
    if not plain or args.file == "-" or args.encoding not in (None, "utf-8"):
        return None
    with progress.reading():  # read in one go: no count to show
        report = report_of_csv(
            args.file, format=args.input_format, managers=args.managers, filter=flt, now=now
        )
    if report is None or report.excluded[Exclusion.DUPLICATE]:
        return None  # duplicates are dropped by the reader when streamed, and counted there
    return report


def _pbx_options(args: argparse.Namespace) -> dict[str, object]:
    """The PBX options the user typed, as ``read_calls`` takes them."""
    options: dict[str, object] = {}
    if args.usegmtime:
        options["usegmtime"] = True
    if args.template is not None:
        options["template"] = args.template
    if args.fields is not None:
        options["fields"] = [name.strip() for name in args.fields.split(",")]
    return options


def _report(args: argparse.Namespace) -> int:
    try:
        if args.input_format is not None:
            checks.member(args.input_format, "format", FORMATS)
        zone = parse_zone("--tz", args.tz)
        now = _now(args.now, zone)
        flt = _filter(args, now=now, zone=zone)
    except CallAnalyticsError as error:
        raise _OptionError(error) from None
    progress = Progress(sys.stderr, args.lang, shown=args.progress)
    fast = _fast(args, flt, now, progress)
    if fast is not None:
        _print_report(fast, args, now.astimezone(zone))
        _counts(ReadCounts(records=fast.calls, calls=fast.calls), args.lang, sys.stderr)
        return EXIT_OK
    managers = None if args.managers is None else read_managers(args.managers)
    cards = None if args.cards is None else read_cards(args.cards)
    extensions = None if args.extensions is None else read_extensions(args.extensions)
    try:
        reader = read_calls(
            _source(args.file),  # type: ignore[arg-type]
            format=args.input_format,
            encoding=args.encoding,
            tz=zone,
            extensions=extensions,
            duplicates=not args.no_dedupe,
            managers=managers,
            **_pbx_options(args),
        )
    except CallAnalyticsError as error:
        raise _OptionError(error) from None
    try:
        report = build(progress.watch(reader), managers, cards=cards, flt=flt, now=now)
    except CallAnalyticsError as error:
        raise _OptionError(error) from None
    finally:
        progress.clear()  # before the report, the summary or an error
        reader.close()
    _print_report(report, args, now.astimezone(zone))
    _summary(reader, args.lang, sys.stderr)
    return EXIT_BAD_RECORDS if reader.counts.rejected else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code.

    ``0``: done; ``1`` (``report``): done, but some records were bad and skipped; ``2``: an
    error, no report.
    """
    args = _parser(wanted_language(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    try:
        if args.command == "report":
            return _report(args)
        return _demo(args)
    except CallAnalyticsError as error:
        print(_error_line(error, args.lang), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader left (`| head`): stop quietly, like other tools
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        print(_error_line(error, args.lang), file=sys.stderr)
        return EXIT_ERROR
