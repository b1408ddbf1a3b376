"""The minutes, previewed as they will be saved; full or shareable.

Shareable minutes leave the group, so before they are saved the personal data found in
them is listed with its place, and the user pseudonymises, saves anyway, or cancels. The
group's own full minutes, meant to hold names, get a short notice instead.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Markdown

from livinglab.i18n import N_, _, language
from livinglab.minutes import default_file_name, render_minutes, write_minutes_file
from livinglab.minutes.shareable import shareable_minutes
from livinglab.text.personal import PLACEHOLDERS, LineFinding, hide

from ..widgets.dialogs import LabModal
from ..widgets.keybar import KeyBar
from ..widgets.text import Plain
from .base import LabScreen
from livinglab.models import Group, Session

PSEUDONYMISE, KEEP = "pseudonymise", "keep"


class PersonalDataDialog(LabModal):
    """The findings in shareable minutes, each with its line; answers PSEUDONYMISE, KEEP
    or None (cancel)."""

    BINDINGS = [
        Binding("p", "answer('pseudonymise')", N_("Pseudonymise")),
        Binding("s", "answer('keep')", N_("Save anyway")),
        Binding("escape", "answer('')", N_("Cancel")),
    ]
    DEFAULT_CSS = """
    PersonalDataDialog #findings { height: auto; max-height: 8; border: round $warning; }
    """

    def __init__(self, findings: list[LineFinding], lang: str):
        super().__init__()
        self.findings = findings
        self.labels = PLACEHOLDERS.get(lang, PLACEHOLDERS["en"])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(_("The shareable minutes hold personal data ({count} findings). "
                          "Replace it by placeholders before saving?").format(
                              count=len(self.findings)), classes="question")
            with VerticalScroll(id="findings"):
                for line, finding in self.findings:
                    yield Plain(_("line {line}: {kind}: {text}").format(
                        line=line, kind=self.labels[finding.kind], text=hide(finding.text)))
            with Horizontal(classes="buttons"):
                yield Button(_("Pseudonymise"), variant="primary", id=PSEUDONYMISE)
                yield Button(_("Save anyway"), variant="warning", id=KEEP)
                yield Button(_("Cancel"), id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#findings").focus()

    @on(Button.Pressed, f"#{PSEUDONYMISE}")
    def pseudonymise_pressed(self) -> None:
        self.action_answer(PSEUDONYMISE)

    @on(Button.Pressed, f"#{KEEP}")
    def keep_pressed(self) -> None:
        self.action_answer(KEEP)

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_answer("")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer if answer in (PSEUDONYMISE, KEEP) else None)


class MinutesScreen(LabScreen):
    HELP = N_("The minutes as Markdown. **s** saves them to a file (it asks before "
             "overwriting one); **t** switches between the full minutes for the group and "
             "the shareable ones, with roles instead of names, placeholders for other "
             "personal data and no case details. Before shareable minutes are saved, the "
             "personal data found in them is listed: pseudonymise, save anyway, or cancel.")
    CSS = """
    #minutes { padding: 0 1; }
    """
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
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#minutes").focus()

    def text(self, pseudonymise: bool = True) -> str:
        return render_minutes(self.app.store, self.session_id, self.app.methods,
                              shareable=self.shareable, pseudonymise=pseudonymise)

    def show(self) -> None:
        self.sub_title = _("Shareable minutes") if self.shareable else _("Minutes")
        self.query_one("#minutes-text", Markdown).update(self.text())

    def action_toggle_shareable(self) -> None:
        self.shareable = not self.shareable
        self.show()

    def action_save(self) -> None:
        if not self.shareable:
            self.ask_path(self.text(pseudonymise=False))
            return
        check = shareable_minutes(self.app.store, self.session_id, self.app.methods)
        if not check.findings:
            self.ask_path(check.text)
            return
        def chosen(answer: str | None) -> None:
            if answer:
                self.ask_path(check.pseudonymised() if answer == PSEUDONYMISE else check.text)

        self.app.push_screen(PersonalDataDialog(check.findings, language()), chosen)

    def ask_path(self, text: str) -> None:
        from ..widgets.save_file import save_to_file

        session = self.app.store.get(Session, self.session_id)
        group = self.app.store.get(Group, session.group_id)
        default = self.folder / default_file_name(session, group, self.shareable)
        save_to_file(self, _("Save the minutes as:"), default, lambda: text,
                     write_minutes_file,  # by the name's ending: .docx is a Word file
                     _("Minutes written to {path}"), self.written)

    def written(self, path: Path) -> None:
        from livinglab.storage.written import MINUTES, SHAREABLE_MINUTES, record_written

        record_written(self.app.store, path, SHAREABLE_MINUTES if self.shareable else MINUTES)
        if not self.shareable:
            self.notify(_("These minutes name people and may hold other personal data: "
                          "keep them within the group."), markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
