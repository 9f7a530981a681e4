"""What the «Documenti» tab's parts share: status icons, file states, short words."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from casedesk.domain.enums import DocumentStatus
from casedesk.services.documents import FileState
from casedesk.ui import palette
from casedesk.ui.icons import icon

FILE_ICONS = {
    FileState.OK: ("file_ok", palette.OK),
    FileState.MISSING: ("file_missing", palette.ERROR),
    FileState.CHANGED: ("file_changed", palette.WARNING),
    FileState.UNCHECKED: ("file_unchecked", palette.MUTED),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


def status_icon(status: DocumentStatus) -> QIcon:
    return icon(palette.DOCUMENT_STATUS_ICONS[status], palette.DOCUMENT_STATUS[status])


def file_icon(state: FileState) -> QIcon | None:
    found = FILE_ICONS.get(state)
    return icon(found[0], found[1]) if found else None


# How the File column says each state, in a word or two.
FILE_WORDS = {
    FileState.NONE: "",
    FileState.OK: "presente",
    FileState.MISSING: "mancante",
    FileState.CHANGED: "modificato",
    FileState.UNCHECKED: "non verificato",
}


def day_text(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
