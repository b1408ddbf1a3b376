"""Practice: a student rehearses a case alone or in a small group, then compares.

A practice run is a session of the practice group (`store.PRACTICE_GROUP_ID`) with one
case review and no roles; the store's lists of meetings, groups and actions leave that
group out, and a practice run registers no slow question, so nothing of it reaches a
group's meetings, minutes, actions or search. The method runs as it is, with a closing
reflection step added; after the last step of the method the case's facilitator notes
are revealed beside the student's answers, step by step, with how a group weighed the
same case where that group shared it (see `shared_weighing`).

Out of a run come a Markdown report for a portfolio (`report_markdown`), and a JSON
practice file (`practice_file`, validated by `PracticeFile`) that a teacher compares
with other students' files (`compare_markdown`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import i18n
from .fields import RenderContext, render_value
from .i18n import N_, _, format_date
from .methods import MethodLibrary, resolve_method
from .models import (
    Action,
    AgendaItem,
    AgendaKind,
    Case,
    CaseKind,
    Decision,
    Group,
    GroupKind,
    Method,
    Participant,
    Person,
    Role,
    Session,
    SessionStatus,
    Step,
    StepTime,
)
from .models import Precedent as PrecedentRecord
from .problems import load_problem, read_input_text
from .storage.refs import Noun, RefError, resolve
from .models import PRACTICE_GROUP_ID
from .storage.store import Store
from .text.markdown import block, bullets, inline, table
from .text.personal import Pseudonymiser
from .text.terminal import clean
from .live.workshop import Workshop
from .library import queries as case_queries
from .meeting import queries as meeting_queries
from .meeting.queries import practice_sessions
from .meeting.region import region_known, region_of, region_places
from .memory import queries as memory_queries
from .privacy import queries as privacy_queries

PRACTICE_GROUP_NAME = "Oefenen"
SOLO_METHOD_ID = "eigen-afweging"
REFLECTION_STEP_ID = "reflectie"
REFLECTION_KEYS = ("practice_noticed", "practice_weighed", "practice_next")

# The closing step every practice run ends with: data, like a method's steps.
REFLECTION_STEP = Step.model_validate({
    "id": REFLECTION_STEP_ID,
    "minutes": 5,
    "title": {"nl": "Reflectie", "en": "Reflection"},
    # (Said for a case without notes too: a student read of notes the case did not have.)
    "aim": {"nl": "Je kijkt terug op je eigen antwoorden, nu je de notities voor de "
                  "begeleider hebt gezien (als de casus ze heeft).",
            "en": "You look back on your own answers, now that you have seen the notes for "
                  "the facilitator (where the case has them)."},
    "questions": [
        {"nl": "Wat viel je op, in je eigen antwoorden (en in de notities, als die er zijn)?",
         "en": "What did you notice, in your own answers (and in the notes, if any)?"},
        {"nl": "Welke waarde woog voor jou het zwaarst?",
         "en": "Which value weighed most for you?"},
        {"nl": "Wat zou je de volgende keer anders doen?",
         "en": "What would you do differently next time?"},
    ],
    "tips": [
        {"nl": "Schrijf voor jezelf over een half jaar: wat wil je dan nog weten?",
         "en": "Write for yourself in half a year's time: what will you want to know then?"},
    ],
    "fields": [
        {"key": "practice_noticed", "type": "text",
         "label": {"nl": "Wat viel me op", "en": "What I noticed"}},
        {"key": "practice_weighed", "type": "text",
         "label": {"nl": "Welke waarde woog het zwaarst", "en": "The value that weighed most"}},
        {"key": "practice_next", "type": "text",
         "label": {"nl": "Wat ik de volgende keer anders doe",
                   "en": "What I would do differently next time"}},
    ],
})

_STEP_MENTION = re.compile(r"\b(?:stap|step)\s+(\d{1,2})\b", re.IGNORECASE)


class PracticeError(Exception):
    """A practice run that cannot be started or read, worded for the user."""


# --- starting and running --------------------------------------------------------------


def practice_method(method: Method) -> Method:
    """The method as a practice run uses it: no roles, the reflection step at the end."""
    steps = [s for s in method.steps if s.id != REFLECTION_STEP_ID] + [REFLECTION_STEP]
    return Method.model_validate({**method.model_dump(mode="json"), "roles": [],
                                  "steps": [s.model_dump(mode="json") for s in steps]})


def method_to_practise(case: Case | None, methods: MethodLibrary) -> str:
    """The method a practice run of `case` starts on: the short solo weighing for a moral
    dilemma (what it was made for) or a case that suggests none; else the method the case
    suggests (a student practising a tension met the six moral questions first)."""
    suggested = case.suggested_method if case else None
    if case is None or case.kind == CaseKind.DILEMMA or not suggested \
            or methods.get(suggested) is None:
        return SOLO_METHOD_ID
    return suggested


def practice_group(store: Store) -> Group:
    """The one group practice runs belong to, made on first use."""
    return store.get(Group, PRACTICE_GROUP_ID) or store.save(
        Group(id=PRACTICE_GROUP_ID, name=PRACTICE_GROUP_NAME, kind=GroupKind.CLASS))


def parse_students(text: str) -> list[str]:
    """Names typed as one line, separated by commas or semicolons; duplicates once."""
    names = [" ".join(part.split()) for part in re.split(r"[,;\n]", clean(text))]
    return list(dict.fromkeys(name for name in names if name))


def start_practice(store: Store, case_ref: str, method_id: str, methods: MethodLibrary,
                   students: list[str] = (), day: dt.date | None = None,
                   lang: str | None = None) -> Session:
    """Store a new practice run of a case by a method, for one or more students (no
    names: one student called 'Student'), titled in `lang`. PracticeError says what is
    wrong."""
    try:
        case = case_queries.find_case(store, case_ref)
    except RefError as e:
        raise PracticeError(str(e)) from None
    method = methods.get(method_id) if method_id else None
    if method is None:
        raise PracticeError(_("no method with id {id}").format(id=method_id))
    names = [n for n in (" ".join(clean(s).split()) for s in students) if n] or [_("Student", lang)]
    with store.transaction():
        practice_group(store)
        session = store.save(Session(
            title=f"{_('Practice', lang)}: {case.title}", group_id=PRACTICE_GROUP_ID,
            date=day or dt.date.today()))
        people = {p.name.casefold(): p for p in meeting_queries.people(store)}
        for name in dict.fromkeys(names):
            person = people.get(name.casefold()) or store.save(Person(name=name))
            store.save(Participant(session_id=session.id, person_id=person.id,
                                               role=Role.PARTICIPANT))
        store.save(AgendaItem(
            session_id=session.id, position=1, title=case.title, kind=AgendaKind.CASE_REVIEW,
            case_id=case.id, method_id=method.id,
            method_snapshot=practice_method(method).model_dump(mode="json")))
    return session


class PracticeWorkshop(Workshop):
    """The workshop of a practice run: it has no listeners, so nothing it captures reaches
    a group's memory (`capture.listeners_for` gives a practice session none either)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs, listeners=())

    @property
    def reveal_index(self) -> int:
        """The step the reveal comes before: the reflection step."""
        return len(self.method.steps) - 1

    @property
    def revealed(self) -> bool:
        """Whether the facilitator's notes are shown yet (`past_last_step`)."""
        return past_last_step(self.step_index, self.method,
                              self.session.status == SessionStatus.FINISHED)


def past_last_step(step_index: int, method: Method, finished: bool) -> bool:
    """Whether a run came past the last step of its method: the facilitator's notes and
    how a group weighed the case are shown from then on, in the app and in the report
    alike (a report printed halfway showed them: a student could read them first)."""
    return finished or step_index >= len(method.steps) - 1  # the reflection's index


# --- reading a run --------------------------------------------------------------------


@dataclass
class PracticeRecord:
    session: Session
    item: AgendaItem
    case: Case | None
    method: Method
    students: list[tuple[Participant, Person]]
    entries: dict[str, Any]
    actions: list[Action] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    step_times: dict[str, StepTime] = field(default_factory=dict)

    @property
    def answer_steps(self) -> list[Step]:
        return [s for s in self.method.steps if s.id != REFLECTION_STEP_ID]

    @property
    def finished(self) -> bool:
        return self.session.status == SessionStatus.FINISHED

    @property
    def revealed(self) -> bool:
        """Whether the facilitator's notes are shown yet (`past_last_step`)."""
        return past_last_step(self.item.current_step, self.method, self.finished)

    def minutes_spent(self) -> int | None:
        """From the start to the end of the run, in whole minutes (None while running)."""
        s = self.session
        if not (s.started_at and s.ended_at):
            return None
        return int((s.ended_at - s.started_at).total_seconds() // 60)

    def timer_minutes(self) -> int:
        """Minutes on the steps' timers (the timer is optional in practice)."""
        return round(sum(t.spent_seconds for t in self.step_times.values()) / 60)

    def context(self, lang: str) -> RenderContext:
        return RenderContext.for_meeting(self.students, lang).with_rows(self.actions,
                                                                        self.decisions)

    def answers(self, step: Step, lang: str,
                ctx: RenderContext | None = None) -> list[tuple[str, str, str]]:
        """(field key, label, Markdown) for every field of the step with content; with a
        shareable `ctx` (`shareable_context`), as the shareable report shows them."""
        here = lambda row: row.step_id in (step.id, None)  # noqa: E731 - rows of older runs have none
        ctx = (ctx or self.context(lang)).with_rows([a for a in self.actions if here(a)],
                                                    [d for d in self.decisions if here(d)])
        steps = self.answer_steps
        found = []
        for f in step.fields:
            rendered = render_value(self.entries.get(f.key), f, ctx)
            if not rendered:
                continue
            # A field several steps fill in (the polarity map, part by part) is shown once,
            # complete, at the last of them; before, the whole map stood under each step.
            last = max(n for n, s in enumerate(steps, 1) if any(g.key == f.key for g in s.fields))
            if steps[last - 1].id != step.id:
                rendered = "*" + i18n._("Shown once, complete, at step {number}.",
                                        lang).format(number=last) + "*"
            found.append((f.key, i18n.pick(f.label, lang), rendered))
        return found


def load_practice(store: Store, ref: str, methods: MethodLibrary | None = None) -> PracticeRecord:
    """A practice run by id, `latest` or a unique start of its id; StoreError (RefError)
    when there is none."""
    session = find_practice_session(store, ref)
    item = meeting_queries.agenda(store, session.id)[0]
    method = resolve_method(item, methods)
    return PracticeRecord(
        session=session, item=item, case=case_queries.case(store, item.case_id) if item.case_id else None,
        method=practice_method(method), students=meeting_queries.participants(store, session.id),
        entries=meeting_queries.entries(store, item.id), actions=meeting_queries.actions(store, item_id=item.id),
        decisions=meeting_queries.decisions(store, session.id, item_id=item.id),
        step_times=meeting_queries.step_times(store, item.id),
    )


def scrubbing_context(participants, lang: str, known_names, region) -> RenderContext:
    """A shareable context whose one pseudonymiser is told `region` (the places that may
    stay; see `meeting.region`): `participants` by their role, anyone else named and every
    other personal data a placeholder, places outside the region and where someone lives
    too (issue 24)."""
    ctx = RenderContext.for_meeting(participants, lang, shareable=True,
                                    known_names=list(known_names))
    return dataclasses.replace(ctx, scrub=Pseudonymiser(
        known_names, {person.name: ctx.role_labels[p.id] for p, person in participants},
        lang=lang, region=region))


def practice_region(store: Store, session: Session) -> tuple[Group | None, list[str]]:
    """The group a practice run belongs to and that group's region. A run of the practice
    group belongs to no group: no region, so every place its shareable report names is
    replaced (the footer says so)."""
    if session.group_id in (None, PRACTICE_GROUP_ID):
        return None, []
    return store.get(Group, session.group_id), region_of(store, session.group_id)


def shareable_context(record: PracticeRecord, store: Store, lang: str) -> RenderContext:
    """How the shareable report writes the students' own text: the students by their role,
    every name the database knows and other personal data replaced, places outside the
    region of the run's group (with no group: every place) replaced."""
    _group, region = practice_region(store, record.session)
    return scrubbing_context(record.students, lang, privacy_queries.all_known_names(store),
                             region)


# --- the reveal -------------------------------------------------------------------------


def notes_by_step(notes: str, steps: list[Step]) -> tuple[list[str], dict[str, list[str]]]:
    """The facilitator notes in paragraphs: those that name a step ('stap 9', 'step 3')
    go beside that step, the others are about the whole case."""
    general: list[str] = []
    by_step: dict[str, list[str]] = {}
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", notes or "")):
        if not paragraph:
            continue
        numbers = [int(n) for n in _STEP_MENTION.findall(paragraph)]
        named = [steps[n - 1].id for n in numbers if 1 <= n <= len(steps)]
        if named:
            for step_id in dict.fromkeys(named):
                by_step.setdefault(step_id, []).append(paragraph)
        else:
            general.append(paragraph)
    return general, by_step


@dataclass
class Precedent:
    group: str
    date: dt.date
    method: str
    weighed: str  # Markdown: what the group shared, names replaced by roles


@dataclass
class RevealStep:
    number: int
    title: str
    answers: list[tuple[str, str, str]]  # (field key, label, Markdown)
    tips: list[str]
    notes: list[str]  # paragraphs of the facilitator notes about this step


@dataclass
class Reveal:
    general_notes: list[str]
    steps: list[RevealStep]
    precedents: list[Precedent]


def precedents(store: Store, case: Case | None, methods: MethodLibrary | None,
               lang: str, limit: int = 1) -> list[Precedent]:
    """How groups of the archive weighed the same case, newest first, as far as each group
    shared it: only what it marked te delen (see `shared_weighing`) reaches a student, and
    names in it become roles or placeholders, as in shareable minutes."""
    if case is None:
        return []
    found = []
    for session, item in case_queries.reviews_of_case(store, case):
        weighed = shared_weighing(store, session, item, lang)
        if weighed:
            method = resolve_method(item, methods)
            group = store.get(Group, session.group_id)
            found.append(Precedent(group=group.name if group else "", date=session.date,
                                   method=i18n.pick(method.name, lang) if method else "",
                                   weighed=weighed))
            if len(found) == limit:
                break
    return found


def shared_weighing(store: Store, session: Session, item: AgendaItem, lang: str) -> str:
    """What a group shared of one review, as Markdown: the precedent (moresprudentie) of
    its dilemma, the tension it mapped, its decisions and the meeting's lessons, each when
    marked te delen, and its slow question when taken to the region; "" when it shared
    nothing. The group's fields themselves (each person's choice, the closing round) are
    never shown."""
    from .memory.precedents import precedent_id
    from .memory.questions import question_for_item

    def _(message: str) -> str:  # noqa: F811 - the report's own language
        return i18n._(message, lang)

    # As the group's own shareable text: places outside its region go (issue 24).
    ctx = scrubbing_context(meeting_queries.participants(store, session.id), lang,
                            privacy_queries.known_names(store, session.group_id),
                            region_of(store, session.group_id))
    text = ctx.text
    parts = []
    precedent = store.get(PrecedentRecord, precedent_id(item.id))
    if precedent and precedent.share:
        lines = [_("Values: {values}").format(values=", ".join(map(text, precedent.values)))
                 if precedent.values else "",
                 _("Choices: {choices}").format(choices=precedent.choices)
                 if precedent.choices else "",
                 _("Chosen: {choice}").format(choice=text(precedent.choice))
                 if precedent.choice else "",
                 _("Why: {why}").format(why=text(precedent.why)) if precedent.why else ""]
        parts += [f"**{_('Dilemma')}**", block(text(precedent.dilemma)), bullets(lines)]
    tensions = [t for t in memory_queries.tensions(store, session.group_id)
                if t.share and t.session_id == session.id and t.case_id == item.case_id]
    if tensions:
        parts += [f"**{_('Tension')}**",
                  bullets([f"{text(t.pole_a)} ↔ {text(t.pole_b)}" for t in tensions])]
    question = question_for_item(store, item, session.group_id)
    if question and question.to_region:
        work = next((w for w in question.history if w.item_id == item.id), None)
        lines = ([_("Added: {items}").format(items="; ".join(map(text, work.added)))
                  if work.added else "",
                  _("Left open: {items}").format(items="; ".join(map(text, work.left_open)))
                  if work.left_open else ""] if work else [])
        parts += [f"**{_('Slow question')}**",
                  block(text(work.wording if work and work.wording else question.question)),
                  bullets(lines)]
    decisions = [d for d in meeting_queries.decisions(store, session.id, item_id=item.id) if d.share]
    if decisions:
        parts += [f"**{_('Decisions')}**", bullets([text(d.text) for d in decisions])]
    lessons = [lesson for lesson in memory_queries.lessons(store, session_id=session.id) if lesson.share]
    if lessons:
        parts += [f"**{_('Knowledge to share')}**", bullets([text(x.text) for x in lessons])]
    return "\n\n".join(part for part in parts if part)


def reveal(record: PracticeRecord, store: Store, methods: MethodLibrary | None = None,
           lang: str | None = None, ctx: RenderContext | None = None) -> Reveal:
    """The student's answers beside the facilitator notes and the method's tips, step by
    step, and how a group of the archive weighed the same case; with a shareable `ctx`,
    the answers and notes as the shareable report shows them."""
    lang = lang or i18n.language()
    scrub = ctx.text if ctx is not None else str
    steps = record.answer_steps
    general, by_step = notes_by_step(record.case.facilitator_notes if record.case else "",
                                     steps)
    return Reveal(
        general_notes=[scrub(note) for note in general],
        steps=[RevealStep(number=n, title=i18n.pick(step.title, lang),
                          answers=record.answers(step, lang, ctx),
                          tips=[i18n.pick(t, lang) for t in step.tips],
                          notes=[scrub(note) for note in by_step.get(step.id, [])])
               for n, step in enumerate(steps, 1)],
        precedents=precedents(store, record.case, methods, lang),
    )


def precedent_markdown(found: list[Precedent]) -> str:
    parts = []
    for p in found:
        parts += [f"*{inline(p.group)}, {format_date(p.date)}, {inline(p.method)}*",
                  p.weighed]
    return "\n\n".join(parts)


# --- the report ---------------------------------------------------------------------------


def time_spent(minutes: int | None, lang: str | None = None) -> str:
    """A run's time as a report says it: a run of a few seconds took less than a minute,
    not "0 min"; "" while it runs."""
    if minutes is None:
        return ""
    if minutes < 1:
        return i18n._("less than a minute", lang)
    return i18n._("{minutes} min", lang).format(minutes=minutes)


def report_markdown(record: PracticeRecord, store: Store, methods: MethodLibrary | None = None,
                    lang: str | None = None, shareable: bool = False) -> str:
    """The reflection report for a portfolio: the case, the method, the answers beside
    the revealed notes step by step, how a group weighed it, the reflection, the time.

    Shareable (to hand in outside the school's walls, issue 24): the students by their
    role, every other name and personal data replaced, places outside the region of the
    run's group replaced (a run of no group: every place), the case text left out as
    shareable minutes leave case details out; a footer says what was done."""
    lang = lang or i18n.language()

    def _(message: str) -> str:  # noqa: F811 - the report's own language
        return i18n._(message, lang)

    case, s = record.case, record.session
    ctx = shareable_context(record, store, lang) if shareable else None
    scrub = ctx.text if ctx is not None else str
    shown = reveal(record, store, methods, lang, ctx)
    students = (", ".join(ctx.name(p, person) for p, person in record.students) if ctx
                else ", ".join(person.name for _p, person in record.students))
    out = [f"# {_('Practice report')}: {inline(scrub(case.title if case else s.title))}"]
    time_text = time_spent(record.minutes_spent(), lang)
    if record.timer_minutes():
        time_text += " (" + _("timer: {minutes} min").format(minutes=record.timer_minutes()) + ")"
    # The facts as a list, each with its name: a table of them had a header row with
    # nothing in it, shown as an empty bar on the screen.
    facts = [(_("Case"), scrub(case.title) if case else ""),
             (_("Method"), i18n.pick(record.method.name, lang)),
             (_("Date"), format_date(s.date)),
             (_("Practised by"), students),
             (_("Time spent"), time_text),
             (_("Status"), i18n.term(s.status, lang))]
    out.append("\n".join(f"- **{name}:** {inline(value)}" for name, value in facts if value))
    if case and not shareable:
        out.append(f"## {_('The case')}")
        for section in case.sections:
            out += [f"### {inline(section.title)}", section.body]
    out.append(f"## {_('My answers and the notes for the facilitator, step by step')}")
    for step in shown.steps:
        out.append(f"### {_('Step')} {step.number}. {inline(step.title)}")
        if step.answers:
            for _key, label, text in step.answers:
                out += [f"**{inline(label)}**", text]
        else:
            out.append(f"*{_('No answer.')}*")
        if step.tips:
            out += [f"*{_('What a good answer pays attention to')}:*", bullets(step.tips)]
        if step.notes and record.revealed:
            out += [f"*{_('From the notes for the facilitator')}:*", *step.notes]
    out.append(f"## {_('Notes for the facilitator')}")
    if not record.revealed:
        out.append(f"*{_('Shown once the run is past its last step, before the reflection.')}*")
    else:
        out += shown.general_notes or [
            f"*{_('The case has no general notes for the facilitator.')}*"]
    if shown.precedents and record.revealed:
        out += [f"## {_('How a group weighed this case')}",
                precedent_markdown(shown.precedents)]
    out.append(f"## {_('Reflection')}")
    for f in REFLECTION_STEP.fields:
        text = scrub(str(record.entries.get(f.key) or "")).strip()
        out += [f"**{inline(i18n.pick(f.label, lang))}**",
                block(text) if text else f"*{_('No answer.')}*"]
    if shareable:
        out += ["---", f"*{inline(shareable_footer(store, record.session, lang))}*"]
    return "\n\n".join(out) + "\n"


def shareable_footer(store: Store, session: Session, lang: str) -> str:
    """What the shareable report is, and which region its places were weighed against."""
    def _(message: str) -> str:  # noqa: F811 - the report's own language
        return i18n._(message, lang)

    group, _region = practice_region(store, session)
    said = _("Shareable version: the students are named by their role, names and other "
             "personal data are replaced by placeholders and the case text is left out.")
    if group is None:
        return said + " " + _("This practice run belongs to no group, so no region is "
                              "known: every place name is replaced.")
    if not region_known(store, group.id):
        return said + " " + _("No region known for {group}: every place name is "
                              "replaced.").format(group=group.name)
    told = [*([group.municipality] if group.municipality else []),
            *region_places(store, group.id)]
    return said + " " + _("Places outside the region of {group} ({places}) are "
                          "replaced.").format(group=group.name, places=", ".join(told))


# --- the practice file and the teacher's overview -----------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PracticeAnswer(_Strict):
    key: str
    label: str
    text: str  # Markdown, as the report writes it


class PracticeStepAnswers(_Strict):
    id: str
    title: str
    answers: list[PracticeAnswer] = []


class PracticeFile(_Strict):
    """What `practice export` writes and `practice compare` reads."""

    format: Literal["livinglab-practice"] = "livinglab-practice"
    version: Literal[1] = 1
    id: str = Field(min_length=1)
    lang: Literal["nl", "en"]
    case_slug: str = Field(min_length=1)
    case_title: str = Field(min_length=1)
    method_id: str = Field(min_length=1)
    method_name: str
    date: dt.date
    students: list[str] = Field(min_length=1)
    minutes_spent: int | None = None
    steps: list[PracticeStepAnswers]
    reflection: list[PracticeAnswer] = []
    facilitator_notes: str = ""


def practice_file(record: PracticeRecord, lang: str | None = None) -> PracticeFile:
    lang = lang or i18n.language()
    steps = [PracticeStepAnswers(
        id=step.id, title=i18n.pick(step.title, lang),
        answers=[PracticeAnswer(key=key, label=label, text=text)
                 for key, label, text in record.answers(step, lang)])
        for step in record.answer_steps]
    reflection = [PracticeAnswer(key=f.key, label=i18n.pick(f.label, lang),
                                 text=str(record.entries.get(f.key) or "").strip())
                  for f in REFLECTION_STEP.fields]
    case = record.case
    return PracticeFile(
        id=record.session.id, lang=lang, case_slug=case.slug if case else "",
        case_title=case.title if case else record.session.title,
        method_id=record.method.id, method_name=i18n.pick(record.method.name, lang),
        date=record.session.date, students=[p.name for _x, p in record.students],
        minutes_spent=record.minutes_spent(), steps=steps, reflection=reflection,
        facilitator_notes=case.facilitator_notes if case else "")


def practice_json(record: PracticeRecord, lang: str | None = None) -> str:
    return practice_file(record, lang).model_dump_json(indent=2) + "\n"


def read_practice_file(path: Path) -> PracticeFile:
    """A practice file, or LoadProblem naming the file, the line or field, what is wrong."""
    text = read_input_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise load_problem(path, e) from None
    try:
        return PracticeFile.model_validate(data)
    except ValidationError as e:
        raise load_problem(path, e) from None


def compare_markdown(files: list[tuple[str, PracticeFile]], lang: str | None = None) -> str:
    """One overview of several students' practice of the same case, step by step, for a
    class to discuss the differences. PracticeError when the files are of other cases."""
    lang = lang or i18n.language()

    def _(message: str) -> str:  # noqa: F811 - the report's own language
        return i18n._(message, lang)

    if not files:
        raise PracticeError(_("give one or more practice files"))
    first_name, first = files[0]
    for name, other in files[1:]:
        if other.case_slug != first.case_slug:
            raise PracticeError(_("{file} is a practice of another case ({other}) than {first} "
                                  "({case})").format(file=name, other=other.case_slug,
                                                     first=first_name, case=first.case_slug))
    who = {name: ", ".join(f.students) for name, f in files}
    if len(set(who.values())) < len(who):  # the same names twice: tell them apart by file
        who = {name: f"{label} ({Path(name).name})" for name, label in who.items()}
    out = [f"# {_('Practice compared')}: {inline(first.case_title)}",
           table([_("Practised by"), _("Method"), _("Date"), _("Time spent"), _("File")],
                 [[who[name], f.method_name, format_date(f.date),
                   time_spent(f.minutes_spent, lang), Path(name).name]
                  for name, f in files])]
    order: dict[str, str] = {}  # step id -> title, in the order the files first have them
    for _name, f in files:
        for step in f.steps:
            order.setdefault(step.id, step.title)
    for number, (step_id, title) in enumerate(order.items(), 1):
        out.append(f"## {number}. {inline(title)}")
        for name, f in files:
            step = next((s for s in f.steps if s.id == step_id), None)
            out.append(f"### {inline(who[name])}")
            if step is None or not step.answers:
                out.append(f"*{_('No answer.')}*")
                continue
            for answer in step.answers:
                out += [f"**{inline(answer.label)}**", answer.text]
    out.append(f"## {_('Reflection')}")
    for name, f in files:
        out.append(f"### {inline(who[name])}")
        given = [(a.label, a.text) for a in f.reflection if a.text.strip()]
        if not given:
            out.append(f"*{_('No answer.')}*")
        for label, text in given:
            out += [f"**{inline(label)}**", block(text)]
    if first.facilitator_notes.strip():
        out += [f"## {_('Notes for the facilitator')}", first.facilitator_notes.strip()]
    return "\n\n".join(out) + "\n"


# --- listing ----------------------------------------------------------------------------


@dataclass
class PracticeSummary:
    session: Session
    case_title: str
    method_name: str
    students: list[str]


def practice_runs(store: Store, lang: str | None = None) -> list[PracticeSummary]:
    """Every practice run, newest first, with its case, method and students."""
    lang = lang or i18n.language()
    found = []
    for session in practice_sessions(store):
        items = meeting_queries.agenda(store, session.id)
        item = items[0] if items else None
        case = case_queries.case(store, item.case_id) if item and item.case_id else None
        method = resolve_method(item) if item else None
        found.append(PracticeSummary(
            session=session, case_title=case.title if case else session.title,
            method_name=i18n.pick(method.name, lang) if method else "",
            students=[p.name for _x, p in meeting_queries.participants(store, session.id)]))
    return found


def latest_practice_session(store: Store, ref: str) -> list[Session]:
    """`latest`: the newest practice run. A practice run's own word for a reference."""
    if ref != "latest":
        return []
    found = practice_sessions(store, limit=1)
    if not found:
        raise RefError(_("there are no practice runs yet"))
    return found


PRACTICE_RUN = Noun(Session, N_("no practice run with id {ref}"),
                    N_("{ref} matches more than one practice run; give more of the id"),
                    where="group_id = ?", args=(PRACTICE_GROUP_ID,),
                    extras=(latest_practice_session,))


def find_practice_session(store: Store, ref: str) -> Session:
    """A practice run by id, `latest`, or a unique start of its id; RefError otherwise."""
    return resolve(store, PRACTICE_RUN, ref)
