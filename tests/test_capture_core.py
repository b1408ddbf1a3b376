"""The capture path without a terminal (issue 22): a practice run cannot reach a group's
memory, and whatever order edits, moves and reopenings come in, what is stored and what the
minutes show is what was typed, where it was typed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from livinglab.library.cases import example_cases, import_cases
from livinglab.fields import empty_value
from livinglab.methods import load_methods
from livinglab.minutes import render_minutes
from livinglab.models import PRACTICE_GROUP_ID, AgendaKind, FieldType, StepField
from livinglab.meeting.planning import PlannedItem
from livinglab.practice import PracticeWorkshop, start_practice
from livinglab.storage.store import Store
from livinglab.live.workshop import Workshop

from conftest import FakeClock, empty_db, examples
from test_chair import plan
from livinglab.meeting import queries as meeting_queries
from livinglab.memory import pages, queries as memory_queries

WORD = "oefenwoordzeldzaam"


def filled(field: StepField, participants: list[str]) -> Any:
    """A value of the field's type with every part filled in."""
    def fill(value):
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [WORD]
        if isinstance(value, str):
            return WORD
        return value
    if field.type == FieldType.PER_PARTICIPANT:
        return {p: {c.key: WORD for c in field.columns} for p in participants}
    if field.type == FieldType.TABLE:
        return [{c.key: WORD for c in field.columns}]
    if field.type == FieldType.RATING:
        return {"score": 4, "comment": WORD}
    if field.type == FieldType.DATE:
        return "2027-01-15"
    if field.type == FieldType.CHOICE:
        return field.options[-1].key
    return fill(empty_value(field))


def memory_of(store: Store) -> str:
    """Everything kept across meetings, of every group (the practice group's too), as one
    text: what `livinglab questions`, `lessons`, `actions` and the knowledge screen read,
    unfiltered and filtered (two ways of reading the pages)."""
    groups = [g.id for g in meeting_queries.groups(store)] + [PRACTICE_GROUP_ID]
    dump = lambda rows: [r.model_dump(mode="json") for r in rows]  # noqa: E731
    today, since = dt.date(2026, 11, 25), pages.Filter(since=dt.date(2000, 1, 1))
    lists = [pages.action_rows(store, flt, today, open_only, None)
             for flt in (pages.Filter(), since) for open_only in (True, False)]
    lists += [pages.lesson_rows(store, flt, None) for flt in (pages.Filter(), since)]
    lists += [pages.precedent_rows(store, flt, None) for flt in (pages.Filter(), since)]
    return json.dumps([dump(memory_queries.slow_questions(store)), dump(memory_queries.precedents(store)),
                       dump(memory_queries.lessons(store)), dump(memory_queries.intentions(store)),
                       [dump(memory_queries.tensions(store, g)) for g in groups], lists],
                      sort_keys=True)


def fill_every_step(workshop: Workshop, store: Store) -> None:
    participants = [p.id for p, _person in meeting_queries.participants(store, workshop.session.id)]
    while True:
        if workshop.is_review:
            for field in workshop.step.fields:
                if field.type == FieldType.DECISIONS:
                    workshop.add_decision(WORD)
                elif field.type == FieldType.ACTIONS:
                    workshop.add_action(WORD, WORD, dt.date(2027, 1, 15))
                else:
                    workshop.set_value(field.key, filled(field, participants))
        if not workshop.forward():
            break


def test_a_practice_run_of_every_method_leaves_every_group_s_memory_as_it_was(tmp_path):
    methods = load_methods()
    store = Store(empty_db(tmp_path / "l.db"))
    import_cases(store, example_cases())
    # A group with a history, so there is memory to leave untouched.
    group_meeting = plan(store, methods, "2026-11-04", [
        PlannedItem("Casus", AgendaKind.CASE_REVIEW, "menselijke-maat", "trage-vragen")],
        title="Groep")
    w = Workshop(store, group_meeting.id, methods, clock=FakeClock())
    w.start()
    w.set_value("question", "Hoe houden we de menselijke maat?")
    w.finish()
    before, hits_before = memory_of(store), store.search(WORD)
    assert hits_before == []
    cases = {"trage-vragen": "menselijke-maat", "dilemma": "fraude-in-vertrouwen",
             "spanningen": "eigen-kracht-zorgplicht", "intervisie": "twee-bazen-thuiszorg",
             "casusoverleg": "gezin-schulden-schoolverzuim",
             "eigen-afweging": "onderhuur-grijs-gebied"}
    plain = []
    for method_id, case in cases.items():
        session = start_practice(store, case, method_id, methods, ["Student Een", "Student Twee"])
        run = PracticeWorkshop(store, session.id, methods, clock=FakeClock())
        run.start()
        fill_every_step(run, store)
        # Even a plain workshop on a practice session gets no listeners (one rule).
        plain.append(Workshop(store, session.id, methods, clock=FakeClock()).listeners)
    assert memory_of(store) == before
    assert store.search(WORD) == []
    assert plain == [()] * len(cases)
    # The same filling in a group's meeting does reach the group's memory.
    meeting = plan(store, methods, "2026-11-25", [
        PlannedItem("Spanning", AgendaKind.CASE_REVIEW, "eigen-kracht-zorgplicht", "spanningen")],
        title="Groep twee")
    w = Workshop(store, meeting.id, methods, clock=FakeClock())
    w.start()
    fill_every_step(w, store)
    assert memory_of(store) != before
    assert store.search(WORD) != []
    store.close()


def test_a_date_field_is_checked_stored_iso_and_shown_as_the_app_shows_dates(tmp_path):
    """The dilemma method's step 9 asks when the group looks back at its agreements."""
    methods = load_methods()
    store = Store(empty_db(tmp_path / "l.db"))
    import_cases(store, example_cases())
    meeting = plan(store, methods, "2026-10-14", [
        PlannedItem("Casus", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen", "dilemma")])
    w = Workshop(store, meeting.id, methods, clock=FakeClock())
    w.start()
    w.go_to_step(next(n for n, s in enumerate(w.method.steps) if s.id == "conclusions"))
    assert [f.key for f in w.step.fields][-1] == "evaluate_on"
    for bad in ("25-11-2026", "2026-02-30", "volgende week"):  # typed forms are the app's
        with pytest.raises(ValueError, match="^evaluate_on: "):
            w.set_value("evaluate_on", bad)
    assert "evaluate_on" not in meeting_queries.entries(store, w.item.id)
    w.set_value("evaluate_on", dt.date(2026, 11, 25))
    assert meeting_queries.entries(store, w.item.id)["evaluate_on"] == "2026-11-25"
    w.finish()
    nl = render_minutes(store, meeting.id, methods, lang="nl")
    assert "**Afspraken evalueren op**\n\n25-11-2026\n" in nl
    en = render_minutes(store, meeting.id, methods, lang="en")
    assert "**Evaluate the agreements on**\n\n25-11-2026\n" in en
    shareable = render_minutes(store, meeting.id, methods, shareable=True, lang="nl")
    assert "**Afspraken evalueren op**\n\n25-11-2026\n" in shareable
    assert [hit for hit in store.search("25-11-2026")] != []
    store.close()


# --- random edits, moves and reopenings --------------------------------------------------

TEXT = st.text(alphabet="abcdefghijklmnoprstuvwzé ", min_size=1, max_size=30).map(
    lambda s: " ".join(s.split())).filter(bool)


class CaptureMachine(RuleBasedStateMachine):
    """A model of what was typed, by place, against the store and the minutes."""

    @initialize()
    def open_meeting(self):
        import tempfile
        from pathlib import Path

        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "l.db"
        self.methods = load_methods()
        store = Store(empty_db(self.path))
        import_cases(store, example_cases())
        self.session = plan(store, self.methods, "2026-11-25", [
            PlannedItem("Opening"),
            PlannedItem("Casus", AgendaKind.CASE_REVIEW, "fraude-in-vertrouwen", "dilemma"),
            PlannedItem("Rondvraag")], title="Model")
        self.store = store
        self.workshop = Workshop(store, self.session.id, self.methods, clock=FakeClock())
        self.workshop.start()
        self.items = [i.id for i in self.workshop.items]
        self.review = self.items[1]
        from livinglab.methods import resolve_method

        review = next(i for i in self.workshop.items if i.id == self.review)
        method = resolve_method(review, self.methods)
        self.text_fields = [k for k, f in method.fields().items() if f.type == FieldType.TEXT]
        self.list_fields = [k for k, f in method.fields().items() if f.type == FieldType.LIST]
        self.notes: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self.decisions: list[str] = []

    @rule(item=st.integers(0, 2), text=TEXT)
    def type_notes(self, item, text):
        self.workshop.set_notes(text, self.items[item])
        self.notes[self.items[item]] = text

    @rule(data=st.data(), text=TEXT)
    def type_text_field(self, data, text):
        key = data.draw(st.sampled_from(self.text_fields))
        self.workshop.capture(self.review, key, text)
        self.values[key] = text

    @rule(data=st.data(), lines=st.lists(TEXT, min_size=1, max_size=3))
    def type_list_field(self, data, lines):
        key = data.draw(st.sampled_from(self.list_fields))
        self.workshop.capture(self.review, key, lines)
        self.values[key] = lines

    @rule(text=TEXT)
    def add_decision(self, text):
        self.workshop.add_decision(text, self.review)
        self.decisions.append(text)

    @rule()
    def forward(self):
        self.workshop.forward()

    @rule()
    def back(self):
        self.workshop.back()

    @rule()
    def reopen(self):
        self.store.close()
        self.store = Store(self.path)
        self.workshop = Workshop(self.store, self.session.id, self.methods, clock=FakeClock())
        self.workshop.start()

    @invariant()
    def stored_as_typed(self):
        agenda = {i.id: i for i in meeting_queries.agenda(self.store, self.session.id)}
        for item_id, text in self.notes.items():
            assert agenda[item_id].notes == text
        for item_id in set(self.items) - set(self.notes):
            assert agenda[item_id].notes == ""
        entries = meeting_queries.entries(self.store, self.review)
        for key, value in self.values.items():
            assert entries[key] == value
        assert {k for k, v in entries.items() if v} <= set(self.values)
        for item_id in (self.items[0], self.items[2]):
            assert meeting_queries.entries(self.store, item_id) == {}
        stored = [d.text for d in meeting_queries.decisions(self.store, self.session.id)]
        assert stored == self.decisions

    @invariant()
    def minutes_show_it(self):
        if not (self.notes or self.values or self.decisions):
            return
        minutes = render_minutes(self.store, self.session.id, self.methods, lang="nl")
        for text in [*self.notes.values(), *self.decisions,
                     *(v for v in self.values.values() if isinstance(v, str)),
                     *(line for v in self.values.values() if isinstance(v, list) for line in v)]:
            assert text in minutes

    def teardown(self):
        if hasattr(self, "store"):
            self.store.close()
            self.folder.cleanup()


CaptureMachine.TestCase.settings = settings(
    max_examples=examples(25), stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
test_random_edits_moves_and_reopenings_keep_what_was_typed = CaptureMachine.TestCase
