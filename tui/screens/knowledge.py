"""Knowledge: what the groups learned across their meetings — lessons, open slow
questions, recurring tensions, moral precedents and open actions — filtered by group,
theme, municipality and period; from each item to the meeting it came from.

The screen shows at once; its lists are read in a thread, on a read-only connection of
its own: the list in view is filled as soon as it is read, the others together after it,
then the themes the filter offers and the group's course. Until a list is read its tab has no number
and the detail line says it is busy. Keys work meanwhile: they move between the lists and
filters as ever, and a list that arrives keeps the cursor at its first row. Only the newest
read is shown (a filter changed meanwhile asks for another).
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Select, TabbedContent, TabPane
from textual.worker import get_current_worker

from livinglab.i18n import N_, _, format_date, pick
from livinglab.memory.knowledge import Filter, page, themes
from livinglab.storage.refs import short_id
from livinglab.storage.store import Store, StoreError

from ..widgets.keybar import KeyBar
from ..widgets.text import Plain, plain
from .base import LabScreen
from livinglab.meeting import queries as meeting_queries

TABS = [("lesson", N_("Lessons")), ("slow-question", N_("Slow questions")),
        ("tension", N_("Tensions")), ("precedent", N_("Precedents")),
        ("action", N_("Open actions"))]
COURSE_ROWS = ["competence", "teamwork", "action", "rating", "time"]
COURSE_WIDTH = 70  # meetings a chart shows at most: the latest, within 80 columns
PERIODS = [("3m", N_("Last 3 months"), 91), ("1y", N_("Last 12 months"), 365)]


def shortened(text: str, width: int = 56) -> str:
    """One line of at most `width` characters: the list stays narrow, the detail shows all."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"


class KnowledgeScreen(LabScreen):
    HELP = N_("What the groups learned, across their meetings. **left** and **right** move "
              "between lessons, slow questions, tensions, precedents, open actions and the "
              "group's course (small charts of its evaluations, ratings and time); "
              "**enter** opens the minutes of the meeting an item came from, at the item; **e** on "
              "a slow question changes its words, status and history. **tab** reaches "
              "the filters: group, theme, municipality and period (**enter** opens one). "
              "**ctrl+r** clears the filters, **escape** goes back.")
    CSS = """
    #knowledge-tabs { height: 1fr; }
    #knowledge-tabs DataTable { height: 1fr; }
    #knowledge-detail { height: 5; padding: 0 1; background: $surface; }
    #knowledge-filters { height: 1; }
    #knowledge-filters Select { width: 1fr; }
    #course { height: 1fr; padding: 0 1; }
    .course-label { height: 1; }
    .course-line { height: 1; margin-bottom: 1; }
    """
    AUTO_FOCUS = "#list-lesson"  # as the screen shows, before any key comes
    BINDINGS = [
        Binding("right", "other_list(1)", N_("Next list"), priority=True, key_display="→"),
        Binding("left", "other_list(-1)", N_("Previous list"), priority=True, key_display="←"),
        Binding("ctrl+r", "clear_filters", N_("Clear filters"), priority=True),
        Binding("e", "edit_question", N_("Edit question")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self):
        super().__init__()
        self.items: dict[str, list] = {}
        self.reads = 0  # reads of the lists asked for: only the newest one is shown
        self.themes_read = False  # the theme filter's options: read once, with the lists
        self.shown = False  # mounted: what a read brings can be shown (else it waits here)
        self.waiting: list = []

    def compose(self) -> ComposeResult:
        store = self.app.store
        # The first read starts now, while the screen is built (SQLite lets the thread run
        # beside it): no filter is chosen yet, and the lessons are in view.
        self.reads += 1
        self.read_lists(self.reads, [kind for kind, _title in TABS], Filter(), None,
                        self.app.today(), True)
        groups = meeting_queries.groups(store)
        municipalities = sorted({g.municipality for g in groups if g.municipality},
                                key=str.casefold)
        yield Header()
        with TabbedContent(id="knowledge-tabs"):
            for kind, title in TABS:
                with TabPane(_(title), id=f"tab-{kind}"):
                    yield DataTable(id=f"list-{kind}", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Course"), id="tab-course"):
                with VerticalScroll(id="course"):
                    for key in COURSE_ROWS:
                        yield Plain("", id=f"course-{key}-label", classes="course-label")
                        yield Plain("", id=f"course-{key}", classes="course-line")
        yield Plain("", id="knowledge-detail")
        with Horizontal(id="knowledge-filters"):
            yield Select([(plain(g.name), g.id) for g in groups], prompt=_("All groups"),
                         id="filter-group", compact=True)
            # Its options come with the first read of the lists (a region's lessons are
            # many: reading their themes here held the screen back).
            yield Select([], prompt=_("All themes"), id="filter-theme", compact=True)
            yield Select([(plain(m), m) for m in municipalities],
                         prompt=_("All municipalities"), id="filter-municipality",
                         compact=True)
            yield Select([(_(label), key) for key, label, _days in PERIODS],
                         prompt=_("All time"), id="filter-period", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Knowledge")
        for kind, _title in TABS:
            table = self.query_one(f"#list-{kind}", DataTable)
            table.add_columns(_("Date"), self.column_title(kind), _("About"), _("Group"))
        self.show_detail("lesson", None)  # busy, unless the lessons came already
        self.shown = True
        for show, args in self.waiting:  # what the first read brought meanwhile
            show(*args)
        self.waiting = []
        if self.focused is None or self.focused.id not in {f"list-{k}" for k, _t in TABS}:
            self.set_focus(self.query_one("#list-lesson", DataTable))

    def when_shown(self, show, *args) -> None:
        """`show(*args)` now, or once the screen is mounted (the first read may be quicker)."""
        if self.shown:
            show(*args)
        else:
            self.waiting.append((show, args))

    @staticmethod
    def column_title(kind: str) -> str:
        return {"lesson": _("Lesson"), "slow-question": _("Question"),
                "tension": _("Tension"), "precedent": _("Dilemma"),
                "action": _("Action")}[kind]

    def chosen(self, name: str):
        value = self.query_one(f"#filter-{name}", Select).value
        return None if value in (Select.BLANK, Select.NULL) else value

    def current_filter(self) -> Filter:
        since = None
        if period := self.chosen("period"):
            days = next(d for key, _label, d in PERIODS if key == period)
            since = self.app.today() - dt.timedelta(days=days)
        return Filter(group_id=self.chosen("group"), theme=self.chosen("theme"),
                      municipality=self.chosen("municipality"), since=since)

    def refresh_lists(self) -> None:
        """The lists and the course read anew for the filters chosen, in a thread; until
        a list is read its tab shows no number, and the detail line says it is busy."""
        self.reads += 1
        self.items = {}
        for kind, title in TABS:  # no rows of another filter to choose meanwhile
            self.query_one(f"#list-{kind}", DataTable).clear()
            tab = self.query_one("#knowledge-tabs", TabbedContent).get_tab(f"tab-{kind}")
            tab.label = _(title)
        kind = self.active_kind()
        if kind != "course":
            self.show_detail(kind, None)
        first = [kind] if kind in dict(TABS) else []  # the list in view is read first
        order = first + [k for k, _title in TABS if k not in first]
        self.read_lists(self.reads, order, self.current_filter(), self.chosen("group"),
                        self.app.today(), not self.themes_read)

    @work(thread=True, exclusive=True, group="lists")
    def read_lists(self, number: int, order: list[str], chosen: Filter,
                   group_id: str | None, today: dt.date, with_themes: bool) -> None:
        from livinglab.memory.evaluation import course

        worker = get_current_worker()
        try:
            with Store(self.app.store.path, read_only=True) as store:
                # The list in view as soon as it is read, the others together after it
                # (each list shown apart laid the screen out five times).
                for kinds in (order[:1], order[1:]):
                    found = {kind: page(store, kind, chosen, today) for kind in kinds}
                    if worker.is_cancelled:
                        return
                    self.app.call_from_thread(self.when_shown, self.show_lists, number, found)
                if with_themes:
                    self.app.call_from_thread(self.when_shown, self.offer_themes,
                                              themes(store))
                groups = meeting_queries.groups(store)
                group_id = group_id or (groups[0].id if groups else None)
                found = course(store, group_id) if group_id else None
        except StoreError as e:
            self.app.call_from_thread(self.notify, str(e), severity="error", markup=False)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.when_shown, self.show_course, number, groups,
                                      group_id, found)

    def show_lists(self, number: int, lists: dict[str, list]) -> None:
        if number != self.reads or not self.is_attached:
            return  # a read asked for later is on its way (or the screen was left)
        for kind, items in lists.items():
            self.items[kind] = items
            table = self.query_one(f"#list-{kind}", DataTable)
            table.clear()
            self.add_rows(kind, items, 0)
            title = dict(TABS)[kind]
            tab = self.query_one("#knowledge-tabs", TabbedContent).get_tab(f"tab-{kind}")
            tab.label = f"{_(title)} ({items.total})"
            if kind == self.active_kind():
                self.show_detail(kind, table.cursor_row if table.row_count else None)

    def offer_themes(self, found: list[str]) -> None:
        """The theme filter's options, once read."""
        if not self.is_attached or self.themes_read:
            return
        self.themes_read = True
        with self.prevent(Select.Changed):  # none was chosen yet: no new read
            self.query_one("#filter-theme", Select).set_options([(plain(t), t) for t in found])

    def add_rows(self, kind: str, items: list, start: int) -> None:
        table = self.query_one(f"#list-{kind}", DataTable)
        for n, item in enumerate(items, start):
            about = Text(item.detail)
            if item.overdue:
                about = Text("! ", style="bold") + about
            table.add_row(format_date(item.date),
                          plain(shortened(item.text)), about, plain(item.group_name),
                          key=str(n))

    # A list holds a page (knowledge.PAGE rows) at first; the cursor on its last row reads
    # the next page, in a thread, and adds it below.

    def read_more_of(self, kind: str, index: int) -> None:
        shown = self.items.get(kind)
        if shown is None or index < len(shown) - 1 or len(shown) >= shown.total:
            return
        self.read_more(self.reads, kind, self.current_filter(), self.app.today(), len(shown))

    @work(thread=True, exclusive=True, group="more")
    def read_more(self, number: int, kind: str, chosen: Filter, today: dt.date,
                  offset: int) -> None:
        try:
            with Store(self.app.store.path, read_only=True) as store:
                found = page(store, kind, chosen, today, offset=offset)
        except StoreError as e:
            self.app.call_from_thread(self.notify, str(e), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_more, number, kind, offset, found)

    def show_more(self, number: int, kind: str, offset: int, found: list) -> None:
        if (number != self.reads or not self.is_attached
                or len(self.items.get(kind, ())) != offset):
            return  # the filters changed, or this page came already
        self.items[kind].extend(found)
        self.add_rows(kind, found, offset)

    def show_course(self, number: int, groups: list, group_id: str | None, found) -> None:
        """The chosen group's course (the first group when none is chosen) as sparklines."""
        from livinglab.memory.evaluation import DOMAINS, SCORE_SCALE, TIME_SCALE, sparkline

        if number != self.reads or not self.is_attached:
            return
        labels = {key: pick(label) for key, label in DOMAINS.items()}
        labels |= {"rating": _("Session rating"), "time": _("Time used (1 = as planned)")}
        for key in COURSE_ROWS:
            points = [] if found is None else (
                found.domains[key] if key in DOMAINS else
                found.ratings if key == "rating" else found.time_used)
            values = [p.value for p in points]
            last = f"{values[-1]:.1f}" if values else "-"
            group = next((g.name for g in groups if g.id == group_id), "")
            self.query_one(f"#course-{key}-label", Plain).update(
                f"{labels[key]}: {last} ({len(values)}) · {group}")
            # One bar a meeting on the chart's own scale, as `livinglab course` draws it
            # (a stretched chart drew one meeting's 0.0 as a full bar); the latest that fit.
            self.query_one(f"#course-{key}", Plain).update(sparkline(
                values[-COURSE_WIDTH:], *(TIME_SCALE if key == "time" else SCORE_SCALE)))

    def active_kind(self) -> str:
        return (self.query_one("#knowledge-tabs", TabbedContent).active or "tab-lesson")[4:]

    def focus_list(self, kind: str) -> None:
        # At once (Screen.set_focus), not as Widget.focus does, after the keys already
        # queued: a right pressed as the screen opens lands in the list it shows.
        self.set_focus(self.query_one("#course" if kind == "course" else f"#list-{kind}"))

    def show_detail(self, kind: str, index: int | None) -> None:
        detail = self.query_one("#knowledge-detail", Plain)
        if kind not in self.items:
            detail.update(_("Busy: reading the list…"))
            return
        items = self.items[kind]
        if index is None or index >= len(items):
            detail.update(_("Nothing here yet.") if not items else "")
            return
        item = items[index]
        # The id's start: what `livinglab share` and the other commands take.
        where = " · ".join(p for p in (item.group_name, item.session_title,
                                       format_date(item.date), short_id(item.id))
                           if p)
        text = item.text
        if kind == "precedent":
            p = item.extra["precedent"]
            text = "\n".join(filter(None, [
                p.dilemma, _("Values: {values}").format(values=", ".join(p.values))
                if p.values else "", _("Chosen: {choice}").format(choice=p.choice)
                if p.choice else "", _("Why: {why}").format(why=p.why) if p.why else ""]))
        elif kind == "slow-question":
            where = f"{where} · {item.detail}"  # its status, and whether it goes to the region
            if item.extra["left_open"]:  # what its last meeting on it left open
                text += "\n" + _("Left open: {items}").format(
                    items="; ".join(item.extra["left_open"]))
        detail.update(f"{where}\n{text}")

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # e edits on the slow questions' list only
        kind = self.active_kind()
        if kind == "course":
            self.query_one("#knowledge-detail", Plain).update(
                _("The group's course, oldest meeting on the left."))
            return
        table = self.query_one(f"#list-{kind}", DataTable)
        self.show_detail(kind, table.cursor_row if table.row_count else None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Filling the lists highlights each list's first row: only the list in view counts.
        if event.data_table.id != f"list-{self.active_kind()}":
            return
        if event.row_key is not None and event.row_key.value is not None:
            self.show_detail(event.data_table.id[5:], int(event.row_key.value))
            self.read_more_of(event.data_table.id[5:], int(event.row_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        items = self.items.get(event.data_table.id[5:])
        if not items:  # read anew meanwhile (a filter changed): its rows are on their way
            return
        item = items[int(event.row_key.value)]
        if item.session_id:
            from .minutes_preview import MinutesScreen

            # The minutes open where the item is written (its first words), marked.
            self.app.push_screen(MinutesScreen(item.session_id, find=item.text, phrase=True))
        else:
            self.notify(_("This item belongs to no meeting."))

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "edit_question":
            return self.active_kind() == "slow-question"  # shown on that list only
        return True

    def action_edit_question(self) -> None:
        from ..widgets.question import QuestionDialog
        from livinglab.memory.questions import revise_question
        from livinglab.models import SlowQuestion

        table = self.query_one("#list-slow-question", DataTable)
        items = self.items.get("slow-question", [])
        if self.active_kind() != "slow-question" or not items:
            return
        # The list holds a question's last page; the dialog shows every page.
        question = self.app.store.get(SlowQuestion, items[table.cursor_row].id)
        if question is None:
            return
        titles = {s.id: s.title for s in meeting_queries.sessions_by_id(
            self.app.store, [w.session_id for w in question.history]).values()}

        def revised(answer: dict | None) -> None:
            if answer is None:
                return
            try:
                revise_question(self.app.store, question.id, **answer)
            except (StoreError, ValueError, LookupError) as e:
                self.notify(str(e), severity="error", markup=False)
                return
            self.notify(_("The slow question is changed."))
            self.refresh_lists()

        self.app.push_screen(QuestionDialog(question, titles), revised)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_lists()

    def action_clear_filters(self) -> None:
        for name in ("group", "theme", "municipality", "period"):
            self.query_one(f"#filter-{name}", Select).clear()
        self.refresh_lists()

    def action_other_list(self, step: int) -> None:
        kinds = [kind for kind, _title in TABS] + ["course"]
        kind = kinds[(kinds.index(self.active_kind()) + step) % len(kinds)]
        self.query_one("#knowledge-tabs", TabbedContent).active = f"tab-{kind}"
        self.focus_list(kind)

    def action_back(self) -> None:
        self.app.pop_screen()
