"""Where the meeting is, on the runner's screen: the agenda item and the method's steps at
the side; the step's title, timer, aim, guiding questions and tips; below them the fields
for what the group says (a step's editors, or an item's notes and what its kind shows)."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ListItem, ListView

from livinglab.i18n import _, format_date, pick, term
from livinglab.live.timer import format_seconds

from ...widgets.editors import EditorContext, FieldEditor, editor_for
from ...widgets.editors.actions import ActionsEditor
from ...widgets.followup import QuestionList
from ...widgets.text import Plain
from .agenda import widgets_for_kind
from .edits import NotesBox
from livinglab.meeting import queries as meeting_queries
from livinglab.memory.questions import WORDING
from livinglab.storage.refs import short_id

MARKS = {"done": "✓", "current": "▶", "todo": "·"}


class StepBody(VerticalScroll):
    """The step's aim, questions, tips and fields. pagedown and pageup scroll it, and do
    nothing more when it fits or is at its end: falling through to the screen's alias
    for the next step, they took the meeting on only when the step was short."""

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)


class StepList(ListView):
    """The method's steps at the side. pagedown and pageup move the highlight a page
    (the list's height) and stay in the list: the screen's pagedown, the next step, had
    taken the meeting on when the list had nothing to scroll. Only enter (or a click)
    goes to the highlighted step."""

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, way: int) -> None:
        items = list(self.children)
        if not items:
            return
        start = index = self.index if self.index is not None else 0
        room, moved = max(1, self.scrollable_content_region.height), 0
        # As many steps as fit in a page, each as high as its title is wrapped; one at least.
        while 0 <= index + way < len(items):
            moved += max(1, items[index + way].outer_size.height)
            if moved > room and index != start:
                break
            index += way
        self.index = index


class ShowsPosition:
    """The runner's part that shows its workshop's position, its fields built anew with
    what was typed there (`edits`: undo kept, what they showed remembered)."""

    async def show_position(self) -> None:
        # While the step's fields are half taken down or half built, reading one gives a
        # partial value (a participant's block without its lines): storing waits till done.
        self.showing = True
        try:
            await self.lay_out_position()
        finally:
            self.showing = False
        self.refresh_bindings()  # ctrl+t's label follows the new step's timer

    async def lay_out_position(self) -> None:
        w = self.workshop
        self.query_one("#item-title", Plain).update(
            f"{_('Item')} {w.item_index + 1}/{len(w.items)}: {w.item.title}")
        steps = self.query_one("#steps", ListView)
        fields = self.query_one("#fields", Vertical)
        self.edits.keep_undo()
        await fields.remove_children()
        self.query_one("#step-body").scroll_home(animate=False)
        await self.list_steps(steps)
        if not w.is_review:
            self.query_one("#step-title", Plain).update(w.item.title)
            for id in ("aim", "questions", "tips", "timer"):
                self.query_one(f"#{id}", Plain).update("")
            await fields.mount(Plain(_("Notes"), classes="field-label"),
                               NotesBox(w.item, id="notes"))
            await fields.mount_all(widgets_for_kind(w))
            self.tick()
        else:
            step = w.step
            self.query_one("#step-title", Plain).update(
                f"{_('Step')} {w.step_index + 1}/{len(w.method.steps)}: {pick(step.title)}")
            self.query_one("#aim", Plain).update(pick(step.aim))
            self.query_one("#questions", Plain).update(
                "\n".join(f"• {pick(q)}" for q in step.questions))
            self.query_one("#tips", Plain).update(
                "\n".join(f"{_('Tip')}: {pick(t)}" for t in step.tips))
            values = w.values()
            so_far = w.question_so_far() if any(f.key == WORDING for f in step.fields) else None
            if so_far is not None:
                earlier = [p for p in so_far.history if p.item_id != w.item.id]
                await fields.mount(Plain(_(
                    "This review goes on with the group's slow question {id} ({status}), "
                    "worked on in {count} earlier meetings, last on {date}; a new wording here "
                    "becomes its wording: “{question}”").format(
                        id=short_id(so_far.id), status=term(so_far.status), count=len(earlier),
                        date=format_date(earlier[-1].date), question=so_far.question),
                    classes="hint", id="question-so-far"))
            # Those present: an action's owner is picked from them, a round goes past them.
            participants = [(p.id, person.name)
                            for p, person in meeting_queries.participants(w.store, w.session.id)
                            if p.attendance.was_there]
            editors = []
            several = len(step.fields) > 1
            for n, f in enumerate(step.fields, 1):
                context = EditorContext(
                    participants=participants, item_id=w.item.id, step_id=step.id,
                    place=(n, len(step.fields)) if several else None,
                    below=pick(step.fields[n].label) if n < len(step.fields) else "")
                editor = editor_for(f, values.get(f.key), context)
                if isinstance(editor, ActionsEditor):
                    context.rows = self.edits.rows_for(editor)
                editors.append(editor)
            await fields.mount_all(editors)
            if (so_far is None and any(f.key == WORDING for f in step.fields)
                    and w.questions_to_take_up()):  # below the wording: typed first
                await fields.mount_all([
                    Plain(_("Or go on with an open slow question of the group: enter on "
                            "one takes it up in this review, with its history"),
                          classes="field-label"),
                    QuestionList(w, id="take-up")])
            self.tick()
        self.edits.remember_shown()
        self.edits.give_back_undo()
        # Focus at once, so keys typed next reach the first field (after the next refresh,
        # on a busy machine, it took the cursor back from where the chair had tabbed to);
        # scroll once the fields have their places.
        self.focus_first_field()
        self.call_after_refresh(self.scroll_to_focused)

    async def list_steps(self, steps: ListView) -> None:
        """The method's steps at the side, each marked done, current or to do. Within one
        agenda item only the marks change from step to step: the list is built once per
        item (built anew at every step, with each title wrapped beside its number, it
        took about a third of a step change at 80x24)."""
        w = self.workshop
        if not w.is_review:
            if steps.children:
                await steps.clear()
            self._steps_of = None
            return
        digits = len(str(len(w.method.steps)))  # the titles start in one column
        numbers = [f"{MARKS[state]} {index + 1:>{digits}}."
                   for index, state in enumerate(w.step_states())]
        if getattr(self, "_steps_of", None) == (w.item.id, w.method.id) \
                and len(steps.children) == len(numbers):
            for item, number, state in zip(steps.children, numbers, w.step_states()):
                item.remove_class(*MARKS)
                item.add_class(state)
                item.query_one(".step-number", Plain).update(number)
        else:
            await steps.clear()
            await steps.extend(
                ListItem(Horizontal(Plain(number, classes="step-number"),
                                    Plain(pick(step.title), classes="step-name")),
                         classes=state)
                for number, step, state in zip(numbers, w.method.steps, w.step_states()))
            self._steps_of = (w.item.id, w.method.id)
        steps.index = w.step_index

    def scroll_to_focused(self) -> None:
        if self.app.focused is not None:
            self.app.focused.scroll_visible(animate=False)

    def first_field(self):
        """Where the cursor starts in the step: its first editor's entry point."""
        fields = self.query_one("#fields")
        editors = list(fields.query(FieldEditor))
        return (editors[0].entry_point() if editors
                else next((w for w in fields.query("*") if w.focusable), None))

    def focus_first_field(self) -> None:
        # At once: `Widget.focus` waits its turn behind keys already queued (a burst sent
        # with ctrl+n), which then reached no field and were lost.
        if (first := self.first_field()) is not None:
            self.set_focus(first, scroll_visible=False)  # scrolled once placed (below)

    # Correcting finished minutes: no step's clock runs (ctrl+t read 'Start' there, and
    # added the time it ran to a meeting held already) and no room opens. Their keys are
    # left out of the key bar and F1 then.
    NOT_WHILE_CORRECTING = frozenset({"toggle_timer", "add_minute", "room"})

    def check_action(self, action: str, parameters) -> bool | None:
        workshop = getattr(self, "workshop", None)
        if action in self.NOT_WHILE_CORRECTING and workshop is not None \
                and workshop.is_correcting:
            return False
        return True

    def tick(self) -> None:
        timer = self.query_one("#timer", Plain)
        if self.workshop.is_correcting:
            timer.update(_("Correcting the minutes: edits are stored as you type."))
            return
        if not self.workshop.is_review:
            timer.update(f"⏱ {format_seconds(self.workshop.elapsed())}")
            return
        state = "▶" if self.workshop.timer.running else "⏸"
        timer.update(f"{state} {format_seconds(self.workshop.elapsed())} / "
                     f"{format_seconds(self.workshop.timer.allowed())} · "
                     f"{_('left')} {format_seconds(self.workshop.remaining())}"
                     + ("" if self.workshop.timer.running else f"  ({_('ctrl+t starts')})"))
        timer.set_class(self.workshop.is_over(), "over")

    async def show_again(self) -> None:
        """The step shown anew from the store, the cursor back in the same field."""
        focused_id = self.focused.id if self.focused is not None else None
        await self.show_position()
        if focused_id and (found := self.query(f"#{focused_id}")):
            self.set_focus(found.first())
