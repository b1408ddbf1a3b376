"""The room served beside the chair's app: `livinglab room` as a child process.

Why a process and not a thread in the app: the room then shares nothing with the app but
the SQLite file (as `follow` does), forty phones polling never take a keystroke's time
from the chair (no shared interpreter lock, a core of its own), and the server is the
very command a chair can run by hand. The child is told the app's process id and stops,
closing the room, when the app is gone, even after a crash; the app stops it when the
chair closes the room, leaves or ends the meeting, or quits.
"""

from __future__ import annotations

import os
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import i18n

START_WITHIN = 20  # seconds for the child to print its address (imports on a busy laptop)


class RoomFailed(Exception):
    """The room did not open: the child's own one-line reason."""


@dataclass
class RoomProcess:
    process: subprocess.Popen
    address: str
    host: str
    _drain: threading.Thread | None = field(default=None, repr=False)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Ends the server; the child closes the room as it ends."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._drain is not None:
            self._drain.join(2)  # it ends at the child's end of output
        for stream in (self.process.stdout, self.process.stderr):
            if stream:
                stream.close()


def room_command(db_path: Path, session_id: str, host: str, port: int,
                 program: list[str] | None = None) -> list[str]:
    from ..meeting.follow import this_program

    return [*(program or this_program()), "--db", str(db_path), "--lang", i18n.language(),
            "room", session_id, "--host", host, "--port", str(port),
            "--watch-pid", str(os.getpid())]


def start_room(db_path: Path, session_id: str, host: str, port: int,
               program: list[str] | None = None) -> RoomProcess:
    """Start the room's server and wait for its join address; RoomFailed with the
    child's reason when it does not open (a taken port, a meeting not running)."""
    process = subprocess.Popen(
        room_command(Path(db_path).absolute(), session_id, host, port, program),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True)
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(process.stdout.readline()),
                              daemon=True)
    reader.start()
    reader.join(START_WITHIN)
    address = found[0].strip() if found else ""
    if not address.startswith("http://"):
        if process.poll() is None:
            process.kill()
        try:
            _out, err = process.communicate(timeout=5)
        except (subprocess.TimeoutExpired, ValueError):
            err = ""
        reason = (err or "").strip().splitlines()[-1:] or [""]
        raise RoomFailed(reason[0].removeprefix("livinglab: ").strip())

    def drain() -> None:  # the child's warnings must never fill a pipe and stop it
        try:
            for _line in process.stderr:
                pass
        except (OSError, ValueError):  # closed by `stop`: nothing more to read
            pass

    drainer = threading.Thread(target=drain, daemon=True)
    drainer.start()
    return RoomProcess(process, address, host, drainer)
