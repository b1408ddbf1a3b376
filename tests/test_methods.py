from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from livinglab.methods import load_methods, parse_method
from livinglab.models import FieldType, MethodKind
from livinglab.problems import LoadProblem

from conftest import examples

BUILTIN = Path(__file__).resolve().parents[1] / "src" / "livinglab" / "methods"


def test_the_five_built_in_methods_load_complete_in_both_languages():
    library = load_methods()
    assert library.problems == []
    assert {m.kind for m in library.methods.values()} == set(MethodKind)
    for method in library.methods.values():
        for text in [method.name, method.description]:
            assert text["nl"] and text["en"]
        for step in method.steps:
            assert step.title["nl"] and step.title["en"] and step.aim["nl"] and step.aim["en"]
            assert len(step.questions) >= 2
            assert all(q["nl"] and q["en"] for q in step.questions + step.tips)


def test_the_dilemma_method_has_its_ten_steps_and_captures_the_dilemma():
    method = load_methods().get("dilemma")
    assert len(method.steps) == 10
    types = {f.type for step in method.steps for f in step.fields}
    assert {FieldType.DILEMMA, FieldType.TABLE, FieldType.PER_PARTICIPANT, FieldType.ACTIONS,
            FieldType.DECISIONS, FieldType.PARKING, FieldType.RATING} <= types
    choice = method.step("choice").fields[0]
    assert [c.key for c in choice.columns] == ["choice", "value", "cannot", "limit_harm", "asks_of_me"]


def test_the_polarity_map_is_one_field_filled_over_several_steps():
    method = load_methods().get("spanningen")
    steps_with_map = [s.id for s in method.steps if any(f.key == "map" for f in s.fields)]
    assert steps_with_map == ["poles", "purpose", "sides", "warnings", "actions"]  # Johnson's order
    assert method.last_step_of("map") == "actions"


def test_a_users_method_is_added_and_a_broken_one_reported_with_its_field(tmp_path):
    good = (BUILTIN / "intervisie.toml").read_text().replace('id = "intervisie"', 'id = "eigen"')
    (tmp_path / "eigen.toml").write_text(good)
    broken = good.replace('id = "eigen"', 'id = "kapot"').replace(
        'type = "rating"', 'type = "stars"')
    (tmp_path / "kapot.toml").write_text(broken)
    library = load_methods([tmp_path])
    assert "eigen" in library.methods and "kapot" not in library.methods
    assert "dilemma" in library.methods
    [problem] = library.problems
    assert str(problem).startswith(f"{tmp_path / 'kapot.toml'}: steps[6].fields[0].type:")


def test_a_toml_syntax_error_names_the_line(tmp_path):
    (tmp_path / "x.toml").write_text('id = "x"\nname = {nl = "a"\n')
    [problem] = load_methods([tmp_path]).problems
    assert problem.line == 2 and "not valid TOML" in problem.message


def test_a_key_with_two_types_is_refused():
    text = (BUILTIN / "spanningen.toml").read_text()
    text = text.replace('key = "map"\ntype = "polarity"', 'key = "map"\ntype = "text"', 1)
    with pytest.raises(LoadProblem, match="a key keeps one type"):
        parse_method(text, "spanningen.toml")


@settings(max_examples=examples(200), deadline=None)
@given(st.text())
def test_any_text_gives_a_method_or_a_load_problem(text):
    try:
        parse_method(text, "x.toml")
    except LoadProblem as problem:
        assert problem.message


toml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=examples(200), deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "name", "kind", "steps", "roles", "description"]),
                       toml_values))
def test_any_structure_gives_a_method_or_a_load_problem(data):
    from livinglab.models import Method
    from pydantic import ValidationError
    from livinglab.problems import describe_validation_error
    try:
        Method.model_validate(data)
    except ValidationError as e:
        assert describe_validation_error(e)


def test_a_method_file_nested_thousands_deep_is_a_problem_not_a_crash(tmp_path):
    from livinglab.methods import load_methods

    (tmp_path / "diep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    library = load_methods([tmp_path])
    [problem] = library.problems
    assert "diep.toml" in str(problem) and "nested too deeply" in str(problem)
    assert library.get("dilemma") is not None  # the rest still loads
