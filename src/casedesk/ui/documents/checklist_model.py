"""The checklist of one association as a table: one row per required paper.

The status shown is the effective one (a delivered copy past its validity reads
«Da aggiornare»), in words and in colour, with an icon so that colour is never the
only sign.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon

from casedesk.domain.enums import DocumentStatus
from casedesk.services.documents import ChecklistEntry, ChecklistView, FileState
from casedesk.ui import palette
from casedesk.ui.documents.style import FILE_WORDS, day_text, file_icon, status_icon
from casedesk.ui.widgets.table_model import RowsTableModel


class ChecklistModel(RowsTableModel[ChecklistEntry]):
    """Rows: the view's entries, in catalogue order. `REQUIREMENT_ROLE` gives the id."""

    DOCUMENT, MANDATORY, STATUS, RECEIVED_ON, RECEIVED_BY, NOTE, FILE = range(7)
    REQUIREMENT_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("Documento"),
            self.tr("Obbligatorio"),
            self.tr("Stato"),
            self.tr("Consegnato il"),
            self.tr("Ricevuto da"),
            self.tr("Note"),
            self.tr("File"),
        ]
        self._view: ChecklistView | None = None
        self._colors = {status: QColor(color) for status, color in palette.DOCUMENT_STATUS.items()}
        self._status_icons: dict[DocumentStatus, QIcon] = {}
        self._file_icons: dict[FileState, QIcon | None] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # --- data in and out -------------------------------------------------------------------

    def set_view(self, view: ChecklistView | None) -> None:
        self.beginResetModel()
        self._view = view
        self._rows = list(view.entries) if view else []
        self.endResetModel()

    @property
    def view(self) -> ChecklistView | None:
        return self._view

    entry = RowsTableModel.row_at

    def row_key(self, item: ChecklistEntry) -> int:
        return item.requirement.id

    # --- cells -----------------------------------------------------------------------------

    def text(self, entry: ChecklistEntry, column: int) -> str:
        if column == self.DOCUMENT:
            return entry.requirement.title
        if column == self.MANDATORY:
            return self.tr("Sì") if entry.requirement.mandatory else self.tr("No")
        if column == self.STATUS:
            return entry.status.label
        if column == self.RECEIVED_ON:
            if entry.status in (DocumentStatus.DELIVERED, DocumentStatus.OUTDATED):
                return day_text(entry.received_on)
            return ""
        if column == self.RECEIVED_BY:
            return entry.received_by if entry.status is not DocumentStatus.MISSING else ""
        if column == self.NOTE:
            return " ".join(entry.note.split())  # one line in the table; the tooltip has it all
        if column == self.FILE:
            word = FILE_WORDS[entry.file_state]
            return self.tr(word) if word else ""
        return ""

    def _tooltip(self, entry: ChecklistEntry, column: int) -> str | None:
        today = self._view.today if self._view else None
        if column == self.STATUS and today is not None:
            return entry.describe(today)
        if column == self.DOCUMENT:
            months = entry.requirement.validity_months
            kind = (
                self.tr("Obbligatorio") if entry.requirement.mandatory else self.tr("Facoltativo")
            )
            if months:
                return self.tr("{title}\n{kind}; una copia consegnata vale {n} mesi.").format(
                    title=entry.requirement.title, kind=kind, n=months
                )
            return f"{entry.requirement.title}\n{kind}."
        if column == self.FILE:
            if entry.file_state is FileState.NONE:
                return self.tr("Nessun file allegato.")
            return f"{entry.file_state.label}: {entry.file_path}"
        if column == self.RECEIVED_ON and entry.expires_on is not None:
            return self.tr("Scade il {day}").format(day=day_text(entry.expires_on))
        if column == self.NOTE:
            return entry.note or None
        return self.text(entry, column) or None

    def cell(self, entry: ChecklistEntry, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return self._colors[entry.status]
        if role == Qt.ItemDataRole.FontRole and column == self.STATUS:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.STATUS:
                found = self._status_icons.get(entry.status)
                if found is None:
                    found = self._status_icons[entry.status] = status_icon(entry.status)
                return found
            if column == self.FILE and entry.file_state is not FileState.NONE:
                if entry.file_state not in self._file_icons:
                    self._file_icons[entry.file_state] = file_icon(entry.file_state)
                return self._file_icons[entry.file_state]
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == self.REQUIREMENT_ROLE:
            return entry.requirement.id
        return None

    def header_tooltip(self, section: int) -> str | None:
        if section == self.FILE:
            return self.tr("La copia scansionata: presente, mancante, modificata o da verificare")
        return None
