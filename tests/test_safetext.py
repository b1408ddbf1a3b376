import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livinglab.text.terminal import clean, one_line
from livinglab.meeting import queries as meeting_queries
from livinglab.models import Session

from conftest import examples

ESC = "\x1b"
# What a terminal would obey rather than show: C0 but LF and tab, DEL, C1, bidi controls.
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("text, expected", [
    (f"{ESC}[31mrood{ESC}[0m", "rood"),                      # CSI: colour
    (f"a{ESC}[2J{ESC}[1;1Hb", "ab"),                         # CSI: clear screen, move
    (f"a{ESC}[?1049hb", "ab"),                               # CSI with a private marker
    (f"titel{ESC}]0;evil\x07 na", "titel na"),               # OSC ended by BEL
    (f"{ESC}]8;;https://x.example{ESC}\\link{ESC}]8;;{ESC}\\", "link"),  # OSC 8, ended by ST
    (f"a{ESC}P1$r{ESC}\\b", "ab"),                           # DCS
    (f"a{ESC}cb", "ab"),                                     # ESC + one char: reset
    (f"a{ESC}(Bb", "ab"),                                    # ESC, intermediate, final
    ("a\x9b31mb", "ab"),                                     # 8-bit CSI
    ("a\x9d0;evil\x9cb", "ab"),                              # 8-bit OSC ended by 8-bit ST
    (f"open {ESC}]0;never closed", "open 0;never closed"),  # unterminated: nothing swallowed
])
def test_escape_sequences_go_whole(text, expected):
    assert clean(text) == expected


def test_controls_go_and_newline_and_tab_stay():
    assert clean("a\x00b\x07c\x08d\x7fe\x85f\x0cg") == "abcdefg"
    assert clean("kolom\tkolom\nregel") == "kolom\tkolom\nregel"


def test_line_ends_become_lf():
    assert clean("een\r\ntwee\rdrie\n") == "een\ntwee\ndrie\n"


def test_bidi_overrides_and_isolates_go_and_the_marks_stay():
    overrides = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert clean(f"a{overrides}b") == "ab"
    assert clean("Dr.\u200f Ahmed \u200e(RLM, LRM)") == "Dr.\u200f Ahmed \u200e(RLM, LRM)"


def test_ordinary_text_comes_back_unchanged():
    text = "Meneer K. vertelt — aan de keukentafel — dat hij bijverdient. Één café, 中文, عربي."
    assert clean(text) is text


def test_one_line_makes_a_table_cell():
    assert one_line("Twee\nregels\t en  \x1b[31mkleur") == "Twee regels en kleur"


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet=st.sampled_from(
    ["a", " ", "\n", "\r", "\t", ESC, "[", "]", "\\", "\x07", "0", ";", "m", "P", "\x9b",
     "\x9c", "\x9d", "\x00", "\u202e", "\u2066", "\u200e", "é"]), max_size=60))
def test_nothing_a_terminal_obeys_survives_and_clean_is_idempotent(text):
    result = clean(text)
    assert UNWANTED.search(result) is None
    assert clean(result) == result


def test_typed_text_is_cleaned_on_its_way_into_a_meeting(library_store, methods):
    from livinglab.models import AgendaKind, Role
    from livinglab.meeting.planning import (
        MeetingPlan,
        PlannedItem,
        PlannedParticipant,
        create_meeting,
    )

    plan = MeetingPlan(
        title=f"Overleg {ESC}[31mrood", group_name="Wijkteam\u202e Noord", date="25-11-2026",
        location=f"Buurthuis{ESC}]0;evil\x07 De Kaap",
        participants=[PlannedParticipant(f"Anouk{ESC}[2J Visser", Role.CHAIR)],
        agenda=[PlannedItem(f"Opening\x00{ESC}[1m"),
                PlannedItem("Casusbespreking", AgendaKind.CASE_REVIEW,
                            case_id="fraude-in-vertrouwen", method_id="dilemma")],
    )
    session = create_meeting(library_store, plan, methods)
    stored = library_store.get(Session, session.id)
    assert stored.title == "Overleg rood" and stored.location == "Buurthuis De Kaap"
    assert [g.name for g in meeting_queries.groups(library_store)] == ["Wijkteam Noord"]
    assert [p.name for _p, p in meeting_queries.participants(library_store, session.id)] == ["Anouk Visser"]
    assert [i.title for i in meeting_queries.agenda(library_store, session.id)] == ["Opening", "Casusbespreking"]


def test_agenda_titles_are_cleaned():
    from livinglab.meeting.planning import MeetingPlan, PlannedItem, cleaned

    plan = cleaned(MeetingPlan(agenda=[PlannedItem(f"Opening{ESC}[31m"),
                                       PlannedItem("Sluiting\u202e")]))
    assert [item.title for item in plan.agenda] == ["Opening", "Sluiting"]
