"""The app against what users and files bring: brackets that look like markup, a store
that refuses a write, and fields that must be in sight when they have focus. Keys only."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Select

from livinglab.library.cases import example_cases, import_cases, load_case_folder
from livinglab.models import AgendaKind, Role, SessionStatus
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store, StoreLocked

from apptools import in_sight, make_app, press_until, screen_text, type_text, until
from conftest import empty_db
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries


BRACKETS = ["[/]", "[bold", "[link=x]"]
CASE_FILE = """---
title: Kwestie [/] met [bold haakjes [link=x]
kind: dilemma
suggested_method: dilemma
---

## Situatie

Een bewoner [/] vraagt om hulp.
"""


async def test_brackets_in_every_user_text_show_literally_on_every_screen(db_path, methods,
                                                                          tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "haakjes.md").write_text(CASE_FILE)
    with Store(empty_db(db_path)) as store:
        import_cases(store, example_cases())
        import_cases(store, load_case_folder(folder))
    app = make_app(db_path, methods)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "Overleg [/] [bold")
        await pilot.press("tab")
        await type_text(pilot, "Team [link=x]")
        await press_until(pilot, "tab", lambda: app.focused.id == "region")
        await type_text(pilot, "Schagen [b]")
        await press_until(pilot, "tab", lambda: app.focused.id == "location")
        await type_text(pilot, "Buurthuis [/]")
        await pilot.press("tab")
        await type_text(pilot, "Jan [bold] de Vries")
        await press_until(pilot, "tab", lambda: app.focused.has_class("agenda-case"))
        await pilot.press("enter")
        await type_text(pilot, "Kwestie")
        await pilot.press("enter")
        await pilot.pause()
        assert "Kwestie [/] met [bold haakjes [link=x]" in screen_text(app)  # the preview
        await pilot.press("ctrl+g")  # plan and start
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        assert "Overleg [/] [bold" in screen_text(app)
        await type_text(pilot, "Notitie [/] [bold")
        for _ in range(3):
            await pilot.press("ctrl+n")
        await pilot.pause()
        await press_until(pilot, "ctrl+n", lambda: getattr(app.screen.workshop.step, "id", None) == "conclusions")
        await press_until(pilot, "tab", lambda: (app.focused.id or "").startswith("decisions-what"))
        await type_text(pilot, "Besluit [bold")
        await pilot.press("enter")
        await press_until(pilot, "tab", lambda: (app.focused.id or "").startswith("actions-what"))
        await type_text(pilot, "Bellen [/] [link=x]")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Besluit [bold" in text and "Bellen [/] [link=x]" in text
        await pilot.press("f9")  # the participant view
        await pilot.pause()
        assert "Besluit [bold" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "FinishScreen")
        await type_text(pilot, "Les [link=x] [/]")
        await pilot.press("enter")
        await pilot.press("ctrl+o")  # the minutes
        await until(pilot, lambda: type(app.screen).__name__ == "MinutesScreen")
        await until(pilot, lambda: "Jan [bold] de Vries" in screen_text(app))
        text = screen_text(app)
        assert "Overleg [/] [bold" in text and "Jan [bold] de Vries" in text
        await pilot.press("escape", "escape")
        assert await until(pilot, lambda: "Overleg [/] [bold" in screen_text(app))
        assert app.is_running


async def test_a_store_that_refuses_a_write_keeps_the_edit_and_the_app(db_path, methods,
                                                                       monkeypatch):
    with Store(empty_db(db_path)) as store:
        import_cases(store, example_cases())
        session = create_meeting(store, MeetingPlan(
            title="Overleg", group_name="Wijkteam Noord", date="2026-11-25",
            participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
            agenda=[PlannedItem("Opening")]), methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert await until(pilot, lambda: app.focused is not None and app.focused.id == "notes")
        real = app.store._upsert

        def locked(*args):
            raise StoreLocked("the database is locked by another program; try again")

        monkeypatch.setattr(app.store, "_upsert", locked)  # below every write of a row
        await type_text(pilot, "Wat gezegd is blijft")
        assert await until(pilot, lambda: "Not saved yet" in screen_text(app))
        await pilot.press("ctrl+n")  # moving on would lose the edit: the runner stays
        await pilot.pause()
        assert app.focused.id == "notes" and app.is_running
        monkeypatch.setattr(app.store, "_upsert", real)
        assert await until(pilot, lambda: "Saved." in screen_text(app), tries=100)
    with Store(db_path) as store:
        assert meeting_queries.agenda(store, session.id)[0].notes == "Wat gezegd is blijft"


@pytest.mark.parametrize("method_id", ["dilemma", "trage-vragen", "spanningen", "intervisie",
                                       "casusoverleg"])
async def test_every_field_of_every_step_is_in_sight_when_it_has_focus(db_path, methods,
                                                                       method_id):
    method = methods.get(method_id)
    with Store(empty_db(db_path)) as store:
        import_cases(store, example_cases())
        case = next((c for c in case_queries.cases(store) if c.suggested_method == method_id),
                    case_queries.cases(store)[0])
        create_meeting(store, MeetingPlan(
            title="Overleg", group_name="Wijkteam Noord", date="2026-11-25",
            participants=[PlannedParticipant(n, r) for n, r in [
                ("Anouk Visser", Role.CHAIR), ("Bram de Wit", Role.SECRETARY),
                ("Sander Kok", Role.CASE_OWNER), ("Yasmina El Idrissi", Role.PARTICIPANT)]],
            agenda=[PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW, case.id,
                                method_id)]), methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        for number, step in enumerate(method.steps, 1):
            await until(pilot, lambda: f"Step {number}/" in screen_text(app))
            # the title shows before the fields are built and the first one focused
            await until(pilot, lambda: app.focused in set(app.screen.query_one(
                "#fields").query("*")))
            fields = app.screen.query_one("#fields")
            inside = set(fields.query("*"))
            focusable = [w for w in app.screen.focus_chain if w in inside]  # what tab visits
            assert (app.focused in focusable) or not focusable, step.id
            visited = set()
            start = app.focused
            for key in ("shift+tab", "tab"):  # back to the first field, then on to the last
                for _ in range(len(focusable) + 2):
                    if app.focused not in inside:
                        break
                    assert await in_sight(pilot, app, app.focused), f"{method_id}/{step.id}: {app.focused}"
                    visited.add(app.focused)
                    await pilot.press(key)
                    await pilot.pause()
                if key == "shift+tab" and start is not None:  # back to where the step started
                    await press_until(pilot, "tab", lambda: app.focused is start)
            assert visited == set(focusable), step.id
            await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Finish the meeting?" in screen_text(app)


async def test_text_typed_fast_across_people_lands_in_the_field_tab_led_to(db_path, methods):
    """A secretary types on without waiting for the screen: every letter after a tab
    belongs to the next field, even where the tab scrolls to the next person."""
    with Store(empty_db(db_path)) as store:
        import_cases(store, example_cases())
        create_meeting(store, MeetingPlan(
            title="Overleg", group_name="Wijkteam Noord", date="2026-11-25",
            participants=[PlannedParticipant(n, r) for n, r in [
                ("Anouk Visser", Role.CHAIR), ("Bram de Wit", Role.SECRETARY),
                ("Sander Kok", Role.CASE_OWNER), ("Yasmina El Idrissi", Role.PARTICIPANT)]],
            agenda=[PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW,
                                "fraude-in-vertrouwen", "dilemma")]), methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        await press_until(pilot, "ctrl+n", lambda: app.screen.workshop.step.id == "choice")
        assert "col-choice" in app.focused.classes  # the first person's choice
        # Five answers for each of four people, typed as one stream of keys.
        words = ("Melden", "Rechtvaardigheid", "Niet wachten", "Eerst zelf vertellen", "Moed")
        answers = [f"{word} {n}" for n in range(1, 5) for word in words]
        await type_text(pilot, "\t".join(answers))
        await pilot.press("ctrl+n")  # stores the step
        await pilot.pause()
    with Store(db_path) as store:
        [item] = [i for s in meeting_queries.sessions(store) for i in meeting_queries.agenda(store, s.id)]
        stored = meeting_queries.entries(store, item.id)["choices"]
    typed = [list(a.values()) for a in stored.values()]
    assert typed == [answers[i:i + 5] for i in range(0, 20, 5)]


@pytest.mark.parametrize("key, field, typed", [("n", "title", "Moreel beraad december"),
                                               ("s", "query", "thuiszorg")])
async def test_letters_typed_right_after_opening_a_screen_land_in_its_first_field(
        db_path, methods, key, field, typed):
    """Nobody waits for a screen to appear before typing: the keys after `n` (or `s`) are
    queued in one go and all reach the new screen's first field."""
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, key + typed)
        assert await until(pilot, lambda: app.focused is not None and app.focused.id == field
                           and typed in screen_text(app))
