"""The migration of issue 27 on a file of the version before: the search indexes rank by
their own `rank`, the follow view's and the lists' indexes are there, and every search
gives what it gave."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

from livinglab.demo.history import make_demo
from livinglab.storage.store import Store

from conftest import empty_db

TODAY = dt.date(2026, 11, 25)
NEW_INDEXES = {("actions", "item_id"), ("decisions", "item_id"), ("sessions", "date"),
               ("lessons", "group_id"), ("tensions", "group_id")}


def indexes(conn) -> set[tuple[str, str]]:
    found = set()
    for (table,) in conn.execute("select name from sqlite_master where type = 'table'"):
        for index in conn.execute(f"pragma index_list('{table}')").fetchall():
            columns = [c[2] for c in conn.execute(f"pragma index_info('{index[1]}')")]
            found.add((table, ",".join(columns)))
    return found


def as_the_version_before(path) -> None:
    """Undo what the migration does, and say the file is of the version before it."""
    from livinglab.storage.schema import MIGRATIONS, _migrate_scale

    with sqlite3.connect(path) as conn:
        for table, column in NEW_INDEXES:
            for index in conn.execute(f"pragma index_list('{table}')").fetchall():
                if [c[2] for c in conn.execute(f"pragma index_info('{index[1]}')")] == [column]:
                    conn.execute(f'drop index "{index[1]}"')
        for fts in ("search_words", "search_trigrams"):
            conn.execute(f"delete from {fts}_config where k = 'rank'")
        conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_scale)}")


def test_a_file_of_the_version_before_is_migrated_and_searches_the_same(tmp_path):
    from livinglab.storage.schema import SCHEMA_VERSION

    now, old = empty_db(tmp_path / "now.db"), tmp_path / "old.db"
    make_demo(now, TODAY, meetings=14, groups=2)
    shutil.copy(now, old)
    as_the_version_before(old)
    with sqlite3.connect(old) as conn:
        assert not NEW_INDEXES & indexes(conn)
        assert conn.execute("select count(*) from search_words_config where k = 'rank'"
                            ).fetchone() == (0,)
    with Store(old) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert NEW_INDEXES <= indexes(store.conn)
        for fts in ("search_words", "search_trigrams"):
            assert store.conn.execute(f"select v from {fts}_config where k = 'rank'"
                                      ).fetchone() == ("bm25(0.5, 1.0)",)
        with Store(now) as fresh:
            for words in ("zorg", "plicht", "eigen kracht", "moeder", "wijk", "kinder"):
                assert store.search(words) == fresh.search(words), words
                assert fresh.search(words), words  # the demo holds each: the test can fail
