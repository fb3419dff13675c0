"""Digitally signed certificate PDFs (pledges/pades.py): pyHanko's validator finds the PAdES
signature intact, valid and trusted (with the signer's certificate as trust root), one changed
byte breaks it, the QR seal still verifies, the page looks exactly the same, poppler's pdfsig
lists it; an imported .p12 (ECDSA, a CA chain) signs too, and a bad .p12 is refused in
Indonesian; the certificate writers and ``export --pades`` sign what they write."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from pledges.documents.certificates import (
    build_certificates,
    write_certificates_combined,
    write_certificates_separate,
)
from pledges.keys import SealKey, _self_signed, create_key, unlock
from pledges.pades import FIELD_NAME, PadesError, load_p12, pdf_signer, sign_pdf
from pledges.verify import AUTHENTIC, verify_file
from tests.sealing import fixed_key
from tests.test_certificates import make_record

PDFSIG = pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler-utils not installed")
NOW = datetime.now(UTC)


def seal_key() -> SealKey:
    """The fixed test key (which sealed make_record's QR codes) with a self-signed certificate,
    as pledges.keys.create_key makes it."""
    plain = fixed_key()
    certificate = _self_signed(plain.private, "Pemerintah Kota Bekasi", plain.fingerprint, NOW)
    return SealKey(plain.fingerprint, plain.private, plain.public_raw, certificate)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return build_certificates(make_record())


@pytest.fixture(scope="module")
def signed(pdf) -> bytes:
    return sign_pdf(pdf, seal_key(), location="Bekasi")


def _asn1(certificate: x509.Certificate):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def pdf_root(key: SealKey) -> x509.Certificate:
    """The certificate of the key that signs PDFs for the seal key."""
    return key.pdf_identity()[1]


def validate(data: bytes, root: x509.Certificate):
    """pyHanko's status of the only signature in ``data``, ``root`` the one trusted root."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    signatures = PdfFileReader(BytesIO(data), strict=False).embedded_signatures
    assert len(signatures) == 1
    return validate_pdf_signature(signatures[0],
                                  ValidationContext(trust_roots=[_asn1(root)]))


def test_signature_is_intact_valid_and_trusted(pdf, signed):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    key = seal_key()
    status = validate(signed, pdf_root(key))
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.bottom_line
    assert status.coverage is SignatureCoverageLevel.ENTIRE_FILE
    # ECDSA P-256 (the key derived from the seal key): what poppler and Adobe Reader validate.
    assert status.pkcs7_signature_mechanism in ("ecdsa", "sha256_ecdsa")
    assert status.md_algorithm == "sha256"
    assert status.signing_cert.subject.native["common_name"] == "Pemerintah Kota Bekasi"
    # An incremental update: the original file is untouched in front of the signature.
    assert signed.startswith(pdf) and len(signed) - len(pdf) < 20_000
    embedded = PdfFileReader(BytesIO(signed), strict=False).embedded_signatures[0]
    assert embedded.field_name == FIELD_NAME
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert embedded.sig_object["/Location"] == "Bekasi"
    assert str(embedded.sig_object["/Reason"]).startswith("Sertifikat ikrar")


def test_not_trusted_without_its_certificate_as_root(signed):
    other = _self_signed(fixed_key(2).private, "Orang lain", fixed_key(2).fingerprint, NOW)
    status = validate(signed, other)
    assert status.intact and status.valid and not status.trusted


@pytest.mark.parametrize("where", ["header comment", "content stream"])
def test_one_changed_byte_breaks_the_signature(signed, where):
    data = bytearray(signed)
    if where == "header comment":
        at = data.index(b"\n%", 0, 20) + 3  # the binary comment after the version line
    else:  # inside the compressed data of a stream in the middle of the file
        at = data.index(b"stream\n", len(data) // 2) + len(b"stream\n") + 20
    data[at] ^= 0x01
    status = validate(bytes(data), pdf_root(seal_key()))
    # The digest of the signed bytes no longer matches (the signature over the signed
    # attributes itself still checks, so pyHanko's "valid" alone says nothing here).
    assert not status.intact and not status.bottom_line
    assert "INVALID" in status.pretty_print_details()


def test_the_qr_seal_still_verifies_on_the_signed_pdf(signed, tmp_path):
    path = tmp_path / "bertanda_tangan.pdf"
    path.write_bytes(signed)
    key = seal_key()
    verdicts = verify_file(path, {key.fingerprint: key.private.public_key()})
    assert len(verdicts) == 3
    assert all(v.status == AUTHENTIC for v in verdicts), verdicts


def _page_one(data: bytes, tmp_path: Path, name: str):
    from PIL import Image

    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "1", "-l", "1",
                    str(path), str(tmp_path / name)], check=True)
    return Image.open(tmp_path / f"{name}.png").convert("RGB")


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_the_page_looks_exactly_the_same(pdf, signed, tmp_path):
    from PIL import ImageChops

    before, after = _page_one(pdf, tmp_path, "asli"), _page_one(signed, tmp_path, "ditandatangani")
    assert before.size == after.size
    assert ImageChops.difference(before, after).getbbox() is None  # not one pixel differs


def _pdfsig(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "pdfsig.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True,
                          text=True).stdout


@PDFSIG
def test_pdfsig_lists_the_signature(signed, tmp_path):
    text = _pdfsig(signed, tmp_path)
    assert "Signature #1:" in text and FIELD_NAME in text
    assert "Signer Certificate Common Name: Pemerintah Kota Bekasi" in text
    assert "ETSI.CAdES.detached" in text and "Total document signed" in text
    # The signature is intact for poppler (NSS); the signer is self-signed, so "unknown".
    assert "Signature Validation: Signature is Valid." in text
    path = tmp_path / "pdfsig.pdf"
    full = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Certificate Validation: Certificate issuer is unknown." in full


@PDFSIG
def test_one_changed_word_is_caught_by_pdfsig_and_by_ikrar(signed, tmp_path):
    """A word changed in a signed certificate through an incremental update (a new content
    stream for page 1 saved after the signature): pdfsig says the signature does not cover
    the whole document, Ikrar says DIUBAH and names page 1."""
    from tests.forgery import replace_word_incrementally

    forged = replace_word_incrementally(signed, "Menyaksikan,", "Menyetujui,")
    text = _pdfsig(forged, tmp_path)
    assert "Signature is Valid" in text and "Total document signed" not in text
    path = tmp_path / "diubah.pdf"
    path.write_bytes(forged)
    key = seal_key()
    verdicts = verify_file(path, {key.fingerprint: key.private.public_key()})
    assert [v.status for v in verdicts] == ["altered"] * 3
    assert verdicts[0].field == "page" and verdicts[1].field == "after_signature"


def test_a_key_from_the_database_signs_with_its_stored_certificate(store, pdf):
    created = create_key(store, "kata-sandi-uji", "Bakesbangpol Kota Bekasi")
    key = unlock(store, "kata-sandi-uji")
    assert key.certificate is not None
    # The PDF key is derived from the seal key: the same on every unlock.
    assert pdf_root(key).public_key() == pdf_root(created).public_key()
    status = validate(sign_pdf(pdf, key), pdf_root(created))
    assert status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == "Bakesbangpol Kota Bekasi"


def test_the_pdf_key_is_vouched_for_by_the_seal_key_alone():
    from pledges.keys import binding_of, pdf_identity

    key = seal_key()
    _, certificate = pdf_identity(key)
    public = {key.fingerprint: key.private.public_key()}
    assert binding_of(certificate, public) == key.fingerprint
    assert binding_of(certificate, {}) is None
    other = fixed_key(2)
    assert binding_of(pdf_identity(other)[1], public) is None
    # The Ed25519 certificate of the seal key itself (signatures made before) is its own.
    assert binding_of(key.certificate, public) == key.fingerprint


def test_a_key_without_a_certificate_signs_with_its_pdf_key(pdf):
    status = validate(sign_pdf(pdf, fixed_key()), pdf_root(fixed_key()))
    assert status.bottom_line


def test_a_certificate_of_another_key_is_refused(pdf):
    other = _self_signed(fixed_key(2).private, "Lain", fixed_key(2).fingerprint, NOW)
    with pytest.raises(PadesError) as caught:
        sign_pdf(pdf, seal_key(), certificate=other)
    assert caught.value.code == "certificate_mismatch"


def test_bytes_that_are_not_a_pdf_are_refused():
    with pytest.raises(PadesError) as caught:
        sign_pdf(b"bukan PDF sama sekali", seal_key())
    assert caught.value.code == "not_pdf"


# --- an imported .p12 ---------------------------------------------------------------------------

def _certificate(private, name: str, *, issuer_key=None, issuer_name: str | None = None,
                 ca: bool = False, start: datetime | None = None, days: int = 365,
                 signing: bool = True) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_name or name)])
    start = start or NOW - timedelta(days=1)
    usage = x509.KeyUsage(signing, signing, False, False, False, ca, ca, False, False)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(private.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(issuer_key or private, hashes.SHA256()))


def _p12(path: Path, private, certificate, cas=(), password: bytes | None = b"rahasia-p12"):
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"penyelenggara", private, certificate, list(cas) or None, encryption))
    return path


@pytest.fixture(scope="module")
def ca_chain():
    """A root CA and the organizer's ECDSA P-256 key and certificate issued by it."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = _certificate(root_key, "CA Uji Ikrar", ca=True, days=3650)
    private = ec.generate_private_key(ec.SECP256R1())
    leaf = _certificate(private, "Badan Kesatuan Bangsa dan Politik", issuer_key=root_key,
                        issuer_name="CA Uji Ikrar")
    return root, private, leaf


def test_p12_ecdsa_from_a_ca_signs_and_validates(ca_chain, pdf, tmp_path):
    root, private, leaf = ca_chain
    identity = load_p12(_p12(tmp_path / "org.p12", private, leaf, [root]), "rahasia-p12")
    assert identity.name == "Badan Kesatuan Bangsa dan Politik" and identity.chain == (root,)
    signed = sign_pdf(pdf, identity, location="Bekasi")
    status = validate(signed, root)  # trusted through the CA, not the leaf itself
    assert status.bottom_line, status.pretty_print_details()
    assert status.pkcs7_signature_mechanism.startswith("sha256_ecdsa") or \
        status.pkcs7_signature_mechanism == "ecdsa"
    if shutil.which("pdfsig"):  # poppler verifies ECDSA
        text = _pdfsig(signed, tmp_path)
        assert "Signature Validation: Signature is Valid." in text, text


def test_p12_without_a_password(ca_chain, pdf, tmp_path):
    root, private, leaf = ca_chain
    identity = load_p12(_p12(tmp_path / "org.p12", private, leaf, password=None), "")
    assert validate(sign_pdf(pdf, identity), root).bottom_line


def _refused(path, password="rahasia-p12") -> PadesError:
    with pytest.raises(PadesError) as caught:
        load_p12(path, password)
    return caught.value


def test_p12_wrong_password(ca_chain, tmp_path):
    root, private, leaf = ca_chain
    error = _refused(_p12(tmp_path / "org.p12", private, leaf), "salah")
    assert error.code == "p12_wrong_password"
    assert str(error) == "Kata sandi berkas sertifikat .p12 salah"


def test_not_a_p12(tmp_path, pdf):
    (tmp_path / "bukan.p12").write_bytes(pdf)
    error = _refused(tmp_path / "bukan.p12")
    assert error.code == "p12_not_p12" and "bukan berkas sertifikat PKCS#12" in str(error)
    pem = tmp_path / "kunci.pem"
    pem.write_bytes(seal_key().certificate.public_bytes(serialization.Encoding.PEM))
    assert _refused(pem).code == "p12_not_p12"


def test_missing_p12(tmp_path):
    error = _refused(tmp_path / "tidak-ada.p12")
    assert error.code == "p12_unreadable" and "tidak dapat dibaca" in str(error)


def test_p12_with_only_a_certificate(ca_chain, tmp_path):
    root, _, leaf = ca_chain
    path = tmp_path / "hanya-sertifikat.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        None, None, None, [leaf, root], serialization.BestAvailableEncryption(b"rahasia-p12")))
    error = _refused(path)
    assert error.code == "p12_no_key" and "tidak berisi kunci privat" in str(error)


def test_weak_or_unsupported_keys_are_not_suitable(tmp_path):
    weak = rsa.generate_private_key(65537, 1024)
    error = _refused(_p12(tmp_path / "rsa1024.p12", weak, _certificate(weak, "Lemah")))
    assert error.code == "unsuitable_key" and "RSA 1024 bit terlalu lemah" in str(error)
    old = dsa.generate_private_key(2048)
    error = _refused(_p12(tmp_path / "dsa.p12", old, _certificate(old, "DSA")))
    assert error.code == "unsuitable_key" and "tidak dapat dipakai" in str(error)


def test_rsa_2048_is_suitable(pdf, tmp_path):
    private = rsa.generate_private_key(65537, 2048)
    certificate = _certificate(private, "RSA")
    identity = load_p12(_p12(tmp_path / "rsa.p12", private, certificate), "rahasia-p12")
    assert validate(sign_pdf(pdf, identity), certificate).bottom_line


def test_certificate_not_for_signing_or_not_valid_today(tmp_path):
    private = ec.generate_private_key(ec.SECP256R1())
    error = _refused(_p12(tmp_path / "a.p12", private,
                          _certificate(private, "Enkripsi saja", signing=False)))
    assert error.code == "not_signing_certificate"
    error = _refused(_p12(tmp_path / "b.p12", private, _certificate(
        private, "Kedaluwarsa", start=NOW - timedelta(days=400))))
    assert error.code == "certificate_not_valid_now" and "sudah kedaluwarsa pada" in str(error)
    error = _refused(_p12(tmp_path / "c.p12", private, _certificate(
        private, "Belum berlaku", start=NOW + timedelta(days=10))))
    assert error.code == "certificate_not_valid_now" and "baru berlaku mulai" in str(error)


# --- the writers and the command -----------------------------------------------------------------

def _signature_count(path: Path) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as stream:
        return len(PdfFileReader(stream, strict=False).embedded_signatures)


def test_writers_sign_what_they_write(tmp_path):
    record = make_record()
    sign = pdf_signer(seal_key(), location="Bekasi")
    combined = write_certificates_combined(tmp_path / "semua.pdf", record, sign=sign)
    assert _signature_count(combined) == 1
    assert validate(combined.read_bytes(), pdf_root(seal_key())).bottom_line
    folder = tmp_path / "satu-per-orang"
    folder.mkdir()
    files = write_certificates_separate(folder, record, sign=sign)
    assert len(files) == 3 and all(_signature_count(p) == 1 for p in files)
    assert sorted(folder.iterdir()) == sorted(files)  # no temporary files left


def test_a_failing_signature_writes_nothing(tmp_path):
    def broken(data: bytes) -> bytes:
        raise PadesError("not_pdf", "uji")

    folder = tmp_path / "kosong"
    folder.mkdir()
    with pytest.raises(PadesError):
        write_certificates_separate(folder, make_record(), sign=broken)
    with pytest.raises(PadesError):
        write_certificates_combined(tmp_path / "semua.pdf", make_record(), sign=broken)
    assert list(folder.iterdir()) == [] and not (tmp_path / "semua.pdf").exists()


def test_export_command_signs_with_the_seal_key_or_a_p12(tmp_path, capsys, monkeypatch,
                                                         passphrase, ca_chain):
    import main

    db = str(tmp_path / "docs.sqlite")
    assert main.main(["--db", db, "--create",
                      "key", "create", "--label", "Bakesbangpol", "--json"]) == 0
    capsys.readouterr()
    assert main.main(["--db", db, "--create", "demo", "--json"]) == 0
    event_id = json.loads(capsys.readouterr().out)["id"]
    out = tmp_path / "sertifikat.pdf"
    base = ["--db", db, "--create", "export", str(event_id), "--what", "certificates", "--json"]
    assert main.main([*base, "--out", str(out), "--combined", "--pades"]) == 0
    assert json.loads(capsys.readouterr().out)["files"] == [str(out)]
    from events.store import Store

    store = Store.open(db)
    try:
        key = unlock(store, passphrase)
    finally:
        store.close()
    status = validate(out.read_bytes(), pdf_root(key))
    assert status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == "Bakesbangpol"
    assert main.main(["--db", db, "--create", "verify", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == AUTHENTIC

    root, private, leaf = ca_chain
    p12 = _p12(tmp_path / "org.p12", private, leaf, [root])
    folder = tmp_path / "per-orang"
    args = [*base, "--out", str(folder), "--p12", str(p12)]
    monkeypatch.setenv("IKRAR_P12_PASSPHRASE", "salah")
    assert main.main(args) == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error == {"code": "p12_wrong_password",
                     "message": "Kata sandi berkas sertifikat .p12 salah"}
    assert not folder.exists()
    monkeypatch.setenv("IKRAR_P12_PASSPHRASE", "rahasia-p12")
    assert main.main(args) == 0
    files = [Path(f) for f in json.loads(capsys.readouterr().out)["files"]]
    assert len(files) == 12
    assert validate(files[0].read_bytes(), root).bottom_line

    assert main.main(["--db", db, "--create", "export", str(event_id), "--what", "minutes", "--out",
                      str(tmp_path / "ba.pdf"), "--pades", "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "usage"


def test_a_file_signed_before_with_the_ed25519_seal_key_still_verifies(pdf, tmp_path):
    """Certificates signed before the ECDSA key (by the Ed25519 seal key itself, with its own
    certificate) keep verifying: that certificate is the seal key's."""
    key = seal_key()
    path = tmp_path / "lama.pdf"
    path.write_bytes(sign_pdf(pdf, key, certificate=key.certificate))
    verdicts = verify_file(path, {key.fingerprint: key.private.public_key()})
    assert [v.status for v in verdicts] == [AUTHENTIC] * 3
