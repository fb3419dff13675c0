"""Roster files built to exhaust memory, or far beyond any roster, are refused with a message.

The hostile packages are written here with zipfile: a row numbered two billion, a column
ZZZZZZZ, a million shared strings, a part that unpacks a hundredfold, a packing method Python
cannot unpack, a CSV field of 200 KB. Each must give a RosterFileError with an Indonesian
message, quickly and in bounded memory.
"""

from __future__ import annotations

import tracemalloc
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from events.roster_import import RosterFileError, _read_xlsx_openpyxl, plan_import, read_roster
from events.roster_import import package as package_module
from events.roster_import import xlsx as xlsx_module
from events.roster_import.raw import MAX_COLUMNS, MAX_ROWS, MAX_STRINGS
from tests.xlsx_parts import HEADER, NS, package

PEAK_LIMIT = 300 * 1024 * 1024


def workbook(path: Path, rows: str, *, shared: str | None = None, dimension: str = "",
             merges: str = "", method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal .xlsx package: one sheet holding ``rows`` (the XML of its <row>s)."""
    path.write_bytes(package(rows, shared=shared, dimension=dimension, merges=merges,
                             method=method))
    return path


def refused(path: Path, code: str = "file_too_large") -> RosterFileError:
    """The error plan_import raises for ``path``, checked to be ``code`` and to be said in
    Indonesian, with the peak of memory allocated meanwhile under PEAK_LIMIT."""
    tracemalloc.start()
    try:
        with pytest.raises(RosterFileError) as info:
            plan_import(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, peak
    assert info.value.code == code, info.value.message
    assert path.name in info.value.message
    return info.value


def test_the_minimal_package_is_a_roster(tmp_path: Path) -> None:
    """The builder's package reads as a roster, so that each refusal below is the limit's."""
    plan = plan_import(workbook(tmp_path / "ok.xlsx", HEADER))
    assert [a.name for a in plan.good_attendees()] == ["Ani"]


def test_a_row_numbered_two_billion(tmp_path: Path) -> None:
    rows = HEADER + '<row r="2000000000"><c r="B2000000000" t="inlineStr"><is><t>Budi</t></is>' \
                    "</c></row>"
    path = workbook(tmp_path / "baris.xlsx", rows)
    assert path.stat().st_size < 2000
    error = refused(path)
    assert "lembar Daftar berisi baris 2.000.000.000" in error.message
    assert f"paling banyak {MAX_ROWS:,} baris".replace(",", ".") in error.message


def test_empty_rows_far_down_and_a_declared_dimension_are_harmless(tmp_path: Path) -> None:
    """A formatted but empty row at Excel's last row, or a dimension of A1:XFD1048576, is what
    some writers leave behind: it is not a reason to refuse the roster."""
    rows = HEADER + '<row r="1048576"><c r="A1048576" s="0"/></row>' \
                    '<row r="2000000000"><c r="A2000000000"><v></v></c></row>'
    path = workbook(tmp_path / "rapi.xlsx", rows, dimension='<dimension ref="A1:XFD1048576"/>')
    raw = read_roster(path)
    assert len(raw.sheets[0].rows) == 2
    assert len(plan_import(path).good) == 1


def test_a_column_zzzzzzz(tmp_path: Path) -> None:
    rows = HEADER + '<row r="3"><c r="ZZZZZZZ3" t="inlineStr"><is><t>x</t></is></c></row>'
    error = refused(workbook(tmp_path / "kolom.xlsx", rows))
    assert "berisi kolom ZZZZZZZ3" in error.message
    assert f"paling banyak {MAX_COLUMNS} kolom" in error.message


def test_a_column_just_inside_the_limit_is_read(tmp_path: Path) -> None:
    rows = HEADER + '<row r="3"><c r="GR3" t="inlineStr"><is><t>catatan</t></is></c></row>'
    raw = read_roster(workbook(tmp_path / "lebar.xlsx", rows))
    assert raw.sheets[0].rows[2][MAX_COLUMNS - 1] == "catatan"  # GR is the 200th column


def test_a_row_of_a_million_cells_in_one_column(tmp_path: Path) -> None:
    """Streamed (the part is over 8 MB), one <row> holding 250,000 <c> without references."""
    cells = '<c t="inlineStr"><is><t>x</t></is></c>' * 250_000
    path = workbook(tmp_path / "sel.xlsx", HEADER + f'<row r="3">{cells}</row>',
                    method=zipfile.ZIP_STORED)
    error = refused(path)
    assert "kolom" in error.message


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every part is streamed, as a part over 8 MB is."""
    monkeypatch.setattr(xlsx_module, "_WHOLE_PART", 0)


@pytest.mark.usefixtures("streamed")
def test_a_streamed_sheet_reads_as_a_whole_one(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Undangan"
    ws.append(["DAFTAR UNDANGAN"])
    ws.append(["No", "Nama", "NIP", "Unit Kerja", "Tanggal"])
    ws.append([1, "Ani", 198303242009051003, "Dinas A", date(2025, 1, 2)])
    ws.append([2, "Budi", "198404252010011002", None, None])
    ws.append([])
    ws.append([3, "Cici", "'197001012000032001", "Dinas B", 1.5])
    ws.merge_cells("D3:D4")
    ws.merge_cells("A1:E1")
    wb.create_sheet("Tamu").append(["Nama", "Instansi"])
    wb.save(tmp_path / "dua.xlsx")
    streamed = read_roster(tmp_path / "dua.xlsx")
    monkeypatch.undo()
    whole = read_roster(tmp_path / "dua.xlsx")
    assert [(s.name, s.rows, s.filled) for s in streamed.sheets] == \
        [(s.name, s.rows, s.filled) for s in whole.sheets]
    assert whole.sheets[0].rows[3][3] == "Dinas A"
    assert whole.sheets[0].rows[2][4] == datetime(2025, 1, 2)  # a date style, read streamed
    slow = _read_xlsx_openpyxl(tmp_path / "dua.xlsx")
    assert [(s.name, s.rows, s.filled) for s in slow.sheets] == \
        [(s.name, s.rows, s.filled) for s in whole.sheets]


@pytest.mark.usefixtures("streamed")
def test_a_streamed_row_of_many_cells_in_one_column(tmp_path: Path) -> None:
    cells = '<c t="inlineStr"><is><t>x</t></is></c>' * 5000
    error = refused(workbook(tmp_path / "sel.xlsx", HEADER + f'<row r="3">{cells}</row>'))
    assert "lembar Daftar berisi kolom lebih dari 200" in error.message


def test_a_million_shared_strings(tmp_path: Path) -> None:
    """434 KB packed, this part once took 2.7 GB; stored unpacked it is not a ratio question."""
    shared = f'<sst xmlns="{NS}">' + "<si/>" * (MAX_STRINGS + 1) + "</sst>"
    path = workbook(tmp_path / "teks.xlsx", HEADER, shared=shared, method=zipfile.ZIP_STORED)
    error = refused(path)
    assert "teks berbeda" in error.message


@pytest.mark.usefixtures("streamed")
def test_shared_strings_within_the_limit_are_read_as_a_stream(tmp_path: Path) -> None:
    shared = f'<sst xmlns="{NS}">' + "<si><t>Nama</t></si>" + "<si><r><t>la</t></r><r><t>in" \
        "</t></r></si>" * 3000 + "</sst>"
    rows = HEADER.replace('<c r="B1" t="inlineStr"><is><t>Nama</t></is></c>',
                          '<c r="B1" t="s"><v>0</v></c>')
    rows += '<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="s"><v>3000</v></c></row>'
    plan = plan_import(workbook(tmp_path / "teks.xlsx", rows, shared=shared))
    assert [a.name for a in plan.good_attendees()] == ["Ani", "lain"]


def test_a_part_that_unpacks_a_hundredfold(tmp_path: Path) -> None:
    rows = HEADER + "<row/>" * 1_000_000
    path = workbook(tmp_path / "bom.xlsx", rows)
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 100 * info.compress_size
    error = refused(path)
    assert "bagian xl/worksheets/sheet1.xml dipadatkan" in error.message


def test_a_part_larger_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_module, "MAX_PART_BYTES", 1024)
    path = workbook(tmp_path / "besar.xlsx", HEADER * 10, method=zipfile.ZIP_STORED)
    error = refused(path)
    assert "bagian xl/worksheets/sheet1.xml berukuran 1 MB" in error.message


def _patch_central_directory(path: Path, member: str, method: int | None = None,
                             flags: int | None = None) -> None:
    """Rewrite a member's packing method or flags where zipfile reads them."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == name:
            if method is not None:
                data[at + 10:at + 12] = method.to_bytes(2, "little")
            if flags is not None:
                data[at + 8:at + 10] = flags.to_bytes(2, "little")
            break
        at = data.find(b"PK\x01\x02", at + 4)
    else:
        raise AssertionError(member)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("method", "flags"), [(9, None), (99, None), (None, 0x1)])
def test_a_packing_method_python_cannot_unpack(tmp_path: Path, method: int | None,
                                               flags: int | None) -> None:
    """Deflate64 (9), AES (99) or a member encrypted the old way (flag bit 0)."""
    path = workbook(tmp_path / "kemas.xlsx", HEADER)
    _patch_central_directory(path, "xl/worksheets/sheet1.xml", method, flags)
    error = refused(path, "file_unreadable")
    assert "dipadatkan dengan cara yang tidak dikenal atau dikunci kata sandi" in error.message


def test_a_file_that_is_not_a_zip_but_is_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "bukan.xlsx"
    path.write_bytes(b"Nama;NIP\r\nAni;198303242009051003\r\n" * 10)
    error = refused(path, "file_unreadable")
    assert error.message == "File tidak dapat dibaca (rusak atau terkunci): bukan.xlsx"
    truncated = tmp_path / "potong.xlsx"
    truncated.write_bytes(workbook(tmp_path / "utuh.xlsx", HEADER).read_bytes()[:300])
    refused(truncated, "file_unreadable")


def test_a_zip_declaring_a_million_members(tmp_path: Path) -> None:
    path = workbook(tmp_path / "anggota.xlsx", HEADER)
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8:end + 12] = (0xFFFF).to_bytes(2, "little") * 2
    path.write_bytes(bytes(data))
    refused(path, "file_unreadable")


def test_a_csv_field_of_200_kb(tmp_path: Path) -> None:
    path = tmp_path / "panjang.csv"
    path.write_bytes(b"No;Nama;NIP\r\n1;" + b"A" * 200_000 + b";198303242009051003\r\n")
    error = refused(path)
    assert "satu sel di baris 2 lebih panjang dari 128 KB" in error.message


def test_a_quoted_csv_field_of_200_kb_over_many_lines(tmp_path: Path) -> None:
    path = tmp_path / "kutip.csv"
    path.write_bytes(b'No;Nama;NIP\r\n1;"' + b"A\r\n" * 70_000 + b'";198303242009051003\r\n')
    error = refused(path)
    assert "lebih panjang dari 128 KB" in error.message


def test_file_format_messages_are_unchanged(tmp_path: Path) -> None:
    old = tmp_path / "lama.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    web = tmp_path / "web.xls"
    web.write_bytes(b"<html><body><table><tr><td>Nama</td></tr></table></body></html>")
    ods = tmp_path / "daftar.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis")
        zf.writestr("content.xml", "")
    expected = {
        old: "lama.xls adalah file Excel lama (.xls) atau terkunci kata sandi; buka di Excel "
             "lalu simpan sebagai .xlsx (tanpa kata sandi) atau .csv",
        web: "web.xls sebenarnya halaman web (HTML) yang diberi nama Excel; buka di Excel lalu "
             "simpan sebagai .xlsx",
        ods: "daftar.ods adalah file OpenDocument (.ods); simpan sebagai .xlsx atau .csv",
    }
    for path, message in expected.items():
        with pytest.raises(RosterFileError) as info:
            plan_import(path)
        assert (info.value.code, info.value.message) == ("file_format", message)


# ---------------------------------------------------------------------------------------------
# The openpyxl path, for a package the bounded reader does not understand


@pytest.fixture
def without_fast_reader(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def fail(*_args: object) -> None:
        raise ValueError("not understood")

    monkeypatch.setattr(xlsx_module, "_read_fast", fail)
    yield


def test_the_fast_reader_reads_a_real_workbook_without_openpyxl(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> None:
        raise AssertionError("openpyxl was asked")

    monkeypatch.setattr(xlsx_module, "_read_xlsx_openpyxl", fail)
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Nama", "NIP", "Unit Kerja"])
    ws.append([1, "Ani", "198303242009051003", "Dinas A"])
    ws.append([2, "Budi", "198404252010011002", None])
    ws.merge_cells("D2:D3")
    wb.save(tmp_path / "asli.xlsx")
    raw = read_roster(tmp_path / "asli.xlsx")
    assert raw.sheets[0].rows[2][3] == "Dinas A"


@pytest.mark.usefixtures("without_fast_reader")
def test_openpyxl_reads_the_same_package_with_its_merges(tmp_path: Path) -> None:
    rows = HEADER + ('<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><t>Budi</t>'
                     '</is></c><c r="C3" t="inlineStr"><is><t>198404252010011002</t></is></c>'
                     '<c r="D3" t="inlineStr"><is><t>Dinas A</t></is></c></row>'
                     '<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="inlineStr"><is><t>Cici</t>'
                     '</is></c></row>')
    path = workbook(tmp_path / "lambat.xlsx", rows,
                    merges='<mergeCells count="1"><mergeCell ref="D3:D4"/></mergeCells>')
    raw = read_roster(path)
    assert raw.sheets[0].rows[3][3] == "Dinas A"
    assert raw.sheets[0].filled == frozenset({(3, 3)})


@pytest.mark.usefixtures("without_fast_reader")
def test_openpyxl_is_held_to_the_same_limits(tmp_path: Path) -> None:
    far = HEADER + '<row r="2000000000"><c r="B2000000000" t="inlineStr"><is><t>Budi</t></is>' \
                   "</c></row>"
    with pytest.raises(RosterFileError) as info:  # openpyxl counts the empty rows: no tracing
        plan_import(workbook(tmp_path / "baris.xlsx", far))
    assert info.value.code == "file_too_large"
    wide = HEADER + '<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>'
    error = refused(workbook(tmp_path / "lebar.xlsx", wide))
    assert "kolom 16.384" in error.message
    refused(workbook(tmp_path / "bom.xlsx", HEADER + "<row/>" * 1_000_000))


def _rewrite(path: Path, target: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == member else src.read(info))
    return target


def test_a_package_the_bounded_reader_does_not_follow_is_read_by_openpyxl(tmp_path: Path
                                                                          ) -> None:
    """openpyxl finds the workbook by [Content_Types].xml: a broken _rels/.rels is no matter."""
    path = workbook(tmp_path / "asal.xlsx", HEADER)
    broken = _rewrite(path, tmp_path / "rels.xlsx", "_rels/.rels", b"<Relationships")
    assert [a.name for a in plan_import(broken).good_attendees()] == ["Ani"]


def test_a_broken_sheet_is_a_file_error_not_a_traceback(tmp_path: Path) -> None:
    path = workbook(tmp_path / "asal.xlsx", HEADER)
    broken = _rewrite(path, tmp_path / "lembar.xlsx", "xl/worksheets/sheet1.xml",
                      f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"'.encode())
    refused(broken, "file_unreadable")


def test_a_workbook_part_too_large_to_parse_whole(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_module, "MAX_TREE_BYTES", 100)
    error = refused(workbook(tmp_path / "buku.xlsx", HEADER))
    assert "bagian _rels/.rels berukuran" in error.message


def test_files_larger_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from events.roster_import import csvfile

    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(package_module, "MAX_FILE_BYTES", 100)
    csv_path = tmp_path / "besar.csv"
    csv_path.write_bytes(b"No;Nama;NIP\r\n" + b"1;Ani;198303242009051003\r\n" * 10)
    assert "file berukuran 1 MB (paling banyak 1 MB)" in refused(csv_path).message
    xlsx_path = workbook(tmp_path / "besar.xlsx", HEADER)
    assert "file berukuran 1 MB" in refused(xlsx_path).message


def test_parts_larger_together_than_the_limit(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_module, "MAX_TOTAL_BYTES", 1000)
    error = refused(workbook(tmp_path / "banyak.xlsx", HEADER * 2))
    assert "isinya 1 MB setelah dibuka (paling banyak 1 MB)" in error.message
