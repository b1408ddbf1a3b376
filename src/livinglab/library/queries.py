"""The case library read from the store: a case by id or slug, the cases, and the
meetings that reviewed a case."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..i18n import N_
from ..models import (
    AgendaItem,
    Case,
    Session,
    SessionStatus,
)
from ..storage.keys import NOT_PRACTICE
from ..storage.refs import Noun, resolve
from ..storage.store import Store


def case(store: Store, ref: str) -> Case | None:
    """A case by id or slug, exactly: how an agenda item or a series names its case."""
    found = store.select(Case, "id = ? or slug = ?", [ref, ref])
    return found[0] if found else None


def cases_with_slug(store: Store, slug: str) -> list[Case]:
    """A case's own word for a reference: its slug."""
    return store.select(Case, "slug = ?", [slug])


CASE = Noun(Case, N_("no case with id {ref}"),
            N_("{ref} matches more than one case; give more of the id"),
            extras=(cases_with_slug,))


def find_case(store: Store, ref: str) -> Case:
    """A case a person names: by id, slug or a unique start of its id; RefError otherwise."""
    return resolve(store, CASE, ref)


def cases(store: Store, kind: str | None = None, theme: str | None = None) -> list[Case]:
    where, args = store.where(kind=kind)
    if theme:
        clause = "exists (select 1 from json_each(cases.themes) where value = ?)"
        where = f"{where} and {clause}" if where else clause
        args.append(theme)
    return store.select(Case, where, args, order_by="title collate nocase")


def count_cases(store: Store) -> int:
    return store.query("select count(*) from cases")[0][0]


def cases_by_ref(store: Store, refs: Iterable[str]) -> dict[str, Case]:
    """The cases with these ids or slugs (as `case` finds them), by the ref given."""
    refs = sorted(set(refs))
    rows = store.query_dicts(
        "select * from cases where id in (select value from json_each(?1)) "
        "or slug in (select value from json_each(?1))", [json.dumps(refs)])
    by_ref: dict[str, Case] = {}
    for row in rows:
        row.pop("body", None)
        for column in ("themes", "sections"):
            if isinstance(row.get(column), str):
                row[column] = json.loads(row[column])
        case = Case.model_validate({k: v for k, v in row.items() if v is not None})
        by_ref[case.id] = by_ref[case.slug] = case
    return {ref: by_ref[ref] for ref in refs if ref in by_ref}


def reviews_of_case(store: Store, case: Case) -> list[tuple[Session, AgendaItem]]:
    """Finished group meetings (practice runs left out) that reviewed a case, newest
    first, with the agenda item of the review: the archive's precedents. An item
    names its case by id or by slug (as `case` finds it)."""
    rows = store.query_dicts(
        "select s.id as session_id, a.id as item_id from agenda_items a "
        "join sessions s on s.id = a.session_id where a.case_id in (?, ?) and s.status = ? "
        f"and s.{NOT_PRACTICE} order by s.date desc, s.created_at desc",
        [case.id, case.slug, SessionStatus.FINISHED.value])
    found = []
    for row in rows:
        session, item = store.get(Session, row["session_id"]), store.get(AgendaItem, row["item_id"])
        if session and item:
            found.append((session, item))
    return found
