"""Capture under the conditions of a real meeting room (issue 30), by keys and clicks:
quitting asks where typing would be lost, dialogs keep what is typed as a draft, every
dialog closes by mouse, the key bar and the home list fit narrow and wide terminals."""

from __future__ import annotations

import datetime as dt

from livinglab import i18n
from livinglab.models import Role
from livinglab.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.store import Store

from apptools import make_app, screen_text, type_text, until


def screen_name(app) -> str:
    return type(app.screen).__name__


def notified(app, text: str) -> bool:
    return any(text in n.message for n in app._notifications)


# --- quitting ------------------------------------------------------------------------------


async def test_ctrl_q_asks_first_when_the_new_meeting_form_holds_typing(db_path, methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Moreel beraad januari")
        await pilot.press("ctrl+q")
        assert await until(pilot, lambda: "Quit? What you typed in the open form or dialog "
                                          "is not kept." in screen_text(app))
        assert app.return_code is None
        await pilot.press("enter")  # Cancel has the focus: back to the form, text and all
        assert await until(pilot, lambda: screen_name(app) == "NewMeetingScreen")
        assert "Moreel beraad januari" in screen_text(app)
        await pilot.press("ctrl+q")
        assert await until(pilot, lambda: screen_name(app) == "ConfirmDialog")
        await pilot.press("ctrl+q")  # a second ctrl+q quits after all
        assert await until(pilot, lambda: app.return_code == 0)


async def test_ctrl_q_quits_at_once_when_nothing_typed_would_be_lost(db_path, methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert await until(pilot, lambda: screen_name(app) == "NewMeetingScreen")
        await pilot.press("ctrl+q")
        assert await until(pilot, lambda: app.return_code == 0)
        assert screen_name(app) == "NewMeetingScreen"  # no question was asked


async def test_textual_s_own_texts_speak_dutch(db_path, methods):
    i18n.set_language("nl")
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        assert await until(pilot, lambda: notified(app, "Druk op ctrl+q om het programma af "
                                                        "te sluiten"))
        assert [n.title for n in app._notifications] == ["Wil je afsluiten?"]
        assert app.screen.query_one("HeaderIcon").tooltip == "Open het opdrachtenpalet"
        await pilot.press("ctrl+p")
        await type_text(pilot, "xyzzy")
        assert await until(pilot, lambda: "Niets gevonden" in screen_text(app))


# --- narrow and wide -------------------------------------------------------------------------


async def test_the_key_bar_keeps_help_and_the_palette_at_60_columns(db_path, methods):
    i18n.set_language("nl")
    app = make_app(db_path, methods)
    async with app.run_test(size=(60, 20)) as pilot:
        for screen, key in (("HomeScreen", None), ("NewMeetingScreen", "n")):
            if key:
                await pilot.press(key)
            assert await until(pilot, lambda: screen_name(app) == screen)
            await pilot.pause()
            bar = screen_text(app).splitlines()[-1]
            assert "f1" in bar.split("▏")[-1] and bar.rstrip().endswith("^p"), (screen, bar)
        await pilot.click("KeyBar", offset=(bar.index("f1"), 0))
        assert await until(pilot, lambda: screen_name(app) == "HelpScreen")


async def test_home_shows_every_column_after_widening_and_narrowing(db_path, methods):
    with Store(db_path) as store:
        for n in range(3):
            create_meeting(store, MeetingPlan(
                title=f"Moreel beraad over de wachtlijst voor beschermd wonen, deel {n}",
                group_name="Regionale werkgroep Kust en Achterland", date=str(
                    dt.date(2026, 11, 25) + dt.timedelta(weeks=n)),
                participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
                agenda=[PlannedItem("Opening")]), methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        for width, height in ((80, 24), (200, 60), (80, 24), (60, 20)):
            await pilot.resize_terminal(width, height)
            assert await until(pilot, lambda: app.screen.size.width == width)
            await pilot.pause()
            header = next(line for line in screen_text(app).splitlines() if "Status" in line)
            assert all(label in header for label in ("Status", "When", "Title", "Group")), (
                width, header)
            rows = [line for line in screen_text(app).splitlines() if "Moreel" in line]
            assert len(rows) == 3 and all("Regionale" in row for row in rows), (width, rows)
