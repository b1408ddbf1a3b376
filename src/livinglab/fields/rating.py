"""A rating of the meeting: a score from 1 to 5 and a comment."""

from __future__ import annotations

from pydantic import Field, TypeAdapter

from ..models import FieldType, Model, StepField
from ..text.markdown import inline
from .base import FieldSpec, RenderContext, check, words


class RatingValue(Model):
    score: int | None = Field(default=None, ge=1, le=5)
    comment: str = ""


SHAPE = TypeAdapter(RatingValue)


def empty() -> dict:
    return RatingValue().model_dump()


def validate(value, field: StepField) -> dict:
    return check(SHAPE, value, field)


def markdown(value: dict | None, field: StepField, ctx: RenderContext) -> str:
    rating = RatingValue.model_validate(value or {})
    if rating.score is None and not rating.comment.strip():
        return ""
    score = f"{rating.score}/5" if rating.score else ""
    comment = inline(ctx.text(rating.comment))
    return " — ".join(p for p in (score, comment) if p)


def search_text(value: dict | None, field: StepField) -> str:
    return words(RatingValue.model_validate(value or {}).comment)


SPEC = FieldSpec(kind=FieldType.RATING, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text)
