"""Evaluation over time: anonymous answers in three domains, and the group's course."""

from __future__ import annotations

import datetime as dt

import pytest

from livinglab.memory import evaluation
from livinglab.models import AgendaItem, Group, Session, SessionStatus, StepTime
from livinglab.storage.store import Store

from conftest import run_cli, empty_db
from livinglab.memory import queries as memory_queries


def meetings(store, n=3):
    group = store.save(Group(name="Werkgroep"))
    return group, [store.save(Session(title=f"B{i}", group_id=group.id,
                                      date=dt.date(2026, 1 + i, 5),
                                      status=SessionStatus.FINISHED)) for i in range(n)]


def test_answers_are_kept_without_a_person_and_checked(store):
    _group, [first, *_] = meetings(store)
    kept = evaluation.record(store, first.id, {"notice": 4, "speak": 5}, " Meer tijd ")
    assert memory_queries.evaluations(store, session_id=first.id) == [kept]
    assert kept.open_answer == "Meer tijd"
    assert not {"person_id", "created_at"} & set(kept.model_dump())  # nothing names anyone
    with pytest.raises(ValueError, match="notice: a score from 1 to 5"):
        evaluation.record(store, first.id, {"notice": 6})
    with pytest.raises(ValueError, match="nope: no such evaluation item"):
        evaluation.record(store, first.id, {"nope": 3})
    assert len(memory_queries.evaluations(store)) == 1


def test_every_domain_has_items_in_both_languages():
    assert {domain for domain, _text in evaluation.ITEMS.values()} == set(evaluation.DOMAINS)
    assert all(text["nl"] and text["en"] for _d, text in evaluation.ITEMS.values())


def test_the_course_shows_domains_ratings_and_time_over_meetings(capsys, tmp_path):
    path = tmp_path / "c.db"
    with Store(empty_db(path)) as store:
        group, sessions = meetings(store)
        for session, scores in zip(sessions, [(2, 3, 2, 3), (3, 4, 3, 4), (5, 5, 5)]):
            for score in scores:
                evaluation.record(store, session.id, {"notice": score, "values": score,
                                                      "speak": 3, "act": 1})
            item = store.save(AgendaItem(session_id=session.id, position=1,
                                                     title="Casus"))
            store.save_entry(item.id, "rating", {"score": scores[1], "comment": ""})
            store.save(StepTime(item_id=item.id, step_id="a", planned_seconds=600,
                                          spent_seconds=600 * scores[0] / 3))
        # The next meeting is planned, with its time planned and none spent: not a point.
        planned = store.save(Session(title="B3", group_id=group.id, date=dt.date(2026, 5, 5)))
        item = store.save(AgendaItem(session_id=planned.id, position=1, title="Casus"))
        store.save(StepTime(item_id=item.id, step_id="a", planned_seconds=600))
        found = evaluation.course(store, group.id)
        # two answers more for the first meeting, and a fourth held meeting answered by two:
        # its figure would be those two people's, so it is not shown
        fourth = store.save(Session(title="B4", group_id=group.id, date=dt.date(2026, 4, 1),
                                    status=SessionStatus.FINISHED))
        for score in (1, 2):
            evaluation.record(store, fourth.id, {"notice": score, "values": score})
        assert len(evaluation.course(store, group.id).domains["competence"]) == 3
    assert [p.value for p in found.domains["competence"]] == [2.5, 3.5, 5.0]
    assert [p.value for p in found.domains["teamwork"]] == [3, 3, 3]
    assert [p.value for p in found.ratings] == [3, 4, 5]
    assert [round(p.value, 2) for p in found.time_used] == [0.67, 1.0, 1.67]
    code, out, _err = run_cli(capsys, "--db", str(path), "course", "--group", "werkgroep")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Moral", "competence", "▄▅█", "5.0", "(3)"]
    assert lines[3].split()[-3:] == ["▅▆█", "5.0", "(3)"]


def test_sparkline_scales_between_bounds():
    assert evaluation.sparkline([1, 3, 5], 1, 5) == "▁▅█"
    assert evaluation.sparkline([2, 2]) == "▁▁"
    assert evaluation.sparkline([]) == ""
