"""What a group has learned, across its meetings: lessons, slow questions, recurring
tensions, moral precedents and actions, each with the meeting it came from.

One filter serves the command line and the knowledge screen: group, theme, municipality
and period. Every list is filtered, ordered and paged by SQLite (a `Page`, with the number
the whole list holds), so that a region's decade of meetings is not read to show the
first screenful: slow questions by the last page of their history, taken out of its JSON
column by SQLite (not every page validated as a model); tensions counted per pair of
poles by SQLite, the few pairs merged here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import ActionStatus, Group, Session, SlowQuestion, SlowQuestionStatus
from ..storage.store import Store
from ..library import queries as case_queries

KINDS = ("lesson", "slow-question", "tension", "precedent", "action")


@dataclass(frozen=True)
class Filter:
    group_id: str | None = None
    theme: str | None = None
    municipality: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def admits(self, group: Group | None, session: Session | None, themes: list[str],
               date: dt.date | None) -> bool:
        if self.group_id and (group is None or group.id != self.group_id):
            return False
        if self.municipality and (group is None or (group.municipality or "").casefold()
                                  != self.municipality.casefold()):
            return False
        if self.theme and self.theme.casefold() not in {t.casefold() for t in themes}:
            return False
        if (self.since or self.until) and date is None:
            return False
        if self.since and date < self.since:
            return False
        return not (self.until and date > self.until)


@dataclass(frozen=True)
class Item:
    """One thing the group keeps, with where it came from."""

    kind: str
    id: str
    text: str
    detail: str = ""  # status, values, who and when: short, for a second column
    date: dt.date | None = None
    group_name: str = ""
    session_id: str | None = None
    session_title: str = ""
    themes: tuple[str, ...] = ()
    overdue: bool = False
    count: int = 1  # how often a tension came back
    extra: dict = field(default_factory=dict, compare=False)


class Page(list):
    """One page of a list (its items), and how many the whole list holds (`total`)."""

    def __init__(self, items=(), total: int | None = None):
        super().__init__(items)
        self.total = len(self) if total is None else total


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def _sql_filter(store: Store, flt: Filter, date: str, themes: str | None,
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


# A row's meeting and group, as the lists show them: a practice run is no group's meeting.
_WHERE_FROM = (
    "left join sessions s on s.id = {t}.session_id and s.group_id != '{practice}' "
    "left join groups g on g.id = coalesce(nullif({t}.group_id, ''), s.group_id) "
    "and g.id != '{practice}'")


# A row with its meeting and group read in the same query (`_with_places` takes them off).
_PLACE_COLUMNS = ("x.*, s.id as _s_id, s.title as _s_title, s.date as _s_date, "
                  "g.name as _g_name")


def _with_places(store: Store, model, rows: list[dict]) -> list[tuple]:
    """Each row as its model, with its meeting's id, title and date and its group's name."""
    found = []
    for row in rows:
        place = (row.pop("_s_id"), row.pop("_s_title"), row.pop("_s_date"), row.pop("_g_name"))
        found.append((store.load(model, row), *place))  # the row without them is the model's
    return found


def _paged(store: Store, model, table: str, flt: Filter, themes: str | None,
           order_by: str, limit: int | None, offset: int, more_where: list[str] = (),
           more_args: list = ()) -> tuple[list[tuple], int]:
    """The rows of `table` the filter admits, a page of them in `order_by` order, each
    as (model, meeting id, meeting title, meeting date, group name); and their number."""
    from ..models import PRACTICE_GROUP_ID

    joins = _WHERE_FROM.format(t="x", practice=PRACTICE_GROUP_ID)
    clauses, args = _sql_filter(store, flt, "s.date", themes)
    clauses = [*more_where, *clauses]
    args = [*more_args, *args]
    where = f"where {' and '.join(clauses)}" if clauses else ""
    with store.sqlite_errors():
        total = store.conn.execute(f"select count(*) from {table} x {joins} {where}",
                                   args).fetchone()[0]
        page = "" if limit is None else f" limit {int(limit)} offset {int(offset)}"
        rows = store.query_dicts(
            f"select {_PLACE_COLUMNS} from {table} x {joins} {where} "
            f"order by {order_by}{page}",
            args)
    return _with_places(store, model, rows), total


def _newest_first(store: Store, model, table: str, limit: int | None, offset: int
                  ) -> tuple[list[tuple], int]:
    """As `_paged` with `_NEWEST_FIRST` and no filter, read in the order of the meetings'
    date index: a page of the newest costs the same at any number of meetings (sorting
    every row first took a second at 100,000). The rows of no meeting (or of a practice
    run) come last, as there."""
    from ..models import PRACTICE_GROUP_ID

    group = ("left join groups g on g.id = coalesce(nullif(x.group_id, ''), s.group_id) "
             f"and g.id != '{PRACTICE_GROUP_ID}'")
    held = (f"from sessions s cross join {table} x on x.session_id = s.id {group} "
            f"where s.group_id != '{PRACTICE_GROUP_ID}'")
    apart = (f"from {table} x left join sessions s on s.id = x.session_id and s.group_id != "
             f"'{PRACTICE_GROUP_ID}' {group} where s.id is null")
    with store.sqlite_errors():
        total = store.query(f"select count(*) from {table}")[0][0]
        page = -1 if limit is None else int(limit)
        rows = store.query_dicts(f"select {_PLACE_COLUMNS} {held} order by s.date desc, "
                                 f"x.created_at, x.rowid limit {page} offset {int(offset)}", [])
        if limit is None or len(rows) < limit:  # the held ones ran out: those apart follow
            before = (offset + len(rows) if rows or offset == 0 else
                      store.query(f"select count(*) {held}")[0][0])
            rows += store.query_dicts(
                f"select {_PLACE_COLUMNS} {apart} order by x.created_at, x.rowid limit "
                f"{-1 if limit is None else int(limit) - len(rows)} offset "
                f"{max(0, offset - before)}", [])
    return _with_places(store, model, rows), total


def _actions_in_order(store: Store, model, open_only: bool, limit: int | None, offset: int
                      ) -> tuple[list[tuple], int]:
    """The actions without a filter in the list's order, read part by part through the
    index on (status, due, what): open, done, cancelled; in each, by due date, those
    without one last. (An open action is overdue exactly when its date is past: by due
    date, the overdue ones come first.) A page costs the same at any number of actions;
    sorting them all took two seconds at 100,000 meetings."""
    from ..models import PRACTICE_GROUP_ID

    joins = _WHERE_FROM.format(t="x", practice=PRACTICE_GROUP_ID)
    statuses = [ActionStatus.OPEN] if open_only else [
        ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.CANCELLED]
    parts = [(f"x.status = '{status.value}' and x.due is {dated}", order)
             for status in statuses
             for dated, order in (("not null", "x.due, x.what, x.created_at, x.rowid"),
                                  ("null", "x.what, x.created_at, x.rowid"))]
    others = ("x.status not in ('open', 'done', 'cancelled')" if not open_only else "0")
    parts.append((others, "x.due is null, x.due, x.what, x.created_at, x.rowid"))
    rows: list[dict] = []
    total, skip = 0, offset
    with store.sqlite_errors():
        for where, order in parts:
            count = store.query(f"select count(*) from actions x where {where}")[0][0]
            total += count
            if (limit is not None and len(rows) >= limit) or skip >= count:
                skip = max(0, skip - count)
                continue
            wanted = -1 if limit is None else limit - len(rows)
            rows += store.query_dicts(
                f"select {_PLACE_COLUMNS} from actions x {joins} where {where} order by {order} "
                f"limit {wanted} offset {skip}", [])
            skip = 0
    return _with_places(store, model, rows), total


def _item(kind: str, id: str, text: str, where_from: tuple, themes=(), **kwargs) -> Item:
    session_id, title, date, group_name = where_from
    return Item(kind=kind, id=id, text=text, group_name=group_name or "",
                session_id=session_id, session_title=title or "",
                date=kwargs.pop("date", dt.date.fromisoformat(date) if date else None),
                themes=tuple(themes), **kwargs)


# Newest first; an item without a meeting last; the same day in the order they were made.
_NEWEST_FIRST = "coalesce(s.date, '') desc, x.created_at, x.rowid"


def lessons(store: Store, flt: Filter = Filter(), limit: int | None = None,
            offset: int = 0) -> Page:
    """The lessons the filter admits, newest first: a page of `limit` from `offset`
    (every one without a limit), read and filtered in SQL."""
    from ..models import Lesson

    rows, total = (_newest_first(store, Lesson, "lessons", limit, offset) if flt == Filter()
                   else _paged(store, Lesson, "lessons", flt, "x.themes", _NEWEST_FIRST,
                               limit, offset))
    return Page([_item("lesson", lesson.id, lesson.text, where_from, lesson.themes,
                       detail=", ".join(lesson.themes))
                 for lesson, *where_from in rows], total)


def _practice() -> str:
    from ..models import PRACTICE_GROUP_ID

    return PRACTICE_GROUP_ID


# The questions with their last page of history (pages are kept oldest first) taken out of
# the JSON column by SQLite, once per read: the list needs that page's date, meeting and
# what it left open, not every page validated as a model (at 100,000 meetings that took
# 0.4 s for the first screenful).
_QUESTIONS = ("with q as materialized (select id, group_id, question, status, to_region, "
              "themes, session_id, created_at, rowid as rid, json_extract(history, '$[#-1]') "
              "as last from slow_questions) ")


def slow_questions(store: Store, flt: Filter = Filter(), open_only: bool = True,
                   limit: int | None = None, offset: int = 0, whole: bool = True) -> Page:
    """The slow questions the filter admits: open ones first, answered ones after them,
    each in the order they were asked. Filtered, ordered and paged by SQLite: a question's
    date is its last meeting's on it (else the date of the meeting that first took it up),
    its group its own or else that meeting's. Each item's `extra` holds the question's
    status, region flag and what its last page left open; with `whole`, also the question
    itself (`extra["question"]`, every page: read for this page only)."""
    from ..i18n import term, _

    practice = _practice()
    joins = ("from q left join sessions s on s.id = coalesce(json_extract(q.last, "
             f"'$.session_id'), q.session_id) and s.group_id != '{practice}' "
             f"left join sessions s0 on s0.id = q.session_id and s0.group_id != '{practice}' "
             "left join groups g on g.id = coalesce(nullif(q.group_id, ''), s.group_id) "
             f"and g.id != '{practice}'")
    date = "coalesce(json_extract(q.last, '$.date'), s0.date)"
    clauses, args = _sql_filter(store, flt, date, "q.themes")
    if open_only:
        clauses.insert(0, "q.status != ?")
        args.insert(0, SlowQuestionStatus.SETTLED.value)
    where = f"where {' and '.join(clauses)}" if clauses else ""
    page = "" if limit is None else f" limit {int(limit)} offset {int(offset)}"
    with store.sqlite_errors():
        # The number of the whole list with the page (a window): one pass over the JSON.
        rows = store.query(
            f"{_QUESTIONS} select q.id, q.question, q.status, q.to_region, q.themes, {date}, "
            "json_extract(q.last, '$.left_open'), s.id, s.title, s.date, g.name, "
            f"count(*) over () {joins} {where} order by q.status = "
            f"'{SlowQuestionStatus.SETTLED.value}', q.created_at, q.rid{page}", args)
        total = rows[0][-1] if rows else (
            0 if not offset else store.conn.execute(
                f"{_QUESTIONS} select count(*) {joins} {where}", args).fetchone()[0])
    questions = ({q.id: q for q in store.rows_by_id(SlowQuestion, [r[0] for r in rows])}
                 if whole else {})
    found = []
    for id, text, status, to_region, themes_json, day, left_open, *where_from, _n in rows:
        status = SlowQuestionStatus(status)
        detail = term(status) + (" · " + _("to the region") if to_region else "")
        extra = {"status": status, "to_region": bool(to_region),
                 "left_open": _json_list(left_open)}
        if whole:
            extra["question"] = questions[id]
        found.append(_item("slow-question", id, text, tuple(where_from),
                           _json_list(themes_json), detail=detail,
                           date=dt.date.fromisoformat(day) if day else None, extra=extra))
    return Page(found, total)


def _json_list(value: str | None) -> list:
    import json

    try:
        found = json.loads(value) if value else []
    except ValueError:
        return []
    return found if isinstance(found, list) else []


def _pole_key(pole_a: str, pole_b: str) -> frozenset:
    """A tension by its two poles, in any case and either order."""
    return frozenset({(pole_a or "").casefold().strip(), (pole_b or "").casefold().strip()})


def tensions(store: Store, flt: Filter = Filter(), limit: int | None = None,
             offset: int = 0) -> Page:
    """Tensions by their two poles (any case, either order), most frequent first: a
    tension that comes back in several meetings is the group's, not one case's. Counted
    by SQLite per pair of poles as written (a few pairs however many meetings), those
    pairs merged here; each shown as its latest meeting named it (the same day: the one
    stored last). Filtered in SQL (a theme is a theme of the tension's case)."""
    practice = _practice()
    clauses, args = _sql_filter(store, flt, "s.date",
                                "(select c.themes from cases c where c.id = x.case_id)")
    where = " and ".join(["g.id is not null", *clauses])
    # SQLite takes the bare columns of a group from the row of its max(): the latest.
    sql = ("select x.id, x.pole_a, x.pole_b, x.case_id, s.id, s.title, s.date, g.name, "
           "count(*), max(coalesce(s.date, '') || printf(' %020d', x.rowid)) from tensions x "
           f"join groups g on g.id = x.group_id and g.id != '{practice}' "
           f"left join sessions s on s.id = x.session_id and s.group_id != '{practice}' "
           f"where {where} group by x.pole_a, x.pole_b")
    by_poles: dict[frozenset, tuple[int, tuple]] = {}
    for row in store.query(sql, args):
        key = _pole_key(row[1], row[2])
        count, latest = by_poles.get(key, (0, None))
        by_poles[key] = (count + row[8], row if latest is None or row[9] > latest[9]
                         else latest)
    rows = sorted(((count, row) for count, row in by_poles.values()),
                  key=lambda pair: (-pair[0], f"{pair[1][1]} ↔ {pair[1][2]}".casefold()))
    total = len(rows)
    rows = rows[offset:None if limit is None else offset + limit]
    themes_of = case_queries.cases_by_ref(store, {row[3] for _n, row in rows if row[3]})
    found = []
    for count, (id, pole_a, pole_b, case_id, *where_from, _n, _latest) in rows:
        themes = themes_of[case_id].themes if case_id in themes_of else []
        found.append(_item("tension", id, f"{pole_a} ↔ {pole_b}", tuple(where_from), themes,
                           count=count, detail=f"{count}×"))
    return Page(found, total)


def precedents(store: Store, flt: Filter = Filter(), limit: int | None = None,
               offset: int = 0) -> Page:
    """The precedents the filter admits, newest first, a page read in SQL."""
    from ..models import Precedent

    rows, total = (_newest_first(store, Precedent, "precedents", limit, offset)
                   if flt == Filter() else
                   _paged(store, Precedent, "precedents", flt, "x.themes", _NEWEST_FIRST,
                          limit, offset))
    return Page([_item("precedent", p.id, p.dilemma or p.title, where_from, p.themes,
                       detail=", ".join(p.values), extra={"precedent": p})
                 for p, *where_from in rows], total)


def actions(store: Store, flt: Filter = Filter(), today: dt.date | None = None,
            open_only: bool = False, limit: int | None = None, offset: int = 0) -> Page:
    """Actions across meetings: open ones first (overdue ones marked, first), then done
    ones, then cancelled ones; each by due date and text. A page read in SQL."""
    from ..i18n import format_date, term
    from ..models import Action

    today = today or dt.date.today()
    more_where, more_args = [], []
    if open_only:
        more_where.append("x.status = ?")
        more_args.append(ActionStatus.OPEN.value)
    order = (
        "case x.status when 'open' then 0 when 'done' then 1 else 2 end, "
        f"not (x.status = 'open' and x.due is not null and x.due < '{today.isoformat()}'), "
        "coalesce(x.due, '9999-12-31'), x.what, x.created_at, x.rowid")
    rows, total = (_actions_in_order(store, Action, open_only, limit, offset)
                   if flt == Filter() else
                   _paged(store, Action, "actions", flt, None, order, limit, offset,
                          more_where, more_args))
    found = []
    for a, *where_from in rows:
        overdue = a.status == ActionStatus.OPEN and a.due is not None and a.due < today
        detail = " · ".join(p for p in (a.owner, format_date(a.due), term(a.status)) if p)
        found.append(_item("action", a.id, a.what, where_from, detail=detail,
                           overdue=overdue, extra={"action": a}))
    return Page(found, total)


def themes(store: Store) -> list[str]:
    """Every theme a case, lesson or slow question carries, for a filter to offer: read
    by SQLite from the JSON columns, not a model per row."""
    found = set()
    for table in ("cases", "lessons", "slow_questions"):
        # The distinct lists first: a region's 150,000 lessons carry a handful of them.
        found |= {row[0] for row in store.query(
            f"select distinct j.value from (select distinct themes from {table}) t, "
            "json_each(t.themes) j where json_valid(t.themes) and j.type = 'text'")}
    return sorted(found, key=str.casefold)


# The knowledge screen reads a page of each list at a time.
PAGE = 50


def everything(store: Store, flt: Filter = Filter(), today: dt.date | None = None,
               limit: int | None = None) -> dict[str, Page]:
    """The knowledge screen's lists, by kind: the first page of each (`limit`, default
    PAGE), with the number the whole list holds."""
    limit = PAGE if limit is None else limit
    return {kind: page(store, kind, flt, today, limit) for kind in KINDS}


def page(store: Store, kind: str, flt: Filter = Filter(), today: dt.date | None = None,
         limit: int | None = None, offset: int = 0) -> Page:
    """A page of one list of the knowledge screen (`limit`, default PAGE) from `offset`:
    the first, or the next as the list is scrolled on. Actions: the open ones. Slow
    questions: answered ones too, after the open ones, so the group can take one up again;
    each with its last page of history, not every page (`slow_questions`' `whole`)."""
    limit = PAGE if limit is None else limit
    if kind == "action":
        return actions(store, flt, today, open_only=True, limit=limit, offset=offset)
    if kind == "slow-question":
        return slow_questions(store, flt, open_only=False, limit=limit, offset=offset,
                              whole=False)
    return {"lesson": lessons, "tension": tensions, "precedent": precedents}[kind](
        store, flt, limit, offset)
