from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from livinglab.library.cases import example_cases, import_cases, load_case_folder, parse_case
from livinglab.models import CaseKind
from livinglab.problems import LoadProblem
from livinglab.storage.store import Store

CASES = Path(__file__).resolve().parents[1] / "cases"

GOOD = """---
title: Twee bazen
kind: dilemma
themes: Morele dilemma's
source: 003
---

Inleiding voor de groep.

## Situatie

Ineke werkt in twee teams.

- een lijst | met een pipe

## Voor de begeleider

Let op de structuur.
"""


from conftest import run_cli as run
from conftest import empty_db, examples
from livinglab.library import queries as case_queries


def test_every_example_case_loads_and_the_library_covers_every_kind():
    loaded = example_cases()
    assert loaded.problems == []
    kinds = Counter(case.kind for case in loaded.cases)
    assert len(loaded.cases) >= 12
    for kind in (CaseKind.SLOW_QUESTION, CaseKind.DILEMMA, CaseKind.TENSION):
        assert kinds[kind] >= 3
    assert kinds[CaseKind.CASE] >= 1
    for case in loaded.cases:
        assert case.source and case.source[:3] in {"000", "001", "002", "003", "004"}
        assert case.language == "nl" and case.themes and case.sections


def test_sections_are_kept_in_order_and_facilitator_notes_are_set_apart():
    case = parse_case(GOOD, "twee-bazen.md")
    assert case.slug == "twee-bazen"
    assert [s.title for s in case.sections] == ["", "Situatie"]
    assert case.sections[1].body == "Ineke werkt in twee teams.\n\n- een lijst | met een pipe"
    assert case.facilitator_notes == "Let op de structuur."
    assert case.themes == ["Morele dilemma's"] and case.source == "3"
    assert "Let op" not in case.body_text


def test_the_front_matter_id_wins_over_the_file_name():
    case = parse_case(GOOD.replace("kind: dilemma", "kind: dilemma\nid: vaste-id"), "x.md")
    assert case.slug == "vaste-id"


@pytest.mark.parametrize("text, line, message", [
    ("## Situatie\n\nTekst\n", 1, "missing front matter"),
    ("---\ntitle: x\nkind: dilemma\nthemes: [a\n---\n\nTekst\n", 4, "broken front matter"),
    ("---\ntitle: x\nkind: raadsel\n---\n\nTekst\n", 3, "unknown kind 'raadsel'"),
    ("---\nkind: dilemma\n---\n\nTekst\n", 2, "the field 'title' is missing"),
    ("---\ntitle: x\nkind: dilemma\n---\n\n", 5, "the case has no text"),
    ("---\ntitle: x\nkind: dilemma\ncolour: red\n---\n\nTekst\n", 4, "unknown field 'colour'"),
    ("---\n- a\n- b\n---\n\nTekst\n", 1, "key: value"),
])
def test_errors_name_the_file_and_line(text, line, message):
    with pytest.raises(LoadProblem) as caught:
        parse_case(text, "cases/kapot.md")
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"cases/kapot.md:{line}: ")


def test_a_broken_file_is_reported_and_the_rest_of_the_folder_loads(tmp_path):
    (tmp_path / "goed.md").write_text(GOOD)
    (tmp_path / "kapot.md").write_text("geen front matter\n")
    (tmp_path / "binair.md").write_bytes(b"\xff\xfe\x00")
    loaded = load_case_folder(tmp_path)
    assert [c.slug for c in loaded.cases] == ["goed"]
    assert sorted(Path(str(p.path)).name for p in loaded.problems) == ["binair.md", "kapot.md"]


def test_import_adds_then_updates_by_stable_id(store, tmp_path):
    (tmp_path / "twee-bazen.md").write_text(GOOD)
    report = import_cases(store, load_case_folder(tmp_path))
    assert [c.slug for c in report.added] == ["twee-bazen"] and report.updated == []
    (tmp_path / "twee-bazen.md").write_text(GOOD.replace("title: Twee bazen", "title: Drie bazen"))
    report = import_cases(store, load_case_folder(tmp_path))
    assert [c.slug for c in report.updated] == ["twee-bazen"]
    assert case_queries.case(store, "twee-bazen").title == "Drie bazen"


def test_first_start_fills_the_database_with_the_examples(capsys, tmp_path):
    from livinglab.launch import Config

    config = Config(tmp_path / "x.db")
    config.store(create=True)  # as the app opens it
    config.close()
    code, out, _err = run(capsys, "--db", str(tmp_path / "x.db"), "cases", "list")
    assert code == 0
    assert "fraude-in-vertrouwen" in out and "Eigen kracht en zorgplicht" in out
    assert len(out.strip().splitlines()) == 2 + len(example_cases().cases)


def test_cases_import_cli_reports_problems_and_counts(capsys, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "twee-bazen.md").write_text(GOOD)
    (folder / "kapot.md").write_text("---\ntitle: x\nkind: raadsel\n---\n\nTekst\n")
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "cases", "import", str(folder))
    assert code == 0
    assert out.strip().splitlines()[-1] == "1 added, 0 updated, 1 with problems"
    assert f"{folder / 'kapot.md'}:3: unknown kind 'raadsel'" in err
    code, out, _err = run(capsys, "--db", str(tmp_path / "x.db"), "cases", "show", "twee-bazen")
    assert code == 0 and "## Situatie" in out and "Let op de structuur" not in out


def test_cases_show_unknown_id_is_one_line_and_exit_1(capsys, tmp_path):
    empty_db(tmp_path / "x.db")
    code, _out, err = run(capsys, "--db", str(tmp_path / "x.db"), "cases", "show", "nope")
    assert code == 1 and err == "livinglab: no case with id nope\n"


def test_methods_cli_lists_and_shows(capsys, tmp_path):
    code, out, _err = run(capsys, "--lang", "nl", "methods", "list")
    assert code == 0 and "Moreel beraad: de dilemmamethode" in out
    code, out, _err = run(capsys, "--lang", "en", "methods", "show", "dilemma")
    assert code == 0
    assert "3. The moral question and the dilemma (10 min)" in out
    assert "   - Which harm follows" not in out and "What harm follows if you choose A" in out
    code, _out, err = run(capsys, "methods", "show", "nope")
    assert code == 1 and err == "livinglab: no method with id nope\n"


front_keys = st.sampled_from(["title", "kind", "themes", "id", "team", "source", "colour", ""])
front_values = st.one_of(st.text(max_size=15), st.sampled_from(
    ["dilemma", "[a, b", "{x: 1}", "- a", "2024-01-01", "!!python/object:os.system", "'", "|"]))


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.tuples(front_keys, front_values), max_size=5), st.text(max_size=80),
       st.booleans())
def test_generated_broken_case_files_give_the_domains_error(pairs, body, closed):
    front = "\n".join(f"{k}: {v}" for k, v in pairs)
    text = f"---\n{front}\n" + ("---\n" if closed else "") + body
    try:
        parse_case(text, "gen.md")
    except LoadProblem as problem:
        assert problem.message and problem.path == "gen.md"


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_any_text_gives_a_case_or_the_domains_error(text):
    try:
        parse_case(text, "any.md")
    except LoadProblem as problem:
        assert problem.message


# --- case files that cannot break the import -----------------------------------------

GOOD_BYTES = GOOD.encode()
NESTED = "[" * 5000 + "]" * 5000
# A "billion laughs" within the nesting limit: each line repeats the one before 100 times.
BOMB = "\n".join([f"l0: &l0 [{', '.join(['lol'] * 100)}]"]
                 + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 100)}]" for n in (1, 2)])
HUGE = GOOD_BYTES + b"Nog een regel tekst.\n" * 60_000

# (file name, bytes, line, what the message says)
BAD_FILES = [
    ("nul.md", GOOD_BYTES.replace(b"Ineke werkt", b"Ineke\x00 werkt"), 12, "NUL byte"),
    ("latin1.md", GOOD_BYTES.replace("Ineke".encode(), "Inéke".encode("latin-1")), 12,
     "byte 0xe9"),
    ("utf16.md", GOOD.encode("utf-16"), 1, "not UTF-8"),
    ("diep.md", f"---\ntitle: x\nkind: dilemma\nthemes: {NESTED}\n---\n\nTekst\n".encode(), 4,
     "nested deeper than 5 levels"),
    ("blok-diep.md", ("---\ntitle: x\nkind: dilemma\n"
                      + "".join("  " * n + f"k{n}:\n" for n in range(8))
                      + "---\n\nTekst\n").encode(), 9, "nested deeper than 5 levels"),
    ("groot.md", ("---\ntitle: x\nkind: dilemma\n" + "team: " + "x" * 70_000 + "\n"
                  + "---\n\nTekst\n").encode(), 4, "front matter is larger than 64 KiB"),
    ("bom.md", f"---\ntitle: x\nkind: dilemma\n{BOMB}\n---\n\nTekst\n".encode(), 6,
     "expands to more than 64 KiB"),
    ("lus.md", b"---\ntitle: x\nkind: dilemma\nthemes: &a [x, *a]\n---\n\nTekst\n", 4,
     "alias *a refers to a block it is part of"),
    # the line on which the 1,048,577th byte stands
    ("reus.md", HUGE, 1 + HUGE[:1024 * 1024].count(b"\n"), "file is larger than 1024 KiB"),
    ("getal.md", b"---\ntitle: x\nkind: dilemma\nsource: " + b"9" * 5000 + b"\n---\n\nTekst\n",
     1, "broken front matter"),
]


def test_a_byte_order_mark_is_accepted(tmp_path):
    case = parse_case("\ufeff" + GOOD, "bom.md")
    assert case.title == "Twee bazen"
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + GOOD_BYTES.replace(b"\n", b"\r\n"))
    loaded = load_case_folder(tmp_path)
    assert loaded.problems == [] and loaded.cases[0].title == "Twee bazen"
    assert loaded.cases[0].sections[1].body.startswith("Ineke werkt in twee teams.\n\n- ")


@pytest.mark.parametrize("name, data, line, message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_names_file_and_line_and_the_rest_of_the_folder_loads(
        tmp_path, name, data, line, message):
    (tmp_path / "goed.md").write_text(GOOD)
    (tmp_path / name).write_bytes(data)
    loaded = load_case_folder(tmp_path)
    assert [c.slug for c in loaded.cases] == ["goed"]
    [problem] = loaded.problems
    assert Path(problem.path).name == name and problem.line == line
    assert message in problem.message


@pytest.mark.parametrize("name, data, line, message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_cases_import_of_only_a_bad_file_says_one_line_and_leaves_the_database(
        capsys, tmp_path, name, data, line, message):
    import hashlib

    db = tmp_path / "x.db"
    with Store(empty_db(db)) as store:  # closed, so nothing waits in its write-ahead log
        import_cases(store, example_cases())
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / name).write_bytes(data)
    code, out, err = run(capsys, "--db", str(db), "cases", "import", str(folder))
    assert code == 1
    assert out.strip() == "0 added, 0 updated, 1 with problems"
    assert err.startswith(f"livinglab: {folder / name}:{line}: ") and message in err
    assert len(err.splitlines()) == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_parse_case_refuses_the_same_as_the_folder_loader():
    with pytest.raises(LoadProblem) as caught:
        parse_case("---\ntitle: x\nkind: dilemma\n---\n\nTe\x00kst\n", "nul.md")
    assert caught.value.line == 6 and "NUL byte" in caught.value.message
    with pytest.raises(LoadProblem) as caught:
        parse_case(f"---\ntitle: x\nkind: dilemma\nthemes: {NESTED}\n---\n\nTekst\n", "diep.md")
    assert caught.value.line == 4
    with pytest.raises(LoadProblem) as caught:
        parse_case(GOOD + "x" * (1024 * 1024), "reus.md")
    assert "larger than 1024 KiB" in caught.value.message


def test_nesting_and_aliases_within_the_limits_still_load():
    text = GOOD.replace("themes: Morele dilemma's", "themes: &t [Morele dilemma's, Regie]").replace(
        "source: 003", "source: *t")
    with pytest.raises(LoadProblem) as caught:  # source must be text: the alias itself is fine
        parse_case(text, "alias.md")
    assert caught.value.line == 5 and "source" in caught.value.message
    case = parse_case(GOOD.replace("themes: Morele dilemma's", "themes: &t [A, B]\nteam: &n N"),
                      "ok.md")
    assert case.themes == ["A", "B"] and case.team == "N"


def test_escapes_in_a_case_file_are_not_stored():
    text = GOOD.replace("title: Twee bazen", 'title: "Twee\\e[31m bazen\\u202e"').replace(
        "Ineke werkt", "Ineke\x1b]0;evil\x07 werkt\r")
    case = parse_case(text, "kleur.md")
    assert case.title == "Twee bazen"
    assert case.sections[1].body.startswith("Ineke werkt\n")

