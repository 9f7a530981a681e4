"""The association form's pages after the first: description and notes, legal
representative and board, contacts; and the field helpers every page uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from casedesk.ui.associations.rows_editor import Column, RowsEditor
from casedesk.ui.widgets.forms import named

if TYPE_CHECKING:
    from casedesk.ui.associations.form import AssociationForm


def line_edit(name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    edit = named(QLineEdit(), f"{name}_edit", accessible)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return form


def build_description_page(form: AssociationForm) -> QWidget:
    m = form.messages
    form.description_edit = named(
        QPlainTextEdit(), "description_edit", form.tr("Descrizione per i cittadini")
    )
    form.description_edit.setPlaceholderText(
        form.tr(
            "Che cosa fa l'associazione, per chi, dove e quando: il testo che si legge "
            "ai cittadini allo sportello."
        )
    )
    form.notes_edit = named(QPlainTextEdit(), "notes_edit", form.tr("Note interne"))
    form.notes_edit.setPlaceholderText(form.tr("Note per la segreteria (non per i cittadini)."))
    for edit in (form.description_edit, form.notes_edit):
        edit.setTabChangesFocus(True)
    page = QWidget()
    page.setObjectName("description_page")
    layout = QVBoxLayout(page)
    for text, name, edit, stretch in (
        (form.tr("Descrizione per i &cittadini:"), "description", form.description_edit, 3),
        (form.tr("&Note interne:"), "notes", form.notes_edit, 2),
    ):
        label = QLabel(text)
        label.setObjectName(f"{name}_label")
        label.setBuddy(edit)
        layout.addWidget(label)
        layout.addWidget(m.wrap(name, edit), stretch)
    return page


def build_board_page(form: AssociationForm) -> QWidget:
    m = form.messages
    form.legal_representative_edit = line_edit(
        "legal_representative", form.tr("Legale rappresentante"), form.tr("nome e cognome")
    )
    form.board_editor = RowsEditor(
        "board",
        form.tr("Consiglio direttivo"),
        [
            Column("name", form.tr("Nome e cognome")),
            Column("role", form.tr("Ruolo"), "role", 170),
            Column("since", form.tr("In carica dal"), "date", 130),
        ],
        form.tr("Aggiungi &componente"),
    )
    fields = form_layout()
    fields.addRow(
        form.tr("&Legale rappresentante:"),
        m.wrap("legal_representative", form.legal_representative_edit),
    )
    board_label = QLabel(form.tr("Consiglio &direttivo:"))
    board_label.setObjectName("board_label")
    board_label.setBuddy(form.board_editor.table)
    page = QWidget()
    page.setObjectName("board_page")
    layout = QVBoxLayout(page)
    layout.addLayout(fields)
    layout.addWidget(board_label)
    layout.addWidget(m.wrap("board_members", form.board_editor, form.board_editor.table), 1)
    return page


def build_contacts_page(form: AssociationForm) -> QWidget:
    form.contacts_editor = RowsEditor(
        "contacts",
        form.tr("Referenti"),
        [
            Column("name", form.tr("Nome e cognome"), "text", 190),
            Column("phone", form.tr("Telefono"), "text", 140),
            Column("email", form.tr("Email"), "text", 190),
            Column("availability", form.tr("Quando si può contattare")),
            Column("meets_citizens", form.tr("Incontra i cittadini"), "check", 130),
        ],
        form.tr("Aggiungi &referente"),
    )
    intro = QLabel(
        form.tr(
            "Il primo referente è quello che compare nel registro. Chi «incontra i "
            "cittadini» può ricevere appuntamenti."
        )
    )
    intro.setObjectName("contacts_intro")
    intro.setWordWrap(True)
    page = QWidget()
    page.setObjectName("contacts_page")
    layout = QVBoxLayout(page)
    layout.addWidget(intro)
    layout.addWidget(
        form.messages.wrap("contact_persons", form.contacts_editor, form.contacts_editor.table),
        1,
    )
    return page
