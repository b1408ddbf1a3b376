"""The polarity map: two poles, the higher purpose and the deeper fear, and per pole its
upsides, downsides, early warnings and action steps. The map is one field that several
steps show; each step shows all of it, so the group sees the whole map grow, with the
parts the step asks for on top, under its aim (at 80x24 the cursor in the early warnings,
at the map's foot, scrolled the step's aim and questions out of sight)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid

from livinglab.i18n import _
from livinglab.models import FieldType

from ..text import Plain, TextBox, WrapLine
from .base import FieldEditor, editor, labelled
from .lists import lines

# The parts a step asks for, by the part its cursor starts in (the method's `start`).
STEP_PARTS = {"pole_a": ("pole_a", "pole_b"), "purpose": ("purpose", "fear"),
              "a_up": ("a_up", "b_up", "a_down", "b_down"),
              "a_warnings": ("a_warnings", "b_warnings"),
              "a_actions": ("a_actions", "b_actions")}


@editor(FieldType.POLARITY)
class PolarityEditor(FieldEditor):
    DEFAULT_CSS = """
    .two-columns { grid-size: 2; grid-gutter: 0 1; height: auto; grid-rows: auto; }
    .quadrant { height: 4; }
    .rest-of-map { margin-top: 1; text-style: italic; }
    """
    LINES = ("purpose", "pole_a", "pole_b", "fear")
    LISTS = ("a_up", "b_up", "a_down", "b_down", "a_warnings", "b_warnings", "a_actions",
             "b_actions")
    # In the map's own order, which Tab follows: the poles, what both serve and what
    # overdoing one would bring, then each pole's quadrants.
    GROUPS = (("pole_a", "pole_b"), ("purpose",), ("fear",), LISTS)

    def compose_editor(self, value) -> ComposeResult:
        key, value = self.field.key, value or {}
        titles = {"pole_a": _("Pole A"), "pole_b": _("Pole B"),
                  "purpose": _("Higher purpose"), "fear": _("Deeper fear")}
        kinds = {"up": _("Upsides of {pole}"), "down": _("Downsides of {pole}"),
                 "warnings": _("Early warnings of {pole}"),
                 "actions": _("Action steps for {pole}")}

        def part(name: str):
            if name in self.LINES:
                return labelled(titles[name], WrapLine(value.get(name, ""), id=f"{key}-{name}"))
            pole, kind = name.split("_", 1)
            return labelled(kinds[kind].format(pole=pole.upper()),
                            TextBox("\n".join(value.get(name, [])), id=f"{key}-{name}",
                                    classes="quadrant"))

        def parts(names) -> ComposeResult:
            pairs = [n for n in names if n not in ("purpose", "fear")]
            for name in names:
                if name in ("purpose", "fear"):
                    yield part(name)
            if pairs:
                with Grid(classes="two-columns"):
                    for name in pairs:
                        yield part(name)

        own = STEP_PARTS.get(self.field.start or "", ())
        yield from parts(own)
        rest = [[n for n in group if n not in own] for group in self.GROUPS]
        if own:
            yield Plain(_("The rest of the map"), classes="rest-of-map")
        for group in rest:
            yield from parts(group)

    def current_value(self):
        result = {name: self.part(name).value for name in self.LINES}
        result.update({name: lines(self.part(name).text) for name in self.LISTS})
        return result
