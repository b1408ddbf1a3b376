"""A normal install (issue 29): the wheel, and the wheel built from the sdist, each
installed (not editable) into a fresh venv outside the source tree, give a livinglab that
works from another folder: every command's help, the demo, minutes in every format, the
version, `python -m livinglab` and the app itself. A package or data file the build left
out fails here, as `livinglab.commands` once went missing from every install.

Slow (two builds, two installs from the package registry): `make test` leaves them out;
`make test ARGS="-m slow"` runs them, as CI does after the suite.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import pty
import re
import select
import shutil
import sqlite3
import struct
import subprocess
import sys
import tarfile
import termios
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from livinglab.library.cases import example_cases
from livinglab.i18n import _

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    """Run `command`; its output is in the failure message when it fails."""
    result = subprocess.run([str(part) for part in command], capture_output=True,
                            text=True, **kwargs)
    assert result.returncode == 0, (f"{' '.join(map(str, command))} exited "
                                    f"{result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def package_dirs() -> dict[str, str]:
    """setup.py's map of the installed tree to the source folders, read from setup.py
    itself so the test checks the layout the build uses."""
    spec = importlib.util.spec_from_file_location("livinglab_setup", ROOT / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PACKAGE_DIRS


def source_files() -> list[str]:
    """What a clean clone with the working changes holds: the files git tracks or would
    add, as paths relative to the repository."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout: the files to ship are the ones git knows")
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                 cwd=ROOT).stdout.split("\0")
    return sorted(name for name in listed if name and (ROOT / name).is_file())


def installed_name(source: str, dirs: dict[str, str]) -> str | None:
    """Where a source file lies in the wheel (`tui/app.py` -> `livinglab/tui/app.py`), or
    None outside the package folders. The longest folder wins: a part can lie inside
    another's folder."""
    for package, folder in sorted(dirs.items(), key=lambda item: -len(item[1])):
        if source.startswith(folder + "/"):
            return package.replace(".", "/") + source[len(folder):]
    return None


@dataclass
class Artefact:
    kind: str  # "wheel": built from the tree; "sdist": the wheel built from the sdist
    wheel: Path
    sdist: Path | None


@dataclass
class Installed:
    venv: Path
    home: Path  # a folder outside the source tree: the commands run here
    env: dict[str, str]

    def livinglab(self, *args, **kwargs) -> subprocess.CompletedProcess:
        return run([self.venv / "bin" / "livinglab", *args], cwd=self.home, env=self.env,
                   **kwargs)


@pytest.fixture(scope="module")
def source_tree(tmp_path_factory) -> tuple[Path, list[str]]:
    """A copy of the repository as a clean clone would have it: the build never writes
    into the working tree, and leftovers there (build/, .egg-info) cannot hide a gap."""
    files = source_files()
    copy = tmp_path_factory.mktemp("source") / "livinglab"
    for name in files:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    return copy, files


# Each artefact's tests run in one worker (`--dist loadgroup`): it is built once.
@pytest.fixture(scope="module", params=[
    pytest.param("wheel", marks=pytest.mark.xdist_group("wheel")),
    pytest.param("sdist", marks=pytest.mark.xdist_group("sdist")),
])
def artefact(request, source_tree, tmp_path_factory) -> Artefact:
    source, _files = source_tree
    out = tmp_path_factory.mktemp(f"dist-{request.param}")
    # Without --wheel, build makes the sdist and then the wheel from the unpacked sdist.
    flags = ["--wheel"] if request.param == "wheel" else []
    run([sys.executable, "-m", "build", "--outdir", out, *flags, source])
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return Artefact(request.param, wheels[0], next(out.glob("*.tar.gz"), None))


@pytest.fixture(scope="module")
def installed(artefact, tmp_path_factory) -> Installed:
    """The artefact's wheel in a fresh venv with the pinned dependencies, used from a
    folder of its own, with its own user data and cache folders."""
    place = tmp_path_factory.mktemp(f"install-{artefact.kind}")
    venv = place / "venv"
    run([sys.executable, "-m", "venv", venv])
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", "-c", CONSTRAINTS, artefact.wheel])
    home = place / "elsewhere"
    home.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.defpath}",
        "HOME": str(home),
        "XDG_DATA_HOME": str(place / "data"),
        "XDG_CACHE_HOME": str(place / "cache"),
        "XDG_CONFIG_HOME": str(place / "config"),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }
    return Installed(venv, home, env)


def test_the_wheel_holds_every_file_of_the_package_folders(artefact, source_tree):
    _source, files = source_tree
    dirs = package_dirs()
    with zipfile.ZipFile(artefact.wheel) as wheel:
        names = set(wheel.namelist())
        expected = {installed_name(name, dirs) for name in files} - {None}
        assert expected, "no file of the package folders was found"
        assert sorted(expected - names) == []
        info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
        assert wheel.read(f"{info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
        metadata = wheel.read(f"{info}/METADATA").decode("utf-8")
    headers, _blank, description = metadata.partition("\n\n")
    assert "License-File: LICENSE" in headers.splitlines()
    assert description.strip() == (ROOT / "README.md").read_text("utf-8").strip()


@pytest.mark.parametrize("artefact", [
    pytest.param("sdist", marks=pytest.mark.xdist_group("sdist"))], indirect=True)
def test_the_sdist_holds_the_source_the_licence_and_the_readme(artefact, source_tree):
    _source, files = source_tree
    dirs = package_dirs()
    with tarfile.open(artefact.sdist) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        names = {name.removeprefix(top + "/") for name in sdist.getnames()}
        wanted = {name for name in files if installed_name(name, dirs) is not None}
        wanted |= {"LICENSE", "README.md", "pyproject.toml", "setup.py"}
        assert sorted(wanted - names) == []
        assert sdist.extractfile(f"{top}/LICENSE").read() == (ROOT / "LICENSE").read_bytes()


def test_the_installed_livinglab_is_the_wheel_not_the_source_tree(installed, artefact):
    where = run([installed.venv / "bin" / "python", "-c",
                 "import livinglab; print(livinglab.__file__); print(livinglab.__version__)"],
                cwd=installed.home, env=installed.env).stdout.split()
    assert Path(where[0]).is_relative_to(installed.venv)
    version = artefact.wheel.name.split("-")[1]
    assert where[1] == version
    assert installed.livinglab("--version").stdout.split()[-1] == version


def commands_listed(help_text: str) -> list[str]:
    """The command names in click's 'Commands:' section of a help text."""
    section = help_text.partition("\nCommands:\n")[2]
    return [match.group(1) for match in re.finditer(r"^  (\S+)", section, re.MULTILINE)]


def test_every_command_and_subcommand_shows_its_help(installed):
    top = installed.livinglab("--lang", "en", "--help").stdout
    to_visit = [[name] for name in commands_listed(top)]
    assert to_visit, top
    seen = []
    while to_visit:
        command = to_visit.pop()
        # Help of a command imports its module: a module the wheel lacks fails here.
        shown = installed.livinglab("--lang", "en", *command, "--help").stdout
        assert shown.startswith(f"Usage: livinglab {' '.join(command)}"), shown
        to_visit += [command + [name] for name in commands_listed(shown)]
        seen.append(command)
    assert len(seen) > len(commands_listed(top))  # the groups' subcommands were visited
    # The Dutch catalogue is installed too: the help speaks Dutch.
    assert installed.livinglab("--lang", "nl", "--help").stdout != top


def test_python_m_livinglab_is_the_livinglab_command(installed):
    python = run([installed.venv / "bin" / "python", "-m", "livinglab", "--help"],
                 cwd=installed.home, env=installed.env).stdout
    assert python == installed.livinglab("--help").stdout


def test_the_demo_and_its_minutes_in_every_format(installed):
    db = installed.home / "demo.db"
    installed.livinglab("--db", db, "demo")
    for suffix in (".md", ".docx"):
        target = installed.home / f"notulen{suffix}"
        installed.livinglab("--db", db, "--lang", "nl", "export", "latest", "-o", target)
        assert target.stat().st_size > 0
        assert target.stat().st_mode & 0o777 == 0o600
    assert (installed.home / "notulen.md").read_text("utf-8").startswith("# ")
    with zipfile.ZipFile(installed.home / "notulen.docx") as docx:
        assert "word/document.xml" in docx.namelist()


def test_a_new_database_holds_the_example_cases(installed):
    """The installed app fills a new database with the example cases it carries (as its
    first start does; reading commands never create a database)."""
    new = installed.home / "new.db"
    fill = ("import sys; from livinglab.storage.store import Store; "
            "from livinglab.library.cases import example_cases, import_cases; "
            "import_cases(Store(sys.argv[1]), example_cases())")
    run([installed.venv / "bin" / "python", "-c", fill, new], cwd=installed.home,
        env=installed.env)
    listed = installed.livinglab("--db", new, "cases", "list").stdout
    slugs = [case.slug for case in example_cases().cases]
    assert slugs and [slug for slug in slugs if slug not in listed] == []


ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def run_in_terminal(command: list, env: dict[str, str], cwd: Path, shows: list[str],
                    then: bytes, size=(40, 160), timeout=30.0) -> tuple[int, str, bool]:
    """Run `command` in a pseudo-terminal of `size` (rows, columns); once its output
    shows every text in `shows`, type `then`. (exit code, text written, whether it
    showed them); killed after `timeout` seconds."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal's size is set before the program asks for it
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
        os.chdir(cwd)
        os.execve(str(command[0]), [str(part) for part in command], env)
    written, shown, killed = b"", False, False
    deadline = time.monotonic() + timeout
    while True:
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            killed = True
            break
        ready, _w, _x = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the program ended and closed the terminal
                break
            if not chunk:
                break
            written += chunk
        text = ANSI.sub(b"", written).decode("utf-8", "replace")
        if not shown and all(part in text for part in shows):
            os.write(fd, then)
            shown = True
    _pid, status = os.waitpid(pid, 0)
    os.close(fd)
    code = -9 if killed else os.waitstatus_to_exitcode(status)
    return code, ANSI.sub(b"", written).decode("utf-8", "replace"), shown


def test_the_app_draws_home_in_dutch_and_quits(installed):
    db = installed.home / "app.db"
    installed.livinglab("--db", db, "demo")
    with sqlite3.connect(db) as conn:
        planned = conn.execute("SELECT title FROM sessions WHERE status = 'planned'").fetchone()
    conn.close()
    wanted = [_("Meetings", "nl"), planned[0]]  # a stored meeting: the database opened
    code, text, shown = run_in_terminal(
        [installed.venv / "bin" / "livinglab", "--lang", "nl", "--db", db],
        installed.env, installed.home, wanted, then=b"q")
    assert shown, f"home never showed {wanted}:\n{text[-3000:]}"
    assert code == 0 and "Traceback" not in text, text[-3000:]
