"""The closing round asks everyone who is there, by keys only at 80x24: a person marked as
arrived late and a walk-in added at the opening answer it like those present."""

from __future__ import annotations

from livinglab.minutes import render_minutes
from livinglab.models import AgendaKind
from livinglab.storage.store import Store

from apptools import make_app, press_until, screen_text, type_text, until
from test_chair import forward_to, kinds_agenda, open_meeting, prepared, tab_to
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries


def block_of(app) -> str:
    """The name over the closing-round block the cursor is in ('' outside one)."""
    block = next((a for a in app.focused.ancestors if "participant-answers" in a.classes), None)
    return str(block.query_one(".who").render()) if block else ""


async def test_a_late_arrival_and_a_walk_in_answer_the_closing_round(db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await pilot.press("ctrl+r")
        assert await until(pilot, lambda: app.focused is not None
                           and app.focused.has_class("attendance-choice"))
        await tab_to(pilot, app, lambda w: w.id and w.id.startswith("attendance-")
                     and "Yasmina" in str(w.parent.query_one(".attendance-name").render()))
        await pilot.press("enter", "down", "down", "down", "enter")  # Yasmina: arrived late
        await pilot.pause()
        await tab_to(pilot, app, lambda w: w.id == "latecomer")
        await type_text(pilot, "Karin Smit")  # walks in: added as arrived late
        await pilot.press("enter")
        assert await until(pilot, lambda: "Karin Smit (" in screen_text(app))  # a row now
        await pilot.press("escape")  # the dialog stays for the next who joins
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        await forward_to(pilot, app, AgendaKind.CLOSING_ROUND)
        assert await until(pilot, lambda: "Closing round (voornemens)" in screen_text(app))
        for name, learned, intention in [
                ("Yasmina El Idrissi", "Later komen mag", "Op tijd vertrekken"),
                ("Karin Smit", "Aanschuiven werkt", "Volgende keer de casus lezen")]:
            await press_until(pilot, "tab", lambda: block_of(app) == name
                              and "learned" in app.focused.classes)
            assert name in screen_text(app)  # the block is in sight as it is typed in
            await type_text(pilot, learned)
            await pilot.press("tab")
            assert "intention" in app.focused.classes and block_of(app) == name
            await type_text(pilot, intention)
        await pilot.press("f10")  # finish: enter confirms; every pending edit is stored
        await pilot.press("enter")
        assert await until(pilot, lambda: "The meeting is finished" in screen_text(app))
    with Store(db_path) as store:
        people = {p.id: p.name for p in meeting_queries.people(store)}
        kept = {people[i.person_id]: (i.learned, i.intention)
                for i in memory_queries.intentions(store, session_id=second.id)}
        assert kept == {"Yasmina El Idrissi": ("Later komen mag", "Op tijd vertrekken"),
                        "Karin Smit": ("Aanschuiven werkt", "Volgende keer de casus lezen")}
        minutes = render_minutes(store, second.id, methods, lang="nl")
    assert "| Karin Smit | Aanschuiven werkt | Volgende keer de casus lezen |" in minutes
    assert "| Yasmina El Idrissi | Later komen mag | Op tijd vertrekken |" in minutes
