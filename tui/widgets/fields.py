"""Capture widgets, one per field type. Each turns what is typed into the field's value;
the runner stores dirty editors through the workshop twice a second, and before any move.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from livinglab.i18n import _, pick
from livinglab.models import FieldType, StepField
from livinglab.planning import parse_date
from livinglab.workshop import Workshop


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class FieldEditor(Vertical):
    """Base: a labelled editor for one field of the method."""

    def __init__(self, field: StepField, workshop: Workshop):
        super().__init__(classes=f"field field-{field.type.value}", id=f"field-{field.key}")
        self.field = field
        self.workshop = workshop
        self.dirty = False

    def compose(self) -> ComposeResult:
        yield Label(pick(self.field.label), classes="field-label")
        yield from self.compose_editor(self.workshop.value(self.field.key)
                                       if self.field.type not in (FieldType.ACTIONS,
                                                                  FieldType.DECISIONS) else None)

    def compose_editor(self, value) -> ComposeResult:
        raise NotImplementedError

    def value(self):
        raise NotImplementedError

    def part(self, name: str):
        return self.query_one(f"#{self.field.key}-{name}")

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.input.has_class("add"):
            self.dirty = True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.dirty = True

    def on_select_changed(self, event: Select.Changed) -> None:
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            self.dirty = False
            self.workshop.set_value(self.field.key, self.value())


class TextEditor(FieldEditor):
    def compose_editor(self, value) -> ComposeResult:
        yield TextArea(value, id=f"{self.field.key}-text", classes="text")

    def value(self):
        return self.part("text").text


class ListEditor(FieldEditor):
    def compose_editor(self, value) -> ComposeResult:
        yield Static(_("One per line."), classes="hint")
        yield TextArea("\n".join(value), id=f"{self.field.key}-items", classes="list")

    def value(self):
        return lines(self.part("items").text)


class DilemmaEditor(FieldEditor):
    PARTS = ("question", "a", "a_harm", "b", "b_harm")

    def compose_editor(self, value) -> ComposeResult:
        labels = {"question": _("Moral question"), "a": _("Option A"), "a_harm": _("Harm of A"),
                  "b": _("Option B"), "b_harm": _("Harm of B")}
        yield Input(value["question"], placeholder=labels["question"],
                    id=f"{self.field.key}-question")
        with Grid(classes="two-columns"):
            for key in ("a", "b", "a_harm", "b_harm"):
                yield Input(value[key], placeholder=labels[key], id=f"{self.field.key}-{key}")

    def value(self):
        return {key: self.part(key).value for key in self.PARTS}


class TableEditor(FieldEditor):
    def compose_editor(self, value) -> ComposeResult:
        with Horizontal(classes="table-head"):
            for column in self.field.columns:
                yield Label(pick(column.label), classes="cell")
        with Vertical(id=f"{self.field.key}-rows"):
            for row in value or [{}]:
                yield self._row(row)
        yield Button(_("Add row"), id=f"{self.field.key}-add-row", classes="small")

    def _row(self, row: dict) -> Horizontal:
        return Horizontal(*[Input(row.get(c.key, ""), placeholder=pick(c.label),
                                  classes=f"cell col-{c.key}") for c in self.field.columns],
                          classes="table-row")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.part("rows").mount(self._row({}))

    def value(self):
        rows = []
        for row in self.query(".table-row"):
            cells = {c.key: row.query_one(f".col-{c.key}", Input).value for c in self.field.columns}
            if any(v.strip() for v in cells.values()):
                rows.append(cells)
        return rows


class PerParticipantEditor(FieldEditor):
    def compose_editor(self, value) -> ComposeResult:
        for participant, person in self.workshop.store.participants(self.workshop.session.id):
            answers = value.get(participant.id, {})
            with Horizontal(classes="participant-answers", id=f"{self.field.key}-p-{participant.id}"):
                yield Label(person.name, classes="who")
                for c in self.field.columns:
                    yield Input(answers.get(c.key, ""), placeholder=pick(c.label),
                                classes=f"cell col-{c.key}")

    def value(self):
        result = {}
        prefix = f"{self.field.key}-p-"
        for row in self.query(".participant-answers"):
            answers = {c.key: row.query_one(f".col-{c.key}", Input).value for c in self.field.columns}
            if any(v.strip() for v in answers.values()):
                result[row.id.removeprefix(prefix)] = answers
        return result


class PolarityEditor(FieldEditor):
    LISTS = ["a_up", "b_up", "a_down", "b_down", "a_warnings", "b_warnings", "a_actions",
             "b_actions"]

    def compose_editor(self, value) -> ComposeResult:
        key = self.field.key
        yield Input(value["purpose"], placeholder=_("Higher purpose"), id=f"{key}-purpose")
        with Grid(classes="two-columns polarity"):
            yield Input(value["pole_a"], placeholder=_("Pole A"), id=f"{key}-pole_a")
            yield Input(value["pole_b"], placeholder=_("Pole B"), id=f"{key}-pole_b")
            titles = {"up": _("Upsides"), "down": _("Downsides"), "warnings": _("Early warnings"),
                      "actions": _("Action steps")}
            for part in self.LISTS:
                pole, kind = part.split("_", 1)
                yield Vertical(
                    Label(f"{titles[kind]} {pole.upper()}", classes="quadrant-label"),
                    TextArea("\n".join(value[part]), id=f"{key}-{part}", classes="quadrant"),
                )
        yield Input(value["fear"], placeholder=_("Deeper fear"), id=f"{key}-fear")

    def value(self):
        result = {p: self.part(p).value for p in ("purpose", "pole_a", "pole_b", "fear")}
        result.update({p: lines(self.part(p).text) for p in self.LISTS})
        return result


class RatingEditor(FieldEditor):
    def compose_editor(self, value) -> ComposeResult:
        with Horizontal():
            yield Select([(f"{n} / 5", n) for n in range(1, 6)], value=value["score"] or Select.NULL,
                         prompt=_("Score"), id=f"{self.field.key}-score")
            yield Input(value["comment"], placeholder=_("Comment"), id=f"{self.field.key}-comment")

    def value(self):
        score = self.part("score").value
        return {"score": None if score == Select.NULL else score,
                "comment": self.part("comment").value}


class ActionsEditor(FieldEditor):
    """Actions are rows of their own: added and deleted one by one, stored at once."""

    def compose_editor(self, value) -> ComposeResult:
        yield Vertical(id=f"{self.field.key}-list")
        with Horizontal(classes="add-row"):
            yield Input(placeholder=_("Action"), id=f"{self.field.key}-what", classes="add")
            yield Input(placeholder=_("Who"), id=f"{self.field.key}-who", classes="add")
            yield Input(placeholder=_("When (dd-mm-yyyy)"), id=f"{self.field.key}-when",
                        classes="add")
            yield Button(_("Add"), id=f"{self.field.key}-add", classes="small")

    def on_mount(self) -> None:
        self.show()

    def items(self):
        return [(a.id, self.workshop_line(a)) for a in self.workshop.actions()]

    @staticmethod
    def workshop_line(action) -> str:
        due = action.due.strftime("%d-%m-%Y") if action.due else ""
        return " · ".join(x for x in (action.what, action.owner, due) if x)

    def show(self) -> None:
        box = self.part("list")
        box.remove_children()
        for item_id, text in self.items():
            box.mount(Horizontal(Static(text, classes="entry"),
                                 Button(_("Delete"), name=item_id, classes="small delete"),
                                 classes="entry-row"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("delete"):
            self.confirm_delete(event.button.name)
        else:
            self.add()

    def add(self) -> None:
        what = self.part("what").value.strip()
        if not what:
            self.notify(_("Type the action first."), severity="warning")
            return
        when = self.part("when").value.strip()
        try:
            due = parse_date(when) if when else None
        except ValueError:
            self.notify(_("Type a date such as 25-11-2026."), severity="warning")
            return
        self.workshop.add_action(what, self.part("who").value, due)
        for part in ("what", "who", "when"):
            self.part(part).value = ""
        self.show()

    def delete(self, item_id: str) -> None:
        self.workshop.delete_action(item_id)

    def confirm_delete(self, item_id: str) -> None:
        from .dialogs import ConfirmDialog

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.delete(item_id)
                self.show()

        self.app.push_screen(ConfirmDialog(_("Delete this entry?"), _("Delete")), done)

    def save(self) -> None:
        pass  # stored at once on add and delete


class DecisionsEditor(ActionsEditor):
    def compose_editor(self, value) -> ComposeResult:
        yield Vertical(id=f"{self.field.key}-list")
        with Horizontal(classes="add-row"):
            yield Input(placeholder=_("Decision"), id=f"{self.field.key}-what", classes="add")
            yield Button(_("Add"), id=f"{self.field.key}-add", classes="small")

    def items(self):
        return [(d.id, d.text) for d in self.workshop.decisions()]

    def add(self) -> None:
        text = self.part("what").value.strip()
        if not text:
            self.notify(_("Type the decision first."), severity="warning")
            return
        self.workshop.add_decision(text)
        self.part("what").value = ""
        self.show()

    def delete(self, item_id: str) -> None:
        self.workshop.delete_decision(item_id)


EDITORS: dict[FieldType, type[FieldEditor]] = {
    FieldType.TEXT: TextEditor, FieldType.LIST: ListEditor, FieldType.PARKING: ListEditor,
    FieldType.DILEMMA: DilemmaEditor, FieldType.TABLE: TableEditor,
    FieldType.PER_PARTICIPANT: PerParticipantEditor, FieldType.POLARITY: PolarityEditor,
    FieldType.ACTIONS: ActionsEditor, FieldType.DECISIONS: DecisionsEditor,
    FieldType.RATING: RatingEditor,
}


def editor_for(field: StepField, workshop: Workshop) -> FieldEditor:
    return EDITORS[field.type](field, workshop)
