"""The shape of the app's code (tui/): its modules import one another one way only,
lazy imports inside functions included (DESIGN.md, Layout), and no class grows past what
a reader takes in (issue 23)."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parents[1] / "tui"


def modules() -> dict[str, Path]:
    found = {}
    for path in TUI.rglob("*.py"):
        parts = list(path.relative_to(TUI).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(["tui", *parts])] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of tui/ that `name` imports anywhere in its file."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = (node.module or "").replace("livinglab.tui", "tui", 1)
            found |= {m for m in [module, *(f"{module}.{a.name}" for a in node.names)]
                      if m in known}
        elif isinstance(node, ast.Import):
            found |= {a.name.replace("livinglab.tui", "tui", 1) for a in node.names} & set(known)
    return found - {name}


def test_no_module_of_the_app_imports_one_that_imports_it_back():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}

    def reaches(start: str, goal: str) -> list[str] | None:
        seen, paths = set(), [[start]]
        while paths:
            path = paths.pop()
            for nxt in sorted(graph[path[-1]]):
                if nxt == goal:
                    return [*path, nxt]
                if nxt not in seen:
                    seen.add(nxt)
                    paths.append([*path, nxt])
        return None

    circles = {" -> ".join(found) for name in graph if (found := reaches(name, name))}
    assert not circles, sorted(circles)


LONGEST_CLASS = 400  # lines


def test_no_class_of_the_app_is_longer_than_a_reader_takes_in():
    long = [f"{path.relative_to(TUI)}: {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for path in modules().values()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ClassDef)
            and node.end_lineno - node.lineno + 1 > LONGEST_CLASS]
    assert not long, long
