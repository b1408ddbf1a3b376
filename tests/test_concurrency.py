"""The app and the command line write the same file at once: nothing is lost, and neither
says the database is locked.

The secretary types into a running meeting (Pilot, keys only) while `livinglab cases
import` runs again and again in another process, each time adding a case and updating
the ones before. Every wait is for an observable state with a deadline.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.widgets import TextArea

from livinglab.models import SessionStatus
from livinglab.storage.store import Store

from apptools import make_app, screen_text, type_text, until
from test_crash import plan_slow_question
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.models import Session

pytestmark = pytest.mark.robustness

IMPORT_SECONDS = 3  # the command line imports again and again this long
CASES_AT_FIRST = 30  # each import writes them all: it holds the file as a real folder does
PROBLEMS = ("locked", "Not saved")  # what the runner shows when a write had to wait too long
SENTENCES = [f"Zin {n} over de menselijke maat." for n in range(1, 61)]


def case_file(folder: Path, number: int) -> None:
    (folder / f"gelijktijdig-{number}.md").write_text(
        f"---\ntitle: Gelijktijdig ingevoerd {number}\nkind: casus\n---\n\n## Situatie\n\n"
        f"Casus {number}, ingevoerd terwijl de notulist typt.\n", encoding="utf-8")


def import_again_and_again(db: str, folder: Path, seconds: float) -> None:
    """`livinglab cases import FOLDER` again and again for `seconds`, a new case file before
    each, so that each import adds one case and updates the others (a write that holds the
    file for a while). Run in a process of its own (below): many more writes a second than
    a new process for each import. It starts when a line comes in, so that its own
    start-up overlaps the app's."""
    from livinglab.cli import main

    for number in range(CASES_AT_FIRST):
        case_file(folder, number)
    sys.stdin.readline()
    until, number = None, CASES_AT_FIRST
    while until is None or time.monotonic() < until:
        case_file(folder, number)
        number += 1
        try:
            main(["--lang", "en", "--db", db, "cases", "import", str(folder)])
        except SystemExit as end:
            if end.code:
                raise
        until = until or time.monotonic() + seconds  # from the end of the first import


async def test_typing_while_the_cli_imports_cases_loses_nothing(tmp_path, methods):
    db = tmp_path / "livinglab.db"
    plan_slow_question(db, methods)
    folder = tmp_path / "cases"
    folder.mkdir()
    importer = subprocess.Popen(
        [sys.executable, __file__, str(db), str(folder), str(IMPORT_SECONDS)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    app = make_app(db, methods)

    def stored() -> str:
        return meeting_queries.entries(app.store, app.screen.workshop.item.id).get("arrival") or ""

    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # the planned meeting starts
            assert await until(pilot, lambda: isinstance(app.focused, TextArea)
                               and app.focused.id == "arrival-text", tries=200)
            importer.stdin.write("go\n")
            importer.stdin.flush()
            typed, problems = "", set()
            for sentence in SENTENCES:  # one at a time, each stored before the next
                await type_text(pilot, sentence + " ")
                typed += sentence + " "
                assert await until(pilot, lambda: stored() == typed, tries=200), \
                    f"typed {typed!r}, stored {stored()!r}, on screen:\n{screen_text(app)}"
                problems |= {p for p in PROBLEMS if p in screen_text(app)}
                if importer.poll() is not None:
                    break
            out, err = importer.communicate(timeout=60)
            problems |= {p for p in PROBLEMS if p in screen_text(app)}
            assert not problems, screen_text(app)
            assert stored() == typed
            session = app.store.get(Session, app.screen.workshop.session.id)
            assert session.status == SessionStatus.RUNNING
    finally:
        importer.kill()  # when something above failed: it may wait for its line still

    assert importer.returncode == 0 and "locked" not in err, err
    files = len(list(folder.glob("*.md")))
    assert out.count("0 with problems") == files - CASES_AT_FIRST >= 2
    with Store(db) as store:
        titles = {case.title for case in case_queries.cases(store)}
        assert {f"Gelijktijdig ingevoerd {n}" for n in range(files)} <= titles
        assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


if __name__ == "__main__":
    import_again_and_again(sys.argv[1], Path(sys.argv[2]), float(sys.argv[3]))
