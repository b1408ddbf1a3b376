"""Attendance at the opening: who is present, absent with notice, absent or arrived late.

Every change is stored at once; someone who was not planned is added as arrived late, with
their discipline if given (and joins the group's roster). A choice the database refused
(another program writing, a full disk) stays on screen and is stored with the next one, or
as the dialog closes; the dialog stays open until it is."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select

from livinglab.i18n import N_, _, term
from livinglab.models import Attendance
from livinglab.meeting.planning import DISCIPLINES, save_person_details

from ..widgets.dialogs import LabModal
from ..widgets.text import LineInput, Plain
from .base import NOT_STORED, store_write


class AttendanceScreen(LabModal):
    """Opened from the running meeting; closes with escape (or the key that opened it)."""

    HELP = N_("Who is there: each person's attendance is stored as you choose it (**enter** "
              "opens the list). Someone who joins unplanned: type their name and, if you "
              "like, their discipline in the last fields and press **enter**; the next one "
              "can follow. **escape** closes.")
    CSS = """
    .attendance { width: 76; max-height: 22; }
    #attendance-rows { height: auto; max-height: 14; }
    .attendance-row { height: 1; }
    .attendance-name { width: 1fr; }
    .attendance-choice { width: 26; }
    #walk-in-discipline { margin-left: 1; }
    """
    # escape is no priority binding: in an open list it closes the list, not the dialog.
    BINDINGS = [Binding("escape", "close", N_("Close")),
                Binding("ctrl+r", "close", N_("Close"), show=False, priority=True)]

    def __init__(self, workshop):
        super().__init__()
        self.workshop = workshop
        self.unsaved: dict[str, Attendance] = {}  # participant id -> the choice on screen

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
            yield Plain(_("Someone else joins: name, discipline, then enter"),
                        classes="label")
            with Horizontal(classes="add-row"):
                yield LineInput(id="latecomer", compact=True, placeholder=_("Name"))
                yield LineInput(id="walk-in-discipline", compact=True,
                                placeholder=_("Discipline"),
                                suggester=SuggestFromList(DISCIPLINES, case_sensitive=False))

    def on_mount(self) -> None:
        self.query(".attendance-choice").first().focus()

    @on(Select.Changed, ".attendance-choice")
    def attendance_chosen(self, event: Select.Changed) -> None:
        participant_id = event.select.id.removeprefix("attendance-")
        if event.value != Select.NULL:
            self.unsaved[participant_id] = Attendance(event.value)
            self.store_choices()

    def store_choices(self) -> bool:
        """Store every choice on screen not stored yet; False (said) when refused."""
        return store_write(self, self._store_choices) is not NOT_STORED

    def _store_choices(self) -> None:
        for participant_id, attendance in list(self.unsaved.items()):
            self.workshop.set_attendance(participant_id, attendance)
            del self.unsaved[participant_id]

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        name = self.query_one("#latecomer", Input).value
        if not name.strip():
            self.query_one("#latecomer").focus()
            return
        discipline = self.query_one("#walk-in-discipline", Input).value
        if not self.store_choices() or store_write(
                self, self.add_walk_in, name, discipline) is NOT_STORED:
            return  # the name and discipline stay: enter again tries again
        self.notify(_("{name} joins the meeting.").format(name=name.strip()), markup=False)
        # The dialog stays, with the new row, for the next one who joins: a walker typed
        # the second name after the first, and it went into the item's notes.
        await self.recompose()
        self.query_one("#latecomer").focus()

    def add_walk_in(self, name: str, discipline: str) -> None:
        """Someone not planned joins, with the discipline typed (the roster keeps it)."""
        store = self.workshop.store
        with store.transaction():
            save_person_details(store, name, discipline=discipline)
            self.workshop.add_participant(name)

    def action_close(self) -> None:
        if self.store_choices():  # a refused choice keeps the dialog open: escape retries
            self.dismiss(True)
