"""Dialogs: `LabModal`, the base of every dialog and view over a screen (how it closes,
its close button, its drafts), and the small ones: confirm, ask for a line of text. Their
text wraps and is never markup; the button that has focus is the answer the user most
likely wants."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Markdown, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from livinglab.i18n import N_, _

from ..keylabels import Translated
from .text import LineInput, Plain

DRAFT_DELAY = 0.5  # seconds after the last key before a dialog's typing is kept


class CloseButton(Static, can_focus=False):
    """The mouse's escape. Not focusable: tab stays among the dialog's own fields, and
    the keys have escape."""

    DEFAULT_CSS = """
    CloseButton { width: 3; height: 1; content-align: center middle; color: $text-muted; }
    CloseButton:hover { color: $text; background: $error 60%; }
    """

    def __init__(self) -> None:
        super().__init__("✕")
        self.tooltip = _("Close (escape)")

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.screen.close_dialog()


class CloseBar(Horizontal):
    """The close button's row, in place of the dialog's top padding: no row is lost."""

    DEFAULT_CSS = "CloseBar { dock: top; height: 1; width: 1fr; align: right top; }"

    def compose(self):
        yield CloseButton()


class LabModal(Translated, ModalScreen):
    """A dialog or a view over a screen. Escape, its close button and a click beside it
    close it the same way (`close_dialog`): at once when that loses nothing, after asking
    when typed text would go. A dialog given a `draft` (a key from livinglab.meeting.drafts and
    the meeting's id) keeps what is typed in it as it is typed, offers it back when it
    opens again; the core drops it with the answer it stores."""

    # The box a dialog is drawn in (`.dialog`) is scrolled when a small terminal cuts it
    # (at 60x20 the follow-up's buttons were out of reach); the close button's row takes
    # the place of its top padding. (Every modal screen is centred: livinglab.tcss.)
    DEFAULT_CSS = """
    .dialog {
        width: 70; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface; overflow-y: auto;
    }
    .dialog .question { width: 1fr; height: auto; }
    .dialog.with-close-bar { padding: 0 2 1 2; }
    """
    BINDINGS = [Binding("escape", "close_dialog", N_("Close"))]
    CANCELLED: object = None  # what closing without an answer dismisses with
    draft: tuple[str, str] | None = None

    def on_mount(self) -> None:
        # After the subclass's on_mount (Textual calls each class's handler in turn).
        box = self.dialog_box()
        box.add_class("with-close-bar")  # its top padding row holds the bar
        box.mount(CloseBar(), before=0)
        # A dialog taller than a small terminal scrolls; it opens at its top, with the
        # question in sight (focusing its first field scrolled the question away).
        self.call_after_refresh(box.scroll_home, animate=False)
        if self.draft is not None:
            self.offer_draft()
        self.kept = self.typed()

    def meeting_below(self) -> str | None:
        """The meeting of the screen this dialog opened over, if it runs one."""
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        workshop = getattr(below, "workshop", None)
        return workshop.session.id if workshop is not None else None

    def dialog_box(self):
        """The box the dialog is drawn in: `.dialog`, else its first container."""
        found = self.query(".dialog")
        return found.first() if found else next(c for c in self.children if c.children)

    # --- typed text: what closing would lose, and drafts -----------------------------

    def typed(self) -> dict[str, str]:
        """Every text field's text, by id."""
        return {w.id: (w.value if isinstance(w, Input) else w.text)
                for w in self.query("Input, TextArea") if w.id}

    def chosen(self) -> dict[str, str]:
        return {w.id: str(w.value) for w in self.query(Select)
                if w.id and w.value is not Select.NULL}

    def holds_unsaved_typing(self) -> bool:
        """Text typed since the dialog opened, or since its draft was last stored (what
        waits to be kept as a draft is kept first)."""
        self.keep_draft()
        return self.typed() != getattr(self, "kept", {})

    def offer_draft(self) -> None:
        from livinglab.meeting import drafts

        key, _session_id = self.draft
        offered = drafts.offered(self.app.store, key)
        for widget in self.query("Input, TextArea, Select"):
            if widget.id in offered:
                if isinstance(widget, TextArea):
                    widget.text = offered[widget.id]
                elif isinstance(widget, Select):
                    try:  # a choice the dialog no longer offers is left as it opened
                        widget.value = offered[widget.id]
                    except InvalidSelectValueError:
                        pass
                else:
                    widget.value = offered[widget.id]
        if offered:
            self.notify(_("What you typed here before is back."), markup=False)

    def keep_draft(self) -> None:
        from livinglab.meeting import drafts
        from livinglab.storage.store import StoreError

        if self.draft is None or not hasattr(self, "kept") or self.app.store.conn is None:
            return  # no draft, not open yet, or the app has closed the database
        key, session_id = self.draft
        typed = self.typed()
        try:
            drafts.keep(self.app.store, key, session_id, typed, self.chosen())
        except StoreError:
            return  # still unsaved: the next change tries again, and quitting asks
        self.kept = typed

    def keep_draft_soon(self) -> None:
        """Kept half a second after typing pauses, as field text is: not a write per key
        (a file locked by another program would make every key wait)."""
        if self.draft is not None and getattr(self, "draft_timer", None) is None:
            self.draft_timer = self.set_timer(DRAFT_DELAY, self._draft_due)

    def _draft_due(self) -> None:
        self.draft_timer = None
        self.keep_draft()

    def on_input_changed(self, _event) -> None:
        self.keep_draft_soon()

    def on_text_area_changed(self, _event) -> None:
        self.keep_draft_soon()

    def on_select_changed(self, _event) -> None:
        self.keep_draft_soon()

    def dismiss(self, result=None):
        if result is not None:
            # Answered: nothing more to keep here. The draft itself goes when the answer
            # is stored, in the same transaction (the core's follow_up, correct_minutes):
            # an answer the database refused is offered again.
            self.draft = None
        return super().dismiss(result)

    # --- closing ---------------------------------------------------------------------

    async def close_dialog(self) -> None:
        """Close without an answer; where typed text would be lost, ask first (a draft
        dialog keeps what was typed last, and asks nothing)."""
        if not self.holds_unsaved_typing():
            await self.cancel()
            return
        async def close(confirmed: bool | None) -> None:
            if confirmed:
                await self.cancel()

        await self.app.push_screen(ConfirmDialog(
            _("Close? What you typed here is not kept."), _("Close")), close)

    async def action_close_dialog(self) -> None:
        await self.close_dialog()

    async def cancel(self) -> None:
        """What escape does when nothing is at stake: a dialog that binds escape to an
        action of its own runs that; the others close with `CANCELLED`."""
        own = self.own_escape()
        if own is not None:
            await self.run_action(own)
        else:
            self.dismiss(self.CANCELLED)

    def own_escape(self) -> str | None:
        """The action the nearest class that binds escape gives it, unless that is
        closing (as Textual merges BINDINGS: a subclass's binding of a key replaces)."""
        for cls in type(self).__mro__:
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                if binding.key == "escape":
                    return None if binding.action == "close_dialog" else binding.action
        return None

    async def on_click(self, event: events.Click) -> None:
        """A click beside the dialog closes it, as escape does."""
        if event.widget is self:
            event.stop()
            await self.close_dialog()


class ConfirmDialog(LabModal):
    """A question with a yes and a cancel button; `default_yes` puts the focus on yes."""

    CANCELLED = False

    def __init__(self, question: str, yes: str | None = None, default_yes: bool = False,
                 no: str | None = None):
        super().__init__()
        self.question = question
        self.yes = yes or _("Yes")
        self.no = no or _("Cancel")
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question, classes="question")
            with Horizontal(classes="buttons"):
                # Only the button that enter presses stands out: a coloured "Leave" beside
                # a focused grey "Cancel" read as the default, and enter did the opposite.
                yield Button(self.yes, variant="primary" if self.default_yes else "default",
                             id="yes")
                yield Button(self.no, variant="default" if self.default_yes else "primary",
                             id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def yes_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def no_pressed(self) -> None:
        self.dismiss(False)


class AskDialog(LabModal):
    """A line of text; `draft` (a key from livinglab.meeting.drafts, the meeting's id) keeps what
    is typed until it is answered, for an answer that matters (why minutes reopen)."""

    def __init__(self, question: str, value: str = "", draft: tuple[str, str] | None = None):
        super().__init__()
        self.question = question
        self.value = value
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question, classes="question")
            yield LineInput(self.value, id="answer")
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="no")

    def on_mount(self) -> None:
        answer = self.query_one("#answer", LineInput)
        answer.focus()
        # The end of a long answer (a file name's .md) in sight: the cursor starts at the
        # end before the input has a width, so it never scrolled there, and End did nothing.
        self.call_after_refresh(lambda: (answer.action_home(), answer.action_end()))

    def on_input_submitted(self, event) -> None:
        self.dismiss(event.value)

    @on(Button.Pressed, "#ok")
    def ok_pressed(self) -> None:
        self.dismiss(self.query_one("#answer", LineInput).value)

    @on(Button.Pressed, "#no")
    async def cancel_pressed(self) -> None:
        await self.close_dialog()


class ReadOnlyView(LabModal):
    """Markdown to read over a screen, nothing to type: the participant view of a step,
    a case as participants see it. Escape or f9 closes it."""

    CSS = """
    #read-only-view { background: $surface; padding: 1 2; margin: 1 2; border: thick $primary; }
    #read-only-view.with-close-bar { padding: 0 2 1 2; }
    """
    BINDINGS = [Binding("escape,f9", "close", N_("Close"))]

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="read-only-view"):
            yield Markdown(self.text)

    def on_mount(self) -> None:
        self.query_one("#read-only-view").focus()

    def action_close(self) -> None:
        self.dismiss(None)
