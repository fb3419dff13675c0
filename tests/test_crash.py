"""A desk process killed with SIGKILL at random moments never loses a check-in it reported done.

A child process checks people in one after another (every seventh also registers a walk-in) and
prints each id only after the call returned. The parent kills it at a random moment, many times;
after each kill every reported check-in is in the database, a walk-in never exists without its
check-in, the file passes ``PRAGMA integrity_check``, and the app opens it normally.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from events.categories import Category
from events.checkins import active_checkins
from events.model import Attendee, Event, Source
from events.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

REPO_ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 15
PEOPLE = 4000

CHILD = """
import sys
from events.categories import Category
from events.checkins import Desk
from events.model import Attendee
from events.store import Store

store = Store.open(sys.argv[1])
event_id, round_no = int(sys.argv[2]), int(sys.argv[3])
desk = Desk(store, event_id, desk="Meja Uji", operator="Crash")
present = desk.active()
waiting = [a.id for a in store.list_attendees(event_id) if a.id not in present]
print("ready", flush=True)
for n, attendee_id in enumerate(waiting, 1):
    desk.check_in(attendee_id)
    print("in", attendee_id, flush=True)
    if n % 7 == 0:
        person, _ = desk.register_walk_in(Attendee(f"Tamu {round_no}-{n}", Category.TAMU))
        print("walk", person.id, flush=True)
print("done", flush=True)
"""


def run_and_kill(db: Path, event_id: int, round_no: int, delay: float) -> tuple[list[str], bool]:
    """Start the child, SIGKILL it ``delay`` seconds after it is ready; its complete lines."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(event_id), str(round_no)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT, env=env,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in child.stdout:
            if line.endswith("\n"):  # a line cut by the kill was never reported
                lines.append(line.strip())
            if line == "ready\n":
                ready.set()
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(30), "the child did not start"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        reader.join(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    stderr = child.stderr.read()
    child.stderr.close()
    child.stdout.close()
    assert "ready" in lines, stderr
    assert "Traceback" not in stderr, stderr
    return lines, child.returncode == -signal.SIGKILL


def test_sigkill_never_loses_a_reported_check_in(tmp_path):
    db = tmp_path / "crash.sqlite"
    store = Store.open(db)
    event = store.create_event(Event(name="Uji Mati Mendadak", event_date=date(2024, 2, 1)))
    store.add_attendees(event.id, [
        Attendee(f"Peserta {i:04d}", Category.PELAKSANA, source=Source.IMPORT)
        for i in range(PEOPLE)
    ])
    store.close()
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    reported_in: set[int] = set()
    reported_walk: set[int] = set()
    active_before = 0
    started = time.monotonic()

    for round_no in range(ROUNDS):
        delay = rng.uniform(0.02, 0.2)
        lines, killed = run_and_kill(db, event.id, round_no, delay)
        context = f"seed {seed}, round {round_no}, delay {delay:.3f} s"
        assert killed and "done" not in lines, context
        new_in = {int(x.split()[1]) for x in lines if x.startswith("in ")}
        new_walk = {int(x.split()[1]) for x in lines if x.startswith("walk ")}
        assert not new_in & reported_in, context  # nobody was checked in twice
        reported_in |= new_in
        reported_walk |= new_walk

        raw = sqlite3.connect(db)
        try:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == [], context
        finally:
            raw.close()

        reopened = Store.open(db)
        try:
            roster = reopened.list_attendees(event.id)
            active = active_checkins(reopened, event.id)
        finally:
            reopened.close()
        walk_ins = {a.id for a in roster if a.source is Source.WALK_IN}
        missing = reported_in - set(active)
        assert not missing, f"{context}: reported but lost {sorted(missing)[:10]}"
        assert reported_walk <= walk_ins, context
        # A walk-in and their check-in are one transaction: never one without the other.
        assert walk_ins <= set(active), context
        # At most one action committed and killed before it could be reported.
        unreported = len(active) - active_before - len(new_in) - len(new_walk)
        assert unreported in (0, 1), f"{context}: {unreported}"
        active_before = len(active)

    assert len(reported_in) > ROUNDS  # the child did real work between kills
    assert time.monotonic() - started < 60
