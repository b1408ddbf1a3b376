"""Bad database files through the CLI: one clear line, exit 1, the file unchanged."""

import hashlib
import os
import sqlite3

import pytest

from conftest import plan_dilemma_meeting, empty_db
from conftest import run_cli as run
from livinglab.library.cases import example_cases, import_cases
from livinglab.storage.store import Store

READS = [("sessions", "list"), ("cases", "list"), ("search", "fraude"), ("export", "latest")]
AS_ROOT = os.geteuid() == 0
CASE = """---
title: Twee bazen
kind: dilemma
---

## Situatie

Een thuiszorgmedewerker krijgt opdrachten van twee kanten.
"""


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def meeting_db(tmp_path, methods):
    """A real database: the example cases and a planned dilemma meeting."""
    path = tmp_path / "team.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        plan_dilemma_meeting(store, methods)
    return path


@pytest.fixture
def case_folder(tmp_path):
    folder = tmp_path / "new-cases"
    folder.mkdir()
    (folder / "twee-bazen.md").write_text(CASE)
    return folder


def damage(path, table=None):
    """Overwrite 64 bytes inside the root page of `table` (no table: the schema page)."""
    with sqlite3.connect(path) as conn:
        # Everything into the main file first: a page still in the WAL would be read from
        # there, and the damage missed (it did, now and then, when tests ran in parallel).
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page = conn.execute("select rootpage from sqlite_master where name = ?",
                            [table]).fetchone()[0] if table else 1
    conn.close()
    offset = (page - 1) * page_size + (100 if page == 1 else 0) + 8  # past the page header
    with path.open("r+b") as f:
        f.seek(offset)
        f.write(b"\xff" * 64)


def assert_one_line(err, expected):
    assert err == f"livinglab: {expected}\n"


def damaged_message(path):
    return (f'{path} is damaged: restore a backup, or rescue what is left with '
            f'sqlite3 {path} ".recover" | sqlite3 rescued.db')


# --- damaged pages ------------------------------------------------------------------------


@pytest.mark.parametrize("command", READS + [("cases", "import", "FOLDER")],
                         ids=lambda c: " ".join(c))
def test_a_damaged_schema_page_is_one_line_for_every_command(
        capsys, meeting_db, case_folder, command):
    damage(meeting_db)
    before = sha256(meeting_db)
    args = [str(case_folder) if a == "FOLDER" else a for a in command]
    code, out, err = run(capsys, "--db", str(meeting_db), *args)
    assert (code, out) == (1, "")
    assert_one_line(err, damaged_message(meeting_db))
    assert sha256(meeting_db) == before


@pytest.mark.parametrize("table, command", [
    ("sessions", ("sessions", "list")),
    ("sessions", ("export", "latest")),
    ("cases", ("cases", "list")),
    ("search_docs", ("search", "fraude")),
    ("cases", ("cases", "import", "FOLDER")),
], ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_a_damaged_table_is_one_line_when_a_command_reads_or_writes_it(
        capsys, meeting_db, case_folder, table, command):
    damage(meeting_db, table)
    before = sha256(meeting_db)
    args = [str(case_folder) if a == "FOLDER" else a for a in command]
    code, out, err = run(capsys, "--db", str(meeting_db), *args)
    assert (code, out) == (1, "")
    assert_one_line(err, damaged_message(meeting_db))
    assert sha256(meeting_db) == before


# --- files and folders that cannot be written ---------------------------------------------


def deny_writes(monkeypatch, *paths):
    """As root, file modes do not stop writes: have the store see them as it would as a user."""
    if AS_ROOT:
        denied = {str(p) for p in paths}
        monkeypatch.setattr("livinglab.storage.store._writable", lambda p: str(p) not in denied)


def test_a_read_only_file_can_be_read_but_not_written(capsys, meeting_db, case_folder,
                                                      monkeypatch):
    meeting_db.chmod(0o400)
    deny_writes(monkeypatch, meeting_db)
    before = sha256(meeting_db)
    code, out, err = run(capsys, "--db", str(meeting_db), "sessions", "list")
    assert (code, err) == (0, "")
    assert "Moreel beraad november" in out
    code, out, err = run(capsys, "--db", str(meeting_db), "cases", "import", str(case_folder))
    assert (code, out) == (1, "")
    assert_one_line(err, f"{meeting_db} is read-only")
    assert sha256(meeting_db) == before


def test_a_writable_file_in_a_read_only_folder_names_the_folder(capsys, meeting_db,
                                                                monkeypatch):
    folder = meeting_db.parent
    folder.chmod(0o500)
    deny_writes(monkeypatch, folder)
    before = sha256(meeting_db)
    try:
        code, out, err = run(capsys, "--db", str(meeting_db), "sessions", "list")
    finally:
        folder.chmod(0o700)
    assert (code, out) == (1, "")
    assert_one_line(err, f"cannot open {meeting_db}: its folder {folder} is read-only, and "
                         "livinglab needs to write beside the database file")
    assert sha256(meeting_db) == before


# --- files of other programs --------------------------------------------------------------


@pytest.mark.parametrize("schema", [
    "PRAGMA user_version = 7",  # empty, made by another program
    "create table notes (text)",
    "create table notes (text); PRAGMA user_version = 1",
    "create table notes (text); PRAGMA user_version = 99",
])
def test_another_programs_sqlite_file_is_not_a_livinglab_database(capsys, tmp_path, schema):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(schema)
    conn.close()
    before = sha256(path)
    code, out, err = run(capsys, "--db", str(path), "sessions", "list")
    assert (code, out) == (1, "")
    assert_one_line(err, f"{path} is not a livinglab database")
    assert sha256(path) == before


# --- a lock held by another program -------------------------------------------------------


def test_a_write_to_a_locked_database_waits_then_says_try_again(capsys, meeting_db,
                                                                case_folder, monkeypatch):
    monkeypatch.setattr("livinglab.storage.store.BUSY_TIMEOUT_MS", 100)  # the real wait is seconds
    other = sqlite3.connect(meeting_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    before = sha256(meeting_db)
    try:
        code, out, err = run(capsys, "--db", str(meeting_db), "cases", "import",
                             str(case_folder))
        assert (code, out) == (1, "")
        assert_one_line(err, f"{meeting_db} is locked by another program; try again")
        code, out, err = run(capsys, "--db", str(meeting_db), "sessions", "list")
        assert (code, err) == (0, "")  # reading does not wait for the writer
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert sha256(meeting_db) == before
    code, out, _err = run(capsys, "--db", str(meeting_db), "cases", "import", str(case_folder))
    assert (code, out.splitlines()[-1]) == (0, "1 added, 0 updated, 0 with problems")


def test_a_command_closes_the_database_so_no_journal_is_left_beside_it(capsys, meeting_db,
                                                                       case_folder):
    code, _out, _err = run(capsys, "--db", str(meeting_db), "cases", "import", str(case_folder))
    assert code == 0
    # Closing the last connection folds the write-ahead log back into the file.
    assert sorted(p.name for p in meeting_db.parent.iterdir()) == ["new-cases", "team.db"]
