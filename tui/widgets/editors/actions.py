"""Actions (what, who, when) and decisions are rows of their own: added one at a time and
stored at once by the screen. Enter in any of the add fields adds the row."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input

from livinglab.i18n import _
from livinglab.models import FieldType
from livinglab.planning import parse_date

from ..text import LineInput, Plain
from .base import FieldEditor, editor, labelled


@editor(FieldType.ACTIONS)
class ActionsEditor(FieldEditor):
    class RowAdded(Message):
        def __init__(self, editor: ActionsEditor, values: dict):
            super().__init__()
            self.editor, self.values = editor, values

    class RowDeleted(Message):
        def __init__(self, editor: ActionsEditor, row_id: str):
            super().__init__()
            self.editor, self.row_id = editor, row_id

    def compose_editor(self, value) -> ComposeResult:
        yield Vertical(id=f"{self.field.key}-list", classes="rows")
        with Vertical(classes="add-row"):
            yield from self.compose_add()
            yield Button(_("Add"), id=f"{self.field.key}-add", classes="small")

    def compose_add(self) -> ComposeResult:
        names = [name for _id, name in self.context.participants]
        yield labelled(_("Action"), LineInput(compact=True, id=f"{self.field.key}-what",
                                              classes="add"))
        with Horizontal(classes="two-columns-h"):
            yield labelled(_("Who"), LineInput(
                compact=True, id=f"{self.field.key}-who", classes="add",
                suggester=SuggestFromList(names, case_sensitive=False)))
            yield labelled(_("When (dd-mm-yyyy)"), LineInput(
                compact=True, id=f"{self.field.key}-when", classes="add"))

    def on_mount(self) -> None:
        self.show_rows(self.context.rows)

    def show_rows(self, rows: list[tuple[str, str]]) -> None:
        """The stored rows, as the screen hands them down after each change."""
        self.context.rows = rows
        box = self.part("list")
        box.remove_children()
        box.mount_all(Horizontal(Plain(text, classes="entry"),
                                 Button(_("Delete"), name=row_id, classes="small delete"),
                                 classes="entry-row") for row_id, text in rows)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("delete"):
            self.post_message(self.RowDeleted(self, event.button.name))
        else:
            self.add()

    def read_new_row(self) -> dict | None:
        what = self.part("what").value.strip()
        if not what:
            self.show_problem(_("Type the action first."))
            return None
        when = self.part("when").value.strip()
        try:
            due: dt.date | None = parse_date(when) if when else None
        except ValueError:
            self.show_problem(_("Type a date such as 25-11-2026."))
            return None
        return {"what": what, "owner": self.part("who").value.strip(), "due": due}

    def add(self) -> None:
        values = self.read_new_row()
        if values is None:
            return
        self.show_problem("")
        self.post_message(self.RowAdded(self, values))

    def clear_new_row(self) -> None:
        """Called by the screen once the row is stored: empty the add fields, back to the first."""
        parts = list(self.query(".add"))
        for part in parts:
            part.value = ""
        parts[0].focus()

    def current_value(self):
        return None  # rows are stored one by one, not as a value


@editor(FieldType.DECISIONS)
class DecisionsEditor(ActionsEditor):
    def compose_add(self) -> ComposeResult:
        yield labelled(_("Decision"), LineInput(compact=True, id=f"{self.field.key}-what",
                                                classes="add"))

    def read_new_row(self) -> dict | None:
        text = self.part("what").value.strip()
        if not text:
            self.show_problem(_("Type the decision first."))
            return None
        return {"text": text}
