"""`room`: open a running meeting's room, for participants on their own devices."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .. import i18n
from ..i18n import N_, _
from .common import UserError, command, echo, option

if TYPE_CHECKING:
    from ..launch import Config


def running_meeting(store, ref: str | None):
    """The meeting asked for, or the one running now (the one whose app beat last)."""
    from ..meeting import queries as meeting_queries
    from ..models import SessionStatus

    if ref is not None:
        from ..models import Session

        # A practice run is no meeting of a group, so no reference finds it; its whole id
        # (the app's, for students practising in a group) opens its room.
        return store.get(Session, ref) or meeting_queries.find_session(store, ref)
    running = meeting_queries.sessions(store, SessionStatus.RUNNING)
    if not running:
        raise UserError(_("no meeting is running: start it in the app, then open its room"))
    beats = {s.id: meeting_queries.heartbeat(store, s.id) for s in running}
    return max(running, key=lambda s: beats[s.id].beat_at.timestamp() if beats[s.id] else 0)


@command("room")
@click.argument("meeting_ref", metavar="[MEETING]", required=False)
@option("--host", default="127.0.0.1", show_default=True,
        help=N_("The address to listen on. 127.0.0.1: this computer only; the laptop's "
                "address on the room's network (or 0.0.0.0) lets phones join."))
@option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
        help=N_("The port to listen on (0: any free one)."))
@option("--watch-pid", type=int, hidden=True)  # the app that started it: its end closes it
@click.pass_obj
def room(config: Config, meeting_ref: str | None, host: str, port: int,
         watch_pid: int | None) -> None:
    # Opens the meeting's room: a page for each participant's own device. Prints the join
    # address first (the app reads it from there), then serves until the room closes.
    from ..models import SessionStatus
    from ..room.serve import open_and_bind, serve

    # By hand it checks the file as every writing command does; started by the app, which
    # has the file open and writing, it starts at once (the check reads every page).
    store = config.store(write=watch_pid is None)
    session = running_meeting(store, meeting_ref)
    if session.status != SessionStatus.RUNNING:
        raise UserError(_("the meeting {title} is not running: start it in the app, then "
                          "open its room").format(title=session.title))
    try:
        opened = open_and_bind(store, session.id, host, port)
    except OSError as e:
        raise UserError(_("cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=i18n.os_reason(e))) from None
    echo(opened.address)
    if watch_pid is None:
        echo(_("The room of {title} is open; ctrl+c closes it. Anyone with this address "
               "can join while it is open.").format(title=session.title), err=True)
    sys.stdout.flush()
    serve(store, opened, i18n.language(), config.methods(), watch_pid)
