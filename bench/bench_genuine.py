"""Genuine certificates are never called altered: 1,000 certificates, one a person, with
generated hard names (up to 150 characters, titles and degrees, apostrophes, accents, Greek and
Cyrillic, an emoji the font draws, a long unbroken word), long positions; each built, digitally
signed with the seal key's PDF key and verified.

Target (issue 13): 0 of 1,000 called altered (or anything but ASLI).

Run: .venv/bin/python bench/bench_genuine.py [--count 1000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

import common  # noqa: F401  (the repository on the import path)

from pledges.verify import verify_file
from tests.sealing import fixed_key
from tests.test_printable import genuine_certificates


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    keys = {fixed_key().fingerprint: fixed_key().private.public_key()}
    start = time.perf_counter()
    made = genuine_certificates(args.count, seed=2026)
    built = time.perf_counter() - start
    answers: Counter[str] = Counter()
    wrong = []
    longest = max(len(name) for name, _ in made)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for index, (name, pdf) in enumerate(made):
            path = Path(tmp) / f"{index}.pdf"
            path.write_bytes(pdf)
            verdict = verify_file(path, keys)[0]
            ok = verdict.status == "authentic" and verdict.record.attendee_name == name
            answers[verdict.status] += 1
            if not ok:
                wrong.append((name, verdict.status, verdict.field))
    checked = time.perf_counter() - start
    print(f"genuine certificates with hard names: {args.count} (longest name {longest} "
          f"characters)")
    print(f"  built and signed in {built:.1f} s, verified in {checked:.1f} s "
          f"({checked * 1000 / args.count:.1f} ms each)")
    print(f"  answers: {dict(answers)}")
    print(f"  target: 0 called altered -> {'OK' if not wrong else 'FAILED'} "
          f"({len(wrong)} not ASLI)")
    for name, status, field in wrong[:10]:
        print(f"    {status} {field}: {name!r}")


if __name__ == "__main__":
    main()
