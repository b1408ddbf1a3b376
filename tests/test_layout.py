"""The layout the README's architecture section draws, held against the code: every
import (lazy ones too) points down the layers, no part imports another that imports it
back, and the core never imports Textual or the front end."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "src" / "livinglab"

# Bottom to top: a part may import its own modules and any part on a lower layer.
LAYERS = [
    {"ids"},
    {"models", "paths", "text", "locales"},
    {"i18n"},
    {"problems"},
    {"fields", "methods"},
    {"storage"},
    {"library"},
    {"meeting"},
    {"memory"},
    {"privacy"},
    {"live"},
    {"minutes", "practice", "sharing", "room"},
    {"demo"},
    {"launch"},
    {"commands"},
    {"cli"},
    {"__main__"},
]
# Where the core hands over to the front end: opening the app, and `livinglab follow`.
# launch opens the app, `follow` its view, and the commands' progress bar is Rich's.
OPENS_THE_FRONT_END = {"src/livinglab/launch.py", "src/livinglab/commands/meetings.py",
                       "src/livinglab/commands/common.py"}
LEVEL = {part: level for level, parts in enumerate(LAYERS) for part in parts}


def part_of(module: str) -> str | None:
    """`livinglab.memory.questions` -> `memory`; the front end and the package face: None."""
    parts = module.split(".")
    if parts[0] != "livinglab" or len(parts) < 2 or parts[1] == "tui":
        return None
    return parts[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(CORE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function, made absolute."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_every_part_of_the_core_has_its_layer():
    parts = {part_of(module_name(f)) for f in core_files()} - {None}
    assert parts - LEVEL.keys() == set(), "a new part: give it a layer here and in the README"


def test_imports_point_down_the_layers():
    upward = []
    for f in core_files():
        mine = part_of(module_name(f))
        if mine is None:
            continue
        for target in imports_of(f):
            theirs = part_of(target)
            if theirs is None or theirs == mine or theirs not in LEVEL:
                continue
            if LEVEL[theirs] >= LEVEL[mine]:
                upward.append(f"{f.relative_to(ROOT)} imports {target} ({theirs} is not below {mine})")
    assert upward == []


def test_the_core_never_imports_textual_or_the_front_end():
    found = [f"{f.relative_to(ROOT)}: {target}" for f in core_files() for target in imports_of(f)
             if target.split(".")[0] in {"textual", "rich"}
             or (target.startswith("livinglab.tui")
                 and str(f.relative_to(ROOT)) not in OPENS_THE_FRONT_END)]
    assert found == []


def test_no_class_of_the_core_grows_past_400_lines():
    """A class that long has become several things: split it where its parts are."""
    long = [f"{f.relative_to(ROOT)}: {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for f in core_files() for node in ast.walk(ast.parse(f.read_text()))
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 400]
    assert long == []
