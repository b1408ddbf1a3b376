"""A choice among the options the method names, as a drop-down: **enter** opens it, the
arrows move, **enter** chooses (the same as a rating's score)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select

from livinglab.i18n import _, pick
from livinglab.models import FieldType

from ..text import plain
from .base import FieldEditor, editor


@editor(FieldType.CHOICE)
class ChoiceEditor(FieldEditor):
    DEFAULT_CSS = "ChoiceEditor Select { width: 40; }"

    def compose_editor(self, value) -> ComposeResult:
        yield Select([(plain(pick(o.label)), o.key) for o in self.field.options],
                     value=value or Select.NULL, prompt=_("Choose"), compact=True,
                     id=f"{self.field.key}-choice")

    def current_value(self) -> str:
        chosen = self.part("choice").value
        return "" if chosen in (Select.NULL, Select.BLANK) else chosen
