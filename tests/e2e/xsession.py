"""A real X session for end-to-end tests: Xvfb at a laptop's 1366x768, a window manager, the
app started as its own process on Qt's xcb platform, and input sent through the X server
(xdotool), as a person's keyboard, a USB barcode scanner and a mouse deliver it.

Offscreen widget tests hand key events straight to a widget; a real window receives them
through its QWindow first. Only input through the X server meets the app as staff do.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "openbox", "import")


def missing_tools() -> list[str]:
    """The programs this harness needs that are not installed (test.sh installs them)."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _free_display() -> int:
    # Each test worker (pytest-xdist's gw0, gw1...) takes its own range, so two never race.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    first = 90 + 50 * (int(worker) if worker.isdigit() else 0)
    for number in range(first, first + 50):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(
                f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


class XSession:
    """Xvfb + openbox on a free display. Use as a context manager."""

    def __init__(self, width: int = 1366, height: int = 768, shots: Path | None = None):
        self.size = (width, height)
        self.shots = shots
        self.display = f":{_free_display()}"
        self.processes: list[subprocess.Popen] = []
        self.env = dict(os.environ, DISPLAY=self.display, QT_QPA_PLATFORM="xcb")
        self.env.pop("WAYLAND_DISPLAY", None)

    def __enter__(self) -> XSession:
        width, height = self.size
        xvfb = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.processes.append(xvfb)
        self.wait_for(lambda: subprocess.run(
            ["xdotool", "getdisplaygeometry"], env=self.env, capture_output=True).returncode == 0,
            10, "Xvfb did not start")
        self.processes.append(subprocess.Popen(
            ["openbox"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(0.3)
        return self

    def __exit__(self, *exc) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()

    # -- waiting -------------------------------------------------------------------------------

    @staticmethod
    def wait_for(condition: Callable[[], object], timeout: float, message: str,
                 every: float = 0.02) -> object:
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(message)
            time.sleep(every)

    # -- the app -------------------------------------------------------------------------------

    def start_app(self, *args: str, log: Path) -> subprocess.Popen:
        """``python main.py ARGS`` in this session, its output in ``log``."""
        handle = open(log, "wb")  # noqa: SIM115  (closed with the process)
        process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                                   env=self.env, stdout=handle, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def window(self, name_pattern: str, timeout: float = 20) -> str:
        """The X id of the visible window whose title matches, once it is shown."""
        def find():
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name_pattern],
                                   env=self.env, capture_output=True, text=True)
            ids = found.stdout.split()
            return ids[-1] if ids else None
        return str(self.wait_for(find, timeout, f"no window named {name_pattern!r}", 0.1))

    def activate(self, window: str) -> None:
        self.xdotool("windowactivate", "--sync", window)

    def windows(self, name_pattern: str) -> list[str]:
        """The X ids of the visible windows whose title matches, now."""
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name_pattern],
                               env=self.env, capture_output=True, text=True)
        return found.stdout.split()

    def title(self, window: str) -> str:
        found = subprocess.run(["xdotool", "getwindowname", window], env=self.env,
                               capture_output=True, text=True)
        return found.stdout.strip()

    def active_title(self) -> str:
        found = subprocess.run(["xdotool", "getactivewindow", "getwindowname"], env=self.env,
                               capture_output=True, text=True)
        return found.stdout.strip()

    def gone(self, window: str) -> bool:
        """Whether the window is no longer shown (closed or hidden)."""
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."],
                               env=self.env, capture_output=True, text=True)
        return window not in found.stdout.split()

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """Left, top, right and bottom of the window's inside (no frame), on the screen."""
        found = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window],
                               env=self.env, capture_output=True, text=True, check=True)
        values = dict(line.split("=", 1) for line in found.stdout.split() if "=" in line)
        x, y, w, h = (int(values[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
        return x, y, x + w - 1, y + h - 1

    # -- input through the X server ------------------------------------------------------------

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, capture_output=True)

    def type(self, text: str, delay_ms: int = 4) -> None:
        """Types ``text`` key by key, ``delay_ms`` apart (a USB scanner: a few ms a key)."""
        self.xdotool("type", "--delay", str(delay_ms), "--", text)

    def key(self, *names: str) -> None:
        self.xdotool("key", "--delay", "20", *names)

    def click(self, x: int, y: int) -> None:
        self.xdotool("mousemove", str(x), str(y), "click", "1")

    def drag(self, points: list[tuple[int, int]]) -> None:
        """A stroke: press at the first point, move through the rest, release."""
        first, *rest = points
        self.xdotool("mousemove", str(first[0]), str(first[1]), "mousedown", "1")
        for x, y in rest:
            self.xdotool("mousemove", str(x), str(y))
        self.xdotool("mouseup", "1")

    def grab(self):
        """The whole screen now, as a PIL image."""
        from PIL import Image

        raw = subprocess.run(["import", "-window", "root", "-depth", "8", "rgb:-"],
                             env=self.env, capture_output=True, check=True).stdout
        return Image.frombytes("RGB", self.size, raw)

    def screenshot(self, path: Path) -> Path:
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True,
                       capture_output=True)
        return path
