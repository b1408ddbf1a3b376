"""The dilemma method's step 9 sets a date to evaluate the agreements (issue 25): the
group's first meeting on or after it lists them at "Actielijst vorige keer", in the
runner and in the minutes; earlier and later meetings do not."""

from __future__ import annotations

import datetime as dt

from livinglab.live.workshop import Workshop
from livinglab.meeting.lookback import agreements_to_look_back
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.minutes import render_minutes
from livinglab.models import AgendaKind, Role, Session
from livinglab.storage.store import Store

from apptools import make_app, screen_text, until
from conftest import PEOPLE, empty_db, fill_dilemma_review, plan_dilemma_meeting
from test_chair import open_meeting


def later_meeting(store, methods, date: str, group="Wijkteam Havenkwartier") -> Session:
    return create_meeting(store, MeetingPlan(
        title=f"Overleg {date}", group_name=group, date=date, start_time="9:30",
        participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE],
        agenda=[PlannedItem("Actielijst vorige keer", AgendaKind.ACTION_FOLLOW_UP)]), methods)


def agreed_to_evaluate(store, methods, clock, on: dt.date) -> Session:
    from livinglab.library.cases import example_cases, import_cases

    import_cases(store, example_cases())
    session = plan_dilemma_meeting(store, methods, date="2026-11-25")
    workshop = Workshop(store, session.id, methods, clock=clock)
    fill_dilemma_review(workshop, clock)
    workshop.set_value("evaluate_on", on)
    workshop.finish()
    return session


def test_the_first_meeting_on_or_after_the_date_looks_back(library_store, methods, clock):
    agreed = agreed_to_evaluate(library_store, methods, clock, dt.date(2027, 1, 15))
    too_soon = later_meeting(library_store, methods, "2026-12-09")
    first = later_meeting(library_store, methods, "2027-01-20")
    then = later_meeting(library_store, methods, "2027-02-10")
    other_group = later_meeting(library_store, methods, "2027-01-20", group="Werkgroep Kop")
    for session in (too_soon, then, other_group):
        assert agreements_to_look_back(library_store, session) == []
    [back] = agreements_to_look_back(library_store, first)
    assert (back.agreed_in.id, back.evaluate_on) == (agreed.id, dt.date(2027, 1, 15))
    assert back.agreed == ["Sander bespreekt met meneer K. dat hij zelf meldt.",
                           "Meneer K. meldt zelf, Sander gaat mee"]
    minutes = " ".join(render_minutes(library_store, first.id, methods, lang="nl").split())
    assert ("### Terugblik op afspraken Uit Casusbespreking van 25-11-2026, te evalueren op "
            "15-01-2027: - Sander bespreekt met meneer K. dat hij zelf meldt. - Meneer K. "
            "meldt zelf, Sander gaat mee") in minutes
    shareable = render_minutes(library_store, first.id, methods, lang="nl", shareable=True)
    assert "Terugblik op afspraken" in shareable and "Sander" not in shareable


def test_a_date_on_the_day_of_a_meeting_comes_back_that_day(library_store, methods, clock):
    agreed_to_evaluate(library_store, methods, clock, dt.date(2027, 1, 20))
    first = later_meeting(library_store, methods, "2027-01-20")
    assert len(agreements_to_look_back(library_store, first)) == 1


async def test_the_runner_shows_the_agreements_at_the_action_list(db_path, methods, clock):
    with Store(empty_db(db_path)) as store:
        agreed_to_evaluate(store, methods, clock, dt.date(2027, 1, 15))
        later_meeting(store, methods, "2027-01-20")
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Overleg 2027-01-20")
        text = lambda: " ".join(screen_text(app).split())
        assert await until(pilot, lambda: "Look back on what was agreed" in text())
        assert "Sander bespreekt met meneer K." in text()
