"""Snapshots of the key screens at 80x24 and 120x40 (pytest-textual-snapshot).

Update them after an intended change with `make test ARGS=--snapshot-update` and look
at the report before committing.
"""

import datetime as dt

import pytest

from livinglab.library.cases import example_cases, import_cases
from livinglab.methods import load_methods
from livinglab.models import AgendaKind, Role
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop

from conftest import FakeClock, empty_db

SIZES = [(80, 24), (120, 40)]


def snapshot_app(tmp_path, method_id="dilemma", case="fraude-in-vertrouwen", step=None):
    from livinglab.tui.app import LivingLabApp

    methods = load_methods()
    store = Store(empty_db(tmp_path / "snap.db"))
    import_cases(store, example_cases())
    plan = MeetingPlan(
        title="Moreel beraad", group_name="Wijkteam Havenkwartier", date="2026-11-25",
        start_time="9:30",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR),
                      PlannedParticipant("Bram de Wit", Role.SECRETARY),
                      PlannedParticipant("Sander Kok", Role.CASE_OWNER),
                      PlannedParticipant("Yasmina El Idrissi")],
        agenda=[PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW, case, method_id)],
    )
    session = create_meeting(store, plan, methods)
    if step:
        workshop = Workshop(store, session.id, methods)
        workshop.go_to_step(next(n for n, s in enumerate(workshop.method.steps) if s.id == step))
    app = LivingLabApp(store, methods, today=lambda: dt.date(2026, 11, 25), clock=FakeClock())
    return app, session.id


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, tmp_path, size):
    app, _session = snapshot_app(tmp_path)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_new_meeting(snap_compare, tmp_path, size):
    app, _session = snapshot_app(tmp_path)

    async def settled(pilot):  # the form mounted and its title focused, however busy CI is
        from apptools import until

        await pilot.press("n")
        assert await until(pilot, lambda: app.focused is not None
                           and app.focused.id == "title" and app.screen.is_mounted)
        await pilot.pause(0.2)

    assert snap_compare(app, run_before=settled, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("method_id, case, step", [
    ("dilemma", "fraude-in-vertrouwen", "dilemma"),
    ("spanningen", "eigen-kracht-zorgplicht", "sides"),
    ("dilemma", "fraude-in-vertrouwen", "conclusions"),
])
def test_runner(snap_compare, tmp_path, size, method_id, case, step):
    app, session_id = snapshot_app(tmp_path, method_id, case, step)

    async def open_runner(pilot):
        from livinglab.tui.screens.runner import RunnerScreen

        await pilot.press("escape")  # the resume offer is not what this snapshot is about
        await app.push_screen(RunnerScreen(session_id))
        await pilot.pause()

    assert snap_compare(app, run_before=open_runner, terminal_size=size)
