"""The command tree of `livinglab`: click's group over the commands in `COMMANDS`.

Only the command names, where each lives and their help are here: a command is a
module-level click object of its area's module, imported when it runs, so `livinglab
--help` does not wait for the store, the models or the commands it does not use. The
app's own start (no command) does not import this module, nor click.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from .. import i18n
from ..launch import Config, open_app
from ..i18n import N_, _
from ..paths import default_db_path
from .common import ClickOption, LabGroup, PathType, option

# Every command: the module of `livinglab.commands` that holds it (as the attribute of the
# command's name, or of ATTRIBUTES) and its help, shown by `livinglab --help` without
# importing the module.
COMMANDS: dict[str, tuple[str, str]] = {
    "actions": ("memory", N_("Actions across meetings: open ones first, overdue ones "
        "marked with !, then done and cancelled ones.")),
    "backup": ("archive", N_("Copy the database to a file with SQLite's online backup; "
        "the app may keep running.")),
    "bundle": ("archive", N_("Bundles: a group's record carried to another install or "
        "to the region, and merged there.")),
    "cases": ("library", N_("The case library.")),
    "course": ("memory", N_("A group's course over its meetings as small charts: the "
        "evaluation domains, session ratings and time used.")),
    "demo": ("meetings", N_("Fill a database with a fictional history of meetings, to "
        "try livinglab or to measure it.")),
    "export": ("meetings", N_("Write a meeting's minutes as Markdown.")),
    "follow": ("meetings", N_(
        "Follow a running meeting in a second window, read-only: for a projector, or a "
        "participant reading along. Without SESSION, the meeting that runs now (or the "
        "next one to start).")),
    "lessons": ("memory", N_("Lessons the groups keep (te delen kennis), newest first.")),
    "methods": ("library", N_("Review methods: built in and your own.")),
    "practice": ("practice", N_("Practice runs of students: list, report, export, compare.")),
    "privacy": ("privacy", N_("Personal data: the names to watch for, checks, a "
        "person's data.")),
    "publish": ("archive", N_("Write a regional archive: a separate SQLite file with "
        "only what the groups marked to share and the privacy "
        "scan passed, and Datasette's metadata.json beside it.")),
    "purge": ("privacy", N_("Remove what old meetings captured, keeping their "
        "decisions, actions, lessons and slow questions.")),
    "questions": ("memory", N_("The groups' slow questions: status, whether they go to "
        "the region, and each meeting that worked on them; `questions status` gives one "
        "another status.")),
    "restore": ("archive", N_("Check a backup and put it in place of the database, "
        "after asking; the database it replaces is kept beside "
        "it.")),
    "room": ("room", N_("Open a running meeting's room: a page on the local network where "
        "each participant writes their own round and evaluates anonymously, on their "
        "own phone or laptop. Prints the join address.")),
    "search": ("meetings", N_("Search everything the groups said: cases, captured "
        "fields, decisions, actions, notes, lessons, slow "
        "questions and precedents.")),
    "series": ("memory", N_("Series of meetings (gesprekscycli): a group's programme.")),
    "sessions": ("meetings", N_("Meetings in the database.")),
    "share": ("archive", N_("Mark lessons, decisions, tensions, precedents or slow "
        "questions (by id or its first characters) as te delen: "
        "they go into the regional archive.")),
}


# Commands whose click object has another name in its module (the name is taken there).
ATTRIBUTES = {"actions": "actions_command", "backup": "backup_command",
              "bundle": "bundle_group", "course": "course_command",
              "lessons": "lessons_command", "publish": "publish_command",
              "purge": "purge_command", "questions": "questions_command",
              "restore": "restore_command", "series": "series_group",
              "share": "share_command"}


def command_object(name: str) -> click.Command:
    """The click object of a top-level command, its module imported now."""
    module = importlib.import_module(f"{__package__}.{COMMANDS[name][0]}")
    return getattr(module, ATTRIBUTES.get(name, name))


class LazyGroup(LabGroup):
    """The top-level group: a command's module is imported when the command is asked for."""

    _listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, help_text = COMMANDS[name]
        if self._listing:  # `livinglab --help`: the name and help are all it shows
            return click.Command(name, help=_(help_text))
        command = command_object(name)
        command.help = help_text  # translated when shown (LabCommand)
        return command

    def invoke(self, ctx: click.Context):
        """Run the command; a failure a person can meet (a read-only or locked database,
        a file that cannot be read or written, standard output closed or full) ends in
        one line and exit code 1, the same for every command."""
        try:
            return super().invoke(ctx)
        except Exception as e:  # click's own (usage, abort, exit) pass through unchanged
            from ..problems import failure_message
            from .common import UserError, output_failed

            if output_failed(e):
                raise UserError(_("cannot write to standard output: {reason}").format(
                    reason=i18n.os_reason(e))) from None
            store = getattr(ctx.obj, "_store", None)
            message = failure_message(e, store.explain if store is not None else None)
            if message is None:
                raise
            raise UserError(message) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    help=N_("Step a group through a structured case review and turn it into minutes.\n\n"
            "Without a command, livinglab opens the app."),
    context_settings={"help_option_names": ["-h", "--help"]},
)
@option("--db", "db_path", type=PathType(dir_okay=False, path_type=Path),
        help=N_("The database file (default: LIVINGLAB_DB, else the user data dir)."))
@option("--lang", type=click.Choice(i18n.LANGUAGES),
        help=N_("Interface language (default: from the locale)."))
@option("--methods", "methods_dir", type=PathType(exists=True, file_okay=False, path_type=Path),
        help=N_("A folder with your own method files (.toml)."))
@click.version_option(package_name="livinglab", cls=ClickOption,
                      help="Show the version and exit.")  # click's words: its catalogue
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, lang: str | None,
        methods_dir: Path | None) -> None:
    i18n.set_language(i18n.choose_language(lang))
    ctx.obj = Config(db_path=db_path or default_db_path(), methods_dir=methods_dir)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        open_app(ctx.obj)


def build_cli() -> click.Group:
    """The command tree (made once, at import; kept for callers that build it)."""
    return cli
