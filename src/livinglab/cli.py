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

from . import i18n
from .launch import app_options, open_app, peek_language

__all__ = ["main"]

_GLOBAL_VALUES = ("--db", "--lang")  # the options before a command that take a value


def _misplaced_option(cli, argv: list[str]) -> tuple[str, str] | None:
    """(option, command) when an option of livinglab itself (`--db`, `--lang`) is given
    after a command that has no such option of its own: `livinglab purge --db x.db` said
    only "no such option" (a walker's find)."""
    import click

    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] in _GLOBAL_VALUES else 1
    names, command = [], cli
    while i < len(argv) and isinstance(command, click.Group):
        ctx = click.Context(command, info_name="livinglab")
        found = command.get_command(ctx, argv[i])
        if found is None:
            return None  # click says what is wrong with the command itself
        names.append(argv[i])
        command, i = found, i + 1
    if not names:
        return None
    own = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for arg in argv[i:]:
        option = arg.split("=", 1)[0]
        if option in _GLOBAL_VALUES and option not in own:
            return option, " ".join(names)
    return None


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    peeked = peek_language(argv)
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
            cli = build_cli()
            if misplaced := _misplaced_option(cli, argv):
                option, command = misplaced
                print(i18n._("livinglab: {option} goes before the command: livinglab "
                             "{option} … {command} …").format(option=option, command=command),
                      file=sys.stderr)
                sys.exit(2)
            cli.main(args=argv, prog_name="livinglab")
    except Exception as e:  # the database failed under a command: damaged, locked, ...
        store = sys.modules.get(f"{__package__}.storage.store")  # no store loaded: not its error
        if store is None or not isinstance(e, store.StoreError):
            raise
        from .text.terminal import clean

        print(f"livinglab: {clean(str(e))}", file=sys.stderr)
        sys.exit(1)
