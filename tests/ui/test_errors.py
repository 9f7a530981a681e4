"""The exception hook: unexpected errors go to the log and to one message box."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from casedesk import paths
from casedesk.services.errors import PermissionDenied
from casedesk.ui import errors
from casedesk.ui.errors import install_exception_hook, show_service_error


def _exc_info(exc: BaseException) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


@pytest.fixture
def hook(qapp, tmp_path: Path):
    installed = install_exception_hook(tmp_path / "logs" / "casedesk.log")
    yield installed
    installed.uninstall()


def test_hook_writes_the_log_and_tells_the_desk(hook, message_boxes, tmp_path: Path) -> None:
    assert sys.excepthook is hook
    sys.excepthook(*_exc_info(ZeroDivisionError("division by zero")))

    log_file = tmp_path / "logs" / "casedesk.log"
    hook.handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "Errore imprevisto" in text
    assert "ZeroDivisionError: division by zero" in text

    [box] = message_boxes
    assert box.icon == QMessageBox.Icon.Critical
    assert box.text.startswith("Si è verificato un errore imprevisto.")
    assert f"I dettagli sono stati scritti in {log_file}." in box.text
    assert "Il programma continua a funzionare; le modifiche già salvate non sono perse." in (
        box.text
    )
    assert "ZeroDivisionError" in box.details


def test_log_rotates_at_one_megabyte_keeping_five(hook) -> None:
    handler = hook.handler
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == 1_000_000
    assert handler.backupCount == 5


def test_default_log_file_lives_in_the_data_folder() -> None:
    installed = install_exception_hook(paths.log_file())
    try:
        assert paths.log_file().parent.is_dir()
        assert installed.handler is not None
    finally:
        installed.uninstall()


def test_exception_in_a_slot_reaches_the_hook_and_the_program_goes_on(
    hook, message_boxes, qtbot
) -> None:
    def broken_slot() -> None:
        raise RuntimeError("guasto di prova")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    hook.handler.flush()
    assert "guasto di prova" in hook.log_file.read_text(encoding="utf-8")
    # The event loop still runs.
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])


def test_an_error_while_the_box_is_open_is_only_logged(hook, monkeypatch) -> None:
    shown: list[str] = []

    def exec_that_fails_again(box: QMessageBox) -> int:
        shown.append(box.text())
        hook(*_exc_info(ValueError("seconda")))  # e.g. a timer firing under the box
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_that_fails_again)
    hook(*_exc_info(ValueError("prima")))
    assert len(shown) == 1
    hook.handler.flush()
    text = hook.log_file.read_text(encoding="utf-8")
    assert "prima" in text and "seconda" in text
    # Once the box is closed, the next error is shown again.
    hook(*_exc_info(ValueError("terza")))
    assert len(shown) == 2


def test_without_a_qapplication_the_hook_logs_and_prints(hook, monkeypatch, capsys) -> None:
    monkeypatch.setattr(QApplication, "instance", staticmethod(lambda: None))
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: pytest.fail("no box without a QApplication")
    )
    hook(*_exc_info(KeyError("chiave")))
    assert "KeyError" in capsys.readouterr().err
    hook.handler.flush()
    assert "KeyError" in hook.log_file.read_text(encoding="utf-8")


def test_keyboard_interrupt_goes_to_the_previous_hook(hook, monkeypatch) -> None:
    seen = []
    monkeypatch.setattr(hook, "_previous", lambda *info: seen.append(info[0]))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail("no box for Ctrl+C"))
    hook(*_exc_info(KeyboardInterrupt()))
    assert seen == [KeyboardInterrupt]


def test_uninstall_restores_the_previous_hook(tmp_path: Path) -> None:
    before = sys.excepthook
    installed = install_exception_hook(tmp_path / "x.log")
    installed.uninstall()
    assert sys.excepthook is before
    assert installed.handler is None
    assert not any(
        isinstance(h, logging.handlers.RotatingFileHandler)
        and h.baseFilename == str((tmp_path / "x.log").resolve())
        for h in logging.getLogger().handlers
    )


def test_unwritable_log_folder_still_shows_a_box(qapp, tmp_path: Path, message_boxes) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    installed = install_exception_hook(blocker / "logs" / "casedesk.log")
    try:
        assert installed.handler is None
        installed(*_exc_info(ValueError("x")))
    finally:
        installed.uninstall()
    [box] = message_boxes
    assert "Non è stato possibile scrivere i dettagli nel registro." in box.text


def test_show_service_error_shows_the_italian_message(qtbot, message_boxes) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    show_service_error(parent, PermissionDenied("Questa operazione è riservata ai coordinatori."))
    [box] = message_boxes
    assert box.icon == QMessageBox.Icon.Warning
    assert box.text == "Questa operazione è riservata ai coordinatori."
    assert box.title == "Operazione non eseguita"


def test_message_box_has_an_italian_ok_button(qtbot) -> None:
    box = errors.message_box(None, QMessageBox.Icon.Information, "Ciao")
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "OK"


def test_message_boxes_show_the_programs_icons(qapp) -> None:
    from PySide6.QtWidgets import QLabel, QMessageBox, QStyle

    from casedesk.ui import palette
    from casedesk.ui.errors import message_box
    from casedesk.ui.icons import icon

    for kind, purpose, color in (
        (QMessageBox.Icon.Critical, "error", palette.ERROR),
        (QMessageBox.Icon.Warning, "warning", palette.WARNING),
        (QMessageBox.Icon.Information, "information", palette.INFO),
    ):
        box = message_box(None, kind, "Testo")
        assert box.icon() == kind  # the kind is kept for screen readers
        size = box.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, box)
        shown = box.findChild(QLabel, "qt_msgboxex_icon_label").pixmap().toImage()
        assert shown == icon(purpose, color=color).pixmap(size, size).toImage()
        platform = box.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        assert shown != platform.pixmap(size, size).toImage()
        box.deleteLater()


def test_questions_show_the_programs_question_icon(qapp, monkeypatch) -> None:
    from PySide6.QtWidgets import QLabel, QMessageBox, QStyle

    from casedesk.ui import palette
    from casedesk.ui.icons import icon
    from casedesk.ui.widgets import questions

    seen = []

    def fake_exec(box: QMessageBox) -> int:
        size = box.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, box)
        wanted = icon("question", color=palette.INFO).pixmap(size, size).toImage()
        shown = box.findChild(QLabel, "qt_msgboxex_icon_label").pixmap().toImage()
        seen.append(shown == wanted)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    questions.ask(None, "Sicuro?", "&Sì", "&No")
    questions.choose(None, "Quale?", [("a", "A"), ("b", "B")], escape="b")
    assert seen == [True, True]
