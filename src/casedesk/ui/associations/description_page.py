"""The association form's page for the description read to citizens and the desk's
internal notes."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from casedesk.domain.associations import AssociationDraft
from casedesk.ui.associations.fields import Reading
from casedesk.ui.associations.widgets import FieldMessages
from casedesk.ui.widgets.forms import named


class DescriptionPage(QWidget):
    """«Descrizione per i cittadini» and «Note interne». `edited(field)` as the desk types."""

    edited = Signal(str)

    def __init__(self, messages: FieldMessages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("description_page")
        self._loading = False
        self.description_edit = named(
            QPlainTextEdit(), "description_edit", self.tr("Descrizione per i cittadini")
        )
        self.description_edit.setPlaceholderText(
            self.tr(
                "Che cosa fa l'associazione, per chi, dove e quando: il testo che si legge "
                "ai cittadini allo sportello."
            )
        )
        self.notes_edit = named(QPlainTextEdit(), "notes_edit", self.tr("Note interne"))
        self.notes_edit.setPlaceholderText(self.tr("Note per la segreteria (non per i cittadini)."))
        layout = QVBoxLayout(self)
        for text, name, edit, stretch in (
            (self.tr("Descrizione per i &cittadini:"), "description", self.description_edit, 3),
            (self.tr("&Note interne:"), "notes", self.notes_edit, 2),
        ):
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(lambda key=name: self._edited(key))
            label = QLabel(text)
            label.setObjectName(f"{name}_label")
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(messages.wrap(name, edit), stretch)

    def _edited(self, key: str) -> None:
        if not self._loading:
            self.edited.emit(key)

    def load(self, draft: AssociationDraft | None) -> None:
        """Show `draft` (None: empty); emits nothing."""
        self._loading = True
        try:
            self.description_edit.setPlainText(draft.description if draft else "")
            self.notes_edit.setPlainText(draft.notes if draft else "")
        finally:
            self._loading = False

    def read(self, into: Reading) -> Reading:
        draft = replace(
            into.draft,
            description=self.description_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
        )
        return replace(into, draft=draft)
