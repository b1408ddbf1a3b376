"""The places a group's region counts as its own: its municipalities, which policy talk in
shareable text may name ("de gemeente Schagen zet in op preventie"). Every other place
the lexicon knows, and any place where someone lives ("woont in Schagen"), is personal
data there (issue 24). The group's own municipality is always one of them."""

from __future__ import annotations

import re

from ..i18n import N_
from ..models import Group
from ..storage import group_lists
from ..storage.store import Store
from ..text.terminal import clean

# Said where shareable text of a group without a region is made (`region_known`): why
# its own municipalities went too. One line each, in the app and on the command line.
NO_REGION_APP = N_("No region known: every place name is replaced. Set the region at the "
                   "group (g on the home screen).")
NO_REGION_CLI = N_("No region known: every place name is replaced. Set the region with "
                   "livinglab privacy places add.")

# A place of the region as typed: a municipality's name is short ("Súdwest-Fryslân",
# "Alphen aan den Rijn"); longer is a paste of something else.
LONGEST_PLACE = 80


def region_places(store: Store, group_id: str) -> list[str]:
    """The places the group keeps as its region's, alphabetically (its municipality not
    among them unless added)."""
    return group_lists.names(store, "region_places", group_id)


def add_region_place(store: Store, group_id: str, name: str) -> bool:
    """Add a place to the group's region; False if it was there already."""
    return group_lists.add(store, "region_places", group_id, name)


def remove_region_place(store: Store, group_id: str, name: str) -> bool:
    return group_lists.remove(store, "region_places", group_id, name)


def parse_places(text: str) -> list[str]:
    """Places typed on one line, separated by commas or semicolons (the app's field
    "Municipalities of the region"): each with its spaces made single, once in any case
    of its letters, empty parts left out."""
    places = [" ".join(part.split()) for part in re.split(r"[,;\n]", clean(text))]
    seen: dict[str, str] = {}
    for place in places:
        if place:
            seen.setdefault(place.casefold(), place)
    return list(seen.values())


def places_problem(places: list[str]) -> str:
    """What is wrong with places to keep as a region, worded for the user; "" if nothing."""
    from ..i18n import _

    too_long = next((p for p in places if len(p) > LONGEST_PLACE), None)
    if too_long is not None:
        return _("A place of at most {most} characters, please: \"{start}…\" is longer.").format(
            most=LONGEST_PLACE, start=too_long[:20])
    return ""


def set_region_places(store: Store, group_id: str, places: list[str]) -> tuple[int, int]:
    """The group's region becomes `places` (as `parse_places` gives them): each one not kept
    yet is added and each kept one not among them removed, through the same functions as
    `privacy places add` and `remove`, in one transaction. (added, removed)."""
    wanted = {" ".join(p.split()).casefold() for p in places}
    with store.transaction():
        removed = sum(remove_region_place(store, group_id, kept)
                      for kept in region_places(store, group_id)
                      if kept.casefold() not in wanted)
        added = sum(add_region_place(store, group_id, place) for place in places)
    return added, removed


def region_known(store: Store, group_id: str | None) -> bool:
    """Whether anyone told the app the group's region: it keeps places, or has a
    municipality. Without, shareable text of the group replaces every place it names
    (the words of the group's name aside), its own municipalities too."""
    if group_id is None:
        return False
    group = store.get(Group, group_id)
    return bool(group and group.municipality) or bool(region_places(store, group_id))


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
