"""The running meeting: which agenda item and step is on screen, the step's timer, and
every edit written through the store at once.

The app drives a `Workshop`; so do the tests, without a terminal. Leaving and coming
back is just making a new `Workshop` on the same session: the position, the captured
content and the time spent are all in the store.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from .fields import empty_value, field_type, validate_value
from .methods import resolve_method
from .models import (
    Action, ActionStatus, AgendaItem, AgendaKind, Case, CaseKind, Decision, Lesson, Method,
    Session, SessionStatus, SlowQuestion, SlowQuestionStatus, Step, StepField, StepTime, local,
    now,
)
from .store import Store

Clock = Callable[[], float]


def add_lesson(store: Store, session_id: str, text: str, share: bool = True) -> Lesson:
    """Keep a lesson of a meeting (kennisoogst), tagged with the themes of the cases the
    meeting reviewed, so it is found by theme later; no running meeting needed."""
    session = store.session(session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    if not text.strip():
        raise ValueError("a lesson needs text")
    refs = [item.case_id for item in store.agenda(session_id)
            if item.kind == AgendaKind.CASE_REVIEW and item.case_id]
    cases = store.cases_by_ref(refs)
    themes = list(dict.fromkeys(theme for ref in refs if ref in cases
                                for theme in cases[ref].themes))
    return store.save_lesson(Lesson(group_id=session.group_id, session_id=session.id,
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


def format_seconds(seconds: float) -> str:
    """mm:ss, to the nearest second (so 1.9999999 s of float sums shows as 00:02)."""
    seconds = round(seconds)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


class Workshop:
    def __init__(self, store: Store, session_id: str, methods=None,
                 clock: Clock = time.monotonic,
                 wallclock: Callable[[], dt.datetime] = now):
        self.store = store
        self.methods = methods
        self.clock = clock
        self.wallclock = wallclock
        session = store.session(session_id)
        if session is None:
            raise LookupError(f"no meeting with id {session_id}")
        self.session: Session = session
        self.items: list[AgendaItem] = store.agenda(session_id)
        if not self.items:
            raise ValueError("the meeting has no agenda items")
        current = next((i for i in self.items if i.id == session.current_item_id), None)
        self.item: AgendaItem = current or self.items[0]
        self._load_item()

    # --- position ----------------------------------------------------------------------

    def _load_item(self) -> None:
        self.method: Method | None = resolve_method(self.item, self.methods)
        self.case: Case | None = self.store.case(self.item.case_id) if self.item.case_id else None
        if self.method and self.item.method_snapshot is None:
            # Freeze the method as it is now: the minutes stay true if the file changes.
            self.item.method_snapshot = self.method.model_dump(mode="json")
            self.store.save_agenda_item(self.item)
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
        timed = self.store.step_times(self.item.id)  # one query for the whole list
        current = self.item.current_step
        return ["current" if n == current else
                "done" if n < current or step.id in timed else "todo"
                for n, step in enumerate(self.method.steps)]

    def start(self) -> None:
        """Open the meeting (or resume it) at the stored position."""
        if self.session.status == SessionStatus.PLANNED:
            self.session.status = SessionStatus.RUNNING
            if self.session.start_time is None:
                self.session.start_time = self._clock_time()
        self.session.current_item_id = self.item.id
        self.store.save_session(self.session)
        self._register_slow_question()

    def go_to_step(self, index: int) -> None:
        if not self.is_review:
            return
        index = max(0, min(index, len(self.method.steps) - 1))
        if index == self.item.current_step:
            return
        self.pause_timer()
        self.item.current_step = index
        self.store.save_agenda_item(self.item)
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
        self.store.save_session(self.session)
        self._load_item()
        self._register_slow_question()

    def next_item(self) -> bool:
        """Mark this item done and open the next; False when it was the last."""
        self.pause_timer()
        self.item.done = True
        self.store.save_agenda_item(self.item)
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
        self.store.save_agenda_item(self.item)
        self.session.status = SessionStatus.FINISHED
        self.session.end_time = self._clock_time()
        self.store.save_session(self.session)

    def _clock_time(self) -> dt.time:
        """The local clock now, to the minute: what the minutes' header shows."""
        return local(self.wallclock()).time().replace(second=0, microsecond=0)

    # --- the timer -----------------------------------------------------------------------

    def _timer_for_step(self) -> StepTimer:
        if not self.is_review:
            return StepTimer(0)
        step = self.step
        stored = self.store.step_times(self.item.id).get(step.id)
        if stored:
            return StepTimer(stored.planned_seconds, stored.spent_seconds, stored.extra_seconds)
        return StepTimer(step.minutes * 60)

    def _save_time(self) -> None:
        if self.is_review:
            self.store.save_step_time(StepTime(
                item_id=self.item.id, step_id=self.step.id,
                planned_seconds=self.timer.planned_seconds,
                spent_seconds=self.timer.elapsed(self.clock()),
                extra_seconds=self.timer.extra_seconds,
            ))

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
        stored = self.store.entries(self.item.id).get(key)
        return stored if stored is not None else empty_value(self.field(key))

    def values(self) -> dict[str, Any]:
        stored = self.store.entries(self.item.id)
        return {k: stored.get(k, empty_value(f)) for k, f in self.method.fields().items()}

    def set_value(self, key: str, value: Any) -> None:
        """Validate a field's value by its type and store it at once; a bad value raises
        ValueError naming the field, and nothing is stored."""
        f = self.field(key)
        stored = validate_value(value, f)
        self.store.save_entry(self.item.id, key, stored)
        if after_save := field_type(f.type).after_save:
            after_save(self, stored)
        from .memory import after_value_saved  # slow question, precedent, voornemens

        after_value_saved(self.store, self.item.id, key)

    def set_notes(self, text: str) -> None:
        self.item.notes = text
        self.store.save_agenda_item(self.item)

    def actions(self) -> list[Action]:
        return self.store.actions(item_id=self.item.id)

    def add_action(self, what: str, owner: str = "", due: dt.date | None = None) -> Action:
        return self.store.save_action(Action(
            group_id=self.session.group_id, session_id=self.session.id, item_id=self.item.id,
            step_id=self.step.id if self.step else None, what=what.strip(), owner=owner.strip(),
            due=due,
        ))

    def set_action_status(self, action_id: str, status: ActionStatus) -> None:
        action = self.store.action(action_id)
        action.status = status
        self.store.save_action(action)

    def delete_action(self, action_id: str) -> None:
        self.store.delete_action(action_id)

    def decisions(self) -> list[Decision]:
        return self.store.decisions(self.session.id, item_id=self.item.id)

    def add_decision(self, text: str) -> Decision:
        return self.store.save_decision(Decision(
            session_id=self.session.id, item_id=self.item.id,
            step_id=self.step.id if self.step else None, text=text.strip(),
        ))

    def delete_decision(self, decision_id: str) -> None:
        self.store.delete_decision(decision_id)

    def add_lesson(self, text: str, share: bool = True) -> Lesson:
        return add_lesson(self.store, self.session.id, text, share)

    # --- what lives on across meetings ------------------------------------------------

    def slow_question(self) -> SlowQuestion | None:
        from .questions import question_for_item

        if not self.is_review:
            return None
        return question_for_item(self.store, self.item, self.session.group_id)

    def _register_slow_question(self) -> None:
        """A slow question reviewed by a group becomes one of the group's questions, and
        this meeting a page of its history (see `questions.record_review`)."""
        from .questions import record_review

        if self.is_review:
            record_review(self.store, self.item.id)

    def set_slow_question_status(self, status: SlowQuestionStatus) -> None:
        question = self.slow_question()
        if question:
            question.status = status
            self.store.save_slow_question(question)
