"""A meeting's room, as the SQLite file keeps it: no web server here, no Starlette.

The chair opens a room for a running meeting; the room server (`room.server`, another
process) and the chair's app share nothing but these rows:

- `room_rooms`: one open room per meeting at most; the hash of its token (the token itself
  is only in the join address), whether the chair shows the case, when it closed. A closed
  room's token opens nothing again.
- `room_devices`: a phone or laptop that opened the address: the hash of its session
  cookie, its CSRF token, the name it claimed (one device per name), whether it evaluated.
- `room_entries`: what a person wrote in a step that asks each person, before the chair
  reveals it. Revealing hands it to the workshop's one path (`Workshop.capture`, or the
  closing round's `say_intention`), exactly as if the secretary had typed it, and empties
  the room's copy: the text then lives in one place, where search, minutes, privacy and
  memory find it.
- `room_ratings`: an anonymous rating of the meeting (no device, no moment); the
  evaluation items go to the evaluations every meeting keeps (`memory.evaluation`), also
  without a name.

Every write a participant makes is one short transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from statistics import mean
from typing import Any

from .. import i18n
from ..meeting import queries as meeting_queries
from ..memory import evaluation
from ..memory.intentions import COLUMNS as CLOSING_COLUMNS
from ..methods import MethodLibrary, resolve_method
from ..models import (
    AgendaItem,
    AgendaKind,
    FieldType,
    Session,
    SessionStatus,
    Step,
    StepField,
)
from ..storage.store import Store

TOKEN_BYTES = 24  # 192 bits of secrets.token_urlsafe: the issue asks for at least 128
# The closing item's round (learned, voornemen) has no field of a method: this key.
CLOSING = "closing"
MAX_DEVICES = 200  # a room for a group of eight: more devices than this is not a group
MAX_TEXT = 4000  # characters per answer: a long paragraph, not a document


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass(frozen=True)
class Room:
    id: str
    session_id: str
    case_shown: bool
    closed: bool


@dataclass(frozen=True)
class Device:
    id: str
    room_id: str
    csrf: str
    participant_id: str | None
    evaluated: bool


def _room(row) -> Room:
    return Room(row[0], row[1], bool(row[2]), row[3] is not None)


def open_room(store: Store, session_id: str) -> tuple[Room, str]:
    """A new room for a running meeting, and its token; a room the meeting had is closed
    (its address stops working)."""
    session = store.get(Session, session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    if session.status != SessionStatus.RUNNING:
        raise ValueError(i18n._("Only a running meeting can open its room."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    room_id = str(uuid.uuid4())
    with store.transaction():
        store.conn.execute("update room_rooms set closed_at = ? where session_id = ? and "
                           "closed_at is null", [_now(), session_id])
        store.conn.execute("insert into room_rooms (id, session_id, token_hash, case_shown, "
                           "opened_at, closed_at) values (?, ?, ?, 0, ?, null)",
                           [room_id, session_id, digest(token), _now()])
    return Room(room_id, session_id, False, False), token


def close_room(store: Store, room_id: str) -> None:
    """Ends every participant's access: the token and every device's cookie stop working."""
    with store.transaction():
        store.conn.execute("update room_rooms set closed_at = ? where id = ? and "
                           "closed_at is null", [_now(), room_id])


def close_rooms_of(store: Store, session_id: str) -> None:
    with store.transaction():
        store.conn.execute("update room_rooms set closed_at = ? where session_id = ? and "
                           "closed_at is null", [_now(), session_id])


def get_room(store: Store, room_id: str) -> Room | None:
    rows = store.query("select id, session_id, case_shown, closed_at from room_rooms "
                       "where id = ?", [room_id])
    return _room(rows[0]) if rows else None


def room_by_token(store: Store, token: str) -> Room | None:
    """The open room of this token, in a running meeting; None for any other token."""
    if not token or len(token) > 100:
        return None
    rows = store.query(
        "select r.id, r.session_id, r.case_shown, r.closed_at from room_rooms r "
        "join sessions s on s.id = r.session_id where r.token_hash = ? and "
        "r.closed_at is null and s.status = ?", [digest(token), SessionStatus.RUNNING.value])
    return _room(rows[0]) if rows else None


def show_case(store: Store, room_id: str, shown: bool) -> None:
    with store.transaction():
        store.conn.execute("update room_rooms set case_shown = ? where id = ?",
                           [int(shown), room_id])


# --- devices and names ------------------------------------------------------------------


def new_device(store: Store, room: Room) -> tuple[Device, str] | None:
    """A device that opened the address: its row, and the cookie to give it (None when
    the room has as many devices as it takes)."""
    cookie = secrets.token_urlsafe(32)
    device = Device(str(uuid.uuid4()), room.id, secrets.token_urlsafe(32), None, False)
    with store.transaction():
        count = store.conn.execute("select count(*) from room_devices where room_id = ?",
                                   [room.id]).fetchone()[0]
        if count >= MAX_DEVICES:
            return None
        store.conn.execute(
            "insert into room_devices (id, room_id, cookie_hash, csrf, participant_id, "
            "evaluated, created_at) values (?, ?, ?, ?, null, 0, ?)",
            [device.id, room.id, digest(cookie), device.csrf, _now()])
    return device, cookie


def device(store: Store, room: Room, cookie: str | None) -> Device | None:
    if not cookie or len(cookie) > 100:
        return None
    rows = store.query("select id, room_id, csrf, participant_id, evaluated from "
                       "room_devices where cookie_hash = ? and room_id = ?",
                       [digest(cookie), room.id])
    return Device(rows[0][0], rows[0][1], rows[0][2], rows[0][3], bool(rows[0][4])) \
        if rows else None


def people_present(store: Store, session_id: str) -> list[tuple[str, str]]:
    """(participant id, name) of everyone there: the names a device can claim."""
    return [(p.id, person.name) for p, person in meeting_queries.participants(store, session_id)
            if p.attendance.was_there]


def claimed(store: Store, room: Room) -> dict[str, str]:
    """Participant id -> device id, for the names claimed in this room."""
    return dict(store.query("select participant_id, id from room_devices where room_id = ? "
                            "and participant_id is not null", [room.id]))


def claim(store: Store, room: Room, dev: Device, participant_id: str) -> bool:
    """This device takes a name; False when another device has it, or it is not a name of
    someone present."""
    if participant_id not in dict(people_present(store, room.session_id)):
        return False
    with store.transaction():
        taken = store.conn.execute(
            "select id from room_devices where room_id = ? and participant_id = ?",
            [room.id, participant_id]).fetchone()
        if taken and taken[0] != dev.id:
            return False
        store.conn.execute("update room_devices set participant_id = ? where id = ?",
                           [participant_id, dev.id])
    return True


def free_name(store: Store, room_id: str, participant_id: str) -> None:
    """The chair frees a name (a phone that died, a wrong tap): its device is let go."""
    with store.transaction():
        store.conn.execute("update room_devices set participant_id = null where room_id = ? "
                           "and participant_id = ?", [room_id, participant_id])


# --- where the meeting is, as a participant may see it ------------------------------------


@dataclass(frozen=True)
class Where:
    """What the room page shows now: never the tips for the chair or the case's notes."""

    session: Session
    item: AgendaItem
    step: Step | None
    own_fields: tuple[StepField, ...]  # the fields each person writes (per person)
    evaluation: bool  # the step asks for an evaluation of the meeting (a rating)
    rating_field: StepField | None
    step_number: int = 0  # 1-based; 0 for an item without steps

    @property
    def place(self) -> str:
        """Changes whenever the page should follow the chair."""
        return f"{self.item.id}:{self.step.id if self.step else ''}"


CLOSING_FIELD = StepField(key=CLOSING, type=FieldType.PER_PARTICIPANT,
                          label={"nl": "Slotronde", "en": "Closing round"},
                          columns=[{"key": "learned", "label": {"nl": "Geleerd",
                                                                "en": "Learned"}},
                                   {"key": "intention", "label": {"nl": "Voornemen",
                                                                  "en": "Intention"}}])
assert tuple(c.key for c in CLOSING_FIELD.columns) == CLOSING_COLUMNS


def where(store: Store, session_id: str, methods: MethodLibrary | None = None) -> Where | None:
    session = store.get(Session, session_id)
    if session is None or session.status != SessionStatus.RUNNING:
        return None
    items = meeting_queries.agenda(store, session_id)
    if not items:
        return None
    item = next((i for i in items if i.id == session.current_item_id), items[0])
    if item.kind == AgendaKind.CLOSING_ROUND:
        return Where(session, item, None, (CLOSING_FIELD,), True, None)
    method = resolve_method(item, methods) if item.kind == AgendaKind.CASE_REVIEW else None
    if method is None or not method.steps:
        return Where(session, item, None, (), False, None)
    index = min(item.current_step, len(method.steps) - 1)
    step = method.steps[index]
    own = tuple(f for f in step.fields if f.type == FieldType.PER_PARTICIPANT)
    rating = next((f for f in step.fields if f.type == FieldType.RATING), None)
    return Where(session, item, step, own, rating is not None, rating, index + 1)


# --- writing one's own round -----------------------------------------------------------


@dataclass(frozen=True)
class Written:
    value: dict[str, str]
    revealed: bool


def written(store: Store, item_id: str, participant_id: str) -> dict[str, Written]:
    """What this person wrote in the item, by field."""
    return {key: Written(json.loads(value or "{}"), revealed is not None)
            for key, value, revealed in store.query(
                "select field_key, value, revealed_at from room_entries where item_id = ? "
                "and participant_id = ?", [item_id, participant_id])}


def write(store: Store, here: Where, participant_id: str, field: StepField,
          answers: dict[str, str]) -> bool:
    """Keep what one person wrote for their own round (one transaction); False when it
    was revealed already (then it is the group's, and the secretary corrects it)."""
    known = {c.key for c in field.columns}
    value = {k: v.strip()[:MAX_TEXT] for k, v in answers.items() if k in known and v.strip()}
    with store.transaction():
        row = store.conn.execute(
            "select revealed_at from room_entries where item_id = ? and field_key = ? and "
            "participant_id = ?", [here.item.id, field.key, participant_id]).fetchone()
        if row and row[0] is not None:
            return False
        store.conn.execute(
            "insert or replace into room_entries (item_id, field_key, participant_id, value, "
            "written_at, revealed_at) values (?, ?, ?, ?, ?, null)",
            [here.item.id, field.key, participant_id, json.dumps(value), _now()])
    return True


def counts(store: Store, room: Room, here: Where | None) -> tuple[int, int, int]:
    """(joined, written, not yet revealed) in the step on screen: for the shared screen,
    who has written is a number, never what."""
    joined = store.query("select count(*) from room_devices where room_id = ? and "
                         "participant_id is not null", [room.id])[0][0]
    if here is None or not here.own_fields:
        return joined, 0, 0
    keys = [f.key for f in here.own_fields]
    marks = ",".join("?" * len(keys))
    written_by, pending = store.query(
        f"select count(distinct participant_id), "
        f"count(distinct case when revealed_at is null then participant_id end) "
        f"from room_entries where item_id = ? and field_key in ({marks})",
        [here.item.id, *keys])[0]
    return joined, written_by, pending


def who_has_written(store: Store, here: Where) -> set[str]:
    keys = [f.key for f in here.own_fields]
    if not keys:
        return set()
    marks = ",".join("?" * len(keys))
    return {row[0] for row in store.query(
        f"select participant_id from room_entries where item_id = ? and field_key in "
        f"({marks})", [here.item.id, *keys])}


def reveal(store: Store, workshop) -> int:
    """The chair reveals the step's own round: every entry not yet revealed becomes the
    step's per-person value through the workshop's one path, as if typed there. Returns
    how many people's entries were revealed."""
    here = where(store, workshop.session.id, workshop.methods)
    if here is None or here.item.id != workshop.item.id:
        return 0
    people = {p.id: p.person_id for p, _person in workshop.attendance()}
    revealed: set[str] = set()
    for field in here.own_fields:
        rows = store.query("select participant_id, value from room_entries where item_id = ? "
                           "and field_key = ? and revealed_at is null",
                           [here.item.id, field.key])
        if not rows:
            continue
        new = {pid: json.loads(value or "{}") for pid, value in rows if pid in people}
        if field.key == CLOSING:
            for pid, answers in new.items():
                workshop.say_intention(people[pid], answers.get("learned", ""),
                                       answers.get("intention", ""))
        else:
            # What the secretary typed for someone who also wrote on their device is kept
            # beside it (`merge_values`: nothing typed is lost), else their own text.
            from ..live.workshop import merge_values

            shown = workshop.value(field.key) or {}
            merged = {**shown, **{pid: merge_values(shown.get(pid), row)
                                  for pid, row in new.items()}}
            workshop.capture(here.item.id, field.key, merged, shown=shown)
        with store.transaction():
            store.conn.executemany(
                "update room_entries set value = '{}', revealed_at = ? where item_id = ? and "
                "field_key = ? and participant_id = ?",
                [(_now(), here.item.id, field.key, pid) for pid, _value in rows])
        revealed |= set(new)
    if here.rating_field is not None:
        _count, figure = rating_figure(store, here.item.id)
        if figure is not None:
            shown = workshop.value(here.rating_field.key) or {}
            workshop.capture(here.item.id, here.rating_field.key,
                             {**shown, "score": round(figure)}, shown=shown)
    return len(revealed)


# --- the anonymous evaluation ---------------------------------------------------------

SHOWN_FROM = 3  # a group figure only once this many answered: fewer could be told apart


def evaluate(store: Store, here: Where, dev: Device, answers: dict[str, int],
             rating: int | None, open_answer: str = "") -> bool:
    """One person's evaluation, stored without their name or a moment: the items as every
    evaluation is kept, the rating of the meeting as a row of its own. The device is only
    marked as having answered (once). False when it had."""
    answers = {k: v for k, v in answers.items() if k in evaluation.ITEMS and 1 <= v <= 5}
    with store.transaction():
        done = store.conn.execute("select evaluated from room_devices where id = ?",
                                  [dev.id]).fetchone()
        if done is None or done[0]:
            return False
        if answers or open_answer.strip():
            evaluation.record(store, here.session.id, answers, open_answer[:MAX_TEXT])
        if rating is not None and 1 <= rating <= 5:
            store.conn.execute("insert into room_ratings (id, item_id, score) values (?, ?, ?)",
                               [str(uuid.uuid4()), here.item.id, rating])
        store.conn.execute("update room_devices set evaluated = 1 where id = ?", [dev.id])
    return True


def evaluated_count(store: Store, room: Room) -> int:
    return store.query("select count(*) from room_devices where room_id = ? and evaluated",
                       [room.id])[0][0]


def rating_figure(store: Store, item_id: str) -> tuple[int, float | None]:
    """(how many rated, their mean): the mean only from `SHOWN_FROM` ratings on."""
    scores = [row[0] for row in store.query("select score from room_ratings where item_id = ?",
                                            [item_id])]
    return len(scores), (mean(scores) if len(scores) >= SHOWN_FROM else None)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
