"""A polarity map of a tension: two poles, the upsides and downsides of each, the higher
purpose and the deeper fear, early warnings and action steps per pole."""

from __future__ import annotations

from pydantic import TypeAdapter

from ..models import FieldType, Model, StepField
from ..text.markdown import inline, table
from .base import FieldSpec, RenderContext, check, words


class PolarityValue(Model):
    pole_a: str = ""
    pole_b: str = ""
    a_up: list[str] = []
    a_down: list[str] = []
    b_up: list[str] = []
    b_down: list[str] = []
    purpose: str = ""  # the higher purpose both poles serve
    fear: str = ""  # the deeper fear if the group overdoes one pole
    a_warnings: list[str] = []
    b_warnings: list[str] = []
    a_actions: list[str] = []
    b_actions: list[str] = []


SHAPE = TypeAdapter(PolarityValue)


def empty() -> dict:
    return PolarityValue().model_dump()


def validate(value, field: StepField) -> dict:
    return check(SHAPE, value, field)


def markdown(value: dict | None, field: StepField, ctx: RenderContext) -> str:
    _ = ctx._
    p = PolarityValue.model_validate(value or {})
    lists = (p.a_up, p.a_down, p.b_up, p.b_down, p.a_warnings, p.b_warnings,
             p.a_actions, p.b_actions)
    if not (p.pole_a.strip() or p.pole_b.strip() or p.purpose.strip() or p.fear.strip()
            or any(lists)):
        return ""
    join = lambda items: "; ".join(ctx.text(i) for i in items if i.strip())  # noqa: E731
    pole_a = ctx.text(p.pole_a) or "A"
    pole_b = ctx.text(p.pole_b) or "B"
    return "\n\n".join([
        f"*{_('Higher purpose')}:* " + inline(ctx.text(p.purpose)),
        table(
            ["", f"{_('Pole')} A: {pole_a}", f"{_('Pole')} B: {pole_b}"],
            [[_("Upsides"), join(p.a_up), join(p.b_up)],
             [_("Downsides"), join(p.a_down), join(p.b_down)],
             [_("Early warnings"), join(p.a_warnings), join(p.b_warnings)],
             [_("Action steps"), join(p.a_actions), join(p.b_actions)]],
        ),
        f"*{_('Deeper fear')}:* " + inline(ctx.text(p.fear)),
    ])


def search_text(value: dict | None, field: StepField) -> str:
    p = PolarityValue.model_validate(value or {})
    return words(p.pole_a, p.pole_b, p.purpose, p.fear, p.a_up, p.a_down, p.b_up, p.b_down,
                 p.a_warnings, p.b_warnings, p.a_actions, p.b_actions)


SPEC = FieldSpec(kind=FieldType.POLARITY, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text)
