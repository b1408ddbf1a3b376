"""Attendance at the opening: who is present, absent with notice, absent or arrived late.

Every change is stored at once; someone who was not planned is added as arrived late (and
joins the group's roster)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Select

from livinglab.i18n import N_, _, term
from livinglab.models import Attendance

from ..widgets.text import LineInput, Plain
from .base import LabModal


class AttendanceScreen(LabModal):
    """Opened from the running meeting; closes with escape (or the key that opened it)."""

    HELP = N_("Who is there: each person's attendance is stored as you choose it (**enter** "
              "opens the list). Type the name of someone who joins unplanned in the last "
              "field and press **enter**. **escape** closes.")
    # escape is no priority binding: in an open list it closes the list, not the dialog.
    BINDINGS = [Binding("escape", "close", N_("Close")),
                Binding("ctrl+r", "close", N_("Close"), show=False, priority=True)]

    def __init__(self, workshop):
        super().__init__()
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog attendance"):
            yield Plain(_("Attendance"), classes="question")
            with VerticalScroll(id="attendance-rows"):
                for participant, person in self.workshop.attendance():
                    with Horizontal(classes="attendance-row"):
                        yield Plain(f"{person.name} ({term(participant.role)})",
                                    classes="attendance-name")
                        yield Select([(term(a), a.value) for a in Attendance],
                                     value=participant.attendance.value, allow_blank=False,
                                     compact=True, id=f"attendance-{participant.id}",
                                     classes="attendance-choice")
            yield Plain(_("Someone else joins: name, then enter"), classes="label")
            yield LineInput(id="latecomer", compact=True, placeholder=_("Name"))

    def on_mount(self) -> None:
        self.query(".attendance-choice").first().focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        participant_id = (event.select.id or "").removeprefix("attendance-")
        if participant_id and event.value != Select.NULL:
            self.workshop.set_attendance(participant_id, Attendance(event.value))

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "latecomer" or not event.value.strip():
            return
        self.workshop.add_participant(event.value)
        self.notify(_("{name} joins the meeting.").format(name=event.value.strip()),
                    markup=False)
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(True)
