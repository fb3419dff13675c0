"""The one letterhead and its one logo policy (pledges/documents/letterhead.py): every document
shows a readable logo and leaves out one that cannot be read, and the export says so. No Qt."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from PIL import Image
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pledges.documents.export import export
from pledges.documents.invitations import build_invitations
from pledges.documents.letterhead import (
    BROKEN_LOGO,
    Letterhead,
    Style,
    letterhead_lines,
    logo_problem,
    read_logo,
)
from pledges.documents.registry import EXPORTERS
from tests.test_documents_pinned import pinned_record

BROKEN = b"\x89PNG\r\n\x1a\n but not really"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _images(kind: str, data: bytes) -> int:
    """Images in the document (in the workbook the signatures are images too: the tests
    compare builds with and without a logo)."""
    if kind == "attendance":
        return len(load_workbook(io.BytesIO(data)).worksheets[0]._images)
    return data.count(b"/Subtype /Image")


@pytest.mark.parametrize("kind", [k for k, e in EXPORTERS.items() if k != "public-csv"])
def test_every_document_shows_a_good_logo_and_leaves_out_a_broken_one(kind):
    record = pinned_record()
    build = EXPORTERS[kind].build
    record.event.logo = _png()
    with_logo = _images(kind, build(record, None, None))
    record.event.logo = BROKEN
    without = _images(kind, build(record, None, None))
    record.event.logo = None
    none = _images(kind, build(record, None, None))
    assert with_logo == none + 1 and without == none


def test_invitation_cards_follow_the_same_policy():
    record = pinned_record()
    record.event.logo = _png()
    assert build_invitations(record.event, record.attendees[:2]).count(b"/Subtype /Image") == 1
    record.event.logo = BROKEN
    assert build_invitations(record.event, record.attendees[:2]).count(b"/Subtype /Image") == 0


def test_the_export_reports_a_logo_it_left_out(store, tmp_path):
    from events.demo import open_demo

    event = open_demo(store)
    result = export(store, event.id, "attendance-blank", tmp_path / "a.pdf")
    assert result.problems == []
    event.logo = BROKEN
    store.update_event(event)
    result = export(store, event.id, "attendance-blank", tmp_path / "b.pdf")
    assert result.problems == [BROKEN_LOGO] and (tmp_path / "b.pdf").exists()


def test_the_model():
    record = pinned_record()
    event = record.event
    assert letterhead_lines(event) == ["PEMERINTAH KOTA BEKASI",
                                       "BADAN KESATUAN BANGSA DAN POLITIK"]
    assert read_logo(None) is None and read_logo(BROKEN) is None
    assert read_logo(_png()).getSize() == (60, 80)
    event.logo = BROKEN
    assert logo_problem(event) == BROKEN_LOGO
    event.logo = None
    assert logo_problem(event) is None
    style = Style(logo=20 * mm, rule_gap=2 * mm)
    head = Letterhead(event, 170 * mm, style)
    assert [t.lines for t in head.lines] == [("PEMERINTAH KOTA BEKASI",),
                                             ("BADAN KESATUAN BANGSA DAN POLITIK",)]
    assert head.body == sum(t.height for t in head.lines)  # no logo: the text's height
    event.logo = _png()
    with_logo = Letterhead(event, 170 * mm, style)
    assert with_logo.body == 20 * mm
    c = Canvas(io.BytesIO())
    assert with_logo.draw(c, 20 * mm, 280 * mm) == 280 * mm - 20 * mm - 2 * mm
    event.institution = event.organizer_unit = ""
    event.logo = None
    empty = Letterhead(event, 170 * mm, style)
    assert empty.empty and empty.height == 0 and empty.draw(c, 0, 100) == 100
