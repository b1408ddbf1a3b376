"""Home: the meetings, the case library and the methods."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from livinglab.i18n import _


class HomeScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Meetings"), id="home-title")
        yield Footer()
