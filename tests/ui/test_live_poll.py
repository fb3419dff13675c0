"""ui.live_poll.LivePoll: reads off the GUI thread, one at a time, a lost server said once."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from events.store import StoreError
from ui import live_poll
from ui.live_poll import LivePoll


class Source:
    """What the poll reads: answers from a script, counting reads at once."""

    def __init__(self) -> None:
        self.answers: list = []  # a value to return, or an exception to raise; last one repeats
        self.running = 0
        self.most_at_once = 0
        self.reads = 0
        self.threads: list = []
        self.lock = threading.Lock()
        self.gate = threading.Event()
        self.gate.set()

    def prepare(self):
        return self.read

    def read(self):
        with self.lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            self.reads += 1
            answer = self.answers[0] if len(self.answers) == 1 else self.answers.pop(0)
        self.threads.append(threading.get_ident())
        try:
            assert self.gate.wait(5)
            if isinstance(answer, Exception):
                raise answer
            return answer
        finally:
            with self.lock:
                self.running -= 1


class Seen:
    def __init__(self, poll: LivePoll) -> None:
        self.events: list = []
        poll.unreachable.connect(lambda error: self.events.append(("unreachable", error)))
        poll.back.connect(lambda: self.events.append(("back",)))

    def results(self) -> list:
        return [e[1] for e in self.events if e[0] == "result"]


def make(qtbot, source: Source, **kwargs) -> tuple[LivePoll, Seen, QWidget]:
    owner = QWidget()
    qtbot.add_widget(owner)
    seen: Seen | None = None

    def on_result(value):
        assert QThread.currentThread() == QApplication.instance().thread()
        seen.events.append(("result", value))

    poll = LivePoll(source.prepare, on_result,
                    lambda error: seen.events.append(("error", error.code)),
                    name="test", parent=owner, **kwargs)
    seen = Seen(poll)
    return poll, seen, owner


def test_the_interval_comes_from_the_module_or_the_caller(qtbot, monkeypatch):
    monkeypatch.setattr(live_poll, "POLL_MS", 1234)
    default, _seen, _owner = make(qtbot, Source())
    chosen, _seen, _other = make(qtbot, Source(), interval_ms=7)
    assert (default.interval_ms, chosen.interval_ms) == (1234, 7)


def test_it_reads_off_the_gui_thread_and_hands_results_back(qtbot):
    source = Source()
    source.answers = [1, 2, 3]
    poll, seen, _owner = make(qtbot, source, interval_ms=5)
    poll.start()
    qtbot.waitUntil(lambda: seen.results()[:3] == [1, 2, 3], timeout=5000)
    poll.stop()
    assert threading.get_ident() not in source.threads


def test_one_read_at_a_time(qtbot):
    source = Source()
    source.answers = ["x"]
    source.gate.clear()  # the first read hangs, as on a server that does not answer
    poll, seen, _owner = make(qtbot, source, interval_ms=2)
    poll.start()
    qtbot.waitUntil(lambda: source.reads == 1, timeout=5000)
    qtbot.wait(60)  # thirty rounds' time
    assert source.reads == 1 and poll.in_flight is not None
    source.gate.set()
    qtbot.waitUntil(lambda: source.reads >= 3, timeout=5000)
    poll.stop()
    assert source.most_at_once == 1


def test_a_lost_server_is_said_once_and_its_return_once_before_the_result(qtbot):
    lost = StoreError("unreachable", "connection refused")
    source = Source()
    source.answers = [lost, lost, lost, "fresh"]
    poll, seen, _owner = make(qtbot, source)
    for _ in range(4):
        poll.poll_now()
    assert [e[0] for e in seen.events] == ["unreachable", "back", "result"]
    assert seen.events[0][1] is lost and seen.results() == ["fresh"]
    assert not poll.offline


def test_the_page_can_say_the_server_is_gone(qtbot):
    source = Source()
    source.answers = ["fresh"]
    poll, seen, _owner = make(qtbot, source)
    poll.mark_unreachable()
    poll.mark_unreachable()
    assert poll.offline and seen.events == [("unreachable", None)]
    poll.poll_now()
    assert [e[0] for e in seen.events] == ["unreachable", "back", "result"]


def test_other_store_errors_go_to_on_error(qtbot):
    source = Source()
    source.answers = [StoreError("io", "disk full")]
    poll, seen, _owner = make(qtbot, source)
    poll.poll_now()
    assert seen.events == [("error", "io")] and not poll.offline


def test_prepare_may_skip_a_round(qtbot):
    calls = []
    poll = LivePoll(lambda: None, calls.append, interval_ms=2)
    poll.start()
    qtbot.wait(30)
    poll.poll_now()
    poll.stop()
    assert calls == [] and poll.in_flight is None
    poll.deleteLater()


def test_a_read_ending_after_its_page_is_gone_calls_nothing(qtbot):
    source = Source()
    source.answers = ["late"]
    source.gate.clear()
    poll, seen, owner = make(qtbot, source, interval_ms=2)
    poll.start()
    qtbot.waitUntil(lambda: source.reads == 1, timeout=5000)
    gone = []
    owner.destroyed.connect(lambda: gone.append(True))
    owner.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=5000)
    source.gate.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(20)
    assert seen.events == []
