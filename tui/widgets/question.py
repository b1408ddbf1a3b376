"""A slow question put right from the knowledge screen: its wording, its status, whether
the group takes it to the region, and what each meeting added or left open (one line a
point). The answer is stored at once by `memory.questions.revise_question`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Select

from livinglab.i18n import N_, _, format_date, term
from livinglab.models import SlowQuestion, SlowQuestionStatus
from livinglab.storage.refs import short_id

from .dialogs import LabModal
from .text import LineInput, Plain, TextBox


class QuestionDialog(LabModal):
    """Dismisses with {wording, status, to_region, pages: [(added, left_open)]}."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), priority=True)]
    DEFAULT_CSS = """
    QuestionDialog .dialog { width: 76; }
    QuestionDialog TextBox { height: 4; }
    QuestionDialog .page { margin-top: 1; text-style: bold; }
    """

    def __init__(self, question: SlowQuestion, titles: dict[str, str]):
        super().__init__()
        self.question = question
        self.titles = titles  # meeting id -> title, for the pages of the history

    def compose(self) -> ComposeResult:
        q = self.question
        with Vertical(classes="dialog"):
            yield Plain(_("Slow question {id}: change its words, status and history; "
                          "ctrl+s saves.").format(id=short_id(q.id)), classes="question")
            yield Plain(_("In the group's own words"), classes="label")
            yield LineInput(q.question, id="q-wording", compact=True)
            yield Plain(_("Status"), classes="label")
            yield Select([(term(s), s.value) for s in SlowQuestionStatus], value=q.status.value,
                         allow_blank=False, id="q-status", compact=True)
            yield Checkbox(_("The group takes it to the region"), q.to_region, id="q-region")
            for n, page in enumerate(q.history):
                title = self.titles.get(page.session_id, "")
                yield Plain(" · ".join(p for p in (format_date(page.date), title) if p),
                            classes="page")
                yield Plain(_("What it added (one point a line)"), classes="label")
                yield TextBox("\n".join(page.added), id=f"q-added-{n}")
                yield Plain(_("What it left open (one point a line)"), classes="label")
                yield TextBox("\n".join(page.left_open), id=f"q-open-{n}")
            yield Plain(classes="problem", id="q-problem")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#q-wording").focus()

    def answer(self) -> dict | None:
        wording = self.query_one("#q-wording", LineInput).value.strip()
        if not wording:
            self.query_one("#q-problem", Plain).update(_("A slow question needs words."))
            return None
        lines = lambda id_: self.query_one(f"#{id_}", TextBox).text.splitlines()
        return {"wording": wording,
                "status": SlowQuestionStatus(self.query_one("#q-status", Select).value),
                "to_region": self.query_one("#q-region", Checkbox).value,
                "pages": [(lines(f"q-added-{n}"), lines(f"q-open-{n}"))
                          for n in range(len(self.question.history))]}

    def action_save(self) -> None:
        if (answer := self.answer()) is not None:
            self.dismiss(answer)

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)
