"""The parking place: ideas and solutions that come too early. Parked in any step, they
are written together once, at the end of the review."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import TypeAdapter

from ..i18n import N_
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


def gather(values: Sequence[list[str] | None]) -> list[str]:
    """Every parked item once, in the order it was first parked."""
    return list(dict.fromkeys(item for value in values for item in value or []))


SPEC = FieldSpec(kind=FieldType.PARKING, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text,
                 gathered_under=N_("Parking place"), gather=gather)
