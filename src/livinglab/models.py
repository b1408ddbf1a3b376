"""The domain, as pydantic models: what a group plans, runs, captures and keeps.

Every record that can leave the machine (minutes, an export, a bundle) has a UUID as
its id, so the records of two teams can be merged without clashes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

# Practice runs are sessions of one group that no list or search shows; its id lives in
# `ids`, where code that must not import pydantic (opening a file, listing) reads it.
from .ids import PRACTICE_GROUP_ID  # noqa: F401

# A stable namespace so that a case's slug always gives the same UUID on every machine.
CASE_NAMESPACE = uuid.UUID("6f1c2a52-8d0e-4b7e-9a51-3c7d1f0b2e64")


def new_id() -> str:
    return str(uuid.uuid4())


def case_id_for(slug: str) -> str:
    return str(uuid.uuid5(CASE_NAMESPACE, slug))


def now() -> dt.datetime:
    """The present moment, in UTC: a moment means the same on every machine."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A moment in UTC; an old naive value was written in local time, so it is read so."""
    return moment.astimezone(dt.UTC)  # astimezone() takes a naive value as local time


def local(moment: dt.datetime) -> dt.datetime:
    """A moment in the local time zone: what a person is shown."""
    return as_utc(moment).astimezone()


# A moment something happened (created, updated, started): aware UTC. Calendar values (a
# planned date or start time, a due date) are plain dates and times, local by meaning.
Moment = Annotated[dt.datetime, AfterValidator(as_utc)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


Id = Annotated[str, Field(default_factory=new_id)]
Bilingual = dict[Literal["nl", "en"], str]


# --- groups, people, meetings -------------------------------------------------------


class GroupKind(StrEnum):
    TEAM = "team"  # a sociaal wijkteam
    WORKING_GROUP = "werkgroep"
    STEERING_GROUP = "stuurgroep"
    CLASS = "klas"  # students practising casuistry


class Group(Model):
    id: Id
    name: str = Field(min_length=1)
    kind: GroupKind = GroupKind.TEAM
    municipality: str | None = None
    updated_at: Moment | None = None  # last edit; None: as created (see store triggers)


class Person(Model):
    id: Id
    name: str = Field(min_length=1)
    organisation: str | None = None
    # Wijkteam generalist, Wmo-consulent, ervaringsdeskundige ...: the minutes show it, so a
    # group sees whether a review truly mixed disciplines.
    discipline: str | None = None


class GroupMember(Model):
    """A person on a group's roster; one who left keeps the date and stays in old minutes."""

    id: Id
    group_id: str
    person_id: str
    joined_on: dt.date | None = None
    left_on: dt.date | None = None


class Role(StrEnum):
    CHAIR = "voorzitter"
    SECRETARY = "notulist"
    CASE_OWNER = "casusinbrenger"
    PARTICIPANT = "deelnemer"
    TIMEKEEPER = "tijdbewaker"
    OBSERVER = "observator"
    GUEST = "gast"  # at one meeting, not of the group: not on its roster, not offered next time


class Attendance(StrEnum):
    PRESENT = "aanwezig"
    ABSENT_WITH_NOTICE = "afwezig-met-bericht"
    ABSENT = "afwezig"
    LATE = "later-aangeschoven"

    @property
    def was_there(self) -> bool:
        return self in (Attendance.PRESENT, Attendance.LATE)


class Participant(Model):
    id: Id
    session_id: str
    person_id: str
    role: Role = Role.PARTICIPANT
    attendance: Attendance = Attendance.PRESENT


class SessionStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    FINISHED = "finished"


class MinutesStatus(StrEnum):
    CONCEPT = "concept"
    SETTLED = "vastgesteld"


class Session(Model):
    """One meeting of a group."""

    id: Id
    title: str = Field(min_length=1)
    group_id: str
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str = ""
    status: SessionStatus = SessionStatus.PLANNED
    current_item_id: str | None = None  # where a running meeting is, for resuming
    created_at: Moment = Field(default_factory=now)
    # start_time/end_time are the plan; these are when the meeting truly began and ended.
    started_at: Moment | None = None
    ended_at: Moment | None = None
    minutes_status: MinutesStatus = MinutesStatus.CONCEPT
    minutes_settled_on: dt.date | None = None
    updated_at: Moment | None = None  # last edit; None: as created


class AgendaKind(StrEnum):
    PLAIN = "plain"
    CASE_REVIEW = "case-review"
    ACTION_FOLLOW_UP = "action-follow-up"
    APPROVE_MINUTES = "approve-minutes"
    CLOSING_ROUND = "closing-round"


class AgendaItem(Model):
    id: Id
    session_id: str
    position: int
    title: str = Field(min_length=1)
    kind: AgendaKind = AgendaKind.PLAIN
    notes: str = ""
    case_id: str | None = None
    method_id: str | None = None
    # The method as it was when the review ran: minutes stay true even if the file changes.
    method_snapshot: dict[str, Any] | None = None
    current_step: int = 0
    done: bool = False


# --- cases ------------------------------------------------------------------------------


class CaseKind(StrEnum):
    SLOW_QUESTION = "trage-vraag"
    DILEMMA = "dilemma"
    TENSION = "spanning"
    CASE = "casus"


class CaseSection(Model):
    title: str
    body: str


class Case(Model):
    id: str  # uuid5 of the slug: stable across machines
    slug: str
    title: str = Field(min_length=1)
    kind: CaseKind
    themes: list[str] = []
    team: str | None = None
    municipality: str | None = None
    language: str = "nl"
    suggested_method: str | None = None
    source: str | None = None
    sections: list[CaseSection] = []
    facilitator_notes: str = ""  # the section "Voor de begeleider": hidden from participants
    updated_at: Moment | None = None  # last edit; None: as created

    @property
    def body_text(self) -> str:
        return "\n\n".join(section.body for section in self.sections)


# A case's metadata: what a case file's front matter says about it (library/cases.py
# reads these fields, as declared above, from it).
CASE_METADATA = ("title", "kind", "themes", "team", "municipality", "language",
                 "suggested_method", "source")


# --- methods ----------------------------------------------------------------------------


class MethodKind(StrEnum):
    SLOW_QUESTION = "trage-vraag"
    DILEMMA = "dilemma"
    TENSION = "spanning"
    PEER_REVIEW = "intervisie"
    CASE_CONSULTATION = "casusoverleg"


class FieldType(StrEnum):
    TEXT = "text"
    LIST = "list"
    DILEMMA = "dilemma"
    TABLE = "table"
    PER_PARTICIPANT = "per_participant"
    POLARITY = "polarity"
    ACTIONS = "actions"
    DECISIONS = "decisions"
    PARKING = "parking"
    RATING = "rating"
    DATE = "date"
    CHOICE = "choice"


class Column(Model):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Bilingual


class StepField(Model):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Bilingual
    type: FieldType
    columns: list[Column] = []  # for table and per_participant
    options: list[Column] = []  # for choice: what the group can choose, one of them
    # The part of a field where the cursor starts in this step, for a field that several
    # steps share (the polarity map: its poles in one step, its warnings in another).
    start: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")

    @field_validator("columns", "options")
    @classmethod
    def _columns_unique(cls, columns: list[Column]) -> list[Column]:
        keys = [c.key for c in columns]
        if len(keys) != len(set(keys)):
            raise ValueError("keys must be unique")
        return columns

    def model_post_init(self, __context: Any) -> None:
        needs_columns = self.type in (FieldType.TABLE, FieldType.PER_PARTICIPANT)
        if needs_columns and not self.columns:
            raise ValueError(f"a {self.type.value} field needs columns")
        if self.type == FieldType.CHOICE and len(self.options) < 2:
            raise ValueError("a choice field needs at least two options")


class Step(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: Bilingual
    aim: Bilingual
    questions: list[Bilingual] = Field(min_length=2)
    minutes: int = Field(ge=1, le=240)
    tips: list[Bilingual] = []
    fields: list[StepField] = []

    @field_validator("fields")
    @classmethod
    def _field_keys_unique(cls, fields: list[StepField]) -> list[StepField]:
        keys = [f.key for f in fields]
        if len(keys) != len(set(keys)):
            raise ValueError("field keys must be unique within a step")
        return fields


class Method(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: Bilingual
    description: Bilingual
    kind: MethodKind
    roles: list[Role] = []
    steps: list[Step] = Field(min_length=1)

    @field_validator("steps")
    @classmethod
    def _step_ids_unique(cls, steps: list[Step]) -> list[Step]:
        ids = [s.id for s in steps]
        if len(ids) != len(set(ids)):
            raise ValueError("step ids must be unique")
        # A field key names one piece of content in the whole method: a key in several
        # steps (a polarity map filled over five steps) is the same content, so one type.
        types: dict[str, FieldType] = {}
        for step in steps:
            for f in step.fields:
                if types.setdefault(f.key, f.type) != f.type:
                    raise ValueError(
                        f"field {f.key!r} is {types[f.key].value} in one step and "
                        f"{f.type.value} in step {step.id!r}; a key keeps one type"
                    )
        return steps

    def fields(self) -> dict[str, StepField]:
        """Every field of the method by key, in the order the steps first show it."""
        found: dict[str, StepField] = {}
        for step in self.steps:
            for f in step.fields:
                found.setdefault(f.key, f)
        return found

    def last_step_of(self, key: str) -> str:
        """The last step showing a field: where its content is complete."""
        return [s.id for s in self.steps if any(f.key == key for f in s.fields)][-1]

    @property
    def total_minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)


# --- what a review captures -----------------------------------------------------------
# The value of each field type lives with its type in `livinglab.fields`.


class Entry(Model):
    """What was captured for one field of one agenda item's method."""

    id: Id
    item_id: str
    field_key: str
    value: Any
    updated_at: Moment = Field(default_factory=now)


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class Action(Model):
    id: Id
    group_id: str
    session_id: str
    item_id: str | None = None
    step_id: str | None = None
    what: str = Field(min_length=1)
    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    created_at: Moment = Field(default_factory=now)
    updated_at: Moment | None = None  # last edit; None: as created


class ActionOutcome(StrEnum):
    DONE = "done"
    CONTINUED = "continued"
    REASSIGNED = "reassigned"
    DROPPED = "dropped"


class ActionEvent(Model):
    """What a meeting decided about an open action: its history, kept."""

    id: Id
    action_id: str
    session_id: str  # the meeting that followed it up
    outcome: ActionOutcome
    due: dt.date | None = None  # the new date, when continued
    owner: str = ""  # the new owner, when reassigned
    reason: str = ""  # why it was dropped
    at: Moment = Field(default_factory=now)
    # The action as it stood before this event, so a meeting's minutes read it as it was
    # then, whatever later meetings did with it. None: an event of a version that did not
    # keep it (see meeting.queries.as_of).
    was_status: ActionStatus | None = None
    was_due: dt.date | None = None
    was_owner: str = ""


class MinutesChange(StrEnum):
    CORRECTED = "corrected"
    SETTLED = "settled"
    REOPENED = "reopened"


class MinutesEvent(Model):
    """A step in the life of a meeting's minutes: corrected, approved (vastgesteld), reopened."""

    id: Id
    session_id: str  # the meeting whose minutes changed
    change: MinutesChange
    note: str = ""  # the corrections, or why settled minutes were reopened
    by_session_id: str | None = None  # the meeting that approved them
    at: Moment = Field(default_factory=now)


class Decision(Model):
    id: Id
    session_id: str
    item_id: str | None = None
    step_id: str | None = None
    text: str = Field(min_length=1)
    created_at: Moment = Field(default_factory=now)
    share: bool = False  # te delen in de regio
    updated_at: Moment | None = None  # last edit; None: as created


class SlowQuestionStatus(StrEnum):
    OPEN = "open"
    EXPLORING = "in-verkenning"
    INSIGHT = "inzicht-bereikt"
    SETTLED = "afgerond"  # closed


class QuestionWork(Model):
    """What one meeting did with a slow question: its wording then, what it added, and
    what it left open (kept: the next meeting starts there)."""

    session_id: str
    item_id: str | None = None
    date: dt.date
    wording: str = ""
    added: list[str] = []
    left_open: list[str] = []


class SlowQuestion(Model):
    id: Id
    group_id: str
    question: str = Field(min_length=1)  # in the group's own words; the case's at first
    status: SlowQuestionStatus = SlowQuestionStatus.OPEN
    to_region: bool = False  # the group takes the question to the region: its "te delen"
    themes: list[str] = []
    case_id: str | None = None
    session_id: str | None = None  # the meeting that first took it up
    history: list[QuestionWork] = []  # oldest first
    created_at: Moment = Field(default_factory=now)
    updated_at: Moment | None = None  # last edit; None: as created


class Tension(Model):
    id: Id
    group_id: str
    pole_a: str = Field(min_length=1)
    pole_b: str = Field(min_length=1)
    session_id: str | None = None
    case_id: str | None = None
    share: bool = False  # te delen in de regio
    updated_at: Moment | None = None  # last edit; None: as created


class Lesson(Model):
    """Kennisoogst: what a meeting yields for people who were not there."""

    id: Id
    group_id: str
    session_id: str | None = None
    text: str = Field(min_length=1)
    themes: list[str] = []
    share: bool = True  # te delen in de regio
    created_at: Moment = Field(default_factory=now)
    updated_at: Moment | None = None  # last edit; None: as created


class StepTime(Model):
    """Time planned and spent on one step of one agenda item, in seconds."""

    item_id: str
    step_id: str
    planned_seconds: int
    spent_seconds: float = 0  # fractions too: many short pauses must not lose time
    extra_seconds: int = 0  # minutes the facilitator added


# --- the group's memory: precedents, voornemens (issue 12) ------------------------------


class Precedent(Model):
    """Moresprudentie: how a group weighed a moral dilemma, for a later group facing a
    similar one. One per dilemma review (its id follows from the review's)."""

    id: Id
    group_id: str
    session_id: str
    item_id: str
    case_id: str | None = None
    title: str = ""  # the case's title
    dilemma: str = ""  # the moral question, and its two options
    values: list[str] = []  # the values that weighed
    choices: str = ""  # how the people present chose (A and B, counted)
    choice: str = ""  # what the group concluded
    why: str = ""  # the reasons, from the dialogue
    themes: list[str] = []
    created_at: Moment = Field(default_factory=now)
    share: bool = False  # te delen in de regio
    updated_at: Moment | None = None  # last edit; None: as created


class Intention(Model):
    """A voornemen from a meeting's closing round: what one person learned and will do
    differently; the group's next meeting asks what came of it, and keeps the answer."""

    id: Id
    group_id: str
    session_id: str
    person_id: str
    learned: str = ""
    intention: str = ""
    # The follow-up at a later meeting: done or not, and what the person says (why not).
    followed_up_in: str | None = None
    done: bool | None = None
    answer: str = ""
    created_at: Moment = Field(default_factory=now)


class PlannedSession(Model):
    """One meeting in a series: its date, theme and a short description."""

    date: dt.date
    theme: str = Field(min_length=1)
    title: str = ""  # the meeting's title (default: the series' name and the theme)
    description: str = ""
    method: str | None = None  # a case review with this method and case, when both given
    case: str | None = None
    session_id: str | None = None  # the meeting once it is created


class Series(Model):
    """A gesprekscyclus: a programme of meetings for one group."""

    id: Id
    name: str = Field(min_length=1)
    group_id: str
    description: str = ""
    start_time: dt.time | None = None
    location: str = ""
    evaluate_every: int = Field(default=0, ge=0)  # meetings between evaluations; 0: none
    people: list[str] = []  # "Name (role)": who takes part until a meeting has people
    meetings: list[PlannedSession] = []
    created_at: Moment = Field(default_factory=now)


class Evaluation(Model):
    """One person's answers to a group's evaluation, kept anonymous: no person, no
    moment, only the meeting it belongs to (items scored 1-5, and an open answer)."""

    id: Id
    group_id: str
    session_id: str
    answers: dict[str, int] = {}  # item id -> 1 (not at all) .. 5 (fully)
    open_answer: str = ""

    @field_validator("answers")
    @classmethod
    def _five_points(cls, answers: dict[str, int]) -> dict[str, int]:
        for item, score in answers.items():
            if not 1 <= score <= 5:
                raise ValueError(f"{item}: a score from 1 to 5")
        return answers


class Heartbeat(Model):
    """The chair's app says it is alive, and where the step's timer stands: a follow view
    counts down from the stored start, so it needs nothing from the chair's process."""

    session_id: str
    beat_at: Moment
    item_id: str
    step_id: str | None = None
    # When the timer would have shown 00:00 had it never paused; None while it is paused.
    timer_started_at: Moment | None = None
    timer_spent_seconds: float = 0  # the time spent at the beat (what a paused timer shows)
    timer_allowed_seconds: int = 0
    writer: str = ""  # the window that writes the meeting (Workshop.window)


class Draft(Model):
    """A dialog's typed values (by field id) before its answer is stored."""

    key: str  # which dialog about what: see drafts.py
    session_id: str  # the meeting it was typed in
    dialog_values: dict[str, str]
    saved_at: Moment
