"""The formats minutes are written in, one entry each: adding a format is adding an entry.

An entry names the format as `--format` takes it, says what it is called, lists the
endings a file of it may have (a name that says another format is never filled with this
one), whether it can go to standard output, and its writer: a function of (path,
Markdown) named by module, imported only when a file of the format is written (python-docx
is loaded for a Word file alone). The command line and the app write through
`write_minutes_file`; the command line chooses by `--format` or by the name, the app by
the name. A writer is called with `lang` too when its entry `says_language`.

A writer renders the minutes' Markdown, in which user text is already escaped
(`text.markdown`). One that writes HTML keeps markdown-it's `html` option off: the
"commonmark" preset turns it on, and raw HTML would pass through (see `minutes/html.py`).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_


@dataclass(frozen=True)
class MinutesFormat:
    name: str  # as --format takes it
    label: str  # what it is called (N_, translated where shown)
    endings: tuple[str, ...]  # lower case, the first for a new file
    writer: str  # "module:function" of livinglab, called with (path, markdown)
    stdout: bool  # the Markdown as it is: it can go to standard output
    says_language: bool = False  # its writer takes `lang`: words of its own (page numbers)

    def write(self, path: str | os.PathLike[str], markdown: str,
              lang: str | None = None) -> None:
        """Write the minutes to `path` (owner-only, whole or not at all), what the format
        adds in `lang`, the minutes' language (the interface's by default); OSError."""
        module, function = self.writer.split(":")
        write = getattr(importlib.import_module(module, "livinglab"), function)
        write(Path(path), markdown, **({"lang": lang} if self.says_language else {}))


FORMATS: dict[str, MinutesFormat] = {f.name: f for f in (
    MinutesFormat("md", N_("Markdown"), (".md", ".markdown", ".txt"),
                  ".paths:write_private_file", stdout=True),
    MinutesFormat("docx", N_("Word"), (".docx",), ".minutes.docx:write_docx", stdout=False,
                  says_language=True),
    MinutesFormat("html", N_("HTML"), (".html", ".htm"), ".minutes.html:write_html",
                  stdout=False, says_language=True),
)}
MARKDOWN = FORMATS["md"]


def format_named(path: str | os.PathLike[str]) -> MinutesFormat | None:
    """The format a file name says by its ending; None when it says none of them."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.endings), None)


def write_minutes_file(path: str | os.PathLike[str], markdown: str,
                       chosen: MinutesFormat | None = None, lang: str | None = None) -> None:
    """The minutes in the `chosen` format, else the one the name says, else Markdown."""
    (chosen or format_named(path) or MARKDOWN).write(path, markdown, lang)
