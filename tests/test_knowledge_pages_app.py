"""The knowledge screen shows a page of each list, with the whole list's number on its
tab, and reads the next page when the cursor reaches the last row (issue 27). Keys only."""

from __future__ import annotations

import datetime as dt

from livinglab.memory import knowledge
from livinglab.models import Group, Lesson, Session, SessionStatus
from livinglab.storage.store import Store

from apptools import make_app, press_until, screen_text, until
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


def fill_with_questions(db_path):
    """Two groups; lessons of two themes; a slow question with two pages of history (the
    last one left something open); a tension named in two meetings."""
    from livinglab.models import QuestionWork, SlowQuestion, Tension

    with Store(empty_db(db_path)) as store:
        north = store.save(Group(name="Wijkteam Noord"))
        south = store.save(Group(name="Wijkteam Zuid"))
        meetings = []
        for month, group in ((3, north), (5, south), (9, north)):
            meetings.append(store.save(Session(
                title=f"Overleg {month}", group_id=group.id, date=dt.date(2026, month, 5),
                status=SessionStatus.FINISHED)))
        march, may, september = meetings
        store.save(Lesson(group_id=north.id, session_id=march.id, text="Armoede zie je laat",
                          themes=["Armoede"]))
        store.save(Lesson(group_id=south.id, session_id=may.id, text="Eerst luisteren",
                          themes=["Regie"]))
        store.save(Lesson(group_id=north.id, session_id=september.id,
                          text="Vraag door naar de schulden", themes=["Armoede"]))
        store.save(SlowQuestion(
            group_id=north.id, session_id=march.id, question="Wanneer is zorg genoeg?",
            history=[QuestionWork(session_id=march.id, date=march.date,
                                  left_open=["wat de buurt vindt"]),
                     QuestionWork(session_id=september.id, date=september.date,
                                  added=["de wet zegt weinig"],
                                  left_open=["wie beslist er"])]))
        for meeting in (march, september):
            store.save(Tension(group_id=north.id, session_id=meeting.id,
                               pole_a="Eigen kracht", pole_b="Zorgplicht"))
        return meetings


async def test_the_knowledge_screen_shows_each_first_page_its_count_and_last_page(
        db_path, methods):
    _march, _may, september = fill_with_questions(db_path)
    app = make_app(db_path, methods)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("k")
        assert await until(pilot, lambda: "Lessons (3)" in screen_text(app))
        assert await until(pilot, lambda: "Tensions (1)" in screen_text(app))
        text = screen_text(app)
        assert "Slow questions (1)" in text and "Precedents (0)" in text
        # the newest lesson first, with its meeting under the list
        assert text.index("Vraag door naar de schulden") < text.index("Eerst luisteren") \
            < text.index("Armoede zie je laat")
        assert "Overleg 9 ·" in text
        await pilot.press("right")  # the slow question, dated by its last meeting on it
        assert await until(pilot, lambda: "Left open: wie beslist er" in screen_text(app))
        text = screen_text(app)
        assert "05-09-2026" in text and "Wanneer is zorg genoeg?" in text
        assert "wat de buurt vindt" not in text  # an earlier page's: not the question's now
        await pilot.press("e")  # the dialog holds every page of its history
        assert await until(pilot, lambda: "wat de buurt vindt" in screen_text(app))
        assert "05-09-2026 · Overleg 9" in screen_text(app)
        await pilot.press("escape")
        assert await until(pilot, lambda: "Slow questions (1)" in screen_text(app))
        await pilot.press("right")
        assert await until(pilot, lambda: "Eigen kracht ↔ Zorgplicht" in screen_text(app))
        assert "2×" in screen_text(app)
        await pilot.press("enter")  # the tension as its latest meeting named it
        from livinglab.tui.screens.minutes_preview import MinutesScreen

        assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
        assert app.screen.session_id == september.id


async def test_the_theme_filter_offers_the_themes_and_filters_the_lists(db_path, methods):
    fill_with_questions(db_path)
    app = make_app(db_path, methods)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("k")
        assert await until(pilot, lambda: "Lessons (3)" in screen_text(app))
        await press_until(pilot, "tab", lambda: getattr(app.focused, "id", None)
                          == "filter-theme")
        await pilot.press("enter")  # the themes, read after the lists: Armoede, Regie
        assert await until(pilot, lambda: "Regie" in screen_text(app))
        await pilot.press("down", "down", "enter")
        assert await until(pilot, lambda: "Lessons (1)" in screen_text(app))
        text = screen_text(app)
        assert "Eerst luisteren" in text and "Armoede zie je laat" not in text
        assert "Tensions (0)" in text  # the tension's meeting has no case of that theme
        await pilot.press("ctrl+r")
        assert await until(pilot, lambda: "Lessons (3)" in screen_text(app))


async def test_keys_pressed_while_the_lists_are_read_reach_the_list_in_view(
        db_path, methods, monkeypatch):
    """The lists are read in a thread: held back here until the keys are in, so that the
    keys surely come while the screen says it is busy."""
    import threading

    from livinglab.tui.screens import knowledge as screen

    fill_with_questions(db_path)
    go_on = threading.Event()
    read = screen.page

    def held_page(*args, **kwargs):
        assert go_on.wait(30), "the test never let the read go on"
        return read(*args, **kwargs)

    monkeypatch.setattr(screen, "page", held_page)
    app = make_app(db_path, methods)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("k")
        assert await until(pilot, lambda: "Busy: reading the list…" in screen_text(app))
        assert "Lessons (" not in screen_text(app)  # no number before the list is read
        await pilot.press("right", "right", "down")  # to the tensions, before any is read
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "list-tension")
        assert "Busy: reading the list…" in screen_text(app)
        go_on.set()
        assert await until(pilot, lambda: "Eigen kracht ↔ Zorgplicht" in screen_text(app))
        assert await until(pilot, lambda: "Lessons (3)" in screen_text(app))
        assert app.focused.id == "list-tension"
        assert "Vraag door naar de schulden" not in screen_text(app)  # the lessons: hidden
        await pilot.press("left")
        assert await until(pilot, lambda: "Left open: wie beslist er" in screen_text(app))
        assert app.focused.id == "list-slow-question"
