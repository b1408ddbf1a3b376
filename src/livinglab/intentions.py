"""Voornemens followed up: a closing round at the end of every meeting, for every person
present — what did I learn, what will I do differently (Kolb's cycle: experience,
reflection, a plan, and trying it out). The group's next meeting asks each of them what
came of it ("what did you do? if not, why not?") and keeps the answers.

The closing round of the dilemma method (its `closing_round` field) gives voornemens
too: `from_closing_round` turns a review's round into the meeting's voornemens.
"""

from __future__ import annotations

import uuid

from .models import Attendance, Intention, Person
from .store import Store

NAMESPACE = uuid.UUID("9a7c3e15-2b64-4f0d-8e1a-6d4b2c9f7a31")
CLOSING_ROUND = "closing_round"


def intention_id(session_id: str, person_id: str) -> str:
    """One voornemen per person per meeting: saying it again replaces it."""
    return str(uuid.uuid5(NAMESPACE, f"{session_id}/{person_id}"))


def record(store: Store, session_id: str, person_id: str, learned: str = "",
           intention: str = "") -> Intention | None:
    """Keep what one person said in the closing round; saying nothing removes it."""
    session = store.session(session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    key = intention_id(session_id, person_id)
    existing = store.get(Intention, key)
    if not (learned.strip() or intention.strip()):
        if existing:
            store.delete(Intention, key)
        return None
    kept = existing or Intention(id=key, group_id=session.group_id, session_id=session_id,
                                 person_id=person_id)
    kept.learned, kept.intention = learned.strip(), intention.strip()
    return store.save(kept)


def closing_round(store: Store, session_id: str) -> list[tuple[Person, Intention | None]]:
    """Every person present at the meeting, with what they said in its closing round."""
    said = {i.person_id: i for i in store.intentions(session_id=session_id)}
    return [(person, said.get(person.id)) for participant, person in store.participants(session_id)
            if participant.attendance == Attendance.PRESENT]


def from_closing_round(store: Store, item_id: str) -> list[Intention]:
    """The voornemens of a review's closing round field (per participant: learned,
    intention), kept as the meeting's voornemens."""
    item = store.agenda_item(item_id)
    if item is None:
        return []
    rows = store.entries(item_id).get(CLOSING_ROUND) or {}
    person_of = {p.id: person.id for p, person in store.participants(item.session_id)}
    kept = []
    for participant_id, row in rows.items():
        if participant_id in person_of and isinstance(row, dict):
            found = record(store, item.session_id, person_of[participant_id],
                           str(row.get("learned") or ""), str(row.get("intention") or ""))
            if found:
                kept.append(found)
    return kept


def to_follow_up(store: Store, session_id: str) -> list[tuple[Person, Intention]]:
    """The voornemens this meeting asks about: every one of the group's earlier meetings
    not yet followed up (or followed up here), oldest first, with who made it."""
    session = store.session(session_id)
    people = {p.id: p for p in store.people()}
    found = [(made_on, people[intention.person_id], intention)
             for intention, made_on in store.intentions_to_ask_after(
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
