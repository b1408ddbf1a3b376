"""Naming and writing minutes files: readable by their owner only."""

from __future__ import annotations

from pathlib import Path

from ..models import Group, Session
from ..paths import format_named, write_private_file  # the one way a file is written

__all__ = ["default_file_name", "write_minutes_file", "write_private_file"]


def write_minutes_file(path: Path, markdown: str) -> None:
    """The minutes as Markdown, or as Word when the file name ends in .docx."""
    if format_named(path) == "docx":
        from .docx import write_docx  # python-docx is loaded only for a Word file

        write_docx(Path(path), markdown)
    else:
        write_private_file(path, markdown)


def default_file_name(session: Session, group: Group | None, shareable: bool = False,
                      suffix: str = ".md") -> str:
    from ..library.cases import slug_from_name  # cases brings a YAML parser: load it when needed

    parts = [session.date.isoformat(), slug_from_name(group.name if group else "notulen")]
    if shareable:
        parts.append("deelbaar")
    return "-".join(parts) + suffix
