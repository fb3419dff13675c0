"""Nothing cut off: every document made for an event whose people have 120-character names,
150-character positions and long units, read back from the text layer (pdftotext; lines joined
before comparing) and from the workbook's cells. No Qt."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from events.categories import Category
from events.checkins import CategoryCounts, CheckIn, DeskCounts
from events.model import Attendee, Contact, Event, Official
from pledges.demo import DEMO_PAD, synthetic_signature
from pledges.documents import EventRecord
from pledges.documents.attendance_pdf import build_attendance_blank_pdf, build_attendance_pdf
from pledges.documents.attendance_xlsx import build_attendance_xlsx
from pledges.signatures import SignatureRecord
from pledges.strokes import digest
from tests.pdfs import words

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"),
                                   reason="poppler-utils (pdftotext) is not installed")

WIB = timezone(timedelta(hours=7))
DAY = date(2026, 3, 12)


def _long(seed: str, length: int) -> str:
    """``seed`` padded with ordinary words to exactly ``length`` characters."""
    words = ["Kusumanegara", "Rahmatullah", "Wijayakusuma", "Prawiradirja", "Suryaningrat",
             "Hadiningrat", "Mangkubumi", "Setiabudi"]
    text = seed
    i = 0
    while len(text) < length:
        text += " " + words[i % len(words)]
        i += 1
    return text[:length].rstrip()


OFFICIAL = Official(_long("Drs. H. Junaedi Abdillah Rahmatullah", 90) + ", M.Si.",
                    _long("Kepala Badan Kesatuan Bangsa dan Politik", 110), "196805121990031004")


ADDRESS = ("Gedung Plaza Pemerintah Kota Bekasi Lantai 3, Jalan Jenderal Ahmad Yani Nomor 1, "
           "Kelurahan Marga Jaya, Kecamatan Bekasi Selatan, Kota Bekasi, Provinsi Jawa Barat")


UID = "K7Q2M9X4ABCD1234"


def long_event() -> Event:
    return Event(
        name="Ikrar Netralitas Aparatur Sipil Negara pada Pemilihan Kepala Daerah Serentak "
             "Tahun 2026 di Lingkungan Pemerintah Kota Bekasi",
        event_date=DAY, start_time=time(8, 0), end_time=time(11, 0),
        venue="Aula Nonon Sonthanie, Gedung Plaza Pemerintah Kota Bekasi Lantai 3, Jalan "
              "Jenderal Ahmad Yani Nomor 1, Kelurahan Marga Jaya, Kecamatan Bekasi Selatan",
        city="Bekasi", institution="Pemerintah Kota Bekasi",
        organizer_unit="Badan Kesatuan Bangsa dan Politik",
        presiding=OFFICIAL, witness=OFFICIAL, id=1,
        letterhead=Contact(ADDRESS, "17141", "(021) 88397963", "kesbangpol@bekasikota.go.id",
                           "kesbangpol.bekasikota.go.id"),
        number_scheme="800/{n:03d}/Kesbangpol/2026", number_start=17, uid=UID)


PEOPLE = [
    (Category.ESELON_II, "198609262015051001", "IV/c"),
    (Category.ESELON_III, "197504122000031002", "IV/a"),
    (Category.FUNGSIONAL, "198001012005012003", "III/d"),
    (Category.PPPK, "200012312024211001", "IX"),
    (Category.NON_ASN, None, ""),
    (Category.TAMU, None, ""),
]


def long_record() -> EventRecord:
    people = []
    for i, (category, nip, gol) in enumerate(PEOPLE, 1):
        people.append(Attendee(
            name=_long(f"Prof. Dr. Ir. Peserta{i} Raden Mas Bagus", 112) + ", S.H., M.H.",
            category=category, nip=nip, golongan=gol,
            jabatan=_long(f"Kepala Bidang{i} Pembinaan Ideologi Pancasila dan Wawasan "
                          "Kebangsaan pada Badan Kesatuan Bangsa dan Politik Daerah", 150),
            unit=_long(f"Unit{i} Sekretariat Dewan Perwakilan Rakyat Daerah Kota Bekasi", 120),
            invited=i != 6, event_id=1, id=i, token=f"TOKEN{i:04d}"))
    checkins, signatures = {}, {}
    for person in people:
        at = datetime(DAY.year, DAY.month, DAY.day, 8, 10 + person.id, 0, tzinfo=WIB)
        checkins[person.id] = CheckIn(person.id, 1, person.id, at, desk="Meja 1")
        strokes = synthetic_signature(person.id, *DEMO_PAD)
        signatures[person.id] = SignatureRecord(
            id=person.id, event_id=1, attendee_id=person.id, role="attendee",
            pledge_hash="0" * 64, strokes=strokes, strokes_sha256=digest(strokes),
            pad_width=DEMO_PAD[0], pad_height=DEMO_PAD[1], consent_version="v1",
            signed_at=at + timedelta(minutes=2), intact=True)
    tally = {c: CategoryCounts(0, 0, 0, 0) for c in Category}
    for person in people:
        old = tally[person.category]
        tally[person.category] = CategoryCounts(old.invited + person.invited,
                                                old.present + person.invited, 0,
                                                old.walk_ins + (not person.invited))
    counts = DeskCounts(tally, invited=5, present=5, missing=0, walk_ins=1)
    return EventRecord(event=long_event(), attendees=people, checkins=checkins,
                       signatures=signatures, pledge=None, witness=None, counts=counts)


def flat(text: str) -> str:
    """Lines joined, hyphen-free: what a reader sees across line breaks."""
    return " ".join(text.split())


def pdf_text(data: bytes, path: Path, *options: str) -> str:
    """The text layer, lines joined. ``-raw`` (the order of drawing) reads two signature blocks
    side by side one after the other."""
    path.write_bytes(data)
    return flat(subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                               check=True, text=True).stdout)


def _whole(text: str, record: EventRecord, *, positions: bool = True,
           official: bool = True) -> None:
    for person in record.attendees:
        assert flat(person.name) in text, person.name
        if positions:
            assert flat(person.jabatan) in text, person.jabatan
            assert flat(person.unit) in text, person.unit
    if official:
        assert flat(OFFICIAL.name) in text
    assert ADDRESS in text and "Kode Pos 17141" in text  # the letterhead's contact lines
    assert "Pos-el kesbangpol@bekasikota.go.id" in text
    assert "\u2026" not in text  # nothing cut with an ellipsis


@pytest.fixture(scope="module")
def record() -> EventRecord:
    return long_record()


@needs_poppler
def test_the_attendance_list_prints_every_long_text_whole(record, tmp_path):
    text = pdf_text(build_attendance_pdf(record), tmp_path / "list.pdf")
    _whole(text, record)
    # the lampiran of the Berita Acara says so, with the Berita Acara's number and date
    assert "Lampiran Berita Acara Nomor : 800/017/Kesbangpol/2026 Tanggal : 12 Maret 2026 " \
           "DAFTAR HADIR" in text
    assert flat(OFFICIAL.title) in text
    assert flat(record.event.venue) in text


@needs_poppler
def test_the_paper_list_prints_every_long_text_whole(record, tmp_path):
    text = pdf_text(build_attendance_blank_pdf(record), tmp_path / "blank.pdf")
    invited = EventRecord(**{**record.__dict__,
                             "attendees": [p for p in record.attendees if p.invited]})
    _whole(text, invited)


@needs_poppler
def test_attendance_text_is_never_shrunk_below_eight_points(record, tmp_path):
    path = tmp_path / "list.pdf"
    path.write_bytes(build_attendance_pdf(record))
    heights = [y1 - y0 for _, y0, _, y1, word in words(path, 1)
               if word.startswith(("Peserta", "Kusumanegara", "Pembinaan", "Sekretariat"))]
    assert heights and min(heights) > 7.9  # poppler gives a word's box the font's size


def test_the_workbook_rows_grow_to_show_long_texts_whole(record):
    import math
    import zipfile



    data = build_attendance_xlsx(record)
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Daftar Hadir"]
    widths = {col: ws.column_dimensions[col].width for col in "BEF"}
    rows = {ws.cell(row, 2).value: row for row in range(1, ws.max_row + 1)}
    for person in record.attendees:
        row = rows[person.name]
        assert ws.cell(row, 5).value == person.jabatan  # whole in its cell
        # at least as many 10 pt lines as the text has column widths of characters
        need = max(math.ceil(len(text) / widths[col]) for text, col in
                   ((person.name, "B"), (person.jabatan, "E"), (person.unit, "F")))
        assert ws.row_dimensions[row].height >= need * 12.75, person.name
    assert book.properties.title.startswith("Daftar Hadir")
    assert book.properties.creator == "Pemerintah Kota Bekasi"
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml")
    assert b"<Application>Ikrar</Application>" in app
    absent = book["Tidak Hadir"]
    headings = [c.value for row in absent.iter_rows(max_row=20) for c in row]
    assert "Keterangan" in headings


@needs_poppler
def test_the_public_roster_prints_names_positions_units_and_the_event_whole(record, tmp_path):
    from pledges.documents.public_roster import build_public_pdf
    from pledges.texts import NETRALITAS_ASN_2024

    longest = _long(record.event.name, 300)  # the longest name an event can have
    event = Event(**{**record.event.__dict__, "name": longest})
    sealed = _sealed(EventRecord(**{**record.__dict__, "event": event}), NETRALITAS_ASN_2024)
    text = pdf_text(build_public_pdf(sealed), tmp_path / "public.pdf", "-raw")
    _whole(text, sealed, official=False)
    assert text.count(flat(longest)) >= 3  # under "Acara", and whole in every page's footer
    assert "Eselon III (Administrator)" in text  # the category is never broken inside a word


@needs_poppler
def test_the_attendance_list_prints_the_longest_event_name_whole(record, tmp_path):
    longest = _long(record.event.name, 300)
    event = Event(**{**record.event.__dict__, "name": longest})
    long_named = EventRecord(**{**record.__dict__, "event": event})
    for build in (build_attendance_pdf, build_attendance_blank_pdf):
        text = pdf_text(build(long_named), tmp_path / "list.pdf")
        assert flat(longest) in text and "\u2026" not in text


@needs_poppler
def test_the_minutes_print_the_officials_and_the_event_whole(record, tmp_path):
    from pledges.documents.minutes import build_minutes_pdf

    text = pdf_text(build_minutes_pdf(record), tmp_path / "minutes.pdf", "-raw")
    assert "NOMOR : 800/017/Kesbangpol/2026" in text  # the scheme's first number
    assert ADDRESS in text
    assert flat(OFFICIAL.name) in text
    assert flat(OFFICIAL.title) in text
    assert flat(record.event.name) in text
    assert flat(record.event.venue) in text
    assert "\u2026" not in text


@needs_poppler
def test_the_invitations_print_names_units_and_venue_whole(record, tmp_path):
    from pledges.documents.invitations import build_invitations

    text = pdf_text(build_invitations(record.event, record.attendees), tmp_path / "cards.pdf")
    for person in record.attendees:
        assert flat(person.name) in text
        assert flat(person.unit) in text
    assert flat(record.event.name) in text
    assert flat(record.event.venue) in text
    assert "\u2026" not in text


def _sealed(record: EventRecord, text) -> EventRecord:
    """The record with every signature bound to ``text`` and sealed with a test key."""
    from dataclasses import replace

    from pledges.texts import PledgeVersion, normalize, version_hash
    from tests.sealing import seal_all

    text = normalize(text)
    version = PledgeVersion(hash=version_hash(text), text=text, template="", locked=True,
                            created_at=datetime(2026, 3, 1, tzinfo=WIB))
    signatures = {key: replace(sig, pledge_hash=version.hash)
                  for key, sig in record.signatures.items()}
    return seal_all(EventRecord(**{**record.__dict__, "signatures": signatures,
                                   "pledge": version, "seals": {},
                                   "signed_versions": {version.hash: version}}))


@needs_poppler
def test_the_statements_print_long_texts_whole_and_only_the_lines_that_apply(record, tmp_path):
    """People and the official at their longest: the pledge does not fit one page at a
    readable size, so each statement goes on on a second page ("- 2 -", the rest of the
    pledge, the signatures), never smaller than 10 pt, every page with the person's QR code."""
    from pledges.documents.certificates import build_certificates
    from pledges.texts import NETRALITAS_ASN_2024
    from pledges.verify import verify_file
    from tests.sealing import fixed_key

    sealed = _sealed(record, NETRALITAS_ASN_2024)
    pdf = build_certificates(sealed)
    path = tmp_path / "pernyataan.pdf"
    for index, person in enumerate(sealed.attendees):
        first = 2 * index + 1
        text = pdf_text(pdf, path, "-raw", "-f", str(first), "-l", str(first + 1))
        for value in (person.name, person.jabatan, person.unit, OFFICIAL.name, OFFICIAL.title):
            assert flat(value) in text, value
        assert "bersambung ke halaman 2" in text and "- 2 -" in text
        assert "NOMOR : 800/0" in text
        assert "demi terwujudnya persatuan dan kesatuan NKRI." in text  # the pledge's end
        assert "NIP : -" not in text and "NIP. -" not in text and ": -" not in text
        if person.category is Category.PPPK:
            assert "NI PPPK : 20001231" in text
            assert "NI PPPK." in text and "Golongan : IX" in text
        if not person.nip:
            assert f"NIP. {person.name}" not in text
            assert "Pangkat/Gol." not in text
    for page in (1, 2):
        heights = [y1 - y0 for _, y0, _, y1, word in words_of(path, pdf, page)
                   if word.startswith(("Kusumanegara", "netralitas", "Menyaksikan"))]
        assert heights and min(heights) > 9.9  # values, names and the pledge: 10 pt or more
    key = fixed_key()
    verdicts = verify_file(path, {key.fingerprint: key.private.public_key()})
    assert len(verdicts) == 2 * len(sealed.attendees)
    assert {v.status for v in verdicts} == {"unproven"}  # each page's QR read (no PAdES here)


@needs_poppler
def test_a_usual_statement_is_one_page_at_a_readable_size(record, tmp_path):
    from pledges.documents.certificates import build_certificates
    from pledges.texts import NETRALITAS_ASN_2024

    people = [Attendee(**{**p.__dict__, "name": f"Peserta {p.id}", "jabatan": "Kepala Seksi",
                          "unit": "Kecamatan Bekasi Timur"}) for p in record.attendees]
    event = Event(**{**record.event.__dict__, "witness": Official(
        "Drs. H. Junaedi, M.Si.", "Sekretaris Daerah", "196805121990031004")})
    usual = EventRecord(**{**record.__dict__, "attendees": people, "event": event})
    pdf = build_certificates(_sealed(usual, NETRALITAS_ASN_2024))
    path = tmp_path / "pernyataan.pdf"
    text = pdf_text(pdf, path, "-raw")
    assert text.count("Pembuat Pernyataan,") == len(people) and "bersambung" not in text
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(pdf)) == len(people)  # one page each
    heights = [y1 - y0 for _, y0, _, y1, word in words_of(path, pdf, 1)
               if word.startswith(("netralitas", "Timur", "Seksi"))]
    assert heights and min(heights) > 9.9


def words_of(path: Path, pdf: bytes, page: int):
    path.write_bytes(pdf)
    return words(path, page)


@needs_poppler
def test_the_pakta_integritas_says_who_signs_below_once(record, tmp_path):
    from pledges.documents.certificates import build_certificates
    from pledges.texts import PAKTA_INTEGRITAS

    short = EventRecord(**{**record.__dict__, "event": Event(
        **{**record.event.__dict__, "presiding": Official(), "witness": Official(
            "Drs. H. Junaedi, M.Si.", "Sekretaris Daerah", "196805121990031004")})})
    people = [Attendee(**{**p.__dict__, "name": f"Peserta {p.id}", "jabatan": "Kepala Seksi",
                          "unit": "Kecamatan Bekasi Timur"}) for p in record.attendees]
    short = EventRecord(**{**short.__dict__, "attendees": people})
    pdf = build_certificates(_sealed(short, PAKTA_INTEGRITAS))
    text = pdf_text(pdf, tmp_path / "pakta.pdf", "-layout", "-f", "1", "-l", "1")
    assert text.lower().count("bertanda tangan di bawah ini") == 1
    assert "Saya yang bertanda tangan di bawah ini: Nama : Peserta 1" in text
    assert "dalam rangka mewujudkan pemerintahan yang bersih" in text


def test_the_demo_key_seals_the_demo_and_nothing_else(tmp_path):
    """The demo makes its own key (labelled DEMO, public passphrase) and seals its signatures
    with it; it never becomes the key that seals another event."""
    from events.demo import DEMO_NAME, open_demo
    from events.store import Store
    from pledges.demo import complete_demo
    from pledges.documents.record import unsealed_count
    from pledges.keys import SealKeyError, key_info, list_keys, unlock

    store = Store.open(tmp_path / "demo.sqlite")
    try:
        event = complete_demo(store, open_demo(store))
        assert event.name == DEMO_NAME
        [demo] = list_keys(store)
        assert demo.is_demo and demo.label.startswith("DEMO")
        assert unsealed_count(store, event.id) == 0
        assert key_info(store) is None  # a real event still asks for a key of its own
        with pytest.raises(SealKeyError):
            unlock(store, "kunci-demo-ikrar")  # not without naming it
    finally:
        store.close()


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils is not installed")
def test_every_pdf_has_the_same_kind_of_metadata_and_only_embedded_fonts(record, tmp_path):
    from pledges.documents.certificates import build_certificates
    from pledges.documents.invitations import build_invitations
    from pledges.documents.minutes import build_minutes_pdf
    from pledges.documents.public_roster import build_public_pdf
    from pledges.texts import NETRALITAS_ASN_2024

    sealed = _sealed(record, NETRALITAS_ASN_2024)
    documents = {
        "Daftar Hadir": build_attendance_pdf(record),
        "Daftar Hadir kosong untuk diisi di kertas": build_attendance_blank_pdf(record),
        "Berita Acara": build_minutes_pdf(record),
        "Kartu undangan": build_invitations(record.event, record.attendees),
        "Surat Pernyataan bertanda tangan": build_certificates(sealed),
        "Daftar peserta yang telah menandatangani": build_public_pdf(sealed),
    }
    for subject, pdf in documents.items():
        path = tmp_path / "doc.pdf"
        path.write_bytes(pdf)
        info = dict(line.split(":", 1) for line in subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, check=True, text=True
        ).stdout.splitlines() if ":" in line)
        info = {key: value.strip() for key, value in info.items()}
        assert info["Author"] == "Pemerintah Kota Bekasi", subject
        assert info["Creator"] == "Ikrar", subject
        assert info["Subject"].lower().startswith(subject.lower()[:12]), (subject, info)
        assert info["Keywords"].startswith(UID), subject
        assert info["Title"], subject
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True,
                               text=True).stdout.splitlines()[2:]
        assert fonts and all(" yes yes " in line for line in fonts), (subject, fonts)
        assert not any("Helvetica" in line for line in fonts), subject
