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
from ..storage.keys import NOT_PRACTICE

if TYPE_CHECKING:
    from ..storage.store import Store

# `meeting.queries.SESSION_ORDER`: newest first, as every list of meetings.
SESSION_ORDER = "date desc, coalesce(start_time, '') desc, created_at desc"
# Stored values of `models.SlowQuestionStatus.SETTLED` and `models.ActionStatus.OPEN`.
SETTLED = "afgerond"
OPEN = "open"


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


# --- lessons and actions: `memory.knowledge`'s paged reads, row for row -------------------


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def _sql_filter(store: Store, group_id, theme, municipality, since, until,
                themes: str | None) -> tuple[list[str], list]:
    """`knowledge._sql_filter`: the filter as clauses on the row's meeting (s) and group
    (g), a theme compared as Python's casefold compares it."""
    store.conn.create_function("casefold", 1, _casefold, deterministic=True)
    clauses, args = [], []
    if group_id:
        clauses.append("g.id = ?")
        args.append(group_id)
    if municipality:
        clauses.append("g.id is not null and casefold(coalesce(g.municipality, '')) = ?")
        args.append(municipality.casefold())
    if theme:
        if themes is None:
            clauses.append("0")
        else:
            clauses.append(f"exists (select 1 from json_each({themes}) where "
                           "casefold(value) = ?)")
            args.append(theme.casefold())
    if since:
        clauses.append("s.date >= ?")
        args.append(since.isoformat())
    if until:
        clauses.append("s.date <= ?")
        args.append(until.isoformat())
    return clauses, args


_WHERE_FROM = (
    f"left join sessions s on s.id = x.session_id and s.group_id != '{PRACTICE_GROUP_ID}' "
    "left join groups g on g.id = coalesce(nullif(x.group_id, ''), s.group_id) "
    f"and g.id != '{PRACTICE_GROUP_ID}'")
_PLACE_COLUMNS = "x.*, s.date as _s_date, g.name as _g_name"
_NEWEST_FIRST = "coalesce(s.date, '') desc, x.created_at, x.rowid"


def _paged(store: Store, table: str, clauses: list[str], args: list, order_by: str,
           limit: int | None) -> tuple[list[dict], int]:
    """`knowledge._paged` from the start: the first `limit` rows, and how many there are."""
    where = f"where {' and '.join(clauses)}" if clauses else ""
    with store.sqlite_errors():
        total = store.query(f"select count(*) from {table} x {_WHERE_FROM} {where}", args)[0][0]
        page = "" if limit is None else f" limit {int(limit)} offset 0"
        rows = store.query_dicts(f"select {_PLACE_COLUMNS} from {table} x {_WHERE_FROM} "
                                 f"{where} order by {order_by}{page}", args)
    return rows, total


def _newest_first(store: Store, table: str, limit: int | None) -> tuple[list[dict], int]:
    """`knowledge._newest_first` from the start: in the order of the meetings' date index,
    the rows of no meeting (or of a practice run) last."""
    group = ("left join groups g on g.id = coalesce(nullif(x.group_id, ''), s.group_id) "
             f"and g.id != '{PRACTICE_GROUP_ID}'")
    held = (f"from sessions s cross join {table} x on x.session_id = s.id {group} "
            f"where s.group_id != '{PRACTICE_GROUP_ID}'")
    apart = (f"from {table} x left join sessions s on s.id = x.session_id and s.group_id != "
             f"'{PRACTICE_GROUP_ID}' {group} where s.id is null")
    with store.sqlite_errors():
        total = store.query(f"select count(*) from {table}")[0][0]
        rows = store.query_dicts(f"select {_PLACE_COLUMNS} {held} order by s.date desc, "
                                 f"x.created_at, x.rowid limit "
                                 f"{-1 if limit is None else int(limit)} offset 0", [])
        if limit is None or len(rows) < limit:  # the held ones ran out: those apart follow
            rows += store.query_dicts(
                f"select {_PLACE_COLUMNS} {apart} order by x.created_at, x.rowid limit "
                f"{-1 if limit is None else int(limit) - len(rows)} offset 0", [])
    return rows, total


def lesson_records(store: Store, group_id, theme, municipality, since, until,
                   limit: int | None) -> tuple[list[dict], int]:
    """`knowledge.lessons` for this filter: the first `limit` lessons, newest first, as
    `lessons` prints them; and how many the filter admits."""
    if all(v is None for v in (group_id, theme, municipality, since, until)):
        rows, total = _newest_first(store, "lessons", limit)
    else:
        clauses, args = _sql_filter(store, group_id, theme, municipality, since, until,
                                    "x.themes")
        rows, total = _paged(store, "lessons", clauses, args, _NEWEST_FIRST, limit)
    return [{"date": _day(r["_s_date"]), "group": r["_g_name"] or "", "lesson": r["text"],
             "themes": json.loads(r["themes"]) if r["themes"] else [], "id": r["id"]}
            for r in rows], total


def _actions_in_order(store: Store, open_only: bool, limit: int | None
                      ) -> tuple[list[dict], int]:
    """`knowledge._actions_in_order` from the start: part by part through the index on
    (status, due, what): open, done, cancelled; in each, by due date, undated last."""
    statuses = [OPEN] if open_only else [OPEN, "done", "cancelled"]
    parts = [(f"x.status = '{status}' and x.due is {dated}", order)
             for status in statuses
             for dated, order in (("not null", "x.due, x.what, x.created_at, x.rowid"),
                                  ("null", "x.what, x.created_at, x.rowid"))]
    # Any other status, said as ranges of the index: `not in (...)` read the whole table
    # (0.1 s at 100,000 meetings) to find none.
    others = ("(x.status < 'cancelled' or (x.status > 'cancelled' and x.status < 'done') or "
              "(x.status > 'done' and x.status < 'open') or x.status > 'open')"
              if not open_only else "0")
    parts.append((others, "x.due is null, x.due, x.what, x.created_at, x.rowid"))
    rows: list[dict] = []
    total = 0
    with store.sqlite_errors():
        for where, order in parts:
            count = store.query(f"select count(*) from actions x where {where}")[0][0]
            total += count
            if (limit is not None and len(rows) >= limit) or count == 0:
                continue
            wanted = -1 if limit is None else limit - len(rows)
            rows += store.query_dicts(
                f"select {_PLACE_COLUMNS} from actions x {_WHERE_FROM} where {where} "
                f"order by {order} limit {wanted} offset 0", [])
    return rows, total


def action_records(store: Store, group_id, theme, municipality, since, until,
                   today: dt.date, open_only: bool, limit: int | None
                   ) -> tuple[list[dict], int]:
    """`knowledge.actions` for this filter: open ones first (overdue ones first), then
    done, then cancelled, as `actions` prints them; and how many the filter admits."""
    if all(v is None for v in (group_id, theme, municipality, since, until)):
        rows, total = _actions_in_order(store, open_only, limit)
    else:
        clauses, args = _sql_filter(store, group_id, theme, municipality, since, until, None)
        if open_only:
            clauses.insert(0, "x.status = ?")
            args.insert(0, OPEN)
        order = (
            "case x.status when 'open' then 0 when 'done' then 1 else 2 end, "
            f"not (x.status = 'open' and x.due is not null and x.due < '{today.isoformat()}'), "
            "coalesce(x.due, '9999-12-31'), x.what, x.created_at, x.rowid")
        rows, total = _paged(store, "actions", clauses, args, order, limit)
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
    for id, own_group, text, status, to_region, themes, first, pages, day, latest in rows:
        session = sessions.get(latest if pages else first)
        group_key = own_group or (session[0] if session else "")
        name, place = groups.get(group_key, (None, None))
        date = _day(day) if pages else (sessions[first][1] if first in sessions else None)
        themes = json.loads(themes) if themes else []
        if ((group_id and (name is None or group_key != group_id))
                or (municipality and (name is None or (place or "").casefold()
                                      != municipality.casefold()))
                or (theme and theme.casefold() not in {t.casefold() for t in themes})
                or ((since or until) and date is None)
                or (since and date < since) or (until and date > until)):
            continue
        found.append({"status": status, "to_region": bool(to_region), "question": text,
                      "meetings": pages, "last": date, "group": name or "", "id": id})
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
