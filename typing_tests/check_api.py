"""Static checks of the public API's types: run by mypy, never executed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import assert_type

import callanalytics as ca


def check_models(at: datetime) -> None:
    call = ca.Call("u", ca.Direction.INCOMING, at, 5, status=4)
    assert_type(call.status, ca.CallStatus | None)
    assert_type(call.card_key, tuple[ca.EntityType, ca.Id] | None)
    assert_type(call.attach(ca.Card(1, ca.EntityType.CONTACT)), ca.Call)
    assert_type(ca.Manager(1, "Anna").id, int | str)


def check_report(calls: Iterator[ca.Call], managers: list[ca.Manager]) -> None:
    report = ca.build_report(calls, managers, filter=ca.Filter(statuses=[4]))
    assert_type(report, ca.CallsReport)
    assert_type(report.rows, tuple[ca.Row, ...])
    assert_type(report.total.total_duration, int)
    assert_type(report.excluded[ca.Exclusion.PENDING], int)
    assert_type(report.add(next(calls)), ca.CallsReport)
    assert_type(report.chart().ratio(report.chart().bars[0]), float | None)
    assert_type(report.tally + report.tally, ca.Tally)
    assert_type(ca.events_list(calls), tuple[ca.Call, ...])


def check_functions() -> None:
    assert_type(ca.format_hms(5), str)
    assert_type(ca.parse_hms("00:00:05"), int)
    assert_type(ca.ceil_average(5, 2), int)
    assert_type(ca.normalize_phone("+7 912"), str)
    assert_type(ca.is_available(ca.BASE), bool)


def check_missed(calls: Iterator[ca.Call], managers: list[ca.Manager]) -> None:
    missed = ca.missed_calls(calls, managers, answered=ca.is_answered)
    assert_type(missed, ca.MissedCalls)
    assert_type(missed.rows, tuple[ca.MissedRow, ...])
    assert_type(missed.total.median_callback, float | None)
    assert_type(missed.total.service_level, float | None)
    assert_type(missed.misses, tuple[ca.Miss, ...])
    assert_type(missed.explain(next(calls)), ca.Explanation)
