from __future__ import annotations

import datetime as dt
import gc
import os
from pathlib import Path

import pytest
from hypothesis import settings

from livinglab import i18n
from livinglab.storage.store import Store
from livinglab.meeting import queries as meeting_queries

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE: `dev` (the default) runs the number of
# examples written at each test, `ci` (.ci/run) half as many, `nightly` ten times as many.
# A test asks for examples(n): n in the dev profile, scaled by the profile's max_examples.
# No deadline on CI or at night: the runners are shared, and a slow example is not a bug.
settings.register_profile("dev", max_examples=100)
settings.register_profile("ci", max_examples=50, deadline=None, print_blob=True)
settings.register_profile("nightly", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "dev")


def examples(n: int) -> int:
    """How many examples a test that runs `n` in the dev profile runs in the loaded one."""
    return max(1, n * settings().max_examples // 100)


@pytest.hookimpl(wrapper=True, optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pyproject's addopts): two workers more than xdist's one per CPU. An app
    test spends about 40% of its time blocked, not computing (test_chair and
    test_closing_app in one process: 29 s of CPU, 20 s blocked): Pilot waits for the app
    to go idle after every key, two 20 ms windows without CPU per `pilot.press`. With one
    worker per CPU, each CPU sat idle that long. PYTEST_XDIST_AUTO_NUM_WORKERS still sets
    the number."""
    count = yield
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return count
    return count + 2


# The tests that took most CPU, in seconds, on the 2-core machine (a whole run with each
# test's CPU recorded, December 2026). Only the order of the run uses them (below).
LONGEST = {
    "test_app.py::test_a_whole_review_by_keys_stores_every_field[spanningen": 19,
    "test_app.py::test_a_whole_review_by_keys_stores_every_field[dilemma": 15,
    "test_app_safety.py::test_every_field_of_every_step_is_in_sight_when_it_has_focus[spanningen]": 13,
    "test_app_safety.py::test_every_field_of_every_step_is_in_sight_when_it_has_focus[dilemma]": 9,
    "test_minutes.py::test_arbitrary_user_text_keeps_the_outline_and_tables": 9,
    "test_app_safety.py::test_brackets_in_every_user_text_show_literally_on_every_screen": 9,
    "test_capture_app.py::test_a_burst_into_each_step_then_ctrl_n_is_stored_in_that_step": 9,
    "test_app.py::test_a_whole_review_by_keys_stores_every_field[trage-vragen": 7,
    "test_practice_app.py::test_a_complete_solo_practice_run_and_the_reveal_by_keys": 6,
    "test_narrow_app.py::test_f1_lists_each_key_with_what_it_does_on_that_screen_in_dutch": 6,
    "test_busy_app.py::test_a_new_meeting_planned_while_the_database_is_busy_is_kept_and_": 6,
    "test_app_safety.py::test_every_field_of_every_step_is_in_sight_when_it_has_focus[": 5,
    "test_capture_core.py::test_random_edits_moves_and_reopenings_keep_what_was_typed": 5,
    "test_room_app.py::test_the_chair_opens_the_room_a_phone_writes_and_the_chair_reveals": 5,
    "test_app_safety.py::test_text_typed_fast_across_people_lands_in_the_field_tab_led_to": 5,
}
APP_TEST = 1.0  # a test in a module that starts the app, most of them 0.3 to 4 s
OTHER_TEST = 0.1


@pytest.hookimpl(trylast=True)  # after `-m` has left out the tests not run
def pytest_collection_modifyitems(session, config, items):
    """With xdist (`-n`), the longest tests first, shared among the workers. xdist's
    worksteal gives each worker an equal run of the collected tests, in their order, and an
    idle worker takes half of the tests another has not started yet, from the back. In file
    order the app's longest tests (test_app, test_app_safety, test_capture_app, test_chair)
    lay in the first worker's run; the others took them from it one by one, and the last
    ones taken, 20 to 60 s each at 4 workers on 2 cores, started minutes into the run and
    ended it alone. Here each worker's run begins with its share of the long tests, dealt
    by their cost (longest first, each to the run with the least so far); the short ones
    follow in file order, and are what is left to take at the end. Every test runs, once;
    `-n 0` keeps the file order."""
    workers = getattr(config, "workerinput", {}).get("workercount")
    if not workers or workers < 2 or len(items) < workers:
        return
    app_modules: dict[str, bool] = {}

    def cost(item) -> float:
        name = item.nodeid.rsplit("/", 1)[-1]
        for start, seconds in LONGEST.items():
            if name.startswith(start):
                return seconds
        path = str(item.path)
        if path not in app_modules:
            try:
                text = item.path.read_text()
            except OSError:
                text = ""
            app_modules[path] = "run_test(" in text or "make_app(" in text
        return APP_TEST if app_modules[path] else OTHER_TEST

    # The lengths of xdist's first runs: what is pending, split among the idle workers.
    sizes, left = [], len(items)
    for remaining in range(workers, 0, -1):
        sizes.append(left // remaining)
        left -= sizes[-1]
    costs = {id(item): cost(item) for item in items}
    long_ones = sorted((item for item in items if costs[id(item)] >= APP_TEST),
                       key=lambda item: -costs[id(item)])  # stable: file order among equals
    runs: list[list] = [[] for _ in sizes]
    totals = [0.0] * len(sizes)
    for item in long_ones:
        open_runs = [k for k in range(len(runs)) if len(runs[k]) < sizes[k]]
        k = min(open_runs, key=lambda k: totals[k])
        runs[k].append(item)
        totals[k] += costs[id(item)]
    short = iter(item for item in items if costs[id(item)] < APP_TEST)
    for k, run in enumerate(runs):
        run.extend(next(short) for _ in range(sizes[k] - len(run)))
    ordered = [item for run in runs for item in run]
    assert len(ordered) == len(items) and {id(i) for i in ordered} == {id(i) for i in items}
    items[:] = ordered


def pytest_collection_finish(session):
    """Python's cycle collector took a fifth of an app test's CPU (3.9 of 17 s for a whole
    review by keys, in 1,700 collections): every collection of the oldest generation walks
    all that was imported, Textual and the test modules, again. What exists once the tests
    are collected is moved out of its reach (`gc.freeze`), and the youngest generation is
    collected every 10,000 new objects instead of 700 (a Textual screen makes thousands
    per key). No test depends on when garbage is collected; it is collected all the same."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def pytest_terminal_summary(terminalreporter, config):
    """Say which kinds of test the count above leaves out (pyproject's addopts), as xdist
    does not count deselected tests."""
    left_out = [f"{what} (-m {marker})" for marker, what in (
        ("slow", "the slow tests"), ("corpus", "the privacy corpus checks"))
        if f"not {marker}" in (config.option.markexpr or "")]
    if left_out:
        terminalreporter.write_line(f"Not run here: {' and '.join(left_out)}; .ci/run runs them.")


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's own data dir, or depends on their locale."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("LIVINGLAB_DB", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


# The bytes of an empty database with every migration run, made once per test process.
_migrated: bytes | None = None


@pytest.fixture(scope="session", autouse=True)
def migrated_template(tmp_path_factory) -> Path:
    """One empty database with every migration run, per test process (each xdist worker
    has its own base temp folder). Opening a Store on a new path runs all MIGRATIONS,
    tens of milliseconds each time; a test that needs an empty database, and is not about
    making one, gets a copy of this one instead (`empty_db`)."""
    global _migrated
    path = tmp_path_factory.getbasetemp() / "migrated-template.db"
    Store(path).close()
    # Closed, the write-ahead log is checkpointed into the file and removed: the one file
    # is the whole database.
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    _migrated = path.read_bytes()
    return path


def empty_db(path) -> Path:
    """A copy of the migrated empty database at `path`, which must not exist yet, readable
    by the owner only as the app creates it (0600); returns `path`. It is what `Store(path)`
    leaves behind on a new path, except that `is_new` is False when it is opened. Tests of
    creating, migrating or a first start use a real new path instead."""
    assert _migrated is not None, "the migrated_template fixture makes it"
    path = Path(path)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(_migrated)
    return path


# The bytes of that database with the example cases imported, made on first use.
_seeded: bytes | None = None


def seeded_db(path) -> Path:
    """Like `empty_db`, a copy of the migrated database with the example cases imported,
    as the app's first start leaves it: made once per test process (importing them took
    30 ms a test), not for tests of importing."""
    global _seeded
    if _seeded is None:
        import tempfile

        from livinglab.library.cases import example_cases, import_cases

        with tempfile.TemporaryDirectory() as folder:
            with Store(empty_db(Path(folder) / "seeded.db")) as store:
                import_cases(store, example_cases())
            _seeded = (Path(folder) / "seeded.db").read_bytes()  # closed: the one file
    path = Path(path)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(_seeded)
    return path


@pytest.fixture
def db_path(tmp_path):
    """A path with no file at it yet."""
    return tmp_path / "livinglab.db"


@pytest.fixture
def store(db_path):
    """An empty, migrated database at `db_path`, open."""
    with Store(empty_db(db_path)) as opened:
        yield opened


@pytest.fixture
def today():
    return dt.date(2026, 11, 25)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def methods():
    from livinglab.methods import load_methods

    return load_methods()


@pytest.fixture
def library_store(store):
    """A store with the example cases in it."""
    from livinglab.library.cases import example_cases, import_cases

    import_cases(store, example_cases())
    return store


PEOPLE = [("Anouk Visser", "voorzitter"), ("Bram de Wit", "notulist"),
          ("Sander Kok", "casusinbrenger"), ("Yasmina El Idrissi", "deelnemer")]


def plan_dilemma_meeting(store, methods, date="2026-11-25"):
    from livinglab.models import AgendaKind, Role
    from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting

    plan = MeetingPlan(
        title="Moreel beraad november", group_name="Wijkteam Havenkwartier", date=date,
        start_time="9:30", location="Buurthuis De Kaap",
        participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE]
        + [PlannedParticipant("Karin Smit", Role.PARTICIPANT, "afwezig-met-bericht")],
        agenda=[PlannedItem("Opening"),
                PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW,
                            case_id="fraude-in-vertrouwen", method_id="dilemma"),
                PlannedItem("Sluiting")],
    )
    return create_meeting(store, plan, methods)


def fill_dilemma_review(workshop, clock):
    """Walk all ten steps, filling every field the way a secretary would."""
    participants = [p for p, _person in meeting_queries.participants(workshop.store, workshop.session.id)]
    values = {
        "rules": ["Wat hier gezegd wordt blijft hier", "We oordelen niet"],
        "situation": "Meneer K. vertelt dat hij zwart bijverdient.\nHij vraagt het stil te houden.",
        "dilemma": {"question": "Wat is hier goed om te doen?", "a": "De fraude melden",
                    "a_harm": "Het vertrouwen is weg", "b": "Eerst helpen, later melden",
                    "b_harm": "Sander handelt tegen de regels"},
        "clarifications": ["Weet de klantmanager het al? Nee."],
        "parking": ["Een protocol voor fraudemeldingen maken"],
        "parties": [{"party": "Meneer K.", "perspective": "Overleven", "value": "Zorg voor zijn zoon",
                     "norm": "Je helpt je kind"},
                    {"party": "Gemeente", "perspective": "Rechtmatigheid", "value": "Gelijkheid",
                     "norm": "Fraude wordt gemeld"}],
        "alternatives": ["Meneer K. zelf laten melden, met steun van Sander"],
        "choices": {participants[0].id: {"choice": "B", "value": "Vertrouwen",
                                         "cannot": "Nu al melden bij de klantmanager",
                                         "limit_harm": "Binnen een maand samen melden",
                                         "asks_of_me": "Geduld, en het gesprek aangaan"},
                    participants[2].id: {"choice": "A", "value": "Eerlijkheid",
                                         "limit_harm": "Uitleggen waarom"}},
        "dialogue": "Verschil zit in hoe lang je vertrouwen mag laten voorgaan.",
        "conclusion": "Sander bespreekt met meneer K. dat hij zelf meldt.",
        "closing_round": {participants[3].id: {"learned": "Dat regels en zorg botsen",
                                               "intention": "Dilemma's eerder inbrengen"}},
        "rating": {"score": 4, "comment": "Goed gesprek"},
    }
    workshop.start()
    workshop.go_to_item(workshop.items[1].id)
    for number, step in enumerate(workshop.method.steps):
        assert workshop.step.id == step.id
        workshop.start_timer()
        clock.advance(step.minutes * 60 + (90 if number == 7 else -30))
        for f in step.fields:
            if f.key in values:
                workshop.set_value(f.key, values[f.key])
        if step.id == "conclusions":
            workshop.add_decision("Meneer K. meldt zelf, Sander gaat mee")
            import datetime as dt
            workshop.add_action("Gesprek met meneer K. over melden", "Sander",
                                dt.date(2026, 12, 2))
        workshop.next_step()
    workshop.add_lesson("Bij signalen van fraude eerst bespreken in het team")
    return values


def run_cli(capsys, *args):
    """Run `livinglab ARGS`; (exit code, stdout, stderr)."""
    from livinglab.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code or 0
    out, err = capsys.readouterr()
    return code, out, err
