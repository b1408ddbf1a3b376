"""Hundreds of command-line writes at once beside a running meeting: every one succeeds.

The same run as bench/busy_cli.py (which prints its timings): a meeting stores what is
typed every half second through an open Store, while 300 processes start at once, half
importing a case file of their own, half adding a name of their own to the watch list.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from livinglab.storage.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from busy_cli import GROUP, MeetingBeside, prepare, run_writers  # noqa: E402
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.privacy import queries as privacy_queries

RUNS = 300


@pytest.mark.slow
def test_300_command_line_writes_at_once_beside_a_running_meeting_all_succeed(tmp_path):
    db = tmp_path / "livinglab.db"
    meeting = MeetingBeside(db, prepare(db))
    with meeting:
        runs = run_writers(db, tmp_path / "cases", RUNS)

    failed = [f"{' '.join(run.args[4:])}: {run.err}" for run in runs if run.code]
    assert not failed, f"{len(failed)} of {RUNS} failed, the first: {failed[0]}"
    with Store(db) as store:
        titles = {case.title for case in case_queries.cases(store)}
        assert {f"Gelijktijdig {n}" for n in range(0, RUNS, 2)} <= titles
        group = meeting_queries.find_group(store, GROUP)
        assert set(privacy_queries.watch_names(store, group.id)) == {f"Naam {n}" for n in range(1, RUNS, 2)}
        item = meeting_queries.agenda(store, meeting.session_id)[0]
        assert meeting.writes > 0 and meeting_queries.entries(store, item.id)["arrival"] == meeting.typed
        assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
