"""The "Tanda Tangan lewat Ponsel" window: starts the service, shows its address as text and
QR, shows a checked-in person's own QR, hands each phone signature to the GUI by a signal,
counts, tells which address answers, and stops the service when closed."""

from __future__ import annotations

import http.client
import json
from datetime import date

import pytest

from events.categories import Category
from events.model import Attendee, Event
from pledges.demo import synthetic_signature
from pledges.signatures import current_signature
from pledges.texts import CONSENT_VERSION, use_template
from ui.phone_window import PhoneWindow


@pytest.fixture
def setup(store):
    event = store.create_event(Event(name="Ikrar", event_date=date(2024, 2, 1)))
    person = store.add_attendee(event.id, Attendee("Ani", Category.ESELON_III,
                                                   nip="198609262015051001"))
    version = use_template(store, event.id, "netralitas_asn_2024")
    return store, event, person, version


def post(url: str, body: dict):
    rest = url.removeprefix("http://")
    hostport, path = rest.split("/", 1)
    host, port = hostport.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("POST", "/" + path, json.dumps(body).encode())
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def test_the_window_serves_shows_the_persons_qr_and_hears_their_signature(qtbot, setup):
    store, event, person, version = setup
    window = PhoneWindow(store, event.id)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Tanda Tangan lewat Ponsel"
    assert window.start_service("127.0.0.1", 0)
    assert window.base_url.startswith("http://127.0.0.1:")
    assert window.base_url in window.address_label.text()
    assert not window.address_qr.pixmap().isNull()
    link = window.show_link_for(person.id)
    assert link.startswith(window.base_url + "/s/")
    assert window.person_name.text() == "Ani"
    assert not window.person_qr.pixmap().isNull()
    api = link.replace("/s/", "/api/s/") + "/sign"
    with qtbot.waitSignal(window.signed, timeout=10_000) as signal:
        status, answer = post(api, {"strokes": synthetic_signature(1, 360, 200), "width": 360,
                                    "height": 200, "pledge_hash": version.hash,
                                    "consent_version": CONSENT_VERSION,
                                    "key": "kunci-kiriman-0001"})
    assert status == 200 and answer["status"] == "signed"
    assert signal.args == [person.id]
    assert current_signature(store, event.id, person.id).place == "ponsel"
    assert "sudah ditandatangani: 1" in window.counts_label.text()
    window.check_addresses()
    qtbot.waitUntil(lambda: "menjawab" in window.check_label.text(), timeout=10_000)
    assert "127.0.0.1: menjawab" in window.check_label.text()
    server = window.server
    window.close()
    assert window.server is None and not server.thread.is_alive()


def test_a_taken_port_is_said_in_the_window(qtbot, setup):
    store, event, _person, _version = setup
    first = PhoneWindow(store, event.id)
    second = PhoneWindow(store, event.id)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.start_service("127.0.0.1", 0)
    port = first.server.addresses[0][1]
    assert not second.start_service("127.0.0.1", port)
    assert "tidak dapat dimulai" in second.address_label.text()
    assert second.show_link_for(_person.id) == ""  # no service, no link
    first.stop_service()


def test_a_check_in_at_the_desk_shows_that_persons_own_qr(qtbot, main_window, pledged):
    from datetime import UTC, datetime

    from uihelpers import ticking_from

    from events.checkins import Method
    from events.dates import set_clock

    previous = set_clock(ticking_from(datetime(2024, 10, 14, 2, 0, tzinfo=UTC)))
    try:
        assert main_window.open_desk(pledged.id)
        window = main_window.on_phone()
        assert window.event_id == pledged.id and window.isVisible()
        assert window.start_service("127.0.0.1", 0)
        page = main_window.desk_page
        person = main_window.store.list_attendees(pledged.id)[0]
        page.check_in(person, Method.SEARCH)
        qtbot.waitUntil(lambda: window.person_name.text() == person.name, timeout=10_000)
        assert window.person_link.startswith(window.base_url + "/s/")
        # What the attendee's phone reads from the screen is their own link.
        from ui.camera import decode_qr

        assert decode_qr(window.person_qr.pixmap().toImage()) == [window.person_link]
        assert decode_qr(window.address_qr.pixmap().toImage()) == [window.base_url]
        assert main_window.on_phone() is window  # one window per event
    finally:
        set_clock(previous)
        if getattr(main_window, "phone_window", None) is not None:
            main_window.phone_window.close()


def test_a_walk_in_gets_their_own_qr_and_it_opens_their_own_page(qtbot, main_window, pledged,
                                                                  modal):
    from datetime import UTC, datetime
    from urllib.request import urlopen

    from uihelpers import ticking_from

    from events.dates import set_clock
    from ui.walk_in_dialog import WalkInDialog

    def fill(dialog):
        dialog.name.setText("Rahmat Wartawan")
        dialog.category.setCurrentIndex(dialog.category.findData(Category.TAMU.value))
        dialog.unit.setText("PWI Kota Contoh")
        dialog.accept()

    previous = set_clock(ticking_from(datetime(2024, 10, 14, 2, 0, tzinfo=UTC)))
    try:
        assert main_window.open_desk(pledged.id)
        window = main_window.on_phone()
        assert window.start_service("127.0.0.1", 0)
        modal(WalkInDialog, fill)
        main_window.on_walk_in()
        qtbot.waitUntil(lambda: window.person_name.text() == "Rahmat Wartawan",
                        timeout=10_000)
        assert not window.person_qr.pixmap().isNull()
        with urlopen(window.person_link, timeout=10) as response:  # noqa: S310
            page = response.read().decode()
        assert "Rahmat Wartawan" in page and '"Tamu"' in page
    finally:
        set_clock(previous)
        if getattr(main_window, "phone_window", None) is not None:
            main_window.phone_window.close()


def test_a_phone_signature_shows_on_the_roster_as_it_is_committed(qtbot, main_window,
                                                                   pledged):
    from pledges.texts import event_pledge

    assert main_window.open_event(pledged.id)
    roster = main_window.roster_page
    person = main_window.store.list_attendees(pledged.id)[0]
    row = roster.model.row_of(person.id)
    assert not roster.model.is_signed(row) and not roster.model.is_present(row)
    window = main_window.on_phone()
    try:
        assert window.start_service("127.0.0.1", 0)
        link = window.show_link_for(person.id)
        status, _answer = post(link.replace("/s/", "/api/s/") + "/sign", {
            "strokes": synthetic_signature(3, 360, 200), "width": 360, "height": 200,
            "pledge_hash": event_pledge(main_window.store, pledged.id).hash,
            "consent_version": CONSENT_VERSION, "key": "kunci-kiriman-0003"})
        assert status == 200
        qtbot.waitUntil(lambda: roster.model.is_signed(row), timeout=5_000)
        assert roster.model.is_present(row)  # signing on the phone recorded them present
        assert "Sudah tanda tangan: <b>1</b>" in roster.signed_label.text()
    finally:
        window.close()
