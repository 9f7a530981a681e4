"""The Worker: service calls off the UI thread, results and errors back on it."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QProgressBar, QPushButton, QVBoxLayout, QWidget

from casedesk.services.errors import ServiceError
from casedesk.ui.widgets.worker import Worker


@pytest.fixture
def window(qtbot) -> tuple[QWidget, QPushButton, QProgressBar]:
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Vai", window)
    bar = QProgressBar(window)
    layout = QVBoxLayout(window)
    layout.addWidget(button)
    layout.addWidget(bar)
    window.show()
    qtbot.waitExposed(window)
    return window, button, bar


def _on_ui_thread() -> bool:
    app = QApplication.instance()
    assert app is not None
    return QThread.currentThread() is app.thread() and threading.current_thread() is (
        threading.main_thread()
    )


def test_the_result_arrives_on_the_ui_thread(qtbot, window) -> None:
    parent, button, _bar = window
    worker = Worker(parent, triggers=[button])
    ran_in: list[bool] = []
    received: list[tuple[object, bool]] = []
    worker.succeeded.connect(lambda result: received.append((result, _on_ui_thread())))

    def call() -> int:
        ran_in.append(_on_ui_thread())
        return 7 * 6

    with qtbot.waitSignal(worker.finished, timeout=5000):
        assert worker.start(call)
        assert worker.is_busy()
        assert not button.isEnabled()
        assert parent.cursor().shape() is Qt.CursorShape.BusyCursor
    assert ran_in == [False]  # the call ran in the pool
    assert received == [(42, True)]
    assert not worker.is_busy()
    assert button.isEnabled()
    assert parent.cursor().shape() is Qt.CursorShape.ArrowCursor


def test_a_service_error_arrives_as_its_italian_message(qtbot, window, message_boxes) -> None:
    parent, _button, _bar = window
    worker = Worker(parent)

    def call() -> None:
        raise ServiceError("Permesso negato: impossibile scrivere nella cartella /x.")

    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start(call)
    [error] = blocker.args
    assert isinstance(error, ServiceError)
    assert str(error) == "Permesso negato: impossibile scrivere nella cartella /x."
    assert [box.text for box in message_boxes] == [str(error)]


def test_errors_may_be_left_to_the_caller(qtbot, window, message_boxes) -> None:
    parent, _button, _bar = window
    worker = Worker(parent, show_errors=False)

    def call() -> None:
        raise ServiceError("Il file non si trova.")

    with qtbot.waitSignal(worker.failed, timeout=5000):
        worker.start(call)
    assert message_boxes == []


def test_an_unexpected_exception_goes_to_the_error_handler(
    qtbot, window, monkeypatch, message_boxes
) -> None:
    parent, button, _bar = window
    worker = Worker(parent, triggers=[button])
    handled: list[tuple[type[BaseException], bool]] = []
    monkeypatch.setattr(
        sys, "excepthook", lambda kind, exc, tb: handled.append((kind, _on_ui_thread()))
    )

    def call() -> None:
        raise ZeroDivisionError("bug")

    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start(call)
    assert isinstance(blocker.args[0], ZeroDivisionError)
    assert handled == [(ZeroDivisionError, True)]
    assert message_boxes == []  # the handler, not the worker, tells the desk
    assert button.isEnabled()


def test_a_second_start_is_refused_while_busy(qtbot, window) -> None:
    parent, button, _bar = window
    worker = Worker(parent, triggers=[button])
    release = threading.Event()
    calls: list[str] = []

    def slow() -> str:
        calls.append("first")
        release.wait(5)
        return "first"

    results: list[object] = []
    worker.succeeded.connect(results.append)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        assert worker.start(slow)
        assert not worker.start(lambda: calls.append("second"))
        assert not button.isEnabled()
        release.set()
    assert results == ["first"]
    assert calls == ["first"]
    assert worker.start(lambda: "again")  # free again once finished
    qtbot.waitUntil(lambda: not worker.is_busy(), timeout=5000)


def test_a_disabled_trigger_stays_disabled(qtbot, window) -> None:
    parent, button, _bar = window
    button.setEnabled(False)
    worker = Worker(parent, triggers=[button])
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start(lambda: None)
    assert not button.isEnabled()


def test_progress_is_reported_on_the_ui_thread_and_fills_the_bar(qtbot, window) -> None:
    parent, _button, bar = window
    worker = Worker(parent, progress_bar=bar)
    assert bar.isHidden()
    seen: list[tuple[int, int, bool]] = []
    worker.progressed.connect(lambda done, total: seen.append((done, total, _on_ui_thread())))
    step = threading.Event()
    shown: list[tuple[int, int]] = []

    def counting(progress) -> int:
        for done in range(1, 4):
            step.wait(5)
            step.clear()
            progress(done, 3)
        return 3

    def next_step() -> None:
        step.set()

    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start_with_progress(counting)
        assert bar.isVisible() and bar.maximum() == 0  # busy, no steps known yet
        for expected in (1, 2, 3):
            next_step()
            if expected < 3:
                qtbot.waitUntil(lambda e=expected: bar.value() == e, timeout=5000)
                shown.append((bar.value(), bar.maximum()))
    assert shown == [(1, 3), (2, 3)]
    assert seen[-1] == (3, 3, True)
    assert all(on_ui for _d, _t, on_ui in seen)
    assert bar.isHidden()


def test_a_flood_of_progress_calls_is_thinned(qtbot, window) -> None:
    parent, _button, bar = window
    worker = Worker(parent, progress_bar=bar)
    seen: list[tuple[int, int]] = []
    worker.progressed.connect(lambda done, total: seen.append((done, total)))

    def flood(progress) -> None:
        for done in range(1, 20_001):
            progress(done, 20_000)

    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start_with_progress(flood)
    assert seen[-1] == (20_000, 20_000)  # the last step always arrives
    assert len(seen) < 2000
    assert [done for done, _total in seen] == sorted({done for done, _total in seen})


def test_the_bar_shows_the_latest_step_when_the_call_pauses(qtbot, window) -> None:
    parent, _button, bar = window
    worker = Worker(parent, progress_bar=bar)
    paused, go_on = threading.Event(), threading.Event()

    def quick_then_slow(progress) -> None:
        for done in range(1, 141):
            progress(done, 300)
        paused.set()
        go_on.wait(10)

    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start_with_progress(quick_then_slow)
        assert paused.wait(10)
        qtbot.waitUntil(lambda: bar.value() == 140, timeout=5000)
        assert bar.maximum() == 300
        go_on.set()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_real_service_call_on_sqlite(qtbot, window, coordinator) -> None:
    """A write through the worker's thread, then reads on the UI thread: same database."""
    from casedesk.domain.house import HouseDetails
    from casedesk.services.house import get_house, update_house

    parent, _button, _bar = window
    assert coordinator.db.is_sqlite
    worker = Worker(parent)
    details = get_house(coordinator)
    changed = HouseDetails(
        name="Casa scritta dal thread",
        address=details.address,
        opening_hours=details.opening_hours,
    )
    with qtbot.waitSignal(worker.succeeded, timeout=10_000) as blocker:
        worker.start(lambda: update_house(coordinator, changed))
    assert blocker.args[0].name == "Casa scritta dal thread"
    assert get_house(coordinator).name == "Casa scritta dal thread"
    # And back: the connection the pool thread used is used again here and there.
    for name in ("Seconda", "Terza"):
        changed.name = name
        with qtbot.waitSignal(worker.succeeded, timeout=10_000):
            worker.start(lambda: update_house(coordinator, changed))
        assert get_house(coordinator).name == name
    assert Path(str(coordinator.db.url.database)).is_file()
