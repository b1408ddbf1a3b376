"""F1: what the screen is for and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from livinglab.i18n import _


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", _("Close"))]

    def __init__(self, screen: Screen):
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        about = getattr(self.for_screen, "HELP", "")
        keys = "\n".join(
            f"| `{b.key}` | {b.description} |" for b in getattr(self.for_screen, "BINDINGS", [])
            if isinstance(b, Binding) and b.description
        )
        text = (f"# {_('Help')}\n\n{about}\n\n| {_('Key')} | {_('Does')} |\n|---|---|\n{keys}\n"
                f"| `ctrl+p` | {_('Command palette: every action by name')} |\n\n"
                + _("Everything you type is saved at once; there is no save key."))
        with VerticalScroll(classes="dialog help"):
            yield Markdown(text)

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
