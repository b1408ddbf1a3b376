"""The region typed where the group is made or kept, by keys only (issue 24): then a place
of the region stays in the shareable minutes the app saves while another place is
replaced; a group without a region is told why its own places went."""

from __future__ import annotations

import pytest

from livinglab.live.workshop import Workshop
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.meeting.region import region_places
from livinglab.models import Group, Role
from livinglab.storage.store import Store

from apptools import make_app, press_until, screen_text, toasts, type_text, until
from test_capture_app import tab_to_id
from conftest import seeded_db

POLICY = ("De gemeente Schagen zet in op preventie, net als Hollands Kroon; "
          "de cliënt verhuist naar Groningen.")


def a_meeting(store, methods, title="Overleg november", finished=True):
    session = create_meeting(store, MeetingPlan(
        title=title, group_name="Wijkteam Noord", date="2026-11-25",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
        agenda=[PlannedItem("Opening")]), methods)
    if finished:
        w = Workshop(store, session.id, methods)
        w.start()
        w.set_notes(POLICY)
        w.finish()
    return session


@pytest.fixture
def finished_db(db_path, methods, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # the minutes screen offers to save in the working folder
    with Store(seeded_db(db_path)) as store:
        a_meeting(store, methods)
    return db_path


async def save_shareable(pilot, app):
    """From home: the newest finished meeting's minutes, shareable, s: the question."""
    from livinglab.tui.screens.minutes_preview import MinutesScreen, PersonalDataDialog

    await pilot.press("enter")
    assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
    await pilot.press("t")
    assert await until(pilot, lambda: "Shareable minutes" in screen_text(app))
    await pilot.press("s")
    assert await until(pilot, lambda: isinstance(app.screen, PersonalDataDialog)
                       and getattr(app.focused, "id", None) == "pseudonymise")


async def test_the_region_typed_under_the_roster_keeps_its_places_in_the_shareable_minutes(
        finished_db, methods, tmp_path):
    from livinglab.tui.screens.home import HomeScreen
    from livinglab.tui.screens.roster import RosterScreen
    from livinglab.tui.widgets.dialogs import AskDialog

    app = make_app(finished_db, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        # No region yet: the group's own municipalities are findings, and the question
        # says why in one line.
        await save_shareable(pilot, app)
        text = screen_text(app)
        assert "(3 findings)" in text and "No region known: every place name is replaced." in text
        await pilot.press("escape")
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        # g: the group; tab to its region, type it, enter.
        await pilot.press("g")
        assert await until(pilot, lambda: isinstance(app.screen, RosterScreen))
        assert "Municipalities of the region (comma-separated), then enter" in screen_text(app)
        await tab_to_id(pilot, app, "region")
        await type_text(pilot, "Schagen, Hollands  Kroon,")
        await pilot.press("enter")
        assert await until(pilot, lambda: "Region of Wijkteam Noord: Hollands Kroon, Schagen"
                           in " ".join(toasts(app)).replace("\n", " "))
        with Store(finished_db) as store:
            group = next(g for g in store.rows(Group) if g.name == "Wijkteam Noord")
            assert region_places(store, group.id) == ["Hollands Kroon", "Schagen"]
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        # The same minutes: only the place outside the region is a finding now.
        await save_shareable(pilot, app)
        text = screen_text(app)
        assert "(1 findings)" in text and "line 15: place of residence: G********" in text
        assert "No region known" not in text
        await pilot.press("enter")  # pseudonymise
        assert await until(pilot, lambda: isinstance(app.screen, AskDialog))
        await pilot.press("enter")
        saved = tmp_path / "2026-11-25-wijkteam-noord-deelbaar.md"
        assert await until(pilot, saved.exists)
    text = saved.read_text("utf-8")
    assert "De gemeente Schagen zet in op preventie, net als Hollands Kroon;" in text
    assert "Groningen" not in text and r"verhuist naar \[place of residence\]" in text


async def test_a_group_without_region_is_told_after_saving_shareable_minutes(
        finished_db, methods, tmp_path):
    from livinglab.tui.widgets.dialogs import AskDialog

    app = make_app(finished_db, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await save_shareable(pilot, app)
        await pilot.press("enter")  # pseudonymise
        assert await until(pilot, lambda: isinstance(app.screen, AskDialog))
        await pilot.press("enter")
        saved = tmp_path / "2026-11-25-wijkteam-noord-deelbaar.md"
        assert await until(pilot, saved.exists)
        assert await until(pilot, lambda: any(
            "No region known: every place name is replaced." in t.replace("\n", " ")
            for t in toasts(app)))
    assert "Schagen" not in saved.read_text("utf-8")


async def test_the_new_meeting_form_shows_a_known_groups_region_and_stores_a_change(
        db_path, methods):
    from livinglab.tui.screens.home import HomeScreen
    from livinglab.tui.widgets.dialogs import ConfirmDialog

    with Store(seeded_db(db_path)) as store:
        session = a_meeting(store, methods, "Overleg december", finished=False)
        from livinglab.meeting.region import add_region_place

        add_region_place(store, session.group_id, "Hollands Kroon")
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        # A new meeting: typing the known group fills in its region.
        await pilot.press("n")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
        assert "Municipalities of the region (comma-separated)" in screen_text(app)
        await pilot.press("tab")
        await type_text(pilot, "Wijkteam Noord")
        assert await until(pilot, lambda: app.screen.query_one("#region").value
                           == "Hollands Kroon")
        # Leave it (the first escape closes the group's suggestion): asked, yes.
        await press_until(pilot, "escape", lambda: isinstance(app.screen, ConfirmDialog), 3)
        await pilot.press("shift+tab", "enter")  # from "Cancel" to "Leave"
        assert await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        # The planned meeting, edited: its group's region shown, changed and stored.
        await pilot.press("e")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
        await tab_to_id(pilot, app, "region")
        assert app.focused.value == "Hollands Kroon"
        await pilot.press("ctrl+a")
        await type_text(pilot, "Schagen; Den Helder")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: isinstance(app.screen, HomeScreen))
    with Store(db_path) as store:
        assert region_places(store, session.group_id) == ["Den Helder", "Schagen"]


async def test_t_shows_the_shareable_practice_report_and_s_saves_it(
        db_path, methods, monkeypatch, tmp_path):
    from test_practice import SOLO_ANSWERS, run_solo

    from livinglab.tui.screens.practice import PracticeReportScreen, PracticeStartScreen
    from livinglab.tui.widgets.dialogs import AskDialog

    monkeypatch.chdir(tmp_path)
    with Store(seeded_db(db_path)) as store:
        run_solo(store, methods, answers={
            **SOLO_ANSWERS, "situation": "Mevrouw D. woont in Schagen. Lisa de Boer belt haar."})
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert await until(pilot, lambda: isinstance(app.screen, PracticeStartScreen))
        await tab_to_id(pilot, app, "practice-runs")
        await pilot.press("enter")  # the finished run: its report
        assert await until(pilot, lambda: isinstance(app.screen, PracticeReportScreen))
        assert "Practised by: Lisa de Boer" in screen_text(app)
        await pilot.press("t")
        assert await until(pilot, lambda: "Shareable practice report" in screen_text(app)
                           and "Practised by: Participant" in screen_text(app))
        await pilot.press("end")
        assert await until(pilot, lambda: "so no region is known" in screen_text(app))
        await pilot.press("s")
        assert await until(pilot, lambda: isinstance(app.screen, AskDialog))
        await pilot.press("enter")
        saved = tmp_path / "2026-11-25-twee-bazen-thuiszorg-deelbaar.md"
        assert await until(pilot, saved.exists)
    text = saved.read_text("utf-8")
    assert "Schagen" not in text and "Lisa de Boer" not in text
    assert r"woont in \[place of residence\]. Participant belt haar." in text
    assert text.rstrip().endswith("This practice run belongs to no group, so no region is "
                                  "known: every place name is replaced.*")


async def test_the_region_is_saved_by_mouse_too(finished_db, methods):
    from livinglab.tui.screens.roster import RosterScreen

    app = make_app(finished_db, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g")
        assert await until(pilot, lambda: isinstance(app.screen, RosterScreen))
        assert await pilot.click("#region")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "region")
        await type_text(pilot, "Texel")
        assert await pilot.click("#save-region")
        assert await until(pilot, lambda: any("Region of Wijkteam Noord: Texel" in t
                                              for t in toasts(app)))
    with Store(finished_db) as store:
        group = next(g for g in store.rows(Group) if g.name == "Wijkteam Noord")
        assert region_places(store, group.id) == ["Texel"]


async def test_a_place_too_long_is_refused_with_a_message_and_what_was_kept_stays(
        finished_db, methods):
    from livinglab.meeting.region import add_region_place
    from livinglab.tui.screens.roster import RosterScreen

    with Store(finished_db) as store:
        group = next(g for g in store.rows(Group) if g.name == "Wijkteam Noord")
        add_region_place(store, group.id, "Schagen")
    app = make_app(finished_db, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g")
        assert await until(pilot, lambda: isinstance(app.screen, RosterScreen))
        await tab_to_id(pilot, app, "region")
        assert app.focused.value == "Schagen"  # what is kept, filled in
        await type_text(pilot, ", " + "Noord" * 20)
        await pilot.press("enter")
        assert await until(pilot, lambda: any("A place of at most 80 characters" in t
                                              for t in toasts(app)))
        assert app.focused.id == "region" and app.focused.value.startswith("Schagen, Noord")
    with Store(finished_db) as store:
        assert region_places(store, group.id) == ["Schagen"]
