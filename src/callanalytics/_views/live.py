"""The live report: calls added, removed and replaced one at a time, as they arrive (R26).

A CRM backend receives calls one by one — from the telephony's webhooks, as amoCRM notes
them — and a call may come back changed (its duration and status known once it ends) or be
deleted. :class:`LiveReport` keeps the report's aggregate up to date with each event in a time
that does not depend on the number of managers, and gives the current report at any moment in
a time proportional to the managers. It equals the report rebuilt from the calls it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from callanalytics._aggregate.tally import Counts
from callanalytics._kit import checks
from callanalytics._model.enums import Exclusion
from callanalytics._model.models import Call, Card, Manager, not_a_call
from callanalytics._model.phone import PhoneKey, normalize_phone
from callanalytics._model.tariffs import PROFESSIONAL, Tariff, require
from callanalytics._rules.matching import GRACE_WINDOW, CardIndex
from callanalytics._rules.routing import Routing
from callanalytics._views.report import CallsReport
from callanalytics.exceptions import InvalidValueError

if TYPE_CHECKING:
    from callanalytics._rules.filter import Filter

__all__ = ["LiveReport"]


class LiveReport:
    """The calls report of calls that arrive one at a time (R26).

    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> live = LiveReport([Manager(1, "Anna")])
    >>> live.add(Call("u1", "inbound", at, 0, manager_id=1, card_id=7, entity_type="contacts"))
    >>> live.replace(Call("u1", "inbound", at, 95, manager_id=1, card_id=7,
    ...                   entity_type="contacts"))
    >>> live.report().row(1).incoming_duration
    95
    >>> live.remove("u1")
    >>> live.report().total.total, len(live)
    (0, 0)

    The arguments are :func:`build_report`'s. Each call is routed once, when it is added, by
    the report's own steps and with the settings given here ("now" included: a call pending
    then stays pending until it is replaced). The live report holds each call with where it
    went, so that removing or replacing it takes out exactly what it added. Adding, removing
    or replacing a call costs the same with 5 managers or 5,000; :meth:`report` costs one
    pass over the managers.
    """

    __slots__ = (
        "_counts",
        "_duplicates",
        "_held",
        "_one",
        "_reasons",
        "_tied",
        "routing",
        "tariff",
    )

    def __init__(
        self,
        managers: Iterable[Manager],
        *,
        cards: Iterable[Card] | CardIndex | None = None,
        filter: Filter | None = None,
        tariff: Tariff = PROFESSIONAL,
        now: datetime | None = None,
        grace: timedelta = GRACE_WINDOW,
        unsorted_incoming: bool = True,
        key: PhoneKey = normalize_phone,
        duplicates: bool = True,
    ) -> None:
        require(tariff)
        self.tariff = tariff
        self.routing = Routing(
            managers,
            cards=cards,
            filter=filter,
            now=now,
            grace=grace,
            unsorted_incoming=unsorted_incoming,
            key=key,
            duplicates=duplicates,
        )
        self._counts = Counts()
        self.routing.prepare(self._counts)
        self._one = self.routing.one()
        # Where each held call went, in plain dicts of existing objects: nothing is allocated
        # per call, so millions of held calls do not wake the garbage collector.
        self._held: dict[str, Call] = {}
        self._reasons: dict[str, Exclusion] = {}  # of the calls not counted
        self._tied: set[str] = set()
        self._duplicates = 0

    def __len__(self) -> int:
        """How many calls the report holds."""
        return len(self._held)

    def __contains__(self, call_id: object) -> bool:
        """Whether the report holds the call of this id."""
        return call_id in self._held

    def calls(self) -> Iterator[Call]:
        """The calls the report holds, in the order they were added."""
        return iter(self._held.values())

    def add(self, call: Call) -> None:
        """Count *call*, as the report would (R11).

        A call whose id is held is a duplicate (R28): counted as such, not held (an integration
        sent it again). With ``duplicates=False`` it is an error. :meth:`replace` updates a
        call that changed.
        """
        if call.__class__ is not Call and not isinstance(call, Call):
            not_a_call(call)
        call_id = call.id
        if self._held.setdefault(call_id, call) is not call:
            if self.routing.duplicates:
                self._counts.exclude(Exclusion.DUPLICATE)
                self._duplicates += 1
                return
            msg = (
                f"'call' must not be held already (got id {checks.shown(call_id)}): "
                "replace() updates a call."
            )
            raise InvalidValueError(msg)
        counts = self._counts
        ties = counts.ties
        try:
            reason = self._one(call, counts)
        except BaseException:  # a host's phone key that raised: the call is not held
            del self._held[call_id]
            raise
        if reason is not None:
            self._reasons[call_id] = reason
        if counts.ties != ties:
            self._tied.add(call_id)

    def remove(self, call: Call | str) -> None:
        """Take out the call held under *call*'s id (or the id itself)."""
        call_id = call.id if isinstance(call, Call) else call
        held = self._held.pop(call_id, None)
        if held is None:
            msg = f"'call' must be held by the report (got id {checks.shown(call_id)})."
            raise InvalidValueError(msg)
        counts = self._counts
        if held.id in self._tied:
            self._tied.discard(held.id)
            counts.ties -= 1
        reason = self._reasons.pop(held.id, None)
        if reason is None:
            counts.count((held.manager_id,), held, -1)
        else:
            counts.exclude(reason, -1)

    def replace(self, call: Call) -> None:
        """Put *call* in place of the held call of the same id (the call changed)."""
        if call.__class__ is not Call and not isinstance(call, Call):
            not_a_call(call)
        self.remove(call.id)
        self.add(call)

    @property
    def duplicates(self) -> int:
        """How many calls were added again under an id the report held (R28)."""
        return self._duplicates

    def report(self) -> CallsReport:
        """The report of the calls held now: :func:`build_report` of them, with the duplicates.

        It costs one pass over the managers, not over the calls: the report does not keep the
        held ids, so calls added to it (:meth:`CallsReport.update`) are checked for duplicates
        among themselves only. Keep adding to the live report instead.
        """
        return CallsReport.from_tally(self._counts.to_tally(), self.routing, self.tariff)
