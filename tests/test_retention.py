"""Retention and a person's rights: purged text is gone from the file itself; what a
group learned stays, without its clients' names; one person's data found, exported, erased."""

import json
import stat

import pytest

from livinglab.library.cases import example_cases, import_cases
from livinglab.models import SessionStatus
from livinglab.storage.store import Store
from livinglab.storage.schema import SCHEMA_VERSION

from conftest import run_cli, empty_db
from test_privacy_minutes import build_acceptance_meeting
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.privacy import queries as privacy_queries
from livinglab.models import Session

# Typed only into the meeting's fields, notes and location: a purge must remove them all.
CAPTURED = ["Kerkstraat 4a", "nl91abna0417164300", "1234.56.782", "a.benali@example.nl",
            "Dorpsstraat 12", "Zoon Ahmed Benali", "met pensioen", "dhr. De Boer",
            "111 222 333", "Postcode 1781ab"]


@pytest.fixture
def db(tmp_path, methods):
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        session = build_acceptance_meeting(store, methods)
    return path, session


def file_bytes(path):
    """The database as it lies on disk: the file and whatever WAL is beside it."""
    data = path.read_bytes()
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            data += extra.read_bytes()
    return data


def test_purge_leaves_no_trace_of_removed_text_in_the_file(capsys, db):
    path, session = db
    before = file_bytes(path)
    assert all(text.encode() in before for text in CAPTURED)
    code, out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "purge",
                             "--finished-before", "2026-12-01", "--yes")
    assert code == 0, err
    assert "2026-11-25" in out and "Casusoverleg" in out and "1 bijeenkomsten opgeschoond" in out
    after = file_bytes(path)
    assert [text for text in CAPTURED if text.encode() in after] == []
    with Store(path) as store:
        # What the group learned stays, with its clients' names replaced.
        assert [d.text for d in meeting_queries.decisions(store, session.id)] == [
            "[naam-1] krijgt een vaste contactpersoon."]
        assert [a.what for a in meeting_queries.actions(store, session_id=session.id)] == [
            "Afspraak met meneer [naam-2] op [adres]"]  # one numbering per meeting
        assert [lesson.text for lesson in memory_queries.lessons(store, session_id=session.id)] == [
            "Mrs. [naam-1]'s case: call [telefoon] first."]
        assert meeting_queries.entries_of_session(store, session.id) == {}
        assert store.get(Session, session.id).location == ""
        assert privacy_queries.purged_session_ids(store) == {session.id}  # the tombstone
        assert store.search("Jansen") == []  # the index was rebuilt
        assert [hit.kind for hit in store.search("case call")] == ["lesson"]
    # A second purge finds nothing left to do; the planned earlier meeting was never touched.
    code, out, _err = run_cli(capsys, "--db", str(path), "purge", "--finished-before",
                              "2026-12-01", "--yes")
    assert code == 0 and out.startswith("No finished meetings before 2026-12-01")


def test_purge_asks_first_and_keeps_everything_when_refused(capsys, db, monkeypatch):
    import io

    path, session = db
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _err = run_cli(capsys, "--db", str(path), "purge", "--finished-before",
                              "2026-12-01")
    assert code == 1 and "Purge these 1 meetings?" in out
    with Store(path) as store:
        assert meeting_queries.entries_of_session(store, session.id) and privacy_queries.purged_session_ids(store) == set()
    code, out, _err = run_cli(capsys, "--db", str(path), "purge", "--finished-before",
                              "2026-11-25", "--yes")
    assert code == 0 and "No finished meetings" in out  # "before" means before


def test_purge_of_a_bad_date_is_a_usage_error(capsys, db):
    path, _session = db
    code, out, err = run_cli(capsys, "--db", str(path), "purge", "--finished-before", "25-11")
    assert code == 2 and out == "" and "--finished-before" in err


def test_the_privacy_migration_works_on_an_older_database(tmp_path):
    import sqlite3

    from livinglab.storage.schema import MIGRATIONS, _migrate_privacy

    path = tmp_path / "old.db"
    with Store(path) as store:
        pass
    conn = sqlite3.connect(path)
    conn.execute("drop table watch_names")
    conn.execute("drop table purged_sessions")
    conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_privacy)}")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert privacy_queries.watch_names(store, "x") == [] and privacy_queries.purged_session_ids(store) == set()


def test_a_person_is_found_exported_and_erased(capsys, db, tmp_path):
    from livinglab.models import Case, CaseSection, case_id_for

    path, session = db
    with Store(path) as store:  # a case file someone wrote about her
        store.save(Case(id=case_id_for("huur"), slug="huur", title="Huurachterstand",
                             kind="casus", sections=[CaseSection(
                                 title="Situatie", body="Mevrouw Jansen heeft drie maanden "
                                 "huurachterstand.")]))
    out_file = tmp_path / "jansen.json"
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "mevrouw Jansen",
                              "--export", str(out_file))
    assert code == 0, err
    data = json.loads(out_file.read_text("utf-8"))
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    assert data["person"] == "Fatima Jansen"
    places = [r["where"] for r in data["records"]]
    assert "Wijkteam Havenkwartier: watch list" in places
    assert "2026-11-25 Casusoverleg: location" in places
    assert "2026-11-25 Casusoverleg: decision" in places
    assert any(p.endswith(": The situation") for p in places) and "case huur" in places
    assert not any("Benali" in r["text"] and "Jansen" not in r["text"].title()
                   for r in data["records"])  # only texts that name her
    code, out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "privacy", "person",
                             "Fatima Jansen", "--erase", "--yes")
    assert code == 0, err
    assert "Fatima Jansen is vervangen in" in out
    with Store(path) as store:
        assert privacy_queries.watch_names(store, session.group_id) == ["Ahmed Benali"]
        assert meeting_queries.decisions(store, session.id)[0].text == "[naam] krijgt een vaste contactpersoon."
        assert store.get(Session, session.id).location.startswith("Bij [naam] thuis")
        assert case_queries.case(store, "huur").sections[0].body.startswith("[naam] heeft drie maanden")
        assert store.search("huurachterstand")  # the index follows the case
    assert b"Jansen" not in file_bytes(path)
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "Fatima Jansen")
    assert code == 1 and err == "livinglab: the database knows no one called Fatima Jansen\n"


def test_a_participant_is_a_person_too(capsys, db):
    path, session = db
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "Veenstra")
    assert code == 0, err
    assert "participant" in out and "Veenstra vraagt het dossier op" in out
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "Gerrit Veenstra",
                             "--erase", "--yes")
    assert code == 0, err
    assert b"Veenstra" not in file_bytes(path)
