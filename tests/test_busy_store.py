"""The store beside another program's write lock, and on a file it may not write: every
refusal is a StoreError worded for the user, and nothing stored is lost or changed."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import contextmanager

import pytest

from livinglab.models import Group
from livinglab.storage.store import Store, StoreLocked, StoreReadOnly

from conftest import empty_db
from livinglab.meeting import queries as meeting_queries


@contextmanager
def write_lock(path):
    """Another program holding the write lock (as a long import would)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def read_only_file(path, monkeypatch) -> None:
    """chmod 0444 and, as the tests run as root (whom modes do not stop), the store told
    the file is not writable, as it is told for any other user: it opens it `mode=ro`,
    and SQLite refuses every write, root's too."""
    path.chmod(0o444)
    monkeypatch.setattr("livinglab.storage.store._writable", lambda p: p != path)


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_writable_says_locked_while_another_program_writes_and_writes_nothing(
        db_path, monkeypatch):
    monkeypatch.setattr("livinglab.storage.store.BUSY_TIMEOUT_MS", 50)
    with Store(empty_db(db_path)) as store:
        store.save(Group(name="Wijkteam Noord"))
        with write_lock(db_path):
            with pytest.raises(StoreLocked, match="is locked by another program"):
                store.check_writable()
            assert not store.conn.in_transaction
        store.check_writable()  # the lock is gone: nothing to say
        assert [g.name for g in meeting_queries.groups(store)] == ["Wijkteam Noord"]


def test_a_read_only_file_is_opened_read_only_reads_and_refuses_every_write(
        db_path, monkeypatch):
    with Store(empty_db(db_path)) as store:
        store.save(Group(name="Wijkteam Noord"))
    read_only_file(db_path, monkeypatch)
    before = sha256(db_path)
    with Store(db_path) as store:
        assert store.read_only
        assert [g.name for g in meeting_queries.groups(store)] == ["Wijkteam Noord"]
        with pytest.raises(StoreReadOnly, match="is read-only"):
            store.check_writable()
        with pytest.raises(StoreReadOnly, match="is read-only"):
            store.save(Group(name="Wijkteam Zuid"))
        # A statement of the caller's own inside a transaction is worded the same way.
        with pytest.raises(StoreReadOnly, match="is read-only"):
            with store.transaction():
                store.conn.execute("insert into groups (id, name) values ('x', 'Zuid')")
        assert [g.name for g in meeting_queries.groups(store)] == ["Wijkteam Noord"]
    assert sha256(db_path) == before
