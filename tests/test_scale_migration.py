"""The migration of issue 27 on a file of the version before: the trigram index over every
document gives way to the vocabulary's, the word index ranks by its own `rank`, the
follow view's and the lists' indexes are there, and every search finds what it found."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

from livinglab.demo.history import make_demo
from livinglab.meeting import queries as meeting_queries
from livinglab.models import Lesson
from livinglab.storage.search import index_triggers, plain_snippet
from livinglab.storage.store import Store

from conftest import empty_db

TODAY = dt.date(2026, 11, 25)
NEW_INDEXES = {("actions", "item_id"), ("decisions", "item_id"), ("sessions", "date"),
               ("lessons", "group_id"), ("tensions", "group_id"), ("precedents", "session_id"),
               ("actions", "status,due,what")}


def indexes(conn) -> set[tuple[str, str]]:
    found = set()
    for (table,) in conn.execute("select name from sqlite_master where type = 'table'"):
        for index in conn.execute(f"pragma index_list('{table}')").fetchall():
            columns = [c[2] or "(an expression)"  # as search_docs_place's
                       for c in conn.execute(f"pragma index_info('{index[1]}')")]
            found.add((table, ",".join(columns)))
    return found


def as_the_version_before(path) -> None:
    """Undo what the migration does, and say the file is of the version before it."""
    from livinglab.storage.schema import MIGRATIONS, _migrate_scale

    with sqlite3.connect(path) as conn:
        for table, column in NEW_INDEXES:
            for index in conn.execute(f"pragma index_list('{table}')").fetchall():
                if [c[2] for c in conn.execute(f"pragma index_info('{index[1]}')")] == \
                        column.split(","):
                    conn.execute(f'drop index "{index[1]}"')
        conn.execute("delete from search_words_config where k = 'rank'")
        conn.execute("drop trigger search_terms_ai")
        for table in ("search_terms_tri", "search_terms", "search_words_vocab"):
            conn.execute(f"drop table {table}")
        # The trigram index as the version before made it.
        conn.execute("create virtual table search_trigrams using fts5(label, text, "
                     "content='search_docs', content_rowid='id', tokenize='trigram')")
        for trigger in index_triggers("search_trigrams"):
            conn.execute(trigger)
        conn.execute("insert into search_trigrams (search_trigrams) values ('rebuild')")
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
        assert conn.execute("select count(*) from search_trigrams").fetchone()[0] > 100
    with Store(old) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert NEW_INDEXES <= indexes(store.conn)
        assert store.conn.execute("select v from search_words_config where k = 'rank'"
                                  ).fetchone() == ("bm25(0.5, 1.0)",)
        names = {row[0] for row in store.conn.execute("select name from sqlite_master")}
        assert not {n for n in names if n.startswith("search_trigrams")}
        assert store.conn.execute("select count(*) from search_terms").fetchone()[0] > 100
        with Store(now) as fresh:
            for words in ("zorg", "plicht", "eigen kracht", "moeder", "wijk", "kinder"):
                assert store.search(words) == fresh.search(words), words
                assert fresh.search(words), words  # the demo holds each: the test can fail
            # A word inside a compound is found, and written after the migration too.
            assert any("zorgplicht" in plain_snippet(h.snippet).lower()
                       for h in store.search("plicht"))
            group = meeting_queries.groups(store)[0]
            store.save(Lesson(group_id=group.id, text="Buurtbemiddelingsgesprek gevoerd"))
            assert [plain_snippet(h.snippet) for h in store.search("bemiddeling")] == [
                "Buurtbemiddelingsgesprek gevoerd"]
