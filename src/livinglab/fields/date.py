"""A single date (a day to look back at what was agreed): stored as ISO text, 2026-11-25,
written as the interface writes dates, 25-11-2026 (`i18n.format_date`).

The value is "" (no date) or the ISO text. What a person types (25-11-2026, 25/11/26 ...)
is read by the app's editor with `meeting.planning.parse_date`, above this layer; here a
value is only checked to be a real date, never read from a typed form.
"""

from __future__ import annotations

import datetime as dt

from ..i18n import format_date
from ..models import FieldType, StepField
from ..text.markdown import inline
from .base import FieldSpec, RenderContext


def empty() -> str:
    return ""


def day(value: str | None) -> dt.date | None:
    """The date a stored value holds; None when it holds none."""
    return dt.date.fromisoformat(value) if value else None


def validate(value, field: StepField) -> str:
    """"" for no date, else the date as ISO text; ValueError naming the field otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
    raise ValueError(f"{field.key}: not a date written YYYY-MM-DD: {shown}")


def markdown(value: str | None, field: StepField, ctx: RenderContext) -> str:
    return inline(ctx.short_date(day(value)))


def search_text(value: str | None, field: StepField) -> str:
    """The date as it is shown and as stored: a search may type either (25-11-2026 or
    2026-11-25, as the command line takes dates)."""
    return f"{format_date(value)}\n{value}" if value else ""


SPEC = FieldSpec(kind=FieldType.DATE, empty=empty, validate=validate, markdown=markdown,
                 shareable_markdown=markdown, search_text=search_text)
