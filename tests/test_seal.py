"""Seals (pledges/seal.py): the canonical record pinned to known bytes (format 3 with the
statement's number, format 2 and format 1 as sealed before, which still open and verify), round
trips through the QR text, every changed field and every flipped byte caught, the QR holding
what the paper prints and nothing more, and sealing inside the signature's own transaction on a
real store."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import cbor2
import pytest

from events.categories import Category
from events.model import Attendee, Event
from pledges.demo import synthetic_signature
from pledges.documents import collect
from pledges.keys import create_key
from pledges.seal import (
    DOMAIN,
    SealFormatError,
    SealRecord,
    nip_digest,
    open_seal,
    qr_text,
    record_of,
    seal_bytes,
    seal_pending,
    seals_of,
    short_code,
    stored_lookup,
)
from pledges.signatures import sign
from pledges.texts import use_template
from pledges.verify import verify_seal
from tests.sealing import fixed_key

WIB = timezone(timedelta(hours=7))
NIP = "198609262015051001"
W, H = 600, 300


def fixed_record(**changes) -> SealRecord:
    """A record of format 1 (as sealed before format 2)."""
    record = SealRecord(
        key=fixed_key().fingerprint, event_uid="ABCDEFGHIJKLMNOP",
        event_name="Ikrar Netralitas ASN", event_date=date(2023, 11, 2),
        attendee_token="QRSTUVWXYZ234567", attendee_name="Budi Santoso, S.E.",
        category="eselon_3", nip_sha256=nip_digest(NIP),
        pledge_hash=hashlib.sha256(b"pledge").hexdigest(),
        text_sha256=hashlib.sha256(b"text").hexdigest(), text_words=57,
        strokes_sha256=hashlib.sha256(b"strokes").hexdigest(),
        signed_at=datetime(2023, 11, 2, 9, 30, 15, tzinfo=WIB), place="Meja 1",
        operator="Rina", format=1)
    return dataclasses.replace(record, **changes)


def printed_record(**changes) -> SealRecord:
    """A record of format 3: what the certificate prints, its number too."""
    record = SealRecord(
        key=fixed_key().fingerprint, event_uid="ABCDEFGHIJKLMNOP",
        event_name="Ikrar Netralitas ASN", event_date=date(2023, 11, 2),
        attendee_token="", attendee_name="Budi Santoso, S.E.", category="eselon_3",
        nip_sha256="", pledge_hash=hashlib.sha256(b"pledge").hexdigest(),
        text_sha256=hashlib.sha256(b"text").hexdigest(), text_words=57,
        strokes_sha256=hashlib.sha256(b"strokes").hexdigest(),
        signed_at=datetime(2023, 11, 2, 9, 30, 15, tzinfo=WIB), place="", operator="",
        nip=NIP, golongan="Penata Tingkat I (III/d)", jabatan="Kepala Bidang Politik",
        unit="Badan Kesatuan Bangsa dan Politik", institution="Pemerintah Kota Bekasi",
        organizer_unit="Badan Kesatuan Bangsa dan Politik", city="Bekasi",
        witness_title="Sekretaris Daerah Kota Bekasi", witness_name="Drs. H. Junaedi, M.Si.",
        witness_nip="196707011993031004",
        pledge_title="IKRAR NETRALITAS PEGAWAI APARATUR SIPIL NEGARA PADA PEMILU DAN "
                     "PEMILIHAN TAHUN 2024", number="800/018/Kesbangpol/2023")
    return dataclasses.replace(record, **changes)


def public_keys(*seeds: int) -> dict:
    return {fixed_key(s).fingerprint: fixed_key(s).private.public_key() for s in seeds or (1,)}


# -- canonical encoding, pinned ---------------------------------------------------------------

GOLDEN_RECORD_HEX = (
    "91014a34750f98bd59fcfc946d704142434445464748494a4b4c4d4e4f5074496b726172204e657472616c69"
    "7461732041534e1a000b460a705152535455565758595a32333435363772427564692053616e746f736f2c20"
    "532e452e686573656c6f6e5f3358201c6eb4e3d568bd6287266053b9ebf9216ca6f69f2eb44dabf7f496b7cc"
    "8c3ac858209dd7dd2209298bf505aadd008d7c9d7de3b78644851c6a044167a7466b269aea5820982d9e3eb9"
    "96f559e633f4d194def3761d909f5a3b647d1a851fead67c32c9d1183958201cf43c8d781b5d6181bc9f1bb0"
    "74437e3a75d952be8c46578a1a726f202ad5851a654309b71901a4664d656a6120316452696e61"
)
GOLDEN_RECORD_SHA256 = "519d983c5cd86f72f1154143db15a732868fc0f0525034a3f64d5ceace5b6037"
GOLDEN_SEAL_SHA256 = "7315b0b23bcc6df0cba58137d96c65f367937487eb56b98ce059d96af7c6da83"


def test_fixed_key_has_a_known_fingerprint():
    assert fixed_key().fingerprint == "GR2Q7GF5LH6PZFDN"
    assert fixed_key().display == "GR2Q-7GF5-LH6P-ZFDN"


def test_a_fixed_record_encodes_to_known_bytes():
    data = fixed_record().encode()
    assert data.hex() == GOLDEN_RECORD_HEX
    assert hashlib.sha256(data).hexdigest() == GOLDEN_RECORD_SHA256
    # A 17-item array, format 1 first; the time as seconds since 1970 and the offset in minutes.
    items = cbor2.loads(data)
    assert len(items) == 17 and items[0] == 1
    assert items[13] == int(datetime(2023, 11, 2, 2, 30, 15, tzinfo=UTC).timestamp())
    assert items[14] == 7 * 60


def test_the_seal_of_a_fixed_record_is_known_bytes():
    sealed = seal_bytes(fixed_key(), fixed_record())
    assert hashlib.sha256(sealed).hexdigest() == GOLDEN_SEAL_SHA256
    assert short_code(sealed) == "OMK3B-MR3ZR"
    # The signature covers the domain separator followed by the record bytes as embedded.
    signed, signature = cbor2.loads(sealed)
    assert signed.hex() == GOLDEN_RECORD_HEX
    fixed_key().private.public_key().verify(signature, DOMAIN + signed)


def test_same_record_in_another_zone_is_another_encoding_of_the_same_instant():
    record = fixed_record()
    utc = fixed_record(signed_at=record.signed_at.astimezone(UTC))
    assert utc.encode() != record.encode()
    assert cbor2.loads(utc.encode())[13] == cbor2.loads(record.encode())[13]


def test_microseconds_are_not_sealed():
    record = fixed_record(signed_at=datetime(2023, 11, 2, 9, 30, 15, 987654, tzinfo=WIB))
    assert record.encode() == fixed_record().encode()


# -- round trips ------------------------------------------------------------------------------


def test_seal_to_qr_text_and_back():
    sealed = seal_bytes(fixed_key(), fixed_record())
    text = qr_text(sealed)
    assert text.startswith("IK1:")
    # QR's alphanumeric mode: upper-case letters, digits and " $%*+-./:" only.
    assert re.fullmatch(r"[0-9A-Z $%*+\-./:]+", text)
    record, signed, signature = open_seal(text)
    assert record == fixed_record()
    assert open_seal(sealed) == (record, signed, signature)
    for data in (sealed, text, "  " + text + "\n"):
        verdict = verify_seal(data, public_keys())
        assert verdict.status == "authentic", data
        assert verdict.record == fixed_record()
        assert verdict.code == short_code(sealed)
        assert verdict.message.startswith("ASLI: Budi Santoso, S.E. menandatangani ikrar")
        assert "02-11-2023 09.30 WIB" in verdict.message


def test_a_seal_of_an_unknown_key_is_told_apart_and_still_read():
    sealed = seal_bytes(fixed_key(2), fixed_record(key=fixed_key(2).fingerprint))
    verdict = verify_seal(qr_text(sealed), public_keys(1))
    assert verdict.status == "unknown_key"
    assert verdict.record.attendee_name == "Budi Santoso, S.E."
    assert fixed_key(2).display in verdict.message
    assert verify_seal(sealed, public_keys(1, 2)).status == "authentic"


@pytest.mark.parametrize("text, detail", [
    ("https://example.org/sertifikat", "not_ikrar"),
    ("IK1:", "damaged"),
    ("IK1:%%%%", "damaged"),
    ("IK1:" + "A" * 40, "damaged"),
])
def test_what_is_not_a_seal_is_unreadable(text, detail):
    verdict = verify_seal(text, public_keys())
    assert (verdict.status, verdict.detail) == ("unreadable", detail)
    assert verdict.message.startswith("TIDAK TERBACA")


def test_a_seal_in_a_non_canonical_encoding_is_refused():
    record = fixed_record()
    data = record.encode()
    signature = fixed_key().sign(DOMAIN + data)
    # The same array, its length written in two bytes instead of one.
    loose = b"\x98\x02" + cbor2.dumps(data) + cbor2.dumps(signature)
    assert cbor2.loads(loose) == [data, signature]
    with pytest.raises(SealFormatError):
        open_seal(loose)
    assert verify_seal(loose, public_keys()).status == "unreadable"


# -- every change caught ------------------------------------------------------------------------

CHANGED = {
    "key": fixed_key(2).fingerprint,
    "event_uid": "ABCDEFGHIJKLMNOQ",
    "event_name": "Ikrar Netralitas ASN 2",
    "event_date": date(2023, 11, 3),
    "attendee_token": "QRSTUVWXYZ234568",
    "attendee_name": "Budi Santosa, S.E.",
    "category": "eselon_2",
    "nip_sha256": nip_digest("198609262015051002"),
    "pledge_hash": hashlib.sha256(b"pledge 2").hexdigest(),
    "text_sha256": hashlib.sha256(b"text 2").hexdigest(),
    "text_words": 58,
    "strokes_sha256": hashlib.sha256(b"strokes 2").hexdigest(),
    "signed_at": datetime(2023, 11, 2, 9, 31, 15, tzinfo=WIB),
    "place": "Meja 2",
    "operator": "Rini",
}


V1_FIELDS = {f.name for f in dataclasses.fields(SealRecord)} - {
    "nip", "golongan", "jabatan", "unit", "institution", "organizer_unit", "city",
    "witness_title", "witness_name", "witness_nip", "pledge_title", "number", "format"}
CHANGED_V2 = {
    "key": fixed_key(2).fingerprint, "event_uid": "ABCDEFGHIJKLMNOQ",
    "event_name": "Ikrar Netralitas ASN 2", "event_date": date(2023, 11, 3),
    "attendee_name": "Budi Santosa, S.E.", "category": "eselon_2",
    "pledge_hash": hashlib.sha256(b"pledge 2").hexdigest(),
    "text_sha256": hashlib.sha256(b"text 2").hexdigest(), "text_words": 58,
    "strokes_sha256": hashlib.sha256(b"strokes 2").hexdigest(),
    "signed_at": datetime(2023, 11, 2, 9, 31, 15, tzinfo=WIB),
    "nip": "198609262015051002", "golongan": "Pembina (IV/a)", "jabatan": "Kepala Badan",
    "unit": "Inspektorat", "institution": "Pemerintah Kota Depok", "organizer_unit": "Lain",
    "city": "Depok", "witness_title": "Wali Kota", "witness_name": "Orang Lain",
    "witness_nip": "196707011993031005", "pledge_title": "IKRAR TAHUN 2029",
    "number": "800/019/Kesbangpol/2023",
}


def test_every_field_has_a_changed_value():
    assert set(CHANGED) == V1_FIELDS
    assert set(CHANGED_V2) == {f.name for f in dataclasses.fields(SealRecord)} - {
        "attendee_token", "nip_sha256", "place", "operator", "format"}


@pytest.mark.parametrize("name", sorted(CHANGED_V2))
def test_each_printed_field_changed_under_the_old_signature_is_altered(name):
    original = printed_record()
    _, signature = cbor2.loads(seal_bytes(fixed_key(), original))
    forged_record = printed_record(**{name: CHANGED_V2[name]})
    assert forged_record.differences(original) == [name]
    forged = cbor2.dumps([forged_record.encode(), signature], canonical=True)
    verdict = verify_seal(qr_text(forged), public_keys(1, 2))
    assert (verdict.status, verdict.field) == ("altered", "seal")
    verdict = verify_seal(forged, public_keys(1, 2), lambda record: original)
    assert (verdict.status, verdict.field) == ("altered", name)


def test_the_qr_holds_what_the_paper_prints_and_nothing_more():
    """Format 3: every printed field, and no invitation token, desk, operator or NIP digest
    (the NIP is printed on the certificate: it is there as printed, nothing to enumerate)."""
    record = printed_record()
    items = cbor2.loads(record.encode())
    assert items[0] == 3 and len(items) == 25
    texts = [item for item in items if isinstance(item, str)]
    for printed in ("Budi Santoso, S.E.", NIP, "Penata Tingkat I (III/d)", "Bekasi",
                    "800/018/Kesbangpol/2023",
                    "Kepala Bidang Politik", "Drs. H. Junaedi, M.Si.", "196707011993031004",
                    "Sekretaris Daerah Kota Bekasi", record.pledge_title):
        assert printed in texts
    sealed = seal_bytes(fixed_key(), record)
    assert nip_digest(NIP) not in sealed.hex()
    assert bytes.fromhex(nip_digest(NIP)) not in sealed
    for secret in (b"QRSTUVWXYZ234567", b"Meja", b"Rina"):
        assert secret not in sealed
    opened = open_seal(qr_text(sealed))[0]
    assert opened == record and verify_seal(sealed, public_keys()).authentic


def test_a_format_2_seal_made_before_statements_were_numbered_still_verifies():
    """A seal of format 2 (24 fields, no number) opens and verifies as it was made; a number
    written into it (as format 3) breaks its signature, and the field is named."""
    old = printed_record(number="", format=2)
    items = cbor2.loads(old.encode())
    assert items[0] == 2 and len(items) == 24 and "" not in items[11:17]
    sealed = seal_bytes(fixed_key(), old)
    verdict = verify_seal(qr_text(sealed), public_keys())
    assert verdict.authentic and verdict.record == old and verdict.record.number == ""
    _, signature = cbor2.loads(sealed)
    numbered = printed_record()  # the same fields, format 3 with a number
    forged = cbor2.dumps([numbered.encode(), signature], canonical=True)
    verdict = verify_seal(forged, public_keys(), lambda record: old)
    assert verdict.status == "altered" and set(verdict.differences) == {"number", "format"}


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_each_single_field_change_under_the_old_signature_is_altered(name):
    original = fixed_record()
    _, signature = cbor2.loads(seal_bytes(fixed_key(), original))
    forged_record = fixed_record(**{name: CHANGED[name]})
    assert forged_record.differences(original) == [name]
    forged = cbor2.dumps([forged_record.encode(), signature], canonical=True)
    # Both keys known: a changed key field is then a wrong signature, not an unknown key.
    keys = public_keys(1, 2)
    for data in (forged, qr_text(forged)):
        verdict = verify_seal(data, keys)
        assert verdict.status == "altered"
        assert verdict.field == "seal"
        assert verdict.record == forged_record
    # With the sealing database at hand, the field is named.
    verdict = verify_seal(forged, keys, lambda record: original)
    assert (verdict.status, verdict.field, verdict.differences) == ("altered", name, [name])
    assert verdict.message.startswith("DIUBAH: ")


def test_a_changed_zone_alone_is_named_as_the_time():
    original = fixed_record()
    _, signature = cbor2.loads(seal_bytes(fixed_key(), original))
    forged_record = fixed_record(signed_at=original.signed_at.astimezone(UTC))
    forged = cbor2.dumps([forged_record.encode(), signature], canonical=True)
    verdict = verify_seal(forged, public_keys(), lambda record: original)
    assert (verdict.status, verdict.field) == ("altered", "signed_at")


def test_a_changed_field_under_an_unknown_key_is_not_authentic():
    original = fixed_record()
    _, signature = cbor2.loads(seal_bytes(fixed_key(), original))
    forged = cbor2.dumps([fixed_record(key=fixed_key(3).fingerprint).encode(), signature],
                         canonical=True)
    assert verify_seal(forged, public_keys(1, 2)).status == "unknown_key"


def test_every_single_byte_flip_of_a_seal_is_caught():
    sealed = seal_bytes(fixed_key(), fixed_record())
    keys = public_keys()
    assert verify_seal(sealed, keys).status == "authentic"
    seen = set()
    for index in range(len(sealed)):
        for mask in (0x01, 0x80, 0xFF):
            flipped = bytearray(sealed)
            flipped[index] ^= mask
            verdict = verify_seal(bytes(flipped), keys)
            assert verdict.status != "authentic", (index, mask)
            seen.add(verdict.status)
            # The same through the QR text.
            assert verify_seal(qr_text(bytes(flipped)), keys).status == verdict.status
    assert {"altered", "unreadable"} <= seen


def test_a_truncated_or_extended_seal_is_not_authentic():
    sealed = seal_bytes(fixed_key(), fixed_record())
    keys = public_keys()
    for cut in range(len(sealed)):
        assert verify_seal(sealed[:cut], keys).status == "unreadable"
    assert verify_seal(sealed + b"\x00", keys).status == "unreadable"


def test_a_record_with_a_wrong_field_type_or_size_is_unreadable():
    items = fixed_record().to_array()
    for index, value in ((1, b"short"), (11, "57"), (11, True), (9, b"\x00" * 31), (14, 24 * 60)):
        changed = list(items)
        changed[index] = value
        data = cbor2.dumps(changed, canonical=True)
        sealed = cbor2.dumps([data, fixed_key().sign(DOMAIN + data)], canonical=True)
        with pytest.raises(SealFormatError):
            open_seal(sealed)
        assert verify_seal(sealed, public_keys()).status == "unreadable"


# -- sealing on a real store --------------------------------------------------------------------


@pytest.fixture
def signed_event(store):
    event = store.create_event(Event(name="Ikrar Netralitas", event_date=date(2024, 2, 1)))
    people = store.add_attendees(event.id, [
        Attendee("Ani  Lestari", Category.ESELON_III, nip="198609262015051001"),
        Attendee("Budi", Category.PELAKSANA),
    ])
    use_template(store, event.id, "netralitas_asn_2024")
    return event, people


def test_key_create_unlock_seal_round_trip(store, signed_event):
    from pledges.keys import known_public_keys, unlock

    event, people = signed_event
    create_key(store, "kata-sandi-uji")
    key = unlock(store, "kata-sandi-uji")
    signature = sign(store, event.id, people[0].id, synthetic_signature(1, W, H), W, H,
                     place="Meja 1", operator="Rina", seal_key=key)
    sealed = seals_of(store, event.id)[signature.id]
    verdict = verify_seal(qr_text(sealed), known_public_keys(store))
    assert verdict.status == "authentic"
    record = verdict.record
    assert record.format == 3
    assert record.number == ""  # the event has no numbering scheme
    assert record.attendee_name == "Ani Lestari"  # spaces as printed
    assert record.nip == "198609262015051001" and record.nip_sha256 == ""
    assert record.strokes_sha256 == signature.strokes_sha256
    assert (record.attendee_token, record.place, record.operator) == ("", "", "")
    assert record.signed_at == signature.signed_at.replace(microsecond=0)
    assert record.event_uid == store.get_event(event.id).uid
    # What the documents compute from the objects they hold is the sealed record.
    documents = collect(store, event.id)
    person = next(a for a in documents.attendees if a.id == people[0].id)
    version = documents.signed_versions[signature.pledge_hash]
    assert record_of(key.fingerprint, documents.event, person,
                     documents.signatures[people[0].id], version.text) == record
    assert documents.seals[signature.id] == sealed


def test_a_signature_without_the_key_is_sealed_later_and_logged(store, signed_event):
    from events.audit import entries
    from pledges.audit import verify_chain
    from pledges.keys import known_public_keys

    event, people = signed_event
    first = sign(store, event.id, people[0].id, synthetic_signature(1, W, H), W, H)
    second = sign(store, event.id, people[1].id, synthetic_signature(2, W, H), W, H)
    assert seals_of(store, event.id) == {}
    key = create_key(store, "kata-sandi-uji")
    assert seal_pending(store, key, event.id, actor="Rina") == 2
    assert seal_pending(store, key, event.id) == 0
    sealed = seals_of(store, event.id)
    assert set(sealed) == {first.id, second.id}
    assert all(verify_seal(s, known_public_keys(store)).authentic for s in sealed.values())
    with store.connection() as conn:
        actions = [e.action for e in entries(conn, event.id)]
    assert actions[-3:] == ["sealed", "sealed", "checkpoint"]
    assert verify_chain(store, event.id).intact


def test_stored_lookup_names_the_changed_field_of_a_forged_seal(store, signed_event):
    from pledges.keys import known_public_keys

    event, people = signed_event
    key = create_key(store, "kata-sandi-uji")
    signature = sign(store, event.id, people[0].id, synthetic_signature(1, W, H), W, H,
                     seal_key=key)
    record, _, sig = open_seal(seals_of(store, event.id)[signature.id])
    forged_record = dataclasses.replace(record, attendee_name="Ani Lestari Putri")
    forged = cbor2.dumps([forged_record.encode(), sig], canonical=True)
    verdict = verify_seal(qr_text(forged), known_public_keys(store), stored_lookup(store))
    assert (verdict.status, verdict.field) == ("altered", "attendee_name")
    assert verdict.message == "DIUBAH: nama tidak sesuai dengan segel"
    # Without the database the seal still fails, without a name for the field.
    verdict = verify_seal(qr_text(forged), known_public_keys(store))
    assert (verdict.status, verdict.field) == ("altered", "seal")


def test_a_stored_seal_cannot_be_rewritten(store, signed_event, db_path):
    event, people = signed_event
    key = create_key(store, "kata-sandi-uji")
    sign(store, event.id, people[0].id, synthetic_signature(1, W, H), W, H, seal_key=key)
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="immutable"):
            conn.execute("UPDATE seals SET sealed = x'00'")
    finally:
        conn.close()



# -- statement numbers ----------------------------------------------------------------------------


def _statement_text(store, event_id: int) -> str:
    """The statements of the event as exported now, their text layer (pypdfium2)."""
    import pypdfium2 as pdfium

    from pledges.documents.certificates import build_certificates

    document = pdfium.PdfDocument(build_certificates(collect(store, event_id)))
    try:
        return "\n".join(document[i].get_textpage().get_text_range()
                         for i in range(len(document)))
    finally:
        document.close()


def test_statements_are_numbered_from_the_scheme_once_and_for_good(store, signed_event):
    """The Berita Acara takes the scheme's first number, the statements the next ones in the
    order they are sealed; a person who signs again keeps their number; a signature sealed
    later takes the next free one; the witness has none; the number is in the seal and on the
    page, the same on every export, also after the scheme is changed."""
    from pledges.keys import known_public_keys
    from pledges.signatures import sign_witness

    event, people = signed_event
    event = store.update_event(dataclasses.replace(
        store.get_event(event.id), number_scheme="800/{n:03d}/Kesbangpol/2024",
        number_start=17))
    [carla] = store.add_attendees(event.id, [Attendee("Carla", Category.PELAKSANA)])
    key = create_key(store, "kata-sandi-uji")
    ani = sign(store, event.id, people[0].id, synthetic_signature(1, W, H), W, H, seal_key=key)
    budi = sign(store, event.id, people[1].id, synthetic_signature(2, W, H), W, H, seal_key=key)
    late = sign(store, event.id, carla.id, synthetic_signature(3, W, H), W, H)  # no key yet
    witness = sign_witness(store, event.id, synthetic_signature(4, W, H), W, H, seal_key=key)
    again = sign(store, event.id, people[0].id, synthetic_signature(5, W, H), W, H,
                 seal_key=key)
    assert seal_pending(store, key, event.id) == 1
    numbers = {s.id: open_seal(sealed)[0].number
               for s in (ani, budi, late, witness, again)
               for sealed in [seals_of(store, event.id)[s.id]]}
    assert numbers == {ani.id: "800/018/Kesbangpol/2024", budi.id: "800/019/Kesbangpol/2024",
                       late.id: "800/020/Kesbangpol/2024", witness.id: "",
                       again.id: "800/018/Kesbangpol/2024"}
    keys = known_public_keys(store)
    assert all(verify_seal(s, keys).authentic for s in seals_of(store, event.id).values())
    first = _statement_text(store, event.id)
    for number in ("800/018/Kesbangpol/2024", "800/019/Kesbangpol/2024",
                   "800/020/Kesbangpol/2024"):
        assert first.count(f"NOMOR : {number}") == 1, number
    store.update_event(dataclasses.replace(store.get_event(event.id),
                                           number_scheme="900/{n}/Lain/2025", number_start=1))
    assert _statement_text(store, event.id) == first  # numbers given are kept


def test_a_changed_number_in_a_sealed_statement_is_named(store, signed_event):
    from pledges.keys import known_public_keys

    event, people = signed_event
    store.update_event(dataclasses.replace(
        store.get_event(event.id), number_scheme="800/{n:03d}/Kesbangpol/2024"))
    key = create_key(store, "kata-sandi-uji")
    signature = sign(store, event.id, people[0].id, synthetic_signature(1, W, H), W, H,
                     seal_key=key)
    record, _, sig = open_seal(seals_of(store, event.id)[signature.id])
    assert record.number == "800/002/Kesbangpol/2024"
    forged_record = dataclasses.replace(record, number="800/001/Kesbangpol/2024")
    forged = cbor2.dumps([forged_record.encode(), sig], canonical=True)
    verdict = verify_seal(qr_text(forged), known_public_keys(store), stored_lookup(store))
    assert (verdict.status, verdict.field) == ("altered", "number")
    assert verdict.message == "DIUBAH: nomor surat tidak sesuai dengan segel"
