"""Following up the group's open actions at "Actielijst vorige keer": the list, and the
dialog that says what became of one action (done, continued, reassigned, dropped); and
the group's open slow questions, one of which a slow-question review can take up again."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, ListItem, ListView, Select

from livinglab.i18n import _, format_date, term
from livinglab.models import ActionOutcome
from livinglab.meeting.planning import parse_date
from livinglab.live.around import follow_up_problem

from .dialogs import LabModal
from .text import LineInput, Plain
from livinglab.meeting import queries as meeting_queries


def action_line(workshop, action, events) -> str:
    """'continued, done — what · who · when': what became of it first, so it is seen."""
    due = format_date(action.due)
    what = " · ".join(p for p in (action.what, action.owner, due) if p)
    if events:
        said = ", ".join(term(e.outcome) for e in events)
    elif workshop.is_overdue(action):
        said = "! " + _("overdue")
    else:
        said = term(action.status)
    return f"{said} — {what}"


class AnswerList(ListView):
    """Rows the meeting goes through one at a time: enter on a row posts `Chosen` with its
    index in `shown`; `refresh_rows` rebuilds the rows after an answer, keeping the place."""

    DEFAULT_CSS = "AnswerList { height: auto; max-height: 12; }"

    class Chosen(Message):
        def __init__(self, index: int):
            super().__init__()
            self.chosen = index

    def __init__(self, workshop, **kwargs):
        self.workshop = workshop
        self.shown: list = []
        super().__init__(*self.items(), **kwargs)

    def rows(self) -> list[tuple[object, str]]:
        """(what a row stands for, its line), in order."""
        raise NotImplementedError

    def items(self) -> list[ListItem]:
        rows = self.rows()
        self.shown = [row for row, _line in rows]
        return [ListItem(Plain(line)) for _row, line in rows]

    async def refresh_rows(self) -> None:
        index = self.index
        await self.clear()
        await self.extend(self.items())
        self.index = index

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if event.list_view is self and self.index is not None and self.shown:
            event.stop()
            self.post_message(self.Chosen(self.index))


class FollowUpList(AnswerList):
    """The group's open actions; enter on one says what became of it."""

    class Chosen(AnswerList.Chosen):
        pass

    def rows(self) -> list[tuple[object, str]]:
        w = self.workshop
        events: dict[str, list] = {}
        for event in meeting_queries.action_events(w.store, session_id=w.session.id):
            events.setdefault(event.action_id, []).append(event)
        return [(a, action_line(w, a, events.get(a.id, []))) for a in w.actions_to_follow_up()]


def question_line(question) -> str:
    """'5c0a7e3e · in verder onderzoek — the question; left open: …'."""
    from livinglab.memory.questions import still_open
    from livinglab.storage.refs import short_id

    line = f"{short_id(question.id)} · {term(question.status)} — {question.question}"
    if left := still_open(question):
        line += "\n  " + _("Left open: {items}").format(items="; ".join(left))
    return line


class QuestionList(AnswerList):
    """The group's open slow questions; enter on one takes it up in this review."""

    class Chosen(AnswerList.Chosen):
        pass

    def rows(self) -> list[tuple[object, str]]:
        return [(q, question_line(q)) for q in self.workshop.questions_to_take_up()]


class FollowUpDialog(LabModal):
    """What the meeting says about one action: done, a new date, a new owner, or dropped.
    What is typed is kept as a draft until the answer is stored."""

    def __init__(self, action, present: list[str]):
        super().__init__()
        self.action = action
        self.present = present

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.action.what, classes="question")
            yield Select([(term(o), o.value) for o in ActionOutcome],
                         value=ActionOutcome.DONE.value, allow_blank=False, id="outcome")
            yield Plain(_("New date (when continued)"), classes="label")
            # "e.g.": a bare date read as one already filled in (a secretary's find)
            yield LineInput(id="due", placeholder=_("e.g. {date}").format(date="16-12-2026"),
                            compact=True)
            yield Plain(_("New owner (when reassigned): one of those present, or a name"),
                        classes="label")
            yield LineInput(id="owner", compact=True, placeholder=_("Name"),
                            suggester=SuggestFromList(self.present, case_sensitive=False))
            yield Plain(_("Why (unless done)"), classes="label")
            yield LineInput(id="reason", compact=True, placeholder=_("Reason"))
            yield Plain(classes="problem", id="follow-up-problem")
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="no")

    def on_mount(self) -> None:
        from livinglab.meeting.drafts import follow_up_key

        self.query_one("#outcome").focus()
        if (session_id := self.meeting_below()) is not None:
            self.draft = (follow_up_key(session_id, self.action.id), session_id)

    def answer(self) -> dict | None:
        value = lambda id: self.query_one(f"#{id}", Input).value.strip()  # noqa: E731
        due: dt.date | None = None
        if value("due"):
            try:
                due = parse_date(value("due"))
            except ValueError:
                self.query_one("#follow-up-problem", Plain).update(
                    _("Type a date such as 25-11-2026."))
                return None
        answer = {"outcome": ActionOutcome(self.query_one("#outcome", Select).value),
                  "due": due, "owner": value("owner"), "reason": value("reason")}
        if problem := follow_up_problem(**answer):  # said here, with what was typed kept
            self.query_one("#follow-up-problem", Plain).update(problem)
            return None
        return answer

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if (answer := self.answer()) is not None:
            self.dismiss(answer)

    @on(Button.Pressed, "#ok")
    def ok_pressed(self) -> None:
        if (answer := self.answer()) is not None:
            self.dismiss(answer)

    @on(Button.Pressed, "#no")
    async def cancel_pressed(self) -> None:
        await self.close_dialog()

    def show_problem(self, text: str) -> None:
        self.query_one("#follow-up-problem", Plain).update(text)
