"""What every document says, pinned: each document of one fixed event is built and its text
compared with the text stored under tests/fixtures/documents/ (made from the builders as they
were before the documents moved into one package). A change to these files is a change users
see: make it on purpose, then regenerate with

    IKRAR_PIN_DOCUMENTS=1 pytest tests/test_documents_pinned.py

PDF text is read with pdftotext (raw reading order, whitespace collapsed per page); workbooks as
sheet names, print titles, headers and footers, and every non-empty cell. No Qt.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sealing import seal_all
from tests.test_minutes import make_record

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
REGENERATE = os.environ.get("IKRAR_PIN_DOCUMENTS") == "1"

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"),
                                   reason="poppler-utils (pdftotext) is not installed")


def pinned_record():
    """The Berita Acara test's event (logo, witness, speakers, six categories, a walk-in),
    every signature sealed with the fixed test key, and invitation tokens set. Guests carry
    both a unit and an institution, and one Non-ASN only an institution (with a double space),
    so that each document's choice of the place a person comes from is pinned too."""
    from events.categories import Category

    record = make_record()
    for person in record.attendees:
        person.token = f"K{person.id:03d}X7Q9"
        if person.category is Category.TAMU and person.invited:
            person.institution = "PWI Kota Bekasi"
    non_asn = next(p for p in record.attendees if p.category is Category.NON_ASN)
    non_asn.unit, non_asn.institution = "", "Yayasan  Bakti Sejahtera"
    return seal_all(record)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "pinned.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    pages = text.split("\f")
    return "\n".join(f"--- page {number}\n" + " ".join(page.split())
                     for number, page in enumerate(pages, 1) if page.strip()) + "\n"


def xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    lines = []
    for ws in workbook.worksheets:
        lines.append(f"--- sheet {ws.title}")
        lines.append(f"print titles: {ws.print_title_rows}")
        lines.append(f"header: {ws.oddHeader.center.text!r} footer: {ws.oddFooter.left.text!r}"
                     f" {ws.oddFooter.center.text!r} {ws.oddFooter.right.text!r}")
        lines.append(f"images: {len(ws._images)}")
        for row in ws.iter_rows():
            for cell in row:
                if cell.value not in (None, ""):
                    lines.append(f"{cell.coordinate}={cell.value!r}")
    return "\n".join(lines) + "\n"


def documents():
    """name -> (kind of text, build()) for every document an event has."""
    from pledges.documents import (
        attendance_pdf,
        attendance_xlsx,
        certificates,
        invitations,
        minutes,
        public_roster,
    )

    record = pinned_record()
    return {
        "certificates": ("pdf", lambda: certificates.build_certificates(record)),
        "certificates-one": ("pdf", lambda: certificates.build_certificates(
            record, [next(iter(record.signatures))])),
        "attendance-xlsx": ("xlsx", lambda: attendance_xlsx.build_attendance_xlsx(record)),
        "attendance-pdf": ("pdf", lambda: attendance_pdf.build_attendance_pdf(record)),
        "attendance-blank": ("pdf", lambda: attendance_pdf.build_attendance_blank_pdf(record)),
        "minutes": ("pdf", lambda: minutes.build_minutes_pdf(record)),
        "public-pdf": ("pdf", lambda: public_roster.build_public_pdf(record)),
        "public-csv": ("csv", lambda: public_roster.build_public_csv(record)),
        "invitations": ("pdf", lambda: invitations.build_invitations(record.event,
                                                                     record.attendees)),
    }


NAMES = ["certificates", "certificates-one", "attendance-xlsx", "attendance-pdf",
         "attendance-blank", "minutes", "public-pdf", "public-csv", "invitations"]


def test_every_document_is_pinned():
    assert sorted(documents()) == sorted(NAMES)


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_document_text_is_unchanged(name, tmp_path):
    kind, build = documents()[name]
    data = build()
    if kind == "pdf":
        text = pdf_text(data, tmp_path)
    elif kind == "xlsx":
        text = xlsx_text(data)
    else:
        text = data.decode("utf-8-sig")
    fixture = FIXTURES / f"{name}.txt"
    if REGENERATE:
        fixture.parent.mkdir(parents=True, exist_ok=True)
        fixture.write_text(text, encoding="utf-8", newline="")
    expected = fixture.read_bytes().decode("utf-8")
    assert text == expected
