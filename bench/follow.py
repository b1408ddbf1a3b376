"""How long the follow view takes to see an edit of the chair, and what one look costs.
Run with `.venv/bin/python bench/follow.py`; timings live here, not in the tests."""

from __future__ import annotations

import random
import statistics
import threading
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from conftest import plan_dilemma_meeting  # noqa: E402

from livinglab.library.cases import example_cases, import_cases  # noqa: E402
from livinglab.meeting.follow import POLL_EVERY, Follower, open_read_only  # noqa: E402
from livinglab.methods import load_methods  # noqa: E402
from livinglab.storage.store import Store  # noqa: E402
from livinglab.live.workshop import Workshop  # noqa: E402


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "follow.db"
    store, methods = Store(path), load_methods()
    import_cases(store, example_cases())
    workshop = Workshop(store, plan_dilemma_meeting(store, methods).id, methods)
    workshop.start()
    workshop.go_to_item(workshop.items[1].id)
    workshop.next_step()
    follower = Follower(open_read_only(path), None, methods)
    follower.changed()
    follower.read()

    looks = []
    for _ in range(200):
        start = time.perf_counter()
        follower.changed()
        looks.append(time.perf_counter() - start)
    reads = []
    for _ in range(50):
        start = time.perf_counter()
        follower.read()
        reads.append(time.perf_counter() - start)
    # The window's loop in a thread of its own, the chair's edits at random moments.
    seen_at: dict[str, float] = {}
    done = threading.Event()

    def window() -> None:
        while not done.is_set():
            if follower.changed():
                captured = follower.read().captured
                for n in range(20):
                    seen_at.setdefault(f"Zin nummer {n}.", time.perf_counter()) \
                        if f"Zin nummer {n}." in captured else None
            time.sleep(POLL_EVERY)

    thread = threading.Thread(target=window)
    thread.start()
    written_at = {}
    for n in range(20):
        time.sleep(random.uniform(0.3, 0.8))
        text = f"Zin nummer {n}."
        workshop.set_value("situation", text)
        written_at[text] = time.perf_counter()
    time.sleep(1)
    done.set()
    thread.join()
    seen = [seen_at[t] - written_at[t] for t in written_at if t in seen_at]
    print(f"one look at data_version: median {statistics.median(looks) * 1e6:.0f} µs")
    print(f"one read of the meeting:  median {statistics.median(reads) * 1000:.1f} ms")
    print(f"edit stored -> seen:      median {statistics.median(seen) * 1000:.0f} ms, "
          f"max {max(seen) * 1000:.0f} ms, {len(seen)}/20 seen "
          f"(polling every {POLL_EVERY * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
