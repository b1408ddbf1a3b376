"""Start-up (issue 15): the app paints home first and opens the database after; the
command line imports a command's module only when it runs."""

from __future__ import annotations

import subprocess
import sys
import threading

from livinglab.library.cases import example_cases, import_cases
from livinglab.storage.store import Store, StoreError

from apptools import screen_text, type_text, until
from conftest import FakeClock, plan_dilemma_meeting, run_cli, empty_db


def opened_app(db_path, methods, gate=None, first_rows=False):
    """The app as the command line starts it: without a store, with an opener (and, with
    `first_rows`, the path it opens, for home to read its list first)."""
    from livinglab.tui.app import LivingLabApp

    def opener():
        if gate is not None:
            gate.wait(10)
        store = Store(db_path)
        if store.is_new:
            import_cases(store, example_cases())
        return store, methods

    return LivingLabApp(None, None, clock=FakeClock(), opener=opener,
                        db_path=db_path if first_rows else None)


def plan_one_meeting(db_path, methods) -> None:
    with Store(empty_db(db_path)) as store:
        import_cases(store, example_cases())
        plan_dilemma_meeting(store, methods)


async def test_home_shows_before_the_database_is_open_and_fills_when_it_is(db_path, methods):
    plan_one_meeting(db_path, methods)
    gate = threading.Event()
    app = opened_app(db_path, methods, gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Meetings" in text and "n New" in text
        assert "Moreel beraad november" not in text
        gate.set()
        assert await until(pilot, lambda: "Moreel beraad november" in screen_text(app))
        assert app.focused.id == "meetings"


async def test_keys_typed_before_the_database_is_open_reach_the_new_meeting(db_path, methods):
    gate = threading.Event()
    app = opened_app(db_path, methods, gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "n")
        await type_text(pilot, "Intervisie")
        gate.set()
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "title"
                           and app.focused.value == "Intervisie")


async def test_enter_pressed_before_the_list_is_filled_opens_the_first_meeting(db_path,
                                                                            methods):
    plan_one_meeting(db_path, methods)
    gate = threading.Event()
    app = opened_app(db_path, methods, gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        gate.set()
        assert await until(pilot, lambda: type(app.screen).__name__ == "RunnerScreen")
        assert await until(pilot, lambda: "Moreel beraad november" in screen_text(app))
        await pilot.pause(0.3)
        # home does not then offer to resume the meeting this enter just started
        assert type(app.screen).__name__ == "RunnerScreen", app.screen_stack


async def test_a_database_that_cannot_be_opened_ends_the_app_with_its_error(tmp_path, methods):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (text)")
    conn.close()
    app = opened_app(other, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    assert isinstance(app.start_error, StoreError)
    assert str(app.start_error) == f"{other} is not a livinglab database"


def test_help_imports_no_store_model_or_command_module():
    code = ("import sys; from livinglab.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = ['livinglab.storage.store', 'livinglab.models', 'pydantic', 'sqlite_utils',"
            " 'markdown_it', 'tabulate', 'textual', 'livinglab.commands.meetings']\n"
            "print(sorted(m for m in heavy if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_help_lists_every_command_with_its_help(capsys):
    code, out, _err = run_cli(capsys, "--lang", "en", "--help")
    assert code == 0
    assert "  sessions   Meetings in the database.\n" in out
    assert "  export     Write a meeting's minutes as Markdown.\n" in out
    code, out, _err = run_cli(capsys, "--lang", "nl", "--help")
    assert "Commands:" not in out and "sessions" in out  # click's own words in Dutch too


def test_an_unknown_command_is_a_usage_error(capsys):
    code, _out, err = run_cli(capsys, "--lang", "en", "sesions")
    assert code == 2 and "No such command 'sesions'" in err


async def test_the_language_switch_rebuilds_home_in_place(db_path, methods):
    """Home is the app's first screen: switching the language rebuilds it, twice over."""
    from livinglab import i18n

    from apptools import make_app

    i18n.set_language("en")
    plan_one_meeting(db_path, methods)
    app = make_app(db_path, methods)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            assert await until(pilot, lambda: "Bijeenkomsten" in screen_text(app))
            assert "Moreel beraad november" in screen_text(app)
            assert "n Nieuw" in screen_text(app)
            assert app.focused.id == "meetings"
            await pilot.press("l")
            assert await until(pilot, lambda: "n New" in screen_text(app))
            assert len(app.screen_stack) == 1
    finally:
        i18n.set_language("en")


def test_opening_the_app_imports_neither_click_nor_the_command_tree(db_path):
    code = ("import sys, livinglab.tui.app as app\n"
            "seen = []\n"
            "app.run_app = lambda opener, db_path=None: seen.append(sorted(\n"
            "    m for m in ('click', 'livinglab.commands.group') if m in sys.modules))\n"
            "from livinglab.cli import main\n"
            f"main(['--lang', 'en', '--db', {str(db_path)!r}])\n"
            "print(seen)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.splitlines()[-1] == "[[]]"


def test_a_database_the_app_cannot_open_is_one_line_and_exit_1(capsys, monkeypatch,
                                                               tmp_path):
    import sqlite3

    import livinglab.tui.app

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (text)")
    conn.close()
    # the app calls the opener in a thread once home shows; here at once, without a screen
    monkeypatch.setattr(livinglab.tui.app, "run_app", lambda opener, db_path=None: opener())
    code, out, err = run_cli(capsys, "--lang", "en", "--db", str(other))
    assert (code, out) == (1, "")
    assert err == f"livinglab: {other} is not a livinglab database\n"


def test_app_options_a_command_line_that_only_opens_the_app(tmp_path):
    from livinglab.launch import app_options

    config = app_options(["--db", str(tmp_path / "a.db"), "--lang=nl",
                          "--methods", str(tmp_path)])
    assert (config.db_path, config.methods_dir) == (tmp_path / "a.db", tmp_path)
    # anything else is click's to parse and explain
    for argv in (["sessions"], ["--help"], ["--version"], ["--db"], ["--lang", "fr"],
                 ["--db", str(tmp_path)], ["--methods", str(tmp_path / "none")],
                 ["--db", "a.db", "--db", "b.db"], ["--db", ""]):
        assert app_options(argv) is None, argv


def test_a_bad_option_value_is_explained_by_click(capsys, tmp_path):
    code, _out, err = run_cli(capsys, "--lang", "en", "--methods", str(tmp_path / "none"))
    assert code == 2 and "Directory" in err and "does not exist" in err


async def test_home_lists_the_meetings_before_the_store_is_open(db_path, methods):
    """Read with sqlite3 alone, the list shows while the store and the models are still
    being imported and opened; the store's read gives the same list, the cursor kept."""
    import datetime as dt

    from livinglab.models import Group, Session, SessionStatus

    with Store(empty_db(db_path)) as store:
        import_cases(store, example_cases())
        group = store.save(Group(name="Wijkteam Noord"))
        for title, day, status in (("Overleg maart", 3, SessionStatus.FINISHED),
                                   ("Overleg april", 4, SessionStatus.FINISHED),
                                   ("Overleg december", 12, SessionStatus.PLANNED)):
            store.save(Session(title=title, group_id=group.id, date=dt.date(2026, day, 2),
                               start_time=dt.time(9, 30) if day == 12 else None,
                               status=status))
        march = next(s for s in store.select(Session) if s.title == "Overleg maart")
    gate = threading.Event()
    app = opened_app(db_path, methods, gate, first_rows=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "Overleg maart" in screen_text(app))
        assert app.store is None  # the store is not open: the gate holds it
        before = screen_text(app)
        assert before.index("Overleg december") < before.index("Overleg april") \
            < before.index("Overleg maart")  # planned first, then the newest held
        assert "planned" in before and "02-12-2026 09:30" in before
        assert "Wijkteam Noord" in before
        await pilot.press("down", "down")  # to the March meeting, before the store opens
        gate.set()
        assert await until(pilot, lambda: app.store is not None)
        await pilot.pause()
        after = screen_text(app)
        rows = [line for line in after.splitlines() if "Overleg" in line]
        assert rows == [line for line in before.splitlines() if "Overleg" in line]
        await pilot.press("enter")  # the meeting the cursor was moved to
        from livinglab.tui.screens.minutes_preview import MinutesScreen

        assert await until(pilot, lambda: isinstance(app.screen, MinutesScreen))
        assert app.screen.session_id == march.id


def test_first_meetings_read_none_from_a_missing_or_foreign_file(tmp_path):
    import sqlite3

    from livinglab.models import PRACTICE_GROUP_ID
    from livinglab.tui.screens import home

    assert home.PRACTICE_GROUP_ID == PRACTICE_GROUP_ID
    assert home.first_meetings(tmp_path / "none.db") is None
    assert not (tmp_path / "none.db").exists()  # not made by looking
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (text)")
    conn.close()
    assert home.first_meetings(other) is None


async def test_keys_after_k_pressed_before_the_database_is_open_reach_the_knowledge_screen(
        db_path, methods):
    from apptools import send_burst

    plan_one_meeting(db_path, methods)
    gate = threading.Event()
    app = opened_app(db_path, methods, gate, first_rows=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        send_burst(pilot, "k", "right", "right")
        await pilot.pause()
        gate.set()
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "list-tension")
        await pilot.pause(0.3)
        assert app.focused.id == "list-tension"
        assert "Tension" in screen_text(app)  # the tensions' list in view, its column
