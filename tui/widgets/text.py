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


def keep_in_sight(widget) -> None:
    """Scroll the focused field into view as a key types into it: the group reads what
    the secretary types (paged away from, below the fold or under the keys, it was typed
    blind). Nothing moves when it is in sight already."""
    widget.scroll_visible(animate=False)


class LineInput(Input):
    def __init__(self, value: str = "", **kwargs):
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)
        # A steady cursor: easier to find on a projected screen, and the same in every
        # snapshot (a blinking one was caught on or off by chance).
        self.cursor_blink = False

    def _on_key(self, event: events.Key) -> None:  # then Input's (Textual calls each)
        keep_in_sight(self)

    def on_blur(self) -> None:
        self.scroll_to(0, animate=False)  # left, it shows the start, not a clipped end


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

    def _on_key(self, event: events.Key) -> None:  # then TextArea's (Textual calls each)
        keep_in_sight(self)


class WrapLine(TextBox):
    """A line for a sentence (a round's answer, a table's cell, a pole, a voornemen) that
    wraps as it grows instead of scrolling sideways, so the whole of it stays in sight.

    It stands in for a `LineInput`: it has a `value`, sends `Input.Changed` and, on enter,
    `Input.Submitted`, so editors and screens handle both alike. A pasted newline becomes
    a space; page up and page down are left to the screen (next or previous step).
    """

    def __init__(self, value: str = "", **kwargs):
        kwargs.pop("compact", None)
        kwargs.pop("select_on_focus", None)
        super().__init__(value, compact=True, highlight_cursor_line=False, **kwargs)
        self._settled = None  # the timer that scrolls once typing pauses

    def _scroll_when_settled(self) -> None:
        self._settled = None
        if self.has_focus:
            self.scroll_visible(animate=False)

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.text = text

    def on_blur(self) -> None:
        self.scroll_to(0, 0, animate=False)  # left, it shows how the sentence starts

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cursor_page_up", "cursor_page_down"):
            return False  # not ours: the binding of the screen behind takes the key
        return super().check_action(action, parameters)

    def post_message(self, message) -> bool:
        if isinstance(message, TextArea.Changed):
            message = Input.Changed(self, self.text)  # type: ignore[arg-type]
            if self.has_focus:  # grown by a line: the line being typed stays above the keys
                self.call_after_refresh(self.scroll_visible, animate=False)
                # and again once a burst of keys is placed: right after the last one the
                # scroll could still be measured against the field before it grew
                if self._settled is None:
                    self._settled = self.set_timer(0.15, self._scroll_when_settled)
                else:
                    self._settled.reset()
        return super().post_message(message)

    def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":  # TextArea's handler, next, would insert a newline
            event.stop()
            event.prevent_default()
            self.post_message(Input.Submitted(self, self.text))  # type: ignore[arg-type]

    def _replace_via_keyboard(self, insert: str, start, end):
        return super()._replace_via_keyboard(
            " ".join(insert.splitlines()) if "\n" in insert or "\r" in insert else insert,
            start, end)


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut with an ellipsis where it is longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"
