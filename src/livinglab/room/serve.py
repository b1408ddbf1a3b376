"""Serving a room: the socket, uvicorn, the join address, and the end of the room.

`livinglab room` runs this in its own process, and so does the chair's app (it starts that
command as a child process and reads the join address from its first line of output):
the server shares nothing with the app but the SQLite file, and a busy room never takes
a keystroke's time from the chair. The server stops, and the room closes, when the chair
closes it in the app (the row says so), when the meeting is no longer running, when the
process that started it ends (`watch_pid`), or on ctrl+c.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
from dataclasses import dataclass

from ..methods import MethodLibrary
from ..models import Session, SessionStatus
from ..storage.store import Store, StoreError
from . import rooms

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
WATCH_EVERY = 0.5  # seconds between two looks at whether the room is still open


@dataclass(frozen=True)
class Opened:
    room: rooms.Room
    token: str
    sock: socket.socket
    address: str  # the join address, with the token


def local_address() -> str:
    """This machine's address on the local network (the one a route out would use), or
    the loopback address when there is no network. No packet is sent."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, nothing is sent
        return probe.getsockname()[0]
    except OSError:
        return DEFAULT_HOST
    finally:
        probe.close()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 takes a free one. OSError when it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP said out loud: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on
    # sockets that say so. Without it every answer on a kept-alive connection waited 40 ms
    # for the phone's delayed acknowledgement of its headers.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def join_address(host: str, port: int, token: str) -> str:
    shown = host
    try:
        if ipaddress.ip_address(host).is_unspecified:
            shown = local_address()
        if ipaddress.ip_address(shown).version == 6:
            shown = f"[{shown}]"
    except ValueError:
        pass  # a host name: shown as given
    return f"http://{shown}:{port}/r/{token}/"


def open_and_bind(store: Store, session_id: str, host: str = DEFAULT_HOST,
                  port: int = DEFAULT_PORT) -> Opened:
    """Bind first (a taken port opens no room), then open the room."""
    sock = bind(host, port)
    try:
        room, token = rooms.open_room(store, session_id)
    except BaseException:
        sock.close()
        raise
    return Opened(room, token, sock, join_address(host, sock.getsockname()[1], token))


def still_open(store: Store, room_id: str, watch_pid: int | None) -> bool:
    if watch_pid is not None and not _alive(watch_pid):
        return False
    try:
        room = rooms.get_room(store, room_id)
        session = store.get(Session, room.session_id) if room else None
    except StoreError:
        return True  # a busy file: look again in a moment
    return bool(room and not room.closed and session
                and session.status == SessionStatus.RUNNING)


def _alive(pid: int) -> bool:
    if os.getppid() != pid:  # our parent ended (we were handed to init)
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def serve(store: Store, opened: Opened, lang: str, methods: MethodLibrary | None = None,
          watch_pid: int | None = None) -> None:
    """Serve the room until it closes (see the module's doc); the room is closed after."""
    import uvicorn

    from .server import make_app

    app = make_app(store, lang, methods)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            server_header=False, date_header=False, log_config=None,
                            timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)

    async def watch() -> None:
        while not server.should_exit:
            await asyncio.sleep(WATCH_EVERY)
            if not still_open(store, opened.room.id, watch_pid):
                server.should_exit = True

    async def main() -> None:
        watcher = asyncio.ensure_future(watch())
        try:
            await server.serve(sockets=[opened.sock])
        finally:
            watcher.cancel()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    finally:
        try:
            rooms.close_room(store, opened.room.id)
        except StoreError:
            pass
        opened.sock.close()
