"""Which engine takes a value: a data frame goes to the columnar engine, anything else is calls."""

from __future__ import annotations

from typing import Final

__all__ = ["FRAME_LIBRARIES", "is_dask", "is_frame"]

FRAME_LIBRARIES: Final = frozenset(
    {"pandas", "polars", "pyarrow", "duckdb", "dask", "modin", "cudf", "ibis", "sqlframe"}
)
"""The libraries whose frames the columnar engine takes (those narwhals supports)."""


def is_frame(value: object) -> bool:
    """Whether *value* is a data frame (or lazy frame) of a library the engine takes.

    By the module of its type, so that nothing is imported to find out.

    >>> is_frame([1, 2]), is_frame(None)
    (False, False)
    """
    return type(value).__module__.partition(".")[0] in FRAME_LIBRARIES


def is_dask(value: object) -> bool:
    """Whether *value* is a Dask collection (a DataFrame, a Bag…), reported partition by partition.

    By the module of its type and Dask's collection protocol, so that Dask is never imported
    for a value that does not come from it.

    >>> is_dask([1, 2]), is_dask("dask")
    (False, False)
    """
    module = type(value).__module__.partition(".")[0]
    return module == "dask" and hasattr(value, "__dask_graph__")
