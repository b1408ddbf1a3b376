"""Naming and writing minutes files: readable by their owner only."""

from __future__ import annotations

import os
from pathlib import Path

from ..models import Group, Session


def write_private_file(path: Path, text: str) -> None:
    """Write a file readable by its owner only (minutes are confidential client work)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


def default_file_name(session: Session, group: Group | None, shareable: bool = False) -> str:
    from ..cases import slug_from_name  # cases brings a YAML parser: load it when needed

    parts = [session.date.isoformat(), slug_from_name(group.name if group else "notulen")]
    if shareable:
        parts.append("deelbaar")
    return "-".join(parts) + ".md"
