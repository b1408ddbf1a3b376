"""Bundles between installs: export, checked import, merge by UUID and newer edit."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3

import pytest

from livinglab.sharing.bundles import export_bundle
from livinglab.library.cases import example_cases, import_cases
from livinglab.models import (
    PRACTICE_GROUP_ID,
    Action,
    Decision,
    Group,
    Lesson,
    Session,
    SessionStatus,
    SlowQuestion,
    case_id_for,
)
from livinglab.storage.store import Store

from conftest import fill_dilemma_review, plan_dilemma_meeting, run_cli, empty_db
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.privacy import queries as privacy_queries

UTC = dt.UTC


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=UTC)


def dump(path) -> dict[str, list[str]]:
    """Every table's rows, sorted: what a copy of the file holds."""
    conn = sqlite3.connect(path)
    tables = [n for (n,) in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")]
    result = {t: sorted(map(repr, conn.execute(f'select * from "{t}"'))) for t in tables}
    conn.close()
    return result


def team_database(path) -> dict[str, str]:
    """A group with one finished meeting, its lessons, an action and a decision."""
    with Store(empty_db(path)) as store:
        group = store.save(Group(name="Wijkteam Havenkwartier", municipality="Kustdorp"))
        session = store.save(Session(title="Moreel beraad", group_id=group.id,
                                     date=dt.date(2026, 11, 2), location="Buurthuis",
                                     status=SessionStatus.FINISHED, created_at=at(1)))
        first = store.save(Lesson(group_id=group.id, session_id=session.id,
                                  text="Eerst vertrouwen winnen", created_at=at(2)))
        second = store.save(Lesson(group_id=group.id, session_id=session.id,
                                   text="Melden na een week", created_at=at(2)))
        action = store.save(Action(group_id=group.id, session_id=session.id,
                                   what="Protocol opvragen", owner="Sander", created_at=at(2)))
        return {"group": group.id, "session": session.id, "first": first.id,
                "second": second.id, "action": action.id}


def edit(path, model, id_, when: dt.datetime, **changes):
    with Store(path) as store:
        record = store.get(model, id_)
        store.save(record.model_copy(update={**changes, "updated_at": when}))


def test_two_diverging_databases_merge_both_ways_to_the_same_record(capsys, tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    ids = team_database(a)
    assert run_cli(capsys, "--db", str(a), "bundle", "export", "-o", str(tmp_path / "0.json"))[0] == 0
    code, out, _err = run_cli(capsys, "--db", str(b), "bundle", "import", str(tmp_path / "0.json"))
    assert code == 0 and "added: 1 group, 1 meeting, 1 action, 2 lessons" in out
    # Both sides go on: each edits a lesson, both edit the action (b later), b decides.
    edit(a, Lesson, ids["first"], at(10), text="Eerst vertrouwen winnen, dan melden")
    edit(b, Lesson, ids["second"], at(11), text="Melden binnen een week")
    edit(a, Action, ids["action"], at(12), what="Protocol opvragen bij de gemeente")
    edit(b, Action, ids["action"], at(13), what="Protocol opvragen bij de teamleider")
    with Store(b) as store:
        decision = store.save(Decision(session_id=ids["session"], text="Sander meldt zelf"))

    for source, target in ((a, b), (b, a)):
        bundle = tmp_path / f"{source.stem}.json"
        assert run_cli(capsys, "--db", str(source), "bundle", "export", "--force",
                       "-o", str(bundle))[0] == 0
        code, out, err = run_cli(capsys, "--db", str(target), "bundle", "import", str(bundle))
        assert code == 0, err
        if target == b:  # a's action is older than b's: b keeps its own, and says so
            assert "updated: 1 lesson" in out
            assert f"skipped action {ids['action'][:8]}: changed on both sides" in out
        else:
            assert "1 decision" in out and "updated: 1 action, 1 lesson" in out

    for path in (a, b):
        with Store(path) as store:
            assert {x.text for x in memory_queries.lessons(store)} == {
                "Eerst vertrouwen winnen, dan melden", "Melden binnen een week"}
            assert store.get(Action, ids["action"]).what == "Protocol opvragen bij de teamleider"
            assert [d.id for d in meeting_queries.decisions(store, ids["session"])] == [decision.id]
    tables = ("groups", "sessions", "lessons", "actions", "decisions")
    assert {t: dump(a)[t] for t in tables} == {t: dump(b)[t] for t in tables}


def test_importing_the_same_bundle_twice_changes_nothing(capsys, tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    team_database(a)
    bundle = tmp_path / "team.json"
    run_cli(capsys, "--db", str(a), "bundle", "export", "-o", str(bundle))
    run_cli(capsys, "--db", str(b), "bundle", "import", str(bundle))
    before = dump(b)
    code, out, _err = run_cli(capsys, "--db", str(b), "bundle", "import", str(bundle))
    assert code == 0
    assert "0 added, 0 updated" in out and "unchanged: 1 group" in out
    assert dump(b) == before


def test_a_bundle_into_its_own_database_changes_nothing(capsys, tmp_path):
    a = tmp_path / "a.db"
    team_database(a)
    bundle = tmp_path / "team.json"
    run_cli(capsys, "--db", str(a), "bundle", "export", "-o", str(bundle))
    before = dump(a)
    code, out, _err = run_cli(capsys, "--db", str(a), "bundle", "import", str(bundle))
    assert code == 0 and "0 added, 0 updated" in out and "0 skipped" in out
    assert dump(a) == before


def test_a_save_that_changes_a_record_stamps_its_edit_time(store):
    group = store.save(Group(name="G"))
    lesson = store.save(Lesson(group_id=group.id, text="a"))
    assert store.get(Lesson, lesson.id).updated_at is None  # as created
    store.save(lesson.model_copy(update={"text": "b"}))
    stamped = store.get(Lesson, lesson.id).updated_at
    assert stamped is not None and stamped >= dt.datetime.now(UTC) - dt.timedelta(minutes=1)
    store.save(lesson.model_copy(update={"text": "b"}))  # an old copy, saved again unchanged
    assert store.get(Lesson, lesson.id).updated_at == stamped


def test_the_same_built_in_case_on_two_installs_merges_as_one(capsys, tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for path in (a, b):  # as the app fills a new database, with the examples
        with Store(empty_db(path)) as store:
            import_cases(store, example_cases())
    with Store(a) as store:
        case = case_queries.case(store, "fraude-in-vertrouwen")
        assert case.id == case_id_for("fraude-in-vertrouwen")
        store.save(case.model_copy(update={"title": "Fraude aan de keukentafel",
                                           "updated_at": at(20)}))
    bundle = tmp_path / "cases.json"
    run_cli(capsys, "--db", str(a), "bundle", "export", "-o", str(bundle))
    code, out, _err = run_cli(capsys, "--db", str(b), "bundle", "import", str(bundle))
    assert code == 0 and "updated: 1 case" in out and "unchanged: 14 cases" in out
    with Store(b) as store:
        assert case_queries.case(store, "fraude-in-vertrouwen").title == "Fraude aan de keukentafel"
        assert case_queries.count_cases(store) == 15


def test_a_purged_meeting_does_not_come_back(capsys, tmp_path):
    from livinglab.privacy.retention import plan_purge, purge

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    ids = team_database(a)
    bundle = tmp_path / "team.json"
    run_cli(capsys, "--db", str(a), "bundle", "export", "-o", str(bundle))
    run_cli(capsys, "--db", str(b), "bundle", "import", str(bundle))
    with Store(b) as store:
        purge(store, plan_purge(store, dt.date(2026, 12, 1)))
    edit(a, Lesson, ids["first"], at(20), text="Sander vertrouwt meneer Pinas")
    run_cli(capsys, "--db", str(a), "bundle", "export", "--force", "-o", str(bundle))
    code, out, _err = run_cli(capsys, "--db", str(b), "bundle", "import", str(bundle))
    assert code == 0
    assert f"skipped meeting {ids['session'][:8]}: this meeting was purged here" in out
    assert f"skipped lesson {ids['first'][:8]}: its meeting was purged here" in out
    with Store(b) as store:
        assert "Pinas" not in " ".join(x.text for x in memory_queries.lessons(store))
        assert store.get(Session, ids["session"]).location == ""


def test_the_shareable_bundle_holds_no_name_case_text_or_place(
        capsys, tmp_path, methods, clock):
    from livinglab.live.workshop import Workshop

    path = tmp_path / "team.db"
    with Store(empty_db(path)) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        session = plan_dilemma_meeting(store, methods)
        workshop = Workshop(store, session.id, methods, clock=clock)
        fill_dilemma_review(workshop, clock)
        workshop.finish()
        privacy_queries.add_watch_name(store, session.group_id, "Jan Pinas")
        workshop.add_lesson("Meneer Pinas belde 06-12345678 over Sander")
        names = privacy_queries.all_known_names(store)
        case = case_queries.case(store, "fraude-in-vertrouwen")
    bundle = tmp_path / "regio.json"
    code, _out, err = run_cli(capsys, "--db", str(path), "bundle", "export", "--shareable",
                              "-o", str(bundle))
    assert code == 0, err
    text = bundle.read_text("utf-8")
    data = json.loads(text)
    assert data["shareable"] is True and data["cases"] == []
    assert data["lessons"] and data["actions"] and data["decisions"] and data["precedents"]
    for name in names + ["Pinas", "Sander", "06-12345678"]:
        assert name not in text
        for word in name.split():
            if word[0].isupper():  # a surname or first name, not "de" or "van"
                assert not re.search(rf"\b{re.escape(word)}\b", text), word
    assert case.title not in text and case.sections[0].body[:40] not in text
    assert all(s["location"] == "" for s in data["sessions"])
    assert all(a["owner"] == "" for a in data["actions"])
    assert bundle.stat().st_mode & 0o777 == 0o600


def test_export_keeps_to_a_group_and_a_date_and_never_carries_practice(store, tmp_path):
    here = store.save(Group(name="Hier"))
    there = store.save(Group(name="Daar"))
    store.save(Group(id=PRACTICE_GROUP_ID, name="Oefenen"))
    old = store.save(Session(title="Oud", group_id=here.id, date=dt.date(2026, 1, 5),
                             status=SessionStatus.FINISHED, created_at=at(1)))
    new = store.save(Session(title="Nieuw", group_id=here.id, date=dt.date(2026, 11, 5),
                             status=SessionStatus.FINISHED, created_at=at(1)))
    store.save(Session(title="Gepland", group_id=here.id, date=dt.date(2026, 12, 5),
                       created_at=at(1)))
    store.save(Session(title="Oefening", group_id=PRACTICE_GROUP_ID, date=dt.date(2026, 11, 5),
                       status=SessionStatus.FINISHED))
    store.save(SlowQuestion(group_id=there.id, question="Wat is de menselijke maat?"))
    store.save(Lesson(group_id=here.id, session_id=old.id, text="Oude les",
                      created_at=dt.datetime(2026, 1, 5, tzinfo=UTC)))
    edited = store.save(Lesson(group_id=here.id, session_id=old.id, text="Herzien",
                               created_at=dt.datetime(2026, 1, 5, tzinfo=UTC),
                               updated_at=at(3)))
    bundle = export_bundle(store, [here.id], since=dt.date(2026, 11, 1))
    assert [g.name for g in bundle.groups] == ["Hier"]
    assert [s.title for s in bundle.sessions] == ["Oud", "Nieuw"]  # Oud: its edited lesson
    assert [x.id for x in bundle.lessons] == [edited.id]
    assert bundle.slow_questions == []
    everything = export_bundle(store)
    assert {g.name for g in everything.groups} == {"Hier", "Daar"}
    assert {s.title for s in everything.sessions} == {"Oud", "Nieuw"}
    assert new.id in {s.id for s in everything.sessions}


# --- bad bundles: one line, exit 1, the database unchanged -------------------------------


def good_bundle(tmp_path, capsys) -> tuple[dict, dict]:
    ids = team_database(tmp_path / "a.db")
    path = tmp_path / "good.json"
    run_cli(capsys, "--db", str(tmp_path / "a.db"), "bundle", "export", "-o", str(path))
    return json.loads(path.read_text("utf-8")), ids


def nested(depth: int):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


BAD = {
    "truncated": (lambda text, data, ids: text[: len(text) // 2], "not valid JSON"),
    "corrupt": (lambda text, data, ids: b"\x89PNG\r\n\x1a\n\x00\xff\xfe", "not UTF-8"),
    "empty": (lambda text, data, ids: "", "not valid JSON"),
    "not a bundle": (lambda text, data, ids: '{"lessons": []}', "not a livinglab bundle"),
    "newer version": (lambda text, data, ids: {**data, "schema_version": 2},
                      "made by a newer livinglab (bundle version 2"),
    "unknown version": (lambda text, data, ids: {**data, "schema_version": "1"},
                        'schema_version: "1" is not a bundle version'),
    "huge string": (lambda text, data, ids: {**data, "lessons": [
        {**data["lessons"][0], "text": "x" * 200_000}]}, "lessons[0].text: a text of 200000"),
    "deep nesting": (lambda text, data, ids: {**data, "extra": nested(50)},
                     "nested deeper than 8 levels"),
    "very deep nesting": (lambda text, data, ids: '{"format": "livinglab-bundle", "x": '
                          + "[" * 100_000 + "]" * 100_000 + "}", "nested deeper"),
    "unknown field": (lambda text, data, ids: {**data, "owner_bsn": "123"},
                      "owner_bsn: Extra inputs are not permitted"),
    "unknown field in a record": (lambda text, data, ids: {**data, "lessons": [
        {**data["lessons"][0], "secret": 1}]}, "lessons[0].secret: Extra inputs"),
    "a wrong type": (lambda text, data, ids: {**data, "sessions": [
        {**data["sessions"][0], "date": "gisteren"}]}, "sessions[0].date"),
    "an id of another kind in the bundle": (lambda text, data, ids: {**data, "decisions": [
        {"id": ids["first"], "session_id": ids["session"], "text": "x"}]},
        "is in this bundle twice (decision and lesson)"),
    "an id of another kind here": (lambda text, data, ids: {**data, "lessons": [
        {**data["lessons"][0], "id": case_id_for("fraude-in-vertrouwen")}]},
        "is another kind of record in this database (cases)"),
    "another parent here": (lambda text, data, ids: {**data, "groups": data["groups"] + [
        {"id": "7b1e0c55-1111-4c3e-9a51-000000000001", "name": "Ander team"}], "lessons": [
        {**data["lessons"][0], "group_id": "7b1e0c55-1111-4c3e-9a51-000000000001",
         "session_id": None}]}, "belongs to another group in this database"),
    "a meeting of another group": (lambda text, data, ids: {**data, "groups": data["groups"] + [
        {"id": "7b1e0c55-1111-4c3e-9a51-000000000001", "name": "Ander team"}], "actions": [
        {**data["actions"][0], "id": "7b1e0c55-1111-4c3e-9a51-000000000002",
         "group_id": "7b1e0c55-1111-4c3e-9a51-000000000001"}]},
        "belongs to another group"),
    "a meeting that exists nowhere": (lambda text, data, ids: {**data, "decisions": [
        {"id": "7b1e0c55-1111-4c3e-9a51-000000000003", "text": "x",
         "session_id": "7b1e0c55-1111-4c3e-9a51-000000000004"}]}, "no meeting"),
    "practice": (lambda text, data, ids: {**data, "groups": [
        {"id": PRACTICE_GROUP_ID, "name": "Oefenen"}]}, "practice runs are never"),
    "a case id that is not its slug's": (lambda text, data, ids: {**data, "cases": [
        {"id": ids["session"], "slug": "x", "title": "X", "kind": "casus"}]},
        "is not the id of the case x"),
    "a text that cleaning empties": (lambda text, data, ids: {**data, "decisions": [
        {"id": "7b1e0c55-1111-4c3e-9a51-000000000005", "text": "\x1b",
         "session_id": ids["session"]}]},
        "decisions[0].text: String should have at least 1 character"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_bundle_gives_one_line_exit_1_and_changes_nothing(capsys, tmp_path, case):
    data, ids = good_bundle(tmp_path, capsys)
    # b holds what the bundle came from, edited since: a bad file must leave it as it is
    b = tmp_path / "b.db"
    run_cli(capsys, "--db", str(b), "bundle", "import", str(tmp_path / "good.json"))
    edit(b, Lesson, ids["first"], at(20), text="Hier bewerkt")
    before = dump(b)
    make, expected = BAD[case]
    bad = make(json.dumps(data), data, ids)
    path = tmp_path / "bad.json"
    if isinstance(bad, bytes):
        path.write_bytes(bad)
    else:
        path.write_text(bad if isinstance(bad, str) else json.dumps(bad), "utf-8")
    code, out, err = run_cli(capsys, "--db", str(b), "bundle", "import", str(path))
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"livinglab: {path}") and expected in err, err
    assert dump(b) == before


def test_a_bad_bundle_does_not_create_a_database(capsys, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{", "utf-8")
    code, _out, _err = run_cli(capsys, "--db", str(tmp_path / "new.db"), "bundle", "import",
                               str(path))
    assert code == 1 and not (tmp_path / "new.db").exists()


def test_a_bundle_of_too_many_records_is_refused(capsys, tmp_path, monkeypatch):
    from livinglab.sharing import bundles

    data, _ids = good_bundle(tmp_path, capsys)
    monkeypatch.setattr(bundles, "MAX_RECORDS", 1)
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data), "utf-8")
    code, _out, err = run_cli(capsys, "--db", str(tmp_path / "b.db"), "bundle", "import",
                              str(path))
    assert code == 1 and "lessons: 2 items; at most 1" in err


def test_export_refuses_to_overwrite_a_file(capsys, tmp_path):
    team_database(tmp_path / "a.db")
    target = tmp_path / "out.json"
    target.write_text("mine", "utf-8")
    code, _out, err = run_cli(capsys, "--db", str(tmp_path / "a.db"), "bundle", "export",
                              "-o", str(target))
    assert code == 1 and "exists; add --force" in err
    assert target.read_text("utf-8") == "mine"
