"""Live polling of the database: what other desks and stations did shows up here by itself.

The registration desk and the signing station both read, every second, what changed since
their last look. :class:`LivePoll` does the timing for them: the read runs off the GUI thread
(a server that does not answer must not freeze the screen), one at a time, and a lost server is
reported once ("unreachable") and its return once ("back").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from events.store import StoreError
from ui.worker import Task, run_task

# How often a desk or station looks for what the others did (on one file or one server):
# another desk sees a check-in within about a second. Tests set it to a few milliseconds
# before they build a page.
POLL_MS = 1000
# A read that has not answered after this long means the server is away (frozen, or silent
# behind a dead link): the page says so at once, while the read is still waiting. With a round
# every POLL_MS, a silent server is noticed within about 2 seconds.
OVERDUE_MS = 1200
# The read itself gives up (its connections are broken) after this many seconds.
POLL_DEADLINE = 3.0

log = logging.getLogger(__name__)


class LivePoll(QObject):
    """Runs ``prepare()`` on the GUI thread every ``interval_ms``, then the read it returns on
    the thread pool, and hands the result to ``on_result`` on the GUI thread.

    ``prepare`` takes the page's state at the start of the read (its cursors) and returns the
    read, a function of no arguments, or None to skip this round. A new round starts only once
    the last one is over. A StoreError "unreachable" makes the poll offline (signal
    ``unreachable``, once) until a read succeeds again (signal ``back``, before its result);
    another StoreError goes to ``on_error``; any other error is raised on the GUI thread.

    Attributes:
        offline: the database did not answer the last read (or the page said so).
        interval_ms: the time between rounds.
        name: what the log calls this poll ("desk", "signing station").

    Signals:
        unreachable(object): the database stopped answering (the StoreError, or None when the
            page said so).
        back(): it answers again.
    """

    unreachable = Signal(object)
    back = Signal()

    # keeps its constructor's arguments, as ExportJob and Documents do: alike in shape only
    def __init__(self, prepare: Callable[[], Callable[[], Any] | None],
                 on_result: Callable[[Any], None],
                 on_error: Callable[[StoreError], None] | None = None, *,
                 name: str = "", interval_ms: int | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.prepare = prepare
        self.on_result = on_result
        self.on_error = on_error
        self.name = name
        self.offline = False
        self.in_flight: Task | None = None
        self._round = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS if interval_ms is None else interval_ms)
        self.timer.timeout.connect(self.on_tick)

    @property
    def interval_ms(self) -> int:
        return self.timer.interval()

    @interval_ms.setter
    def interval_ms(self, value: int) -> None:
        self.timer.setInterval(value)

    def start(self) -> None:
        self.offline = False
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def is_active(self) -> bool:
        return self.timer.isActive()

    @Slot()
    def on_tick(self) -> None:
        """Start a round on the thread pool, unless one is still running."""
        if self.in_flight is not None:
            return
        read = self.prepare()
        if read is None:
            return
        self.in_flight = run_task(lambda _control: read(), self._done, self._failed,
                                  receiver=self)
        self._round += 1
        round_ = self._round
        QTimer.singleShot(OVERDUE_MS, self, lambda: self._overdue(round_))

    def _overdue(self, round_: int) -> None:
        """The round started ``round_`` is still waiting for the database: it is away."""
        if self.in_flight is not None and self._round == round_:
            self.mark_unreachable(StoreError("unreachable", f"no answer within {OVERDUE_MS} ms"))

    def poll_now(self) -> None:
        """One round on this thread (tests; right after a page opens)."""
        read = self.prepare()
        if read is None:
            return
        try:
            result = read()
        except StoreError as error:
            self._failed(error)
            return
        self._done(result)

    def mark_unreachable(self, error: StoreError | None = None) -> None:
        """The database is gone (a read failed, or the page found so when a check-in failed):
        say so now, once."""
        if not self.offline:
            self.offline = True
            log.warning("%s: the database is unreachable (%s)", self.name or "poll",
                        error.detail if error is not None else "seen by the page")
            self.unreachable.emit(error)

    def _done(self, result) -> None:
        self.in_flight = None
        if self.offline:
            self.offline = False
            log.info("%s: the database answers again", self.name or "poll")
            self.back.emit()
        self.on_result(result)

    def _failed(self, error: Exception) -> None:
        self.in_flight = None
        if not isinstance(error, StoreError):
            raise error
        if error.code == "unreachable":
            self.mark_unreachable(error)
        elif self.on_error is not None:
            self.on_error(error)
