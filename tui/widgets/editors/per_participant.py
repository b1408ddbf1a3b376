"""Each participant's own answer (the dilemma method's round of choices): one block per
person, each column a labelled line, readable at 80 columns."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from livinglab.i18n import _, pick
from livinglab.models import FieldType

from ..text import Plain, WrapLine
from .base import FieldEditor, editor, labelled


@editor(FieldType.PER_PARTICIPANT)
class PerParticipantEditor(FieldEditor):
    def compose_editor(self, value) -> ComposeResult:
        value = value or {}
        if not self.context.participants:
            yield Plain(_("This meeting has no participants."), classes="hint")
        for participant_id, name in self.context.participants:
            answers = value.get(participant_id, {})
            with Vertical(classes="participant-answers", id=f"{self.field.key}-p-{participant_id}"):
                yield Plain(name, classes="who")
                for c in self.field.columns:
                    yield labelled(pick(c.label), WrapLine(answers.get(c.key, ""),
                                                           classes=f"col-{c.key}"))

    def current_value(self):
        result = {}
        prefix = f"{self.field.key}-p-"
        for block in self.query(".participant-answers"):
            answers = {c.key: block.query_one(f".col-{c.key}", WrapLine).value
                       for c in self.field.columns}
            if any(v.strip() for v in answers.values()):
                result[block.id.removeprefix(prefix)] = answers
        return result
