"""The public roster (pledges/documents/public_roster.py): names and positions of those who signed,
and nothing else about them (UU PDP 27/2022): no NIP, NIK, phone number or signature image. No Qt.

The PDF is read back with poppler-utils (pdftotext, pdfimages, pdftoppm); those tests are
skipped with their reason when it is missing."""

from __future__ import annotations

import csv
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
from events.model import Attendee, Event, EventKind, Official, Source
from pledges.demo import synthetic_signature
from pledges.documents import EventRecord
from pledges.documents.public_roster import (
    COLUMNS,
    HIDDEN,
    TITLE,
    build_public_csv,
    build_public_pdf,
    write_public_csv,
    write_public_pdf,
)
from pledges.signatures import SignatureRecord
from pledges.texts import NETRALITAS_ASN_2024, PledgeVersion, version_hash
from tests.pdfs import flat
from tests.pdfs import pdf_text as read_pdf_text

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "pdfimages")),
    reason="poppler-utils (pdftotext, pdftoppm, pdfimages) is not installed",
)

WIB = timezone(timedelta(hours=7))
CATEGORIES = [Category.ESELON_II, Category.ESELON_III, Category.PELAKSANA, Category.PPPK,
              Category.NON_ASN, Category.TAMU]


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (100, 100), (0, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def make_event(**changes) -> Event:
    event = Event(
        name="Ikrar Netralitas ASN Kota Bekasi Tahun 2023",
        event_date=date(2023, 11, 2), kind=EventKind.IKRAR_NETRALITAS,
        start_time=time(8, 0), venue="Balai Patriot", city="Bekasi",
        organizer_unit="Badan Kesatuan Bangsa dan Politik", institution="Pemerintah Kota Bekasi",
        letter_number="005/7262-Kesbangpol.Poldagri", letter_date=date(2023, 10, 26),
        witness=Official("Dr. Junaedi, S.H., M.Si.", "Sekretaris Daerah", "197001011995031001"),
        id=1,
    )
    for key, value in changes.items():
        setattr(event, key, value)
    return event


def make_record(people: int = 24, signed_every: int = 2, event: Event | None = None,
                seed: int = 3) -> EventRecord:
    """``people`` attendees, each with NIP or NIK and a phone; every ``signed_every``-th one
    signed (and came). The witness signed too."""
    rng = random.Random(seed)
    text = NETRALITAS_ASN_2024
    version = PledgeVersion(version_hash(text), text, "", datetime(2023, 10, 1, tzinfo=WIB),
                            True)
    start = datetime(2023, 11, 2, 8, 5, tzinfo=WIB)
    attendees, checkins, signatures = [], {}, {}
    for i in range(people):
        category = CATEGORIES[i * len(CATEGORIES) // people]
        needs_nip = category.needs_nip
        person = Attendee(
            name=f"Nama Peserta {i + 1:03d}", category=category,
            nip=(f"19{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(10, 28)}"
                 f"20{rng.randint(10, 20)}0{rng.randint(1, 9)}{rng.randint(1, 2)}"
                 f"00{rng.randint(1, 9)}" if needs_nip else None),
            nik=None if needs_nip else f"3275{rng.randint(10**11, 10**12 - 1)}",
            golongan="III/a" if needs_nip else "", jabatan=f"Jabatan {i + 1}",
            unit="Dinas Kesehatan" if category is not Category.TAMU else "",
            institution="PWI Kota Bekasi" if category is Category.TAMU else "",
            phone=f"08{rng.randint(11, 59)}{rng.randint(10**7, 10**8 - 1)}",
            source=Source.IMPORT, event_id=1, id=i + 1)
        attendees.append(person)
        if i % signed_every == 0:
            at = start + timedelta(minutes=i, seconds=7)
            checkins[person.id] = CheckIn(i + 1, 1, person.id, at - timedelta(minutes=3))
            signatures[person.id] = SignatureRecord(
                i + 1, 1, person.id, "attendee", version.hash, synthetic_signature(i), "0" * 64,
                600, 300, "pdp-1", at)
    witness = SignatureRecord(999, 1, None, "witness", version.hash, synthetic_signature(99),
                              "0" * 64, 600, 300, "pdp-1", start)
    by = {c: CategoryCounts() for c in Category}
    return EventRecord(event=event or make_event(), attendees=attendees, checkins=checkins,
                       signatures=signatures, pledge=version, witness=witness,
                       counts=DeskCounts(by, people, len(checkins), people - len(checkins), 0),
                       signed_versions={version.hash: version})


def pdf_text(pdf: bytes, tmp_path: Path, *extra: str) -> str:
    return read_pdf_text(pdf, tmp_path / "roster.pdf", *extra)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark, for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def private_values(record: EventRecord) -> list[str]:
    """Every identity and phone number of every attendee (and the witness), as stored and as
    printed grouped."""
    values = [record.event.witness.nip]
    for person in record.attendees:
        for value in (person.nip, person.nik, person.phone):
            if value:
                values.append(value)
                if len(value) == 18:
                    values.append(f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}")
    return values


def assert_private_data_absent(text: str, record: EventRecord) -> None:
    for value in private_values(record):
        assert value not in text
    assert not re.search(r"\d{8,}", text), re.search(r"\d{8,}", text)
    assert not re.search(r"\b(?:NIP|NIK|HP)\s*[.:]", text)  # no identity or phone label


# --- the CSV --------------------------------------------------------------------------------------

def test_csv_rows_and_columns():
    record = make_record(people=12, signed_every=2)
    rows = read_csv(build_public_csv(record))
    assert tuple(rows[0]) == (*COLUMNS[:5], "Waktu tanda tangan (WIB)", *COLUMNS[6:])
    assert len(rows) == 1 + 6
    assert rows[1] == ["1", "Nama Peserta 001", "Jabatan 1", "Dinas Kesehatan",
                       "Eselon II (JPT Pratama)", "2023-11-02 08:05:07", "-"]  # not sealed
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert [r[1] for r in rows[1:]] == [f"Nama Peserta {i:03d}" for i in (1, 3, 5, 7, 9, 11)]
    assert rows[-1][4] == "Tamu"
    assert rows[-1][3] == "PWI Kota Bekasi"  # a guest: the institution in place of the unit
    assert all(len(r) == len(COLUMNS) for r in rows)


def test_each_signer_s_certificate_code_is_listed(tmp_path):
    """The code printed under a certificate's QR code is in the public list beside the
    person's name, so anyone holding the list can match a code to a name without asking."""
    from pledges.seal import short_code
    from tests.sealing import seal_all

    record = seal_all(make_record(people=6, signed_every=1))
    rows = read_csv(build_public_csv(record))
    by_name = {row[1]: row[-1] for row in rows[1:]}
    for person in record.signed():
        code = short_code(record.seals[record.signatures[person.id].id])
        assert by_name[person.name] == code
    text = flat(pdf_text(build_public_pdf(record), tmp_path))
    assert all(code in text for code in by_name.values())


def test_csv_holds_no_private_data():
    record = make_record(people=40, signed_every=1)
    data = build_public_csv(record)
    text = data.decode("utf-8-sig")
    assert_private_data_absent(text, record)
    assert len(read_csv(data)) == 41


def test_csv_comma_variant_and_awkward_text():
    record = make_record(people=3, signed_every=1)
    record.attendees[0].name = "=HYPERLINK(\"http://x\";\"klik\")"
    record.attendees[1].name = "Siti Nur'aini; \"Ani\", S.Pd."
    record.attendees[2].jabatan = "Staf (NIP 19860926 201505 1 001, HP 0812-3456-7890)"
    rows = read_csv(build_public_csv(record))
    assert rows[1][1].startswith("'=")  # not run as a formula
    assert rows[2][1] == "Siti Nur'aini; \"Ani\", S.Pd."
    assert "19860926" not in rows[3][2] and "0812" not in rows[3][2]
    assert rows[3][2].count(HIDDEN) == 2
    comma = build_public_csv(record, delimiter=",").decode("utf-8-sig")
    heading = [*COLUMNS[:5], "Waktu tanda tangan (WIB)", *COLUMNS[6:]]
    assert next(csv.reader(io.StringIO(comma))) == heading


def test_csv_with_nobody_signed_is_a_header():
    rows = read_csv(build_public_csv(make_record(people=0)))
    assert rows == [[*COLUMNS[:5], "Waktu tanda tangan (WIB)", *COLUMNS[6:]]]


# --- the PDF --------------------------------------------------------------------------------------

@needs_poppler
def test_pdf_content(tmp_path):
    record = make_record(people=24, signed_every=2)
    calls = []
    pdf = build_public_pdf(record, progress=lambda d, t: calls.append((d, t)))
    text = flat(pdf_text(pdf, tmp_path))
    for expected in [TITLE, "PEMERINTAH KOTA BEKASI", "Ikrar Netralitas ASN Kota Bekasi Tahun 2023",
                     "Kamis, 2 November 2023", "Balai Patriot, Bekasi", NETRALITAS_ASN_2024.title,
                     "Jumlah peserta yang telah menandatangani: 12 orang", "Halaman 1 dari 1"]:
        assert expected in text, expected
    layout = pdf_text(pdf, tmp_path, "-layout")
    assert re.search(r"No\s+Nama\s+Jabatan\s+Unit Kerja/Instansi\s+Kategori", layout)
    assert "Waktu tanda" in layout
    assert "verifikasi" in layout  # the column "Kode verifikasi", its header wrapped
    # A row, across its lines: number, name, position, unit, category, date and time, code.
    assert re.search(r"^\s*1\s+Nama Peserta 001\s+Jabatan 1\s+Dinas Kesehatan\s+Eselon II",
                     layout, re.MULTILINE)
    assert "2 November 2023" in layout and "08.05 WIB" in layout
    signed = {a.name for a in record.signed()}
    for person in record.attendees:
        assert (person.name in text) == (person.name in signed)
    assert calls[0] == (0, 12) and calls[-1] == (12, 12)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@needs_poppler
def test_pdf_holds_no_private_data_and_no_image(tmp_path):
    record = make_record(people=60, signed_every=1, event=make_event(logo=None))
    pdf = build_public_pdf(record)
    text = pdf_text(pdf, tmp_path)
    assert_private_data_absent(text, record)
    assert_private_data_absent(pdf_text(pdf, tmp_path, "-layout"), record)
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "roster.pdf")],
                            capture_output=True, check=True, text=True).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines only: no signature image
    for value in private_values(record):  # nor in the file's own bytes (metadata, streams)
        assert value.encode() not in pdf


@needs_poppler
def test_pdf_logo_is_the_only_image(tmp_path):
    pdf = build_public_pdf(make_record(people=10, event=make_event(logo=_logo())))
    pdf_text(pdf, tmp_path)
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "roster.pdf")],
                            capture_output=True, check=True, text=True).stdout
    assert len(images.strip().splitlines()) == 2 + 1


@needs_poppler
def test_long_roster_repeats_headers_and_stays_inside_the_page(tmp_path):
    record = make_record(people=300, signed_every=1)
    record.attendees[5].name = "Prof. Dr. Ir. H. Raden Muhammad Abdurrahman Wiraatmadja " * 3
    record.attendees[6].unit = "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan " * 3
    pdf = build_public_pdf(record)
    pdf_text(pdf, tmp_path)
    pages = subprocess.run(["pdftotext", str(tmp_path / "roster.pdf"), "-"], capture_output=True,
                           check=True, text=True).stdout.split("\f")
    pages = [flat(p) for p in pages if p.strip()]
    assert len(pages) >= 5
    for number, page in enumerate(pages, 1):
        assert "Waktu tanda tangan" in page and "Unit Kerja/Instansi" in page
        assert f"Halaman {number} dari {len(pages)}" in page
        assert "Jumlah peserta yang telah menandatangani: 300 orang" in page
    assert "300 Nama Peserta 300" in pages[-1]
    # Nothing drawn within 5 mm of an edge, on any page.
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", str(tmp_path / "roster.pdf"),
                    str(tmp_path / "p")], check=True)
    edge = round(5 / 25.4 * 50)
    for png in sorted(tmp_path.glob("p-*.png")):
        image = Image.open(png).convert("L")
        w, h = image.size
        for box in ((0, 0, edge, h), (w - edge, 0, w, h), (0, 0, w, edge), (0, h - edge, w, h)):
            assert image.crop(box).getextrema()[0] > 200, png.name


@needs_poppler
def test_nobody_signed_yet(tmp_path):
    text = flat(pdf_text(build_public_pdf(make_record(people=0)), tmp_path))
    assert "Belum ada peserta yang menandatangani ikrar." in text
    assert "Jumlah peserta yang telah menandatangani: 0 orang" in text


def test_writers_are_atomic(tmp_path):
    record = make_record(people=6)
    pdf = write_public_pdf(tmp_path / "publik.pdf", record)
    csv_path = write_public_csv(tmp_path / "publik.csv", record)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfNo;Nama")

    def cancel(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_public_pdf(tmp_path / "batal.pdf", record, progress=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["publik.csv", "publik.pdf"]
