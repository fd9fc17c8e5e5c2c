"""Tariffs gate the view, never the data (R5, R23–R25)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import callanalytics as ca

OLD = datetime(2019, 3, 1, 12, 0, tzinfo=UTC)
ANNA = ca.Manager(1, "Anna")


def test_r5_built_in_catalogue() -> None:
    """Base has no calls report; Extended and Professional have it; all have the events list."""
    assert [t.name for t in ca.TARIFFS] == ["Базовый", "Расширенный", "Профессиональный"]
    assert [ca.is_available(t) for t in ca.TARIFFS] == [False, True, True]
    assert all(ca.is_available(t, ca.EVENTS_LIST) for t in ca.TARIFFS)


def test_r5_custom_tariff() -> None:
    """Hosts define their own tariffs with the feature names."""
    custom = ca.Tariff("Startup", [ca.CALLS_REPORT])
    assert ca.is_available(custom)
    assert custom.features == frozenset({"calls_report"})
    assert not ca.is_available(ca.Tariff("Free"))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"name": ""}, ca.InvalidValueError, "'name' must be a non-empty string"),
        ({"name": "X", "features": [1]}, ca.InvalidValueError, "'features' must hold"),
        ({"name": "X", "features": 5}, ca.InvalidTypeError, "'features' must be an iterable"),
    ],
)
def test_r5_bad_tariff_is_rejected(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """A tariff needs a name and string features."""
    with pytest.raises(error, match=message):
        ca.Tariff(**kwargs)  # type: ignore[arg-type]


def test_r23_report_on_base_names_the_tariff_and_the_fallback() -> None:
    """Asking for the report on Base is an error naming the tariff and the events list."""
    with pytest.raises(ca.FeatureUnavailableError) as caught:
        ca.build_report([], [ANNA], tariff=ca.BASE)
    error = caught.value
    assert "'Базовый'" in str(error)
    assert "events list" in str(error)
    assert "events_list()" in str(error)
    assert (error.tariff, error.feature, error.fallback) == (
        "Базовый",
        "calls_report",
        "events_list",
    )


def test_r24_custom_tariff_still_names_the_events_list() -> None:
    """The events list works on every tariff (R24), so even a bare custom tariff names it."""
    with pytest.raises(ca.FeatureUnavailableError, match="'Free'") as caught:
        ca.build_report([], [ANNA], tariff=ca.Tariff("Free"))
    assert caught.value.fallback == "events_list"
    assert "events list" in str(caught.value)


def test_r23_tariff_must_be_a_tariff() -> None:
    """A tariff name is not a tariff: the error says what is expected."""
    with pytest.raises(ca.InvalidTypeError, match="'tariff' must be a Tariff.*'Базовый'"):
        ca.build_report([], [ANNA], tariff="Базовый")  # type: ignore[arg-type]


@pytest.mark.parametrize("tariff", [ca.EXTENDED, ca.PROFESSIONAL])
def test_r23_report_on_extended_and_professional(tariff: ca.Tariff) -> None:
    """The report is built on Extended and Professional."""
    report = ca.build_report([], [ANNA], tariff=tariff)
    assert report.tariff is tariff


def test_r24_events_list_works_on_every_tariff_newest_first() -> None:
    """The events list needs no tariff and lists calls newest first."""
    calls = [
        ca.Call("a", "inbound", datetime(2026, 1, 1, 9, tzinfo=UTC), 10),
        ca.Call("b", "outbound", datetime(2026, 1, 3, 9, tzinfo=UTC), 10),
        ca.Call("c", "inbound", datetime(2026, 1, 2, 9, tzinfo=UTC), 10),
    ]
    assert [c.id for c in ca.events_list(calls)] == ["b", "c", "a"]
    assert [c.id for c in ca.events_list(iter(calls))] == ["b", "c", "a"]


def test_r24_events_list_ties_are_ordered_by_id() -> None:
    """Calls that started at the same instant keep a stable order: by id."""
    at = datetime(2026, 1, 1, 9, tzinfo=UTC)
    calls = [ca.Call(i, "inbound", at, 1) for i in ("c", "a", "b")]
    assert [c.id for c in ca.events_list(calls)] == ["a", "b", "c"]


def test_r24_events_list_applies_the_filter() -> None:
    """The events list takes the same filters as the report (here: directions)."""
    calls = [
        ca.Call("in", "inbound", datetime(2026, 1, 1, 9, tzinfo=UTC), 10),
        ca.Call("out", "outbound", datetime(2026, 1, 1, 10, tzinfo=UTC), 10),
    ]
    only_incoming = ca.Filter(directions=[ca.Direction.INCOMING])
    assert [c.id for c in ca.events_list(calls, filter=only_incoming)] == ["in"]


def test_r24_events_list_rejects_non_calls() -> None:
    """A dict is not a call: the error names the value."""
    with pytest.raises(ca.InvalidTypeError, match="'calls' must hold Call objects.*dict"):
        ca.events_list([{"id": "x"}])  # type: ignore[list-item]


def test_r25_no_cut_off_at_an_upgrade_date() -> None:
    """After an upgrade the report covers past calls too: years-old calls count like new ones.

    The same calls give the same figures on every tariff with the report, and the events list
    of the Base tariff (before the upgrade) lists every one of them.
    """
    calls = [
        ca.Call(
            f"y{year}",
            "inbound",
            OLD.replace(year=year),
            30,
            manager_id=1,
            card_id=1,
            entity_type="contacts",
        )
        for year in range(2015, 2027)
    ]
    extended = ca.build_report(calls, [ANNA], tariff=ca.EXTENDED)
    assert (extended.total.incoming, extended.total.incoming_duration) == (12, 360)
    assert extended.tally == ca.build_report(calls, [ANNA], tariff=ca.PROFESSIONAL).tally
    assert len(ca.events_list(calls)) == 12


def test_r5_one_feature_may_be_given_as_a_string() -> None:
    """A single feature name is one feature, not its letters."""
    assert ca.Tariff("Solo", ca.CALLS_REPORT).features == frozenset({ca.CALLS_REPORT})


def test_r23_a_custom_feature_that_is_missing_has_no_fallback() -> None:
    """Asking a tariff for a feature of the host's own that it lacks names both, no fallback."""
    from callanalytics._model.tariffs import require

    with pytest.raises(ca.FeatureUnavailableError, match="'exports' is not available on") as err:
        require(ca.BASE, "exports")
    assert (err.value.feature, err.value.fallback) == ("exports", None)
