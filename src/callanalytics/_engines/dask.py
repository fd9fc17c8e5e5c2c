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
calls' ids) of every partition and shuffles the distinct ids by a hash of their text into
buckets (at most :data:`BUCKETS`): each bucket, a task of its own, merges its share of every
partition's ids in partition order and keeps the ids found in several partitions, with the
first partition of each. Those few ids — the resent calls — go to every partition task, which
treats the ids first seen earlier as seen. No task holds more than its bucket's share of the
distinct ids, and the buckets run in parallel; ``duplicates=False`` skips the pass.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, cast
from zlib import crc32

import attrs

from callanalytics._aggregate.tally import Tally
from callanalytics._engines.frames import tally_of_frame
from callanalytics._kit import checks
from callanalytics._model.models import Call, Card, Manager, not_a_call
from callanalytics._model.phone import PhoneKey
from callanalytics._model.text import absent
from callanalytics._rules.routing import Routing

if TYPE_CHECKING:
    from callanalytics._rules.filter import Filter

__all__ = ["tally_of_dask"]

FAN_IN: Final = 8
"""How many partial results one merge task takes (Dask's own default ``split_every``)."""
BUCKETS: Final = 32
"""The most buckets the distinct ids are shuffled into (one per partition, up to this)."""

Firsts = tuple[dict[Any, int], set[Any]]
"""The first partition of each id of some partitions, and the ids found in several of them."""


def _dask() -> tuple[Any, Any, Any]:
    """Dask, its bags and its data frames."""
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


def ids_of(values: Any, partition: int, buckets: int) -> tuple[Firsts, ...]:
    """The distinct ids of one partition (a column, or a list), each first seen there.

    They come cut into *buckets* parts by the CRC-32 of each id's text, which every process
    computes alike (Python's own ``hash`` of a text differs between processes): equal ids fall
    in the same bucket, wherever they are read. An absent id (None, NaN, NA) is left out: no
    call has one, so it repeats nothing. Ids that cannot be told apart (a list, a value whose
    ``str`` fails) are left out too. The partition's own check refuses both, naming the field.
    """
    firsts: list[dict[Any, int]] = [{} for _ in range(buckets)]
    try:
        given = dict.fromkeys(values.tolist() if hasattr(values, "tolist") else values)
        ids = [i for i in given if not absent(i)]
        codes = [crc32(str(i).encode("utf-8", "surrogatepass")) % buckets for i in ids]
    except Exception:  # the partition's tally names the id that is not one
        ids = codes = []
    for i, code in zip(ids, codes, strict=True):
        firsts[code][i] = partition
    return tuple((first, set()) for first in firsts)


def ids_of_calls(calls: Iterable[object], partition: int, buckets: int) -> tuple[Firsts, ...]:
    """The distinct ids of a Bag's partition; an item that is not a call is an error."""
    ids = [c.id if isinstance(c, Call) else not_a_call(c) for c in calls]
    return ids_of(ids, partition, buckets)


def merge_firsts(*parts: Firsts) -> Firsts:
    """The firsts of consecutive groups of partitions, given in the partitions' order."""
    first, repeated = dict(parts[0][0]), set(parts[0][1])
    for later, again in parts[1:]:
        repeated.update(again)
        for i, partition in later.items():
            if first.setdefault(i, partition) != partition:  # seen in an earlier partition
                repeated.add(i)
    return first, repeated


def repeated_ids(firsts: Firsts) -> dict[Any, int]:
    """The ids found in several partitions, with the first partition of each."""
    first, repeated = firsts
    return {i: first[i] for i in repeated}


def all_repeated(*buckets: dict[Any, int]) -> dict[Any, int]:
    """The repeated ids of every bucket, in one table."""
    return {i: partition for bucket in buckets for i, partition in bucket.items()}


def before(repeated: dict[Any, int] | None, partition: int) -> list[str]:
    """The ids of *repeated* first seen in a partition before *partition*."""
    if repeated is None:
        return []
    return [str(i) for i, first in repeated.items() if first < partition]


# ---------------------------------------------------------------------------------------------
# One tally per partition, merged in a tree.


def tally_of_partition(
    shipped: Shipped,
    partition: Any,
    index: int,
    repeated: dict[Any, int] | None,
    columns: Mapping[str, str] | None,
) -> Tally:
    """The tally of one DataFrame partition, by the columnar engine."""
    earlier = before(repeated, index)
    return tally_of_frame(shipped.routing, partition, columns=columns, before=earlier)


def tally_of_calls(
    shipped: Shipped, calls: Iterable[Call], index: int, repeated: dict[Any, int] | None
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
        values: list[Any] = calls[_id_column(columns)].to_delayed()
        read_ids: Callable[..., tuple[Firsts, ...]] = ids_of
        count: Callable[..., Tally] = tally_of_partition
        extra: tuple[Any, ...] = (columns,)
    elif isinstance(calls, bag.Bag):
        if columns is not None:
            raise checks.value_error("columns", "be None for a Dask Bag of calls", columns)
        parts = values = calls.to_delayed()
        read_ids, count, extra = ids_of_calls, tally_of_calls, ()
    else:
        expected = "a Dask DataFrame or a Dask Bag of Call objects"
        raise checks.type_error("calls", expected, calls)
    if not parts:  # a Bag of no partition
        return Tally.empty()
    shipped = dask.delayed(Shipped(routing), name=f"callanalytics-routing-{uuid.uuid4().hex}")
    repeated = None
    if routing.duplicates and len(parts) > 1:
        buckets = min(len(parts), BUCKETS)
        cut = [
            dask.delayed(read_ids, pure=True, nout=buckets)(part, i, buckets)
            for i, part in enumerate(values)
        ]
        found = [
            dask.delayed(repeated_ids, pure=True)(tree(dask, [ids[b] for ids in cut], merge_firsts))
            for b in range(buckets)
        ]
        repeated = dask.delayed(all_repeated, pure=True)(*found)
    tallies = [
        dask.delayed(count, pure=True)(shipped, part, i, repeated, *extra)
        for i, part in enumerate(parts)
    ]
    (tally,) = dask.compute(tree(dask, tallies, merge_tallies))
    return cast("Tally", tally)
