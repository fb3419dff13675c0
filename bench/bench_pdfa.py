"""What PDF/A-2b costs (pledges/documents/pdfa.py): each document built with the archival step and
without it (the builders' bytes as reportlab wrote them), in this one run, best of ``--rounds``.

- the Daftar Hadir PDF of ``--people`` (2,000) attendees, each with their own signature
  (the event of bench/bench_attendance.py);
- ``--certificates`` (100) signed statements, as one file and as one file per person (the
  event of bench/bench_certificates.py: every page with its own signature and sealed QR code).

Run: .venv/bin/python bench/bench_pdfa.py [--people 2000] [--certificates 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_attendance  # noqa: E402
import bench_certificates  # noqa: E402

from pledges.documents import pdfa  # noqa: E402
from pledges.documents.attendance_pdf import build_attendance_pdf  # noqa: E402
from pledges.documents.certificates import _people, _render, build_certificates  # noqa: E402
from pledges.documents.toolkit import DocumentInfo  # noqa: E402


def best(build: Callable[[], object], rounds: int, archival: bool) -> float:
    real = pdfa.finish
    if not archival:
        pdfa.finish = lambda data, info: data  # type: ignore[assignment]
    try:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            build()
            times.append(time.perf_counter() - start)
        return min(times)
    finally:
        pdfa.finish = real  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--certificates", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    attendance = bench_attendance.make_record(args.people)
    signed = bench_certificates.make_record(args.certificates)
    people = _people(signed, None)

    def separate() -> None:
        for index, person in enumerate(people):
            _render(signed, [person], None, index, len(people))

    jobs = {
        f"Daftar Hadir PDF, {args.people} people": lambda: build_attendance_pdf(attendance),
        f"{args.certificates} statements, one file": lambda: build_certificates(signed),
        f"{args.certificates} statements, one file each": separate,
    }
    for job in jobs.values():  # warm up: fonts, code paths, the ICC profile
        best(job, 1, True)
    print(f"{'document':44} {'plain':>8} {'PDF/A':>8} {'extra':>8}")
    for name, job in jobs.items():
        plain = best(job, args.rounds, False)
        archival = best(job, args.rounds, True)
        extra = archival - plain
        print(f"{name:44} {plain:7.2f}s {archival:7.2f}s {extra:+7.2f}s "
              f"({100 * extra / plain:+.0f} %)")

    # The step alone, on the bytes the builders made (the difference above is within the
    # machine's noise when the step is small next to the drawing).
    info = DocumentInfo("Daftar Hadir", "Pemerintah Kota Bekasi", "Daftar Hadir", "BENCH")
    made: list[bytes] = []

    def keep(data: bytes, _info: DocumentInfo) -> bytes:
        made.append(data)
        return data

    real = pdfa.finish
    pdfa.finish = keep  # type: ignore[assignment]
    try:
        build_attendance_pdf(attendance)
        attendance_bytes = made.pop()
        separate()
        one_each = list(made)
    finally:
        pdfa.finish = real  # type: ignore[assignment]
    for name, files in ((f"step alone: Daftar Hadir, {len(attendance_bytes) / 1e6:.1f} MB",
                         [attendance_bytes]),
                        (f"step alone: {len(one_each)} one-page files", one_each)):
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            for data in files:
                pdfa.finish(data, info)
            times.append(time.perf_counter() - start)
        print(f"{name:44} {min(times) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
