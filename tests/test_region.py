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
    code, out, _err = run("list")
    assert out.splitlines() == ["Schagen", "Wijkteam", "Noord", "Den Helder", "Hollands Kroon"]
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
