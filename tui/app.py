"""The livinglab app: a shell of screens over one Store. Screens are imported when shown."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from livinglab.i18n import _
from livinglab.methods import MethodLibrary
from livinglab.store import Store


class LivingLabApp(App):
    CSS_PATH = "livinglab.tcss"
    TITLE = "livinglab"
    BINDINGS = [Binding("f1", "help", _("Help"))]

    def __init__(self, store: Store, methods: MethodLibrary,
                 today: Callable[[], dt.date] = dt.date.today,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.store = store
        self.methods = methods
        self.today = today  # injected so tests and snapshots see a fixed day
        self.clock = clock

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.sub_title = _("Case reviews and minutes")
        self.push_screen(HomeScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the screen is also a command in the palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(
                    binding.description, _("Key: {key}").format(key=binding.key),
                    lambda action=binding.action, s=screen: s.run_action(action),
                )


def run_app(store: Store, methods: MethodLibrary) -> None:
    LivingLabApp(store, methods).run()
