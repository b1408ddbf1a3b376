"""Field types: one module each, one registry.

A method's step asks for fields of a type (`models.FieldType`, the method file format).
Each type's module here says what its value is, its empty value, how a value is checked,
how it is written in Markdown (full and shareable) and what it adds to search. Adding a
type means: its value in `models.FieldType`; a module here whose `SPEC` joins
`FIELD_TYPES` below; an editor in `tui/widgets/editors/` (imported by that package's
`__init__`); its label in `[terms.FieldType]` of both `locales/nl.toml` and `en.toml`.
The README's "Extending livinglab" lists the tests that name every type.

A value type's empty value is never None: None means a type stored as rows (actions,
decisions), here and in the runner. This layer is below `meeting`, so a module here only
checks a stored value; reading what a person typed (a date as 25-11-2026) is its editor's.
"""

from __future__ import annotations

from typing import Any

from ..models import FieldType, StepField
from . import (
    actions, choice, date, decisions, dilemma, list as list_, parking, per_participant, polarity,
    rating, table, text,
)
from .base import FieldSpec, RenderContext, words

# Note: importing the submodule `list` rebinds the name `list` in this package's namespace;
# nothing here uses the builtin.
FIELD_TYPES: dict[FieldType, FieldSpec] = {
    spec.kind: spec for spec in (
        text.SPEC, list_.SPEC, parking.SPEC, dilemma.SPEC, table.SPEC, per_participant.SPEC,
        polarity.SPEC, actions.SPEC, decisions.SPEC, rating.SPEC, date.SPEC,
        choice.SPEC,
    )
}


def field_type(kind: FieldType) -> FieldSpec:
    return FIELD_TYPES[FieldType(kind)]


def empty_value(field: StepField) -> Any:
    return field_type(field.type).empty()


def validate_value(value: Any, field: StepField) -> Any:
    """The value as it is stored, or ValueError with a message naming the field."""
    return field_type(field.type).validate(value, field)


def render_value(value: Any, field: StepField, ctx: RenderContext) -> str:
    """A field's content as Markdown ("" when there is nothing to show)."""
    spec = field_type(field.type)
    render = spec.shareable_markdown if ctx.shareable else spec.markdown
    return render(spec.empty() if value is None else value, field, ctx)


def search_text(value: Any, field: StepField) -> str:
    """The words of a field's content for search; for a type stored as rows, pass the rows."""
    spec = field_type(field.type)
    return spec.search_text(spec.empty() if value is None else value, field)


__all__ = ["FIELD_TYPES", "FieldSpec", "RenderContext", "empty_value", "field_type",
           "render_value", "search_text", "validate_value", "words"]
