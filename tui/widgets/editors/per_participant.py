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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each person's answer lines by column, kept as they are made: the value is read on
        # every key typed, and a query per column and person took longer than the key.
        self.lines: dict[str, dict[str, WrapLine]] = {}

    def compose_editor(self, value) -> ComposeResult:
        value = value or {}
        self.lines = {}
        if not self.context.participants:
            yield Plain(_("This meeting has no participants."), classes="hint")
        for participant_id, name in self.context.participants:
            answers = value.get(participant_id, {})
            with Vertical(classes="participant-answers", id=f"{self.field.key}-p-{participant_id}"):
                yield Plain(name, classes="who")
                lines = self.lines[participant_id] = {}
                for c in self.field.columns:
                    line = lines[c.key] = WrapLine(answers.get(c.key, ""), classes=f"col-{c.key}")
                    yield labelled(pick(c.label), line)

    def current_value(self):
        result = {}
        for participant_id, lines in self.lines.items():
            answers = {key: line.value for key, line in lines.items()}
            if any(v.strip() for v in answers.values()):
                result[participant_id] = answers
        return result
