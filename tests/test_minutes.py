"""The Berita Acara (pledges/documents/minutes.py): Indonesian number words, what the pages say,
that nothing is drawn near the paper's edge, and a long event flowing onto more pages. No Qt.

The PDF is read back with poppler-utils (pdftotext, pdftoppm); those tests are skipped with
their reason when it is missing."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image

from events.categories import Category
from events.checkins import CategoryCounts, CheckIn, DeskCounts
from events.model import Attendee, Event, EventKind, Official, Source, Speaker
from pledges.demo import synthetic_signature
from pledges.documents import EventRecord
from pledges.documents.minutes import (
    build_minutes_pdf,
    count_in_words,
    date_in_words,
    kind_title,
    terbilang,
    write_minutes,
)
from pledges.signatures import SignatureRecord
from pledges.texts import NETRALITAS_ASN_2024, PAKTA_INTEGRITAS, PledgeVersion, version_hash
from tests.pdfs import flat
from tests.pdfs import pdf_text as read_pdf_text

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)

WIB = timezone(timedelta(hours=7))
LETTER = "005/7262-Kesbangpol.Poldagri"
WITNESS_NIP = "197001011995031001"
DPI = 50
EDGE_MM = 5


# --- building a record from plain data ----------------------------------------------------------

def _logo() -> bytes:
    image = Image.new("RGB", (120, 140), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# Test data, spelled out here as in each document test: repeated values, not logic.
def make_event(**changes) -> Event:
    event = Event(
        name="Ikrar Netralitas ASN Kota Bekasi pada Pemilihan Umum dan Pemilihan Kepala "
             "Daerah Tahun 2024",
        event_date=date(2023, 11, 2),
        kind=EventKind.IKRAR_NETRALITAS,
        start_time=time(8, 0),
        end_time=time(11, 0),
        venue="Balai Patriot",
        city="Bekasi",
        organizer_unit="Badan Kesatuan Bangsa dan Politik",
        institution="Pemerintah Kota Bekasi",
        logo=_logo(),
        letter_number=LETTER,
        letter_date=date(2023, 10, 26),
        presiding=Official("Raden Gani Muhamad, S.Sos., M.Si.", "Penjabat Wali Kota Bekasi", ""),
        witness=Official("Dr. Junaedi, S.H., M.Si.", "Sekretaris Daerah", WITNESS_NIP),
        speakers=[Speaker("Rina Jaksa, S.H., M.H.", "Kepala Seksi Intelijen",
                          "Kejaksaan Negeri Kota Bekasi"),
                  Speaker("Ahmad Bawaslu", "Anggota", "Bawaslu Kota Bekasi")],
        agenda="Pembukaan; Pembacaan Ikrar Netralitas ASN oleh Sekda; Penandatanganan; Penutup",
        id=1,
    )
    for key, value in changes.items():
        setattr(event, key, value)
    return event


def _version(text=NETRALITAS_ASN_2024) -> PledgeVersion:
    return PledgeVersion(version_hash(text), text, "", datetime(2023, 10, 30, tzinfo=WIB), True)


def _signature(sig_id: int, attendee_id: int | None, pledge_hash: str, at: datetime,
               seed: int = 0) -> SignatureRecord:
    strokes = synthetic_signature(seed)
    return SignatureRecord(sig_id, 1, attendee_id, "witness" if attendee_id is None else
                           "attendee", pledge_hash, strokes, "0" * 64, 600, 300, "pdp-1", at)


def _counts(attendees, checkins) -> DeskCounts:
    by = {}
    for category in Category:
        people = [a for a in attendees if a.category is category]
        invited = sum(a.invited for a in people)
        present = sum(1 for a in people if a.invited and a.id in checkins)
        walk_ins = sum(1 for a in people if not a.invited and a.id in checkins)
        by[category] = CategoryCounts(invited, present, invited - present, walk_ins)
    return DeskCounts(by, sum(c.invited for c in by.values()),
                      sum(c.present for c in by.values()), sum(c.missing for c in by.values()),
                      sum(c.walk_ins for c in by.values()))


PLAN = [(Category.ESELON_II, 3, 2, 2), (Category.ESELON_III, 5, 4, 3),
        (Category.ESELON_IV, 7, 5, 5), (Category.PELAKSANA, 9, 6, 4),
        (Category.NON_ASN, 4, 2, 1), (Category.TAMU, 2, 1, 0)]  # invited, came, signed


def make_record(event: Event | None = None, pledge=NETRALITAS_ASN_2024, witness=True,
                plan=PLAN, walk_ins: int = 1) -> EventRecord:
    event = event or make_event()
    rng = random.Random(5)
    version = _version(pledge) if pledge is not None else None
    attendees, checkins, signatures = [], {}, {}
    start = datetime(2023, 11, 2, 7, 30, tzinfo=WIB)
    next_id = 1
    for category, invited, came, signed in plan:
        for i in range(invited):
            person = Attendee(
                name=f"Peserta {category.value} {i + 1}", category=category,
                nip=f"1980{rng.randint(1, 12):02d}{rng.randint(10, 28)}2005{rng.randint(10, 12)}"
                    f"1{rng.randint(100, 999)}" if category.needs_nip else None,
                nik=None if category.needs_nip else f"3275{rng.randint(10**11, 10**12 - 1)}",
                jabatan="Kepala Seksi", unit="Dinas Kesehatan",
                phone=f"0812{rng.randint(10**7, 10**8 - 1)}", source=Source.IMPORT,
                event_id=1, id=next_id)
            attendees.append(person)
            if i < came:
                checkins[person.id] = CheckIn(next_id, 1, person.id,
                                              start + timedelta(minutes=next_id))
            if i < signed and version is not None:
                signatures[person.id] = _signature(next_id, person.id, version.hash,
                                                   start + timedelta(minutes=30 + next_id),
                                                   next_id)
            next_id += 1
    for i in range(walk_ins):
        person = Attendee(name=f"Tamu Tanpa Undangan {i + 1}", category=Category.TAMU,
                          institution="Karang Taruna", invited=False, source=Source.WALK_IN,
                          event_id=1, id=next_id)
        attendees.append(person)
        checkins[person.id] = CheckIn(next_id, 1, person.id, start + timedelta(minutes=50))
        next_id += 1
    witness_record = None
    if witness and version is not None:
        witness_record = _signature(999, None, version.hash, start, seed=99)
    return EventRecord(event=event, attendees=attendees, checkins=checkins,
                       signatures=signatures, pledge=version, witness=witness_record,
                       counts=_counts(attendees, checkins),
                       signed_versions={version.hash: version} if version else {})


# --- reading the PDF back ------------------------------------------------------------------------

def pdf_text(pdf: bytes, tmp_path: Path, *extra: str) -> str:
    return read_pdf_text(pdf, tmp_path / "doc.pdf", *extra)


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def assert_margins_clear(pdf: bytes, tmp_path: Path, edge_mm: float = EDGE_MM) -> int:
    """Render every page in grey; nothing darker than light grey within ``edge_mm`` of any
    edge. Returns the number of pages."""
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(tmp_path / "doc.pdf"),
                    str(prefix)], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    edge = round(edge_mm / 25.4 * DPI)
    for page in pages:
        image = Image.open(page).convert("L")
        w, h = image.size
        assert abs(w - 210 / 25.4 * DPI) < 2 and abs(h - 297 / 25.4 * DPI) < 2  # A4 portrait
        strips = {"left": (0, 0, edge, h), "right": (w - edge, 0, w, h),
                  "top": (0, 0, w, edge), "bottom": (0, h - edge, w, h)}
        for side, box in strips.items():
            darkest = image.crop(box).getextrema()[0]
            assert darkest > 200, f"{page.name}: something drawn near the {side} edge"
    return len(pages)


# --- numbers and dates in words ------------------------------------------------------------------

@pytest.mark.parametrize(("number", "words"), [
    (0, "nol"), (1, "satu"), (2, "dua"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
    (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"), (99, "sembilan puluh "
    "sembilan"), (100, "seratus"), (101, "seratus satu"), (111, "seratus sebelas"),
    (250, "dua ratus lima puluh"), (1000, "seribu"), (1001, "seribu satu"),
    (1999, "seribu sembilan ratus sembilan puluh sembilan"), (2023, "dua ribu dua puluh tiga"),
    (2024, "dua ribu dua puluh empat"), (10_000, "sepuluh ribu"), (11_000, "sebelas ribu"),
    (100_000, "seratus ribu"), (101_000, "seratus satu ribu"),
    (1_000_000, "satu juta"), (2_500_000, "dua juta lima ratus ribu"),
    (1_000_000_000, "satu miliar"), (-5, "minus lima"),
])
def test_terbilang(number, words):
    assert terbilang(number) == words


def test_date_and_counts_in_words():
    assert date_in_words(date(2023, 11, 2)) == (
        "hari Kamis tanggal dua bulan November tahun dua ribu dua puluh tiga")
    assert date_in_words(date(2024, 2, 14)) == (
        "hari Rabu tanggal empat belas bulan Februari tahun dua ribu dua puluh empat")
    assert count_in_words(2) == "2 (dua)"


def test_kind_titles():
    assert kind_title(make_event()) == "PELAKSANAAN IKRAR NETRALITAS ASN"
    assert kind_title(make_event(kind=EventKind.SOSIALISASI_ANTI_KORUPSI)) == (
        "PELAKSANAAN SOSIALISASI ANTI KORUPSI")
    assert kind_title(make_event(kind=EventKind.PAKTA_INTEGRITAS)) == (
        "PENANDATANGANAN PAKTA INTEGRITAS")
    assert kind_title(make_event(kind=EventKind.OTHER, name="Apel Pagi")) == (
        "PELAKSANAAN APEL PAGI")


# --- what the pages say --------------------------------------------------------------------------

@needs_poppler
def test_minutes_say_everything(tmp_path):
    record = make_record()
    calls = []
    pdf = build_minutes_pdf(record, progress=lambda d, t: calls.append((d, t)),
                            audit_head="a1b2c3" * 5)
    assert pdf.startswith(b"%PDF")
    assert calls[-1] == (1, 1)
    text = flat(pdf_text(pdf, tmp_path))
    for expected in [
        "PEMERINTAH KOTA BEKASI", "BADAN KESATUAN BANGSA DAN POLITIK",
        "BERITA ACARA", "PELAKSANAAN IKRAR NETRALITAS ASN", "NOMOR : ......",
        "Pada hari ini Kamis tanggal dua bulan November tahun dua ribu dua puluh tiga "
        "(2 November 2023)",
        "pukul 08.00 s.d. 11.00", "bertempat di Balai Patriot, Bekasi",
        "diselenggarakan oleh Badan Kesatuan Bangsa dan Politik Pemerintah Kota Bekasi",
        f"berdasarkan Surat Nomor {LETTER} tanggal 26 Oktober 2023",
        # speakers and agenda
        "Narasumber", "Rina Jaksa, S.H., M.H., Kepala Seksi Intelijen, Kejaksaan Negeri Kota "
        "Bekasi", "Ahmad Bawaslu, Anggota, Bawaslu Kota Bekasi",
        "Susunan acara", "Pembacaan Ikrar Netralitas ASN oleh Sekda", "Penandatanganan",
        # the counts: 30 invited, 20 came + 1 walk-in, 15 signed
        "diundang sebanyak 30 (tiga puluh) orang",
        "hadir sebanyak 21 (dua puluh satu) orang",
        "termasuk 1 (satu) orang yang hadir tanpa undangan",
        "menandatangani ikrar sebanyak 15 (lima belas) orang",
        "Eselon II (JPT Pratama) 3 2 0 2 2", "Eselon IV (Pengawas) 7 5 0 5 5",
        "Tamu 2 1 1 2 0", "Jumlah 30 20 1 21 15",
        # the pledge, with its version
        NETRALITAS_ASN_2024.title, NETRALITAS_ASN_2024.opening,
        *(f"{i}. {p}" for i, p in enumerate(NETRALITAS_ASN_2024.points, 1)),
        NETRALITAS_ASN_2024.closing, version_hash(NETRALITAS_ASN_2024),
        # the ending
        "Demikian Berita Acara ini dibuat dalam rangkap 2 (dua) untuk dipergunakan "
        "sebagaimana mestinya.",
        "Bekasi, 2 November 2023", "Yang Menyaksikan,", "Sekretaris Daerah,",
        "Dr. Junaedi, S.H., M.Si.", "NIP. 19700101 199503 1 001",
        "Pimpinan Acara,", "Penjabat Wali Kota Bekasi,", "Raden Gani Muhamad, S.Sos., M.Si.",
        "Kode jejak audit: " + "a1b2c3" * 5,
    ]:
        assert expected in text, expected
    # The presiding official has no NIP (an elected or appointed head): no "NIP." line for him,
    # and no pangkat line for anyone (it is not stored).
    assert text.count("NIP.") == 1
    assert "Pangkat" not in text
    assert "Bekasi, 2 November 2023." not in text  # place and date: no final full stop
    assert "Halaman 1 dari" in text


@needs_poppler
def test_signatures_on_another_day_are_told_apart_from_the_event_date(tmp_path):
    """The Berita Acara states the event's date; when some signed on other days it says how
    many, on which days, and that their statements carry the day they were signed."""
    from dataclasses import replace

    record = make_record()
    assert "di luar tanggal acara" not in flat(pdf_text(build_minutes_pdf(record), tmp_path))
    late = sorted(record.signatures)[:3]
    for n, attendee_id in enumerate(late):
        signature = record.signatures[attendee_id]
        record.signatures[attendee_id] = replace(
            signature, signed_at=signature.signed_at + timedelta(days=1 + (n == 2)))
    text = flat(pdf_text(build_minutes_pdf(record), tmp_path))
    assert ("Sebanyak 3 (tiga) orang di antaranya menandatangani di luar tanggal acara: pada "
            "3 November 2023 sebanyak 2 (dua) orang; pada 4 November 2023 sebanyak 1 (satu) "
            "orang. Surat Pernyataan mereka bertanggal hari penandatanganan; Berita Acara ini "
            "bertanggal hari acara.") in text
    assert "Pada hari ini Kamis tanggal dua bulan November" in text


def test_number_copies_and_no_audit_line(tmp_path):
    pdf = build_minutes_pdf(make_record(), number="100/123/BA-Kesbangpol/XI/2023", copies=3)
    text = flat(pdf_text(pdf, tmp_path))
    assert "NOMOR : 100/123/BA-Kesbangpol/XI/2023" in text
    assert "dalam rangkap 3 (tiga)" in text
    assert "Kode jejak audit" not in text


@needs_poppler
def test_blank_officials_and_no_pledge_leave_lines_to_fill(tmp_path):
    event = make_event(witness=Official(), presiding=Official(), speakers=[], agenda="",
                       letter_number="", start_time=None, logo=None)
    pdf = build_minutes_pdf(make_record(event, pledge=None))
    text = flat(pdf_text(pdf, tmp_path))
    assert "Teks ikrar belum ditetapkan untuk acara ini." in text
    assert text.count("NIP. ....") == 2
    assert "Narasumber" not in text and "Susunan acara" not in text
    assert "berdasarkan Surat" not in text
    assert "1. Peserta" in text and "2. Teks ikrar" in text
    assert_margins_clear(pdf, tmp_path)


@needs_poppler
def test_the_witness_drawn_signature_is_never_reprinted(tmp_path):
    """The witness's signature drawn at the pad was made for the pledge, not for a Berita
    Acara's figures: the block is left for a wet signature, with or without it."""
    def ink(pdf: bytes, name: str) -> int:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "doc.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(folder / "doc.pdf"),
                        str(folder / "p")], check=True)
        return sum(sum(Image.open(p).convert("L").histogram()[:160])
                   for p in folder.glob("p-*.png"))

    with_signature = ink(build_minutes_pdf(make_record()), "with")
    without = ink(build_minutes_pdf(make_record(witness=False)), "without")
    assert with_signature == without


@needs_poppler
def test_exported_again_with_other_figures_is_a_new_revision(tmp_path):
    from pledges.documents.record import minutes_figures

    def text(record) -> str:
        return flat(pdf_text(build_minutes_pdf(record), tmp_path))

    record = make_record()
    assert "Revisi" not in text(record)
    record.minutes_figures = [minutes_figures(record)]  # exported once with these figures
    assert "Revisi" not in text(record)
    record.minutes_figures = ["0" * 64, minutes_figures(record)]
    assert "Revisi ke-2" in text(record)
    record.minutes_figures = ["0" * 64]  # the figures changed since the first export
    assert "Revisi ke-2" in text(record)
    record.seal_keys = ["GR2Q7GF5LH6PZFDN"]
    assert "Kunci segel" not in text(record)


@needs_poppler
def test_layout_stays_inside_the_page(tmp_path):
    pdf = build_minutes_pdf(make_record(), audit_head="f" * 64)
    pdf_text(pdf, tmp_path)  # writes doc.pdf
    assert assert_margins_clear(pdf, tmp_path) >= 1


@needs_poppler
def test_long_event_flows_onto_more_pages(tmp_path):
    long_name = ("Prof. Dr. Ir. H. Raden Muhammad Abdurrahman Wiraatmadja Kusumanegara, S.H., "
                 "S.E., M.Si., M.M., M.H., Ph.D.")
    event = make_event(
        kind=EventKind.SOSIALISASI_ANTI_KORUPSI,
        name="Sosialisasi Anti Korupsi dan Gelar Pengawasan Daerah " * 3,
        venue="Ballroom Hotel Horison, Jalan Ahmad Yani Nomor 1, Bekasi Selatan " * 2,
        institution="Pemerintah Kabupaten Penajam Paser Utara Provinsi Kalimantan Timur " * 2,
        organizer_unit="Inspektorat Daerah " * 6,
        speakers=[Speaker(f"{long_name} {i}", "Kepala Kejaksaan Negeri " * 3,
                          "Kejaksaan Negeri Kota Bekasi") for i in range(12)],
        agenda="\n".join(f"{i}. Sesi diskusi dan tanya jawab bagian {i}" for i in range(1, 16)),
        witness=Official(long_name, "Inspektur Daerah Kabupaten Penajam Paser Utara " * 2,
                         WITNESS_NIP),
        presiding=Official(long_name, "Bupati Penajam Paser Utara " * 3, "196601011990031002"),
    )
    record = make_record(event, pledge=PAKTA_INTEGRITAS)
    pdf = build_minutes_pdf(record, number="X" * 120, audit_head="0" * 64)
    text = flat(pdf_text(pdf, tmp_path))
    pages = assert_margins_clear(pdf, tmp_path)
    assert pages >= 3
    assert f"Halaman {pages} dari {pages}" in text
    assert "PELAKSANAAN SOSIALISASI ANTI KORUPSI" in text
    assert "4. Teks ikrar" in text
    assert "7. Bila saya melanggar" in text
    # a list under a numbered section is lettered, office style
    assert "o. Sesi diskusi dan tanya jawab bagian 15" in text
    assert "a. 1. Sesi" not in text  # the agenda's own numbers are not doubled
    assert "lampiran Berita Acara ini" in text and "Lampiran: Daftar Hadir" in text
    assert "NIP. 19660101 199003 1 002" in text
    # Every word of the widest page text stays inside the text column (no overflow): layout
    # mode puts nothing past the right margin, which the margin check above confirms.


@needs_poppler
def test_from_the_demo_store(store, tmp_path):
    from events.demo import open_demo
    from pledges.demo import complete_demo
    from pledges.documents import collect

    event = open_demo(store)
    complete_demo(store, event)
    record = collect(store, event.id)
    out = write_minutes(tmp_path / "berita-acara.pdf", record)
    text = flat(pdf_text(out.read_bytes(), tmp_path))
    assert "BERITA ACARA" in text
    assert f"menandatangani ikrar sebanyak {len(record.signatures)} (" in text
    assert "Ir. Budi Santoso, M.T." in text


def test_cancel_leaves_no_file(tmp_path):
    def cancel(done, total):
        raise KeyboardInterrupt

    target = tmp_path / "ba.pdf"
    with pytest.raises(KeyboardInterrupt):
        write_minutes(target, make_record(), progress=cancel)
    assert list(tmp_path.iterdir()) == []


def test_names_with_markup_characters_are_printed_as_text():
    event = make_event(name="Ikrar <b>A & B</b>", venue="Aula <Utama> & Co",
                       witness=Official("Budi & <Ani>", "Sekda", ""))
    assert build_minutes_pdf(make_record(event)).startswith(b"%PDF")
