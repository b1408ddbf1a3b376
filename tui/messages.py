"""Messages that travel between the app and its screens.

The app posts them; a screen handles them. Kept apart from both, so a screen that handles
one need not import the app that sends it (and the app imports its screens when shown).
"""

from __future__ import annotations

from textual.message import Message


class StoreOpened(Message):
    """The database is open: the screen waiting for it can read."""
