"""The closing round without a terminal: everyone who is there is asked, and a voornemen
is one record per person per meeting, whichever place it was typed (the dilemma method's
own closing round or the Sluiting item), shown the same in both and listed once."""

from __future__ import annotations

import shutil
from pathlib import Path

from livinglab.memory import intentions
from livinglab.minutes import render_minutes
from livinglab.models import AgendaKind, Attendance, Intention, Role
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop

from conftest import PEOPLE
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries

FIXTURES = Path(__file__).parent / "fixtures"


def plan(store, methods, closing: AgendaKind = AgendaKind.CLOSING_ROUND):
    """A dilemma review and a Sluiting item; Karin Smit sent word she would not come."""
    return create_meeting(store, MeetingPlan(
        title="Moreel beraad", group_name="Wijkteam Havenkwartier", date="2026-11-25",
        start_time="9:30",
        participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE]
        + [PlannedParticipant("Karin Smit", Role.PARTICIPANT, Attendance.ABSENT_WITH_NOTICE)],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen",
                            "dilemma"),
                PlannedItem("Sluiting", closing)]), methods)


def at_the_closing_step(store, session, methods, clock) -> Workshop:
    workshop = Workshop(store, session.id, methods, clock=clock)
    workshop.start()
    workshop.go_to_item(workshop.items[1].id)
    workshop.go_to_step(len(workshop.method.steps) - 1)
    assert any(f.key == "closing_round" for f in workshop.step.fields)
    return workshop


def participant_of(store, session, name):
    return next(p for p, person in meeting_queries.participants(store, session.id) if person.name == name)


def voornemens_rows(minutes: str, text: str) -> int:
    return sum(line.count(text) for line in minutes.splitlines())


def test_the_closing_round_asks_the_late_and_a_walk_in_and_not_who_stayed_away(
        library_store, methods, clock):
    session = plan(library_store, methods)
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    workshop.start()
    workshop.set_attendance(participant_of(library_store, session, "Sander Kok").id,
                            Attendance.LATE)
    workshop.set_attendance(participant_of(library_store, session, "Bram de Wit").id,
                            Attendance.ABSENT)
    workshop.add_participant("Fatima Bouali")  # walks in at the opening
    asked = [person.name for person, _said in workshop.closing_round()]
    assert asked == ["Anouk Visser", "Sander Kok", "Yasmina El Idrissi", "Fatima Bouali"]
    # what the latecomer says is kept and written in the minutes
    fatima = next(person for person, _said in workshop.closing_round()
                  if person.name == "Fatima Bouali")
    workshop.say_intention(fatima.id, "Dat ik welkom was", "Volgende keer op tijd komen")
    minutes = render_minutes(library_store, session.id, methods, lang="nl")
    assert "| Fatima Bouali | Dat ik welkom was | Volgende keer op tijd komen |" in minutes


def test_a_voornemen_typed_at_the_step_and_edited_at_sluiting_is_one_record_listed_once(
        library_store, methods, clock):
    session = plan(library_store, methods)
    workshop = at_the_closing_step(library_store, session, methods, clock)
    yasmina = participant_of(library_store, session, "Yasmina El Idrissi")
    workshop.set_value("closing_round", {yasmina.id: {
        "learned": "Dat regels en zorg botsen", "intention": "Dilemma's eerder inbrengen"}})
    [kept] = memory_queries.intentions(library_store, session_id=session.id)
    assert (kept.learned, kept.intention) == ("Dat regels en zorg botsen",
                                              "Dilemma's eerder inbrengen")
    # at Sluiting the same record is shown, and edited
    workshop.go_to_item(workshop.items[2].id)
    said = {person.name: i for person, i in workshop.closing_round()}
    assert said["Yasmina El Idrissi"].id == kept.id
    workshop.say_intention(yasmina.person_id, "Dat regels en zorg botsen",
                           "Dilemma's in de eerste week inbrengen")
    [edited] = memory_queries.intentions(library_store, session_id=session.id)
    assert edited.id == kept.id and edited.intention == "Dilemma's in de eerste week inbrengen"
    # the step shows the edit (a new workshop: as the app reopens the step)
    again = at_the_closing_step(library_store, session, methods, clock)
    assert again.value("closing_round") == {yasmina.id: {
        "learned": "Dat regels en zorg botsen",
        "intention": "Dilemma's in de eerste week inbrengen"}}
    minutes = render_minutes(library_store, session.id, methods, lang="nl")
    assert voornemens_rows(minutes, "Dat regels en zorg botsen") == 1, minutes
    assert "Dilemma's eerder inbrengen" not in minutes
    step = minutes.split("### Stap 10. Evaluatie")[1].split("\n## ")[0]
    assert step == "\n\n*De voornemens staan bij agendapunt 3.*\n"  # and nothing else
    closing = minutes.split("## 3. Sluiting")[1].split("\n## ")[0]
    assert ("| Yasmina El Idrissi | Dat regels en zorg botsen | Dilemma's in de eerste "
            "week inbrengen |") in closing
    # the next meeting asks after it once
    later = plan(library_store, methods)
    asked = intentions.to_follow_up(library_store, later.id)
    assert [(p.name, i.intention) for p, i in asked] == [
        ("Yasmina El Idrissi", "Dilemma's in de eerste week inbrengen")]


def test_cleared_at_sluiting_the_voornemen_is_gone_from_the_step_too(
        library_store, methods, clock):
    session = plan(library_store, methods)
    workshop = at_the_closing_step(library_store, session, methods, clock)
    yasmina, anouk = (participant_of(library_store, session, name)
                      for name in ("Yasmina El Idrissi", "Anouk Visser"))
    workshop.set_value("closing_round", {
        yasmina.id: {"learned": "Luisteren", "intention": "Vaker vragen"},
        anouk.id: {"learned": "Vertragen", "intention": "Elke week één casus"}})
    workshop.say_intention(yasmina.person_id, "", "")
    assert [i.intention for i in memory_queries.intentions(library_store, session_id=session.id)] == [
        "Elke week één casus"]
    step = at_the_closing_step(library_store, session, methods, clock)
    assert step.value("closing_round") == {anouk.id: {"learned": "Vertragen",
                                                      "intention": "Elke week één casus"}}


def test_without_a_sluiting_item_the_voornemens_are_listed_once_at_the_review(
        library_store, methods, clock):
    session = plan(library_store, methods, closing=AgendaKind.PLAIN)
    workshop = at_the_closing_step(library_store, session, methods, clock)
    yasmina = participant_of(library_store, session, "Yasmina El Idrissi")
    workshop.set_value("closing_round", {yasmina.id: {
        "learned": "Dat regels en zorg botsen", "intention": "Dilemma's eerder inbrengen"}})
    minutes = render_minutes(library_store, session.id, methods, lang="en")
    assert voornemens_rows(minutes, "Dilemma's eerder inbrengen") == 1
    review = minutes.split("## 2. Casusbespreking")[1].split("\n## 3.")[0]
    assert ("*Yasmina El Idrissi*\n\n- Learned: Dat regels en zorg botsen\n"
            "- Intention: Dilemma's eerder inbrengen") in review


def test_a_database_made_the_old_way_with_two_copies_lists_each_voornemen_once(
        library_store, methods, clock):
    """Before, an edit at Sluiting changed the record only: the step's field kept the
    first words. Such a database shows the record, once, in the minutes and at Sluiting."""
    session = plan(library_store, methods)
    yasmina = participant_of(library_store, session, "Yasmina El Idrissi")
    review = meeting_queries.agenda(library_store, session.id)[1]
    library_store.save_entry(review.id, "closing_round", {yasmina.id: {
        "learned": "Dat regels en zorg botsen", "intention": "Dilemma's eerder inbrengen"}})
    library_store.save(Intention(
        id=intentions.intention_id(session.id, yasmina.person_id),
        group_id=session.group_id, session_id=session.id, person_id=yasmina.person_id,
        learned="Dat regels en zorg botsen", intention="Dilemma's in de eerste week inbrengen"))
    for lang in ("nl", "en"):
        minutes = render_minutes(library_store, session.id, methods, lang=lang)
        assert voornemens_rows(minutes, "Dat regels en zorg botsen") == 1, minutes
        assert "Dilemma's eerder inbrengen" not in minutes
        assert "Dilemma's in de eerste week inbrengen" in minutes
    said = [(person.name, i.intention) for person, i in intentions.closing_round(
        library_store, session.id) if i]
    assert said == [("Yasmina El Idrissi", "Dilemma's in de eerste week inbrengen")]


def test_a_schema_1_database_keeps_the_voornemen_its_review_field_holds(tmp_path, methods):
    """The oldest databases hold a voornemen only in the dilemma's field: it is listed
    once, and the closing round shows it."""
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-1.db", path)
    with Store(path) as store:
        [session] = meeting_queries.sessions(store)
        assert memory_queries.intentions(store) == []
        minutes = render_minutes(store, session.id, methods, lang="en")
        assert voornemens_rows(minutes, "Dilemma's eerder inbrengen") == 1, minutes
        said = [(person.name, i.intention) for person, i in intentions.closing_round(
            store, session.id) if i]
        assert said == [("Yasmina El Idrissi", "Dilemma's eerder inbrengen")]


def test_voornemens_not_asked_after_are_listed_as_such_not_dropped(library_store, methods,
                                                                   clock):
    first = plan(library_store, methods)
    workshop = Workshop(library_store, first.id, methods, clock=clock)
    workshop.start()
    for name, said in (("Anouk Visser", "Vaker doorvragen"), ("Sander Kok", "Eerder inbrengen")):
        person = next(pe for pe, _said in workshop.closing_round() if pe.name == name)
        workshop.say_intention(person.id, "", said)
    workshop.finish()
    second = create_meeting(library_store, MeetingPlan(
        title="Overleg december", group_name="Wijkteam Havenkwartier", date="2026-12-16",
        participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE],
        agenda=[PlannedItem("Actielijst vorige keer", AgendaKind.ACTION_FOLLOW_UP),
                PlannedItem("Sluiting")]), methods)
    later = Workshop(library_store, second.id, methods, clock=clock)
    later.start()
    [(anouk, asked)] = [(p, i) for p, i in later.intentions_to_follow_up()
                        if p.name == "Anouk Visser"]
    later.follow_up_intention(asked.id, True, "Gedaan bij twee casussen")
    minutes = render_minutes(library_store, second.id, methods, lang="nl")
    assert "| Anouk Visser | Vaker doorvragen | gedaan | Gedaan bij twee casussen |" in minutes
    assert "| Sander Kok | Eerder inbrengen | niet besproken |   |" in minutes
