"""`sessions`, `export`, `search`, `demo` and `follow`: meetings and what was said."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import i18n
from ..i18n import N_, _
from ..storage.refs import short_id
from ..storage.store import StoreError, default_db_path
from ..text.terminal import clean, one_line
from . import rows
from .common import (
    DATE,
    Field,
    LazyChoice,
    PathType,
    UserError,
    command,
    echo,
    find_group,
    force_option,
    group,
    group_option,
    emit_list,
    lang_option,
    list_options,
    option,
    output_format,
    output_option,
    progress_bar,
    write_or_echo,
)

# Light on purpose, as `common`: `sessions list` imports this module, so what only the other
# commands use (the models, the search index, the privacy scan) is imported inside them.
if TYPE_CHECKING:
    from ..launch import Config


@group("sessions")
def sessions() -> None:
    pass


SESSION_FIELDS = [
    Field("date", N_("Date")), Field("time", N_("Time"), lambda t: t.strftime("%H:%M") if t else ""),
    Field("status", N_("Status"), lambda status: i18n.term_named("SessionStatus", status)),
    Field("group", N_("Group")), Field("title", N_("Title")), Field("id", N_("Id"), short_id),
]


@sessions.command("list", help=N_("List the meetings, newest first."))
@option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
        help=N_("At most this many meetings: the newest."))
@option("--all", "show_all", is_flag=True, help=N_("Every meeting, however many."))
@list_options()
@click.pass_obj
def sessions_list(config: Config, limit: int, show_all: bool, list_format: str | None) -> None:
    store = config.store()
    groups = rows.group_names(store)
    shown = rows.session_rows(store, limit=None if show_all else limit)  # only those printed
    emit_list(list_format, SESSION_FIELDS, [
        {"date": s["date"], "time": s["start_time"], "status": s["status"],
         "group": groups.get(s["group_id"], ""), "title": s["title"], "id": s["id"]}
        for s in shown])
    more = 0 if show_all else rows.count_sessions(store) - len(shown)
    if more > 0:
        click.echo(_("{count} older meetings not shown: --limit N shows more, --all "
                     "shows every one").format(count=more), err=True)


def minutes_formats() -> tuple[str, ...]:
    """--format: the minutes' formats as their registry holds them when the command runs
    (`minutes.formats`, imported only then)."""
    from ..minutes.formats import FORMATS

    return tuple(FORMATS)


def format_help() -> str:
    from ..minutes.formats import FORMATS

    return _("One of {formats}; default: by the file name.").format(
        formats=", ".join(f"{f.name} ({_(f.label)})" for f in FORMATS.values()))


@command("export")
@click.argument("session_ref", metavar="SESSION")
@output_option()
@option("--shareable", is_flag=True,
        help=N_("Names replaced by roles and no case details: for the region."))
@option("--pseudonymise", is_flag=True,
        help=N_("With --shareable: replace every name and other personal data found by a "
                "placeholder."))
@option("--allow-personal-data", is_flag=True,
        help=N_("With --shareable: export even though personal data was found."))
@force_option()
@lang_option("minutes_lang", N_("Language of the minutes (default: the interface language)."))
@option("--format", "file_format", type=LazyChoice(minutes_formats), help=format_help)
@click.pass_obj
def export(config: Config, session_ref: str, output: Path | None, shareable: bool,
           pseudonymise: bool, allow_personal_data: bool, force: bool,
           minutes_lang: str | None, file_format: str | None) -> None:
    from ..meeting import queries as meeting_queries
    from ..minutes import render_minutes
    from ..minutes.formats import FORMATS, MARKDOWN
    from ..storage.written import MINUTES, SHAREABLE_MINUTES, record_written
    from .privacy import report_findings

    if output is not None:
        file_format = output_format(output, tuple(FORMATS), file_format, can_choose=True)
    chosen = FORMATS[file_format] if file_format else MARKDOWN
    if output is None and not chosen.stdout:
        raise click.UsageError(_("--format {name} needs a file: add -o FILE{ending}").format(
            name=chosen.name, ending=chosen.endings[0]))

    if (pseudonymise or allow_personal_data) and not shareable:
        raise click.UsageError(_("--pseudonymise and --allow-personal-data go with "
                                 "--shareable"))
    if pseudonymise and allow_personal_data:
        raise click.UsageError(_("choose --pseudonymise or --allow-personal-data, not both"))
    store = config.store()
    try:
        session = meeting_queries.find_session(store, session_ref)
    except StoreError as e:
        raise UserError(str(e)) from None
    # Why the group's own municipalities are findings, or went: said once, in one line.
    from ..meeting.region import NO_REGION_CLI, region_known

    no_region = shareable and not region_known(store, session.group_id)
    if shareable and not pseudonymise:
        # Shareable minutes leave the group: with personal data left, only on request.
        from ..minutes.shareable import shareable_minutes

        check = shareable_minutes(store, session.id, config.methods(), minutes_lang)
        if check.findings and not allow_personal_data:
            report_findings(check.findings, err=True)
            if no_region:
                click.echo(_(NO_REGION_CLI), err=True)
            raise UserError(_(
                "the shareable minutes hold personal data ({count} findings, listed "
                "above); add --pseudonymise to replace it, or --allow-personal-data to "
                "export it as it is").format(count=len(check.findings)))
        text = check.text
    else:
        text = render_minutes(store, session.id, config.methods(), shareable=shareable,
                              lang=minutes_lang, pseudonymise=pseudonymise)
    if no_region:
        click.echo(_(NO_REGION_CLI), err=True)
    write_or_echo(text, output, force, _("Minutes written to {path}"),
                  lambda path, text: chosen.write(path, text, minutes_lang))
    if output is None:
        return
    record_written(store, output, SHAREABLE_MINUTES if shareable else MINUTES)
    if not shareable:
        click.echo(_("These minutes name people and may hold other personal data: "
                     "keep them within the group."), err=True)


def search_kinds() -> tuple[str, ...]:
    from ..storage.search import KINDS

    return tuple(KINDS)


# Search prints no table: its fields are the heading's parts, for --json and --csv only.
SEARCH_FIELDS = [Field(key, "") for key in ("kind", "label", "snippet", "group", "date",
                                            "meeting", "session_id", "ref_id")]


@command("search")
@click.argument("query", nargs=-1, required=True)
@option("--kind", "kinds", multiple=True, type=LazyChoice(search_kinds),
        help=N_("Only results of this kind (may be given more than once)."))
@group_option(N_("Only what this group said (name or id)."))
@option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
        help=N_("At most this many results."))
@list_options()
@click.pass_obj
def search(config: Config, query: tuple[str, ...], kinds: tuple[str, ...],
           group_ref: str | None, limit: int, list_format: str | None) -> None:
    from ..storage.search import hit_heading, plain_snippet, snippet_parts

    store = config.store()
    group_id = find_group(store, group_ref).id if group_ref else None
    text = " ".join(query)
    hits = store.search(text, kinds, group_id, limit)
    if list_format:  # the heading's parts, each a field; the snippet without its marks
        emit_list(list_format, SEARCH_FIELDS, [
            {"kind": hit.kind, "label": hit.label, "snippet": plain_snippet(hit.snippet),
             "group": hit.group_name, "date": hit.date, "meeting": hit.session_title,
             "session_id": hit.session_id, "ref_id": hit.ref_id} for hit in hits])
        return
    if not hits:
        echo(_("Nothing found for {query}.").format(query=one_line(text)))
        return
    for hit in hits:
        click.echo(hit_heading(hit))
        snippet = "".join(click.style(clean(piece), bold=True, underline=True)
                          if found else clean(piece)
                          for piece, found in snippet_parts(one_line(hit.snippet)))
        click.echo(f"  {snippet}")


@command("demo")
@option("--db", "demo_db", type=PathType(dir_okay=False, path_type=Path),
        help=N_("The file to fill (default: demo.db beside the default database)."))
@option("--meetings", type=click.IntRange(min=1),
        help=N_("Meetings in all, one planned per group included (default: six finished "
                "and one planned per group)."))
@option("--groups", type=click.IntRange(min=1), default=1,
        help=N_("Groups to spread the meetings over (default: 1)."))
@option("--today", type=DATE,
        help=N_("The date the history leads up to, as 25-11-2026 or 2026-11-25 (default: "
                "today)."))
@option("--seed", type=int, default=1,
        help=N_("Seed for names, ids and variation: the same seed and date give the same "
                "rows (default: 1)."))
@click.pass_context
def demo(ctx: click.Context, demo_db: Path | None, meetings: int | None, groups: int,
         today, seed: int) -> None:
    import datetime as dt
    import shlex

    from ..demo.history import DemoOutOfYears, DemoRefused, make_demo

    if meetings is not None and meetings < groups:
        raise click.UsageError(_("--meetings must be at least --groups"))
    top_level_db = ctx.find_root().params.get("db_path")
    path = demo_db or top_level_db or default_db_path().with_name("demo.db")
    try:
        with progress_bar(_("Writing meetings")) as progress:
            result = make_demo(path, today or dt.date.today(), meetings, groups, seed,
                               progress)
    except StoreError as e:
        raise UserError(str(e)) from None
    except DemoOutOfYears as e:
        raise click.UsageError(str(e)) from None
    except DemoRefused:
        raise UserError(_("{path} holds groups or meetings of its own; the demo only "
                          "fills a new database or one with only cases").format(path=path))
    if result.already_filled:
        click.echo(_("{path} holds the demo already ({count} meetings); nothing was "
                     "added").format(path=path, count=result.meetings))
    else:
        click.echo(_("Wrote a fictional history of {count} meetings to {path}").format(
            count=result.meetings, path=path))
    click.echo(_("Open it with: {command}").format(
        command=f"livinglab --db {shlex.quote(str(path))}"))


@command("follow")
@click.argument("session_ref", metavar="[SESSION]", required=False)
@option("--large", is_flag=True, help=N_("Start with larger text, for a room."))
@click.pass_obj
def follow(config: Config, session_ref: str | None, large: bool) -> None:
    from ..meeting.follow import Follower, FollowProblem, open_read_only

    try:  # never config.store(): that would create or migrate the file
        store = open_read_only(config.db_path)
        config._store = store  # closed on exit like any other
        follower = Follower(store, session_ref, config.methods())
        follower.read()
    except FollowProblem as e:
        raise UserError(str(e)) from None
    from ..tui.follow import run_follow  # Textual only now, and not the main app

    run_follow(follower, large)
