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

from ..memory.capture import CaptureListener, listeners_for
from ..fields import empty_value, validate_value
from ..methods import resolve_method
from ..models import (
    Action, ActionStatus, AgendaItem, AgendaKind, Case,
    Decision, Lesson, Method, MinutesStatus, Session, SessionStatus, SlowQuestion, SlowQuestionStatus, Step, StepField,
    StepTime, local, now,
)
from ..storage.store import Store
from .around import AroundTheReview
from .timer import StepTimer
from ..memory.questions import question_for_item
from ..library import queries as case_queries
from ..meeting import queries as meeting_queries
from ..models import Heartbeat

Clock = Callable[[], float]
# A beat this recent from another window: the meeting is open there (the app beats every
# second; a crashed or closed window stops beating and frees the meeting after this).
OPEN_ELSEWHERE_SECONDS = 5
_UNSEEN = object()
# The time of an agenda item without steps is kept as one "step" of this id.
WHOLE_ITEM = "item"


def add_lesson(store: Store, session_id: str, text: str, share: bool = True,
               item_id: str | None = None) -> Lesson:
    """Keep a lesson of a meeting (kennisoogst), tagged with themes so that it is found by
    theme later; no running meeting needed.

    Which themes, as a secretary expects them:

    - A lesson said in a case review (`item_id` is that agenda item) gets the themes of
      that review's case only. In a meeting about a fraud case and a carer's case, the
      lesson from the fraud case is not a lesson about carers.
    - A lesson of the meeting as a whole (no item known: the finish screen, or an item that
      reviews no case, such as the closing round) gets the themes of the case if the
      meeting reviewed one. If it reviewed several, the lesson belongs to no one case, and
      gets the union of their themes: better found under each case's theme than under none.

    Lessons stored before this rule keep the themes they were given (the union); only new
    lessons are tagged this way."""
    session = store.get(Session, session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    if not text.strip():
        raise ValueError("a lesson needs text")
    reviews = [item for item in meeting_queries.agenda(store, session_id)
               if item.kind == AgendaKind.CASE_REVIEW and item.case_id]
    own = [item for item in reviews if item.id == item_id]
    refs = [item.case_id for item in own or reviews]
    cases = case_queries.cases_by_ref(store, refs)
    themes = list(dict.fromkeys(theme for ref in refs if ref in cases
                                for theme in cases[ref].themes))
    return store.save(Lesson(group_id=session.group_id, session_id=session.id,
                                    text=text.strip(), themes=themes, share=share))


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


class Workshop(AroundTheReview):
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
            held_on = local(self.session.started_at).date()
            if held_on < self.session.date:
                # Held before the day it was planned for (the app asked first): it is a
                # meeting of today, so what is overdue, what comes back to be evaluated
                # and where it stands among the group's meetings are judged by today.
                self.session.date = held_on
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
        if self.is_review:  # forward enters at the first step, as back enters at the last
            self.go_to_step(0)  # (correcting minutes opened a review at its tenth step)
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
        """A lesson said while a case review is on screen gets that case's themes; said
        elsewhere in the meeting (the closing round), it is the meeting's (see
        `add_lesson`)."""
        item_id = self.item.id if self.is_review else None
        return add_lesson(self.store, self.session.id, text, share, item_id=item_id)

    # --- what lives on across meetings ------------------------------------------------

    def slow_question(self) -> SlowQuestion | None:
        if not self.is_review:
            return None
        return question_for_item(self.store, self.item, self.session.group_id)

    def question_so_far(self) -> SlowQuestion | None:
        """The group's slow question this review goes on with, when earlier meetings
        worked on it (the runner says so: a new wording changes that question)."""
        question = self.slow_question()
        if question and any(work.item_id != self.item.id for work in question.history):
            return question
        return None

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
