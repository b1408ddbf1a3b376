import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from markdown_it import MarkdownIt

from livinglab.library.cases import example_cases, import_cases
from livinglab.minutes import render_minutes
from livinglab.models import Action, SessionStatus, SlowQuestion
from livinglab.text.terminal import clean
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop

from conftest import (
    PEOPLE, FakeClock, empty_db, examples, fill_dilemma_review, plan_dilemma_meeting,
)
from livinglab.library import queries as case_queries
from livinglab.meeting import queries as meeting_queries
from livinglab.models import Session

GOLDEN = Path(__file__).parent / "golden"


def build_meeting(store, methods):
    """A fixed meeting: an earlier one with an open action, then a full dilemma review."""
    earlier = plan_dilemma_meeting(store, methods, date="2026-10-28")
    store.save(Action(group_id=earlier.group_id, session_id=earlier.id,
                             what="Afspraken met de klantmanager op papier zetten",
                             owner="Bram", due=dt.date(2026, 11, 20)))
    store.save(SlowQuestion(group_id=earlier.group_id,
                                          question="Hoe houden we de menselijke maat?"))
    session = plan_dilemma_meeting(store, methods)
    clock = FakeClock()
    workshop = Workshop(store, session.id, methods, clock=clock,
                        wallclock=lambda: dt.datetime(2026, 11, 25, 11, 30))
    values = fill_dilemma_review(workshop, clock)
    workshop.go_to_item(workshop.items[0].id)
    workshop.set_notes("Welkom. Karin heeft zich afgemeld.")
    workshop.finish()
    return session, values


@pytest.fixture
def meeting(library_store, methods):
    session, values = build_meeting(library_store, methods)
    return library_store, session, values


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_minutes_match_the_golden_file(meeting, methods, lang):
    store, session, _values = meeting
    text = render_minutes(store, session.id, methods, lang=lang)
    golden = GOLDEN / f"dilemma-meeting.{lang}.md"
    if os.environ.get("LIVINGLAB_UPDATE_GOLDEN"):  # after an intended change; read the diff
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_the_minutes_hold_what_the_conventions_ask(meeting, methods):
    store, session, values = meeting
    text = render_minutes(store, session.id, methods, lang="nl")
    for expected in [
        "| Voorzitter | Anouk Visser |", "| Afwezig met bericht | Karin Smit |",
        "| Gepland | 09:30 |", "| Gehouden | 11:30–11:30 |", "**Concept**", "## 2. Casusbespreking: Fraude gehoord aan de keukentafel",
        "| A | De fraude melden | Het vertrouwen is weg |", "*Anouk Visser*",
        "### Parkeerplaats", "- Een protocol voor fraudemeldingen maken",
        "## Besluitenlijst", "| 1 | Meneer K. meldt zelf, Sander gaat mee |",
        "| 1 | Afspraken met de klantmanager op papier zetten (sinds 28-10-2026) | Bram | "
        "20-11-2026 | open |",
        "| 2 | Gesprek met meneer K. over melden | Sander | 02-12-2026 | open |",
        "## Open trage vragen", "## Te delen kennis", "| 2 | Dialoog over de verschillen | 15 min | 17 min |",
        "*Vertrouwelijk:",
    ]:
        assert expected in text, expected


def test_the_shareable_minutes_hold_no_names_and_no_case_text(meeting, methods):
    store, session, _values = meeting
    text = render_minutes(store, session.id, methods, shareable=True, lang="nl")
    names = [name for name, _role in PEOPLE] + ["Karin Smit"]
    for name in names:
        for part in name.split():
            if len(part) >= 3:
                assert part not in text, part
    case = case_queries.case(store, "fraude-in-vertrouwen")
    for section in case.sections:
        for line in section.body.splitlines():
            if len(line.strip()) > 12:
                assert line.strip() not in text
    assert case.title not in text
    # People are their roles: the present list says who chaired; no "Voorzitter | Voorzitter".
    assert "| Aanwezig | Voorzitter, Notulist, " in text and "| Voorzitter |" not in text
    assert "| Afwezig met bericht | Deelnemer 2 |" in text
    assert "Casusinbrenger" in text  # "Sander" in a typed note became his role


def test_user_text_cannot_break_the_structure_examples(library_store, methods):
    session, _values = build_meeting(library_store, methods)
    reference = outline(render_minutes(library_store, session.id, methods))
    nasty = "# kop\n| a | b |\n```\n<script>alert(1)</script>\n---\n1. lijst\n    code\n==="
    workshop = Workshop(library_store, session.id, methods)
    workshop.go_to_item(workshop.items[1].id)
    for key in ("situation", "dialogue", "conclusion"):
        workshop.set_value(key, nasty)
    text = render_minutes(library_store, session.id, methods)
    assert outline(text) == reference
    assert "<script>" not in text


def outline(markdown: str):
    """The heading outline and the shape of every table."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    shape, rows, cells = [], 0, []
    for token in tokens:
        if token.type == "heading_open":
            shape.append(token.tag)
        elif token.type == "table_open":
            rows, cells = 0, []
        elif token.type == "tr_open":
            rows += 1
            cells.append(0)
        elif token.type in ("th_open", "td_open"):
            cells[-1] += 1
        elif token.type == "table_close":
            shape.append(("table", rows, tuple(cells)))
        elif token.type in ("hr", "fence", "code_block", "html_block"):
            shape.append(token.type)
    return shape


user_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda s: s.strip())
markdown_bits = st.sampled_from(["#", "|", "`", "```", "<script>", "---", "1.", "- ", "\n",
                                 "    ", "===", "*", "_", "[x](y)", "> ", "&amp;", "\\", "~~~"])
nasty_text = st.lists(st.one_of(user_text, markdown_bits), min_size=1, max_size=8).map(
    "".join).filter(lambda s: clean(s).strip())


_built: tuple[bytes, str] | None = None  # build_meeting's database, closed, and its session


def built_meeting(path, methods) -> tuple[Store, str]:
    """At `path`, owner-only, a copy of a database with the example cases and
    build_meeting's meeting; its session's id. Built once: building took three quarters
    of each example's time."""
    global _built
    if _built is None:
        first = empty_db(path.with_name("built.db"))
        with Store(first) as store:
            import_cases(store, example_cases())
            session, _values = build_meeting(store, methods)
        _built = first.read_bytes(), session.id  # closed: the one file holds it all
    data, session_id = _built
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return Store(path), session_id


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(nasty_text, min_size=12, max_size=12))
def test_arbitrary_user_text_keeps_the_outline_and_tables(tmp_path_factory, methods, texts):
    store, session_id = built_meeting(tmp_path_factory.mktemp("db") / "x.db", methods)
    with store:
        session = store.get(Session, session_id)
        reference = outline(render_minutes(store, session.id, methods))
        workshop = Workshop(store, session.id, methods)
        workshop.go_to_item(workshop.items[1].id)
        p = [x for x, _ in meeting_queries.participants(store, session.id)]
        workshop.set_value("situation", texts[0])
        workshop.set_value("rules", [texts[1], texts[2]])
        workshop.set_value("dilemma", {"question": texts[3], "a": texts[4], "a_harm": texts[5],
                                       "b": texts[6], "b_harm": texts[7]})
        workshop.set_value("parties", [
            {"party": texts[8], "perspective": texts[9], "value": texts[10], "norm": texts[11]},
            {"party": texts[0], "perspective": texts[1], "value": texts[2], "norm": texts[3]}])
        workshop.set_value("choices", {
            p[0].id: {"choice": texts[4], "value": texts[5], "limit_harm": texts[6]},
            p[2].id: {"choice": texts[7], "value": texts[8], "limit_harm": texts[9]}})
        workshop.set_value("parking", [texts[10]])
        workshop.set_value("rating", {"score": 4, "comment": texts[11]})
        for action in meeting_queries.actions(store, session_id=session.id):
            action.what, action.owner = texts[2], texts[3]
            store.save(action)
        for decision in meeting_queries.decisions(store, session.id):
            decision.text = texts[4]
            store.save(decision)
        workshop.set_notes(texts[5])
        for lang in ("nl", "en"):
            for shareable in (False, True):
                text = render_minutes(store, session.id, methods, shareable=shareable, lang=lang)
                assert outline(text) == reference_for(reference, shareable, lang, store,
                                                      session.id, methods)


_references = {}


def reference_for(full_nl_reference, shareable, lang, store, session_id, methods):
    """The outline of the same meeting with harmless text, per variant and language."""
    key = (shareable, lang)
    if key not in _references:
        with Store(empty_db(store.path.parent / f"ref-{shareable}-{lang}.db")) as ref:
            import_cases(ref, example_cases())
            session, _values = build_meeting(ref, methods)
            _references[key] = outline(render_minutes(ref, session.id, methods,
                                                      shareable=shareable, lang=lang))
    return _references[key]


from conftest import run_cli as run


def test_export_cli_writes_a_private_file_and_refuses_to_overwrite(capsys, tmp_path, methods):
    db = tmp_path / "x.db"
    with Store(empty_db(db)) as store:
        import_cases(store, example_cases())
        session, _values = build_meeting(store, methods)
    out_file = tmp_path / "notulen.md"
    code, out, err = run(capsys, "--db", str(db), "export", session.id[:6], "-o", str(out_file),
                         "--lang", "en")
    assert code == 0, err
    assert out_file.read_text().startswith("# Minutes: Moreel beraad november")
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    code, _out, err = run(capsys, "--db", str(db), "export", "latest", "-o", str(out_file))
    assert code == 1 and "exists" in err
    code, out, err = run(capsys, "--db", str(db), "--lang", "nl", "export", "latest",
                         "--shareable")
    assert code == 1 and out == "" and "--pseudonymise" in err  # "meneer K." is a name
    code, out, _err = run(capsys, "--db", str(db), "--lang", "nl", "export", "latest",
                          "--shareable", "--pseudonymise")
    assert code == 0 and out.startswith("# Notulen: Moreel beraad november")
    assert "Anouk" not in out and "meneer [naam-1]" in out.replace("\\", "")


def test_export_of_an_unknown_session_is_one_line_and_exit_1(capsys, tmp_path):
    empty_db(tmp_path / "x.db")
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "export", "nope")
    assert code == 1 and out == "" and err == "livinglab: no meeting with id nope\n"


def test_the_time_table_rounds_half_minutes_up(library_store, methods, clock):
    from livinglab.minutes.render import whole_minutes

    assert [whole_minutes(s) for s in (89, 90, 150, 29.9, 30)] == [1, 2, 3, 0, 1]
    session = plan_dilemma_meeting(library_store, methods)
    workshop = Workshop(library_store, session.id, methods, clock=clock)
    workshop.go_to_item(workshop.items[1].id)
    for seconds in (90, 150, 20):  # intro: 90 s; case: 150 s; the dilemma: 20 s
        workshop.start_timer()
        clock.advance(seconds)
        workshop.next_step()
    text = render_minutes(library_store, session.id, methods, lang="en")
    assert "| Introduction and ground rules | 5 min | 2 min |" in text
    assert "| The case at its most pressing moment | 10 min | 3 min |" in text
    # a step of seconds was held, not skipped ("0 min" said it was); one not reached was
    assert "| The moral question and the dilemma | 10 min | less than a minute |" in text
    assert "| Clarifying questions | 10 min | 0 min |" in text


def plan_meeting_with_reviews(store, methods, reviews: int, date: str):
    from livinglab.models import AgendaKind, Role
    from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting

    cases = ["fraude-in-vertrouwen", "menselijke-maat"]
    plan = MeetingPlan(
        title="Reeks", group_name="Wijkteam Havenkwartier", date=date,
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
        agenda=[PlannedItem("Opening")] + [
            PlannedItem(f"Casus {n}", AgendaKind.CASE_REVIEW, case_id=cases[n % 2],
                        method_id="dilemma") for n in range(reviews)])
    return create_meeting(store, plan, methods)


def run_meeting(store, methods, session, clock, started_at=None):
    """Capture something in every review: an entry, a step time, an action, a decision."""
    workshop = Workshop(store, session.id, methods, clock=clock,
                        **({"wallclock": lambda: started_at} if started_at else {}))
    workshop.start()
    for item in workshop.items[1:]:
        workshop.go_to_item(item.id)
        workshop.start_timer()
        clock.advance(61)
        workshop.set_value("rules", [f"Afspraak bij {item.title}"])
        workshop.add_action(f"Actie bij {item.title}", "Anouk")
        workshop.add_decision(f"Besluit bij {item.title}")
    workshop.finish()


def statements_to_load(store, methods, session_id) -> tuple[list[str], object]:
    from livinglab.minutes import load_meeting

    statements = []
    store.conn.set_trace_callback(statements.append)
    try:
        record = load_meeting(store, session_id, methods)
    finally:
        store.conn.set_trace_callback(None)
    return statements, record


def test_loading_a_meeting_costs_the_same_queries_however_long_its_agenda_and_history(
        tmp_path, methods, clock):
    from livinglab.library.cases import example_cases, import_cases

    counts = {}
    for reviews, earlier in ((1, 1), (5, 4)):
        with Store(empty_db(tmp_path / f"{reviews}-{earlier}.db")) as store:
            import_cases(store, example_cases())
            for month in range(1, earlier + 1):  # earlier meetings, each leaving an open action
                past = plan_meeting_with_reviews(store, methods, 1, f"2026-{month:02d}-10")
                run_meeting(store, methods, past, clock)
            session = plan_meeting_with_reviews(store, methods, reviews, "2026-11-25")
            run_meeting(store, methods, session, clock)
            statements, record = statements_to_load(store, methods, session.id)
            counts[reviews, earlier] = len(statements)
            # The record holds everything, however it was read.
            assert len(record.reviews) == reviews and len(record.earlier_actions) == earlier
            assert len(record.dates) == earlier
            assert all(r.case and r.entries["rules"] and r.actions and r.decisions
                       and r.step_times["intro"].spent_seconds == 61
                       for r in record.reviews.values())
            # sqlite-utils looks up the schema itself; the rest reads our tables
            reads = [s for s in statements if "sqlite_master" not in s]
            # one query per table (action and minutes history, voornemens said and asked
            # after too), one for the meeting, two for the next (a meeting, else a series), one for the
            # voornemens not asked after
            assert len(reads) <= 22, reads
    assert counts[1, 1] == counts[5, 4], counts


def test_export_latest_is_the_newest_meeting_held_not_the_next_one_planned(capsys, tmp_path):
    db = tmp_path / "demo.db"
    code, _out, err = run(capsys, "--db", str(db), "demo", "--today", "2026-11-25")
    assert code == 0, err
    with Store(db) as store:
        planned = meeting_queries.sessions(store, status=SessionStatus.PLANNED)
        held = meeting_queries.sessions(store, status=SessionStatus.FINISHED)
    assert planned[0].date > held[0].date  # the demo plans its next meeting ahead
    code, out, err = run(capsys, "--db", str(db), "--lang", "nl", "export", "latest")
    assert code == 0, err
    assert out.startswith(f"# Notulen: {held[0].title}\n")


def test_latest_is_the_meeting_held_last_that_day_with_or_without_a_start_time(
        store, methods, clock):
    # A walker held a meeting planned for 13:30, then one with no start time: `export
    # latest` wrote the first, as 13:30 sorts after no time at all.
    import_cases(store, example_cases())
    today = dt.date.today()
    at = lambda hour: dt.datetime.combine(today, dt.time(hour), tzinfo=dt.timezone.utc)  # noqa: E731
    afternoon = plan_meeting_with_reviews(store, methods, 1, today.isoformat())
    store.save(afternoon.model_copy(update={"title": "Middag", "start_time": dt.time(13, 30)}))
    run_meeting(store, methods, afternoon, clock, started_at=at(12))
    untimed = plan_meeting_with_reviews(store, methods, 1, today.isoformat())
    store.save(untimed.model_copy(update={"title": "Zonder tijd"}))
    run_meeting(store, methods, untimed, clock, started_at=at(14))
    assert meeting_queries.find_session(store, "latest").title == "Zonder tijd"
    running = plan_meeting_with_reviews(store, methods, 1, today.isoformat())
    store.save(running.model_copy(update={"title": "Nu bezig", "start_time": dt.time(8, 0)}))
    Workshop(store, running.id, methods, clock=clock).start()
    assert meeting_queries.find_session(store, "latest").title == "Nu bezig"


# --- a long case: its summary and where the rest is (issue 30) -------------------------------


def long_case_file(pages: int = 50) -> str:
    """A case of `pages` pages of about 3.5 KB, each under its own ### heading."""
    sentence = ("Mevrouw De Vries belt voor de {n}e keer over de huur en de zorg voor haar "
                "moeder, en het team weet niet wie de regie *heeft*. ")
    body = "\n\n".join(f"### Pagina {page}\n\n" + "".join(
        sentence.format(n=page * 100 + k) for k in range(28)) for page in range(1, pages + 1))
    return ("---\ntitle: Een lange casus\nkind: casus\nid: lange-casus\n---\n\n" + body + "\n")


def test_a_long_case_is_quoted_by_its_summary_with_a_pointer_to_the_whole(store, methods):
    from livinglab.library.cases import CaseFolder, parse_case
    from livinglab.models import AgendaKind, Role
    from livinglab.meeting.planning import MeetingPlan, PlannedItem, PlannedParticipant, create_meeting

    text = long_case_file()
    assert len(text.encode()) > 170_000
    import_cases(store, CaseFolder(cases=[parse_case(text, "lange-casus.md")]))
    session = create_meeting(store, MeetingPlan(
        title="Casusoverleg", group_name="Wijkteam Noord", date="2026-11-25",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
        agenda=[PlannedItem("Casus", AgendaKind.CASE_REVIEW, case_id="lange-casus",
                            method_id="casusoverleg")]), methods)

    minutes = render_minutes(store, session.id, methods, lang="nl")

    assert len(minutes.encode()) < 20_000
    assert "Mevrouw De Vries belt voor de 100e keer" in minutes
    assert "Pagina 50" not in minutes and "5027e keer" not in minutes
    assert "\\#" not in minutes and "\\*" not in minutes  # escaped once: the words read as text
    tokens = MarkdownIt("commonmark").parse(minutes)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("Pagina" in h for h in headings)
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert "Pagina 1" in paragraphs
    quoted = next(p for p in paragraphs if p.startswith("Mevrouw De Vries"))
    assert quoted.endswith("regie heeft.")  # cut at a sentence
    assert ("*De hele casus: Een lange casus (lange-casus), te zien met "
            "`livinglab cases show lange-casus`*") in minutes


def test_a_short_first_section_is_quoted_whole():
    from livinglab.text.markdown import excerpt, plain_text

    section = "## Aanleiding\n\nEen **korte** casus.\nMet een [link](http://x) en `code`."
    assert plain_text(section) == "Aanleiding\n\nEen korte casus. Met een link en code."
    assert excerpt("Eén zin. Twee zinnen. Drie", 22) == "Eén zin. Twee zinnen."
    assert excerpt("Eenheelgrootwoord zonder einde dat doorloopt", 30) == (
        "Eenheelgrootwoord zonder einde …")


def test_a_polarity_map_filled_over_five_steps_is_pointed_to_not_called_empty(
        library_store, methods, clock):
    from livinglab.meeting.planning import (
        MeetingPlan, PlannedItem, PlannedParticipant, create_meeting)
    from livinglab.models import AgendaKind, Role

    session = create_meeting(library_store, MeetingPlan(
        title="Spanning in het team", group_name="Wijkteam Noord", date="2026-11-25",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
        agenda=[PlannedItem("Spanning", AgendaKind.CASE_REVIEW, "eigen-kracht-zorgplicht",
                            "spanningen")]), methods)
    w = Workshop(library_store, session.id, methods, clock=clock)
    w.start()
    w.go_to_item(w.items[0].id)
    w.go_to_step(1)  # the poles
    w.set_value("map", {"pole_a": "Eigen kracht", "pole_b": "Zorgplicht", "purpose": "Een "
                        "inwoner die meedoet", "a_up": ["Regie bij de inwoner"]})
    w.go_to_step(len(w.method.steps) - 1)  # the agreements
    w.add_action("Signalen bespreken in het teamoverleg", "Anouk", dt.date(2027, 1, 12))
    text = render_minutes(library_store, session.id, methods, lang="nl")
    steps = text.split("### Stap ")[1:]
    assert len(steps) == 7
    for step in steps[1:5]:  # the poles up to the warnings: the map is written at step 6
        assert "Niets vastgelegd" not in step and "zie stap 6" in step, step
    assert "Eigen kracht" in steps[5] and "Een inwoner die meedoet" in steps[5]
    assert "Signalen bespreken in het teamoverleg (Anouk, 12-01-2027)" in text


def test_the_minutes_name_the_next_meeting_and_shareable_ones_leave_its_place_out(
        meeting, methods):
    library_store, session, _values = meeting
    later = plan_dilemma_meeting(library_store, methods, date="2026-12-16")
    later.start_time, later.location = dt.time(13, 30), "Wijkcentrum De Brug"
    library_store.save(later)
    full = render_minutes(library_store, session.id, methods, lang="nl")
    assert "| Volgende vergadering | 16 december 2026, 13:30, Wijkcentrum De Brug |" in full
    shared = render_minutes(library_store, session.id, methods, lang="nl", shareable=True)
    assert "| Volgende vergadering | 16 december 2026, 13:30 |" in shared
    assert "De Brug" not in shared
    last = render_minutes(library_store, later.id, methods, lang="nl")
    assert "Volgende vergadering" not in last  # nothing planned after it: no empty row


def test_an_item_named_after_its_case_has_its_title_once(library_store, methods):
    from livinglab.meeting.planning import (
        MeetingPlan, PlannedItem, PlannedParticipant, create_meeting)
    from livinglab.models import AgendaKind, Role

    case = case_queries.case(library_store, "fraude-in-vertrouwen")
    session = create_meeting(library_store, MeetingPlan(
        title="Beraad", group_name="Wijkteam Noord", date="2026-11-25",
        participants=[PlannedParticipant("Anouk Visser", Role.CHAIR)],
        agenda=[PlannedItem(f"Casus: {case.title}", AgendaKind.CASE_REVIEW, case.id,
                            "dilemma")]), methods)
    text = render_minutes(library_store, session.id, methods, lang="nl")
    assert f"## 1. Casus: {case.title}\n" in text


def test_a_case_quoted_in_the_minutes_is_reflowed_not_broken_where_its_file_broke():
    from livinglab.meeting.views import case_summary
    from livinglab.models import Case, CaseKind, CaseSection

    case = Case(id="x", slug="x", title="Casus", kind=CaseKind.DILEMMA, sections=[CaseSection(
        title="Situatie", body="Mevrouw J. woont alleen.  \nZe vraagt om hulp\\\nbij de "
                               "administratie.\n\nHaar zoon belt soms.")])
    assert case_summary(case) == ("Mevrouw J. woont alleen. Ze vraagt om hulp bij de "
                                  "administratie.\n\nHaar zoon belt soms.")
