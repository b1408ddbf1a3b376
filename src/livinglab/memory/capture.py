"""What a value captured in a running review leaves behind, handed along one path.

The workshop stores every captured value where it was typed and then tells its listeners
(`CaptureListener`). The group's memory (slow questions, tensions, precedents, voornemens)
is one such listener. Which listeners a meeting gets is decided here, once: a student's
practice run gets none, so nothing it captures can reach a group's memory.
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from ..models import PRACTICE_GROUP_ID, FieldType, Session, StepField, Tension
from ..storage.store import Store
from . import intentions, precedents, questions
from ..library import queries as case_queries
from ..models import AgendaItem


class CaptureListener(Protocol):
    def item_opened(self, store: Store, item_id: str) -> None:
        """An agenda item of the meeting was opened (started, resumed, moved to)."""

    def value_saved(self, store: Store, item_id: str, field: StepField, value: Any) -> None:
        """`value` (as stored) was saved into `field` of agenda item `item_id`."""


class GroupMemory:
    """The group's memory kept current as a review is captured."""

    def item_opened(self, store: Store, item_id: str) -> None:
        questions.record_review(store, item_id)  # a slow question reviewed becomes the group's

    def value_saved(self, store: Store, item_id: str, field: StepField, value: Any) -> None:
        """Each part of the memory decides for itself whether the field concerns it."""
        if field.type == FieldType.POLARITY:
            register_tension(store, item_id, value)
        if field.key in questions.REVIEW_FIELDS:
            questions.record_review(store, item_id)  # the slow question's history
        if field.key in precedents.FIELDS:
            precedents.record_review(store, item_id)  # the dilemma's precedent
        if field.key == intentions.CLOSING_ROUND:
            intentions.from_closing_round(store, item_id)  # the closing round's voornemens


def listeners_for(session: Session) -> tuple[CaptureListener, ...]:
    """The one rule: a group's meeting feeds the group's memory; a practice run nothing."""
    if session.group_id == PRACTICE_GROUP_ID:
        return ()
    return (GroupMemory(),)


def register_tension(store: Store, item_id: str, value: dict) -> None:
    """A mapped tension with both poles named becomes one of the group's tensions (one
    per agenda item: renaming a pole updates it)."""
    from ..fields.polarity import PolarityValue

    p = PolarityValue.model_validate(value)
    if not (p.pole_a.strip() and p.pole_b.strip()):
        return
    item = store.get(AgendaItem, item_id)
    session = store.get(Session, item.session_id)
    case = case_queries.case(store, item.case_id) if item.case_id else None
    store.save(Tension(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"livinglab:tension:{item_id}")),
        group_id=session.group_id, pole_a=p.pole_a.strip(), pole_b=p.pole_b.strip(),
        session_id=session.id, case_id=case.id if case else None,
    ))
