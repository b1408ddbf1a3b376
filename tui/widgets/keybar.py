"""The screen's keys in one line at the bottom, as Textual's Footer shows them.

Textual's Footer is a widget per key, built again whenever the keys change: after the
first frame (so a screen is not complete until its second or third), and on every focus
change. At 80x24 that was the largest part of home's first paint (about 170 ms of 720) and
of a tab in the runner. The key bar is one widget that draws the same keys as one line of
text: a click on a key presses it, hovering shows what it does.
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.widget import Widget


class Shown(NamedTuple):
    """A key as drawn: its columns, the key to press, and whether it does anything now."""
    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__()
        self.compact = compact  # no space around a key: more keys in 80 columns
        self.show_command_palette = show_command_palette
        self._shown: list[Shown] = []
        self._hover = -1

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if screen is self.screen:
            self.refresh()

    def _keys(self) -> tuple[list, tuple | None]:
        """The keys to show, one per action (its first key), and the palette's key."""
        active = self.screen.active_bindings
        first_of_action: dict[str, tuple] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                first_of_action.setdefault(binding.action, (binding, enabled, tooltip))
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                palette = found[1:]
        return list(first_of_action.values()), palette

    def render(self) -> Text:
        keys, palette = self._keys()
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        hover_style = self.get_component_rich_style("keybar--hover")
        line = Text(no_wrap=True, overflow="crop")
        shown: list[Shown] = []
        pad = "" if self.compact else " "

        def add(binding, enabled: bool, tooltip: str, gap: bool = True) -> None:
            if self.compact and gap and line.cell_len:
                line.append(" ")
            start = line.cell_len
            line.append(pad + self.app.get_key_display(binding) + pad, key_style)
            if binding.description:
                line.append(" " + binding.description if self.compact
                            else binding.description + " ", description_style)
            end = line.cell_len
            if not enabled:
                line.stylize("dim", start, end)
            if len(shown) == self._hover:
                line.stylize(hover_style, start, end)
            shown.append(Shown(start, end, binding.key, enabled,
                               tooltip or binding.tooltip or binding.description))

        for binding, enabled, tooltip in keys:
            add(binding, enabled, tooltip)
        if palette is not None:  # at the right end, as the Footer docks it
            binding, enabled, tooltip = palette
            key = self.app.get_key_display(binding)
            own = 1 + len(key) + 2 * len(pad) + len(binding.description) + 1
            if line.cell_len + own > self.size.width:  # the key alone, so the others fit
                tooltip = tooltip or binding.tooltip or binding.description
                binding = dataclasses.replace(binding, description="")
                own = 1 + len(key) + 2 * len(pad)
            room = max(0, self.size.width - own)
            if line.cell_len > room:
                line.truncate(room)
                shown = [s for s in shown if s.end <= room]
            line.pad_right(room - line.cell_len)
            line.append("▏", "dim")  # the border the Footer draws before it
            add(binding, enabled, tooltip, gap=False)
        self._shown = shown
        return line

    def _at(self, x: int) -> int:
        return next((i for i, s in enumerate(self._shown) if s.start <= x < s.end), -1)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = self._shown[index].tooltip if index >= 0 else None
            self.refresh()

    def on_leave(self) -> None:
        self._hover = -1
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._at(event.x)
        if index < 0:
            return
        if self._shown[index].enabled:
            self.app.simulate_key(self._shown[index].key)
        else:
            self.app.bell()
