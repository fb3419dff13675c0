"""An event's time zone (WIB, WITA, WIT): moments told on the event's clock at day boundaries,
the zone kept by the store, the migration and a copied event; documents that name the zone and
mark check-ins made on another day than the event's; seals made before events had a zone still
authentic, seals made since readable as WIB/WITA/WIT from the paper alone."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from events.categories import Category
from events.checkins import Desk
from events.dates import (
    at_time,
    clock,
    day_in_zone,
    fixed_clock,
    in_zone,
    outside_event_day,
    stamp,
    time_range,
    today,
    zone_name,
    zone_of,
)
from events.model import Attendee, Event
from events.store import Store
from pledges.demo import synthetic_signature
from pledges.documents import collect
from pledges.documents.attendance_pdf import build_attendance_pdf
from pledges.documents.attendance_xlsx import build_attendance_xlsx
from pledges.documents.certificates import write_certificates_combined
from pledges.documents.minutes import build_minutes_pdf
from pledges.keys import create_key, read_public_key_file
from pledges.pades import sign_pdf
from pledges.seal import open_seal, seals_of
from pledges.signatures import sign
from pledges.texts import use_template
from pledges.verify import verify_file, verify_seal, with_zones, zone_lookup

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "seals"
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"),
                                   reason="poppler-utils not installed")
W, H = 600, 300


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- the clock of each zone ----------------------------------------------------------------


@pytest.mark.parametrize("moment, zone, day, shown", [
    (utc(2026, 12, 1, 23, 30), "WIB", date(2026, 12, 2), "06.30 WIB"),  # the next day in WIB
    (utc(2026, 12, 1, 16, 59), "WIB", date(2026, 12, 1), "23.59 WIB"),
    (utc(2026, 12, 1, 17, 0), "WIB", date(2026, 12, 2), "00.00 WIB"),
    (utc(2026, 12, 1, 15, 59), "WITA", date(2026, 12, 1), "23.59 WITA"),
    (utc(2026, 12, 1, 16, 0), "WITA", date(2026, 12, 2), "00.00 WITA"),
    (utc(2026, 12, 1, 14, 59), "WIT", date(2026, 12, 1), "23.59 WIT"),
    (utc(2026, 12, 1, 15, 0), "WIT", date(2026, 12, 2), "00.00 WIT"),
    # a moment stored with another machine's offset is the same instant
    (datetime(2026, 12, 1, 8, 0, tzinfo=timezone(timedelta(hours=-5))), "WIB",
     date(2026, 12, 1), "20.00 WIB"),
])
def test_a_moment_on_the_events_clock_at_the_day_boundaries(moment, zone, day, shown):
    assert day_in_zone(moment, zone) == day
    assert at_time(moment, zone) == shown
    assert in_zone(moment, zone).utcoffset() == timedelta(
        hours={"WIB": 7, "WITA": 8, "WIT": 9}[zone])


def test_zone_names_and_the_default():
    assert zone_of(None) == "WIB"
    assert zone_of("wita") == "WITA"
    assert zone_of(Event(name="x", event_date=date(2026, 12, 1))) == "WIB"
    assert zone_of(Event(name="x", event_date=date(2026, 12, 1), time_zone="WIT")) == "WIT"
    with pytest.raises(ValueError, match="WIB, WITA atau WIT"):
        zone_of("UTC")
    # a moment named by its own offset (what a seal's time carries)
    for hours, name in ((7, "WIB"), (8, "WITA"), (9, "WIT"), (0, "UTC")):
        assert zone_name(datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=hours)))) == name
    assert zone_name(utc(2026, 1, 1), "WITA") == "WITA"


def test_clock_stamp_and_the_events_hours():
    moment = utc(2026, 12, 1, 23, 30, 15)
    assert clock(moment, "WIT") == "08.30"
    assert clock(time(8, 5)) == "08.05"  # a time of day is shown as it is
    assert stamp(moment, "WIB") == "02-12-2026 06.30 WIB"
    assert stamp(moment) == "01-12-2026 23.30 UTC"  # no zone given: the moment's own offset
    event = Event(name="x", event_date=date(2026, 12, 1), start_time=time(8),
                  end_time=time(11), time_zone="WITA")
    assert time_range(event) == "08.00 \u2013 11.00 WITA"


def test_today_and_the_events_day_follow_the_clock_tests_give():
    event = Event(name="x", event_date=date(2026, 12, 1))
    with fixed_clock(utc(2026, 11, 30, 17, 30)):  # 00.30 WIB on 1 December
        assert today("WIB") == date(2026, 12, 1)
        assert today("WIT") == date(2026, 12, 1)
        assert outside_event_day(event) is None
    with fixed_clock(utc(2026, 11, 30, 16, 30)):  # 23.30 WIB on 30 November
        assert outside_event_day(event) == date(2026, 11, 30)
        assert outside_event_day(Event(name="y", event_date=date(2026, 12, 1),
                                       time_zone="WITA")) is None  # 00.30 WITA
    with pytest.raises(ValueError), fixed_clock(datetime(2026, 12, 1, 8)):  # naive: refused
        pass


# -- the store, the migration, a copied event -------------------------------------------------


def test_the_store_keeps_the_zone(store):
    event = store.create_event(Event(name="Sosialisasi Makassar", event_date=date(2026, 12, 1),
                                     time_zone="WITA"))
    assert store.get_event(event.id).time_zone == "WITA"
    store.update_event(store.get_event(event.id).__class__(
        **{**store.get_event(event.id).__dict__, "time_zone": "WIT"}))
    assert store.get_event(event.id).time_zone == "WIT"
    assert store.create_event(Event(name="Bawaan", event_date=date(2026, 12, 1))).time_zone == "WIB"
    with pytest.raises(ValueError):
        store.create_event(Event(name="Salah", event_date=date(2026, 12, 1), time_zone="GMT"))


def test_upgrading_a_0004_database_makes_its_events_wib(tmp_path):
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", "events:migrations")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO events (id, name, kind, event_date, created_at, updated_at, uid) "
            "VALUES (1, 'Lama', 'ikrar_netralitas', '2024-01-02', :t, :t, 'UIDLAMA')"),
            {"t": "2024-01-01T08:00:00+07:00"})
    engine.dispose()
    store = Store.open(path)  # the migrations run as a desk runs them
    try:
        old = store.get_event(1)
        assert (old.name, old.time_zone) == ("Lama", "WIB")
        with store.connection() as conn:
            assert conn.execute(sa.text("SELECT time_zone FROM events")).scalar() == "WIB"
        # the column's default holds for rows written without it
        with store.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO events (name, kind, event_date, created_at, updated_at) "
                "VALUES ('Tanpa zona', 'ikrar_netralitas', '2024-01-03', :t, :t)"),
                {"t": "2024-01-01T08:00:00+07:00"})
            assert conn.execute(sa.text(
                "SELECT time_zone FROM events WHERE name = 'Tanpa zona'")).scalar() == "WIB"
    finally:
        store.close()


def test_a_copied_event_keeps_its_zone(store, tmp_path):
    from pledges.transfer import copy_event

    event = store.create_event(Event(name="Papua", event_date=date(2026, 12, 1),
                                     time_zone="WIT"))
    other = Store.open(tmp_path / "other.sqlite")
    try:
        done = copy_event(store, other, event.id)
        assert other.get_event(done.event_id).time_zone == "WIT"
    finally:
        other.close()


# -- what check-ins and documents show ----------------------------------------------------------


@pytest.fixture
def wita_event(store):
    """A WITA event on 1 December 2026 (08.00-11.00): Ani came on the day, Budi two days later
    (00.30 WITA on 3 December is 16.30 UTC on 2 December), both signed and sealed."""
    event = store.create_event(Event(
        name="Sosialisasi Anti Korupsi", event_date=date(2026, 12, 1), start_time=time(8),
        end_time=time(11), venue="Hotel Claro", city="Makassar", time_zone="WITA",
        institution="Pemerintah Kota Makassar"))
    ani, budi = store.add_attendees(event.id, [
        Attendee("Ani Lestari", Category.ESELON_III, nip="198609262015051001"),
        Attendee("Budi Hartono", Category.PELAKSANA)])
    use_template(store, event.id, "netralitas_asn_2024")
    key = create_key(store, "kata-sandi-uji", "Kesbangpol Makassar")
    desk = Desk(store, event.id, "Meja 1", "Rina")
    with fixed_clock(utc(2026, 12, 1, 0, 42, 10)):  # 08.42 WITA
        desk.check_in(ani.id)
        sign(store, event.id, ani.id, synthetic_signature(1, W, H), W, H, "Meja 1", "Rina",
             seal_key=key)
    with fixed_clock(utc(2026, 12, 2, 16, 30)):  # 00.30 WITA, 3 December
        assert desk.outside_event_day() == date(2026, 12, 3)
        desk.check_in(budi.id)
        sign(store, event.id, budi.id, synthetic_signature(2, W, H), W, H, "Meja 1", "Rina",
             seal_key=key)
    return store, store.get_event(event.id), ani, budi, key


def test_check_ins_are_told_on_the_events_clock(wita_event):
    store, event, ani, budi, key = wita_event
    desk = Desk(store, event.id)
    assert desk.zone == "WITA"
    first, late = desk.active_checkin(ani.id), desk.active_checkin(budi.id)
    assert first.time_in(event) == "08.42" and first.day_in(event) == date(2026, 12, 1)
    assert late.time_in(event) == "00.30" and late.day_in(event) == date(2026, 12, 3)
    with fixed_clock(utc(2026, 12, 1, 3, 0)):
        assert first.describe(event) == "pukul 08.42 WITA di Meja 1"
        assert late.to_dict(event)["checked_in_at"] == "2026-12-03T00:30:00+08:00"


def test_the_attendance_workbook_names_the_zone_and_marks_another_days_check_in(wita_event):
    store, event, ani, budi, key = wita_event
    workbook = load_workbook(io.BytesIO(build_attendance_xlsx(collect(store, event.id))))
    ws = workbook["Daftar Hadir"]
    cells = {(r, c): ws.cell(r, c).value for r in range(1, ws.max_row + 1) for c in range(1, 12)}
    header = next(r for (r, c), v in cells.items() if v == "No" and c == 1)
    assert [cells[(header, c)] for c in (8, 11)] == ["Jam Hadir (WITA)", "Keterangan"]
    assert ": 08.00 \u2013 11.00 WITA" in cells.values()
    rows = {cells[(r, 2)]: r for r in range(header + 1, ws.max_row + 1)
            if isinstance(cells[(r, 1)], int)}
    assert (cells[(rows["Ani Lestari"], 8)], cells[(rows["Ani Lestari"], 11)]) == ("08.42", None)
    assert (cells[(rows["Budi Hartono"], 8)], cells[(rows["Budi Hartono"], 11)]) == (
        "00.30", "hadir 3 Desember 2026, di luar tanggal acara")


@needs_poppler
def test_the_attendance_pdf_and_the_minutes_name_the_zone(wita_event, tmp_path):
    store, event, ani, budi, key = wita_event
    record = collect(store, event.id)
    listing = tmp_path / "daftar-hadir.pdf"
    listing.write_bytes(build_attendance_pdf(record))
    text = " ".join(_pdftext(listing).split())
    assert "08.00 \u2013 11.00 WITA" in text and "Jam Hadir (WITA)" in text
    assert "08.42" in text
    assert "00.30, 3 Desember 2026 (di luar tanggal acara)" in text
    minutes = tmp_path / "berita-acara.pdf"
    minutes.write_bytes(build_minutes_pdf(record))
    assert "pukul 08.00 s.d. 11.00 WITA" in " ".join(_pdftext(minutes).split())


def _pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


# -- seals ------------------------------------------------------------------------------------


def test_a_certificate_sealed_before_events_had_a_zone_is_still_authentic():
    """Made by the code before this change on a machine in UTC: its seal holds offset 0. The
    PDF carries no digital signature, so the file itself proves nothing (TIDAK TERBUKTI), but
    its QR seal holds and is told in the event's zone."""
    fingerprint, public = read_public_key_file(FIXTURES / "pre-zone-key.pem")
    keys = {fingerprint: public}
    (verdict,) = verify_file(FIXTURES / "pre-zone-certificate.pdf", keys)
    assert verdict.status == "unproven"
    assert verdict.record.attendee_name == "Ani Lestari, S.Kom."
    assert verdict.record.signed_at.utcoffset() == timedelta(0)
    assert verdict.signed_time == "02-12-2026 21.15 UTC"  # told as sealed, without a database
    with_zones([verdict], lambda uid: "WIB")  # a database that knows the event: its zone
    assert verdict.signed_time == "03-12-2026 04.15 WIB"
    qr = (FIXTURES / "pre-zone-seal.txt").read_text(encoding="ascii")
    assert verify_seal(qr, keys).status == "authentic"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_a_new_seal_holds_the_events_offset_and_reads_in_its_zone(wita_event, tmp_path):
    store, event, ani, budi, key = wita_event
    with fixed_clock(utc(2026, 12, 1, 1, 5)):  # 09.05 WITA: Ani signs again, sealed
        again = sign(store, event.id, ani.id, synthetic_signature(3, W, H), W, H, "Meja 1",
                     "Rina", seal_key=key)
    sealed = seals_of(store, event.id)[again.id]
    record = open_seal(sealed)[0]
    assert record.signed_at.utcoffset() == timedelta(hours=8)
    fingerprint = key.fingerprint
    verdict = verify_seal(sealed, {fingerprint: key.private.public_key()})
    assert verdict.status == "authentic"
    assert verdict.signed_time == "01-12-2026 09.05 WITA"  # from the paper alone
    with_zones([verdict], zone_lookup(store))
    assert verdict.zone == "WITA" and verdict.signed_time == "01-12-2026 09.05 WITA"
    path = tmp_path / "sertifikat.pdf"
    write_certificates_combined(path, collect(store, event.id), [ani.id])
    path.write_bytes(sign_pdf(path.read_bytes(), key))
    (page,) = verify_file(path, {fingerprint: key.private.public_key()})
    assert (page.status, page.visible_checked) == ("authentic", True)
    assert "Makassar, 1 Desember 2026" in _pdftext(path)


def test_a_certificates_date_is_the_events_day_of_the_signature(wita_event, tmp_path):
    """Budi signed at 16.30 UTC on 2 December: 3 December in Makassar."""
    store, event, ani, budi, key = wita_event
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "budi.pdf"
    write_certificates_combined(path, collect(store, event.id), [budi.id])
    assert "Makassar, 3 Desember 2026" in _pdftext(path)
