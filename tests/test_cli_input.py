"""What the CLI does with hostile or broken input: one line, the right exit code, a clean terminal."""

import datetime as dt
import re

import pytest

from livinglab.models import Case, CaseKind, CaseSection, Group, Session
from livinglab.storage.store import Store, StoreError

from conftest import run_cli as run
from conftest import empty_db

ESC = "\x1b"
EVIL = [f"{ESC}[31m", f"{ESC}]0;evil\x07", "\u202e", ESC, "\x07", "\u202e"]

CASE = """---
title: "Rood\\e[31m alarm\\e]0;evil\\a \u202egnirts"
kind: dilemma
themes: ["Kleur\x1b[1m"]
---

## Situatie

Tekst met \x1b]0;evil\x07 een titel\u202e en \x1b[2J een gewist scherm.
"""


def assert_clean(text):
    for sequence in EVIL:
        assert sequence not in text


def test_escape_sequences_in_an_imported_case_never_reach_the_terminal(capsys, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "rood.md").write_text(CASE)
    db = str(tmp_path / "x.db")
    code, out, err = run(capsys, "--db", db, "cases", "import", str(folder))
    assert code == 0 and out.strip().splitlines()[-1] == "1 added, 0 updated, 0 with problems"
    code, out, err = run(capsys, "--db", db, "cases", "list")
    assert code == 0 and "Rood alarm gnirts" in out
    assert_clean(out + err)
    code, out, err = run(capsys, "--db", db, "cases", "show", "rood")
    assert code == 0 and "Tekst met  een titel en  een gewist scherm." in out
    assert_clean(out + err)


def test_escape_sequences_already_in_the_database_are_not_printed(capsys, tmp_path):
    """A database written by another program, or an older livinglab, is cleaned on the way out."""
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        store.save(Case(id="rood", slug="rood", title=f"Rood{ESC}[31m\u202e alarm",
                             kind=CaseKind.DILEMMA, themes=[f"Kleur{ESC}]0;evil\x07"],
                             sections=[CaseSection(title="Situatie", body=f"Tekst{ESC}[2J\x07")]))
        group = store.save(Group(name=f"Team{ESC}[5m"))
        store.save(Session(title=f"Overleg\u202e{ESC}]0;evil\x07\nmet een regel erbij",
                                   group_id=group.id, date=dt.date(2026, 11, 2)))
    for command in (["cases", "list"], ["cases", "show", "rood"], ["search", "rood"],
                    ["sessions", "list"]):
        code, out, err = run(capsys, "--db", str(path), *command)
        assert code == 0, command
        assert_clean(out + err)
    code, out, _err = run(capsys, "--db", str(path), "sessions", "list")
    assert len(out.splitlines()) == 3  # header, rule, one meeting on one line
    assert "Overleg met een regel erbij" in out and "Team" in out


def test_tables_show_cells_as_written_in_aligned_columns(capsys, tmp_path):
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        group = store.save(Group(name="1e3"))
        store.save(Session(title="007", group_id=group.id, date=dt.date(2026, 11, 2),
                                   start_time=dt.time(9, 30)))
    code, out, _err = run(capsys, "--db", str(path), "sessions", "list")
    header, rule, row = out.splitlines()
    assert row.split()[:5] == ["2026-11-02", "09:30", "planned", "1e3", "007"]  # 007 stays 007
    assert [len(dashes) for dashes in rule.split("  ")] == [10, 5, 7, 5, 5, 8]
    assert header.index("Group") == row.index("1e3") and header.index("Title") == row.index("007")


def test_methods_and_problems_from_user_files_are_printed_clean(capsys, tmp_path):
    from livinglab.methods import load_methods

    method = load_methods().get("dilemma").model_dump(mode="json")
    method["id"] = "eigen"
    method["name"] = {"nl": f"Eigen{ESC}[31m methode\u202e", "en": f"Own{ESC}]0;evil\x07"}
    folder = tmp_path / "methods"
    folder.mkdir()
    (folder / "eigen.toml").write_text(_as_toml(method))
    (folder / f"kapot{ESC}[31m.toml").write_text("id = \n")
    code, out, err = run(capsys, "--methods", str(folder), "--lang", "nl", "methods", "list")
    assert code == 0 and "Eigen methode" in out and "kapot.toml" in err
    assert_clean(out + err)
    code, out, err = run(capsys, "--methods", str(folder), "methods", "show", "eigen")
    assert code == 0 and out.startswith("Own (eigen,")
    assert_clean(out + err)


def _as_toml(value, prefix=""):
    """A small TOML writer for a method dict (tomllib only reads)."""
    import json

    lines, tables = [], []
    for key, item in value.items():
        if isinstance(item, dict):
            tables.append((key, item))
        elif isinstance(item, list) and item and isinstance(item[0], dict):
            tables.extend((key, entry, True) for entry in item)
        elif item is not None:
            lines.append(f"{key} = {json.dumps(item, ensure_ascii=True)}")
    for table in tables:
        name = f"{prefix}{table[0]}"
        lines.append(f"\n[[{name}]]" if len(table) == 3 else f"\n[{name}]")
        lines.append(_as_toml(table[1], f"{name}."))
    return "\n".join(lines)


def test_a_missing_methods_folder_is_a_usage_error(capsys, tmp_path):
    missing = tmp_path / "geen-map"
    code, out, err = run(capsys, "--methods", str(missing), "methods", "list")
    assert code == 2 and out == ""
    assert "Usage: livinglab" in err and f"'{missing}' does not exist" in err


def test_a_missing_user_methods_folder_is_normal(capsys, tmp_path):
    code, out, err = run(capsys, "methods", "list")
    assert code == 0 and err == "" and "dilemma" in out


def test_import_into_a_store_that_refuses_writes_is_one_line_and_exit_1(
        capsys, tmp_path, monkeypatch):
    db = tmp_path / "x.db"
    empty_db(db)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "rood.md").write_text(CASE)

    def read_only(self, model):
        raise StoreError(f"cannot write {db}: the file is read-only")

    monkeypatch.setattr(Store, "save", read_only)
    code, out, err = run(capsys, "--db", str(db), "cases", "import", str(folder))
    assert code == 1 and out == ""
    assert err == f"livinglab: cannot write {db}: the file is read-only\n"


def test_importing_nothing_does_not_create_a_database(capsys, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "kapot.md").write_text("geen front matter\n")
    db = tmp_path / "x.db"
    code, out, _err = run(capsys, "--db", str(db), "cases", "import", str(folder))
    assert code == 1 and out.strip() == "0 added, 0 updated, 1 with problems"
    assert not db.exists()


def test_click_speaks_dutch_when_the_interface_is_dutch(capsys):
    code, out, _err = run(capsys, "--lang", "nl", "--help")
    assert code == 0
    assert out.startswith("Gebruik: livinglab")
    assert "Opties:" in out and "Opdrachten:" in out
    assert "Toon deze hulp en stop." in out and "Toon de versie en stop." in out
    assert "Taal van de interface" in out  # our own option help, in Dutch too
    code, out, err = run(capsys, "--lang", "nl", "nonsense")
    assert code == 2 and out == ""
    assert err.splitlines()[-2:] == ["", "Fout: Onbekende opdracht 'nonsense'."]
    assert re.search(r"^Typ 'livinglab (-h|--help)' voor hulp\.$", err, re.M)  # -h before click 8.5
    code, _out, err = run(capsys, "--lang", "nl", "cases", "show")
    assert code == 2 and "Fout: Ontbrekend argument 'CASE_ID'." in err


def test_click_stays_english_when_the_interface_is_english(capsys, monkeypatch):
    run(capsys, "--lang", "nl", "--help")
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    code, _out, err = run(capsys, "--lang", "en", "nonsense")
    assert code == 2 and "Error: No such command 'nonsense'." in err
    code, out, _err = run(capsys, "--lang", "en", "--help")
    assert out.startswith("Usage: livinglab") and "Show this message and exit." in out
