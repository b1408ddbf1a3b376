"""What a person can see and reach at 80x24, by keys only (a usability walker's finds):
the new-meeting form, F1's list of keys, correction mode and the practice report."""

from __future__ import annotations

from textual.widgets import Button, Select

from livinglab import i18n
from livinglab.storage.store import Store

from apptools import make_app, screen_text, toasts, type_text, until
from livinglab.meeting import queries as meeting_queries


def in_view(app, widget) -> bool:
    """The whole widget inside the part of the screen between the header and the key bar:
    the screen's own region holds the key bar too, and a field behind it is not seen."""
    keybar = app.screen.query_one("KeyBar").region
    top = 1  # the header
    region = widget.region
    return (region.area > 0 and region.y >= top and region.bottom <= keybar.y
            and region.right <= app.screen.region.right)


async def in_view_soon(pilot, app, widget) -> bool:
    return await until(pilot, lambda: in_view(app, widget), tries=20,
                       what=f"{widget!r} between the header and the key bar")


async def test_every_field_of_a_new_meeting_is_reached_by_tab_and_seen_at_80x24(db_path,
                                                                             methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
        seen = []
        for _ in range(60):
            await pilot.press("tab")
            await pilot.pause()
            assert await in_view_soon(pilot, app, app.focused)
            seen.append(app.focused)
            if getattr(app.focused, "id", None) == "plan-and-start":
                break
        assert [b.id for b in seen if isinstance(b, Button)] == [
            "add-participant", "plan", "plan-and-start"]
        assert sum(1 for s in seen if isinstance(s, Select) and s.has_class("agenda-case")) == 1


async def test_an_invalid_plan_takes_the_cursor_to_the_first_field_in_red_and_names_it(
        db_path, methods):
    app = make_app(db_path, methods)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.press("l")  # Dutch, as the walker had it
            assert await until(pilot, lambda: "Bijeenkomsten" in screen_text(app))
            await pilot.press("n")
            assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
            await type_text(pilot, "Moreel beraad")
            await pilot.press("tab")
            await type_text(pilot, "Wijkteam Havenkwartier")
            await pilot.press("ctrl+g")  # no one at the table yet, no case
            assert await until(pilot, lambda: app.focused.has_class("participant-name"))
            assert await in_view_soon(pilot, app, app.focused)
            assert await until(pilot, lambda: any(
                "Nog niet gepland. Deelnemers: Voeg ten minste één deelnemer toe." in t
                for t in toasts(app)))
            await type_text(pilot, "Anouk Visser")  # where the cursor went
            await pilot.press("ctrl+g")
            assert await until(pilot, lambda: app.focused.has_class("agenda-case"))
            case_list = app.focused
            assert await in_view_soon(pilot, app, case_list)
            assert await until(pilot, lambda: any(
                "Nog niet gepland. Casus: Kies een casus voor punt 5" in t
                for t in toasts(app)))
            # The red line under the agenda is in sight with the field (the toast may
            # cover its end for a few seconds: it says the same).
            assert in_view(app, app.screen.query_one("#problem-case"))
            assert "Kies een casus voor punt 5" in screen_text(app)
            # The list opens between the field and the key bar, never over the keys.
            await pilot.press("enter")
            overlay = case_list.query_one("SelectOverlay")
            assert await until(pilot, lambda: overlay.region.area > 0)
            keybar = app.screen.query_one("KeyBar").region
            assert overlay.region.bottom <= keybar.y, (overlay.region, keybar)
            assert "Plannen en starten" in screen_text(app).splitlines()[-1]
            await type_text(pilot, "Fraude")
            await pilot.press("enter")
            await pilot.pause()
            # The case chosen and its method, each named whole on its own line.
            shown = screen_text(app)
            assert "Fraude gehoord aan de keukentafel (moreel dilemma)" in shown
            assert "Moreel beraad: de dilemmamethode" in shown
            # What was asked is done: its red line is gone (it stayed till the next save).
            problem = app.screen.query_one("#problem-case")
            assert await until(pilot, lambda: str(problem.content) == "")
            assert str(app.screen.query_one("#problem-method").content) == ""
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: "Moreel beraad" in screen_text(app)
                               and type(app.screen).__name__ == "HomeScreen")
    finally:
        i18n.set_language("en")
    store = Store(db_path)
    [session] = meeting_queries.sessions(store)
    assert session.title == "Moreel beraad"
    assert [person.name for _p, person in meeting_queries.participants(store, session.id)] == [
        "Anouk Visser"]


async def test_a_case_review_added_at_the_bottom_opens_its_list_above_the_key_bar(db_path,
                                                                                methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
        for _ in range(40):  # to the last agenda item, the closing
            await pilot.press("tab")
            await pilot.pause()
            if app.focused.has_class("agenda-title") and app.focused.value == "Closing":
                break
        await pilot.press("ctrl+n")  # a new item after it
        await pilot.pause()
        await type_text(pilot, "Tweede casus")
        await pilot.press("tab", "enter")
        await type_text(pilot, "case rev")
        await pilot.press("enter", "tab")
        assert await until(pilot, lambda: app.focused.has_class("agenda-case"))
        case_list = app.focused
        await pilot.press("enter")
        overlay = case_list.query_one("SelectOverlay")
        assert await until(pilot, lambda: overlay.region.area > 0)
        await pilot.pause()
        keybar = app.screen.query_one("KeyBar").region
        assert overlay.region.y > case_list.region.y  # below its field, not over it
        assert overlay.region.bottom <= keybar.y, (overlay.region, keybar)
        assert overlay.region.height >= 5  # a few cases to choose from, not one
        assert "Achttien worden en alles tegelijk (case)" in screen_text(app)  # one line
        # An edge of its own before each option, not the words of the line below it
        line = next(l for l in screen_text(app).splitlines() if "Achttien worden" in l)
        before = line[:line.index("Achttien")].rstrip()
        assert before.endswith("▊") or before.endswith("▌"), line


async def help_text(pilot, app) -> str:
    """F1's whole text, page by page as a person reads it, then closed again."""
    screen = app.screen
    await pilot.press("f1")
    assert await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
    pages = []
    for _ in range(8):
        await pilot.pause()
        pages.append(screen_text(app))
        await pilot.press("pagedown")
    await pilot.press("escape")
    assert await until(pilot, lambda: app.screen is screen)
    return "\n".join(pages)


def key_rows(text: str, key: str) -> set[str]:
    """What F1's table says `key` does: each row of it, its wrapped lines joined."""
    rows, current = set(), None
    for line in text.splitlines() + [""]:
        cells = line.split("│")
        if len(cells) >= 4 and not cells[1].strip() and current is not None:
            current.append(cells[2].strip())  # the row goes on
            continue
        if current is not None:
            rows.add(" ".join(current))
            current = None
        if len(cells) >= 4 and cells[1].strip() == key:
            current = [cells[2].strip()]
    return rows


async def test_f1_lists_each_key_with_what_it_does_on_that_screen_in_dutch(db_path, methods):
    from livinglab.tui.screens.practice import PracticeReportScreen, PracticeRunnerScreen

    app = make_app(db_path, methods)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            assert await until(pilot, lambda: "Bijeenkomsten" in screen_text(app))
            text = await help_text(pilot, app)
            assert key_rows(text, "n") == {"Plan een nieuwe bijeenkomst"}
            assert key_rows(text, "escape") == set()  # home has no escape
            # A new meeting: nothing to delete yet, so no key for it.
            await pilot.press("n")
            assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
            text = await help_text(pilot, app)
            assert key_rows(text, "ctrl+s") == {"Plannen"}
            assert key_rows(text, "ctrl+t") == set()
            assert "opslaan-toets" not in text  # the form has one: ctrl+s
            await pilot.press("escape")
            assert await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            # A practice run keeps the meeting's keys, not its attendance or notes toggle.
            await pilot.press("p")
            assert await until(pilot, lambda: getattr(app.focused, "id", None)
                               == "practice-case")
            assert "Nog geen: dit is je eerste." in screen_text(app)  # no empty table
            await pilot.press("enter")
            await type_text(pilot, "Twee bazen")
            await pilot.press("enter", "tab", "tab")
            await type_text(pilot, "Lisa de Boer")
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: "Ineke is wijkverpleegkundige" in screen_text(app))
            await pilot.press("escape")  # the case read: on to the first step
            assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen)
                               and getattr(app.focused, "id", None) == "situation-text")
            text = await help_text(pilot, app)
            assert key_rows(text, "ctrl+r") == {
                "De notities voor de begeleider naast je antwoorden"}
            assert key_rows(text, "ctrl+g") == set()
            assert "opslaan-toets" in text  # everything typed is stored at once
            [home] = key_rows(text, "escape")
            assert home.startswith("Naar het beginscherm, na een vraag; de oefening")
            assert "Start" not in text.replace("Startpagina", "")
            await type_text(pilot, "Ineke draait twee rollen")
            await pilot.press("f10")
            await pilot.pause()
            await pilot.press("enter")  # finish: yes has the focus
            assert await until(pilot, lambda: isinstance(app.screen, PracticeReportScreen))
            await pilot.pause()
            text = screen_text(app)
            assert "esc Beginscherm" in text.splitlines()[-1]
            # Seconds, not "0 min"; the facts named one by one, no table without a header.
            assert "Bestede tijd: minder dan een minuut" in text
            assert "0 min" not in text
            report = await help_text(pilot, app)
            assert key_rows(report, "escape") == {"Terug naar de lijst met bijeenkomsten"}
    finally:
        i18n.set_language("en")


def panes(app) -> tuple[str, str]:
    """The runner's side (agenda item and steps) and its step, each as one line of words:
    what wraps is read on, what a pane cuts is missing."""
    side, step = [], []
    for line in screen_text(app).splitlines()[1:-1]:  # between the header and the key bar
        if "│" in line:
            left, right = line.split("│", 1)
            side.append(left.strip())
            step.append(right.strip())
    return " ".join(" ".join(side).split()), " ".join(" ".join(step).split())


async def test_correcting_minutes_shows_its_notice_and_every_step_title_whole_at_80x24(
        db_path, methods, clock):
    from livinglab.tui.screens.runner import RunnerScreen

    from test_chair import kinds_agenda, prepared

    first, _second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            assert await until(pilot, lambda: "Bijeenkomsten" in screen_text(app))
            table = app.screen.query_one("#meetings")
            for _ in range(table.row_count):
                if "Eerste overleg" in str(table.get_row_at(table.cursor_row)):
                    break
                await pilot.press("down")
            await pilot.press("e")  # concept minutes: corrected at once
            assert await until(pilot, lambda: isinstance(app.screen, RunnerScreen)
                               and getattr(app.focused, "id", None) == "notes")
            _side, step = panes(app)
            assert ("De notulen worden gecorrigeerd: wijzigingen worden meteen bewaard."
                    in step)
            # No clock runs for a meeting held already, and no room opens: their keys are
            # neither in the key bar nor in F1, and ctrl+t adds no time.
            bottom = screen_text(app).splitlines()[-1]
            assert "^t" not in bottom and "Ruimte" not in bottom, bottom
            text = await help_text(pilot, app)
            assert key_rows(text, "ctrl+t") == set() and key_rows(text, "ctrl+s") == set()
            assert key_rows(text, "ctrl+n") == {"Volgende stap of volgend agendapunt"}
            item = meeting_queries.agenda(app.store, first.id)[0]
            before = meeting_queries.step_times(app.store, item.id)
            await pilot.press("ctrl+t")  # what started the item's clock
            clock.advance(120)
            await pilot.press("ctrl+t")  # and paused it, storing two minutes more
            await pilot.pause()
            assert meeting_queries.step_times(app.store, item.id) == before
            await pilot.press("ctrl+n")  # to the dilemma's ten steps
            assert await until(pilot, lambda: "Stap 1/10" in screen_text(app))
            for _ in range(3):  # on to 'Verhelderingsvragen', the longest word
                await pilot.press("ctrl+n")
            assert await until(pilot, lambda: "Stap 4/10" in screen_text(app))
            side, step = panes(app)
            assert "De notulen worden gecorrigeerd: wijzigingen worden meteen bewaard." in step
            titles = [i18n.pick(s.title) for s in methods.get("dilemma").steps]
            assert "Verhelderingsvragen" in titles
            for number, title in enumerate(titles, 1):
                assert f"{number}. {title}" in side, (title, side)
            assert "…" not in side
            # Moving on within the review changes the marks only: one current step.
            assert "▶ 4. Verhelderingsvragen" in side and side.count("▶") == 1
            await pilot.press("ctrl+o")
            assert await until(pilot, lambda: "Stap 3/10" in screen_text(app))
            side, _step = panes(app)
            assert "▶ 3. De morele vraag" in side and side.count("▶") == 1
    finally:
        i18n.set_language("en")
