"""Every list command speaks JSON (and CSV where it shows a table) for scripts (issue 27):
the table's fields under their English names, dates as ISO text, statuses by value, ids
whole; the output parses."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from conftest import empty_db, run_cli

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from livinglab.demo.history import make_demo

    path = empty_db(tmp_path_factory.mktemp("lists") / "demo.db")
    make_demo(path, TODAY, meetings=12, groups=2)
    return path


# The command, and the fields each record has, as the --help of the command documents.
LISTS = [
    (("sessions", "list"), ["date", "time", "status", "group", "title", "id"]),
    (("cases", "list"), ["id", "kind", "title", "themes"]),
    (("methods", "list"), ["id", "name", "kind", "steps", "minutes"]),
    (("practice", "list"), ["date", "status", "case", "method", "students", "id"]),
    (("series", "list"), ["name", "group", "created", "next_meeting", "id"]),
    (("lessons",), ["date", "group", "lesson", "themes", "id"]),
    (("actions", "--today", "2026-11-25"),
     ["overdue", "action", "who", "due", "status", "meeting", "group", "id"]),
    (("questions", "--all"), ["status", "to_region", "question", "meetings", "last", "group",
                              "id"]),
    (("search", "zorg"), ["kind", "label", "snippet", "group", "date", "meeting",
                          "session_id", "ref_id"]),
]


@pytest.mark.parametrize("args,fields", LISTS, ids=[" ".join(a) for a, _f in LISTS])
def test_json_and_csv_give_the_documented_fields(capsys, demo_db, args, fields):
    code, out, err = run_cli(capsys, "--db", str(demo_db), *args, "--json")
    assert code == 0, err
    records = json.loads(out)
    assert records, args
    assert [list(r) for r in records] == [fields] * len(records)
    code, out, err = run_cli(capsys, "--db", str(demo_db), *args, "--csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == fields
    assert len(rows) == len(records) + 1
    # The same records either way: a list in CSV is its JSON, a missing value empty.
    for record, row in zip(records, rows[1:]):
        for value, cell in zip(record.values(), row):
            assert cell == ("" if value is None else json.dumps(value, ensure_ascii=False)
                            if isinstance(value, (list, bool)) else str(value))


def test_dates_are_iso_and_ids_whole_where_the_table_shows_them_otherwise(capsys, demo_db):
    code, table, _err = run_cli(capsys, "--db", str(demo_db), "--lang", "nl", "lessons")
    code, out, _err = run_cli(capsys, "--db", str(demo_db), "--lang", "nl", "lessons",
                              "--json")
    lessons = json.loads(out)
    first = lessons[0]
    date = dt.date.fromisoformat(first["date"])
    assert table.splitlines()[2].startswith(date.strftime("%d-%m-%Y"))
    assert first["lesson"] in table and first["id"] not in table and len(first["id"]) == 36
    assert [dt.date.fromisoformat(r["date"]) for r in lessons] == sorted(
        (dt.date.fromisoformat(r["date"]) for r in lessons), reverse=True)
    code, out, _err = run_cli(capsys, "--db", str(demo_db), "--lang", "nl", "actions",
                              "--today", "2026-11-25", "--json")
    actions = json.loads(out)
    assert {a["status"] for a in actions} <= {"open", "done", "cancelled"}
    assert all(a["overdue"] == (a["status"] == "open" and a["due"] is not None
                                and a["due"] < "2026-11-25") for a in actions)


def test_an_empty_list_is_an_empty_json_list_not_a_sentence(capsys, demo_db):
    code, out, _err = run_cli(capsys, "--db", str(demo_db), "lessons", "--theme", "nergens",
                              "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _err = run_cli(capsys, "--db", str(demo_db), "lessons", "--theme", "nergens",
                              "--csv")
    assert out == "date,group,lesson,themes,id\n"
    code, out, _err = run_cli(capsys, "--db", str(demo_db), "lessons", "--theme", "nergens")
    assert out == "No lessons.\n"


def test_questions_history_and_course_in_json(capsys, demo_db):
    code, out, err = run_cli(capsys, "--db", str(demo_db), "questions", "--all", "--history",
                             "--json")
    assert code == 0, err
    questions = json.loads(out)
    assert all(len(q["history"]) == q["meetings"] for q in questions)
    assert any(q["history"] and set(q["history"][0]) == {
        "date", "session_id", "wording", "added", "left_open"} for q in questions)
    code, out, _err = run_cli(capsys, "--db", str(demo_db), "sessions", "list", "--json")
    group = json.loads(out)[0]["group"]
    code, out, err = run_cli(capsys, "--db", str(demo_db), "course", "--group", group,
                             "--json")
    assert code == 0, err
    charts = json.loads(out)
    assert [c["measure"] for c in charts][-2:] == ["rating", "time_used"]
    for chart in charts:
        assert len(chart["values"]) == len(chart["dates"]) == chart["count"]
        assert chart["last"] == (chart["values"][-1] if chart["values"] else None)


def test_sessions_list_keeps_its_limit_and_says_the_rest_on_stderr(capsys, demo_db):
    code, out, err = run_cli(capsys, "--db", str(demo_db), "sessions", "list", "--limit",
                             "3", "--json")
    assert len(json.loads(out)) == 3 and "older meetings not shown" in err


def test_an_option_of_livinglab_itself_after_a_command_says_where_it_goes(capsys, tmp_path):
    """`livinglab purge --db x.db` said only "no such option" (a walker's find); a command
    with a `--db` of its own (`demo`) keeps it."""
    code, out, err = run_cli(capsys, "purge", "--db", str(tmp_path / "x.db"),
                             "--finished-before", "2026-01-01")
    assert (code, out) == (2, "")
    assert err == "livinglab: --db goes before the command: livinglab --db … purge …\n"
    code, _out, err = run_cli(capsys, "privacy", "person", "X", "--lang=nl")
    assert code == 2 and "--lang staat vóór de opdracht: livinglab --lang … privacy person" in err
    code, out, err = run_cli(capsys, "demo", "--db", str(tmp_path / "d.db"), "--meetings", "2",
                             "--today", "2026-11-25")
    assert code == 0, err


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_what_a_purge_takes_fits_80_columns_with_each_title_whole(demo_db, lang):
    """The purge's list was a table some 150 columns wide: an 80-column terminal broke its
    rows across lines (a walker's find). Now each meeting is its date and title, with its
    group and what it loses under them, wrapped at words."""
    from livinglab import i18n
    from livinglab.commands.privacy import purge_listing
    from livinglab.meeting import queries as meeting_queries
    from livinglab.privacy.retention import plan_purge
    from livinglab.storage.store import Store

    i18n.set_language(lang)
    with Store(demo_db) as store:
        plan = plan_purge(store, TODAY)
        groups = meeting_queries.groups(store)
        text = purge_listing(plan, groups, width=80)
    assert plan.sessions
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    for session in plan.sessions:
        assert f"{session.date.isoformat()}  {session.title}" in lines  # whole, on one line
    said = " ".join(text.split())
    loses = {"nl": "verliest {f} velden en {n} aantekeningen",
             "en": "loses {f} fields and {n} notes"}[lang]
    for session in plan.sessions:
        assert loses.format(f=plan.fields[session.id], n=plan.notes[session.id]) in said
    assert {"nl": "met namen van cliënten vervangen:",
            "en": "with client names replaced:"}[lang] in said
