"""Backup while the app runs, and a checked restore."""

from __future__ import annotations

import sqlite3

import pytest

from livinglab.models import Group, Lesson
from livinglab.storage.store import Store

from conftest import run_cli, empty_db
from livinglab.memory import queries as memory_queries
from livinglab.meeting import queries as meeting_queries


def lessons_in(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(text for (text,) in conn.execute("select text from lessons"))
    finally:
        conn.close()


def file_bytes(path) -> bytes:
    return path.read_bytes()


def test_a_backup_while_the_app_writes_holds_what_it_wrote(capsys, tmp_path):
    db, copy = tmp_path / "live.db", tmp_path / "copy.db"
    with Store(empty_db(db)) as app:  # the app is running: its last save sits in the WAL
        group = app.save(Group(name="Wijkteam"))
        app.save(Lesson(group_id=group.id, text="Wat de opvolger moet weten"))
        code, out, err = run_cli(capsys, "--db", str(db), "backup", "-o", str(copy))
        assert code == 0, err
        assert f"Backup written to {copy}" in out
        app.save(Lesson(group_id=group.id, text="Later geschreven"))  # the app goes on
    assert lessons_in(copy) == ["Wat de opvolger moet weten"]
    assert copy.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "copy.db-wal").exists()  # one file to hand over
    with Store(copy) as opened:  # a livinglab database, as it was
        assert [x.text for x in memory_queries.lessons(opened)] == ["Wat de opvolger moet weten"]


def test_backup_refuses_to_overwrite_and_needs_a_database(capsys, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_text("mine", "utf-8")
    code, _out, err = run_cli(capsys, "--db", str(tmp_path / "none.db"), "backup", "-o",
                              str(tmp_path / "other.db"))
    assert code == 1 and "there is no livinglab database at" in err
    assert not (tmp_path / "none.db").exists()
    empty_db(tmp_path / "live.db")
    code, _out, err = run_cli(capsys, "--db", str(tmp_path / "live.db"), "backup", "-o",
                              str(copy))
    assert code == 1 and "exists; add --force" in err
    assert copy.read_text("utf-8") == "mine"


def make_history(path, *texts):
    with Store(path) as store:
        group = store.save(Group(name="Wijkteam"))
        for text in texts:
            store.save(Lesson(group_id=group.id, text=text))


def test_restore_puts_the_backup_in_place_and_keeps_the_database_it_replaces(
        capsys, tmp_path):
    db, copy = tmp_path / "live.db", tmp_path / "copy.db"
    make_history(db, "Eerste les")
    run_cli(capsys, "--db", str(db), "backup", "-o", str(copy))
    make_history(db, "Les na de backup")
    code, out, err = run_cli(capsys, "--db", str(db), "restore", str(copy), "--yes")
    assert code == 0, err
    assert lessons_in(db) == ["Eerste les"]
    [kept] = tmp_path.glob("live.before-restore-*.db")
    assert f"kept as {kept}" in out
    assert lessons_in(kept) == ["Eerste les", "Les na de backup"]
    assert kept.stat().st_mode & 0o777 == 0o600
    with Store(db) as store:  # opens and works as before
        assert len(memory_queries.lessons(store)) == 1


def test_restore_into_a_running_app_is_seen_by_it(capsys, tmp_path):
    db, copy = tmp_path / "live.db", tmp_path / "copy.db"
    make_history(db, "Eerste les")
    run_cli(capsys, "--db", str(db), "backup", "-o", str(copy))
    with Store(db) as app:
        group = meeting_queries.groups(app)[0]
        app.save(Lesson(group_id=group.id, text="Vergissing"))
        assert run_cli(capsys, "--db", str(db), "restore", str(copy), "--yes")[0] == 0
        assert [x.text for x in memory_queries.lessons(app)] == ["Eerste les"]


def test_restore_asks_first_and_no_leaves_everything(capsys, tmp_path, monkeypatch):
    import io

    db, copy = tmp_path / "live.db", tmp_path / "copy.db"
    make_history(db, "Eerste les")
    run_cli(capsys, "--db", str(db), "backup", "-o", str(copy))
    make_history(db, "Tweede les")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _err = run_cli(capsys, "--db", str(db), "restore", str(copy))
    assert code == 1 and "Replace the database" in out
    assert lessons_in(db) == ["Eerste les", "Tweede les"]
    assert not list(tmp_path.glob("*.before-restore-*"))


def foreign_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("create table notes (text)")
    conn.commit()
    conn.close()


def newer_livinglab(path):
    make_history(path, "Uit de toekomst")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()


def damaged(path):
    make_history(path, *[f"Les {n} " + "x" * 500 for n in range(200)])
    data = bytearray(path.read_bytes())
    data[8192:12288] = b"\xff" * 4096  # pages in the middle overwritten
    path.write_bytes(bytes(data))


BAD_BACKUPS = {
    "missing": (lambda path: None, "there is no livinglab database at"),
    "text": (lambda path: path.write_text("notulen", "utf-8"), "is not a livinglab database"),
    "foreign": (foreign_sqlite, "is not a livinglab database"),
    "newer": (newer_livinglab, "was made by a newer livinglab"),
    "damaged": (damaged, "is damaged"),
}


@pytest.mark.parametrize("case", list(BAD_BACKUPS))
def test_a_bad_backup_is_refused_with_one_line_and_nothing_changes(capsys, tmp_path, case):
    db, bad = tmp_path / "live.db", tmp_path / "bad.db"
    make_history(db, "Eerste les")
    make, expected = BAD_BACKUPS[case]
    make(bad)
    before = file_bytes(db)
    code, out, err = run_cli(capsys, "--db", str(db), "restore", str(bad), "--yes")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert file_bytes(db) == before
    assert not list(tmp_path.glob("*.before-restore-*"))
