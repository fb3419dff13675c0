"""Invented rosters of any size with valid, distinct NIPs, for the benchmarks."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.categories import Category  # noqa: E402
from events.model import Attendee, Source  # noqa: E402

FIRST = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Galih", "Hesti", "Indra", "Joko",
         "Kartika", "Lina", "Made", "Nining", "Oman", "Putri", "Rahmat", "Siti", "Teguh", "Umi"]
LAST = ["Santoso", "Wibowo", "Kurniawan", "Utami", "Hidayat", "Suryadi", "Anggraini",
        "Panjaitan", "Sembiring", "Nasution", "Hakim", "Mahendra", "Lestari", "Saputra"]
UNITS = ["Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum", "Bagian Hukum Setda",
         "Inspektorat", "Kecamatan Rawalumbu", "Dinas Komunikasi dan Informatika"]
ESELON = ["II.a", "III.a", "III.b", "IV.a", "IV.b", "", ""]
JABATAN = ["Kepala Dinas", "Kepala Bidang Umum", "Kepala Bidang Perencanaan",
           "Kepala Seksi Pelayanan", "Kepala Seksi Umum", "Pengadministrasi Umum",
           "Analis Kebijakan Ahli Muda"]


def nip(i: int, rng: random.Random) -> str:
    year = 1965 + i % 30
    birth = f"{year}{1 + i % 12:02d}{1 + i % 28:02d}"
    tmt = f"{year + 25}{1 + (i // 12) % 12:02d}"
    return f"{birth}{tmt}{1 + i % 2}{1 + (i // 336) % 999:03d}"


def rows(n: int, seed: int = 7) -> list[list[str]]:
    """Roster rows: No, Nama, NIP, Jabatan, Eselon, Unit Kerja, No. HP (distinct NIPs)."""
    rng = random.Random(seed)
    out, seen = [], set()
    i = 0
    while len(out) < n:
        value = nip(i, rng)
        i += 1
        if value in seen:
            continue
        seen.add(value)
        k = rng.randrange(len(JABATAN))
        out.append([str(len(out) + 1), f"{rng.choice(FIRST)} {rng.choice(LAST)}, S.Sos.",
                    f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}", JABATAN[k],
                    ESELON[k], rng.choice(UNITS), f"08{rng.randint(1_000_000_000, 9_999_999_999)}"])
    return out


def attendees(n: int) -> list[Attendee]:
    categories = list(Category)
    return [
        Attendee(name=r[1], category=categories[i % len(categories)],
                 nip=r[2].replace(" ", ""), jabatan=r[3], unit=r[5], phone=r[6],
                 source=Source.IMPORT)
        for i, r in enumerate(rows(n))
    ]


def write_xlsx(path: Path, n: int) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Undangan"
    sheet.append(["PEMERINTAH KOTA CONTOH"])
    sheet.merge_cells("A1:G1")
    sheet.append(["DAFTAR UNDANGAN IKRAR NETRALITAS ASN"])
    sheet.merge_cells("A2:G2")
    sheet.append([])
    sheet.append(["No", "Nama", "NIP", "Jabatan", "Eselon", "Unit Kerja", "No. HP"])
    for row in rows(n):
        sheet.append(row)
    sheet.append(["", "JUMLAH", f"{n} orang"])
    book.save(path)
    return path
