"""Planning a meeting: the group, the people and their roles, the agenda.

The New meeting screen collects text; this module parses and checks it, says per field
what is missing, and stores the meeting in one transaction. A planned meeting can be
edited (`plan_of` gives its plan back, `update_meeting` stores it again) or deleted; the
group's roster keeps who belongs to it, and the people of its last meeting are offered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..i18n import N_, _, format_date
from ..models import (
    AgendaItem,
    AgendaKind,
    Attendance,
    Group,
    GroupKind,
    GroupMember,
    MethodKind,
    Participant,
    Person,
    Role,
    Session,
    SessionStatus,
)
from ..storage.store import Store
from ..text.terminal import clean
from ..library import queries as case_queries
from . import queries as meeting_queries

# An item is known by its kind, never by its (editable, translated) title.
DEFAULT_AGENDA = [
    (N_("Opening"), AgendaKind.PLAIN),
    (N_("Minutes of the previous meeting"), AgendaKind.APPROVE_MINUTES),
    (N_("Announcements"), AgendaKind.PLAIN),
    (N_("Action list of last time"), AgendaKind.ACTION_FOLLOW_UP),
    (N_("Case review"), AgendaKind.CASE_REVIEW),
    (N_("Any other business"), AgendaKind.PLAIN),
    (N_("Closing"), AgendaKind.CLOSING_ROUND),
]

# Disciplines of a sociaal wijkteam and its partners, as the reports describe them: offered,
# never required (free text is kept as typed).
DISCIPLINES = [
    "wijkteam generalist", "Wmo-consulent", "wijkverpleegkundige", "jeugd- en gezinscoach",
    "schuldhulpverlener", "ervaringsdeskundige", "maatschappelijk werker",
    "beleidsmedewerker", "wijkagent", "woonconsulent",
]


@dataclass
class PlannedParticipant:
    name: str
    role: Role = Role.PARTICIPANT
    attendance: Attendance = Attendance.PRESENT
    organisation: str = ""
    discipline: str = ""


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
    # The municipalities of the group's region as typed, comma-separated (see
    # `region.parse_places`): the group's region becomes them. None leaves it as it is.
    region: str | None = None


class PlanError(Exception):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def default_agenda() -> list[PlannedItem]:
    """The usual items of a Dutch meeting, in the interface language."""
    return [PlannedItem(_(title), kind) for title, kind in DEFAULT_AGENDA]


# The years a meeting, an action or a history can have. Beyond them a date is a typing
# mistake, and date arithmetic (a series' next meeting, the demo's history) would overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_date(text: str) -> dt.date:
    """'25-11-2026', '25/11/2026', '25 11 2026', '25-11-26' or '2026-11-25': the one reading
    of a typed date, for the app's fields and the command line alike. ValueError, its
    message worded for the user, for anything else: a date is refused, never changed
    (a year of four digits is taken as typed; two digits mean this century)."""
    text = text.strip()
    parts = text.replace("/", "-").replace(".", "-").replace(" ", "-").split("-")
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts):
        raise ValueError(_("Type a date such as 25-11-2026."))
    if len(parts[0]) == 4:
        year, month, day = parts
    else:
        day, month, year = parts
    if len(year) not in (2, 4) or len(day) > 2 or len(month) > 2:
        raise ValueError(_("Type a date such as 25-11-2026."))
    number = int(year) + (2000 if len(year) == 2 else 0)
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise ValueError(_("Type a year from {first} to {last}.").format(
            first=FIRST_YEAR, last=LAST_YEAR))
    try:
        return dt.date(number, int(month), int(day))
    except ValueError:  # 31-02, 00-13: no such day
        raise ValueError(_("No such day; type a date such as 25-11-2026.")) from None


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
        participants=[replace(p, name=clean(p.name), organisation=clean(p.organisation),
                              discipline=clean(p.discipline)) for p in plan.participants],
        agenda=[replace(item, title=clean(item.title)) for item in plan.agenda],
        region=None if plan.region is None else clean(plan.region),
    )


def own_question_allowed(item: PlannedItem, methods) -> bool:
    """A slow-question review may go without a case: the group words its own question in
    the review (a learning community's questions are rarely in a case file)."""
    method = methods.get(item.method_id) if methods is not None and item.method_id else None
    return method is not None and method.kind == MethodKind.SLOW_QUESTION


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
    except ValueError as e:
        problems["date"] = str(e)
    try:
        parse_time(plan.start_time)
    except ValueError:
        problems["start_time"] = _("Type a time such as 9:30.")
    present = [p for p in plan.participants if p.name.strip()]
    if not present:
        problems["participants"] = _("Add at least one participant.")
    elif not any(p.role == Role.CHAIR for p in present):
        problems["participants"] = _("Give one participant the role of chair (voorzitter).")
    if plan.region is not None:
        from .region import parse_places, places_problem

        if problem := places_problem(parse_places(plan.region)):
            problems["region"] = problem
    if not plan.agenda:
        problems["agenda"] = _("The agenda needs at least one item.")
    for number, item in enumerate(plan.agenda, 1):
        if not item.title.strip():
            problems["agenda"] = _("Item {n} has no title.").format(n=number)
        elif item.kind == AgendaKind.CASE_REVIEW:
            if (case_queries.case(store, item.case_id) is None if item.case_id
                    else not own_question_allowed(item, methods)):
                problems.setdefault("case", _("Pick a case for item {n}, the case review.")
                                    .format(n=number))
            if not item.method_id or (methods is not None and methods.get(item.method_id) is None):
                problems.setdefault("method", _("Pick a method for item {n}, the case review.")
                                    .format(n=number))
    return problems


def create_meeting(store: Store, plan: MeetingPlan, methods=None) -> Session:
    return _store_plan(store, plan, methods, None)


def update_meeting(store: Store, session_id: str, plan: MeetingPlan, methods=None) -> Session:
    """Store the edited plan of a meeting that has not started: same id, everything else new."""
    session = store.get(Session, session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    if session.status != SessionStatus.PLANNED:
        raise PlanError({"title": _("Only a planned meeting can be edited.")})
    return _store_plan(store, plan, methods, session)


def plan_of(store: Store, session_id: str) -> MeetingPlan:
    """A planned meeting as the plan the New meeting screen edits."""
    from .region import region_places

    session = store.get(Session, session_id)
    group = store.get(Group, session.group_id)
    return MeetingPlan(
        title=session.title, group_name=group.name if group else "",
        group_kind=group.kind if group else GroupKind.TEAM,
        date=format_date(session.date),
        start_time=session.start_time.strftime("%H:%M") if session.start_time else "",
        location=session.location,
        participants=[PlannedParticipant(person.name, p.role, p.attendance,
                                         person.organisation or "", person.discipline or "")
                      for p, person in meeting_queries.participants(store, session_id)],
        agenda=[PlannedItem(item.title, item.kind, item.case_id, item.method_id)
                for item in meeting_queries.agenda(store, session_id)],
        region=", ".join(region_places(store, group.id)) if group else "",
    )


@dataclass
class Offer:
    """What a new meeting of a known group is filled in with, and who was left out."""

    people: list[PlannedParticipant]
    guests: list[str] = field(default_factory=list)  # at the last meeting as a guest
    absent: list[str] = field(default_factory=list)  # members not there last time
    left: list[str] = field(default_factory=list)  # no longer on the roster


def offer_people(store: Store, group_name: str) -> Offer:
    """The group's members who were at its last meeting (present or arrived late), with
    the roles they had; else, when none was, its current roster. Guests of the last
    meeting are not offered (they are not of the group), nor those absent (a chair fills
    in who is expected, and adds one with ctrl+n), nor who left the roster since."""
    group = find_group(store, group_name)
    if group is None:
        return Offer([])
    members = {person.id for member, person in meeting_queries.roster(store, group.id)
               if member.left_on is None}
    last = meeting_queries.last_meeting(store, group.id)
    offer = Offer([])
    for p, person in meeting_queries.participants(store, last.id) if last else []:
        if p.role == Role.GUEST:
            offer.guests.append(person.name)
        elif person.id not in members:
            offer.left.append(person.name)
        elif not p.attendance.was_there:
            offer.absent.append(person.name)
        else:
            offer.people.append(PlannedParticipant(
                person.name, p.role, Attendance.PRESENT, person.organisation or "",
                person.discipline or ""))
    if not offer.people:
        offer.people = [PlannedParticipant(person.name, Role.PARTICIPANT, Attendance.PRESENT,
                                           person.organisation or "", person.discipline or "")
                        for _member, person in meeting_queries.roster(
                            store, group.id, on=dt.date.today())]
        offer.absent = []
    return offer


def people_to_offer(store: Store, group_name: str) -> list[PlannedParticipant]:
    """The people a new meeting of the group is filled in with (see `offer_people`)."""
    return offer_people(store, group_name).people


def find_group(store: Store, name: str) -> Group | None:
    """The group called `name` (any case), for a name typed where a new group may be
    meant: never by a start of an id (`meeting_queries.find_group` is for references)."""
    return next(iter(meeting_queries.groups_named(store, name.strip())), None)


def delete_meeting(store: Store, session_id: str) -> None:
    """Delete a meeting that has not started; a started one keeps its record."""
    meeting_queries.delete_planned_session(store, session_id)


# --- the group's roster -------------------------------------------------------------------


def join_group(store: Store, group: Group, person: Person, on: dt.date | None = None) -> GroupMember:
    """Put a person on the group's roster (again, if they had left); the member row."""
    current = next((m for m, p in meeting_queries.roster(store, group.id)
                    if p.id == person.id and m.left_on is None), None)
    if current is not None:
        return current
    return store.save(GroupMember(group_id=group.id, person_id=person.id,
                                               joined_on=on))


def leave_group(store: Store, member_id: str, on: dt.date) -> None:
    """A member leaves on a date; old minutes keep their name, new meetings no longer offer it."""
    member = store.get(GroupMember, member_id)
    if member is None:
        raise LookupError(f"no group member with id {member_id}")
    member.left_on = on
    store.save(member)


def save_person_details(store: Store, name: str, organisation: str = "",
                        discipline: str = "") -> Person:
    """The person of this name (made if new), with organisation and discipline as given."""
    name = clean(name).strip()
    person = next((p for p in meeting_queries.people(store) if p.name.casefold() == name.casefold()), None)
    person = person or Person(name=name)
    if clean(organisation).strip():
        person.organisation = clean(organisation).strip()
    if clean(discipline).strip():
        person.discipline = clean(discipline).strip()
    return store.save(person)


def _store_plan(store: Store, plan: MeetingPlan, methods, existing: Session | None) -> Session:
    plan = cleaned(plan)
    problems = check_plan(plan, store, methods)
    if problems:
        raise PlanError(problems)
    with store.transaction():
        group = find_group(store, plan.group_name)
        if group is None:
            group = store.save(Group(name=plan.group_name.strip(), kind=plan.group_kind))
        if plan.region is not None:  # the group's region, as the form shows it
            from .region import parse_places, set_region_places

            set_region_places(store, group.id, parse_places(plan.region))
        session = existing or Session(title=plan.title.strip(), group_id=group.id,
                                      date=parse_date(plan.date))
        session.title, session.group_id = plan.title.strip(), group.id
        session.date, session.start_time = parse_date(plan.date), parse_time(plan.start_time)
        session.location = plan.location.strip()
        store.save(session)
        if existing is not None:  # a planned meeting has captured nothing: start afresh
            for participant, _person in meeting_queries.participants(store, session.id):
                store.delete(Participant, participant.id)
            for item in meeting_queries.agenda(store, session.id):
                meeting_queries.delete_agenda_item(store, item.id)
        people = {p.name.casefold(): p for p in meeting_queries.people(store)}
        members = {p.id for m, p in meeting_queries.roster(store, group.id) if m.left_on is None}
        for planned in plan.participants:
            name = planned.name.strip()
            if not name:
                continue
            person = people.get(name.casefold()) or Person(name=name)
            if planned.organisation.strip():
                person.organisation = planned.organisation.strip()
            if planned.discipline.strip():
                person.discipline = planned.discipline.strip()
            store.save(person)
            people[name.casefold()] = person
            if person.id not in members and planned.role != Role.GUEST:
                members.add(person.id)
                store.save(GroupMember(group_id=group.id, person_id=person.id,
                                                    joined_on=session.date))
            store.save(Participant(
                session_id=session.id, person_id=person.id, role=planned.role,
                attendance=planned.attendance,
            ))
        for position, item in enumerate(plan.agenda, 1):
            review = item.kind == AgendaKind.CASE_REVIEW
            store.save(AgendaItem(
                session_id=session.id, position=position, title=item.title.strip(),
                kind=item.kind,
                    case_id=(case_queries.case(store, item.case_id).id
                             if review and item.case_id else None),
                method_id=item.method_id if review else None,
            ))
    return session
