"""The paged reads of what a group keeps, as plain rows: the one home of how lessons,
precedents and actions are filtered, ordered and paged in SQL. `memory.knowledge` makes
models of the rows for the knowledge screen; the list commands print them as they are,
without importing pydantic (issue 27: at 100,000 meetings most of a command's time was
that import). No models here, and nothing that imports them.

Each row holds the table's columns and its meeting's id, title and date and its group's
name (`_s_id`, `_s_title`, `_s_date`, `_g_name`): a practice run is no group's meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ids import PRACTICE_GROUP_ID

if TYPE_CHECKING:
    from ..storage.store import Store

# Stored values of `models.ActionStatus` (read by the order of their index).
OPEN, DONE, CANCELLED = "open", "done", "cancelled"


@dataclass(frozen=True)
class Filter:
    group_id: str | None = None
    theme: str | None = None
    municipality: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def sql_filter(store: Store, flt: Filter, date: str, themes: str | None,
               group: str = "g") -> tuple[list[str], list]:
    """The filter as `where` clauses on a query that joins the row's meeting (s) and
    group (g): what `Filter.admits` says of each row, said to SQLite. A theme is
    compared as Python's casefold compares it (a function of this connection)."""
    store.conn.create_function("casefold", 1, _casefold, deterministic=True)
    clauses, args = [], []
    if flt.group_id:
        clauses.append(f"{group}.id = ?")
        args.append(flt.group_id)
    if flt.municipality:
        clauses.append(f"{group}.id is not null and casefold(coalesce({group}.municipality, "
                       "'')) = ?")
        args.append(flt.municipality.casefold())
    if flt.theme:
        if themes is None:
            clauses.append("0")  # what carries no themes carries none of them
        else:
            clauses.append(f"exists (select 1 from json_each({themes}) where "
                           "casefold(value) = ?)")
            args.append(flt.theme.casefold())
    if flt.since:
        clauses.append(f"{date} >= ?")
        args.append(flt.since.isoformat())
    if flt.until:
        clauses.append(f"{date} <= ?")
        args.append(flt.until.isoformat())
    return clauses, args


# A student's practice run feeds no group's memory: its actions and lessons are the run's
# own (its report shows them) and no list of a group's shows them, not even as rows of no
# meeting. The practice group's rows are few, so they are counted apart by their indexes.
_PRACTICE_RUNS = f"(select id from sessions where group_id = '{PRACTICE_GROUP_ID}')"
_NOT_PRACTICE = (f"coalesce(x.group_id, '') != '{PRACTICE_GROUP_ID}' and "
                 f"(x.session_id is null or x.session_id not in {_PRACTICE_RUNS})")
_PRACTICE = f"(x.group_id = '{PRACTICE_GROUP_ID}' or x.session_id in {_PRACTICE_RUNS})"

# A row's meeting and group, as the lists show them: a practice run is no group's meeting.
WHERE_FROM = (
    "left join sessions s on s.id = {t}.session_id and s.group_id != '{practice}' "
    "left join groups g on g.id = coalesce(nullif({t}.group_id, ''), s.group_id) "
    "and g.id != '{practice}'")
_JOINS = WHERE_FROM.format(t="x", practice=PRACTICE_GROUP_ID)
# A row with its meeting and group read in the same query.
PLACE_COLUMNS = ("x.*, s.id as _s_id, s.title as _s_title, s.date as _s_date, "
                 "g.name as _g_name")
# Newest first; an item without a meeting last; the same day in the order they were made.
NEWEST_FIRST = "coalesce(s.date, '') desc, x.created_at, x.rowid"


def paged(store: Store, table: str, flt: Filter, themes: str | None, order_by: str,
          limit: int | None, offset: int = 0, more_where: list[str] = (),
          more_args: list = ()) -> tuple[list[dict], int]:
    """The rows of `table` the filter admits, a page of them in `order_by` order; and
    their number."""
    clauses, args = sql_filter(store, flt, "s.date", themes)
    clauses = [*more_where, *clauses, _NOT_PRACTICE]
    args = [*more_args, *args]
    where = f"where {' and '.join(clauses)}" if clauses else ""
    with store.sqlite_errors():
        total = store.conn.execute(f"select count(*) from {table} x {_JOINS} {where}",
                                   args).fetchone()[0]
        page = "" if limit is None else f" limit {int(limit)} offset {int(offset)}"
        rows = store.query_dicts(
            f"select {PLACE_COLUMNS} from {table} x {_JOINS} {where} order by {order_by}{page}",
            args)
    return rows, total


def newest_first(store: Store, table: str, limit: int | None, offset: int = 0
                 ) -> tuple[list[dict], int]:
    """As `paged` with `NEWEST_FIRST` and no filter, read in the order of the meetings'
    date index: a page of the newest costs the same at any number of meetings (sorting
    every row first took a second at 100,000). The rows of no meeting (or of a practice
    run) come last, as there."""
    group = ("left join groups g on g.id = coalesce(nullif(x.group_id, ''), s.group_id) "
             f"and g.id != '{PRACTICE_GROUP_ID}'")
    held = (f"from sessions s cross join {table} x on x.session_id = s.id {group} "
            f"where s.group_id != '{PRACTICE_GROUP_ID}'")
    apart = (f"from {table} x left join sessions s on s.id = x.session_id and s.group_id != "
             f"'{PRACTICE_GROUP_ID}' {group} where s.id is null and {_NOT_PRACTICE}")
    with store.sqlite_errors():
        total = (store.query(f"select count(*) from {table}")[0][0]
                 - store.query(f"select count(*) from {table} x where {_PRACTICE}")[0][0])
        page = -1 if limit is None else int(limit)
        rows = store.query_dicts(f"select {PLACE_COLUMNS} {held} order by s.date desc, "
                                 f"x.created_at, x.rowid limit {page} offset {int(offset)}", [])
        if limit is None or len(rows) < limit:  # the held ones ran out: those apart follow
            before = (offset + len(rows) if rows or offset == 0 else
                      store.query(f"select count(*) {held}")[0][0])
            rows += store.query_dicts(
                f"select {PLACE_COLUMNS} {apart} order by x.created_at, x.rowid limit "
                f"{-1 if limit is None else int(limit) - len(rows)} offset "
                f"{max(0, offset - before)}", [])
    return rows, total


def action_order(today: dt.date) -> str:
    """The actions' order: open ones first (overdue ones first), then done, then
    cancelled; each by due date and text."""
    return ("case x.status when 'open' then 0 when 'done' then 1 else 2 end, "
            f"not (x.status = 'open' and x.due is not null and x.due < '{today.isoformat()}'), "
            "coalesce(x.due, '9999-12-31'), x.what, x.created_at, x.rowid")


def actions_in_order(store: Store, open_only: bool, limit: int | None, offset: int = 0
                     ) -> tuple[list[dict], int]:
    """The actions without a filter in `action_order`, read part by part through the
    index on (status, due, what): open, done, cancelled; in each, by due date, those
    without one last. (An open action is overdue exactly when its date is past: by due
    date, the overdue ones come first.) A page costs the same at any number of actions;
    sorting them all took two seconds at 100,000 meetings."""
    statuses = [OPEN] if open_only else [OPEN, DONE, CANCELLED]
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
    total, skip = 0, offset
    with store.sqlite_errors():
        for where, order in parts:
            count = (store.query(f"select count(*) from actions x where {where}")[0][0] -
                     store.query(f"select count(*) from actions x where {where} and "
                                 f"{_PRACTICE}")[0][0])
            total += count
            if (limit is not None and len(rows) >= limit) or skip >= count:
                skip = max(0, skip - count)
                continue
            wanted = -1 if limit is None else limit - len(rows)
            rows += store.query_dicts(
                f"select {PLACE_COLUMNS} from actions x {_JOINS} where {where} and "
                f"{_NOT_PRACTICE} order by {order} limit {wanted} offset {skip}", [])
            skip = 0
    return rows, total


def lesson_rows(store: Store, flt: Filter, limit: int | None, offset: int = 0
                ) -> tuple[list[dict], int]:
    """The lessons the filter admits, newest first, a page of them; and their number."""
    return (newest_first(store, "lessons", limit, offset) if flt == Filter() else
            paged(store, "lessons", flt, "x.themes", NEWEST_FIRST, limit, offset))


def precedent_rows(store: Store, flt: Filter, limit: int | None, offset: int = 0
                   ) -> tuple[list[dict], int]:
    """The precedents the filter admits, newest first, a page of them; and their number."""
    return (newest_first(store, "precedents", limit, offset) if flt == Filter() else
            paged(store, "precedents", flt, "x.themes", NEWEST_FIRST, limit, offset))


def action_rows(store: Store, flt: Filter, today: dt.date, open_only: bool,
                limit: int | None, offset: int = 0) -> tuple[list[dict], int]:
    """The actions the filter admits in `action_order`, a page of them; and their number."""
    if flt == Filter():
        return actions_in_order(store, open_only, limit, offset)
    more_where, more_args = (["x.status = ?"], [OPEN]) if open_only else ([], [])
    return paged(store, "actions", flt, None, action_order(today), limit, offset,
                 more_where, more_args)
