"""What a group has learned, across its meetings: lessons, slow questions, recurring
tensions, moral precedents and actions, each with the meeting it came from.

One filter serves the command line and the knowledge screen: group, theme, municipality
and period. Each list is read with one query per table, whatever the number of meetings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import ActionStatus, Group, Session, SlowQuestionStatus
from ..storage.store import Store
from ..library import queries as case_queries
from ..meeting import queries as meeting_queries
from . import queries as memory_queries

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


class _Context:
    """Groups and meetings by id, read once."""

    def __init__(self, store: Store):
        self.groups = {g.id: g for g in meeting_queries.groups(store)}
        self.sessions = {s.id: s for s in meeting_queries.sessions(store)}

    def where(self, group_id: str | None, session_id: str | None):
        session = self.sessions.get(session_id) if session_id else None
        group = self.groups.get(group_id or (session.group_id if session else ""))
        return group, session

    def item(self, kind: str, id: str, text: str, group_id: str | None,
             session_id: str | None, themes=(), **kwargs) -> dict:
        group, session = self.where(group_id, session_id)
        return dict(kind=kind, id=id, text=text, group_name=group.name if group else "",
                    session_id=session.id if session else None,
                    session_title=session.title if session else "",
                    date=kwargs.pop("date", session.date if session else None),
                    themes=tuple(themes), **kwargs), group, session


def lessons(store: Store, flt: Filter = Filter()) -> list[Item]:
    ctx = _Context(store)
    found = []
    for lesson in memory_queries.lessons(store):
        values, group, session = ctx.item("lesson", lesson.id, lesson.text, lesson.group_id,
                                          lesson.session_id, lesson.themes,
                                          detail=", ".join(lesson.themes))
        if flt.admits(group, session, lesson.themes, values["date"]):
            found.append(Item(**values))
    return sorted(found, key=lambda i: (i.date or dt.date.min), reverse=True)


def slow_questions(store: Store, flt: Filter = Filter(), open_only: bool = True) -> list[Item]:
    from ..i18n import term, _

    ctx = _Context(store)
    found = []
    for q in memory_queries.slow_questions(store):
        if open_only and q.status == SlowQuestionStatus.SETTLED:
            continue
        last = q.history[-1].date if q.history else None
        detail = term(q.status) + (" · " + _("to the region") if q.to_region else "")
        values, group, session = ctx.item(
            "slow-question", q.id, q.question, q.group_id,
            q.history[-1].session_id if q.history else q.session_id, q.themes,
            detail=detail, date=last or (ctx.where(None, q.session_id)[1].date
                                         if q.session_id in ctx.sessions else None),
            extra={"question": q})
        if flt.admits(group, session, q.themes, values["date"]):
            found.append(Item(**values))
    return found


def tensions(store: Store, flt: Filter = Filter()) -> list[Item]:
    """Tensions by their two poles (any case, either order), most frequent first: a
    tension that comes back in several meetings is the group's, not one case's."""
    ctx = _Context(store)
    cases = {c.id: c for c in case_queries.cases(store)}
    by_poles: dict[frozenset, list] = {}
    for group_id in ctx.groups:
        for t in memory_queries.tensions(store, group_id):
            _group, session = ctx.where(t.group_id, t.session_id)
            themes = cases[t.case_id].themes if t.case_id in cases else []
            if flt.admits(ctx.groups.get(t.group_id), session, themes,
                          session.date if session else None):
                key = frozenset({t.pole_a.casefold().strip(), t.pole_b.casefold().strip()})
                by_poles.setdefault(key, []).append((t, session, themes))
    found = []
    for seen in by_poles.values():
        seen.sort(key=lambda s: s[1].date if s[1] else dt.date.min)
        t, session, themes = seen[-1]
        values, _g, _s = ctx.item("tension", t.id, f"{t.pole_a} ↔ {t.pole_b}", t.group_id,
                                  t.session_id, themes, count=len(seen),
                                  detail=f"{len(seen)}×")
        found.append(Item(**values))
    return sorted(found, key=lambda i: (-i.count, i.text.casefold()))


def precedents(store: Store, flt: Filter = Filter()) -> list[Item]:
    from .precedents import all_precedents

    ctx = _Context(store)
    found = []
    for p in all_precedents(store):
        values, group, session = ctx.item("precedent", p.id, p.dilemma or p.title, p.group_id,
                                          p.session_id, p.themes, detail=", ".join(p.values),
                                          extra={"precedent": p})
        if flt.admits(group, session, p.themes, values["date"]):
            found.append(Item(**values))
    return sorted(found, key=lambda i: (i.date or dt.date.min), reverse=True)


def actions(store: Store, flt: Filter = Filter(), today: dt.date | None = None,
            open_only: bool = False) -> list[Item]:
    """Actions across meetings: open ones first (overdue ones marked), then done ones."""
    from ..i18n import format_date, term

    today = today or dt.date.today()
    ctx = _Context(store)
    found = []
    for a in meeting_queries.actions(store):
        if open_only and a.status != ActionStatus.OPEN:
            continue
        overdue = a.status == ActionStatus.OPEN and a.due is not None and a.due < today
        detail = " · ".join(p for p in (a.owner, format_date(a.due),
                                        term(a.status)) if p)
        values, group, session = ctx.item("action", a.id, a.what, a.group_id, a.session_id,
                                          detail=detail, overdue=overdue,
                                          extra={"action": a})
        if flt.admits(group, session, [], values["date"]):  # actions carry no themes
            found.append(Item(**values))
    order = {ActionStatus.OPEN: 0, ActionStatus.DONE: 1, ActionStatus.CANCELLED: 2}
    return sorted(found, key=lambda i: (order[i.extra["action"].status], not i.overdue,
                                        i.extra["action"].due or dt.date.max, i.text))


def themes(store: Store) -> list[str]:
    """Every theme a case, lesson or slow question carries, for a filter to offer."""
    found = {t for c in case_queries.cases(store) for t in c.themes}
    found |= {t for lesson in memory_queries.lessons(store) for t in lesson.themes}
    found |= {t for q in memory_queries.slow_questions(store) for t in q.themes}
    return sorted(found, key=str.casefold)


def everything(store: Store, flt: Filter = Filter(), today: dt.date | None = None
               ) -> dict[str, list[Item]]:
    """The knowledge screen's lists, by kind."""
    return {"lesson": lessons(store, flt), "slow-question": slow_questions(store, flt),
            "tension": tensions(store, flt), "precedent": precedents(store, flt),
            "action": actions(store, flt, today, open_only=True)}
