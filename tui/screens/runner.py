"""The runner: one agenda item at a time, the method's steps, the timer, the capture.

Editors post what is typed; this screen owns the workshop and stores it: at once for rows
(actions, decisions), within half a second for text. An edit stays pending until the store
has taken it: a locked database is retried, a value the field does not accept is shown at
the field and kept as typed, and nothing that goes wrong in a timer ends the app.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, ListItem, ListView, Markdown

from livinglab.follow import HEARTBEAT_EVERY
from livinglab.i18n import N_, _, pick, term
from livinglab.models import AgendaKind
from livinglab.store import StoreError
from livinglab.workshop import Workshop, correct_minutes, format_seconds

from ..widgets.closing import ClosingRound, EvaluationDialog, IntentionDialog, IntentionList
from ..widgets.dialogs import LabModal
from ..widgets.editors import EditorContext, FieldEditor, editor_for
from ..widgets.editors.actions import ActionsEditor
from ..widgets.followup import FollowUpDialog, FollowUpList
from ..widgets.keybar import KeyBar
from ..widgets.text import Plain, TextBox
from .base import NOT_STORED, LabScreen, settle_typing, store_write

MARKS = {"done": "✓", "current": "▶", "todo": "·"}
SAVE_EVERY = 0.5  # seconds: every edit is stored within a second
CHECKPOINT_EVERY = 5  # seconds: the timer's time spent is stored this often
STORE_PROBLEMS = (StoreError, sqlite3.Error, OSError)


@dataclass
class PendingEdit:
    """An edit not yet stored: the widget it was typed in, its value as last reported, and
    how to read the widget's value as it stands now."""

    widget: Any
    value: Any
    read: Callable[[], Any] | None

    def now(self) -> Any:
        if self.read is not None and self.widget is not None and self.widget.is_attached:
            self.value = self.read()
        return self.value


class NotesBox(TextBox):
    """An agenda item's notes, bound to that item."""

    def __init__(self, item, **kwargs):
        super().__init__(item.notes, **kwargs)
        self.item_id, self.initial = item.id, item.notes


class CasePanel(VerticalScroll):
    """The case, beside the step or in its place: it scrolls, and takes no text."""

    def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            event.stop()
            event.prevent_default()
            self.screen.type_into_field(event)


class RunnerScreen(LabScreen):
    HELP = N_("The step on screen shows its aim, its guiding questions and fields for what "
              "the group says; the cursor starts in the first field. **ctrl+n** goes to the "
              "next step (after the last step, to the next agenda item; after the last item, "
              "it offers to finish), **ctrl+o** goes back. **ctrl+t** starts or pauses the "
              "step's timer, **ctrl+l** gives the step a minute longer. These keys work while "
              "you type. **f9** shows the participant view for the shared screen, **f10** "
              "finishes the meeting, **escape** goes home; the meeting resumes where it "
              "stopped. A click on a step in the list jumps to it. **ctrl+r** records who is "
              "there; **ctrl+f** shows or hides the case, **ctrl+g** the notes for the "
              "facilitator (never on the shared screen); **ctrl+b** opens a window that follows the "
              "meeting, for the projector. At the action list, **enter** on an "
              "action says what became of it, and **enter** on one of last time's voornemens "
              "what came of it; at the previous minutes, the group approves them with its "
              "corrections. At the closing (sluiting) each person present says what they "
              "learned and will do differently (voornemens), and the button **Evaluation "
              "(anonymous)** takes one person's evaluation at a time, without a name. A "
              "step's time counts while it is on screen.")
    BINDINGS = [
        Binding("ctrl+n", "forward", N_("Next"), tooltip=N_("Next step or agenda item"),
                priority=True),
        Binding("ctrl+o", "back", N_("Back"), tooltip=N_("Previous step or agenda item"),
                priority=True),
        Binding("ctrl+t", "toggle_timer", N_("Timer"), tooltip=N_("Start or pause the timer"),
                priority=True),
        # Not in the footer (full at 80 columns): F1 and the palette list these.
        Binding("ctrl+l", "add_minute", N_("+1 min"), tooltip=N_("One minute longer"),
                priority=True, show=False),
        Binding("f9", "participant_view", N_("Show"), tooltip=N_("Participant view"),
                priority=True),
        Binding("f10", "finish", N_("Finish"), tooltip=N_("Finish the meeting"),
                show=False, priority=True),
        # Not in the footer: it is full at 80 columns; F1 and the palette list it. (Not f7:
        # that is a text area's select-all; b for beamer, as the projector is called.)
        Binding("ctrl+b", "follow_window", N_("Group screen"), priority=True, show=False,
                tooltip=N_("Open a window that follows the meeting, for the projector")),
        Binding("escape", "leave", N_("Home"), show=False),
        Binding("ctrl+r", "attendance", N_("Attendance"),
                tooltip=N_("Who is present, absent or arrived late"), priority=True),
        Binding("ctrl+f", "toggle_case", N_("Case"), tooltip=N_("Show or hide the case text"),
                priority=True),
        Binding("ctrl+g", "toggle_notes", N_("Facilitator"),
                tooltip=N_("Show or hide the notes for the facilitator, in the case panel"),
                priority=True),
        # Aliases: F-keys for keyboards where ctrl+letters are awkward (none that a text
        # field uses for editing: f5, f6 and f7 select in a text area); pagedown/pageup
        # where no text area uses them.
        Binding("f3", "forward", N_("Next step or agenda item"), show=False, priority=True),
        Binding("f2", "back", N_("Previous step or agenda item"), show=False, priority=True),
        Binding("f4", "add_minute", N_("One minute longer"), show=False, priority=True),
        Binding("f8", "next_item", N_("Next agenda item"), show=False, priority=True),
        Binding("pagedown", "forward", N_("Next step or agenda item"), show=False),
        Binding("pageup", "back", N_("Previous step or agenda item"), show=False),
    ]

    def __init__(self, session_id: str):
        super().__init__()
        self.session_id = session_id
        self.pending: dict[tuple, PendingEdit] = {}  # by place: see on_field_editor_changed
        self.stored: dict[tuple, Any] = {}  # by place: the value this window last stored
        self.undo_histories: dict[tuple, tuple] = {}  # see keep_undo
        self.warned_store = False
        self.showing = False  # the step's fields are being taken down or built
        self.case_shown = False
        self.notes_shown = False  # the facilitator notes: for the chair's screen only
        self.field_before_case = None  # the field the case panel took the cursor from
        self.writing = False  # this window stores the meeting (not while it asks, or after
        # another window took the meeting over)

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
            with CasePanel(id="case-panel"):
                yield Markdown(id="case-text")
        # The meeting keys in 80 columns, and the palette: a mouse reaches home, finish and
        # every other action of the meeting through it.
        yield KeyBar(compact=True)

    def make_workshop(self) -> Workshop:
        """The workshop this screen drives (a hook: a practice run brings its own)."""
        return Workshop(self.app.store, self.session_id, self.app.methods, clock=self.app.clock)

    async def on_mount(self) -> None:
        self.workshop = self.make_workshop()
        self.query_one("#case-panel").display = False
        elsewhere = self.workshop.open_elsewhere()
        if elsewhere is None:
            await self.begin()
            return
        from ..widgets.dialogs import ConfirmDialog

        seen = elsewhere.beat_at.astimezone().strftime("%H:%M:%S")
        self.app.push_screen(ConfirmDialog(
            _("This meeting is open in another window (its last sign of life: {time}). "
              "Take it over here? The other window then stops writing. Otherwise this "
              "window follows the meeting, read-only.").format(time=seen),
            _("Take over"), no=_("Follow read-only")), self.after_asking)

    async def after_asking(self, take_over: bool | None) -> None:
        if take_over:
            await self.begin()
            self.beat()  # at once: the other window stops writing at its next beat
            self.notify(_("You took the meeting over: this window writes it now."))
            return
        from .. import follow
        from livinglab.follow import Follower

        self.app.switch_screen(follow.FollowInApp(
            Follower(self.app.store, self.session_id, self.app.methods)))

    async def begin(self) -> None:
        """Start (or resume) the meeting in this window: from now on it writes. A database
        that refuses (busy, read-only) sends the chair back home, saying so."""
        if not self.store_now(self.workshop.start):
            self.app.pop_screen()
            return
        self.writing = True
        self.sub_title = self.workshop.session.title
        if self.workshop.is_correcting:
            self.sub_title += " · " + _("correcting the minutes")
        self.set_interval(SAVE_EVERY, self.flush)
        self.set_interval(1, self.tick)
        self.set_interval(CHECKPOINT_EVERY, self.checkpoint)
        self.set_interval(HEARTBEAT_EVERY, self.beat)
        await self.show_position()

    # --- storing what is typed ------------------------------------------------------------
    #
    # Every edit is stored where it was typed: an editor knows its agenda item (its
    # EditorContext), the notes box its item, a closing-round answer its person. The place
    # is part of the pending edit, so an edit stored after the meeting moved on (a timer
    # tick, a message still on its way) still lands where it was typed. Before moving, the
    # keys already sent to the focused field are placed, and every field on screen is
    # read as it stands (`collect_typing`): nothing typed depends on the order in which
    # keys, messages and timers arrive.

    def on_field_editor_changed(self, event: FieldEditor.Changed) -> None:
        editor = event.editor
        if event.value is None:
            return  # rows are stored one by one
        self.pending[("field", editor.context.item_id, editor.field.key)] = PendingEdit(
            editor, event.value, editor.current_value)

    def on_text_area_changed(self, event) -> None:
        if isinstance(event.text_area, NotesBox):
            box = event.text_area
            self.pending[("notes", box.item_id)] = PendingEdit(box, box.text, lambda: box.text)

    def on_closing_round_said(self, event: ClosingRound.Said) -> None:
        self.pending[("closing", event.person_id)] = PendingEdit(
            None, (event.learned, event.intention), None)

    def write(self, place: tuple, value: Any) -> None:
        """Store one edit at its place, merged with what another window stored there since
        this one showed it (never over it)."""
        kind, where = place[0], place[1]
        seen = {"shown": self.stored[place]} if place in self.stored else {}
        if kind == "field":
            result = self.workshop.capture(where, place[2], value, **seen)
        elif kind == "notes":
            result = self.workshop.set_notes(value, where, **seen)
        else:
            self.workshop.say_intention(where, *value)
            self.stored[place] = value
            return
        self.stored[place] = result.value
        if result.merged:
            self.merged = True

    def places_on_screen(self):
        """(place, widget, read) of every field on screen that takes typing."""
        fields = self.query_one("#fields")
        for editor in fields.query(FieldEditor):
            if editor.current_value() is not None:  # rows are stored one by one
                yield ("field", editor.context.item_id, editor.field.key), editor, \
                    editor.current_value
        for box in fields.query(NotesBox):
            yield ("notes", box.item_id), box, (lambda box=box: box.text)
        for closing in fields.query(ClosingRound):
            for index, person_id in enumerate(closing.answers()):
                # The person's own block: its lines are this place's text fields.
                yield ("closing", person_id), closing.query_one(f"#closing-{index}"), \
                    (lambda closing=closing, person_id=person_id: closing.answers()[person_id])

    def text_fields_by_place(self):
        """Every text field on screen, by a key that is the same when its step is shown
        again: its place and its order within the editor."""
        for place, widget, _read in self.places_on_screen():
            texts = [widget] if isinstance(widget, NotesBox) else \
                [w for w in widget.query("*") if hasattr(w, "undo_state")]
            for index, text in enumerate(texts):
                yield (place, index), text

    def keep_undo(self) -> None:
        """Undo and redo outlive the step: kept when it is left, given back when shown."""
        for key, text in self.text_fields_by_place():
            self.undo_histories[key] = text.undo_state()

    def give_back_undo(self) -> None:
        for key, text in self.text_fields_by_place():
            if key in self.undo_histories:
                text.restore_undo(self.undo_histories[key])

    def remember_shown(self) -> None:
        """What the fields show once mounted: `collect_typing` compares against it."""
        for place, _widget, read in self.places_on_screen():
            self.stored[place] = read()

    def collect_typing(self) -> None:
        """Every field on screen whose text differs from what it showed or last stored
        becomes a pending edit, read from the field itself (its message may still be on
        its way, or lost with the field when the step changes)."""
        for place, widget, read in self.places_on_screen():
            value = read()
            if place in self.stored and value != self.stored[place]:
                self.pending[place] = PendingEdit(widget, value, read)

    def flush(self) -> bool:
        """Store every pending edit; True when nothing is left pending."""
        if not self.writing:
            return True
        if self.showing:  # the next tick stores it
            return not self.pending
        self.merged = False
        for place, edit in list(self.pending.items()):
            value = edit.now()
            try:
                self.write(place, value)
            except ValueError as e:  # the field does not take it: say so there, keep the text
                if isinstance(edit.widget, FieldEditor) and edit.widget.is_attached:
                    edit.widget.show_problem(str(e))
            except STORE_PROBLEMS as e:
                if not self.warned_store:
                    self.warned_store = True
                    self.notify(_("Not saved yet, trying again: {reason}").format(reason=e),
                                severity="warning", markup=False)
                return False
            if self.pending.get(place) is edit:
                del self.pending[place]
        if self.warned_store:
            self.warned_store = False
            self.notify(_("Saved."))
        if self.merged:  # show both texts, as stored
            self.notify(_("This field was also changed in another window: both texts are "
                          "kept."), severity="warning", timeout=8)
            self.run_worker(self.show_again(), exclusive=True, group="show-again")
        return True

    async def show_again(self) -> None:
        """The step shown anew from the store, the cursor back in the same field."""
        focused_id = self.focused.id if self.focused is not None else None
        await self.show_position()
        if focused_id and (found := self.query(f"#{focused_id}")):
            self.set_focus(found.first())

    def add_typed_rows(self) -> bool:
        """A row left in an add field (a decision, an action) is added when the chair moves
        on, not emptied; False when it cannot be added as typed (said at the field)."""
        for editor in self.query_one("#fields").query(ActionsEditor):
            try:
                values = editor.typed_row()
            except ValueError as e:  # said at the field, and where the chair looks now
                editor.show_problem(str(e))
                self.notify(str(e), severity="warning", markup=False)
                editor.part("what").focus()
                return False
            if values is not None:
                if not self.store_row(editor, values):
                    return False
                editor.clear_add_fields()
                editor.show_rows(self.rows_for(editor))
                self.notify(_("Added: {row}").format(row=values.get("text") or values["what"]),
                            markup=False)
        return True

    def store_now(self, write, *args) -> bool:
        """A write that the user waits for (a row added or deleted): True when stored;
        a refusal is said as every screen says it (`store_write`)."""
        return store_write(self, write, *args) is not NOT_STORED

    def store_row(self, editor: ActionsEditor, values: dict) -> bool:
        """Store a row in the item and step its editor was opened in."""
        w, place = self.workshop, editor.context
        if "text" in values:
            return self.store_now(lambda: w.add_decision(values["text"], place.item_id,
                                                         place.step_id))
        return self.store_now(lambda: w.add_action(values["what"], values["owner"],
                                                   values["due"], place.item_id, place.step_id))

    def on_actions_editor_row_added(self, event: ActionsEditor.RowAdded) -> None:
        editor = event.editor
        if not self.store_row(editor, event.values):
            if editor.is_attached:
                editor.give_back(event.values)
            return
        if editor.is_attached:
            editor.show_rows(self.rows_for(editor))

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
        w, item_id = self.workshop, editor.context.item_id
        if editor.field.type.value == "decisions":
            return [(d.id, d.text) for d in w.decisions(item_id)]
        return [(a.id, " · ".join(x for x in (a.what, a.owner,
                                               a.due.strftime("%d-%m-%Y") if a.due else "") if x))
                for a in w.actions(item_id)]

    # --- showing the position -------------------------------------------------------------

    async def show_position(self) -> None:
        # While the step's fields are half taken down or half built, reading one gives a
        # partial value (a participant's block without its lines): storing waits till done.
        self.showing = True
        try:
            await self.lay_out_position()
        finally:
            self.showing = False

    async def lay_out_position(self) -> None:
        w = self.workshop
        self.query_one("#item-title", Plain).update(
            f"{_('Item')} {w.item_index + 1}/{len(w.items)}: {w.item.title}")
        steps = self.query_one("#steps", ListView)
        await steps.clear()
        fields = self.query_one("#fields", Vertical)
        self.keep_undo()
        await fields.remove_children()
        self.query_one("#step-body").scroll_home(animate=False)
        if not w.is_review:
            self.query_one("#step-title", Plain).update(w.item.title)
            for id in ("aim", "questions", "tips", "timer"):
                self.query_one(f"#{id}", Plain).update("")
            await fields.mount(Plain(_("Notes"), classes="field-label"),
                               NotesBox(w.item, id="notes"))
            await fields.mount_all(self.widgets_for_kind())
            self.tick()
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
            # Those present: an action's owner is picked from them, a round goes past them.
            participants = [(p.id, person.name)
                            for p, person in w.store.participants(w.session.id)
                            if p.attendance.was_there]
            editors = []
            for f in step.fields:
                context = EditorContext(participants=participants, item_id=w.item.id,
                                        step_id=step.id)
                editor = editor_for(f, values.get(f.key), context)
                if isinstance(editor, ActionsEditor):
                    context.rows = self.rows_for(editor)
                editors.append(editor)
            await fields.mount_all(editors)
            self.tick()
        self.remember_shown()
        self.give_back_undo()
        # Focus at once, so keys typed next reach the first field (after the next refresh,
        # on a busy machine, it took the cursor back from where the chair had tabbed to);
        # scroll once the fields have their places.
        self.focus_first_field()
        self.call_after_refresh(self.scroll_to_focused)

    def scroll_to_focused(self) -> None:
        if self.app.focused is not None:
            self.app.focused.scroll_visible(animate=False)

    def first_field(self):
        """Where the cursor starts in the step: its first editor's entry point."""
        fields = self.query_one("#fields")
        editors = list(fields.query(FieldEditor))
        return (editors[0].entry_point() if editors
                else next((w for w in fields.query("*") if w.focusable), None))

    def focus_first_field(self) -> None:
        if (first := self.first_field()) is not None:
            first.focus()

    def tick(self) -> None:
        timer = self.query_one("#timer", Plain)
        if self.workshop.is_correcting:
            timer.update(_("Correcting the minutes: edits are stored as you type."))
            return
        if not self.workshop.is_review:
            timer.update(f"⏱ {format_seconds(self.workshop.elapsed())}")
            return
        state = "▶" if self.workshop.timer.running else "⏸"
        timer.update(f"{state} {format_seconds(self.workshop.elapsed())} / "
                     f"{format_seconds(self.workshop.timer.allowed())} · "
                     f"{_('left')} {format_seconds(self.workshop.remaining())}"
                     + ("" if self.workshop.timer.running else f"  ({_('ctrl+t starts')})"))
        timer.set_class(self.workshop.is_over(), "over")

    def beat(self) -> None:
        if not self.writing:
            return
        try:
            if self.workshop.taken_over():
                self.stop_writing()
                return
            self.workshop.beat()
        except STORE_PROBLEMS:
            pass  # a follow view says the beats stopped; nothing the chair typed is at stake

    def stop_writing(self) -> None:
        """Another window took the meeting over: store what this one still holds (merged
        with the other's, never over it), then stop writing and say so."""
        self.collect_typing()
        self.add_typed_rows()
        self.flush()
        self.writing = False
        self.app.notify(_("Another window took this meeting over: this window no longer "
                          "writes. What you typed here is stored, beside what was typed "
                          "there."),
                        severity="warning", timeout=10)
        self.app.pop_screen()

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
        await settle_typing(self.app)
        self.collect_typing()
        if not self.add_typed_rows():
            return None
        if not self.flush():  # nothing typed is lost by moving on
            self.notify(_("Stay on this step until what you typed is saved."), severity="warning")
            return None
        try:
            result = step()
        except STORE_PROBLEMS as e:
            self.notify(_("Not saved: {reason}. Try again in a moment.").format(reason=e),
                        severity="error", markup=False)
            return None
        if not self.has_class("wide") and self.case_shown:
            # At 80 columns the case covers the step: the next step opens on its fields.
            self.case_shown = self.notes_shown = False
            self.query_one("#case-panel").display = False
            self.query_one("#step").display = True
        await self.show_position()
        if self.case_shown:
            await self.show_case()
        return result

    async def action_forward(self) -> None:
        moved = await self.move(self.workshop.forward)
        if moved is False:
            self.action_finish()

    # --- around the review: attendance, follow-up, approval, the case (issue 10) ----------

    def widgets_for_kind(self) -> list:
        """What an item of this kind shows below its notes."""
        w = self.workshop
        kind = w.item.kind
        if kind == AgendaKind.ACTION_FOLLOW_UP:
            if w.actions_to_follow_up():
                shown = [Plain(_("Open actions: enter on one says what became of it"),
                               classes="field-label"), FollowUpList(w, id="follow-up")]
            else:
                shown = [Plain(_("No open actions from earlier meetings."), classes="hint")]
            if w.intentions_to_follow_up():
                shown += [Plain(_("Voornemens of last time: enter on one says what came of it"),
                                classes="field-label"), IntentionList(w, id="intentions")]
            return shown
        if kind == AgendaKind.CLOSING_ROUND:
            return [*self.evaluation_offer(),
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
                status += " " + previous.minutes_settled_on.strftime("%d-%m-%Y")
            given = [e for e in w.store.minutes_settled_by(w.session.id)
                     if e.session_id == previous.id and e.note]
            said = ([Plain(_("Approved on {date} with corrections: {text}").format(
                        date=previous.minutes_settled_on.strftime("%d-%m-%Y"),
                        text=given[-1].note), classes="hint", id="corrections-given")]
                    if given and previous.minutes_settled_on else [])
            return [Plain(_("Minutes of {date}: {status}").format(
                        date=previous.date.strftime("%d-%m-%Y"), status=status),
                        classes="field-label", id="previous-minutes"), *said,
                    Plain(_("Corrections the group asks for"), classes="field-label"),
                    TextBox("", id="corrections"),
                    Button(_("Approve the minutes"), id="approve", variant="primary")]
        if w.item_index == 0:
            present = ", ".join(w.people_present())
            return [Plain(_("Present: {names}. ctrl+r records who is there.").format(
                names=present), classes="hint", id="attendance-hint")]
        return []

    def evaluation_offer(self) -> list:
        """The anonymous evaluation: asked for when the group's series says it is due,
        there to be given at any closing round."""
        return [Plain(self.evaluation_said(), classes="hint", id="evaluation-said"),
                Button(_("Evaluation (anonymous)"), id="evaluate",
                       variant="primary" if self.workshop.evaluation_due() else "default")]

    def evaluation_said(self) -> str:
        w = self.workshop
        if w.evaluation_due():
            said = _("This meeting the group evaluates (every {n} meetings).").format(
                n=w.evaluation_every())
        else:
            said = _("An evaluation can be given at any closing round.")
        return said + " " + _("Answers so far: {count}.").format(count=w.evaluations_given())

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
        def record(answers: tuple | None) -> None:
            if answers and self.store_now(self.workshop.record_evaluation, *answers):
                self.notify(_("Evaluation kept, without a name. The next person: enter."))
                self.query_one("#evaluation-said", Plain).update(self.evaluation_said())
            self.query_one("#evaluate").focus()

        self.app.push_screen(EvaluationDialog(), record)

    def action_attendance(self) -> None:
        from .attendance import AttendanceScreen

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

    async def on_button_pressed(self, event) -> None:
        if event.button.id == "evaluate":
            self.evaluate()
            return
        if event.button.id != "approve":
            return
        corrections = self.query_one("#corrections", TextBox).text
        if self.store_now(self.workshop.approve_previous_minutes, corrections):
            self.notify(_("The previous minutes are approved (vastgesteld)."))
            await self.show_position()

    async def show_case(self) -> None:
        """Show or hide the case (and the facilitator's notes) as `case_shown` says."""
        from livinglab.views import case_markdown

        panel = self.query_one("#case-panel")
        if self.case_shown:
            case = self.workshop.case
            text = case_markdown(case) if case else _("This agenda item has no case.")
            if case and self.notes_shown:  # on top, where the chair sees them at once
                notes = case.facilitator_notes or _("This case has no notes for the facilitator.")
                text = (f"## {_('For the facilitator')}\n\n{notes}\n\n---\n\n" + text)
            await self.query_one("#case-text", Markdown).update(text)
            panel.scroll_home(animate=False)
        self.lay_out_case()

    def lay_out_case(self) -> None:
        """Beside the step where the width allows (the cursor stays in the field), in its
        place at 80 columns (the case takes the cursor, to scroll it; a letter typed there
        goes back to the field: see `on_key`). Called again at every resize."""
        panel, step = self.query_one("#case-panel"), self.query_one("#step")
        fields = self.query_one("#fields")
        wide = self.has_class("wide")
        if self.case_shown and self.focused in fields.query("*"):
            self.field_before_case = self.focused  # before the step is hidden (and blurred)
        panel.display = self.case_shown
        step.display = not self.case_shown or wide
        if self.case_shown and not wide:
            self.set_focus(panel)
        elif self.focused is None or self.focused is panel or not self.focused.is_attached:
            field = self.field_before_case
            if not (field is not None and field.is_attached and field in fields.query("*")):
                field = self.first_field()
            # At once, not after the next refresh: keys already on their way go to it.
            self.set_focus(field)
        if not self.case_shown:
            self.field_before_case = None
        self.call_after_refresh(self.scroll_to_focused)

    def on_resize(self, event) -> None:
        super().on_resize(event)
        self.set_class(event.size.width < 80, "narrow")
        if hasattr(self, "workshop"):
            self.lay_out_case()

    def type_into_field(self, event: events.Key) -> None:
        """A letter typed into the case panel is meant for the field: at 80 columns the
        case makes way; the cursor goes back to the field and the letter with it (nothing
        typed goes into a panel that takes no text)."""
        if not self.has_class("wide"):
            self.case_shown = self.notes_shown = False
        panel = self.query_one("#case-panel")
        if self.focused is panel:
            self.set_focus(None)  # lay_out_case then gives the field back
        self.lay_out_case()
        if self.focused is not None and self.focused is not panel:
            self.focused.post_message(events.Key(event.key, event.character))

    async def action_toggle_case(self) -> None:
        self.case_shown = not self.case_shown
        await self.show_case()

    async def action_toggle_notes(self) -> None:
        self.notes_shown = not self.notes_shown
        self.case_shown = True
        await self.show_case()

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

    def action_follow_window(self) -> None:
        """The follow view in a new terminal window, or the command to type where the
        platform gives no window (a console, an SSH login)."""
        import shlex

        from livinglab.follow import follow_command, start_follow_window

        if start_follow_window(self.app.store.path, self.session_id):
            self.notify(_("The follow window opens; put it on the shared screen."))
            return
        from ..widgets.dialogs import ConfirmDialog

        command = shlex.join(follow_command(self.app.store.path.absolute(), self.session_id))
        self.app.push_screen(ConfirmDialog(
            _("Type this in another terminal: {command}").format(command=command), _("OK"),
            default_yes=True))

    def action_finish(self) -> None:
        if not self.flush():
            return
        if self.workshop.is_correcting:  # the meeting was finished already: back with it
            self.notify(_("The corrections are stored."))
            self.app.pop_screen()
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

    def holds_unsaved_typing(self) -> bool:
        """Quitting asks first only when an edit cannot be stored (a locked file)."""
        if not self.writing:
            return False
        self.collect_typing()
        return not (self.add_typed_rows() and self.flush())

    def on_unmount(self) -> None:
        if self.writing:
            self.flush()
            try:
                self.workshop.pause_timer()
            except STORE_PROBLEMS:
                pass
            try:  # the follow view shows the timer paused; the meeting is free again
                self.workshop.beat(leaving=True)
            except STORE_PROBLEMS:
                pass


def correct_finished_meeting(app, session_id: str) -> None:
    """Open a finished meeting to correct its minutes: concept minutes at once, vastgestelde
    minutes after the secretary says why they are reopened."""
    from livinglab.models import MinutesStatus

    from ..widgets.dialogs import AskDialog

    session = app.store.session(session_id)

    def open_with(reason: str | None) -> None:
        if reason is None:
            return
        if store_write(app.screen, correct_minutes, app.store, session_id, reason) \
                is not NOT_STORED:
            app.push_screen(RunnerScreen(session_id))

    if session.minutes_status == MinutesStatus.SETTLED:
        from livinglab.drafts import reopen_key

        app.push_screen(AskDialog(_("These minutes are vastgesteld. Why are they reopened? "
                                    "They become a concept again."),
                                  draft=(reopen_key(session_id), session_id)), open_with)
    else:
        open_with("")


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
