"""Signed pledge certificates (pledges/documents/certificates.py): what is printed (pdftotext), that
the QR code decodes from the rendered page (pdftoppm + zxing-cpp), that nothing is drawn in the
outer 8 mm, the exact version each person signed, one file per person, and cancelling."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from events.categories import Category
from events.checkins import DeskCounts
from events.model import Attendee, Event, Official
from pledges.demo import DEMO_PAD, synthetic_signature
from pledges.documents import EventRecord
from pledges.documents.certificates import (
    CertificateError,
    UnsealedError,
    build_certificates,
    certificate_file_names,
    qr_payload,
    short_code,
    write_certificates_combined,
    write_certificates_separate,
)
from pledges.signatures import SignatureRecord
from pledges.strokes import digest
from pledges.texts import NETRALITAS_ASN_2024, PledgeText, PledgeVersion, normalize, version_hash
from pledges.verify import verify_seal
from tests.sealing import fixed_key, seal_all

WIB = timezone(timedelta(hours=7))
NIP = "198609262015051001"
TOOLS = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
                           reason="poppler-utils not installed")


def _version(text: PledgeText = NETRALITAS_ASN_2024) -> PledgeVersion:
    text = normalize(text)
    return PledgeVersion(hash=version_hash(text), text=text, template="", locked=True,
                         created_at=datetime(2023, 10, 26, tzinfo=WIB))


OLD_TEXT = PledgeText(
    title="IKRAR NETRALITAS ASN KOTA BEKASI",
    opening="Kami ASN dan Non-ASN Kota Bekasi berikrar:",
    points=("Kami ASN dan Non-ASN Kota Bekasi akan menggunakan media sosial secara baik dan "
            "tidak menyebarkan ujaran kebencian serta berita hoax.",
            "Kami akan menjaga netralitas pada Pemilihan Umum dan Pemilihan Kepala Daerah."),
    closing="Demikian ikrar ini kami buat.",
)


def _signature(sig_id: int, attendee_id: int | None, version: PledgeVersion, seed: int,
               day: date = date(2023, 11, 2)) -> SignatureRecord:
    strokes = synthetic_signature(seed, *DEMO_PAD)
    return SignatureRecord(
        id=sig_id, event_id=7, attendee_id=attendee_id,
        role="attendee" if attendee_id else "witness", pledge_hash=version.hash,
        strokes=strokes, strokes_sha256=digest(strokes), pad_width=DEMO_PAD[0],
        pad_height=DEMO_PAD[1], consent_version="t",
        signed_at=datetime(day.year, day.month, day.day, 9, 30, tzinfo=WIB))


def _logo() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 240), "white")
    ImageDraw.Draw(image).ellipse((10, 10, 190, 230), fill=(200, 160, 20), outline="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def make_record(logo: bool = False) -> EventRecord:
    """Budi (NIP, current text), Siti (signed the older text), a guest without a NIP, and Andi
    who came but did not sign."""
    current, old = _version(), _version(OLD_TEXT)
    event = Event(
        name="Ikrar Netralitas ASN", event_date=date(2023, 11, 2), start_time=time(8),
        venue="Balai Patriot", city="Bekasi", organizer_unit="Badan Kesatuan Bangsa dan Politik",
        institution="Pemerintah Kota Bekasi", logo=_logo() if logo else None,
        witness=Official(name="Drs. H. Junaedi, M.Si.", title="Sekretaris Daerah Kota Bekasi",
                         nip="196707011993031004"),
        id=7)
    people = [
        Attendee(name="Budi Santoso, S.E.", category=Category.ESELON_III, nip=NIP,
                 golongan="Penata Tingkat I (III/d)", jabatan="Kepala Bidang Politik",
                 unit="Badan Kesatuan Bangsa dan Politik", event_id=7, id=1),
        Attendee(name="Siti Aminah", category=Category.PELAKSANA, nip="199001012015032002",
                 golongan="II/c", jabatan="Pengadministrasi Umum", unit="Kecamatan Bekasi Timur",
                 event_id=7, id=2),
        Attendee(name="Rahmat Hidayat", category=Category.TAMU, nik="3275010101900001",
                 jabatan="Ketua", unit="", institution="PWI Kota Bekasi", event_id=7, id=3),
        Attendee(name="Andi Wijaya", category=Category.PELAKSANA, event_id=7, id=4),
    ]
    signatures = {
        1: _signature(11, 1, current, 1, date(2023, 11, 2)),
        2: _signature(12, 2, old, 2, date(2023, 11, 1)),
        3: _signature(13, 3, current, 3, date(2023, 11, 2)),
    }
    return seal_all(EventRecord(event=event, attendees=people, checkins={},
                                signatures=signatures, pledge=current,
                                witness=_signature(10, None, current, 99),
                                counts=DeskCounts(by_category={}),
                                signed_versions={current.hash: current, old.hash: old}))


def _text(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _render(pdf: bytes, tmp_path: Path, page: int, dpi: int = 150):
    from PIL import Image

    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(path), str(out)], check=True)
    return Image.open(f"{out}.png").convert("L")


def _flat(text: str) -> str:
    return " ".join(text.split())


@TOOLS
def test_page_text(tmp_path):
    record = make_record()
    pdf = build_certificates(record, [1])
    text = _flat(_text(pdf, tmp_path))
    assert "PEMERINTAH KOTA BEKASI" in text
    assert "BADAN KESATUAN BANGSA DAN POLITIK" in text
    assert _flat(NETRALITAS_ASN_2024.title) in text
    assert "Yang bertanda tangan di bawah ini:" in text
    for label in ("Nama", "NIP", "Pangkat/Gol.", "Jabatan", "Unit Kerja"):
        assert label in text
    assert "Budi Santoso, S.E." in text
    assert "19860926 201505 1 001" in text
    assert "Penata Tingkat I (III/d)" in text
    assert _flat(NETRALITAS_ASN_2024.opening) in text
    for i, point in enumerate(NETRALITAS_ASN_2024.points, 1):
        assert f"{i}. {_flat(point)}" in text, point
    assert _flat(NETRALITAS_ASN_2024.closing) in text
    assert "Bekasi, 2 November 2023" in text
    assert "Menyaksikan," in text and "Pembuat Pernyataan," in text
    assert "Sekretaris Daerah Kota Bekasi" in text
    assert "NIP. 19670701 199303 1 004" in text
    assert "NIP. 19860926 201505 1 001" in text
    assert short_code(record.seals[record.signatures[1].id]) in text
    assert "Kunci segel: " + fixed_key().display in text


@TOOLS
def test_each_statement_says_which_date_it_states(tmp_path):
    """A statement is dated the day it was signed; one signed on another day than the event's
    (Siti, the day before) names the event's date under its own, so it and the Berita Acara
    (dated the event's day) never disagree without saying why."""
    record = make_record()
    pdf = build_certificates(record, [1, 2])
    budi, siti = _flat(_text(pdf, tmp_path, 1)), _flat(_text(pdf, tmp_path, 2))
    assert "Bekasi, 2 November 2023" in budi and "tanggal acara" not in budi
    assert "Bekasi, 1 November 2023 (tanggal acara: 2 November 2023)" in siti
    # The note takes room of its own: the headings below it are not overdrawn.
    assert "Menyaksikan, Pembuat Pernyataan," in siti


@TOOLS
def test_statements_print_their_sealed_number_under_the_title(tmp_path):
    record = make_record()
    record.event.number_scheme = "800/{n:03d}/Kesbangpol/2023"
    record.event.number_start = 17
    record.seals.clear()
    pdf = build_certificates(seal_all(record))
    texts = [_flat(_text(pdf, tmp_path, page)) for page in (1, 2, 3)]
    # Numbered in signing order after the Berita Acara's 017.
    for text, number in zip(texts, ("018", "019", "020"), strict=True):
        # under the title (Siti's page has the older text's), above the first line
        assert f"NOMOR : 800/{number}/Kesbangpol/2023 Yang bertanda tangan" in text
        assert text.index("IKRAR NETRALITAS") < text.index("NOMOR")
    assert "NOMOR" not in _flat(_text(build_certificates(make_record()), tmp_path, 1))


@TOOLS
def test_fonts_embedded(tmp_path):
    path = tmp_path / "c.pdf"
    path.write_bytes(build_certificates(make_record()))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and "Helvetica" not in fonts  # IkrarSans is DejaVu
    for line in fonts.splitlines()[2:]:
        assert " yes " in line  # embedded


@TOOLS
def test_guest_has_no_nip_and_no_nik_printed(tmp_path):
    record = make_record()
    text = _flat(_text(build_certificates(record, [3]), tmp_path))
    assert "Rahmat Hidayat" in text
    # the lines that do not apply to a guest are left out, not printed with a dash
    assert "NIP : -" not in text and "NIP. -" not in text and "Pangkat/Gol." not in text
    assert "Instansi : PWI Kota Bekasi" in text  # a guest's institution, labelled so
    assert "3275010101900001" not in text


@TOOLS
def test_person_gets_the_version_they_signed(tmp_path):
    record = make_record()
    pdf = build_certificates(record)
    assert _text(pdf, tmp_path).count("\f") == 3  # Budi, Siti, Rahmat; Andi did not sign
    siti = _flat(_text(pdf, tmp_path, page=2))
    assert "Siti Aminah" in siti
    assert OLD_TEXT.title in siti
    assert "berita hoax" in siti
    assert "Bekasi, 1 November 2023" in siti
    assert "Menolak politik uang" not in siti
    budi = _flat(_text(pdf, tmp_path, page=1))
    assert "Menolak politik uang" in budi and "berita hoax" not in budi


@TOOLS
def test_qr_holds_the_seal_and_verifies_offline_from_the_rendered_page(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    record = make_record()
    pdf = build_certificates(record, [1, 2])
    keys = {fixed_key().fingerprint: fixed_key().private.public_key()}
    for page, attendee_id in ((1, 1), (2, 2)):
        image = _render(pdf, tmp_path, page)
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        signature = record.signatures[attendee_id]
        assert [b.text for b in found] == [qr_payload(record, signature)]
        verdict = verify_seal(found[0].text, keys)
        assert verdict.status == "authentic"
        person = record.attendees[attendee_id - 1]
        assert verdict.record.attendee_name == person.name
        assert verdict.record.strokes_sha256 == signature.strokes_sha256
        assert verdict.record.pledge_hash == signature.pledge_hash
        # About 3.6 cm: the symbol's width in pixels at 150 dpi.
        left = min(p.x for p in (found[0].position.top_left, found[0].position.bottom_left))
        right = max(p.x for p in (found[0].position.top_right, found[0].position.bottom_right))
        assert 34 <= (right - left) / 150 * 25.4 <= 38


@TOOLS
def test_qr_still_reads_from_a_coarse_blurred_scan(tmp_path):
    """A 120 dpi grey scan, blurred: about 1.8 pixels per module, as a phone far off sees it
    (the symbol holds every printed field: a version 19 symbol for this page)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import ImageFilter

    record = make_record()
    image = _render(build_certificates(record, [1]), tmp_path, 1, dpi=120)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [b.text for b in found] == [qr_payload(record, record.signatures[1])]


@TOOLS
def test_qr_reads_from_a_phone_photo_of_a_150_dpi_print(tmp_path):
    """The page printed at 150 dpi, photographed: a little blur, turned 3 degrees, at another
    scale, saved as a JPEG; the seal reads and verifies."""
    from PIL import Image, ImageFilter

    from pledges.verify import verify_image

    record = make_record()
    printed = _render(build_certificates(record, [1]), tmp_path, 1, dpi=150)
    photo = (printed.filter(ImageFilter.GaussianBlur(0.7))
             .rotate(3, expand=True, fillcolor=235, resample=Image.Resampling.BICUBIC))
    photo = photo.resize((int(photo.width * 1.3), int(photo.height * 1.3)),
                         Image.Resampling.BICUBIC)
    path = tmp_path / "foto.jpg"
    photo.convert("L").save(path, quality=60)
    keys = {fixed_key().fingerprint: fixed_key().private.public_key()}
    verdict = verify_image(path, keys)
    assert verdict.status == "authentic"
    assert verdict.record.attendee_name == "Budi Santoso, S.E."


def test_unsealed_signatures_get_no_certificate():
    record = make_record()
    record.seals.pop(record.signatures[2].id)
    with pytest.raises(UnsealedError) as caught:
        build_certificates(record)
    assert caught.value.count == 1
    assert "belum disegel" in str(caught.value)
    assert build_certificates(record, [1, 3]).startswith(b"%PDF")  # the sealed ones still can


def test_short_code_shape():
    record = make_record()
    code = short_code(record.seals[record.signatures[1].id])
    assert len(code) == 11 and code[5] == "-"
    assert set(code.replace("-", "")) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def _assert_margin_clear(image, margin_mm: float = 8.0, dpi: int = 150) -> None:
    width, height = image.size
    m = round(margin_mm / 25.4 * dpi)
    strips = [image.crop((0, 0, width, m)), image.crop((0, height - m, width, height)),
              image.crop((0, 0, m, height)), image.crop((width - m, 0, width, height))]
    for strip in strips:
        assert strip.getextrema()[0] > 200, "something dark in the outer margin"


@TOOLS
def test_nothing_in_the_outer_margin(tmp_path):
    record = make_record(logo=True)
    # Long values everywhere: they must shrink or wrap, never run off the page.
    record.attendees[0] = replace(
        record.attendees[0],
        name="Prof. Dr. Ir. H. Muhammad Abdurrahman Wicaksono Kusumadiningrat, S.H., M.H., M.Si.",
        jabatan="Kepala Sub Bagian Perencanaan, Evaluasi dan Pelaporan pada Sekretariat Badan "
                "Kesatuan Bangsa dan Politik Kota Bekasi yang juga merangkap Plt. Kepala Bidang",
        unit="Badan Kesatuan Bangsa dan Politik " * 4)
    record.event.institution = "Pemerintah Kabupaten Kepulauan Siau Tagulandang Biaro Provinsi"
    record.event.witness = Official(
        name="Drs. H. Junaedi Suryadiningrat Wirakusumah, M.Si.",
        title="Pj. Sekretaris Daerah Kota Bekasi selaku Ketua Tim Pengawas Netralitas ASN",
        nip="196707011993031004")
    pdf = build_certificates(record)
    for page in (1, 2, 3):
        image = _render(pdf, tmp_path, page)
        assert image.size[0] > image.size[1] * 0.6  # A4 portrait
        _assert_margin_clear(image)
    text = _flat(_text(pdf, tmp_path, page=1))
    assert "Kusumadiningrat" in text


def test_too_long_pledge_is_refused():
    record = make_record()
    huge = _version(PledgeText(title="X", opening="Kami berikrar:",
                               points=tuple("kata " * 120 for _ in range(20))))
    record.signed_versions[huge.hash] = huge
    record.signatures[1] = replace(record.signatures[1], pledge_hash=huge.hash)
    with pytest.raises(CertificateError, match="terlalu panjang"):
        build_certificates(record, [1])


def test_nobody_signed():
    record = make_record()
    with pytest.raises(CertificateError, match="Tidak ada peserta"):
        build_certificates(record, [4])
    record.signatures.clear()
    with pytest.raises(CertificateError):
        build_certificates(record)


def test_superseded_signature_is_skipped():
    record = make_record()
    record.signatures[2] = replace(record.signatures[2],
                                   superseded_at=datetime(2023, 11, 2, tzinfo=WIB))
    assert len(re.findall(rb"/Type /Page\b(?!s)", build_certificates(record, [1, 2]))) == 1
    with pytest.raises(CertificateError):
        build_certificates(record, [2])


def test_file_names():
    names = certificate_file_names(["Budi Santoso, S.E.", "budi santoso SE", "Siti Nur'aini",
                                    "Dr. Ir. Ändi / Wijaya", "", "..."])
    assert names == ["Surat_Pernyataan_Budi_Santoso_SE.pdf",
                     "Surat_Pernyataan_budi_santoso_SE_2.pdf",
                     "Surat_Pernyataan_Siti_Nur_aini.pdf", "Surat_Pernyataan_Dr_Ir_Andi_Wijaya.pdf",
                     "Surat_Pernyataan_Peserta.pdf", "Surat_Pernyataan_Peserta_2.pdf"]


@TOOLS
def test_separate_files(tmp_path):
    record = make_record()
    record.attendees[2] = replace(record.attendees[2], name="Budi Santoso, S.E.")
    folder = tmp_path / "out"
    folder.mkdir()
    calls = []
    paths = write_certificates_separate(folder, record,
                                        progress=lambda d, t: calls.append((d, t)))
    assert [p.name for p in paths] == ["Surat_Pernyataan_Budi_Santoso_SE.pdf",
                                       "Surat_Pernyataan_Siti_Aminah.pdf",
                                       "Surat_Pernyataan_Budi_Santoso_SE_2.pdf"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    assert calls == [(1, 3), (2, 3), (3, 3)]
    for path in paths:
        assert path.read_bytes().startswith(b"%PDF")
        assert _text(path.read_bytes(), tmp_path).count("\f") == 1
    assert "Siti Aminah" in _text(paths[1].read_bytes(), tmp_path)


def test_combined_file(tmp_path):
    path = tmp_path / "semua.pdf"
    calls = []
    write_certificates_combined(path, make_record(), progress=lambda d, t: calls.append((d, t)))
    assert path.read_bytes().startswith(b"%PDF")
    assert calls[-1] == (3, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["semua.pdf"]


class Cancelled(Exception):
    pass


def _cancel_at(n):
    def progress(done, total):
        if done >= n:
            raise Cancelled

    return progress


def test_cancel_leaves_nothing(tmp_path):
    record = make_record()
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        write_certificates_separate(folder, record, progress=_cancel_at(2))
    assert list(folder.iterdir()) == []
    with pytest.raises(Cancelled):
        write_certificates_combined(folder / "semua.pdf", record, progress=_cancel_at(3))
    assert list(folder.iterdir()) == []


def test_separate_needs_an_existing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_certificates_separate(tmp_path / "missing", make_record())


def test_write_failure_removes_new_files(tmp_path, monkeypatch):
    from pledges.documents import certificates

    folder = tmp_path / "out"
    folder.mkdir()
    real = certificates.write_atomically
    calls = []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(path, data)

    monkeypatch.setattr(certificates, "write_atomically", failing)
    with pytest.raises(OSError):
        write_certificates_separate(folder, make_record())
    assert list(folder.iterdir()) == []


def test_a_broken_logo_is_left_out():
    """The one logo policy (pledges/documents/letterhead.py): the certificates are made, without
    the logo; tests/test_letterhead.py checks the export reports it."""
    record = make_record()
    record.event.logo = b"not an image"
    pdf = build_certificates(record)
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" not in pdf
    record.event.logo = _logo()
    assert b"/Subtype /Image" in build_certificates(record)
