"""Genuine certificates are never called altered: 1,000 certificates, one a person, with
generated hard names (up to 150 characters, titles and degrees, apostrophes, accents, Greek and
Cyrillic, an emoji the font draws, a long unbroken word), long positions; each built, digitally
signed with the seal key's PDF key, then verified in another process that has signed nothing (as
an inspector's machine: the signing library is not loaded there).

Target (issue 13): 0 of 1,000 called altered (or anything but ASLI).

Run: .venv/bin/python bench/bench_genuine.py [--count 1000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import common  # noqa: F401  (the repository on the import path)


def verify_all(fingerprint: str, public: bytes, files: list[tuple[str, str]]):
    """In the verifying process: each file's verdict, and whether the signing library was
    loaded there (it must not be, or the run proves less than it says)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from pledges.verify import verify_file

    keys = {fingerprint: Ed25519PublicKey.from_public_bytes(public)}
    answers = []
    for path, name in files:
        verdict = verify_file(path, keys)[0]
        named = verdict.record.attendee_name if verdict.record else None
        answers.append((name, verdict.status, verdict.field, named == name))
    return answers, "pyhanko" in sys.modules


def main() -> None:
    from cryptography.hazmat.primitives import serialization

    from tests.sealing import fixed_key
    from tests.test_printable import genuine_certificates

    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    public = fixed_key().private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    start = time.perf_counter()
    made = genuine_certificates(args.count, seed=2026)
    built = time.perf_counter() - start
    answers: Counter[str] = Counter()
    wrong = []
    longest = max(len(name) for name, _ in made)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for index, (name, pdf) in enumerate(made):
            path = Path(tmp) / f"{index}.pdf"
            path.write_bytes(pdf)
            files.append((str(path), name))
        start = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            verdicts, signing_loaded = pool.apply(
                verify_all, (fixed_key().fingerprint, public, files))
        checked = time.perf_counter() - start
    for name, status, field, named in verdicts:
        answers[status] += 1
        if status != "authentic" or not named:
            wrong.append((name, status, field))
    if signing_loaded:
        print("  (the verifying process loaded the signing library: not an inspector's view)")
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
