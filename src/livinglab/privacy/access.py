"""A person's export (AVG art. 15, the right of access; issue 24): everything said by or
about one person, and nothing about anyone else.

What is theirs comes whole: the meetings they took part in (role, attendance), what they
wrote in a per-person round (their own five sentences in the dilemma round, with the
option they chose spelled out; their experience in a slow question's round; their answers
in the closing round), their voornemens and what became of them, the actions they own.
What others said about them comes as the sentences that name them, not the texts around.

Nothing in it names anyone else: every other name the scanner finds (the group's people,
its watched clients, any name by its form) becomes "[naam-1]", "[naam-2]" (the same
person the same number throughout the export), and every other identifier (address,
e-mail, phone, BSN, IBAN, date of birth) becomes its placeholder where it cannot be told
whose it is; in a text that names the person and no one else it is theirs, and stays.
Their own name stays.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ..i18n import pick, term
from ..models import PRACTICE_GROUP_ID, AgendaItem, Session
from ..storage.store import Store
from ..text.personal import NAME, PARTICLES, PLACEHOLDERS, KnownNames, scan, without_title
from ..meeting import queries as meeting_queries
from ..memory import queries as memory_queries
from . import queries as privacy_queries
from .erase import Eraser, is_form_of
from .retention import _mentions, _text_rows, every_session, texts_in

# A sentence ends at . ! ? before a space, but not after an initial ("F. Jansen") or a
# form of address ("mw. Jansen"); a line ends one too.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<![\s(][A-Z]\.)(?<!^[A-Z]\.)(?<!\bmw\.)(?<!\bdhr\.)(?<!\bdr\.)"
    r"(?<!\bmevr\.)(?<!\bmr\.)(?<!\bmrs\.)\s+|\s*\n\s*")


class Scrubber:
    """Other people's names and every identifier out of a text, `person`'s name kept."""

    def __init__(self, person: str, known_names: Iterable[str], lang: str = "nl"):
        self.person = person
        names = list(dict.fromkeys([person, *known_names]))
        self.known = KnownNames(names)
        # A shorter form of a known name is the same person: one number for both.
        self._whole = {name: max((n for n in names if is_form_of(name, n)), key=len,
                                 default=name) for name in names}
        # Then every word of another known name, in any case and wherever it stands
        # ("lotte heeft zich afgemeld", a case's slug): the scanner takes a name by its
        # capital, and a word too many is replaced rather than a name left.
        own = {w.lower() for w in re.split(r"[\s\-]+", person)}
        self._word_of: dict[str, str] = {}
        for name in names:
            whole = self._whole[name]
            if whole == person or is_form_of(name, person):
                continue
            for word in re.split(r"[\s\-]+", without_title(name)):
                if len(word) >= 2 and word.lower() not in PARTICLES | own:
                    self._word_of.setdefault(word.lower(), whole)
        words = sorted(self._word_of, key=len, reverse=True)
        self._others = re.compile(
            rf"(?<![\w\[])(?P<word>{'|'.join(map(re.escape, words))})(?:['’]s|['’]|s)?(?!\w)",
            re.IGNORECASE) if words else None
        self.labels = PLACEHOLDERS.get(lang, PLACEHOLDERS["nl"])
        self._numbered: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not text:
            return text
        findings = sorted(scan(text, self.known), key=lambda f: f.start)
        # A text that names the person and no one else: its address, date of birth and the
        # like are theirs, and an access export shows them (a client saw "[adres]" for her
        # own address). With anyone else named, they cannot be told whose they are.
        whose = {self._is_theirs(f) for f in findings if f.kind == NAME}
        theirs_alone = whose == {True} and not (self._others and self._others.search(text))
        out, pos = [], 0
        for finding in findings:
            if finding.start < pos:
                continue
            kept = theirs_alone and finding.kind != NAME
            out += [text[pos:finding.start],
                    finding.text if kept else self._placeholder(finding)]
            pos = finding.end
        text = "".join(out) + text[pos:]
        if self._others is None:
            return text
        return self._others.sub(
            lambda m: self._number(self._word_of[m.group("word").lower()]), text)

    def _number(self, key: str) -> str:
        if key not in self._numbered:
            self._numbered[key] = f"[{self.labels[NAME]}-{len(self._numbered) + 1}]"
        return self._numbered[key]

    def _is_theirs(self, finding) -> bool:
        who = self.known.person(without_title(finding.text))
        return bool(who) and (who == self.person or self._whole.get(who, who) == self.person)

    def _placeholder(self, finding) -> str:
        if finding.kind != NAME:
            return f"[{self.labels[finding.kind]}]"
        name = without_title(finding.text)
        if self._is_theirs(finding):
            return finding.text
        who = self.known.person(name)
        key = self._whole.get(who, who) if who else " ".join(
            re.sub(r"['’]s?$", "", name).lower().split())
        title = finding.text[:len(finding.text) - len(name)]
        return title + self._number(key)

    def walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list):
            return [self.walk(v) for v in value]
        if isinstance(value, dict):
            return {k: self.walk(v) for k, v in value.items()}
        return value


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _texts_of(text: str) -> Iterable[str]:
    """The texts in a stored text: itself, or the strings of the JSON it is."""
    if text[:1] in ("[", "{", '"'):
        try:
            yield from _strings(json.loads(text))
            return
        except ValueError:
            pass
    yield text


def sentences_naming(text: str, person: str, finder: KnownNames | None = None) -> list[str]:
    """The sentences (or lines) of `text` that name `person`."""
    finder = finder or KnownNames([person])
    return [s.strip() for part in _texts_of(text) for s in _SENTENCE_END.split(part)
            if s.strip() and _mentions(s, finder, person)]


def _fields_of(item: AgendaItem) -> dict[str, dict[str, Any]]:
    """The fields of an item's method copy by key: type, label, column labels."""
    found: dict[str, dict[str, Any]] = {}
    for step in (item.method_snapshot or {}).get("steps", []):
        for spec in step.get("fields", []):
            found.setdefault(spec["key"], spec)
    return found


def person_export(store: Store, person: str, lang: str = "nl") -> dict[str, Any]:
    """What the database holds of `person` (a full name `resolve_person` gave), as data
    to write to a file for them."""
    scrub = Scrubber(person, privacy_queries.all_known_names(store), lang)
    finder = KnownNames([person])
    person_ids = {r[0] for r in store.query(
        "select id from people where name = ? collate nocase", [person])}
    groups = {g.id: g for g in meeting_queries.groups(store)}
    sessions = {s.id: s for s in every_session(store)}  # a student's runs are theirs

    def meeting(session: Session | None) -> str:
        return scrub(f"{session.date.isoformat()} {session.title}") if session else "-"

    participation, own_words = [], []
    for session in sorted(sessions.values(), key=lambda s: s.date):
        theirs = [p for p, someone in meeting_queries.participants(store, session.id)
                  if someone.id in person_ids]
        if not theirs:
            continue
        group = groups.get(session.group_id)
        participation += [{
            "meeting": meeting(session), "group": group.name if group else "",
            "role": term(p.role, lang), "attendance": term(p.attendance, lang)} for p in theirs]
        own_words += _own_words(store, session, {p.id for p in theirs}, scrub, lang)
        if session.group_id == PRACTICE_GROUP_ID and len(
                meeting_queries.participants(store, session.id)) == len(theirs):
            own_words += _solo_answers(store, session, scrub, lang)

    intentions = [{
        "meeting": meeting(sessions.get(i.session_id)), "learned": scrub(i.learned),
        "intention": scrub(i.intention), "done": i.done, "answer": scrub(i.answer),
        "asked_in": meeting(sessions.get(i.followed_up_in)) if i.followed_up_in else None,
    } for i in memory_queries.intentions(store) if i.person_id in person_ids]

    def theirs(owner: str) -> bool:
        owner = owner.strip()
        return bool(owner) and (owner.lower() == person.lower() or finder.person(owner) == person)

    owned = [a for a in meeting_queries.actions(store) if theirs(a.owner)]
    events: dict[str, list] = {}
    for event in meeting_queries.action_events(store, [a.id for a in owned]):
        events.setdefault(event.action_id, []).append({
            "meeting": meeting(sessions.get(event.session_id)),
            "outcome": term(event.outcome, lang),
            "due": event.due.isoformat() if event.due else None,
            "new_owner": "" if not event.owner or theirs(event.owner) else scrub(event.owner),
            "reason": scrub(event.reason)})
    actions = [{
        "meeting": meeting(sessions.get(a.session_id)), "what": scrub(a.what),
        "due": a.due.isoformat() if a.due else None, "status": term(a.status, lang),
        "follow_up": events.get(a.id, [])} for a in owned]

    records = [{"where": group.name + ": watch list", "text": person}
               for group in groups.values()
               if any(n.lower() == person.lower()
                      for n in privacy_queries.watch_names(store, group.id))]
    quick = Eraser(person, lang)  # its test of a word of the name, before the scan
    for where, _row, field_name, text in _text_rows(store):
        if field_name in ("owner", "json:owner"):  # an action's owner: in `actions`
            continue
        said = sentences_naming(text, person, finder) if text and quick.mentions(text) else []
        if said:
            records.append({"where": scrub(where), "text": "\n".join(scrub(s) for s in said)})
    return {"person": person, "participation": participation, "own_words": own_words,
            "intentions": intentions, "actions": actions, "records": records}


def _own_words(store: Store, session: Session, participant_ids: set[str], scrub: Scrubber,
               lang: str) -> list[dict[str, Any]]:
    """What they wrote in the per-person rounds of a meeting's reviews, column by column."""
    found = []
    for item in meeting_queries.agenda(store, session.id):
        fields = _fields_of(item)
        entries = meeting_queries.entries(store, item.id)
        options = next((v for k, v in entries.items() if isinstance(v, dict)
                        and fields.get(k, {}).get("type") == "dilemma"), {})
        for key, value in entries.items():
            if not isinstance(value, dict):
                continue
            for participant_id in participant_ids & set(value):
                row = value[participant_id]
                if not isinstance(row, dict):
                    continue
                spec = fields.get(key, {})
                labels = {c["key"]: pick(c["label"], lang) for c in spec.get("columns", [])}
                answers = {}
                for column, text in row.items():
                    if not str(text).strip():
                        continue
                    if column == "choice" and str(text).strip().upper() in ("A", "B"):
                        option = options.get(str(text).strip().lower(), "")
                        text = f"{text.strip().upper()}: {option}" if option else text
                    answers[labels.get(column, column)] = scrub(str(text))
                if answers:
                    found.append({
                        "meeting": scrub(f"{session.date.isoformat()} {session.title}"),
                        "item": scrub(item.title),
                        "field": pick(spec["label"], lang) if spec.get("label") else key,
                        "answers": answers})
    return found


def _solo_answers(store: Store, session: Session, scrub: Scrubber,
                  lang: str) -> list[dict[str, Any]]:
    """A student's practice run alone: every answer in it is theirs, field by field."""
    found = []
    for item in meeting_queries.agenda(store, session.id):
        fields = _fields_of(item)
        for key, value in meeting_queries.entries(store, item.id).items():
            texts = [t for t in texts_in(value) if t.strip()]
            if texts:
                spec = fields.get(key, {})
                label = pick(spec["label"], lang) if spec.get("label") else key
                found.append({
                    "meeting": scrub(f"{session.date.isoformat()} {session.title}"),
                    "item": scrub(item.title), "field": label,
                    "answers": {label: scrub("\n".join(texts))}})
    return found


def count(export: dict[str, Any]) -> int:
    """How many things the export holds."""
    return sum(len(v) for v in export.values() if isinstance(v, list))
