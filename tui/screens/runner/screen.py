"""The runner: one agenda item at a time, the method's steps, the timer, the capture.

Editors post what is typed; this screen owns the workshop and stores it (`Edits`): at once
for rows (actions, decisions), within half a second for text. Nothing that goes wrong in a
timer ends the app. Its parts: where the meeting is (`ShowsPosition`), the case beside the
step (`CaseBeside`), and what the meeting answers at the items around the review
(`AgendaAnswers`); here the keys, moving, the timer and the window that writes the meeting.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, ListView, Markdown

from livinglab.meeting.follow import HEARTBEAT_EVERY
from livinglab.i18n import N_, _
from livinglab.live.workshop import Workshop
from livinglab.live.around import correct_minutes

from ...widgets.closing import ClosingRound
from ...widgets.dialogs import AskDialog, ConfirmDialog, ReadOnlyView
from ...widgets.editors import FieldEditor
from ...widgets.editors.actions import ActionsEditor
from ...widgets.keybar import KeyBar
from ...widgets.text import Plain
from ..base import NOT_STORED, LabScreen, settle_typing, store_write
from .agenda import AgendaAnswers
from .case import CaseBeside, CasePanel
from .edits import STORE_PROBLEMS, Edits, NotesBox
from .position import ShowsPosition, StepBody, StepList
from .room import RoomKeys
from livinglab.models import Session

SAVE_PAUSE = 0.1  # seconds without typing: what was typed is stored (issue 27)
SAVE_EVERY = 0.5  # seconds: and while typing goes on, at least this often
CHECKPOINT_EVERY = 5  # seconds: the timer's time spent is stored this often


class RunnerScreen(ShowsPosition, CaseBeside, AgendaAnswers, RoomKeys, LabScreen):
    STORES_AS_TYPED = True  # F1 says so: no save key (a form, such as a new meeting, has one)
    HELP = N_("The step on screen shows its aim, its guiding questions and fields for what "
              "the group says; the cursor starts in the first field. **ctrl+n** goes to the "
              "next step (after the last step, to the next agenda item; after the last item, "
              "it offers to finish), **ctrl+o** goes back. **ctrl+t** starts or pauses the "
              "step's timer, **ctrl+l** gives the step a minute longer. These keys work while "
              "you type. **f9** shows the participant view for the shared screen, **f10** "
              "finishes the meeting, **escape** goes home; the meeting resumes where it "
              "stopped. A click on a step in the list jumps to it. **ctrl+r** records who is "
              "there; **ctrl+f** shows or hides the case, **ctrl+g** the notes for the "
              "facilitator (never on the shared screen); **ctrl+b** opens a window that follows the "
              "meeting, for the projector. At the action list, **enter** on an "
              "action says what became of it, and **enter** on one of last time's voornemens "
              "what came of it; at the previous minutes, the group approves them with its "
              "corrections. At the closing (sluiting) each person present says what they "
              "learned and will do differently (voornemens), and the button **Evaluation "
              "(anonymous)** takes one person's evaluation at a time, without a name. A "
              "step's time counts while it is on screen.")
    # Not scoped: the practice runner shares it, and a rule starts at this screen's own
    # class (narrow), which scoping would look for inside it.
    CSS = """
    #runner { height: 1fr; }
    /* 26: the longest word of a built-in step's title (Verhelderingsvragen) whole beside
       its number. */
    #side { width: 26; height: 1fr; border-right: solid $primary-background; }
    /* Under 80 columns the step list gives the step room (its marks and numbers stay). */
    RunnerScreen.narrow #side { width: 18; }
    #item-title { text-style: bold; padding: 0 1; height: auto; }
    #steps { height: 1fr; }
    /* A step's mark and number, its whole title beside them: a long title wraps under
       itself, never under the number (at 80 columns titles cut with … hid what the
       steps after the current one are about). */
    #steps > ListItem { height: auto; }
    #steps .step-number { width: auto; }
    #steps .step-name { width: 1fr; padding-left: 1; }
    #steps > ListItem.done Static { color: $success; }
    #steps > ListItem.todo Static { color: $text-muted; }
    #step { height: 1fr; width: 1fr; }
    #step-title { text-style: bold; color: $accent; height: auto; padding: 0 1; }
    #timer { text-style: bold; color: $success; height: auto; padding: 0 1; }
    #timer.over { color: $error; text-style: bold reverse; }
    #step-body { height: 1fr; padding: 0 1; }
    #aim { text-style: italic; height: auto; margin-bottom: 1; }
    #questions { height: auto; }
    #tips { color: $warning; height: auto; }
    #fields { height: auto; }
    #approve { margin-top: 1; }
    """
    SCOPED_CSS = False
    BINDINGS = [
        Binding("ctrl+n", "forward", N_("Next"), tooltip=N_("Next step or agenda item"),
                priority=True),
        Binding("ctrl+o", "back", N_("Back"), tooltip=N_("Previous step or agenda item"),
                priority=True),
        Binding("ctrl+t", "toggle_timer", N_("Timer"), tooltip=N_("Start or pause the timer"),
                priority=True),
        # Not in the footer (full at 80 columns): F1 and the palette list these.
        Binding("ctrl+l", "add_minute", N_("+1 min"), tooltip=N_("One minute longer"),
                priority=True, show=False),
        Binding("ctrl+s", "room", N_("Room"), priority=True,  # issue 26: runner/room.py; in
                # the key bar at 80 columns, before the keys that fall off there
                tooltip=N_("The room: participants write on their own devices")),
        Binding("f9", "participant_view", N_("Show"), tooltip=N_("Participant view"),
                priority=True),
        Binding("f10", "finish", N_("Finish"), tooltip=N_("Finish the meeting"),
                show=False, priority=True),
        # Not in the footer: it is full at 80 columns; F1 and the palette list it. (Not f7:
        # that is a text area's select-all; b for beamer, as the projector is called.)
        Binding("ctrl+b", "follow_window", N_("Group screen"), priority=True, show=False,
                tooltip=N_("Open a window that follows the meeting, for the projector")),
        Binding("escape", "leave", N_("Home"), show=False,
                tooltip=N_("Home; the meeting resumes where it stopped")),
        Binding("ctrl+r", "attendance", N_("Attendance"),
                tooltip=N_("Who is present, absent or arrived late"), priority=True),
        Binding("ctrl+f", "toggle_case", N_("Case"), tooltip=N_("Show or hide the case text"),
                priority=True),
        Binding("ctrl+g", "toggle_notes", N_("Facilitator"),
                tooltip=N_("Show or hide the notes for the facilitator, in the case panel"),
                priority=True),
        # Aliases: F-keys for keyboards where ctrl+letters are awkward (none that a text
        # field uses for editing: f5, f6 and f7 select in a text area); pagedown/pageup
        # where no text area uses them.
        Binding("f3", "forward", N_("Next step or agenda item"), show=False, priority=True),
        Binding("f2", "back", N_("Previous step or agenda item"), show=False, priority=True),
        Binding("f4", "add_minute", N_("One minute longer"), show=False, priority=True),
        Binding("f8", "next_item", N_("Next agenda item"), show=False, priority=True),
        Binding("pagedown", "forward", N_("Next step or agenda item"), show=False),
        Binding("pageup", "back", N_("Previous step or agenda item"), show=False),
    ]

    def __init__(self, session_id: str):
        super().__init__()
        self.session_id = session_id
        self.edits = Edits(self)  # what is typed, until it is stored
        self.showing = False  # the step's fields are being taken down or built
        self.save_timer = None  # see save_soon
        self.writing = False  # this window stores the meeting (not while it asks, or after
        # another window took the meeting over)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="runner"):
            with Vertical(id="side"):
                yield Plain("", id="item-title")
                yield StepList(id="steps")
            with Vertical(id="step"):
                yield Plain("", id="step-title")
                yield Plain("", id="timer")
                with StepBody(id="step-body"):
                    yield Plain("", id="aim")
                    yield Plain("", id="questions")
                    yield Plain("", id="tips")
                    yield Vertical(id="fields")
            with CasePanel(id="case-panel"):
                yield Markdown(id="case-text")
        # The meeting keys in 80 columns, and the palette: a mouse reaches home, finish and
        # every other action of the meeting through it.
        yield KeyBar(compact=True)

    def make_workshop(self) -> Workshop:
        """The workshop this screen drives (a hook: a practice run brings its own)."""
        return Workshop(self.app.store, self.session_id, self.app.methods, clock=self.app.clock,
                        wallclock=self.app.wallclock)

    async def on_mount(self) -> None:
        self.workshop = self.make_workshop()
        self.query_one("#case-panel").display = False
        elsewhere = self.workshop.open_elsewhere()
        if elsewhere is None:
            await self.begin()
            return
        seen = elsewhere.beat_at.astimezone().strftime("%H:%M:%S")
        self.app.push_screen(ConfirmDialog(
            _("This meeting is open in another window (its last sign of life: {time}). "
              "Take it over here? The other window then stops writing. Otherwise this "
              "window follows the meeting, read-only.").format(time=seen),
            _("Take over"), no=_("Follow read-only")), self.after_asking)

    async def after_asking(self, take_over: bool | None) -> None:
        if take_over:
            await self.begin()
            self.beat()  # at once: the other window stops writing at its next beat
            self.notify(_("You took the meeting over: this window writes it now."))
            return
        from ... import follow
        from livinglab.meeting.follow import Follower

        self.app.switch_screen(follow.FollowInApp(
            Follower(self.app.store, self.session_id, self.app.methods)))

    async def begin(self) -> None:
        """Start (or resume) the meeting in this window: from now on it writes. A database
        that refuses (busy, read-only) sends the chair back home, saying so."""
        if not self.store_now(self.workshop.start):
            self.app.pop_screen()
            return
        self.writing = True
        self.sub_title = self.workshop.session.title
        if self.workshop.is_correcting:
            self.sub_title += " · " + _("correcting the minutes")
        self.set_interval(SAVE_EVERY, self.flush)
        self.set_interval(1, self.tick)
        self.set_interval(CHECKPOINT_EVERY, self.checkpoint)
        self.set_interval(HEARTBEAT_EVERY, self.beat)
        await self.show_position()

    # --- storing what is typed (see edits.py) --------------------------------------------

    def on_field_editor_changed(self, event: FieldEditor.Changed) -> None:
        self.edits.field_changed(event)
        self.save_soon()

    def on_text_area_changed(self, event) -> None:
        if isinstance(event.text_area, NotesBox):
            self.edits.notes_changed(event.text_area)
            self.save_soon()

    def on_closing_round_said(self, event: ClosingRound.Said) -> None:
        self.edits.closing_said(event)
        self.save_soon()

    def save_soon(self) -> None:
        """Store what was typed at the first pause of SAVE_PAUSE: a key waits for no tick,
        and a burst of keys is one save, not one a key."""
        if not self.writing:
            return
        if self.save_timer is None:
            self.save_timer = self.set_timer(SAVE_PAUSE, self.save_at_pause)
        else:
            self.save_timer.reset()

    def save_at_pause(self) -> None:
        self.save_timer = None
        if self.edits.pending:
            self.flush()

    def on_actions_editor_row_added(self, event: ActionsEditor.RowAdded) -> None:
        self.edits.row_added(event)

    def on_actions_editor_row_deleted(self, event: ActionsEditor.RowDeleted) -> None:
        self.edits.row_deleted(event)

    def flush(self) -> bool:
        """Store every pending edit; True when nothing is left pending."""
        return self.edits.flush()

    def store_now(self, write, *args) -> bool:
        """A write that the user waits for (a row added or deleted): True when stored;
        a refusal is said as every screen says it (`store_write`)."""
        return store_write(self, write, *args) is not NOT_STORED

    def beat(self) -> None:
        if not self.writing:
            return
        try:
            if self.workshop.taken_over():
                self.stop_writing()
                return
            self.workshop.beat()
        except STORE_PROBLEMS:
            pass  # a follow view says the beats stopped; nothing the chair typed is at stake

    def stop_writing(self) -> None:
        """Another window took the meeting over: store what this one still holds (merged
        with the other's, never over it), then stop writing and say so."""
        self.edits.collect()
        self.edits.add_typed_rows()
        self.flush()
        self.writing = False
        self.app.notify(_("Another window took this meeting over: this window no longer "
                          "writes. What you typed here is stored, beside what was typed "
                          "there."),
                        severity="warning", timeout=10)
        self.app.pop_screen()

    def checkpoint(self) -> None:
        try:
            self.workshop.checkpoint()
        except STORE_PROBLEMS:
            pass  # the time is kept in memory and stored at the next checkpoint

    @on(ListView.Selected, "#steps")
    async def step_chosen(self, event: ListView.Selected) -> None:
        """A click on a step in the list goes there."""
        index = event.list_view.index
        if index is not None and index != self.workshop.step_index:
            await self.move(lambda: self.workshop.go_to_step(index))

    # --- moving ---------------------------------------------------------------------------

    async def move(self, step) -> Any:
        await settle_typing(self.app)
        self.edits.collect()
        if not self.edits.ready_to_leave():
            return None
        if not self.flush():  # nothing typed is lost by moving on
            self.notify(_("Stay on this step until what you typed is saved."), severity="warning")
            return None
        try:
            result = step()
        except STORE_PROBLEMS as e:
            self.notify(_("Not saved: {reason}. Try again in a moment.").format(reason=e),
                        severity="error", markup=False)
            return None
        if result is False:  # nowhere to go (the first or the last step): the step stays
            return result    # as it is, the cursor in the field it was in
        self.case_makes_way()
        await self.show_position()
        if self.case_shown:
            await self.show_case()
        return result

    async def action_forward(self) -> None:
        moved = await self.move(self.workshop.forward)
        if moved is False:
            self.action_finish()

    def on_resize(self, event) -> None:
        super().on_resize(event)
        self.set_class(event.size.width < 80, "narrow")
        if hasattr(self, "workshop"):
            self.lay_out_case()

    # --- buttons and keys (the case's: case.py; attendance: agenda.py) -------------------

    @on(Button.Pressed, "#evaluate")
    def evaluate_pressed(self) -> None:
        self.evaluate()

    @on(Button.Pressed, "#approve")
    async def approve_pressed(self) -> None:
        await self.approve_previous_minutes()

    async def action_back(self) -> None:
        if await self.move(self.workshop.back) is False:
            self.notify(_("This is the first step of the meeting."))

    async def action_next_item(self) -> None:
        if await self.move(self.workshop.next_item) is False:
            self.action_finish()

    def action_toggle_timer(self) -> None:
        try:
            self.workshop.toggle_timer()
        except STORE_PROBLEMS:
            pass
        self.tick()
        self.refresh_bindings()  # the key bar says what ctrl+t does now

    def help_now(self) -> str:
        """F1 begins with the step on screen: its aim, questions and tips."""
        from livinglab.meeting.views import step_help

        return step_help(self.workshop)

    def key_label(self, binding) -> str | None:
        """ctrl+t's label says what it does now: pause a running timer, or start it."""
        if binding.action != "toggle_timer" or not getattr(self, "workshop", None) \
                or not self.workshop.is_review:
            return None
        return _("Pause") if self.workshop.timer.running else _("Start")

    def action_add_minute(self) -> None:
        try:
            self.workshop.add_minute()
        except STORE_PROBLEMS:
            pass
        self.tick()

    def action_participant_view(self) -> None:
        self.flush()
        from livinglab.meeting.views import step_markdown

        self.app.push_screen(ReadOnlyView(step_markdown(self.workshop)))

    def action_follow_window(self) -> None:
        """The follow view in a new terminal window, or the command to type where the
        platform gives no window (a console, an SSH login)."""
        import shlex

        from livinglab.meeting.follow import follow_command, start_follow_window

        if start_follow_window(self.app.store.path, self.session_id):
            self.notify(_("The follow window opens; put it on the shared screen."))
            return
        command = shlex.join(follow_command(self.app.store.path.absolute(), self.session_id))
        self.app.push_screen(ConfirmDialog(
            _("Type this in another terminal: {command}").format(command=command), _("OK"),
            default_yes=True))

    def action_finish(self) -> None:
        if not self.flush():
            return
        if self.workshop.is_correcting:  # the meeting was finished already: back with it
            self.notify(_("The corrections are stored."))
            self.app.pop_screen()
            return

        def finish(confirmed: bool | None) -> None:
            if confirmed and self.store_now(self.workshop.finish):
                from ..finish import FinishScreen

                self.app.switch_screen(FinishScreen(self.session_id))

        self.app.push_screen(ConfirmDialog(
            _("Finish the meeting? It moves to the finished meetings; what was captured stays."),
            _("Finish"), default_yes=True), finish)

    def action_leave(self) -> None:
        if not self.flush():
            self.notify(_("Stay on this step until what you typed is saved."), severity="warning")
            return
        self.checkpoint()
        self.workshop.pause_timer()
        self.app.pop_screen()

    def holds_unsaved_typing(self) -> bool:
        """Quitting asks first only when an edit cannot be stored (a locked file)."""
        if not self.writing:
            return False
        self.edits.collect()
        return not (self.edits.ready_to_leave() and self.flush())

    def on_unmount(self) -> None:
        if self.writing:
            self.flush()
            try:
                self.workshop.pause_timer()
            except STORE_PROBLEMS:
                pass
            try:  # the follow view shows the timer paused; the meeting is free again
                self.workshop.beat(leaving=True)
            except STORE_PROBLEMS:
                pass


def correct_finished_meeting(app, session_id: str) -> None:
    """Open a finished meeting to correct its minutes: concept minutes at once, vastgestelde
    minutes after the secretary says why they are reopened."""
    from livinglab.models import MinutesStatus

    session = app.store.get(Session, session_id)

    def open_with(reason: str | None) -> None:
        if reason is None:
            return
        if store_write(app.screen, correct_minutes, app.store, session_id, reason) \
                is not NOT_STORED:
            app.push_screen(RunnerScreen(session_id))

    if session.minutes_status == MinutesStatus.SETTLED:
        from livinglab.meeting.drafts import reopen_key

        app.push_screen(AskDialog(_("These minutes are vastgesteld. Why are they reopened? "
                                    "They become a concept again."),
                                  draft=(reopen_key(session_id), session_id)), open_with)
    else:
        open_with("")
