"""Practice runs: started, answered, revealed, reported, exported and compared; and kept
out of every group's meetings, minutes, actions and search."""

from __future__ import annotations

import re

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from livinglab.minutes import render_minutes
from livinglab.models import SessionStatus
from livinglab.practice import (
    REFLECTION_STEP_ID, PracticeError, PracticeWorkshop, compare_markdown, load_practice,
    notes_by_step, parse_students, practice_file, report_markdown, reveal, start_practice,
)
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop

from conftest import FakeClock, fill_dilemma_review, plan_dilemma_meeting, run_cli, empty_db
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.practice import practice_sessions
from livinglab.models import Case, Lesson, Session

GOLDEN = Path(__file__).parent / "golden" / "practice"
DAY = dt.date(2026, 11, 25)
SOLO_ANSWERS = {
    "situation": "Ineke werkt in twee teams.\nMevrouw D. krijgt steeds minder aandacht.",
    "question": "Moet ik de ochtendronde blijven draaien op mijn wijkteamdagen?",
    "values": [{"who": "Mevrouw D.", "value": "Goede zorg", "asks": "Tijd en aandacht"},
               {"who": "Het wijkteam", "value": "Betrouwbaarheid", "asks": "Er zijn op afspraak"}],
    "options": ["De ronde draaien", "De ronde weigeren", "Met beide leidinggevenden praten"],
    "choice": "Ik praat eerst met beide leidinggevenden.",
    "because": "Zo wordt het een vraag van het systeem en niet alleen van mij.",
    "cost": "Mevrouw D. wacht nog een week op meer aandacht.",
    "limit_harm": "Ik vraag een collega haar deze week extra te bezoeken.",
}
REFLECTION = {
    "practice_noticed": "De notities wijzen op het systeem; ik keek vooral naar mezelf.",
    "practice_weighed": "Goede zorg voor mevrouw D.",
    "practice_next": "Eerder de derden noemen.",
}


def run_solo(store, methods, case="twee-bazen-thuiszorg", students=("Lisa de Boer",),
             answers=SOLO_ANSWERS, method="eigen-afweging", minutes=(0, 38)):
    """A complete solo run, with a fixed clock: 13:00 to 13:38 local time."""
    session = start_practice(store, case, method, methods, list(students), DAY)
    at = [dt.datetime(2026, 11, 25, 13, minutes[0])]  # naive: local time
    workshop = PracticeWorkshop(store, session.id, methods, clock=FakeClock(),
                                wallclock=lambda: at[0])
    workshop.start()
    for step in workshop.method.steps:
        for f in step.fields:
            if f.key in answers:
                workshop.set_value(f.key, answers[f.key])
            if f.key in REFLECTION:
                workshop.set_value(f.key, REFLECTION[f.key])
        workshop.next_step()
    at[0] = dt.datetime(2026, 11, 25, 13, minutes[1])
    workshop.finish()
    return session


@pytest.fixture
def solo(library_store, methods):
    return library_store, run_solo(library_store, methods)


# --- starting -------------------------------------------------------------------------


def test_a_practice_run_has_no_roles_and_ends_with_the_reflection(library_store, methods):
    session = start_practice(library_store, "fraude-in-vertrouwen", "dilemma", methods,
                             ["Lisa de Boer", "Omar Haddad"], DAY)
    record = load_practice(library_store, session.id, methods)
    assert record.method.roles == []
    assert [s.id for s in record.method.steps][-1] == REFLECTION_STEP_ID
    assert len(record.answer_steps) == len(methods.get("dilemma").steps)
    assert [person.name for _p, person in record.students] == ["Lisa de Boer", "Omar Haddad"]


def test_without_a_name_the_student_is_called_student(library_store, methods):
    session = start_practice(library_store, "fraude-in-vertrouwen", "eigen-afweging", methods,
                             [], DAY)
    assert [p.name for _x, p in meeting_queries.participants(library_store, session.id)] == ["Student"]


def test_names_are_typed_on_one_line_separated_by_commas():
    assert parse_students(" Lisa de Boer,  Omar   Haddad;lisa de boer ,, ") == [
        "Lisa de Boer", "Omar Haddad", "lisa de boer"]


def test_an_unknown_case_or_method_is_refused_and_nothing_stored(library_store, methods):
    with pytest.raises(PracticeError, match="no case with id nope"):
        start_practice(library_store, "nope", "dilemma", methods)
    with pytest.raises(PracticeError, match="no method with id nope"):
        start_practice(library_store, "fraude-in-vertrouwen", "nope", methods)
    assert practice_sessions(library_store) == []


def test_the_solo_method_asks_six_questions_in_fifteen_to_thirty_minutes(methods):
    solo = methods.get("eigen-afweging")
    assert len(solo.steps) == 6 and 15 <= solo.total_minutes <= 30
    assert solo.roles == [] and all(step.tips for step in solo.steps)
    assert all(step.title["nl"] and step.title["en"] for step in solo.steps)


def test_each_persons_answers_stay_apart_in_a_small_group(library_store, methods):
    session = start_practice(library_store, "fraude-in-vertrouwen", "dilemma", methods,
                             ["Lisa de Boer", "Omar Haddad"], DAY)
    workshop = PracticeWorkshop(library_store, session.id, methods, clock=FakeClock())
    workshop.start()
    lisa, omar = [p.id for p, _person in meeting_queries.participants(library_store, session.id)]
    workshop.set_value("choices", {lisa: {"choice": "A", "value": "Eerlijkheid"},
                                   omar: {"choice": "B", "value": "Vertrouwen"}})
    text = report_markdown(load_practice(library_store, session.id, methods), library_store,
                           methods, "en")
    assert "*Lisa de Boer*\n\n- The right thing to do: A\n- Because of the value: Eerlijkheid" in text
    assert "*Omar Haddad*\n\n- The right thing to do: B\n- Because of the value: Vertrouwen" in text


# --- the reveal and the report ------------------------------------------------------------


def test_notes_that_name_a_step_go_beside_that_step(methods):
    steps = methods.get("dilemma").steps
    notes = ("Houd eerst de persoonlijke afweging vast.\n\nHet structurele punt kan in "
             "stap 9 naar de acties.\n\nIn stap 12 niets.")
    general, by_step = notes_by_step(notes, steps)
    assert general == ["Houd eerst de persoonlijke afweging vast.", "In stap 12 niets."]
    assert by_step == {steps[8].id: ["Het structurele punt kan in stap 9 naar de acties."]}


def test_the_reveal_shows_answers_beside_the_notes_and_tips(solo, methods):
    store, session = solo
    shown = reveal(load_practice(store, session.id, methods), store, methods, "nl")
    assert shown.general_notes[0].startswith("Dit dilemma gaat over de persoon")
    first = shown.steps[0]
    assert first.title == "Wat is de situatie?"
    assert first.answers == [("situation", "De situatie",
                              "Ineke werkt in twee teams.\\\nMevrouw D. krijgt steeds minder "
                              "aandacht.")]
    assert first.tips[0].startswith("Scheid wat je zag")
    assert len(shown.steps) == 6 and shown.precedents == []


def group_review_then_practice(store, methods):
    """A group's dilemma review of a case, finished, then a student's practice of it."""
    meeting = plan_dilemma_meeting(store, methods)
    clock = FakeClock()
    workshop = Workshop(store, meeting.id, methods, clock=clock)
    fill_dilemma_review(workshop, clock)
    workshop.finish()
    return meeting, run_solo(store, methods, case="fraude-in-vertrouwen")


# What the group said in its own fields (each person's choice, the closing round), and
# the words of what it can share (the precedent, a decision, a lesson).
FIELD_WORDS = ["Binnen een maand samen melden", "Uitleggen waarom", "Dat regels en zorg botsen",
               "Dilemma's eerder inbrengen", "Goed gesprek", "Anouk Visser", "Yasmina"]
SHAREABLE_WORDS = ["Verschil zit in", "Bij signalen van fraude", "meldt zelf, Sander gaat mee"]


def test_a_group_review_not_shared_stays_out_of_the_practice_report(library_store, methods):
    from livinglab.sharing.publish import mark_shared

    meeting, session = group_review_then_practice(library_store, methods)
    [lesson] = memory_queries.lessons(library_store, session_id=meeting.id)
    mark_shared(library_store, lesson.id, False)  # lessons are te delen unless unmarked
    record = load_practice(library_store, session.id, methods)
    assert reveal(record, library_store, methods, "en").precedents == []
    for lang in ("nl", "en"):
        text = report_markdown(record, library_store, methods, lang)
        assert "Hoe een groep deze casus woog" not in text
        assert "How a group weighed this case" not in text
        assert "Wijkteam Havenkwartier" not in text
        for words in FIELD_WORDS + SHAREABLE_WORDS:
            assert words not in text, words


def test_what_a_group_shared_is_shown_with_roles_instead_of_names(library_store, methods):
    from livinglab.sharing.publish import mark_shared

    meeting, session = group_review_then_practice(library_store, methods)
    [precedent] = memory_queries.precedents(library_store)
    [decision] = meeting_queries.decisions(library_store, meeting.id)
    mark_shared(library_store, precedent.id)
    mark_shared(library_store, decision.id)
    record = load_practice(library_store, session.id, methods)
    [shown] = reveal(record, library_store, methods, "en").precedents
    assert shown.group == "Wijkteam Havenkwartier" and shown.date == DAY
    assert "De fraude melden" in shown.weighed  # the group's dilemma
    assert "Values: Zorg voor zijn zoon, Gelijkheid, Vertrouwen, Eerlijkheid" in shown.weighed
    assert "Choices: 1 × A; 1 × B" in shown.weighed
    assert "Chosen: Case owner bespreekt met" in shown.weighed  # Sander: his role
    assert "Meneer K." not in shown.weighed  # named by a form of address: a placeholder
    assert "- Meneer \\[name-1\\] meldt zelf, Case owner gaat mee" in shown.weighed
    assert "- Bij signalen van fraude eerst bespreken in het team" in shown.weighed
    text = report_markdown(record, library_store, methods, "nl")
    weighed = text.split("## Hoe een groep deze casus woog")[1].split("\n## ")[0]
    assert "Waarden: Zorg voor zijn zoon" in weighed and "**Besluiten**" in weighed
    assert "**Te delen kennis**" in weighed
    for words in FIELD_WORDS:  # the fields are never shown
        assert words not in text, words


def test_a_decision_shared_alone_shows_only_that(library_store, methods):
    from livinglab.sharing.publish import mark_shared

    meeting, session = group_review_then_practice(library_store, methods)
    [lesson] = memory_queries.lessons(library_store, session_id=meeting.id)
    mark_shared(library_store, lesson.id, False)
    [decision] = meeting_queries.decisions(library_store, meeting.id)
    mark_shared(library_store, decision.id)
    [shown] = reveal(load_practice(library_store, session.id, methods), library_store,
                     methods, "en").precedents
    assert shown.weighed == "**Decisions**\n\n- Meneer \\[name-1\\] meldt zelf, Case owner gaat mee"
    mark_shared(library_store, decision.id, False)
    assert reveal(load_practice(library_store, session.id, methods), library_store,
                  methods, "en").precedents == []


def test_a_slow_question_shows_only_once_the_group_takes_it_to_the_region(
        library_store, methods, clock):
    from livinglab.memory.questions import update_question

    meeting = plan_dilemma_meeting(library_store, methods)
    item = meeting_queries.agenda(library_store, meeting.id)[1]
    item = item.model_copy(update={"case_id": case_queries.case(library_store, "kennis-die-blijft").id,
                                   "method_id": "trage-vragen"})
    library_store.save(item)
    workshop = Workshop(library_store, meeting.id, methods, clock=clock)
    workshop.start()
    workshop.go_to_item(item.id)
    workshop.set_value("question", "Hoe blijft kennis als Anouk Visser vertrekt?")
    workshop.set_value("insights", ["Kennis zit in mensen"])
    workshop.set_value("still_open", ["Wie beheert de lessen?"])
    workshop.finish()
    for lesson in memory_queries.lessons(library_store, session_id=meeting.id):
        library_store.delete(Lesson, lesson.id)
    session = run_solo(library_store, methods, case="kennis-die-blijft")
    record = load_practice(library_store, session.id, methods)
    assert reveal(record, library_store, methods, "en").precedents == []
    [question] = memory_queries.slow_questions(library_store, meeting.group_id)
    update_question(library_store, question.id, to_region=True)
    [shown] = reveal(record, library_store, methods, "en").precedents
    assert shown.weighed == ("**Slow question**\n\nHoe blijft kennis als Chair vertrekt?\n\n"
                             "- Added: Kennis zit in mensen\n- Left open: Wie beheert de lessen?")


def test_the_report_matches_the_golden_file(solo, methods):
    store, session = solo
    for lang in ("nl", "en"):
        text = report_markdown(load_practice(store, "latest", methods), store, methods, lang)
        assert text == (GOLDEN / f"report.{lang}.md").read_text("utf-8"), lang


def test_a_run_of_seconds_took_less_than_a_minute_and_no_table_is_left_empty(library_store,
                                                                             methods):
    """A walker's run of a few seconds read "Bestede tijd 0 min", under a table header
    with nothing in it."""
    run_solo(library_store, methods, answers={}, minutes=(0, 0))
    record = load_practice(library_store, "latest", methods)
    for lang, said in (("nl", "- **Bestede tijd:** minder dan een minuut"),
                       ("en", "- **Time spent:** less than a minute")):
        text = report_markdown(record, library_store, methods, lang)
        assert said in text.splitlines(), lang
        assert "0 min" not in text
        assert not [line for line in text.splitlines()
                    if line.startswith("|") and not line.strip("| -")], lang  # no empty row
    file = practice_file(record, "nl")
    assert file.minutes_spent == 0
    assert "minder dan een minuut" in compare_markdown([("a.json", file)], "nl")


# --- export and compare ------------------------------------------------------------------


def test_three_students_compared_step_by_step_through_the_cli(capsys, tmp_path, methods):
    db = tmp_path / "class.db"
    from livinglab.library.cases import example_cases, import_cases

    ids = []
    with Store(empty_db(db)) as store:
        import_cases(store, example_cases())
        for name, choice in [("Lisa de Boer", "Ik praat eerst met beide leidinggevenden."),
                             ("Omar Haddad", "Ik draai de ronde, deze ene keer."),
                             ("Sanne Vos", "")]:
            answers = {**SOLO_ANSWERS, "choice": choice}
            ids.append(run_solo(store, methods, students=[name], answers=answers).id)
    files = []
    for number, session_id in enumerate(ids, 1):
        path = tmp_path / f"student{number}.json"
        code, _out, err = run_cli(capsys, "--db", str(db), "--lang", "nl", "practice", "export",
                                  session_id[:8], "-o", str(path))
        assert code == 0, err
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        files.append(str(path))
    overview = tmp_path / "overzicht.md"
    code, _out, err = run_cli(capsys, "--lang", "nl", "practice", "compare", *files,
                              "-o", str(overview))
    assert code == 0, err
    text = overview.read_text("utf-8")
    assert text.startswith("# Oefeningen vergeleken: Twee bazen in de thuiszorg\n")
    choice_step = text.split("## 5. Wat kies ik, en waarom?")[1].split("\n## 6.")[0]
    parts = choice_step.split("### ")
    assert [p.splitlines()[0] for p in parts[1:]] == ["Lisa de Boer", "Omar Haddad",
                                                      "Sanne Vos"]
    assert "Ik praat eerst met beide leidinggevenden." in parts[1]
    assert "Ik draai de ronde, deze ene keer." in parts[2]
    assert "Mijn keuze" not in parts[3]  # Sanne chose nothing: only her reason is there
    assert text.count("Eerder de derden noemen.") == 3  # each one's reflection
    assert text.index("## 1. ") < text.index("## 2. ") < text.index("## 6. ")


def test_compare_refuses_files_of_another_case_and_broken_files(capsys, tmp_path, solo,
                                                                methods):
    store, session = solo
    other = run_solo(store, methods, case="fraude-in-vertrouwen")
    first = practice_file(load_practice(store, session.id, methods))
    second = practice_file(load_practice(store, other.id, methods))
    with pytest.raises(PracticeError, match="b.json is a practice of another case"):
        compare_markdown([("a.json", first), ("b.json", second)])
    good, broken, wrong = tmp_path / "good.json", tmp_path / "broken.json", tmp_path / "w.json"
    good.write_text(first.model_dump_json())
    broken.write_text('{"format": "livinglab-practice",\n  "id": }')
    data = json.loads(first.model_dump_json())
    data["steps"][0]["answers"] = "none"
    wrong.write_text(json.dumps(data))
    code, out, err = run_cli(capsys, "practice", "compare", str(good), str(broken))
    assert (code, out) == (1, "")
    assert err.startswith(f"livinglab: {broken}:2: not valid JSON")
    code, out, err = run_cli(capsys, "practice", "compare", str(good), str(wrong))
    assert code == 1 and err.startswith(f"livinglab: {wrong}: steps[0].answers: ")


def test_report_and_list_through_the_cli(capsys, tmp_path, methods):
    from livinglab.library.cases import example_cases, import_cases
    from livinglab.storage.written import written_files

    db = tmp_path / "x.db"
    with Store(empty_db(db)) as store:  # as the app makes it: with the example cases
        import_cases(store, example_cases())
    code, out, err = run_cli(capsys, "--db", str(db), "practice", "report", "latest")
    assert (code, err) == (1, "livinglab: there are no practice runs yet\n")
    with Store(db) as store:
        session = run_solo(store, methods)
    code, out, _err = run_cli(capsys, "--db", str(db), "practice", "list")
    assert code == 0 and session.id[:8] in out and "Lisa de Boer" in out
    report = tmp_path / "verslag.md"
    code, _out, err = run_cli(capsys, "--db", str(db), "--lang", "nl", "practice", "report",
                              "latest", "-o", str(report))
    assert code == 0 and "Verslag geschreven naar" in err
    assert report.read_text("utf-8").startswith("# Oefenverslag: Twee bazen in de thuiszorg")
    code, _out, err = run_cli(capsys, "--db", str(db), "practice", "report", "latest",
                              "-o", str(report))
    assert code == 1 and "add --force" in err
    practice_file = tmp_path / "oefenbestand.json"
    code, _out, err = run_cli(capsys, "--db", str(db), "practice", "export", "latest",
                              "-o", str(practice_file))
    assert code == 0, err
    # Both are logged (path and kind, never content): an erase of the student lists them.
    with Store(db) as store:
        assert {(f.path, f.kind) for f in written_files(store)} == {
            (str(report), "practice-report"), (str(practice_file), "practice-file")}


# --- kept apart -----------------------------------------------------------------------


def test_practice_runs_stay_out_of_meetings_minutes_actions_and_search(capsys, tmp_path,
                                                                      methods):
    db = tmp_path / "x.db"
    from livinglab.library.cases import example_cases, import_cases

    with Store(empty_db(db)) as store:
        import_cases(store, example_cases())
        meeting = plan_dilemma_meeting(store, methods)
        # A practice of a slow question with the ten-step method, with an action and a
        # decision of its own: none of it may reach the group.
        session = start_practice(store, "geen-filiaal-van-het-gemeentehuis", "dilemma",
                                 methods, ["Lisa de Boer"], DAY)
        workshop = PracticeWorkshop(store, session.id, methods, clock=FakeClock())
        workshop.start()
        workshop.set_value("situation", "Oefentekst zebrapad")
        workshop.add_action("Oefenactie zebrapad", "Lisa")
        workshop.add_decision("Oefenbesluit zebrapad")
        workshop.finish()
        assert meeting_queries.sessions(store) == [meeting] and meeting_queries.count_sessions(store) == 1
        assert [g.name for g in meeting_queries.groups(store)] == ["Wijkteam Havenkwartier"]
        assert memory_queries.slow_questions(store) == [] and meeting_queries.earlier_open_actions(store, meeting) == []
        assert store.search("zebrapad") == []
        minutes = render_minutes(store, meeting.id, methods)
        assert "zebrapad" not in minutes and "Lisa" not in minutes
        assert store.get(Session, session.id).status == SessionStatus.FINISHED
    code, out, _err = run_cli(capsys, "--db", str(db), "sessions", "list")
    assert code == 0 and "Moreel beraad november" in out and session.id[:8] not in out
    code, out, err = run_cli(capsys, "--db", str(db), "export", session.id)
    assert code == 1 and out == ""
    code, out, _err = run_cli(capsys, "--db", str(db), "export", "latest")
    assert code == 0 and "zebrapad" not in out
    code, out, _err = run_cli(capsys, "--db", str(db), "search", "zebrapad")
    assert code == 0 and out == "Nothing found for zebrapad.\n"
    for listing in ("actions", "lessons"):  # the group's lists, not even as rows of no meeting
        code, out, _err = run_cli(capsys, "--db", str(db), listing, "--all")
        assert code == 0 and "zebrapad" not in out


def test_the_demo_holds_one_finished_practice_run_beside_the_groups_meetings(tmp_path,
                                                                           methods):
    from livinglab.demo.history import make_demo

    path = tmp_path / "demo.db"
    assert make_demo(path, DAY).meetings == 7  # the group's meetings only
    with Store(path) as store:
        [run] = practice_sessions(store)
        assert run.status == SessionStatus.FINISHED and run.date < DAY
        record = load_practice(store, run.id, methods)
        assert [p.name for _x, p in record.students] == ["Karin Smit"]
        assert record.entries["practice_next"] and record.minutes_spent() == 26
        text = report_markdown(record, store, methods, "nl")
        assert "## Hoe een groep deze casus woog" in text
    assert make_demo(path, DAY).already_filled  # the practice run is not a foreign group


def test_a_map_several_steps_fill_in_is_reported_once_and_an_action_under_its_own_step(
        library_store, methods):
    """The polarity map is filled in over five steps: the report showed all of it under
    each of them, and an action added at the agreements also under the step before, whose
    field is also an action list (a student's find)."""
    session = start_practice(library_store, "eigen-kracht-zorgplicht", "spanningen", methods,
                             ["Noor Bakker"], DAY)
    workshop = PracticeWorkshop(library_store, session.id, methods, clock=FakeClock())
    workshop.start()
    parts = {"poles": {"pole_a": "Eigen kracht", "pole_b": "Zorgplicht"},
             "purpose": {"purpose": "Een goed leven thuis"},
             "sides": {"a_up": ["Regie bij de inwoner"]},
             "warnings": {"a_warnings": ["Post blijft liggen"]},
             "actions": {"a_actions": ["Netwerk vragen mee te kijken"]}}
    map_so_far: dict = {}
    while True:
        step = workshop.step
        if step.id in parts:
            map_so_far = {**map_so_far, **parts[step.id]}
            workshop.set_value("map", map_so_far)
        if step.id == "agreements":
            workshop.add_action("Netwerkberaad plannen", "Noor Bakker", dt.date(2026, 12, 15))
        if not workshop.next_step():
            break
    workshop.finish()
    report = report_markdown(load_practice(library_store, session.id, methods), library_store,
                             methods, "nl")
    steps = re.split(r"^### Stap ", report, flags=re.MULTILINE)[1:]
    assert len(steps) == 7
    assert report.count("Een goed leven thuis") == 1  # the map, once
    assert "Eén keer getoond, helemaal ingevuld, bij stap 6." in steps[1]
    assert "Een goed leven thuis" in steps[5] and "Netwerk vragen mee te kijken" in steps[5]
    assert ["Netwerkberaad plannen" in s for s in steps] == [False] * 6 + [True]


def test_the_method_to_practise_is_the_solo_weighing_for_a_dilemma_else_the_case_s_own(
        library_store, methods):
    from livinglab.library import queries as case_queries
    from livinglab.practice import SOLO_METHOD_ID, method_to_practise

    case = lambda slug: case_queries.case(library_store, slug)  # noqa: E731
    assert method_to_practise(case("fraude-in-vertrouwen"), methods) == SOLO_METHOD_ID
    assert method_to_practise(case("eigen-kracht-zorgplicht"), methods) == "spanningen"
    assert method_to_practise(case("menselijke-maat"), methods) == "trage-vragen"
    assert method_to_practise(None, methods) == SOLO_METHOD_ID


def test_a_report_of_a_run_halfway_holds_no_notes_for_the_facilitator(library_store, methods):
    """`practice report` of a run still going showed the notes the run reveals only after
    its last step: a student could read them first (a student's find)."""
    session = start_practice(library_store, "twee-bazen-thuiszorg", "eigen-afweging", methods,
                             ["Lisa de Boer"], DAY)
    workshop = PracticeWorkshop(library_store, session.id, methods, clock=FakeClock())
    workshop.start()
    workshop.set_value("situation", SOLO_ANSWERS["situation"])
    notes = library_store.get(Case, workshop.case.id).facilitator_notes
    first_words = notes.split(".")[0]
    assert first_words
    report = lambda: report_markdown(load_practice(library_store, session.id, methods),  # noqa: E731
                                     library_store, methods, "nl")
    halfway = report()
    assert first_words not in halfway
    assert "Te zien zodra de oefening voorbij haar laatste stap is" in halfway
    while workshop.step.id != REFLECTION_STEP_ID:
        workshop.next_step()
    assert first_words in report()
