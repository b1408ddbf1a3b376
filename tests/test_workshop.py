import datetime as dt

import pytest

from livinglab.models import SessionStatus, SlowQuestionStatus, local
from livinglab.meeting.planning import (
    MeetingPlan, PlanError, PlannedItem, PlannedParticipant, check_plan, default_agenda,
    parse_date, parse_time,
)
from livinglab.models import AgendaKind, Role
from livinglab.live.workshop import Workshop
from livinglab.live.timer import StepTimer, format_seconds

from conftest import fill_dilemma_review, plan_dilemma_meeting
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.models import Session


def workshop_for(store, methods, clock, session_id):
    return Workshop(store, session_id, methods, clock=clock,
                    wallclock=lambda: dt.datetime(2026, 11, 25, 11, 45))


def test_timer_arithmetic():
    timer = StepTimer(planned_seconds=600)
    timer.start(100.0)
    assert timer.elapsed(400.0) == 300 and timer.remaining(400.0) == 300
    timer.pause(400.0)
    assert timer.elapsed(10_000.0) == 300  # paused: time stands still
    timer.start(500.0)
    assert timer.remaining(850.0) == -50 and timer.is_over(850.0)
    timer.add_minute()
    assert timer.remaining(850.0) == 10 and not timer.is_over(850.0)
    assert format_seconds(-65) == "-01:05" and format_seconds(600) == "10:00"


def test_moving_between_steps_keeps_position_and_time(library_store, methods, clock):
    session = plan_dilemma_meeting(library_store, methods)
    workshop = workshop_for(library_store, methods, clock, session.id)
    workshop.start()
    assert workshop.session.status == SessionStatus.RUNNING
    assert not workshop.is_review  # the opening comes first
    assert workshop.next_item()
    assert workshop.is_review and workshop.step.id == "intro"
    workshop.start_timer()
    clock.advance(200)
    workshop.next_step()
    assert workshop.step.id == "case"
    assert workshop.step_states()[:3] == ["done", "current", "todo"]
    assert meeting_queries.step_times(library_store, workshop.item.id)["intro"].spent_seconds == 200
    workshop.go_to_step(99)
    assert workshop.step.id == "evaluation"
    workshop.previous_step()
    assert workshop.step.id == "conclusions"
    workshop.go_to_step(0)
    assert workshop.elapsed() == 200  # the time already spent on the step comes back


def test_resume_opens_the_same_step_with_everything_in_place(library_store, methods, clock):
    session = plan_dilemma_meeting(library_store, methods)
    first = workshop_for(library_store, methods, clock, session.id)
    first.start()
    first.next_item()
    first.go_to_step(2)
    first.set_value("dilemma", {"a": "melden", "b": "niet melden"})
    first.start_timer()
    clock.advance(42)
    first.checkpoint()  # the app does this every few seconds; then the process dies
    again = workshop_for(library_store, methods, clock, session.id)
    assert again.item.id == first.item.id and again.step.id == "dilemma"
    assert again.value("dilemma")["a"] == "melden"
    assert again.elapsed() == 42


def test_values_are_checked_by_field_type(library_store, methods, clock):
    session = plan_dilemma_meeting(library_store, methods)
    workshop = workshop_for(library_store, methods, clock, session.id)
    workshop.go_to_item(workshop.items[1].id)
    with pytest.raises(ValueError, match="rating"):
        workshop.set_value("rating", {"score": 9})
    with pytest.raises(ValueError, match="parties"):
        workshop.set_value("parties", "not a table")
    with pytest.raises(ValueError, match="added one by one"):
        workshop.set_value("actions", [])
    assert workshop.value("rating") == {"score": None, "comment": ""}


def test_a_whole_review_is_stored(library_store, methods, clock):
    session = plan_dilemma_meeting(library_store, methods)
    workshop = workshop_for(library_store, methods, clock, session.id)
    values = fill_dilemma_review(workshop, clock)
    workshop.finish()
    stored = meeting_queries.entries(library_store, workshop.item.id)
    assert stored["dilemma"]["b"] == values["dilemma"]["b"]
    assert stored["choices"] == values["choices"]
    assert stored["rating"] == values["rating"]
    assert [a.what for a in meeting_queries.actions(library_store, session_id=session.id)] == [
        "Gesprek met meneer K. over melden"]
    times = meeting_queries.step_times(library_store, workshop.item.id)
    assert times["dialogue"].spent_seconds == 15 * 60 + 90
    finished = library_store.get(Session, session.id)
    # The planned times stay as planned; the true end is kept apart.
    assert finished.status == SessionStatus.FINISHED and finished.end_time is None
    assert local(finished.ended_at).time().replace(second=0) == dt.time(11, 45)
    assert [lesson.text for lesson in memory_queries.lessons(library_store, session_id=session.id)] == [
        "Bij signalen van fraude eerst bespreken in het team"]


def test_a_slow_question_review_keeps_the_question_for_the_group(library_store, methods, clock):
    from livinglab.meeting.planning import create_meeting

    plan = MeetingPlan(title="Trage vraag", group_name="Werkgroep Regio", date="2026-11-25",
                       participants=[PlannedParticipant("Anouk", Role.CHAIR)],
                       agenda=[PlannedItem("Trage vraag", AgendaKind.CASE_REVIEW,
                                           case_id="menselijke-maat", method_id="trage-vragen")])
    session = create_meeting(library_store, plan, methods)
    workshop = workshop_for(library_store, methods, clock, session.id)
    workshop.start()
    [question] = memory_queries.slow_questions(library_store, session.group_id)
    assert question.question.startswith("Hoe voorkomen we dat het zoeken naar de menselijke maat")
    workshop.set_slow_question_status(SlowQuestionStatus.INSIGHT)
    assert memory_queries.slow_questions(library_store, session.group_id)[0].status == SlowQuestionStatus.INSIGHT


def test_plan_problems_are_named_per_field(library_store, methods):
    plan = MeetingPlan(date="31-02-2026", start_time="25:00",
                       participants=[PlannedParticipant("Anouk", Role.PARTICIPANT)],
                       agenda=[PlannedItem("Casus", AgendaKind.CASE_REVIEW)])
    problems = check_plan(plan, library_store, methods)
    assert set(problems) == {"title", "group", "date", "start_time", "participants", "case",
                             "method"}
    with pytest.raises(PlanError):
        from livinglab.meeting.planning import create_meeting
        create_meeting(library_store, plan, methods)
    assert meeting_queries.sessions(library_store) == []


def test_parsing_dates_times_and_the_default_agenda():
    assert parse_date("25-11-2026") == parse_date("2026-11-25") == dt.date(2026, 11, 25)
    assert parse_time("930") == parse_time("9.30") == dt.time(9, 30)
    assert parse_time("") is None
    assert [i.title for i in default_agenda()][:2] == ["Opening", "Minutes of the previous meeting"]
    from livinglab import i18n
    i18n.set_language("nl")
    assert [(i.title, i.kind.value) for i in default_agenda()] == [
        ("Opening", "plain"), ("Notulen vorige vergadering", "approve-minutes"),
        ("Mededelingen", "plain"), ("Actielijst vorige keer", "action-follow-up"),
        ("Casusbespreking", "case-review"), ("Rondvraag", "plain"),
        ("Sluiting", "closing-round")]


def test_the_participant_view_shows_the_step_and_what_was_captured(library_store, methods, clock):
    from livinglab.meeting.views import step_markdown

    session = plan_dilemma_meeting(library_store, methods)
    workshop = workshop_for(library_store, methods, clock, session.id)
    workshop.go_to_item(workshop.items[1].id)
    workshop.go_to_step(2)
    workshop.set_value("dilemma", {"a": "Melden", "b": "Eerst helpen"})
    text = step_markdown(workshop, lang="en")
    assert text.startswith("# The moral question and the dilemma\n")
    assert "- What is the moral question" in text
    assert "| A | Melden |" in text and "| B | Eerst helpen |" in text


def test_forward_walks_steps_then_items_and_back_returns(library_store, methods, clock):
    from conftest import plan_dilemma_meeting

    session = plan_dilemma_meeting(library_store, methods)
    w = Workshop(library_store, session.id, methods, clock=clock)
    w.start()
    review_at = next(n for n, item in enumerate(w.items) if item.kind == "case-review")
    moves = 0
    while w.forward():
        moves += 1
    steps = len(methods.get("dilemma").steps)
    assert moves == (len(w.items) - 1) + (steps - 1)
    assert w.item_index == len(w.items) - 1
    while w.item_index > review_at:
        assert w.back()
    assert w.item_index == review_at and w.step_index == steps - 1
    while w.back():
        pass
    assert w.item_index == 0


def test_a_bad_value_is_refused_naming_the_field_and_nothing_is_stored(library_store, methods,
                                                                        clock):
    session = plan_dilemma_meeting(library_store, methods)
    workshop = workshop_for(library_store, methods, clock, session.id)
    workshop.go_to_item(workshop.items[1].id)
    workshop.set_value("dilemma", {"a": "melden"})
    before = meeting_queries.entries(library_store, workshop.item.id)
    for key, bad in [("dilemma", {"a": 5}), ("dilemma", {"c": "no such part"}),
                     ("parties", [{"nope": "x"}]), ("situation", ["not text"]),
                     ("decisions", ["x"])]:
        with pytest.raises(ValueError) as raised:
            workshop.set_value(key, bad)
        assert str(raised.value).startswith(f"{key}: ")
    assert meeting_queries.entries(library_store, workshop.item.id) == before
    assert workshop.value("dilemma")["a"] == "melden"


def test_the_timer_keeps_fractions_of_seconds_across_pauses(library_store, methods, clock):
    timer = StepTimer(planned_seconds=60)
    for start in range(5):
        timer.start(float(start))
        timer.pause(start + 0.4)
    assert timer.elapsed(100.0) == pytest.approx(2.0)  # not 0: no second lost per pause

    session = plan_dilemma_meeting(library_store, methods)
    workshop = workshop_for(library_store, methods, clock, session.id)
    workshop.go_to_item(workshop.items[1].id)
    for _ in range(5):
        workshop.start_timer()
        clock.advance(0.4)
        workshop.pause_timer()
    stored = meeting_queries.step_times(library_store, workshop.item.id)["intro"].spent_seconds
    assert stored == pytest.approx(2.0)
    again = workshop_for(library_store, methods, clock, session.id)
    assert again.elapsed() == pytest.approx(2.0)
    assert format_seconds(again.remaining()) == "04:58"


def test_a_lesson_added_after_the_meeting_keeps_the_themes_of_its_cases(library_store, methods,
                                                                        clock):
    from livinglab.live.workshop import add_lesson

    session = plan_dilemma_meeting(library_store, methods)
    lesson = add_lesson(library_store, session.id, "  Eerst in het team bespreken ")
    case = case_queries.case(library_store, "fraude-in-vertrouwen")
    [stored] = memory_queries.lessons(library_store, session_id=session.id)
    assert stored.text == "Eerst in het team bespreken" and stored.id == lesson.id
    assert stored.themes == case.themes and case.themes
    with pytest.raises(ValueError):
        add_lesson(library_store, session.id, "   ")
    assert len(memory_queries.lessons(library_store, session_id=session.id)) == 1
    # The workshop's own call does the same, whichever agenda item is on screen.
    workshop = workshop_for(library_store, methods, clock, session.id)
    assert not workshop.is_review
    assert workshop.add_lesson("Nog een les").themes == case.themes


def test_a_lesson_gets_the_themes_of_the_case_it_was_said_in(library_store, methods, clock):
    """Two cases in one meeting: a lesson said in a review is tagged with that review's case
    only; a lesson of the whole meeting (the closing round, the finish screen) with both."""
    from livinglab.live.workshop import add_lesson
    from livinglab.meeting.planning import create_meeting

    session = create_meeting(library_store, MeetingPlan(
        title="Twee casussen", group_name="Wijkteam Havenkwartier", date="2026-11-25",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR),
                      PlannedParticipant("Bram de Wit", Role.SECRETARY)],
        agenda=[PlannedItem("Fraude", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen", "dilemma"),
                PlannedItem("Eigen kracht", AgendaKind.CASE_REVIEW, "eigen-kracht-zorgplicht",
                            "spanningen"),
                PlannedItem("Slotronde", AgendaKind.CLOSING_ROUND)]), methods)
    fraud = case_queries.case(library_store, "fraude-in-vertrouwen").themes
    carers = case_queries.case(library_store, "eigen-kracht-zorgplicht").themes
    both = list(dict.fromkeys(fraud + carers))  # once each: they share a theme
    assert set(fraud) - set(carers) and set(carers) - set(fraud) and len(both) < len(fraud + carers)
    workshop = workshop_for(library_store, methods, clock, session.id)
    fraud_item, carers_item, closing = workshop.items
    workshop.go_to_item(fraud_item.id)
    assert workshop.add_lesson("Eerst in het team bespreken, dan melden").themes == fraud
    workshop.go_to_item(carers_item.id)
    workshop.next_step()  # any step of the review: still that case's lesson
    assert workshop.add_lesson("Eigen kracht is een afspraak die je evalueert").themes == carers
    workshop.go_to_item(closing.id)
    assert workshop.add_lesson("Twee casussen is te veel voor één ochtend").themes == both
    # After the meeting, on the finish screen: no item known, so the meeting's themes.
    assert add_lesson(library_store, session.id, "Vaker moreel beraad").themes == both
    assert add_lesson(library_store, session.id, "Zelfde", item_id=closing.id).themes == both
    # What is stored is what was returned: found by theme later.
    stored = {lesson.text: lesson.themes
              for lesson in memory_queries.lessons(library_store, session_id=session.id)}
    assert stored["Eerst in het team bespreken, dan melden"] == fraud
    assert stored["Eigen kracht is een afspraak die je evalueert"] == carers


@pytest.fixture
def amsterdam_time():
    """The machine's local time zone is Amsterdam (UTC+1 in November)."""
    import os
    import time

    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_moments_are_utc_and_old_naive_ones_are_read_as_local_time(amsterdam_time):
    from livinglab.models import Lesson, local, now

    assert now().utcoffset() == dt.timedelta(0)
    old = Lesson(group_id="g", text="x", created_at="2026-11-25T11:30:00")  # written naive
    assert old.created_at == dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)
    assert local(old.created_at).replace(tzinfo=None) == dt.datetime(2026, 11, 25, 11, 30)
    new = Lesson(group_id="g", text="x", created_at="2026-11-25T10:30:00Z")
    assert new.created_at == old.created_at


def test_the_meeting_times_are_local_clock_times(library_store, methods, clock, amsterdam_time):
    session = plan_dilemma_meeting(library_store, methods)
    session.start_time = None
    library_store.save(session)
    moments = iter([dt.datetime(2026, 11, 25, 8, 30, tzinfo=dt.UTC),
                    dt.datetime(2026, 11, 25, 10, 45, tzinfo=dt.UTC)])
    workshop = Workshop(library_store, session.id, methods, clock=clock,
                        wallclock=lambda: next(moments))
    workshop.start()
    workshop.finish()
    finished = library_store.get(Session, session.id)
    # The true start and end, in local clock time; the plan (no start time) stays as it was.
    assert (local(finished.started_at).time(), local(finished.ended_at).time()) == (
        dt.time(9, 30), dt.time(11, 45))
    assert (finished.start_time, finished.end_time) == (None, None)


def test_the_timer_shows_whole_seconds():
    assert format_seconds(1.9999999) == "00:02" and format_seconds(-0.2) == "00:00"
    assert format_seconds(59.6) == "01:00" and format_seconds(-65.4) == "-01:05"


def test_forward_enters_a_review_at_its_first_step_and_back_at_its_last(library_store, methods,
                                                                        clock):
    """Correcting finished minutes, the secretary moved on from the opening into the case
    review and landed on its tenth step (a walker's find): forward enters at the first."""
    session = plan_dilemma_meeting(library_store, methods)
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    fill_dilemma_review(workshop, clock)
    workshop.finish()
    correcting = Workshop(library_store, session.id, methods, clock=clock)
    correcting.start()
    assert correcting.is_correcting
    correcting.go_to_item(correcting.items[0].id)
    assert correcting.forward() and correcting.item_index == 1
    assert correcting.step_index == 0
    correcting.go_to_item(correcting.items[2].id)
    assert correcting.back() and correcting.item_index == 1
    assert correcting.step_index == len(correcting.method.steps) - 1
