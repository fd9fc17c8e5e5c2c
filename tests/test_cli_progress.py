"""`FileCallReader.share_read`: how far into its file a reader has come."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

import callanalytics as ca

HEADER = "id,direction,started_at,duration,manager_id,card_id,entity_type\n"


def rows(count: int) -> str:
    """A CSV file of *count* calls in the library's own columns, one a line."""
    call = "inbound,2026-11-02T10:00:00+03:00,60,1,10,contacts"  # manager 1's, in a card
    lines = [f"c{i},{call}\n" for i in range(1, count + 1)]
    return HEADER + "".join(lines)


def piped(count: int) -> ca.FileCallReader:
    """The reader of *count* calls given as a stream: the share of bytes is not known."""
    return ca.read_calls(io.BytesIO(rows(count).encode()), format="csv")


# ---------------------------------------------------------------------------------------------
# FileCallReader.share_read: the position in the file, from 0 to 1


def test_share_read_follows_the_file_and_is_whole_once_read_to_the_end(tmp_path: Path) -> None:
    """A file larger than the buffers is read a part at a time, all of it at the end (1.0)."""
    path = tmp_path / "calls.csv"
    path.write_text(rows(20_000), encoding="utf-8")  # 1 MB: much more than the buffers
    reader = ca.read_calls(path)
    first = reader.share_read
    assert first is not None
    assert 0 < first < 0.2
    shares: list[float] = []
    for index, _ in enumerate(reader):
        if index % 1000 == 0:
            share = reader.share_read
            assert share is not None
            shares.append(share)
    assert shares == sorted(shares)
    assert shares[0] == first
    assert 0.9 < shares[-1] < 1
    assert reader.share_read == 1.0  # closed at the end
    reader.close()
    assert reader.share_read == 1.0


def test_share_read_when_closed_early_is_where_it_stopped(tmp_path: Path) -> None:
    """A reader closed before the end keeps the share it had reached."""
    path = tmp_path / "calls.csv"
    path.write_text(rows(20_000), encoding="utf-8")
    reader = ca.read_calls(path)
    next(reader)
    reached = reader.share_read
    reader.close()
    assert reader.share_read == reached
    assert reached is not None
    assert reached < 1


def test_share_read_is_not_known_for_a_stream_or_an_empty_file(tmp_path: Path) -> None:
    """A stream given (standard input, a pipe) and an empty file have no share of bytes."""
    reader = piped(3)
    assert reader.share_read is None
    assert len(list(reader)) == 3
    assert reader.share_read is None
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    reader = ca.read_calls(empty)
    assert reader.share_read is None
    assert list(reader) == []
    assert reader.share_read is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_share_read_is_not_known_for_a_named_pipe(tmp_path: Path) -> None:
    """A path that is a pipe (``<(zcat calls.csv.gz)``) has no size: only the count is known."""
    fifo = tmp_path / "calls.csv"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as stream:
            stream.write(rows(3))

    writer = threading.Thread(target=write)
    writer.start()
    reader = ca.read_calls(fifo)
    assert reader.share_read is None
    assert len(list(reader)) == 3
    writer.join()
    assert reader.share_read is None
