"""Shareable minutes leak nothing the scanner knows how to find: the acceptance meeting of
issue 11 (30 sensitive items, in every place the minutes print user text), in both
languages, and any name of the group's people or its watch list."""

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from livinglab.minutes import render_minutes
from livinglab.models import Action, AgendaKind, Role, SlowQuestion
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.live.workshop import Workshop

from conftest import examples, run_cli
from livinglab.meeting import queries as meeting_queries
from livinglab.privacy import queries as privacy_queries

PEOPLE = [("Anouk Visser", Role.CHAIR), ("Bram de Wit", Role.SECRETARY),
          ("Lotte Sanders", Role.CASE_OWNER), ("Yasmina El Idrissi", Role.PARTICIPANT)]
WATCH_LIST = ["Fatima Jansen", "Ahmed Benali"]

# Every piece of personal data the meeting holds, as typed; none may survive. Names of the
# people of the meeting, of an earlier meeting and of the watch list are checked by part.
LEAKS = [
    "Dorpsstraat 12", "1781 AB", "Kerkstraat 4a", "1782 ab", "12 maart 1980", "1234.56.782",
    "nl91abna0417164300", "De Boer", "Yılmaz", "(0223) 61 23 45", "03-04-1975",
    "06-12345678", "a.benali@example.nl", "2008-06-15", "111 222 333",
    "nl20 ingb 0001 2345 67", "1781ab", "+31 (0)6 23456789", "Pinas",
    "Laan van Meerdervoort 52", "5 June 2008", "(020) 555 1234", "Koning",
]
NAME_PARTS = ["Jansen", "Fatima", "Benali", "Ahmed", "Gerrit", "Veenstra", "Anouk", "Visser",
              "Bram", "Lotte", "Sanders", "Yasmina", "Idrissi"]


def plan(store, methods, date, people, location="", review=True):
    agenda = [PlannedItem("Opening")]
    if review:
        agenda.append(PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW,
                                  case_id="fraude-in-vertrouwen", method_id="dilemma"))
    return create_meeting(store, MeetingPlan(
        title="Casusoverleg", group_name="Wijkteam Havenkwartier", date=date, start_time="9:30",
        location=location, participants=[PlannedParticipant(n, r) for n, r in people],
        agenda=agenda), methods)


def build_acceptance_meeting(store, methods):
    earlier = plan(store, methods, "2026-10-14",
                   [("Gerrit Veenstra", Role.CHAIR), ("Anouk Visser", Role.PARTICIPANT)],
                   review=False)
    store.save(Action(group_id=earlier.group_id, session_id=earlier.id,
                             what="Veenstra vraagt het dossier op bij de corporatie",
                             owner="Gerrit Veenstra", due=dt.date(2026, 11, 1)))
    for name in WATCH_LIST:
        privacy_queries.add_watch_name(store, earlier.group_id, name)
    session = plan(store, methods, "2026-11-25", PEOPLE,
                   location="Bij mevrouw Jansen thuis, Dorpsstraat 12, 1781 AB Den Helder")
    w = Workshop(store, session.id, methods)
    w.start()
    w.set_notes("Sanders' voorstel: eerst met Ahmed praten. Gerrit is met pensioen.")
    w.go_to_item(w.items[1].id)
    p = [x for x, _ in meeting_queries.participants(store, session.id)]
    w.set_value("situation", "Mevrouw Jansen (geboren 12 maart 1980) woont sinds kort op de "
                "Kerkstraat 4a, 1782 ab Den Helder.\nBSN 1234.56.782, rekening nl91abna0417164300.")
    w.set_value("dilemma", {
        "question": "Mogen we mw. jansen's dossier delen met dhr. De Boer van de bank?",
        "a": "Delen met de familie Yılmaz", "a_harm": "Ahmeds vertrouwen is weg",
        "b": "Niet delen, eerst bellen met (0223) 61 23 45",
        "b_harm": "Mevr. Benali (geb. 03-04-1975) blijft zonder hulp"})
    w.set_value("parties", [{"party": "Zoon Ahmed Benali", "perspective": "Bereikbaar op 06-12345678",
                             "value": "Mail a.benali@example.nl",
                             "norm": "Geboortedatum 2008-06-15"}])
    w.set_value("choices", {
        p[0].id: {"choice": "B", "value": "Vertrouwen", "limit_harm": "BSN 111 222 333 niet doorgeven"},
        p[2].id: {"choice": "A", "value": "Rekening nl20 ingb 0001 2345 67 blokkeren",
                  "limit_harm": "Uitleggen"}})
    w.set_value("dialogue", "Volgens Veenstra's notitie is mevrouw Jansen bang. "
                "Postcode 1781ab klopt niet.")
    w.set_value("conclusion", "Visser belt +31 (0)6 23456789 voor vrijdag.")
    w.set_value("parking", ["Benali's huisarts is dr. Koning"])
    w.go_to_step(len(w.method.steps) - 3)
    w.add_decision("Fatima Jansen krijgt een vaste contactpersoon.")
    w.add_action("Afspraak met meneer Pinas op Laan van Meerdervoort 52", "Anouk")
    store.save(SlowQuestion(
        group_id=session.group_id,
        question="Hoe beschermen we kinderen als Ahmed (born 5 June 2008) tegen schulden?"))
    w.add_lesson("Mrs. Jansen's case: call (020) 555 1234 first.")
    w.finish()
    return session


def first_line_naming_the_client(store, session_id, methods) -> int:
    """Where in the shareable minutes (not pseudonymised) a watched client's name first
    appears: the first finding the app and the command must point to. (Since issue 24
    the location row, "Bij mevrouw Jansen thuis", is left out: it is Ahmed, at the
    opening.)"""
    text = render_minutes(store, session_id, methods, shareable=True, pseudonymise=False,
                          lang="en")
    return next(number for number, line in enumerate(text.splitlines(), 1)
                if "mevrouw jansen" in line.lower() or "ahmed" in line.lower())


def leaks(text):
    found = [leak for leak in LEAKS if leak.lower() in text.lower()]
    found += [part for part in NAME_PARTS if re.search(rf"(?<!\w){part}", text, re.IGNORECASE)]
    found += [d for d in ("123456782", "111222333", "0612345678", "0223612345")
              if d in re.sub(r"\D", "", text)]
    return found


@pytest.fixture
def acceptance(library_store, methods):
    return library_store, build_acceptance_meeting(library_store, methods)


@pytest.mark.parametrize("lang,name", [("nl", "naam"), ("en", "name")])
def test_the_acceptance_meeting_leaks_none_of_its_30_items(acceptance, methods, lang, name):
    store, session = acceptance
    full = render_minutes(store, session.id, methods, lang=lang)
    assert len(leaks(full)) >= 30  # the meeting holds them all
    text = render_minutes(store, session.id, methods, shareable=True, lang=lang)
    assert leaks(text) == []
    # One person, one placeholder, wherever they appear; people of the meeting by role.
    # (The location row is left out of shareable minutes: issue 24.)
    assert "thuis, " not in text
    for expected in [rf"Mevrouw \[{name}-3\] (geb",
                     rf"mw. \[{name}-3\]'s dossier", rf"is mevrouw \[{name}-3\] bang",
                     rf"Mrs. \[{name}-3\]'s case", rf"meneer \[{name}-6\] op \[",
                     rf"\[{name}-1\]'s vertrouwen", rf"| \[{name}-2\] | 01-11-2026 |"]:
        assert expected in text, expected
    role = "Casusinbrenger's" if lang == "nl" else "Case owner's"
    assert role + " " in text  # "Sanders' voorstel"


def test_the_shareable_check_renders_the_minutes_once_and_scans_that_text(
        acceptance, methods, monkeypatch):
    from livinglab.minutes import render, shareable
    from livinglab.text.personal import KnownNames, scan_lines

    store, session = acceptance
    rendered: list[str] = []
    real = render.MinutesWriter.render
    monkeypatch.setattr(render.MinutesWriter, "render",
                        lambda writer: rendered.append(real(writer)) or rendered[-1])
    check = shareable.shareable_minutes(store, session.id, methods, "en")
    # A first reading gathers what the minutes say about who is named (issue 24); the
    # text is the second, and is what is scanned.
    assert len(rendered) == 2 and rendered[-1] == check.text
    assert check.text == render_minutes(store, session.id, methods, shareable=True,
                                        pseudonymise=False, lang="en")
    known = privacy_queries.known_names(store, session.group_id)
    assert check.findings == scan_lines(check.text, KnownNames(known, check.seen.names),
                                        check.region)
    assert len(check.findings) >= 30
    assert check.findings[0].line == first_line_naming_the_client(store, session.id, methods)
    assert check.pseudonymised() == render_minutes(store, session.id, methods,
                                                   shareable=True, lang="en")
    assert leaks(check.pseudonymised()) == []


FIRST = ["Anouk", "Daan", "Fatima", "Özlem", "Kees", "Roos"]
LAST = ["Visser", "de Wit", "Groen", "Bos", "de Boer", "El Idrissi", "van der Berg", "Yılmaz"]
FORMS = [
    lambda first, last: f"{first} {last}",
    lambda first, last: first,
    lambda first, last: last[0].upper() + last[1:],
    lambda first, last: f"mevrouw {last}",
    lambda first, last: f"{first}s",
    lambda first, last: f"{(last[0].upper() + last[1:])}'s",
]


@settings(max_examples=examples(25), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(person=st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)),
       where=st.sampled_from(["earlier", "watch"]),
       form=st.sampled_from(FORMS), lang=st.sampled_from(["nl", "en"]))
def test_no_name_of_the_groups_people_or_watch_list_survives(
        library_store, methods, person, where, form, lang):
    store = library_store
    name = f"{person[0]} {person[1]}"
    sessions = meeting_queries.sessions(store)
    if not sessions:
        plan(store, methods, "2026-11-25", [("Henk Mulder", Role.CHAIR)], review=False)
        sessions = meeting_queries.sessions(store)
    session = sessions[0]
    if where == "earlier":
        plan(store, methods, "2026-10-01", [("Henk Mulder", Role.CHAIR), (name, Role.PARTICIPANT)],
             review=False)
    else:
        privacy_queries.add_watch_name(store, session.group_id, name)
    mention = form(*person)
    w = Workshop(store, session.id, methods)
    w.set_notes(f"Gesprek: {mention} belde; actie voor {mention}.")
    text = render_minutes(store, session.id, methods, shareable=True, lang=lang)
    for part in re.split(r"[\s]+", name):
        if part[0].isupper():
            assert not re.search(rf"(?<!\w){re.escape(part)}", text), (mention, text)
    assert name.lower() not in text.lower()


def test_shareable_minutes_with_nothing_found_do_not_claim_data_was_kept(library_store, methods):
    """With no personal data found, nothing was kept on purpose: the footer must not say
    so (found by a newcomer's walk: 'andere persoonsgegevens zijn bewust behouden')."""
    from conftest import PEOPLE
    from livinglab.meeting.planning import (
        MeetingPlan, PlannedItem, PlannedParticipant, create_meeting,
    )
    from livinglab.minutes.shareable import shareable_minutes
    from livinglab.models import Role

    session = create_meeting(library_store, MeetingPlan(
        title="Werkoverleg", group_name="Wijkteam Noord", date="2026-11-25",
        start_time="9:30", participants=[PlannedParticipant(n, Role(r)) for n, r in PEOPLE],
        agenda=[PlannedItem("Opening")]), methods)
    check = shareable_minutes(library_store, session.id, methods, lang="en")
    assert check.findings == []
    assert "kept on purpose" not in check.text and "placeholders" in check.text
