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

from ..models import ActionStatus, SlowQuestion, SlowQuestionStatus
from ..storage.store import Store
from ..library import queries as case_queries
from .pages import (
    Filter, action_rows, lesson_rows, precedent_rows, sql_filter,
)

KINDS = ("lesson", "slow-question", "tension", "precedent", "action")


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


def _with_places(store: Store, model, rows: list[dict]) -> list[tuple]:
    """Each row as its model, with its meeting's id, title and date and its group's name."""
    found = []
    for row in rows:
        place = (row.pop("_s_id"), row.pop("_s_title"), row.pop("_s_date"), row.pop("_g_name"))
        found.append((store.load(model, row), *place))  # the row without them is the model's
    return found


def _item(kind: str, id: str, text: str, where_from: tuple, themes=(), **kwargs) -> Item:
    session_id, title, date, group_name = where_from
    return Item(kind=kind, id=id, text=text, group_name=group_name or "",
                session_id=session_id, session_title=title or "",
                date=kwargs.pop("date", dt.date.fromisoformat(date) if date else None),
                themes=tuple(themes), **kwargs)


def lessons(store: Store, flt: Filter = Filter(), limit: int | None = None,
            offset: int = 0) -> Page:
    """The lessons the filter admits, newest first: a page of `limit` from `offset`
    (every one without a limit), read and filtered in SQL."""
    from ..models import Lesson

    found, total = lesson_rows(store, flt, limit, offset)
    rows = _with_places(store, Lesson, found)
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
    clauses, args = sql_filter(store, flt, date, "q.themes")
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
    clauses, args = sql_filter(store, flt, "s.date",
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

    found, total = precedent_rows(store, flt, limit, offset)
    rows = _with_places(store, Precedent, found)
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
    rows, total = action_rows(store, flt, today, open_only, limit, offset)
    rows = _with_places(store, Action, rows)
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
