"""`practice`: students rehearse a case; kept apart from the groups' meetings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import i18n
from ..i18n import N_, _
from ..problems import LoadProblem
from ..storage.refs import short_id
from ..storage.store import StoreError
from .common import (
    Field, PathType, UserError, emit_list, force_option, group, lang_option, list_options,
    option, output_format, output_option, write_or_echo,
)

if TYPE_CHECKING:
    from ..launch import Config


@group("practice")
def practice() -> None:
    pass


def practice_record(config: Config, ref: str):
    from ..practice import load_practice

    try:
        return load_practice(config.store(), ref, config.methods())
    except StoreError as e:
        raise UserError(str(e)) from None


PRACTICE_FIELDS = [
    Field("date", N_("Date")), Field("status", N_("Status"), i18n.term),
    Field("case", N_("Case")), Field("method", N_("Method")),
    Field("students", N_("Practised by"), ", ".join), Field("id", N_("Id"), short_id),
]


@practice.command("list", help=N_("List the practice runs, newest first."))
@list_options()
@click.pass_obj
def practice_list(config: Config, list_format: str | None) -> None:
    from ..practice import practice_runs

    emit_list(list_format, PRACTICE_FIELDS, [
        {"date": run.session.date, "status": run.session.status, "case": run.case_title,
         "method": run.method_name, "students": list(run.students), "id": run.session.id}
        for run in practice_runs(config.store())])


@practice.command("report", help=N_("Write a practice run's reflection report as Markdown."))
@click.argument("ref", metavar="ID|latest")
@output_option()
@option("--shareable", is_flag=True,
        help=N_("To hand in outside the group: students by their role, names, other "
                "personal data and places replaced, the case text left out."))
@force_option()
@lang_option()
@click.pass_obj
def practice_report(config: Config, ref: str, output: Path | None, shareable: bool,
                    force: bool, text_lang: str | None) -> None:
    if output is not None:
        output_format(output, ("md",))
    from ..practice import report_markdown

    record = practice_record(config, ref)
    text = report_markdown(record, config.store(), config.methods(), text_lang, shareable)
    write_or_echo(text, output, force, _("Report written to {path}"))
    if output is not None:
        from ..storage.written import PRACTICE_REPORT, record_written

        record_written(config.store(), output, PRACTICE_REPORT)


@practice.command("export", help=N_("Write a practice run as a JSON practice file, to "
                                   "compare with other students' files."))
@click.argument("ref", metavar="ID|latest")
@output_option(required=True, help=N_("The JSON file to write."))
@force_option()
@lang_option()
@click.pass_obj
def practice_export(config: Config, ref: str, output: Path, force: bool,
                    text_lang: str | None) -> None:
    output_format(output, ("json",))
    from ..practice import practice_json

    record = practice_record(config, ref)
    write_or_echo(practice_json(record, text_lang), output, force,
                   _("Practice file written to {path}"))
    from ..storage.written import PRACTICE_FILE, record_written

    record_written(config.store(), output, PRACTICE_FILE)


@practice.command("compare", help=N_("Write one Markdown overview of several students' "
                                    "practice files of the same case, step by step."))
@click.argument("files", nargs=-1, required=True,
                type=PathType(dir_okay=False, path_type=Path))
@output_option()
@force_option()
@lang_option()
@click.pass_obj
def practice_compare(config: Config, files: tuple[Path, ...], output: Path | None,
                     force: bool, text_lang: str | None) -> None:
    if output is not None:
        output_format(output, ("md",))
    from ..practice import PracticeError, compare_markdown, read_practice_file

    try:
        loaded = [(str(path), read_practice_file(path)) for path in files]
        text = compare_markdown(loaded, text_lang)
    except (LoadProblem, PracticeError) as e:
        raise UserError(str(e)) from None
    write_or_echo(text, output, force, _("Overview written to {path}"))
