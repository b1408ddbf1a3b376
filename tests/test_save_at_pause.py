"""What is typed is stored at the first pause, not at the next tick of a clock (issue 27):
a burst of keys is one save. Keys only; the database is read as another program would."""

from __future__ import annotations

import sqlite3

from livinglab.models import AgendaKind
from livinglab.meeting.planning import PlannedItem

from apptools import make_app, until
from test_capture_app import library
from test_chair import open_meeting, plan


def notes_stored(db_path) -> list[str]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return [row[0] or "" for row in conn.execute(
            "select a.notes from agenda_item_rows a join sessions s on s.id = a.session_id "
            "where s.title = 'Pauze' order by a.position")]


async def test_a_pause_in_typing_stores_it_without_the_save_tick(db_path, methods,
                                                                  monkeypatch):
    from livinglab.tui.screens.runner import screen as runner

    monkeypatch.setattr(runner, "SAVE_EVERY", 3600)  # no tick comes: only the pause saves
    # A pause a loaded machine never makes between two keys of a burst (a CI run beside
    # other work left 0.1 s between keys, six saves for one burst).
    monkeypatch.setattr(runner, "SAVE_PAUSE", 1.0)
    store = library(db_path)
    plan(store, methods, "2026-11-25", [PlannedItem("Opening", AgendaKind.PLAIN)],
         title="Pauze")
    store.close()
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Pauze")
        saves = []
        flush = app.screen.flush
        monkeypatch.setattr(app.screen, "flush", lambda: saves.append(1) or flush())
        await pilot.press(*"Een zin, in een keer getypt.")
        assert await until(pilot, lambda: notes_stored(db_path) == [
            "Een zin, in een keer getypt."])
        assert len(saves) <= 2  # a burst is a save (or two, where it paused), not one a key
        await pilot.press(*" En verder.")
        assert await until(pilot, lambda: notes_stored(db_path) == [
            "Een zin, in een keer getypt. En verder."])
