"""The list commands' reads as plain rows: the meetings, lessons, actions, slow questions
and series they print, read with SQL and `json`, not validated as models.

At 100,000 meetings most of a list command's time went to importing pydantic and the
models (and to validating every page of a question's history, every planned meeting of a
series) to print fifty lines (issue 27). Each read here gives what its models' read gives
(`meeting.queries.sessions`, `memory.knowledge.lessons`, `.actions`, `.slow_questions`,
`meeting.queries.series`): the same rows, in the same order, with the same dates and
groups; tests/test_import_path.py holds each to it, over the filters. Dates come back as
`datetime.date` (and a start time as `datetime.time`), statuses as their stored text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from ..ids import PRACTICE_GROUP_ID
from ..memory import pages
from ..storage.keys import NOT_PRACTICE, SESSION_ORDER

if TYPE_CHECKING:
    from ..storage.store import Store

# Stored values of `models.SlowQuestionStatus.SETTLED` and `models.ActionStatus.OPEN`.
SETTLED = "afgerond"
OPEN = pages.OPEN


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def group_names(store: Store) -> dict[str, str]:
    """Every group's name by id (`meeting.queries.groups`: not the practice group)."""
    with store.sqlite_errors():
        return dict(store.query("select id, name from groups where id != ?",
                                [PRACTICE_GROUP_ID]))


# --- meetings -----------------------------------------------------------------------------


def session_rows(store: Store, limit: int | None = None) -> list[dict]:
    """The meetings `meeting.queries.sessions(store, limit=limit)` gives, newest first, as
    rows (the same statement, so ties come in the same order)."""
    sql = f'select * from "sessions" where {NOT_PRACTICE} order by {SESSION_ORDER}'
    if limit is not None:
        sql += f" limit {int(limit)} offset 0"
    with store.sqlite_errors():
        rows = store.query_dicts(sql, [])
    for row in rows:
        row["date"] = dt.date.fromisoformat(row["date"])
        row["start_time"] = row["start_time"] and dt.time.fromisoformat(row["start_time"])
    return rows


def count_sessions(store: Store) -> int:
    with store.sqlite_errors():
        return store.query(f"select count(*) from sessions where {NOT_PRACTICE}")[0][0]


# --- lessons and actions: the paged reads `memory.knowledge` makes models of -----------


def lesson_records(store: Store, group_id, theme, municipality, since, until,
                   limit: int | None) -> tuple[list[dict], int]:
    """`knowledge.lessons` for this filter: the first `limit` lessons, newest first, as
    `lessons` prints them; and how many the filter admits."""
    rows, total = pages.lesson_rows(
        store, pages.Filter(group_id, theme, municipality, since, until), limit)
    return [{"date": _day(r["_s_date"]), "group": r["_g_name"] or "", "lesson": r["text"],
             "themes": json.loads(r["themes"]) if r["themes"] else [], "id": r["id"]}
            for r in rows], total


def action_records(store: Store, group_id, theme, municipality, since, until,
                   today: dt.date, open_only: bool, limit: int | None
                   ) -> tuple[list[dict], int]:
    """`knowledge.actions` for this filter: open ones first (overdue ones first), then
    done, then cancelled, as `actions` prints them; and how many the filter admits."""
    rows, total = pages.action_rows(
        store, pages.Filter(group_id, theme, municipality, since, until), today, open_only,
        limit)
    found = []
    for r in rows:
        due, status = _day(r["due"]), r["status"] or OPEN
        found.append({"overdue": status == OPEN and due is not None and due < today,
                      "action": r["what"], "who": r["owner"] or "", "due": due,
                      "status": status, "meeting": _day(r["_s_date"]),
                      "group": r["_g_name"] or "", "id": r["id"]})
    return found, total


# --- slow questions and series --------------------------------------------------------------


def question_records(store: Store, group_id: str | None, theme: str | None,
                     municipality: str | None, since, until, open_only: bool) -> list[dict]:
    """The list `questions` prints, as `memory.knowledge.slow_questions` gives it for the
    same filter, without reading every page of each question's history as models. A
    question's date is its last page's, else that of the meeting that took it up; its
    group its own, else that meeting's. The status said in words (`detail`) is left to
    the caller."""
    where, args = [], []
    if group_id:  # a question's group is its own, or its meeting's
        where.append("(group_id = ? or group_id = '' or group_id is null)")
        args.append(group_id)
    if open_only:
        where.append(f"status != '{SETTLED}'")
    last = "case when json_valid(history) then json_extract(history, '$[#-1].{}') end"
    with store.sqlite_errors():
        rows = store.query(
            "select id, group_id, question, status, to_region, themes, session_id, "
            "case when json_valid(history) then json_array_length(history) else 0 end, "
            f"{last.format('date')}, {last.format('session_id')} from slow_questions"
            + (f" where {' and '.join(where)}" if where else "")
            + f" order by status = '{SETTLED}', created_at, rowid", args)
        groups = {id: (name, place) for id, name, place in store.query(
            "select id, name, municipality from groups where id != ?", [PRACTICE_GROUP_ID])}
        sessions = {id: (group, dt.date.fromisoformat(day)) for id, group, day
                    in store.query(
                        "select id, group_id, date from sessions where id in (select "
                        "value from json_each(?)) and group_id != ?",
                        [json.dumps(sorted({r[i] for r in rows for i in (6, 9) if r[i]})),
                         PRACTICE_GROUP_ID])}
    found = []
    for id, own_group, text, status, to_region, themes, first, worked, day, latest in rows:
        session = sessions.get(latest if worked else first)
        group_key = own_group or (session[0] if session else "")
        name, place = groups.get(group_key, (None, None))
        date = _day(day) if worked else (sessions[first][1] if first in sessions else None)
        themes = json.loads(themes) if themes else []
        if ((group_id and (name is None or group_key != group_id))
                or (municipality and (name is None or (place or "").casefold()
                                      != municipality.casefold()))
                or (theme and theme.casefold() not in {t.casefold() for t in themes})
                or ((since or until) and date is None)
                or (since and date < since) or (until and date > until)):
            continue
        found.append({"status": status, "to_region": bool(to_region), "question": text,
                      "meetings": worked, "last": date, "group": name or "", "id": id})
    return found


def series_records(store: Store) -> list[dict]:
    """Each series as `series list` shows it, by name as `meeting.queries.series` reads
    them: its planned meetings read as plain JSON (a series planned for years holds
    hundreds; at 100,000 meetings validating them took over a second)."""
    groups = group_names(store)
    with store.sqlite_errors():
        rows = store.query('select id, name, group_id, meetings from "series" '
                           "order by name collate nocase")
    found = []
    for id, name, group_id, meetings in rows:
        meetings = json.loads(meetings) if meetings else []
        upcoming = next((m["date"] for m in meetings if not m.get("session_id")), None)
        found.append({"name": name, "group": groups.get(group_id, ""),
                      "created": [sum(1 for m in meetings if m.get("session_id")),
                                  len(meetings)],
                      "next_meeting": _day(upcoming), "id": id})
    return found
