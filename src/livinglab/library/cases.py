"""Case files: Markdown with YAML front matter -> `Case`, through markdown-it-py's tokens.

    ---
    title: Fraude gemeld in vertrouwen
    kind: dilemma            # trage-vraag | dilemma | spanning | casus
    themes: [Morele dilemma's]
    source: "003"
    ---
    ## Situatie
    ...
    ## Voor de begeleider
    Notes that participants do not see.

Body sections are split at `##` headings and kept in order, as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from ..i18n import _, os_reason
from ..models import CASE_METADATA, Case, CaseKind, CaseSection, case_id_for
from ..problems import LoadProblem, load_problem
from ..text.terminal import clean
from . import queries as case_queries

# `progress(done, total)`: how far long work is (the command draws it; see commands/common.py).
Progress = Callable[[int, int | None], None]

FACILITATOR_SECTIONS = {"voor de begeleider", "for the facilitator"}
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class _FrontMatterKeys(BaseModel):
    """What a case file's front matter says beside the case's own fields: the id (the
    slug it is known by), and the ways of writing those fields YAML allows."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, pattern=SLUG_PATTERN)

    @field_validator("themes", mode="before", check_fields=False)
    @classmethod
    def _one_theme_as_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("source", mode="before", check_fields=False)
    @classmethod
    def _source_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


# The front matter: the id, then a case's metadata as `models.Case` declares it (its one
# home: the fields in CASE_METADATA, with their types, defaults and limits).
FrontMatter = create_model(
    "FrontMatter", __base__=_FrontMatterKeys,
    **{key: (Case.model_fields[key].annotation, Case.model_fields[key]) for key in CASE_METADATA})


# A case owner writes the front matter by hand: its mistakes are said in words, not as
# the model's field paths (see problems.describe_validation_error).
FRONT_MATTER_WORDING = {
    "enum": lambda detail: _("unknown kind {value!r}; use one of: {kinds}").format(  # kind
        value=detail["input"], kinds=", ".join(k.value for k in CaseKind)),
    "extra_forbidden": lambda detail: _("unknown field {key!r}").format(key=detail["loc"][0]),
    "missing": lambda detail: _("the field {key!r} is missing").format(key=detail["loc"][0]),
}


def slug_from_name(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "case"


@cache
def _parser() -> MarkdownIt:
    # Block structure only: the sections need headings and line maps, not inline markup,
    # and markdown-it's inline pass is quadratic on runs such as 100,000 '[' (2.5 s).
    return MarkdownIt("commonmark").use(front_matter_plugin).disable("inline")


def _key_line(front: str, key: str, first_line: int) -> int:
    """The file line where `key:` stands in the front matter, else its first line."""
    for offset, line in enumerate(front.splitlines()):
        if line.startswith(f"{key}:"):
            return first_line + offset
    return first_line


# Limits that no real case reaches; past them a file is refused before it can cost much.
MAX_CASE_FILE_BYTES = 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024  # also what the front matter may expand to through aliases
MAX_FRONT_MATTER_DEPTH = 5  # a mapping, a list in it, and room to spare


def _line_of(text: str | bytes, index: int) -> int:
    """The 1-based line that the character (or byte) at `index` stands on."""
    return text.count("\n" if isinstance(text, str) else b"\n", 0, index) + 1


def _too_large(path: Path | str, message: str, data: bytes, limit: int,
               first_line: int = 1) -> LoadProblem:
    """`message` at the line where `data` (starting at `first_line`) passes `limit` bytes."""
    return LoadProblem(path, message.format(kib=limit // 1024),
                       first_line - 1 + _line_of(data, limit))


def _check_front_matter_shape(front: str, path: Path | str, first_line: int) -> None:
    """Refuse front matter nested too deep or that aliases blow up, before loading it.

    PyYAML's event stream is read without recursion, unlike loading (5,000 nested
    brackets overflow the stack), and an alias is counted at the size of what it
    repeats, so a "billion laughs" is refused at its first alias past the limit.
    """
    open_nodes: list[list] = []  # per open collection: [anchor, size when opened, deepest]
    anchors: dict[str, tuple[int, int]] = {}  # anchor -> (expanded size, depth)
    size = 0
    for event in yaml.parse(front, Loader=yaml.SafeLoader):
        line = first_line + event.start_mark.line
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, opened_at, deepest = open_nodes.pop()
            if anchor:
                anchors[anchor] = (size - opened_at, deepest - len(open_nodes))
            if open_nodes:
                open_nodes[-1][2] = max(open_nodes[-1][2], deepest)
            continue
        if isinstance(event, yaml.AliasEvent):
            if any(node[0] == event.anchor for node in open_nodes):
                raise LoadProblem(path, _("the alias *{name} refers to a block it is part of")
                                  .format(name=event.anchor), line)
            node_size, node_depth = anchors.get(event.anchor, (1, 0))
            size += node_size
            depth = len(open_nodes) + node_depth
        elif isinstance(event, yaml.ScalarEvent):
            size += len(event.value) + 1
            if event.anchor:
                anchors[event.anchor] = (len(event.value) + 1, 0)
            depth = len(open_nodes)
        elif isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, size, len(open_nodes) + 1])
            size += 1
            depth = len(open_nodes)
        else:
            continue
        if open_nodes:
            open_nodes[-1][2] = max(open_nodes[-1][2], depth)
        if depth > MAX_FRONT_MATTER_DEPTH:
            raise LoadProblem(path, _("the front matter is nested deeper than {levels} levels")
                              .format(levels=MAX_FRONT_MATTER_DEPTH), line)
        if size > MAX_FRONT_MATTER_BYTES:
            raise LoadProblem(path, _("the front matter expands to more than {kib} KiB")
                              .format(kib=MAX_FRONT_MATTER_BYTES // 1024), line)


def _clean_strings(value: Any) -> Any:
    """Every string in loaded front matter through `clean` (YAML escapes such as \\e too)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {_clean_strings(k): _clean_strings(v) for k, v in value.items()}
    return value


def parse_case(text: str, path: Path | str, slug: str | None = None) -> Case:
    """A case file's text -> Case; LoadProblem names the file, line and what is wrong."""
    text = text.removeprefix("\ufeff")  # a byte order mark, as some Windows editors write
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_CASE_FILE_BYTES // 4 and len(encoded := text.encode()) > MAX_CASE_FILE_BYTES:
        raise _too_large(path, _("the file is larger than {kib} KiB"), encoded,
                         MAX_CASE_FILE_BYTES)
    if (nul := text.find("\x00")) >= 0:
        raise LoadProblem(path, _("a NUL byte: this is not a text file"), _line_of(text, nul))
    text = clean(text)
    # Lines as markdown-it counts them: only LF ends a line (splitlines also splits at
    # U+2028 and friends, which would shift every line number after them).
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    tokens = _parser().parse(text)
    if not tokens or tokens[0].type != "front_matter":
        raise LoadProblem(
            path, _("missing front matter: start the file with a block between two --- lines"), 1
        )
    front_token = tokens[0]
    front_first_line = 2  # the line after the opening ---
    body_start = front_token.map[1] if front_token.map else 1
    if body_start > len(lines) and not text.rstrip().endswith("---"):
        raise LoadProblem(path, _("the front matter is not closed with a --- line"), 1)
    front_bytes = front_token.content.encode()
    if len(front_bytes) > MAX_FRONT_MATTER_BYTES:
        raise _too_large(path, _("the front matter is larger than {kib} KiB"), front_bytes,
                         MAX_FRONT_MATTER_BYTES, front_first_line)
    try:
        _check_front_matter_shape(front_token.content, path, front_first_line)
        data = yaml.safe_load(front_token.content)
    except yaml.YAMLError as e:
        raise load_problem(path, e, first_line=front_first_line) from None
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        raise LoadProblem(path, _("broken front matter: {problem}").format(problem=e), 1) from None
    if not isinstance(data, dict):
        raise LoadProblem(path, _("the front matter must be a list of 'key: value' lines"), 1)
    data = _clean_strings(data)
    try:
        front = FrontMatter.model_validate(data)
    except ValidationError as e:
        raise load_problem(path, e, lambda loc: _key_line(
            front_token.content, str(loc[0]), front_first_line) if loc else 1,
            wording=FRONT_MATTER_WORDING) from None

    sections = _sections(tokens[1:], lines)
    if not any(section.body.strip() for section in sections):
        raise LoadProblem(path, _("the case has no text below its front matter"), body_start + 1)
    notes = "\n\n".join(s.body for s in sections if s.title.lower() in FACILITATOR_SECTIONS)
    visible = [s for s in sections if s.title.lower() not in FACILITATOR_SECTIONS]
    slug = front.id or slug or slug_from_name(Path(str(path)).stem)
    return Case(id=case_id_for(slug), slug=slug, sections=visible, facilitator_notes=notes,
                **{key: getattr(front, key) for key in CASE_METADATA})


def _sections(tokens: list, lines: list[str]) -> list[CaseSection]:
    """Split the body at level-2 headings, keeping each section's Markdown as written."""
    starts: list[tuple[str, int, int]] = []  # (title, heading line, first body line)
    first_body_line = None
    for index, token in enumerate(tokens):
        if token.map and first_body_line is None:
            first_body_line = token.map[0]
        if token.type == "heading_open" and token.tag in ("h1", "h2") and token.map:
            title = tokens[index + 1].content.strip()
            starts.append((title if token.tag == "h2" else "", token.map[0], token.map[1]))
    if first_body_line is None:
        return []
    sections = []
    intro_end = starts[0][1] if starts else len(lines)
    intro = "\n".join(lines[first_body_line:intro_end]).strip()
    if intro:
        sections.append(CaseSection(title="", body=intro))
    for number, (title, _heading, body_from) in enumerate(starts):
        end = starts[number + 1][1] if number + 1 < len(starts) else len(lines)
        body = "\n".join(lines[body_from:end]).strip()
        if title or body:
            sections.append(CaseSection(title=title, body=body))
    return sections


def load_case_file(path: Path) -> Case:
    """Read and parse one case file; a file too large or not UTF-8 is refused unread."""
    if not path.is_file():  # a FIFO or device named *.md would block or never end
        raise LoadProblem(path, _("cannot read: not a regular file"))
    try:
        with path.open("rb") as file:
            data = file.read(MAX_CASE_FILE_BYTES + 1)
    except OSError as e:
        raise LoadProblem(path, _("cannot read: {reason}").format(reason=os_reason(e))) from None
    if len(data) > MAX_CASE_FILE_BYTES:
        raise _too_large(path, _("the file is larger than {kib} KiB"), data, MAX_CASE_FILE_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise LoadProblem(
            path, _("not UTF-8 text: byte 0x{byte:02x} cannot be read; save the file as UTF-8")
            .format(byte=data[e.start]), _line_of(data, e.start),
        ) from None
    return parse_case(text, path)


@dataclass
class CaseFolder:
    cases: list[Case] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # the case files read, as they loaded


def load_case_folder(folder: Path, progress: Progress | None = None) -> CaseFolder:
    """Every `*.md` file in a folder; a broken file is reported, the rest still load.
    `progress(done, total)` is told the files read."""
    result = CaseFolder()
    if not folder.is_dir():
        result.problems.append(LoadProblem(folder, _("not a folder")))
        return result
    paths = [path for path in sorted(folder.glob("*.md")) if path.name.lower() != "readme.md"]
    for done, path in enumerate(paths, 1):
        try:
            result.cases.append(load_case_file(path))
            result.files.append(path)
        except LoadProblem as problem:
            result.problems.append(problem)
        if progress is not None:
            progress(done, len(paths))
    return result


def load_cases(path: Path, progress: Progress | None = None) -> CaseFolder:
    """A folder of case files, or a single case file."""
    if path.is_dir():
        return load_case_folder(path, progress)
    result = CaseFolder()
    if not path.exists():
        result.problems.append(LoadProblem(path, _("no such file or folder")))
        return result
    try:
        result.cases.append(load_case_file(path))
        result.files.append(path)
    except LoadProblem as problem:
        result.problems.append(problem)
    return result


_examples: list[Case] | None = None  # the example library, parsed (example_cases)


def example_cases() -> CaseFolder:
    """The example library shipped with livinglab (the repository's `cases/`). Parsed once
    in a process (17 ms; the tests asked 550 times), each caller getting its own copies to
    change; a problem is worded in the language of the moment, so a library with one is
    not kept."""
    global _examples
    if _examples is None:
        result = CaseFolder()
        for file in sorted(resources.files("livinglab.examples").iterdir(),
                           key=lambda f: f.name):
            if file.name.endswith(".md") and file.name.lower() != "readme.md":
                try:
                    result.cases.append(parse_case(file.read_text("utf-8"),
                                                   f"cases/{file.name}"))
                except LoadProblem as problem:
                    result.problems.append(problem)
        if result.problems:
            return result
        _examples = result.cases
    return CaseFolder(cases=[case.model_copy(deep=True) for case in _examples])


@dataclass
class ImportReport:
    added: list[Case] = field(default_factory=list)
    updated: list[Case] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    # Of `updated`: those that replaced a built-in example of the same id.
    replaced_examples: list[Case] = field(default_factory=list)
    # Cases whose suggested_method names no method (the case is imported all the same).
    unknown_methods: list[Case] = field(default_factory=list)


def import_cases(store, loaded: CaseFolder, methods=None,
                 examples: CaseFolder | None = None,
                 progress: Progress | None = None) -> ImportReport:
    """Add or update cases in the store, matched by their stable id (slug). With
    `methods`, a suggested method that does not exist is reported; with `examples`, a
    case that takes the place of a built-in example is. `progress(done, total)` is told
    the cases stored."""
    report = ImportReport(problems=list(loaded.problems))
    builtin = {case.id: case for case in (examples.cases if examples else [])}
    with store.transaction():
        for done, case in enumerate(loaded.cases, 1):
            if progress is not None:
                progress(done - 1, len(loaded.cases))
            existing = case_queries.case(store, case.id)
            (report.updated if existing else report.added).append(case)
            if existing and case.id in builtin and existing == builtin[case.id] != case:
                report.replaced_examples.append(case)
            if (methods is not None and case.suggested_method
                    and methods.get(case.suggested_method) is None):
                report.unknown_methods.append(case)
            store.save(case)
        if progress is not None:
            progress(len(loaded.cases), len(loaded.cases))
    return report
