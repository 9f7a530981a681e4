"""The checklist of one association as a table: one row per required paper.

The status shown is the effective one (a delivered copy past its validity reads
«Da aggiornare»), in words and in colour, with an icon so that colour is never the
only sign.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from casedesk.domain.enums import DocumentStatus
from casedesk.services.documents import ChecklistEntry, ChecklistView, FileState
from casedesk.ui.documents.style import (
    DOCUMENT_COLORS,
    FILE_WORDS,
    day_text,
    file_icon,
    status_icon,
)

_Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class ChecklistModel(QAbstractTableModel):
    """Rows: the view's entries, in catalogue order. `REQUIREMENT_ROLE` gives the id."""

    DOCUMENT, MANDATORY, STATUS, RECEIVED_ON, RECEIVED_BY, NOTE, FILE = range(7)
    REQUIREMENT_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("Documento"),
            self.tr("Obbligatorio"),
            self.tr("Stato"),
            self.tr("Consegnato il"),
            self.tr("Ricevuto da"),
            self.tr("Note"),
            self.tr("File"),
        ]
        self._view: ChecklistView | None = None
        self._entries: tuple[ChecklistEntry, ...] = ()
        self._colors = {status: QColor(color) for status, color in DOCUMENT_COLORS.items()}
        self._status_icons: dict[DocumentStatus, QIcon] = {}
        self._file_icons: dict[FileState, QIcon | None] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # --- data in and out -------------------------------------------------------------------

    def set_view(self, view: ChecklistView | None) -> None:
        self.beginResetModel()
        self._view = view
        self._entries = view.entries if view else ()
        self.endResetModel()

    @property
    def view(self) -> ChecklistView | None:
        return self._view

    def entry(self, row: int) -> ChecklistEntry:
        return self._entries[row]

    def row_of(self, requirement_id: int) -> int | None:
        return next(
            (r for r, e in enumerate(self._entries) if e.requirement.id == requirement_id), None
        )

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
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

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.FILE:
            return self.tr("La copia scansionata: presente, mancante, modificata o da verificare")
        return None
