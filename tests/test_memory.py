"""The group's memory: slow questions that live on, precedents, voornemens followed up,
lessons and actions across meetings."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from livinglab.memory import intentions
from livinglab.memory import precedents
from livinglab.memory import questions
from livinglab.models import (
    Action, ActionStatus, AgendaKind, Group, Lesson, Role, SlowQuestion, SlowQuestionStatus,
)
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop
from livinglab.minutes.render import render_minutes

from conftest import PEOPLE, fill_dilemma_review, plan_dilemma_meeting, run_cli, empty_db
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.models import Person

FIXTURES = Path(__file__).parent / "fixtures"


def plan(store, methods, method_id, case, date, group="Werkgroep Regio Kop"):
    return create_meeting(store, MeetingPlan(
        title=f"Bijeenkomst {date}", group_name=group, date=date, start_time="9:30",
        participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE],
        agenda=[PlannedItem("Trage vraag", AgendaKind.CASE_REVIEW, case, method_id)],
    ), methods)


def review(store, methods, clock, session, values):
    workshop = Workshop(store, session.id, methods, clock=clock)
    workshop.start()
    for key, value in values.items():
        workshop.set_value(key, value)
    workshop.finish()
    return workshop


MEETINGS = [
    ("2026-01-12", {"question": "Hoe blijft kennis als mensen gaan?",
                    "insights": ["Kennis zit in mensen"],
                    "still_open": ["Wie beheert de lessen?", "Hoe deel je tussen teams?"]}),
    ("2026-03-09", {"question": "Hoe houden we vast wat we leerden als collega's vertrekken?",
                    "insights": ["Korte lessen worden gelezen"],
                    "still_open": ["Wie beheert de lessen?"]}),
    ("2026-05-11", {"insights": ["De werkgroep beheert de lessen"], "still_open": []}),
]


def test_a_slow_question_keeps_its_history_over_three_meetings(library_store, methods, clock):
    for date, values in MEETINGS:
        session = plan(library_store, methods, "trage-vragen", "kennis-die-blijft", date)
        review(library_store, methods, clock, session, values)
    [question] = memory_queries.slow_questions(library_store)
    # the group's own latest wording, not the case's text
    assert question.question == MEETINGS[1][1]["question"]
    assert [(w.date.isoformat(), w.wording, w.added, w.left_open) for w in question.history] == [
        ("2026-01-12", MEETINGS[0][1]["question"], ["Kennis zit in mensen"],
         ["Wie beheert de lessen?", "Hoe deel je tussen teams?"]),
        ("2026-03-09", MEETINGS[1][1]["question"], ["Korte lessen worden gelezen"],
         ["Wie beheert de lessen?"]),
        ("2026-05-11", "", ["De werkgroep beheert de lessen"], []),
    ]
    # what a meeting left open is kept, and found
    [hit] = library_store.search("tussen teams", kinds=["slow-question"])
    assert "[" not in hit.snippet and "Hoe deel je tussen teams?" in hit.snippet.replace(
        "\ue000", "").replace("\ue001", "")
    assert questions.still_open(question) == []


def test_wording_status_and_region_are_changed_by_the_group(library_store, methods, clock):
    session = plan(library_store, methods, "trage-vragen", "kennis-die-blijft", "2026-01-12")
    review(library_store, methods, clock, session, MEETINGS[0][1])
    [question] = memory_queries.slow_questions(library_store)
    questions.update_question(library_store, question.id, wording="  Wat blijft er?  ",
                              status=SlowQuestionStatus.INSIGHT, to_region=True)
    [changed] = memory_queries.slow_questions(library_store)
    assert (changed.question, changed.status, changed.to_region) == (
        "Wat blijft er?", SlowQuestionStatus.INSIGHT, True)
    assert len(changed.history) == 1


def test_the_status_chosen_at_the_closing_step_is_the_questions_status(library_store, methods,
                                                                       clock):
    """The method's closing step asks the group for the question's status; a later meeting's
    choice wins over an earlier one, and an earlier review edited later does not undo it."""
    chosen = [("2026-01-12", "naar_de_regio"), ("2026-03-09", "beantwoord")]
    for date, status in chosen:
        session = plan(library_store, methods, "trage-vragen", "kennis-die-blijft", date)
        workshop = review(library_store, methods, clock, session,
                          {"question": "Hoe blijft kennis?", "status": status})
        [question] = memory_queries.slow_questions(library_store)
        if status == "naar_de_regio":
            assert (question.status, question.to_region) == (SlowQuestionStatus.EXPLORING, True)
            first = workshop
    assert (question.status, question.to_region) == (SlowQuestionStatus.SETTLED, False)
    first.set_value("status", "open")  # the secretary corrects the first meeting's minutes
    [question] = memory_queries.slow_questions(library_store)
    assert question.status == SlowQuestionStatus.SETTLED
    assert "naar de regio" not in render_minutes(library_store, session.id, methods, lang="nl")
    assert "Status van de vraag beantwoord" in " ".join(
        render_minutes(library_store, session.id, methods, lang="nl").replace("*", "").split())


def test_a_review_can_continue_another_question_of_the_group(library_store, methods, clock):
    first = plan(library_store, methods, "trage-vragen", "kennis-die-blijft", "2026-01-12")
    review(library_store, methods, clock, first, MEETINGS[0][1])
    [question] = memory_queries.slow_questions(library_store)
    later = plan(library_store, methods, "trage-vragen", "menselijke-maat", "2026-03-09")
    item = meeting_queries.agenda(library_store, later.id)[0]
    questions.continue_question(library_store, item.id, question.id)
    review(library_store, methods, clock, later, MEETINGS[1][1])
    [kept] = memory_queries.slow_questions(library_store)  # no second question for the other case
    assert [w.date.isoformat() for w in kept.history] == ["2026-01-12", "2026-03-09"]
    assert kept.question == MEETINGS[1][1]["question"]


def test_the_old_status_to_the_region_becomes_a_flag(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-1.db", path)
    with sqlite3.connect(path) as conn:
        conn.execute("update slow_questions set status = 'naar-de-regio'")
    conn.close()
    with Store(path) as store:
        [question] = memory_queries.slow_questions(store)
        assert question.status == SlowQuestionStatus.EXPLORING and question.to_region
        assert question.history == []
        assert [h.kind for h in store.search("menselijke maat", kinds=["slow-question"])] == [
            "slow-question"]


def test_every_dilemma_review_leaves_a_precedent_a_later_group_sees(library_store, methods,
                                                                    clock):
    session = plan_dilemma_meeting(library_store, methods)
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    fill_dilemma_review(workshop, clock)
    [precedent] = memory_queries.precedents(library_store)
    assert precedent.item_id == workshop.item.id and precedent.title
    assert precedent.dilemma.splitlines() == [
        "Wat is hier goed om te doen?", "A: De fraude melden", "B: Eerst helpen, later melden"]
    assert precedent.values == ["Zorg voor zijn zoon", "Gelijkheid", "Vertrouwen", "Eerlijkheid"]
    assert precedent.choices == "1 × A; 1 × B"
    assert precedent.choice == "Sander bespreekt met meneer K. dat hij zelf meldt."
    assert precedent.why.startswith("Verschil zit in")
    # another group, later, reviewing the same case sees how it was weighed
    later = create_meeting(library_store, MeetingPlan(
        title="Moreel beraad", group_name="Wijkteam Zuid", date="2027-02-01",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
        agenda=[PlannedItem("Casus", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen",
                            "dilemma")]), methods)
    [item] = meeting_queries.agenda(library_store, later.id)
    assert precedents.similar(library_store, item.id) == [precedent]
    assert precedents.similar(library_store, workshop.item.id) == []  # never itself
    assert [h.kind for h in library_store.search("eerlijkheid", kinds=["precedent"])] == [
        "precedent"]


def test_voornemens_come_back_at_the_next_meeting_and_the_answers_are_kept(
        library_store, methods, clock):
    first = plan(library_store, methods, "trage-vragen", "kennis-die-blijft", "2026-01-12")
    people = {person.name: person for _p, person in meeting_queries.participants(library_store, first.id)}
    intentions.record(library_store, first.id, people["Anouk Visser"].id,
                      learned="Vertragen helpt", intention="Elke week één casus navragen")
    intentions.record(library_store, first.id, people["Bram de Wit"].id,
                      learned="Luisteren", intention="Notulen dezelfde dag delen")
    intentions.record(library_store, first.id, people["Sander Kok"].id)  # said nothing
    said = {person.name: i for person, i in intentions.closing_round(library_store, first.id)}
    assert set(said) == {name for name, _role in PEOPLE} and said["Sander Kok"] is None

    second = plan(library_store, methods, "trage-vragen", "kennis-die-blijft", "2026-03-09")
    asked = intentions.to_follow_up(library_store, second.id)
    assert [(p.name, i.intention) for p, i in asked] == [
        ("Anouk Visser", "Elke week één casus navragen"),
        ("Bram de Wit", "Notulen dezelfde dag delen")]
    intentions.follow_up(library_store, asked[0][1].id, second.id, done=True,
                         answer="Drie keer gedaan")
    intentions.follow_up(library_store, asked[1][1].id, second.id, done=False,
                         answer="Geen tijd na het overleg")
    kept = {i.intention: (i.done, i.answer, i.followed_up_in)
            for i in memory_queries.intentions(library_store, session_id=first.id)}
    assert kept == {"Elke week één casus navragen": (True, "Drie keer gedaan", second.id),
                    "Notulen dezelfde dag delen": (False, "Geen tijd na het overleg", second.id)}
    # asked once: the meeting after that does not ask again
    third = plan(library_store, methods, "trage-vragen", "kennis-die-blijft", "2026-05-11")
    assert intentions.to_follow_up(library_store, third.id) == []
    assert len(intentions.to_follow_up(library_store, second.id)) == 2  # still shown there


def test_the_minutes_keep_the_voornemens_and_what_came_of_them(library_store, methods):
    from livinglab.minutes import render_minutes
    from livinglab.meeting.planning import default_agenda

    def meeting(date):
        return create_meeting(library_store, MeetingPlan(
            title=f"Overleg {date}", group_name="Werkgroep Regio Kop", date=date,
            start_time="9:30",
            participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE],
            agenda=[i for i in default_agenda() if i.kind != AgendaKind.CASE_REVIEW]), methods)

    first = meeting("2026-01-12")
    people = {person.name: person for _p, person in meeting_queries.participants(library_store, first.id)}
    intentions.record(library_store, first.id, people["Anouk Visser"].id,
                      learned="Vertragen helpt", intention="Elke week één casus navragen")
    minutes = render_minutes(library_store, first.id, methods, lang="nl")
    assert ("| Anouk Visser | Vertragen helpt | Elke week één casus navragen |"
            in minutes), minutes
    second = meeting("2026-03-09")
    [(_person, asked)] = intentions.to_follow_up(library_store, second.id)
    intentions.follow_up(library_store, asked.id, second.id, done=False,
                         answer="Geen tijd na het overleg")
    minutes = render_minutes(library_store, second.id, methods, lang="nl")
    assert "### Voornemens van vorige keer" in minutes
    assert ("| Anouk Visser | Elke week één casus navragen | niet gedaan | "
            "Geen tijd na het overleg |") in minutes, minutes
    shared = render_minutes(library_store, second.id, methods, lang="en", shareable=True)
    assert "Anouk" not in shared and "Visser" not in shared
    assert "| not done | No time after the meeting |" not in shared  # the text is hers
    assert "| Elke week één casus navragen | not done | Geen tijd na het overleg |" in shared


def test_the_dilemma_closing_round_gives_the_meetings_voornemens(library_store, methods, clock):
    session = plan_dilemma_meeting(library_store, methods)
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    fill_dilemma_review(workshop, clock)
    [kept] = memory_queries.intentions(library_store, session_id=session.id)
    assert (kept.learned, kept.intention) == ("Dat regels en zorg botsen",
                                              "Dilemma's eerder inbrengen")
    assert library_store.get(Person, kept.person_id).name == "Yasmina El Idrissi"


# --- the commands -------------------------------------------------------------------------


def test_livinglab_questions_shows_status_region_and_history(capsys, tmp_path, methods, clock):
    path = tmp_path / "q.db"
    with Store(empty_db(path)) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        for date, values in MEETINGS:
            session = plan(store, methods, "trage-vragen", "kennis-die-blijft", date)
            review(store, methods, clock, session, values)
        [question] = memory_queries.slow_questions(store)
        questions.update_question(store, question.id, to_region=True,
                                  status=SlowQuestionStatus.EXPLORING)
    code, out, _err = run_cli(capsys, "--db", str(path), "questions")
    assert code == 0
    [header, _rule, row] = out.splitlines()
    assert header.split()[:2] == ["Status", "Question"] and header.split()[-1] == "Id"
    assert "being explored further · to the region" in row and "11-05-2026" in row
    group, short = row.split("  ")[-2:]
    assert group.strip() == "Werkgroep Regio Kop" and short == question.id[:8]
    code, out, _err = run_cli(capsys, "--db", str(path), "questions", "--history")
    assert out.splitlines()[0].endswith(f"(being explored further · to the region)  {question.id[:8]}")
    assert out.splitlines()[1:5] == [
        "  12-01-2026 Bijeenkomst 2026-01-12",
        '    "Hoe blijft kennis als mensen gaan?"',
        "    + Kennis zit in mensen",
        "    ? Wie beheert de lessen?",
    ]
    code, out, _err = run_cli(capsys, "--db", str(path), "questions", "--group", "Elders")
    assert code == 1


def two_slow_questions(path) -> list[SlowQuestion]:
    """A group with two slow questions, whose ids start alike (5e1..., 5e2...)."""
    with Store(empty_db(path)) as store:
        group = store.save(Group(name="Wijkteam Noord"))
        return [store.save(SlowQuestion(id=f"5e{n}00000-0000-0000-0000-000000000000",
                                        group_id=group.id, question=text))
                for n, text in ((1, "Hoe blijft de menselijke maat?"),
                                (2, "Wat is eigen kracht?"))]


def test_livinglab_questions_status_gives_a_question_another_status(capsys, tmp_path):
    path = tmp_path / "q.db"
    first, second = two_slow_questions(path)
    code, out, err = run_cli(capsys, "--db", str(path), "questions", "status", "5E2",
                             "afgerond")
    assert (code, err) == (0, "")
    assert out == "Slow question 5e200000 is now answered (was open): Wat is eigen kracht?\n"
    with Store(path) as store:
        assert store.get(SlowQuestion, second.id).status == SlowQuestionStatus.SETTLED
        assert store.get(SlowQuestion, second.id).updated_at is not None  # bundles merge it
        assert store.get(SlowQuestion, first.id).status == SlowQuestionStatus.OPEN
    # Settled questions leave the list; --all shows them, with the id to name them by.
    code, out, _err = run_cli(capsys, "--db", str(path), "questions")
    assert "eigen kracht" not in out and "5e100000" in out
    code, out, _err = run_cli(capsys, "--db", str(path), "questions", "--all")
    assert "answered" in out and "5e200000" in out
    # A label in either language, any case, is a status too; saying it again changes nothing.
    code, out, _err = run_cli(capsys, "--db", str(path), "--lang", "nl", "questions",
                              "status", second.id, "In verder onderzoek")
    assert (code, out) == (0, "Trage vraag 5e200000 is nu in verder onderzoek (was beantwoord): "
                              "Wat is eigen kracht?\n")
    code, out, _err = run_cli(capsys, "--db", str(path), "questions", "status", "5e2",
                              "being explored further")
    assert (code, out) == (0, "Slow question 5e200000 is being explored further already: "
                              "Wat is eigen kracht?\n")


def test_livinglab_questions_status_says_a_bad_reference_or_status_in_one_line(capsys,
                                                                               tmp_path):
    path = tmp_path / "q.db"
    two_slow_questions(path)
    for args, message in [
        (("5e", "open"), "livinglab: 5e matches more than one slow question; give more of "
                         "the id\n"),
        (("zz", "open"), "livinglab: no slow question with id zz\n"),
        (("5e1", "klaar"), "livinglab: no status klaar; choose one of: open, in-verkenning "
                           "(being explored further), inzicht-bereikt (insight reached), afgerond "
                           "(answered)\n"),
    ]:
        code, out, err = run_cli(capsys, "--db", str(path), "questions", "status", *args)
        assert (code, out, err) == (1, "", message)
    code, _out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "questions",
                              "status", "5e1", "klaar")
    assert (code, err) == (1, "livinglab: geen status klaar; kies uit: open, in-verkenning "
                              "(in verder onderzoek), inzicht-bereikt, afgerond (beantwoord)\n")
    code, _out, err = run_cli(capsys, "--db", str(path), "questions", "status", "5e1")
    assert code == 2 and "Missing argument 'STATUS'" in err
    with Store(path) as store:
        assert {q.status for q in memory_queries.slow_questions(store)} == {
            SlowQuestionStatus.OPEN}


def test_livinglab_lessons_and_actions_across_meetings(capsys, tmp_path):
    from livinglab.models import Session

    path = tmp_path / "a.db"
    with Store(empty_db(path)) as store:
        group = store.save(Group(name="Wijkteam Noord", municipality="Den Helder"))
        old = store.save(Session(title="Januari", group_id=group.id,
                                         date=dt.date(2026, 1, 5)))
        new = store.save(Session(title="Maart", group_id=group.id,
                                         date=dt.date(2026, 3, 2)))
        store.save(Lesson(group_id=group.id, session_id=old.id,
                                 text="Vroeg de huisarts bellen", themes=["Samenwerking"]))
        store.save(Lesson(group_id=group.id, session_id=new.id,
                                 text="Eerst luisteren", themes=["Morele dilemma's"]))
        store.save(Action(group_id=group.id, session_id=old.id, what="Brief sturen",
                                 owner="Anouk", due=dt.date(2026, 2, 1)))
        store.save(Action(group_id=group.id, session_id=new.id, what="Bellen",
                                 due=dt.date(2026, 4, 1)))
        store.save(Action(group_id=group.id, session_id=old.id, what="Map ordenen",
                                 status=ActionStatus.DONE))
    code, out, _err = run_cli(capsys, "--db", str(path), "lessons")
    assert [line.split("  ")[0] for line in out.splitlines()[2:]] == ["02-03-2026", "05-01-2026"]
    # each with the start of its id, which `share` takes
    short = out.splitlines()[2].split()[-1]
    code, out, err = run_cli(capsys, "--db", str(path), "share", "--off", short)
    assert (code, err) == (0, "")
    with Store(path) as store:
        assert [lesson.text for lesson in memory_queries.lessons(store)
                if not lesson.share] == ["Eerst luisteren"]
    code, out, _err = run_cli(capsys, "--db", str(path), "lessons", "--theme", "samenwerking")
    assert "Vroeg de huisarts bellen" in out and "Eerst luisteren" not in out
    code, out, _err = run_cli(capsys, "--db", str(path), "lessons", "--since", "2026-02-01",
                              "--municipality", "den helder")
    assert "Eerst luisteren" in out and "huisarts" not in out
    code, out, _err = run_cli(capsys, "--db", str(path), "actions", "--today", "2026-03-02")
    rows = out.splitlines()[2:]
    assert [r.split()[:2] for r in rows] == [["!", "Brief"], ["Bellen", "01-04-2026"],
                                             ["Map", "ordenen"]]
    code, out, _err = run_cli(capsys, "--db", str(path), "actions", "--open",
                              "--today", "2026-01-01")
    assert "!" not in out and "Map ordenen" not in out and len(out.splitlines()) == 4
    code, out, _err = run_cli(capsys, "--db", str(path), "lessons", "--group", "Zuid")
    assert code == 1


def test_livinglab_questions_edit_changes_words_region_and_one_page(capsys, tmp_path, methods,
                                                                   clock):
    path = tmp_path / "q.db"
    with Store(empty_db(path)) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        for date, values in MEETINGS[:2]:
            review(store, methods, clock, plan(store, methods, "trage-vragen",
                                               "kennis-die-blijft", date), values)
        [question] = memory_queries.slow_questions(store)
    ref = question.id[:8]
    code, out, err = run_cli(capsys, "--db", str(path), "questions", "edit", ref, "--wording",
                             "Wie bewaart wat we leren?", "--region", "--page", "09-03-2026",
                             "--left-open", "Wie beheert de lessen in 2027?",
                             "--left-open", "Hoe lezen nieuwe collega's mee?")
    assert (code, err) == (0, "")
    assert out == f"Slow question {ref} is changed: Wie bewaart wat we leren?\n"
    with Store(path) as store:
        [changed] = memory_queries.slow_questions(store)
    assert (changed.question, changed.to_region) == ("Wie bewaart wat we leren?", True)
    assert changed.history[1].left_open == ["Wie beheert de lessen in 2027?",
                                            "Hoe lezen nieuwe collega's mee?"]
    assert changed.history[1].added == ["Korte lessen worden gelezen"]  # not given: kept
    assert changed.history[0] == question.history[0]
    # a page that is not there, and nothing to change: one line each, nothing stored
    code, _out, err = run_cli(capsys, "--db", str(path), "questions", "edit", ref, "--page",
                              "01-01-2026", "--added", "x")
    assert code == 1 and "has no page of 01-01-2026; its pages: 12-01-2026, 09-03-2026" in err
    code, _out, err = run_cli(capsys, "--db", str(path), "questions", "edit", ref)
    assert code == 1 and "Nothing to change" in err and len(err.splitlines()) == 1
    code, _out, err = run_cli(capsys, "--db", str(path), "questions", "edit", ref,
                              "--wording", "  ")
    assert code == 1 and "needs words" in err
    with Store(path) as store:
        assert memory_queries.slow_questions(store)[0].question == "Wie bewaart wat we leren?"


def test_choices_are_counted_by_their_option_and_otherwise_by_their_words():
    """Typed as people say them: counted in capitals, one person's "A, melden" and another's
    "A, melden bij de huisarts" were two choices, and the commas ran together with the
    list's (a secretary's find)."""
    from livinglab.memory.precedents import tally

    assert tally(["A, melden", "a: melden bij de huisarts", "B", "Eerst praten, dan kiezen",
                  "eerst  praten, dan kiezen", "Alternatief: samen met hem bellen", ""]) == (
        "2 × A; 1 × B; 1 × Alternatief: samen met hem bellen; 2 × Eerst praten, dan kiezen")
