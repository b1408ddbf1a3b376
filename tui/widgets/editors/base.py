"""The base of every field editor: a label, a place for a problem, and `Changed`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Select, TextArea

from livinglab.i18n import _, pick
from livinglab.models import FieldType, StepField

from ..text import Plain

EDITORS: dict[FieldType, type["FieldEditor"]] = {}


def editor(*kinds: FieldType) -> Callable[[type["FieldEditor"]], type["FieldEditor"]]:
    def register(cls: type[FieldEditor]) -> type[FieldEditor]:
        for kind in kinds:
            EDITORS[kind] = cls
        return cls
    return register


@dataclass
class EditorContext:
    """What an editor may show beside its own value, handed down by the screen."""

    participants: list[tuple[str, str]] = field(default_factory=list)  # (participant id, name)
    rows: list[tuple[str, str]] = field(default_factory=list)  # stored rows: (id, text)
    # Where what is typed belongs: the agenda item and step the editor was opened in.
    # Every value and row the editor reports is stored there, wherever the meeting is by
    # the time the screen stores it.
    item_id: str | None = None
    step_id: str | None = None
    # A step of several fields: this one's place (1-based) and their number, and the
    # label of the field below, so the first says there is more (at 80x24 the second
    # can be below the fold, and a student did not find it).
    place: tuple[int, int] | None = None
    below: str = ""


class FieldEditor(Vertical):
    """A labelled editor for one field of the method."""

    DEFAULT_CSS = "FieldEditor { height: auto; margin-top: 1; }"

    class Changed(Message):
        """The field's value as it now stands in the editor; the screen stores it."""

        def __init__(self, editor: FieldEditor, value: Any):
            super().__init__()
            self.editor = editor
            self.value = value

    def __init__(self, field: StepField, value: Any, context: EditorContext):
        super().__init__(classes=f"field field-{field.type.value}", id=f"field-{field.key}")
        self.field = field
        self.initial = value
        self.context = context

    def compose(self) -> ComposeResult:
        yield Plain(self.label(), classes="field-label")
        yield from self.compose_editor(self.initial)
        yield Plain("", classes="problem", id=f"{self.field.key}-problem")

    def label(self) -> str:
        """The field's label; in a step of several, with its place and what is below."""
        label = pick(self.field.label)
        if self.context.place is None:
            return label
        n, count = self.context.place
        if self.context.below:
            return label + " " + _("({n} of {count}; below: {next})").format(
                n=n, count=count, next=self.context.below)
        return label + " " + _("({n} of {count})").format(n=n, count=count)

    def compose_editor(self, value: Any) -> ComposeResult:
        raise NotImplementedError

    def current_value(self) -> Any:
        """The value to store as the editor holds it now (None: rows, stored one by one)."""
        raise NotImplementedError

    def typed_problem(self) -> str | None:
        """What is typed here that cannot be stored as it stands (a date that is no date),
        worded for the chair; None when all of it can. The runner keeps the chair on the
        step while a field has one (`Edits.typed_readable`)."""
        return None

    def entry_point(self):
        """The widget where the cursor starts: the step's `start` part, else the first."""
        if self.field.start and self.query(f"#{self.field.key}-{self.field.start}"):
            return self.part(self.field.start)
        return next((w for w in self.query("*") if w.focusable), None)

    def part(self, name: str):
        return self.query_one(f"#{self.field.key}-{name}")

    def show_problem(self, message: str) -> None:
        self.query_one(f"#{self.field.key}-problem", Plain).update(message)

    def changed(self) -> None:
        self.show_problem("")
        self.post_message(self.Changed(self, self.current_value()))

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.input.has_class("add"):
            event.stop()
            self.changed()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.changed()


def labelled(label: str, widget, classes: str = "labelled") -> Vertical:
    """A field part with its label above it, so the label stays when the part is filled."""
    return Vertical(Plain(label, classes="part-label"), widget, classes=classes)
