"""The organizer's seal key in the app: made on first use, unlocked once per session.

:class:`SealKeys` holds the unlocked key for the session. The passphrase is asked at the start
of the day, when the desk or the signing station opens (``ask_at_start``), never in the middle
of a queue: there a :class:`SealKeyBar` says that the key is locked and offers a button to
unlock it, and takes no focus from the scan field. If the operator declines, signatures are
still recorded, unsealed, and sealed later when certificates are made (which asks for the key
again). Other screens (the roster's "sign later", the witness, certificates) ask with
``ensure``. The dialog service's ask_new_key (ui.key_create_dialog) makes a key;
:class:`KeyDialog` shows the key, exports its public half and adds other organizers' keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from events.model import Event
from events.store import Store, StoreError
from ui.services import DialogService
from ui.texts import store_error_text
from ui.widgets import STYLES, dialog_buttons

if TYPE_CHECKING:
    from pledges.keys import SealKey


def _keys():
    """pledges.keys, loaded when first needed (it loads cryptography: a fifth of a second that
    the app's start does without)."""
    from pledges import keys

    return keys


def key_error_text(error: StoreError) -> str:
    """A seal key problem in the interface's language."""
    keys = _keys()
    if error.code == "no_key":
        return QCoreApplication.translate(
            "SealKeys", "Belum ada kunci segel; buat kunci segel dulu.")
    if error.code == "wrong_passphrase":
        return QCoreApplication.translate(
            "SealKeys", "Kata sandi kunci segel salah.")
    if error.code == "weak_passphrase":
        return QCoreApplication.translate(
            "SealKeys", "Kata sandi minimal {0} karakter.").format(keys.MIN_PASSPHRASE)
    if error.code == "passphrase_mismatch":
        return QCoreApplication.translate(
            "SealKeys", "Kedua kata sandi tidak sama.")
    if error.code == "corrupt_key":
        return QCoreApplication.translate(
            "SealKeys", "Kunci segel tersimpan rusak dan tidak dapat dibuka ({0})."
        ).format(error.detail)
    if error.code == "bad_public_key":
        return QCoreApplication.translate(
            "SealKeys", "Berkas ini bukan kunci publik Ikrar ({0}).").format(error.detail)
    if error.code == "unreadable_file":
        return QCoreApplication.translate(
            "SealKeys", "Berkas kunci tidak dapat dibaca: {0}").format(error.detail)
    if error.code == "public_only":
        return QCoreApplication.translate(
            "SealKeys", "Kunci {0} hanya kunci publik: tidak dapat menyegel.").format(error.detail)
    return store_error_text(error)


# What a session's key is for an event that takes signatures (SealKeys.state).
UNLOCKED, LOCKED, NO_KEY, NOT_SIGNING = "unlocked", "locked", "no_key", ""


def organizer_of(event: Event | None) -> str:
    """The name a new key is offered under: the organizing unit, else the institution."""
    return (event.organizer_unit or event.institution) if event is not None else ""


class SealKeys(QObject):
    """The session's unlocked seal key (None until unlocked).

    Attributes:
        key: the unlocked key; declined: the operator chose not to unlock it this session.

    Signals:
        changed(): a key was unlocked or made (the bars on the desk and station update).
    """

    changed = Signal()

    def __init__(self, store: Store, dialogs: DialogService, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.dialogs = dialogs
        self.key: SealKey | None = None
        self.declined = False

    def current(self):
        return self.key

    def state(self, event_id: int | None) -> str:
        """UNLOCKED, LOCKED (a key is stored, its passphrase not given yet), NO_KEY, or
        NOT_SIGNING when the event has no pledge text (no signature is taken) or cannot be
        read."""
        if self.key is not None:
            return UNLOCKED
        if event_id is None:
            return NOT_SIGNING
        from pledges.texts import event_pledge

        try:
            if event_pledge(self.store, event_id) is None:
                return NOT_SIGNING
            info = _keys().key_info(self.store)
        except StoreError:
            return NOT_SIGNING
        return LOCKED if info is not None else NO_KEY

    def ask_at_start(self, parent: QWidget | None, event: Event, *, offer_new: bool = False):
        """At the start of the day (the desk or the signing station opens): when the event
        takes signatures and its key is locked, ask the passphrase now, saying what Cancel
        means, so that nothing is asked in the middle of the queue. With ``offer_new`` (the
        station), offer to make a key when there is none. Asked once a session: after Cancel
        the bar on the screen unlocks it. The key, or None."""
        if self.key is not None or self.declined:
            return self.key
        state = self.state(event.id)
        if state == LOCKED:
            return self._unlock(parent, self.tr(
                "Tanda tangan acara ini disegel dengan kunci segel penyelenggara. Buka "
                "kuncinya sekarang, sebelum antrean dimulai: selama antrean kata sandinya "
                "tidak ditanyakan.\n\nBatal: tanda tangan tetap dicatat, tetapi tanpa segel. "
                "Segelnya dibubuhkan saat surat pernyataan dibuat (kata sandi ditanyakan lagi saat "
                "itu). Kunci juga dapat dibuka kapan saja dengan tombol \u201cBuka Kunci "
                "Segel\u201d di layar meja atau stasiun."))
        if state == NO_KEY and offer_new:
            return self.create(parent, organizer_of(event))
        return None

    def ensure(self, parent: QWidget | None, *, required: bool = False, label: str = ""):
        """The unlocked key, asking for it (once a session unless ``required``): the passphrase
        of the stored key, or a new key when there is none. None when the operator declines."""
        if self.key is not None:
            return self.key
        if self.declined and not required:
            return None
        found = self._stored_key(parent)
        if found is False:
            return None
        if found is None:  # the dialog explains, and has "Nanti Saja" to go on without
            return self.create(parent, label)
        return self._unlock(parent, known=found)

    def _stored_key(self, parent: QWidget | None):
        """The stored key's info, None when there is none, False when it cannot be read (the
        operator is told)."""
        try:
            return _keys().key_info(self.store)
        except StoreError as error:
            self.dialogs.error(parent, self.tr("Kunci Segel"), store_error_text(error))
            return False

    def _unlock(self, parent: QWidget | None, note: str = "", known=None):
        """Ask the stored key's passphrase until it is right or the operator cancels
        (``known``: the stored key's info, when already read)."""
        keys = _keys()
        title = self.tr("Kunci Segel")
        info = known if known is not None else self._stored_key(parent)
        if not info:
            return None
        while True:
            label = self.tr("Kata sandi kunci segel {0}:").format(info.display)
            text = (self.dialogs.ask_passphrase(parent, title, label, note) if note
                    else self.dialogs.ask_secret(parent, title, label))
            if text is None:
                self.declined = True
                return None
            try:
                self.key = keys.unlock(self.store, text, info.fingerprint)
            except StoreError as error:
                self.dialogs.error(parent, title, key_error_text(error))
                if error.code != "wrong_passphrase":
                    return None
                continue
            self.declined = False
            self.changed.emit()
            return self.key

    def create(self, parent: QWidget | None, label: str = ""):
        """Make a new key (asking name and passphrase); it becomes the session's key (None when
        cancelled)."""
        keys = _keys()
        title = self.tr("Kunci Segel")
        answer = self.dialogs.ask_new_key(parent, label)
        if answer is None:
            self.declined = True
            return None
        name, passphrase = answer
        try:
            key = self.key = keys.create_key(self.store, passphrase, name)
        except StoreError as error:
            self.dialogs.error(parent, title, key_error_text(error))
            return None
        self.declined = False
        self.changed.emit()
        self.dialogs.info(parent, title, self.tr(
            "Kunci segel dibuat. Sidik jarinya {0} tercetak pada setiap surat pernyataan. Simpan "
            "kata sandinya, dan berikan kunci publiknya (Pengaturan \u2192 Kunci Segel \u2192 "
            "Ekspor) kepada yang akan memeriksa surat pernyataan.").format(key.display))
        return key


class SealKeyBar(QFrame):
    """A strip on the desk and the signing station while the signatures taken there would go
    unsealed (the key locked, or none made yet), with a button to unlock (or make) it. It never
    opens anything by itself and its button takes no focus, so a scan in the middle of the
    queue still lands in the scan field.

    Attributes:
        seal_keys: the session's keys (set with ``bind``); shown_event: the event shown.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.seal_keys: SealKeys | None = None
        self.shown_event: Event | None = None
        self.active = True
        self.setStyleSheet(f"SealKeyBar {{ {STYLES['notice']} }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.on_unlock)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def bind(self, seal_keys: SealKeys) -> None:
        self.seal_keys = seal_keys
        seal_keys.changed.connect(self.refresh)
        self.refresh()

    def show_for(self, event: Event | None, active: bool = True) -> None:
        """The bar for ``event``; shown only while ``active`` (the screen takes signatures)."""
        self.shown_event, self.active = event, active
        self.refresh()

    def set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        state = NOT_SIGNING
        if self.seal_keys is not None and self.active and self.shown_event is not None:
            state = self.seal_keys.state(self.shown_event.id)
        if state == LOCKED:
            self.label.setText(self.tr(
                "Kunci segel terkunci: tanda tangan dicatat tanpa segel, dan disegel saat "
                "surat pernyataan dibuat."))
            self.button.setText(self.tr("Buka Kunci Segel\u2026"))
        elif state == NO_KEY:
            self.label.setText(self.tr(
                "Belum ada kunci segel: tanda tangan dicatat tanpa segel, dan disegel saat "
                "surat pernyataan dibuat."))
            self.button.setText(self.tr("Buat Kunci Segel\u2026"))
        self.setVisible(state in (LOCKED, NO_KEY))

    @Slot()
    def on_unlock(self) -> None:
        """Asked for by the operator: the passphrase (or a new key) now."""
        if self.seal_keys is not None:
            self.seal_keys.ensure(self.window(), required=True,
                                  label=organizer_of(self.shown_event))
        self.refresh()


class KeyDialog(QDialog):
    """Pengaturan -> Kunci Segel: the key in use, a new key, export, other organizers' keys."""

    def __init__(self, seal_keys: SealKeys, parent=None):
        super().__init__(parent)
        self.seal_keys = seal_keys
        self.store = seal_keys.store
        self.dialogs = seal_keys.dialogs
        self.setWindowTitle(self.tr("Kunci Segel"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.others = QLabel()
        self.others.setWordWrap(True)
        create = QPushButton(self.tr("Buat Kunci Baru\u2026"))
        create.clicked.connect(self.on_create)
        self.export_button = QPushButton(self.tr("Ekspor Kunci Publik\u2026"))
        self.export_button.clicked.connect(self.on_export)
        add = QPushButton(self.tr("Kenali Kunci Publik Lain\u2026"))
        add.clicked.connect(self.on_add)
        row = QHBoxLayout()
        for button in (create, self.export_button, add):
            row.addWidget(button)
        close = dialog_buttons(self, self.tr("Tutup"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.others)
        layout.addLayout(row)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        keys = _keys()
        try:
            listed = keys.list_keys(self.store)
        except StoreError as error:
            self.status.setText(store_error_text(error))
            return
        own = [k for k in listed if k.has_private]
        if own:
            current = own[0]
            unlocked = (self.seal_keys.key is not None
                        and self.seal_keys.key.fingerprint == current.fingerprint)
            self.status.setText(self.tr(
                "Kunci segel: <b>{0}</b> ({1}), dibuat {2}. {3}").format(
                current.display, current.label or "-",
                current.created_at.astimezone().strftime("%d-%m-%Y %H.%M"),
                self.tr("Terbuka untuk sesi ini.") if unlocked else
                self.tr("Terkunci: kata sandinya ditanyakan saat meja atau stasiun dibuka, "
                        "atau saat surat pernyataan dibuat.")))
        else:
            self.status.setText(self.tr(
                "Belum ada kunci segel. Tanda tangan dicatat tanpa segel sampai kunci dibuat."))
        self.export_button.setEnabled(bool(own))
        public = [k for k in listed if not k.has_private]
        older = own[1:]
        lines = [self.tr("Kunci lama: {0}").format(k.display) for k in older]
        lines += [self.tr("Kunci penyelenggara lain: {0} ({1})").format(k.display, k.label or "-")
                  for k in public]
        self.others.setText("<br>".join(lines))
        self.others.setVisible(bool(lines))

    @Slot()
    def on_create(self) -> None:
        keys = _keys()
        if keys.key_info(self.store) is not None and not self.dialogs.confirm(
                self, self.windowTitle(), self.tr(
                    "Membuat kunci baru? Surat pernyataan lama tetap dapat diperiksa dengan kunci "
                    "lama; tanda tangan baru disegel dengan kunci baru.")):
            return
        self.seal_keys.key = None
        self.seal_keys.create(self)
        self.seal_keys.changed.emit()  # locked again when no key was made
        self.refresh()

    @Slot()
    def on_export(self) -> None:
        keys = _keys()
        info = keys.key_info(self.store)
        if info is None:
            return
        path = self.dialogs.save_file(self, self.tr("Simpan Kunci Publik"),
                                      f"kunci_publik_ikrar_{info.fingerprint[:8]}.pem",
                                      self.tr("Kunci publik (*.pem)"))
        if not path:
            return
        try:
            keys.export_public_key(self.store, path, info.fingerprint)
        except (OSError, StoreError) as error:
            text = key_error_text(error) if isinstance(error, StoreError) else str(error)
            self.dialogs.error(self, self.windowTitle(),
                               self.tr("Kunci publik tidak tersimpan: {0}").format(text))
            return
        self.dialogs.info(self, self.windowTitle(), self.tr(
            "Kunci publik {0} disimpan di {1}. Berkas ini boleh dibagikan: dengan berkas ini "
            "siapa pun dapat memeriksa surat pernyataan, tetapi tidak dapat membuatnya.").format(
            info.display, path))

    @Slot()
    def on_add(self) -> None:
        keys = _keys()
        path = self.dialogs.open_file(self, self.tr("Kunci Publik Penyelenggara Lain"), "",
                                      self.tr("Kunci publik (*.pem);;Semua berkas (*)"))
        if not path:
            return
        label = self.dialogs.ask_text(self, self.windowTitle(),
                                      self.tr("Nama penyelenggara pemilik kunci ini:")) or ""
        try:
            fingerprint = keys.add_public_key(self.store, path, label)
        except StoreError as error:
            self.dialogs.error(self, self.windowTitle(), key_error_text(error))
            return
        self.dialogs.info(self, self.windowTitle(), self.tr(
            "Kunci publik {0} dikenali: surat pernyataannya dapat diperiksa di sini.").format(
            keys.format_fingerprint(fingerprint)))
        self.refresh()
