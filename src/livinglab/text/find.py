"""Where a search's words stand in a Markdown text, and the text with them marked: the
minutes opened from a search hit (or from the knowledge screen) show the hit, and n / N
go from one to the next.

A search is typed as words (the index takes each as a prefix, case and accents aside);
an item of the knowledge screen is found by its own text, as a run of words. Marks are
code spans: user text in the minutes is escaped, so it holds no backtick, and a span
never breaks a table or a heading around it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

# Words that steer a full-text query rather than being searched for.
OPERATORS = {"AND", "OR", "NOT", "NEAR"}
PHRASE_WORDS = 8  # a knowledge item's text is found by its first words


@dataclasses.dataclass(frozen=True)
class Hit:
    start: int  # offsets in the text
    end: int
    line: int  # 0-based line of the start


def _folded(text: str) -> str:
    """Lower case without accents, one character for each of the text's (offsets hold)."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base.lower() if len(base.lower()) == 1 else char)
    return "".join(out)


def query_words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query) if w not in OPERATORS]


def _hits(text: str, pattern: re.Pattern) -> list[Hit]:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    hits, line = [], 0
    for match in pattern.finditer(_folded(text)):
        while line + 1 < len(starts) and starts[line + 1] <= match.start():
            line += 1
        hits.append(Hit(match.start(), match.end(), line))
    return hits


def find_words(text: str, query: str) -> list[Hit]:
    """Each word of the text that holds a word of the query (the index finds "armoede" in
    "Kinderarmoede" too), in reading order."""
    words = sorted({_folded(w) for w in query_words(query)}, key=len, reverse=True)
    if not words:
        return []
    return _hits(text, re.compile(r"\w*(?:" + "|".join(map(re.escape, words)) + r")\w*"))


def find_phrase(text: str, phrase: str) -> list[Hit]:
    """Each place the phrase's first words stand in a row, whatever is between them
    (spaces, a line break, Markdown's escapes)."""
    words = [_folded(w) for w in re.findall(r"\w+", phrase)[:PHRASE_WORDS]]
    if not words:
        return []
    return _hits(text, re.compile(r"\b" + r"[\W_]{1,6}".join(map(re.escape, words)) + r"\b"))


def marked(text: str, hits: list[Hit]) -> str:
    """The text with each hit in a code span (the minutes' Markdown holds none)."""
    out, at = [], 0
    for hit in hits:
        if hit.start < at:
            continue  # overlapping: the first one is marked
        part = text[hit.start:hit.end]
        if "`" in part or "\n" in part or "|" in part:
            continue  # a phrase across a line or a table cell is left as it is
        out += [text[at:hit.start], "`", part, "`"]
        at = hit.end
    return "".join(out + [text[at:]])


def hit_near(text: str, hits: list[Hit], context: str, mark: tuple[str, str]) -> int:
    """Which of `hits` is the one a search result showed: `context` is its snippet, the
    found word between `mark`'s two characters; the words around it are looked for in
    the text. 0 (the first) when they are not found."""
    start, end = mark
    before, _, rest = context.partition(start)
    found, _, after = rest.partition(end)
    before, found = re.findall(r"\w+", before)[-3:], re.findall(r"\w+", found)
    after = re.findall(r"\w+", after)[:3]
    # The words on both sides, else on one: the minutes may put a label or a line
    # between what the index holds as one text (a person's five sentences).
    for words in (before + found + after, before + found, found + after):
        for place in find_phrase(text, " ".join(words)) if len(words) > len(found) else ():
            for n, hit in enumerate(hits):
                if place.start <= hit.start < place.end:
                    return n
    return 0
