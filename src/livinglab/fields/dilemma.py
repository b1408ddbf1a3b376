"""A moral dilemma: the moral question, option A versus B, and the harm of each."""

from __future__ import annotations

from pydantic import TypeAdapter

from ..models import FieldType, Model, StepField
from ..text.markdown import inline, table
from .base import FieldSpec, RenderContext, check, words


class DilemmaValue(Model):
    question: str = ""  # the moral question
    a: str = ""
    a_harm: str = ""
    b: str = ""
    b_harm: str = ""


SHAPE = TypeAdapter(DilemmaValue)


def empty() -> dict:
    return DilemmaValue().model_dump()


def validate(value, field: StepField) -> dict:
    return check(SHAPE, value, field)


def markdown(value: dict | None, field: StepField, ctx: RenderContext) -> str:
    d = DilemmaValue.model_validate(value or {})
    if not any(v.strip() for v in (d.question, d.a, d.a_harm, d.b, d.b_harm)):
        return ""
    parts = []
    if d.question.strip():
        parts.append(f"*{ctx._('Moral question')}:* " + inline(ctx.text(d.question)))
    parts.append(table(
        ["", ctx._("Option"), ctx._("Harm")],
        [["A", ctx.text(d.a), ctx.text(d.a_harm)],
         ["B", ctx.text(d.b), ctx.text(d.b_harm)]],
    ))
    return "\n\n".join(parts)


def search_text(value: dict | None, field: StepField) -> str:
    d = DilemmaValue.model_validate(value or {})
    return words(d.question, d.a, d.a_harm, d.b, d.b_harm)


SPEC = FieldSpec(kind=FieldType.DILEMMA, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text)
