"""Writing a document off the GUI thread, with a progress bar and a cancel button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.services import DialogService
from ui.worker import Task, TaskControl, run_task


class ExportJob(QObject):
    """Runs ``write(path, progress)`` on the thread pool and reports how it went (with the
    problems of the :class:`pledges.documents.export.ExportResult` it returns, if any).

    The write function must call ``progress(done, total)`` now and then: that moves the bar
    and, after Cancel, raises inside the work so that it stops without leaving a file.

    Attributes:
        task: the running task (None when finished).
        result: "done", "cancelled" or "failed" once finished.
    """

    def __init__(self, parent: QWidget, dialogs: DialogService, title: str, path: str,
                 write: Callable[[str, Callable[[int, int], None]], object],
                 open_when_done: bool = True):
        # Keeping the constructor's arguments, as ui.documents.Documents does: alike in shape only.
        super().__init__(parent)
        self.parent_widget = parent
        self.dialogs = dialogs
        self.title = title
        self.path = path
        self.open_when_done = open_when_done
        self.result: str | None = None
        self.progress = QProgressDialog(self.tr("Menyiapkan\u2026"), self.tr("Batal"), 0, 0,
                                        parent)
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.on_cancel)

        def work(control: TaskControl):
            return write(path, control.progress)

        self.task: Task | None = run_task(work, self.on_done, self.on_failed, self.on_progress,
                             self.on_cancelled)

    def on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(self.tr("{0} dari {1}\u2026").format(done, total))

    def on_cancel(self) -> None:
        if self.task is not None:
            self.task.control.cancel()

    def _finish(self, result: str) -> None:
        self.result = result
        self.task = None
        self.progress.reset()
        self.progress.hide()

    def on_done(self, value) -> None:
        self._finish("done")
        text = self.tr("Tersimpan: {0}").format(self.path)
        for problem in getattr(value, "problems", ()):  # an ExportResult's, already Indonesian
            text += "\n" + QCoreApplication.translate("Documents", problem)
        self.dialogs.info(self.parent_widget, self.title, text)
        if self.open_when_done:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.path).resolve())))

    def on_cancelled(self) -> None:
        self._finish("cancelled")

    def on_failed(self, error: Exception) -> None:
        self._finish("failed")
        text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.dialogs.error(self.parent_widget, self.title,
                           self.tr("Berkas tidak dibuat: {0}").format(text))
