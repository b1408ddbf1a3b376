"""A program in a pseudo-terminal, as a person's terminal runs it: keys in, text out.

The benchmarks time what a user waits for (the first screen, a key until it is stored);
the crash test kills the app in the middle of typing. Both need the real program in a real
terminal, not Pilot. There is no terminal emulator here: what the program writes is kept
as text with the escape sequences taken out, which is enough to see a word appear (a word
of one colour is written in one piece). Needs Linux or macOS (pty, /proc for memory).
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Sequence

# CSI (colours, cursor moves, modes), OSC (title, clipboard), DCS/APC/PM (queries), and the
# two-character escapes. An escape cut off at the end of a read waits for the next read.
CSI = rb"\x1b\[[0-?]*[ -/]*[@-~]"
OSC = rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
STRING = rb"\x1b[P_^][^\x1b]*\x1b\\"
SHORT = rb"\x1b[ -/]*[0-~]"
ESCAPE = re.compile(b"|".join([CSI, OSC, STRING, SHORT]))
ESCAPE_OF_KIND = {b"[": re.compile(CSI), b"]": re.compile(OSC), b"P": re.compile(STRING),
                  b"_": re.compile(STRING), b"^": re.compile(STRING)}
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

ENTER = b"\r"
ESCAPE_KEY = b"\x1b"
TAB = b"\t"


def ctrl(letter: str) -> bytes:
    """The byte a terminal sends for ctrl+letter."""
    return bytes([ord(letter.lower()) - ord("a") + 1])


class TerminalTimeout(AssertionError):
    pass


class PtyProgram:
    """`command` running in a pseudo-terminal of `size` (columns, rows).

    `started` is the moment just before the program was started (perf_counter), so that
    `wait_for` answers how long after the start a text appeared.
    """

    def __init__(self, command: Sequence[str], size: tuple[int, int] = (80, 24),
                 env: dict[str, str] | None = None, cwd: str | None = None):
        self.command = list(command)
        self.size = size
        self.env = terminal_env(env)
        self.cwd = cwd
        self.process: subprocess.Popen | None = None
        self._master = -1
        self._text = ""  # everything written, escapes taken out
        self._arrivals: list[tuple[float, int]] = []  # (when, length of _text after a read)
        self._changed = threading.Condition()
        self._reader: threading.Thread | None = None
        self.started = 0.0

    # --- life ---------------------------------------------------------------------------

    def start(self) -> PtyProgram:
        master, slave = os.openpty()
        columns, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._master = master
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            self.command, stdin=slave, stdout=slave, stderr=slave, env=self.env, cwd=self.cwd,
            start_new_session=True, close_fds=True)
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def stop(self) -> None:
        """End the program (SIGKILL: nothing of it is measured or kept after this)."""
        if self.process is not None and self.process.poll() is None:
            self.kill()
        if self.process is not None:
            self.process.wait(timeout=10)
        if self._reader is not None:
            self._reader.join(timeout=5)
        if self._master >= 0:
            os.close(self._master)
            self._master = -1

    def kill(self, sig: int = signal.SIGKILL) -> None:
        self.process.send_signal(sig)
        if sig == signal.SIGKILL:
            self.process.wait(timeout=10)

    def __enter__(self) -> PtyProgram:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    # --- output -------------------------------------------------------------------------

    def _read(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        pending = b""
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # EIO: the program closed the terminal (it ended)
                chunk = b""
            now = time.perf_counter()
            if not chunk:
                with self._changed:
                    self._arrivals.append((now, len(self._text)))
                    self._changed.notify_all()
                return
            data = pending + chunk
            cut = data.rfind(b"\x1b")
            if cut >= 0 and not _complete(data[cut:]) and len(data) - cut < 4096:
                data, pending = data[:cut], data[cut:]  # an escape not yet complete
            else:
                pending = b""
            text = CONTROLS.sub(" ", decoder.decode(ESCAPE.sub(b" ", data)))
            with self._changed:
                self._text += text
                self._arrivals.append((now, len(self._text)))
                self._changed.notify_all()

    def mark(self) -> int:
        """A point in the output: `wait_for(..., since=mark)` looks only at what came later."""
        with self._changed:
            return len(self._text)

    def text(self, since: int = 0) -> str:
        with self._changed:
            return self._text[since:]

    def wait_for(self, *texts: str, timeout: float = 20.0, since: int = 0) -> float:
        """Wait until every one of `texts` has been written (after `since`); the seconds
        from the start to the read that completed them. Raises TerminalTimeout with the
        end of the output when the time is up or the program ended."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                ends = [self._text.find(t, since) for t in texts]
                if all(end >= 0 for end in ends):
                    complete = max(end + len(t) for end, t in zip(ends, texts))
                    when = next(at for at, length in self._arrivals if length >= complete)
                    return when - self.started
                left = deadline - time.monotonic()
                ended = self.process.poll() is not None and not self._reader.is_alive()
                if left <= 0 or ended:
                    tail = " ".join(self._text[since:].split())[-1500:]
                    why = "the program ended" if ended else f"{timeout:.0f} s passed"
                    missing = [t for t, end in zip(texts, ends) if end < 0]
                    raise TerminalTimeout(f"{why} without {missing!r} on screen; "
                                          f"the last output: {tail}")
                self._changed.wait(min(left, 0.05))

    # --- input --------------------------------------------------------------------------

    def send(self, keys: bytes | str) -> None:
        """Bytes as the keyboard sends them (ctrl(), ENTER, or text)."""
        data = keys.encode() if isinstance(keys, str) else keys
        os.write(self._master, data)

    # --- resources ----------------------------------------------------------------------

    def peak_memory(self) -> int:
        """The program's peak resident memory (VmHWM) in bytes."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        raise RuntimeError("no VmHWM in /proc/PID/status")


def _complete(escape: bytes) -> bool:
    """Whether the escape sequence at the start of `escape` has all its bytes."""
    if len(escape) < 2:
        return False
    return (ESCAPE_OF_KIND.get(escape[1:2]) or re.compile(SHORT)).match(escape) is not None


def terminal_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a program in a colour terminal, free of what would change its
    size or language behind our back."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "TEXTUAL", "NO_COLOR", "TMUX")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
    env.update(extra or {})
    return env


def wait_until(condition, timeout: float, every: float = 0.01, what: str = "the condition"):
    """Poll `condition()` until it returns something true; that value. TerminalTimeout
    when `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TerminalTimeout(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(every)
