"""Minutes (notulen) of one meeting: its record read from the store (`record`), turned
into Markdown (`render`), checked before shareable minutes leave (`shareable`), and
written to a file (`files`) in one of the registered formats (`formats`: md, docx)."""

from __future__ import annotations

from .files import default_file_name, write_minutes_file, write_private_file
from .record import MeetingRecord, ReviewRecord, load_meeting
from .render import render_minutes, render_record

__all__ = ["MeetingRecord", "ReviewRecord", "default_file_name", "load_meeting",
           "render_minutes", "render_record", "write_minutes_file", "write_private_file"]
