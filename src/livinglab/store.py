"""The one place that talks to SQLite, through sqlite-utils.

One file holds everything a group keeps. WAL mode and a busy timeout let two processes
(the shared screen and a secretary's laptop) use the same file. The schema is created
from code and versioned with `PRAGMA user_version`; `PRAGMA application_id` marks the
file as ours, so a foreign SQLite file is refused instead of altered.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils
from pydantic import BaseModel

from .i18n import _
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Case,
    Decision,
    Group,
    Lesson,
    Participant,
    Person,
    Session,
    SessionStatus,
    SlowQuestion,
    SlowQuestionStatus,
    StepTime,
    Tension,
    new_id,
    now,
)

APPLICATION_ID = 0x4C4C4142  # "LLAB"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

M = TypeVar("M", bound=BaseModel)


class StoreError(Exception):
    """A problem with the database file, worded for the user."""


def default_db_path() -> Path:
    """`LIVINGLAB_DB`, else `livinglab.db` in the user data dir (platformdirs)."""
    if env := os.environ.get("LIVINGLAB_DB"):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("livinglab", appauthor=False) / "livinglab.db"


# --- schema -------------------------------------------------------------------------


def _migrate_1(db: sqlite_utils.Database) -> None:
    db["groups"].create({"id": str, "name": str, "kind": str, "municipality": str}, pk="id")
    db["people"].create({"id": str, "name": str, "organisation": str}, pk="id")
    db["sessions"].create(
        {
            "id": str, "title": str, "group_id": str, "date": str, "start_time": str,
            "end_time": str, "location": str, "status": str, "current_item_id": str,
            "created_at": str,
        },
        pk="id", foreign_keys=[("group_id", "groups", "id")],
    )
    db["sessions"].create_index(["status", "date"])
    db["sessions"].create_index(["group_id", "date"])
    db["participants"].create(
        {"id": str, "session_id": str, "person_id": str, "role": str, "attendance": str},
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("person_id", "people", "id")],
    )
    db["participants"].create_index(["session_id"])
    db["cases"].create(
        {
            "id": str, "slug": str, "title": str, "kind": str, "themes": str, "team": str,
            "municipality": str, "language": str, "suggested_method": str, "source": str,
            "sections": str, "facilitator_notes": str, "body": str,
        },
        pk="id",
    )
    db["cases"].create_index(["slug"], unique=True)
    db["agenda_items"].create(
        {
            "id": str, "session_id": str, "position": int, "title": str, "kind": str,
            "notes": str, "case_id": str, "method_id": str, "method_snapshot": str,
            "current_step": int, "done": int,
        },
        pk="id", foreign_keys=[("session_id", "sessions", "id")],
    )
    db["agenda_items"].create_index(["session_id", "position"])
    db["entries"].create(
        {"id": str, "item_id": str, "field_key": str, "value": str, "updated_at": str},
        pk="id", foreign_keys=[("item_id", "agenda_items", "id")],
    )
    db["entries"].create_index(["item_id", "field_key"], unique=True)
    db["actions"].create(
        {
            "id": str, "group_id": str, "session_id": str, "item_id": str, "step_id": str,
            "what": str, "owner": str, "due": str, "status": str, "created_at": str,
        },
        pk="id",
    )
    db["actions"].create_index(["group_id", "status"])
    db["actions"].create_index(["session_id"])
    db["decisions"].create(
        {"id": str, "session_id": str, "item_id": str, "step_id": str, "text": str,
         "created_at": str},
        pk="id",
    )
    db["decisions"].create_index(["session_id"])
    db["slow_questions"].create(
        {"id": str, "group_id": str, "question": str, "status": str, "themes": str,
         "case_id": str, "session_id": str, "created_at": str},
        pk="id",
    )
    db["tensions"].create(
        {"id": str, "group_id": str, "pole_a": str, "pole_b": str, "session_id": str,
         "case_id": str},
        pk="id",
    )
    db["lessons"].create(
        {"id": str, "group_id": str, "session_id": str, "text": str, "themes": str,
         "share": int, "created_at": str},
        pk="id",
    )
    db["step_times"].create(
        {"item_id": str, "step_id": str, "planned_seconds": int, "spent_seconds": int,
         "extra_seconds": int},
        pk=("item_id", "step_id"),
    )
    # Full-text search over what a group wants to find again after people have left.
    db["cases"].enable_fts(["title", "body"], create_triggers=True)
    db["lessons"].enable_fts(["text"], create_triggers=True)
    db["slow_questions"].enable_fts(["question"], create_triggers=True)


# Forward migrations: MIGRATIONS[n] takes a file from user_version n to n + 1.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migrate_1]
SCHEMA_VERSION = len(MIGRATIONS)

# Columns stored as JSON text, per table.
JSON_COLUMNS = {
    "cases": {"themes", "sections"},
    "agenda_items": {"method_snapshot"},
    "entries": {"value"},
    "slow_questions": {"themes"},
    "lessons": {"themes"},
}


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


class Store:
    """A livinglab database file, opened and migrated."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        try:
            self._open()
        except sqlite3.Error as e:
            raise StoreError(self._explain(e)) from None

    def _explain(self, error: sqlite3.Error) -> str:
        text = str(error)
        if "not a database" in text or "malformed" in text:
            return _("{path} is not a livinglab database").format(path=self.path)
        if "readonly" in text or "read-only" in text:
            return _("cannot write {path}: the file is read-only").format(path=self.path)
        if "locked" in text or "busy" in text:
            return _("{path} is locked by another program; try again").format(path=self.path)
        return _("cannot open {path}: {reason}").format(path=self.path, reason=text)

    def _open(self) -> None:
        if not _check_existing_file(self.path):
            _create_file(self.path)
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
            check_same_thread=False,
        )
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
            conn.close()
            raise StoreError(_("{path} is not a livinglab database").format(path=self.path))
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                _(
                    "{path} was made by a newer livinglab (schema {found}, this version "
                    "knows {known}); update livinglab to open it"
                ).format(path=self.path, found=version, known=SCHEMA_VERSION)
            )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
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
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:  # nested: the outer one commits
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- generic row <-> model ---------------------------------------------------------

    def _put(self, table: str, model: BaseModel, pk: str | tuple[str, ...] = "id") -> None:
        row = model.model_dump(mode="json")
        if isinstance(model, Case):
            row["body"] = model.body_text
        for column in JSON_COLUMNS.get(table, ()):
            row[column] = json.dumps(row[column], ensure_ascii=False)
        self.db[table].upsert(row, pk=pk)

    def _load(self, model: type[M], table: str, row: dict[str, Any]) -> M:
        row = dict(row)
        for column in JSON_COLUMNS.get(table, ()):
            if row.get(column) is not None:
                row[column] = json.loads(row[column])
        row.pop("body", None)
        return model.model_validate({k: v for k, v in row.items() if v is not None})

    def _select(
        self, model: type[M], table: str, where: str | None = None,
        args: Iterable[Any] = (), order_by: str | None = None,
        limit: int | None = None, offset: int | None = None,
    ) -> list[M]:
        rows = self.db[table].rows_where(
            where, list(args), order_by=order_by, limit=limit, offset=offset
        )
        return [self._load(model, table, row) for row in rows]

    def _one(self, model: type[M], table: str, id: str) -> M | None:
        found = self._select(model, table, "id = ?", [id])
        return found[0] if found else None

    # --- groups and people --------------------------------------------------------------

    def save_group(self, group: Group) -> Group:
        self._put("groups", group)
        return group

    def groups(self) -> list[Group]:
        return self._select(Group, "groups", order_by="name collate nocase")

    def group(self, id: str) -> Group | None:
        return self._one(Group, "groups", id)

    def save_person(self, person: Person) -> Person:
        self._put("people", person)
        return person

    def people(self) -> list[Person]:
        return self._select(Person, "people", order_by="name collate nocase")

    def person(self, id: str) -> Person | None:
        return self._one(Person, "people", id)

    # --- sessions -----------------------------------------------------------------------

    def save_session(self, session: Session) -> Session:
        self._put("sessions", session)
        return session

    def session(self, id: str) -> Session | None:
        return self._one(Session, "sessions", id)

    _SESSION_ORDER = "date desc, coalesce(start_time, '') desc, created_at desc"

    def sessions(
        self, status: SessionStatus | None = None, limit: int | None = None,
        offset: int | None = None, group_id: str | None = None,
    ) -> list[Session]:
        clauses, args = [], []
        if status:
            clauses.append("status = ?")
            args.append(status.value)
        if group_id:
            clauses.append("group_id = ?")
            args.append(group_id)
        return self._select(
            Session, "sessions", " and ".join(clauses) or None, args,
            order_by=self._SESSION_ORDER, limit=limit, offset=offset,
        )

    def count_sessions(self, status: SessionStatus | None = None) -> int:
        if status is None:
            return self.db["sessions"].count
        sql = "select count(*) from sessions where status = ?"
        return self.conn.execute(sql, [status.value]).fetchone()[0]

    def find_session(self, ref: str) -> Session:
        """A session by id, a unique id prefix, or `latest`; StoreError otherwise."""
        if ref == "latest":
            found = self.sessions(limit=1)
            if not found:
                raise StoreError(_("there are no meetings yet"))
            return found[0]
        if exact := self.session(ref):
            return exact
        matches = self._select(Session, "sessions", "id like ?", [ref + "%"], limit=2)
        if len(matches) == 1 and ref:
            return matches[0]
        if not matches or not ref:
            raise StoreError(_("no meeting with id {ref}").format(ref=ref))
        raise StoreError(_("{ref} matches more than one meeting; give more of the id").format(ref=ref))

    def save_participant(self, participant: Participant) -> Participant:
        self._put("participants", participant)
        return participant

    def delete_participant(self, id: str) -> None:
        self.db["participants"].delete_where("id = ?", [id])

    def participants(self, session_id: str) -> list[tuple[Participant, Person]]:
        """The session's participants with their people, in the order they were added."""
        sql = (
            "select p.id, p.session_id, p.person_id, p.role, p.attendance, "
            "pe.name, pe.organisation from participants p join people pe on pe.id = p.person_id "
            "where p.session_id = ? order by p.rowid"
        )
        result = []
        for row in self.conn.execute(sql, [session_id]):
            participant = Participant(
                id=row[0], session_id=row[1], person_id=row[2], role=row[3], attendance=row[4]
            )
            result.append((participant, Person(id=row[2], name=row[5], organisation=row[6])))
        return result

    # --- agenda -------------------------------------------------------------------------

    def save_agenda_item(self, item: AgendaItem) -> AgendaItem:
        self._put("agenda_items", item)
        return item

    def delete_agenda_item(self, id: str) -> None:
        with self.transaction():
            for table in ("entries", "step_times"):
                self.db[table].delete_where("item_id = ?", [id])
            self.db["agenda_items"].delete_where("id = ?", [id])

    def agenda(self, session_id: str) -> list[AgendaItem]:
        return self._select(
            AgendaItem, "agenda_items", "session_id = ?", [session_id], order_by="position"
        )

    def agenda_item(self, id: str) -> AgendaItem | None:
        return self._one(AgendaItem, "agenda_items", id)

    # --- cases --------------------------------------------------------------------------

    def save_case(self, case: Case) -> Case:
        self._put("cases", case)
        return case

    def case(self, ref: str) -> Case | None:
        """A case by id or slug."""
        found = self._select(Case, "cases", "id = ? or slug = ?", [ref, ref])
        return found[0] if found else None

    def cases(self, kind: str | None = None, theme: str | None = None) -> list[Case]:
        clauses, args = [], []
        if kind:
            clauses.append("kind = ?")
            args.append(kind)
        if theme:
            clauses.append("exists (select 1 from json_each(cases.themes) where value = ?)")
            args.append(theme)
        return self._select(
            Case, "cases", " and ".join(clauses) or None, args, order_by="title collate nocase"
        )

    def count_cases(self) -> int:
        return self.db["cases"].count

    # --- captured content ---------------------------------------------------------------

    def save_entry(self, item_id: str, field_key: str, value: Any) -> None:
        self.conn.execute(
            "insert into entries (id, item_id, field_key, value, updated_at) "
            "values (?, ?, ?, ?, ?) on conflict (item_id, field_key) "
            "do update set value = excluded.value, updated_at = excluded.updated_at",
            [new_id(), item_id, field_key, json.dumps(value, ensure_ascii=False),
             now().isoformat()],
        )

    def entries(self, item_id: str) -> dict[str, Any]:
        """Everything captured for an agenda item, by field key."""
        rows = self.conn.execute(
            "select field_key, value from entries where item_id = ?", [item_id]
        )
        return {key: json.loads(value) for key, value in rows}

    def save_action(self, action: Action) -> Action:
        self._put("actions", action)
        return action

    def action(self, id: str) -> Action | None:
        return self._one(Action, "actions", id)

    def delete_action(self, id: str) -> None:
        self.db["actions"].delete_where("id = ?", [id])

    def actions(
        self, session_id: str | None = None, item_id: str | None = None,
        step_id: str | None = None,
    ) -> list[Action]:
        clauses, args = [], []
        for column, value in (("session_id", session_id), ("item_id", item_id),
                              ("step_id", step_id)):
            if value:
                clauses.append(f"{column} = ?")
                args.append(value)
        return self._select(
            Action, "actions", " and ".join(clauses) or None, args, order_by="created_at, rowid"
        )

    def earlier_open_actions(self, session: Session) -> list[Action]:
        """Open actions of the group's earlier meetings: the actielijst carries them on."""
        sql = (
            "group_id = ? and status = ? and session_id != ? and session_id in "
            "(select id from sessions where date <= ?)"
        )
        args = [session.group_id, ActionStatus.OPEN.value, session.id, session.date.isoformat()]
        return self._select(Action, "actions", sql, args, order_by="created_at, rowid")

    def save_decision(self, decision: Decision) -> Decision:
        self._put("decisions", decision)
        return decision

    def delete_decision(self, id: str) -> None:
        self.db["decisions"].delete_where("id = ?", [id])

    def decisions(self, session_id: str, item_id: str | None = None,
                  step_id: str | None = None) -> list[Decision]:
        clauses, args = ["session_id = ?"], [session_id]
        for column, value in (("item_id", item_id), ("step_id", step_id)):
            if value:
                clauses.append(f"{column} = ?")
                args.append(value)
        return self._select(
            Decision, "decisions", " and ".join(clauses), args, order_by="created_at, rowid"
        )

    def save_slow_question(self, question: SlowQuestion) -> SlowQuestion:
        self._put("slow_questions", question)
        return question

    def slow_questions(
        self, group_id: str | None = None, open_only: bool = False
    ) -> list[SlowQuestion]:
        clauses, args = [], []
        if group_id:
            clauses.append("group_id = ?")
            args.append(group_id)
        if open_only:
            clauses.append("status != ?")
            args.append(SlowQuestionStatus.SETTLED.value)
        return self._select(
            SlowQuestion, "slow_questions", " and ".join(clauses) or None, args,
            order_by="created_at, rowid",
        )

    def save_tension(self, tension: Tension) -> Tension:
        self._put("tensions", tension)
        return tension

    def tensions(self, group_id: str) -> list[Tension]:
        return self._select(Tension, "tensions", "group_id = ?", [group_id])

    def save_lesson(self, lesson: Lesson) -> Lesson:
        self._put("lessons", lesson)
        return lesson

    def delete_lesson(self, id: str) -> None:
        self.db["lessons"].delete_where("id = ?", [id])

    def lessons(self, group_id: str | None = None, session_id: str | None = None) -> list[Lesson]:
        clauses, args = [], []
        for column, value in (("group_id", group_id), ("session_id", session_id)):
            if value:
                clauses.append(f"{column} = ?")
                args.append(value)
        return self._select(
            Lesson, "lessons", " and ".join(clauses) or None, args, order_by="created_at, rowid"
        )

    def save_step_time(self, step_time: StepTime) -> StepTime:
        self._put("step_times", step_time, pk=("item_id", "step_id"))
        return step_time

    def step_times(self, item_id: str) -> dict[str, StepTime]:
        rows = self._select(StepTime, "step_times", "item_id = ?", [item_id])
        return {row.step_id: row for row in rows}

    # --- search -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[tuple[str, str, str]]:
        """Cases, lessons and slow questions that match `query`: (kind, id, text)."""
        words = [w.replace('"', "") for w in query.split() if w.replace('"', "")]
        if not words:
            return []
        fts_query = " ".join(f'"{w}"*' for w in words)
        found: list[tuple[str, str, str]] = []
        for table, text_column in (("cases", "title"), ("lessons", "text"),
                                   ("slow_questions", "question")):
            sql = (
                f"select {table}.id, {table}.{text_column} from {table} join {table}_fts "
                f"on {table}_fts.rowid = {table}.rowid where {table}_fts match ? "
                f"order by {table}_fts.rank limit ?"
            )
            found += [(table, id, text) for id, text in self.conn.execute(sql, [fts_query, limit])]
        return found[:limit]

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
