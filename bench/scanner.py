"""How the personal-data scanner's time grows with its text (issue 24): a check of text
pasted into a field ran on the screen's thread, and 2.3 KB of clock times took 14-28 s.

    .venv/bin/python bench/scanner.py [--sizes 1,4,16,64,256,1024] [--runs 3] [--limit 60]
    .venv/bin/python bench/scanner.py --scanner OLD.py   # a scanner from a file, e.g.
        git show COMMIT:src/livinglab/text/personal.py > OLD.py
    .venv/bin/python bench/scanner.py --compare OLD.py --sizes 1024 --runs 2
        # OLD.py and livinglab's own scanner, each run in turn, kind by kind

For every kind of text below and every size (in KB), a check (`scan_lines`, what `livinglab
privacy check` runs; its known names are those of the kind) is timed in a process of its
own, the best of `--runs`. Printed: the seconds, and the ratio to the time of 1 KB: a
scanner linear in its text gives about the ratio of the sizes (1024 for 1 MB). A size whose
runs take longer than `--limit` seconds together is stopped, and the kind's larger sizes are
left out.
The texts are made from a fixed seed: every run and every machine scans the same texts.
The tests (tests/test_privacy_linear.py) only check that such texts are scanned, with the
same findings as line by line; the times are read here.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SIZES_KB = (1, 4, 16, 64, 256, 1024)

# 100 participants and watched clients, as a large group's known names would be.
FIRST = ("Anouk Sanne Gerda Ineke Mieke Truus Els Wilma Henk Gerard Kees Jan Piet Klaas Willem "
         "Fatima Mohamed Ayse Mehmet Priya Piotr Olga Youssef Nadia Emre Daan Sem Lotte").split()
LAST = ("Jansen|de Vries|van der Berg|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|"
        "Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|El Amrani|Yilmaz|"
        "Kowalski|Ter Horst|van 't Hof").split("|")
_names_rng = random.Random(24)
KNOWN = [f"{_names_rng.choice(FIRST)} {_names_rng.choice(LAST)}" for _ in range(100)]


def pieces(pick: Callable[[random.Random], str]) -> Callable[[int], str]:
    """A text of `size` characters made of pieces that `pick` chooses."""
    def make(size: int) -> str:
        rng, out, length = random.Random(size), [], 0
        while length < size:
            piece = pick(rng)
            out.append(piece)
            length += len(piece)
        return "".join(out)[:size]
    return make


def clock(rng: random.Random, sep: str) -> str:
    return f"{rng.randint(0, 23):02d}{sep}{rng.randint(0, 59):02d} "


CAPITALISED = ("Jan Piet Van De Den Bakker Visser Sanne Kerkstraat Groot Oude Prins St. Burg. "
               "Hendrik Noord Markt Laan Weg Dijk Vries Berg Sint Ter Horst").split()
PROSE = ("de het een wijkteam gesprek afspraak zij heeft plan gemaakt met gemeente en buurt "
         "Daarna volgende week terug zorg huis school werk").split()

# name: (how the text is made, the known names of the check)
KINDS: dict[str, tuple[Callable[[int], str], list[str]]] = {
    "clock times 12:30": (pieces(lambda r: clock(r, ":")), []),
    "clock times 12.30": (pieces(lambda r: clock(r, ".")), []),
    "clock times, a line each": (pieces(lambda r: clock(r, ".").strip() + "\n"), []),
    "digits without spaces": (pieces(lambda r: str(r.randint(0, 9))), []),
    "digits in pairs": (pieces(lambda r: f"{r.randint(0, 99):02d} "), []),
    "phone numbers": (pieces(lambda r: "06 " + " ".join(f"{r.randint(10, 99)}" for _ in range(4)) + " "), []),
    "dates of birth": (pieces(lambda r: f"geboren {r.randint(1, 28)}-{r.randint(1, 12)}-19{r.randint(10, 99)} en "), []),
    "capitalised words": (pieces(lambda r: r.choice(CAPITALISED) + " "), []),
    "initials": (pieces(lambda r: r.choice("ABCDEFGHJKLMNPRSTVW") + ". "), []),
    "punctuation": (pieces(lambda r: r.choice(".,;:-/()'*@+#!?\"")), []),
    "one line without spaces": (pieces(lambda r: r.choice("abcdefghijKLMNOP0123456789'-.")), []),
    "known names": (pieces(lambda r: r.choice(KNOWN) + r.choice((" ", ", ", " en ", ". "))), KNOWN),
    "prose, 100 known names": (pieces(lambda r: r.choice(PROSE) + r.choice((" ", " ", ". "))), KNOWN),
    # What issue 24's rules read: words a name follows, written-out e-mail and phone
    # numbers, abbreviated streets, places (scanned with a region: shareable text).
    "context words and places": (pieces(lambda r: r.choice(CONTEXT) + r.choice((" ", " ", ". "))),
                                 KNOWN),
}
CONTEXT = ("Oma juf huisarts Huisarts met bij van Ludo Jannie Anne-Fleur Kuipers (9) woont in "
           "Alkmaar Den Helder at dot punt nl nul zes een Kerkstr. 3 geboren juni 1979 ilse "
           "Wim mevrouw meneer houdt").split()
REGION = ["Schagen", "Hollands Kroon"]


def load_scanner(path: str | None):
    if not path:
        from livinglab.text import personal
        return personal
    import livinglab.text  # noqa: F401 (the package of the module below)

    # A module of the package, so that its own imports (`from .lexicon import ...`) work.
    spec = importlib.util.spec_from_file_location("livinglab.text._scanner_under_test", path)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "livinglab.text"
    sys.modules[spec.name] = module  # dataclasses and NamedTuples look their module up
    spec.loader.exec_module(module)
    return module


def time_one(kind: str, size_kb: int, runs: int, scanner_path: str | None) -> float:
    """The best of `runs` checks of the kind's text of `size_kb` KB, in seconds."""
    scanner = load_scanner(scanner_path)
    make, names = KINDS[kind]
    text, known = make(size_kb * 1024), scanner.KnownNames(names)
    region = REGION if kind == "context words and places" else None
    scan = (lambda t, k: scanner.scan_lines(t, k, region)) if region else scanner.scan_lines
    scan(text[:1024], known)  # first uses compile and fill caches
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        scan(text, known)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES_KB)),
                        help="sizes in KB, the first the one to compare with")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=120,
                        help="seconds for the runs of one size at most")
    parser.add_argument("--kinds", help="a comma-separated part of the kinds, by their names")
    parser.add_argument("--scanner", help="the scanner module to time, as a file (default: "
                                          "livinglab.text.personal)")
    parser.add_argument("--compare", metavar="OLD.py",
                        help="time this scanner and livinglab's own (or --scanner's) in turn "
                             "(old, new, old, new, ...: a busy machine slows both alike), at "
                             "the first size")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "KB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(time_one(args.one[0], int(args.one[1]), args.runs, args.scanner))
        return
    if args.compare:
        compare(args)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = [k for k in KINDS if not args.kinds or any(p in k for p in args.kinds.split(","))]
    print(f"scanner: {args.scanner or 'livinglab.text.personal'}; best of {args.runs}; "
          f"seconds (ratio to {sizes[0]} KB)\n")
    print("| text | " + " | ".join(f"{s} KB" if s < 1024 else f"{s // 1024} MB" for s in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for kind in kinds:
        cells, first = [], None
        for size in sizes:
            command = [sys.executable, __file__, "--one", kind, str(size), "--runs", str(args.runs)]
            if args.scanner:
                command += ["--scanner", args.scanner]
            try:
                done = subprocess.run(command, capture_output=True, text=True, check=True,
                                      timeout=args.limit)
            except subprocess.TimeoutExpired:
                cells.append(f"> {args.limit:.0f} s")
                break
            seconds = float(done.stdout.strip())
            first = first or seconds
            cells.append(f"{seconds:.3f}" if size == sizes[0] else f"{seconds:.3f} ({seconds / first:.0f}x)")
        cells += [""] * (len(sizes) - len(cells))
        print(f"| {kind} | " + " | ".join(cells) + " |", flush=True)


def compare(args: argparse.Namespace) -> None:
    """Each kind at the first size: `--runs` processes of each scanner, one of the other
    after, each timing one check; the best of each."""
    size = int(args.sizes.split(",")[0])
    kinds = [k for k in KINDS if not args.kinds or any(p in k for p in args.kinds.split(","))]
    print(f"{size} KB; old: {args.compare}, new: {args.scanner or 'livinglab.text.personal'}; "
          f"best of {args.runs} "
          "runs each, in turn; seconds\n")
    print("| text | old | new | old / new |")
    print("| --- | --- | --- | --- |")
    for kind in kinds:
        best = {"old": float("inf"), "new": float("inf")}
        for _ in range(args.runs):
            for label, path in (("old", args.compare), ("new", args.scanner)):
                command = [sys.executable, __file__, "--one", kind, str(size), "--runs", "1"]
                command += ["--scanner", path] if path else []
                done = subprocess.run(command, capture_output=True, text=True, check=True)
                best[label] = min(best[label], float(done.stdout.strip()))
        print(f"| {kind} | {best['old']:.3f} | {best['new']:.3f} | "
              f"{best['old'] / best['new']:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
