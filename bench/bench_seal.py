"""Sealing's cost on a signature: ``sign()`` with and without ``seal_key`` on the same store
(SQLite WAL, synchronous=FULL), alternating person by person so both see the same disk; and the
sealing work alone (reading the record, CBOR, Ed25519) inside the signature's transaction.

Target (issue 6): sealing adds under 2 ms to a signature.

Run: .venv/bin/python bench/bench_seal.py [--people 2000] [--signatures 600] [--dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import bench_event, figures, quantile_ms

from events.store import Store
from pledges import seal, signatures
from pledges.demo import synthetic_signature
from pledges.keys import create_key, unlock
from pledges.seal import record_of, seal_bytes
from pledges.texts import use_template

W, H = 600, 300
TARGET_MS = 2.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--signatures", type=int, default=600,
                        help="signatures per variant (with and without the seal)")
    parser.add_argument("--dir", help="folder for the database (default: a temporary one)")
    args = parser.parse_args()
    strokes = [synthetic_signature(seed, W, H) for seed in range(1, 41)]
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite")
        event, people = bench_event(store, args.people)
        use_template(store, event.id, "netralitas_asn_2024")
        create_key(store, "kata-sandi-bench", "Bench")
        start = time.perf_counter()
        key = unlock(store, "kata-sandi-bench")
        unlock_time = time.perf_counter() - start

        # Time the sealing inside the transaction too (the exact work sign() adds).
        inner: list[float] = []
        original = seal.seal_in_transaction

        def timed(*a, **k):
            t = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                inner.append(time.perf_counter() - t)

        seal.seal_in_transaction = timed  # sign() imports it when it seals
        n = min(args.signatures, len(people) // 2)
        plain, sealed = [], []
        signatures.sign(store, event.id, people[-1].id, strokes[0], W, H, seal_key=key)  # warm
        inner.clear()
        for i in range(n):
            for target, seal_key, times in ((people[2 * i], None, plain),
                                            (people[2 * i + 1], key, sealed)):
                t = time.perf_counter()
                signatures.sign(store, event.id, target.id, strokes[i % len(strokes)], W, H,
                                place="Meja 1", operator="Bench", seal_key=seal_key)
                times.append(time.perf_counter() - t)
        seal.seal_in_transaction = original

        # The pure computation: record from objects, CBOR, Ed25519.
        from pledges.documents import collect

        record = collect(store, event.id)
        person = next(a for a in record.attendees if a.id in record.signatures)
        signature = record.signatures[person.id]
        text = record.signed_versions[signature.pledge_hash].text
        pure = []
        for _ in range(2000):
            t = time.perf_counter()
            seal_bytes(key, record_of(key.fingerprint, record.event, person, signature, text))
            pure.append(time.perf_counter() - t)
        store.close()

    added_median = statistics.median(sealed) * 1000 - statistics.median(plain) * 1000
    added_p99 = quantile_ms(sealed, 0.99) - quantile_ms(plain, 0.99)
    print(f"sealing a signature, {args.people}-person event, SQLite WAL synchronous=FULL, "
          f"folder {args.dir or tempfile.gettempdir()}")
    print(f"  unlocking the key (PBKDF2 600,000 rounds): {unlock_time * 1000:.0f} ms, once")
    print(figures("sign() without seal_key", plain))
    print(figures("sign() with seal_key", sealed))
    print(f"  {'added by sealing (difference)':<36} median {added_median:7.3f} ms   "
          f"p99 {added_p99:7.3f} ms")
    print(figures("seal_in_transaction (in the tx)", inner))
    print(figures("record + CBOR + Ed25519 (no DB)", pure))
    inner_median = statistics.median(inner) * 1000
    verdict = "OK" if inner_median < TARGET_MS and added_median < TARGET_MS else "OVER"
    print(f"  target: sealing adds < {TARGET_MS:.0f} ms to a signature -> {verdict} "
          f"(added median {added_median:.3f} ms, in-transaction median {inner_median:.3f} ms)")


if __name__ == "__main__":
    main()
