"""The follow view: a small app of its own that shows the running meeting to the room.

It starts without the main app (no home screen, no method editor, no write to the
database): `livinglab follow` imports this module only. It polls the read-only store a few
times a second and redraws when another connection has committed; once a second it moves
the countdown on and says whether the chair's app is still beating.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Markdown

from livinglab.meeting.follow import (
    POLL_EVERY, Clock, Follower, FollowProblem, FollowState, Phase, real_now,
)
from livinglab.i18n import N_, _
from livinglab.models import local
from livinglab.storage.store import StoreError
from livinglab.live.timer import format_seconds

from .screens.base import LabScreen
from .widgets.keybar import KeyBar
from .widgets.text import Plain


class FollowScreen(LabScreen):
    HELP = N_("This window follows the meeting that runs in the chair's app: the agenda "
              "item, the step's aim and guiding questions, the time left and what the group "
              "has said so far. It only reads; nothing typed here changes the meeting. "
              "**l** switches to larger text for a room, **q** closes the window; the "
              "arrow keys and page keys scroll.")
    # The screen's own layout, loaded when it is shown, in this app or in the chair's.
    # Not scoped: FollowInApp shares it, and rules start at this screen's own classes
    # (wide, large), which scoping would look for inside it.
    SCOPED_CSS = False
    CSS = """
    FollowScreen { layout: vertical; }
    #follow-where { height: auto; padding: 0 2; color: $text-muted; }
    #follow-body { height: 1fr; layout: vertical; }
    FollowScreen.wide #follow-body { layout: horizontal; }
    #follow-step { height: auto; max-height: 60%; padding: 0 2; }
    FollowScreen.wide #follow-step { width: 2fr; height: 1fr; max-height: 100%; }
    #follow-captured { height: 1fr; padding: 0 2; }
    FollowScreen.wide #follow-captured { width: 3fr; border-left: tall $primary; }
    #follow-title { text-style: bold; color: $accent; margin: 1 0 0 0; }
    #follow-aim { text-style: italic; margin: 1 0 0 0; }
    #follow-questions { margin: 1 0; }
    #follow-bottom { height: auto; padding: 0 2; }
    #follow-timer { width: auto; text-style: bold; margin: 0 2 0 0; }
    #follow-timer.over, #follow-digits.over { color: $error; }
    #follow-status { width: 1fr; color: $text-muted; }
    #follow-status.stopped { color: $warning; text-style: bold; }
    #follow-digits { display: none; width: auto; margin: 0 2 0 0; }
    /* Larger text: a terminal cannot set its font from inside, so the room mode gives the
       words more air and weight, shows the time left in large digits and leaves out the
       line with the meeting's whereabouts. */
    FollowScreen.large #follow-where { display: none; }
    FollowScreen.large #follow-digits { display: block; }
    FollowScreen.large #follow-timer { display: none; }
    FollowScreen.large #follow-step, FollowScreen.large #follow-captured { padding: 1 4; }
    FollowScreen.large #follow-aim, FollowScreen.large #follow-questions { text-style: bold; }
    """
    BINDINGS = [
        Binding("l", "larger", N_("Larger text"),
                tooltip=N_("Larger text for a room, or back to normal")),
        Binding("q", "quit", N_("Close"), tooltip=N_("Close the follow window")),
        Binding("plus", "larger", N_("Larger text for a room, or back to normal"),
                show=False),
        Binding("escape", "quit", N_("Close the follow window"), show=False),
    ]

    def __init__(self, follower: Follower, large: bool = False, now: Clock = real_now):
        super().__init__()
        self.follower = follower
        self.now = now
        self.state: FollowState | None = None
        self.problem = ""
        self.set_class(large, "large")

    def compose(self) -> ComposeResult:
        yield Plain("", id="follow-where")
        with Vertical(id="follow-body"):
            with VerticalScroll(id="follow-step"):
                yield Plain("", id="follow-title")
                yield Plain("", id="follow-aim")
                yield Plain("", id="follow-questions")
            with VerticalScroll(id="follow-captured"):
                yield Markdown("", id="follow-markdown")
        with Horizontal(id="follow-bottom"):
            yield Digits("", id="follow-digits")
            yield Plain("", id="follow-timer")
            yield Plain("", id="follow-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(POLL_EVERY, self.poll)
        self.set_interval(1, self.tick)
        self.query_one("#follow-captured").focus()
        self.poll()

    # --- reading ---------------------------------------------------------------------------

    def poll(self) -> None:
        if self.problem:
            return  # the meeting can no longer be followed: say so and stop reading
        try:
            if not self.follower.changed() and self.state is not None:
                return
            self.state = self.follower.read()
        except FollowProblem as e:
            self.problem = str(e)
        except StoreError as e:  # damaged or gone for a moment: say so, look again
            self.query_one("#follow-status", Plain).update(str(e))
            return
        self.show()

    def show(self) -> None:
        state = self.state
        title, aim, questions, captured, where = "", "", "", "", ""
        if self.problem:
            title = self.problem
        elif state is None or state.phase == Phase.WAITING:
            if state is not None and state.session is not None:
                title = _("Waiting for {title} to start…").format(title=state.session.title)
            else:
                title = _("Waiting for a meeting to start…")
            aim = _("This window shows the meeting as soon as the chair starts it.")
        elif state.phase == Phase.FINISHED:
            title = _("{title} has finished.").format(title=state.session.title)
            aim = _("Thank you for following along.")
        else:
            where = f"{state.session.title} · {_('Item')} {state.item_number}/" \
                    f"{state.item_count}: {state.item_title}"
            if state.step_number:
                where += f" · {_('Step')} {state.step_number}/{state.step_count}"
            title, aim, captured = state.title, state.aim, state.captured
            questions = "\n".join(f"• {q}" for q in state.questions)
        self.query_one("#follow-where", Plain).update(where)
        self.query_one("#follow-title", Plain).update(title)
        self.query_one("#follow-aim", Plain).update(aim)
        self.query_one("#follow-questions", Plain).update(questions)
        markdown = self.query_one("#follow-markdown", Markdown)
        if getattr(self, "_shown_markdown", None) != captured:
            self._shown_markdown = captured
            markdown.update(captured)
        self.tick()

    def tick(self) -> None:
        """Once a second: the countdown and whether the chair's app still beats."""
        state, now = self.state, self.now()
        timer_text, over, status, stopped = "", False, "", False
        if self.problem:
            status = _("No longer following.")
        elif state is not None and state.phase == Phase.FOLLOWING:
            timer = state.timer(now)
            if timer is not None:
                over = timer.over
                left = format_seconds(abs(timer.remaining_seconds))
                timer_text = (_("{time} over").format(time=left) if over
                              else _("{time} left").format(time=left))
                if not timer.running:
                    timer_text += f" ({_('paused')})"
                digits = ("-" if over else "") + left
                self.query_one("#follow-digits", Digits).update(digits)
            stopped = state.chair_stopped(now)
            if stopped and state.heartbeat is not None:
                status = _("The chair's app stopped at {time}; this may be out of date.").format(
                    time=local(state.heartbeat.beat_at).strftime("%H:%M:%S"))
            elif stopped:
                status = _("No sign of the chair's app yet; this may be out of date.")
            else:
                status = _("Following live.")
        self.query_one("#follow-timer", Plain).update(timer_text)
        self.query_one("#follow-timer").set_class(over, "over")
        digits = self.query_one("#follow-digits", Digits)
        digits.set_class(over, "over")
        digits.display = bool(timer_text) and self.has_class("large")
        label = self.query_one("#follow-status", Plain)
        label.update(status)
        label.set_class(stopped, "stopped")

    # --- keys ------------------------------------------------------------------------------

    def action_larger(self) -> None:
        self.toggle_class("large")
        self.tick()

    def action_quit(self) -> None:
        self.app.exit()


class FollowInApp(FollowScreen):
    """The follow view inside the app, for a meeting another window writes: closing it
    goes back to where the user came from, not out of the app."""

    def action_quit(self) -> None:
        self.app.pop_screen()


class FollowApp(App):
    CSS = "ModalScreen { align: center middle; }"  # help, and Textual's palette (as the app's)
    TITLE = "livinglab"
    BINDINGS = [Binding("f1", "help", N_("Help"))]

    def __init__(self, follower: Follower, large: bool = False, now: Clock = real_now):
        super().__init__()
        self.follower = follower
        self.large = large
        self.now = now

    def on_mount(self) -> None:
        self.push_screen(FollowScreen(self.follower, self.large, self.now))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The screen's keys and Textual's own commands, less the screenshot: a reader
        over SSH must not write files on the chair's computer."""
        for command in super().get_system_commands(screen):
            if "screenshot" not in command.title.lower():
                yield SystemCommand(_(command.title), _(command.help), command.callback,
                                    command.discover)
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description and binding.show:
                about = _(binding.tooltip) if binding.tooltip else _(binding.description)
                yield SystemCommand(about, _("Key: {key}").format(key=binding.key),
                                    lambda action=binding.action, s=screen: s.run_action(action))


def run_follow(follower: Follower, large: bool = False) -> None:
    FollowApp(follower, large).run()

