"""Text from users and their files, made safe to store and to show in a terminal.

`clean` removes what a terminal would obey instead of show: control characters (all
but newline and tab), ANSI/VT escape sequences whole, and the bidi overrides and
isolates that can make text read differently from how it is stored ("Trojan Source").
Line ends become LF. It is pure and cheap on ordinary text (one regex search), so the
app may call it on every edit.

The left-to-right and right-to-left marks (U+200E, U+200F) are kept: they are invisible
marks that a writer of Arabic or Hebrew names needs to get punctuation on the right
side, and unlike overrides and isolates they open no span that reorders the text after
them, so they cannot hide or reverse anything.
"""

from __future__ import annotations

import re

# A string sequence (OSC, DCS, SOS, PM, APC) up to its terminator, BEL or ST. Its body
# stops at any other introducer, so a run of unterminated ones is still scanned once.
_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x90\x98\x9b\x9c\x9d\x9e\x9f]*(?:\x07|\x1b\\|\x9c)"
_CSI = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
_ESC_ONE = r"\x1b[\x20-\x2f]*[\x30-\x7e]"  # ESC, any intermediates, one final char
_ESCAPES = re.compile(f"{_STRING}|{_CSI}|{_ESC_ONE}")

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# C0 but tab and newline (CR is turned into LF first), DEL, C1, bidi overrides/isolates.
_UNWANTED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")


def clean(text: str) -> str:
    """`text` without controls, escape sequences and bidi overrides; line ends as LF."""
    if not _UNWANTED.search(text):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWANTED.sub("", _ESCAPES.sub("", text))


def clean_all(value):
    """Every string in a JSON-like value (dicts, lists) cleaned; the rest as it is."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {key: clean_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_all(item) for item in value]
    return value


def one_line(text: str) -> str:
    """`clean` text with its whitespace runs (newlines too) as one space: a table cell."""
    return " ".join(clean(text).split())
