"""A problem found while loading a user's file: where it is and what is wrong."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


# --- what is wrong in a file: one wording for every format ------------------------------
# A file that does not parse (TOML, JSON, YAML) and data that does not fit its model
# (pydantic) are said in one shape: the file, the line where it can be found, the field,
# and what is wrong, first problem first, with how many more there are.

Wording = Mapping[str, Callable[[dict[str, Any]], str]]


def describe_validation_error(error: ValidationError, wording: Wording | None = None) -> str:
    """What is wrong, for the first failing field: 'steps[2].questions: Field required',
    then '(and 2 more problems)'. `wording` says a kind of error (pydantic's type, such
    as 'missing') in a file's own words, from the error's details."""
    from .i18n import _

    errors = error.errors()
    first = errors[0]
    where = field_path(first["loc"])
    say = (wording or {}).get(first["type"])
    message = say(first) if say else (f"{where}: {first['msg']}" if where else first["msg"])
    if len(errors) > 1:
        message += " " + _("(and {count} more problems)").format(count=len(errors) - 1)
    return message


def load_problem(path: Path | str, error: Exception,
                 line_of: Callable[[tuple[int | str, ...]], int | None] | None = None,
                 first_line: int = 1, wording: Wording | None = None) -> LoadProblem:
    """The LoadProblem for a file whose text did not parse (a TOMLDecodeError, a
    JSONDecodeError, a YAMLError) or whose data did not fit (a ValidationError).

    `line_of` finds the line of a field path in the file (when the format allows it);
    `first_line` is where the parsed text starts in the file (a case's front matter)."""
    import json
    import sys
    import tomllib

    from .i18n import _

    if isinstance(error, ValidationError):
        loc = tuple(error.errors()[0]["loc"])
        return LoadProblem(path, describe_validation_error(error, wording),
                           line_of(loc) if line_of else None)
    if isinstance(error, json.JSONDecodeError):
        return LoadProblem(path, _("not valid JSON (a truncated or damaged file?): {error}")
                           .format(error=error.msg), first_line - 1 + error.lineno)
    if isinstance(error, tomllib.TOMLDecodeError):
        # Python 3.11's TOMLDecodeError only says "... (at line N, column M)".
        found = re.search(r"\s*\(at line (\d+), column \d+\)", str(error))
        message = str(error)[: found.start()] if found else str(error)
        line = first_line - 1 + int(found.group(1)) if found else None
        return LoadProblem(path, _("not valid TOML: {error}").format(error=message), line)
    yaml = sys.modules.get("yaml")  # not loaded: no YAML was read
    if yaml is not None and isinstance(error, yaml.YAMLError):  # a case's front matter
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return LoadProblem(path, _("broken front matter: {problem}").format(problem=problem),
                           first_line + mark.line if mark else 1)
    raise TypeError(f"not a problem of a file's text: {error!r}")


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
