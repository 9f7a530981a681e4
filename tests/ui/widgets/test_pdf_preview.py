"""The PDF preview: loading, pages and zoom, printing (to a PDF-file QPrinter), saving."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from casedesk.ui.widgets.pdf_preview import (
    PdfError,
    PdfPreviewDialog,
    load_pdf,
    print_pdf,
    show_pdf,
)


def pdf_bytes(pages: int = 3) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for n in range(pages):
        canvas.drawString(100, 700, f"Ricevuta di prova — pagina {n + 1} di {pages}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdf_printer(path: Path, resolution: int | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if resolution:
        printer.setResolution(resolution)
    return printer


@pytest.fixture
def preview(qtbot) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(pdf_bytes(3), "Ricevuta 2026/0001", "ricevuta-2026-0001.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_print_pdf_writes_every_page(qapp, tmp_path) -> None:
    document = load_pdf(pdf_bytes(3))
    assert document.status() is QPdfDocument.Status.Ready
    target = tmp_path / "stampa.pdf"
    printer = pdf_printer(target)
    assert print_pdf(document, printer) == 3
    assert target.stat().st_size > 1000
    assert len(PdfReader(target).pages) == document.pageCount() == 3


def test_print_pdf_follows_the_page_range(qapp, tmp_path) -> None:
    document = load_pdf(pdf_bytes(3))
    target = tmp_path / "pagine.pdf"
    printer = pdf_printer(target, resolution=150)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(document, printer) == 2
    assert len(PdfReader(target).pages) == 2


def test_a_broken_pdf_is_refused_with_a_message(qapp, qtbot, message_boxes) -> None:
    with pytest.raises(PdfError, match="danneggiato"):
        load_pdf(b"%PDF-1.4 non proprio")
    assert show_pdf(None, b"niente", "Ricevuta", "r.pdf") is None
    assert "danneggiato" in message_boxes[-1].text


def test_the_preview_shows_the_pages(preview) -> None:
    assert preview.document.status() is QPdfDocument.Status.Ready
    assert preview.page_count() == 3
    assert preview.pages_label.text() == "di 3"
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert preview.fit_width_button.isChecked()
    assert preview.windowTitle() == "Ricevuta 2026/0001"


def test_page_navigation_and_zoom(qtbot, preview) -> None:
    assert not preview.previous_button.isEnabled() and preview.next_button.isEnabled()
    qtbot.mouseClick(preview.next_button, Qt.MouseButton.LeftButton)
    assert preview.current_page() == 1 and preview.page_spin.value() == 2
    preview.page_spin.setValue(3)
    assert preview.current_page() == 2 and not preview.next_button.isEnabled()

    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() is QPdfView.ZoomMode.Custom
    assert not preview.fit_width_button.isChecked()
    bigger = preview.view.zoomFactor()
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomFactor() < bigger
    qtbot.mouseClick(preview.fit_page_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitInView
    qtbot.mouseClick(preview.fit_width_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth


def test_print_button_prints_through_the_printer_dialog(
    qtbot, preview, tmp_path, monkeypatch
) -> None:
    target = tmp_path / "dalla-finestra.pdf"
    seen: list[tuple[int, int]] = []  # the page range offered (the dialog is deleted later)

    def fake_exec(dialog: QPrintDialog) -> int:
        seen.append((dialog.minPage(), dialog.maxPage()))
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    # The pages are rendered off the UI thread; meanwhile «Stampa…» waits.
    with qtbot.waitSignal(preview.print_worker.succeeded) as printed:
        qtbot.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        assert not preview.print_button.isEnabled()
        assert not preview.print_()  # no second printing while one runs
    assert printed.args == [3]
    assert preview.print_button.isEnabled()
    assert len(seen) == 1
    assert seen[0] == (1, 3)
    assert len(PdfReader(target).pages) == 3


def test_cancelling_the_printer_dialog_prints_nothing(preview, monkeypatch) -> None:
    monkeypatch.setattr(
        QPrintDialog, "exec", lambda _dialog: int(QDialog.DialogCode.Rejected.value)
    )
    assert not preview.print_()


def test_save_as_writes_the_same_bytes(qtbot, preview, tmp_path, monkeypatch) -> None:
    target = tmp_path / "copia"  # no extension: .pdf is added
    suggested: list[str] = []

    def fake_save(_parent, _title, where, _filter):
        suggested.append(where)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert suggested[0].endswith("ricevuta-2026-0001.pdf")
    saved = tmp_path / "copia.pdf"
    assert saved.read_bytes() == preview.data
    assert preview.saved_path == saved
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed
    # The folder is remembered for the next time.
    preview.save_as()
    assert Path(suggested[1]).parent == tmp_path


def test_save_into_a_missing_folder_says_so(preview, tmp_path, monkeypatch, message_boxes) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_a: (str(tmp_path / "manca" / "r.pdf"), "")),
    )
    assert preview.save_as() is None
    assert "Impossibile scrivere nella cartella" in message_boxes[-1].text


def test_escape_closes(qtbot, preview) -> None:
    qtbot.keyClick(preview.view, Qt.Key.Key_Escape)
    assert not preview.isVisible()


def test_every_control_is_named(preview, unnamed_widgets) -> None:
    assert unnamed_widgets(preview) == []


def test_show_pdf_opens_a_window_that_deletes_itself(qtbot) -> None:
    dialog = show_pdf(None, pdf_bytes(1), "Catalogo", "catalogo.pdf")
    assert isinstance(dialog, PdfPreviewDialog)
    qtbot.waitExposed(dialog)
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
    assert not any(isinstance(w, PdfPreviewDialog) for w in QApplication.topLevelWidgets())
