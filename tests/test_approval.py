"""The corrections a group gives when it approves the previous minutes (at the item
'Notulen vorige vergadering') appear in those approved minutes: in both languages, in
Markdown and Word, and pseudonymised in the shareable variant."""

from __future__ import annotations

import datetime as dt

import docx

from livinglab.minutes import render_minutes
from livinglab.minutes.docx import write_docx
from livinglab.models import AgendaKind, Role
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.live.workshop import Workshop
from livinglab.live.around import correct_minutes

from conftest import PEOPLE

CORRECTIONS = "Sander Kok was er wel; mevrouw Jansen heet Janssen"


def meeting(store, methods, date):
    return create_meeting(store, MeetingPlan(
        title=f"Overleg {date}", group_name="Wijkteam Havenkwartier", date=date,
        participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Notulen vorige vergadering", AgendaKind.APPROVE_MINUTES)]),
        methods)


def approved(store, methods, clock, corrections=CORRECTIONS):
    """The first meeting held, then approved with corrections at the second."""
    first = meeting(store, methods, "2026-11-25")
    held = Workshop(store, first.id, methods, clock=clock)
    held.start()
    held.finish()
    second = meeting(store, methods, "2026-12-09")
    approving = Workshop(store, second.id, methods, clock=clock,
                         wallclock=lambda: dt.datetime(2026, 12, 9, 10, 0))
    approving.start()
    approving.go_to_item(approving.items[1].id)
    approving.approve_previous_minutes(corrections)
    return first, second


def test_the_approved_minutes_say_so_with_the_corrections(library_store, methods, clock):
    first, second = approved(library_store, methods, clock)
    nl = render_minutes(library_store, first.id, methods, lang="nl")
    assert ("| Notulen | Vastgesteld op 9 december 2026 met correcties: Sander Kok was er "
            "wel; mevrouw Jansen heet Janssen |") in nl, nl
    assert "**Vastgesteld op 9 december 2026**" in nl
    en = render_minutes(library_store, first.id, methods, lang="en")
    assert ("| Minutes | Approved on 9 December 2026 with corrections: Sander Kok was er "
            "wel; mevrouw Jansen heet Janssen |") in en, en
    # the approving meeting says it too, as before
    said = render_minutes(library_store, second.id, methods, lang="nl")
    assert "Correcties: Sander Kok was er wel" in said


def test_without_corrections_the_minutes_say_only_approved(library_store, methods, clock):
    first, _second = approved(library_store, methods, clock, corrections="  ")
    text = render_minutes(library_store, first.id, methods, lang="nl")
    # said once, on the status line; the table's row only holds corrections
    assert text.count("Vastgesteld op 9 december 2026") == 1
    assert "**Vastgesteld op 9 december 2026**" in text and "| Notulen |" not in text
    assert "correcties" not in text


def test_the_shareable_minutes_pseudonymise_the_corrections(library_store, methods, clock):
    first, _second = approved(library_store, methods, clock)
    text = render_minutes(library_store, first.id, methods, lang="nl", shareable=True)
    assert ("| Notulen | Vastgesteld op 9 december 2026 met correcties: Casusinbrenger was er "
            "wel; mevrouw \\[naam-1\\] heet Janssen |") in text, text
    assert "Sander" not in text and "Jansen" not in text


def test_the_word_minutes_hold_the_corrections(library_store, methods, clock, tmp_path):
    first, _second = approved(library_store, methods, clock)
    path = tmp_path / "notulen.docx"
    write_docx(path, render_minutes(library_store, first.id, methods, lang="nl"))
    rows = [[cell.text.strip() for cell in row.cells]
            for table in docx.Document(str(path)).tables for row in table.rows]
    assert ["Notulen", "Vastgesteld op 9 december 2026 met correcties: Sander Kok was er "
            "wel; mevrouw Jansen heet Janssen"] in rows


def test_reopened_and_approved_again_the_first_approval_stays_in_the_history(
        library_store, methods, clock):
    first, second = approved(library_store, methods, clock)
    correct_minutes(library_store, first.id, "Een datum stond verkeerd",
                    at=dt.datetime(2026, 12, 10, 9, 0))
    reopened = render_minutes(library_store, first.id, methods, lang="en")
    assert "**Draft**" in reopened
    assert "| Approved | 9 December 2026: Sander Kok was er wel" in reopened, reopened
    assert "| Reopened | 10 December 2026: Een datum stond verkeerd |" in reopened
