"""Regression tests for what the reliability pass found (``docs/reliability.md``).

Each test names the defect it pins; the fuzz suite (``tests/fuzz``) looks for more.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import callanalytics as ca

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def test_from_query_with_many_unknown_names_lists_a_few_and_counts_the_rest() -> None:
    """Quadratic `Filter.from_query`: 100,000 unknown names take linear time; six are listed."""
    query = {f"p{i:06d}": "x" for i in range(100_000)}
    with pytest.raises(ca.InvalidValueError) as caught:
        ca.Filter.from_query(query, now=NOW, tz="UTC")
    message = str(caught.value)
    assert message.endswith(
        "(got unknown 'p000000', 'p000001', 'p000002', 'p000003', 'p000004', 'p000005' "
        "and 99994 more)."
    )


def test_from_query_ignores_many_names_passed_in_ignore() -> None:
    """Names passed in `ignore` are looked up in a set: 100,000 of them are fine."""
    names = [f"utm_{i}" for i in range(100_000)]
    query = dict.fromkeys(names, "x") | {"period": "today"}
    flt = ca.Filter.from_query(query, now=NOW, tz="UTC", ignore=names)
    assert flt.period == ca.Period.preset("today", now=NOW, tz=UTC)
