"""A person's export (AVG right of access, issue 24): everything said by or about them,
their own answers in structured fields included, and nothing that names anyone else."""

import datetime as dt
import json
import re
import stat

import pytest

from livinglab.meeting import queries as meeting_queries
from livinglab.models import ActionEvent, ActionOutcome
from livinglab.storage.store import Store

from conftest import FakeClock, empty_db, run_cli
from test_erase_leaves_nothing import CLIENT, build_planted_meeting

# Everyone else the planted meeting names, and the client's e-mail addresses.
OTHERS = ["Femke", "Zwanenburg", "Anouk", "Visser", "Bram", "Lotte", "Sanders"]


@pytest.fixture
def exported(capsys, tmp_path, methods):
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        session = build_planted_meeting(store, methods)
        action = meeting_queries.actions(store, session_id=session.id)[0]
        store.save(ActionEvent(action_id=action.id, session_id=session.id,
                               outcome=ActionOutcome.REASSIGNED, owner="Anouk Visser",
                               reason="Femke belt liever met Anouk"))
    out = tmp_path / "yasmina.json"
    code, _out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "privacy", "person",
                              "Yasmina", "--export", str(out))
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "vermeldingen van Yasmina El Idrissi geschreven naar" in err
    return json.loads(out.read_text("utf-8")), session


def test_her_own_answers_in_structured_fields_are_in_it(exported):
    data, _session = exported
    assert data["person"] == "Yasmina El Idrissi"
    assert [(p["group"], p["role"], p["attendance"]) for p in data["participation"]] == [
        ("Wijkteam Havenkwartier", "deelnemer", "aanwezig")]
    own = {(o["item"], o["field"]): o["answers"] for o in data["own_words"]}
    choice = own[("Casus [naam-1]", "Ieders keuze, in vijf zinnen")]
    assert choice["Het juiste om te doen"] == "B: Niet delen, eerst bellen"  # the option, said
    assert choice["Vanwege de waarde"] == "Vertrouwen"
    assert choice["De schade beperk ik door"] == "Samen met [naam-1] en [naam-2] bellen"
    assert own[("Casus [naam-1]", "Slotronde")] == {
        "Geleerd": "Dat [naam-1] zelf wil beslissen", "Voornemen": "[naam-1] volgende week bellen"}
    assert list(own[("Trage vraag", "Ervaringen")].values()) == [
        "Ik zag bij [naam-1] hoe traag hulp op gang komt."]
    assert [(i["learned"], i["intention"]) for i in data["intentions"]] == [
        ("Dat [naam-1] zelf wil beslissen", "[naam-1] volgende week bellen")]
    assert [(a["what"], a["due"]) for a in data["actions"]] == [
        ("[naam-1] bellen over de brief", "2026-12-02")]
    assert [(e["outcome"], e["new_owner"], e["reason"]) for e in data["actions"][0]["follow_up"]
            ] == [("overgedragen", "[naam-2]", "[naam-1] belt liever met [naam-2]")]
    # What others said about her: the sentence that names her, not the text around it.
    said = [line for r in data["records"] for line in r["text"].split("\n")]
    assert "Yasmina belt [naam-1] morgen." in said
    assert "Yasmina helpen met het verslag" in said  # Bram's voornemen names her
    assert "Yasmina" not in said  # her name as an action's owner is the action, above
    assert any(re.fullmatch(r"Yasmina en \[naam-\d\] ruimen op\.", t) for t in said)  # "lotte"
    assert "Geduld, ook met [naam-3]" in choice.values()  # a colleague, by number


def test_nothing_in_it_names_anyone_else(exported):
    data, _session = exported
    text = json.dumps(data, ensure_ascii=False)
    assert [name for name in OTHERS if re.search(rf"(?<!\w){name}", text, re.IGNORECASE)] == []
    assert "@" not in text
    assert "Anouk regelt de zaal" not in text and "regelt de zaal" not in text
    assert "Bij mij duurde het ook lang" not in text  # another's experience in the round
    assert "Eerlijkheid" not in text  # another's choice in the dilemma round


def test_a_client_gets_what_is_said_about_them_without_the_professionals(capsys, tmp_path,
                                                                          methods):
    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        build_planted_meeting(store, methods)
    out = tmp_path / "femke.json"
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "person", CLIENT,
                              "--export", str(out))
    assert code == 0, err
    data = json.loads(out.read_text("utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    said = [r["text"] for r in data["records"]]
    assert "De casus van Femke Zwanenburg gaat naar het MDO" in said
    assert any("Samen met Femke Zwanenburg en [name-" in t for t in said)
    assert [name for name in ("Yasmina", "Idrissi", "Anouk", "Visser", "Bram", "Lotte")
            if name in text] == []
    # Her e-mail address, in a sentence that names her and no one else, is hers: shown
    # (a client saw "[adres]" for her own address).
    assert "FZwanenburg1980@hotmail.com" in text
    assert data["participation"] == [] and data["own_words"] == []


def test_an_identifier_is_theirs_only_in_a_text_that_names_no_one_else():
    from livinglab.privacy.access import Scrubber

    scrub = Scrubber("Joke Brouwer", ["Joke Brouwer", "Pieter Zwart"])
    assert scrub("Joke Brouwer woont op de Molenstraat 14, geboren 12-03-1987.") == (
        "Joke Brouwer woont op de Molenstraat 14, geboren 12-03-1987.")
    assert scrub("Pieter Zwart belt Joke Brouwer op 06-12345678.") == (
        "[naam-1] belt Joke Brouwer op [telefoon].")
    assert scrub("Mevrouw Jansen woont op de Kerkweg 3.") == "Mevrouw [naam-2] woont op de [adres]."


def test_a_students_practice_run_is_in_their_export(capsys, tmp_path, methods):
    """A student asks what is kept of them: the export held nothing (a walker's find),
    though their practice answers were in the database. A solo run's answers are theirs,
    with the client in them replaced as for anyone else."""
    from livinglab.library.cases import example_cases, import_cases
    from livinglab.practice import PracticeWorkshop, start_practice

    path = empty_db(tmp_path / "p.db")
    with Store(path) as store:
        import_cases(store, example_cases())
        session = start_practice(store, "fraude-in-vertrouwen", "eigen-afweging", methods,
                                 ["Lotte Verbeek"], dt.date(2026, 11, 25))
        workshop = PracticeWorkshop(store, session.id, methods, clock=FakeClock())
        workshop.start()
        workshop.set_value("situation", "Meneer K. verdient zwart bij; ik twijfel.")
    out_file = tmp_path / "inzage.json"
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "person", "Lotte Verbeek",
                              "--export", str(out_file))
    assert code == 0, err
    data = json.loads(out_file.read_text("utf-8"))
    assert [p["role"] for p in data["participation"]] == ["participant"]
    assert {"field": "The situation", "item": data["own_words"][0]["item"],
            "meeting": data["own_words"][0]["meeting"],
            "answers": {"The situation": "Meneer [name-1] verdient zwart bij; ik twijfel."}} \
        in data["own_words"]
