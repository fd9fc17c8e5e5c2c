"""The live report: calls added, removed and replaced one at a time equal a rebuild (R26)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callanalytics as ca
from tests import strategies as cst
from tests.builders import call

ANNA, BORIS = ca.Manager(1, "Anna"), ca.Manager(2, "Boris")


@st.composite
def events(draw: st.DrawFn) -> tuple[dict[str, Any], list[tuple[str, ca.Call]]]:
    """Settings of an account, and a stream of adds, removes and replaces of calls."""
    managers = draw(cst.managers())
    flt, calls = draw(cst.filter_and_calls(tuple(m.id for m in managers), max_size=30))
    settings_: dict[str, Any] = {
        "managers": managers,
        "cards": draw(st.none() | cst.cards),
        "filter": draw(st.none() | st.just(flt)),
        "now": draw(st.none() | st.just(cst.NOW)),
        "unsorted_incoming": draw(st.booleans()),
    }
    stream: list[tuple[str, ca.Call]] = []
    held: dict[str, ca.Call] = {}
    for c in calls:
        action = draw(st.sampled_from(["add", "add", "remove", "replace"]))
        if action == "add" and c.id not in held:
            stream.append(("add", c))
            held[c.id] = c
        elif held and action in ("remove", "replace"):
            old = draw(st.sampled_from(sorted(held)))
            if action == "remove":
                stream.append(("remove", held.pop(old)))
            else:
                held[old] = attrs.evolve(c, id=old)
                stream.append(("replace", held[old]))
    return settings_, stream


@settings(max_examples=150)
@given(events())
def test_r26_live_updates_equal_a_rebuild(
    account: tuple[dict[str, Any], list[tuple[str, ca.Call]]],
) -> None:
    """After any stream of adds, removes and replaces, the report is the rebuilt one."""
    options, stream = account
    live = ca.LiveReport(**options)
    for action, c in stream:
        getattr(live, action)(c)
        assert live.report() == ca.build_report(list(live.calls()), **options)


def test_r26_a_call_that_changed_replaces_the_held_one() -> None:
    """A call first seen with no duration, then finished, counts once with its duration."""
    live = ca.LiveReport([ANNA])
    live.add(call(1, "inbound", 0, 1))
    live.replace(call(1, "inbound", 305, 1))
    row = live.report().row(1)
    assert (row.incoming, row.incoming_duration) == (1, 305)
    assert live.report().calls == 1


def test_r26_removing_a_call_takes_out_its_exclusion_and_its_tie() -> None:
    """A call excluded or matched by a shared phone leaves no trace once removed."""
    cards = [ca.Card(1, "contacts", phones="204"), ca.Card(2, "companies", phones="204")]
    live = ca.LiveReport([ANNA], cards=cards, now=call(0, "inbound", 0, 1).started_at)
    tied = call(1, "outbound", 5, 1, card=None, phone="204")
    pending = call(2, "inbound", 5, 1, card=None, phone="999")
    live.add(tied)
    live.add(pending)
    report = live.report()
    assert (report.ties, report.excluded[ca.Exclusion.PENDING]) == (1, 1)
    live.remove(tied)
    live.remove("c2")
    assert live.report() == ca.build_report([], [ANNA], cards=cards, now=pending.started_at)
    assert len(live) == 0


def test_r28_a_held_id_added_again_is_a_duplicate() -> None:
    """An integration that sends a call again: counted once, the resend as a duplicate."""
    live = ca.LiveReport([ANNA])
    live.add(call(1, "inbound", 5, 1))
    live.add(call(1, "inbound", 9, 1))
    report = live.report()
    assert (report.row(1).incoming_duration, report.excluded[ca.Exclusion.DUPLICATE]) == (5, 1)
    assert (len(live), live.duplicates, report.calls) == (1, 1, 2)
    assert "c1" in live
    assert "c2" not in live


def test_r28_without_duplicates_a_held_id_is_an_error() -> None:
    """With duplicates=False, adding a held id is an error pointing at replace()."""
    live = ca.LiveReport([ANNA], duplicates=False)
    live.add(call(1, "inbound", 5, 1))
    with pytest.raises(ca.InvalidValueError, match=r"'c1'\): replace\(\) updates a call"):
        live.add(call(1, "inbound", 9, 1))


def test_r26_only_held_calls_can_be_removed_or_replaced() -> None:
    """Removing or replacing an id the report does not hold is an error naming it."""
    live = ca.LiveReport([ANNA])
    with pytest.raises(ca.InvalidValueError, match=r"held by the report \(got id 'c9'\)"):
        live.remove("c9")
    with pytest.raises(ca.InvalidValueError, match="'c9'"):
        live.replace(call(9, "inbound", 5, 1))
    with pytest.raises(ca.InvalidTypeError, match="'calls' must hold Call objects"):
        live.add("c1")  # type: ignore[arg-type]


def test_r23_the_live_report_needs_a_tariff_with_the_report() -> None:
    """On a tariff without the calls report, the live report is refused as the report is."""
    with pytest.raises(ca.FeatureUnavailableError):
        ca.LiveReport([ANNA], tariff=ca.BASE)


def test_r9_a_live_report_routes_with_its_own_now() -> None:
    """A call pending at the live report's "now" stays pending until it is replaced."""
    young = call(1, "inbound", 5, 1, card=None, phone="204")
    live = ca.LiveReport([ANNA], cards=[], now=young.started_at + timedelta(hours=1))
    live.add(young)
    assert live.report().excluded[ca.Exclusion.PENDING] == 1
    assert list(live.calls()) == [young]


def test_r26_a_call_whose_routing_fails_is_not_held() -> None:
    """A host's phone key that raises leaves the live report as it was."""

    def broken_key(phone: str) -> str:
        if phone == "boom":
            raise RuntimeError("key failed")
        return phone

    live = ca.LiveReport([ANNA], cards=[], key=broken_key)
    with pytest.raises(RuntimeError, match="key failed"):
        live.add(call(1, "inbound", 5, 1, card=None, phone="boom"))
    assert len(live) == 0
    live.add(call(1, "inbound", 5, 1, card=None, phone="204"))
    assert live.report().calls == 1


def test_r26_only_calls_replace_calls() -> None:
    """Replacing with something that is not a call is a type error."""
    live = ca.LiveReport([ANNA])
    with pytest.raises(ca.InvalidTypeError, match="'calls' must hold Call objects"):
        live.replace("c1")  # type: ignore[arg-type]
