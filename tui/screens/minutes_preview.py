"""The minutes, previewed as they will be saved; full or shareable.

Shareable minutes leave the group, so before they are saved the personal data found in
them is listed with its place, and the user pseudonymises, saves anyway, or cancels. The
group's own full minutes, meant to hold names, get a short notice instead.

Rendering shareable minutes and checking them scan every text of the meeting: both run in
a thread (issue 24), with "bezig…" on screen, so that the screen answers keys meanwhile;
a result that a later key made stale is dropped.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Markdown
from textual.widgets.markdown import MarkdownBlock
from textual.worker import get_current_worker

from livinglab.i18n import N_, _, language
from livinglab.meeting import queries as meeting_queries
from livinglab.meeting.region import NO_REGION_APP
from livinglab.minutes import default_file_name, render_minutes, write_minutes_file
from livinglab.minutes.shareable import ShareableMinutes, shareable_minutes
from livinglab.storage.search import MARK_END, MARK_START
from livinglab.storage.store import Store, StoreError
from livinglab.text.find import find_phrase, find_words, hit_near, marked
from livinglab.text.personal import PLACEHOLDERS, LineFinding, hide

from ..widgets.dialogs import LabModal
from ..widgets.keybar import KeyBar
from ..widgets.text import Plain
from .base import LabScreen
from livinglab.models import Group, Session

PSEUDONYMISE, KEEP = "pseudonymise", "keep"


class PersonalDataDialog(LabModal):
    """The findings in shareable minutes, each with its line; answers PSEUDONYMISE, KEEP
    or None (cancel)."""

    # No letter keys: a walker pressed s and typed the file's folder at once, and its p
    # answered this question unseen (an s would have kept the personal data). Enter on
    # the focused button answers, pseudonymising first.
    BINDINGS = [
        Binding("escape", "answer('')", N_("Cancel")),
    ]
    DEFAULT_CSS = """
    PersonalDataDialog #findings { height: auto; max-height: 8; border: round $warning; }
    """

    def __init__(self, findings: list[LineFinding], lang: str, region_told: bool = True):
        super().__init__()
        self.findings = findings
        self.labels = PLACEHOLDERS.get(lang, PLACEHOLDERS["en"])
        self.region_told = region_told

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(_("The shareable minutes hold personal data ({count} findings). "
                          "Replace it by placeholders before saving?").format(
                              count=len(self.findings)), classes="question")
            if not self.region_told:  # why the group's own places are among them
                yield Plain(_(NO_REGION_APP), id="no-region")
            with VerticalScroll(id="findings"):
                for line, finding in self.findings:
                    yield Plain(_("line {line}: {kind}: {text}").format(
                        line=line, kind=self.labels[finding.kind], text=hide(finding.text)))
            with Horizontal(classes="buttons"):
                yield Button(_("Pseudonymise"), variant="primary", id=PSEUDONYMISE)
                yield Button(_("Save anyway"), variant="warning", id=KEEP)
                yield Button(_("Cancel"), id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(f"#{PSEUDONYMISE}").focus()

    @on(Button.Pressed, f"#{PSEUDONYMISE}")
    def pseudonymise_pressed(self) -> None:
        self.action_answer(PSEUDONYMISE)

    @on(Button.Pressed, f"#{KEEP}")
    def keep_pressed(self) -> None:
        self.action_answer(KEEP)

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_answer("")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer if answer in (PSEUDONYMISE, KEEP) else None)


class MinutesScreen(LabScreen):
    HELP = N_("The minutes as Markdown. **s** saves them to a file (it asks before "
             "overwriting one); **t** switches between the full minutes for the group and "
             "the shareable ones, with roles instead of names, placeholders for other "
             "personal data and no case details. Before shareable minutes are saved, the "
             "personal data found in them is listed: **enter** pseudonymises it, **tab** goes to "
             "save anyway and cancel, **escape** cancels. "
             "Opened from a search or the knowledge screen, the minutes show what was found "
             "marked: **n** goes to the next place, **N** (shift+n) to the one before.")
    CSS = """
    #minutes { padding: 0 1; }
    #minutes-busy { padding: 0 1; color: $warning; }
    #found { height: auto; padding: 0 1; background: $warning 20%; display: none; }
    #found.shown { display: block; }
    MinutesScreen MarkdownBlock.hit { background: $warning 15%; }
    """
    BINDINGS = [
        Binding("s", "save", N_("Save")),
        Binding("t", "toggle_shareable", N_("Full / shareable")),
        Binding("n", "other_hit(1)", N_("Next found")),
        Binding("N", "other_hit(-1)", N_("Previous found"), key_display="N"),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, session_id: str, folder: Path | None = None, find: str = "",
                 phrase: bool = False, near: str = ""):
        """`find`: the words a search typed (each one found), or with `phrase` the text of
        an item (a lesson, a slow question) found as a run of its words. `near`: the
        search result's snippet, so the minutes open at the place that result showed."""
        super().__init__()
        self.session_id = session_id
        self.shareable = False
        self.folder = folder or Path.cwd()
        self.find, self.phrase, self.near = find.strip(), phrase, near
        self.hits: list = []
        self.hit = 0
        self.shown: str | None = None  # the minutes on screen, once rendered
        # Each render and each check asked for: only the last one's result counts.
        self.renders = self.checks = 0
        self.region_told = True  # of the last check: whether the group's region is known

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain("", id="minutes-busy")
        yield Plain("", id="found")
        with VerticalScroll(id="minutes"):
            yield Markdown(id="minutes-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#minutes").focus()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "other_hit":
            return bool(self.hits)  # the keys show only when something was found
        return True

    def busy(self, what: str = "") -> None:
        """Say what runs in the background ("" when nothing does)."""
        label = self.query_one("#minutes-busy", Plain)
        label.update(what)
        label.display = bool(what)

    def show(self) -> None:
        self.sub_title = _("Shareable minutes") if self.shareable else _("Minutes")
        self.shown = None
        self.renders += 1
        self.checks += 1  # a check of the other variant is no longer wanted
        self.busy(_("Busy: writing the minutes…"))
        self.query_one("#minutes-text", Markdown).update("")
        self.render_in_thread(self.renders, self.shareable)

    @work(thread=True, exclusive=True, group="minutes-render")
    def render_in_thread(self, asked: int, shareable: bool) -> None:
        worker = get_current_worker()
        try:
            with Store(self.app.store.path, read_only=True) as store:
                text = render_minutes(store, self.session_id, self.app.methods,
                                      shareable=shareable)
        except StoreError as e:
            self.app.call_from_thread(self.failed, ("render", asked), str(e))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.rendered, asked, text)

    def current(self, what: tuple[str, int]) -> bool:
        """Whether a result is still wanted: no key asked for another since."""
        kind, asked = what
        latest = self.renders if kind == "render" else self.checks
        return asked == latest and self.is_attached

    def failed(self, what: tuple[str, int], message: str) -> None:
        if self.current(what):
            self.busy()
            self.notify(message, severity="error", markup=False)

    def rendered(self, asked: int, text: str) -> None:
        if not self.current(("render", asked)):
            return
        self.shown = text
        self.busy()
        if self.find:
            self.hits = (find_phrase if self.phrase else find_words)(text, self.find)
            if self.near:  # once: the place the search result showed
                self.hit = hit_near(text, self.hits, self.near, (MARK_START, MARK_END))
                self.near = ""
            self.hit = min(self.hit, max(len(self.hits) - 1, 0))
            text = marked(text, self.hits)
        self.refresh_bindings()
        shown = self.query_one("#minutes-text", Markdown).update(text)
        if self.find:
            self.call_later(self.show_hit, shown)

    async def show_hit(self, shown=None) -> None:
        """The current hit's block marked and scrolled to the top, and where it is."""
        if shown is not None:
            await shown  # the blocks of the new text are in place
        found = self.query_one("#found", Plain)
        found.set_class(True, "shown")
        words = " ".join(self.find.split())
        words = words if len(words) <= 40 else words[:39].rstrip() + "…"  # one line at 80
        if not self.hits:
            found.update(_("“{words}” is not in these minutes.").format(words=words))
            return
        found.update(_("Found {n} of {count}: “{words}” · n next · N previous").format(
            n=self.hit + 1, count=len(self.hits), words=words))
        line = self.hits[self.hit].line
        blocks = [b for b in self.query(MarkdownBlock)
                  if b.source_range[0] <= line < b.source_range[1]]
        for block in self.query(".hit"):
            block.remove_class("hit")
        if blocks:
            block = min(blocks, key=lambda b: b.source_range[1] - b.source_range[0])
            block.add_class("hit")
            start, end = block.source_range
            self.call_after_refresh(self.scroll_to_block, block, (line - start) / (end - start))

    def scroll_to_block(self, block, part: float) -> None:
        """Once the blocks have their places: the hit's line near the top. Within a block
        (a long table's row, wrapped over several lines) by its share of the source."""
        scroller = self.query_one("#minutes")
        top = block.region.y - scroller.region.y + scroller.scroll_y
        scroller.scroll_to(y=max(top + int(part * block.region.height) - 2, 0),
                           animate=False)

    async def action_other_hit(self, step: int) -> None:
        if self.hits:
            self.hit = (self.hit + step) % len(self.hits)
            await self.show_hit()

    def action_toggle_shareable(self) -> None:
        self.shareable = not self.shareable
        self.show()

    def action_save(self) -> None:
        if not self.shareable:
            if self.shown is None:
                self.notify(_("Busy: writing the minutes…"), markup=False)
                return
            self.ask_path(self.shown)
            return
        self.checks += 1
        self.busy(_("Busy: checking the shareable minutes for personal data…"))
        self.check_in_thread(self.checks)

    @work(thread=True, exclusive=True, group="minutes-check")
    def check_in_thread(self, asked: int) -> None:
        worker = get_current_worker()
        try:
            with Store(self.app.store.path, read_only=True) as store:
                check = shareable_minutes(store, self.session_id, self.app.methods)
        except StoreError as e:
            self.app.call_from_thread(self.failed, ("check", asked), str(e))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.checked, asked, check)

    def checked(self, asked: int, check: ShareableMinutes) -> None:
        if not self.current(("check", asked)):
            return
        self.region_told = check.region_told
        self.busy("" if self.shown is not None else _("Busy: writing the minutes…"))
        if not check.findings:
            self.ask_path(check.text)
            return

        def chosen(answer: str | None) -> None:
            if answer == PSEUDONYMISE:
                self.checks += 1
                self.busy(_("Busy: replacing personal data by placeholders…"))
                self.pseudonymise_in_thread(self.checks, check)
            elif answer:
                self.ask_path(check.text)

        self.app.push_screen(PersonalDataDialog(check.findings, language(), check.region_told),
                             chosen)

    @work(thread=True, exclusive=True, group="minutes-check")
    def pseudonymise_in_thread(self, asked: int, check: ShareableMinutes) -> None:
        worker = get_current_worker()
        text = check.pseudonymised()
        if not worker.is_cancelled:
            self.app.call_from_thread(self.pseudonymised, asked, text)

    def pseudonymised(self, asked: int, text: str) -> None:
        if self.current(("check", asked)):
            self.busy("" if self.shown is not None else _("Busy: writing the minutes…"))
            self.ask_path(text)

    def ask_path(self, text: str) -> None:
        from ..widgets.save_file import save_to_file

        session = self.app.store.get(Session, self.session_id)
        group = self.app.store.get(Group, session.group_id)
        same_day = meeting_queries.same_day(self.app.store, session)
        default = self.folder / default_file_name(session, group, self.shareable,
                                                  same_day=same_day)
        save_to_file(self, _("Save the minutes as:"), default, lambda: text,
                     write_minutes_file,  # by the name's ending: .docx is a Word file
                     _("Minutes written to {path}"), self.written)

    def written(self, path: Path) -> None:
        from livinglab.storage.written import MINUTES, SHAREABLE_MINUTES, record_written

        record_written(self.app.store, path, SHAREABLE_MINUTES if self.shareable else MINUTES)
        if not self.shareable:
            self.notify(_("These minutes name people and may hold other personal data: "
                          "keep them within the group."), markup=False)
        elif not self.region_told:
            self.notify(_(NO_REGION_APP), markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
