"""The minutes, previewed as they will be saved; full or shareable."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown

from livinglab.i18n import N_, _
from livinglab.minutes import default_file_name, render_minutes, write_minutes_file

from .base import LabScreen


class MinutesScreen(LabScreen):
    HELP = N_("The minutes as Markdown. **s** saves them to a file (it asks before "
             "overwriting one); **t** switches between the full minutes for the group and "
             "the shareable ones, with roles instead of names and no case details.")
    BINDINGS = [
        Binding("s", "save", N_("Save")),
        Binding("t", "toggle_shareable", N_("Full / shareable")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, session_id: str, folder: Path | None = None):
        super().__init__()
        self.session_id = session_id
        self.shareable = False
        self.folder = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="minutes"):
            yield Markdown(id="minutes-text")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#minutes").focus()

    def text(self) -> str:
        return render_minutes(self.app.store, self.session_id, self.app.methods,
                              shareable=self.shareable)

    def show(self) -> None:
        self.sub_title = _("Shareable minutes") if self.shareable else _("Minutes")
        self.query_one("#minutes-text", Markdown).update(self.text())

    def action_toggle_shareable(self) -> None:
        self.shareable = not self.shareable
        self.show()

    def action_save(self) -> None:
        from ..widgets.dialogs import AskDialog

        session = self.app.store.session(self.session_id)
        group = self.app.store.group(session.group_id)
        default = self.folder / default_file_name(session, group, self.shareable)
        self.app.push_screen(AskDialog(_("Save the minutes as:"), str(default)), self.save_to)

    def save_to(self, answer: str | None) -> None:
        if not answer:
            return
        path = Path(answer).expanduser()
        if path.exists():
            from ..widgets.dialogs import ConfirmDialog

            def overwrite(confirmed: bool | None) -> None:
                if confirmed:
                    self.write(path)

            self.app.push_screen(ConfirmDialog(
                _("{path} exists. Overwrite it?").format(path=path), _("Overwrite")), overwrite)
        else:
            self.write(path)

    def write(self, path: Path) -> None:
        try:
            write_minutes_file(path, self.text())  # .docx: a Word file
        except OSError as e:
            self.notify(_("cannot write {path}: {reason}").format(path=path, reason=e.strerror),
                        severity="error", markup=False)
            return
        self.notify(_("Minutes written to {path}").format(path=path), markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
