"""Actions: what, who, when. Each is a row of its own (the group's action list carries
open actions across meetings), added and deleted one by one, never set as a value."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Action, FieldType, StepField
from ..text.markdown import bullets
from .base import FieldSpec, RenderContext, words


def empty() -> None:
    return None  # no value: the rows are the content


def validate(value, field: StepField):
    raise ValueError(f"{field.key}: actions are added one by one, not set")


def action_line(action: Action, ctx: RenderContext) -> str:
    details = ", ".join(x for x in (ctx.text(action.owner), ctx.short_date(action.due)) if x)
    what = ctx.text(action.what)
    return f"{what} ({details})" if details else what


def markdown(value: None, field: StepField, ctx: RenderContext) -> str:
    return bullets([action_line(a, ctx) for a in ctx.actions])


def search_text(rows: Sequence[Action] | None, field: StepField) -> str:
    return words([[a.what, a.owner] for a in rows or ()])


stored_as_rows = True

SPEC = FieldSpec(kind=FieldType.ACTIONS, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text,
                 stored_as_rows=stored_as_rows)
