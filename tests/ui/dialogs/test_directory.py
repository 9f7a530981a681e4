"""File › Stampa catalogo delle associazioni…: save the PDF, then see it in the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog

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


def test_writes_the_directory_and_opens_it(qtbot, coordinator, tmp_path, save_to) -> None:
    target = tmp_path / "catalogo"
    save_to.append(str(target))
    preview = print_directory(coordinator, None)
    assert isinstance(preview, PdfPreviewDialog)
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


def test_an_unwritable_place_says_so(coordinator, tmp_path, save_to, message_boxes) -> None:
    save_to.append(str(tmp_path / "non-esiste" / "catalogo.pdf"))
    assert print_directory(coordinator, None) is None
    assert "Impossibile scrivere nella cartella" in message_boxes[-1].text
