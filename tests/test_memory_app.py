"""The search and knowledge screens, driven by keys only at 80x24."""

from __future__ import annotations

import datetime as dt

from livinglab.models import (
    Action, Group, Lesson, Session, SessionStatus, SlowQuestion, Tension,
)
from livinglab.storage.store import Store

from apptools import in_sight, make_app, on_screen, press_until, screen_text, search_for, type_text, until
from conftest import empty_db



def fill(db_path):
    with Store(empty_db(db_path)) as store:
        north = store.save(Group(name="Wijkteam Noord", municipality="Den Helder"))
        south = store.save(Group(name="Wijkteam Zuid", municipality="Texel"))
        old = store.save(Session(title="Januari-overleg", group_id=north.id,
                                         date=dt.date(2026, 1, 5),
                                         status=SessionStatus.FINISHED))
        new = store.save(Session(title="Oktober-overleg", group_id=south.id,
                                         date=dt.date(2026, 10, 5),
                                         status=SessionStatus.FINISHED))
        store.save(Lesson(group_id=north.id, session_id=old.id,
                                 text="Kinderarmoede zie je pas laat", themes=["Armoede"]))
        store.save(Lesson(group_id=south.id, session_id=new.id,
                                 text="Eerst luisteren, dan plannen", themes=["Regie"]))
        store.save(SlowQuestion(group_id=south.id, session_id=new.id,
                                              question="Wie heeft de regie in de wijk?",
                                              to_region=True))
        for session in (old, new):
            store.save(Tension(group_id=session.group_id, session_id=session.id,
                                       pole_a="Eigen kracht", pole_b="Zorgplicht"))
        store.save(Action(group_id=north.id, session_id=old.id, what="Brief sturen",
                                 due=dt.date(2026, 2, 1)))
        from livinglab.memory import evaluation

        for session, scores in ((old, (2, 2, 2)), (new, (4, 4))):  # the second: too few
            for score in scores:
                evaluation.record(store, session.id, {"notice": score, "speak": score})
        return old, new


async def test_search_by_keys_finds_ranks_and_opens_the_meeting(db_path, methods):
    old, _new = fill(db_path)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, app, "armoede")
        assert await until(pilot, lambda: "1 found" in screen_text(app))
        text = screen_text(app)
        assert "1 found (all kinds)" in text and "Kinderarmoede" in text and "lesson" in text
        assert "Wijkteam Noord · 05-01-2026 · Januari-overleg" in text  # where it came from
        await pilot.press("down")
        assert app.focused.id == "results" and on_screen(app, app.focused)
        await pilot.press("enter")
        from livinglab.tui.screens.minutes_preview import MinutesScreen

        assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
        assert app.screen.session_id == old.id
        await pilot.press("escape")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "results")
        # one kind at a time: a lesson is not a case
        await pilot.press("ctrl+t")
        assert await until(pilot, lambda: "Nothing found for armoede. (case)" in screen_text(app))


async def test_fts_syntax_typed_into_search_never_errors(db_path, methods):
    fill(db_path)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await type_text(pilot, '"NEAR*( -')
        assert await until(pilot, lambda: "Nothing found" in screen_text(app))
        assert "Nothing found for \"NEAR*( -." in screen_text(app)
        await type_text(pilot, " regie")  # the words in it are still searched
        # every word must occur, NEAR too: nothing holds them all, and the screen says so
        assert await until(pilot, lambda: 'Nothing holds all of "NEAR*( - regie; fewer '
                           'words find more.' in screen_text(app))
        assert "1 found (all kinds)" not in screen_text(app)


async def test_typing_on_shows_the_hits_of_what_is_typed_last(db_path, methods):
    """The search runs once typing pauses, in a thread: the hits of a query typed over
    never replace those of the last one."""
    fill(db_path)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, app, "armoede")
        await type_text(pilot, "x")  # typed on while the first search waits or runs
        assert await until(pilot, lambda: "Nothing found for armoedex." in screen_text(app))
        await pilot.pause(0.5)  # longer than a search waits for typing to pause
        assert "Nothing found for armoedex." in screen_text(app)
        assert "Kinderarmoede" not in screen_text(app)
        await pilot.press("backspace")
        assert await until(pilot, lambda: "1 found (all kinds)" in screen_text(app))
        assert "Kinderarmoede" in screen_text(app)
        for _ in "armoede":  # the field emptied: said at once, and no hits come back
            await pilot.press("backspace")
        assert await until(pilot, lambda: "Type a word to search" in screen_text(app))
        await pilot.pause(0.5)
        assert "Kinderarmoede" not in screen_text(app)


async def test_knowledge_lists_filters_and_leads_to_the_meeting(db_path, methods):
    _old, new = fill(db_path)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "list-lesson")
        assert await until(pilot, lambda: "Lessons (2)" in screen_text(app))  # read in a thread
        # the rows of the page read are drawn once the tab labels are
        assert await until(pilot, lambda: "Eerst luisteren" in screen_text(app))
        text = screen_text(app)
        assert "Lessons (2)" in text and "Slow questions (1)" in text
        assert "Kinderarmoede zie je pas laat" in text and "Eerst luisteren" in text
        await pilot.press("right")
        await pilot.pause()
        assert app.focused.id == "list-slow-question"
        text = screen_text(app)
        assert "Wie heeft de regie in de wijk?" in text and "to the region" in text
        await pilot.press("right")
        await pilot.pause()
        assert "Eigen kracht ↔ Zorgplicht" in screen_text(app) and "2×" in screen_text(app)
        await pilot.press("right", "right")
        await pilot.pause()
        assert app.focused.id == "list-action" and "! " in screen_text(app)
        await pilot.press("right")  # the group's course, as small charts
        await pilot.pause()
        assert app.focused.id == "course"
        text = screen_text(app)
        # a meeting's figure once three answered: two are two people's answers
        assert "Moral competence: 2.0 (1) · Wijkteam Noord" in text
        assert "Session rating: - (0)" in text
        # One bar a meeting on the scale 1 to 5: 2.0 is low (it was drawn a full bar).
        lines = text.splitlines()
        chart = lines[next(i for i, line in enumerate(lines) if "Moral competence" in line) + 1]
        assert chart.strip() == "▃", chart
        await pilot.press("right")
        await pilot.pause()
        assert app.focused.id == "list-lesson"
        # the group filter: tab to it, open it, choose the second group
        await press_until(pilot, "tab", lambda: getattr(app.focused, "id", None) == "filter-group")
        assert await in_sight(pilot, app, app.focused)
        await pilot.press("enter", "down", "down", "enter")
        assert await until(pilot, lambda: "Lessons (1)" in screen_text(app))
        text = screen_text(app)
        assert "Eerst luisteren" in text and "Kinderarmoede" not in text
        await pilot.press("ctrl+r")
        assert await until(pilot, lambda: "Lessons (2)" in screen_text(app))
        # from an item to the meeting it came from
        await press_until(pilot, "tab", lambda: getattr(app.focused, "id", None) == "list-lesson")
        await pilot.press("enter")
        from livinglab.tui.screens.minutes_preview import MinutesScreen

        assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
        assert app.screen.session_id == new.id  # the newest lesson comes first
