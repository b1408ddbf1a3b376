"""The knowledge lists read a page at a time and filter in SQL (issue 27): each page
holds the rows the filter admits, in the list's order, and the number of the whole list;
the pages together are the list the earlier reading of every row gave."""

from __future__ import annotations

import datetime as dt

import pytest

from livinglab.memory import knowledge
from livinglab.memory import queries as memory_queries
from livinglab.memory.knowledge import Filter
from livinglab.meeting import queries as meeting_queries
from livinglab.models import ActionStatus, Group, Lesson
from livinglab.storage.store import Store

from conftest import empty_db

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    from livinglab.demo.history import make_demo

    path = empty_db(tmp_path_factory.mktemp("pages") / "demo.db")
    make_demo(path, TODAY, meetings=40, groups=3)
    with Store(path) as store:
        groups = meeting_queries.groups(store)
        # A municipality in capitals and a lesson without a meeting: the filter's edges.
        store.save(groups[0].model_copy(update={"municipality": "DEN HELDER"}))
        store.save(Lesson(group_id=groups[1].id, text="Zonder bijeenkomst", themes=["Regie"]))
        yield store


def admits(flt: Filter, group, themes: list[str], date) -> bool:
    """What the filter admits, said in Python: the reference the SQL reads are held to."""
    if flt.group_id and (group is None or group.id != flt.group_id):
        return False
    if flt.municipality and (group is None or (group.municipality or "").casefold()
                             != flt.municipality.casefold()):
        return False
    if flt.theme and flt.theme.casefold() not in {t.casefold() for t in themes}:
        return False
    if (flt.since or flt.until) and date is None:
        return False
    if flt.since and date < flt.since:
        return False
    return not (flt.until and date > flt.until)


def every_row(store, model_rows, flt, date_of):
    """The oracle: every row read, its meeting and group looked up, the filter applied in
    Python (as the lists did before issue 27)."""
    groups = {g.id: g for g in meeting_queries.groups(store)}
    sessions = {s.id: s for s in meeting_queries.sessions(store)}
    kept = []
    for row in model_rows:
        session = sessions.get(row.session_id) if row.session_id else None
        group = groups.get(row.group_id or (session.group_id if session else ""))
        if admits(flt, group, getattr(row, "themes", []), date_of(session)):
            kept.append((row, session))
    return kept


def filters(store):
    groups = meeting_queries.groups(store)
    themes = knowledge.themes(store)
    return [Filter(), Filter(group_id=groups[1].id), Filter(theme=themes[0].upper()),
            Filter(municipality="den helder"), Filter(since=dt.date(2026, 3, 1)),
            Filter(until=dt.date(2026, 6, 30), theme=themes[-1]),
            Filter(group_id=groups[0].id, since=dt.date(2025, 12, 1),
                   until=dt.date(2026, 10, 1))]


def test_lessons_pages_are_the_filtered_list_newest_first(demo_store):
    store = demo_store
    for flt in filters(store):
        kept = every_row(store, memory_queries.lessons(store), flt,
                         lambda s: s.date if s else None)
        kept.sort(key=lambda pair: pair[1].date if pair[1] else dt.date.min, reverse=True)
        expected = [lesson.id for lesson, _s in kept]
        whole = knowledge.lessons(store, flt)
        assert [i.id for i in whole] == expected, flt
        assert whole.total == len(expected)
        pages = [knowledge.lessons(store, flt, limit=4, offset=n)
                 for n in range(0, len(expected) + 4, 4)]
        assert [i.id for p in pages for i in p] == expected
        assert {p.total for p in pages} == {len(expected)}
        assert all(len(p) <= 4 for p in pages) and not pages[-1]


def test_actions_pages_are_open_overdue_first_then_by_due_date(demo_store):
    store = demo_store
    order = {ActionStatus.OPEN: 0, ActionStatus.DONE: 1, ActionStatus.CANCELLED: 2}
    for flt in filters(store):
        for open_only in (False, True):
            kept = every_row(store, meeting_queries.actions(store), flt,
                             lambda s: s.date if s else None)
            if flt.theme:
                kept = []  # actions carry no themes
            kept = [(a, s) for a, s in kept if not open_only or a.status == ActionStatus.OPEN]
            overdue = lambda a: a.status == ActionStatus.OPEN and a.due and a.due < TODAY  # noqa: E731
            kept.sort(key=lambda pair: (order[pair[0].status], not overdue(pair[0]),
                                        pair[0].due or dt.date.max, pair[0].what))
            expected = [a.id for a, _s in kept]
            whole = knowledge.actions(store, flt, TODAY, open_only)
            assert [i.id for i in whole] == expected, (flt, open_only)
            assert [i.overdue for i in whole] == [bool(overdue(a)) for a, _s in kept]
            paged = [i.id for n in range(0, len(expected), 5)
                     for i in knowledge.actions(store, flt, TODAY, open_only, 5, n)]
            assert paged == expected


def test_precedents_questions_and_tensions_page_too(demo_store):
    store = demo_store
    for flt in filters(store):
        for kind in ("precedent", "slow-question", "tension"):
            whole = knowledge.page(store, kind, flt, TODAY, limit=10_000)
            pages = [knowledge.page(store, kind, flt, TODAY, limit=2, offset=n)
                     for n in range(0, len(whole) + 2, 2)]
            assert [i.id for p in pages for i in p] == [i.id for i in whole], (kind, flt)
            assert {p.total for p in pages} == {len(whole)}
    kept = every_row(store, memory_queries.precedents(store), Filter(),
                     lambda s: s.date if s else None)
    assert {i.id for i in knowledge.precedents(store)} == {p.id for p, _s in kept}
    assert knowledge.precedents(store)  # the demo holds some: the test can fail


def test_the_first_page_of_every_list_and_its_total(demo_store, monkeypatch):
    monkeypatch.setattr(knowledge, "PAGE", 3)
    lists = knowledge.everything(demo_store, Filter(), TODAY)
    assert set(lists) == set(knowledge.KINDS)
    for kind, shown in lists.items():
        assert len(shown) == min(3, shown.total), kind
    assert lists["lesson"].total > 3


def test_a_municipality_and_a_theme_match_in_any_case(demo_store):
    store = demo_store
    [group] = [g for g in meeting_queries.groups(store) if g.municipality == "DEN HELDER"]
    found = knowledge.lessons(store, Filter(municipality="Den Helder"))
    assert found and {i.group_name for i in found} == {group.name}
    assert store.get(Group, group.id).municipality == "DEN HELDER"
    found = knowledge.lessons(store, Filter(theme="REGIE"))
    assert "Zonder bijeenkomst" in [i.text for i in found]
    assert knowledge.lessons(store, Filter(theme="regie", since=dt.date(2000, 1, 1))).total \
        == found.total - 1  # a lesson without a meeting has no date to be in a period


def every_question(store, flt, open_only):
    """The oracle: every question read whole (as the list did before), its date and group
    by its last page of history, filtered in Python; open ones first, as asked."""
    from livinglab.models import SlowQuestionStatus

    groups = {g.id: g for g in meeting_queries.groups(store)}
    sessions = {s.id: s for s in meeting_queries.sessions(store)}
    kept = []
    for q in memory_queries.slow_questions(store):
        if open_only and q.status == SlowQuestionStatus.SETTLED:
            continue
        session = sessions.get(q.history[-1].session_id if q.history else q.session_id)
        group = groups.get(q.group_id or (session.group_id if session else ""))
        first = sessions.get(q.session_id)
        date = q.history[-1].date if q.history else (first.date if first else None)
        if admits(flt, group, q.themes, date):
            kept.append((q, session, group, date))
    kept.sort(key=lambda k: k[0].status == SlowQuestionStatus.SETTLED)  # stable: as asked
    return kept


def test_slow_questions_are_read_by_their_last_page_in_sql(demo_store):
    store = demo_store
    questions = memory_queries.slow_questions(store)
    assert len(questions) > 1 and any(len(q.history) > 1 for q in questions)  # can fail
    for flt in filters(store):
        for open_only in (True, False):
            expected = every_question(store, flt, open_only)
            for whole in (True, False):
                found = knowledge.slow_questions(store, flt, open_only, whole=whole)
                assert [i.id for i in found] == [q.id for q, *_ in expected], flt
                assert found.total == len(expected)
                for item, (q, session, group, date) in zip(found, expected):
                    assert (item.text, item.date, item.themes) == (q.question, date,
                                                                   tuple(q.themes))
                    assert item.session_id == (session.id if session else None)
                    assert item.group_name == (group.name if group else "")
                    assert item.extra["left_open"] == (q.history[-1].left_open
                                                       if q.history else [])
                    assert (item.extra["status"], item.extra["to_region"]) == (
                        q.status, q.to_region)
                    assert ("question" in item.extra) == whole
                    if whole:
                        assert item.extra["question"] == q
            paged = [i.id for n in range(0, len(expected) + 2, 2)
                     for i in knowledge.slow_questions(store, flt, open_only, 2, n)]
            assert paged == [q.id for q, *_ in expected]


def every_tension(store, flt):
    """The oracle: every tension with its meeting, grouped by its poles in Python."""
    from livinglab.models import Case, Tension

    groups = {g.id: g for g in meeting_queries.groups(store)}
    sessions = {s.id: s for s in meeting_queries.sessions(store)}
    cases = {c.id: c for c in store.select(Case)}
    by_poles = {}
    for t in store.select(Tension, order_by="rowid"):
        session = sessions.get(t.session_id)
        group = groups.get(t.group_id)
        themes = cases[t.case_id].themes if t.case_id in cases else []
        if group is None or not admits(flt, group, themes,
                                     session.date if session else None):
            continue
        key = frozenset({t.pole_a.casefold().strip(), t.pole_b.casefold().strip()})
        by_poles.setdefault(key, []).append((t, session))
    found = []
    for seen in by_poles.values():
        # the latest meeting's (the same day: the one stored last)
        t, session = max(reversed(seen), key=lambda p: p[1].date.isoformat() if p[1] else "")
        found.append((len(seen), f"{t.pole_a} ↔ {t.pole_b}", session))
    found.sort(key=lambda f: (-f[0], f[1].casefold()))
    return found


def test_tensions_are_counted_by_their_poles_in_sql(demo_store):
    store = demo_store
    assert any(n > 1 for n, _text, _s in every_tension(store, Filter()))  # the test can fail
    for flt in filters(store):
        expected = every_tension(store, flt)
        found = knowledge.tensions(store, flt)
        assert [(i.count, i.text) for i in found] == [(n, text) for n, text, _s in expected]
        assert [i.session_id for i in found] == [s.id if s else None for *_n, s in expected]
        assert found.total == len(expected)


def test_themes_are_every_theme_of_cases_lessons_and_questions(demo_store):
    import json

    store = demo_store
    carried = set()
    for rows in (store.query("select themes from cases"), store.query(
            "select themes from lessons"), store.query("select themes from slow_questions")):
        for (value,) in rows:
            carried |= set(json.loads(value or "[]"))
    assert knowledge.themes(store) == sorted(carried, key=str.casefold) and carried
