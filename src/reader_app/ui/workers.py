"""Run core work off the UI thread; results come back by signal on the UI thread.

A task is a plain callable that touches no widget. ``Workers.run`` queues it on a
QThreadPool; the ``done``/``failed`` callbacks are invoked on the UI thread because the
signal carrier lives there (queued connection across threads).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Carrier(QObject):
    finished = Signal(object)
    failed = Signal(str)
    progressed = Signal(int, int, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], carrier: _Carrier) -> None:
        super().__init__()
        self._fn = fn
        self._carrier = carrier
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:
            traceback.print_exc()
            self._carrier.failed.emit(f"{type(error).__name__}: {error}")
        else:
            # Always a tuple: emitting a bare None through a queued Signal(object)
            # corrupts None's reference count in PySide6 (a crash at exit).
            self._carrier.finished.emit((result,))


class Workers(QObject):
    """Owns a thread pool and the carriers of tasks still running."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._carriers: set[_Carrier] = set()

    def run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        self._start(lambda _report: fn(), None, done, failed)

    def run_with_progress(
        self,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        progress: Callable[[int, int, str], None],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Like ``run``; ``fn`` gets a reporter it may call from the worker thread with
        (done, total, what); ``progress`` receives those calls on the UI thread."""
        self._start(fn, progress, done, failed)

    def _start(
        self,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        progress: Callable[[int, int, str], None] | None,
        done: Callable[[Any], None] | None,
        failed: Callable[[str], None] | None,
    ) -> None:
        carrier = _Carrier()  # created here, so it lives on the UI thread
        self._carriers.add(carrier)
        if progress is not None:
            carrier.progressed.connect(progress)

        def finish(boxed: tuple[Any]) -> None:
            self._carriers.discard(carrier)
            if done is not None:
                done(boxed[0])

        def fail(message: str) -> None:
            self._carriers.discard(carrier)
            if failed is not None:
                failed(message)

        carrier.finished.connect(finish)
        carrier.failed.connect(fail)
        report = carrier.progressed.emit
        self._pool.start(_Task(lambda: fn(report), carrier))

    def busy(self) -> bool:
        return bool(self._carriers)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has returned (tests, shutdown)."""
        return self._pool.waitForDone(msecs)
