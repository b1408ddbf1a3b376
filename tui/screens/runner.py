"""The runner: one agenda item at a time, the method's steps, the timer, the capture.

Editors post what is typed; this screen owns the workshop and stores it: at once for rows
(actions, decisions), within half a second for text. An edit stays pending until the store
has taken it: a locked database is retried, a value the field does not accept is shown at
the field and kept as typed, and nothing that goes wrong in a timer ends the app.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, ListItem, ListView, Markdown

from livinglab.i18n import N_, _, pick
from livinglab.store import StoreError
from livinglab.workshop import Workshop, format_seconds

from ..widgets.editors import EditorContext, FieldEditor, editor_for
from ..widgets.editors.actions import ActionsEditor
from ..widgets.text import Plain, TextBox
from .base import LabModal, LabScreen

MARKS = {"done": "✓", "current": "▶", "todo": "·"}
SAVE_EVERY = 0.5  # seconds: every edit is stored within a second
CHECKPOINT_EVERY = 5  # seconds: the timer's time spent is stored this often
STORE_PROBLEMS = (StoreError, sqlite3.Error, OSError)


class RunnerScreen(LabScreen):
    HELP = N_("The step on screen shows its aim, its guiding questions and fields for what "
              "the group says; the cursor starts in the first field. **ctrl+n** goes to the "
              "next step (after the last step, to the next agenda item; after the last item, "
              "it offers to finish), **ctrl+o** goes back. **ctrl+t** starts or pauses the "
              "step's timer, **ctrl+l** gives the step a minute longer. These keys work while "
              "you type. **f9** shows the participant view for the shared screen, **f10** "
              "finishes the meeting, **escape** goes home; the meeting resumes where it "
              "stopped. A click on a step in the list jumps to it.")
    BINDINGS = [
        Binding("ctrl+n", "forward", N_("Next"), tooltip=N_("Next step or agenda item"),
                priority=True),
        Binding("ctrl+o", "back", N_("Back"), tooltip=N_("Previous step or agenda item"),
                priority=True),
        Binding("ctrl+t", "toggle_timer", N_("Timer"), tooltip=N_("Start or pause the timer"),
                priority=True),
        Binding("ctrl+l", "add_minute", N_("+1 min"), tooltip=N_("One minute longer"),
                priority=True),
        Binding("f9", "participant_view", N_("Show"), tooltip=N_("Participant view"),
                priority=True),
        Binding("f10", "finish", N_("Finish"), tooltip=N_("Finish the meeting"),
                priority=True),
        Binding("escape", "leave", N_("Home")),
        # Aliases: F-keys for keyboards where ctrl+letters are awkward; pagedown/pageup where
        # no text area uses them.
        Binding("f3", "forward", N_("Next step or agenda item"), show=False, priority=True),
        Binding("f2", "back", N_("Previous step or agenda item"), show=False, priority=True),
        Binding("f5", "toggle_timer", N_("Start or pause the timer"), show=False, priority=True),
        Binding("f4", "add_minute", N_("One minute longer"), show=False, priority=True),
        Binding("f8", "next_item", N_("Next agenda item"), show=False, priority=True),
        Binding("pagedown", "forward", N_("Next step or agenda item"), show=False),
        Binding("pageup", "back", N_("Previous step or agenda item"), show=False),
    ]

    def __init__(self, session_id: str):
        super().__init__()
        self.session_id = session_id
        self.pending: dict[str, tuple[FieldEditor | None, Any]] = {}
        self.warned_store = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="runner"):
            with Vertical(id="side"):
                yield Plain("", id="item-title")
                yield ListView(id="steps")
            with Vertical(id="step"):
                yield Plain("", id="step-title")
                yield Plain("", id="timer")
                with VerticalScroll(id="step-body"):
                    yield Plain("", id="aim")
                    yield Plain("", id="questions")
                    yield Plain("", id="tips")
                    yield Vertical(id="fields")
        yield Footer()

    def make_workshop(self) -> Workshop:
        """The workshop this screen drives (a hook: a practice run brings its own)."""
        return Workshop(self.app.store, self.session_id, self.app.methods, clock=self.app.clock)

    async def on_mount(self) -> None:
        self.workshop = self.make_workshop()
        self.workshop.start()
        self.sub_title = self.workshop.session.title
        self.set_interval(SAVE_EVERY, self.flush)
        self.set_interval(1, self.tick)
        self.set_interval(CHECKPOINT_EVERY, self.checkpoint)
        await self.show_position()

    # --- storing what is typed ------------------------------------------------------------

    def on_field_editor_changed(self, event: FieldEditor.Changed) -> None:
        self.pending[event.editor.field.key] = (event.editor, event.value)

    def on_text_area_changed(self, event) -> None:
        if event.text_area.id == "notes":
            self.pending["notes"] = (None, event.text_area.text)

    def flush(self) -> bool:
        """Store every pending edit; True when nothing is left pending."""
        for key, (editor, value) in list(self.pending.items()):
            try:
                if editor is None:
                    self.workshop.set_notes(value)
                else:
                    self.workshop.set_value(key, value)
            except ValueError as e:  # the field does not take it: say so there, keep the text
                if editor is not None:
                    editor.show_problem(str(e))
            except STORE_PROBLEMS as e:
                if not self.warned_store:
                    self.warned_store = True
                    self.notify(_("Not saved yet, trying again: {reason}").format(reason=e),
                                severity="warning", markup=False)
                return False
            if self.pending.get(key, (None, None))[1] is value:
                del self.pending[key]
        if self.warned_store:
            self.warned_store = False
            self.notify(_("Saved."))
        return True

    def store_now(self, write, *args) -> bool:
        """A write that the user waits for (a row added or deleted): True when stored."""
        try:
            write(*args)
        except ValueError as e:
            self.notify(str(e), severity="warning", markup=False)
            return False
        except STORE_PROBLEMS as e:
            self.notify(_("Not saved: {reason}. Try again in a moment.").format(reason=e),
                        severity="error", markup=False)
            return False
        return True

    def on_actions_editor_row_added(self, event: ActionsEditor.RowAdded) -> None:
        w, values = self.workshop, event.values
        if "text" in values:
            stored = self.store_now(w.add_decision, values["text"])
        else:
            stored = self.store_now(w.add_action, values["what"], values["owner"], values["due"])
        if stored:
            event.editor.clear_new_row()
            event.editor.show_rows(self.rows_for(event.editor))

    def on_actions_editor_row_deleted(self, event: ActionsEditor.RowDeleted) -> None:
        from ..widgets.dialogs import ConfirmDialog

        editor, row_id = event.editor, event.row_id
        is_decision = editor.field.type.value == "decisions"

        def delete(confirmed: bool | None) -> None:
            remove = self.workshop.delete_decision if is_decision else self.workshop.delete_action
            if confirmed and self.store_now(remove, row_id):
                editor.show_rows(self.rows_for(editor))

        self.app.push_screen(ConfirmDialog(_("Delete this entry?"), _("Delete")), delete)

    def rows_for(self, editor: FieldEditor) -> list[tuple[str, str]]:
        w = self.workshop
        if editor.field.type.value == "decisions":
            return [(d.id, d.text) for d in w.decisions()]
        return [(a.id, " · ".join(x for x in (a.what, a.owner,
                                               a.due.strftime("%d-%m-%Y") if a.due else "") if x))
                for a in w.actions()]

    # --- showing the position -------------------------------------------------------------

    async def show_position(self) -> None:
        w = self.workshop
        self.query_one("#item-title", Plain).update(
            f"{_('Item')} {w.item_index + 1}/{len(w.items)}: {w.item.title}")
        steps = self.query_one("#steps", ListView)
        await steps.clear()
        fields = self.query_one("#fields", Vertical)
        await fields.remove_children()
        self.query_one("#step-body").scroll_home(animate=False)
        if not w.is_review:
            self.query_one("#step-title", Plain).update(w.item.title)
            for id in ("aim", "questions", "tips", "timer"):
                self.query_one(f"#{id}", Plain).update("")
            await fields.mount(Plain(_("Notes"), classes="field-label"),
                               TextBox(w.item.notes, id="notes"))
        else:
            for index, (step, state) in enumerate(zip(w.method.steps, w.step_states())):
                await steps.append(ListItem(
                    Plain(f"{MARKS[state]} {index + 1}. {pick(step.title)}"), classes=state))
            steps.index = w.step_index
            step = w.step
            self.query_one("#step-title", Plain).update(
                f"{_('Step')} {w.step_index + 1}/{len(w.method.steps)}: {pick(step.title)}")
            self.query_one("#aim", Plain).update(pick(step.aim))
            self.query_one("#questions", Plain).update(
                "\n".join(f"• {pick(q)}" for q in step.questions))
            self.query_one("#tips", Plain).update(
                "\n".join(f"{_('Tip')}: {pick(t)}" for t in step.tips))
            values = w.values()
            participants = [(p.id, person.name)
                            for p, person in w.store.participants(w.session.id)]
            editors = []
            for f in step.fields:
                context = EditorContext(participants=participants)
                editor = editor_for(f, values.get(f.key), context)
                if isinstance(editor, ActionsEditor):
                    context.rows = self.rows_for(editor)
                editors.append(editor)
            await fields.mount_all(editors)
            self.tick()
        self.call_after_refresh(self.focus_first_field)

    def focus_first_field(self) -> None:
        fields = self.query_one("#fields")
        first = next((w for w in fields.query("*") if w.focusable), None)
        if first is not None:
            first.focus()

    def tick(self) -> None:
        if not self.workshop.is_review:
            return
        timer = self.query_one("#timer", Plain)
        state = "▶" if self.workshop.timer.running else "⏸"
        timer.update(f"{state} {format_seconds(self.workshop.elapsed())} / "
                     f"{format_seconds(self.workshop.timer.allowed())} · "
                     f"{_('left')} {format_seconds(self.workshop.remaining())}"
                     + ("" if self.workshop.timer.running else f"  ({_('ctrl+t starts')})"))
        timer.set_class(self.workshop.is_over(), "over")

    def checkpoint(self) -> None:
        try:
            self.workshop.checkpoint()
        except STORE_PROBLEMS:
            pass  # the time is kept in memory and stored at the next checkpoint

    async def on_list_view_selected(self, event: ListView.Selected) -> None:
        if event.list_view.id == "steps" and event.list_view.index is not None:
            index = event.list_view.index
            if index != self.workshop.step_index:
                await self.move(lambda: self.workshop.go_to_step(index))

    # --- moving ---------------------------------------------------------------------------

    async def move(self, step) -> Any:
        if not self.flush():  # nothing typed is lost by moving on
            self.notify(_("Stay on this step until what you typed is saved."), severity="warning")
            return None
        try:
            result = step()
        except STORE_PROBLEMS as e:
            self.notify(_("Not saved: {reason}. Try again in a moment.").format(reason=e),
                        severity="error", markup=False)
            return None
        await self.show_position()
        return result

    async def action_forward(self) -> None:
        moved = await self.move(self.workshop.forward)
        if moved is False:
            self.action_finish()

    async def action_back(self) -> None:
        if await self.move(self.workshop.back) is False:
            self.notify(_("This is the first step of the meeting."))

    async def action_next_item(self) -> None:
        if await self.move(self.workshop.next_item) is False:
            self.action_finish()

    def action_toggle_timer(self) -> None:
        try:
            self.workshop.toggle_timer()
        except STORE_PROBLEMS:
            pass
        self.tick()

    def action_add_minute(self) -> None:
        try:
            self.workshop.add_minute()
        except STORE_PROBLEMS:
            pass
        self.tick()

    def action_participant_view(self) -> None:
        self.flush()
        from livinglab.views import step_markdown

        self.app.push_screen(ParticipantView(step_markdown(self.workshop)))

    def action_finish(self) -> None:
        if not self.flush():
            return
        from ..widgets.dialogs import ConfirmDialog

        def finish(confirmed: bool | None) -> None:
            if confirmed and self.store_now(self.workshop.finish):
                from .finish import FinishScreen

                self.app.switch_screen(FinishScreen(self.session_id))

        self.app.push_screen(ConfirmDialog(
            _("Finish the meeting? It moves to the finished meetings; what was captured stays."),
            _("Finish"), default_yes=True), finish)

    def action_leave(self) -> None:
        if not self.flush():
            self.notify(_("Stay on this step until what you typed is saved."), severity="warning")
            return
        self.checkpoint()
        self.workshop.pause_timer()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        if hasattr(self, "workshop"):
            self.flush()
            try:
                self.workshop.pause_timer()
            except STORE_PROBLEMS:
                pass


class ParticipantView(LabModal):
    """What the group sees on the shared screen: read-only."""

    BINDINGS = [Binding("escape,f9", "close", N_("Close"))]

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="participant-view"):
            yield Markdown(self.text)

    def action_close(self) -> None:
        self.dismiss(None)
