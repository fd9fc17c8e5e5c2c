r"""Functions generated from source text, registered with :mod:`linecache` as attrs does.

Two hot paths are generated from the specs that define them: the ``__init__`` of a call (from
its fields, :mod:`callanalytics._model.schema`) and the report's loop (from the routing steps,
:mod:`callanalytics._rules.routing`). The source of each is kept in :mod:`linecache` under a
file name of its own, so that tracebacks, ``inspect.getsource`` and debuggers show the code
that runs, line by line.

>>> double = generate("def double(x):\n    return 2 * x\n", "double", {})
>>> double(21), double.__code__.co_filename
(42, '<callanalytics generated double>')
>>> import inspect
>>> print(inspect.getsource(double), end="")
def double(x):
    return 2 * x
"""

from __future__ import annotations

import itertools
import linecache
from collections.abc import Callable
from typing import Any, Final

__all__ = ["generate"]

_COUNTER: Final = itertools.count()


def _filename(name: str) -> str:
    """A file name no other generated source has: the name, numbered from the second on."""
    base = f"<callanalytics generated {name}>"
    filename = base
    while filename in linecache.cache:
        filename = f"{base[:-1]} #{next(_COUNTER)}>"
    return filename


def generate(
    source: str, name: str, namespace: dict[str, Any], *, label: str | None = None
) -> Callable[..., Any]:
    """Compile *source*, which defines the function *name*, in *namespace* and return it.

    The names the source uses come from *namespace*; nothing of the caller's is visible. The
    source is registered with :mod:`linecache` first, under a file name made of *label*
    (default: *name*), so that it shows in every traceback.
    """
    filename = _filename(label or name)
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    exec(compile(source, filename, "exec"), namespace)
    function: Callable[..., Any] = namespace[name]
    return function
