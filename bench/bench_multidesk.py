"""Several desks on one PostgreSQL server: 4 desks (processes, as 4 laptops), each checking in
one person every 100 ms for a minute, each also polling for the others' check-ins once a
second as the desk screen does (events.checkins.poll_desk, off the GUI thread).

Reports the check-in commit latency (Desk.check_in: the INSERT, its audit entry and the COMMIT;
target p99 < 50 ms) and how long until another desk shows a check-in (commit to the first poll
of another desk that sees it; target < 2 s).

With --freeze, one more desk freezes in the middle of its transaction (it has inserted its
check-in and queued its audit entry, then its process is stopped, as a laptop that hangs) for
the whole run: the other desks' commit latency shows whether it holds them (target p99 < 100 ms).

Run: .venv/bin/python bench/bench_multidesk.py [--url postgresql://...] [--desks 4]
         [--seconds 60] [--interval 0.1] [--people 2000] [--freeze]
Without --url (or IKRAR_TEST_PG_URL) it starts a throwaway local PostgreSQL with fsync on
(scripts/throwaway_pg.sh) and removes it afterwards. With a URL it adds one "Bench" event there.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from events.checkins import (  # noqa: E402
    Desk,
    active_checkins,
    changes_since,
    poll_desk,
)
from events.model import Event  # noqa: E402
from events.store import Store  # noqa: E402
from roster_data import attendees  # noqa: E402

POLL_SECONDS = 1.0  # ui.desk_page.POLL_MS


def desk_process(url: str, event_id: int, number: int, people: list[int], seconds: float,
                 interval: float, start_at: float, tokens: dict[int, str]) -> dict:
    store = Store.open(url)
    desk = Desk(store, event_id, f"Meja {number}", "Bench")
    seen: dict[int, float] = {}
    polls: list[float] = []
    stop = threading.Event()

    def poller() -> None:  # the desk screen's poll, on its own thread
        active = active_checkins(store, event_id)
        cursor = changes_since(store, event_id, None).last_id
        people_cursor = 0
        while not stop.is_set():
            began = time.perf_counter()
            update = poll_desk(store, event_id, cursor, active, people_cursor)
            moment = time.time()
            polls.append(time.perf_counter() - began)
            cursor, people_cursor = update.cursor, update.people_cursor
            if update.active is not None:
                active = update.active
                for attendee_id in active:
                    seen.setdefault(attendee_id, moment)
            stop.wait(POLL_SECONDS)

    desk.check_in(people.pop())  # opens the connection: not measured
    time.sleep(max(0.0, start_at - time.time()))
    thread = threading.Thread(target=poller, daemon=True)
    thread.start()
    commits = []
    next_at = time.perf_counter()
    end = next_at + seconds
    while time.perf_counter() < end and people:
        person = people.pop()
        began = time.perf_counter()
        desk.check_in(person, token=tokens[person])  # as the desk page does: it knows them
        took = time.perf_counter() - began
        commits.append((person, time.time(), took))
        next_at += interval
        time.sleep(max(0.0, next_at - time.perf_counter()))
    time.sleep(POLL_SECONDS * 2.5)  # let the poller see the last ones of the other desks
    stop.set()
    thread.join()
    store.close()
    return {"desk": number, "commits": commits, "seen": seen, "polls": polls}


def frozen_desk(url: str, event_id: int, person: int, frozen) -> None:
    """A desk that hangs in the middle of its transaction (its process stopped)."""
    from events import audit
    from events.checkins import _insert_checkin
    from events.store import StoreError
    from events.types import now

    store = Store.open(url)
    try:
        with store.transaction() as conn:
            _insert_checkin(conn, {"event_id": event_id, "attendee_id": person,
                                   "checked_in_at": now(), "desk": "Meja Beku", "operator": "",
                                   "method": "search"})
            audit.append(conn, event_id, "checkin", {"token": "-"}, place="Meja Beku")
            frozen.set()
            os.kill(os.getpid(), signal.SIGSTOP)
    except StoreError:
        pass  # the server ended the transaction it left open (idle_in_transaction timeout)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def line(name: str, values: list[float], unit: str = "ms") -> str:
    return (f"  {name:<34} median {statistics.median(values):7.1f} {unit}   p99 "
            f"{percentile(values, 0.99):7.1f} {unit}   max {max(values):7.1f} {unit}   "
            f"(n={len(values)})")


def throwaway_server(port: int = 55433) -> tuple[str, dict]:
    script = ROOT / "scripts" / "throwaway_pg.sh"
    out = subprocess.run(
        ["bash", "-c", f'source "{script}" {port} >&2 && '
         'echo "$IKRAR_TEST_PG_URL|$IKRAR_PG_DATA|$IKRAR_PG_RUN"'],
        env={**os.environ, "IKRAR_PG_FSYNC": "on"}, check=True, capture_output=True,
        text=True).stdout.strip().splitlines()[-1]
    url, data, run = out.split("|")
    return url, {"IKRAR_PG_DATA": data, "IKRAR_PG_RUN": run}


def stop_server(env: dict) -> None:
    script = ROOT / "scripts" / "throwaway_pg.sh"
    subprocess.run(["bash", "-c", f'source "{script}" && ikrar_pg_stop'],
                   env={**os.environ, **env, "IKRAR_PG_FUNCTIONS_ONLY": "1"}, check=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("IKRAR_TEST_PG_URL"))
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--port", type=int, default=55433,
                        help="the throwaway server's port (without --url)")
    parser.add_argument("--freeze", action="store_true",
                        help="one more desk hangs mid-transaction for the whole run")
    args = parser.parse_args()
    server = None
    url = args.url
    if not url:
        url, server = throwaway_server(args.port)
        print(f"Throwaway PostgreSQL (fsync on): {url}")
    try:
        run(url, args)
    finally:
        if server:
            stop_server(server)


def run(url: str, args) -> None:
    store = Store.open(url)
    with store.engine.connect() as conn:
        version = conn.exec_driver_sql("SHOW server_version").scalar()
        fsync = conn.exec_driver_sql("SHOW fsync").scalar()
        commit = conn.exec_driver_sql("SHOW synchronous_commit").scalar()
    needed = args.desks * (int(args.seconds / args.interval) + 2)
    event = store.create_event(Event(name=f"Bench multidesk {datetime.datetime.now():%H:%M:%S}",
                                     event_date=datetime.date.today()))
    added = store.add_attendees(event.id, attendees(max(args.people, needed)))
    people = [a.id for a in added]
    random.Random(7).shuffle(people)
    shares = [people[d::args.desks] for d in range(args.desks)]
    print(f"PostgreSQL {version} (fsync={fsync}, synchronous_commit={commit}); "
          f"{args.desks} desks x one check-in per {args.interval * 1000:.0f} ms for "
          f"{args.seconds:g} s; {len(people)} people; each desk polls every "
          f"{POLL_SECONDS:g} s")
    context = multiprocessing.get_context("spawn")
    hung = None
    if args.freeze:
        frozen = context.Event()
        hung = context.Process(target=frozen_desk, args=(url, event.id, shares[0].pop(), frozen))
        hung.start()
        if not frozen.wait(30):
            raise SystemExit("the frozen desk did not start")
        time.sleep(0.2)
        print("  one more desk is frozen in the middle of its transaction (process stopped)")
    start_at = time.time() + 3  # after every process has started and connected
    try:
        with context.Pool(args.desks) as pool:
            results = pool.starmap(desk_process, [
                (url, event.id, d + 1, shares[d], args.seconds, args.interval, start_at,
                 {a.id: str(a.token) for a in added if a.id in set(shares[d])})
                for d in range(args.desks)])
    finally:
        if hung is not None and hung.pid is not None:
            os.kill(hung.pid, signal.SIGCONT)
            hung.join(30)
    latencies = [took * 1000 for r in results for _, _, took in r["commits"]]
    visible = []
    missed = 0
    for r in results:
        for other in results:
            if other is r:
                continue
            for person, committed, _ in other["commits"]:
                if person in r["seen"]:
                    visible.append(max(0.0, r["seen"][person] - committed))
                else:
                    missed += 1
    stored = len(active_checkins(store, event.id))
    store.close()
    print(line("check-in commit", latencies))
    print(line("seen at another desk after", visible, "s"))
    print(line("one poll (changes, counters)", [p * 1000 for r in results for p in r["polls"]]))
    print(f"  check-ins stored {stored} (made {len(latencies) + args.desks}); "
          f"never seen by another desk: {missed}")
    p99, worst = percentile(latencies, 0.99), max(visible) if visible else float("inf")
    target = 100 if args.freeze else 50
    print(f"  targets: p99 commit < {target} ms: {'yes' if p99 < target else 'NO'} "
          f"({p99:.1f} ms); "
          f"seen within 2 s: {'yes' if worst < 2 and not missed else 'NO'} "
          f"(slowest {worst:.2f} s)")


if __name__ == "__main__":
    main()
