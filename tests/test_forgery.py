"""The forgery suite: a signed certificate PDF changed as a forger would change it, in more than
30 ways, is never ASLI. While the organizer's digital signature is still in the file (an
incremental update, a rewrite, a flipped byte) the answer is DIUBAH, naming the changed page
when the signed revision can be compared; with the signature removed or replaced by the
forger's own, the answer is TIDAK TERBUKTI (the QR seal alone cannot vouch for the page).
The genuine file is ASLI on every page, and verifying it takes well under 200 ms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from pledges.documents.certificates import build_certificates
from pledges.keys import BINDING_OID
from pledges.pades import SignerIdentity, sign_pdf
from pledges.verify import ALTERED, AUTHENTIC, UNPROVEN, overall, verify_file
from tests import forgery as f
from tests.sealing import fixed_key
from tests.test_certificates import make_record


def numbered_record():
    """The certificates' record, its statements numbered from a numbering scheme."""
    from tests.sealing import seal_all

    record = make_record()
    record.event.number_scheme = "800/{n:03d}/Kesbangpol/2023"
    record.event.number_start = 17
    record.seals.clear()
    return seal_all(record)


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return build_certificates(numbered_record())


@pytest.fixture(scope="module")
def signed(unsigned) -> bytes:
    return sign_pdf(unsigned, fixed_key(), location="Bekasi")


@pytest.fixture(scope="module")
def other_event() -> bytes:
    """A genuine signed certificate of another event (same organizer, same key)."""
    record = make_record()
    record.event.name = "Pakta Integritas 2024"
    record.event.uid = "LAINNYA"
    from tests.sealing import seal_all

    record.seals.clear()
    return sign_pdf(build_certificates(seal_all(record)), fixed_key(), location="Bekasi")


def keys():
    key = fixed_key()
    return {key.fingerprint: key.private.public_key()}


def verdicts_of(data: bytes, tmp_path, name: str = "x"):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return verify_file(path, keys())


def _signature_box(data: bytes):
    """Where the signer's drawn signature is: under "Pembuat Pernyataan," above the name."""
    heading = f.box_of(data, "Pembuat Pernyataan,")
    name = f.box_of(data, "Budi Santoso, S.E.", occurrence=1)
    centre = (heading[0] + heading[2]) / 2
    return (centre - 85, name[3] + 1, centre + 85, heading[1] - 1)


def _forger_identity(binding_from: x509.Certificate | None = None) -> SignerIdentity:
    """The forger's own ECDSA key with a self-signed certificate naming the organizer (and, if
    given, the organizer's binding extension copied in)."""
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Pemerintah Kota Bekasi")])
    now = datetime.now(UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
               .public_key(private.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(days=1))
               .not_valid_after(now + timedelta(days=365)))
    if binding_from is not None:
        value = binding_from.extensions.get_extension_for_oid(BINDING_OID).value
        builder = builder.add_extension(value, critical=False)
    return SignerIdentity(private, builder.sign(private, hashes.SHA256()))


def _flip_in_contents_hex(data: bytes) -> bytes:
    at = data.rindex(b"/Contents <") + len(b"/Contents <") + 200
    return data[:at] + (b"0" if data[at:at + 1] != b"0" else b"1") + data[at + 1:]


# name -> (forgery, the answer, the field of page 1 or None for any)
Forgery = Callable[[bytes, bytes, bytes], bytes]
FORGERIES: dict[str, tuple[Forgery, str, str | None]] = {
    # A white box over a printed field, new text on top (an incremental update).
    "name row": (lambda s, u, o: f.white_out(s, "Budi Santoso, S.E.", "Budi Santosa, S.E."),
                 ALTERED, "page"),
    "signer's name": (lambda s, u, o: f.white_out(s, "Budi Santoso, S.E.", "Budi Santosa",
                                                  occurrence=1), ALTERED, "page"),
    "NIP row": (lambda s, u, o: f.white_out(s, "19860926 201505 1 001",
                                            "19860926 201505 1 002"), ALTERED, "page"),
    "signer's NIP": (lambda s, u, o: f.white_out(s, "NIP. 19860926", "NIP. 19870926"),
                     ALTERED, "page"),
    "pangkat": (lambda s, u, o: f.white_out(s, "Penata Tingkat I (III/d)", "Pembina (IV/a)"),
                ALTERED, "page"),
    "jabatan": (lambda s, u, o: f.white_out(s, "Kepala Bidang Politik", "Kepala Badan"),
                ALTERED, "page"),
    "unit kerja": (lambda s, u, o: f.white_out(s, "Badan Kesatuan Bangsa dan Politik",
                                               "Inspektorat Daerah"),
                   ALTERED, "page"),
    "date line": (lambda s, u, o: f.white_out(s, "Bekasi, 2 November 2023",
                                              "Bekasi, 3 November 2023"), ALTERED, "page"),
    "title's year": (lambda s, u, o: f.white_out(s, "TAHUN 2024", "TAHUN 2029"),
                     ALTERED, "page"),
    "a pledge word": (lambda s, u, o: f.white_out(s, "bijak", "bebas"), ALTERED, "page"),
    "a pledge point": (lambda s, u, o: f.white_out(
        s, "4. Menolak politik uang", "4. Menerima politik uang"), ALTERED, "page"),
    "witness's name": (lambda s, u, o: f.white_out(s, "Drs. H. Junaedi, M.Si.", "Drs. Amir"),
                       ALTERED, "page"),
    "witness's NIP": (lambda s, u, o: f.white_out(s, "NIP. 19670701", "NIP. 19680701"),
                      ALTERED, "page"),
    "witness's title": (lambda s, u, o: f.white_out(s, "Sekretaris Daerah Kota Bekasi",
                                                    "Wali Kota Bekasi"), ALTERED, "page"),
    "statement number": (lambda s, u, o: f.white_out(s, "NOMOR : 800/018/Kesbangpol/2023",
                                                     "NOMOR : 800/017/Kesbangpol/2023"),
                         ALTERED, "page"),
    "statement number, signature removed": (lambda s, u, o: f.resave(f.white_out(
        u, "NOMOR : 800/018/Kesbangpol/2023", "NOMOR : 800/017/Kesbangpol/2023")),
        UNPROVEN, None),
    "letterhead": (lambda s, u, o: f.white_out(s, "PEMERINTAH KOTA BEKASI",
                                               "PEMERINTAH KOTA DEPOK"), ALTERED, "page"),
    "printed code": (lambda s, u, o: f.white_out(s, "Kode verifikasi", "Kode ABCDE-FGHIJ"),
                     ALTERED, "page"),
    "footer": (lambda s, u, o: f.white_out(s, "Tanda tangan dibubuhkan", "Tanda tangan dicetak"),
               ALTERED, "page"),
    "event in the footer": (lambda s, u, o: f.white_out(s, "Ikrar Netralitas ASN",
                                                        "Pakta Integritas"), ALTERED, "page"),
    "seal key line": (lambda s, u, o: f.white_out(s, "Kunci segel:", "Kunci: AAAA-BBBB"),
                      ALTERED, "page"),
    # An image laid over the page.
    "image over the name": (lambda s, u, o: f.white_out_with_image(s, "Budi Santoso, S.E."),
                            ALTERED, "page"),
    "image over the NIP": (lambda s, u, o: f.white_out_with_image(s, "19860926 201505 1 001"),
                           ALTERED, "page"),
    "image over the date": (lambda s, u, o: f.white_out_with_image(s, "Bekasi, 2 November"),
                            ALTERED, "page"),
    # The drawn signature.
    "signature removed": (lambda s, u, o: f.cover(s, _signature_box(s)), ALTERED, "page"),
    "signature replaced by a zigzag": (lambda s, u, o: f.zigzag(s, _signature_box(s)),
                                       ALTERED, "page"),
    "QR code covered": (lambda s, u, o: f.cover(s, (50, 30, 150, 130), grey=0.0),
                        ALTERED, None),
    # Pages and the file's structure, in an incremental update.
    "annotation over the name": (lambda s, u, o: f.add_annotation(
        s, f.box_of(s, "Budi Santoso, S.E."), "Budi Santosa"), ALTERED, None),
    "page removed": (lambda s, u, o: f.reorder_pages(s, [0, 2]), ALTERED, None),
    "pages reordered": (lambda s, u, o: f.reorder_pages(s, [1, 0, 2]), ALTERED, "page"),
    "page added": (lambda s, u, o: f.add_blank_page(s), ALTERED, None),
    "metadata changed": (lambda s, u, o: f.new_metadata(s), ALTERED, "after_signature"),
    "two overlays in two updates": (lambda s, u, o: f.white_out(
        f.white_out(s, "bijak", "bebas"), "Kepala Bidang Politik", "Kepala Badan"),
        ALTERED, "page"),
    # The whole file written again, bytes changed.
    "resaved by another program": (lambda s, u, o: f.resave(s), ALTERED, "pdf_signature"),
    "page deleted and resaved": (lambda s, u, o: f.resave(s, lambda d: d.del_page(1)),
                                 ALTERED, "pdf_signature"),
    "one byte of the header": (lambda s, u, o: f.flip_byte(s, s.index(b"\n%", 0, 20) + 3),
                               ALTERED, "pdf_signature"),
    "one byte of a content stream": (lambda s, u, o: f.flip_byte(
        s, s.index(b"stream\n", len(s) // 3) + 30), ALTERED, "pdf_signature"),
    "signature's own bytes": (lambda s, u, o: _flip_in_contents_hex(s), ALTERED,
                              "pdf_signature"),
    # (the pages bring their signature field along, whose byte ranges fit no more)
    "a page from another event": (lambda s, u, o: f.combine(s, o, [(0, 0), (1, 1), (0, 2)]),
                                  ALTERED, "pdf_signature"),
    "pages of two files merged": (lambda s, u, o: f.combine(s, o, [(0, 0), (1, 0)]),
                                  ALTERED, "pdf_signature"),
    "a page from another event, unsigned": (lambda s, u, o: f.combine(
        u, f.resave(o[:o.rindex(b"%%EOF", 0, len(o) - 10) + 5]), [(0, 0), (1, 1)]),
        UNPROVEN, None),
    # The signature taken away, or the forger's own.
    "signature removed, name edited": (lambda s, u, o: f.resave(f.white_out(
        u, "Budi Santoso, S.E.", "Budi Santosa, S.E.")), UNPROVEN, None),
    "re-signed by the forger": (lambda s, u, o: sign_pdf(f.resave(f.white_out(
        u, "bijak", "bebas")), _forger_identity()), UNPROVEN, None),
    "re-signed with the binding copied": (lambda s, u, o: sign_pdf(
        f.resave(f.white_out(u, "bijak", "bebas")),
        _forger_identity(fixed_key().pdf_identity()[1])), UNPROVEN, None),
    "forger's signature after the organizer's": (lambda s, u, o: f.sign_again(
        f.white_out(s, "bijak", "bebas"), _forger_identity()), ALTERED, "page"),
}


def test_there_are_more_than_thirty_kinds():
    assert len(FORGERIES) >= 30


def test_the_genuine_file_is_authentic_on_every_page(signed, tmp_path):
    verdicts = verdicts_of(signed, tmp_path)
    assert [v.status for v in verdicts] == [AUTHENTIC] * 3
    assert all(v.visible_checked for v in verdicts)


@pytest.mark.parametrize("name", list(FORGERIES))
def test_every_forgery_is_caught(name, signed, unsigned, other_event, tmp_path):
    forge, expected, page_field = FORGERIES[name]
    forged = forge(signed, unsigned, other_event)
    assert forged != signed
    verdicts = verdicts_of(forged, tmp_path, "forged")
    assert AUTHENTIC not in [v.status for v in verdicts], name
    assert overall(verdicts).status == expected, [(v.status, v.field) for v in verdicts]
    if page_field is not None:
        assert verdicts[0].field == page_field, [(v.status, v.field) for v in verdicts]
    if expected == ALTERED:
        assert overall(verdicts).message.startswith("DIUBAH: ")
    else:
        assert overall(verdicts).message.startswith("TIDAK TERBUKTI: ")


def test_an_edit_on_page_one_names_page_one_only(signed, tmp_path):
    verdicts = verdicts_of(f.white_out(signed, "bijak", "bebas"), tmp_path)
    assert [v.field for v in verdicts] == ["page", "after_signature", "after_signature"]
    assert verdicts[1].differences == ["page 1"]
