"""The scanner on text made to be hard for it (issue 24): 2.3 KB of pasted clock times took
14-28 s per check and 1 MB never finished. Here such texts, growing to 128 KB, are scanned
(with the old scanner this file would run for days); how long they take is measured in
bench/scanner.py, not here. And a check (`scan_lines`, which scans all lines as one text)
finds what scanning each line on its own finds."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings, strategies as st

from livinglab.text.personal import KnownNames, scan, scan_lines

KNOWN = ["Jan Jansen", "Sanne de Vries", "Kees van der Berg", "Fatima El Amrani",
         "Anne-Fleur Mulder", "J.P. Balkenende"]

# Pieces that the patterns read on from, or start again in: numbers and their separators,
# initials, particles, street prefixes, forms of address, names, punctuation.
PIECES = ["0", "06", "1", "12", "31", "+", "(", ")", "(0)", " ", "  ", "-", ".", "/", ":", ",",
          "'", "’", "@", "*", "\t", "12:30", "12.30", "12-03-1980", "1980", "juni", "geboren",
          "geb", "zoon", "en", "nr", "tel", "dossier", "NL91", "ABNA", "1234 AB", "A.", "J.",
          "K. ", "van", "Van", "de", "De", "der", "'t", "St.", "Burg.", "Prins", "Oude",
          "Kerkstraat", "laan", "Laan", "weg", "Markt", "mevrouw", "mw", "dhr.", "the",
          "family", "Jan", "Sanne", "Jansen", "Bakker", "Visser", "x", "aa", "Ab", "ß", "İ",
          # what issue 24's rules read: names where a name stands, written-out e-mail and
          # phone numbers, abbreviated streets, places
          "Oma", "juf", "huisarts", "met", "bij", "Ludo", "Anne-Fleur", "(9)", "ilse", "Wim",
          "at", "dot", "punt", "nl", "nul", "zes", "een", "Kerkstr.", "str", "woont", "in",
          "naar", "Alkmaar", "Den", "Helder"]
REGION = ["Schagen", "Hollands Kroon"]


texts = st.lists(st.sampled_from(PIECES + ["\n", "\r\n"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=texts, names=st.lists(st.sampled_from(KNOWN), max_size=3),
       region=st.sampled_from([None, REGION]))
def test_a_check_finds_what_scanning_each_line_finds(text, names, region):
    known = KnownNames(names)
    each_line = [(number, finding) for number, line in enumerate(text.splitlines(), 1)
                 for finding in scan(line, known, region)]
    assert [(f.line, f.finding) for f in scan_lines(text, known, region)] == each_line


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
def test_repeated_hard_pieces_are_scanned_at_every_size(pieces):
    piece, known = "".join(pieces), KnownNames(KNOWN)
    for size in (4_096, 32_768, 131_072):
        text = (piece * (size // len(piece) + 1))[:size]
        findings = scan(text, known, REGION)
        assert all(text[f.start:f.end] == f.text for f in findings)
        assert all(a.end <= b.start for a, b in zip(findings, findings[1:]))
    lines = text.replace(".", ".\n").splitlines()
    assert all(f.finding.text in lines[f.line - 1] for f in scan_lines("\n".join(lines), known))


def test_the_texts_of_the_issue_are_scanned_and_keep_their_findings():
    def found(text, known=()):
        return [(f.kind, f.text) for f in scan(text, known)]

    clocks = " ".join(f"{h:02d}.{m:02d}" for h in range(8, 18) for m in (0, 15, 30, 45)) * 12
    assert len(clocks) > 2300 and found(clocks) == []
    assert found("Tijden: 12:30 13:45 14:00 15:15 16:30 17:45" * 500) == []
    # What the scanner found here before it was linear.
    assert found("Overleg 08.15 09.30 10.45 12.00 13.30, daarna 06 12 34 56 78 bellen") == [
        ("telefoon", "06 12 34 56 78")]
    assert found("Van Van Van De Kerkstraat 12 en A. B. C. D. E. Visser, geboren 12-03-1980 "
                 "en 3-4-1982") == [
        ("adres", "Van Van Van De Kerkstraat 12"), ("naam", "B. C. D. E. Visser"),
        ("geboortedatum", "12-03-1980"), ("geboortedatum", "3-4-1982")]
    assert found("meneer Pinas op Laan van Meerdervoort 52, mw jansen belde, "
                 "J.Visser@example.nl", ["Jan Jansen"]) == [
        ("naam", "meneer Pinas"), ("adres", "Laan van Meerdervoort 52"), ("naam", "mw jansen"),
        ("email", "J.Visser@example.nl")]
    assert found("Jan Jansen belde met mevrouw de Vries. " * 3000, KNOWN)[:2] == [
        ("naam", "Jan Jansen"), ("naam", "mevrouw de Vries")]


def test_a_long_check_finds_what_scanning_each_line_finds():
    # Past 100 KB the scanner looks for a name after a cue, a form of address, a
    # preposition or a verb of living somewhere with a pattern of only those the text
    # holds, and passes over what no word of the text can start: a line on its own is
    # scanned without those shortcuts.
    rng = random.Random(24)
    lines = [" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
             for _ in range(4_000)]
    text = "\n".join(lines)
    assert len(text) > 120_000
    for names, region in ((KNOWN, REGION), ([], None)):
        known = KnownNames(names)
        each_line = [(number, finding) for number, line in enumerate(lines, 1)
                     for finding in scan(line, known, region)]
        assert len(each_line) > 1_000
        assert [(f.line, f.finding) for f in scan_lines(text, known, region)] == each_line
