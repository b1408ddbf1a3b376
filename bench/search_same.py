"""Search gives the same results as the search of another commit (main, unless told):
the same hits in the same order with the same snippets, labels and scores, over the 100
words of the bench, some hard queries (compounds, diacritics, quotes and FTS syntax, more
words at once), each kind, each group, and the largest limit the app asks for. Run it
after every change to storage/search.py that should change no result:

    .venv/bin/python bench/search_same.py DB [DB ...] [--against main]

It only reads the databases. Prints what differs, and exits 1 if anything does."""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from livinglab.storage import search as new
from livinglab.storage.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from inprocess import demo_words

HARD = ["kinderarmoede", "armoede", "gemeente inwoner", "cliëntenraad", "clientenraad",
        "CLIËNTENRAAD", "Zo\"rg", "NEAR AND", "zorg*", "-zorg", "e", "ij", "de het",
        "achter huur", "huurachterstand", "achterstand", "leggen uit", "niemand iemand",
        "taxipas", "menselijke maat", "\"de menselijke maat\"", "keukentafel fraude",
        "zoon", "café", "één", "ver", "over", "regie", "…", "12", "2024", "x" * 40,
        "gemeente gemeente", "inwoner: zorg", "a-b", "beheersbare kosten", "geheim"]


def shown(hit) -> tuple:
    """A hit's every field by name, as a caller reads them (a hit may make its snippet
    only when read: `vars()` would not hold it yet)."""
    return tuple(getattr(hit, f.name) for f in dataclasses.fields(hit))


def old_module(commit: str):
    """storage/search.py as it is at `commit`, imported beside the current one."""
    source = subprocess.run(["git", "show", f"{commit}:src/livinglab/storage/search.py"],
                            capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parent.parent).stdout
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "search_before.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("livinglab.storage._search_before", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look themselves up there
        spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dbs", nargs="+", type=Path)
    parser.add_argument("--against", default="main")
    parser.add_argument("--words", type=int, default=100)
    args = parser.parse_args()
    old = old_module(args.against)
    differ = compared = 0
    for db in args.dbs:
        store = Store(db, read_only=True)
        conn = store.conn
        groups = [None] + [g for (g,) in conn.execute("select id from groups order by id")][:4]
        asks = [(q, (), None, 50) for q in demo_words(args.words) + HARD]
        asks += [(q, (k,), None, 50) for q in HARD[:8] + demo_words(12) for k in new.KINDS]
        asks += [(q, (), g, 50) for q in HARD[:8] + demo_words(12) for g in groups]
        asks += [(q, ("field", "note"), g, 100) for q in HARD for g in groups[:2]]
        asks += [(q, (), None, 100) for q in demo_words(30)]
        for text, kinds, group, limit in asks:
            before = old.search(conn, text, kinds, group, limit)
            after = new.search(conn, text, kinds, group, limit)
            compared += 1
            if [shown(h) for h in before] != [shown(h) for h in after]:
                differ += 1
                print(f"{db.name}: {text!r} kinds={kinds} group={group} limit={limit}: "
                      f"{len(before)} hits before, {len(after)} now")
                for b, a in zip(before, after):
                    if shown(b) != shown(a):
                        print(f"  before: {b}\n  now:    {a}")
                        break
        differ += same_snippets(old, conn, db.name)
        store.close()
    print(f"{compared} searches compared, {differ} differ")
    return 1 if differ else 0


def same_snippets(old, conn, name: str, count: int = 3000) -> int:
    """Snippets of documents' texts for words of them (by their start or whole, a piece
    of one, two at once, a word with an underscore), made both ways."""
    rows = conn.execute("select text from search_docs order by id").fetchall()
    pick = random.Random(27)
    texts = [t for (t,) in pick.sample(rows, min(count, len(rows)))]
    texts += [t for (t,) in conn.execute(  # the longest: many words placed, many found
        "select text from search_docs order by length(text) desc limit 60")]
    texts += ["Één café, één cliënt: ß and straße … naïef", "a_b a_b_a_b xa_b", "x" * 20,
              "Zo. Dit: dat. " * 30, "geen woord hier", ""]
    differ = 0
    for text in texts:
        words = new.query_words(text) or ["niets"]
        for _n in range(4):
            chosen = pick.sample(words, min(len(words), pick.choice([1, 1, 2, 3])))
            phrases = [(new.term(w)[: pick.choice([2, 3, 5, 40])], pick.random() < 0.7)
                       for w in chosen]
            if pick.random() < 0.1:
                phrases.append(("a_b", True))
            if pick.random() < 0.2:  # a word found everywhere
                phrases.append((pick.choice(["de", "het", "en", "ee", "is"]), pick.random() < 0.5))
            size = pick.choice([16, 16, 16, 5])
            if old.snippet(text, phrases, size) != new.snippet(text, phrases, size):
                differ += 1
                print(f"{name}: snippet of {text[:60]!r} for {phrases} differs")
    return differ


if __name__ == "__main__":
    sys.exit(main())
