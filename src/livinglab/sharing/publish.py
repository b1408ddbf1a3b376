"""A regional archive: what groups marked to share, as a separate SQLite file that
Datasette serves read-only and searchable (issue 14).

Only items marked "te delen" (lessons, decisions, tensions, precedents; a slow question
the group takes to the region) of finished meetings go in, and only when every text of
the item passes the privacy scanner with every name the database knows: an item with a
finding is withheld whole (and reported), never half-cleaned. The archive keeps the
themes, the group, its municipality and the month; never people, cases, places or
actions. Several teams' bundles imported into one database give the region's archive.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from ..i18n import N_, _, os_reason, term
from ..paths import private_file, write_private_file
from ..models import (
    Decision,
    Lesson,
    Precedent,
    Session,
    SessionStatus,
    SlowQuestion,
    Tension,
)
from ..meeting.region import every_region
from ..text.personal import KnownNames, document_names, scan
from ..storage.refs import Noun, resolve_among
from ..storage import written
from ..storage.store import Store
from ..meeting import queries as meeting_queries
from ..privacy import queries as privacy_queries

DEFAULT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.nl")

# Per table: its Dutch title, its description, and help for each column (the metadata
# Datasette shows). The text columns are searchable (FTS5).
COMMON_COLUMNS = {
    "groep": "De groep die het inbracht (wijkteam, werkgroep of stuurgroep).",
    "gemeente": "De gemeente of regio van de groep.",
    "periode": "De maand van de bijeenkomst (of van het vastleggen), als JJJJ-MM.",
}
TABLES: dict[str, dict[str, Any]] = {
    "lessen": {
        "title": "Lessen (kennisoogst)",
        "description": "Wat een bijeenkomst opleverde voor wie er niet bij was.",
        "text": ["tekst"],
        "columns": {"tekst": "De les, in de woorden van de groep.",
                    "themas": "De thema's van de casus of de vraag (JSON-lijst)."},
    },
    "trage_vragen": {
        "title": "Trage vragen",
        "description": "Vragen zonder snel antwoord die een groep naar de regio brengt, "
                       "met wat de bijeenkomsten eraan toevoegden.",
        "text": ["vraag", "inzichten", "nog_open"],
        "columns": {"vraag": "De vraag, zoals de groep haar nu stelt.",
                    "status": "Open, in verkenning, inzicht bereikt of afgerond.",
                    "inzichten": "Wat de bijeenkomsten aan de vraag toevoegden.",
                    "nog_open": "Wat de laatste bijeenkomst open liet.",
                    "themas": "De thema's van de vraag (JSON-lijst)."},
    },
    "precedenten": {
        "title": "Moresprudentie",
        "description": "Hoe een groep een moreel dilemma woog: de waarden, de keuzes en "
                       "de conclusie, voor een groep die later voor een vergelijkbaar "
                       "dilemma staat.",
        "text": ["dilemma", "waarden", "keuzes", "conclusie", "waarom"],
        "columns": {"dilemma": "De morele vraag en haar twee opties.",
                    "waarden": "De waarden die meewogen.",
                    "keuzes": "Hoe de aanwezigen kozen (A en B, geteld).",
                    "conclusie": "Wat de groep concludeerde.",
                    "waarom": "De redenen, uit de dialoog.",
                    "themas": "De thema's van de casus (JSON-lijst)."},
    },
    "spanningen": {
        "title": "Spanningen",
        "description": "Twee goede dingen die aan elkaar trekken, als polen van een "
                       "polariteitenkaart.",
        "text": ["pool_a", "pool_b"],
        "columns": {"pool_a": "De ene pool.", "pool_b": "De andere pool."},
    },
    "besluiten": {
        "title": "Besluiten",
        "description": "Besluiten die een groep deelt met de regio.",
        "text": ["besluit"],
        "columns": {"besluit": "Het besluit, zoals de notulen het vastlegden."},
    },
}
KIND_OF_TABLE = {"lessen": "lessons", "trage_vragen": "slow_questions",
                 "precedenten": "precedents", "spanningen": "tensions",
                 "besluiten": "decisions"}


@dataclass
class Withheld:
    kind: str  # a bundle kind: lessons, slow_questions...
    id: str
    findings: int


@dataclass
class PublishReport:
    published: Counter = field(default_factory=Counter)  # bundle kind -> count
    withheld: list[Withheld] = field(default_factory=list)


class PublishError(Exception):
    """An archive that cannot be written, worded for the user."""


def _row_texts(row: dict[str, Any], columns: list[str]) -> list[str]:
    return [row[c] for c in columns if isinstance(row.get(c), str) and row[c]]


def archive_rows(store: Store) -> tuple[dict[str, list[dict[str, Any]]], PublishReport]:
    """The rows of each archive table, and what was withheld (personal data found)."""
    groups = {g.id: g for g in meeting_queries.groups(store)}  # never the practice group
    sessions = {s.id: s for s in store.rows(Session)
                if s.group_id in groups and s.status == SessionStatus.FINISHED}
    names = privacy_queries.all_known_names(store)
    region = every_region(store)
    report = PublishReport()
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    candidates: list[tuple[str, Any, str | None, dict[str, Any]]] = []

    def place(record: Any, group_id: str | None) -> dict[str, Any] | None:
        """Group, municipality and month of a record; None when it may not go out."""
        session = sessions.get(record.session_id) if record.session_id else None
        if record.session_id and session is None:
            return None  # a meeting not finished, a practice run, another group's
        group = groups.get(group_id or (session.group_id if session else ""))
        if group is None:
            return None
        moment = session.date if session else getattr(record, "created_at", None)
        return {"groep": group.name, "gemeente": group.municipality or "",
                "periode": moment.strftime("%Y-%m") if moment else ""}

    def add(table: str, record: Any, group_id: str | None, row: dict[str, Any]) -> None:
        candidates.append((table, record, group_id, row))

    def check(table: str, record: Any, group_id: str | None, row: dict[str, Any]) -> None:
        where = place(record, group_id)
        if where is None:
            return
        row = {"id": record.id, **row, **where}
        findings = sum(len(scan(text, known, region)) for text in
                       _row_texts(row, TABLES[table]["text"] + ["groep", "gemeente"]))
        kind = KIND_OF_TABLE[table]
        if findings:
            report.withheld.append(Withheld(kind, record.id, findings))
            return
        tables[table].append(row)
        report.published[kind] += 1

    for lesson in store.rows(Lesson):
        if lesson.share:
            add("lessen", lesson, lesson.group_id,
                {"tekst": lesson.text, "themas": json.dumps(lesson.themes, ensure_ascii=False)})
    for question in store.rows(SlowQuestion):
        if question.to_region:
            added = [line for work in question.history for line in work.added]
            left = question.history[-1].left_open if question.history else []
            add("trage_vragen", question, question.group_id, {
                "vraag": question.question, "status": term(question.status, "nl"),
                "inzichten": "\n".join(added), "nog_open": "\n".join(left),
                "themas": json.dumps(question.themes, ensure_ascii=False)})
    for precedent in store.rows(Precedent):
        if precedent.share:
            add("precedenten", precedent, precedent.group_id, {
                "dilemma": precedent.dilemma, "waarden": "\n".join(precedent.values),
                "keuzes": precedent.choices, "conclusie": precedent.choice,
                "waarom": precedent.why,
                "themas": json.dumps(precedent.themes, ensure_ascii=False)})
    for tension in store.rows(Tension):
        if tension.share:
            add("spanningen", tension, tension.group_id,
                {"pool_a": tension.pole_a, "pool_b": tension.pole_b})
    for decision in store.rows(Decision):
        if decision.share:
            add("besluiten", decision, None, {"besluit": decision.text})
    # What every candidate says about who is named ("mevrouw Bakker" in one, "Bakkers zoon"
    # in another) is read first (issue 24); places outside the region are withheld too.
    everything = "\n".join(text for table, _r, _g, row in candidates
                            for text in _row_texts(row, TABLES[table]["text"]))
    known = KnownNames(names, cased=document_names(everything, names))
    for candidate in candidates:
        check(*candidate)
    for rows in tables.values():
        rows.sort(key=lambda r: (r["periode"], r["groep"], r["id"]))
    return tables, report


def write_archive(path: Path, tables: dict[str, list[dict[str, Any]]], progress=None) -> None:
    """The archive file, new, readable by its owner only; FTS5 over the text columns.
    `progress(done, total)`, when given, is told the tables written."""
    with private_file(path) as temp:
        db = sqlite_utils.Database(temp)
        try:
            for done, (name, spec) in enumerate(TABLES.items()):
                if progress is not None:
                    progress(done, len(TABLES))
                columns = {"id": str, **{c: str for c in COMMON_COLUMNS},
                           **{c: str for c in spec["columns"]}}
                db[name].create(columns, pk="id")
                db[name].insert_all(tables[name])
                db[name].enable_fts(spec["text"], fts_version="FTS5", create_triggers=False)
            db.vacuum()
            if progress is not None:
                progress(len(TABLES), len(TABLES))
        finally:
            db.close()


def datasette_metadata(database: str, licence: tuple[str, str] = DEFAULT_LICENCE
                       ) -> dict[str, Any]:
    """Datasette's metadata.json for the archive: Dutch titles, descriptions, column help,
    the licence; each table searchable and faceted by group, municipality and month."""
    name, url = licence
    tables = {}
    for table, spec in TABLES.items():
        tables[table] = {
            "title": spec["title"], "description": spec["description"],
            "columns": {**spec["columns"], **COMMON_COLUMNS},
            "fts_table": f"{table}_fts",
            "facets": ["groep", "gemeente", "periode"], "sort_desc": "periode",
        }
    return {
        "title": "Regionaal archief van de lerende gemeenschap",
        "description": (
            "Wat wijkteams, werkgroepen en stuurgroepen uit de regio met elkaar willen "
            "delen: lessen, trage vragen, moresprudentie, spanningen en besluiten. Alleen "
            "wat een groep als 'te delen' markeerde en waarin de privacyscan geen namen of "
            "andere persoonsgegevens vond. Zonder personen, casussen of plaatsen."),
        "license": name, "license_url": url, "source": "livinglab",
        "databases": {database: {"title": "Regionaal archief", "tables": tables}},
    }


def publish(store: Store, target: Path, metadata_path: Path,
            licence: tuple[str, str] = DEFAULT_LICENCE, progress=None) -> PublishReport:
    """Write the archive to `target` and Datasette's metadata to `metadata_path`."""
    tables, report = archive_rows(store)
    target, metadata_path = Path(target), Path(metadata_path)
    metadata = json.dumps(datasette_metadata(target.stem, licence), ensure_ascii=False,
                          indent=2) + "\n"
    for path, write in ((target, lambda: write_archive(target, tables, progress)),
                        (metadata_path, lambda: write_private_file(metadata_path, metadata))):
        try:
            write()
        except (OSError, sqlite3.Error) as e:
            reason = os_reason(e) if isinstance(e, OSError) else e
            raise PublishError(_("cannot write {path}: {reason}").format(
                path=path, reason=reason)) from None
    written.record_written(store, target, written.ARCHIVE)
    return report


SHAREABLE = {"lessons": (Lesson, "share"), "decisions": (Decision, "share"),
             "tensions": (Tension, "share"), "precedents": (Precedent, "share"),
             "slow_questions": (SlowQuestion, "to_region")}
# What `share` names by reference: a record of any of the shareable kinds (the messages
# are mark_shared's, said for them all).
SHAREABLE_NOUNS = {kind: Noun(model, "", "") for kind, (model, _flag) in SHAREABLE.items()}


def mark_shared(store: Store, ref: str, shared: bool = True) -> tuple[str, Any]:
    """Mark one lesson, decision, tension, precedent or slow question (by id or a unique
    start of it) as "te delen", or not; (its kind, the record). RefError (a LookupError)
    otherwise."""
    noun, record = resolve_among(
        store, list(SHAREABLE_NOUNS.values()), ref,
        N_("no lesson, decision, tension, precedent or slow question with id {ref}"),
        N_("{ref} matches more than one record; give more of the id"))
    kind = next(k for k, n in SHAREABLE_NOUNS.items() if n is noun)
    store.save(record.model_copy(update={SHAREABLE[kind][1]: shared}))
    return kind, record
