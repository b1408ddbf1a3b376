"""Finds personal data in free text, so that a shareable text can leave the group.

Two kinds: the names of the people in a meeting (replaced by their role), and data that
identify anyone by its shape (e-mail, phone, BSN, postcode, IBAN, date of birth).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("e-mail", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b")),
    ("telefoon", re.compile(r"(?<!\w)(?:\+31[\s-]?|0)(?:\d[\s-]?){9}(?!\d)")),
    ("BSN", re.compile(r"\b\d{9}\b")),
    ("postcode", re.compile(r"\b\d{4}\s?[A-Z]{2}\b")),
    ("datum", re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}\b")),
]


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, match) for everything in `text` that looks like personal data."""
    found = []
    for kind, pattern in PATTERNS:
        found += [(kind, m.group(0)) for m in pattern.finditer(text)]
    return found


def mask_personal_data(text: str) -> str:
    for kind, pattern in PATTERNS:
        text = pattern.sub(f"[{kind}]", text)
    return text


class NameReplacer:
    """Replaces people's names (full names, then each part of three letters or more)."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        variants: dict[str, str] = {}
        pairs = list(names)
        for name, label in pairs:
            variants.setdefault(name.strip().lower(), label)
        for name, label in pairs:
            for part in name.split():
                if len(part) >= 3:
                    variants.setdefault(part.lower(), label)
        ordered = sorted(variants, key=len, reverse=True)
        self._labels = variants
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(v) for v in ordered) + r")(?!\w)",
                       re.IGNORECASE)
            if ordered else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._labels[m.group(0).lower()], text)
