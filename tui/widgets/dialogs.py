"""Small modal dialogs: confirm, ask for a line of text. Their text wraps and is never
markup; the button that has focus is the answer the user most likely wants."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from livinglab.i18n import _

from ..screens.base import LabModal
from .text import LineInput, Plain


class ConfirmDialog(LabModal):
    """A question with a yes and a cancel button; `default_yes` puts the focus on yes."""

    CANCELLED = False

    def __init__(self, question: str, yes: str | None = None, default_yes: bool = False,
                 no: str | None = None):
        super().__init__()
        self.question = question
        self.yes = yes or _("Yes")
        self.no = no or _("Cancel")
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question, classes="question")
            with Horizontal(classes="buttons"):
                # Only the button that enter presses stands out: a coloured "Leave" beside
                # a focused grey "Cancel" read as the default, and enter did the opposite.
                yield Button(self.yes, variant="primary" if self.default_yes else "default",
                             id="yes")
                yield Button(self.no, variant="default" if self.default_yes else "primary",
                             id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class AskDialog(LabModal):
    """A line of text; `draft` (a key from livinglab.meeting.drafts, the meeting's id) keeps what
    is typed until it is answered, for an answer that matters (why minutes reopen)."""

    def __init__(self, question: str, value: str = "", draft: tuple[str, str] | None = None):
        super().__init__()
        self.question = question
        self.value = value
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question, classes="question")
            yield LineInput(self.value, id="answer")
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="no")

    def on_mount(self) -> None:
        answer = self.query_one("#answer", LineInput)
        answer.focus()
        # The end of a long answer (a file name's .md) in sight: the cursor starts at the
        # end before the input has a width, so it never scrolled there, and End did nothing.
        self.call_after_refresh(lambda: (answer.action_home(), answer.action_end()))

    def on_input_submitted(self, event) -> None:
        self.dismiss(event.value)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.dismiss(self.query_one("#answer", LineInput).value)
        else:
            await self.close_dialog()
