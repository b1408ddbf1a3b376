"""Series of meetings: a programme read from TOML, refused whole with file, line and field
when it is wrong, and the next meeting created from it."""

from __future__ import annotations

import pytest

from livinglab.models import AgendaKind, Role
from livinglab.storage.store import Store

from conftest import run_cli
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries

GOOD = """\
[series]
name = "Werkgroep 2027"
group = "Regionale werkgroep Kust"
description = "Zes bijeenkomsten over kennis die blijft"
start_time = "9:30"
location = "Buurthuis De Kaap"
evaluate_every = 3
people = ["Anouk Visser (voorzitter)", "Bram de Wit (notulist)", "Sander Kok"]

[[meetings]]
date = 2027-03-11
theme = "Morele dilemma's"
description = "Fraude aan de keukentafel"
method = "dilemma"
case = "fraude-in-vertrouwen"

[[meetings]]
date = 2027-01-14
theme = "Trage vragen"
description = "Wat houden we vast als collega's vertrekken?"
"""


def write(tmp_path, text, name="plan.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_series_is_imported_listed_shown_and_its_meetings_created(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    path = write(tmp_path, GOOD)
    code, out, err = run_cli(capsys, "--db", db, "series", "import", str(path))
    assert (code, out, err) == (0, "Series Werkgroep 2027 has 2 meetings\n", "")
    code, out, _err = run_cli(capsys, "--db", db, "series", "list")
    assert out.splitlines()[2].split("  ")[:3] == ["Werkgroep 2027", "Regionale werkgroep Kust",
                                                  "0/2"]
    code, out, _err = run_cli(capsys, "--db", db, "series", "show", "werkgroep 2027")
    lines = out.splitlines()
    assert lines[0] == "Werkgroep 2027 (Regionale werkgroep Kust)"
    assert [line.split("  ")[0] for line in lines[4:]] == ["14-01-2027", "11-03-2027"]
    # the next meeting, twice: in date order, with the people of the file, then of the last
    code, out, _err = run_cli(capsys, "--db", db, "series", "next", "Werkgroep 2027")
    assert (code, out) == (0, "Planned Werkgroep 2027: Trage vragen on 14-01-2027\n")
    code, out, _err = run_cli(capsys, "--db", db, "series", "next", "Werkgroep 2027")
    assert out == "Planned Werkgroep 2027: Morele dilemma's on 11-03-2027\n"
    code, out, err = run_cli(capsys, "--db", db, "series", "next", "Werkgroep 2027")
    assert (code, err) == (1, "livinglab: every meeting of the series has been created\n")
    with Store(db) as store:
        sessions = sorted(meeting_queries.sessions(store), key=lambda s: s.date)
        assert [s.start_time.strftime("%H:%M") for s in sessions] == ["09:30", "09:30"]
        assert {s.location for s in sessions} == {"Buurthuis De Kaap"}
        for session in sessions:
            roles = {person.name: p.role for p, person in meeting_queries.participants(store, session.id)}
            assert roles == {"Anouk Visser": Role.CHAIR, "Bram de Wit": Role.SECRETARY,
                             "Sander Kok": Role.PARTICIPANT}
        agenda = meeting_queries.agenda(store, sessions[1].id)
        [review] = [i for i in agenda if i.kind == AgendaKind.CASE_REVIEW]
        assert (review.title, review.method_id) == ("Morele dilemma's", "dilemma")
        assert [i.title for i in meeting_queries.agenda(store, sessions[0].id)].count("Trage vragen") == 1
        [series] = meeting_queries.series(store)
        assert [m.session_id for m in series.meetings] == [s.id for s in sessions]
    # importing the file again keeps the meetings already created
    run_cli(capsys, "--db", db, "series", "import", str(path))
    code, out, _err = run_cli(capsys, "--db", db, "series", "list")
    assert "2/2" in out


@pytest.mark.parametrize("change, line, message", [
    (("theme = \"Trage vragen\"", "theme = \"\""), 19,
     "meetings[1].theme: String should have at least 1 character"),
    (("date = 2027-01-14", "date = \"in januari\""), 18, "meetings[1].date: Input should be"),
    (("evaluate_every = 3", "evaluate_every = -1"), 7,
     "series.evaluate_every: Input should be greater than or equal to 0"),
    (("location = ", "locatie = "), 6, "series.locatie: Extra inputs are not permitted"),
    (("start_time = \"9:30\"", "start_time = \"half tien\""), 5,
     "series.start_time: Value error, a time such as 9:30"),
    (("case = \"fraude-in-vertrouwen\"", "case = \"bestaat-niet\""), 15,
     "meetings[0].case: no case with id bestaat-niet"),
    (("method = \"dilemma\"", "method = \"geen\""), 14, "meetings[0].method: no method with id geen"),
    (("date = 2027-01-14", "date = 2027-03-11"), 18,
     "meetings[1].date: 2027-03-11 is in the series twice"),
    (("[[meetings]]\ndate = 2027-03-11", "[[meetings]]\ndate = 2027-03-11 x"), 11,
     "not valid TOML: "),
    (("name = \"Werkgroep 2027\"\n", ""), 1, "series.name: Field required"),
])
def test_a_series_file_with_a_mistake_names_file_line_and_field_and_stores_nothing(
        capsys, tmp_path, change, line, message):
    db = str(tmp_path / "s.db")
    path = write(tmp_path, GOOD.replace(*change, 1))
    assert path.read_text() != GOOD
    code, out, err = run_cli(capsys, "--db", db, "series", "import", str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"livinglab: {path}:{line}: {message}"), err
    assert err.count("\n") == 1
    with Store(db) as store:
        assert meeting_queries.series(store) == [] and meeting_queries.groups(store) == []


def test_a_missing_or_foreign_file_is_one_line(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    code, _out, err = run_cli(capsys, "--db", db, "series", "import", str(tmp_path / "nope.toml"))
    assert code == 1 and err.startswith("livinglab: ") and err.count("\n") == 1
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    code, _out, err = run_cli(capsys, "--db", db, "series", "import", str(binary))
    assert (code, err) == (1, f"livinglab: {binary}: not UTF-8 text\n")
    code, _out, err = run_cli(capsys, "--db", db, "series", "show", "nope")
    assert (code, err) == (1, "livinglab: no series nope\n")


def test_the_series_to_continue_and_the_meetings_that_evaluate(library_store, tmp_path, methods,
                                                                clock):
    from livinglab.meeting.series import (
        create_next_meeting, import_series, series_of_session, series_to_continue,
    )
    from livinglab.live.workshop import Workshop

    store = library_store
    three = GOOD + '\n[[meetings]]\ndate = 2027-05-13\ntheme = "Lessen"\n'
    series = import_series(store, write(tmp_path, three), methods)
    assert series_to_continue(store) == series  # the only one with meetings to create
    assert series_to_continue(store, series.group_id) == series
    assert series_to_continue(store, "another group") is None
    made = [create_next_meeting(store, series.id, methods) for _ in range(3)]
    assert [m.date.month for m in made] == [1, 3, 5]
    assert series_to_continue(store) is None  # all created
    assert [series_of_session(store, m.id).name for m in made] == ["Werkgroep 2027"] * 3
    # every third meeting evaluates: the third, not the first
    first, third = (Workshop(store, m.id, methods, clock=clock) for m in (made[0], made[2]))
    assert (first.evaluation_due(), third.evaluation_due()) == (False, True)
    assert third.evaluation_every() == 3
    third.record_evaluation({"notice": 4, "speak": 5}, "Meer tijd voor de ronde")
    third.record_evaluation({"notice": 2})
    assert third.evaluations_given() == 2
    kept = memory_queries.evaluations(store, session_id=made[2].id)
    assert [e.answers for e in kept] == [{"notice": 4, "speak": 5}, {"notice": 2}]
    assert "person_id" not in kept[0].model_dump()  # anonymous within the group
