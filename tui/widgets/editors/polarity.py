"""The polarity map: two poles, the higher purpose and the deeper fear, and per pole its
upsides, downsides, early warnings and action steps. The map is one field that several
steps show; each step shows all of it, so the group sees the whole map grow."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid

from livinglab.i18n import _
from livinglab.models import FieldType

from ..text import TextBox, WrapLine
from .base import FieldEditor, editor, labelled
from .lists import lines


@editor(FieldType.POLARITY)
class PolarityEditor(FieldEditor):
    DEFAULT_CSS = """
    .two-columns { grid-size: 2; grid-gutter: 0 1; height: auto; grid-rows: auto; }
    .quadrant { height: 4; }
    """
    LINES = ("purpose", "pole_a", "pole_b", "fear")
    LISTS = ("a_up", "b_up", "a_down", "b_down", "a_warnings", "b_warnings", "a_actions",
             "b_actions")

    def compose_editor(self, value) -> ComposeResult:
        key, value = self.field.key, value or {}
        part = lambda name: WrapLine(value.get(name, ""), id=f"{key}-{name}")  # noqa: E731
        # In the map's own order, which Tab follows: the poles, what both serve and what
        # overdoing one would bring, then each pole's quadrants.
        with Grid(classes="two-columns"):
            yield labelled(_("Pole A"), part("pole_a"))
            yield labelled(_("Pole B"), part("pole_b"))
        yield labelled(_("Higher purpose"), part("purpose"))
        yield labelled(_("Deeper fear"), part("fear"))
        with Grid(classes="two-columns"):
            titles = {"up": _("Upsides of {pole}"), "down": _("Downsides of {pole}"),
                      "warnings": _("Early warnings of {pole}"),
                      "actions": _("Action steps for {pole}")}
            for name in self.LISTS:
                pole, kind = name.split("_", 1)
                yield labelled(titles[kind].format(pole=pole.upper()),
                               TextBox("\n".join(value.get(name, [])), id=f"{key}-{name}",
                                       classes="quadrant"))

    def current_value(self):
        result = {name: self.part(name).value for name in self.LINES}
        result.update({name: lines(self.part(name).text) for name in self.LISTS})
        return result
