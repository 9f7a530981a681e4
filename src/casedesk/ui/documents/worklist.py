"""«Da completare»: every association with mandatory papers missing or out of date.

Oldest first, with what is missing; a double click (or Enter) opens that
association's checklist; «Stampa…» (Ctrl+P) prints the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import AssociationStatus
from casedesk.services import documents
from casedesk.services.context import ServiceContext
from casedesk.services.documents import WorklistEntry
from casedesk.ui import palette
from casedesk.ui.documents.style import day_text, tr
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named
from casedesk.ui.widgets.printing import html_table, print_html
from casedesk.ui.widgets.table_model import RowsTableModel, rows_table
from casedesk.ui.widgets.worker import Worker


class WorklistModel(RowsTableModel[WorklistEntry]):
    """Association, status, since when, what is missing."""

    NAME, STATUS, SINCE, MISSING = range(4)
    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("Associazione"),
            self.tr("Stato"),
            self.tr("Dal"),
            self.tr("Cosa manca"),
        ]
        self._colors = {status: QColor(color) for status, color in palette.ASSOCIATION_STATUS.items()}
        # Colour is never the only sign of the status.
        self._icons: dict[AssociationStatus, QIcon] = {}

    entry = RowsTableModel.row_at

    def row_key(self, item: WorklistEntry) -> int:
        return item.association_id

    def text(self, entry: WorklistEntry, column: int) -> str:
        if column == self.NAME:
            return entry.name
        if column == self.STATUS:
            return entry.status.label
        if column == self.SINCE:
            return day_text(entry.since)
        if column == self.MISSING:
            return "; ".join(entry.missing)
        return ""

    def cell(self, entry: WorklistEntry, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return self._colors.get(entry.status)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            found = self._icons.get(entry.status)
            if found is None:
                found = self._icons[entry.status] = icon(
                    palette.ASSOCIATION_STATUS_ICONS[entry.status],
                    palette.ASSOCIATION_STATUS[entry.status],
                )
            return found
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.MISSING:
                return "\n".join(entry.missing)
            if column == self.NAME:
                return f"{entry.name}\n{entry.legal_form.label}"
            if column == self.SINCE:
                return self.tr("Registrata il {day}").format(day=day_text(entry.created_on))
            return self.text(entry, column) or None
        if role == self.ID_ROLE:
            return entry.association_id
        return None

    def header_tooltip(self, section: int) -> str | None:
        if section == self.SINCE:
            return self.tr(
                "Da quando i documenti non sono in regola: la registrazione, o la scadenza"
            )
        return None


def worklist_html(entries: Sequence[WorklistEntry], today: date) -> str:
    """The printable list (every text escaped)."""
    if len(entries) == 1:
        count = tr("1 associazione")
    else:
        count = tr("{n} associazioni").format(n=len(entries))
    return html_table(
        tr("Documenti da completare"),
        tr("Situazione al {day}: {count} con documenti obbligatori mancanti o scaduti.").format(
            day=day_text(today), count=count
        ),
        [tr("Associazione"), tr("Stato"), tr("Dal"), tr("Cosa manca")],
        [[e.name, e.status.label, day_text(e.since), "\n".join(e.missing)] for e in entries],
    )


class WorklistView(QWidget):
    """The «Da completare» page. `open_requested(id)`: show that association's papers."""

    open_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("worklist_view")
        self.model = WorklistModel(self)
        self.loaded_on: date | None = None

        self.summary_label = QLabel()
        self.summary_label.setObjectName("worklist_summary_label")
        self.summary_label.setWordWrap(True)
        self.refresh_button = named(
            QPushButton(icon("refresh"), self.tr("Aggiorna")),
            "worklist_refresh_button",
            self.tr("Aggiorna l'elenco"),
        )
        self.refresh_button.setToolTip(self.tr("Rileggi l'elenco (F5)"))
        self.refresh_button.clicked.connect(self.reload)
        self.print_button = named(
            QPushButton(icon("print"), self.tr("Stam&pa…")),
            "worklist_print_button",
            self.tr("Stampa l'elenco"),
        )
        self.print_button.setToolTip(self.tr("Stampa l'elenco delle associazioni (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_list)
        for button in (self.refresh_button, self.print_button):
            button.setAutoDefault(False)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.reload)

        self.table = rows_table(
            self.model, "worklist_table", self.tr("Associazioni con documenti da completare")
        )
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        self.table.setColumnWidth(WorklistModel.NAME, metrics.horizontalAdvance("M" * 24))
        self.table.setColumnWidth(
            WorklistModel.STATUS, metrics.horizontalAdvance("Sospesa") + metrics.height() + 32
        )
        self.table.setColumnWidth(WorklistModel.SINCE, metrics.horizontalAdvance("00/00/0000") + 28)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.installEventFilter(self)

        self.empty_label = QLabel(
            self.tr("Tutte le associazioni hanno i documenti obbligatori in regola.")
        )
        self.empty_label.setObjectName("worklist_empty_label")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.setObjectName("worklist_stack")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._reload_again = False
        self.load_worker = Worker(self, triggers=[self.refresh_button])
        self.load_worker.setObjectName("worklist_worker")
        self.load_worker.succeeded.connect(self._show_rows)
        self.load_worker.finished.connect(self._loaded)

    def reload(self) -> None:
        """Read the list again, off the UI thread (the whole register's papers: at 20,000
        associations over a second); the rows on screen stay until the new ones come.
        Asked again while a read runs, it reads once more after it."""
        if self.load_worker.is_busy():
            self._reload_again = True
            return
        ctx = self.ctx
        self.load_worker.start(lambda: (ctx.today(), documents.worklist(ctx)))

    def _loaded(self) -> None:
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _show_rows(self, result: tuple[date, list[WorklistEntry]]) -> None:
        self.loaded_on, rows = result
        keep = self.selected_id()
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)
        if len(rows) == 1:
            text = self.tr("1 associazione ha documenti obbligatori mancanti o scaduti.")
        else:
            text = self.tr(
                "{n} associazioni hanno documenti obbligatori mancanti o scaduti"
            ).format(n=len(rows))
            text += self.tr(", dalla più vecchia. Doppio clic o Invio per aprirne i documenti.")
        self.summary_label.setText(text if rows else "")
        self.print_button.setEnabled(bool(rows))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        if rows:
            self.table.resizeColumnToContents(WorklistModel.NAME)
            cap = max(self.table.viewport().width() * 35 // 100, 220)
            if self.table.columnWidth(WorklistModel.NAME) > cap:
                self.table.setColumnWidth(WorklistModel.NAME, cap)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return self.model.entry(index.row()).association_id
        return None

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_requested.emit(self.model.entry(row).association_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open(self.table.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    def print_list(self) -> bool:
        """Stampa…: the list as it is on screen, on the printer the desk chooses."""
        rows = self.model.rows()
        if not rows:
            return False
        done = print_html(
            self,
            worklist_html(rows, self.loaded_on or self.ctx.today()),
            self.tr("Documenti da completare"),
        )
        if done:
            self.status_message.emit(self.tr("Elenco dei documenti da completare stampato."))
        return done
