"""Backing up a 10,000-attendee event while a desk checks in: the time to write the backup
(SQLite's backup API, one read transaction) and to check it (integrity, schema, the audit
chain), and the desk's check-in commits meanwhile (another process, one every 20 ms, from
Enter to a durable commit, counted as "while backing up" from the copy's start to the end of
its check), compared with the same desk while no backup runs.

Run: .venv/bin/python bench/bench_backup.py [--people 10000] [--backups 20]
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from pathlib import Path

from common import bench_event, figures

from events.checkins import Desk
from events.store import Store
from pledges.backup import backup, check_backup


def desk(path: str, event_id: int, ids: list[int], stop, timings) -> None:
    """Check people in one by one until told to stop; each commit's time goes to ``timings``
    with whether a backup was running then (``stop`` also carries that: 1 running, 2 stop)."""
    store = Store.open(path, create=False)
    checkin = Desk(store, event_id, "Meja 1")
    for attendee_id in ids:
        if stop.value == 2:
            break
        during = stop.value == 1
        start = time.perf_counter()
        checkin.check_in(attendee_id)
        timings.put((during, time.perf_counter() - start))
        time.sleep(0.02)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--backups", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        store = Store.open(path)
        event, people = bench_event(store, args.people)
        ids = [p.id for p in people]
        context = multiprocessing.get_context("spawn")
        state = context.Value("i", 0)
        timings = context.Queue()
        process = context.Process(target=desk, args=(str(path), event.id, ids, state, timings))
        process.start()
        time.sleep(3)  # the desk is checking in
        written, checked = [], []
        for n in range(args.backups):
            out = Path(tmp) / f"cadangan{n}.sqlite"
            state.value = 1
            start = time.perf_counter()
            result = backup(store, out, check=False)
            written.append(time.perf_counter() - start)
            start = time.perf_counter()
            check_backup(out)  # as the app's backups do: still "while backing up"
            checked.append(time.perf_counter() - start)
            state.value = 0
            time.sleep(0.3)
        size = result.size
        state.value = 2
        process.join()
        store.close()
    during, quiet = [], []
    while not timings.empty():
        flag, seconds = timings.get()
        (during if flag else quiet).append(seconds)
    print(f"Backup of a {args.people:,}-attendee event ({size / 1024 / 1024:.1f} MB) while a "
          "desk process checks in every 20 ms")
    print(figures("backup written (backup API)", written, number="7.0f"))
    print(figures("backup checked (integrity, audit)", checked, number="7.0f"))
    print(figures("desk check-in while backing up", during or [0.0]))
    print(figures("desk check-in otherwise", quiet))


if __name__ == "__main__":
    main()
