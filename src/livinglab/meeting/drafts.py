"""What was typed in a dialog and not answered yet, kept like field text (issue 30).

A reason typed in the follow-up dialog was lost when the terminal closed, while text typed
in a field survived. Now a dialog that asks for text keeps what is typed under a key that
names the dialog and what it is about; when it opens again, it is offered back; when the
dialog's answer is stored, the draft goes. A dialog with nothing typed keeps no draft.
"""

from __future__ import annotations

from ..models import now
from ..storage.store import Store
from ..models import Draft


def follow_up_key(session_id: str, action_id: str) -> str:
    """What the meeting says about one open action."""
    return f"follow-up/{session_id}/{action_id}"


def intention_key(session_id: str, intention_id: str) -> str:
    """What came of one person's voornemen, asked at this meeting."""
    return f"intention/{session_id}/{intention_id}"


def reopen_key(session_id: str) -> str:
    """Why settled minutes are reopened."""
    return f"reopen/{session_id}"


def keep(store: Store, key: str, session_id: str, typed: dict[str, str],
         chosen: dict[str, str] | None = None) -> None:
    """Keep the dialog's typed text with its choices (by field id); a dialog whose text
    fields are empty keeps nothing, as a choice alone is made again in a moment."""
    if not any(value.strip() for value in typed.values()):
        drop_draft(store, key)
        return
    store.save(Draft(key=key, session_id=session_id,
                           dialog_values={**(chosen or {}), **typed}, saved_at=now()))


def offered(store: Store, key: str) -> dict[str, str]:
    """What was typed in this dialog before and not answered; empty when nothing was."""
    found = draft(store, key)
    return dict(found.dialog_values) if found else {}


def answered(store: Store, key: str) -> None:
    """The dialog's answer is stored: its draft goes."""
    drop_draft(store, key)


def draft(store: Store, key: str) -> Draft | None:
    found = store.select(Draft, "key = ?", [key])
    return found[0] if found else None


def drop_draft(store: Store, key: str) -> None:
    with store.transaction(), store.sqlite_errors():
        store.conn.execute("delete from drafts where key = ?", [key])
