"""A meeting planned for a later day asks before it starts today: its minutes would say it
was held today, under the date it was planned for (found by a newcomer's walk)."""

from __future__ import annotations

from livinglab.meeting.planning import PlannedItem
from livinglab.models import Session, SessionStatus
from livinglab.storage.store import Store

from apptools import make_app, screen_text, until
from conftest import empty_db
from test_chair import plan


async def test_a_meeting_planned_for_next_week_asks_before_it_starts(db_path, methods):
    with Store(empty_db(db_path)) as store:
        session = plan(store, methods, "2026-12-09", [PlannedItem("Opening")],
                       title="Overleg december")  # today is 25-11-2026 in the tests
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "Overleg december" in screen_text(app))
        await pilot.press("enter")
        assert await until(pilot, lambda: "planned for 09-12-2026" in " ".join(
            screen_text(app).split()))
        await pilot.press("enter")  # the cursor is on Cancel: it stays planned
        assert await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        with Store(db_path) as store:
            assert store.get(Session, session.id).status == SessionStatus.PLANNED
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("shift+tab", "enter")  # Start today
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
    with Store(db_path) as store:
        assert store.get(Session, session.id).status == SessionStatus.RUNNING


async def test_a_meeting_planned_for_today_starts_at_once(db_path, methods):
    with Store(empty_db(db_path)) as store:
        plan(store, methods, "2026-11-25", [PlannedItem("Opening")], title="Overleg vandaag")
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "Overleg vandaag" in screen_text(app))
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
