"""`bundle`, `publish`, `share`, `backup`, `restore` (issue 14): a group's record
between installs, the regional archive, and copies of the database."""

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
    DATE, PathType, UserError, command, confirm, find_group, force_option, group, group_option,
    option, output_format, output_option, progress_bar, refuse_overwrite, write_or_echo,
    yes_option,
)

if TYPE_CHECKING:
    from ..launch import Config


def _counts(counts) -> str:
    from ..sharing.bundles import KIND_NAMES

    return ", ".join(f"{n} {_(KIND_NAMES[kind][0] if n == 1 else KIND_NAMES[kind][1])}"
                     for kind, n in counts.items() if n)


@group("bundle")
def bundle_group() -> None:
    pass


@bundle_group.command("export", help=N_("Write the finished meetings, cases, actions, "
                                       "decisions, lessons, slow questions, tensions "
                                       "and precedents as one JSON bundle."))
@group_option(N_("Only this group (name or id; may be given more than once)."), "group_refs",
              multiple=True)
@option("--since", type=DATE,
        help=N_("Only meetings from this date (25-11-2026 or 2026-11-25) and records made "
                "or changed since."))
@option("--shareable", is_flag=True,
        help=N_("For the region: no cases, people or places, every name and other personal "
                "data replaced."))
@output_option(required=True, help=N_("The bundle file to write (.json)."))
@force_option()
@click.pass_obj
def bundle_export(config: Config, group_refs: tuple[str, ...], since, shareable: bool,
                  output: Path, force: bool) -> None:
    from ..sharing.bundles import BundleError, bundle_json, export_bundle
    from ..storage.written import BUNDLE, SHAREABLE_BUNDLE, record_written

    output_format(output, ("json",))
    store = config.store()
    group_ids = [find_group(store, ref).id for ref in group_refs] or None
    refuse_overwrite(output, force)
    try:
        with progress_bar(_("Gathering the bundle")) as progress:
            bundle = export_bundle(store, group_ids, since, shareable, i18n.language(),
                                   progress)
    except BundleError as e:
        raise UserError(str(e)) from None
    write_or_echo(bundle_json(bundle), output, True, _("Bundle written to {path}"))
    record_written(store, output, SHAREABLE_BUNDLE if shareable else BUNDLE)
    click.echo(_counts({kind: len(rows) for kind, rows in bundle.records().items()})
               or _("The bundle is empty."), err=True)


@bundle_group.command("import", help=N_("Merge a bundle into the database: new records "
                                       "are added, newer edits replace older ones, and "
                                       "nothing newer here is overwritten."))
@click.argument("file", type=PathType(dir_okay=False, path_type=Path))
@click.pass_obj
def bundle_import(config: Config, file: Path) -> None:
    from ..sharing.bundles import KIND_NAMES, BundleError, import_bundle, read_bundle

    try:  # the file is checked before the database is opened
        bundle = read_bundle(file)
    except LoadProblem as e:
        raise UserError(str(e)) from None
    try:
        store = config.store(write=True, create=True)
        with progress_bar(_("Merging the bundle")) as progress:
            report = import_bundle(store, bundle, file, progress)
    except (BundleError, StoreError) as e:
        raise UserError(str(e)) from None
    for label, counts in ((_("added"), report.added), (_("updated"), report.updated),
                          (_("unchanged"), report.unchanged)):
        if counts:
            click.echo(f"{label}: {_counts(counts)}")
    for skipped in report.skipped:
        click.echo(_("skipped {kind} {id}: {reason}").format(
            kind=_(KIND_NAMES[skipped.kind][0]), id=short_id(skipped.id), reason=skipped.reason))
    click.echo(_("{added} added, {updated} updated, {unchanged} unchanged, {skipped} "
                 "skipped").format(added=sum(report.added.values()),
                                   updated=sum(report.updated.values()),
                                   unchanged=sum(report.unchanged.values()),
                                   skipped=len(report.skipped)))


@command("publish")
@output_option(required=True, help=N_("The archive file to write (.db)."))
@option("--metadata", "metadata_path", type=PathType(dir_okay=False, path_type=Path),
        help=N_("Where to write Datasette's metadata (default: metadata.json beside the "
                "archive)."))
@option("--licence", default="CC BY 4.0", show_default=True,
        help=N_("The licence the archive is published under."))
@option("--licence-url", default="https://creativecommons.org/licenses/by/4.0/deed.nl",
        show_default=True, help=N_("Where the licence can be read."))
@force_option()
@click.pass_obj
def publish_command(config: Config, output: Path, metadata_path: Path | None, licence: str,
                    licence_url: str, force: bool) -> None:
    import shlex

    from ..sharing.bundles import KIND_NAMES
    from ..sharing.publish import PublishError, publish

    output_format(output, ("db",))
    metadata_path = metadata_path or output.with_name("metadata.json")
    output_format(metadata_path, ("json",))
    for path in (output, metadata_path):
        refuse_overwrite(path, force)
    if output.resolve() == config.db_path.resolve():
        raise click.UsageError(_("the archive cannot be the database itself"))
    try:
        store = config.store()
        with progress_bar(_("Writing the archive")) as progress:
            report = publish(store, output, metadata_path, (licence, licence_url), progress)
    except PublishError as e:
        raise UserError(str(e)) from None
    for withheld in report.withheld:
        click.echo(_("withheld {kind} {id}: the privacy scan found personal data "
                     "({count} findings); correct the text or unmark it").format(
            kind=_(KIND_NAMES[withheld.kind][0]), id=short_id(withheld.id),
            count=withheld.findings), err=True)
    click.echo(_("Published {items} to {path}; Datasette's metadata in {metadata}").format(
        items=_counts(report.published) or "0", path=output, metadata=metadata_path))
    click.echo(_("Serve it with: {command}").format(command=(
        f"datasette serve -i {shlex.quote(str(output))} "
        f"--metadata {shlex.quote(str(metadata_path))}")))


@command("share")
@click.argument("refs", metavar="ID...", nargs=-1, required=True)
@option("--off", is_flag=True, help=N_("Unmark them: they stay within the group."))
@click.pass_obj
def share_command(config: Config, refs: tuple[str, ...], off: bool) -> None:
    from ..sharing.bundles import KIND_NAMES
    from ..sharing.publish import mark_shared

    store = config.store(write=True)
    with store.transaction():  # all or none
        try:
            marked = [mark_shared(store, ref, not off) for ref in refs]
        except LookupError as e:
            raise UserError(str(e)) from None
    for kind, record in marked:
        message = _("{kind} {id}: not shared") if off else _("{kind} {id}: te delen")
        click.echo(message.format(kind=_(KIND_NAMES[kind][0]), id=short_id(record.id)))


@command("backup")
@output_option(required=True, help=N_("The backup file to write."))
@force_option()
@click.pass_obj
def backup_command(config: Config, output: Path, force: bool) -> None:
    from ..sharing.backup import backup

    output_format(output, ("db",))
    refuse_overwrite(output, force)
    if output.resolve() == config.db_path.resolve():
        raise click.UsageError(_("the backup cannot be the database itself"))
    try:  # never config.store(): a backup neither creates nor migrates the database
        with progress_bar(_("Copying the database")) as progress:
            backup(config.db_path, output, progress)
    except StoreError as e:
        raise UserError(str(e)) from None
    click.echo(_("Backup written to {path}").format(path=output))


@command("restore")
@click.argument("file", type=PathType(dir_okay=False, path_type=Path))
@yes_option()
@click.pass_obj
def restore_command(config: Config, file: Path, yes: bool) -> None:
    from ..sharing.backup import check_database, restore

    try:
        check_database(file)
    except StoreError as e:
        raise UserError(str(e)) from None
    if not yes:
        confirm(_("Replace the database {path} by the backup {file}?").format(
            path=config.db_path, file=file))
    try:
        kept = restore(file, config.db_path)
    except StoreError as e:
        raise UserError(str(e)) from None
    click.echo(_("Restored {file} into {path}").format(file=file, path=config.db_path))
    if kept:
        click.echo(_("The database it replaced is kept as {path}").format(path=kept))
