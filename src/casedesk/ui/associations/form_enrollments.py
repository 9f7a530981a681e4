"""The association form's enrollment-history line in the header: read-only, the
latest four enrollments (cancelled ones struck through); they are made in the
«Documenti» tab."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from casedesk.services.enrollment import EnrollmentStanding, enrollment_history, enrollment_standing
from casedesk.services.errors import ServiceError

if TYPE_CHECKING:
    from casedesk.ui.associations.form import AssociationForm

SHOWN = 4


def build_enrollments_label() -> QLabel:
    label = QLabel()
    label.setObjectName("enrollments_label")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def show_enrollments(form: AssociationForm, association_id: int) -> None:
    label = form.enrollments_label
    try:
        history = enrollment_history(form.ctx, association_id)
    except ServiceError:
        history = []
    if not history:
        label.setText(form.tr("Iscrizioni: nessuna finora."))
        label.show()
        return
    parts = []
    for e in history[:SHOWN]:
        text = form.tr("{number} del {day}").format(
            number=e.number_text, day=e.enrolled_on.strftime("%d/%m/%Y")
        )
        if e.cancelled:
            text = f"<s>{html.escape(text)}</s> ({html.escape(form.tr('annullata'))})"
        else:
            text = html.escape(text)
        parts.append(text)
    if len(history) > SHOWN:
        parts.append(html.escape(form.tr("e altre {n}").format(n=len(history) - SHOWN)))
    text = html.escape(form.tr("Iscrizioni: ")) + " · ".join(parts)
    try:
        standing = enrollment_standing(form.ctx, association_id)
    except ServiceError:
        standing = None
    if standing is not None and standing.last_receipt is not None:
        text += "<br>" + html.escape(last_receipt_text(form, standing))
    label.setText(text)
    label.show()


def last_receipt_text(form: AssociationForm, standing: EnrollmentStanding) -> str:
    """«Ultima ricevuta: 2026/0007 del 04/03/2026, scade il 04/03/2027.»"""
    last = standing.last_receipt
    assert last is not None
    text = form.tr("Ultima ricevuta: {number} del {day}").format(
        number=last.number, day=last.enrolled_on.strftime("%d/%m/%Y")
    )
    if standing.ends_on is None:
        return text + form.tr(", valida fino a revoca.")
    ends = standing.ends_on.strftime("%d/%m/%Y")
    if standing.renewal_due:
        return text + form.tr(", scaduta il {day}: da rinnovare.").format(day=ends)
    return text + form.tr(", scade il {day}.").format(day=ends)
