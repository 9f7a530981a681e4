"""The association form's first page: identity and contact details, the sectors of
activity (the usual ones plus any the desk adds) and the RUNTS fields, open only to
an ETS."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import LegalForm, RuntsSection
from casedesk.domain.text_search import fold
from casedesk.ui.associations.form_sections import form_layout, line_edit
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named

if TYPE_CHECKING:
    from casedesk.ui.associations.form import AssociationForm


def build_identity_page(form: AssociationForm) -> QWidget:
    m = form.messages
    form.name_edit = line_edit("name", form.tr("Denominazione"))
    form.legal_form_combo = named(QComboBox(), "legal_form_combo", form.tr("Forma giuridica"))
    form.runts_section_combo = named(QComboBox(), "runts_section_combo", form.tr("Sezione RUNTS"))
    form.runts_section_combo.addItem(form.tr("—"), None)
    for section in RuntsSection:
        form.runts_section_combo.addItem(section.label, section.value)
    form.runts_number_edit = line_edit("runts_number", form.tr("Numero di repertorio RUNTS"))
    form.tax_code_edit = line_edit(
        "tax_code",
        form.tr("Codice fiscale"),
        form.tr("11 cifre per un ente, 16 caratteri per una persona"),
    )
    form.address_edit = line_edit(
        "address", form.tr("Indirizzo"), form.tr("via, numero civico, CAP, città")
    )
    form.email_edit = line_edit("email", form.tr("Email"))
    form.pec_edit = line_edit("pec", form.tr("PEC"))
    form.phone_edit = line_edit("phone", form.tr("Telefono"), form.tr("es. 02 1234 5678"))
    form.website_edit = line_edit("website", form.tr("Sito web"), form.tr("es. www.esempio.it"))
    fields = form_layout()
    fields.addRow(form.tr("&Denominazione:"), m.wrap("name", form.name_edit))
    fields.addRow(form.tr("&Forma giuridica:"), m.wrap("legal_form", form.legal_form_combo))
    fields.addRow(form.tr("Sezione &RUNTS:"), m.wrap("runts_section", form.runts_section_combo))
    fields.addRow(form.tr("N&umero RUNTS:"), m.wrap("runts_number", form.runts_number_edit))
    fields.addRow(form.tr("&Codice fiscale:"), m.wrap("tax_code", form.tax_code_edit))
    fields.addRow(form.tr("&Indirizzo:"), m.wrap("address", form.address_edit))
    fields.addRow(form.tr("&Email:"), m.wrap("email", form.email_edit))
    fields.addRow(form.tr("&PEC:"), m.wrap("pec", form.pec_edit))
    fields.addRow(form.tr("&Telefono:"), m.wrap("phone", form.phone_edit))
    fields.addRow(form.tr("Sito &web:"), m.wrap("website", form.website_edit))

    form.sectors_list = named(QListWidget(), "sectors_list", form.tr("Settori di attività"))
    form.sectors_list.setToolTip(form.tr("Spazio o clic: segna o togli un settore"))
    form.new_sector_edit = line_edit(
        "new_sector", form.tr("Altro settore"), form.tr("Altro settore…")
    )
    form.add_sector_button = named(
        QPushButton(icon("add"), form.tr("Aggiungi")),
        "add_sector_button",
        form.tr("Aggiungi il settore"),
    )
    form.add_sector_button.setAutoDefault(False)
    form.add_sector_button.clicked.connect(form._add_sector)
    form.new_sector_edit.returnPressed.connect(form._add_sector)
    form.seeking_volunteers_check = named(
        QCheckBox(form.tr("Cerca &volontari")),
        "seeking_volunteers_check",
        form.tr("Cerca volontari"),
    )
    sectors_box = QGroupBox(form.tr("Settori di attività"))
    sectors_box.setObjectName("sectors_box")
    add_row = QHBoxLayout()
    add_row.addWidget(form.new_sector_edit, 1)
    add_row.addWidget(form.add_sector_button)
    box = QVBoxLayout(sectors_box)
    box.addWidget(m.wrap("sectors", form.sectors_list), 1)
    box.addLayout(add_row)
    side = QVBoxLayout()
    side.addWidget(sectors_box, 1)
    side.addWidget(m.wrap("seeking_volunteers", form.seeking_volunteers_check))

    page = QWidget()
    page.setObjectName("identity_page")
    columns = QHBoxLayout(page)
    columns.addLayout(fields, 3)
    columns.addLayout(side, 2)
    return page


def _checkable_item(text: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
    )
    return item


def add_sector(form: AssociationForm) -> None:
    """Check the sector typed in «Altro settore», adding it to the list if new."""
    text = form.new_sector_edit.text().strip()
    if not text:
        return
    for i in range(form.sectors_list.count()):
        item = form.sectors_list.item(i)
        if fold(item.text()) == fold(text):
            item.setCheckState(Qt.CheckState.Checked)
            form.sectors_list.setCurrentItem(item)
            break
    else:
        form._known_sectors.append(text)
        item = _checkable_item(text)
        item.setCheckState(Qt.CheckState.Checked)
        form.sectors_list.addItem(item)
        form.sectors_list.setCurrentItem(item)
    form.new_sector_edit.clear()


def add_known_sector(known: list[str], sector: str) -> None:
    if sector.strip() and fold(sector) not in {fold(s) for s in known}:
        known.append(sector.strip())


def fill_sectors(form: AssociationForm, checked: Sequence[str]) -> None:
    for sector in checked:
        add_known_sector(form._known_sectors, sector)
    wanted = {fold(s) for s in checked}
    form.sectors_list.clear()
    for sector in form._known_sectors:
        item = _checkable_item(sector)
        item.setCheckState(
            Qt.CheckState.Checked if fold(sector) in wanted else Qt.CheckState.Unchecked
        )
        form.sectors_list.addItem(item)


def checked_sectors(form: AssociationForm) -> list[str]:
    checked = [
        form.sectors_list.item(i).text()
        for i in range(form.sectors_list.count())
        if form.sectors_list.item(i).checkState() == Qt.CheckState.Checked
    ]
    keys = {fold(s): s for s in checked}
    # Keep the saved order, so that an unchanged list reads as unchanged.
    ordered = [s for s in form._sector_order if fold(s) in keys]
    seen = {fold(s) for s in ordered}
    return ordered + [s for s in checked if fold(s) not in seen]


def update_runts_fields(form: AssociationForm) -> None:
    """The RUNTS section and number are open only to an ETS."""
    is_ets = form.legal_form() is LegalForm.ETS_RUNTS
    tip = "" if is_ets else form.tr("Solo per gli enti iscritti al RUNTS.")
    for widget in (form.runts_section_combo, form.runts_number_edit):
        widget.setEnabled(is_ets)
        widget.setToolTip(tip)
