"""The `livinglab` command: opens the app, or runs one of its subcommands.

Exit codes: 0 success, 1 a user error with a one-line message, 2 a usage error.
The command tree is built after the language is known, so `--help` speaks it too.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from . import i18n
from .i18n import _
from .problems import LoadProblem
from .safetext import clean, one_line
from .store import Store, StoreError, default_db_path


class UserError(click.ClickException):
    """A mistake the user can fix; shown as one line, exit code 1."""

    def show(self, file=None) -> None:
        click.echo(f"livinglab: {clean(self.format_message())}", err=True, file=file)


@dataclass
class Config:
    db_path: Path
    methods_dirs: list[Path]
    _store: Store | None = None

    def store(self) -> Store:
        """Open (and on first use fill) the database, or stop with a one-line message."""
        if self._store is None:
            try:
                self._store = Store(self.db_path)
            except StoreError as e:
                raise UserError(str(e)) from None
            if self._store.is_new:
                from .cases import example_cases, import_cases

                import_cases(self._store, example_cases())
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


def _echo(text: str, **kwargs) -> None:
    """Print text that holds user data: nothing in it can steer the terminal."""
    click.echo(clean(text), **kwargs)


def _report_problems(problems: list[LoadProblem]) -> None:
    for problem in problems:
        _echo(f"livinglab: {problem}", err=True)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """Left-aligned columns under a rule, each cell on one line, every cell text as is."""
    cells = [[one_line(str(cell)) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def search_kinds() -> dict[str, str]:
    from .search import KINDS

    return KINDS


def find_group(store: Store, ref: str):
    """A group by name (any case) or id; a one-line UserError naming the groups otherwise."""
    groups = store.groups()
    found = [g for g in groups if g.name.casefold() == ref.casefold() or g.id == ref]
    if not found:
        found = [g for g in groups if g.id.startswith(ref)] if len(ref) >= 4 else []
    if len(found) != 1:
        raise UserError(_("no group {ref}; the groups are: {names}").format(
            ref=ref, names=", ".join(g.name for g in groups) or "-"))
    return found[0]


def hit_heading(hit) -> str:
    """What a search result is and where it comes from: kind, group, date, meeting."""
    import datetime as dt

    from .search import KINDS

    kind = _(KINDS.get(hit.kind, hit.kind))
    date = dt.date.fromisoformat(hit.date).strftime("%d-%m-%Y") if hit.date else ""
    parts = [f"{kind}: {hit.label}" if hit.label else kind, hit.group_name, date,
             hit.session_title]
    return " · ".join(one_line(p) for p in parts if p)


def build_cli() -> click.Group:
    @click.group(
        invoke_without_command=True,
        help=_("Step a group through a structured case review and turn it into minutes.\n\n"
               "Without a command, livinglab opens the app."),
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    @click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("The database file (default: LIVINGLAB_DB, else the user data dir)."))
    @click.option("--lang", type=click.Choice(i18n.LANGUAGES),
                  help=_("Interface language (default: from the locale)."))
    @click.option("--methods", "methods_dir",
                  type=click.Path(exists=True, file_okay=False, path_type=Path),
                  help=_("A folder with your own method files (.toml)."))
    @click.version_option(package_name="livinglab")
    @click.pass_context
    def cli(ctx: click.Context, db_path: Path | None, lang: str | None,
            methods_dir: Path | None) -> None:
        i18n.set_language(i18n.choose_language(lang))
        from .methods import user_methods_dir

        dirs = [user_methods_dir()] + ([methods_dir] if methods_dir else [])
        ctx.obj = Config(db_path=db_path or default_db_path(), methods_dirs=dirs)
        ctx.call_on_close(ctx.obj.close)
        if ctx.invoked_subcommand is None:
            store = ctx.obj.store()
            from .tui.app import run_app  # Textual is imported only when the app opens

            run_app(store, ctx.obj.methods())

    @cli.group("sessions", help=_("Meetings in the database."))
    def sessions() -> None:
        pass

    @sessions.command("list", help=_("List the meetings, newest first."))
    @click.pass_obj
    def sessions_list(config: Config) -> None:
        store = config.store()
        groups = {g.id: g.name for g in store.groups()}
        rows = [
            [s.date.isoformat(), s.start_time.strftime("%H:%M") if s.start_time else "",
             i18n.term(s.status), groups.get(s.group_id, ""), s.title, s.id[:8]]
            for s in store.sessions()
        ]
        click.echo(_table([_("Date"), _("Time"), _("Status"), _("Group"), _("Title"), _("Id")], rows))

    @cli.group("methods", help=_("Review methods: built in and your own."))
    def methods() -> None:
        pass

    @methods.command("list", help=_("List the methods."))
    @click.pass_obj
    def methods_list(config: Config) -> None:
        library = config.methods()
        _report_problems(library.problems)
        rows = [[m.id, i18n.pick(m.name), i18n.term(m.kind), str(len(m.steps)),
                 str(m.total_minutes)] for m in library.sorted()]
        click.echo(_table([_("Id"), _("Name"), _("Kind"), _("Steps"), _("Time (min)")], rows))

    @methods.command("show", help=_("Show a method's steps, minutes and questions."))
    @click.argument("method_id")
    @click.pass_obj
    def methods_show(config: Config, method_id: str) -> None:
        library = config.methods()
        method = library.get(method_id)
        if method is None:
            raise UserError(_("no method with id {id}").format(id=method_id))
        _echo(f"{i18n.pick(method.name)} ({method.id}, {method.total_minutes} min)")
        _echo(i18n.pick(method.description))
        for number, step in enumerate(method.steps, 1):
            _echo(f"\n{number}. {i18n.pick(step.title)} ({step.minutes} min)")
            _echo(f"   {i18n.pick(step.aim)}")
            for question in step.questions:
                _echo(f"   - {i18n.pick(question)}")

    @cli.group("cases", help=_("The case library."))
    def cases() -> None:
        pass

    @cases.command("list", help=_("List the cases in the database."))
    @click.option("--kind", help=_("Only cases of this kind."))
    @click.pass_obj
    def cases_list(config: Config, kind: str | None) -> None:
        rows = [[c.slug, i18n.term(c.kind), c.title, ", ".join(c.themes)]
                for c in config.store().cases(kind=kind)]
        click.echo(_table([_("Id"), _("Kind"), _("Title"), _("Themes")], rows))

    @cases.command("show", help=_("Show one case as Markdown."))
    @click.argument("case_id")
    @click.option("--with-notes", is_flag=True, help=_("Include the notes for the facilitator."))
    @click.pass_obj
    def cases_show(config: Config, case_id: str, with_notes: bool) -> None:
        from .views import case_markdown

        case = config.store().case(case_id)
        if case is None:
            raise UserError(_("no case with id {id}").format(id=case_id))
        _echo(case_markdown(case, with_notes=with_notes))

    @cases.command("import", help=_("Add or update the cases in a folder of .md files."))
    @click.argument("folder", type=click.Path(path_type=Path))
    @click.pass_obj
    def cases_import(config: Config, folder: Path) -> None:
        from .cases import ImportReport, import_cases, load_case_folder

        loaded = load_case_folder(folder)
        if not loaded.cases and loaded.problems and not folder.is_dir():
            raise UserError(str(loaded.problems[0]))
        if loaded.cases:
            try:
                report = import_cases(config.store(), loaded)
            except StoreError as e:
                raise UserError(str(e)) from None
        else:  # nothing to store: leave the database (or its absence) as it is
            report = ImportReport(problems=loaded.problems)
        _report_problems(report.problems)
        click.echo(_("{added} added, {updated} updated, {failed} with problems").format(
            added=len(report.added), updated=len(report.updated), failed=len(report.problems)))
        if report.problems and not (report.added or report.updated):
            sys.exit(1)

    @cli.command("export", help=_("Write a meeting's minutes as Markdown."))
    @click.argument("session_ref", metavar="SESSION")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("The file to write (default: standard output)."))
    @click.option("--shareable", is_flag=True,
                  help=_("Names replaced by roles and no case details: for the region."))
    @click.option("--force", is_flag=True, help=_("Overwrite an existing file."))
    @click.option("--lang", "minutes_lang", type=click.Choice(i18n.LANGUAGES),
                  help=_("Language of the minutes (default: the interface language)."))
    @click.pass_obj
    def export(config: Config, session_ref: str, output: Path | None, shareable: bool,
               force: bool, minutes_lang: str | None) -> None:
        from .minutes import render_minutes, write_private_file

        store = config.store()
        try:
            session = store.find_session(session_ref)
        except StoreError as e:
            raise UserError(str(e)) from None
        text = render_minutes(store, session.id, config.methods(), shareable=shareable,
                              lang=minutes_lang)
        if output is None:
            _echo(text, nl=False)
            return
        if output.exists() and not force:
            raise UserError(_("{path} exists; add --force to overwrite it").format(path=output))
        try:
            write_private_file(output, text)
        except OSError as e:
            raise UserError(_("cannot write {path}: {reason}").format(path=output, reason=e.strerror))
        click.echo(_("Minutes written to {path}").format(path=output), err=True)

    @cli.command("search", help=_("Search everything the groups said: cases, captured "
                                  "fields, decisions, actions, notes, lessons, slow "
                                  "questions and precedents."))
    @click.argument("query", nargs=-1, required=True)
    @click.option("--kind", "kinds", multiple=True, type=click.Choice(list(search_kinds())),
                  help=_("Only results of this kind (may be given more than once)."))
    @click.option("--group", "group_ref", help=_("Only what this group said (name or id)."))
    @click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
                  help=_("At most this many results."))
    @click.pass_obj
    def search(config: Config, query: tuple[str, ...], kinds: tuple[str, ...],
               group_ref: str | None, limit: int) -> None:
        from .search import snippet_parts

        store = config.store()
        group_id = find_group(store, group_ref).id if group_ref else None
        text = " ".join(query)
        hits = store.search(text, kinds, group_id, limit)
        if not hits:
            _echo(_("Nothing found for {query}.").format(query=one_line(text)))
            return
        for hit in hits:
            click.echo(hit_heading(hit))
            snippet = "".join(click.style(clean(piece), bold=True, underline=True)
                              if found else clean(piece)
                              for piece, found in snippet_parts(one_line(hit.snippet)))
            click.echo(f"  {snippet}")

    def knowledge_filter(store: Store, group_ref, theme, municipality, since, until):
        from .knowledge import Filter

        return Filter(group_id=find_group(store, group_ref).id if group_ref else None,
                      theme=theme, municipality=municipality,
                      since=since.date() if since else None, until=until.date() if until else None)

    def filter_options(command):
        for option in reversed([
            click.option("--group", "group_ref", help=_("Only this group (name or id).")),
            click.option("--theme", help=_("Only what carries this theme.")),
            click.option("--municipality", help=_("Only groups of this municipality.")),
            click.option("--since", type=click.DateTime(["%Y-%m-%d"]),
                         help=_("From this date on, as YYYY-MM-DD.")),
            click.option("--until", type=click.DateTime(["%Y-%m-%d"]),
                         help=_("Up to this date, as YYYY-MM-DD.")),
        ]):
            command = option(command)
        return command

    def short_date(day) -> str:
        return day.strftime("%d-%m-%Y") if day else ""

    @cli.command("questions", help=_("The groups' slow questions: status, whether they go to "
                                     "the region, and each meeting that worked on them."))
    @filter_options
    @click.option("--all", "show_all", is_flag=True, help=_("Closed questions too."))
    @click.option("--history", is_flag=True,
                  help=_("Each meeting on the question: what it added, what it left open."))
    @click.pass_obj
    def questions_command(config: Config, group_ref, theme, municipality, since, until,
                          show_all: bool, history: bool) -> None:
        from .knowledge import slow_questions

        store = config.store()
        flt = knowledge_filter(store, group_ref, theme, municipality, since, until)
        found = slow_questions(store, flt, open_only=not show_all)
        if not found:
            click.echo(_("No slow questions."))
            return
        if not history:
            click.echo(_table([_("Status"), _("Question"), _("Meetings"), _("Last"), _("Group")],
                              [[i.detail, i.text, str(len(i.extra["question"].history)),
                                short_date(i.date), i.group_name] for i in found]))
            return
        for n, item in enumerate(found):
            question = item.extra["question"]
            _echo(("\n" if n else "") + f"{one_line(question.question)}  ({item.detail})")
            titles = store.sessions_by_id(w.session_id for w in question.history)
            for work in question.history:
                title = titles[work.session_id].title if work.session_id in titles else ""
                _echo(f"  {short_date(work.date)} {one_line(title)}")
                if work.wording and work.wording != question.question:
                    _echo(f"    \"{one_line(work.wording)}\"")
                for line in work.added:
                    _echo(f"    + {one_line(line)}")
                for line in work.left_open:
                    _echo(f"    ? {one_line(line)}")

    @cli.command("lessons", help=_("Lessons the groups keep (te delen kennis), newest first."))
    @filter_options
    @click.pass_obj
    def lessons_command(config: Config, group_ref, theme, municipality, since, until) -> None:
        from .knowledge import lessons

        store = config.store()
        found = lessons(store, knowledge_filter(store, group_ref, theme, municipality, since,
                                                until))
        if not found:
            click.echo(_("No lessons."))
            return
        click.echo(_table([_("Date"), _("Group"), _("Lesson"), _("Themes")],
                          [[short_date(i.date), i.group_name, i.text, i.detail] for i in found]))

    @cli.command("actions", help=_("Actions across meetings: open ones first, overdue ones "
                                   "marked with !, then done and cancelled ones."))
    @filter_options
    @click.option("--open", "open_only", is_flag=True, help=_("Only open actions."))
    @click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
                  help=_("The date that decides what is overdue (default: today)."))
    @click.pass_obj
    def actions_command(config: Config, group_ref, theme, municipality, since, until,
                        open_only: bool, today) -> None:
        import datetime as dt

        from .knowledge import actions

        store = config.store()
        found = actions(store, knowledge_filter(store, group_ref, theme, municipality, since,
                                                until),
                        today.date() if today else dt.date.today(), open_only)
        if not found:
            click.echo(_("No actions."))
            return
        rows = []
        for item in found:
            action = item.extra["action"]
            rows.append(["!" if item.overdue else "", action.what, action.owner,
                         short_date(action.due), i18n.term(action.status),
                         short_date(item.date), item.group_name])
        click.echo(_table(["", _("Action"), _("Who"), _("Due"), _("Status"), _("Meeting"),
                           _("Group")], rows))

    @cli.group("series", help=_("Series of meetings (gesprekscycli): a group's programme."))
    def series_group() -> None:
        pass

    @series_group.command("list", help=_("List the series."))
    @click.pass_obj
    def series_list(config: Config) -> None:
        store = config.store()
        groups = {g.id: g.name for g in store.groups()}
        rows = []
        for s in store.series():
            done = sum(1 for m in s.meetings if m.session_id)
            upcoming = next((m for m in s.meetings if not m.session_id), None)
            rows.append([s.name, groups.get(s.group_id, ""), f"{done}/{len(s.meetings)}",
                         short_date(upcoming.date) if upcoming else "", s.id[:8]])
        click.echo(_table([_("Name"), _("Group"), _("Created"), _("Next meeting"), _("Id")],
                          rows))

    def series_ref(store: Store, ref: str):
        from .series import find_series

        found = find_series(store, ref)
        if found is None:
            raise UserError(_("no series {ref}").format(ref=ref))
        return found

    @series_group.command("show", help=_("Show a series: its meetings, themes and dates."))
    @click.argument("ref", metavar="SERIES")
    @click.pass_obj
    def series_show(config: Config, ref: str) -> None:
        store = config.store()
        series = series_ref(store, ref)
        group = store.group(series.group_id)
        _echo(f"{series.name} ({group.name if group else ''})")
        if series.description:
            _echo(series.description)
        rows = [[short_date(m.date), m.theme, m.description,
                 _("created") if m.session_id else ""] for m in series.meetings]
        click.echo(_table([_("Date"), _("Meeting theme"), _("About"), ""], rows))

    @series_group.command("import", help=_("Add or update a series from a TOML file."))
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.pass_obj
    def series_import(config: Config, file: Path) -> None:
        from .series import import_series

        try:
            series = import_series(config.store(), file, config.methods())
        except LoadProblem as e:
            raise UserError(str(e)) from None
        _echo(_("Series {name} has {count} meetings").format(name=series.name,
                                                             count=len(series.meetings)))

    @series_group.command("next", help=_("Create the next meeting of a series."))
    @click.argument("ref", metavar="SERIES")
    @click.pass_obj
    def series_next(config: Config, ref: str) -> None:
        from .planning import PlanError
        from .series import create_next_meeting

        store = config.store()
        series = series_ref(store, ref)
        try:
            session = create_next_meeting(store, series.id, config.methods())
        except (LookupError, PlanError) as e:
            raise UserError(str(e)) from None
        _echo(_("Planned {title} on {date}").format(title=session.title,
                                                    date=short_date(session.date)))

    @cli.command("course", help=_("A group's course over its meetings as small charts: the "
                                  "evaluation domains, session ratings and time used."))
    @click.option("--group", "group_ref", required=True, help=_("The group (name or id)."))
    @click.pass_obj
    def course_command(config: Config, group_ref: str) -> None:
        from .evaluation import DOMAINS, course, sparkline

        store = config.store()
        found = course(store, find_group(store, group_ref).id)
        rows = [(i18n.pick(label), found.domains[key], 1, 5) for key, label in DOMAINS.items()]
        rows += [(_("Session rating"), found.ratings, 1, 5),
                 (_("Time used (1 = as planned)"), found.time_used, None, None)]
        width = max(len(label) for label, *_rest in rows)
        for label, points, low, high in rows:
            values = [p.value for p in points]
            last = f"{values[-1]:.1f}" if values else "-"
            click.echo(f"{label.ljust(width)}  {sparkline(values, low, high) or '-':<12}  "
                       f"{last}  ({len(values)})")

    @cli.command("demo", help=_("Fill a database with a fictional history of meetings, to "
                                "try livinglab or to measure it."))
    @click.option("--db", "demo_db", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("The file to fill (default: demo.db beside the default database)."))
    @click.option("--meetings", type=click.IntRange(min=1),
                  help=_("Meetings in all, one planned per group included (default: six "
                         "finished and one planned per group)."))
    @click.option("--groups", type=click.IntRange(min=1), default=1,
                  help=_("Groups to spread the meetings over (default: 1)."))
    @click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
                  help=_("The date the history leads up to, as YYYY-MM-DD (default: today)."))
    @click.option("--seed", type=int, default=1,
                  help=_("Seed for names, ids and variation: the same seed and date give "
                         "the same rows (default: 1)."))
    @click.pass_context
    def demo(ctx: click.Context, demo_db: Path | None, meetings: int | None, groups: int,
             today, seed: int) -> None:
        import datetime as dt
        import shlex

        from .demo import DemoRefused, make_demo

        if meetings is not None and meetings < groups:
            raise click.UsageError(_("--meetings must be at least --groups"))
        top_level_db = ctx.find_root().params.get("db_path")
        path = demo_db or top_level_db or default_db_path().with_name("demo.db")
        try:
            result = make_demo(path, today.date() if today else dt.date.today(), meetings,
                               groups, seed)
        except StoreError as e:
            raise UserError(str(e)) from None
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

    return cli


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    peeked = _peek_language(argv)
    i18n.set_language(i18n.choose_language(peeked if peeked in i18n.LANGUAGES else None))
    i18n.translate_click()
    os.umask(0o077)  # every file livinglab creates is readable by its owner only
    try:
        build_cli().main(args=argv, prog_name="livinglab")
    except StoreError as e:  # the database failed under a command: damaged, locked, ...
        click.echo(f"livinglab: {e}", err=True)
        sys.exit(1)
