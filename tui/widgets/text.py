"""Text fields and labels that treat user text as text.

User text (a case title, a name, an action) is never parsed as Textual markup: a `[/]` in a
case file must not end the app. Fields never select their content on focus, so the next
key cannot wipe what the group said; a text area opened with text puts the cursor at its
end, where the secretary goes on typing.
"""

from __future__ import annotations

import dataclasses
import time

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.suggester import SuggestionReady
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Input, Static, TextArea
from textual.widgets.text_area import Edit, EditResult


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


def one_line(text: str) -> str:
    """A paste for a one-line field: every line kept, joined by a space (a paste that
    starts with a newline, or holds paragraphs, kept whole instead of cut at its first)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


# Select all, undo and redo, the same in every text field (a text area's own keys too).
EDITING_KEYS = [
    Binding("ctrl+a,f7", "select_all", "Select all", show=False),
    Binding("ctrl+z", "undo", "Undo", show=False),
    Binding("ctrl+y", "redo", "Redo", show=False),
]
UNDO_PAUSE = 1.0  # seconds: typing after a pause is undone as a step of its own


class LineInput(Input):
    # A compact line (a round's answer, a table's cell, an add field) has no border: a
    # shade shows where to type, and a brighter one where the cursor is.
    DEFAULT_CSS = """
    LineInput.-textual-compact { background: $panel; }
    LineInput.-textual-compact:focus { background: $primary 45%; }
    """
    BINDINGS = EDITING_KEYS

    def __init__(self, value: str = "", **kwargs):
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)
        # A steady cursor: easier to find on a projected screen, and the same in every
        # snapshot (a blinking one was caught on or off by chance).
        self.cursor_blink = False
        self._undo: list[str] = [value]  # values to step back through; the last is now
        self._redo: list[str] = []
        self._last_change = 0.0

    def on_key(self, event: events.Key) -> None:  # then Input's (Textual calls each)
        keep_in_sight(self)
        if event.key == "ctrl+j":  # a line feed in a paste without bracketed paste
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor(" ")

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own paste keeps the first line only
        if text := one_line(event.text):
            self.replace(text, *self.selection) if not self.selection.is_empty \
                else self.insert_text_at_cursor(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep the value for undo: a run of typing is one step, a pause starts the next."""
        if event.input is not self or event.value == self._undo[-1]:
            return
        moment = time.monotonic()
        typing_on = (moment - self._last_change < UNDO_PAUSE and len(self._undo) > 1
                     and abs(len(event.value) - len(self._undo[-1])) == 1)
        if typing_on:
            self._undo[-1] = event.value
        else:
            self._undo.append(event.value)
        self._last_change = moment
        self._redo.clear()

    def action_undo(self) -> None:
        if len(self._undo) > 1:
            self._redo.append(self._undo.pop())
            self._restore(self._undo[-1])

    def action_redo(self) -> None:
        if self._redo:
            self._undo.append(self._redo.pop())
            self._restore(self._undo[-1])

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2 may draw a text area in the frame in which it is removed, after its
        # component styles were cleared, and raises KeyError (textual#6528): draw it blank.
        try:
            return super().render_lines(crop)
        except KeyError:
            return [Strip.blank(crop.width)] * crop.height

    def undo_state(self) -> tuple:
        """What undo and redo need, to hand to the same field shown again later."""
        return (self.value, list(self._undo), list(self._redo))

    def restore_undo(self, state: tuple) -> None:
        if state[0] == self.value:  # only onto the text it was made for
            self._undo, self._redo = list(state[1]), list(state[2])

    def _restore(self, value: str) -> None:
        self._last_change = 0.0
        self.value = value  # Changed follows: the screen stores the undone text
        self.cursor_position = len(value)

    def on_blur(self) -> None:
        self.scroll_to(0, animate=False)  # left, it shows the start, not a clipped end


class CompletingInput(LineInput):
    """A line whose suggester completes a name (a group, an action's owner): leaving the
    field takes the completion it shows, as if typed ("Yasmina" showing "Yasmina El
    Idrissi" was stored as "Yasmina"; "regionale werkgroep" left a new group)."""

    # The completion its suggester offered, and for which value (as Input shows it: only
    # while that is the value, and not from before the field got focus).
    suggested: tuple[str, str] = ("", "")

    def on_focus(self) -> None:
        self.suggested = ("", "")

    def on_suggestion_ready(self, event: SuggestionReady) -> None:
        self.suggested = (event.value, event.suggestion)

    def on_blur(self) -> None:  # before LineInput's
        value, suggestion = self.suggested
        if (self.value and value == self.value
                and suggestion.casefold().startswith(self.value.casefold())):
            self.value = suggestion


class TextBox(TextArea):
    DEFAULT_CSS = "TextBox { height: 5; }"
    BINDINGS = EDITING_KEYS[:1]  # undo and redo are the text area's own

    def __init__(self, text: str = "", **kwargs):
        kwargs.setdefault("soft_wrap", True)
        super().__init__(text, **kwargs)
        self.cursor_blink = False  # steady, as in LineInput
        self._cursor_placed = False

    def undo_state(self) -> tuple:
        """What undo and redo need, to hand to the same field shown again later."""
        return (self.text, self.history)

    def restore_undo(self, state: tuple) -> None:
        if state[0] == self.text:  # only onto the text it was made for
            self.history = state[1]

    def on_focus(self, event: events.Focus) -> None:
        if not self._cursor_placed:  # only the first time: later the cursor stays put
            self._cursor_placed = True
            self.move_cursor(self.document.end)

    def on_key(self, event: events.Key) -> None:  # then TextArea's (Textual calls each)
        keep_in_sight(self)
        if event.key == "ctrl+j":
            # A line feed: how a paste without bracketed paste (an old terminal, a text
            # expander) sends a line break. TextArea takes only enter; kept as typed.
            event.stop()
            event.prevent_default()
            if not self.read_only:
                result = self.replace("\n", *self.selection, maintain_selection_offset=False)
                self.move_cursor(result.end_location)


class WrapLine(TextBox):
    """A line for a sentence (a round's answer, a table's cell, a pole, a voornemen) that
    wraps as it grows instead of scrolling sideways, so the whole of it stays in sight.

    It stands in for a `LineInput`: it has a `value`, sends `Input.Changed` and, on enter,
    `Input.Submitted`, so editors and screens handle both alike. A pasted newline becomes
    a space; page up and page down are left to the screen (next or previous step).
    """

    # It grows as it wraps; shaded as a compact LineInput is.
    DEFAULT_CSS = """
    WrapLine { height: auto; max-height: 4; padding: 0; background: $panel; }
    WrapLine:focus { background: $primary 45%; }
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

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":  # TextArea's handler, next, would insert a newline
            event.stop()
            event.prevent_default()
            self.post_message(Input.Submitted(self, self.text))  # type: ignore[arg-type]

    def edit(self, edit: Edit) -> EditResult:
        """Every change typed or pasted passes here (a key, a paste, ctrl+v, ctrl+j): a
        line break in it becomes a space, so the sentence stays one line that wraps."""
        if "\n" in edit.text or "\r" in edit.text:
            edit = dataclasses.replace(edit, text=" ".join(edit.text.splitlines()))
        return super().edit(edit)


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut with an ellipsis where it is longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"
