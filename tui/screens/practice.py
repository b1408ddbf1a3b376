"""Practice: a student picks a case and a method, answers the steps alone or with a few
others at one screen, sees the facilitator's notes beside the answers, reflects, and
saves a report for a portfolio. The runner is the meeting's runner without roles."""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Header, Markdown, Select

from livinglab.i18n import N_, _, format_date, pick, term
from livinglab.text.markdown import bullets, inline
from livinglab.models import SessionStatus
from livinglab.practice import (
    SOLO_METHOD_ID, PracticeError, PracticeWorkshop, load_practice, parse_students,
    practice_json, practice_runs, precedent_markdown, report_markdown, reveal,
    start_practice,
)
from livinglab.storage.store import StoreError
from livinglab.storage.written import PRACTICE_FILE, PRACTICE_REPORT, record_written

from ..widgets.dialogs import ReadOnlyView
from ..widgets.keybar import KeyBar
from ..widgets.text import LineInput, Plain, plain
from .base import LabScreen
from .runner import RunnerScreen
from livinglab.library import queries as case_queries
from livinglab.models import Session


class PracticeStartScreen(LabScreen):
    AUTO_FOCUS = "#practice-case"  # typed on at once after the key that opened it
    HELP = N_("Practise a case on your own or with a few others at one screen. Pick a case "
              "and a method (the short solo method comes first), type your name, or the "
              "names of a small group separated by commas, and press **ctrl+s** to start. "
              "There are no roles and the timer is only a guide. Below are your earlier "
              "practice runs: **enter** on one resumes it or opens its report.")
    CSS = """
    #practice-start { padding: 0 1; }
    #practice-start Select { width: 1fr; }
    #practice-start #practice-runs { height: auto; max-height: 10; }
    """
    BINDINGS = [
        Binding("ctrl+s", "start", N_("Start"), tooltip=N_("Start practising"), priority=True),
        Binding("escape", "leave", N_("Back")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="practice-start"):
            yield Plain(_("Case"), classes="label")
            yield Select([(plain(c.title), c.id) for c in case_queries.cases(self.app.store)],
                         id="practice-case", prompt=_("Pick a case"))
            yield Plain(_("Method"), classes="label")
            yield Select(self._method_options(None), id="practice-method", allow_blank=False)
            yield Plain(_("Your name, or the names of a small group separated by commas"),
                        classes="label")
            yield LineInput(id="practice-names", placeholder=_("e.g. Lisa de Boer"))
            yield Plain(classes="problem", id="practice-problem")
            yield Button(_("Start"), variant="primary", id="practice-go")
            yield Plain(_("Earlier practice runs"), classes="label")
            yield DataTable(id="practice-runs", cursor_type="row")
            # Said, instead of a table's header with nothing under it.
            yield Plain(_("None yet: this is your first."), classes="hint", id="no-runs")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Practice")
        runs = self.query_one("#practice-runs", DataTable)
        runs.add_columns(_("Date"), _("Status"), _("Case"), _("Practised by"))
        for run in practice_runs(self.app.store):
            runs.add_row(format_date(run.session.date), term(run.session.status),
                         plain(run.case_title), plain(", ".join(run.students)),
                         key=run.session.id)
        runs.display = runs.row_count > 0
        self.query_one("#no-runs").display = runs.row_count == 0
        self.query_one("#practice-case").focus()

    def _method_options(self, suggested: str | None):
        methods = self.app.methods.sorted()
        methods.sort(key=lambda m: (m.id != SOLO_METHOD_ID, m.id != suggested))
        return [(plain(pick(m.name)), m.id) for m in methods]

    @on(Select.Changed, "#practice-case")
    def offer_methods(self, event: Select.Changed) -> None:
        if event.value != Select.NULL:
            case = case_queries.case(self.app.store, event.value)
            self.query_one("#practice-method", Select).set_options(
                self._method_options(case.suggested_method if case else None))

    @on(Button.Pressed, "#practice-go")
    def start_pressed(self) -> None:
        self.action_start()

    def on_input_submitted(self, event) -> None:
        self.action_start()

    def action_start(self) -> None:
        case = self.query_one("#practice-case", Select).value
        method = self.query_one("#practice-method", Select).value
        problem = self.query_one("#practice-problem", Plain)
        if case == Select.NULL:
            problem.update(_("Pick a case."))
            self.query_one("#practice-case").focus()
            return
        names = parse_students(self.query_one("#practice-names", LineInput).value)
        try:
            session = start_practice(self.app.store, case, method, self.app.methods, names,
                                     self.app.today())
        except (PracticeError, StoreError) as e:
            problem.update(str(e))
            return
        self.app.switch_screen(PracticeRunnerScreen(session.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        session = self.app.store.get(Session, event.row_key.value)
        if session is None:
            return
        if session.status == SessionStatus.FINISHED:
            self.app.switch_screen(PracticeReportScreen(session.id))
        else:
            self.app.switch_screen(PracticeRunnerScreen(session.id))

    def action_leave(self) -> None:
        self.app.pop_screen()


class PracticeRunnerScreen(RunnerScreen):
    HELP = N_("Answer each step in your own words; the tips under the questions say what a "
              "good answer pays attention to. **ctrl+n** goes to the next step, **ctrl+o** "
              "back. The timer is only a guide: **ctrl+t** starts or pauses it. **f9** shows "
              "the case again. After the last step of the method the notes for the "
              "facilitator are shown beside your answers (**ctrl+r** shows them again), then "
              "you reflect; **f10** finishes and opens your report. **escape** asks, then goes "
              "home; the practice is kept and resumes where it stopped (**p** at home, "
              "then **enter** on it under Earlier practice runs).")
    BINDINGS = [b for b in RunnerScreen.BINDINGS
                if b.key not in ("f9", "f10", "f8", "escape")] + [
        Binding("escape", "leave", N_("Home"), show=False,
                tooltip=N_("Home, after asking; the practice resumes where it stopped")),
        Binding("f9", "show_case", N_("Case"), tooltip=N_("Show the case"), priority=True),
        Binding("ctrl+r", "reveal", N_("Notes"),
                tooltip=N_("The notes for the facilitator beside your answers"), priority=True),
        Binding("f10", "finish", N_("Finish"), tooltip=N_("Finish the practice"),
                priority=True),
    ]

    # The meeting's keys a practice run has no use for; the facilitator's notes above all
    # stay hidden until the answers are in. Textual keeps the base class's bindings, so
    # they are refused here, and the same key falls through to this screen's own binding.
    NOT_IN_PRACTICE = frozenset({"attendance", "toggle_notes", "follow_window",
                                 "participant_view"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.NOT_IN_PRACTICE:
            return False
        return super().check_action(action, parameters)

    def make_workshop(self) -> PracticeWorkshop:
        return PracticeWorkshop(self.app.store, self.session_id, self.app.methods,
                                clock=self.app.clock, wallclock=self.app.wallclock)

    async def begin(self) -> None:
        # Not on_mount: Textual calls RunnerScreen's on_mount itself, after this class's;
        # one that called it as well made two workshops and every timer twice.
        first_time = self.workshop.session.status == SessionStatus.PLANNED
        await super().begin()
        if first_time and self.writing:  # read the case before the first question
            self.action_show_case()

    def action_show_case(self) -> None:
        from livinglab.meeting.views import case_markdown

        case = self.workshop.case
        if case is not None:
            self.app.push_screen(CaseView(case_markdown(case)))

    @property
    def revealed(self) -> bool:
        w = self.workshop
        return w.step_index >= w.reveal_index or w.session.status == SessionStatus.FINISHED

    async def action_forward(self) -> None:
        before = self.workshop.step_index
        await super().action_forward()
        if before == self.workshop.reveal_index - 1 and self.revealed:
            self.action_reveal()

    def action_reveal(self) -> None:
        if not self.revealed:
            self.notify(_("The notes are shown after the last step of the method: answer "
                          "first, then compare."))
            return
        self.flush()
        self.app.push_screen(RevealScreen(self.session_id))

    def action_leave(self) -> None:
        """Home, after asking: a student who pressed escape is told the run is kept and
        where to go on with it (a practice run is in no list of meetings)."""
        from ..widgets.dialogs import ConfirmDialog

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                super(PracticeRunnerScreen, self).action_leave()

        self.app.push_screen(ConfirmDialog(
            _("Stop practising for now? What you wrote is kept. To go on where you "
              "stopped: p at home, then enter on this run under Earlier practice runs."),
            _("Stop for now"), default_yes=True, no=_("Keep practising")), leave)

    def action_finish(self) -> None:
        if not self.flush():
            return
        from ..widgets.dialogs import ConfirmDialog

        def finish(confirmed: bool | None) -> None:
            if confirmed and self.store_now(self.workshop.finish):
                self.app.switch_screen(PracticeReportScreen(self.session_id))

        self.app.push_screen(ConfirmDialog(
            _("Finish the practice? Your report opens; what you wrote stays."),
            _("Finish"), default_yes=True), finish)


class CaseView(ReadOnlyView):
    """The case as participants see it (without the notes for the facilitator), with the
    keys: a student alone has no chair to say how it closes."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield KeyBar()


class RevealScreen(LabScreen):
    HELP = N_("Your answers (left) beside what the notes for the facilitator and the method's "
              "tips say about each step (right), with how a group weighed the same case if "
              "the archive holds one. **escape** or **ctrl+n** goes on to the reflection.")
    CSS = """
    #reveal { padding: 0 1; }
    .reveal-title { text-style: bold; height: auto; margin-top: 1; background: $primary-background; }
    .reveal-row { height: auto; }
    .reveal-mine { width: 1fr; height: auto; }
    .reveal-notes { width: 1fr; height: auto; border-left: thick $warning; padding-left: 1; }
    """
    BINDINGS = [
        Binding("escape", "close", N_("Reflect"), tooltip=N_("On to the reflection")),
        Binding("ctrl+n", "close", N_("Reflect"), show=False, priority=True),
    ]

    def __init__(self, session_id: str):
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        app = self.app
        record = load_practice(app.store, self.session_id, app.methods)
        shown = reveal(record, app.store, app.methods)
        yield Header()
        with VerticalScroll(id="reveal"):
            yield Markdown(f"## {_('Notes for the facilitator')}\n\n"
                           + ("\n\n".join(shown.general_notes)
                              or "*" + _("The case has no general notes for the facilitator.")
                              + "*"), classes="reveal-general")
            for step in shown.steps:
                yield Plain(f"{_('Step')} {step.number}. {step.title}", classes="reveal-title")
                with Horizontal(classes="reveal-row"):
                    mine = "\n\n".join(f"**{inline(label)}**\n\n{text}"
                                       for _key, label, text in step.answers)
                    yield Markdown(mine or "*" + _("No answer.") + "*",
                                   classes="reveal-mine")
                    beside = []
                    if step.notes:
                        beside += [f"*{_('From the notes for the facilitator')}:*", *step.notes]
                    if step.tips:
                        beside += [f"*{_('What a good answer pays attention to')}:*",
                                   bullets(step.tips)]
                    yield Markdown("\n\n".join(beside) or " ", classes="reveal-notes")
            if shown.precedents:
                yield Markdown(f"## {_('How a group weighed this case')}\n\n"
                               + precedent_markdown(shown.precedents),
                               classes="reveal-precedent")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Your answers beside the notes")
        self.query_one("#reveal").focus()

    def action_close(self) -> None:
        self.app.pop_screen()

    def on_key(self, event: events.Key) -> None:
        # This screen opens by itself after the last step; a student who goes on typing
        # types the reflection. The screen to read gives way and the letter goes on to the
        # reflection's field (its cursor is there), the keys after it follow: none is lost.
        if not event.is_printable:
            return
        event.stop()
        event.prevent_default()
        if self.app.screen is self:  # keys of a burst still come here once it is gone
            self.app.pop_screen()
        field = self.app.screen.focused
        if field is not None:
            field.post_message(events.Key(event.key, event.character))


class PracticeReportScreen(LabScreen):
    HELP = N_("Your practice report for a portfolio: the case, your answers beside the "
              "notes, the reflection and the time spent. **s** saves it as Markdown, **j** "
              "saves the practice file (JSON) a teacher compares with other students' "
              "files. **escape** goes home.")
    CSS = """
    #practice-report { padding: 0 1; }
    """
    BINDINGS = [
        Binding("s", "save_report", N_("Save report")),
        Binding("j", "save_json", N_("Save practice file")),
        Binding("escape", "home", N_("Home"), tooltip=N_("Back to the list of meetings")),
    ]

    def __init__(self, session_id: str, folder: Path | None = None):
        super().__init__()
        self.session_id = session_id
        self.folder = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="practice-report"):
            yield Markdown(id="practice-report-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Practice report")
        self.record = load_practice(self.app.store, self.session_id, self.app.methods)
        self.query_one("#practice-report-text", Markdown).update(self.report())
        self.query_one("#practice-report").focus()

    def report(self) -> str:
        return report_markdown(self.record, self.app.store, self.app.methods)

    def _file_name(self, extension: str) -> Path:
        case = self.record.case
        name = f"{self.record.session.date.isoformat()}-{case.slug if case else 'oefenen'}"
        return self.folder / f"{name}.{extension}"

    def action_save_report(self) -> None:
        from ..widgets.save_file import save_to_file

        save_to_file(self, _("Save the report as:"), self._file_name("md"), self.report,
                     after=self.written(PRACTICE_REPORT))

    def action_save_json(self) -> None:
        from ..widgets.save_file import save_to_file

        save_to_file(self, _("Save the practice file as:"), self._file_name("json"),
                     lambda: practice_json(self.record), after=self.written(PRACTICE_FILE))

    def written(self, kind: str):
        """Logged, so an erase of the student can list the file (never its content)."""
        return lambda path: record_written(self.app.store, path, kind)

    def action_home(self) -> None:
        self.app.pop_screen()
