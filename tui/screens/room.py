"""The room on the shared screen (issue 26): the join address and its QR code, how many
joined and have written (who, never what), and the chair's keys: reveal the round, show
the case in the room, open it to the local network, free a name, close the room.

The room's server is a child process (`livinglab.room.process`); the runner holds it
(`runner/room.py`), so the room stays open while the chair goes back to the meeting.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, ListItem, ListView

from livinglab.i18n import N_, _

from ..widgets.dialogs import ConfirmDialog
from ..widgets.keybar import KeyBar
from ..widgets.text import Plain
from .base import LabScreen

REFRESH_EVERY = 1  # seconds: the counts follow the phones


class RoomScreen(LabScreen):
    HELP = N_("The meeting's room: each participant opens the address (or scans the code) "
              "on their own phone or laptop, picks their name, and writes their own round "
              "in the steps that ask each person; the list shows who has written, never "
              "what. **r** reveals what was written in the step on screen: it becomes the "
              "step's answers, as if the secretary typed them. **c** shows or hides the "
              "case on the participants' pages (never the notes for the facilitator). **n** "
              "opens the room to the local network, or back to this computer only. "
              "**enter** on a name frees it, for another device. **x** closes the room: "
              "every address and device stops working. **escape** goes back to the "
              "meeting; the room stays open until it is closed, the meeting ends or the "
              "app quits.")
    CSS = """
    #room-body { height: 1fr; }
    #room-qr { width: auto; height: auto; padding: 0 1 0 0; }
    #room-side { width: 1fr; height: 1fr; }
    /* The address on one line of its own, under the code: it is typed as well as scanned. */
    #room-address { height: auto; text-style: bold; }
    #room-where { height: auto; }
    #room-counts { height: auto; margin-top: 1; }
    #room-people { height: 1fr; margin-top: 1; }
    #room-people > ListItem { height: 1; }
    """
    BINDINGS = [
        Binding("escape", "back", N_("Meeting"), tooltip=N_("Back to the meeting; the room "
                                                            "stays open")),
        Binding("r", "reveal", N_("Reveal"), tooltip=N_("Reveal what was written in this step")),
        Binding("c", "toggle_case", N_("Case"),
                tooltip=N_("Show or hide the case on the participants' pages")),
        Binding("n", "network", N_("Network"),
                tooltip=N_("Open the room to the local network, or to this computer only")),
        Binding("x", "close_room", N_("Close room"),
                tooltip=N_("Close the room: every address and device stops working")),
    ]

    def __init__(self, runner):
        super().__init__()
        self.runner = runner
        self.people: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="room-body"):
            yield Plain("", id="room-qr")
            with Vertical(id="room-side"):
                yield Plain("", id="room-where")
                yield Plain("", id="room-counts")
                yield ListView(id="room-people")
        yield Plain("", id="room-address")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:  # LabScreen's own on_mount runs too (Textual calls each)
        self.sub_title = _("The room")
        self.show_address()
        self.call_after_refresh(self.refresh_counts)
        self.set_interval(REFRESH_EVERY, self.refresh_counts)
        self.query_one("#room-people").focus()

    def show_address(self) -> None:
        from livinglab.room.qr import qr_lines

        room = self.runner.room
        if room is None:
            return
        self.query_one("#room-qr", Plain).update("\n".join(qr_lines(room.address)))
        local = room.host == "127.0.0.1"
        self.query_one("#room-address", Plain).update(room.address)
        self.query_one("#room-where", Plain).update(
            _("This computer only: n opens it to the local network.") if local
            else _("Open on the local network."))

    def refresh_counts(self) -> None:
        from livinglab.room import rooms

        runner = self.runner
        if runner.room is None or not runner.room.running:
            return
        store, workshop = self.app.store, runner.workshop
        try:
            room = rooms.get_room(store, runner.room_id)
            here = rooms.where(store, workshop.session.id, self.app.methods)
            joined, written, pending = rooms.counts(store, room, here)
            people = rooms.people_present(store, workshop.session.id)
            claimed = rooms.claimed(store, room)
            wrote = rooms.who_has_written(store, here) if here else set()
            rated, figure = rooms.rating_figure(store, workshop.item.id)
        except Exception:  # noqa: BLE001 - a busy file: the counts follow at the next look
            return
        lines = [_("Joined: {joined} of {count}").format(joined=joined, count=len(people))]
        if here is not None and here.own_fields:
            lines.append(_("Written in this step: {written}; to reveal: {pending}").format(
                written=written, pending=pending))
        if here is not None and here.evaluation:
            lines.append(_("Evaluations: {count}").format(count=rated) + (
                "; " + _("the group's rating: {figure}").format(figure=f"{figure:.1f}")
                if figure is not None else ""))  # a figure only from three answers on
        if room.case_shown:
            lines.append(_("The case is shown in the room."))
        self.query_one("#room-counts", Plain).update("\n".join(lines))
        marks = [(pid, name, pid in claimed, pid in wrote) for pid, name in people]
        if marks != self.people:
            self.people = marks
            view = self.query_one("#room-people", ListView)
            index = view.index
            view.clear()
            for pid, name, joined_here, has_written in marks:
                mark = ("✎ " if has_written else "✓ ") if joined_here else "· "
                state = (_("written") if has_written else _("joined")) if joined_here \
                    else _("not joined")
                view.append(ListItem(Plain(f"{mark}{name} — {state}"), name=pid))
            if index is not None:
                view.index = min(index, len(marks) - 1)

    def action_back(self) -> None:
        self.app.pop_screen()

    async def action_reveal(self) -> None:
        count = await self.runner.reveal_room()
        self.notify(_("Revealed: the answers of {count} people.").format(count=count)
                    if count else _("Nothing new to reveal in this step."))
        self.refresh_counts()

    def action_toggle_case(self) -> None:
        from livinglab.room import rooms

        room = rooms.get_room(self.app.store, self.runner.room_id)
        rooms.show_case(self.app.store, room.id, not room.case_shown)
        self.refresh_counts()

    async def action_network(self) -> None:
        await self.runner.reopen_room(local=self.runner.room.host == "127.0.0.1")
        if self.runner.room is None:
            self.app.pop_screen()
            return
        self.show_address()

    def action_close_room(self) -> None:
        self.runner.close_room()
        self.notify(_("The room is closed: its address and every device stopped working."))
        self.app.pop_screen()

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        pid = event.item.name
        name = next((n for p, n, *_rest in self.people if p == pid), "")
        if not any(p == pid and joined for p, _n, joined, _w in self.people):
            self.notify(_("{name} has not joined.").format(name=name))
            return

        def free(yes: bool | None) -> None:
            if yes:
                from livinglab.room import rooms

                rooms.free_name(self.app.store, self.runner.room_id, pid)
                self.refresh_counts()

        self.app.push_screen(ConfirmDialog(
            _("Free the name {name}? The device that has it is let go; another can take "
              "it.").format(name=name), _("Free")), free)
