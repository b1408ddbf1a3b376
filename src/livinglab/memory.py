"""What a review leaves behind for the group, kept current as the review is captured:
the slow question's history, the dilemma's precedent, and the closing round's voornemens.

The workshop calls `after_value_saved` after every field it stores; each part decides
for itself whether the review and the field concern it.
"""

from __future__ import annotations

from . import intentions, precedents, questions
from .storage.store import Store


def after_value_saved(store: Store, item_id: str, field_key: str) -> None:
    if field_key in questions.REVIEW_FIELDS:
        questions.record_review(store, item_id)
    if field_key in precedents.FIELDS:
        precedents.record_review(store, item_id)
    if field_key == intentions.CLOSING_ROUND:
        intentions.from_closing_round(store, item_id)
