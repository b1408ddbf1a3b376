"""Evaluation over time, and the group's course in small charts.

Every few meetings (a series' `evaluate_every`) each person answers a short evaluation in
the three domains the literature on moral case deliberation uses — moral competence,
moral teamwork, moral action — on a five-point scale, with one open question. The items
are our own words. Answers are kept without a name or a moment, so they stay anonymous
within the group; only their meeting is kept, to see the course over time.
"""

from __future__ import annotations

import datetime as dt
import collections
import json
from dataclasses import dataclass

from ..models import Evaluation, SessionStatus
from ..storage.keys import NOT_PRACTICE
from ..storage.store import Store
from ..models import Session

DOMAINS = {
    "competence": {"nl": "Morele competentie", "en": "Moral competence"},
    "teamwork": {"nl": "Moreel teamwerk", "en": "Moral teamwork"},
    "action": {"nl": "Moreel handelen", "en": "Moral action"},
}

# item id -> (domain, wording); 1 = not at all, 5 = fully.
ITEMS: dict[str, tuple[str, dict[str, str]]] = {
    "notice": ("competence", {
        "nl": "Ik zie sneller dan eerst wanneer een situatie een morele kant heeft.",
        "en": "I see sooner than before when a situation has a moral side."}),
    "values": ("competence", {
        "nl": "Ik kan benoemen welke waarden er op het spel staan.",
        "en": "I can name the values that are at stake."}),
    "open_mind": ("competence", {
        "nl": "Ik kan een ander standpunt dan het mijne echt overwegen.",
        "en": "I can truly weigh a view other than my own."}),
    "speak": ("teamwork", {
        "nl": "In deze groep kan ik ook mijn twijfels uitspreken.",
        "en": "In this group I can voice my doubts too."}),
    "support": ("teamwork", {
        "nl": "We steunen elkaar bij moeilijke keuzes.",
        "en": "We support each other with hard choices."}),
    "decide": ("action", {
        "nl": "Wat we samen afwegen helpt de mensen voor wie we werken.",
        "en": "What we weigh together helps the people we work for."}),
    "act": ("action", {
        "nl": "Na deze bijeenkomsten handel ik anders in mijn werk.",
        "en": "After these meetings I act differently in my work."}),
}
OPEN_QUESTION = {"nl": "Wat zou deze bijeenkomsten voor jou beter maken?",
                 "en": "What would make these meetings better for you?"}


def record(store: Store, session_id: str, answers: dict[str, int],
           open_answer: str = "") -> Evaluation:
    """Keep one person's answers, anonymously; ValueError for an unknown item or a score
    outside 1-5 (nothing is stored)."""
    session = store.get(Session, session_id)
    if session is None:
        raise LookupError(f"no meeting with id {session_id}")
    unknown = sorted(set(answers) - set(ITEMS))
    if unknown:
        raise ValueError(f"{unknown[0]}: no such evaluation item")
    given = {item: int(score) for item, score in answers.items() if score}
    return store.save(Evaluation(group_id=session.group_id, session_id=session_id,
                                 answers=given, open_answer=open_answer.strip()))


@dataclass(frozen=True)
class Point:
    date: dt.date
    session_id: str
    value: float


@dataclass(frozen=True)
class Course:
    """The group's course over its meetings, oldest first."""

    domains: dict[str, list[Point]]  # domain -> mean score per evaluated meeting
    ratings: list[Point]  # the session rating (1-5) of each reviewed meeting
    time_used: list[Point]  # time spent / time planned per meeting (1.0: on time)


# An evaluation is anonymous: a meeting's figure is shown once at least this many people
# answered (issue 26), in the app as in the room.
FEWEST_ANSWERS = 3


def course(store: Store, group_id: str) -> Course:
    # Rows, not models: a group's meetings and evaluations are read whole (issue 27).
    sessions = {id: dt.date.fromisoformat(date) for id, date in store.query(
        f"select id, date from sessions where group_id = ? and {NOT_PRACTICE}", [group_id])}
    by_domain: dict[str, dict[str, list[int]]] = {d: {} for d in DOMAINS}
    rows = store.query(
        "select session_id, answers from evaluations where group_id = ? order by rowid",
        [group_id])
    answered = collections.Counter(session_id for session_id, _answers in rows)
    for session_id, answers in rows:
        if answered[session_id] < FEWEST_ANSWERS:
            continue  # a mean of one or two people is their answer: not shown
        for item, score in (json.loads(answers) if answers else {}).items():
            domain = ITEMS[item][0] if item in ITEMS else None
            if domain:
                by_domain[domain].setdefault(session_id, []).append(score)

    def points(values: dict[str, float]) -> list[Point]:
        return sorted((Point(sessions[s], s, v) for s, v in values.items() if s in sessions),
                      key=lambda p: (p.date, p.session_id))

    domains = {d: points({s: sum(v) / len(v) for s, v in found.items()})
               for d, found in by_domain.items()}
    ratings, planned, spent = {}, {}, {}
    # Only meetings that were held: a planned one has planned time and none spent yet.
    # Two queries for the group's every meeting (not two a meeting: issue 27).
    held = ("join agenda_items a on a.id = {t}.item_id join sessions s on s.id = a.session_id "
            "where s.group_id = ? and s.status != ?")
    args = [group_id, SessionStatus.PLANNED.value]
    for session_id, value in store.query(
            "select a.session_id, e.value from entries e " + held.format(t="e")
            + " and e.field_key = 'rating' order by a.session_id, a.position", args):
        rating = json.loads(value)
        score = rating.get("score") if isinstance(rating, dict) else None
        if score:
            ratings[session_id] = float(score)
    for session_id, planned_seconds, spent_seconds in store.query(
            "select a.session_id, sum(t.planned_seconds), sum(t.spent_seconds) from "
            "step_times t " + held.format(t="t") + " group by a.session_id", args):
        planned[session_id], spent[session_id] = planned_seconds or 0, spent_seconds or 0
    used = {s: spent[s] / planned[s] for s in planned if planned[s]}
    return Course(domains=domains, ratings=points(ratings), time_used=points(used))


BARS = "▁▂▃▄▅▆▇█"
# The scales the course is drawn on, the same in every chart: answers and ratings from 1 to
# 5; time used from none to twice the plan (1, as planned, is the middle).
SCORE_SCALE = (1.0, 5.0)
TIME_SCALE = (0.0, 2.0)


def sparkline(values: list[float], low: float | None = None, high: float | None = None) -> str:
    """Values as one line of block characters, between `low` and `high` (default: their
    own range), for a terminal or a command's output."""
    if not values:
        return ""
    low = min(values) if low is None else low
    high = max(values) if high is None else high
    span = (high - low) or 1
    return "".join(BARS[max(0, min(len(BARS) - 1, round((v - low) / span * (len(BARS) - 1))))]
                   for v in values)
