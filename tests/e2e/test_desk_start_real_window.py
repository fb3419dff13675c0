"""The start of the day at the desk, in a real window driven through the X server: the seal
key's passphrase is asked as the desk opens (not at the first signature, where the scanner's
keys would land in it), and every scan afterwards lands in the scan field; in kiosk mode the
previous guest's "hadir" does not stay for the next one, and a typed NIP works too."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from xsession import XSession, missing_tools

from events.categories import Category
from events.model import Attendee, Event
from events.store import Store

pytestmark = pytest.mark.skipif(
    bool(missing_tools()) and not os.environ.get("CI"),
    reason=f"needs {', '.join(missing_tools())} (./test.sh installs them)")

PASSPHRASE = "kata-sandi-uji-panjang"
PIN = "4821"
PEOPLE = 30
OK_GREEN = (0xE3, 0xF4, 0xE1)  # the background of the desk's "hadir" banner (ui.widgets.STYLES)


@pytest.fixture
def pledged_db(tmp_path: Path) -> tuple[Path, list[Attendee]]:
    """An event that takes signatures (its pledge chosen), sealed with a key made on an earlier
    day: locked when the app starts."""
    from pledges.keys import create_key
    from pledges.texts import use_template

    path = tmp_path / "ikrar.sqlite"
    store = Store.open(path)
    event = store.create_event(Event(name="Ikrar Netralitas ASN Kota Uji",
                                     event_date=date.today(), venue="Aula", city="Kota Uji"))
    people = store.add_attendees(event.id, [
        Attendee(name=f"Peserta Uji {i:03d}", category=Category.PELAKSANA, unit="Setda",
                 nip=f"198501012010011{i:03d}")
        for i in range(PEOPLE)])
    use_template(store, event.id, "netralitas_asn_2024")
    create_key(store, PASSPHRASE, "Kesbangpol Kota Uji")
    store.close()
    return path, people


@pytest.fixture
def session(tmp_path: Path):
    shots = tmp_path / "shots"
    shots.mkdir()
    with XSession(shots=shots) as x:
        x.env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), IKRAR_LOG_DIR=str(tmp_path / "log"),
                     HOME=str(tmp_path))
        yield x


def checkins(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT attendee_id, method FROM checkins WHERE undone_at IS NULL").fetchall()


def open_desk_with_passphrase(x: XSession, db: Path, log: Path, passphrase: str | None) -> None:
    """Start the app as the desk laptop; answer which desk, then the seal key's passphrase
    (None: Cancel)."""
    x.start_app("--db", str(db), "--event", "1", "--desk", log=log)
    dialog = x.window("^Meja Registrasi$")
    x.activate(dialog)
    x.key("Tab")
    x.type("Petugas Uji", delay_ms=10)
    x.key("Return")
    asked = x.window("^Kunci Segel$")  # asked now, before the first person is served
    x.activate(asked)
    if passphrase is None:
        x.key("Escape")
    else:
        x.type(passphrase, delay_ms=10)
        x.key("Return")
    x.activate(x.window("^Meja Registrasi \u2014"))


def scan(x: XSession, token: str) -> None:
    x.type(f"IKR-{token}", delay_ms=2)
    x.xdotool("key", "--delay", "0", "Return")


@pytest.mark.parametrize("passphrase", [PASSPHRASE, None], ids=["unlocked", "cancelled"])
def test_the_passphrase_is_asked_as_the_desk_opens_and_every_scan_lands(
        session, pledged_db, tmp_path, passphrase):
    db, people = pledged_db
    open_desk_with_passphrase(session, db, tmp_path / "app.log", passphrase)
    try:
        for n, person in enumerate(people, start=1):
            scan(session, person.token)
            session.wait_for(lambda n=n: len(checkins(db)) >= n, 10,
                             f"scan {n} ({person.name}) was not checked in", every=0.005)
    except AssertionError:
        session.screenshot(tmp_path / "shots" / "failure.png")
        raise
    found = checkins(db)
    assert sorted(a for a, _ in found) == sorted(p.id for p in people)
    assert [m for _, m in found].count("scan") >= 0.9 * len(people)
    # No dialog came up in the queue: the key was asked at the start only.
    assert visible_windows(session, "^Kunci Segel$") == []


def visible_windows(x: XSession, pattern: str) -> list[str]:
    done = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", pattern],
                          env=x.env, capture_output=True, text=True)
    return done.stdout.split()


def green_pixels(x: XSession, path: Path) -> int:
    """How much of the screen shows the desk's "hadir" banner."""
    from PIL import Image

    x.screenshot(path)
    with Image.open(path) as image:
        colors = image.convert("RGB").getcolors(1 << 24) or []
    return sum(count for count, color in colors if color == OK_GREEN)


def test_kiosk_forgets_the_last_guest_and_takes_a_typed_nip(session, pledged_db, tmp_path):
    db, people = pledged_db
    open_desk_with_passphrase(session, db, tmp_path / "app.log", PASSPHRASE)
    session.key("F11")  # kiosk mode: the organizer sets the PIN first
    for _ in range(2):
        pin = session.window("^PIN Petugas$")
        session.activate(pin)
        session.type(PIN, delay_ms=20)
        session.key("Return")
        time.sleep(0.4)
    desk = session.window("^Meja Registrasi \u2014")
    session.activate(desk)
    shots = tmp_path / "shots"
    try:
        scan(session, people[0].token)
        session.wait_for(lambda: len(checkins(db)) == 1, 10, "the kiosk scan checked nobody in")
        session.wait_for(lambda: green_pixels(session, shots / "first.png") > 2000, 5,
                         "no \u201chadir\u201d shown for the first guest")
        # The next guest types the first digit of their NIP: the last answer goes at once.
        nip = people[1].nip or ""
        session.type(nip[:1], delay_ms=60)
        session.wait_for(lambda: green_pixels(session, shots / "next.png") == 0, 5,
                         "the first guest's \u201chadir\u201d stayed for the next one")
        session.type(nip[1:], delay_ms=40)
        session.key("Return")
        session.wait_for(lambda: len(checkins(db)) == 2, 10, "the typed NIP checked nobody in")
        assert dict(checkins(db))[people[1].id] == "search"
        session.wait_for(lambda: green_pixels(session, shots / "second.png") > 2000, 5,
                         "no \u201chadir\u201d shown for the second guest")
        # Nobody comes next: the answer goes by itself after a few seconds.
        session.wait_for(lambda: green_pixels(session, shots / "later.png") == 0, 10,
                         "the \u201chadir\u201d stayed on the kiosk")
    except AssertionError:
        session.screenshot(shots / "failure.png")
        raise
