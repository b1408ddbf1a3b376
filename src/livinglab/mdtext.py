"""Writing Markdown whose structure user text cannot change.

Everything a user typed passes through `inline` (one line: a table cell, a list item, a
heading) or `block` (paragraphs). Characters that could open Markdown structure are
backslash-escaped, which CommonMark allows for any ASCII punctuation, and lines lose
the leading spaces that would make them code.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
_BLOCK_START = re.compile(r"^([-+=:])")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _escape_line(line: str) -> str:
    line = _SPECIAL.sub(r"\\\1", line.replace("\t", " ").strip())
    line = _BLOCK_START.sub(r"\\\1", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def inline(text: str) -> str:
    """User text as one line of Markdown text."""
    return " ".join(filter(None, (_escape_line(l) for l in _LINE_BREAK.split(str(text)))))


def block(text: str) -> str:
    """User text as paragraphs; its line breaks are kept as hard breaks."""
    paragraphs, current = [], []
    for line in _LINE_BREAK.split(str(text)):
        escaped = _escape_line(line)
        if escaped:
            current.append(escaped)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A GFM table; headers and cells are escaped here."""
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(inline(c) or " " for c in cells) + " |"

    lines = [row(headers), "|" + "|".join("---" for _ in headers) + "|"]
    lines += [row(r) for r in rows]
    return "\n".join(lines)


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {inline(item)}" for item in items if inline(item))
