"""Another process beside the app never takes the app's WAL away (found by a newcomer's
walk: a `livinglab questions` typed while the knowledge screen was open, and every later
save there failed with "disk I/O error").

POSIX locks belong to a process and a file: closing any descriptor of the file drops all
of them. Opening a second Store on a file this process has open (the knowledge screen's
read-only reader) must not read the file through a descriptor of its own, or the next
process to close its connection believes it was the last one and deletes the WAL."""

from __future__ import annotations

import subprocess
import sys

from livinglab.models import Group
from livinglab.storage.store import Store

from conftest import empty_db


def command_beside(path) -> None:
    done = subprocess.run([sys.executable, "-m", "livinglab", "--db", str(path), "--lang",
                           "en", "questions", "--history"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "No slow questions" in done.stdout, done.stderr


def test_a_reader_in_the_app_then_a_command_beside_it_leave_the_wal_in_place(tmp_path):
    path = empty_db(tmp_path / "team.db")
    app = Store(path)
    app.save(Group(name="Wijkteam Noord"))
    reader = Store(path, read_only=True)  # the knowledge screen's thread
    reader.close()
    command_beside(path)
    assert (tmp_path / "team.db-wal").exists()
    app.save(Group(name="Wijkteam Zuid"))  # was: disk I/O error
    app.close()
    with Store(path) as store:
        assert sorted(g.name for g in store.select(Group)) == ["Wijkteam Noord",
                                                              "Wijkteam Zuid"]
