"""A group's lists of names kept one a row: its watch list (`watch_names`, the clients
whose names its shareable texts leave out) and its region (`region_places`). A name is
kept once a group in any case of its letters and with its spaces made single."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

LISTS = ("watch_names", "region_places")  # tables of (group_id, name, created_at)


def names(store: Store, table: str, group_id: str) -> list[str]:
    """The group's names in `table`, alphabetically."""
    assert table in LISTS, table
    return [r[0] for r in store.query(
        f"select name from {table} where group_id = ? order by name collate nocase",
        [group_id])]


def add(store: Store, table: str, group_id: str, name: str) -> bool:
    """Add a name to the group's list; False if it was there already."""
    from ..models import now

    assert table in LISTS, table
    with store.transaction():
        cursor = store.conn.execute(
            f"insert or ignore into {table} (group_id, name, created_at) values (?, ?, ?)",
            [group_id, " ".join(name.split()), now().isoformat()])
    return cursor.rowcount == 1


def remove(store: Store, table: str, group_id: str, name: str) -> bool:
    """Take a name off the group's list; False if it was not on it."""
    assert table in LISTS, table
    with store.transaction():
        cursor = store.conn.execute(
            f"delete from {table} where group_id = ? and name = ? collate nocase",
            [group_id, " ".join(name.split())])
    return cursor.rowcount > 0
