import ast
from pathlib import Path

from enum import StrEnum

from livinglab import i18n, models

ROOT = Path(__file__).resolve().parents[1]


def messages_in_code():
    """Every literal string passed to _() in the core and the app."""
    found = set()
    for path in list((ROOT / "src").rglob("*.py")) + list((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and (getattr(node.func, "id", None) in ("_", "N_")
                         or getattr(node.func, "attr", None) == "_") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def test_every_interface_message_has_a_dutch_translation():
    missing = sorted(messages_in_code() - set(i18n.catalogue("nl")))
    assert missing == []


def test_the_dutch_catalogue_has_no_leftovers():
    unused = sorted(set(i18n.catalogue("nl")) - messages_in_code())
    assert unused == []


def test_every_coded_value_has_a_label_in_both_languages():
    enums = [enum for enum in vars(models).values()
             if isinstance(enum, type) and issubclass(enum, StrEnum) and enum is not StrEnum]
    for lang in i18n.LANGUAGES:
        missing = [f"{enum.__name__}.{member.value}" for enum in enums for member in enum
                   if member.value not in i18n.terms(lang).get(enum.__name__, {})]
        assert missing == [], lang


def test_a_word_in_two_kinds_keeps_a_label_per_kind():
    from livinglab.models import SessionStatus, SlowQuestionStatus

    assert i18n.term(SessionStatus.FINISHED, "en") == "finished"
    assert i18n.term(SlowQuestionStatus.SETTLED, "en") == "answered"
    assert i18n.term(SessionStatus.FINISHED, "nl") != i18n.term(SlowQuestionStatus.SETTLED, "nl")


def test_language_comes_from_the_flag_then_the_locale():
    assert i18n.choose_language("en", {"LANG": "nl_NL.UTF-8"}) == "en"
    assert i18n.choose_language(None, {"LANG": "nl_BE.UTF-8"}) == "nl"
    assert i18n.choose_language(None, {"LC_ALL": "en_GB.UTF-8", "LANG": "nl_NL"}) == "en"
    assert i18n.choose_language(None, {}) == "en"


def test_a_message_is_translated_in_dutch_and_kept_in_english():
    i18n.set_language("nl")
    assert i18n._("Meetings") == "Bijeenkomsten"
    i18n.set_language("en")
    assert i18n._("Meetings") == "Meetings"


def click_messages():
    """Every literal message click passes to gettext (`_`, `ngettext`) in its source."""
    import click

    found = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
                found.update(arg.value for arg in node.args[:2]
                             if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return found


# Texts that click reworded within the versions livinglab supports (8.3.1 and later):
# one of each pair is missing from whichever click is installed.
REWORDED_IN_CLICK = {
    "No such option: {name}", "No such option {name!r}.",
    "(Possible options: {possibilities})", "(Did you mean one of: {possibilities}?)",
    "Positional arguments",
}


def test_every_translated_click_text_is_one_click_still_uses():
    unused = set(i18n.click_catalogue("nl")) - click_messages() - REWORDED_IN_CLICK
    assert sorted(unused) == []


def test_click_translations_keep_their_placeholders():
    import re
    import string

    def fields(text):
        """{name} fields and %(name)s fields, as click formats them."""
        braces = [f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f]
        return sorted(braces) + sorted(re.findall(r"%\(\w+\)s", text))

    for english, dutch in i18n.click_catalogue("nl").items():
        assert fields(dutch) == fields(english), english


def test_the_texts_click_shows_most_are_translated():
    shown = {"Usage:", "Options", "Commands", "Show this message and exit.",
             "Show the version and exit.", "Error: {message}", "Try '{command} {option}' for help.",
             "No such command {name!r}.", "Missing argument", "Invalid value for {param_hint}: {message}",
             "{value!r} is not one of {choices}.", "{name} {filename!r} does not exist."}
    assert sorted(shown - set(i18n.click_catalogue("nl"))) == []
    assert sorted(shown - click_messages()) == []
    assert i18n.click_catalogue("en") == {}


def test_a_catalogue_is_parsed_once_and_again_when_it_is_edited(tmp_path):
    source = tmp_path / "nl.toml"
    source.write_text('"Quit" = "Stop"\n', "utf-8")
    cache = tmp_path / "cache"
    assert i18n.read_catalogue(source, cache) == {"Quit": "Stop"}
    [kept] = cache.iterdir()
    assert kept.stat().st_mode & 0o777 == 0o600
    kept.write_text('{"Quit": "from the cache"}', "utf-8")  # the next start reads this
    assert i18n.read_catalogue(source, cache) == {"Quit": "from the cache"}
    source.write_text('"Quit" = "Afsluiten"\n', "utf-8")  # a translator's edit
    assert i18n.read_catalogue(source, cache) == {"Quit": "Afsluiten"}


def test_a_cache_that_cannot_be_written_or_read_only_costs_time(tmp_path):
    source = tmp_path / "nl.toml"
    source.write_text('"Quit" = "Stop"\n', "utf-8")
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", "utf-8")
    assert i18n.read_catalogue(source, blocked) == {"Quit": "Stop"}
    cache = tmp_path / "cache"
    i18n.read_catalogue(source, cache)
    [kept] = cache.iterdir()
    kept.write_text('{"Quit": "Sto', "utf-8")  # cut off: a full disk, a crash
    assert i18n.read_catalogue(source, cache) == {"Quit": "Stop"}


def test_a_date_is_written_one_way_and_read_back():
    import datetime as dt

    from livinglab.meeting.planning import parse_date

    day = dt.date(2026, 3, 5)
    assert i18n.format_date(day) == "05-03-2026"
    assert i18n.format_date("2026-03-05") == "05-03-2026"  # as the search index keeps it
    assert i18n.format_date(None) == i18n.format_date("") == ""
    assert parse_date(i18n.format_date(day)) == day
    assert i18n.long_date(day, "nl") == "5 maart 2026"
    assert i18n.long_date(day, "en") == "5 March 2026"
