"""What the runner was typed and has not stored yet, and the rows it stores at once.

Every edit is stored where it was typed: an editor knows its agenda item (its
EditorContext), the notes box its item, a closing-round answer its person. The place is
part of the pending edit, so an edit stored after the meeting moved on (a timer tick, a
message still on its way) still lands where it was typed. Before moving, the keys already
sent to the focused field are placed, and every field on screen is read as it stands
(`Edits.collect`): nothing typed depends on the order in which keys, messages and timers
arrive. An edit stays pending until the store has taken it: a locked database is retried.
A value the core refuses (ValueError) is said at the field and dropped from the pending
edits: moving on does not wait for it, and the step's widgets go with the move. Typing an
editor cannot turn into a value yet (a date that is no date) is therefore caught before:
the editor's `typed_problem` names it, and `ready_to_leave` keeps the chair on the step.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Callable

from livinglab.i18n import _, format_date
from livinglab.storage.store import StoreError

from ...widgets.closing import ClosingRound
from ...widgets.editors import FieldEditor
from ...widgets.editors.actions import ActionsEditor
from ...widgets.text import TextBox

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

    DEFAULT_CSS = "NotesBox { height: 6; }"

    def __init__(self, item, **kwargs):
        super().__init__(item.notes, **kwargs)
        self.item_id, self.initial = item.id, item.notes


class Edits:
    """The runner's edits, by place: ("field", item id, field key), ("notes", item id) or
    ("closing", person id). The screen hands it what is typed and asks it to store
    (`flush`); it reads the fields on the screen's `#fields`, and stores through the
    screen's workshop."""

    def __init__(self, screen):
        self.screen = screen
        self.pending: dict[tuple, PendingEdit] = {}  # by place: see field_changed
        self.stored: dict[tuple, Any] = {}  # by place: the value this window last stored
        self.undo_histories: dict[tuple, tuple] = {}  # see keep_undo
        self.warned_store = False
        self.merged = False  # a write of this flush met another window's edit

    # --- what is typed ----------------------------------------------------------------

    def field_changed(self, event: FieldEditor.Changed) -> None:
        editor = event.editor
        if event.value is None:
            return  # rows are stored one by one
        self.pending[("field", editor.context.item_id, editor.field.key)] = PendingEdit(
            editor, event.value, editor.current_value)

    def notes_changed(self, box: NotesBox) -> None:
        self.pending[("notes", box.item_id)] = PendingEdit(box, box.text, lambda: box.text)

    def closing_said(self, event: ClosingRound.Said) -> None:
        self.pending[("closing", event.person_id)] = PendingEdit(
            None, (event.learned, event.intention), None)

    def write(self, place: tuple, value: Any) -> None:
        """Store one edit at its place, merged with what another window stored there since
        this one showed it (never over it)."""
        workshop = self.screen.workshop
        kind, where = place[0], place[1]
        seen = {"shown": self.stored[place]} if place in self.stored else {}
        if kind == "field":
            result = workshop.capture(where, place[2], value, **seen)
        elif kind == "notes":
            result = workshop.set_notes(value, where, **seen)
        else:
            workshop.say_intention(where, *value)
            self.stored[place] = value
            return
        self.stored[place] = result.value
        if result.merged:
            self.merged = True

    # --- the fields on screen ---------------------------------------------------------

    def places_on_screen(self):
        """(place, widget, read) of every field on screen that takes typing."""
        fields = self.screen.query_one("#fields")
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
        """What the fields show once mounted: `collect` compares against it."""
        for place, _widget, read in self.places_on_screen():
            self.stored[place] = read()

    def collect(self) -> None:
        """Every field on screen whose text differs from what it showed or last stored
        becomes a pending edit, read from the field itself (its message may still be on
        its way, or lost with the field when the step changes)."""
        for place, widget, read in self.places_on_screen():
            value = read()
            if place in self.stored and value != self.stored[place]:
                self.pending[place] = PendingEdit(widget, value, read)

    # --- storing ----------------------------------------------------------------------

    def flush(self) -> bool:
        """Store every pending edit; True when nothing is left pending."""
        screen = self.screen
        if not screen.writing:
            return True
        if screen.showing:  # the next tick stores it
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
                    screen.notify(_("Not saved yet, trying again: {reason}").format(reason=e),
                                  severity="warning", markup=False)
                return False
            if self.pending.get(place) is edit:
                del self.pending[place]
        if self.warned_store:
            self.warned_store = False
            screen.notify(_("Saved."))
        if self.merged:  # show both texts, as stored
            screen.notify(_("This field was also changed in another window: both texts are "
                            "kept."), severity="warning", timeout=8)
            screen.run_worker(screen.show_again(), exclusive=True, group="show-again")
        return True

    # --- before moving on ---------------------------------------------------------------

    def typed_readable(self) -> bool:
        """False when a field on screen holds typing it cannot store as it stands (a date
        that is no date): said at the field, the cursor put there and the problem in
        sight (a toast would cover the field being corrected, at 80x24). Moving on would
        lose it, so the chair stays on the step."""
        screen = self.screen
        for editor in screen.query_one("#fields").query(FieldEditor):
            if problem := editor.typed_problem():
                editor.show_problem(problem)
                if entry := editor.entry_point():
                    entry.focus()
                screen.call_after_refresh(editor.part("problem").scroll_visible, animate=False)
                return False
        return True

    def ready_to_leave(self) -> bool:
        """Everything typed can go with the chair: no field holds what it cannot store,
        and a row left in an add field is added. False (said at the field) otherwise."""
        return self.typed_readable() and self.add_typed_rows()

    # --- rows (actions, decisions): stored at once ------------------------------------

    def add_typed_rows(self) -> bool:
        """A row left in an add field (a decision, an action) is added when the chair moves
        on, not emptied; False when it cannot be added as typed (said at the field)."""
        screen = self.screen
        for editor in screen.query_one("#fields").query(ActionsEditor):
            try:
                values = editor.typed_row()
            except ValueError as e:  # said at the field, and where the chair looks now
                editor.show_problem(str(e))
                screen.notify(str(e), severity="warning", markup=False, timeout=10)
                editor.part("what").focus()
                # The problem line is under the row's last field: in sight with it.
                screen.call_after_refresh(editor.part("problem").scroll_visible, animate=False)
                return False
            if values is not None:
                if not self.store_row(editor, values):
                    return False
                editor.clear_add_fields()
                editor.show_rows(self.rows_for(editor))
                screen.notify(_("Added: {row}").format(row=values.get("text") or values["what"]),
                              markup=False)
        return True

    def store_row(self, editor: ActionsEditor, values: dict) -> bool:
        """Store a row in the item and step its editor was opened in."""
        w, place = self.screen.workshop, editor.context
        if "text" in values:
            return self.screen.store_now(lambda: w.add_decision(values["text"], place.item_id,
                                                                place.step_id))
        return self.screen.store_now(lambda: w.add_action(values["what"], values["owner"],
                                                          values["due"], place.item_id,
                                                          place.step_id))

    def row_added(self, event: ActionsEditor.RowAdded) -> None:
        editor = event.editor
        if not self.store_row(editor, event.values):
            if editor.is_attached:
                editor.give_back(event.values)
            return
        if editor.is_attached:
            editor.show_rows(self.rows_for(editor))

    def row_deleted(self, event: ActionsEditor.RowDeleted) -> None:
        from ...widgets.dialogs import ConfirmDialog

        screen, editor, row_id = self.screen, event.editor, event.row_id
        is_decision = editor.field.type.value == "decisions"

        def delete(confirmed: bool | None) -> None:
            workshop = screen.workshop
            remove = workshop.delete_decision if is_decision else workshop.delete_action
            if confirmed and screen.store_now(remove, row_id):
                editor.show_rows(self.rows_for(editor))

        screen.app.push_screen(ConfirmDialog(_("Delete this entry?"), _("Delete")), delete)

    def rows_for(self, editor: FieldEditor) -> list[tuple[str, str]]:
        w, item_id = self.screen.workshop, editor.context.item_id
        if editor.field.type.value == "decisions":
            return [(d.id, d.text) for d in w.decisions(item_id)]
        return [(a.id, " · ".join(x for x in (a.what, a.owner,
                                               format_date(a.due)) if x))
                for a in w.actions(item_id)]
