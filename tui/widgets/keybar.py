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


# Kept in sight at every width: help lists every key of the screen (and the palette
# finds each by name), so a narrow footer that drops the others loses nothing.
PINNED = ("help", "app.help")


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

    def _keys(self) -> tuple[list, list]:
        """The keys to show, one per action (its first key), and those kept at the right
        end at any width: help (F1) and the palette, the ways to every other key."""
        active = self.screen.active_bindings
        first_of_action: dict[str, tuple] = {}
        # A screen may say a key's label as things stand (the timer's: pause or start).
        label_now = getattr(self.screen, "key_label", lambda binding: None)
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                if (label := label_now(binding)) is not None:
                    binding = dataclasses.replace(binding, description=label)
                first_of_action.setdefault(binding.action, (binding, enabled, tooltip))
        pinned = [first_of_action.pop(action) for action in PINNED if action in first_of_action]
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                pinned.append(found[1:])
        return list(first_of_action.values()), pinned

    def render(self) -> Text:
        keys, pinned = self._keys()
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        hover_style = self.get_component_rich_style("keybar--hover")
        line = Text(no_wrap=True, overflow="crop")
        shown: list[Shown] = []
        pad = "" if self.compact else " "

        def width(binding) -> int:
            key = len(pad + self.app.get_key_display(binding) + pad)
            return key + (1 + len(binding.description) if binding.description else 0)

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
        if pinned:  # at the right end, as the Footer docks the palette
            # Too narrow for all: the palette's word goes first, then help's; their keys stay.
            for bare in range(len(pinned) + 1):
                own = 1 + sum(width(binding) for binding, _e, _t in pinned) + (
                    len(pinned) - 1 if self.compact else 0)  # the gaps between them
                if line.cell_len + own <= self.size.width or bare == len(pinned):
                    break
                binding, enabled, tooltip = pinned[-1 - bare]
                pinned[-1 - bare] = (dataclasses.replace(binding, description=""), enabled,
                                     tooltip or binding.tooltip or binding.description)
            room = max(0, self.size.width - own)
            if line.cell_len > room:  # whole keys only: a cut word reads as another
                shown = [s for s in shown if s.end <= room]
                line.truncate(shown[-1].end if shown else 0)
            line.pad_right(room - line.cell_len)
            line.append("▏", "dim")  # the border the Footer draws before the palette
            for number, (binding, enabled, tooltip) in enumerate(pinned):
                add(binding, enabled, tooltip, gap=number > 0)
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
