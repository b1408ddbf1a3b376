"""Saving minutes from the app at 80x24, keys only: two meetings of one group on one day
each offer a name of their own (no question to overwrite the other's), and the dialog
says in full which folder the file goes to."""

from __future__ import annotations

import datetime as dt

from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.minutes import default_file_name
from livinglab.models import Group, Role, Session, SessionStatus
from livinglab.storage.store import Store

from apptools import make_app, screen_text, until
from conftest import empty_db

GROUP = "Wijkteam Havenkwartier"


def two_meetings_on_one_day(db_path, methods, times=("09:00", "14:00")):
    with Store(empty_db(db_path)) as store:
        for title, start in zip(("Ochtendoverleg", "Middagoverleg"), times):
            session = create_meeting(store, MeetingPlan(
                title=title, group_name=GROUP, date="2026-11-25", start_time=start,
                participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
                agenda=[PlannedItem("Opening")]), methods)
            session.status = SessionStatus.FINISHED
            store.save(session)


async def save_minutes(pilot, app) -> str:
    """From the minutes: s, the dialog's text read, enter."""
    from livinglab.tui.widgets.dialogs import AskDialog

    await pilot.press("s")
    assert await until(pilot, lambda: isinstance(app.screen, AskDialog))
    shown = screen_text(app)
    await pilot.press("enter")
    return shown


async def test_two_meetings_of_a_group_on_one_day_save_to_two_files(
        db_path, methods, monkeypatch, tmp_path):
    from livinglab.tui.screens.home import HomeScreen
    from livinglab.tui.screens.minutes_preview import MinutesScreen
    from livinglab.tui.widgets.dialogs import ConfirmDialog

    folder = tmp_path / "notulen"
    folder.mkdir()
    monkeypatch.chdir(folder)  # the minutes screen offers to save in the working folder
    two_meetings_on_one_day(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the newest: the afternoon's
        assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
        shown = await save_minutes(pilot, app)
        # The folder in full, though the name field shows only the end of a long path.
        assert "It goes to the folder" in shown, shown
        inside = "".join(line.split("█")[1].strip() for line in shown.splitlines()
                         if line.count("█") == 2)  # the dialog's lines, joined where it wrapped
        assert f"{folder};" in inside, shown
        afternoon = folder / "2026-11-25-wijkteam-havenkwartier-1400.md"
        assert await until(pilot, afternoon.exists)
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("down", "enter")  # the morning's
        assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen)
                           and "Ochtendoverleg" in screen_text(app))
        await save_minutes(pilot, app)
        morning = folder / "2026-11-25-wijkteam-havenkwartier-0900.md"
        assert await until(pilot, morning.exists)
        assert not isinstance(app.screen, ConfirmDialog)
    assert "Ochtendoverleg" in morning.read_text("utf-8")
    assert "Middagoverleg" in afternoon.read_text("utf-8")


def test_a_default_name_says_which_meeting_of_the_day(store, methods):
    group = store.save(Group(name=GROUP))

    def meeting(title, start=None):
        return store.save(Session(title=title, group_id=group.id, date=dt.date(2026, 11, 25),
                                  start_time=start))

    alone = meeting("Overleg", dt.time(14))
    assert default_file_name(alone, group) == "2026-11-25-wijkteam-havenkwartier.md"
    # By start time; without one (or the same), by its place in the day; never by title.
    other = meeting("Casus Jansen", dt.time(9, 30))
    assert default_file_name(alone, group, same_day=[other]) == \
        "2026-11-25-wijkteam-havenkwartier-1400.md"
    assert default_file_name(other, group, True, same_day=[alone]) == \
        "2026-11-25-wijkteam-havenkwartier-0930-deelbaar.md"
    first, second = meeting("Casus Jansen"), meeting("Casus Pietersen")
    names = {default_file_name(s, group, same_day=[first, second]) for s in (first, second)}
    assert names == {"2026-11-25-wijkteam-havenkwartier-1.md",
                     "2026-11-25-wijkteam-havenkwartier-2.md"}
