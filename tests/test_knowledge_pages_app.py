"""The knowledge screen shows a page of each list, with the whole list's number on its
tab, and reads the next page when the cursor reaches the last row (issue 27). Keys only."""

from __future__ import annotations

import datetime as dt

from livinglab.memory import knowledge
from livinglab.models import Group, Lesson, Session, SessionStatus
from livinglab.storage.store import Store

from apptools import make_app, screen_text, until
from conftest import empty_db


async def test_the_lessons_list_reads_its_next_page_at_its_last_row(db_path, methods,
                                                                     monkeypatch):
    monkeypatch.setattr(knowledge, "PAGE", 3)
    with Store(empty_db(db_path)) as store:
        group = store.save(Group(name="Wijkteam Noord"))
        for month in range(1, 8):
            session = store.save(Session(title=f"Overleg {month}", group_id=group.id,
                                         date=dt.date(2026, month, 5),
                                         status=SessionStatus.FINISHED))
            store.save(Lesson(group_id=group.id, session_id=session.id,
                              text=f"Les van maand {month}"))
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        assert await until(pilot, lambda: "Lessons (7)" in screen_text(app))
        text = screen_text(app)
        assert "Les van maand 7" in text and "Les van maand 5" in text
        assert "Les van maand 4" not in text  # the first page: the newest three
        await pilot.press("down", "down")  # the last row of the page read the next one
        assert await until(pilot, lambda: "Les van maand 4" in screen_text(app))
        assert "Les van maand 1" not in screen_text(app)
        await pilot.press("down", "down", "down")
        assert await until(pilot, lambda: "Les van maand 1" in screen_text(app))
        await pilot.press("down", "down", "down")  # past the last: it stays there
        assert await until(pilot, lambda: "Overleg 1 ·" in screen_text(app))
        assert "Lessons (7)" in screen_text(app)
