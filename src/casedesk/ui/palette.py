"""The program's colours, in one place: every state has one colour in every window.

All are dark enough to read as text on white and on the alternate row colour
(contrast ≥ 4.5:1, checked by tests/ui/test_palette.py).
"""

from __future__ import annotations

from casedesk.domain.enums import AssociationStatus, DocumentStatus, EnrollmentStatus

ERROR = "#b3261e"  # red: what blocks, what is missing
WARNING = "#8a5300"  # amber: what deserves a look
OK = "#1b6e20"  # green: done, valid
INFO = "#1a5fa8"  # blue: in progress, a draft
MUTED = "#5f6368"  # grey: not applicable, ceased

# Banners: a light background with a border in the same hue.
WARNING_BACKGROUND = "#fff4e0"
WARNING_BORDER = "#e0b060"
ERROR_BACKGROUND = "#fdecea"
ERROR_BORDER = "#e6a19b"
INFO_BACKGROUND = "#e8f0fb"
INFO_BORDER = "#9cbce6"

ASSOCIATION_STATUS = {
    AssociationStatus.BOZZA: INFO,
    AssociationStatus.ISCRITTA: OK,
    AssociationStatus.SOSPESA: WARNING,
    AssociationStatus.CESSATA: MUTED,
}
DOCUMENT_STATUS = {
    DocumentStatus.MISSING: ERROR,
    DocumentStatus.DELIVERED: OK,
    DocumentStatus.NOT_APPLICABLE: MUTED,
    DocumentStatus.OUTDATED: WARNING,
}
ENROLLMENT_STATUS = {
    EnrollmentStatus.VALIDA: OK,
    EnrollmentStatus.ANNULLATA: ERROR,
}

# The icon (a key of ui.icons.NAMES) beside each status, so colour is never the only sign.
ASSOCIATION_STATUS_ICONS = {
    AssociationStatus.BOZZA: "state_draft",
    AssociationStatus.ISCRITTA: "state_ok",
    AssociationStatus.SOSPESA: "state_suspended",
    AssociationStatus.CESSATA: "state_ceased",
}
DOCUMENT_STATUS_ICONS = {
    DocumentStatus.MISSING: "state_missing",
    DocumentStatus.DELIVERED: "state_ok",
    DocumentStatus.NOT_APPLICABLE: "state_not_applicable",
    DocumentStatus.OUTDATED: "state_warning",
}
ENROLLMENT_STATUS_ICONS = {
    EnrollmentStatus.VALIDA: "state_ok",
    EnrollmentStatus.ANNULLATA: "state_cancelled",
}


def banner_style(object_name: str, background: str, border: str) -> str:
    """A style sheet for a rounded message strip named `object_name`."""
    return (
        f"#{object_name} {{ background: {background}; border: 1px solid {border};"
        " border-radius: 4px; }"
    )
