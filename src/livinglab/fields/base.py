"""What every field type provides, and the context its Markdown is written in.

A field type is one module in this package that builds a `FieldSpec`: its empty value,
how a value is checked, its Markdown (full and shareable), and the words it adds to
search. The minutes, the participant view and the workshop only ever go through the spec.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .. import i18n
from ..problems import describe_validation_error
from ..models import Action, Decision, FieldType, Participant, Person, Role, StepField
from ..text.personal import Pseudonymiser

@dataclasses.dataclass(frozen=True)
class RenderContext:
    """Where a value is written: language, full or shareable, the meeting's people, and
    the rows (actions, decisions) of the agenda item being written.

    In the shareable variant `text` scrubs user text through one `Pseudonymiser` for the
    whole document (the meeting's people become their role, anyone else named and all
    other personal data a consistent placeholder) and `name` gives a participant's role:
    a renderer that passes every piece of user text through them is safe to share, so
    most types need one renderer only.
    """

    lang: str = "en"
    shareable: bool = False
    participants: Sequence[tuple[Participant, Person]] = ()
    actions: Sequence[Action] = ()
    decisions: Sequence[Decision] = ()
    role_labels: dict[str, str] = dataclasses.field(default_factory=dict)
    scrub: Callable[[str], str] | None = None

    @classmethod
    def for_meeting(cls, participants: Sequence[tuple[Participant, Person]], lang: str,
                    shareable: bool = False, known_names: Sequence[str] = (),
                    pseudonymise: bool = True) -> RenderContext:
        """`known_names`: everyone the group has named (its people in all its meetings,
        its watch list). Without `pseudonymise` the shareable variant replaces only the
        meeting's people by their role: the text a user keeps personal data in on purpose.
        """
        labels = role_labels(participants, lang)
        scrub = None
        if shareable:
            scrub = Pseudonymiser(
                known_names, {person.name: labels[participant.id]
                              for participant, person in participants},
                lang=lang, roles_only=not pseudonymise)
        return cls(lang=lang, shareable=shareable, participants=tuple(participants),
                   role_labels=labels, scrub=scrub)

    def with_rows(self, actions: Sequence[Action] = (),
                  decisions: Sequence[Decision] = ()) -> RenderContext:
        """The same context for one agenda item, with its actions and decisions."""
        return dataclasses.replace(self, actions=tuple(actions), decisions=tuple(decisions))

    def _(self, message: str) -> str:
        return i18n._(message, self.lang)

    def term(self, value: str) -> str:
        return i18n.term(value, self.lang)

    def pick(self, texts) -> str:
        return i18n.pick(texts, self.lang)

    def text(self, value: Any) -> str:
        """User text as it may appear in this variant (not yet escaped for Markdown)."""
        value = str(value or "")
        return self.scrub(value) if self.scrub else value

    def name(self, participant: Participant, person: Person) -> str:
        return self.role_labels.get(participant.id, person.name) if self.shareable else person.name

    def short_date(self, day: dt.date | None) -> str:
        return i18n.format_date(day)

    def long_date(self, day: dt.date) -> str:
        return i18n.long_date(day, self.lang)


def role_labels(participants: Sequence[tuple[Participant, Person]], lang: str) -> dict[str, str]:
    """Participant id -> 'Voorzitter', 'Deelnemer 2': a name in shareable text."""
    counts: dict[Role, int] = {}
    for participant, _person in participants:
        counts[participant.role] = counts.get(participant.role, 0) + 1
    seen: dict[Role, int] = {}
    labels = {}
    for participant, _person in participants:
        role = participant.role
        seen[role] = seen.get(role, 0) + 1
        label = i18n.term(role, lang).capitalize()
        labels[participant.id] = f"{label} {seen[role]}" if counts[role] > 1 else label
    return labels


Render = Callable[[Any, StepField, RenderContext], str]


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """Everything the core knows about one field type."""

    kind: FieldType
    empty: Callable[[], Any]  # a fresh empty value (None: stored as rows, not as a value)
    validate: Callable[[Any, StepField], Any]  # -> the value as stored, or ValueError
    markdown: Render  # value (None for row types) -> Markdown; "" when nothing to show
    shareable_markdown: Render
    search_text: Callable[[Any, StepField], str]  # the words a search should find
    stored_as_rows: bool = False  # entered one by one as rows of their own table
    # Values gathered from every step into one section at the end of a review (the
    # parking place): the heading's message id, and how several values become one.
    gathered_under: str | None = None
    gather: Callable[[Sequence[Any]], Any] | None = None


def check(shape: TypeAdapter, value: Any, field: StepField) -> Any:
    """Validate `value` by `shape`; the JSON form to store, or ValueError naming the field."""
    try:
        checked = shape.validate_python(value)
    except ValidationError as e:
        raise ValueError(f"{field.key}: {describe_validation_error(e)}") from None
    return shape.dump_python(checked, mode="json")


def words(*parts: Any) -> str:
    """Search text from strings and (nested) lists of strings, one line each."""
    found: list[str] = []
    for part in parts:
        if isinstance(part, (list, tuple)):
            found += [w for w in (words(p) for p in part) if w]
        elif part is not None and str(part).strip():
            found.append(str(part).strip())
    return "\n".join(found)
