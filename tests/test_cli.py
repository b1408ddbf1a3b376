import datetime as dt
import stat

from livinglab.models import Group, Session
from livinglab.storage.store import Store


from conftest import run_cli as run
from conftest import empty_db


def test_sessions_list_on_a_new_database_prints_a_header_only(capsys, tmp_path):
    empty_db(tmp_path / "x.db")
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "sessions", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Date", "Time", "Status", "Group", "Title", "Id"]
    assert len(lines) == 2  # the header and its rule


def test_sessions_list_shows_meetings_in_dutch(capsys, tmp_path):
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        group = store.save(Group(name="Stuurgroep Kop"))
        store.save(Session(title="Tweemaandelijks overleg", group_id=group.id,
                                   date=dt.date(2026, 11, 2)))
    code, out, _err = run(capsys, "--db", str(path), "--lang", "nl", "sessions", "list")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["Datum", "Tijd", "Status"]
    assert "Tweemaandelijks overleg" in out and "gepland" in out


def test_a_file_that_is_not_a_database_gives_one_line_and_exit_1(capsys, tmp_path):
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n")
    code, out, err = run(capsys, "--db", str(passwd), "sessions", "list")
    assert code == 1
    assert out == ""
    assert err == f"livinglab: {passwd} is not a livinglab database\n"


CASE = """---
title: Twee bazen
kind: dilemma
---

## Situatie

Een thuiszorgmedewerker krijgt opdrachten van twee kanten.
"""


def test_livinglab_db_environment_variable_chooses_the_file(capsys, tmp_path, monkeypatch):
    path = tmp_path / "env.db"
    monkeypatch.setenv("LIVINGLAB_DB", str(path))
    (tmp_path / "twee-bazen.md").write_text(CASE)
    code, _out, _err = run(capsys, "cases", "import", str(tmp_path / "twee-bazen.md"))
    assert code == 0 and path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_default_database_lives_in_the_user_data_dir(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "twee-bazen.md").write_text(CASE)
    code, _out, _err = run(capsys, "cases", "import", str(tmp_path / "twee-bazen.md"))
    assert code == 0
    assert (tmp_path / "data" / "livinglab" / "livinglab.db").exists()


def test_usage_errors_exit_2(capsys, tmp_path):
    code, _out, err = run(capsys, "--db", str(tmp_path / "x.db"), "--lang", "fr")
    assert code == 2
    assert "--lang" in err


def test_help_follows_the_language(capsys):
    code, out, _err = run(capsys, "--lang", "nl", "--help")
    assert code == 0
    assert "Zonder opdracht opent livinglab de app." in out
