"""Saving a text to a file the user names: the one flow every screen that saves uses.

Ask for the name (offering a default, and saying in full which folder it goes to), ask before overwriting a file that exists, write
it, and say where it went or why it could not be written, in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from livinglab.i18n import _, os_reason
from livinglab.paths import write_private_file


def save_to_file(screen: Screen, question: str, default: Path, text: Callable[[], str],
                 write: Callable[[Path, str], None] = write_private_file,
                 done: str | None = None, after: Callable[[Path], None] | None = None) -> None:
    """Ask `question` with `default` as the name; then `write(path, text())` (owner-only
    Markdown unless another writer is given), asking first when the file exists. `done`
    (translated, with `{path}`) is said when it is written, then `after(path)` runs."""
    from .dialogs import AskDialog, ConfirmDialog

    def written(path: Path) -> None:
        try:
            write(path, text())
        except OSError as e:
            screen.notify(_("cannot write {path}: {reason}").format(
                path=path, reason=os_reason(e)), severity="error", markup=False)
            return
        screen.notify((done or _("Written to {path}")).format(path=path), markup=False)
        if after is not None:
            after(path)

    def chosen(answer: str | None) -> None:
        if not answer:
            return
        path = Path(answer).expanduser()
        if not path.exists():
            written(path)
            return
        screen.app.push_screen(ConfirmDialog(
            _("{path} exists. Overwrite it?").format(path=path), _("Overwrite")),
            lambda yes: written(path) if yes else None)

    # Where the file goes, said in full: the name field shows the end of a long path.
    folder = default.expanduser().absolute().parent
    where = _("It goes to the folder {folder}; type another path to save it elsewhere.")
    screen.app.push_screen(AskDialog(f"{question}\n{where.format(folder=folder)}",
                                     str(default)), chosen)
