"""The personal-data scanner beside `deduce`, the de-identification library for Dutch care
text, on the same snippets (issue 24): precision and recall of each.

    .venv/bin/pip install -e '.[lexicon]'     # deduce (LGPL), also the scanner's lexicon
    .venv/bin/python bench/deidentify.py      # prints a Markdown table

Snippets: the two held-out corpora of tests/privacy (written without sight of the scanner;
measured here, never tuned on) and bench/leaks.jsonl, one or more made-up snippets of each
kind of leak issue 24 found, with the words that must stay. Each corpus line has its gold
spans; see tests/privacy/README.md.

Scored without regard to kind, so that both tools are measured by what they would remove:
a finding is right when it overlaps a gold span, and a gold span is found when a finding
overlaps it. `naam` recall is given apart. The scanner gets each line's known names (the
group's people and watch list), as in the app, and for leaks.jsonl the region of the
fixture (Schagen, Hollands Kroon, Den Helder), as shareable text has; deduce gets the text
alone (it has no list of a meeting's people: its `patient` is one person) and tags every
date, age and institution, which the gold spans do not hold. Its first run builds its
lookup structures (a few minutes, once).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "tests" / "privacy" / "heldout.jsonl", ROOT / "tests" / "privacy" / "heldout2.jsonl",
           ROOT / "bench" / "leaks.jsonl"]
REGION = ["Schagen", "Hollands Kroon", "Den Helder"]


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def gold_spans(example: dict) -> list[tuple[str, tuple[int, int]]]:
    spans = []
    for span in example["spans"]:
        s = span["text"]
        before = r"(?<!\w)" if s[0].isalnum() else ""
        after = r"(?!\w)" if s[-1].isalnum() else ""
        found = [m.span() for m in re.finditer(before + re.escape(s) + after, example["text"])]
        spans += [(span["kind"], at) for at in found or [
            m.span() for m in re.finditer(re.escape(s), example["text"])]]
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(examples: list[dict], find) -> dict[str, float]:
    right = findings = hit = gold = name_hit = name_gold = 0
    for example in examples:
        spans = gold_spans(example)
        found = find(example)
        findings += len(found)
        right += sum(any(overlaps(f, g) for _k, g in spans) for f in found)
        for kind, g in spans:
            gold += 1
            ok = any(overlaps(f, g) for f in found)
            hit += ok
            if kind == "naam":
                name_gold += 1
                name_hit += ok
    ratio = lambda a, b: a / b if b else 1.0  # noqa: E731
    return {"precision": ratio(right, findings), "recall": ratio(hit, gold),
            "name recall": ratio(name_hit, name_gold), "findings": findings, "gold": gold}


def ours(region_for: dict[Path, list[str] | None]):
    from livinglab.text.personal import scan

    def find(example: dict) -> list[tuple[int, int]]:
        region = region_for.get(example["_path"])
        return [(f.start, f.end) for f in scan(example["text"], example.get("known", []), region)]
    return find


def theirs():
    from deduce import Deduce

    deduce = Deduce()

    def find(example: dict) -> list[tuple[int, int]]:
        return [(a.start_char, a.end_char) for a in deduce.deidentify(example["text"]).annotations]
    return find


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builtin", action="store_true",
                        help="the scanner with its built-in lists only (deduce's not read)")
    args = parser.parse_args()
    if args.builtin:
        os.environ["LIVINGLAB_LEXICON"] = "builtin"
    sys.path.insert(0, str(ROOT / "src"))
    try:
        import deduce  # noqa: F401
    except ImportError:
        sys.exit("deduce is not installed: pip install -e '.[lexicon]'")
    from livinglab.text.lexicon import lexicon

    corpora = {path: read(path) for path in CORPORA}
    for path, examples in corpora.items():
        for example in examples:
            example["_path"] = path
    tools = {"livinglab scanner" + (" (built-in lists)" if args.builtin else
                                    " (with deduce's lists)" if lexicon().deduce else ""):
             ours({CORPORA[2]: REGION}), "deduce " + __import__("deduce").__version__: theirs()}
    print("| corpus | tool | precision | recall | name recall | findings / gold spans | seconds |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for path, examples in corpora.items():
        for tool, find in tools.items():
            started = time.perf_counter()
            s = score(examples, find)
            took = time.perf_counter() - started
            print(f"| {path.name} ({len(examples)}) | {tool} | {s['precision']:.3f} | "
                  f"{s['recall']:.3f} | {s['name recall']:.3f} | {s['findings']} / {s['gold']} "
                  f"| {took:.2f} |")


if __name__ == "__main__":
    main()
