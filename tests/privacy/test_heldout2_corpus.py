"""The second held-out corpus stays well-formed: every line parses, every label is found in
its text as a whole word, every number labelled bsn or iban passes its check, no number
that passes is left unlabelled, and the near misses named in the notes fail their check.

This checks the corpus, not the scanner; it never imports livinglab.text.personal."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

# Checks of the data files, not of the product: `make test` leaves them out, .ci/run runs them.
pytestmark = pytest.mark.corpus

CORPUS = Path(__file__).with_name("heldout2.jsonl")
KINDS = {"naam", "bsn", "iban", "telefoon", "email", "postcode", "adres", "geboortedatum"}
# Overlapping search, so that a valid number is not hidden behind an earlier match.
NINE_DIGITS = re.compile(r"(?<!\d)(?=(\d(?:[ .-]?\d){8})(?!\d))")
IBAN_SHAPES = (
    re.compile(r"(?i)(?<![A-Z0-9])NL[ .-]?\d{2}[ .-]?[A-Z]{4}(?:[ .-]?\d){10}(?!\d)"),
    re.compile(r"(?i)(?<![A-Z0-9])BE[ .-]?\d{2}(?:[ .-]?\d){12}(?!\d)"),
)
NEAR_BSN = re.compile(r"`([^`]+)` fails the elfproef")
NEAR_IBAN = re.compile(r"`([^`]+)` fails mod-97")


def passes_elfproef(digits: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return len(digits) == 9 and sum(w * int(d) for w, d in zip(weights, digits)) % 11 == 0


def passes_mod97(iban: str) -> bool:
    compact = re.sub(r"[\s.-]", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def load() -> list[tuple[int, dict]]:
    entries = []
    for n, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        try:
            entries.append((n, json.loads(line)))
        except json.JSONDecodeError as error:
            pytest.fail(f"heldout2.jsonl line {n}: not JSON ({error.msg})")
    return entries


ENTRIES = load()


def occurrences(text: str, part: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(part), text)]


def labelled_positions(entry: dict, kinds: set[str] = KINDS) -> set[int]:
    text = entry["text"]
    return {
        i
        for span in entry["spans"]
        if span["kind"] in kinds
        for start in occurrences(text, span["text"])
        for i in range(start, start + len(span["text"]))
    }


def test_corpus_is_large_with_a_third_near_misses_and_every_kind_covered():
    assert len(ENTRIES) >= 260
    empty = sum(1 for _, e in ENTRIES if not e["spans"])
    assert len(ENTRIES) / 4 <= empty <= len(ENTRIES) / 2
    assert sum(1 for _, e in ENTRIES if e.get("known")) >= len(ENTRIES) / 4
    per_kind = Counter(span["kind"] for _, e in ENTRIES for span in e["spans"])
    short = {kind: per_kind[kind] for kind in KINDS if per_kind[kind] < 20}
    assert not short, f"kinds with fewer than 20 spans: {short}"


@pytest.mark.parametrize(("line", "entry"), ENTRIES, ids=[f"line{n}" for n, _ in ENTRIES])
def test_entry_is_consistent(line, entry):
    assert {"text", "spans"} <= set(entry) <= {"text", "spans", "known", "note"}, f"line {line}: keys"
    text = entry["text"]
    texts = [span["text"] for span in entry["spans"]]
    for span in entry["spans"]:
        kind, part = span["kind"], span["text"]
        assert kind in KINDS, f"line {line}: kind {kind!r}"
        assert part and part == part.strip() and part in text, f"line {line}: {part!r} not in text"
        for start in occurrences(text, part):
            before = text[start - 1] if start else " "
            after = text[start + len(part) :]
            if kind == "naam" and re.match(r"(?:'s|s|')(?!\w)", after):
                after = " "  # a possessive ending: Jansens, Thijs', Hoekstra's
            assert not before.isalnum() and not after[:1].isalnum(), (
                f"line {line}: {part!r} occurs inside a longer word"
            )
        assert not any(part != other and part in other for other in texts), (
            f"line {line}: {part!r} is part of another span"
        )
        if kind == "bsn":
            digits = re.sub(r"\D", "", part)
            assert passes_elfproef(digits), f"line {line}: bsn {part!r} fails the elfproef"
        if kind == "iban":
            assert passes_mod97(part), f"line {line}: iban {part!r} fails mod-97"


@pytest.mark.parametrize(("line", "entry"), ENTRIES, ids=[f"line{n}" for n, _ in ENTRIES])
def test_no_valid_number_is_left_unlabelled(line, entry):
    text, labelled = entry["text"], labelled_positions(entry)
    for match in NINE_DIGITS.finditer(text):
        number = match.group(1)
        if passes_elfproef(re.sub(r"\D", "", number)):
            assert match.start(1) in labelled, f"line {line}: unlabelled bsn {number!r}"
    for shape in IBAN_SHAPES:
        for match in shape.finditer(text):
            if passes_mod97(match.group()):
                assert match.start() in labelled, f"line {line}: unlabelled iban {match.group()!r}"


@pytest.mark.parametrize(("line", "entry"), ENTRIES, ids=[f"line{n}" for n, _ in ENTRIES])
def test_near_misses_in_the_notes_fail_their_check_and_are_not_labelled(line, entry):
    text, note, labelled = entry["text"], entry.get("note", ""), labelled_positions(entry)
    for number in NEAR_BSN.findall(note):
        assert number in text, f"line {line}: near miss {number!r} not in text"
        assert not passes_elfproef(re.sub(r"\D", "", number)), f"line {line}: {number!r} passes"
        assert not any(p in labelled for p in occurrences(text, number)), f"line {line}: labelled"
    for iban in NEAR_IBAN.findall(note):
        assert iban in text, f"line {line}: near miss {iban!r} not in text"
        assert not passes_mod97(iban), f"line {line}: {iban!r} passes mod-97"
        assert not any(p in labelled for p in occurrences(text, iban)), f"line {line}: labelled"


def test_near_misses_are_named_in_the_notes():
    named = sum(len(NEAR_BSN.findall(e.get("note", ""))) for _, e in ENTRIES)
    named += sum(len(NEAR_IBAN.findall(e.get("note", ""))) for _, e in ENTRIES)
    assert named >= 12


@pytest.mark.parametrize(("line", "entry"), ENTRIES, ids=[f"line{n}" for n, _ in ENTRIES])
def test_every_known_name_that_is_mentioned_is_labelled(line, entry):
    text, names = entry["text"], labelled_positions(entry, {"naam"})
    for name in entry.get("known", []):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            assert match.start() in names, f"line {line}: known {name!r} unlabelled"
