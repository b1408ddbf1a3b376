"""Nothing identifying leaves in shareable minutes (Markdown and Word), the shareable
bundle or the regional archive (issue 24): a realistic meeting with an item of every kind
that leaked planted in every field (tests/leaky_meeting.py), one test per kind, and the
ordinary words and the region's own places that must stay."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile

import pytest

from livinglab.minutes import render_minutes, write_minutes_file
from livinglab.storage.store import Store

import leaky_meeting
from conftest import empty_db


def read_docx(path) -> str:
    """Every text of a Word file, its header and properties too."""
    with zipfile.ZipFile(path) as z:
        xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml)


def read_archive(path) -> str:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "select name from sqlite_master where type = 'table' and name not like '%_fts%'")]
        return json.dumps({t: conn.execute(f"select * from [{t}]").fetchall() for t in tables},
                          ensure_ascii=False)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, migrated_template):
    """What leaves the group, written once: shareable minutes (md, docx), the shareable
    bundle and the regional archive; and the group's full minutes to compare."""
    from livinglab.library.cases import example_cases, import_cases
    from livinglab.methods import load_methods
    from livinglab.sharing.bundles import bundle_json, export_bundle
    from livinglab.sharing.publish import publish

    folder = tmp_path_factory.mktemp("leaks")
    methods = load_methods()
    with Store(empty_db(folder / "team.db")) as store:
        import_cases(store, example_cases())
        session = leaky_meeting.build(store, methods)
        md = render_minutes(store, session.id, methods, shareable=True, lang="nl")
        write_minutes_file(folder / "deelbaar.docx", md, lang="nl")
        full = render_minutes(store, session.id, methods, lang="nl")
        bundle = bundle_json(export_bundle(store, shareable=True))
        report = publish(store, folder / "archief.db", folder / "metadata.json")
    return {"md": md, "docx": read_docx(folder / "deelbaar.docx"), "bundle": bundle,
            "archive": read_archive(folder / "archief.db"), "full": full, "report": report}


def survivors(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text,
                                          re.IGNORECASE)]


def test_the_full_minutes_hold_every_planted_item(outputs):
    missing = {kind: words for kind, words in leaky_meeting.PLANTED.items()
               if len(survivors(outputs["full"], words)) < len(words)}
    assert missing == {}


@pytest.mark.parametrize("where", ["md", "docx", "bundle", "archive"])
@pytest.mark.parametrize("kind", list(leaky_meeting.PLANTED))
def test_no_planted_item_leaves(outputs, kind, where):
    assert survivors(outputs[where], leaky_meeting.PLANTED[kind]) == []


@pytest.mark.parametrize("where", ["md", "docx"])
def test_ordinary_words_and_the_regions_places_stay_in_the_minutes(outputs, where):
    assert survivors(outputs[where], leaky_meeting.KEPT) == leaky_meeting.KEPT


def test_the_region_s_policy_talk_goes_to_the_archive_as_typed(outputs):
    assert leaky_meeting.POLICY_LESSON in outputs["archive"]
    assert leaky_meeting.POLICY_LESSON in outputs["bundle"]
    # What named someone was withheld whole, never half-cleaned.
    assert outputs["report"].withheld


def test_a_client_and_a_participant_of_one_surname_stay_two_people(outputs):
    md = outputs["md"]
    assert "Deelnemer vindt dat mevrouw \\[naam-" in md  # Peter Hoekstra, mevrouw Hoekstra
    client = re.search(r"Deelnemer vindt dat mevrouw \\\[(naam-\d+)\\\]", md).group(1)
    assert f"mevrouw \\[{client}\\] woont in" not in md  # (where she lives is replaced)
    assert md.count(f"\\[{client}\\]") >= 2  # the same client each time
    # "Rozendaals zoon" is the watched client's son: her placeholder, not a participant's.
    assert "Deelnemer's zoon" not in md and "Voorzitter's zoon" not in md


def test_verbs_after_meneer_stay_and_a_name_after_meneer_goes(outputs):
    md = outputs["md"]
    assert "Meneer houdt regie over zijn geld, zei Deelnemer." in md
    assert re.search(r"meneer \\\[naam-\d+\\\] praten", md)


def test_the_shareable_header_has_roles_only_and_the_footer_says_what_it_is(outputs):
    md = outputs["md"]
    assert "| Aanwezig | Voorzitter, Notulist, Deelnemer, Casusinbrenger |" in md
    assert "Locatie" not in md and "Disciplines" not in md
    footer = md.rstrip().splitlines()[-1]
    assert "Deelbare versie, bedoeld om buiten de groep te delen" in footer
    assert "alleen voor de groep" not in md
    assert "alleen voor de groep" in outputs["full"]  # the group's own minutes: confidential


def test_where_someone_lives_goes_even_in_the_region(outputs):
    # Anna Paulowna is in Hollands Kroon, the region: as where she moves to, it goes.
    assert "verhuist naar \\[woonplaats\\]" in outputs["md"]
    assert "woont in \\[woonplaats\\]" in outputs["md"]


def test_the_bundle_keeps_a_client_apart_from_a_participant_of_her_surname(outputs):
    bundle = json.loads(outputs["bundle"])
    why = bundle["precedents"][0]["why"]  # "Peter vindt dat mevrouw Hoekstra zelf ..."
    first, second = re.findall(r"\[naam-\d+\]", why)[:2]
    assert first != second, why


def test_opening_the_app_loads_no_lexicon(db_path):
    """The lexicon's lists (deduce's, when installed: tens of thousands of words) are read
    on the first scan that needs them, never on the way to the home screen."""
    import subprocess
    import sys

    code = ("import sys, livinglab.tui.app as app\n"
            "seen = []\n"
            "def opened(opener, db_path=None):\n"
            "    lex = sys.modules.get('livinglab.text.lexicon')\n"
            "    seen.append(('deduce' in sys.modules,\n"
            "                 bool(lex and lex.lexicon.cache_info().currsize)))\n"
            "app.run_app = opened\n"
            "from livinglab.cli import main\n"
            f"main(['--lang', 'en', '--db', {str(db_path)!r}])\n"
            "print(seen)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.splitlines()[-1] == "[(False, False)]"


def test_the_lexicon_reads_deduce_s_lists_only_when_it_is_installed(monkeypatch):
    from livinglab.text import lexicon

    monkeypatch.setenv("LIVINGLAB_LEXICON", "builtin")
    lexicon.lexicon.cache_clear()
    try:
        built_in = lexicon.lexicon()
        assert not built_in.deduce and "jannie" in built_in.first_names  # a nickname
        assert "alkmaar" in built_in.places and not built_in.surnames
    finally:
        lexicon.lexicon.cache_clear()
    monkeypatch.delenv("LIVINGLAB_LEXICON")
    try:
        import deduce  # noqa: F401
    except ImportError:
        assert not lexicon.lexicon().deduce
        return
    full = lexicon.lexicon()
    assert full.deduce and len(full.first_names) > 10_000 and len(full.surnames) > 5_000


def test_a_person_column_names_people_not_groups_or_roles():
    from livinglab.text.personal import person_cell_names

    assert person_cell_names("Jorne (zoon, 9)") == ["Jorne"]
    assert person_cell_names("Oma Jannie") == ["Jannie"]
    assert person_cell_names("Inwoners, ervaringsdeskundigen") == []
    # one of them too: a walker's "Inwoner en wijkteam" came out "[naam-1] en wijkteam"
    assert person_cell_names("Inwoner en wijkteam") == []
    assert person_cell_names("Bewoner") == [] and person_cell_names("Cliënt, ouders") == []
    assert person_cell_names("Leerplichtambtenaar") == []
    assert person_cell_names("Gemeente") == [] and person_cell_names("Teamleiders") == []


def test_a_name_found_by_its_context_is_found_elsewhere_only_as_written():
    from livinglab.text.personal import KnownNames, scan

    known = KnownNames(["Ilse Kramer"], cased=["Jorne", "Inwoners"])
    assert [f.text for f in scan("Jorne en ilse; jorne niet, inwoners ook niet.", known)] == [
        "Jorne", "ilse"]


FOUND = [
    ("Zoon Daan is 9, Noor is 6.", "Noor"),  # a walker's shareable minutes kept Noor
    ("Bram is twaalf jaar.", "Bram"),  # (text, what the scanner must find in it); made up
    ("ilse heeft zich afgemeld", "ilse"),  # a known person's first name, written small
    ("Wim opent de vergadering", "Wim"),  # a known Willem's short form
    ("Huisarts De Groot verwees", "De Groot"),
    ("Oma Jannie past op", "Jannie"),
    ("oma jannie past op", "jannie"),
    ("juf Tessel is ongerust", "Tessel"),
    ("De casus van Jorieke Plasman gaat naar het MDO", "Jorieke Plasman"),
    ("Anne-Fleur Kuipers belde", "Anne-Fleur Kuipers"),
    ("mevrouw jansen belt morgen terug", "mevrouw jansen"),  # a name, even in lower case
    ("Daan (9) slaapt slecht", "Daan"),
    ("Casusinbrenger vertelt: Joke Brouwer (38) drinkt", "Joke Brouwer"),  # "Joke" was left
    ("Zoon Daan (9) slaapt slecht", "Daan"),
    ("Ze woont op de Molenstr. 17", "Molenstr. 17"),
    ("mail p.devries at ziggo dot nl", "p.devries at ziggo dot nl"),
    ("bel nul zes een twee drie vier vijf zes zeven acht", "nul zes een twee drie vier vijf zes zeven acht"),
    ("Hij is geboren in juni 1979", "juni 1979"),
]
STAYS = [
    "Groep is 8 weken bezig.", "Stap is 3 van de methode.","Meneer houdt regie over zijn geld.", "Het gezin in armoede krijgt voorrang.",
         "Een gezin in de knel.", "Met Veilig Thuis is het afgesproken.", "Oma gaat naar huis.",
         "Zoon wil niet naar school.", "Wil thuis blijven, zegt hij.",
         "De gemeente Schagen kiest voor preventie.",
         # what a note asks to do with someone: no name after "meneer" (a student's find)
         "De meneer vragen wat hij zelf nodig heeft.", "Mevrouw bellen om te horen hoe het gaat."]


@pytest.mark.parametrize("text,found", FOUND)
def test_the_scanner_finds_a_name_where_a_name_stands(text, found):
    from livinglab.text.personal import scan

    assert found in [f.text for f in scan(text, ["Ilse Kramer", "Willem Brandsma"])]


@pytest.mark.parametrize("text", STAYS)
def test_ordinary_words_are_no_names(text):
    from livinglab.text.personal import scan

    assert scan(text, ["Ilse Kramer", "Willem Brandsma"], ["Schagen"]) == []


@pytest.fixture
def surnames_known(monkeypatch):
    """A lexicon that knows "Rozendaal" and "Bakker" as surnames (deduce's list knows
    them; the built-in lists know no surnames), whether deduce is installed or not."""
    from dataclasses import replace

    from livinglab.text import lexicon

    known = replace(lexicon.lexicon(), surnames=frozenset({"rozendaal", "bakker"}))
    monkeypatch.setattr(lexicon, "lexicon", lambda: known)


def test_a_known_surname_s_possessive_before_a_family_word_is_a_name(surnames_known):
    """"Rozendaals zoon" with no "mevrouw Rozendaal" anywhere: the lexicon knows the
    surname, and the "s" before a family word says whose son."""
    from livinglab.text.personal import Pseudonymiser, scan

    assert [f.text for f in scan("Rozendaals zoon voelt zich verraden.")] == ["Rozendaals"]
    shared = Pseudonymiser(region=["Schagen"])("Rozendaals zoon belde; Bakkers dochter ook.")
    assert shared == "[naam-1]'s zoon belde; [naam-2]'s dochter ook."
    # Not a surname, or no family word after it: it stays.
    assert scan("Vaders zoon belde.") == [] and scan("Rozendaals auto is weg.") == []
    assert scan("Jansens zoon belde.") == []  # (not in this lexicon)


def test_a_possessive_is_the_same_person_as_the_bare_surname_elsewhere(surnames_known):
    from livinglab.text.personal import Pseudonymiser

    shared = Pseudonymiser()("Mevrouw Rozendaal kwam niet. Rozendaals zoon wel.")
    assert shared == "Mevrouw [naam-1] kwam niet. [naam-1]'s zoon wel."


def test_a_short_name_s_one_formal_name_is_the_same_person():
    """Short -> formal where the lexicon gives the short form one formal name: a known
    "Kees Bakker" is "Cornelis" too. "Wim" may be Willem, Wilhelmus or Wilhelm: none."""
    from livinglab.text.personal import Pseudonymiser, scan

    assert [f.text for f in scan("Cornelis belde.", ["Kees Bakker"])] == ["Cornelis"]
    roles = {"Kees Bakker": "Voorzitter", "Daan Visser": "Notulist", "Wim de Jong": "Deelnemer"}
    shared = Pseudonymiser(role_of=roles)(
        "Cornelis opent. Daniël en Daniel schrijven. Willem belt Wim.")
    # (Cornelis ends in s: no possessive "Voorzitter's")
    assert shared == "Voorzitter opent. Notulist en Notulist schrijven. [naam-1] belt Deelnemer."
    assert Pseudonymiser(role_of={"Johannes Visser": "Voorzitter"})("Hans opent.") == (
        "Voorzitter opent.")


@pytest.mark.parametrize("known", [["Margreet Rozendaal"], ["Peter Rozendaal", "Margreet Rozendaal"]])
def test_a_watched_client_and_a_watched_participant_of_one_surname_stay_two_people(known):
    """"Mevrouw Rozendaal" (the watched client Margreet) beside the group's Peter
    Rozendaal, in a bundle (the group's people, no roles) and in minutes (roles): the
    client is one placeholder throughout, never the participant's."""
    from livinglab.text.personal import Pseudonymiser, surnames_apart

    text = ("Peter vindt dat mevrouw Rozendaal zelf moet kiezen. Rozendaal wil dat ook. "
            "Margreet belt. Peter Rozendaal belt terug.")
    people = ["Peter Rozendaal"]
    others = surnames_apart(text, known, people)
    assert Pseudonymiser(known, others=others, people=people)(text) == (
        "[naam-1] vindt dat mevrouw [naam-2] zelf moet kiezen. [naam-2] wil dat ook. "
        "[naam-2] belt. [naam-1] belt terug.")
    assert Pseudonymiser(known, {"Peter Rozendaal": "Deelnemer"}, others=others)(text) == (
        "Deelnemer vindt dat mevrouw [naam-1] zelf moet kiezen. [naam-1] wil dat ook. "
        "[naam-1] belt. Deelnemer belt terug.")


@pytest.mark.parametrize("text, gone", [
    ("Bij zwanenburg: eerst luisteren.", "zwanenburg"),
    ("Gesprek met zwanenburg gepland.", "zwanenburg"),
    ("Zie https://femkezwanenburg.nl/blog voor haar verhaal.", "femkezwanenburg"),
    ("Haar site www.zwanenburg-thuis.nl staat open.", "zwanenburg"),
])
def test_a_watched_surname_written_small_where_a_name_stands_and_a_web_address_go(text, gone):
    """Found when an erase read the files written before: a shareable export still held
    a watched client as "bij zwanenburg" and inside the address of her own web page. The
    address is the same person as the name."""
    from livinglab.text.personal import Pseudonymiser

    out = Pseudonymiser(["Femke Zwanenburg"], lang="nl")(text)
    assert gone not in out.lower() and "[naam-1]" in out, out


@pytest.mark.parametrize("text", [
    "De bakker op de hoek kent iedereen.", "Zie https://www.gemeente.nl/zorg voor het loket.",
    "bakker belde niet.",
])
def test_a_surname_that_is_a_word_stays_unless_a_name_stands_there(text):
    from livinglab.text.personal import Pseudonymiser

    assert Pseudonymiser(["Kees Bakker"], lang="nl")(text) == text


@pytest.mark.parametrize("text,place", [
    ("Ze woont met haar zoon (9) aan de Molenstraat 14 in Schagen.", "Schagen"),
    ("Nieuw adres: Kerkstraat 14, 1741 BK Schagen.", "Schagen"),
    ("Post naar Dorpsweg 3, 1791 CJ Den Burg.", "Den Burg"),
])
def test_the_place_after_a_clients_address_goes_even_when_it_is_the_region_s(text, place):
    """The region's municipalities stay in policy talk, not after a client's street (a
    privacy officer's find: "[adres] in Schagen" told where she lives)."""
    from livinglab.text.personal import PLACE, scan

    assert (PLACE, place) in [(f.kind, f.text) for f in scan(text, [], ["Schagen", "Texel"])]
