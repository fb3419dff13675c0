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
    assert texts[0] == "Sertifikat Ikrar\u2026"
    assert "Daftar Hadir (Excel)\u2026" in texts and "Berita Acara (PDF)\u2026" in texts
    window.show_events()
    window.on_documents_menu()
    texts = [a.text() for a in window.documents_menu.actions() if a.text()]
    assert texts == ["Buka sebuah acara dulu", "Periksa Keaslian Sertifikat\u2026"]


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
    assert "belum disegel" in dialogs.errors()[1]
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
