"""The livinglab app: a shell of screens over one Store. Screens are imported when shown.

Started from the command line, the app paints home first and opens the database right
after (`opener`): the store, the models and the methods are most of the start-up time,
and a screen that shows at once, filled a moment later, feels faster than a late one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from livinglab import i18n
from livinglab.i18n import N_, _

from .messages import StoreOpened

if TYPE_CHECKING:
    from livinglab.methods import MethodLibrary
    from livinglab.storage.store import Store

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
    N_("Open the command palette"), N_("Quit the app and return to the command prompt."),
]


class Palette(CommandPalette):
    """Textual's command palette, saying 'No matches found' in the interface language
    (Textual's own method, with the text translated)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        from rich.align import Align
        from rich.text import Text
        from textual.command import CommandList
        from textual.widgets.option_list import Option

        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # with nothing typed it lists commands: no matches is no news
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


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

    def __init__(self, store: Store | None, methods: MethodLibrary | None,
                 today: Callable[[], dt.date] = dt.date.today,
                 clock: Callable[[], float] = time.monotonic,
                 opener: Callable[[], tuple[Store, MethodLibrary]] | None = None,
                 db_path: Path | None = None):
        """Either a store and the methods, or an `opener` that returns both, called in a
        thread once home has painted; an exception it raises ends the app (`start_error`).
        With the opener, `db_path` (the file it opens) lets home read its list before."""
        super().__init__()
        self.db_path = db_path
        self.store: Store = store  # type: ignore[assignment]  # None only until opened
        self.methods: MethodLibrary = methods  # type: ignore[assignment]
        self.today = today  # injected so tests and snapshots see a fixed day
        self.clock = clock
        self.opener = opener
        self.start_error: Exception | None = None
        self.store_open = asyncio.Event()  # what a key pressed before it was open waits for
        if store is not None:
            store.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.store_open.set()

    def wallclock(self) -> dt.datetime:
        """Now, on the app's day: when a meeting starts or ends. In use the app's day is
        today; a test fixes the day, and the meeting is held on it."""
        from livinglab.models import local, now

        return dt.datetime.combine(self.today(), local(now()).timetz())

    def get_default_screen(self) -> Screen:
        """Home is the first screen itself: no empty screen is drawn before it."""
        from .screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.sub_title = self.describe()
        if self.store is None:
            self.call_after_refresh(self.run_worker, self.open_store, thread=True)
        else:
            self.say_if_read_only()

    def describe(self) -> str:
        """The sub-title: what the app is for, and whether its database is read-only."""
        if self.store is not None and self.store.read_only:
            return _("Case reviews and minutes") + " · " + _("read-only")
        return _("Case reviews and minutes")

    def say_if_read_only(self) -> None:
        """Once, as the database opens: a read-only file is read, never written."""
        if self.store.read_only:
            self.sub_title = self.describe()
            self.notify(_("{path} is read-only: you can browse, read and export minutes; "
                          "nothing can be changed.").format(path=self.store.path),
                        severity="warning", markup=False, timeout=10)

    def open_store(self) -> None:
        """In a thread, after the first frame: the main loop keeps painting and takes keys."""
        assert self.opener is not None
        try:
            store, methods = self.opener()
        except Exception as e:  # the caller reports it (a damaged file: one line, exit 1)
            self.start_error = e
            self.call_from_thread(self.exit, return_code=1)
            return
        self.call_from_thread(self.use_store, store, methods)

    def use_store(self, store: Store, methods: MethodLibrary) -> None:
        store.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.store, self.methods = store, methods
        self.store_open.set()
        self.screen.post_message(StoreOpened())
        # After home has filled its list: a sub-title changed in the same frame left the
        # list drawn with its columns as wide as their headings until the next key.
        self.call_after_refresh(self.say_if_read_only)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """ctrl+q: at once, unless a screen or dialog on the stack holds typed text that
        would be lost; then it asks, as escape does (ctrl+q again quits)."""
        from .widgets.dialogs import ConfirmDialog

        from .screens.base import settle_typing

        asking = isinstance(self.screen, ConfirmDialog) and self.screen.id == "quit-question"
        await settle_typing(self)  # keys sent just before ctrl+q are typed first
        # Every screen is asked (each stores what it can: a meeting its fields, a dialog
        # its draft), not only until the first that holds typing.
        unsaved = [getattr(screen, "holds_unsaved_typing", lambda: False)()
                   for screen in self.screen_stack]
        if asking or not any(unsaved):
            self.exit()
            return

        def quit_app(confirmed: bool | None) -> None:
            if confirmed:
                self.exit()

        question = ConfirmDialog(_("Quit? What you typed in the open form or dialog is not "
                                   "kept."), _("Quit"))
        question.id = "quit-question"
        await self.push_screen(question, quit_app)

    def action_help_quit(self) -> None:
        """ctrl+c copies in a text field; elsewhere Textual says how to quit, here in the
        interface language, with the key that quits on every screen."""
        self.notify(_("Press {key} to quit the app").format(key="ctrl+q"),
                    title=_("Do you want to quit?"), markup=False)

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider],
                                 placeholder=_("Search for themes…")))

    @on(events.DeliveryComplete)
    def screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":
            event.prevent_default()  # Textual's own message is English
            self.notify(_("Saved screenshot to {path}").format(path=event.path or ""),
                        title=_("Screenshot"), markup=False)

    @on(events.DeliveryFailed)
    def screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(_("Failed to save screenshot"), title=_("Screenshot"),
                        severity="error", markup=False)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette",
                                     placeholder=_("Search for commands…")))

    def switch_language(self) -> None:
        """Dutch <-> English, in the running app: the home screen is built anew."""
        from .screens.home import HomeScreen

        i18n.set_language("en" if i18n.language() == "nl" else "nl")
        self.sub_title = self.describe()
        if isinstance(self.screen, HomeScreen) and len(self.screen_stack) == 1:
            self.screen.rebuild()  # the first screen: it cannot be switched for another
        else:
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


def run_app(opener: Callable[[], tuple[Store, MethodLibrary]],
            db_path: Path | None = None) -> None:
    """Run the app on what `opener` returns; what it raised is raised here, after the app
    has given the terminal back. `db_path`: the file the opener opens (home's list is read
    from it first, without the store)."""
    app = LivingLabApp(None, None, opener=opener, db_path=db_path)
    app.run()
    if app.start_error is not None:
        raise app.start_error
