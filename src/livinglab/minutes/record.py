"""A meeting's record: everything its minutes show, read from the store at once.

One query per table for the whole meeting (the agenda items, their entries, actions,
decisions, step times and cases; the dates of the earlier meetings whose actions carry
on), so a meeting with many items, or a group with a long history, costs no more queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..memory import intentions as voornemens
from ..methods import resolve_method
from ..models import (
    Action, ActionEvent, AgendaItem, AgendaKind, Case, Decision, Group, Lesson, Method,
    Intention, MinutesEvent, Participant, Person, PlannedSession, Session, SlowQuestion,
    StepTime,
)
from ..library import queries as case_queries
from ..meeting import queries as meeting_queries
from ..meeting.lookback import LookBack, agreements_to_look_back
from ..memory import queries as memory_queries


@dataclass
class ReviewRecord:
    item: AgendaItem
    case: Case | None
    method: Method | None
    entries: dict[str, Any]
    actions: list[Action]
    decisions: list[Decision]
    step_times: dict[str, StepTime]


@dataclass
class MeetingRecord:
    session: Session
    group: Group | None
    participants: list[tuple[Participant, Person]]
    items: list[AgendaItem]
    reviews: dict[str, ReviewRecord]
    decisions: list[Decision]
    actions: list[Action]
    earlier_actions: list[Action]
    slow_questions: list[SlowQuestion]
    lessons: list[Lesson]
    dates: dict[str, dt.date] = field(default_factory=dict)  # session id -> date
    # What this meeting said about earlier actions, by action id.
    follow_ups: dict[str, list[ActionEvent]] = field(default_factory=dict)
    # The life of these minutes (corrected, vastgesteld, reopened), and the earlier
    # minutes this meeting approved.
    minutes_events: list[MinutesEvent] = field(default_factory=list)
    approved_here: list[MinutesEvent] = field(default_factory=list)
    times: dict[str, dict[str, StepTime]] = field(default_factory=dict)  # every item's time
    # The closing round's voornemens, and the earlier ones this meeting asked after.
    intentions: list[tuple[Person, Intention]] = field(default_factory=list)
    # The one agenda item the voornemens are listed at (see `intentions_item`).
    intentions_at: str | None = None
    intentions_followed: list[tuple[Person, Intention]] = field(default_factory=list)
    intentions_unanswered: list[tuple[Person, Intention]] = field(default_factory=list)
    look_backs: list[LookBack] = field(default_factory=list)  # agreements due for evaluation
    # Volgende vergadering: the group's next meeting, else the next date of its series.
    next_meeting: Session | PlannedSession | None = None


def load_meeting(store, session_id: str, methods=None) -> MeetingRecord:
    session = store.get(Session, session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    items = meeting_queries.agenda(store, session_id)
    participants = meeting_queries.participants(store, session_id)
    reviewed = [item for item in items if item.kind == AgendaKind.CASE_REVIEW]
    cases = case_queries.cases_by_ref(store, (item.case_id for item in reviewed if item.case_id))
    entries = meeting_queries.entries_of_session(store, session_id)
    times = meeting_queries.step_times_of_session(store, session_id)
    # Its actions, and the earlier ones its action list carries, as they stood when it
    # ended: what a later meeting did with them is not in these minutes (one read of
    # their history for both).
    here = meeting_queries.action_events(store, session_id=session_id)
    followed = {event.action_id for event in here}
    own = meeting_queries.actions(store, session_id=session_id)
    read = meeting_queries.as_of(
        store, session, own + meeting_queries.carried_candidates(store, session, followed))
    actions, earlier = read[:len(own)], meeting_queries.carried_on(read[len(own):], followed)
    decisions = meeting_queries.decisions(store, session_id)
    method_of = {item.id: resolve_method(item, methods) for item in reviewed}
    rounds = [item.id for item in reviewed if voornemens.asks_for_round(method_of[item.id])]
    said = voornemens.said_in(
        memory_queries.intentions(store, session_id=session_id), participants, session,
        [entries.get(item_id, {}).get(voornemens.CLOSING_ROUND) for item_id in rounds])
    intentions_at = intentions_item(items, rounds, bool(said))
    reviews = {
        item.id: ReviewRecord(
            item=item,
            case=cases.get(item.case_id) if item.case_id else None,
            method=method_of[item.id],
            entries=review_entries(entries.get(item.id, {}), item.id in rounds, said.values(),
                                   participants, item.id == intentions_at),
            actions=[a for a in actions if a.item_id == item.id],
            decisions=[d for d in decisions if d.item_id == item.id],
            step_times=times.get(item.id, {}),
        )
        for item in reviewed
    }
    # Earlier actions: those still open, and those this meeting followed up (with outcome).
    follow_ups: dict[str, list[ActionEvent]] = {}
    for event in here:
        follow_ups.setdefault(event.action_id, []).append(event)
    approved_here = meeting_queries.minutes_settled_by(store, session_id)
    earlier_sessions = meeting_queries.sessions_by_id(store, 
        [a.session_id for a in earlier] + [e.session_id for e in approved_here])
    followed = [i for i in memory_queries.intentions(store, followed_up_in=session_id) if i.session_id != session_id]
    # Voornemens this meeting was to ask after and did not: listed as such, not dropped.
    unanswered = [i for i, _made_on in memory_queries.intentions_to_ask_after(
        store, session.group_id, session_id, session.date) if i.followed_up_in is None] \
        if any(item.kind == AgendaKind.ACTION_FOLLOW_UP for item in items) else []
    people = meeting_queries.people_by_id(  # only those whose voornemens are listed
        store, [i.person_id for i in [*said.values(), *followed, *unanswered]])
    order = {person.id: n for n, (_p, person) in enumerate(participants)}

    def with_people(intentions: list[Intention]) -> list[tuple[Person, Intention]]:
        return [(people[i.person_id], i) for i in intentions if i.person_id in people]

    return MeetingRecord(
        session=session, group=store.get(Group, session.group_id),
        participants=participants, items=items, reviews=reviews,
        decisions=decisions, actions=actions, earlier_actions=earlier,
        slow_questions=memory_queries.slow_questions(store, session.group_id, open_only=True),
        lessons=[lesson for lesson in memory_queries.lessons(store, session_id=session_id) if lesson.share],
        dates={id: s.date for id, s in earlier_sessions.items()},
        follow_ups=follow_ups, minutes_events=meeting_queries.minutes_events(store, session_id),
        approved_here=approved_here, times=times,
        intentions=with_people(sorted(said.values(), key=lambda i: order.get(i.person_id, 0))),
        intentions_followed=with_people(followed), intentions_at=intentions_at,
        look_backs=agreements_to_look_back(store, session)
        if any(item.kind == AgendaKind.ACTION_FOLLOW_UP for item in items) else [],
        intentions_unanswered=with_people(unanswered),
        next_meeting=_next_meeting(store, session),
    )


def _next_meeting(store, session: Session) -> Session | PlannedSession | None:
    """The group's next meeting; else the next date its series plans: two queries."""
    if (found := meeting_queries.next_meeting(store, session)) is not None:
        return found
    planned = [m for series in meeting_queries.series(store, group_id=session.group_id)
               if any(m.session_id == session.id for m in series.meetings)
               for m in series.meetings if m.session_id is None and m.date > session.date]
    return min(planned, key=lambda m: m.date) if planned else None


def intentions_item(items: list[AgendaItem], rounds: list[str], any_said: bool) -> str | None:
    """Where the minutes list the voornemens, once: at the closing item (Sluiting), else
    at the last review with a closing round of its own (`rounds`), else at the last item."""
    closing = [i.id for i in items if i.kind == AgendaKind.CLOSING_ROUND]
    if closing or rounds:
        return (closing or rounds[::-1])[0]
    return items[-1].id if items and any_said else None


def review_entries(entries: dict[str, Any], has_round: bool, said: Iterable[Intention],
                   participants: list[tuple[Participant, Person]], listed_here: bool) -> dict:
    """A review's captured fields as its minutes write them: its closing-round field
    holds the meeting's voornemens where they are listed, and is left out elsewhere
    (the field may be an old copy: the records are what was said)."""
    if not has_round:
        return entries
    entries = {k: v for k, v in entries.items() if k != voornemens.CLOSING_ROUND}
    if listed_here:
        participant_of = {person.id: p.id for p, person in participants}
        entries[voornemens.CLOSING_ROUND] = {
            participant_of[i.person_id]: {"learned": i.learned, "intention": i.intention}
            for i in said if i.person_id in participant_of}
    return entries
