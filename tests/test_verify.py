"""Verifying certificates offline (pledges/verify.py and the verify command): a real store's
digitally signed certificate PDF read back through its QR code and its signature, certificates
made unsigned or edited after printing (tests/test_forgery.py tries many more), a photo of
one, the short code, and what the command answers (exit codes, --key, stdin, --code)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import main
from events.categories import Category
from events.model import Attendee, Event
from pledges.demo import synthetic_signature
from pledges.documents import collect
from pledges.documents.certificates import (
    build_certificates,
    qr_payload,
    write_certificates_combined,
)
from pledges.keys import create_key, export_public_key, known_public_keys
from pledges.pades import pdf_signer, sign_pdf
from pledges.seal import seals_of, short_code, stored_lookup
from pledges.signatures import sign
from pledges.texts import PledgeText, use_template
from pledges.verify import verify_file, verify_image, verify_pdf
from tests import forgery
from tests.sealing import fixed_key
from tests.test_certificates import make_record

pytest.importorskip("zxingcpp")
pytest.importorskip("pypdfium2")
PDFTOPPM = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")

W, H = 600, 300
PASS = "kata-sandi-uji"
KEYS = {fixed_key().fingerprint: fixed_key().private.public_key()}


@pytest.fixture
def sealed_event(store):
    """A store with a key; Ani (NIP) and Budi signed and sealed, Citra signed unsealed."""
    event = store.create_event(Event(name="Ikrar Netralitas ASN", event_date=date(2024, 2, 1),
                                     institution="Pemerintah Kota Contoh", city="Contoh"))
    people = store.add_attendees(event.id, [
        Attendee("Ani Lestari, S.Kom.", Category.ESELON_III, nip="198609262015051001",
                 jabatan="Kepala Seksi", unit="Dinas Kominfo"),
        Attendee("Budi", Category.PELAKSANA),
        Attendee("Citra", Category.TAMU),
    ])
    use_template(store, event.id, "netralitas_asn_2024")
    key = create_key(store, PASS, "Kesbangpol")
    for seed, person in enumerate(people[:2], 1):
        sign(store, event.id, person.id, synthetic_signature(seed, W, H), W, H,
             place="Meja 1", operator="Rina", seal_key=key)
    return store, event, people, key


def _png(pdf: Path, tmp_path: Path, page: int = 1, dpi: int = 150) -> Path:
    out = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(out)], check=True)
    return Path(f"{out}.png")


# -- a real store's certificate -------------------------------------------------------------


def test_a_certificate_from_the_store_verifies_with_its_digital_signature(sealed_event,
                                                                           tmp_path):
    store, event, people, key = sealed_event
    path = tmp_path / "sertifikat.pdf"
    write_certificates_combined(path, collect(store, event.id), [people[0].id, people[1].id],
                                sign=pdf_signer(key))
    verdicts = verify_file(path, known_public_keys(store), stored_lookup(store))
    assert [(v.status, v.page, v.visible_checked) for v in verdicts] == [
        ("authentic", 1, True), ("authentic", 2, True)]
    first = verdicts[0]
    assert first.record.attendee_name == "Ani Lestari, S.Kom."
    assert first.record.nip == "198609262015051001" and first.record.nip_sha256 == ""
    assert first.record.key == key.fingerprint
    signature_id = collect(store, event.id).signatures[people[0].id].id
    assert first.code == short_code(seals_of(store, event.id)[signature_id])
    assert first.message.startswith('ASLI: Ani Lestari, S.Kom. menandatangani ikrar pada acara '
                                    '"Ikrar Netralitas ASN"')
    assert verdicts[1].record.attendee_name == "Budi"
    assert verdicts[1].record.nip == ""


def test_a_pdf_page_with_an_unknown_key_and_then_with_the_exported_key(sealed_event, tmp_path):
    store, event, people, key = sealed_event
    path = tmp_path / "ani.pdf"
    write_certificates_combined(path, collect(store, event.id), [people[0].id],
                                sign=pdf_signer(key))
    assert [v.status for v in verify_pdf(path, KEYS)] == ["unknown_key"]
    pem = tmp_path / "kunci.pem"
    export_public_key(store, pem)
    from pledges.keys import read_public_key_file

    fingerprint, public = read_public_key_file(pem)
    verdict = verify_pdf(path, {fingerprint: public})[0]
    assert (verdict.status, verdict.visible_checked) == ("authentic", True)


# -- certificates made without a digital signature, or changed ----------------------------------


def _forged(tmp_path: Path, edit) -> Path:
    """Budi's certificate with its seal as made, and the printed values edited by ``edit``,
    built anew (so without the organizer's digital signature)."""
    record = make_record()
    edit(record)
    path = tmp_path / "forged.pdf"
    path.write_bytes(build_certificates(record, [1]))
    return path


def _rename(name):
    def edit(record):
        record.attendees[0] = replace(record.attendees[0], name=name)
    return edit


def _renip(nip):
    def edit(record):
        record.attendees[0] = replace(record.attendees[0], nip=nip)
    return edit


def _reword(record):
    version = record.signed_versions[record.signatures[1].pledge_hash]
    text: PledgeText = version.text
    points = list(text.points)
    points[3] = points[3].replace("Menolak politik uang", "Menerima politik uang")
    record.signed_versions[version.hash] = replace(version, text=replace(text,
                                                                         points=tuple(points)))


def test_an_unsigned_certificate_is_not_proven_but_shows_its_seal(tmp_path):
    """A file without the organizer's digital signature: the QR seal holds, the page cannot
    be proven (anyone can print any words around a genuine QR code), the sealed record is given
    to compare the page with."""
    verdict = verify_file(_forged(tmp_path, lambda record: None), KEYS)[0]
    assert (verdict.status, verdict.detail, verdict.visible_checked) == (
        "unproven", "no_pdf_signature", False)
    assert verdict.record.attendee_name == "Budi Santoso, S.E."
    assert verdict.message.startswith('TIDAK TERBUKTI: segel kode QR sah (Budi Santoso, S.E., '
                                      'acara "Ikrar Netralitas ASN"), tetapi berkas PDF ini '
                                      'tidak bertanda tangan digital')


@pytest.mark.parametrize("edit", [
    _rename("Andi Wijaya"), _rename("Budi Santoso, S.E., M.M."), _renip("199001012015032002"),
    _renip(None), _reword], ids=["other name", "title added", "other nip", "nip removed",
                                 "a word changed"])
def test_a_certificate_printed_anew_with_other_values_is_never_authentic(tmp_path, edit):
    verdicts = verify_file(_forged(tmp_path, edit), KEYS)
    assert [v.status for v in verdicts] == ["unproven"]
    # The forger signs it with a key of his own: still not the organizer's.
    from tests.test_forgery import _forger_identity

    path = tmp_path / "ditandatangani.pdf"
    path.write_bytes(sign_pdf(path.with_name("forged.pdf").read_bytes(), _forger_identity()))
    verdict = verify_file(path, KEYS)[0]
    assert (verdict.status, verdict.detail) == ("unproven", "unknown_pdf_signer")


def test_an_edited_page_among_good_ones_is_the_one_named(tmp_path):
    good = sign_pdf(build_certificates(make_record(), [1, 2, 3]), fixed_key())
    (tmp_path / "good.pdf").write_bytes(good)
    assert [v.status for v in verify_pdf(tmp_path / "good.pdf", KEYS)] == ["authentic"] * 3
    (tmp_path / "mixed.pdf").write_bytes(forgery.white_out(good, "Siti Aminah", "Siti Palsu",
                                                           page_index=1))
    verdicts = verify_pdf(tmp_path / "mixed.pdf", KEYS)
    assert [(v.status, v.field) for v in verdicts] == [
        ("altered", "after_signature"), ("altered", "page"), ("altered", "after_signature")]
    assert verdicts[1].message == ("DIUBAH: halaman ini berbeda dari yang ditandatangani secara "
                                   "digital")


def test_a_long_name_that_wraps_is_still_authentic(tmp_path):
    long = ("Prof. Dr. Ir. Raden Mas Bambang Sutrisno Wicaksono Hadiningrat "
            "Kusumawardhani, S.H., M.H., M.Si.")
    record = make_record()
    record.attendees[0] = replace(record.attendees[0], name=long)
    from tests.sealing import seal_all

    record.seals.clear()
    seal_all(record)
    path = tmp_path / "long.pdf"
    path.write_bytes(sign_pdf(build_certificates(record, [1]), fixed_key()))
    verdict = verify_pdf(path, KEYS)[0]
    assert (verdict.status, verdict.visible_checked) == ("authentic", True), verdict


# -- photos, text files, and what is not a certificate -----------------------------------------


@PDFTOPPM
def test_a_photo_of_a_certificate_verifies_through_its_qr_code(sealed_event, tmp_path):
    store, event, people, _ = sealed_event
    path = tmp_path / "ani.pdf"
    write_certificates_combined(path, collect(store, event.id), [people[0].id])
    image = _png(path, tmp_path)
    verdict = verify_image(image, known_public_keys(store))
    assert (verdict.status, verdict.visible_checked) == ("authentic", False)
    assert verdict.record.attendee_name == "Ani Lestari, S.Kom."
    assert [v.status for v in verify_file(image, known_public_keys(store))] == ["authentic"]
    # A JPEG at a coarser scan reads too.
    from PIL import Image

    jpeg = tmp_path / "ani.jpg"
    Image.open(_png(path, tmp_path, dpi=110)).convert("L").save(jpeg, quality=70)
    assert verify_image(jpeg, known_public_keys(store)).status == "authentic"


def test_a_text_file_holding_the_qr_text(sealed_event, tmp_path):
    store, event, people, _ = sealed_event
    record = collect(store, event.id)
    text = qr_payload(record, record.signatures[people[0].id])
    path = tmp_path / "kode.txt"
    path.write_text(text + "\n", "utf-8")
    assert [v.status for v in verify_file(path, known_public_keys(store))] == ["authentic"]


def test_what_cannot_be_read(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    blank = tmp_path / "blank.pdf"
    canvas = Canvas(str(blank))
    canvas.drawString(72, 720, "Bukan sertifikat")
    canvas.showPage()
    canvas.save()
    garbage = tmp_path / "x.bin"
    garbage.write_bytes(b"\x00garbage" * 20)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnothing else")
    cases = {blank: ("no_qr", 1), garbage: ("not_pdf", None), broken: ("not_pdf", None),
             tmp_path / "missing.pdf": ("no_file", None)}
    for path, (detail, page) in cases.items():
        verdicts = verify_file(path, KEYS)
        assert [(v.status, v.detail, v.page) for v in verdicts] == [
            ("unreadable", detail, page)], path


# -- the command line -----------------------------------------------------------------------------


@pytest.fixture
def files(sealed_event, tmp_path):
    """The real certificate, its public key, an edited certificate, another key's certificate."""
    store, event, people, key = sealed_event
    good = tmp_path / "ani.pdf"
    write_certificates_combined(good, collect(store, event.id), [people[0].id],
                                sign=pdf_signer(key))
    pem = tmp_path / "kunci.pem"
    export_public_key(store, pem)
    other = tmp_path / "lain.pdf"
    other.write_bytes(sign_pdf(build_certificates(make_record(), [1]), fixed_key()))
    record = collect(store, event.id)
    edited = tmp_path / "diubah.pdf"
    edited.write_bytes(forgery.white_out(good.read_bytes(), "Ani Lestari, S.Kom.",
                                         "Ani Lestari Palsu"))
    unsigned = tmp_path / "tanpa-tanda-tangan.pdf"
    write_certificates_combined(unsigned, record, [people[0].id])
    junk = tmp_path / "junk.txt"
    junk.write_text("bukan apa-apa")
    return {"good": good, "pem": pem, "other": other, "edited": edited, "junk": junk,
            "unsigned": unsigned,
            "qr": qr_payload(record, record.signatures[people[0].id]), "store": store}


@pytest.mark.parametrize("which, status, code", [
    ("good", "authentic", 0), ("junk", "unreadable", 1), ("edited", "altered", 3),
    ("other", "unknown_key", 4), ("unsigned", "unproven", 5)])
def test_verify_command_with_a_public_key_file(files, tmp_path, capsys, which, status, code):
    db = str(tmp_path / "empty.sqlite")  # the checker's own, knowing nothing
    assert main.main(["--db", db, "verify", str(files[which]), "--key", str(files["pem"]),
                      "--json"]) == code
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == status
    assert len(answer["pages"]) == 1
    if status == "altered":
        assert answer["field"] == "page"
        assert answer["message"] == ("DIUBAH: halaman ini berbeda dari yang ditandatangani "
                                     "secara digital")
    if status == "authentic":
        assert answer["visible_text_checked"] is True
        assert answer["record"]["name"] == "Ani Lestari, S.Kom."
        assert answer["record"]["nip"] == "198609262015051001"
        assert "attendee_token" not in answer["record"] and "operator" not in answer["record"]


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_verify_command_in_text_mode(files, tmp_path, capsys):
    db = str(files["store"].engine.url.database)
    assert main.main(["--db", db, "verify", str(files["good"])]) == 0
    assert capsys.readouterr().out.startswith("ASLI: Ani Lestari, S.Kom. menandatangani")
    assert main.main(["--db", db, "verify", str(files["edited"])]) == 3
    assert "DIUBAH" in capsys.readouterr().out


def test_verify_command_reads_the_qr_text_from_stdin(files, tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "empty.sqlite")
    monkeypatch.setattr("sys.stdin", io.StringIO(files["qr"] + "\n"))
    assert main.main(["--db", db, "verify", "-", "--key", str(files["pem"]), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["status"], answer["visible_text_checked"]) == ("authentic", False)
    monkeypatch.setattr("sys.stdin", io.StringIO("IK1:RUSAK"))
    assert main.main(["--db", db, "verify", "-", "--key", str(files["pem"]), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["status"] == "unreadable"


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_verify_command_with_the_database_names_the_changed_field_of_a_forged_qr(files, capsys,
                                                                                 monkeypatch):
    import base45
    import cbor2

    from pledges.seal import QR_PREFIX, open_seal

    record, _, signature = open_seal(files["qr"])
    forged = cbor2.dumps([replace(record, jabatan="Kepala Dinas").encode(), signature],
                         canonical=True)
    db = str(files["store"].engine.url.database)
    monkeypatch.setattr("sys.stdin", io.StringIO(QR_PREFIX + base45.b45encode(forged).decode()))
    assert main.main(["--db", db, "verify", "-", "--json"]) == 3
    answer = json.loads(capsys.readouterr().out)
    assert (answer["status"], answer["field"]) == ("altered", "jabatan")
    assert answer["message"] == "DIUBAH: jabatan tidak sesuai dengan segel"


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_the_short_code_checks_against_the_database(files, tmp_path, capsys, monkeypatch):
    """The code printed under the QR code, typed in (any case, without the dash, 0/1/8 for
    O/I/B) or piped in: the organizer's database finds its seal and verifies it."""
    store = files["store"]
    db = str(store.engine.url.database)
    code = short_code(open_qr(files["qr"]))
    typed = code.lower().replace("-", "").replace("o", "0").replace("i", "1")
    assert main.main(["--db", db, "verify", "--code", typed, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["status"], answer["short_code"]) == ("authentic", code)
    assert answer["record"]["name"] == "Ani Lestari, S.Kom."
    monkeypatch.setattr("sys.stdin", io.StringIO(code + "\n"))
    assert main.main(["--db", db, "verify", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["record"]["name"] == "Ani Lestari, S.Kom."
    assert main.main(["--db", db, "verify", "--code", "AAAAA-AAAAA", "--json"]) == 1
    answer = json.loads(capsys.readouterr().out)
    assert (answer["status"], answer["detail"]) == ("unreadable", "unknown_code")
    assert answer["message"].startswith("TIDAK TERBACA: kode verifikasi ini tidak ada")
    # Another installation (the checker's own) does not have it.
    empty = str(tmp_path / "kosong.sqlite")
    assert main.main(["--db", empty, "verify", "--code", code, "--json"]) == 1


def open_qr(text: str) -> bytes:
    import base45

    from pledges.seal import QR_PREFIX

    return base45.b45decode(text[len(QR_PREFIX):])


def test_verify_command_with_a_bad_key_file(files, tmp_path, capsys):
    bad = tmp_path / "bad.pem"
    bad.write_text("bukan kunci")
    db = str(tmp_path / "empty.sqlite")
    assert main.main(["--db", db, "verify", str(files["good"]), "--key", str(bad),
                      "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "bad_public_key"


def test_a_file_with_an_altered_page_and_an_unknown_key_page_is_altered(tmp_path, capsys,
                                                                         monkeypatch):
    """The command answers for the whole file with its worst page: altered comes first."""
    import main
    from pledges import verify

    pages = [verify.Verdict("authentic", page=1), verify.Verdict("unknown_key", page=2),
             verify.Verdict("altered", field="seal", page=3)]
    monkeypatch.setattr(verify, "verify_file", lambda path, keys, stored: pages)
    key = tmp_path / "kunci.pem"
    from cryptography.hazmat.primitives import serialization

    from tests.sealing import fixed_key

    key.write_bytes(fixed_key().private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    code = main.main(["verify", str(tmp_path / "x.pdf"), "--key", str(key), "--json"])
    import json

    answer = json.loads(capsys.readouterr().out)
    assert code == 3 and answer["status"] == "altered"
    assert [p["status"] for p in answer["pages"]] == ["authentic", "unknown_key", "altered"]


# -- the answer for a whole file -------------------------------------------------------------------


@pytest.mark.parametrize("statuses, page", [
    (["authentic"], 1),
    (["authentic", "unreadable"], 2),
    (["unreadable", "unknown_key"], 2),
    (["unknown_key", "altered", "unreadable"], 2),
    (["altered", "authentic", "unknown_key"], 1),
    (["authentic", "unknown_key", "unknown_key"], 2),  # the first of the worst
    (["authentic", "authentic"], 1),
])
def test_a_file_is_as_good_as_its_worst_page(statuses, page):
    from pledges.verify import Verdict, overall

    verdicts = [Verdict(status, page=n) for n, status in enumerate(statuses, 1)]
    assert overall(verdicts) is verdicts[page - 1]
