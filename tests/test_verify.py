"""Verifying certificates offline (pledges/verify.py and the verify command): a real store's
certificate PDF read back through its QR code and its printed text, certificates edited after
printing, a photo of one, and what the command answers (exit codes, --key, stdin)."""

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
from pledges.seal import nip_digest, seals_of, short_code, stored_lookup
from pledges.signatures import sign
from pledges.texts import PledgeText, use_template
from pledges.verify import compare_visible, verify_file, verify_image, verify_pdf, verify_seal
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


def test_a_certificate_from_the_store_verifies_with_its_printed_text(sealed_event, tmp_path):
    store, event, people, key = sealed_event
    path = tmp_path / "sertifikat.pdf"
    write_certificates_combined(path, collect(store, event.id), [people[0].id, people[1].id])
    verdicts = verify_file(path, known_public_keys(store), stored_lookup(store))
    assert [(v.status, v.page, v.visible_checked) for v in verdicts] == [
        ("authentic", 1, True), ("authentic", 2, True)]
    first = verdicts[0]
    assert first.record.attendee_name == "Ani Lestari, S.Kom."
    assert first.record.nip_sha256 == nip_digest("198609262015051001")
    assert first.record.key == key.fingerprint
    signature_id = collect(store, event.id).signatures[people[0].id].id
    assert first.code == short_code(seals_of(store, event.id)[signature_id])
    assert first.message.startswith('ASLI: Ani Lestari, S.Kom. menandatangani ikrar pada acara '
                                    '"Ikrar Netralitas ASN"')
    assert verdicts[1].record.attendee_name == "Budi"
    assert verdicts[1].record.nip_sha256 == ""


def test_a_pdf_page_with_an_unknown_key_and_then_with_the_exported_key(sealed_event, tmp_path):
    store, event, people, _ = sealed_event
    path = tmp_path / "ani.pdf"
    write_certificates_combined(path, collect(store, event.id), [people[0].id])
    assert [v.status for v in verify_pdf(path, KEYS)] == ["unknown_key"]
    pem = tmp_path / "kunci.pem"
    export_public_key(store, pem)
    from pledges.keys import read_public_key_file

    fingerprint, public = read_public_key_file(pem)
    verdict = verify_pdf(path, {fingerprint: public})[0]
    assert (verdict.status, verdict.visible_checked) == ("authentic", True)


# -- certificates edited after printing ---------------------------------------------------------


def _forged(tmp_path: Path, edit) -> Path:
    """Budi's certificate with its seal as made, and the printed values edited by ``edit``."""
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


def _drop_point(record):
    version = record.signed_versions[record.signatures[1].pledge_hash]
    text: PledgeText = version.text
    record.signed_versions[version.hash] = replace(version, text=replace(
        text, points=text.points[:-1]))


def test_the_unedited_certificate_is_authentic(tmp_path):
    verdict = verify_file(_forged(tmp_path, lambda record: None), KEYS)[0]
    assert (verdict.status, verdict.visible_checked) == ("authentic", True)


@pytest.mark.parametrize("edit, field", [
    (_rename("Andi Wijaya"), "attendee_name"),
    (_rename("Budi Santosa, S.E."), "attendee_name"),
    (_rename("Budi Santoso, S.E., M.M."), "attendee_name"),
    (_rename("Dr. Budi Santoso, S.E."), "attendee_name"),
    (_renip("199001012015032002"), "nip_sha256"),
    (_renip(None), "nip_sha256"),
    (_reword, "text_sha256"),
    (_drop_point, "text_sha256"),
], ids=["other name", "one letter", "title added", "title before", "other nip", "nip removed",
        "a word changed", "a point removed"])
def test_a_certificate_edited_after_printing_is_altered(tmp_path, edit, field):
    path = _forged(tmp_path, edit)
    verdicts = verify_file(path, KEYS)
    assert len(verdicts) == 1
    verdict = verdicts[0]
    assert (verdict.status, verdict.field, verdict.visible_checked) == ("altered", field, True)
    # The seal itself holds: it is the printed page that disagrees with it.
    assert verify_seal(qr_payload(make_record(), make_record().signatures[1]), KEYS).authentic
    assert verdict.message.startswith("DIUBAH: ")


def test_an_edited_page_among_good_ones_is_the_one_named(tmp_path):
    record = make_record()
    good = build_certificates(record, [1, 2, 3])
    (tmp_path / "good.pdf").write_bytes(good)
    assert [v.status for v in verify_pdf(tmp_path / "good.pdf", KEYS)] == ["authentic"] * 3
    record.attendees[1] = replace(record.attendees[1], name="Siti Aminah Palsu")
    (tmp_path / "mixed.pdf").write_bytes(build_certificates(record, [1, 2, 3]))
    verdicts = verify_pdf(tmp_path / "mixed.pdf", KEYS)
    assert [(v.status, v.field) for v in verdicts] == [
        ("authentic", None), ("altered", "attendee_name"), ("authentic", None)]


def test_a_long_name_that_wraps_is_still_authentic(tmp_path):
    long = ("Prof. Dr. Ir. Raden Mas Bambang Sutrisno Wicaksono Hadiningrat "
            "Kusumawardhani, S.H., M.H., M.Si.")
    record = make_record()
    record.attendees[0] = replace(record.attendees[0], name=long)
    from tests.sealing import seal_all

    record.seals.clear()
    seal_all(record)
    path = tmp_path / "long.pdf"
    path.write_bytes(build_certificates(record, [1]))
    verdict = verify_pdf(path, KEYS)[0]
    assert (verdict.status, verdict.visible_checked) == ("authentic", True), verdict


def test_compare_visible_on_plain_text():
    record = make_record()
    from pledges.seal import open_seal

    sealed = open_seal(record.seals[record.signatures[1].id])[0]
    name, nip = "Budi Santoso, S.E.", "19860926 201505 1 001"
    assert compare_visible(sealed, name) == "attendee_name"  # printed twice on a certificate
    assert compare_visible(sealed, f"{name}\r\n{name}") == "nip_sha256"
    assert compare_visible(sealed, "Nama Budi Santoso, S.E. lain\r\n" + name) \
        == "attendee_name"
    assert compare_visible(sealed, f"{name}\r\nBudi Santoso,\r\nS.E.\r\n{nip}\r\n"
                                   f"NIP. {nip}") == "text_sha256"
    assert compare_visible(sealed, f"{name}\r\n{name}\r\n{nip}\r\nNIP. 19860926 201505 1 002") \
        == "nip_sha256"


@pytest.mark.parametrize("edited, field", [("name", "attendee_name"), ("nip", "nip_sha256")])
def test_editing_only_one_printed_copy_is_caught(tmp_path, monkeypatch, edited, field):
    """A forger who changes the identity rows but leaves the signer's block as it was."""
    from pledges.documents import certificates

    record = make_record()
    draw_identity = certificates._draw_identity

    def forged(c, lay, attendee):
        changes = {"name": "Budi Santosa, S.E."} if edited == "name" \
            else {"nip": "198609262015051002"}
        draw_identity(c, lay, replace(attendee, **changes))

    monkeypatch.setattr(certificates, "_draw_identity", forged)
    path = tmp_path / "forged.pdf"
    path.write_bytes(build_certificates(record, [1]))
    verdict = verify_pdf(path, KEYS)[0]
    assert (verdict.status, verdict.field) == ("altered", field)


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
    store, event, people, _ = sealed_event
    good = tmp_path / "ani.pdf"
    write_certificates_combined(good, collect(store, event.id), [people[0].id])
    pem = tmp_path / "kunci.pem"
    export_public_key(store, pem)
    other = tmp_path / "lain.pdf"
    other.write_bytes(build_certificates(make_record(), [1]))  # sealed with fixed_key()
    record = collect(store, event.id)
    ani = next(a for a in record.attendees if a.id == people[0].id)
    record.attendees[record.attendees.index(ani)] = replace(ani, name="Ani Lestari Palsu")
    edited = tmp_path / "diubah.pdf"
    edited.write_bytes(build_certificates(record, [people[0].id]))
    junk = tmp_path / "junk.txt"
    junk.write_text("bukan apa-apa")
    return {"good": good, "pem": pem, "other": other, "edited": edited, "junk": junk,
            "qr": qr_payload(record, record.signatures[people[0].id]), "store": store}


@pytest.mark.parametrize("which, status, code", [
    ("good", "authentic", 0), ("junk", "unreadable", 1), ("edited", "altered", 3),
    ("other", "unknown_key", 4)])
def test_verify_command_with_a_public_key_file(files, tmp_path, capsys, which, status, code):
    db = str(tmp_path / "empty.sqlite")  # the checker's own, knowing nothing
    assert main.main(["--db", db, "--create",
                      "verify", str(files[which]), "--key", str(files["pem"]),
                      "--json"]) == code
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == status
    assert len(answer["pages"]) == 1
    if status == "altered":
        assert answer["field"] == "attendee_name"
        assert answer["message"] == "DIUBAH: nama tidak sesuai dengan segel"
    if status == "authentic":
        assert answer["visible_text_checked"] is True
        assert answer["record"]["name"] == "Ani Lestari, S.Kom."
        assert answer["record"]["nip_sha256"] == nip_digest("198609262015051001")


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_verify_command_in_text_mode(files, tmp_path, capsys):
    db = str(files["store"].engine.url.database)
    assert main.main(["--db", db, "--create", "verify", str(files["good"])]) == 0
    assert capsys.readouterr().out.startswith("ASLI: Ani Lestari, S.Kom. menandatangani")
    assert main.main(["--db", db, "--create", "verify", str(files["edited"])]) == 3
    assert "DIUBAH" in capsys.readouterr().out


def test_verify_command_reads_the_qr_text_from_stdin(files, tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "empty.sqlite")
    monkeypatch.setattr("sys.stdin", io.StringIO(files["qr"] + "\n"))
    assert main.main(["--db", db, "--create",
                      "verify", "-", "--key", str(files["pem"]), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["status"], answer["visible_text_checked"]) == ("authentic", False)
    monkeypatch.setattr("sys.stdin", io.StringIO("IK1:RUSAK"))
    assert main.main(["--db", db, "--create",
                      "verify", "-", "--key", str(files["pem"]), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["status"] == "unreadable"


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_verify_command_with_the_database_names_the_changed_field_of_a_forged_qr(files, capsys,
                                                                                 monkeypatch):
    import base45
    import cbor2

    from pledges.seal import QR_PREFIX, open_seal

    record, _, signature = open_seal(files["qr"])
    forged = cbor2.dumps([replace(record, operator="Orang Lain").encode(), signature],
                         canonical=True)
    db = str(files["store"].engine.url.database)
    monkeypatch.setattr("sys.stdin", io.StringIO(QR_PREFIX + base45.b45encode(forged).decode()))
    assert main.main(["--db", db, "--create", "verify", "-", "--json"]) == 3
    answer = json.loads(capsys.readouterr().out)
    assert (answer["status"], answer["field"]) == ("altered", "operator")
    assert answer["message"] == "DIUBAH: petugas tidak sesuai dengan segel"


def test_verify_command_with_a_bad_key_file(files, tmp_path, capsys):
    bad = tmp_path / "bad.pem"
    bad.write_text("bukan kunci")
    db = str(tmp_path / "empty.sqlite")
    assert main.main(["--db", db, "--create", "verify", str(files["good"]), "--key", str(bad),
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
