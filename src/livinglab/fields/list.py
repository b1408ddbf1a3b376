"""A list of short lines: agreements, questions, alternatives."""

from __future__ import annotations

from pydantic import TypeAdapter

from ..models import FieldType, StepField
from ..text.markdown import bullets
from .base import FieldSpec, RenderContext, check, words

SHAPE = TypeAdapter(list[str])


def empty() -> list[str]:
    return []


def validate(value, field: StepField) -> list[str]:
    return check(SHAPE, value, field)


def markdown(value: list[str] | None, field: StepField, ctx: RenderContext) -> str:
    return bullets([ctx.text(item) for item in value or []])


def search_text(value: list[str] | None, field: StepField) -> str:
    return words(value or [])


SPEC = FieldSpec(kind=FieldType.LIST, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text)
