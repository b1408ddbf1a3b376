"""Minutes are a record: a meeting's action list reads each action as it stood when the
meeting ended, so exporting its minutes after a later meeting closed, continued or
handed over an action gives the same text as exporting them right after it."""

from __future__ import annotations

import datetime as dt
import sqlite3

from livinglab.live.workshop import Workshop
from livinglab.meeting import queries as meeting_queries
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.minutes import render_minutes
from livinglab.models import ActionOutcome, ActionStatus, AgendaKind, Role
from livinglab.storage.store import Store

from conftest import FakeClock, empty_db

GROUP = "Wijkteam Havenkwartier"


def plan(store, methods, date: str, title: str, start: str = "14:00"):
    return create_meeting(store, MeetingPlan(
        title=title, group_name=GROUP, date=date, start_time=start,
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR),
                      PlannedParticipant("Bram de Wit", Role.SECRETARY)],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Actielijst vorige keer", AgendaKind.ACTION_FOLLOW_UP)]), methods)


def run(store, methods, session, follow_ups=(), new=()):
    """Hold a meeting through the core: follow up earlier actions, add new ones, finish."""
    w = Workshop(store, session.id, methods, clock=FakeClock())
    w.start()
    for what, outcome, kwargs in follow_ups:
        [action] = [a for a in w.actions_to_follow_up() if a.what == what]
        w.follow_up(action.id, outcome, **kwargs)
    for what, owner, due in new:
        w.add_action(what, owner, due)
    w.finish()


def action_list(store, methods, session) -> str:
    """The minutes' action list (and the follow-up table), in Dutch, as exported."""
    text = render_minutes(store, session.id, methods, lang="nl")
    sections = text.split("\n## ")
    return "\n## ".join(s for s in sections if s.startswith(("Actielijst", "Actielijst vorige")))


def follow_up_table(store, methods, session) -> str:
    text = render_minutes(store, session.id, methods, lang="nl")
    start = text.index("Actielijst vorige keer")
    return text[start:text.index("\n#", start)]


def test_an_earlier_meetings_action_list_stays_as_it_was(store, methods):
    first = plan(store, methods, "2026-11-04", "Eerste overleg")
    run(store, methods, first, new=[("Klantmanager bellen", "Bram de Wit", dt.date(2026, 11, 18)),
                                    ("Buurtcentrum mailen", "Anouk Visser", dt.date(2026, 11, 20)),
                                    ("Wmo-consulent vragen", "Bram de Wit", None)])
    first_then = action_list(store, methods, first)
    assert "| Klantmanager bellen | Bram de Wit | 18-11-2026 | open |" in first_then

    second = plan(store, methods, "2026-11-25", "Tweede overleg")
    run(store, methods, second, follow_ups=[
        ("Klantmanager bellen", ActionOutcome.DONE, {}),
        ("Buurtcentrum mailen", ActionOutcome.CONTINUED,
         {"due": dt.date(2026, 12, 9), "reason": "Met vakantie"}),
        ("Wmo-consulent vragen", ActionOutcome.REASSIGNED,
         {"owner": "Anouk Visser", "reason": "Bram is ziek"})])
    second_then = action_list(store, methods, second)
    follow_ups_then = follow_up_table(store, methods, second)
    # Today the actions are done, moved and handed over; the first minutes do not know it.
    assert action_list(store, methods, first) == first_then

    third = plan(store, methods, "2026-12-09", "Derde overleg")
    run(store, methods, third, follow_ups=[
        ("Buurtcentrum mailen", ActionOutcome.DROPPED, {"reason": "Niet meer nodig"}),
        ("Wmo-consulent vragen", ActionOutcome.CONTINUED,
         {"due": dt.date(2027, 1, 6), "reason": "Wacht op antwoord"})])
    assert action_list(store, methods, first) == first_then
    assert action_list(store, methods, second) == second_then
    assert follow_up_table(store, methods, second) == follow_ups_then
    # The second meeting's list carried them as it left them; today's status is the third's.
    assert "| Buurtcentrum mailen (sinds 04-11-2026) | Anouk Visser | 09-12-2026 | open |" \
        in second_then
    assert "| Wmo-consulent vragen (sinds 04-11-2026) | Anouk Visser |   | open |" in second_then
    now = {a.what: a for a in meeting_queries.actions(store, session_id=first.id)}
    assert now["Buurtcentrum mailen"].status == ActionStatus.CANCELLED
    assert now["Wmo-consulent vragen"].due == dt.date(2027, 1, 6)


def test_a_meeting_later_on_the_same_day_is_not_earlier(store, methods):
    morning = plan(store, methods, "2026-11-04", "Ochtend", start="09:00")
    afternoon = plan(store, methods, "2026-11-04", "Middag", start="14:00")
    run(store, methods, morning, new=[("Ochtendactie", "Bram de Wit", None)])
    run(store, methods, afternoon, new=[("Middagactie", "Bram de Wit", None)])
    assert [a.what for a in meeting_queries.earlier_open_actions(store, afternoon)] == [
        "Ochtendactie"]
    assert meeting_queries.earlier_open_actions(store, morning) == []


def _as_before_this_version(path, done_without_history: str) -> None:
    """The file as the version before wrote it: events without the action's state before
    them, and (older still) an action closed without any history."""
    from livinglab.storage.schema import MIGRATIONS, _migrate_action_before

    with sqlite3.connect(path) as conn:
        for column in ("was_status", "was_due", "was_owner"):
            conn.execute(f"alter table action_events drop column {column}")
        conn.execute("update actions set status = 'done' where what = ?", [done_without_history])
        conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_action_before)}")
    conn.close()


def test_minutes_of_a_database_made_before_stay_as_they_read_when_it_was_opened(
        db_path, methods):
    """Events made before this version do not say what the action was before them: its
    status is read from the history (open until followed up), its date and owner as they
    were when the file was opened; an action without history is as it stands. From then
    on every follow-up keeps what it changed: the minutes no longer move."""
    with Store(empty_db(db_path)) as store:
        first = plan(store, methods, "2026-11-04", "Eerste overleg")
        run(store, methods, first, new=[
            ("Klantmanager bellen", "Bram de Wit", dt.date(2026, 11, 18)),
            ("Buurtcentrum mailen", "Anouk Visser", dt.date(2026, 11, 20)),
            ("Archief opruimen", "Anouk Visser", None)])
        second = plan(store, methods, "2026-11-25", "Tweede overleg")
        run(store, methods, second, follow_ups=[
            ("Buurtcentrum mailen", ActionOutcome.CONTINUED,
             {"due": dt.date(2026, 12, 9), "reason": "Met vakantie"})])
    _as_before_this_version(db_path, "Archief opruimen")

    with Store(db_path) as store:
        events = meeting_queries.action_events(store)
        assert [e.was_status for e in events] == [None]
        first_then = action_list(store, methods, first)
        second_then = action_list(store, methods, second)
        # Continued at the second meeting, before this version: open in the first's list,
        # with the date it has since (the one before was not kept).
        assert "| Buurtcentrum mailen | Anouk Visser | 09-12-2026 | open |" in first_then
        # Closed without history: as it stands.
        assert "| Archief opruimen | Anouk Visser |" in first_then
        row = [line for line in first_then.splitlines() if "Archief opruimen" in line]
        assert row and row[0].rstrip().endswith("| gedaan |"), row
        assert "Archief opruimen" not in follow_up_table(store, methods, second)

        third = plan(store, methods, "2026-12-09", "Derde overleg")
        run(store, methods, third, follow_ups=[
            ("Klantmanager bellen", ActionOutcome.DONE, {}),
            ("Buurtcentrum mailen", ActionOutcome.CONTINUED,
             {"due": dt.date(2027, 1, 6), "reason": "Nog steeds"})])
        assert action_list(store, methods, first) == first_then
        assert action_list(store, methods, second) == second_then
        assert [a.status for a in meeting_queries.actions(store, session_id=first.id)
                if a.what == "Klantmanager bellen"] == [ActionStatus.DONE]


def test_an_erased_owner_is_gone_from_what_a_follow_up_kept(capsys, db_path, methods):
    """The owner an action had before it was handed over is kept with the follow-up: an
    erase of that person reaches it too."""
    from conftest import run_cli

    with Store(empty_db(db_path)) as store:
        first = create_meeting(store, MeetingPlan(
            title="Eerste overleg", group_name=GROUP, date="2026-11-04", start_time="14:00",
            participants=[PlannedParticipant("Anouk Visser", Role.CHAIR),
                          PlannedParticipant("Gerrit Veenstra", Role.PARTICIPANT)],
            agenda=[PlannedItem("Opening")]), methods)
        run(store, methods, first, new=[("Klantmanager bellen", "Gerrit Veenstra", None)])
        second = plan(store, methods, "2026-11-25", "Tweede overleg")
        run(store, methods, second, follow_ups=[
            ("Klantmanager bellen", ActionOutcome.REASSIGNED,
             {"owner": "Anouk Visser", "reason": "Hij is vertrokken"})])
        assert [e.was_owner for e in meeting_queries.action_events(store)] == ["Gerrit Veenstra"]
    code, _out, err = run_cli(capsys, "--db", str(db_path), "privacy", "person",
                              "Gerrit Veenstra", "--erase", "--yes")
    assert code == 0, err
    with Store(db_path) as store:
        assert [e.was_owner for e in meeting_queries.action_events(store)] == ["[name]"]
        assert "Veenstra" not in action_list(store, methods, first)
