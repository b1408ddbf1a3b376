"""A step's timer: planned time, time spent, running or not; and how a time is shown."""

from __future__ import annotations


class StepTimer:
    """The arithmetic of one step's timer: planned time, time spent, running or not.

    Time spent is kept in float seconds: a timer paused and resumed many times a minute
    must not lose the fractions (five pauses after 0.4 s are 2 s, not 0)."""

    def __init__(self, planned_seconds: int, spent_seconds: float = 0, extra_seconds: int = 0):
        self.planned_seconds = planned_seconds
        self.extra_seconds = extra_seconds
        self._spent_before = spent_seconds
        self._started_at: float | None = None

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def start(self, now: float) -> None:
        if self._started_at is None:
            self._started_at = now

    def pause(self, now: float) -> None:
        self._spent_before = self.elapsed(now)
        self._started_at = None

    def add_minute(self) -> None:
        self.extra_seconds += 60

    def elapsed(self, now: float) -> float:
        running = now - self._started_at if self._started_at is not None else 0
        return self._spent_before + max(running, 0)

    def allowed(self) -> int:
        return self.planned_seconds + self.extra_seconds

    def remaining(self, now: float) -> float:
        """Seconds left; negative once the step runs over."""
        return self.allowed() - self.elapsed(now)

    def is_over(self, now: float) -> bool:
        return self.remaining(now) < 0


def format_seconds(seconds: float) -> str:
    """mm:ss, to the nearest second (so 1.9999999 s of float sums shows as 00:02)."""
    seconds = round(seconds)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"
