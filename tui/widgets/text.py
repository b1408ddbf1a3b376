"""Text fields and labels that treat user text as text.

User text (a case title, a name, an action) is never parsed as Textual markup: a `[/]` in a
case file must not end the app. Fields never select their content on focus, so the next
key cannot wipe what the group said; a text area opened with text puts the cursor at its
end, where the secretary goes on typing.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Input, Static, TextArea


def plain(text: object) -> Text:
    """User text for a table cell, an option or any place that would parse markup."""
    return Text(str(text or ""))


class Plain(Static):
    """A label for text that may come from a user or a file: never markup."""

    def __init__(self, text: object = "", **kwargs):
        super().__init__(str(text or ""), markup=False, **kwargs)


class LineInput(Input):
    def __init__(self, value: str = "", **kwargs):
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)
        # A steady cursor: easier to find on a projected screen, and the same in every
        # snapshot (a blinking one was caught on or off by chance).
        self.cursor_blink = False


class TextBox(TextArea):
    def __init__(self, text: str = "", **kwargs):
        kwargs.setdefault("soft_wrap", True)
        super().__init__(text, **kwargs)
        self.cursor_blink = False  # steady, as in LineInput
        self._cursor_placed = False

    def on_focus(self, event: events.Focus) -> None:
        if not self._cursor_placed:  # only the first time: later the cursor stays put
            self._cursor_placed = True
            self.move_cursor(self.document.end)


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut with an ellipsis where it is longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"
