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


class LabModal(Translated, ModalScreen):
    pass
