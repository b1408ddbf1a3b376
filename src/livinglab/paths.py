"""Where livinglab keeps its files by default; light, so the command line starts fast."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def default_db_path() -> Path:
    """`LIVINGLAB_DB`, else `livinglab.db` in the user data dir (platformdirs)."""
    if env := os.environ.get("LIVINGLAB_DB"):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("livinglab", appauthor=False) / "livinglab.db"


# --- writing and reading a user's files ---------------------------------------------------
# Every file livinglab writes (minutes, bundles, the archive, backups, its caches) goes
# through `private_file`: a new owner-only file beside the target, renamed into place when
# it is whole. A full disk, a crash or a refused write leaves the old file as it was and
# no half file beside it.


@contextmanager
def private_file(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside `target`, created readable by its owner only; fill it in
    the `with` block, and it replaces `target` when the block ends without an error.
    OSError (nothing changed) when the folder cannot take it."""
    target = Path(target)
    temp = _new_private_file(target)
    try:
        yield temp
        _flush_to_disk(temp)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _new_private_file(target: Path) -> Path:
    for attempt in range(100):  # a name left by a crashed run is passed over
        temp = target.with_name(f".{target.name}.{os.getpid()}-{attempt}.tmp")
        try:
            os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue
        return temp
    raise FileExistsError(f"{target}: no free name for a temporary file beside it")


def _flush_to_disk(path: Path) -> None:
    # Without it a crash right after the rename can leave an empty file on some file systems.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private_file(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write a whole file readable by its owner only (minutes are confidential client
    work), replacing an existing one only once the new one is complete."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with private_file(path) as temp:
        temp.write_bytes(data)


# The data files livinglab writes, by the endings a file of each may have: a name that
# says one thing (.pdf, .zip) is never filled with another. The minutes' formats (md,
# docx, html) are entries of `minutes.formats.FORMATS`, with their endings.
EXTENSIONS = {"json": (".json",), "db": (".db", ".sqlite", ".sqlite3")}


class TooLarge(ValueError):
    """An input file over the size a reader accepts."""

    def __init__(self, path: Path, limit: int):
        self.path, self.limit = path, limit
        super().__init__(f"{path}: larger than {limit} bytes")


def read_capped(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of an input file of at most `limit` bytes; TooLarge beyond it. Read up
    to the limit, never by the size the file claims: /dev/zero or a pipe claims none."""
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(Path(path), limit)
    return data


def size_text(limit: int) -> str:
    """A limit in bytes as a person reads it: '64 MB', '1 MB', '512 KB'."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if limit >= size:
            return f"{limit // size} {unit}"
    return f"{limit} bytes"
