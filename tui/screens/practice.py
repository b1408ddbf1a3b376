"""Practice: a student picks a case and a method, answers the steps alone or with a few
others at one screen, sees the facilitator's notes beside the answers, reflects, and
saves a report for a portfolio. The runner is the meeting's runner without roles."""

from __future__ import annotations

from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Header, Markdown, Select
from textual.worker import get_current_worker

from livinglab.i18n import N_, _, format_date, language, pick, term
from livinglab.text.markdown import bullets, inline
from livinglab.models import SessionStatus
from livinglab.practice import (
    SOLO_METHOD_ID, PracticeError, method_to_practise, PracticeWorkshop, load_practice, parse_students,
    practice_json, practice_runs, precedent_markdown, report_markdown, reveal,
    start_practice,
)
from livinglab.storage.store import Store, StoreError
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

    def __init__(self, case_id: str | None = None):
        """`case_id`: the case selected where **p** was pressed (the case library)."""
        super().__init__()
        self.case_id = case_id
        self.method_offered = SOLO_METHOD_ID  # changed by the student: kept, not chosen again

    def compose(self) -> ComposeResult:
        yield Header()
        cases = case_queries.cases(self.app.store)
        chosen = self.case_id if any(c.id == self.case_id for c in cases) else Select.NULL
        with VerticalScroll(id="practice-start"):
            yield Plain(_("Case"), classes="label")
            # The kind with the title, as the new meeting's list shows it.
            yield Select([(plain(f"{c.title} ({term(c.kind)})"), c.id) for c in cases],
                         id="practice-case", prompt=_("Pick a case"), value=chosen)
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
        # A case chosen where p was pressed: its method offered, on to the names.
        if self.query_one("#practice-case", Select).value != Select.NULL:
            self.offer_method_for(self.case_id)
            self.query_one("#practice-names").focus()
        else:
            self.query_one("#practice-case").focus()

    def _method_options(self, suggested: str | None):
        """One order (the short solo method first), the case's suggestion marked."""
        methods = self.app.methods.sorted()
        methods.sort(key=lambda m: m.id != SOLO_METHOD_ID)
        return [(plain(pick(m.name) + (f" ({_('suggested')})" if m.id == suggested else "")),
                 m.id) for m in methods]

    @on(Select.Changed, "#practice-case")
    def offer_methods(self, event: Select.Changed) -> None:
        """The case's method is offered (`method_to_practise`), unless the student chose
        one already."""
        if event.value != Select.NULL:
            self.offer_method_for(event.value)

    def offer_method_for(self, case_id: str) -> None:
        case = case_queries.case(self.app.store, case_id)
        method = self.query_one("#practice-method", Select)
        chosen_by_student = method.value != self.method_offered
        kept = method.value
        method.set_options(self._method_options(case.suggested_method if case else None))
        self.method_offered = (kept if chosen_by_student
                               else method_to_practise(case, self.app.methods))
        method.value = self.method_offered

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

    async def action_forward(self) -> None:
        before = self.workshop.step_index
        await super().action_forward()
        if before == self.workshop.reveal_index - 1 and self.workshop.revealed:
            self.action_reveal()

    def action_reveal(self) -> None:
        if not self.workshop.revealed:
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
              "notes, the reflection and the time spent. **t** switches to the shareable "
              "report, to hand in outside the group: students by their role, names, other "
              "personal data and places replaced, the case text left out (a practice run "
              "belongs to no group, so no region's places stay); its last line says so. "
              "**s** saves the report shown as Markdown, **j** saves the practice file "
              "(JSON) a teacher compares with other students' files. **escape** goes home.")
    CSS = """
    #practice-report { padding: 0 1; }
    #practice-report-busy { padding: 0 1; color: $warning; }
    """
    BINDINGS = [
        Binding("s", "save_report", N_("Save report")),
        Binding("j", "save_json", N_("Save practice file")),
        Binding("escape", "home", N_("Home"), tooltip=N_("Back to the list of meetings")),
        # After escape: at 80 columns the bar has room for escape's word, not for this
        # one's as well (F1 lists it).
        Binding("t", "toggle_shareable", N_("Full / shareable")),
    ]

    def __init__(self, session_id: str, folder: Path | None = None):
        super().__init__()
        self.session_id = session_id
        self.folder = folder or Path.cwd()
        self.shareable = False
        self.shown = ""  # the report on screen: what s saves
        self.renders = 0  # each shareable render asked for: only the last one counts

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain("", id="practice-report-busy")
        with VerticalScroll(id="practice-report"):
            yield Markdown(id="practice-report-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Practice report")
        self.record = load_practice(self.app.store, self.session_id, self.app.methods)
        self.shown = self.report()
        self.query_one("#practice-report-text", Markdown).update(self.shown)
        self.query_one("#practice-report").focus()

    def report(self) -> str:
        return report_markdown(self.record, self.app.store, self.app.methods)

    def action_toggle_shareable(self) -> None:
        """Full or shareable; the shareable report scans every answer, in a thread."""
        self.shareable = not self.shareable
        self.renders += 1
        self.sub_title = _("Shareable practice report") if self.shareable else _("Practice report")
        if not self.shareable:
            self.show(self.renders, self.report())
            return
        self.shown = ""
        self.query_one("#practice-report-busy", Plain).update(
            _("Busy: replacing personal data by placeholders…"))
        self.render_shareable(self.renders, language())

    @work(thread=True, exclusive=True, group="practice-report")
    def render_shareable(self, asked: int, lang: str) -> None:
        try:
            with Store(self.app.store.path, read_only=True) as store:
                record = load_practice(store, self.session_id, self.app.methods)
                text = report_markdown(record, store, self.app.methods, lang, shareable=True)
        except StoreError as e:
            self.app.call_from_thread(self.notify, str(e), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, asked, text)

    def show(self, asked: int, text: str) -> None:
        if asked != self.renders:  # a later t asked for the other report
            return
        self.shown = text
        self.query_one("#practice-report-busy", Plain).update("")
        self.query_one("#practice-report-text", Markdown).update(text)

    def _file_name(self, extension: str, shareable: bool = False) -> Path:
        case = self.record.case
        name = f"{self.record.session.date.isoformat()}-{case.slug if case else 'oefenen'}"
        if shareable:
            name += "-deelbaar"  # as shareable minutes are named
        return self.folder / f"{name}.{extension}"

    def action_save_report(self) -> None:
        from ..widgets.save_file import save_to_file

        if not self.shown:
            self.notify(_("Busy: replacing personal data by placeholders…"), markup=False)
            return
        text = self.shown
        save_to_file(self, _("Save the report as:"), self._file_name("md", self.shareable),
                     lambda: text, after=self.written(PRACTICE_REPORT))

    def action_save_json(self) -> None:
        from ..widgets.save_file import save_to_file

        save_to_file(self, _("Save the practice file as:"), self._file_name("json"),
                     lambda: practice_json(self.record), after=self.written(PRACTICE_FILE))

    def written(self, kind: str):
        """Logged, so an erase of the student can list the file (never its content)."""
        return lambda path: record_written(self.app.store, path, kind)

    def action_home(self) -> None:
        self.app.pop_screen()
