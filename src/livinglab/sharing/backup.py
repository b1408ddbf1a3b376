"""Backup and restore of the whole database file, with SQLite's online backup (issue 14).

The backup API copies a consistent snapshot page by page while the app keeps writing (its
WAL included), so a secretary can back up during a meeting. A copy is one self-contained
file (journal mode DELETE, no -wal beside it), readable by its owner only. Restoring
checks the copy first, keeps the current database aside, and copies the backup into the
live file through the same API: a running app never sees half a file, and a stale WAL
can never be replayed over the restored pages.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..i18n import _, os_reason
from ..paths import private_file
from ..storage.store import APPLICATION_ID, BUSY_TIMEOUT_MS, SQLITE_HEADER, StoreError
from ..storage.schema import SCHEMA_VERSION
from ..storage import written


class BackupError(StoreError):
    """A backup or restore that cannot be done, worded for the user."""


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(Path(path).absolute()))}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def check_database(path: Path) -> int:
    """The schema version of a livinglab database file, after checking that it is one,
    whole and not newer than this livinglab; BackupError naming what is wrong."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise BackupError(_("there is no livinglab database at {path}").format(path=path)) from None
    except OSError as e:
        raise BackupError(_("cannot read {path}: {reason}").format(path=path, reason=e.strerror)
                          ) from None
    if header != SQLITE_HEADER:
        raise BackupError(_("{path} is not a livinglab database").format(path=path))
    try:
        conn = _open_read_only(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check(3)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        problems, app_id, version = ["damaged"], APPLICATION_ID, 0
    if app_id != APPLICATION_ID:
        raise BackupError(_("{path} is not a livinglab database").format(path=path))
    if problems != ["ok"]:
        raise BackupError(_("{path} is damaged: it fails SQLite's integrity check").format(
            path=path))
    if version > SCHEMA_VERSION:
        raise BackupError(_(
            "{path} was made by a newer livinglab (schema {found}, this version knows "
            "{known}); update livinglab to open it").format(
                path=path, found=version, known=SCHEMA_VERSION))
    return version


def backup(db_path: Path, target: Path, progress=None) -> None:
    """Copy the database at `db_path` to `target` while others may write it;
    `progress(done, total)`, when given, is told the pages copied."""
    db_path, target = Path(db_path), Path(target)
    check_database(db_path)
    try:
        with private_file(target) as temp:
            source = _open_read_only(db_path)
            copy = sqlite3.connect(temp)
            try:
                if progress is not None:
                    progress(0, source.execute("pragma page_count").fetchone()[0])
                source.backup(copy, pages=256,  # in steps: writers wait a moment at most
                              progress=(lambda _status, left, total: progress(total - left, total))
                              if progress is not None else None)
                copy.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it
            finally:
                copy.close()
                source.close()
            check_database(temp)
    except sqlite3.Error as e:
        if getattr(e, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_FULL:
            raise BackupError(_("cannot back up {path}: {reason}").format(
                path=db_path, reason=e)) from None
        full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # said as for any file
        raise BackupError(_("cannot write {path}: {reason}").format(
            path=target, reason=os_reason(full))) from None
    except OSError as e:
        raise BackupError(_("cannot write {path}: {reason}").format(
            path=target, reason=os_reason(e))) from None
    written.record_written(db_path, target, written.BACKUP)


def set_aside_name(db_path: Path, moment: dt.datetime | None = None) -> Path:
    """Where restore keeps the database it replaces: beside it, named by the time."""
    stamp = (moment or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(db_path).with_name(f"{Path(db_path).stem}.before-restore-{stamp}.db")


def restore(backup_path: Path, db_path: Path) -> Path | None:
    """Put the checked backup in place of the database at `db_path`; the path where the
    database it replaced was kept (None when there was none)."""
    from ..storage.store import _create_file

    backup_path, db_path = Path(backup_path), Path(db_path)
    check_database(backup_path)
    kept = None
    if db_path.exists():
        check_database(db_path)  # only a livinglab database is replaced (and kept aside)
        kept = set_aside_name(db_path)
        backup(db_path, kept)
    else:
        _create_file(db_path)
    try:
        source = _open_read_only(backup_path)
        live = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            source.backup(live)  # one step: the live file changes in one transaction
        finally:
            live.close()
            source.close()
    except sqlite3.Error as e:
        raise BackupError(_("cannot restore into {path}: {reason}").format(
            path=db_path, reason=e)) from None
    if kept:  # in the restored database: the one an erase will look in
        written.after_restore(db_path, kept)
    return kept
