"""`privacy` and `purge` (issue 11): personal data, checks and retention."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import i18n
from ..i18n import N_, _
from ..storage.store import StoreError
from ..text.terminal import one_line
from .common import (
    DATE, PathType, UserError, command, confirm, echo, group, group_option, option,
    output_format, progress_bar, table, the_group, yes_option,
)
from ..meeting import queries as meeting_queries
from ..privacy import queries as privacy_queries

if TYPE_CHECKING:
    from ..launch import Config


def report_findings(found, err: bool = False) -> None:
    """One line per finding: line, kind, the text with all but first letters hidden."""
    from ..text.personal import PLACEHOLDERS, hide

    labels = PLACEHOLDERS.get(i18n.language(), PLACEHOLDERS["en"])
    for line, finding in found:
        echo(_("line {line}: {kind}: {text}").format(
            line=line, kind=labels[finding.kind], text=hide(finding.text)), err=err)


@group("privacy")
def privacy() -> None:
    pass


@privacy.group("names", help=N_("The names a group watches for in shareable text (its "
                               "clients), besides its own people."))
def privacy_names() -> None:
    pass


@privacy_names.command("add", help=N_("Add names to the group's watch list."))
@click.argument("names", nargs=-1, required=True)
@group_option()
@click.pass_obj
def privacy_names_add(config: Config, names: tuple[str, ...], group_ref: str | None) -> None:
    store = config.store(write=True)
    group = the_group(store, group_ref)
    for name in names:
        if not name.strip():
            raise click.UsageError(_("a name cannot be empty"))
    added = sum(privacy_queries.add_watch_name(store, group.id, name) for name in names)
    click.echo(_("{added} added to the watch list of {group}").format(
        added=added, group=group.name))


@privacy_names.command("list", help=N_("List the group's watch list."))
@group_option()
@click.pass_obj
def privacy_names_list(config: Config, group_ref: str | None) -> None:
    store = config.store()
    group = the_group(store, group_ref)
    names = privacy_queries.watch_names(store, group.id)
    for name in names:
        echo(name)
    if not names:  # said beside the list (standard error): a script reads no line
        click.echo(_("The watch list of {group} is empty.").format(group=group.name), err=True)


@privacy_names.command("remove", help=N_("Remove names from the group's watch list."))
@click.argument("names", nargs=-1, required=True)
@group_option()
@click.pass_obj
def privacy_names_remove(config: Config, names: tuple[str, ...],
                         group_ref: str | None) -> None:
    store = config.store(write=True)
    group = the_group(store, group_ref)
    missing = [name for name in names if not privacy_queries.remove_watch_name(store, group.id, name)]
    if missing:
        raise UserError(_("not on the watch list of {group}: {names}").format(
            group=group.name, names=", ".join(missing)))


@privacy.group("places", help=N_("The places of the group's region (its municipalities): "
                                "shareable text may name them in policy talk; every other "
                                "place, and where someone lives, is replaced."))
def privacy_places() -> None:
    pass


@privacy_places.command("add", help=N_("Add places to the group's region."))
@click.argument("places", nargs=-1, required=True)
@group_option()
@click.pass_obj
def privacy_places_add(config: Config, places: tuple[str, ...], group_ref: str | None) -> None:
    from ..meeting.region import add_region_place

    store = config.store(write=True)
    group = the_group(store, group_ref)
    if any(not place.strip() for place in places):
        raise click.UsageError(_("a place cannot be empty"))
    from ..meeting.region import places_problem

    if problem := places_problem(list(places)):
        raise click.UsageError(problem)
    added = sum(add_region_place(store, group.id, place) for place in places)
    click.echo(_("{added} added to the region of {group}").format(added=added, group=group.name))


@privacy_places.command("list", help=N_("List the places of the group's region, its "
                                        "municipality first."))
@group_option()
@click.pass_obj
def privacy_places_list(config: Config, group_ref: str | None) -> None:
    from ..meeting.region import region_places

    store = config.store()
    group = the_group(store, group_ref)
    for place in [*([group.municipality] if group.municipality else []),
                  *region_places(store, group.id)]:
        echo(place)
    # Kept as well, but no places of their own: said apart (listed as places, "Sociaal"
    # and "wijkteam" puzzled a privacy officer).
    click.echo(_("Also kept: the words of the group's name ({name}).").format(
        name=group.name), err=True)


@privacy_places.command("remove", help=N_("Remove places from the group's region."))
@click.argument("places", nargs=-1, required=True)
@group_option()
@click.pass_obj
def privacy_places_remove(config: Config, places: tuple[str, ...],
                          group_ref: str | None) -> None:
    from ..meeting.region import remove_region_place

    store = config.store(write=True)
    group = the_group(store, group_ref)
    missing = [p for p in places if not remove_region_place(store, group.id, p)]
    if missing:
        raise UserError(_("not in the region of {group}: {places}").format(
            group=group.name, places=", ".join(missing)))


@privacy.command("check", help=N_("List the personal data in a file, or in the shareable "
                                 "minutes of a meeting; exit code 1 if there is any."))
@click.argument("target", metavar="FILE|SESSION")
@click.pass_obj
def privacy_check(config: Config, target: str) -> None:
    path = Path(target)
    store = config.store()
    if path.exists() and not path.is_dir():  # a file, or a device read up to the cap
        from ..problems import LoadProblem, read_input_text

        try:
            text = read_input_text(path)
        except LoadProblem as e:
            raise UserError(str(e)) from None
        from ..text.personal import scan_lines

        found = scan_lines(text, privacy_queries.all_known_names(store))
    else:
        try:
            session = meeting_queries.find_session(store, target)
        except StoreError as e:
            if path.suffix or os.sep in target:  # meant as a file
                raise UserError(_("cannot read {path}: {reason}").format(
                    path=path, reason=i18n.os_reason(FileNotFoundError(errno.ENOENT, "")))) from None
            raise UserError(str(e)) from None
        from ..minutes.shareable import shareable_minutes

        found = shareable_minutes(store, session.id, config.methods()).findings
    report_findings(found)
    if found:
        sys.exit(1)
    click.echo(_("No personal data found."))


@privacy.command("person", help=N_("Everything the database holds about one person (a "
                                  "participant or a watched name); export it, or erase "
                                  "the name everywhere."))
@click.argument("name")
@option("--export", "export_path", type=PathType(dir_okay=False, path_type=Path),
        help=N_("Write what is theirs to this file (JSON): their own answers and the "
                "sentences that name them, with everyone else's names and data replaced."))
@option("--erase", is_flag=True,
        help=N_("Replace the name by a placeholder everywhere, after asking; then list the "
                "files written before that may still hold it."))
@yes_option()
@click.pass_obj
def privacy_person(config: Config, name: str, export_path: Path | None, erase: bool,
                   yes: bool) -> None:
    import json

    from ..minutes import write_private_file
    from ..privacy.retention import person_records, resolve_person

    if export_path and erase:
        raise click.UsageError(_("choose --export or --erase, not both"))
    if export_path:
        output_format(export_path, ("json",))
    store = config.store(write=erase)
    person = resolve_person(store, name)
    if person is None and person_records(store, " ".join(name.split())):
        # A client named in the texts but never put on a watch list: a request to erase
        # or see them is about that name all the same.
        person = " ".join(name.split())
        click.echo(_("{name} is no participant and on no watch list; the texts that name "
                     "them:").format(name=person), err=True)
    if person is None:
        raise UserError(_("the database knows no one called {name}").format(name=name))
    if export_path:
        from ..privacy.access import count, person_export
        from ..storage.written import PERSON_EXPORT, record_written

        data = person_export(store, person, i18n.language())
        try:
            write_private_file(export_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        except OSError as e:
            raise UserError(_("cannot write {path}: {reason}").format(
                path=export_path, reason=i18n.os_reason(e)))
        record_written(store, export_path, PERSON_EXPORT)
        click.echo(_("{count} records about {name} written to {path}").format(
            count=count(data), name=person, path=export_path), err=True)
        return
    records = person_records(store, person)
    click.echo(table([_("Where"), _("Text")], [[r.where, r.text] for r in records]))
    if erase:
        from ..privacy.erase import erase_person

        if not yes:
            confirm(_("Replace {name} by a placeholder in these {count} places?")
                    .format(name=person, count=len(records)))
        try:
            report = erase_person(store, person, i18n.language())
        except StoreError as e:
            raise UserError(str(e)) from None
        click.echo(_("{name} was replaced in {count} texts").format(
            name=person, count=report.texts + report.cells))
        report_erase(report)


# What each kind of written file is called where the erase lists them.
FILE_KINDS = {
    "minutes": N_("minutes"), "shareable-minutes": N_("shareable minutes"),
    "bundle": N_("bundle"), "shareable-bundle": N_("shareable bundle"),
    "backup": N_("backup"), "before-restore": N_("copy kept by a restore"),
    "archive": N_("published archive"), "person-export": N_("a person's export"),
    "practice-report": N_("practice report"), "practice-file": N_("practice file"),
    "case-file": N_("case file you imported"),
}


def report_erase(report) -> None:
    """What an erase could not reach: the files written before, the built-in examples."""
    if report.examples:
        click.echo(_("Left as shipped: the example cases {cases}, whose fictional "
                     "characters share a name with {name}.").format(
            cases=", ".join(report.examples), name=report.person))
    for word, names in report.shared.items():
        click.echo(_("\"{word}\" on its own is left where it stands: it is part of the name "
                     "of {names} too. Erase that name as well if it should go.").format(
            word=word, names=", ".join(names)))
    if not report.wal_emptied:
        click.echo(_("Another program has the database open, so its write-ahead log could "
                     "not be emptied: close it and erase again."), err=True)
    if not report.files:
        return
    click.echo(_("Files this program wrote or read before may still hold {name}; delete "
                 "them (and their copies) yourself:").format(name=report.person))
    holds = {True: _("holds the name"), False: _("name not found in it"), None: _("gone")}
    files = sorted(report.files, key=lambda f: report.holds.get(f.path) is not True)
    click.echo(table([_("Written"), _("Kind"), _("Name"), _("File")], [
        [f.written_at.astimezone().strftime("%Y-%m-%d %H:%M"), _(FILE_KINDS.get(f.kind, f.kind)),
         holds[report.holds.get(f.path)], f.path] for f in files]))


def purge_listing(plan, groups, width: int | None = None) -> str:
    """What a purge takes, in the terminal's width (80 columns if it cannot tell): the
    question wrapped at words, then per meeting its date and title, under them its group
    and what it loses. A table of the five side by side was some 150 columns wide, and
    a terminal of 80 broke each row into pieces across lines."""
    import shutil
    import textwrap

    width = max(40, min(width or shutil.get_terminal_size((80, 24)).columns, 100))
    names = {g.id: g.name for g in groups}
    lines = textwrap.wrap(_(
        "These meetings lose the text captured in them, their notes and their location; "
        "their decisions, actions, lessons, slow questions, voornemens and moral precedents "
        "stay, with client names replaced:"), width)
    indent = " " * 12  # under the title, past the date
    for s in plan.sessions:
        lines.append("")
        lines += textwrap.wrap(f"{s.date.isoformat()}  {one_line(s.title)}", width,
                               subsequent_indent=indent)
        lines += textwrap.wrap(_("{group} · loses {fields} fields and {notes} notes").format(
            group=one_line(names.get(s.group_id, "")), fields=plan.fields[s.id],
            notes=plan.notes[s.id]), width, initial_indent=indent, subsequent_indent=indent)
    return "\n".join([*lines, ""])  # a line apart from the question that follows


@command("purge")
@option("--finished-before", "before", required=True, type=DATE,
        help=N_("Purge the meetings finished before this date (25-11-2026 or 2026-11-25)."))
@yes_option()
@click.pass_obj
def purge_command(config: Config, before, yes: bool) -> None:
    from ..privacy.retention import plan_purge, purge

    store = config.store(write=True)
    plan = plan_purge(store, before)
    if not plan.sessions:
        click.echo(_("No finished meetings before {date} to purge.").format(
            date=before.isoformat()))
        return
    click.echo(purge_listing(plan, meeting_queries.groups(store)))
    if not yes:
        confirm(_("Purge these {count} meetings?").format(count=len(plan.sessions)))
    try:
        with progress_bar(_("Purging")) as progress:
            purge(store, plan, i18n.language(), progress)
    except StoreError as e:
        raise UserError(str(e)) from None
    click.echo(_("Purged {count} meetings; the database file was compacted.").format(
        count=len(plan.sessions)))
