"""The names a group knows (its people and its watch list, for the scanner) and the
meetings that were purged."""

from __future__ import annotations

from ..storage import group_lists
from ..storage.store import Store


def watch_names(store: Store, group_id: str) -> list[str]:
    """The names a group asked to watch for (its clients), alphabetically."""
    return group_lists.names(store, "watch_names", group_id)


def add_watch_name(store: Store, group_id: str, name: str) -> bool:
    """Add a name to the group's watch list; False if it was there already."""
    return group_lists.add(store, "watch_names", group_id, name)


def remove_watch_name(store: Store, group_id: str, name: str) -> bool:
    return group_lists.remove(store, "watch_names", group_id, name)


def group_people_names(store: Store, group_id: str) -> list[str]:
    """Everyone who took part in any of the group's meetings or is on its roster."""
    return [r[0] for r in store.query(
        "select pe.name from people pe join participants p on p.person_id = pe.id "
        "join sessions s on s.id = p.session_id where s.group_id = ? union "
        "select pe.name from people pe join group_members m on m.person_id = pe.id "
        "where m.group_id = ? order by 1 collate nocase", [group_id, group_id])]


def known_names(store: Store, group_id: str) -> list[str]:
    """The names the scanner is told about for a group: its people and watch list."""
    return list(dict.fromkeys(group_people_names(store, group_id) + watch_names(store, group_id)))


def all_known_names(store: Store) -> list[str]:
    """The names of every group: for text that belongs to no group in particular."""
    people = [r[0] for r in store.query("select name from people")]
    watched = [r[0] for r in store.query("select name from watch_names")]
    return list(dict.fromkeys(people + watched))


def purged_session_ids(store: Store) -> set[str]:
    return {r[0] for r in store.query("select session_id from purged_sessions")}
