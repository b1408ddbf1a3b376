"""Markdown minutes (notulen) of one meeting, full or shareable, in Dutch or English.

One renderer for the CLI and the app. The minutes follow Dutch conventions: a header
with who was there, each agenda item in order, a decision list (besluitenlijst), an
action list (actielijst) that carries on the group's earlier open actions, the group's
open slow questions, the lessons to share (kennisoogst), time planned against spent,
and a closing line marking them confidential. User text is escaped (see `mdtext`).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import i18n
from .i18n import pick
from .mdtext import block, bullets, inline, table
from .models import (
    Action, AgendaItem, AgendaKind, Attendance, Case, Decision, FieldType, Group, Lesson,
    Method, Participant, Person, PolarityValue, RatingValue, Role, Session, SlowQuestion,
    StepTime, DilemmaValue,
)
from .privacy import NameReplacer, mask_personal_data

MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def long_date(day: dt.date, lang: str) -> str:
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def short_date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def write_private_file(path: Path, text: str) -> None:
    """Write a file readable by its owner only (minutes are confidential client work)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


def default_file_name(session: Session, group: Group | None, shareable: bool = False) -> str:
    from .cases import slug_from_name

    parts = [session.date.isoformat(), slug_from_name(group.name if group else "notulen")]
    if shareable:
        parts.append("deelbaar")
    return "-".join(parts) + ".md"


# --- what the minutes are made of -------------------------------------------------------


@dataclass
class ReviewRecord:
    item: AgendaItem
    case: Case | None
    method: Method | None
    entries: dict[str, Any]
    actions: list[Action]
    decisions: list[Decision]
    step_times: dict[str, StepTime]


@dataclass
class MeetingRecord:
    session: Session
    group: Group | None
    participants: list[tuple[Participant, Person]]
    items: list[AgendaItem]
    reviews: dict[str, ReviewRecord]
    decisions: list[Decision]
    actions: list[Action]
    earlier_actions: list[Action]
    slow_questions: list[SlowQuestion]
    lessons: list[Lesson]
    dates: dict[str, dt.date] = field(default_factory=dict)  # session id -> date


def resolve_method(item: AgendaItem, methods=None) -> Method | None:
    """The method as it ran (its snapshot), else as the library has it now."""
    if item.method_snapshot:
        return Method.model_validate(item.method_snapshot)
    if methods is not None and item.method_id:
        return methods.get(item.method_id)
    return None


def load_meeting(store, session_id: str, methods=None) -> MeetingRecord:
    session = store.session(session_id)
    items = store.agenda(session_id)
    reviews = {}
    for item in items:
        if item.kind == AgendaKind.CASE_REVIEW:
            reviews[item.id] = ReviewRecord(
                item=item,
                case=store.case(item.case_id) if item.case_id else None,
                method=resolve_method(item, methods),
                entries=store.entries(item.id),
                actions=store.actions(item_id=item.id),
                decisions=store.decisions(session_id, item_id=item.id),
                step_times=store.step_times(item.id),
            )
    earlier = store.earlier_open_actions(session)
    dates = {s: store.session(s).date for s in {a.session_id for a in earlier}}
    return MeetingRecord(
        session=session, group=store.group(session.group_id),
        participants=store.participants(session_id), items=items, reviews=reviews,
        decisions=store.decisions(session_id), actions=store.actions(session_id=session_id),
        earlier_actions=earlier,
        slow_questions=store.slow_questions(session.group_id, open_only=True),
        lessons=[lesson for lesson in store.lessons(session_id=session_id) if lesson.share],
        dates=dates,
    )


# --- rendering ----------------------------------------------------------------------


class MinutesWriter:
    def __init__(self, record: MeetingRecord, lang: str, shareable: bool):
        self.r = record
        self.lang = lang
        self.shareable = shareable
        self.labels = self._role_labels()
        self.scrub = NameReplacer(
            (person.name, self.labels[participant.id])
            for participant, person in record.participants
        ) if shareable else None
        self.out: list[str] = []

    def _(self, message: str) -> str:
        return i18n._(message, self.lang)

    def term(self, value: str) -> str:
        return i18n.term(value, self.lang)

    def _role_labels(self) -> dict[str, str]:
        """Participant id -> 'Voorzitter', 'Deelnemer 2': the name in shareable minutes."""
        counts: dict[Role, int] = {}
        for participant, _person in self.r.participants:
            counts[participant.role] = counts.get(participant.role, 0) + 1
        seen: dict[Role, int] = {}
        labels = {}
        for participant, _person in self.r.participants:
            role = participant.role
            seen[role] = seen.get(role, 0) + 1
            label = self.term(role.value).capitalize()
            labels[participant.id] = f"{label} {seen[role]}" if counts[role] > 1 else label
        return labels

    def text(self, value: str) -> str:
        """User text as it may appear in this variant."""
        value = str(value or "")
        if self.shareable:
            value = mask_personal_data(self.scrub(value))
        return value

    def name(self, participant: Participant, person: Person) -> str:
        return self.labels[participant.id] if self.shareable else person.name

    def emit(self, *blocks: str) -> None:
        self.out.extend(b for b in blocks if b)

    # --- parts -------------------------------------------------------------------------

    def header(self) -> None:
        s, _ = self.r.session, self._
        title = _("Minutes") + ": " + self.text(s.title)
        self.emit("# " + inline(title))
        if self.shareable:
            self.emit("*" + _("Shareable version: names are replaced by roles and case "
                              "details are left out.") + "*")
        times = "–".join(t.strftime("%H:%M") for t in (s.start_time, s.end_time) if t)
        by_role = lambda *roles: ", ".join(  # noqa: E731
            self.name(p, pe) for p, pe in self.r.participants
            if p.role in roles and p.attendance == Attendance.PRESENT)
        present = ", ".join(self.name(p, pe) for p, pe in self.r.participants
                            if p.attendance == Attendance.PRESENT)
        absent = ", ".join(self.name(p, pe) for p, pe in self.r.participants
                           if p.attendance == Attendance.ABSENT_WITH_NOTICE)
        rows = [
            [_("Group"), self.r.group.name if self.r.group else ""],
            [_("Date"), long_date(s.date, self.lang)],
            [_("Time"), times],
            [_("Location"), s.location],
            [_("Chair"), by_role(Role.CHAIR)],
            [_("Secretary"), by_role(Role.SECRETARY)],
            [_("Present"), present],
            [_("Absent with notice"), absent],
        ]
        self.emit(table(["", ""], [[k, v] for k, v in rows]))

    def agenda(self) -> None:
        for number, item in enumerate(self.r.items, 1):
            review = self.r.reviews.get(item.id)
            title = self.text(item.title)
            if review and review.case:
                case_title = (self.term(review.case.kind.value).capitalize() if self.shareable
                              else review.case.title)
                title = f"{title}: {case_title}"
            self.emit(f"## {number}. " + inline(title))
            if item.notes.strip():
                self.emit(block(self.text(item.notes)))
            if review:
                self.review(review)
            elif not item.notes.strip():
                self.emit("*" + self._("Nothing recorded.") + "*")

    def review(self, review: ReviewRecord) -> None:
        _ = self._
        case, method = review.case, review.method
        if case:
            self.emit("### " + _("The case in brief"))
            facts = [f"**{_('Kind')}:** {inline(self.term(case.kind.value))}"]
            if case.themes:
                facts.append(f"**{_('Themes')}:** " + inline(", ".join(case.themes)))
            if method:
                facts.append(f"**{_('Method')}:** " + inline(pick(method.name, self.lang)))
            self.emit("\\\n".join(facts))
            if not self.shareable and case.sections:
                self.emit(block(case.sections[0].body))
        elif method:
            self.emit(f"**{_('Method')}:** " + inline(pick(method.name, self.lang)))
        if not method:
            return
        parked: list[str] = []
        for number, step in enumerate(method.steps, 1):
            self.emit(f"### {_('Step')} {number}. " + inline(pick(step.title, self.lang)))
            shown = 0
            for f in step.fields:
                if f.type == FieldType.PARKING:
                    parked += [p for p in review.entries.get(f.key) or [] if p not in parked]
                    continue
                if method.last_step_of(f.key) != step.id:
                    continue  # a field shared by several steps is written once, complete
                rendered = self.field(review, f)
                if rendered:
                    self.emit(f"**{inline(pick(f.label, self.lang))}**", rendered)
                    shown += 1
            if not shown:
                self.emit("*" + _("Nothing recorded.") + "*")
        if parked:
            self.emit("### " + _("Parking place"), bullets([self.text(p) for p in parked]))

    def field(self, review: ReviewRecord, f) -> str:
        value = review.entries.get(f.key)
        kind = f.type
        if kind == FieldType.TEXT:
            return block(self.text(value or ""))
        if kind in (FieldType.LIST, FieldType.PARKING):
            return bullets([self.text(v) for v in value or []])
        if kind == FieldType.DILEMMA:
            return self.dilemma(DilemmaValue.model_validate(value or {}))
        if kind == FieldType.TABLE:
            rows = [[self.text(row.get(c.key, "")) for c in f.columns] for row in value or []
                    if any(str(row.get(c.key, "")).strip() for c in f.columns)]
            headers = [pick(c.label, self.lang) for c in f.columns]
            return table(headers, rows) if rows else ""
        if kind == FieldType.PER_PARTICIPANT:
            return self.per_participant(value or {}, f)
        if kind == FieldType.POLARITY:
            return self.polarity(PolarityValue.model_validate(value or {}))
        if kind == FieldType.ACTIONS:
            return bullets([self.action_line(a) for a in review.actions])
        if kind == FieldType.DECISIONS:
            return bullets([self.text(d.text) for d in review.decisions])
        if kind == FieldType.RATING:
            rating = RatingValue.model_validate(value or {})
            if rating.score is None and not rating.comment.strip():
                return ""
            score = f"{rating.score}/5" if rating.score else ""
            comment = inline(self.text(rating.comment))
            return " — ".join(p for p in (score, comment) if p)
        return ""

    def dilemma(self, d: DilemmaValue) -> str:
        _ = self._
        if not any(v.strip() for v in (d.question, d.a, d.a_harm, d.b, d.b_harm)):
            return ""
        parts = []
        if d.question.strip():
            parts.append(f"*{_('Moral question')}:* " + inline(self.text(d.question)))
        parts.append(table(
            ["", _("Option"), _("Harm")],
            [["A", self.text(d.a), self.text(d.a_harm)],
             ["B", self.text(d.b), self.text(d.b_harm)]],
        ))
        return "\n\n".join(parts)

    def per_participant(self, value: dict[str, dict[str, str]], f) -> str:
        parts = []
        for participant, person in self.r.participants:
            answers = value.get(participant.id) or {}
            lines = [f"{pick(c.label, self.lang)}: {self.text(answers.get(c.key, ''))}"
                     for c in f.columns if str(answers.get(c.key, "")).strip()]
            if lines:
                parts.append(f"*{inline(self.name(participant, person))}*\n\n" + bullets(lines))
        return "\n\n".join(parts)

    def polarity(self, p: PolarityValue) -> str:
        _ = self._
        lists = (p.a_up, p.a_down, p.b_up, p.b_down, p.a_warnings, p.b_warnings,
                 p.a_actions, p.b_actions)
        if not (p.pole_a.strip() or p.pole_b.strip() or p.purpose.strip() or p.fear.strip()
                or any(lists)):
            return ""
        join = lambda items: "; ".join(self.text(i) for i in items if i.strip())  # noqa: E731
        pole_a = self.text(p.pole_a) or "A"
        pole_b = self.text(p.pole_b) or "B"
        parts = [
            f"*{_('Higher purpose')}:* " + inline(self.text(p.purpose)),
            table(
                ["", f"{_('Pole')} A: {pole_a}", f"{_('Pole')} B: {pole_b}"],
                [[_("Upsides"), join(p.a_up), join(p.b_up)],
                 [_("Downsides"), join(p.a_down), join(p.b_down)],
                 [_("Early warnings"), join(p.a_warnings), join(p.b_warnings)],
                 [_("Action steps"), join(p.a_actions), join(p.b_actions)]],
            ),
            f"*{_('Deeper fear')}:* " + inline(self.text(p.fear)),
        ]
        return "\n\n".join(parts)

    def action_line(self, action: Action) -> str:
        details = ", ".join(x for x in (self.text(action.owner), short_date(action.due)) if x)
        what = self.text(action.what)
        return f"{what} ({details})" if details else what

    def decision_list(self) -> None:
        _ = self._
        self.emit("## " + _("Decision list"))
        if not self.r.decisions:
            self.emit("*" + _("No decisions.") + "*")
            return
        self.emit("\n".join(f"{n}. {inline(self.text(d.text))}"
                            for n, d in enumerate(self.r.decisions, 1)))

    def action_list(self) -> None:
        _ = self._
        self.emit("## " + _("Action list"))
        actions = self.r.earlier_actions + self.r.actions
        if not actions:
            self.emit("*" + _("No actions.") + "*")
            return
        rows = []
        for n, a in enumerate(actions, 1):
            what = self.text(a.what)
            if a.session_id != self.r.session.id:
                since = short_date(self.r.dates.get(a.session_id))
                what += " (" + _("since {date}").format(date=since) + ")"
            rows.append([str(n), what, self.text(a.owner), short_date(a.due),
                         self.term(a.status.value)])
        self.emit(table([_("No."), _("Action"), _("Who"), _("When"), _("Status")], rows))

    def slow_questions(self) -> None:
        if not self.r.slow_questions:
            return
        self.emit("## " + self._("Open slow questions"))
        self.emit(bullets([f"{self.text(q.question)} ({self.term(q.status.value)})"
                           for q in self.r.slow_questions]))

    def lessons(self) -> None:
        if not self.r.lessons:
            return
        self.emit("## " + self._("Knowledge to share"))
        self.emit(bullets([self.text(lesson.text) for lesson in self.r.lessons]))

    def time_table(self) -> None:
        _ = self._
        rows = []
        for review in self.r.reviews.values():
            if not review.method:
                continue
            for step in review.method.steps:
                timing = review.step_times.get(step.id)
                planned = (timing.planned_seconds + timing.extra_seconds) if timing else step.minutes * 60
                spent = timing.spent_seconds if timing else 0
                rows.append([pick(step.title, self.lang), f"{round(planned / 60)} min",
                             f"{round(spent / 60)} min"])
        if rows:
            self.emit("## " + _("Time"), table([_("Step"), _("Planned"), _("Spent")], rows))

    def closing(self) -> None:
        self.emit("---", "*" + self._(
            "Confidential: these minutes are for the group only and are not to be shared "
            "further without its consent.") + "*")

    def render(self) -> str:
        self.header()
        self.agenda()
        self.decision_list()
        self.action_list()
        self.slow_questions()
        self.lessons()
        self.time_table()
        self.closing()
        return "\n\n".join(self.out) + "\n"


def render_minutes(store, session_id: str, methods=None, shareable: bool = False,
                   lang: str | None = None) -> str:
    record = load_meeting(store, session_id, methods)
    return MinutesWriter(record, lang or i18n.language(), shareable).render()


def case_markdown(case: Case, with_notes: bool = False, lang: str | None = None) -> str:
    """A case as a Markdown document, for previews and `cases show`."""
    lang = lang or i18n.language()
    lines = [f"# {inline(case.title)}", "",
             f"*{inline(i18n.term(case.kind.value, lang))}*"
             + (" · " + inline(", ".join(case.themes)) if case.themes else "")]
    for section in case.sections:
        if section.title:
            lines += ["", f"## {inline(section.title)}"]
        lines += ["", section.body]
    if with_notes and case.facilitator_notes:
        lines += ["", f"## {i18n._('For the facilitator', lang)}", "", case.facilitator_notes]
    if case.source:
        lines += ["", f"*{i18n._('Source', lang)}: {inline(case.source)}*"]
    return "\n".join(lines) + "\n"


def step_markdown(workshop, lang: str | None = None) -> str:
    """The participant view of the step on screen: aim, questions, what was captured."""
    lang = lang or i18n.language()
    step = workshop.step
    if step is None:
        return f"# {inline(workshop.item.title)}\n\n{block(workshop.item.notes)}\n"
    record = load_meeting(workshop.store, workshop.session.id, workshop.methods)
    writer = MinutesWriter(record, lang, shareable=False)
    review = record.reviews[workshop.item.id]
    parts = [f"# {inline(pick(step.title, lang))}", f"*{inline(pick(step.aim, lang))}*",
             bullets([pick(q, lang) for q in step.questions])]
    for f in step.fields:
        rendered = writer.field(review, f)
        if rendered:
            parts += [f"**{inline(pick(f.label, lang))}**", rendered]
    return "\n\n".join(parts) + "\n"
