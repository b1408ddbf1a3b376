"""How long the home screen takes to open on an empty database and on one with
5,000 meetings. Run with `make bench`; timings live here, not in the tests."""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
import time
from pathlib import Path

from livinglab.methods import load_methods
from livinglab.models import Group, Session, SessionStatus
from livinglab.store import Store


def fill(store: Store, count: int) -> None:
    group = store.save_group(Group(name="Wijkteam"))
    statuses = list(SessionStatus)
    with store.transaction():
        for n in range(count):
            store.save_session(Session(title=f"Bijeenkomst {n}", group_id=group.id,
                                       date=dt.date(2020, 1, 1) + dt.timedelta(days=n % 2000),
                                       status=statuses[n % 3]))


async def open_home(path: Path) -> float:
    from livinglab.tui.app import LivingLabApp

    start = time.perf_counter()
    app = LivingLabApp(Store(path), load_methods())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
    return elapsed


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    for count in (0, 5000):
        path = folder / f"{count}.db"
        fill(Store(path), count)
        runs = [asyncio.run(open_home(path)) for _ in range(3)]
        print(f"home screen with {count:>5} meetings: best of 3 {min(runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
