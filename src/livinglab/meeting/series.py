"""Series of meetings (gesprekscyclus): a group's programme — dates, a theme and a short
description each, as a regional working group plans six sessions a year — read from a
TOML file, and the next meeting created from it.

    [series]
    name = "Werkgroep Wijkprofessionals 2027"
    group = "Regionale werkgroep Wijkprofessionals Kust"
    description = "Zes bijeenkomsten over kennis die blijft"
    start_time = "9:30"
    location = "Buurthuis De Kaap"
    evaluate_every = 3
    people = ["Anouk Visser (voorzitter)", "Bram de Wit (notulist)", "Sander Kok"]

    [[meetings]]
    date = 2027-01-14
    theme = "Trage vragen"
    description = "Wat houden we vast als collega's vertrekken?"
    method = "trage-vragen"
    case = "kennis-die-blijft"

A file with a mistake is refused whole, with the file, the line and the field.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..i18n import N_, _, format_date
from ..models import AgendaKind, Group, PlannedSession, Role, Series
from .planning import (
    MeetingPlan, PlannedItem, PlannedParticipant, create_meeting, default_agenda, parse_time,
)
from ..problems import LoadProblem, load_problem, read_input_text
from ..storage.refs import Noun, resolve
from ..storage.store import Store
from ..library import queries as case_queries
from . import queries as meeting_queries
from ..models import Session


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    group: str = Field(min_length=1)
    description: str = ""
    start_time: str = ""
    location: str = ""
    evaluate_every: int = Field(default=0, ge=0)
    people: list[str] = []

    @field_validator("start_time")
    @classmethod
    def _time(cls, text: str) -> str:
        try:
            parse_time(text)
        except ValueError:
            raise ValueError("a time such as 9:30") from None
        return text


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    series: _Header
    meetings: list[PlannedSession] = Field(min_length=1)


def _line_of(text: str, loc: tuple) -> int | None:
    """The line a field path points at: the n-th [[meetings]] table, then the key in it."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    if loc and loc[0] in ("series", "meetings"):
        header = r"\[\s*series\s*\]" if loc[0] == "series" else r"\[\[\s*meetings\s*\]\]"
        starts = [n for n, line in enumerate(lines) if re.match(rf"\s*{header}", line)]
        index = loc[1] if loc[0] == "meetings" and len(loc) > 1 and isinstance(loc[1], int) else 0
        if index >= len(starts):
            return starts[-1] + 1 if starts else None
        start = starts[index]
        later = [n for n, line in enumerate(lines) if n > start and re.match(r"\s*\[", line)]
        end = later[0] if later else len(lines)
        keys = [part for part in loc[1:] if isinstance(part, str)]
        for n in range(start, end):
            if keys and re.match(rf"\s*{re.escape(keys[0])}\s*=", lines[n]):
                return n + 1
        return start + 1
    return None


def _person(text: str) -> PlannedParticipant:
    """'Anouk Visser (voorzitter)' -> a participant with that role."""
    found = re.fullmatch(r"\s*(.*?)\s*\((.+)\)\s*", text)
    if found:
        role = next((r for r in Role if r.value == found.group(2).strip().casefold()), None)
        if role:
            return PlannedParticipant(found.group(1), role)
    return PlannedParticipant(text.strip())


def parse_series(text: str, path: Path | str) -> tuple[_Header, list[PlannedSession]]:
    """A series file's text, checked whole; LoadProblem with the line and field otherwise."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise load_problem(path, e) from None
    try:
        parsed = _File.model_validate(data)
    except ValidationError as e:
        raise load_problem(path, e, lambda loc: _line_of(text, loc)) from None
    dates = [m.date for m in parsed.meetings]
    for index, day in enumerate(dates):
        if day in dates[:index]:
            raise LoadProblem(path, _("meetings[{n}].date: {date} is in the series twice").format(
                n=index, date=day.isoformat()), _line_of(text, ("meetings", index, "date")))
    return parsed.series, parsed.meetings  # in the file's order, for the line of a problem


def import_series(store: Store, path: Path, methods=None) -> Series:
    """Store the series in a file (replacing a series of the same name and group, and
    keeping the meetings already created from it); LoadProblem for a bad file."""
    text = read_input_text(path)
    header, meetings = parse_series(text, path)
    for index, meeting in enumerate(meetings):
        if meeting.case and case_queries.case(store, meeting.case) is None:
            raise LoadProblem(path, f"meetings[{index}].case: " + _("no case with id {ref}").format(
                ref=meeting.case), _line_of(text, ("meetings", index, "case")))
        if meeting.method and methods is not None and methods.get(meeting.method) is None:
            raise LoadProblem(path, f"meetings[{index}].method: " + _(
                "no method with id {id}").format(id=meeting.method),
                _line_of(text, ("meetings", index, "method")))
    meetings = sorted(meetings, key=lambda m: m.date)
    with store.transaction():
        group = next((g for g in meeting_queries.groups(store)
                      if g.name.casefold() == header.group.strip().casefold()), None)
        if group is None:
            group = store.save(Group(name=header.group.strip()))
        existing = next((s for s in meeting_queries.series(store, group.id)
                         if s.name.casefold() == header.name.casefold()), None)
        created = {m.date: m.session_id for m in existing.meetings} if existing else {}
        for meeting in meetings:
            meeting.session_id = created.get(meeting.date)
        series = Series(
            name=header.name.strip(), group_id=group.id, description=header.description,
            start_time=parse_time(header.start_time), location=header.location,
            evaluate_every=header.evaluate_every, people=header.people, meetings=meetings,
            **({"id": existing.id, "created_at": existing.created_at} if existing else {}))
        store.save(series)
    return series


def series_named(store: Store, name: str) -> list[Series]:
    """The series called `name`, in any case: a series' own word for a reference."""
    return [s for s in meeting_queries.series(store) if s.name.casefold() == name.casefold()]


SERIES = Noun(Series, N_("no series {ref}"),
              N_("{ref} matches more than one series; give more of the id"),
              extras=(series_named,))


def find_series(store: Store, ref: str) -> Series:
    """A series by id, name (any case) or a unique start of its id; RefError otherwise."""
    return resolve(store, SERIES, ref)


def series_of_session(store: Store, session_id: str) -> Series | None:
    """The series a meeting was created from, if any."""
    session = store.get(Session, session_id)
    if session is None:
        return None
    return next((s for s in meeting_queries.series(store, group_id=session.group_id)
                 if any(m.session_id == session_id for m in s.meetings)), None)


def series_to_continue(store: Store, group_id: str | None = None) -> Series | None:
    """The series whose next meeting one key creates: of this group (the one whose next
    meeting comes first), or without a group the only series with meetings to create."""
    waiting = [s for s in meeting_queries.series(store, group_id=group_id) if next_planned(s)]
    if group_id is None and len(waiting) != 1:
        return None
    return min(waiting, key=lambda s: next_planned(s)[1].date, default=None)


def next_planned(series: Series) -> tuple[int, PlannedSession] | None:
    """The first meeting of the series not yet created."""
    return next(((n, m) for n, m in enumerate(series.meetings) if m.session_id is None), None)


def _participants(store: Store, series: Series, people: list[str]) -> list[PlannedParticipant]:
    """The people of the group's latest meeting (roles kept), else those the file names."""
    earlier = meeting_queries.sessions(store, group_id=series.group_id, limit=1)
    if earlier:
        names = {p.id: p.name for p in meeting_queries.people(store)}
        return [PlannedParticipant(names[p.person_id], p.role)
                for p, _person in meeting_queries.participants(store, earlier[0].id)]
    return [_person(text) for text in people]


def create_next_meeting(store: Store, series_id: str, methods=None):
    """Create the series' next meeting (title, date, time, place, agenda with the theme and,
    when the plan names both, a case review); PlanError when it cannot be planned (no
    chair), LookupError when every meeting of the series exists already."""
    series = store.get(Series, series_id)
    found = next_planned(series) if series else None
    if found is None:
        raise LookupError(_("every meeting of the series has been created"))
    index, planned = found
    group = store.get(Group, series.group_id)
    theme = PlannedItem(planned.theme)
    if planned.method and planned.case:
        theme = PlannedItem(planned.theme, AgendaKind.CASE_REVIEW, planned.case, planned.method)
    # The usual agenda, with the theme of the day where the case review would be.
    agenda = [theme if item.kind == AgendaKind.CASE_REVIEW else item for item in default_agenda()]
    session = create_meeting(store, MeetingPlan(
        title=planned.title or f"{series.name}: {planned.theme}", group_name=group.name,
        group_kind=group.kind, date=format_date(planned.date),
        start_time=series.start_time.strftime("%H:%M") if series.start_time else "",
        location=series.location,
        participants=_participants(store, series, series.people),
        agenda=agenda), methods)
    series.meetings[index].session_id = session.id
    series.meetings = list(series.meetings)
    store.save(series)
    return session


def is_evaluation_due(series: Series, session_id: str) -> bool:
    """Whether the group evaluates at this meeting: after every `evaluate_every` meetings."""
    if not series.evaluate_every:
        return False
    ids = [m.session_id for m in series.meetings]
    return session_id in ids and (ids.index(session_id) + 1) % series.evaluate_every == 0

