"""Where livinglab keeps its files by default; light, so the command line starts fast."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """`LIVINGLAB_DB`, else `livinglab.db` in the user data dir (platformdirs)."""
    if env := os.environ.get("LIVINGLAB_DB"):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("livinglab", appauthor=False) / "livinglab.db"
