"""A single date, typed as everywhere in the app: 25-11-2026 (or 25/11/26, 2026-11-25),
read by `meeting.planning.parse_date` and stored as ISO text.

What cannot be read as a date is never stored: the field keeps it as typed, says what is
wrong when the cursor leaves it, and the runner keeps the chair on the step until it is
a date or empty (`typed_problem`), as it does for an action's date."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult

from livinglab.i18n import _, format_date
from livinglab.meeting.planning import parse_date
from livinglab.models import FieldType

from ..text import LineInput
from .base import FieldEditor, editor


@editor(FieldType.DATE)
class DateEditor(FieldEditor):
    DEFAULT_CSS = "DateEditor LineInput { width: 16; }"

    def compose_editor(self, value) -> ComposeResult:
        self.readable = value or ""  # the last value that was a date (or empty)
        yield LineInput(format_date(value), placeholder=_("dd-mm-yyyy"), compact=True,
                        id=f"{self.field.key}-date")

    def typed(self) -> str:
        return self.part("date").value.strip()

    def current_value(self) -> str:
        """The date as ISO text, "" when none is typed; while the text is no date, the
        last value that was one (what is typed is kept in the field, not stored)."""
        text = self.typed()
        if not text:
            self.readable = ""
        else:
            try:
                self.readable = parse_date(text).isoformat()
            except ValueError:
                pass
        return self.readable

    def typed_problem(self) -> str | None:
        text = self.typed()
        try:
            if text:
                parse_date(text)
        except ValueError as e:
            return str(e)
        return None

    def changed(self) -> None:
        self.show_problem("")
        if self.typed_problem() is None:  # a date half typed is not a change yet
            self.post_message(self.Changed(self, self.current_value()))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving the field says what is wrong, or shows the date as it was read."""
        if problem := self.typed_problem():
            self.show_problem(problem)
        elif self.typed():
            shown = format_date(self.current_value())
            if self.part("date").value != shown:  # 25/11/26 -> 25-11-2026
                self.part("date").value = shown
