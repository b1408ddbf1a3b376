"""What a chair and a secretary do around the review, by keys only at 80x24: attendance at
the opening, a meeting with a dilemma and a slow question, following up an action at the
next meeting, approving the previous minutes, the case on screen, correcting a plan and
finished minutes."""

from __future__ import annotations

import datetime as dt

from livinglab.minutes import render_minutes
from livinglab.models import (
    ActionOutcome, ActionStatus, AgendaKind, Attendance, MinutesChange, MinutesStatus, Role,
    SessionStatus,
)
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop

from apptools import in_sight, make_app, on_screen, press_until, screen_text, toasts, type_text, until
from conftest import FakeClock, empty_db
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.models import Session

GROUP = "Wijkteam Havenkwartier"
PEOPLE = [("Anouk Visser", Role.CHAIR), ("Bram de Wit", Role.SECRETARY),
          ("Sander Kok", Role.CASE_OWNER), ("Yasmina El Idrissi", Role.PARTICIPANT)]


def plan(store, methods, date: str, agenda: list[PlannedItem], title: str = "Overleg"):
    return create_meeting(store, MeetingPlan(
        title=title, group_name=GROUP, date=date, start_time="14:00",
        participants=[PlannedParticipant(name, role) for name, role in PEOPLE],
        agenda=agenda), methods)


def kinds_agenda(*reviews: tuple[str, str]) -> list[PlannedItem]:
    return ([PlannedItem("Opening"),
             PlannedItem("Notulen vorige vergadering", AgendaKind.APPROVE_MINUTES),
             PlannedItem("Actielijst vorige keer", AgendaKind.ACTION_FOLLOW_UP)]
            + [PlannedItem(f"Casus {n}", AgendaKind.CASE_REVIEW, case, method)
               for n, (case, method) in enumerate(reviews, 1)]
            + [PlannedItem("Sluiting", AgendaKind.CLOSING_ROUND)])


def earlier_meeting_with_an_action(store, methods):
    """A finished meeting of the group, run through the core, with one open action."""
    first = plan(store, methods, "2026-11-04", [
        PlannedItem("Opening"),
        PlannedItem("Casus", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen", "dilemma")],
        title="Eerste overleg")
    w = Workshop(store, first.id, methods, clock=FakeClock())
    w.start()
    w.next_item()
    w.add_action("Klantmanager bellen", "Bram de Wit", dt.date(2026, 11, 18))
    w.finish()
    return first


def prepared(db_path, methods, second_agenda):
    store = Store(empty_db(db_path))
    from livinglab.library.cases import example_cases, import_cases

    import_cases(store, example_cases())
    first = earlier_meeting_with_an_action(store, methods)
    second = plan(store, methods, "2026-11-25", second_agenda, title="Tweede overleg")
    store.close()
    return first, second


async def open_meeting(pilot, app, title: str) -> None:
    """Select the meeting in the home list by its title and open it with enter."""
    await pilot.pause()
    table = app.screen.query_one("#meetings")
    for _ in range(table.row_count):
        if title in str(table.get_row_at(table.cursor_row)):
            break
        await pilot.press("down")
    assert title in str(table.get_row_at(table.cursor_row)), f"no meeting {title!r} in the list"
    await pilot.press("enter")
    await until(pilot, lambda: type(app.screen).__name__ in ("RunnerScreen", "ConfirmDialog"))
    if type(app.screen).__name__ == "ConfirmDialog":  # planned for a later day: start today
        await pilot.press("shift+tab", "enter")
    await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
    await pilot.pause()


async def forward_to(pilot, app, kind: AgendaKind) -> None:
    for _ in range(30):
        if app.screen.workshop.item.kind == kind:
            return
        await pilot.press("ctrl+n")
        await pilot.pause()
    raise AssertionError(f"no item of kind {kind}")


async def tab_to(pilot, app, condition, tries: int = 20) -> None:
    for _ in range(tries):
        if app.focused is not None and condition(app.focused):
            assert await in_sight(pilot, app, app.focused), app.focused
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"never reached; focus is on {app.focused}")


# --- attendance ---------------------------------------------------------------------------


async def test_attendance_is_recorded_at_the_opening_and_heads_the_minutes(db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        assert "ctrl+r records who is there" in screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Attendance" in screen_text(app)
        assert app.focused.has_class("attendance-choice")
        await tab_to(pilot, app, lambda w: w.id and w.id.startswith("attendance-")
                     and "Sander" in str(w.parent.query_one(".attendance-name").render()))
        await pilot.press("enter", "down", "enter")  # Sander: absent with notice
        await pilot.pause()
        await tab_to(pilot, app, lambda w: w.id and w.id.startswith("attendance-")
                     and "Yasmina" in str(w.parent.query_one(".attendance-name").render()))
        await pilot.press("enter", "down", "down", "down", "enter")  # Yasmina: arrived late
        await pilot.pause()
        await tab_to(pilot, app, lambda w: w.id == "latecomer")
        await type_text(pilot, "Karin Smit")
        await pilot.press("enter")
        assert await until(pilot, lambda: "Karin Smit (" in screen_text(app))  # a row now
        # the dialog stays, the cursor in the name again: the next one who joins is
        # typed at once (a walker's second name went into the item's notes)
        assert app.focused.id == "latecomer" and app.focused.value == ""
        await type_text(pilot, "Youssef Amrani")
        await pilot.press("enter")
        assert await until(pilot, lambda: "Youssef Amrani (" in screen_text(app))
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        assert "Karin Smit" in screen_text(app)  # present, in the opening's line
    store = Store(db_path)
    got = {person.name: p.attendance for p, person in meeting_queries.participants(store, second.id)}
    assert got == {"Anouk Visser": Attendance.PRESENT, "Bram de Wit": Attendance.PRESENT,
                   "Sander Kok": Attendance.ABSENT_WITH_NOTICE,
                   "Yasmina El Idrissi": Attendance.LATE, "Karin Smit": Attendance.LATE,
                   "Youssef Amrani": Attendance.LATE}
    text = render_minutes(store, second.id, methods, lang="nl")
    assert "| Afwezig met bericht | Sander Kok |" in text
    assert "Yasmina El Idrissi (later aangeschoven)" in text
    assert "Karin Smit" in [p.name for _m, p in meeting_queries.roster(store, second.group_id)]


# --- several reviews, the case on screen ------------------------------------------------


async def test_a_meeting_with_a_dilemma_and_a_slow_question_keeps_each_review(db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda(
        ("fraude-in-vertrouwen", "dilemma"), ("menselijke-maat", "trage-vragen")))
    app = make_app(db_path, methods)
    seen = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        for _ in range(2):
            await forward_to(pilot, app, AgendaKind.CASE_REVIEW)
            w = app.screen.workshop
            seen.append((w.case.slug, w.method.id))
            # The case on screen: ctrl+f shows it in place of the step at 80 columns.
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert w.case.title in screen_text(app)
            assert "For the facilitator" not in screen_text(app)
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert app.screen.query_one("#case-panel").display is False
            if not seen[1:]:  # read the case, then on: the next step opens on its fields
                await pilot.press("ctrl+f", "ctrl+n")
                await pilot.pause()
                assert app.screen.query_one("#case-panel").display is False
                assert await in_sight(pilot, app, app.focused) and app.focused.id != "case-panel"
                await pilot.press("ctrl+o")
                await pilot.pause()
            # Type in the first field of the first step, then leave the review.
            await type_text(pilot, f"eerste stap {w.method.id}")
            await pilot.press("f8")  # the next agenda item
            await pilot.pause()
    assert seen == [("fraude-in-vertrouwen", "dilemma"), ("menselijke-maat", "trage-vragen")]
    store = Store(db_path)
    reviews = [i for i in meeting_queries.agenda(store, second.id) if i.kind == AgendaKind.CASE_REVIEW]
    captured = [" ".join(str(v) for v in meeting_queries.entries(store, i.id).values()) for i in reviews]
    assert "eerste stap dilemma" in captured[0] and "eerste stap trage-vragen" in captured[1]
    text = render_minutes(store, second.id, methods, lang="nl")
    assert "## 4. Casus 1: Fraude gehoord aan de keukentafel" in text
    assert "## 5. Casus 2: De menselijke maat" in text


async def test_facilitator_notes_are_for_the_chair_only(db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda(("fraude-in-vertrouwen", "dilemma")))
    store = Store(db_path)
    notes = case_queries.case(store, "fraude-in-vertrouwen").facilitator_notes
    store.close()
    assert notes
    first_words = notes.split("\n")[0][:30]
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await forward_to(pilot, app, AgendaKind.CASE_REVIEW)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "For the facilitator" in screen_text(app)
        await pilot.press("f9")  # the shared screen never shows them
        await pilot.pause()
        assert "For the facilitator" not in screen_text(app)
        assert first_words not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "For the facilitator" not in screen_text(app)
    text = render_minutes(Store(db_path), second.id, methods, lang="nl")
    assert first_words not in text and "Voor de begeleider" not in text


# --- following up actions, approving the previous minutes -------------------------------


async def test_an_action_is_followed_up_at_the_next_meeting(db_path, methods):
    first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await forward_to(pilot, app, AgendaKind.ACTION_FOLLOW_UP)
        text = screen_text(app)
        # Due 18 November, the meeting is on the 25th: overdue, and marked so.
        assert "! overdue — Klantmanager bellen · Bram de Wit" in text
        await tab_to(pilot, app, lambda w: w.id == "follow-up")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "outcome"
        await pilot.press("enter", "down", "enter")  # continued
        await pilot.pause()
        await tab_to(pilot, app, lambda w: w.id == "due")
        await type_text(pilot, "09-12-2026")
        await pilot.press("enter")  # without a reason: said in the dialog, which stays
        assert await until(pilot, lambda: "Say why the action needs more time." in
                           screen_text(app)), screen_text(app)
        await tab_to(pilot, app, lambda w: w.id == "reason")
        await type_text(pilot, "De klantmanager is met vakantie")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        await pilot.pause()
        assert "continued — Klantmanager bellen · Bram de Wit" in screen_text(app)
        # And then it is done after all: the history keeps both.
        assert app.focused.id == "follow-up"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab")  # outcome stays "done"; to the buttons
        await tab_to(pilot, app, lambda w: w.id == "ok")
        await pilot.press("enter")
        assert await until(pilot, lambda: "continued, done — Klantmanager" in screen_text(app))
    store = Store(db_path)
    [action] = meeting_queries.actions(store, session_id=first.id)
    assert action.status == ActionStatus.DONE and action.due == dt.date(2026, 12, 9)
    history = [(e.outcome, e.due, e.session_id) for e in meeting_queries.action_events(store, [action.id])]
    assert history == [(ActionOutcome.CONTINUED, dt.date(2026, 12, 9), second.id),
                       (ActionOutcome.DONE, None, second.id)]
    text = render_minutes(store, second.id, methods, lang="nl")
    assert ("| Klantmanager bellen | Bram de Wit | 09-12-2026 | doorgeschoven naar 09-12-2026: "
            "De klantmanager is met vakantie; gedaan |") in text
    assert "| Klantmanager bellen (sinds 04-11-2026) | Bram de Wit | 09-12-2026 | gedaan |" in text


async def test_the_previous_minutes_are_approved_with_corrections(db_path, methods):
    first, second = prepared(db_path, methods, kinds_agenda())
    store = Store(db_path)
    assert "**Concept**" in render_minutes(store, first.id, methods, lang="nl")
    store.close()
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await forward_to(pilot, app, AgendaKind.APPROVE_MINUTES)
        assert "Minutes of 04-11-2026: draft" in screen_text(app)
        await tab_to(pilot, app, lambda w: w.id == "corrections")
        await type_text(pilot, "Sander was er wel bij")
        await tab_to(pilot, app, lambda w: w.id == "approve")
        await pilot.press("enter")
        assert await until(
            pilot, lambda: "Minutes of 04-11-2026: approved 25-11-2026" in screen_text(app))
        # The corrections stay in sight, as approved (the field is empty again).
        assert app.screen.query_one("#corrections").text == ""
        assert await until(pilot, lambda: "with corrections: Sander was" in " ".join(
            " ".join(line.split("│", 1)[-1] for line in screen_text(app).splitlines()).split()))
    store = Store(db_path)
    settled = store.get(Session, first.id)
    assert settled.minutes_status == MinutesStatus.SETTLED
    assert settled.minutes_settled_on == dt.date(2026, 11, 25)
    old = render_minutes(store, first.id, methods, lang="nl")
    assert "**Vastgesteld op 25 november 2026**" in old and "**Concept**" not in old
    new = render_minutes(store, second.id, methods, lang="nl")
    assert ("De notulen van 4 november 2026 zijn vastgesteld. Correcties: Sander was er wel "
            "bij") in new


async def test_the_case_opened_while_typing_gives_the_cursor_back_to_the_same_field(
        db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda(("fraude-in-vertrouwen",
                                                              "dilemma")))
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await forward_to(pilot, app, AgendaKind.CASE_REVIEW)
        await press_until(pilot, "ctrl+n", lambda: "Step 3/" in screen_text(app), most=5)
        await pilot.press("tab")  # the dilemma's option A: not the step's first field
        await pilot.pause()
        field = app.focused
        assert field.id.endswith("-a")
        await type_text(pilot, "Sanne")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert not app.screen.query_one("#step").display  # the case covers the step
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.focused is field
        await type_text(pilot, " vertelt")
        assert await until(pilot, lambda: field.value == "Sanne vertelt")
        # Typing while the case covers the step: the case makes way, the letters land.
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.focused is not field
        await type_text(pilot, " het")
        assert await until(pilot, lambda: field.value == "Sanne vertelt het")
        assert app.focused is field and on_screen(app, field)


async def test_a_long_sentence_in_the_last_field_stays_in_sight_as_it_wraps(db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda(("fraude-in-vertrouwen",
                                                              "dilemma")))
    harm = ("Als we de onderhuur niet melden, staan we niet meer achter wat we de gemeente "
            "hebben beloofd, loopt Sanne zelf risico en wordt de huurder op zolder zonder "
            "huurbescherming in het ongewisse gelaten.")
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Tweede overleg")
        await forward_to(pilot, app, AgendaKind.CASE_REVIEW)
        await press_until(pilot, "ctrl+n", lambda: "Step 3/" in screen_text(app), most=5)
        await press_until(pilot, "tab", lambda: app.focused.id.endswith("-b_harm"), most=8)
        field = app.focused
        body = app.screen.query_one("#step-body")  # what lies above the keys
        await type_text(pilot, harm)
        await until(pilot, lambda: field.region.height >= 3
                    and body.region.contains_region(field.region),
                    what="the field grown to three lines, wholly above the keys")
        assert "Als we de onderhuur" not in screen_text(app)  # four lines: its end shows
        await pilot.press("shift+tab")  # left, the field shows how the sentence starts
        assert await until(pilot, lambda: "Als we de onderhuur niet melden" in screen_text(app))


# --- case import tells what it did -------------------------------------------------------

CASE = """---
title: {title}
kind: dilemma
id: {slug}
suggested_method: {method}
---

## Situatie

Een wijkteam twijfelt.
"""


def test_case_import_names_what_it_added_updated_and_replaced(capsys, tmp_path):
    from conftest import run_cli as run

    db = tmp_path / "x.db"
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "twee-bazen.md").write_text(CASE.format(title="Twee bazen", slug="twee-bazen",
                                                      method="dilemma"))
    (folder / "fraude.md").write_text(CASE.format(title="Mijn fraude", slug="fraude-in-vertrouwen",
                                                  method="bestaat-niet"))
    code, out, err = run(capsys, "--db", str(db), "cases", "import", str(folder))
    assert code == 0
    assert out.splitlines() == [
        "added: twee-bazen (Twee bazen)",
        "replaced the built-in example: fraude-in-vertrouwen (Mijn fraude)",
        "1 added, 1 updated, 0 with problems"]
    assert ("warning: fraude-in-vertrouwen (Mijn fraude): suggested_method 'bestaat-niet' is "
            "not a known method; no method is offered first") in err
    # Imported again: now an update of the group's own case, and said so.
    code, out, _err = run(capsys, "--db", str(db), "cases", "import", str(folder / "fraude.md"))
    assert code == 0
    assert out.splitlines() == ["updated: fraude-in-vertrouwen (Mijn fraude)",
                                "0 added, 1 updated, 0 with problems"]


def test_case_import_takes_a_single_file(capsys, tmp_path):
    from conftest import run_cli as run

    db = tmp_path / "x.db"
    one = tmp_path / "los.md"
    one.write_text(CASE.format(title="Losse casus", slug="los", method="dilemma"))
    code, out, err = run(capsys, "--db", str(db), "cases", "import", str(one))
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "added: los (Losse casus)"
    assert case_queries.case(Store(db), "los").title == "Losse casus"
    code, _out, err = run(capsys, "--db", str(db), "cases", "import", str(tmp_path / "weg.md"))
    assert code == 1 and "weg.md" in err and "no such file or folder" in err


# --- correcting a plan, correcting minutes -----------------------------------------------


async def test_a_planned_meeting_is_edited_from_home_by_keys(db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda(("fraude-in-vertrouwen", "dilemma")))
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        await press_until(pilot, "down", lambda: "Tweede overleg" in str(table.get_row_at(table.cursor_row)))
        await pilot.press("e")
        await until(pilot, lambda: type(app.screen).__name__ == "NewMeetingScreen")
        await pilot.pause()
        assert app.focused.id == "title" and app.focused.value == "Tweede overleg"
        await pilot.press("end", *" (verzet)")
        # A second review after the first: ctrl+n in the agenda adds a row below the cursor.
        await tab_to(pilot, app, lambda w: w.has_class("agenda-title") and w.value == "Casus 1",
                     tries=40)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused.has_class("agenda-title") and app.focused.value == ""
        await type_text(pilot, "Trage vraag")
        await pilot.press("tab", "enter", "down", "enter")  # kind: case review
        await pilot.pause()
        await pilot.press("tab", "enter")
        await type_text(pilot, "De menselijke")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        # the edited meeting is still the selected one: enter opens it, not another
        await pilot.pause()
        await pilot.press("enter")
        assert await until(pilot, lambda: "Tweede overleg (verzet)" in screen_text(app)
                           and type(app.screen).__name__ == "RunnerScreen")
    store = Store(db_path)
    edited = store.get(Session, second.id)
    assert edited.title == "Tweede overleg (verzet)"
    assert edited.status == SessionStatus.RUNNING  # opened with enter after the edit
    reviews = [(case_queries.case(store, i.case_id).slug, i.method_id) for i in meeting_queries.agenda(store, second.id)
               if i.kind == AgendaKind.CASE_REVIEW]
    assert reviews == [("fraude-in-vertrouwen", "dilemma"), ("menselijke-maat", "trage-vragen")]


async def test_a_planned_meeting_is_deleted_after_asking(db_path, methods):
    _first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        await press_until(pilot, "down", lambda: "Tweede overleg" in str(table.get_row_at(table.cursor_row)))
        await pilot.press("e")
        await until(pilot, lambda: type(app.screen).__name__ == "NewMeetingScreen")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Delete this planned meeting?" in screen_text(app)
        await pilot.press("tab", "enter")  # from Cancel to Delete... the focus starts on Cancel
        await pilot.pause()
    store = Store(db_path)
    assert store.get(Session, second.id) is None and meeting_queries.agenda(store, second.id) == []


async def test_finished_minutes_are_corrected_and_say_so(db_path, methods):
    first, second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        await press_until(pilot, "down", lambda: "Eerste overleg" in str(table.get_row_at(table.cursor_row)))
        await pilot.press("e")
        await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        await pilot.pause()
        assert "Correcting the minutes" in screen_text(app)
        assert app.focused.id == "notes"
        await type_text(pilot, "Gecorrigeerd: Sander was erbij.")
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    store = Store(db_path)
    session = store.get(Session, first.id)
    assert session.status == SessionStatus.FINISHED  # still finished, times untouched
    assert meeting_queries.agenda(store, first.id)[0].notes == "Gecorrigeerd: Sander was erbij."
    assert [e.change for e in meeting_queries.minutes_events(store, first.id)] == [MinutesChange.CORRECTED]
    text = render_minutes(store, first.id, methods, lang="nl")
    assert "| Gecorrigeerd |" in text and "**Concept**" in text


def test_settled_minutes_reopen_only_with_a_reason(library_store, methods):
    from livinglab.live.around import correct_minutes, settle_minutes

    first = earlier_meeting_with_an_action(library_store, methods)
    second = plan(library_store, methods, "2026-11-25", kinds_agenda())
    settle_minutes(library_store, first.id, second)
    try:
        correct_minutes(library_store, first.id)
    except ValueError as e:
        assert "say why they are reopened" in str(e)
    else:
        raise AssertionError("settled minutes were reopened without a reason")
    assert library_store.get(Session, first.id).minutes_status == MinutesStatus.SETTLED
    correct_minutes(library_store, first.id, "Een naam stond verkeerd")
    assert library_store.get(Session, first.id).minutes_status == MinutesStatus.CONCEPT
    text = render_minutes(library_store, first.id, methods, lang="en")
    assert "**Draft**" in text and "Een naam stond verkeerd" in text and "| Reopened |" in text


async def test_the_roster_takes_people_in_and_lets_them_leave(db_path, methods):
    first, _second = prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await until(pilot, lambda: type(app.screen).__name__ == "RosterScreen")
        await pilot.pause()
        assert app.focused.id == "members"
        assert "Bram de Wit" in screen_text(app)
        await tab_to(pilot, app, lambda w: w.id == "member-name")
        await type_text(pilot, "Fatima Bouali")
        await pilot.press("tab")
        await type_text(pilot, "ervaringsdeskundige")
        await pilot.press("enter")
        await until(pilot, lambda: "Fatima Bouali · ervaringsdeskundige" in screen_text(app))
        assert app.focused.id == "member-name"  # ready for the next one
        await pilot.press("shift+tab")
        assert app.focused.id == "members"
        await pilot.press("down")  # from Anouk Visser to Bram de Wit, second by name
        await pilot.press("ctrl+t")
        assert await until(pilot, lambda: "left 25-11-2026" in screen_text(app))
    store = Store(db_path)
    roster = {p.name: (m.left_on, p.discipline) for m, p in meeting_queries.roster(store, first.group_id)}
    assert roster["Bram de Wit"][0] == dt.date(2026, 11, 25), roster
    assert roster["Fatima Bouali"] == (None, "ervaringsdeskundige")
    # Who left stays in the minutes of the meeting he was at.
    assert "Bram de Wit" in render_minutes(store, first.id, methods, lang="nl")


async def test_a_known_group_offers_the_people_of_its_last_meeting(db_path, methods):
    prepared(db_path, methods, kinds_agenda())
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewMeetingScreen")
        await type_text(pilot, "Derde overleg")
        await pilot.press("tab")
        await type_text(pilot, GROUP)
        # names and roles: the roles' selects take their values a frame after the names
        assert await until(pilot, lambda: [i.value for i in app.screen.query(
            ".participant-name")] == [name for name, _role in PEOPLE] and [
            s.value for s in app.screen.query(".participant-role")] == [
            role.value for _name, role in PEOPLE])
        assert app.focused.id == "group"  # the cursor stays where the chair is typing


async def test_a_known_group_offers_its_members_who_came_and_says_who_it_left_out(
        db_path, methods):
    """A guest of the last meeting and a member absent from it are not filled in: the
    note says so, by name, so the chair can add one with ctrl+n."""
    store = Store(empty_db(db_path))
    create_meeting(store, MeetingPlan(
        title="Eerste overleg", group_name=GROUP, date="2026-11-04", start_time="14:00",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR),
                      PlannedParticipant("Bram de Wit", Role.SECRETARY),
                      PlannedParticipant("Karin Smit", Role.PARTICIPANT,
                                         Attendance.ABSENT_WITH_NOTICE),
                      PlannedParticipant("Gerrit Veenstra", Role.GUEST)],
        agenda=[PlannedItem("Opening")]), methods)
    store.close()
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewMeetingScreen")
        await type_text(pilot, "Tweede overleg")
        await pilot.press("tab")
        await type_text(pilot, GROUP)
        assert await until(pilot, lambda: [i.value for i in app.screen.query(
            ".participant-name")] == ["Anouk Visser", "Bram de Wit"])
        assert await until(pilot, lambda: any(
            "Absent last time, not filled in: Karin Smit." in " ".join(t.split())
            and "Guests, not filled in: Gerrit Veenstra." in " ".join(t.split())
            for t in toasts(app)))
        assert app.focused.id == "group"
