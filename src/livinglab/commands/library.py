"""`methods` and `cases`: the review methods and the case library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import i18n
from ..i18n import N_, _
from ..storage.store import StoreError
from ..text.terminal import clean, one_line
from .common import (
    Field, PathType, UserError, echo, emit_list, group, list_options, option, progress_bar,
    report_problems,
)
from ..library import queries as case_queries

if TYPE_CHECKING:
    from ..launch import Config


@group("methods")
def methods() -> None:
    pass


METHOD_FIELDS = [Field("id", N_("Id")), Field("name", N_("Name")),
                 Field("kind", N_("Kind"), i18n.term), Field("steps", N_("Steps")),
                 Field("minutes", N_("Time (min)"))]


@methods.command("list", help=N_("List the methods."))
@list_options()
@click.pass_obj
def methods_list(config: Config, list_format: str | None) -> None:
    library = config.methods()
    report_problems(library.problems)
    emit_list(list_format, METHOD_FIELDS, [
        {"id": m.id, "name": i18n.pick(m.name), "kind": m.kind, "steps": len(m.steps),
         "minutes": m.total_minutes} for m in library.sorted()])


@methods.command("show", help=N_("Show a method's steps, minutes and questions."))
@click.argument("method_id")
@click.pass_obj
def methods_show(config: Config, method_id: str) -> None:
    library = config.methods()
    method = library.get(method_id)
    if method is None:
        raise UserError(_("no method with id {id}").format(id=method_id))
    echo(f"{i18n.pick(method.name)} ({method.id}, {method.total_minutes} min)")
    echo(i18n.pick(method.description))
    for number, step in enumerate(method.steps, 1):
        echo(f"\n{number}. {i18n.pick(step.title)} ({step.minutes} min)")
        echo(f"   {i18n.pick(step.aim)}")
        for question in step.questions:
            echo(f"   - {i18n.pick(question)}")


@group("cases")
def cases() -> None:
    pass


CASE_FIELDS = [Field("id", N_("Id")), Field("kind", N_("Kind"), i18n.term),
               Field("title", N_("Title")), Field("themes", N_("Themes"), ", ".join)]


@cases.command("list", help=N_("List the cases in the database."))
@option("--kind", help=N_("Only cases of this kind."))
@list_options()
@click.pass_obj
def cases_list(config: Config, kind: str | None, list_format: str | None) -> None:
    emit_list(list_format, CASE_FIELDS, [
        {"id": c.slug, "kind": c.kind, "title": c.title, "themes": list(c.themes)}
        for c in case_queries.cases(config.store(), kind=kind)])


@cases.command("show", help=N_("Show one case as Markdown."))
@click.argument("case_id")
@option("--with-notes", is_flag=True, help=N_("Include the notes for the facilitator."))
@click.pass_obj
def cases_show(config: Config, case_id: str, with_notes: bool) -> None:
    from ..meeting.views import case_markdown

    try:
        case = case_queries.find_case(config.store(), case_id)
    except StoreError as e:
        raise UserError(str(e)) from None
    echo(case_markdown(case, with_notes=with_notes))


@cases.command("import",
               help=N_("Add or update cases: a folder of .md files, or a single file."))
@click.argument("path", metavar="PATH", type=PathType(path_type=Path))
@click.pass_obj
def cases_import(config: Config, path: Path) -> None:
    from ..library.cases import ImportReport, example_cases, import_cases, load_cases

    with progress_bar(_("Reading cases")) as progress:
        loaded = load_cases(path, progress)
    if not loaded.cases and loaded.problems and not path.is_dir():
        raise UserError(str(loaded.problems[0]))
    if loaded.cases:
        from ..storage.written import CASE_FILE, record_written

        try:
            with progress_bar(_("Storing cases")) as progress:
                store = config.store(write=True, create=True)
                report = import_cases(store, loaded, config.methods(), example_cases(),
                                      progress)
        except StoreError as e:
            raise UserError(str(e)) from None
        for file in loaded.files:  # an erase names them: the person's case as written
            record_written(store, file, CASE_FILE)
    else:  # nothing to store: leave the database (or its absence) as it is
        report = ImportReport(problems=loaded.problems)
    report_problems(report.problems)
    said = lambda case: f"{case.slug} ({one_line(clean(case.title))})"  # noqa: E731
    for case in report.added:
        click.echo(_("added: {case}").format(case=said(case)))
    for case in report.updated:
        message = (_("replaced the built-in example: {case}")
                   if case in report.replaced_examples else _("updated: {case}"))
        click.echo(message.format(case=said(case)))
    for case in report.unknown_methods:
        click.echo(_("warning: {case}: suggested_method {method} is not a known method; "
                     "no method is offered first").format(
            case=said(case), method=repr(case.suggested_method)), err=True)
    click.echo(_("{added} added, {updated} updated, {failed} with problems").format(
        added=len(report.added), updated=len(report.updated), failed=len(report.problems)))
    if report.problems and not (report.added or report.updated):
        sys.exit(1)
