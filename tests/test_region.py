"""The places of a group's region (issue 24): kept per group, set from the command line,
let stay in policy talk of shareable text; a database of the version before gets the
table when it opens."""

from __future__ import annotations

import sqlite3

from livinglab.meeting.region import region_of
from livinglab.models import Group
from livinglab.storage.store import Store
from livinglab.text.personal import PLACE, scan

from conftest import empty_db, run_cli


def make_group(path, name="Wijkteam Noord", municipality="Schagen"):
    with Store(empty_db(path)) as store:
        return store.save(Group(name=name, municipality=municipality))


def test_the_region_is_kept_per_group_and_set_from_the_command_line(capsys, tmp_path):
    path = tmp_path / "x.db"
    make_group(path)
    run = lambda *args: run_cli(capsys, "--db", str(path), "privacy", "places", *args)  # noqa: E731
    code, out, _err = run("add", "Hollands Kroon", "Den  Helder")
    assert code == 0 and "2 added" in out
    code, out, _err = run("add", "den helder")
    assert code == 0 and "0 added" in out  # there already, in any case
    code, out, err = run("list")  # the municipality first, then the places kept
    assert out.splitlines() == ["Schagen", "Den Helder", "Hollands Kroon"]
    assert "the words of the group's name (Wijkteam Noord)" in err
    code, _out, err = run("remove", "Den Helder", "Texel")
    assert code == 1 and err == "livinglab: not in the region of Wijkteam Noord: Texel\n"
    code, _out, err = run("add", " ")
    assert code == 2 and "a place cannot be empty" in err
    with Store(path) as store:
        group = store.rows(Group)[0]
        assert region_of(store, group.id) == ["Schagen", "Wijkteam", "Noord", "Hollands Kroon"]


def test_places_of_the_region_stay_in_policy_talk_and_others_go():
    region = ["Schagen", "Hollands Kroon"]
    text = "De gemeente Schagen en Hollands Kroon trekken samen op; in Groningen niet."
    assert [f.text for f in scan(text, region=region)] == ["Groningen"]
    # Where someone lives goes, in the region too; without a region no place is looked for.
    assert [(f.kind, f.text) for f in scan("Ze woont in Schagen.", region=region)] == [
        (PLACE, "Schagen")]
    assert scan("Ze woont in Schagen.") == []


def test_a_database_of_the_version_before_gets_the_region_table(tmp_path):
    from livinglab.storage.schema import MIGRATIONS, SCHEMA_VERSION, _migrate_region_places

    path = tmp_path / "old.db"
    group = make_group(path)
    with sqlite3.connect(path) as conn:  # as the version before left it
        conn.execute("drop table region_places")
        conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_region_places)}")
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert region_of(store, group.id) == ["Schagen", "Wijkteam", "Noord"]
        assert store.rows(Group)[0].name == "Wijkteam Noord"  # nothing else changed


# --- the region as the app sets it (the group's form, the roster) ------------------------

def test_places_typed_on_one_line_are_read_once_each():
    from livinglab.meeting.region import parse_places

    assert parse_places(" Schagen,Hollands  Kroon ; den helder,, schagen\n") == [
        "Schagen", "Hollands Kroon", "den helder"]
    assert parse_places("") == [] and parse_places(" , ;") == []
    assert parse_places("Sch\x1b[31magen") == ["Schagen"]  # no escape sequence is kept


def test_setting_the_region_adds_and_removes_as_privacy_places_does(capsys, tmp_path):
    from livinglab.meeting.region import region_places, set_region_places

    path = tmp_path / "x.db"
    group = make_group(path, municipality=None)
    with Store(path) as store:
        assert set_region_places(store, group.id, ["Schagen", "Texel"]) == (2, 0)
        assert set_region_places(store, group.id, ["texel", "Den Helder"]) == (1, 1)
        assert region_places(store, group.id) == ["Den Helder", "Texel"]  # as first kept
    # The command line sees the same list: one home for it.
    code, out, err = run_cli(capsys, "--db", str(path), "privacy", "places", "list")
    assert code == 0 and out.splitlines() == ["Den Helder", "Texel"]
    assert err == "Also kept: the words of the group's name (Wijkteam Noord).\n"
    with Store(path) as store:
        assert set_region_places(store, group.id, []) == (0, 2)
        assert region_places(store, group.id) == []


def test_a_place_too_long_is_refused_with_a_message_and_nothing_stored(capsys, tmp_path):
    from livinglab.meeting.planning import MeetingPlan, check_plan

    path = tmp_path / "x.db"
    make_group(path)
    long_place = "Schagen " * 20
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "places", "add",
                              "Texel", long_place)
    assert code == 2 and "at most 80 characters" in err and "Traceback" not in err
    with Store(path) as store:
        assert region_of(store, store.rows(Group)[0].id) == ["Schagen", "Wijkteam", "Noord"]
        problems = check_plan(MeetingPlan(region=f"Texel, {long_place}"), store)
    assert "at most 80 characters" in problems["region"]


def region_plan(region, title="Overleg"):
    from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant
    from livinglab.models import Role

    return MeetingPlan(title=title, group_name="Wijkteam Noord", date="2026-11-25",
                       participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
                       agenda=[PlannedItem("Opening")], region=region)


def test_a_plan_sets_the_groups_region_and_a_plan_of_it_shows_it(tmp_path, methods):
    from livinglab.meeting.planning import create_meeting, plan_of, update_meeting
    from livinglab.meeting.region import region_known, region_places

    with Store(empty_db(tmp_path / "x.db")) as store:
        session = create_meeting(store, region_plan("Schagen, Hollands Kroon"), methods)
        assert region_places(store, session.group_id) == ["Hollands Kroon", "Schagen"]
        assert region_known(store, session.group_id)
        shown = plan_of(store, session.id)
        assert shown.region == "Hollands Kroon, Schagen"
        shown.region = "Hollands Kroon"  # Schagen taken out in the form
        update_meeting(store, session.id, shown, methods)
        assert region_places(store, session.group_id) == ["Hollands Kroon"]
        # A plan that says nothing of the region (the command line's) leaves it.
        create_meeting(store, region_plan(None, "Overleg 2"), methods)
        assert region_places(store, session.group_id) == ["Hollands Kroon"]
        create_meeting(store, region_plan("", "Overleg 3"), methods)
        assert region_places(store, session.group_id) == []
        assert not region_known(store, session.group_id)  # no municipality either


POLICY = ("De gemeente Schagen zet in op preventie, net als Hollands Kroon; "
          "de cliënt verhuist naar Groningen.")


def finished_meeting(store, methods, region):
    from livinglab.live.workshop import Workshop
    from livinglab.meeting.planning import create_meeting

    session = create_meeting(store, region_plan(region), methods)
    w = Workshop(store, session.id, methods)
    w.start()
    w.set_notes(POLICY)
    w.finish()
    return session


def test_shareable_minutes_keep_the_regions_places_and_replace_the_others(tmp_path, methods):
    from livinglab.minutes import render_minutes
    from livinglab.minutes.shareable import shareable_minutes

    with Store(empty_db(tmp_path / "x.db")) as store:
        session = finished_meeting(store, methods, "Schagen, Hollands Kroon")
        check = shareable_minutes(store, session.id, methods, "nl")
        assert check.region_told
        assert [f.finding.text for f in check.findings] == ["Groningen"]
        text = check.pseudonymised()
        assert "De gemeente Schagen zet in op preventie, net als Hollands Kroon" in text
        assert "Groningen" not in text and r"naar \[woonplaats\]" in text
        assert render_minutes(store, session.id, methods, shareable=True, lang="nl") == text


def test_without_a_region_every_place_goes_and_the_export_says_why(tmp_path, methods, capsys):
    from livinglab.minutes.shareable import shareable_minutes

    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        session = finished_meeting(store, methods, None)
        check = shareable_minutes(store, session.id, methods, "nl")
        assert not check.region_told
        assert [f.finding.text for f in check.findings] == [
            "Schagen", "Hollands Kroon", "Groningen"]
    out_file = tmp_path / "deelbaar.md"
    # Refused for its findings: the line says why the region's own places are among them.
    code, _out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "export", "latest",
                              "--shareable", "-o", str(out_file))
    assert code == 1 and not out_file.exists()
    assert err.splitlines()[0] == "regel 15: woonplaats: S******"
    assert err.splitlines()[3].startswith("Geen regio bekend: elke plaatsnaam wordt vervangen.")
    code, _out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "export", "latest",
                              "--shareable", "--pseudonymise", "-o", str(out_file))
    assert code == 0
    assert ("Geen regio bekend: elke plaatsnaam wordt vervangen. Stel de regio in met "
            "livinglab privacy places add.") in err.splitlines()
    assert "Schagen" not in out_file.read_text("utf-8")
    # Told the region, the command says nothing of it and the region's places stay.
    code, _out, err = run_cli(capsys, "--db", str(path), "privacy", "places", "add", "Schagen")
    code, _out, err = run_cli(capsys, "--db", str(path), "--lang", "nl", "export", "latest",
                              "--shareable", "--pseudonymise", "-o", str(out_file), "--force")
    assert code == 0 and "Geen regio bekend" not in err
    assert "De gemeente Schagen zet in" in out_file.read_text("utf-8")


# --- practice reports (a student's run; issue 24) ----------------------------------------

def test_how_a_group_weighed_a_case_keeps_its_regions_places_in_a_practice_report(
        tmp_path, methods):
    from conftest import FakeClock, fill_dilemma_review, plan_dilemma_meeting
    from test_practice import run_solo

    from livinglab.live.workshop import Workshop
    from livinglab.meeting import queries as meeting_queries
    from livinglab.meeting.region import add_region_place
    from livinglab.practice import load_practice, report_markdown, reveal
    from livinglab.sharing.publish import mark_shared

    with Store(empty_db(tmp_path / "x.db")) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        meeting = plan_dilemma_meeting(store, methods)
        clock = FakeClock()
        workshop = Workshop(store, meeting.id, methods, clock=clock)
        fill_dilemma_review(workshop, clock)
        workshop.add_decision("De gemeente Schagen betaalt; het gezin verhuist naar Groningen.")
        workshop.finish()
        add_region_place(store, meeting.group_id, "Schagen")
        for decision in meeting_queries.decisions(store, meeting.id):
            mark_shared(store, decision.id)
        session = run_solo(store, methods, case="fraude-in-vertrouwen")
        record = load_practice(store, session.id, methods)
        [shown] = reveal(record, store, methods, "nl").precedents
        # The group's own municipality stays, as in its shareable minutes; the other goes.
        assert "De gemeente Schagen betaalt; het gezin verhuist naar \\[woonplaats\\]." in (
            shown.weighed)
        for shareable in (False, True):
            text = report_markdown(record, store, methods, "nl", shareable)
            assert "Groningen" not in text and "De gemeente Schagen betaalt" in text


def test_a_shareable_practice_report_replaces_every_place_and_says_why(tmp_path, methods,
                                                                       capsys):
    from test_practice import SOLO_ANSWERS, run_solo

    from livinglab.practice import load_practice, report_markdown

    path = tmp_path / "x.db"
    with Store(empty_db(path)) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        answers = {**SOLO_ANSWERS, "situation": "Mevrouw D. woont in Schagen; de gemeente "
                   "Hollands Kroon betaalt. Lisa de Boer belt haar."}
        session = run_solo(store, methods, answers=answers)
        record = load_practice(store, session.id, methods)
        full = report_markdown(record, store, methods, "nl")
        text = report_markdown(record, store, methods, "nl", shareable=True)
    assert "Lisa de Boer" in full and "woont in Schagen" in full and "Shareable" not in full
    assert "Lisa de Boer" not in text and "Schagen" not in text and "Hollands Kroon" not in text
    assert r"woont in \[woonplaats\]" in text and "Deelnemer belt haar" in text
    assert "## De casus" in full and "## De casus" not in text  # the case text left out
    assert text.rstrip().endswith(
        "*Deelbare versie: de studenten staan er met hun rol in, namen en andere "
        "persoonsgegevens zijn vervangen door plaatshouders en de casustekst is weggelaten. "
        "Deze oefening hoort bij geen groep, dus er is geen regio bekend: elke plaatsnaam "
        "wordt vervangen.*")
    # The command writes the same report.
    code, out, _err = run_cli(capsys, "--db", str(path), "practice", "report", "latest",
                              "--shareable", "--lang", "nl")
    assert code == 0 and out == text


def test_the_footer_of_a_shareable_practice_report_names_the_region_of_its_group(tmp_path):
    import datetime as dt

    from livinglab.meeting.region import add_region_place
    from livinglab.models import PRACTICE_GROUP_ID, Session
    from livinglab.practice import practice_group, practice_region, shareable_footer

    with Store(empty_db(tmp_path / "x.db")) as store:
        group = store.save(Group(name="Wijkteam Noord"))
        of_group = Session(title="Oefenen", group_id=group.id, date=dt.date(2026, 11, 25))
        practice_group(store)
        of_none = Session(title="Oefenen", group_id=PRACTICE_GROUP_ID, date=dt.date(2026, 11, 25))
        assert practice_region(store, of_none) == (None, [])
        assert "belongs to no group, so no region is known" in shareable_footer(
            store, of_none, "en")
        assert shareable_footer(store, of_group, "en").endswith(
            "No region known for Wijkteam Noord: every place name is replaced.")
        add_region_place(store, group.id, "Schagen")
        assert practice_region(store, of_group)[1] == ["Wijkteam", "Noord", "Schagen"]
        assert shareable_footer(store, of_group, "en").endswith(
            "Places outside the region of Wijkteam Noord (Schagen) are replaced.")
