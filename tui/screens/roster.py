"""The group outside a meeting: its roster and its region. People join (with discipline
and organisation) and leave; who left stays in old minutes and is no longer offered for
new meetings. The region's municipalities are the places the group's shareable text may
name (issue 24), kept by the same function as `livinglab privacy places`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Header, Input, ListItem, ListView

from livinglab.i18n import N_, _, format_date
from livinglab.meeting.planning import DISCIPLINES, join_group, leave_group, save_person_details
from livinglab.meeting.region import parse_places, places_problem, region_places, set_region_places

from ..widgets.keybar import KeyBar
from ..widgets.text import LineInput, Plain
from .base import NOT_STORED, LabScreen, store_write
from livinglab.meeting import queries as meeting_queries
from livinglab.models import Group


class RosterScreen(LabScreen):
    HELP = N_("The group's members. Type a name (and, if you like, a discipline and an "
              "organisation) in the fields below and press **enter** to add someone. "
              "**ctrl+t** records that the member with the cursor has left the group today: "
              "old minutes keep their name. Below, the municipalities of the group's region, "
              "comma-separated: the places its shareable minutes may name (every other place "
              "is replaced); **enter** there, or the button, saves them. **escape** goes "
              "back.")
    CSS = """
    #roster { padding: 0 1; height: 1fr; }
    #members { height: 1fr; border: round $primary-background; }
    #roster .row LineInput { width: 1fr; margin-right: 1; }
    #roster .row Button { width: auto; min-width: 10; }
    """
    BINDINGS = [
        Binding("ctrl+t", "leave_group", N_("Left the group"),
                tooltip=N_("The member with the cursor has left the group today"),
                priority=True),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, group_id: str):
        super().__init__()
        self.group_id = group_id
        self.member_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="roster"):
            yield Plain(_("Members"), classes="label")
            yield ListView(id="members")
            yield Plain(_("Someone joins: name, discipline, organisation, then enter"),
                        classes="label")
            with Horizontal(classes="row"):
                yield LineInput(id="member-name", placeholder=_("Name"), compact=True)
                yield LineInput(id="member-discipline", placeholder=_("Discipline"), compact=True,
                                suggester=SuggestFromList(DISCIPLINES, case_sensitive=False))
                yield LineInput(id="member-organisation", placeholder=_("Organisation"),
                                compact=True)
            yield Plain(_("Municipalities of the region (comma-separated), then enter"),
                        classes="label")
            with Horizontal(classes="row"):
                yield LineInput(", ".join(region_places(self.app.store, self.group_id)),
                                id="region", compact=True,
                                placeholder=_("e.g. Schagen, Hollands Kroon, Den Helder"))
                yield Button(_("Save region"), id="save-region", classes="small",
                             compact=True)
        yield KeyBar()

    async def on_mount(self) -> None:
        group = self.app.store.get(Group, self.group_id)
        self.sub_title = _("Roster of {group}").format(group=group.name)
        await self.show_members()
        self.query_one("#members").focus()

    async def show_members(self) -> None:
        members = meeting_queries.roster(self.app.store, self.group_id)
        self.member_ids = [m.id for m, _p in members]
        rows = []
        for member, person in members:
            parts = [person.name, person.discipline or "", person.organisation or ""]
            if member.joined_on:
                parts.append(_("since {date}").format(date=format_date(member.joined_on)))
            if member.left_on:
                parts.append(_("left {date}").format(date=format_date(member.left_on)))
            rows.append(ListItem(Plain(" · ".join(p for p in parts if p))))
        members_list = self.query_one("#members", ListView)
        await members_list.clear()
        await members_list.extend(rows)
        members_list.index = 0 if rows else None

    @on(Input.Submitted, "#region")
    @on(Button.Pressed, "#save-region")
    def save_region(self, event) -> None:
        """The group's region becomes the places typed, as `privacy places` keeps them."""
        event.stop()
        field = self.query_one("#region", Input)
        places = parse_places(field.value)
        problem = places_problem(places)
        if problem:
            self.notify(problem, severity="error", markup=False)
            field.focus()
            return
        if store_write(self, set_region_places, self.app.store, self.group_id,
                       places) is NOT_STORED:
            return  # what was typed stays: enter again tries again
        kept = region_places(self.app.store, self.group_id)
        field.value = ", ".join(kept)
        group = self.app.store.get(Group, self.group_id)
        self.notify(_("Region of {group}: {places}").format(
            group=group.name, places=", ".join(kept)) if kept else
            _("The region of {group} keeps no places now.").format(group=group.name),
            markup=False)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "region":  # the region's own (`save_region`)
            return
        value = lambda id: self.query_one(f"#member-{id}", Input).value  # noqa: E731
        if not value("name").strip():
            self.query_one("#member-name").focus()
            return
        if store_write(self, self.add_member, value("name"), value("discipline"),
                       value("organisation")) is NOT_STORED:
            return  # what was typed stays: enter again tries again
        for id in ("name", "discipline", "organisation"):
            self.query_one(f"#member-{id}", Input).value = ""
        await self.show_members()
        self.query_one("#member-name").focus()

    def add_member(self, name: str, discipline: str, organisation: str) -> None:
        store = self.app.store
        with store.transaction():
            person = save_person_details(store, name, organisation, discipline)
            join_group(store, store.get(Group, self.group_id), person, self.app.today())

    async def action_leave_group(self) -> None:
        members = self.query_one("#members", ListView)
        if members.index is None or not self.member_ids:
            return
        if store_write(self, leave_group, self.app.store, self.member_ids[members.index],
                       self.app.today()) is NOT_STORED:
            return
        index = members.index
        await self.show_members()
        members.index = index
        members.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
