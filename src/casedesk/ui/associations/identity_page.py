"""The association form's first page: identity and contact details, the sectors of
activity (the usual ones plus any the desk adds) and the RUNTS fields, open only to
an ETS."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.associations import DEFAULT_SECTORS, AssociationDraft
from casedesk.domain.enums import LegalForm, RuntsSection
from casedesk.domain.text_search import fold
from casedesk.domain.validation import FieldError
from casedesk.ui.associations.fields import Reading, form_layout, line_edit
from casedesk.ui.associations.widgets import FieldMessages
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named


def _checkable_item(text: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
    )
    return item


def add_known_sector(known: list[str], sector: str) -> None:
    """Append `sector` to `known` unless it is there already (case and accents aside)."""
    if sector.strip() and fold(sector) not in {fold(s) for s in known}:
        known.append(sector.strip())


class IdentityPage(QWidget):
    """Name, legal form, RUNTS, tax code, contacts, sectors, «cerca volontari».

    `edited(field)` when the desk changes a field (not while loading), `finished(field)`
    when it leaves a line edit. `choose_legal_form`: a new association, whose legal
    form the desk must choose (nothing is assumed).
    """

    edited = Signal(str)
    finished = Signal(str)

    def __init__(
        self,
        messages: FieldMessages,
        *,
        sectors: Iterable[str] = (),
        choose_legal_form: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("identity_page")
        self._loading = False
        self._choose_legal_form = choose_legal_form
        self._sector_order: list[str] = []
        self._known_sectors = list(DEFAULT_SECTORS)
        for sector in sorted(sectors, key=fold):
            add_known_sector(self._known_sectors, sector)

        m = messages
        self.name_edit = line_edit("name", self.tr("Denominazione"))
        self.legal_form_combo = named(QComboBox(), "legal_form_combo", self.tr("Forma giuridica"))
        self.runts_section_combo = named(
            QComboBox(), "runts_section_combo", self.tr("Sezione RUNTS")
        )
        self.runts_section_combo.addItem(self.tr("—"), None)
        for section in RuntsSection:
            self.runts_section_combo.addItem(section.label, section.value)
        self.runts_number_edit = line_edit("runts_number", self.tr("Numero di repertorio RUNTS"))
        self.tax_code_edit = line_edit(
            "tax_code",
            self.tr("Codice fiscale"),
            self.tr("11 cifre per un ente, 16 caratteri per una persona"),
        )
        self.address_edit = line_edit(
            "address", self.tr("Indirizzo"), self.tr("via, numero civico, CAP, città")
        )
        self.email_edit = line_edit("email", self.tr("Email"))
        self.pec_edit = line_edit("pec", self.tr("PEC"))
        self.phone_edit = line_edit("phone", self.tr("Telefono"), self.tr("es. 02 1234 5678"))
        self.website_edit = line_edit("website", self.tr("Sito web"), self.tr("es. www.esempio.it"))
        fields = form_layout()
        fields.addRow(self.tr("&Denominazione:"), m.wrap("name", self.name_edit))
        fields.addRow(self.tr("&Forma giuridica:"), m.wrap("legal_form", self.legal_form_combo))
        fields.addRow(self.tr("Sezione &RUNTS:"), m.wrap("runts_section", self.runts_section_combo))
        fields.addRow(self.tr("N&umero RUNTS:"), m.wrap("runts_number", self.runts_number_edit))
        fields.addRow(self.tr("&Codice fiscale:"), m.wrap("tax_code", self.tax_code_edit))
        fields.addRow(self.tr("&Indirizzo:"), m.wrap("address", self.address_edit))
        fields.addRow(self.tr("&Email:"), m.wrap("email", self.email_edit))
        fields.addRow(self.tr("&PEC:"), m.wrap("pec", self.pec_edit))
        fields.addRow(self.tr("&Telefono:"), m.wrap("phone", self.phone_edit))
        fields.addRow(self.tr("Sito &web:"), m.wrap("website", self.website_edit))

        self.sectors_list = named(QListWidget(), "sectors_list", self.tr("Settori di attività"))
        self.sectors_list.setToolTip(self.tr("Spazio o clic: segna o togli un settore"))
        self.new_sector_edit = line_edit(
            "new_sector", self.tr("Altro settore"), self.tr("Altro settore…")
        )
        self.add_sector_button = named(
            QPushButton(icon("add"), self.tr("Aggiungi")),
            "add_sector_button",
            self.tr("Aggiungi il settore"),
        )
        self.add_sector_button.setAutoDefault(False)
        self.add_sector_button.clicked.connect(self.add_sector)
        self.new_sector_edit.returnPressed.connect(self.add_sector)
        self.seeking_volunteers_check = named(
            QCheckBox(self.tr("Cerca &volontari")),
            "seeking_volunteers_check",
            self.tr("Cerca volontari"),
        )
        sectors_box = QGroupBox(self.tr("Settori di attività"))
        sectors_box.setObjectName("sectors_box")
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_sector_edit, 1)
        add_row.addWidget(self.add_sector_button)
        box = QVBoxLayout(sectors_box)
        box.addWidget(m.wrap("sectors", self.sectors_list), 1)
        box.addLayout(add_row)
        side = QVBoxLayout()
        side.addWidget(sectors_box, 1)
        side.addWidget(m.wrap("seeking_volunteers", self.seeking_volunteers_check))

        columns = QHBoxLayout(self)
        columns.addLayout(fields, 3)
        columns.addLayout(side, 2)
        self._connect()
        self.load(None)

    def _connect(self) -> None:
        lines: dict[str, QLineEdit] = {
            "name": self.name_edit,
            "runts_number": self.runts_number_edit,
            "tax_code": self.tax_code_edit,
            "address": self.address_edit,
            "email": self.email_edit,
            "pec": self.pec_edit,
            "phone": self.phone_edit,
            "website": self.website_edit,
        }
        for key, edit in lines.items():
            edit.textEdited.connect(lambda _text, k=key: self._edited(k))
            edit.editingFinished.connect(lambda k=key: self.finished.emit(k))
        self.legal_form_combo.currentIndexChanged.connect(self._legal_form_changed)
        self.runts_section_combo.currentIndexChanged.connect(
            lambda _i: self._edited("runts_section")
        )
        self.sectors_list.itemChanged.connect(lambda _item: self._edited("sectors"))
        self.seeking_volunteers_check.toggled.connect(
            lambda _on: self._edited("seeking_volunteers")
        )

    def _edited(self, key: str) -> None:
        if not self._loading:
            self.edited.emit(key)

    def _legal_form_changed(self, _index: int) -> None:
        self._update_runts_fields()
        self._edited("legal_form")

    # --- loading and reading -----------------------------------------------------------

    def load(self, draft: AssociationDraft | None) -> None:
        """Show `draft` (None: empty fields); emits nothing."""
        self._loading = True
        try:
            d = draft or Reading().draft
            self._sector_order = list(d.sectors)
            self.legal_form_combo.clear()
            if self._choose_legal_form:
                self.legal_form_combo.addItem(self.tr("— scegli la forma giuridica —"), None)
            for form in LegalForm:
                self.legal_form_combo.addItem(form.label, form.value)
            if not self._choose_legal_form:
                self.legal_form_combo.setCurrentIndex(
                    self.legal_form_combo.findData(d.legal_form.value)
                )
            self.name_edit.setText(d.name)
            self.tax_code_edit.setText(d.tax_code)
            self.runts_section_combo.setCurrentIndex(
                self.runts_section_combo.findData(
                    d.runts_section.value if d.runts_section else None
                )
            )
            self.runts_number_edit.setText(d.runts_number)
            self.address_edit.setText(d.address)
            self.email_edit.setText(d.email)
            self.pec_edit.setText(d.pec)
            self.phone_edit.setText(d.phone)
            self.website_edit.setText(d.website)
            self._fill_sectors(d.sectors)
            self.seeking_volunteers_check.setChecked(d.seeking_volunteers)
        finally:
            self._loading = False
        self._update_runts_fields()

    def legal_form(self) -> LegalForm | None:
        value = self.legal_form_combo.currentData()
        return LegalForm(value) if value else None

    def read(self, into: Reading) -> Reading:
        """`into` with this page's fields (a missing legal form is a problem)."""
        form = self.legal_form()
        problems = list(into.problems)
        if form is None:
            problems.append(FieldError("legal_form", self.tr("Scegli la forma giuridica.")))
        section = self.runts_section_combo.currentData()
        draft = replace(
            into.draft,
            name=self.name_edit.text(),
            legal_form=form or LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA,
            tax_code=self.tax_code_edit.text(),
            runts_section=RuntsSection(section) if section else None,
            runts_number=self.runts_number_edit.text(),
            address=self.address_edit.text(),
            email=self.email_edit.text(),
            pec=self.pec_edit.text(),
            phone=self.phone_edit.text(),
            website=self.website_edit.text(),
            sectors=self.checked_sectors(),
            seeking_volunteers=self.seeking_volunteers_check.isChecked(),
        )
        return replace(into, draft=draft, legal_form=form, problems=tuple(problems))

    def focus_name(self) -> None:
        """The cursor at the end of the name, nothing selected: typing adds, never replaces."""
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name_edit.deselect()
        self.name_edit.end(False)

    # --- sectors -----------------------------------------------------------------------

    def add_sector(self) -> None:
        """Check the sector typed in «Altro settore», adding it to the list if new."""
        text = self.new_sector_edit.text().strip()
        if not text:
            return
        for i in range(self.sectors_list.count()):
            item = self.sectors_list.item(i)
            if fold(item.text()) == fold(text):
                item.setCheckState(Qt.CheckState.Checked)
                self.sectors_list.setCurrentItem(item)
                break
        else:
            self._known_sectors.append(text)
            item = _checkable_item(text)
            item.setCheckState(Qt.CheckState.Checked)
            self.sectors_list.addItem(item)
            self.sectors_list.setCurrentItem(item)
        self.new_sector_edit.clear()

    def _fill_sectors(self, checked: Sequence[str]) -> None:
        for sector in checked:
            add_known_sector(self._known_sectors, sector)
        wanted = {fold(s) for s in checked}
        self.sectors_list.clear()
        for sector in self._known_sectors:
            item = _checkable_item(sector)
            item.setCheckState(
                Qt.CheckState.Checked if fold(sector) in wanted else Qt.CheckState.Unchecked
            )
            self.sectors_list.addItem(item)

    def checked_sectors(self) -> list[str]:
        checked = [
            self.sectors_list.item(i).text()
            for i in range(self.sectors_list.count())
            if self.sectors_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        keys = {fold(s): s for s in checked}
        # Keep the saved order, so that an unchanged list reads as unchanged.
        ordered = [s for s in self._sector_order if fold(s) in keys]
        seen = {fold(s) for s in ordered}
        return ordered + [s for s in checked if fold(s) not in seen]

    def _update_runts_fields(self) -> None:
        """The RUNTS section and number are open only to an ETS."""
        is_ets = self.legal_form() is LegalForm.ETS_RUNTS
        tip = "" if is_ets else self.tr("Solo per gli enti iscritti al RUNTS.")
        for widget in (self.runts_section_combo, self.runts_number_edit):
            widget.setEnabled(is_ets)
            widget.setToolTip(tip)
