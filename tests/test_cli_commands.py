"""The commands are module-level click objects (issue 23): each can be invoked on its own
with click's CliRunner, given the Config the top-level options would make, and its
help is read in the language of the run, however often the language changes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from livinglab import i18n
from livinglab.commands import archive, common, library, meetings, memory, privacy
from livinglab.launch import Config

from conftest import plan_dilemma_meeting


@pytest.fixture
def config(library_store, methods, db_path):
    plan_dilemma_meeting(library_store, methods)
    library_store.close()
    opened = Config(db_path)
    yield opened
    opened.close()


def invoke(command, args, config):
    return CliRunner().invoke(command, args, obj=config, prog_name="livinglab")


def test_export_runs_as_a_function_and_writes_the_minutes(config, tmp_path):
    target = tmp_path / "notulen.md"
    result = invoke(meetings.export, ["latest", "-o", str(target)], config)
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("# Minutes: Moreel beraad november")
    again = invoke(meetings.export, ["latest", "-o", str(target)], config)
    assert again.exit_code == 1
    assert f"livinglab: {target} exists; add --force to overwrite it" in again.output


def test_a_reference_a_command_cannot_resolve_is_one_line(config):
    result = invoke(library.cases, ["show", "nope"], config)
    assert (result.exit_code, result.output) == (1, "livinglab: no case with id nope\n")
    result = invoke(library.cases, ["show", "fraude-in-vertrouwen"], config)
    assert result.exit_code == 0 and "Fraude" in result.output


def test_the_shared_group_option_finds_the_group_by_any_case_of_its_name(config):
    result = invoke(privacy.privacy, ["names", "add", "Fatima Jansen", "--group",
                                      "wijkteam havenkwartier"], config)
    assert result.exit_code == 0, result.output
    result = invoke(privacy.privacy, ["names", "list", "--group", "Oost"], config)
    assert result.exit_code == 1
    assert result.output.startswith("livinglab: no group called Oost; the groups are: ")
    result = invoke(privacy.privacy, ["names", "remove", "Fatima Jansen", "--group",
                                      "Wijkteam Havenkwartier"], config)
    assert result.exit_code == 0, result.output
    # An empty list says so beside it, on standard error: a script reads no line.
    result = invoke(privacy.privacy, ["names", "list", "--group", "Wijkteam Havenkwartier"],
                    config)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "The watch list of Wijkteam Havenkwartier is empty.\n"


def test_questions_status_runs_as_a_function_and_its_help_names_the_statuses(config):
    from livinglab.models import Group, SlowQuestion, SlowQuestionStatus
    from livinglab.storage.store import Store

    with Store(config.db_path) as store:
        [group] = store.select(Group, "name = ?", ["Wijkteam Havenkwartier"])
        question = store.save(SlowQuestion(group_id=group.id, question="Wie is de regie?"))
    listed = invoke(memory.questions_command, [], config)
    assert listed.exit_code == 0 and question.id[:8] in listed.output
    result = invoke(memory.questions_command, ["status", question.id[:8].upper(),
                                               "inzicht-bereikt"], config)
    assert result.exit_code == 0, result.output
    assert result.output == (f"Slow question {question.id[:8]} is now insight reached (was "
                             "open): Wie is de regie?\n")
    with Store(config.db_path) as store:
        assert store.get(SlowQuestion, question.id).status == SlowQuestionStatus.INSIGHT
    for lang, words in (("nl", "open, in-verkenning (in verder onderzoek), inzicht-bereikt, "
                               "afgerond (beantwoord)"),
                        ("en", "in-verkenning (being explored further)")):
        i18n.set_language(lang)
        shown = invoke(memory.questions_command, ["status", "--help"], config).output
        assert words in " ".join(shown.split()), (lang, shown)
    i18n.set_language("en")


def test_a_command_says_its_help_in_the_language_of_each_run():
    runner = CliRunner()
    for lang, words in (("nl", ["Overschrijf een bestaand bestand.", "BESTAND",
                                "Toon deze hulp en stop."]),
                        ("en", ["Overwrite an existing file.", "FILE",
                                "Show this message and exit."]),
                        ("nl", ["Overschrijf een bestaand bestand."])):
        i18n.set_language(lang)
        i18n.translate_click()
        shown = runner.invoke(archive.backup_command, ["--help"]).output
        assert all(word in shown for word in words), (lang, shown)


def test_the_shared_options_are_declared_once():
    """--force, --output and --yes mean one thing on every command that has them."""
    from livinglab.commands.group import COMMANDS, command_object

    def commands(cmd):
        yield cmd
        for sub in getattr(cmd, "commands", {}).values():
            yield from commands(sub)

    helps: dict[str, set] = {}
    for name in COMMANDS:
        for cmd in commands(command_object(name)):
            assert isinstance(cmd, common.LabCommand), cmd.name
            for param in cmd.params:
                if param.name in ("force", "yes"):
                    helps.setdefault(param.name, set()).add(param._help_text)
    assert helps == {"force": {"Overwrite an existing file."},
                     "yes": {"Do not ask (for scripts)."}}
