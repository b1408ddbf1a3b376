"""Actions (what, who, when) and decisions are rows of their own: added one at a time and
stored at once by the screen. Enter in any of the add fields adds the row.

Enter takes the row out of the add fields at once, in the key's own turn, so keys that
follow without a pause (a paste from an old terminal, a text expander) start the next row
instead of joining this one; a paste of several lines into the first field adds a row per
line. A row the screen could not store is given back to the add fields."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input

from livinglab.i18n import _, format_date
from livinglab.models import FieldType
from livinglab.meeting.planning import parse_date

from ..text import CompletingInput, LineInput, Plain
from .base import FieldEditor, editor, labelled


class RowInput(CompletingInput):
    """An add field of a row (an action's what, who or when; a decision)."""

    def on_key(self, event) -> None:
        # Enter in the key's own turn: as a binding it would run only once the key had
        # bubbled up to the app, after the keys behind it were typed into this row.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._row_editor().submit_row()

    def on_paste(self, event) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1 and self.id and self.id.endswith("-what") and not self.value:
            event.stop()
            event.prevent_default()  # not LineInput's paste as well
            self._row_editor().add_lines(lines)

    def _row_editor(self) -> "ActionsEditor":
        return next(a for a in self.ancestors if isinstance(a, ActionsEditor))


@editor(FieldType.ACTIONS)
class ActionsEditor(FieldEditor):
    DEFAULT_CSS = """
    .rows { height: auto; }
    .entry-row { height: auto; }
    .entry { width: 1fr; height: auto; }
    .two-columns-h > .labelled { width: 1fr; margin-right: 1; }
    """

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
        yield labelled(_("Action"), RowInput(compact=True, id=f"{self.field.key}-what",
                                             classes="add"))
        with Horizontal(classes="two-columns-h"):
            yield labelled(_("Who"), RowInput(
                compact=True, id=f"{self.field.key}-who", classes="add",
                suggester=SuggestFromList(names, case_sensitive=False)))
            yield labelled(_("When (dd-mm-yyyy)"), RowInput(
                compact=True, id=f"{self.field.key}-when", classes="add"))

    def on_mount(self) -> None:
        self.show_rows(self.context.rows)

    def show_rows(self, rows: list[tuple[str, str]]) -> None:
        """The stored rows, as the screen hands them down after each change."""
        self.context.rows = rows
        box = self.part("list")
        box.remove_children()
        mounted = box.mount_all(Horizontal(Plain(text, classes="entry"),
                                           Button(_("Delete"), name=row_id,
                                                  classes="small delete"),
                                           classes="entry-row") for row_id, text in rows)
        self.call_later(self.keep_focus_in_sight, mounted)

    async def keep_focus_in_sight(self, mounted) -> None:
        """The rows push the add fields down: the field the secretary types in stays in
        sight once they are placed (a paste of six decisions left it below the fold)."""
        await mounted
        self.call_after_refresh(self.scroll_to_focus)

    def scroll_to_focus(self) -> None:
        focused = self.app.focused
        if focused is not None and self in focused.ancestors:
            focused.scroll_visible(animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # the row went at the key (RowInput.on_key)

    @on(Button.Pressed, ".delete")
    def delete_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.RowDeleted(self, event.button.name))

    @on(Button.Pressed, ".add-row Button")
    def add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit_row()

    def typed_row(self) -> dict | None:
        """The row in the add fields: None when nothing is typed; ValueError (its message
        for the chair) when it cannot be a row as typed."""
        if not any(part.value.strip() for part in self.query(".add")):
            return None
        what = self.part("what").value.strip()
        if not what:
            raise ValueError(_("Type the action first."))
        when = self.part("when").value.strip()
        try:
            due: dt.date | None = parse_date(when) if when else None
        except ValueError:
            raise ValueError(_("Type a date such as 25-11-2026.")) from None
        return {"what": what, "owner": self.part("who").value.strip(), "due": due}

    def submit_row(self) -> None:
        """Hand the typed row to the screen and empty the add fields for the next one."""
        try:
            values = self.typed_row()
            if values is None:
                self.typed_row_missing()
                return
        except ValueError as e:
            self.show_problem(str(e))
            return
        self.show_problem("")
        self.clear_add_fields()
        self.post_message(self.RowAdded(self, values))

    def typed_row_missing(self) -> None:
        self.show_problem(_("Type the action first."))

    def add_lines(self, lines: list[str]) -> None:
        """A paste of several lines: a row per line (the other add fields go with each)."""
        try:
            rest = self.typed_row() or {}
        except ValueError as e:
            self.show_problem(str(e))
            return
        for line in lines:
            self.post_message(self.RowAdded(self, {**self.row_from_line(line), **{
                k: v for k, v in rest.items() if k not in ("what", "text")}}))
        self.clear_add_fields()
        self.notify(_("Pasted {count} lines: a row for each.").format(count=len(lines)))

    def row_from_line(self, line: str) -> dict:
        return {"what": line, "owner": "", "due": None}

    def give_back(self, values: dict) -> None:
        """A row the screen could not store goes back into the empty add fields."""
        if any(part.value for part in self.query(".add")):
            return  # the next row is being typed: the screen says the row was not stored
        self.part("what").value = values.get("what") or values.get("text") or ""
        if self.query(f"#{self.field.key}-who"):
            self.part("who").value = values.get("owner") or ""
            due = values.get("due")
            self.part("when").value = format_date(due)

    def clear_add_fields(self) -> None:
        for part in self.query(".add"):
            part.value = ""
        self.part("what").focus()

    def current_value(self):
        return None  # rows are stored one by one, not as a value


@editor(FieldType.DECISIONS)
class DecisionsEditor(ActionsEditor):
    def compose_add(self) -> ComposeResult:
        yield labelled(_("Decision"), RowInput(compact=True, id=f"{self.field.key}-what",
                                               classes="add"))

    def typed_row(self) -> dict | None:
        text = self.part("what").value.strip()
        return {"text": text} if text else None

    def typed_row_missing(self) -> None:
        self.show_problem(_("Type the decision first."))

    def row_from_line(self, line: str) -> dict:
        return {"text": line}
