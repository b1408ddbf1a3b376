"""A student practises a case in the app, by keys only, at 80x24: the solo method from
start to report, with the reveal of the facilitator's notes after the last step."""

from __future__ import annotations

from livinglab.models import SessionStatus

from apptools import (
    close_toasts, in_sight, make_app, press_until, screen_text, toasts, type_text, until,
)
from livinglab.meeting import queries as meeting_queries
from livinglab.practice import practice_sessions


async def start_solo_practice(pilot, app) -> None:
    """From home by keys: p, the case "Twee bazen", the solo method it offers first, the
    name Lisa de Boer, ctrl+s; the case read, escape: the cursor in the first step's field."""
    from livinglab.tui.screens.practice import PracticeRunnerScreen

    await pilot.press("p")
    await pilot.pause()
    await pilot.press("enter")
    await type_text(pilot, "Twee bazen")
    await pilot.press("enter", "tab", "tab")
    await type_text(pilot, "Lisa de Boer")
    await pilot.press("ctrl+s")
    assert await until(pilot, lambda: "Ineke is wijkverpleegkundige" in screen_text(app))
    await pilot.press("escape")  # the case read; on to the first step
    assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen)
                       and getattr(app.focused, "id", None) == "situation-text")


async def test_a_complete_solo_practice_run_and_the_reveal_by_keys(db_path, methods):
    from livinglab.tui.screens.practice import (
        PracticeReportScreen, PracticeRunnerScreen, RevealScreen,
    )

    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        store = app.store
        await pilot.press("p")
        await pilot.pause()
        assert app.focused.id == "practice-case"
        await pilot.press("enter")
        await type_text(pilot, "Twee bazen")
        await pilot.press("enter", "tab")
        assert app.focused.id == "practice-method"  # the solo method is offered first
        assert "Your own moral weighing" in screen_text(app)
        await pilot.press("tab")
        assert app.focused.id == "practice-names"
        await type_text(pilot, "Lisa de Boer")
        await pilot.press("ctrl+s")
        # The case comes first, as participants see it: without the facilitator's notes.
        assert await until(pilot, lambda: "Ineke is wijkverpleegkundige" in screen_text(app))
        assert "Dit dilemma gaat over de persoon" not in screen_text(app)
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen)
                           and app.focused is not None and app.focused.id == "situation-text")
        text = screen_text(app)
        assert "Step 1/7: What is the situation?" in text
        assert "Tip: Keep what you saw and heard apart" in text  # what a good answer needs
        assert "Item" in text and "Chair" not in text  # no roles

        await type_text(pilot, "Ineke draait twee rollen")
        await pilot.press("ctrl+r")  # the notes are not shown before the answers
        assert await until(pilot, lambda: any("answer first, then compare" in t
                                              for t in toasts(app)))
        await close_toasts(pilot)
        assert not isinstance(app.screen, RevealScreen)
        await pilot.press("ctrl+g")  # the meeting's facilitator notes key shows nothing here
        await pilot.pause()
        assert "Dit dilemma gaat over de persoon" not in screen_text(app)
        assert app.focused.id == "situation-text"

        await pilot.press("ctrl+n")
        await type_text(pilot, "Moet ik de ochtendronde laten vallen?")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert await in_sight(pilot, app, app.focused)
        await type_text(pilot, "Mevrouw D")  # values: who, value, what it asks
        await pilot.press("tab")
        await type_text(pilot, "Goede zorg")
        await pilot.press("ctrl+n")
        await type_text(pilot, "De ronde draaien")
        await pilot.press("ctrl+n")
        await type_text(pilot, "Eerst met beide leidinggevenden praten")
        await pilot.press("tab")
        await type_text(pilot, "Het is een vraag van het systeem")
        await pilot.press("ctrl+n")
        await type_text(pilot, "Mevrouw D. wacht langer")
        await pilot.press("ctrl+n")  # past the method's last step: the reveal

        assert await until(pilot, lambda: isinstance(app.screen, RevealScreen))
        await pilot.pause()
        text = screen_text(app)
        assert "Dit dilemma gaat over de persoon" in text  # the facilitator's notes
        assert "Ineke draait twee rollen" in text  # beside the student's own answer
        assert "Keep what you saw and heard apart" in text
        assert app.focused.id == "reveal"
        await pilot.press("end")
        await pilot.pause()
        assert "Mevrouw D. wacht langer" in screen_text(app)  # the last step, scrolled to

        await pilot.press("escape")  # on to the reflection
        assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen)
                           and app.focused is not None
                           and app.focused.id == "practice_noticed-text")
        assert "Step 7/7: Reflection" in screen_text(app)
        await type_text(pilot, "Ik vergat het systeem")
        await pilot.press("tab")
        await type_text(pilot, "Goede zorg")
        await pilot.press("ctrl+r")  # the notes again, now that they may be seen
        assert await until(pilot, lambda: isinstance(app.screen, RevealScreen))
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen))
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")  # finish: yes has the focus
        assert await until(pilot, lambda: isinstance(app.screen, PracticeReportScreen))
        await pilot.pause()
        assert "Practice report: Twee bazen in de thuiszorg" in screen_text(app)

        [session] = practice_sessions(store)
        assert session.status == SessionStatus.FINISHED
        entries = meeting_queries.entries(store, meeting_queries.agenda(store, session.id)[0].id)
        assert entries["situation"] == "Ineke draait twee rollen"
        assert entries["values"] == [{"who": "Mevrouw D", "value": "Goede zorg", "asks": ""}]
        assert entries["options"] == ["De ronde draaien"]
        assert entries["choice"] == "Eerst met beide leidinggevenden praten"
        assert entries["practice_noticed"] == "Ik vergat het systeem"
        assert entries["practice_weighed"] == "Goede zorg"

        await pilot.press("escape")  # home: the practice is no meeting of a group
        await pilot.pause()
        assert app.focused.id == "meetings" and app.focused.row_count == 0
        assert meeting_queries.sessions(store) == []


async def test_typing_on_after_the_last_step_writes_the_reflection(db_path, methods):
    """The notes open by themselves after the method's last step; a student who goes on
    typing ("Ik merk ...") lost those letters on the screen meant for reading (a walker's
    find). They now go on to the reflection's field, every one of them."""
    from livinglab.tui.screens.practice import PracticeRunnerScreen, RevealScreen

    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_solo_practice(pilot, app)
        for _step in range(6):
            await type_text(pilot, "Ineke draait twee rollen")
            await pilot.press("ctrl+n")
        assert await until(pilot, lambda: isinstance(app.screen, RevealScreen))
        await type_text(pilot, "Ik merk dat ik regels snel voorop zet.")
        assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen)
                           and "Step 7/7: Reflection" in screen_text(app))
        await pilot.pause()
        [session] = practice_sessions(app.store)
        item = meeting_queries.agenda(app.store, session.id)[0]
        assert await until(pilot, lambda: meeting_queries.entries(app.store, item.id).get(
            "practice_noticed") == "Ik merk dat ik regels snel voorop zet.")
        assert "Ik merk dat ik regels snel voorop zet." in screen_text(app)


async def test_escape_in_a_practice_run_asks_and_says_the_run_is_kept(db_path, methods):
    """Escape asked nothing and left (a walker's find). It now asks, saying the run is
    kept and where to go on with it; escape or Keep practising (by mouse) stays, enter
    leaves, and the run resumes from the list of earlier runs at the same step."""
    from livinglab.tui.screens.home import HomeScreen
    from livinglab.tui.screens.practice import PracticeRunnerScreen, PracticeStartScreen
    from livinglab.tui.widgets.dialogs import ConfirmDialog

    from apptools import press_until

    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_solo_practice(pilot, app)
        await type_text(pilot, "Ineke draait twee rollen")
        await pilot.press("ctrl+n")
        assert await until(pilot, lambda: "Step 2/7" in screen_text(app))

        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        said = " ".join(line.split("█")[-2].strip() for line in screen_text(app).splitlines()
                        if line.count("█") >= 2)  # the dialog's lines, joined where it wrapped
        assert "Stop practising for now? What you wrote is kept." in said, said
        assert "under Earlier practice runs." in said and "Keep practising" in said, said
        await pilot.press("escape")  # the dialog closes; the run stays
        assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen))
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert await pilot.click("#no")  # Keep practising, by mouse
        assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen))
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmDialog)
                           and getattr(app.focused, "id", None) == "yes")
        await pilot.press("enter")  # Stop for now
        assert await until(pilot, lambda: isinstance(app.screen, HomeScreen))

        await pilot.press("p")
        assert await until(pilot, lambda: isinstance(app.screen, PracticeStartScreen))
        await press_until(pilot, "tab", lambda: getattr(app.focused, "id", None)
                          == "practice-runs")
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen)
                           and "Step 2/7" in screen_text(app))
    [session] = practice_sessions(app.store)
    item = meeting_queries.agenda(app.store, session.id)[0]
    assert meeting_queries.entries(app.store, item.id)["situation"] == "Ineke draait twee rollen"


async def test_a_step_of_two_fields_says_so_and_the_second_scrolls_into_sight(db_path, methods):
    """Step 5 of the solo method asks for a choice and a reason; at 80x24 the reason's
    field ("Because") lay below the fold and a student did not find it. The first field's
    label now says there is a second, and what it is; tab brings it into sight."""
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_solo_practice(pilot, app)
        for _step in range(4):
            await type_text(pilot, "Een antwoord")
            await pilot.press("ctrl+n")
        assert await until(pilot, lambda: "Step 5/7" in screen_text(app)
                           and getattr(app.focused, "id", None) == "choice-text")
        assert await in_sight(pilot, app, app.focused)
        assert "My choice (1 of 2; below: Because)" in screen_text(app)
        await type_text(pilot, "Eerst praten")
        await pilot.press("tab")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "because-text")
        assert await in_sight(pilot, app, app.focused)
        assert "Because (2 of 2)" in screen_text(app)
        await type_text(pilot, "Goede zorg gaat voor")
        await pilot.press("shift+tab")  # back up: the first field in sight again
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "choice-text")
        assert await in_sight(pilot, app, app.focused)


async def test_p_on_the_case_library_practises_the_case_selected_with_its_method(db_path,
                                                                                methods):
    """A student selects a tension case in the library and presses p: the form opened
    without the case, on the six moral questions (a student's find). Now the case is
    chosen, its method offered, and the cursor waits in the names."""
    from livinglab.tui.screens.practice import PracticeRunnerScreen

    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "right")  # to the tab bar, then the case library
        assert await until(pilot, lambda: "Achttien worden" in screen_text(app))
        await pilot.press("tab")  # into the list of cases

        def previewed() -> str:  # the case shown beside the list, its lines joined
            return " ".join(line.split("│", 1)[-1].strip()
                            for line in screen_text(app).splitlines() if "│" in line)

        await press_until(pilot, "down", lambda: "Eigen kracht en zorgplicht" in previewed())
        await pilot.press("p")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "practice-names")
        text = screen_text(app)
        assert "Eigen kracht en zorgplicht (tension)" in text
        assert "Tensions" in text and "(suggested)" in text
        await type_text(pilot, "Noor Bakker")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: "Eigen kracht en zorgplicht" in screen_text(app))
        await pilot.press("escape")  # the case read: on to the first step
        assert await until(pilot, lambda: isinstance(app.screen, PracticeRunnerScreen))
        assert "Step 1/8" in screen_text(app)  # the tension method and the reflection
        assert app.screen.workshop.case.slug == "eigen-kracht-zorgplicht"
        assert app.screen.workshop.method.id == "spanningen"
