"""Decisions: each a row of its own (the decision list of the meeting), added and
deleted one by one, never set as a value."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Decision, FieldType, StepField
from ..text.markdown import bullets
from .base import FieldSpec, RenderContext, words


def empty() -> None:
    return None  # no value: the rows are the content


def validate(value, field: StepField):
    raise ValueError(f"{field.key}: decisions are added one by one, not set")


def markdown(value: None, field: StepField, ctx: RenderContext) -> str:
    return bullets([ctx.text(d.text) for d in ctx.decisions])


def search_text(rows: Sequence[Decision] | None, field: StepField) -> str:
    return words([d.text for d in rows or ()])


stored_as_rows = True

SPEC = FieldSpec(kind=FieldType.DECISIONS, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text,
                 stored_as_rows=stored_as_rows)
