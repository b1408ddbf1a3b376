"""Long work tells how far it is (issue 27): the core takes a callback `progress(done,
total)` and calls it with counts that advance to the total; a command draws it as a bar
only on a terminal, so a script or a pipe gets nothing but the command's own lines."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import empty_db, run_cli

TODAY = dt.date(2026, 11, 25)


class Calls(list):
    def __call__(self, done, total=None):
        self.append((done, total))

    def advance_to_the_total(self) -> bool:
        dones = [done for done, _total in self]
        totals = {total for _done, total in self}
        return (len(self) >= 2 and dones == sorted(dones) and dones[0] < dones[-1]
                and len(totals) == 1 and dones[-1] == totals.pop())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from livinglab.demo.history import make_demo

    path = empty_db(tmp_path_factory.mktemp("progress") / "demo.db")
    calls = Calls()
    make_demo(path, TODAY, meetings=60, groups=2, progress=calls)
    return path, calls


def test_the_demo_tells_the_meetings_written(demo_db):
    _path, calls = demo_db
    assert calls.advance_to_the_total()
    assert calls[-1] == (60, 60) and len(calls) > 2


def test_rebuilding_the_index_tells_the_rows_read(demo_db, tmp_path):
    from livinglab.storage.store import Store

    path, _calls = demo_db
    with Store(path) as store:
        before = store.search("zorg")
        calls = Calls()
        store.rebuild_search_index(progress=calls)
        assert calls.advance_to_the_total()
        assert store.search("zorg") == before


def test_backup_bundles_and_publish_tell_their_steps(demo_db, tmp_path):
    from livinglab.sharing.backup import backup
    from livinglab.sharing.bundles import export_bundle, import_bundle
    from livinglab.sharing.publish import publish
    from livinglab.storage.store import Store

    path, _calls = demo_db
    calls = Calls()
    backup(path, tmp_path / "copy.db", progress=calls)
    assert calls.advance_to_the_total()
    with Store(path) as store:
        calls = Calls()
        bundle = export_bundle(store, progress=calls)
        assert calls.advance_to_the_total()
        calls = Calls()
        publish(store, tmp_path / "archive.db", tmp_path / "metadata.json", progress=calls)
        assert calls.advance_to_the_total()
    with Store(empty_db(tmp_path / "other.db")) as other:
        calls = Calls()
        report = import_bundle(other, bundle, "bundle.json", progress=calls)
        assert calls.advance_to_the_total()
        assert calls[-1][1] == sum(report.added.values())


def test_purge_tells_each_meeting_then_the_index_and_the_compaction(demo_db, tmp_path):
    import shutil

    from livinglab.privacy.retention import plan_purge, purge
    from livinglab.storage.store import Store

    path = tmp_path / "purge.db"
    shutil.copy(demo_db[0], path)
    with Store(path) as store:
        plan = plan_purge(store, dt.date(2026, 6, 1))
        assert len(plan.sessions) > 2
        calls = Calls()
        purge(store, plan, progress=calls)
        assert calls.advance_to_the_total()
        assert calls[-1] == (len(plan.sessions) + 2, len(plan.sessions) + 2)
        assert plan_purge(store, dt.date(2026, 6, 1)).sessions == []


def test_importing_cases_tells_the_files_read_and_the_cases_stored(tmp_path):
    from livinglab.library.cases import import_cases, load_cases
    from livinglab.storage.store import Store

    folder = tmp_path / "cases"
    folder.mkdir()
    for number in range(5):
        (folder / f"casus-{number}.md").write_text(
            f"---\ntitle: Casus {number}\nkind: casus\n---\n\n## Situatie\n\nTekst {number}.\n",
            "utf-8")
    (folder / "kapot.md").write_bytes(b"\xff\xfe")  # a broken file is counted as read too
    reading = Calls()
    loaded = load_cases(folder, reading)
    assert reading.advance_to_the_total() and reading[-1] == (6, 6)
    assert len(loaded.cases) == 5 and len(loaded.problems) == 1
    storing = Calls()
    with Store(empty_db(tmp_path / "cases.db")) as store:
        report = import_cases(store, loaded, progress=storing)
    assert storing.advance_to_the_total() and storing[-1] == (5, 5)
    assert len(report.added) == 5


def test_without_a_terminal_the_commands_print_only_their_lines(capsys, tmp_path, demo_db):
    path = tmp_path / "demo.db"
    code, out, err = run_cli(capsys, "demo", "--db", str(path), "--meetings", "8",
                             "--today", "2026-11-25")
    assert code == 0
    assert out == (f"Wrote a fictional history of 8 meetings to {path}\n"
                   f"Open it with: livinglab --db {path}\n")
    assert err == ""
    code, out, err = run_cli(capsys, "--db", str(path), "backup", "-o",
                             str(tmp_path / "b.db"))
    assert (code, out, err) == (0, f"Backup written to {tmp_path / 'b.db'}\n", "")
    code, out, err = run_cli(capsys, "--db", str(path), "bundle", "export", "-o",
                             str(tmp_path / "b.json"))
    assert code == 0 and "━" not in out + err and "\x1b" not in out + err


def test_the_bar_is_a_callback_that_does_nothing_without_a_terminal(capsys):
    from livinglab.commands.common import progress_bar

    with progress_bar("Writing meetings") as progress:
        for done in range(0, 101, 10):
            progress(done, 100)
    assert capsys.readouterr() == ("", "")
