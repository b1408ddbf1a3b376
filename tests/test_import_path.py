"""What a command imports (issue 27: nothing a command does not use on its import path).

Each command runs as `livinglab` does, in a new Python process, and the modules loaded
when it is done are read from `sys.modules`: the app (Textual), the models (pydantic),
sqlite-utils, Markdown and the personal-data scanner are for the commands that use them,
not for `--help` or a list of meetings.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from livinglab.models import PRACTICE_GROUP_ID, Group, Session, SessionStatus
from livinglab.storage.store import Store

from conftest import empty_db

# `livinglab ARGS` in this process's Python; the names in sys.modules afterwards go to the
# file named first, the command's own output to stdout and stderr as usual.
RUN = """
import json, sys
out, args = sys.argv[1], json.loads(sys.argv[2])
sys.argv = ["livinglab", *args]
from livinglab.cli import main
code = 0
try:
    main()
except SystemExit as e:
    code = e.code or 0
with open(out, "w") as f:
    json.dump(sorted(sys.modules), f)
sys.exit(code)
"""

# What neither `--help` nor `sessions list` uses.
NOT_FOR_LISTING = ["textual", "pydantic", "sqlite_utils", "markdown_it", "yaml",
                   "livinglab.models", "livinglab.text.personal", "livinglab.storage.search",
                   "livinglab.meeting.queries", "livinglab.tui"]


def imported(tmp_path, *args: str) -> tuple[set[str], subprocess.CompletedProcess]:
    """The modules loaded by `livinglab ARGS`, and the finished process."""
    out = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", RUN, str(out), json.dumps(args)],
                          capture_output=True, text=True, timeout=120)
    return set(json.loads(out.read_text())), done


def loaded(modules: set[str], names: list[str]) -> list[str]:
    """Which of `names` (a package counts with its modules) were loaded."""
    return [name for name in names
            if any(m == name or m.startswith(name + ".") for m in modules)]


@pytest.fixture
def meetings_db(tmp_path):
    path = empty_db(tmp_path / "lab.db")
    with Store(path) as store:
        group = store.save(Group(name="Wijkteam Noord"))
        for day, title in ((2, "Casusoverleg"), (9, "Moreel beraad"), (9, "Intervisie")):
            store.save(Session(title=title, group_id=group.id, date=dt.date(2026, 11, day),
                               start_time=dt.time(9, 30) if title != "Intervisie" else None))
    return path


def test_help_imports_no_store_models_or_app(tmp_path):
    modules, done = imported(tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    assert "sessions" in done.stdout
    assert loaded(modules, NOT_FOR_LISTING + ["livinglab.storage"]) == []


@pytest.mark.parametrize("as_json", [False, True], ids=["table", "json"])
def test_sessions_list_imports_no_models_sqlite_utils_or_scanner(tmp_path, meetings_db,
                                                                as_json):
    modules, done = imported(tmp_path, "--db", str(meetings_db), "sessions", "list",
                             *(["--json"] if as_json else []))
    assert done.returncode == 0, done.stderr
    assert "Moreel beraad" in done.stdout
    assert loaded(modules, NOT_FOR_LISTING) == []


def test_a_command_that_renders_minutes_does_load_them(tmp_path, meetings_db):
    """The check sees what a command imports: export reads the meeting as models."""
    modules, done = imported(tmp_path, "--db", str(meetings_db), "export", "latest")
    assert done.returncode == 0, done.stderr
    assert loaded(modules, ["pydantic", "livinglab.models"]) == ["pydantic", "livinglab.models"]


def test_the_plain_read_of_sessions_list_gives_the_rows_of_the_models_read(meetings_db):
    from livinglab.commands.rows import SESSION_ORDER, session_rows
    from livinglab.meeting import queries as meeting_queries

    assert SESSION_ORDER == meeting_queries.SESSION_ORDER
    with Store(meetings_db) as store:
        practice = store.save(Group(id=PRACTICE_GROUP_ID, name="Oefenen"))
        store.save(Session(title="Oefenen", group_id=practice.id,
                           date=dt.date(2026, 11, 30)))  # a practice run: in neither
        for limit in (None, 2):
            rows = session_rows(store, limit)
            sessions = meeting_queries.sessions(store, limit=limit)
            assert [(r["id"], r["date"], r["start_time"], r["status"], r["title"],
                     r["group_id"]) for r in rows] == [
                (s.id, s.date, s.start_time, s.status, s.title, s.group_id) for s in sessions]
        assert [r["title"] for r in session_rows(store)] == [
            "Moreel beraad", "Intervisie", "Casusoverleg"]
        assert session_rows(store)[0]["status"] == SessionStatus.PLANNED


def test_opening_sets_what_sqlite_utils_set_without_importing_it(tmp_path, meetings_db):
    """Triggers may fire triggers, and the journal is a write-ahead log, as when
    sqlite-utils' Database wrapped every connection."""
    with Store(meetings_db) as store:
        assert store.query("PRAGMA recursive_triggers") == [(1,)]
        assert store.query("PRAGMA journal_mode") == [("wal",)]


# --- the plain reads of `questions` and `series list`: the rows of the models' reads ------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from livinglab.demo.history import make_demo

    path = empty_db(tmp_path_factory.mktemp("plain") / "demo.db")
    make_demo(path, dt.date(2026, 11, 25), meetings=16, groups=2)
    return path


def filters(store, table: str) -> list:
    """The knowledge filters a list is tried with: none, each kind, one finding nothing."""
    from livinglab.memory.knowledge import Filter

    group = store.query("select id, municipality from groups where id != ? order by name",
                        [PRACTICE_GROUP_ID])[0]
    themes = [t for (t,) in store.query(
        f"select distinct j.value from {table}, json_each(themes) j")] if table else ["x"]
    assert themes, f"the demo's {table} carry themes"
    return [Filter(), Filter(group_id=group[0]), Filter(municipality=group[1].upper()),
            Filter(theme=themes[0].upper()), Filter(since=dt.date(2026, 6, 1)),
            Filter(until=dt.date(2026, 6, 1)),
            Filter(group_id=group[0], since=dt.date(2026, 1, 1), until=dt.date(2026, 10, 1)),
            Filter(theme="no such theme")]


def test_the_plain_read_of_questions_gives_what_the_knowledge_read_gives(demo_db):
    from livinglab.commands.rows import SETTLED, question_records
    from livinglab.memory.knowledge import slow_questions
    from livinglab.models import SlowQuestionStatus

    assert SETTLED == SlowQuestionStatus.SETTLED.value
    with Store(demo_db) as store:
        seen = 0
        for flt in filters(store, "slow_questions"):
            for open_only in (True, False):
                found = slow_questions(store, flt, open_only=open_only)
                records = question_records(store, flt.group_id, flt.theme, flt.municipality,
                                           flt.since, flt.until, open_only)
                assert records == [
                    {"status": i.extra["question"].status, "to_region": i.extra["question"].to_region,
                     "question": i.text, "meetings": len(i.extra["question"].history),
                     "last": i.date, "group": i.group_name, "id": i.id}
                    for i in found], (flt, open_only)
                seen += len(records)
        assert seen, "some filter finds questions"


def test_the_plain_reads_of_lessons_and_actions_give_what_the_knowledge_reads_give(demo_db):
    from livinglab.commands.rows import OPEN, action_records, lesson_records
    from livinglab.memory.knowledge import actions, lessons
    from livinglab.models import ActionStatus

    assert OPEN == ActionStatus.OPEN.value
    today = dt.date(2027, 3, 1)  # the demo's open actions are overdue then
    with Store(demo_db) as store:
        seen = set()
        for flt in filters(store, "lessons"):
            args = (flt.group_id, flt.theme, flt.municipality, flt.since, flt.until)
            for limit in (None, 3):
                found = lessons(store, flt, limit)
                assert lesson_records(store, *args, limit) == ([
                    {"date": i.date, "group": i.group_name, "lesson": i.text,
                     "themes": list(i.themes), "id": i.id} for i in found], found.total), flt
                seen.add(("lesson", len(found)))
                for open_only in (False, True):
                    found = actions(store, flt, today, open_only, limit=limit)
                    assert action_records(store, *args, today, open_only, limit) == ([
                        {"overdue": i.overdue, "action": i.extra["action"].what,
                         "who": i.extra["action"].owner, "due": i.extra["action"].due,
                         "status": i.extra["action"].status, "meeting": i.date,
                         "group": i.group_name, "id": i.id} for i in found], found.total), flt
                    seen.add(("action", len(found), any(i.overdue for i in found)))
        assert {kind for kind, *_ in seen} == {"lesson", "action"}
        assert any(len(s) == 3 and s[2] for s in seen), "some action is overdue"
        assert any(s[1] == 0 for s in seen), "some filter finds none"


def test_the_plain_read_of_series_list_gives_what_the_models_give(demo_db):
    from livinglab.commands.rows import series_records
    from livinglab.meeting import queries as meeting_queries

    with Store(demo_db) as store:
        groups = {g.id: g.name for g in meeting_queries.groups(store)}
        expected = [{"name": s.name, "group": groups.get(s.group_id, ""),
                     "created": [sum(1 for m in s.meetings if m.session_id), len(s.meetings)],
                     "next_meeting": next((m.date for m in s.meetings if not m.session_id),
                                          None), "id": s.id}
                    for s in meeting_queries.series(store)]
        assert expected, "the demo plans series"
        assert series_records(store) == expected
        assert any(r["next_meeting"] for r in expected)


@pytest.mark.parametrize("args", [("questions", "--all"), ("series", "list"), ("lessons",),
                                  ("actions", "--json")],
                         ids=["questions", "series list", "lessons", "actions"])
def test_questions_and_series_list_import_no_models(tmp_path, demo_db, args):
    modules, done = imported(tmp_path, "--db", str(demo_db), *args)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) > 2  # a header, its rule and rows
    assert loaded(modules, NOT_FOR_LISTING) == []
