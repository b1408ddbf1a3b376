"""The runner: one agenda item at a time, the method's steps, the timer, the capture."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Label, ListItem, ListView, Markdown, Static, TextArea

from livinglab.i18n import _, pick
from livinglab.workshop import Workshop, format_seconds

from ..widgets.fields import FieldEditor, editor_for

MARKS = {"done": "✓", "current": "▶", "todo": "·"}
SAVE_EVERY = 0.5  # seconds: every edit is stored within a second
CHECKPOINT_EVERY = 5  # seconds: the timer's time spent is stored this often


class RunnerScreen(Screen):
    HELP = _("The step on screen shows its aim, its guiding questions and fields for what "
             "the group says. **pagedown** and **pageup** move between steps, a click on a "
             "step jumps to it. **f5** starts or pauses the step's timer, **f6** adds a "
             "minute. **f8** goes to the next agenda item, **f9** shows the participant view "
             "for the shared screen, **f10** finishes the meeting.")
    BINDINGS = [
        Binding("pagedown", "next_step", _("Next step")),
        Binding("pageup", "previous_step", _("Previous step")),
        Binding("f5", "toggle_timer", _("Timer")),
        Binding("f6", "add_minute", _("+1 min")),
        Binding("f8", "next_item", _("Next item")),
        Binding("f9", "participant_view", _("Participant view")),
        Binding("f10", "finish", _("Finish")),
        Binding("escape", "leave", _("Home")),
    ]

    def __init__(self, session_id: str):
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="runner"):
            with Vertical(id="side"):
                yield Label("", id="item-title")
                yield ListView(id="steps")
            with VerticalScroll(id="step-body"):
                yield Static("", id="timer")
                yield Static("", id="step-title")
                yield Static("", id="aim")
                yield Static("", id="questions")
                yield Static("", id="tips")
                yield Vertical(id="fields")
        yield Footer()

    async def on_mount(self) -> None:
        self.workshop = Workshop(self.app.store, self.session_id, self.app.methods,
                                 clock=self.app.clock)
        self.workshop.start()
        self.sub_title = self.workshop.session.title
        self.set_interval(SAVE_EVERY, self.flush)
        self.set_interval(1, self.tick)
        self.set_interval(CHECKPOINT_EVERY, self.workshop.checkpoint)
        await self.show_position()

    # --- showing the position --------------------------------------------------------

    def editors(self) -> list[FieldEditor]:
        return list(self.query(FieldEditor))

    def flush(self) -> None:
        for editor in self.editors():
            editor.save()
        notes = self.query("#notes")
        if notes and notes.first().has_class("dirty"):
            notes.first().remove_class("dirty")
            self.workshop.set_notes(notes.first().text)

    async def show_position(self) -> None:
        w = self.workshop
        item_number = f"{w.item_index + 1}/{len(w.items)}"
        self.query_one("#item-title", Label).update(f"{item_number} {w.item.title}")
        steps = self.query_one("#steps", ListView)
        await steps.clear()
        fields = self.query_one("#fields", Vertical)
        await fields.remove_children()
        if not w.is_review:
            self.query_one("#step-title", Static).update(w.item.title)
            for id in ("aim", "questions", "tips", "timer"):
                self.query_one(f"#{id}", Static).update("")
            await fields.mount(Label(_("Notes"), classes="field-label"),
                               TextArea(w.item.notes, id="notes"))
            return
        for index, (step, state) in enumerate(zip(w.method.steps, w.step_states())):
            await steps.append(ListItem(Label(f"{MARKS[state]} {index + 1}. {pick(step.title)}"),
                                        classes=state))
        steps.index = w.step_index
        step = w.step
        self.query_one("#step-title", Static).update(
            f"{_('Step')} {w.step_index + 1}/{len(w.method.steps)} · {pick(step.title)} "
            f"({step.minutes} min)")
        self.query_one("#aim", Static).update(pick(step.aim))
        self.query_one("#questions", Static).update(
            "\n".join(f"• {pick(q)}" for q in step.questions))
        self.query_one("#tips", Static).update(
            "\n".join(f"{_('Tip')}: {pick(t)}" for t in step.tips))
        await fields.mount_all([editor_for(f, w) for f in step.fields])
        self.tick()

    def tick(self) -> None:
        if not self.workshop.is_review:
            return
        timer = self.query_one("#timer", Static)
        state = "▶" if self.workshop.timer.running else "⏸"
        timer.update(f"{state} {format_seconds(self.workshop.elapsed())} / "
                     f"{format_seconds(self.workshop.timer.allowed())} · "
                     f"{_('left')} {format_seconds(self.workshop.remaining())}")
        timer.set_class(self.workshop.is_over(), "over")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "notes":
            event.text_area.add_class("dirty")

    async def on_list_view_selected(self, event: ListView.Selected) -> None:
        if event.list_view.id == "steps" and event.list_view.index is not None:
            index = event.list_view.index
            if index != self.workshop.step_index:
                await self.move(lambda: self.workshop.go_to_step(index))

    # --- moving ------------------------------------------------------------------------

    async def move(self, step):
        self.flush()  # nothing typed is lost by moving on
        result = step()
        await self.show_position()
        return result

    async def action_next_step(self) -> None:
        if not await self.move(self.workshop.next_step) and self.workshop.is_review:
            self.notify(_("This is the last step; f8 goes to the next agenda item."))

    async def action_previous_step(self) -> None:
        await self.move(self.workshop.previous_step)

    def action_toggle_timer(self) -> None:
        self.workshop.toggle_timer()
        self.tick()

    def action_add_minute(self) -> None:
        self.workshop.add_minute()
        self.tick()

    async def action_next_item(self) -> None:
        if not await self.move(self.workshop.next_item):
            self.notify(_("This was the last agenda item; f10 finishes the meeting."))

    def action_participant_view(self) -> None:
        self.flush()
        from livinglab.views import step_markdown

        self.app.push_screen(ParticipantView(step_markdown(self.workshop)))

    def action_finish(self) -> None:
        self.flush()
        from ..widgets.dialogs import ConfirmDialog

        def finish(confirmed: bool | None) -> None:
            if confirmed:
                self.workshop.finish()
                from .finish import FinishScreen

                self.app.switch_screen(FinishScreen(self.session_id))

        self.app.push_screen(ConfirmDialog(
            _("Finish the meeting? It moves to the finished meetings; what was captured stays."),
            _("Finish")), finish)

    def action_leave(self) -> None:
        self.flush()
        self.workshop.pause_timer()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        if hasattr(self, "workshop"):
            self.flush()
            self.workshop.pause_timer()


class ParticipantView(ModalScreen[None]):
    """What the group sees on the shared screen: read-only."""

    BINDINGS = [Binding("escape,f9", "close", _("Close"))]

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="participant-view"):
            yield Markdown(self.text)

    def action_close(self) -> None:
        self.dismiss(None)
