"""The association form's enrollment-history line in the header: read-only, the
latest four enrollments (cancelled ones struck through); they are made in the
«Documenti» tab."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from casedesk.services.context import ServiceContext
from casedesk.services.enrollment import EnrollmentStanding, enrollment_history, enrollment_standing
from casedesk.services.errors import ServiceError

SHOWN = 4


class EnrollmentLine(QLabel):
    """«Iscrizioni: 2026/0007 del 12/03/2026 · …», hidden for a new association."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollments_label")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_for(self, ctx: ServiceContext, association_id: int | None) -> None:
        if association_id is None:
            self.hide()
            return
        try:
            history = enrollment_history(ctx, association_id)
        except ServiceError:
            history = []
        if not history:
            self.setText(self.tr("Iscrizioni: nessuna finora."))
            self.show()
            return
        parts = []
        for e in history[:SHOWN]:
            text = self.tr("{number} del {day}").format(
                number=e.number_text, day=e.enrolled_on.strftime("%d/%m/%Y")
            )
            if e.cancelled:
                text = f"<s>{html.escape(text)}</s> ({html.escape(self.tr('annullata'))})"
            else:
                text = html.escape(text)
            parts.append(text)
        if len(history) > SHOWN:
            parts.append(html.escape(self.tr("e altre {n}").format(n=len(history) - SHOWN)))
        text = html.escape(self.tr("Iscrizioni: ")) + " · ".join(parts)
        try:
            standing: EnrollmentStanding | None = enrollment_standing(ctx, association_id)
        except ServiceError:
            standing = None
        if standing is not None and standing.last_receipt is not None:
            text += "<br>" + html.escape(self.last_receipt_text(standing))
        self.setText(text)
        self.show()

    def last_receipt_text(self, standing: EnrollmentStanding) -> str:
        """«Ultima ricevuta: 2026/0007 del 04/03/2026, scade il 04/03/2027.»"""
        last = standing.last_receipt
        assert last is not None
        text = self.tr("Ultima ricevuta: {number} del {day}").format(
            number=last.number, day=last.enrolled_on.strftime("%d/%m/%Y")
        )
        if standing.ends_on is None:
            return text + self.tr(", valida fino a revoca.")
        ends = standing.ends_on.strftime("%d/%m/%Y")
        if standing.renewal_due:
            return text + self.tr(", scaduta il {day}: da rinnovare.").format(day=ends)
        return text + self.tr(", scade il {day}.").format(day=ends)
