"""The group's memory at the meeting (issue 12): the closing round's voornemens, the
voornemens of last time asked after at the action list, and the anonymous evaluation."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Select

from livinglab.memory.evaluation import ITEMS, OPEN_QUESTION
from livinglab.i18n import N_, _, pick

from .dialogs import LabModal
from .editors.base import labelled
from .followup import AnswerList
from .text import LineInput, Plain, WrapLine


class ClosingRound(Vertical):
    """Everyone who is there in turn (present, arrived late, walked in): what did I
    learn, what will I do differently (Kolb)."""

    class Said(Message):
        def __init__(self, person_id: str, learned: str, intention: str):
            super().__init__()
            self.person_id, self.learned, self.intention = person_id, learned, intention

    def __init__(self, people: list, **kwargs):
        super().__init__(**kwargs)
        self.people = people  # [(person, the voornemen they said, or None)]

    def compose(self) -> ComposeResult:
        if not self.people:
            yield Plain(_("Nobody is marked present: ctrl+r records who is there."),
                        classes="hint")
        for index, (person, said) in enumerate(self.people):
            with Vertical(classes="participant-answers", id=f"closing-{index}"):
                yield Plain(person.name, classes="who")
                yield labelled(_("What did I learn?"), WrapLine(
                    said.learned if said else "", classes="learned"))
                yield labelled(_("What will I do differently?"), WrapLine(
                    said.intention if said else "", classes="intention"))

    def on_input_changed(self, event: Input.Changed) -> None:
        block = next((b for b in event.input.ancestors if b.id and b.id.startswith("closing-")),
                     None)
        if block is None:
            return
        event.stop()
        person = self.people[int(block.id.removeprefix("closing-"))][0]
        self.post_message(self.Said(person.id, block.query_one(".learned", WrapLine).value,
                                    block.query_one(".intention", WrapLine).value))

    def answers(self) -> dict[str, tuple[str, str]]:
        """Each person's two lines as they stand now: person id -> (learned, intention)."""
        return {person.id: (self.query_one(f"#closing-{index} .learned", WrapLine).value,
                            self.query_one(f"#closing-{index} .intention", WrapLine).value)
                for index, (person, _said) in enumerate(self.people)}


def intention_line(person, intention) -> str:
    """'Anouk Visser: elke week één casus navragen — done: three times'."""
    line = f"{person.name}: {intention.intention}"
    if intention.done is not None:
        line += " — " + (_("done") if intention.done else _("not done"))
        if intention.answer:
            line += ": " + intention.answer
    return line


class IntentionList(AnswerList):
    """The voornemens of last time; enter on one keeps what came of it."""

    class Chosen(AnswerList.Chosen):
        pass

    def rows(self) -> list[tuple[object, str]]:
        return [((person, i), intention_line(person, i))
                for person, i in self.workshop.intentions_to_follow_up()]


class IntentionDialog(LabModal):
    """What came of one person's voornemen: done or not, and what they did or why not.
    What is typed is kept as a draft until the answer is stored."""

    def __init__(self, person, intention):
        super().__init__()
        self.person, self.intention = person, intention

    def compose(self) -> ComposeResult:
        done = self.intention.done
        with Vertical(classes="dialog"):
            yield Plain(f"{self.person.name}: {self.intention.intention}", classes="question")
            yield Select([(_("done"), "yes"), (_("not done"), "no")], allow_blank=False,
                         value="no" if done is False else "yes", id="done")
            yield Plain(_("What did you do? If not, why not?"), classes="label")
            yield LineInput(self.intention.answer, id="answer")
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="no")

    def on_mount(self) -> None:
        from livinglab.meeting.drafts import intention_key

        self.query_one("#done").focus()
        if (session_id := self.meeting_below()) is not None:
            self.draft = (intention_key(session_id, self.intention.id), session_id)

    def answer(self) -> dict:
        return {"done": self.query_one("#done", Select).value == "yes",
                "answer": self.query_one("#answer", Input).value}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(self.answer())

    @on(Button.Pressed, "#ok")
    def ok_pressed(self) -> None:
        self.dismiss(self.answer())

    @on(Button.Pressed, "#no")
    async def cancel_pressed(self) -> None:
        await self.close_dialog()


SCALE = [N_("1 not at all"), N_("2 hardly"), N_("3 somewhat"), N_("4 mostly"), N_("5 fully")]


class EvaluationDialog(LabModal):
    """One person's evaluation, kept without their name; the next person gets an empty
    form. Each item on a five-point scale (enter opens it, a digit goes to that score,
    enter takes it), and one open question. Anonymous, so never kept as a draft: the next
    person would see it."""

    CSS = """
    .evaluation { width: 72; }
    .evaluation .labelled { margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog evaluation"):
            yield Plain(_("Evaluation, anonymous: your answers are kept without your name. "
                          "Choose 1 (not at all) to 5 (fully)."), classes="question")
            for item, (_domain, wording) in ITEMS.items():
                yield labelled(pick(wording), Select(
                    [(_(label), n) for n, label in enumerate(SCALE, 1)], prompt="-",
                    id=f"item-{item}", compact=True))
            yield labelled(pick(OPEN_QUESTION), LineInput(id="open-answer"))
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="no")

    def on_mount(self) -> None:
        self.query(Select).first().focus()

    def answers(self) -> tuple[dict[str, int], str]:
        scores = {item: self.query_one(f"#item-{item}", Select).value for item in ITEMS}
        return ({item: score for item, score in scores.items() if isinstance(score, int)},
                self.query_one("#open-answer", Input).value)

    def save(self) -> None:
        scores, open_answer = self.answers()
        if not scores and not open_answer.strip():
            self.notify(_("Nothing answered yet."), severity="warning")
            return
        self.dismiss((scores, open_answer))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    @on(Button.Pressed, "#ok")
    def ok_pressed(self) -> None:
        self.save()

    @on(Button.Pressed, "#no")
    async def cancel_pressed(self) -> None:
        await self.close_dialog()
