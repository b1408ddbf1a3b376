"""Erasing a person so that nothing is left of their name (AVG art. 17, issue 24).

Two passes. The first reads each text as the scanner does (`retention._text_rows`): a
mention with a form of address or initials ("mevrouw Jansen", "F. Jansen") becomes the
placeholder whole, and in a text that names them every identifier the scanner finds
(address, phone, BSN, IBAN, e-mail, date of birth) goes too. The second sweeps every text column of every table, JSON inside it
included: agenda item titles ("Casus Jansen"), e-mail addresses with the name in them
(the whole address goes), dialog drafts, series, method copies, the log of written
files. The name is matched in any case, as the full name and as each of its words,
except a word another known person shares ("Jansen" of "Piet Jansen": only the full name
goes, and what the first pass found). Then the search index is rebuilt from what is
left, the file vacuumed and its WAL checkpointed and emptied, with secure_delete on, so
the bytes of the .db and its -wal no longer hold the name.

Built-in example cases (shipped with livinglab, `cases/`) are never changed: by their
origin, not their text, as a fictional character may share the person's first name. The
files this program wrote before (minutes, bundles, backups, archives) are beyond reach:
the erase lists them, with their dates, for the user to delete.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import Case, CaseSection
from ..storage import written
from ..storage.keys import canonical_json, method_hash
from ..storage.store import Store
from ..text.personal import (
    EMAIL, NAME, PARTICLES, PLACEHOLDERS, KnownNames, scan, without_title,
)
from ..meeting import queries as meeting_queries
from . import queries as privacy_queries
from .retention import _text_rows, builtin_case_ids, change_texts, compact, is_form_of

# Tables the sweep leaves: the search index (rebuilt from the rest afterwards), the method
# copies (their key is a hash of their text: rewritten apart) and the log of files
# (listed first, then rewritten apart).
_NOT_SWEPT = re.compile(r"^(sqlite_|search_)|^(method_copies|written_files)$")
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)


@dataclass
class EraseReport:
    person: str
    texts: int = 0  # texts the scanner's pass changed
    cells: int = 0  # cells the sweep changed besides
    files: list[written.WrittenFile] = field(default_factory=list)  # may still hold them
    examples: list[str] = field(default_factory=list)  # built-in cases naming them: kept
    # A word of the name left where it stands alone, as other known people's names hold
    # it too ("Brouwer" of "Daan Brouwer"): word -> those names.
    shared: dict[str, list[str]] = field(default_factory=dict)
    wal_emptied: bool = True  # False: another window kept the WAL open
    # Of each file: True when the name is in it, False when not, None when it is gone
    # or could not be read.
    holds: dict[str, bool | None] = field(default_factory=dict)


class NameSweep:
    """Every form of one person's name in a text, in any case, and e-mail and web
    addresses that hold a word of it."""

    def __init__(self, person: str, others: Iterable[str], lang: str = "nl"):
        labels = PLACEHOLDERS.get(lang, PLACEHOLDERS["nl"])
        self.placeholder = f"[{labels[NAME]}]"
        self.email_placeholder = f"[{labels[EMAIL]}]"
        words = [w for w in re.split(r"[\s\-]+", person) if w]
        own = [w for w in words if w.lower() not in PARTICLES and len(w) >= 2]
        other_words = {other: {w.lower() for w in re.split(r"[\s\-]+", other)}
                       for other in others if not is_form_of(other, person)}
        shared = set().union(*other_words.values())
        alone = [re.escape(w) for w in own if w.lower() not in shared]
        self.shared_with = {w: sorted(o for o, ws in other_words.items() if w.lower() in ws)
                            for w in own if w.lower() in shared}
        full = r"[\s\-]+".join(re.escape(w) for w in words)
        forms = sorted({full, *alone}, key=len, reverse=True)
        self.pattern = re.compile(
            rf"(?<!\w)(?:{'|'.join(forms)})(?P<possessive>['’]s|['’]|s)?(?!\w)", re.IGNORECASE)
        self.in_email = [w.lower() for w in own if len(w) >= 3]

    def __call__(self, text: str) -> str:
        # An address glues the name to other letters ("femkezwanenburg"): it goes whole.
        if self.in_email and "@" in text:
            text = _EMAIL.sub(lambda m: self.email_placeholder if any(
                w in m.group().lower() for w in self.in_email) else m.group(), text)
        if self.in_email and ("www." in text.lower() or "://" in text):
            text = _WEB_ADDRESS.sub(lambda m: self.placeholder if any(
                w in m.group().lower() for w in self.in_email) else m.group(), text)
        return self.pattern.sub(
            lambda m: self.placeholder + ("'s" if m.group("possessive") else ""), text)

    def cell(self, value: Any) -> Any:
        """A column's value with the name gone; JSON text is read and written back, so a
        name escaped in it ("\\u00e9") is found too."""
        if not isinstance(value, str):
            return value
        if value[:1] in ("[", "{", '"'):
            try:
                parsed = json.loads(value)
            except ValueError:
                pass
            else:
                changed = change_texts(parsed, self)
                return value if changed == parsed else json.dumps(changed, ensure_ascii=False)
        return self(value)


def files_to_delete(store: Store) -> list[written.WrittenFile]:
    """The files this program wrote that may hold what is in the database: all of them,
    oldest first (each says whether it is gone since)."""
    return written.written_files(store)


def name_in_file(path: str, sweep: NameSweep) -> bool | None:
    """Whether a file written before holds the name in any of its forms (a Word file's
    text read from inside it); None when it is gone or cannot be read. The user's own
    file, read here and nowhere else, so the erase can say which to delete."""
    import zipfile

    try:
        if zipfile.is_zipfile(path):  # .docx: the text is in XML parts inside
            with zipfile.ZipFile(path) as docx:
                data = b" ".join(docx.read(name) for name in docx.namelist()
                                 if name.endswith(".xml"))
        else:
            with open(path, "rb") as file:
                data = file.read()
    except (OSError, zipfile.BadZipFile):
        return None
    return bool(sweep.pattern.search(data.decode("utf-8", errors="ignore")))


def examples_naming(store: Store, person: str, builtin: set[str]) -> list[str]:
    """The slugs of the built-in example cases that name `person` (left as shipped)."""
    sweep = NameSweep(person, [])
    return [slug for id_, slug, title, sections, notes in store.query(
        "select id, slug, title, sections, facilitator_notes from cases")
        if id_ in builtin and any(sweep.pattern.search(t or "") for t in (title, sections, notes))]


def erase_person(store: Store, person: str, lang: str = "nl") -> EraseReport:
    """Remove `person`'s name (a full name `resolve_person` gave) from everything the
    database holds, then from the disk; what it could not reach is in the report."""
    builtin = builtin_case_ids()
    report = EraseReport(person, files=files_to_delete(store),
                         examples=examples_naming(store, person, builtin))
    others = [n for n in privacy_queries.all_known_names(store) if n.lower() != person.lower()]
    sweep = NameSweep(person, others, lang)
    report.holds = {f.path: name_in_file(f.path, sweep) for f in report.files}
    report.shared = sweep.shared_with
    store.conn.execute("PRAGMA secure_delete = ON")  # freed space is zeroed, not kept
    with store.transaction():
        report.texts = _scanner_pass(store, person, others, lang, builtin)
        store.conn.execute("update people set name = ? where name = ? collate nocase",
                           [sweep.placeholder, person])
        # Off every watch list, in any form ("Femke" beside "Femke Zwanenburg"): a name
        # rewritten there would be "[naam]", twice in a group where it must be once.
        store.conn.executemany(
            "delete from watch_names where group_id = ? and name = ?",
            [(group_id, name) for group_id, name in store.query(
                "select group_id, name from watch_names")
             if name.lower() == person.lower() or sweep(name) != name])
        report.cells = _sweep_tables(store, sweep, builtin) + _sweep_method_copies(store, sweep)
        written.rewrite_paths(store, sweep)  # a name in a file's name
    store.rebuild_search_index()  # the index held the removed text too
    report.wal_emptied = compact(store)
    return report


class Eraser:
    """The scanner's pass over one text: each mention of the person becomes the
    placeholder whole (with a form of address or initials), and in a text that names them
    every other identifier the scanner finds (address, e-mail, phone, BSN, IBAN, date of
    birth) becomes its own placeholder, as it may well be theirs."""

    def __init__(self, person: str, lang: str = "nl", others: Iterable[str] = ()):
        self.person = person
        # The others known too, so that a name the person's shares a word with ("Daan
        # Brouwer" beside "Joke Brouwer") is taken for whom it names, not for the person.
        self.finder = KnownNames([person, *others])
        self.labels = PLACEHOLDERS.get(lang, PLACEHOLDERS["nl"])
        # Every mention holds a word of the name: a text without one is not scanned (most
        # texts of a large database; the scan is the erase's costliest part).
        parts = [re.escape(w) for w in re.split(r"[\s\-]+", person)
                 if len(w) >= 2 and w.lower() not in PARTICLES] or [re.escape(person)]
        self._quick = re.compile("|".join(parts), re.IGNORECASE)

    def mentions(self, text: str) -> bool:
        return bool(self._quick.search(text)) and any(
            self._theirs(f) for f in scan(text, self.finder))

    def _theirs(self, finding) -> bool:
        return finding.kind == NAME and self.finder.person(
            without_title(finding.text)) == self.person

    def __call__(self, text: str) -> str:
        if not self._quick.search(text):
            return text
        findings = sorted(scan(text, self.finder), key=lambda f: f.start)
        if not any(self._theirs(f) for f in findings):
            return text
        out, pos = [], 0
        for f in findings:
            if f.start < pos or (f.kind == NAME and not self._theirs(f)):
                continue
            if f.kind == NAME:
                possessive = "'s" if re.search(r"['’]s?$", f.text) else ""
                new = f"[{self.labels[NAME]}]{possessive}"
            else:
                new = f"[{self.labels[f.kind]}]"
            out += [text[pos:f.start], new]
            pos = f.end
        return "".join(out) + text[pos:]

    def walk(self, value: Any) -> Any:
        return change_texts(value, self)


def _scanner_pass(store: Store, person: str, others: list[str], lang: str,
                  builtin: set[str]) -> int:
    erase = Eraser(person, lang, others)
    changed = 0
    for _where, row, field_name, text in list(_text_rows(store)):
        if isinstance(row, Case) and row.id in builtin:
            continue
        if not erase.mentions(text or ""):
            continue
        if field_name == "case:sections":
            current = store.get(Case, row.id)
            sections = erase.walk([x.model_dump() for x in current.sections])
            store.save(current.model_copy(update={
                "sections": [CaseSection(**x) for x in sections]}))
        elif field_name.startswith("entry:"):
            key = field_name.split(":", 1)[1]
            value = meeting_queries.entries(store, row.id)[key]
            store.save_entry(row.id, key, erase.walk(value))
        elif field_name.startswith("json:"):  # a text, or text inside lists and rows
            current = store.get(type(row), row.id).model_dump(mode="json")
            name = field_name.split(":", 1)[1]
            current[name] = erase.walk(current[name])
            store.save(type(row).model_validate(current))
        else:
            current = store.get(type(row), row.id)  # another of its fields may have changed
            store.save(current.model_copy(update={
                field_name: erase(getattr(current, field_name))}))
        changed += 1
    return changed


def _sweep_tables(store: Store, sweep: NameSweep, builtin: set[str]) -> int:
    changed = 0
    tables = [r[0] for r in store.query(
        "select name from sqlite_master where type = 'table' order by name")]
    for table in tables:
        if _NOT_SWEPT.search(table):
            continue
        cursor = store.conn.execute(f'select rowid, * from "{table}"')
        columns = [d[0] for d in cursor.description][1:]
        updates = []
        for rowid, *values in cursor.fetchall():
            row = dict(zip(columns, values))
            if table == "cases" and row.get("id") in builtin:
                continue  # a shipped example: fiction, never rewritten
            new = {c: sweep.cell(v) for c, v in row.items()}
            diff = {c: v for c, v in new.items() if v != row[c]}
            if table == "cases" and "slug" in diff:  # unique, and a slug: "naam", "naam-2"
                diff["slug"] = _free_slug(store, diff["slug"])
            if diff:
                updates.append((rowid, diff))
        for rowid, diff in updates:
            sets = ", ".join(f'"{c}" = ?' for c in diff)
            store.conn.execute(f'update "{table}" set {sets} where rowid = ?',
                               [*diff.values(), rowid])
            changed += len(diff)
    return changed


def _free_slug(store: Store, slug: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "casus"
    taken = {r[0] for r in store.query("select slug from cases")}
    number, found = 1, base
    while found in taken:
        number += 1
        found = f"{base}-{number}"
    return found


def builtin_method_hashes() -> set[str]:
    """The keys of copies of the methods shipped with livinglab, as shipped."""
    from ..methods import load_methods

    return {method_hash(m.model_dump(mode="json")) for m in load_methods().methods.values()}


def _sweep_method_copies(store: Store, sweep: NameSweep) -> int:
    """A method copy that names the person (a group's own method) is kept under the hash
    of its new text, and the agenda items that used it follow. A copy of a shipped method
    as shipped is left, as the example cases are."""
    changed = 0
    shipped = builtin_method_hashes()
    for digest, text in store.query("select hash, method from method_copies"):
        if digest in shipped:
            continue
        method = json.loads(text)
        new = change_texts(method, sweep)
        if new == method:
            continue
        new_digest = method_hash(new)
        store.conn.execute("insert or ignore into method_copies (hash, method) values (?, ?)",
                           [new_digest, canonical_json(new)])
        store.conn.execute("update agenda_items set method_hash = ? where method_hash = ?",
                           [new_digest, digest])
        store.conn.execute("delete from method_copies where hash = ?", [digest])
        changed += 1
    store.__dict__.pop("_method_copies", None)  # the store's cache of them
    return changed
