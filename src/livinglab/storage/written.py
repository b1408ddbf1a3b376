"""The files this program wrote outside its database (issue 24): minutes in every format,
shareable minutes, bundles, backups, published archives, a person's export and the copy
a restore keeps aside; and the case files it read (`cases import`), the user's own, which
hold the case as written. Each leaves one row: where, what kind, when; never its content.

An erase cannot reach into those files. It lists them instead, so the user can delete
the ones that may still hold the person (a file deleted since is shown as gone).

The recorder writes through a connection of its own to the database file, so a write
site needs no open Store (a backup and a restore have only the file's path) and a
read-only Store does not stop it. Recording never makes a written file fail: a database
that cannot take the row (read-only, locked, not a livinglab file) is passed over.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

# The kinds of file, as stored; what they are called is said where they are listed.
MINUTES = "minutes"
SHAREABLE_MINUTES = "shareable-minutes"
BUNDLE = "bundle"
SHAREABLE_BUNDLE = "shareable-bundle"
BACKUP = "backup"
BEFORE_RESTORE = "before-restore"
ARCHIVE = "archive"
PERSON_EXPORT = "person-export"
PRACTICE_REPORT = "practice-report"
PRACTICE_FILE = "practice-file"
CASE_FILE = "case-file"  # read, not written: a case file `cases import` stored
KINDS = (MINUTES, SHAREABLE_MINUTES, BUNDLE, SHAREABLE_BUNDLE, BACKUP, BEFORE_RESTORE,
         ARCHIVE, PERSON_EXPORT, PRACTICE_REPORT, PRACTICE_FILE, CASE_FILE)

TABLE_SQL = ("create table if not exists written_files (id integer primary key, "
             "path text not null, kind text not null, written_at text not null)")
_TIMEOUT_S = 5  # a busy app commits within moments; a log row is not worth a longer wait


@dataclass(frozen=True)
class WrittenFile:
    id: int
    path: str
    kind: str
    written_at: dt.datetime  # UTC

    @property
    def gone(self) -> bool:
        """Deleted (or moved) since it was written."""
        return not os.path.lexists(self.path)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def record_written(database: Store | str | os.PathLike[str], path: str | os.PathLike[str],
                   kind: str) -> bool:
    """Keep that this program wrote `path` (a file of `kind`) in the database (a Store or
    a database file's path). False when the database could not take the row."""
    assert kind in KINDS, kind
    db_path = getattr(database, "path", database)
    if not db_path or str(db_path) == ":memory:" or not Path(db_path).is_file():
        return False
    try:
        conn = sqlite3.connect(db_path, timeout=_TIMEOUT_S)
    except sqlite3.Error:
        return False
    try:
        with conn:
            conn.execute(TABLE_SQL)  # a file restored from an older version has none yet
            conn.execute("insert into written_files (path, kind, written_at) values (?, ?, ?)",
                         [str(Path(path).expanduser().absolute()), kind, _now()])
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def after_restore(db_path: str | os.PathLike[str], kept: str | os.PathLike[str]) -> bool:
    """A restore put an older database in place of the one now `kept` aside: the files
    written meanwhile are on the disk all the same, so their rows come along, and the
    copy kept aside is logged itself. False when the database could not take them."""
    try:
        old = sqlite3.connect(f"file:{Path(kept).absolute()}?mode=ro", uri=True,
                              timeout=_TIMEOUT_S)
        try:
            rows = old.execute("select path, kind, written_at from written_files").fetchall()
        finally:
            old.close()
    except sqlite3.Error:  # a file from before the log
        rows = []
    try:
        conn = sqlite3.connect(db_path, timeout=_TIMEOUT_S)
    except sqlite3.Error:
        return False
    try:
        with conn:
            conn.execute(TABLE_SQL)
            have = set(conn.execute("select path, kind, written_at from written_files"))
            conn.executemany("insert into written_files (path, kind, written_at) "
                             "values (?, ?, ?)", [r for r in rows if tuple(r) not in have])
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return record_written(db_path, kept, BEFORE_RESTORE)


def written_files(store: Store) -> list[WrittenFile]:
    """Every file recorded, oldest first; one row per path, at its last write."""
    if not store.query("select 1 from sqlite_master where name = 'written_files'"):
        return []
    rows = store.query("select id, path, kind, written_at from written_files where id in "
                       "(select max(id) from written_files group by path) "
                       "order by written_at, id")
    return [WrittenFile(id_, path, kind, dt.datetime.fromisoformat(at))
            for id_, path, kind, at in rows]


def rewrite_paths(store: Store, change) -> int:
    """`change(path)` in every recorded path (an erase: a name in a file's name); the
    number of rows changed. Call inside the caller's transaction."""
    changed = 0
    for id_, path in store.query("select id, path from written_files"):
        new = change(path)
        if new != path:
            store.conn.execute("update written_files set path = ? where id = ?", [new, id_])
            changed += 1
    return changed
