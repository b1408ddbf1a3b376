"""F1: what the screen is for and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from livinglab.i18n import N_, _
from livinglab.text.markdown import inline

from ..widgets.dialogs import LabModal


def keys_of(screen: Screen) -> list[Binding]:
    """The keys of `screen` that F1 lists: each with what it does there. A key the screen
    refuses is left out (a practice run keeps the meeting's keys but has no attendance, no
    notes toggle: its ctrl+r showed twice, once for what it does not do), and so is a key
    of an action the screen has no use for just now (deleting a meeting not yet planned)."""
    from textual.actions import parse

    shown = []
    for binding in getattr(screen, "BINDINGS", []):
        if not isinstance(binding, Binding) or not binding.description:
            continue
        namespace, action, parameters = parse(binding.action)
        if not namespace and screen.check_action(action, parameters) is False:
            continue
        shown.append(binding)
    return shown


class HelpScreen(LabModal):
    CSS = """
    .help { width: 90; }
    """
    BINDINGS = [Binding("escape,f1,q", "close_dialog", N_("Close"))]

    def __init__(self, screen: Screen):
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        about = _(getattr(self.for_screen, "HELP", ""))
        # A screen may say first where the user is (the runner: the step and its aim).
        if (now := getattr(self.for_screen, "help_now", None)) is not None:
            about = f"{now()}\n\n{about}"
        keys = "\n".join(
            f"| `{b.key}` | {inline(_(b.tooltip or b.description))} |"
            for b in keys_of(self.for_screen))
        text = (f"# {_('Help')}\n\n{about}\n\n| {_('Key')} | {_('Does')} |\n|---|---|\n{keys}\n"
                f"| `f1` | {_('Help')} |\n"
                f"| `ctrl+p` | {_('Command palette: every action by name')} |\n"
                f"| `ctrl+q` | {_('Quit')} |\n")
        if getattr(self.for_screen, "STORES_AS_TYPED", False):  # a form waits for its key
            text += "\n" + _("Everything you type is saved at once; there is no save key.")
        with VerticalScroll(classes="dialog help"):
            yield Markdown(text)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
