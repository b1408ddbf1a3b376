"""The figures measured inside one Python process, one process per run (so every run
starts with cold caches, as a user's command does). Prints one JSON object.

    python bench/inprocess.py render DB    # the minutes of every finished meeting
    python bench/inprocess.py search DB    # 100 searches for words of the demo content,
                                           # every hit read with its snippet (as the
                                           # command line prints them and the app's
                                           # table lists them)
    python bench/inprocess.py searchpage DB  # the same, the snippets of the first
                                           # SHOWN hits only (what a screen of 80x24
                                           # shows: a hit makes its snippet when read)
    python bench/inprocess.py rawsearch DB # the same words, one bare FTS5 query each
                                           # (the anchor: what SQLite alone takes)
    python bench/inprocess.py rawsame DB   # the same words, each as the bare FTS5 queries
                                           # search runs: the word, and where the
                                           # vocabulary holds compounds of it, their
                                           # lookup and query (the second anchor)
    python bench/inprocess.py size DB      # KB per meeting, in all and by table and index
                                           # (dbstat: the pages each uses; VACUUM first)
"""

from __future__ import annotations

import json
import math
import random
import re
import sys
import time
from pathlib import Path

from livinglab.meeting import queries as meeting_queries

QUERIES = 100


def render_all(db: Path) -> dict:
    from livinglab.methods import load_methods
    from livinglab.minutes import render_minutes
    from livinglab.models import SessionStatus
    from livinglab.storage.store import Store

    store = Store(db, read_only=True)
    methods = load_methods()
    finished = meeting_queries.sessions(store, status=SessionStatus.FINISHED)
    start = time.perf_counter()
    written = sum(len(render_minutes(store, s.id, methods)) for s in finished)
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "meetings": len(finished), "characters": written}


def demo_words(count: int = QUERIES) -> list[str]:
    """`count` words of six letters or more from the demo's texts, the same every run."""
    from livinglab.demo import content as demo_content

    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            text = re.sub(r"\{[^}]*\}", " ", value)  # {gen}: a name filled in later
            found.update(w.lower() for w in re.findall(r"[^\W\d_]{6,}", text))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                walk(item)

    for name, value in vars(demo_content).items():
        if not name.startswith("_"):
            walk(value)
    words = sorted(found)
    return random.Random(15).sample(words, min(count, len(words)))


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the value that `fraction` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


SHOWN = 15  # the hits a search screen of 80x24 shows at once


def search_all(db: Path, shown: int | None = None) -> dict:
    """Each word searched, and the snippets of its hits read (of the first `shown` only,
    when given): a hit makes its snippet when it is read."""
    from livinglab.storage.store import Store

    store = Store(db, read_only=True)
    words = demo_words()
    store.search(words[0])  # the first query opens the index's pages: not what we time
    times, hits = [], 0
    for word in words:
        start = time.perf_counter()
        found = store.search(word)
        for hit in found[:shown]:
            hit.snippet  # noqa: B018 - read, as a caller that shows it does
        times.append(time.perf_counter() - start)
        hits += len(found)
    return {"p50": percentile(times, 0.50), "p95": percentile(times, 0.95),
            "queries": len(words), "hits": hits}


def raw_search_all(db: Path) -> dict:
    """The anchor of search: each word as one FTS5 query of the word index, by its start,
    ranked by the index, the first 50 with their snippets, through sqlite3 alone."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sql = ("select d.id, d.kind, d.label, snippet(search_words, 1, '[', ']', '…', 16) "
           "from search_words join search_docs d on d.id = search_words.rowid "
           "where search_words match ? order by search_words.rank limit 50")
    words = demo_words()
    conn.execute(sql, [f'"{words[0]}"*']).fetchall()
    times, hits = [], 0
    for word in words:
        start = time.perf_counter()
        hits += len(conn.execute(sql, [f'"{word}"*']).fetchall())
        times.append(time.perf_counter() - start)
    return {"p50": percentile(times, 0.50), "p95": percentile(times, 0.95),
            "queries": len(words), "hits": hits}


def raw_same_all(db: Path) -> dict:
    """The second anchor of search: each word as the FTS5 queries search itself runs,
    through sqlite3 alone: the word by its start (ranked, the first 50, snippet()), and
    where the vocabulary holds words that hold it ("armoede" in "kinderarmoede"), their
    lookup in the trigram index and one ranked query of them (the first 500, as search
    merges them). Search's own work beyond this is its Python: merging, snippets, rows."""
    import sqlite3

    from livinglab.storage.search import CANDIDATES, COMPOUNDS, term

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    first = ("select d.id, d.kind, d.label, snippet(search_words, 1, '[', ']', '…', 16) "
             "from search_words join search_docs d on d.id = search_words.rowid "
             "where search_words match ? order by search_words.rank limit 50")
    lookup = ("select term from search_terms_tri where search_terms_tri match ? "
              "order by term limit ?")
    inside = ("select rowid, rank from search_words where search_words match ? "
              "order by rank limit ?")

    def run(word: str) -> int:
        found = len(conn.execute(first, [f'"{word}"*']).fetchall())
        typed = term(word)
        if len(typed) >= 3:
            holding = [t for (t,) in conn.execute(lookup, [f'"{typed}"', COMPOUNDS])
                       if not t.startswith(typed)]
            if holding:
                found += len(conn.execute(inside, [" OR ".join(f'"{t}"' for t in holding),
                                                   CANDIDATES]).fetchall())
        return found

    words = demo_words()
    run(words[0])
    times, hits = [], 0
    for word in words:
        start = time.perf_counter()
        hits += run(word)
        times.append(time.perf_counter() - start)
    return {"p50": percentile(times, 0.50), "p95": percentile(times, 0.95),
            "queries": len(words), "hits": hits}


def size(db: Path) -> dict:
    """The file's pages per meeting, in KB, in all and by table or index, largest first."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    meetings = conn.execute("select count(*) from sessions").fetchone()[0] or 1
    by_name = conn.execute("select name, sum(pgsize) from dbstat group by name "
                           "order by 2 desc").fetchall()
    return {"meetings": meetings,
            "kb_per_meeting": round(sum(b for _n, b in by_name) / 1000 / meetings, 2),
            "by_name": {n: round(b / 1000 / meetings, 2) for n, b in by_name if b}}


if __name__ == "__main__":
    what, db = sys.argv[1], Path(sys.argv[2])
    print(json.dumps({"render": render_all, "search": search_all,
                      "searchpage": lambda db: search_all(db, SHOWN),
                      "rawsearch": raw_search_all, "rawsame": raw_same_all, "size": size}[what](db)))
