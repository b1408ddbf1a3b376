"""Home: the meetings by status, the case library and the methods.

The first thing a user sees, so it is built for a fast first paint: only the meetings tab
is built at once (the case library and the methods on first show), the models and the
Markdown viewer are imported when used, and when the app opens the database after the
first frame the list is filled when the store arrives (`StoreOpened`).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import DataTable, Header, TabbedContent, TabPane

from livinglab.i18n import N_, _, format_date, pick, term

from ..messages import StoreOpened
from ..widgets.keybar import KeyBar
from .base import NOT_STORED, LabScreen, can_write, start_on_its_day, store_write


def terms_of(kind: str) -> dict[str, str]:
    """The labels of a kind of coded value in the interface language (as `term`), by
    value: without the enum, which lives with the models."""
    from livinglab import i18n

    return i18n.terms(i18n.language()).get(kind, {})


# The models and the store (pydantic, sqlite-utils) are imported where used, not here:
# this module is imported before the first frame, and they are most of the start-up
# (the app opens the database in a thread once home is painted).

# Only the newest meetings per status are loaded, so thousands open as fast as none;
# the table itself renders only the rows that fit. Older ones: `livinglab sessions list`.
PAGE = 50
STATUS_WIDTH = 8  # the longest status: "afgerond", "finished"
WHEN_WIDTH = len("31-12-2026 23:59")
STATUSES = ("running", "planned", "finished")  # SessionStatus's values, in the list's order
PRACTICE_GROUP_ID = "5c0a7e3e-0d7b-5f4e-8a6b-2e51c9a0f7d1"  # models.PRACTICE_GROUP_ID

# What `meeting.queries.sessions` reads for the list, said to sqlite3 alone (its order is
# SESSION_ORDER there), with the group's name.
FIRST_MEETINGS = (
    "select s.id, s.status, s.date, s.start_time, s.title, g.name from sessions s "
    f"left join groups g on g.id = s.group_id and g.id != '{PRACTICE_GROUP_ID}' "
    f"where s.status = ? and s.group_id != '{PRACTICE_GROUP_ID}' "
    "order by s.date desc, coalesce(s.start_time, '') desc, s.created_at desc limit ?")


def first_meetings(path) -> list[tuple] | None:
    """The list's rows (id, status, date, start time, title, group name) read with the
    standard library's sqlite3 alone, read-only: the store and the models (pydantic,
    sqlite-utils) take longer to import than home to paint, and the list shows without
    them. None when the file is not there or does not read so (a new database, or one
    of an older version): the store's own read fills the list then."""
    import sqlite3
    from pathlib import Path

    if not Path(path).is_file():
        return None
    try:
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True,
                               timeout=0.2)
        try:
            return [row for status in STATUSES
                    for row in conn.execute(FIRST_MEETINGS, [status, PAGE])]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def without_group(title: str, group: str | None) -> str:
    """A title as the list shows it: without the group's name it starts with, which the
    group's column shows ("Lerende gemeenschap Kop — december": "december"). Two of a
    walker's meetings read the same, cut before the words that told them apart."""
    if group and title.casefold().startswith(group.casefold()):
        rest = title[len(group):].lstrip(" —–-:·,")
        if rest and rest != title[len(group):]:  # the name, then a mark, then more
            return rest
    return title


def case_in_library(home) -> str | None:
    """The case selected on the case library, when that tab is shown: the one practised."""
    if home.query_one("#home-tabs").active != "tab-cases" or not home.query("#cases"):
        return None
    cases = home.query_one("#cases", DataTable)
    if not cases.row_count:
        return None
    return cases.coordinate_to_cell_key(cases.cursor_coordinate).row_key.value


class HomeScreen(LabScreen):
    HELP = N_("Plan a meeting with **n**, open the selected one with **enter**: a planned "
              "one starts, a running one resumes where it stopped, a finished one opens its "
              "minutes. **e** edits a planned meeting or corrects finished minutes, **g** "
              "shows the group's roster, **s** searches everything the groups said, **k** "
              "opens what the groups learned (slow questions, lessons, actions, precedents), "
              "**p** practises a case, **c** plans the next meeting of the group's series "
              "(gesprekscyclus). The tabs hold the case library and the methods "
              "(**tab** goes to the tab bar, **←** and **→** switch tabs). **l** switches between Dutch and English.")
    # Default CSS, not CSS: Textual loads a screen's CSS when it is pushed, and home is the
    # app's first screen, never pushed. (So the case library's row is a Container laid out
    # horizontally: the app's `Horizontal { height: auto; }` would outrank its height here.)
    DEFAULT_CSS = """
    #home-tabs { height: 1fr; }
    #meetings { height: 1fr; }
    #case-library { layout: horizontal; height: 1fr; }
    #cases { width: 1fr; height: 1fr; }
    #case-preview {
        width: 1fr; height: 1fr; overflow-y: auto; border-left: solid $primary-background;
    }
    #methods { height: 1fr; }
    """
    BINDINGS = [
        # Priority: handled as the key arrives, so letters typed on at once wait for the
        # new screen instead of reaching the list behind it (home has no text field).
        Binding("n", "new_meeting", N_("New"), tooltip=N_("Plan a new meeting"), priority=True),
        Binding("p", "practice", N_("Practice"), tooltip=N_("Practise a case alone or in a small group"),
                priority=True),
        # Priority, so that an enter pressed before the list is filled (as the app opens)
        # waits for it instead of reaching an empty table.
        Binding("enter", "open_selected", N_("Open"), show=False, priority=True),
        # enter does both for the selected meeting; the keys stay for F1 and the palette
        Binding("r", "resume", N_("Resume"), show=False),
        Binding("m", "minutes", N_("Minutes"), show=False),
        Binding("e", "edit_meeting", N_("Edit"),
                tooltip=N_("Edit a planned meeting, or correct a finished one's minutes")),
        Binding("g", "roster", N_("Group"), tooltip=N_("The roster of the selected meeting's group"),
                show=False),  # the footer is full at 80 columns: F1 and the palette list it
        Binding("c", "next_of_series", N_("Next of series"), show=False,
                tooltip=N_("Plan the next meeting of the selected group's series "
                           "(gesprekscyclus)")),
        Binding("s", "search", N_("Search"), priority=True),
        Binding("k", "knowledge", N_("Knowledge"), priority=True),
        Binding("l", "language", N_("Language"), tooltip=N_("Nederlands / English")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    AUTO_FOCUS = "#meetings"  # focused as the screen shows, not moved there after

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="home-tabs"):
            with TabPane(_("Meetings"), id="tab-meetings"):
                yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
            # Built when first shown (build_cases, build_methods): most starts never look.
            yield TabPane(_("Cases"), id="tab-cases")
            yield TabPane(_("Methods"), id="tab-methods")
        yield KeyBar(compact=True)  # every key of home in 80 columns

    def on_mount(self) -> None:
        self.lay_out_columns()
        if self.app.store is not None:
            self.on_store_opened()
        elif self.app.db_path is not None:
            # In the first frame: a few milliseconds of sqlite3, where the store opened in
            # the thread comes a quarter of a second later. Its read replaces this one.
            self.show_meetings(first_meetings(self.app.db_path) or [])

    @work(exclusive=True, group="rebuild")
    async def rebuild(self) -> None:
        """Home anew in the language just chosen, as if it had just opened."""
        await self.recompose()
        self.on_mount()
        self.query_one("#meetings", DataTable).focus()
        self.refresh_bindings()

    def on_store_opened(self, _message: StoreOpened | None = None) -> None:
        self.refresh_meetings()
        self.call_after_refresh(self.offer_resume)

    # The case library and the methods are built the first time their tab shows.

    @on(TabbedContent.TabActivated, pane="#tab-cases")
    async def build_cases(self, event: TabbedContent.TabActivated) -> None:
        from livinglab.library import queries as case_queries

        if event.pane.children:
            return
        from textual.widgets import Markdown  # markdown-it: only for the preview

        from ..widgets.text import plain

        cases = DataTable(id="cases", cursor_type="row")
        await event.pane.mount(Container(cases, Markdown(id="case-preview"), id="case-library"))
        cases.add_columns(_("Kind"), _("Title"))
        for case in case_queries.cases(self.app.store):
            cases.add_row(term(case.kind), plain(case.title), key=case.id)

    @on(TabbedContent.TabActivated, pane="#tab-methods")
    async def build_methods(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.children:
            return
        from ..widgets.text import plain

        methods = DataTable(id="methods", cursor_type="row")
        await event.pane.mount(methods)
        methods.add_columns(_("Name"), _("Steps"), _("Time (min)"))
        for method in self.app.methods.sorted():
            methods.add_row(plain(pick(method.name)), str(len(method.steps)),
                            str(method.total_minutes), key=method.id)

    def offer_resume(self) -> None:
        """After a quit or a crash in the middle of a meeting, offer to go back to it."""
        from livinglab.meeting import queries as meeting_queries
        from livinglab.models import SessionStatus

        if self.app.screen is not self:  # a key typed as the app opened went on already
            return
        if self.app.store.read_only:  # it could not resume: the app said it is read-only
            return
        running = meeting_queries.sessions(self.app.store, status=SessionStatus.RUNNING, limit=1)
        if not running:
            return
        from ..widgets.dialogs import ConfirmDialog

        def resume(confirmed: bool | None) -> None:
            if confirmed:
                self.open_runner(running[0].id)

        self.app.push_screen(ConfirmDialog(
            _("The meeting '{title}' is still running. Resume it where it stopped?").format(
                title=running[0].title), _("Resume"), default_yes=True), resume)

    listed_before: set[str] = set()  # the meetings listed when another screen opened
    _columns_for: int | None = None  # the width the list's columns were laid out for

    def on_screen_suspend(self) -> None:
        table = self.query_one("#meetings", DataTable)
        self.listed_before = {key.value for key in table.rows}

    def on_screen_resume(self) -> None:
        self.refresh_meetings()
        # A meeting planned meanwhile is the one selected: a walker planned one, and
        # enter opened the meeting that had been selected before, not the new one.
        table = self.query_one("#meetings", DataTable)
        new = [key.value for key in table.rows if key.value not in self.listed_before]
        if len(new) == 1:
            table.move_cursor(row=table.get_row_index(new[0]), animate=False)

    def on_resize(self, event) -> None:
        super().on_resize(event)
        # The columns follow the width only: a start brings two or three Resize events at
        # the width home was laid out for at mount, and each read and listed the meetings
        # again.
        if self.app.size.width != self._columns_for:
            self.refresh_meetings()

    def lay_out_columns(self, one_group: bool = False,
                        longest_group: int = 1000) -> tuple[int, int]:
        """The list's columns anew, at widths for the screen's width; the title's and the
        group's width. (A column keeps the widest text it ever held: after widening and
        narrowing, the group stayed off screen until a restart.)"""
        table = self.query_one("#meetings", DataTable)
        table.clear(columns=True)
        self._columns_for = self.app.size.width
        # Title and group share what status and time leave (a cell has a space either
        # side, and the scroll bar takes 2), so both show at any width; the group no
        # wider than its longest name, and the title more when every meeting is of one
        # group (the group's name says the same each row).
        room = max(20, self.app.size.width - STATUS_WIDTH - WHEN_WIDTH - 10)
        group_width = min(max(longest_group, len(_("Group"))),
                          max(room // 3, 10) if one_group else room * 2 // 5)
        title_width = room - group_width
        for label, width in ((_("Status"), STATUS_WIDTH), (_("When"), WHEN_WIDTH),
                             (_("Title"), title_width), (_("Group"), group_width)):
            table.add_column(label, width=width)
        return title_width, group_width

    def refresh_meetings(self) -> None:
        store = self.app.store
        if store is None:  # not open yet: filled when it is
            return
        from livinglab.meeting import queries as meeting_queries
        from livinglab.models import SessionStatus

        groups = {g.id: g.name for g in meeting_queries.groups(store)}
        self.show_meetings(
            (s.id, status.value, s.date, s.start_time, s.title, groups.get(s.group_id))
            for status in (SessionStatus.RUNNING, SessionStatus.PLANNED, SessionStatus.FINISHED)
            for s in meeting_queries.sessions(store, status=status, limit=PAGE))

    def show_meetings(self, rows) -> None:
        """The list anew: (id, status, date, start time, title, group name) per meeting;
        a date and a time as objects or as the texts SQLite keeps. The cells are plain
        text (never markup): rich's Text, as `widgets.text.plain` makes it (that module
        brings TextArea: not before the first frame)."""
        from rich.text import Text

        def cell(text: str, width: int) -> Text:
            return Text(text if len(text) <= width else text[:max(width - 1, 0)].rstrip() + "…")

        table = self.query_one("#meetings", DataTable)
        selected = self.selected_meeting()  # kept: after an edit, enter opens that one
        rows = list(rows)
        groups = {row[5] or "" for row in rows}
        title_width, group_width = self.lay_out_columns(
            one_group=len(groups) <= 1, longest_group=max(map(len, groups), default=0))
        labels = terms_of("SessionStatus")
        for id, status, date, start_time, title, group in rows:
            when = format_date(date) + (f" {str(start_time)[:5]}" if start_time else "")
            table.add_row(labels.get(status, status), when,
                          cell(without_group(title or "", group), title_width),
                          cell(group or "", group_width), key=id)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected), animate=False)

    def selected_meeting(self) -> str | None:
        table = self.query_one("#meetings", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#cases")
    def preview_case(self, event: DataTable.RowHighlighted) -> None:
        from livinglab.library import queries as case_queries

        if event.row_key is not None:
            from textual.widgets import Markdown

            from livinglab.meeting.views import case_markdown

            case = case_queries.case(self.app.store, event.row_key.value)
            self.query_one("#case-preview", Markdown).update(case_markdown(case))

    @on(DataTable.RowSelected, "#meetings")
    async def open_clicked(self) -> None:
        """A click on a row (enter is a binding here)."""
        await self.action_open_selected()

    async def action_new_meeting(self) -> None:
        await self.app.store_open.wait()  # a key typed as the app opens
        if not can_write(self):  # said before anything is typed in vain
            return
        from .new_meeting import NewMeetingScreen

        # Awaited: keys typed on at once wait for the title field instead of being lost.
        await self.app.push_screen(NewMeetingScreen())

    async def action_practice(self) -> None:
        await self.app.store_open.wait()  # a key typed as the app opens
        if not can_write(self):  # a practice run is stored as it goes
            return
        from .practice import PracticeStartScreen

        await self.app.push_screen(PracticeStartScreen(case_in_library(self)))

    async def action_search(self) -> None:
        await self.app.store_open.wait()  # a key typed as the app opens
        from .search import SearchScreen

        await self.app.push_screen(SearchScreen())

    async def action_knowledge(self) -> None:
        await self.app.store_open.wait()  # a key typed as the app opens
        from .knowledge import KnowledgeScreen

        await self.app.push_screen(KnowledgeScreen())

    def action_language(self) -> None:
        self.app.switch_language()

    async def action_open_selected(self) -> None:
        from livinglab.models import Session, SessionStatus

        if self.focused is not self.query_one("#meetings", DataTable):
            return  # the tabs, the case library, the methods: enter opens no meeting
        if not self.app.store_open.is_set():
            await self.app.store_open.wait()
            self.refresh_meetings()  # this screen's StoreOpened waits behind this key
        session_id = self.selected_meeting()
        if session_id is None:
            return
        session = self.app.store.get(Session, session_id)
        if session.status == SessionStatus.FINISHED:
            self.action_minutes()
        else:
            start_on_its_day(self, session, lambda: self.open_runner(session_id))

    def action_resume(self) -> None:
        from livinglab.meeting import queries as meeting_queries

        if self.app.store is None:
            return
        from livinglab.models import SessionStatus

        running = meeting_queries.sessions(self.app.store, status=SessionStatus.RUNNING, limit=1)
        if running:
            self.open_runner(running[0].id)
        else:
            self.notify(_("No meeting is running."))

    def open_runner(self, session_id: str) -> None:
        if not can_write(self):  # the runner stores as it opens: the meeting starts
            return
        from .runner import RunnerScreen

        self.app.push_screen(RunnerScreen(session_id))

    def action_minutes(self) -> None:
        session_id = self.selected_meeting()
        if session_id is None:
            self.notify(_("There are no meetings yet."))
            return
        from .minutes_preview import MinutesScreen

        self.app.push_screen(MinutesScreen(session_id))

    def action_edit_meeting(self) -> None:
        """A planned meeting: its plan; a finished one: its minutes, corrected (issue 10)."""
        from livinglab.models import Session, SessionStatus

        session_id = self.selected_meeting()
        if session_id is None:
            return
        session = self.app.store.get(Session, session_id)
        if session.status == SessionStatus.PLANNED:
            if not can_write(self):
                return
            from .new_meeting import NewMeetingScreen

            self.app.push_screen(NewMeetingScreen(session_id))
        elif session.status == SessionStatus.FINISHED:
            if not can_write(self):
                return
            from .runner import correct_finished_meeting

            store_write(self, correct_finished_meeting, self.app, session_id)
        else:
            self.open_runner(session_id)

    def action_next_of_series(self) -> None:
        """The next meeting of the selected group's series (or of the only series with
        meetings left), planned with its date, theme and people, and selected."""
        from livinglab.models import Session
        from livinglab.meeting.planning import PlanError
        from livinglab.meeting.series import create_next_meeting, next_planned, series_to_continue

        store = self.app.store
        selected = self.selected_meeting()
        group_id = store.get(Session, selected).group_id if selected else None
        series = series_to_continue(store, group_id) if group_id else None
        series = series or series_to_continue(store)
        if series is None:
            self.notify(_("No series has a meeting left to plan: select a meeting of the "
                          "group, or import a series with livinglab series import FILE."),
                        severity="warning")
            return
        if not can_write(self):  # said before the question, not after the answer
            return
        _index, planned = next_planned(series)

        def plan(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                session = store_write(self, create_next_meeting, store, series.id,
                                      self.app.methods)
            except (LookupError, PlanError) as e:  # the series has no meeting to plan
                self.notify(str(e), severity="error", markup=False)
                return
            if session is NOT_STORED:
                return
            self.refresh_meetings()
            table = self.query_one("#meetings", DataTable)
            table.move_cursor(row=table.get_row_index(session.id))
            table.focus()
            self.notify(_("Planned: {title} on {date}.").format(
                title=session.title, date=format_date(session.date)), markup=False)

        from ..widgets.dialogs import ConfirmDialog

        # Said first: the series may run ahead of a meeting that is planned and not yet held.
        self.app.push_screen(ConfirmDialog(_(
            "Plan the next meeting of {series}: {theme} on {date}?").format(
                series=series.name, theme=planned.theme,
                date=format_date(planned.date)), _("Plan"), default_yes=True), plan)

    def action_roster(self) -> None:
        from livinglab.models import Session

        session_id = self.selected_meeting()
        if session_id is None:
            self.notify(_("There are no meetings yet."))
            return
        from .roster import RosterScreen

        self.app.push_screen(RosterScreen(self.app.store.get(Session, session_id).group_id))
