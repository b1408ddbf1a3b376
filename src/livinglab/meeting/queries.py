"""What a meeting and its group hold, read from the store: sessions, their people,
agenda, captured entries, step times, actions and decisions, the group and its roster."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from ..i18n import N_, _
from ..models import (
    PRACTICE_GROUP_ID,
    Action,
    ActionEvent,
    ActionOutcome,
    ActionStatus,
    AgendaItem,
    Decision,
    Group,
    GroupMember,
    Heartbeat,
    MinutesEvent,
    Participant,
    Person,
    Series,
    Session,
    SessionStatus,
    StepTime,
)
from ..storage import search
from ..storage.keys import NOT_PRACTICE, SESSION_ORDER, entry_id
from ..storage.refs import Noun, RefError, resolve
from ..storage.store import Store, StoreError



def groups(store: Store) -> list[Group]:
    return store.select(Group, f"id != '{PRACTICE_GROUP_ID}'", order_by="name collate nocase")


def people(store: Store) -> list[Person]:
    return store.select(Person, order_by="name collate nocase")


def people_by_id(store: Store, ids: Iterable[str]) -> dict[str, Person]:
    """The people with these ids, by id: one query, not every person of every group."""
    return {p.id: p for p in store.select(Person, "id in (select value from json_each(?))",
                                          [json.dumps(sorted(set(ids)))])}


def sessions(store: Store, status: SessionStatus | None = None, limit: int | None = None,
    offset: int | None = None, group_id: str | None = None,
    on_or_before: dt.date | None = None,
) -> list[Session]:
    where, args = store.where(status=status and status.value, group_id=group_id)
    where = f"{where} and {NOT_PRACTICE}" if where else NOT_PRACTICE
    if on_or_before is not None:
        where += " and date <= ?"
        args.append(on_or_before.isoformat())
    return store.select(
        Session, where, args, order_by=SESSION_ORDER, limit=limit, offset=offset
    )


def same_day(store: Store, session: Session) -> list[Session]:
    """The group's other meetings on the day of `session`."""
    return store.select(Session, "group_id = ? and date = ? and id != ?",
                        [session.group_id, session.date.isoformat(), session.id])


def practice_sessions(store: Store, limit: int | None = None) -> list[Session]:
    """Practice runs, newest first: no group's meetings, but a student's own data."""
    return store.select(Session, "group_id = ?", [PRACTICE_GROUP_ID],
                        order_by=SESSION_ORDER, limit=limit)


def count_sessions(store: Store, status: SessionStatus | None = None) -> int:
    where, args = store.where(status=status and status.value)
    where = f"{where} and {NOT_PRACTICE}" if where else NOT_PRACTICE
    return store.query(f"select count(*) from sessions where {where}", args)[0][0]


def latest_session(store: Store, ref: str) -> list[Session]:
    """`latest`: the meeting held last (running, or finished on the newest day, the one
    started last that day); a planned one only when none has been held. A meeting's own
    word for a reference (see MEETING)."""
    if ref != "latest":
        return []
    # The demo and real groups plan ahead: the newest by date is often one that has not
    # been held, with empty minutes. On one day the planned start time does not say
    # which was held last (a meeting may have none): when it started does.
    held = [store.select(Session, f"status = ? and {NOT_PRACTICE}", [status.value],
                         order_by=SESSION_ORDER, limit=1)
            for status in (SessionStatus.RUNNING, SessionStatus.FINISHED)]
    newest = max((found[0].date for found in held if found), default=None)
    if newest is not None:
        same_day = store.select(
            Session, f"status in (?, ?) and date = ? and {NOT_PRACTICE}",
            [SessionStatus.RUNNING.value, SessionStatus.FINISHED.value, newest.isoformat()])
        return [max(same_day, key=lambda s: (s.status == SessionStatus.RUNNING,
                                             s.started_at or dt.datetime.min.replace(
                                                 tzinfo=dt.timezone.utc),
                                             s.start_time or dt.time()))]
    found = sessions(store, limit=1)
    if not found:
        raise RefError(_("there are no meetings yet"))
    return found


MEETING = Noun(Session, N_("no meeting with id {ref}"),
               N_("{ref} matches more than one meeting; give more of the id"),
               where=NOT_PRACTICE, extras=(latest_session,))


def find_session(store: Store, ref: str) -> Session:
    """A meeting by id, `latest`, or a unique start of its id; RefError otherwise."""
    return resolve(store, MEETING, ref)


def participants(store: Store, session_id: str) -> list[tuple[Participant, Person]]:
    """The session's participants with their people, in the order they were added."""
    sql = (
        "select p.id, p.session_id, p.person_id, p.role, p.attendance, "
        "pe.name, pe.organisation, pe.discipline from participants p "
        "join people pe on pe.id = p.person_id where p.session_id = ? order by p.rowid"
    )
    result = []
    for row in store.query(sql, [session_id]):
        participant = Participant(
            id=row[0], session_id=row[1], person_id=row[2], role=row[3], attendance=row[4]
        )
        result.append((participant, Person(id=row[2], name=row[5], organisation=row[6],
                                           discipline=row[7])))
    return result


def delete_agenda_item(store: Store, id: str) -> None:
    with store.transaction(), store.sqlite_errors():
        # Its notes and captured fields leave the search; its actions stay.
        search.remove(store.conn, [id, *(entry_id(id, key) for (key,) in store.conn.execute(
            "select field_key from entries where item_id = ?", [id]))])
        for table in ("entries", "step_times"):
            store.db[table].delete_where("item_id = ?", [id])
        hashes = [r[0] for r in store.conn.execute(
            "select method_hash from agenda_items where id = ?", [id])]
        store.db["agenda_items"].delete_where("id = ?", [id])
        # A method copy no item uses any more goes too.
        store.db["method_copies"].delete_where(
            "hash = ? and not exists (select 1 from agenda_items where method_hash = ?)",
            [hashes[0], hashes[0]] if hashes else [None, None],
        )


def agenda(store: Store, session_id: str) -> list[AgendaItem]:
    return store.select(AgendaItem, "session_id = ?", [session_id], order_by="position")


def entries(store: Store, item_id: str) -> dict[str, Any]:
    """Everything captured for an agenda item, by field key."""
    rows = store.query("select field_key, value from entries where item_id = ?", [item_id])
    return {key: json.loads(value) for key, value in rows}


def actions(store: Store, session_id: str | None = None, item_id: str | None = None,
    step_id: str | None = None,
) -> list[Action]:
    where, args = store.where(session_id=session_id, item_id=item_id, step_id=step_id)
    return store.select(Action, where, args, order_by="created_at, rowid")


# A meeting before another, in the order every list of meetings has (SESSION_ORDER):
# `s` before the meeting with id ?.
_BEFORE = ("(s.date, coalesce(s.start_time, ''), s.created_at) < (select m.date, "
           "coalesce(m.start_time, ''), m.created_at from sessions m where m.id = ?)")


def earlier_open_actions(store: Store, session: Session) -> list[Action]:
    """The actions of the group's earlier meetings that were open as this meeting saw
    them (`as_of`): the actielijst carries them on. An action closed by a later meeting
    stays in this meeting's list, as it was then."""
    return carried_on(as_of(store, session, carried_candidates(store, session)))


def carried_candidates(store: Store, session: Session, followed: Iterable[str] = ()
                       ) -> list[Action]:
    """What a meeting's action list may carry, as stored now, in the order they were
    made: the earlier meetings' actions open now or followed up by this meeting or a
    later one (they may have been open then), and those of `followed` (ids). `as_of`
    reads them as the meeting saw them, `carried_on` keeps those it carries."""
    # Through the (group, status) index, the sessions' (group, date) index from this
    # meeting's day on and the history's session index: for the newest meeting it costs
    # the same after ten meetings or ten thousand; an older one reads what came after it.
    ids = json.dumps(sorted(set(followed)))
    sql = (
        "id in (select id from actions where group_id = ? and status = ? "
        "union select e.action_id from sessions s join action_events e on "
        f"e.session_id = s.id where s.group_id = ? and s.date >= ? and not {_BEFORE} "
        "union select value from json_each(?)) and (id in (select value from json_each(?)) "
        "or exists (select 1 from sessions s where s.id = actions.session_id and "
        f"{_BEFORE}))"
    )
    return store.select(Action, sql, [session.group_id, ActionStatus.OPEN.value,
                                      session.group_id, session.date.isoformat(), session.id,
                                      ids, ids, session.id],
                        order_by="created_at, rowid")


def carried_on(actions: list[Action], followed: Iterable[str] = ()) -> list[Action]:
    """Of `carried_candidates` read `as_of` the meeting: those open then, and those it
    followed up (`followed`, ids)."""
    followed = set(followed)
    return [a for a in actions if a.status == ActionStatus.OPEN or a.id in followed]


def as_of(store: Store, session: Session, actions: list[Action]) -> list[Action]:
    """The actions as they stood at the end of `session`: what later meetings did with
    them undone from their history (`action_events`), so a meeting's minutes read the
    same whenever they are exported. Each event keeps the action as it stood before it;
    an event of a version that did not keep that undoes only the status (an action is
    open until followed up: before such an event it was as the event before it left it,
    or open), its date and owner stay as they are now. An action without history is as
    it stands: nothing says it changed (and from now on every change leaves an event).
    One query, whatever the number of actions."""
    if not actions:
        return actions
    rows = store.query_dicts(
        "select e.*, s.id is not null and s.id != ? and not "
        f"{_BEFORE} as later from action_events e left join sessions s on "
        "s.id = e.session_id where e.action_id in (select value from json_each(?)) "
        "order by e.at, e.rowid",
        [session.id, session.id, json.dumps(sorted({a.id for a in actions}))])
    history: dict[str, list[tuple[ActionEvent, bool]]] = {}
    for row in rows:
        later = bool(row.pop("later"))
        event = ActionEvent.model_validate({k: v for k, v in row.items() if v is not None})
        history.setdefault(event.action_id, []).append((event, later))
    found = []
    for action in actions:
        own = history.get(action.id, [])
        if not any(later for _event, later in own):
            found.append(action)
            continue
        status, due, owner = action.status, action.due, action.owner
        for n in range(len(own) - 1, -1, -1):  # newest first, undone back to this meeting
            event, later = own[n]
            if not later:
                continue
            if event.was_status is not None:
                status, due, owner = event.was_status, event.was_due, event.was_owner
            else:
                status = _STATUS_AFTER[own[n - 1][0].outcome] if n else ActionStatus.OPEN
        found.append(action.model_copy(update={"status": status, "due": due, "owner": owner}))
    return found


_STATUS_AFTER = {ActionOutcome.DONE: ActionStatus.DONE,
                 ActionOutcome.DROPPED: ActionStatus.CANCELLED,
                 ActionOutcome.CONTINUED: ActionStatus.OPEN,
                 ActionOutcome.REASSIGNED: ActionStatus.OPEN}


def actions_to_follow_up(store: Store, session: Session,
                         events: Iterable[ActionEvent] | None = None) -> list[Action]:
    """What a meeting's action list goes through, oldest first: the group's actions from
    earlier meetings open as it saw them, and those this meeting followed up (so their
    outcome stays in view; `events`: this meeting's follow-up events, when already read),
    each as it stood at the end of this meeting (`as_of`)."""
    if events is None:
        events = action_events(store, session_id=session.id)
    followed = {event.action_id for event in events}
    return carried_on(as_of(store, session, carried_candidates(store, session, followed)),
                      followed)


def decisions(store: Store, session_id: str, item_id: str | None = None,
              step_id: str | None = None) -> list[Decision]:
    where, args = store.where(session_id=session_id, item_id=item_id, step_id=step_id)
    return store.select(Decision, where, args, order_by="created_at, rowid")


def step_times(store: Store, item_id: str) -> dict[str, StepTime]:
    rows = store.select(StepTime, "item_id = ?", [item_id])
    return {row.step_id: row for row in rows}


def entries_of_session(store: Store, session_id: str) -> dict[str, dict[str, Any]]:
    """Everything captured in a meeting: agenda item id -> field key -> value."""
    rows = store.conn.execute(
        "select e.item_id, e.field_key, e.value from entries e "
        "join agenda_items a on a.id = e.item_id where a.session_id = ?", [session_id])
    found: dict[str, dict[str, Any]] = {}
    for item_id, key, value in rows:
        found.setdefault(item_id, {})[key] = json.loads(value)
    return found


def step_times_of_session(store: Store, session_id: str) -> dict[str, dict[str, StepTime]]:
    """Time per step of every agenda item of a meeting: item id -> step id -> time."""
    rows = store.query_dicts(
        "select t.item_id, t.step_id, t.planned_seconds, t.spent_seconds, t.extra_seconds "
        "from step_times t join agenda_items a on a.id = t.item_id where a.session_id = ?",
        [session_id])
    found: dict[str, dict[str, StepTime]] = {}
    for row in rows:
        time = StepTime.model_validate({k: v for k, v in row.items() if v is not None})
        found.setdefault(time.item_id, {})[time.step_id] = time
    return found


def sessions_by_id(store: Store, ids: Iterable[str]) -> dict[str, Session]:
    """The meetings with these ids, by id."""
    rows = store.query_dicts(
        "select * from sessions where id in (select value from json_each(?))",
        [json.dumps(sorted(set(ids)))])
    return {row["id"]: Session.model_validate({k: v for k, v in row.items() if v is not None})
            for row in rows}


def roster(store: Store, group_id: str, on: dt.date | None = None) -> list[tuple[GroupMember, Person]]:
    """The group's members with their people, by name; with `on`, those in it that day."""
    sql = ("select m.id, m.joined_on, m.left_on, pe.id, pe.name, pe.organisation, "
           "pe.discipline from group_members m join people pe on pe.id = m.person_id "
           "where m.group_id = ? order by pe.name collate nocase")
    found = []
    for row in store.query(sql, [group_id]):
        member = GroupMember(id=row[0], group_id=group_id, person_id=row[3],
                             joined_on=row[1], left_on=row[2])
        if on is not None and ((member.joined_on and member.joined_on > on)
                               or (member.left_on and member.left_on <= on)):
            continue
        found.append((member, Person(id=row[3], name=row[4], organisation=row[5],
                                     discipline=row[6])))
    return found


def last_meeting(store: Store, group_id: str, before: Session | None = None) -> Session | None:
    """The group's latest meeting (before `before`, if given, by date and creation)."""
    for session in sessions(store, group_id=group_id):
        if before is None:
            return session
        if session.id != before.id and (session.date, session.created_at) < (
                before.date, before.created_at):
            return session
    return None


def action_events(store: Store, action_ids: Iterable[str] | None = None,
                  session_id: str | None = None) -> list[ActionEvent]:
    """The follow-up history of actions, oldest first."""
    if action_ids is not None:
        return store.select(ActionEvent, "action_id in (select value from json_each(?))",
                            [json.dumps(sorted(set(action_ids)))], order_by="at, rowid")
    where, args = store.where(session_id=session_id)
    return store.select(ActionEvent, where, args, order_by="at, rowid")


def actions_by_id(store: Store, ids: Iterable[str]) -> list[Action]:
    return store.select(Action, "id in (select value from json_each(?))",
                        [json.dumps(sorted(set(ids)))], order_by="created_at, rowid")


def minutes_events(store: Store, session_id: str) -> list[MinutesEvent]:
    return store.select(MinutesEvent, "session_id = ?", [session_id], order_by="at, rowid")


def minutes_settled_by(store: Store, session_id: str) -> list[MinutesEvent]:
    """The approvals a meeting gave to earlier minutes."""
    return store.select(MinutesEvent, "by_session_id = ?", [session_id], order_by="at, rowid")


def delete_planned_session(store: Store, session_id: str) -> None:
    """Remove a meeting that has not started, with its agenda and participants."""
    session = store.get(Session, session_id)
    if session is None or session.status != SessionStatus.PLANNED:
        raise StoreError(_("only a planned meeting can be deleted"))
    with store.transaction(), store.sqlite_errors():
        for item in agenda(store, session_id):
            delete_agenda_item(store, item.id)
        store.db["participants"].delete_where("session_id = ?", [session_id])
        store.db["sessions"].delete_where("id = ?", [session_id])


def groups_named(store: Store, name: str) -> list[Group]:
    """The groups called `name`, in any case (of any letter, not only ASCII's as SQLite's
    nocase): a group's own word for a reference."""
    return [group for group in groups(store) if group.name.casefold() == name.casefold()]


GROUP = Noun(Group, N_("no group called {ref}"),
             N_("{ref} matches more than one group; give more of the id"),
             where=f"id != '{PRACTICE_GROUP_ID}'", extras=(groups_named,))


def find_group(store: Store, ref: str) -> Group:
    """A group by id, name (any case) or a unique start of its id; RefError otherwise."""
    return resolve(store, GROUP, ref)


def series(store: Store, group_id: str | None = None) -> list[Series]:
    where, args = store.where(group_id=group_id)
    return store.select(Series, where, args, order_by="name collate nocase")


def heartbeat(store: Store, session_id: str) -> Heartbeat | None:
    found = store.select(Heartbeat, "session_id = ?", [session_id])
    return found[0] if found else None


def next_meeting(store: Store, session: Session) -> Session | None:
    """The group's first meeting after this one (planned or held), by date and time."""
    found = store.select(
        Session, "group_id = ? and id != ? and (date > ? or (date = ? and "
        "coalesce(start_time, '') > coalesce(?, '')))",
        [session.group_id, session.id, session.date.isoformat(), session.date.isoformat(),
         session.start_time.isoformat() if session.start_time else None],
        order_by="date, coalesce(start_time, ''), created_at", limit=1)
    return found[0] if found else None
