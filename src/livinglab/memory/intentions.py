"""Voornemens followed up: a closing round at the end of every meeting, for everyone
who is there — what did I learn, what will I do differently (Kolb's cycle: experience,
reflection, a plan, and trying it out). The group's next meeting asks each of them what
came of it ("what did you do? if not, why not?") and keeps the answers.

A voornemen is one record (`Intention`) per person per meeting, whether it was said at
the meeting's closing item (Sluiting) or at a review's own closing round (the dilemma
method's `closing_round` field). Every reader (the closing item, the minutes, the next
meeting) reads the record. The review's field shows the same record: `record` writes the
record and then `show_in_reviews` copies it into the field, because the step's editor
reads the field's stored value.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from ..methods import resolve_method
from ..models import FieldType, Intention, Method, Participant, Person, Session
from ..storage.store import Store
from ..meeting import queries as meeting_queries
from . import queries as memory_queries
from ..models import AgendaItem

NAMESPACE = uuid.UUID("9a7c3e15-2b64-4f0d-8e1a-6d4b2c9f7a31")
CLOSING_ROUND = "closing_round"
COLUMNS = ("learned", "intention")


def intention_id(session_id: str, person_id: str) -> str:
    """One voornemen per person per meeting: saying it again replaces it."""
    return str(uuid.uuid5(NAMESPACE, f"{session_id}/{person_id}"))


def _keep(store: Store, session: Session, person_id: str, learned: str,
          intention: str) -> Intention | None:
    key = intention_id(session.id, person_id)
    existing = store.get(Intention, key)
    if not (learned.strip() or intention.strip()):
        if existing:
            store.delete(Intention, key)
        return None
    kept = existing or Intention(id=key, group_id=session.group_id, session_id=session.id,
                                 person_id=person_id)
    if (kept.learned, kept.intention) != (learned.strip(), intention.strip()) or not existing:
        kept.learned, kept.intention = learned.strip(), intention.strip()
        store.save(kept)
    return kept


def _session(store: Store, session_id: str) -> Session:
    session = store.get(Session, session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    return session


def record(store: Store, session_id: str, person_id: str, learned: str = "",
           intention: str = "") -> Intention | None:
    """Keep what one person said in the closing round; saying nothing removes it."""
    session = _session(store, session_id)
    with store.transaction():
        kept = _keep(store, session, person_id, learned, intention)
        show_in_reviews(store, session_id)
    return kept


def asks_for_round(method: Method | None) -> bool:
    """Whether a review's method has a closing round of its own: a per-participant field
    of this key (a group's own method may use the key otherwise)."""
    found = method.fields().get(CLOSING_ROUND) if method else None
    return bool(found and found.type == FieldType.PER_PARTICIPANT)


def said_in(kept: Iterable[Intention], participants: list[tuple[Participant, Person]],
            session: Session, rounds: Iterable[Any] = ()) -> dict[str, Intention]:
    """What each person said in a meeting's closing round, by person id: their record, and
    where a database from before the records holds only a review's closing-round field
    (`rounds`: its values), what that field says (unsaved, with the id it would be kept
    under). A record wins over the field: it may be a later edit."""
    said = {i.person_id: i for i in kept}
    person_of = {p.id: p.person_id for p, _person in participants}
    for rows in rounds:
        for participant_id, row in (rows if isinstance(rows, dict) else {}).items():
            person_id = person_of.get(participant_id)
            if person_id is None or person_id in said or not isinstance(row, dict):
                continue
            learned, intention = (str(row.get(c) or "").strip() for c in COLUMNS)
            if learned or intention:
                said[person_id] = Intention(
                    id=intention_id(session.id, person_id), group_id=session.group_id,
                    session_id=session.id, person_id=person_id, learned=learned,
                    intention=intention)
    return said


def _rounds(store: Store, session_id: str) -> list[Any]:
    """The values of the meeting's closing-round fields, for `said_in`."""
    entries = meeting_queries.entries_of_session(store, session_id)
    return [entries.get(item.id, {}).get(CLOSING_ROUND) for item in meeting_queries.agenda(store, session_id)
            if asks_for_round(resolve_method(item))]


def closing_round(store: Store, session_id: str) -> list[tuple[Person, Intention | None]]:
    """Everyone who is there (present, arrived late, walked in), with what they said in the
    meeting's closing round."""
    session = _session(store, session_id)
    participants = meeting_queries.participants(store, session_id)
    said = said_in(memory_queries.intentions(store, session_id=session_id), participants, session,
                   _rounds(store, session_id))
    return [(person, said.get(person.id)) for participant, person in participants
            if participant.attendance.was_there]


def show_in_reviews(store: Store, session_id: str) -> None:
    """Copy the meeting's voornemens into each review's closing-round field, so the step
    shows what the closing item (or another review) changed: the field holds what the
    records hold, its other columns (a group's own method may add some) kept."""
    items = [item for item in meeting_queries.agenda(store, session_id) if asks_for_round(resolve_method(item))]
    if not items:
        return
    kept = {i.person_id: i for i in memory_queries.intentions(store, session_id=session_id)}
    participants = meeting_queries.participants(store, session_id)
    for item in items:
        stored = meeting_queries.entries(store, item.id).get(CLOSING_ROUND)
        stored = stored if isinstance(stored, dict) else {}
        shown = {}
        for participant, person in participants:
            row = {k: v for k, v in (stored.get(participant.id) or {}).items()
                   if k not in COLUMNS}
            said = kept.get(person.id)
            if said:
                row.update(learned=said.learned, intention=said.intention)
            if any(str(v).strip() for v in row.values()):
                shown[participant.id] = row
        if shown != stored:
            store.save_entry(item.id, CLOSING_ROUND, shown)


def from_closing_round(store: Store, item_id: str) -> list[Intention]:
    """A review's closing-round field, just saved, kept as the meeting's voornemens (one
    record per person: learned, intention) and shown again in every review of the meeting."""
    item = store.get(AgendaItem, item_id)
    if item is None or not asks_for_round(resolve_method(item)):
        return []
    session = _session(store, item.session_id)
    rows = meeting_queries.entries(store, item_id).get(CLOSING_ROUND)
    person_of = {p.id: p.person_id for p, _person in meeting_queries.participants(store, session.id)}
    kept = []
    with store.transaction():
        for participant_id, row in (rows if isinstance(rows, dict) else {}).items():
            if participant_id in person_of and isinstance(row, dict):
                found = _keep(store, session, person_of[participant_id],
                              str(row.get("learned") or ""), str(row.get("intention") or ""))
                if found:
                    kept.append(found)
        show_in_reviews(store, session.id)
    return kept


def to_follow_up(store: Store, session_id: str) -> list[tuple[Person, Intention]]:
    """The voornemens this meeting asks about: every one of the group's earlier meetings
    not yet followed up (or followed up here), oldest first, with who made it."""
    session = store.get(Session, session_id)
    people = {p.id: p for p in meeting_queries.people(store)}
    found = [(made_on, people[intention.person_id], intention)
             for intention, made_on in memory_queries.intentions_to_ask_after(store, 
                 session.group_id, session_id, session.date)
             if intention.person_id in people]
    found.sort(key=lambda f: (f[0], f[1].name.casefold()))
    return [(person, intention) for _date, person, intention in found]


def follow_up(store: Store, intention_id: str, session_id: str, done: bool,
              answer: str = "") -> Intention:
    """Keep the answer a person gives at a later meeting: done or not, and why not."""
    intention = store.get(Intention, intention_id)
    if intention is None:
        raise LookupError(f"no voornemen with id {intention_id}")
    intention.followed_up_in, intention.done, intention.answer = session_id, done, answer.strip()
    return store.save(intention)
