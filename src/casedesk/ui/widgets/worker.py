"""Run a service call off the UI thread: busy state, progress, result or error on the UI thread.

Usage (one `Worker` per action, kept by the widget that offers it)::

    self.export_worker = Worker(self, triggers=[self.export_button],
                                progress_bar=self.progress_bar)
    self.export_worker.succeeded.connect(self._exported)      # the call's return value
    self.export_worker.failed.connect(self._export_failed)    # optional, see show_errors
    ...
    self.export_worker.start(lambda: export_associations(ctx, path, "xlsx"))
    # or, for a service that reports its steps (services/progress.py):
    self.export_worker.start_with_progress(
        lambda progress: import_associations(ctx, path, progress=progress)
    )

What the desk sees while the call runs: the triggers are disabled, the mouse shows
the busy cursor over `busy_widget` (the parent by default: the rest of the program
stays usable), and `progress_bar`, when given, appears: moving back and forth until
the call reports its first step, then filling up.

What the code gets, always on the UI thread and in this order: the busy state
is undone, then `succeeded(result)` or `failed(error)`, then `finished()`.
- A `ServiceError` (its `str()` is the Italian message for the desk) is shown in a
  message box over the parent unless `show_errors=False`, and emitted as `failed`.
- Any other exception is a bug: it goes to the program's error handler
  (`sys.excepthook`, installed by ui/errors.py: logged and told in Italian) and is
  emitted as `failed` too, so that the caller can reset its state.

One at a time: `start()` while a call runs refuses (returns False and beeps),
since a second import or export started by a double click would do the work twice.

Services open their own session per call (`with ctx.db.write()`), and the
ServiceContext is a frozen dataclass, so the pool thread shares nothing mutable
with the UI thread. Each session checks a connection out of the engine's pool for
its transaction and gives it back: SQLAlchemy's QueuePool is thread-safe, and for
a file-based SQLite database it opens connections with `check_same_thread=False`
(sqlite3 is built serialized here), so a connection may serve one thread after
another, never two at once. An in-memory SQLite database (`sqlite://`) would not
work, each thread seeing its own empty database; CaseDesk never uses one.
The callable must not touch widgets: read what it needs from them before `start`.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QApplication, QProgressBar, QWidget

from casedesk.services.errors import ServiceError
from casedesk.services.progress import Progress
from casedesk.ui.errors import show_service_error

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
Trigger = QWidget | QAction


class _Relay(QObject):
    """Carries what happens in the pool thread to the Worker (queued, so on the UI thread)."""

    progressed = Signal()  # read the latest step from the _LatestProgress
    returned = Signal(object)
    raised = Signal(object)


class _LatestProgress:
    """The progress callback handed to the call: thread-safe, and never a flood.

    The pool thread only records the latest (done, total); a signal goes to the UI
    thread when none is waiting there already, and the UI reads the latest value
    when it gets to it. So a service may report each of 20,000 rows: the bar gets
    as many updates as the UI thread has time for, and always the last one.
    """

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._lock = threading.Lock()
        self._latest: tuple[int, int] | None = None
        self._waiting = False

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            self._latest = (int(done), int(total))
            if self._waiting:
                return
            self._waiting = True
        self._relay.progressed.emit()

    def take(self) -> tuple[int, int] | None:
        """On the UI thread: the latest step reported, and ready for the next signal."""
        with self._lock:
            self._waiting = False
            return self._latest


_quit_hooked = False
# Relays of calls started and not yet deleted on the UI thread: the pool thread's
# reference must never be the last one, or the QObject would die in that thread.
_alive: dict[int, _Relay] = {}


def _wait_at_quit() -> None:
    """Once: let running calls end (and their transactions commit) before Python exits."""
    global _quit_hooked
    app = QCoreApplication.instance()
    if _quit_hooked or app is None:
        return
    app.aboutToQuit.connect(lambda: QThreadPool.globalInstance().waitForDone())
    _quit_hooked = True


class Worker(QObject):
    """One action that runs off the UI thread, at most once at a time (see the module)."""

    started = Signal()
    progressed = Signal(int, int)  # done, total: on the UI thread
    succeeded = Signal(object)  # the call's return value
    failed = Signal(object)  # the exception; str() of a ServiceError is Italian
    finished = Signal()  # after succeeded or failed

    def __init__(
        self,
        parent: QWidget | None,
        *,
        triggers: Sequence[Trigger] = (),
        busy_widget: QWidget | None = None,
        progress_bar: QProgressBar | None = None,
        show_errors: bool = True,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.triggers: list[Trigger] = list(triggers)
        self.busy_widget: QWidget | None = busy_widget if busy_widget is not None else parent
        self.progress_bar = progress_bar
        self.show_errors = show_errors
        self._relay: _Relay | None = None
        self._progress: _LatestProgress | None = None
        self._enabled_before: list[bool] = []
        self._had_cursor = False
        self._old_cursor = QCursor()
        if progress_bar is not None:
            progress_bar.hide()

    def is_busy(self) -> bool:
        return self._relay is not None

    def start(self, call: Callable[[], Any]) -> bool:
        """Run `call()` in the pool; False (and nothing done) if the last call still runs."""
        return self._start(lambda _progress: call())

    def start_with_progress(self, call: Callable[[Progress], Any]) -> bool:
        """Run `call(progress)`; `progress(done, total)` may be called from the pool thread."""
        return self._start(call)

    # --- UI thread ---------------------------------------------------------------------

    def _start(self, call: Callable[[Progress], Any]) -> bool:
        if self.is_busy():
            QApplication.beep()
            return False
        _wait_at_quit()
        relay = _Relay()  # no parent: it must outlive this Worker if the window closes
        relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        relay.returned.connect(self._on_returned, Qt.ConnectionType.QueuedConnection)
        relay.raised.connect(self._on_raised, Qt.ConnectionType.QueuedConnection)
        key = id(relay)
        _alive[key] = relay
        relay.destroyed.connect(lambda *_args, key=key: _alive.pop(key, None))
        self._relay = relay
        self._set_busy(True)
        self.started.emit()
        self._progress = _LatestProgress(relay)
        progress = self._progress

        def run() -> None:
            try:
                result = call(progress)
            except BaseException:  # every failure is handed to the UI thread
                relay.raised.emit(sys.exc_info())
            else:
                relay.returned.emit(result)

        QThreadPool.globalInstance().start(run)
        return True

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self._enabled_before = [t.isEnabled() for t in self.triggers]
            for trigger in self.triggers:
                trigger.setEnabled(False)
            widget = self.busy_widget
            if widget is not None:
                self._had_cursor = widget.testAttribute(Qt.WidgetAttribute.WA_SetCursor)
                self._old_cursor = widget.cursor()
                widget.setCursor(Qt.CursorShape.BusyCursor)
            if self.progress_bar is not None:
                self.progress_bar.setRange(0, 0)  # back and forth until the first step
                self.progress_bar.show()
            return
        for trigger, enabled in zip(self.triggers, self._enabled_before, strict=False):
            trigger.setEnabled(enabled)
        widget = self.busy_widget
        if widget is not None and self._had_cursor:
            widget.setCursor(self._old_cursor)
        elif widget is not None:
            widget.unsetCursor()
        if self.progress_bar is not None:
            self.progress_bar.hide()

    def _finish(self) -> None:
        relay, self._relay = self._relay, None
        if relay is not None:
            relay.deleteLater()
        self._set_busy(False)

    @Slot()
    def _on_progress(self) -> None:
        step = self._progress.take() if self._progress is not None else None
        if not self.is_busy() or step is None:
            return
        done, total = step
        if self.progress_bar is not None and total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        self.progressed.emit(done, total)

    @Slot(object)
    def _on_returned(self, result: object) -> None:
        self._finish()
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_raised(self, info: ExcInfo) -> None:
        self._finish()
        exc_type, exc, tb = info
        if isinstance(exc, ServiceError):
            if self.show_errors:
                show_service_error(self._parent, exc)
        else:
            sys.excepthook(exc_type, exc, tb)
        self.failed.emit(exc)
        self.finished.emit()
