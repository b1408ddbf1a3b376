"""Naming and writing minutes files (in a format of `formats`): readable by their owner
only."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Group, Session
from ..paths import write_private_file  # the one way a file is written
from .formats import MARKDOWN, write_minutes_file

__all__ = ["default_file_name", "write_minutes_file", "write_private_file"]


def default_file_name(session: Session, group: Group | None, shareable: bool = False,
                      suffix: str = MARKDOWN.endings[0],
                      same_day: Iterable[Session] = ()) -> str:
    """`2026-11-25-wijkteam-havenkwartier.md`: the date and the group. `same_day`: the
    group's other meetings that day; then the name says which meeting by its start time
    (`-1400`), else by its place in the day (`-2`), so one meeting's minutes never offer
    to overwrite another's. Never by title: a title may name a client, and the shareable
    file's name is shared with it."""
    from ..library.cases import slug_from_name  # cases brings a YAML parser: load it when needed

    parts = [session.date.isoformat(), slug_from_name(group.name if group else "notulen")]
    others = [s for s in same_day if s.id != session.id and s.date == session.date]
    if others:
        if session.start_time and all(s.start_time != session.start_time for s in others):
            parts.append(session.start_time.strftime("%H%M"))
        else:
            def order(s: Session) -> tuple:
                return (s.start_time.isoformat() if s.start_time else "", s.created_at, s.id)

            parts.append(str(1 + sum(order(s) < order(session) for s in others)))
    if shareable:
        parts.append("deelbaar")
    return "-".join(parts) + suffix
