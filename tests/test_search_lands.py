"""Search lands on the hit (issue 25): enter on a search result, or on an item of the
knowledge screen, opens the minutes scrolled to the place, marked, with n / N to the next
and previous places. Keys only, at 80x24, on a finished dilemma review whose hits stand
far below the first screen of its minutes."""

from __future__ import annotations

from livinglab.live.workshop import Workshop
from livinglab.storage.store import Store
from livinglab.text.find import find_phrase, find_words, hit_near, marked

from apptools import make_app, screen_text, search_for, type_text, until
from conftest import empty_db, fill_dilemma_review, plan_dilemma_meeting


def finished_review(db_path, methods, clock):
    with Store(empty_db(db_path)) as store:
        from livinglab.library.cases import example_cases, import_cases

        import_cases(store, example_cases())
        session = plan_dilemma_meeting(store, methods)
        workshop = Workshop(store, session.id, methods, clock=clock)
        fill_dilemma_review(workshop, clock)
        workshop.finish()


def flat(app) -> str:
    return " ".join(screen_text(app).split())


async def test_enter_on_a_search_hit_shows_it_marked_and_n_goes_to_the_next(db_path, methods,
                                                                            clock):
    finished_review(db_path, methods, clock)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, app, "klantmanager")
        assert await until(pilot, lambda: "found" in screen_text(app))
        await pilot.press("down", "enter")
        assert await until(pilot, lambda: "Found 1 of 2" in flat(app))
        # the first place, scrolled to: the clarifying question, far below the header
        assert await until(pilot, lambda: "Weet de klantmanager het al" in flat(app))
        assert "Minutes: Moreel beraad" not in flat(app)
        await pilot.press("n")
        assert await until(pilot, lambda: "Found 2 of 2" in flat(app))
        assert await until(pilot, lambda: "Nu al melden bij de klantmanager" in flat(app))
        await pilot.press("n")  # round to the first again
        assert await until(pilot, lambda: "Found 1 of 2" in flat(app))
        await pilot.press("N")
        assert await until(pilot, lambda: "Found 2 of 2" in flat(app))
        await pilot.press("escape")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "results")


async def test_enter_on_a_lesson_in_the_knowledge_screen_shows_it_in_the_minutes(
        db_path, methods, clock):
    finished_review(db_path, methods, clock)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        lesson = "Bij signalen van fraude eerst bespreken in het team"
        assert await until(pilot, lambda: lesson in flat(app))
        await pilot.press("enter")
        assert await until(pilot, lambda: "Found 1 of 1" in flat(app))
        assert await until(pilot, lambda: f"• {lesson}" in flat(app))  # scrolled to it
        assert "Minutes: Moreel beraad" not in flat(app)


async def test_each_search_result_opens_the_minutes_at_its_own_place(db_path, methods, clock):
    finished_review(db_path, methods, clock)
    app = make_app(db_path, methods)
    landed = []
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, app, "klantmanager")
        assert await until(pilot, lambda: "3 found" in screen_text(app))  # 2 said, 1 case
        for _row in range(2):
            await pilot.press("down", "enter")
            assert await until(pilot, lambda: " of 2" in flat(app))
            landed.append(flat(app).split("Found ")[1][:1])
            await pilot.press("escape")  # back on the row entered: down goes to the next
            assert await until(pilot, lambda: getattr(app.focused, "id", None) == "results")
    assert sorted(landed) == ["1", "2"], landed


def test_a_search_results_snippet_picks_its_own_place_among_the_hits():
    text = "Stap 4\n\n- Weet de klantmanager het al? Nee.\n\nStap 7\n\nNu al melden bij de klantmanager"
    hits = find_words(text, "klantmanager")
    snippet = "…al melden bij de \ue000klantmanager\ue001"
    assert hit_near(text, hits, snippet, ("\ue000", "\ue001")) == 1
    assert hit_near(text, hits, "Weet de \ue000klantmanager\ue001 het", ("\ue000", "\ue001")) == 0
    assert hit_near(text, hits, "iets \ue000anders\ue001", ("\ue000", "\ue001")) == 0


def test_the_words_of_a_search_are_found_and_marked_without_breaking_the_markdown():
    text = "# Notulen\n\n| Wie | Wat |\n|---|---|\n| Kinderarmoede | Één Armoede-plan |\n\nrust"
    hits = find_words(text, 'armoede OR "een"')
    assert [text[h.start:h.end] for h in hits] == ["Kinderarmoede", "Één", "Armoede"]
    assert {h.line for h in hits} == {4}
    assert marked(text, hits).splitlines()[4] == "| `Kinderarmoede` | `Één` `Armoede`-plan |"
    assert find_words(text, "AND OR") == []


def test_an_items_text_is_found_as_a_run_of_words_across_escapes_and_lines():
    text = "Intro\n\n- Vertrouwen \\*eerst\\*, dan\nde regels: zo blijft meneer in beeld\n"
    [hit] = find_phrase(text, "Vertrouwen eerst, dan de regels: zo blijft meneer in beeld")
    assert hit.line == 2
    assert find_phrase(text, "iets anders") == []


async def test_typing_in_the_results_goes_on_in_the_search_field_and_opens_nothing(
        db_path, methods, clock):
    # A walker typed a new query with the results focused: enter had opened a hit and the
    # letters acted as the minutes' keys (s saved a file).
    finished_review(db_path, methods, clock)
    app = make_app(db_path, methods)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, app, "klantmanager")
        assert await until(pilot, lambda: "3 found" in screen_text(app))
        await pilot.press("enter")  # to the results
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "results")
        await type_text(pilot, " zebrx")
        await pilot.press("backspace", "a")
        assert await until(pilot, lambda: getattr(app.focused, "id", None) == "query")
        assert await until(pilot, lambda: "Nothing holds all of klantmanager zebra; fewer "
                           "words find more." in flat(app))
        assert "Search for" not in flat(app) and "klantmanager zebra" in flat(app)
        assert type(app.screen).__name__ == "SearchScreen"  # no minutes opened
