"""Bundles: a group's record carried between installs as one versioned JSON file, merged
by UUID on the other side (issue 14).

A bundle holds finished meetings (their header: title, date, times; not what was
captured in them, nor who took part), cases, actions, decisions, lessons, slow
questions, tensions and precedents, with the groups they belong to. An import checks the
whole file before it writes anything, then merges in one transaction: a record it does
not have is added; one it has is left alone when the content is the same (so importing
twice changes nothing) and otherwise replaced only by a newer edit (`updated_at`, else
`created_at`). A shareable bundle leaves out cases, people and locations, and goes
through the pseudonymiser and then the scanner: it is refused if anything is left.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import __version__
from ..i18n import N_, _
from ..models import (
    PRACTICE_GROUP_ID,
    Action,
    Case,
    Decision,
    Group,
    Lesson,
    Moment,
    Precedent,
    Session,
    SessionStatus,
    SlowQuestion,
    Tension,
    case_id_for,
    now,
)
from ..problems import LoadProblem, describe_validation_error, field_path, load_problem, read_input
from ..storage.store import Store
from ..storage.schema import TABLES
from ..text.terminal import clean_all
from ..library import queries as case_queries
from ..meeting import queries as meeting_queries
from ..privacy import queries as privacy_queries

BUNDLE_FORMAT = "livinglab-bundle"
BUNDLE_VERSION = 1

# Limits a hostile or broken file meets before it costs memory or time. A real group's
# bundle of years is a few MB; a case section is a few thousand characters.
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_TEXT = 100_000  # characters in one string
MAX_RECORDS = 100_000  # records of one kind, items in one list
MAX_DEPTH = 8  # bundle > list > record > history > work > list > string is 7 deep

# The kinds of record in a bundle, in the order an import writes them (parents first).
KINDS: dict[str, type[BaseModel]] = {
    "groups": Group, "cases": Case, "sessions": Session, "slow_questions": SlowQuestion,
    "tensions": Tension, "precedents": Precedent, "actions": Action, "decisions": Decision,
    "lessons": Lesson,
}
# How a report names one record and many, by kind (translated where shown).
KIND_NAMES = {
    "groups": (N_("group"), N_("groups")), "cases": (N_("case"), N_("cases")),
    "sessions": (N_("meeting"), N_("meetings")),
    "slow_questions": (N_("slow question"), N_("slow questions")),
    "tensions": (N_("tension"), N_("tensions")),
    "precedents": (N_("precedent"), N_("precedents")),
    "actions": (N_("action"), N_("actions")), "decisions": (N_("decision"), N_("decisions")),
    "lessons": (N_("lesson"), N_("lessons")),
}


def _records():
    return Field(default=[], max_length=MAX_RECORDS)


class Bundle(BaseModel):
    """The file, as validated: unknown fields anywhere are refused (the domain models
    forbid them too)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["livinglab-bundle"]
    schema_version: Literal[1]
    producer: str = Field(max_length=200)  # "livinglab 0.1.0"
    created_at: Moment
    shareable: bool = False
    groups: list[Group] = _records()
    cases: list[Case] = _records()
    sessions: list[Session] = _records()
    slow_questions: list[SlowQuestion] = _records()
    tensions: list[Tension] = _records()
    precedents: list[Precedent] = _records()
    actions: list[Action] = _records()
    decisions: list[Decision] = _records()
    lessons: list[Lesson] = _records()

    def records(self) -> dict[str, list[Any]]:
        return {kind: getattr(self, kind) for kind in KINDS}


class BundleError(Exception):
    """A bundle that cannot be written or merged, worded for the user."""


def edited_at(record: BaseModel) -> dt.datetime | None:
    """When a record was last changed: its last edit, else its creation; None if unknown."""
    return getattr(record, "updated_at", None) or getattr(record, "created_at", None)


# --- export ----------------------------------------------------------------------------


def export_bundle(store: Store, group_ids: list[str] | None = None,
                  since: dt.date | None = None, shareable: bool = False,
                  lang: str = "nl", progress=None) -> Bundle:
    """The bundle of the given groups (default: every group; never practice runs);
    `progress(done, total)`, when given, is told the steps done: a kind of record each.

    `since` keeps the meetings held on or after that date and the records made or edited
    since, with the meetings and groups they belong to. BundleError when a shareable
    bundle would still hold personal data after pseudonymising."""
    groups = [g for g in meeting_queries.groups(store) if group_ids is None or g.id in group_ids]
    chosen = {g.id for g in groups}

    def recent(moment: dt.datetime | None) -> bool:
        return since is None or (moment is not None and moment.date() >= since)

    sessions = {s.id: s for s in store.rows(Session)
                if s.group_id in chosen and s.status == SessionStatus.FINISHED}
    records: dict[str, list[Any]] = {"groups": groups}
    needed: set[str] = set()  # meetings a record belongs to
    kinds = ("slow_questions", "tensions", "precedents", "actions", "decisions", "lessons")
    steps = len(kinds) + 3  # the kinds, the meetings, the cases, the check
    for done, kind in enumerate(kinds):
        if progress is not None:
            progress(done, steps)
        kept = []
        for record in store.rows(KINDS[kind]):
            session = sessions.get(record.session_id) if record.session_id else None
            group_id = getattr(record, "group_id", None) or (session and session.group_id)
            if group_id not in chosen or (record.session_id and session is None):
                continue  # another group's, or of a meeting not finished (or practice)
            if recent(edited_at(record)) or (session and recent_date(session.date, since)):
                kept.append(record)
                if session:
                    needed.add(session.id)
        records[kind] = kept
    records["sessions"] = [
        s.model_copy(update={"current_item_id": None}) for s in sessions.values()
        if s.id in needed or recent_date(s.date, since) or recent(edited_at(s))]
    records["sessions"].sort(key=lambda s: (s.date, s.created_at))
    if progress is not None:
        progress(len(kinds) + 1, steps)
    if shareable:
        records["cases"] = []  # a case's title and text stay with the group
        records = _pseudonymised(store, records, lang)
    else:
        referenced = {r.case_id for kind in ("slow_questions", "tensions", "precedents")
                      for r in records[kind] if r.case_id}
        for session in records["sessions"]:
            referenced.update(item.case_id for item in meeting_queries.agenda(store, session.id) if item.case_id)
        by_ref = case_queries.cases_by_ref(store, referenced)
        wanted = {case.id for case in by_ref.values()}
        records["cases"] = [c for c in case_queries.cases(store) if c.id in wanted
                            or (since is None) or recent(edited_at(c))]
    bundle = Bundle(format=BUNDLE_FORMAT, schema_version=BUNDLE_VERSION,
                    producer=f"livinglab {__version__}", created_at=now(),
                    shareable=shareable, **records)
    if progress is not None:
        progress(len(kinds) + 2, steps)
    if shareable:
        from ..meeting.region import every_region

        left = personal_data_left(bundle, privacy_queries.all_known_names(store),
                                  every_region(store))
        if left:
            raise BundleError(_(
                "the shareable bundle still holds personal data after pseudonymising "
                "({count} findings, in {fields}); nothing was written").format(
                    count=len(left), fields=", ".join(sorted(set(left))[:5])))
    if progress is not None:
        progress(steps, steps)
    return bundle


def recent_date(date: dt.date, since: dt.date | None) -> bool:
    return since is None or date >= since


def _pseudonymised(store: Store, records: dict[str, list[Any]], lang: str):
    """The records with every name and other personal data replaced by a placeholder,
    one numbering per group; people's names (action owners) and places left out.

    Each group's texts are read twice (issue 24): the first reading finds the names they
    give someone by context ("mevrouw Bakker", "Oma Jannie"), which the second then finds
    wherever they stand ("Bakkers zoon"); a client who shares a surname with one of the
    group's people stays another person; places outside the region go."""
    from ..meeting.region import every_region
    from ..text.personal import Pseudonymiser, document_names, surnames_apart

    known = privacy_queries.all_known_names(store)
    region = every_region(store)
    texts_of: dict[str, list[str]] = {}
    session_group = {s.id: s.group_id for s in records["sessions"]}
    for kind, items in records.items():
        for record in items:
            group_id = (record.id if kind == "groups" else getattr(record, "group_id", None)
                        or session_group.get(getattr(record, "session_id", None), ""))
            texts_of.setdefault(group_id, []).extend(
                text for _path, text in _strings(record.model_dump(mode="json"))
                if not _path or str(_path[-1]) not in ("id", "date") and
                not str(_path[-1]).endswith(("_id", "_at")))
    per_group: dict[str, Pseudonymiser] = {}

    def pseudo(group_id: str):
        if group_id not in per_group:
            text = "\n".join(texts_of.get(group_id, []))
            people = privacy_queries.group_people_names(store, group_id) if group_id else []
            per_group[group_id] = Pseudonymiser(
                known, lang=lang, region=region, evidence=document_names(text, known),
                others=surnames_apart(text, known, people), people=people)
        return per_group[group_id]

    def texts(record: BaseModel, group_id: str, *names: str, **fixed: Any):
        p = pseudo(group_id)
        update = {name: _map_strings(getattr(record, name), p) for name in names}
        return record.model_copy(update={**update, **fixed})

    out = dict(records)
    out["groups"] = [texts(g, g.id, "name") for g in records["groups"]]
    out["sessions"] = [texts(s, s.group_id, "title", location="") for s in records["sessions"]]
    out["actions"] = [texts(a, a.group_id, "what", owner="") for a in records["actions"]]
    session_group = {s.id: s.group_id for s in records["sessions"]}
    out["decisions"] = [texts(d, session_group.get(d.session_id, ""), "text")
                        for d in records["decisions"]]
    out["lessons"] = [texts(x, x.group_id, "text", "themes") for x in records["lessons"]]
    out["tensions"] = [texts(t, t.group_id, "pole_a", "pole_b") for t in records["tensions"]]
    out["slow_questions"] = [
        q.model_copy(update={
            "question": _map_strings(q.question, pseudo(q.group_id)),
            "history": [w.model_copy(update={
                "wording": _map_strings(w.wording, pseudo(q.group_id)),
                "added": _map_strings(w.added, pseudo(q.group_id)),
                "left_open": _map_strings(w.left_open, pseudo(q.group_id))})
                for w in q.history]})
        for q in records["slow_questions"]]
    out["precedents"] = [texts(p, p.group_id, "dilemma", "values", "choices", "choice", "why",
                               title="") for p in records["precedents"]]
    return out


def _map_strings(value: Any, change) -> Any:
    if isinstance(value, str):
        return change(value) if value else value
    if isinstance(value, list):
        return [_map_strings(v, change) for v in value]
    return value


def personal_data_left(bundle: Bundle, known_names: list[str],
                       region: list[str] | None = None) -> list[str]:
    """The field paths of every finding the scanner still makes in a bundle's text
    (with `region`, places outside it too)."""
    from ..text.personal import KnownNames, scan

    known = KnownNames(known_names)
    found = []
    for path, text in _strings(bundle.model_dump(mode="json")):
        key = str(path[-1])
        # Ids (uuids, whose digits can read as a number) and dates are the bundle's own.
        if path[0] in ("format", "producer", "created_at") or key in ("id", "date") \
                or key.endswith("_id"):
            continue
        found += [field_path(path)] * len(scan(text, known, region))
    return found


def _strings(value: Any, path: tuple = ()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def bundle_json(bundle: Bundle) -> str:
    return json.dumps(bundle.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


# --- reading ---------------------------------------------------------------------------


def read_bundle(path: Path) -> Bundle:
    """A bundle file, checked: LoadProblem naming the file, the line or field, and what is
    wrong (truncated, not JSON, another version, too large, unknown fields...)."""
    path = Path(path)
    try:
        text = read_input(path, MAX_BUNDLE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise LoadProblem(path, _("not a livinglab bundle (not UTF-8 text)")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise load_problem(path, e) from None
    except RecursionError:
        raise LoadProblem(path, _("nested deeper than {depth} levels").format(
            depth=MAX_DEPTH)) from None
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT:
        raise LoadProblem(path, _("not a livinglab bundle (no \"format\": "
                                  "\"livinglab-bundle\")"))
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > BUNDLE_VERSION:
        raise LoadProblem(path, _("made by a newer livinglab (bundle version {found}; this "
                                  "version reads {known}); update livinglab to import it")
                          .format(found=version, known=BUNDLE_VERSION))
    if version != BUNDLE_VERSION:
        raise LoadProblem(path, _("schema_version: {found} is not a bundle version this "
                                  "livinglab reads ({known})").format(
                                      found=json.dumps(version), known=BUNDLE_VERSION))
    if problem := _beyond_limits(data):
        raise LoadProblem(path, problem)
    try:
        return Bundle.model_validate(data)
    except ValidationError as e:
        raise load_problem(path, e) from None


def _beyond_limits(data: Any) -> str | None:
    """The first place where the file is nested too deep or holds too long a text or
    list, as "path: what"; None when it is within every limit. Walked without recursion."""
    stack = [(data, (), 1)]
    while stack:
        value, path, depth = stack.pop()
        where = field_path(path) or _("the bundle")
        if depth > MAX_DEPTH and isinstance(value, (dict, list)):
            return _("{where}: nested deeper than {depth} levels").format(
                where=where, depth=MAX_DEPTH)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            return _("{where}: a text of {length} characters; at most {limit}").format(
                where=where, length=len(value), limit=MAX_TEXT)
        if isinstance(value, list) and len(value) > MAX_RECORDS:
            return _("{where}: {count} items; at most {limit}").format(
                where=where, count=len(value), limit=MAX_RECORDS)
        if isinstance(value, dict):
            stack += [(v, (*path, k), depth + 1) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(v, (*path, i), depth + 1) for i, v in enumerate(value)]
    return None


# --- import ----------------------------------------------------------------------------


@dataclass
class Skipped:
    kind: str
    id: str
    reason: str  # worded for the user


@dataclass
class ImportReport:
    added: Counter = field(default_factory=Counter)  # kind -> count
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


def import_bundle(store: Store, bundle: Bundle, source: Path | str = "",
                  progress=None) -> ImportReport:
    """Merge a checked bundle into the store in one transaction. BundleError (nothing
    written) when a record contradicts the database: an id that is another kind of record
    here, or a record that belongs to another group or meeting here, or to none."""
    records = bundle.records()
    _check_against(store, records, source)
    purged = privacy_queries.purged_session_ids(store)
    report = ImportReport()
    total, done = sum(len(rows) for rows in records.values()), 0
    with store.transaction():
        for kind, incoming in records.items():
            if progress is not None:  # told the records merged, a kind at a time
                progress(done, total)
            done += len(incoming)
            model = KINDS[kind]
            local = {r.id: r for r in store.rows_by_id(model, [r.id for r in incoming])}
            for index, record in enumerate(incoming):
                session_id = record.id if kind == "sessions" else getattr(
                    record, "session_id", None)
                if session_id in purged:
                    reason = (_("this meeting was purged here") if kind == "sessions"
                              else _("its meeting was purged here"))
                    report.skipped.append(Skipped(kind, record.id, reason))
                    continue
                try:
                    _merge(store, kind, record, local.get(record.id), report)
                except ValueError as e:  # a required text that cleaning emptied (escapes)
                    problem = (describe_validation_error(e) if isinstance(e, ValidationError)
                               else str(e))
                    raise BundleError(f"{source}: {kind}[{index}].{problem}") from None
    if progress is not None:
        progress(total, total)
    return report


def _merge(store: Store, kind: str, record: Any, local: Any, report: ImportReport) -> None:
    if local is None:
        store.save(record)
        report.added[kind] += 1
        return
    # Where a running meeting stands is this install's own; a bundle never carries it.
    ignore = {"updated_at", "current_item_id"}
    if _content(record, ignore) == _content(local, ignore):
        report.unchanged[kind] += 1
        return
    theirs, ours = edited_at(record), edited_at(local)
    if theirs is not None and (ours is None or theirs > ours):
        kept = {"current_item_id": local.current_item_id} if kind == "sessions" else {}
        store.save(record.model_copy(update={"updated_at": theirs, **kept}))
        report.updated[kind] += 1
        return
    report.skipped.append(Skipped(kind, record.id, _(
        "changed on both sides: kept this database's version ({ours}); the bundle's "
        "({theirs}) is not newer").format(ours=_when(ours), theirs=_when(theirs))))


def _when(moment: dt.datetime | None) -> str:
    from ..models import local

    return local(moment).strftime("%Y-%m-%d %H:%M") if moment else _("unknown")


def _content(record: BaseModel, ignore: set[str]) -> dict[str, Any]:
    """A record as it would be stored (text cleaned), without the columns in `ignore`."""
    dumped = clean_all(record.model_dump(mode="json"))
    return {k: v for k, v in dumped.items() if k not in ignore}


def _check_against(store: Store, records: dict[str, list[Any]], source) -> None:
    """Refuse the bundle (BundleError, one line) if its records contradict each other or
    the database. Every check is made before anything is written."""

    def refuse(kind: str, index: int, column: str, message: str) -> None:
        raise BundleError(f"{source}: {kind}[{index}].{column}: {message}")

    seen: dict[str, str] = {}
    for kind, incoming in records.items():
        for index, record in enumerate(incoming):
            if record.id in seen:
                refuse(kind, index, "id", _("{id} is in this bundle twice ({other} and {kind})")
                       .format(id=record.id, other=_(KIND_NAMES[seen[record.id]][0]),
                               kind=_(KIND_NAMES[kind][0])))
            seen[record.id] = kind
            if getattr(record, "group_id", None) == PRACTICE_GROUP_ID or (
                    kind == "groups" and record.id == PRACTICE_GROUP_ID):
                refuse(kind, index, "group_id" if kind != "groups" else "id",
                       _("practice runs are never part of a bundle"))
            if kind == "cases" and record.id != case_id_for(record.slug):
                refuse(kind, index, "id", _("{id} is not the id of the case {slug}").format(
                    id=record.id, slug=record.slug))
    # An id that is another kind of record here (any table keyed by id).
    for found, table in sorted(store.tables_of_ids(seen).items()):
        kind = seen[found]
        if TABLES[KINDS[kind]].name != table:
            index = next(i for i, r in enumerate(records[kind]) if r.id == found)
            refuse(kind, index, "id", _("{id} is another kind of record in this database "
                                        "({table})").format(id=found, table=table))
    # Parents: a record's group and meeting are in the bundle or here, and agree.
    groups = {g.id for g in records["groups"]} | {g.id for g in store.rows(Group)}
    session_group = {s.id: s.group_id for s in store.rows(Session)}
    session_group.update({s.id: s.group_id for s in records["sessions"]})
    for kind, incoming in records.items():
        if kind in ("groups", "cases"):
            continue
        local = {r.id: r for r in store.rows_by_id(KINDS[kind], [r.id for r in incoming])}
        for index, record in enumerate(incoming):
            session_id = getattr(record, "session_id", None)
            group_id = getattr(record, "group_id", None) or session_group.get(session_id)
            if group_id is not None and group_id not in groups:
                refuse(kind, index, "group_id", _("no group {id} in the bundle or here")
                       .format(id=group_id))
            if session_id is not None:
                if session_id not in session_group:
                    refuse(kind, index, "session_id", _(
                        "no meeting {id} in the bundle or here").format(id=session_id))
                if session_group[session_id] != group_id:
                    refuse(kind, index, "session_id", _(
                        "the meeting {id} belongs to another group").format(id=session_id))
            mine = local.get(record.id)
            for column in ("group_id", "session_id"):
                if mine is not None and getattr(mine, column, None) != getattr(
                        record, column, None):
                    refuse(kind, index, column, _(
                        "{id} belongs to another {parent} in this database").format(
                            id=record.id, parent=_("group") if column == "group_id"
                            else _("meeting")))
