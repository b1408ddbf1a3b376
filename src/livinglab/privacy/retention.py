"""Keeping personal data no longer than needed, and a person's rights (AVG).

`purge` removes what old meetings captured (the text typed in every field, the notes of
each agenda item, the location) and keeps what a group learns from them: decisions,
actions, lessons, slow questions and tensions stay, run through the scanner so that no
client is named in them. Then the search index is rebuilt, the WAL checkpointed and
the file compacted, so the removed text is really gone from the disk; each purged
meeting leaves a tombstone, so that an imported bundle cannot bring its content back.

`person_records` finds everything the database holds about one person (a participant or
a name on a watch list); `erase.erase_person` removes their name everywhere, and
`access.person_export` gives them what is theirs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..models import (
    Action, ActionEvent, AgendaItem, Decision, Evaluation, Intention, Lesson,
    MinutesEvent, Precedent, Session, SessionStatus, SlowQuestion, Tension, now,
)
from ..text.personal import NAME, PARTICLES, KnownNames, Pseudonymiser, scan, without_title
from ..storage.store import Store
from ..i18n import N_, _, pick, term
from ..library import queries as case_queries
from ..meeting import queries as meeting_queries
from ..memory import queries as memory_queries
from . import queries as privacy_queries

# --- purge -------------------------------------------------------------------------------


@dataclass
class PurgePlan:
    """What a purge removes: the meetings, and how much of their text."""

    sessions: list[Session]
    fields: dict[str, int] = field(default_factory=dict)  # session id -> captured fields
    notes: dict[str, int] = field(default_factory=dict)  # session id -> items with notes


def plan_purge(store: Store, finished_before: dt.date) -> PurgePlan:
    """The finished meetings dated before `finished_before` that were not purged yet."""
    purged = privacy_queries.purged_session_ids(store)
    sessions = [s for s in meeting_queries.sessions(store, status=SessionStatus.FINISHED)
                if s.date < finished_before and s.id not in purged]
    plan = PurgePlan(sorted(sessions, key=lambda s: s.date))
    for session in plan.sessions:
        plan.fields[session.id] = sum(len(v) for v in meeting_queries.entries_of_session(store, session.id).values())
        plan.notes[session.id] = sum(1 for item in meeting_queries.agenda(store, session.id) if item.notes.strip())
    return plan


def purge(store: Store, plan: PurgePlan, lang: str = "nl",
          progress: Callable[[int, int | None], None] | None = None) -> None:
    """Remove what `plan` lists, keep the rest scanned, and leave no trace in the file.
    `progress(done, total)` is told the steps: each meeting, the index, the compaction."""
    tell = progress if progress is not None else (lambda done, total=None: None)
    total = len(plan.sessions) + 2
    store.conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed, not kept
    with store.transaction():
        for done, session in enumerate(plan.sessions, 1):
            _purge_meeting(store, session, lang)
            tell(done, total)
    store.rebuild_search_index()  # the index held the removed text too
    tell(total - 1, total)
    compact(store)
    tell(total, total)


def _purge_meeting(store: Store, session: Session, lang: str) -> None:
    conn = store.conn
    conn.execute("delete from entries where item_id in "
                 "(select id from agenda_items where session_id = ?)", [session.id])
    conn.execute("update agenda_items set notes = '' where session_id = ?", [session.id])
    conn.execute("update sessions set location = '' where id = ?", [session.id])
    # What the group keeps: no client named in it (the group's own people may stay).
    scrub = Pseudonymiser(privacy_queries.watch_names(store, session.group_id), lang=lang)
    for decision in meeting_queries.decisions(store, session.id):
        store.save(decision.model_copy(update={"text": scrub(decision.text)}))
    for action in meeting_queries.actions(store, session_id=session.id):
        store.save(action.model_copy(update={"what": scrub(action.what)}))
    for lesson in memory_queries.lessons(store, session_id=session.id):
        store.save(lesson.model_copy(update={"text": scrub(lesson.text)}))
    for question in memory_queries.slow_questions(store, session.group_id):
        if question.session_id == session.id:
            store.save(question.model_copy(update={"question": scrub(question.question)}))
    for tension in memory_queries.tensions(store, session.group_id):
        if tension.session_id == session.id:
            store.save(tension.model_copy(update={"pole_a": scrub(tension.pole_a),
                                                  "pole_b": scrub(tension.pole_b)}))
    # What the group's memory and the meeting's follow-up made of what was said.
    for model, fields in _MEETING_TEXTS.items():
        for row in store.rows(model, session_id=session.id):
            store.save(row.model_copy(update={
                name: change_texts(getattr(row, name), scrub) for name in fields}))
    for question in memory_queries.slow_questions(store, session.group_id):
        if any(work.session_id == session.id for work in question.history):
            store.save(question.model_copy(update={"history": [
                work.model_copy(update={
                    "wording": scrub(work.wording), "added": [scrub(t) for t in work.added],
                    "left_open": [scrub(t) for t in work.left_open]})
                if work.session_id == session.id else work for work in question.history]}))
    conn.execute(
        "insert or ignore into purged_sessions (session_id, group_id, date, purged_at) "
        "values (?, ?, ?, ?)",
        [session.id, session.group_id, session.date.isoformat(), now().isoformat()])


def change_texts(value, change):
    """`change` applied to every text of a value of any shape (text, lists, objects)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [change_texts(v, change) for v in value]
    if isinstance(value, dict):
        return {k: change_texts(v, change) for k, v in value.items()}
    return value


WAL_WAIT_MS = 3_000


def compact(store: Store) -> bool:
    """Write the WAL into the file, empty it, and rebuild the file without free pages.
    False when another connection kept the WAL from being emptied."""
    conn = store.conn
    with store.sqlite_errors():
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        conn.execute("VACUUM")
        # A window that keeps reading keeps the WAL: wait seconds for it, not the minute a
        # write waits for a lock; the erase then says to close it and erase again.
        (waits,) = conn.execute("PRAGMA busy_timeout").fetchone()
        conn.execute(f"PRAGMA busy_timeout = {WAL_WAIT_MS}")
        try:
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(waits)}")
    return not busy


# --- a person's rights -------------------------------------------------------------------


@dataclass
class PersonRecord:
    """One place the database mentions a person: where, and the text."""

    where: str  # "meeting 2026-11-25 Casusoverleg: decision"
    text: str


# Text columns that may name someone: table -> (its model, the text fields).
_TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    Session: ("title", "location"), AgendaItem: ("title", "notes"), Decision: ("text",),
    Action: ("what", "owner"), Lesson: ("text",), SlowQuestion: ("question",),
    Tension: ("pole_a", "pole_b"),
}
# Texts a meeting leaves beyond its own rows: the group's memory of it (precedents,
# voornemens, the evaluation's open answer) and its follow-up of actions and minutes.
_MEETING_TEXTS: dict[type, tuple[str, ...]] = {
    Precedent: ("title", "dilemma", "values", "choices", "choice", "why"),
    Intention: ("learned", "intention", "answer"), Evaluation: ("open_answer",),
    ActionEvent: ("owner", "reason", "was_owner"), MinutesEvent: ("note",),
}


def builtin_case_ids() -> set[str]:
    """The ids of the example cases shipped with livinglab: by origin, not by text."""
    from ..library.cases import example_cases  # brings a YAML parser: only when needed

    return {case.id for case in example_cases().cases}


def _mentions(text: str, finder: KnownNames, person: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in scan(text, finder)
            if f.kind == NAME and finder.person(without_title(f.text)) == person]


# Where a text is, in the words `person` shows (the erase rewrites by row and field).
PLACES = {
    "title": N_("title"), "location": N_("location"), "decision": N_("decision"),
    "action": N_("action"), "case": N_("case"), "series": N_("series"),
    "lesson": N_("lesson"), "slow question": N_("slow question"), "tension": N_("tension"),
    "participant": N_("participant"), "watch list": N_("watch list"),
    "Precedent": N_("precedent"), "Intention": N_("intention"),
    "Evaluation": N_("evaluation"), "ActionEvent": N_("follow-up of an action"),
    "MinutesEvent": N_("approval of the minutes"),
}


def every_session(store: Store) -> list[Session]:
    """The groups' meetings and the practice runs: a student's answers are theirs too."""
    return meeting_queries.sessions(store) + meeting_queries.practice_sessions(store)


def _field_labels(item) -> dict[str, str]:
    """The labels of the fields of an item's method (as it ran), by key."""
    from ..methods import resolve_method

    method = resolve_method(item) if item.method_snapshot else None
    if method is None:
        return {}
    return {f.key: pick(f.label) for step in method.steps for f in step.fields}


def _text_rows(store: Store) -> Iterable[tuple[str, object, str, str]]:
    """(where, row, field, text) for every text that may name a person; the built-in
    example cases are fiction, left out."""
    builtin = builtin_case_ids()
    sessions = {s.id: s for s in every_session(store)}

    def meeting(session_id: str | None) -> str:
        s = sessions.get(session_id or "")
        return f"{s.date.isoformat()} {s.title}" if s else "-"

    for session in sessions.values():
        for name in _TEXT_FIELDS[Session]:
            yield f"{meeting(session.id)}: {_(PLACES[name])}", session, name, \
                getattr(session, name)
        for item in meeting_queries.agenda(store, session.id):
            yield f"{meeting(session.id)}: {item.title}", item, "title", item.title
            yield f"{meeting(session.id)}: {item.title}", item, "notes", item.notes
            labels = _field_labels(item)
            for key, value in meeting_queries.entries(store, item.id).items():
                yield f"{meeting(session.id)}: {item.title}: {labels.get(key, key)}", item, \
                    f"entry:{key}", json.dumps(value, ensure_ascii=False)
        for decision in meeting_queries.decisions(store, session.id):
            yield f"{meeting(session.id)}: {_(PLACES['decision'])}", decision, "text", \
                decision.text
        for action in meeting_queries.actions(store, session_id=session.id):
            for name in ("what", "owner"):
                yield f"{meeting(session.id)}: {_(PLACES['action'])}", action, name, \
                    getattr(action, name)
    for case in case_queries.cases(store):
        if case.id in builtin:
            continue
        where = f"{_(PLACES['case'])} {case.slug}"
        yield where, case, "title", case.title
        yield where, case, "facilitator_notes", case.facilitator_notes
        yield where, case, "case:sections", json.dumps(
            [section.model_dump() for section in case.sections], ensure_ascii=False)
    for model, fields in _MEETING_TEXTS.items():
        for row in store.rows(model):
            for name in fields:
                value = getattr(row, name)
                yield f"{meeting(row.session_id)}: {_(PLACES[model.__name__])}", row, \
                    f"json:{name}", value if isinstance(value, str) else json.dumps(
                        value, ensure_ascii=False)
    for series in meeting_queries.series(store):
        where = f"{_(PLACES['series'])} {series.name}"
        yield where, series, "json:people", json.dumps(series.people, ensure_ascii=False)
        yield where, series, "json:description", series.description
    for lesson in memory_queries.lessons(store):
        yield f"{meeting(lesson.session_id)}: {_(PLACES['lesson'])}", lesson, "text", \
            lesson.text
    for group in meeting_queries.groups(store):
        for question in memory_queries.slow_questions(store, group.id):
            where = f"{meeting(question.session_id)}: {_(PLACES['slow question'])}"
            yield where, question, "question", question.question
            yield where, question, "json:history", \
                json.dumps([w.model_dump(mode="json") for w in question.history],
                           ensure_ascii=False)
        for tension in memory_queries.tensions(store, group.id):
            for name in ("pole_a", "pole_b"):
                yield f"{meeting(tension.session_id)}: {_(PLACES['tension'])}", tension, name, \
                    getattr(tension, name)


def name_words(name: str) -> set[str]:
    """The words of a name that tell who it is: no form of address, no particles."""
    return {w.lower() for w in re.split(r"[\s\-]+", without_title(name.strip()))
            if w and w.lower() not in PARTICLES}


def is_form_of(name: str, person: str) -> bool:
    """Whether `name` (on a watch list, say) is `person` in a shorter form: "Femke",
    "mevrouw Zwanenburg" of "Femke Zwanenburg"."""
    words = name_words(name)
    return bool(words) and words <= name_words(person)


def resolve_person(store: Store, name: str) -> str | None:
    """The full name the database knows for `name` (a participant or watched name): the
    longest of the names it is a form of ("Zwanenburg" beside "mevrouw Zwanenburg" and
    "Femke Zwanenburg" on a watch list: the last)."""
    names = privacy_queries.all_known_names(store)
    found = KnownNames(names).person(" ".join(name.split()))
    if found is None:
        return None
    return max((n for n in names if is_form_of(found, n)), key=len, default=found)


def person_records(store: Store, person: str) -> list[PersonRecord]:
    """Every text in the database that names `person` (a full name `resolve_person` gave),
    and the meetings they took part in."""
    finder = KnownNames([person])
    found: list[PersonRecord] = []
    for session in every_session(store):
        for participant, someone in meeting_queries.participants(store, session.id):
            if someone.name == person:
                found.append(PersonRecord(
                    f"{session.date.isoformat()} {session.title}: {_(PLACES['participant'])}",
                    term(participant.role)))
    for group in meeting_queries.groups(store):
        if any(n.lower() == person.lower() for n in privacy_queries.watch_names(store, group.id)):
            found.append(PersonRecord(f"{group.name}: {_(PLACES['watch list'])}", person))
    for where, _row, column, text in _text_rows(store):
        if text and _mentions(text, finder, person):
            found.append(PersonRecord(where, _readable(text, column, finder, person)))
    return found


def _readable(text: str, column: str, finder: KnownNames, person: str) -> str:
    """A stored text as a person reads it: of a structured value (JSON), only the texts in
    it that name the person, not its keys and ids."""
    if not column.startswith(("entry:", "json:", "case:")):
        return text
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return " … ".join(t for t in texts_in(value) if _mentions(t, finder, person)) or text


def texts_in(value) -> list[str]:
    """The texts of a structured value (JSON: lists and objects), in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts_in(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts_in(v)]
    return []
