"""A realistic meeting of a neighbourhood team with identifying items planted in every field,
one per kind the issue 24 found leaking (every name, place and number made up).

`build(store, methods)` writes it (finished, with its decision, lesson, slow question,
precedent and tension shared) and returns the session. `PLANTED` maps each kind to what
must never leave the group as typed; `KEPT` lists what must stay as typed (ordinary words
that only look like names, the region's own municipalities in policy talk).
"""

from __future__ import annotations

import datetime as dt

from livinglab.live.workshop import Workshop
from livinglab.meeting import queries as meeting_queries
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.meeting.region import add_region_place
from livinglab.models import AgendaKind, Decision, Group, Role, SlowQuestion, Tension
from livinglab.privacy import queries as privacy_queries

GROUP = "Wijkteam Noorderhaven"
MUNICIPALITY = "Schagen"
REGION = ["Hollands Kroon", "Den Helder"]

# (name, role, discipline): the meeting's people.
PEOPLE = [("Willem Brandsma", Role.CHAIR, "Teamleider"),
          ("Ilse Kramer", Role.SECRETARY, "Wmo-consulent"),
          ("Peter Hoekstra", Role.PARTICIPANT, "Wijkverpleegkundige"),
          ("Noor Bakhuizen", Role.CASE_OWNER, "Jeugd- en gezinscoach")]
WATCHED = ["Margreet Rozendaal"]  # the client, on the group's watch list

# Every kind of leak, with the words that must not survive (matched as whole words, in any
# case). The meeting's people are checked by every part of their names.
PLANTED: dict[str, list[str]] = {
    "participant first name in lower case": ["ilse"],
    "child's first name in a table cell": ["Jorne"],
    "possessive": ["Rozendaals"],
    "hyphenated first name": ["Anne-Fleur", "Kuipers"],
    "nickname of a participant": ["Wim"],
    "abbreviated street": ["Molenstr. 17", "Molenstr"],
    "e-mail written out": ["m.rozendaal at ziggo dot nl", "ziggo dot nl"],
    "phone written out": ["nul zes vier zeven een een twee drie drie acht"],
    "date of birth in words": ["juni 1979"],
    "surname after a job title": ["Verhoeff"],
    "first name after a kinship word": ["Jannie"],
    "unknown first name after a title": ["Quirijnen"],
    "unknown first name after a role": ["Tessel"],
    "unknown first name after met": ["Ludo", "Verkerk"],
    "place of residence": ["Alkmaar", "Anna Paulowna"],
    "the location row": ["De Wering", "Molenstraat 2"],
    "a decision naming a client not in any list": ["Jorieke", "Plasman"],
    "the watched client": ["Rozendaal", "Margreet"],
    "the participants": ["Willem", "Brandsma", "Ilse", "Kramer", "Peter", "Noor",
                         "Bakhuizen"],
    "disciplines": ["Teamleider", "Wmo-consulent", "Wijkverpleegkundige",
                    "Jeugd- en gezinscoach"],
}
# Ordinary words and the region's places in policy talk: they stay as typed.
KEPT = ["Meneer houdt regie over zijn geld", "Het gezin in armoede",
        "de gemeente Schagen", "Hollands Kroon", "gezin in de knel"]
# A lesson of policy talk only: it goes to the region as typed.
POLICY_LESSON = ("In de gemeente Schagen en Hollands Kroon werkt een vaste contactpersoon "
                 "voor elk gezin in de knel.")


def build(store, methods):
    plan = MeetingPlan(
        title="Casusoverleg november", group_name=GROUP, date="2026-11-25",
        start_time="9:30", location="Buurtcentrum De Wering, Molenstraat 2",
        participants=[PlannedParticipant(name, role, discipline=discipline)
                      for name, role, discipline in PEOPLE],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW,
                            case_id="fraude-in-vertrouwen", method_id="dilemma")])
    session = create_meeting(store, plan, methods)
    group = store.get(Group, session.group_id)
    store.save(group.model_copy(update={"municipality": MUNICIPALITY}))
    for place in REGION:
        add_region_place(store, group.id, place)
    for name in WATCHED:
        privacy_queries.add_watch_name(store, group.id, name)

    w = Workshop(store, session.id, methods)
    w.start()
    w.set_notes("ilse heeft de agenda rondgestuurd. Wim opent. Meneer houdt regie over zijn "
                "geld, zei Peter. Het gezin in armoede vraagt veel van de gemeente Schagen en "
                "Hollands Kroon.")
    w.go_to_item(w.items[1].id)
    p = [x for x, _ in meeting_queries.participants(store, session.id)]
    w.set_value("situation",
                "Mevrouw Hoekstra woont in Alkmaar, Molenstr. 17, en is geboren in juni 1979. "
                "Ze verhuist naar Anna Paulowna. Mail: m.rozendaal at ziggo dot nl, of bel "
                "nul zes vier zeven een een twee drie drie acht.")
    w.set_value("dilemma", {
        "question": "Vertellen we Huisarts Verhoeff wat Oma Jannie zag?",
        "a": "Bellen met Ludo Verkerk van de school", "a_harm": "Rozendaals zoon voelt zich verraden",
        "b": "Eerst met meneer Quirijnen praten", "b_harm": "juf Tessel blijft ongerust"})
    w.set_value("parties", [
        {"party": "Jorne", "perspective": "Wil thuis blijven", "value": "Veiligheid",
         "norm": "Een kind hoort gehoord te worden"},
        {"party": "Anne-Fleur Kuipers", "perspective": "Buurvrouw", "value": "Betrokkenheid",
         "norm": "Je kijkt naar elkaar om"}])
    w.set_value("choices", {
        p[0].id: {"choice": "B", "value": "Vertrouwen", "limit_harm": "Met Noor overleggen"},
        p[1].id: {"choice": "A", "value": "Veiligheid", "limit_harm": "ilse belt de school"}})
    w.set_value("dialogue", "Peter vindt dat mevrouw Hoekstra zelf moet beslissen; "
                "gezin in de knel, zegt Noor.")
    w.set_value("conclusion", "Eerst met Margreet spreken; mevrouw Rozendaal wil dat zelf.")
    w.go_to_step(len(w.method.steps) - 3)
    w.add_decision("De casus van Jorieke Plasman gaat naar het MDO")
    w.add_action("Oma Jannie bellen over Rozendaals zoon", "Ilse", dt.date(2026, 12, 1))
    w.add_lesson(POLICY_LESSON)
    w.add_lesson("wim en ilse leggen de vaste contactpersoon uit aan mevrouw Hoekstra.")
    w.finish()
    for decision in meeting_queries.decisions(store, session.id):
        store.save(decision.model_copy(update={"share": True}))
    store.save(Decision(session_id=session.id, share=True,
                        text="Huisarts Verhoeff schuift voortaan aan bij het MDO"))
    store.save(SlowQuestion(group_id=group.id, to_region=True,
                            question="Hoe houden we juf Tessel en Oma Jannie betrokken?"))
    store.save(Tension(group_id=group.id, session_id=session.id, share=True,
                       pole_a="Vertrouwen in Anne-Fleur", pole_b="Controle"))
    return session
