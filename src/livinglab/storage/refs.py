"""What a person types to name a record (a reference), resolved one way for every noun.

The rule: the exact id; else the noun's own words for it, declared where the noun lives
(a group by its name, a case by its slug, `latest` for a meeting or a practice run); else
a unique start of the id, of at least MIN_PREFIX characters, in either case. Nothing
found says the noun's `missing` message, more than one its `several` message, both with
the reference as typed.

A new noun is a `Noun(...)` and a `find_...` function beside its model's queries (a slow
question's in `memory/queries.py`), not here; `tests/test_refs.py` holds each to the rule
(FINDERS). Lists show `short_id`, the start a person types back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..i18n import _
from .keys import ID_PREFIX, id_prefix_range
from .store import Store, StoreError

M = TypeVar("M")

# The fewest characters that count as the start of an id. One: a start that fits several
# records asks for more of the id, which tells a person more than a refusal does.
MIN_PREFIX = 1


# How much of an id a list shows for a person to name the record by (`short_id`): a
# unique start is all `resolve` needs, and eight characters of a uuid are unique among
# many thousands of records; should two share them, `several` asks for more.
SHORT_ID = 8


def short_id(id_: str) -> str:
    """The start of an id a list shows, to type back as a reference."""
    return id_[:SHORT_ID]


class RefError(StoreError, LookupError):
    """No record, or more than one, for a reference; worded for the user."""


@dataclass(frozen=True)
class Noun(Generic[M]):
    """A kind of record a person names by reference.

    `missing` and `several` are messages marked with N_ (translated when said) with a
    `{ref}` field; `several` asks for more of the id. `where` (with `args`) narrows the
    model's rows to the noun's (a practice run is a session of one group). `extras` are
    the noun's own words, tried after the exact id and before a start of it: each takes
    the store and the reference and returns the rows it names (or raises RefError)."""

    model: type[M]
    missing: str
    several: str
    where: str = ""
    args: tuple[Any, ...] = ()
    extras: tuple[Callable[[Store, str], list[M]], ...] = ()

    def rows(self, store: Store, clause: str, args: Sequence[Any]) -> list[M]:
        where = f"{clause} and ({self.where})" if self.where else clause
        return store.select(self.model, where, [*args, *self.args], limit=2)


def resolve(store: Store, noun: Noun[M], ref: str) -> M:
    """The one record of `noun` that `ref` names; RefError otherwise."""
    return resolve_among(store, (noun,), ref, noun.missing, noun.several)[1]


def resolve_among(store: Store, nouns: Sequence[Noun], ref: str, missing: str,
                  several: str) -> tuple[Noun, Any]:
    """The one record of any of `nouns` that `ref` names, with its noun; RefError
    (`missing` or `several`, N_-marked messages with `{ref}`) otherwise."""
    if len(ref) >= MIN_PREFIX:
        steps: tuple[Callable[[Noun], list], ...] = (
            lambda noun: noun.rows(store, "id = ?", [ref]),
            lambda noun: [row for extra in noun.extras for row in extra(store, ref)],
            lambda noun: noun.rows(store, ID_PREFIX, id_prefix_range(ref)),
        )
        for step in steps:
            found = [(noun, row) for noun in nouns for row in step(noun)]
            if len(found) == 1:
                return found[0]
            if found:
                raise RefError(_(several).format(ref=ref))
    raise RefError(_(missing).format(ref=ref))
