"""Runs long work off the GUI thread and hands results back on it.

Workers never touch widgets: they get plain arguments, report progress through signals, and
their result or error reaches the GUI thread through a queued signal.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a task when the user asked it to stop."""


class TaskControl:
    """Given to a task: report progress, and check whether the user cancelled."""

    def __init__(self, signals: _TaskSignals):
        self._signals = signals
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progress.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Task(QRunnable):
    """A function run on the thread pool.

    Signals (on ``task.signals``):
        progress(int, int): done and total so far.
        finished(object): the function's return value.
        failed(object): the exception it raised.
        cancelled(): it stopped because the user cancelled.
    """

    def __init__(self, fn: Callable[[TaskControl], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _TaskSignals()
        self.control = TaskControl(self.signals)
        self.setAutoDelete(False)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self.control)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # handed to the GUI thread, which shows it
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class _Relay(QObject):
    """Lives on the GUI thread, so signals from the pool arrive here queued, then call back.

    Tied to a receiver (the dialog or page that asked): once the receiver is destroyed the
    callbacks are dropped, so a late result never reaches a deleted widget, and the task is
    asked to stop (or taken off the pool's queue when it has not started yet).
    """

    def __init__(self, task: Task, on_done, on_error, on_progress, on_cancelled,
                 receiver: QObject | None):
        super().__init__()
        self.task = task
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_cancelled = on_cancelled
        self.dropped = False
        task.signals.finished.connect(self.on_finished)
        task.signals.failed.connect(self.on_failed)
        task.signals.progress.connect(self.on_progress)
        task.signals.cancelled.connect(self.on_cancelled)
        if receiver is not None:
            receiver.destroyed.connect(self.on_receiver_destroyed)

    @Slot()
    def on_receiver_destroyed(self) -> None:
        """The receiver is gone: call nothing back, and stop the work."""
        self.dropped = True
        self._on_done = self._on_error = self._on_progress = self._on_cancelled = None
        self.task.control.cancel()
        if QThreadPool.globalInstance().tryTake(self.task):  # never started: nothing will come
            _running.discard(self)

    @Slot(object)
    def on_finished(self, result) -> None:
        _running.discard(self)
        if self._on_done:
            self._on_done(result)

    @Slot(object)
    def on_failed(self, error) -> None:
        _running.discard(self)
        # Every failed job (an export, an import, a check) is logged with its traceback; a
        # server that does not answer is not: the live polls log when it goes and comes back.
        if getattr(error, "code", None) != "unreachable":
            log.warning("background task %s failed: %s", _name(self.task.fn),
                        type(error).__name__, exc_info=error)
        if self._on_error:
            self._on_error(error)

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        if self._on_progress:
            self._on_progress(done, total)

    @Slot()
    def on_cancelled(self) -> None:
        _running.discard(self)
        if self._on_cancelled:
            self._on_cancelled()


_running: set[_Relay] = set()


def _name(fn) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)


def _receiver_of(*callbacks) -> QObject | None:
    """The QObject a callback is a bound method of (the first such), if any."""
    for callback in callbacks:
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject):
            return owner
    return None


def run_task(
    fn: Callable[[TaskControl], Any],
    on_done: Callable[[Any], object],  # what the callbacks return is not used
    on_error: Callable[[Exception], object],
    on_progress: Callable[[int, int], object] | None = None,
    on_cancelled: Callable[[], object] | None = None,
    *,
    receiver: QObject | None = None,
) -> Task:
    """Start ``fn(control)`` on the global thread pool; callbacks run on the GUI thread.

    Call it from the GUI thread. Cancel with ``task.control.cancel()``. The callbacks belong
    to ``receiver`` (by default the QObject the first bound-method callback belongs to): when
    it is destroyed before the task ends, none of them is called and the task is cancelled.
    """
    if receiver is None:
        receiver = _receiver_of(on_done, on_error, on_progress, on_cancelled)
    task = Task(fn)
    _running.add(_Relay(task, on_done, on_error, on_progress, on_cancelled, receiver))
    QThreadPool.globalInstance().start(task)
    return task


class GuiThreadCollector(QObject):
    """Python's cycle collector, run on the GUI thread only.

    Python collects reference cycles on whichever thread allocates when a threshold is passed.
    On a worker of the pool that frees QObjects of the GUI thread (a finished task's signals, a
    closed dialog's wrapper) from the worker, and Qt crashes: writing the Daftar Hadir
    (openpyxl makes many objects) ended the app with a segmentation fault. So automatic
    collection is turned off, and this timer collects on the GUI thread, each generation when
    its threshold asks, as Python would.
    """

    def __init__(self, parent: QObject, interval_ms: int = 500):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    @Slot()
    def collect(self) -> None:
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return
        generation = 0
        if counts[1] > self.thresholds[1]:
            generation = 2 if counts[2] > self.thresholds[2] else 1
        gc.collect(generation)

    def stop(self) -> None:
        """Automatic collection again (the timer stops)."""
        self.timer.stop()
        gc.enable()
