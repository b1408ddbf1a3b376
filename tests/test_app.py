"""The app, driven as a facilitator would with Textual's Pilot."""

import datetime as dt


from livinglab.cases import example_cases, import_cases
from livinglab.models import SessionStatus
from livinglab.store import Store

from conftest import FakeClock

TODAY = dt.date(2026, 11, 25)


def make_app(db_path, methods, clock=None):
    from livinglab.tui.app import LivingLabApp

    store = Store(db_path)
    if store.is_new:
        import_cases(store, example_cases())
    return LivingLabApp(store, methods, today=lambda: TODAY, clock=clock or FakeClock())


async def test_home_shows_meetings_cases_and_methods(db_path, methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#meetings").row_count == 0
        assert app.screen.query_one("#cases").row_count == len(example_cases().cases)
        assert app.screen.query_one("#methods").row_count == 5


def fill(screen, selector, value):
    widget = screen.query_one(selector)
    if hasattr(widget, "load_text"):
        widget.load_text(value)
    else:
        widget.value = value


async def test_a_whole_dilemma_review_from_home_to_finish_with_a_restart(db_path, methods):
    from livinglab.tui.screens.finish import FinishScreen
    from livinglab.tui.screens.new_meeting import NewMeetingScreen, ParticipantRow
    from livinglab.tui.screens.runner import RunnerScreen

    clock = FakeClock()
    app = make_app(db_path, methods, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, NewMeetingScreen)
        await pilot.press("ctrl+s")  # nothing filled in: the problems show beside the fields
        assert "title" in str(screen.query_one("#problem-title").render()).lower()
        fill(screen, "#title", "Moreel beraad")
        fill(screen, "#group", "Wijkteam Havenkwartier")
        fill(screen, "#start_time", "9:30")
        names = ["Anouk Visser", "Bram de Wit", "Sander Kok", "Yasmina El Idrissi"]
        for row, name in zip(screen.query(ParticipantRow), names):
            row.query_one("Input").value = name
        screen.query_one("#case").value = store_case_id(app, "fraude-in-vertrouwen")
        await pilot.pause()
        assert screen.query_one("#method").value == "dilemma"  # the case's suggested method
        await pilot.press("ctrl+r")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        fill(runner, "#notes", "Welkom iedereen.")
        for _item in ("Announcements", "Action list of last time", "Case review"):
            await pilot.press("f8")
            await pilot.pause()
        w = runner.workshop
        assert w.step.id == "intro"
        participants = [p.id for p, _ in app.store.participants(w.session.id)]

        async def step_one_to_five():
            fill(runner, "#rules-items", "Vertrouwelijk\nNiet oordelen")
            await pilot.press("f5")
            clock.advance(250)
            await pilot.press("pagedown")
            await pilot.pause()
            fill(runner, "#situation-text", "Meneer K. werkt zwart.")
            await pilot.press("pagedown")
            await pilot.pause()
            for part, text in [("question", "Wat is goed?"), ("a", "Melden"), ("a_harm", "Vertrouwen weg"),
                               ("b", "Eerst helpen"), ("b_harm", "Tegen de regels")]:
                fill(runner, f"#dilemma-{part}", text)
            await pilot.press("pagedown")
            await pilot.pause()
            fill(runner, "#clarifications-items", "Weet de gemeente het?")
            fill(runner, "#parking-items", "Protocol maken")
            await pilot.press("pagedown")
            await pilot.pause()
            row = runner.query_one(".table-row")
            for column, text in [("party", "Meneer K."), ("perspective", "Overleven"),
                                 ("value", "Zorg"), ("norm", "Help je kind")]:
                row.query_one(f".col-{column}").value = text
            runner.query_one("#parties-add-row").press()
            await pilot.pause()
            rows = runner.query(".table-row")
            assert len(rows) == 2
            rows[1].query_one(".col-party").value = "Gemeente"
            await pilot.pause(0.6)  # stored within a second, without a save key

        await step_one_to_five()
        assert app.store.entries(w.item.id)["parties"][1]["party"] == "Gemeente"
        await app.action_quit()  # quit in the middle of step 5

    app = make_app(db_path, methods, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "still running" in str(app.screen.query_one("Label").render())
        await pilot.click("#yes")
        await pilot.pause()
        runner = app.screen
        w = runner.workshop
        assert isinstance(runner, RunnerScreen) and w.step.id == "perspectives"
        assert runner.query(".table-row")[1].query_one(".col-party").value == "Gemeente"
        await pilot.press("pagedown")
        await pilot.pause()
        fill(runner, "#alternatives-items", "Zelf laten melden")
        await pilot.press("pagedown")
        await pilot.pause()
        participants = [p.id for p, _ in app.store.participants(w.session.id)]
        answers = runner.query_one(f"#choices-p-{participants[0]}")
        answers.query_one(".col-choice").value = "B"
        answers.query_one(".col-value").value = "Vertrouwen"
        await pilot.press("pagedown")
        await pilot.pause()
        fill(runner, "#dialogue-text", "Verschil in tijd.")
        await pilot.press("pagedown")
        await pilot.pause()
        fill(runner, "#conclusion-text", "Meneer K. meldt zelf.")
        fill(runner, "#decisions-what", "Sander gaat mee")
        runner.query_one("#decisions-add").press()
        await pilot.pause()
        fill(runner, "#actions-what", "Gesprek voeren")
        fill(runner, "#actions-who", "Sander")
        fill(runner, "#actions-when", "02-12-2026")
        runner.query_one("#actions-add").press()
        await pilot.pause()
        assert "Gesprek voeren · Sander · 02-12-2026" in str(
            runner.query_one("#actions-list .entry").render())
        await pilot.press("pagedown")
        await pilot.pause()
        answers = runner.query_one(f"#closing_round-p-{participants[3]}")
        answers.query_one(".col-learned").value = "Regels en zorg botsen"
        runner.query_one("#rating-score").value = 4
        fill(runner, "#rating-comment", "Goed gesprek")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        fill(app.screen, "#lesson", "Fraude eerst in het team bespreken")
        await pilot.click("#add-lesson")
        await pilot.pause()

    store = Store(db_path)
    session = store.sessions()[0]
    assert session.status == SessionStatus.FINISHED
    [item] = [i for i in store.agenda(session.id) if i.kind == "case-review"]
    entries = store.entries(item.id)
    assert entries["rules"] == ["Vertrouwelijk", "Niet oordelen"]
    assert entries["dilemma"] == {"question": "Wat is goed?", "a": "Melden",
                                  "a_harm": "Vertrouwen weg", "b": "Eerst helpen",
                                  "b_harm": "Tegen de regels"}
    assert entries["parking"] == ["Protocol maken"]
    assert entries["choices"][participants[0]] == {"choice": "B", "value": "Vertrouwen",
                                                   "limit_harm": ""}
    assert entries["closing_round"][participants[3]]["learned"] == "Regels en zorg botsen"
    assert entries["rating"] == {"score": 4, "comment": "Goed gesprek"}
    assert [(a.what, a.owner, a.due) for a in store.actions(session_id=session.id)] == [
        ("Gesprek voeren", "Sander", dt.date(2026, 12, 2))]
    assert [d.text for d in store.decisions(session.id)] == ["Sander gaat mee"]
    assert store.step_times(item.id)["intro"].spent_seconds == 250
    assert [lesson.text for lesson in store.lessons(session_id=session.id)] == [
        "Fraude eerst in het team bespreken"]
    opening = store.agenda(session.id)[0]
    assert opening.notes == "Welkom iedereen."


def store_case_id(app, slug):
    return app.store.case(slug).id
