"""The report of a Dask DataFrame or Bag of calls: one tally per partition, merged (R26, R28).

Each partition is routed where it lies, on a worker: a DataFrame's partition (a pandas frame)
by the columnar engine (:func:`~callanalytics._engines.frames.tally_of_frame`), a Bag's
partition (``Call`` objects) by the report's own loop (:meth:`Routing.tally`). The partial
:class:`~callanalytics.Tally` objects — a few dozen cells each — are merged by
:meth:`Tally.merge` in a tree, so no worker and not the client ever holds more than a few of
them. The account's settings (managers, cards, filter, "now"…) are one object of the task
graph, sent once to each worker that needs it, and the routing is rebuilt there once.

Duplicates (R28) span partitions: a call whose id came before — in an earlier partition, or
earlier in its own — is excluded, the first one counts, as in the report of the collection's
calls in order (``.compute()``). Before routing, one pass reads the id column (a Bag: the
calls' ids) of every partition, and a tree of merges finds the ids that occur in several
partitions with the first partition of each; that small table goes to every partition task,
which treats the ids first seen earlier as seen. The pass costs a read of the ids, and the top
of its tree holds every distinct id once (the memory the in-process report spends on them);
``duplicates=False`` skips it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from callanalytics._aggregate.tally import Tally
from callanalytics._engines.frames import tally_of_frame
from callanalytics._kit import checks
from callanalytics._model.models import Call, Card, Manager, not_a_call
from callanalytics._model.phone import PhoneKey
from callanalytics._rules.routing import Routing

if TYPE_CHECKING:
    import pandas as pd

    from callanalytics._rules.filter import Filter

__all__ = ["tally_of_dask"]

FAN_IN: Final = 8
"""How many partial results one merge task takes (Dask's own default ``split_every``)."""

Firsts = tuple["pd.Series[int]", "pd.Index[Any]"]
"""The first partition of each id of some partitions, and the ids found in several of them."""


def _dask() -> tuple[Any, Any, Any]:
    """Dask, its bags and its data frames (which bring pandas, for the tables of ids)."""
    try:
        import dask
        import dask.bag
        import dask.dataframe
    except ImportError:
        raise checks.missing_extra(
            "A report of a Dask collection", "dask.dataframe", "dask"
        ) from None
    return dask, dask.bag, dask.dataframe


# ---------------------------------------------------------------------------------------------
# The account's settings, shipped once.


@attrs.frozen
class Settings:
    """What :class:`Routing` is built from, in a form that pickles (no generated code)."""

    managers: tuple[Manager, ...]
    cards: tuple[Card, ...] | None
    key: PhoneKey | None
    filter: Filter | None
    now: datetime | None
    grace: timedelta
    unsorted_incoming: bool
    duplicates: bool

    @classmethod
    def of(cls, routing: Routing) -> Settings:
        """The settings of *routing*; its card index as the cards it chose among."""
        index = routing.cards
        cards: tuple[Card, ...] | None = None
        if index is not None:
            chosen = {card.key: card for card in index.by_key.values()}
            for group in index.ambiguous.values():
                chosen.update((card.key, card) for card in group)
            cards = tuple(chosen.values())
        flt = routing.filter
        return cls(
            managers=tuple(routing.managers.values()),
            cards=cards,
            key=None if index is None else index.key_function,
            filter=None if flt is None else attrs.evolve(flt),  # without its cached steps
            now=routing.now,
            grace=routing.grace,
            unsorted_incoming=routing.unsorted_incoming,
            duplicates=routing.duplicates,
        )

    def routing(self) -> Routing:
        """The routing these settings make."""
        options: dict[str, Any] = {} if self.key is None else {"key": self.key}
        return Routing(
            self.managers,
            cards=self.cards,
            filter=self.filter,
            now=self.now,
            grace=self.grace,
            unsorted_incoming=self.unsorted_incoming,
            duplicates=self.duplicates,
            **options,
        )


class Shipped:
    """The routing as one object of the task graph: its settings travel, the routing does not.

    Where the graph runs in the client's process (Dask's threads or synchronous scheduler),
    the client's routing is used as it is; on a worker, it is rebuilt once from the settings
    and kept with the object for every task of that worker.
    """

    __slots__ = ("_routing", "settings")

    def __init__(self, routing: Routing) -> None:
        self._routing: Routing | None = routing
        self.settings = Settings.of(routing)

    def __getstate__(self) -> Settings:
        return self.settings

    def __setstate__(self, state: Settings) -> None:
        self.settings = state
        self._routing = None

    @property
    def routing(self) -> Routing:
        """The routing, built from the settings the first time it is needed here."""
        if self._routing is None:
            self._routing = self.settings.routing()
        return self._routing


# ---------------------------------------------------------------------------------------------
# Duplicates across partitions (R28).


def ids_of(values: Any, partition: int) -> Firsts:
    """The distinct ids of one partition (a column, or a list), each first seen there.

    An absent id (None, NaN, NA) is left out: no call has one, so it repeats nothing, and the
    partition's own check refuses it, naming the field.
    """
    import pandas as pd

    unique = pd.Index(pd.Series(values, dtype=object).dropna().unique(), dtype=object)
    return pd.Series(partition, index=unique, dtype="int64"), pd.Index([], dtype=object)


def ids_of_calls(calls: Iterable[object], partition: int) -> Firsts:
    """The distinct ids of a Bag's partition; an item that is not a call is an error."""
    return ids_of([c.id if isinstance(c, Call) else not_a_call(c) for c in calls], partition)


def merge_firsts(*parts: Firsts) -> Firsts:
    """The firsts of consecutive groups of partitions, given in the partitions' order."""
    import pandas as pd

    first, repeated = parts[0]
    for later, again in parts[1:]:
        common = first.index.intersection(later.index)
        repeated = repeated.union(again).union(common)
        first = pd.concat([first, later[~later.index.isin(common)]])
    return first, repeated


def repeated_ids(firsts: Firsts) -> pd.Series[int]:
    """The ids found in several partitions, with the first partition of each."""
    first, repeated = firsts
    return first.loc[repeated]


def before(repeated: pd.Series[int] | None, partition: int) -> list[str]:
    """The ids of *repeated* first seen in a partition before *partition*."""
    if repeated is None:
        return []
    return [str(i) for i in repeated.index[repeated.to_numpy() < partition]]


# ---------------------------------------------------------------------------------------------
# One tally per partition, merged in a tree.


def tally_of_partition(
    shipped: Shipped,
    partition: Any,
    index: int,
    repeated: pd.Series[int] | None,
    columns: Mapping[str, str] | None,
) -> Tally:
    """The tally of one DataFrame partition, by the columnar engine."""
    earlier = before(repeated, index)
    return tally_of_frame(shipped.routing, partition, columns=columns, before=earlier)


def tally_of_calls(
    shipped: Shipped, calls: Iterable[Call], index: int, repeated: pd.Series[int] | None
) -> Tally:
    """The tally of one Bag partition, by the report's loop."""
    return shipped.routing.tally(calls, seen=set(before(repeated, index)))


def merge_tallies(*tallies: Tally) -> Tally:
    """The tally of the calls of all of *tallies* (R26)."""
    merged = tallies[0]
    for tally in tallies[1:]:
        merged = merged.merge(tally)
    return merged


def tree(dask: Any, parts: Sequence[Any], merge: Callable[..., Any]) -> Any:
    """*parts* merged by *merge*, :data:`FAN_IN` at a time and in order, as one delayed value."""
    level = list(parts)
    while len(level) > 1:
        level = [
            dask.delayed(merge, pure=True)(*level[i : i + FAN_IN])
            for i in range(0, len(level), FAN_IN)
        ]
    return level[0]


def _id_column(columns: Mapping[str, str] | None) -> str:
    """The name of the column that holds the calls' ids, before *columns* renames it."""
    for source, target in (columns or {}).items():
        if target == "id":
            return source
    return "id"


def tally_of_dask(
    routing: Routing, calls: Any, *, columns: Mapping[str, str] | None = None
) -> Tally:
    """Route and count the calls of a Dask DataFrame or Bag, partition by partition.

    The graph runs on Dask's current scheduler: a ``dask.distributed`` client's cluster when
    one is the default, Dask's threads otherwise.

    >>> import dask, dask.bag as db
    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
    >>> call = Call("a", "inbound", at, 60, manager_id=1, card_id=7, entity_type="contacts")
    >>> calls = db.from_sequence([call, call], npartitions=2)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     tally = tally_of_dask(Routing([Manager(1, "Anna")]), calls)
    >>> tally.by_manager[1].incoming, tally.calls
    (1, 2)
    """
    dask, bag, dataframe = _dask()
    if isinstance(calls, dataframe.DataFrame):
        meta = calls._meta  # an empty partition: the columns' names and types, checked here
        tally_of_frame(routing, meta, columns=columns)
        parts = calls.to_delayed()
        ids = [
            dask.delayed(ids_of, pure=True)(values, i)
            for i, values in enumerate(calls[_id_column(columns)].to_delayed())
        ]
        count: Callable[..., Tally] = tally_of_partition
        extra: tuple[Any, ...] = (columns,)
    elif isinstance(calls, bag.Bag):
        if columns is not None:
            raise checks.value_error("columns", "be None for a Dask Bag of calls", columns)
        parts = calls.to_delayed()
        ids = [dask.delayed(ids_of_calls, pure=True)(part, i) for i, part in enumerate(parts)]
        count, extra = tally_of_calls, ()
    else:
        expected = "a Dask DataFrame or a Dask Bag of Call objects"
        raise checks.type_error("calls", expected, calls)
    if not parts:  # a Bag of no partition
        return Tally.empty()
    shipped = dask.delayed(Shipped(routing), name=f"callanalytics-routing-{uuid.uuid4().hex}")
    repeated = None
    if routing.duplicates and len(parts) > 1:
        found = tree(dask, ids, merge_firsts)
        repeated = dask.delayed(repeated_ids, pure=True)(found)
    tallies = [
        dask.delayed(count, pure=True)(shipped, part, i, repeated, *extra)
        for i, part in enumerate(parts)
    ]
    (tally,) = dask.compute(tree(dask, tallies, merge_tallies))
    return cast("Tally", tally)
