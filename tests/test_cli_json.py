"""The JSON a script reads for each kind of record, key by key: an event, an attendee, a
check-in, a pledge version, a signature."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from events.categories import Category
from events.dates import fixed_clock
from events.model import Attendee, Event, Official, Source, Speaker
from pledges.demo import synthetic_signature
from pledges.signatures import current_signatures, sign, sign_witness
from pledges.texts import CONSENT_VERSION, TEMPLATES, version_hash

NIP = "198609262015051001"


@pytest.fixture
def event(store):
    return store.create_event(Event(
        name="Ikrar Netralitas", event_date=date(2024, 2, 1), start_time=time(8, 0),
        venue="Aula", city="Kota Contoh", organizer_unit="Kesbangpol",
        institution="Pemerintah Kota Contoh", logo=b"\x89PNG", letter_number="005/1",
        presiding=Official("Pj. Wali Kota", "Penjabat", "196608011988031001"),
        speakers=[Speaker("Zainal", "Kasi Intel", "Kejaksaan")], agenda="Ikrar"))


@pytest.fixture
def ani(store, event):
    return store.add_attendees(event.id, [
        Attendee("Ani", Category.ESELON_III, nip=NIP, golongan="IV/a", jabatan="Kabid",
                 unit="Dinas X", phone="0812", institution="Pemkot", source=Source.IMPORT)])[0]


def test_event_json(cli, event):
    code, data, _ = cli("event", "show", str(event.id), "--json")
    assert code == 0
    data.pop("by_category")
    assert data == {
        "id": event.id, "name": "Ikrar Netralitas", "kind": "ikrar_netralitas",
        "date": "2024-02-01", "start_time": "08:00", "end_time": None, "venue": "Aula",
        "city": "Kota Contoh", "organizer_unit": "Kesbangpol",
        "institution": "Pemerintah Kota Contoh", "has_logo": True, "letter_number": "005/1",
        "letter_date": None,
        "presiding": {"name": "Pj. Wali Kota", "title": "Penjabat",
                      "nip": "19660801 198803 1 001"},
        "witness": {"name": "", "title": "", "nip": ""},
        "speakers": [{"name": "Zainal", "title": "Kasi Intel", "institution": "Kejaksaan"}],
        "agenda": "Ikrar", "is_demo": False, "archived": False, "time_zone": "WIB",
        "address": "", "postcode": "", "phone": "", "email": "", "website": "",
        "number_scheme": "", "number_start": 1,
    }


def test_attendee_json(cli, event, ani):
    code, data, _ = cli("roster", "list", str(event.id), "--json")
    assert code == 0
    assert data["attendees"] == [{
        "id": ani.id, "name": "Ani", "category": "eselon_3",
        "category_label": Category.ESELON_III.label, "nip": "19860926 201505 1 001",
        "nik": None, "golongan": "IV/a", "jabatan": "Kabid", "unit": "Dinas X",
        "phone": "0812", "institution": "Pemkot", "source": "import", "invited": True,
    }]


def test_checkin_json(cli, event, ani):
    # 01.42 UTC on the event's day: 08.42 WIB.
    with fixed_clock(datetime(2024, 2, 1, 1, 42, 5, tzinfo=UTC)):
        code, data, _ = cli("checkin", str(event.id), "--nip", NIP, "--desk", "Meja 1",
                            "--operator", "Rina", "--json")
    assert code == 0
    assert (data["outside_event_day"], data["event_date"]) == (False, "2024-02-01")
    assert "warning" not in data
    checkin = data["checkin"]
    stamp = checkin.pop("checked_in_at")
    assert stamp == "2024-02-01T08:42:05+07:00"  # to the second, on the event's clock
    assert checkin == {
        "id": checkin["id"], "attendee_id": ani.id, "time": "08.42", "time_zone": "WIB",
        "date": "2024-02-01", "desk": "Meja 1", "operator": "Rina", "method": "cli",
        "undone_at": None, "undo_reason": "", "undone_by": "", "undone_desk": "",
    }
    with fixed_clock(datetime(2024, 2, 1, 2, 0, tzinfo=UTC)):
        code, data, _ = cli("checkin-undo", str(event.id), "--nip", NIP, "--reason",
                            "salah orang", "--desk", "Meja 2", "--operator", "Budi", "--json")
    assert code == 0
    undone = data["checkin"]
    assert undone.pop("undone_at") == "2024-02-01T09:00:00+07:00"
    assert undone == {
        "id": checkin["id"], "attendee_id": ani.id, "checked_in_at": stamp,
        "time": "08.42", "time_zone": "WIB", "date": "2024-02-01", "desk": "Meja 1",
        "operator": "Rina", "method": "cli",
        "undo_reason": "salah orang", "undone_by": "Budi", "undone_desk": "Meja 2",
    }


def test_checkin_json_outside_the_events_day(cli, event, ani):
    # 23.30 UTC on 2 February is 06.30 WIB on 3 February: two days after the event.
    with fixed_clock(datetime(2024, 2, 2, 23, 30, tzinfo=UTC)):
        code, data, _ = cli("checkin", str(event.id), "--nip", NIP, "--desk", "Meja 1", "--json")
    assert code == 0  # taken, not refused
    assert data["outside_event_day"] is True
    assert data["event_date"] == "2024-02-01"
    assert data["warning"] == ("Hari ini (Sabtu, 3 Februari 2024) bukan tanggal acara "
                               "(Kamis, 1 Februari 2024)")
    assert (data["checkin"]["date"], data["checkin"]["time"]) == ("2024-02-03", "06.30")
    code, text, _ = cli("checkin-undo", str(event.id), "--nip", NIP, "--reason", "uji")
    with fixed_clock(datetime(2024, 2, 2, 23, 30, tzinfo=UTC)):
        code, text, _ = cli("checkin", str(event.id), "--nip", NIP, "--desk", "Meja 1")
    assert code == 0
    assert text == ("Hadir pukul 06.30.00 WIB di Meja 1: Ani\n"
                    "Perhatian: Hari ini (Sabtu, 3 Februari 2024) bukan tanggal acara "
                    "(Kamis, 1 Februari 2024).\n")


def test_event_zone_from_the_command_line(cli):
    code, data, _ = cli("event", "create", "--name", "Sosialisasi di Makassar", "--date",
                        "2024-02-01", "--start", "08:00", "--end", "11:00", "--zone", "wita",
                        "--json")
    assert code == 0 and data["time_zone"] == "WITA"
    code, data, _ = cli("event", "edit", str(data["id"]), "--zone", "WIT", "--json")
    assert code == 0 and data["time_zone"] == "WIT"
    code, text, _ = cli("event", "show", str(data["id"]))
    assert "Waktu: 08.00 \u2013 11.00 WIT (zona waktu WIT)" in text
    code, data, _ = cli("event", "create", "--name", "Bawaan", "--date", "2024-02-01", "--json")
    assert data["time_zone"] == "WIB"
    with pytest.raises(SystemExit) as exit_info:  # argparse: not one of the three
        cli("event", "create", "--name", "X", "--date", "2024-02-01", "--zone", "UTC")
    assert exit_info.value.code == 2


def test_pledge_version_json(cli, event, ani):
    code, first, _ = cli("pledge", "use", str(event.id), "netralitas_asn_2024", "--json")
    text = TEMPLATES["netralitas_asn_2024"]
    current = first["current"]
    created = current.pop("created_at")
    adopted = current.pop("adopted_at")
    assert len(created) == 25 and len(adopted) == 25
    assert current == {
        "hash": version_hash(text), "title": text.title, "template": "netralitas_asn_2024",
        "locked": False, "signature_count": 0, "opening": text.opening,
        "points": list(text.points), "closing": text.closing,
    }
    cli("pledge", "use", str(event.id), "pakta_integritas", "--json")
    code, data, _ = cli("pledge", "show", str(event.id), "--json")
    assert code == 0
    assert data["earlier"] == [{
        "hash": version_hash(text), "title": text.title, "template": "netralitas_asn_2024",
        "locked": False, "signature_count": 0, "created_at": created, "adopted_at": adopted,
    }]


def test_signature_json(cli, store, event, ani):
    cli("pledge", "use", str(event.id), "netralitas_asn_2024", "--json")
    strokes = synthetic_signature(1, 600, 300)
    sign(store, event.id, ani.id, strokes, 600, 300, "Meja 1", "Rina")
    sign_witness(store, event.id, strokes, 640, 320)
    record = current_signatures(store, event.id)[ani.id]
    code, data, _ = cli("signature", "list", str(event.id), "--json")
    assert code == 0
    assert data["unsigned"] == []
    signed_at = data["signed"][0].pop("signed_at")
    wib = timezone(timedelta(hours=7))
    assert signed_at == record.signed_at.astimezone(wib).isoformat(timespec="seconds")
    assert data["signed"][0].pop("time_zone") == "WIB"
    assert data["signed"] == [{
        "id": record.id, "attendee_id": ani.id, "role": "attendee",
        "pledge_hash": version_hash(TEMPLATES["netralitas_asn_2024"]),
        "strokes_sha256": record.strokes_sha256, "intact": True, "pad": [600, 300],
        "consent_version": CONSENT_VERSION, "place": "Meja 1", "operator": "Rina",
    }]
    witness = data["witness"]
    assert (witness["attendee_id"], witness["role"], witness["pad"]) == (None, "witness",
                                                                          [640, 320])


def test_letterhead_and_numbering_from_the_command_line(cli):
    code, data, _ = cli("event", "create", "--name", "Ikrar", "--date", "2026-03-12",
                        "--address", "Jalan Jenderal Ahmad Yani Nomor 1", "--postcode", "17141",
                        "--number-scheme", "800/{n:03d}/Kesbangpol/2026", "--number-start", "17",
                        "--json")
    assert code == 0
    assert (data["address"], data["postcode"]) == ("Jalan Jenderal Ahmad Yani Nomor 1", "17141")
    assert (data["number_scheme"], data["number_start"]) == ("800/{n:03d}/Kesbangpol/2026", 17)
    code, edited, _ = cli("event", "edit", str(data["id"]), "--phone", "(021) 88397963",
                          "--email", "kesbangpol@bekasikota.go.id", "--json")
    assert code == 0
    assert edited["phone"] == "(021) 88397963" and edited["address"] == data["address"]
    code, refused, _ = cli("event", "edit", str(data["id"]), "--number-scheme", "800/x/2026",
                           "--json")
    assert code != 0
    assert refused["error"]["code"] == "invalid_event"
