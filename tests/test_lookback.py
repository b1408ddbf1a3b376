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

from apptools import make_app, screen_text, toasts, until
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
    app = make_app(db_path, methods, today=dt.date(2027, 1, 20))  # held on its day
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Overleg 2027-01-20")
        text = lambda: " ".join(screen_text(app).split())
        assert await until(pilot, lambda: "Look back on what was agreed" in text())
        assert "Sander bespreekt met meneer K." in text()


def test_a_meeting_started_before_its_planned_day_is_judged_by_the_day_it_is_held(
        library_store, methods, clock):
    """Planned for 20 January, started on 1 December (the app asks first): the action due
    2 December is not late yet, the agreements to evaluate on 15 January do not come back
    yet, and the minutes are dated the day the meeting was held (a walker's minutes said
    "te laat" of actions not yet due)."""
    agreed_to_evaluate(library_store, methods, clock, dt.date(2027, 1, 15))
    planned = later_meeting(library_store, methods, "2027-01-20")
    assert len(agreements_to_look_back(library_store, planned)) == 1  # as planned
    held = dt.datetime(2026, 12, 1, 9, 30).astimezone()
    workshop = Workshop(library_store, planned.id, methods, clock=clock,
                        wallclock=lambda: held)
    workshop.start()
    session = library_store.get(Session, planned.id)
    assert session.date == dt.date(2026, 12, 1)
    [action] = workshop.actions_to_follow_up()
    assert action.due == dt.date(2026, 12, 2) and not workshop.is_overdue(action)
    assert agreements_to_look_back(library_store, session) == []
    minutes = " ".join(render_minutes(library_store, planned.id, methods, lang="nl").split())
    assert "| Datum | 1 december 2026 |" in minutes
    assert "te laat" not in minutes and "Terugblik op afspraken" not in minutes


def test_a_meeting_started_after_its_planned_day_keeps_that_day(library_store, methods, clock):
    """Held late, a meeting keeps the date it was planned for (its minutes say when it
    was held): only an early start moves it."""
    planned = later_meeting(library_store, methods, "2026-11-20")
    held = dt.datetime(2026, 11, 27, 9, 30).astimezone()
    Workshop(library_store, planned.id, methods, clock=clock, wallclock=lambda: held).start()
    assert library_store.get(Session, planned.id).date == dt.date(2026, 11, 20)


async def test_started_early_by_keys_nothing_is_late_that_is_not_due(db_path, methods, clock):
    """The chair opens next month's meeting today by keys: the app asks, 'Vandaag
    beginnen' starts it, and the action list says the action due next week is open, not
    late; the meeting is stored under today. Escape on the question keeps it planned."""
    with Store(empty_db(db_path)) as store:
        agreed_to_evaluate(store, methods, clock, dt.date(2027, 1, 15))
        planned = later_meeting(store, methods, "2027-01-20")
    app = make_app(db_path, methods, today=dt.date(2026, 11, 30))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        text = lambda: " ".join(screen_text(app).split())  # noqa: E731
        await pilot.pause()
        await pilot.press("enter")  # the planned meeting is the first in the list
        assert await until(pilot, lambda: "planned for 20-01-2027" in text() and "(30-11-2026)?" in text())
        await pilot.press("enter")  # the safe answer has the cursor: no
        assert await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert await until(pilot, lambda: "The meeting stays planned for 20-01-2027."
                           in toasts(app))
        with Store(db_path) as store:
            assert store.get(Session, planned.id).status == "planned"
        await pilot.press("enter")
        assert await until(pilot, lambda: "(30-11-2026)?" in text())
        await pilot.press("shift+tab", "enter")  # "Start today"
        assert await until(pilot, lambda: "Open actions" in text())
        assert "Gesprek met meneer K. over melden" in text()
        assert "overdue" not in text() and "Look back on what was agreed" not in text()
    with Store(db_path) as store:
        session = store.get(Session, planned.id)
        assert (session.status, session.date) == ("running", dt.date(2026, 11, 30))
