"""argparse's own messages in the language of ``--lang``: usage and errors.

argparse writes its refusals itself (an unknown option, a missing file name, a choice not
offered) before the options are read, so the language is taken from the arguments first
(:func:`wanted_language`), and the parser (:class:`Parser`) renders its English messages in
that language. A message argparse words otherwise (another Python version) stays English.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, Final, NoReturn

from callanalytics._views.i18n import LANGUAGES, text

__all__ = ["Parser", "argparse_text", "wanted_language"]

_ARGUMENT: Final = re.compile(r"argument (?P<argument>\S+): (?P<message>.*)", re.DOTALL)
_MESSAGES: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"unrecognized arguments: (?P<args>.*)", "cli.args.unrecognized"),
        (r"the following arguments are required: (?P<args>.*)", "cli.args.required"),
        (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", "cli.args.choice"),
        (r"expected one argument", "cli.args.one"),
        (r"invalid \S+ value: (?P<value>.*)", "cli.args.type"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "cli.args.ambiguous"),
    )
)
"""argparse's English messages, and the key of each in the catalogue (``_views/i18n.py``)."""


def wanted_language(argv: Sequence[str]) -> str:
    """The language of ``--lang`` in *argv* (``--lang ru``, ``--lang=ru``), else English.

    Read before argparse, whose own errors come before the options are parsed; a value
    that is not a language is left for argparse to refuse.
    """
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if len(name) >= len("--la") and "--lang".startswith(name):
            chosen = value if equals else (argv[i + 1] if i + 1 < len(argv) else "")
            if chosen in LANGUAGES:
                return chosen
    return "en"


def argparse_text(message: str, lang: str) -> str:
    """argparse's *message* in *lang*; English (as it is) when the catalogue has no match."""
    if lang == "en":
        return message
    argument = _ARGUMENT.fullmatch(message)
    inner = message if argument is None else argument["message"]
    for pattern, key in _MESSAGES:
        found = pattern.fullmatch(inner)
        if found is not None:
            inner = text(key, lang, **found.groupdict())
            break
    if argument is None:
        return inner
    # An option's own refusal (a type's, already in *lang*) keeps its words.
    return text("cli.args.argument", lang, argument=argument["argument"], message=inner)


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage line and refusals are in the language *lang*."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def format_usage(self) -> str:
        """The usage line, its ``usage:`` in the parser's language."""
        usage = super().format_usage()
        if self.lang == "en":
            return usage
        return usage.replace("usage: ", text("cli.usage", self.lang), 1)

    def error(self, message: str) -> NoReturn:
        """Print the usage and the refusal in the parser's language; exit with 2."""
        self.print_usage(sys.stderr)
        refusal = text("cli.error", self.lang, error=argparse_text(message, self.lang))
        self.exit(2, f"{self.prog}: {refusal}\n")
