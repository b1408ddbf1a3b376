"""Slow questions that live on: in the group's own words, with a status, a flag that the
group takes them to the region, and a history of every meeting that worked on them.

A trage-vragen review writes four of its fields into the question: how the group put
the question (`question`), what the meeting yielded (`insights`), what it left open
(`still_open`) and, at its closing step, the status the group gives it (`status`: open,
verder onderzoeken, beantwoord or naar de regio, the last one the region flag). `record_review` keeps them as that meeting's page of the history; the
workshop calls it whenever one of these fields is saved, so the history is always current.
"""

from __future__ import annotations

from typing import Any

from ..models import (
    AgendaItem, CaseKind, MethodKind, QuestionWork, SlowQuestion, SlowQuestionStatus,
)
from ..storage.store import Store
from ..library import queries as case_queries
from ..meeting import queries as meeting_queries
from . import queries as memory_queries
from ..models import Session

WORDING, ADDED, LEFT_OPEN, STATUS = "question", "insights", "still_open", "status"
REVIEW_FIELDS = frozenset({WORDING, ADDED, LEFT_OPEN, STATUS})
# The method's status options (trage-vragen.toml) as the question keeps them: its status
# and whether the group takes it to the region.
CHOSEN_STATUS: dict[str, tuple[SlowQuestionStatus, bool]] = {
    "open": (SlowQuestionStatus.OPEN, False),
    "verder_onderzoeken": (SlowQuestionStatus.EXPLORING, False),
    "beantwoord": (SlowQuestionStatus.SETTLED, False),
    "naar_de_regio": (SlowQuestionStatus.EXPLORING, True),
}


def _texts(value: Any) -> list[str]:
    return [str(v).strip() for v in value or [] if str(v).strip()]


def is_slow_question_review(store: Store, item: AgendaItem) -> bool:
    """A review with the trage-vragen method, or of a case that is a slow question."""
    method = item.method_snapshot or {}
    if method.get("kind") == MethodKind.SLOW_QUESTION.value:
        return True
    case = case_queries.case(store, item.case_id) if item.case_id else None
    return bool(case and case.kind == CaseKind.SLOW_QUESTION)


def question_for_item(store: Store, item: AgendaItem, group_id: str) -> SlowQuestion | None:
    """The group's question this review works on: the one whose history names the review,
    else the one asked by the same case."""
    questions = memory_queries.slow_questions(store, group_id)
    for question in questions:
        if any(work.item_id == item.id for work in question.history):
            return question
    if item.case_id:
        return next((q for q in questions if q.case_id == item.case_id), None)
    return None


def _case_question(store: Store, case_id: str | None) -> tuple[str, list[str]]:
    case = case_queries.case(store, case_id) if case_id else None
    if case is None:
        return "", []
    asked = next((s.body for s in case.sections if s.title.lower() in ("vraag", "question")),
                 case.title)
    return asked.strip(), case.themes


def record_review(store: Store, item_id: str) -> SlowQuestion | None:
    """Keep what a slow-question review said as its meeting's page of the question's
    history (made the first time), and the group's latest wording as the question.
    None when the item is no slow-question review, or there is no question yet to keep."""
    item = store.get(AgendaItem, item_id)
    if item is None or not is_slow_question_review(store, item):
        return None
    session = store.get(Session, item.session_id)
    values = meeting_queries.entries(store, item_id)
    wording = str(values.get(WORDING) or "").strip()
    question = question_for_item(store, item, session.group_id)
    if question is None:
        asked, themes = _case_question(store, item.case_id)
        if not (wording or asked):
            return None
        question = SlowQuestion(group_id=session.group_id, question=wording or asked,
                                themes=themes, case_id=item.case_id, session_id=session.id)
    work = next((w for w in question.history if w.item_id == item.id), None)
    if work is None:
        work = QuestionWork(session_id=session.id, item_id=item.id, date=session.date)
        question.history = sorted([*question.history, work], key=lambda w: w.date)
    work.wording = wording
    work.added = _texts(values.get(ADDED))
    work.left_open = _texts(values.get(LEFT_OPEN))
    latest = max(question.history, key=lambda w: w.date)
    if wording and latest is work:
        question.question = wording
    chosen = CHOSEN_STATUS.get(str(values.get(STATUS) or ""))
    if chosen and latest is work:  # an older meeting's choice does not undo a later one
        question.status, question.to_region = chosen
    question.history = list(question.history)  # validate the changed pages
    return store.save(question)


def continue_question(store: Store, item_id: str, question_id: str) -> SlowQuestion:
    """Let a review go on with an existing question of its group (instead of the one its
    case would start): the review becomes a page of that question's history."""
    item = store.get(AgendaItem, item_id)
    question = store.get(SlowQuestion, question_id)
    if item is None or question is None:
        raise LookupError("no such review or question")
    session = store.get(Session, item.session_id)
    if question.group_id != session.group_id:
        raise ValueError("the question belongs to another group")
    with store.transaction():
        for other in memory_queries.slow_questions(store, session.group_id):
            if other.id != question.id and any(w.item_id == item.id for w in other.history):
                other.history = [w for w in other.history if w.item_id != item.id]
                if other.history or other.session_id != session.id:
                    store.save(other)
                else:  # begun by this review alone: it was never a question of its own
                    store.delete(SlowQuestion, other.id)
        if not any(w.item_id == item.id for w in question.history):
            question.history = sorted(
                [*question.history, QuestionWork(session_id=session.id, item_id=item.id,
                                                 date=session.date)], key=lambda w: w.date)
            store.save(question)
    return record_review(store, item_id) or question


def note_progress(store: Store, question_id: str, session_id: str, added: list[str] = (),
                  left_open: list[str] = ()) -> SlowQuestion:
    """A meeting that worked on the question outside a review (under announcements, say):
    a page of its history, replacing that meeting's earlier note."""
    question = store.get(SlowQuestion, question_id)
    session = store.get(Session, session_id)
    if question is None or session is None:
        raise LookupError("no such question or meeting")
    pages = [w for w in question.history if not (w.session_id == session_id and w.item_id is None)]
    pages.append(QuestionWork(session_id=session_id, date=session.date, added=_texts(added),
                              left_open=_texts(left_open)))
    question.history = sorted(pages, key=lambda w: w.date)
    return store.save(question)


def update_question(store: Store, question_id: str, *, wording: str | None = None,
                    status: SlowQuestionStatus | None = None,
                    to_region: bool | None = None) -> SlowQuestion:
    """Change a question's wording, status or region flag; ValueError for empty wording."""
    question = store.get(SlowQuestion, question_id)
    if question is None:
        raise LookupError(f"no slow question with id {question_id}")
    if wording is not None:
        if not wording.strip():
            raise ValueError("a slow question needs words")
        question.question = wording.strip()
    if status is not None:
        question.status = SlowQuestionStatus(status)
    if to_region is not None:
        question.to_region = to_region
    return store.save(question)


def edit_page(store: Store, question_id: str, index: int, *, added: list[str] | None = None,
              left_open: list[str] | None = None) -> SlowQuestion:
    """Correct what one meeting added to the question or left open (page `index` of its
    history, oldest first): the group rereads its history and puts it right. A page a
    review keeps is written again when that review changes; this is for the words."""
    question = store.get(SlowQuestion, question_id)
    if question is None:
        raise LookupError(f"no slow question with id {question_id}")
    if not 0 <= index < len(question.history):
        raise IndexError(f"the question has {len(question.history)} pages of history")
    page = question.history[index]
    if added is not None:
        page.added = _texts(added)
    if left_open is not None:
        page.left_open = _texts(left_open)
    question.history = list(question.history)  # validate the changed page
    return store.save(question)


def revise_question(store: Store, question_id: str, *, wording: str,
                    status: SlowQuestionStatus, to_region: bool,
                    pages: list[tuple[list[str], list[str]]]) -> SlowQuestion:
    """What the knowledge screen's edit stores at once: the wording, status and region
    flag, and each page of the history (what it added, what it left open), oldest first.
    ValueError for empty wording; nothing is stored then."""
    with store.transaction():
        update_question(store, question_id, wording=wording, status=status,
                        to_region=to_region)
        for index, (added, left_open) in enumerate(pages):
            edit_page(store, question_id, index, added=added, left_open=left_open)
    return store.get(SlowQuestion, question_id)


def still_open(question: SlowQuestion) -> list[str]:
    """What the latest meeting on the question left open: where the next one starts."""
    return list(question.history[-1].left_open) if question.history else []
