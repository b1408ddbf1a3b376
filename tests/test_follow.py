"""`livinglab follow`: a second window that reads the running meeting and never writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys

import pytest

from livinglab import i18n
from livinglab.meeting.follow import (
    STOPPED_AFTER, Follower, FollowProblem, Phase, open_read_only, real_now, window_command,
)
from livinglab.storage.store import Store, StoreReadOnly
from livinglab.storage.schema import SCHEMA_VERSION
from livinglab.live.workshop import Workshop

from apptools import screen_text, until
from conftest import plan_dilemma_meeting, run_cli
from livinglab.meeting import queries as meeting_queries


@pytest.fixture
def meeting(library_store, methods, clock):
    """A planned dilemma meeting and the chair's workshop on it (not started yet)."""
    session = plan_dilemma_meeting(library_store, methods)
    return Workshop(library_store, session.id, methods, clock=clock)


def reader(db_path, ref=None, methods=None):
    return Follower(open_read_only(db_path), ref, methods)


def file_digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the core: what the view reads ---------------------------------------------------------


def test_the_follower_shows_the_step_and_what_was_captured_but_no_notes_for_the_chair(
        meeting, db_path):
    meeting.start()
    meeting.go_to_item(meeting.items[1].id)
    meeting.next_step()  # the situation
    meeting.set_value("situation", "Meneer K. verdient zwart bij.")
    state = reader(db_path).read()
    step = meeting.step
    assert state.phase == Phase.FOLLOWING
    assert (state.item_number, state.item_count, state.item_title) == (2, 3, "Casusbespreking")
    assert (state.step_number, state.step_count) == (2, len(meeting.method.steps))
    assert state.title == i18n.pick(step.title) and state.aim == i18n.pick(step.aim)
    assert list(state.questions) == [i18n.pick(q) for q in step.questions]
    assert "Meneer K. verdient zwart bij." in state.captured
    notes = meeting.case.facilitator_notes.split()[:6]
    assert notes and " ".join(notes) not in state.captured
    assert all(i18n.pick(tip) not in state.captured for tip in step.tips)


def test_a_plain_agenda_item_shows_its_title_and_notes(meeting, db_path):
    meeting.start()
    meeting.set_notes("Welkom aan Karin, nieuw in het team")
    state = reader(db_path).read()
    assert state.title == "Opening" and state.step_number == 0
    assert "Welkom aan Karin" in state.captured and state.timer(real_now()) is None


def test_without_a_session_it_waits_then_follows_then_says_the_meeting_finished(
        meeting, db_path):
    follower = reader(db_path)
    assert follower.read().phase == Phase.WAITING
    meeting.start()
    following = follower.read()
    assert following.phase == Phase.FOLLOWING and following.session.id == meeting.session.id
    meeting.finish()
    assert follower.read().phase == Phase.FINISHED


def test_a_planned_meeting_asked_for_is_waited_for(meeting, db_path):
    follower = reader(db_path, meeting.session.id[:8])
    waiting = follower.read()
    assert waiting.phase == Phase.WAITING and waiting.session.title == meeting.session.title
    meeting.start()
    assert follower.read().phase == Phase.FOLLOWING


def test_only_another_connections_commit_counts_as_a_change(meeting, db_path):
    follower = reader(db_path)
    assert follower.changed()  # the first look
    assert not follower.changed()
    meeting.start()
    assert follower.changed()
    follower.read()
    assert not follower.changed()  # reading is no change


# --- the timer and the heartbeat ---------------------------------------------------------


def test_the_time_left_counts_on_from_the_stored_start_without_the_chairs_app(
        meeting, db_path, clock):
    meeting.start()
    meeting.go_to_item(meeting.items[1].id)
    allowed = meeting.step.minutes * 60
    meeting.start_timer()
    clock.advance(60)
    meeting.beat()
    state = reader(db_path).read()
    now = real_now()
    assert state.timer(now).running
    assert state.timer(now).remaining_seconds == pytest.approx(allowed - 60, abs=2)
    # The chair's app is gone: the countdown goes on from the stored start.
    later = now + dt.timedelta(seconds=allowed)
    assert state.timer(later).over and state.chair_stopped(later)
    assert state.timer(later).remaining_seconds == pytest.approx(-60, abs=2)


def test_a_paused_timer_stands_still(meeting, db_path, clock):
    meeting.start()
    meeting.go_to_item(meeting.items[1].id)
    meeting.start_timer()
    clock.advance(90)
    meeting.pause_timer()
    meeting.beat()
    state = reader(db_path).read()
    for moment in (real_now(), real_now() + dt.timedelta(minutes=5)):
        timer = state.timer(moment)
        assert not timer.running and timer.elapsed_seconds == pytest.approx(90)


def test_the_heartbeat_tells_when_the_chairs_app_stopped(meeting, db_path):
    meeting.start()
    meeting.beat()  # what the chair's app does every second
    follower = reader(db_path)
    state = follower.read()
    now = real_now()
    assert not state.chair_stopped(now)
    assert state.chair_stopped(now + dt.timedelta(seconds=STOPPED_AFTER + 1))


def test_no_heartbeat_at_all_counts_as_stopped(meeting, db_path):
    meeting.start()  # a workshop without the app around it does not beat
    state = reader(db_path).read()
    assert state.heartbeat is None and state.chair_stopped(real_now())


# --- read-only, and bad input --------------------------------------------------------------


def test_the_follow_view_opens_the_database_read_only(meeting, db_path):
    meeting.start()
    follower = reader(db_path)
    before = file_digest(db_path)
    follower.read()
    with pytest.raises(StoreReadOnly):
        follower.store.save(meeting.session)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        follower.store.conn.execute("delete from sessions")
    assert file_digest(db_path) == before
    assert [s.title for s in meeting_queries.sessions(Store(db_path))] == [meeting.session.title]


def test_no_database_is_created_for_a_follow_view(tmp_path, capsys):
    missing = tmp_path / "nothing.db"
    code, out, err = run_cli(capsys, "--db", str(missing), "follow")
    assert code == 1 and err == f"livinglab: there is no livinglab database at {missing}\n"
    assert not missing.exists()


def test_an_unknown_session_is_one_line(meeting, db_path, capsys):
    code, out, err = run_cli(capsys, "--db", str(db_path), "follow", "zzzz")
    assert (code, out, err) == (1, "", "livinglab: no meeting with id zzzz\n")


def test_a_finished_meeting_is_one_line(meeting, db_path, capsys):
    meeting.start()
    meeting.finish()
    code, out, err = run_cli(capsys, "--db", str(db_path), "follow", meeting.session.id)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "has finished; there is nothing to follow" in err and meeting.session.title in err


def test_a_database_of_a_newer_livinglab_is_one_line(meeting, db_path, capsys):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    code, out, err = run_cli(capsys, "--db", str(db_path), "follow")
    assert code == 1 and err.count("\n") == 1 and "made by a newer livinglab" in err


def test_a_newer_livinglab_taking_over_the_file_while_following_stops_it(meeting, db_path):
    follower = reader(db_path)
    follower.read()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(FollowProblem, match="newer livinglab"):
        follower.read()


# --- starting it in a window ---------------------------------------------------------------


def test_a_window_is_opened_where_the_platform_has_one_and_not_elsewhere():
    command = ["livinglab", "follow"]
    only = lambda name: lambda program: program if program == name else None  # noqa: E731
    assert window_command(command, {"TMUX": "/tmp/t"}, "linux", only("tmux"))[:2] == [
        "tmux", "new-window"]
    assert window_command(command, {"DISPLAY": ":0"}, "linux", only("xterm")) == [
        "xterm", "-e", "livinglab", "follow"]
    assert window_command(command, {}, "darwin", only("osascript"))[0] == "osascript"
    assert window_command(command, {}, "linux", only("xterm")) is None  # no desktop: type it


def test_the_follow_view_does_not_start_the_whole_app():
    code = ("import sys, livinglab.tui.follow; "
            "print(sorted(m for m in sys.modules if m.startswith('livinglab.tui.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert "livinglab.tui.follow" in loaded
    assert "livinglab.tui.app" not in loaded and "livinglab.tui.screens.home" not in loaded


# --- the window: Pilot, keys only ---------------------------------------------------------


def follow_app(db_path, methods=None):
    from livinglab.tui.follow import FollowApp

    return FollowApp(reader(db_path, methods=methods))


async def test_the_window_follows_the_chairs_moves_and_text(meeting, db_path):
    app = follow_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "Waiting for a meeting to start" in screen_text(app))
        meeting.start()
        meeting.go_to_item(meeting.items[1].id)
        first = i18n.pick(meeting.step.title)
        assert await until(pilot, lambda: first in screen_text(app), tries=200)
        assert "Item 2/3: Casusbespreking" in screen_text(app)
        meeting.next_step()
        meeting.set_value("situation", "Hij vraagt het stil te houden.")
        second = i18n.pick(meeting.step.title)
        assert await until(pilot, lambda: second in screen_text(app)
                           and "Hij vraagt het stil te houden." in screen_text(app), tries=200)
        meeting.beat()
        assert await until(pilot, lambda: "Following live." in screen_text(app), tries=200)


async def test_the_window_says_when_the_chairs_app_stopped(meeting, db_path, library_store):
    meeting.start()
    meeting.beat()
    library_store.conn.execute("update heartbeats set beat_at = '2026-01-01T09:00:00+00:00'")
    app = follow_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "The chair's app stopped at" in screen_text(app))


async def test_l_gives_larger_text_and_back_and_q_closes(meeting, db_path):
    meeting.start()
    meeting.go_to_item(meeting.items[1].id)
    app = follow_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "Item 2/3" in screen_text(app))
        assert "left (paused)" in screen_text(app)
        await pilot.press("l")
        # The room mode drops the line of whereabouts and shows the time in large digits.
        assert await until(pilot, lambda: "Item 2/3" not in screen_text(app))
        assert "left (paused)" not in screen_text(app)
        await pilot.press("l")
        assert await until(pilot, lambda: "Item 2/3" in screen_text(app))
        await pilot.press("q")
        assert await until(pilot, lambda: app.return_code == 0)


async def test_the_window_opens_with_the_captured_text_in_focus_and_f1_helps(meeting, db_path):
    meeting.start()
    app = follow_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "follow-captured"
        await pilot.press("f1")
        assert await until(pilot, lambda: "Larger text for a room" in screen_text(app))


# --- the chair's side: the runner beats, and ctrl+b opens the window or shows the command ---


async def test_the_runner_beats_and_ctrl_g_shows_the_command_without_a_desktop(
        meeting, db_path, methods, monkeypatch):
    from apptools import make_app

    for name in ("TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the planned meeting from the list
        assert await until(pilot, lambda: meeting_queries.heartbeat(app.store, meeting.session.id) is not None,
                           tries=100)
        await pilot.press("ctrl+b")
        assert await until(pilot, lambda: "Type this in another terminal" in screen_text(app))
        assert "follow" in screen_text(app) and meeting.session.id in screen_text(app).replace(
            "\n", "")
