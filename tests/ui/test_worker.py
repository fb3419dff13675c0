"""ui.worker.run_task: work on the pool, results and errors back on the GUI thread, cancel."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ui.worker import run_task


class Calls:
    """What the callbacks received, and on which thread."""

    def __init__(self) -> None:
        self.done: list = []
        self.errors: list[Exception] = []
        self.progress: list[tuple[int, int]] = []
        self.cancelled = 0
        self.threads: list[QThread] = []

    def on_done(self, result) -> None:
        self.threads.append(QThread.currentThread())
        self.done.append(result)

    def on_error(self, error: Exception) -> None:
        self.threads.append(QThread.currentThread())
        self.errors.append(error)

    def on_progress(self, done: int, total: int) -> None:
        self.threads.append(QThread.currentThread())
        self.progress.append((done, total))

    def on_cancelled(self) -> None:
        self.threads.append(QThread.currentThread())
        self.cancelled += 1


def test_result_arrives_on_the_gui_thread(qtbot):
    calls = Calls()
    worker_thread = []

    def work(control):
        worker_thread.append(threading.get_ident())
        for i in range(3):
            control.progress(i + 1, 3)
        return {"stored": 42}

    run_task(work, calls.on_done, calls.on_error, calls.on_progress)
    qtbot.waitUntil(lambda: bool(calls.done), timeout=5000)

    assert calls.done == [{"stored": 42}]
    assert calls.errors == [] and calls.cancelled == 0
    assert calls.progress == [(1, 3), (2, 3), (3, 3)]
    gui = QApplication.instance().thread()
    assert calls.threads and all(t is gui or t == gui for t in calls.threads)
    assert worker_thread != [threading.get_ident()]  # the work itself ran elsewhere


def test_exception_goes_to_on_error(qtbot):
    calls = Calls()

    def work(_control):
        raise ValueError("berkas rusak")

    run_task(work, calls.on_done, calls.on_error)
    qtbot.waitUntil(lambda: bool(calls.errors), timeout=5000)

    [error] = calls.errors
    assert isinstance(error, ValueError) and str(error) == "berkas rusak"
    assert calls.done == []
    assert calls.threads == [QApplication.instance().thread()]


def test_cancel_stops_a_task_that_reports_progress(qtbot):
    calls = Calls()
    started = threading.Event()
    finished_loop = []

    def work(control):
        deadline = time.monotonic() + 5
        i = 0
        while time.monotonic() < deadline:  # bounded, so a broken cancel fails, not hangs
            control.progress(i, 0)
            started.set()
            i += 1
            time.sleep(0.002)
        finished_loop.append(i)
        return "ran to the end"

    task = run_task(work, calls.on_done, calls.on_error, calls.on_progress, calls.on_cancelled)
    qtbot.waitUntil(lambda: started.is_set() and bool(calls.progress), timeout=5000)
    assert not task.control.cancelled
    task.control.cancel()
    assert task.control.cancelled
    qtbot.waitUntil(lambda: calls.cancelled == 1, timeout=5000)

    assert calls.done == [] and calls.errors == [] and finished_loop == []
    assert all(t == QApplication.instance().thread() for t in calls.threads)


# -- tied to the widget that asked ---------------------------------------------------------------


class Page(QWidget):
    """A widget whose slots touch its own children, as a dialog's would."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        self.calls: list = []

    def on_done(self, result) -> None:
        self.label.setText(str(result))
        self.calls.append(result)

    def on_error(self, error: Exception) -> None:
        self.label.setText(str(error))
        self.calls.append(error)


def _gate_task():
    """A task that runs until ``release`` is set; ``started`` tells it is running."""
    started, release = threading.Event(), threading.Event()

    def work(control):
        started.set()
        assert release.wait(5)
        return "late result"

    return work, started, release


def _destroy(widget: QWidget, qtbot) -> None:
    destroyed = []
    widget.destroyed.connect(lambda: destroyed.append(True))
    widget.close()
    widget.deleteLater()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=5000)


def test_a_result_that_arrives_after_its_widget_is_gone_calls_nothing(qtbot):
    page = Page()
    seen: list = []
    page.calls = seen
    work, started, release = _gate_task()
    task = run_task(work, page.on_done, page.on_error)  # the receiver is found from on_done
    assert started.wait(5)
    _destroy(page, qtbot)
    assert task.control.cancelled  # asked to stop
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(20)  # let a queued result arrive, if one were still connected

    assert seen == []


def test_an_explicit_receiver_drops_lambda_callbacks(qtbot):
    page = QWidget()
    seen: list = []
    work, started, release = _gate_task()
    run_task(work, lambda result: seen.append(result), lambda error: seen.append(error),
             receiver=page)
    assert started.wait(5)
    _destroy(page, qtbot)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(20)

    assert seen == []


def test_a_task_not_started_when_its_widget_goes_never_runs(qtbot):
    pool = QThreadPool.globalInstance()
    blockers = []
    release = threading.Event()
    for _ in range(pool.maxThreadCount()):  # every thread busy: the next task waits in line
        started = threading.Event()

        def block(_control, started=started):
            started.set()
            assert release.wait(5)

        run_task(block, lambda _r: None, lambda _e: None)
        blockers.append(started)
    for started in blockers:
        assert started.wait(5)
    page = Page()
    ran = []
    run_task(lambda _control: ran.append(True), page.on_done, page.on_error)
    _destroy(page, qtbot)
    release.set()
    assert pool.waitForDone(5000)
    qtbot.wait(20)

    assert ran == []


def test_a_living_receiver_still_gets_its_result(qtbot):
    page = Page()
    qtbot.add_widget(page)
    run_task(lambda _control: 7, page.on_done, page.on_error)
    qtbot.waitUntil(lambda: page.calls == [7], timeout=5000)
    assert page.label.text() == "7"


def test_a_failed_task_is_logged_with_its_traceback(qtbot, caplog):
    calls = Calls()

    def export_certificates(_control):
        raise OSError("disk penuh")

    with caplog.at_level("WARNING", logger="ui.worker"):
        run_task(export_certificates, calls.on_done, calls.on_error)
        qtbot.waitUntil(lambda: bool(calls.errors), timeout=5000)
    [record] = caplog.records
    assert "export_certificates failed: OSError" in record.getMessage()
    assert record.exc_info[1] is calls.errors[0]


class _Cycle:
    """Garbage only the cycle collector frees; notes the thread that freed it."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread().name)


def _allocate(_control) -> int:
    """Work that makes many objects (as openpyxl writing a workbook does)."""
    return len([[i] for i in range(200_000)])


def test_cycles_are_collected_on_the_gui_thread_never_on_a_worker(qtbot):
    """Python collects cycles on the thread that allocates when a threshold is passed; on a
    worker that destroyed QObjects of the GUI thread from the worker, and the app crashed
    while writing the Daftar Hadir. With the app's collector only the GUI thread collects."""
    import gc

    from ui.worker import GuiThreadCollector

    holder = QWidget()
    collector = GuiThreadCollector(holder, interval_ms=20)
    calls = Calls()
    try:
        assert not gc.isenabled()
        gc.collect()
        _Cycle.freed_on.clear()
        _Cycle()  # garbage, in a cycle
        run_task(_allocate, calls.on_done, calls.on_error)
        qtbot.waitUntil(lambda: bool(calls.done), timeout=5000)
        # the GUI thread's own work passes the threshold (what the worker made is freed again)
        kept = [[] for _ in range(2 * gc.get_threshold()[0])]
        qtbot.waitUntil(lambda: bool(_Cycle.freed_on), timeout=5000)
        assert _Cycle.freed_on == [threading.main_thread().name]
        del kept
    finally:
        collector.stop()
        holder.deleteLater()
    assert gc.isenabled()
