"""Scanned copies from the panel: Allega file…, Apri file, Verifica file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from casedesk.services.documents import FileState
from casedesk.ui.documents.checklist_model import ChecklistModel


def small_pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "Statuto del comitato")
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def chosen_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The next path the open-file dialog returns ("" = cancelled)."""
    queue: list[str] = []

    def fake_open(*_args, **_kwargs) -> tuple[str, str]:
        return (queue.pop(0) if queue else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    return queue


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def fake_open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open_url))
    return urls


@pytest.fixture
def tab(new_association, operator, make_tab):
    association = new_association(operator, "Comitato dei Navigli")
    tab = make_tab(operator)
    tab.show_association(association)
    tab.table.selectRow(0)
    return tab


def attach(qtbot, tab) -> None:
    """Allega file… (the file dialog is answered by `chosen_files`) and wait for the copy."""
    with qtbot.waitSignal(tab.editor.attach_worker.succeeded):
        assert tab.editor.attach_file()


def file_cell(tab) -> str:
    return tab.model.index(0, ChecklistModel.FILE).data()


def test_attach_then_open_then_verify(
    qtbot, tab, tmp_path, chosen_files, opened_urls, message_boxes
) -> None:
    editor = tab.editor
    assert editor.file_label.text() == "Nessun file allegato."
    assert not editor.open_file_button.isEnabled() and not editor.verify_button.isEnabled()
    shown: list[str] = []
    tab.status_message.connect(shown.append)

    chosen_files.append(str(small_pdf(tmp_path / "statuto scansionato.pdf")))
    # The copy is made off the UI thread; meanwhile the file buttons wait.
    with qtbot.waitSignal(editor.attach_worker.succeeded):
        qtbot.mouseClick(editor.attach_button, Qt.MouseButton.LeftButton)
        assert not editor.attach_button.isEnabled()
    assert editor.attach_button.isEnabled()
    assert message_boxes == []
    assert file_cell(tab) == "presente"
    assert tab.model.index(0, ChecklistModel.FILE).data(Qt.ItemDataRole.DecorationRole)
    assert tab.model.entry(0).file_state is FileState.OK
    assert "Lo stato non cambia" in shown[-1]
    assert tab.model.index(0, ChecklistModel.STATUS).data() == "Mancante"  # unchanged
    assert editor.open_file_button.isEnabled() and editor.verify_button.isEnabled()

    qtbot.mouseClick(editor.open_file_button, Qt.MouseButton.LeftButton)
    [url] = opened_urls
    stored = Path(url.toLocalFile())
    assert stored.is_file() and stored.suffix == ".pdf"
    assert stored.read_bytes() == (tmp_path / "statuto scansionato.pdf").read_bytes()

    with qtbot.waitSignal(editor.verify_worker.succeeded) as verified:
        qtbot.mouseClick(editor.verify_button, Qt.MouseButton.LeftButton)
    assert verified.args == [FileState.OK]
    assert message_boxes[-1].icon is QMessageBox.Icon.Information
    assert "integro" in message_boxes[-1].text


def test_a_changed_file_is_flagged_and_opened_only_if_asked(
    qtbot, tab, tmp_path, chosen_files, opened_urls, answers, message_boxes
) -> None:
    chosen_files.append(str(small_pdf(tmp_path / "statuto.pdf")))
    attach(qtbot, tab)
    stored = tab.ctx.settings.documents_dir / tab.model.entry(0).file_path
    stored.write_bytes(stored.read_bytes() + b"\n% modificato\n")
    tab.reload_checklist()
    assert file_cell(tab) == "modificato"
    assert tab.model.entry(0).file_state is FileState.CHANGED
    assert "modificato" in tab.editor.file_label.text().lower()

    answers.replies = [False]
    assert not tab.editor.open_file()
    assert opened_urls == [] and "modificato" in answers.asked[-1]
    answers.replies = [True]
    assert tab.editor.open_file()
    assert len(opened_urls) == 1

    with qtbot.waitSignal(tab.editor.verify_worker.succeeded) as verified:
        assert tab.editor.verify_file()
    assert verified.args == [FileState.CHANGED]
    assert message_boxes[-1].icon is QMessageBox.Icon.Warning
    assert "SHA-256" in message_boxes[-1].text


def test_a_missing_file_says_so(
    qtbot, tab, tmp_path, chosen_files, opened_urls, message_boxes
) -> None:
    chosen_files.append(str(small_pdf(tmp_path / "statuto.pdf")))
    attach(qtbot, tab)
    (tab.ctx.settings.documents_dir / tab.model.entry(0).file_path).unlink()
    tab.reload_checklist()
    assert file_cell(tab) == "mancante"
    assert not tab.editor.open_file()
    assert opened_urls == []
    assert "non si trova più" in message_boxes[-1].text


def test_a_file_that_is_not_a_scan_is_refused(
    qtbot, tab, tmp_path, chosen_files, message_boxes
) -> None:
    fake = tmp_path / "statuto.pdf"
    fake.write_text("non sono un PDF")
    chosen_files.append(str(fake))
    with qtbot.waitSignal(tab.editor.attach_worker.failed):
        assert tab.editor.attach_file()
    assert "non è un vero file PDF" in message_boxes[-1].text
    assert file_cell(tab) == ""


def test_cancelling_the_file_dialog_changes_nothing(tab, chosen_files, message_boxes) -> None:
    assert not tab.editor.attach_file()
    assert message_boxes == [] and file_cell(tab) == ""


def test_attaching_keeps_unsaved_edits(qtbot, tab, tmp_path, chosen_files) -> None:
    from casedesk.domain.enums import DocumentStatus

    tab.editor.set_status(DocumentStatus.NOT_APPLICABLE)
    tab.editor.note_edit.setPlainText("Da chiarire")
    chosen_files.append(str(small_pdf(tmp_path / "statuto.pdf")))
    attach(qtbot, tab)
    assert tab.editor.status() is DocumentStatus.NOT_APPLICABLE
    assert tab.editor.note() == "Da chiarire" and tab.editor.is_dirty()
