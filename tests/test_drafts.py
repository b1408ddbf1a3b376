"""Drafts: what was typed in a dialog survives until the dialog's answer is stored."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from livinglab.meeting import drafts
from livinglab.storage.store import Store
from livinglab.storage.schema import SCHEMA_VERSION
from livinglab.meeting import queries as meeting_queries

from conftest import empty_db

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_draft_is_offered_back_after_the_file_is_closed_and_goes_when_answered(db_path):
    key = drafts.follow_up_key("s1", "a1")
    with Store(empty_db(db_path)) as store:
        drafts.keep(store, key, "s1", {"reason": "geen budget meer"}, {"outcome": "dropped"})
    with Store(db_path) as store:
        assert drafts.offered(store, key) == {"outcome": "dropped",
                                              "reason": "geen budget meer"}
        assert drafts.offered(store, drafts.follow_up_key("s1", "a2")) == {}
        drafts.answered(store, key)
        assert drafts.offered(store, key) == {}


def test_a_dialog_emptied_again_keeps_no_draft(store):
    key = drafts.intention_key("s1", "i1")
    drafts.keep(store, key, "s1", {"answer": "geen tijd"}, {"done": "no"})
    assert drafts.offered(store, key) == {"done": "no", "answer": "geen tijd"}
    drafts.keep(store, key, "s1", {"answer": "  "}, {"done": "no"})
    assert drafts.offered(store, key) == {}
    assert store.conn.execute("select count(*) from drafts").fetchone()[0] == 0


def test_a_draft_is_cleaned_of_what_a_terminal_would_obey(store):
    key = drafts.reopen_key("s1")
    drafts.keep(store, key, "s1", {"answer": "fout\x1b[2J in de namen"})
    assert drafts.offered(store, key) == {"answer": "fout in de namen"}


def test_a_file_of_the_version_before_drafts_gets_the_table_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-13.db", path)
    with sqlite3.connect(FIXTURES / "schema-13.db") as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 13  # made before drafts
        assert "drafts" not in {name for (name,) in old.execute(
            "select name from sqlite_master where type = 'table'")}
        counts = {table: old.execute(f"select count(*) from {table}").fetchone()[0]
                  for table in ("sessions", "actions", "intentions", "entries")}
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert {table: store.conn.execute(f"select count(*) from {table}").fetchone()[0]
                for table in counts} == counts
        [session] = meeting_queries.sessions(store)
        [action] = meeting_queries.actions(store)
        key = drafts.follow_up_key(session.id, action.id)
        drafts.keep(store, key, session.id, {"reason": "loopt via de wijkagent"})
    with Store(path) as store:  # opened again: no second migration, the draft is there
        assert drafts.offered(store, key) == {"reason": "loopt via de wijkagent"}
