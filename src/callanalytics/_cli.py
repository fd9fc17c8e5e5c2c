"""The command line: ``python -m callanalytics demo``. The only place that prints."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._i18n import LANGUAGES, text
from ._report import build_report
from ._sample import sample_account
from ._tariffs import TARIFFS
from .exceptions import CallAnalyticsError

__all__ = ["main"]


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
    demo.add_argument("--size", type=int, default=400, help="number of calls (default: 400)")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    return parser


def _demo(args: argparse.Namespace) -> int:
    account = sample_account(args.size, seed=args.seed)
    report = build_report(
        account.calls, account.managers, cards=account.cards, now=account.now, tariff=TARIFFS[-1]
    )
    title = text("title", args.lang)
    print(f"{title}: {account.now.isoformat()} ({account.tz})\n")
    print(report.table(lang=args.lang))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _demo(args)
    except CallAnalyticsError as error:
        print(f"callanalytics: error: {error}", file=sys.stderr)
        return 2
