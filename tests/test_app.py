"""The app, driven by keys only as a chair and a secretary would, at 80x24 first."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Button, Input, Select, TextArea

from livinglab.models import AgendaKind, Role, SessionStatus
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store
from livinglab.tui.widgets.text import WrapLine

from apptools import in_sight, make_app, screen_text, type_text, until
from test_chair import tab_to
from conftest import FakeClock, empty_db
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.models import Session

PEOPLE = ["Anouk Visser", "Bram de Wit", "Sander Kok", "Yasmina El Idrissi"]


def plan_review(store, methods, method_id, case, extra_people=()):
    plan = MeetingPlan(
        title=f"Bespreking {method_id}", group_name="Wijkteam Havenkwartier",
        date="2026-11-25", start_time="9:30",
        participants=[PlannedParticipant(name, role) for name, role in zip(
            PEOPLE, [Role.CHAIR, Role.SECRETARY, Role.CASE_OWNER, Role.PARTICIPANT])],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW, case, method_id)],
    )
    return create_meeting(store, plan, methods)


async def test_home_opens_with_the_meetings_list_in_focus(db_path, methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused.id == "meetings"
        text = screen_text(app)
        assert "n New" in text and "Meetings" in text
        assert "q Quit" in text and "f1 Help" in text  # the footer's keys fit in 80 columns


async def test_a_click_on_a_key_in_the_footer_presses_it(db_path, methods):
    from livinglab import i18n

    app = make_app(db_path, methods)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            bottom = screen_text(app).splitlines()[-1]
            assert bottom.startswith("n New p Practice")
            await pilot.click("KeyBar", offset=(bottom.index("l Language") + 2, 0))
            assert await until(pilot, lambda: "Bijeenkomsten" in screen_text(app))
            bottom = screen_text(app).splitlines()[-1]
            assert "f1 Hulp" in bottom and "q Stop" in bottom
            await pilot.click("KeyBar", offset=(bottom.index("n Nieuw"), 0))
            assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
    finally:
        i18n.set_language("en")


async def test_plan_a_meeting_with_four_participants_by_keys_at_80x24(db_path, methods):
    from livinglab.tui.screens.home import HomeScreen

    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.focused.id == "title"
        await type_text(pilot, "Moreel beraad december")
        await pilot.press("tab")
        await type_text(pilot, "Werkgroep Kop van Noord-Holland")
        await pilot.press("tab")
        assert app.focused.id == "date" and app.focused.value == "25-11-2026"
        await pilot.press("tab")
        await type_text(pilot, "9:30")
        await pilot.press("tab")
        assert app.focused.id == "region"  # the group's municipalities: a new group has none
        await pilot.press("tab")
        await type_text(pilot, "Buurthuis De Kaap")
        for name in PEOPLE:
            await pilot.press("tab")
            assert app.focused.has_class("participant-name")
            assert await in_sight(pilot, app, app.focused)
            await type_text(pilot, name)
            await pilot.press("tab")  # the role: as proposed
            await pilot.press("tab")  # the discipline: left open
        # A fifth person by ctrl+n: the cursor lands in the new row, nothing is lost.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused.has_class("participant-name") and app.focused.value == ""
        assert await in_sight(pilot, app, app.focused)
        await type_text(pilot, "Karin Smit")
        await pilot.press("ctrl+r")  # and removed again, from where the cursor is
        await pilot.pause()
        names = [i.value for i in app.screen.query(".participant-name")]
        assert names == PEOPLE
        # The case: tab to its list, open it, search by typing, choose.
        for _ in range(40):  # every field on the way in sight
            if app.focused.has_class("agenda-case"):
                break
            await pilot.press("tab")
            assert await in_sight(pilot, app, app.focused), app.focused
        assert app.focused.has_class("agenda-case")
        await pilot.press("enter")
        await type_text(pilot, "Fraude")
        await pilot.press("enter")
        await pilot.pause()
        shown = [s for s in app.screen.query(".agenda-method") if s.parent.display]
        assert [s.value for s in shown] == ["dilemma"]  # the review's method, as suggested
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert isinstance(app.screen, HomeScreen)
        assert await until(pilot, lambda: "Moreel beraad december" in screen_text(app))

    store = Store(db_path)
    [session] = meeting_queries.sessions(store)
    assert session.title == "Moreel beraad december" and session.location == "Buurthuis De Kaap"
    people = [(person.name, p.role) for p, person in meeting_queries.participants(store, session.id)]
    assert people == list(zip(PEOPLE, [Role.CHAIR, Role.SECRETARY, Role.CASE_OWNER,
                                       Role.PARTICIPANT]))
    review = [i for i in meeting_queries.agenda(store, session.id) if i.kind == AgendaKind.CASE_REVIEW]
    assert [(i.method_id, case_queries.case(store, i.case_id).slug) for i in review] == [
        ("dilemma", "fraude-in-vertrouwen")]


async def test_a_plan_with_problems_says_so_at_the_field_and_keeps_what_was_typed(db_path, methods):
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Alleen een titel")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Choose or type a group." in screen_text(app) or app.screen.query_one(
            "#problem-group").render().plain  # the problem is beside its field
        assert app.screen.query_one("#title", Input).value == "Alleen een titel"
    assert meeting_queries.sessions(Store(db_path)) == []


async def fill_the_step(pilot, app, step_number: int) -> list[str]:
    """Tab through every field of the step on screen, typing a distinct Dutch text into
    each part, as a secretary does; returns what was typed."""
    typed: list[str] = []
    fields = app.screen.query_one("#fields")
    seen = set()
    part = 0
    while app.focused is not None and app.focused in fields.query("*") \
            and id(app.focused) not in seen:
        widget = app.focused
        seen.add(id(widget))
        assert await in_sight(pilot, app, widget), f"{widget} has focus out of sight at 80x24"
        part += 1
        text = f"gezegd {step_number}-{part}"
        if isinstance(widget, Input) and widget.id and widget.id.endswith("-when"):
            await type_text(pilot, "02-12-2026")
            await pilot.press("enter")  # adds the action
            await pilot.pause()
        elif isinstance(widget, Input) and widget.id and widget.id.endswith("-date"):
            await type_text(pilot, "02-12-2026")  # a date field: stored as ISO
            typed.append("2026-12-02")
        elif isinstance(widget, (Input, WrapLine)):  # one line, wrapped or not
            await type_text(pilot, text)
            typed.append(text)
        elif isinstance(widget, TextArea):
            await type_text(pilot, text)
            await pilot.press("enter")
            await type_text(pilot, text + " tweede regel")
            typed += [text, text + " tweede regel"]
        elif isinstance(widget, Select):
            await pilot.press("enter", "down", "down", "enter")
            await pilot.pause()
        is_decision = (isinstance(widget, Input) and (widget.id or "").endswith("-what")
                       and not app.screen.query("#" + widget.id.replace("-what", "-who")))
        if is_decision:
            await pilot.press("enter")  # a decision is added with enter
            await pilot.pause()
        if app.focused is widget or isinstance(widget, (Button, Select)):
            await pilot.press("tab")
            await pilot.pause()
    return typed


async def run_review(db_path, methods, method_id, case):
    store = Store(empty_db(db_path))
    from livinglab.library.cases import example_cases, import_cases

    import_cases(store, example_cases())
    session = plan_review(store, methods, method_id, case)
    store.close()
    app = make_app(db_path, methods, FakeClock())
    typed: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the planned meeting from the list
        await pilot.pause()
        assert app.focused.id == "notes"  # the opening: notes, cursor in place
        await type_text(pilot, "Welkom, Yasmina is er voor het eerst bij.")
        await pilot.press("ctrl+n")
        await pilot.pause()
        runner = app.screen
        steps = len(runner.workshop.method.steps)
        for number in range(1, steps + 1):
            assert runner.workshop.step_index == number - 1
            assert f"Step {number}/{steps}" in screen_text(app)
            typed += await fill_the_step(pilot, app, number)
            await pilot.press("ctrl+n")  # moves on even from inside a text area
            await pilot.pause()
        # After the last step of the last item, ctrl+n offers to finish: enter says yes.
        assert "Finish the meeting?" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "FinishScreen")
        assert app.focused.id == "lesson"
        await type_text(pilot, "Morele vragen eerst in het team")
        await pilot.press("enter")
        await pilot.pause()
        # The lesson is listed under the field, which is empty for the next one.
        assert "• Morele vragen eerst in het team" in screen_text(app)
        assert app.focused.id == "lesson" and app.focused.value == ""
    store = Store(db_path)
    session = store.get(Session, session.id)
    [item] = [i for i in meeting_queries.agenda(store, session.id) if i.kind == AgendaKind.CASE_REVIEW]
    stored = json.dumps(meeting_queries.entries(store, item.id), ensure_ascii=False)
    stored += json.dumps([(a.what, a.owner) for a in meeting_queries.actions(store, session_id=session.id)])
    stored += json.dumps([d.text for d in meeting_queries.decisions(store, session.id)])
    return session, store, typed, stored


@pytest.mark.parametrize("method_id, case", [
    ("dilemma", "fraude-in-vertrouwen"),
    ("spanningen", "eigen-kracht-zorgplicht"),
    ("trage-vragen", "menselijke-maat"),
])
async def test_a_whole_review_by_keys_stores_every_field(db_path, methods, method_id, case):
    session, store, typed, stored = await run_review(db_path, methods, method_id, case)
    assert session.status == SessionStatus.FINISHED
    missing = [text for text in typed if text not in stored]
    assert typed and missing == []
    assert meeting_queries.agenda(store, session.id)[0].notes == "Welkom, Yasmina is er voor het eerst bij."
    assert [lesson.text for lesson in memory_queries.lessons(store, session_id=session.id)] == [
        "Morele vragen eerst in het team"]


async def test_a_slow_question_of_the_groups_own_is_planned_without_a_case(db_path, methods):
    # A walker's learning community had its question in no case file: the form had no
    # choice for it, and the method list reordered itself under the keys once a case was
    # picked (the same keys chose another method).
    from livinglab.tui.screens.home import HomeScreen

    names = [m.name["en"] for m in methods.sorted()]

    async def offered() -> list[str]:
        """The methods as the open list shows them, top to bottom."""
        await tab_to(pilot, app, lambda w: w.has_class("agenda-method"))
        await pilot.press("enter")
        await pilot.pause()
        lines = [line for line in screen_text(app).splitlines()
                 if any(name in line for name in names)][1:]  # the first: the field itself
        await pilot.press("escape")
        return [next(n for n in names if n in line) + (" (suggested)" * ("(suggested)" in line))
                for line in lines]

    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title")
        await type_text(pilot, "Lerende gemeenschap januari")
        await pilot.press("tab")
        await type_text(pilot, "Lerende gemeenschap Kop")
        await tab_to(pilot, app, lambda w: w.has_class("participant-name"))
        await type_text(pilot, "Anouk Visser")
        await tab_to(pilot, app, lambda w: w.has_class("agenda-case"), tries=40)
        await pilot.press("enter", *"Fraude", "enter")  # a case first: dilemma suggested
        after_case = await offered()
        await pilot.press("shift+tab")  # back to the case
        await pilot.press("enter", *"No case", "enter")  # then no case after all
        after_none = await offered()
        assert [n.replace(" (suggested)", "") for n in after_case] == names  # one order
        assert [n.replace(" (suggested)", "") for n in after_none] == names
        assert [n for n in after_none if "(suggested)" in n] == [
            next(m.name["en"] for m in methods.sorted() if m.id == "trage-vragen")
            + " (suggested)"]
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: isinstance(app.screen, HomeScreen)), screen_text(app)
    store = Store(db_path)
    [session] = meeting_queries.sessions(store)
    [review] = [i for i in meeting_queries.agenda(store, session.id)
                if i.kind == AgendaKind.CASE_REVIEW]
    assert (review.case_id, review.method_id) == (None, "trage-vragen")
    store.close()
