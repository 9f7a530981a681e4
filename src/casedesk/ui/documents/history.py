"""«Iscrizioni»: an association's enrollments, its receipts, reprints and cancellations."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import EnrollmentStatus
from casedesk.domain.receipt import saved_pdf_name
from casedesk.services import enrollment as enrollments
from casedesk.services.context import ServiceContext
from casedesk.services.enrollment import EnrollmentInfo
from casedesk.services.errors import ServiceError
from casedesk.ui import palette
from casedesk.ui.documents.style import day_text
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.forms import named
from casedesk.ui.widgets.table_model import RowsTableModel, rows_table
from casedesk.ui.widgets.worker import Worker


def receipt_file_name(info: EnrollmentInfo, duplicate: bool = False) -> str:
    """e.g. «ricevuta-2026-0007.pdf», «ricevuta-2026-0007-duplicato.pdf»."""
    return saved_pdf_name(info.year, info.number, duplicate)


class EnrollmentsModel(RowsTableModel[EnrollmentInfo]):
    """The enrollments, newest first: number, date, operator, status, reasons."""

    NUMBER, DATE, OPERATOR, STATUS, REASONS = range(5)
    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("Numero"),
            self.tr("Data"),
            self.tr("Operatore"),
            self.tr("Stato"),
            self.tr("Motivi"),
        ]
        self._colors = {status: QColor(color) for status, color in palette.ENROLLMENT_STATUS.items()}
        # Colour is never the only sign of the status.
        self._icons: dict[EnrollmentStatus, QIcon] = {
            status: icon(palette.ENROLLMENT_STATUS_ICONS[status], color)
            for status, color in palette.ENROLLMENT_STATUS.items()
        }

    info = RowsTableModel.row_at

    def row_key(self, item: EnrollmentInfo) -> int:
        return item.id

    def reasons(self, info: EnrollmentInfo) -> str:
        parts = []
        if info.override_reason:
            parts.append(
                self.tr("Iscritta senza tutti i documenti: {reason}").format(
                    reason=info.override_reason
                )
            )
        if info.cancel_reason:
            parts.append(self.tr("Annullata: {reason}").format(reason=info.cancel_reason))
        return " · ".join(" ".join(p.split()) for p in parts)

    def _text(self, info: EnrollmentInfo, column: int) -> str:
        if column == self.NUMBER:
            return info.number_text
        if column == self.DATE:
            return day_text(info.enrolled_on)
        if column == self.OPERATOR:
            return info.operator_name
        if column == self.STATUS:
            return info.status.label
        if column == self.REASONS:
            return self.reasons(info)
        return ""

    def cell(self, info: EnrollmentInfo, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(info, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return self._colors.get(info.status)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return self._icons.get(info.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NUMBER:
                return (
                    self.tr("PDF archiviato: {path}").format(path=info.pdf_path)
                    if info.pdf_path
                    else self.tr("Nessun PDF archiviato: se ne stampa un duplicato.")
                )
            return self._text(info, column) or None
        if role == self.ID_ROLE:
            return info.id
        return None


class EnrollmentsPanel(QGroupBox):
    """The «Iscrizioni» box. Signals: `changed()` after a cancellation, `status_message`."""

    changed = Signal()
    status_message = Signal(str)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Iscrizioni"), parent)
        self.ctx = ctx
        self.setObjectName("enrollments_box")
        self.preview: QWidget | None = None  # the last receipt shown
        self.model = EnrollmentsModel(self)
        coordinator = bool(ctx.operator and ctx.operator.is_coordinator)

        self.table = rows_table(self.model, "enrollments_table", self.tr("Iscrizioni alla Casa"))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        for column, sample in (
            (EnrollmentsModel.NUMBER, "2026/0000"),
            (EnrollmentsModel.DATE, "00/00/0000"),
            (EnrollmentsModel.OPERATOR, "Alessandra Dell'Acqua"),
            (EnrollmentsModel.STATUS, "Annullata"),
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        self.table.setColumnWidth(
            EnrollmentsModel.STATUS,
            metrics.horizontalAdvance("Annullata") + metrics.height() + 32,  # with its icon
        )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _index: self.open_receipt())
        self.table.installEventFilter(self)

        self.empty_label = QLabel(
            self.tr("Nessuna iscrizione finora: la prima si fa con «Iscrivi…» qui sopra.")
        )
        self.empty_label.setObjectName("enrollments_empty_label")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.setObjectName("enrollments_stack")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        self.open_button = self._button(
            "open_receipt_button", "receipt", self.tr("&Apri ricevuta"), self.tr("Apri ricevuta")
        )
        self.open_button.setToolTip(
            self.tr("Il PDF consegnato all'iscrizione, come archiviato (Invio)")
        )
        self.open_button.clicked.connect(self.open_receipt)
        self.reprint_button = self._button(
            "reprint_button",
            "reprint",
            self.tr("Ristam&pa (duplicato)"),
            self.tr("Ristampa duplicato"),
        )
        self.reprint_button.setToolTip(
            self.tr("Un duplicato con i dati dell'iscrizione, segnato «DUPLICATO»")
        )
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.cancel_button = self._button(
            "cancel_receipt_button",
            "cancel_receipt",
            self.tr("A&nnulla ricevuta…"),
            self.tr("Annulla ricevuta"),
        )
        self.cancel_button.setToolTip(
            self.tr(
                "Annulla la ricevuta (con il motivo): il numero resta, l'associazione torna bozza"
            )
        )
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.cancel_button.setVisible(coordinator)

        buttons = QVBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # Opening and reprinting a receipt: off the UI thread, one at a time.
        self.receipt_worker = Worker(self, triggers=[self.open_button, self.reprint_button])
        self.receipt_worker.setObjectName("receipt_worker")
        self.receipt_worker.succeeded.connect(self._receipt_ready)
        self.receipt_worker.finished.connect(self._update_buttons)  # the selection may have moved
        self._receipt_for: EnrollmentInfo | None = None
        self.set_history([])

    def _button(self, name: str, purpose: str, text: str, accessible: str) -> QPushButton:
        button = named(QPushButton(icon(purpose), text), name, accessible)
        button.setAutoDefault(False)
        return button

    # --- data ------------------------------------------------------------------------------

    def set_history(self, rows: list[EnrollmentInfo]) -> None:
        keep = self.selected()
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)
        row = self.model.row_of(keep.id) if keep else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    def selected(self) -> EnrollmentInfo | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return self.model.info(index.row())
        return None

    def select_enrollment(self, enrollment_id: int) -> None:
        row = self.model.row_of(enrollment_id)
        if row is not None:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        info = self.selected()
        self.open_button.setEnabled(info is not None)
        valid = info is not None and not info.cancelled
        self.reprint_button.setEnabled(valid)
        self.cancel_button.setEnabled(valid)
        if info is not None and info.cancelled:
            self.reprint_button.setToolTip(
                self.tr("La ricevuta {number} è annullata: non se ne stampa un duplicato.").format(
                    number=info.number_text
                )
            )
        else:
            self.reprint_button.setToolTip(
                self.tr("Un duplicato con i dati dell'iscrizione, segnato «DUPLICATO»")
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_receipt()
            return True
        return super().eventFilter(watched, event)

    # --- actions ---------------------------------------------------------------------------

    def show_receipt(self, data: bytes, info: EnrollmentInfo, duplicate: bool) -> QWidget | None:
        from casedesk.ui.widgets.pdf_preview import show_pdf

        title = self.tr("Ricevuta {number} — {name}").format(
            number=info.number_text, name=info.association_name
        )
        if duplicate:
            title += " — " + self.tr("duplicato")
        elif info.cancelled:
            title += " — " + self.tr("annullata")
        self.preview = show_pdf(self.window(), data, title, receipt_file_name(info, duplicate))
        return self.preview

    def open_receipt(self, info: EnrollmentInfo | None = None) -> bool:
        """The archived PDF as handed out; a duplicate when it is gone or was altered.

        Read (and checked, or remade) off the UI thread, like a reprint: True when
        started; `receipt_worker` reports the end, and the preview opens then.
        """
        info = info or self.selected()
        if info is None or self.receipt_worker.is_busy():
            return False
        self._receipt_for = info
        chosen = info
        return self.receipt_worker.start(lambda: self._archived_or_duplicate(chosen))

    def _archived_or_duplicate(self, info: EnrollmentInfo) -> tuple[bytes, str]:
        """The PDF to show and, for a duplicate, why the archived one is not shown."""
        why = ""
        if info.pdf_path:
            try:
                path = enrollments.archived_pdf(self.ctx, info.id)
                if enrollments.verify_archive(self.ctx, info.id):
                    return path.read_bytes(), ""
                why = self.tr(
                    "Il PDF archiviato della ricevuta {number} è stato modificato dopo "
                    "l'iscrizione: viene mostrato un duplicato."
                ).format(number=info.number_text)
            except (ServiceError, OSError):
                why = self.tr(
                    "Il PDF archiviato della ricevuta {number} non si trova più: viene "
                    "mostrato un duplicato."
                ).format(number=info.number_text)
        else:
            why = self.tr(
                "Della ricevuta {number} non è archiviato il PDF: viene mostrato un duplicato."
            ).format(number=info.number_text)
        # A cancelled receipt has no duplicate: the service says so.
        return enrollments.reprint(self.ctx, info.number_text), why

    def reprint_selected(self) -> bool:
        """Ristampa: a duplicate made off the UI thread (the first receipt of a session
        loads the fonts); True when started, the preview opens when it is ready."""
        info = self.selected()
        if info is None or self.receipt_worker.is_busy():
            return False
        ctx, number = self.ctx, info.number_text
        self._receipt_for = info
        return self.receipt_worker.start(lambda: (enrollments.reprint(ctx, number), None))

    def _receipt_ready(self, result: tuple[bytes, str | None]) -> None:
        """`result`: the PDF and, when opened, why a duplicate is shown ("" if none);
        None for a reprint asked for."""
        data, note = result
        info = self._receipt_for
        assert info is not None
        if note is not None:
            if note:
                self.status_message.emit(note)
            self.show_receipt(data, info, duplicate=bool(note))
            return
        self.status_message.emit(
            self.tr("Duplicato della ricevuta {number} pronto da stampare.").format(
                number=info.number_text
            )
        )
        self.show_receipt(data, info, duplicate=True)

    def cancel_selected(self) -> EnrollmentInfo | None:
        info = self.selected()
        if info is None or info.cancelled:
            return None
        reason = questions.ask_reason(
            self,
            self.tr("Annulla la ricevuta {number}").format(number=info.number_text),
            self.tr(
                "La ricevuta {number} di «{name}» sarà annullata: il numero resta usato e, se "
                "non ha altre iscrizioni valide, l'associazione torna bozza. Scrivi il motivo "
                "(resta nel registro):"
            ).format(number=info.number_text, name=info.association_name),
            self.tr("Annulla la &ricevuta"),
        )
        if reason is None:
            return None
        try:
            cancelled = enrollments.cancel_enrollment(self.ctx, info.id, reason)
        except ServiceError as exc:
            show_service_error(self, exc)
            self.changed.emit()
            return None
        self.status_message.emit(
            self.tr("Ricevuta {number} annullata.").format(number=cancelled.number_text)
        )
        self.changed.emit()
        return cancelled
