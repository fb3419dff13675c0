"""Daftar Hadir exported while desks check people in: 50 exports of the .xlsx made one after
another while 4 desk processes check in 1,000 invited people (one every 20 ms each; once all are in,
they undo them one by one, and again, for as long as the exports run),
each export opened again and its counts compared with its lists: the people listed on the
main sheet, the "Jumlah hadir" printed under them, the absentees listed, and the Rekap's
totals. An export is consistent when all of them agree (the record is read in one snapshot).

Run: .venv/bin/python bench/bench_export_load.py [--exports 50] [--people 1000]
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import tempfile
import time
from pathlib import Path

import openpyxl
from common import bench_event, figures

from events.checkins import Desk
from events.store import Store
from pledges.documents.attendance_rows import SHEET_ABSENT, SHEET_MAIN, SHEET_SUMMARY
from pledges.documents.export import export


def counts(data: bytes) -> dict[str, int]:
    wb = openpyxl.load_workbook(io.BytesIO(data))

    def listed(ws) -> int:
        return sum(1 for (v,) in ws.iter_rows(min_col=1, max_col=1, values_only=True)
                   if isinstance(v, int))

    main = wb[SHEET_MAIN]
    printed = next(v for row in main.iter_rows(values_only=True) for v in row
                   if isinstance(v, str) and v.startswith("Jumlah hadir:"))
    totals = next(row for row in wb[SHEET_SUMMARY].iter_rows(values_only=True)
                  if row[1] == "Jumlah")
    return {"listed": listed(main), "printed": int(printed.split()[2]),
            "absent": listed(wb[SHEET_ABSENT]), "rekap_present": totals[6],
            "rekap_missing": totals[4]}


def desk(path: str, event_id: int, ids: list[int], name: str, stop) -> None:
    """Check its people in one by one, then undo them one by one, and again, until ``stop``:
    the counts keep moving for as long as the exports run."""
    store = Store.open(path, create=False)
    checkin = Desk(store, event_id, name)
    while not stop.value:
        for attendee_id in ids:
            if stop.value:
                break
            checkin.check_in(attendee_id)
            time.sleep(0.02)
        for attendee_id in ids:
            if stop.value:
                break
            checkin.undo(attendee_id=attendee_id, reason="uji beban")
            time.sleep(0.02)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--exports", type=int, default=50)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        store = Store.open(path)
        event, people = bench_event(store, args.people)
        ids = [p.id for p in people]
        context = multiprocessing.get_context("spawn")
        stop = context.Value("i", 0)
        desks = [context.Process(target=desk, args=(str(path), event.id, ids[k::4],
                                                    f"Meja {k + 1}", stop)) for k in range(4)]
        for process in desks:
            process.start()
        results, seconds = [], []
        for n in range(args.exports):
            out = Path(tmp) / f"dh{n}.xlsx"
            start = time.perf_counter()
            export(store, event.id, "attendance", out)
            seconds.append(time.perf_counter() - start)
            results.append(counts(out.read_bytes()))
        still_writing = sum(p.is_alive() for p in desks)
        stop.value = 1
        for process in desks:
            process.join()
        store.close()
    good = [r for r in results if r["listed"] == r["printed"] == r["rekap_present"]
            and r["absent"] == r["rekap_missing"]]
    present = [r["listed"] for r in results]
    print(f"{args.exports} Daftar Hadir exports while 4 desk processes checked in and undid "
          f"{args.people} people")
    print(f"  internally consistent: {len(good)} of {len(results)}")
    print(f"  present in the exports: from {min(present)} to {max(present)} "
          f"({len(set(present))} different counts; desks still writing at the last export: "
          f"{still_writing})")
    print(figures("export (read, build, write, audit)", seconds, number="7.0f"))
    for bad in [r for r in results if r not in good][:5]:
        print("  INCONSISTENT:", bad)


if __name__ == "__main__":
    main()
