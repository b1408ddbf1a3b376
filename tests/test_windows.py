"""One meeting open in two windows (issue 30): the second is told, can take over, and no
save overwrites text it did not show."""

from __future__ import annotations

import datetime as dt

from livinglab.models import AgendaKind
from livinglab.meeting.planning import PlannedItem
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop, merge_values

from apptools import toasts
from conftest import FakeClock
from test_capture_app import library, make_app, open_meeting, screen_text, until
from test_chair import plan
from livinglab.meeting import queries as meeting_queries


def meeting(db_path, methods):
    store = library(db_path)
    session = plan(store, methods, "2026-11-25", [
        PlannedItem("Opening"),
        PlannedItem("Casus", AgendaKind.CASE_REVIEW, "menselijke-maat", "trage-vragen")],
        title="Twee vensters")
    return store, session


def test_a_second_window_is_told_the_meeting_is_open_and_can_take_it_over(db_path, methods):
    store, session = meeting(db_path, methods)
    first = Workshop(store, session.id, methods, clock=FakeClock())
    first.start()
    assert first.open_elsewhere() is None
    first.beat()
    other = Store(db_path)
    second = Workshop(other, session.id, methods, clock=FakeClock())
    beat = second.open_elsewhere()
    assert beat is not None and beat.writer == first.window
    assert not first.taken_over()
    second.start()
    second.beat()  # taking over
    assert first.taken_over() and not second.taken_over()
    assert second.open_elsewhere() is None  # its own beat is not another window
    other.close()
    store.close()


def test_a_window_that_stopped_beating_frees_the_meeting(db_path, methods):
    store, session = meeting(db_path, methods)
    first = Workshop(store, session.id, methods, clock=FakeClock())
    first.start()
    first.beat()
    beat = meeting_queries.heartbeat(store, session.id)
    beat.beat_at = beat.beat_at - dt.timedelta(seconds=30)  # a crashed window, long ago
    store.save(beat)
    second = Workshop(store, session.id, methods, clock=FakeClock())
    assert second.open_elsewhere() is None
    store.close()


def test_two_windows_editing_one_field_keep_both_texts(db_path, methods):
    store, session = meeting(db_path, methods)
    first = Workshop(store, session.id, methods, clock=FakeClock())
    first.start()
    first.next_item()
    other = Store(db_path)
    second = Workshop(other, session.id, methods, clock=FakeClock())
    item = first.item.id
    # Both show the arrival step's empty field; each types its own text.
    first.capture(item, "arrival", "Ik kom net van een huisbezoek.", shown="")
    result = second.capture(item, "arrival", "Wat moeten we vandaag besluiten?", shown="")
    assert result.merged
    stored = meeting_queries.entries(store, item)["arrival"]
    assert "Ik kom net van een huisbezoek." in stored
    assert "Wat moeten we vandaag besluiten?" in stored
    # The first goes on from what it showed: its addition joins, nothing is overwritten.
    again = first.capture(item, "arrival", "Ik kom net van een huisbezoek. Druk.",
                          shown="Ik kom net van een huisbezoek.")
    assert again.merged
    stored = meeting_queries.entries(store, item)["arrival"]
    assert "Druk." in stored and "Wat moeten we vandaag besluiten?" in stored
    # A window that shows what is stored simply writes.
    plain = first.capture(item, "arrival", "Opnieuw, samen.", shown=stored)
    assert not plain.merged and meeting_queries.entries(store, item)["arrival"] == "Opnieuw, samen."
    other.close()
    store.close()


def test_merging_keeps_what_each_side_added():
    assert merge_values("basis en meer", "basis plus", "basis") == "basis en meer plus"
    assert merge_values(["a", "b"], ["a", "c"], ["a"]) == ["a", "b", "c"]
    assert merge_values({"a": "x", "b": ""}, {"a": "", "b": "y"}, {}) == {"a": "x", "b": "y"}
    assert merge_values("hun tekst", "mijn tekst", "") == "hun tekst\n\nmijn tekst"
    assert merge_values("zelfde", "zelfde", "") == "zelfde"


async def test_opening_a_meeting_open_in_another_window_asks_and_can_follow(db_path, methods):
    store, session = meeting(db_path, methods)
    elsewhere = Workshop(store, session.id, methods, clock=FakeClock())
    elsewhere.start()
    elsewhere.set_notes("Welkom door de voorzitter.")
    elsewhere.beat()
    store.close()
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        # Home offers to resume the running meeting: yes.
        assert await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("enter")
        assert await until(pilot, lambda: "open in another window" in screen_text(app))
        await pilot.press("escape")  # not taking over: follow, read-only
        assert await until(pilot, lambda: type(app.screen).__name__ == "FollowInApp")
        assert await until(pilot, lambda: "Welkom door de voorzitter." in screen_text(app))
        await pilot.press("q")
        assert await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    store = Store(db_path)
    assert meeting_queries.heartbeat(store, session.id).writer == elsewhere.window  # this app never wrote
    store.close()


async def test_taking_over_stops_the_other_window_writing(db_path, methods):
    store, session = meeting(db_path, methods)
    store.close()
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(pilot, app, "Twee vensters")
        await pilot.press(*"Eerst hier getypt.")
        await pilot.pause()
        other = Store(db_path)
        assert await until(pilot, lambda: meeting_queries.heartbeat(other, session.id) is not None)
        second = Workshop(other, session.id, methods, clock=FakeClock())
        assert second.open_elsewhere() is not None
        second.start()
        second.beat()  # the second window takes over
        assert await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", tries=200)
        assert await until(pilot, lambda: any("took this meeting over" in t for t in toasts(app)))
        other.close()
    store = Store(db_path)
    assert meeting_queries.agenda(store, session.id)[0].notes == "Eerst hier getypt."
    store.close()


def test_a_database_of_the_previous_version_gets_the_window_column_and_keeps_its_rows(
        tmp_path):
    import shutil
    import sqlite3
    from pathlib import Path

    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema-13.db", old)
    conn = sqlite3.connect(old)
    counts = {table: conn.execute(f"select count(*) from {table}").fetchone()[0]
              for table in ("sessions", "entries", "actions", "heartbeats", "intentions")}
    conn.close()
    store = Store(old)
    for table, count in counts.items():
        assert store.conn.execute(f"select count(*) from {table}").fetchone()[0] == count
    assert "writer" in store.db["heartbeats"].columns_dict
    beats = store.conn.execute("select writer from heartbeats").fetchall()
    assert all(writer == "" for (writer,) in beats)
    store.close()


def test_a_window_that_closes_the_meeting_frees_it_at_once(db_path, methods):
    store, session = meeting(db_path, methods)
    first = Workshop(store, session.id, methods, clock=FakeClock())
    first.start()
    first.beat()
    first.beat(leaving=True)
    second = Workshop(store, session.id, methods, clock=FakeClock())
    assert second.open_elsewhere() is None
    store.close()


def test_a_window_whose_process_ended_is_not_open_elsewhere(db_path, methods):
    import subprocess
    import sys

    store, session = meeting(db_path, methods)
    first = Workshop(store, session.id, methods, clock=FakeClock())
    first.start()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True).stdout.strip()
    host = first.window.partition(":")[0]
    first.window = f"{host}:{ended}:abc"  # the beat of a window that crashed just now
    first.beat()
    second = Workshop(store, session.id, methods, clock=FakeClock())
    assert second.open_elsewhere() is None
    first.window = f"{host}:{__import__('os').getpid()}:abc"  # a live one is open
    first.beat()
    assert second.open_elsewhere() is not None
    store.close()
