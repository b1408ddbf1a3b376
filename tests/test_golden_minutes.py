"""Golden minutes: a dilemma review and a spanningen (polarity map) review, each run through
the core from the first step to the last with realistic Dutch values in every field, and
their Markdown minutes, full and shareable, compared with the files in tests/golden/.

The golden files are what a secretary of a Dutch working group would send as they are: read
them, not only the diff, when they change. After an intended change to the minutes, rewrite
them with

    LIVINGLAB_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_minutes.py

and read the diff (`git diff tests/golden/`) before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from livinglab.live.workshop import Workshop
from livinglab.meeting import queries as meeting_queries
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.minutes import render_minutes
from livinglab.models import AgendaKind, Attendance, GroupKind, Role

from conftest import FakeClock

GOLDEN = Path(__file__).parent / "golden"
GROUP = "Werkgroep Moreel Beraad Kop van Noord-Holland"

PEOPLE = [
    ("Marieke Bakker", Role.CHAIR, "wijkteam generalist"),
    ("Joost Verhoeven", Role.SECRETARY, "Wmo-consulent"),
    ("Sander Kok", Role.CASE_OWNER, "wijkteam generalist"),
    ("Fatma Yilmaz", Role.PARTICIPANT, "schuldhulpverlener"),
    ("Peter de Groot", Role.PARTICIPANT, "wijkverpleegkundige"),
]
ABSENT = ("Ilse Mulder", Role.PARTICIPANT, "jeugd- en gezinscoach")


def plan(store, methods, title, date, case_id, method_id, start="13:30"):
    session = create_meeting(store, MeetingPlan(
        title=title, group_name=GROUP, group_kind=GroupKind.WORKING_GROUP, date=date,
        start_time=start, location="Wijkcentrum De Brug, Den Helder",
        participants=[PlannedParticipant(n, r, discipline=d) for n, r, d in PEOPLE]
        + [PlannedParticipant(ABSENT[0], ABSENT[1], Attendance.ABSENT_WITH_NOTICE, discipline=ABSENT[2])],
        agenda=[PlannedItem("Opening en mededelingen"),
                PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW, case_id, method_id),
                PlannedItem("Rondvraag"),
                PlannedItem("Slotronde en sluiting", AgendaKind.CLOSING_ROUND)],
    ), methods)
    # The group's region (issue 24): shareable minutes keep its municipalities in policy
    # talk ("de gemeente Den Helder start een pilot"); another place would go.
    from livinglab.meeting.region import add_region_place

    add_region_place(store, session.group_id, "Den Helder")
    return session


def run_review(store, methods, session, step_values, extras, date, closing_round=()):
    """Open the meeting, note the opening, walk every step of the review filling what
    `step_values` gives (per step id: field key -> value, or a callable of the participant
    ids by name), call `extras[step id](workshop)` for decisions and actions, then the
    round of questions, the closing round (`closing_round`: name, learned, intention; a
    method with a round of its own has it in its last step instead) and the end; the clock
    moves as the steps take."""
    clock = FakeClock()
    start = dt.datetime.combine(date, dt.time(13, 32))
    workshop = Workshop(store, session.id, methods, clock=clock,
                        wallclock=lambda: start + dt.timedelta(seconds=clock.now - 1000))
    people = {person.name: participant.id for participant, person
              in meeting_queries.participants(store, session.id)}
    workshop.start()
    opening, review, aob, closing = workshop.items
    workshop.set_notes("De voorzitter opent om 13:32 en heet iedereen welkom. Ilse Mulder "
                       "heeft zich afgemeld. Mededeling: de gemeente Den Helder start in "
                       "januari met een pilot 'één gezin, één plan'.", item_id=opening.id)
    clock.advance(6 * 60)
    workshop.go_to_item(review.id)
    for step in workshop.method.steps:
        workshop.start_timer()
        clock.advance(step.minutes * 60 + 45)
        for key, value in step_values.get(step.id, {}).items():
            workshop.set_value(key, value(people) if callable(value) else value)
        if step.id in extras:
            extras[step.id](workshop)
        workshop.next_step()
    workshop.set_notes("Peter vraagt of iemand ervaring heeft met de nieuwe "
                       "meldcode-app. Fatma stuurt de handleiding rond.", item_id=aob.id)
    workshop.go_to_item(closing.id)
    for name, learned, intention in closing_round:
        person = next(p for _participant, p in meeting_queries.participants(store, session.id)
                      if p.name == name)
        workshop.say_intention(person.id, learned, intention)
    clock.advance(10 * 60)
    workshop.finish()
    return workshop


CLOSING_ROUND = [  # the spanningen meeting's; the dilemma method has its own round
    ("Sander Kok", "Dat eigen kracht ook kracht van de mantelzorger vraagt.",
     "Ik vraag bij elk plan wie de mantelzorger ontlast."),
    ("Fatma Yilmaz", "Hoe snel een netwerk uitgeput raakt als niemand het ziet.",
     "Ik let op mantelzorgers die schulden maken om te kunnen zorgen."),
    ("Peter de Groot", "Dat ik een val eerder als signaal mag noemen.", ""),
]


def dilemma_values():
    return {
        "intro": {"rules": [
            "Wat hier besproken wordt, blijft in deze groep",
            "We onderzoeken en oordelen niet over de inbrenger",
            "Namen van inwoners noemen we niet; we spreken van meneer K.",
        ]},
        "case": {"situation": (
            "Sander begeleidt sinds een half jaar meneer K. (52), die een bijstandsuitkering "
            "heeft, schulden bij drie schuldeisers en een zoon die weer bij hem woont. In het "
            "vijfde gesprek vertelt meneer K. dat hij 's avonds schoonmaakt en dat contant laat "
            "uitbetalen. Hij vraagt Sander het voor zich te houden. Sander zegt niets toe en "
            "neemt het mee naar dit beraad.")},
        "dilemma": {"dilemma": {
            "question": "Moet Sander de bijverdiensten van meneer K. melden bij de "
                        "klantmanager inkomen?",
            "a": "De bijverdiensten nu melden bij de klantmanager",
            "a_harm": "Het vertrouwen van meneer K. is weg en het schuldhulptraject stopt",
            "b": "Nu niet melden en eerst met meneer K. werken aan een eigen melding",
            "b_harm": "Sander houdt informatie achter voor de gemeente, zijn werkgever",
        }},
        "clarify": {
            "clarifications": [
                "Weet de klantmanager al iets? Nee, er is geen signaal van de gemeente.",
                "Hoeveel verdient meneer K. bij? Ongeveer 300 euro per maand.",
                "Is er een afspraak in het wijkteam over zulke signalen? Niet op papier.",
            ],
            "parking": ["Een werkafspraak over fraudesignalen voor alle wijkteams in de regio"],
        },
        "perspectives": {"parties": [
            {"party": "Meneer K.", "perspective": "Rondkomen met zijn zoon erbij",
             "value": "Zorg voor zijn kind", "norm": "Je laat je kind niet tekortkomen"},
            {"party": "Sander", "perspective": "Hulpverlener en medewerker van de gemeente",
             "value": "Vertrouwen", "norm": "Wat een inwoner vertelt, gebruik je niet tegen hem"},
            {"party": "Klantmanager inkomen", "perspective": "Rechtmatigheid van de uitkering",
             "value": "Gelijkheid", "norm": "Inkomsten worden gemeld"},
            {"party": "De zoon", "perspective": "Niet aan tafel", "value": "Veiligheid",
             "norm": "Een kind heeft recht op een stabiel thuis"},
        ]},
        "alternatives": {"alternatives": [
            "Meneer K. meldt zelf, met Sander naast zich",
            "Eerst samen uitzoeken wat melden voor de uitkering betekent",
            "De klantmanager anoniem om advies vragen",
        ]},
        "choice": {"choices": lambda p: {
            p["Sander Kok"]: {
                "choice": "Nu niet melden; meneer K. helpen het binnen een maand zelf te melden",
                "value": "Vertrouwen", "cannot": "Loyaal zijn aan de regel van vandaag",
                "limit_harm": "Een datum afspreken en die vastleggen in het dossier",
                "asks_of_me": "Dat ik het gesprek aanga en ook volhoud als het schuurt"},
            p["Fatma Yilmaz"]: {
                "choice": "Melden, en meneer K. vooraf vertellen dat ik dat doe",
                "value": "Eerlijkheid", "cannot": "Zijn vertrouwen volledig behouden",
                "limit_harm": "Samen naar de klantmanager gaan en een regeling vragen",
                "asks_of_me": "Moed om iets te doen wat de inwoner niet wil"},
            p["Peter de Groot"]: {
                "choice": "Nu niet melden, wel een grens stellen",
                "value": "Zorg voor het kind", "cannot": "Doen alsof ik het niet weet",
                "limit_harm": "Met het team een termijn afspreken",
                "asks_of_me": "Verdragen dat het even niet klopt"},
            p["Joost Verhoeven"]: {
                "choice": "Melden, omdat ik als Wmo-consulent ook beschik",
                "value": "Gelijkheid", "cannot": "Meneer K. nu ontzien",
                "limit_harm": "Uitleggen wat melden voor hem betekent",
                "asks_of_me": "Dat ik uitleg in plaats van alleen de regel noem"},
        }},
        "dialogue": {"dialogue": (
            "Iedereen wil dat meneer K. zijn inkomsten meldt; het verschil zit in wie dat doet "
            "en wanneer. Wie in dienst is van de gemeente voelt de regel zwaarder. De zoon "
            "kwam pas laat in beeld; de groep vindt dat zijn belang vaker genoemd moet worden.")},
        "conclusions": {
            "conclusion": "Sander meldt nu niet. Hij spreekt met meneer K. af dat die binnen "
                          "vier weken zelf meldt, met Sander erbij. Lukt dat niet, dan meldt "
                          "Sander en zegt hij dat vooraf.",
            "evaluate_on": dt.date(2027, 1, 13),
        },
        "evaluation": {
            "closing_round": lambda p: {
                p["Sander Kok"]: {"learned": "Dat ik niet alleen hoef te kiezen tussen melden "
                                             "en zwijgen.",
                                  "intention": "Signalen van fraude bespreek ik binnen een "
                                               "week met een collega."},
                p["Fatma Yilmaz"]: {"learned": "Hoe verschillend we naar dezelfde regel kijken.",
                                    "intention": "Ik leg inwoners eerder uit wat ik moet melden."},
                p["Peter de Groot"]: {"learned": "Dat vertrouwen een afspraak met een "
                                                 "einddatum kan zijn.", "intention": ""},
            },
            "rating": {"score": 4, "comment": "Goed dat we eerst opschreven: iedereen kwam aan "
                                              "het woord."},
        },
    }


def dilemma_extras():
    def conclusions(w):
        w.add_decision("Signalen van fraude worden binnen een week met een collega besproken, "
                       "voordat er gemeld wordt.")
        w.add_decision("De werkgroep legt de vraag over een regionale werkafspraak voor aan de "
                       "stuurgroep.")
        w.add_action("Met meneer K. een datum afspreken voor zijn eigen melding", "Sander",
                     dt.date(2026, 12, 23))
        w.add_action("Notitie over fraudesignalen voor de stuurgroep", "Marieke",
                     dt.date(2027, 1, 6))
    return {"conclusions": conclusions}


def spanningen_values():
    return {
        "situation": {"situation": (
            "Peter vertelt over meneer en mevrouw V. Het plan leunde op hun dochter en de "
            "buurman. Na de val van mevrouw V. zegt de dochter dat ze niet meer kan; de "
            "buurman wist niet dat hij de medicatie in de gaten moest houden. Peter vraagt "
            "zich af of het team te lang op het netwerk heeft geleund, en voelt tegelijk de "
            "vraag van de gemeente om minder maatwerk toe te kennen.")},
        "poles": {"map": {"pole_a": "Eigen kracht", "pole_b": "Zorgplicht"}},
        "purpose": {"map": {"pole_a": "Eigen kracht", "pole_b": "Zorgplicht",
                            "purpose": "Inwoners leven veilig en naar eigen vermogen thuis",
                            "fear": "Kwetsbare inwoners en hun mantelzorgers vallen tussen wal "
                                    "en schip"}},
        "sides": {"map": lambda p: dict(POLARITY, a_warnings=[], b_warnings=[], a_actions=[],
                                        b_actions=[])},
        "warnings": {"map": lambda p: dict(POLARITY, a_actions=[], b_actions=[])},
        "actions": {"map": lambda p: POLARITY},
        "agreements": {"rating": {"score": 5, "comment": "De kaart maakt zichtbaar wat we "
                                                         "steeds half zeiden."}},
    }


POLARITY = {
    "pole_a": "Eigen kracht", "pole_b": "Zorgplicht",
    "purpose": "Inwoners leven veilig en naar eigen vermogen thuis",
    "fear": "Kwetsbare inwoners en hun mantelzorgers vallen tussen wal en schip",
    "a_up": ["Inwoners houden de regie", "Het netwerk wordt sterker"],
    "a_down": ["Mantelzorgers raken overbelast", "Signalen komen te laat"],
    "b_up": ["Veiligheid voor kwetsbare inwoners", "Een professionele blik op risico's"],
    "b_down": ["Inwoners worden afhankelijk", "Het netwerk trekt zich terug"],
    "a_warnings": ["Een mantelzorger zegt twee keer af voor een overleg",
                   "Meer dan twee valincidenten per kwartaal bij alleenwonenden"],
    "b_warnings": ["Het aantal indicaties stijgt zonder dat het netwerk is gevraagd"],
    "a_actions": ["Bij elk plan een belastbaarheidsgesprek met de mantelzorger"],
    "b_actions": ["Bij elke indicatie vragen wat het netwerk zelf wil blijven doen"],
}


def spanningen_extras():
    def actions(w):
        w.add_action("Signalenlijst overbelaste mantelzorgers maken", "Peter",
                     dt.date(2027, 1, 13))

    def agreements(w):
        w.add_decision("Een plan dat op één mantelzorger steunt, wordt altijd besproken in het "
                       "casusoverleg.")
        w.add_action("De vroege signalen over drie maanden opnieuw bespreken", "Marieke",
                     dt.date(2027, 3, 10))
    return {"actions": actions, "agreements": agreements}


REVIEWS = {
    "dilemma": ("Moreel beraad december", "fraude-in-vertrouwen", dilemma_values, dilemma_extras),
    "spanningen": ("Spanningen: eigen kracht en zorgplicht", "eigen-kracht-zorgplicht",
                   spanningen_values, spanningen_extras),
}


@pytest.fixture(params=sorted(REVIEWS))
def review(request, library_store, methods):
    method_id = request.param
    title, case_id, values, extras = REVIEWS[method_id]
    date = dt.date(2026, 12, 9)
    session = plan(library_store, methods, title, date.isoformat(), case_id, method_id)
    plan(library_store, methods, "Moreel beraad januari", "2027-01-13", case_id, method_id)
    run_review(library_store, methods, session, values(), extras(), date,
               CLOSING_ROUND if method_id == "spanningen" else ())
    return method_id, library_store, session


def every_field_is_filled(store, session, method):
    """The review holds a value for every field of every step: nothing left to chance."""
    [item] = [i for i in meeting_queries.agenda(store, session.id)
              if i.kind == AgendaKind.CASE_REVIEW]
    entries = meeting_queries.entries(store, item.id)
    for step in method.steps:
        for f in step.fields:
            if f.type in ("actions", "decisions"):
                rows = (meeting_queries.actions(store, item_id=item.id)
                        if f.type == "actions" else
                        meeting_queries.decisions(store, session.id, item_id=item.id))
                assert any(r.step_id == step.id for r in rows), (step.id, f.key)
            else:
                assert entries.get(f.key), (step.id, f.key)


@pytest.mark.parametrize("shareable", [False, True], ids=["full", "shareable"])
def test_the_minutes_of_a_whole_review_match_the_golden_file(review, methods, shareable):
    method_id, store, session = review
    every_field_is_filled(store, session, methods.get(method_id))
    text = render_minutes(store, session.id, methods, lang="nl", shareable=shareable)
    golden = GOLDEN / f"{method_id}-review{'.shareable' if shareable else ''}.nl.md"
    if os.environ.get("LIVINGLAB_UPDATE_GOLDEN"):  # after an intended change; read the diff
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_each_action_and_decision_is_listed_once_at_the_step_it_was_agreed_in(review, methods):
    """The polarity map has two action fields (the action steps, the agreements): each lists
    the actions agreed at its own step, not every action of the review twice."""
    method_id, store, session = review
    text = render_minutes(store, session.id, methods, lang="nl")
    review_part = text.split("## 3. ")[0]
    for action in meeting_queries.actions(store, session_id=session.id):
        assert review_part.count(action.what) == 1, action.what
    for decision in meeting_queries.decisions(store, session.id):
        assert review_part.count(decision.text) == 1, decision.text
    if method_id == "spanningen":
        steps = review_part.split("### Stap ")
        assert "Signalenlijst overbelaste mantelzorgers maken" in steps[6]
        assert "De vroege signalen over drie maanden opnieuw bespreken" in steps[7]
