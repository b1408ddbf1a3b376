"""Interface language: English message ids, translated through one catalogue per language.

The English text is the key (as with gettext's msgid), so an untranslated message still
reads well. Catalogues are TOML files in `livinglab/locales/`; a test checks that every
message the code uses has a Dutch translation.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import zlib
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

LANGUAGES = ("nl", "en")
_current = "en"


def choose_language(explicit: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """`--lang` wins, then the locale (the first of LC_ALL, LC_MESSAGES, LANG that is set)."""
    if explicit:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    return _current


@cache
def _load(lang: str) -> dict:
    from platformdirs import user_cache_path  # imported by Textual already

    return read_catalogue(Path(__file__).parent / "locales" / f"{lang}.toml",
                          user_cache_path("livinglab", appauthor=False))


def read_catalogue(source: Path, cache_dir: Path) -> dict:
    """A TOML catalogue, parsed. Parsing the Dutch one took 20 ms of every start, so the
    parsed catalogue is kept as JSON in `cache_dir`, named after the TOML's checksum: an
    edited catalogue is parsed again, a cache that cannot be written only costs time, and
    one that is damaged or of another shape is parsed again and replaced."""
    from .paths import read_capped, write_private_file

    text = source.read_text("utf-8")
    cached = cache_dir / f"{source.stem}-{zlib.crc32(text.encode()):08x}-{len(text)}.json"
    try:
        found = json.loads(read_capped(cached, 4 * len(text.encode()) + 1024))
        if _is_catalogue(found):
            return found
    except (OSError, ValueError):  # missing, unreadable, too large, not JSON
        pass
    import tomllib

    parsed = tomllib.loads(text)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_private_file(cached, json.dumps(parsed, ensure_ascii=False))
    except OSError:
        pass
    return parsed


def _is_catalogue(data: object) -> bool:
    """Messages (text -> text) and tables of them, two levels at most: what a catalogue
    TOML parses to ([terms] holds a table per kind)."""
    def texts(table: object, depth: int) -> bool:
        return isinstance(table, dict) and all(
            isinstance(v, str) or (depth > 0 and texts(v, depth - 1)) for v in table.values())

    return texts(data, 2)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Interface messages: English text -> translation (empty for English)."""
    return {k: v for k, v in _load(lang).items() if isinstance(v, str)}


def terms(lang: str) -> dict[str, dict[str, str]]:
    """Labels for the domain's coded values in `lang`, one table per kind (enum name)."""
    return _load(lang).get("terms", {})


def _(message: str, lang: str | None = None) -> str:
    """Translate an interface message into `lang`, or into the current language.

    Call it where the text is shown, not where it is defined, so that switching the
    language in the running app reaches every label (mark definitions with `N_`).
    """
    return catalogue(lang or _current).get(message, message)


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is defined; translate it where it is shown."""
    return message


def term(value: StrEnum, lang: str | None = None) -> str:
    """The label of a coded value such as `Role.CHAIR` (`chair` in English).

    Labels are looked up in the table of the value's own kind, so the same word in two
    kinds (`open` for an action and for a slow question) can read differently.
    """
    return term_named(type(value).__name__, value, lang)


def term_named(kind: str, value: str, lang: str | None = None) -> str:
    """The label of a coded value read as stored, by the name of its kind: `term` for a
    value not made its enum (`term_named("SessionStatus", "planned")`)."""
    table = terms(lang or _current).get(kind, {})
    return table.get(str(value), str(value))


def pick(texts: Mapping[str, str], lang: str | None = None) -> str:
    """Choose from a bilingual text in data (a method's {nl, en}); falls back to the other."""
    lang = lang or _current
    return texts.get(lang) or next((t for t in texts.values() if t), "")


# --- dates -------------------------------------------------------------------------------
# Every screen, command and set of minutes writes a date one way: day-month-year, as Dutch
# forms do (`meeting.planning.parse_date` reads it back, with the other ways people type
# one). Minutes' running text names the month.
DATE_FORMAT = "%d-%m-%Y"
MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def format_date(day: dt.date | str | None) -> str:
    """A date as the interface writes it, 25-11-2026 (an ISO text read first); empty for
    none."""
    if isinstance(day, str):
        import datetime as dt

        day = dt.date.fromisoformat(day) if day else None
    return day.strftime(DATE_FORMAT) if day else ""


def long_date(day: dt.date, lang: str | None = None) -> str:
    """A date with its month named, in `lang`: 25 november 2026."""
    return f"{day.day} {MONTHS[lang or _current][day.month - 1]} {day.year}"


# --- click's own texts ------------------------------------------------------------------
# Click translates "Usage:", "Error: ...", "Show this message and exit." with gettext,
# through names bound when each of its modules is imported (`from gettext import
# gettext as _`, `ngettext`). A gettext translation for the default domain would need
# compiled .mo files on disk, and replacing `gettext.gettext` would not reach names
# already bound; rebinding those names in click's modules is the one way that works,
# and it keeps click's texts in our catalogue (the `[click]` table) with the rest.
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types",
                 "termui", "utils", "shell_completion")


def click_catalogue(lang: str) -> dict[str, str]:
    """Click's English texts -> translation in `lang` (empty for English)."""
    return _load(lang).get("click", {})


def _click_gettext(message: str) -> str:
    return click_catalogue(_current).get(message) or message


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return _click_gettext(singular if n == 1 else plural)


def translate_click() -> None:
    """Let click speak the interface language (read when its text is shown)."""
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module another click version does not have
            continue
        if hasattr(module, "_"):
            module._ = _click_gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext


# What the system says when a file cannot be read or written, in the interface language:
# strerror is English whatever the locale.
_OS_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EFBIG: N_("the file is larger than the system allows"),
    errno.EPIPE: N_("the program reading it has stopped"),
}


def os_reason(error: OSError) -> str:
    """Why a file operation failed, as a person reads it."""
    reason = _OS_REASONS.get(error.errno)
    return _(reason) if reason else (error.strerror or str(error))
