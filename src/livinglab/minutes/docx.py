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


def markdown_to_document(markdown: str):
    """A python-docx Document with the content of the minutes' Markdown."""
    import docx  # python-docx: only here

    document = docx.Document()
    tokens = _parser().parse(xml_text(markdown))  # every text below comes from here
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


def docx_bytes(markdown: str) -> bytes:
    out = io.BytesIO()
    markdown_to_document(markdown).save(out)
    return out.getvalue()


def write_docx(path: Path, markdown: str) -> None:
    """Write the minutes as a Word file readable by its owner only."""
    from ..paths import write_private_file

    write_private_file(path, docx_bytes(markdown))
