import datetime as dt
import sqlite3
import stat
import threading

import pytest

from livinglab.models import (
    Action, AgendaItem, AgendaKind, Attendance, Case, CaseKind, CaseSection, Decision, Group,
    GroupKind, Lesson, Participant, Person, Role, Session, SessionStatus, SlowQuestion,
    SlowQuestionStatus, StepTime, Tension, case_id_for,
)
from livinglab.store import SCHEMA_VERSION, Store, StoreError


def make_session(store, **overrides):
    group = store.save_group(Group(name="Wijkteam Noord", kind=GroupKind.TEAM,
                                   municipality="Den Helder"))
    values = dict(title="Casusoverleg", group_id=group.id, date=dt.date(2026, 11, 25),
                  start_time=dt.time(9, 30), location="Buurthuis De Kaap")
    values.update(overrides)
    return store.save_session(Session(**values))


def test_every_model_round_trips_through_the_store(store):
    group = store.save_group(Group(name="Werkgroep Jeugd", kind=GroupKind.WORKING_GROUP,
                                   municipality="Texel"))
    assert store.group(group.id) == group
    person = store.save_person(Person(name="Femke de Wit", organisation="Wijkteam"))
    assert store.person(person.id) == person
    session = store.save_session(Session(
        title="Moreel beraad", group_id=group.id, date=dt.date(2026, 3, 2),
        start_time=dt.time(13, 0), end_time=dt.time(15, 0), location="Gemeentehuis",
        status=SessionStatus.RUNNING))
    assert store.session(session.id) == session
    participant = store.save_participant(Participant(
        session_id=session.id, person_id=person.id, role=Role.CHAIR,
        attendance=Attendance.ABSENT_WITH_NOTICE))
    assert store.participants(session.id) == [(participant, person)]
    case = store.save_case(Case(
        id=case_id_for("fraude"), slug="fraude", title="Fraude", kind=CaseKind.DILEMMA,
        themes=["Morele dilemma's"], sections=[CaseSection(title="Situatie", body="Tekst |")],
        facilitator_notes="Let op"))
    assert store.case("fraude") == case
    assert store.case(case.id) == case
    item = store.save_agenda_item(AgendaItem(
        session_id=session.id, position=1, title="Casus", kind=AgendaKind.CASE_REVIEW,
        case_id=case.id, method_id="dilemma", method_snapshot={"id": "dilemma", "steps": []},
        current_step=3))
    assert store.agenda(session.id) == [item]
    store.save_entry(item.id, "dilemma", {"a": "melden", "b": "zwijgen"})
    store.save_entry(item.id, "dilemma", {"a": "melden", "b": "eerst helpen"})
    store.save_entry(item.id, "notes", "regel 1\nregel 2")
    assert store.entries(item.id) == {
        "dilemma": {"a": "melden", "b": "eerst helpen"},
        "notes": "regel 1\nregel 2",
    }
    action = store.save_action(Action(group_id=group.id, session_id=session.id, item_id=item.id,
                                      what="Bel de consulent", owner="Femke",
                                      due=dt.date(2026, 3, 9)))
    assert store.actions(session_id=session.id) == [action]
    decision = store.save_decision(Decision(session_id=session.id, text="We melden niet"))
    assert store.decisions(session.id) == [decision]
    question = store.save_slow_question(SlowQuestion(
        group_id=group.id, question="Hoe houden we de menselijke maat?",
        status=SlowQuestionStatus.EXPLORING, themes=["Trage vragen"]))
    assert store.slow_questions(group.id) == [question]
    tension = store.save_tension(Tension(group_id=group.id, pole_a="eigen kracht",
                                         pole_b="zorgplicht"))
    assert store.tensions(group.id) == [tension]
    lesson = store.save_lesson(Lesson(group_id=group.id, session_id=session.id,
                                      text="Vraag door", themes=["x"]))
    assert store.lessons(group_id=group.id) == [lesson]
    step_time = store.save_step_time(StepTime(item_id=item.id, step_id="case",
                                              planned_seconds=600, spent_seconds=720))
    assert store.step_times(item.id) == {"case": step_time}


def test_sessions_are_listed_newest_first_and_found_by_prefix(store):
    older = make_session(store, title="Oud", date=dt.date(2025, 1, 1))
    newer = make_session(store, title="Nieuw", date=dt.date(2026, 1, 1))
    assert [s.title for s in store.sessions()] == ["Nieuw", "Oud"]
    assert store.find_session("latest") == newer
    assert store.find_session(older.id[:8]) == older
    with pytest.raises(StoreError, match="no meeting"):
        store.find_session("zzz")


def test_open_actions_of_earlier_meetings_are_carried_on(store):
    first = make_session(store, date=dt.date(2026, 9, 1))
    second = make_session(store, date=dt.date(2026, 10, 1), group_id=first.group_id)
    store.save_action(Action(group_id=first.group_id, session_id=first.id, what="Open"))
    store.save_action(Action(group_id=first.group_id, session_id=first.id, what="Klaar",
                             status="done"))
    assert [a.what for a in store.earlier_open_actions(second)] == ["Open"]


def test_two_connections_can_write_at_once(db_path):
    Store(db_path).close()
    errors = []

    def write(name):
        try:
            with Store(db_path) as store:
                group = store.save_group(Group(name=name))
                for n in range(50):
                    store.save_session(Session(title=f"{name} {n}", group_id=group.id,
                                               date=dt.date(2026, 1, 1)))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store(db_path) as store:
        assert store.count_sessions() == 100


def test_new_database_is_readable_by_the_owner_only(tmp_path):
    path = tmp_path / "nested" / "team.db"
    Store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_file_from_a_newer_version_is_refused(db_path):
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer livinglab"):
        Store(db_path)


def test_a_garbage_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("root:x:0:0:root:/root:/bin/bash\n")
    with pytest.raises(StoreError, match="is not a livinglab database"):
        Store(path)
    assert path.read_text() == "root:x:0:0:root:/root:/bin/bash\n"


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table things (x)")
    with pytest.raises(StoreError, match="is not a livinglab database"):
        Store(path)
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master")]
    assert tables == ["things"]


def test_a_folder_that_cannot_hold_a_file_gets_a_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot create a database in"):
        Store(blocker / "team.db")


def test_an_empty_file_is_initialised(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.sessions() == []


def test_search_finds_cases_lessons_and_questions(store):
    group = store.save_group(Group(name="G"))
    store.save_case(Case(id=case_id_for("a"), slug="a", title="Twee bazen in de thuiszorg",
                         kind=CaseKind.DILEMMA, sections=[CaseSection(title="", body="x")]))
    store.save_lesson(Lesson(group_id=group.id, text="Bespreek thuiszorg vroeg"))
    store.save_slow_question(SlowQuestion(group_id=group.id, question="Wie heeft de regie?"))
    found = store.search("thuiszorg")
    assert sorted(kind for kind, _id, _text in found) == ["cases", "lessons"]
    assert [text for _k, _i, text in store.search("regie")] == ["Wie heeft de regie?"]
