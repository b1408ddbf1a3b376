"""Markdown minutes (notulen) of one meeting, full or shareable, in Dutch or English.

One renderer for the CLI and the app. The minutes follow Dutch conventions: a header
with who was there, each agenda item in order, a decision list (besluitenlijst), an
action list (actielijst) that carries on the group's earlier open actions, the group's
open slow questions, the lessons to share (kennisoogst), time planned against spent,
and a closing line marking them confidential. User text is escaped (see `mdtext`); the
content of each field is written by its field type (see `fields`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence

from .. import i18n
from ..i18n import N_
from ..fields import RenderContext, field_type, render_value
from ..memory.intentions import CLOSING_ROUND
from ..models import (
    ActionOutcome,
    ActionStatus,
    AgendaKind,
    Attendance,
    FieldType,
    MinutesChange,
    MinutesStatus,
    Role,
    local,
)
from ..text.markdown import block, bullets, inline, table
from ..text.personal import Pseudonymiser, document_names, person_cell_names, surnames_apart
from ..meeting.views import case_summary
from .record import MeetingRecord, ReviewRecord, load_meeting
from ..privacy import queries as privacy_queries

SAFE_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
WHOLE_ITEM = "item"  # the time of an item without steps (see workshop.WHOLE_ITEM)
# The columns of a method's table that name people ("Partij", "Wie", "Van wie"): in
# shareable minutes every name-like word in them is a name (issue 24).
PERSON_COLUMNS = frozenset({"party", "who", "whose", "person", "name", "client", "parties"})


def whole_minutes(seconds: float) -> int:
    """Seconds as whole minutes, half up (90 s is 2 min, 89 s is 1 min)."""
    return math.floor(seconds / 60 + 0.5)


def spent_minutes(seconds: float, say) -> str:
    """Time spent as the time table says it: 'less than a minute' for a step of a few
    seconds, which was held ('0 min' said it was skipped); `say` translates."""
    return say("less than a minute") if 0 < seconds < 30 else f"{whole_minutes(seconds)} min"


def rows_at(method, kind: FieldType, rows: Sequence) -> dict[str, list]:
    """An item's actions or decisions (`kind`) by the step whose field lists them: the step
    they were typed in, or the last step of that field's key. With two such fields (the
    polarity map's action steps and its agreements) each lists its own; a row typed in a
    step without such a field, or in no step, goes with the method's last one, so none is
    lost and none is listed twice."""
    home_of = {s.id: method.last_step_of(f.key) for s in method.steps for f in s.fields
               if f.type == kind}
    if not home_of:
        return {}
    last = max(home_of.values(), key=lambda sid: method.steps.index(method.step(sid)))
    found: dict[str, list] = {}
    for row in rows:
        found.setdefault(home_of.get(row.step_id, last), []).append(row)
    return found


# The closing line by variant (shareable, pseudonymised): what the minutes are, and for whom.
FOOTERS = {
    (True, True): N_("Shareable version, made to be shared beyond the group: people are "
                     "named by their role, names, places of residence and other personal "
                     "data are replaced by placeholders, and case details are left out."),
    (True, False): N_("Shareable version, made to be shared beyond the group: people of the "
                      "meeting are named by their role and case details are left out; other "
                      "personal data in it was kept on purpose."),
    (False, False): N_("Confidential: these minutes are for the group only and are not to "
                       "be shared further without its consent."),
}


def shareable_scrub(record: MeetingRecord, ctx: RenderContext, known_names: Sequence[str],
                    pseudonymise: bool, region, others, evidence) -> RenderContext:
    """The context of shareable minutes with its pseudonymiser told the region, the
    surnames kept apart and the names of the first reading (issue 24)."""
    return dataclasses.replace(ctx, scrub=Pseudonymiser(
        known_names, {person.name: ctx.role_labels[participant.id]
                      for participant, person in record.participants},
        lang=ctx.lang, roles_only=not pseudonymise,
        region=region if region is not None else (), others=others, evidence=evidence))


class MinutesWriter:
    def __init__(self, record: MeetingRecord, lang: str, shareable: bool,
                 known_names: Sequence[str] = (), pseudonymise: bool = True,
                 region: Iterable[str] | None = None, others: Iterable[str] = (),
                 evidence: Sequence[str] = ()):
        self.r = record
        self.lang = lang
        self.shareable = shareable
        self.pseudonymise = pseudonymise
        ctx = RenderContext.for_meeting(record.participants, lang, shareable,
                                        known_names, pseudonymise)
        if shareable:  # places outside the region, and people kept apart (issue 24)
            ctx = shareable_scrub(record, ctx, known_names, pseudonymise, region, others,
                                  evidence)
        self.ctx = ctx
        self.text = self.ctx.text  # user text as it may appear in this variant
        self.name = self.ctx.name
        self.out: list[str] = []
        self.person_cells: list[str] = []  # names in tables' person columns

    def _(self, message: str) -> str:
        return i18n._(message, self.lang)

    def term(self, value: str) -> str:
        return i18n.term(value, self.lang)

    def emit(self, *blocks: str) -> None:
        self.out.extend(b for b in blocks if b)

    # --- parts -------------------------------------------------------------------------

    def next_meeting(self) -> str:
        """Volgende vergadering: its date, time and place (the place left out of
        shareable minutes: a small team's meeting room names it)."""
        following = self.r.next_meeting
        if following is None:
            return ""
        when = self.ctx.long_date(following.date)
        time = getattr(following, "start_time", None)
        place = "" if self.shareable else self.text(getattr(following, "location", "") or "")
        return ", ".join(x for x in (when, time.strftime("%H:%M") if time else "", place) if x)

    def status_line(self, with_corrections: bool = False) -> str:
        """'Concept' until the group approves the minutes; then 'Vastgesteld on <date>',
        and with the corrections the group gave when it approved them."""
        s, _ = self.r.session, self._
        if not (s.minutes_status == MinutesStatus.SETTLED and s.minutes_settled_on):
            return self.term(MinutesStatus.CONCEPT).capitalize()
        day = self.ctx.long_date(s.minutes_settled_on)
        approval = self.approval_event()
        if with_corrections and approval and approval.note:
            return _("Approved on {date} with corrections: {text}").format(
                date=day, text=self.text(approval.note))
        return _("Approved on {date}").format(date=day)

    def approval_event(self):
        """The approval the minutes' status stands on: the last one (a reopening after it
        would have made them a concept again)."""
        settled = [e for e in self.r.minutes_events if e.change == MinutesChange.SETTLED]
        return settled[-1] if settled else None

    def person(self, participant, person) -> str:
        """A name, with discipline and organisation where known; in shareable minutes the
        role alone (a role and a discipline name the person in a small team)."""
        name = self.name(participant, person)
        extra = [] if self.shareable else [x for x in (person.discipline, person.organisation)
                                           if x]
        if participant.attendance == Attendance.LATE:
            extra.append(self.term(Attendance.LATE))
        return f"{name} ({', '.join(extra)})" if extra else name

    def header(self) -> None:
        s, _ = self.r.session, self._
        title = _("Minutes") + ": " + self.text(s.title)
        self.emit("# " + inline(title))
        self.emit("**" + inline(self.status_line()) + "**")
        if self.shareable and self.pseudonymise:
            self.emit("*" + _("Shareable version: people are named by their role, other "
                              "personal data is replaced by placeholders, and case details "
                              "are left out.") + "*")
        elif self.shareable:
            self.emit("*" + _("Shareable version: people of the meeting are named by their "
                              "role and case details are left out; other personal data in "
                              "it was kept on purpose.") + "*")
        planned = "–".join(t.strftime("%H:%M") for t in (s.start_time, s.end_time) if t)
        held = "–".join(local(t).strftime("%H:%M") for t in (s.started_at, s.ended_at) if t)
        if s.started_at and local(s.started_at).date() != s.date:  # held on another day
            held = f"{self.ctx.long_date(local(s.started_at).date())}, {held}"
        there = [(p, pe) for p, pe in self.r.participants if p.attendance.was_there]
        by_role = lambda *roles: ", ".join(  # noqa: E731
            self.name(p, pe) for p, pe in there if p.role in roles)
        named = lambda *kinds: ", ".join(  # noqa: E731
            self.name(p, pe) for p, pe in self.r.participants if p.attendance in kinds)
        disciplines = list(dict.fromkeys(pe.discipline for _p, pe in there if pe.discipline))
        status = self.status_line(with_corrections=True)
        rows = [
            [_("Group"), self.r.group.name if self.r.group else ""],
            [_("Date"), self.ctx.long_date(s.date)],
            [_("Planned"), planned],
            [_("Held"), held],
            # A small team's meeting place names it: never in shareable minutes.
            [_("Location"), "" if self.shareable else self.text(s.location)],
            # In shareable minutes people are their roles: "Chair: Chair" says nothing.
            [_("Chair"), "" if self.shareable else by_role(Role.CHAIR)],
            [_("Secretary"), "" if self.shareable else by_role(Role.SECRETARY)],
            [_("Present"), ", ".join(self.person(p, pe) for p, pe in there)],
            [_("Absent with notice"), named(Attendance.ABSENT_WITH_NOTICE)],
            [_("Absent"), named(Attendance.ABSENT)],
            # A discipline may hold a comma ("wijkcoach, gemeente Schagen"): "; " apart.
            [_("Disciplines"), "" if self.shareable else "; ".join(disciplines)],
            # The bold line above says the status; the row only when it says more.
            [_("Minutes"), "" if status == self.status_line() else status],
            [_("Following meeting"), self.next_meeting()],
        ]
        current = (self.approval_event() if s.minutes_status == MinutesStatus.SETTLED
                   else None)
        for event in self.r.minutes_events:
            when = self.ctx.long_date(local(event.at).date())
            if event is current:
                continue  # the status row says it
            note = f": {self.text(event.note)}" if event.note else ""
            rows.append([self.term(event.change).capitalize(), when + note])
        # The first row is the table's header: an empty header row showed as an empty line.
        rows = [[k, v] for k, v in rows if v]
        self.emit(table(rows[0], rows[1:]))

    def agenda(self) -> None:
        for number, item in enumerate(self.r.items, 1):
            review = self.r.reviews.get(item.id)
            title = self.text(item.title)
            if review and review.case:
                case_title = (self.term(review.case.kind).capitalize() if self.shareable
                              else review.case.title)
                if case_title.casefold() not in title.casefold():  # said once, not twice
                    title = f"{title}: {case_title}"
            self.emit(f"## {number}. " + inline(title))
            if item.notes.strip():
                self.emit(block(self.text(item.notes)))
            said = False
            if item.kind == AgendaKind.ACTION_FOLLOW_UP:
                said = self.follow_up()
                said = self.look_backs() or said
                said = self.intentions_followed() or said
            elif item.kind == AgendaKind.APPROVE_MINUTES:
                said = self.approval()
            if item.id == self.r.intentions_at and not review:
                said = self.closing_round() or said
            if review:
                self.review(review)
            elif not item.notes.strip() and not said:
                self.emit("*" + self._("Nothing recorded.") + "*")

    def outcome(self, event) -> str:
        _ = self._
        said = self.term(event.outcome)
        if event.outcome == ActionOutcome.CONTINUED and event.due:
            said += " " + _("to {date}").format(date=self.ctx.short_date(event.due))
        elif event.outcome == ActionOutcome.REASSIGNED:
            said += " " + _("to {name}").format(name=self.text(event.owner))
        if event.outcome != ActionOutcome.DONE and event.reason:
            said += ": " + self.text(event.reason)  # why it moved, as the meeting said it
        return said

    def follow_up(self) -> bool:
        """The earlier actions gone through at this item, each with what was decided."""
        _ = self._
        if not self.r.earlier_actions:
            self.emit("*" + _("No open actions from earlier meetings.") + "*")
            return True
        rows = []
        for a in self.r.earlier_actions:
            events = self.r.follow_ups.get(a.id, [])
            outcome = "; ".join(self.outcome(e) for e in events) or self.term(ActionStatus.OPEN)
            when = self.ctx.short_date(a.due)
            if (a.status == ActionStatus.OPEN and a.due and a.due < self.r.session.date
                    and not events):
                when += " (" + _("overdue") + ")"
            rows.append([self.text(a.what), self.text(a.owner), when, outcome])
        self.emit(table([_("Action"), _("Who"), _("When"), _("Outcome")], rows))
        return True

    def look_backs(self) -> bool:
        """The agreements whose evaluation date has come (the dilemma method's step 9):
        what was agreed, to look back on."""
        if not self.r.look_backs:
            return False
        _ = self._
        self.emit("### " + _("Agreements to look back on"))
        for back in self.r.look_backs:
            review = self.text(back.item.title) if not self.shareable else _("Case review")
            self.emit(inline(_("From {review} of {date}, to evaluate on {evaluate_on}:").format(
                review=review, date=self.ctx.short_date(back.agreed_in.date),
                evaluate_on=self.ctx.short_date(back.evaluate_on))))
            if back.agreed:
                self.emit(bullets([self.text(text) for text in back.agreed]))
        return True

    def person_named(self, person) -> str:
        """A person by name, or in shareable minutes by role (someone of an earlier meeting
        only: a placeholder)."""
        for participant, known in self.r.participants:
            if known.id == person.id:
                return self.name(participant, known)
        return self.text(person.name)

    def closing_round(self) -> bool:
        """The voornemens: what each person learned and will do differently (listed once,
        at the item `MeetingRecord.intentions_at`; at a review, by its own field)."""
        if not self.r.intentions:
            return False
        _ = self._
        self.emit("### " + _("Voornemens"), table(
            [_("Who"), _("What I learned"), _("What I will do differently")],
            [[self.person_named(person), self.text(i.learned), self.text(i.intention)]
             for person, i in self.r.intentions]))
        return True

    def voornemens_elsewhere(self, review: ReviewRecord, f) -> str:
        """At a review's own closing round, when the voornemens are listed at another
        item: where to find them ('' otherwise)."""
        if (f.key != CLOSING_ROUND or f.type != FieldType.PER_PARTICIPANT
                or CLOSING_ROUND in review.entries or not self.r.intentions):
            return ""
        number = next((n for n, item in enumerate(self.r.items, 1)
                       if item.id == self.r.intentions_at), None)
        return "*" + self._("The voornemens are listed at item {number}.").format(
            number=number) + "*" if number else ""

    def intentions_followed(self) -> bool:
        """The voornemens of earlier meetings asked after here: done or not, and why."""
        if not (self.r.intentions_followed or self.r.intentions_unanswered):
            return False
        _ = self._
        done = {True: _("done"), False: _("not done"), None: ""}
        self.emit("### " + _("Voornemens of last time"), table(
            [_("Who"), _("Voornemen"), _("Done?"), _("What came of it")],
            [[self.person_named(person), self.text(i.intention), done[i.done],
              self.text(i.answer)] for person, i in self.r.intentions_followed]
            + [[self.person_named(person), self.text(i.intention), _("not asked after"), ""]
               for person, i in self.r.intentions_unanswered]))
        return True

    def approval(self) -> bool:
        _ = self._
        if not self.r.approved_here:
            return False
        for event in self.r.approved_here:
            day = self.r.dates.get(event.session_id)
            line = _("The minutes of {date} are approved.").format(
                date=self.ctx.long_date(day) if day else "")
            if event.note:
                line += " " + _("Corrections: {text}").format(text=self.text(event.note))
            self.emit(inline(line))
        return True

    def case_pointer(self, case) -> str:
        """Where the whole case is: the minutes quote only its summary."""
        command = f"livinglab cases show {case.slug}"
        # Slugs are letters, digits and dashes; one from elsewhere is escaped as text.
        shown = f"`{command}`" if SAFE_SLUG.fullmatch(case.slug) else inline(command)
        return "*" + self._("The whole case: {title} ({id}), shown by {command}").format(
            title=inline(case.title), id=inline(case.slug), command=shown) + "*"

    def review(self, review: ReviewRecord) -> None:
        _ = self._
        case, method = review.case, review.method
        if case:
            self.emit("### " + _("The case in brief"))
            facts = [f"**{_('Kind')}:** {inline(self.term(case.kind))}"]
            if case.themes:
                facts.append(f"**{_('Themes')}:** " + inline(", ".join(case.themes)))
            if method:
                facts.append(f"**{_('Method')}:** " + inline(i18n.pick(method.name, self.lang)))
            self.emit("\\\n".join(facts))
            if not self.shareable and case.sections:
                self.emit(block(case_summary(case)))
                self.emit(self.case_pointer(case))
        elif method:
            self.emit(f"**{_('Method')}:** " + inline(i18n.pick(method.name, self.lang)))
        if not method:
            return
        ctx = self.ctx.with_rows(review.actions, review.decisions)
        actions = rows_at(method, FieldType.ACTIONS, review.actions)
        decisions = rows_at(method, FieldType.DECISIONS, review.decisions)
        gathered: dict = {}  # field type -> (a field of it, its values from every step)
        for number, step in enumerate(method.steps, 1):
            self.emit(f"### {_('Step')} {number}. " + inline(i18n.pick(step.title, self.lang)))
            step_ctx = ctx.with_rows(actions.get(step.id, ()), decisions.get(step.id, ()))
            shown = 0
            for f in step.fields:
                if pointer := self.voornemens_elsewhere(review, f):
                    self.emit(pointer)
                    shown += 1
                    continue
                if field_type(f.type).gathered_under:
                    gathered.setdefault(f.type, (f, []))[1].append(review.entries.get(f.key))
                    continue
                last = method.last_step_of(f.key)
                if last != step.id:  # a field shared by several steps is written once, complete
                    if render_value(review.entries.get(f.key), f, ctx):
                        at = next(n for n, s in enumerate(method.steps, 1) if s.id == last)
                        self.emit("*" + _("{field}: see step {number}.").format(
                            field=i18n.pick(f.label, self.lang), number=at) + "*")
                        shown += 1
                    continue
                value = review.entries.get(f.key)
                if self.shareable and f.type == FieldType.TABLE:
                    self.person_cells += [name for row in value or [] for c in f.columns
                                          if c.key in PERSON_COLUMNS
                                          for name in person_cell_names(str(row.get(c.key) or ""))]
                rendered = render_value(value, f, step_ctx)
                if rendered:
                    self.emit(f"**{inline(i18n.pick(f.label, self.lang))}**", rendered)
                    shown += 1
            if not shown:
                self.emit("*" + _("Nothing recorded.") + "*")
        for kind, (f, values) in gathered.items():
            spec = field_type(kind)
            rendered = render_value(spec.gather(values), f, ctx)
            if rendered:
                self.emit("### " + _(spec.gathered_under), rendered)

    def decision_list(self) -> None:
        _ = self._
        self.emit("## " + _("Decision list"))
        if not self.r.decisions:
            self.emit("*" + _("No decisions.") + "*")
            return
        self.emit(table([_("No."), _("Decision")],
                        [[str(n), self.text(d.text)] for n, d in enumerate(self.r.decisions, 1)]))

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
                since = self.ctx.short_date(self.r.dates.get(a.session_id))
                what += " (" + _("since {date}").format(date=since) + ")"
            rows.append([str(n), what, self.text(a.owner), self.ctx.short_date(a.due),
                         self.term(a.status)])
        self.emit(table([_("No."), _("Action"), _("Who"), _("When"), _("Status")], rows))

    def slow_questions(self) -> None:
        if not self.r.slow_questions:
            return
        self.emit("## " + self._("Open slow questions"))
        self.emit(bullets([f"{self.text(q.question)} ({self.term(q.status)})"
                           for q in self.r.slow_questions]))

    def lessons(self) -> None:
        if not self.r.lessons:
            return
        self.emit("## " + self._("Knowledge to share"))
        self.emit(bullets([self.text(lesson.text) for lesson in self.r.lessons]))

    def time_table(self) -> None:
        """Time planned and spent per agenda item (per step for a review)."""
        _ = self._
        rows = []
        for number, item in enumerate(self.r.items, 1):
            review = self.r.reviews.get(item.id)
            times = self.r.times.get(item.id, {})
            if review and review.method:
                for step in review.method.steps:
                    timing = times.get(step.id)
                    planned = ((timing.planned_seconds + timing.extra_seconds) if timing
                               else step.minutes * 60)
                    spent = timing.spent_seconds if timing else 0
                    rows.append([str(number), i18n.pick(step.title, self.lang),
                                 f"{whole_minutes(planned)} min", spent_minutes(spent, _)])
            elif WHOLE_ITEM in times:
                rows.append([str(number), self.text(item.title), "",
                             spent_minutes(times[WHOLE_ITEM].spent_seconds, _)])
        if rows:
            self.emit("## " + _("Time"),
                      table([_("No."), _("Step"), _("Planned"), _("Spent")], rows))

    def closing(self) -> None:
        said = FOOTERS[(self.shareable, self.shareable and self.pseudonymise)]
        self.emit("---", "*" + self._(said) + "*")

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


@dataclasses.dataclass(frozen=True)
class Evidence:
    """What the whole of a meeting's shareable minutes says about the people in them:
    names found by what stands around them somewhere (so that "Bakkers zoon" goes where
    "mevrouw Bakker" stood elsewhere), and surnames the meeting's people share with
    someone else, kept apart from them."""

    names: tuple[str, ...] = ()
    others: frozenset[str] = frozenset()


def evidence(record: MeetingRecord, lang: str, known_names: Sequence[str],
             region: Iterable[str] | None) -> Evidence:
    """A first reading of the shareable minutes, with only the meeting's people replaced:
    every name found in it, by its context, and in tables' person columns."""
    region = list(region) if region is not None else []
    writer = MinutesWriter(record, lang, True, known_names, False, region)
    text = writer.render()
    people = [person.name for _p, person in record.participants]
    names = [*document_names(text, known_names), *writer.person_cells]
    return Evidence(tuple(dict.fromkeys(n for n in names if n not in known_names)),
                    frozenset(surnames_apart(text, known_names, people)))


def render_record(record: MeetingRecord, lang: str | None = None, shareable: bool = False,
                  known_names: Sequence[str] = (), pseudonymise: bool = True,
                  region: Iterable[str] | None = None, seen: Evidence | None = None) -> str:
    """The minutes as Markdown. Shareable: `known_names` are the names the group knows
    (see `Store.known_names`); without `pseudonymise` only the meeting's people become
    their roles, for a user who keeps the rest on purpose. `region`: the places policy
    talk may name (see `meeting.region`); `seen`: the `evidence` of a first reading,
    made here when not given."""
    lang = lang or i18n.language()
    if not shareable:
        return MinutesWriter(record, lang, False).render()
    region = list(region) if region is not None else []
    seen = seen or evidence(record, lang, known_names, region)
    return MinutesWriter(record, lang, True, known_names, pseudonymise, region, seen.others,
                         seen.names).render()


def render_minutes(store, session_id: str, methods=None, shareable: bool = False,
                   lang: str | None = None, pseudonymise: bool = True) -> str:
    from ..meeting.region import region_of

    record = load_meeting(store, session_id, methods)
    if not shareable:
        return render_record(record, lang)
    known = privacy_queries.known_names(store, record.session.group_id)
    return render_record(record, lang, True, known, pseudonymise,
                         region_of(store, record.session.group_id))
