"""Minutes saved from the app are logged as files this program wrote (issue 24), so a
later erase can name them; keys only."""

from __future__ import annotations

from livinglab.storage.store import Store
from livinglab.storage.written import written_files

from apptools import make_app, until
from test_privacy_app import finished_db, open_shareable_save  # noqa: F401 (a fixture)


async def test_minutes_saved_in_the_app_are_logged_with_their_kind(finished_db, methods,  # noqa: F811
                                                                   tmp_path):
    from livinglab.tui.widgets.dialogs import AskDialog

    db_path, _session = finished_db
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_shareable_save(pilot, app)
        await pilot.press("enter")  # pseudonymise
        assert await until(pilot, lambda: isinstance(app.screen, AskDialog))
        await pilot.press("enter")
        shareable = tmp_path / "2026-11-25-wijkteam-havenkwartier-deelbaar.md"
        assert await until(pilot, shareable.exists)
        await pilot.press("t", "s")  # the full minutes
        assert await until(pilot, lambda: isinstance(app.screen, AskDialog))
        await pilot.press("enter")
        full = tmp_path / "2026-11-25-wijkteam-havenkwartier.md"
        assert await until(pilot, full.exists)
    with Store(db_path) as store:
        assert [(f.path, f.kind) for f in written_files(store)] == [
            (str(shareable), "shareable-minutes"), (str(full), "minutes")]
