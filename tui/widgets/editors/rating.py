from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select

from livinglab.i18n import _
from livinglab.models import FieldType

from ..text import WrapLine
from .base import FieldEditor, editor, labelled


@editor(FieldType.RATING)
class RatingEditor(FieldEditor):
    DEFAULT_CSS = "Select.score { width: 20; }"

    def compose_editor(self, value) -> ComposeResult:
        value = value or {}
        yield labelled(_("Score (1 = poor, 5 = very good)"), Select(
            [(f"{n} / 5", n) for n in range(1, 6)], value=value.get("score") or Select.NULL,
            prompt=_("Score"), id=f"{self.field.key}-score", classes="score"))
        yield labelled(_("Comment"), WrapLine(value.get("comment", ""),
                                             id=f"{self.field.key}-comment"))

    def current_value(self):
        score = self.part("score").value
        return {"score": None if score == Select.NULL else score,
                "comment": self.part("comment").value}
