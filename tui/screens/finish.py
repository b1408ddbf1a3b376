"""Finish: the meeting is closed; what was captured, the knowledge harvest, the minutes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Markdown

from livinglab.i18n import N_, _
from livinglab.minutes import render_minutes
from livinglab.live.workshop import add_lesson

from ..widgets.keybar import KeyBar
from ..widgets.text import LineInput, Plain
from .base import NOT_STORED, LabScreen, settle_typing, store_write
from livinglab.memory import queries as memory_queries


class FinishScreen(LabScreen):
    HELP = N_("The meeting is finished. Add what the meeting yields for people who were not "
              "there (kennisoogst): type a lesson and press **enter**, one at a time; they "
              "are tagged with the themes of the case. **ctrl+o** opens the minutes to save "
              "them, **escape** goes home.")
    CSS = """
    #finish { padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+o", "minutes", N_("Minutes"), priority=True),
        Binding("escape", "home", N_("Home"), tooltip=N_("Back to the list of meetings")),
    ]

    def __init__(self, session_id: str):
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="finish"):
            yield Plain(_("The meeting is finished. What should people who were not here "
                          "know? (knowledge to share)"), classes="field-label")
            with Horizontal(classes="add-row"):
                yield LineInput(placeholder=_("A lesson to share"), id="lesson")
                yield Button(_("Add"), id="add-lesson", classes="small")
            yield Vertical(id="lessons")  # what was added, in sight of where it was typed
            yield Markdown(id="summary")
        yield KeyBar()

    async def on_mount(self) -> None:
        await self.show_lessons()  # lessons added before, when the screen opens again
        self.show_summary()
        self.query_one("#lesson").focus()

    async def show_lessons(self) -> None:
        shown = self.query_one("#lessons", Vertical)
        await shown.remove_children()
        await shown.mount_all(Plain("• " + lesson.text, classes="lesson")
                              for lesson in memory_queries.lessons(self.app.store, session_id=self.session_id))

    def show_summary(self) -> None:
        text = render_minutes(self.app.store, self.session_id, self.app.methods)
        self.query_one("#summary", Markdown).update(text)

    async def add_lesson(self) -> None:
        field = self.query_one("#lesson", Input)
        if not field.value.strip():
            self.notify(_("Type the lesson first."), severity="warning")
            return
        if store_write(self, add_lesson, self.app.store, self.session_id,
                       field.value) is NOT_STORED:
            return  # the typed lesson stays in the field: enter again tries again
        field.value = ""
        self.notify(_("Lesson added."))
        await self.show_lessons()
        self.show_summary()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        await self.add_lesson()

    @on(Button.Pressed, "#add-lesson")
    async def add_pressed(self) -> None:
        await self.add_lesson()

    async def keep_typed_lesson(self) -> bool:
        """A lesson typed but not added with enter is added when the secretary moves on
        (as a decision left typed in the meeting is); False when it could not be stored."""
        await settle_typing(self.app)
        if not self.query_one("#lesson", Input).value.strip():
            return True
        await self.add_lesson()
        return not self.query_one("#lesson", Input).value.strip()

    def holds_unsaved_typing(self) -> bool:
        """Quitting: a typed lesson is stored first; asks only when it cannot be."""
        field = self.query_one("#lesson", Input)
        if not field.value.strip():
            return False
        if store_write(self, add_lesson, self.app.store, self.session_id,
                       field.value) is NOT_STORED:
            return True
        field.value = ""
        return False

    async def action_minutes(self) -> None:
        from .minutes_preview import MinutesScreen

        if await self.keep_typed_lesson():
            self.app.push_screen(MinutesScreen(self.session_id))

    async def action_home(self) -> None:
        if await self.keep_typed_lesson():
            self.app.pop_screen()
