"""Start-up time: from launching `python main.py` to a usable main window showing an event of
10,000 attendees, against a bare PySide6 process that shows an empty QMainWindow.

Run: .venv/bin/python bench/bench_startup.py [--runs 7] [--attendees 10000]

Each run is a fresh process. The clock starts just before the process is spawned and stops when
the window has been shown and painted (the first pass of the event loop after show()). The app
runs its own code path (main.main); the only change is that QApplication.exec() returns once the
window is painted instead of waiting for the user. QT_QPA_PLATFORM=offscreen unless DISPLAY is set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, bench_event

from events.store import Store

APP_CHILD = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
def exec_until_painted(self=None):
    app = QApplication.instance()
    app.processEvents()
    window = next(w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible())
    window.repaint()
    app.processEvents()
    title = window.windowTitle()
    print(time.time(), title, flush=True)
    return 0
QApplication.exec = exec_until_painted
sys.path.insert(0, {root!r})
import main
sys.exit(main.main(["--db", {db!r}, "--event", {event!r}]))
"""

BARE_CHILD = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1180, 760)
window.show()
app.processEvents()
window.repaint()
app.processEvents()
print(time.time(), "bare", flush=True)
"""


def run(code: str, env: dict) -> tuple[float, str]:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout.strip().splitlines()[-1]
    stamp, title = out.split(" ", 1)
    return float(stamp) - start, title


def main() -> None:
    # the options' boilerplate looks like every benchmark's (bench_import's): the options differ
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--attendees", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.sqlite")
        store = Store.open(db)
        event, _ = bench_event(store, args.attendees, "Bench 10k")
        store.close()
        env = dict(os.environ)
        if not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # no saved settings from the user
        app_code = APP_CHILD.format(root=str(ROOT), db=db, event=str(event.id))
        run(app_code, env)  # warm the file cache once
        run(BARE_CHILD, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            seconds, title = run(app_code, env)
            assert "Bench 10k" in title, title
            app_times.append(seconds)
            bare_times.append(run(BARE_CHILD, env)[0])
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"platform: {env.get('QT_QPA_PLATFORM', 'xcb')}, runs: {args.runs}, "
          f"event with {args.attendees} attendees")
    print(f"Ikrar start to usable window: median {app_median * 1000:.0f} ms, "
          f"max {max(app_times) * 1000:.0f} ms")
    print(f"bare PySide6 QMainWindow:    median {bare_median * 1000:.0f} ms")
    print(f"ratio: {app_median / bare_median:.1f}x")


if __name__ == "__main__":
    main()
