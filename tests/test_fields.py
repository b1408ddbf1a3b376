"""Field types: every type has one registry entry; each checks, writes and indexes its
value, and user text cannot change the structure of what it writes."""

import datetime as dt

import pytest
from markdown_it import MarkdownIt

from livinglab.fields import (
    FIELD_TYPES, RenderContext, empty_value, field_type, render_value, search_text,
    validate_value,
)
from livinglab.models import (
    Action, Attendance, Column, Decision, FieldType, Participant, Person, Role, StepField,
)

# Text that would open Markdown structure if it were not escaped.
NASTY = "# kop | pijp *ster* [x](y) _laag_ `code` <b>vet</b>"
NASTY_2 = "1. geen lijst | ook *niet* [a](b)"


def make_field(kind: FieldType, key: str | None = None) -> StepField:
    columns = [Column(key="party", label={"nl": "Partij", "en": "Party"}),
               Column(key="value", label={"nl": "Waarde", "en": "Value"})]
    needs_columns = kind in (FieldType.TABLE, FieldType.PER_PARTICIPANT)
    options = [Column(key="open", label={"nl": "open", "en": "open"}),
               Column(key="naar_de_regio", label={"nl": "naar de regio", "en": "*to* | region"})]
    return StepField(key=key or f"my_{kind.value}", label={"nl": "Veld", "en": "Field"},
                     type=kind, columns=columns if needs_columns else [],
                     options=options if kind == FieldType.CHOICE else [])


PEOPLE = [(Participant(id="p1", session_id="s", person_id="a", role=Role.CHAIR),
           Person(id="a", name="Anouk Visser")),
          (Participant(id="p2", session_id="s", person_id="b", role=Role.PARTICIPANT),
           Person(id="b", name="Bram de Wit")),
          (Participant(id="p3", session_id="s", person_id="c", role=Role.PARTICIPANT,
                       attendance=Attendance.PRESENT), Person(id="c", name="Chris Kok"))]
ACTIONS = [Action(group_id="g", session_id="s", what=NASTY, owner="Bram | *B*",
                  due=dt.date(2026, 12, 2)),
           Action(group_id="g", session_id="s", what=NASTY_2)]
DECISIONS = [Decision(session_id="s", text=NASTY), Decision(session_id="s", text=NASTY_2)]


def context(shareable: bool = False) -> RenderContext:
    return RenderContext.for_meeting(PEOPLE, "en", shareable).with_rows(ACTIONS, DECISIONS)


# --- what Markdown parses back to ----------------------------------------------------------


def inline_text(token) -> str:
    """An inline token's text, with any markup it holds shown as tags."""
    out = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "code_inline":
            out.append(f"<code>{child.content}</code>")
        elif child.type == "html_inline":
            out.append(f"<html>{child.content}</html>")
        elif child.type.endswith("_open"):
            out.append(f"<{child.type[:-5]}>")
        elif child.type.endswith("_close"):
            out.append(f"</{child.type[:-6]}>")
    return "".join(out)


def structure(markdown: str) -> list:
    """Blocks as (kind, content): paragraphs and headings with their text, lists with their
    items' text, tables as rows of cell text."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    blocks, stack = [], []
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            stack.append((token.type[:-5], []))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            blocks.append(stack.pop())
        elif token.type == "table_open":
            stack.append(("table", []))
        elif token.type == "table_close":
            blocks.append(stack.pop())
        elif token.type == "tr_open":
            stack[-1][1].append([])
        elif token.type == "heading_open":
            blocks.append(("heading", None))
        elif token.type == "inline":
            text = inline_text(token)
            if stack and stack[-1][0] == "table":
                stack[-1][1][-1].append(text)
            elif stack:
                stack[-1][1].append(text)
            elif blocks and blocks[-1] == ("heading", None):
                blocks[-1] = ("heading", text)
            else:
                blocks.append(("paragraph", text))
        elif token.type in ("fence", "code_block", "html_block", "hr", "blockquote_open"):
            blocks.append((token.type, token.content))
    return blocks


# --- one value per type, filled with Markdown-breaking text, and what it must give back ---

FILLED = {
    FieldType.TEXT: (
        f"{NASTY}\n{NASTY_2}",
        [("paragraph", f"{NASTY}\n{NASTY_2}")]),
    FieldType.LIST: (
        [NASTY, NASTY_2, "- streepje"],
        [("bullet_list", [NASTY, NASTY_2, "- streepje"])]),
    FieldType.PARKING: (
        [NASTY, NASTY_2],
        [("bullet_list", [NASTY, NASTY_2])]),
    FieldType.DILEMMA: (
        {"question": NASTY, "a": NASTY_2, "a_harm": "schade | A", "b": "*B*", "b_harm": "[b](c)"},
        [("paragraph", f"<em>Moral question:</em> {NASTY}"),
         ("table", [["", "Option", "Harm"], ["A", NASTY_2, "schade | A"],
                    ["B", "*B*", "[b](c)"]])]),
    FieldType.TABLE: (
        [{"party": NASTY, "value": NASTY_2}, {"party": "| leeg |", "value": ""}],
        [("table", [["Party", "Value"], [NASTY, NASTY_2], ["| leeg |", ""]])]),
    FieldType.PER_PARTICIPANT: (
        {"p1": {"party": NASTY, "value": NASTY_2}, "p3": {"value": "*waarde*"}},
        [("paragraph", "<em>Anouk Visser</em>"),
         ("bullet_list", [f"Party: {NASTY}", f"Value: {NASTY_2}"]),
         ("paragraph", "<em>Chris Kok</em>"),
         ("bullet_list", ["Value: *waarde*"])]),
    FieldType.POLARITY: (
        {"pole_a": "eigen | kracht", "pole_b": "*zorg*plicht", "purpose": NASTY, "fear": NASTY_2,
         "a_up": ["zelf [x](y)"], "a_down": ["# alleen"], "b_up": ["vangnet"],
         "b_down": ["afhankelijk"], "a_warnings": ["stilte"], "b_warnings": ["`wachten`"],
         "a_actions": ["vragen"], "b_actions": ["loslaten"]},
        [("paragraph", f"<em>Higher purpose:</em> {NASTY}"),
         ("table", [["", "Pole A: eigen | kracht", "Pole B: *zorg*plicht"],
                    ["Upsides", "zelf [x](y)", "vangnet"],
                    ["Downsides", "# alleen", "afhankelijk"],
                    ["Early warnings", "stilte", "`wachten`"],
                    ["Action steps", "vragen", "loslaten"]]),
         ("paragraph", f"<em>Deeper fear:</em> {NASTY_2}")]),
    FieldType.RATING: (
        {"score": 4, "comment": NASTY},
        [("paragraph", f"4/5 — {NASTY}")]),
    FieldType.DATE: (
        "2026-11-25",  # stored ISO, written as the app writes dates
        [("paragraph", "25-11-2026")]),
    FieldType.CHOICE: (
        "naar_de_regio",  # stored as the option's key, written as its label
        [("paragraph", "*to* | region")]),
    FieldType.ACTIONS: (
        None,  # rows: ACTIONS in the context
        [("bullet_list", [f"{NASTY} (Bram | *B*, 02-12-2026)", NASTY_2])]),
    FieldType.DECISIONS: (
        None,  # rows: DECISIONS in the context
        [("bullet_list", [NASTY, NASTY_2])]),
}

BAD = {
    FieldType.TEXT: [5, ["a list"]],
    FieldType.LIST: ["one string", [1, 2]],
    FieldType.PARKING: [{"a": "b"}],
    FieldType.DILEMMA: [{"c": "no such part"}, {"a": ["not text"]}],
    FieldType.TABLE: ["not a table", [{"nope": "no such column"}]],
    FieldType.PER_PARTICIPANT: [["x"], {"p1": {"nope": "no such column"}}],
    FieldType.POLARITY: [{"a_up": "not a list"}, "x"],
    FieldType.RATING: [{"score": 9}, {"score": 0}],
    FieldType.DATE: ["25-11-2026", "2026-02-30", "volgende week", 20261125, ["2026-11-25"]],
    FieldType.CHOICE: ["naar de regio", "gesloten", 1, ["open"]],
    FieldType.ACTIONS: [[], [{"what": "x"}]],
    FieldType.DECISIONS: [["x"]],
}

ALL_TYPES = list(FieldType)


def test_every_field_type_has_one_registry_entry():
    assert set(FIELD_TYPES) == set(FieldType)
    for kind in FieldType:
        assert field_type(kind).kind == kind
        assert field_type(kind.value) is FIELD_TYPES[kind]  # the method file's spelling too


def test_every_field_type_has_test_values():
    assert set(FILLED) == set(BAD) == set(FieldType)


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_the_empty_value_renders_nothing_and_is_fresh(kind):
    f = make_field(kind)
    empty = empty_value(f)
    assert render_value(empty, f, RenderContext(lang="en")) == ""
    if field_type(kind).stored_as_rows:
        assert empty is None
    else:
        assert validate_value(empty, f) == empty  # the empty value is a valid value
        assert empty_value(f) is not empty or isinstance(empty, str)  # not shared


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_a_good_value_is_kept_and_a_bad_one_is_refused_naming_the_field(kind):
    f = make_field(kind)
    value, _expected = FILLED[kind]
    if field_type(kind).stored_as_rows:
        assert "one by one" in str(pytest.raises(ValueError, validate_value, [], f).value)
    else:
        assert validate_value(value, f) == value
    for bad in BAD[kind]:
        with pytest.raises(ValueError) as raised:
            validate_value(bad, f)
        message = str(raised.value)
        assert message.startswith(f"{f.key}: ") and len(message) > len(f.key) + 5
        assert "\n" not in message


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_user_text_keeps_its_structure_in_markdown(kind):
    f = make_field(kind)
    value, expected = FILLED[kind]
    assert structure(render_value(value, f, context())) == expected


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_search_text_holds_every_word_typed(kind):
    f = make_field(kind)
    value, _expected = FILLED[kind]
    rows = {FieldType.ACTIONS: ACTIONS, FieldType.DECISIONS: DECISIONS}
    searched = search_text(rows.get(kind, value), f)
    typed = typed_words(rows.get(kind, value))
    if kind == FieldType.CHOICE:  # nothing typed: the option chosen is found by its words
        typed = typed_words(["naar de regio", "*to* | region"])
    assert typed and all(word in searched for word in typed), (typed, searched)


def typed_words(value) -> list[str]:
    """Every word in the text of a value (keys and numbers are not typed text)."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, dict):
        return [w for v in value.values() for w in typed_words(v)]
    if isinstance(value, list):
        return [w for v in value for w in typed_words(v)]
    if isinstance(value, Action):
        return typed_words([value.what, value.owner])
    if isinstance(value, Decision):
        return typed_words(value.text)
    return []


def test_the_shareable_variant_replaces_names_in_every_type():
    named = "Anouk belt Bram, 0612345678"
    values = {
        FieldType.TEXT: named, FieldType.LIST: [named], FieldType.PARKING: [named],
        FieldType.DILEMMA: {"a": named}, FieldType.TABLE: [{"party": named}],
        FieldType.PER_PARTICIPANT: {"p1": {"value": named}},
        FieldType.POLARITY: {"pole_a": named, "purpose": named},
        FieldType.RATING: {"comment": named},
    }
    ctx = RenderContext.for_meeting(PEOPLE, "en", shareable=True).with_rows(
        [Action(group_id="g", session_id="s", what=named, owner="Bram de Wit")],
        [Decision(session_id="s", text=named)])
    # a date and a choice hold no text of a person to scrub
    for kind in set(FieldType) - {FieldType.DATE, FieldType.CHOICE}:
        text = render_value(values.get(kind), make_field(kind), ctx)
        assert "Chair" in text, kind
        for secret in ("Anouk", "Bram", "Visser", "0612345678"):
            assert secret not in text, (kind, secret)


def test_a_date_is_stored_iso_and_written_as_the_app_writes_dates():
    f = make_field(FieldType.DATE, "evaluate_on")
    assert validate_value(dt.date(2026, 11, 25), f) == "2026-11-25"
    assert validate_value(" 2026-11-25 ", f) == "2026-11-25"
    assert validate_value(None, f) == validate_value("", f) == ""
    for shareable in (False, True):
        assert render_value("2026-11-25", f, context(shareable)) == "25-11-2026"
    found = search_text("2026-11-25", f)
    assert "25-11-2026" in found and "2026-11-25" in found


def test_a_choice_is_one_of_the_fields_options_and_written_by_its_label():
    f = make_field(FieldType.CHOICE, "status")
    assert validate_value(" open ", f) == "open"
    assert validate_value(None, f) == validate_value("", f) == ""
    with pytest.raises(ValueError, match="status: not one of open, naar_de_regio"):
        validate_value("beantwoord", f)
    nl = RenderContext.for_meeting(PEOPLE, "nl")
    assert render_value("naar_de_regio", f, nl) == "naar de regio"
    assert render_value("", f, nl) == ""
    assert "naar de regio" in search_text("naar_de_regio", f)
    with pytest.raises(ValueError, match="at least two options"):
        StepField(key="s", label={"nl": "S", "en": "S"}, type=FieldType.CHOICE)


def test_parked_items_from_every_step_are_gathered_once():
    spec = field_type(FieldType.PARKING)
    assert spec.gathered_under == "Parking place"
    assert spec.gather([["a", "b"], None, ["b", "c"]]) == ["a", "b", "c"]


def test_every_field_type_has_an_editor_in_the_app():
    from livinglab.tui.widgets.editors import missing_editors

    assert missing_editors() == []
