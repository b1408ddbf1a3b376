"""The room under a full group (issue 26): 40 simulated participants on loopback join a
room, follow the chair and write the dilemma method's five prompts, while the chair types
in the app (a pseudo-terminal of 80x24). Run with `.venv/bin/python bench/room.py`.

Reported: nothing lost (every participant's five answers in the store after the reveal,
exactly as written, and every letter the chair typed), the p50/p95 response time of the
room's requests, and the chair's keystroke-to-stored time without a room and with the
room full, each over the same 20 keys.

Each participant is a thread with its own HTTP client (its own cookie): it opens the
address, takes its name, then asks where the chair is every second (as the page's script
does) and sends its answers at a random moment in the first 10 seconds, then twice more
(a participant changing their mind), and keeps following until the chair is done.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import httpx
from inprocess import percentile
from terminal import ENTER, PtyProgram, ctrl, wait_until

from livinglab.library.cases import example_cases, import_cases
from livinglab.live.workshop import Workshop
from livinglab.meeting.planning import (
    MeetingPlan,
    PlannedItem,
    PlannedParticipant,
    create_meeting,
)
from livinglab.methods import load_methods
from livinglab.models import AgendaKind, Role
from livinglab.room import rooms
from livinglab.storage.store import Store

LIVINGLAB = str(Path(sys.executable).parent / "livinglab")
KEYS = "benchmarkkeystrokes!"
COLUMNS = ("choice", "value", "cannot", "limit_harm", "asks_of_me")


def plan(path: Path, people: int) -> tuple[str, str]:
    store, methods = Store(path), load_methods()
    import_cases(store, example_cases())
    session = create_meeting(store, MeetingPlan(
        title="Moreel beraad met de hele groep", group_name="Wijkteam Bench",
        date="2026-11-25", start_time="9:30",
        participants=[PlannedParticipant("Voorzitter Bench", Role.CHAIR)]
        + [PlannedParticipant(f"Deelnemer {n:02d}", Role.PARTICIPANT) for n in range(people)],
        agenda=[PlannedItem("Casus", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen",
                            "dilemma")]), methods)
    workshop = Workshop(store, session.id, methods)
    workshop.start()
    workshop.go_to_step(6)  # the own choice: each person writes five sentences
    item = workshop.item.id
    store.close()
    return session.id, item


def chair_types(db: Path, item: str, label: str) -> list[float]:
    """The chair's keys into the first field of the step (the chair's own choice), each
    sent once the one before is stored; seconds per key."""
    reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    latencies = []
    pace = random.Random(7)
    try:
        with PtyProgram([LIVINGLAB, "--lang", "nl", "--db", str(db)]) as app:
            app.wait_for("Bijeenkomsten", timeout=60)
            time.sleep(1.5)
            mark = app.mark()
            app.send(ENTER)
            app.wait_for("Eigen keuze", since=mark, timeout=30)
            time.sleep(1.0)
            for n in range(len(KEYS)):
                typed = f"{label}{KEYS[:n + 1]}"
                if n == 0:
                    app.send(label)
                sent = time.perf_counter()
                app.send(KEYS[n])
                wait_until(lambda typed=typed: (row := reader.execute(
                    "select value from entries where item_id = ? and field_key = 'choices'",
                    [item]).fetchone()) and typed in row[0], timeout=30, every=0.002,
                    what=f"key {n + 1} stored")
                latencies.append(time.perf_counter() - sent)
                time.sleep(pace.uniform(0, 0.5))
            app.send(ctrl("q"))
            time.sleep(1.0)
    finally:
        reader.close()
    return latencies


class Participant(threading.Thread):
    def __init__(self, address: str, name: str, stop: threading.Event, seed: int):
        super().__init__(daemon=True)
        self.address, self.name, self.stop = address, name, stop
        self.times: list[float] = []
        self.kinds: list[str] = []
        self.failures: list[str] = []
        self.answers = {c: f"{name}: {c} {seed}" for c in COLUMNS}
        self.pace = random.Random(seed)
        self.writes = sorted(self.pace.uniform(0, 10) for _ in range(3))  # seconds in

    def timed(self, call, *args, **kwargs):
        start = time.perf_counter()
        response = call(*args, **kwargs)
        self.times.append(time.perf_counter() - start)
        first = response.history[0].request if response.history else response.request
        self.kinds.append(first.url.path.rsplit("/", 1)[-1] or "page")  # a post: its redirect too
        if response.status_code >= 400:
            self.failures.append(f"{response.status_code} {response.request.url.path[-8:]}")
        return response

    def run(self) -> None:
        with httpx.Client(follow_redirects=True, timeout=30) as phone:
            page = self.timed(phone.get, self.address).text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            me = re.search(rf'value="([^"]+)"[^>]*>\s*<label for="p\d+">{self.name}</label>',
                           page).group(1)
            page = self.timed(phone.post, self.address + "join",
                              data={"csrf": csrf, "participant": me}).text
            item = re.search(r'name="item" value="([^"]+)"', page).group(1)
            started = time.perf_counter()
            while not self.stop.is_set():
                if self.writes and time.perf_counter() - started >= self.writes[0]:
                    self.writes.pop(0)
                    self.timed(phone.post, self.address + "write", data={
                        "csrf": csrf, "item": item, "field": "choices",
                        **{f"a_{c}": v for c, v in self.answers.items()}})
                self.timed(phone.get, self.address + "state")
                self.stop.wait(1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=40)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="room-bench-"))

    quiet_db = work / "quiet.db"
    _session, quiet_item = plan(quiet_db, args.people)
    without = chair_types(quiet_db, quiet_item, "zonder ")

    db = work / "room.db"
    session, item = plan(db, args.people)
    server = subprocess.Popen([LIVINGLAB, "--db", str(db), "room", session, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    address = server.stdout.readline().strip()
    stop = threading.Event()
    people = [Participant(address, f"Deelnemer {n:02d}", stop, n) for n in range(args.people)]
    for person in people:
        person.start()
    time.sleep(2)  # everyone joined and following
    with_room = chair_types(db, item, "met ")
    wait_until(lambda: not any(person.writes for person in people), timeout=60,
               what="every participant's last write")
    time.sleep(1.5)  # their last write answered
    stop.set()
    for person in people:
        person.join(30)
    server.terminate()
    server.wait(10)

    store, methods = Store(db), load_methods()
    workshop = Workshop(store, session, methods)
    revealed = rooms.reveal(store, workshop)
    stored = workshop.value("choices")
    names = {person.name: p.id for p, person in workshop.attendance()}
    lost = [person.name for person in people
            if stored.get(names[person.name]) != person.answers]
    chair_text = next((row.get("choice", "") for row in stored.values()
                       if "met " in row.get("choice", "")), "")
    store.close()

    times = [t for person in people for t in person.times]
    by_kind: dict[str, list[float]] = {}
    for person in people:
        for kind, t in zip(person.kinds, person.times, strict=True):
            by_kind.setdefault(kind, []).append(t)
    failures = [f for person in people for f in person.failures]
    report = {
        "participants": args.people,
        "requests": len(times),
        "failed requests": len(failures),
        "revealed": revealed,
        "answers lost": len(lost),
        "chair's text kept": chair_text.endswith(KEYS),
        "response p50 ms": round(statistics.median(times) * 1000, 1),
        "response p95 ms": round(percentile(times, 0.95) * 1000, 1),
        "response max ms": round(max(times) * 1000, 1),
        "p95 ms by request": {kind: round(percentile(ts, 0.95) * 1000, 1)
                              for kind, ts in sorted(by_kind.items())},
        "keystroke to stored, no room, p50/p95 ms": [
            round(statistics.median(without) * 1000), round(percentile(without, 0.95) * 1000)],
        f"keystroke to stored, room of {args.people}, p50/p95 ms": [
            round(statistics.median(with_room) * 1000),
            round(percentile(with_room, 0.95) * 1000)],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if lost or failures:
        print("lost:", lost[:5], "failures:", failures[:5], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
