"""Dokumen -> Jejak Audit Acara: is the event's audit trail intact, and what it holds.

The chain is verified off the GUI thread (pledges.audit.verify_chain); the answer is shown in
words (intact, or the first entry changed, inserted, removed or moved, or a record the trail does
not account for), with the head code that the Berita Acara prints, and the entries, newest
first.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from events.store import Store
from ui.texts import domain_text, method_label
from ui.widgets import Banner, dialog_buttons, error_text
from ui.worker import Task, run_task

SHOWN = 2000  # newest entries listed (the check covers all of them)


class AuditDialog(QDialog):
    """Attributes: report: the last pledges.audit.AuditReport."""

    def __init__(self, store: Store, event_id: int, parent=None):
        super().__init__(parent)
        self.store = store
        self.event_id = event_id
        self.report = None
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Jejak Audit Acara"))
        self.resize(820, 560)
        self.status = Banner(larger=2)
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.anchor = QLineEdit()
        self.anchor.setPlaceholderText(self.tr("Kode jejak audit dari Berita Acara (boleh kosong)"))
        self.anchor.returnPressed.connect(self.verify)
        check = QPushButton(self.tr("Periksa Ulang"))
        check.clicked.connect(self.verify)
        row = QHBoxLayout()
        row.addWidget(self.anchor, 1)
        row.addWidget(check)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Waktu"), self.tr("Kejadian"), self.tr("Rincian"),
            self.tr("Oleh"), self.tr("Tempat")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(6):  # the details take what is left; the rest fit their contents
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        close = dialog_buttons(self, self.tr("Tutup"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.head)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.verify()

    @Slot()
    def verify(self):
        from pledges.audit import audit_entries, verify_chain

        store, event_id, anchor = self.store, self.event_id, self.anchor.text().strip() or None
        self.status.show_message("idle", self.tr("Memeriksa jejak audit\u2026"))

        def work(_control):
            report = verify_chain(store, event_id, expected_head=anchor)
            entries = audit_entries(store, event_id)
            names = {a.token: a.name for a in store.list_attendees(event_id)}
            zone = store.get_event(event_id).time_zone
            return report, entries[-SHOWN:], names, zone

        # the verify dialog starts its check the same way; their work and answers differ
        self.task = run_task(work, self.show_result, self._failed)
        return self.task

    def _failed(self, error: Exception) -> None:
        self.status.show_message("error", self.tr("Jejak audit tidak dapat diperiksa: {0}").format(
            error_text(error)))

    def summary(self, report) -> str:
        if report.intact:
            text = self.tr("\u2714 Jejak audit utuh: {0} entri, tidak ada yang diubah, "
                           "disisipkan atau dihapus.").format(report.entries)
            if report.anchor_seq:
                text += " " + self.tr("Kode dari Berita Acara ditemukan (entri ke-{0}).").format(
                    report.anchor_seq)
            return text
        texts = {
            "no_chain": self.tr("Acara ini tidak memiliki jejak audit."),
            "changed": self.tr("\u2716 Entri ke-{0} jejak audit telah diubah."),
            "inserted": self.tr("\u2716 Entri ke-{0} jejak audit disisipkan di luar aplikasi."),
            "removed": self.tr("\u2716 Entri ke-{0} jejak audit telah dihapus."),
            "reordered": self.tr("\u2716 Urutan entri jejak audit diubah mulai entri ke-{0}."),
            "anchor_missing": self.tr(
                "\u2716 Kode dari Berita Acara tidak ada lagi di jejak ini: entri telah dihapus "
                "atau ditulis ulang."),
            "unlogged": self.tr("\u2716 Data acara tidak sesuai dengan jejak audit: {1}."),
            "missing": self.tr(
                "\u2716 Data yang tercatat di jejak audit tidak ada lagi (dihapus di luar "
                "aplikasi): {1}."),
        }
        return texts.get(report.problem, report.message).format(report.seq, report.detail)

    def show_result(self, result) -> None:
        from datetime import datetime

        from events.dates import stamp
        from pledges.audit import ACTION_LABELS

        report, entries, names, zone = result
        self.report = report
        self.status.show_message("ok" if report.intact else "error", self.summary(report))
        if report.head_hash:
            self.head.setText(self.tr("Kode jejak audit saat ini (entri ke-{0}): {1}").format(
                report.head_seq, report.head_hash))
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(reversed(entries)):
            body = entry.content
            # on the event's clock, named ("02-11-2024 08.42 WIB")
            at = stamp(datetime.fromisoformat(body["at"]), zone) if body.get("at") else ""
            values = (str(entry.seq), at, self.action_label(body.get("action", ""),
                                                            ACTION_LABELS),
                      self.detail(body, names), body.get("by", ""), body.get("place", ""))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 3:  # words for people; the entry as recorded for an auditor
                    item.setToolTip(self.raw_detail(body))
                self.table.setItem(row, column, item)

    def detail(self, body: dict, names: dict) -> str:
        """What the entry is about, in a few words (a person's name, a file, a count)."""
        data = body.get("data") or {}
        action = body.get("action")
        if action in ("attendees_added", "attendees_imported"):
            text = self.tr("{0} orang").format(len(data.get("people", [])))
            return f"{text}, {data['file']}" if data.get("file") else text
        if action == "export":
            files = data.get("files", [])
            return f"{self.document_name(data.get('what', ''))}: " + (
                files[0][0] if len(files) == 1 else self.tr("{0} berkas").format(len(files)))
        if action == "pledge_adopted":
            return data.get("title", "")
        if action == "signature" and data.get("token") is None:
            return self.tr("Saksi")
        token = data.get("token")
        if token:
            name = names.get(token, self.tr("(sudah dihapus) {0}").format(token))
            if action == "checkin" and data.get("method"):  # how: scanned, searched, signed
                return f"{name} \u00b7 {method_label(data['method'])}"
            return name
        return ""

    @staticmethod
    def document_name(kind: str) -> str:
        """The name of a document kind as its menu shows it (without the ellipsis); an unknown
        kind (from a newer version) as recorded."""
        from pledges.documents.registry import CONTEXT, EXPORTERS

        exporter = EXPORTERS.get(kind)
        if exporter is None:
            return kind
        return QCoreApplication.translate(CONTEXT, exporter.label).rstrip("\u2026").strip()

    @staticmethod
    def raw_detail(body: dict) -> str:
        """The entry's data as it is recorded in the chain (what the tooltip shows)."""
        action = body.get("action", "")
        data = body.get("data") or {}
        return f"{action}: {json.dumps(data, ensure_ascii=False, sort_keys=True)}"

    def action_label(self, action: str, fallback: dict) -> str:
        labels = {
            "chain_started": self.tr("Jejak audit dimulai"),
            "event_created": self.tr("Acara dibuat"),
            "event_updated": self.tr("Data acara diubah"),
            "event_archived": self.tr("Acara diarsipkan"),
            "event_restored": self.tr("Acara dikembalikan dari arsip"),
            "attendees_added": self.tr("Peserta ditambahkan"),
            "attendees_imported": self.tr("Daftar undangan diimpor"),
            "attendee_updated": self.tr("Data peserta diubah"),
            "attendee_removed": self.tr("Peserta dihapus"),
            "checkin": self.tr("Hadir"),
            "walk_in": self.tr("Tamu tanpa undangan didaftarkan dan hadir"),
            "checkin_undone": self.tr("Kehadiran dibatalkan"),
            "pledge_adopted": self.tr("Teks ikrar dipilih"),
            "signature": self.tr("Tanda tangan"),
            "sealed": self.tr("Tanda tangan disegel"),
            "export": self.tr("Dokumen dibuat"),
        }
        if action in labels:
            return labels[action]
        return domain_text(fallback, action) if action in fallback else action
