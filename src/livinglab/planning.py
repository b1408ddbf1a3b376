"""Planning a meeting: the group, the people and their roles, the agenda.

The New meeting screen collects text; this module parses and checks it, says per field
what is missing, and stores the meeting in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from .i18n import N_, _
from .models import (
    AgendaItem, AgendaKind, Attendance, Group, GroupKind, Participant, Person, Role, Session,
)
from .safetext import clean
from .store import Store

DEFAULT_AGENDA = [
    (N_("Opening"), AgendaKind.PLAIN),
    (N_("Announcements"), AgendaKind.PLAIN),
    (N_("Action list of last time"), AgendaKind.PLAIN),
    (N_("Case review"), AgendaKind.CASE_REVIEW),
    (N_("Any other business"), AgendaKind.PLAIN),
    (N_("Closing"), AgendaKind.PLAIN),
]


@dataclass
class PlannedParticipant:
    name: str
    role: Role = Role.PARTICIPANT
    attendance: Attendance = Attendance.PRESENT


@dataclass
class PlannedItem:
    title: str
    kind: AgendaKind = AgendaKind.PLAIN
    case_id: str | None = None
    method_id: str | None = None


@dataclass
class MeetingPlan:
    title: str = ""
    group_name: str = ""
    group_kind: GroupKind = GroupKind.TEAM
    date: str = ""
    start_time: str = ""
    location: str = ""
    participants: list[PlannedParticipant] = field(default_factory=list)
    agenda: list[PlannedItem] = field(default_factory=list)


class PlanError(Exception):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def default_agenda() -> list[PlannedItem]:
    """The usual items of a Dutch meeting, in the interface language."""
    return [PlannedItem(_(title), kind) for title, kind in DEFAULT_AGENDA]


def parse_agenda(text: str, case_id: str | None = None,
                 method_id: str | None = None) -> list[PlannedItem]:
    """One item per line; a line that starts with 'Case review' is the case review."""
    review_title = _("Case review").casefold()
    items = []
    for line in clean(text).split("\n"):
        title = line.strip().lstrip("-*0123456789. ").strip()
        if not title:
            continue
        if title.casefold().startswith(review_title):
            items.append(PlannedItem(title, AgendaKind.CASE_REVIEW, case_id, method_id))
        else:
            items.append(PlannedItem(title))
    return items


def parse_date(text: str) -> dt.date:
    """'2026-11-25', '25-11-2026', '25/11/2026' or '25 11 2026'."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.replace("/", "-").replace(".", "-").replace(" ", "-").split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        day, month, year = (int(p) for p in parts)
        return dt.date(year if year > 99 else 2000 + year, month, day)
    raise ValueError(text)


def parse_time(text: str) -> dt.time | None:
    """'9:30', '09.30', '930' or empty."""
    text = text.strip().replace(".", ":")
    if not text:
        return None
    if ":" not in text and text.isdigit() and len(text) in (3, 4):
        text = text[:-2] + ":" + text[-2:]
    hours, _sep, minutes = text.partition(":")
    return dt.time(int(hours), int(minutes or 0))


def cleaned(plan: MeetingPlan) -> MeetingPlan:
    """The plan with every typed text through `clean`: no control or escape sequence is stored."""
    return replace(
        plan, title=clean(plan.title), group_name=clean(plan.group_name),
        date=clean(plan.date), start_time=clean(plan.start_time), location=clean(plan.location),
        participants=[replace(p, name=clean(p.name)) for p in plan.participants],
        agenda=[replace(item, title=clean(item.title)) for item in plan.agenda],
    )


def check_plan(plan: MeetingPlan, store: Store, methods=None) -> dict[str, str]:
    """Field -> what is wrong with it; empty when the plan can be stored."""
    plan = cleaned(plan)
    problems: dict[str, str] = {}
    if not plan.title.strip():
        problems["title"] = _("Give the meeting a title.")
    if not plan.group_name.strip():
        problems["group"] = _("Choose or type a group.")
    try:
        parse_date(plan.date)
    except ValueError:
        problems["date"] = _("Type a date such as 25-11-2026.")
    try:
        parse_time(plan.start_time)
    except ValueError:
        problems["start_time"] = _("Type a time such as 9:30.")
    present = [p for p in plan.participants if p.name.strip()]
    if not present:
        problems["participants"] = _("Add at least one participant.")
    elif not any(p.role == Role.CHAIR for p in present):
        problems["participants"] = _("Give one participant the role of chair (voorzitter).")
    if not plan.agenda:
        problems["agenda"] = _("The agenda needs at least one item.")
    for number, item in enumerate(plan.agenda, 1):
        if not item.title.strip():
            problems["agenda"] = _("Item {n} has no title.").format(n=number)
        elif item.kind == AgendaKind.CASE_REVIEW:
            if not item.case_id or store.case(item.case_id) is None:
                problems["case"] = _("Pick a case for the case review.")
            if not item.method_id or (methods is not None and methods.get(item.method_id) is None):
                problems["method"] = _("Pick a method for the case review.")
    return problems


def create_meeting(store: Store, plan: MeetingPlan, methods=None) -> Session:
    plan = cleaned(plan)
    problems = check_plan(plan, store, methods)
    if problems:
        raise PlanError(problems)
    with store.transaction():
        group = next((g for g in store.groups()
                      if g.name.casefold() == plan.group_name.strip().casefold()), None)
        if group is None:
            group = store.save_group(Group(name=plan.group_name.strip(), kind=plan.group_kind))
        session = store.save_session(Session(
            title=plan.title.strip(), group_id=group.id, date=parse_date(plan.date),
            start_time=parse_time(plan.start_time), location=plan.location.strip(),
        ))
        people = {p.name.casefold(): p for p in store.people()}
        for planned in plan.participants:
            name = planned.name.strip()
            if not name:
                continue
            person = people.get(name.casefold()) or store.save_person(Person(name=name))
            people[name.casefold()] = person
            store.save_participant(Participant(
                session_id=session.id, person_id=person.id, role=planned.role,
                attendance=planned.attendance,
            ))
        for position, item in enumerate(plan.agenda, 1):
            review = item.kind == AgendaKind.CASE_REVIEW
            store.save_agenda_item(AgendaItem(
                session_id=session.id, position=position, title=item.title.strip(),
                kind=item.kind, case_id=item.case_id if review else None,
                method_id=item.method_id if review else None,
            ))
    return session
