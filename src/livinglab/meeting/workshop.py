"""The running meeting: which agenda item and step is on screen, the step's timer, and
every edit written through the store at once.

The app drives a `Workshop`; so do the tests, without a terminal. Leaving and coming
back is just making a new `Workshop` on the same session: the position, the captured
content and the time spent are all in the store.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from . import drafts
from ..memory.capture import CaptureListener, listeners_for
from ..fields import empty_value, validate_value
from ..methods import resolve_method
from ..models import (
    Action, ActionEvent, ActionOutcome, ActionStatus, AgendaItem, AgendaKind, Attendance, Case,
    Decision, Intention, Lesson, Method, MinutesChange, MinutesEvent, MinutesStatus, Participant,
    Person, Role, Session, SessionStatus, SlowQuestion, SlowQuestionStatus, Step, StepField,
    StepTime, now,
)
from ..i18n import _
from ..storage.store import Store
from ..library import queries as case_queries
from . import queries as meeting_queries
from ..memory import queries as memory_queries
from ..models import Group

Clock = Callable[[], float]
# A beat this recent from another window: the meeting is open there (the app beats every
# second; a crashed or closed window stops beating and frees the meeting after this).
OPEN_ELSEWHERE_SECONDS = 5
_UNSEEN = object()
# The time of an agenda item without steps is kept as one "step" of this id.
WHOLE_ITEM = "item"


def add_lesson(store: Store, session_id: str, text: str, share: bool = True) -> Lesson:
    """Keep a lesson of a meeting (kennisoogst), tagged with the themes of the cases the
    meeting reviewed, so it is found by theme later; no running meeting needed."""
    session = store.get(Session, session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    if not text.strip():
        raise ValueError("a lesson needs text")
    refs = [item.case_id for item in meeting_queries.agenda(store, session_id)
            if item.kind == AgendaKind.CASE_REVIEW and item.case_id]
    cases = case_queries.cases_by_ref(store, refs)
    themes = list(dict.fromkeys(theme for ref in refs if ref in cases
                                for theme in cases[ref].themes))
    return store.save(Lesson(group_id=session.group_id, session_id=session.id,
                                    text=text.strip(), themes=themes, share=share))


class StepTimer:
    """The arithmetic of one step's timer: planned time, time spent, running or not.

    Time spent is kept in float seconds: a timer paused and resumed many times a minute
    must not lose the fractions (five pauses after 0.4 s are 2 s, not 0)."""

    def __init__(self, planned_seconds: int, spent_seconds: float = 0, extra_seconds: int = 0):
        self.planned_seconds = planned_seconds
        self.extra_seconds = extra_seconds
        self._spent_before = spent_seconds
        self._started_at: float | None = None

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def start(self, now: float) -> None:
        if self._started_at is None:
            self._started_at = now

    def pause(self, now: float) -> None:
        self._spent_before = self.elapsed(now)
        self._started_at = None

    def add_minute(self) -> None:
        self.extra_seconds += 60

    def elapsed(self, now: float) -> float:
        running = now - self._started_at if self._started_at is not None else 0
        return self._spent_before + max(running, 0)

    def allowed(self) -> int:
        return self.planned_seconds + self.extra_seconds

    def remaining(self, now: float) -> float:
        """Seconds left; negative once the step runs over."""
        return self.allowed() - self.elapsed(now)

    def is_over(self, now: float) -> bool:
        return self.remaining(now) < 0


def window_alive(writer: str) -> bool:
    """False when the window ran on this machine in a process that has ended."""
    host, _, rest = writer.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's (a shared folder): only its beats tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but not ours to signal
    return True


class Captured(NamedTuple):
    """What `Workshop.capture` stored, and whether another window's edit was merged in."""

    value: Any
    merged: bool = False


def merge_values(theirs: Any, mine: Any, base: Any = None) -> Any:
    """Two edits of one field made apart from `base` (two windows): nothing either typed
    is lost. Texts: what mine added to the base is added to theirs; else one that holds
    the other wins, else both, theirs first; lists: theirs and then what only mine has;
    mappings: merged key by key."""
    if theirs == mine or theirs in (None, "", [], {}) or theirs == base:
        return mine
    if mine in (None, "", [], {}) or mine == base:
        return theirs
    if isinstance(theirs, dict) and isinstance(mine, dict):
        base = base if isinstance(base, dict) else {}
        return {key: merge_values(theirs.get(key), mine.get(key), base.get(key))
                for key in dict.fromkeys([*theirs, *mine])}
    if isinstance(theirs, list) and isinstance(mine, list):
        return theirs + [x for x in mine if x not in theirs]
    if isinstance(theirs, str) and isinstance(mine, str):
        if isinstance(base, str) and base and theirs.startswith(base) and mine.startswith(base):
            return theirs + mine[len(base):]
        if theirs in mine:
            return mine
        if mine in theirs:
            return theirs
        return f"{theirs}\n\n{mine}"
    return mine


def format_seconds(seconds: float) -> str:
    """mm:ss, to the nearest second (so 1.9999999 s of float sums shows as 00:02)."""
    seconds = round(seconds)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


class Workshop:
    """The running meeting. Every value captured goes through `capture`: stored where it
    was typed, then handed to the workshop's listeners (by default those `capture.
    listeners_for` gives the session: the group's memory, or nothing for a practice run)."""

    def __init__(self, store: Store, session_id: str, methods=None,
                 clock: Clock = time.monotonic,
                 wallclock: Callable[[], dt.datetime] = now,
                 listeners: Sequence[CaptureListener] | None = None):
        self.store = store
        self.methods = methods
        self.clock = clock
        self.wallclock = wallclock
        session = store.get(Session, session_id)
        if session is None:
            raise LookupError(f"no meeting with id {session_id}")
        self.session: Session = session
        self.listeners = tuple(listeners_for(session) if listeners is None else listeners)
        # This window, in the meeting's heartbeat: machine, process and a random part, so
        # a window whose process has ended (a crash) is known to be gone at once.
        self.window = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
        self.has_beaten = False
        self.items: list[AgendaItem] = meeting_queries.agenda(store, session_id)
        if not self.items:
            raise ValueError("the meeting has no agenda items")
        current = next((i for i in self.items if i.id == session.current_item_id), None)
        if session.status == SessionStatus.FINISHED:
            current = None  # corrections start at the top of the minutes
        self.item: AgendaItem = current or self.items[0]
        self._load_item()

    # --- position ----------------------------------------------------------------------

    def _load_item(self) -> None:
        self.method: Method | None = resolve_method(self.item, self.methods)
        self.case: Case | None = case_queries.case(self.store, self.item.case_id) if self.item.case_id else None
        if self.method and self.item.method_snapshot is None:
            # Freeze the method as it is now: the minutes stay true if the file changes.
            self.item.method_snapshot = self.method.model_dump(mode="json")
            self.store.save(self.item)
        self.timer = self._timer_for_step()

    @property
    def is_review(self) -> bool:
        return self.item.kind == AgendaKind.CASE_REVIEW and self.method is not None

    @property
    def step_index(self) -> int:
        return self.item.current_step

    @property
    def step(self) -> Step | None:
        return self.method.steps[self.item.current_step] if self.is_review else None

    @property
    def item_index(self) -> int:
        return next(n for n, i in enumerate(self.items) if i.id == self.item.id)

    def step_states(self) -> list[str]:
        """'done', 'current' or 'todo' per step, for the step list on the side."""
        timed = meeting_queries.step_times(self.store, self.item.id)  # one query for the whole list
        current = self.item.current_step
        return ["current" if n == current else
                "done" if n < current or step.id in timed else "todo"
                for n, step in enumerate(self.method.steps)]

    def start(self) -> None:
        """Open the meeting (or resume it) at the stored position; a finished meeting
        opens for correcting its minutes, its times untouched."""
        if self.session.status == SessionStatus.PLANNED:
            self.session.status = SessionStatus.RUNNING
            self.session.started_at = self.wallclock()
        self.session.current_item_id = self.item.id
        self.store.save(self.session)
        if self.session.status == SessionStatus.RUNNING:
            self.timer.start(self.clock())
        self._register_slow_question()

    def go_to_step(self, index: int) -> None:
        if not self.is_review:
            return
        index = max(0, min(index, len(self.method.steps) - 1))
        if index == self.item.current_step:
            return
        self.pause_timer()
        self.item.current_step = index
        self.store.save(self.item)
        self.timer = self._timer_for_step()

    def next_step(self) -> bool:
        """Move on; False when this was the item's last step."""
        if not self.is_review or self.item.current_step >= len(self.method.steps) - 1:
            return False
        self.go_to_step(self.item.current_step + 1)
        return True

    def previous_step(self) -> bool:
        if not self.is_review or self.item.current_step == 0:
            return False
        self.go_to_step(self.item.current_step - 1)
        return True

    def go_to_item(self, item_id: str) -> None:
        self.pause_timer()
        self.item = next(i for i in self.items if i.id == item_id)
        self.session.current_item_id = item_id
        self.store.save(self.session)
        self._load_item()
        self._register_slow_question()

    def next_item(self) -> bool:
        """Mark this item done and open the next; False when it was the last."""
        self.pause_timer()
        self.item.done = True
        self.store.save(self.item)
        if self.item_index + 1 >= len(self.items):
            return False
        self.go_to_item(self.items[self.item_index + 1].id)
        return True

    def forward(self) -> bool:
        """The chair's one key to move on: the next step, after the last step the next
        agenda item; False at the end of the meeting."""
        return self.next_step() or self.next_item()

    def back(self) -> bool:
        """The previous step, before the first step the previous item at its last step;
        False at the start of the meeting."""
        if self.previous_step():
            return True
        if self.item_index == 0:
            return False
        self.go_to_item(self.items[self.item_index - 1].id)
        if self.is_review:
            self.go_to_step(len(self.method.steps) - 1)
        return True

    def finish(self) -> None:
        self.pause_timer()
        self.item.done = True
        self.store.save(self.item)
        self.session.status = SessionStatus.FINISHED
        self.session.ended_at = self.wallclock()
        self.session.minutes_status = MinutesStatus.CONCEPT
        self.store.save(self.session)

    @property
    def is_correcting(self) -> bool:
        """A finished meeting opened again: its concept minutes are being corrected."""
        return self.session.status == SessionStatus.FINISHED

    # --- the timer -----------------------------------------------------------------------

    @property
    def _time_key(self) -> str:
        return self.step.id if self.is_review else WHOLE_ITEM

    def _timer_for_step(self) -> StepTimer:
        stored = meeting_queries.step_times(self.store, self.item.id).get(self._time_key)
        timer = (StepTimer(stored.planned_seconds, stored.spent_seconds, stored.extra_seconds)
                 if stored else StepTimer(self.step.minutes * 60 if self.is_review else 0))
        # Time tells the truth: a step's time counts while it is on screen in a running
        # meeting, whether or not anyone looks at the countdown.
        if self.session.status == SessionStatus.RUNNING:
            timer.start(self.clock())
        return timer

    def _save_time(self) -> None:
        self.store.save(StepTime(
            item_id=self.item.id, step_id=self._time_key,
            planned_seconds=self.timer.planned_seconds,
            spent_seconds=self.timer.elapsed(self.clock()),
            extra_seconds=self.timer.extra_seconds,
        ))

    def beat(self, leaving: bool = False) -> None:
        """A sign of life for `livinglab follow` (the app calls this every second), with the
        timer's start as a moment of the real clock: the follow view counts down without
        this process, and says when the beats stopped. `leaving`: the last beat of a window
        that closes the meeting, which frees it for the next window at once."""
        from ..models import Heartbeat

        moment, elapsed = dt.datetime.now(dt.UTC), self.elapsed()
        self.store.save(Heartbeat(
            session_id=self.session.id, beat_at=moment, item_id=self.item.id,
            step_id=self.step.id if self.step else None,
            timer_started_at=moment - dt.timedelta(seconds=elapsed) if self.timer.running
            else None,
            timer_spent_seconds=elapsed, timer_allowed_seconds=self.timer.allowed(),
            writer="" if leaving else self.window))
        self.has_beaten = True

    def open_elsewhere(self):
        """The heartbeat of another window that has this meeting open now, else None."""
        beat = meeting_queries.heartbeat(self.store, self.session.id)
        if beat is None or beat.writer in ("", self.window) or not window_alive(beat.writer):
            return None
        age = (dt.datetime.now(dt.UTC) - beat.beat_at).total_seconds()
        return beat if age < OPEN_ELSEWHERE_SECONDS else None

    def taken_over(self) -> bool:
        """True once another window has taken this meeting over (its beat is the last)."""
        if not self.has_beaten:
            return False
        beat = meeting_queries.heartbeat(self.store, self.session.id)
        return beat is not None and beat.writer not in ("", self.window)

    def start_timer(self) -> None:
        self.timer.start(self.clock())
        self._save_time()

    def pause_timer(self) -> None:
        if self.timer.running:
            self.timer.pause(self.clock())
            self._save_time()

    def toggle_timer(self) -> None:
        self.pause_timer() if self.timer.running else self.start_timer()

    def add_minute(self) -> None:
        self.timer.add_minute()
        self._save_time()

    def checkpoint(self) -> None:
        """Store the time spent so far; the app calls this every few seconds."""
        if self.timer.running:
            self._save_time()

    def remaining(self) -> float:
        return self.timer.remaining(self.clock())

    def elapsed(self) -> float:
        return self.timer.elapsed(self.clock())

    def is_over(self) -> bool:
        return self.timer.is_over(self.clock())

    # --- captured content ---------------------------------------------------------------

    def field(self, key: str) -> StepField:
        found = self.method.fields().get(key) if self.method else None
        if found is None:
            raise KeyError(f"the method has no field {key!r}")
        return found

    def value(self, key: str) -> Any:
        stored = meeting_queries.entries(self.store, self.item.id).get(key)
        return stored if stored is not None else empty_value(self.field(key))

    def values(self) -> dict[str, Any]:
        stored = meeting_queries.entries(self.store, self.item.id)
        return {k: stored.get(k, empty_value(f)) for k, f in self.method.fields().items()}

    def set_value(self, key: str, value: Any) -> None:
        """Store a field of the item on screen (see `capture`)."""
        self.capture(self.item.id, key, value)

    def capture(self, item_id: str, key: str, value: Any, shown: Any = _UNSEEN) -> Captured:
        """Validate a field's value by its type and store it in the agenda item where it
        was typed, whichever item is on screen now; a bad value raises ValueError naming
        the field, and nothing is stored. Then the listeners hear of it.

        `shown`: the value the typing started from. Where the stored value has changed
        since (another window), both are kept (`merge_values`)."""
        item = self._item(item_id)
        method = self.method if item is self.item else resolve_method(item, self.methods)
        f = method.fields().get(key) if method else None
        if f is None:
            raise KeyError(f"the method has no field {key!r}")
        stored = typed = validate_value(value, f)
        if shown is not _UNSEEN:
            now = meeting_queries.entries(self.store, item.id).get(key)
            before = validate_value(shown, f) if shown is not None else None
            if now is not None and now != before:
                stored = validate_value(merge_values(now, typed, before), f)
        self.store.save_entry(item.id, key, stored)
        for listener in self.listeners:
            listener.value_saved(self.store, item.id, f, stored)
        return Captured(stored, merged=stored != typed)

    def _item(self, item_id: str | None) -> AgendaItem:
        if item_id is None:
            return self.item
        found = next((i for i in self.items if i.id == item_id), None)
        if found is None:
            raise LookupError(f"no agenda item {item_id} in this meeting")
        return found

    def set_notes(self, text: str, item_id: str | None = None,
                  shown: Any = _UNSEEN) -> Captured:
        """An item's notes; `shown` as in `capture`."""
        item = self._item(item_id)
        typed = text
        if shown is not _UNSEEN:
            now = self.store.get(AgendaItem, item.id).notes
            if now != shown:
                text = merge_values(now, text, shown)
        item.notes = text
        self.store.save(item)
        return Captured(text, merged=text != typed)

    def actions(self, item_id: str | None = None) -> list[Action]:
        return meeting_queries.actions(self.store, item_id=self._item(item_id).id)

    def add_action(self, what: str, owner: str = "", due: dt.date | None = None,
                   item_id: str | None = None, step_id: str | None = None) -> Action:
        """An action of the item and step on screen, or of those it was typed in."""
        item = self._item(item_id)
        return self.store.save(Action(
            group_id=self.session.group_id, session_id=self.session.id, item_id=item.id,
            step_id=step_id if item_id else (self.step.id if self.step else None),
            what=what.strip(), owner=owner.strip(), due=due,
        ))

    def set_action_status(self, action_id: str, status: ActionStatus) -> None:
        action = self.store.get(Action, action_id)
        action.status = status
        self.store.save(action)

    def delete_action(self, action_id: str) -> None:
        self.store.delete(Action, action_id)

    def decisions(self, item_id: str | None = None) -> list[Decision]:
        return meeting_queries.decisions(self.store, self.session.id, item_id=self._item(item_id).id)

    def add_decision(self, text: str, item_id: str | None = None,
                     step_id: str | None = None) -> Decision:
        item = self._item(item_id)
        return self.store.save(Decision(
            session_id=self.session.id, item_id=item.id,
            step_id=step_id if item_id else (self.step.id if self.step else None),
            text=text.strip(),
        ))

    def delete_decision(self, decision_id: str) -> None:
        self.store.delete(Decision, decision_id)

    def add_lesson(self, text: str, share: bool = True) -> Lesson:
        return add_lesson(self.store, self.session.id, text, share)

    # --- what lives on across meetings ------------------------------------------------

    def slow_question(self) -> SlowQuestion | None:
        from ..memory.questions import question_for_item

        if not self.is_review:
            return None
        return question_for_item(self.store, self.item, self.session.group_id)

    def _register_slow_question(self) -> None:
        """The listeners hear that an item is opened: a slow question reviewed by a group
        becomes one of the group's questions (see `capture.GroupMemory`)."""
        if self.is_review:
            for listener in self.listeners:
                listener.item_opened(self.store, self.item.id)

    def set_slow_question_status(self, status: SlowQuestionStatus) -> None:
        question = self.slow_question()
        if question:
            question.status = status
            self.store.save(question)

    # --- attendance (at the opening) --------------------------------------------------

    def attendance(self) -> list[tuple[Participant, Person]]:
        return meeting_queries.participants(self.store, self.session.id)

    def set_attendance(self, participant_id: str, attendance: Attendance) -> None:
        participant = self.store.get(Participant, participant_id)
        participant.attendance = attendance
        self.store.save(participant)

    def add_participant(self, name: str, role: Role = Role.PARTICIPANT,
                        attendance: Attendance = Attendance.LATE) -> Participant:
        """Someone not planned who joins the meeting (on the group's roster from now on)."""
        from .planning import join_group, save_person_details

        if not name.strip():
            raise ValueError("a participant needs a name")
        with self.store.transaction():
            person = save_person_details(self.store, name)
            group = self.store.get(Group, self.session.group_id)
            join_group(self.store, group, person, self.session.date)
            return self.store.save(Participant(
                session_id=self.session.id, person_id=person.id, role=role,
                attendance=attendance))

    def people_present(self) -> list[str]:
        """Names of those who are there: an action's owner is picked from them."""
        return [person.name for p, person in self.attendance() if p.attendance.was_there]

    # --- following up actions (at the action list item) ---------------------------------

    def actions_to_follow_up(self) -> list[Action]:
        """The group's actions from earlier meetings still open, and those this meeting
        followed up (so their outcome stays in view)."""
        return meeting_queries.actions_to_follow_up(self.store, self.session)

    def is_overdue(self, action: Action) -> bool:
        return (action.status == ActionStatus.OPEN and action.due is not None
                and action.due < self.session.date)

    def follow_up(self, action_id: str, outcome: ActionOutcome, due: dt.date | None = None,
                  owner: str = "", reason: str = "") -> ActionEvent:
        """Done, continued with a new date, reassigned, or dropped with a reason; the
        action changes and the history keeps what this meeting said."""
        action = self.store.get(Action, action_id)
        if action is None:
            raise LookupError(f"no action with id {action_id}")
        if outcome == ActionOutcome.CONTINUED and due is None:
            raise ValueError(_("A continued action needs a new date."))
        if outcome == ActionOutcome.REASSIGNED and not owner.strip():
            raise ValueError(_("Say who takes the action over."))
        if outcome == ActionOutcome.DROPPED and not reason.strip():
            raise ValueError(_("Say why the action is dropped."))
        event = ActionEvent(action_id=action.id, session_id=self.session.id, outcome=outcome,
                            due=due, owner=owner.strip(), reason=reason.strip(),
                            at=self.wallclock())
        if outcome == ActionOutcome.DONE:
            action.status = ActionStatus.DONE
        elif outcome == ActionOutcome.DROPPED:
            action.status = ActionStatus.CANCELLED
        elif outcome == ActionOutcome.CONTINUED:
            action.due, action.status = due, ActionStatus.OPEN
        else:
            action.owner, action.status = owner.strip(), ActionStatus.OPEN
            if due is not None:
                action.due = due
        with self.store.transaction():
            self.store.save(action)
            self.store.save(event)
            drafts.answered(self.store, drafts.follow_up_key(self.session.id, action.id))
        return event

    # --- voornemens and the evaluation (the closing round, issue 12) ---------------------

    def closing_round(self) -> list[tuple[Person, Intention | None]]:
        """Everyone present, with the voornemen they said in this meeting's closing round."""
        from ..memory import intentions

        return intentions.closing_round(self.store, self.session.id)

    def say_intention(self, person_id: str, learned: str, intention: str) -> None:
        """What one person learned and will do differently; both empty: nothing kept."""
        from ..memory import intentions

        intentions.record(self.store, self.session.id, person_id, learned, intention)

    def intentions_to_follow_up(self) -> list[tuple[Person, Intention]]:
        """The voornemens of earlier meetings this meeting asks after."""
        from ..memory import intentions

        return intentions.to_follow_up(self.store, self.session.id)

    def follow_up_intention(self, intention_id: str, done: bool, answer: str = "") -> Intention:
        from ..memory import intentions

        with self.store.transaction():  # the answer stored, its dialog's draft goes
            drafts.answered(self.store, drafts.intention_key(self.session.id, intention_id))
            return intentions.follow_up(self.store, intention_id, self.session.id, done,
                                        answer)

    def evaluation_every(self) -> int:
        """Every how many meetings the group evaluates (its series says; 0: not planned),
        and so whether this meeting is one of them: see `evaluation_due`."""
        from .series import series_of_session

        series = series_of_session(self.store, self.session.id)
        return series.evaluate_every if series else 0

    def evaluation_due(self) -> bool:
        from .series import is_evaluation_due, series_of_session

        series = series_of_session(self.store, self.session.id)
        return bool(series and is_evaluation_due(series, self.session.id))

    def evaluations_given(self) -> int:
        return len(memory_queries.evaluations(self.store, session_id=self.session.id))

    def record_evaluation(self, answers: dict[str, int], open_answer: str = "") -> None:
        """One person's answers, kept without their name (see `evaluation`)."""
        from ..memory import evaluation

        evaluation.record(self.store, self.session.id, answers, open_answer)

    # --- approving the previous minutes -------------------------------------------------

    def previous_meeting(self) -> Session | None:
        """The group's last finished meeting before this one: its minutes are approved here."""
        # The newest two are enough (this meeting may be one of them): a group's whole
        # history was read here at every approval.
        for session in meeting_queries.sessions(self.store, group_id=self.session.group_id,
                                           status=SessionStatus.FINISHED,
                                           on_or_before=self.session.date, limit=2):
            if session.id != self.session.id:
                return session
        return None

    def approve_previous_minutes(self, corrections: str = "") -> MinutesEvent:
        """The group approves the previous minutes, with its corrections: vastgesteld."""
        previous = self.previous_meeting()
        if previous is None:
            raise LookupError(_("The group has no earlier minutes to approve."))
        return settle_minutes(self.store, previous.id, self.session, corrections,
                              self.wallclock())


def settle_minutes(store: Store, session_id: str, by: Session, corrections: str = "",
                   at: dt.datetime | None = None) -> MinutesEvent:
    session = store.get(Session, session_id)
    session.minutes_status = MinutesStatus.SETTLED
    session.minutes_settled_on = by.date
    event = MinutesEvent(session_id=session_id, change=MinutesChange.SETTLED,
                         note=corrections.strip(), by_session_id=by.id, at=at or now())
    with store.transaction():
        store.save(session)
        store.save(event)
    return event


def correct_minutes(store: Store, session_id: str, reason: str = "",
                    at: dt.datetime | None = None) -> MinutesEvent:
    """Record that a finished meeting's minutes are being corrected. Concept minutes are
    corrected freely; vastgestelde minutes only with a reason, and they become a concept
    again (to be approved anew)."""
    session = store.get(Session, session_id)
    if session is None or session.status != SessionStatus.FINISHED:
        raise ValueError(_("Only a finished meeting's minutes can be corrected."))
    settled = session.minutes_status == MinutesStatus.SETTLED
    if settled and not reason.strip():
        raise ValueError(_("These minutes are vastgesteld: say why they are reopened."))
    event = MinutesEvent(session_id=session_id,
                         change=MinutesChange.REOPENED if settled else MinutesChange.CORRECTED,
                         note=reason.strip(), at=at or now())
    with store.transaction():
        if settled:
            session.minutes_status, session.minutes_settled_on = MinutesStatus.CONCEPT, None
            store.save(session)
        store.save(event)
        drafts.answered(store, drafts.reopen_key(session_id))
    return event
