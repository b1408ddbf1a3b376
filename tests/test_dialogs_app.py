"""Capture under the conditions of a real meeting room (issue 30), by keys and clicks:
quitting asks where typing would be lost, dialogs keep what is typed as a draft, every
dialog closes by mouse, the key bar and the home list fit narrow and wide terminals."""

from __future__ import annotations

import datetime as dt

from livinglab import i18n
from livinglab.models import AgendaKind, Role, SessionStatus
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store

from apptools import close_toasts, make_app, screen_text, toasts, type_text, until
from conftest import empty_db
from test_chair import forward_to, kinds_agenda, open_meeting, prepared, tab_to
from livinglab.meeting import queries as meeting_queries


def screen_name(app) -> str:
    return type(app.screen).__name__


def notified(app, text: str) -> bool:
    """A toast on screen says it."""
    return any(text in toast for toast in toasts(app))


def drafts_stored(db_path) -> list[tuple[str, str]]:
    with Store(db_path) as store:
        return [(key, values) for key, values in store.conn.execute(
            "select key, dialog_values from drafts")]


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
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        assert await until(pilot, lambda: notified(app, "Druk op ctrl+q om het programma af "
                                                        "te sluiten"))
        assert [toast.splitlines()[0] for toast in toasts(app)] == ["Wil je afsluiten?"]
        await close_toasts(pilot)
        assert app.screen.query_one("HeaderIcon").tooltip == "Open het opdrachtenpalet"
        await pilot.press("ctrl+p")
        await type_text(pilot, "xyzzy")
        assert await until(pilot, lambda: "Niets gevonden" in screen_text(app))


# --- drafts --------------------------------------------------------------------------------


async def test_a_reason_typed_in_the_follow_up_dialog_survives_a_closed_app(db_path, methods):
    first, _second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await forward_to(pilot, app, AgendaKind.ACTION_FOLLOW_UP)
        await tab_to(pilot, app, lambda w: w.id == "follow-up")
        await pilot.press("enter")
        assert await until(pilot, lambda: getattr(app.focused, "id", "") == "outcome")
        await pilot.press("enter", "down", "down", "down", "enter")  # dropped
        await tab_to(pilot, app, lambda w: w.id == "reason")
        await type_text(pilot, "Loopt nu via de wijkagent")
        await pilot.press("ctrl+q")  # the draft is stored: nothing to ask
        assert await until(pilot, lambda: app.return_code == 0)
    [(key, values)] = drafts_stored(db_path)
    assert "Loopt nu via de wijkagent" in values and "dropped" in values

    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(pilot, lambda: screen_name(app) == "ConfirmDialog")  # resume it?
        await pilot.press("enter")
        assert await until(pilot, lambda: screen_name(app) == "RunnerScreen")
        await pilot.pause()
        await tab_to(pilot, app, lambda w: w.id == "follow-up")
        await pilot.press("enter")
        assert await until(pilot, lambda: "Loopt nu via de wijkagent" in screen_text(app))
        assert await until(pilot, lambda: notified(app, "What you typed here before is back."))
        await close_toasts(pilot)
        await tab_to(pilot, app, lambda w: w.id == "reason")
        await pilot.press("enter")  # the answer, with the reason typed last time
        assert await until(pilot, lambda: screen_name(app) == "RunnerScreen")
        assert await until(pilot, lambda: "dropped — Klantmanager bellen" in screen_text(app))
    assert drafts_stored(db_path) == []
    with Store(db_path) as store:
        [action] = meeting_queries.actions(store, session_id=first.id)
        [event] = meeting_queries.action_events(store, [action.id])
    assert event.reason == "Loopt nu via de wijkagent"


# --- the mouse -----------------------------------------------------------------------------

ASK = "Close? What you typed here is not kept."


async def test_every_dialog_closes_by_its_close_button_and_by_a_click_beside_it(
        db_path, methods):
    first, _second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await forward_to(pilot, app, AgendaKind.ACTION_FOLLOW_UP)

        async def open_follow_up() -> None:
            await tab_to(pilot, app, lambda w: w.id == "follow-up")
            await pilot.press("enter")

        async def press(key: str):
            async def opener() -> None:
                await pilot.press(key)
            return opener

        openers = {"HelpScreen": await press("f1"), "AttendanceScreen": await press("ctrl+r"),
                   "ReadOnlyView": await press("f9"), "FollowUpDialog": open_follow_up,
                   "ConfirmDialog": await press("f10")}
        for dialog, opener in openers.items():
            for click in ("CloseBar CloseButton", None):
                await opener()
                assert await until(pilot, lambda: screen_name(app) == dialog), dialog
                await pilot.pause()
                if click:
                    assert await pilot.click(click), dialog
                else:
                    assert await pilot.click(offset=(0, 0)), dialog  # beside the dialog
                assert await until(pilot, lambda: screen_name(app) == "RunnerScreen"), (
                    dialog, click)
    with Store(db_path) as store:  # closed without an answer: nothing stored
        [action] = meeting_queries.actions(store, session_id=first.id)
        assert meeting_queries.action_events(store, [action.id]) == []
        assert meeting_queries.sessions(store, status=None)[0].status != "finished"


async def test_a_click_beside_a_dialog_with_typing_asks_first(db_path, methods):
    app = make_app(db_path, methods)
    with Store(db_path) as store:
        create_meeting(store, MeetingPlan(
            title="Overleg", group_name="Wijkteam Noord", date="2026-11-25",
            participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
            agenda=[PlannedItem("Opening")]), methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # start it
        assert await until(pilot, lambda: screen_name(app) == "RunnerScreen")
        await pilot.press("ctrl+r")
        assert await until(pilot, lambda: screen_name(app) == "AttendanceScreen")
        await tab_to(pilot, app, lambda w: w.id == "latecomer")
        await type_text(pilot, "Karin Smit")
        await pilot.click(offset=(0, 0))
        assert await until(pilot, lambda: ASK in screen_text(app))
        await pilot.press("enter")  # Cancel: the name is still there to add
        assert await until(pilot, lambda: screen_name(app) == "AttendanceScreen")
        assert app.focused.value == "Karin Smit"
        await pilot.click("CloseBar CloseButton")
        assert await until(pilot, lambda: ASK in screen_text(app))
        await pilot.click("#yes")
        assert await until(pilot, lambda: screen_name(app) == "RunnerScreen")
    with Store(db_path) as store:
        assert "Karin Smit" not in {p.name for p in meeting_queries.people(store)}


async def test_the_save_as_dialog_closes_by_mouse_and_asks_once_its_name_was_typed(
        db_path, methods, tmp_path):
    first, _second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#meetings")
        await pilot.press("down" if table.get_row_index(first.id) else "up", "enter")
        assert await until(pilot, lambda: screen_name(app) == "MinutesScreen")
        await pilot.press("s")
        assert await until(pilot, lambda: screen_name(app) == "AskDialog")
        await pilot.click("CloseBar CloseButton")  # the name offered, untouched: no question
        assert await until(pilot, lambda: screen_name(app) == "MinutesScreen")
        await pilot.press("s")
        assert await until(pilot, lambda: screen_name(app) == "AskDialog")
        await pilot.press(*"-v2")
        await pilot.click(offset=(0, 0))
        assert await until(pilot, lambda: ASK in screen_text(app))
        await pilot.click("#yes")
        assert await until(pilot, lambda: screen_name(app) == "MinutesScreen")
    assert not [path for path in tmp_path.rglob("*.md")]


# --- narrow and wide -------------------------------------------------------------------------


async def test_a_dialog_taller_than_the_terminal_scrolls_and_opens_at_its_question(
        db_path, methods):
    first, _second = prepared(db_path, methods, kinds_agenda())
    i18n.set_language("nl")  # the longer labels
    app = make_app(db_path, methods)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await forward_to(pilot, app, AgendaKind.ACTION_FOLLOW_UP)
        await tab_to(pilot, app, lambda w: w.id == "follow-up")
        await pilot.press("enter")
        assert await until(pilot, lambda: getattr(app.focused, "id", "") == "outcome")
        await pilot.pause()
        assert "Klantmanager bellen" in screen_text(app)  # what the dialog is about
        assert app.screen.query_one(".dialog").max_scroll_y > 0  # 20 rows are too few
        await tab_to(pilot, app, lambda w: w.id == "ok")
        box = app.screen.query_one(".dialog")
        assert await until(pilot, lambda: box.content_region.contains_region(
            app.screen.query_one("#ok").region))  # scrolled into the dialog's sight
        await pilot.click("#ok")
        assert await until(pilot, lambda: screen_name(app) == "RunnerScreen")
    with Store(db_path) as store:
        [action] = meeting_queries.actions(store, session_id=first.id)
        assert [e.outcome for e in meeting_queries.action_events(store, [action.id])] == ["done"]


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
    with Store(empty_db(db_path)) as store:
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


async def test_home_tells_meetings_of_one_group_apart_and_selects_one_just_planned(
        db_path, methods):
    # A walker's two meetings read "Lerende gemeenschap Kop —…" both at 80 columns, and
    # after planning the second, enter opened the first.
    from livinglab.library.cases import example_cases, import_cases
    from livinglab.meeting import queries as meeting_queries

    with Store(empty_db(db_path)) as store:
        import_cases(store, example_cases())
        create_meeting(store, MeetingPlan(
            title="Lerende gemeenschap Kop — eerste bijeenkomst",
            group_name="Lerende gemeenschap Kop", date="2026-11-25",
            participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
            agenda=[PlannedItem("Opening")]), methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "eerste bijeenkomst" in screen_text(app))
        await pilot.press("n")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
        await pilot.press("ctrl+a", *"Lerende gemeenschap Kop - tweede bijeenkomst")
        await pilot.press("tab")
        await pilot.press("ctrl+a", *"Lerende gemeenschap Kop")
        for _ in range(40):  # the case review of the proposed agenda needs its case
            if app.focused.has_class("agenda-case"):
                break
            await pilot.press("tab")
        await pilot.press("enter", *"Fraude", "enter")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: screen_name(app) == "HomeScreen")
        assert await until(pilot, lambda: "tweede bijeenkomst" in screen_text(app))
        rows = [line for line in screen_text(app).splitlines() if "bijeenkomst" in line]
        assert any("tweede bijeenkomst" in r for r in rows) and any(
            "eerste bijeenkomst" in r for r in rows), rows
        await pilot.press("enter")  # the one just planned, not the one selected before
        assert await until(pilot, lambda: screen_name(app) in ("RunnerScreen", "ConfirmDialog"))
    with Store(db_path) as store:
        [running] = meeting_queries.sessions(store, status=SessionStatus.RUNNING)
        assert running.title == "Lerende gemeenschap Kop - tweede bijeenkomst"
