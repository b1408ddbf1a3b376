"""Review methods as data: TOML files validated by the `Method` model.

The built-in methods ship beside this file. A group adds its own in the `methods`
folder of the user data dir or a folder given with `--methods`; a file there with the
id of a built-in method replaces it, so a group can adapt a method to its practice.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from ..i18n import _
from ..models import AgendaItem, Method
from ..problems import LoadProblem, load_problem, read_input_text


def user_methods_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("livinglab", appauthor=False) / "methods"


def parse_method(text: str, path: Path | str) -> Method:
    """One method file's text -> Method, or LoadProblem naming the line or field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise load_problem(path, e) from None
    except RecursionError:  # tomllib recurses per level of nesting
        raise LoadProblem(path, _("nested too deeply to be a method file")) from None
    try:
        return Method.model_validate(data)
    except ValidationError as e:
        raise load_problem(path, e) from None


@dataclass
class MethodLibrary:
    methods: dict[str, Method] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)

    def get(self, method_id: str) -> Method | None:
        return self.methods.get(method_id)

    def sorted(self) -> list[Method]:
        return sorted(self.methods.values(), key=lambda m: m.id)


def resolve_method(item: AgendaItem, methods: MethodLibrary | None = None) -> Method | None:
    """The method of an agenda item as it ran (its snapshot), else as the library has it."""
    if item.method_snapshot:
        return Method.model_validate(item.method_snapshot)
    if methods is not None and item.method_id:
        return methods.get(item.method_id)
    return None


def _load_folder(library: MethodLibrary, files: list[tuple[str, str]]) -> None:
    for path, text in sorted(files):
        try:
            method = parse_method(text, path)
        except LoadProblem as problem:
            library.problems.append(problem)
            continue
        library.methods[method.id] = method


# The built-in methods, parsed once in a process (the tests asked 530 times, 8 ms each);
# each library gets its own copies to change.
_builtin: dict[str, Method] | None = None


def load_methods(extra_dirs: list[Path] = ()) -> MethodLibrary:
    """The built-in methods, then each folder's, later ones replacing by id."""
    global _builtin
    library = MethodLibrary()
    if _builtin is None:
        builtin = resources.files(__name__)
        _load_folder(
            library,
            [(f"livinglab/methods/{f.name}", f.read_text("utf-8"))
             for f in builtin.iterdir() if f.name.endswith(".toml")],
        )
        if not library.problems:  # a problem is worded in the language of the moment
            _builtin = dict(library.methods)
    if _builtin is not None:
        library.methods = {key: method.model_copy(deep=True) for key, method in _builtin.items()}
    for folder in extra_dirs:
        if not folder.exists():  # the user methods folder is made only when needed
            continue
        if not folder.is_dir():
            library.problems.append(LoadProblem(folder, _("not a folder")))
            continue
        files = []
        for path in folder.glob("*.toml"):
            if not path.is_file():  # a FIFO or device named *.toml would block or never end
                library.problems.append(LoadProblem(path, _("cannot read: not a regular file")))
                continue
            try:
                files.append((str(path), read_input_text(path)))
            except LoadProblem as problem:
                library.problems.append(problem)
        _load_folder(library, files)
    return library
