"""The runner's hook into the room (issue 26): its key opens the room (a child process,
see `livinglab.room.process`) and shows it (`screens.room.RoomScreen`); the room closes
when the chair closes it, leaves or ends the meeting, or quits (the runner unmounts)."""

from __future__ import annotations

from livinglab.i18n import _


class RoomKeys:
    """What a `RunnerScreen` does with the meeting's room."""

    room = None  # the RoomProcess while the room is open
    room_id: str | None = None

    # A practice run opens its room too (students practising in a group each write their
    # own round): its reveal goes through the practice workshop, which feeds no memory.

    async def action_room(self) -> None:
        from ..room import RoomScreen

        if self.workshop.is_correcting:
            self.notify(_("The room opens only while the meeting runs."), severity="warning")
            return
        if self.room is None or not self.room.running:
            await self.open_room(local=False)
        if self.room is not None:
            self.app.push_screen(RoomScreen(self))

    async def open_room(self, local: bool) -> None:
        """Start the room's server (in a thread: it takes a second to import and bind)."""
        from textual.worker import WorkerFailed

        from livinglab.room.process import RoomFailed, start_room
        from livinglab.room.serve import DEFAULT_HOST, DEFAULT_PORT, local_address

        host = local_address() if local else DEFAULT_HOST
        self.flush()
        store_path, session_id = self.app.store.path, self.workshop.session.id
        started, problem = None, ""
        for port in (DEFAULT_PORT, 0):  # the usual port, else any free one
            worker = self.run_worker(lambda p=port: start_room(store_path, session_id, host, p),
                                     thread=True, exit_on_error=False)
            try:
                started = await worker.wait()
                break
            except WorkerFailed as e:
                problem = str(e.error)
                if not isinstance(e.error, RoomFailed):
                    break
        if started is None:
            self.notify(_("The room did not open: {reason}").format(reason=problem),
                        severity="error", markup=False)
            return
        self.room = started
        found = self.app.store.query("select id from room_rooms where session_id = ? and "
                                     "closed_at is null", [session_id])
        self.room_id = found[0][0] if found else None

    async def reopen_room(self, local: bool) -> None:
        self.close_room()
        await self.open_room(local)

    def close_room(self) -> None:
        if self.room is not None:
            self.room.stop()
        if self.room_id is not None:
            from livinglab.room import rooms

            try:
                rooms.close_room(self.app.store, self.room_id)
            except Exception:  # noqa: BLE001, S110 - the child closed it as it ended
                pass
        self.room = self.room_id = None

    async def reveal_room(self) -> int:
        """The step's own round, revealed through the workshop; the step shows it."""
        from livinglab.room import rooms

        self.flush()
        count = rooms.reveal(self.app.store, self.workshop)
        if count:
            await self.show_position()
        return count

    def on_unmount(self) -> None:
        self.close_room()
