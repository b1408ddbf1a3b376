"""Finish: the meeting is closed; what was captured, the knowledge harvest, the minutes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Markdown

from livinglab.i18n import _
from livinglab.minutes import render_minutes


class FinishScreen(Screen):
    HELP = _("The meeting is finished. Add what the meeting yields for people who were not "
             "there (kennisoogst): one lesson at a time. **m** opens the minutes to save them.")
    BINDINGS = [
        Binding("m", "minutes", _("Minutes")),
        Binding("escape", "home", _("Home")),
    ]

    def __init__(self, session_id: str):
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="finish"):
            yield Label(_("The meeting is finished. What should people who were not here "
                          "know? (knowledge to share)"), classes="field-label")
            with Horizontal(classes="add-row"):
                yield Input(placeholder=_("A lesson to share"), id="lesson")
                yield Button(_("Add"), id="add-lesson", classes="small")
            yield Markdown(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.show_summary()

    def show_summary(self) -> None:
        text = render_minutes(self.app.store, self.session_id, self.app.methods)
        self.query_one("#summary", Markdown).update(text)

    def add_lesson(self) -> None:
        from livinglab.models import Lesson

        field = self.query_one("#lesson", Input)
        if not field.value.strip():
            return
        session = self.app.store.session(self.session_id)
        self.app.store.save_lesson(Lesson(group_id=session.group_id, session_id=session.id,
                                          text=field.value.strip()))
        field.value = ""
        self.show_summary()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.add_lesson()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.add_lesson()

    def action_minutes(self) -> None:
        from .minutes_preview import MinutesScreen

        self.app.push_screen(MinutesScreen(self.session_id))

    def action_home(self) -> None:
        self.app.pop_screen()
