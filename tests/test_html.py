"""HTML minutes: one standalone page made from the Markdown, the same headings and table
rows; user text stays text, never markup."""

from __future__ import annotations

import stat
from html.parser import HTMLParser

from livinglab.live.workshop import Workshop
from livinglab.minutes import render_minutes
from livinglab.storage.store import Store

from conftest import FakeClock, plan_dilemma_meeting, run_cli as run
from test_docx import markdown_parts
from test_minutes import build_meeting

TYPED = '<script>alert("notulen")</script> & <b>vet</b> <img src=x onerror=alert(1)>'


class Page(HTMLParser):
    """What a browser would make of the page: its elements, title, headings, table rows
    and text."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.title = ""
        self.headings: list[str] = []
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self._row: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._open.append(tag)
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = []
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()
        if tag in ("h1", "h2", "h3", "h4") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
        elif tag in ("th", "td") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and any(self._row):
            self.rows.append(self._row)

    def handle_data(self, data):
        if self._open[-1:] == ["title"]:
            self.title += data
        for part in (self._heading, self._cell):
            if part is not None:
                part.append(data)
        self.text.append(data)


def read_page(path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    return page


def test_the_html_minutes_hold_the_same_headings_and_tables(capsys, library_store, methods,
                                                             db_path, tmp_path):
    session, _values = build_meeting(library_store, methods)
    library_store.close()
    out = tmp_path / "notulen"  # a name that says no format: --format chooses
    code, _out, err = run(capsys, "--db", str(db_path), "export", session.id[:8], "-o",
                          str(out), "--format", "html", "--lang", "nl")
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes().decode("utf-8")  # UTF-8, and says so
    assert raw.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in raw
    assert '<html lang="nl">' in raw and "border: 1px solid" in raw
    page = read_page(out)
    assert page.title == "Notulen: Moreel beraad november"
    markdown = render_minutes(Store(db_path), session.id, methods, lang="nl")
    want_headings, want_rows = markdown_parts(markdown)
    assert page.headings == want_headings
    assert page.rows == want_rows
    assert ["Voorzitter", "Anouk Visser"] in page.rows
    assert {"table", "th", "td", "style"} <= set(page.tags)
    assert "script" not in page.tags


def test_a_script_typed_into_a_field_comes_out_as_text(capsys, library_store, methods,
                                                       db_path, tmp_path):
    session = plan_dilemma_meeting(library_store, methods)
    workshop = Workshop(library_store, session.id, methods, clock=FakeClock())
    workshop.start()
    workshop.go_to_item(workshop.items[1].id)
    workshop.set_value("conclusion", TYPED)
    workshop.add_decision(TYPED)
    workshop.finish()
    library_store.close()
    out = tmp_path / "deelbaar.html"  # the name chooses HTML without --format
    code, _out, err = run(capsys, "--db", str(db_path), "export", session.id, "-o", str(out),
                          "--lang", "en")
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = read_page(out)
    assert not {"script", "b", "img"} & set(page.tags)
    assert "<script" not in out.read_text("utf-8")
    text = "".join(page.text)
    assert text.count(TYPED) >= 2  # the conclusion and the decision (twice), as typed
    assert page.title == "Minutes: Moreel beraad november"


def test_html_needs_a_file_to_write(capsys, library_store, methods, db_path):
    session = plan_dilemma_meeting(library_store, methods)
    library_store.close()
    code, _out, err = run(capsys, "--db", str(db_path), "export", session.id, "--format", "html")
    assert code == 2 and "-o FILE.html" in err
