"""The runner's list of steps and the step's text at 80x24, keys only: pagedown and pageup
move the list's highlight a page, and scroll the text; neither takes the meeting to
another step (pagedown there had moved the meeting on, as the screen's alias for the next
step, whenever the list or the text had nothing to scroll); enter on a highlighted step
goes there."""

from __future__ import annotations

from apptools import make_app, screen_text, until
from test_capture_app import plan_a_slow_question


async def test_pagedown_in_the_step_list_moves_its_highlight_not_the_meeting(db_path, methods):
    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen"
                           and "Step 1/7" in screen_text(app))
        for _ in range(6):
            if getattr(app.focused, "id", None) == "steps":
                break
            await pilot.press("shift+tab")
            await pilot.pause()
        steps = app.focused
        assert steps.id == "steps"
        await pilot.press("pagedown")
        await pilot.pause()
        assert "Step 1/7: Arrive and slow down" in screen_text(app)
        assert app.screen.workshop.step_index == 0 and app.focused is steps
        assert steps.index == 6  # the whole list fits: its last step highlighted
        await pilot.press("pagedown")  # nothing further down: nothing happens
        await pilot.pause()
        assert app.screen.workshop.step_index == 0 and steps.index == 6
        await pilot.press("pageup")
        await pilot.pause()
        assert steps.index == 0 and app.screen.workshop.step_index == 0
        await pilot.press("down", "enter")  # a step is chosen only by enter
        assert await until(pilot, lambda: "Step 2/7: The slow question" in screen_text(app))


async def test_pagedown_in_a_short_list_moves_a_page_at_a_time(db_path, methods):
    """In a terminal too low for the whole list, a page is what fits."""
    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen"
                           and "Step 1/7" in screen_text(app))
        for _ in range(6):
            if getattr(app.focused, "id", None) == "steps":
                break
            await pilot.press("shift+tab")
            await pilot.pause()
        steps = app.focused
        assert steps.id == "steps"
        await pilot.press("pagedown")
        await pilot.pause()
        first_page = steps.index
        assert 0 < first_page < 6, first_page
        assert app.screen.workshop.step_index == 0
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert steps.index == 6 and app.screen.workshop.step_index == 0


async def test_pagedown_in_the_steps_text_scrolls_it_and_stays_on_the_step(db_path, methods):
    plan_a_slow_question(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen"
                           and "Step 1/7" in screen_text(app))
        await pilot.press("shift+tab")
        await pilot.pause()
        body = app.focused
        assert body.id == "step-body"
        await pilot.press("pagedown", "pagedown", "pageup", "pagedown")
        await pilot.pause()
        assert "Step 1/7: Arrive and slow down" in screen_text(app)
        assert app.screen.workshop.step_index == 0 and app.focused is body
