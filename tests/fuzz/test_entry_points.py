r"""Fuzz every public entry point with hostile arguments (``docs/reliability.md``).

Each entry of :data:`tests.fuzz.entries.ENTRIES` is called with generated arguments; it may
return anything, or raise the library's own error: a :class:`~callanalytics.CallAnalyticsError`
that is also the right built-in (``TypeError`` for a wrong type, ``ValueError`` for a wrong
value, ``LookupError`` for a missing feature) and whose short message names the field. Any
other exception — a bare built-in, a ``RecursionError``, an error raised while building the
message — fails the test, and Hypothesis shrinks it to the smallest example.

The short run (in the suite) tries :data:`EXAMPLES` examples per entry point; the deep run
sets ``CALLANALYTICS_FUZZ_EXAMPLES`` (``docs/reliability.md`` gives the command), and
``CALLANALYTICS_FUZZ_ONLY`` the entry points to run, by exact name, separated by commas
(``pytest -k`` takes no name with a space, and matches substrings: ``-k Call`` picks eight)::

    CALLANALYTICS_FUZZ_EXAMPLES=10000 CALLANALYTICS_FUZZ_ONLY="Call,report views" \
        PYTHONPATH=src python -m pytest tests/fuzz -p no:cacheprovider --no-cov -s
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from traceback import extract_tb
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.errors import UnsatisfiedAssumption

import callanalytics as ca
from callanalytics._kit.checks import shown
from tests.fuzz.entries import ENTRIES, Entry

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")

EXAMPLES = int(os.environ.get("CALLANALYTICS_FUZZ_EXAMPLES", "20"))
"""Examples per entry point: few in the suite, 10,000 or more in the deep run."""
DEEP = EXAMPLES >= 10_000
"""The deep run gives every entry point all its examples; the short run spares slow ones."""
LONGEST_MESSAGE = 2_000
"""No message is longer than this, whatever the value (``checks.shown`` bounds each)."""
ONLY = [name.strip() for name in os.environ.get("CALLANALYTICS_FUZZ_ONLY", "").split(",")]
"""The entry points to run, by name (``CALLANALYTICS_FUZZ_ONLY``); none named: all of them."""
_FIELD = re.compile(r"'[^'\s]+'")
"""A quoted field name, as every message has one: ``'duration' must be >= 0``."""
_BUILT_IN: dict[type[Exception], type[Exception]] = {
    ca.InvalidTypeError: TypeError,
    ca.InvalidValueError: ValueError,
    ca.FeatureUnavailableError: LookupError,
    ca.MissingExtraError: ImportError,
}


def check_error(error: ca.CallAnalyticsError) -> None:
    """*error* is one of the library's kinds, subclasses its built-in and names a field."""
    kinds = [kind for kind in _BUILT_IN if isinstance(error, kind)]
    assert kinds, f"{type(error).__name__} is not one of the library's kinds of error"
    assert all(isinstance(error, _BUILT_IN[kind]) for kind in kinds)
    message = str(error)
    assert len(message) <= LONGEST_MESSAGE, message[:200]
    assert _FIELD.search(message), message


def outcome(entry: Entry, arguments: Any) -> bool:
    """Call *entry*: it returns (``True``), or raises the library's error (checked, ``False``)."""
    try:
        entry.call(arguments)
    except ca.CallAnalyticsError as error:
        check_error(error)
        return False
    except UnsatisfiedAssumption:  # no example: the harness could not build its input
        raise
    except Exception as error:
        # Shown bounded, here: Hypothesis cannot print a 5,000-digit int or a broken repr.
        where = [
            f"{f.filename.rsplit('/src/', 1)[-1]}:{f.lineno}"
            for f in extract_tb(error.__traceback__)
        ]
        origin = next((w for w in reversed(where) if w.startswith("callanalytics/")), "?")
        msg = (
            f"{entry.name}: {type(error).__name__} at {origin}: {shown(error)} "
            f"for {shown(arguments)}"
        )
        raise AssertionError(msg) from error
    return True


def selected(entries: list[Entry], only: list[str]) -> list[Entry]:
    """The entries named in *only* (all of them if it names none); an unknown name is an error."""
    names = [name for name in only if name]
    unknown = sorted(set(names) - {entry.name for entry in entries})
    if unknown:
        msg = f"CALLANALYTICS_FUZZ_ONLY names no entry point: {', '.join(unknown)}"
        raise ValueError(msg)
    return [entry for entry in entries if not names or entry.name in names]


SELECTED = selected(ENTRIES, ONLY)


@pytest.mark.parametrize("entry", SELECTED, ids=[entry.name for entry in SELECTED])
def test_hostile_arguments_end_in_a_result_or_the_librarys_error(entry: Entry) -> None:
    """Every public entry point, given hostile values, returns or raises a named, typed error."""
    tried = Counter[bool]()
    started = time.perf_counter()

    @settings(
        max_examples=EXAMPLES if DEEP else max(1, int(EXAMPLES * entry.weight)),
        deadline=None,
        database=None,
        derandomize=not DEEP,  # the suite's short run is the same every time
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        phases=[Phase.generate, Phase.shrink],
    )
    @given(arguments=entry.arguments)
    def run(arguments: Any) -> None:
        try:
            tried[outcome(entry, arguments)] += 1
        except UnsatisfiedAssumption:  # no example, no failure
            raise
        except Exception as error:
            if not failed:  # printed at once: Hypothesis may fail to print an odd example
                # the harness's own messages are built bounded; another error's may not be
                whole = isinstance(error, AssertionError)
                failed.append(str(error)[:2000] if whole else shown(error))
                print(f"{entry.name}: the first failure: {failed[0]}")
            raise

    failed: list[str] = []
    run()
    took = time.perf_counter() - started
    print(  # the deep run's counts, with pytest -s
        f"\nfuzz {entry.name}: {tried.total()} examples, {tried[True]} returned, "
        f"{tried[False]} refused with the library's error, in {took:.1f} s "
        f"({1000 * took / max(1, tried.total()):.1f} ms each)"
    )


def test_the_table_has_one_entry_per_name() -> None:
    """Entry names are unique, so that the deep run's counts can be told apart."""
    names = [entry.name for entry in ENTRIES]
    assert len(names) == len(set(names))


def test_only_selects_entry_points_by_name() -> None:
    """CALLANALYTICS_FUZZ_ONLY keeps the entries it names, in the table's order; none: all."""
    assert selected(ENTRIES, [""]) == ENTRIES
    chosen = selected(ENTRIES, ["report views", "", "Call"])
    assert [entry.name for entry in chosen] == ["Call", "report views"]
    with pytest.raises(ValueError, match="names no entry point: Nope"):
        selected(ENTRIES, ["Call", "Nope"])


def test_the_check_refuses_an_error_without_a_field() -> None:
    """The checker is not vacuous: a library error whose message names no field fails it."""
    with pytest.raises(AssertionError, match="no field"):
        check_error(ca.InvalidValueError("no field"))


def test_the_check_refuses_a_bare_built_in() -> None:
    """The checker is not vacuous: a bare built-in is reported with where it was raised."""
    with pytest.raises(AssertionError, match=r"bare: ValueError at \?: .*'f' bare.* for None"):
        outcome(Entry("bare", st.none(), _raise), None)


def _raise(arguments: object) -> None:
    raise ValueError("'f' bare")
