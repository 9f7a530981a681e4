"""Colours, icons and short words the «Documenti» tab shares among its parts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from casedesk.domain.enums import AssociationStatus, DocumentStatus, EnrollmentStatus
from casedesk.services.documents import FileState
from casedesk.ui.icons import NAMES, icon

# Dark enough to read on white and on the alternate row colour.
DOCUMENT_COLORS = {
    DocumentStatus.MISSING: "#b3261e",  # red
    DocumentStatus.DELIVERED: "#1b6e20",  # green
    DocumentStatus.NOT_APPLICABLE: "#5f6368",  # grey
    DocumentStatus.OUTDATED: "#9a5800",  # amber
}
DOCUMENT_ICONS = {
    DocumentStatus.MISSING: "mdi6.close-circle",
    DocumentStatus.DELIVERED: "mdi6.check-circle",
    DocumentStatus.NOT_APPLICABLE: "mdi6.minus-circle",
    DocumentStatus.OUTDATED: "mdi6.alert-circle",
}
# The same colours as the register's status column.
ASSOCIATION_COLORS = {
    AssociationStatus.BOZZA: "#1a5fa8",
    AssociationStatus.ISCRITTA: "#1b6e20",
    AssociationStatus.SOSPESA: "#9a5800",
    AssociationStatus.CESSATA: "#6b6b6b",
}
ENROLLMENT_COLORS = {
    EnrollmentStatus.VALIDA: "#1b6e20",
    EnrollmentStatus.ANNULLATA: "#b3261e",
}
OK_COLOR = "#1b6e20"
WARNING_COLOR = "#9a5800"

FILE_ICONS = {
    FileState.OK: ("mdi6.file-check-outline", "#1b6e20"),
    FileState.MISSING: ("mdi6.file-remove-outline", "#b3261e"),
    FileState.CHANGED: ("mdi6.file-alert-outline", "#9a5800"),
    FileState.UNCHECKED: ("mdi6.file-question-outline", "#5f6368"),
}

_EXTRA_ICONS = {
    "enroll": "mdi6.stamper",
    "override": "mdi6.shield-alert-outline",
    "attach": "mdi6.paperclip",
    "open_file": "mdi6.file-eye-outline",
    "verify": "mdi6.file-certificate-outline",
    "record": "mdi6.content-save",
    "revert": "mdi6.undo",
    "receipt": "mdi6.file-document-outline",
    "reprint": "mdi6.printer",
    "cancel_receipt": "mdi6.file-cancel-outline",
    "print": "mdi6.printer",
    "refresh": "mdi6.refresh",
    "search": "mdi6.magnify",
    "worklist": "mdi6.clipboard-list-outline",
    "checklist": "mdi6.clipboard-check-outline",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


def doc_icon(purpose: str, color: str | None = None) -> QIcon:
    """The icon for `purpose`: the shared table first, then this tab's own."""
    if purpose in NAMES and color is None:
        return icon(purpose)
    import qtawesome

    name = _EXTRA_ICONS.get(purpose, purpose)
    return qtawesome.icon(name, color=color) if color else qtawesome.icon(name)


def status_icon(status: DocumentStatus) -> QIcon:
    return doc_icon(DOCUMENT_ICONS[status], DOCUMENT_COLORS[status])


def file_icon(state: FileState) -> QIcon | None:
    found = FILE_ICONS.get(state)
    return doc_icon(found[0], found[1]) if found else None


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
