"""Check-in latency: from Enter to the check-in committed durably (SQLite WAL, synchronous=FULL),
on a 10,000-person event, through the same ``Desk.check_in`` call the desk screen makes.

Also measured: the scan path (a QR payload "IKR-<token>" looked up, then checked in), and a
second check-in of someone already in (the "Sudah hadir" answer).

Run: .venv/bin/python bench/bench_checkin.py [--people 10000] [--checkins 2000] [--dir DIR]
The database goes in a temporary folder (or --dir: put it on the disk the desk will use).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import common  # first: puts the repository on the import path

from events.checkins import AlreadyCheckedIn, Desk, Method
from events.store import Store


def figures(name: str, seconds: list[float]) -> str:
    return common.figures(name, seconds, 28, "6.2f")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--checkins", type=int, default=2_000)
    parser.add_argument("--dir", help="folder for the database (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite")
        with store.engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        assert (mode, sync) == ("wal", 2), (mode, sync)  # 2 = FULL
        event, people = common.bench_event(store, args.people)
        desk = Desk(store, event.id, desk="Meja 1", operator="Bench")
        rng = random.Random(3)
        order = rng.sample(people, min(len(people), 2 * args.checkins))
        by_search, by_scan = order[:args.checkins], order[args.checkins:]

        desk.check_in(by_search[0].id)  # the first one opens the connection: not measured
        search = []
        for person in by_search[1:]:
            start = time.perf_counter()
            desk.check_in(person.id, Method.SEARCH)
            search.append(time.perf_counter() - start)

        scan = []
        for person in by_scan:
            start = time.perf_counter()
            found = desk.find_by_token("IKR-" + person.token)
            desk.check_in(found.id, Method.SCAN)
            scan.append(time.perf_counter() - start)

        already = []
        for person in by_search[1:201]:
            start = time.perf_counter()
            try:
                desk.check_in(person.id)
            except AlreadyCheckedIn:
                pass
            else:
                raise AssertionError("a second check-in went through")
            already.append(time.perf_counter() - start)

        start = time.perf_counter()
        active = desk.active()
        active_time = time.perf_counter() - start
        start = time.perf_counter()
        counts = desk.counts()
        counts_time = time.perf_counter() - start
        assert len(active) == counts.present_total == len(by_search) + len(by_scan)
        store.close()

    print(f"check-in on a {args.people}-person event, SQLite journal_mode={mode}, "
          f"synchronous=FULL, folder {args.dir or tempfile.gettempdir()}")
    print(figures("Enter -> durable commit", search))
    print(figures("scan: token lookup + commit", scan))
    print(figures("already checked in", already))
    print(f"  active check-ins ({len(active)}): {active_time * 1000:.1f} ms, "
          f"desk counts: {counts_time * 1000:.1f} ms")


if __name__ == "__main__":
    main()
