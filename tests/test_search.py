"""One search over everything: what a group typed anywhere is found again, ranked."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from livinglab.models import (
    AgendaItem, AgendaKind, Case, CaseKind, CaseSection, Decision, FieldType, Group, Lesson,
    Role, Session, SlowQuestion, case_id_for,
)
from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting
from livinglab.memory import intentions
from livinglab.storage import search as search_module
from livinglab.storage.search import MARK_END, MARK_START, plain_snippet, snippet_parts
from livinglab.live.workshop import Workshop

from conftest import PEOPLE, empty_db
from livinglab.meeting import queries as meeting_queries

CASE_FOR = {"casusoverleg": "gezin-schulden-schoolverzuim", "dilemma": "fraude-in-vertrouwen",
            "intervisie": "gezin-schulden-schoolverzuim", "spanningen": "eigen-kracht-zorgplicht",
            "trage-vragen": "kennis-die-blijft"}
METHOD_IDS = list(CASE_FOR)


def plan(store, methods, method_id, group="Wijkteam Havenkwartier", date="2026-11-25"):
    meeting = MeetingPlan(
        title=f"Bespreking {method_id}", group_name=group, date=date, start_time="9:30",
        participants=[PlannedParticipant(name, Role(role)) for name, role in PEOPLE],
        agenda=[PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW, CASE_FOR[method_id],
                            method_id)],
    )
    return create_meeting(store, meeting, methods)


def value_with(word: str, field, participant_id: str):
    """A value of the field's type with `word` typed into it."""
    first = field.columns[0].key if field.columns else None
    return {
        FieldType.TEXT: f"Iets over {word} hier",
        FieldType.LIST: ["eerste punt", f"punt met {word}"],
        FieldType.PARKING: [f"geparkeerd {word}"],
        FieldType.DILEMMA: {"question": f"Mag {word}?", "a": "ja", "b": "nee"},
        FieldType.TABLE: [{first: f"cel {word}"}],
        FieldType.PER_PARTICIPANT: {participant_id: {first: f"ronde {word}"}},
        FieldType.POLARITY: {"pole_a": f"pool {word}", "pole_b": "andere pool"},
        FieldType.RATING: {"score": 4, "comment": f"goed {word}"},
    }[field.type]


@pytest.mark.parametrize("method_id", METHOD_IDS)
def test_a_word_typed_into_any_field_of_any_method_is_found(library_store, methods, clock,
                                                           method_id):
    session = plan(library_store, methods, method_id)
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    [participant, *_] = [p for p, _person in meeting_queries.participants(library_store, session.id)]
    typed: dict[str, str] = {}
    for n, (key, field) in enumerate(workshop.method.fields().items()):
        word = f"zoekwoord{chr(97 + n // 26)}{chr(97 + n % 26)}"
        typed[key] = word
        if field.type == FieldType.CHOICE:  # nothing typed: the option's words are found
            workshop.set_value(key, field.options[-1].key)
            typed[key] = field.options[-1].label["nl"].split()[-1]
        elif field.type == FieldType.DATE:  # no word in a date: it is found as it is shown
            day = dt.date(2031, 1, 1) + dt.timedelta(days=n)
            workshop.set_value(key, day)
            typed[key] = day.strftime("%d-%m-%Y")
        elif field.type == FieldType.ACTIONS:
            workshop.add_action(f"Bel {word}", owner="Anouk")
        elif field.type == FieldType.DECISIONS:
            workshop.add_decision(f"Besloten: {word}")
        else:
            workshop.set_value(key, value_with(word, field, participant.id))
    assert typed
    for key, word in typed.items():
        hits = library_store.search(word)
        # what lives on keeps some fields too: the slow question (wording, insights, what
        # stays open), the precedent of a dilemma, the closing round's voornemens
        lives_on = {"slow-question": {"question", "insights", "still_open"},
                    "precedent": {"dilemma", "choices", "dialogue", "conclusion"},
                    "voornemen": {"closing_round"}}
        assert all(key in lives_on[h.kind] for h in hits if h.kind in lives_on), (key, hits)
        found = [h for h in hits if h.kind not in lives_on]
        if key == "closing_round":  # the voornemen itself: the field shows a copy of it
            found = hits
        if workshop.field(key).type == FieldType.CHOICE:  # its words may be elsewhere too
            found = [h for h in found if h.kind == "field" and h.session_id == session.id]
        [hit] = found
        expected = {FieldType.ACTIONS: "action", FieldType.DECISIONS: "decision"}
        assert hit.kind == ("voornemen" if key == "closing_round"
                            else expected.get(workshop.field(key).type, "field"))
        assert hit.session_id == session.id and hit.date == "2026-11-25"
        assert hit.group_name == "Wijkteam Havenkwartier"
        for part in word.split("-"):  # a date's day, month and year are marked each
            assert f"{MARK_START}{part}{MARK_END}" in hit.snippet


def test_a_voornemen_said_in_a_reviews_closing_round_is_listed_once(library_store, methods,
                                                                     clock):
    # The review's closing-round field shows a copy of the meeting's voornemens: it was
    # found beside each voornemen, the same words twice (and once more per other review).
    session = plan(library_store, methods, "dilemma")
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    [participant, *_] = [p for p, _person in meeting_queries.participants(library_store, session.id)]
    workshop.set_value("closing_round", {participant.id: {
        "learned": "Eerder de wasserette inschakelen", "intention": "Vaker de wijkagent bellen"}})
    for word in ("wasserette", "wijkagent"):
        hits = library_store.search(word)
        assert [(h.kind, h.session_id) for h in hits] == [("voornemen", session.id)], hits


def test_a_column_a_method_adds_to_the_closing_round_is_found_in_the_field():
    method = {"steps": [{"id": "slot", "title": {"nl": "Slot"}, "fields": [{
        "key": "closing_round", "label": {"nl": "Slotronde"}, "type": "per_participant",
        "columns": [{"key": "learned", "label": {"nl": "Geleerd"}},
                    {"key": "intention", "label": {"nl": "Voornemen"}},
                    {"key": "thanks", "label": {"nl": "Dank aan"}}]}]}]}
    value = {"p1": {"learned": "geleerd woord", "intention": "voorgenomen woord",
                    "thanks": "de wasserette"}}
    document = search_module.entry_document("item", "closing_round", value, "s", method)
    assert document.text == "de wasserette"
    only_copied = {"p1": {"learned": "geleerd woord", "intention": "voorgenomen woord"}}
    assert search_module.entry_document("item", "closing_round", only_copied, "s",
                                        method).text == ""
    assert search_module.RECORD_COPIES == {intentions.CLOSING_ROUND: intentions.COLUMNS}


def test_a_changed_value_is_found_by_its_new_words_only(library_store, methods, clock):
    session = plan(library_store, methods, "intervisie")
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    key = next(k for k, f in workshop.method.fields().items() if f.type == FieldType.TEXT)
    workshop.set_value(key, "De wasserette belt elke dag")
    workshop.set_value(key, "De huisarts belt elke week")
    said = ["field", "note"]  # the example cases mention a huisarts too
    assert library_store.search("wasserette") == []
    assert [h.kind for h in library_store.search("huisarts", kinds=said)] == ["field"]
    workshop.set_notes("Notitie over de wijkagent")
    assert [h.kind for h in library_store.search("wijkagent", kinds=said)] == ["note"]
    meeting_queries.delete_agenda_item(library_store, workshop.item.id)
    assert library_store.search("huisarts", kinds=said) == []
    assert library_store.search("wijkagent", kinds=said) == []


def test_rows_written_to_be_indexed_afterwards_are_found_once_the_writing_ends(
        library_store, methods, clock):
    session = plan(library_store, methods, "intervisie")
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    key = next(k for k, f in workshop.method.fields().items() if f.type == FieldType.TEXT)
    with library_store.index_afterwards():
        workshop.set_value(key, "De wasserette belt elke dag")
        workshop.set_notes("Notitie over de wijkagent")
        assert library_store.search("wasserette") == []  # not yet: at the end
    assert [h.kind for h in library_store.search("wasserette")] == ["field"]
    assert [h.kind for h in library_store.search("wijkagent", kinds=["note"])] == ["note"]
    workshop.set_value(key, "De huisarts belt elke week")  # row by row again
    assert library_store.search("wasserette") == []


def test_compounds_are_found_by_their_parts_and_words_by_their_start(store):
    group = store.save(Group(name="Werkgroep Jeugd"))
    store.save(Lesson(group_id=group.id, text="Kinderarmoede zie je pas laat"))
    store.save(Lesson(group_id=group.id, text="Schuldhulpverlening begint bij vertrouwen"))
    assert [plain_snippet(h.snippet) for h in store.search("armoede")] == [
        "Kinderarmoede zie je pas laat"]
    assert [h.kind for h in store.search("schuldhulp")] == ["lesson"]  # a prefix
    assert [h.kind for h in store.search("vertrouw")] == ["lesson"]
    assert store.search("zzzgeenwoord") == []


def test_a_hit_makes_its_snippet_when_read_and_is_then_as_one_made_whole(tmp_path):
    """A page of hits makes that page's snippets: a hit of a search holds its snippet once
    read, also after its store is closed (the app reads it on its screen's thread), and
    equals, hashes and shows as a hit made with it."""
    import dataclasses

    from livinglab.storage.search import Hit
    from livinglab.storage.store import Store

    path = tmp_path / "lab.db"
    empty_db(path)
    with Store(path) as store:
        group = store.save(Group(name="Werkgroep Jeugd"))
        store.save(Lesson(group_id=group.id, text="Kinderarmoede zie je pas laat"))
        store.save(Lesson(group_id=group.id, text="Armoede van ouders telt mee"))
    with Store(path, read_only=True) as store:
        hits = store.search("armoede")
    assert [vars(h).get("snippet") for h in hits] == [None, None]  # none made yet
    first, second = hits
    assert first.snippet == f"{MARK_START}Armoede{MARK_END} van ouders telt mee"
    whole = [Hit(**{f.name: getattr(h, f.name) for f in dataclasses.fields(Hit)})
             for h in hits]
    assert hits == whole and [hash(h) for h in hits] == [hash(h) for h in whole]
    assert [repr(h) for h in hits] == [repr(h) for h in whole]
    assert second.snippet == f"{MARK_START}Kinderarmoede{MARK_END} zie je pas laat"
    with pytest.raises(AttributeError):
        first.snipet  # noqa: B018 - a misspelt field is no snippet


def test_a_file_of_the_version_before_gets_the_index_that_leaves_practice_runs_out(tmp_path):
    """A search of everything leaves a student's practice run out by its documents' ids,
    read through an index by meeting or group that the migration adds; it finds what a
    file made new finds, and nothing of the run."""
    import json
    import shutil

    from livinglab.demo.history import make_demo
    from livinglab.practice import practice_sessions
    from livinglab.storage.schema import (
        MIGRATIONS,
        SCHEMA_VERSION,
        _migrate_search_place,
    )
    from livinglab.storage.store import Store

    now, old = empty_db(tmp_path / "now.db"), tmp_path / "old.db"
    make_demo(now, dt.date(2026, 11, 25))  # six meetings and a student's practice run
    shutil.copy(now, old)
    with sqlite3.connect(old) as conn:
        conn.execute("drop index search_docs_place")
        conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_search_place)}")
    with Store(old) as store, Store(now) as fresh:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("select name from sqlite_master where name = "
                                  "'search_docs_place'").fetchone()
        practice = {s.id for s in practice_sessions(store)}
        runs = json.dumps([search_module.packed(id).hex() for id in practice])
        for word in ("ochtendronde", "wijkteam", "collega", "betrouwbaarheid"):
            held = store.conn.execute(  # the run holds the word: the test can fail
                "select count(*) from search_words join search_docs d on d.id = "
                "search_words.rowid where search_words match ? and lower(hex(d.session)) in "
                "(select value from json_each(?))", [f'"{word}"*', runs]).fetchone()[0]
            assert held, word
            found = store.search(word)
            assert not {h.session_id for h in found} & practice
            assert found == fresh.search(word)
            assert store.search(word, ["field"]) == fresh.search(word, ["field"])


def test_kinds_are_ranked_together_by_relevance(store):
    """A slow question that is all about a word comes before lessons that mention it once:
    no kind is listed after another kind as such."""
    group = store.save(Group(name="Werkgroep"))
    for n in range(60):
        store.save(Lesson(group_id=group.id, text=(
            f"Les {n}: een lang verhaal over het werk in de wijk, met veel woorden die niets "
            f"zeggen over het onderwerp, en ergens terloops ook regie")))
    store.save(SlowQuestion(group_id=group.id,
                                          question="Regie: wie heeft de regie?"))
    hits = store.search("regie")
    assert hits[0].kind == "slow-question"
    assert len(hits) == 50  # the default limit; the question was not cut off behind lessons
    assert {h.kind for h in store.search("regie", limit=100)} == {"lesson", "slow-question"}


def test_values_only_in_a_table_are_found(library_store, methods, clock):
    session = plan(library_store, methods, "dilemma")
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    workshop.set_value("parties", [{"party": "Gemeente", "value": "Rechtvaardigheid"}])
    assert {h.kind for h in library_store.search("rechtvaardigheid")} == {"field", "precedent"}
    [hit] = library_store.search("rechtvaardigheid", kinds=["field"])
    assert hit.kind == "field" and hit.label and hit.item_id == workshop.item.id
    assert snippet_parts(hit.snippet)[1] == ("Rechtvaardigheid", True)


@pytest.mark.parametrize("query", [
    '"', '""', "'", "*", "armoede*", '"armoede', "-armoede", "armoede -", "NEAR", "NEAR(a b)",
    "a AND", "OR", "NOT armoede", "(", ")", "^armoede", "label:armoede", "{label}: x",
    "armoede + ", "%", "\\", "a:b", "ärmöede", "   ", "",
])
def test_fts_syntax_in_a_query_never_errors(store, query):
    group = store.save(Group(name="G"))
    store.save(Lesson(group_id=group.id, text="Kinderarmoede en NEAR en OR en AND"))
    hits = store.search(query)  # must not raise
    assert isinstance(hits, list)


def test_operator_words_are_searched_as_words(store):
    group = store.save(Group(name="G"))
    store.save(Lesson(group_id=group.id, text="Iets NEAR de grens"))
    store.save(Lesson(group_id=group.id, text="Iets anders"))
    assert [plain_snippet(h.snippet) for h in store.search("NEAR")] == ["Iets NEAR de grens"]
    assert [plain_snippet(h.snippet) for h in store.search('"iets" -near')] == [
        "Iets NEAR de grens"]


def test_kind_and_group_narrow_the_search(store):
    north = store.save(Group(name="Noord"))
    south = store.save(Group(name="Zuid"))
    session = store.save(Session(title="Overleg", group_id=south.id,
                                         date=dt.date(2026, 3, 2)))
    store.save(Lesson(group_id=north.id, text="Huisbezoek samen doen"))
    store.save(Decision(session_id=session.id, text="Huisbezoek voortaan met z'n tweeën"))
    assert {h.kind for h in store.search("huisbezoek")} == {"lesson", "decision"}
    assert [h.kind for h in store.search("huisbezoek", kinds=["decision"])] == ["decision"]
    [hit] = store.search("huisbezoek", group_id=south.id)
    assert (hit.kind, hit.group_name, hit.date, hit.session_title) == (
        "decision", "Zuid", "2026-03-02", "Overleg")


def test_cases_are_found_by_title_and_text_but_not_by_notes_for_the_facilitator(store):
    store.save(Case(id=case_id_for("a"), slug="a", title="Twee bazen in de thuiszorg",
                         kind=CaseKind.DILEMMA, facilitator_notes="geheimwoord",
                         sections=[CaseSection(title="Situatie", body="Een wijkverpleegkundige")]))
    assert [h.kind for h in store.search("thuiszorg")] == ["case"]
    assert [h.kind for h in store.search("wijkverpleeg")] == ["case"]
    assert store.search("geheimwoord") == []


def test_a_deleted_row_is_no_longer_found(store):
    group = store.save(Group(name="G"))
    lesson = store.save(Lesson(group_id=group.id, text="Vergeten les"))
    store.delete(Lesson, lesson.id)
    assert store.search("vergeten") == []


def test_an_agenda_item_deleted_keeps_its_actions_findable(store):
    group = store.save(Group(name="G"))
    session = store.save(Session(title="O", group_id=group.id, date=dt.date(2026, 1, 5)))
    item = store.save(AgendaItem(session_id=session.id, position=1, title="Punt",
                                             notes="aantekening"))
    from livinglab.models import Action

    store.save(Action(group_id=group.id, session_id=session.id, item_id=item.id,
                             what="Brief sturen"))
    meeting_queries.delete_agenda_item(store, item.id)
    assert store.search("aantekening") == []
    assert [h.kind for h in store.search("brief")] == ["action"]


# --- livinglab search -------------------------------------------------------------------


def search_db(tmp_path):
    from livinglab.storage.store import Store

    path = tmp_path / "s.db"
    with Store(empty_db(path)) as store:
        north = store.save(Group(name="Werkgroep Noord"))
        south = store.save(Group(name="Wijkteam Zuid"))
        session = store.save(Session(title="Moreel beraad", group_id=south.id,
                                             date=dt.date(2026, 3, 2)))
        store.save(Lesson(group_id=north.id, text="Kinderarmoede zie je pas laat"))
        store.save(Decision(session_id=session.id,
                                     text="Armoede komt elke maand op de agenda"))
    return path


def test_cli_search_shows_kind_place_and_snippet_of_each_result(capsys, tmp_path):
    from conftest import run_cli

    path = search_db(tmp_path)
    code, out, err = run_cli(capsys, "--db", str(path), "search", "armoede")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines == [
        "decision · Wijkteam Zuid · 02-03-2026 · Moreel beraad",
        "  Armoede komt elke maand op de agenda",
        "lesson · Werkgroep Noord",
        "  Kinderarmoede zie je pas laat",
    ]


def test_cli_search_narrows_by_kind_and_group_and_says_when_nothing_is_found(capsys, tmp_path):
    from conftest import run_cli

    path = search_db(tmp_path)
    code, out, _err = run_cli(capsys, "--db", str(path), "search", "armoede", "--kind", "lesson")
    assert code == 0 and out.splitlines()[0] == "lesson · Werkgroep Noord"
    code, out, _err = run_cli(capsys, "--db", str(path), "search", "armoede",
                              "--group", "wijkteam zuid")
    assert code == 0 and len(out.splitlines()) == 2 and "Wijkteam Zuid" in out
    code, out, _err = run_cli(capsys, "--db", str(path), "--lang", "nl", "search", '"NEAR*(')
    assert (code, out) == (0, 'Niets gevonden voor "NEAR*(.\n')
    code, out, err = run_cli(capsys, "--db", str(path), "search", "x", "--group", "Oost")
    assert code == 1 and out == ""
    assert err == "livinglab: no group called Oost; the groups are: Werkgroep Noord, Wijkteam Zuid\n"
    code, _out, err = run_cli(capsys, "--db", str(path), "search", "x", "--kind", "nope")
    assert code == 2 and "nope" in err


def test_a_hit_is_headed_one_way_on_one_line():
    from livinglab import i18n
    from livinglab.storage.search import Hit, hit_heading

    hit = Hit(kind="decision", ref_id="d", label="Besluit\n3", snippet="", score=0,
              session_id="s", session_title="Moreel\tberaad \x1b[31mnov", date="2026-11-25",
              group_id="g", group_name="Wijkteam Noord", item_id=None)
    assert hit_heading(hit) == ("decision: Besluit 3 · Wijkteam Noord · 25-11-2026 · "
                                "Moreel beraad nov")
    i18n.set_language("nl")
    bare = Hit(kind="lesson", ref_id=None, label="", snippet="", score=0, session_id=None,
               session_title=None, date=None, group_id=None, group_name=None, item_id=None)
    assert hit_heading(bare) == "les"


def test_a_file_of_the_version_before_lists_a_voornemen_said_in_a_review_once(tmp_path,
                                                                             methods, clock):
    from livinglab.library.cases import example_cases, import_cases
    from livinglab.storage.keys import entry_id
    from livinglab.storage.schema import MIGRATIONS, _migrate_round_copies
    from livinglab.storage.store import Store

    path = empty_db(tmp_path / "old.db")
    with Store(path) as store:
        import_cases(store, example_cases())
        session = plan(store, methods, "dilemma")
        workshop = Workshop(store, session.id, methods, clock=clock)
        [participant, *_] = [p for p, _person in meeting_queries.participants(store, session.id)]
        said = {participant.id: {"learned": "Eerder de wasserette inschakelen",
                                 "intention": "Vaker de wijkagent bellen"}}
        workshop.set_value("closing_round", said)
        item_id = workshop.item.id
    with sqlite3.connect(path) as conn:  # its closing round's document as the version before
        # made it: the voornemens' words in it too
        search_module.write(conn, [search_module.Document(
            kind="field", ref_id=entry_id(item_id, "closing_round"), label="Slotronde",
            text="Eerder de wasserette inschakelen\nVaker de wijkagent bellen",
            session_id=session.id, item_id=item_id)], vocabulary=False)
        assert conn.execute("select count(*) from search_docs where kind = 'field'"
                            ).fetchone() == (1,)
        conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migrate_round_copies)}")
    with Store(path) as store:
        assert [h.kind for h in store.search("wijkagent")] == ["voornemen"]
        assert [h.kind for h in store.search("wasserette")] == ["voornemen"]
