"""File › Stampa catalogo delle associazioni…: save the PDF, then see it in the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QFileDialog

from casedesk.ui.dialogs.directory import print_directory, suggested_name
from casedesk.ui.widgets.pdf_preview import PdfPreviewDialog


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path the save dialog returns next ("" = cancelled); what it suggested after."""
    queue: list[str] = []

    def fake_save(_parent, _title, where, _filter):
        answer = queue.pop(0) if queue else ""
        queue.append(where)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    return queue


def _shown_preview() -> PdfPreviewDialog:
    [preview] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PdfPreviewDialog) and w.isVisible()
    ]
    return preview


def test_writes_the_directory_and_opens_it(qtbot, coordinator, tmp_path, save_to) -> None:
    target = tmp_path / "catalogo"
    save_to.append(str(target))
    worker = print_directory(coordinator, None)
    assert worker is not None
    with qtbot.waitSignal(worker.succeeded, timeout=20_000):
        pass
    preview = _shown_preview()
    qtbot.waitExposed(preview)
    assert save_to[-1].endswith(suggested_name(coordinator))
    assert (
        suggested_name(coordinator) == f"catalogo-associazioni-{coordinator.today():%Y-%m-%d}.pdf"
    )
    written = tmp_path / "catalogo.pdf"
    assert written.is_file() and preview.data == written.read_bytes()
    assert preview.document.status() is QPdfDocument.Status.Ready
    assert len(PdfReader(written).pages) == preview.page_count() >= 1
    assert "0 associazioni iscritte" in preview.windowTitle()
    preview.close()


def test_cancelled_writes_nothing(coordinator, tmp_path, save_to) -> None:
    assert print_directory(coordinator, None) is None
    assert not list(tmp_path.glob("*.pdf"))


def test_an_unwritable_place_says_so(qtbot, coordinator, tmp_path, save_to, message_boxes) -> None:
    save_to.append(str(tmp_path / "non-esiste" / "catalogo.pdf"))
    worker = print_directory(coordinator, None)
    assert worker is not None
    with qtbot.waitSignal(worker.failed, timeout=20_000):
        pass
    assert "Impossibile scrivere nella cartella" in message_boxes[-1].text


def test_the_action_waits_while_the_catalogue_is_written(
    qtbot, coordinator, tmp_path, save_to, monkeypatch
) -> None:
    import threading

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from casedesk.ui.dialogs import directory

    release = threading.Event()
    real_write = directory.write_directory

    def slow_write(ctx, path):
        release.wait(10)
        return real_write(ctx, path)

    monkeypatch.setattr(directory, "write_directory", slow_write)
    window = QWidget()
    qtbot.addWidget(window)
    action = QAction("Stampa catalogo", window)
    save_to.append(str(tmp_path / "catalogo.pdf"))
    worker = print_directory(coordinator, window, action)
    assert worker is not None
    with qtbot.waitSignal(worker.succeeded, timeout=20_000):
        assert not action.isEnabled()
        save_to.append(str(tmp_path / "altro.pdf"))
        assert print_directory(coordinator, window, action) is None  # one at a time
        release.set()
    assert action.isEnabled()
    assert not (tmp_path / "altro.pdf").exists()
    _shown_preview().close()
