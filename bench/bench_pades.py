"""PAdES signing time (pledges/pades.py): one signature over a combined certificates PDF of
``--people`` pages, and the cost of signing each of ``--separate`` one-page files.

The event is the one of bench/bench_certificates.py (sealed with the fixed test key); the
signing key is an Ed25519 key with a self-signed certificate, as the organizer's seal key has.
Each measurement is repeated ``--rounds`` times; the best is reported.

Run: .venv/bin/python bench/bench_pades.py [--people 1000] [--separate 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime

import common  # noqa: F401  (first: puts the repository on the import path)
from bench_certificates import make_record

from pledges.documents.certificates import build_certificates
from pledges.keys import SealKey, _self_signed
from pledges.pades import pdf_signer
from tests.sealing import fixed_key, seal_all


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--separate", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    plain = fixed_key()
    key = SealKey(plain.fingerprint, plain.private, plain.public_raw,
                  _self_signed(plain.private, "Bench", plain.fingerprint, datetime.now(UTC)))
    record = seal_all(make_record(args.people), plain)

    start = time.perf_counter()
    sign = pdf_signer(key, location="Bekasi")
    setup = time.perf_counter() - start
    start = time.perf_counter()
    pdf = build_certificates(record)
    build = time.perf_counter() - start
    sign(build_certificates(seal_all(make_record(2), plain)))  # warm-up

    rounds = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        signed = sign(pdf)
        rounds.append(time.perf_counter() - start)
    best = min(rounds)
    print(f"combined: {args.people} pages, {len(pdf) / 1e6:.1f} MB, built in {build:.2f} s; "
          f"signed in {best:.3f} s ({best / build * 100:.0f}% of building; rounds "
          f"{', '.join(f'{s:.3f}' for s in rounds)} s); +{len(signed) - len(pdf)} bytes; "
          f"signer set up in {setup * 1000:.0f} ms")

    one = build_certificates(record, [a.id for a in record.attendees[:1]])
    each = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _ in range(args.separate):
            sign(one)
        each.append((time.perf_counter() - start) / args.separate)
    print(f"separate: one-page file ({len(one) / 1e3:.0f} kB) signed in "
          f"{min(each) * 1000:.1f} ms each, i.e. {min(each) * 1000:.0f} s more per 1,000 files")


if __name__ == "__main__":
    main()
