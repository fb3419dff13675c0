"""A demo event with invented people, so a new user can try the whole flow before the day."""

from __future__ import annotations

import random
from datetime import date, time

from events.categories import Category
from events.model import Attendee, Event, EventKind, Official, Source, Speaker
from events.store import Store

DEMO_NAME = "DEMO - Ikrar Netralitas ASN Kota Contoh"

_FIRST = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Galih", "Hesti", "Indra", "Joko",
          "Kartika", "Lina", "Made", "Nining", "Oman", "Putri", "Rahmat", "Siti", "Teguh",
          "Umi", "Wahyu", "Yanti", "Zainal", "Ratna", "Bambang", "Sri", "Hendra", "Maya"]
_LAST = ["Santoso", "Wibowo", "Kurniawan", "Utami", "Hidayat", "Suryadi", "Anggraini",
         "Panjaitan", "Sembiring", "Nasution", "Hakim", "Mahendra", "Lestari", "Saputra",
         "Siregar", "Wijaya", "Rahayu", "Setiawan", "Pratama", "Ginting"]
_TITLES = ["", "", "S.Sos.", "S.E.", "S.T.", "S.H.", "S.Sos., M.Si.", "S.E., M.M.", "S.Kom."]
_UNITS = ["Badan Kesatuan Bangsa dan Politik", "Dinas Pendidikan", "Dinas Kesehatan",
          "Dinas Pekerjaan Umum", "Bagian Hukum Setda", "Inspektorat", "Kecamatan Sukamaju",
          "Dinas Komunikasi dan Informatika", "Badan Kepegawaian dan Pengembangan SDM"]
_PLAN: list[tuple[Category, int, list[str], list[str]]] = [
    (Category.ESELON_II, 8, ["Kepala Dinas", "Kepala Badan", "Inspektur"], ["IV/c", "IV/d"]),
    (Category.ESELON_III, 20, ["Kepala Bidang", "Sekretaris", "Camat"], ["IV/a", "IV/b"]),
    (Category.ESELON_IV, 30, ["Kepala Seksi", "Kepala Sub Bagian", "Lurah"], ["III/c", "III/d"]),
    (Category.FUNGSIONAL, 15, ["Analis Kebijakan Ahli Muda", "Pranata Komputer Ahli Pertama"],
     ["III/b", "III/c"]),
    (Category.PELAKSANA, 25, ["Pengadministrasi Umum", "Pengelola Data"], ["II/c", "III/a"]),
    (Category.PPPK, 10, ["Penata Layanan Operasional", "Guru Ahli Pertama"], [""]),
    (Category.NON_ASN, 8, ["Tenaga Administrasi", "Pengemudi"], [""]),
    (Category.TAMU, 6, ["Ketua", "Wartawan", "Sekretaris"], [""]),
]
_GUEST_INSTITUTIONS = ["PWI Kota Contoh", "Kejaksaan Negeri Kota Contoh", "Polres Kota Contoh",
                       "Kodim Kota Contoh", "KPU Kota Contoh", "Universitas Contoh"]


def _nip(rng: random.Random, sex: int, pppk: bool = False) -> str:
    birth_year = rng.randint(1966, 1996)
    birth = f"{birth_year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    if pppk:
        return f"{birth}{rng.randint(2021, 2024)}2{rng.randint(1, 9)}{sex}{rng.randint(1, 9):03d}"
    tmt = f"{birth_year + rng.randint(22, 28)}{rng.randint(1, 12):02d}"
    return f"{birth}{tmt}{sex}{rng.randint(1, 3):03d}"


def demo_attendees(seed: int = 2024) -> list[Attendee]:
    rng = random.Random(seed)
    people: list[Attendee] = []
    used: set[str] = set()
    for category, count, jabatan, golongan in _PLAN:
        for _ in range(count):
            sex = rng.choice([1, 2])
            title = rng.choice(_TITLES)
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" + (f", {title}" if title else "")
            nip = None
            if category.needs_nip:
                nip = _nip(rng, sex, pppk=category is Category.PPPK)
                while nip in used:
                    nip = _nip(rng, sex, pppk=category is Category.PPPK)
                used.add(nip)
            unit = rng.choice(_UNITS)
            institution = rng.choice(_GUEST_INSTITUTIONS) if category is Category.TAMU else ""
            people.append(Attendee(
                name=name,
                category=category,
                nip=nip,
                golongan=rng.choice(golongan),
                jabatan=rng.choice(jabatan),
                unit="" if category is Category.TAMU else unit,
                institution=institution,
                phone=f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}",
                source=Source.IMPORT,
            ))
    return people


def demo_event(today: date | None = None) -> Event:
    return Event(
        name=DEMO_NAME,
        kind=EventKind.IKRAR_NETRALITAS,
        event_date=today or date.today(),
        start_time=time(8, 0),
        end_time=time(11, 0),
        venue="Aula Utama Balai Kota (contoh)",
        city="Kota Contoh",
        organizer_unit="Badan Kesatuan Bangsa dan Politik",
        institution="Pemerintah Kota Contoh",
        letter_number="005/0001-Kesbangpol (contoh)",
        letter_date=today or date.today(),
        presiding=Official("Dr. Ahmad Contoh, M.Si.", "Wali Kota Contoh", ""),
        witness=Official("Ir. Budi Saksi, M.T.", "Sekretaris Daerah", "197001011995031001"),
        speakers=[Speaker("Rina Jaksa, S.H., M.H.", "Kepala Seksi Intelijen",
                          "Kejaksaan Negeri Kota Contoh")],
        agenda="Pembukaan; Pembacaan Ikrar Netralitas ASN; Penandatanganan; Penutup",
        is_demo=True,
    )


def open_demo(store: Store) -> Event:
    """The demo event: the existing one if there is one (taken out of the archive, its roster
    completed if it was left empty), else a new one with its roster."""
    for event in store.list_events(include_archived=True):
        if event.is_demo:
            if event.archived:
                store.set_archived(event.stored_id, False)
            if not any(store.count_by_category(event.stored_id).values()):
                store.add_attendees(event.stored_id, demo_attendees())
            return store.get_event(event.stored_id)
    event = store.create_event(demo_event())
    people = store.add_attendees(event.stored_id, demo_attendees())
    _demo_check_ins(store, event.stored_id, people)
    return event


def _demo_check_ins(store: Store, event_id: int, people: list[Attendee]) -> None:
    """About a third of the demo roster already came, at two desks, plus one walk-in, so the
    desk, its counters and the dashboard show something at once."""
    from events.checkins import Desk, Method

    rng = random.Random(7)
    desks = [Desk(store, event_id, "Meja 1 (demo)", "Petugas Demo"),
             Desk(store, event_id, "Meja 2 (demo)", "Petugas Demo")]
    for person in rng.sample(people, len(people) // 3):
        rng.choice(desks).check_in(person.stored_id, Method.SEARCH)
    desks[0].register_walk_in(Attendee(
        name="Yudi Pratama (contoh tamu tanpa undangan)", category=Category.TAMU,
        institution="Karang Taruna Kota Contoh"))
