"""New meeting: group, date, people and roles, the agenda, and the case and method."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Header, Input, Label, Markdown, Select, Static, TextArea

from livinglab.i18n import _, pick, term
from livinglab.models import CaseKind, Role
from livinglab.planning import (
    MeetingPlan, PlannedParticipant, check_plan, create_meeting, default_agenda, parse_agenda,
)

ROLE_OPTIONS = [(term(role.value), role.value) for role in Role]


class ParticipantRow(Horizontal):
    def __init__(self, role: Role = Role.PARTICIPANT, name: str = ""):
        super().__init__(classes="participant-row")
        self.role, self.person_name = role, name

    def compose(self) -> ComposeResult:
        yield Input(self.person_name, placeholder=_("Name"), classes="participant-name")
        yield Select(ROLE_OPTIONS, value=self.role.value, allow_blank=False,
                     classes="participant-role")

    def planned(self) -> PlannedParticipant:
        return PlannedParticipant(self.query_one(Input).value,
                                  Role(self.query_one(Select).value))


class NewMeetingScreen(Screen):
    HELP = _("Fill in the meeting. Participants each get a role; one is the chair. The agenda "
             "has one item per line; the line that starts with 'Case review' is the case "
             "review, for which you pick a case and a method. **ctrl+s** plans the meeting.")
    BINDINGS = [
        Binding("ctrl+s", "plan", _("Plan")),
        Binding("ctrl+r", "plan_and_start", _("Plan and start")),
        Binding("ctrl+a", "add_participant", _("Add participant")),
        Binding("escape", "leave", _("Back")),
    ]

    def compose(self) -> ComposeResult:
        store = self.app.store
        yield Header()
        with VerticalScroll(id="new-meeting"):
            yield Label(_("Title"))
            yield Input(id="title", placeholder=_("e.g. Moral case deliberation, November"))
            yield Static(classes="problem", id="problem-title")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label(_("Group"))
                    yield Input(id="group", suggester=SuggestFromList(
                        [g.name for g in store.groups()], case_sensitive=False))
                    yield Static(classes="problem", id="problem-group")
                with Vertical():
                    yield Label(_("Date"))
                    yield Input(self.app.today().strftime("%d-%m-%Y"), id="date")
                    yield Static(classes="problem", id="problem-date")
                with Vertical():
                    yield Label(_("Start time"))
                    yield Input(id="start_time", placeholder="9:30")
                    yield Static(classes="problem", id="problem-start_time")
            yield Label(_("Location"))
            yield Input(id="location")
            yield Label(_("Participants"))
            with Vertical(id="participants"):
                yield ParticipantRow(Role.CHAIR)
                yield ParticipantRow(Role.SECRETARY)
                yield ParticipantRow(Role.CASE_OWNER)
                yield ParticipantRow(Role.PARTICIPANT)
            yield Button(_("Add participant"), id="add-participant")
            yield Static(classes="problem", id="problem-participants")
            yield Label(_("Agenda (one item per line)"))
            yield TextArea("\n".join(i.title for i in default_agenda()), id="agenda")
            yield Static(classes="problem", id="problem-agenda")
            yield Label(_("Case"))
            with Horizontal(classes="row"):
                yield Select([(term(k.value), k.value) for k in CaseKind], id="case-kind",
                             prompt=_("Every kind"))
                yield Select(self._case_options(None), id="case", prompt=_("Pick a case"))
            yield Static(classes="problem", id="problem-case")
            yield Markdown(id="case-preview-new")
            yield Label(_("Method"))
            yield Select(self._method_options(None), id="method", prompt=_("Pick a method"))
            yield Static(classes="problem", id="problem-method")
            with Horizontal(classes="buttons"):
                yield Button(_("Plan"), variant="primary", id="plan")
                yield Button(_("Plan and start"), variant="success", id="plan-and-start")
        yield Footer()

    def _case_options(self, kind: str | None):
        return [(case.title, case.id) for case in self.app.store.cases(kind=kind)]

    def _method_options(self, suggested: str | None):
        methods = self.app.methods.sorted()
        methods.sort(key=lambda m: m.id != suggested)
        return [(pick(m.name), m.id) for m in methods]

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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"add-participant": self.action_add_participant, "plan": self.action_plan,
                   "plan-and-start": self.action_plan_and_start}
        if event.button.id in actions:
            actions[event.button.id]()

    def action_add_participant(self) -> None:
        row = ParticipantRow()
        self.query_one("#participants").mount(row)
        self.call_after_refresh(lambda: row.query_one(Input).focus())

    def plan(self) -> MeetingPlan:
        value = lambda id: self.query_one(f"#{id}", Input).value  # noqa: E731
        case = self.query_one("#case", Select).value
        method = self.query_one("#method", Select).value
        return MeetingPlan(
            title=value("title"), group_name=value("group"), date=value("date"),
            start_time=value("start_time"), location=value("location"),
            participants=[row.planned() for row in self.query(ParticipantRow)],
            agenda=parse_agenda(self.query_one("#agenda", TextArea).text,
                                None if case == Select.NULL else case,
                                None if method == Select.NULL else method),
        )

    def _save(self) -> str | None:
        plan = self.plan()
        problems = check_plan(plan, self.app.store, self.app.methods)
        for static in self.query(".problem"):
            static.update(problems.get(static.id.removeprefix("problem-"), ""))
        if problems:
            self.notify(_("The meeting is not planned yet: see the fields in red."),
                        severity="warning")
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
