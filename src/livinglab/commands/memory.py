"""`questions`, `lessons`, `actions`, `series` and `course`: the groups' memory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import i18n
from ..i18n import N_, _, format_date
from ..text.terminal import one_line
from .common import (
    DATE, Field, PathType, UserError, command, echo, emit_list, find_group, group, group_option,
    list_options, option,
)
from ..storage.refs import short_id

# What only some commands use (the models, the meeting queries) is imported inside them:
# `questions` lists without pydantic.
if TYPE_CHECKING:
    from ..launch import Config
    from ..storage.store import Store


def knowledge_filter(store: Store, group_ref, theme, municipality, since, until):
    from ..memory.knowledge import Filter

    return Filter(group_id=find_group(store, group_ref).id if group_ref else None,
                  theme=theme, municipality=municipality,
                  since=since, until=until)


def limit_options():
    """--limit N (default 50) and --all, as `sessions list` has them: a list of a region's
    decade is read a page at a time, and says on standard error what it left out."""
    def add(func):
        func = option("--all", "show_all", is_flag=True,
                      help=N_("Every one, however many."))(func)
        return option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
                      help=N_("At most this many."))(func)
    return add


def say_more(found, limit: int | None, total: int | None = None) -> None:
    """On standard error: how many the list left out (of `total`, else the page's own
    `total`), and how to see them."""
    more = (total if total is not None else getattr(found, "total", len(found))) - len(found)
    if limit is not None and more > 0:
        click.echo(_("{count} more not shown: --limit N shows more, --all shows every "
                     "one").format(count=more), err=True)


def filter_options(func):
    """--group, --theme, --municipality, --since and --until: what the groups keep, narrowed."""
    for add in reversed([
        group_option(N_("Only this group (name or id).")),
        option("--theme", help=N_("Only what carries this theme.")),
        option("--municipality", help=N_("Only groups of this municipality.")),
        option("--since", type=DATE, help=N_("From this date on, as 25-11-2026 or 2026-11-25.")),
        option("--until", type=DATE, help=N_("Up to this date, as 25-11-2026 or 2026-11-25.")),
    ]):
        func = add(func)
    return func


# The table's Status column is `detail` (the status, and whether it goes to the region);
# JSON and CSV give the two apart.
QUESTION_FIELDS = [
    Field("detail", N_("Status"), only="table"), Field("status", "", only="data"),
    Field("to_region", "", only="data"), Field("question", N_("Question")),
    Field("meetings", N_("Meetings")), Field("last", N_("Last"), format_date),
    Field("group", N_("Group")), Field("id", N_("Id"), short_id),
]


@group("questions", invoke_without_command=True)
@filter_options
@option("--all", "show_all", is_flag=True, help=N_("Closed questions too."))
@option("--history", is_flag=True,
        help=N_("Each meeting on the question: what it added, what it left open."))
@option("--limit", type=click.IntRange(min=1),
        help=N_("At most this many (default: every one)."))
@list_options()
@click.pass_context
def questions_command(ctx: click.Context, group_ref, theme, municipality, since, until,
                      show_all: bool, history: bool, limit: int | None,
                      list_format: str | None) -> None:
    # Without a subcommand: the list, each question with the start of its id that
    # `questions status` takes. (No docstring: click would show it as the help.)
    if ctx.invoked_subcommand is not None:
        return
    store = ctx.obj.store()
    if not history:  # the list: plain rows, no question's pages read as models
        from .rows import question_records

        found = question_records(store, find_group(store, group_ref).id if group_ref else None,
                                 theme, municipality, since, until, open_only=not show_all)
        for record in found:
            record["detail"] = i18n.term_named("SlowQuestionStatus", record["status"]) + (
                " · " + _("to the region") if record["to_region"] else "")
        say_more(found[:limit], limit, len(found))
        emit_list(list_format, QUESTION_FIELDS, found[:limit], _("No slow questions."))
        return
    from ..meeting import queries as meeting_queries
    from ..memory.knowledge import slow_questions

    flt = knowledge_filter(store, group_ref, theme, municipality, since, until)
    found = slow_questions(store, flt, open_only=not show_all, limit=limit)
    say_more(found, limit)
    if list_format:
        records = [{"status": i.extra["question"].status, "to_region": i.extra["question"].to_region,
                    "question": i.text, "meetings": len(i.extra["question"].history),
                    "last": i.date, "group": i.group_name, "id": i.id,
                    "detail": i.detail} for i in found]
        for record, item in zip(records, found):  # each meeting's work, as printed below
            record["history"] = [
                {"date": w.date, "session_id": w.session_id, "wording": w.wording,
                 "added": list(w.added), "left_open": list(w.left_open)}
                for w in item.extra["question"].history]
        emit_list(list_format, QUESTION_FIELDS, records, _("No slow questions."))
        return
    if not found:
        click.echo(_("No slow questions."))
        return
    for n, item in enumerate(found):
        question = item.extra["question"]
        echo(("\n" if n else "") + f"{one_line(question.question)}  ({item.detail})  "
             f"{short_id(item.id)}")
        titles = meeting_queries.sessions_by_id(store, (w.session_id for w in question.history))
        for work in question.history:
            title = titles[work.session_id].title if work.session_id in titles else ""
            echo(f"  {format_date(work.date)} {one_line(title)}")
            if work.wording and work.wording != question.question:
                echo(f"    \"{one_line(work.wording)}\"")
            for line in work.added:
                echo(f"    + {one_line(line)}")
            for line in work.left_open:
                echo(f"    ? {one_line(line)}")


def status_key(word: str) -> str:
    """A status as typed, compared: any case, a hyphen the same as a space."""
    return " ".join(word.replace("-", " ").casefold().split())


def statuses_help() -> str:
    """The statuses a slow question can have, each with its label in the run's language
    where that says more: open, in-verkenning (being explored), ..."""
    from ..models import SlowQuestionStatus

    return ", ".join(s.value if status_key(i18n.term(s)) == status_key(s.value)
                     else f"{s.value} ({i18n.term(s)})" for s in SlowQuestionStatus)


def status_named(text: str):
    """The SlowQuestionStatus a person typed: its value (in-verkenning) or its label in
    either language (being explored, in verkenning), any case; a UserError listing them
    otherwise."""
    from ..models import SlowQuestionStatus

    key = status_key
    names = {key(s.value): s for s in SlowQuestionStatus}
    for lang in i18n.LANGUAGES:
        names.update({key(i18n.term(s, lang)): s for s in SlowQuestionStatus})
    if key(text) in names:
        return names[key(text)]
    raise UserError(_("no status {status}; choose one of: {statuses}").format(
        status=text, statuses=statuses_help()))


@questions_command.command("status", help=lambda: _(
    "Give a slow question a status: one of {statuses}. QUESTION is its id or the start of "
    "it, as `livinglab questions` shows it.").format(statuses=statuses_help()))
@click.argument("ref", metavar="QUESTION")
@click.argument("status", metavar="STATUS")
@click.pass_obj
def questions_status(config: Config, ref: str, status: str) -> None:
    from ..memory.queries import find_slow_question
    from ..memory.questions import update_question
    from ..storage.store import StoreError

    new = status_named(status)
    store = config.store(write=True)
    try:
        question = find_slow_question(store, ref)
    except StoreError as e:
        raise UserError(str(e)) from None
    said = {"id": short_id(question.id), "question": one_line(question.question),
            "status": i18n.term(new)}
    if question.status == new:
        echo(_("Slow question {id} is {status} already: {question}").format(**said))
        return
    before = i18n.term(question.status)
    update_question(store, question.id, status=new)
    echo(_("Slow question {id} is now {status} (was {before}): {question}").format(
        before=before, **said))


@questions_command.command("edit", help=N_(
    "Change a slow question's words, whether the group takes it to the region, or one page "
    "of its history (--page: the date of that meeting, as `livinglab questions --history` "
    "shows it). QUESTION is its id or the start of it."))
@click.argument("ref", metavar="QUESTION")
@option("--wording", help=N_("The question in the group's own words."))
@option("--region/--no-region", "to_region", default=None,
        help=N_("Whether the group takes the question to the region."))
@option("--page", "page_date", type=DATE, help=N_("The meeting whose page is changed."))
@option("--added", multiple=True, help=N_("What that meeting added (repeat for each point)."))
@option("--left-open", multiple=True,
        help=N_("What that meeting left open (repeat for each point)."))
@click.pass_obj
def questions_edit(config: Config, ref: str, wording: str | None, to_region: bool | None,
                   page_date, added: tuple[str, ...], left_open: tuple[str, ...]) -> None:
    from ..memory.queries import find_slow_question
    from ..memory.questions import edit_page, update_question
    from ..storage.store import StoreError

    if page_date is None and (added or left_open):
        raise UserError(_("--added and --left-open change one page: name it with --page."))
    if wording is None and to_region is None and page_date is None:
        raise UserError(_("Nothing to change: give --wording, --region, or --page with "
                          "--added or --left-open."))
    store = config.store(write=True)
    try:
        question = find_slow_question(store, ref)
    except StoreError as e:
        raise UserError(str(e)) from None
    pages = [n for n, w in enumerate(question.history) if w.date == page_date]
    if page_date is not None and not pages:
        raise UserError(_("Slow question {id} has no page of {date}; its pages: {dates}").format(
            id=short_id(question.id), date=format_date(page_date),
            dates=", ".join(format_date(w.date) for w in question.history) or "-"))
    try:
        with store.transaction():
            if wording is not None or to_region is not None:
                update_question(store, question.id, wording=wording, to_region=to_region)
            for n in pages[:1]:
                edit_page(store, question.id, n, added=list(added) if added else None,
                          left_open=list(left_open) if left_open else None)
    except ValueError:
        raise UserError(_("A slow question needs words.")) from None
    changed = store.get(type(question), question.id)
    echo(_("Slow question {id} is changed: {question}").format(
        id=short_id(changed.id), question=one_line(changed.question)))


LESSON_FIELDS = [Field("date", N_("Date"), format_date), Field("group", N_("Group")),
                 Field("lesson", N_("Lesson")), Field("themes", N_("Themes"), ", ".join),
                 Field("id", N_("Id"), short_id)]  # its start is what `share` takes


@command("lessons")
@filter_options
@limit_options()
@list_options()
@click.pass_obj
def lessons_command(config: Config, group_ref, theme, municipality, since, until,
                    limit: int, show_all: bool, list_format: str | None) -> None:
    from .rows import lesson_records

    store = config.store()
    limit = None if show_all else limit
    found, total = lesson_records(store, find_group(store, group_ref).id if group_ref else None,
                                  theme, municipality, since, until, limit)
    say_more(found, limit, total)
    emit_list(list_format, LESSON_FIELDS, found, _("No lessons."))


ACTION_FIELDS = [
    Field("overdue", "", lambda overdue: "!" if overdue else ""),
    Field("action", N_("Action")), Field("who", N_("Who")),
    Field("due", N_("Due"), format_date),
    Field("status", N_("Status"), lambda status: i18n.term_named("ActionStatus", status)),
    Field("meeting", N_("Meeting"), format_date), Field("group", N_("Group")),
    Field("id", "", only="data"),
]


@command("actions")
@filter_options
@option("--open", "open_only", is_flag=True, help=N_("Only open actions."))
@option("--today", type=DATE,
        help=N_("The date that decides what is overdue (default: today)."))
@limit_options()
@list_options()
@click.pass_obj
def actions_command(config: Config, group_ref, theme, municipality, since, until,
                    open_only: bool, today, limit: int, show_all: bool,
                    list_format: str | None) -> None:
    import datetime as dt

    from .rows import action_records

    store = config.store()
    limit = None if show_all else limit
    found, total = action_records(store, find_group(store, group_ref).id if group_ref else None,
                                  theme, municipality, since, until, today or dt.date.today(),
                                  open_only, limit)
    say_more(found, limit, total)
    emit_list(list_format, ACTION_FIELDS, found, _("No actions."))


@group("series")
def series_group() -> None:
    pass


SERIES_FIELDS = [
    Field("name", N_("Name")), Field("group", N_("Group")),
    Field("created", N_("Created"), lambda pair: f"{pair[0]}/{pair[1]}"),
    Field("next_meeting", N_("Next meeting"), format_date), Field("id", N_("Id"), short_id),
]


@series_group.command("list", help=N_("List the series."))
@list_options()
@click.pass_obj
def series_list(config: Config, list_format: str | None) -> None:
    from .rows import series_records

    emit_list(list_format, SERIES_FIELDS, series_records(config.store()))




def series_ref(store: Store, ref: str):
    from ..meeting.series import find_series
    from ..storage.store import StoreError

    try:
        return find_series(store, ref)
    except StoreError as e:
        raise UserError(str(e)) from None


SERIES_MEETING_FIELDS = [
    Field("date", N_("Date"), format_date), Field("theme", N_("Meeting theme")),
    Field("about", N_("About")), Field("created", "", lambda done: _("created") if done else ""),
]


@series_group.command("show", help=N_("Show a series: its meetings, themes and dates."))
@click.argument("ref", metavar="SERIES")
@list_options()
@click.pass_obj
def series_show(config: Config, ref: str, list_format: str | None) -> None:
    store = config.store()
    series = series_ref(store, ref)
    if list_format:  # the series' meetings, without the heading above them
        emit_list(list_format, SERIES_MEETING_FIELDS, [
            {"date": m.date, "theme": m.theme, "about": m.description,
             "created": bool(m.session_id), "session_id": m.session_id}
            for m in series.meetings])
        return
    from ..models import Group

    group = store.get(Group, series.group_id)
    echo(f"{series.name} ({group.name if group else ''})")
    if series.description:
        echo(series.description)
    emit_list(list_format, SERIES_MEETING_FIELDS, [
        {"date": m.date, "theme": m.theme, "about": m.description,
         "created": bool(m.session_id), "session_id": m.session_id}
        for m in series.meetings])


@series_group.command("import", help=N_("Add or update a series from a TOML file."))
@click.argument("file", type=PathType(dir_okay=False, path_type=Path))
@click.pass_obj
def series_import(config: Config, file: Path) -> None:
    from ..meeting.series import import_series
    from ..problems import LoadProblem

    try:
        series = import_series(config.store(write=True, create=True), file, config.methods())
    except LoadProblem as e:
        raise UserError(str(e)) from None
    echo(_("Series {name} has {count} meetings").format(name=series.name,
                                                         count=len(series.meetings)))


@series_group.command("next", help=N_("Create the next meeting of a series."))
@click.argument("ref", metavar="SERIES")
@click.pass_obj
def series_next(config: Config, ref: str) -> None:
    from ..meeting.planning import PlanError
    from ..meeting.series import create_next_meeting

    store = config.store(write=True)
    series = series_ref(store, ref)
    try:
        session = create_next_meeting(store, series.id, config.methods())
    except (LookupError, PlanError) as e:
        raise UserError(str(e)) from None
    echo(_("Planned {title} on {date}").format(title=session.title,
                                                date=format_date(session.date)))


@command("course")
@group_option(N_("The group (name or id)."), required=True)
@list_options()
@click.pass_obj
def course_command(config: Config, group_ref: str, list_format: str | None) -> None:
    from ..memory.evaluation import DOMAINS, SCORE_SCALE, TIME_SCALE, course, sparkline

    store = config.store()
    found = course(store, find_group(store, group_ref).id)
    rows = [(key, i18n.pick(label), found.domains[key], *SCORE_SCALE)
            for key, label in DOMAINS.items()]
    rows += [("rating", _("Session rating"), found.ratings, *SCORE_SCALE),
             ("time_used", _("Time used (1 = as planned)"), found.time_used, *TIME_SCALE)]
    if list_format:  # each chart as its values, oldest first, with the meeting of each
        emit_list(list_format, COURSE_FIELDS, [
            {"measure": key, "label": label, "values": [p.value for p in points],
             "last": points[-1].value if points else None, "count": len(points),
             "dates": [p.date for p in points]}
            for key, label, points, _low, _high in rows])
        return
    width = max(len(label) for _key, label, *_rest in rows)
    for _key, label, points, low, high in rows:
        values = [p.value for p in points]
        last = f"{values[-1]:.1f}" if values else "-"
        click.echo(f"{label.ljust(width)}  {sparkline(values, low, high) or '-':<12}  "
                   f"{last}  ({len(values)})")


# The course prints charts, not a table: its fields are for --json and --csv only.
COURSE_FIELDS = [Field(key, "") for key in ("measure", "label", "values", "last", "count",
                                            "dates")]
