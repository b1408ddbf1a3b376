"""Minutes as one standalone HTML file: to open in a browser, print, or attach where Word
is not at hand. Made from the rendered Markdown, as the Word file is, so the formats
never drift apart.

Nothing is escaped here by hand: the Markdown escapes user text (`text.markdown`), and
markdown-it escapes every text it writes as HTML. Its `html` option stays off, so raw
HTML is never passed through: a `<script>` typed into a field is shown as the text it is.
The page's own policy allows no script and no request at all, should anything slip by.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from .. import i18n
from .docx import front_matter

# Simple and readable on screen and on paper: one column, tables with borders.
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       line-height: 1.5; color: #1a1a1a; background: #fff; max-width: 50em;
       margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; }
h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.1em; margin-top: 1.4em; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; }
th, td { border: 1px solid #999; padding: 0.3em 0.6em; text-align: left;
         vertical-align: top; }
th { background: #f0f0f0; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"""

# No script, no frame, no request: the minutes are text and their own style.
POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def parser() -> MarkdownIt:
    """CommonMark with tables, raw HTML off (the commonmark preset turns it on)."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def minutes_html(markdown: str, lang: str | None = None) -> str:
    """The minutes' Markdown as a whole HTML page in `lang`, the minutes' language (the
    interface's by default): titled by the minutes' first heading."""
    lang = lang or i18n.language()
    md = parser()
    tokens = md.parse(markdown)
    title = front_matter(tokens)["title"] or i18n._("Minutes", lang)
    body = md.renderer.render(tokens, md.options, {})
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escapeHtml(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="livinglab">\n'
        f"<title>{escapeHtml(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n")


def write_html(path: Path, markdown: str, lang: str | None = None) -> None:
    """Write the minutes as an HTML file readable by its owner only (by rename: whole)."""
    from ..paths import write_private_file

    write_private_file(path, minutes_html(markdown, lang))
