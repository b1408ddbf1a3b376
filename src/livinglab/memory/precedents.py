"""Moral precedents (moresprudentie): every moral dilemma a group reviews leaves a record
of how it was weighed — the dilemma, the values, the choices and why — so that a later
group facing a similar dilemma can see how it was weighed before.

The record follows what the review captured: the workshop calls `record_review` whenever
one of the dilemma method's fields it reads is saved.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from typing import Any

from ..models import AgendaItem, CaseKind, MethodKind, Precedent
from ..storage.store import Store
from ..library import queries as case_queries
from ..meeting import queries as meeting_queries
from . import queries as memory_queries
from ..models import Session

NAMESPACE = uuid.UUID("0c5e4b8a-3f1d-4c27-9e6b-7a2d5f8c1e90")
FIELDS = frozenset({"dilemma", "parties", "choices", "dialogue", "conclusion"})


def precedent_id(item_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, item_id))


def is_dilemma_review(store: Store, item: AgendaItem) -> bool:
    method = item.method_snapshot or {}
    if method.get("kind") == MethodKind.DILEMMA.value:
        return True
    case = case_queries.case(store, item.case_id) if item.case_id else None
    return bool(case and case.kind == CaseKind.DILEMMA and method)


def _text(value: Any) -> str:
    return str(value or "").strip()


_OPTION = re.compile(r"\s*([AaBb])\s*(?:$|[:,.;)\-–—]|\s)")


def tally(choices: list[str]) -> str:
    """Each person's choice counted: by its option where it starts with one ("A", "a: melden",
    "B, want ..."), else by its words in any case, shown as first typed. "2 × A; 1 × eerst
    praten": a semicolon between, as a choice may hold a comma. (Counted in capitals, one
    person's "A, melden" and another's "A, melden bij de huisarts" were two choices.)"""
    counted: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for choice in filter(None, choices):
        option = _OPTION.match(choice)
        key = option.group(1).upper() if option else " ".join(choice.casefold().split())
        shown.setdefault(key, option.group(1).upper() if option else choice)
        counted[key] += 1
    return "; ".join(f"{counted[key]} × {shown[key]}" for key in sorted(counted))


def weighed(values: dict[str, Any]) -> dict[str, Any]:
    """What a dilemma review's captured values say about how it was weighed."""
    dilemma = values.get("dilemma") or {}
    options = [f"{label}: {_text(dilemma.get(key))}" for label, key in (("A", "a"), ("B", "b"))
               if _text(dilemma.get(key))]
    parties = values.get("parties") or []
    choices = list((values.get("choices") or {}).values())
    weighing = [_text(row.get("value")) for row in [*parties, *choices]]
    return {
        "dilemma": "\n".join(filter(None, [_text(dilemma.get("question")), *options])),
        "values": list(dict.fromkeys(v for v in weighing if v)),
        "choices": tally([_text(row.get("choice")) for row in choices]),
        "choice": _text(values.get("conclusion")),
        "why": _text(values.get("dialogue")),
    }


def record_review(store: Store, item_id: str) -> Precedent | None:
    """Keep (or bring up to date) the precedent of a dilemma review; None for any other
    item, or while nothing about the dilemma has been captured yet."""
    item = store.get(AgendaItem, item_id)
    if item is None or not is_dilemma_review(store, item):
        return None
    found = weighed(meeting_queries.entries(store, item_id))
    if not (found["dilemma"] or found["values"] or found["choice"]):
        return None
    session = store.get(Session, item.session_id)
    case = case_queries.case(store, item.case_id) if item.case_id else None
    existing = store.get(Precedent, precedent_id(item_id))
    precedent = Precedent(
        id=precedent_id(item_id), group_id=session.group_id, session_id=session.id,
        item_id=item.id, case_id=case.id if case else None,
        title=case.title if case else item.title, themes=case.themes if case else [],
        **found, **({"created_at": existing.created_at} if existing else {}))
    if precedent != existing:
        store.save(precedent)
    return precedent


def all_precedents(store: Store, group_id: str | None = None) -> list[Precedent]:
    return memory_queries.precedents(store, group_id)


def similar(store: Store, item_id: str, limit: int = 5) -> list[Precedent]:
    """Precedents from earlier dilemma reviews that a group now reviewing `item_id` may
    learn from: the same case first, then by the themes they share; never itself."""
    item = store.get(AgendaItem, item_id)
    case = case_queries.case(store, item.case_id) if item and item.case_id else None
    themes = set(case.themes if case else [])
    scored = []
    for p in memory_queries.precedents(store):
        if p.item_id == item_id:
            continue
        score = (10 if case and p.case_id == case.id else 0) + len(themes & set(p.themes))
        if score:
            scored.append((score, p.created_at, p))
    scored.sort(key=lambda s: (-s[0], s[1]), reverse=False)
    return [p for _score, _at, p in scored[:limit]]
