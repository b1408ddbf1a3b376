"""The runner: the screen that runs a meeting (screen.py), what it stores as it is typed
(edits.py), the case beside the step (case.py) and the items around the review
(agenda.py)."""

from .screen import RunnerScreen, correct_finished_meeting

__all__ = ["RunnerScreen", "correct_finished_meeting"]
