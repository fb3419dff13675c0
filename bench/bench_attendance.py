"""Daftar Hadir .xlsx for 2,000 attendees, each with their own signature image: target < 5 s.

The event is made in memory (an EventRecord, no database): everyone invited, checked in and
signed with their own synthetic signature (pledges.demo.synthetic_signature), spread over the
eight categories. Timed: build_attendance_xlsx alone (the strokes already decoded, as
pledges.documents.collect hands them over). Also printed: the PDF version, for reference.

Run: .venv/bin/python bench/bench_attendance.py [--people 2000] [--runs 3] [--pdf] [--out FILE]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.categories import Category  # noqa: E402
from events.checkins import CategoryCounts, CheckIn, DeskCounts  # noqa: E402
from events.model import Attendee, Event, Official  # noqa: E402
from pledges.demo import DEMO_PAD, synthetic_signature  # noqa: E402
from pledges.documents import EventRecord  # noqa: E402
from pledges.documents.attendance_pdf import build_attendance_pdf  # noqa: E402
from pledges.documents.attendance_xlsx import build_attendance_xlsx  # noqa: E402
from pledges.signatures import SignatureRecord  # noqa: E402
from pledges.strokes import digest  # noqa: E402

TARGET_S = 5.0
WIB = timezone(timedelta(hours=7))


def make_record(people: int, seed: int = 1) -> EventRecord:
    rng = random.Random(seed)
    event = Event(name="Ikrar Netralitas ASN Pemerintah Kota Bekasi Tahun 2024",
                  event_date=date(2023, 11, 2), venue="Balai Patriot, Kota Bekasi",
                  city="Bekasi", institution="Pemerintah Kota Bekasi",
                  organizer_unit="Badan Kesatuan Bangsa dan Politik",
                  witness=Official("Drs. Contoh Saksi, M.Si.", "Sekretaris Daerah",
                                   "196805121990031004"), id=1)
    categories = list(Category)
    attendees, checkins, signatures = [], {}, {}
    start = datetime(2023, 11, 2, 7, 30, tzinfo=WIB)
    for i in range(people):
        category = categories[min(len(categories) - 1, i * len(categories) // people)]
        nip = (f"19{rng.randint(60, 99)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}"
               f"2010{rng.randint(10, 12)}1{i % 1000:03d}")
        attendees.append(Attendee(
            name=f"Peserta Nomor {i + 1:04d}, S.Sos.", category=category,
            nip=nip if category.needs_nip else None, golongan="III/a",
            jabatan="Kepala Seksi Pelayanan Umum", unit="Dinas Kependudukan dan Pencatatan Sipil",
            event_id=1, id=i + 1))
        checkins[i + 1] = CheckIn(i, 1, i + 1, start + timedelta(seconds=3 * i), desk="Meja 1")
        strokes = synthetic_signature(i, *DEMO_PAD)
        signatures[i + 1] = SignatureRecord(
            id=i + 1, event_id=1, attendee_id=i + 1, role="attendee", pledge_hash="0" * 64,
            strokes=strokes, strokes_sha256=digest(strokes), pad_width=DEMO_PAD[0],
            pad_height=DEMO_PAD[1], consent_version="v1",
            signed_at=start + timedelta(seconds=3 * i + 60))
    per = {c: sum(1 for a in attendees if a.category is c) for c in Category}
    by_category = {c: CategoryCounts(invited=n, present=n) for c, n in per.items()}
    counts = DeskCounts(by_category, invited=people, present=people)
    return EventRecord(event=event, attendees=attendees, checkins=checkins,
                       signatures=signatures, pledge=None, witness=None, counts=counts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF version")
    parser.add_argument("--out", type=Path, help="write the last workbook here")
    args = parser.parse_args()

    t0 = time.perf_counter()
    record = make_record(args.people)
    print(f"{args.people} attendees, each with their own signature "
          f"(made in {time.perf_counter() - t0:.1f} s, not timed)")
    seconds = []
    data = b""
    for _ in range(args.runs):
        t0 = time.perf_counter()
        data = build_attendance_xlsx(record)
        seconds.append(time.perf_counter() - t0)
    best, median = min(seconds), statistics.median(seconds)
    verdict = "OK" if median < TARGET_S else "TOO SLOW"
    print(f"  build_attendance_xlsx   median {median:.2f} s   best {best:.2f} s   "
          f"({len(data) / 1e6:.1f} MB, runs={args.runs})   target < {TARGET_S:.0f} s: {verdict}")
    if args.out:
        args.out.write_bytes(data)
    if args.pdf:
        t0 = time.perf_counter()
        pdf = build_attendance_pdf(record)
        print(f"  build_attendance_pdf    {time.perf_counter() - t0:.2f} s   "
              f"({len(pdf) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
