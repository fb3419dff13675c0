"""A demo event with invented people, so a new user can try the whole flow before the day."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time

from events.categories import Category
from events.model import Attendee, Contact, Event, EventKind, Official, Source, Speaker
from events.store import Store

DEMO_NAME = "DEMO - Penandatanganan Pakta Integritas ASN Kota Contoh"

# First names by the sex the NIP's 15th digit records (1 men, 2 women), so a name and its NIP
# agree; the last names that are women's names only go with women's first names.
_FIRST = {1: ["Agus", "Budi", "Eko", "Galih", "Indra", "Joko", "Made", "Oman", "Rahmat",
              "Teguh", "Wahyu", "Zainal", "Bambang", "Hendra", "Yusuf", "Asep", "Dedi",
              "Ikhsan", "Taufik"],
          2: ["Citra", "Dewi", "Fitri", "Hesti", "Kartika", "Lina", "Nining", "Putri", "Siti",
              "Umi", "Yanti", "Ratna", "Sri", "Maya", "Nurul", "Rina", "Wulan"]}
_LAST = ["Santoso", "Wibowo", "Kurniawan", "Hidayat", "Suryadi", "Panjaitan", "Sembiring",
         "Nasution", "Hakim", "Mahendra", "Saputra", "Siregar", "Wijaya", "Setiawan", "Pratama",
         "Ginting", "Sulaeman", "Permana", "Hasibuan", "Nugraha", "Syahputra", "Rachman"]
_LAST_WOMEN = ["Utami", "Anggraini", "Lestari", "Rahayu"]
# Degrees by level: heads of office hold a master's degree, staff a bachelor's or diploma.
_TITLES = {
    "lead": ["S.Sos., M.Si.", "S.E., M.M.", "S.H., M.H.", "S.T., M.T.", "S.Kom., M.T.I.",
             "S.IP., M.Si."],
    "staff": ["", "S.Sos.", "S.E.", "S.T.", "S.H.", "S.Kom.", "A.Md.", "S.AP."],
}


@dataclass(frozen=True)
class _Office:
    """One perangkat daerah (OPD) of a city government and the positions in it by level."""

    unit: str
    head: str  # Eselon II (JPT Pratama); "" when the office has none
    administrator: tuple[str, ...]  # Eselon III
    pengawas: tuple[str, ...]  # Eselon IV
    fungsional: tuple[tuple[str, str], ...]  # (jabatan, golongan)
    pppk: tuple[tuple[str, str], ...]  # (jabatan, golongan PPPK)


_OFFICES = (
    _Office("Badan Kesatuan Bangsa dan Politik", "Kepala Badan Kesatuan Bangsa dan Politik",
            ("Sekretaris Badan", "Kepala Bidang Politik Dalam Negeri",
             "Kepala Bidang Ideologi dan Wawasan Kebangsaan"),
            ("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Sub Bagian Keuangan"),
            (("Analis Kebijakan Ahli Muda", "III/d"),),
            (("Penata Kelola Sistem dan Teknologi Informasi", "IX"),)),
    _Office("Dinas Pendidikan", "Kepala Dinas Pendidikan",
            ("Sekretaris Dinas", "Kepala Bidang Pembinaan Sekolah Dasar",
             "Kepala Bidang Pembinaan Sekolah Menengah Pertama"),
            ("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Seksi Kurikulum"),
            (("Pengawas Sekolah Ahli Madya", "IV/a"), ("Guru Ahli Muda", "III/c")),
            (("Guru Ahli Pertama", "IX"), ("Guru Ahli Pertama", "IX"))),
    _Office("Dinas Kesehatan", "Kepala Dinas Kesehatan",
            ("Sekretaris Dinas", "Kepala Bidang Pelayanan Kesehatan",
             "Kepala Bidang Pencegahan dan Pengendalian Penyakit"),
            ("Kepala Sub Bagian Keuangan", "Kepala Seksi Surveilans dan Imunisasi"),
            (("Epidemiolog Kesehatan Ahli Muda", "III/c"), ("Perawat Ahli Pertama", "III/b")),
            (("Perawat Terampil", "VII"), ("Bidan Terampil", "VII"))),
    _Office("Inspektorat Daerah", "Inspektur",
            ("Sekretaris Inspektorat", "Inspektur Pembantu Wilayah I",
             "Inspektur Pembantu Wilayah II"),
            ("Kepala Sub Bagian Perencanaan dan Pelaporan", "Kepala Sub Bagian Umum dan Keuangan"),
            (("Auditor Ahli Muda", "III/d"), ("Auditor Ahli Pertama", "III/b"),
             ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", "III/c")),
            ()),
    _Office("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            ("Sekretaris Badan", "Kepala Bidang Mutasi dan Promosi"),
            ("Kepala Sub Bagian Umum", "Kepala Sub Bidang Pengadaan dan Informasi ASN"),
            (("Analis Sumber Daya Manusia Aparatur Ahli Muda", "III/c"),),
            (("Penata Layanan Operasional", "V"),)),
    _Office("Dinas Komunikasi dan Informatika", "Kepala Dinas Komunikasi dan Informatika",
            ("Sekretaris Dinas", "Kepala Bidang Aplikasi Informatika"),
            ("Kepala Seksi Persandian", "Kepala Sub Bagian Umum dan Kepegawaian"),
            (("Pranata Komputer Ahli Pertama", "III/a"), ("Pranata Hubungan Masyarakat Ahli "
                                                          "Muda", "III/c")),
            (("Pranata Komputer Ahli Pertama", "IX"),)),
    _Office("Kecamatan Sukamaju", "",
            ("Camat Sukamaju", "Sekretaris Kecamatan Sukamaju"),
            ("Lurah Sukamaju", "Lurah Mekarsari", "Kepala Seksi Pemerintahan",
             "Kepala Seksi Ketenteraman dan Ketertiban Umum"),
            (), (("Penata Layanan Operasional", "V"),)),
    _Office("Sekretariat Daerah", "Asisten Pemerintahan dan Kesejahteraan Rakyat",
            ("Kepala Bagian Hukum", "Kepala Bagian Organisasi"),
            ("Kepala Sub Bagian Perundang-undangan", "Kepala Sub Bagian Kelembagaan"),
            (("Perancang Peraturan Perundang-undangan Ahli Muda", "III/d"),), ()),
)
# Golongan ruang by level (PP 99/2000 and the Eselon rules): a head IV/c-IV/d, an administrator
# IV/a-IV/b, a pengawas III/c-III/d, staff II/c-III/b.
_GOLONGAN = {
    Category.ESELON_II: ("IV/c", "IV/d"),
    Category.ESELON_III: ("IV/a", "IV/b"),
    Category.ESELON_IV: ("III/c", "III/d"),
    Category.PELAKSANA: ("II/c", "II/d", "III/a", "III/b"),
}
_PELAKSANA = ("Pengadministrasi Perkantoran", "Pengolah Data dan Informasi",
              "Penata Kelola Sistem dan Teknologi Informasi", "Pengelola Keuangan",
              "Pengadministrasi Perkantoran")
_NON_ASN = ("Tenaga Administrasi (Honorer)", "Pengemudi", "Petugas Kebersihan",
            "Operator Komputer (Honorer)")
# Guests: Forkopimda, election bodies, press, academia; each with the position they hold there.
_GUESTS = (("Kejaksaan Negeri Kota Contoh", "Kepala Seksi Intelijen"),
           ("Kepolisian Resor Kota Contoh", "Kepala Satuan Intelijen dan Keamanan"),
           ("Komando Distrik Militer Kota Contoh", "Perwira Seksi Teritorial"),
           ("Badan Pengawas Pemilihan Umum Kota Contoh", "Anggota"),
           ("Persatuan Wartawan Indonesia (PWI) Kota Contoh", "Ketua"),
           ("Universitas Contoh", "Dosen Fakultas Ilmu Sosial dan Ilmu Politik"))
# Structural positions are one person each: no more administrators or pengawas than offices
# times two (every office has at least two of each).
_COUNTS = {Category.ESELON_II: 7, Category.ESELON_III: 16, Category.ESELON_IV: 16,
           Category.FUNGSIONAL: 14, Category.PELAKSANA: 25, Category.PPPK: 10,
           Category.NON_ASN: 8, Category.TAMU: 6}


def _nip(rng: random.Random, sex: int, birth_year: int, pppk: bool = False) -> str:
    birth = f"{birth_year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    if pppk:
        return f"{birth}{rng.randint(2021, 2024)}2{rng.randint(1, 9)}{sex}{rng.randint(1, 9):03d}"
    tmt = f"{birth_year + rng.randint(22, 28)}{rng.randint(1, 12):02d}"
    return f"{birth}{tmt}{sex}{rng.randint(1, 3):03d}"


def _positions(category: Category, rng: random.Random) -> list[tuple[str, str, str]]:
    """(jabatan, golongan, unit) for every demo person of ``category``: heads in the offices
    that have one, each position in its own office, never two heads of one office."""
    count = _COUNTS[category]
    if category is Category.ESELON_II:
        heads = [(o.head, o.unit) for o in _OFFICES if o.head]
        return [(head, rng.choice(_GOLONGAN[category]), unit) for head, unit in heads[:count]]
    out = []
    for i in range(count):
        office = _OFFICES[i % len(_OFFICES)]
        if category is Category.ESELON_III:
            jabatan, gol = office.administrator[i // len(_OFFICES) % len(office.administrator)], \
                rng.choice(_GOLONGAN[category])
        elif category is Category.ESELON_IV:
            jabatan, gol = office.pengawas[i // len(_OFFICES) % len(office.pengawas)], \
                rng.choice(_GOLONGAN[category])
        elif category is Category.FUNGSIONAL:
            offices = [o for o in _OFFICES if o.fungsional]
            office = offices[i % len(offices)]
            jabatan, gol = office.fungsional[i // len(offices) % len(office.fungsional)]
        elif category is Category.PPPK:
            offices = [o for o in _OFFICES if o.pppk]
            office = offices[i % len(offices)]
            jabatan, gol = office.pppk[i // len(offices) % len(office.pppk)]
        elif category is Category.PELAKSANA:
            jabatan, gol = _PELAKSANA[i % len(_PELAKSANA)], rng.choice(_GOLONGAN[category])
        elif category is Category.NON_ASN:
            jabatan, gol = _NON_ASN[i % len(_NON_ASN)], ""
        else:
            institution, jabatan = _GUESTS[i % len(_GUESTS)]
            out.append((jabatan, "", institution))
            continue
        out.append((jabatan, gol, office.unit))
    return out


def demo_attendees(seed: int = 2024) -> list[Attendee]:
    """A city government's roster: heads of office, administrators, pengawas, fungsional and
    pelaksana staff, PPPK, honorer and guests from Forkopimda, the election bodies and the
    press, each with a position that belongs to their office and level."""
    rng = random.Random(seed)
    people: list[Attendee] = []
    used: set[str] = set()
    names: set[str] = set()
    for category in _COUNTS:
        for jabatan, golongan, where in _positions(category, rng):
            sex = rng.choice([1, 2])
            lead = category in (Category.ESELON_II, Category.ESELON_III)
            title = rng.choice(_TITLES["lead" if lead else "staff"])
            last = _LAST + (_LAST_WOMEN if sex == 2 else [])
            name = ""
            while not name or name in names:  # no two people of one name
                name = f"{rng.choice(_FIRST[sex])} {rng.choice(last)}" + (
                    f", {title}" if title else "")
            names.add(name)
            nip = None
            if category.needs_nip:
                # heads were born earlier than staff
                years = (1968, 1978) if lead else (1975, 1998)
                if category is Category.PPPK:
                    years = (1985, 2000)
                while nip is None or nip in used:
                    nip = _nip(rng, sex, rng.randint(*years), pppk=category is Category.PPPK)
                used.add(nip)
            guest = category is Category.TAMU
            people.append(Attendee(
                name=name,
                category=category,
                nip=nip,
                golongan=golongan,
                jabatan=jabatan,
                unit="" if guest else where,
                institution=where if guest else "",
                phone=f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}",
                source=Source.IMPORT,
            ))
    return people


def demo_event(today: date | None = None) -> Event:
    """A Pakta Integritas signing (a text that fits any date) in a city government, today."""
    day = today or date.today()
    return Event(
        name=DEMO_NAME,
        kind=EventKind.PAKTA_INTEGRITAS,
        event_date=day,
        start_time=time(8, 0),
        end_time=time(11, 0),
        venue="Aula Utama Balai Kota Contoh",
        city="Kota Contoh",
        organizer_unit="Badan Kesatuan Bangsa dan Politik",
        institution="Pemerintah Kota Contoh",
        letter_number=f"800/0001/Kesbangpol/{day.year} (contoh)",
        letter_date=day,
        presiding=Official("Dr. Ahmad Hidayat, M.Si.", "Wali Kota Contoh", ""),
        witness=Official("Ir. Budi Santoso, M.T.", "Sekretaris Daerah Kota Contoh",
                         "197001011995031001"),
        speakers=[Speaker("Rina Wulandari, S.H., M.H.", "Kepala Seksi Intelijen",
                          "Kejaksaan Negeri Kota Contoh")],
        agenda="Pembukaan; Sambutan Wali Kota; Pembacaan Pakta Integritas; Penandatanganan; "
               "Penutup",
        is_demo=True,
        letterhead=Contact("Jalan Merdeka Nomor 1, Kota Contoh", "12345", "(021) 555-0100",
                           "kesbangpol@kotacontoh.go.id", "kesbangpol.kotacontoh.go.id"),
        number_scheme=f"800/{{n:03d}}/Kesbangpol/{day.year}",
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
    """About a third of the demo roster already came, at two desks, plus two walk-ins, so the
    desk, its counters and the dashboard show something at once."""
    from events.checkins import Desk, Method

    rng = random.Random(7)
    desks = [Desk(store, event_id, "Meja 1 (demo)", "Petugas Demo"),
             Desk(store, event_id, "Meja 2 (demo)", "Petugas Demo")]
    for person in rng.sample(people, len(people) // 3):
        rng.choice(desks).check_in(person.stored_id, Method.SEARCH)
    desks[0].register_walk_in(Attendee(
        name="Yudi Pratama", category=Category.TAMU, jabatan="Ketua",
        institution="Karang Taruna Kota Contoh"))
    desks[1].register_walk_in(Attendee(
        name="Dian Permatasari", category=Category.TAMU, jabatan="Wartawan",
        institution="Harian Kota Contoh"))
