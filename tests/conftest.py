from __future__ import annotations

import datetime as dt

import pytest

from livinglab import i18n
from livinglab.storage.store import Store
from livinglab.meeting import queries as meeting_queries


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's own data dir, or depends on their locale."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("LIVINGLAB_DB", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "livinglab.db"


@pytest.fixture
def store(db_path):
    with Store(db_path) as opened:
        yield opened


@pytest.fixture
def today():
    return dt.date(2026, 11, 25)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def methods():
    from livinglab.methods import load_methods

    return load_methods()


@pytest.fixture
def library_store(store):
    """A store with the example cases in it."""
    from livinglab.library.cases import example_cases, import_cases

    import_cases(store, example_cases())
    return store


PEOPLE = [("Anouk Visser", "voorzitter"), ("Bram de Wit", "notulist"),
          ("Sander Kok", "casusinbrenger"), ("Yasmina El Idrissi", "deelnemer")]


def plan_dilemma_meeting(store, methods, date="2026-11-25"):
    from livinglab.models import AgendaKind, Role
    from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting

    plan = MeetingPlan(
        title="Moreel beraad november", group_name="Wijkteam Havenkwartier", date=date,
        start_time="9:30", location="Buurthuis De Kaap",
        participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE]
        + [PlannedParticipant("Karin Smit", Role.PARTICIPANT, "afwezig-met-bericht")],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW,
                            case_id="fraude-in-vertrouwen", method_id="dilemma"),
                PlannedItem("Sluiting")],
    )
    return create_meeting(store, plan, methods)


def fill_dilemma_review(workshop, clock):
    """Walk all ten steps, filling every field the way a secretary would."""
    participants = [p for p, _person in meeting_queries.participants(workshop.store, workshop.session.id)]
    values = {
        "rules": ["Wat hier gezegd wordt blijft hier", "We oordelen niet"],
        "situation": "Meneer K. vertelt dat hij zwart bijverdient.\nHij vraagt het stil te houden.",
        "dilemma": {"question": "Wat is hier goed om te doen?", "a": "De fraude melden",
                    "a_harm": "Het vertrouwen is weg", "b": "Eerst helpen, later melden",
                    "b_harm": "Sander handelt tegen de regels"},
        "clarifications": ["Weet de klantmanager het al? Nee."],
        "parking": ["Een protocol voor fraudemeldingen maken"],
        "parties": [{"party": "Meneer K.", "perspective": "Overleven", "value": "Zorg voor zijn zoon",
                     "norm": "Je helpt je kind"},
                    {"party": "Gemeente", "perspective": "Rechtmatigheid", "value": "Gelijkheid",
                     "norm": "Fraude wordt gemeld"}],
        "alternatives": ["Meneer K. zelf laten melden, met steun van Sander"],
        "choices": {participants[0].id: {"choice": "B", "value": "Vertrouwen",
                                         "cannot": "Nu al melden bij de klantmanager",
                                         "limit_harm": "Binnen een maand samen melden",
                                         "asks_of_me": "Geduld, en het gesprek aangaan"},
                    participants[2].id: {"choice": "A", "value": "Eerlijkheid",
                                         "limit_harm": "Uitleggen waarom"}},
        "dialogue": "Verschil zit in hoe lang je vertrouwen mag laten voorgaan.",
        "conclusion": "Sander bespreekt met meneer K. dat hij zelf meldt.",
        "closing_round": {participants[3].id: {"learned": "Dat regels en zorg botsen",
                                               "intention": "Dilemma's eerder inbrengen"}},
        "rating": {"score": 4, "comment": "Goed gesprek"},
    }
    workshop.start()
    workshop.go_to_item(workshop.items[1].id)
    for number, step in enumerate(workshop.method.steps):
        assert workshop.step.id == step.id
        workshop.start_timer()
        clock.advance(step.minutes * 60 + (90 if number == 7 else -30))
        for f in step.fields:
            if f.key in values:
                workshop.set_value(f.key, values[f.key])
        if step.id == "conclusions":
            workshop.add_decision("Meneer K. meldt zelf, Sander gaat mee")
            import datetime as dt
            workshop.add_action("Gesprek met meneer K. over melden", "Sander",
                                dt.date(2026, 12, 2))
        workshop.next_step()
    workshop.add_lesson("Bij signalen van fraude eerst bespreken in het team")
    return values


def run_cli(capsys, *args):
    """Run `livinglab ARGS`; (exit code, stdout, stderr)."""
    from livinglab.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code or 0
    out, err = capsys.readouterr()
    return code, out, err
