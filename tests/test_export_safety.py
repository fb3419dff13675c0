"""Exports that are right and leak nothing: no cell is a formula, no control character breaks
the Daftar Hadir, a NIP typed into a name stays off the public list and the invitation cards,
and an export made while desks check people in agrees with itself (one snapshot).
"""

from __future__ import annotations

import io
import multiprocessing
import shutil
import subprocess
import time
import zipfile
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa

from events.categories import Category
from events.checkins import Desk
from events.model import Attendee, Event
from events.roster_import import plan_import
from events.store import Store, StoreError
from pledges.demo import synthetic_signature
from pledges.documents.attendance_xlsx import SHEET_ABSENT, SHEET_MAIN, SHEET_SUMMARY
from pledges.documents.export import build, export
from pledges.documents.invitations import build_invitations
from pledges.documents.public_roster import build_public_csv, build_public_pdf
from pledges.signatures import sign
from pledges.texts import use_template

HOSTILE = {
    "=HYPERLINK(\"http://contoh.invalid\",\"Klik untuk verifikasi\")": "Kepala Dinas",
    "=1+1 Budi": "+62 812 3456 7890",
    "@SUM(A1) Sari": "-Staf",
}
NIP = "198303242009051003"
TEMPLATE = "netralitas_asn_2024"


def pdf_text(data: bytes, tmp_path) -> str:
    """Every word of a PDF, as poppler's pdftotext reads it."""
    path = tmp_path / f"doc{len(list(tmp_path.iterdir()))}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def checked_in_event(store: Store, names: dict[str, str]) -> int:
    event = store.create_event(Event(name="Acara Uji", event_date=date(2024, 11, 2)))
    assert event.id is not None
    people = store.add_attendees(event.id, [Attendee(n, Category.PELAKSANA, jabatan=j,
                                                     unit=j) for n, j in names.items()])
    desk = Desk(store, event.id, "Meja 1")
    for person in people:
        assert person.id is not None
        desk.check_in(person.id)
    return event.id


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(package.read(n).decode() for n in package.namelist()
                       if n.startswith("xl/worksheets/"))


def test_no_value_is_ever_written_as_a_formula(store):
    event_id = checked_in_event(store, HOSTILE)
    _record, data = build(store, event_id, "attendance")
    assert "<f>" not in sheet_xml(data) and "<f " not in sheet_xml(data)
    ws = openpyxl.load_workbook(io.BytesIO(data))[SHEET_MAIN]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for name, jabatan in HOSTILE.items():
        assert cells[name].data_type == "s"  # shown as the text typed, never run
        assert cells[jabatan].data_type == "s"


def test_a_control_character_in_the_database_does_not_break_the_export(store):
    event_id = checked_in_event(store, {"Ani Sari": "Staf", "Budi": "Staf"})
    with store.transaction() as conn:  # a direct edit, or an older import
        conn.execute(sa.text("UPDATE attendees SET name = :n WHERE name = 'Ani Sari'"),
                     {"n": "Ani\x01 Sa\x1bri\x7f"})
    _record, data = build(store, event_id, "attendance")
    ws = openpyxl.load_workbook(io.BytesIO(data))[SHEET_MAIN]
    names = [c.value for row in ws.iter_rows(min_col=2, max_col=2) for c in row]
    assert "Ani Sari" in names


def test_control_and_invisible_characters_are_removed_at_import_and_reported(tmp_path):
    roster = tmp_path / "daftar.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Nama", "NIP", "Jabatan"])
    ws.append([1, "Ani_x0001_ Sa\u200bri", NIP, "Staf"])  # an escaped control char in xlsx
    ws.append([2, f"Budi_{'198601012010011001'}", None, "Staf"])
    ws.append([3, "Citra \u200b1986\u200b0101\u200b2010\u200b0120\u200b02", None, "Staf"])
    wb.save(roster)
    plan = plan_import(roster)
    people = {a.name: a for a in plan.good_attendees()}
    assert "Ani Sari" in people
    codes = [(p.row, p.code) for p in plan.problems]
    assert (2, "text_cleaned") in codes
    assert (3, "number_in_name") in codes and (4, "number_in_name") in codes
    # The number is not echoed in the problem list (it goes to the office by e-mail).
    assert all("198601012010011001" not in p.value for p in plan.problems
               if p.code == "number_in_name")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_nip_typed_into_a_name_is_printed_on_no_public_document(store, tmp_path):
    names = {f"Dedi_{NIP}": "Staf", "Eka \u200b1983\u200b0324\u200b2009\u200b051003": "Staf",
             "Fajar": f"Staf {NIP}", "=1+1 Gita": "Staf"}
    event_id = checked_in_event(store, names)
    use_template(store, event_id, TEMPLATE)
    record, _ = build(store, event_id, "attendance")
    for person in record.attendees:
        assert person.id is not None
        sign(store, event_id, person.id, synthetic_signature(person.id), 600, 300)
    record, _ = build(store, event_id, "attendance")
    public_csv = build_public_csv(record).decode("utf-8-sig")
    public_pdf = pdf_text(build_public_pdf(record), tmp_path)
    cards = pdf_text(build_invitations(record.event, record.attendees), tmp_path)
    assert "Dedi" in public_pdf and "Dedi" in cards
    for text in (public_csv, public_pdf, cards):
        digits = "".join(ch for ch in text if ch.isdigit())
        assert "0324" not in digits.replace("2024", ""), text[:400]
        assert NIP not in digits
    assert "[disembunyikan]" in public_csv
    assert "'=1+1 Gita" in public_csv  # and no formula in the public CSV either


def test_an_export_to_a_read_only_database_leaves_no_file(tmp_path):
    path = tmp_path / "ikrar.sqlite"
    store = Store.open(path)
    event_id = checked_in_event(store, {"Ani": "Staf"})
    store.close()
    read_only = Store.open(f"sqlite:///file:{path}?mode=ro&uri=true")
    out = tmp_path / "dh.xlsx"
    with pytest.raises(StoreError) as info:
        export(read_only, event_id, "attendance", out)
    assert info.value.code == "read_only"
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dh")] == []
    read_only.close()


# --- exports racing the desks ------------------------------------------------------------

def count_xlsx(data: bytes) -> dict[str, int]:
    """What one Daftar Hadir says, each in its own place: people listed on the main sheet, the
    total printed under them, absentees listed, and the Rekap's totals."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    main, absent, rekap = wb[SHEET_MAIN], wb[SHEET_ABSENT], wb[SHEET_SUMMARY]

    def listed(ws) -> int:
        return sum(1 for (v,) in ws.iter_rows(min_col=1, max_col=1, values_only=True)
                   if isinstance(v, int))

    printed = next(v for row in main.iter_rows(values_only=True) for v in row
                   if isinstance(v, str) and v.startswith("Jumlah hadir:"))
    totals = next(row for row in rekap.iter_rows(values_only=True) if row[1] == "Jumlah")
    return {"listed": listed(main), "printed": int(printed.split()[2]),
            "absent": listed(absent), "rekap_present": totals[6], "rekap_missing": totals[4]}


def consistent(counts: dict[str, int]) -> bool:
    return (counts["listed"] == counts["printed"] == counts["rekap_present"]
            and counts["absent"] == counts["rekap_missing"])


def _desk(url: str, event_id: int, ids: list[int], desk: str) -> None:
    store = Store.open(url, create=False)
    checkin = Desk(store, event_id, desk)
    for attendee_id in ids:
        checkin.check_in(attendee_id)
        time.sleep(0.002)
    store.close()


@pytest.mark.sqlite_only
def test_exports_made_while_four_desks_check_in_agree_with_themselves(tmp_path):
    path = tmp_path / "ikrar.sqlite"
    store = Store.open(path)
    event = store.create_event(Event(name="Acara Ramai", event_date=date(2024, 11, 2)))
    assert event.id is not None
    people = store.add_attendees(event.id, [Attendee(f"Peserta {i:04d}", Category.PELAKSANA)
                                            for i in range(800)])
    ids = [p.id for p in people if p.id is not None]
    context = multiprocessing.get_context("spawn")
    desks = [context.Process(target=_desk, args=(str(path), event.id, ids[k::4], f"Meja {k}"))
             for k in range(4)]
    for process in desks:
        process.start()
    seen = []
    try:
        while len(seen) < 8 or any(p.is_alive() for p in desks) and len(seen) < 12:
            _record, data = build(store, event.id, "attendance")
            seen.append(count_xlsx(data))
    finally:
        for process in desks:
            process.join(60)
    store.close()
    assert all(consistent(c) for c in seen), [c for c in seen if not consistent(c)]
    moving = {c["listed"] for c in seen}
    assert len(moving) > 1 or seen[-1]["listed"] == 800  # the desks did write meanwhile
