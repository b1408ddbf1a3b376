"""New meeting (and editing a planned one): group, date, people with their roles and
disciplines, and the agenda, one row per item with its kind; every case review on the
agenda has its own case and method."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Header, Input, Select

from livinglab.i18n import N_, _, format_date, pick, term
from livinglab.models import AgendaKind, MethodKind, Role, Session
from livinglab.meeting.planning import (
    DISCIPLINES, MeetingPlan, PlannedItem, PlannedParticipant, check_plan, create_meeting,
    default_agenda, find_group, offer_people, plan_of, update_meeting,
)
from livinglab.meeting.region import region_places

from ..widgets.keybar import KeyBar
from ..widgets.text import CompletingInput, LineInput, Plain, plain
from .base import NOT_STORED, LabScreen, start_on_its_day, store_write
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries

# The form's own fields, each with its red line "problem-<id>" under it.
FIELDS_BY_ID = ("title", "group", "date", "start_time", "region")

# The case list's first choice: no case, the group words its own slow question.
OWN_QUESTION = "-"


# What each problem of `check_plan` is about, named as its label on the form says it.
FIELD_NAMES = {"title": N_("Title"), "group": N_("Group"), "date": N_("Date"),
               "start_time": N_("Start time"), "region": N_("Municipalities of the region"),
               "participants": N_("Participants"),
               "agenda": N_("Agenda"), "case": N_("Case"), "method": N_("Method")}


class FormSelect(Select):
    """A list of the form that opens in the form: never over the key bar. Textual puts the
    open list below its field, moved up as far as it must to stay on the screen, so a
    field near the bottom opened over the keys (and, with room for a few options only,
    over the fields below). The form scrolls to make room below the field first; the
    list is no higher than the room there is."""

    TALLEST = 12  # Textual's own most, its border included

    def watch_expanded(self, expanded: bool) -> None:
        if not expanded:
            return
        form = next((a for a in self.ancestors if a.id == "new-meeting"), None)
        if form is None:
            return
        wanted = min(self.TALLEST, len(self._options) + 2)
        room = form.region.bottom - self.region.bottom
        if room < wanted:
            step = min(wanted - room, max(0, form.max_scroll_y - round(form.scroll_y)))
            form.scroll_relative(y=step, animate=False, immediate=True)
            room += step
        self.query_one("SelectOverlay").styles.max_height = max(3, min(wanted, room))


class ParticipantRow(Horizontal):
    def __init__(self, planned: PlannedParticipant | None = None):
        super().__init__(classes="participant-row")
        self.planned_as = planned or PlannedParticipant("")

    def compose(self) -> ComposeResult:
        p = self.planned_as
        yield LineInput(p.name, placeholder=_("Name"), compact=True, classes="participant-name")
        yield FormSelect([(term(role), role.value) for role in Role], value=p.role.value,
                     allow_blank=False, compact=True, classes="participant-role")
        yield LineInput(p.discipline, placeholder=_("Discipline"), compact=True,
                        classes="participant-discipline",
                        suggester=SuggestFromList(DISCIPLINES, case_sensitive=False))

    def planned(self) -> PlannedParticipant:
        name, discipline = self.query(Input)
        return PlannedParticipant(name.value, Role(self.query_one(Select).value),
                                  self.planned_as.attendance, self.planned_as.organisation,
                                  discipline.value)


class AgendaRow(Vertical):
    """One agenda item: its title and kind; a case review also its case and method."""

    def __init__(self, item: PlannedItem | None = None):
        super().__init__(classes="agenda-row")
        self.item = item or PlannedItem("")

    def compose(self) -> ComposeResult:
        item, screen = self.item, self.screen
        cases = screen.case_options()
        known = {value for _label, value in cases}
        with Horizontal(classes="agenda-line"):
            yield LineInput(item.title, placeholder=_("Agenda item"), compact=True,
                            classes="agenda-title")
            yield FormSelect([(term(kind), kind.value) for kind in AgendaKind],
                         value=item.kind.value, allow_blank=False, compact=True,
                         classes="agenda-kind")
        own = item.kind == AgendaKind.CASE_REVIEW and not item.case_id and item.method_id
        with Vertical(classes="review-line"):
            yield FormSelect(cases, value=item.case_id if item.case_id in known
                             else OWN_QUESTION if own else Select.NULL,
                             prompt=_("Pick a case"), compact=True, classes="agenda-case")
            yield FormSelect(screen.method_options(None), value=item.method_id or Select.NULL,
                         prompt=_("Pick a method"), compact=True, classes="agenda-method")

    def on_mount(self) -> None:
        self.show_review_line()

    def show_review_line(self) -> None:
        kind = self.query_one(".agenda-kind", Select).value
        self.query_one(".review-line").display = kind == AgendaKind.CASE_REVIEW.value

    def planned(self) -> PlannedItem:
        value = lambda cls: self.query_one(cls, Select).value  # noqa: E731
        case, method = value(".agenda-case"), value(".agenda-method")
        return PlannedItem(self.query_one(".agenda-title", Input).value,
                           AgendaKind(value(".agenda-kind")),
                           None if case in (Select.NULL, OWN_QUESTION) else case,
                           None if method == Select.NULL else method)


class NewMeetingScreen(LabScreen):
    # The title is focused as the form mounts (home waits for that before the keys typed
    # after `n`), without scrolling: Textual's auto focus scrolls to the field before the
    # form's layout is done, which hid the title's label.
    AUTO_FOCUS = ""
    HELP = N_("Fill in the meeting; the cursor starts at the title and **tab** moves to the "
              "next field. Participants each get a role (one is the chair) and, if you like, "
              "their discipline; typing a known group offers its members who were at its last "
              "meeting (a guest, role *guest*, is not put on the group's roster) and the "
              "municipalities of its region. Those municipalities (comma-separated) are the "
              "places the group's shareable minutes may name; every other place is replaced. "
              "Each agenda item has a kind; every case review gets its own case and method. "
              "**ctrl+n** adds a row where the cursor is (a participant or an agenda item), "
              "**ctrl+r** removes it. **ctrl+s** plans the meeting, **ctrl+g** plans and "
              "starts it; editing a planned meeting, **ctrl+t** deletes it.")
    CSS = """
    #new-meeting { padding: 0 1; height: 1fr; }
    #new-meeting .label { margin-top: 1; text-style: bold; }
    #new-meeting Select { width: 1fr; }
    .row > Vertical { height: auto; width: 1fr; margin-right: 1; }
    .row > Vertical.narrow { width: 18; }  /* a date dd-mm-yyyy whole, inside the border */
    #participants { height: auto; }
    .participant-row { height: 1; margin-bottom: 1; }
    .participant-name { width: 1fr; margin-right: 1; }
    .participant-discipline { width: 1fr; margin-left: 1; }
    #new-meeting .participant-role { width: 18; }
    #new-meeting #agenda { height: auto; }
    .agenda-row { height: auto; margin-bottom: 1; }
    .agenda-line { height: 1; }
    /* The case and the method each on a line of its own, their names whole at 80
       columns (side by side, each was cut after some 30 letters). */
    .review-line { height: auto; padding-left: 2; }
    .agenda-title { width: 1fr; margin-right: 1; }
    #new-meeting .agenda-kind { width: 30; }
    #new-meeting .agenda-case { width: 1fr; }
    #new-meeting .agenda-method { width: 1fr; }
    /* An open list's edge: without one its options ran into the words of the line below
       ("RoAchttien worden ...", two walkers read "Ro" as part of the case's title). */
    FormSelect > SelectOverlay { border-left: tall $accent; }
    """
    BINDINGS = [
        Binding("ctrl+s", "plan", N_("Plan"), priority=True),
        Binding("ctrl+g", "plan_and_start", N_("Plan and start"), priority=True),
        Binding("ctrl+n", "add_row", N_("Add row"),
                tooltip=N_("Add a participant or an agenda item, where the cursor is"),
                priority=True),
        Binding("ctrl+r", "remove_row", N_("Remove row"),
                tooltip=N_("Remove the participant or agenda item with the cursor"),
                priority=True),
        Binding("ctrl+t", "delete_meeting", N_("Delete meeting"),
                tooltip=N_("Delete this planned meeting"), priority=True),
        Binding("escape", "leave", N_("Back")),
    ]

    def __init__(self, session_id: str | None = None):
        super().__init__()
        self.session_id = session_id  # editing a planned meeting, else a new one

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "delete_meeting":
            return self.session_id is not None
        return True

    def compose(self) -> ComposeResult:
        store = self.app.store
        plan = plan_of(store, self.session_id) if self.session_id else None
        # What the region field was given (the group's places): while it still holds
        # that, another group typed gives that group's (see `offer_region`).
        self.region_offered = plan.region or "" if plan else ""
        yield Header()
        with VerticalScroll(id="new-meeting"):
            yield Plain(_("Title"), classes="label")
            yield LineInput(plan.title if plan else "", id="title",
                            placeholder=_("e.g. Moral case deliberation, November"))
            yield Plain(classes="problem", id="problem-title")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Plain(_("Group"), classes="label")
                    yield CompletingInput(plan.group_name if plan else "", id="group",
                                    suggester=SuggestFromList([g.name for g in meeting_queries.groups(store)],
                                                              case_sensitive=False))
                    yield Plain(classes="problem", id="problem-group")
                with Vertical(classes="narrow"):
                    yield Plain(_("Date"), classes="label")
                    yield LineInput(plan.date if plan else format_date(self.app.today()),
                                    id="date")
                    yield Plain(classes="problem", id="problem-date")
                with Vertical(classes="narrow"):
                    yield Plain(_("Start time"), classes="label")
                    yield LineInput(plan.start_time if plan else "", id="start_time",
                                    placeholder=_("e.g. 9:30"))
                    yield Plain(classes="problem", id="problem-start_time")
            # The group's region (issue 24): what its shareable minutes may name.
            yield Plain(_("Municipalities of the region (comma-separated)"), classes="label")
            yield LineInput(self.region_offered, id="region",
                            placeholder=_("e.g. Schagen, Hollands Kroon, Den Helder"))
            yield Plain(classes="problem", id="problem-region")
            yield Plain(_("Location"), classes="label")
            yield LineInput(plan.location if plan else "", id="location")
            yield Plain(_("Participants: name, role and discipline (ctrl+n adds one, ctrl+r "
                          "removes one)"), classes="label")
            with Vertical(id="participants"):
                people = plan.participants if plan else [
                    PlannedParticipant("", role)
                    for role in (Role.CHAIR, Role.SECRETARY, Role.CASE_OWNER, Role.PARTICIPANT)]
                for person in people:
                    yield ParticipantRow(person)
            yield Button(_("Add participant"), id="add-participant", classes="small")
            yield Plain(classes="problem", id="problem-participants")
            yield Plain(_("Agenda: one row per item, with its kind (ctrl+n adds one)"),
                        classes="label")
            with Vertical(id="agenda"):
                for item in (plan.agenda if plan else default_agenda()):
                    yield AgendaRow(item)
            yield Plain(classes="problem", id="problem-agenda")
            yield Plain(classes="problem", id="problem-case")
            yield Plain(classes="problem", id="problem-method")
            with Horizontal(classes="buttons"):
                yield Button(_("Plan"), variant="primary", id="plan")
                yield Button(_("Plan and start"), variant="success", id="plan-and-start")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.session_id:
            self.sub_title = _("Edit a planned meeting")
        self.set_focus(self.query_one("#title"), scroll_visible=False)
        self.opened_with = self.form()

    def case_options(self):
        if not hasattr(self, "_cases"):  # read once: every agenda row offers the same cases
            # The kind with the title: which cases suit a dilemma method, which a tension.
            self._cases = [(f"{case.title} ({term(case.kind)})", case.id)
                           for case in case_queries.cases(self.app.store)]
        # First: no case, for a slow question the group words itself in the review.
        return [(plain(_("No case: the group's own slow question")), OWN_QUESTION)] + [
            (plain(title), id) for title, id in self._cases]

    def method_options(self, suggested: str | None):
        """Every method, always in one order (a walker's keys chose another method once a
        case moved its suggestion to the top); the case's suggestion is marked."""
        return [(plain(pick(m.name) + (f" ({_('suggested')})" if m.id == suggested else "")),
                 m.id) for m in self.app.methods.sorted()]

    @on(Input.Changed, "#group")
    async def offer_members(self, event: Input.Changed) -> None:
        """Typing a known group offers its members who were at its last meeting, while no
        name is typed; the note says who was left out, and why."""
        if self.session_id:
            return
        rows = list(self.query(ParticipantRow))
        if any(row.planned().name.strip() for row in rows):
            return
        group = find_group(self.app.store, event.value)
        offer = offer_people(self.app.store, event.value) if group else None
        if offer and offer.people:
            await self.query_one("#participants").remove_children()
            await self.query_one("#participants").mount_all(
                ParticipantRow(p) for p in offer.people)
            said = [_("The members who were at the group's last meeting are filled in.")]
            for names, why in ((offer.absent, _("Absent last time, not filled in: {names}.")),
                               (offer.guests, _("Guests, not filled in: {names}.")),
                               (offer.left, _("Left the group: {names}."))):
                if names:
                    said.append(why.format(names=", ".join(names)))
            self.notify(" ".join(said), markup=False)

    @on(Input.Changed, "#group")
    def offer_region(self, event: Input.Changed) -> None:
        """A known group typed: its region's places in their field, unless typed there."""
        region = self.query_one("#region", Input)
        if region.value != self.region_offered:  # the chair's own typing stays
            return
        group = find_group(self.app.store, event.value)
        self.region_offered = ", ".join(region_places(self.app.store, group.id)) if group else ""
        region.value = self.region_offered

    @on(Select.Changed, ".agenda-kind")
    def kind_chosen(self, event: Select.Changed) -> None:
        self.agenda_row_of(event.select).show_review_line()

    @on(Select.Changed, ".agenda-case")
    def case_chosen(self, event: Select.Changed) -> None:
        """A case's suggested method is marked, and chosen unless a method is already."""
        if event.value == Select.NULL:
            return
        if event.value == OWN_QUESTION:  # only a slow-question method goes without a case
            suggested = next((m.id for m in self.app.methods.sorted()
                              if m.kind == MethodKind.SLOW_QUESTION), None)
        else:
            suggested = case_queries.case(self.app.store, event.value).suggested_method
        method = self.agenda_row_of(event.select).query_one(".agenda-method", Select)
        chosen = method.value
        method.set_options(self.method_options(suggested))
        if chosen != Select.NULL and event.value != OWN_QUESTION:
            method.value = chosen  # the chair's own choice stays
        elif suggested and self.app.methods.get(suggested):
            method.value = suggested

    @on(Input.Changed)
    @on(Select.Changed)
    def clear_its_problem(self, event) -> None:
        """A field in red that is changed loses its red line: the line said what to do,
        and stayed after it was done (a case picked under 'pick a case')."""
        widget = event.control
        key = widget.id if widget.id in FIELDS_BY_ID else next(
            (key for cls, key in (("agenda-case", "case"), ("agenda-method", "method"),
                                  ("agenda-title", "agenda"), ("participant-name", "participants"),
                                  ("participant-role", "participants"))
             if widget.has_class(cls)), None)
        if key is not None:
            self.query_one(f"#problem-{key}", Plain).update("")

    @staticmethod
    def agenda_row_of(widget) -> AgendaRow:
        return next(a for a in widget.ancestors if isinstance(a, AgendaRow))

    @on(Button.Pressed, "#add-participant")
    async def add_participant_pressed(self) -> None:
        await self.add_participant()

    @on(Button.Pressed, "#plan")
    def plan_pressed(self) -> None:
        self.action_plan()

    @on(Button.Pressed, "#plan-and-start")
    def plan_and_start_pressed(self) -> None:
        self.action_plan_and_start()

    def _row_with_cursor(self, kind):
        focused = self.focused
        return next((a for a in (focused.ancestors if focused else []) if isinstance(a, kind)),
                    None)

    async def add_participant(self) -> None:
        row = ParticipantRow()
        await self.query_one("#participants").mount(row)
        row.query_one(Input).focus()

    async def action_add_row(self) -> None:
        current = self._row_with_cursor(AgendaRow)
        if current is None:
            await self.add_participant()
            return
        row = AgendaRow()
        await self.query_one("#agenda").mount(row, after=current)
        row.query_one(Input).focus()

    async def action_remove_row(self) -> None:
        for kind, container in ((ParticipantRow, "#participants"), (AgendaRow, "#agenda")):
            row = self._row_with_cursor(kind)
            if row is None:
                continue
            rows = list(self.query(kind))
            index = rows.index(row)
            await row.remove()
            rest = list(self.query(kind))
            if rest:
                rest[min(index, len(rest) - 1)].query_one(Input).focus()
            else:
                self.query_one("#add-participant" if kind is ParticipantRow else "#plan").focus()
            return
        self.notify(_("Put the cursor in the participant or agenda item to remove first."))

    def plan(self) -> MeetingPlan:
        value = lambda id: self.query_one(f"#{id}", Input).value  # noqa: E731
        return MeetingPlan(
            title=value("title"), group_name=value("group"), date=value("date"),
            start_time=value("start_time"), location=value("location"),
            region=value("region"),
            participants=[row.planned() for row in self.query(ParticipantRow)],
            agenda=[row.planned() for row in self.query(AgendaRow)],
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
            self.to_the_first_problem(problems, first_problem)
            return None
        if self.session_id:
            session = store_write(self, update_meeting, self.app.store, self.session_id, plan,
                                  self.app.methods)
        else:
            session = store_write(self, create_meeting, self.app.store, plan, self.app.methods)
        return None if session is NOT_STORED else session.id  # refused: the form stays

    def to_the_first_problem(self, problems: dict[str, str], first_problem) -> None:
        """The cursor to the first field with a problem, in the order of the form (it
        scrolls into sight as it gets the cursor), and a message that names it: the red
        text under a field below the fold said nothing to a person who could not see it."""
        fields = [(key, widget) for key in problems
                  if (widget := self.field_of(key)) is not None]
        chain = self.focus_chain
        fields.sort(key=lambda found: chain.index(found[1]) if found[1] in chain else 0)
        if fields:
            key, widget = fields[0]
            widget.focus(scroll_visible=False)
            # In the middle of the form's view: the red line under it in sight as well.
            form = self.query_one("#new-meeting")
            self.call_after_refresh(form.scroll_to_center, widget, animate=False)
        else:  # a problem without a field to type in (an agenda without items)
            key = next(iter(problems))
            if first_problem is not None:
                first_problem.scroll_visible()
        self.notify(_("Not planned yet. {field}: {problem}").format(
            field=_(FIELD_NAMES.get(key, key)), problem=problems[key]),
            severity="warning", markup=False)

    def field_of(self, key: str):
        """The field a problem of `check_plan` is about, where the cursor can go."""
        if key in FIELDS_BY_ID:
            return self.query_one(f"#{key}")
        if key == "participants":
            rows = list(self.query(ParticipantRow))
            named = [row for row in rows if row.planned().name.strip()]
            if named:  # named, none the chair: the role of the first
                return named[0].query_one(Select)
            return rows[0].query_one(Input) if rows else self.query_one("#add-participant")
        rows = list(self.query(AgendaRow))
        for row in rows:
            item = row.planned()
            if key == "agenda" and not item.title.strip():
                return row.query_one(".agenda-title")
            if item.kind != AgendaKind.CASE_REVIEW or not item.title.strip():
                continue
            if key == "case" and (item.case_id is None
                                  or case_queries.case(self.app.store, item.case_id) is None):
                return row.query_one(".agenda-case")
            if key == "method" and (item.method_id is None
                                    or self.app.methods.get(item.method_id) is None):
                return row.query_one(".agenda-method")
        return None

    def action_plan(self) -> None:
        if self._save():
            self.app.pop_screen()

    def action_plan_and_start(self) -> None:
        session_id = self._save()
        if session_id:
            from .runner import RunnerScreen

            # Planned for a later day: asked first; "no" keeps it planned, back home.
            start_on_its_day(self, self.app.store.get(Session, session_id),
                             lambda: self.app.switch_screen(RunnerScreen(session_id)),
                             otherwise=self.app.pop_screen)

    def action_delete_meeting(self) -> None:
        if not self.session_id:
            return
        from livinglab.meeting.planning import delete_meeting

        from ..widgets.dialogs import ConfirmDialog

        def delete(confirmed: bool | None) -> None:
            if confirmed and store_write(self, delete_meeting, self.app.store,
                                         self.session_id) is not NOT_STORED:
                self.app.pop_screen()

        self.app.push_screen(ConfirmDialog(_("Delete this planned meeting? Its plan is not "
                                             "kept."), _("Delete")), delete)

    def form(self) -> tuple:
        """Every value on the screen, in order: to tell whether anything was changed."""
        return tuple(widget.value for widget in self.query("Input, Select"))

    def holds_unsaved_typing(self) -> bool:
        """Anything typed or changed since the form opened: a plan is kept when planned."""
        return self.form() != self.opened_with

    def action_leave(self) -> None:
        if not self.holds_unsaved_typing():
            self.app.pop_screen()
            return
        from ..widgets.dialogs import ConfirmDialog

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.app.pop_screen()

        self.app.push_screen(ConfirmDialog(_("Leave without planning? What you typed here is "
                                             "not kept."), _("Leave")), leave)
