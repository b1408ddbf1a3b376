"""The agenda items around the case reviews, as the running meeting holds them: who is
there (the opening), the actions followed up (the action list), the closing round with
its voornemens and evaluation, and approving the previous minutes. `Workshop` takes these
from `AroundTheReview`; the minutes' life (`settle_minutes`, `correct_minutes`) is here too.
"""

from __future__ import annotations

import datetime as dt

from ..i18n import _
from ..memory import evaluation, intentions, questions
from ..memory import queries as memory_queries
from ..meeting import drafts
from ..meeting import queries as meeting_queries
from ..meeting.lookback import LookBack, agreements_to_look_back
from ..meeting.series import is_evaluation_due, series_of_session
from ..models import (
    Action, ActionEvent, ActionOutcome, ActionStatus, Attendance, Intention, MinutesChange,
    Group, MinutesEvent, MinutesStatus, Participant, Person, Role, Session, SessionStatus,
    SlowQuestion, now,
)
from ..storage.store import Store


class AroundTheReview:
    """What a `Workshop` (its `store`, `session` and `wallclock`) does at the items around
    the reviews."""

    store: Store
    session: Session

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
        from ..meeting.planning import join_group, save_person_details

        if not name.strip():
            raise ValueError("a participant needs a name")
        with self.store.transaction():
            person = save_person_details(self.store, name)
            if role != Role.GUEST:  # a guest is at this meeting, not of the group
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
        if problem := follow_up_problem(outcome, due, owner, reason):
            raise ValueError(problem)
        event = ActionEvent(action_id=action.id, session_id=self.session.id, outcome=outcome,
                            due=due, owner=owner.strip(), reason=reason.strip(),
                            at=self.wallclock(), was_status=action.status,
                            was_due=action.due, was_owner=action.owner)
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
        return intentions.closing_round(self.store, self.session.id)

    def say_intention(self, person_id: str, learned: str, intention: str) -> None:
        """What one person learned and will do differently; both empty: nothing kept."""
        intentions.record(self.store, self.session.id, person_id, learned, intention)

    def agreements_to_look_back(self) -> list[LookBack]:
        """What earlier reviews agreed to evaluate by now (shown at the action list)."""
        return agreements_to_look_back(self.store, self.session)

    def intentions_to_follow_up(self) -> list[tuple[Person, Intention]]:
        """The voornemens of earlier meetings this meeting asks after."""
        return intentions.to_follow_up(self.store, self.session.id)

    def open_questions(self) -> list[SlowQuestion]:
        """The group's slow questions still open that earlier meetings worked on: the
        action list shows them, and a slow-question review can take one up again."""
        return [q for q in memory_queries.slow_questions(self.store, self.session.group_id,
                                                         open_only=True)
                if any(page.session_id != self.session.id for page in q.history)]

    def questions_to_take_up(self) -> list[SlowQuestion]:
        """At a slow-question review: the open questions it could go on with (not the one
        it goes on with already)."""
        if not (self.is_review and questions.is_slow_question_review(self.store, self.item)):
            return []
        own = self.slow_question()
        return [q for q in self.open_questions() if own is None or q.id != own.id]

    def take_up_question(self, question_id: str) -> SlowQuestion:
        """This review goes on with an open question of the group: it becomes a page of
        that question's history, and what it words becomes the question's wording."""
        return questions.continue_question(self.store, self.item.id, question_id)

    def follow_up_intention(self, intention_id: str, done: bool, answer: str = "") -> Intention:
        with self.store.transaction():  # the answer stored, its dialog's draft goes
            drafts.answered(self.store, drafts.intention_key(self.session.id, intention_id))
            return intentions.follow_up(self.store, intention_id, self.session.id, done,
                                        answer)

    def evaluation_every(self) -> int:
        """Every how many meetings the group evaluates (its series says; 0: not planned),
        and so whether this meeting is one of them: see `evaluation_due`."""
        series = series_of_session(self.store, self.session.id)
        return series.evaluate_every if series else 0

    def evaluation_due(self) -> bool:
        series = series_of_session(self.store, self.session.id)
        return bool(series and is_evaluation_due(series, self.session.id))

    def evaluations_given(self) -> int:
        return len(memory_queries.evaluations(self.store, session_id=self.session.id))

    def record_evaluation(self, answers: dict[str, int], open_answer: str = "") -> None:
        """One person's answers, kept without their name (see `evaluation`)."""
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


def follow_up_problem(outcome: ActionOutcome, due: dt.date | None, owner: str,
                      reason: str) -> str | None:
    """What an answer about an action still lacks, said as the dialog says it; None when
    complete. Every outcome but done says why: a later meeting reads why it moved."""
    if outcome == ActionOutcome.CONTINUED and due is None:
        return _("A continued action needs a new date.")
    if outcome == ActionOutcome.REASSIGNED and not owner.strip():
        return _("Say who takes the action over.")
    if outcome != ActionOutcome.DONE and not reason.strip():
        return {ActionOutcome.CONTINUED: _("Say why the action needs more time."),
                ActionOutcome.REASSIGNED: _("Say why someone else takes the action over."),
                }.get(outcome, _("Say why the action is dropped."))
    return None


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
