"""A minimal .xlsx package built part by part, so that tests and benchmarks can hand the roster
reader exactly the sheet, shared strings and zip members they mean (hostile ones included)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Iterator

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
# A header row and one person: the smallest roster there is.
HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>Nama</t></is></c>'
          '<c r="C1" t="inlineStr"><is><t>NIP</t></is></c></row>'
          '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Ani</t></is></c>'
          '<c r="C2" t="inlineStr"><is><t>198303242009051003</t></is></c></row>')


def package(rows: str | Callable[[], Iterator[str]], *, shared: str | None = None,
            extra: dict[str, bytes | str] | None = None, merges: str = "",
            dimension: str = "", method: int = zipfile.ZIP_DEFLATED,
            prolog: str = "") -> bytes:
    """One sheet holding ``rows`` (the XML of its <row>s, or a function yielding it in chunks
    for a sheet too large to hold as one string), optional shared strings, merged cells, a
    declared dimension and extra members, packed with ``method``."""
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
             'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
             '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application'
             '/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
             'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.worksheet+xml"/></Types>')
    wb_rels = (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
               'Target="worksheets/sheet1.xml"/>'
               + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" '
                  'Target="sharedStrings.xml"/>' if shared is not None else "")
               + "</Relationships>")
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": types,
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                       f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets><sheet name="Daftar" '
                           'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": wb_rels,
    }
    if isinstance(rows, str):
        members["xl/worksheets/sheet1.xml"] = (f'{prolog}<worksheet xmlns="{NS}">{dimension}'
                                               f"<sheetData>{rows}</sheetData>{merges}"
                                               "</worksheet>")
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared
    members.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if not isinstance(rows, str):  # streamed: a sheet too large to hold as one string
            with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
                part.write(f'<worksheet xmlns="{NS}">{dimension}<sheetData>'.encode())
                for chunk in rows():
                    part.write(chunk.encode())
                part.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


# Where a field stands in a zip member's local header and in its central directory entry.
VERSION, FLAGS, METHOD = (4, 6), (6, 8), (8, 10)


def patch_headers(data: bytes, field: tuple[int, int], value: int, *,
                  add_bits: bool = False) -> bytes:
    """``data`` with ``field`` (VERSION, FLAGS or METHOD) of every member's headers set to
    ``value``, or with ``value``'s bits added to it (``add_bits``): the zip a tool that writes
    what Python's zipfile cannot read would make."""
    patched = bytearray(data)
    for marker, offset in zip((b"PK\x03\x04", b"PK\x01\x02"), field, strict=True):
        at = patched.find(marker)
        while at != -1:
            old = struct.unpack_from("<H", patched, at + offset)[0]
            struct.pack_into("<H", patched, at + offset, old | value if add_bits else value)
            at = patched.find(marker, at + 4)
    return bytes(patched)
