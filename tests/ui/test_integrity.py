"""Seals and the audit trail in the app: the key asked for once, signatures sealed as they are
made, certificates verified in the app, the audit trail checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_signing import sign_on_screen
from uihelpers import person, save_shot

from events.checkins import Desk
from pledges import signatures as signing
from pledges.keys import create_key, key_info
from pledges.seal import seals_of
from ui.audit_dialog import AuditDialog
from ui.key_create_dialog import KeyCreateDialog
from ui.main_window import MainWindow
from ui.seal_keys import KeyDialog
from ui.verify_dialog import VerifyDialog

PASS = "kata-sandi-uji"


@pytest.fixture
def window(main_window):
    return main_window


def test_the_first_signature_asks_for_a_new_key_and_is_sealed(qtbot, window, store, dialogs,
                                                               pledged):
    dialogs.new_keys.append(("Kesbangpol Kota Contoh", PASS))
    siti = person(store, pledged, "Siti")
    assert window.open_signing(pledged.id, siti.id, "Meja 2", "Rina", window.roster_page)
    assert key_info(store) is not None and window.seal_keys.key is not None
    sign_on_screen(qtbot, window, window.signing_page)
    record = signing.current_signature(store, pledged.id, siti.id)
    assert record.id in seals_of(store, pledged.id)  # sealed in the same transaction
    # The next person: no question asked again this session.
    budi = person(store, pledged, "Budi")
    asked = len(dialogs.prompts)
    assert window.open_signing(pledged.id, budi.id, "Meja 2", "Rina", window.roster_page)
    assert len(dialogs.prompts) == asked


def test_declining_the_key_still_records_the_signature_unsealed(qtbot, window, store, dialogs,
                                                                pledged):
    create_key(store, PASS)
    dialogs.texts.append(None)  # "Cancel" at the passphrase
    siti = person(store, pledged, "Siti")
    assert window.open_signing(pledged.id, siti.id, "Meja 2", "Rina", window.roster_page)
    sign_on_screen(qtbot, window, window.signing_page)
    record = signing.current_signature(store, pledged.id, siti.id)
    assert record is not None and record.id not in seals_of(store, pledged.id)


def test_new_key_dialog_checks_the_passphrase(qtbot):
    dialog = KeyCreateDialog("Kesbangpol")
    qtbot.add_widget(dialog)
    dialog.passphrase.setText("pendek")
    dialog.repeat.setText("pendek")
    dialog.on_accept()
    assert dialog.problem.text() == "Kata sandi minimal 8 karakter." and not dialog.result()
    dialog.passphrase.setText("cukup-panjang")
    dialog.repeat.setText("cukup-panjang!")
    dialog.on_accept()
    assert dialog.problem.text() == "Kedua kata sandi tidak sama."
    dialog.repeat.setText("cukup-panjang")
    dialog.on_accept()
    assert dialog.result() and dialog.answer() == ("Kesbangpol", "cukup-panjang")


def test_key_dialog_exports_the_public_key(qtbot, window, store, dialogs, tmp_path):
    key = create_key(store, PASS, "Kesbangpol")
    dialog = KeyDialog(window.seal_keys)
    qtbot.add_widget(dialog)
    assert key.display in dialog.status.text()
    dialogs.file_path = str(tmp_path / "kunci.pem")
    dialog.on_export()
    assert (tmp_path / "kunci.pem").read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    assert dialogs.messages[-1][0] == "info"
    save_shot(dialog, "key_dialog.png")


def _certificate(store, pledged, tmp_path, name="Siti", signed=True):
    from pledges.demo import DEMO_PAD, synthetic_signature
    from pledges.documents import collect
    from pledges.documents.certificates import write_certificates_combined
    from pledges.pades import pdf_signer

    key = create_key(store, PASS, "Kesbangpol")
    import random

    who = person(store, pledged, name)
    signing.sign(store, pledged.id, who.id, synthetic_signature(random.Random(1), *DEMO_PAD),
                 *DEMO_PAD, "Meja 1", "Rina", seal_key=key)
    path = tmp_path / "sertifikat.pdf"
    write_certificates_combined(path, collect(store, pledged.id), [who.id],
                                sign=pdf_signer(key) if signed else None)
    return path, who


def test_verify_dialog_says_authentic_with_the_person(qtbot, store, dialogs, pledged, tmp_path):
    path, siti = _certificate(store, pledged, tmp_path)
    dialog = VerifyDialog(store, dialogs)
    qtbot.add_widget(dialog)
    dialog.resize(680, 460)
    dialogs.file_path = str(path)
    dialog.on_open()
    qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
    assert dialog.status.text().startswith("\u2714 ASLI")
    assert siti.name in dialog.details.text()
    assert "Berkas ini utuh seperti yang ditandatangani penyelenggara" in dialog.details.text()
    # The sealed signature, drawn from this database's strokes (their digest is the seal's).
    assert not dialog.drawing.isHidden() and not dialog.drawing.pixmap().isNull()
    save_shot(dialog, "verify_authentic.png")


def test_verify_dialog_unsigned_file_is_not_proven_and_shows_the_seal(qtbot, store, dialogs,
                                                                      pledged, tmp_path):
    path, siti = _certificate(store, pledged, tmp_path, signed=False)
    dialog = VerifyDialog(store, dialogs)
    qtbot.add_widget(dialog)
    dialog.check_file(str(path))
    qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
    assert dialog.status.text() == ("! TIDAK TERBUKTI: berkas tanpa tanda tangan digital "
                                    "penyelenggara")
    details = dialog.details.text()
    assert siti.name in details and "Judul ikrar" in details and "Tempat, tanggal" in details
    assert "cocokkan setiap isian yang tercetak" in details


def test_verify_dialog_checks_the_short_code(qtbot, store, dialogs, pledged, tmp_path):
    from pledges.seal import short_code

    _, siti = _certificate(store, pledged, tmp_path)
    code = short_code(next(iter(seals_of(store, pledged.id).values())))
    dialog = VerifyDialog(store, dialogs)
    qtbot.add_widget(dialog)
    dialog.text.setText(code.lower())
    dialog.on_check_text()
    qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
    assert dialog.status.text().startswith("\u2714 ASLI")
    assert siti.name in dialog.details.text() and code in dialog.details.text()
    dialog.verdicts = []
    dialog.text.setText("AAAAA-AAAAA")
    dialog.on_check_text()
    qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
    assert dialog.status.text() == ("? TIDAK TERBACA: kode verifikasi ini tidak ada di basis "
                                    "data ini")


def test_enter_in_the_code_field_checks_the_code_and_opens_nothing_else(qtbot, store, dialogs,
                                                                         pledged):
    dialog = VerifyDialog(store, dialogs)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "AAAAA-AAAAA")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
    assert dialog.status.text() == ("? TIDAK TERBACA: kode verifikasi ini tidak ada di basis "
                                    "data ini")
    assert dialogs.file_requests == []  # the file dialog did not open as well
    assert dialog.isVisible()  # nor did the dialog close


def test_verify_dialog_pasted_text_damaged_or_foreign(qtbot, store, dialogs, pledged, tmp_path):
    from pledges.seal import qr_text

    path, siti = _certificate(store, pledged, tmp_path)
    sealed = next(iter(seals_of(store, pledged.id).values()))
    dialog = VerifyDialog(store, dialogs)
    qtbot.add_widget(dialog)
    text = qr_text(sealed)
    # One character of the QR text changed: the seal no longer holds.
    tampered = text[:-7] + ("A" if text[-7] != "A" else "B") + text[-6:]
    dialog.text.setText(tampered)
    dialog.on_check_text()
    qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
    assert dialog.verdicts[0].status in ("altered", "unreadable")
    assert not dialog.status.text().startswith("\u2714")
    dialog.verdicts = []
    dialog.text.setText("https://example.org/bukan-segel")
    dialog.on_check_text()
    qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
    assert dialog.status.text() == "? TIDAK TERBACA: kode QR ini bukan segel Ikrar"


def test_verify_dialog_unknown_key_then_with_the_public_key_file(qtbot, store, dialogs,
                                                                  pledged, tmp_path):
    from events.store import Store
    from pledges.keys import export_public_key

    path, _ = _certificate(store, pledged, tmp_path)
    export_public_key(store, tmp_path / "kunci.pem")
    other = Store.open(tmp_path / "lain.sqlite")  # an inspector's laptop: another database
    try:
        dialog = VerifyDialog(other, dialogs)
        qtbot.add_widget(dialog)
        dialog.check_file(str(path))
        qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
        assert dialog.status.text() == "? KUNCI TIDAK DIKENAL"
        dialogs.file_path = str(tmp_path / "kunci.pem")
        dialog.on_key()
        dialog.verdicts = []
        dialog.check_file(str(path))
        qtbot.waitUntil(lambda: bool(dialog.verdicts), timeout=20000)
        assert dialog.status.text().startswith("\u2714 ASLI")
    finally:
        other.close()


def test_audit_dialog_intact_then_broken(qtbot, store, pledged):
    import sqlalchemy as sa

    siti = person(store, pledged, "Siti")
    Desk(store, pledged.id, "Meja 1", "Rina").check_in(siti.id)
    dialog = AuditDialog(store, pledged.id)
    qtbot.add_widget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert dialog.status.text().startswith("\u2714 Jejak audit utuh")
    assert dialog.table.rowCount() == dialog.report.entries
    assert dialog.table.item(0, 2).text() == "Hadir"  # newest first
    assert dialog.table.item(0, 3).text() == f"{siti.name} \u00b7 dicari di meja"  # and how
    assert dialog.table.item(0, 5).text() == "Meja 1"
    save_shot(dialog, "audit_intact.png")
    with store.engine.begin() as conn:  # someone edits the roster behind the app's back
        conn.execute(sa.text("UPDATE attendees SET name = 'Orang Lain' WHERE id = :i"),
                     {"i": siti.id})
    dialog.report = None
    dialog.verify()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert not dialog.report.intact
    assert dialog.status.text().startswith("\u2716 Data acara tidak sesuai")


def test_documents_menu_opens_verification_and_audit(qtbot, window, pledged):
    window.open_event(pledged.id)
    window.on_documents_menu()
    texts = [a.text() for a in window.documents_menu.actions() if a.text()]
    assert texts[-2:] == ["Jejak Audit Acara\u2026", "Periksa Keaslian Surat Pernyataan\u2026"]
    audit = window.on_audit()
    qtbot.waitUntil(lambda: audit.report is not None, timeout=20000)
    verify = window.on_verify()
    assert verify.isVisible()
    audit.close()
    verify.close()
    assert Qt  # the dialogs close without a trace


def test_verify_dialog_camera_without_qt_multimedia_says_why(qtbot, store, dialogs,
                                                             monkeypatch):
    import ui.camera

    monkeypatch.setattr(ui.camera, "camera_problem", lambda: "Kamera tidak tersedia.")
    dialog = VerifyDialog(store, dialogs)
    qtbot.add_widget(dialog)
    dialog.on_camera()
    # What to do instead, for a certificate (not the desk's "scanner or type the name").
    assert dialogs.errors() == [
        "Kamera tidak tersedia di komputer ini; buka berkas surat pernyataan (PDF atau foto) atau "
        "ketik kode verifikasi yang tertulis di bawah kode QR-nya."]


def test_camera_dialog_takes_only_what_it_is_asked_for():
    from ui.camera import CameraScanDialog

    taken = []

    class Fake:  # the decoding path without a camera: on_decoded() with what was read
        accept_text = staticmethod(lambda t: t if t.startswith("IK1:") else None)
        _busy = True
        scanned = type("S", (), {"emit": staticmethod(taken.append)})()

        def accept(self):
            taken.append("closed")

    CameraScanDialog.on_decoded(Fake(), ["IKR-ABCDEFGHIJKLMNOP", "IK1:XYZ"])
    assert taken == ["IK1:XYZ", "closed"]


def test_certificates_can_be_digitally_signed_pdfs(qtbot, store, dialogs, settings, pledged,
                                                   tmp_path, monkeypatch):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    from pledges.demo import DEMO_PAD, synthetic_signature
    from pledges.keys import known_public_keys
    from pledges.verify import verify_file

    window = MainWindow(store, settings, dialogs)
    qtbot.add_widget(window)
    window.open_event(pledged.id)
    key = create_key(store, PASS, "Kesbangpol")
    window.seal_keys.key = key  # unlocked earlier in the session
    siti = person(store, pledged, "Siti")
    import random

    signing.sign(store, pledged.id, siti.id, synthetic_signature(random.Random(2), *DEMO_PAD),
                 *DEMO_PAD, "Meja 1", "Rina", seal_key=key)
    dialogs.file_path = str(tmp_path / "sertifikat.pdf")
    job = window.documents().certificates("all", 15, "combined", pades=True)
    qtbot.waitUntil(lambda: job.result is not None, timeout=60000)
    assert job.result == "done", dialogs.messages
    with open(tmp_path / "sertifikat.pdf", "rb") as handle:
        signatures = PdfFileReader(handle).embedded_signatures
        assert len(signatures) == 1
    assert verify_file(tmp_path / "sertifikat.pdf", known_public_keys(store))[0].authentic


def test_certificates_dialog_signs_digitally_by_default_except_for_the_printer(qtbot):
    from ui.documents import CertificatesDialog

    dialog = CertificatesDialog(False)
    qtbot.add_widget(dialog)
    assert dialog.pades.isEnabled() and dialog.pades.isChecked()
    dialog.printer.setChecked(True)
    assert not dialog.pades.isEnabled()
