"""The Daftar Hadir (pledges/documents/attendance_xlsx.py, attendance_pdf.py): the workbook reopened
with openpyxl (values, groups, NIP grouping, check-in times, signature images anchored in the right
rows and halves, the Rekap counts, print settings), the PDFs read back with poppler-utils (text,
alternating signature labels, nothing drawn near the paper's edge), progress and cancel. No Qt."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet import _writer as openpyxl_writer

from events.categories import Category
from events.checkins import CategoryCounts, CheckIn, DeskCounts
from events.ids import format_nip
from events.model import Attendee, Event, Official
from pledges.demo import DEMO_PAD, synthetic_signature
from pledges.documents import EventRecord, attendance_pdf, attendance_rows, attendance_xlsx
from pledges.documents.attendance_pdf import build_attendance_blank_pdf, build_attendance_pdf
from pledges.documents.attendance_xlsx import (
    SHEET_ABSENT,
    SHEET_MAIN,
    SHEET_SUMMARY,
    build_attendance_xlsx,
    responsible_official,
    signature_label,
    time_range,
    write_attendance_xlsx,
)
from pledges.signatures import SignatureRecord
from pledges.strokes import digest
from tests.pdfs import words as pdf_words

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)

WIB = timezone(timedelta(hours=7))
DAY = date(2023, 11, 2)  # a Thursday
WITNESS = Official("Dr. H. Saksi Utama, M.Si.", "Sekretaris Daerah", "196805121990031004")


class Cancelled(Exception):
    pass


def _event(**changes) -> Event:
    event = Event(
        name="Ikrar Netralitas ASN pada Pemilihan Umum Tahun 2024",
        event_date=DAY, start_time=time(8, 0), end_time=time(11, 0),
        venue="Balai Patriot", city="Bekasi", institution="Pemerintah Kota Bekasi",
        organizer_unit="Badan Kesatuan Bangsa dan Politik",
        presiding=Official("Raden Gani Muhamad", "Penjabat Wali Kota Bekasi", ""),
        witness=WITNESS, id=1)
    for key, value in changes.items():
        setattr(event, key, value)
    return event


# (name, category, came at "HH:MM" or None, signed, invited)
PLAN = [
    ("Tamu Undangan PWI", Category.TAMU, "09:05", True, True),
    ("Agus Santoso, S.Sos.", Category.ESELON_II, "07:41", True, True),
    ("Budi Wibowo, S.E.", Category.ESELON_II, "07:55", True, True),
    ("Citra Utami", Category.ESELON_III, "08:02", True, True),
    ("Dewi Lestari", Category.ESELON_III, "08:10", False, True),
    ("Eko Absen Hidayat", Category.ESELON_III, None, False, True),
    ("Fitri Absen Anggraini", Category.ESELON_IV, None, False, True),
    ("Galih Analis", Category.FUNGSIONAL, "08:20", True, True),
    ("Hesti Pranata", Category.FUNGSIONAL, "08:21", False, True),
    ("Indra Pengelola", Category.PELAKSANA, "08:30", False, True),
    ("Joko Penata PPPK", Category.PPPK, "08:31", True, True),
    ("Kartika Absen Honorer", Category.NON_ASN, None, False, True),
    ("Yudi Tanpa Undangan", Category.TAMU, "09:30", True, False),
]


def _nip(i: int) -> str:
    return f"1986092{i % 10}20150{1 + i % 9}1{i:03d}"


def make_record(plan=PLAN, event: Event | None = None, broken: set[str] = frozenset()
                ) -> EventRecord:
    """An EventRecord made in memory, in document order (category, then name)."""
    people = []
    for i, (name, category, _, _, invited) in enumerate(plan, 1):
        people.append(Attendee(
            name=name, category=category, nip=_nip(i) if category.needs_nip else None,
            golongan="III/a" if category.needs_nip else "", jabatan=f"Jabatan {i}",
            unit="" if category is Category.TAMU else f"Unit Kerja {i}",
            institution="PWI Kota Bekasi" if category is Category.TAMU else "",
            invited=invited, event_id=1, id=i))
    by_id = {p.id: row for p, row in zip(people, plan, strict=True)}
    people.sort(key=lambda p: (p.category.order, p.name))
    checkins, signatures = {}, {}
    for person in people:
        _, _, came, signed, _ = by_id[person.id]
        if came is None:
            continue
        hour, minute = map(int, came.split(":"))
        at = datetime(DAY.year, DAY.month, DAY.day, hour, minute, 17, tzinfo=WIB)
        checkins[person.id] = CheckIn(person.id, 1, person.id, at, desk="Meja 1")
        if signed:
            strokes = synthetic_signature(person.id, *DEMO_PAD)
            signatures[person.id] = SignatureRecord(
                id=person.id, event_id=1, attendee_id=person.id, role="attendee",
                pledge_hash="0" * 64, strokes=strokes, strokes_sha256=digest(strokes),
                pad_width=DEMO_PAD[0], pad_height=DEMO_PAD[1], consent_version="v1",
                signed_at=at + timedelta(minutes=2), intact=person.name not in broken)
    return EventRecord(event=event or _event(), attendees=people, checkins=checkins,
                       signatures=signatures, pledge=None, witness=None,
                       counts=_counts(people, checkins))


def _counts(people: list[Attendee], checkins: dict) -> DeskCounts:
    """As events.checkins.counts computes them from the database."""
    tally = {c: [0, 0, 0] for c in Category}
    for person in people:
        came = person.id in checkins
        if person.invited:
            tally[person.category][0] += 1
            tally[person.category][1] += came
        else:
            tally[person.category][2] += came
    by_category = {c: CategoryCounts(i, p, i - p, w) for c, (i, p, w) in tally.items()}
    values = by_category.values()
    return DeskCounts(by_category, invited=sum(v.invited for v in values),
                      present=sum(v.present for v in values),
                      missing=sum(v.missing for v in values),
                      walk_ins=sum(v.walk_ins for v in values))


@pytest.fixture(scope="module")
def record() -> EventRecord:
    return make_record()


@pytest.fixture(scope="module")
def workbook(record):
    return openpyxl.load_workbook(io.BytesIO(build_attendance_xlsx(record)))


def _header_row(ws) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == "No":
            return row[0].row
    raise AssertionError("no heading row")


def _texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def _person_rows(ws) -> dict[str, int]:
    """Name -> row for the rows with a number in column A."""
    start = _header_row(ws) + 1
    return {ws.cell(r, 2).value: r for r in range(start, ws.max_row + 1)
            if isinstance(ws.cell(r, 1).value, int)}


# --- small pieces --------------------------------------------------------------------------------

def test_time_range_names_the_events_zone():
    assert time_range(_event()) == "08.00 \u2013 11.00 WIB"
    assert time_range(_event(end_time=None)) == "08.00 WIB \u2013 selesai"
    assert time_range(_event(start_time=None)) == ""
    assert time_range(_event(time_zone="WITA")) == "08.00 \u2013 11.00 WITA"
    assert time_range(_event(time_zone="WIT")) == "08.00 \u2013 11.00 WIT"


def test_the_witness_signs_the_footer_else_the_presiding_official():
    assert responsible_official(_event()) is not None
    assert responsible_official(_event()).name == WITNESS.name
    presiding = Official("Raden Gani Muhamad", "Penjabat Wali Kota Bekasi", "")
    assert responsible_official(_event(witness=Official())) == presiding


def test_signature_label_is_numbered_as_on_paper():
    assert signature_label(1).startswith("1. ...")
    assert signature_label(12).startswith("12. ...")


# --- the workbook --------------------------------------------------------------------------------

def test_sheets_and_title_block(workbook):
    assert workbook.sheetnames == [SHEET_MAIN, SHEET_ABSENT, SHEET_SUMMARY]
    texts = _texts(workbook[SHEET_MAIN])
    for expected in ("PEMERINTAH KOTA BEKASI", "BADAN KESATUAN BANGSA DAN POLITIK",
                     "DAFTAR HADIR", "Ikrar Netralitas ASN pada Pemilihan Umum Tahun 2024",
                     "Hari/Tanggal", ": Kamis, 2 November 2023", "Waktu",
                     ": 08.00 \u2013 11.00 WIB",
                     "Tempat", ": Balai Patriot"):
        assert expected in texts, expected
    ws = workbook[SHEET_MAIN]
    header = _header_row(ws)
    assert [ws.cell(header, c).value for c in range(1, 12)] == [
        "No", "Nama", "NIP / NI PPPK", "Gol.", "Jabatan", "Unit Kerja", "Kategori",
        "Jam Hadir (WIB)",
        "Tanda Tangan", None, "Keterangan"]


def test_main_sheet_lists_who_came_grouped_in_category_order(workbook, record):
    ws = workbook[SHEET_MAIN]
    header = _header_row(ws)
    headings, names = [], []
    for r in range(header + 1, ws.max_row + 1):
        value = ws.cell(r, 1).value
        if isinstance(value, str) and " \u2013 " in value and value.endswith("orang"):
            headings.append(value.split(" \u2013 ")[0])
        elif isinstance(value, int):
            names.append(ws.cell(r, 2).value)
    present = record.present()
    order = [c for c in Category if any(p.category is c for p in present)]
    assert headings == [c.label for c in order]
    assert [Category.ESELON_II.label, Category.ESELON_III.label] == headings[:2]
    assert headings[-1] == Category.TAMU.label
    assert names == [p.name for p in present]  # document order, absent people left out
    assert not any("Absen" in name for name in names)
    assert "Yudi Tanpa Undangan" in names  # walk-ins are in the list


def test_numbers_nip_times_and_categories(workbook, record):
    ws = workbook[SHEET_MAIN]
    rows = _person_rows(ws)
    numbers = [ws.cell(r, 1).value for r in sorted(rows.values())]
    assert numbers == list(range(1, len(rows) + 1))  # one numbering across the groups
    for person in record.present():
        r = rows[person.name]
        nip = ws.cell(r, 3).value
        if person.nip:
            assert nip == format_nip(person.nip)
            assert re.fullmatch(r"\d{8} \d{6} \d \d{3}", nip)
        else:
            assert nip is None
        clock = record.checkins[person.id].checked_in_at.astimezone(WIB).strftime("%H.%M")
        assert ws.cell(r, 8).value == clock
        assert re.fullmatch(r"\d\d\.\d\d", clock)
        assert ws.cell(r, 11).value is None  # on the event's day: nothing to remark
        assert ws.cell(r, 7).value.startswith(person.category.label)
        assert ws.cell(r, 6).value == (person.unit or person.institution)
    assert ws.cell(rows["Agus Santoso, S.Sos."], 8).value == "07.41"
    assert ws.cell(rows["Yudi Tanpa Undangan"], 7).value == "Tamu (tanpa undangan)"


def test_signature_labels_alternate_halves(workbook):
    ws = workbook[SHEET_MAIN]
    for r in _person_rows(ws).values():
        number = ws.cell(r, 1).value
        left, right = ws.cell(r, 9).value, ws.cell(r, 10).value
        if number % 2:
            assert left == signature_label(number) and right is None
        else:
            assert right == signature_label(number) and left is None


def test_images_are_anchored_in_the_signers_rows_and_halves(workbook, record):
    ws = workbook[SHEET_MAIN]
    rows = _person_rows(ws)
    signed_rows = {rows[p.name] for p in record.present() if p.id in record.signatures}
    images = ws._images
    assert len(images) == len(signed_rows)
    seen = set()
    offsets = set()
    for image in images:
        marker = image.anchor._from
        row = marker.row + 1
        assert row in signed_rows
        seen.add(row)
        number = ws.cell(row, 1).value
        assert marker.col == (8 if number % 2 else 9)  # I for odd numbers, J for even
        offsets.add((marker.colOff, marker.rowOff))
        ext = image.anchor.ext
        assert ext.width == attendance_xlsx.IMAGE_SHOWN_PX[0] * 9525
        assert ext.height == attendance_xlsx.IMAGE_SHOWN_PX[1] * 9525
    assert seen == signed_rows  # one image per signer, each in its own row
    assert len(offsets) == 1
    # the image stays inside its cell: offset plus height within the row's height
    col_off, row_off = offsets.pop()
    height_pt = (row_off / 9525 + attendance_xlsx.IMAGE_SHOWN_PX[1]) * 0.75
    for row in signed_rows:
        assert ws.row_dimensions[row].height >= height_pt


def test_images_are_pngs_of_the_rendered_size(workbook):
    from PIL import Image

    image = workbook[SHEET_MAIN]._images[0]
    with Image.open(io.BytesIO(image._data())) as png:
        assert png.format == "PNG"
        assert png.size == attendance_xlsx.IMAGE_PX
        alpha = png.convert("RGBA").getchannel("A")
        assert alpha.getextrema() == (0, 255)  # transparent paper, opaque ink


def test_merged_cells_never_cover_a_signature_or_each_other(workbook):
    for ws in workbook.worksheets:
        ranges = list(ws.merged_cells.ranges)
        for i, a in enumerate(ranges):
            for b in ranges[i + 1:]:
                assert not (set(a.cells) & set(b.cells)), (a, b)
        for image in ws._images:
            marker = image.anchor._from
            cell = (marker.row + 1, marker.col + 1)
            if ws.title == SHEET_MAIN and marker.row > 0:
                assert not any(cell in set(r.cells) for r in ranges)


def test_absent_sheet_lists_invited_who_did_not_come(workbook, record):
    ws = workbook[SHEET_ABSENT]
    names = list(_person_rows(ws))
    assert names == [p.name for p in record.absent()]
    assert names == ["Eko Absen Hidayat", "Fitri Absen Anggraini", "Kartika Absen Honorer"]
    texts = _texts(ws)
    assert "DAFTAR UNDANGAN TIDAK HADIR" in texts
    assert f"{Category.ESELON_III.label} \u2013 1 orang" in texts


def test_rekap_counts_equal_the_record(workbook, record):
    ws = workbook[SHEET_SUMMARY]
    header = _header_row(ws)
    assert [ws.cell(header, c).value for c in range(1, 9)] == list(attendance_rows.SUMMARY_HEADINGS)
    table = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(3, 9)]
             for r in range(header + 1, header + 10)}
    signed = {c: 0 for c in Category}
    for person in record.attendees:
        if person.id in record.signatures:
            signed[person.category] += 1
    for category in Category:
        c = record.counts.by_category[category]
        assert table[category.label] == [c.invited, c.present, c.missing, c.walk_ins,
                                         c.present + c.walk_ins, signed[category]]
    total = record.counts
    assert table["Jumlah"] == [total.invited, total.present, total.missing, total.walk_ins,
                               total.present_total, len(record.signatures)]
    assert table["Jumlah"] == [12, 9, 3, 1, 10, 7]


def test_print_setup(workbook):
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == "9"  # A4
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        header = _header_row(ws)
        assert ws.print_title_rows.replace("$", "") == f"{header}:{header}"
        assert ws.page_margins.left >= 0.4 and ws.page_margins.bottom >= 0.4
        assert "&P" in ws.oddFooter.right.text
        assert ws.freeze_panes == f"A{header + 1}"


def test_footer_signature_block(workbook):
    texts = _texts(workbook[SHEET_MAIN])
    tail = texts[-4:]
    assert tail == ["Bekasi, 2 November 2023", "Sekretaris Daerah,", WITNESS.name,
                    "NIP. 19680512 199003 1 004"]


def test_footer_without_any_official_leaves_lines_to_fill_in():
    record = make_record(event=_event(witness=Official(), presiding=Official()))
    book = openpyxl.load_workbook(io.BytesIO(build_attendance_xlsx(record)))
    tail = _texts(book[SHEET_MAIN])[-3:]
    assert tail[1].startswith("(....") and tail[2].startswith("NIP. ....")


def test_a_broken_signature_is_not_drawn():
    record = make_record(broken={"Agus Santoso, S.Sos."})
    book = openpyxl.load_workbook(io.BytesIO(build_attendance_xlsx(record)))
    ws = book[SHEET_MAIN]
    row = _person_rows(ws)["Agus Santoso, S.Sos."]
    assert all(image.anchor._from.row + 1 != row for image in ws._images)
    assert "tidak utuh" in ws.cell(row, 9).value
    assert len(ws._images) == len(record.signatures) - 1


def test_a_logo_is_placed_and_a_broken_one_left_out():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 150), (200, 30, 30)).save(buffer, format="PNG")
    book = openpyxl.load_workbook(io.BytesIO(build_attendance_xlsx(
        make_record(event=_event(logo=buffer.getvalue())))))
    anchors = [image.anchor._from for image in book[SHEET_MAIN]._images]
    assert (0, 0) in [(a.row, a.col) for a in anchors]
    build_attendance_xlsx(make_record(event=_event(logo=b"not an image")))  # no error


def test_nobody_came_yet():
    plan = [(n, c, None, False, True) for n, c, _, _, _ in PLAN if _]
    record = make_record(plan)
    book = openpyxl.load_workbook(io.BytesIO(build_attendance_xlsx(record)))
    assert "Belum ada peserta yang hadir." in _texts(book[SHEET_MAIN])
    assert not book[SHEET_MAIN]._images
    assert len(_person_rows(book[SHEET_ABSENT])) == len(plan)


def test_progress_reaches_the_total(record):
    calls = []
    build_attendance_xlsx(record, progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[0][0] == 0 and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert total == len(record.present()) + len(record.absent()) + 1


def test_cancel_raises_and_leaves_no_temporary_files(record, tmp_path):
    before = list(openpyxl_writer.ALL_TEMP_FILES)

    def cancel(done, total):
        if done >= 3:
            raise Cancelled

    target = tmp_path / "daftar-hadir.xlsx"
    with pytest.raises(Cancelled):
        write_attendance_xlsx(target, record, progress=cancel)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    assert list(openpyxl_writer.ALL_TEMP_FILES) == before


def test_write_attendance_xlsx(record, tmp_path):
    path = write_attendance_xlsx(tmp_path / "dh.xlsx", record)
    assert openpyxl.load_workbook(path).sheetnames[0] == SHEET_MAIN


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook(record, tmp_path):
    source = write_attendance_xlsx(tmp_path / "dh.xlsx", record)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "dh.pdf"
    assert pdf.exists()
    if shutil.which("pdftotext"):
        text = " ".join(_pdftext(pdf).split())
        assert "DAFTAR HADIR" in text and "Agus Santoso" in text


# --- the PDFs -----------------------------------------------------------------------------------

def _pdftext(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _many(n: int = 45) -> EventRecord:
    rng = random.Random(3)
    categories = list(Category)
    plan = []
    for i in range(n):
        came = None if i % 7 == 3 else f"08:{i % 60:02d}"
        plan.append((f"Peserta {i:03d} Prof. Dr. Nama Yang Cukup Panjang Sekali, S.H., M.Si.",
                     categories[i * len(categories) // n], came, came is not None
                     and rng.random() < 0.8, True))
    return make_record(plan)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, record):
    folder = tmp_path_factory.mktemp("attendance")
    out = {}
    for key, fn, rec in (("small", build_attendance_pdf, record),
                         ("many", build_attendance_pdf, _many()),
                         ("blank", build_attendance_blank_pdf, record),
                         ("blank_many", build_attendance_blank_pdf, _many())):
        out[key] = folder / f"{key}.pdf"
        out[key].write_bytes(fn(rec))
    return out


@needs_poppler
def test_pdf_text(pdfs, record):
    text = " ".join(_pdftext(pdfs["small"]).split())
    for expected in ("PEMERINTAH KOTA BEKASI", "DAFTAR HADIR", "Kamis, 2 November 2023",
                     "08.00 \u2013 11.00 WIB", "Jam Hadir (WIB)", "Balai Patriot",
                     "Rekapitulasi kehadiran",
                     "Bekasi, 2 November 2023", WITNESS.name, "NIP. 19680512 199003 1 004"):
        assert expected in text, expected
    for person in record.present():
        assert person.name in text
        if person.nip:
            assert format_nip(person.nip) in text
        assert record.checkins[person.id].checked_in_at.astimezone(WIB).strftime("%H.%M") in text
    for person in record.absent():
        assert person.name not in text
    positions = [text.index(f"{c.label} \u2013") for c in Category
                 if any(p.category is c for p in record.present())]
    assert positions == sorted(positions)


@needs_poppler
def test_pdf_header_repeats_and_pages_are_numbered(pdfs):
    path = pdfs["many"]
    pages = _pages(path)
    assert pages >= 3
    for page in range(1, pages + 1):
        text = " ".join(_pdftext(path, page).split())
        assert f"Halaman {page} dari {pages}" in text
        if page > 1:
            assert "DAFTAR HADIR \u2013 Ikrar Netralitas" in text
        if "Peserta" in text:  # the table goes on: its headings are repeated
            for heading in ("Nama", "NIP / NI PPPK", "Gol.", "Jabatan", "Unit Kerja", "Kategori",
                            "Jam Hadir", "Tanda Tangan"):
                assert heading in text, (page, heading)
    last = " ".join(_pdftext(path, pages).split())
    assert "Rekapitulasi kehadiran" in last and WITNESS.name in last


@needs_poppler
def test_pdf_signature_labels_alternate(pdfs):
    words = pdf_words(pdfs["small"], 1)
    labels = [(w[0], int(w[4][:-1])) for w in words if re.fullmatch(r"\d+\.", w[4])]
    odd = {round(x) for x, n in labels if n % 2}
    even = {round(x) for x, n in labels if not n % 2}
    assert odd and even
    assert max(odd) < min(even)  # odd numbers on the left half, even on the right


@needs_poppler
def test_blank_pdf_lists_the_roster_without_times(pdfs, record):
    text = " ".join(_pdftext(pdfs["blank"]).split())
    assert "DAFTAR HADIR (BLANKO)" in text
    for person in record.attendees:
        if person.invited:
            assert person.name in text
    assert "Yudi Tanpa Undangan" not in text  # not on the invited roster
    assert "Jam Hadir" not in text
    assert set(re.findall(r"\b\d\d[.:]\d\d\b", text)) == {"08.00", "11.00"}  # Waktu only
    assert "Tambahan (hadir tanpa undangan)" in text
    invited = sum(1 for p in record.attendees if p.invited)
    for n in range(1, invited + attendance_pdf.BLANK_EXTRA_ROWS + 1):
        assert f"{n}. ...." in text
    assert WITNESS.name in text


@needs_poppler
@pytest.mark.parametrize("key", ["small", "many", "blank", "blank_many"])
def test_nothing_is_drawn_near_the_paper_edge(pdfs, key, tmp_path):
    from PIL import Image

    dpi = 50
    path = pdfs[key]
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path),
                    str(tmp_path / "p")], check=True, capture_output=True)
    edge = round(5 / 25.4 * dpi)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == _pages(path)
    for png in pngs:
        with Image.open(png) as opened:
            image = opened.convert("L")
            w, h = image.size
            assert w > h  # landscape
            inner = image.crop((edge, edge, w - edge, h - edge))
            assert inner.getextrema()[0] < 128  # something is printed
            for box in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h),
                        (w - edge, 0, w, h)):
                assert image.crop(box).getextrema()[0] > 200, (png.name, box)


def test_pdf_cancel(record):
    def cancel(done, total):
        if done >= 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        build_attendance_pdf(record, progress=cancel)
    with pytest.raises(Cancelled):
        build_attendance_blank_pdf(record, progress=cancel)


def test_pdf_progress(record):
    calls = []
    build_attendance_pdf(record, progress=lambda d, t: calls.append((d, t)))
    total = calls[-1][1]
    assert calls[-1] == (total, total) and total == len(record.present()) + 1


# --- from the store ------------------------------------------------------------------------------

def test_the_demo_event_builds_every_version(store):
    from events.demo import open_demo
    from pledges.demo import complete_demo
    from pledges.documents import collect

    event = open_demo(store)
    complete_demo(store, event)
    record = collect(store, event.id)
    book = openpyxl.load_workbook(io.BytesIO(build_attendance_xlsx(record)))
    assert len(_person_rows(book[SHEET_MAIN])) == record.counts.present_total
    assert len(book[SHEET_MAIN]._images) == len(record.signatures)
    assert len(_person_rows(book[SHEET_ABSENT])) == record.counts.missing
    assert build_attendance_pdf(record).startswith(b"%PDF")
    assert build_attendance_blank_pdf(record).startswith(b"%PDF")


@needs_poppler
def test_no_seal_is_claimed_on_the_attendance_list(tmp_path, record):
    """Nothing on a Daftar Hadir (PDF, blank form, workbook) can be checked against a seal, so
    none prints a seal key, even when the event's signatures are sealed."""
    record.seal_keys = ["GR2Q7GF5LH6PZFDN"]
    for name, data in (("dh.pdf", build_attendance_pdf(record)),
                       ("blanko.pdf", build_attendance_blank_pdf(record))):
        path = tmp_path / name
        path.write_bytes(data)
        text = _pdftext(path)
        assert text.strip() and "Kunci segel" not in text and "GR2Q" not in text
    workbook = openpyxl.load_workbook(io.BytesIO(build_attendance_xlsx(record)))
    assert "Kunci segel" not in (workbook.worksheets[0].oddFooter.center.text or "")
