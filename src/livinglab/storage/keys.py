"""Ids and keys: an entry's id from its place, one text per JSON content, a method copy's
hash, and the `where` clauses that find ids by prefix and leave practice runs out."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from ..ids import PRACTICE_GROUP_ID

# Entry ids are uuid5 of "item id/field key": one entry per item and key, the same on
# every run (a generated demo history is reproducible).
ENTRY_NAMESPACE = uuid.UUID("2b0f6c1e-5a43-4d8e-9f27-8c1d0e6a4b93")
NOT_PRACTICE = f"group_id != '{PRACTICE_GROUP_ID}'"  # a `where` clause on sessions or groups
# Every list of meetings: newest first.
SESSION_ORDER = "date desc, coalesce(start_time, '') desc, created_at desc"

# A range on the primary key finds the ids that start with a prefix through its index;
# `id like 'x%'` cannot (LIKE ignores case, the index does not) and reads every row.
ID_PREFIX = "id >= ? and id < ?"


def id_prefix_range(prefix: str) -> list[str]:
    """The bounds of ID_PREFIX: every text that starts with `prefix` sorts between them.
    Ids are lower-case (uuids), so a prefix typed in capitals finds them as LIKE did."""
    prefix = prefix.lower()
    return [prefix, prefix + "\U0010ffff"]


def entry_id(item_id: str, field_key: str) -> str:
    return str(uuid.uuid5(ENTRY_NAMESPACE, f"{item_id}/{field_key}"))


def canonical_json(value: Any) -> str:
    """One text for one content, whatever the order of its keys."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def method_hash(snapshot: dict[str, Any]) -> str:
    """The key of a method copy: sha256 of its canonical JSON."""
    return hashlib.sha256(canonical_json(snapshot).encode()).hexdigest()
