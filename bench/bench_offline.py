"""A desk and a server that goes away: how long until a desk notices a frozen server (the real
desk page, offscreen, polling once a second as on the day; the server's processes stopped with
SIGSTOP, as a hung machine), and how long a desk takes to hand over 500 check-ins it made
offline (its journal replayed against the server, each one committed; 50 of the people also
checked in at another desk meanwhile, half of them earlier), and what an idle poll costs.

Targets: a frozen server noticed in under 3 s; 500 offline check-ins handed over in under 5 s.

Run: .venv/bin/python bench/bench_offline.py [--port 55433] [--rounds 5]
It starts a throwaway local PostgreSQL with fsync on (scripts/throwaway_pg.sh) and removes it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_multidesk import stop_server, throwaway_server  # noqa: E402

from events.checkins import Desk, active_checkins  # noqa: E402
from events.model import Event  # noqa: E402
from events.offline import Journal, journal_key, replay  # noqa: E402
from events.store import Store  # noqa: E402
from events.types import now  # noqa: E402
from roster_data import attendees  # noqa: E402


def server_pids(data: str) -> list[int]:
    """The postmaster and every process it started (the server as a whole)."""
    postmaster = int(Path(data, "db", "postmaster.pid").read_text().split()[0])
    pids = [postmaster]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = Path(entry, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                pids.append(int(entry.name))
    return pids


def signal_server(data: str, sig: int) -> None:
    for pid in server_pids(data):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def notice(url: str, data: str, rounds: int) -> list[float]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.desk_page import DeskPage

    app = QApplication.instance() or QApplication([])
    store = Store.open(url)
    event = store.create_event(Event(name="Bench offline", event_date=datetime.date.today()))
    store.add_attendees(event.id, attendees(1500))
    folder = tempfile.mkdtemp(prefix="ikrar-bench-journal-")
    page = DeskPage(store, journal=lambda: Journal(Path(folder) / "journal.sqlite"))
    page.show()
    page.open_desk(store.get_event(event.id), "Meja 1", "Bench")

    def wait(condition, seconds: float) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if condition():
                return True
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()
        return condition()

    times = []
    try:
        for _ in range(rounds):
            wait(lambda: False, 1.0 + 0.37 * len(times))  # a different moment in the poll cycle
            signal_server(data, signal.SIGSTOP)
            stopped = time.monotonic()
            try:
                noticed = wait(lambda: page.offline, 10)
                times.append(time.monotonic() - stopped)
            finally:
                signal_server(data, signal.SIGCONT)
            if not noticed or not wait(lambda: not page.offline, 20):
                raise SystemExit("the desk did not notice, or did not come back")
    finally:
        page.close_desk()
        page.deleteLater()
        app.processEvents()
        store.close()
    return times


def hand_over(url: str, count: int) -> tuple[float, int, int, int]:
    store = Store.open(url)
    event = store.create_event(Event(name="Bench replay", event_date=datetime.date.today()))
    people = store.add_attendees(event.id, attendees(count))
    journal = Journal(Path(tempfile.mkdtemp(prefix="ikrar-bench-journal-")) / "journal.sqlite")
    server = journal_key(store)
    since = now() - datetime.timedelta(minutes=5)
    other = Desk(store, event.id, "Meja 2", "Bench")
    for n, person in enumerate(people):
        at = since + datetime.timedelta(milliseconds=500 * n)
        journal.record(server, str(event.uid), kind="checkin", attendee_id=person.id,
                       token=str(person.token), name=person.name, checked_in_at=at,
                       desk="Meja 1", operator="Bench", method="scan", offline_since=since)
        if n % 10 == 0:  # 50 of them also at another desk, online, meanwhile
            other.check_in(person.id, at=at + datetime.timedelta(
                milliseconds=-200 if n % 20 == 0 else 200))
    began = time.perf_counter()
    report = replay(store, journal, server, event.id, str(event.uid), desk="Meja 1",
                    operator="Bench")
    took = time.perf_counter() - began
    present = len(active_checkins(store, event.id))
    store.close()
    return took, present, len(report.refused), len(report.superseded)


def idle_polls(url: str, count: int = 300) -> list[float]:
    """A desk's poll when nothing changed (1,500 people, 750 of them in): milliseconds."""
    from events.checkins import changes_since, poll_desk

    store = Store.open(url)
    event = store.create_event(Event(name="Bench poll", event_date=datetime.date.today()))
    people = store.add_attendees(event.id, attendees(1500))
    desk = Desk(store, event.id, "Meja 1", "Bench")
    for person in people[::2]:
        desk.check_in(person.id, token=person.token)
    shown = active_checkins(store, event.id)
    cursor = changes_since(store, event.id, None).last_id
    people_cursor = max(p.id for p in people if p.id is not None)
    took = []
    for _ in range(count):
        began = time.perf_counter()
        update = poll_desk(store, event.id, cursor, shown, people_cursor)
        took.append((time.perf_counter() - began) * 1000)
        assert update.active is None
        time.sleep(0.01)
    store.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=55433)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    url, server = throwaway_server(args.port)
    print(f"Throwaway PostgreSQL (fsync on): {url}")
    try:
        took, present, refused, superseded = hand_over(url, args.count)
        print(f"  hand-over of {args.count} offline check-ins: {took:.2f} s "
              f"({took / args.count * 1000:.1f} ms each); present {present}, "
              f"refused {refused} (earlier elsewhere), superseded {superseded}")
        polls = sorted(idle_polls(url))
        print(f"  idle poll (nothing changed, one statement): median "
              f"{statistics.median(polls):.1f} ms, p99 {polls[int(len(polls) * 0.99)]:.1f} ms, "
              f"max {polls[-1]:.1f} ms (n={len(polls)})")
        times = notice(url, server["IKRAR_PG_DATA"], args.rounds)
        print(f"  frozen server (SIGSTOP) noticed by the desk after: "
              f"median {statistics.median(times):.2f} s, max {max(times):.2f} s "
              f"(n={len(times)}: {', '.join(f'{t:.2f}' for t in times)})")
        print(f"  targets: noticed < 3 s: {'yes' if max(times) < 3 else 'NO'}; "
              f"hand-over of {args.count} < 5 s: {'yes' if took < 5 else 'NO'}")
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
