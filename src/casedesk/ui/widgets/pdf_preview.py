"""A PDF on screen (receipts, the associations directory): page by page, print, save.

The PDF is shown with QtPdf (`QPdfDocument` read from memory through a QBuffer,
`QPdfView`). Printing renders each page to an image at the printer's resolution
(at most `MAX_PRINT_DPI`) and paints it on the printer: `print_pdf` is that loop,
usable without the dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.services.errors import ServiceError
from casedesk.ui import settings
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named
from casedesk.ui.widgets.printing import choose_printer
from casedesk.ui.widgets.worker import Worker

MAX_PRINT_DPI = 300
_ZOOM_STEP = 1.25


def _tr(text: str) -> str:
    return QCoreApplication.translate("pdf_preview", text)


class PdfError(Exception):
    """A PDF that cannot be shown or printed (the message is Italian)."""


def load_pdf(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument read from `data` (the buffer lives as long as the document)."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() is not QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PdfError(
            _tr("Il PDF non si può mostrare: il file è danneggiato o incompleto ({error}).").format(
                error=document.error().name
            )
        )
    return document


def _page_range(printer: QPrinter, count: int) -> range:
    if printer.printRange() is QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = (printer.toPage() or count) - 1
        return range(max(first, 0), min(last, count - 1) + 1)
    return range(count)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page of `document` (or the printer's page range); pages printed.

    Each page is scaled to fit the paper, centred; it is rendered at the printer's
    resolution, at most MAX_PRINT_DPI (an A4 page is then 2480 × 3508 pixels).
    Raises PdfError when the printer cannot be opened.
    """
    pages = _page_range(printer, document.pageCount())
    if not pages:
        return 0
    printer.setFullPage(True)  # the PDF has its own margins: print it 1:1
    painter = QPainter()
    if not painter.begin(printer):
        raise PdfError(
            _tr("La stampante «{name}» non è pronta: controlla che sia accesa e riprova.").format(
                name=printer.printerName() or printer.outputFileName()
            )
        )
    try:
        dpi = printer.resolution()
        render_scale = min(1.0, MAX_PRINT_DPI / dpi) if dpi > 0 else 1.0
        for n, page in enumerate(pages):
            if n and not printer.newPage():
                raise PdfError(_tr("La stampa si è interrotta: riprova."))
            paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            points = document.pagePointSize(page)
            natural = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            # Scale to fit the paper, keeping the proportions.
            fit = min(paper.width() / natural.width(), paper.height() / natural.height())
            width, height = natural.width() * fit, natural.height() * fit
            target = QRectF(
                QPointF((paper.width() - width) / 2, (paper.height() - height) / 2),
                QSize(round(width), round(height)),
            )
            image = document.render(
                page, QSize(round(width * render_scale), round(height * render_scale))
            )
            painter.fillRect(target, QColor("white"))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


class PdfPreviewDialog(QDialog):
    """Shows a PDF; Stampa… (Ctrl+P), Salva come… (Ctrl+S), Chiudi (Esc).

    `pdf_error` is raised by the constructor (PdfError) for bytes that are no PDF.
    """

    def __init__(
        self,
        data: bytes,
        title: str,
        suggested_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(title)
        self.data = data
        self.suggested_name = suggested_name
        self.saved_path: Path | None = None
        self.document = load_pdf(data, self)

        self.view = named(QPdfView(self), "pdf_view", _tr("Anteprima del documento"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._build_toolbar()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._buttons)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self._page_changed(0)
        # Printing renders every page at the printer's resolution: off the UI thread.
        self.print_worker = Worker(self, triggers=[self.print_button])
        self.print_worker.setObjectName("print_worker")
        screen = self.screen().availableGeometry()
        self.resize(min(860, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))
        self.view.setFocus()

    # --- building ----------------------------------------------------------------------

    def _tool(
        self, name: str, purpose: str, tip: str, keys: str | QKeySequence.StandardKey
    ) -> QToolButton:
        button = named(QToolButton(), name, tip)
        button.setIcon(icon(purpose))
        sequence = QKeySequence(keys)
        button.setToolTip(f"{tip} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")
        shortcut = QShortcut(sequence, self)
        shortcut.activated.connect(button.click)
        button.setAutoRaise(True)
        return button

    def _build_toolbar(self) -> None:
        count = self.document.pageCount()
        self.previous_button = self._tool(
            "previous_page_button", "previous_page", _tr("Pagina precedente"), "PgUp"
        )
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.page_spin = named(QSpinBox(), "page_spin", _tr("Pagina"))
        self.page_spin.setRange(1, count)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.pages_label = QLabel(_tr("di {n}").format(n=count))
        self.pages_label.setObjectName("pages_label")
        page_label = QLabel(_tr("Pa&gina"))
        page_label.setObjectName("page_label")
        page_label.setBuddy(self.page_spin)
        self.next_button = self._tool(
            "next_page_button", "next_page", _tr("Pagina successiva"), "PgDown"
        )
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.fit_width_button = self._tool(
            "fit_width_button",
            "fit_width",
            _tr("Adatta alla larghezza"),
            "Ctrl+0",
        )
        self.fit_width_button.setCheckable(True)
        self.fit_width_button.clicked.connect(self.fit_width)
        self.fit_page_button = self._tool(
            "fit_page_button", "fit_page", _tr("Pagina intera"), "Ctrl+9"
        )
        self.fit_page_button.setCheckable(True)
        self.fit_page_button.clicked.connect(self.fit_page)
        self.zoom_out_button = self._tool(
            "zoom_out_button",
            "zoom_out",
            _tr("Riduci"),
            QKeySequence.StandardKey.ZoomOut,
        )
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / _ZOOM_STEP))
        self.zoom_in_button = self._tool(
            "zoom_in_button",
            "zoom_in",
            _tr("Ingrandisci"),
            QKeySequence.StandardKey.ZoomIn,
        )
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(_ZOOM_STEP))
        self._toolbar = QHBoxLayout()
        self._toolbar.addWidget(self.previous_button)
        self._toolbar.addWidget(page_label)
        self._toolbar.addWidget(self.page_spin)
        self._toolbar.addWidget(self.pages_label)
        self._toolbar.addWidget(self.next_button)
        self._toolbar.addSpacing(16)
        self._toolbar.addWidget(self.fit_width_button)
        self._toolbar.addWidget(self.fit_page_button)
        self._toolbar.addWidget(self.zoom_out_button)
        self._toolbar.addWidget(self.zoom_in_button)
        self._toolbar.addStretch(1)
        self._sync_zoom_buttons()

    def _build_buttons(self) -> None:
        self.print_button = named(
            QPushButton(icon("print"), _tr("&Stampa…")), "print_button", _tr("Stampa")
        )
        self.print_button.setToolTip(_tr("Stampa con la stampante scelta (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(self.print_)
        self.save_button = named(
            QPushButton(icon("save"), _tr("Sal&va come…")),
            "save_as_button",
            _tr("Salva come"),
        )
        self.save_button.setToolTip(_tr("Salva una copia del PDF (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_as)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save_as)
        self.close_button = named(
            QPushButton(icon("close"), _tr("&Chiudi")), "close_button", _tr("Chiudi")
        )
        self.close_button.setToolTip(_tr("Chiudi l'anteprima (Esc)"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        self.print_button.setDefault(True)
        self._buttons = QHBoxLayout()
        self._buttons.addWidget(self.print_button)
        self._buttons.addWidget(self.save_button)
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.close_button)

    # --- pages and zoom ------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        if page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count() - 1)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._sync_zoom_buttons()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._sync_zoom_buttons()

    def zoom_by(self, factor: float) -> None:
        zoom = self._effective_zoom() * factor
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(zoom, 6.0)))
        self._sync_zoom_buttons()

    def _effective_zoom(self) -> float:
        """The zoom now on screen, also when the view fits the page to its size."""
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        page = self.document.pagePointSize(max(self.current_page(), 0))
        # QPdfView shows a page at zoom 1 with its size in points converted to pixels.
        dpi = self.logicalDpiX() or 96
        width = page.width() * dpi / 72
        height = page.height() * dpi / 72
        area = self.view.viewport().size()
        by_width = (area.width() - 2 * self.view.documentMargins().left()) / width
        if self.view.zoomMode() is QPdfView.ZoomMode.FitToWidth:
            return max(by_width, 0.1)
        by_height = (area.height() - 2 * self.view.documentMargins().top()) / height
        return max(min(by_width, by_height), 0.1)

    def _sync_zoom_buttons(self) -> None:
        mode = self.view.zoomMode()
        self.fit_width_button.setChecked(mode is QPdfView.ZoomMode.FitToWidth)
        self.fit_page_button.setChecked(mode is QPdfView.ZoomMode.FitInView)

    # --- print and save -------------------------------------------------------------------

    def print_(self) -> bool:
        """Stampa…: the printer dialog, then every page (or the range chosen).

        The pages are rendered and sent off the UI thread, from a copy of the PDF read
        there: True when printing started (`print_worker` reports the end; a printer
        that is not ready is said in a message box); False if the desk cancelled or a
        printing is still running.
        """
        if self.print_worker.is_busy():
            QApplication.beep()
            return False
        printer = choose_printer(
            self, _tr("Stampa"), pages=self.page_count(), document_name=self.windowTitle()
        )
        if printer is None:
            return False
        data = self.data

        def run() -> int:
            try:
                return print_pdf(load_pdf(data), printer)
            except PdfError as exc:
                raise ServiceError(str(exc)) from exc

        return self.print_worker.start(run)

    def save_as(self) -> Path | None:
        """Salva come…: a copy of the PDF where the desk chooses (temporary file, rename)."""
        folder = settings.PDF_FOLDER.folder()
        path_text, _chosen = QFileDialog.getSaveFileName(
            self,
            _tr("Salva il PDF"),
            str(Path(folder) / self.suggested_name),
            _tr("Documenti PDF (*.pdf)"),
        )
        if not path_text:
            return None
        path = Path(path_text)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(f"{path.name}.pdf")
        # Imported here: the write-then-rename helper of the services layer.
        from casedesk.services.files import write_atomically

        try:
            write_atomically(path, self.data)
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        settings.PDF_FOLDER.remember(path)
        self.saved_path = path
        return path


def show_pdf(
    parent: QWidget | None, data: bytes, title: str, suggested_name: str
) -> PdfPreviewDialog | None:
    """Open a preview (not modal: the desk can go on working); None if the PDF is broken."""
    try:
        dialog = PdfPreviewDialog(data, title, suggested_name, parent)
    except PdfError as exc:
        show_service_error(parent, exc)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.activateWindow()
    return dialog
