"""The anchor of the start-up figures: a bare Textual app (header, label, footer), started
from the same venv the same way the app is."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label

READY = "bare textual app ready"


class BareApp(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(READY)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
