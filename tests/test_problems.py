"""Bad input is said one way (issue 23): whatever the format (TOML, JSON, YAML) or the
model (pydantic), the file, the line where it is known, the field, and what is wrong,
first problem first with how many more there are."""

from __future__ import annotations

import json
import tomllib

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from livinglab.problems import load_problem


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    size: int


def error_of(parse, text):
    with pytest.raises(Exception) as caught:
        parse(text)
    return caught.value


@pytest.mark.parametrize("parse, text, line, said", [
    (tomllib.loads, 'a = 1\nb = {c = "d"\n', 2, "x:2: not valid TOML: "),
    (json.loads, '{"a": 1,\n"b": }', 2, "x:2: not valid JSON (a truncated or damaged file?): "),
    (yaml.safe_load, "a: 1\nb: [c\n", 3, "x:3: broken front matter: "),
])
def test_a_file_that_does_not_parse_names_its_line(parse, text, line, said):
    problem = load_problem("x", error_of(parse, text))
    assert problem.line == line and str(problem).startswith(said)


def test_a_file_that_does_not_fit_its_model_names_the_field_and_counts_the_rest():
    error = error_of(Shape.model_validate, {"name": "a", "size": "groot", "colour": 1})
    assert isinstance(error, ValidationError)
    problem = load_problem("x", error, line_of=lambda loc: {"size": 3}.get(loc[0]))
    assert str(problem) == "x:3: size: Input should be a valid integer, unable to parse " \
                           "string as an integer (and 1 more problems)"
    worded = load_problem("x", error, wording={"int_parsing": lambda d: f"{d['loc'][0]}?"})
    assert str(worded) == "x: size? (and 1 more problems)"


def test_a_practice_file_says_its_first_problem_as_a_bundle_does(tmp_path):
    from livinglab.practice import read_practice_file
    from livinglab.problems import LoadProblem

    path = tmp_path / "oefening.json"
    path.write_text(json.dumps({"format": "nothing"}))
    with pytest.raises(LoadProblem) as caught:
        read_practice_file(path)
    assert str(caught.value).startswith(f"{path}: ") and "more problems)" in str(caught.value)
    assert ";" not in str(caught.value)
