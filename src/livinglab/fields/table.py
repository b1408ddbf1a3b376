"""A table with the columns the method names: parties, perspectives, values, norms."""

from __future__ import annotations

from pydantic import TypeAdapter

from ..models import FieldType, StepField
from ..text.markdown import table
from .base import FieldSpec, RenderContext, check, words

SHAPE = TypeAdapter(list[dict[str, str]])


def empty() -> list[dict[str, str]]:
    return []


def validate(value, field: StepField) -> list[dict[str, str]]:
    rows = check(SHAPE, value, field)
    known = {c.key for c in field.columns}
    for number, row in enumerate(rows, 1):
        if unknown := sorted(set(row) - known):
            raise ValueError(f"{field.key}: row {number} has no column {unknown[0]!r}")
    return rows


def markdown(value: list[dict[str, str]] | None, field: StepField, ctx: RenderContext) -> str:
    rows = [[ctx.text(row.get(c.key, "")) for c in field.columns] for row in value or []
            if any(str(row.get(c.key, "")).strip() for c in field.columns)]
    if not rows:
        return ""
    return table([ctx.pick(c.label) for c in field.columns], rows)


def search_text(value: list[dict[str, str]] | None, field: StepField) -> str:
    return words([[row.get(c.key, "") for c in field.columns] for row in value or []])


SPEC = FieldSpec(kind=FieldType.TABLE, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text)
