"""Minutes as a Word file: the same content as the Markdown, because secretaries send .docx.

The Word document is made from the rendered Markdown, so the two never drift apart:
headings stay headings, the header, decision and action lists stay tables, lists stay
lists, bold and italic stay so. python-docx is imported here only, when a .docx is
written: starting the app or the CLI does not pay for it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from markdown_it import MarkdownIt


# What XML 1.0 cannot hold: controls other than tab and line ends, lone surrogates,
# U+FFFE and U+FFFF. lxml refuses a document with any of them; the minutes drop them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters a Word file (XML) cannot hold."""
    return NOT_XML.sub("", text)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _add_inline(paragraph, token) -> None:
    """The runs of one inline token: text with bold, italic and line breaks kept."""
    bold = italic = False
    for child in token.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run().add_break()
        elif child.content:
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold or None, italic or None


def _inline_text(token) -> str:
    return "".join(c.content for c in token.children or [] if c.content)


def markdown_to_document(markdown: str, lang: str | None = None):
    """A python-docx Document with the content of the minutes' Markdown; its page footer
    in `lang`, the minutes' language (the interface's by default)."""
    import docx  # python-docx: only here

    document = docx.Document()
    tokens = _parser().parse(xml_text(markdown))  # every text below comes from here
    _set_up_pages(document, front_matter(tokens), lang)
    list_styles: list[str] = []
    table_rows: list[tuple[bool, list]] = []  # (is header row, cells' inline tokens)
    row: list = []
    in_header = False
    pending_style: str | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            heading = document.add_heading("", level=0 if level == 1 else level - 1)
            _add_inline(heading, tokens[index + 1])
            index += 2
        elif kind == "bullet_list_open":
            list_styles.append("List Bullet")
        elif kind == "ordered_list_open":
            list_styles.append("List Number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_styles.pop()
        elif kind == "list_item_open":
            pending_style = list_styles[-1] if list_styles else None
        elif kind == "paragraph_open":
            paragraph = document.add_paragraph(style=pending_style)
            pending_style = None
            _add_inline(paragraph, tokens[index + 1])
            index += 2
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row = []
        elif kind in ("th_open", "td_open"):
            row.append(tokens[index + 1])
            index += 2
        elif kind == "tr_close":
            table_rows.append((in_header, row))
        elif kind == "table_close":
            _add_table(document, table_rows)
            table_rows = []
        elif kind == "hr":
            document.add_paragraph("―" * 20)
        elif kind in ("code_block", "fence"):
            document.add_paragraph(token.content.rstrip("\n"))
        index += 1
    return document


def front_matter(tokens) -> dict[str, str]:
    """What the page header and the document properties say, read from the minutes
    themselves: the title (the first heading), the status line under it (concept,
    vastgesteld, shareable) and the group (the header table's first row)."""
    front = {"title": "", "status": "", "group": ""}
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and not front["title"]:
            front["title"] = _inline_text(tokens[index + 1]).strip()
        elif (token.type == "paragraph_open" and front["title"] and not front["status"]
              and not front["group"]):
            inline = tokens[index + 1]
            kinds = [c.type for c in inline.children or [] if c.type != "text" or c.content]
            if kinds[:1] == ["strong_open"]:
                front["status"] = _inline_text(inline).strip()
        elif token.type == "tr_open" and not front["group"]:
            row_end = next(i for i in range(index, len(tokens)) if tokens[i].type == "tr_close")
            cells = [_inline_text(tokens[i + 1]).strip() for i in range(index, row_end)
                     if tokens[i].type in ("th_open", "td_open")]
            front["group"] = cells[1] if len(cells) > 1 else ""
        if front["title"] and front["group"]:
            break
    return front


def _set_up_pages(document, front: dict[str, str], lang: str | None) -> None:
    """A4 with Dutch margins, a header naming the group, the meeting and its status, a
    footer with page numbers, and properties naming the group and the program (not
    python-docx's defaults): what a secretary sends as it is."""
    from docx.shared import Mm, Pt

    from .. import __version__
    from ..i18n import _

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(20)
        header = section.header.paragraphs[0]
        header.text = " · ".join(part for part in (front["group"], front["title"],
                                                   front["status"]) if part)
        footer = section.footer.paragraphs[0]
        before, _middle, rest = _("Page {page} of {pages}", lang).partition("{page}")
        between, _pages, after = rest.partition("{pages}")
        footer.add_run(before)
        _add_field(footer, "PAGE")
        footer.add_run(between)
        _add_field(footer, "NUMPAGES")
        footer.add_run(after)
        for paragraph in (header, footer):
            for run in paragraph.runs:
                run.font.size = Pt(8)
    properties = document.core_properties
    properties.title = front["title"]
    properties.subject = front["group"]
    properties.comments = front["status"]
    properties.author = properties.last_modified_by = f"livinglab {__version__}"
    properties.keywords = "notulen"


def _add_field(paragraph, code: str) -> None:
    """A Word field (a page number) that Word fills in when it lays the pages out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.strip() == code else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _add_table(document, rows: list[tuple[bool, list]]) -> None:
    # The header table of the minutes has an empty header row: leave it out.
    rows = [(header, cells) for header, cells in rows
            if not (header and not any(_inline_text(c).strip() for c in cells))]
    if not rows:
        return
    width = max(len(cells) for _header, cells in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, (header, cells) in enumerate(rows):
        for c, cell_token in enumerate(cells):
            paragraph = table.cell(r, c).paragraphs[0]
            _add_inline(paragraph, cell_token)
            if header:
                for run in paragraph.runs:
                    run.bold = True


def docx_bytes(markdown: str, lang: str | None = None) -> bytes:
    out = io.BytesIO()
    markdown_to_document(markdown, lang).save(out)
    return out.getvalue()


def write_docx(path: Path, markdown: str, lang: str | None = None) -> None:
    """Write the minutes as a Word file readable by its owner only."""
    from ..paths import write_private_file

    write_private_file(path, docx_bytes(markdown, lang))
