"""The association form's enrollment-history line in the header: read-only, the
latest four enrollments (cancelled ones struck through); they are made in the
«Documenti» tab."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from casedesk.services.enrollment import enrollment_history
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
    label.setText(html.escape(form.tr("Iscrizioni: ")) + " · ".join(parts))
    label.show()
