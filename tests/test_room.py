"""The room (issue 26): its storage, its routes through Starlette's test client, and the
reveal through the workshop's one path. A participant's device is a `TestClient` with its
own cookie jar."""

from __future__ import annotations

import re
import sqlite3

import pytest

pytest.importorskip("starlette")
from conftest import empty_db, plan_dilemma_meeting
from starlette.testclient import TestClient

from livinglab.live.workshop import Workshop
from livinglab.meeting import queries as meeting_queries
from livinglab.models import Case
from livinglab.room import rooms
from livinglab.room.server import MAX_BODY, RateLimit, make_app
from livinglab.storage.store import Store

FIVE = {"choice": "B: eerst helpen", "value": "Vertrouwen", "cannot": "nu melden",
        "limit_harm": "samen melden binnen een maand", "asks_of_me": "geduld"}
NOTES = "Let op: de inbrenger twijfelt aan haar eigen rol"


@pytest.fixture
def meeting(library_store, methods, clock):
    store = library_store
    case = store.get(Case, "fraude-in-vertrouwen") or next(
        c for c in store.rows(Case) if c.slug == "fraude-in-vertrouwen")
    case.facilitator_notes = NOTES
    store.save(case)
    session = plan_dilemma_meeting(store, methods)
    workshop = Workshop(store, session.id, methods, clock=clock)
    workshop.start()
    workshop.go_to_item(workshop.items[1].id)
    workshop.go_to_step(6)  # the own choice: five prompts per person
    room, token = rooms.open_room(store, session.id)
    people = {person.name: p.id for p, person in workshop.attendance()}
    return workshop, room, token, people


def client_for(store, methods, **kwargs) -> TestClient:
    return TestClient(make_app(store, "en", methods, **kwargs), follow_redirects=True)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def join(client, token, participant_id):
    page = client.get(f"/r/{token}/")
    assert page.status_code == 200
    return client.post(f"/r/{token}/join", data={"csrf": csrf_of(page.text),
                                                  "participant": participant_id})


def write_five(client, token, workshop, answers=FIVE):
    page = client.get(f"/r/{token}/")
    data = {"csrf": csrf_of(page.text), "item": workshop.item.id, "field": "choices",
            **{f"a_{k}": v for k, v in answers.items()}}
    return client.post(f"/r/{token}/write", data=data)


def test_joining_shows_the_names_of_those_present_then_the_step(meeting, methods):
    workshop, _room, token, people = meeting
    client = client_for(workshop.store, methods)
    page = client.get(f"/r/{token}/")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert "Yasmina El Idrissi" in page.text
    assert "Karin Smit" not in page.text  # absent: not a name to claim
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and f"path=/r/{token.lower()}/" in cookie
    joined = join(client, token, people["Yasmina El Idrissi"])
    assert joined.status_code == 200
    assert "You are Yasmina El Idrissi." in joined.text
    assert "Step 7: Your own choice" in joined.text
    assert 'for="a-choices-limit_harm"' in joined.text  # every prompt has its label
    assert "Moreel beraad" not in joined.text  # no meeting or group names


def test_a_name_is_claimed_by_one_device_until_the_chair_frees_it(meeting, methods):
    workshop, room, token, people = meeting
    first, second = client_for(workshop.store, methods), client_for(workshop.store, methods)
    join(first, token, people["Bram de Wit"])
    again = join(second, token, people["Bram de Wit"])
    assert again.status_code == 409
    assert "That name is taken on another device" in again.text
    rooms.free_name(workshop.store, room.id, people["Bram de Wit"])
    assert join(second, token, people["Bram de Wit"]).status_code == 200
    assert "You are Bram de Wit." in second.get(f"/r/{token}/").text
    assert "Who are you?" in first.get(f"/r/{token}/").text  # the first device let go


@pytest.mark.parametrize("token", ["wrong", "x" * 200, ""])
def test_a_wrong_token_opens_nothing(meeting, methods, token):
    workshop, *_ = meeting
    page = client_for(workshop.store, methods).get(f"/r/{token}/")
    assert page.status_code == 404
    assert "Yasmina" not in page.text and "csrf" not in page.text


def test_a_closed_rooms_token_and_cookie_stop_working(meeting, methods):
    workshop, room, token, people = meeting
    client = client_for(workshop.store, methods)
    join(client, token, people["Anouk Visser"])
    csrf = csrf_of(client.get(f"/r/{token}/").text)
    rooms.close_room(workshop.store, room.id)
    assert client.get(f"/r/{token}/").status_code == 404
    assert client.get(f"/r/{token}/state").status_code == 410
    late = client.post(f"/r/{token}/write", data={
        "csrf": csrf, "item": workshop.item.id, "field": "choices", "a_choice": "te laat"})
    assert late.status_code == 404
    assert workshop.store.query("select count(*) from room_entries")[0][0] == 0


def test_a_new_room_makes_the_old_token_invalid_and_a_finished_meeting_closes_it(
        meeting, methods):
    workshop, _room, token, _people = meeting
    client = client_for(workshop.store, methods)
    _room2, token2 = rooms.open_room(workshop.store, workshop.session.id)
    assert client.get(f"/r/{token}/").status_code == 404
    assert client.get(f"/r/{token2}/").status_code == 200
    workshop.finish()
    assert client.get(f"/r/{token2}/").status_code == 404


def test_a_form_without_its_csrf_token_is_refused(meeting, methods):
    workshop, _room, token, people = meeting
    client = client_for(workshop.store, methods)
    join(client, token, people["Sander Kok"])
    for csrf in (None, "", "forged"):
        data = {"item": workshop.item.id, "field": "choices", "a_choice": "A"}
        if csrf is not None:
            data["csrf"] = csrf
        assert client.post(f"/r/{token}/write", data=data).status_code == 403
    fresh = client_for(workshop.store, methods)  # no cookie at all
    assert fresh.post(f"/r/{token}/join", data={"participant": people["Bram de Wit"]}
                      ).status_code == 403
    assert workshop.store.query("select count(*) from room_entries")[0][0] == 0


def test_an_oversized_body_is_refused_before_it_is_read(meeting, methods):
    workshop, _room, token, people = meeting
    client = client_for(workshop.store, methods)
    join(client, token, people["Sander Kok"])
    csrf = csrf_of(client.get(f"/r/{token}/").text)
    big = client.post(f"/r/{token}/write", data={
        "csrf": csrf, "item": workshop.item.id, "field": "choices",
        "a_choice": "x" * (MAX_BODY + 1)})
    assert big.status_code == 413
    assert workshop.store.query("select count(*) from room_entries")[0][0] == 0


def test_submissions_are_rate_limited_per_device(meeting, methods):
    workshop, _room, token, people = meeting
    client = client_for(workshop.store, methods, rate=RateLimit(posts=3, window=60))
    join(client, token, people["Sander Kok"])  # one
    assert write_five(client, token, workshop).status_code == 200  # two
    assert write_five(client, token, workshop).status_code == 200  # three
    assert write_five(client, token, workshop).status_code == 429
    other = client_for(workshop.store, methods)  # another device has its own count
    assert join(other, token, people["Bram de Wit"]).status_code == 200


def test_writing_is_kept_unrevealed_then_revealed_through_the_workshop(meeting, methods):
    workshop, room, token, people = meeting
    store = workshop.store
    yasmina, bram = client_for(store, methods), client_for(store, methods)
    join(yasmina, token, people["Yasmina El Idrissi"])
    join(bram, token, people["Bram de Wit"])
    kept = write_five(yasmina, token, workshop)
    assert "Kept." in kept.text and "samen melden binnen een maand" in kept.text
    write_five(bram, token, workshop, {"choice": "A: melden", "value": "Eerlijkheid"})
    # Bram's page and the shared counts never show Yasmina's words.
    assert "samen melden" not in bram.get(f"/r/{token}/").text
    here = rooms.where(store, workshop.session.id, methods)
    assert rooms.counts(store, room, here) == (2, 2, 2)
    csrf = csrf_of(yasmina.get(f"/r/{token}/").text)
    assert workshop.value("choices") == {}  # nothing in the meeting before the reveal
    assert rooms.reveal(store, workshop) == 2
    assert workshop.value("choices") == {people["Yasmina El Idrissi"]: FIVE,
                                         people["Bram de Wit"]: {"choice": "A: melden",
                                                                 "value": "Eerlijkheid"}}
    assert rooms.counts(store, room, here) == (2, 2, 0)
    # One copy of the text: the room's rows keep only that they were revealed.
    assert store.query("select value from room_entries") == [("{}",), ("{}",)]
    assert "Revealed" in yasmina.get(f"/r/{token}/").text
    again = yasmina.post(f"/r/{token}/write", data={
        "csrf": csrf, "item": workshop.item.id, "field": "choices", "a_choice": "toch A"})
    assert "Revealed" in again.text
    assert workshop.value("choices")[people["Yasmina El Idrissi"]] == FIVE
    hits = store.search("samen melden binnen een maand")  # search found it, as typed
    assert hits


def test_the_reveal_keeps_what_the_secretary_typed_for_someone_without_a_device(
        meeting, methods):
    workshop, _room, token, people = meeting
    typed = {"choice": "A", "value": "Gelijkheid"}
    workshop.set_value("choices", {people["Anouk Visser"]: typed})
    client = client_for(workshop.store, methods)
    join(client, token, people["Sander Kok"])
    write_five(client, token, workshop)
    rooms.reveal(workshop.store, workshop)
    assert workshop.value("choices") == {people["Anouk Visser"]: typed,
                                         people["Sander Kok"]: FIVE}


def test_no_response_holds_the_notes_the_tips_or_anothers_unrevealed_text(meeting, methods):
    workshop, room, token, people = meeting
    store = workshop.store
    secret = "mijn geheime afweging 7731"
    writer, reader = client_for(store, methods), client_for(store, methods)
    join(writer, token, people["Sander Kok"])
    write_five(writer, token, workshop, {"choice": secret})
    rooms.show_case(store, room.id, True)
    responses = [reader.get(f"/r/{token}/")]
    responses.append(join(reader, token, people["Bram de Wit"]))
    responses.append(reader.get(f"/r/{token}/state"))
    responses.append(write_five(reader, token, workshop, {"choice": "A"}))
    responses.append(reader.get(f"/r/{token}/"))
    tip = "Let everyone write their own answer first"  # the method's tip for the chair
    for response in responses:
        assert secret not in response.text
        assert NOTES not in response.text and "For the facilitator" not in response.text
        assert tip not in response.text
    assert "The case" in responses[-1].text  # the chair shows the case: its text is there


def test_the_page_follows_the_chair(meeting, methods):
    workshop, _room, token, people = meeting
    client = client_for(workshop.store, methods)
    join(client, token, people["Sander Kok"])
    before = client.get(f"/r/{token}/state").text
    workshop.next_step()
    after = client.get(f"/r/{token}/state").text
    assert before != after
    assert "Step 8: Dialogue about the differences" in client.get(f"/r/{token}/").text


def test_a_submission_for_a_step_the_chair_left_is_refused_and_nothing_stored(
        meeting, methods):
    workshop, _room, token, people = meeting
    client = client_for(workshop.store, methods)
    join(client, token, people["Sander Kok"])
    csrf = csrf_of(client.get(f"/r/{token}/").text)
    workshop.next_step()
    late = client.post(f"/r/{token}/write", data={
        "csrf": csrf, "item": workshop.item.id, "field": "choices", "a_choice": "A"})
    assert late.status_code == 409 and "The chair moved on" in late.text
    assert workshop.store.query("select count(*) from room_entries")[0][0] == 0


def test_the_evaluation_is_anonymous_and_shown_only_from_three(meeting, methods):
    workshop, _room, token, people = meeting
    store = workshop.store
    workshop.go_to_step(9)  # the evaluation step: closing round and rating
    clients = []
    for n, name in enumerate(["Anouk Visser", "Bram de Wit", "Sander Kok"]):
        client = client_for(store, methods)
        join(client, token, people[name])
        csrf = csrf_of(client.get(f"/r/{token}/").text)
        client.post(f"/r/{token}/evaluate", data={"csrf": csrf, "rating": str(3 + n % 2),
                                                  "e_speak": "4", "open_answer": "meer tijd"})
        clients.append(client)
        page = client.get(f"/r/{token}/").text
        assert ("rating so far" in page) == (n == 2)
    assert "3.3 (3 answers)" in page
    # A second evaluation from one device is not counted.
    csrf = csrf_of(clients[0].get(f"/r/{token}/").text)
    clients[0].post(f"/r/{token}/evaluate", data={"csrf": csrf, "rating": "1"})
    assert rooms.rating_figure(store, workshop.item.id)[0] == 3
    evaluations = store.query("select * from evaluations")
    assert len(evaluations) == 3
    for row in evaluations:
        assert not any(str(v) in (people[n] for n in people) for v in row)
    columns = [r[1] for r in store.query("pragma table_info(room_ratings)")]
    assert columns == ["id", "item_id", "score"]  # no device, no moment
    rooms.reveal(store, workshop)
    assert workshop.value("rating")["score"] == 3


def test_the_closing_round_is_revealed_as_voornemens(meeting, methods):
    workshop, _room, token, people = meeting
    store = workshop.store
    from livinglab.models import AgendaKind

    closing = workshop.items[2]  # Sluiting, as planning gives it its kind
    closing.kind = AgendaKind.CLOSING_ROUND
    store.save(closing)
    workshop.go_to_item(closing.id)
    client = client_for(store, methods)
    join(client, token, people["Yasmina El Idrissi"])
    page = client.get(f"/r/{token}/")
    assert "Closing round" in page.text and "Intention" in page.text
    client.post(f"/r/{token}/write", data={
        "csrf": csrf_of(page.text), "item": workshop.item.id, "field": "closing",
        "a_learned": "Regels en zorg botsen", "a_intention": "Eerder inbrengen"})
    rooms.reveal(store, workshop)
    said = {person.name: kept for person, kept in workshop.closing_round()}
    assert said["Yasmina El Idrissi"].intention == "Eerder inbrengen"


def test_the_room_tables_come_to_a_database_of_the_previous_version(tmp_path):
    from livinglab.storage.schema import MIGRATIONS, _migrate_room

    path = empty_db(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    for table in ("room_rooms", "room_devices", "room_entries", "room_ratings"):
        conn.execute(f"drop table {table}")
    conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_room)}")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.query("select count(*) from room_rooms") == [(0,)]
        names = [r[0] for r in store.query(
            "select name from sqlite_master where type = 'index' and tbl_name = 'room_devices'")]
        assert "room_devices_one_per_name" in names


def test_the_room_imports_nothing_at_start_up():
    import subprocess
    import sys

    code = ("import sys\nfrom livinglab.cli import main\ntry:\n    main(['--help'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'segno', "
            "'multipart', 'livinglab.room') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().endswith("[]")


def test_people_present_are_the_names_a_device_can_take(meeting):
    workshop, _room, _token, _people = meeting
    names = [name for _pid, name in rooms.people_present(workshop.store, workshop.session.id)]
    assert "Karin Smit" not in names and len(names) == 4
    assert meeting_queries.participants(workshop.store, workshop.session.id)


def test_the_room_command_says_in_one_line_when_no_meeting_runs(tmp_path, capsys):
    from conftest import run_cli

    path = empty_db(tmp_path / "quiet.db")
    code, out, err = run_cli(capsys, "--db", str(path), "--lang", "en", "room")
    assert code == 1 and out == ""
    assert err.strip() == ("livinglab: no meeting is running: start it in the app, then open "
                           "its room")


def test_the_room_command_says_when_its_port_is_taken(meeting, capsys):
    import socket

    from conftest import run_cli

    workshop, *_ = meeting
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        code, out, err = run_cli(capsys, "--db", str(workshop.store.path), "--lang", "en",
                                 "room", workshop.session.id, "--port", str(port))
    finally:
        taken.close()
    assert code == 1 and out == ""
    assert err.startswith(f"livinglab: cannot listen on 127.0.0.1:{port}: ")
    assert "Traceback" not in err


def test_the_join_address_never_names_every_interface():
    from livinglab.room.serve import DEFAULT_HOST, join_address

    assert DEFAULT_HOST == "127.0.0.1"
    address = join_address("0.0.0.0", 8765, "t" * 32)
    assert "0.0.0.0" not in address and address.endswith(f":8765/r/{'t' * 32}/")


def test_the_server_logs_no_address_and_no_text_anyone_wrote(meeting):
    """`livinglab room` itself: after a join and a written answer, its output holds the
    join address once (stdout, for the chair) and nothing a participant sent."""
    import subprocess
    import sys
    from pathlib import Path

    import httpx

    workshop, _room, _token, _people = meeting
    secret = "tekst die nergens gelogd mag worden 4471"
    program = Path(sys.executable).with_name("livinglab")
    server = subprocess.Popen(
        [str(program), "--db", str(workshop.store.path), "--lang", "en", "room",
         workshop.session.id, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        address = server.stdout.readline().strip()
        with httpx.Client(follow_redirects=True, timeout=10) as phone:
            page = phone.get(address).text
            csrf = csrf_of(page)
            sander = re.search(r'value="([^"]+)"[^>]*>\s*<label for="p\d+">Sander Kok</label>',
                               page).group(1)
            phone.post(address + "join", data={"csrf": csrf, "participant": sander})
            kept = phone.post(address + "write", data={
                "csrf": csrf, "item": workshop.item.id, "field": "choices",
                "a_choice": secret})
            assert "Kept." in kept.text
            phone.get(address + "state")
            phone.get(address.replace("/r/", "/r/x") + "nothing")
    finally:
        server.terminate()
        out, err = server.communicate(timeout=10)
    token = address.rstrip("/").rsplit("/", 1)[-1]
    assert out.strip() == ""  # the address was the first line, read above
    for logged in (out, err):
        assert secret not in logged and token not in logged and "/r/" not in logged
        assert "GET" not in logged and "POST" not in logged


def test_the_qr_code_drawn_in_text_is_the_code_of_the_address():
    """Half blocks back into modules: light drawn, dark blank, a quiet zone all round;
    19 lines for a room's address, so it fits 80x24 with the address under it."""
    import segno

    from livinglab.room.qr import BORDER, qr_lines

    address = "http://192.168.100.200:8765/r/" + "Ab_9-" * 6 + "xy/"
    lines = qr_lines(address)
    dark = {" ": (1, 1), "▀": (0, 1), "▄": (1, 0), "█": (0, 0)}  # (top, bottom) dark?
    rows = []
    for line in lines:
        pairs = [dark[ch] for ch in line]
        rows += [[top for top, _ in pairs], [bottom for _, bottom in pairs]]
    code = [[int(bool(m)) for m in row] for row in segno.make(
        address, error="l", boost_error=False).matrix]
    size = len(code)
    assert [row[BORDER:BORDER + size] for row in rows[BORDER:BORDER + size]] == code
    assert all(not any(row) for row in rows[:BORDER] + rows[BORDER + size:])
    assert len(lines) <= 19 and max(len(line) for line in lines) <= 40


def test_a_failure_in_a_handler_is_a_page_and_a_line_without_what_was_sent(
        meeting, methods, monkeypatch, capsys):
    workshop, _room, token, people = meeting
    client = client_for(workshop.store, methods)
    join(client, token, people["Sander Kok"])

    def broken(*args, **kwargs):
        raise ValueError("geheime tekst 9931 in de melding")

    monkeypatch.setattr(rooms, "write", broken)
    failed = write_five(client, token, workshop, {"choice": "geheime tekst 9931"})
    assert failed.status_code == 500 and "Something went wrong" in failed.text
    assert "9931" not in failed.text
    err = capsys.readouterr().err
    assert "ValueError" in err and "9931" not in err


def test_the_reveal_keeps_what_the_secretary_typed_for_the_same_person(meeting, methods):
    workshop, _room, token, people = meeting
    sander = people["Sander Kok"]
    workshop.set_value("choices", {sander: {"choice": "Gezegd: A", "value": "Regels"}})
    client = client_for(workshop.store, methods)
    join(client, token, sander)
    write_five(client, token, workshop, {"choice": "Geschreven: B", "cannot": "nu melden"})
    rooms.reveal(workshop.store, workshop)
    row = workshop.value("choices")[sander]
    assert "Gezegd: A" in row["choice"] and "Geschreven: B" in row["choice"]
    assert row["value"] == "Regels" and row["cannot"] == "nu melden"


def test_students_practising_in_a_group_write_their_own_round_and_no_group_memory_hears(
        library_store, methods, clock):
    """Practice-in-a-group (issue 26): each student writes the five prompts on their own
    device; revealed through the practice run's workshop, which feeds no group's memory."""
    from livinglab.memory import queries as memory_queries
    from livinglab.practice import start_practice

    store = library_store
    session = start_practice(store, "fraude-in-vertrouwen", "dilemma", methods,
                             students=["Noor Bakker", "Ravi Pinas", "Eva de Boer"])
    workshop = Workshop(store, session.id, methods, clock=clock)
    assert workshop.listeners == ()  # a practice run: nothing reaches a group's memory
    workshop.start()
    workshop.go_to_step(6)  # the own choice: five prompts per person
    _room, token = rooms.open_room(store, session.id)
    people = {person.name: p.id for p, person in workshop.attendance()}
    client = client_for(store, methods)
    join(client, token, people["Ravi Pinas"])
    assert write_five(client, token, workshop).status_code == 200
    assert rooms.reveal(store, workshop) == 1
    assert workshop.value("choices")[people["Ravi Pinas"]]["value"] == FIVE["value"]
    assert memory_queries.precedents(store) == []
    assert memory_queries.lessons(store) == [] and memory_queries.slow_questions(store) == []


def test_the_room_command_finds_a_practice_run_by_its_whole_id_only(library_store, methods):
    from livinglab.commands.room import running_meeting
    from livinglab.practice import start_practice
    from livinglab.storage.refs import RefError

    session = start_practice(library_store, "fraude-in-vertrouwen", "dilemma", methods,
                             students=["Noor Bakker", "Ravi Pinas"])
    assert running_meeting(library_store, session.id).id == session.id
    with pytest.raises(RefError):  # no start of an id, no 'latest': a group's meetings only
        running_meeting(library_store, session.id[:8])
