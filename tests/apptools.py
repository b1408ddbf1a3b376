"""Driving the app as a person does: keys (and clicks), then reading what is on screen.

Tests may read the app's state to decide and to assert; they never set a widget's value
or call into a widget.
"""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

from livinglab.library.cases import example_cases, import_cases
from livinglab.storage.store import Store

from conftest import FakeClock, seeded_db

TODAY = dt.date(2026, 11, 25)


def make_app(db_path, methods, clock=None, today=TODAY):
    """The app on `db_path`. A new path gets what a first start puts in it, the example
    cases, in a copy of the migrated database (tests/conftest.py: seeded_db)."""
    from livinglab.tui.app import LivingLabApp

    new = not Path(db_path).exists()
    store = Store(seeded_db(db_path) if new else db_path)
    if store.is_new:
        import_cases(store, example_cases())
    return LivingLabApp(store, methods, today=lambda: today, clock=clock or FakeClock())


def on_screen(app, widget) -> bool:
    """True when the whole widget lies inside the visible part of the screen."""
    return widget.region.area > 0 and app.screen.region.contains_region(widget.region)


def screen_text(app) -> str:
    """The characters on the terminal, line by line, as a person reads them."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def toasts(app) -> list[str]:
    """The notifications on screen, each as its toast shows it: a title, if it has one, on
    the first line, then the message. `run_test` shows toasts only when it is given
    `notifications=True`."""
    return [toast.render().plain for toast in app.screen.query("Toast")]


async def close_toasts(pilot) -> None:
    """Click each toast away, as a person does when one covers what they read next (a
    toast stays five seconds over the bottom right of the screen)."""
    for _ in range(10):
        shown = pilot.app.screen.query("Toast")
        if not shown:
            return
        assert await pilot.click(shown.first()), toasts(pilot.app)
        await pilot.pause()
    assert not pilot.app.screen.query("Toast"), toasts(pilot.app)


def send_burst(pilot, text: str, *keys: str) -> None:
    """Every character of `text`, then `keys`, queued at once through the terminal driver
    as typed keys arrive, with no pause between (a paste without bracketed paste, a text
    expander, a busy machine)."""
    from textual import events
    from textual.keys import _character_to_key

    driver = pilot.app._driver
    for character in text:
        key = character if character.isalnum() else _character_to_key(character)
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        driver.send_message(event)
    for key in keys:
        event = events.Key(key, None)
        event.set_sender(pilot.app)
        driver.send_message(event)


async def type_text(pilot, text: str) -> None:
    """One key event per character, as typed keys arrive, then one wait.

    `pilot.press` waits twice for the app to go idle after every key (at least 40 ms
    each), which made a whole review by keys take minutes. A typist does not wait for
    the screen between letters either: the keys are queued in order, then we wait once.
    """
    send_burst(pilot, text)
    await pilot.pause()


async def search_for(pilot, app, words: str) -> None:
    """From home: s opens search, with the cursor in its field, and the words typed."""
    await pilot.press("s")
    assert await until(pilot, lambda: getattr(app.focused, "id", None) == "query")
    await type_text(pilot, words)


async def until(pilot, condition, tries: int = 50, what: str = "") -> bool:
    """Wait for an observable state, not for a fixed time: True once `condition()` holds.

    When it still does not after `tries` looks 50 ms apart, the test fails here, naming
    what it waited for (`what`, else the condition's source) and showing the screen it got
    instead. A wait whose outcome went unchecked let a test carry on, and pass, from a
    screen it never reached.
    """
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    if condition():
        return True
    raise AssertionError(f"waited {tries} x 50 ms for {what or _source(condition)}; instead "
                         f"{_where(pilot.app)}")


def _source(condition) -> str:
    """The line of the test that says what it waits for, on one line."""
    try:
        return " ".join(inspect.getsource(condition).split())
    except (OSError, TypeError):
        return repr(condition)


def _where(app) -> str:
    try:
        return (f"{type(app.screen).__name__}, focus on {app.focused!r}, "
                f"on screen:\n{screen_text(app)}")
    except Exception as e:  # noqa: BLE001 - the app may have stopped; say why it failed
        return f"the app cannot say where it is: {e!r}"


async def press_until(pilot, key: str, reached, most: int = 60) -> None:
    """Press `key` until `reached()` holds; fail, instead of hanging, when it never does
    (a field a test tabs to that a change of the screen removed)."""
    for _ in range(most):
        if reached():
            return
        await pilot.press(key)
        await pilot.pause()
    assert reached(), f"{key} pressed {most} times without getting there"


async def in_sight(pilot, app, widget) -> bool:
    """True once the widget is wholly on screen (the test fails when it is not): the view
    scrolls to a focused field after the key that focused it, on a busy machine a frame or
    two later."""
    return await until(pilot, lambda: on_screen(app, widget), tries=20,
                       what=f"{widget!r} wholly on screen")
