import datetime as dt
import hashlib
import shutil
import sqlite3
import uuid

import pytest

from conftest import plan_dilemma_meeting, run_cli as run
from conftest import empty_db
from livinglab.library.cases import example_cases, import_cases
from livinglab.demo.history import make_demo
from livinglab.text.markdown import inline
from livinglab.minutes import render_minutes
from livinglab.models import FieldType, SessionStatus
from livinglab.storage.keys import entry_id
from livinglab.storage.store import Store
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """The default demo, made once for the tests that only read it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    make_demo(path, TODAY)
    return path


@pytest.fixture
def demo(demo_path):
    with Store(demo_path) as store:
        yield store


def finished_reviews(store):
    """(session, review item) of every finished meeting, oldest first."""
    found = []
    for session in reversed(meeting_queries.sessions(store, SessionStatus.FINISHED)):
        [review] = [i for i in meeting_queries.agenda(store, session.id) if i.case_id]
        found.append((session, review))
    return found


def strings_in(value):
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def dump(path):
    """Every table's rows, sorted, as a user's copy of the file would hold them."""
    conn = sqlite3.connect(path)
    tables = [name for (name,) in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
        "order by name")]
    result = {t: sorted(map(repr, conn.execute(f'select * from "{t}"'))) for t in tables}
    conn.close()
    return result


def test_the_default_demo_is_one_group_with_six_meetings_done_and_one_planned(demo):
    [group] = meeting_queries.groups(demo)
    assert group.kind == "werkgroep"
    people = meeting_queries.people(demo)
    assert 6 <= len(people) <= 8 and all(p.organisation for p in people)
    finished = meeting_queries.sessions(demo, SessionStatus.FINISHED)
    assert len(finished) == 6
    assert all(TODAY - dt.timedelta(days=183) <= s.date < TODAY for s in finished)
    assert all(s.started_at < s.ended_at for s in finished)  # the true times, apart from the plan
    [planned] = meeting_queries.sessions(demo, SessionStatus.PLANNED)
    assert planned.date > TODAY and planned.group_id == group.id
    methods = {review.method_id for _session, review in finished_reviews(demo)}
    assert methods == {"dilemma", "trage-vragen", "spanningen", "intervisie", "casusoverleg"}
    slugs = {c.slug for c in example_cases().cases}
    assert all(case_queries.case(demo, review.case_id).slug in slugs for _s, review in finished_reviews(demo))


def test_every_field_of_every_step_holds_content(demo):
    for session, review in finished_reviews(demo):
        from livinglab.methods import resolve_method

        method = resolve_method(review)
        entries = meeting_queries.entries(demo, review.id)
        for key, f in method.fields().items():
            where = f"{review.method_id}.{key}"
            if f.type == FieldType.ACTIONS:
                assert meeting_queries.actions(demo, item_id=review.id), where
            elif f.type == FieldType.DECISIONS:
                assert meeting_queries.decisions(demo, session.id, item_id=review.id), where
            elif f.type == FieldType.RATING:
                assert 1 <= entries[key]["score"] <= 5 and entries[key]["comment"], where
            elif f.type in (FieldType.DILEMMA, FieldType.POLARITY):
                assert all(entries[key].values()), where
            elif f.type == FieldType.PER_PARTICIPANT:
                assert len(entries[key]) >= 3, where
                for row in entries[key].values():
                    assert all(row.get(c.key) for c in f.columns), where
            elif f.type == FieldType.TABLE:
                assert entries[key] and all(all(row.get(c.key) for c in f.columns)
                                            for row in entries[key]), where
            else:
                assert entries[key], where
        spent = [t.spent_seconds for t in meeting_queries.step_times(demo, review.id).values()]
        assert len(spent) == len(method.steps) and all(s > 60 for s in spent)


def test_the_group_keeps_actions_decisions_lessons_and_slow_questions(demo):
    actions = meeting_queries.actions(demo)
    statuses = {a.status for a in actions}
    assert {"open", "done"} <= statuses
    overdue = [a for a in actions if a.status == "open" and a.due < TODAY]
    assert len(overdue) == 1
    assert all(a.owner and a.due for a in actions)
    sessions = {s.id: s for s in meeting_queries.sessions(demo)}
    done_later = [a for a in actions if a.status == "done"]
    assert all(sessions[a.session_id].status == "finished" for a in done_later)
    for session in sessions.values():
        if session.status == "finished":
            assert meeting_queries.decisions(demo, session.id)
            assert memory_queries.lessons(demo, session_id=session.id)
    assert all(lesson.themes for lesson in memory_queries.lessons(demo))
    # Every '{gen}'-style name in the scripts was filled in, wherever the text went.
    texts = [lesson.text for lesson in memory_queries.lessons(demo)] + [a.what for a in actions] + [
        d.text for s in sessions for d in meeting_queries.decisions(demo, s)]
    assert [t for t in texts if "{" in t or "}" in t] == []
    questions = memory_queries.slow_questions(demo)
    assert len({q.status for q in questions}) > 1


def test_the_minutes_of_each_meeting_hold_what_was_captured(demo):
    for session, review in finished_reviews(demo):
        from livinglab.i18n import format_date
        from livinglab.methods import resolve_method

        minutes = render_minutes(demo, session.id, lang="nl")
        entries = meeting_queries.entries(demo, review.id)
        dates = {key for key, f in resolve_method(review).fields().items()
                 if f.type == FieldType.DATE}
        choices = {key: f for key, f in resolve_method(review).fields().items()
                   if f.type == FieldType.CHOICE}
        captured = strings_in({k: v for k, v in entries.items()
                               if k not in dates and k not in choices})
        captured += [format_date(entries[key]) for key in dates if entries.get(key)]
        captured += [next(o.label["nl"] for o in f.options if o.key == entries[key])
                     for key, f in choices.items() if entries.get(key)]
        captured += [a.what for a in meeting_queries.actions(demo, session_id=session.id)]
        captured += [d.text for d in meeting_queries.decisions(demo, session.id)]
        captured += [i.notes for i in meeting_queries.agenda(demo, session.id) if i.notes]
        assert len(captured) > 10
        missing = [text for text in captured if inline(text) not in minutes]
        assert missing == [], session.title


def test_the_same_seed_and_day_give_the_same_rows(tmp_path):
    for name in ("a.db", "b.db"):
        make_demo(tmp_path / name, TODAY, seed=7)
    make_demo(tmp_path / "c.db", TODAY, seed=8)
    first, second, other = (dump(tmp_path / n) for n in ("a.db", "b.db", "c.db"))
    assert first == second
    assert first["sessions"] != other["sessions"]  # the seed is used


def test_the_demo_refuses_a_database_with_meetings_of_its_own(capsys, tmp_path, methods):
    path = tmp_path / "real.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        plan_dilemma_meeting(store, methods)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code, out, err = run(capsys, "--db", str(path), "demo", "--today", "2026-11-25")
    assert code == 1 and out == ""
    assert err == (f"livinglab: {path} holds groups or meetings of its own; the demo only "
                   "fills a new database or one with only cases\n")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_the_demo_refuses_a_real_group_without_meetings(capsys, tmp_path):
    """Else its meetings would be planned in a real group that has the demo group's name."""
    from livinglab.models import Group

    path = tmp_path / "real.db"
    with Store(empty_db(path)) as store:
        store.save(Group(name="Regionale werkgroep Wijkprofessionals Kust"))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code, _out, err = run(capsys, "--db", str(path), "demo")
    assert code == 1 and "holds groups or meetings of its own" in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_database_with_only_the_example_cases_is_filled(capsys, tmp_path):
    path = tmp_path / "cases-only.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
    code, out, _err = run(capsys, "demo", "--db", str(path), "--today", "2026-11-25")
    assert code == 0
    assert out.splitlines()[0] == f"Wrote a fictional history of 7 meetings to {path}"
    with Store(path) as store:
        assert meeting_queries.count_sessions(store) == 7


def test_running_it_twice_adds_nothing(capsys, tmp_path):
    path = tmp_path / "demo.db"
    assert run(capsys, "--db", str(path), "demo", "--today", "2026-11-25")[0] == 0
    before = dump(path)
    code, out, _err = run(capsys, "--db", str(path), "demo", "--today", "2026-11-25")
    assert code == 0
    assert out.splitlines() == [
        f"{path} holds the demo already (7 meetings); nothing was added",
        f"Open it with: livinglab --db {path}",
    ]
    assert dump(path) == before


def test_by_default_it_writes_demo_db_beside_the_default_database(capsys, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, out, _err = run(capsys, "--lang", "nl", "demo")
    path = tmp_path / "data" / "livinglab" / "demo.db"
    assert code == 0
    assert out.splitlines()[1] == f"Openen met: livinglab --db {path}"
    assert path.exists() and not path.with_name("livinglab.db").exists()
    assert path.stat().st_mode & 0o777 == 0o600


def test_meetings_and_groups_make_a_larger_archive(tmp_path):
    path = tmp_path / "archive.db"
    assert make_demo(path, TODAY, meetings=50, groups=3).meetings == 50
    with Store(path) as store:
        groups = meeting_queries.groups(store)
        assert len(groups) == 3
        assert meeting_queries.count_sessions(store) == 50
        planned = meeting_queries.sessions(store, SessionStatus.PLANNED)
        assert sorted(s.group_id for s in planned) == sorted(g.id for g in groups)
        assert meeting_queries.count_sessions(store, SessionStatus.FINISHED) == 47
        assert len({p.name for p in meeting_queries.people(store)}) == 24


@pytest.mark.parametrize("args", [["--today", "31-02-2026"], ["--meetings", "2", "--groups", "3"],
                                  ["--meetings", "0"]])
def test_bad_options_are_usage_errors(capsys, tmp_path, args):
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "demo", *args)
    assert code == 2 and out == ""
    assert not (tmp_path / "x.db").exists()


def test_the_demo_shows_the_groups_memory(demo):
    """A series, a slow question across three meetings, voornemens followed up, a
    precedent, evaluations, and all of it found by search."""
    [group] = meeting_queries.groups(demo)
    [series] = meeting_queries.series(demo, group.id)
    # the seven meetings, and one more in the programme for c on home to plan
    assert [bool(m.session_id) for m in series.meetings] == [True] * 7 + [False]
    first = memory_queries.slow_questions(demo, group.id)[0]
    assert len({page.session_id for page in first.history}) == 3
    assert first.to_region
    asked = [i for i in memory_queries.intentions(demo, group_id=group.id) if i.followed_up_in]
    assert asked and {i.done for i in asked} == {True, False} and all(i.answer for i in asked)
    # every finished meeting had its closing round; the last one's come back next time
    finished = meeting_queries.sessions(demo, group_id=group.id, status=SessionStatus.FINISHED)
    assert all(memory_queries.intentions(demo, session_id=s.id) for s in finished)
    assert not any(i.followed_up_in for i in memory_queries.intentions(demo, session_id=finished[0].id))
    [precedent] = memory_queries.precedents(demo, group.id)
    assert precedent.dilemma and precedent.values and precedent.choice
    assert len({e.session_id for e in memory_queries.evaluations(demo, group.id)}) == 2
    assert {h.kind for h in demo.search("gemeenten", limit=200)} >= {"slow-question", "field"}


# --- entries keep the id of their place (issue 24) ------------------------------------------


def entry_rows(path):
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("select id, item_id, field_key, value, updated_at from entries"))


def test_every_entry_has_the_id_the_store_gives_its_place(demo_path):
    rows = entry_rows(demo_path)
    assert len(rows) > 40
    assert [r for r in rows if r[0] != entry_id(r[1], r[2])] == []


def test_a_person_is_erased_from_a_demo_database(capsys, demo_path, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_path, path)
    before = entry_rows(path)
    naming = [r for r in before if "Sander" in r[3]]
    assert naming  # the scripts name the generalist in what the group captured
    code, out, err = run(capsys, "--db", str(path), "--lang", "nl", "privacy", "person",
                         "Sander Kok", "--erase", "--yes")
    assert code == 0, err
    assert "Sander Kok is vervangen in" in out
    after = entry_rows(path)
    assert [(r[1], r[2]) for r in after] == [(r[1], r[2]) for r in before]  # no row added or lost
    assert [r for r in after if r[0] != entry_id(r[1], r[2])] == []
    assert [r for r in after if "Sander" in r[3]] == []
    changed = {(r[1], r[2]): r[3] for r in after}
    assert all("[naam]" in changed[(r[1], r[2])] for r in naming)
    with Store(path) as store:
        names = [p.name for p in meeting_queries.people(store)]
        assert "Sander Kok" not in names and "[naam]" in names


def test_finished_minutes_are_corrected_on_a_demo_database(demo_path, tmp_path):
    from livinglab.live.around import correct_minutes
    from livinglab.models import MinutesStatus

    path = tmp_path / "demo.db"
    shutil.copy(demo_path, path)
    with Store(path) as store:
        settled = [s for s in meeting_queries.sessions(store, SessionStatus.FINISHED)
                   if s.minutes_status == MinutesStatus.SETTLED]
        session = settled[-1]
        [review] = [i for i in meeting_queries.agenda(store, session.id) if i.case_id]
        key = next(k for k, v in meeting_queries.entries(store, review.id).items() if isinstance(v, str))
        correct_minutes(store, session.id, reason="De naam van de klantmanager klopte niet.")
        store.save_entry(review.id, key, "Gecorrigeerd na de bijeenkomst.")
        assert meeting_queries.entries(store, review.id)[key] == "Gecorrigeerd na de bijeenkomst."
        assert store.get(type(session), session.id).minutes_status == MinutesStatus.CONCEPT
        assert "Gecorrigeerd na de bijeenkomst." in render_minutes(store, session.id, lang="nl")
    rows = [r for r in entry_rows(path) if r[1] == review.id and r[2] == key]
    assert [r[0] for r in rows] == [entry_id(review.id, key)]


def test_a_demo_file_of_the_version_before_gets_the_ids_of_its_entries(tmp_path):
    """The demo before issue 24 gave its entries ids of their own: such a file opens, its
    entries get the ids of their places and keep everything else, and it is then the demo
    this version writes; a field of it is saved again in place."""
    from livinglab.storage.schema import MIGRATIONS, SCHEMA_VERSION, _migrate_entry_ids

    now, old = tmp_path / "now.db", tmp_path / "old.db"
    make_demo(now, TODAY)
    shutil.copy(now, old)
    with sqlite3.connect(old) as conn:
        rows = conn.execute("select rowid, item_id, field_key from entries order by rowid").fetchall()
        foreign = [str(uuid.UUID(int=n + 1, version=4)) for n in range(len(rows))]
        # Two hold each other's proper id; the others ids of their own, as the demo drew them.
        foreign[0], foreign[1] = entry_id(*rows[1][1:]), entry_id(*rows[0][1:])
        conn.execute("update entries set id = 'x' || rowid")
        conn.executemany("update entries set id = ? where rowid = ?",
                         [(new, rowid) for new, (rowid, _item, _key) in zip(foreign, rows)])
        conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_entry_ids)}")
    written_before, entries_before = dump(old), entry_rows(old)
    assert written_before["entries"] != dump(now)["entries"]

    with Store(old) as store:
        assert store.schema_version == SCHEMA_VERSION
    migrated = dump(old)
    assert [r for r in entry_rows(old) if r[0] != entry_id(r[1], r[2])] == []
    assert sorted(r[1:] for r in entry_rows(old)) == sorted(r[1:] for r in entries_before)
    assert {t: v for t, v in migrated.items() if t != "entries"} == {
        t: v for t, v in written_before.items() if t != "entries"}
    assert migrated == dump(now)

    item_id, key = rows[0][1:]
    with Store(old) as store:
        store.save_entry(item_id, key, "Na de migratie opgeslagen.")
        assert meeting_queries.entries(store, item_id)[key] == "Na de migratie opgeslagen."
    assert len(entry_rows(old)) == len(rows)
