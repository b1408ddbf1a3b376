"""Following a running meeting from a second window (`livinglab follow`), read-only.

The chair types in the app; the group reads a second window on the projector, or a remote
participant reads along over SSH. The follow view opens the database with `mode=ro` (SQLite
refuses every write on that connection), polls `PRAGMA data_version`, which changes only
when another connection commits, and reads the rows again when it does. WAL lets this
reader run beside the writer without waiting for it.

The chair's app writes a heartbeat every second (`Workshop.beat`): where the meeting is and
when the step's timer started, as a moment of the real clock. So the time left needs
nothing from the chair's process, and a heartbeat gone quiet is told to the room instead of
a frozen screen being followed for ever.

What is shown is the participant view's shape (`views.step_markdown`), made from stored
rows only: the step's title, aim and guiding questions and what was captured. Never the
case's facilitator notes, the method's tips for the chair, or anything else of the case.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .. import i18n
from ..fields import RenderContext, empty_value, render_value
from ..i18n import _
from ..methods import MethodLibrary, resolve_method
from ..models import AgendaItem, Session, SessionStatus, Step
from ..storage.store import Store, StoreError
from ..storage.refs import short_id
from ..storage.schema import SCHEMA_VERSION
from ..models import Heartbeat
from ..text.markdown import block, inline
from . import queries as meeting_queries

HEARTBEAT_EVERY = 1  # seconds between the chair's app's beats
STOPPED_AFTER = 10  # seconds without a beat before the follow view says the app stopped
POLL_EVERY = 0.1  # seconds between two looks at PRAGMA data_version (a cheap read)

Clock = Callable[[], dt.datetime]


def real_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FollowProblem(Exception):
    """Why there is nothing to follow, in one line for the user."""


def open_read_only(path: str | os.PathLike[str]) -> Store:
    """The database opened for reading only; FollowProblem (one line) if it cannot be."""
    try:
        return Store(path, read_only=True)
    except StoreError as e:
        raise FollowProblem(str(e)) from None


class Phase(StrEnum):
    WAITING = "waiting"  # no meeting running yet (or the one asked for has not started)
    FOLLOWING = "following"
    FINISHED = "finished"  # the meeting followed has finished


@dataclass(frozen=True)
class TimerState:
    allowed_seconds: int
    elapsed_seconds: float
    running: bool

    @property
    def remaining_seconds(self) -> float:
        return self.allowed_seconds - self.elapsed_seconds

    @property
    def over(self) -> bool:
        return self.remaining_seconds < 0


@dataclass(frozen=True)
class FollowState:
    """What the follow view shows, read from the database at one moment."""

    phase: Phase
    session: Session | None = None
    item_title: str = ""
    item_number: int = 0
    item_count: int = 0
    step_number: int = 0  # 0 for an agenda item without steps
    step_count: int = 0
    title: str = ""
    aim: str = ""
    questions: tuple[str, ...] = ()
    captured: str = ""  # Markdown, the participant view's shape
    heartbeat: Heartbeat | None = None
    timer_base: tuple | None = field(default=None, repr=False)

    def timer(self, now: dt.datetime) -> TimerState | None:
        """The step's timer at `now`: a running timer counts on from its stored start."""
        if self.timer_base is None:
            return None
        allowed, spent, started_at = self.timer_base
        if started_at is None:
            return TimerState(allowed, spent, False)
        return TimerState(allowed, max((now - started_at).total_seconds(), 0), True)

    def chair_stopped(self, now: dt.datetime) -> bool:
        """True when the chair's app has not beaten for a while (or never did)."""
        if self.heartbeat is None:
            return True
        return (now - self.heartbeat.beat_at).total_seconds() > STOPPED_AFTER


def _timer_base(step: Step, item: AgendaItem, beat: Heartbeat | None,
                stored) -> tuple[int, float, dt.datetime | None]:
    """(allowed, spent, running since): the heartbeat if it is about this step, else the
    stored time of the step, else the step as planned."""
    if beat is not None and beat.item_id == item.id and beat.step_id == step.id:
        return beat.timer_allowed_seconds, beat.timer_spent_seconds, beat.timer_started_at
    if stored is not None:
        return stored.planned_seconds + stored.extra_seconds, stored.spent_seconds, None
    return step.minutes * 60, 0.0, None


def captured_markdown(store: Store, session: Session, item: AgendaItem, step: Step,
                      lang: str) -> str:
    """What was captured in the step, as the participant view shows it, from stored rows."""
    ctx = RenderContext.for_meeting(meeting_queries.participants(store, session.id), lang)
    ctx = ctx.with_rows(meeting_queries.actions(store, item_id=item.id),
                        meeting_queries.decisions(store, session.id, item_id=item.id))
    values = meeting_queries.entries(store, item.id)
    parts: list[str] = []
    for f in step.fields:
        rendered = render_value(values.get(f.key, empty_value(f)), f, ctx)
        if rendered:
            parts += [f"**{inline(i18n.pick(f.label, lang))}**", rendered]
    return "\n\n".join(parts)


class Follower:
    """Reads a running meeting for the follow view. Without a session it follows the
    running meeting (the one whose app beat last), and waits when none runs."""

    def __init__(self, store: Store, session_ref: str | None = None,
                 methods: MethodLibrary | None = None):
        self.store = store
        self.methods = methods
        self.asked_for = session_ref is not None
        self.session_id: str | None = None
        self._seen_version: int | None = None
        if session_ref is not None:
            try:
                session = meeting_queries.find_session(store, session_ref)
            except StoreError as e:
                raise FollowProblem(str(e)) from None
            if session.status == SessionStatus.FINISHED:
                raise FollowProblem(_(
                    "the meeting {title} ({id}) has finished; there is nothing to follow"
                ).format(title=session.title, id=short_id(session.id)))
            self.session_id = session.id

    def changed(self) -> bool:
        """True when another connection committed since the last look (cheap to poll)."""
        version = self.store.data_version()
        changed, self._seen_version = version != self._seen_version, version
        return changed

    def _check_schema(self) -> None:
        found = self.store.schema_version
        if found > SCHEMA_VERSION:
            raise FollowProblem(_(
                "{path} was made by a newer livinglab (schema {found}, this version knows "
                "{known}); update livinglab to open it"
            ).format(path=self.store.path, found=found, known=SCHEMA_VERSION))

    def _session(self) -> Session | None:
        if self.session_id is not None:
            session = self.store.get(Session, self.session_id)
            if session is None:
                raise FollowProblem(_("the meeting followed is no longer in the database"))
            if self.asked_for or session.status == SessionStatus.RUNNING:
                return session
        running = meeting_queries.sessions(self.store, SessionStatus.RUNNING)
        if not running:
            return self.store.get(Session, self.session_id) if self.session_id else None
        beats = {s.id: meeting_queries.heartbeat(self.store, s.id) for s in running}
        oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
        newest = max(running, key=lambda s: beats[s.id].beat_at if beats[s.id] else oldest)
        self.session_id = newest.id
        return newest

    def read(self, lang: str | None = None) -> FollowState:
        """The meeting as it stands now; FollowProblem when it can no longer be followed."""
        lang = lang or i18n.language()
        self._check_schema()
        session = self._session()
        if session is None or session.status == SessionStatus.PLANNED:
            return FollowState(Phase.WAITING, session)
        if session.status == SessionStatus.FINISHED:
            return FollowState(Phase.FINISHED, session)
        items = meeting_queries.agenda(self.store, session.id)
        if not items:
            return FollowState(Phase.WAITING, session)
        item = next((i for i in items if i.id == session.current_item_id), items[0])
        where = dict(phase=Phase.FOLLOWING, session=session, item_title=item.title,
                     item_number=items.index(item) + 1, item_count=len(items),
                     heartbeat=meeting_queries.heartbeat(self.store, session.id))
        method = resolve_method(item, self.methods)
        if method is None or not method.steps:
            return FollowState(**where, title=item.title, captured=block(item.notes))
        step = method.steps[min(item.current_step, len(method.steps) - 1)]
        stored = meeting_queries.step_times(self.store, item.id).get(step.id)
        return FollowState(
            **where, step_number=method.steps.index(step) + 1, step_count=len(method.steps),
            title=i18n.pick(step.title, lang), aim=i18n.pick(step.aim, lang),
            questions=tuple(i18n.pick(q, lang) for q in step.questions),
            captured=captured_markdown(self.store, session, item, step, lang),
            timer_base=_timer_base(step, item, where["heartbeat"], stored))


# --- starting the follow view in a window of its own -------------------------------------


def follow_command(db_path: Path, session_id: str | None = None,
                   program: list[str] | None = None) -> list[str]:
    """The command that follows this meeting: what the chair's app starts or shows."""
    program = program or ["livinglab"]
    return [*program, "--db", str(db_path), "--lang", i18n.language(), "follow",
            *([session_id] if session_id else [])]


def this_program() -> list[str]:
    """How to run this very livinglab from a new window (a venv need not be on PATH)."""
    beside = Path(sys.executable).with_name("livinglab")
    if beside.is_file():
        return [str(beside)]
    return [sys.executable, "-c", "from livinglab.cli import main; main()"]


# Terminal emulators that take a command after the given option, in order of preference.
LINUX_TERMINALS = [("x-terminal-emulator", "-e"), ("gnome-terminal", "--"),
                   ("konsole", "-e"), ("xfce4-terminal", "-x"), ("kitty", ""),
                   ("alacritty", "-e"), ("wezterm", "start"), ("xterm", "-e")]


def window_command(command: list[str], environ: Mapping[str, str] = os.environ,
                   platform: str | None = None,
                   which: Callable[[str], str | None] = shutil.which) -> list[str] | None:
    """The command that runs `command` in a new terminal window here, or None when this
    platform gives no window (a console without a desktop, an SSH login)."""
    platform = platform or sys.platform
    if environ.get("TMUX") and which("tmux"):
        return ["tmux", "new-window", "-n", "follow", shlex.join(command)]
    if platform == "darwin" and which("osascript"):
        script = shlex.join(command).replace("\\", "\\\\").replace('"', '\\"')
        return ["osascript", "-e", f'tell application "Terminal" to do script "{script}"']
    if platform == "win32":
        return ["cmd", "/c", "start", "livinglab follow", *command]
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        for program, option in LINUX_TERMINALS:
            if which(program):
                return [program, *([option] if option else []), *command]
    return None


def start_follow_window(db_path: Path, session_id: str | None) -> bool:
    """Open the follow view in a new terminal window; False when the platform has none
    (then show `follow_command` to type)."""
    launch = window_command(follow_command(db_path.absolute(), session_id, this_program()))
    if launch is None:
        return False
    try:
        subprocess.Popen(launch, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True
