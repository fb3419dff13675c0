"""Verifying the audit trail of a big event: 10,000 people imported, all checked in at a desk,
10,000 signatures sealed as they are made; then ``verify_chain`` (every link, every body, the
head, and the roster, check-ins and signatures compared with the trail).

Target (issue 6): the audit chain of a 10,000-attendee event verified in under 1 s.

Run: .venv/bin/python bench/bench_audit.py [--people 10000] [--signatures 10000] [--runs 5]
     [--dir DIR]
Building the event takes a minute or two (every check-in and signature is a durable commit).
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from events import audit  # noqa: E402
from events.checkins import Desk  # noqa: E402
from events.model import Event  # noqa: E402
from events.store import Store  # noqa: E402
from pledges import keys as key_module  # noqa: E402
from pledges.audit import _walk, verify_chain  # noqa: E402
from pledges.demo import synthetic_signature  # noqa: E402
from pledges.keys import create_key  # noqa: E402
from pledges.signatures import sign  # noqa: E402
from pledges.texts import use_template  # noqa: E402
from roster_data import attendees  # noqa: E402

W, H = 600, 300
TARGET_S = 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--signatures", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", help="folder for the database (default: a temporary one)")
    args = parser.parse_args()
    key_module.SCRYPT_LOG2 = 10  # the key's unlock cost is not what is measured here
    strokes = [synthetic_signature(seed, W, H) for seed in range(1, 51)]
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite")
        build = time.perf_counter()
        event = store.create_event(Event(name="Bench", event_date=datetime.date.today()))
        people = store.add_attendees(event.id, attendees(args.people),
                                     source_file="undangan.xlsx")
        use_template(store, event.id, "netralitas_asn_2024")
        key = create_key(store, "kata-sandi-bench", "Bench")
        desk = Desk(store, event.id, desk="Meja 1", operator="Bench")
        for person in people:
            desk.check_in(person.id)
        for i, person in enumerate(people[:args.signatures]):
            sign(store, event.id, person.id, strokes[i % len(strokes)], W, H, place="Meja 1",
                 operator="Bench", seal_key=key)
        build = time.perf_counter() - build
        size = (Path(tmp) / "bench.sqlite").stat().st_size

        runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            report = verify_chain(store, event.id)
            runs.append(time.perf_counter() - start)
            assert report.intact, report.message
        reads, walks = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            with store.connection() as conn:
                rows = audit.entry_rows(conn, event.id)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            _walk(rows, store.get_event(event.id).uid)
            walks.append(time.perf_counter() - start)
        store.close()

    print(f"audit chain of a {args.people}-person event: {report.entries} entries "
          f"({', '.join(f'{k} {v}' for k, v in sorted(report.actions.items()))}); "
          f"built in {build:.0f} s, database {size / 1e6:.1f} MB")
    ms = sorted(s * 1000 for s in runs)
    print(f"  verify_chain (links + records)   median {statistics.median(ms):7.1f} ms   "
          f"min {ms[0]:7.1f} ms   max {ms[-1]:7.1f} ms   (n={len(ms)})")
    print(f"    of which reading the entries   median {statistics.median(reads) * 1000:7.1f} ms")
    print(f"    of which walking the links     median {statistics.median(walks) * 1000:7.1f} ms")
    median = statistics.median(runs)
    verdict = "OK" if median < TARGET_S else "OVER"
    print(f"  target: < {TARGET_S:.0f} s -> {verdict} (median {median * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
