"""Roster import: a 5,000-row .xlsx (letterhead, merged title cells, JUMLAH footer) read,
validated and committed into a fresh event, the same calls the `roster import` command makes.

Run: .venv/bin/python bench/bench_import.py [--rows 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import bench_event

from events.roster_import import plan_import
from events.store import Store
from roster_data import write_xlsx


# Each benchmark has its own main(): the same opening lines, different work.
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = write_xlsx(Path(tmp) / "roster.xlsx", args.rows)
        totals, plans, commits = [], [], []
        for run in range(args.runs):
            store = Store.open(Path(tmp) / f"run{run}.sqlite")
            event, _ = bench_event(store)
            start = time.perf_counter()
            plan = plan_import(book, existing_nips=store.existing_nips(event.id))
            planned = time.perf_counter()
            stored = store.add_attendees(event.id, plan.good_attendees())
            done = time.perf_counter()
            assert len(stored) == args.rows, (len(stored), plan.problems[:3])
            assert len(store.list_attendees(event.id)) == args.rows
            store.close()
            totals.append(done - start)
            plans.append(planned - start)
            commits.append(done - planned)
    print(f"import of {args.rows} rows (.xlsx), {args.runs} runs")
    print(f"  read + validate: median {statistics.median(plans):.3f} s")
    print(f"  commit:          median {statistics.median(commits):.3f} s")
    print(f"  total:           median {statistics.median(totals):.3f} s, max {max(totals):.3f} s")


if __name__ == "__main__":
    main()
