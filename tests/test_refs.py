"""One reference rule for every noun (issue 23): the exact id, the noun's own words (a
group's name, a case's slug, `latest`), else a unique start of the id in either case;
nothing and several said the same way."""

from __future__ import annotations

import datetime as dt

import pytest

from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.models import (
    PRACTICE_GROUP_ID, Case, CaseKind, Group, Lesson, Series, Session, SessionStatus,
    SlowQuestion,
)
from livinglab.meeting.series import find_series
from livinglab.memory import queries as memory_queries
from livinglab.practice import find_practice_session, practice_group
from livinglab.sharing.publish import mark_shared
from livinglab.storage.refs import RefError

DAY = dt.date(2026, 3, 2)
AB1, AB2 = "ab100000-0000-0000-0000-000000000000", "ab200000-0000-0000-0000-000000000000"


def two_of_each(store):
    """Two groups, two meetings, two practice runs, two cases, two lessons, two series and
    two slow questions whose ids start alike (ab1..., ab2...)."""
    groups = [store.save(Group(id=id_, name=name)) for id_, name in
              (("ab100000-0000-0000-0000-00000000000a", "Wijkteam Noord"),
               ("ab200000-0000-0000-0000-00000000000a", "Élan Zuid"))]
    practice_group(store)
    meetings = [store.save(Session(id=id_, title="x", group_id=groups[0].id, date=DAY,
                                   status=SessionStatus.FINISHED)) for id_ in (AB1, AB2)]
    runs = [store.save(Session(id=id_[:-1] + "b", title="p", group_id=PRACTICE_GROUP_ID,
                               date=DAY)) for id_ in (AB1, AB2)]
    cases = [store.save(Case(id=id_[:-1] + "c", slug=slug, title=slug, kind=CaseKind.DILEMMA))
             for id_, slug in ((AB1, "huur"), (AB2, "fraude"))]
    lessons = [store.save(Lesson(id=id_[:-1] + "d", group_id=groups[0].id,
                                 session_id=meetings[0].id, text="les")) for id_ in (AB1, AB2)]
    series = [store.save(Series(id=id_[:-1] + "e", name=name, group_id=groups[0].id))
              for id_, name in ((AB1, "Werkgroep 2027"), (AB2, "Stuurgroep 2027"))]
    # ab1f..., ab2f...: shareable like the lessons, so `mark_shared` tells them apart by
    # their fourth character
    questions = [store.save(SlowQuestion(id=id_[:3] + "f" + id_[4:], group_id=groups[0].id,
                                         question="Hoe?")) for id_ in (AB1, AB2)]
    return groups, meetings, runs, cases, lessons, series, questions


FINDERS = {
    "group": (meeting_queries.find_group, 0, "no group called {ref}",
              "{ref} matches more than one group; give more of the id"),
    "meeting": (meeting_queries.find_session, 1, "no meeting with id {ref}",
                "{ref} matches more than one meeting; give more of the id"),
    "practice run": (find_practice_session, 2, "no practice run with id {ref}",
                     "{ref} matches more than one practice run; give more of the id"),
    "case": (case_queries.find_case, 3, "no case with id {ref}",
             "{ref} matches more than one case; give more of the id"),
    "series": (find_series, 5, "no series {ref}",
               "{ref} matches more than one series; give more of the id"),
    "slow question": (memory_queries.find_slow_question, 6, "no slow question with id {ref}",
                      "{ref} matches more than one slow question; give more of the id"),
}


@pytest.mark.parametrize("noun", FINDERS)
def test_every_noun_is_found_by_its_id_or_a_unique_start_of_it_in_either_case(store, noun):
    find, index, missing, several = FINDERS[noun]
    rows = two_of_each(store)[index]
    assert find(store, rows[0].id) == rows[0]
    assert find(store, rows[1].id[:3]) == rows[1]
    assert find(store, rows[1].id[:3].upper()) == rows[1]
    with pytest.raises(RefError) as error:
        find(store, "ab")
    assert str(error.value) == several.format(ref="ab")
    for nothing in ("zz", ""):
        with pytest.raises(RefError) as error:
            find(store, nothing)
        assert str(error.value) == missing.format(ref=nothing)


def test_a_noun_finds_only_its_own_rows(store):
    _groups, meetings, runs, *_rest = two_of_each(store)
    with pytest.raises(RefError, match="no meeting with id"):
        meeting_queries.find_session(store, runs[0].id)
    with pytest.raises(RefError, match="no practice run with id"):
        find_practice_session(store, meetings[0].id)
    with pytest.raises(RefError, match="no group called"):
        meeting_queries.find_group(store, PRACTICE_GROUP_ID)


def test_a_noun_is_found_by_its_own_words(store):
    groups, meetings, runs, cases, _lessons, series, _questions = two_of_each(store)
    assert meeting_queries.find_group(store, "wijkteam noord") == groups[0]
    assert meeting_queries.find_group(store, "ÉLAN ZUID") == groups[1]  # not only ASCII
    assert case_queries.find_case(store, "fraude") == cases[1]
    assert meeting_queries.find_session(store, "latest") in meetings
    assert find_practice_session(store, "latest") in runs
    assert find_series(store, "werkgroep 2027") == series[0]


def test_several_kinds_at_once_are_found_by_the_same_rule(store):
    lessons = two_of_each(store)[4]
    assert mark_shared(store, lessons[1].id[:4].upper(), False) == ("lessons", lessons[1])
    with pytest.raises(LookupError, match="ab matches more than one record"):
        mark_shared(store, "ab")
