"""The held-out corpus stays well-formed: every label can be found in its text, and every
number labelled bsn or iban passes its check while no unlabelled one does.

This checks the corpus, not the scanner; it never imports livinglab.text.personal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

# Checks of the data files, not of the product: `make test` leaves them out, .ci/run runs them.
pytestmark = pytest.mark.corpus

CORPUS = Path(__file__).with_name("heldout.jsonl")
KINDS = {"naam", "bsn", "iban", "telefoon", "email", "postcode", "adres", "geboortedatum"}
NINE_DIGITS = re.compile(r"(?<![\d.])\d(?:[ .]?\d){8}(?!\d)")
IBAN_SHAPE = re.compile(r"\bNL\d{2} ?[A-Z]{4}(?: ?\d){10}\b", re.IGNORECASE)


def passes_elfproef(digits: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits)) % 11 == 0


def passes_mod97(iban: str) -> bool:
    compact = re.sub(r"\s", "", iban).upper()
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def load() -> list[tuple[int, dict]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [(n, json.loads(line)) for n, line in enumerate(lines, 1)]


ENTRIES = load()


def test_corpus_is_large_enough_with_enough_near_misses():
    assert len(ENTRIES) >= 160
    assert sum(1 for _, e in ENTRIES if not e["spans"]) >= 60


@pytest.mark.parametrize(("line", "entry"), ENTRIES, ids=[f"line{n}" for n, _ in ENTRIES])
def test_entry_is_consistent(line, entry):
    assert set(entry) == {"text", "spans", "known", "note"}, f"line {line}: keys"
    text = entry["text"]
    for span in entry["spans"]:
        assert span["kind"] in KINDS, f"line {line}: kind {span['kind']!r}"
        assert span["text"] and span["text"] in text, f"line {line}: {span['text']!r} not in text"
        if span["kind"] == "bsn":
            digits = re.sub(r"\D", "", span["text"])
            assert len(digits) == 9 and passes_elfproef(digits), f"line {line}: bsn fails elfproef"
        if span["kind"] == "iban":
            assert passes_mod97(span["text"]), f"line {line}: iban fails mod-97"
    labelled = [s["text"] for s in entry["spans"]]
    for match in NINE_DIGITS.finditer(text):
        if passes_elfproef(re.sub(r"\D", "", match.group())):
            assert any(match.group() in s for s in labelled), f"line {line}: unlabelled bsn"
    for match in IBAN_SHAPE.finditer(text):
        if passes_mod97(match.group()):
            assert any(match.group() in s for s in labelled), f"line {line}: unlabelled iban"
    for name in entry["known"]:
        if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
            naam = [s.lower() for s in labelled]
            assert any(name.lower() in s for s in naam), f"line {line}: known {name!r} unlabelled"
