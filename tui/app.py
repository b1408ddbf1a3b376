"""The livinglab app: a shell of screens over one Store. Screens are imported when shown."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from livinglab import i18n
from livinglab.i18n import N_, _
from livinglab.methods import MethodLibrary
from livinglab.store import Store

# Writes that wait for another program's lock wait this long at most, so the screen never
# freezes; the runner keeps the edit and tries again half a second later.
BUSY_TIMEOUT_MS = 200

# Textual's own texts that reach the user, marked here so the catalogue has them in Dutch.
TEXTUAL_TEXTS = [
    N_("Theme"), N_("Change the current theme"), N_("Quit"),
    N_("Quit the application as soon as possible"), N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"), N_("Maximize"),
    N_("Maximize the focused widget"), N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"), N_("Dismiss menu"),
    N_("Search for commands…"), N_("palette"),
]


class LivingLabApp(App):
    CSS_PATH = "livinglab.tcss"
    TITLE = "livinglab"
    BINDINGS = [
        Binding("f1", "help", N_("Help")),
        # Tab moves focus as the key arrives, before later keys are routed. As a widget's
        # binding it ran only when the field got to it, so letters typed on after a tab
        # (faster than a slow screen redraws) still went to the field just left.
        Binding("tab", "focus_next", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "focus_previous", N_("Previous field"), show=False,
                priority=True),
    ]

    def __init__(self, store: Store, methods: MethodLibrary,
                 today: Callable[[], dt.date] = dt.date.today,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.store = store
        self.methods = methods
        self.today = today  # injected so tests and snapshots see a fixed day
        self.clock = clock
        store.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.sub_title = _("Case reviews and minutes")
        self.push_screen(HomeScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=_("Search for commands…")))

    def switch_language(self) -> None:
        """Dutch <-> English, in the running app: the home screen is built anew."""
        from .screens.home import HomeScreen

        i18n.set_language("en" if i18n.language() == "nl" else "nl")
        self.sub_title = _("Case reviews and minutes")
        self.switch_screen(HomeScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands in the interface language, then every key of the screen
        (the palette, ctrl+p, finds every action by name)."""
        for command in super().get_system_commands(screen):
            yield SystemCommand(_(command.title), _(command.help), command.callback,
                                command.discover)
        yield SystemCommand(_("Nederlands / English"), _("Switch the interface language"),
                            self.switch_language)
        keys: dict[str, list[str]] = {}  # one command per action, with all its keys
        about: dict[str, str] = {}
        for binding in getattr(screen, "BINDINGS", []):
            if getattr(binding, "action", None) in ("app.quit", "language"):
                continue  # listed above already, as Quit and Nederlands / English
            if isinstance(binding, Binding) and binding.description:
                keys.setdefault(binding.action, []).append(binding.key)
                about.setdefault(binding.action, _(binding.tooltip) if binding.tooltip
                                 else _(binding.description))
        for action, found in keys.items():
            yield SystemCommand(
                about[action], _("Key: {key}").format(key=", ".join(found)),
                lambda action=action, s=screen: s.run_action(action))


def run_app(store: Store, methods: MethodLibrary) -> None:
    LivingLabApp(store, methods).run()
