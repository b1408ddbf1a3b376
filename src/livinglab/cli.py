"""The `livinglab` command: opens the app, or runs one of its subcommands.

Exit codes: 0 success, 1 a user error with a one-line message, 2 a usage error.
The command tree is built after the language is known, so `--help` speaks it too.
"""

from __future__ import annotations

import errno
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


# --- privacy (issue 11) ---------------------------------------------------------------


def _group(store: Store, ref: str | None):
    """The group a command is about: the one named, or the only one there is."""
    if ref:
        return find_group(store, ref)
    groups = store.groups()
    if len(groups) == 1:
        return groups[0]
    if not groups:
        raise UserError(_("there are no groups yet"))
    raise click.UsageError(_("there are several groups; name one with --group"))


def _shareable_findings(store: Store, session, methods, lang: str | None):
    """The personal data left in a meeting's shareable minutes before pseudonymising."""
    from .minutes import render_minutes
    from .privacy import scan_lines

    text = render_minutes(store, session.id, methods, shareable=True, lang=lang,
                          pseudonymise=False)
    return scan_lines(text, store.known_names(session.group_id))


def _report_findings(found, err: bool = False) -> None:
    """One line per finding: line, kind, the text with all but first letters hidden."""
    from .privacy import PLACEHOLDERS, hide

    labels = PLACEHOLDERS.get(i18n.language(), PLACEHOLDERS["en"])
    for line, finding in found:
        _echo(_("line {line}: {kind}: {text}").format(
            line=line, kind=labels[finding.kind], text=hide(finding.text)), err=err)


def search_kinds() -> dict[str, str]:
    from .search import KINDS

    return KINDS


def find_group(store: Store, ref: str):
    """A group by name (any case) or id; a one-line UserError naming the groups otherwise."""
    try:
        return store.find_group(ref)
    except StoreError as e:
        raise UserError(_("{problem}; the groups are: {names}").format(
            problem=e, names=", ".join(g.name for g in store.groups()) or "-")) from None


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

    @cases.command("import",
                   help=_("Add or update cases: a folder of .md files, or a single file."))
    @click.argument("path", metavar="PATH", type=click.Path(path_type=Path))
    @click.pass_obj
    def cases_import(config: Config, path: Path) -> None:
        from .cases import ImportReport, example_cases, import_cases, load_cases

        loaded = load_cases(path)
        if not loaded.cases and loaded.problems and not path.is_dir():
            raise UserError(str(loaded.problems[0]))
        if loaded.cases:
            try:
                report = import_cases(config.store(), loaded, config.methods(), example_cases())
            except StoreError as e:
                raise UserError(str(e)) from None
        else:  # nothing to store: leave the database (or its absence) as it is
            report = ImportReport(problems=loaded.problems)
        _report_problems(report.problems)
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

    @cli.command("export", help=_("Write a meeting's minutes as Markdown."))
    @click.argument("session_ref", metavar="SESSION")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("The file to write (default: standard output)."))
    @click.option("--shareable", is_flag=True,
                  help=_("Names replaced by roles and no case details: for the region."))
    @click.option("--pseudonymise", is_flag=True,
                  help=_("With --shareable: replace every name and other personal data "
                         "found by a placeholder."))
    @click.option("--allow-personal-data", is_flag=True,
                  help=_("With --shareable: export even though personal data was found."))
    @click.option("--force", is_flag=True, help=_("Overwrite an existing file."))
    @click.option("--lang", "minutes_lang", type=click.Choice(i18n.LANGUAGES),
                  help=_("Language of the minutes (default: the interface language)."))
    @click.option("--format", "file_format", type=click.Choice(["md", "docx"]),
                  help=_("md (Markdown) or docx (Word); default: by the file name, else md."))
    @click.pass_obj
    def export(config: Config, session_ref: str, output: Path | None, shareable: bool,
               pseudonymise: bool, allow_personal_data: bool, force: bool,
               minutes_lang: str | None, file_format: str | None) -> None:
        from .minutes import render_minutes, write_private_file

        if output is not None and file_format is None:
            file_format = "docx" if output.suffix.lower() == ".docx" else "md"
        if file_format == "docx" and output is None:
            raise click.UsageError(_("--format docx needs a file: add -o FILE.docx"))

        if (pseudonymise or allow_personal_data) and not shareable:
            raise click.UsageError(_("--pseudonymise and --allow-personal-data go with "
                                     "--shareable"))
        if pseudonymise and allow_personal_data:
            raise click.UsageError(_("choose --pseudonymise or --allow-personal-data, not both"))
        store = config.store()
        try:
            session = store.find_session(session_ref)
        except StoreError as e:
            raise UserError(str(e)) from None
        if shareable and not pseudonymise:
            # Shareable minutes leave the group: with personal data left, only on request.
            found = _shareable_findings(store, session, config.methods(), minutes_lang)
            if found and not allow_personal_data:
                _report_findings(found, err=True)
                raise UserError(_(
                    "the shareable minutes hold personal data ({count} findings, listed "
                    "above); add --pseudonymise to replace it, or --allow-personal-data to "
                    "export it as it is").format(count=len(found)))
        text = render_minutes(store, session.id, config.methods(), shareable=shareable,
                              lang=minutes_lang, pseudonymise=pseudonymise)
        if output is None:
            _echo(text, nl=False)
            return
        if output.exists() and not force:
            raise UserError(_("{path} exists; add --force to overwrite it").format(path=output))
        try:
            if file_format == "docx":
                from .minutes.docx import write_docx  # python-docx: only for a Word file

                write_docx(output, text)
            else:
                write_private_file(output, text)
        except OSError as e:
            raise UserError(_("cannot write {path}: {reason}").format(
                path=output, reason=i18n.os_reason(e)))
        click.echo(_("Minutes written to {path}").format(path=output), err=True)
        if not shareable:
            click.echo(_("These minutes name people and may hold other personal data: "
                         "keep them within the group."), err=True)

    # --- privacy (issue 11) ----------------------------------------------------------

    @cli.group("privacy", help=_("Personal data: the names to watch for, checks, a "
                                 "person's data."))
    def privacy() -> None:
        pass

    @privacy.group("names", help=_("The names a group watches for in shareable text (its "
                                   "clients), besides its own people."))
    def privacy_names() -> None:
        pass

    group_option = click.option(
        "--group", "group_ref", help=_("The group, by name or id (needed when there are "
                                       "several)."))

    @privacy_names.command("add", help=_("Add names to the group's watch list."))
    @click.argument("names", nargs=-1, required=True)
    @group_option
    @click.pass_obj
    def privacy_names_add(config: Config, names: tuple[str, ...], group_ref: str | None) -> None:
        store = config.store()
        group = _group(store, group_ref)
        for name in names:
            if not name.strip():
                raise click.UsageError(_("a name cannot be empty"))
        added = sum(store.add_watch_name(group.id, name) for name in names)
        click.echo(_("{added} added to the watch list of {group}").format(
            added=added, group=group.name))

    @privacy_names.command("list", help=_("List the group's watch list."))
    @group_option
    @click.pass_obj
    def privacy_names_list(config: Config, group_ref: str | None) -> None:
        store = config.store()
        for name in store.watch_names(_group(store, group_ref).id):
            _echo(name)

    @privacy_names.command("remove", help=_("Remove names from the group's watch list."))
    @click.argument("names", nargs=-1, required=True)
    @group_option
    @click.pass_obj
    def privacy_names_remove(config: Config, names: tuple[str, ...],
                             group_ref: str | None) -> None:
        store = config.store()
        group = _group(store, group_ref)
        missing = [name for name in names if not store.remove_watch_name(group.id, name)]
        if missing:
            raise UserError(_("not on the watch list of {group}: {names}").format(
                group=group.name, names=", ".join(missing)))

    @privacy.command("check", help=_("List the personal data in a file, or in the shareable "
                                     "minutes of a meeting; exit code 1 if there is any."))
    @click.argument("target", metavar="FILE|SESSION")
    @click.pass_obj
    def privacy_check(config: Config, target: str) -> None:
        path = Path(target)
        store = config.store()
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                reason = i18n.os_reason(e) if isinstance(e, OSError) else _("not UTF-8 text")
                raise UserError(_("cannot read {path}: {reason}").format(path=path, reason=reason))
            from .privacy import scan_lines

            found = scan_lines(text, store.all_known_names())
        else:
            try:
                session = store.find_session(target)
            except StoreError as e:
                if path.suffix or os.sep in target:  # meant as a file
                    raise UserError(_("cannot read {path}: {reason}").format(
                        path=path, reason=i18n.os_reason(FileNotFoundError(errno.ENOENT, "")))) from None
                raise UserError(str(e)) from None
            found = _shareable_findings(store, session, config.methods(), None)
        _report_findings(found)
        if found:
            sys.exit(1)
        click.echo(_("No personal data found."))

    @privacy.command("person", help=_("Everything the database holds about one person (a "
                                      "participant or a watched name); export it, or erase "
                                      "the name everywhere."))
    @click.argument("name")
    @click.option("--export", "export_path", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("Write what was found to this file (JSON)."))
    @click.option("--erase", is_flag=True,
                  help=_("Replace the name by a placeholder everywhere, after asking."))
    @click.option("--yes", is_flag=True, help=_("Do not ask (for scripts)."))
    @click.pass_obj
    def privacy_person(config: Config, name: str, export_path: Path | None, erase: bool,
                       yes: bool) -> None:
        import json

        from .minutes import write_private_file
        from .retention import erase_person, person_records, resolve_person

        if export_path and erase:
            raise click.UsageError(_("choose --export or --erase, not both"))
        store = config.store()
        person = resolve_person(store, name)
        if person is None:
            raise UserError(_("the database knows no one called {name}").format(name=name))
        records = person_records(store, person)
        if export_path:
            data = {"person": person, "records": [r.__dict__ for r in records]}
            try:
                write_private_file(export_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            except OSError as e:
                raise UserError(_("cannot write {path}: {reason}").format(
                    path=export_path, reason=i18n.os_reason(e)))
            click.echo(_("{count} records about {name} written to {path}").format(
                count=len(records), name=person, path=export_path), err=True)
            return
        click.echo(_table([_("Where"), _("Text")], [[r.where, r.text] for r in records]))
        if erase:
            if not yes:
                click.confirm(_("Replace {name} by a placeholder in these {count} places?")
                              .format(name=person, count=len(records)), abort=True)
            changed = erase_person(store, person, i18n.language())
            click.echo(_("{name} was replaced in {count} texts").format(name=person,
                                                                        count=changed))

    @cli.command("purge", help=_("Remove what old meetings captured, keeping their "
                                 "decisions, actions, lessons and slow questions."))
    @click.option("--finished-before", "before", required=True,
                  type=click.DateTime(["%Y-%m-%d"]),
                  help=_("Purge the meetings finished before this date (YYYY-MM-DD)."))
    @click.option("--yes", is_flag=True, help=_("Do not ask (for scripts)."))
    @click.pass_obj
    def purge_command(config: Config, before, yes: bool) -> None:
        from .retention import plan_purge, purge

        store = config.store()
        plan = plan_purge(store, before.date())
        if not plan.sessions:
            click.echo(_("No finished meetings before {date} to purge.").format(
                date=before.date().isoformat()))
            return
        groups = {g.id: g.name for g in store.groups()}
        click.echo(_("These meetings lose the text captured in them, their notes and their "
                     "location; their decisions, actions, lessons and slow questions stay, "
                     "with client names replaced:"))
        click.echo(_table(
            [_("Date"), _("Group"), _("Title"), _("Fields"), _("Notes")],
            [[s.date.isoformat(), groups.get(s.group_id, ""), s.title,
              str(plan.fields[s.id]), str(plan.notes[s.id])] for s in plan.sessions]))
        if not yes:
            click.confirm(_("Purge these {count} meetings?").format(count=len(plan.sessions)),
                          abort=True)
        try:
            purge(store, plan, i18n.language())
        except StoreError as e:
            raise UserError(str(e)) from None
        click.echo(_("Purged {count} meetings; the database file was compacted.").format(
            count=len(plan.sessions)))

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

    @cli.command("follow", help=_(
        "Follow a running meeting in a second window, read-only: for a projector, or a "
        "participant reading along. Without SESSION, the meeting that runs now (or the "
        "next one to start)."))
    @click.argument("session_ref", metavar="[SESSION]", required=False)
    @click.option("--large", is_flag=True, help=_("Start with larger text, for a room."))
    @click.pass_obj
    def follow(config: Config, session_ref: str | None, large: bool) -> None:
        from .follow import Follower, FollowProblem, open_read_only

        try:  # never config.store(): that would create or migrate the file
            store = open_read_only(config.db_path)
            config._store = store  # closed on exit like any other
            follower = Follower(store, session_ref, config.methods())
            follower.read()
        except FollowProblem as e:
            raise UserError(str(e)) from None
        from .tui.follow import run_follow  # Textual only now, and not the main app

        run_follow(follower, large)
    # --- practice: students rehearse a case; kept apart from the groups' meetings -------

    @cli.group("practice", help=_("Practice runs of students: list, report, export, compare."))
    def practice() -> None:
        pass

    def _write_or_echo(text: str, output: Path | None, force: bool, done: str) -> None:
        from .minutes import write_private_file

        if output is None:
            _echo(text, nl=False)
            return
        if output.exists() and not force:
            raise UserError(_("{path} exists; add --force to overwrite it").format(path=output))
        try:
            write_private_file(output, text)
        except OSError as e:
            raise UserError(_("cannot write {path}: {reason}").format(path=output,
                                                                       reason=i18n.os_reason(e)))
        click.echo(done.format(path=output), err=True)

    def _practice_record(config: Config, ref: str):
        from .practice import load_practice

        try:
            return load_practice(config.store(), ref, config.methods())
        except StoreError as e:
            raise UserError(str(e)) from None

    output_option = click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
        help=_("The file to write (default: standard output)."))
    force_option = click.option("--force", is_flag=True, help=_("Overwrite an existing file."))
    lang_option = click.option(
        "--lang", "text_lang", type=click.Choice(i18n.LANGUAGES),
        help=_("Language of the text written (default: the interface language)."))

    @practice.command("list", help=_("List the practice runs, newest first."))
    @click.pass_obj
    def practice_list(config: Config) -> None:
        from .practice import practice_runs

        rows = [[run.session.date.isoformat(), i18n.term(run.session.status), run.case_title,
                 run.method_name, ", ".join(run.students), run.session.id[:8]]
                for run in practice_runs(config.store())]
        click.echo(_table([_("Date"), _("Status"), _("Case"), _("Method"), _("Practised by"),
                           _("Id")], rows))

    @practice.command("report", help=_("Write a practice run's reflection report as Markdown."))
    @click.argument("ref", metavar="ID|latest")
    @output_option
    @force_option
    @lang_option
    @click.pass_obj
    def practice_report(config: Config, ref: str, output: Path | None, force: bool,
                        text_lang: str | None) -> None:
        from .practice import report_markdown

        record = _practice_record(config, ref)
        text = report_markdown(record, config.store(), config.methods(), text_lang)
        _write_or_echo(text, output, force, _("Report written to {path}"))

    @practice.command("export", help=_("Write a practice run as a JSON practice file, to "
                                       "compare with other students' files."))
    @click.argument("ref", metavar="ID|latest")
    @click.option("-o", "--output", required=True,
                  type=click.Path(dir_okay=False, path_type=Path),
                  help=_("The JSON file to write."))
    @force_option
    @lang_option
    @click.pass_obj
    def practice_export(config: Config, ref: str, output: Path, force: bool,
                        text_lang: str | None) -> None:
        from .practice import practice_json

        record = _practice_record(config, ref)
        _write_or_echo(practice_json(record, text_lang), output, force,
                       _("Practice file written to {path}"))

    @practice.command("compare", help=_("Write one Markdown overview of several students' "
                                        "practice files of the same case, step by step."))
    @click.argument("files", nargs=-1, required=True,
                    type=click.Path(dir_okay=False, path_type=Path))
    @output_option
    @force_option
    @lang_option
    @click.pass_obj
    def practice_compare(config: Config, files: tuple[Path, ...], output: Path | None,
                         force: bool, text_lang: str | None) -> None:
        from .practice import PracticeError, compare_markdown, read_practice_file

        try:
            loaded = [(str(path), read_practice_file(path)) for path in files]
            text = compare_markdown(loaded, text_lang)
        except (LoadProblem, PracticeError) as e:
            raise UserError(str(e)) from None
        _write_or_echo(text, output, force, _("Overview written to {path}"))

    # --- bundles, publish, backup (issue 14) ---

    def _counts(counts) -> str:
        from .bundles import KIND_NAMES

        return ", ".join(f"{n} {_(KIND_NAMES[kind][0] if n == 1 else KIND_NAMES[kind][1])}"
                         for kind, n in counts.items() if n)

    @cli.group("bundle", help=_("Bundles: a group's record carried to another install or "
                                "to the region, and merged there."))
    def bundle_group() -> None:
        pass

    @bundle_group.command("export", help=_("Write the finished meetings, cases, actions, "
                                           "decisions, lessons, slow questions, tensions "
                                           "and precedents as one JSON bundle."))
    @click.option("--group", "group_refs", multiple=True,
                  help=_("Only this group (name or id; may be given more than once)."))
    @click.option("--since", type=click.DateTime(["%Y-%m-%d"]),
                  help=_("Only meetings from this date (YYYY-MM-DD) and records made or "
                         "changed since."))
    @click.option("--shareable", is_flag=True,
                  help=_("For the region: no cases, people or places, every name and other "
                         "personal data replaced."))
    @click.option("-o", "--output", required=True,
                  type=click.Path(dir_okay=False, path_type=Path),
                  help=_("The bundle file to write (.json)."))
    @force_option
    @click.pass_obj
    def bundle_export(config: Config, group_refs: tuple[str, ...], since, shareable: bool,
                      output: Path, force: bool) -> None:
        from .bundles import BundleError, bundle_json, export_bundle

        store = config.store()
        group_ids = [find_group(store, ref).id for ref in group_refs] or None
        if output.exists() and not force:
            raise UserError(_("{path} exists; add --force to overwrite it").format(path=output))
        try:
            bundle = export_bundle(store, group_ids, since.date() if since else None,
                                   shareable, i18n.language())
        except BundleError as e:
            raise UserError(str(e)) from None
        _write_or_echo(bundle_json(bundle), output, True, _("Bundle written to {path}"))
        click.echo(_counts({kind: len(rows) for kind, rows in bundle.records().items()})
                   or _("The bundle is empty."), err=True)

    @bundle_group.command("import", help=_("Merge a bundle into the database: new records "
                                           "are added, newer edits replace older ones, and "
                                           "nothing newer here is overwritten."))
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.pass_obj
    def bundle_import(config: Config, file: Path) -> None:
        from .bundles import KIND_NAMES, BundleError, import_bundle, read_bundle

        try:  # the file is checked before the database is opened
            bundle = read_bundle(file)
        except LoadProblem as e:
            raise UserError(str(e)) from None
        try:
            report = import_bundle(config.store(), bundle, file)
        except (BundleError, StoreError) as e:
            raise UserError(str(e)) from None
        for label, counts in ((_("added"), report.added), (_("updated"), report.updated),
                              (_("unchanged"), report.unchanged)):
            if counts:
                click.echo(f"{label}: {_counts(counts)}")
        for skipped in report.skipped:
            click.echo(_("skipped {kind} {id}: {reason}").format(
                kind=_(KIND_NAMES[skipped.kind][0]), id=skipped.id[:8], reason=skipped.reason))
        click.echo(_("{added} added, {updated} updated, {unchanged} unchanged, {skipped} "
                     "skipped").format(added=sum(report.added.values()),
                                       updated=sum(report.updated.values()),
                                       unchanged=sum(report.unchanged.values()),
                                       skipped=len(report.skipped)))

    @cli.command("publish", help=_("Write a regional archive: a separate SQLite file with "
                                   "only what the groups marked to share and the privacy "
                                   "scan passed, and Datasette's metadata.json beside it."))
    @click.option("-o", "--output", required=True,
                  type=click.Path(dir_okay=False, path_type=Path),
                  help=_("The archive file to write (.db)."))
    @click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("Where to write Datasette's metadata (default: metadata.json beside "
                         "the archive)."))
    @click.option("--licence", default="CC BY 4.0", show_default=True,
                  help=_("The licence the archive is published under."))
    @click.option("--licence-url", default="https://creativecommons.org/licenses/by/4.0/deed.nl",
                  show_default=True, help=_("Where the licence can be read."))
    @force_option
    @click.pass_obj
    def publish_command(config: Config, output: Path, metadata_path: Path | None, licence: str,
                        licence_url: str, force: bool) -> None:
        import shlex

        from .bundles import KIND_NAMES
        from .publish import PublishError, publish

        metadata_path = metadata_path or output.with_name("metadata.json")
        for path in (output, metadata_path):
            if path.exists() and not force:
                raise UserError(_("{path} exists; add --force to overwrite it").format(
                    path=path))
        if output.resolve() == config.db_path.resolve():
            raise click.UsageError(_("the archive cannot be the database itself"))
        try:
            report = publish(config.store(), output, metadata_path, (licence, licence_url))
        except PublishError as e:
            raise UserError(str(e)) from None
        for withheld in report.withheld:
            click.echo(_("withheld {kind} {id}: the privacy scan found personal data "
                         "({count} findings); correct the text or unmark it").format(
                kind=_(KIND_NAMES[withheld.kind][0]), id=withheld.id[:8],
                count=withheld.findings), err=True)
        click.echo(_("Published {items} to {path}; Datasette's metadata in {metadata}").format(
            items=_counts(report.published) or "0", path=output, metadata=metadata_path))
        click.echo(_("Serve it with: {command}").format(command=(
            f"datasette serve -i {shlex.quote(str(output))} "
            f"--metadata {shlex.quote(str(metadata_path))}")))

    @cli.command("share", help=_("Mark lessons, decisions, tensions, precedents or slow "
                                 "questions (by id or its first characters) as te delen: "
                                 "they go into the regional archive."))
    @click.argument("refs", metavar="ID...", nargs=-1, required=True)
    @click.option("--off", is_flag=True, help=_("Unmark them: they stay within the group."))
    @click.pass_obj
    def share_command(config: Config, refs: tuple[str, ...], off: bool) -> None:
        from .bundles import KIND_NAMES
        from .publish import mark_shared

        store = config.store()
        with store.transaction():  # all or none
            try:
                marked = [mark_shared(store, ref, not off) for ref in refs]
            except LookupError as e:
                raise UserError(str(e)) from None
        for kind, record in marked:
            message = _("{kind} {id}: not shared") if off else _("{kind} {id}: te delen")
            click.echo(message.format(kind=_(KIND_NAMES[kind][0]), id=record.id[:8]))

    @cli.command("backup", help=_("Copy the database to a file with SQLite's online backup; "
                                  "the app may keep running."))
    @click.option("-o", "--output", required=True,
                  type=click.Path(dir_okay=False, path_type=Path),
                  help=_("The backup file to write."))
    @force_option
    @click.pass_obj
    def backup_command(config: Config, output: Path, force: bool) -> None:
        from .backup import backup

        if output.exists() and not force:
            raise UserError(_("{path} exists; add --force to overwrite it").format(path=output))
        if output.resolve() == config.db_path.resolve():
            raise click.UsageError(_("the backup cannot be the database itself"))
        try:  # never config.store(): a backup neither creates nor migrates the database
            backup(config.db_path, output)
        except StoreError as e:
            raise UserError(str(e)) from None
        click.echo(_("Backup written to {path}").format(path=output))

    @cli.command("restore", help=_("Check a backup and put it in place of the database, "
                                   "after asking; the database it replaces is kept beside "
                                   "it."))
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--yes", is_flag=True, help=_("Do not ask (for scripts)."))
    @click.pass_obj
    def restore_command(config: Config, file: Path, yes: bool) -> None:
        from .backup import check_database, restore

        try:
            check_database(file)
        except StoreError as e:
            raise UserError(str(e)) from None
        if not yes:
            click.confirm(_("Replace the database {path} by the backup {file}?").format(
                path=config.db_path, file=file), abort=True)
        try:
            kept = restore(file, config.db_path)
        except StoreError as e:
            raise UserError(str(e)) from None
        click.echo(_("Restored {file} into {path}").format(file=file, path=config.db_path))
        if kept:
            click.echo(_("The database it replaced is kept as {path}").format(path=kept))

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
