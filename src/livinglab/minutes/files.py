"""Naming and writing minutes files (in a format of `formats`): readable by their owner
only."""

from __future__ import annotations

from ..models import Group, Session
from ..paths import write_private_file  # the one way a file is written
from .formats import MARKDOWN, write_minutes_file

__all__ = ["default_file_name", "write_minutes_file", "write_private_file"]


def default_file_name(session: Session, group: Group | None, shareable: bool = False,
                      suffix: str = MARKDOWN.endings[0]) -> str:
    from ..library.cases import slug_from_name  # cases brings a YAML parser: load it when needed

    parts = [session.date.isoformat(), slug_from_name(group.name if group else "notulen")]
    if shareable:
        parts.append("deelbaar")
    return "-".join(parts) + suffix
