"""Before shareable minutes leave the app, it lists the personal data in them: keys only."""

from __future__ import annotations

import pytest

from livinglab.models import SessionStatus
from livinglab.storage.store import Store

from apptools import make_app, on_screen, screen_text, toasts, until
from conftest import empty_db
from test_privacy_minutes import build_acceptance_meeting, first_line_naming_the_client, leaks
from livinglab.meeting import queries as meeting_queries


@pytest.fixture
def finished_db(db_path, methods, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # the minutes screen offers to save in the working folder
    with Store(empty_db(db_path)) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        session = build_acceptance_meeting(store, methods)
        for s in meeting_queries.sessions(store):
            s.status = SessionStatus.FINISHED
            store.save(s)
    return db_path, session


async def open_shareable_save(pilot, app):
    from livinglab.tui.screens.minutes_preview import MinutesScreen, PersonalDataDialog

    await pilot.press("enter")  # the newest finished meeting opens its minutes
    assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
    assert app.focused.id == "minutes"
    await pilot.press("t")
    assert await until(pilot, lambda: "Shareable minutes" in screen_text(app))
    await pilot.press("s")
    assert await until(pilot, lambda: isinstance(app.screen, PersonalDataDialog)
                       and getattr(app.focused, "id", None) == "pseudonymise")


@pytest.mark.parametrize("keys,kept", [(("enter",), False), (("tab", "enter"), True)])
async def test_shareable_minutes_list_their_findings_before_saving(finished_db, methods,
                                                                   tmp_path, keys, kept):
    from livinglab.tui.widgets.dialogs import AskDialog

    db_path, session = finished_db
    with Store(db_path) as store:
        line = first_line_naming_the_client(store, session.id, methods)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_shareable_save(pilot, app)
        text = screen_text(app)
        assert "hold personal data" in text and f"line {line}: name: A****" in text
        assert leaks(text) == []
        # enter pseudonymises: the safe answer is the one at hand
        assert app.focused.id == "pseudonymise" and on_screen(app, app.focused)
        await pilot.press(*keys)
        assert await until(pilot, lambda: isinstance(app.screen, AskDialog))
        assert app.focused.id == "answer"
        await pilot.press("enter")
        saved = tmp_path / "2026-11-25-wijkteam-havenkwartier-deelbaar.md"
        assert await until(pilot, saved.exists)
    text = saved.read_text("utf-8")
    assert "Anouk" not in text  # the meeting's people are their roles either way
    if kept:
        assert "Kerkstraat 4a" in text and "kept on purpose" in text
    else:
        assert leaks(text) == []


async def test_cancel_saves_nothing_and_full_minutes_get_a_notice(finished_db, methods, tmp_path):
    from livinglab.tui.screens.minutes_preview import MinutesScreen

    db_path, _session = finished_db
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_shareable_save(pilot, app)
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
        await pilot.press("t", "s")  # back to the full minutes: no question
        await pilot.press("enter")
        full = tmp_path / "2026-11-25-wijkteam-havenkwartier.md"
        assert await until(pilot, full.exists)
        assert await until(pilot, lambda: any("within the group" in toast
                                              for toast in toasts(app)))
    assert list(tmp_path.glob("*deelbaar*")) == []


async def test_the_minutes_screen_answers_keys_while_the_shareable_minutes_are_scanned(
        finished_db, methods, monkeypatch):
    """Rendering and checking the shareable minutes scan every text of the meeting (here
    with 40 KB of pasted clock times): they run in a thread, with "Busy" on screen, and
    the screen answers keys meanwhile (issue 24). The scan is held at a gate until the
    keys were answered, so the test asserts what the screen does, not how fast."""
    import threading

    from livinglab.tui.screens import minutes_preview
    from livinglab.tui.screens.minutes_preview import MinutesScreen, PersonalDataDialog

    db_path, session = finished_db
    with Store(db_path) as store:
        item = meeting_queries.agenda(store, session.id)[0]
        store.save(item.model_copy(update={"notes": item.notes + "\n\n" + "12.30 13.45 " * 3400}))
    gate = threading.Event()
    real_render, real_check = minutes_preview.render_minutes, minutes_preview.shareable_minutes

    def held_render(*args, **kwargs):
        if kwargs.get("shareable"):
            assert gate.wait(60)
        return real_render(*args, **kwargs)

    def held_check(*args, **kwargs):
        assert gate.wait(60)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(minutes_preview, "render_minutes", held_render)
    monkeypatch.setattr(minutes_preview, "shareable_minutes", held_check)
    app = make_app(db_path, methods)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
            assert await until(pilot, lambda: "Anouk Visser" in screen_text(app))
            await pilot.press("t")  # the shareable minutes: held in their thread
            assert await until(pilot, lambda: "Busy" in screen_text(app)
                               and "Shareable minutes" in screen_text(app))
            assert "Anouk" not in screen_text(app)  # nothing of the full minutes stays
            await pilot.press("t")  # the screen answers: back to the full minutes
            assert await until(pilot, lambda: "Anouk Visser" in screen_text(app)
                               and "Busy" not in screen_text(app))
            await pilot.press("t")
            assert await until(pilot, lambda: "Busy" in screen_text(app))
            gate.set()  # the scans go on; the first one's result is no longer wanted
            assert await until(pilot, lambda: "Busy" not in screen_text(app)
                               and "Chair, Secretary" in screen_text(app))
            assert leaks(screen_text(app)) == []
            gate.clear()
            await pilot.press("s")  # the check, held too
            assert await until(pilot, lambda: "checking" in screen_text(app))
            await pilot.press("down", "down")  # scrolling still answers
            assert isinstance(app.screen, MinutesScreen)
            gate.set()
            assert await until(pilot, lambda: isinstance(app.screen, PersonalDataDialog))
            assert await until(pilot, lambda: "hold personal data" in screen_text(app))
    finally:
        gate.set()


async def test_letters_typed_at_the_personal_data_question_answer_nothing(finished_db, methods,
                                                                         tmp_path):
    # A walker pressed s and typed the folder at once ("/tmp/…"): its p pseudonymised
    # unseen, and an s would have saved the personal data.
    from livinglab.tui.screens.minutes_preview import PersonalDataDialog

    db_path, _session = finished_db
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_shareable_save(pilot, app)
        await pilot.press(*"/home/sanne/p")
        await pilot.pause()
        assert isinstance(app.screen, PersonalDataDialog)
        assert "hold personal data" in screen_text(app)
    assert list(tmp_path.glob("*deelbaar*")) == []
