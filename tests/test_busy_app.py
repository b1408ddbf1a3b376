"""A busy or read-only database never ends the app (issue 22), by keys only at 80x24.

Another program holds the write lock (a second connection in BEGIN IMMEDIATE, as a long
import would) while a person writes on each screen that writes: the screen says so in one
line, keeps what was typed, the app keeps running, and once the lock is gone the same key
stores it. A read-only file is browsed, its minutes read and saved; whatever would write
says it cannot. Most of it in Dutch, the language of the app's users.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

import pytest
from textual.widgets import Input

from livinglab import i18n
from livinglab.models import Attendance, SessionStatus
from livinglab.storage.store import Store

from apptools import make_app, screen_text, type_text, until
from test_chair import kinds_agenda, open_meeting, prepared, tab_to
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.models import Session

BUSY = {"en": "The database is busy (another program is writing); try again in a moment.",
        "nl": "De database is bezet (een ander programma schrijft erin); probeer het zo "
              "opnieuw."}
BOX_DRAWING = "".join(map(chr, range(0x2500, 0x25A0)))
READ_ONLY = {"nl": "De database is alleen-lezen: er kan niets worden gewijzigd."}


class WriteLock:
    """Another program's write lock on the file, taken and released by the test."""

    def __init__(self, path):
        self.other = sqlite3.connect(path, isolation_level=None)

    def __enter__(self) -> WriteLock:
        self.other.execute("BEGIN IMMEDIATE")
        return self

    def release(self) -> None:
        if self.other.in_transaction:
            self.other.execute("ROLLBACK")

    def __exit__(self, *exc: object) -> None:
        self.release()
        self.other.close()


@pytest.fixture
def dutch():
    i18n.set_language("nl")  # conftest sets English back after the test


def said(app, words: str) -> bool:
    """The words in a notification on screen, however it wraps them: a notification is
    drawn at the bottom right, each of its lines after a bar, the screen's own border
    (box-drawing characters) showing at its right."""
    lines = [line.rsplit("▌", 1)[1] for line in screen_text(app).splitlines() if "▌" in line]
    text = " ".join(line.rstrip().rstrip(BOX_DRAWING).rstrip() for line in lines)
    return words in " ".join(text.split())


async def still_running(pilot, app, screen_name: str) -> None:
    await pilot.pause()
    assert app.is_running and type(app.screen).__name__ == screen_name


# --- another program holds the write lock ---------------------------------------------------


async def test_a_roster_member_added_while_the_database_is_busy_is_kept_and_added_after(
        db_path, methods, dutch):
    first, _second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await until(pilot, lambda: type(app.screen).__name__ == "RosterScreen")
        await tab_to(pilot, app, lambda w: w.id == "member-name")
        await type_text(pilot, "Fatima Bouali")
        await pilot.press("tab")
        await type_text(pilot, "ervaringsdeskundige")
        with WriteLock(db_path) as lock:
            await pilot.press("enter")
            assert await until(pilot, lambda: said(app, BUSY["nl"])), screen_text(app)
            await still_running(pilot, app, "RosterScreen")
            assert app.screen.query_one("#member-name", Input).value == "Fatima Bouali"
            assert app.focused.id == "member-discipline"
            assert app.focused.value == "ervaringsdeskundige"
            lock.release()
            await pilot.press("enter")  # the same key again
            assert await until(pilot, lambda: "Fatima Bouali · ervaringsdeskundige"
                               in screen_text(app))
    with Store(db_path) as store:
        roster = {p.name: p.discipline for _m, p in meeting_queries.roster(store, first.group_id)}
    assert roster["Fatima Bouali"] == "ervaringsdeskundige"


async def test_attendance_and_a_walk_in_while_the_database_is_busy_are_kept_then_stored(
        db_path, methods, dutch):
    _first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: type(app.screen).__name__ == "AttendanceScreen")
        with WriteLock(db_path) as lock:
            await tab_to(pilot, app, lambda w: w.id and w.id.startswith("attendance-")
                         and "Sander" in str(w.parent.query_one(".attendance-name").render()))
            await pilot.press("enter", "down", "enter")  # Sander: absent with notice
            assert await until(pilot, lambda: said(app, BUSY["nl"])), screen_text(app)
            await pilot.press("escape")  # the choice is not stored: the dialog stays
            await still_running(pilot, app, "AttendanceScreen")
            await tab_to(pilot, app, lambda w: w.id == "latecomer")
            await type_text(pilot, "Karin Smit")
            await pilot.press("tab")
            await type_text(pilot, "wijkverpleegkundige")
            await pilot.press("enter")
            await still_running(pilot, app, "AttendanceScreen")
            assert app.screen.query_one("#latecomer", Input).value == "Karin Smit"
            assert app.focused.value == "wijkverpleegkundige"
            lock.release()
            await pilot.press("enter")  # the same key stores the choice and the walk-in
            assert await until(pilot, lambda: "Karin Smit (" in screen_text(app))
            await pilot.press("escape")
            await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
            assert "Karin Smit" in screen_text(app)
    with Store(db_path) as store:
        got = {person.name: (p.attendance, person.discipline)
               for p, person in meeting_queries.participants(store, second.id)}
    assert got["Sander Kok"][0] == Attendance.ABSENT_WITH_NOTICE
    assert got["Karin Smit"] == (Attendance.LATE, "wijkverpleegkundige")


async def test_a_walk_in_gets_the_discipline_typed_beside_the_name(db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: type(app.screen).__name__ == "AttendanceScreen")
        await tab_to(pilot, app, lambda w: w.id == "latecomer")
        await type_text(pilot, "Karin Smit")
        await pilot.press("tab")
        assert app.focused.id == "walk-in-discipline"
        await type_text(pilot, "wijkverp")
        await pilot.press("right")  # takes the suggested discipline, as on the roster
        await pilot.press("enter")
        assert await until(pilot, lambda: "Karin Smit (" in screen_text(app))  # a row now
        await pilot.press("escape")  # the dialog stays for the next who joins
        await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
    with Store(db_path) as store:
        joined = {person.name: (p.attendance, person.discipline)
                  for p, person in meeting_queries.participants(store, second.id)}
        roster = {p.name: p.discipline for _m, p in meeting_queries.roster(store, second.group_id)}
    assert joined["Karin Smit"] == (Attendance.LATE, "wijkverpleegkundige")
    assert roster["Karin Smit"] == "wijkverpleegkundige"


async def test_a_planned_meeting_edited_while_the_database_is_busy_is_kept_and_saved_after(
        db_path, methods, dutch):
    _first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")  # the planned meeting is the first row
        await until(pilot, lambda: type(app.screen).__name__ == "NewMeetingScreen")
        assert app.focused.id == "title"
        await type_text(pilot, " met de regio")
        with WriteLock(db_path) as lock:
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: said(app, BUSY["nl"])), screen_text(app)
            await still_running(pilot, app, "NewMeetingScreen")
            assert app.focused.value == "Tweede overleg met de regio"
            lock.release()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    with Store(db_path) as store:
        assert store.get(Session, second.id).title == "Tweede overleg met de regio"


async def test_a_new_meeting_planned_while_the_database_is_busy_is_kept_and_planned_after(
        db_path, methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewMeetingScreen")
        await type_text(pilot, "Werkoverleg")
        await pilot.press("tab")
        await type_text(pilot, "Wijkteam Noord")
        await tab_to(pilot, app, lambda w: w.has_class("participant-name"))
        await type_text(pilot, "Anouk Visser")  # the first row's role: chair
        await tab_to(pilot, app, lambda w: w.has_class("agenda-case"), tries=60)
        await pilot.press("enter")
        await type_text(pilot, "Fraude")  # the case review's case; its method as suggested
        await pilot.press("enter")
        await pilot.pause()
        with WriteLock(db_path) as lock:
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: said(app, BUSY["en"])), screen_text(app)
            await still_running(pilot, app, "NewMeetingScreen")
            assert app.screen.query_one("#title", Input).value == "Werkoverleg"
            assert app.screen.query(".participant-name").first().value == "Anouk Visser"
            lock.release()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    with Store(db_path) as store:
        assert [(s.title, s.status) for s in meeting_queries.sessions(store)] == [
            ("Werkoverleg", SessionStatus.PLANNED)]


async def test_starting_a_planned_meeting_while_the_database_is_busy_waits_for_enter_again(
        db_path, methods, dutch):
    _first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        with WriteLock(db_path) as lock:
            await pilot.press("enter")  # the planned meeting is the first row
            assert await until(pilot, lambda: said(app, BUSY["nl"])), screen_text(app)
            await still_running(pilot, app, "HomeScreen")
            with Store(db_path) as store:
                assert store.get(Session, second.id).status == SessionStatus.PLANNED
            lock.release()
            await pilot.press("enter")
            await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
    with Store(db_path) as store:
        assert store.get(Session, second.id).status == SessionStatus.RUNNING


async def test_a_lesson_added_while_the_database_is_busy_stays_in_its_field_and_is_added_after(
        db_path, methods, dutch):
    _first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")  # yes, finish
        await until(pilot, lambda: type(app.screen).__name__ == "FinishScreen")
        assert app.focused.id == "lesson"
        await type_text(pilot, "Eerst het team, dan de regio")
        with WriteLock(db_path) as lock:
            await pilot.press("enter")
            assert await until(pilot, lambda: said(app, BUSY["nl"])), screen_text(app)
            await still_running(pilot, app, "FinishScreen")
            assert app.focused.value == "Eerst het team, dan de regio"
            lock.release()
            await pilot.press("enter")
            assert await until(pilot, lambda: "• Eerst het team, dan de regio"
                               in screen_text(app))
    with Store(db_path) as store:
        assert [lesson.text for lesson in memory_queries.lessons(store, session_id=second.id)] == [
            "Eerst het team, dan de regio"]


# --- a read-only file ---------------------------------------------------------------------


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_read_only_file_is_browsed_and_its_minutes_saved_but_nothing_changes(
        db_path, methods, monkeypatch, tmp_path, dutch):
    first, second = prepared(db_path, methods, kinds_agenda())
    db_path.chmod(0o444)
    # As root, modes do not stop writes: the store is told the file is not writable, as
    # it is for any other user, and opens it mode=ro, where SQLite refuses root's writes too.
    monkeypatch.setattr("livinglab.storage.store._writable", lambda p: p != db_path)
    before = sha256(db_path)
    saved = tmp_path / "notulen.md"
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "alleen-lezen" in screen_text(app).splitlines()[0]  # the header, throughout
        # And once as it opens (after the file's name, which may wrap anywhere):
        assert said(app, "is alleen-lezen: je kunt bladeren en notulen lezen en exporteren")
        assert "Tweede overleg" in screen_text(app) and "Eerste overleg" in screen_text(app)
        await pilot.press("enter")  # the planned meeting would start
        assert await until(pilot, lambda: said(app, READ_ONLY["nl"])), screen_text(app)
        await still_running(pilot, app, "HomeScreen")
        for key in ("n", "e"):  # a new plan, an edit: refused before anything is typed
            await pilot.press(key)
            await still_running(pilot, app, "HomeScreen")
        await pilot.press("g")  # the roster is read; joining is refused
        await until(pilot, lambda: type(app.screen).__name__ == "RosterScreen")
        await tab_to(pilot, app, lambda w: w.id == "member-name")
        await type_text(pilot, "Fatima Bouali")
        await pilot.press("enter")
        await still_running(pilot, app, "RosterScreen")
        assert app.focused.value == "Fatima Bouali"
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("down")  # the finished meeting: its minutes open and are saved
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "MinutesScreen")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")  # the proposed file name, replaced
        await type_text(pilot, str(saved))
        await pilot.press("enter")
        assert await until(pilot, saved.exists)
        await still_running(pilot, app, "MinutesScreen")
    assert "Eerste overleg" in saved.read_text(encoding="utf-8")
    assert sha256(db_path) == before
    db_path.chmod(0o644)
    with Store(db_path) as store:
        assert store.get(Session, second.id).status == SessionStatus.PLANNED
        assert "Fatima Bouali" not in [p.name for _m, p in meeting_queries.roster(store, first.group_id)]
        assert store.get(Session, first.id).date == dt.date(2026, 11, 4)
