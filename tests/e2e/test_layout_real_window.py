"""The app on a 1366x768 laptop screen under a real X server: every window it opens fits, its
frame and title bar included, so nothing (the status line, a dialog's Tutup button) ends below
the screen's edge."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from screen import button_rows, buttons, has_color
from xsession import XSession, missing_tools

from events.categories import Category
from events.model import Attendee, Event
from events.store import Store

MISSING = missing_tools() + [tool for tool in ("xwininfo", "xprop") if not shutil.which(tool)]
pytestmark = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("CI"),
    reason=f"needs {', '.join(MISSING)} (./test.sh installs them)")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ikrar.sqlite"
    store = Store.open(path)
    event = store.create_event(Event(name="Ikrar Netralitas ASN Kota Uji",
                                     event_date=date.today(), venue="Aula", city="Kota Uji"))
    store.add_attendees(event.id, [
        Attendee(name=f"Peserta Uji {i:03d}", category=Category.PELAKSANA, unit="Setda",
                 nip=f"198501012010011{i:03d}", jabatan="Analis Kebijakan")
        for i in range(40)])
    store.close()
    return path


def _session(tmp_path: Path, width: int, height: int) -> XSession:
    shots = tmp_path / "shots"
    shots.mkdir(exist_ok=True)
    x = XSession(width, height, shots=shots)
    x.env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), IKRAR_LOG_DIR=str(tmp_path / "log"),
                 HOME=str(tmp_path))
    return x


def _run(x: XSession, *command: str) -> str:
    return subprocess.run(command, env=x.env, capture_output=True, text=True,
                          check=True).stdout


def geometry(x: XSession, window: str) -> tuple[int, int, int, int]:
    """Left, top, right and bottom edges of a window with its frame (title bar, borders), as
    the X server and the window manager have them."""
    info = _run(x, "xwininfo", "-id", window)

    def field(name: str) -> int:
        return int(re.search(rf"{name}:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]

    left, top = field("Absolute upper-left X"), field("Absolute upper-left Y")
    width, height = field("Width"), field("Height")
    extents = _run(x, "xprop", "-id", window, "_NET_FRAME_EXTENTS")
    frame = [int(n) for n in re.findall(r"\d+", extents.partition("=")[2])] or [0, 0, 0, 0]
    return (left - frame[0], top - frame[2], left + width + frame[1],
            top + height + frame[3])


def open_desk(x: XSession, db: Path, log: Path) -> str:
    x.start_app("--db", str(db), "--event", "1", "--desk", log=log)
    dialog = x.window("^Meja Registrasi$")
    x.activate(dialog)
    x.key("Tab")
    x.type("Petugas Uji", delay_ms=10)
    x.key("Return")
    window = x.window("^Meja Registrasi \u2014")
    x.activate(window)
    return window


def assert_fits(x: XSession, window: str) -> None:
    left, top, right, bottom = geometry(x, window)
    screen_width, screen_height = x.size
    assert left >= 0 and top >= 0  # the title bar is on the screen
    assert right <= screen_width
    assert bottom <= screen_height, f"the window's frame ends at {bottom}"


def desk_with_results(x: XSession, db: Path, tmp_path: Path, query: str, shot: str) -> str:
    """The desk opened on this screen, ``query`` typed into its search: its window, after
    checking that it fits."""
    window = open_desk(x, db, tmp_path / "app.log")
    x.wait_for(lambda: geometry(x, window)[3] > 400, 10, "the desk window has no size")
    x.type(query, delay_ms=10)
    x.screenshot(tmp_path / "shots" / shot)
    assert_fits(x, window)
    return window


def has_answer(x: XSession, dialog: str) -> bool:
    """The verify dialog shows its answer: the yellow "TIDAK TERBACA" banner (ui.widgets)."""
    return has_color(x.grab(), (0xFF, 0xF3, 0xC4), x.geometry(dialog))  # STYLES["warn"]


def test_the_desk_and_the_verify_dialog_fit_a_1366x768_screen(db, tmp_path):
    with _session(tmp_path, 1366, 768) as x:
        desk_with_results(x, db, tmp_path, "peserta uji 00", "desk.png")
        x.key("alt+d", "Up", "Return")  # Dokumen -> Periksa Keaslian Surat Pernyataan (the last)
        dialog = x.window("^Periksa Keaslian Surat Pernyataan$")
        x.screenshot(tmp_path / "shots" / "verify.png")
        assert_fits(x, dialog)
        # A code typed into its field, then Enter: the answer is shown in the dialog, which
        # keeps its size; no file dialog opens, the dialog stays. The dialog opens at its first
        # button; Tab passes the camera and public key buttons to the field.
        x.activate(dialog)
        x.key("Tab", "Tab", "Tab")
        x.type("ABCDE-FGHIJ", delay_ms=10)
        x.key("Return")
        try:
            x.wait_for(lambda: has_answer(x, dialog), 10, "the typed code got no answer")
        finally:
            time.sleep(0.5)
            x.screenshot(tmp_path / "shots" / "verify-answer.png")
        assert not x.windows("^Buka Sertifikat$"), "Enter in the code field opened a file dialog"
        assert not x.gone(dialog), "Enter in the code field closed the dialog"
        assert_fits(x, dialog)


def test_the_desk_fits_a_1024x600_screen(db, tmp_path):
    with _session(tmp_path, 1024, 600) as x:
        desk_with_results(x, db, tmp_path, "peserta", "desk-small.png")


def test_the_phone_signing_window_fits_a_1366x768_screen(db, tmp_path):
    """Dokumen -> Tanda Tangan lewat Ponsel, as staff open it beside the event: the whole
    window (its QR and the network advice at the bottom) is on the screen."""
    with _session(tmp_path, 1366, 768) as x:
        x.start_app("--db", str(db), "--event", "1", log=tmp_path / "app.log")
        main = x.window("Ikrar")
        x.activate(main)
        x.wait_for(lambda: geometry(x, main)[3] > 400, 10, "the window has no size")
        # The window manager places a new window where the pointer is: as after a click on
        # the menu, the pointer rests low on the screen.
        x.xdotool("mousemove", "300", "500")
        x.key("alt+d", "Up", "Up", "Up", "Return")  # the third from the end
        window = x.window("^Tanda Tangan lewat Ponsel$")
        x.wait_for(lambda: geometry(x, window)[3] > 300, 10, "the phone window has no size")
        x.screenshot(tmp_path / "shots" / "phone.png")
        assert_fits(x, window)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1024, 600)])
def test_the_dashboard_fits_the_screen_and_esc_closes_it(db, tmp_path, width, height):
    """Layar Dasbor, opened with the pointer low on the screen (where the window manager puts
    a new window): all of it on the screen; Esc closes it and the desk is back."""
    with _session(tmp_path, width, height) as x:
        desk = open_desk(x, db, tmp_path / "app.log")
        x.wait_for(lambda: geometry(x, desk)[3] > 400, 10, "the desk window has no size")
        time.sleep(0.5)
        # The desk's bottom row ends with Layar Dasbor and Mode Kios (F11).
        bottom = button_rows(buttons(x.grab(), x.geometry(desk)))[-1]
        assert len(bottom) >= 2, bottom
        x.click(*bottom[-2].center)
        dashboard = x.window("^Dasbor \u2014 ")
        x.wait_for(lambda: geometry(x, dashboard)[3] > 300, 10, "the dashboard has no size")
        time.sleep(0.3)
        x.screenshot(tmp_path / "shots" / f"dashboard-{width}.png")
        assert_fits(x, dashboard)
        x.activate(dashboard)
        x.key("Escape")
        x.wait_for(lambda: x.gone(dashboard), 5, "Esc did not close the dashboard")
        assert not x.gone(desk)
