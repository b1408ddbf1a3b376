"""Planning for a group met before: the group's name typed in part, in any case, and Tab
takes the name the field suggests, with the last meeting's people (found by a newcomer's
walk: Tab left "regionale werkgroep" as typed, a new group without people)."""

from __future__ import annotations

from livinglab.storage.store import Store

from apptools import make_app, screen_text, toasts, type_text, until
from conftest import empty_db, plan_dilemma_meeting


async def test_tab_takes_the_group_the_field_suggests_with_its_people(db_path, methods):
    with Store(empty_db(db_path)) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        plan_dilemma_meeting(store, methods)  # Wijkteam Havenkwartier, Anouk Visser chairs
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
        await type_text(pilot, "Overleg januari")
        await pilot.press("tab")
        assert app.focused.id == "group"
        await type_text(pilot, "wijkteam hav")
        await pilot.press("tab")
        assert await until(pilot, lambda: "Wijkteam Havenkwartier" in screen_text(app))
        # the last meeting's people come with it
        assert await until(pilot, lambda: any(
            "The members who were at the group's last meeting are filled in." in toast
            and "Absent last time, not filled in: Karin Smit." in toast
            for toast in toasts(app)))
