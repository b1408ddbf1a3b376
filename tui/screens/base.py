"""What every screen of the app shares: key labels translated when shown.

Bindings are declared with English descriptions marked by `N_`; the footer, the command
palette and F1 read them through `active_bindings`, translated here at the moment they are
shown, so switching the language in the running app reaches every key label.
"""

from __future__ import annotations

import dataclasses

from textual.screen import ModalScreen, Screen

from livinglab.i18n import _


class Translated:
    @property
    def active_bindings(self):
        found = super().active_bindings  # type: ignore[misc]
        return {key: active._replace(binding=dataclasses.replace(
                    active.binding, description=_(active.binding.description),
                    tooltip=_(active.binding.tooltip) if active.binding.tooltip else ""))
                for key, active in found.items()}


WIDE = 110  # columns from which tables show their rows side by side


class LabScreen(Translated, Screen):
    HELP = ""

    def on_resize(self, event) -> None:
        self.set_class(event.size.width >= WIDE, "wide")

    def on_descendant_focus(self, event) -> None:
        # Textual scrolls to a field as it gets focus; a field mounted just now (a new
        # row, the next action) has no place yet then: scroll again once it has one.
        self.call_after_refresh(self._keep_focused_in_sight, event.widget)

    def _keep_focused_in_sight(self, widget) -> None:
        if widget is self.focused:
            widget.scroll_visible(animate=False)


class LabModal(Translated, ModalScreen):
    pass


# --- writes a person asked for (issue 22) ------------------------------------------------
# One place says what a database refused: another program holds its write lock (busy) or
# it is open read-only. The caller keeps what was typed, the person tries again, and the
# app keeps running.

NOT_STORED = object()  # what `store_write` returns when the write did not happen


def store_write(screen, write, *args):
    """`write(*args)` and its result, or NOT_STORED when the database or the value was
    refused: said on `screen` in one line."""
    from livinglab.store import StoreError, StoreLocked, StoreReadOnly

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
