"""Whether two versions of the personal-data scanner find the same (issue 24: a faster
scanner must find exactly what the one before it found).

    git show main:src/livinglab/text/personal.py > /tmp/OLD.py
    .venv/bin/python bench/scanner_same.py /tmp/OLD.py [SEED] [MIXES]
    LIVINGLAB_LEXICON=builtin .venv/bin/python bench/scanner_same.py /tmp/OLD.py

Compared, OLD.py against livinglab.text.personal: `scan` and `scan_lines` (with and
without a region), `document_names`, `person_cell_names` and a `Pseudonymiser`'s output,
on every snippet of the privacy corpora and bench/leaks.jsonl, every string of the tests
about privacy, SEED's MIXES random mixes of those and of bench/scanner.py's hard texts
(cut, joined, in lower and upper case), SEED's numbers written every way a phone number,
a date or an account number may be (`numbers`: groups, separators, prefixes, what
follows), 16 KB of each of those texts, and texts past 100 KB (where the scanner takes
shortcuts of its own): 120 KB of the texts of names, and the privacy texts joined. Prints the first differences (SHOW=n for
more) and their count.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import scanner as hard  # bench/scanner.py: its hard texts and known names

from livinglab.text import personal as new


def load(path: str):
    """The scanner in `path`, as a module of livinglab.text (its imports are relative)."""
    name = "livinglab.text._scanner_before"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "livinglab.text"
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def texts() -> list[tuple[str, list[str]]]:
    """The corpora's snippets with their known names, and the privacy tests' strings."""
    found = []
    for path in [*sorted((ROOT / "tests" / "privacy").glob("*.jsonl")), ROOT / "bench" / "leaks.jsonl"]:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                example = json.loads(line)
                found.append((example["text"], example.get("known", [])))
    for path in [*sorted((ROOT / "tests").glob("test_*.py")), ROOT / "tests" / "leaky_meeting.py"]:
        source = path.read_text("utf-8")
        if "personal" in source or "privacy" in path.name or "leak" in path.name:
            found += [(node.value, []) for node in ast.walk(ast.parse(source))
                      if isinstance(node, ast.Constant) and isinstance(node.value, str)
                      and len(node.value) > 4]
    return found


def mixes(snippets: list[str], seed: int, count: int) -> list[tuple[str, list[str]]]:
    rng = random.Random(seed)
    makers = [make for make, _names in hard.KINDS.values()]
    words = " ".join(snippets).split() + hard.CONTEXT + hard.CAPITALISED + hard.PROSE
    knowns = [[], hard.KNOWN[:10], ["Willem Bakker", "Peter Bakker", "Ilse de Vries", "Wim Jansen"]]
    made = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            r = rng.random()
            if r < 0.3:
                parts.append(rng.choice(makers)(rng.randint(5, 80)))
            elif r < 0.6:
                s = rng.choice(snippets)
                at = rng.randrange(len(s))
                parts.append(s[at:at + rng.randint(5, 120)])
            else:
                parts.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))))
        text = rng.choice([" ", "\n", ". ", ", ", ""]).join(parts)
        text = text.lower() if rng.random() < 0.1 else text.upper() if rng.random() < 0.05 else text
        made.append((text, rng.choice(knowns)))
    return made


def numbers(seed: int, count: int) -> list[tuple[str, list[str]]]:
    """Texts of digits in groups, as phone numbers, dates, account and other numbers are
    written, with what may come before and after them: where the phone number's shortcuts
    must agree with its long way round."""
    rng = random.Random(seed)
    before = ["", "", " ", "tel ", "(", "+31 ", "0031 ", "AB ", "NL12 ABNA ", "geb. ", "nummer ",
              "dossiernr. ", "x", "12-", "\n"]
    after = [" ", ", ", ".", "\n", "a", ".3", ":1", "-", "", " 5"]
    made = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 4)):
            parts.append(rng.choice(before))
            digits = rng.choice(["0", "06", "08", "09", "00", "1"]) + "".join(
                rng.choice("0123456789") for _ in range(rng.randint(5, 12)))
            at = 0
            while at < len(digits):
                step = rng.randint(1, 4)
                parts.append(digits[at:at + step])
                at += step
                if at < len(digits):
                    parts.append(rng.choice(["-", "-", ".", "/", " ", "", "", ") ", " - ", "\t"]))
            parts.append(rng.choice(after))
        made.append(("".join(parts), []))
    return made


def main() -> None:
    old = load(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1500
    show = int(os.environ.get("SHOW", "8"))
    given = texts()
    every = given + mixes([t for t, _k in given], seed, count) + numbers(seed, count // 3) + [
        (make(16 * 1024), names) for make, names in hard.KINDS.values()]
    # Past 100 KB the scanner takes shortcuts of its own (the patterns of only the cues,
    # forms of address and the like a text holds): the texts of names and the privacy
    # texts, made that long.
    rng = random.Random(seed)
    every += [(make(120 * 1024), names) for kind, (make, names) in hard.KINDS.items()
              if "names" in kind or "context" in kind]
    for known in ([], hard.KNOWN[:10]):
        joined = []
        while sum(map(len, joined)) < 120 * 1024:
            joined.append(rng.choice(given)[0])
        every.append(("\n".join(joined), known))
    differences = 0

    def same(what: str, a, b, text: str) -> None:
        nonlocal differences
        if a != b:
            differences += 1
            if differences <= show:
                print(f"{what}: {text[:200]!r}\n  old {a!r:.300}\n  new {b!r:.300}")

    for text, known in every:
        known_old, known_new = old.KnownNames(known), new.KnownNames(known)
        for region in (None, hard.REGION):
            same("scan", old.scan(text, known_old, region), new.scan(text, known_new, region), text)
            same("scan_lines", old.scan_lines(text, known_old, region),
                 new.scan_lines(text, known_new, region), text)
        if len(text) < 2000:
            same("document_names", old.document_names(text, known),
                 new.document_names(text, known), text)
            same("person_cell_names", old.person_cell_names(text), new.person_cell_names(text), text)
            same("Pseudonymiser", old.Pseudonymiser(known, region=hard.REGION)(text),
                 new.Pseudonymiser(known, region=hard.REGION)(text), text)
    lists = "built-in lists" if os.environ.get("LIVINGLAB_LEXICON") == "builtin" else "deduce's lists if installed"
    print(f"{len(every)} texts ({lists}): {differences} differences")


if __name__ == "__main__":
    main()
