"""What is typed lands where it was typed, whatever the timing of the keys (issues 22, 30).

Keys are sent as a burst: every character and then the moving key queued at once, as a paste
without bracketed paste, a text expander or a busy machine delivers them. A priority key
(ctrl+n, ctrl+o) overtakes keys the field has not placed yet: the screen must still store
each text in its own agenda item, step and field, and show what it stored.
"""

from __future__ import annotations

import json

from textual import events
from textual.widgets import Input, TextArea

from livinglab.models import AgendaKind
from livinglab.meeting.planning import PlannedItem
from livinglab.storage.store import Store

from apptools import (
    in_sight, make_app, press_until, screen_text, send_burst, toasts, type_text, until,
)
from conftest import seeded_db
from test_chair import open_meeting, plan
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries


def send_paste(pilot, text: str) -> None:
    """A bracketed paste, as a terminal sends it."""
    event = events.Paste(text)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)


async def settle(pilot, app) -> None:
    await pilot.pause()
    await until(pilot, lambda: not getattr(getattr(app.screen, "edits", None), "pending", None),
                tries=40)
    await pilot.pause()


def plan_a_slow_question(db_path, methods) -> None:
    store = library(db_path)
    plan(store, methods, "2026-11-25", [
        PlannedItem("Casus", AgendaKind.CASE_REVIEW, "menselijke-maat", "trage-vragen")],
        title="Burst")
    store.close()


async def to_the_next_step(pilot, app) -> None:
    """To the slow question's last step: what the group decides and does next."""
    for _ in range(10):
        if app.screen.workshop.step.id == "next":
            return
        await pilot.press("ctrl+n")
        await pilot.pause()
    raise AssertionError("never reached the step 'next'")


async def tab_to_id(pilot, app, widget_id: str) -> None:
    for _ in range(10):
        if app.focused.id == widget_id:
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"never reached {widget_id}; focus is on {app.focused}")


def library(db_path) -> Store:
    """A store with the example cases, as the app makes it on first start."""
    return Store(seeded_db(db_path))


def stored(db_path):
    store = Store(db_path)
    try:
        session = next(s for s in meeting_queries.sessions(store) if s.title == "Burst")
        items = meeting_queries.agenda(store, session.id)
        return store, session, items
    except Exception:
        store.close()
        raise


def three_items_planned(db_path, methods):
    """The app on a meeting "Burst" of three items: Opening, Mededelingen, Rondvraag."""
    store = library(db_path)
    plan(store, methods, "2026-11-25", [PlannedItem("Opening"), PlannedItem("Mededelingen"),
                                        PlannedItem("Rondvraag")], title="Burst")
    store.close()
    return make_app(db_path, methods)


async def a_line_in_each_then_back_to_the_first(pilot, app) -> None:
    """Open "Burst", type "Regel n." in each item's notes, go back to the first."""
    await open_meeting(pilot, app, "Burst")
    for n in (1, 2, 3):
        await pilot.press(*f"Regel {n}.")
        if n < 3:
            await pilot.press("ctrl+n")
            await pilot.pause()
    await pilot.press("ctrl+o")
    await pilot.pause()
    await pilot.press("ctrl+o")
    await settle(pilot, app)


async def test_a_burst_then_ctrl_n_stays_in_its_own_agenda_item(db_path, methods):
    app = three_items_planned(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await a_line_in_each_then_back_to_the_first(pilot, app)
        assert app.screen.workshop.item_index == 0
        # At the first item: a burst and ctrl+n at once, twice.
        send_burst(pilot, " Stoot een, snel getypt zonder pauze.", "ctrl+n")
        await settle(pilot, app)
        send_burst(pilot, " Stoot twee, ook zonder pauze.", "ctrl+n")
        await settle(pilot, app)
        assert app.screen.workshop.item_index == 2
        assert "Regel 3." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

    store, session, items = stored(db_path)
    assert [i.notes for i in items] == [
        "Regel 1. Stoot een, snel getypt zonder pauze.",
        "Regel 2. Stoot twee, ook zonder pauze.",
        "Regel 3.",
    ]
    store.close()


async def test_two_bursts_each_with_ctrl_n_sent_at_once_stay_in_their_own_items(db_path,
                                                                                methods):
    """The second burst arrives while the first ctrl+n still moves (found in a real
    terminal): the next item's field has the cursor before those keys are placed, so the
    second line lands in the second item instead of nowhere."""
    app = three_items_planned(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await a_line_in_each_then_back_to_the_first(pilot, app)
        send_burst(pilot, " Stoot een.", "ctrl+n")
        send_burst(pilot, " Stoot twee.", "ctrl+n")  # no pause between the two
        assert await until(pilot, lambda: "Item 3/3" in screen_text(app))
        await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
    store, session, items = stored(db_path)
    assert [i.notes for i in items] == ["Regel 1. Stoot een.", "Regel 2. Stoot twee.",
                                        "Regel 3."]
    store.close()


async def test_a_burst_into_each_step_then_ctrl_n_is_stored_in_that_step(db_path, methods):
    store = library(db_path)
    plan(store, methods, "2026-11-25", [
        PlannedItem("Casus", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen", "dilemma"),
        PlannedItem("Spanning", AgendaKind.CASE_REVIEW, "eigen-kracht-zorgplicht", "spanningen"),
        PlannedItem("Sluiting", AgendaKind.CLOSING_ROUND)], title="Burst")
    store.close()
    app = make_app(db_path, methods)
    typed: list[tuple[str, str, str]] = []  # (item id, field key, text)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        for _ in range(30):
            w = app.screen.workshop
            if not w.is_review:
                break
            before = (w.item_index, w.step_index)
            focused = app.focused
            if isinstance(focused, (Input, TextArea)):
                editor = next(a for a in focused.ancestors if hasattr(a, "field"))
                text = f"Stap {w.item_index}-{w.step_index} snel gezegd"
                typed.append((w.item.id, editor.field.key, text))
                send_burst(pilot, text, "ctrl+n")
            else:
                await pilot.press("ctrl+n")
            # The next step is on screen, its first field focused, before the next burst.
            await until(pilot, lambda: (app.screen.workshop.item_index,
                                        app.screen.workshop.step_index) != before)
            await settle(pilot, app)
        assert app.screen.workshop.item.kind == AgendaKind.CLOSING_ROUND
        await pilot.press("escape")
        await pilot.pause()

    store, session, items = stored(db_path)
    assert len(typed) > 12
    for item_id, key, text in typed:
        entries = meeting_queries.entries(store, item_id)
        rows = ([d.text for d in meeting_queries.decisions(store, session.id, item_id=item_id)]
                + [a.what for a in meeting_queries.actions(store, item_id=item_id)])
        where = json.dumps(entries.get(key), ensure_ascii=False) + json.dumps(rows)
        assert text in where, f"{text!r} not stored in {key}"
        others = {k: v for k, v in entries.items() if k != key}
        assert text not in json.dumps(others, ensure_ascii=False), f"{text!r} also elsewhere"
    store.close()


async def test_decisions_sent_in_one_burst_are_separate_rows_stored_once(db_path, methods):
    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await to_the_next_step(pilot, app)
        await settle(pilot, app)
        await tab_to_id(pilot, app, "decisions-what")  # past the question's status
        send_burst(pilot, "Besluit een", "enter")
        send_burst(pilot, "Besluit twee", "enter")
        send_burst(pilot, "Besluit drie", "enter")
        await settle(pilot, app)
        await until(pilot, lambda: "Besluit drie" in screen_text(app))
        # A paste of three lines into the decision field: a row for each line.
        send_paste(pilot, "\nVier: de wijkcoach belt\nVijf: de casus terug in januari\n\nZes\n")
        await settle(pilot, app)
        await until(pilot, lambda: "Zes" in screen_text(app))
        # Typed but not confirmed, then on (the last step: ctrl+n offers to finish): added,
        # not emptied, and said so.
        await pilot.press(*"Zeven zonder enter")
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("escape")
        await pilot.pause()
        assert await until(pilot, lambda: "Zeven zonder enter" in screen_text(app)), app.focused
        assert app.screen.query_one("#decisions-what").value == "", app.focused
        await pilot.press("escape")
        await pilot.pause()

    store, session, items = stored(db_path)
    assert [d.text for d in meeting_queries.decisions(store, session.id)] == [
        "Besluit een", "Besluit twee", "Besluit drie", "Vier: de wijkcoach belt",
        "Vijf: de casus terug in januari", "Zes", "Zeven zonder enter"]
    store.close()


async def test_an_action_left_with_a_wrong_date_keeps_the_chair_on_the_step(db_path, methods):
    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        w = app.screen.workshop
        await to_the_next_step(pilot, app)
        await pilot.press("tab")  # past the decision to the action
        await pilot.pause()
        await tab_to_id(pilot, app, "actions-what")
        await pilot.press(*"Huisarts bellen", "tab", "tab", *"morgen")
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert w.step.id == "next"  # not moved on: the date cannot be read
        # The problem says how to type a date.
        assert await until(pilot, lambda: "25-11-2026" in screen_text(app), tries=200), \
            screen_text(app)
        assert app.focused.id == "actions-what" and app.focused.value == "Huisarts bellen"
        await pilot.press("escape")
        await pilot.pause()
    store, session, items = stored(db_path)
    assert meeting_queries.actions(store, session.id) == []
    store.close()


async def test_a_date_typed_at_the_conclusions_is_stored_and_a_wrong_one_said_at_the_field(
        db_path, methods):
    """The dilemma's step 9 asks when the group evaluates its agreements: typed as every
    date in the app, stored as ISO; a day that does not exist keeps the chair on the step."""
    plan_a_dilemma(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        w = app.screen.workshop
        await press_until(pilot, "ctrl+n", lambda: w.step.id == "conclusions", most=12)
        await tab_to_id(pilot, app, "evaluate_on-date")
        await type_text(pilot, "31-02-2027")
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert w.step.id == "conclusions"  # not moved on: there is no 31 February
        assert "No such day; type a date such as 25-11-2026." in screen_text(app)
        assert app.focused.id == "evaluate_on-date" and app.focused.value == "31-02-2027"
        await pilot.press("ctrl+a", "backspace")
        await type_text(pilot, "25/11/26")
        await pilot.press("shift+tab")  # leaving the field shows the date as it was read
        await pilot.pause()
        assert "No such day" not in screen_text(app)
        assert app.screen.query_one("#evaluate_on-date", Input).value == "25-11-2026"
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert w.step.id == "evaluation"
        await pilot.press("ctrl+o")  # back: the field shows the stored date
        await until(pilot, lambda: w.step.id == "conclusions")
        assert await until(pilot, lambda: app.screen.query("#evaluate_on-date"))
        assert app.screen.query_one("#evaluate_on-date", Input).value == "25-11-2026"
    store, session, items = stored(db_path)
    assert meeting_queries.entries(store, items[0].id)["evaluate_on"] == "2026-11-25"
    store.close()


async def test_a_multi_line_paste_into_a_one_line_field_keeps_every_line(db_path, methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewMeetingScreen")
        await pilot.pause()
        send_paste(pilot, "\nMoreel beraad\nover de wachtlijst\n\nvan januari")
        await pilot.pause()
        assert app.focused.value == "Moreel beraad over de wachtlijst van januari"
        assert "Moreel beraad over de wachtlijst van januari" in screen_text(app)


def plan_a_dilemma(db_path, methods) -> None:
    store = library(db_path)
    plan(store, methods, "2026-11-25", [
        PlannedItem("Casus", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen", "dilemma")],
        title="Burst")
    store.close()


async def review_at_the_dilemma(pilot, app):
    await open_meeting(pilot, app, "Burst")
    await press_until(pilot, "ctrl+n", lambda: app.screen.workshop.step.id == "dilemma", most=3)


async def test_on_a_wide_screen_the_case_shows_beside_and_typing_stays_in_the_field(
        db_path, methods):
    from apptools import on_screen

    plan_a_dilemma(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(200, 50)) as pilot:
        await review_at_the_dilemma(pilot, app)
        field = app.focused
        part = field.id.removeprefix("dilemma-")
        await pilot.press("ctrl+f")
        await pilot.pause()
        case = app.screen.query_one("#case-panel")
        assert case.display and on_screen(app, case) and on_screen(app, field)
        await type_text(pilot, "Melden bij de klantmanager")
        await pilot.press("ctrl+n")  # the case stays beside the next step, the cursor in it
        await pilot.pause()
        assert app.screen.query_one("#case-panel").display
        await type_text(pilot, "Waarom nu?")
        assert await until(pilot, lambda: isinstance(app.focused, TextArea)
                           and app.focused.text == "Waarom nu?")
        # Narrower: the case takes the step's place; wider again: beside it, cursor back.
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.query_one("#step").display
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert app.screen.query_one("#step").display
        assert isinstance(app.focused, TextArea) and app.focused.text == "Waarom nu?"
        await pilot.press("escape")
        await pilot.pause()
    store, session, items = stored(db_path)
    entries = meeting_queries.entries(store, items[0].id)
    assert entries["dilemma"][part] == "Melden bij de klantmanager"
    assert entries["clarifications"] == ["Waarom nu?"]
    store.close()


async def test_after_a_resize_the_focused_field_is_in_view(db_path, methods):
    from apptools import on_screen

    plan_a_dilemma(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await review_at_the_dilemma(pilot, app)
        for _ in range(4):  # down to option B's harm, low on the screen
            await pilot.press("tab")
        await pilot.pause()
        field = app.focused
        for size in ((60, 20), (200, 60), (80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert app.focused is field
            assert await until(pilot, lambda: on_screen(app, field)), size


async def test_undo_and_redo_outlive_leaving_the_step_and_ctrl_a_selects_all(db_path, methods):
    plan_a_dilemma(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await review_at_the_dilemma(pilot, app)
        field_id = app.focused.id
        await type_text(pilot, "Melden bij de klantmanager")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        field = app.screen.query_one(f"#{field_id}")
        assert app.focused is field and field.value == "Melden bij de klantmanager"
        await pilot.press("ctrl+z")
        assert await until(pilot, lambda: field.value == "")
        await pilot.press("ctrl+y")
        assert await until(pilot, lambda: field.value == "Melden bij de klantmanager")
        await pilot.press("ctrl+a")  # select all, then typing replaces it
        await type_text(pilot, "Niet melden")
        assert await until(pilot, lambda: field.value == "Niet melden")
        await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
    store, session, items = stored(db_path)
    assert meeting_queries.entries(store, items[0].id)["dilemma"][field_id.removeprefix("dilemma-")] == "Niet melden"
    store.close()


async def test_a_one_line_field_undoes_a_run_of_typing(db_path, methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewMeetingScreen")
        await pilot.pause()
        title = app.focused
        await type_text(pilot, "Moreel beraad")
        await pilot.press("ctrl+z")
        assert await until(pilot, lambda: title.value == "")
        await pilot.press("ctrl+y")
        assert await until(pilot, lambda: title.value == "Moreel beraad")


async def test_text_sent_just_before_ctrl_q_is_stored(db_path, methods):
    store = library(db_path)
    plan(store, methods, "2026-11-25", [PlannedItem("Opening"), PlannedItem("Rondvraag")],
         title="Burst")
    store.close()
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        send_burst(pilot, "Tweede deel, vlak voor ctrl+q.", "ctrl+q")
        await pilot.pause()
        await pilot.pause()
    store, session, items = stored(db_path)
    assert items[0].notes == "Tweede deel, vlak voor ctrl+q."
    store.close()


async def test_a_paste_placed_slowly_before_ctrl_q_is_stored_before_the_app_quits(
        db_path, methods, monkeypatch):
    """A loaded machine: each key takes a while to place (here 12 ms, as a load of 20 on
    two cores made it), so a pasted paragraph is still being placed long after ctrl+q. In
    a real terminal the keys not placed when the app decides to quit are gone (a walker
    lost most of a paragraph when quitting waited at most 2 s): so by then every key must
    be placed and stored. What the file holds is read at that moment."""
    import asyncio

    from livinglab.tui.widgets import text as text_widgets

    store = library(db_path)
    plan(store, methods, "2026-11-25", [PlannedItem("Opening"), PlannedItem("Rondvraag")],
         title="Burst")
    store.close()
    paragraph = ("Jeroen en Pieter vinden dat de melding nu moet; Ingrid vult aan dat het "
                 "wijkverpleegkundig team de familie kent en eerst met hen praat. ") * 2
    app = make_app(db_path, methods)
    at_quit = []

    def exit_reading_the_file(*args, **kwargs):
        store, _session, items = stored(db_path)
        at_quit.append(items[0].notes)
        store.close()
        return type(app).exit(app, *args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        on_key = text_widgets.TextBox.on_key

        async def slow_on_key(self, event):  # busy elsewhere: the loop turns meanwhile
            await asyncio.sleep(0.012)
            on_key(self, event)

        monkeypatch.setattr(text_widgets.TextBox, "on_key", slow_on_key)
        monkeypatch.setattr(app, "exit", exit_reading_the_file)
        send_burst(pilot, paragraph, "ctrl+q")
        for _ in range(600):  # the app quits once the paste is placed and stored
            if at_quit:
                break
            await asyncio.sleep(0.05)
    assert at_quit == [paragraph]


async def test_line_feeds_of_a_plain_paste_stay_line_breaks(db_path, methods):
    store = library(db_path)
    plan(store, methods, "2026-11-25", [PlannedItem("Opening"), PlannedItem("Rondvraag")],
         title="Burst")
    store.close()
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        send_burst(pilot, "Eerste alinea.", "ctrl+j", "ctrl+j")
        send_burst(pilot, "Tweede alinea.", "ctrl+n")
        await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
    store, session, items = stored(db_path)
    assert items[0].notes == "Eerste alinea.\n\nTweede alinea."
    store.close()


async def test_tab_takes_the_owner_the_field_suggests(db_path, methods):
    from test_chair import PEOPLE

    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await to_the_next_step(pilot, app)
        await tab_to_id(pilot, app, "actions-what")
        await pilot.press(*"Huisarts bellen", "tab", *"Yas")
        # the suggestion appears as the name is typed
        assert await until(pilot, lambda: "Yasmina El Idrissi" in screen_text(app))
        await pilot.press("tab", *"15-01-2027", "enter")
        await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
    store, session, items = stored(db_path)
    owner = next(name for name, _role in PEOPLE if name.startswith("Yas"))
    assert [(a.what, a.owner) for a in meeting_queries.actions(store, session.id)] == [("Huisarts bellen", owner)]
    store.close()


async def test_a_lesson_typed_but_not_added_is_kept_when_the_secretary_moves_on(
        db_path, methods):
    store = library(db_path)
    plan(store, methods, "2026-11-25", [PlannedItem("Opening")], title="Burst")
    store.close()
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")  # finish: yes
        assert await until(pilot, lambda: type(app.screen).__name__ == "FinishScreen")
        await pilot.pause()
        await pilot.press(*"Vraag altijd naar de kinderen.", "enter")
        await pilot.press(*"Bel de huisarts eerder.")  # no enter
        await pilot.press("escape")
        assert await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    store, session, items = stored(db_path)
    assert [lesson.text for lesson in memory_queries.lessons(store, session_id=session.id)] == [
        "Vraag altijd naar de kinderen.", "Bel de huisarts eerder."]
    store.close()


async def test_the_key_bar_says_whether_ctrl_t_pauses_or_starts_the_timer(db_path, methods):
    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await to_the_next_step(pilot, app)
        keys = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        assert await until(pilot, lambda: "^t Pause" in keys()), keys()
        await pilot.press("ctrl+t")
        assert await until(pilot, lambda: "^t Start" in keys() and "⏸" in screen_text(app)), \
            screen_text(app)
        await pilot.press("ctrl+t")
        assert await until(pilot, lambda: "^t Pause" in keys() and "▶" in screen_text(app))


async def test_f1_at_a_step_shows_that_steps_aim_questions_and_tips_then_the_keys(
        db_path, methods):
    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await to_the_next_step(pilot, app)
        step = app.screen.workshop.step
        await pilot.press("f1")
        assert await until(pilot, lambda: f"Step {app.screen_stack[-2].workshop.step_index + 1}"
                           in screen_text(app)), screen_text(app)
        shown = " ".join(screen_text(app).split())
        assert step.title["en"] in shown and step.aim["en"][:40] in " ".join(shown.split())
        await pilot.press("escape")
        await pilot.press("ctrl+o")  # another step: another help
        await pilot.pause()
        earlier = app.screen.workshop.step
        await pilot.press("f1")
        assert await until(pilot, lambda: earlier.title["en"] in screen_text(app))


def plan_a_tension(db_path, methods) -> None:
    """A meeting "Burst" of one tension review (the polarity map)."""
    store = library(db_path)
    plan(store, methods, "2026-11-25", [
        PlannedItem("Spanning", AgendaKind.CASE_REVIEW, "eigen-kracht-zorgplicht",
                    "spanningen")], title="Burst")
    store.close()


async def test_the_polarity_map_is_typed_by_tab_in_its_own_order(db_path, methods):
    plan_a_tension(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await press_until(pilot, "ctrl+n", lambda: app.screen.workshop.step.id == "poles")
        assert app.focused.id == "map-pole_a"
        await type_text(pilot, "Eigen kracht\tZorgplicht\tMeedoen in de wijk\tNiemand helpt meer"
                               "\tRegie bij de inwoner")
        await pilot.press("ctrl+n")
        await settle(pilot, app)
    _store, _session, [item] = stored(db_path)
    value = meeting_queries.entries(_store, item.id)["map"]
    _store.close()
    assert (value["pole_a"], value["pole_b"], value["purpose"], value["fear"]) == (
        "Eigen kracht", "Zorgplicht", "Meedoen in de wijk", "Niemand helpt meer")
    assert value["a_up"] == ["Regie bij de inwoner"]  # then the quadrants, pole A's upsides first


async def test_each_step_of_the_map_shows_its_aim_beside_the_parts_it_asks_for(db_path,
                                                                                methods):
    """At 80x24 the cursor in the early warnings, at the map's foot, scrolled the step's aim
    and questions out of sight (a student's find): the parts a step asks for come first."""
    plan_a_tension(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        starts = {"poles": "map-pole_a", "purpose": "map-purpose", "sides": "map-a_up",
                  "warnings": "map-a_warnings", "actions": "map-a_actions"}
        for step_id, first in starts.items():
            await press_until(pilot, "ctrl+n", lambda: app.screen.workshop.step.id == step_id)
            step = app.screen.workshop.step
            assert await until(pilot, lambda: app.focused is not None
                               and app.focused.id == first)
            assert await in_sight(pilot, app, app.focused)
            await pilot.pause()
            shown = " ".join(line.split("│", 1)[-1].strip()
                             for line in screen_text(app).splitlines())
            assert " ".join(step.aim["en"].split()[:5]) in shown, (step_id, shown)


def plan_a_closing_round(db_path, methods) -> None:
    store = library(db_path)
    plan(store, methods, "2026-11-25", [PlannedItem("Opening"),
                                        PlannedItem("Sluiting", AgendaKind.CLOSING_ROUND)],
         title="Burst")
    store.close()


def said_in_the_round(db_path) -> dict[str, tuple[str, str]]:
    """Each person's closing-round answers as stored: name -> (learned, intention)."""
    store, session, _items = stored(db_path)
    names = {p.person_id: person.name
             for p, person in meeting_queries.participants(store, session.id)}
    said = {names[i.person_id]: (i.learned, i.intention)
            for i in memory_queries.intentions(store, session_id=session.id)}
    store.close()
    return said


async def test_a_click_beside_a_field_of_the_closing_round_puts_the_cursor_in_it(
        db_path, methods):
    """A person clicks where they see the field: on its label, or on the bar beside an empty
    field. The cursor went to the step's pane instead, and the sentence typed went nowhere
    (a walker's find)."""
    plan_a_closing_round(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 50)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await pilot.press("ctrl+n")
        assert await until(pilot, lambda: "What will I do differently?" in screen_text(app))
        assert screen_text(app).count("What did I learn?") >= 2
        # Each person's block: name, the label and field of what they learned, the label
        # and field of what they will do differently.
        await pilot.click("#closing-1", offset=(0, 4))  # the bar, beside the field
        await type_text(pilot, "Eerst vragen wat iemand zelf wil.")
        await pilot.click("#closing-0", offset=(4, 1))  # the label's words
        await type_text(pilot, "Dat eerlijk niet hetzelfde is als gelijk.")
        await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
    said = said_in_the_round(db_path)
    assert sorted(said.values()) == [("", "Eerst vragen wat iemand zelf wil."),
                                     ("Dat eerlijk niet hetzelfde is als gelijk.", "")]


async def test_typing_with_the_cursor_on_a_button_is_said_at_once(db_path, methods):
    """Tab from the notes reaches the evaluation's button: a sentence typed there reached
    no field, in silence (a walker's find). Now the first letter says so; nothing typed is
    stored anywhere."""
    plan_a_closing_round(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(pilot, app, "Burst")
        await pilot.press("ctrl+n")
        assert await until(pilot, lambda: isinstance(app.focused, TextArea))
        await pilot.press("tab")
        assert await until(pilot, lambda: "Evaluation" in str(getattr(app.focused, "label", "")))
        await type_text(pilot, "Wat ik leerde")
        assert await until(pilot, lambda: any("The cursor is not in a field" in t
                                              for t in toasts(app)))
        assert sum("The cursor is not in a field" in t for t in toasts(app)) == 1
        await pilot.press("escape")
        await pilot.pause()
    store, _session, items = stored(db_path)
    assert [i.notes for i in items] == ["", ""]
    store.close()
    assert said_in_the_round(db_path) == {}
