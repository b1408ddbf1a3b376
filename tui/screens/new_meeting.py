"""New meeting: group, date, people and roles, the agenda, and the case and method."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Header, Input, Markdown, Select

from livinglab.i18n import N_, _, pick, term
from livinglab.models import CaseKind, Role
from livinglab.planning import (
    MeetingPlan, PlannedParticipant, check_plan, create_meeting, default_agenda, parse_agenda,
)

from ..widgets.text import LineInput, Plain, TextBox, plain
from .base import LabScreen


class ParticipantRow(Horizontal):
    def __init__(self, role: Role = Role.PARTICIPANT, name: str = ""):
        super().__init__(classes="participant-row")
        self.role, self.person_name = role, name

    def compose(self) -> ComposeResult:
        yield LineInput(self.person_name, placeholder=_("Name"), compact=True,
                        classes="participant-name")
        yield Select([(term(role), role.value) for role in Role], value=self.role.value,
                     allow_blank=False, compact=True, classes="participant-role")

    def planned(self) -> PlannedParticipant:
        return PlannedParticipant(self.query_one(Input).value,
                                  Role(self.query_one(Select).value))


class NewMeetingScreen(LabScreen):
    HELP = N_("Fill in the meeting; the cursor starts at the title and **tab** moves to the "
              "next field. Participants each get a role; one is the chair. **ctrl+n** adds a "
              "participant, **ctrl+r** removes the one with the cursor. The agenda has one item "
              "per line; the line that starts with 'Case review' is the case review, for which "
              "you pick a case and a method. **ctrl+s** plans the meeting, **ctrl+g** plans "
              "and starts it.")
    BINDINGS = [
        Binding("ctrl+s", "plan", N_("Plan"), priority=True),
        Binding("ctrl+g", "plan_and_start", N_("Plan and start"), priority=True),
        Binding("ctrl+n", "add_participant", N_("Add person"),
                tooltip=N_("Add a participant"), priority=True),
        Binding("ctrl+r", "remove_participant", N_("Remove person"),
                tooltip=N_("Remove the participant with the cursor"), priority=True),
        Binding("escape", "leave", N_("Back")),
    ]

    def compose(self) -> ComposeResult:
        store = self.app.store
        yield Header()
        with VerticalScroll(id="new-meeting"):
            yield Plain(_("Title"), classes="label")
            yield LineInput(id="title", placeholder=_("e.g. Moral case deliberation, November"))
            yield Plain(classes="problem", id="problem-title")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Plain(_("Group"), classes="label")
                    yield LineInput(id="group", suggester=SuggestFromList(
                        [g.name for g in store.groups()], case_sensitive=False))
                    yield Plain(classes="problem", id="problem-group")
                with Vertical(classes="narrow"):
                    yield Plain(_("Date"), classes="label")
                    yield LineInput(self.app.today().strftime("%d-%m-%Y"), id="date")
                    yield Plain(classes="problem", id="problem-date")
                with Vertical(classes="narrow"):
                    yield Plain(_("Start time"), classes="label")
                    yield LineInput(id="start_time", placeholder="9:30")
                    yield Plain(classes="problem", id="problem-start_time")
            yield Plain(_("Location"), classes="label")
            yield LineInput(id="location")
            yield Plain(_("Participants: name and role (ctrl+n adds one, ctrl+r removes one)"),
                        classes="label")
            with Vertical(id="participants"):
                for role in (Role.CHAIR, Role.SECRETARY, Role.CASE_OWNER, Role.PARTICIPANT):
                    yield ParticipantRow(role)
            yield Button(_("Add participant"), id="add-participant", classes="small")
            yield Plain(classes="problem", id="problem-participants")
            yield Plain(_("Agenda (one item per line)"), classes="label")
            yield TextBox("\n".join(i.title for i in default_agenda()), id="agenda")
            yield Plain(classes="problem", id="problem-agenda")
            yield Plain(_("Case"), classes="label")
            yield Select([(term(k), k.value) for k in CaseKind], id="case-kind",
                         prompt=_("Every kind"))
            yield Select(self._case_options(None), id="case", prompt=_("Pick a case"))
            yield Plain(classes="problem", id="problem-case")
            yield Markdown(id="case-preview-new")
            yield Plain(_("Method"), classes="label")
            yield Select(self._method_options(None), id="method", prompt=_("Pick a method"))
            yield Plain(classes="problem", id="problem-method")
            with Horizontal(classes="buttons"):
                yield Button(_("Plan"), variant="primary", id="plan")
                yield Button(_("Plan and start"), variant="success", id="plan-and-start")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#title").focus()

    def _case_options(self, kind: str | None):
        return [(plain(case.title), case.id) for case in self.app.store.cases(kind=kind)]

    def _method_options(self, suggested: str | None):
        methods = self.app.methods.sorted()
        methods.sort(key=lambda m: m.id != suggested)
        return [(plain(pick(m.name)), m.id) for m in methods]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "case-kind":
            kind = None if event.value == Select.NULL else event.value
            self.query_one("#case", Select).set_options(self._case_options(kind))
        elif event.select.id == "case" and event.value != Select.NULL:
            from livinglab.views import case_markdown

            case = self.app.store.case(event.value)
            self.query_one("#case-preview-new", Markdown).update(case_markdown(case))
            method = self.query_one("#method", Select)
            method.set_options(self._method_options(case.suggested_method))
            if case.suggested_method and self.app.methods.get(case.suggested_method):
                method.value = case.suggested_method

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-participant":
            await self.action_add_participant()
        elif event.button.id == "plan":
            self.action_plan()
        elif event.button.id == "plan-and-start":
            self.action_plan_and_start()

    async def action_add_participant(self) -> None:
        row = ParticipantRow()
        await self.query_one("#participants").mount(row)
        row.query_one(Input).focus()

    async def action_remove_participant(self) -> None:
        rows = list(self.query(ParticipantRow))
        focused = self.focused
        row = next((r for r in rows if focused is not None and focused in r.query("*")), None)
        if row is None:
            self.notify(_("Put the cursor in the participant to remove first."))
            return
        index = rows.index(row)
        await row.remove()
        rest = list(self.query(ParticipantRow))
        if rest:
            rest[min(index, len(rest) - 1)].query_one(Input).focus()
        else:
            self.query_one("#add-participant").focus()

    def plan(self) -> MeetingPlan:
        value = lambda id: self.query_one(f"#{id}", Input).value  # noqa: E731
        case = self.query_one("#case", Select).value
        method = self.query_one("#method", Select).value
        return MeetingPlan(
            title=value("title"), group_name=value("group"), date=value("date"),
            start_time=value("start_time"), location=value("location"),
            participants=[row.planned() for row in self.query(ParticipantRow)],
            agenda=parse_agenda(self.query_one("#agenda", TextBox).text,
                                None if case == Select.NULL else case,
                                None if method == Select.NULL else method),
        )

    def _save(self) -> str | None:
        plan = self.plan()
        problems = check_plan(plan, self.app.store, self.app.methods)
        first_problem = None
        for static in self.query(".problem"):
            text = problems.get(static.id.removeprefix("problem-"), "")
            static.update(text)
            if text and first_problem is None:
                first_problem = static
        if problems:
            self.notify(_("The meeting is not planned yet: see the fields in red."),
                        severity="warning")
            if first_problem is not None:
                first_problem.scroll_visible()
            return None
        return create_meeting(self.app.store, plan, self.app.methods).id

    def action_plan(self) -> None:
        if self._save():
            self.app.pop_screen()

    def action_plan_and_start(self) -> None:
        session_id = self._save()
        if session_id:
            from .runner import RunnerScreen

            self.app.switch_screen(RunnerScreen(session_id))

    def action_leave(self) -> None:
        typed = any(self.query_one(f"#{id}", Input).value for id in ("title", "group", "location"))
        if not typed:
            self.app.pop_screen()
            return
        from ..widgets.dialogs import ConfirmDialog

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.app.pop_screen()

        self.app.push_screen(ConfirmDialog(_("Leave without planning? What you typed here is "
                                             "not kept."), _("Leave")), leave)
