"""The group's memory at the meeting, by keys only at 80x24 (issue 12): the next meeting of
a series with one key, the closing round's voornemens, the voornemens of last time asked
after at the action list, and the anonymous evaluation when the series says it is due."""

from __future__ import annotations

import re

from livinglab.models import SessionStatus
from livinglab.meeting.series import create_next_meeting, import_series
from livinglab.storage.store import Store

from apptools import (
    close_toasts, in_sight, make_app, press_until, screen_text, toasts, type_text, until,
)
from conftest import empty_db
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries


SERIES = """\
[series]
name = "Werkgroep Kust 2027"
group = "Regionale werkgroep Kust"
evaluate_every = 3
people = ["Anouk Visser (voorzitter)", "Bram de Wit (notulist)", "Sander Kok"]

[[meetings]]
date = 2027-01-14
theme = "Trage vragen"

[[meetings]]
date = 2027-03-11
theme = "Morele dilemma's"

[[meetings]]
date = 2027-05-13
theme = "Lessen"
"""


def plan_series(db_path, tmp_path, methods):
    path = tmp_path / "reeks.toml"
    path.write_text(SERIES, encoding="utf-8")
    with Store(empty_db(db_path)) as store:
        return import_series(store, path, methods)


def said(app) -> str:
    """The screen's words in one line: wrapped text and dialog borders left out."""
    return " ".join(re.sub(r"[█▀▄▌▐▎▊│]", " ", screen_text(app)).split())


def notified(app, text: str) -> bool:
    """A toast on screen says it, however the toast wraps it."""
    return any(text in toast for toast in toasts(app))


def focused_class(app) -> set[str]:
    return set(getattr(app.focused, "classes", ()))


async def start_meeting(pilot, app) -> None:
    """Enter on the selected meeting; one planned for a later day asks first: start today."""
    await pilot.press("enter")
    await until(pilot, lambda: type(app.screen).__name__ in ("RunnerScreen", "ConfirmDialog"))
    if type(app.screen).__name__ == "ConfirmDialog":
        await pilot.press("shift+tab", "enter")
    await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")


async def to_item(pilot, app, kind_text: str) -> None:
    """ctrl+n through the agenda until the item that shows `kind_text`."""
    await press_until(pilot, "ctrl+n", lambda: kind_text in screen_text(app), most=10)


async def test_voornemens_are_said_at_the_closing_and_asked_after_next_time(
        db_path, tmp_path, methods):
    plan_series(db_path, tmp_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("c")  # the series' first meeting: said, then planned and selected
        assert await until(pilot, lambda: "Plan the next meeting of Werkgroep Kust 2027: "
                                          "Trage vragen on 14-01-2027?" in said(app))
        await pilot.press("enter")
        assert await until(pilot, lambda: notified(
            app, "Planned: Werkgroep Kust 2027: Trage vragen on 14-01-2027."))
        await close_toasts(pilot)
        await start_meeting(pilot, app)
        await to_item(pilot, app, "Closing round (voornemens)")
        # Tab from the notes to each person's two lines; each is in sight when reached.
        spoken = {"Anouk Visser": ("Vertragen helpt", "Elke week één casus navragen"),
                "Bram de Wit": ("Stilte is ook een antwoord", "Notulen dezelfde dag delen")}
        for name, (learned, intention) in spoken.items():
            await press_until(pilot, "tab", lambda: "learned" in focused_class(app))
            assert await in_sight(pilot, app, app.focused)
            block = next(a for a in app.focused.ancestors if "participant-answers" in a.classes)
            assert name in str(block.query_one(".who").render())
            await type_text(pilot, learned)
            await pilot.press("tab")
            assert "intention" in focused_class(app) and await in_sight(pilot, app, app.focused)
            await type_text(pilot, intention)
            await pilot.press("tab")  # on to the next person
        await pilot.press("f10")  # finish: the confirm dialog, enter says yes
        await pilot.press("enter")
        assert await until(pilot, lambda: "The meeting is finished" in screen_text(app))
        with Store(db_path) as store:
            first = meeting_queries.sessions(store, status=SessionStatus.FINISHED)[0]
            people = {p.id: p.name for p in meeting_queries.people(store)}
            kept = {people[i.person_id]: (i.learned, i.intention)
                    for i in memory_queries.intentions(store, session_id=first.id)}
        assert kept == spoken  # Sander Kok said nothing: nothing kept for him

        await pilot.press("escape")  # home, and the series' second meeting
        await pilot.press("c")
        assert await until(pilot, lambda: "Morele dilemma's on 11-03-2027?" in said(app))
        await pilot.press("enter")
        assert await until(pilot, lambda: notified(app, "Morele dilemma's on 11-03-2027"))
        await close_toasts(pilot)
        await start_meeting(pilot, app)
        await to_item(pilot, app, "Voornemens of last time")
        text = screen_text(app)
        assert "Anouk Visser: Elke week één casus navragen" in text
        assert "Bram de Wit: Notulen dezelfde dag delen" in text
        await press_until(pilot, "tab", lambda: getattr(app.focused, "id", "") == "intentions")
        await pilot.press("down", "enter")  # Bram's: not done, and why not
        assert await until(pilot, lambda: getattr(app.focused, "id", "") == "done")
        await pilot.press("enter", "down", "enter")
        await pilot.press("tab")
        assert app.focused.id == "answer"
        await type_text(pilot, "Geen tijd na het overleg")
        await pilot.press("enter")
        # the line wraps at 80 columns: what came of it is on screen below the voornemen
        assert await until(pilot, lambda: "Notulen dezelfde dag delen — not done:"
                           in screen_text(app))
        assert "Geen tijd na het overleg" in screen_text(app)
        assert getattr(app.focused, "id", "") == "intentions"
        with Store(db_path) as store:
            followed = {i.intention: (i.done, i.answer) for i in memory_queries.intentions(store)
                        if i.followed_up_in}
        assert followed == {"Notulen dezelfde dag delen": (False, "Geen tijd na het overleg")}


async def test_the_evaluation_is_given_anonymously_when_the_series_says_so(
        db_path, tmp_path, methods):
    series = plan_series(db_path, tmp_path, methods)
    with Store(db_path) as store:
        third = [create_next_meeting(store, series.id, methods) for _ in range(3)][-1]
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#meetings")
        assert table.get_row_index(third.id) == table.cursor_row == 0  # the latest on top
        await start_meeting(pilot, app)
        await to_item(pilot, app, "Closing round (voornemens)")
        assert "This meeting the group evaluates (every 3 meetings). Answers so far: 0." in said(
            app)  # wrapped beside the step list
        for person in range(2):
            await press_until(pilot, "tab", lambda: getattr(app.focused, "id", "") == "evaluate")
            await pilot.press("enter")
            assert await until(pilot, lambda: getattr(app.focused, "id", "") == "item-notice")
            assert "anonymous" in screen_text(app)
            # 4 (mostly) for the first item: enter opens the scale, a digit jumps to it
            await pilot.press("enter", "4", "enter")
            await pilot.press("tab")
            await pilot.press("enter", "2" if person else "5", "enter")
            await press_until(pilot, "tab", lambda: getattr(app.focused, "id", "") == "open-answer")
            assert await in_sight(pilot, app, app.focused)
            await type_text(pilot, "Meer tijd voor de ronde" if person == 0 else "")
            await press_until(pilot, "tab", lambda: getattr(app.focused, "id", "") == "ok")
            await pilot.press("enter")
            assert await until(pilot, lambda: f"so far: {person + 1}." in screen_text(app))
        with Store(db_path) as store:
            kept = memory_queries.evaluations(store, session_id=third.id)
        assert [(e.answers, e.open_answer) for e in kept] == [
            ({"notice": 4, "values": 5}, "Meer tijd voor de ronde"),
            ({"notice": 4, "values": 2}, "")]


async def test_a_long_answer_wraps_so_the_whole_sentence_stays_in_sight(db_path, tmp_path,
                                                                       methods):
    plan_series(db_path, tmp_path, methods)
    learned = ("Bij een melding over onderhuur eerst met de bewoner zelf praten, dan pas met "
               "de verhuurder, en de wijkagent alleen als er kinderen in het geding zijn")
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("c")
        assert await until(pilot, lambda: "Trage vragen on 14-01-2027?" in said(app))
        await pilot.press("enter")
        await until(pilot, lambda: notified(app, "Planned: Werkgroep Kust 2027"))
        await close_toasts(pilot)
        await start_meeting(pilot, app)
        await to_item(pilot, app, "Closing round (voornemens)")
        await press_until(pilot, "tab", lambda: "learned" in focused_class(app))
        await type_text(pilot, learned)
        line = app.focused
        assert await until(pilot, lambda: line.region.height >= 3)  # it grew, not scrolled
        assert await in_sight(pilot, app, line)

        def in_the_field() -> str:
            box = line.content_region
            rows = screen_text(app).splitlines()[box.y:box.bottom]
            return " ".join(" ".join(row[box.x:box.right] for row in rows).split())

        assert await until(pilot, lambda: in_the_field() == learned)
        await pilot.press("tab")
        assert "intention" in focused_class(app)  # tab still moves on
        await pilot.press("f10")
        await pilot.press("enter")
        assert await until(pilot, lambda: "The meeting is finished" in screen_text(app))
    with Store(db_path) as store:
        assert [i.learned for i in memory_queries.intentions(store)] == [learned]
