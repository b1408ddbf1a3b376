"""The places a group's region counts as its own: its municipalities, which policy talk in
shareable text may name ("de gemeente Schagen zet in op preventie"). Every other place
the lexicon knows, and any place where someone lives ("woont in Schagen"), is personal
data there (issue 24). The group's own municipality is always one of them."""

from __future__ import annotations

from ..models import Group
from ..storage import group_lists
from ..storage.store import Store


def region_places(store: Store, group_id: str) -> list[str]:
    """The places the group keeps as its region's, alphabetically (its municipality not
    among them unless added)."""
    return group_lists.names(store, "region_places", group_id)


def add_region_place(store: Store, group_id: str, name: str) -> bool:
    """Add a place to the group's region; False if it was there already."""
    return group_lists.add(store, "region_places", group_id, name)


def remove_region_place(store: Store, group_id: str, name: str) -> bool:
    return group_lists.remove(store, "region_places", group_id, name)


def _own(group: Group | None) -> list[str]:
    """The places a group's own name and municipality say ("Wijkteam Noorderhaven" names
    its neighbourhood): the group shows them in everything it shares."""
    if group is None:
        return []
    return [*([group.municipality] if group.municipality else []), *group.name.split()]


def region_of(store: Store, group_id: str | None) -> list[str]:
    """What a scan of the group's shareable text lets stay: its region's places, its own
    municipality and the places in its name."""
    if group_id is None:
        return []
    return list(dict.fromkeys(_own(store.get(Group, group_id)) + region_places(store, group_id)))


def every_region(store: Store) -> list[str]:
    """The places of every group's region, and every group's municipality: for text that
    belongs to no group in particular (a bundle of several, the regional archive)."""
    kept = [r[0] for r in store.query("select name from region_places")]
    for group in store.rows(Group):
        kept += _own(group)
    return list(dict.fromkeys(kept))
