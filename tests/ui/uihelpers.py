"""Data and helpers shared by the widget tests (plain functions, no fixtures)."""

from __future__ import annotations

import time as time_module
from datetime import date, datetime, time, timedelta
from pathlib import Path

from events.categories import Category
from events.model import Attendee, Event, Official, Speaker

SHOTS = Path("/tmp/ikrar-shots")

# A few valid numbers (birth date, TMT, sex digit and sequence are all plausible).
NIP_BUDI = "198609262015051001"
NIP_SITI = "199001012018012003"
NIP_RENE = "197803152005011002"
NIP_AGUS = "198212302010011004"
NIP_PUTRI = "199507122020122001"


def sample_event(**changes) -> Event:
    values = dict(
        name="Ikrar Netralitas ASN Kota Bekasi 2024",
        event_date=date(2024, 10, 14),
        start_time=time(8, 0),
        end_time=time(11, 30),
        venue="Aula Balai Patriot",
        city="Bekasi",
        organizer_unit="Badan Kesbangpol",
        institution="Pemerintah Kota Bekasi",
        letter_number="005/7262-Kesbangpol.Poldagri",
        letter_date=date(2024, 10, 1),
        presiding=Official("Dr. H. Wali Kota, M.Si.", "Wali Kota Bekasi", ""),
        witness=Official("Ir. Saksi Utama, M.T.", "Sekretaris Daerah", "197001011995031001"),
        speakers=[Speaker("Rina Jaksa, S.H.", "Kasi Intel", "Kejaksaan Negeri"),
                  Speaker("Dr. Bawaslu", "Ketua", "Bawaslu Kota")],
        agenda="Pembukaan\nPembacaan Ikrar\nPenutup",
    )
    values.update(changes)
    return Event(**values)


def sample_people() -> list[Attendee]:
    return [
        Attendee("Budi Santoso, S.E.", Category.ESELON_III, nip=NIP_BUDI,
                 jabatan="Kepala Bidang", unit="Dinas Pendidikan"),
        Attendee("Siti Rahayu", Category.ESELON_IV, nip=NIP_SITI, jabatan="Kepala Seksi",
                 unit="Dinas Kesehatan"),
        Attendee("René Sétiawan", Category.ESELON_III, nip=NIP_RENE, jabatan="Sekretaris",
                 unit="Inspektorat"),
        Attendee("Agus Wibowo", Category.PELAKSANA, nip=NIP_AGUS, jabatan="Pengadministrasi",
                 unit="Bagian Hukum"),
        Attendee("Putri Lestari", Category.FUNGSIONAL, nip=NIP_PUTRI,
                 jabatan="Analis Kebijakan", unit="Bappeda"),
        Attendee("H. Ahmad Wartawan", Category.TAMU, jabatan="Ketua",
                 institution="PWI Kota Bekasi"),
    ]


def save_shot(widget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


# The messy invitation roster: what an organiser's Excel file really looks like.
MESSY_GOOD = {  # name -> NIP of the rows that must be imported (guests have none)
    "Budi Santoso, S.E.": NIP_BUDI,
    "Siti Rahayu": NIP_SITI,
    "Eko Prasetyo": "197501012000031002",
    "H. Ahmad Wartawan": None,
    "Rina Jaksa, S.H.": None,
}
MESSY_BAD_ROWS = {7: "12345", 8: "float"}  # Excel row -> what is wrong with its NIP


def make_messy_xlsx(path: Path) -> Path:
    """Letterhead rows, the header on row 4, a bad NIP (row 7), a NIP stored as a float
    (row 8), a JUMLAH footer, and a second sheet "Tamu" without NIPs."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Undangan"
    ws.append(["DAFTAR UNDANGAN IKRAR NETRALITAS ASN"])
    ws.append(["PEMERINTAH KOTA CONTOH TAHUN 2024"])
    ws.append([])
    ws.append(["No", "Nama", "NIP", "Jabatan", "Eselon", "Unit Kerja", "No. HP"])
    ws.append([1, "Budi Santoso, S.E.", NIP_BUDI, "Kepala Bidang", "III.a",
               "Dinas Pendidikan", "081234567890"])
    ws.append([2, "Siti Rahayu", "19900101 201801 2 003", "Kepala Seksi", "IV.a",
               "Dinas Kesehatan", "081298765432"])
    ws.append([3, "Andi Salah Ketik", "12345", "Pengadministrasi Umum", "", "Inspektorat", ""])
    ws.append([4, "Dewi Angka", 198501012010012001.0, "Kepala Seksi", "IV.b", "Bappeda", ""])
    ws.append([5, "Eko Prasetyo", "197501012000031002", "Kepala Dinas", "II.b",
               "Dinas Pekerjaan Umum", ""])
    ws.append([None, "JUMLAH", "5 orang"])
    guests = wb.create_sheet("Tamu")
    guests.append(["No", "Nama", "Jabatan", "Instansi"])
    guests.append([1, "H. Ahmad Wartawan", "Ketua", "PWI Kota Contoh"])
    guests.append([2, "Rina Jaksa, S.H.", "Kasi Intel", "Kejaksaan Negeri Kota Contoh"])
    wb.save(path)
    return path


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user, one key at a time; QTest.keyClicks aborts on non-ASCII characters,
    so those arrive as key events carrying their text (as an input method delivers them)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def person(store, event, name_part: str) -> Attendee:
    """The event's attendee whose name holds ``name_part``."""
    return next(a for a in store.list_attendees(event.id) if name_part in a.name)


def show_main_window(qtbot, store, settings, dialogs,
                     size: tuple[int, int] | None = None):
    """The app's main window on ``store``, shown and exposed."""
    from ui.main_window import MainWindow

    win = MainWindow(store, settings, dialogs)

    def release(window) -> None:  # the test is over: the window closes without the PIN
        if window.desk_page is not None:
            window.desk_page.kiosk = False
        if window.station_page is not None \
                and window.stack.currentWidget() is window.station_page:
            window.stack.setCurrentWidget(window.roster_page)

    qtbot.add_widget(win, before_close_func=release)
    if size:
        win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    return win


def ticking_from(start: datetime):
    """A clock for events.dates.set_clock: ``start`` (aware), then on as real time passes."""
    began = time_module.monotonic()
    return lambda: start + timedelta(seconds=time_module.monotonic() - began)
