"""Word minutes: read back with python-docx, the same headings and table rows as the Markdown."""

from __future__ import annotations

import stat
import subprocess
import sys

import docx
from markdown_it import MarkdownIt

from livinglab.minutes import render_minutes
from livinglab.storage.store import Store

from conftest import run_cli as run
from test_minutes import build_meeting


def markdown_parts(text: str) -> tuple[list[str], list[list[str]]]:
    """The headings and the table rows (non-empty) of Markdown, as plain text."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    plain = lambda t: "".join(c.content for c in t.children or [] if c.content)  # noqa: E731
    headings = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    rows, row = [], []
    for i, t in enumerate(tokens):
        if t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            row.append(plain(tokens[i + 1]).strip())
        elif t.type == "tr_close" and any(row):
            rows.append(row)
    return headings, rows


def docx_parts(path) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs
                if p.style.name.startswith("Heading") or p.style.name == "Title"]
    rows = [[cell.text.strip() for cell in row.cells]
            for table in document.tables for row in table.rows]
    return headings, rows


def test_the_word_minutes_hold_the_same_headings_and_tables(capsys, library_store, methods,
                                                             db_path, tmp_path):
    session, _values = build_meeting(library_store, methods)
    library_store.close()
    out = tmp_path / "notulen.docx"
    code, _out, err = run(capsys, "--db", str(db_path), "export", session.id[:8], "-o",
                          str(out), "--format", "docx", "--lang", "nl")
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    markdown = render_minutes(Store(db_path), session.id, methods, lang="nl")
    want_headings, want_rows = markdown_parts(markdown)
    got_headings, got_rows = docx_parts(out)
    assert got_headings == want_headings
    assert got_rows == want_rows
    # The parts a secretary looks for are there, as tables.
    assert ["Voorzitter", "Anouk Visser"] in got_rows
    assert ["1", "Meneer K. meldt zelf, Sander gaat mee"] in got_rows
    assert ["2", "Gesprek met meneer K. over melden", "Sander", "02-12-2026", "open"] in got_rows
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Concept" in body


def test_the_shareable_word_minutes_hold_no_names(capsys, library_store, methods, db_path,
                                                 tmp_path):
    session, _values = build_meeting(library_store, methods)
    library_store.close()
    out = tmp_path / "deelbaar.docx"  # the suffix chooses Word without --format
    code, _out, err = run(capsys, "--db", str(db_path), "export", session.id, "-o", str(out),
                          "--shareable", "--pseudonymise")
    assert code == 0, err
    document = docx.Document(str(out))
    text = "\n".join([p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "Anouk" not in text and "Visser" not in text
    assert "Meneer K." not in text and "meneer K." not in text  # the client, pseudonymised
    assert "Shareable version" in text


def test_word_needs_a_file_to_write(capsys, library_store, methods, db_path):
    session, _values = build_meeting(library_store, methods)
    library_store.close()
    code, _out, err = run(capsys, "--db", str(db_path), "export", session.id, "--format", "docx")
    assert code == 2 and "-o FILE.docx" in err


def test_starting_the_cli_does_not_load_python_docx():
    code = ("import sys; from livinglab.commands.group import build_cli; build_cli(); "
            "import livinglab.minutes; print('docx' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_a_file_in_a_missing_folder_is_named_with_the_reason_in_the_users_language(
        capsys, library_store, methods, db_path, tmp_path):
    session, _values = build_meeting(library_store, methods)
    library_store.close()
    for lang, reason in (("en", "no such file or folder"), ("nl", "bestand of map bestaat niet")):
        out = tmp_path / "weg" / f"notulen-{lang}.docx"
        code, _out, err = run(capsys, "--db", str(db_path), "--lang", lang, "export",
                              session.id, "-o", str(out))
        assert code == 1 and str(out) in err and err.endswith(f": {reason}\n"), err
        assert not out.parent.exists()


def test_the_word_minutes_are_a4_with_a_header_page_numbers_and_properties(
        capsys, library_store, methods, db_path, tmp_path):
    session, _values = build_meeting(library_store, methods)
    library_store.close()
    out = tmp_path / "notulen.docx"
    code, _out, err = run(capsys, "--db", str(db_path), "export", session.id, "-o", str(out),
                          "--lang", "nl")
    assert code == 0, err
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    header = section.header.paragraphs[0].text
    assert header == "Wijkteam Havenkwartier · Notulen: Moreel beraad november · Concept"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Pagina ") and " van " in footer.text
    fields = [t.text.strip() for t in footer._p.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")]
    assert fields == ["PAGE", "NUMPAGES"]  # Word numbers the pages itself
    properties = document.core_properties
    assert properties.title == "Notulen: Moreel beraad november"
    assert properties.subject == "Wijkteam Havenkwartier"
    assert properties.author.startswith("livinglab") and "python-docx" not in properties.author


def page_setup(path):
    """What Word shows around the text of every page: size and margins in mm, header and
    footer text, the footer's fields, and the document properties."""
    document = docx.Document(str(path))
    sections = [(round(s.page_width.mm), round(s.page_height.mm), round(s.left_margin.mm),
                 round(s.right_margin.mm), round(s.top_margin.mm), round(s.bottom_margin.mm),
                 s.header.paragraphs[0].text, s.footer.paragraphs[0].text,
                 [t.text.strip() for t in s.footer.paragraphs[0]._p.iter(
                     "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")])
                for s in document.sections]
    return sections, document.core_properties


def test_approved_minutes_say_vastgesteld_in_the_header_and_properties(library_store, methods,
                                                                       clock, tmp_path):
    from livinglab.minutes.docx import write_docx
    from test_approval import approved

    first, _second = approved(library_store, methods, clock)
    path = tmp_path / "vastgesteld.docx"
    write_docx(path, render_minutes(library_store, first.id, methods, lang="nl"), lang="nl")
    sections, properties = page_setup(path)
    status = "Vastgesteld op 9 december 2026"
    for section in sections:  # every page: A4, Dutch margins, header, numbered footer
        assert section[:6] == (210, 297, 25, 25, 20, 20)
        assert section[6] == f"Wijkteam Havenkwartier · Notulen: Overleg 2026-11-25 · {status}"
        assert section[7].startswith("Pagina ") and section[8] == ["PAGE", "NUMPAGES"]
    assert properties.comments == status and "Concept" not in section[6]
    assert properties.title == "Notulen: Overleg 2026-11-25"
    assert properties.subject == "Wijkteam Havenkwartier"
    assert properties.last_modified_by == properties.author
    assert properties.author.startswith("livinglab ")


def test_shareable_word_minutes_name_nobody_around_the_text(capsys, library_store, methods,
                                                            db_path, tmp_path):
    """The header, footer and properties of the shareable version carry the group and the
    meeting but no person: a shared file shows its properties to whoever opens it."""
    session, _values = build_meeting(library_store, methods)
    library_store.close()
    out = tmp_path / "deelbaar.docx"
    code, _out, err = run(capsys, "--db", str(db_path), "--lang", "en", "export", session.id,
                          "-o", str(out), "--shareable", "--pseudonymise")
    assert code == 0, err
    sections, properties = page_setup(out)
    [(width, height, *_margins, header, footer, fields)] = sections
    assert (width, height) == (210, 297)
    assert header.startswith("Wijkteam Havenkwartier · Minutes: Moreel beraad november · ")
    assert footer.startswith("Page ") and " of " in footer and fields == ["PAGE", "NUMPAGES"]
    around = " ".join([header, footer, properties.title, properties.subject,
                       properties.comments, properties.author, properties.last_modified_by,
                       properties.keywords])
    for name in ("Anouk", "Visser", "Bram", "Sander", "Yasmina", "Karin"):
        assert name not in around, name
