"""Pledge texts: the shipped templates, their canonical form and hash, and each event's versions.

A pledge text is a title, an opening sentence, numbered points and a closing sentence
(:class:`PledgeText`). A *version* is one such text identified by the SHA-256 of its canonical
form: the hash IS the content, so a version can never change. Saving an edited text always makes
(or reuses) another version; the event's current version is the one it adopted last, and every
adoption is kept (``event_pledges``), so the history of which texts an event used is never lost.
Signatures keep the hash of the version they signed (see :mod:`pledges.signatures`).

The canonical form (defined here once, by :func:`canonical`; golden hashes in the tests):

1. Every field is normalised: Unicode NFC; control characters (category Cc, after whitespace
   is folded), ZERO WIDTH SPACE and BYTE ORDER MARK removed; every run of whitespace (spaces,
   tabs, newlines, no-break spaces...) folded into one space; leading and trailing spaces cut.
   Points that are empty after this are dropped.
2. The fields go into the JSON object
   ``{"closing": ..., "format": "ikrar-pledge/1", "opening": ..., "points": [...], "title": ...}``
   serialised as RFC 8785 (JSON Canonicalization Scheme): keys sorted, no insignificant
   whitespace, non-ASCII characters written as themselves. For these string-only objects that
   is exactly Python's ``json.dumps(obj, sort_keys=True, separators=(",", ":"),
   ensure_ascii=False)``.
3. The result encoded as UTF-8 is the canonical form; its SHA-256 in lower-case hex is the
   version hash. The database stores the canonical form itself, so anyone can re-hash it.

No Qt here.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from events import audit
from events import schema as event_schema
from events.canonical import canonical_json
from events.i18n import QT_TRANSLATE_NOOP
from events.store import Store, StoreError
from events.types import now
from pledges import schema

__all__ = [
    "CANONICAL_FORMAT", "CONSENT_TEMPLATE", "CONSENT_VERSION", "DEFAULT_RETENTION",
    "PLACEHOLDER", "PledgeError", "PledgeText", "PledgeVersion", "TEMPLATES", "TEMPLATE_LABELS",
    "canonical", "consent_text", "event_pledge", "from_canonical", "get_version",
    "normalize", "normalize_field", "set_event_pledge", "template_text", "use_template",
    "version_hash", "versions",
]

CANONICAL_FORMAT = "ikrar-pledge/1"
PLACEHOLDER = "[instansi]"  # in the Pakta Integritas; replaced by the event's institution

MESSAGES = {
    "empty_pledge": QT_TRANSLATE_NOOP("Texts", "Teks ikrar harus memiliki judul dan sedikitnya "
                                      "satu butir"),
    "unknown_template": QT_TRANSLATE_NOOP("Texts", "Templat ikrar tidak dikenal: {detail}"),
    "pledge_tampered": QT_TRANSLATE_NOOP("Texts", "Teks ikrar versi {detail} di basis data tidak "
                                         "cocok dengan hash-nya (diubah di luar aplikasi)"),
}


class PledgeError(StoreError):
    """A pledge text is refused or damaged; nothing was written."""

    messages = MESSAGES


@dataclass(frozen=True)
class PledgeText:
    """What people pledge: title, opening, numbered points (without their numbers), closing."""

    title: str
    opening: str
    points: tuple[str, ...]
    closing: str = ""

    def numbered(self) -> list[str]:
        """The points as read aloud: "1. Menjaga ...", "2. ..."."""
        return [f"{i}. {p}" for i, p in enumerate(self.points, 1)]

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "opening": self.opening, "points": list(self.points),
                "closing": self.closing}


# -- the shipped templates ------------------------------------------------------------------------
# VERBATIM from ../shared/DOMAIN.md ("The four-point neutrality pledge (2024), verbatim"): the
# title, opening, four points and closing of the netralitas template, and the seven points of the
# Pakta Integritas (PermenPANRB 49/2011). OUR WORDING (not from a source): the Pakta Integritas
# title "PAKTA INTEGRITAS" as printed on the forms, its opening sentence, and its empty closing.
# Any change here changes the golden hashes in tests/test_pledge_texts.py: that is the point.

NETRALITAS_ASN_2024 = PledgeText(
    title="IKRAR NETRALITAS PEGAWAI APARATUR SIPIL NEGARA PADA PEMILU DAN PEMILIHAN TAHUN 2024",
    opening="Dalam rangka menyukseskan pelaksanaan Pemilu dan Pemilihan Tahun 2024 kami berikrar:",
    points=(
        "Menjaga dan menegakkan prinsip netralitas Pegawai ASN di instansi masing-masing dalam "
        "melaksanakan fungsi pelayanan publik baik sebelum, selama, maupun sesudah pelaksanaan "
        "Pemilu dan pemilihan tahun 2024.",
        "Menghindari konflik kepentingan, tidak melakukan praktik-praktik intimidasi dan ancaman "
        "kepada pegawai ASN dan seluruh elemen masyarakat, serta tidak memihak kepada pasangan "
        "calon tertentu.",
        "Menggunakan media sosial secara bijak dan tidak menyebarkan ujaran kebencian serta "
        "berita bohong.",
        "Menolak politik uang dan segala jenis pemberian dalam bentuk apapun.",
    ),
    closing="Demikian ikrar ini kami buat dan dilaksanakan dengan penuh integritas dan rasa "
    "tanggung jawab dalam rangka mewujudkan netralitas pegawai ASN yang bermartabat, beretika "
    "dan demokratis demi terwujudnya persatuan dan kesatuan NKRI.",
)

PAKTA_INTEGRITAS = PledgeText(
    title="PAKTA INTEGRITAS",  # our wording (the form's heading)
    # Our wording: the regulation's form starts with the signer's identity, which the
    # signature block carries here.
    opening="Saya yang bertanda tangan di bawah ini, dalam rangka mewujudkan pemerintahan yang "
    "bersih dan bebas dari korupsi, kolusi dan nepotisme, dengan ini menyatakan bahwa saya:",
    points=(  # verbatim, seven points
        "Berperan secara pro aktif dalam upaya pencegahan dan pemberantasan Korupsi, Kolusi dan "
        "Nepotisme serta tidak melibatkan diri dalam perbuatan tercela;",
        "Tidak meminta atau menerima pemberian secara langsung atau tidak langsung berupa suap, "
        "hadiah, bantuan, atau bentuk lainnya yang tidak sesuai dengan ketentuan yang berlaku;",
        "Bersikap transparan, jujur, objektif, dan akuntabel dalam melaksanakan tugas;",
        "Menghindari pertentangan kepentingan (conflict of interest) dalam pelaksanaan tugas;",
        "Memberi contoh dalam kepatuhan terhadap peraturan perundang-undangan dalam melaksanakan "
        "tugas, terutama kepada pegawai yang berada di bawah pengawasan saya dan sesama pegawai "
        "di lingkungan kerja saya secara konsisten;",
        "Akan menyampaikan informasi penyimpangan integritas di [instansi] serta turut menjaga "
        "kerahasiaan saksi atas pelanggaran peraturan yang dilaporkannya;",
        "Bila saya melanggar hal-hal tersebut di atas, saya siap menghadapi konsekuensinya.",
    ),
    closing="",  # our choice: the seventh point closes the statement
)

TEMPLATES: dict[str, PledgeText] = {
    "netralitas_asn_2024": NETRALITAS_ASN_2024,
    "pakta_integritas": PAKTA_INTEGRITAS,
}
# The templates' names (the texts themselves are the law's words and stay as they are).
TEMPLATE_LABELS: dict[str, str] = {
    "netralitas_asn_2024": QT_TRANSLATE_NOOP(
        "Texts", "Ikrar Netralitas Pegawai ASN (Pemilu dan Pemilihan 2024)"),
    "pakta_integritas": QT_TRANSLATE_NOOP("Texts", "Pakta Integritas (PermenPANRB 49/2011)"),
}


def template_text(key: str, institution: str = "") -> PledgeText:
    """A template's text; "[instansi]" becomes ``institution`` when one is given."""
    try:
        text = TEMPLATES[key]
    except KeyError:
        raise PledgeError("unknown_template", key) from None
    institution = normalize_field(institution)
    if not institution:
        return text

    def fill(value: str) -> str:
        return value.replace(PLACEHOLDER, institution)

    return replace(text, title=fill(text.title), opening=fill(text.opening),
                   points=tuple(fill(p) for p in text.points), closing=fill(text.closing))


# -- canonical form and hash ----------------------------------------------------------------------

_DROPPED = {"\u200b", "\ufeff"}


def normalize_field(value: str) -> str:
    """NFC, whitespace folded to single spaces, control and zero-width characters removed."""
    folded = " ".join(unicodedata.normalize("NFC", str(value or "")).split())
    return "".join(ch for ch in folded
                   if ch not in _DROPPED and unicodedata.category(ch) != "Cc").strip()


def normalize(text: PledgeText) -> PledgeText:
    """The text as it is hashed and stored (see the module's docstring)."""
    points = tuple(p for p in (normalize_field(p) for p in text.points) if p)
    return PledgeText(normalize_field(text.title), normalize_field(text.opening), points,
                      normalize_field(text.closing))


def canonical(text: PledgeText) -> bytes:
    """The canonical form: RFC 8785 JSON of the normalised fields, UTF-8 encoded."""
    clean = normalize(text)
    obj = {"format": CANONICAL_FORMAT, "title": clean.title, "opening": clean.opening,
           "points": list(clean.points), "closing": clean.closing}
    return canonical_json(obj)


def version_hash(text: PledgeText) -> str:
    """SHA-256 (hex) of :func:`canonical`: the version's identity."""
    return hashlib.sha256(canonical(text)).hexdigest()


def from_canonical(data: bytes | str) -> PledgeText:
    """The text back from its canonical form."""
    obj = json.loads(data)
    return PledgeText(obj["title"], obj["opening"], tuple(obj["points"]), obj["closing"])


# -- the UU PDP consent notice --------------------------------------------------------------------
# Our wording, after UU 27/2022 Pasal 21 (purpose, data, retention, controller). CONSENT_VERSION
# is the hash of this template and is stored with every signature, so the notice a person saw can
# be shown again; changing the wording changes the version.

DEFAULT_RETENTION = "sesuai Jadwal Retensi Arsip (JRA) {controller}"

CONSENT_TEMPLATE = (
    "Pemberitahuan pelindungan data pribadi (UU No. 27 Tahun 2022). "
    "Tujuan: bukti bahwa Anda mengikuti dan menandatangani ikrar pada acara ini. "
    "Data yang disimpan: nama, NIP, jabatan, unit kerja, tanda tangan Anda, serta waktu dan "
    "tempat penandatanganan. "
    "Masa simpan: {retention}; setelah itu data dimusnahkan. "
    "Pengendali data: {controller}. "
    "Dengan menekan \"Setuju dan Tandatangani\" Anda menyetujui pemrosesan data tersebut."
)
CONSENT_VERSION = hashlib.sha256(CONSENT_TEMPLATE.encode("utf-8")).hexdigest()


def consent_text(event: object, retention: str | None = None) -> str:
    """The consent notice for ``event`` (an events.model.Event or anything with
    ``organizer_unit`` and ``institution``); ``retention`` e.g. "5 (lima) tahun"."""
    unit = normalize_field(getattr(event, "organizer_unit", ""))
    institution = normalize_field(getattr(event, "institution", ""))
    controller = ", ".join(x for x in (unit, institution) if x) or "penyelenggara acara"
    retention = normalize_field(retention or "") or DEFAULT_RETENTION.format(
        controller=institution or "instansi penyelenggara")
    return CONSENT_TEMPLATE.format(retention=retention, controller=controller)


# -- versions in the database ---------------------------------------------------------------------


@dataclass
class PledgeVersion:
    """One stored version.

    Attributes:
        hash: SHA-256 of the canonical form (hex).
        text: the normalised text.
        template: the template it came from ("" for an edited text).
        created_at: when this text was first stored (by any event).
        locked: someone signed it (it could never be edited anyway: a change is a new version).
        signature_count: current attendee signatures of the event on this version.
        adopted_at: when the event last made it its current version.
        current: it is the event's current version.
    """

    hash: str
    text: PledgeText
    template: str
    created_at: datetime
    locked: bool
    signature_count: int = 0
    adopted_at: datetime | None = None
    current: bool = False

    def to_dict(self, full: bool = True) -> dict[str, Any]:
        """The version as the command line's JSON answers show it; ``full`` adds the text."""
        data: dict[str, Any] = {
                "hash": self.hash, "title": self.text.title, "template": self.template,
                "locked": self.locked, "signature_count": self.signature_count,
                "created_at": self.created_at.isoformat(timespec="seconds"),
                "adopted_at": (self.adopted_at.isoformat(timespec="seconds") if self.adopted_at
                               else None)}
        if full:
            data |= {"opening": self.text.opening, "points": list(self.text.points),
                     "closing": self.text.closing}
        return data


def _version_from(content: str, hash_: str) -> PledgeText:
    if hashlib.sha256(content.encode("utf-8")).hexdigest() != hash_:
        raise PledgeError("pledge_tampered", hash_[:12])
    return from_canonical(content)


def _insert_version(conn: sa.Connection, hash_: str, content: str, template: str) -> None:
    t = schema.pledge_versions
    values = {"hash": hash_, "content": content, "template": template, "created_at": now()}
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects import sqlite
        conn.execute(sqlite.insert(t).values(**values)
                     .on_conflict_do_nothing(index_elements=["hash"]))
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql
        conn.execute(postgresql.insert(t).values(**values)
                     .on_conflict_do_nothing(index_elements=["hash"]))
        return
    if conn.execute(sa.select(t.c.hash).where(t.c.hash == hash_)).first() is None:
        conn.execute(sa.insert(t).values(**values))


def _current_hash(conn: sa.Connection, event_id: int) -> str | None:
    ep = schema.event_pledges
    return conn.execute(
        sa.select(ep.c.pledge_hash).where(ep.c.event_id == event_id)
        .order_by(ep.c.id.desc()).limit(1)
    ).scalar()


def set_event_pledge(store: Store, event_id: int, text: PledgeText,
                     template: str = "") -> PledgeVersion:
    """Make ``text`` the event's current pledge, in one transaction.

    An identical text (after normalisation) reuses its version; any other text is a new version.
    Versions are never updated, so a signed version stays exactly as it was signed.
    """
    clean = normalize(text)
    if not clean.title or not clean.points:
        raise PledgeError("empty_pledge")
    content = canonical(clean).decode("utf-8")
    hash_ = version_hash(clean)
    events = event_schema.events
    with store.transaction() as conn:
        if conn.execute(sa.select(events.c.id).where(events.c.id == event_id)).first() is None:
            raise StoreError("not_found", f"acara {event_id}")
        _insert_version(conn, hash_, content, template)
        if _current_hash(conn, event_id) != hash_:
            stamp = now()
            conn.execute(sa.insert(schema.event_pledges).values(
                event_id=event_id, pledge_hash=hash_, adopted_at=stamp))
            audit.append(conn, event_id, "pledge_adopted",
                         {"pledge": hash_, "template": template, "title": clean.title},
                         at=stamp)
    found = event_pledge(store, event_id)
    assert found is not None and found.hash == hash_
    return found


def use_template(store: Store, event_id: int, key: str) -> PledgeVersion:
    """Set the event's pledge from a template, "[instansi]" filled with its institution."""
    event = store.get_event(event_id)
    return set_event_pledge(store, event_id, template_text(key, event.institution), key)


def _versions(store: Store, event_id: int) -> list[PledgeVersion]:
    pv, ep, sig = schema.pledge_versions, schema.event_pledges, schema.signatures
    with store.connection() as conn:
        adoptions = conn.execute(
            sa.select(ep.c.pledge_hash, ep.c.adopted_at).where(ep.c.event_id == event_id)
            .order_by(ep.c.id)
        ).all()
        if not adoptions:
            return []
        hashes = {h for h, _ in adoptions}
        rows = {r.hash: r for r in conn.execute(
            sa.select(pv).where(pv.c.hash.in_(hashes))).all()}
        locked = set(conn.execute(
            sa.select(sig.c.pledge_hash).where(sig.c.pledge_hash.in_(hashes)).distinct()
        ).scalars())
        counts: dict[str, int] = dict(conn.execute(
            sa.select(sig.c.pledge_hash, sa.func.count())
            .where(sig.c.event_id == event_id, sig.c.role == "attendee",
                   sig.c.superseded_at.is_(None))
            .group_by(sig.c.pledge_hash)
        ).all())
    last: dict[str, datetime] = {}
    for hash_, adopted in adoptions:
        last.pop(hash_, None)
        last[hash_] = adopted  # ordered by last adoption
    current = adoptions[-1][0]
    out = []
    for hash_, adopted in last.items():
        row = rows[hash_]
        out.append(PledgeVersion(hash_, _version_from(row.content, hash_), row.template,
                                 row.created_at, hash_ in locked, counts.get(hash_, 0),
                                 adopted, hash_ == current))
    return out


def versions(store: Store, event_id: int) -> list[PledgeVersion]:
    """Every version the event used, once each, oldest adoption first; the last is current."""
    return _versions(store, event_id)


def event_pledge(store: Store, event_id: int) -> PledgeVersion | None:
    """The event's current version, or None when it has none yet."""
    found = _versions(store, event_id)
    return found[-1] if found else None


def get_version(store: Store, hash_: str) -> PledgeVersion | None:
    """Any stored version by its hash (e.g. the one a signature points to)."""
    pv, sig = schema.pledge_versions, schema.signatures
    with store.connection() as conn:
        row = conn.execute(sa.select(pv).where(pv.c.hash == hash_)).first()
        if row is None:
            return None
        locked = conn.execute(
            sa.select(sig.c.id).where(sig.c.pledge_hash == hash_).limit(1)).first() is not None
    return PledgeVersion(hash_, _version_from(row.content, hash_), row.template, row.created_at,
                         locked)
