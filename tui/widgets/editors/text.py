from __future__ import annotations

from textual.app import ComposeResult

from livinglab.models import FieldType

from ..text import TextBox
from .base import FieldEditor, editor


@editor(FieldType.TEXT)
class TextEditor(FieldEditor):
    DEFAULT_CSS = ".text { height: 6; }"

    def compose_editor(self, value) -> ComposeResult:
        yield TextBox(value or "", id=f"{self.field.key}-text", classes="text")

    def current_value(self):
        return self.part("text").text
