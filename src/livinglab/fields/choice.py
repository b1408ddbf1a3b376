"""One of a few options the method names (a slow question's status: open, verder
onderzoeken, beantwoord, naar de regio): stored as the option's key, written as its label.

The options are the field's own (`StepField.options` in the method file), so a method
can ask any closed question; "" is "not chosen yet".
"""

from __future__ import annotations

from ..i18n import pick
from ..models import FieldType, StepField
from ..text.markdown import inline
from .base import FieldSpec, RenderContext


def empty() -> str:
    return ""


def validate(value, field: StepField) -> str:
    """"" or the key of one of the field's options; ValueError naming the field otherwise."""
    if value is None or value == "":
        return ""
    keys = [option.key for option in field.options]
    if isinstance(value, str) and value.strip() in keys:
        return value.strip()
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
    raise ValueError(f"{field.key}: not one of {', '.join(keys)}: {shown}")


def label(value: str | None, field: StepField, lang: str | None = None) -> str:
    """The chosen option as a person reads it; "" when none is chosen."""
    option = next((o for o in field.options if o.key == value), None)
    return pick(option.label, lang) if option else ""


def markdown(value: str | None, field: StepField, ctx: RenderContext) -> str:
    return inline(label(value, field, ctx.lang))


def search_text(value: str | None, field: StepField) -> str:
    """The chosen option in both languages: a search may use either."""
    option = next((o for o in field.options if o.key == value), None)
    return "\n".join(dict.fromkeys(option.label.values())) if option else ""


SPEC = FieldSpec(kind=FieldType.CHOICE, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text)
