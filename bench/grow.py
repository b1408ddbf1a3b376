"""A larger archive from a demo archive, in minutes: its groups and everything they hold
copied `times` over, each copy with new ids (issue 27: 100,000 meetings from the 10,000 of
`livinglab demo --meetings 10000 --groups 20`, which itself takes many minutes).

    .venv/bin/python bench/grow.py SOURCE TARGET --times 10

SOURCE is of this version (any `livinglab` command on it brings it forward first).

Plain SQL inside SQLite: every id (a uuid) of a copy is a uuid5 of the run, the copy's
number and the id, so every reference stays within its copy; the example cases,
the method copies and the practice group are shared. Text inside JSON columns (a series'
meetings, a slow question's history) keeps the ids of the first copy: no figure reads
them across copies. An entry's id is made from its item's and its field's (as the store
makes it). The search documents are copied with their ids (16 bytes each) changed, and
the word index built once at the end.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import time
import uuid
from pathlib import Path

from livinglab.storage.keys import entry_id
from livinglab.storage.search import packed, unpacked

PRACTICE = "5c0a7e3e-0d7b-5f4e-8a6b-2e51c9a0f7d1"
# Columns that hold ids of the meetings' world (not of a case or a method copy).
ID_COLUMNS = {"id", "group_id", "session_id", "item_id", "action_id", "person_id",
              "by_session_id", "followed_up_in", "current_item_id", "ref_id"}
SHARED = {"cases", "method_copies", "drafts", "heartbeats", "purged_sessions",
          "written_files"}  # (the log of files this program wrote: no group's world)


NAMESPACE = uuid.UUID("6f1d2c3b-9a8e-4f70-8b6a-5d4c3b2a1f09")


def new_id(value, copy: int, run: int = 0):
    """The id in a copy: a uuid5 of the run, the copy and the id (a grown archive can be
    grown again)."""
    if not isinstance(value, str) or len(value) != 36 or value == PRACTICE or value[8] != "-":
        return value
    return str(uuid.uuid5(NAMESPACE, f"{run}/{copy}/{value}"))


def new_packed(value, copy: int, run: int = 0):
    """A search document's id (16 bytes, see storage/search.py `packed`) in a copy."""
    if not isinstance(value, bytes):
        return new_id(value, copy, run)
    return uuid.UUID(new_id(str(uuid.UUID(bytes=value)), copy, run)).bytes


def grow(source: Path, target: Path, times: int) -> float:
    start = time.perf_counter()
    target.unlink(missing_ok=True)
    shutil.copy(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    run = random.Random(str(target)).randrange(1, 0xFFFF)
    # A meeting's id is in every row of it, a group's in every meeting: each id of a copy
    # is made once (a uuid5 costs microseconds; the copy of 100,000 meetings makes tens of
    # millions). The memo is emptied when it holds half a million (about 100 MB).
    memo: dict = {}

    def new_id_once(value, copy):
        key = (value, copy)
        found = memo.get(key)
        if found is None:
            if len(memo) > 500_000:
                memo.clear()
            found = memo[key] = new_id(value, copy, run)
        return found

    def new_packed_once(value, copy):
        if not isinstance(value, bytes):
            return new_id_once(value, copy)
        key = (value, copy)
        found = memo.get(key)
        if found is None:
            found = memo[key] = uuid.UUID(new_id_once(str(uuid.UUID(bytes=value)), copy)).bytes
        return found

    conn.create_function("new_id", 2, new_id_once, deterministic=True)
    conn.create_function("new_packed", 2, new_packed_once, deterministic=True)
    conn.create_function("entry_id", 2, entry_id, deterministic=True)
    conn.create_function("packed", 1, packed, deterministic=True)
    conn.create_function("unpacked", 1, unpacked, deterministic=True)
    conn.execute("pragma journal_mode = off")
    conn.execute("pragma synchronous = off")
    conn.execute("pragma cache_size = -200000")
    tables = [r[0] for r in conn.execute(
        "select name from sqlite_master where type = 'table' and (name not like 'search%' "
        "or name = 'search_docs') and name not like 'sqlite_%'")]
    # The rows of the source: each copy is of them, not of the copies before it.
    last = {t: conn.execute(f'select max(rowid) from "{t}"').fetchone()[0] or 0
            for t in tables}
    conn.execute("begin")
    for table in tables:
        if table in SHARED or table == "search_docs":
            continue
        columns = [r[1] for r in conn.execute(f"pragma table_info('{table}')")]
        triggers = conn.execute("select name, sql from sqlite_master where type = 'trigger' "
                                "and tbl_name = ?", [table]).fetchall()
        for name, _sql in triggers:  # the edit-time triggers: a copy is no edit
            conn.execute(f'drop trigger "{name}"')
        chosen = ", ".join(f'"{c}"' for c in columns)
        for copy in range(1, times):
            values = ", ".join(
                f'entry_id(new_id("item_id", {copy}), "field_key")'
                if (table, c) == ("entries", "id") else
                f'new_id("{c}", {copy})' if c in ID_COLUMNS else f'"{c}"' for c in columns)
            where = "where id != ?" if table == "groups" else ""
            conn.execute(f'insert into "{table}" ({chosen}) select {values} from "{table}" '
                         f"where rowid <= {last[table]} {'and id != ?' if where else ''}",
                         [PRACTICE] if where else [])
        for _name, sql in triggers:
            conn.execute(sql)
    # The search documents, without their triggers, and the word index made once.
    triggers = conn.execute("select name, sql from sqlite_master where type = 'trigger' "
                            "and tbl_name = 'search_docs'").fetchall()
    for name, _sql in triggers:
        conn.execute(f'drop trigger "{name}"')
    for copy in range(1, times):
        conn.execute(  # a field's document is its entry's: its id as the entry's copy
            "insert into search_docs (kind, ref, session, grp, item, label, text) "
            f"select kind, case when kind = 'field' then packed(entry_id(new_id(unpacked("
            f"item), {copy}), (select field_key from entries where id = unpacked(ref)))) "
            f"else new_packed(ref, {copy}) end, new_packed(session, {copy}), "
            f"new_packed(grp, {copy}), new_packed(item, {copy}), label, text "
            f"from search_docs where id <= {last['search_docs']} and kind != 'case'")
    for _name, sql in triggers:
        conn.execute(sql)
    conn.execute("insert into search_words (search_words) values ('rebuild')")
    conn.execute("commit")
    conn.execute("pragma journal_mode = delete")
    conn.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args()
    seconds = grow(args.source, args.target, args.times)
    with sqlite3.connect(args.target) as conn:
        meetings = conn.execute("select count(*) from sessions").fetchone()[0]
    print(f"{args.target}: {meetings:,} meetings in {seconds:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
