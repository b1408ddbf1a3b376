from __future__ import annotations

from textual.app import ComposeResult

from livinglab.i18n import _
from livinglab.models import FieldType

from ..text import Plain, TextBox
from .base import FieldEditor, editor


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@editor(FieldType.LIST, FieldType.PARKING)
class ListEditor(FieldEditor):
    def compose_editor(self, value) -> ComposeResult:
        yield Plain(_("One per line."), classes="hint")
        yield TextBox("\n".join(value or []), id=f"{self.field.key}-items", classes="list")

    def current_value(self):
        return lines(self.part("items").text)
