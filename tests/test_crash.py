"""A crash in the middle of a meeting loses nothing that was stored, and the meeting resumes.

The real command in a pseudo-terminal (bench/terminal.py), keys in, screen text out; every
wait is for something a person would see, or for the row in the database, with a deadline.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from livinglab.library.cases import example_cases, import_cases
from livinglab.models import AgendaKind, Role
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store

from conftest import empty_db

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from terminal import ENTER, PtyProgram, wait_until  # noqa: E402

pytestmark = pytest.mark.robustness

TITLE = "Crashproef trage vraag"
STORED = "Eerst wat we zeker weten."
MORE = " Dan wat nog open is."


def livinglab_command(db: Path) -> list[str]:
    script = Path(sys.executable).with_name("livinglab")
    program = [str(script)] if script.exists() else [
        sys.executable, "-c", "from livinglab.cli import main; main()"]
    return program + ["--lang", "en", "--db", str(db)]


def plan_slow_question(db: Path, methods) -> None:
    """A planned meeting of one item: a slow question, whose first step is a text field."""
    with Store(empty_db(db)) as store:
        import_cases(store, example_cases())
        create_meeting(store, MeetingPlan(
            title=TITLE, group_name="Wijkteam Havenkwartier", date="2026-11-25",
            start_time="9:30", location="Buurthuis De Kaap",
            participants=[PlannedParticipant("Anouk Visser", Role.CHAIR),
                          PlannedParticipant("Bram de Wit", Role.SECRETARY)],
            agenda=[PlannedItem("Trage vraag", AgendaKind.CASE_REVIEW,
                                case_id="menselijke-maat", method_id="trage-vragen")],
        ), methods)


def stored_arrival(db: Path) -> str | None:
    """The text stored for the first step's field, read as another program would."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as reader:
        row = reader.execute(
            "select value from entries where field_key = 'arrival'").fetchone()
    return row[0].strip('"') if row else None


def test_a_killed_app_keeps_what_was_stored_and_offers_to_resume(tmp_path, methods):
    db = tmp_path / "livinglab.db"
    plan_slow_question(db, methods)

    with PtyProgram(livinglab_command(db), size=(80, 24)) as app:
        app.wait_for(TITLE, timeout=30)
        since = app.mark()
        app.send(ENTER)  # the planned meeting starts in the runner
        # The step's time left has counted down once: the runner is mounted and the cursor
        # is in the first field.
        app.wait_for("Arrive and slow down", "left 04:5", since=since, timeout=30)
        app.send(STORED)
        wait_until(lambda: stored_arrival(db) == STORED, timeout=20, what="the text stored")
        since = app.mark()
        app.send(MORE)
        app.wait_for("open is.", since=since, timeout=20)  # on screen, likely not stored yet
        app.kill(signal.SIGKILL)

    with PtyProgram(livinglab_command(db), size=(80, 24)) as app:
        app.wait_for("still running", "Resume", timeout=30)
        since = app.mark()
        app.send(ENTER)  # the dialog's default: resume
        app.wait_for("Arrive and slow down", STORED, since=since, timeout=30)
        assert stored_arrival(db) in (STORED, STORED + MORE)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as reader:
            assert reader.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
