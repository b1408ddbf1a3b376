"""Free text: paragraphs as typed."""

from __future__ import annotations

from pydantic import TypeAdapter

from ..models import FieldType, StepField
from ..text.markdown import block
from .base import FieldSpec, RenderContext, check

SHAPE = TypeAdapter(str)


def empty() -> str:
    return ""


def validate(value, field: StepField) -> str:
    return check(SHAPE, value, field)


def markdown(value: str | None, field: StepField, ctx: RenderContext) -> str:
    return block(ctx.text(value or ""))


def search_text(value: str | None, field: StepField) -> str:
    return (value or "").strip()


SPEC = FieldSpec(kind=FieldType.TEXT, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text)
