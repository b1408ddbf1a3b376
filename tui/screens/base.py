"""What every screen of the app shares: key labels translated when shown.

Bindings are declared with English descriptions marked by `N_`; the footer, the command
palette and F1 read them through `active_bindings`, translated here at the moment they are
shown, so switching the language in the running app reaches every key label.
"""

from __future__ import annotations

import dataclasses

from textual import events
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from livinglab.i18n import N_, _


class Translated:
    @property
    def active_bindings(self):
        found = super().active_bindings  # type: ignore[misc]
        return {key: active._replace(binding=dataclasses.replace(
                    active.binding, description=_(active.binding.description),
                    tooltip=_(active.binding.tooltip) if active.binding.tooltip else ""))
                for key, active in found.items()}


WIDE = 110  # columns from which tables show their rows side by side
DRAFT_DELAY = 0.5  # seconds after the last key before a dialog's typing is kept


async def settle_typing(app) -> None:
    """Let the focused field place the keys it was sent before a key that acts at once (a
    priority key overtakes them: a burst then ctrl+n or ctrl+q). A callback queued behind
    them runs once they are placed."""
    import asyncio
    import contextlib

    focused = app.focused
    if focused is None or not focused.is_attached:
        return
    placed = asyncio.Event()
    if focused.call_later(placed.set):
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(placed.wait(), 2)


class LabScreen(Translated, Screen):
    HELP = ""

    def holds_unsaved_typing(self) -> bool:
        """Whether leaving now loses something typed: the app's quit asks first then. A
        screen that stores as it is typed holds nothing."""
        return False

    def on_mount(self) -> None:
        self.call_after_refresh(self._header_icon_in_interface_language)

    def _header_icon_in_interface_language(self) -> None:
        for icon in self.query("HeaderIcon"):  # Textual sets its tooltip in English
            icon.tooltip = _("Open the command palette")

    def on_resize(self, event) -> None:
        self.set_class(event.size.width >= WIDE, "wide")

    def on_descendant_focus(self, event) -> None:
        # Textual scrolls to a field as it gets focus; a field mounted just now (a new
        # row, the next action) has no place yet then: scroll again once it has one.
        self.call_after_refresh(self._keep_focused_in_sight, event.widget)

    def _keep_focused_in_sight(self, widget) -> None:
        if widget is self.focused:
            widget.scroll_visible(animate=False)


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

    BINDINGS = [Binding("escape", "close_dialog", N_("Close"))]
    CANCELLED: object = None  # what closing without an answer dismisses with
    draft: tuple[str, str] | None = None

    def on_mount(self) -> None:
        # After the subclass's on_mount (Textual calls each class's handler in turn).
        box = self.dialog_box()
        box.add_class("with-close-bar")  # its top padding row holds the bar (livinglab.tcss)
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
        from ..widgets.dialogs import ConfirmDialog

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
        own = next((b.action for b in self._bindings.key_to_bindings.get("escape", [])
                    if b.action != "close_dialog"), None)
        if own is not None:
            await self.run_action(own)
        else:
            self.dismiss(self.CANCELLED)

    async def on_click(self, event: events.Click) -> None:
        """A click beside the dialog closes it, as escape does."""
        if event.widget is self:
            event.stop()
            await self.close_dialog()


# --- writes a person asked for (issue 22) ------------------------------------------------
# One place says what a database refused: another program holds its write lock (busy) or
# it is open read-only. The caller keeps what was typed, the person tries again, and the
# app keeps running.

NOT_STORED = object()  # what `store_write` returns when the write did not happen


def store_write(screen, write, *args):
    """`write(*args)` and its result, or NOT_STORED when the database or the value was
    refused: said on `screen` in one line."""
    from livinglab.storage.store import StoreError, StoreLocked, StoreReadOnly

    try:
        return write(*args)
    except StoreReadOnly:
        screen.notify(_("The database is read-only: nothing can be changed."),
                      severity="warning")
    except StoreLocked:
        screen.notify(_("The database is busy (another program is writing); try again in "
                        "a moment."), severity="warning")
    except StoreError as e:  # a full disk, a damaged file: the store's own words
        screen.notify(_("Not saved: {reason}").format(reason=e), severity="error",
                      markup=False)
    except ValueError as e:  # a value the core does not take, worded by it
        screen.notify(str(e), severity="warning", markup=False)
    return NOT_STORED


def can_write(screen) -> bool:
    """Before opening what writes at once (a meeting) or asks for typing to store (a
    plan): False, said, when the database would refuse it now."""
    return store_write(screen, screen.app.store.check_writable) is not NOT_STORED
