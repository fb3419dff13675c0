"""Invitation cards (pledges/documents/invitations.py): what is printed, what the QR codes hold,
that no text leaves its card, and that a failed or cancelled write leaves no file behind. No Qt.

The PDF is read back with poppler-utils (pdftotext, pdftoppm) and the QR codes are decoded from
the rendered page with zxing-cpp; each of those is skipped with its reason when missing."""

from __future__ import annotations

import base64
import io
import random
import re
import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_H
from reportlab.lib.units import mm

from events.categories import Category
from events.model import Attendee, Event
from events.store import new_token
from pledges.documents import invitations
from pledges.documents.invitations import (
    CARD_H,
    CARD_W,
    CARDS_PER_PAGE,
    COLUMNS,
    MARGIN_X,
    QR_SIZE,
    InvitationError,
    build_invitations,
    qr_payload,
    write_invitations,
)
from pledges.documents.toolkit import qr_matrix, qr_rects, qr_rows
from tests.pdfs import words as pdf_words

LONG_NAME = ("Prof. Dr. Ir. H. Raden Muhammad Abdurrahman Wiraatmadja Kusumanegara, S.H., S.E., "
             "M.Si., M.M., M.H., Ph.D.")
DPI = 150

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)


# Test data, spelled out here as in each document test (the same Bekasi event, its own name):
# the repetition is of values, not of logic.
def _event(**changes) -> Event:
    event = Event(
        name="Ikrar Netralitas ASN pada Pemilihan Umum dan Pemilihan Kepala Daerah Tahun 2024",
        event_date=date(2023, 11, 2),
        start_time=time(8, 0),
        end_time=time(11, 0),
        venue="Balai Patriot",
        city="Bekasi",
        organizer_unit="Badan Kesatuan Bangsa dan Politik",
        institution="Pemerintah Kota Bekasi",
    )
    for key, value in changes.items():
        setattr(event, key, value)
    return event


# One row per person: a roster, alike in shape by nature.
def _people() -> list[Attendee]:
    people = [
        Attendee(LONG_NAME, Category.ESELON_II, nip="197001011995031001",
                 unit="Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah"),
        Attendee("Rina Wartawati", Category.TAMU, nik="3275014101900001",
                 institution="Persatuan Wartawan Indonesia (PWI) Kota Bekasi"),
        Attendee("Budi Santoso, S.Sos.", Category.ESELON_III, nip="198609262015051001",
                 unit="Dinas Pendidikan"),
        Attendee("Hj. Siti Rahayu, S.E., M.M.", Category.ESELON_IV, nip="198001012005012001",
                 unit="Kecamatan Bekasi Utara"),
        Attendee("Agus Wibowo", Category.PELAKSANA, nip="199001012019031002",
                 unit="Bagian Hukum Setda"),
        Attendee("Dewi Lestari, A.Md.", Category.NON_ASN, nik="3275014512950002",
                 unit="Dinas Komunikasi dan Informatika"),
        Attendee("dr. Made Suryadi, Sp.PD.", Category.FUNGSIONAL, nip="198202022010011003",
                 unit="RSUD dr. Chasbullah Abdulmadjid"),
        Attendee("Teguh Pratama, S.Kom.", Category.PPPK, nip="200012312024211001",
                 unit="Dinas Pendidikan"),
        Attendee("Kartika Anggraini, S.Sos.", Category.ESELON_IV, nip="198505052010012004",
                 unit="Kelurahan Margahayu"),
        Attendee("Zainal Hakim", Category.PELAKSANA, nip="199203032020121005",
                 unit="Dinas Perhubungan"),
    ]
    for person in people:
        person.token = new_token()
    return people


@pytest.fixture(scope="module")
def people() -> list[Attendee]:
    return _people()


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory, people) -> Path:
    path = tmp_path_factory.mktemp("invitations") / "undangan.pdf"
    write_invitations(path, _event(), people)
    return path


def _text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _render(path: Path, page: int, out: Path) -> Path:
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(path), str(out)], check=True, capture_output=True)
    return out.with_suffix(".png")


def _decode(png: Path):
    zxingcpp = pytest.importorskip(
        "zxingcpp", reason="zxing-cpp is not installed (pip install zxing-cpp, test extra)")
    from PIL import Image  # reportlab depends on Pillow

    with Image.open(png) as image:
        return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


# --- what is printed ---------------------------------------------------------------------------

@needs_poppler
def test_names_date_venue_and_tokens_are_printed(pdf_path, people):
    text = _text(pdf_path)
    words = set(text.split())
    for person in people:
        assert set(person.name.split()) <= words, person.name
        assert person.token in words
        assert person.category.label in " ".join(text.split())
    flat = " ".join(text.split())
    assert "Kamis, 2 November 2023" in flat
    assert "08.00 – 11.00" in flat
    assert "Balai Patriot" in flat
    assert "PEMERINTAH KOTA BEKASI" in flat
    assert "Persatuan Wartawan Indonesia (PWI) Kota Bekasi" in flat  # the guest's institution
    assert "Badan Perencanaan Pembangunan" in flat


@needs_poppler
def test_the_long_name_is_printed_whole_in_order(pdf_path):
    # pdftotext keeps a card's lines together; the name wraps but loses no word.
    assert LONG_NAME in " ".join(_text(pdf_path, page=1).split())


@needs_poppler
def test_no_nip_or_nik_is_printed(pdf_path, people):
    text = _text(pdf_path)
    squeezed = re.sub(r"[\s.]", "", text)
    for person in people:
        for number in filter(None, (person.nip, person.nik)):
            assert number not in squeezed
            assert number[:8] not in squeezed  # not even the birth date part
    assert not re.search(r"\d{8}", squeezed)


def test_ten_cards_make_two_a4_pages(people):
    data = build_invitations(_event(), people)
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) == 2
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in data


def test_fonts_are_the_bundled_ones_embedded(people):
    data = build_invitations(_event(), people[:1])
    assert data.count(b"/FontFile2") == 2  # DejaVu Sans and DejaVu Sans Bold, embedded
    assert b"DejaVuSans" in data
    assert b"Helvetica" not in data  # no standard font the printer would have to substitute


# --- the QR codes -----------------------------------------------------------------------------

@needs_poppler
def test_qr_codes_hold_ikr_and_the_token_and_are_big_enough(pdf_path, people, tmp_path):
    for page, cards in ((1, people[:CARDS_PER_PAGE]), (2, people[CARDS_PER_PAGE:])):
        found = _decode(_render(pdf_path, page, tmp_path / f"page{page}"))
        assert sorted(code.text for code in found) == sorted("IKR-" + p.token for p in cards)
        for code in found:
            assert code.valid and code.ec_level == "H"
            width_mm = (code.position.top_right.x - code.position.top_left.x) / DPI * 25.4
            assert width_mm >= 25  # scannable from paper


@needs_poppler
def test_a_reprint_of_one_card_scans(tmp_path):
    person = _people()[2]
    path = tmp_path / "satu.pdf"
    write_invitations(path, _event(), [person])
    assert [code.text for code in _decode(_render(path, 1, tmp_path / "p"))] == [
        qr_payload(person.token)]


def test_qr_payload_is_prefix_and_token():
    assert qr_payload("ABCDEFGHIJKLMNOP") == "IKR-ABCDEFGHIJKLMNOP"


@pytest.mark.parametrize("payload", [
    *("IKR-" + base64.b32encode(random.Random(seed).randbytes(10)).decode()
      for seed in range(40)),
    "IKR-" + "A" * 16,
    "x",
    "0000101110100001011101" * 3,
    "https://example.org/verify?id=" + "z" * 140,  # version 10: with version information
])
def test_symbol_holds_the_payload_at_level_h_in_the_smallest_version(payload):
    """The symbol zxing-cpp encodes reads back as the payload, with error correction H, and is
    as many modules wide as qrcode's own symbol (the smallest version that holds it), so the
    modules printed are as large as before."""
    import zxingcpp
    from PIL import Image

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H, border=0)
    code.add_data(payload)
    code.make(fit=True)
    matrix = qr_matrix(payload)
    assert len(matrix) == len(code.get_matrix()) and all(len(r) == len(matrix) for r in matrix)
    n, quiet, scale = len(matrix), 4, 4
    image = Image.new("L", (n + 2 * quiet, n + 2 * quiet), 255)
    image.putdata([0 if 0 <= r - quiet < n and 0 <= c - quiet < n and matrix[r - quiet][c - quiet]
                   else 255 for r in range(n + 2 * quiet) for c in range(n + 2 * quiet)])
    image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    [found] = zxingcpp.read_barcodes(image)
    assert found.text == payload and found.ec_level == "H"


@pytest.mark.parametrize("seed", range(5))
def test_the_filled_rectangles_cover_exactly_the_dark_modules(seed):
    payload = "IKR-" + base64.b32encode(random.Random(seed).randbytes(10)).decode()
    n, rows = qr_rows(payload)
    covered = [[0] * n for _ in range(n)]
    for x, y, w, h in qr_rects(n, rows):
        for r in range(y, y + h):
            for c in range(x, x + w):
                covered[r][c] += 1
    for r in range(n):
        for c in range(n):
            assert covered[r][c] == (rows[r] >> (n - 1 - c) & 1), (r, c)  # once, or not at all


# --- text stays inside its card ------------------------------------------------------------------

def _logo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (120, 140), (0, 0, 0, 0))
    ImageDraw.Draw(image).polygon([(60, 0), (120, 35), (108, 130), (60, 140), (12, 130),
                                   (0, 35)], fill=(20, 90, 40, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@needs_poppler
def test_nothing_leaves_its_card_or_enters_the_qr_quiet_zone(tmp_path):
    """Everything at its longest: no word outside its card's padding, none over a QR code or
    its four-module quiet zone, and every code still decodes."""
    event = _event(
        name="Sosialisasi Anti Korupsi dan Gelar Pengawasan Daerah bagi Pejabat Pimpinan Tinggi, "
             "Administrator, Pengawas dan Fungsional di Lingkungan Pemerintah Kabupaten",
        institution="Pemerintah Kabupaten Kepulauan Siau Tagulandang Biaro Provinsi Sulawesi Utara",
        organizer_unit="Inspektorat Daerah bersama Badan Kesatuan Bangsa dan Politik Kabupaten",
        venue="Ballroom Hotel Grand Mercure Kemayoran, Jalan Benyamin Suaeb Kav. B6, Jakarta Pusat",
        start_time=time(7, 30), end_time=None, logo=_logo_png(),
        event_date=date(2024, 9, 30),
    )
    people = _people()
    people[2].name = "W" * 60  # one unbreakable "word"
    people[3].unit = "Sekretariat Dewan Perwakilan Rakyat Daerah " * 3
    path = tmp_path / "panjang.pdf"
    write_invitations(path, event, people)
    codes = _decode(_render(path, 1, tmp_path / "page1"))
    # the long unit is printed whole: every card of this document is taller, fewer to a page
    lay = invitations._layout(event, people)
    assert lay.card_h > CARD_H and lay.per_page < CARDS_PER_PAGE
    assert len(codes) == lay.per_page
    assert " ".join(people[3].unit.split()) in " ".join(_text(path).split())

    scale = 72 / DPI
    quiet = 4 * QR_SIZE / 25 - 0.5 * mm  # four modules, less rounding of the detected corners
    zones = []
    for code in codes:
        xs = [p.x * scale for p in (code.position.top_left, code.position.bottom_right)]
        ys = [p.y * scale for p in (code.position.top_left, code.position.bottom_right)]
        zones.append((min(xs) - quiet, min(ys) - quiet, max(xs) + quiet, max(ys) + quiet))
    cards = [(MARGIN_X + col * CARD_W, lay.margin_y + row * lay.card_h)
             for row, col in (divmod(slot, COLUMNS) for slot in range(lay.per_page))]
    inset = 2 * mm
    words = pdf_words(path, 1)
    assert words
    for x0, y0, x1, y1, word in words:
        assert any(cx + inset <= x0 and x1 <= cx + CARD_W - inset and
                   cy + inset <= y0 and y1 <= cy + lay.card_h - inset for cx, cy in cards), word
        for zx0, zy0, zx1, zy1 in zones:
            assert x1 <= zx0 or x0 >= zx1 or y1 <= zy0 or y0 >= zy1, word
    flat = " ".join(_text(path, 1).split())
    assert "Senin, 30 September 2024" in flat
    assert "07.30 WIB – selesai" in flat


# --- progress, cancel, failures -----------------------------------------------------------------

def test_progress_is_reported_per_card(people):
    calls = []
    build_invitations(_event(), people, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, len(people)) for i in range(1, len(people) + 1)]


class Cancelled(Exception):
    pass


def test_a_cancel_through_progress_stops_and_leaves_no_file(tmp_path, people):
    calls = []

    def progress(done, total):
        calls.append(done)
        if done == 3:
            raise Cancelled

    target = tmp_path / "undangan.pdf"
    with pytest.raises(Cancelled):
        write_invitations(target, _event(), people, progress=progress)
    assert calls == [1, 2, 3]
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(tmp_path, people):
    target = tmp_path / "undangan.pdf"
    target.write_bytes(b"old")

    def cancel(done, total):
        raise Cancelled

    with pytest.raises(Cancelled):
        write_invitations(target, _event(), people, progress=cancel)
    assert target.read_bytes() == b"old"
    write_invitations(target, _event(), people[:1])
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["undangan.pdf"]


def test_a_missing_folder_raises_oserror_and_leaves_nothing(tmp_path, people):
    with pytest.raises(OSError):
        write_invitations(tmp_path / "no-such-folder" / "undangan.pdf", _event(), people)
    assert list(tmp_path.iterdir()) == []


def test_a_directory_in_the_way_raises_oserror_and_leaves_nothing(tmp_path, people):
    (tmp_path / "undangan.pdf").mkdir()
    with pytest.raises(OSError):
        write_invitations(tmp_path / "undangan.pdf", _event(), people[:1])
    assert [p.name for p in tmp_path.iterdir()] == ["undangan.pdf"]


def test_attendees_without_a_token_are_refused(people):
    nameless = Attendee("Tanpa Kode", Category.PELAKSANA)
    with pytest.raises(InvitationError, match="Tanpa Kode"):
        build_invitations(_event(), [*people[:2], nameless])


def test_no_attendees_is_refused():
    with pytest.raises(InvitationError):
        build_invitations(_event(), [])


def test_a_broken_logo_is_left_out(people):
    """The one logo policy (pledges/documents/letterhead.py): the cards are made without it."""
    pdf = build_invitations(_event(logo=b"not an image"), people[:1])
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" not in pdf
    assert b"/Subtype /Image" in build_invitations(_event(logo=_logo_png()), people[:1])
