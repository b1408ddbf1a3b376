"""Answers per participant (their own choice, what they learned): participant id ->
column -> text. Written first by each person, so the loudest voice does not set them."""

from __future__ import annotations

from pydantic import TypeAdapter

from ..models import FieldType, StepField
from ..text.markdown import bullets, inline
from .base import FieldSpec, RenderContext, check, words

SHAPE = TypeAdapter(dict[str, dict[str, str]])


def empty() -> dict[str, dict[str, str]]:
    return {}


def validate(value, field: StepField) -> dict[str, dict[str, str]]:
    answers = check(SHAPE, value, field)
    known = {c.key for c in field.columns}
    for participant_id, row in answers.items():
        if unknown := sorted(set(row) - known):
            raise ValueError(f"{field.key}: {participant_id}: no column {unknown[0]!r}")
    return answers


def markdown(value: dict[str, dict[str, str]] | None, field: StepField,
             ctx: RenderContext) -> str:
    value = value or {}
    parts = []
    for participant, person in ctx.participants:
        answers = value.get(participant.id) or {}
        lines = [f"{ctx.pick(c.label)}: {ctx.text(answers.get(c.key, ''))}"
                 for c in field.columns if str(answers.get(c.key, "")).strip()]
        if lines:
            parts.append(f"*{inline(ctx.name(participant, person))}*\n\n" + bullets(lines))
    return "\n\n".join(parts)


def search_text(value: dict[str, dict[str, str]] | None, field: StepField) -> str:
    return words([[row.get(c.key, "") for c in field.columns] for row in (value or {}).values()])


SPEC = FieldSpec(kind=FieldType.PER_PARTICIPANT, empty=empty, validate=validate,
                 markdown=markdown, shareable_markdown=markdown, search_text=search_text)
