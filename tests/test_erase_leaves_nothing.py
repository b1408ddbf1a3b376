"""An erase leaves nothing of the person (issue 24): not in a title, an e-mail address,
a structured field, a draft, a method copy, a case copy or the search index, and not in
the bytes of the database file and its WAL; the built-in example cases stay as shipped,
and the files written before are listed for the user to delete."""

import datetime as dt
import re
import sqlite3

import pytest

from livinglab.library.cases import example_cases, import_cases
from livinglab.live.workshop import Workshop
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.models import (
    AgendaItem, AgendaKind, Case, CaseSection, Draft, Role, SlowQuestion, case_id_for, now,
)
from livinglab.storage.store import Store
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.privacy import queries as privacy_queries

from conftest import empty_db, fill_dilemma_review, plan_dilemma_meeting, run_cli

CLIENT = "Femke Zwanenburg"
PEOPLE = [("Anouk Visser", Role.CHAIR), ("Bram de Wit", Role.SECRETARY),
          ("Lotte Sanders", Role.CASE_OWNER), ("Yasmina El Idrissi", Role.PARTICIPANT)]


def build_planted_meeting(store, methods):
    """A meeting with the client's name in every place a name can be stored."""
    import_cases(store, example_cases())
    store.save(Case(id=case_id_for("zwanenburg"), slug="zwanenburg", title="Casus Zwanenburg",
                    kind="casus", sections=[CaseSection(
                        title="Situatie", body="Femke Zwanenburg woont alleen.")]))
    session = create_meeting(store, MeetingPlan(
        title="Overleg Zwanenburg", group_name="Wijkteam Havenkwartier", date="2026-11-25",
        start_time="9:30", location="Bij Femke thuis",
        participants=[PlannedParticipant(n, r) for n, r in PEOPLE],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Casus Femke Zwanenburg", AgendaKind.CASE_REVIEW,
                            case_id="fraude-in-vertrouwen", method_id="dilemma"),
                PlannedItem("Trage vraag", AgendaKind.CASE_REVIEW, case_id="kennis-die-blijft",
                            method_id="trage-vragen")]),
        methods)
    for name in (CLIENT, "Femke", "mevrouw Zwanenburg", "Ahmed Benali"):
        privacy_queries.add_watch_name(store, session.group_id, name)
    p = [x for x, _ in meeting_queries.participants(store, session.id)]
    w = Workshop(store, session.id, methods)
    w.start()
    w.set_notes("Yasmina belt Femke morgen. Anouk regelt de zaal. Yasmina en lotte ruimen op. "
                "Mail van femke.zwanenburg@example.nl doorgestuurd.")
    w.go_to_item(w.items[1].id)
    w.set_value("situation", "Mevrouw Zwanenburg mailt vanaf FZwanenburg1980@hotmail.com. "
                "Ze woont op de Kerkstraat 4a, BSN 1234.56.782.")
    w.set_value("dilemma", {
        "question": "Mogen we het dossier van F. Zwanenburg delen?", "a": "Delen met de bank",
        "a_harm": "Femke's vertrouwen is weg", "b": "Niet delen, eerst bellen",
        "b_harm": "Zwanenburgs schulden groeien"})
    w.set_value("choices", {
        p[3].id: {"choice": "B", "value": "Vertrouwen", "cannot": "Nu al melden",
                  "limit_harm": "Samen met Femke Zwanenburg en Anouk bellen",
                  "asks_of_me": "Geduld, ook met Bram"},
        p[0].id: {"choice": "A", "value": "Eerlijkheid", "limit_harm": "Uitleggen aan Femke"}})
    w.set_value("closing_round", {
        p[3].id: {"learned": "Dat Femke zelf wil beslissen",
                  "intention": "Femke volgende week bellen"},
        p[1].id: {"learned": "Luisteren", "intention": "Yasmina helpen met het verslag"}})
    w.set_value("conclusion", "FEMKE ZWANENBURG krijgt een vaste contactpersoon.")
    w.go_to_step([s.id for s in w.method.steps].index("conclusions"))
    w.add_decision("De casus van Femke Zwanenburg gaat naar het MDO")
    w.add_action("Zwanenburg bellen over de brief", "Yasmina", dt.date(2026, 12, 2))
    w.add_lesson("Bij zwanenburg: eerst luisteren (zie https://femkezwanenburg.nl/blog).")
    w.go_to_item(w.items[2].id)
    w.set_value("experiences", {
        p[3].id: {"experience": "Ik zag bij Femke hoe traag hulp op gang komt."},
        p[2].id: {"experience": "Bij mij duurde het ook lang."}})
    store.save(SlowQuestion(group_id=session.group_id, session_id=session.id,
                            question="Hoe helpen we mensen als Femke Zwanenburg sneller?"))
    store.save(Draft(key="action-dialog", session_id=session.id,
                     dialog_values={"what": "Femke Zwanenburg terugbellen"}, saved_at=now()))
    # A group's own copy of its method, with her name in it.
    item = store.get(AgendaItem, w.items[1].id)
    snapshot = dict(item.method_snapshot)
    snapshot["description"] = {"nl": "Aangepast voor Zwanenburg", "en": "For Zwanenburg"}
    store.save(item.model_copy(update={"method_snapshot": snapshot}))
    w.finish()
    return session


@pytest.fixture
def planted(tmp_path, methods):
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        session = build_planted_meeting(store, methods)
    return path, session


def disk_bytes(path):
    """The database as it lies on disk: the file, its WAL and shared memory."""
    data = path.read_bytes()
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            data += extra.read_bytes()
    return data.lower()


def test_the_planted_name_is_everywhere_before(planted):
    path, _session = planted
    with sqlite3.connect(path) as conn:
        holding = {table for (table,) in conn.execute(
            "select name from sqlite_master where type = 'table'")
            if any("zwanenburg" in str(v).lower() for row in conn.execute(f'select * from "{table}"')
                   for v in row)}
    assert {"sessions", "agenda_items", "entries", "decisions", "actions", "lessons",
            "slow_questions", "drafts", "method_copies", "cases", "watch_names",
            "search_docs", "precedents"} <= holding


def test_an_erase_leaves_nothing_of_the_name_on_disk(capsys, planted):
    path, session = planted
    shipped = {c.slug: c for c in example_cases().cases}["fraude-in-vertrouwen"]
    code, out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "privacy", "person",
                             "Zwanenburg", "--erase", "--yes")
    assert code == 0, err
    assert "Femke Zwanenburg is vervangen in" in out
    raw = disk_bytes(path)
    assert b"zwanenburg" not in raw and b"femke" not in raw
    with Store(path) as store:
        assert store.search("Zwanenburg") == [] and store.search("Femke") == []
        assert store.query("select count(*) from search_docs where lower(text) like "
                           "'%zwanenburg%' or lower(label) like '%zwanenburg%'") == [(0,)]
        assert store.search("vaste contactpersoon")  # the index was rebuilt, not emptied
        items = meeting_queries.agenda(store, session.id)
        assert items[1].title == "Casus [naam]"
        assert items[1].method_snapshot["description"]["nl"] == "Aangepast voor [naam]"
        assert meeting_queries.decisions(store, session.id)[0].text == (
            "De casus van [naam] gaat naar het MDO")
        entries = meeting_queries.entries(store, items[1].id)
        assert entries["situation"] == (  # her title goes too, and her identifiers
            "[naam] mailt vanaf [e-mail]. Ze woont op de [adres], BSN [BSN].")
        choices = list(entries["choices"].values())
        assert choices[0]["limit_harm"] == "Samen met [naam] en Anouk bellen"  # others stay
        assert "[e-mail]" in items[0].notes and "Anouk regelt de zaal" in items[0].notes
        assert privacy_queries.watch_names(store, session.group_id) == ["Ahmed Benali"]
        # The example case the review used is as shipped; the group's own case is not.
        example = case_queries.case(store, "fraude-in-vertrouwen")
        assert (example.title, example.sections) == (shipped.title, shipped.sections)
        own = store.get(Case, case_id_for("zwanenburg"))
        assert (own.slug, own.title, own.sections[0].body) == (
            "naam", "Casus [naam]", "[naam] woont alleen.")
        assert [i.intention for i in memory_queries.intentions(store, session_id=session.id)
                if "bellen" in i.intention] == ["[naam] volgende week bellen"]


def test_an_erase_of_a_first_name_keeps_the_example_case_that_shares_it(capsys, tmp_path,
                                                                       methods, clock):
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        session = plan_dilemma_meeting(store, methods)
        w = Workshop(store, session.id, methods, clock=clock)
        fill_dilemma_review(w, clock)
        w.finish()
    shipped = {c.slug: c for c in example_cases().cases}["fraude-in-vertrouwen"]
    assert "Sander" in shipped.body_text
    code, out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "privacy", "person",
                             "Sander", "--erase", "--yes")
    assert code == 0, err
    assert "Sander Kok is vervangen in" in out
    assert "fraude-in-vertrouwen" in out  # said to be left as shipped
    with Store(path) as store:
        example = case_queries.case(store, "fraude-in-vertrouwen")
        assert example.model_dump(exclude={"updated_at"}) == shipped.model_dump(
            exclude={"updated_at"})
        assert not [v for v in meeting_queries.entries_of_session(store, session.id).values()
                    if "Sander" in str(v)]
        assert "Sander" in str([h.snippet for h in store.search("Sander")])  # the case's
        assert {h.kind for h in store.search("Sander")} == {"case"}


# --- the files this program wrote ----------------------------------------------------------


def test_the_erase_lists_the_files_written_before_and_which_are_gone(capsys, planted,
                                                                      tmp_path):
    path, session = planted
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    written = {
        "md": out_dir / "notulen-zwanenburg.md", "docx": out_dir / "notulen.docx",
        "shareable": out_dir / "deelbaar.md", "bundle": out_dir / "bundel.json",
        "backup": out_dir / "kopie.db", "archive": out_dir / "archief.db",
        "person": out_dir / "inzage.json"}
    for args in (
            ("export", session.id, "-o", str(written["md"])),
            ("export", session.id, "-o", str(written["docx"])),
            ("export", session.id, "--shareable", "--pseudonymise", "-o",
             str(written["shareable"])),
            ("bundle", "export", "-o", str(written["bundle"])),
            ("backup", "-o", str(written["backup"])),
            ("publish", "-o", str(written["archive"])),
            ("privacy", "person", "Yasmina El Idrissi", "--export", str(written["person"]))):
        code, _out, err = run_cli(capsys, "--db", str(path), *args)
        assert code == 0, (args, err)
    with sqlite3.connect(path) as conn:  # paths, kinds and times: never what was in them
        assert [c[1] for c in conn.execute("pragma table_info(written_files)")] == [
            "id", "path", "kind", "written_at"]
        kinds = dict(conn.execute("select path, kind from written_files"))
    assert kinds == {
        str(written["md"]): "minutes", str(written["docx"]): "minutes",
        str(written["shareable"]): "shareable-minutes", str(written["bundle"]): "bundle",
        str(written["backup"]): "backup", str(written["archive"]): "archive",
        str(written["person"]): "person-export"}
    written["docx"].unlink()
    code, out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "privacy", "person",
                             CLIENT, "--erase", "--yes")
    assert code == 0, err
    listed = out[out.index("Bestanden die dit programma eerder schreef of las kunnen Femke Zwanenburg"):]
    lines = {str(p): next(line for line in listed.splitlines() if str(p) in line)
             for p in written.values()}
    assert "notulen" in lines[str(written["md"])] and "reservekopie" in lines[str(written["backup"])]
    assert "gepubliceerd archief" in lines[str(written["archive"])]
    assert [p for p, line in lines.items() if "verwijderd" in line] == [str(written["docx"])]
    # Which of them still hold the name, read from the files (the docx's text from inside).
    holding = {p for p, line in lines.items() if "bevat de naam" in line}
    assert holding == {str(written[k]) for k in ("md", "bundle", "backup")}, listed
    # (This check found "bij zwanenburg" and her web address in the shareable two.)
    assert all("naam niet gevonden" in lines[str(written[k])]
               for k in ("shareable", "archive", "person"))
    assert all(dt.date.today().isoformat() in line for line in lines.values())
    # A name in a file's name does not stay behind in the log.
    assert b"zwanenburg" not in disk_bytes(path)
    with sqlite3.connect(path) as conn:
        assert str(out_dir / "notulen-[naam].md") in {p for (p,) in conn.execute(
            "select path from written_files")}


def test_a_restore_logs_the_copy_it_keeps_aside_in_the_restored_database(capsys, planted,
                                                                          tmp_path):
    path, session = planted
    backup = tmp_path / "kopie.db"
    assert run_cli(capsys, "--db", str(path), "backup", "-o", str(backup))[0] == 0
    minutes = tmp_path / "notulen.md"  # written after the backup: the restore keeps its row
    assert run_cli(capsys, "--db", str(path), "export", session.id, "-o", str(minutes))[0] == 0
    code, out, err = run_cli(capsys, "--db", str(path), "restore", str(backup), "--yes")
    assert code == 0, err
    kept = next(tmp_path.glob("x.before-restore-*.db"))
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "person", CLIENT,
                             "--erase", "--yes")
    assert code == 0, err
    assert next(line for line in out.splitlines() if str(kept) in line).split()[2:6] == [
        "copy", "kept", "by", "a"]
    assert next(line for line in out.splitlines() if str(minutes) in line).split()[2] == (
        "minutes")
    assert sum(str(backup) in line for line in out.splitlines()) == 1


def test_the_written_files_migration_works_on_an_older_database(tmp_path):
    from livinglab.storage.schema import MIGRATIONS, SCHEMA_VERSION, _migrate_written_files
    from livinglab.storage.written import written_files

    path = tmp_path / "old.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("drop table written_files")
        conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_written_files)}")
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert written_files(store) == []


def test_a_backup_of_an_older_database_is_logged_without_migrating_it(capsys, tmp_path):
    """A backup never migrates the file; the log's table is made as the migration makes
    it, so the migration that follows finds it there."""
    from livinglab.storage.schema import MIGRATIONS, SCHEMA_VERSION, _migrate_written_files
    from livinglab.storage.written import written_files

    path = tmp_path / "old.db"
    Store(path).close()
    old = MIGRATIONS.index(_migrate_written_files)
    with sqlite3.connect(path) as conn:
        conn.execute("drop table written_files")
        conn.execute(f"PRAGMA user_version = {old}")
    code, _out, err = run_cli(capsys, "--db", str(path), "backup", "-o", str(tmp_path / "b.db"))
    assert code == 0, err
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (old,)
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [(f.path, f.kind) for f in written_files(store)] == [
            (str(tmp_path / "b.db"), "backup")]


# --- a demo database -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from livinglab.demo.history import make_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    make_demo(path, dt.date(2026, 11, 25))
    return path


def test_an_erase_on_a_demo_database_leaves_nothing(capsys, demo_db, tmp_path):
    import shutil

    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    with Store(path) as store:
        people = [p.name for p in meeting_queries.people(store)]
    person = next(name for name in people if name.startswith("Sander"))
    surname = person.split()[-1].lower().encode()
    assert surname in disk_bytes(path)
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "person", person,
                             "--erase", "--yes")
    assert code == 0, err
    assert f"{person} was replaced in" in out
    assert person.lower().encode() not in disk_bytes(path)
    assert not re.search(rb"(?<![a-z])" + surname + rb"(?![a-z])", disk_bytes(path))
    with Store(path) as store:
        assert store.search(person.split()[-1]) == []
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_shipped_method_copy_is_left_when_a_surname_is_one_of_its_words(capsys, tmp_path,
                                                                         methods):
    """Decided by origin: 'Moreel' is a surname here and a word of the dilemma method."""
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        session = create_meeting(store, MeetingPlan(
            title="Moreel beraad", group_name="Wijkteam Havenkwartier", date="2026-11-25",
            participants=[PlannedParticipant("Anouk Visser", Role.CHAIR),
                          PlannedParticipant("Mia Moreel", Role.PARTICIPANT)],
            agenda=[PlannedItem("Opening"), PlannedItem(
                "Casusbespreking", AgendaKind.CASE_REVIEW, case_id="fraude-in-vertrouwen",
                method_id="dilemma")]), methods)
        w = Workshop(store, session.id, methods)
        w.start()
        w.go_to_item(w.items[1].id)
        w.set_value("dialogue", "Mia Moreel twijfelt nog.")
        w.finish()
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "Mia Moreel",
                              "--erase", "--yes")
    assert code == 0, err
    with Store(path) as store:
        item = meeting_queries.agenda(store, session.id)[1]
        assert item.method_snapshot == methods.get("dilemma").model_dump(mode="json")
        assert meeting_queries.entries(store, item.id)["dialogue"] == "[name] twijfelt nog."
        # The sweep takes the surname wherever it stands: a word lost rather than a name left.
        assert store.get(type(session), session.id).title == "[name] beraad"


def test_an_erase_says_so_when_another_window_keeps_the_wal(capsys, planted):
    path, _session = planted
    reader = sqlite3.connect(path)
    reader.execute("begin")
    reader.execute("select count(*) from sessions").fetchone()  # a snapshot held open
    try:
        code, out, err = run_cli(capsys, "--db", str(path), "privacy", "person", CLIENT,
                                 "--erase", "--yes")
    finally:
        reader.rollback()
        reader.close()
    assert code == 0, err
    assert "could not be emptied: close it and erase again" in err
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "Ahmed Benali",
                             "--erase", "--yes")
    assert code == 0 and "could not be emptied" not in err
    assert b"zwanenburg" not in disk_bytes(path)


def test_a_name_on_no_watch_list_is_erased_when_the_texts_name_it(capsys, tmp_path, methods):
    """A family asks that a client's name go; the secretary never put it on a watch list.
    `privacy person NAME --erase` said the database knew no one of that name, though
    search found it in eleven places (a walker's find): a name the texts hold is erased
    all the same, and one they do not hold is still refused."""
    from conftest import plan_dilemma_meeting

    path = empty_db(tmp_path / "w.db")
    with Store(path) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        session = plan_dilemma_meeting(store, methods)
        [item, *_rest] = meeting_queries.agenda(store, session.id)
        store.save(item.model_copy(update={
            "notes": "Rachida Ouali belde vanochtend; mevrouw Ouali wil een gesprek."}))
    assert b"ouali" in disk_bytes(path)
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "Rachida Ouali",
                             "--erase", "--yes")
    assert code == 0, err
    assert "Rachida Ouali is no participant and on no watch list" in err
    assert "Rachida Ouali was replaced in 1 texts" in out
    assert b"ouali" not in disk_bytes(path)
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "Nergens Genoemd",
                             "--erase", "--yes")
    assert code == 1 and "knows no one called Nergens Genoemd" in err


def test_an_erase_names_the_case_file_it_was_imported_from_and_the_surname_it_keeps(
        capsys, tmp_path, methods):
    """A team's own case file, read by `cases import`, holds the client as written: the
    erase lists it with the files written before. Her surname stays where it stands alone
    when her son's name, on the watch list, holds it too, and the erase says so (a privacy
    officer found both kept in silence)."""
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        plan_dilemma_meeting(store, methods)  # the group whose watch list it is
    folder = tmp_path / "casussen"
    folder.mkdir()
    (folder / "brouwer.md").write_text(
        "---\ntitle: Moeder vraagt geheimhouding\nkind: dilemma\n---\n\n## Situatie\n\n"
        "Joke Brouwer woont met haar zoon Daan Brouwer (9) in de wijk.\n", encoding="utf-8")
    run = lambda *args: run_cli(capsys, "--db", str(path), "--lang", "nl", *args)  # noqa: E731
    code, out, err = run("cases", "import", str(folder))
    assert code == 0, err
    for name in ("Joke Brouwer", "Daan Brouwer"):
        assert run("privacy", "names", "add", name)[0] == 0
    code, out, err = run("privacy", "person", "Joke Brouwer", "--erase", "--yes")
    assert code == 0, err
    said = " ".join(out.split())
    assert "casusbestand dat je importeerde bevat de naam" in said
    assert str(folder / "brouwer.md") in out
    assert ('"Brouwer" blijft staan waar het alleen staat: het hoort ook bij de naam van '
            "Daan Brouwer") in said
    with Store(path) as store:
        case = case_queries.case(store, "brouwer")
        assert "Joke" not in case.body_text and "[naam] woont met haar zoon Daan Brouwer" \
            in case.body_text
