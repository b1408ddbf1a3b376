"""What every screen of the app shares: key labels translated when shown (`Translated`),
the width from which tables lay their rows side by side, the focused field kept in sight,
and one way of saying what the database refused. Dialogs: `widgets.dialogs.LabModal`.
"""

from __future__ import annotations

from textual.screen import Screen

from livinglab.i18n import _

from ..keylabels import Translated

WIDE = 110  # columns from which tables show their rows side by side


async def settle_typing(app) -> None:
    """Let the focused field place the keys it was sent before a key that acts at once (a
    priority key overtakes them: a burst then ctrl+n or ctrl+q). A callback queued behind
    them runs once they are placed.

    No fixed limit: a loaded machine places a pasted paragraph slower than any (a walker
    lost most of one to ctrl+q with a limit of 2 s at a load of 20). It waits as long as
    the field works through its keys, and stops waiting only when it makes no progress."""
    import asyncio

    focused = app.focused
    if focused is None or not focused.is_attached:
        return
    placed = asyncio.Event()
    if not focused.call_later(placed.set):
        return
    before = _progress(focused)
    while True:
        try:
            await asyncio.wait_for(placed.wait(), STUCK_AFTER)
            return
        except asyncio.TimeoutError:
            now = _progress(focused)
            if now == before:
                return  # a field that places nothing in that time is stuck: go on
            before = now


STUCK_AFTER = 2.0  # seconds


def _progress(widget) -> tuple:
    """What changes as a field places its keys: its text, and how many messages wait for
    it (Textual's own queue; each key placed also queues the field's Changed message, so
    the text tells more)."""
    queue = getattr(widget, "_message_queue", None)
    text = getattr(widget, "text", None)
    return (queue.qsize() if queue is not None else None,
            text if isinstance(text, str) else getattr(widget, "value", None))


def start_on_its_day(screen, session, start, otherwise=None) -> None:
    """Starting a meeting planned for a later day asks first: its minutes would say it was
    held today, under the date it was planned for (a newcomer started next week's meeting
    by accident). A meeting planned for today or an earlier day starts at once."""
    from livinglab.i18n import format_date
    from livinglab.models import SessionStatus

    if session.status != SessionStatus.PLANNED or session.date <= screen.app.today():
        start()
        return
    from ..widgets.dialogs import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if yes:
            start()
            return
        # Said, so that enter on the question (its safe answer) is not a key that did
        # nothing (a walker's find).
        screen.notify(_("The meeting stays planned for {date}.").format(
            date=format_date(session.date)), markup=False)
        if otherwise is not None:
            otherwise()

    screen.app.push_screen(ConfirmDialog(
        _("This meeting is planned for {date}. Start it today ({today})? Its minutes will "
          "say it was held today.").format(date=format_date(session.date),
                                           today=format_date(screen.app.today())),
        _("Start today")), answered)


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

    def on_screen_resume(self) -> None:
        # Back from a dialog: the field the secretary was typing in is in sight again,
        # even when the step grew below the dialog (a decision added as it closed).
        if self.focused is not None:
            self.call_after_refresh(self._keep_focused_in_sight, self.focused)

    def _keep_focused_in_sight(self, widget) -> None:
        if widget is self.focused:
            widget.scroll_visible(animate=False)

    def on_click(self, event) -> None:
        """A click on a field's label, or on a person's name or bar beside their fields,
        puts the cursor in the field nearest the click. It used to give the cursor to the
        step's pane, which takes no text: what was typed next went nowhere (a walker's
        find, in the closing round)."""
        clicked = event.widget
        if clicked is None or clicked.focusable and clicked.allow_focus():
            return
        block = next((w for w in clicked.ancestors_with_self
                      if w.has_class("labelled") or w.has_class("participant-answers")), None)
        if block is None:
            return
        fields = [w for w in block.query("*") if w.focusable and w.region.height]
        if fields:
            y = event.screen_y
            self.set_focus(min(fields, key=lambda field: (
                0 if field.region.y <= y < field.region.bottom else
                min(abs(field.region.y - y), abs(field.region.bottom - 1 - y)))))


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
