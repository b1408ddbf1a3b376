"""What the subcommands share: the one-line user error, printing, the command and option
classes, the options several commands take (declared once), lookups.

Light on purpose: the command tree imports it at start, before any command runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import i18n
from ..i18n import N_, _
from ..text.terminal import clean, one_line

if TYPE_CHECKING:
    from ..problems import LoadProblem
    from ..storage.store import Store


class UserError(click.ClickException):
    """A mistake the user can fix; shown as one line, exit code 1."""

    def show(self, file=None) -> None:
        click.echo(f"livinglab: {clean(self.format_message())}", err=True, file=file)


def output_failed(error: BaseException) -> bool:
    """Whether `error` is standard output refusing what was printed (a closed pipe, a full
    disk): raised by `click.echo`, through which everything is printed, writing to stdout.
    Standard output is then pointed at nothing, so Python's own flush at exit does not
    fail a second time."""
    if not isinstance(error, OSError) or error.__traceback__ is None:
        return False
    last = error.__traceback__
    while last.tb_next is not None:
        last = last.tb_next
    frame = last.tb_frame  # write() and flush() are C: the last Python frame called them
    if frame.f_code is not click.echo.__code__ or frame.f_locals.get("err"):
        return False
    try:
        nothing = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nothing, sys.stdout.fileno())
        os.close(nothing)
    except (OSError, ValueError):  # no file descriptor behind it: nothing left to flush
        pass
    return True


# Answers to a yes/no question, in either language: a Dutch user types j or ja.
YES, NO = {"y", "yes", "j", "ja"}, {"n", "no", "nee"}


def confirm(question: str) -> None:
    """Ask before a change that cannot be undone: go on at yes; stop (exit 1) at no, at
    just enter, or when nobody can answer (no input)."""
    while True:
        answer = click.prompt(f"{question} [{_('y/N')}]", default="", show_default=False,
                              prompt_suffix=" ").strip().lower()
        if answer in YES:
            return
        if answer in NO or not answer:
            raise click.Abort()
        click.echo(_("Answer y (yes) or n (no)."), err=True)


def echo(text: str, **kwargs) -> None:
    """Print text that holds user data: nothing in it can steer the terminal."""
    click.echo(clean(text), **kwargs)


def report_problems(problems: list[LoadProblem]) -> None:
    for problem in problems:
        echo(f"livinglab: {problem}", err=True)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """Left-aligned columns under a rule, each cell on one line, every cell text as is."""
    cells = [[one_line(str(cell)) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def find_group(store: Store, ref: str):
    """A group by name (any case) or id; a one-line UserError naming the groups otherwise."""
    from ..meeting import queries as meeting_queries
    from ..storage.store import StoreError

    try:
        return meeting_queries.find_group(store, ref)
    except StoreError as e:
        raise UserError(_("{problem}; the groups are: {names}").format(
            problem=e, names=", ".join(g.name for g in meeting_queries.groups(store)) or "-")) from None


def the_group(store: Store, ref: str | None):
    """The group a command is about: the one named, or the only one there is."""
    from ..meeting import queries as meeting_queries

    if ref:
        return find_group(store, ref)
    groups = meeting_queries.groups(store)
    if len(groups) == 1:
        return groups[0]
    if not groups:
        raise UserError(_("there are no groups yet"))
    raise click.UsageError(_("there are several groups; name one with --group"))


def output_format(path: Path, formats: tuple[str, ...], chosen: str | None = None,
                  can_choose: bool = False) -> str:
    """The format to write `path` in: `chosen` (--format), else the one its name says
    among `formats` (the minutes' formats and the data files'); a UserError naming the
    endings otherwise, or when the name says another format than `chosen`."""
    from ..minutes.formats import FORMATS
    from ..paths import EXTENSIONS

    endings = {**EXTENSIONS, **{name: f.endings for name, f in FORMATS.items()}}
    named = next((name for name, said in endings.items() if path.suffix.lower() in said), None)
    if chosen:
        if named not in (None, chosen):
            raise UserError(_("{path}: the name says {named}, --format says {chosen}").format(
                path=path, named=named, chosen=chosen))
        return chosen
    if named in formats:
        return named
    message = (_("{path}: give the file name one of the endings {endings}, or choose the "
                 "format with --format") if can_choose else
               _("{path}: give the file name one of the endings {endings}"))
    raise UserError(message.format(path=path, endings=", ".join(
        ending for name in formats for ending in endings[name])))


def write_or_echo(text: str, output: Path | None, force: bool, done: str,
                  write=None) -> None:
    """`text` to standard output, or to `output` (owner-only; `write(path, text)` for
    another format), refusing to overwrite without --force."""
    from ..minutes import write_private_file

    if output is None:
        echo(text, nl=False)
        return
    refuse_overwrite(output, force)
    try:
        (write or write_private_file)(output, text)
    except OSError as e:
        raise UserError(_("cannot write {path}: {reason}").format(path=output,
                                                                   reason=i18n.os_reason(e)))
    click.echo(done.format(path=output), err=True)


class PathType(click.Path):
    """click.Path, its name (file, directory, path: in its metavar and its errors) said in
    the language of the run, not of the moment the option was declared."""

    @property
    def name(self) -> str:
        english = ("file" if self.file_okay and not self.dir_okay else
                   "directory" if self.dir_okay and not self.file_okay else "path")
        return i18n._click_gettext(english)

    @name.setter
    def name(self, _value: str) -> None:
        pass


class DateType(click.ParamType):
    """A date option: 25-11-2026 as in the app, or 2026-11-25; read by the app's own rule
    (`planning.parse_date`), and refused in the interface language when it is no date."""

    name = "date"

    def get_metavar(self, param, ctx=None) -> str:
        return _("DD-MM-YYYY")

    def convert(self, value, param, ctx):
        import datetime as dt

        if isinstance(value, dt.date):
            return value
        from ..meeting.planning import parse_date

        try:
            return parse_date(value)
        except ValueError as e:
            self.fail(f"{value}: {e}", param, ctx)


DATE = DateType()


class LazyChoice(click.Choice):
    """A click.Choice whose choices are asked of `choices()` when the command runs: from a
    module imported only then (the minutes' formats, the search's kinds)."""

    def __init__(self, choices: Callable[[], tuple[str, ...]]) -> None:
        self._choices = choices
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        return self._choices()

    @choices.setter
    def choices(self, _value) -> None:
        pass


# --- commands and options, declared once at module level ---------------------------------
# The commands are module-level click objects, made once per process, while the language
# is chosen per run (--lang, the locale). So their help is declared as its English
# message (N_) and translated each time click reads it.


class Translated:
    """Help declared as an English message (or a function giving the text), read in the
    language of the run."""

    _help_text: str | Callable[[], str] | None = None
    translate = staticmethod(_)

    @property
    def help(self) -> str | None:
        text = self._help_text
        return text() if callable(text) else (self.translate(text) if text else text)

    @help.setter
    def help(self, text: str | Callable[[], str] | None) -> None:
        self._help_text = text


class LabCommand(Translated, click.Command):
    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click makes its --help once per command, its text in the language of that
        # moment; the commands outlive a run (in tests, in one process), so it is said again.
        found = super().get_help_option(ctx)
        if found is not None:
            found.help = i18n._click_gettext("Show this message and exit.")
        return found


class LabGroup(LabCommand, click.Group):
    command_class = LabCommand
    group_class = type  # a subgroup is a LabGroup too


class LabOption(Translated, click.Option):
    def __init__(self, *param_decls, help: str | Callable[[], str] | None = None, **attrs):
        super().__init__(*param_decls, **attrs)
        self.help = help  # after click's own, which would clean it as a docstring now


class ClickOption(LabOption):
    """An option click itself declares (--version): its help in click's catalogue."""

    translate = staticmethod(i18n._click_gettext)


def command(name: str, **attrs):
    """A module-level command whose help (N_) is read in the run's language; a help that
    needs values filled in is a function giving the text (`help=lambda: _(...)`). A
    command's docstring would be its help: keep notes in comments. A command that gets
    subcommands becomes a `group(..., invoke_without_command=True)` that does its own work
    when `ctx.invoked_subcommand` is None (`questions`, `questions status`)."""
    return click.command(name, cls=LabCommand, **attrs)


def group(name: str, **attrs):
    """A module-level group of commands; its subcommands translate their help too."""
    return click.group(name, cls=LabGroup, **attrs)


def option(*param_decls: str, **attrs):
    """An option whose help (N_) is read in the run's language."""
    return click.option(*param_decls, cls=LabOption, **attrs)


# Options several commands share, each declared here once.

def output_option(required: bool = False,
                  help: str = N_("The file to write (default: standard output).")):
    return option("-o", "--output", required=required,
                  type=PathType(dir_okay=False, path_type=Path), help=help)


def force_option():
    return option("--force", is_flag=True, help=N_("Overwrite an existing file."))


def yes_option():
    return option("--yes", is_flag=True, help=N_("Do not ask (for scripts)."))


def lang_option(name: str = "text_lang", help: str = N_(
        "Language of the text written (default: the interface language).")):
    return option("--lang", name, type=click.Choice(i18n.LANGUAGES), help=help)


def group_option(help: str = N_("The group, by name or id (needed when there are several)."),
                 name: str = "group_ref", **attrs):
    return option("--group", name, help=help, **attrs)


def refuse_overwrite(path: Path, force: bool) -> None:
    """A UserError when `path` exists and --force was not given."""
    if path.exists() and not force:
        raise UserError(_("{path} exists; add --force to overwrite it").format(path=path))


# --- lists for scripts: --json and --csv --------------------------------------------------
# Every list command prints a table; with --json it prints the same fields as a JSON list
# of objects, with --csv as CSV with a header row (as sqlite-utils does): each field under
# its English name, dates and times as ISO text, statuses by their stored value, ids whole.


class Field:
    """One column of a list: `key` names it in JSON and CSV, `header` (N_) heads it in the
    table, `show(value)` is its cell there (default: the text of the value). A field only
    for the table (`only="table"`: a status said in words) or only for scripts
    (`only="data"`: the stored value it was said from) is left out of the other."""

    def __init__(self, key: str, header: str, show: Callable | None = None,
                 only: str | None = None):
        self.key, self.header, self.show, self.only = key, header, show, only

    def cell(self, value) -> str:
        if self.show is not None:
            return self.show(value)
        return "" if value is None else str(value)


def list_options(csv: bool = True):
    """--json (and --csv, for a list shown as a table), declared once for every list
    command; the command gets them as one parameter, `list_format`: None, json or csv."""
    def add(func):
        if csv:
            func = option("--csv", "list_format", flag_value="csv",
                          help=N_("Print the list as CSV, a header row first (for "
                                  "scripts)."))(func)
        return option("--json", "list_format", flag_value="json",
                      help=N_("Print the list as JSON: one object a row, dates as "
                              "2026-11-25 (for scripts)."))(func)
    return add


def plain(value):
    """A value as JSON holds it: a date or time as ISO text, an enum by its value, a tuple
    as a list."""
    import datetime as dt
    import enum

    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else \
            value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def emit_list(list_format: str | None, fields: list[Field], records: list[dict],
              empty: str | None = None) -> None:
    """Print `records` (dicts by field key) as the table (or `empty` when there are none),
    as JSON or as CSV. Text for JSON and CSV is printed as stored: a script reading it
    gets the words; only the table is cleaned for a terminal."""
    if list_format:
        table_only = {f.key for f in fields if f.only == "table"}
        keys = [f.key for f in fields if f.only != "table"]
        for record in records[:1]:  # what a record holds beyond them (--history)
            keys += [k for k in record if k not in keys and k not in table_only]
        data = [{k: plain(r.get(k)) for k in keys} for r in records]
    if list_format == "json":
        import json

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if list_format == "csv":
        import csv
        import io
        import json

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(keys)
        for r in data:
            writer.writerow([json.dumps(r[k], ensure_ascii=False)
                             if isinstance(r[k], (list, dict, bool)) else "" if r[k] is None
                             else r[k] for k in keys])
        click.echo(out.getvalue(), nl=False)
        return
    if not records and empty is not None:
        click.echo(empty)
        return
    shown = [f for f in fields if f.only != "data"]
    rows = [[f.cell(r.get(f.key)) for f in shown] for r in records]
    click.echo(table([_(f.header) if f.header else "" for f in shown], rows))


# --- progress on long work ----------------------------------------------------------------
# The core takes an optional callback `progress(done, total)` (total None while unknown) and
# knows nothing of how it is shown; a command passes the one `progress_bar` gives.


@contextmanager
def progress_bar(description: str):
    """A progress callback that draws a bar (Rich, on standard error) when standard error
    and standard output are a terminal, and does nothing otherwise: a script, a pipe or a
    log gets the command's own lines only. The bar is gone when the work is done."""
    err, out = sys.stderr, sys.stdout
    if not (_is_terminal(err) and _is_terminal(out)):
        yield _no_progress
        return
    from ..tui.progress import bar  # Rich, only now that it draws

    with bar(description, err) as advance:
        yield advance


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or no file behind it
        return False


def _no_progress(done: int, total: int | None = None) -> None:
    pass
