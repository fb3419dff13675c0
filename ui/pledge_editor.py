"""Choose or edit the event's pledge text; every saved text is a version named by its hash.

Entry point: ``PledgeEditorDialog(store, event, parent, dialogs)``; after ``exec()`` returned
Accepted, ``saved_version`` is the event's current version.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from events.model import Event
from events.store import Store, StoreError
from pledges.texts import (
    TEMPLATE_LABELS,
    TEMPLATES,
    PledgeText,
    PledgeVersion,
    event_pledge,
    normalize,
    set_event_pledge,
    template_text,
    version_hash,
)
from ui.services import DialogService
from ui.stored import stored_id
from ui.texts import problem_text, store_error_text, template_label
from ui.widgets import FieldWithError, dialog_buttons

SHORT_HASH = 12
CUSTOM = ""  # the combo's data for a text of one's own


class PointsModel(QStringListModel):
    """The points, shown numbered ("1. ..."); the edit role holds the bare text."""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            text = " ".join(str(super().data(index, Qt.ItemDataRole.EditRole) or "").split())
            if not text:
                text = QCoreApplication.translate("PledgeEditorDialog", "(kosong)")
            return f"{index.row() + 1}. {text}"
        return super().data(index, role)


def _plain_edit(lines: float, most_lines: float, parent=None) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap
    spacing = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(round(spacing * lines + 12))
    edit.setMaximumHeight(round(spacing * most_lines + 12))
    return edit


class PledgeEditorDialog(QDialog):
    """Choose a shipped template or edit a copy of the text; Save makes it the event's pledge.

    The hash of the text on screen is shown as you type. A version that someone signed is never
    changed: saving a different text makes a new version, and the old signatures stay bound to
    the version they signed.

    Attributes:
        current: the event's current version when the dialog opened (None: it had none).
        saved_version: the version saved, after the dialog was accepted.
        base_template: the template key the text on screen came from ("" for none).
    """

    def __init__(self, store: Store, event: Event, parent=None,
                 dialogs: DialogService | None = None):
        super().__init__(parent)
        self.store = store
        self.shown_event = event
        self.dialogs = dialogs or DialogService()
        self.saved_version: PledgeVersion | None = None
        self.current = event_pledge(store, stored_id(event))
        self.base_template = self.current.template if self.current else CUSTOM
        self._loading = False
        self.setWindowTitle(self.tr("Teks Ikrar \u2014 {0}").format(event.name))

        self.template = QComboBox()
        self.template.addItem(self.tr("Teks sendiri (hasil ubahan)"), CUSTOM)
        for key in TEMPLATE_LABELS:
            self.template.addItem(template_label(key), key)
        self.template.activated.connect(self.on_template_activated)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("mis. IKRAR NETRALITAS PEGAWAI ASN"))
        self.opening = _plain_edit(3, 7)
        self.opening.setPlaceholderText(self.tr("mis. Dalam rangka \u2026 kami berikrar:"))
        self.closing = _plain_edit(3, 7)
        self.closing.setPlaceholderText(self.tr("Boleh kosong"))

        self.points = PointsModel(self)
        self.points_view = QListView()
        self.points_view.setModel(self.points)
        self.points_view.setWordWrap(True)
        self.points_view.setUniformItemSizes(False)
        self.points_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.points_view.setAlternatingRowColors(True)
        self.points_view.setSpacing(2)
        self.points_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.points_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.points_view.selectionModel().currentRowChanged.connect(self.on_point_selected)
        self.point_label = QLabel()
        self.point_edit = _plain_edit(3.5, 5)
        self.point_edit.setPlaceholderText(self.tr("Isi butir yang dipilih"))
        self.point_edit.textChanged.connect(self.on_point_edited)
        self.add_button = QPushButton(self.tr("Tambah Butir"))
        self.remove_button = QPushButton(self.tr("Hapus Butir"))
        self.up_button = QPushButton(self.tr("Naik"))
        self.down_button = QPushButton(self.tr("Turun"))
        self.add_button.clicked.connect(self.on_add_point)
        self.remove_button.clicked.connect(self.on_remove_point)
        self.up_button.clicked.connect(self.on_move_up)
        self.down_button.clicked.connect(self.on_move_down)

        self.fields = {
            "title": FieldWithError(self.title),
            "points": FieldWithError(self.points_view),
        }

        left = QWidget()
        form = QVBoxLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        for label, widget, stretch in (
                (self.tr("Ambil dari templat"), self.template, 0),
                (self.tr("Judul *"), self.fields["title"], 0),
                (self.tr("Kalimat pembuka"), self.opening, 1),
                (self.tr("Kalimat penutup"), self.closing, 1)):
            caption = QLabel(label)
            caption.setBuddy(widget if widget is not self.fields["title"] else self.title)
            form.addWidget(caption)
            form.addWidget(widget, stretch)
        form.addStretch(1)

        points_box = QGroupBox(self.tr("Butir ikrar *"))
        right = QVBoxLayout(points_box)
        right.addWidget(self.fields["points"], 1)
        buttons_row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        right.addLayout(buttons_row)
        right.addWidget(self.point_label)
        right.addWidget(self.point_edit)

        columns = QHBoxLayout()
        columns.addWidget(left, 4)
        columns.addWidget(points_box, 5)

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.hash_label = QLabel()
        self.hash_label.setFont(mono)
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.signed_note = QLabel()
        self.signed_note.setWordWrap(True)
        self.signed_note.setStyleSheet(
            "background:#fff4ce; color:#3b2f00; border:1px solid #e0c36a; padding:4px;")

        self.buttons = dialog_buttons(self, self.tr("Batal"), self.tr("Simpan"),
                                      accept_button=QDialogButtonBox.StandardButton.Save)

        status = QHBoxLayout()
        status.addWidget(QLabel(self.tr("Versi teks di layar:")))
        status.addWidget(self.hash_label)
        status.addWidget(self.state_label, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.signed_note)
        layout.addLayout(status)
        layout.addWidget(self.buttons)

        for edit in (self.opening, self.closing):
            edit.textChanged.connect(self.on_text_changed)
        self.title.textChanged.connect(self.on_text_changed)
        self.points.dataChanged.connect(self.on_text_changed)
        self.points.rowsInserted.connect(self.on_text_changed)
        self.points.rowsRemoved.connect(self.on_text_changed)
        self.points.rowsMoved.connect(self.on_text_changed)

        if self.current is not None:
            self.load_text(self.current.text)
        else:
            self.load_text(template_text(self._default_template(), event.institution))
            self.base_template = self._default_template()
        self._show_signed_note()
        self.on_text_changed()
        self.resize(1100, 660)  # fits a 1280x800 laptop with its task bar

    # --- loading and reading the form ---

    def _default_template(self) -> str:
        from events.model import EventKind

        if EventKind(self.shown_event.kind) == EventKind.PAKTA_INTEGRITAS:
            return "pakta_integritas"
        return next(iter(TEMPLATES))

    def load_text(self, text: PledgeText) -> None:
        """Put ``text`` in the fields (the first point selected)."""
        self._loading = True
        try:
            self.title.setText(text.title)
            self.opening.setPlainText(text.opening)
            self.closing.setPlainText(text.closing)
            self.points.setStringList(list(text.points))
        finally:
            self._loading = False
        self._select_point(0 if text.points else -1)
        self.on_text_changed()

    def current_text(self) -> PledgeText:
        """The text as the form shows it now (trimmed, empty points kept)."""
        return PledgeText(
            title=self.title.text().strip(),
            opening=self.opening.toPlainText().strip(),
            points=tuple(p.strip() for p in self.points.stringList()),
            closing=self.closing.toPlainText().strip(),
        )

    def shown_hash(self) -> str:
        return version_hash(self.current_text())

    def matching_template(self) -> str:
        """The template key the text on screen equals (after normalisation), else ""."""
        shown = normalize(self.current_text())
        for key in TEMPLATES:
            if normalize(template_text(key, self.shown_event.institution)) == shown:
                return key
        return CUSTOM

    def is_dirty(self) -> bool:
        """The text on screen is neither the saved version nor a template."""
        if self.current is not None and self.shown_hash() == self.current.hash:
            return False
        return self.matching_template() == CUSTOM

    # --- status ---

    def _show_signed_note(self) -> None:
        count = self.current.signature_count if self.current else 0
        if self.current is not None and (count or self.current.locked):
            self.signed_note.setText(self.tr(
                "Sudah ditandatangani {0} orang: perubahan menjadi versi baru; tanda tangan "
                "lama tetap terikat pada versi lama").format(count))
            self.signed_note.show()
        else:
            self.signed_note.hide()

    def on_text_changed(self, *_args) -> None:  # no @Slot: several signals of their own shape
        if self._loading:
            return
        shown = self.shown_hash()
        self.hash_label.setText(shown[:SHORT_HASH])
        self.hash_label.setToolTip(shown)
        if self.current is None:
            state = self.tr("acara ini belum memiliki teks ikrar; Simpan untuk memakainya")
        elif shown == self.current.hash:
            state = self.tr("sama dengan versi yang dipakai acara ini")
        else:
            state = self.tr("berbeda dari versi yang dipakai ({0}); Simpan membuat versi "
                            "baru").format(self.current.hash[:SHORT_HASH])
        self.state_label.setText(state)
        key = self.matching_template()
        self.template.setCurrentIndex(max(0, self.template.findData(key)))
        self._update_point_buttons()

    # --- templates ---

    @Slot(int)
    def on_template_activated(self, index: int) -> None:
        key = self.template.itemData(index)
        if not key:
            self.on_text_changed()  # "own text" is what editing gives; nothing to load
            return
        if self.is_dirty() and not self.dialogs.confirm(
                self, self.tr("Ganti Teks"),
                self.tr("Ganti teks di layar dengan templat \"{0}\"? Perubahan yang belum "
                        "disimpan akan hilang.").format(template_label(key))):
            self.on_text_changed()
            return
        self.base_template = key
        self.load_text(template_text(key, self.shown_event.institution))

    # --- points ---

    def _current_row(self) -> int:
        index = self.points_view.currentIndex()
        return index.row() if index.isValid() else -1

    def _select_point(self, row: int) -> None:
        if 0 <= row < self.points.rowCount():
            self.points_view.setCurrentIndex(self.points.index(row))
        else:
            self.points_view.setCurrentIndex(QModelIndex())
            self.on_point_selected(QModelIndex(), QModelIndex())

    @Slot(QModelIndex, QModelIndex)
    def on_point_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else -1
        self.point_edit.blockSignals(True)
        if row >= 0:
            self.point_edit.setPlainText(self.points.data(current, Qt.ItemDataRole.EditRole))
            self.point_label.setText(self.tr("Isi butir {0}:").format(row + 1))
        else:
            self.point_edit.clear()
            self.point_label.setText(self.tr("Pilih atau tambahkan butir untuk mengubahnya."))
        self.point_edit.blockSignals(False)
        self.point_edit.setEnabled(row >= 0)
        self._update_point_buttons()

    @Slot()
    def on_point_edited(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.points.setData(self.points.index(row), self.point_edit.toPlainText(),
                                Qt.ItemDataRole.EditRole)

    def _update_point_buttons(self) -> None:
        row = self._current_row()
        count = self.points.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    @Slot()
    def on_add_point(self) -> None:
        row = self._current_row() + 1 if self._current_row() >= 0 else self.points.rowCount()
        self.points.insertRows(row, 1)
        self.points.setData(self.points.index(row), "", Qt.ItemDataRole.EditRole)
        self._select_point(row)
        self.point_edit.setFocus()

    @Slot()
    def on_remove_point(self) -> None:
        row = self._current_row()
        if row < 0:
            return
        self.points.removeRows(row, 1)
        self._select_point(min(row, self.points.rowCount() - 1))

    def _move(self, row: int, to: int) -> None:
        if row < 0 or not 0 <= to < self.points.rowCount():
            return
        # moveRows takes the row *before which* to insert, counted before the move
        self.points.moveRows(QModelIndex(), row, 1, QModelIndex(), to + 1 if to > row else to)
        self._select_point(to)

    @Slot()
    def on_move_up(self) -> None:
        row = self._current_row()
        self._move(row, row - 1)

    @Slot()
    def on_move_down(self) -> None:
        row = self._current_row()
        self._move(row, row + 1)

    # --- saving ---

    def validate(self) -> bool:
        """Show each problem next to its field; True when there are none."""
        text = self.current_text()
        title_error = "" if text.title else problem_text("required")
        if not text.points:
            points_error = self.tr("Isi sedikitnya satu butir ikrar")
        else:
            empty = [str(i) for i, p in enumerate(text.points, 1) if not p]
            points_error = self.tr("Butir {0} kosong: isi atau hapus").format(
                ", ".join(empty)) if empty else ""
        self.fields["title"].set_error(title_error)
        self.fields["points"].set_error(points_error)
        if title_error:
            self.title.setFocus()
        elif points_error:
            self.points_view.setFocus()
        return not (title_error or points_error)

    def accept(self) -> None:
        if not self.validate():
            return
        text = self.current_text()
        changed = self.current is None or self.shown_hash() != self.current.hash
        count = self.current.signature_count if self.current else 0
        if changed and count and not self.dialogs.confirm(
                self, self.tr("Versi Baru"),
                self.tr("Versi yang dipakai sudah ditandatangani {0} orang. Simpan teks ini "
                        "sebagai versi baru? Penanda tangan berikutnya menandatangani versi "
                        "baru; tanda tangan lama tetap terikat pada versi lama.").format(count)):
            return
        try:
            self.saved_version = set_event_pledge(self.store, stored_id(self.shown_event), text,
                                                  self.matching_template())
        except StoreError as error:
            self.dialogs.error(self, self.tr("Teks Ikrar"), store_error_text(error))
            return
        super().accept()
