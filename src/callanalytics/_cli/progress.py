r"""The progress line of ``callanalytics report``: how far the reading of a long file has come.

One line on standard error, rewritten in place (``\r``) at most five times a second, and
cleared before anything else is printed, so that the report and the closing summary start on
a clean line. It is shown only when standard error is a terminal, unless ``--progress`` or
``--no-progress`` says otherwise: never in a pipe, a file or a CI log. The streaming path
reads the clock once every :data:`EVERY` calls, never once per call; the fast path (polars
reads the file in one go) shows one ``reading…`` line. See ``docs/cli.md``.

The command line is the edge of the program: reading the clock is allowed here, and only here.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Final, TextIO

from callanalytics._model.models import Call
from callanalytics._sources.read import FileCallReader
from callanalytics._views.i18n import text

__all__ = ["EVERY", "INTERVAL", "Progress"]

EVERY: Final = 8192
"""How many calls pass between two looks at the clock."""

INTERVAL: Final = 0.2
"""The least time between two updates of the line, in seconds: at most five a second."""

_PREFIX: Final = "callanalytics: "
"""What every line the command line writes on standard error starts with."""


class Progress:
    r"""The progress line on *stream*, in *lang*; nothing at all when it is not *shown*.

    *shown*: ``None`` (the default) shows it when *stream* is a terminal. *clock* gives
    seconds that only go forward (:func:`time.monotonic`); the line is updated at most once
    every *interval* seconds, the clock read once every *every* calls.

    >>> import io
    >>> progress = Progress(io.StringIO(), "en")  # not a terminal: nothing is written
    >>> progress.shown
    False
    """

    def __init__(
        self,
        stream: TextIO,
        lang: str,
        *,
        shown: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
        every: int = EVERY,
        interval: float = INTERVAL,
    ) -> None:
        self.stream = stream
        self.lang = lang
        self.shown = stream.isatty() if shown is None else shown
        self._clock = clock
        self._every = every
        self._interval = interval
        self._last = 0.0
        self._width = 0  # how many columns the line on the screen takes; 0: there is none

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A ``reading…`` line while the block runs (a file read in one go), cleared after it."""
        if self.shown:
            self._write(text("cli.reading", self.lang))
        try:
            yield
        finally:
            self.clear()

    def watch(self, reader: FileCallReader) -> Iterator[Call]:
        """The calls of *reader*; between every :data:`EVERY` of them, the line is updated.

        The calls pass through C iterators (``chain``, ``islice``): no Python code runs per
        call. The line says how many records were read and, when the reader knows it, the
        share of the file's bytes (:attr:`FileCallReader.share_read`). Not shown: *reader*
        itself.
        """
        if not self.shown:
            return reader
        self._last = self._clock()
        return itertools.chain.from_iterable(self._batches(reader))

    def _batches(self, reader: FileCallReader) -> Iterator[Iterable[Call]]:
        rest = self._every - 1
        for first in reader:
            yield (first,)
            yield itertools.islice(reader, rest)
            self._tick(reader)

    def _tick(self, reader: FileCallReader) -> None:
        now = self._clock()
        if now - self._last < self._interval:
            return
        self._last = now
        count = reader.counts.records
        share = reader.share_read
        if share is None:
            self._write(text("cli.progress", self.lang, count=count))
        else:
            self._write(text("cli.progress_share", self.lang, count=count, share=int(share * 100)))

    def _write(self, line: str) -> None:
        """*line* over the one on the screen: spaces cover what the old one had beyond it."""
        line = _PREFIX + line
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = max(self._width, len(line))

    def clear(self) -> None:
        """Blank the line and put the cursor at its start, if a line was written."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
