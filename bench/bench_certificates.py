"""Certificate throughput: 1,000 signed certificates, each with its own signature (vector paths)
and its own QR code, as one combined PDF, against a bare reportlab script drawing the same page
(bench/bare_certificate.py), both timed in this one run.

Targets (issue 5): at least 100 pages/s, and no slower than 1.5 x the bare script.

The event is built in memory (an EventRecord, no database; every signature sealed, so each page
carries a 500-character sealed QR code): 1,000 people, each with a different synthetic
signature (pledges.demo.synthetic_signature), the witness's signature, the 2024 neutrality
pledge. Both builders get a short warm-up first (fonts loaded, code paths hot); then
each is timed ``--rounds`` times, alternating, and the best round of each is reported.

Run: .venv/bin/python bench/bench_certificates.py [--people 1000] [--rounds 2] [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bare_certificate  # noqa: E402

from events.categories import Category  # noqa: E402
from events.checkins import DeskCounts  # noqa: E402
from events.model import Attendee, Event, Official  # noqa: E402
from pledges.demo import DEMO_PAD, synthetic_signature  # noqa: E402
from pledges.documents import EventRecord  # noqa: E402
from pledges.documents.certificates import build_certificates  # noqa: E402
from pledges.signatures import SignatureRecord  # noqa: E402
from pledges.strokes import digest  # noqa: E402
from pledges.texts import NETRALITAS_ASN_2024, PledgeVersion, normalize, version_hash  # noqa: E402

WIB = timezone(timedelta(hours=7))
CATEGORIES = list(Category)


def make_record(people: int) -> EventRecord:
    text = normalize(NETRALITAS_ASN_2024)
    version = PledgeVersion(hash=version_hash(text), text=text, template="netralitas_asn_2024",
                            created_at=datetime(2023, 10, 26, tzinfo=WIB), locked=True)
    event = Event(
        name="Ikrar Netralitas ASN Pemerintah Kota Bekasi pada Pemilu 2024",
        event_date=date(2023, 11, 2), start_time=clock(8), venue="Balai Patriot", city="Bekasi",
        organizer_unit="Badan Kesatuan Bangsa dan Politik", institution="Pemerintah Kota Bekasi",
        witness=Official(name="Drs. H. Junaedi, M.Si.", title="Sekretaris Daerah Kota Bekasi",
                         nip="196707011993031004"),
        id=7,
    )
    attendees, signatures = [], {}
    signed_at = datetime(2023, 11, 2, 9, 0, tzinfo=WIB)
    for i in range(people):
        attendee = Attendee(
            name=f"Peserta Nomor {i + 1}, S.E.", category=CATEGORIES[i % 6],
            nip=f"198609262015051{i % 1000:03d}", golongan="Penata Tingkat I (III/d)",
            jabatan="Kepala Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
            unit="Badan Kesatuan Bangsa dan Politik", event_id=7, id=1000 + i)
        strokes = synthetic_signature(i, *DEMO_PAD)
        attendees.append(attendee)
        signatures[attendee.id] = SignatureRecord(
            id=5000 + i, event_id=7, attendee_id=attendee.id, role="attendee",
            pledge_hash=version.hash, strokes=strokes, strokes_sha256=digest(strokes),
            pad_width=DEMO_PAD[0], pad_height=DEMO_PAD[1], consent_version="bench",
            signed_at=signed_at + timedelta(seconds=3 * i))
    strokes = synthetic_signature(4242, *DEMO_PAD)
    witness = SignatureRecord(
        id=1, event_id=7, attendee_id=None, role="witness", pledge_hash=version.hash,
        strokes=strokes, strokes_sha256=digest(strokes), pad_width=DEMO_PAD[0],
        pad_height=DEMO_PAD[1], consent_version="bench", signed_at=signed_at)
    record = EventRecord(event=event, attendees=attendees, checkins={}, signatures=signatures,
                         pledge=version, witness=witness, counts=DeskCounts(by_category={}),
                         signed_versions={version.hash: version})
    seal_all(record)
    return record


def seal_all(record: EventRecord) -> None:
    """Every signature sealed, as in the app (the QR code carries the seal)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from pledges.keys import SealKey, fingerprint_of
    from pledges.seal import record_of, seal_bytes

    private = Ed25519PrivateKey.from_private_bytes(bytes(32))
    raw = private.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)
    key = SealKey(fingerprint_of(raw), private, raw)
    people = {a.id: a for a in record.attendees}
    for attendee_id, signature in record.signatures.items():
        sealed = record_of(key.fingerprint, record.event, people[attendee_id], signature,
                           record.signed_versions[signature.pledge_hash].text)
        record.seals[signature.id] = seal_bytes(key, sealed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, help="also write the certificates PDF here")
    args = parser.parse_args()

    print(f"building an event of {args.people} signed people...", flush=True)
    record = make_record(args.people)
    image = bare_certificate.setup()
    warm = make_record(20)
    build_certificates(warm)
    bare_certificate.build(20, image)

    ikrar, bare = [], []
    data = b""
    for _ in range(args.rounds):
        start = time.perf_counter()
        data = build_certificates(record)
        ikrar.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare_data = bare_certificate.build(args.people, image)
        bare.append(time.perf_counter() - start)
    ours, base = min(ikrar), min(bare)
    rate, bare_rate = args.people / ours, args.people / base
    print(f"Ikrar certificates : {args.people} pages in {ours:.2f} s = {rate:6.0f} pages/s "
          f"({len(data) / 1e6:.1f} MB; rounds {', '.join(f'{s:.2f}' for s in ikrar)} s)")
    print(f"bare reportlab     : {args.people} pages in {base:.2f} s = {bare_rate:6.0f} pages/s "
          f"({len(bare_data) / 1e6:.1f} MB; rounds {', '.join(f'{s:.2f}' for s in bare)} s)")
    ratio = ours / base
    print(f"time ratio Ikrar / bare: {ratio:.2f} (target <= 1.5); "
          f"pages/s target >= 100: {'met' if rate >= 100 else 'NOT met'}; "
          f"ratio target: {'met' if ratio <= 1.5 else 'NOT met'}")
    if args.out:
        args.out.write_bytes(data)


if __name__ == "__main__":
    main()
