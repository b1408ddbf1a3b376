"""How long `livinglab demo --meetings N --groups G` takes to write a large archive.

Run with `.venv/bin/python bench/demo.py [N ...]` (default 1000); timings live here, not
in the tests. The anchor: 1,000 meetings in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from livinglab.demo import make_demo


def main(sizes: list[int]) -> None:
    folder = Path(tempfile.mkdtemp())
    for meetings in sizes:
        groups = max(1, meetings // 200)
        path = folder / f"demo-{meetings}.db"
        start = time.perf_counter()
        make_demo(path, dt.date(2026, 11, 25), meetings=meetings, groups=groups)
        elapsed = time.perf_counter() - start
        size = path.stat().st_size / 1e6
        print(f"demo with {meetings:>6} meetings in {groups:>3} groups: {elapsed:6.1f} s "
              f"({elapsed / meetings * 1000:.1f} ms a meeting, {size:.0f} MB)")


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1000])
