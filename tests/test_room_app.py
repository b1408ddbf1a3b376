"""The room from the chair's app (issue 26), by keys only: ctrl+s opens the room (a real
`livinglab room` child process on loopback) and shows its address, its QR code and the
counts; a participant's phone is a plain HTTP client; r reveals, x closes, and quitting
closes the room too."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("starlette")
import httpx
from apptools import make_app, press_until, screen_text, until
from test_capture_app import plan_a_dilemma
from test_chair import open_meeting

from livinglab.meeting import queries as meeting_queries
from livinglab.storage.store import Store

ANSWER = {"choice": "Eerst helpen, dan samen melden", "value": "Vertrouwen"}


def address_on(app) -> str | None:
    found = re.search(r"http://127\.0\.0\.1:\d+/r/[\w-]+/", screen_text(app))
    return found.group(0) if found else None


def join_and_write(address: str, name: str, answers: dict[str, str]) -> httpx.Client:
    """A participant on their own phone: opens the address, takes a name, writes."""
    phone = httpx.Client(follow_redirects=True, timeout=10)
    page = phone.get(address).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    participant = re.search(rf'value="([^"]+)"[^>]*>\s*<label for="p\d+">{name}</label>',
                            page).group(1)
    page = phone.post(address + "join", data={"csrf": csrf, "participant": participant}).text
    item = re.search(r'name="item" value="([^"]+)"', page).group(1)
    phone.post(address + "write", data={"csrf": csrf, "item": item, "field": "choices",
                                        **{f"a_{k}": v for k, v in answers.items()}})
    return phone


def opens(address: str) -> bool:
    """Whether the address still gives a participant the room (closed: refused or 404)."""
    try:
        return httpx.get(address, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def highlighted(app) -> str:
    """The line of the room's list of people the cursor is on."""
    item = app.screen.query_one("#room-people").highlighted_child
    return str(item.query_one("Static").render()) if item is not None else ""


def room_rows(db_path):
    store = Store(db_path)
    try:
        return store.query("select closed_at from room_rooms")
    finally:
        store.close()


async def test_the_chair_opens_the_room_a_phone_writes_and_the_chair_reveals(db_path, methods):
    plan_a_dilemma(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await press_until(pilot, "ctrl+n", lambda: app.screen.workshop.step.id == "choice",
                          most=8)
        assert "Room" in screen_text(app) or "Room" in str(
            [b.binding.description for b in app.screen.active_bindings.values()])
        await pilot.press("ctrl+s")
        await until(pilot, lambda: address_on(app) is not None, tries=400,
                    what="the join address on screen")
        address = address_on(app)
        assert "▀" in screen_text(app) or "▄" in screen_text(app)  # the QR code
        await until(pilot, lambda: "Joined: 0 of 4" in screen_text(app))
        phone = join_and_write(address, "Yasmina El Idrissi", ANSWER)
        await until(pilot, lambda: "Written in this step: 1; to reveal: 1" in screen_text(app),
                    tries=100)
        await until(pilot, lambda: "Yasmina El Idrissi — written" in screen_text(app))
        assert ANSWER["choice"] not in screen_text(app)  # who, never what
        await pilot.press("r")
        await until(pilot, lambda: "to reveal: 0" in screen_text(app), tries=100)
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        session = app.screen.workshop.session
        item = app.screen.workshop.item
        people = {person.name: p.id for p, person in
                  meeting_queries.participants(app.store, session.id)}
        stored = meeting_queries.entries(app.store, item.id)["choices"]
        assert stored == {people["Yasmina El Idrissi"]: ANSWER}
        await until(pilot, lambda: any(  # in Yasmina's field of the step, as if typed there
            getattr(field, "value", None) == ANSWER["choice"]
            for field in app.screen.query("#fields *")))
        await pilot.press("ctrl+s")  # the same room, still open
        await until(pilot, lambda: address_on(app) == address)
        await pilot.press("x")
        await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        assert not opens(address)
        phone.close()
        await pilot.press("ctrl+s")  # a new room, a new address
        await until(pilot, lambda: address_on(app) is not None, tries=400)
        second = address_on(app)
        assert second != address
        await pilot.press("escape")
        await pilot.pause()
    # Quitting the app ended the room: the address opens nothing, its row is closed.
    assert not opens(second)
    assert all(closed is not None for (closed,) in room_rows(db_path))


async def test_the_chair_frees_a_name_and_shows_the_case_by_keys(db_path, methods):
    plan_a_dilemma(db_path, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, "Burst")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: address_on(app) is not None, tries=400,
                    what="the join address on screen")
        address = address_on(app)
        phone = httpx.Client(follow_redirects=True, timeout=10)
        page = phone.get(address).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        bram = re.search(r'value="([^"]+)"[^>]*>\s*<label for="p\d+">Bram de Wit</label>',
                         page).group(1)
        phone.post(address + "join", data={"csrf": csrf, "participant": bram})
        await until(pilot, lambda: "Bram de Wit — joined" in screen_text(app))
        assert "The case" not in phone.get(address).text
        await pilot.press("c")
        await until(pilot, lambda: "The case is shown in the room." in screen_text(app))
        assert "The case" in phone.get(address).text
        await press_until(pilot, "down", lambda: "Bram de Wit" in highlighted(app), most=5)
        await pilot.press("enter")
        await until(pilot, lambda: "Free the name" in screen_text(app))
        await pilot.press("shift+tab", "enter")  # the dialog's Free (Cancel has the cursor)
        await until(pilot, lambda: "Bram de Wit — not joined" in screen_text(app))
        assert "Who are you?" in phone.get(address).text  # the phone is let go
        phone.close()
        await pilot.press("escape")
        await pilot.pause()
