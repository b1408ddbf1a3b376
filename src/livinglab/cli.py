"""The `livinglab` command: opens the app, or runs one of its subcommands.

Exit codes: 0 success, 1 a user error with a one-line message, 2 a usage error.
The command tree (`livinglab.commands.group`, click) is built after the language is
known, so `--help` speaks it too. Opening the app, the command without a subcommand, does
not import click or the tree: it was a sixth of the time until home showed. Any other
command line, or an option value that needs explaining, goes to click.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import i18n
from .paths import default_db_path

if TYPE_CHECKING:
    from .storage.store import Store

__all__ = ["Config", "main", "open_app"]


class Config:
    """What the top-level options chose; the database is opened on first use."""

    def __init__(self, db_path: Path, methods_dir: Path | None = None):
        self.db_path = db_path
        self.methods_dir = methods_dir  # --methods: a folder besides the user's own
        self._store: Store | None = None
        self._checked = False  # the open database passed its integrity check

    @property
    def methods_dirs(self) -> list[Path]:
        from .methods import user_methods_dir

        return [user_methods_dir()] + ([self.methods_dir] if self.methods_dir else [])

    def store(self, write: bool = False, create: bool = False) -> Store:
        """Open the database, or stop with a one-line message. Only `create` (the app,
        importing) makes a new one, filled with the example cases, and its folder only in
        the default place: a mistyped --db is said, not read as an empty archive. For a
        command that will `write`, SQLite's integrity check runs first, so nothing lands
        in a damaged file (not for the app: it reads every page, seconds on an archive)."""
        if self._store is None:
            from .commands.common import UserError
            from .storage.store import Store, StoreError

            if not create and not self.db_path.exists() and not self.db_path.is_symlink():
                raise UserError(i18n._("there is no livinglab database at {path}; check "
                                       "--db, or open livinglab once to create it").format(
                                           path=self.db_path))
            folder = self.db_path.parent
            if create and not folder.exists() and self.db_path != default_db_path():
                raise UserError(i18n._("cannot create a database in {folder}: {reason}").format(
                    folder=folder, reason=i18n._("no such folder")))
            try:
                self._store = Store(self.db_path)
            except StoreError as e:
                raise UserError(str(e)) from None
            self._checked = self._store.is_new
            if self._store.is_new:
                from .library.cases import example_cases, import_cases

                import_cases(self._store, example_cases())
        if write and not self._checked:
            from .commands.common import UserError
            from .storage.store import StoreError

            try:
                self._store.check_integrity()
            except StoreError as e:
                raise UserError(str(e)) from None
            self._checked = True
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def methods(self):
        from .methods import load_methods

        return load_methods(self.methods_dirs)


def _peek_language(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def app_options(argv: list[str]) -> Config | None:
    """What `argv` chose when all it does is open the app (only --db, --lang, --methods,
    each once, with values click would take); None for anything else."""
    names = {"--db": "db", "--lang": "lang", "--methods": "methods"}
    chosen: dict[str, str] = {}
    args = list(argv)
    while args:
        name, equals, value = args.pop(0).partition("=")
        if names.get(name) is None or names[name] in chosen:
            return None
        if not equals:
            if not args:
                return None
            value = args.pop(0)
        chosen[names[name]] = value
    db = chosen.get("db")
    methods = chosen.get("methods")
    if (chosen.get("lang", i18n.LANGUAGES[0]) not in i18n.LANGUAGES
            or (db is not None and (not db or Path(db).is_dir()))
            or (methods is not None and not Path(methods).is_dir())):
        return None  # click says what is wrong with it
    return Config(Path(db) if db else default_db_path(), Path(methods) if methods else None)


def open_app(config: Config) -> None:
    """The app on `config`'s database, opened after home has painted."""
    from .tui.app import run_app  # Textual is imported only when the app opens

    run_app(lambda: (config.store(create=True), config.methods()))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    peeked = _peek_language(argv)
    i18n.set_language(i18n.choose_language(peeked if peeked in i18n.LANGUAGES else None))
    os.umask(0o077)  # every file livinglab creates is readable by its owner only
    config = app_options(argv)
    try:
        if config is not None:
            try:
                open_app(config)
            finally:
                config.close()
        else:
            from .commands.group import build_cli

            i18n.translate_click()
            build_cli().main(args=argv, prog_name="livinglab")
    except Exception as e:  # the database failed under a command: damaged, locked, ...
        store = sys.modules.get(f"{__package__}.storage.store")  # no store loaded: not its error
        user_error = sys.modules.get(f"{__package__}.commands.common")
        if user_error is not None and isinstance(e, user_error.UserError):
            e.show()  # raised when the app could not open its database
            sys.exit(e.exit_code)
        if store is None or not isinstance(e, store.StoreError):
            raise
        print(f"livinglab: {e}", file=sys.stderr)
        sys.exit(1)
