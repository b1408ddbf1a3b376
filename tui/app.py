"""The livinglab app: a shell of screens over one Store."""

from __future__ import annotations

from textual.app import App

from livinglab.i18n import _
from livinglab.methods import MethodLibrary
from livinglab.store import Store


class LivingLabApp(App):
    CSS_PATH = "livinglab.tcss"
    TITLE = "livinglab"

    def __init__(self, store: Store, methods: MethodLibrary):
        super().__init__()
        self.store = store
        self.methods = methods

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.sub_title = _("Case reviews and minutes")
        self.push_screen(HomeScreen())


def run_app(store: Store, methods: MethodLibrary) -> None:
    LivingLabApp(store, methods).run()
