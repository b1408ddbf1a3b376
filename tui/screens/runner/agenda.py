"""Around the review (issue 10): what an agenda item of another kind than a case review
shows below its notes, and what the meeting answers there. The opening says who is
present, the action list asks after last time's actions and voornemens, the previous
minutes are approved with their corrections, and the closing round takes each person's
voornemen and, one person at a time, the anonymous evaluation."""

from __future__ import annotations

from textual.widgets import Button

from livinglab.i18n import _, format_date, term
from livinglab.models import AgendaKind
from livinglab.storage.refs import short_id

from ...widgets.closing import ClosingRound, EvaluationDialog, IntentionDialog, IntentionList
from ...widgets.followup import (FollowUpDialog, FollowUpList, QuestionList,
                                 question_line)
from ...widgets.text import Plain, TextBox
from livinglab.meeting import queries as meeting_queries


def widgets_for_kind(w) -> list:
    """What an item of the workshop's current kind shows below its notes."""
    kind = w.item.kind
    if kind == AgendaKind.ACTION_FOLLOW_UP:
        if w.actions_to_follow_up():
            shown = [Plain(_("Open actions: enter on one says what became of it"),
                           classes="field-label"), FollowUpList(w, id="follow-up")]
        else:
            shown = [Plain(_("No open actions from earlier meetings."), classes="hint")]
        for back in w.agreements_to_look_back():
            shown += [Plain(_("Look back on what was agreed: {review}, {date} (to evaluate "
                              "on {evaluate_on})").format(
                review=back.item.title, date=format_date(back.agreed_in.date),
                evaluate_on=format_date(back.evaluate_on)), classes="field-label"),
                Plain("\n".join(f"• {text}" for text in back.agreed) or "—",
                      classes="look-back")]
        if w.intentions_to_follow_up():
            shown += [Plain(_("Voornemens of last time: enter on one says what came of it"),
                            classes="field-label"), IntentionList(w, id="intentions")]
        if questions := w.open_questions():  # a slow-question review takes one up again
            shown += [Plain(_("The group's open slow questions"), classes="field-label"),
                      Plain("\n".join(f"• {question_line(q)}" for q in questions),
                            classes="look-back", id="open-questions")]
        return shown
    if kind == AgendaKind.CLOSING_ROUND:
        return [*evaluation_offer(w),
                Plain(_("Closing round (voornemens): each person present says what they "
                        "learned and what they will do differently; the next meeting asks "
                        "what came of it."), classes="field-label"),
                ClosingRound(w.closing_round(), id="closing-round")]
    if kind == AgendaKind.APPROVE_MINUTES:
        previous = w.previous_meeting()
        if previous is None:
            return [Plain(_("The group has no earlier minutes to approve."), classes="hint")]
        status = term(previous.minutes_status)
        if previous.minutes_settled_on:
            status += " " + format_date(previous.minutes_settled_on)
        given = [e for e in meeting_queries.minutes_settled_by(w.store, w.session.id)
                 if e.session_id == previous.id and e.note]
        said = ([Plain(_("Approved on {date} with corrections: {text}").format(
                    date=format_date(previous.minutes_settled_on),
                    text=given[-1].note), classes="hint", id="corrections-given")]
                if given and previous.minutes_settled_on else [])
        return [Plain(_("Minutes of {date}: {status}").format(
                    date=format_date(previous.date), status=status),
                    classes="field-label", id="previous-minutes"), *said,
                Plain(_("Corrections the group asks for"), classes="field-label"),
                TextBox("", id="corrections"),
                Button(_("Approve the minutes"), id="approve", variant="primary")]
    if w.item_index == 0:
        present = ", ".join(w.people_present())
        return [Plain(_("Present: {names}. ctrl+r records who is there.").format(
            names=present), classes="hint", id="attendance-hint")]
    return []


def evaluation_offer(w) -> list:
    """The anonymous evaluation: asked for when the group's series says it is due, there
    to be given at any closing round."""
    return [Plain(evaluation_said(w), classes="hint", id="evaluation-said"),
            Button(_("Evaluation (anonymous)"), id="evaluate",
                   variant="primary" if w.evaluation_due() else "default")]


def evaluation_said(w) -> str:
    if w.evaluation_due():
        said = _("This meeting the group evaluates (every {n} meetings).").format(
            n=w.evaluation_every())
    else:
        said = _("An evaluation can be given at any closing round.")
    return said + " " + _("Answers so far: {count}.").format(count=w.evaluations_given())


class AgendaAnswers:
    """The runner's part that stores what the meeting answers at those items. (Its two
    buttons are wired in the screen: Textual registers `@on` handlers only on its own
    classes, not on a plain mixin.)"""

    async def on_intention_list_chosen(self, event: IntentionList.Chosen) -> None:
        listed = self.query_one(IntentionList)
        person, intention = listed.shown[event.chosen]

        async def record(answer: dict | None) -> None:
            if answer and self.store_now(
                    lambda: self.workshop.follow_up_intention(intention.id, **answer)):
                await listed.refresh_rows()
                listed.focus()
                self.call_after_refresh(self.show_highlighted, listed)

        self.app.push_screen(IntentionDialog(person, intention), record)

    def show_highlighted(self, listed) -> None:
        """The row just answered stays in sight (its text grew, the list was rebuilt)."""
        if listed.highlighted_child is not None:
            listed.highlighted_child.scroll_visible(animate=False)

    def evaluate(self) -> None:
        """One person's evaluation, without a name (the Evaluation button)."""

        def record(answers: tuple | None) -> None:
            if answers and self.store_now(self.workshop.record_evaluation, *answers):
                self.notify(_("Evaluation kept, without a name. The next person: enter."))
                self.query_one("#evaluation-said", Plain).update(evaluation_said(self.workshop))
            self.query_one("#evaluate").focus()

        self.app.push_screen(EvaluationDialog(), record)

    def action_attendance(self) -> None:
        from ..attendance import AttendanceScreen

        async def refresh(_result) -> None:
            await self.show_position()

        self.app.push_screen(AttendanceScreen(self.workshop), refresh)

    async def on_follow_up_list_chosen(self, event: FollowUpList.Chosen) -> None:
        w = self.workshop
        action = self.query_one(FollowUpList).shown[event.chosen]

        async def record(answer: dict | None) -> None:
            if answer and self.store_now(lambda: w.follow_up(action.id, **answer)):
                listed = self.query_one(FollowUpList)
                await listed.refresh_rows()
                listed.focus()
                self.call_after_refresh(self.show_highlighted, listed)

        self.app.push_screen(FollowUpDialog(action, w.people_present()), record)

    async def on_question_list_chosen(self, event: QuestionList.Chosen) -> None:
        """This slow-question review goes on with the question chosen: the step is shown
        again, saying so."""
        question = self.query_one(QuestionList).shown[event.chosen]
        if self.store_now(self.workshop.take_up_question, question.id):
            self.notify(_("This review goes on with the slow question {id}.").format(
                id=short_id(question.id)))
            await self.show_position()

    async def approve_previous_minutes(self) -> None:
        """The previous minutes approved, with the corrections typed (Approve button)."""
        corrections = self.query_one("#corrections", TextBox).text
        if self.store_now(self.workshop.approve_previous_minutes, corrections):
            self.notify(_("The previous minutes are approved (vastgesteld)."))
            await self.show_position()
