"""Issue 22: nothing typed lands in the wrong place or vanishes. Files are written whole
or not at all, input files are read up to a cap, and every path a user can name on the
command line ends in one line and an exit code, never a traceback."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys

import pytest

from conftest import plan_dilemma_meeting, empty_db
from conftest import run_cli as run
from livinglab.library.cases import example_cases, import_cases
from livinglab.models import Group, Session, SessionStatus
from livinglab.storage.store import Store
from livinglab.meeting import queries as meeting_queries

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


def livinglab(*args, stdout=subprocess.PIPE, limit_file_size=None, env=None):
    """`livinglab ARGS` in its own process: (exit code, stdout, stderr). `limit_file_size`
    caps the size of any file it writes (RLIMIT_FSIZE), as a full disk would."""

    def limit():
        if limit_file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a kill
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    done = subprocess.run(
        [sys.executable, "-c", "from livinglab.cli import main; main()", *args],
        stdout=stdout, stderr=subprocess.PIPE, preexec_fn=limit, timeout=120,
        env={**os.environ, **(env or {})})
    out = done.stdout.decode() if done.stdout is not None else ""
    return done.returncode, out, done.stderr.decode()


@pytest.fixture
def meeting_db(tmp_path, methods):
    """The example cases and a planned dilemma meeting (closed: nothing in a WAL)."""
    path = tmp_path / "team.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        plan_dilemma_meeting(store, methods)
    return path


def the_meeting(db):
    with Store(db) as store:
        return meeting_queries.sessions(store)[0].id


def leftovers(folder, *expected):
    """Files in `folder` besides the expected ones (a temporary file left behind)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


# --- files written whole --------------------------------------------------------------


def test_a_failed_write_leaves_the_earlier_file_and_no_temporary_file(tmp_path):
    from livinglab.paths import private_file, write_private_file

    target = tmp_path / "notulen.md"
    write_private_file(target, "de notulen van vorige keer\n")
    with pytest.raises(OSError):
        with private_file(target) as temp:
            temp.write_text("half")
            raise OSError(28, "No space left on device")
    assert target.read_text() == "de notulen van vorige keer\n"
    assert leftovers(tmp_path, "notulen.md") == []
    write_private_file(target, "nieuw")
    assert target.read_text() == "nieuw"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_full_disk_keeps_an_existing_export_and_leaves_no_empty_file(tmp_path, methods):
    db = tmp_path / "team.db"
    with Store(empty_db(db)) as store:
        import_cases(store, example_cases())
        session = plan_dilemma_meeting(store, methods)
        item = next(i for i in meeting_queries.agenda(store, session.id) if i.case_id)
        store.save_entry(item.id, "situation", "Meneer K. vertelt zijn verhaal. " * 4000)
    out = tmp_path / "uit"
    out.mkdir()
    existing = out / "notulen.md"
    existing.write_text("de notulen die er al waren\n")
    limit = 64 * 1024  # the minutes are twice that; the database is only read
    code, _out, err = livinglab("--db", str(db), "export", session.id, "--force", "-o",
                                str(existing), limit_file_size=limit)
    assert code == 1
    assert err == (f"livinglab: cannot write {existing}: the file is larger than the "
                   "system allows\n")
    assert existing.read_text() == "de notulen die er al waren\n"
    code, _out, err = livinglab("--db", str(db), "export", session.id, "-o",
                                str(out / "nieuw.md"), limit_file_size=limit)
    assert code == 1 and err.startswith(f"livinglab: cannot write {out / 'nieuw.md'}: ")
    assert leftovers(out, "notulen.md") == []  # no empty file, no temporary file
    code, _out, err = livinglab("--db", str(db), "export", session.id, "--force", "-o",
                                str(existing))
    assert code == 0 and "Meneer K. vertelt" in existing.read_text()


def test_a_backup_into_a_missing_folder_is_one_line(capsys, meeting_db, tmp_path):
    target = tmp_path / "no" / "such" / "backup.db"
    code, out, err = run(capsys, "--db", str(meeting_db), "backup", "-o", str(target))
    assert (code, out) == (1, "")
    assert err == f"livinglab: cannot write {target}: no such file or folder\n"
    assert not (tmp_path / "no").exists()


def test_a_character_xml_cannot_hold_is_left_out_of_the_word_file(capsys, tmp_path):
    import docx

    db = tmp_path / "x.db"
    with Store(empty_db(db)) as store:
        group = store.save(Group(name="Wijkteam\uffff Noord"))
        session = store.save(Session(title="Overleg\ufffe over\uffff zorg",
                                             group_id=group.id, date=dt.date(2026, 11, 2)))
    target = tmp_path / "notulen.docx"
    code, _out, err = run(capsys, "--db", str(db), "export", session.id, "-o", str(target))
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Overleg over zorg" in text
    assert "\uffff" not in text and "\ufffe" not in text


# --- standard output closed or full ------------------------------------------------------


@pytest.mark.parametrize("lang, reason", [
    ("en", "cannot write to standard output: the disk is full"),
    ("nl", "kan niet naar de standaarduitvoer schrijven: de schijf is vol"),
])
def test_a_full_standard_output_is_one_line_and_exit_1(meeting_db, lang, reason):
    with open("/dev/full", "wb") as full:
        code, _out, err = livinglab("--lang", lang, "--db", str(meeting_db), "sessions",
                                    "list", stdout=full)
    assert (code, err) == (1, f"livinglab: {reason}\n")


def test_a_closed_standard_output_is_one_line_and_exit_1(meeting_db):
    reader, writer = os.pipe()
    os.close(reader)  # whoever read the output has gone
    try:
        code, _out, err = livinglab("--db", str(meeting_db), "cases", "list", stdout=writer)
    finally:
        os.close(writer)
    assert (code, err) == (1, "livinglab: cannot write to standard output: the program "
                              "reading it has stopped\n")


# --- input files read up to a cap ---------------------------------------------------------


def test_a_bundle_import_of_a_device_or_a_huge_file_is_refused_at_the_cap(capsys, tmp_path):
    db = tmp_path / "x.db"
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    for path in ("/dev/zero", str(huge)):
        code, out, err = run(capsys, "--db", str(db), "bundle", "import", path)
        assert (code, out) == (1, "")
        assert err == (f"livinglab: {path}: larger than 64 MB, the most livinglab reads "
                       "from one file\n")
    assert not db.exists()  # the file is checked before the database is opened


def test_a_series_file_that_is_a_device_is_refused_at_the_cap(capsys, meeting_db):
    code, _out, err = run(capsys, "--db", str(meeting_db), "series", "import", "/dev/zero")
    assert code == 1
    assert err == "livinglab: /dev/zero: larger than 16 MB, the most livinglab reads from one file\n"


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["0001-01-01", "01-01-0001", "9999-12-31", "1-1-1"])
def test_a_date_outside_the_years_is_refused_never_changed(typed):
    from livinglab.meeting.planning import parse_date

    with pytest.raises(ValueError):
        parse_date(typed)


@pytest.mark.parametrize("typed, meant", [
    ("25-11-2026", dt.date(2026, 11, 25)), ("2026-11-25", dt.date(2026, 11, 25)),
    ("25/11/26", dt.date(2026, 11, 25)), ("1-2-2026", dt.date(2026, 2, 1)),
    ("01-01-1900", dt.date(1900, 1, 1)), ("31-12-2999", dt.date(2999, 12, 31)),
])
def test_a_date_is_read_as_typed(typed, meant):
    from livinglab.meeting.planning import parse_date

    assert parse_date(typed) == meant


def test_the_new_meeting_check_refuses_year_one(library_store, methods):
    from livinglab.meeting.planning import MeetingPlan, PlannedParticipant, check_plan
    from livinglab.models import Role

    plan = MeetingPlan(title="Overleg", group_name="Wijkteam", date="01-01-0001",
                       participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)])
    assert check_plan(plan, library_store, methods)["date"] == "Type a year from 1900 to 2999."


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31"])
def test_demo_refuses_a_date_beyond_the_years(capsys, tmp_path, today):
    db = tmp_path / "demo.db"
    code, out, err = run(capsys, "demo", "--db", str(db), "--today", today)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (f"Error: Invalid value for '--today': {today}: Type a "
                                    "year from 1900 to 2999.")
    assert not db.exists()


@pytest.mark.parametrize("args", [["--today", "31-12-2999"], ["--today", "02-01-1900"],
                                  ["--today", "25-11-2026", "--meetings", "1000000"]])
def test_demo_refuses_a_history_beyond_the_years(capsys, tmp_path, args):
    db = tmp_path / "demo.db"
    code, out, err = run(capsys, "demo", "--db", str(db), *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == ("Error: the demo's meetings would fall outside the years "
                                    "1900 to 2999: choose another --today, or fewer --meetings")
    assert not db.exists()


def test_demo_near_the_last_year_keeps_every_date_in_it(capsys, tmp_path):
    db = tmp_path / "demo.db"
    code, _out, err = run(capsys, "demo", "--db", str(db), "--today", "01-10-2999")
    assert code == 0, err
    with Store(db) as store:
        dates = [s.date for s in meeting_queries.sessions(store)]
    assert len(dates) == 7 and max(dates) <= dt.date(2999, 12, 31)


@pytest.mark.parametrize("typed, said", [("01-12-2026", "2026-12-01"),
                                         ("2026-12-01", "2026-12-01"),
                                         ("12-01-2026", "2026-01-12")])
def test_cli_dates_are_typed_as_in_the_app_or_as_iso(capsys, meeting_db, typed, said):
    code, out, err = run(capsys, "--db", str(meeting_db), "purge", "--finished-before", typed)
    assert (code, err) == (0, "")
    assert out == f"No finished meetings before {said} to purge.\n"


def test_a_wrong_date_is_said_in_dutch_with_lang_nl(capsys, meeting_db):
    code, out, err = run(capsys, "--lang", "nl", "--db", str(meeting_db), "actions",
                         "--today", "31-02-2026")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == ("Fout: Ongeldige waarde voor '--today': 31-02-2026: Die "
                                    "dag bestaat niet; typ bijv. 25-11-2026.")


# --- the catalogue cache -----------------------------------------------------------------


@pytest.mark.parametrize("damage", ['[]', '{"Date": 1}', '"Datum"', '{"terms": {"x": [1]}}',
                                    '{"Date": "Datum"', ''])
def test_a_damaged_catalogue_cache_is_parsed_again_and_replaced(tmp_path, damage):
    import tomllib

    from livinglab.i18n import read_catalogue

    source = tmp_path / "nl.toml"
    source.write_text('"Date" = "Datum"\n\n[terms.Role]\nchair = "voorzitter"\n')
    cache = tmp_path / "cache"
    first = read_catalogue(source, cache)
    [cached] = cache.iterdir()
    cached.write_text(damage)
    assert read_catalogue(source, cache) == first == tomllib.loads(source.read_text())
    assert json.loads(cached.read_text()) == first  # replaced by a whole one


def test_every_command_runs_past_a_damaged_cache(meeting_db, tmp_path):
    cache = tmp_path / "cache"
    code, _out, _err = livinglab("--lang", "nl", "--db", str(meeting_db), "sessions", "list",
                                 env={"XDG_CACHE_HOME": str(cache)})
    assert code == 0
    [cached] = (cache / "livinglab").glob("nl-*.json")
    cached.write_text('["geen", "catalogus"]')
    code, out, err = livinglab("--lang", "nl", "--db", str(meeting_db), "sessions", "list",
                               env={"XDG_CACHE_HOME": str(cache)})
    assert (code, err) == (0, "")
    assert out.split()[:3] == ["Datum", "Tijd", "Status"]
    assert isinstance(json.loads(cached.read_text()), dict)


# --- the database -------------------------------------------------------------------------


def damage(path, table):
    """Overwrite 64 bytes inside the root page of `table` (see test_cli_database)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page = conn.execute("select rootpage from sqlite_master where name = ?",
                            [table]).fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size + 8)
        f.write(b"\xff" * 64)


@pytest.mark.parametrize("command", [
    ("cases", "import", "CASE"), ("bundle", "import", "BUNDLE"),
    ("privacy", "names", "add", "Fatima Jansen"), ("purge", "--finished-before", "01-01-2030"),
], ids=lambda c: " ".join(c[:2]))
def test_a_damaged_database_is_said_before_anything_is_written(capsys, meeting_db, tmp_path,
                                                              command):
    case = tmp_path / "twee-bazen.md"
    case.write_text(CASE)
    bundle = tmp_path / "team.json"
    assert run(capsys, "--db", str(meeting_db), "bundle", "export", "-o", str(bundle))[0] == 0
    damage(meeting_db, "sessions")  # a table none of these commands writes to first
    before = sha256(meeting_db)
    args = [{"CASE": str(case), "BUNDLE": str(bundle)}.get(a, a) for a in command]
    code, out, err = run(capsys, "--db", str(meeting_db), *args)
    assert (code, out) == (1, "")
    assert err == (f'livinglab: {meeting_db} is damaged: restore a backup, or rescue what is '
                   f'left with sqlite3 {meeting_db} ".recover" | sqlite3 rescued.db\n')
    assert sha256(meeting_db) == before


@pytest.mark.parametrize("command", [
    ("sessions", "list"), ("cases", "list"), ("search", "fraude"), ("export", "latest"),
    ("actions",), ("lessons",), ("privacy", "names", "list"),
    ("privacy", "names", "add", "Fatima Jansen"), ("purge", "--finished-before", "01-01-2030"),
], ids=" ".join)
def test_a_missing_database_is_said_not_created(capsys, tmp_path, command):
    db = tmp_path / "typo" / "livinglab.db"
    code, out, err = run(capsys, "--db", str(db), *command)
    assert (code, out) == (1, "")
    assert err == (f"livinglab: there is no livinglab database at {db}; check --db, or open "
                   "livinglab once to create it\n")
    assert not (tmp_path / "typo").exists()


def test_an_import_into_a_missing_folder_says_so(capsys, tmp_path):
    (tmp_path / "twee-bazen.md").write_text(CASE)
    db = tmp_path / "typo" / "livinglab.db"
    code, _out, err = run(capsys, "--lang", "nl", "--db", str(db), "cases", "import",
                          str(tmp_path / "twee-bazen.md"))
    assert code == 1
    assert err == (f"livinglab: kan geen database maken in {db.parent}: die map bestaat "
                   "niet\n")
    assert not db.parent.exists()


def deny_writes(monkeypatch, *paths):
    """As root, file modes do not stop writes: have the store see them as a user would."""
    if AS_ROOT:
        denied = {str(p) for p in paths}
        monkeypatch.setattr("livinglab.storage.store._writable", lambda p: str(p) not in denied)


@pytest.mark.parametrize("command", [
    ("privacy", "names", "add", "Fatima Jansen"),
    ("purge", "--finished-before", "01-01-2030", "--yes"),
    ("privacy", "person", "Anouk Visser", "--erase", "--yes"),
], ids=lambda c: " ".join(c[:3]))
def test_every_writing_command_on_a_read_only_database_is_one_line(capsys, meeting_db,
                                                                   monkeypatch, command):
    from livinglab.privacy.retention import plan_purge

    session_id = the_meeting(meeting_db)
    with Store(meeting_db) as store:  # a meeting to purge: finished long ago
        session = store.get(Session, session_id)
        store.save(session.model_copy(update={"status": SessionStatus.FINISHED,
                                               "date": dt.date(2026, 1, 5)}))
        assert plan_purge(store, dt.date(2030, 1, 1)).sessions
    meeting_db.chmod(0o400)
    deny_writes(monkeypatch, meeting_db)
    before = sha256(meeting_db)
    code, _out, err = run(capsys, "--db", str(meeting_db), *command)
    assert code == 1
    assert err.splitlines()[-1] == f"livinglab: {meeting_db} is read-only"
    assert sha256(meeting_db) == before


def test_a_writing_command_behind_a_lock_says_try_again(capsys, meeting_db, monkeypatch):
    monkeypatch.setattr("livinglab.storage.store.BUSY_TIMEOUT_MS", 100)  # the real wait is seconds
    other = sqlite3.connect(meeting_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code, out, err = run(capsys, "--db", str(meeting_db), "privacy", "names", "add",
                             "Fatima Jansen")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert (code, out) == (1, "")
    assert err == f"livinglab: {meeting_db} is locked by another program; try again\n"


# --- names, options and answers ------------------------------------------------------------


@pytest.mark.parametrize("command, name, endings", [
    (("export", "latest"), "notulen.pdf", ".md, .markdown, .txt, .docx, .html, .htm, or "
                                          "choose the format with --format"),
    (("bundle", "export"), "team.md", ".json"),
    (("backup",), "kopie.zip", ".db, .sqlite, .sqlite3"),
    (("publish",), "archief.html", ".db, .sqlite, .sqlite3"),
], ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_an_output_name_that_says_another_format_is_refused(capsys, meeting_db, tmp_path,
                                                            command, name, endings):
    target = tmp_path / name
    code, out, err = run(capsys, "--db", str(meeting_db), *command, "-o", str(target))
    assert (code, out) == (1, "")
    assert err == f"livinglab: {target}: give the file name one of the endings {endings}\n"
    assert not target.exists()


def shout(path, markdown):
    """A writer of a format a test adds: the minutes in capitals."""
    path.write_text(markdown.upper())


def test_a_format_added_to_the_registry_is_chosen_by_flag_and_by_name(capsys, meeting_db,
                                                                       tmp_path, monkeypatch):
    from livinglab.minutes import formats

    added = formats.MinutesFormat("shout", "Shout", (".shout",), "test_cli_files:shout",
                                  stdout=False)
    monkeypatch.setitem(formats.FORMATS, "shout", added)
    by_name = tmp_path / "notulen.shout"
    code, _out, err = run(capsys, "--db", str(meeting_db), "export", "latest", "-o", str(by_name))
    assert code == 0, err
    assert by_name.read_text().startswith("# MINUTES: ")
    code, _out, err = run(capsys, "--db", str(meeting_db), "export", "latest", "--format",
                          "shout")
    assert code == 2 and "--format shout needs a file: add -o FILE.shout" in err
    code, out, _err = run(capsys, "--db", str(meeting_db), "export", "--help")
    assert "shout (Shout)" in out
    formats.write_minutes_file(tmp_path / "app.shout", "# x\n")  # the app's way: by the name
    assert (tmp_path / "app.shout").read_text() == "# X\n"


def test_export_format_chooses_where_the_name_does_not(capsys, meeting_db, tmp_path):
    target = tmp_path / "notulen.txt"
    code, _out, err = run(capsys, "--db", str(meeting_db), "export", the_meeting(meeting_db),
                          "-o", str(target))
    assert code == 0 and target.read_text().startswith("# ")
    word = tmp_path / "notulen.doc"
    code, _out, err = run(capsys, "--db", str(meeting_db), "export", the_meeting(meeting_db),
                          "--format", "docx", "-o", str(word))
    assert code == 0 and word.read_bytes()[:2] == b"PK"  # a Word file is a zip
    markdown = tmp_path / "notulen.docx"
    code, out, err = run(capsys, "--db", str(meeting_db), "export", the_meeting(meeting_db),
                         "--format", "md", "-o", str(markdown))
    assert (code, out) == (1, "")
    assert err == f"livinglab: {markdown}: the name says docx, --format says md\n"
    assert not markdown.exists()


def test_privacy_check_reads_a_device_up_to_the_cap(capsys, meeting_db):
    code, out, err = run(capsys, "--db", str(meeting_db), "privacy", "check", "/dev/zero")
    assert (code, out) == (1, "")
    assert err == "livinglab: /dev/zero: larger than 16 MB, the most livinglab reads from one file\n"


@pytest.mark.parametrize("args", [["--methods", "/no/such/folder"],
                                  ["--methods", "/no/such/folder", "methods", "list"]])
def test_a_missing_methods_folder_is_an_error(capsys, args):
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == ("Error: Invalid value for '--methods': Directory "
                                    "'/no/such/folder' does not exist.")


@pytest.mark.parametrize("lang, answer, erased", [
    ("nl", "j\n", True), ("nl", "ja\n", True), ("nl", "JA\n", True), ("en", "y\n", True),
    ("nl", "n\n", False), ("nl", "nee\n", False), ("en", "no\n", False), ("nl", "\n", False),
    ("nl", "misschien\nja\n", True),
])
def test_a_question_takes_dutch_answers(capsys, meeting_db, monkeypatch, lang, answer, erased):
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    code, out, err = run(capsys, "--lang", lang, "--db", str(meeting_db), "privacy", "person",
                         "Anouk Visser", "--erase")
    assert code == (0 if erased else 1)
    assert ("[j/N]" if lang == "nl" else "[y/N]") in out
    if "misschien" in answer:
        assert "Antwoord j (ja) of n (nee)." in err
    with Store(meeting_db) as store:
        names = {person.name for person in meeting_queries.people(store)}
    assert ("Anouk Visser" not in names) == erased
