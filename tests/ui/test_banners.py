"""The message banners look as they always did: the desk's, the signing station's, the signing
screen's, the verification and audit dialogs' status, and the roster's demo notice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pledges.texts import use_template
from ui.audit_dialog import AuditDialog
from ui.desk_page import DeskPage
from ui.roster_page import RosterPage
from ui.signing_page import SigningPage
from ui.verify_dialog import VerifyDialog


def style(text: str) -> dict[str, str]:
    """A style sheet's declarations, however spaced and ordered."""
    pairs = (part.split(":", 1) for part in text.split(";") if part.strip())
    return {key.strip(): value.strip() for key, value in pairs}


IDLE = style("background:#f3f3f3; color:#333; border:1px solid #ccc; padding:8px;")
OK = style("background:#e3f4e1; color:#1d5e20; border:2px solid #5fae5a; padding:8px;")
WARN = style("background:#fff3c4; color:#5c4400; border:2px solid #e0b020; padding:8px;")


def look(label: QLabel, base: QLabel) -> tuple:
    """What a banner looks like, its font relative to a plain label's."""
    font, plain = label.font(), base.font()
    centered = bool(label.alignment() & Qt.AlignmentFlag.AlignHCenter)
    return (style(label.styleSheet()), label.isVisible(), font.pointSize() - plain.pointSize(),
            font.bold(), label.minimumHeight(), centered, label.wordWrap())


def shown(qtbot, widget):
    qtbot.add_widget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _desk(store, dialogs, event):
    page = DeskPage(store, dialogs)
    return page, lambda: page.open_desk(event, "Meja 1", "Rina"), page.close_desk, \
        page.on_check_in_selected


def _station(store, dialogs, event):
    from ui.signing_station import SigningStationPage

    page = SigningStationPage(store, dialogs)
    return page, lambda: page.open_station(event, "Stasiun 1", "Rina"), page.close_station, \
        page.on_sign_selected


@pytest.mark.parametrize(("make", "larger", "height"), [(_desk, 5, 64), (_station, 4, 56)],
                         ids=["desk", "station"])
def test_the_desk_and_station_banner(qtbot, store, dialogs, event_with_roster, make, larger,
                                     height):
    page, open_page, close_page, enter = make(store, dialogs, store.get_event(event_with_roster.id))
    shown(qtbot, page)
    open_page()
    try:
        assert look(page.banner, QLabel()) == (IDLE, True, larger, True, height, True, True)
        assert page.banner.text() == "Siap. Ketik nama atau pindai QR undangan."
        qtbot.keyClicks(page.search, "zzzz")
        enter()
        assert page.banner_kind() == "warn" and style(page.banner.styleSheet()) == WARN
    finally:
        close_page()


def test_the_signing_message(qtbot, store, dialogs, event_with_roster):
    use_template(store, event_with_roster.id, "netralitas_asn_2024")
    page = shown(qtbot, SigningPage(store, dialogs))
    person = store.list_attendees(event_with_roster.id)[0]
    assert page.start(store.get_event(event_with_roster.id), person, "Meja 1", "Rina")
    # the one change: three lines of room are kept for it, so the pad above does not jump
    reserved = 3 * page.message.fontMetrics().lineSpacing() + 2 * 8
    assert look(page.message, QLabel())[1:] == (False, 3, True, reserved, False, True)
    page.on_sign()  # an empty pad
    assert look(page.message, QLabel()) == (WARN, True, 3, True, reserved, False, True)
    assert page.message_kind() == "warn"


@pytest.mark.parametrize("make", ["verify", "audit"])
def test_the_dialogs_status(qtbot, store, event_with_roster, make):
    if make == "verify":
        dialog = shown(qtbot, VerifyDialog(store))
        assert look(dialog.status, QLabel())[1:] == (False, 3, True, 0, False, True)
        dialog.check_text("bukan segel")
        qtbot.waitUntil(lambda: style(dialog.status.styleSheet()) not in ({}, IDLE), timeout=10000)
        assert look(dialog.status, QLabel()) == (WARN, True, 3, True, 0, False, True)
    else:
        dialog = shown(qtbot, AuditDialog(store, event_with_roster.id))
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
        assert look(dialog.status, QLabel()) == (OK, True, 2, True, 0, False, True)


def test_the_roster_demo_notice(qtbot, store, dialogs, event_with_roster):
    page = shown(qtbot, RosterPage(store, dialogs))
    page.show_event(event_with_roster)
    assert style(page.demo_banner.styleSheet()) == style(
        "background: #fff3c4; color: #5c4400; padding: 6px; border: 1px solid #e0c060;")
    assert not page.demo_banner.isVisible()
