"""The regional archive: only what is shared and passes the privacy scan, served by
Datasette."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from livinglab.models import Decision, Lesson, SlowQuestion, Tension
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop

from conftest import fill_dilemma_review, plan_dilemma_meeting, run_cli, empty_db
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import queries as memory_queries
from livinglab.privacy import queries as privacy_queries

SHARED = "Bij signalen van fraude eerst vertrouwen winnen, dan samen melden"


@pytest.fixture
def team(tmp_path, methods, clock):
    """A team's database after a dilemma review, with lessons shared and not."""
    from livinglab.library.cases import example_cases, import_cases

    path = tmp_path / "team.db"
    with Store(empty_db(path)) as store:
        import_cases(store, example_cases())
        session = plan_dilemma_meeting(store, methods)
        workshop = Workshop(store, session.id, methods, clock=clock)
        fill_dilemma_review(workshop, clock)  # one lesson, shared by default
        workshop.add_lesson(SHARED)
        workshop.finish()
        privacy_queries.add_watch_name(store, session.group_id, "Jan Pinas")
        ids = {
            "named": workshop.add_lesson("Sander merkte dat meneer Pinas opgelucht was").id,
            "private": store.save(Lesson(group_id=session.group_id, session_id=session.id,
                                         text="Alleen voor ons team", share=False)).id,
            "named_decision": meeting_queries.decisions(store, session.id)[0].id,  # "..., Sander gaat mee"
            "decision": store.save(Decision(session_id=session.id,
                                            text="Fraudesignalen binnen een week bespreken")).id,
            "tension": store.save(Tension(group_id=session.group_id, session_id=session.id,
                                          pole_a="Vertrouwen", pole_b="Controle")).id,
            "precedent": memory_queries.precedents(store, session.group_id)[0].id,
            "question": store.save(SlowQuestion(
                group_id=session.group_id, question="Hoe houden we de menselijke maat?",
                to_region=True, themes=["Trage vragen"])).id,
        }
        names = privacy_queries.all_known_names(store)
    return path, ids, names


def publish(capsys, tmp_path, db, *extra):
    archive = tmp_path / "out" / "archief.db"
    archive.parent.mkdir(exist_ok=True)
    code, out, err = run_cli(capsys, "--db", str(db), "publish", "-o", str(archive), *extra)
    return archive, code, out, err


def text_columns(path) -> list[str]:
    """Every text value of every table and column of a SQLite file."""
    conn = sqlite3.connect(path)
    found = []
    for (table,) in conn.execute("select name from sqlite_master where type = 'table'"):
        for row in conn.execute(f'select * from "{table}"'):
            found += [v for v in row if isinstance(v, str)]
    conn.close()
    return found


def test_the_archive_holds_only_shared_items_that_pass_the_privacy_scan(
        capsys, tmp_path, team):
    db, ids, names = team
    code, out, err = run_cli(capsys, "--db", str(db), "share", ids["decision"][:8],
                             ids["named_decision"], ids["precedent"], ids["tension"])
    assert code == 0 and out.count("te delen") == 4
    archive, code, out, err = publish(capsys, tmp_path, db)
    assert code == 0, err
    for kind in ("lesson", "decision", "precedent"):  # each names Sander (Kok)
        key = {"lesson": "named", "decision": "named_decision"}.get(kind, kind)
        assert (f"withheld {kind} {ids[key][:8]}: the privacy scan found personal data"
                in err)
    assert "datasette serve -i" in out
    assert "Published 2 lessons, 1 slow question, 1 tension, 1 decision" in out
    conn = sqlite3.connect(archive)
    lessons = [t for (t,) in conn.execute("select tekst from lessen order by tekst")]
    assert lessons == sorted([SHARED, "Bij signalen van fraude eerst bespreken in het team"])
    assert [i for (i,) in conn.execute("select id from besluiten")] == [ids["decision"]]
    assert conn.execute("select pool_a, pool_b from spanningen").fetchall() == [
        ("Vertrouwen", "Controle")]
    assert conn.execute("select count(*) from precedenten").fetchone() == (0,)
    assert conn.execute("select vraag, themas from trage_vragen").fetchall() == [
        ("Hoe houden we de menselijke maat?", '["Trage vragen"]')]
    assert conn.execute("select groep, gemeente, periode from lessen").fetchall()[0] == (
        "Wijkteam Havenkwartier", "", "2026-11")
    assert [r[0] for r in conn.execute(
        "select tekst from lessen_fts where lessen_fts match 'vertrouwen'")] == [SHARED]
    conn.close()
    assert archive.stat().st_mode & 0o777 == 0o600


def test_the_archive_names_no_person_of_the_source_database(capsys, tmp_path, team):
    db, ids, names = team
    run_cli(capsys, "--db", str(db), "share", ids["decision"], ids["named_decision"],
            ids["precedent"], ids["tension"])
    archive, code, _out, _err = publish(capsys, tmp_path, db)
    assert code == 0
    texts = "\n".join(text_columns(archive))
    assert len(names) >= 6
    for name in names:
        for word in name.split():
            if word[0].isupper():  # first names and surnames, not "de" or "van"
                assert not re.search(rf"\b{re.escape(word)}\b", texts), word
    assert "Alleen voor ons team" not in texts
    assert "Buurthuis De Kaap" not in texts  # no places
    assert "Fraude gehoord aan de keukentafel" not in texts  # no case titles


def test_the_metadata_is_dutch_with_a_licence_and_column_help(capsys, tmp_path, team):
    db, _ids, _names = team
    archive, code, _out, _err = publish(capsys, tmp_path, db, "--licence", "CC0 1.0",
                                        "--licence-url", "https://example.org/cc0")
    assert code == 0
    metadata = json.loads((archive.parent / "metadata.json").read_text("utf-8"))
    assert metadata["license"] == "CC0 1.0"
    assert metadata["license_url"] == "https://example.org/cc0"
    tables = metadata["databases"]["archief"]["tables"]
    assert set(tables) == {"lessen", "trage_vragen", "precedenten", "spanningen", "besluiten"}
    assert tables["lessen"]["title"] == "Lessen (kennisoogst)"
    assert tables["lessen"]["columns"]["tekst"] == "De les, in de woorden van de groep."
    assert tables["lessen"]["columns"]["periode"].startswith("De maand")


def test_publish_refuses_to_overwrite(capsys, tmp_path, team):
    db, _ids, _names = team
    archive, code, _out, _err = publish(capsys, tmp_path, db)
    before = archive.read_bytes()
    _archive, code, _out, err = publish(capsys, tmp_path, db)
    assert code == 1 and "exists; add --force" in err
    assert archive.read_bytes() == before


def test_share_names_an_unknown_id_in_one_line(capsys, tmp_path, team):
    db, _ids, _names = team
    code, out, err = run_cli(capsys, "--db", str(db), "share", "zzzz")
    assert code == 1 and out == "" and err.strip() == (
        "livinglab: no lesson, decision, tension, precedent or slow question with id zzzz")


def test_bundles_of_two_teams_make_one_regional_archive(capsys, tmp_path, team):
    db, ids, _names = team
    other = tmp_path / "other.db"
    with Store(empty_db(other)) as store:
        from livinglab.models import Group

        group = store.save(Group(name="Wijkteam Duinzicht", municipality="Zandvoort"))
        store.save(Lesson(group_id=group.id, text="Vraag de buurt wat zij nodig heeft"))
    region = tmp_path / "regio.db"
    for source in (db, other):
        bundle = tmp_path / f"{source.stem}.json"
        assert run_cli(capsys, "--db", str(source), "bundle", "export", "--shareable",
                       "-o", str(bundle))[0] == 0
        assert run_cli(capsys, "--db", str(region), "bundle", "import", str(bundle))[0] == 0
    archive, code, _out, err = publish(capsys, tmp_path, region)
    assert code == 0, err
    conn = sqlite3.connect(archive)
    assert sorted(conn.execute("select distinct groep, gemeente from lessen")) == [
        ("Wijkteam Duinzicht", "Zandvoort"), ("Wijkteam Havenkwartier", "")]
    conn.close()


async def test_datasette_serves_the_archive_and_finds_a_lesson(capsys, tmp_path, team):
    from datasette.app import Datasette

    db, _ids, _names = team
    archive, code, _out, _err = publish(capsys, tmp_path, db)
    assert code == 0
    metadata = json.loads((archive.parent / "metadata.json").read_text("utf-8"))
    datasette = Datasette(immutables=[str(archive)], metadata=metadata)
    response = await datasette.client.get(
        "/archief/lessen.json?_search=vertrouwen&_shape=array")
    assert response.status_code == 200
    assert [row["tekst"] for row in response.json()] == [SHARED]
    page = await datasette.client.get("/archief/lessen")
    assert page.status_code == 200
    assert "Lessen (kennisoogst)" in page.text and "CC BY 4.0" in page.text
    databases = (await datasette.client.get("/-/databases.json")).json()
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("archief", False)]
