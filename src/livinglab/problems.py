"""A problem found while loading a user's file: where it is and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError


# Not frozen: Python sets an exception's traceback as it passes through a `with` block.
@dataclass(eq=False)
class LoadProblem(Exception):
    path: Path | str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def field_path(loc: tuple[int | str, ...]) -> str:
    """('steps', 2, 'questions') -> 'steps[2].questions'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe_validation_error(error: ValidationError) -> str:
    """Every failing field of a pydantic error, with its path, on one line each."""
    parts = []
    for detail in error.errors():
        where = field_path(detail["loc"])
        parts.append(f"{where}: {detail['msg']}" if where else detail["msg"])
    return "; ".join(parts)


# Input files a person names are read up to a cap, so a wrong path (/dev/zero, a video, a
# disk image) costs a moment and a clear line, never memory or a hang.
MAX_INPUT_BYTES = 16 * 1024 * 1024  # far beyond any method, series or practice file


def read_input(path: Path | str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file; LoadProblem naming it when it cannot be read or holds
    more than `limit` bytes."""
    from .i18n import _, os_reason
    from .paths import TooLarge, read_capped, size_text

    try:
        return read_capped(path, limit)
    except TooLarge:
        raise LoadProblem(path, _("larger than {size}, the most livinglab reads from one "
                                  "file").format(size=size_text(limit))) from None
    except OSError as e:
        raise LoadProblem(path, _("cannot read: {reason}").format(reason=os_reason(e))) from None


def read_input_text(path: Path | str, limit: int = MAX_INPUT_BYTES) -> str:
    """An input file as UTF-8 text, read as `read_input` reads it."""
    from .i18n import _

    data = read_input(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise LoadProblem(path, _("not UTF-8 text")) from None


def failure_message(error: BaseException, explain_database=None) -> str | None:
    """The one line a person reads for a failure that reached the command line, or None
    for a bug (which keeps its traceback). `explain_database` turns an SQLite error into
    the store's own wording (read-only, locked, damaged, disk full) when a store is open."""
    import sqlite3
    import sys

    from .i18n import _, os_reason

    store = sys.modules.get(f"{__package__}.storage.store")  # not loaded: not its error
    if isinstance(error, LoadProblem) or (store and isinstance(error, store.StoreError)):
        return str(error)
    if isinstance(error, sqlite3.Error):
        if explain_database is not None:
            return str(explain_database(error))
        return _("the database failed: {reason}").format(reason=error)
    if isinstance(error, OSError):
        reason = os_reason(error)
        return f"{error.filename}: {reason}" if error.filename else reason
    return None
