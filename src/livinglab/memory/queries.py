"""The group's memory read from the store: slow questions, tensions, lessons,
precedents, voornemens and evaluations."""

from __future__ import annotations

import datetime as dt

from ..models import (
    Evaluation,
    Intention,
    Lesson,
    Precedent,
    SlowQuestion,
    SlowQuestionStatus,
    Tension,
)
from ..i18n import N_
from ..storage.keys import NOT_PRACTICE
from ..storage.refs import Noun, resolve
from ..storage.store import Store


def slow_questions(store: Store, group_id: str | None = None, open_only: bool = False
) -> list[SlowQuestion]:
    where, args = store.where(group_id=group_id)
    if open_only:
        where = f"{where} and status != ?" if where else "status != ?"
        args.append(SlowQuestionStatus.SETTLED.value)
    return store.select(SlowQuestion, where, args, order_by="created_at, rowid")


SLOW_QUESTION = Noun(SlowQuestion, N_("no slow question with id {ref}"),
                     N_("{ref} matches more than one slow question; give more of the id"),
                     where=NOT_PRACTICE)


def find_slow_question(store: Store, ref: str) -> SlowQuestion:
    """A slow question by id or a unique start of it; RefError otherwise."""
    return resolve(store, SLOW_QUESTION, ref)


def tensions(store: Store, group_id: str) -> list[Tension]:
    return store.select(Tension, "group_id = ?", [group_id])


def lessons(store: Store, group_id: str | None = None, session_id: str | None = None) -> list[Lesson]:
    where, args = store.where(group_id=group_id, session_id=session_id)
    return store.select(Lesson, where, args, order_by="created_at, rowid")


def precedents(store: Store, group_id: str | None = None) -> list[Precedent]:
    where, args = store.where(group_id=group_id)
    return store.select(Precedent, where, args, order_by="created_at, rowid")


def evaluations(store: Store, group_id: str | None = None,
                session_id: str | None = None) -> list[Evaluation]:
    where, args = store.where(group_id=group_id, session_id=session_id)
    return store.select(Evaluation, where, args, order_by="rowid")


def intentions_to_ask_after(store: Store, group_id: str, session_id: str,
                            on_or_before: dt.date) -> list[tuple[Intention, dt.date]]:
    """The group's voornemens of meetings up to `on_or_before` other than this one,
    not yet asked after (or asked after in this one), each with its meeting's date:
    read in one query, not the group's every voornemen and a meeting for each."""
    sql = ('select i.*, s.date as made_on from intentions i '
           'join sessions s on s.id = i.session_id '
           "where i.group_id = ? and i.session_id != ? and coalesce(i.intention, '') != '' "
           'and (i.followed_up_in is null or i.followed_up_in = ?) and s.date <= ? '
           'order by i.created_at, i.rowid')
    with store.sqlite_errors():
        rows = store.query_dicts(sql, [group_id, session_id, session_id,
                                       on_or_before.isoformat()])
    return [(store.load(Intention, row), dt.date.fromisoformat(row["made_on"]))
            for row in rows]


def intentions(store: Store, session_id: str | None = None, group_id: str | None = None,
               followed_up_in: str | None = None) -> list[Intention]:
    where, args = store.where(session_id=session_id, group_id=group_id,
                              followed_up_in=followed_up_in)
    return store.select(Intention, where, args, order_by="created_at, rowid")
