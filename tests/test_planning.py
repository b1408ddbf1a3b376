"""Planning around the review: agenda kinds, several reviews, editing and deleting a plan,
the group's roster and the people offered from its last meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from livinglab.models import AgendaKind, Attendance, Role, SessionStatus
from livinglab.meeting.planning import (
    MeetingPlan, PlanError, PlannedItem, PlannedParticipant, check_plan, create_meeting,
    delete_meeting, leave_group, offer_people, people_to_offer, plan_of, update_meeting,
)
from livinglab.storage.store import StoreError
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.models import Session


def two_review_plan(**changes) -> MeetingPlan:
    plan = MeetingPlan(
        title="Twee casussen", group_name="Wijkteam Havenkwartier", date="25-11-2026",
        start_time="14:00",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR, discipline="Wmo-consulent",
                                         organisation="Gemeente"),
                      PlannedParticipant("Bram de Wit", Role.SECRETARY,
                                         discipline="wijkverpleegkundige")],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Actielijst", AgendaKind.ACTION_FOLLOW_UP),
                PlannedItem("Dilemma", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen", "dilemma"),
                PlannedItem("Trage vraag", AgendaKind.CASE_REVIEW, "menselijke-maat",
                            "trage-vragen"),
                PlannedItem("Sluiting", AgendaKind.CLOSING_ROUND)],
    )
    for key, value in changes.items():
        setattr(plan, key, value)
    return plan


def test_a_meeting_holds_two_reviews_each_with_its_own_case_and_method(library_store, methods):
    session = create_meeting(library_store, two_review_plan(), methods)
    items = meeting_queries.agenda(library_store, session.id)
    assert [i.kind for i in items] == [AgendaKind.PLAIN, AgendaKind.ACTION_FOLLOW_UP,
                                       AgendaKind.CASE_REVIEW, AgendaKind.CASE_REVIEW,
                                       AgendaKind.CLOSING_ROUND]
    reviews = [(case_queries.case(library_store, i.case_id).slug, i.method_id) for i in items
               if i.kind == AgendaKind.CASE_REVIEW]
    assert reviews == [("fraude-in-vertrouwen", "dilemma"), ("menselijke-maat", "trage-vragen")]
    people = {person.name: (person.discipline, person.organisation)
              for _p, person in meeting_queries.participants(library_store, session.id)}
    assert people == {"Anouk Visser": ("Wmo-consulent", "Gemeente"),
                      "Bram de Wit": ("wijkverpleegkundige", None)}


def test_a_review_without_a_case_is_named_by_its_number(library_store, methods):
    plan = two_review_plan()
    plan.agenda[2].case_id = None  # the dilemma
    problems = check_plan(plan, library_store, methods)
    assert problems == {"case": "Pick a case for item 3, the case review."}
    with pytest.raises(PlanError):
        create_meeting(library_store, plan, methods)
    assert meeting_queries.sessions(library_store) == []
    plan.agenda[2].case_id = "no-such-case"
    assert check_plan(plan, library_store, methods) == problems


def test_a_slow_question_of_the_groups_own_needs_no_case(library_store, methods, clock):
    # A walker's learning community had its own slow question, in no case file: the plan
    # was refused, and the library case it took instead headed its minutes.
    from livinglab.live.workshop import Workshop
    from livinglab.memory import queries as memory_queries
    from livinglab.minutes import render_minutes

    plan = two_review_plan()
    plan.agenda[3] = PlannedItem("Trage vraag: armoede achter de voordeur",
                                 AgendaKind.CASE_REVIEW, None, "trage-vragen")
    assert check_plan(plan, library_store, methods) == {}
    session = create_meeting(library_store, plan, methods)
    item = meeting_queries.agenda(library_store, session.id)[3]
    assert item.case_id is None and item.method_id == "trage-vragen"
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    workshop.start()
    workshop.go_to_item(item.id)
    workshop.go_to_step(1)  # the question, in the group's words
    workshop.set_value("question", "Hoe zien we armoede achter de voordeur eerder?")
    workshop.finish()
    [question] = memory_queries.slow_questions(library_store, session.group_id)
    assert question.question == "Hoe zien we armoede achter de voordeur eerder?"
    assert question.case_id is None
    minutes = render_minutes(library_store, session.id, methods, lang="nl")
    assert "## 4. Trage vraag: armoede achter de voordeur\n" in minutes
    assert "Hoe zien we armoede achter de voordeur eerder?" in minutes


def test_a_planned_meeting_is_edited_in_place(library_store, methods):
    session = create_meeting(library_store, two_review_plan(), methods)
    plan = plan_of(library_store, session.id)
    assert plan.date == "25-11-2026" and plan.start_time == "14:00"
    assert [p.discipline for p in plan.participants] == ["Wmo-consulent", "wijkverpleegkundige"]
    plan.title = "Eén casus"
    plan.agenda = plan.agenda[:3] + plan.agenda[4:]
    plan.participants.append(PlannedParticipant("Sander Kok", Role.CASE_OWNER))
    update_meeting(library_store, session.id, plan, methods)
    [stored] = meeting_queries.sessions(library_store)
    assert (stored.id, stored.title) == (session.id, "Eén casus")
    assert [i.title for i in meeting_queries.agenda(library_store, session.id)] == [
        "Opening", "Actielijst", "Dilemma", "Sluiting"]
    assert [pe.name for _p, pe in meeting_queries.participants(library_store, session.id)] == [
        "Anouk Visser", "Bram de Wit", "Sander Kok"]


def test_only_a_planned_meeting_is_edited_or_deleted(library_store, methods):
    session = create_meeting(library_store, two_review_plan(), methods)
    running = library_store.get(Session, session.id)
    running.status = SessionStatus.RUNNING
    library_store.save(running)
    with pytest.raises(PlanError):
        update_meeting(library_store, session.id, two_review_plan(title="Anders"), methods)
    with pytest.raises(StoreError):
        delete_meeting(library_store, session.id)
    assert library_store.get(Session, session.id).title == "Twee casussen"


def test_deleting_a_planned_meeting_leaves_nothing_of_it(library_store, methods):
    session = create_meeting(library_store, two_review_plan(), methods)
    delete_meeting(library_store, session.id)
    assert meeting_queries.sessions(library_store) == []
    assert meeting_queries.agenda(library_store, session.id) == []
    assert meeting_queries.participants(library_store, session.id) == []


def test_the_next_meeting_is_offered_the_people_of_the_last(library_store, methods):
    create_meeting(library_store, two_review_plan(), methods)
    offered = people_to_offer(library_store, "wijkteam havenkwartier")
    assert [(p.name, p.role, p.discipline) for p in offered] == [
        ("Anouk Visser", Role.CHAIR, "Wmo-consulent"),
        ("Bram de Wit", Role.SECRETARY, "wijkverpleegkundige")]
    assert people_to_offer(library_store, "Een andere groep") == []


def test_the_next_meeting_is_offered_the_members_who_were_there_not_guests_or_absent(
        library_store, methods):
    plan = two_review_plan()
    plan.participants += [
        PlannedParticipant("Karin Smit", Role.PARTICIPANT, Attendance.ABSENT_WITH_NOTICE),
        PlannedParticipant("Gerrit Veenstra", Role.GUEST, organisation="Woningcorporatie"),
        PlannedParticipant("Sander Kok", Role.CASE_OWNER),
        PlannedParticipant("Yasmina El Idrissi", Role.PARTICIPANT, Attendance.LATE)]
    session = create_meeting(library_store, plan, methods)
    roster = meeting_queries.roster(library_store, session.group_id)
    # A guest is at the meeting, not of the group.
    assert "Gerrit Veenstra" not in [p.name for _m, p in roster]
    sander = next(m for m, p in roster if p.name == "Sander Kok")
    leave_group(library_store, sander.id, dt.date(2026, 11, 30))
    offer = offer_people(library_store, "Wijkteam Havenkwartier")
    assert [(p.name, p.role, p.attendance) for p in offer.people] == [
        ("Anouk Visser", Role.CHAIR, Attendance.PRESENT),
        ("Bram de Wit", Role.SECRETARY, Attendance.PRESENT),
        ("Yasmina El Idrissi", Role.PARTICIPANT, Attendance.PRESENT)]
    assert (offer.absent, offer.guests, offer.left) == (
        ["Karin Smit"], ["Gerrit Veenstra"], ["Sander Kok"])


def test_a_last_meeting_no_member_came_to_offers_the_roster(library_store, methods):
    plan = two_review_plan()
    plan.participants = [PlannedParticipant(p.name, p.role, Attendance.ABSENT)
                         for p in plan.participants]
    create_meeting(library_store, plan, methods)
    offer = offer_people(library_store, "Wijkteam Havenkwartier")
    assert [p.name for p in offer.people] == ["Anouk Visser", "Bram de Wit"]
    assert offer.absent == []


def test_the_roster_keeps_who_left(library_store, methods):
    session = create_meeting(library_store, two_review_plan(), methods)
    roster = meeting_queries.roster(library_store, session.group_id)
    assert [p.name for _m, p in roster] == ["Anouk Visser", "Bram de Wit"]
    bram = next(m for m, p in roster if p.name == "Bram de Wit")
    leave_group(library_store, bram.id, dt.date(2026, 12, 1))
    assert [p.name for _m, p in meeting_queries.roster(library_store, session.group_id,
                                                      on=dt.date(2026, 12, 2))] == ["Anouk Visser"]
    # Old meetings keep him: the minutes of 25 November still name him.
    assert [p.name for _p, p in meeting_queries.participants(library_store, session.id)][1] == "Bram de Wit"


def test_attendance_values_survive_the_plan(library_store, methods):
    plan = two_review_plan()
    plan.participants.append(PlannedParticipant("Karin Smit", Role.PARTICIPANT,
                                                Attendance.ABSENT_WITH_NOTICE))
    session = create_meeting(library_store, plan, methods)
    assert [p.attendance for p, _pe in meeting_queries.participants(library_store, session.id)][-1] == \
        Attendance.ABSENT_WITH_NOTICE


def test_a_review_takes_up_an_open_question_of_the_group_from_an_earlier_meeting(
        library_store, methods, clock):
    # A walker's group could not go on with its open slow question in the next meeting:
    # the action list did not show it, and a new review began a new question.
    from livinglab.live.workshop import Workshop
    from livinglab.meeting.views import step_markdown
    from livinglab.memory import queries as memory_queries

    def held(date, wording=None, take_up=None, case=None):
        plan = two_review_plan(date=date)
        plan.agenda[3] = PlannedItem("Trage vraag", AgendaKind.CASE_REVIEW, case,
                                     "trage-vragen")
        session = create_meeting(library_store, plan, methods)
        workshop = Workshop(library_store, session.id, methods, clock=clock)
        workshop.start()
        workshop.go_to_item(meeting_queries.agenda(library_store, session.id)[1].id)
        seen = (workshop.open_questions(), workshop.questions_to_take_up())
        shown.append(step_markdown(workshop, lang="nl"))
        workshop.go_to_item(meeting_queries.agenda(library_store, session.id)[3].id)
        offered = workshop.questions_to_take_up()
        if take_up:
            workshop.take_up_question(take_up)
        workshop.go_to_step(1)
        if wording:
            workshop.set_value("question", wording)
        workshop.finish()
        return seen, offered

    shown = []
    seen, offered = held("25-11-2026", "Hoe zien we armoede achter de voordeur eerder?")
    assert seen == ([], []) and offered == []
    assert shown[-1] == "# Actielijst\n"  # the shared screen: nothing to look back on
    [question] = memory_queries.slow_questions(library_store)
    (listed, at_follow_up), offered = held("02-12-2026", take_up=question.id)
    assert [q.id for q in listed] == [question.id] and at_follow_up == []  # no review there
    assert [q.id for q in offered] == [question.id]
    # the shared screen (f9) at the action list shows the question the group goes on with
    assert shown[-1] == ("# Actielijst\n\n## Open trage vragen\n\n"
                         "- Hoe zien we armoede achter de voordeur eerder? (open)\n")
    [question] = memory_queries.slow_questions(library_store)  # one, with two pages
    assert [page.date for page in question.history] == [dt.date(2026, 11, 25),
                                                        dt.date(2026, 12, 2)]
    assert question.question == "Hoe zien we armoede achter de voordeur eerder?"
    # A review of a case begins the case's question when it opens; taking up the open
    # one instead leaves no empty question of the case behind.
    _seen, offered = held("04-12-2026", take_up=question.id, case="menselijke-maat")
    assert [q.id for q in offered] == [question.id]
    assert [q.id for q in memory_queries.slow_questions(library_store)] == [question.id]
