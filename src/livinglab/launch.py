"""What the top-level options chose (the database, the methods, the language) and opening
the app on it. No click here: opening the app, the command without a subcommand, does not
import click or the command tree (it was a sixth of the time until home showed). A
database that cannot be opened is a `StoreError`, said in one line by whoever called."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import i18n
from .paths import default_db_path

if TYPE_CHECKING:
    from .storage.store import Store

__all__ = ["Config", "app_options", "open_app", "peek_language"]


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
            from .storage.store import Store, StoreError

            if not create and not self.db_path.exists() and not self.db_path.is_symlink():
                raise StoreError(i18n._("there is no livinglab database at {path}; check "
                                       "--db, or open livinglab once to create it").format(
                                           path=self.db_path))
            folder = self.db_path.parent
            if create and not folder.exists() and self.db_path != default_db_path():
                raise StoreError(i18n._("cannot create a database in {folder}: {reason}").format(
                    folder=folder, reason=i18n._("no such folder")))
            self._store = Store(self.db_path)
            self._checked = self._store.is_new
            if self._store.is_new:
                from .library.cases import example_cases, import_cases

                import_cases(self._store, example_cases())
        if write and not self._checked:
            self._store.check_integrity()
            self._checked = True
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def methods(self):
        from .methods import load_methods

        return load_methods(self.methods_dirs)


def peek_language(argv: list[str]) -> str | None:
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

    run_app(lambda: (config.store(create=True), config.methods()), db_path=config.db_path)
