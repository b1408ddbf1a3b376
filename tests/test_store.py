import datetime as dt
import json
import shutil
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from livinglab.models import (
    Action, AgendaItem, AgendaKind, Attendance, Case, CaseKind, CaseSection, Decision, Group,
    GroupKind, Lesson, Participant, Person, Role, Session, SessionStatus, SlowQuestion,
    SlowQuestionStatus, StepTime, Tension, case_id_for,
)
from livinglab.storage.store import Store, StoreError, StoreLocked
from livinglab.storage.schema import SCHEMA_VERSION
from livinglab.storage.keys import entry_id
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.privacy import queries as privacy_queries


def make_session(store, **overrides):
    group = store.save(Group(name="Wijkteam Noord", kind=GroupKind.TEAM,
                                   municipality="Den Helder"))
    values = dict(title="Casusoverleg", group_id=group.id, date=dt.date(2026, 11, 25),
                  start_time=dt.time(9, 30), location="Buurthuis De Kaap")
    values.update(overrides)
    return store.save(Session(**values))


def test_every_model_round_trips_through_the_store(store):
    group = store.save(Group(name="Werkgroep Jeugd", kind=GroupKind.WORKING_GROUP,
                                   municipality="Texel"))
    assert store.get(Group, group.id) == group
    person = store.save(Person(name="Femke de Wit", organisation="Wijkteam"))
    assert store.get(Person, person.id) == person
    session = store.save(Session(
        title="Moreel beraad", group_id=group.id, date=dt.date(2026, 3, 2),
        start_time=dt.time(13, 0), end_time=dt.time(15, 0), location="Gemeentehuis",
        status=SessionStatus.RUNNING))
    assert store.get(Session, session.id) == session
    participant = store.save(Participant(
        session_id=session.id, person_id=person.id, role=Role.CHAIR,
        attendance=Attendance.ABSENT_WITH_NOTICE))
    assert meeting_queries.participants(store, session.id) == [(participant, person)]
    case = store.save(Case(
        id=case_id_for("fraude"), slug="fraude", title="Fraude", kind=CaseKind.DILEMMA,
        themes=["Morele dilemma's"], sections=[CaseSection(title="Situatie", body="Tekst |")],
        facilitator_notes="Let op"))
    assert case_queries.case(store, "fraude") == case
    assert case_queries.case(store, case.id) == case
    item = store.save(AgendaItem(
        session_id=session.id, position=1, title="Casus", kind=AgendaKind.CASE_REVIEW,
        case_id=case.id, method_id="dilemma", method_snapshot={"id": "dilemma", "steps": []},
        current_step=3))
    assert meeting_queries.agenda(store, session.id) == [item]
    store.save_entry(item.id, "dilemma", {"a": "melden", "b": "zwijgen"})
    store.save_entry(item.id, "dilemma", {"a": "melden", "b": "eerst helpen"})
    store.save_entry(item.id, "notes", "regel 1\nregel 2")
    assert meeting_queries.entries(store, item.id) == {
        "dilemma": {"a": "melden", "b": "eerst helpen"},
        "notes": "regel 1\nregel 2",
    }
    action = store.save(Action(group_id=group.id, session_id=session.id, item_id=item.id,
                                      what="Bel de consulent", owner="Femke",
                                      due=dt.date(2026, 3, 9)))
    assert meeting_queries.actions(store, session_id=session.id) == [action]
    decision = store.save(Decision(session_id=session.id, text="We melden niet"))
    assert meeting_queries.decisions(store, session.id) == [decision]
    question = store.save(SlowQuestion(
        group_id=group.id, question="Hoe houden we de menselijke maat?",
        status=SlowQuestionStatus.EXPLORING, themes=["Trage vragen"]))
    assert memory_queries.slow_questions(store, group.id) == [question]
    tension = store.save(Tension(group_id=group.id, pole_a="eigen kracht",
                                         pole_b="zorgplicht"))
    assert memory_queries.tensions(store, group.id) == [tension]
    lesson = store.save(Lesson(group_id=group.id, session_id=session.id,
                                      text="Vraag door", themes=["x"]))
    assert memory_queries.lessons(store, group_id=group.id) == [lesson]
    step_time = store.save(StepTime(item_id=item.id, step_id="case",
                                              planned_seconds=600, spent_seconds=720))
    assert meeting_queries.step_times(store, item.id) == {"case": step_time}


def test_sessions_are_listed_newest_first_and_found_by_prefix(store):
    older = make_session(store, title="Oud", date=dt.date(2025, 1, 1))
    newer = make_session(store, title="Nieuw", date=dt.date(2026, 1, 1))
    assert [s.title for s in meeting_queries.sessions(store)] == ["Nieuw", "Oud"]
    assert meeting_queries.find_session(store, "latest") == newer
    assert meeting_queries.find_session(store, older.id[:8]) == older
    with pytest.raises(StoreError, match="no meeting"):
        meeting_queries.find_session(store, "zzz")


def test_open_actions_of_earlier_meetings_are_carried_on(store):
    first = make_session(store, date=dt.date(2026, 9, 1))
    second = make_session(store, date=dt.date(2026, 10, 1), group_id=first.group_id)
    store.save(Action(group_id=first.group_id, session_id=first.id, what="Open"))
    store.save(Action(group_id=first.group_id, session_id=first.id, what="Klaar",
                             status="done"))
    assert [a.what for a in meeting_queries.earlier_open_actions(store, second)] == ["Open"]


def test_two_connections_can_write_at_once(db_path):
    Store(db_path).close()
    errors = []

    def write(name):
        try:
            with Store(db_path) as store:
                group = store.save(Group(name=name))
                for n in range(50):
                    store.save(Session(title=f"{name} {n}", group_id=group.id,
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
        assert meeting_queries.count_sessions(store) == 100


def test_new_database_is_readable_by_the_owner_only(tmp_path):
    path = tmp_path / "nested" / "team.db"
    Store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_empty_database_tests_copy_is_the_one_a_new_path_gets(store, tmp_path):
    """The store fixture copies one migrated database instead of migrating in every test:
    the copy is what a Store makes on a new path, owner-only as well."""
    def made(s):
        pragmas = [s.conn.execute(f"PRAGMA {p}").fetchone()[0]
                   for p in ("user_version", "application_id", "journal_mode")]
        schema = s.conn.execute("select type, name, tbl_name, sql from sqlite_master")
        return pragmas, sorted(schema)

    with Store(tmp_path / "new" / "team.db") as new:
        assert made(store) == made(new)
    version, _application_id, journal = made(store)[0]
    assert (version, journal) == (SCHEMA_VERSION, "wal")
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


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
        assert meeting_queries.sessions(store) == []


# --- transactions -----------------------------------------------------------------------


def test_an_inner_failure_rolls_back_only_the_inner_part(store):
    with store.transaction():
        store.save(Group(name="Buiten"))
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.save(Group(name="Binnen"))
                raise RuntimeError("the inner part fails")
        store.save(Group(name="Daarna"))
    assert [g.name for g in meeting_queries.groups(store)] == ["Buiten", "Daarna"]


def test_an_outer_failure_rolls_back_the_inner_part_too(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            with store.transaction():
                store.save(Group(name="Binnen"))
            raise RuntimeError("the outer part fails")
    assert meeting_queries.groups(store) == []


# --- method copies ------------------------------------------------------------------------


def review(store, session, snapshot, position=1):
    return store.save(AgendaItem(
        session_id=session.id, position=position, title="Casus", kind=AgendaKind.CASE_REVIEW,
        method_id=snapshot["id"], method_snapshot=snapshot))


def method_copies(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("select count(*) from method_copies").fetchone()[0]


def test_a_method_copy_is_stored_once_and_read_back_whole(store, db_path, methods):
    snapshot = methods.get("dilemma").model_dump(mode="json")
    first = review(store, make_session(store), snapshot)
    second = review(store, make_session(store), json.loads(json.dumps(snapshot)))
    assert method_copies(db_path) == 1
    assert store.get(AgendaItem, first.id).method_snapshot == snapshot
    assert meeting_queries.agenda(store, second.session_id)[0].method_snapshot == snapshot


def test_a_changed_method_gets_a_second_copy(store, db_path, methods):
    snapshot = methods.get("dilemma").model_dump(mode="json")
    changed = json.loads(json.dumps(snapshot))
    changed["steps"][0]["minutes"] += 5
    first = review(store, make_session(store), snapshot)
    second = review(store, make_session(store), changed)
    assert method_copies(db_path) == 2
    assert store.get(AgendaItem, first.id).method_snapshot == snapshot
    assert store.get(AgendaItem, second.id).method_snapshot["steps"][0]["minutes"] == (
        snapshot["steps"][0]["minutes"] + 5)


def test_a_method_copy_goes_with_the_last_item_that_uses_it(store, db_path, methods):
    snapshot = methods.get("dilemma").model_dump(mode="json")
    session = make_session(store)
    first, second = review(store, session, snapshot, 1), review(store, session, snapshot, 2)
    meeting_queries.delete_agenda_item(store, first.id)
    assert method_copies(db_path) == 1
    assert meeting_queries.agenda(store, session.id)[0].method_snapshot == snapshot
    meeting_queries.delete_agenda_item(store, second.id)
    assert method_copies(db_path) == 0


# --- entries and timestamps -------------------------------------------------------------


def test_an_entry_has_a_stable_id_and_the_time_it_is_given(store, db_path):
    session = make_session(store)
    item = store.save(AgendaItem(session_id=session.id, position=1, title="Casus"))
    when = dt.datetime(2026, 11, 25, 9, 40, tzinfo=dt.UTC)
    store.save_entry(item.id, "notes", "eerste", updated_at=when)
    store.save_entry(item.id, "notes", "tweede", updated_at=when + dt.timedelta(minutes=5))
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("select id, value, updated_at from entries").fetchall()
    assert rows == [(entry_id(item.id, "notes"), '"tweede"', "2026-11-25T09:45:00Z")]
    assert entry_id(item.id, "notes") == entry_id(item.id, "notes") != entry_id(item.id, "x")


def test_aware_timestamps_are_stored_with_their_offset_and_naive_ones_still_read(store, db_path):
    group = store.save(Group(name="G"))
    aware = store.save(Lesson(group_id=group.id, text="Nieuw",
                                     created_at=dt.datetime(2026, 3, 2, 13, 0, tzinfo=dt.UTC)))
    with sqlite3.connect(db_path) as conn:
        conn.execute("insert into lessons (id, group_id, text, themes, share, created_at) "
                     "values ('old', ?, 'Oud', '[]', 1, '2025-03-02T13:00:00')", [group.id])
        stored = conn.execute("select created_at from lessons where id = ?",
                              [aware.id]).fetchone()[0]
    assert stored == "2026-03-02T13:00:00Z"
    loaded = {lesson.text: lesson.created_at for lesson in memory_queries.lessons(store, group_id=group.id)}
    # An old naive moment was local time; it reads back as that moment in UTC.
    from livinglab.models import as_utc

    assert loaded == {"Nieuw": aware.created_at, "Oud": as_utc(dt.datetime(2025, 3, 2, 13, 0))}


# --- a file made by schema 1 --------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_schema_1_file_is_migrated_with_every_row_kept(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-1.db", path)
    with sqlite3.connect(FIXTURES / "schema-1.db") as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        ids = {table: sorted(r[0] for r in old.execute(f"select id from {table}"))
               for table in ("groups", "people", "sessions", "participants", "cases",
                             "agenda_items", "actions", "decisions", "slow_questions",
                             "lessons")}
        snapshots = {id: json.loads(text) for id, text in old.execute(
            "select id, method_snapshot from agenda_items where method_snapshot != 'null'")}
        entries = {}
        for item_id, key, value in old.execute("select item_id, field_key, value from entries"):
            entries.setdefault(item_id, {})[key] = json.loads(value)
        step_times = sorted(old.execute("select item_id, step_id, spent_seconds from step_times"))

    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert not store.is_new
        [session] = meeting_queries.sessions(store)
        assert session.status == SessionStatus.FINISHED
        items = meeting_queries.agenda(store, session.id)
        found = {
            "groups": [g.id for g in meeting_queries.groups(store)], "people": [p.id for p in meeting_queries.people(store)],
            "sessions": [session.id],
            "participants": [p.id for p, _person in meeting_queries.participants(store, session.id)],
            "cases": [c.id for c in case_queries.cases(store)], "agenda_items": [i.id for i in items],
            "actions": [a.id for a in meeting_queries.actions(store)],
            "decisions": [d.id for d in meeting_queries.decisions(store, session.id)],
            "slow_questions": [q.id for q in memory_queries.slow_questions(store)],
            "lessons": [lesson.id for lesson in memory_queries.lessons(store)],
        }
        assert {table: sorted(values) for table, values in found.items()} == ids
        assert {i.id: i.method_snapshot for i in items if i.method_snapshot} == snapshots
        assert {i.id: meeting_queries.entries(store, i.id) for i in items if meeting_queries.entries(store, i.id)} == entries
        assert sorted((t.item_id, t.step_id, t.spent_seconds) for i in items
                      for t in meeting_queries.step_times(store, i.id).values()) == step_times
        # the search index is built from the rows the old file had
        kinds = {hit.kind for hit in store.search("fraude")}
        assert {"case", "lesson"} <= kinds
        # an old entry is updated in place, not added beside
        [review_id] = snapshots
        store.save_entry(review_id, "situation", "Bijgewerkt")
        assert meeting_queries.entries(store, review_id)["situation"] == "Bijgewerkt"
        assert len(meeting_queries.entries(store, review_id)) == len(entries[review_id])
    assert method_copies(path) == 1


# --- refusing files and reporting failures -----------------------------------------------


def test_a_blank_sqlite_file_of_another_program_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 7")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="is not a livinglab database"):
        Store(path)
    assert path.read_bytes() == before


def test_a_write_to_a_locked_file_raises_store_locked(db_path, monkeypatch):
    monkeypatch.setattr("livinglab.storage.store.BUSY_TIMEOUT_MS", 50)
    with Store(db_path) as store:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            assert meeting_queries.groups(store) == []  # reading still works
            with pytest.raises(StoreLocked, match="is locked by another program; try again"):
                store.save(Group(name="Wijkteam Noord"))
        finally:
            other.execute("ROLLBACK")
            other.close()
        store.save(Group(name="Wijkteam Noord"))  # and once the lock is gone, it works
        assert [g.name for g in meeting_queries.groups(store)] == ["Wijkteam Noord"]


def test_importing_the_store_loads_no_interface_or_markdown_library():
    import subprocess
    import sys

    code = ("import sys, livinglab.storage.store; "
            "print(sorted({m.split('.')[0] for m in sys.modules} "
            "& {'textual', 'markdown_it', 'yaml', 'rich'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_the_prepared_upsert_stores_what_sqlite_utils_upsert_stores(tmp_path):
    """Store.save prepares its upsert once per table (for speed); the rows, JSON columns and
    search index must be what sqlite-utils' own upsert writes."""
    from livinglab.library.cases import example_cases

    cases = example_cases().cases[:3]
    with Store(tmp_path / "prepared.db") as prepared, Store(tmp_path / "plain.db") as plain:
        for case in cases:
            prepared.save(case)
            prepared.save(case)  # a second save updates in place
            row = case.model_dump(mode="json") | {"body": case.body_text}
            with plain.transaction():
                plain.db["cases"].upsert(row, pk="id")
        dump = lambda s: [tuple(r) for r in s.conn.execute(  # noqa: E731
            "select * from cases order by id")]
        assert dump(prepared) == dump(plain)
        plain.rebuild_search_index()  # sqlite-utils' upsert does not index; a rebuild does
        word = cases[0].title.split()[0]
        assert prepared.search(word) == plain.search(word) != []


def test_text_on_its_way_in_loses_what_a_terminal_would_obey(store):
    from livinglab.models import AgendaItem, Group, Session

    group = store.save(Group(name="Wijkteam \x1b[31mRood\x1b[0m"))
    session = store.save(Session(title="Overleg\u202e gnireddav\x07", group_id=group.id,
                                 date=dt.date(2026, 11, 25)))
    store.save(AgendaItem(id="item-1", session_id=session.id, position=1, title="Casus"))
    store.save_entry("item-1", "situation", {"a": "Melden\x1b]0;titel\x07 of niet", "b": ["x\x00y"]})
    assert store.get(Group, group.id).name == "Wijkteam Rood"
    assert meeting_queries.sessions(store)[0].title == "Overleg gnireddav"
    assert meeting_queries.entries(store, "item-1")["situation"] == {"a": "Melden of niet", "b": ["xy"]}


def test_a_required_text_that_is_only_controls_is_refused_and_nothing_stored(store):
    from pydantic import ValidationError

    session = make_session(store)
    # The model takes it (one character); only the store, cleaning it, finds it empty.
    action = Action(group_id=session.group_id, session_id=session.id, what="\x1b")
    with pytest.raises(ValidationError, match=r"(?s)\bwhat\n\s+String should have at least 1"):
        store.save(action)
    assert meeting_queries.actions(store, session_id=session.id) == []


def test_a_groups_known_names_are_its_meetings_people_its_roster_and_its_watch_list(store):
    from livinglab.models import GroupMember

    session = make_session(store)
    present = store.save(Person(name="Femke de Wit"))
    store.save(Participant(session_id=session.id, person_id=present.id,
                                       role=Role.CHAIR))
    member = store.save(Person(name="Bram Peeters"))  # on the roster, never came
    store.save(GroupMember(group_id=session.group_id, person_id=member.id))
    store.save(Person(name="Elders Onbekend"))  # of no meeting of this group
    privacy_queries.add_watch_name(store, session.group_id, "Fatima  Jansen")
    assert privacy_queries.known_names(store, session.group_id) == ["Bram Peeters", "Femke de Wit",
                                                  "Fatima Jansen"]
