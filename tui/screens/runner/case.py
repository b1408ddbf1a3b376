"""The case in the runner: beside the step where the width allows, in its place at 80
columns; ctrl+f shows or hides it, ctrl+g puts the facilitator's notes on top of it."""

from __future__ import annotations

import time

from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Input, Markdown, TextArea

from livinglab.i18n import _


class CasePanel(VerticalScroll):
    """The case, beside the step or in its place: it scrolls, and takes no text."""

    DEFAULT_CSS = """
    CasePanel { width: 1fr; height: 1fr; padding: 0 1; border-left: solid $primary-background; }
    """

    def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            event.stop()
            event.prevent_default()
            self.screen.type_into_field(event)


class CaseBeside:
    """The runner's part that shows the case (`#case-panel`) beside or over the step
    (`#step`), keeping the cursor in the step's fields (`#fields`) where it can, and
    saying so when letters are typed where no field takes them."""

    case_shown = False
    notes_shown = False  # the facilitator notes: for the chair's screen only
    field_before_case = None  # the field the case panel took the cursor from

    def case_makes_way(self) -> None:
        """At 80 columns the case covers the step: the next step opens on its fields."""
        if not self.has_class("wide") and self.case_shown:
            self.case_shown = self.notes_shown = False
            self.query_one("#case-panel").display = False
            self.query_one("#step").display = True

    async def show_case(self) -> None:
        """Show or hide the case (and the facilitator's notes) as `case_shown` says."""
        from livinglab.meeting.views import case_markdown

        panel = self.query_one("#case-panel")
        if self.case_shown:
            case = self.workshop.case
            text = case_markdown(case) if case else _("This agenda item has no case.")
            if case and self.notes_shown:  # on top, where the chair sees them at once
                notes = case.facilitator_notes or _("This case has no notes for the facilitator.")
                text = (f"## {_('For the facilitator')}\n\n{notes}\n\n---\n\n" + text)
            await self.query_one("#case-text", Markdown).update(text)
            panel.scroll_home(animate=False)
        self.lay_out_case()

    def lay_out_case(self) -> None:
        """Beside the step where the width allows (the cursor stays in the field), in its
        place at 80 columns (the case takes the cursor, to scroll it; a letter typed there
        goes back to the field: see `CasePanel.on_key`). Called again at every resize."""
        panel, step = self.query_one("#case-panel"), self.query_one("#step")
        fields = self.query_one("#fields")
        wide = self.has_class("wide")
        if self.case_shown and self.focused in fields.query("*"):
            self.field_before_case = self.focused  # before the step is hidden (and blurred)
        panel.display = self.case_shown
        step.display = not self.case_shown or wide
        if self.case_shown and not wide:
            self.set_focus(panel)
        elif self.focused is None or self.focused is panel or not self.focused.is_attached:
            field = self.field_before_case
            if not (field is not None and field.is_attached and field in fields.query("*")):
                field = self.first_field()
            # At once, not after the next refresh: keys already on their way go to it.
            self.set_focus(field)
        if not self.case_shown:
            self.field_before_case = None
        self.call_after_refresh(self.scroll_to_focused)

    def type_into_field(self, event: events.Key) -> None:
        """A letter typed into the case panel is meant for the field: at 80 columns the
        case makes way; the cursor goes back to the field and the letter with it (nothing
        typed goes into a panel that takes no text)."""
        if not self.has_class("wide"):
            self.case_shown = self.notes_shown = False
        panel = self.query_one("#case-panel")
        if self.focused is panel:
            self.set_focus(None)  # lay_out_case then gives the field back
        self.lay_out_case()
        if self.focused is not None and self.focused is not panel:
            self.focused.post_message(events.Key(event.key, event.character))

    told_no_field_at = None  # when typing that reached no field was last said

    def on_key(self, event: events.Key) -> None:
        """A letter typed where no field takes text (a button reached by Tab, the step list)
        is not lost in silence: it is said at once, so the rest of the sentence is not
        typed blind (a walker's sentence went nowhere after a Tab onto a button). In the
        case panel it goes to the field instead (`CasePanel.on_key`)."""
        if not event.is_printable or event.character in (None, " "):  # space presses
            return
        if isinstance(self.focused, (Input, TextArea, CasePanel)):
            return
        event.stop()
        now = time.monotonic()
        if self.told_no_field_at is None or now - self.told_no_field_at > 5:
            self.told_no_field_at = now
            self.notify(_("The cursor is not in a field: what you type goes nowhere. Tab "
                          "goes on to the next field; or click one."), severity="warning")

    async def action_toggle_case(self) -> None:
        self.case_shown = not self.case_shown
        await self.show_case()

    async def action_toggle_notes(self) -> None:
        self.notes_shown = not self.notes_shown
        self.case_shown = True
        await self.show_case()
