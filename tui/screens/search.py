"""Search: one field, and everything the groups said that matches it, best first.

The search runs in a thread once typing pauses (`DEBOUNCE`): over a large archive one
query takes a good part of a second, and on the screen's own thread every key waited for
it. The thread opens the database read-only for the one query (its own connection: SQLite
connections are not shared between threads), and only the newest search's hits are shown.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header
from textual.worker import get_current_worker

from livinglab.i18n import N_, _, format_date
from livinglab.storage.search import (KINDS, hit_heading, kind_label, plain_snippet,
                                      query_words, snippet_parts)
from livinglab.storage.store import Store, StoreError

from ..widgets.keybar import KeyBar
from ..widgets.text import LineInput, Plain
from .base import LabScreen

LIMIT = 100
DEBOUNCE = 0.15  # seconds: a search starts once typing pauses this long


def highlighted(snippet: str, width: int = 54) -> Text:
    """A snippet on one line with the found words in bold: styles, never markup."""
    text = Text(no_wrap=True)
    for piece, found in snippet_parts(" ".join(snippet.split())):
        text.append(piece, style="bold reverse" if found else "")
    text.truncate(width, overflow="ellipsis")
    return text


class SearchScreen(LabScreen):
    AUTO_FOCUS = "#query"  # typed on at once after the key that opened it
    HELP = N_("Type words to find them in everything the groups said: cases, every captured "
              "field, decisions, actions, notes, lessons, slow questions and precedents. A "
              "word is found by its start and inside longer words; a result holds every word "
              "typed. **down** or **enter** goes to the results, **enter** on a result "
              "opens the minutes of its meeting, and typing goes on in the search field. "
              "**ctrl+t** shows one kind of result at a time, **escape** goes back.")
    CSS = """
    #query { margin: 0 1; }
    #search-summary { height: 1; padding: 0 2; color: $text-muted; }
    #results { height: 1fr; }
    #search-detail { height: 5; padding: 0 1; background: $surface; }
    """
    BINDINGS = [
        Binding("ctrl+t", "next_kind", N_("Kind"), priority=True,
                tooltip=N_("Show one kind of result at a time, or all")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, query: str = ""):
        super().__init__()
        self.initial = query
        self.kind: str | None = None
        self.hits = []
        self.searches = 0  # searches asked for: only the newest one's hits are shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield LineInput(self.initial, placeholder=_("Search for…"), id="query")
        yield Plain("", id="search-summary")
        yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Plain("", id="search-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Search")
        table = self.query_one("#results", DataTable)
        table.add_columns(_("Kind"), _("Date"), _("Found"))
        self.query_one("#query").focus()
        self.run_search()

    def on_input_changed(self, event: LineInput.Changed) -> None:
        self.run_search()

    def on_input_submitted(self, event: LineInput.Submitted) -> None:
        self.focus_results()

    def on_key(self, event) -> None:
        query = self.query_one("#query", LineInput)
        if self.focused is query:
            if event.key == "down":
                event.stop()
                self.focus_results()
            return
        # Typing with the results focused goes on in the field: a walker typed a new
        # query there, and enter then opened a hit whose minutes took the letters as keys.
        if event.is_printable or event.key == "backspace":
            event.stop()
            event.prevent_default()
            query.focus()
            query.cursor_position = len(query.value)
            if event.key == "backspace":
                query.action_delete_left()
            else:
                query.insert_text_at_cursor(event.character)

    def focus_results(self) -> None:
        table = self.query_one("#results", DataTable)
        if table.row_count:
            table.focus()

    def run_search(self) -> None:
        """Search for the words typed, in a thread; nothing typed: said at once."""
        text = self.query_one("#query", LineInput).value
        self.searches += 1
        if not text.strip():
            self.show_hits(self.searches, text, [])
            return
        self.search_in_thread(self.searches, text, self.kind)

    @work(thread=True, exclusive=True, group="search")
    def search_in_thread(self, number: int, text: str, kind: str | None) -> None:
        time.sleep(DEBOUNCE)
        worker = get_current_worker()
        if worker.is_cancelled:  # typed on: a newer search replaces this one
            return
        try:
            with Store(self.app.store.path, read_only=True) as store:
                hits = store.search(text, [kind] if kind else (), limit=LIMIT)
            for hit in hits:  # made here, not on the screen's thread: the table lists all
                hit.snippet  # noqa: B018 - a hit makes its snippet when it is read
        except StoreError as e:
            self.app.call_from_thread(self.notify, str(e), severity="error", markup=False)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_hits, number, text, hits)

    def show_hits(self, number: int, text: str, hits: list) -> None:
        if number != self.searches or not self.is_attached:
            return  # a search asked for later is on its way (or the screen was left)
        self.hits = hits
        table = self.query_one("#results", DataTable)
        table.clear()
        for n, hit in enumerate(self.hits):
            table.add_row(Text(kind_label(hit.kind)), Text(format_date(hit.date)),
                          highlighted(hit.snippet), key=str(n))
        kind = _("all kinds") if self.kind is None else _(KINDS[self.kind])
        if not text.strip():
            summary = _("Type a word to search ({kind}).").format(kind=kind)
        elif not self.hits and len(query_words(text)) > 1:  # every word must be in a result
            summary = (_("Nothing holds all of {query}; fewer words find more.")
                       .format(query=text.strip()) + f" ({kind})")
        elif not self.hits:
            summary = _("Nothing found for {query}.").format(query=text.strip()) + f" ({kind})"
        else:
            summary = _("{count} found ({kind})").format(count=len(self.hits), kind=kind)
        self.query_one("#search-summary", Plain).update(summary)
        self.show_detail(0 if self.hits else None)

    def show_detail(self, index: int | None) -> None:
        detail = self.query_one("#search-detail", Plain)
        if index is None or index >= len(self.hits):
            detail.update("")
            return
        hit = self.hits[index]
        detail.update(f"{hit_heading(hit)}\n{' '.join(plain_snippet(hit.snippet).split())}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self.show_detail(int(event.row_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        hit = self.hits[int(event.row_key.value)]
        if hit.session_id:
            from .minutes_preview import MinutesScreen

            # The minutes open at the hit, marked, n / N to the other places.
            self.app.push_screen(MinutesScreen(
                hit.session_id, find=self.query_one("#query", LineInput).value,
                near=hit.snippet))
        else:
            self.notify(_("This result belongs to no meeting."))

    def action_next_kind(self) -> None:
        kinds = [None, *KINDS]
        self.kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)]
        self.run_search()

    def action_back(self) -> None:
        self.app.pop_screen()
