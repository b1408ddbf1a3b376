"""The command line's progress bar (issue 27): Rich, which Textual brings, on standard
error. The core only calls back `progress(done, total)`; `commands.common.progress_bar`
opens this bar when it draws on a terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def bar(description: str, stream: TextIO) -> Iterator:
    """A callback `(done, total)` drawing a bar on `stream`; gone when the work is done."""
    shown = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                     TimeElapsedColumn(), console=Console(file=stream), transient=True)
    task = shown.add_task(description, total=None)

    def advance(done: int, total: int | None = None) -> None:
        shown.update(task, completed=done, total=total)

    with shown:
        yield advance
