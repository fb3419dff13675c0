"""The Dokumen menu: documents written off the GUI thread, certificates printed through Qt."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter

from events.demo import open_demo
from pledges.demo import complete_demo
from ui.documents import CertificatesDialog, print_pdf
from ui.main_window import MainWindow


def page_count(pdfinfo_output: str) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", pdfinfo_output, re.MULTILINE).group(1))


@pytest.fixture
def window(qtbot, store, dialogs, settings, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    event = open_demo(store)
    complete_demo(store, event)
    win = MainWindow(store, settings, dialogs)
    qtbot.add_widget(win)
    win.open_event(event.id)
    return win


def test_the_menu_lists_every_document_once_an_event_is_open(window):
    window.on_documents_menu()
    texts = [a.text() for a in window.documents_menu.actions() if a.text()]
    assert texts[0] == "Surat Pernyataan Bertanda Tangan\u2026"
    assert "Daftar Hadir (Excel)\u2026" in texts and "Berita Acara (PDF)\u2026" in texts
    window.show_events()
    window.on_documents_menu()
    texts = [a.text() for a in window.documents_menu.actions() if a.text()]
    assert texts == ["Buka sebuah acara dulu", "Periksa Keaslian Surat Pernyataan\u2026"]


@pytest.mark.parametrize("kind, magic", [("attendance", b"PK"), ("minutes", b"%PDF"),
                                         ("public-csv", b"\xef\xbb\xbf")])
def test_a_document_is_written_where_the_user_chose(qtbot, window, dialogs, tmp_path, kind,
                                                    magic):
    out = tmp_path / "out"
    out.mkdir()
    dialogs.file_path = str(out / "dokumen")
    job = window.documents().export(kind)
    qtbot.waitUntil(lambda: job.result is not None, timeout=20000)
    assert job.result == "done", dialogs.messages
    [written] = out.iterdir()  # and no temporary file left beside it
    assert written.name.startswith("dokumen.") and written.read_bytes().startswith(magic)


def test_combined_certificates_for_everyone_who_signed(qtbot, window, dialogs, store, tmp_path):
    """The demo's signatures are unsealed and there is no key yet: the organizer makes one,
    the signatures are sealed, and every certificate verifies as authentic."""
    from pledges.keys import known_public_keys
    from pledges.signatures import current_signatures
    from pledges.verify import verify_file

    dialogs.file_path = str(tmp_path / "sertifikat.pdf")
    dialogs.new_keys.append(("Kesbangpol Kota Contoh", "kata-sandi-uji"))
    job = window.documents().certificates("all", 15, "combined")
    qtbot.waitUntil(lambda: job.result is not None, timeout=30000)
    assert job.result == "done", dialogs.messages
    assert dialogs.messages[0][0] == "info" and window.seal_keys.key.display in \
        dialogs.messages[0][2]  # "Kunci segel dibuat. Sidik jarinya ..."
    info = subprocess.run(["pdfinfo", str(tmp_path / "sertifikat.pdf")], capture_output=True,
                          text=True).stdout
    signed = len(current_signatures(store, window.current_event_id()))
    assert page_count(info) == signed
    verdicts = verify_file(tmp_path / "sertifikat.pdf", known_public_keys(store))
    assert [v.status for v in verdicts] == ["authentic"] * signed


def test_certificates_need_the_seal_key(qtbot, window, dialogs, store, tmp_path):
    from pledges.keys import create_key

    create_key(store, "kata-sandi-uji", "Kesbangpol")
    dialogs.file_path = str(tmp_path / "sertifikat.pdf")
    dialogs.texts.extend(["salah-sandi", None])  # a wrong passphrase, then Cancel
    assert window.documents().certificates("all", 15, "combined") is None
    assert dialogs.errors()[0] == "Kata sandi kunci segel salah."
    # the demo sealed its signatures with its own key; the PDF's digital signature needs this one
    assert "kunci segel" in dialogs.errors()[1]
    assert not (tmp_path / "sertifikat.pdf").exists()
    dialogs.texts.append("kata-sandi-uji")
    job = window.documents().certificates("all", 15, "combined")
    qtbot.waitUntil(lambda: job.result is not None, timeout=30000)
    assert job.result == "done", dialogs.messages


def test_certificates_print_through_a_qprinter(qtbot, window, tmp_path):
    from pledges.documents import certificates, collect
    from pledges.keys import create_key
    from pledges.seal import seal_pending

    key = create_key(window.store, "kata-sandi-uji")
    seal_pending(window.store, key, window.current_event_id())
    record = collect(window.store, window.current_event_id())
    pdf = certificates.build_certificates(record, list(record.signatures)[:2])
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(window, pdf, window.dialogs, printer)
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True,
                          text=True).stdout
    assert page_count(info) == 2


def test_certificates_dialog_choices(qtbot):
    dialog = CertificatesDialog(has_selection=False)
    qtbot.add_widget(dialog)
    assert dialog.scope() == "all" and dialog.output() == "combined"
    assert not dialog.selected.isEnabled()
    dialog.recent.setChecked(True)
    dialog.printer.setChecked(True)
    assert dialog.scope() == "recent" and dialog.output() == "print"


def test_a_broken_logo_is_left_out_and_the_user_told(qtbot, window, dialogs, store, tmp_path):
    event = store.get_event(window.current_event_id())
    event.logo = b"not an image"
    store.update_event(event)
    dialogs.file_path = str(tmp_path / "berita_acara.pdf")
    job = window.documents().export("minutes")
    qtbot.waitUntil(lambda: job.result is not None, timeout=20000)
    assert job.result == "done", dialogs.messages
    kind, _title, text = dialogs.messages[-1]
    assert kind == "info" and text.splitlines() == [
        f"Tersimpan: {tmp_path / 'berita_acara.pdf'}",
        "Logo acara tidak dapat dibaca sebagai gambar; dokumen dibuat tanpa logo."]


def test_the_selected_person_is_read_when_asked_not_on_the_worker(qtbot, window, dialogs,
                                                                  store, tmp_path):
    """GUI state is read on the GUI thread: the selected attendee is asked for before the work
    starts, never from the worker."""
    import threading

    from pledges.documents import collect
    from pledges.keys import create_key
    from pledges.seal import seal_pending

    event_id = window.current_event_id()
    seal_pending(store, create_key(store, "kata-sandi-uji"), event_id)
    record = collect(store, event_id)
    first, second = [a.id for a in record.attendees if a.id in record.signatures][:2]
    documents = window.documents()
    asked_on = []

    def selected():
        asked_on.append(threading.current_thread())
        return first

    documents.selected_attendee = selected
    dialogs.file_path = str(tmp_path / "satu.pdf")
    dialogs.texts.append("kata-sandi-uji")  # the key signs the PDF (by default)
    job = documents.certificates("selected", 15, "combined")
    qtbot.waitUntil(lambda: job.result is not None, timeout=30000)
    assert job.result == "done", dialogs.messages
    text = subprocess.run(["pdftotext", str(tmp_path / "satu.pdf"), "-"], capture_output=True,
                          text=True).stdout
    names = {a.id: a.name for a in record.attendees}
    assert names[first] in text and names[second] not in text
    assert asked_on == [threading.main_thread()]
