"""A fictional history of meetings, to try livinglab on or to measure it.

`fill_demo` plans and runs meetings through the core's own calls, as the app does:
`planning.create_meeting` plans, a `workshop.Workshop` with a simulated clock runs every
step, captures content, adds actions, decisions and lessons, and finishes. The default is
one regional working group with six finished meetings over half a year (one per script in
`demo_content`) and its next meeting planned; `meetings`/`groups` make a larger archive
for benchmarks.

The same seed and `today` give the same rows. The core takes a random id (`uuid4`) and the
wall-clock time where it creates a row, and does not yet let a caller pass either, so
after each call that creates rows, `_settle_*` gives the new rows ids drawn from the seed
and times from the simulated clock (see the docstrings there).

A demo group's id is uuid5(DEMO_NAMESPACE, its name): that is how `demo_state` tells the
demo's meetings from a real group's, so fictional meetings never mix with real ones.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from . import content
from .. import i18n
from ..models import (
    ActionOutcome, ActionStatus, AgendaKind, Attendance, FieldType, Group, GroupKind, Person,
    Role, SessionStatus, SlowQuestionStatus,
)
from ..fields.polarity import PolarityValue
from ..meeting.planning import DEFAULT_AGENDA, MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from ..models import PRACTICE_GROUP_ID
from ..storage.keys import entry_id
from ..storage.store import Store
from ..live.workshop import Workshop
from ..library import queries as case_queries
from ..meeting import queries as meeting_queries
from ..memory import queries as memory_queries
from ..models import Session

DEMO_NAMESPACE = uuid.UUID("0b7c4f0e-2f55-4d0c-9a39-6d2f3c1e8a17")
DEFAULT_SEED = 1
EPOCH = dt.datetime(2000, 1, 1)

# What each item of the default agenda is for, by position.
AGENDA_ROLES = ["opening", "minutes", "announcements", "follow_up", "review", "aob", "closing"]
PLAIN_MINUTES = {"opening": 5, "minutes": 5, "announcements": 10, "follow_up": 10, "aob": 10,
                 "closing": 5}
# Every third meeting the group corrects the previous minutes before approving them.
CORRECTION = "Bij de casusbespreking: de actie over de klantmanager ligt bij de notulist."
DROPPED_BECAUSE = "Niet meer nodig: de situatie is veranderd."
# The planned next meeting reviews a dilemma and, after it, a slow question of the group.
NEXT_SECOND_REVIEW = ("kennis-die-blijft", "trage-vragen")
MEETING_DAYS = (1, 3)  # the group meets on Tuesdays and Thursdays
MEETINGS_PER_TRANSACTION = 25


class DemoState(StrEnum):
    EMPTY = "empty"  # no meetings: the demo may fill it
    DEMO = "demo"  # holds the demo already
    FOREIGN = "foreign"  # holds a real group: never touched


def demo_group_id(name: str) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, name))


def demo_state(store: Store) -> DemoState:
    """Whether the database has no groups or meetings, holds the demo, or holds a real
    group (with or without meetings: the demo would plan its meetings in a group of the
    same name)."""
    groups = store.conn.execute(f"select id, name from groups where id != '{PRACTICE_GROUP_ID}'"
                                ).fetchall()  # a student's practice runs are no group
    if any(group_id != demo_group_id(name) for group_id, name in groups):
        return DemoState.FOREIGN
    return DemoState.DEMO if meeting_queries.count_sessions(store) else DemoState.EMPTY


class SimulatedTime:
    """The clock of a meeting that is being acted out: both the workshop's monotonic clock
    (for step timers) and its wall clock (for start and end times)."""

    def __init__(self, at: dt.datetime):
        self.at = at

    def monotonic(self) -> float:
        return (self.at - EPOCH).total_seconds()

    def wallclock(self) -> dt.datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += dt.timedelta(seconds=seconds)


def _fill_in(value: Any, names: dict[str, str]) -> Any:
    """Put the group's first names into a script's texts ('{gen}' -> 'Sander')."""
    if isinstance(value, str):
        return value.format_map(names)
    if isinstance(value, (list, tuple)):  # a lesson is a (text, to share) pair
        return type(value)(_fill_in(v, names) for v in value)
    if isinstance(value, dict):
        return {k: _fill_in(v, names) for k, v in value.items()}
    return value


def _meeting_day(day: dt.date, step: int) -> dt.date:
    """The nearest meeting day from `day`, looking back (step -1) or ahead (step 1)."""
    while day.weekday() not in MEETING_DAYS:
        day += dt.timedelta(days=step)
    return day


@dataclass
class _PendingAction:
    id: str
    fate: str  # "next", "later" or "cancel"; see demo_content
    age: int = 0  # meetings held since it was agreed


@dataclass
class _Group:
    group: Group
    people: dict[str, Person]  # function key -> person
    first_names: dict[str, str]
    pending: list[_PendingAction] = field(default_factory=list)
    reviewed: dict[str, str] = field(default_factory=dict)  # case slug -> its id


class _HistoryWriter:
    def __init__(self, store: Store, today: dt.date, seed: int, methods=None):
        from ..methods import load_methods

        self.store = store
        self.conn = store.conn
        self.today = today
        # Built-in methods only: the scripts are written for their fields.
        self.methods = methods or load_methods()
        self._ids = random.Random(f"livinglab-demo:{seed}:ids")
        self.rng = random.Random(f"livinglab-demo:{seed}:content")
        self._used_names: set[str] = set()
        self.meetings = 0

    def new_id(self) -> str:
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    # --- groups and their people -------------------------------------------------------

    def add_group(self, index: int) -> _Group:
        name, kind, municipality = content.GROUPS[index % len(content.GROUPS)]
        if index >= len(content.GROUPS):
            name = f"{name} {index // len(content.GROUPS) + 1}"
        group = self.store.save(Group(
            id=demo_group_id(name), name=name, kind=GroupKind(kind), municipality=municipality))
        people = {}
        for function_key, (function, employer) in content.FUNCTIONS.items():
            person_name = content.PEOPLE[function_key] if index == 0 else self._new_name()
            self._used_names.add(person_name)
            people[function_key] = self.store.save(Person(
                id=self.new_id(), name=person_name, organisation=employer, discipline=function))
        first_names = {k: p.name.split()[0] for k, p in people.items()}
        return _Group(group, people, first_names)

    def _new_name(self) -> str:
        """A name no one in the demo has: create_meeting finds people by name."""
        for _attempt in range(100):
            name = f"{self.rng.choice(content.FIRST_NAMES)} {self.rng.choice(content.LAST_NAMES)}"
            if name not in self._used_names:
                return name
        return f"{name} {len(self._used_names)}"  # many groups: the combinations run out

    @contextmanager
    def batch(self) -> Iterator[None]:
        """A transaction around one or more meetings (see `fill_demo`); ids are renamed
        parent first, so foreign keys are checked at commit."""
        with self.store.transaction():
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            yield

    # --- planning ----------------------------------------------------------------------

    def _plan(self, state: _Group, script: dict, number: int, day: dt.date,
              planned_on: dt.datetime, absent: int) -> str:
        """Plan a meeting with create_meeting; its id (settled)."""
        roles = {content.CHAIR: Role.CHAIR, script["secretary"]: Role.SECRETARY,
                 script["case_owner"]: Role.CASE_OWNER}
        others = [k for k in content.FUNCTIONS if k not in roles]
        away = set(self.rng.sample(others, absent))
        order = list(roles) + others
        participants = [PlannedParticipant(
            state.people[k].name, roles.get(k, Role.PARTICIPANT),
            Attendance.ABSENT_WITH_NOTICE if k in away else Attendance.PRESENT) for k in order]
        case = case_queries.case(self.store, script["case"])
        agenda = [PlannedItem(i18n._(title, "nl"), kind,
                              case.id if kind == AgendaKind.CASE_REVIEW else None,
                              script["method"] if kind == AgendaKind.CASE_REVIEW else None)
                  for title, kind in DEFAULT_AGENDA]
        if script is content.NEXT_MEETING:  # two reviews in one meeting, each its own
            slug, method = NEXT_SECOND_REVIEW
            review_at = next(n for n, item in enumerate(agenda)
                             if item.kind == AgendaKind.CASE_REVIEW)
            agenda.insert(review_at + 1, PlannedItem(
                i18n._("Case review", "nl") + " 2", AgendaKind.CASE_REVIEW,
                case_queries.case(self.store, slug).id, method))
        plan = MeetingPlan(
            title=f"Bijeenkomst {number}: {script['title']}", group_name=state.group.name,
            group_kind=state.group.kind, date=day.isoformat(), start_time=script["start"],
            location=content.LOCATIONS[(number - 1) % len(content.LOCATIONS)],
            participants=participants, agenda=agenda,
        )
        marks = self._marks(("sessions", "participants", "agenda_items", "group_members"))
        create_meeting(self.store, plan, self.methods)
        return self._settle_planning(marks, planned_on)

    def plan_next(self, state: _Group, number: int, day: dt.date) -> None:
        with self.batch():
            self._plan(state, content.NEXT_MEETING, number, day,
                       dt.datetime.combine(self.today, dt.time(16, 40)), absent=0)
        self.meetings += 1

    # --- running ------------------------------------------------------------------------

    def run_meeting(self, state: _Group, script: dict, number: int, day: dt.date) -> None:
        script = _fill_in(script, state.first_names)
        with self.batch():
            leaf_marks = self._marks(LEAF_ROWS)
            planned_on = dt.datetime.combine(
                day - dt.timedelta(days=self.rng.randint(10, 24)), dt.time(16, 10))
            session_id = self._plan(state, script, number, day, planned_on,
                                    absent=self.rng.choice((0, 1, 1, 2)))
            start = dt.datetime.combine(day, dt.time.fromisoformat(script["start"].zfill(5)))
            clock = SimulatedTime(start)
            times: dict[Any, dt.datetime] = {}
            workshop = Workshop(self.store, session_id, self.methods,
                                clock=clock.monotonic, wallclock=clock.wallclock)
            workshop.start()
            if number % 2 == 0:  # someone comes in late, and the opening records it
                late = [p for p, _person in workshop.attendance()
                        if p.attendance == Attendance.PRESENT and p.role == Role.PARTICIPANT]
                if late:
                    workshop.set_attendance(late[-1].id, Attendance.LATE)
            while True:
                role = AGENDA_ROLES[workshop.item_index]
                if workshop.is_review:
                    self._review(workshop, state, script, day, clock, times)
                else:
                    self._plain_item(workshop, state, script, role, clock, times)
                    clock.advance(PLAIN_MINUTES[role] * 60 + self.rng.randint(-2, 4) * 30)
                if not workshop.next_item():
                    break
            workshop.finish()
            renamed = self._settle_rows(leaf_marks, times, clock.at)
        for pending in state.pending:
            pending.id = renamed.get(pending.id, pending.id)
        self.meetings += 1

    def _plain_item(self, workshop: Workshop, state: _Group, script: dict, role: str,
                    clock: SimulatedTime, times: dict) -> None:
        notes = script["notes"].get(role, "")
        if role == "follow_up":
            notes = self._follow_up(workshop, state)
        if role == "minutes" and workshop.previous_meeting() is not None:
            correction = CORRECTION if self.meetings % 3 == 2 else ""
            times[workshop.approve_previous_minutes(correction).id] = clock.at
        if role == "announcements":
            self._settle_other_questions(state, script)
        if role == "aob":
            for step_id, text in script["decisions"]:
                if step_id is None:
                    times[workshop.add_decision(text).id] = clock.at
        if notes:
            workshop.set_notes(notes)

    def _follow_up(self, workshop: Workshop, state: _Group) -> str:
        """Go through the group's open actions as a secretary does: done, cancelled, open."""
        counts = {"done": 0, "cancelled": 0, "open": 0}
        still_open = []
        for pending in state.pending:
            pending.age += 1
            status = {("next", 1): ActionStatus.DONE, ("later", 3): ActionStatus.DONE,
                      ("cancel", 1): ActionStatus.CANCELLED}.get((pending.fate, pending.age))
            if status is None:
                still_open.append(pending)
                continue
            if status == ActionStatus.DONE:
                workshop.follow_up(pending.id, ActionOutcome.DONE)
            else:
                workshop.follow_up(pending.id, ActionOutcome.DROPPED, reason=DROPPED_BECAUSE)
            counts[status.value] += 1
        counts["open"] = len(still_open)
        state.pending = still_open
        said = [content.FOLLOW_UP_COUNTS[k].format(n=n) for k, n in counts.items() if n]
        return content.FOLLOW_UP.format(counts=", ".join(said)) if said else content.FOLLOW_UP_NONE

    def _settle_other_questions(self, state: _Group, script: dict) -> None:
        """A status the group gives an earlier slow question, announced at the meeting."""
        for slug, status in script.get("slow_questions", {}).items():
            if slug == script["case"] or slug not in state.reviewed:
                continue
            for question in memory_queries.slow_questions(self.store, state.group.id):
                if question.case_id == state.reviewed[slug]:
                    question.status = SlowQuestionStatus(status)
                    question.to_region = slug in script.get("to_region", ())
                    self.store.save(question)

    def _review(self, workshop: Workshop, state: _Group, script: dict, day: dt.date,
                clock: SimulatedTime, times: dict) -> None:
        method = workshop.method
        state.reviewed[script["case"]] = workshop.case.id
        if question := workshop.slow_question():
            times.setdefault(question.id, clock.at)
        participant_of = {person.id: participant.id for participant, person
                          in meeting_queries.participants(self.store, workshop.session.id)
                          if participant.attendance == Attendance.PRESENT}
        present = {k: participant_of[p.id] for k, p in state.people.items()
                   if p.id in participant_of}
        values = script["values"]
        polarity_steps = {key: [s.id for s in method.steps if any(f.key == key for f in s.fields)]
                          for key, f in method.fields().items() if f.type == FieldType.POLARITY}
        for index, step in enumerate(method.steps):
            workshop.go_to_step(index)
            workshop.start_timer()
            planned = step.minutes * 60
            spent = planned + self.rng.randint(-6, 8) * 30
            if spent > planned + 60:  # the facilitator gives the step an extra minute
                workshop.add_minute()
            clock.advance(spent // 2)
            for f in step.fields:
                if f.type == FieldType.ACTIONS:
                    for step_id, what, owner, due_days, fate in script["actions"]:
                        if step_id == step.id:
                            action = workshop.add_action(
                                what, state.people[owner].name, day + dt.timedelta(days=due_days))
                            times[action.id] = clock.at
                            state.pending.append(_PendingAction(action.id, fate))
                elif f.type == FieldType.DECISIONS:
                    for step_id, text in script["decisions"]:
                        if step_id == step.id:
                            times[workshop.add_decision(text).id] = clock.at
                elif f.key in values:
                    value = values[f.key]
                    if f.type == FieldType.PER_PARTICIPANT:
                        value = {present[k]: row for k, row in value.items() if k in present}
                    elif f.type == FieldType.POLARITY:
                        shown = polarity_steps[f.key]
                        value = _polarity_so_far(value, shown.index(step.id), len(shown))
                    elif f.type == FieldType.DATE:  # days after the meeting
                        value = day + dt.timedelta(days=value)
                    workshop.set_value(f.key, value)
                    times[(workshop.item.id, f.key)] = clock.at
            clock.advance(spent - spent // 2)
            workshop.pause_timer()
        for text, share in script["lessons"]:
            times[workshop.add_lesson(text, share).id] = clock.at
        if status := script.get("slow_questions", {}).get(script["case"]):
            workshop.set_slow_question_status(SlowQuestionStatus(status))

    # --- giving new rows seeded ids and simulated times ---------------------------------

    def _marks(self, tables) -> dict[str, int]:
        return {t: self.conn.execute(f"select coalesce(max(rowid), 0) from {t}").fetchone()[0]
                for t in tables}

    def _new_rows(self, table: str, mark: int, columns: str = "id") -> list[tuple]:
        return self.conn.execute(
            f"select rowid, {columns} from {table} where rowid > ? order by rowid", [mark]
        ).fetchall()

    def _settle_planning(self, marks: dict[str, int], planned_on: dt.datetime) -> str:
        """create_meeting gave the session, its participants and agenda items random ids
        and a created_at of now: replace them, before any other row refers to them.
        (Its group and people exist already, made with seeded ids by `add_group`.)"""
        [(_rowid, old_session)] = self._new_rows("sessions", marks["sessions"])
        session_id = self.new_id()
        self.conn.execute("update sessions set id = ?, created_at = ? where id = ?",
                          [session_id, planned_on.isoformat(), old_session])
        for table in ("participants", "agenda_items"):
            self.conn.execute(f"update {table} set session_id = ? where session_id = ?",
                              [session_id, old_session])
            for rowid, _old in self._new_rows(table, marks[table]):
                self.conn.execute(f"update {table} set id = ? where rowid = ?",
                                  [self.new_id(), rowid])
        # create_meeting put the people on the group's roster: seeded ids there too.
        for rowid, _old in self._new_rows("group_members", marks["group_members"]):
            self.conn.execute("update group_members set id = ?, joined_on = coalesce("
                              "(select date from sessions where id = ?), joined_on) "
                              "where rowid = ?", [self.new_id(), session_id, rowid])
        return session_id

    def _settle_rows(self, marks: dict[str, int], times: dict, fallback: dt.datetime
                     ) -> dict[str, str]:
        """The workshop gave entries, actions, decisions, lessons and slow questions random
        ids and the wall-clock time: give each new row a seeded id and the simulated time
        at which it was captured. Nothing refers to these rows by id yet, except the
        actions still to follow up (the caller maps those through the result)."""
        renamed = {}
        for table, time_column in LEAF_ROWS.items():
            for rowid, old, *key in self._new_rows(
                    table, marks[table], "id, item_id, field_key" if table == "entries" else "id"):
                at = times.get(tuple(key) if key else old, fallback)
                renamed[old] = self.new_id()  # drawn for an entry too: later rows keep their ids
                if table == "entries":
                    # An entry's id is that of its place, as the store saves it: with
                    # another id, the next save of the same field (an erase, a correction
                    # of the minutes) adds a second row and fails (issue 24).
                    renamed[old] = entry_id(*key)
                self.conn.execute(f"update {table} set id = ?, {time_column} = ? where rowid = ?",
                                  [renamed[old], at.replace(microsecond=0).isoformat(), rowid])
        return renamed


# Rows the workshop creates while a meeting runs, and their time column.
LEAF_ROWS = {"entries": "updated_at", "actions": "created_at", "decisions": "created_at",
             "lessons": "created_at", "slow_questions": "created_at", "action_events": "at",
             "minutes_events": "at"}

_POLARITY_STAGES = [("pole_a", "pole_b"), ("purpose", "fear"), ("a_up", "a_down", "b_up", "b_down"),
                    ("a_warnings", "b_warnings"), ("a_actions", "b_actions")]


def _polarity_so_far(full: dict, shown: int, steps: int) -> dict:
    """The polarity map as far as the group has got at the `shown`-th of `steps` steps:
    poles first, then purpose and fear, upsides and downsides, warnings, action steps (the
    order of the steps of spanningen.toml)."""
    stages = len(_POLARITY_STAGES) if shown == steps - 1 else shown + 1
    keys = {k for stage in _POLARITY_STAGES[:stages] for k in stage}
    empty = PolarityValue().model_dump()
    return {k: full.get(k, empty[k]) if k in keys else empty[k] for k in empty}


def meeting_days(today: dt.date, finished: int) -> tuple[list[dt.date], dt.date]:
    """Dates of `finished` meetings before `today`, about monthly for a short history and
    closer together for a long one, and the date of the next meeting after `today`."""
    interval = max(2, min(30, (5 * 365) // max(finished, 1)))
    days = [_meeting_day(today - dt.timedelta(days=10 + interval * (finished - 1 - n)), -1)
            for n in range(finished)]
    return days, _meeting_day(today + dt.timedelta(days=21), 1)


def fill_demo(store: Store, today: dt.date, meetings: int | None = None, groups: int = 1,
              seed: int = DEFAULT_SEED, methods=None,
              progress: Callable[[int, int | None], None] | None = None) -> int:
    """Write the demo history into `store`; the number of meetings written.
    `progress(done, total)` is told the meetings written so far, a batch at a time.

    Default: one working group, the six scripted meetings and one planned after `today`.
    `meetings` (in all, one planned per group included) over `groups` groups makes a
    larger archive: each group runs through the scripts, in a seeded order after the
    first round. The caller checks `demo_state` first.
    """
    from ..library.cases import example_cases, import_cases

    groups = max(1, groups)
    total = meetings if meetings is not None else (len(content.SCRIPTS) + 1) * groups
    if total < groups:
        raise ValueError("every group needs at least one meeting")
    import_cases(store, example_cases())
    writer = _HistoryWriter(store, today, seed, methods)
    # The history gives its rows seeded ids after they are saved: they are indexed for
    # search once, at the end, as they are then.
    with store.index_afterwards():
        _write_history(writer, total, groups,
                       (lambda done: progress(done, total)) if progress is not None else None)
        _write_practice(writer)
        _remember(store)
        if progress is not None:  # each group's planned meeting too
            progress(total, total)
        # Precedents and voornemens follow from captured entries: they were made when
        # those were, in the simulated time (the same seed gives the same rows).
        with store.transaction():
            store.conn.execute(
                "update precedents set created_at = coalesce((select max(updated_at) from "
                "entries where item_id = precedents.item_id), created_at)")
            store.conn.execute(
                "update intentions set created_at = coalesce((select max(e.updated_at) from "
                "entries e join agenda_items a on a.id = e.item_id "
                "where a.session_id = intentions.session_id), created_at)")
        store.forget_edit_times()  # acted out, not edited: the same rows every time
    return total


def _write_practice(writer: _HistoryWriter) -> None:
    """One student's finished practice run (kept apart from the group's meetings)."""
    from ..practice import PracticeWorkshop, start_practice

    script = content.PRACTICE
    day = writer.today - dt.timedelta(days=script["days_before_today"])
    start = dt.datetime.combine(day, dt.time.fromisoformat(script["start"].zfill(5)))
    student = content.PEOPLE[script["student"]]  # found by name: no new person
    with writer.batch():
        marks = writer._marks(("sessions", "participants", "agenda_items", "group_members"))
        start_practice(writer.store, script["case"], script["method"], writer.methods,
                       [student], day, lang="nl")
        session_id = writer._settle_planning(marks, start)
        leaf_marks = writer._marks(LEAF_ROWS)
        clock = SimulatedTime(start)
        workshop = PracticeWorkshop(writer.store, session_id, writer.methods,
                                    clock=clock.monotonic, wallclock=clock.wallclock)
        workshop.start()
        times: dict[Any, dt.datetime] = {}
        per_step = script["minutes"] * 60 // len(workshop.method.steps)
        for step in workshop.method.steps:
            clock.advance(per_step)
            for f in step.fields:
                if f.key in script["values"]:
                    workshop.set_value(f.key, script["values"][f.key])
                    times[(workshop.item.id, f.key)] = clock.at
            workshop.next_step()
        clock.at = start + dt.timedelta(minutes=script["minutes"])
        workshop.finish()
        writer._settle_rows(leaf_marks, times, clock.at)


def _write_history(writer: _HistoryWriter, total: int, groups: int,
                   progress: Callable[[int], None] | None) -> None:
    for index in range(groups):
        with writer.batch():
            state = writer.add_group(index)
        count = total // groups + (1 if index < total % groups else 0)
        days, next_day = meeting_days(writer.today, count - 1)
        order: list[dict] = []
        for start in range(0, len(days), MEETINGS_PER_TRANSACTION):
            with writer.batch():  # a commit per meeting would cost more than the meeting
                for number, day in enumerate(days[start:start + MEETINGS_PER_TRANSACTION],
                                             start + 1):
                    if not order:
                        order = list(content.SCRIPTS)
                        if number > 1 or index > 0:  # the first group's first round: the story
                            writer.rng.shuffle(order)
                    writer.run_meeting(state, order.pop(0), number, day)
            if progress is not None:
                progress(writer.meetings)
        writer.plan_next(state, count, next_day)


def _remember(store: Store) -> None:
    """The group's memory in the demo: its meetings as a series (gesprekscyclus) with one
    meeting still to plan, each meeting's voornemens asked after at the next one, and an
    evaluation every third."""
    from ..memory import evaluation
    from ..memory.intentions import follow_up
    from ..memory.intentions import record as record_intention
    from ..models import PlannedSession, Series
    from ..memory.questions import note_progress

    for group in meeting_queries.groups(store):
        sessions = sorted(meeting_queries.sessions(store, group_id=group.id), key=lambda s: (s.date, s.created_at))
        if not sessions:
            continue
        store.save(Series(
            id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"livinglab:demo-series:{group.id}")),
            name=content.SERIES_NAME.format(name=group.name), group_id=group.id,
            description=content.SERIES_DESCRIPTION, evaluate_every=3,
            start_time=sessions[0].start_time, location=sessions[0].location,
            created_at=sessions[0].created_at,
            meetings=[PlannedSession(date=s.date, theme=s.title.split(": ", 1)[-1],
                                     title=s.title, session_id=s.id) for s in sessions]
            # one more in the programme, not yet planned: c on home plans it
            + [PlannedSession(date=sessions[-1].date + dt.timedelta(weeks=4),
                              theme=content.SERIES_NEXT_THEME)]))
        finished = [s for s in sessions if s.status == SessionStatus.FINISHED]
        questions = memory_queries.slow_questions(store, group.id)
        if questions and questions[0].history:
            first = questions[0].history[0].session_id
            later = [s for s in finished if s.date > store.get(Session, first).date]
            for number, (added, still_open) in content.QUESTION_PROGRESS.items():
                if number - 2 < len(later):  # the number counts from the question's meeting
                    note_progress(store, questions[0].id, later[number - 2].id, added,
                                  still_open)
        for number, session in enumerate(finished):
            if memory_queries.intentions(store, session_id=session.id):
                continue  # a dilemma's own closing round said them
            present = [person for p, person in meeting_queries.participants(store, session.id)
                       if p.attendance == Attendance.PRESENT]
            for n, person in enumerate(present[number % 3::3]):  # a few speak each time
                learned, intention = content.CLOSING_ROUND[(number + n) % len(content.CLOSING_ROUND)]
                record_intention(store, session.id, person.id, learned, intention)
        for previous, current in zip(finished, finished[1:]):
            for n, intention in enumerate(memory_queries.intentions(store, session_id=previous.id)):
                done = n % 3 != 2
                answers = content.INTENTION_ANSWERS[done]
                follow_up(store, intention.id, current.id, done, answers[n % len(answers)])
        for number, session in enumerate(finished, 1):
            if number % 3:
                continue
            present = [p for p, _person in meeting_queries.participants(store, session.id)
                       if p.attendance == Attendance.PRESENT]
            for n, _participant in enumerate(present):
                score = lambda shift: max(1, min(5, 2 + number // 3 + (n + shift) % 3 - 1))  # noqa: E731
                saved = evaluation.record(
                    store, session.id, {item: score(k) for k, item in enumerate(evaluation.ITEMS)},
                    content.EVALUATION_REMARKS[n % len(content.EVALUATION_REMARKS)])
                # seeded ids: the same seed gives the same rows
                store.conn.execute("update evaluations set id = ? where id = ?", [
                    str(uuid.uuid5(uuid.NAMESPACE_URL, f"livinglab:demo-eval:{session.id}/{n}")),
                    saved.id])


class DemoRefused(Exception):
    """The database holds a real group; the demo leaves it alone."""


class DemoOutOfYears(ValueError):
    """The history would reach dates before or after the years a date may have."""


def check_demo_years(today: dt.date, meetings: int | None, groups: int) -> None:
    """DemoOutOfYears, worded for the user, when the demo for these options would write a
    date outside FIRST_YEAR..LAST_YEAR (a long history runs back years; the next meeting
    and its series lie weeks ahead). Counted in days, so no date overflows on the way."""
    from ..meeting.planning import FIRST_YEAR, LAST_YEAR

    groups = max(1, groups)
    total = meetings if meetings is not None else (len(content.SCRIPTS) + 1) * groups
    finished = max(1, -(-total // groups) - 1)  # the largest group's finished meetings
    interval = max(2, min(30, (5 * 365) // finished))
    back = max(10 + interval * (finished - 1), 365) + 7  # and to a meeting day
    ahead = 21 + 7 + 28  # the next meeting, its meeting day, the series' meeting after it
    if (today.toordinal() - back < dt.date(FIRST_YEAR, 1, 1).toordinal()
            or today.toordinal() + ahead > dt.date(LAST_YEAR, 12, 31).toordinal()):
        raise DemoOutOfYears(i18n._(
            "the demo's meetings would fall outside the years {first} to {last}: choose "
            "another --today, or fewer --meetings").format(first=FIRST_YEAR, last=LAST_YEAR))


@dataclass
class DemoResult:
    meetings: int
    already_filled: bool = False


def make_demo(path, today: dt.date, meetings: int | None = None, groups: int = 1,
              seed: int = DEFAULT_SEED,
              progress: Callable[[int, int | None], None] | None = None) -> DemoResult:
    """Fill the database at `path` with the demo, unless it holds meetings already: the
    demo's own (already_filled, nothing added) or a real group's (DemoRefused, nothing
    written). StoreError when the file is not a livinglab database; DemoOutOfYears
    (nothing written) when the history would leave the years a date may have."""
    check_demo_years(today, meetings, groups)
    with Store(path) as store:
        state = demo_state(store)
        if state == DemoState.FOREIGN:
            raise DemoRefused(str(path))
        if state == DemoState.DEMO:
            return DemoResult(meeting_queries.count_sessions(store), already_filled=True)
        return DemoResult(fill_demo(store, today, meetings, groups, seed,
                                    progress=progress))
