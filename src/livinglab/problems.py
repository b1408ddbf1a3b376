"""A problem found while loading a user's file: where it is and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError


# Not frozen: Python sets an exception's traceback as it passes through a `with` block.
@dataclass(eq=False)
class LoadProblem(Exception):
    path: Path | str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def field_path(loc: tuple[int | str, ...]) -> str:
    """('steps', 2, 'questions') -> 'steps[2].questions'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe_validation_error(error: ValidationError) -> str:
    """Every failing field of a pydantic error, with its path, on one line each."""
    parts = []
    for detail in error.errors():
        where = field_path(detail["loc"])
        parts.append(f"{where}: {detail['msg']}" if where else detail["msg"])
    return "; ".join(parts)
