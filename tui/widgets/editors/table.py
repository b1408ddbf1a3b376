"""A table: rows of cells under the method's columns. Each cell has its own label, shown
above it when the screen is narrow (80 columns), where the rows stack; a wide screen shows
the rows side by side under one header."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input

from livinglab.i18n import _, pick
from livinglab.models import FieldType

from ..text import Plain, WrapLine
from .base import FieldEditor, editor, labelled


@editor(FieldType.TABLE)
class TableEditor(FieldEditor):
    # Each row's cells stacked, with their labels, at 80 columns; a wide terminal (the
    # screen's class `wide`) shows the rows side by side under one header. Not scoped:
    # the wide rules start at the screen, outside the editor.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    TableEditor .rows { height: auto; }
    TableEditor .table-head { display: none; }
    TableEditor .table-row {
        layout: vertical; height: auto; border-left: thick $primary-background;
        padding-left: 1; margin-bottom: 1;
    }
    Screen.wide TableEditor .table-head { display: block; height: auto; }
    Screen.wide TableEditor .table-head > .cell { width: 1fr; text-style: bold; }
    Screen.wide TableEditor .table-row {
        layout: horizontal; border-left: none; padding-left: 0; margin-bottom: 0;
    }
    Screen.wide TableEditor .table-row > .cell { width: 1fr; margin-right: 1; }
    Screen.wide TableEditor .table-row .part-label { display: none; }
    """

    def compose_editor(self, value) -> ComposeResult:
        with Horizontal(classes="table-head"):
            for column in self.field.columns:
                yield Plain(pick(column.label), classes="cell")
        with Vertical(id=f"{self.field.key}-rows", classes="rows"):
            for row in value or [{}]:
                yield self._row(row)
        yield Plain(_("Enter in the last row adds a row."), classes="hint")
        yield Button(_("Add row"), id=f"{self.field.key}-add-row", classes="small")

    def _row(self, row: dict) -> Horizontal:
        return Horizontal(*[
            labelled(pick(c.label), WrapLine(row.get(c.key, ""), classes=f"col-{c.key}"),
                     classes="cell")
            for c in self.field.columns], classes="table-row")

    async def add_row(self) -> None:
        row = self._row({})
        await self.part("rows").mount(row)
        first = row.query(WrapLine).first()
        first.focus()
        self.call_after_refresh(first.scroll_visible, animate=False)  # placed by then

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_row()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        rows = list(self.query(".table-row"))
        if rows and event.input in rows[-1].query(WrapLine):
            await self.add_row()
        else:
            self.screen.focus_next()

    def current_value(self):
        rows = []
        for row in self.query(".table-row"):
            cells = {c.key: row.query_one(f".col-{c.key}", WrapLine).value
                     for c in self.field.columns}
            if any(v.strip() for v in cells.values()):
                rows.append(cells)
        return rows
