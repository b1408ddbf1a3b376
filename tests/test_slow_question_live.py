"""Slow questions live (issue 25): the group gives its question a status at the method's
closing step, and the status, wording and history change later from the knowledge screen;
every list shows the short id the commands take. Keys only, at 80x24."""

from __future__ import annotations

from livinglab.models import SlowQuestionStatus
from livinglab.memory import queries as memory_queries
from livinglab.storage.store import Store

from apptools import make_app, screen_text, toasts, until
from test_capture_app import plan_a_slow_question, settle, tab_to_id, to_the_next_step
from test_chair import open_meeting


async def test_the_status_is_chosen_by_keys_at_the_closing_step(db_path, methods):
    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await to_the_next_step(pilot, app)
        await tab_to_id(pilot, app, "status-choice")
        assert "Status van de vraag" in screen_text(app) or \
            "The question's status" in screen_text(app)
        await pilot.press("enter")  # opens the options: open, explore, answered, region
        await pilot.pause()
        assert await until(pilot, lambda: "to the region" in screen_text(app))
        await pilot.press("down", "down", "down", "down", "enter")
        await settle(pilot, app)
        assert "to the region" in screen_text(app)
    store = Store(db_path)
    [question] = memory_queries.slow_questions(store)
    assert (question.status, question.to_region) == (SlowQuestionStatus.EXPLORING, True)
    store.close()


def a_question_with_history(db_path, methods, clock):
    from conftest import empty_db
    from test_memory import MEETINGS, plan, review
    from livinglab.library.cases import example_cases, import_cases

    with Store(empty_db(db_path)) as store:
        import_cases(store, example_cases())
        for date, values in MEETINGS[:2]:
            session = plan(store, methods, "trage-vragen", "kennis-die-blijft", date)
            review(store, methods, clock, session, values)
        [question] = memory_queries.slow_questions(store)
        return question


async def test_status_wording_and_history_are_changed_in_the_knowledge_screen(
        db_path, methods, clock):
    from livinglab.storage.refs import short_id

    question = a_question_with_history(db_path, methods, clock)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("k")
        assert await until(pilot, lambda: "Lessons" in screen_text(app))
        await pilot.press("right")  # the slow questions
        assert await until(pilot, lambda: short_id(question.id) in screen_text(app))
        await pilot.press("e")
        assert await until(pilot, lambda: getattr(app.focused, "id", "") == "q-wording")
        await pilot.press("ctrl+a", *"Wie bewaart wat we leerden?")
        await pilot.press("tab", "enter")  # the status
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # open -> explore further -> insight
        await pilot.press("tab", "space")  # to the region
        await tab_to_id(pilot, app, "q-open-1")  # the second meeting: what it left open
        await pilot.press("ctrl+a", *"Wie beheert de lessen in 2027?")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: "The slow question is changed." in toasts(app))
        assert "Wie bewaart wat we leerden?" in screen_text(app)
    store = Store(db_path)
    [changed] = memory_queries.slow_questions(store)
    assert (changed.question, changed.status, changed.to_region) == (
        "Wie bewaart wat we leerden?", SlowQuestionStatus.INSIGHT, True)
    assert changed.history[1].left_open == ["Wie beheert de lessen in 2027?"]
    assert changed.history[0].added == question.history[0].added  # the rest as it was
    store.close()


async def test_a_review_of_a_question_worked_on_before_says_so_at_its_wording(
        db_path, methods, clock):
    """A second review of the same slow question goes on with it (its history grows, a new
    wording replaces the old): the step where the group words it says so first."""
    from livinglab.storage.refs import short_id
    from test_memory import plan

    question = a_question_with_history(db_path, methods, clock)
    with Store(db_path) as store:
        plan(store, methods, "trage-vragen", "kennis-die-blijft", "2026-11-25")
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Bijeenkomst 2026-11-25")
        # The step's pane, read on across its lines (the step list beside it wraps too).
        text = lambda: " ".join(" ".join(  # noqa: E731
            line.split("│", 1)[-1] for line in screen_text(app).splitlines()).split())
        for _ in range(3):  # to the step where the question is worded
            if "goes on with the group's slow question" in text():
                break
            await pilot.press("ctrl+n")
            await settle(pilot, app)
        assert (f"goes on with the group's slow question {short_id(question.id)}"
                in text()), text()
        assert "worked on in 2 earlier meetings, last on 09-03-2026" in text()


async def test_an_answered_question_stays_in_the_knowledge_screen_to_take_up_again(
        db_path, methods, clock):
    from livinglab.memory.questions import update_question
    from livinglab.storage.refs import short_id

    question = a_question_with_history(db_path, methods, clock)
    with Store(db_path) as store:
        update_question(store, question.id, status=SlowQuestionStatus.SETTLED)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("k")
        assert await until(pilot, lambda: "Lessons" in screen_text(app))
        await pilot.press("right")
        assert await until(pilot, lambda: short_id(question.id) in screen_text(app))
        assert "answered" in screen_text(app)
        await pilot.press("e")
        assert await until(pilot, lambda: getattr(app.focused, "id", "") == "q-wording")
        await pilot.press("tab", "enter")
        await pilot.pause()
        await pilot.press("home", "enter")  # open again
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: "The slow question is changed." in toasts(app))
    with Store(db_path) as store:
        assert memory_queries.slow_questions(store)[0].status == SlowQuestionStatus.OPEN


async def test_the_next_meeting_shows_the_open_question_and_a_review_takes_it_up(
        db_path, methods, clock):
    """A walker's learning community could not go on with its open slow question: the
    action list did not show it, and a review of the group's own began a new one. Now the
    action list lists it, and the step that words the question offers to take it up."""
    from livinglab.meeting.planning import (
        MeetingPlan, PlannedItem, PlannedParticipant, create_meeting)
    from livinglab.models import AgendaKind, Role
    from livinglab.storage.refs import short_id

    question = a_question_with_history(db_path, methods, clock)
    with Store(db_path) as store:
        session = create_meeting(store, MeetingPlan(
            title="Kop december", group_name="Werkgroep Regio Kop",
            date="2026-11-25", participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
            agenda=[PlannedItem("Actielijst vorige keer", AgendaKind.ACTION_FOLLOW_UP),
                    PlannedItem("Onze eigen trage vraag", AgendaKind.CASE_REVIEW, None,
                                "trage-vragen")]), methods)
    app = make_app(db_path, methods)
    # The step's pane, read on across its lines (the step list beside it wraps too).
    text = lambda: " ".join(" ".join(  # noqa: E731
        line.split("│", 1)[-1] for line in screen_text(app).splitlines()).split())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(pilot, app, "Kop december")
        assert await until(pilot, lambda: "The group's open slow questions" in text())
        assert f"{short_id(question.id)} · open — {question.question}" in text()
        assert "Left open: Wie beheert de lessen?" in text()
        for _ in range(2):  # the review, then the step where the question is worded
            await pilot.press("ctrl+n")
            await settle(pilot, app)
        await tab_to_id(pilot, app, "take-up")  # below the wording, brought into sight
        assert "Or go on with an open slow question of the group" in text()
        await pilot.press("enter")
        assert await until(pilot, lambda: f"goes on with the group's slow question "
                           f"{short_id(question.id)}" in text())
        assert (f"This review goes on with the slow question {short_id(question.id)}."
                in toasts(app))
    with Store(db_path) as store:
        [taken] = memory_queries.slow_questions(store)
        assert [page.session_id for page in taken.history][-1] == session.id
        assert len(taken.history) == 3
