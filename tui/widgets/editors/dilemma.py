from __future__ import annotations

from textual.app import ComposeResult

from livinglab.i18n import _
from livinglab.models import FieldType

from ..text import WrapLine
from .base import FieldEditor, editor, labelled


@editor(FieldType.DILEMMA)
class DilemmaEditor(FieldEditor):
    PARTS = ("question", "a", "a_harm", "b", "b_harm")

    def compose_editor(self, value) -> ComposeResult:
        labels = {"question": _("Moral question"), "a": _("Option A"), "a_harm": _("Harm of A"),
                  "b": _("Option B"), "b_harm": _("Harm of B")}
        for key in self.PARTS:
            yield labelled(labels[key], WrapLine((value or {}).get(key, ""),
                                                 id=f"{self.field.key}-{key}"))

    def current_value(self):
        return {key: self.part(key).value for key in self.PARTS}
