"""Seals: every signature's record, signed with the organizer's Ed25519 key.

A seal binds, in one canonical record, what the certificate prints and nothing more: the event
(uid, name, date, the institution and organizing unit of the letterhead, the city of the date
line), the witnessing official (title, name, NIP), the person (name, NIP as printed, pangkat,
jabatan, unit, category), the pledge (the version hash, its title, and the SHA-256 and word
count of the words printed on the certificate), the SHA-256 of the signature strokes and the
moment (with the UTC offset of the event's zone, so that it reads as WIB, WITA or WIT from the
paper alone). So the QR code of a certificate on paper shows everything the page should show, for a
person to compare side by side, and tells nothing the paper does not: no invitation token
(which checks the person in), no desk, no operator, no digest of the NIP to enumerate. Sealing
happens in the signature's own transaction: a signature made with an unlocked key is sealed
when it is committed.

Format 3 adds the statement's number (from the event's numbering scheme, as printed under its
title), given when the signature is sealed and the same for the person ever after; format 2
seals (every printed field but a number: statements were unnumbered then) still open and
verify, and their statements print no number. Seals made before (format 1) carried the
invitation token, an unsalted SHA-256 of the NIP, the desk and the operator, and not the other
printed fields; they still open and verify.

The record is a CBOR array in the deterministic encoding of RFC 8949 (4.2.1); the seal is the
CBOR array ``[record bytes, Ed25519 signature]``, the signature taken over ``DOMAIN`` followed by
the record bytes, exactly as embedded. The certificate's QR code carries the seal as
``"IK1:" + base45(seal)`` (RFC 9285), which QR encodes in its compact alphanumeric mode, so the
whole record can be checked offline from the paper with the organizer's public key alone.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import base45
import cbor2
import sqlalchemy as sa

from events import audit
from events import schema as event_schema
from events.dates import in_zone
from events.numbering import document_number, format_number
from events.store import DuplicateError, Store
from events.types import now
from pledges import schema
from pledges.keys import SealKey, fingerprint_bytes
from pledges.texts import PledgeText, from_canonical

if TYPE_CHECKING:
    from events.model import Attendee, Event
    from pledges.signatures import SignatureRecord

__all__ = [
    "DOMAIN", "FIELD_LABELS", "FORMAT", "QR_PREFIX", "SealFormatError", "SealRecord",
    "assign_number", "build_record", "nip_digest", "open_seal", "pledge_words", "qr_text",
    "record_of",    "as_code", "seal_bytes", "seal_by_code", "seal_in_transaction", "seal_keys_of",
    "seal_pending", "seals_of", "short_code",
    "stored_lookup", "words_digest",
]

FORMAT = 3
FORMATS = (1, 2, 3)
DOMAIN = b"IKRAR-SEAL-1\x00"
QR_PREFIX = "IK1:"
WITNESS_TOKEN = ""  # the witnessing official has no invitation token

# What each field is called when it disagrees (shown to the user).
FIELD_LABELS = {
    "key": "kunci segel",
    "format": "isi segel",
    "event_uid": "kode acara",
    "event_name": "nama acara",
    "event_date": "tanggal acara",
    "attendee_token": "kode peserta",
    "attendee_name": "nama",
    "category": "kategori",
    "nip_sha256": "NIP",
    "nip": "NIP",
    "golongan": "pangkat/golongan",
    "jabatan": "jabatan",
    "unit": "unit kerja",
    "institution": "kop surat",
    "organizer_unit": "kop surat",
    "city": "tempat tanda tangan",
    "witness_title": "jabatan saksi",
    "witness_name": "nama saksi",
    "witness_nip": "NIP saksi",
    "pledge_title": "judul ikrar",
    "number": "nomor surat",
    "pledge_hash": "versi teks ikrar",
    "text_sha256": "teks ikrar",
    "text_words": "teks ikrar",
    "strokes_sha256": "tanda tangan",
    "signed_at": "waktu tanda tangan",
    "place": "meja",
    "operator": "petugas",
}


class SealFormatError(ValueError):
    """The bytes are not an Ikrar seal (or not one this version can read)."""


@dataclass(frozen=True)
class SealRecord:
    """What a seal signs (digests as lower-case hex). Formats 2 and 3 leave
    ``attendee_token``, ``nip_sha256``, ``place`` and ``operator`` empty; format 2 has no
    ``number``; format 1 leaves the printed fields after ``operator`` empty."""

    key: str
    event_uid: str
    event_name: str
    event_date: date
    attendee_token: str
    attendee_name: str
    category: str
    nip_sha256: str
    pledge_hash: str
    text_sha256: str
    text_words: int
    strokes_sha256: str
    signed_at: datetime
    place: str
    operator: str
    nip: str = ""  # the 18 (or 16) digits as printed, "" for none
    golongan: str = ""
    jabatan: str = ""
    unit: str = ""
    institution: str = ""
    organizer_unit: str = ""
    city: str = ""
    witness_title: str = ""
    witness_name: str = ""
    witness_nip: str = ""
    pledge_title: str = ""
    number: str = ""  # the statement's number as printed ("800/018/Kesbangpol/2026"), or ""
    format: int = FORMAT

    @property
    def is_witness(self) -> bool:
        return self.category == "saksi"

    def to_array(self) -> list[int | bytes | str]:
        offset = self.signed_at.utcoffset() or timedelta(0)
        stamp, minutes = int(self.signed_at.timestamp()), int(offset.total_seconds() // 60)
        if self.format == 1:
            return [
                1, fingerprint_bytes(self.key), self.event_uid, self.event_name,
                self.event_date.toordinal(), self.attendee_token, self.attendee_name,
                self.category, bytes.fromhex(self.nip_sha256), bytes.fromhex(self.pledge_hash),
                bytes.fromhex(self.text_sha256), self.text_words,
                bytes.fromhex(self.strokes_sha256), stamp, minutes, self.place, self.operator,
            ]
        printed: list[int | bytes | str] = [
            self.format, fingerprint_bytes(self.key), self.event_uid, self.event_name,
            self.event_date.toordinal(), self.institution, self.organizer_unit, self.city,
            self.witness_title, self.witness_name, self.witness_nip, self.attendee_name,
            self.nip, self.golongan, self.jabatan, self.unit, self.category,
            bytes.fromhex(self.pledge_hash), self.pledge_title, bytes.fromhex(self.text_sha256),
            self.text_words, bytes.fromhex(self.strokes_sha256), stamp, minutes,
        ]
        if self.format == 2:  # as sealed before statements were numbered
            return printed
        return [*printed, self.number]

    def encode(self) -> bytes:
        return cbor2.dumps(self.to_array(), canonical=True)

    @classmethod
    def from_array(cls, items: object) -> SealRecord:
        if not isinstance(items, list) or not items or items[0] not in FORMATS:
            raise SealFormatError("not an Ikrar seal record")
        if items[0] == 1:
            return cls._from_format_1(items)
        version = items[0]
        if len(items) != (24 if version == 2 else 25):
            raise SealFormatError("not an Ikrar seal record")
        number = items[24] if version == 3 else ""
        (_, key, uid, event_name, ordinal, institution, organizer_unit, city, witness_title,
         witness_name, witness_nip, name, nip, golongan, jabatan, unit, category, pledge,
         pledge_title, text, words, strokes, stamp, offset) = items[:24]
        texts = (uid, event_name, institution, organizer_unit, city, witness_title,
                 witness_name, witness_nip, name, nip, golongan, jabatan, unit, category,
                 pledge_title, number)
        kinds = [(key, bytes), (ordinal, int), (pledge, bytes), (text, bytes), (words, int),
                 (strokes, bytes), (stamp, int), (offset, int), *((t, str) for t in texts)]
        if any(not isinstance(value, kind) or isinstance(value, bool) for value, kind in kinds):
            raise SealFormatError("a field of the wrong type")
        if len(key) != 10 or len(pledge) != 32 or len(text) != 32 or len(strokes) != 32:
            raise SealFormatError("a field of the wrong size")
        signed_at, event_date = _moment_and_day(stamp, offset, ordinal)
        return cls(base64.b32encode(key).decode("ascii"), uid, event_name, event_date, "",
                   name, category, "", pledge.hex(), text.hex(), words, strokes.hex(),
                   signed_at, "", "", nip=nip, golongan=golongan, jabatan=jabatan, unit=unit,
                   institution=institution, organizer_unit=organizer_unit, city=city,
                   witness_title=witness_title, witness_name=witness_name,
                   witness_nip=witness_nip, pledge_title=pledge_title, number=number,
                   format=version)

    @classmethod
    def _from_format_1(cls, items: list[object]) -> SealRecord:
        if len(items) != 17:
            raise SealFormatError("not an Ikrar seal record")
        (_, key, uid, event_name, ordinal, token, name, category, nip, pledge, text, words,
         strokes, stamp, offset, place, operator) = items
        kinds = ((key, bytes), (uid, str), (event_name, str), (ordinal, int), (token, str),
                 (name, str), (category, str), (nip, bytes), (pledge, bytes), (text, bytes),
                 (words, int), (strokes, bytes), (stamp, int), (offset, int), (place, str),
                 (operator, str))
        if any(not isinstance(value, kind) or isinstance(value, bool) for value, kind in kinds):
            raise SealFormatError("a field of the wrong type")
        assert isinstance(key, bytes) and isinstance(pledge, bytes) and isinstance(text, bytes)
        assert isinstance(strokes, bytes) and isinstance(nip, bytes)
        if len(key) != 10 or len(pledge) != 32 or len(text) != 32 or len(strokes) != 32 \
                or len(nip) not in (0, 32):
            raise SealFormatError("a field of the wrong size")
        assert isinstance(stamp, int) and isinstance(offset, int) and isinstance(ordinal, int)
        assert isinstance(words, int)
        signed_at, event_date = _moment_and_day(stamp, offset, ordinal)
        return cls(base64.b32encode(key).decode("ascii"), str(uid), str(event_name), event_date,
                   str(token), str(name), str(category), nip.hex(), pledge.hex(), text.hex(),
                   words, strokes.hex(), signed_at, str(place), str(operator), format=1)

    def differences(self, other: SealRecord) -> list[str]:
        """The names of the fields that differ from ``other``'s as sealed: a time differs in
        its whole second or in its zone (aware datetimes in two zones compare equal)."""
        return [f.name for f in fields(self)
                if _sealed_value(getattr(self, f.name)) != _sealed_value(getattr(other, f.name))]


def _moment_and_day(stamp: int, offset: int, ordinal: int) -> tuple[datetime, date]:
    if not -24 * 60 < offset < 24 * 60:
        raise SealFormatError("a field of the wrong size")
    try:
        zone = timezone(timedelta(minutes=offset))
        return datetime.fromtimestamp(stamp, UTC).astimezone(zone), date.fromordinal(ordinal)
    except (ValueError, OverflowError, OSError) as error:
        raise SealFormatError(str(error)) from None


def _sealed_value(value: object) -> object:
    if isinstance(value, datetime):
        offset = value.utcoffset() or timedelta(0)
        return int(value.timestamp()), int(offset.total_seconds() // 60)
    return value


def _whole_second(moment: datetime) -> datetime:
    """The time as sealed (the record holds whole seconds, and the offset of the event's zone:
    seals made before events had a zone hold the recording machine's offset, and verify as
    they are, for the offset is part of what was signed)."""
    return moment.replace(microsecond=0)


# -- what the record holds ---------------------------------------------------------------------


def nip_digest(nip: str | None) -> str:
    """SHA-256 (hex) of the NIP's 18 digits; "" when the person has none."""
    digits = re.sub(r"\D", "", nip or "")
    return hashlib.sha256(digits.encode("ascii")).hexdigest() if digits else ""


def pledge_words(text: PledgeText) -> list[str]:
    """The pledge's words as the certificate prints them: opening, "1." and the first point,
    ..., closing (the title is printed as the page's heading and not counted)."""
    words = text.opening.split()
    for i, point in enumerate(text.points, 1):
        words += [f"{i}.", *point.split()]
    return words + text.closing.split()


def words_digest(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


_S = schema.signatures
_A = event_schema.attendees
_E = event_schema.events
_V = schema.pledge_versions
_SEALS = schema.seals
_words_cache: dict[str, tuple[str, str, int]] = {}


def _text_digest(conn: sa.Connection, pledge_hash: str) -> tuple[str, str, int]:
    """(title, SHA-256 of the printed words, how many) of a stored pledge version."""
    found = _words_cache.get(pledge_hash)
    if found is None:
        content = conn.execute(
            sa.select(_V.c.content).where(_V.c.hash == pledge_hash)).scalar_one()
        text = from_canonical(content)
        words = pledge_words(text)
        found = _words_cache[pledge_hash] = (" ".join(text.title.split()),
                                             words_digest(words), len(words))
    return found


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _digits(number: str | None) -> str:
    return re.sub(r"\D", "", number or "")


def build_record(conn: sa.Connection, key_fingerprint: str, signature_id: int,
                 number: str = "") -> SealRecord:
    """The record of a stored signature, read in the caller's transaction; ``number``: the
    statement's number (:func:`assign_number`)."""
    row = conn.execute(
        sa.select(_S.c.role, _S.c.pledge_hash, _S.c.strokes_sha256, _S.c.signed_at,
                  _E.c.uid, _E.c.name.label("event_name"), _E.c.event_date, _E.c.time_zone,
                  _E.c.city,
                  _E.c.institution, _E.c.organizer_unit, _E.c.witness_name, _E.c.witness_nip,
                  _E.c.witness_title, _A.c.name, _A.c.category, _A.c.nip, _A.c.golongan,
                  _A.c.jabatan, _A.c.unit, _A.c.institution.label("attendee_institution"))
        .select_from(_S.join(_E, _E.c.id == _S.c.event_id)
                     .outerjoin(_A, _A.c.id == _S.c.attendee_id))
        .where(_S.c.id == signature_id)
    ).one()
    pledge_title, text_sha, text_words = _text_digest(conn, row.pledge_hash)
    witness = row.role == "witness"
    golongan = jabatan = unit = ""
    if witness:
        name, category, nip = _one_line(row.witness_name), "saksi", _digits(row.witness_nip)
    else:
        from events.categories import Category
        from events.model import Attendee, affiliation

        name, category, nip = _one_line(row.name), row.category, _digits(row.nip)
        golongan, jabatan = _one_line(row.golongan), _one_line(row.jabatan)
        unit = affiliation(Attendee(row.name, Category(row.category), unit=row.unit or "",
                                    institution=row.attendee_institution or ""))
    return SealRecord(
        key=key_fingerprint, event_uid=row.uid, event_name=_one_line(row.event_name),
        event_date=row.event_date, attendee_token="", nip_sha256="",
        pledge_hash=row.pledge_hash, text_sha256=text_sha, text_words=text_words,
        strokes_sha256=row.strokes_sha256,
        signed_at=_whole_second(in_zone(row.signed_at, row.time_zone)),
        place="", operator="", institution=_one_line(row.institution),
        organizer_unit=_one_line(row.organizer_unit), city=_one_line(row.city),
        witness_title=_one_line(row.witness_title), witness_name=_one_line(row.witness_name),
        witness_nip=_digits(row.witness_nip), pledge_title=pledge_title,
        attendee_name=name, category=category, nip=nip, golongan=golongan, jabatan=jabatan,
        unit=unit, number=number,
    )


def record_of(key_fingerprint: str, event: Event, attendee: Attendee, signature: SignatureRecord,
              text: PledgeText, number: str = "") -> SealRecord:
    """The record of an attendee's signature from the objects documents hold (the same record
    :func:`build_record` reads from the database)."""
    from events.model import affiliation

    words = pledge_words(text)
    return SealRecord(
        key=key_fingerprint, event_uid=event.uid, event_name=_one_line(event.name),
        event_date=event.event_date, attendee_token="",
        attendee_name=_one_line(attendee.name), category=str(attendee.category.value),
        nip_sha256="", pledge_hash=signature.pledge_hash,
        text_sha256=words_digest(words), text_words=len(words),
        strokes_sha256=signature.strokes_sha256,
        signed_at=_whole_second(in_zone(signature.signed_at, event)),
        place="", operator="", nip=_digits(attendee.nip), golongan=_one_line(attendee.golongan),
        jabatan=_one_line(attendee.jabatan), unit=affiliation(attendee),
        institution=_one_line(event.institution), organizer_unit=_one_line(event.organizer_unit),
        city=_one_line(event.city), witness_title=_one_line(event.witness.title),
        witness_name=_one_line(event.witness.name), witness_nip=_digits(event.witness.nip),
        pledge_title=_one_line(text.title), number=number,
    )


def seal_bytes(key: SealKey, record: SealRecord) -> bytes:
    data = record.encode()
    return cbor2.dumps([data, key.sign(DOMAIN + data)], canonical=True)


def assign_number(conn: sa.Connection, signature_id: int) -> tuple[str, int | None]:
    """The statement number (as printed, and its running number) a stored attendee signature
    is sealed with, in the caller's transaction: the number the person's earlier sealed
    signature of this event had (a person who signs again keeps it), else the next one of the
    event's numbering scheme (after the first, which is the Berita Acara's, and after every
    number given so far). ("", None) for the witness and for an event without a scheme.

    The event's row is locked for the rest of the transaction (FOR NO KEY UPDATE on
    PostgreSQL, the write lock on SQLite), so two desks sealing at once never take one number.
    """
    signature = conn.execute(sa.select(_S.c.event_id, _S.c.attendee_id, _S.c.role)
                             .where(_S.c.id == signature_id)).one()
    if signature.role != "attendee":
        return "", None
    event = conn.execute(sa.select(_E.c.number_scheme, _E.c.number_start)
                         .where(_E.c.id == signature.event_id)
                         .with_for_update(key_share=True)).one()
    if document_number(event.number_scheme, event.number_start) is None:
        return "", None
    given = (sa.select(_SEALS.c.running_number, _SEALS.c.sealed)
             .join(_S, _S.c.id == _SEALS.c.signature_id)
             .where(_S.c.event_id == signature.event_id,
                    _SEALS.c.running_number.is_not(None)))
    earlier = conn.execute(given.where(_S.c.attendee_id == signature.attendee_id)
                           .order_by(_S.c.id.desc()).limit(1)).first()
    if earlier is not None:
        try:
            kept = open_seal(bytes(earlier.sealed))[0].number
        except SealFormatError:
            kept = ""
        n = int(earlier.running_number)
        return kept or format_number(event.number_scheme, n), n
    highest = conn.execute(sa.select(sa.func.max(given.subquery().c.running_number))).scalar()
    n = max(int(event.number_start) + 1, int(highest or 0) + 1)
    return format_number(event.number_scheme, n), n


def seal_in_transaction(conn: sa.Connection, key: SealKey, signature_id: int, *,
                        at: datetime | None = None) -> str:
    """Seal a stored signature inside the caller's transaction, with its statement number
    (:func:`assign_number`); the key's fingerprint."""
    number, running = assign_number(conn, signature_id)
    record = build_record(conn, key.fingerprint, signature_id, number)
    conn.execute(sa.insert(_SEALS).values(signature_id=signature_id,
                                          key_fingerprint=key.fingerprint,
                                          sealed=seal_bytes(key, record), sealed_at=at or now(),
                                          running_number=running))
    return key.fingerprint


def seal_pending(store: Store, key: SealKey, event_id: int, *, actor: str = "") -> int:
    """Seal the event's signatures that have no seal yet (made before a key was unlocked);
    how many were sealed. Each is recorded in the audit trail."""
    with store.connection() as conn:
        pending = conn.execute(
            sa.select(_S.c.id, _S.c.strokes_sha256, _A.c.token)
            .select_from(_S.outerjoin(_A, _A.c.id == _S.c.attendee_id)
                         .outerjoin(_SEALS, _SEALS.c.signature_id == _S.c.id))
            .where(_S.c.event_id == event_id, _SEALS.c.signature_id.is_(None))
            .order_by(_S.c.id)
        ).all()
    sealed = 0
    for signature_id, strokes, token in pending:
        try:
            with store.transaction() as conn:
                stamp = now()
                seal_in_transaction(conn, key, signature_id, at=stamp)
                audit.append(conn, event_id, "sealed", {"token": token, "strokes": strokes,
                                                        "seal": key.fingerprint},
                             actor=actor, at=stamp)
        except DuplicateError:
            continue  # sealed meanwhile by another desk's run: nothing to do
        sealed += 1
    if sealed:
        from pledges.audit import checkpoint

        checkpoint(store, key, event_id, actor=actor)
    return sealed


def seals_of(store: Store, event_id: int) -> dict[int, bytes]:
    """signature id -> seal bytes, for the event's sealed signatures."""
    with store.connection() as conn:
        rows = conn.execute(
            sa.select(_SEALS.c.signature_id, _SEALS.c.sealed)
            .join(_S, _S.c.id == _SEALS.c.signature_id).where(_S.c.event_id == event_id)
        ).all()
    return {signature_id: bytes(sealed) for signature_id, sealed in rows}


def seal_keys_of(store: Store, event_id: int) -> list[str]:
    """The fingerprints of the keys that sealed the event's signatures, sorted."""
    with store.connection() as conn:
        return sorted(conn.execute(
            sa.select(_SEALS.c.key_fingerprint).distinct()
            .join(_S, _S.c.id == _SEALS.c.signature_id).where(_S.c.event_id == event_id)
        ).scalars())


# -- the seal as carried on paper ------------------------------------------------------------


def qr_text(sealed: bytes) -> str:
    """What the certificate's QR code holds: upper-case letters, digits and base45's symbols."""
    return QR_PREFIX + _b45encode(sealed).decode("ascii")


def short_code(sealed: bytes) -> str:
    """"ABCDE-FGHIJ": the first 50 bits of SHA-256 of the seal, printed beside the QR code."""
    code = base64.b32encode(hashlib.sha256(sealed).digest()).decode("ascii")[:10]
    return f"{code[:5]}-{code[5:]}"


_CODE = re.compile(r"[A-Z2-7]{5}-?[A-Z2-7]{5}")


def as_code(text: str) -> str | None:
    """``text`` as a short code "ABCDE-FGHIJ" when it is one (any case, with or without the
    dash, spaces around; the digits 0, 1 and 8 read as the letters O, I and B, which base32
    has instead), else None."""
    plain = re.sub(r"\s+", "", text).upper().translate(str.maketrans("018", "OIB"))
    if not _CODE.fullmatch(plain):
        return None
    plain = plain.replace("-", "")
    return f"{plain[:5]}-{plain[5:]}"


def seal_by_code(store: Store, code: str) -> bytes | None:
    """The seal in this database whose short code is ``code`` (newest first), or None. Every
    seal is read and hashed: 10,000 take a few milliseconds."""
    wanted = as_code(code)
    if wanted is None:
        return None
    with store.connection() as conn:
        rows = conn.execute(sa.select(_SEALS.c.sealed)
                            .order_by(_SEALS.c.signature_id.desc())).scalars()
        for sealed in rows:
            if short_code(bytes(sealed)) == wanted:
                return bytes(sealed)
    return None


# base45 has no type information: its two calls, typed.
def _b45encode(data: bytes) -> bytes:
    encoded: bytes = base45.b45encode(data)
    return encoded


def _b45decode(text: str) -> bytes:
    decoded: bytes = base45.b45decode(text)
    return decoded


def open_seal(data: bytes | str) -> tuple[SealRecord, bytes, bytes]:
    """(record, signed bytes, signature) from a seal or its QR text; SealFormatError if it is
    not one. Nothing is verified here."""
    if isinstance(data, str):
        text = data.strip()
        if not text.upper().startswith(QR_PREFIX):
            raise SealFormatError("not an Ikrar seal")
        try:
            data = _b45decode(text[len(QR_PREFIX):])
        except (ValueError, KeyError) as error:
            raise SealFormatError(f"base45: {error}") from None
    try:
        outer = cbor2.loads(data)
    except (cbor2.CBORDecodeError, ValueError, TypeError) as error:
        raise SealFormatError(f"CBOR: {error}") from None
    if (not isinstance(outer, list) or len(outer) != 2 or not isinstance(outer[0], bytes)
            or not isinstance(outer[1], bytes) or len(outer[1]) != 64):
        raise SealFormatError("not an Ikrar seal")
    signed, signature = outer
    if cbor2.dumps(outer, canonical=True) != bytes(data):
        raise SealFormatError("not in the canonical encoding")
    try:
        items = cbor2.loads(signed)
    except (cbor2.CBORDecodeError, ValueError, TypeError) as error:
        raise SealFormatError(f"CBOR: {error}") from None
    record = SealRecord.from_array(items)
    if record.encode() != signed:
        raise SealFormatError("record not in the canonical encoding")
    return record, signed, signature


def stored_lookup(store: Store) -> Callable[[SealRecord], SealRecord | None]:
    """A function (a record read from a seal) -> the record as sealed in this database, for
    naming the field of a seal that fails; None when not here. The seal is found by the
    event and the signature's strokes digest, else (format 1) the person's token, else the
    person's name in that event."""

    def lookup(record: SealRecord) -> SealRecord | None:
        base = (sa.select(_SEALS.c.sealed)
                .select_from(_SEALS.join(_S, _S.c.id == _SEALS.c.signature_id)
                             .join(_E, _E.c.id == _S.c.event_id)
                             .outerjoin(_A, _A.c.id == _S.c.attendee_id))
                .where(_E.c.uid == record.event_uid).order_by(_S.c.id.desc()).limit(1))
        tries = [base.where(_S.c.strokes_sha256 == record.strokes_sha256)]
        if record.attendee_token:
            tries.append(base.where(_A.c.token == record.attendee_token))
        if record.is_witness:
            tries.append(base.where(_S.c.role == "witness"))
        else:
            tries.append(base.where(_A.c.name == record.attendee_name))
        with store.connection() as conn:
            sealed = next((found for query in tries
                           if (found := conn.execute(query).scalar()) is not None), None)
        if sealed is None:
            return None
        try:
            return open_seal(bytes(sealed))[0]
        except SealFormatError:
            return None

    return lookup
