"""The schema, created from code: forward migrations (`MIGRATIONS[n]` takes a file from
`user_version` n to n + 1) and where each model is stored (`TABLES`). A migration never
changes once released: a file made by any earlier version is brought forward step by step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import written
from .keys import canonical_json, entry_id, method_hash

# Opening a file reads SCHEMA_VERSION here, nothing more: what the migrations use
# (sqlite-utils, the search index) and the models TABLES names (pydantic) are imported
# when first needed, so a command that only lists imports none of them.
if TYPE_CHECKING:
    import sqlite_utils
    from pydantic import BaseModel


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


def _migrate_2(db: sqlite_utils.Database) -> None:
    """Each review kept its own ~11.5 KB copy of the method; keep one copy per content."""
    db["method_copies"].create({"hash": str, "method": str}, pk="hash")
    rows = db.execute(
        "select id, method_snapshot from agenda_items where method_snapshot is not null"
    ).fetchall()
    for item_id, text in rows:
        snapshot = json.loads(text)  # schema 1 stored "no method" as the text "null"
        key = None if snapshot is None else method_hash(snapshot)
        if key:
            db["method_copies"].insert({"hash": key, "method": canonical_json(snapshot)},
                                       ignore=True)
        db.execute("update agenda_items set method_snapshot = ? where id = ?", [key, item_id])
    db.execute("alter table agenda_items rename column method_snapshot to method_hash")
    db["agenda_items"].create_index(["method_hash"])
    # Agenda items are read through this view: the same rows, with the method copy.
    db.create_view(
        "agenda_item_rows",
        "select agenda_items.*, method_copies.method as method_snapshot from agenda_items "
        "left join method_copies on method_copies.hash = agenda_items.method_hash",
    )
    # Entry ids become deterministic (see entry_id), so an entry is saved by its id.
    for old_id, item_id, field_key in db.execute(
        "select id, item_id, field_key from entries"
    ).fetchall():
        db.execute("update entries set id = ? where id = ?", [entry_id(item_id, field_key), old_id])


def _migrate_chair(db: sqlite_utils.Database) -> None:
    """What a chair and a secretary need around the review: a person's discipline, the
    group's roster, the meeting's true start and end, minutes from concept to vastgesteld
    (with their history), and each action's follow-up history."""
    columns = lambda table: {c.name for c in db[table].columns}  # noqa: E731
    if "discipline" not in columns("people"):
        db["people"].add_column("discipline", str)
    for column, kind in (("started_at", str), ("ended_at", str), ("minutes_status", str),
                         ("minutes_settled_on", str)):
        if column not in columns("sessions"):
            db["sessions"].add_column(column, kind)
    # Meetings finished before this version were never approved: their minutes are concepts.
    db.execute("update sessions set minutes_status = 'concept' where minutes_status is null")
    db["group_members"].create(
        {"id": str, "group_id": str, "person_id": str, "joined_on": str, "left_on": str},
        pk="id", if_not_exists=True)
    db["group_members"].create_index(["group_id"], if_not_exists=True)
    db["action_events"].create(
        {"id": str, "action_id": str, "session_id": str, "outcome": str, "due": str,
         "owner": str, "reason": str, "at": str}, pk="id", if_not_exists=True)
    db["action_events"].create_index(["action_id"], if_not_exists=True)
    db["action_events"].create_index(["session_id"], if_not_exists=True)
    db["minutes_events"].create(
        {"id": str, "session_id": str, "change": str, "note": str, "by_session_id": str,
         "at": str}, pk="id", if_not_exists=True)
    db["minutes_events"].create_index(["session_id"], if_not_exists=True)


def _migrate_privacy(db: sqlite_utils.Database) -> None:
    """Names a group watches for (its clients), and tombstones of purged meetings."""
    db.execute(
        "create table if not exists watch_names (group_id text not null, name text not null, "
        "created_at text, primary key (group_id, name collate nocase))")
    # A purged meeting leaves its id, so an imported bundle cannot bring it back.
    db.execute(
        "create table if not exists purged_sessions (session_id text primary key, "
        "group_id text, date text, purged_at text)")


def _migrate_heartbeats(db: sqlite_utils.Database) -> None:
    """A running meeting's sign of life and where its step's timer stands, one row per
    meeting, so `livinglab follow` can tell when the chair's app stopped."""
    if "heartbeats" not in db.table_names():
        db["heartbeats"].create(
            {"session_id": str, "beat_at": str, "item_id": str, "step_id": str,
             "timer_started_at": str, "timer_spent_seconds": float,
             "timer_allowed_seconds": int},
            pk="session_id",
        )


def _migrate_slow_questions(db: sqlite_utils.Database) -> None:
    """Slow questions live on: 'naar de regio' becomes a flag beside the status (the
    question was being explored), and each question gets the history of the reviews that
    worked on it, read from what those reviews captured."""
    table = db["slow_questions"]
    if "to_region" not in table.columns_dict:
        table.add_column("to_region", int, not_null_default=0)
    if "history" not in table.columns_dict:
        table.add_column("history", str, not_null_default="[]")
    db.execute("update slow_questions set to_region = 1, status = 'in-verkenning' "
               "where status = 'naar-de-regio'")
    for question_id, group_id, case_id in db.execute(
            "select id, group_id, case_id from slow_questions where case_id is not null "
            "and history = '[]'").fetchall():
        history = []
        for item_id, session_id, date in db.execute(
                "select a.id, s.id, s.date from agenda_items a join sessions s "
                "on s.id = a.session_id where s.group_id = ? and a.case_id = ? "
                "order by s.date, a.position", [group_id, case_id]).fetchall():
            captured = {key: json.loads(value) for key, value in db.execute(
                "select field_key, value from entries where item_id = ? and field_key in "
                "('question', 'insights', 'still_open')", [item_id])}
            lines = lambda v: [str(x) for x in v] if isinstance(v, list) else []  # noqa: E731
            history.append({
                "session_id": session_id, "item_id": item_id, "date": date,
                "wording": captured.get("question") if isinstance(
                    captured.get("question"), str) else "",
                "added": lines(captured.get("insights")),
                "left_open": lines(captured.get("still_open"))})
        db.execute("update slow_questions set history = ? where id = ?",
                   [json.dumps(history, ensure_ascii=False), question_id])


def _migrate_precedents_and_intentions(db: sqlite_utils.Database) -> None:
    """Moral precedents of dilemma reviews, and each person's voornemens with their
    follow-up at a later meeting."""
    db["precedents"].create(
        {"id": str, "group_id": str, "session_id": str, "item_id": str, "case_id": str,
         "title": str, "dilemma": str, "values": str, "choices": str, "choice": str,
         "why": str, "themes": str, "created_at": str},
        pk="id", if_not_exists=True)
    db["precedents"].create_index(["group_id"], if_not_exists=True)
    db["intentions"].create(
        {"id": str, "group_id": str, "session_id": str, "person_id": str, "learned": str,
         "intention": str, "followed_up_in": str, "done": int, "answer": str,
         "created_at": str},
        pk="id", if_not_exists=True)
    db["intentions"].create_index(["group_id", "session_id"], if_not_exists=True)


def _migrate_series(db: sqlite_utils.Database) -> None:
    """Series of meetings (gesprekscycli): a programme per group, its meetings as JSON."""
    db["series"].create(
        {"id": str, "name": str, "group_id": str, "description": str, "start_time": str,
         "location": str, "evaluate_every": int, "people": str, "meetings": str,
         "created_at": str},
        pk="id", if_not_exists=True)
    db["series"].create_index(["group_id"], if_not_exists=True)


def _migrate_evaluations(db: sqlite_utils.Database) -> None:
    """Evaluations over time: anonymous answers per meeting (no person, no moment)."""
    db["evaluations"].create(
        {"id": str, "group_id": str, "session_id": str, "answers": str, "open_answer": str},
        pk="id", if_not_exists=True)
    db["evaluations"].create_index(["group_id"], if_not_exists=True)


def _migrate_search(db: sqlite_utils.Database) -> None:
    """One search over everything said: one documents table with a word index and a
    trigram index, in place of the three indexes over cases, lessons and slow questions."""
    from . import search

    for table in ("cases", "lessons", "slow_questions"):
        if db[table].detect_fts():
            db[table].disable_fts()
    search.schema(db.conn)
    search.rebuild(db.conn)


# --- bundles, publish, backup (issue 14) ---
# The records a bundle carries; each keeps the time of its last edit, so that a merge of
# two databases keeps the newer version of a record changed on both sides.
EDITED_TABLES = ("groups", "sessions", "cases", "actions", "decisions", "slow_questions",
                 "tensions", "lessons", "precedents")
# Columns whose change is no edit: a record's identity, its creation (the demo dates its
# rows afterwards), its last edit, and where a running meeting stands.
NOT_AN_EDIT = frozenset({"id", "created_at", "updated_at", "current_item_id"})
EDIT_TIME_SQL = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"  # as pydantic writes a Moment


def _migrate_edit_times(db: sqlite_utils.Database) -> None:
    """A last-edit time on every record a bundle carries, kept by a trigger: any save that
    changes a record's content stamps it, whoever saves it, unless the writer gives a newer
    time itself (an import keeps the time of the version it takes). A "te delen" flag on
    decisions, tensions and precedents (lessons have one; a slow question's is to_region)."""
    for table in ("decisions", "tensions", "precedents"):
        if "share" not in db[table].columns_dict:
            db[table].add_column("share", int, not_null_default=0)
    for table in EDITED_TABLES:
        if "updated_at" not in db[table].columns_dict:
            db[table].add_column("updated_at", str)  # null: not edited since created
        create_edit_triggers(db, table)


def create_edit_triggers(db: sqlite_utils.Database, table: str) -> None:
    """The two triggers that keep a table's updated_at. sqlite-utils turns recursive
    triggers on: each trigger's own update leaves its condition false."""
    changed = " or ".join(f'new."{column}" is not old."{column}"'
                          for column in db[table].columns_dict if column not in NOT_AN_EDIT)
    db.execute(
        f'create trigger if not exists "{table}_edited" after update on "{table}" '
        "when (new.updated_at is null or new.updated_at <= old.updated_at) "
        f"and ({changed}) begin "
        f'update "{table}" set updated_at = {EDIT_TIME_SQL} where rowid = new.rowid; end')
    # A save of an older copy without a change keeps the time of the last edit.
    db.execute(
        f'create trigger if not exists "{table}_unchanged" after update on "{table}" '
        "when (new.updated_at is null and old.updated_at is not null "
        f"or new.updated_at < old.updated_at) and not ({changed}) begin "
        f'update "{table}" set updated_at = old.updated_at where rowid = new.rowid; end')


def _migrate_history_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for what a meeting's minutes read by meeting or group, so reading them
    does not scan a table that grows with every meeting (issue 15)."""
    db["minutes_events"].create_index(["by_session_id"], if_not_exists=True)
    db["lessons"].create_index(["session_id"], if_not_exists=True)
    db["slow_questions"].create_index(["group_id"], if_not_exists=True)


def _migrate_intention_indexes(db: sqlite_utils.Database) -> None:
    """A meeting's voornemens, and those asked after in it, read by meeting: the index
    by group could not serve that, so each read scanned every voornemen of every group
    (writing the 10,000-meeting demo spent most of its time there)."""
    db["intentions"].create_index(["session_id"], if_not_exists=True)
    db["intentions"].create_index(["followed_up_in"], if_not_exists=True)


def _migrate_drafts(db: sqlite_utils.Database) -> None:
    """What was typed in a dialog and not yet answered (issue 30), one row per dialog,
    so it survives a closed terminal as field text does."""
    db["drafts"].create({"key": str, "session_id": str, "dialog_values": str, "saved_at": str},
                        pk="key", if_not_exists=True)
    db["drafts"].create_index(["session_id"], if_not_exists=True)


def _migrate_window_writer(db: sqlite_utils.Database) -> None:
    """The window that writes a running meeting (issue 30): a second window that opens it
    sees the first one's beat and asks before it writes too."""
    if "writer" not in db["heartbeats"].columns_dict:
        db["heartbeats"].add_column("writer", str, not_null_default="")


def _migrate_entry_ids(db: sqlite_utils.Database) -> None:
    """Every entry gets the id of its place (`entry_id`). `livinglab demo` gave its entries
    other ids (until issue 24): a save of such a field, as an erase or a correction of the
    minutes makes, added a second row for the same item and field and failed."""
    wrong = [(rowid, entry_id(item_id, field_key)) for rowid, old_id, item_id, field_key
             in db.execute("select rowid, id, item_id, field_key from entries").fetchall()
             if old_id != entry_id(item_id, field_key)]
    # First to an id no entry has, so that no row takes an id another still holds.
    db.conn.executemany("update entries set id = 'moving:' || rowid where rowid = ?",
                        [(rowid,) for rowid, _new_id in wrong])
    db.conn.executemany("update entries set id = ? where rowid = ?",
                        [(new_id, rowid) for rowid, new_id in wrong])


def _migrate_written_files(db: sqlite_utils.Database) -> None:
    """The files this program wrote (issue 24): path, kind and time, never content, so an
    erase can name the exports, bundles and backups that may still hold the person. The
    same statement as the recorder's, which may have made the table in a restored file."""
    db.execute(written.TABLE_SQL)


def _migrate_room(db: sqlite_utils.Database) -> None:
    """The room (issue 26): participants on their own devices. A room holds its token's
    hash (never the token), its devices (a cookie's hash, the name claimed), what each
    wrote before the chair reveals it, and anonymous ratings (no device, no moment).
    Written with `if_not_exists`, so it does not depend on its place in MIGRATIONS."""
    db["room_rooms"].create(
        {"id": str, "session_id": str, "token_hash": str, "case_shown": int,
         "opened_at": str, "closed_at": str}, pk="id", if_not_exists=True)
    db["room_rooms"].create_index(["token_hash"], if_not_exists=True)
    db["room_rooms"].create_index(["session_id"], if_not_exists=True)
    db["room_devices"].create(
        {"id": str, "room_id": str, "cookie_hash": str, "csrf": str, "participant_id": str,
         "evaluated": int, "created_at": str}, pk="id", if_not_exists=True)
    db["room_devices"].create_index(["cookie_hash"], unique=True, if_not_exists=True)
    db.execute("create unique index if not exists room_devices_one_per_name "
               "on room_devices (room_id, participant_id) where participant_id is not null")
    db["room_entries"].create(
        {"item_id": str, "field_key": str, "participant_id": str, "value": str,
         "written_at": str, "revealed_at": str},
        pk=("item_id", "field_key", "participant_id"), if_not_exists=True)
    db["room_ratings"].create({"id": str, "item_id": str, "score": int}, pk="id",
                              if_not_exists=True)
    db["room_ratings"].create_index(["item_id"], if_not_exists=True)


def _migrate_scale(db: sqlite_utils.Database) -> None:
    """A region's decade on one laptop (issue 27): compounds are found through the
    vocabulary of the word index, not a trigram index of every document (a third of the
    file); the index ranks by its own `rank` (bm25, the label weighing half); indexes
    for what the follow view and the minutes read by agenda item, and for the meeting
    lists ordered by date. Each step holds whatever this migration's number."""
    from . import search

    # The trigram index over every document gives way to one over the vocabulary.
    for trigger in ("ai", "ad", "au"):
        db.execute(f"drop trigger if exists search_trigrams_{trigger}")
    db.execute("drop table if exists search_trigrams")
    search.schema(db.conn)
    search.fill_terms(db.conn)
    search.set_rank(db.conn)
    db["actions"].create_index(["item_id"], if_not_exists=True)
    db["decisions"].create_index(["item_id"], if_not_exists=True)
    db["sessions"].create_index(["date"], if_not_exists=True)
    db["lessons"].create_index(["group_id"], if_not_exists=True)
    db["tensions"].create_index(["group_id"], if_not_exists=True)


def _migrate_precedent_index(db: sqlite_utils.Database) -> None:
    """The knowledge screen reads precedents newest first through their meetings (issue
    27): by meeting, not a scan of every precedent per meeting; and actions in the list's
    order (status, due date, what) through an index, not sorted whole."""
    db["precedents"].create_index(["session_id"], if_not_exists=True)
    db["actions"].create_index(["status", "due", "what"], if_not_exists=True)


def _migrate_region_places(db: sqlite_utils.Database) -> None:
    """The places a group counts as its region's own (issue 24): shareable text may name
    them in policy talk; see meeting/region.py."""
    db.execute(
        "create table if not exists region_places (group_id text not null, name text not null, "
        "created_at text, primary key (group_id, name collate nocase))")


def _migrate_slim_search(db: sqlite_utils.Database) -> None:
    """The search documents hold only what search needs (issue 27): no `key` (a row's own
    id is its document's key), ids in 16 bytes, the group only where no meeting gives it,
    and no index by meeting (nothing read by it). Ids, labels and words stay as they
    were, so the word index and its vocabulary stay as they are: only the documents'
    table is copied, in one statement. A file made in the new shape is left as it is."""
    from . import search

    conn = db.conn
    if "key" not in {row[1] for row in conn.execute("pragma table_info('search_docs')")}:
        return

    def entry_ref(key: str) -> str:  # "entries:item id/field key"
        item, _sep, field = key.partition(":")[2].partition("/")
        return entry_id(item, field)

    conn.create_function("packed", 1, search.packed, deterministic=True)
    conn.create_function("entry_ref", 1, entry_ref, deterministic=True)
    conn.execute("drop table if exists search_docs_slim")
    conn.execute(search.DOCS.format(name="search_docs_slim"))
    conn.execute(
        "insert into search_docs_slim (id, kind, ref, session, grp, item, label, text) "
        "select id, kind, packed(case when key like 'entries:%' then entry_ref(key) "
        "else coalesce(ref_id, key) end), packed(session_id), "
        "case when session_id is null then packed(group_id) end, "
        "case when key like 'entries:%' or item_id is not ref_id then packed(item_id) end, "
        "label, text from search_docs")
    conn.execute("drop table search_docs")  # its triggers and indexes with it
    conn.execute("alter table search_docs_slim rename to search_docs")
    search.schema(conn)  # the triggers that keep the word index in step


def _migrate_round_copies(db: sqlite_utils.Database) -> None:
    """A review's closing round is searched without the voornemens it shows a copy of
    (they are found as voornemens: storage/search.py RECORD_COPIES): its documents are
    made again. Only those fields' documents; the rest of the index stays."""
    from . import search

    conn = db.conn
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    if not {"search_docs", "entries", "agenda_items", "method_copies"} <= tables:
        return
    methods: dict[str, Any] = {}
    for item_id, key, value, session_id, digest in conn.execute(
            "select e.item_id, e.field_key, e.value, a.session_id, a.method_hash from entries e "
            "join agenda_items a on a.id = e.item_id where e.field_key in "
            "(select value from json_each(?))", [json.dumps(list(search.RECORD_COPIES))]
    ).fetchall():
        if digest and digest not in methods:
            found = conn.execute("select method from method_copies where hash = ?",
                                 [digest]).fetchone()
            methods[digest] = json.loads(found[0]) if found else None
        search.write(conn, [search.entry_document(item_id, key, json.loads(value), session_id,
                                                  methods.get(digest))], vocabulary=False)


def _migrate_action_before(db: sqlite_utils.Database) -> None:
    """A follow-up of an action keeps the action as it stood before it (status, date,
    owner): a meeting's minutes read its actions as they were then. Events made before
    this keep nothing: their columns stay empty (see meeting.queries.as_of)."""
    columns = {c.name for c in db["action_events"].columns}
    for column in ("was_status", "was_due", "was_owner"):
        if column not in columns:
            db["action_events"].add_column(column, str)


def _migrate_search_place(db: sqlite_utils.Database) -> None:
    """The search documents by meeting or group (issue 27): a search leaves out the
    practice runs' documents by their ids, read through this index (storage/search.py
    PLACE_INDEX). `if not exists`: it does not depend on its place in MIGRATIONS."""
    from . import search

    if "search_docs" in {r[0] for r in db.conn.execute(
            "select name from sqlite_master where type='table'")}:
        db.conn.execute(search.PLACE_INDEX)


# Forward migrations: MIGRATIONS[n] takes a file from user_version n to n + 1.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migrate_1, _migrate_2, _migrate_chair, _migrate_privacy, _migrate_heartbeats,
    _migrate_slow_questions, _migrate_precedents_and_intentions, _migrate_series,
    _migrate_evaluations, _migrate_search,  # indexes what the migrations before it made
    _migrate_edit_times,
    _migrate_history_indexes, _migrate_intention_indexes,
    _migrate_drafts, _migrate_window_writer, _migrate_entry_ids,
    _migrate_written_files,
    _migrate_room,
    _migrate_scale, _migrate_precedent_index,
    _migrate_region_places,
    _migrate_slim_search,
    _migrate_round_copies,
    _migrate_action_before,
    _migrate_search_place,
]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Table:
    """Where a model is stored."""

    name: str
    pk: str | tuple[str, ...] = "id"
    json_columns: frozenset[str] = frozenset()
    read_from: str | None = None  # a view that gives the rows as the model has them

    @property
    def source(self) -> str:
        return self.read_from or self.name


def _tables() -> dict[type[BaseModel], Table]:
    from ..models import (
        Action,
        ActionEvent,
        AgendaItem,
        Case,
        Decision,
        Draft,
        Entry,
        Evaluation,
        Group,
        GroupMember,
        Heartbeat,
        Intention,
        Lesson,
        MinutesEvent,
        Participant,
        Person,
        Precedent,
        Series,
        Session,
        SlowQuestion,
        StepTime,
        Tension,
    )

    return {
        Group: Table("groups"),
        Person: Table("people"),
        Session: Table("sessions"),
        Participant: Table("participants"),
        AgendaItem: Table("agenda_items", json_columns=frozenset({"method_snapshot"}),
                          read_from="agenda_item_rows"),
        Case: Table("cases", json_columns=frozenset({"themes", "sections"})),
        Entry: Table("entries", json_columns=frozenset({"value"})),
        Action: Table("actions"),
        Decision: Table("decisions"),
        SlowQuestion: Table("slow_questions", json_columns=frozenset({"themes", "history"})),
        Tension: Table("tensions"),
        Lesson: Table("lessons", json_columns=frozenset({"themes"})),
        StepTime: Table("step_times", pk=("item_id", "step_id")),
        GroupMember: Table("group_members"),
        ActionEvent: Table("action_events"),
        MinutesEvent: Table("minutes_events"),
        Heartbeat: Table("heartbeats", pk="session_id"),
        Precedent: Table("precedents", json_columns=frozenset({"values", "themes"})),
        Intention: Table("intentions"),
        Series: Table("series", json_columns=frozenset({"meetings", "people"})),
        Evaluation: Table("evaluations", json_columns=frozenset({"answers"})),
        Draft: Table("drafts", pk="key", json_columns=frozenset({"dialog_values"})),
    }


def __getattr__(name: str):
    """`TABLES`, made on first use: where each model is stored."""
    if name == "TABLES":
        tables = globals()["TABLES"] = _tables()
        return tables
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TABLES: dict[type[BaseModel], Table]  # made by __getattr__ on first use
