"""The one place that talks to SQLite, through sqlite-utils.

One file holds everything a group keeps. WAL mode and a busy timeout let two processes
(the shared screen and a secretary's laptop) use the same file. The schema is created
from code and versioned with `PRAGMA user_version`; `PRAGMA application_id` marks the
file as ours, so a foreign SQLite file is refused instead of altered.

Every model is stored the same way, through a small registry (`TABLES`): one row per
model, dict and list fields as JSON text (sqlite-utils encodes them; `load` decodes).
Every failure of SQLite reaches the caller as a `StoreError` worded for the user, so the
app can keep an edit and try again.
"""

from __future__ import annotations

import collections
import datetime as dt
import errno
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from .keys import canonical_json, entry_id
from .schema import EDITED_TABLES, MIGRATIONS, SCHEMA_VERSION, create_edit_triggers
from ..i18n import _
from ..paths import default_db_path  # noqa: F401  (callers import it from here)
from ..text.terminal import clean_all

if TYPE_CHECKING:
    import sqlite_utils
    from pydantic import BaseModel

    from . import search as search_module
    from .schema import Table

# Opening a file and reading it (a command that lists) needs sqlite3 only: sqlite-utils,
# the models (pydantic), the search index and the table registry are imported when first
# used (importing them was most of the time of `livinglab sessions list`, issue 27).


def _database(store: Store) -> sqlite_utils.Database:
    """sqlite-utils over the store's connection, for the migrations and some writes."""
    import sqlite_utils

    return sqlite_utils.Database(store.conn, execute_plugins=False,
                                 recursive_triggers=False)  # on already (Store._open)


def _tables() -> dict[type[BaseModel], Table]:
    from .schema import TABLES

    return TABLES


def _search():
    from . import search

    return search


def _models():
    from .. import models

    return models

def _ready_to_write(store: Store) -> None:
    """What a write uses, imported before the lock is taken, never while it is held: with
    the imports made lazy (issue 27), 300 command-line writes at once waited on one
    another's imports inside the lock, and some waited past the busy timeout."""
    _tables(), _search(), store.db  # each imports once


APPLICATION_ID = 0x4C4C4142  # "LLAB"
SQLITE_HEADER = b"SQLite format 3\x00"
# How long a write waits for another program's write lock. SQLite wakes waiters by polling,
# not in turn: 300 command-line writes started at once beside a running meeting waited up
# to 40 s on 2 busy cores (bench/busy_cli.py), and 5 s failed half of them. The app sets
# its own, short wait (tui/app.py) and tries again itself.
BUSY_TIMEOUT_MS = 60_000

M = TypeVar("M", bound="BaseModel")


class StoreError(Exception):
    """A problem with the database file, worded for the user."""


class StoreDamaged(StoreError):
    """Pages of the file are damaged: nothing to retry, restore or recover."""


class StoreReadOnly(StoreError):
    """The file (or its folder) cannot be written; reading still works."""


class StoreLocked(StoreError):
    """Another program holds the write lock longer than the busy timeout: try again."""


# --- opening a file -------------------------------------------------------------------


# The files this process has open through SQLite, by device and inode, with how many
# Stores hold each. POSIX locks belong to a process and a file, and closing any descriptor
# of the file drops them all: reading a file we hold through a descriptor of our own let
# the next process that closed the file believe it was the last one and delete the WAL in
# use here (the app's saves then failed with "disk I/O error"). A file held is not read.
_HELD: collections.Counter[tuple[int, int]] = collections.Counter()
_HELD_LOCK = threading.Lock()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _check_existing_file(path: Path) -> bool:
    """True if the file exists (and looks like SQLite); refuse anything else."""
    if path.is_dir():
        raise StoreError(_("{path} is a folder, not a livinglab database").format(path=path))
    with _HELD_LOCK:
        if _identity(path) in _HELD:
            return True  # checked when it was first opened; reading it would drop our locks
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except (FileNotFoundError, NotADirectoryError):
        return False
    except PermissionError:
        raise StoreError(_("cannot read {path}: permission denied").format(path=path)) from None
    except OSError as e:
        raise StoreError(_("cannot read {path}: {reason}").format(path=path, reason=e.strerror))
    if header and header != SQLITE_HEADER:
        raise StoreError(_("{path} is not a livinglab database").format(path=path))
    return True


def _create_file(path: Path) -> None:
    """Create an empty database file readable by the owner only, its folder too."""
    folder = path.parent
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        if not path.is_file():  # a file stands where a folder should be
            raise StoreError(
                _("cannot create a database in {folder}: {reason}").format(
                    folder=folder, reason=os.strerror(errno.ENOTDIR))) from None
    except PermissionError:
        raise StoreError(
            _("cannot create a database in {folder}: permission denied").format(folder=folder)
        ) from None
    except OSError as e:
        raise StoreError(
            _("cannot create a database in {folder}: {reason}").format(
                folder=folder, reason=e.strerror
            )
        ) from None


def _writable(path: Path) -> bool:
    """Whether this process may write `path` (a test replaces it: root may write anything)."""
    return os.access(path, os.W_OK)


class Store:
    """A livinglab database file, opened and migrated."""
    db = cached_property(_database)  # made on first use: a read does not import sqlite-utils

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False):
        """`read_only` opens an existing file with `mode=ro`: SQLite refuses every write
        (a follow view beside the chair's app)."""
        self.path = Path(path)
        self.read_only = read_only
        self.conn: sqlite3.Connection | None = None
        self._upserts: dict[tuple[str, tuple[str, ...]], str] = {}
        self._index_each_row = True  # off while index_afterwards() writes many rows
        try:
            self._open()
        except sqlite3.Error as e:
            self.close()
            raise self._error(e) from None
        except BaseException:
            self.close()
            raise

    def _error(self, error: sqlite3.Error) -> StoreError:
        """The StoreError a user sees for a failure of SQLite."""
        code = getattr(error, "sqlite_errorcode", -1) & 0xFF  # the primary result code
        path = self.path
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return StoreDamaged(_(
                "{path} is damaged: restore a backup, or rescue what is left with "
                "sqlite3 {path} \".recover\" | sqlite3 rescued.db"
            ).format(path=path))
        if code == sqlite3.SQLITE_READONLY:
            return StoreReadOnly(_("{path} is read-only").format(path=path))
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return StoreLocked(
                _("{path} is locked by another program; try again").format(path=path))
        if code == sqlite3.SQLITE_FULL:
            return StoreError(_("cannot write {path}: the disk is full").format(path=path))
        return StoreError(_("cannot use {path}: {reason}").format(path=path, reason=error))

    def _connect(self) -> sqlite3.Connection:
        target, uri = str(self.path), False
        if self.read_only:
            target, uri = f"file:{quote(str(self.path.absolute()))}?mode=ro", True
        return sqlite3.connect(
            target, uri=uri, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
            check_same_thread=False,
        )

    def _open(self) -> None:
        exists = _check_existing_file(self.path)
        if self.read_only and not exists:
            raise StoreError(_("there is no livinglab database at {path}").format(path=self.path))
        folder = self.path.parent
        if exists and not self.read_only and not _writable(folder):
            # WAL keeps two files beside the database; without them SQLite cannot open it.
            raise StoreReadOnly(_(
                "cannot open {path}: its folder {folder} is read-only, and livinglab "
                "needs to write beside the database file"
            ).format(path=self.path, folder=folder))
        if not exists:
            _create_file(self.path)
        self.read_only = self.read_only or not _writable(self.path)
        self.conn = conn = self._connect()
        self._held = _identity(self.path)
        with _HELD_LOCK:
            _HELD[self._held] += 1
        conn.execute("PRAGMA recursive_triggers = on")  # as sqlite-utils' Database sets it
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        blank = app_id == 0 and version == 0 and not has_tables
        if app_id != APPLICATION_ID and not blank:
            raise StoreError(_("{path} is not a livinglab database").format(path=self.path))
        if version > SCHEMA_VERSION:
            raise StoreError(
                _(
                    "{path} was made by a newer livinglab (schema {found}, this version "
                    "knows {known}); update livinglab to open it"
                ).format(path=self.path, found=version, known=SCHEMA_VERSION)
            )
        if version < SCHEMA_VERSION and self.read_only:
            raise StoreReadOnly(_(
                "{path} is read-only, and this livinglab must update it before it can use it"
            ).format(path=self.path))
        if not self.read_only and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = wal")  # sqlite-utils' enable_wal(), without it
        conn.execute("PRAGMA foreign_keys = ON")
        # A damaged page is said, not read as garbage: without the check a cell pointer
        # overwritten with junk could read as no rows at all, and a list came out empty.
        conn.execute("PRAGMA cell_size_check = ON")
        self.is_new = version == 0  # a fresh file: the caller may fill it with examples
        self._migrate(version)

    def _migrate(self, version: int) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                MIGRATIONS[target - 1](self.db)
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.conn.execute(f"PRAGMA user_version = {target}")

    @property
    def schema_version(self) -> int:
        return self.query("PRAGMA user_version")[0][0]

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
            with _HELD_LOCK:
                _HELD[self._held] -= 1
                if _HELD[self._held] <= 0:
                    del _HELD[self._held]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- talking to SQLite ----------------------------------------------------------------

    @contextmanager
    def sqlite_errors(self) -> Iterator[None]:
        """Turn a failure of SQLite into the StoreError a user can act on."""
        try:
            yield
        except sqlite3.Error as e:
            raise self._error(e) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing. Nested, it is a SAVEPOINT: an inner failure undoes the inner part."""
        if self.conn.in_transaction:
            with self.sqlite_errors(), self.db.atomic():
                yield
            return
        _ready_to_write(self)
        with self.sqlite_errors():
            # IMMEDIATE takes the write lock now, waiting up to the busy timeout for it.
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException as e:
            with self.sqlite_errors():
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):  # a statement of the body: worded as any other
                raise self._error(e) from None
            raise
        with self.sqlite_errors():
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def check_writable(self) -> None:
        """Raise what a write would raise now, writing nothing: StoreReadOnly for a file
        opened read-only, StoreLocked while another program keeps the write lock longer
        than the busy timeout. For a screen that writes as it opens."""
        if self.read_only:
            raise StoreReadOnly(_("{path} is read-only").format(path=self.path))
        with self.transaction():
            pass

    def query(self, sql: str, args: Iterable[Any] = ()) -> list[tuple]:
        with self.sqlite_errors():
            return self.conn.execute(sql, list(args)).fetchall()

    # --- any model ------------------------------------------------------------------------

    def save(self, model: M) -> M:
        """Insert or replace the model's row."""
        table = _tables()[type(model)]
        # Every string on its way in loses what a terminal would obey (escape sequences,
        # controls, bidi overrides): typed text, imported cases and bundles alike.
        dumped = model.model_dump(mode="json")
        row = clean_all(dumped)
        if row != dumped:
            # Cleaning may empty a required text ("\x1b" alone): refuse it as the model
            # would have refused it typed, instead of storing a row that cannot be read.
            type(model).model_validate(row)
        if isinstance(model, _models().Case):
            row["body"] = model.body_text  # what search indexes
        document = self._document(table.name, row)
        with self.transaction(), self.sqlite_errors():
            if isinstance(model, _models().AgendaItem):
                row["method_hash"] = self._keep_method_copy(row.pop("method_snapshot"))
            self._upsert(table.name, table.pk, row)
            self._write_document(document)
        return model

    def _upsert(self, table: str, pk: str | tuple[str, ...], row: dict[str, Any]) -> None:
        """The INSERT ... ON CONFLICT that sqlite-utils' upsert issues, prepared once per
        table and column set: sqlite-utils reads the schema again for every row (about
        0.5 ms each), which was most of the time of writing a large archive."""
        keys = (pk,) if isinstance(pk, str) else tuple(pk)
        columns = tuple(row)
        sql = self._upserts.get((table, columns))
        if sql is None:
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            conflict = ", ".join(f'"{k}"' for k in keys)
            updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in keys)
            sql = (f'insert into "{table}" ({names}) values ({marks}) on conflict ({conflict}) '
                   + (f"do update set {updates}" if updates else "do nothing"))
            self._upserts[(table, columns)] = sql
        self.conn.execute(sql, [json.dumps(value, ensure_ascii=False)
                                if isinstance(value, (dict, list)) else value
                                for value in row.values()])

    def get(self, model: type[M], id: str) -> M | None:
        found = self.select(model, "id = ?", [id])
        return found[0] if found else None

    def delete(self, model: type[BaseModel], id: str) -> None:
        with self.transaction(), self.sqlite_errors():
            table = _tables()[model].name
            self.db[table].delete_where("id = ?", [id])
            _search().remove(self.conn, [id])

    def load(self, model: type[M], row: dict[str, Any]) -> M:
        """A row as its model: JSON columns decoded here, and only here."""
        json_columns = _tables()[model].json_columns
        values = {
            key: json.loads(value) if key in json_columns else value
            for key, value in row.items()
            if key in model.model_fields and value is not None
        }
        return model.model_validate(values)

    def select(
        self, model: type[M], where: str | None = None, args: Iterable[Any] = (),
        order_by: str | None = None, limit: int | None = None, offset: int | None = None,
    ) -> list[M]:
        # Plain SQL: sqlite-utils' rows_where asks sqlite_master about the table three
        # times per call, which tripled the queries of every read.
        sql = f'select * from "{_tables()[model].source}"'
        if where:
            sql += f" where {where}"
        if order_by:
            sql += f" order by {order_by}"
        if limit is not None or offset is not None:
            sql += f" limit {-1 if limit is None else int(limit)} offset {int(offset or 0)}"
        with self.sqlite_errors():
            rows = self.query_dicts(sql, args)
        return [self.load(model, row) for row in rows]

    def rows(self, model: type[M], session_id: str | None = None) -> list[M]:
        """Every stored row of a model, or those of one meeting: for checks over all text."""
        where, args = self.where(session_id=session_id)
        return self.select(model, where, args, order_by="rowid")

    @staticmethod
    def where(**values: Any) -> tuple[str | None, list[Any]]:
        """`column = ?` for every value given, joined by `and`."""
        given = {column: value for column, value in values.items() if value}
        return " and ".join(f"{column} = ?" for column in given) or None, list(given.values())


    # --- method copies and captured content: stored with their search documents ---------

    def _keep_method_copy(self, snapshot: dict[str, Any] | None) -> str | None:
        """Store the method copy once per content; its hash is what the item keeps."""
        if snapshot is None:
            return None
        text = canonical_json(snapshot)
        key = hashlib.sha256(text.encode()).hexdigest()
        # A plain statement: sqlite-utils' insert reads the table's schema on every call,
        # and an item is saved at every step of a review.
        self.conn.execute("insert or ignore into method_copies (hash, method) values (?, ?)",
                          [key, text])
        return key

    def save_entry(self, item_id: str, field_key: str, value: Any,
                   updated_at: dt.datetime | None = None) -> None:
        """Store what was captured for one field of an item (one entry per item and key)."""
        models = _models()
        entry = models.Entry(id=entry_id(item_id, field_key), item_id=item_id, field_key=field_key,
                             value=value, updated_at=updated_at or models.now())
        row = clean_all(entry.model_dump(mode="json"))
        # A value may be plain text or a number, which sqlite-utils would store as it is:
        # encode every value, so that `entries` decodes them all the same way.
        row["value"] = json.dumps(row["value"], ensure_ascii=False)
        document = self._entry_document(item_id, field_key, entry.value)
        with self.transaction(), self.sqlite_errors():
            self.db["entries"].upsert(row, pk="id")
            self._write_document(document)


    # --- search: the documents kept current as rows are saved (see search.py) -----------

    @contextmanager
    def index_afterwards(self) -> Iterator[None]:
        """Many rows written at once (the demo's history) with the search index built once
        at the end: kept current row by row it was a fifth of the writing time."""
        self._index_each_row = False
        try:
            yield
        finally:
            self._index_each_row = True
        self.rebuild_search_index()

    # A row's search document is made before the write lock is taken: a transaction
    # holds only its statements, so that other programs wait for it as briefly as can be.

    def _document(self, table: str, row: dict[str, Any]) -> search_module.Document | None:
        return _search().document(table, row) if self._index_each_row else None

    def _entry_document(self, item_id: str, field_key: str,
                        value: Any) -> search_module.Document | None:
        if not self._index_each_row:
            return None
        with self.sqlite_errors():
            found = self.conn.execute(
                "select session_id, method_hash from agenda_items where id = ?", [item_id]
            ).fetchone()
        session_id, digest = found if found else (None, None)
        return _search().entry_document(item_id, field_key, value, session_id,
                                        self._method_copy(digest))

    def _write_document(self, document: search_module.Document | None) -> None:
        if document is not None:
            _search().write(self.conn, [document])

    def _method_copy(self, digest: str | None) -> dict[str, Any] | None:
        """A method copy by its hash, read once per store (copies never change)."""
        if digest is None:
            return None
        cache = self.__dict__.setdefault("_method_copies", {})
        if digest not in cache:
            found = self.conn.execute(
                "select method from method_copies where hash = ?", [digest]).fetchone()
            cache[digest] = json.loads(found[0]) if found else None
        return cache[digest]

    def search(self, text: str, kinds: Iterable[str] = (), group_id: str | None = None,
               limit: int = 50):
        """Everything that matches `text`, best first: a list of `search.Hit`."""
        with self.sqlite_errors():
            return _search().search(self.conn, text, kinds, group_id, limit)

    def rebuild_search_index(self, progress=None) -> None:
        """Every search document made anew; `progress(done, total)` is told the rows."""
        with self.transaction(), self.sqlite_errors():
            _search().rebuild(self.conn, progress)

    # --- rows by many ids, in one query: ids are passed as one JSON array (no variable
    # limit), so a whole meeting is read with a query per table, never one per item ------

    def query_dicts(self, sql: str, args: Iterable[Any]) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, list(args))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def rows_by_id(self, model: type[M], ids: Iterable[str]) -> list[M]:
        """The stored rows of a model with these ids (any number of them)."""
        return self.select(model, "id in (select value from json_each(?))",
                            [json.dumps(sorted(set(ids)))], order_by="rowid")

    def tables_of_ids(self, ids: Iterable[str]) -> dict[str, str]:
        """Which table holds each of these ids, for every table keyed by id."""
        found: dict[str, str] = {}
        args = [json.dumps(sorted(set(ids)))]
        for table in {t.name for t in _tables().values() if t.pk == "id"}:
            for (id_,) in self.query(
                    f'select id from "{table}" where id in (select value from json_each(?))', args):
                found[id_] = table
        return found

    def forget_edit_times(self) -> None:
        """Every record as created, never edited: for a generated history (the demo),
        whose rows must not depend on the wall-clock time it was written at."""
        with self.transaction(), self.sqlite_errors():
            for table in EDITED_TABLES:
                self.conn.execute(f'drop trigger "{table}_unchanged"')  # it would keep them
                self.conn.execute(f'update "{table}" set updated_at = null')
                create_edit_triggers(self.db, table)

    def data_version(self) -> int:
        """A number that changes whenever another connection commits: cheap to poll."""
        return self.query("PRAGMA data_version")[0][0]

    # --- before a command writes (livinglab's CLI) ------------------------------------------

    def explain(self, error: sqlite3.Error) -> StoreError:
        """The StoreError a person reads for an SQLite failure met outside the store."""
        return self._error(error)

    def check_integrity(self) -> None:
        """StoreDamaged when SQLite's integrity check finds damage (a page, an index, a
        table that does not match its index), so nothing is written into a damaged file.
        It reads every page once: 0.2 s on 2,000 meetings."""
        with self.sqlite_errors():
            found = self.conn.execute("PRAGMA integrity_check(1)").fetchone()
        if found != ("ok",):
            corrupt = sqlite3.DatabaseError(found[0] if found else "damaged")
            corrupt.sqlite_errorcode = sqlite3.SQLITE_CORRUPT  # said as every damaged page is
            raise self._error(corrupt)

