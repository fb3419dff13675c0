"""Roster import: messy workbooks and CSVs as government offices write them (no Qt)."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from events.categories import Category
from events.model import Source
from events.roster_import import (
    FIELDS,
    RosterFileError,
    Severity,
    _read_xlsx_openpyxl,
    header_field,
    plan_import,
    propose_mapping,
    read_roster,
    replan,
)

TODAY = date(2025, 6, 1)


# ---------------------------------------------------------------------------------------------
# Fixture builders


def make_xlsx(path: Path, sheets: dict[str, list[list[Any]]],
              merges: dict[str, list[str]] | None = None, hidden: tuple[str, ...] = ()) -> Path:
    """A workbook whose rows land exactly where written (row 1 = list index 0)."""
    wb = Workbook()
    for n, (name, rows) in enumerate(sheets.items()):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = name
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def make_csv(path: Path, lines: list[str], encoding: str = "cp1252", newline: str = "\r\n"
             ) -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    return path


def codes(plan: Any) -> set[tuple[str, int | None, str]]:
    return {(p.sheet, p.row, p.code) for p in plan.problems}


def good_rows(plan: Any) -> dict[tuple[str, int], Category]:
    # The tests compare with tables of (sheet, row) -> category written out in full: they look
    # alike because they are expected data, not repeated logic.
    return {(r.sheet, r.row): r.attendee.category for r in plan.good}


def single_sheet(tmp_path: Path, header: list[str], rows: list[list[Any]],
                 name: str = "Undangan") -> Path:
    return make_xlsx(tmp_path / "r.xlsx", {name: [["DAFTAR UNDANGAN"], [], header, *rows]})


# ---------------------------------------------------------------------------------------------
# The messy workbook: letterhead, column numbers, every kind of NIP, JUMLAH, signature, guests


MESSY_UNDANGAN: list[list[Any]] = [
    ["PEMERINTAH KOTA BEKASI"],  # 1 (merged A1:H1)
    ["BADAN KESATUAN BANGSA DAN POLITIK"],  # 2
    ["DAFTAR UNDANGAN IKRAR NETRALITAS ASN"],  # 3
    [],  # 4
    ["NO.", "N A M A", "N I P", "PANGKAT/\nGOL.", "JABATAN", "ESL", "OPD", "No. HP / WA"],  # 5
    [1, 2, 3, 4, 5, 6, 7, 8],  # 6: column numbers
    [1, "Drs. H. Ahmad Syarif, M.Si.", "19690621 199408 1 003", "Pembina Utama Muda (IV/c)",
     "Kepala Badan Kesatuan Bangsa dan Politik", "II.b", "Kesbangpol", "081234567890"],  # 7
    [2, "  Hesti   Mahendra,  S.Sos. ", "'198303242009051003", "Penata (III/c)",
     "Kepala Seksi Pelayanan", "IV.b", "Setda", 81234567891],  # 8: lost leading 0
    [],  # 9
    [3, "Oman Wibowo, S.E.", 1.98412202007052e17, "Penata Muda (III/a)", "Kepala Bidang Umum",
     "III.a", "Disdik"],  # 10: NIP stored as a number
    [4, "Dian Wibowo", "19901215.201803.1.002", None, "Analis Kebijakan Ahli Muda", None,
     "Bappeda"],  # 11: dots, fungsional from the title
    [5, "Rina Lestari, S.Pd.", "200012312024211001", "IX", "Guru Ahli Pertama", None,
     "Disdik"],  # 12: NI PPPK (digit 13 is 2)
    [6, "Budi Dobel", "196906211994081003", None, "Kepala Seksi Umum", "IV.a", "Setda"],  # 13
    [7, "Tanggal Salah", "198302302009051003", None, "Staf", None, "Setda"],  # 14: 30 Feb
    [8, "TMT Salah", "198303242009131003", None, "Staf", None, "Setda"],  # 15: month 13
    [9, "Staf Tanpa Jabatan", "198812112014041003", None, None, None, "Setda"],  # 16
    [10, None, "198505272009102002", None, "Pengadministrasi Umum", None, "Setda"],  # 17
    [11, "Andi Honorer", "3275014107900001", None, "Pengadministrasi Umum", None,
     "Setda"],  # 18: a NIK in the NIP column
    [12, "Sudah Terdaftar", "199202252018051003", None, "Kepala Seksi Umum", "IV.a",
     "Setda"],  # 19: already in the event
    ["JUMLAH", None, None, None, None, None, None, 12],  # 20 (merged A20:D20)
    [],
    [None, None, None, None, None, "Bekasi, 2 November 2023"],  # 22
    [None, None, None, None, None, "Kepala Badan Kesbangpol,"],
    [],
    [],
    [None, None, None, None, None, "Drs. H. Ahmad Syarif, M.Si."],  # 26
    [None, None, None, None, None, "NIP. 19690621 199408 1 003"],  # 27
]
MESSY_TAMU: list[list[Any]] = [
    ["TAMU UNDANGAN"],  # 1
    [],
    ["No", "Nama Lengkap", "Jabatan", "Instansi", "Telepon"],  # 3
    [1, "AKBP Sudirman", "Kapolres Metro Bekasi Kota", "Polres Metro Bekasi Kota",
     "0812-9999-0001"],  # 4
    [2, "Bambang Santoso", "Ketua", "PWI Kota Bekasi", "+62 813 1111 2222"],  # 5
    [3, "Siti Aminah", "Kepala Kejaksaan Negeri", "Kejaksaan Negeri Bekasi",
     "0812-5555-1234 / 0813-1234-5678"],  # 6
    ["Total: 3 orang"],  # 7
]


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return make_xlsx(
        tmp_path / "undangan.xlsx",
        {"Undangan": MESSY_UNDANGAN, "Tamu": MESSY_TAMU,
         "Rekap": [["No", "Nama", "NIP"], [1, "Orang Tersembunyi", "196906211994081003"]],
         "Sheet3": []},
        merges={"Undangan": ["A1:H1", "A2:H2", "A3:H3", "A20:D20"], "Tamu": ["A1:E1"]},
        hidden=("Rekap",),
    )


@pytest.fixture
def messy_plan(messy: Path) -> Any:
    return plan_import(messy, existing_nips={"19920225 201805 1 003"}, today=TODAY)


def test_messy_workbook_header_and_footer_found(messy_plan: Any) -> None:
    undangan, tamu = messy_plan.sheets
    assert [s.name for s in messy_plan.sheets] == ["Undangan", "Tamu"]  # hidden, empty: skipped
    assert messy_plan.raw.hidden_sheets == ["Rekap"]
    assert (undangan.header_row, undangan.header_span) == (5, 1)
    assert undangan.headers[:3] == ["NO.", "N A M A", "N I P"]
    assert undangan.mapping == {
        "no": 0, "name": 1, "title_front": None, "title_back": None, "nip": 2, "nik": None,
        "golongan": 3, "jabatan": 4, "eselon": 5, "unit": 6, "institution": None, "phone": 7,
        "category": None, "note": None,
    }
    assert undangan.skipped == [(6, "column_numbers")]
    assert (undangan.first_data_row, undangan.last_data_row) == (7, 19)
    assert undangan.data_rows == 12
    assert undangan.footer_row == 20  # the signature block below is never read
    assert tamu.guest and tamu.header_row == 3 and tamu.footer_row == 7
    assert tamu.mapping["institution"] == 3 and tamu.mapping["unit"] is None
    assert undangan.preview[0][0] == 7 and undangan.preview[0][1][1].startswith("Drs. H. Ahmad")


def test_messy_workbook_problems_as_the_user_sees_them(messy_plan: Any) -> None:
    assert codes(messy_plan) == {
        ("Undangan", 8, "phone_leading_zero"),
        ("Undangan", 10, "nip_excel_number"),
        ("Undangan", 13, "nip_duplicate_file"),
        ("Undangan", 14, "nip_birth_date"),
        ("Undangan", 15, "nip_tmt"),
        ("Undangan", 16, "category_guessed"),
        ("Undangan", 17, "name_missing"),
        ("Undangan", 19, "nip_duplicate_event"),
        ("Tamu", 6, "phone_multiple"),
    }
    assert messy_plan.error_rows == 6
    by_code = {p.code: p for p in messy_plan.problems}
    excel = by_code["nip_excel_number"]
    assert excel.severity is Severity.ERROR and excel.column == "C" and excel.field == "nip"
    assert excel.value == "1.98412202007052e+17"
    dup = by_code["nip_duplicate_file"]
    assert "baris 7" in dup.message and "Ahmad Syarif" in dup.message
    assert str(dup).startswith("Undangan baris 13, kolom C (NIP): ")
    assert by_code["nip_tmt"].value == "198303242009131003"
    assert by_code["phone_leading_zero"].severity is Severity.WARNING
    assert by_code["category_guessed"].severity is Severity.WARNING


def test_messy_workbook_good_rows_and_categories(messy_plan: Any) -> None:
    assert good_rows(messy_plan) == {
        ("Undangan", 7): Category.ESELON_II,
        ("Undangan", 8): Category.ESELON_IV,
        ("Undangan", 11): Category.FUNGSIONAL,
        ("Undangan", 12): Category.PPPK,
        ("Undangan", 16): Category.PELAKSANA,
        ("Undangan", 18): Category.NON_ASN,
        ("Tamu", 4): Category.TAMU,
        ("Tamu", 5): Category.TAMU,
        ("Tamu", 6): Category.TAMU,
    }
    assert messy_plan.by_category == {
        Category.ESELON_II: 1, Category.ESELON_IV: 1, Category.FUNGSIONAL: 1,
        Category.PELAKSANA: 1, Category.PPPK: 1, Category.NON_ASN: 1, Category.TAMU: 3,
    }
    assert messy_plan.by_category["tamu"] == 3  # keyed by the Category value too
    people = {(r.sheet, r.row): r.attendee for r in messy_plan.good}
    hesti = people["Undangan", 8]
    assert hesti.name == "Hesti Mahendra, S.Sos."  # titles kept, whitespace collapsed
    assert hesti.nip == "198303242009051003" and hesti.phone == "081234567891"
    assert hesti.golongan == "Penata (III/c)" and hesti.unit == "Setda"
    assert people["Undangan", 11].nip == "199012152018031002"
    assert people["Undangan", 18].nip is None and people["Undangan", 18].nik == "3275014107900001"
    guest = people["Tamu", 5]
    assert guest.institution == "PWI Kota Bekasi" and guest.phone == "081311112222"
    assert people["Tamu", 6].phone == "081255551234"
    for a in messy_plan.good_attendees():
        assert a.source is Source.IMPORT and a.invited
    warned = {(r.sheet, r.row): [w.code for w in r.warnings] for r in messy_plan.good}
    assert warned["Undangan", 8] == ["phone_leading_zero"]
    assert warned["Undangan", 7] == []


def test_fast_reader_reads_what_openpyxl_reads(messy: Path) -> None:
    fast = read_roster(messy)
    slow = _read_xlsx_openpyxl(messy)
    assert [s.name for s in fast.sheets] == [s.name for s in slow.sheets]
    for a, b in zip(fast.sheets, slow.sheets, strict=True):
        assert a.rows == b.rows
        assert a.filled == b.filled
    assert fast.hidden_sheets == slow.hidden_sheets == ["Rekap"]
    undangan = fast.sheets[0].rows
    assert isinstance(undangan[9][2], float)  # the NIP Excel stored as a number stays a number
    assert undangan[7][7] == 81234567891


def test_summary_and_json(messy_plan: Any) -> None:
    text = messy_plan.summary()
    assert "Siap diimpor: 9 orang" in text
    assert "Tamu: 3" in text and "Ditolak (galat): 6 baris" in text
    assert "[GALAT] Undangan baris 10, kolom C (NIP)" in text
    assert "Lembar tersembunyi dilewati: Rekap" in text
    data = json.loads(json.dumps(messy_plan.to_dict(rows=True)))
    assert data["good"] == 9 and data["error_rows"] == 6
    assert data["by_category"]["tamu"] == 3
    assert {p["code"] for p in data["problems"]} >= {"nip_excel_number", "nip_duplicate_event"}
    assert data["sheets"][0]["header_row"] == 5
    assert data["rows"][0]["nip"] == "196906211994081003"


# ---------------------------------------------------------------------------------------------
# Headers


@pytest.mark.parametrize(("text", "field"), [
    ("No", "no"), ("No.", "no"), ("NO", "no"), ("Nomor", "no"),
    ("Nama", "name"), ("NAMA", "name"), ("Nama Lengkap", "name"), ("Nama Peserta", "name"),
    ("Nama (dengan gelar)", "name"),
    ("NIP", "nip"), ("N I P", "nip"), ("N.I.P.", "nip"), ("NIP / NIK", "nip"),
    ("NIP Baru", "nip"), ("NIP Lama", None),
    ("NIK", "nik"), ("No. KTP", "nik"),
    ("Pangkat/Gol", "golongan"), ("Gol.", "golongan"), ("Golongan", "golongan"),
    ("Pangkat/Golongan", "golongan"), ("Gol. Ruang", "golongan"),
    ("Jabatan", "jabatan"), ("Nama Jabatan", "jabatan"), ("Eselon", "eselon"), ("Esl", "eselon"),
    ("Unit Kerja", "unit"), ("OPD", "unit"), ("SKPD", "unit"), ("Perangkat Daerah", "unit"),
    ("Instansi", "institution"), ("Asal Instansi", "institution"), ("Lembaga", "institution"),
    ("No. HP", "phone"), ("No HP", "phone"), ("Telepon", "phone"), ("HP", "phone"),
    ("No. Telp", "phone"), ("WA", "phone"), ("No. HP/WA", "phone"),
    ("Kategori", "category"), ("Status", "category"), ("Jenis", "category"),
    ("Keterangan", "note"), ("Ket.", "note"),
    ("Gelar Depan", "title_front"), ("Gelar Belakang", "title_back"),
    ("Tanda Tangan", None), ("TTD", None), ("Jenis Kelamin", None), ("Waktu", None),
    ("DAFTAR UNDANGAN SOSIALISASI ANTI KORUPSI", None), (17, None), (None, None),
])
def test_header_spellings(text: object, field: str | None) -> None:
    assert header_field(text) == field


def test_instansi_is_the_opd_on_a_staff_list_and_the_institution_on_a_guest_list() -> None:
    staff = propose_mapping(["No", "Nama", "Instansi"])
    assert staff["unit"] == 2 and staff["institution"] is None
    guests = propose_mapping(["No", "Nama", "Instansi"], guest=True)
    assert guests["institution"] == 2 and guests["unit"] is None
    both = propose_mapping(["No", "Nama", "Unit Kerja", "Asal Instansi"])
    assert both["unit"] == 2 and both["institution"] == 3
    assert set(both) == set(FIELDS)


def test_two_row_header_with_vertical_merges(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["DAFTAR UNDANGAN"],  # 1
        [],  # 2
        ["No", "Nama", "NIP", "Kontak", None, "Unit Kerja"],  # 3 (A3:A4, B3:B4 ... merged)
        [None, None, None, "HP", "Email", None],  # 4
        [1, "Ani Lestari", "198303242009052003", "081211112222", "ani@example.org",
         "Dinas Pendidikan"],  # 5 (F5:F7 merged)
        [2, "Budi Santoso", "198404252010011002", "081233334444"],  # 6
        [3, "Citra Dewi", "198505262011012001", None],  # 7
    ]
    path = make_xlsx(tmp_path / "dua.xlsx", {"Peserta": rows},
                     merges={"Peserta": ["A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "F5:F7"]})
    plan = plan_import(path, today=TODAY)
    sheet = plan.sheet("Peserta")
    assert (sheet.header_row, sheet.header_span) == (4, 2)
    assert sheet.headers == ["No", "Nama", "NIP", "HP", "Email", "Unit Kerja"]
    assert sheet.mapping["phone"] == 3 and sheet.mapping["unit"] == 5
    assert [(r.row, r.attendee.unit) for r in plan.good] == [
        (5, "Dinas Pendidikan"), (6, "Dinas Pendidikan"), (7, "Dinas Pendidikan")]


def test_group_header_above_the_recognised_header(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["PEMERINTAH KABUPATEN BOGOR"],
        [None, "IDENTITAS PEGAWAI", None, None, "KEDUDUKAN"],  # 2: group labels only
        ["No", "Nama Pegawai", "NIP", "Pangkat/Gol", "Jabatan", "Eselon"],  # 3
        [1, "Dewi Kartika, S.H.", "19800101 200501 2 001", "III/d", "Kepala Bagian Hukum",
         "III.a"],
    ]
    path = make_xlsx(tmp_path / "grup.xlsx", {"Sheet1": rows},
                     merges={"Sheet1": ["B2:D2", "E2:F2"]})
    plan = plan_import(path, today=TODAY)
    assert plan.sheets[0].header_row == 3 and plan.sheets[0].header_span == 1
    assert good_rows(plan) == {("Sheet1", 4): Category.ESELON_III}


# ---------------------------------------------------------------------------------------------
# Body of the table: headings, subtotals, repeated headers, templates, signatures


def test_section_headings_subtotals_and_repeated_header(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["DAFTAR PESERTA"],  # 1
        ["No", "Nama", "NIP", "Jabatan", "Unit Kerja"],  # 2
        ["A. PEJABAT ESELON III"],  # 3 (merged A3:E3)
        [1, "Eko Prasetyo", "19750505 200003 1 004", "Pejabat Struktural", "Dinas Sosial"],  # 4
        [2, "Fajar Nugroho", "19760606 200104 1 005", None, "Dinas Sosial"],  # 5
        [None, "Jumlah", None, None, 2],  # 6: subtotal, the list goes on
        ["B.", "TAMU UNDANGAN"],  # 7
        [3, "Gita Savitri", None, "Ketua", "Ikatan Notaris Indonesia"],  # 8
        ["No", "Nama", "NIP", "Jabatan", "Unit Kerja"],  # 9: header repeated at a page break
        [4, "Hadi Susanto", None, "Sekretaris", "KADIN Kota Bekasi"],  # 10
        ["C. NON ASN"],  # 11
        [5, "Indah Permata", None, "Tenaga Administrasi", "Dinas Sosial"],  # 12
        [6],  # 13: a numbered line nobody filled in
        [7],  # 14
        [None, "JUMLAH SELURUHNYA", None, None, 5],  # 15
        [None, None, None, "Mengetahui,"],  # 16
    ]
    path = make_xlsx(tmp_path / "seksi.xlsx", {"Peserta": rows},
                     merges={"Peserta": ["A3:E3", "B7:E7", "A11:E11"]})
    plan = plan_import(path, today=TODAY)
    assert good_rows(plan) == {
        ("Peserta", 4): Category.ESELON_III,
        ("Peserta", 5): Category.ESELON_III,
        ("Peserta", 8): Category.TAMU,
        ("Peserta", 10): Category.TAMU,
        ("Peserta", 12): Category.NON_ASN,
    }
    assert plan.problems == []
    sheet = plan.sheets[0]
    assert sheet.skipped == [(3, "heading"), (6, "subtotal"), (7, "heading"),
                             (9, "header_repeat"), (11, "heading")]
    assert sheet.footer_row == 15
    guest = {r.row: r.attendee for r in plan.good}[8]
    assert guest.institution == "Ikatan Notaris Indonesia" and guest.unit == ""


def test_rows_below_the_footer_are_reported(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["No", "Nama", "NIP"],
        [1, "Joko Susilo", "19700101 199503 1 001"],
        [None, "Jumlah", 1],  # 3
        [],
        [2, "Kartini Sari", "19710202 199603 2 002"],  # 5
        ["Bekasi, 2 November 2023"],  # 6
    ]
    path = make_xlsx(tmp_path / "kaki.xlsx", {"Sheet1": rows})
    plan = plan_import(path, today=TODAY)
    # A person row follows the JUMLAH, so it is a subtotal and reading goes on.
    assert [r.row for r in plan.good] == [2, 5]
    assert plan.sheets[0].footer_row == 6

    rows[2] = [None, "Mengetahui,"]  # a signature block cannot be a subtotal
    path = make_xlsx(tmp_path / "kaki2.xlsx", {"Sheet1": rows})
    plan = plan_import(path, today=TODAY)
    assert [r.row for r in plan.good] == [2]
    (problem,) = [p for p in plan.problems if p.code != "category_guessed"]
    assert (problem.row, problem.code, problem.severity) == (3, "rows_after_footer",
                                                             Severity.WARNING)
    assert "baris 5" in problem.message


def test_name_and_nip_in_one_cell_and_simpeg_title_columns(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["NIP BARU", "NIP LAMA", "GELAR DEPAN", "NAMA", "GELAR BELAKANG", "GOL. RUANG",
         "JABATAN", "ESELON", "UNIT KERJA"],
        ["198303242009051003", "010258147", "Dr.", "Lia Kusuma", "S.E., M.M.", "IV/a",
         "Kepala Bidang Anggaran", "III.b", "BPKAD"],
    ]
    plan = plan_import(make_xlsx(tmp_path / "simpeg.xlsx", {"Data": rows}), today=TODAY)
    (row,) = plan.good
    assert row.attendee.name == "Dr. Lia Kusuma, S.E., M.M."
    assert row.attendee.nip == "198303242009051003" and row.attendee.golongan == "IV/a"
    assert plan.sheets[0].mapping["nip"] == 0 and plan.problems == []

    rows = [["No", "Nama / NIP", "Jabatan"],
            [1, "Drs. Ahmad Syarif, M.Si.\nNIP. 19690621 199408 1 003", "Kepala Badan"]]
    plan = plan_import(make_xlsx(tmp_path / "hadir.xlsx", {"Data": rows}), today=TODAY)
    (row,) = plan.good
    assert row.attendee.name == "Drs. Ahmad Syarif, M.Si."
    assert row.attendee.nip == "196906211994081003"


# ---------------------------------------------------------------------------------------------
# NIP, NIK, phone, categories


@pytest.mark.parametrize(("value", "nip", "code"), [
    (196906211994081000, None, "nip_excel_number"),  # Excel keeps 15 significant digits
    (1.96906211994081e17, None, "nip_excel_number"),
    ("1.96906E+17", None, "nip_excel_number"),
    ("196906211994081000", None, "nip_excel_number"),  # the same, re-typed as text
    ("'196906211994081003", "196906211994081003", None),
    ("19690621.199408.1.003", "196906211994081003", None),
    ("NIP. 19690621 199408 1 003", "196906211994081003", None),
    ("19690621 199408 1 00", None, "nip_length"),
    ("19690621 199408 3 003", None, "nip_sex"),
    ("19690621 198008 1 003", None, "nip_too_young"),
    ("19690621 19940A 1 003", None, "nip_not_digits"),
])
def test_nip_as_written(tmp_path: Path, value: Any, nip: str | None, code: str | None) -> None:
    path = single_sheet(tmp_path, ["No", "Nama", "NIP", "Eselon"],
                        [[1, "Pegawai Satu", value, "IV.a"]])
    plan = plan_import(path, today=TODAY)
    if code is None:
        assert plan.problems == []
        assert plan.good[0].attendee.nip == nip
    else:
        assert codes(plan) == {("Undangan", 4, code)}
        assert plan.good == [] and plan.error_rows == 1


def test_pppk_numbers(tmp_path: Path) -> None:
    path = single_sheet(tmp_path, ["No", "Nama", "NIP", "Jabatan"], [
        [1, "Putri PPPK", "200012312024211001", "Pengadministrasi Umum"],  # 4
        [2, "Raka PPPK", "199501012023213002", "Guru Ahli Pertama"],  # 5: sex digit 3
        [3, "Rudi PNS", "199501012023011002", "Guru Ahli Pertama"],  # 6
    ])
    plan = plan_import(path, today=TODAY)
    assert good_rows(plan) == {("Undangan", 4): Category.PPPK, ("Undangan", 5): Category.PPPK,
                               ("Undangan", 6): Category.FUNGSIONAL}
    (problem,) = plan.problems
    assert (problem.row, problem.code, problem.severity) == (5, "nip_sex", Severity.WARNING)


def test_nik_for_non_asn_and_guests(tmp_path: Path) -> None:
    path = single_sheet(tmp_path, ["No", "Nama", "NIP / NIK", "NIK", "Jabatan", "Lembaga"], [
        [1, "Wati Honorer", "3275014107900001", None, "Tenaga Kebersihan", None],  # 4
        [2, "Yusuf", None, "3275010101850002", None, None],  # 5
        [3, "Zainal", None, "3275013013850002", None, None],  # 6: day 30, month 13
        [4, "Wati Lagi", "3275 0141 0790 0001", None, None, None],  # 7: same NIK as row 4
        [5, "Pak RT", "Non ASN", None, None, None],  # 8: a status word where a NIP goes
        [6, "Ibu Camat Tamu", None, None, None, "Kecamatan Tetangga"],  # 9: no id, institution
        [7, "Tanpa Keterangan", None, None, None, None],  # 10
    ])
    plan = plan_import(path, today=TODAY, existing_niks={"3275010101850002"})
    assert codes(plan) == {
        ("Undangan", 5, "nik_duplicate_event"),
        ("Undangan", 6, "nik_birth_date"),
        ("Undangan", 7, "nik_duplicate_file"),
        ("Undangan", 10, "category_guessed"),
    }
    assert good_rows(plan) == {
        ("Undangan", 4): Category.NON_ASN,
        ("Undangan", 8): Category.NON_ASN,
        ("Undangan", 9): Category.TAMU,
        ("Undangan", 10): Category.TAMU,
    }
    assert plan.good[0].attendee.nik == "3275014107900001"
    nik_dup = next(p for p in plan.problems if p.code == "nik_duplicate_file")
    assert nik_dup.column == "C" and "baris 4" in nik_dup.message


def test_category_precedence(tmp_path: Path) -> None:
    path = single_sheet(tmp_path, ["No", "Nama", "NIP", "Jabatan", "Eselon", "Status"], [
        [1, "A", "198303242009051003", "Kepala Seksi Umum", "III.a", None],  # 4: eselon wins
        [2, "B", "198303242009051004", "Kepala Seksi Umum", None, "PNS"],  # 5: jabatan
        [3, "C", "198303242009051005", "Staf Umum", "Non Eselon", "Tamu"],  # 6: status wins
        [4, "D", "198303242009051006", None, "JFT", None],  # 7: alias
        [5, "E", "198303242009051007", "Pengelola Kontrak", "Xyz", None],  # 8: unknown eselon
        [6, "F", None, "Kepala Bidang Umum", "III.b", None],  # 9: ASN without a NIP
    ])
    plan = plan_import(path, today=TODAY)
    assert good_rows(plan) == {
        ("Undangan", 4): Category.ESELON_III,
        ("Undangan", 5): Category.ESELON_IV,
        ("Undangan", 6): Category.TAMU,
        ("Undangan", 7): Category.FUNGSIONAL,
        ("Undangan", 8): Category.PELAKSANA,
        ("Undangan", 9): Category.ESELON_III,
    }
    assert codes(plan) == {
        ("Undangan", 8, "category_unknown"),
        # A NIP PNS proves a civil servant: "Kontrak" in the title does not make a Non-ASN.
        ("Undangan", 8, "category_guessed"),
        ("Undangan", 9, "nip_missing"),
    }
    unknown = next(p for p in plan.problems if p.code == "category_unknown")
    assert unknown.field == "eselon" and unknown.value == "Xyz" and unknown.column == "E"


def test_guest_sheet_names(tmp_path: Path) -> None:
    header = ["No", "Nama", "Jabatan", "Instansi"]
    body = [[1, "Kombes Hartono", "Kapolres", "Polres Metro"]]
    path = make_xlsx(tmp_path / "g.xlsx", {
        "Undangan Eksternal": [header, *body],
        "Internal": [header, [1, "Lurah Baru", "Lurah Jatimulya", "Kecamatan Tambun"]],
    })
    plan = plan_import(path, today=TODAY)
    assert good_rows(plan) == {("Undangan Eksternal", 2): Category.TAMU,
                               ("Internal", 2): Category.ESELON_IV}
    internal = plan.good[1]
    assert internal.attendee.unit == "Kecamatan Tambun"
    assert codes(plan) == {("Internal", 2, "nip_missing")}


def test_duplicates_across_sheets_and_names_without_id(tmp_path: Path) -> None:
    nip = "19690621 199408 1 003"
    path = make_xlsx(tmp_path / "d.xlsx", {
        "Undangan": [["No", "Nama", "NIP"], [1, "Ahmad", nip], [2, "Tamu Sama", None]],
        "Tamu": [["No", "Nama", "NIP"], [1, "Ahmad lagi", nip.replace(" ", "")],
                 [2, "Tamu  Sama", None]],
    })
    plan = plan_import(path, today=TODAY)
    dup = next(p for p in plan.problems if p.code == "nip_duplicate_file")
    assert (dup.sheet, dup.row) == ("Tamu", 2)
    assert "lembar Undangan baris 2" in dup.message
    same_name = next(p for p in plan.problems if p.code == "name_duplicate_file")
    assert (same_name.sheet, same_name.row, same_name.severity) == ("Tamu", 3, Severity.WARNING)
    assert len(plan.good) == 3


@pytest.mark.parametrize(("value", "phone", "code"), [
    ("0812-3456-7890", "081234567890", None),
    ("+62 812 3456 7890", "081234567890", None),
    (81234567890, "081234567890", "phone_leading_zero"),
    (81234567890.0, "081234567890", "phone_leading_zero"),
    ("0812 3456 7890 / 0857 1111 2222", "081234567890", "phone_multiple"),
    ("tidak ada", "", "phone_invalid"),
    ("-", "", None),
])
def test_phone_numbers_never_reject_a_row(tmp_path: Path, value: Any, phone: str,
                                          code: str | None) -> None:
    path = single_sheet(tmp_path, ["No", "Nama", "NIP", "Eselon", "No. HP"],
                        [[1, "Pegawai", "198303242009051003", "IV.a", value]])
    plan = plan_import(path, today=TODAY)
    assert plan.good[0].attendee.phone == phone
    assert {p.code for p in plan.problems} == ({code} if code else set())
    assert all(p.severity is Severity.WARNING for p in plan.problems)


def test_a_number_where_the_name_goes_is_an_error(tmp_path: Path) -> None:
    path = single_sheet(tmp_path, ["No", "Nama", "NIP"], [[1, 198303242009051003.0, "Ani"],
                                                         [2, "Budi", "198404252010011002"]])
    plan = plan_import(path, today=TODAY)
    assert {(p.row, p.code) for p in plan.problems if p.is_error} == {(4, "name_invalid")}
    assert [r.row for r in plan.good] == [5]


# ---------------------------------------------------------------------------------------------
# CSV


SAMPLE_LIKE = [
    "DAFTAR UNDANGAN SOSIALISASI ANTI KORUPSI;;;;;",
    ";;;;;",
    "No;Nama;NIP;Jabatan;Eselon;Unit Kerja",
    "1;Hesti Mahendra, S.Sos., M.Si.;198303242009051003;Kepala Seksi Pelayanan;IV.b;"
    "Bagian Hukum Setda",
    "2;Oman Wibowo, S.E.;19841220 200705 2 003;Kepala Bidang Perencanaan;III.a;Bagian Hukum",
    "3;Krisna Panjaitan;'196906211994081003;Pengadministrasi Perencanaan;;Kecamatan Rawalumbu",
    "4;Ma'ruf Hidayat, S.H.;19920128 201609 2 003;Kepala Seksi Pelayanan – Umum;;Dinas PU",
    "5;Fitri Utami, S.T.;19710402 199703 1 003;Kepala Dinas Umum;II.b;Disdukcapil",
    "6;Sinta Honorer;3275014107900001;Tenaga Administrasi;;Disdukcapil",
    "7;Oman Dobel;'198303242009051003;Kepala Seksi Umum;IV.a;Disdukcapil",
    ";Jumlah: 7 orang;;;;",
]


def test_csv_cp1252_semicolons_crlf_like_the_sample(tmp_path: Path) -> None:
    path = make_csv(tmp_path / "undangan_contoh.csv", SAMPLE_LIKE)
    assert b"\r\n" in path.read_bytes() and b"\x96" in path.read_bytes()  # cp1252 en dash
    plan = plan_import(path, today=TODAY)
    assert (plan.format, plan.encoding, plan.delimiter) == ("csv", "cp1252", ";")
    sheet = plan.sheets[0]
    assert sheet.name == "undangan_contoh"
    assert (sheet.header_row, sheet.first_data_row, sheet.footer_row) == (3, 4, 11)
    assert good_rows(plan) == {
        ("undangan_contoh", 4): Category.ESELON_IV,
        ("undangan_contoh", 5): Category.ESELON_III,
        ("undangan_contoh", 6): Category.PELAKSANA,
        ("undangan_contoh", 7): Category.ESELON_IV,
        ("undangan_contoh", 8): Category.ESELON_II,
        ("undangan_contoh", 9): Category.NON_ASN,
    }
    assert codes(plan) == {("undangan_contoh", 10, "nip_duplicate_file")}
    people = {r.row: r.attendee for r in plan.good}
    assert people[6].nip == "196906211994081003"  # the apostrophe is Excel's text marker
    assert people[7].jabatan == "Kepala Seksi Pelayanan – Umum"
    assert people[7].name == "Ma'ruf Hidayat, S.H."  # an apostrophe inside a name stays


@pytest.mark.parametrize(("delimiter", "encoding", "newline"), [
    (",", "utf-8-sig", "\n"), ("\t", "utf-8", "\r\n"), (";", "utf-16", "\r\n"),
])
def test_csv_other_delimiters_and_encodings(tmp_path: Path, delimiter: str, encoding: str,
                                            newline: str) -> None:
    def line(*cells: str) -> str:
        return delimiter.join(f'"{c}"' if delimiter in c else c for c in cells)

    lines = [
        line("Daftar Hadir Rapat Koordinasi"),
        line("No", "Nama Lengkap", "NIP", "Gol.", "Jabatan", "No. HP"),
        line("1", "Siti Nurhaliza, S.Kom., M.T.", "19860926 201505 2 001", "III/c",
             "Pranata Komputer Ahli Muda", "081234567890"),
        line("2", "Ñoman Saragih", "19870101 201001 1 002", "III/b", "Kepala Seksi Data",
             "="'"0812345678"'),
    ]
    path = tmp_path / "hadir.csv"
    path.write_bytes(newline.join(lines).encode(encoding))
    plan = plan_import(path, today=TODAY)
    assert plan.delimiter == delimiter
    assert [(r.row, r.attendee.name, r.attendee.category) for r in plan.good] == [
        (3, "Siti Nurhaliza, S.Kom., M.T.", Category.FUNGSIONAL),
        (4, "Ñoman Saragih", Category.ESELON_IV),
    ]
    assert plan.good[1].attendee.phone == "0812345678"


# ---------------------------------------------------------------------------------------------
# Correcting the proposal


def test_replan_with_a_corrected_mapping(tmp_path: Path) -> None:
    path = single_sheet(tmp_path, ["No", "Nama", "Nomor Pegawai", "Eselon"], [
        [1, "Ani", "198303242009051003", "IV.a"],
        [2, "Budi", "198404252010011002", None],
    ])
    plan = plan_import(path, today=TODAY)
    sheet = plan.sheet("Undangan")
    assert sheet.mapping["nip"] is None
    assert sheet.columns[2] == (2, "Nomor Pegawai", None)
    assert {r.attendee.nip for r in plan.good} == {None}

    fixed = replan(plan, "Undangan", mapping={"nip": 2})
    assert fixed.sheet("Undangan").columns[2] == (2, "Nomor Pegawai", "nip")
    assert [r.attendee.nip for r in fixed.good] == ["198303242009051003", "198404252010011002"]
    assert good_rows(fixed) == {("Undangan", 4): Category.ESELON_IV,
                                ("Undangan", 5): Category.PELAKSANA}
    assert codes(fixed) == {("Undangan", 5, "category_guessed")}
    assert plan.sheet("Undangan").mapping["nip"] is None  # the old plan is untouched

    unmapped = replan(fixed, "Undangan", mapping={"name": None})
    assert unmapped.good == []
    assert codes(unmapped) == {("Undangan", None, "sheet_no_name_column")}

    with pytest.raises(ValueError):
        replan(plan, "Undangan", mapping={"gelar": 1})
    with pytest.raises(ValueError):
        replan(plan, "Undangan", mapping={"nip": 40})
    with pytest.raises(KeyError):
        replan(plan, "Lembar Lain", mapping={"nip": 1})


def test_replan_with_a_chosen_header_row_and_sheets_left_out(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "h.xlsx", {
        "Undangan": [["No", "Nama", "NIP"], [1, "Ani", "198303242009051003"]],
        "Lampiran": [["Lampiran surat"], ["Nm. Pegawai", "Nmr Induk"],
                     ["Citra", "198505262011012001"]],
    })
    plan = plan_import(path, today=TODAY)
    assert codes(plan) == {("Undangan", 2, "category_guessed"),
                           ("Lampiran", None, "sheet_no_header")}
    assert not plan.sheet("Lampiran").include
    assert plan.raw_rows("Lampiran", 2, 1) == [(2, ("Nm. Pegawai", "Nmr Induk"))]

    plan = replan(plan, "Lampiran", header_row=2, mapping={"name": 0, "nip": 1})
    lampiran = plan.sheet("Lampiran")
    assert lampiran.include and lampiran.header_row == 2
    assert [(r.sheet, r.row, r.attendee.nip) for r in plan.good] == [
        ("Undangan", 2, "198303242009051003"), ("Lampiran", 3, "198505262011012001")]

    plan = replan(plan, "Undangan", include=False)
    assert [r.sheet for r in plan.good] == ["Lampiran"]
    with pytest.raises(ValueError):
        replan(plan, "Lampiran", header_row=99)


# ---------------------------------------------------------------------------------------------
# Files that cannot be read at all


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


@pytest.mark.parametrize(("name", "content", "code"), [
    ("hilang.xlsx", None, "file_not_found"),
    ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "file_format"),
    ("rusak.xlsx", b"PK\x03\x04" + b"\x00garbage" * 20, "file_unreadable"),
    ("bukan.xlsx", b"just some text, not a workbook", "file_unreadable"),
    ("web.xls", b"<html><body><table><tr><td>Nama</td></tr></table></body></html>",
     "file_format"),
    ("laporan.pdf", b"%PDF-1.4 ...", "file_format"),
    ("kosong.csv", b"", "file_empty"),
    ("kosong2.csv", b";;;\r\n;;;\r\n", "file_empty"),
    ("tanpa_judul.csv", b"1;Ani;198303242009051003\r\n2;Budi;198404252010011002\r\n",
     "no_header"),
])
def test_unreadable_files(tmp_path: Path, name: str, content: bytes | None, code: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(RosterFileError) as info:
        plan_import(path)
    assert info.value.code == code
    assert info.value.message and str(info.value) == info.value.message


def test_zip_files_that_are_not_workbooks(tmp_path: Path) -> None:
    ods = _zip(tmp_path / "daftar.ods", {"mimetype": "application/vnd.oasis", "content.xml": ""})
    docx = _zip(tmp_path / "surat.xlsx", {"word/document.xml": "<w/>"})
    for path in (ods, docx):
        with pytest.raises(RosterFileError) as info:
            plan_import(path)
        assert info.value.code == "file_format"


def test_a_workbook_saved_under_another_extension_and_one_without_header(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "a.xlsx", {"S": [["No", "Nama", "NIP"],
                                                 [1, "Ani", "198303242009051003"]]})
    renamed = path.rename(tmp_path / "daftar.xls")
    assert len(plan_import(renamed, today=TODAY).good) == 1

    no_header = make_xlsx(tmp_path / "b.xlsx", {"S": [["Ani", "198303242009051003"]]})
    with pytest.raises(RosterFileError) as info:
        plan_import(no_header)
    assert info.value.code == "no_header"


# ---------------------------------------------------------------------------------------------
# A large roster (its speed: bench/bench_import.py)


def test_planning_5000_rows_reads_every_row(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Undangan")
    ws.append(["PEMERINTAH KOTA BEKASI"])
    ws.append(["DAFTAR UNDANGAN"])
    ws.append([])
    ws.append(["No", "Nama", "NIP", "Pangkat/Gol", "Jabatan", "Eselon", "Unit Kerja", "No. HP"])
    titles = ["Kepala Seksi Pelayanan", "Kepala Bidang Umum", "Pengadministrasi Umum",
              "Analis Kebijakan Ahli Muda", "Kepala Dinas Pendidikan"]
    eselon = ["IV.a", "III.b", None, None, "II.b"]
    for i in range(5000):
        nip = (f"19{70 + i % 20}{i % 12 + 1:02d}{i % 28 + 1:02d}{2000 + i % 15 + 20 * (i % 2)}"
               f"{i % 12 + 1:02d}{1 + i % 2}{i // 400 + 1:03d}")
        ws.append([i + 1, f"Pegawai Nomor {i}, S.E.", nip, "Penata (III/c)", titles[i % 5],
                   eselon[i % 5], f"Dinas {i % 30}", f"0812{i:08d}"])
    ws.append(["JUMLAH", None, None, None, None, None, None, 5000])
    path = tmp_path / "besar.xlsx"
    wb.save(path)

    plan = plan_import(path, today=TODAY)  # its speed: bench/bench_import.py
    assert plan.sheets[0].data_rows == 5000
    assert len(plan.good) + plan.error_rows == 5000
