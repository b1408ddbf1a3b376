"""One editor per field type, registered by type: adding a field type means one core
module in `livinglab.fields` (see there), one editor module here, registered by its
`@editor(FieldType...)` when it is imported below, and its translations.

An editor reports its value (`current_value`, posted as `FieldEditor.Changed`); typing
that cannot be a value yet is named by `typed_problem`, which keeps the chair on the step.

Editors never touch the store: they are given the stored value (and, where they need it,
the meeting's participants or rows), and post `FieldEditor.Changed` with the new value;
the screen that owns the workshop stores it.
"""

from __future__ import annotations

from livinglab.models import FieldType, StepField

from .base import EDITORS, EditorContext, FieldEditor, editor

# Importing the modules registers their editors.
from . import (  # noqa: E402,F401
    actions, choice, date, dilemma, lists, per_participant, polarity, rating, table, text,
)


def editor_for(field: StepField, value, context: EditorContext) -> FieldEditor:
    return EDITORS[field.type](field, value, context)


def missing_editors() -> list[FieldType]:
    return [kind for kind in FieldType if kind not in EDITORS]


__all__ = ["EditorContext", "FieldEditor", "editor", "editor_for", "missing_editors"]
