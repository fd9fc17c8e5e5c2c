"""An example host: calls, managers and cards in SQLite, the report streamed from a cursor.

Run it with ``python examples/sqlite_host.py [--lang ru] [--db FILE]``. It

1. creates the tables ``managers``, ``cards`` and ``calls`` (in memory, or in ``--db FILE``),
2. loads the sample account of :func:`callanalytics.sample_account` into them,
3. builds the report from a cursor through the generator :func:`calls_from`, which turns one
   row at a time into a :class:`~callanalytics.Call` (the rows are never fetched all at once),
4. builds the report of this month twice: with the library's date filter over every row, and
   from a SQL ``WHERE`` on ``started_at`` that lets the database skip the other rows, and shows
   that both give the same rows, total, average and unassigned calls.

Only the standard library and :mod:`callanalytics` are used.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

import callanalytics as ca

SCHEMA = """
DROP TABLE IF EXISTS managers;
DROP TABLE IF EXISTS cards;
DROP TABLE IF EXISTS calls;
CREATE TABLE managers (
    id      INTEGER PRIMARY KEY,
    name    TEXT    NOT NULL,
    grp     TEXT,                                   -- the group (department), or NULL
    active  INTEGER NOT NULL CHECK (active IN (0, 1))
);
CREATE TABLE cards (
    entity_type TEXT    NOT NULL CHECK (entity_type IN ('contacts', 'companies')),
    id          INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    phones      TEXT    NOT NULL,                   -- a JSON list of the numbers as typed
    manager_id  INTEGER,
    PRIMARY KEY (entity_type, id)
);
CREATE TABLE calls (
    id            TEXT    PRIMARY KEY,              -- the telephony's uniq
    direction     TEXT    NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    started_at    INTEGER NOT NULL,                 -- Unix seconds (UTC)
    duration      INTEGER NOT NULL CHECK (duration >= 0),
    phone         TEXT    NOT NULL,
    manager_id    INTEGER,                          -- NULL: no manager (the robot)
    card_id       INTEGER,                          -- NULL with entity_type: not in a card yet
    entity_type   TEXT    CHECK (entity_type IN ('contacts', 'companies')),
    status        INTEGER CHECK (status BETWEEN 1 AND 7),
    result        TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    recording_url TEXT,
    via_app       INTEGER NOT NULL CHECK (via_app IN (0, 1))
);
CREATE INDEX calls_started_at ON calls (started_at);
"""

WORDS = {
    "en": {
        "all": "Every call in the database",
        "month": "This month, {period}, read with a SQL WHERE",
        "same": "The same figures as with the library's date filter: {same}",
    },
    "ru": {
        "all": "Все звонки базы данных",
        "month": "Этот месяц, {period}, выбранный SQL-условием WHERE",
        "same": "Те же цифры, что и с фильтром даты библиотеки: {same}",
    },
}
"""The example's own words; the report's tables come in the same language."""

CALL_COLUMNS = (
    "id, direction, started_at, duration, phone, manager_id, card_id, entity_type, status, "
    "result, source, recording_url, via_app"
)


def _unix(moment: datetime) -> int:
    """An aware datetime as whole Unix seconds (the sample's times are whole seconds)."""
    return int(moment.timestamp())


def create_schema(db: sqlite3.Connection) -> None:
    """Create the three tables (afresh: an example, not a migration)."""
    db.executescript(SCHEMA)


def store_account(db: sqlite3.Connection, account: ca.SampleAccount) -> None:
    """Insert the account's managers, cards and calls (the calls from a generator)."""
    db.executemany(
        "INSERT INTO managers VALUES (?, ?, ?, ?)",
        ((m.id, m.name, m.group, int(m.active)) for m in account.managers),
    )
    db.executemany(
        "INSERT INTO cards VALUES (?, ?, ?, ?, ?)",
        (
            (c.entity_type.value, c.id, c.name, json.dumps(c.phones), c.manager_id)
            for c in account.cards
        ),
    )
    store_calls(db, account.calls)


def store_calls(db: sqlite3.Connection, calls: Iterable[ca.Call]) -> None:
    """Insert *calls*, one row each."""
    db.executemany(
        f"INSERT INTO calls ({CALL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                c.id,
                c.direction.value,
                _unix(c.started_at),
                c.duration,
                c.phone,
                c.manager_id,
                c.card_id,
                None if c.entity_type is None else c.entity_type.value,
                None if c.status is None else int(c.status),
                c.result,
                c.source,
                c.recording_url,
                int(c.via_app),
            )
            for c in calls
        ),
    )
    db.commit()


def managers_from(db: sqlite3.Connection) -> list[ca.Manager]:
    """The account's managers."""
    rows = db.execute("SELECT id, name, grp, active FROM managers ORDER BY id")
    return [ca.Manager(key, name, group, bool(active)) for key, name, group, active in rows]


def cards_from(db: sqlite3.Connection) -> Iterator[ca.Card]:
    """The account's cards, one row at a time, for matching calls by phone (R7)."""
    rows = db.execute("SELECT entity_type, id, name, phones, manager_id FROM cards")
    for entity_type, card_id, name, phones, manager_id in rows:
        yield ca.Card(card_id, entity_type, name, tuple(json.loads(phones)), manager_id)


def calls_from(cursor: sqlite3.Cursor) -> Iterator[ca.Call]:
    """Turn each row of *cursor* (the columns of ``CALL_COLUMNS``) into a call, lazily.

    The cursor is iterated, never fetched all at once: SQLite hands over one row at a time
    and the report counts it before the next is read.
    """
    for row in cursor:
        (
            call_id,
            direction,
            started_at,
            duration,
            phone,
            manager_id,
            card_id,
            entity_type,
            status,
            result,
            source,
            recording_url,
            via_app,
        ) = row
        yield ca.Call(
            id=call_id,
            direction=direction,
            started_at=datetime.fromtimestamp(started_at, tz=UTC),
            duration=duration,
            phone=phone,
            manager_id=manager_id,
            card_id=card_id,
            entity_type=entity_type,
            status=status,
            result=result,
            source=source,
            recording_url=recording_url,
            via_app=bool(via_app),
        )


def report_from(
    db: sqlite3.Connection,
    *,
    now: datetime,
    period: ca.Period | None = None,
    where_period: ca.Period | None = None,
) -> ca.CallsReport:
    """The report of the calls in *db*, as of *now*.

    *period* is the library's date filter: every row is read and the calls outside it are
    excluded and counted (R11). *where_period* is a SQL pre-filter on ``started_at``: the
    database skips the other rows, so the report neither reads nor counts them.
    """
    sql = f"SELECT {CALL_COLUMNS} FROM calls"
    params: tuple[int, ...] = ()
    if where_period is not None:
        # The same half-open [start, end) as Period, in the column's Unix seconds.
        sql += " WHERE started_at >= ? AND started_at < ?"
        params = (_unix(where_period.start), _unix(where_period.end))
    cursor = db.execute(sql + " ORDER BY started_at", params)
    return ca.build_report(
        calls_from(cursor),
        managers_from(db),
        cards=cards_from(db),
        filter=None if period is None else ca.Filter(period=period),
        now=now,
    )


def same_figures(a: ca.CallsReport, b: ca.CallsReport) -> bool:
    """Whether two reports show the same rows, total, average and unassigned calls."""
    return (a.rows, a.total, a.average, a.unassigned) == (b.rows, b.total, b.average, b.unassigned)


def main(argv: Sequence[str] | None = None) -> int:
    """Load the sample account into SQLite and print its report and this month's report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lang", choices=("ru", "en"), default="en")
    parser.add_argument("--db", default=":memory:", help="SQLite file (default: in memory)")
    args = parser.parse_args(argv)
    account = ca.sample_account()
    with sqlite3.connect(args.db) as db:
        create_schema(db)
        store_account(db, account)
        words = WORDS[args.lang]
        report = report_from(db, now=account.now)
        print(f"{words['all']}\n")
        print(report.table(lang=args.lang))
        month = ca.Period.preset("this_month", now=account.now, tz=account.tz)
        filtered = report_from(db, now=account.now, period=month)
        pre_filtered = report_from(db, now=account.now, where_period=month)
        print(f"\n{words['month'].format(period=month)}\n")
        print(pre_filtered.table(lang=args.lang))
        same = same_figures(filtered, pre_filtered)
        print(f"\n{words['same'].format(same='✓' if same else '✗')}")
    db.close()
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
