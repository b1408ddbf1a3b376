"""One search over everything a group said: cases, every captured field, decisions,
actions, notes, lessons, slow questions and precedents.

Every searchable row gives one document in `search_docs` (its kind, where it comes from,
a label and its words); the store keeps the documents current as it saves and deletes.
One FTS5 index reads the documents: words, found by their start too (`armoe` finds
"armoede"; no prefix tables: they tripled the index for no speed a group notices). A word
inside a Dutch compound is found too ("armoede" finds "kinderarmoede") through the
vocabulary: every word the index holds once in `search_terms`, with a trigram index over
those words only. The words that hold a typed word are looked up there and searched for
in the word index, at half the weight of a word found by its start. (Until issue 27 a
trigram index over every document did that: a third of the database.) Hits are ranked by
the index's `rank` (bm25); snippets are made for the hits shown only.

A document holds only what search needs (issue 27, where the documents were a quarter of
the file and half of them ids): no key of its own, as the row's id is one (an entry's is
its uuid5 of item and field, `keys.entry_id`); ids in their 16 bytes, not 36 characters
of text; the meeting, which gives the group and date; the group only where no meeting
gives it; the agenda item only where it is not the row itself. The words are kept once
beside the index, not given to FTS5 to keep a second copy: the index reads them from
the documents (external content). Why keep that copy and not read the words from the rows
themselves: a captured field's words are made by its field type in Python
(`fields.search_text`) from a JSON value and the method copy, which no SQL view can
give; and a contentless index needs a removed document's old words given back
exactly, or it keeps finding them (an edited note found by the words taken out of it).

A search is one FTS5 pass per match: the words by their start, and, only where the
vocabulary holds a compound of a typed word, the compounds (of one typed word: the
compounds alone, its start being the first pass's). Narrowed by kind or group, a pass is
ranked by FTS5 itself through the join that filters (`_filtered`); a search of everything
is ranked and cut by SQLite without reading a document, the practice runs' documents left
out by their ids (`_best`). Both passes, their merge and the documents kept are one SQL
query (`_ranked`). The snippets are made here, from the text of a hit when its snippet
is read (`Hit`), exactly as FTS5's snippet() makes them (`snippet`): snippet() runs the
match again, and a word found by its start is read from every word starting so in the
index, which for a common word cost as much as the search itself. What a snippet
costs in Python is kept to the words found (issue 27: fifty snippets were most of a
search of 1,000 meetings): they are found by str.find in the text folded as the index
folds it, and of a long text only the words near them are placed (`_Words`), counted in C
over a string of its letters' classes; bench/search_same.py checks that the snippets
stay FTS5's.

User text never reaches FTS5 as syntax: a query is cut into words and each word is
quoted, so quotes, `*`, `-`, `NEAR` or `AND` are searched for as text, never obeyed."""

from __future__ import annotations

import bisect
import functools
import json
import re
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..i18n import N_, _, format_date
from ..models import PRACTICE_GROUP_ID
from ..text.terminal import one_line
from .keys import entry_id

# Highlighted words in a snippet sit between these two marks (private-use characters:
# no user text contains them, and no terminal obeys them).
MARK_START, MARK_END = "\ue000", "\ue001"
ELLIPSIS = "…"

# The kinds of document, in the words a user types after --kind; the label is shown.
KINDS: dict[str, str] = {
    "case": N_("case"),
    "field": N_("captured"),
    "decision": N_("decision"),
    "action": N_("action"),
    "note": N_("note"),
    "lesson": N_("lesson"),
    "slow-question": N_("slow question"),
    "precedent": N_("precedent"),
    "voornemen": N_("intention"),
}

# A word found by its start weighs fully; a word that holds the typed one (a compound)
# half: a whole word found ranks above a piece of one, and a document found both ways
# ranks highest.
TRIGRAM_WEIGHT = 0.5
SNIPPET = 16  # a snippet's length in words
CANDIDATES = 500  # per query, before the two lists are merged and cut
COMPOUNDS = 200  # at most this many words that hold a typed word are searched for


# The documents: what a hit shows and the search filters on, and the words. Ids are kept
# in 16 bytes, a row's own id is its document's key (unique), the group only where no
# meeting gives it (issue 27: the documents were a quarter of the file, half of it ids).
DOCS = """create table if not exists {name} (
    id integer primary key,
    kind text not null,
    ref blob not null unique,  -- the source row's id (an entry's: keys.entry_id), packed
    session blob,  -- its meeting's id, when it has one
    grp blob,  -- its group's id, only when no meeting gives it
    item blob,  -- its agenda item's id, when that is not the row itself
    label text not null default '',
    text text not null default '')"""


# The documents by their meeting, or their group where no meeting gives it: a search of
# everything leaves out the practice runs' documents by their ids (`_practice_documents`),
# read through this; not by reading every candidate's document (issue 27). About half a
# kilobyte a meeting. Made by its own migration (schema._migrate_search_place): `schema`
# serves older migrations too, whose documents had no `session` column yet.
PLACE_INDEX = ("create index if not exists search_docs_place on search_docs "
               "(coalesce(session, grp))")


def index_triggers(index: str) -> list[str]:
    """The triggers that keep the word index `index` in step with `search_docs` (an index
    with the documents as its external content)."""
    add = f"insert into {index} (rowid, label, text) values (new.id, new.label, new.text);"
    remove = (f"insert into {index} ({index}, rowid, label, text) "
              "values ('delete', old.id, old.label, old.text);")
    return [f"create trigger if not exists {index}_ai after insert on search_docs "
            f"begin {add} end",
            f"create trigger if not exists {index}_ad after delete on search_docs "
            f"begin {remove} end",
            f"create trigger if not exists {index}_au after update on search_docs "
            f"begin {remove} {add} end"]


def schema(conn: sqlite3.Connection) -> None:
    """The documents table, its word index and the triggers that keep it in step; the
    vocabulary of that index and its trigram index."""
    # One statement at a time: executescript would commit the migration's transaction.
    statements = [
        DOCS.format(name="search_docs"),
        """create virtual table if not exists search_words using fts5(
            label, text, content='search_docs', content_rowid='id',
            tokenize="unicode61 remove_diacritics 2")""",
        "create virtual table if not exists search_words_vocab using fts5vocab(search_words, "
        "'row')",
        "create table if not exists search_terms (id integer primary key, term text not null "
        "unique)",
        """create virtual table if not exists search_terms_tri using fts5(
            term, content='search_terms', content_rowid='id', tokenize='trigram')""",
        "create trigger if not exists search_terms_ai after insert on search_terms begin "
        "insert into search_terms_tri (rowid, term) values (new.id, new.term); end",
    ]
    for statement in statements + index_triggers("search_words"):
        conn.execute(statement)
    set_rank(conn)


# --- documents ------------------------------------------------------------------------


def packed(id: str | None) -> bytes | str | None:
    """An id as a document keeps it: a uuid in its 16 bytes (not its 36 characters of
    text), any other id as it is."""
    if id is None:
        return None
    try:
        value = uuid.UUID(id)
    except (ValueError, TypeError, AttributeError):
        return id
    return value.bytes if str(value) == id else id


def unpacked(value: bytes | str | None) -> str | None:
    """An id as a document keeps it, as the rows have it."""
    return str(uuid.UUID(bytes=value)) if isinstance(value, bytes) else value


def as_text(column: str) -> str:
    """SQL of a packed id column as the rows' text (SQLite 3.40 has no unhex(): the join
    to a meeting goes this way)."""
    h = f"hex({column})"
    return (f"(case when typeof({column}) = 'blob' then lower(substr({h}, 1, 8) || '-' || "
            f"substr({h}, 9, 4) || '-' || substr({h}, 13, 4) || '-' || substr({h}, 17, 4) "
            f"|| '-' || substr({h}, 21)) else {column} end)")


@dataclass(frozen=True)
class Document:
    kind: str
    ref_id: str  # the source row's id (an entry's own id: `keys.entry_id`)
    label: str
    text: str
    group_id: str | None = None
    session_id: str | None = None
    item_id: str | None = None

    def row(self) -> dict[str, Any]:
        """The document as stored: ids packed, the group only where no meeting gives it,
        the agenda item only where it is not the row itself."""
        return {"kind": self.kind, "ref": packed(self.ref_id),
                "session": packed(self.session_id),
                "grp": packed(self.group_id) if self.session_id is None else None,
                "item": packed(self.item_id) if self.item_id != self.ref_id else None,
                "label": self.label, "text": self.text}


# Captured fields that show a copy of records searched on their own, and the columns they
# copy: a review's closing round shows the meeting's voornemens (memory/intentions.py:
# CLOSING_ROUND, COLUMNS), each found as a voornemen. Its document leaves those columns
# out, or every voornemen said in a review was listed twice (once more in every other
# review of the meeting); a column a group's own method adds is still found there.
RECORD_COPIES: dict[str, tuple[str, ...]] = {"closing_round": ("learned", "intention")}


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) and value[:1] in "[{" else value


def _strings(value: Any) -> str:
    """Every string inside a JSON value, one a line: the words of a value of unknown type."""
    if isinstance(value, dict):
        return "\n".join(filter(None, (_strings(v) for v in value.values())))
    if isinstance(value, list):
        return "\n".join(filter(None, (_strings(v) for v in value)))
    return value.strip() if isinstance(value, str) else ""


def _lines(*parts: Any) -> str:
    return "\n".join(str(p).strip() for p in parts if p is not None and str(p).strip())


def _simple(kind: str, label_of: Callable[[dict], str], text_of: Callable[[dict], str]):
    def build(table: str, row: dict[str, Any]) -> Document:
        return Document(kind=kind, ref_id=row["id"], label=label_of(row) or "", text=text_of(row) or "",
                        group_id=row.get("group_id"), session_id=row.get("session_id"),
                        item_id=row.get("item_id"))
    return build


def _agenda_item(table: str, row: dict[str, Any]) -> Document:
    return Document(kind="note", ref_id=row["id"], label=row.get("title") or "", text=row.get("notes") or "",
                    session_id=row.get("session_id"), item_id=row["id"])


def _slow_question_text(row: dict[str, Any]) -> str:
    history = _json(row.get("history")) or []
    return _lines(row.get("question"), row.get("wording"),
                  *[_lines(h.get("wording"), *(h.get("added") or []), *(h.get("left_open") or []))
                    for h in history])


def _precedent_text(row: dict[str, Any]) -> str:
    values = _json(row.get("values")) or []
    return _lines(row.get("dilemma"), ", ".join(values), row.get("choice"), row.get("why"))


# Source table -> how one of its rows becomes a document. Entries are built apart
# (`entry_document`): their words depend on the field's type.
BUILDERS: dict[str, Callable[[str, dict[str, Any]], Document]] = {
    "cases": _simple("case", lambda r: r.get("title"), lambda r: r.get("body")),
    "decisions": _simple("decision", lambda r: "", lambda r: r.get("text")),
    "actions": _simple("action", lambda r: r.get("owner"), lambda r: r.get("what")),
    "agenda_items": _agenda_item,
    "lessons": _simple("lesson", lambda r: ", ".join(_json(r.get("themes")) or []),
                       lambda r: r.get("text")),
    "slow_questions": _simple("slow-question", lambda r: ", ".join(_json(r.get("themes")) or []),
                              _slow_question_text),
    "precedents": _simple("precedent", lambda r: r.get("title"), _precedent_text),
    "intentions": _simple("voornemen", lambda r: "", lambda r: _lines(
        r.get("learned"), r.get("intention"), r.get("answer"))),
}


def document(table: str, row: dict[str, Any]) -> Document | None:
    """The document of a stored row, or None when the table is not searched."""
    build = BUILDERS.get(table)
    return build(table, row) if build else None


def entry_document(item_id: str, field_key: str, value: Any, session_id: str | None,
                   method: dict[str, Any] | None) -> Document:
    """A captured field as a document: its words through its type's `search_text`, and
    its label from the method copy the review ran with (any strings when unknown)."""
    from ..fields import search_text
    from ..models import StepField

    spec = None
    for step in (method or {}).get("steps", []):
        spec = next((f for f in step.get("fields", []) if f.get("key") == field_key), None)
        if spec:
            break
    label, text, copied = field_key, "", ()
    if spec is not None:
        try:
            field = StepField.model_validate(spec)
            label = field.label.get("nl") or field.label.get("en") or field_key
            copied = RECORD_COPIES.get(field_key, ()) if field.type == "per_participant" else ()
            if copied:  # the records' own documents hold these columns
                field = field.model_copy(update={"columns": [
                    c for c in field.columns if c.key not in copied]})
            text = search_text(value, field)
        except (ValueError, TypeError):
            text = ""
    if not text and not copied:
        text = _strings(value)
    return Document(kind="field", ref_id=entry_id(item_id, field_key), label=label,
                    text=text, session_id=session_id, item_id=item_id)


def rebuild(conn: sqlite3.Connection,
            progress: Callable[[int, int | None], None] | None = None) -> None:
    """Make every document anew from the stored rows (a migration, or a repair);
    `progress(done, total)`, when given, is told the rows read so far, now and then."""
    conn.execute("delete from search_docs")
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    sources = {table: "agenda_item_rows" if table == "agenda_items" else table
               for table in BUILDERS if table in tables}
    if "entries" in tables:
        sources["entries"] = "entries"
    total = sum(conn.execute(f"select count(*) from {source}").fetchone()[0]
                for source in sources.values()) if progress is not None else None
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    for table in BUILDERS:
        if table not in tables:
            continue
        cursor = conn.execute(f"select * from {sources[table]}")
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(1000):
            docs = [document(table, dict(zip(names, values))) for values in batch]
            write(conn, [d for d in docs if d], vocabulary=False)
            step(len(batch))
    if "entries" in tables:
        methods: dict[str, Any] = {}
        rows = conn.execute(
            "select e.item_id, e.field_key, e.value, a.session_id, a.method_hash "
            "from entries e join agenda_items a on a.id = e.item_id").fetchall()
        for n, (item_id, key, value, session_id, digest) in enumerate(rows, 1):
            if digest and digest not in methods:
                found = conn.execute("select method from method_copies where hash = ?",
                                     [digest]).fetchone()
                methods[digest] = json.loads(found[0]) if found else None
            write(conn, [entry_document(item_id, key, json.loads(value), session_id,
                                        methods.get(digest))], vocabulary=False)
            if n % 1000 == 0 or n == len(rows):
                step(n % 1000 or 1000)
    conn.execute("insert into search_words (search_words) values ('optimize')")
    fill_terms(conn, anew=True)


def fill_terms(conn: sqlite3.Connection, anew: bool = False) -> None:
    """Every word the index holds into the vocabulary, as the index cut it. `anew`: the
    words no document holds any more go (a rebuild after an erase or a purge: the words
    of a removed text are not kept in the vocabulary either)."""
    if anew:
        conn.execute("insert into search_terms_tri (search_terms_tri) values ('delete-all')")
        conn.execute("delete from search_terms")
    conn.execute("insert or ignore into search_terms (term) select term from "
                 "search_words_vocab")
    if anew:
        conn.execute("insert into search_terms_tri (search_terms_tri) values ('optimize')")


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def term(word: str) -> str:
    """A word as the word index keeps it (unicode61, remove_diacritics 2): lower case,
    without its accents."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(*texts: str) -> set[str]:
    return {term(word) for text in texts for word in _TOKEN.findall(text or "")}


def write(conn: sqlite3.Connection, docs: Iterable[Document], vocabulary: bool = True) -> None:
    """Store documents (replacing those of the same row); one without text is removed.
    Their words join the vocabulary (`rebuild` adds them all at its end instead)."""
    for doc in docs:
        if not doc.text.strip():
            remove(conn, [doc.ref_id])
            continue
        conn.execute(
            "insert into search_docs (kind, ref, session, grp, item, label, text) values "
            "(:kind, :ref, :session, :grp, :item, :label, :text) on conflict (ref) do update "
            "set kind = excluded.kind, session = excluded.session, grp = excluded.grp, "
            "item = excluded.item, label = excluded.label, text = excluded.text "
            "where label is not excluded.label or text is not excluded.text or "
            "grp is not excluded.grp or session is not excluded.session or "
            "item is not excluded.item", doc.row())
        if vocabulary:
            conn.executemany("insert or ignore into search_terms (term) values (?)",
                             [(t,) for t in terms(doc.label, doc.text)])


def remove(conn: sqlite3.Connection, ref_ids: Iterable[str]) -> None:
    """The documents of these rows (by the row's id; an entry's is `keys.entry_id`) go."""
    conn.executemany("delete from search_docs where ref = ?", [(packed(r),) for r in ref_ids])


# --- queries ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(text: str) -> list[str]:
    """The words of what a user typed; everything else (FTS syntax too) is a separator."""
    return _WORD.findall(text or "")


def word_query(words: list[str]) -> str:
    """Every word must occur, each as a prefix; quoted, so no word is an operator."""
    return " ".join(f'"{w}"*' for w in words)


def compounds(conn: sqlite3.Connection, words: list[str]) -> list[list[str]] | None:
    """For each word, the words of the vocabulary that hold it inside (not at their
    start: those the word finds by its start), found through the vocabulary's trigram
    index; None when no word is held by another, or a word is too short for trigrams."""
    if not words or any(len(w) < 3 for w in words):
        return None  # a trigram index cannot find a piece shorter than three letters
    found = []
    for word in words:
        typed = term(word)
        holding = [row[0] for row in conn.execute(  # in order: the same query, and the
            # same scores, whatever order the vocabulary was written in
            "select term from search_terms_tri where search_terms_tri match ? order by term "
            "limit ?", [f'"{typed}"', COMPOUNDS])]
        found.append([t for t in holding if not t.startswith(typed)])
    return found if any(found) else None


def compound_query(words: list[str], holding: list[list[str]]) -> str:
    """Every word must occur inside a word: one word, as one of the words that hold it
    (what its start finds is the word query's); more words, each by its start or as one
    of the words that hold it, at least one of them so (FTS5 has no cheaper way to say
    that: the word query's documents are found again here, and count twice)."""
    if len(words) == 1:
        return " OR ".join(f'"{t}"' for t in holding[0])
    parts = []
    for word, inside in zip(words, holding):
        either = [f'"{term(word)}"*'] + [f'"{t}"' for t in inside]
        parts.append(f"({' OR '.join(either)})" if inside else either[0])
    return " AND ".join(parts)


# --- snippets ---------------------------------------------------------------------------
# A snippet is made here from the text of a hit shown, as FTS5's snippet() makes it
# (fts5_aux.c: the window of SNIPPET words with the most words found, the most different
# ones first; a sentence's start preferred), not by the index: snippet() runs the match
# again, and a word found by its start is read from every word that starts so, for a
# common word as long as the search itself.

_SENTENCE_END = re.compile(r"[.:][ \t\n\r]+")


def _folded(text: str) -> str | None:
    """The text with its words as the index keeps them (`term`), letter for letter at the
    same places; None where folding a letter gives more or fewer letters than one."""
    lowered = text.lower()
    if text.isascii():
        return lowered
    if len(lowered) != len(text):
        return None
    for c in set(_NON_ASCII.findall(lowered)):  # a few letters, each replaced at once
        if c not in _FOLDS:
            folded = term(c)
            _FOLDS[c] = (c if not c.isalnum() else  # a separator ("…") is no word
                         folded if len(folded) == 1 and folded.isalnum() else None)
        if _FOLDS[c] is None:
            return None
        if _FOLDS[c] != c:
            lowered = lowered.replace(c, _FOLDS[c])
    return lowered


_FOLDS: dict[str, str | None] = {}  # a letter as the index folds it, where one letter
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Of each ASCII character, whether it is a letter or digit (as _TOKEN: "a") or not (" "):
# the words of a text counted and placed in C, not one match object a word.
_ASCII_CLASSES = bytes(97 if chr(i).isalnum() else 32 for i in range(128)) + b" " * 128
_RUN = re.compile(rb"a+")


def _classes(folded: str) -> bytes | None:
    """Of each character of a folded text, "a" where it is a letter or digit, " " where
    not; None where a letter is not ASCII (the words are then read by _TOKEN)."""
    if folded.isascii():
        return folded.encode("ascii").translate(_ASCII_CLASSES)
    if any(c.isalnum() for c in set(_NON_ASCII.findall(folded))):
        return None
    return folded.encode("ascii", "replace").translate(_ASCII_CLASSES)  # "…" is no word


@functools.lru_cache(maxsize=64)
def _matcher(phrases: tuple[tuple[str, bool], ...]) -> tuple[re.Pattern[str], bool]:
    """The words found, as one expression, and whether a match must still be checked to
    start a word. Where every phrase is letters and digits, the expression does not ask
    at every character whether a word starts there (a look-behind: three quarters of the
    time of a snippet); a match inside a word is left out afterwards instead, and never
    hides one that starts a word, as it runs over letters and digits only."""
    word = "[^\\W_]"  # a letter or digit, as _TOKEN
    either = "|".join(f"({re.escape(p)}{word}*)" if prefix else f"({re.escape(p)}(?!{word}))"
                      for p, prefix in phrases)
    if all(p.isalnum() for p, _prefix in phrases):
        return re.compile(f"(?:{either})"), True
    return re.compile(f"(?<!{word})(?:{either})"), False


def _found(text: str, phrases: list[tuple[str, bool]], size: int
           ) -> tuple[list[int], list[int], list[int]]:
    """Where each word of the text starts; the words found (their place among the words)
    and the phrase each was found by, the first that finds it. A text of `size` words or
    fewer is shown whole: of it, only where the words found start, each its own place."""
    folded = _folded(text)
    if folded is None:  # word by word
        starts, found, phrase_of = [], [], []
        for n, m in enumerate(_TOKEN.finditer(text)):
            starts.append(m.start())
            word = term(m.group())
            for i, (p, prefix) in enumerate(phrases):
                if word.startswith(p) if prefix else word == p:
                    found.append(n)
                    phrase_of.append(i)
                    break
        return starts, found, phrase_of
    classes = _classes(folded)
    if classes is not None and all(p.isalnum() for p, _prefix in phrases):
        places, phrase_of = _places(folded, classes, phrases)
    else:
        pattern, check = _matcher(tuple(phrases))
        matches = list(pattern.finditer(folded))
        if check:
            matches = [m for m in matches if not m.start() or not folded[m.start() - 1].isalnum()]
        places, phrase_of = [m.start() for m in matches], [m.lastindex - 1 for m in matches]
    count = len(classes.split()) if classes is not None else len(_TOKEN.findall(folded))
    if count <= size:  # all of it shown: only the words found
        return places, list(range(len(places))), [0] * len(places)
    if classes is None:
        starts = [m.start() for m in _TOKEN.finditer(folded)]
        return starts, [bisect.bisect_left(starts, at) for at in places], phrase_of
    words = _Words(classes, count)
    return words, words.indexes(places), phrase_of


def _places(folded: str, classes: bytes, phrases: list[tuple[str, bool]]
            ) -> tuple[list[int], list[int]]:
    """Where the words found start, in order, and the phrase each was found by (the first
    that finds it), found by str.find: as `_matcher`'s expression finds them where every
    phrase is letters and digits (a found word is then one word, from its start), without
    compiling one (a fifth of a millisecond, once per search)."""
    first: dict[int, int] = {}
    end = len(classes)
    for i, (p, prefix) in enumerate(phrases):
        at = folded.find(p)
        while at >= 0:
            after = at + len(p)
            if (not at or classes[at - 1] == 32) and (
                    prefix or after == end or classes[after] == 32):
                first.setdefault(at, i)
            at = folded.find(p, at + 1)
    places = sorted(first)
    return places, [first[at] for at in places]


class _Words:
    """Where the words of a long text start, found as a snippet asks for them: near the
    words found only (a text's every word placed was most of a snippet's time). Counted
    in C over the text's classes (`_classes`): a word starts where " a" is in them with a
    space put before."""

    def __init__(self, classes: bytes, count: int):
        self.marks = b" " + classes  # a word starting at i has " a" at i here
        self.count = count
        self.known: dict[int, int] = {}  # word -> where it starts

    def __len__(self) -> int:
        return self.count

    def indexes(self, places: list[int]) -> list[int]:
        """Of word starts in order, the place of each among the words (each learned)."""
        found, total, low = [], 0, 0
        for at in places:
            total += self.marks.count(b" a", low, at + 1)  # the words starting before it
            low = at
            self.known[total] = at
            found.append(total)
        return found

    def sentence_starts(self, text: str, before: int) -> list[int]:
        """The words after ". " or ": " that start at or before the character `before`."""
        found, total, low = [], 0, 0
        for m in _SENTENCE_END.finditer(text, 0, before + 1):
            at = m.end()
            if self.marks.startswith(b" a", at):
                total += self.marks.count(b" a", low, at + 1)
                low = at
                self.known[total] = at
                found.append(total)
        return found

    def __getitem__(self, n: int) -> int:
        if n not in self.known:  # walked to from the nearest word known
            below = max((k for k in self.known if k < n), default=None)
            above = min((k for k in self.known if k > n), default=None)
            if below is None and above is None:
                below, self.known[0] = 0, self.marks.find(b" a")
            if above is None or (below is not None and n - below <= above - n):
                at = self.known[below]
                for _step in range(n - below):
                    at = self.marks.find(b" a", at + 1)
            else:
                at = self.known[above]
                for _step in range(above - n):
                    at = self.marks.rfind(b" a", 0, at)
            self.known[n] = at
        return self.known[n]


def snippet(text: str, phrases: list[tuple[str, bool]], size: int = 16,
            found_in: tuple | None = None) -> str:
    """`text` cut to `size` words around the words found, each between MARK_START and
    MARK_END; `phrases` are (term, by its start) as `term()` gives them. `found_in`: what
    `_found(text, phrases, size)` gave, where it was asked already. It is marked where a
    word is found at all: the window is placed on the words found."""
    starts, found, phrase_of = (found_in or _found(text, phrases, size) if phrases
                                else ([], [], []))
    if not phrases:
        starts = [m.start() for m in _TOKEN.finditer(text)]
    count = len(starts)  # of a text shown whole, the words found: it starts at its start

    def score(at: int) -> tuple[int, int, int]:
        seen: set[int] = set()
        points, first, last = 0, -1, 0
        for k in range(bisect.bisect_left(found, at), bisect.bisect_left(found, at + size)):
            points += 1 if phrase_of[k] in seen else 1000
            seen.add(phrase_of[k])
            first = found[k] if first < 0 else first
            last = found[k] + 1
        return points, first, last

    firsts = [0]  # the words that start a sentence: after ". " or ": "
    if count > size and found and isinstance(starts, _Words):
        firsts += [n for n in starts.sentence_starts(text, starts[found[-1]]) if 0 < n < count]
    elif count > size and found:
        for m in _SENTENCE_END.finditer(text):
            n = bisect.bisect_left(starts, m.end())
            if 0 < n < count and starts[n] == m.end():
                firsts.append(n)
    best, start = 0, 0
    for n in found:
        points, first, last = score(n)
        if points > best:
            best, start = points, max(0, min(first - (size - (last - first)) // 2,
                                             count - size))
        if count > size:  # the start of the sentence this word is in, if it is near
            sentence = firsts[bisect.bisect_right(firsts, n) - 1]
            if sentence < n:
                points = score(sentence)[0] + (120 if sentence == 0 else 100)
                if points > best:
                    best, start = points, sentence
    end = start + size - 1
    out, offset = [ELLIPSIS] if start > 0 else [], starts[start] if start > 0 else 0
    for n in found[bisect.bisect_left(found, start):bisect.bisect_right(found, end)]:
        begin = starts[n]
        stop = _TOKEN.match(text, begin).end()
        out += [text[offset:begin], MARK_START, text[begin:stop], MARK_END]
        offset = stop
    if end >= count - 1:
        out.append(text[offset:])
    else:
        out += [text[offset:_TOKEN.match(text, starts[end]).end()], ELLIPSIS]
    return "".join(out)


@dataclass(frozen=True)
class Hit:
    """One document found. A hit of `search` makes its snippet when `snippet` is first
    read (from the text it was found with, which it keeps until then): a caller that
    shows a page of hits makes that page's snippets only (issue 27: fifty snippets were a
    millisecond or more of a search of 1,000 meetings, where a screen shows a dozen). Read
    or not, a hit equals, hashes and shows as one made with its snippet (`Hit(...)`)."""

    kind: str
    ref_id: str | None
    label: str
    snippet: str  # the matching part, found words between MARK_START and MARK_END
    score: float  # lower is better (bm25 is negative)
    session_id: str | None
    session_title: str | None
    date: str | None  # ISO date of the meeting
    group_id: str | None
    group_name: str | None
    item_id: str | None

    def __getattr__(self, name: str) -> Any:
        # Only asked for what the instance does not hold: a hit of `search` holds no
        # snippet until it is read, but what it is made of (`_unmade`).
        unmade = self.__dict__.get("_unmade")
        if name != "snippet" or unmade is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        made = _hit_snippet(*unmade)
        self.__dict__["snippet"] = made  # as a frozen dataclass's own fields are stored
        self.__dict__.pop("_unmade", None)
        return made


def kind_label(kind: str) -> str:
    """What a kind of hit is called, in the interface language."""
    return _(KINDS.get(kind, kind))


def hit_heading(hit: Hit) -> str:
    """What a hit is and where it comes from, on one line, as the command line and the
    app show it: kind: label · group · date · meeting."""
    kind = kind_label(hit.kind)
    parts = [f"{kind}: {hit.label}" if hit.label else kind, hit.group_name,
             format_date(hit.date), hit.session_title]
    return " · ".join(one_line(part) for part in parts if part)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, highlighted) pieces, for a terminal to style."""
    parts: list[tuple[str, bool]] = []
    for n, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if piece:
            parts.append((piece, n % 2 == 1))
    return parts


def plain_snippet(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


# The index ranks by its own `rank` (bm25 with the label weighing half the text), set in
# its configuration: two to three times faster than ordering by a bm25() call through the
# join that filters the documents (`_filtered`). Without that join, SQLite ordering and
# cutting a bm25() call itself is faster still (`_best`): the same function, the same
# numbers.
RANK = "bm25(0.5, 1.0)"
RANK_CALL = RANK.replace("(", "(search_words, ", 1)


def set_rank(conn: sqlite3.Connection) -> None:
    """The index's rank configured, where it is not yet (a write changes the index)."""
    for index in ("search_words",):
        if conn.execute(f"select v from {index}_config where k = 'rank'").fetchone() != (RANK,):
            conn.execute(f"insert into {index} ({index}, rank) values ('rank', ?)", [RANK])


def _filtered(weight: float, limit: int, kinds: list[str], group_id: str | None,
              practice: str) -> tuple[str, list[Any]]:
    """SQL of the best documents of one match of a search narrowed by kind or group, and
    its arguments after the match: (id, rank times `weight`), best first. FTS5 ranks them
    itself (it keeps `order by rank` through the join that filters them). `practice`: the
    practice runs' meetings (hex of their packed ids, a JSON list), left out unless a
    group is asked for."""
    where, args = ["search_words match ?"], []
    meeting = ""
    if kinds:
        where.append(f"d.kind in ({', '.join('?' for _ in kinds)})")
        args += kinds
    if group_id:  # a meeting's group, or the row's own where it has no meeting
        meeting = f"left join sessions s on s.id = {as_text('d.session')}"
        where.append("(s.group_id = ? or d.grp = ?)")
        args += [group_id, packed(group_id)]
    else:  # a student's practice run is no part of any group's memory; by its meetings'
        # ids (a few), not a join to every hit's meeting
        where.append("hex(d.session) not in (select value from json_each(?)) and "
                     "coalesce(d.grp, '') != ?")
        args += [practice, packed(PRACTICE_GROUP_ID)]
    sql = (
        f"select d.id as id, {weight!r} * search_words.rank as score from search_words "
        f"join search_docs d on d.id = search_words.rowid {meeting} "
        f"where {' and '.join(where)} order by search_words.rank limit {int(limit)}")
    return sql, args


def _best(weight: float, limit: int, left_out: list[int]) -> tuple[str, list[Any]]:
    """SQL of the best documents of one match of a search of everything, and its arguments
    after the match: (id, rank times `weight`), best first, none of `left_out` (the
    practice runs' documents). Ranked by a bm25() call and cut by SQLite, which keeps the
    best `limit` as it reads (FTS5's `order by rank` sorts every match, then hands each
    over with its positions): the order is the rank's, ties by id as FTS5 gives them, and
    the documents are never read (issue 27: their join, to filter, was a third of a search
    of 1,000 meetings). Left out after the cut, of the first `limit` and as many more as
    there are to leave out: the same documents as leaving them out before it."""
    inner = (f"select rowid as id, {RANK_CALL} as r from search_words where search_words "
             f"match ? order by r, rowid limit {int(limit) + len(left_out)}")
    if not left_out:
        return f"select id, {weight!r} * r as score from ({inner})", []
    sql = (f"select id, {weight!r} * r as score from ({inner}) where id not in "
           f"(select value from json_each(?)) order by r, id limit {int(limit)}")
    return sql, [json.dumps(left_out)]


# What a hit needs of its document, after its id and score.
DOC_COLUMNS = ", d.kind, d.ref, d.label, d.session, d.grp, d.item, d.text"


def _ranked(conn: sqlite3.Connection, lists: list[tuple[str, str, list[Any]]],
            limit: int) -> list[tuple]:
    """The best `limit` documents of the matches, best first: id, score, then DOC_COLUMNS;
    `lists` are (match, the SQL of its best, its arguments after the match). One list:
    its first `limit`. Two: the first CANDIDATES of each, a document's score the sum of
    its weighted ranks, cut at `limit`; merged, ordered and cut by SQLite in the same
    query that reads the documents kept (issue 27: in Python the merge, and a second query
    for the documents, were a millisecond of a search of 1,000 meetings). Ties go by id,
    as they always went."""
    if len(lists) == 1:
        (match, sql, more), = lists
        return conn.execute(
            f"select c.id, c.score{DOC_COLUMNS} from ({sql}) c join search_docs d on "
            "d.id = c.id order by c.score, c.id", [match, *more]).fetchall()
    parts, args = [], []
    for match, sql, more in lists:
        parts.append(f"select * from ({sql})")
        args += [match, *more]
    # sum() of one or two ranks adds as Python did: 0.0 + r1 (+ r2), the same floats.
    return conn.execute(
        f"select m.id, m.score{DOC_COLUMNS} from (select id, sum(score) as score from "
        f"({' union all '.join(parts)}) group by id order by score, id limit {int(limit)}) m "
        "join search_docs d on d.id = m.id order by m.score, m.id", args).fetchall()


def _practice_documents(conn: sqlite3.Connection) -> list[int]:
    """The documents of the practice runs, by id: of their meetings, or the practice
    group's own (a document holds a group only where no meeting gives it). Read through
    the documents' index by meeting or group (`search_docs_place`)."""
    places = [packed(id) for (id,) in conn.execute(
        "select id from sessions where group_id = ?", [PRACTICE_GROUP_ID])]
    places.append(packed(PRACTICE_GROUP_ID))
    found: list[int] = []
    for at in range(0, len(places), 500):
        some = places[at:at + 500]
        found += [id for (id,) in conn.execute(
            "select id from search_docs where coalesce(session, grp) in "
            f"({', '.join('?' for _ in some)}) order by id", some)]
    return found


def _practice_meetings(conn: sqlite3.Connection) -> str:
    """The practice runs' meetings, as `_filtered` leaves them out."""
    ids = [packed(id) for (id,) in conn.execute("select id from sessions where group_id = ?",
                                                [PRACTICE_GROUP_ID])]
    return json.dumps([(id if isinstance(id, bytes) else id.encode()).hex().upper()
                       for id in ids])


def _as_text(value: bytes | str | None) -> str | None:
    """A packed id as the rows have it, as `as_text` makes it in SQL (four times faster
    here than there, where it was a third of reading the hits)."""
    if not isinstance(value, bytes):
        return value
    h = value.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _meetings(conn: sqlite3.Connection, sessions: set[str],
              groups: set[str]) -> tuple[dict[str, tuple], dict[str, str | None]]:
    """Of these meetings: title, date, group id and name; of these groups: name. One
    query, each row once."""
    meetings, names = {}, {}
    for is_meeting, id, title, date, group, name in conn.execute(
            "select 1, s.id, s.title, s.date, s.group_id, g.name from sessions s left join "
            "groups g on g.id = s.group_id where s.id in (select value from json_each(?)) "
            "union all select 0, id, null, null, id, name from groups where id in "
            "(select value from json_each(?))",
            [json.dumps(sorted(sessions)), json.dumps(sorted(groups))]):
        if is_meeting:
            meetings[id] = (title, date, group, name)
        else:
            names[id] = name
    return meetings, names


def search(conn: sqlite3.Connection, text: str, kinds: Iterable[str] = (),
           group_id: str | None = None, limit: int = 50) -> list[Hit]:
    """Documents that hold every word of `text` (as a word, a prefix or inside a
    compound), best first; `kinds` and `group_id` narrow the search. Each hit makes its
    snippet when it is read (`Hit`)."""
    words = query_words(text)
    if not words:
        return []
    kinds = list(kinds)
    holding = compounds(conn, words)
    # One list, cut where it is shown; two are merged, the first CANDIDATES of each.
    matches = [(word_query(words), 1.0)]
    if holding:
        matches.append((compound_query(words, holding), TRIGRAM_WEIGHT))
    cut = CANDIDATES if holding else limit
    if kinds or group_id:
        practice = "[]" if group_id else _practice_meetings(conn)
        lists = [(match, *_filtered(weight, cut, kinds, group_id, practice))
                 for match, weight in matches]
    else:
        left_out = _practice_documents(conn)
        lists = [(match, *_best(weight, cut, left_out)) for match, weight in matches]
    rows = _ranked(conn, lists, limit)
    if not rows:
        return []
    docs = [(score, kind, _as_text(ref), label, _as_text(session), _as_text(grp),
             _as_text(item), body)
            for _id, score, kind, ref, label, session, grp, item, body in rows]
    meetings, names = _meetings(conn, {d[4] for d in docs if d[4] is not None},
                              {d[5] for d in docs if d[5] is not None})
    # The snippet is of the text (the label is shown apart): of the words found by their
    # start, unless only a compound is marked in it ("kinderarmoede").
    typed = [(term(word), True) for word in words]
    inside = [(t, False) for found in holding or [] for t in found]
    hits = []
    for score, kind, ref, label, session, grp, item, body in docs:
        title, date, group, name = meetings.get(session, (None, None, None, None))
        if group is None:  # no meeting gives it: the document's own
            group, name = grp, names.get(grp)
        if kind == "note":
            item = ref  # a note is its agenda item's
        hits.append(_hit(kind=kind, ref_id=item if kind == "field" else ref, label=label,
                         _unmade=(body, typed, inside), score=score, session_id=session,
                         session_title=title, date=date, group_id=group, group_name=name,
                         item_id=item))
    return hits


def _hit_snippet(text: str, typed: list[tuple[str, bool]],
                 inside: list[tuple[str, bool]]) -> str:
    """A hit's snippet: of the words typed, found by their start; where none is in the
    text, of the compounds that hold them too. Whether one is, is asked before a snippet
    is made of them (a hit found by a compound only made that snippet for nothing)."""
    found = _found(text, typed, SNIPPET)
    if inside and not found[1]:
        either = snippet(text, typed + inside, SNIPPET)
        if MARK_START in either:
            return either
    return snippet(text, typed, SNIPPET, found)


def _hit(**fields: Any) -> Hit:
    """A Hit of every field, made without the frozen dataclass's __init__ (which sets each
    field through object.__setattr__: 5 µs a hit, a tenth of a rare word's search); equal,
    hashed and shown as one made by Hit(...). In place of `snippet`, `_unmade` may give
    what it is made of when read (`_hit_snippet`'s arguments)."""
    hit = Hit.__new__(Hit)
    hit.__dict__.update(fields)
    return hit
