"""The association form's page for the contact persons (referenti), in the order the
desk gives them: the first is the one the register shows."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from casedesk.domain.associations import AssociationDraft, ContactPersonDraft
from casedesk.ui.associations.fields import Reading
from casedesk.ui.associations.rows_editor import Column, RowsEditor
from casedesk.ui.associations.widgets import FieldMessages


class ContactsPage(QWidget):
    """The contact persons' table. `edited("contact_persons")` on every change."""

    edited = Signal(str)

    def __init__(self, messages: FieldMessages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contacts_page")
        self.contacts_editor = RowsEditor(
            "contacts",
            self.tr("Referenti"),
            [
                Column("name", self.tr("Nome e cognome"), "text", 190),
                Column("phone", self.tr("Telefono"), "text", 140),
                Column("email", self.tr("Email"), "text", 190),
                Column("availability", self.tr("Quando si può contattare")),
                Column("meets_citizens", self.tr("Incontra i cittadini"), "check", 130),
            ],
            self.tr("Aggiungi &referente"),
            movable=True,
        )
        intro = QLabel(
            self.tr(
                "Il primo referente è quello che compare nel registro: l'ordine si cambia "
                "con «Su» e «Giù» (o Ctrl+↑ e Ctrl+↓). Chi «incontra i cittadini» può "
                "ricevere appuntamenti."
            )
        )
        intro.setObjectName("contacts_intro")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(
            messages.wrap("contact_persons", self.contacts_editor, self.contacts_editor.table),
            1,
        )
        self.contacts_editor.changed.connect(lambda: self.edited.emit("contact_persons"))

    def load(self, draft: AssociationDraft | None) -> None:
        self.contacts_editor.set_rows(
            {
                "id": c.id,
                "name": c.name,
                "phone": c.phone,
                "email": c.email,
                "availability": c.availability,
                "meets_citizens": c.meets_citizens,
            }
            for c in (draft.contact_persons if draft else [])
        )

    def read(self, into: Reading) -> Reading:
        contacts: list[ContactPersonDraft] = []
        rows: list[int] = []
        for row, values in self.contacts_editor.rows():
            rows.append(row)
            contacts.append(
                ContactPersonDraft(
                    values["name"],
                    values["phone"],
                    values["email"],
                    values["availability"],
                    values["meets_citizens"],
                    id=values["id"],
                )
            )
        return replace(
            into,
            draft=replace(into.draft, contact_persons=contacts),
            table_rows={**into.table_rows, "contact_persons": rows},
        )
