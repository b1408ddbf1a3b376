"""The one place that talks to SQLite, through sqlite-utils.

One file holds everything a group keeps. WAL mode and a busy timeout let two processes
(the shared screen and a secretary's laptop) use the same file. The schema is created
from code and versioned with `PRAGMA user_version`; `PRAGMA application_id` marks the
file as ours, so a foreign SQLite file is refused instead of altered.

Every model is stored the same way, through a small registry (`TABLES`): one row per
model, dict and list fields as JSON text (sqlite-utils encodes them; `_load` decodes).
Every failure of SQLite reaches the caller as a `StoreError` worded for the user, so the
app can keep an edit and try again.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partialmethod
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import sqlite_utils
from pydantic import BaseModel

from . import search
from .keys import ID_PREFIX, NOT_PRACTICE, canonical_json, entry_id, id_prefix_range
from .schema import EDITED_TABLES, MIGRATIONS, SCHEMA_VERSION, TABLES, create_edit_triggers
from ..i18n import _
from ..models import (
    PRACTICE_GROUP_ID,
    Action,
    ActionEvent,
    ActionStatus,
    AgendaItem,
    Case,
    Decision,
    Entry,
    Evaluation,
    Group,
    GroupMember,
    Intention,
    Lesson,
    MinutesEvent,
    Participant,
    Person,
    Precedent,
    Heartbeat,
    Draft,
    Series,
    Session,
    SessionStatus,
    SlowQuestion,
    SlowQuestionStatus,
    StepTime,
    Tension,
    now,
)
from ..paths import default_db_path  # noqa: F401  (callers import it from here)
from ..text.terminal import clean_all

APPLICATION_ID = 0x4C4C4142  # "LLAB"
SQLITE_HEADER = b"SQLite format 3\x00"
# How long a write waits for another program's write lock. SQLite wakes waiters by polling,
# not in turn: 300 command-line writes started at once beside a running meeting waited up
# to 40 s on 2 busy cores (bench/busy_cli.py), and 5 s failed half of them. The app sets
# its own, short wait (tui/app.py) and tries again itself.
BUSY_TIMEOUT_MS = 60_000

M = TypeVar("M", bound=BaseModel)


class StoreError(Exception):
    """A problem with the database file, worded for the user."""


class StoreDamaged(StoreError):
    """Pages of the file are damaged: nothing to retry, restore or recover."""


class StoreReadOnly(StoreError):
    """The file (or its folder) cannot be written; reading still works."""


class StoreLocked(StoreError):
    """Another program holds the write lock longer than the busy timeout: try again."""


# --- opening a file -------------------------------------------------------------------


def _check_existing_file(path: Path) -> bool:
    """True if the file exists (and looks like SQLite); refuse anything else."""
    if path.is_dir():
        raise StoreError(_("{path} is a folder, not a livinglab database").format(path=path))
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
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
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
        if not self.read_only:
            self.db.enable_wal()
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
        return self._query("PRAGMA user_version")[0][0]

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- talking to SQLite ----------------------------------------------------------------

    @contextmanager
    def _sqlite(self) -> Iterator[None]:
        """Turn a failure of SQLite into the StoreError a user can act on."""
        try:
            yield
        except sqlite3.Error as e:
            raise self._error(e) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing. Nested, it is a SAVEPOINT: an inner failure undoes the inner part."""
        if self.conn.in_transaction:
            with self._sqlite(), self.db.atomic():
                yield
            return
        with self._sqlite():
            # IMMEDIATE takes the write lock now, waiting up to the busy timeout for it.
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException as e:
            with self._sqlite():
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):  # a statement of the body: worded as any other
                raise self._error(e) from None
            raise
        with self._sqlite():
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

    def _query(self, sql: str, args: Iterable[Any] = ()) -> list[tuple]:
        with self._sqlite():
            return self.conn.execute(sql, list(args)).fetchall()

    # --- any model ------------------------------------------------------------------------

    def save(self, model: M) -> M:
        """Insert or replace the model's row."""
        table = TABLES[type(model)]
        # Every string on its way in loses what a terminal would obey (escape sequences,
        # controls, bidi overrides): typed text, imported cases and bundles alike.
        dumped = model.model_dump(mode="json")
        row = clean_all(dumped)
        if row != dumped:
            # Cleaning may empty a required text ("\x1b" alone): refuse it as the model
            # would have refused it typed, instead of storing a row that cannot be read.
            type(model).model_validate(row)
        if isinstance(model, Case):
            row["body"] = model.body_text  # what search indexes
        document = self._document(table.name, row)
        with self.transaction(), self._sqlite():
            if isinstance(model, AgendaItem):
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
        found = self._select(model, "id = ?", [id])
        return found[0] if found else None

    def delete(self, model: type[BaseModel], id: str) -> None:
        with self.transaction(), self._sqlite():
            table = TABLES[model].name
            self.db[table].delete_where("id = ?", [id])
            self.conn.execute("delete from search_docs where key = ?", [f"{table}:{id}"])

    def _load(self, model: type[M], row: dict[str, Any]) -> M:
        """A row as its model: JSON columns decoded here, and only here."""
        json_columns = TABLES[model].json_columns
        values = {
            key: json.loads(value) if key in json_columns else value
            for key, value in row.items()
            if key in model.model_fields and value is not None
        }
        return model.model_validate(values)

    def _select(
        self, model: type[M], where: str | None = None, args: Iterable[Any] = (),
        order_by: str | None = None, limit: int | None = None, offset: int | None = None,
    ) -> list[M]:
        # Plain SQL: sqlite-utils' rows_where asks sqlite_master about the table three
        # times per call, which tripled the queries of every read.
        sql = f'select * from "{TABLES[model].source}"'
        if where:
            sql += f" where {where}"
        if order_by:
            sql += f" order by {order_by}"
        if limit is not None or offset is not None:
            sql += f" limit {-1 if limit is None else int(limit)} offset {int(offset or 0)}"
        with self._sqlite():
            rows = self._record_rows(sql, args)
        return [self._load(model, row) for row in rows]

    def rows(self, model: type[M], session_id: str | None = None) -> list[M]:
        """Every stored row of a model, or those of one meeting: for checks over all text."""
        where, args = self._where(session_id=session_id)
        return self._select(model, where, args, order_by="rowid")

    @staticmethod
    def _where(**values: Any) -> tuple[str | None, list[Any]]:
        """`column = ?` for every value given, joined by `and`."""
        given = {column: value for column, value in values.items() if value}
        return " and ".join(f"{column} = ?" for column in given) or None, list(given.values())

    # The names callers use.
    save_group = save_person = save_session = save_participant = save_agenda_item = save
    save_case = save_action = save_decision = save_slow_question = save_tension = save
    save_lesson = save_step_time = save
    group = partialmethod(get, Group)
    person = partialmethod(get, Person)
    session = partialmethod(get, Session)
    agenda_item = partialmethod(get, AgendaItem)
    action = partialmethod(get, Action)
    delete_participant = partialmethod(delete, Participant)
    delete_action = partialmethod(delete, Action)
    delete_decision = partialmethod(delete, Decision)
    delete_lesson = partialmethod(delete, Lesson)

    # --- groups and people --------------------------------------------------------------

    def groups(self) -> list[Group]:
        return self._select(Group, f"id != '{PRACTICE_GROUP_ID}'", order_by="name collate nocase")

    def people(self) -> list[Person]:
        return self._select(Person, order_by="name collate nocase")

    # --- sessions -----------------------------------------------------------------------

    _SESSION_ORDER = "date desc, coalesce(start_time, '') desc, created_at desc"

    def sessions(
        self, status: SessionStatus | None = None, limit: int | None = None,
        offset: int | None = None, group_id: str | None = None,
        on_or_before: dt.date | None = None,
    ) -> list[Session]:
        where, args = self._where(status=status and status.value, group_id=group_id)
        where = f"{where} and {NOT_PRACTICE}" if where else NOT_PRACTICE
        if on_or_before is not None:
            where += " and date <= ?"
            args.append(on_or_before.isoformat())
        return self._select(
            Session, where, args, order_by=self._SESSION_ORDER, limit=limit, offset=offset
        )

    def count_sessions(self, status: SessionStatus | None = None) -> int:
        where, args = self._where(status=status and status.value)
        where = f"{where} and {NOT_PRACTICE}" if where else NOT_PRACTICE
        return self._query(f"select count(*) from sessions where {where}", args)[0][0]

    def find_session(self, ref: str) -> Session:
        """A session by id, a unique id prefix, or `latest` (the newest one held or
        running; a planned one only when none has been held); StoreError otherwise."""
        if ref == "latest":
            # The demo and real groups plan ahead: the newest by date is often one that
            # has not been held, with empty minutes.
            found = (self.sessions(status=SessionStatus.RUNNING, limit=1)
                     + self.sessions(status=SessionStatus.FINISHED, limit=1))
            found = sorted(found, key=lambda s: (s.date, s.start_time or dt.time()),
                           reverse=True) or self.sessions(limit=1)
            if not found:
                raise StoreError(_("there are no meetings yet"))
            return found[0]
        exact = self.session(ref)
        if exact and exact.group_id != PRACTICE_GROUP_ID:
            return exact
        matches = self._select(Session, f"{ID_PREFIX} and {NOT_PRACTICE}",
                               id_prefix_range(ref), limit=2)
        if len(matches) == 1 and ref:
            return matches[0]
        if not matches or not ref:
            raise StoreError(_("no meeting with id {ref}").format(ref=ref))
        raise StoreError(_("{ref} matches more than one meeting; give more of the id").format(ref=ref))

    def participants(self, session_id: str) -> list[tuple[Participant, Person]]:
        """The session's participants with their people, in the order they were added."""
        sql = (
            "select p.id, p.session_id, p.person_id, p.role, p.attendance, "
            "pe.name, pe.organisation, pe.discipline from participants p "
            "join people pe on pe.id = p.person_id where p.session_id = ? order by p.rowid"
        )
        result = []
        for row in self._query(sql, [session_id]):
            participant = Participant(
                id=row[0], session_id=row[1], person_id=row[2], role=row[3], attendance=row[4]
            )
            result.append((participant, Person(id=row[2], name=row[5], organisation=row[6],
                                               discipline=row[7])))
        return result

    # --- agenda -------------------------------------------------------------------------

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

    def delete_agenda_item(self, id: str) -> None:
        with self.transaction(), self._sqlite():
            for table in ("entries", "step_times"):
                self.db[table].delete_where("item_id = ?", [id])
            self.conn.execute(  # its notes and captured fields; its actions stay
                "delete from search_docs where key = ? or key like ?",
                [f"agenda_items:{id}", f"entries:{id}/%"])
            hashes = [r[0] for r in self.conn.execute(
                "select method_hash from agenda_items where id = ?", [id])]
            self.db["agenda_items"].delete_where("id = ?", [id])
            # A method copy no item uses any more goes too.
            self.db["method_copies"].delete_where(
                "hash = ? and not exists (select 1 from agenda_items where method_hash = ?)",
                [hashes[0], hashes[0]] if hashes else [None, None],
            )

    def agenda(self, session_id: str) -> list[AgendaItem]:
        return self._select(AgendaItem, "session_id = ?", [session_id], order_by="position")

    # --- cases --------------------------------------------------------------------------

    def case(self, ref: str) -> Case | None:
        """A case by id or slug."""
        found = self._select(Case, "id = ? or slug = ?", [ref, ref])
        return found[0] if found else None

    def cases(self, kind: str | None = None, theme: str | None = None) -> list[Case]:
        where, args = self._where(kind=kind)
        if theme:
            clause = "exists (select 1 from json_each(cases.themes) where value = ?)"
            where = f"{where} and {clause}" if where else clause
            args.append(theme)
        return self._select(Case, where, args, order_by="title collate nocase")

    def count_cases(self) -> int:
        return self._query("select count(*) from cases")[0][0]

    # --- captured content ---------------------------------------------------------------

    def save_entry(self, item_id: str, field_key: str, value: Any,
                   updated_at: dt.datetime | None = None) -> None:
        """Store what was captured for one field of an item (one entry per item and key)."""
        entry = Entry(id=entry_id(item_id, field_key), item_id=item_id, field_key=field_key,
                      value=value, updated_at=updated_at or now())
        row = clean_all(entry.model_dump(mode="json"))
        # A value may be plain text or a number, which sqlite-utils would store as it is:
        # encode every value, so that `entries` decodes them all the same way.
        row["value"] = json.dumps(row["value"], ensure_ascii=False)
        document = self._entry_document(item_id, field_key, entry.value)
        with self.transaction(), self._sqlite():
            self.db["entries"].upsert(row, pk="id")
            self._write_document(document)

    def entries(self, item_id: str) -> dict[str, Any]:
        """Everything captured for an agenda item, by field key."""
        rows = self._query("select field_key, value from entries where item_id = ?", [item_id])
        return {key: json.loads(value) for key, value in rows}

    def actions(
        self, session_id: str | None = None, item_id: str | None = None,
        step_id: str | None = None,
    ) -> list[Action]:
        where, args = self._where(session_id=session_id, item_id=item_id, step_id=step_id)
        return self._select(Action, where, args, order_by="created_at, rowid")

    def earlier_open_actions(self, session: Session) -> list[Action]:
        """Open actions of the group's earlier meetings: the actielijst carries them on."""
        # One query, through the (group, status) index and the sessions' primary key: it
        # costs the same after ten meetings or ten thousand.
        sql = (
            "group_id = ? and status = ? and session_id != ? and exists (select 1 from "
            "sessions s where s.id = actions.session_id and s.date <= ?)"
        )
        args = [session.group_id, ActionStatus.OPEN.value, session.id, session.date.isoformat()]
        return self._select(Action, sql, args, order_by="created_at, rowid")

    def decisions(self, session_id: str, item_id: str | None = None,
                  step_id: str | None = None) -> list[Decision]:
        where, args = self._where(session_id=session_id, item_id=item_id, step_id=step_id)
        return self._select(Decision, where, args, order_by="created_at, rowid")

    def slow_questions(
        self, group_id: str | None = None, open_only: bool = False
    ) -> list[SlowQuestion]:
        where, args = self._where(group_id=group_id)
        if open_only:
            where = f"{where} and status != ?" if where else "status != ?"
            args.append(SlowQuestionStatus.SETTLED.value)
        return self._select(SlowQuestion, where, args, order_by="created_at, rowid")

    def tensions(self, group_id: str) -> list[Tension]:
        return self._select(Tension, "group_id = ?", [group_id])

    def lessons(self, group_id: str | None = None, session_id: str | None = None) -> list[Lesson]:
        where, args = self._where(group_id=group_id, session_id=session_id)
        return self._select(Lesson, where, args, order_by="created_at, rowid")

    def step_times(self, item_id: str) -> dict[str, StepTime]:
        rows = self._select(StepTime, "item_id = ?", [item_id])
        return {row.step_id: row for row in rows}

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

    def _document(self, table: str, row: dict[str, Any]) -> search.Document | None:
        return search.document(table, row) if self._index_each_row else None

    def _entry_document(self, item_id: str, field_key: str,
                        value: Any) -> search.Document | None:
        if not self._index_each_row:
            return None
        with self._sqlite():
            found = self.conn.execute(
                "select session_id, method_hash from agenda_items where id = ?", [item_id]
            ).fetchone()
        session_id, digest = found if found else (None, None)
        return search.entry_document(item_id, field_key, value, session_id,
                                     self._method_copy(digest))

    def _write_document(self, document: search.Document | None) -> None:
        if document is not None:
            search.write(self.conn, [document])

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
        with self._sqlite():
            return search.search(self.conn, text, kinds, group_id, limit)

    def rebuild_search_index(self) -> None:
        with self.transaction(), self._sqlite():
            search.rebuild(self.conn)

    # --- the group's memory: precedents and voornemens ---------------------------------

    def precedents(self, group_id: str | None = None) -> list[Precedent]:
        where, args = self._where(group_id=group_id)
        return self._select(Precedent, where, args, order_by="created_at, rowid")

    def series(self, group_id: str | None = None) -> list[Series]:
        where, args = self._where(group_id=group_id)
        return self._select(Series, where, args, order_by="name collate nocase")

    def evaluations(self, group_id: str | None = None,
                    session_id: str | None = None) -> list[Evaluation]:
        where, args = self._where(group_id=group_id, session_id=session_id)
        return self._select(Evaluation, where, args, order_by="rowid")

    def intentions_to_ask_after(self, group_id: str, session_id: str,
                                on_or_before: dt.date) -> list[tuple[Intention, dt.date]]:
        """The group's voornemens of meetings up to `on_or_before` other than this one,
        not yet asked after (or asked after in this one), each with its meeting's date:
        read in one query, not the group's every voornemen and a meeting for each."""
        sql = ('select i.*, s.date as made_on from intentions i '
               'join sessions s on s.id = i.session_id '
               "where i.group_id = ? and i.session_id != ? and coalesce(i.intention, '') != '' "
               'and (i.followed_up_in is null or i.followed_up_in = ?) and s.date <= ? '
               'order by i.created_at, i.rowid')
        with self._sqlite():
            rows = self._record_rows(sql, [group_id, session_id, session_id,
                                           on_or_before.isoformat()])
        return [(self._load(Intention, row), dt.date.fromisoformat(row["made_on"]))
                for row in rows]

    def intentions(self, session_id: str | None = None, group_id: str | None = None,
                   followed_up_in: str | None = None) -> list[Intention]:
        where, args = self._where(session_id=session_id, group_id=group_id,
                                  followed_up_in=followed_up_in)
        return self._select(Intention, where, args, order_by="created_at, rowid")

    # --- practice runs -------------------------------------------------------------------
    # A practice run is a session of the practice group with one case review. The lists
    # above leave them out; these read them.

    def practice_sessions(self, limit: int | None = None) -> list[Session]:
        """Practice runs, newest first."""
        return self._select(Session, "group_id = ?", [PRACTICE_GROUP_ID],
                            order_by=self._SESSION_ORDER, limit=limit)

    def find_practice_session(self, ref: str) -> Session:
        """A practice run by id, a unique id prefix, or `latest`; StoreError otherwise."""
        if ref == "latest":
            found = self.practice_sessions(limit=1)
            if not found:
                raise StoreError(_("there are no practice runs yet"))
            return found[0]
        matches = self._select(Session, f"group_id = ? and {ID_PREFIX}",
                               [PRACTICE_GROUP_ID, *id_prefix_range(ref)], limit=2)
        exact = [s for s in matches if s.id == ref]
        if exact or (len(matches) == 1 and ref):
            return (exact or matches)[0]
        if not matches or not ref:
            raise StoreError(_("no practice run with id {ref}").format(ref=ref))
        raise StoreError(
            _("{ref} matches more than one practice run; give more of the id").format(ref=ref))

    def reviews_of_case(self, case: Case) -> list[tuple[Session, AgendaItem]]:
        """Finished group meetings (practice runs left out) that reviewed a case, newest
        first, with the agenda item of the review: the archive's precedents. An item
        names its case by id or by slug (as `case` finds it)."""
        rows = self._record_rows(
            "select s.id as session_id, a.id as item_id from agenda_items a "
            "join sessions s on s.id = a.session_id where a.case_id in (?, ?) and s.status = ? "
            f"and s.{NOT_PRACTICE} order by s.date desc, s.created_at desc",
            [case.id, case.slug, SessionStatus.FINISHED.value])
        found = []
        for row in rows:
            session, item = self.session(row["session_id"]), self.agenda_item(row["item_id"])
            if session and item:
                found.append((session, item))
        return found

    # --- reading a meeting's record: one query per table ---------------------------------
    # The minutes read a whole meeting at once: a query per table, never one per agenda
    # item or per earlier meeting. Ids are passed as one JSON array (no variable limit).

    def _record_rows(self, sql: str, args: Iterable[Any]) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, list(args))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def cases_by_ref(self, refs: Iterable[str]) -> dict[str, Case]:
        """The cases with these ids or slugs (as `case` finds them), by the ref given."""
        refs = sorted(set(refs))
        rows = self._record_rows(
            "select * from cases where id in (select value from json_each(?1)) "
            "or slug in (select value from json_each(?1))", [json.dumps(refs)])
        by_ref: dict[str, Case] = {}
        for row in rows:
            row.pop("body", None)
            for column in ("themes", "sections"):
                if isinstance(row.get(column), str):
                    row[column] = json.loads(row[column])
            case = Case.model_validate({k: v for k, v in row.items() if v is not None})
            by_ref[case.id] = by_ref[case.slug] = case
        return {ref: by_ref[ref] for ref in refs if ref in by_ref}

    def entries_of_session(self, session_id: str) -> dict[str, dict[str, Any]]:
        """Everything captured in a meeting: agenda item id -> field key -> value."""
        rows = self.conn.execute(
            "select e.item_id, e.field_key, e.value from entries e "
            "join agenda_items a on a.id = e.item_id where a.session_id = ?", [session_id])
        found: dict[str, dict[str, Any]] = {}
        for item_id, key, value in rows:
            found.setdefault(item_id, {})[key] = json.loads(value)
        return found

    def step_times_of_session(self, session_id: str) -> dict[str, dict[str, StepTime]]:
        """Time per step of every agenda item of a meeting: item id -> step id -> time."""
        rows = self._record_rows(
            "select t.item_id, t.step_id, t.planned_seconds, t.spent_seconds, t.extra_seconds "
            "from step_times t join agenda_items a on a.id = t.item_id where a.session_id = ?",
            [session_id])
        found: dict[str, dict[str, StepTime]] = {}
        for row in rows:
            time = StepTime.model_validate({k: v for k, v in row.items() if v is not None})
            found.setdefault(time.item_id, {})[time.step_id] = time
        return found

    def sessions_by_id(self, ids: Iterable[str]) -> dict[str, Session]:
        """The meetings with these ids, by id."""
        rows = self._record_rows(
            "select * from sessions where id in (select value from json_each(?))",
            [json.dumps(sorted(set(ids)))])
        return {row["id"]: Session.model_validate({k: v for k, v in row.items() if v is not None})
                for row in rows}

    # --- around the review: rosters, action follow-up, minutes' life (issue 10) ----------

    save_group_member = save_action_event = save_minutes_event = save

    def roster(self, group_id: str, on: dt.date | None = None) -> list[tuple[GroupMember, Person]]:
        """The group's members with their people, by name; with `on`, those in it that day."""
        sql = ("select m.id, m.joined_on, m.left_on, pe.id, pe.name, pe.organisation, "
               "pe.discipline from group_members m join people pe on pe.id = m.person_id "
               "where m.group_id = ? order by pe.name collate nocase")
        found = []
        for row in self._query(sql, [group_id]):
            member = GroupMember(id=row[0], group_id=group_id, person_id=row[3],
                                 joined_on=row[1], left_on=row[2])
            if on is not None and ((member.joined_on and member.joined_on > on)
                                   or (member.left_on and member.left_on <= on)):
                continue
            found.append((member, Person(id=row[3], name=row[4], organisation=row[5],
                                         discipline=row[6])))
        return found

    def last_meeting(self, group_id: str, before: Session | None = None) -> Session | None:
        """The group's latest meeting (before `before`, if given, by date and creation)."""
        for session in self.sessions(group_id=group_id):
            if before is None:
                return session
            if session.id != before.id and (session.date, session.created_at) < (
                    before.date, before.created_at):
                return session
        return None

    def action_events(self, action_ids: Iterable[str] | None = None,
                      session_id: str | None = None) -> list[ActionEvent]:
        """The follow-up history of actions, oldest first."""
        if action_ids is not None:
            return self._select(ActionEvent, "action_id in (select value from json_each(?))",
                                [json.dumps(sorted(set(action_ids)))], order_by="at, rowid")
        where, args = self._where(session_id=session_id)
        return self._select(ActionEvent, where, args, order_by="at, rowid")

    def actions_by_id(self, ids: Iterable[str]) -> list[Action]:
        return self._select(Action, "id in (select value from json_each(?))",
                            [json.dumps(sorted(set(ids)))], order_by="created_at, rowid")

    def minutes_events(self, session_id: str) -> list[MinutesEvent]:
        return self._select(MinutesEvent, "session_id = ?", [session_id], order_by="at, rowid")

    def minutes_settled_by(self, session_id: str) -> list[MinutesEvent]:
        """The approvals a meeting gave to earlier minutes."""
        return self._select(MinutesEvent, "by_session_id = ?", [session_id], order_by="at, rowid")

    def delete_planned_session(self, session_id: str) -> None:
        """Remove a meeting that has not started, with its agenda and participants."""
        session = self.session(session_id)
        if session is None or session.status != SessionStatus.PLANNED:
            raise StoreError(_("only a planned meeting can be deleted"))
        with self.transaction(), self._sqlite():
            for item in self.agenda(session_id):
                self.delete_agenda_item(item.id)
            self.db["participants"].delete_where("session_id = ?", [session_id])
            self.db["sessions"].delete_where("id = ?", [session_id])
    # --- privacy: the names a group knows, its watch list, purged meetings ---------------

    def find_group(self, ref: str) -> Group:
        """A group by name (any case), id or unique id prefix; StoreError otherwise."""
        found = self._select(Group, "name = ? collate nocase or id = ?", [ref, ref])
        if not found and ref:
            found = self._select(Group, ID_PREFIX, id_prefix_range(ref), limit=2)
        if len(found) != 1:
            raise StoreError(_("no group called {ref}").format(ref=ref) if not found else
                             _("{ref} matches more than one group").format(ref=ref))
        return found[0]

    def watch_names(self, group_id: str) -> list[str]:
        """The names a group asked to watch for (its clients), alphabetically."""
        return [r[0] for r in self._query(
            "select name from watch_names where group_id = ? order by name collate nocase",
            [group_id])]

    def add_watch_name(self, group_id: str, name: str) -> bool:
        """Add a name to the group's watch list; False if it was there already."""
        name = " ".join(name.split())
        with self.transaction():
            cursor = self.conn.execute(
                "insert or ignore into watch_names (group_id, name, created_at) values (?, ?, ?)",
                [group_id, name, now().isoformat()])
        return cursor.rowcount == 1

    def remove_watch_name(self, group_id: str, name: str) -> bool:
        with self.transaction():
            cursor = self.conn.execute(
                "delete from watch_names where group_id = ? and name = ? collate nocase",
                [group_id, " ".join(name.split())])
        return cursor.rowcount > 0

    def group_people_names(self, group_id: str) -> list[str]:
        """Everyone who took part in any of the group's meetings or is on its roster."""
        return [r[0] for r in self._query(
            "select pe.name from people pe join participants p on p.person_id = pe.id "
            "join sessions s on s.id = p.session_id where s.group_id = ? union "
            "select pe.name from people pe join group_members m on m.person_id = pe.id "
            "where m.group_id = ? order by 1 collate nocase", [group_id, group_id])]

    def known_names(self, group_id: str) -> list[str]:
        """The names the scanner is told about for a group: its people and watch list."""
        return list(dict.fromkeys(self.group_people_names(group_id) + self.watch_names(group_id)))

    def all_known_names(self) -> list[str]:
        """The names of every group: for text that belongs to no group in particular."""
        people = [r[0] for r in self._query("select name from people")]
        watched = [r[0] for r in self._query("select name from watch_names")]
        return list(dict.fromkeys(people + watched))

    def purged_session_ids(self) -> set[str]:
        return {r[0] for r in self._query("select session_id from purged_sessions")}

    # --- bundles, publish, backup (issue 14) ---

    def rows_by_id(self, model: type[M], ids: Iterable[str]) -> list[M]:
        """The stored rows of a model with these ids (any number of them)."""
        return self._select(model, "id in (select value from json_each(?))",
                            [json.dumps(sorted(set(ids)))], order_by="rowid")

    def rows_by_prefix(self, model: type[M], ref: str, limit: int = 2) -> list[M]:
        """Rows of a model whose id is `ref` or starts with it (at most `limit`)."""
        if not ref:
            return []
        exact = self._select(model, "id = ?", [ref])
        return exact or self._select(model, ID_PREFIX, id_prefix_range(ref), limit=limit)

    def tables_of_ids(self, ids: Iterable[str]) -> dict[str, str]:
        """Which table holds each of these ids, for every table keyed by id."""
        found: dict[str, str] = {}
        args = [json.dumps(sorted(set(ids)))]
        for table in {t.name for t in TABLES.values() if t.pk == "id"}:
            for (id_,) in self._query(
                    f'select id from "{table}" where id in (select value from json_each(?))', args):
                found[id_] = table
        return found

    def forget_edit_times(self) -> None:
        """Every record as created, never edited: for a generated history (the demo),
        whose rows must not depend on the wall-clock time it was written at."""
        with self.transaction(), self._sqlite():
            for table in EDITED_TABLES:
                self.conn.execute(f'drop trigger "{table}_unchanged"')  # it would keep them
                self.conn.execute(f'update "{table}" set updated_at = null')
                create_edit_triggers(self.db, table)
    # --- following a running meeting (livinglab follow) ---------------------------------

    def save_heartbeat(self, beat: Heartbeat) -> Heartbeat:
        return self.save(beat)

    def heartbeat(self, session_id: str) -> Heartbeat | None:
        found = self._select(Heartbeat, "session_id = ?", [session_id])
        return found[0] if found else None

    def data_version(self) -> int:
        """A number that changes whenever another connection commits: cheap to poll."""
        return self._query("PRAGMA data_version")[0][0]

    # --- before a command writes (livinglab's CLI) ------------------------------------------

    def explain(self, error: sqlite3.Error) -> StoreError:
        """The StoreError a person reads for an SQLite failure met outside the store."""
        return self._error(error)

    def check_integrity(self) -> None:
        """StoreDamaged when SQLite's integrity check finds damage (a page, an index, a
        table that does not match its index), so nothing is written into a damaged file.
        It reads every page once: 0.2 s on 2,000 meetings."""
        with self._sqlite():
            found = self.conn.execute("PRAGMA integrity_check(1)").fetchone()
        if found != ("ok",):
            corrupt = sqlite3.DatabaseError(found[0] if found else "damaged")
            corrupt.sqlite_errorcode = sqlite3.SQLITE_CORRUPT  # said as every damaged page is
            raise self._error(corrupt)

    # --- what was typed in a dialog, not yet answered (drafts.py) -------------------------

    def save_draft(self, draft: Draft) -> Draft:
        return self.save(draft)

    def draft(self, key: str) -> Draft | None:
        found = self._select(Draft, "key = ?", [key])
        return found[0] if found else None

    def drop_draft(self, key: str) -> None:
        with self.transaction(), self._sqlite():
            self.conn.execute("delete from drafts where key = ?", [key])
