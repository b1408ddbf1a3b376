"""Agreements looked back on: a review that set a date to evaluate what it agreed (the
dilemma method's step 9, any `date` field) comes back at the group's first meeting on or
after that date, under "Actielijst vorige keer", beside the open actions.

What comes back is what the step holding the date agreed: its text (the conclusion) and
its decisions; its actions come back on the action list already.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from ..methods import resolve_method
from ..models import AgendaItem, FieldType, Session
from ..storage.store import Store
from . import queries as meeting_queries


@dataclasses.dataclass(frozen=True)
class LookBack:
    agreed_in: Session  # the meeting that agreed
    item: AgendaItem
    evaluate_on: dt.date
    agreed: list[str]  # the step's text and decisions, as written then


def agreements_to_look_back(store: Store, session: Session) -> list[LookBack]:
    """The agreements of the group's earlier meetings whose evaluation date has come and
    for which this is the group's first meeting on or after it; oldest first."""
    # Only values written as a date can be one; the method says which fields are dates.
    rows = store.conn.execute(
        "select e.item_id, e.field_key, e.value from entries e "
        "join agenda_items a on a.id = e.item_id join sessions s on s.id = a.session_id "
        "where s.group_id = ? and s.id != ? and s.date < ? and e.value glob '\"????-??-??\"'",
        [session.group_id, session.id, session.date.isoformat()]).fetchall()
    found = []
    for item_id, key, value in rows:
        evaluate_on = dt.date.fromisoformat(json.loads(value))
        if evaluate_on > session.date or not _first_meeting_from(store, session, evaluate_on):
            continue
        item = store.get(AgendaItem, item_id)
        method = resolve_method(item) if item else None
        step = next((s for s in method.steps for f in s.fields
                     if f.key == key and f.type == FieldType.DATE), None) if method else None
        if step is None:
            continue
        entries = meeting_queries.entries(store, item.id)
        agreed = [str(entries.get(f.key) or "").strip() for f in step.fields
                  if f.type == FieldType.TEXT]
        agreed += [d.text for d in meeting_queries.decisions(store, item.session_id, item.id,
                                                              step.id)]
        found.append(LookBack(store.get(Session, item.session_id), item, evaluate_on,
                              [text for text in agreed if text]))
    return sorted(found, key=lambda b: (b.agreed_in.date, b.item.position))


def _first_meeting_from(store: Store, session: Session, day: dt.date) -> bool:
    """Whether no other meeting of the group falls between `day` and this one."""
    earlier = store.conn.execute(
        "select 1 from sessions where group_id = ? and id != ? and date >= ? and date < ? "
        "limit 1", [session.group_id, session.id, day.isoformat(),
                    session.date.isoformat()]).fetchone()
    return earlier is None
