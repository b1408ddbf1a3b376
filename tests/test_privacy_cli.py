"""The privacy commands: the watch list, checks, exports that refuse to leak."""

import stat

import pytest

from livinglab.library.cases import example_cases, import_cases
from livinglab.models import Group
from livinglab.storage.store import Store

from conftest import run_cli, empty_db
from test_privacy_minutes import build_acceptance_meeting, first_line_naming_the_client, leaks
from livinglab.privacy import queries as privacy_queries


@pytest.fixture
def db(tmp_path, methods):
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        session = build_acceptance_meeting(store, methods)
    return path, session


def test_the_watch_list_is_kept_per_group(capsys, db):
    path, _session = db
    run = lambda *args: run_cli(capsys, "--db", str(path), "privacy", "names", *args)  # noqa: E731
    code, out, _err = run("add", "Kees Pinas", "Ahmed Benali")
    assert code == 0 and "1 added" in out  # Ahmed Benali was there already
    code, out, _err = run("list")
    assert out.splitlines() == ["Ahmed Benali", "Fatima Jansen", "Kees Pinas"]
    assert run("remove", "kees pinas")[0] == 0
    assert run("list")[1].splitlines() == ["Ahmed Benali", "Fatima Jansen"]
    code, _out, err = run("remove", "Nobody")
    assert code == 1 and err == "livinglab: not on the watch list of Wijkteam Havenkwartier: Nobody\n"
    with Store(path) as store:
        other = store.save(Group(name="Wijkteam Noord"))
    code, _out, err = run("list")
    assert code == 2 and "--group" in err
    assert run("add", "Piet Groen", "--group", "wijkteam noord")[0] == 0
    assert run("list", "--group", "Wijkteam Noord")[1] == "Piet Groen\n"
    assert "Piet Groen" not in run("list", "--group", "Wijkteam Havenkwartier")[1]
    code, _out, err = run("list", "--group", "Zuid")
    assert code == 1 and err.startswith("livinglab: no group called Zuid; the groups are: ")
    with Store(path) as store:
        assert privacy_queries.watch_names(store, other.id) == ["Piet Groen"]


def test_check_a_file_lists_findings_hidden_and_exits_1(capsys, db, tmp_path):
    path, _session = db
    notes = tmp_path / "notes.md"
    notes.write_text("Verslag\nBel (0223) 61 23 45 of mail a.benali@example.nl.\n"
                     "Ahmed komt morgen.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "check", str(notes))
    assert code == 1, err
    assert out.splitlines() == ["line 2: phone: (0***) 6* 2* 4*",
                                "line 2: e-mail: a.b*****@e******.n*",
                                "line 3: name: A****"]  # on the watch list
    notes.write_text("Niets bijzonders: dossier 123456789, 14 maart 2026.\n", encoding="utf-8")
    code, out, _err = run_cli(capsys, "--db", str(path), "privacy", "check", str(notes))
    assert (code, out) == (0, "No personal data found.\n")
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "check", "missing.md")
    assert code == 1 and err.startswith("livinglab: cannot read missing.md: ")


def test_check_a_session_lists_what_its_shareable_minutes_would_hold(capsys, db):
    path, session = db
    code, out, _err = run_cli(capsys, "--db", str(path), "--lang", "nl", "privacy", "check",
                              session.id[:8])
    assert code == 1
    lines = out.splitlines()
    assert len(lines) >= 30 and all(line.startswith("regel ") for line in lines)
    assert leaks(out) == []  # the report hides what it found
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "check", "nope")
    assert code == 1 and err == "livinglab: no meeting with id nope\n"
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_exported_shareable_with_pseudonymise_leaks_none(db, capsys, lang):
    path, session = db
    code, out, err = run_cli(capsys, "--db", str(path), "export", session.id,
                             "--shareable", "--pseudonymise", "--lang", lang)
    assert code == 0, err
    assert leaks(out) == [] and "Wijkteam Havenkwartier" in out



def test_a_shareable_export_with_personal_data_left_is_refused(capsys, db, tmp_path, methods):
    path, session = db
    with Store(path) as store:
        line = first_line_naming_the_client(store, session.id, methods)
    out_file = tmp_path / "deelbaar.md"
    code, out, err = run_cli(capsys, "--db", str(path), "export", session.id, "--shareable",
                             "-o", str(out_file))
    assert code == 1 and out == "" and not out_file.exists()
    assert err.splitlines()[0].startswith(f"line {line}: name: A****")  # Ahmed
    assert err.splitlines()[-1].startswith("livinglab: the shareable minutes hold personal data")
    assert leaks(err) == []
    code, _out, err = run_cli(capsys, "--db", str(path), "export", session.id, "--shareable",
                              "--pseudonymise", "-o", str(out_file))
    assert code == 0, err
    assert leaks(out_file.read_text("utf-8")) == []
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600


def test_allow_personal_data_exports_the_shareable_minutes_as_typed(capsys, db):
    path, session = db
    code, out, err = run_cli(capsys, "--db", str(path), "export", session.id, "--shareable",
                             "--allow-personal-data")
    assert code == 0, err
    assert "Kerkstraat 4a" in out and "mevrouw Jansen" in out  # kept on purpose
    assert "Dorpsstraat 12" not in out  # the location row: never in shareable minutes
    assert "Anouk" not in out and "Sanders" not in out  # the meeting's people: their role
    assert "kept on purpose" in out


@pytest.mark.parametrize("args", [["--pseudonymise"], ["--allow-personal-data"],
                                  ["--shareable", "--pseudonymise", "--allow-personal-data"]])
def test_the_privacy_flags_of_export_are_usage_errors_out_of_place(capsys, db, args):
    path, session = db
    code, out, _err = run_cli(capsys, "--db", str(path), "export", session.id, *args)
    assert code == 2 and out == ""


def test_full_minutes_get_a_notice_not_a_question(capsys, db, tmp_path):
    path, session = db
    code, _out, err = run_cli(capsys, "--db", str(path), "export", session.id,
                              "-o", str(tmp_path / "full.md"))
    assert code == 0 and "keep them within the group" in err
