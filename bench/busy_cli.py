"""Many command-line runs that write, started at once beside a running meeting.

A meeting runs in this process as the app runs it: an open Store with the app's short busy
timeout, storing what is typed every half second and a heartbeat every second. Beside it
N processes start at once, each `livinglab cases import FILE` (a case of its own) or
`livinglab privacy names add NAME` (a name of its own). Printed: how many runs failed and
with what, how long the slowest took, and how many of the meeting's writes had to wait
for a retry (the app keeps those and tries again).

    .venv/bin/python bench/busy_cli.py [--runs 300] [--repeat 1]

tests/test_busy_database.py runs the same with the `slow` marker and asserts that every
run succeeded; the timings and counts are read here.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from livinglab.library.cases import example_cases, import_cases
from livinglab.methods import load_methods
from livinglab.models import AgendaKind, Role
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.storage.store import Store, StoreError
from livinglab.live.workshop import Workshop

GROUP = "Wijkteam Havenkwartier"
APP_BUSY_TIMEOUT_MS = 200  # as tui/app.py sets it: the screen never waits longer
SAVE_EVERY = 0.5  # the runner stores what is typed this often
CLI = [sys.executable, "-c", "from livinglab.cli import main; main()"]


def prepare(db: Path) -> str:
    """A database with the example cases and one planned meeting; its id."""
    methods = load_methods()
    with Store(db) as store:
        import_cases(store, example_cases())
        return create_meeting(store, MeetingPlan(
            title="Trage vraag over de menselijke maat", group_name=GROUP,
            date="2026-11-25", start_time="9:30", location="Buurthuis De Kaap",
            participants=[PlannedParticipant("Anouk Visser", Role.CHAIR),
                          PlannedParticipant("Bram de Wit", Role.SECRETARY)],
            agenda=[PlannedItem("Trage vraag", AgendaKind.CASE_REVIEW,
                                case_id="menselijke-maat", method_id="trage-vragen")],
        ), methods).id


@dataclass
class MeetingBeside:
    """The chair's app in a thread: every half second what was typed, every second a beat."""

    db: Path
    session_id: str
    typed: str = ""
    writes: int = 0
    waited: list[str] = field(default_factory=list)  # writes that failed and were kept

    def __post_init__(self) -> None:
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        store = Store(self.db)
        store.conn.execute(f"PRAGMA busy_timeout = {APP_BUSY_TIMEOUT_MS}")
        workshop = Workshop(store, self.session_id, load_methods())
        workshop.start()
        pending, beat_at = "", 0.0
        while not self.stop.wait(SAVE_EVERY):
            pending += f"Zin {self.writes + 1}. "
            try:
                workshop.set_value("arrival", pending)
                self.typed, self.writes = pending, self.writes + 1
            except StoreError as e:  # kept, as the runner keeps it, and tried again
                self.waited.append(str(e))
            if time.monotonic() - beat_at >= 1:
                try:
                    workshop.beat()
                    beat_at = time.monotonic()
                except StoreError as e:
                    self.waited.append(str(e))
        store.close()

    def __enter__(self) -> MeetingBeside:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


@dataclass
class Run:
    args: list[str]
    code: int
    err: str
    seconds: float


def writer_args(db: Path, folder: Path, number: int) -> list[str]:
    """Every other run imports a case file of its own; the others add a name of their own."""
    common = ["--lang", "en", "--db", str(db)]
    if number % 2:
        return common + ["privacy", "names", "add", f"Naam {number}", "--group", GROUP]
    case = folder / f"gelijktijdig-{number}.md"
    case.write_text(f"---\ntitle: Gelijktijdig {number}\nkind: casus\n---\n\n## Situatie\n\n"
                    f"Casus {number}, ingevoerd naast een lopende bijeenkomst.\n",
                    encoding="utf-8")
    return common + ["cases", "import", str(case)]


def run_writers(db: Path, folder: Path, runs: int) -> list[Run]:
    """`runs` processes started at once, each writing once; waited for, each with its result."""
    folder.mkdir(exist_ok=True)
    started = []
    for number in range(runs):
        args = writer_args(db, folder, number)
        started.append((args, time.monotonic(), subprocess.Popen(
            CLI + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)))
    results = []
    for args, start, process in started:
        _out, err = process.communicate()
        results.append(Run(args, process.returncode, err.strip(), time.monotonic() - start))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    for attempt in range(options.repeat):
        folder = Path(tempfile.mkdtemp())
        db = folder / "livinglab.db"
        meeting = MeetingBeside(db, prepare(db))
        start = time.monotonic()
        with meeting:
            results = run_writers(db, folder / "cases", options.runs)
        took = time.monotonic() - start
        failed = [r for r in results if r.code]
        reasons: dict[str, int] = {}
        for run in failed:
            reason = run.err.splitlines()[-1] if run.err else f"exit {run.code}"
            reasons[reason.replace(str(db), "DB")] = reasons.get(
                reason.replace(str(db), "DB"), 0) + 1
        seconds = sorted(r.seconds for r in results)
        print(f"run {attempt + 1}: {options.runs} writing runs in {took:.1f} s, "
              f"{len(failed)} failed; per run median {statistics.median(seconds):.1f} s, "
              f"slowest {seconds[-1]:.1f} s; the meeting stored {meeting.writes} edits, "
              f"{len(meeting.waited)} writes waited for a retry")
        for reason, count in sorted(reasons.items(), key=lambda r: -r[1]):
            print(f"  {count} x {reason}")


if __name__ == "__main__":
    main()
