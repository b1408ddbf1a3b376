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


def plain_text(markdown: str) -> str:
    """Authored Markdown (a case file's section) as its text: each heading, paragraph and
    list item one paragraph, emphasis and links reduced to their words. Escaped after
    this, a case's own heading reads as the words it has, not as `\\#\\#\\# Pagina 1`."""
    from markdown_it import MarkdownIt  # imported where authored Markdown is read

    paragraphs = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            words = "".join(_words(child) for child in token.children or [])
        elif token.type in ("fence", "code_block"):
            words = token.content
        else:
            continue
        if words.strip():
            paragraphs.append(words.strip())
    return "\n\n".join(paragraphs)


def _words(token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "  # reflowed: a line broken in the file reads on in a quote of it
    if token.type == "image":  # its alt text
        return "".join(_words(child) for child in token.children or [])
    return ""


_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n\n")


def excerpt(text: str, length: int) -> str:
    """The first `length` characters of a text, cut after the last whole sentence in them
    (or at a word, with an ellipsis, when a sentence runs longer than most of it)."""
    if len(text) <= length:
        return text
    head = text[:length + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] > length // 3:
        return head[:ends[-1]].strip()
    cut = head.rfind(" ")
    return head[:cut if cut > length // 3 else length].rstrip() + " …"


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {inline(item)}" for item in items if inline(item))
