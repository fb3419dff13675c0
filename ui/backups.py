"""Backups from the window: automatic ones every few minutes while an event is open and one
when Ikrar closes, into the folder the user chose (a USB stick), and the Berkas menu's
"Cadangkan Sekarang", "Folder Cadangan" and "Pulihkan dari Cadangan".

The work itself is pledges.backup (the backup API, checked after writing, generations kept);
an automatic backup runs off the GUI thread (ui.worker.run_task) and its outcome shows in the
status bar, never as a dialog in the middle of a desk's work.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ui import settings as opts
from ui.worker import run_task

log = logging.getLogger("ikrar.backup")

INTERVAL_MINUTES = 5


class Backups(QObject):
    """The automatic and requested backups of one open database.

    Attributes:
        store: the database; settings: where the folder is kept; dialogs: the dialog service.
        last: when the last backup succeeded (None: not yet in this session).

    Signals:
        status(str): a line for the status bar after each backup, good or failed.
    """

    status = Signal(str)

    def __init__(self, store, settings, dialogs, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.dialogs = dialogs
        self.last: datetime | None = None
        self.event_open = False
        self._running = False
        # Made and started only once there is something to back up into (arm): a window that
        # never backs up holds no running timer.
        self.timer: QTimer | None = None

    def arm(self) -> None:
        """Start the automatic backups when an event is open and a folder is chosen."""
        if self.timer is None and self.event_open and self.folder:
            self.timer = QTimer(self)
            self.timer.setInterval(INTERVAL_MINUTES * 60 * 1000)
            self.timer.timeout.connect(self.on_timer)
            self.timer.start()

    def stop(self) -> None:
        """No more automatic backups (the window closes)."""
        if self.timer is not None:
            self.timer.stop()

    @property
    def folder(self) -> str:
        return self.settings.get(opts.BACKUP_FOLDER)

    def _work(self, folder: str):
        from pledges.backup import backup_generation

        def run(_control):
            return backup_generation(self.store, folder, keep=self.settings.get(opts.BACKUP_KEEP))
        return run

    @Slot()
    def on_timer(self) -> None:
        """Every few minutes: a backup while an event is open and a folder is chosen."""
        if self.event_open and self.folder and not self._running:
            self.start()

    def start(self) -> None:
        """A backup into the chosen folder, off the GUI thread."""
        self._running = True
        run_task(self._work(self.folder), self.on_done, self.on_error, receiver=self)

    def on_done(self, result) -> None:
        self._running = False
        self.last = datetime.now()
        log.info("backup written: %s (%d events, %.2f s)", result.path, result.events,
                 result.seconds)
        self.status.emit(self.tr("Cadangan {0} dibuat pukul {1}").format(
            result.path.name, self.last.strftime("%H:%M")))

    def on_error(self, error: Exception) -> None:
        from ui.texts import error_text

        self._running = False
        log.warning("backup failed: %s", error)
        self.status.emit(self.tr("Cadangan GAGAL: {0}").format(
            error_text(error) if hasattr(error, "code") else str(error)))

    def at_close(self) -> None:
        """The backup when Ikrar closes (on the GUI thread: the app is ending anyway)."""
        if not self.folder or (not self.event_open and self.last is None):
            return
        from pledges.backup import backup_generation

        try:
            backup_generation(self.store, self.folder, keep=self.settings.get(opts.BACKUP_KEEP))
        except Exception as error:  # noqa: BLE001 (closing goes on; the log says why)
            log.warning("backup at closing failed: %s", error)

    # -- the menu -------------------------------------------------------------------------------

    def choose_folder(self, parent) -> bool:
        folder = self.dialogs.choose_folder(parent, self.tr("Folder Cadangan"), "backup")
        if not folder:
            return False
        self.settings.set(opts.BACKUP_FOLDER, folder)
        self.arm()
        return True

    def backup_now(self, parent) -> None:
        if not self.folder and not self.choose_folder(parent):
            return
        if self._running:
            return
        self._running = True

        def done(result) -> None:
            self.on_done(result)
            self.dialogs.info(parent, self.tr("Cadangan"), self.tr(
                "Cadangan dibuat dan diperiksa:\n{0}\n\n{1} acara, jejak audit utuh.").format(
                    str(result.path), result.events))

        def failed(error: Exception) -> None:
            from ui.texts import error_text

            self.on_error(error)
            self.dialogs.error(parent, self.tr("Cadangan"), self.tr(
                "Cadangan tidak dibuat: {0}").format(
                    error_text(error) if hasattr(error, "code") else str(error)))

        run_task(self._work(self.folder), done, failed, receiver=self)

    def restore(self, parent) -> bool:
        """Choose a backup and restore it (the database as it is now is backed up first).
        True when restored: the caller restarts Ikrar on the restored database."""
        from pledges.backup import restore
        from pledges.transfer import default_backup_folder
        from ui.texts import error_text

        path = self.dialogs.open_file(parent, self.tr("Pulihkan dari Cadangan"),
                                      self.folder or self.dialogs.start_in("backup"),
                                      self.tr("Cadangan Ikrar (*.sqlite)"), "backup")
        if not path:
            return False
        if not self.dialogs.confirm(parent, self.tr("Pulihkan dari Cadangan"), self.tr(
                "Isi basis data sekarang diganti dengan cadangan\n{0}\n\nIsi sekarang "
                "dicadangkan dulu, sehingga pemulihan ini dapat dibatalkan.").format(path),
                yes=self.tr("Pulihkan")):
            return False
        try:
            result = restore(self.store, path, self.folder or default_backup_folder())
        except Exception as error:  # noqa: BLE001 (StoreError, OSError: told, nothing changed)
            self.dialogs.error(parent, self.tr("Pulihkan dari Cadangan"), self.tr(
                "Tidak dipulihkan: {0}").format(
                    error_text(error) if hasattr(error, "code") else str(error)))
            return False
        self.dialogs.info(parent, self.tr("Pulihkan dari Cadangan"), self.tr(
            "Dipulihkan: {0} acara. Isi sebelumnya disimpan di\n{1}\n\nIkrar dibuka "
            "ulang.").format(result.events, str(result.previous or "")))
        return True
