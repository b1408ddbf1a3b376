"""Nothing that should stay the same grows with a group's history (issue 15): the
meeting list is paged, the minutes' action list is read at once, ids are found by index."""

from __future__ import annotations

import datetime as dt

import pytest

from livinglab.minutes import render_minutes
from livinglab.models import Action, ActionStatus, Group, Session, SessionStatus
from livinglab.minutes.record import load_meeting
from livinglab.storage.store import Store, StoreError

from conftest import run_cli, empty_db
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries

START = dt.date(2026, 1, 5)


def meetings(store, count, titles=None):
    """`count` finished meetings of one group, a week apart, oldest first."""
    group = store.save(Group(name="Wijkteam Havenkwartier"))
    made = []
    for n in range(count):
        title = titles[n] if titles else f"Bijeenkomst {n + 1}"
        made.append(store.save(Session(
            title=title, group_id=group.id, date=START + dt.timedelta(weeks=n),
            status=SessionStatus.FINISHED)))
    return group, made


def listed_titles(out):
    """The Title column of `sessions list`, top to bottom, cut where the rule under the
    header shows it."""
    import re

    header, rule, *rows = out.splitlines()
    start, end = [m.span() for m in re.finditer(r"-+", rule)][-2]  # Title, before Id
    return [row[start:end].strip() for row in rows]


# --- sessions list ------------------------------------------------------------------------


@pytest.fixture
def seven(db_path):
    with Store(empty_db(db_path)) as store:
        meetings(store, 7)
    return str(db_path)


def test_the_list_shows_the_newest_and_says_how_many_more_there_are(capsys, seven):
    code, out, err = run_cli(capsys, "--lang", "en", "--db", seven, "sessions", "list",
                             "--limit", "3")
    assert code == 0
    assert listed_titles(out) == ["Bijeenkomst 7", "Bijeenkomst 6", "Bijeenkomst 5"]
    assert err == ("4 older meetings not shown: --limit N shows more, --all shows every "
                   "one\n")


def test_all_lists_every_meeting_without_a_more_line(capsys, seven):
    code, out, err = run_cli(capsys, "--lang", "en", "--db", seven, "sessions", "list",
                             "--all")
    assert code == 0 and err == ""
    assert listed_titles(out) == [f"Bijeenkomst {n}" for n in range(7, 0, -1)]


def test_fewer_meetings_than_the_limit_are_all_listed_without_a_more_line(capsys, seven):
    code, out, err = run_cli(capsys, "--db", seven, "sessions", "list")
    assert code == 0 and err == "" and len(listed_titles(out)) == 7


def test_the_more_line_is_in_dutch_too(capsys, seven):
    _code, _out, err = run_cli(capsys, "--lang", "nl", "--db", seven, "sessions", "list",
                               "--limit", "5")
    assert err.startswith("2 oudere bijeenkomsten niet getoond")


def test_titles_that_look_like_numbers_are_printed_as_typed(capsys, db_path):
    with Store(empty_db(db_path)) as store:
        meetings(store, 3, titles=["007", "1e3", "0.50"])
    _code, out, _err = run_cli(capsys, "--db", str(db_path), "sessions", "list")
    assert listed_titles(out) == ["0.50", "1e3", "007"]


def test_a_limit_below_one_is_a_usage_error(capsys, seven):
    code, _out, err = run_cli(capsys, "--lang", "en", "--db", seven, "sessions", "list",
                              "--limit", "0")
    assert code == 2 and "--limit" in err


# --- the minutes' action list ----------------------------------------------------------------


def history_with_actions(store, count):
    """`count` earlier meetings with one action each, every third left open (as groups
    close most of theirs), and a new meeting whose minutes carry the open ones on."""
    group, earlier = meetings(store, count)
    for n, session in enumerate(earlier):
        store.save(Action(
            group_id=group.id, session_id=session.id, what=f"Actie {n + 1}",
            status=ActionStatus.OPEN if n % 3 == 0 else ActionStatus.DONE))
    today = store.save(Session(
        title="Vandaag", group_id=group.id, date=START + dt.timedelta(weeks=count),
        status=SessionStatus.FINISHED))
    return today


def queries_to_load(store, session_id, methods):
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        record = load_meeting(store, session_id, methods)
    finally:
        store.conn.set_trace_callback(None)
    return record, len(statements)


def test_the_action_list_carries_every_open_action_and_no_closed_one(store, methods):
    today = history_with_actions(store, 9)
    text = render_minutes(store, today.id, methods, lang="en")
    for n in (1, 4, 7):
        assert f"Actie {n}" in text
    for n in (2, 3, 5, 6, 8, 9):
        assert f"Actie {n}" not in text


def test_the_action_list_costs_the_same_queries_after_many_meetings(tmp_path, methods):
    with (Store(empty_db(tmp_path / "few.db")) as few,
          Store(empty_db(tmp_path / "many.db")) as many):
        small = history_with_actions(few, 3)
        large = history_with_actions(many, 60)
        record_few, queries_few = queries_to_load(few, small.id, methods)
        record_many, queries_many = queries_to_load(many, large.id, methods)
    assert [a.what for a in record_few.earlier_actions] == ["Actie 1"]
    assert len(record_many.earlier_actions) == 20
    assert queries_many == queries_few


# --- finding a meeting by the first characters of its id ----------------------------------


def test_a_meeting_is_found_by_its_first_characters_in_either_case(store):
    _group, made = meetings(store, 3)
    target = made[1]
    assert meeting_queries.find_session(store, target.id[:8]).id == target.id
    assert meeting_queries.find_session(store, target.id[:8].upper()).id == target.id
    with pytest.raises(StoreError, match="no meeting with id zzzz"):
        meeting_queries.find_session(store, "zzzz")


def test_a_prefix_of_several_meetings_asks_for_more_of_the_id(store):
    group = store.save(Group(name="Stuurgroep"))
    for id_ in ("abc10000-0000-0000-0000-000000000000", "abc20000-0000-0000-0000-000000000000"):
        store.save(Session(id=id_, title="x", group_id=group.id, date=START))
    with pytest.raises(StoreError, match="abc matches more than one meeting"):
        meeting_queries.find_session(store, "abc")
    assert meeting_queries.find_session(store, "abc2").id.startswith("abc2")


def test_finding_by_prefix_reads_the_primary_key_index_not_every_meeting(store):
    _group, made = meetings(store, 3)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    meeting_queries.find_session(store, made[0].id[:6])
    store.conn.set_trace_callback(None)
    plans = [" ".join(row[-1] for row in store.conn.execute("explain query plan " + sql))
             for sql in statements if sql.lstrip().lower().startswith("select")]
    assert plans and all("SCAN sessions" not in plan for plan in plans)


# --- no table that grows with every meeting is read whole --------------------------------

# Tables with a row or more per meeting; people, groups, cases and methods grow with the
# team and its library, not with its history.
GROWING = ("sessions", "agenda_items", "entries", "step_times", "participants", "actions",
           "action_events", "decisions", "lessons", "intentions", "evaluations",
           "minutes_events", "precedents", "slow_questions", "search_docs")


def test_minutes_and_a_running_meeting_read_no_growing_table_whole(store, methods):
    from livinglab.demo.history import fill_demo
    from livinglab.live.workshop import Workshop

    fill_demo(store, dt.date(2026, 11, 25), methods=methods)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    for session in meeting_queries.sessions(store, status=SessionStatus.FINISHED):
        render_minutes(store, session.id, methods, lang="nl")
    planned = meeting_queries.sessions(store, status=SessionStatus.PLANNED, limit=1)[0]
    workshop = Workshop(store, planned.id, methods)
    workshop.start()
    while workshop.next_item():
        pass
    person = meeting_queries.participants(store, planned.id)[0][1]
    workshop.say_intention(person.id, "Vragen blijven stellen", "Eerder de wijkagent bellen")
    earlier = memory_queries.intentions(store, group_id=planned.group_id)[0]
    workshop.follow_up_intention(earlier.id, True, "Gedaan")
    workshop.finish()
    store.conn.set_trace_callback(None)
    scans = set()
    for sql in statements:
        if not sql.lstrip().lower().startswith(("select", "update", "delete", "insert")):
            continue
        for row in store.conn.execute("explain query plan " + sql):
            words = row[-1].split()
            if words[0] == "SCAN" and words[1] in GROWING and "USING" not in words:
                scans.add(f"{words[1]}: {' '.join(sql.split())[:120]}")
    assert not scans, "\n".join(sorted(scans))
